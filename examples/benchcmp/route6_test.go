package benchcmp_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/gaissmai/bart"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

// The IPv6 workload is a dual-stack VPC's route table of n routes, shaped
// like real ones: the local routes 10.0.0.0/16 and 2600:1f13:a0b:c100::/56
// (Amazon-provided VPC blocks are /56s from a few /24-ish pools), ::/0 to an
// egress-only internet gateway, and the rest drawn from
//
//   - /64 subnets of the VPC's own /56 to a network interface (middlebox
//     routing), 15%;
//   - peered VPCs' /56 blocks and /60 to /64 subnets in 2600:1f00::/24 to a
//     peering connection, 35%;
//   - on-premises /48 to /64 prefixes in four customer /32s to a virtual
//     private gateway or a transit gateway, 40%;
//   - /128 host routes, anywhere in those ranges, to a network interface,
//     10%.
//
// Probes are half inside random routes, half anywhere in 2000::/3.

const route6Block = "2600:1f13:a0b:c100::/56"

var (
	route6Targets = map[string]route.Target{}
	route6Subnets []netip.Prefix // the /64s of route6Block
)

func init() {
	for _, p := range [][2]string{
		{"EgressOnlyInternetGatewayId", "eigw-11111111"}, {"NetworkInterfaceId", "eni-11111111"},
		{"VpcPeeringConnectionId", "pcx-11111111"}, {"GatewayId", "vgw-11111111"},
		{"TransitGatewayId", "tgw-11111111"},
	} {
		t, err := route.ParseTarget(p[0], p[1])
		if err != nil {
			panic(err)
		}
		route6Targets[p[1][:3]] = t
	}
	b := netip.MustParsePrefix(route6Block).Addr().As16()
	for i := range 256 {
		b[7] = byte(i)
		route6Subnets = append(route6Subnets, netip.PrefixFrom(netip.AddrFrom16(b), 64))
	}
}

func route6World() route.Catalog {
	in := route.TargetInfo{VPCIDs: []string{routeVPC}}
	return route.Catalog{
		Targets: map[route.Target]route.TargetInfo{
			route6Targets["eig"]: in, route6Targets["eni"]: in, route6Targets["vgw"]: in,
			route6Targets["pcx"]: {VPCIDs: []string{routeVPC, "vpc-bbbbbbbb"}, Status: status.Active},
			route6Targets["tgw"]: {},
		},
		Subnets: map[string][]netip.Prefix{routeVPC: route6Subnets},
	}
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

func addr6Uint(a netip.Addr) (hi, lo uint64) {
	b := a.As16()
	for i := range 8 {
		hi = hi<<8 | uint64(b[i])
		lo = lo<<8 | uint64(b[8+i])
	}
	return hi, lo
}

// inside6 returns a random address inside p, and for ::/0 one anywhere in
// 2000::/3.
func inside6(rng *rand.Rand, p netip.Prefix) netip.Addr {
	hi, lo := addr6Uint(p.Addr())
	rh, rl := rng.Uint64(), rng.Uint64()
	switch n := p.Bits(); {
	case n == 0:
		return addr6(0x2000<<48|rh>>3, rl) // anywhere in 2000::/3
	case n < 64:
		return addr6(hi|rh>>n, rl)
	case n == 64:
		return addr6(hi, rl)
	case n < 128:
		return addr6(hi, lo|rl>>(n-64))
	}
	return p.Addr()
}

func routeTable6(tb testing.TB, n int) (route.Table, []netip.Addr) {
	rng := rand.New(rand.NewPCG(42, 42))
	world := route6World()
	t, err := route.CreateTable("rtb-aaaaaaaa", "111122223333", route.VPC{ID: routeVPC, Blocks: []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/16"), netip.MustParsePrefix(route6Block),
	}})
	if err != nil {
		tb.Fatal(err)
	}
	t, _ = t.WithRouteQuota(route.MaxRouteQuota)
	if t, err = t.CreateRoute(netip.MustParsePrefix("::/0"), route6Targets["eig"], world); err != nil {
		tb.Fatal(err)
	}
	var onPrem [4]uint64 // customer /32s, as the top 32 bits
	for i := range onPrem {
		onPrem[i] = 0x2000_0000 | uint64(rng.Uint32()>>3)
	}
	for len(t.Routes()) < n {
		var p netip.Prefix
		var target route.Target
		switch x := rng.IntN(100); {
		case x < 15:
			p, target = route6Subnets[rng.IntN(len(route6Subnets))], route6Targets["eni"]
		case x < 50:
			bits := []int{56, 56, 60, 64, 64}[rng.IntN(5)]
			p = netip.PrefixFrom(addr6(0x2600_1f00<<32|rng.Uint64()>>24, 0), bits).Masked()
			target = route6Targets["pcx"]
		case x < 90:
			bits := 48 + 4*rng.IntN(5) // /48 to /64
			p = netip.PrefixFrom(addr6(onPrem[rng.IntN(4)]<<32|rng.Uint64()>>32, 0), bits).Masked()
			target = route6Targets[[]string{"vgw", "tgw"}[rng.IntN(2)]]
		default:
			hi := onPrem[rng.IntN(4)]<<32 | rng.Uint64()>>32
			if rng.IntN(2) == 0 {
				hi = 0x2600_1f00<<32 | rng.Uint64()>>24
			}
			p, target = netip.PrefixFrom(addr6(hi, rng.Uint64()), 128), route6Targets["eni"]
		}
		if next, err := t.CreateRoute(p, target, world); err == nil {
			t = next
		}
	}
	var v6 []netip.Prefix
	for _, r := range t.Routes() {
		if r.Destination.Addr().Is6() {
			v6 = append(v6, r.Destination)
		}
	}
	probes := make([]netip.Addr, 1024)
	for i := range probes {
		if i%2 == 0 {
			probes[i] = inside6(rng, v6[rng.IntN(len(v6))])
		} else {
			probes[i] = inside6(rng, netip.PrefixFrom(netip.IPv6Unspecified(), 0))
		}
	}
	return t, probes
}

