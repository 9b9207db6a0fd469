package route_test

import (
	"maps"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

func TestReconcile(t *testing.T) {
	r := world()
	r.Targets = maps.Clone(r.Targets)
	tb := newTable(t)
	must := func(tb route.Table, err error) route.Table {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return tb
	}
	tb = must(tb.CreateRoute(mpp("10.2.0.0/16"), mt("pcx-22222222"), r)) // pending: blackhole
	tb = must(tb.CreateRoute(mpp("10.1.0.0/16"), mt("pcx-11111111"), r)) // active
	tb = must(tb.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), r))
	tb = must(tb.CreateRoute(mpp("172.16.0.0/12"), mt("nat-11111111"), r))
	tb = must(tb.ReplaceRoute(mpp("10.0.0.0/16"), mt("eni-11111111"), r))
	tb = must(tb.EnablePropagation(mt("vgw-11111111"), r))
	tb = must(tb.SetPropagated(mt("vgw-11111111"), []netip.Prefix{mpp("192.168.0.0/16")}))

	state := func(tb route.Table, dest string) status.RouteState {
		rt, ok := tb.Route(mpp(dest))
		if !ok {
			return ""
		}
		return rt.State
	}
	steps := []struct {
		name   string
		change func()
		want   map[string]status.RouteState // "" means the route is gone
	}{
		{"nothing changed", func() {}, map[string]status.RouteState{
			"10.2.0.0/16": status.RouteBlackhole, "10.1.0.0/16": status.RouteActive, "0.0.0.0/0": status.RouteActive,
			"172.16.0.0/12": status.RouteActive, "10.0.0.0/16": status.RouteActive, "192.168.0.0/16": status.RouteActive}},
		{"peering accepted and active", func() {
			r.Targets[mt("pcx-22222222")] = route.TargetInfo{VPCIDs: []string{vpcA, vpcC}, Status: status.Active}
		}, map[string]status.RouteState{"10.2.0.0/16": status.RouteActive}},
		{"peering deleted", func() {
			r.Targets[mt("pcx-11111111")] = route.TargetInfo{VPCIDs: []string{vpcA, vpcB}, Status: status.Deleted}
		}, map[string]status.RouteState{"10.1.0.0/16": status.RouteBlackhole}},
		{"peering forgotten", func() { delete(r.Targets, mt("pcx-22222222")) }, map[string]status.RouteState{"10.2.0.0/16": status.RouteBlackhole}},
		{"igw detached", func() { r.Targets[mt("igw-11111111")] = route.TargetInfo{} }, map[string]status.RouteState{"0.0.0.0/0": status.RouteBlackhole}},
		{"nat deleted", func() { delete(r.Targets, mt("nat-11111111")) }, map[string]status.RouteState{"172.16.0.0/12": status.RouteBlackhole}},
		{"middlebox eni deleted", func() { delete(r.Targets, mt("eni-11111111")) }, map[string]status.RouteState{"10.0.0.0/16": status.RouteBlackhole}},
		{"vgw detached", func() { r.Targets[mt("vgw-11111111")] = route.TargetInfo{} }, map[string]status.RouteState{"192.168.0.0/16": ""}},
		{"igw attached again", func() { r.Targets[mt("igw-11111111")] = route.TargetInfo{VPCIDs: []string{vpcA}} }, map[string]status.RouteState{"0.0.0.0/0": status.RouteActive}},
		{"peering recreated active", func() {
			r.Targets[mt("pcx-11111111")] = route.TargetInfo{VPCIDs: []string{vpcA, vpcB}, Status: status.Active}
		}, map[string]status.RouteState{"10.1.0.0/16": status.RouteActive}},
	}
	for _, s := range steps {
		s.change()
		next := tb.Reconcile(r)
		for dest, want := range s.want {
			if got := state(next, dest); got != want {
				t.Errorf("%s: %s is %q, want %q", s.name, dest, got, want)
			}
		}
		if got, _ := next.Lookup(netip.MustParseAddr("10.1.0.1")); got.State != state(next, "10.1.0.0/16") {
			t.Errorf("%s: Lookup disagrees with Routes after Reconcile", s.name)
		}
		tb = next
	}
}
