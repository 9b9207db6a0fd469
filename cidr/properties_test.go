package cidr_test

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/cidr"
	"pgregory.net/rapid"
)

// genPrefix draws prefixes of both families, crowded into a few small
// regions so that sets built from them overlap often, plus the extremes of
// each address space. Host bits may be set.
func genPrefix() *rapid.Generator[netip.Prefix] {
	return rapid.Custom(func(t *rapid.T) netip.Prefix {
		switch rapid.IntRange(0, 9).Draw(t, "kind") {
		case 0: // anywhere in IPv4, any length
			return netip.PrefixFrom(addr4(rapid.Uint32().Draw(t, "v4")), rapid.IntRange(0, 32).Draw(t, "bits"))
		case 1, 2, 3, 4: // a crowded IPv4 region: 10.0.0.0/20, or the top of the space
			base := []uint32{0x0a000000, 0xfffff000, 0}[rapid.IntRange(0, 2).Draw(t, "base")]
			v := base | rapid.Uint32Range(0, 0xfff).Draw(t, "low")
			return netip.PrefixFrom(addr4(v), rapid.IntRange(16, 32).Draw(t, "bits"))
		case 5: // anywhere in IPv6
			return netip.PrefixFrom(addr6(rapid.Uint64().Draw(t, "hi"), rapid.Uint64().Draw(t, "lo")), rapid.IntRange(0, 128).Draw(t, "bits"))
		default: // a crowded IPv6 region straddling the 64-bit halves
			hi := 0x2600_1f00_0000_0000 | rapid.Uint64Range(0, 3).Draw(t, "hi")
			lo := rapid.Uint64Range(0, 7).Draw(t, "lo") << 61
			lo |= rapid.Uint64Range(0, 0xff).Draw(t, "low")
			return netip.PrefixFrom(addr6(hi, lo), rapid.IntRange(56, 128).Draw(t, "bits"))
		}
	})
}

func addr6(hi, lo uint64) netip.Addr {
	var b [16]byte
	for i := range 8 {
		b[i] = byte(hi >> (56 - 8*i))
		b[8+i] = byte(lo >> (56 - 8*i))
	}
	return netip.AddrFrom16(b)
}

// overlapsSlow is the oracle: netip's own Prefix.Overlaps on masked prefixes.
func overlapsSlow(a, b netip.Prefix) bool {
	return a.IsValid() && b.IsValid() && a.Masked().Overlaps(b.Masked())
}

func TestPropertySetAgreesWithScan(t *testing.T) { rapid.Check(t, setAgreesWithScan) }

// setAgreesWithScan checks Len, Overlaps and Overlapping of a Set against
// a scan of its members with netip's Overlaps.
func setAgreesWithScan(t *rapid.T) {
	members := rapid.SliceOfN(genPrefix(), 0, 60).Draw(t, "members")
	s := cidr.NewSet(members...)

	distinct := map[netip.Prefix]bool{}
	for _, m := range members {
		distinct[m.Masked()] = true
	}
	if s.Len() != len(distinct) {
		t.Fatalf("Len() = %d, want %d distinct prefixes", s.Len(), len(distinct))
	}
	for range 20 {
		q := genPrefix().Draw(t, "query")
		var want []netip.Prefix
		for m := range distinct {
			if overlapsSlow(m, q) {
				want = append(want, m)
			}
		}
		if got := s.Overlaps(q); got != (len(want) > 0) {
			t.Fatalf("Overlaps(%v) = %v, scan finds %v", q, got, want)
		}
		got := s.Overlapping(q)
		if len(got) != len(want) || !slices.IsSortedFunc(got, comparePrefix) {
			t.Fatalf("Overlapping(%v) = %v, scan finds %v (in order)", q, got, want)
		}
		for _, g := range got {
			if !distinct[g] || !overlapsSlow(g, q) {
				t.Fatalf("Overlapping(%v) returns %v, which is not an overlapping member", q, g)
			}
		}
		if len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("Overlapping(%v) = %v has duplicates", q, got)
		}
	}
}

