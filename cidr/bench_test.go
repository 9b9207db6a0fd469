package cidr_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"runtime"
	"testing"

	"github.com/vpclab/vpcmodel/cidr"
)

// The workload: random IPv4 prefixes with the lengths of VPC blocks, subnets
// and routes (mostly /24 and longer), placed uniformly. At 1,000,000 prefixes
// they cover about a quarter of the address space, so random queries both
// hit and miss.
//
//	/16 0.5%   /17-/19 1.5%   /20-/23 18%   /24 50%   /25-/28 30%
func benchBits(r *rand.Rand) int {
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

func benchPrefix(r *rand.Rand) netip.Prefix {
	return netip.PrefixFrom(addr4(r.Uint32()), benchBits(r)).Masked()
}

func benchPrefixes(n int) []netip.Prefix {
	r := rand.New(rand.NewPCG(42, 42))
	out := make([]netip.Prefix, n)
	for i := range out {
		out[i] = benchPrefix(r)
	}
	return out
}

// benchQueries returns 4096 queries that overlap some member (hits: a
// random-length block placed inside a random member) and 4096 that overlap
// none (misses: random blocks that the set does not meet).
func benchQueries(members []netip.Prefix, s cidr.Set) (hits, misses []netip.Prefix) {
	r := rand.New(rand.NewPCG(7, 7))
	for len(hits) < 4096 {
		m := members[r.IntN(len(members))]
		lo, hi := interval4(m)
		q := netip.PrefixFrom(addr4(lo+uint32(r.Uint64N(uint64(hi-lo)+1))), benchBits(r)).Masked()
		hits = append(hits, q)
	}
	for len(misses) < 4096 {
		if q := benchPrefix(r); !s.Overlaps(q) {
			misses = append(misses, q)
		}
	}
	return hits, misses
}

func scanOverlaps(members []netip.Prefix, q netip.Prefix) bool {
	for _, m := range members {
		if m.Overlaps(q) {
			return true
		}
	}
	return false
}

var benchSizes = []int{1_000, 100_000, 1_000_000}

func BenchmarkSetOverlaps(b *testing.B) {
	for _, n := range benchSizes {
		members := benchPrefixes(n)
		s := cidr.NewSet(members...)
		hits, misses := benchQueries(members, s)
		for _, w := range []struct {
			name    string
			queries []netip.Prefix
		}{{"hit", hits}, {"miss", misses}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, w.name), func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					s.Overlaps(w.queries[i&4095])
					i++
				}
			})
		}
	}
}

// BenchmarkScanOverlaps is the baseline: the same queries answered by
// comparing the query with every member, stopping at the first overlap.
func BenchmarkScanOverlaps(b *testing.B) {
	for _, n := range benchSizes {
		members := benchPrefixes(n)
		s := cidr.NewSet(members...)
		hits, misses := benchQueries(members, s)
		for _, w := range []struct {
			name    string
			queries []netip.Prefix
		}{{"hit", hits}, {"miss", misses}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, w.name), func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					scanOverlaps(members, w.queries[i&4095])
					i++
				}
			})
		}
	}
}

// BenchmarkNewSet reports the cost of building a Set per prefix, in time
// and in retained memory.
func BenchmarkNewSet(b *testing.B) {
	for _, n := range benchSizes {
		members := benchPrefixes(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var ms0, ms1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms0)
			kept := cidr.NewSet(members...)
			runtime.GC()
			runtime.ReadMemStats(&ms1)
			retained := float64(ms1.HeapAlloc) - float64(ms0.HeapAlloc)
			runtime.KeepAlive(kept)
			iters := 0
			for b.Loop() {
				cidr.NewSet(members...)
				iters++
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(iters)/float64(n), "ns/prefix")
			b.ReportMetric(retained/float64(n), "B/prefix")
		})
	}
}

func BenchmarkOverlappingPairs(b *testing.B) {
	for _, n := range []int{2_000, 100_000} {
		members := benchPrefixes(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cidr.OverlappingPairs(members)
			}
		})
	}
}

func BenchmarkFirstOverlap(b *testing.B) {
	for _, n := range []int{2_000, 100_000} {
		members := benchPrefixes(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cidr.FirstOverlap(members)
			}
		})
	}
}

// BenchmarkScanPairs is the O(n^2) baseline for OverlappingPairs.
func BenchmarkScanPairs(b *testing.B) {
	members := benchPrefixes(2_000)
	b.Run("n=2000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			scanPairs(members)
		}
	})
}

func scanPairs(members []netip.Prefix) [][2]int {
	var pairs [][2]int
	for j := range members {
		for i := range j {
			if members[i].Overlaps(members[j]) {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	}
	return pairs
}

// benchPrefixes6 returns random IPv6 prefixes of the lengths VPCs, subnets
// and routes use (/44 to /64, mostly /56 and /64) inside 2600::/12.
func benchPrefixes6(r *rand.Rand, n int) []netip.Prefix {
	out := make([]netip.Prefix, n)
	for i := range out {
		out[i] = benchPrefix6(r)
	}
	return out
}

func benchPrefix6(r *rand.Rand) netip.Prefix {
	hi := 0x2600<<48 | r.Uint64()>>12
	bits := []int{44, 48, 52, 56, 56, 56, 60, 64, 64, 64}[r.IntN(10)]
	return netip.PrefixFrom(addr6(hi, r.Uint64()), bits).Masked()
}

func BenchmarkSetOverlaps6(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		r := rand.New(rand.NewPCG(42, 42))
		members := benchPrefixes6(r, n)
		s := cidr.NewSet(members...)
		var hits, misses []netip.Prefix
		for len(hits) < 4096 {
			m := members[r.IntN(len(members))]
			a := m.Addr().As16()
			a[15] ^= byte(r.Uint32()) // an address inside m (m is /64 or shorter)
			hits = append(hits, netip.PrefixFrom(netip.AddrFrom16(a), 64+r.IntN(65)).Masked())
		}
		for len(misses) < 4096 {
			if q := benchPrefix6(r); !s.Overlaps(q) {
				misses = append(misses, q)
			}
		}
		for _, w := range []struct {
			name    string
			queries []netip.Prefix
		}{{"hit", hits}, {"miss", misses}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, w.name), func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					s.Overlaps(w.queries[i&4095])
					i++
				}
			})
		}
	}
}
