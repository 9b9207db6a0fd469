package route_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

// Example_peeringBothSides adds the routes a VPC peering connection needs:
// one in each VPC's table, each pointing at the other VPC's CIDR through
// the same connection.
func Example_peeringBothSides() {
	pcx, _ := route.ParseTarget("VpcPeeringConnectionId", "pcx-0a1b2c3d")
	world := route.Catalog{Targets: map[route.Target]route.TargetInfo{
		pcx: {VPCIDs: []string{"vpc-11111111", "vpc-22222222"}, Status: status.Active},
	}}
	a, _ := route.CreateTable("rtb-11111111", "111122223333", route.VPC{ID: "vpc-11111111", Blocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}})
	b, _ := route.CreateTable("rtb-22222222", "444455556666", route.VPC{ID: "vpc-22222222", Blocks: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}})

	a, errA := a.CreateRoute(netip.MustParsePrefix("10.1.0.0/16"), pcx, world)
	b, errB := b.CreateRoute(netip.MustParsePrefix("10.0.0.0/16"), pcx, world)
	fmt.Println(errA, errB)
	for _, tb := range []route.Table{a, b} {
		fmt.Println(tb.ID())
		for _, r := range tb.Routes() {
			fmt.Println(" ", r)
		}
	}
	// Output:
	// <nil> <nil>
	// rtb-11111111
	//   10.0.0.0/16 -> local (active)
	//   10.1.0.0/16 -> pcx-0a1b2c3d (active)
	// rtb-22222222
	//   10.0.0.0/16 -> pcx-0a1b2c3d (active)
	//   10.1.0.0/16 -> local (active)
}

// Example_blackholeAfterDelete shows a peering route turning blackhole when
// its connection is deleted: the route stays, Lookup still selects it, and
// the traffic is dropped.
func Example_blackholeAfterDelete() {
	pcx, _ := route.ParseTarget("VpcPeeringConnectionId", "pcx-0a1b2c3d")
	world := route.Catalog{Targets: map[route.Target]route.TargetInfo{
		pcx: {VPCIDs: []string{"vpc-11111111", "vpc-22222222"}, Status: status.Active},
	}}
	tb, _ := route.CreateTable("rtb-11111111", "111122223333", route.VPC{ID: "vpc-11111111", Blocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}})
	tb, _ = tb.CreateRoute(netip.MustParsePrefix("10.1.0.0/16"), pcx, world)

	world.Targets[pcx] = route.TargetInfo{VPCIDs: []string{"vpc-11111111", "vpc-22222222"}, Status: status.Deleted}
	tb = tb.Reconcile(world)
	r, _ := tb.Lookup(netip.MustParseAddr("10.1.2.3"))
	fmt.Println(r, r.Forwards())
	// Output: 10.1.0.0/16 -> pcx-0a1b2c3d (blackhole) false
}

func exampleTable() (route.Table, route.Catalog) {
	world := route.Catalog{
		Targets: map[route.Target]route.TargetInfo{
			mustTarget("GatewayId", "igw-11111111"):              {VPCIDs: []string{"vpc-11111111"}},
			mustTarget("GatewayId", "vgw-11111111"):              {VPCIDs: []string{"vpc-11111111"}},
			mustTarget("NetworkInterfaceId", "eni-11111111"):     {VPCIDs: []string{"vpc-11111111"}},
			mustTarget("VpcPeeringConnectionId", "pcx-11111111"): {VPCIDs: []string{"vpc-11111111", "vpc-22222222"}, Status: status.PendingAcceptance},
		},
		Subnets: map[string][]netip.Prefix{"vpc-11111111": {netip.MustParsePrefix("10.0.1.0/24")}},
	}
	tb, err := route.CreateTable("rtb-11111111", "111122223333", route.VPC{ID: "vpc-11111111", Blocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}})
	if err != nil {
		panic(err)
	}
	return tb, world
}