// comparePrefix orders prefixes as a Set does: by address, then shorter first.
func comparePrefix(a, b netip.Prefix) int {
	if c := a.Addr().Compare(b.Addr()); c != 0 {
		return c
	}
	return a.Bits() - b.Bits()
}

func TestPropertyOverlapLaws(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genPrefix().Draw(t, "a").Masked()
		b := genPrefix().Draw(t, "b").Masked()
		if cidr.Overlaps(a, b) != cidr.Overlaps(b, a) {
			t.Fatalf("Overlaps(%v, %v) is not symmetric", a, b)
		}
		if cidr.Contains(a, b) && !cidr.Overlaps(a, b) {
			t.Fatalf("Contains(%v, %v) but not Overlaps", a, b)
		}
		if cidr.Contains(a, b) && cidr.Contains(b, a) && a != b {
			t.Fatalf("%v and %v contain each other but differ", a, b)
		}
		if cidr.Overlaps(a, b) != (cidr.Contains(a, b) || cidr.Contains(b, a)) {
			t.Fatalf("Overlaps(%v, %v) is not containment one way or the other", a, b)
		}
		if cidr.Overlaps(a, b) != cidr.NewSet(a).Overlaps(b) {
			t.Fatalf("Overlaps(%v, %v) disagrees with a one-member Set", a, b)
		}
		// The uint32 interval oracle, for two IPv4 prefixes.
		if a.Addr().Is4() && b.Addr().Is4() {
			alo, ahi := interval4(a)
			blo, bhi := interval4(b)
			if got, want := cidr.Overlaps(a, b), alo <= bhi && blo <= ahi; got != want {
				t.Fatalf("Overlaps(%v, %v) = %v, intervals say %v", a, b, got, want)
			}
			if got, want := cidr.Contains(a, b), alo <= blo && bhi <= ahi; got != want {
				t.Fatalf("Contains(%v, %v) = %v, intervals say %v", a, b, got, want)
			}
		}
	})
}

// TestPropertySetLargeAgreesWithScan covers the index sizes that small sets
// never reach (more slot and bucket bits), with members and queries of one
// family from a seeded generator, crowded into a region of random size.
func TestPropertySetLargeAgreesWithScan(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(100, 3000).Draw(t, "n")
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		spread := rapid.IntRange(0, 24).Draw(t, "spread") // bits of address space the members use
		base := r.Uint32()
		// Members have lengths within the region; a quarter of the queries
		// have any length.
		gen := func(query bool) netip.Prefix {
			v := base&^(1<<spread-1) | r.Uint32()&(1<<spread-1)
			bits := 32 - spread + r.IntN(spread+1)
			if query && r.IntN(4) == 0 {
				bits = r.IntN(33)
			}
			return netip.PrefixFrom(addr4(v), bits).Masked()
		}
		if rapid.Bool().Draw(t, "ipv6") {
			spread = rapid.SampledFrom([]int{8, 12, 16, 20, 24, 32, 48, 64, 80, 100}).Draw(t, "spread6")
			hi, lo := r.Uint64(), r.Uint64()
			gen = func(query bool) netip.Prefix {
				h, l := hi, lo
				if spread <= 64 {
					m := uint64(1)<<spread - 1
					l = l&^m | r.Uint64()&m
				} else {
					m := uint64(1)<<(spread-64) - 1
					h, l = h&^m|r.Uint64()&m, r.Uint64()
				}
				bits := 128 - spread + r.IntN(spread+1)
				if query && r.IntN(4) == 0 {
					bits = r.IntN(129)
				}
				return netip.PrefixFrom(addr6(h, l), bits).Masked()
			}
		}
		members := make([]netip.Prefix, n)
		for i := range members {
			members[i] = gen(false)
		}
		s := cidr.NewSet(members...)
		for range 64 {
			q := gen(true)
			want := 0
			for _, m := range members {
				if overlapsSlow(m, q) {
					want++
				}
			}
			if got := s.Overlaps(q); got != (want > 0) {
				t.Fatalf("Overlaps(%v) = %v, scan finds %d overlapping members", q, got, want)
			}
		}
	})
}
