package benchcmp_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"runtime"
	"testing"

	"github.com/gaissmai/bart"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

// The workload is the one of route's own BenchmarkLookup: a route table of
// n routes with realistic prefixes (the local route 10.0.0.0/16, a default
// route, and routes clustered in private and public ranges, mostly /16 to
// /28 with one in ten a /32), and probe addresses, half inside random
// routes and half anywhere. bart gets the same prefixes, labelled with the
// route's position (bart-int) or the route itself (bart, so that both sides
// return the same value: a Route is 80 bytes, and returning and keeping it
// alive costs about 10 ns per call on its own).

var routeSizes = []int{10, 100, 1000}

const routeVPC = "vpc-aaaaaaaa"

func routeWorld() route.Catalog {
	tgw, _ := route.ParseTarget("TransitGatewayId", "tgw-11111111")
	igw, _ := route.ParseTarget("GatewayId", "igw-11111111")
	return route.Catalog{Targets: map[route.Target]route.TargetInfo{
		tgw: {}, igw: {VPCIDs: []string{routeVPC}, Status: status.Active},
	}}
}

func routeTable(tb testing.TB, n int) (route.Table, []netip.Addr) {
	rng := rand.New(rand.NewPCG(42, 42))
	world := routeWorld()
	tgw, _ := route.ParseTarget("TransitGatewayId", "tgw-11111111")
	igw, _ := route.ParseTarget("GatewayId", "igw-11111111")
	t, err := route.CreateTable("rtb-aaaaaaaa", "111122223333", route.VPC{ID: routeVPC, Blocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}})
	if err != nil {
		tb.Fatal(err)
	}
	t, _ = t.WithRouteQuota(route.MaxRouteQuota)
	if t, err = t.CreateRoute(netip.MustParsePrefix("0.0.0.0/0"), igw, world); err != nil {
		tb.Fatal(err)
	}
	clusters := []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16"),
		netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("0.0.0.0/0"),
	}
	for len(t.Routes()) < n {
		c := clusters[rng.IntN(len(clusters))]
		bits := 16 + rng.IntN(13)
		if rng.IntN(10) == 0 {
			bits = 32
		}
		bits = max(bits, c.Bits())
		x := routeUint(c.Addr()) | rng.Uint32()>>c.Bits()
		if next, err := t.CreateRoute(netip.PrefixFrom(cidrAddr4(x), bits).Masked(), tgw, world); err == nil {
			t = next
		}
	}
	routes := t.Routes()
	probes := make([]netip.Addr, 1024)
	for i := range probes {
		x := rng.Uint32()
		if p := routes[rng.IntN(len(routes))].Destination; i%2 == 0 && p.Bits() > 0 {
			x = routeUint(p.Addr()) | x>>p.Bits()
		}
		probes[i] = cidrAddr4(x)
	}
	return t, probes
}

func routeUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func routeBart(t route.Table) *bart.Table[route.Route] {
	bt := new(bart.Table[route.Route])
	for _, r := range t.Routes() {
		bt.Insert(r.Destination, r)
	}
	return bt
}

func routeBartInt(t route.Table) *bart.Table[int] {
	bt := new(bart.Table[int])
	for i, r := range t.Routes() {
		bt.Insert(r.Destination, i)
	}
	return bt
}

// TestRouteLookupAgreesWithBart checks that the two sides of the benchmark
// answer the same question: for a table without propagated routes, EC2's
// route selection is plain longest-prefix match.
func TestRouteLookupAgreesWithBart(t *testing.T) {
	for _, n := range routeSizes {
		tb, probes := routeTable(t, n)
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

// heapBytes returns what build returns and the live heap bytes one build
// takes, averaged over copies builds kept alive together.
func heapBytes[T any](copies int, build func() T) (T, uint64) {
	var before, after runtime.MemStats
	kept := make([]T, copies)
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range kept {
		kept[i] = build()
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	return kept[0], (after.HeapAlloc - before.HeapAlloc) / uint64(copies)
}

// BenchmarkRouteLookup compares route.Table.Lookup with bart's Lookup on
// the same table and probes, and reports each one's live heap per route.
func BenchmarkRouteLookup(b *testing.B) {
	for _, n := range routeSizes {
		t, probes := routeTable(b, n)
		copies := 10000 / n
		b.Run(fmt.Sprintf("n=%d/vpcmodel", n), func(b *testing.B) {
			tb, size := heapBytes(copies, func() route.Table { tb, _ := routeTable(b, n); return tb })
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