func mustTarget(param, id string) route.Target {
	t, err := route.ParseTarget(param, id)
	if err != nil {
		panic(err)
	}
	return t
}

func ExampleTable_Lookup() {
	tb, world := exampleTable()
	tb, _ = tb.CreateRoute(netip.MustParsePrefix("0.0.0.0/0"), mustTarget("GatewayId", "igw-11111111"), world)
	tb, _ = tb.CreateRoute(netip.MustParsePrefix("10.0.1.0/24"), mustTarget("NetworkInterfaceId", "eni-11111111"), world)
	for _, a := range []string{"10.0.1.7", "10.0.2.7", "93.184.216.34", "2001:db8::1"} {
		r, ok := tb.Lookup(netip.MustParseAddr(a))
		fmt.Println(a, "->", r.Target, ok)
	}
	// Output:
	// 10.0.1.7 -> eni-11111111 true
	// 10.0.2.7 -> local true
	// 93.184.216.34 -> igw-11111111 true
	// 2001:db8::1 ->  false
}

func ExampleParseTarget() {
	for _, in := range [][2]string{
		{"GatewayId", "local"},
		{"GatewayId", "vgw-0123456789abcdef0"},
		{"VpcPeeringConnectionId", "pcx-11111111"},
		{"NatGatewayId", "nat-1"},
	} {
		t, err := route.ParseTarget(in[0], in[1])
		var re *route.Error
		if errors.As(err, &re) {
			fmt.Println(re.ErrorCode())
			continue
		}
		fmt.Println(t.Kind(), t.ID(), t.Param())
	}
	// Output:
	// local local GatewayId
	// vpn-gateway vgw-0123456789abcdef0 GatewayId
	// vpc-peering-connection pcx-11111111 VpcPeeringConnectionId
	// NatGatewayMalformed
}

func ExampleParseTargetParams() {
	t, err := route.ParseTargetParams(map[string]string{
		"RouteTableId":         "rtb-11111111",
		"DestinationCidrBlock": "0.0.0.0/0",
		"NatGatewayId":         "nat-11111111",
	})
	fmt.Println(t.Kind(), t.ID(), err)
	_, err = route.ParseTargetParams(map[string]string{"GatewayId": "igw-11111111", "NatGatewayId": "nat-11111111"})
	var re *route.Error
	if errors.As(err, &re) {
		fmt.Println(re.ErrorCode())
	}
	// Output:
	// natgateway nat-11111111 <nil>
	// InvalidParameterCombination
}

func ExampleTargetFrom() {
	t, err := route.TargetFrom(route.KindTransitGateway, "tgw-0123456789abcdef0")
	fmt.Println(t, err)
	// Output: tgw-0123456789abcdef0 <nil>
}

func ExampleLocalTarget() {
	fmt.Println(route.LocalTarget().Kind(), route.LocalTarget().Param())
	// Output: local GatewayId
}

func ExampleParseDestination() {
	p, err := route.ParseDestination("DestinationCidrBlock", "100.68.0.18/18")
	fmt.Println(p, err)
	_, err = route.ParseDestination("DestinationCidrBlock", "2001:db8::/32")
	var re *route.Error
	if errors.As(err, &re) {
		fmt.Println(re.ErrorMessage())
	}
	// Output:
	// 100.68.0.0/18 <nil>
	// Value (2001:db8::/32) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.
}

func ExampleCreateTable() {
	tb, err := route.CreateTable("rtb-11111111", "111122223333", route.VPC{ID: "vpc-11111111", Blocks: []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/16"), netip.MustParsePrefix("2600:1f18:1234:ab00::/56"),
	}})
	fmt.Println(err)
	for _, r := range tb.Routes() {
		fmt.Println(r, r.Origin)
	}
	// Output:
	// <nil>
	// 10.0.0.0/16 -> local (active) CreateRouteTable
	// 2600:1f18:1234:ab00::/56 -> local (active) CreateRouteTable
}

