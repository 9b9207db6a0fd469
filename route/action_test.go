package route_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

func TestCreateRoute(t *testing.T) {
	const (
		moreSpecific = "The destination CIDR block %s is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance."
		different    = "route table rtb-aaaaaaaa and network gateway %s belong to different networks"
	)
	tests := []struct {
		name   string
		dest   netip.Prefix
		target string
		want   status.RouteState // on success
		cause  error
		code   string
		msg    string // with %s for dest or target, as the case needs
	}{
		// successes, one per kind
		{name: "default route to igw", dest: mpp("0.0.0.0/0"), target: "igw-11111111", want: status.RouteActive},
		{name: "ipv6 default to igw", dest: mpp("::/0"), target: "igw-11111111", want: status.RouteActive},
		{name: "vgw", dest: mpp("192.168.0.0/16"), target: "vgw-11111111", want: status.RouteActive},
		{name: "active peering, whole peer CIDR", dest: mpp("10.1.0.0/16"), target: "pcx-11111111", want: status.RouteActive},
		{name: "active peering, single address", dest: mpp("10.1.2.3/32"), target: "pcx-11111111", want: status.RouteActive},
		{name: "peering as accepter side", dest: mpp("10.2.0.0/16"), target: "pcx-33333333", want: status.RouteBlackhole},
		{name: "pending-acceptance peering is a blackhole", dest: mpp("10.2.0.0/16"), target: "pcx-22222222", want: status.RouteBlackhole},
		{name: "initiating-request peering is a blackhole", dest: mpp("10.2.0.0/16"), target: "pcx-66666666", want: status.RouteBlackhole},
		{name: "nat gateway", dest: mpp("0.0.0.0/0"), target: "nat-11111111", want: status.RouteActive},
		{name: "nat64", dest: mpp("64:ff9b::/96"), target: "nat-11111111", want: status.RouteActive},
		{name: "nat64, part of it", dest: mpp("64:ff9b::c000:200/120"), target: "nat-11111111", want: status.RouteActive},
		{name: "egress-only gateway", dest: mpp("::/0"), target: "eigw-11111111", want: status.RouteActive},
		{name: "network interface", dest: mpp("172.16.0.0/12"), target: "eni-11111111", want: status.RouteActive},
		{name: "transit gateway serves any vpc", dest: mpp("172.16.0.0/12"), target: "tgw-11111111", want: status.RouteActive},
		{name: "egress-only igw", dest: mpp("::/0"), target: "eigw-11111111", want: status.RouteActive},
		{name: "gwlb endpoint", dest: mpp("0.0.0.0/0"), target: "vpce-11111111", want: status.RouteActive},
		{name: "instance", dest: mpp("0.0.0.0/0"), target: "i-11111111", want: status.RouteActive},
		{name: "carrier gateway", dest: mpp("0.0.0.0/0"), target: "cagw-11111111", want: status.RouteActive},
		{name: "local gateway", dest: mpp("0.0.0.0/0"), target: "lgw-11111111", want: status.RouteActive},
		{name: "core network", dest: mpp("0.0.0.0/0"), target: coreARN, want: status.RouteActive},
		{name: "host bits are cleared", dest: netip.PrefixFrom(netip.MustParseAddr("100.68.0.18"), 18), target: "igw-11111111", want: status.RouteActive},
		{name: "subnet route to eni", dest: mpp("10.0.1.0/24"), target: "eni-11111111", want: status.RouteActive},
		{name: "subnet route to nat", dest: mpp("10.0.2.0/24"), target: "nat-11111111", want: status.RouteActive},
		{name: "nat64 route to nat", dest: mpp("64:ff9b::/96"), target: "nat-11111111", want: status.RouteActive},
		{name: "route inside nat64 to nat", dest: mpp("64:ff9b::a00:0/120"), target: "nat-11111111", want: status.RouteActive},
		{name: "subnet route to gwlb endpoint", dest: mpp("10.0.1.0/24"), target: "vpce-11111111", want: status.RouteActive},
		{name: "ipv6 subnet route to eni", dest: mpp("2600:1f18:0:1::/64"), target: "eni-11111111", want: status.RouteActive},
		{name: "covering the reserved range is allowed", dest: mpp("169.254.0.0/16"), target: "igw-11111111", want: status.RouteActive},
		{name: "covering the local route is allowed", dest: mpp("10.0.0.0/8"), target: "tgw-11111111", want: status.RouteActive},

		// refusals
		{name: "invalid destination", dest: netip.Prefix{}, target: "igw-11111111", cause: route.ErrDestination, code: "InvalidParameterValue",
			msg: "Value (invalid Prefix) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block."},
		{name: "ipv4-mapped destination", dest: mpp("::ffff:10.0.0.0/104"), target: "igw-11111111", cause: route.ErrDestination, code: "InvalidParameterValue"},
		{name: "no target", dest: mpp("0.0.0.0/0"), cause: route.ErrNoTarget, code: "MissingParameter",
			msg: "The request must contain exactly one route target parameter"},
		{name: "duplicate of the local route", dest: mpp("10.0.0.0/16"), target: "igw-11111111", cause: route.ErrRouteExists, code: "RouteAlreadyExists",
			msg: "The route identified by 10.0.0.0/16 already exists."},
		{name: "duplicate of the ipv6 local route", dest: mpp("2600:1f18::/56"), target: "eni-11111111", cause: route.ErrRouteExists, code: "RouteAlreadyExists",
			msg: "The route identified by 2600:1f18::/56 already exists."},
		{name: "duplicate of a static route", dest: mpp("172.31.0.0/16"), target: "igw-11111111", cause: route.ErrRouteExists, code: "RouteAlreadyExists"},
		{name: "reserved ipv4", dest: mpp("169.254.169.0/24"), target: "igw-11111111", cause: route.ErrReserved, code: "InvalidParameterValue",
			msg: "The destination CIDR block 169.254.169.0/24 is equal to or more specific than a range reserved by AWS (169.254.168.0/22, fd00:ec2::/32)."},
		{name: "reserved ipv4 exactly", dest: mpp("169.254.168.0/22"), target: "igw-11111111", cause: route.ErrReserved, code: "InvalidParameterValue"},
		{name: "reserved ipv6", dest: mpp("fd00:ec2::/48"), target: "igw-11111111", cause: route.ErrReserved, code: "InvalidParameterValue"},
		{name: "local target", dest: mpp("172.16.0.0/12"), target: "local", cause: route.ErrTargetUnsupported, code: "InvalidParameterValue",
			msg: "Route target local is supported only by the local routes of the route table."},
		{name: "inside VPC, not a subnet", dest: mpp("10.0.3.0/24"), target: "eni-11111111", cause: route.ErrMoreSpecific, code: "InvalidParameterValue", msg: moreSpecific},
		{name: "subnet with igw", dest: mpp("10.0.1.0/24"), target: "igw-11111111", cause: route.ErrMoreSpecific, code: "InvalidParameterValue", msg: moreSpecific},
		{name: "subnet with peering", dest: mpp("10.0.1.0/24"), target: "pcx-11111111", cause: route.ErrMoreSpecific, code: "InvalidParameterValue", msg: moreSpecific},
		{name: "host inside VPC", dest: mpp("10.0.1.5/32"), target: "eni-11111111", cause: route.ErrMoreSpecific, code: "InvalidParameterValue", msg: moreSpecific},
		{name: "ipv6 inside VPC", dest: mpp("2600:1f18:0:2::/64"), target: "eni-11111111", cause: route.ErrMoreSpecific, code: "InvalidParameterValue", msg: moreSpecific},
		{name: "nat with ipv6", dest: mpp("::/0"), target: "nat-11111111", cause: route.ErrFamily, code: "InvalidParameterValue",
			msg: "The target nat-11111111 supports IPv6 destinations only within 64:ff9b::/96 (NAT64), not ::/0."},
		{name: "nat with a block covering nat64", dest: mpp("64:ff9b::/95"), target: "nat-11111111", cause: route.ErrFamily, code: "InvalidParameterValue"},
		{name: "cagw with ipv6", dest: mpp("::/0"), target: "cagw-11111111", cause: route.ErrFamily, code: "InvalidParameterValue"},
		{name: "eigw with ipv4", dest: mpp("0.0.0.0/0"), target: "eigw-11111111", cause: route.ErrFamily, code: "InvalidParameterValue",
			msg: "The target eigw-11111111 does not support IPv4 destinations such as 0.0.0.0/0."},
		{name: "unknown igw", dest: mpp("0.0.0.0/0"), target: "igw-99999999", cause: route.ErrTargetNotFound, code: "InvalidInternetGatewayID.NotFound",
			msg: "The internetGateway ID 'igw-99999999' does not exist"},
		{name: "unknown peering", dest: mpp("10.1.0.0/16"), target: "pcx-aaaaaaaa", cause: route.ErrTargetNotFound, code: "InvalidVpcPeeringConnectionID.NotFound",
			msg: "The vpcPeeringConnection ID 'pcx-aaaaaaaa' does not exist"},
		{name: "deleted peering", dest: mpp("10.1.0.0/16"), target: "pcx-44444444", cause: route.ErrTargetNotFound, code: "InvalidVpcPeeringConnectionID.NotFound"},
		{name: "deleting peering", dest: mpp("10.1.0.0/16"), target: "pcx-77777777", cause: route.ErrTargetNotFound, code: "InvalidVpcPeeringConnectionID.NotFound"},
		{name: "rejected peering", dest: mpp("10.1.0.0/16"), target: "pcx-88888888", cause: route.ErrTargetNotFound, code: "InvalidVpcPeeringConnectionID.NotFound"},
		{name: "expired peering", dest: mpp("10.1.0.0/16"), target: "pcx-99999999", cause: route.ErrTargetNotFound, code: "InvalidVpcPeeringConnectionID.NotFound"},
		{name: "peering of two other VPCs", dest: mpp("10.1.0.0/16"), target: "pcx-55555555", cause: route.ErrDifferentNetworks, code: "InvalidParameterValue", msg: different},
		{name: "igw of another VPC", dest: mpp("0.0.0.0/0"), target: "igw-22222222", cause: route.ErrDifferentNetworks, code: "InvalidParameterValue", msg: different},
		{name: "detached igw", dest: mpp("0.0.0.0/0"), target: "igw-33333333", cause: route.ErrNotAttached, code: "Gateway.NotAttached",
			msg: "resource igw-33333333 is not attached to network vpc-aaaaaaaa"},
		{name: "detached vgw", dest: mpp("192.168.0.0/16"), target: "vgw-22222222", cause: route.ErrNotAttached, code: "Gateway.NotAttached"},
		{name: "vgw of another VPC", dest: mpp("192.168.0.0/16"), target: "vgw-33333333", cause: route.ErrDifferentNetworks, code: "InvalidParameterValue", msg: different},
		{name: "detached eigw", dest: mpp("::/0"), target: "eigw-22222222", cause: route.ErrNotAttached, code: "Gateway.NotAttached"},
		{name: "nat of another VPC", dest: mpp("0.0.0.0/0"), target: "nat-22222222", cause: route.ErrDifferentNetworks, code: "InvalidParameterValue", msg: different},
		{name: "eni of another VPC", dest: mpp("0.0.0.0/0"), target: "eni-22222222", cause: route.ErrDifferentNetworks, code: "InvalidParameterValue", msg: different},
		{name: "unknown nat", dest: mpp("0.0.0.0/0"), target: "nat-99999999", cause: route.ErrTargetNotFound, code: "InvalidNatGatewayID.NotFound",
			msg: "The natGateway ID 'nat-99999999' does not exist"},
		{name: "unknown eni", dest: mpp("0.0.0.0/0"), target: "eni-99999999", cause: route.ErrTargetNotFound, code: "InvalidNetworkInterfaceID.NotFound"},
		{name: "unknown tgw", dest: mpp("0.0.0.0/0"), target: "tgw-99999999", cause: route.ErrTargetNotFound, code: "InvalidTransitGatewayID.NotFound",
			msg: "The transitGateway ID 'tgw-99999999' does not exist"},
		{name: "unknown vgw", dest: mpp("0.0.0.0/0"), target: "vgw-99999999", cause: route.ErrTargetNotFound, code: "InvalidVpnGatewayID.NotFound"},
		{name: "unknown eigw", dest: mpp("::/0"), target: "eigw-99999999", cause: route.ErrTargetNotFound, code: "InvalidEgressOnlyInternetGatewayId.NotFound"},
		{name: "unknown vpce", dest: mpp("0.0.0.0/0"), target: "vpce-99999999", cause: route.ErrTargetNotFound, code: "InvalidVpcEndpointId.NotFound"},
		{name: "unknown instance", dest: mpp("0.0.0.0/0"), target: "i-99999999", cause: route.ErrTargetNotFound, code: "InvalidInstanceID.NotFound"},
	}
	r := world()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := newTable(t)
			tb, _ = tb.CreateRoute(mpp("172.31.0.0/16"), mt("igw-11111111"), r) // something to collide with
			before := tb.Routes()
			var target route.Target
			if tt.target != "" {
				target = mt(tt.target)
			}
			got, err := tb.CreateRoute(tt.dest, target, r)
			if cmp.Diff(before, tb.Routes(), eq) != "" {
				t.Fatal("CreateRoute changed its receiver")
			}
			if tt.cause != nil {
				msg := tt.msg
				if msg == moreSpecific {
					msg = fmt.Sprintf(msg, tt.dest.Masked())
				} else if msg == different {
					msg = fmt.Sprintf(msg, tt.target)
				}
				checkErr(t, err, tt.cause, tt.code, msg)
				if diff := cmp.Diff(before, got.Routes(), eq); diff != "" {
					t.Errorf("a refused CreateRoute changed the table (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("CreateRoute(%v, %v) = %v", tt.dest, tt.target, err)
			}
			want := route.Route{Destination: tt.dest.Masked(), Target: target, Origin: route.OriginCreateRoute, State: tt.want}
			if rt, ok := got.Route(tt.dest.Masked()); !ok || rt != want {
				t.Errorf("Route(%v) = %v, %v, want %v", tt.dest.Masked(), rt, ok, want)
			}
			if n := len(got.Routes()); n != len(before)+1 {
				t.Errorf("len(Routes()) = %d, want %d", n, len(before)+1)
			}
		})
	}
}

