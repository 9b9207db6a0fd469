package route_test

import (
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

func TestLookup(t *testing.T) {
	r := world()
	r.Targets[mt("pcx-22222222")] = route.TargetInfo{VPCIDs: []string{vpcA, vpcC}, Status: status.PendingAcceptance}
	tb := newTable(t)
	must := func(tb route.Table, err error) route.Table {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return tb
	}
	tb = must(tb.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), r))
	tb = must(tb.CreateRoute(mpp("10.1.0.0/16"), mt("pcx-11111111"), r))
	tb = must(tb.CreateRoute(mpp("10.1.5.0/24"), mt("tgw-11111111"), r))
	tb = must(tb.CreateRoute(mpp("10.1.5.7/32"), mt("eni-11111111"), r))
	tb = must(tb.CreateRoute(mpp("10.2.0.0/16"), mt("pcx-22222222"), r)) // blackhole
	tb = must(tb.CreateRoute(mpp("10.0.1.0/24"), mt("nat-11111111"), r)) // subnet route beats local
	tb = must(tb.CreateRoute(mpp("::/0"), mt("eigw-11111111"), r))
	tb = must(tb.CreateRoute(mpp("192.168.0.0/16"), mt("tgw-11111111"), r)) // static, same prefix as a propagated one
	tb = must(tb.EnablePropagation(mt("vgw-11111111"), r))
	tb = must(tb.SetPropagated(mt("vgw-11111111"), []netip.Prefix{
		mpp("192.168.0.0/16"), // hidden by the static route
		mpp("172.16.0.0/12"),
		mpp("172.16.8.0/24"),
		mpp("10.0.128.0/17"), // inside the local route: never wins
		mpp("10.0.0.0/8"),    // covers the local route: wins outside it
		mpp("2001:db8::/32"),
	}))
	tests := []struct {
		addr   string
		dest   string // "" for no match
		origin route.Origin
		state  status.RouteState
	}{
		{"8.8.8.8", "0.0.0.0/0", route.OriginCreateRoute, status.RouteActive},
		{"10.0.0.1", "10.0.0.0/16", route.OriginCreateRouteTable, status.RouteActive},
		{"10.0.200.1", "10.0.0.0/16", route.OriginCreateRouteTable, status.RouteActive}, // not the propagated /17
		{"10.0.1.9", "10.0.1.0/24", route.OriginCreateRoute, status.RouteActive},
		{"10.1.0.1", "10.1.0.0/16", route.OriginCreateRoute, status.RouteActive},
		{"10.1.5.1", "10.1.5.0/24", route.OriginCreateRoute, status.RouteActive},
		{"10.1.5.7", "10.1.5.7/32", route.OriginCreateRoute, status.RouteActive},
		{"10.1.5.8", "10.1.5.0/24", route.OriginCreateRoute, status.RouteActive},
		{"10.1.6.0", "10.1.0.0/16", route.OriginCreateRoute, status.RouteActive},
		{"10.2.3.4", "10.2.0.0/16", route.OriginCreateRoute, status.RouteBlackhole}, // selected, dropped
		{"10.3.0.1", "10.0.0.0/8", route.OriginEnableVgwRoutePropagation, status.RouteActive},
		{"172.16.8.9", "172.16.8.0/24", route.OriginEnableVgwRoutePropagation, status.RouteActive},
		{"172.17.0.1", "172.16.0.0/12", route.OriginEnableVgwRoutePropagation, status.RouteActive},
		{"192.168.1.1", "192.168.0.0/16", route.OriginCreateRoute, status.RouteActive},
		{"255.255.255.255", "0.0.0.0/0", route.OriginCreateRoute, status.RouteActive},
		{"0.0.0.0", "0.0.0.0/0", route.OriginCreateRoute, status.RouteActive},
		{"2600:1f18::1", "2600:1f18::/56", route.OriginCreateRouteTable, status.RouteActive},
		{"2001:db8::1", "2001:db8::/32", route.OriginEnableVgwRoutePropagation, status.RouteActive},
		{"2a00::1", "::/0", route.OriginCreateRoute, status.RouteActive},
		{"::ffff:10.0.0.1", "::/0", route.OriginCreateRoute, status.RouteActive}, // an IPv6 address
		{"fe80::1%eth0", "::/0", route.OriginCreateRoute, status.RouteActive},
	}
	for _, tt := range tests {
		got, ok := tb.Lookup(netip.MustParseAddr(tt.addr))
		if !ok || got.Destination.String() != tt.dest || got.Origin != tt.origin || got.State != tt.state {
			t.Errorf("Lookup(%s) = %v (%s), %v, want %s (%s, %s)", tt.addr, got, got.Origin, ok, tt.dest, tt.origin, tt.state)
		}
		if ok && got.Forwards() != (tt.state == status.RouteActive) {
			t.Errorf("Lookup(%s).Forwards() = %v", tt.addr, got.Forwards())
		}
	}
	// without the default routes, some addresses match nothing
	bare := newTable(t)
	for _, a := range []string{"8.8.8.8", "2001:db8::1", "0.0.0.0"} {
		if got, ok := bare.Lookup(netip.MustParseAddr(a)); ok {
			t.Errorf("Lookup(%s) on a fresh table = %v, want no match", a, got)
		}
	}
	if _, ok := (route.Table{}).Lookup(netip.MustParseAddr("10.0.0.1")); ok {
		t.Error("the zero Table matched")
	}
	if _, ok := tb.Lookup(netip.Addr{}); ok {
		t.Error("the zero Addr matched")
	}
	// after the static route goes, the propagated one with the same prefix takes its place
	tb2, err := tb.DeleteRoute(mpp("192.168.0.0/16"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := tb2.Lookup(netip.MustParseAddr("192.168.1.1")); got.Origin != route.OriginEnableVgwRoutePropagation || got.Target != mt("vgw-11111111") {
		t.Errorf("after DeleteRoute: Lookup = %v (%s), want the propagated route", got, got.Origin)
	}
}

// TestLookupNoAllocs pins Lookup's allocation contract.
func TestLookupNoAllocs(t *testing.T) {
	tb := newTable(t)
	tb, _ = tb.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), world())
	a4, a6 := netip.MustParseAddr("10.0.3.4"), netip.MustParseAddr("2600:1f18::9")
	if n := testing.AllocsPerRun(100, func() { tb.Lookup(a4); tb.Lookup(a6) }); n != 0 {
		t.Errorf("Lookup allocates %v times per run, want 0", n)
	}
}

// TestConcurrentUse shares one Table between goroutines that look up and
// derive new tables from it; run with -race.
func TestConcurrentUse(t *testing.T) {
	r := world()
	base := newTable(t)
	base, _ = base.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), r)
	want, _ := base.Lookup(netip.MustParseAddr("8.8.8.8"))
	done := make(chan route.Route)
	for g := 0; g < 4; g++ {
		go func() {
			var got route.Route
			for i := 0; i < 200; i++ {
				d := netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16, byte(g), byte(i)}), 32)
				next, err := base.CreateRoute(d, mt("tgw-11111111"), r)
				if err == nil {
					next.Lookup(d.Addr())
				}
				got, _ = base.Lookup(netip.MustParseAddr("8.8.8.8"))
			}
			done <- got
		}()
	}
	for g := 0; g < 4; g++ {
		if got := <-done; got != want {
			t.Errorf("a reader saw %v, want %v", got, want)
		}
	}
	if len(base.Routes()) != 3 {
		t.Errorf("the shared table changed: %v", base.Routes())
	}
}
