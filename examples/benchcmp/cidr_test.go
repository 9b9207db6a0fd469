package benchcmp_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/gaissmai/bart"
	"github.com/vpclab/vpcmodel/cidr"
	"go4.org/netipx"
)

// The workload is the one of cidr's own BenchmarkSetOverlaps: random IPv4
// prefixes with the lengths of VPC blocks, subnets and routes, placed
// uniformly; queries that hit are random-length blocks placed inside a
// random member, queries that miss are random blocks no member meets.
//
//	/16 0.5%   /17-/19 1.5%   /20-/23 18%   /24 50%   /25-/28 30%
func cidrBits(r *rand.Rand) int {
	switch x := r.IntN(1000); {
	case x < 5:
		return 16
	case x < 20:
		return 17 + r.IntN(3)
	case x < 200:
		return 20 + r.IntN(4)
	case x < 700:
		return 24
	default:
		return 25 + r.IntN(4)
	}
}

func cidrAddr4(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func cidrPrefix(r *rand.Rand) netip.Prefix {
	return netip.PrefixFrom(cidrAddr4(r.Uint32()), cidrBits(r)).Masked()
}

func cidrMembers(n int) []netip.Prefix {
	r := rand.New(rand.NewPCG(42, 42))
	out := make([]netip.Prefix, n)
	for i := range out {
		out[i] = cidrPrefix(r)
	}
	return out
}

func cidrQueries(members []netip.Prefix, s cidr.Set) (hits, misses []netip.Prefix) {
	r := rand.New(rand.NewPCG(7, 7))
	for len(hits) < 4096 {
		m := members[r.IntN(len(members))]
		b := m.Addr().As4()
		lo := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		size := uint64(1) << (32 - m.Bits())
		hits = append(hits, netip.PrefixFrom(cidrAddr4(lo+uint32(r.Uint64N(size))), cidrBits(r)).Masked())
	}
	for len(misses) < 4096 {
		if q := cidrPrefix(r); !s.Overlaps(q) {
			misses = append(misses, q)
		}
	}
	return hits, misses
}

// cidrIndexes builds the three indexes over the same members.
func cidrIndexes(tb testing.TB, members []netip.Prefix) (cidr.Set, *bart.Lite, *bart.Table[struct{}], *netipx.IPSet) {
	s := cidr.NewSet(members...)
	lite := new(bart.Lite)
	table := new(bart.Table[struct{}])
	var sb netipx.IPSetBuilder
	for _, m := range members {
		lite.Insert(m)
		table.Insert(m, struct{}{})
		sb.AddPrefix(m)
	}
	ipset, err := sb.IPSet()
	if err != nil {
		tb.Fatal(err)
	}
	return s, lite, table, ipset
}

// TestCIDRSetAgreesWithBartAndNetipx cross-checks cidr.Set against both
// libraries on the benchmark's own queries, plus random ones.
func TestCIDRSetAgreesWithBartAndNetipx(t *testing.T) {
	for _, n := range []int{1_000, 100_000} {
		members := cidrMembers(n)
		s, lite, table, ipset := cidrIndexes(t, members)
		hits, misses := cidrQueries(members, s)
		r := rand.New(rand.NewPCG(9, 9))
		queries := append(append([]netip.Prefix{}, hits...), misses...)
		for range 5000 {
			queries = append(queries, netip.PrefixFrom(cidrAddr4(r.Uint32()), r.IntN(33)).Masked())
		}
		for i, q := range queries {
			got, l, tb := s.Overlaps(q), lite.OverlapsPrefix(q), table.OverlapsPrefix(q)
			if got != l || got != tb {
				t.Fatalf("n=%d: Overlaps(%v): vpcmodel %v, bart.Lite %v, bart.Table %v", n, q, got, l, tb)
			}
			// netipx answers in O(n); ask it about a sample of 300.
			if i%(len(queries)/300) == 0 {
				if x := ipset.OverlapsPrefix(q); x != got {
					t.Fatalf("n=%d: Overlaps(%v): vpcmodel %v, netipx %v", n, q, got, x)
				}
			}
		}
		for _, q := range hits {
			if !s.Overlaps(q) {
				t.Fatalf("n=%d: hit query %v misses", n, q)
			}
		}
	}
}

// BenchmarkCIDROverlaps runs the same overlap queries on cidr.Set,
// bart.Lite, bart.Table and netipx.IPSet. (netipx's IPSet.OverlapsPrefix
// walks its ranges one by one, so it is far behind at large n; it is here
// as the common reference.)
//
//	cd examples && go test ./benchcmp -run='^$' -bench=CIDROverlaps -benchmem
func BenchmarkCIDROverlaps(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		members := cidrMembers(n)
		s, lite, table, ipset := cidrIndexes(b, members)
		hits, misses := cidrQueries(members, s)
		for _, w := range []struct {
			name    string
			queries []netip.Prefix
		}{{"hit", hits}, {"miss", misses}} {
			qs := w.queries
			run := func(lib string, overlaps func(netip.Prefix) bool) {
				b.Run(fmt.Sprintf("n=%d/%s/%s", n, w.name, lib), func(b *testing.B) {
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						overlaps(qs[i&4095])
						i++
					}
				})
			}
			run("vpcmodel", s.Overlaps)
			run("bart.Lite", lite.OverlapsPrefix)
			run("bart.Table", table.OverlapsPrefix)
			run("netipx", ipset.OverlapsPrefix)
		}
	}
}