func TestCreateRouteQuota(t *testing.T) {
	r := world()
	for _, quota := range []int{1, 3} {
		tb, err := newTable(t).WithRouteQuota(quota)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < quota; i++ {
			if tb, err = tb.CreateRoute(netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16, byte(i), 0}), 24), mt("igw-11111111"), r); err != nil {
				t.Fatalf("quota %d, route %d: %v", quota, i, err)
			}
		}
		// the quota is full for IPv4 (local routes not counted) ...
		_, err = tb.CreateRoute(mpp("192.168.0.0/16"), mt("igw-11111111"), r)
		checkErr(t, err, route.ErrRouteLimit, "RouteLimitExceeded", fmt.Sprintf("The maximum number of routes (%d) has been reached for route table rtb-aaaaaaaa.", quota))
		// ... but not for IPv6: the families are counted apart
		tb6, err := tb.CreateRoute(mpp("::/0"), mt("igw-11111111"), r)
		if err != nil {
			t.Fatalf("quota %d: an IPv6 route was refused: %v", quota, err)
		}
		// deleting one makes room again
		tb, err = tb6.DeleteRoute(mpp("172.16.0.0/24"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tb.CreateRoute(mpp("192.168.0.0/16"), mt("igw-11111111"), r); err != nil {
			t.Errorf("quota %d: after a delete: %v", quota, err)
		}
	}
	tb := newTable(t)
	if tb.RouteQuota() != route.DefaultRouteQuota {
		t.Errorf("RouteQuota() = %d, want %d", tb.RouteQuota(), route.DefaultRouteQuota)
	}
	for _, n := range []int{0, -1, route.MaxRouteQuota + 1} {
		got, err := tb.WithRouteQuota(n)
		checkErr(t, err, route.ErrQuota, "InvalidParameterValue", "")
		if got.RouteQuota() != route.DefaultRouteQuota {
			t.Errorf("WithRouteQuota(%d) changed the quota on error", n)
		}
	}
	if got, err := tb.WithRouteQuota(route.MaxRouteQuota); err != nil || got.RouteQuota() != route.MaxRouteQuota {
		t.Errorf("WithRouteQuota(%d) = %d, %v", route.MaxRouteQuota, got.RouteQuota(), err)
	}
}