// TestRouteLookup6AgreesWithBart checks that both sides of the IPv6
// benchmark give the same answers.
func TestRouteLookup6AgreesWithBart(t *testing.T) {
	for _, n := range routeSizes {
		tb, probes := routeTable6(t, n)
		if got := len(tb.Routes()); got != n {
			t.Fatalf("n=%d: the table has %d routes", n, got)
		}
		bt := routeBart(tb)
		for _, a := range probes {
			got, ok := tb.Lookup(a)
			want, bok := bt.Lookup(a)
			if ok != bok || got != want {
				t.Fatalf("n=%d: Lookup(%v) = %v, %v; bart says %v, %v", n, a, got, ok, want, bok)
			}
		}
	}
}

// BenchmarkRouteLookup6 is BenchmarkRouteLookup on the IPv6 workload.
//
//	cd examples && go test ./benchcmp -run='^$' -bench=RouteLookup6 -benchmem
func BenchmarkRouteLookup6(b *testing.B) {
	for _, n := range routeSizes {
		t, probes := routeTable6(b, n)
		copies := 10000 / n
		b.Run(fmt.Sprintf("n=%d/vpcmodel", n), func(b *testing.B) {
			tb, size := heapBytes(copies, func() route.Table { tb, _ := routeTable6(b, n); return tb })
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				tb.Lookup(probes[i&1023])
				i++
			}
			b.ReportMetric(float64(size)/float64(n), "heap-B/route")
		})
		b.Run(fmt.Sprintf("n=%d/bart", n), func(b *testing.B) {
			bt, size := heapBytes(copies, func() *bart.Table[route.Route] { return routeBart(t) })
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				bt.Lookup(probes[i&1023])
				i++
			}
			b.ReportMetric(float64(size)/float64(n), "heap-B/route")
		})
		b.Run(fmt.Sprintf("n=%d/bart-int", n), func(b *testing.B) {
			bt, size := heapBytes(copies, func() *bart.Table[int] { return routeBartInt(t) })
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				bt.Lookup(probes[i&1023])
				i++
			}
			b.ReportMetric(float64(size)/float64(n), "heap-B/route")
		})
	}
}
