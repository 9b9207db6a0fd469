package route_test

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

var cidrErrRouteConflict = cidr.ErrRouteConflict

func TestAnalyze(t *testing.T) {
	r := world()
	tb := newTable(t)
	must := func(tb route.Table, err error) route.Table {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return tb
	}
	tb = must(tb.CreateRoute(mpp("10.1.0.0/16"), mt("pcx-11111111"), r))    // fine
	tb = must(tb.CreateRoute(mpp("10.1.7.0/24"), mt("pcx-11111111"), r))    // fine, part of the peer
	tb = must(tb.CreateRoute(mpp("10.2.0.0/16"), mt("pcx-11111111"), r))    // C's CIDR through B: transitive
	tb = must(tb.CreateRoute(mpp("0.0.0.0/0"), mt("pcx-11111111"), r))      // the internet through B: edge-to-edge, but covers B
	tb = must(tb.CreateRoute(mpp("192.168.0.0/16"), mt("pcx-11111111"), r)) // a VPN behind B: edge-to-edge
	tb = must(tb.CreateRoute(mpp("172.16.0.0/23"), mt("tgw-11111111"), r))
	tb = must(tb.CreateRoute(mpp("172.16.0.0/24"), mt("igw-11111111"), r))
	tb = must(tb.CreateRoute(mpp("172.16.1.0/24"), mt("igw-11111111"), r)) // the /23 is now shadowed
	tb = must(tb.EnablePropagation(mt("vgw-11111111"), r))
	tb = must(tb.SetPropagated(mt("vgw-11111111"), []netip.Prefix{mpp("10.0.5.0/24"), mpp("10.8.0.0/16")}))

	peerings := []route.Peering{{
		ID: "pcx-11111111", Status: status.Active,
		Requester: route.VPC{ID: vpcA, Blocks: []netip.Prefix{mpp("10.0.0.0/16")}},
		Accepter:  route.VPC{ID: vpcB, Blocks: []netip.Prefix{mpp("10.1.0.0/16")}},
	}}
	got := tb.Analyze(peerings)
	type short struct {
		Dest    string
		Problem route.Problem
	}
	var gotShort []short
	for _, f := range got {
		gotShort = append(gotShort, short{f.Route.Destination.String(), f.Problem})
		if f.Reason == "" || !f.Problem.IsValid() {
			t.Errorf("finding %v has no reason or an invalid problem", f)
		}
	}
	want := []short{
		{"10.0.5.0/24", route.ProblemShadowed}, // propagated inside the local route
		{"10.2.0.0/16", route.ProblemNonTransitive},
		{"172.16.0.0/23", route.ProblemShadowed},
		{"192.168.0.0/16", route.ProblemNonTransitive},
	}
	if diff := cmp.Diff(want, gotShort); diff != "" {
		t.Errorf("Analyze mismatch (-want +got):\n%s", diff)
	}
	// without the connection, nothing is judged for transitivity
	for _, f := range tb.Analyze(nil) {
		if f.Problem == route.ProblemNonTransitive {
			t.Errorf("Analyze(nil) reported %v", f)
		}
	}
	if len(route.Problem("").Values()) != 2 || route.Problem("x").IsValid() {
		t.Error("Problem.Values or IsValid is wrong")
	}
}