func TestReplaceRoute(t *testing.T) {
	r := world()
	base := newTable(t)
	base, _ = base.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), r)
	base, _ = base.CreateRoute(mpp("10.0.1.0/24"), mt("eni-11111111"), r)
	tests := []struct {
		name   string
		dest   netip.Prefix
		target string
		want   route.Route
		cause  error
		code   string
		msg    string
	}{
		{name: "static route to nat", dest: mpp("0.0.0.0/0"), target: "nat-11111111",
			want: route.Route{Destination: mpp("0.0.0.0/0"), Target: mt("nat-11111111"), Origin: route.OriginCreateRoute, State: status.RouteActive}},
		{name: "static route to pending peering", dest: mpp("0.0.0.0/0"), target: "pcx-22222222",
			want: route.Route{Destination: mpp("0.0.0.0/0"), Target: mt("pcx-22222222"), Origin: route.OriginCreateRoute, State: status.RouteBlackhole}},
		{name: "same target again", dest: mpp("0.0.0.0/0"), target: "igw-11111111",
			want: route.Route{Destination: mpp("0.0.0.0/0"), Target: mt("igw-11111111"), Origin: route.OriginCreateRoute, State: status.RouteActive}},
		{name: "local route to a middlebox eni", dest: mpp("10.0.0.0/16"), target: "eni-11111111",
			want: route.Route{Destination: mpp("10.0.0.0/16"), Target: mt("eni-11111111"), Origin: route.OriginCreateRouteTable, State: status.RouteActive}},
		{name: "local route to a gwlb endpoint", dest: mpp("10.0.0.0/16"), target: "vpce-11111111",
			want: route.Route{Destination: mpp("10.0.0.0/16"), Target: mt("vpce-11111111"), Origin: route.OriginCreateRouteTable, State: status.RouteActive}},
		{name: "local route restored", dest: mpp("10.0.0.0/16"), target: "local",
			want: route.Route{Destination: mpp("10.0.0.0/16"), Target: route.LocalTarget(), Origin: route.OriginCreateRouteTable, State: status.RouteActive}},
		{name: "subnet route to nat", dest: mpp("10.0.1.0/24"), target: "nat-11111111",
			want: route.Route{Destination: mpp("10.0.1.0/24"), Target: mt("nat-11111111"), Origin: route.OriginCreateRoute, State: status.RouteActive}},

		{name: "no such route", dest: mpp("192.168.0.0/16"), target: "igw-11111111", cause: route.ErrRouteNotFound, code: "InvalidParameterValue",
			msg: "There is no route defined for '192.168.0.0/16' in the route table. Use CreateRoute instead."},
		{name: "local route to igw", dest: mpp("10.0.0.0/16"), target: "igw-11111111", cause: route.ErrTargetUnsupported, code: "InvalidParameterValue",
			msg: "Route target is not supported. This route only supports interface and instance targets."},
		{name: "local route to peering", dest: mpp("10.0.0.0/16"), target: "pcx-11111111", cause: route.ErrTargetUnsupported, code: "InvalidParameterValue"},
		{name: "local target on a static route", dest: mpp("0.0.0.0/0"), target: "local", cause: route.ErrNotLocalRoute, code: "InvalidParameterValue",
			msg: "The route identified by 0.0.0.0/0 is not a local route; only a local route can have the local target."},
		{name: "subnet route to igw", dest: mpp("10.0.1.0/24"), target: "igw-11111111", cause: route.ErrMoreSpecific, code: "InvalidParameterValue",
			msg: "The destination CIDR block 10.0.1.0/24 is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance."},
		{name: "unknown target", dest: mpp("0.0.0.0/0"), target: "nat-99999999", cause: route.ErrTargetNotFound, code: "InvalidNatGatewayID.NotFound"},
		{name: "peering of other VPCs", dest: mpp("0.0.0.0/0"), target: "pcx-55555555", cause: route.ErrDifferentNetworks, code: "InvalidParameterValue"},
		{name: "wrong family", dest: mpp("0.0.0.0/0"), target: "eigw-11111111", cause: route.ErrFamily, code: "InvalidParameterValue"},
		{name: "no target", dest: mpp("0.0.0.0/0"), cause: route.ErrNoTarget, code: "MissingParameter"},
		{name: "bad destination", dest: netip.Prefix{}, target: "igw-11111111", cause: route.ErrDestination, code: "InvalidParameterValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := base.Routes()
			var target route.Target
			if tt.target != "" {
				target = mt(tt.target)
			}
			got, err := base.ReplaceRoute(tt.dest, target, r)
			if diff := cmp.Diff(before, base.Routes(), eq); diff != "" {
				t.Fatalf("ReplaceRoute changed its receiver (-want +got):\n%s", diff)
			}
			if tt.cause != nil {
				checkErr(t, err, tt.cause, tt.code, tt.msg)
				if diff := cmp.Diff(before, got.Routes(), eq); diff != "" {
					t.Errorf("a refused ReplaceRoute changed the table (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReplaceRoute(%v, %v) = %v", tt.dest, tt.target, err)
			}
			if rt, _ := got.Route(tt.dest); rt != tt.want {
				t.Errorf("Route(%v) = %v, want %v", tt.dest, rt, tt.want)
			}
			if len(got.Routes()) != len(before) {
				t.Errorf("ReplaceRoute changed the number of routes")
			}
		})
	}
	// replace a local route's target, then restore it: the table is as before
	mid, err := base.ReplaceRoute(mpp("10.0.0.0/16"), mt("nat-11111111"), r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := mid.ReplaceRoute(mpp("10.0.0.0/16"), route.LocalTarget(), r)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(base.Routes(), back.Routes(), eq); diff != "" {
		t.Errorf("replace and restore (-want +got):\n%s", diff)
	}
	// a local route with a replaced target still cannot be deleted
	_, err = mid.DeleteRoute(mpp("10.0.0.0/16"))
	checkErr(t, err, route.ErrLocalRoute, "InvalidParameterValue", "")
}