// cidrPrefix6 draws an IPv6 block of the lengths VPCs, subnets and routes
// use (/44 to /64, mostly /56 and /64) inside 2600::/12.
func cidrPrefix6(r *rand.Rand) netip.Prefix {
	hi := 0x2600<<48 | r.Uint64()>>12
	lo := r.Uint64()
	var b [16]byte
	for i := range 8 {
		b[i] = byte(hi >> (56 - 8*i))
		b[8+i] = byte(lo >> (56 - 8*i))
	}
	bits := []int{44, 48, 52, 56, 56, 56, 60, 64, 64, 64}[r.IntN(10)]
	return netip.PrefixFrom(netip.AddrFrom16(b), bits).Masked()
}

// BenchmarkCIDROverlaps6 is BenchmarkCIDROverlaps for IPv6: hits are
// /64 to /128 blocks inside a random member, misses random blocks no
// member meets. netipx is left out: it walks its ranges one by one.
func BenchmarkCIDROverlaps6(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		r := rand.New(rand.NewPCG(42, 42))
		members := make([]netip.Prefix, n)
		lite := new(bart.Lite)
		table := new(bart.Table[struct{}])
		for i := range members {
			members[i] = cidrPrefix6(r)
			lite.Insert(members[i])
			table.Insert(members[i], struct{}{})
		}
		s := cidr.NewSet(members...)
		var hits, misses []netip.Prefix
		for len(hits) < 4096 {
			a := members[r.IntN(len(members))].Addr().As16()
			a[15] ^= byte(r.Uint32()) // still inside: members are /64 or shorter
			hits = append(hits, netip.PrefixFrom(netip.AddrFrom16(a), 64+r.IntN(65)).Masked())
		}
		for len(misses) < 4096 {
			if q := cidrPrefix6(r); !s.Overlaps(q) {
				misses = append(misses, q)
			}
		}
		for _, q := range append(hits[:256:256], misses[:256]...) {
			if got := s.Overlaps(q); got != lite.OverlapsPrefix(q) || got != table.OverlapsPrefix(q) {
				b.Fatalf("Overlaps(%v): vpcmodel and bart disagree", q)
			}
		}
		for _, w := range []struct {
			name    string
			queries []netip.Prefix
		}{{"hit", hits}, {"miss", misses}} {
			qs := w.queries
			for _, lib := range []struct {
				name     string
				overlaps func(netip.Prefix) bool
			}{{"vpcmodel", s.Overlaps}, {"bart.Lite", lite.OverlapsPrefix}, {"bart.Table", table.OverlapsPrefix}} {
				b.Run(fmt.Sprintf("n=%d/%s/%s", n, w.name, lib.name), func(b *testing.B) {
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						lib.overlaps(qs[i&4095])
						i++
					}
				})
			}
		}
	}
}
