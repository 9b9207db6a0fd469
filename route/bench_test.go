package route_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/route"
)

// benchTable builds a route table of n routes with realistic prefixes: the
// local route 10.0.0.0/16, a default route, and n-2 routes clustered in
// private and public ranges, mostly /16 to /28 with some /32s, so that they
// nest as real tables do. It also returns probe addresses: half inside
// random routes, half anywhere.
func benchTable(b testing.TB, n int) (route.Table, []netip.Addr) {
	rng := rand.New(rand.NewPCG(42, 42))
	r := world()
	tb := newTable(b)
	tb, _ = tb.WithRouteQuota(route.MaxRouteQuota)
	tb, err := tb.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), r)
	if err != nil {
		b.Fatal(err)
	}
	clusters := []netip.Prefix{mpp("10.0.0.0/8"), mpp("172.16.0.0/12"), mpp("192.168.0.0/16"), mpp("100.64.0.0/10"), mpp("0.0.0.0/0")}
	tgw := mt("tgw-11111111")
	for len(tb.Routes()) < n {
		c := clusters[rng.IntN(len(clusters))]
		bits := 16 + rng.IntN(13) // /16 to /28
		if rng.IntN(10) == 0 {
			bits = 32
		}
		bits = max(bits, c.Bits())
		a := c.Addr().As4()
		x := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
		x |= rng.Uint32() >> c.Bits()
		p := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)}), bits).Masked()
		if next, err := tb.CreateRoute(p, tgw, r); err == nil {
			tb = next
		}
	}
	routes := tb.Routes()
	probes := make([]netip.Addr, 1024)
	for i := range probes {
		x := rng.Uint32()
		if i%2 == 0 {
			p := routes[rng.IntN(len(routes))].Destination
			if p.Addr().Is4() {
				a := p.Addr().As4()
				base := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
				x = base | x>>p.Bits()
				if p.Bits() == 0 {
					x = rng.Uint32()
				}
			}
		}
		probes[i] = netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)})
	}
	return tb, probes
}

var benchSizes = []int{10, 100, 1000}

// BenchmarkLookup measures Table.Lookup, with the index's size per route.
func BenchmarkLookup(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			tb, probes := benchTable(b, n)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				tb.Lookup(probes[i&1023])
				i++
			}
			b.ReportMetric(float64(tb.IndexBytes())/float64(n), "index-B/route")
		})
	}
}

// BenchmarkLookupLinear is the baseline Lookup is measured against: a
// linear scan for the longest matching prefix.
func BenchmarkLookupLinear(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			tb, probes := benchTable(b, n)
			routes := tb.Routes()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				linearLookup(routes, probes[i&1023])
				i++
			}
		})
	}
}

func linearLookup(routes []route.Route, a netip.Addr) (route.Route, bool) {
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

// BenchmarkCreateRoute measures the write cost: validating and adding one
// route to a table of n-1 routes, index rebuild included.
func BenchmarkCreateRoute(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			tb, _ := benchTable(b, n-1)
			r := world()
			dest, target := mpp("198.51.100.0/24"), mt("tgw-11111111")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tb.CreateRoute(dest, target, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
