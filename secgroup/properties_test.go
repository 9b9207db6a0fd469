package secgroup_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/secgroup"
)

// genSpec draws rules from a small space, so that sequences meet
// duplicates and revocations meet their rules.
func genSpec() *rapid.Generator[secgroup.RuleSpec] {
	return rapid.Custom(func(t *rapid.T) secgroup.RuleSpec {
		s := secgroup.RuleSpec{Protocol: rapid.SampledFrom([]string{"tcp", "6", "udp", "-1", "50", "icmp"}).Draw(t, "proto")}
		from := rapid.IntRange(0, 3).Draw(t, "from")
		s.FromPort, s.ToPort, s.HasFromPort, s.HasToPort = from, from+rapid.IntRange(0, 2).Draw(t, "span"), true, true
		switch rapid.IntRange(0, 2).Draw(t, "peer") {
		case 0:
			s.Peer = secgroup.CIDRPeer(netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(rapid.IntRange(0, 2).Draw(t, "net")), 0, 0}), 16))
		case 1:
			s.Peer = secgroup.CIDRPeer(netip.MustParsePrefix("2001:db8::/32"))
		default:
			s.Peer = secgroup.GroupPeer(secgroup.GroupRef{GroupID: rapid.SampledFrom([]string{"sg-11111111", "sg-22222222"}).Draw(t, "sg")})
		}
		return s
	})
}

// modelKey is the model's idea of a rule's identity, computed
// independently of the package: protocol names and numbers folded by hand,
// ports ignored where the protocol has none.
func modelKey(egress bool, s secgroup.RuleSpec) string {
	p := map[string]string{"6": "tcp", "tcp": "tcp", "udp": "udp", "-1": "-1", "50": "50", "icmp": "icmp"}[s.Protocol]
	from, to := s.FromPort, s.ToPort
	if p == "-1" || p == "50" {
		from, to = -1, -1
	}
	return fmt.Sprintf("%v/%s/%d/%d/%s", egress, p, from, to, s.Peer)
}

// TestAuthorizeRevokeModel plays random authorize and revoke requests on a
// group and on a set of rule keys, with a small quota: the two agree on
// every refusal and on the rules held.
func TestAuthorizeRevokeModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		random := rand.NewChaCha8([32]byte{9})
		g, _ := secgroup.Create(secgroup.GroupSpec{OwnerID: "111122223333", VPCID: "vpc-12345678", Name: "g", Description: "d"}, random)
		model := map[string]bool{"true/-1/-1/-1/0.0.0.0/0": true}
		const limit = 4
		count := func(egress, v6 bool) int {
			n := 0
			for _, r := range g.Rules() {
				if r.Egress == egress && r.IsIPv6() == v6 {
					n++
				}
			}
			return n
		}
		t.Repeat(map[string]func(*rapid.T){
			"authorize": func(t *rapid.T) {
				egress := rapid.Bool().Draw(t, "egress")
				specs := rapid.SliceOfN(genSpec(), 1, 3).Draw(t, "specs")
				seen, dup := map[string]bool{}, false
				add := map[bool]int{}
				for _, s := range specs {
					k := modelKey(egress, s)
					dup = dup || model[k] || seen[k]
					seen[k] = true
					_, v6 := s.Peer.CIDR()
					c, _ := s.Peer.CIDR()
					add[v6 && c.Addr().Is6()]++
				}
				next, added, err := g.Authorize(egress, specs, limit, random)
				switch {
				case dup:
					mustFail(t, err, secgroup.ErrDuplicate)
				case count(egress, false)+add[false] > limit || count(egress, true)+add[true] > limit:
					mustFail(t, err, secgroup.ErrRuleLimit)
				case err != nil || len(added) != len(specs):
					t.Fatalf("Authorize = %v, %v, want success", added, err)
				default:
					g = next
					for k := range seen {
						model[k] = true
					}
				}
			},
			"revoke": func(t *rapid.T) {
				egress := rapid.Bool().Draw(t, "egress")
				s := genSpec().Draw(t, "spec")
				next, gone, err := g.Revoke(egress, []secgroup.RuleSpec{s})
				if k := modelKey(egress, s); !model[k] {
					mustFail(t, err, secgroup.ErrRuleNotFound)
				} else if err != nil || len(gone) != 1 {
					t.Fatalf("Revoke = %v, %v, want one rule", gone, err)
				} else {
					g = next
					delete(model, k)
				}
			},
			"revokeByID": func(t *rapid.T) {
				rs := g.Rules()
				if len(rs) == 0 {
					return
				}
				r := rapid.SampledFrom(rs).Draw(t, "rule")
				egress := rapid.Bool().Draw(t, "egress")
				next, _, err := g.RevokeIDs(egress, []string{r.ID})
				if egress != r.Egress {
					mustFail(t, err, secgroup.ErrRuleIDNotFound)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				g = next
				for k := range model {
					if k == fmt.Sprintf("%v/%s/%d/%d/%s", r.Egress, r.Protocol, r.FromPort, r.ToPort, r.Peer) {
						delete(model, k)
					}
				}
			},
			"": func(t *rapid.T) {
				rs := g.Rules()
				if len(rs) != len(model) {
					t.Fatalf("group holds %d rules, model %d: %v", len(rs), len(model), rs)
				}
				for _, r := range rs {
					if k := fmt.Sprintf("%v/%s/%d/%d/%s", r.Egress, r.Protocol, r.FromPort, r.ToPort, r.Peer); !model[k] {
						t.Fatalf("rule %s not in the model", k)
					}
				}
			},
		})
	})
}

