package route_test

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

func TestPropagation(t *testing.T) {
	r := world()
	vgw := mt("vgw-11111111")
	tb := newTable(t)

	// the gateway must propagate before it can set routes
	_, err := tb.SetPropagated(vgw, []netip.Prefix{mpp("192.168.0.0/16")})
	checkErr(t, err, route.ErrPropagation, "InvalidParameterValue", "The gateway vgw-11111111 does not propagate routes into route table rtb-aaaaaaaa.")

	for _, tt := range []struct {
		name   string
		target route.Target
		cause  error
		code   string
		msg    string
	}{
		{"not a vgw", mt("igw-11111111"), route.ErrPropagation, "InvalidParameterValue",
			"Invalid value 'igw-11111111' for gatewayId: a virtual private gateway (vgw-...) is required."},
		{"unknown", mt("vgw-99999999"), route.ErrTargetNotFound, "InvalidVpnGatewayID.NotFound", "The vpnGateway ID 'vgw-99999999' does not exist"},
		{"detached", mt("vgw-22222222"), route.ErrNotAttached, "Gateway.NotAttached", "resource vgw-22222222 is not attached to network vpc-aaaaaaaa"},
		{"attached elsewhere", mt("vgw-33333333"), route.ErrDifferentNetworks, "InvalidParameterValue",
			"route table rtb-aaaaaaaa and network gateway vgw-33333333 belong to different networks"},
	} {
		got, err := tb.EnablePropagation(tt.target, r)
		checkErr(t, err, tt.cause, tt.code, tt.msg)
		if len(got.PropagatingGateways()) != 0 {
			t.Errorf("%s: a refused EnablePropagation changed the table", tt.name)
		}
	}

	tb, err = tb.EnablePropagation(vgw, r)
	if err != nil {
		t.Fatal(err)
	}
	again, err := tb.EnablePropagation(vgw, r)
	if err != nil || len(again.PropagatingGateways()) != 1 {
		t.Errorf("enabling twice: %v, %v", again.PropagatingGateways(), err)
	}
	if diff := cmp.Diff([]route.Target{vgw}, tb.PropagatingGateways(), eq); diff != "" {
		t.Errorf("PropagatingGateways mismatch (-want +got):\n%s", diff)
	}
	tb, err = tb.SetPropagated(vgw, []netip.Prefix{mpp("192.168.0.0/16"), netip.PrefixFrom(netip.MustParseAddr("172.16.1.1"), 16), mpp("192.168.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{mpp("172.16.0.0/16"), mpp("192.168.0.0/16")}
	if diff := cmp.Diff(want, tb.Propagated(vgw), eq); diff != "" {
		t.Errorf("Propagated mismatch (-want +got):\n%s", diff)
	}
	rt, ok := tb.Route(mpp("172.16.0.0/16"))
	if wantRt := (route.Route{Destination: mpp("172.16.0.0/16"), Target: vgw, Origin: route.OriginEnableVgwRoutePropagation, State: status.RouteActive}); !ok || rt != wantRt {
		t.Errorf("Route(172.16.0.0/16) = %v, %v, want %v", rt, ok, wantRt)
	}
	// propagated routes cannot be deleted or replaced through the static route actions
	_, err = tb.DeleteRoute(mpp("172.16.0.0/16"))
	checkErr(t, err, route.ErrRouteNotFound, "InvalidRoute.NotFound", "")
	_, err = tb.ReplaceRoute(mpp("172.16.0.0/16"), mt("igw-11111111"), r)
	checkErr(t, err, route.ErrRouteNotFound, "InvalidParameterValue", "")
	// but a static route may take the same destination, and hides the propagated one
	st, err := tb.CreateRoute(mpp("172.16.0.0/16"), mt("tgw-11111111"), r)
	if err != nil {
		t.Fatal(err)
	}
	if rt, _ := st.Route(mpp("172.16.0.0/16")); rt.Origin != route.OriginCreateRoute || len(st.Routes()) != len(tb.Routes()) {
		t.Errorf("static over propagated: %v, %d routes", rt, len(st.Routes()))
	}

	// too many propagated routes
	many := make([]netip.Prefix, route.MaxPropagatedRoutes+1)
	for i := range many {
		many[i] = netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 20, byte(i), 0}), 24)
	}
	_, err = tb.SetPropagated(vgw, many)
	checkErr(t, err, route.ErrRouteLimit, "RouteLimitExceeded", "")
	if _, err := tb.SetPropagated(vgw, many[:route.MaxPropagatedRoutes]); err != nil {
		t.Errorf("SetPropagated(%d prefixes) = %v", route.MaxPropagatedRoutes, err)
	}
	_, err = tb.SetPropagated(vgw, []netip.Prefix{{}})
	checkErr(t, err, route.ErrDestination, "InvalidParameterValue", "")

	// withdrawing and disabling
	none, err := tb.SetPropagated(vgw, nil)
	if err != nil || len(none.Routes()) != 2 {
		t.Errorf("SetPropagated(nil): %v, %v", none.Routes(), err)
	}
	off, err := tb.DisablePropagation(vgw)
	if err != nil || len(off.Routes()) != 2 || len(off.PropagatingGateways()) != 0 || off.Propagated(vgw) != nil {
		t.Errorf("DisablePropagation: %v, %v, %v", off.Routes(), off.PropagatingGateways(), err)
	}
	if again, err := off.DisablePropagation(vgw); err != nil || len(again.Routes()) != 2 {
		t.Errorf("disabling twice: %v", err)
	}
	_, err = off.DisablePropagation(mt("igw-11111111"))
	checkErr(t, err, route.ErrPropagation, "InvalidParameterValue", "")
}

