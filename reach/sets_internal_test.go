package reach

import (
	"net/netip"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestPortsProperty checks the port set operations against a set of every
// port, one by one.
func TestPortsProperty(t *testing.T) {
	rng := rapid.Custom(func(t *rapid.T) PortRange {
		a, b := rapid.IntRange(0, 40).Draw(t, "a"), rapid.IntRange(0, 40).Draw(t, "b")
		return PortRange{min(a, b), max(a, b)}
	})
	set := rapid.Custom(func(t *rapid.T) ports {
		var s ports
		for _, r := range rapid.SliceOfN(rng, 0, 4).Draw(t, "ranges") {
			s = s.union(ports{r})
		}
		return s
	})
	has := func(s ports, p int) bool {
		return slices.ContainsFunc(s, func(r PortRange) bool { return r.From <= p && p <= r.To })
	}
	wellFormed := func(t *rapid.T, s ports) {
		for i, r := range s {
			if !r.IsValid() || i > 0 && r.From <= s[i-1].To+1 {
				t.Fatalf("not sorted, disjoint and apart: %v", s)
			}
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		s, u := set.Draw(t, "s"), set.Draw(t, "u")
		r := rng.Draw(t, "r")
		in, out, or, diff := s.intersect(r), s.minus(r), s.union(u), s.minusAll(u)
		for _, x := range []ports{in, out, or, diff} {
			wellFormed(t, x)
		}
		for p := range 42 {
			inR := r.From <= p && p <= r.To
			if has(in, p) != (has(s, p) && inR) || has(out, p) != (has(s, p) && !inR) || has(or, p) != (has(s, p) || has(u, p)) ||
				has(diff, p) != (has(s, p) && !has(u, p)) {
				t.Fatalf("port %d: s %v u %v r %v: ∩ %v \\ %v ∪ %v s\\u %v", p, s, u, r, in, out, or, diff)
			}
		}
	})
}

// TestPiecesProperty checks that the pieces of an address set start at
// the set's first address and at every boundary inside it, and nowhere
// else: two addresses fall in one piece exactly when no boundary lies
// between them.
func TestPiecesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		addr := func(label string) uint32 { return uint32(rapid.IntRange(0, 255).Draw(t, label)) }
		var ps []netip.Prefix
		for i := range rapid.IntRange(1, 3).Draw(t, "set") {
			ps = append(ps, netip.PrefixFrom(addrOf(addr(label(i))), rapid.IntRange(26, 32).Draw(t, "bits")).Masked())
		}
		s := spansOf(ps)
		var cut []uint64
		for i := range rapid.IntRange(0, 4).Draw(t, "cuts") {
			cut = bounds(cut, netip.PrefixFrom(addrOf(addr(label(10+i))), rapid.IntRange(27, 32).Draw(t, "cut bits")).Masked())
		}
		got := s.pieces(slices.Clone(cut))
		var want []netip.Addr
		for a := uint32(0); a < 512; a++ {
			inSet := slices.ContainsFunc(s, func(x span) bool { return x.lo <= a && a <= x.hi })
			if !inSet {
				continue
			}
			prevIn := a > 0 && slices.ContainsFunc(s, func(x span) bool { return x.lo <= a-1 && a-1 <= x.hi })
			if !prevIn || slices.Contains(cut, uint64(a)) {
				want = append(want, addrOf(a))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("pieces of %v cut at %v = %v, want %v", s, cut, got, want)
		}
	})
}

func label(i int) string { return "a" + string(rune('0'+i)) }

// TestPrefixesOf checks that prefixesOf covers exactly the set it is given.
func TestPrefixesOf(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lo := uint32(rapid.IntRange(0, 600).Draw(t, "lo"))
		hi := lo + uint32(rapid.IntRange(0, 600).Draw(t, "len"))
		ps := prefixesOf(spans{{lo, hi}})
		if got := spansOf(ps); !slices.Equal(got, spans{{lo, hi}}) {
			t.Fatalf("prefixesOf(%d-%d) = %v, covering %v", lo, hi, ps, got)
		}
	})
}

func TestInternet(t *testing.T) {
	s := internet()
	for _, tt := range []struct {
		addr string
		in   bool
	}{{"8.8.8.8", true}, {"0.0.0.0", true}, {"10.1.2.3", false}, {"172.20.0.1", false}, {"172.32.0.1", true},
		{"192.168.9.9", false}, {"100.64.0.1", false}, {"100.128.0.1", true}, {"255.255.255.255", true}} {
		a := u32(netip.MustParseAddr(tt.addr))
		if got := slices.ContainsFunc(s, func(x span) bool { return x.lo <= a && a <= x.hi }); got != tt.in {
			t.Errorf("%s in the internet = %v, want %v", tt.addr, got, tt.in)
		}
	}
}