func mustFail(t *rapid.T, err, cause error) {
	t.Helper()
	var e *secgroup.Error
	if !errors.Is(err, cause) || !errors.As(err, &e) || e.ErrorCode() == "" {
		t.Fatalf("err = %v, want a *secgroup.Error wrapping %v", err, cause)
	}
}

// slowAdmits is the oracle: it expands every rule into the set of
// (protocol, port) pairs it covers and asks whether the packet's pair is
// there, with its peer.
func slowAdmits(rules []secgroup.Rule, p secgroup.Packet) bool {
	for _, r := range rules {
		if r.Egress != p.Egress {
			continue
		}
		covered := map[string]bool{}
		for _, proto := range []secgroup.Protocol{"tcp", "udp", "icmp", "50"} {
			if r.Protocol != "-1" && r.Protocol != proto {
				continue
			}
			for port := -1; port <= 8; port++ {
				if r.Protocol == "tcp" || r.Protocol == "udp" {
					if port < r.FromPort || port > r.ToPort {
						continue
					}
				}
				if r.Protocol == "icmp" && r.FromPort != -1 && r.FromPort != port {
					continue
				}
				covered[fmt.Sprint(proto, port)] = true
			}
		}
		if r.Protocol == "icmp" && r.ToPort != -1 && r.ToPort != p.ICMPCode {
			continue
		}
		if !covered[fmt.Sprint(p.Protocol, p.Port)] {
			continue
		}
		if c, ok := r.Peer.CIDR(); ok {
			// Compare address bits by hand: the first Bits() bits agree.
			a, b := p.Addr.AsSlice(), c.Addr().AsSlice()
			if len(a) != len(b) {
				continue
			}
			match := true
			for i := 0; i < c.Bits(); i++ {
				if a[i/8]>>(7-i%8)&1 != b[i/8]>>(7-i%8)&1 {
					match = false
				}
			}
			if match {
				return true
			}
			continue
		}
		ref, _ := r.Peer.Group()
		for _, id := range p.Groups {
			if id == ref.GroupID {
				return true
			}
		}
	}
	return false
}

// TestAdmitsOracle compares Admits with the oracle on random rule sets and
// packets.
func TestAdmitsOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var rules []secgroup.Rule
		for i, s := range rapid.SliceOfN(genSpec(), 0, 6).Draw(t, "specs") {
			r, err := s.Rule(rapid.Bool().Draw(t, fmt.Sprint("egress", i)))
			if err != nil {
				t.Fatal(err)
			}
			rules = append(rules, r)
		}
		p := secgroup.Packet{
			Egress:   rapid.Bool().Draw(t, "pegress"),
			Protocol: rapid.SampledFrom([]secgroup.Protocol{"tcp", "udp", "icmp", "50"}).Draw(t, "pproto"),
			Port:     rapid.IntRange(0, 6).Draw(t, "port"),
			ICMPCode: rapid.IntRange(0, 2).Draw(t, "code"),
			Addr: rapid.SampledFrom([]netip.Addr{netip.MustParseAddr("10.0.1.1"), netip.MustParseAddr("10.1.0.9"),
				netip.MustParseAddr("10.7.0.1"), netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db9::1")}).Draw(t, "addr"),
			Groups: rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"sg-11111111", "sg-22222222"}), 0, 2, rapid.ID).Draw(t, "groups"),
		}
		if got, want := secgroup.Admits(rules, p), slowAdmits(rules, p); got != want {
			t.Fatalf("Admits(%+v, %+v) = %v, oracle says %v", rules, p, got, want)
		}
	})
}