func TestDeleteRoute(t *testing.T) {
	r := world()
	base := newTable(t)
	base, _ = base.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), r)
	base, _ = base.CreateRoute(mpp("::/0"), mt("eigw-11111111"), r)
	tests := []struct {
		name  string
		dest  netip.Prefix
		cause error
		code  string
		msg   string
	}{
		{name: "static", dest: mpp("0.0.0.0/0")},
		{name: "static ipv6", dest: mpp("::/0")},
		{name: "host bits are cleared", dest: netip.PrefixFrom(netip.MustParseAddr("0.0.0.1"), 0)},
		{name: "local", dest: mpp("10.0.0.0/16"), cause: route.ErrLocalRoute, code: "InvalidParameterValue",
			msg: "cannot remove local route 10.0.0.0/16 in route table rtb-aaaaaaaa"},
		{name: "local ipv6", dest: mpp("2600:1f18::/56"), cause: route.ErrLocalRoute, code: "InvalidParameterValue",
			msg: "cannot remove local route 2600:1f18::/56 in route table rtb-aaaaaaaa"},
		{name: "missing", dest: mpp("192.168.0.0/16"), cause: route.ErrRouteNotFound, code: "InvalidRoute.NotFound",
			msg: "no route with destination-cidr-block 192.168.0.0/16 in route table rtb-aaaaaaaa"},
		{name: "missing ipv6", dest: mpp("2001:db8::/32"), cause: route.ErrRouteNotFound, code: "InvalidRoute.NotFound",
			msg: "no route with destination-ipv6-cidr-block 2001:db8::/32 in route table rtb-aaaaaaaa"},
		{name: "longer prefix of an existing route is not it", dest: mpp("0.0.0.0/1"), cause: route.ErrRouteNotFound, code: "InvalidRoute.NotFound"},
		{name: "invalid", dest: netip.Prefix{}, cause: route.ErrDestination, code: "InvalidParameterValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := base.Routes()
			got, err := base.DeleteRoute(tt.dest)
			if tt.cause != nil {
				checkErr(t, err, tt.cause, tt.code, tt.msg)
				if diff := cmp.Diff(before, got.Routes(), eq); diff != "" {
					t.Errorf("a refused DeleteRoute changed the table (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("DeleteRoute(%v) = %v", tt.dest, err)
			}
			if _, ok := got.Route(tt.dest.Masked()); ok {
				t.Errorf("route %v still there", tt.dest)
			}
			if len(got.Routes()) != len(before)-1 {
				t.Errorf("len(Routes()) = %d, want %d", len(got.Routes()), len(before)-1)
			}
			if _, ok := got.Lookup(tt.dest.Addr()); ok && tt.dest.Bits() == 0 {
				// the default route was the only match for most addresses
				if rt, _ := got.Lookup(netip.MustParseAddr("8.8.8.8")); rt.Destination == tt.dest.Masked() {
					t.Errorf("Lookup still finds the deleted route")
				}
			}
		})
	}
}