func ExampleTable_CreateRoute() {
	tb, world := exampleTable()
	pcx := mustTarget("VpcPeeringConnectionId", "pcx-11111111")
	tb, err := tb.CreateRoute(netip.MustParsePrefix("10.2.0.0/16"), pcx, world)
	fmt.Println(err)
	r, _ := tb.Route(netip.MustParsePrefix("10.2.0.0/16"))
	fmt.Println(r) // the connection is not active yet

	_, err = tb.CreateRoute(netip.MustParsePrefix("10.0.3.0/24"), mustTarget("GatewayId", "igw-11111111"), world)
	var re *route.Error
	if errors.As(err, &re) {
		fmt.Println(re.ErrorMessage())
	}
	// Output:
	// <nil>
	// 10.2.0.0/16 -> pcx-11111111 (blackhole)
	// The destination CIDR block 10.0.3.0/24 is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.
}

func ExampleTable_ReplaceRoute() {
	tb, world := exampleTable()
	local := netip.MustParsePrefix("10.0.0.0/16")
	tb, _ = tb.ReplaceRoute(local, mustTarget("NetworkInterfaceId", "eni-11111111"), world) // through a middlebox
	r, _ := tb.Route(local)
	fmt.Println(r, r.Origin)
	tb, _ = tb.ReplaceRoute(local, route.LocalTarget(), world) // restored
	r, _ = tb.Route(local)
	fmt.Println(r, r.Origin)
	// Output:
	// 10.0.0.0/16 -> eni-11111111 (active) CreateRouteTable
	// 10.0.0.0/16 -> local (active) CreateRouteTable
}

func ExampleTable_DeleteRoute() {
	tb, _ := exampleTable()
	_, err := tb.DeleteRoute(netip.MustParsePrefix("10.0.0.0/16"))
	var re *route.Error
	if errors.As(err, &re) {
		fmt.Println(re.ErrorMessage())
	}
	_, err = tb.DeleteRoute(netip.MustParsePrefix("0.0.0.0/0"))
	if errors.As(err, &re) {
		fmt.Println(re.ErrorCode())
	}
	// Output:
	// cannot remove local route 10.0.0.0/16 in route table rtb-11111111
	// InvalidRoute.NotFound
}

func ExampleTable_Reconcile() {
	tb, world := exampleTable()
	pcx := mustTarget("VpcPeeringConnectionId", "pcx-11111111")
	tb, _ = tb.CreateRoute(netip.MustParsePrefix("10.2.0.0/16"), pcx, world)
	world.Targets[pcx] = route.TargetInfo{VPCIDs: []string{"vpc-11111111", "vpc-22222222"}, Status: status.Active}
	tb = tb.Reconcile(world)
	r, _ := tb.Route(netip.MustParsePrefix("10.2.0.0/16"))
	fmt.Println(r)
	// Output: 10.2.0.0/16 -> pcx-11111111 (active)
}

func ExampleTable_SetPropagated() {
	tb, world := exampleTable()
	vgw := mustTarget("GatewayId", "vgw-11111111")
	tb, _ = tb.EnablePropagation(vgw, world)
	tb, _ = tb.SetPropagated(vgw, []netip.Prefix{netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("10.0.9.0/24")})
	for _, a := range []string{"192.168.4.4", "10.0.9.9"} {
		r, _ := tb.Lookup(netip.MustParseAddr(a))
		fmt.Println(a, "->", r.Target, r.Origin)
	}
	// Output:
	// 192.168.4.4 -> vgw-11111111 EnableVgwRoutePropagation
	// 10.0.9.9 -> local CreateRouteTable
}

func ExampleTable_EnablePropagation() {
	tb, world := exampleTable()
	tb, err := tb.EnablePropagation(mustTarget("GatewayId", "vgw-11111111"), world)
	fmt.Println(tb.PropagatingGateways(), err)
	// Output: [vgw-11111111] <nil>
}

