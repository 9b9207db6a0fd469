package route_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

var mpp = netip.MustParsePrefix

// eq compares the package's comparable values with ==.
var eq = cmpopts.EquateComparable(route.Route{}, route.Target{}, netip.Prefix{}, netip.Addr{})

const (
	vpcA    = "vpc-aaaaaaaa"
	vpcB    = "vpc-bbbbbbbb"
	vpcC    = "vpc-cccccccc"
	tableA  = "rtb-aaaaaaaa"
	owner   = "111122223333"
	coreARN = "arn:aws:networkmanager::111122223333:core-network/core-network-0123456789abcdef0"
)

// mt parses a target from its ID, for tests.
func mt(id string) route.Target {
	params := map[string]string{
		"local": "GatewayId", "igw": "GatewayId", "vgw": "GatewayId", "vpce": "GatewayId",
		"pcx": "VpcPeeringConnectionId", "nat": "NatGatewayId", "eni": "NetworkInterfaceId",
		"tgw": "TransitGatewayId", "eigw": "EgressOnlyInternetGatewayId", "i": "InstanceId",
		"cagw": "CarrierGatewayId", "lgw": "LocalGatewayId", "arn": "CoreNetworkArn",
	}
	prefix := id
	for i, c := range id {
		if c == '-' || c == ':' {
			prefix = id[:i]
			break
		}
	}
	t, err := route.ParseTarget(params[prefix], id)
	if err != nil {
		panic(err)
	}
	return t
}

// world is the fixture every table test uses: VPC A (10.0.0.0/16 and
// 2600:1f18::/56, subnets 10.0.1.0/24, 10.0.2.0/24 and 2600:1f18:0:1::/64),
// VPCs B and C, and targets of every kind in every interesting state.
func world() route.Catalog {
	in := func(vpcs ...string) route.TargetInfo { return route.TargetInfo{VPCIDs: vpcs} }
	pcx := func(code status.Code, a, b string) route.TargetInfo {
		return route.TargetInfo{VPCIDs: []string{a, b}, Status: code}
	}
	return route.Catalog{
		Targets: map[route.Target]route.TargetInfo{
			mt("igw-11111111"):  in(vpcA),
			mt("igw-22222222"):  in(vpcB),
			mt("igw-33333333"):  in(),
			mt("vgw-11111111"):  in(vpcA),
			mt("vgw-22222222"):  in(),
			mt("vgw-33333333"):  in(vpcB),
			mt("pcx-11111111"):  pcx(status.Active, vpcA, vpcB),
			mt("pcx-22222222"):  pcx(status.PendingAcceptance, vpcA, vpcC),
			mt("pcx-33333333"):  pcx(status.Provisioning, vpcC, vpcA),
			mt("pcx-44444444"):  pcx(status.Deleted, vpcA, vpcB),
			mt("pcx-55555555"):  pcx(status.Active, vpcB, vpcC),
			mt("pcx-66666666"):  pcx(status.InitiatingRequest, vpcA, vpcC),
			mt("pcx-77777777"):  pcx(status.Deleting, vpcA, vpcB),
			mt("pcx-88888888"):  pcx(status.Rejected, vpcA, vpcB),
			mt("pcx-99999999"):  pcx(status.Expired, vpcA, vpcB),
			mt("nat-11111111"):  in(vpcA),
			mt("nat-22222222"):  in(vpcB),
			mt("eni-11111111"):  in(vpcA),
			mt("eni-22222222"):  in(vpcB),
			mt("tgw-11111111"):  in(),
			mt("eigw-11111111"): in(vpcA),
			mt("eigw-22222222"): in(),
			mt("vpce-11111111"): in(vpcA),
			mt("i-11111111"):    in(vpcA),
			mt("cagw-11111111"): in(vpcA),
			mt("lgw-11111111"):  in(vpcA),
			mt(coreARN):         in(),
		},
		Subnets: map[string][]netip.Prefix{
			vpcA: {mpp("10.0.1.0/24"), mpp("10.0.2.0/24"), mpp("2600:1f18:0:1::/64")},
		},
	}
}

// newTable returns the route table of VPC A with its two local routes.
func newTable(t interface {
	Helper()
	Fatal(...any)
}) route.Table {
	t.Helper()
	tb, err := route.CreateTable(tableA, owner, route.VPC{ID: vpcA, Blocks: []netip.Prefix{mpp("10.0.0.0/16"), mpp("2600:1f18::/56")}})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// checkErr fails unless err is a *route.Error wrapping cause with the given
// EC2 code and, when msg is not empty, message.
func checkErr(t testing.TB, err error, cause error, code, msg string) {
	t.Helper()
	var re *route.Error
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a *route.Error", err)
	}
	if !errors.Is(err, cause) {
		t.Errorf("err = %v, want it to wrap %v", err, cause)
	}
	if re.ErrorCode() != code {
		t.Errorf("ErrorCode() = %q, want %q", re.ErrorCode(), code)
	}
	if msg != "" && re.ErrorMessage() != msg {
		t.Errorf("ErrorMessage() = %q, want %q", re.ErrorMessage(), msg)
	}
}
