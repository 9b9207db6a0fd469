package route_test

import (
	"net/netip"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/route"
)

// The IPv6 lookup index searches on the addresses' upper halves and breaks
// ties on the lower ones, behind bucket tables over the bits the routes
// share. These properties aim at its edges: routes that nest, /65 to /128
// routes, prefixes that differ only in their lower 64 bits, and addresses
// on and next to range boundaries.

// halves6 and addr6From convert between an IPv6 address and its halves.
func halves6(a netip.Addr) (hi, lo uint64) {
	b := a.As16()
	for i := range 8 {
		hi = hi<<8 | uint64(b[i])
		lo = lo<<8 | uint64(b[8+i])
	}
	return hi, lo
}

// genHi6 draws an upper half from a few clusters, so that routes nest,
// share buckets and share upper halves: VPC A's /56 (2600:1f18::/56), other
// 2600:1f00::/24 blocks, one customer /32, and anywhere, often with many
// trailing zeros (so on a bucket's first address).
func genHi6(t *rapid.T) uint64 {
	switch rapid.IntRange(0, 4).Draw(t, "cluster") {
	case 0:
		return 0x2600_1f18_0000_0000 | rapid.Uint64Range(0, 3).Draw(t, "subnet")
	case 1:
		return 0x2600_1f00_0000_0000 | rapid.Uint64Range(0, 7).Draw(t, "vpc")<<20 | rapid.Uint64Range(0, 3).Draw(t, "sub")
	case 2:
		return 0x2a05_d000_0000_0000 | rapid.Uint64Range(0, 15).Draw(t, "site")<<16
	case 3:
		return rapid.SampledFrom([]uint64{0, 1<<63 - 1, 1 << 63, ^uint64(0)}).Draw(t, "edge")
	}
	zeros := rapid.SampledFrom([]int{0, 8, 32, 48, 56, 60, 62, 63}).Draw(t, "zeros")
	return rapid.Uint64().Draw(t, "hi") &^ (1<<zeros - 1)
}

// genLo6 draws a lower half, often one that another route also uses.
func genLo6(t *rapid.T) uint64 {
	switch rapid.IntRange(0, 3).Draw(t, "lokind") {
	case 0:
		return 0
	case 1:
		return rapid.SampledFrom([]uint64{1, 0xff, 1 << 63, ^uint64(0), 0x8000_0000}).Draw(t, "loedge")
	case 2:
		return rapid.Uint64Range(0, 15).Draw(t, "losmall") << 60
	}
	return rapid.Uint64().Draw(t, "lo")
}

func genPrefix6() *rapid.Generator[netip.Prefix] {
	return rapid.Custom(func(t *rapid.T) netip.Prefix {
		var bits int
		switch rapid.IntRange(0, 4).Draw(t, "lenkind") {
		case 0:
			bits = rapid.IntRange(0, 47).Draw(t, "short")
		case 1:
			bits = rapid.IntRange(48, 64).Draw(t, "vpc")
		case 2:
			bits = rapid.IntRange(65, 127).Draw(t, "long")
		default:
			bits = 128
		}
		return netip.PrefixFrom(addr6(genHi6(t), genLo6(t)), bits).Masked()
	})
}

// genProbe6 draws an address on, next to or inside one of routes, or
// anywhere.
func genProbe6(t *rapid.T, routes []netip.Prefix) netip.Addr {
	if len(routes) == 0 || rapid.IntRange(0, 4).Draw(t, "anywhere") == 0 {
		return addr6(genHi6(t), genLo6(t))
	}
	p := rapid.SampledFrom(routes).Draw(t, "near")
	hi, _ := halves6(p.Addr())
	lhi, llo := halves6(lastAddr6(p))
	switch rapid.IntRange(0, 5).Draw(t, "where") {
	case 0:
		return p.Addr()
	case 1:
		return addr6(lhi, llo)
	case 2:
		return p.Addr().Prev()
	case 3:
		return addr6(lhi, llo).Next()
	case 4: // same upper half as the route, any lower half
		return addr6(hi, genLo6(t))
	}
	return addr6(lhi, genLo6(t))
}

// lastAddr6 returns the last address of p.
func lastAddr6(p netip.Prefix) netip.Addr {
	hi, lo := halves6(p.Addr())
	switch n := p.Bits(); {
	case n == 0:
		return addr6(^uint64(0), ^uint64(0))
	case n < 64:
		return addr6(hi|^uint64(0)>>n, ^uint64(0))
	case n == 64:
		return addr6(hi, ^uint64(0))
	case n < 128:
		return addr6(hi, lo|^uint64(0)>>(n-64))
	}
	return p.Addr()
}

// lookupLinear6 is the oracle: the longest of routes (static and local
// only, so EC2's selection is plain longest-prefix match) that contains a.
func lookupLinear6(routes []route.Route, a netip.Addr) (route.Route, bool) {
	best := -1
	for i, r := range routes {
		if r.Destination.Contains(a) && (best < 0 || r.Destination.Bits() > routes[best].Destination.Bits()) {
			best = i
		}
	}
	if best < 0 {
		return route.Route{}, false
	}
	return routes[best], true
}

// TestLookup6MatchesLinear checks Lookup on IPv6 tables built by creating
// and deleting routes (the index is updated in place on creation and
// rebuilt on deletion) against a linear longest-prefix scan.
func TestLookup6MatchesLinear(t *testing.T) {
	r := propWorld()
	targets := []string{"tgw-11111111", "pcx-11111111", "vgw-11111111", "eni-11111111", "eigw-11111111"}
	rapid.Check(t, func(t *rapid.T) {
		tb := newTable(t)
		tb, _ = tb.WithRouteQuota(route.MaxRouteQuota)
		var dests []netip.Prefix
		for range rapid.IntRange(0, 60).Draw(t, "actions") {
			if len(dests) > 0 && rapid.IntRange(0, 5).Draw(t, "delete") == 0 {
				d := rapid.SampledFrom(dests).Draw(t, "deleted")
				if next, err := tb.DeleteRoute(d); err == nil {
					tb = next
				}
			} else {
				d := genPrefix6().Draw(t, "dest")
				if next, err := tb.CreateRoute(d, mt(rapid.SampledFrom(targets).Draw(t, "target")), r); err == nil {
					tb = next
					dests = append(dests, d)
				}
			}
			routes := tb.Routes()
			var v6 []netip.Prefix
			for _, rt := range routes {
				if rt.Destination.Addr().Is6() {
					v6 = append(v6, rt.Destination)
				}
			}
			// every address where the answer can change, and random ones
			var probes []netip.Addr
			for _, p := range v6 {
				first, last := p.Addr(), lastAddr6(p)
				probes = append(probes, first, first.Prev(), last, last.Next())
			}
			for range rapid.IntRange(1, 6).Draw(t, "probes") {
				probes = append(probes, genProbe6(t, v6))
			}
			for _, a := range probes {
				if !a.IsValid() {
					continue // before :: or after the last address
				}
				got, ok := tb.Lookup(a)
				want, wok := lookupLinear6(routes, a)
				if ok != wok || got != want {
					t.Fatalf("Lookup(%v) = %v, %v; want %v, %v\nroutes: %v", a, got, ok, want, wok, v6)
				}
			}
		}
	})
}