func ExampleTable_DisablePropagation() {
	tb, world := exampleTable()
	vgw := mustTarget("GatewayId", "vgw-11111111")
	tb, _ = tb.EnablePropagation(vgw, world)
	tb, _ = tb.SetPropagated(vgw, []netip.Prefix{netip.MustParsePrefix("192.168.0.0/16")})
	tb, err := tb.DisablePropagation(vgw)
	fmt.Println(len(tb.Routes()), tb.PropagatingGateways(), err)
	// Output: 1 [] <nil>
}

func ExampleTable_AssociateBlock() {
	tb, _ := exampleTable()
	tb, err := tb.AssociateBlock(netip.MustParsePrefix("100.64.0.0/20"))
	fmt.Println(tb.Routes(), err)
	// Output: [10.0.0.0/16 -> local (active) 100.64.0.0/20 -> local (active)] <nil>
}

func ExampleTable_DisassociateBlock() {
	tb, _ := exampleTable()
	tb, _ = tb.AssociateBlock(netip.MustParsePrefix("100.64.0.0/20"))
	tb, err := tb.DisassociateBlock(netip.MustParsePrefix("100.64.0.0/20"))
	fmt.Println(tb.Blocks(), err)
	// Output: [10.0.0.0/16] <nil>
}

func ExampleTable_Associate() {
	tb, _ := exampleTable()
	tb, err := tb.Associate(route.Association{ID: "rtbassoc-11111111", SubnetID: "subnet-11111111"})
	fmt.Println(tb.Associations(), err)
	// Output: [{rtbassoc-11111111 subnet-11111111  false}] <nil>
}

func ExampleTable_Disassociate() {
	tb, _ := exampleTable()
	tb, _ = tb.Associate(route.Association{ID: "rtbassoc-11111111", SubnetID: "subnet-11111111"})
	tb, err := tb.Disassociate("rtbassoc-11111111")
	fmt.Println(len(tb.Associations()), err)
	// Output: 0 <nil>
}

// ExampleTable_Equal tells a table that actions changed from one as it was
// made, whatever the path back.
func ExampleTable_Equal() {
	tb, _ := exampleTable()
	changed, _ := tb.WithRouteQuota(1000)
	back, _ := changed.WithRouteQuota(route.DefaultRouteQuota)
	fmt.Println(tb.Equal(changed), tb.Equal(back))
	// Output: false true
}

func ExampleTable_WithRouteQuota() {
	tb, _ := exampleTable()
	tb, err := tb.WithRouteQuota(1000)
	fmt.Println(tb.RouteQuota(), err)
	// Output: 1000 <nil>
}

// ExampleTable_Analyze finds a route that can never carry traffic: VPC A
// routes 10.3.0.0/16 (a VPC peered with B, not with A) through its
// connection with B, but B does not forward it on.
func ExampleTable_Analyze() {
	pcx := mustTarget("VpcPeeringConnectionId", "pcx-0a1b2c3d")
	world := route.Catalog{Targets: map[route.Target]route.TargetInfo{
		pcx: {VPCIDs: []string{"vpc-11111111", "vpc-22222222"}, Status: status.Active},
	}}
	a := route.VPC{ID: "vpc-11111111", Blocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}}
	b := route.VPC{ID: "vpc-22222222", Blocks: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}}
	tb, _ := route.CreateTable("rtb-11111111", "111122223333", a)
	tb, _ = tb.CreateRoute(netip.MustParsePrefix("10.1.0.0/16"), pcx, world)
	tb, _ = tb.CreateRoute(netip.MustParsePrefix("10.3.0.0/16"), pcx, world)
	for _, f := range tb.Analyze([]route.Peering{{ID: "pcx-0a1b2c3d", Status: status.Active, Requester: a, Accepter: b}}) {
		fmt.Println(f.Route.Destination, f.Problem)
	}
	// Output: 10.3.0.0/16 non-transitive
}