func TestBlocks(t *testing.T) {
	r := world()
	tb := newTable(t)
	tb, _ = tb.CreateRoute(mpp("10.1.0.0/24"), mt("pcx-11111111"), r)

	got, err := tb.AssociateBlock(mpp("10.5.0.0/16"))
	if err != nil {
		t.Fatal(err)
	}
	if rt, ok := got.Route(mpp("10.5.0.0/16")); !ok || !rt.IsLocal() || rt.Target != route.LocalTarget() {
		t.Errorf("no local route for the new block: %v", rt)
	}
	if diff := cmp.Diff([]netip.Prefix{mpp("10.0.0.0/16"), mpp("10.5.0.0/16"), mpp("2600:1f18::/56")}, got.Blocks(), eq); diff != "" {
		t.Errorf("Blocks mismatch (-want +got):\n%s", diff)
	}
	// routes inside the new block now need a subnet target
	_, err = got.CreateRoute(mpp("10.5.1.0/24"), mt("igw-11111111"), r)
	checkErr(t, err, route.ErrMoreSpecific, "InvalidParameterValue", "")

	for _, tt := range []struct {
		name  string
		block netip.Prefix
		cause error
		code  string
	}{
		{"the same block again", mpp("10.0.0.0/16"), route.ErrRouteExists, "RouteAlreadyExists"},
		{"a route's destination", mpp("10.1.0.0/24"), route.ErrRouteExists, "RouteAlreadyExists"},
		{"larger than a route", mpp("10.1.0.0/16"), nil, "InvalidVpc.Range"},
		{"unmasked", netip.PrefixFrom(netip.MustParseAddr("10.9.0.1"), 16), route.ErrBlock, "InvalidParameterValue"},
		{"invalid", netip.Prefix{}, route.ErrBlock, "InvalidParameterValue"},
	} {
		got, err := tb.AssociateBlock(tt.block)
		cause := tt.cause
		if cause == nil {
			cause = cidrErrRouteConflict
		}
		checkErr(t, err, cause, tt.code, "")
		if len(got.Routes()) != len(tb.Routes()) {
			t.Errorf("%s: a refused AssociateBlock changed the table", tt.name)
		}
	}

	back, err := got.DisassociateBlock(mpp("10.5.0.0/16"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tb.Routes(), back.Routes(), eq); diff != "" {
		t.Errorf("associate then disassociate (-want +got):\n%s", diff)
	}
	_, err = tb.DisassociateBlock(mpp("10.7.0.0/16"))
	checkErr(t, err, route.ErrBlock, "InvalidParameterValue", "")
	_, err = tb.DisassociateBlock(mpp("10.0.0.0/16"))
	checkErr(t, err, route.ErrBlock, "InvalidParameterValue", "") // the last IPv4 block
	if v6, err := tb.DisassociateBlock(mpp("2600:1f18::/56")); err != nil || len(v6.Routes()) != len(tb.Routes())-1 {
		t.Errorf("DisassociateBlock(ipv6) = %v", err)
	}
}

func TestCreateTable(t *testing.T) {
	tb := newTable(t)
	if tb.ID() != tableA || tb.VPCID() != vpcA || tb.OwnerID() != owner || !tb.IsValid() {
		t.Errorf("CreateTable = %s %s %s", tb.ID(), tb.VPCID(), tb.OwnerID())
	}
	want := []route.Route{
		{Destination: mpp("10.0.0.0/16"), Target: route.LocalTarget(), Origin: route.OriginCreateRouteTable, State: status.RouteActive},
		{Destination: mpp("2600:1f18::/56"), Target: route.LocalTarget(), Origin: route.OriginCreateRouteTable, State: status.RouteActive},
	}
	if diff := cmp.Diff(want, tb.Routes(), eq); diff != "" {
		t.Errorf("Routes mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		name, id, owner string
		vpc             route.VPC
		code            string
	}{
		{"bad table id", "rtb-1", owner, route.VPC{ID: vpcA, Blocks: []netip.Prefix{mpp("10.0.0.0/16")}}, "InvalidRouteTableId.Malformed"},
		{"bad vpc id", tableA, owner, route.VPC{ID: "vpc-1", Blocks: []netip.Prefix{mpp("10.0.0.0/16")}}, "InvalidVpcID.Malformed"},
		{"bad owner", tableA, "12", route.VPC{ID: vpcA, Blocks: []netip.Prefix{mpp("10.0.0.0/16")}}, "InvalidParameterValue"},
		{"no ipv4 block", tableA, owner, route.VPC{ID: vpcA, Blocks: []netip.Prefix{mpp("2600:1f18::/56")}}, "InvalidParameterValue"},
		{"a block twice", tableA, owner, route.VPC{ID: vpcA, Blocks: []netip.Prefix{mpp("10.0.0.0/16"), mpp("10.0.0.0/16")}}, "InvalidParameterValue"},
		{"unmasked block", tableA, owner, route.VPC{ID: vpcA, Blocks: []netip.Prefix{netip.PrefixFrom(netip.MustParseAddr("10.0.0.1"), 16)}}, "InvalidParameterValue"},
	} {
		got, err := route.CreateTable(tt.id, tt.owner, tt.vpc)
		checkErr(t, err, route.ErrTable, tt.code, "")
		if got.IsValid() {
			t.Errorf("%s: got a valid table on error", tt.name)
		}
	}
	var zero route.Table
	if zero.IsValid() || zero.Routes() != nil || len(zero.Analyze(nil)) != 0 {
		t.Error("the zero Table is not empty")
	}
}

func TestAssociations(t *testing.T) {
	tb := newTable(t)
	main := route.Association{ID: "rtbassoc-11111111", Main: true}
	sub := route.Association{ID: "rtbassoc-22222222", SubnetID: "subnet-11111111"}
	edge := route.Association{ID: "rtbassoc-33333333", GatewayID: "igw-11111111"}
	var err error
	for _, a := range []route.Association{main, sub, edge} {
		if tb, err = tb.Associate(a); err != nil {
			t.Fatalf("Associate(%v) = %v", a, err)
		}
	}
	if diff := cmp.Diff([]route.Association{main, sub, edge}, tb.Associations()); diff != "" {
		t.Errorf("Associations mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		name string
		a    route.Association
		code string
	}{
		{"bad id", route.Association{ID: "assoc-1", Main: true}, "InvalidParameterValue"},
		{"nothing", route.Association{ID: "rtbassoc-44444444"}, "InvalidParameterCombination"},
		{"two things", route.Association{ID: "rtbassoc-44444444", SubnetID: "subnet-22222222", Main: true}, "InvalidParameterCombination"},
		{"bad subnet", route.Association{ID: "rtbassoc-44444444", SubnetID: "subnet-2"}, "InvalidSubnetID.Malformed"},
		{"bad gateway", route.Association{ID: "rtbassoc-44444444", GatewayID: "nat-11111111"}, "InvalidParameterValue"},
		{"same id", route.Association{ID: sub.ID, SubnetID: "subnet-22222222"}, "Resource.AlreadyAssociated"},
		{"same subnet", route.Association{ID: "rtbassoc-44444444", SubnetID: sub.SubnetID}, "Resource.AlreadyAssociated"},
		{"second main", route.Association{ID: "rtbassoc-44444444", Main: true}, "Resource.AlreadyAssociated"},
	} {
		got, err := tb.Associate(tt.a)
		checkErr(t, err, route.ErrAssociation, tt.code, "")
		if len(got.Associations()) != 3 {
			t.Errorf("%s: a refused Associate changed the table", tt.name)
		}
	}
	got, err := tb.Disassociate(sub.ID)
	if err != nil || len(got.Associations()) != 2 {
		t.Errorf("Disassociate = %v, %v", got.Associations(), err)
	}
	_, err = tb.Disassociate(main.ID)
	checkErr(t, err, route.ErrAssociation, "InvalidParameterValue", "")
	_, err = tb.Disassociate("rtbassoc-99999999")
	checkErr(t, err, route.ErrAssociation, "InvalidAssociationID.NotFound", "The association ID 'rtbassoc-99999999' does not exist")
}

// TestEmptyListsAreNil: a list that has emptied reads as nil, like one that
// never held anything, so two tables with the same content answer alike.
func TestEmptyListsAreNil(t *testing.T) {
	r := propWorld()
	vgw := mt("vgw-11111111")
	tb := newTable(t)
	tb, _ = tb.Associate(route.Association{ID: "rtbassoc-11111111", SubnetID: "subnet-11111111"})
	tb, _ = tb.Disassociate("rtbassoc-11111111")
	if got := tb.Associations(); got != nil {
		t.Errorf("Associations() after the last Disassociate = %#v, want nil", got)
	}
	tb, _ = tb.EnablePropagation(vgw, r)
	tb, _ = tb.SetPropagated(vgw, []netip.Prefix{mpp("192.168.0.0/16")})
	tb, _ = tb.SetPropagated(vgw, []netip.Prefix{})
	if got := tb.Propagated(vgw); got != nil {
		t.Errorf("Propagated() after withdrawing every prefix = %#v, want nil", got)
	}
}
