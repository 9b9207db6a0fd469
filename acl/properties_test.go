package acl_test

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/acl"
)

// oracle decides p the slow, obvious way: try every rule number from 1 up,
// and take the first entry of p's direction with that number that matches,
// testing the address by comparing it with every address of a /24-or-
// larger block's first and last address.
func oracle(entries []acl.Entry, p acl.Packet) (acl.Action, bool) {
	for n := 1; n <= acl.CatchAllIPv6; n++ {
		for _, e := range entries {
			if e.RuleNumber != n || e.Egress != p.Egress {
				continue
			}
			first := e.CIDR.Masked().Addr()
			last := first
			for i := e.CIDR.Bits(); i < first.BitLen(); i++ {
				b := last.AsSlice()
				b[i/8] |= 1 << (7 - i%8)
				last, _ = netip.AddrFromSlice(b)
			}
			if p.Addr.BitLen() != first.BitLen() || p.Addr.Less(first) || last.Less(p.Addr) {
				continue
			}
			if e.Protocol != -1 && e.Protocol != p.Protocol {
				continue
			}
			if (e.Protocol == 6 || e.Protocol == 17) && (p.Port < e.PortFrom || p.Port > e.PortTo) {
				continue
			}
			if e.Protocol == 1 && ((e.ICMPType != -1 && e.ICMPType != p.Port) || (e.ICMPCode != -1 && e.ICMPCode != p.ICMPCode)) {
				continue
			}
			return e.Action, true
		}
	}
	return "", false
}

// TestEvaluateOracle builds an ACL from random create, replace and delete
// calls and compares its decisions with the oracle's, whatever the order
// the entries were made in.
func TestEvaluateOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := acl.NewDefault("acl-12345678", "vpc-12345678", "111122223333")
		if rapid.Bool().Draw(t, "custom") {
			a = acl.New("acl-12345678", "vpc-12345678", "111122223333")
		}
		for i := range rapid.IntRange(0, 12).Draw(t, "n") {
			s := acl.EntrySpec{
				RuleNumber:   rapid.SampledFrom([]int{1, 2, 50, 100, 101, 32766}).Draw(t, fmt.Sprint("num", i)),
				Egress:       rapid.Bool().Draw(t, fmt.Sprint("egress", i)),
				Action:       rapid.SampledFrom([]string{"allow", "deny"}).Draw(t, fmt.Sprint("action", i)),
				Protocol:     rapid.SampledFrom([]string{"-1", "6", "17", "1", "50"}).Draw(t, fmt.Sprint("proto", i)),
				CIDRBlock:    rapid.SampledFrom([]string{"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"}).Draw(t, fmt.Sprint("cidr", i)),
				HasPortRange: true, HasICMP: true,
			}
			s.PortFrom = rapid.IntRange(0, 4).Draw(t, fmt.Sprint("from", i))
			s.PortTo = s.PortFrom + rapid.IntRange(0, 3).Draw(t, fmt.Sprint("span", i))
			s.ICMPType = rapid.IntRange(-1, 2).Draw(t, fmt.Sprint("type", i))
			s.ICMPCode = rapid.IntRange(-1, 2).Draw(t, fmt.Sprint("code", i))
			var next acl.ACL
			var err error
			switch rapid.IntRange(0, 2).Draw(t, fmt.Sprint("op", i)) {
			case 0:
				next, err = a.CreateEntry(s, 0)
			case 1:
				next, err = a.ReplaceEntry(s)
			default:
				next, err = a.DeleteEntry(s.Egress, s.RuleNumber)
			}
			if err == nil {
				a = next
			}
		}
		es := a.Entries()
		if !slices.IsSortedFunc(es, func(x, y acl.Entry) int {
			if x.Egress != y.Egress {
				if !x.Egress {
					return -1
				}
				return 1
			}
			return x.RuleNumber - y.RuleNumber
		}) {
			t.Fatalf("entries out of order: %+v", es)
		}
		p := acl.Packet{
			Egress:   rapid.Bool().Draw(t, "pegress"),
			Protocol: rapid.SampledFrom([]int{6, 17, 1, 50}).Draw(t, "pproto"),
			Port:     rapid.IntRange(0, 7).Draw(t, "port"),
			ICMPCode: rapid.IntRange(0, 2).Draw(t, "pcode"),
			Addr: rapid.SampledFrom([]netip.Addr{netip.MustParseAddr("10.1.2.3"), netip.MustParseAddr("10.1.3.3"),
				netip.MustParseAddr("10.2.0.1"), netip.MustParseAddr("192.0.2.1")}).Draw(t, "addr"),
		}
		want, ok := oracle(es, p)
		e, got := a.Evaluate(p)
		if ok != got || e.Action != want {
			t.Fatalf("Evaluate(%+v) = %+v, %v; oracle says %q, %v (entries %+v)", p, e, got, want, ok, es)
		}
	})
}