func ExampleCatalog() {
	igw := mustTarget("GatewayId", "igw-11111111")
	world := route.Catalog{Targets: map[route.Target]route.TargetInfo{igw: {VPCIDs: []string{"vpc-22222222"}}}}
	tb, _ := exampleTable()
	_, err := tb.CreateRoute(netip.MustParsePrefix("0.0.0.0/0"), igw, world)
	var re *route.Error
	if errors.As(err, &re) {
		fmt.Println(re.ErrorMessage())
	}
	// Output: route table rtb-11111111 and network gateway igw-11111111 belong to different networks
}

// ExampleTarget_UnmarshalText reads targets from JSON, where a target is
// written as its ID, and writes them back.
func ExampleTarget_UnmarshalText() {
	var hops []route.Target
	err := json.Unmarshal([]byte(`["local", "pcx-0a1b2c3d", "nat-0123456789abcdef0"]`), &hops)
	fmt.Println(err)
	for _, t := range hops {
		fmt.Println(t.Kind(), t.Param())
	}
	b, _ := json.Marshal(hops)
	fmt.Println(string(b))

	var bad route.Target
	err = json.Unmarshal([]byte(`"pcx-0A1B2C3D"`), &bad)
	var re *route.Error
	if errors.As(err, &re) {
		fmt.Println(re.ErrorCode())
	}
	// Output:
	// <nil>
	// local GatewayId
	// vpc-peering-connection VpcPeeringConnectionId
	// natgateway NatGatewayId
	// ["local","pcx-0a1b2c3d","nat-0123456789abcdef0"]
	// InvalidVpcPeeringConnectionId.Malformed
}

// ExampleTable_MarshalBinary writes a table out and reads it back: the
// decoded table routes as the original did, and an encoding from a later
// version of the package is refused.
func ExampleTable_MarshalBinary() {
	pcx, _ := route.ParseTarget("VpcPeeringConnectionId", "pcx-0a1b2c3d")
	world := route.Catalog{Targets: map[route.Target]route.TargetInfo{
		pcx: {VPCIDs: []string{"vpc-11111111", "vpc-22222222"}, Status: status.PendingAcceptance},
	}}
	tb, _ := route.CreateTable("rtb-11111111", "111122223333", route.VPC{ID: "vpc-11111111", Blocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}})
	tb, _ = tb.CreateRoute(netip.MustParsePrefix("10.1.0.0/16"), pcx, world)

	b, err := tb.MarshalBinary()
	fmt.Println(err)
	fmt.Println(string(b))

	var back route.Table
	err = back.UnmarshalBinary(b)
	r, _ := back.Lookup(netip.MustParseAddr("10.1.2.3"))
	fmt.Println(r, err)

	err = back.UnmarshalBinary([]byte(`{"v":2}`))
	fmt.Println(errors.Is(err, route.ErrEncodingVersion))
	// Output:
	// <nil>
	// {"v":1,"id":"rtb-11111111","vpc":"vpc-11111111","owner":"111122223333","blocks":["10.0.0.0/16"],"routes":[{"dest":"10.0.0.0/16","target":"local","origin":"CreateRouteTable","state":"active"},{"dest":"10.1.0.0/16","target":"pcx-0a1b2c3d","origin":"CreateRoute","state":"blackhole"}],"quota":50}
	// 10.1.0.0/16 -> pcx-0a1b2c3d (blackhole) <nil>
	// true
}

// ExampleTable_CheckDelete applies DeleteRouteTable's rule: a table with an
// association, the main association included, cannot be deleted.
func ExampleTable_CheckDelete() {
	tb, _ := exampleTable()
	fmt.Println(tb.CheckDelete())

	tb, _ = tb.Associate(route.Association{ID: "rtbassoc-11111111", Main: true})
	err := tb.CheckDelete()
	var re *route.Error
	if errors.As(err, &re) {
		fmt.Println(re.ErrorCode(), re.ErrorMessage())
	}
	// Output:
	// <nil>
	// DependencyViolation The routeTable 'rtb-11111111' has dependencies and cannot be deleted.
}
