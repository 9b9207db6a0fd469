package cidr_test

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/cidr"
)

func TestSet(t *testing.T) {
	p := netip.MustParsePrefix
	s := cidr.NewSet(
		p("10.0.0.0/16"), p("10.0.1.0/24"), p("10.0.1.0/24"), // a duplicate
		p("10.0.1.128/25"), p("10.1.0.0/28"), p("10.1.0.16/28"), // adjacent
		p("192.168.7.9/24"), // host bits
		p("0.0.0.0/32"), p("255.255.255.255/32"),
		p("2600:1f00::/56"), p("2600:1f00:0:ff::/64"), p("fd00::/8"),
		netip.Prefix{}, // invalid, left out
	)
	if got, want := s.Len(), 11; got != want {
		t.Fatalf("Len() = %d, want %d", got, want)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"10.0.1.77/32", []string{"10.0.0.0/16", "10.0.1.0/24"}},
		{"10.0.1.200/32", []string{"10.0.0.0/16", "10.0.1.0/24", "10.0.1.128/25"}},
		{"10.0.0.0/8", []string{"10.0.0.0/16", "10.0.1.0/24", "10.0.1.128/25", "10.1.0.0/28", "10.1.0.16/28"}},
		{"10.0.0.0/16", []string{"10.0.0.0/16", "10.0.1.0/24", "10.0.1.128/25"}},
		{"10.0.1.0/25", []string{"10.0.0.0/16", "10.0.1.0/24"}},
		{"10.1.0.0/27", []string{"10.1.0.0/28", "10.1.0.16/28"}},
		{"10.1.0.32/27", nil},
		{"10.1.0.15/32", []string{"10.1.0.0/28"}},
		{"10.2.0.0/16", nil},
		{"192.168.7.0/24", []string{"192.168.7.0/24"}},
		{"192.168.6.0/24", nil},
		{"0.0.0.0/0", []string{"0.0.0.0/32", "10.0.0.0/16", "10.0.1.0/24", "10.0.1.128/25", "10.1.0.0/28", "10.1.0.16/28", "192.168.7.0/24", "255.255.255.255/32"}},
		{"0.0.0.1/32", nil},
		{"255.255.255.254/32", nil},
		{"255.255.255.254/31", []string{"255.255.255.255/32"}},
		{"2600:1f00:0:ff::1/128", []string{"2600:1f00::/56", "2600:1f00:0:ff::/64"}},
		{"2600:1f00:0:100::/56", nil},
		{"fd00:ec2::/32", []string{"fd00::/8"}},
		{"::/0", []string{"2600:1f00::/56", "2600:1f00:0:ff::/64", "fd00::/8"}},
		{"::ffff:10.0.0.0/104", nil}, // IPv4-mapped IPv6 is IPv6
		{"fe80::/10", nil},
	}
	for _, tt := range tests {
		q := p(tt.query)
		var want []netip.Prefix
		for _, w := range tt.want {
			want = append(want, p(w))
		}
		got := s.Overlapping(q)
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
			t.Errorf("Overlapping(%v) mismatch (-want +got):\n%s", q, diff)
		}
		if got, want := s.Overlaps(q), len(tt.want) > 0; got != want {
			t.Errorf("Overlaps(%v) = %v, want %v", q, got, want)
		}
	}
	if s.Overlaps(netip.Prefix{}) || s.Overlapping(netip.Prefix{}) != nil {
		t.Errorf("the invalid prefix overlaps something")
	}
	all := slices.Collect(s.All())
	if len(all) != s.Len() || all[0] != p("0.0.0.0/32") || all[len(all)-1] != p("fd00::/8") {
		t.Errorf("All() = %v", all)
	}
}

func TestSetZero(t *testing.T) {
	var s cidr.Set
	q := netip.MustParsePrefix("0.0.0.0/0")
	if s.Len() != 0 || s.Overlaps(q) || s.Overlapping(q) != nil || len(slices.Collect(s.All())) != 0 {
		t.Fatalf("the zero Set is not empty")
	}
	if e := cidr.NewSet(); e.Len() != 0 || e.Overlaps(netip.MustParsePrefix("::/0")) {
		t.Fatalf("NewSet() is not empty")
	}
}

func TestSetOverlapsAllocs(t *testing.T) {
	var ps []netip.Prefix
	for i := range 1000 {
		ps = append(ps, netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 4), byte(i << 4), 0}), 20+i%9).Masked())
		ps = append(ps, netip.PrefixFrom(netip.AddrFrom16([16]byte{0x26, 0, byte(i >> 8), byte(i)}), 48+i%16).Masked())
	}
	s := cidr.NewSet(ps...)
	queries := []netip.Prefix{
		netip.MustParsePrefix("10.3.0.0/16"), netip.MustParsePrefix("10.3.7.9/32"), netip.MustParsePrefix("11.0.0.0/8"),
		netip.MustParsePrefix("0.0.0.0/0"), netip.MustParsePrefix("2600:3::/32"), netip.MustParsePrefix("2601::/16"),
		netip.MustParsePrefix("2600:1:2::1/128"),
	}
	for _, q := range queries {
		if n := testing.AllocsPerRun(100, func() { s.Overlaps(q) }); n != 0 {
			t.Errorf("Overlaps(%v) allocates %v times per call, want 0", q, n)
		}
	}
}

// TestSetEdges queries the blocks right next to each member, of every
// length, on sparse sets whose members are far smaller than the index's
// slots: the places where an off-by-one in the slot states or the interval
// ends would show.
func TestSetEdges(t *testing.T) {
	p := netip.MustParsePrefix
	sets := [][]netip.Prefix{
		{p("10.0.0.0/24"), p("10.255.0.0/24"), p("10.128.0.0/30")},
		{p("0.0.0.0/31"), p("255.255.255.254/31"), p("128.0.0.0/32")},
		{p("2600::/64"), p("2600:0:0:ffff::/64"), p("2600:0:0:8000::/120")},
		{p("::/127"), p("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"), p("8000::/128")},
		{p("2600:1f00::/56"), p("2600:1f00:0:1::/64"), p("2600:1f00:0:1:8000::/65"), p("2600:1f00:ff00::/40")},
	}
	for _, members := range sets {
		s := cidr.NewSet(members...)
		for _, m := range members {
			first, last := m.Addr(), netipLast(m)
			for bits := m.Bits(); bits <= m.Addr().BitLen(); bits++ {
				var qs []netip.Prefix
				if next := last.Next(); next.IsValid() {
					qs = append(qs, netip.PrefixFrom(next, bits).Masked())
				}
				if prev := first.Prev(); prev.IsValid() {
					qs = append(qs, netip.PrefixFrom(prev, bits).Masked())
				}
				qs = append(qs, netip.PrefixFrom(first, bits).Masked(), netip.PrefixFrom(last, bits).Masked())
				for _, q := range qs {
					want := false
					for _, o := range members {
						want = want || overlapsSlow(o, q)
					}
					if got := s.Overlaps(q); got != want {
						t.Errorf("set %v: Overlaps(%v) = %v, want %v", members, q, got, want)
					}
				}
			}
		}
	}
}

// netipLast returns the last address of p.
func netipLast(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().AsSlice()
	host := p.Addr().BitLen() - p.Bits()
	for i := len(a) - 1; i >= 0 && host > 0; i-- {
		n := min(host, 8)
		a[i] |= byte(1<<n - 1)
		host -= n
	}
	last, _ := netip.AddrFromSlice(a)
	return last
}
