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

// benchTable6 builds a dual-stack route table of n routes shaped like a
// real VPC's IPv6 routes: the local routes 10.0.0.0/16 and 2600:1f18::/56,
// ::/0 to an egress-only internet gateway, /64 subnets of the VPC's /56 to
// a network interface (15%), peered VPCs' /56 to /64 blocks in
// 2600:1f00::/24 to a peering connection (35%), on-premises /48 to /64
// prefixes in four customer /32s to a virtual private gateway or a transit
// gateway (40%), and /128 host routes to a network interface (10%). It also
// returns probe addresses: half inside random routes, half anywhere in
// 2000::/3.
func benchTable6(b testing.TB, n int) (route.Table, []netip.Addr) {
	rng := rand.New(rand.NewPCG(42, 42))
	r := world()
	var subnets []netip.Prefix
	for i := range 256 {
		subnets = append(subnets, netip.PrefixFrom(addr6(0x2600_1f18_0000_0000|uint64(i), 0), 64))
	}
	r.Subnets[vpcA] = subnets
	tb := newTable(b)
	tb, _ = tb.WithRouteQuota(route.MaxRouteQuota)
	tb, err := tb.CreateRoute(mpp("::/0"), mt("eigw-11111111"), r)
	if err != nil {
		b.Fatal(err)
	}
	var onPrem [4]uint64 // customer /32s, as the top 32 bits
	for i := range onPrem {
		onPrem[i] = 0x2000_0000 | uint64(rng.Uint32()>>3)
	}
	for len(tb.Routes()) < n {
		var p netip.Prefix
		var target route.Target
		switch x := rng.IntN(100); {
		case x < 15:
			p, target = subnets[rng.IntN(len(subnets))], mt("eni-11111111")
		case x < 50:
			bits := []int{56, 56, 60, 64, 64}[rng.IntN(5)]
			p = netip.PrefixFrom(addr6(0x2600_1f00<<32|rng.Uint64()>>24, 0), bits).Masked()
			target = mt("pcx-11111111")
		case x < 90:
			bits := 48 + 4*rng.IntN(5) // /48 to /64
			p = netip.PrefixFrom(addr6(onPrem[rng.IntN(4)]<<32|rng.Uint64()>>32, 0), bits).Masked()
			target = mt([]string{"vgw-11111111", "tgw-11111111"}[rng.IntN(2)])
		default:
			hi := onPrem[rng.IntN(4)]<<32 | rng.Uint64()>>32
			if rng.IntN(2) == 0 {
				hi = 0x2600_1f00<<32 | rng.Uint64()>>24
			}
			p, target = netip.PrefixFrom(addr6(hi, rng.Uint64()), 128), mt("eni-11111111")
		}
		if next, err := tb.CreateRoute(p, target, r); err == nil {
			tb = next
		}
	}
	var v6 []netip.Prefix
	for _, rt := range tb.Routes() {
		if rt.Destination.Addr().Is6() {
			v6 = append(v6, rt.Destination)
		}
	}
	probes := make([]netip.Addr, 1024)
	for i := range probes {
		p := mpp("::/0")
		if i%2 == 0 {
			p = v6[rng.IntN(len(v6))]
		}
		probes[i] = inside6(rng, p)
	}
	return tb, probes
}

// addr6 returns the address whose upper and lower 64 bits are hi and lo.
func addr6(hi, lo uint64) netip.Addr {
	var b [16]byte
	for i := range 8 {
		b[i] = byte(hi >> (56 - 8*i))
		b[8+i] = byte(lo >> (56 - 8*i))
	}
	return netip.AddrFrom16(b)
}

// inside6 returns a random address inside p, and for ::/0 one anywhere in
// 2000::/3.
func inside6(rng *rand.Rand, p netip.Prefix) netip.Addr {
	b := p.Addr().As16()
	var hi, lo uint64
	for i := range 8 {
		hi = hi<<8 | uint64(b[i])
		lo = lo<<8 | uint64(b[8+i])
	}
	rh, rl := rng.Uint64(), rng.Uint64()
	switch n := p.Bits(); {
	case n == 0:
		return addr6(0x2000<<48|rh>>3, rl)
	case n < 64:
		return addr6(hi|rh>>n, rl)
	case n == 64:
		return addr6(hi, rl)
	case n < 128:
		return addr6(hi, lo|rl>>(n-64))
	}
	return p.Addr()
}

// BenchmarkLookup6 is BenchmarkLookup on IPv6 tables and probes.
func BenchmarkLookup6(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			tb, probes := benchTable6(b, n)
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
