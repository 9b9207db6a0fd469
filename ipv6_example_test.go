package vpcmodel_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel"
)

// A dual-stack VPC: an Amazon-provided /56, a subnet with a /64 of it, and
// IPv6 traffic to the internet through an egress-only gateway.
func ExampleCloud_AssociateVpcCidrBlock_ipv6() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	v, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	vpcID := v.VPC.VPCID
	a, _ := c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: vpcID,
		IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, t0)
	b := a.IPv6CIDRBlockAssociation.Value
	block := netip.MustParsePrefix(b.IPv6CIDRBlock)
	fmt.Println(block.Bits(), b.IPv6Pool, b.NetworkBorderGroup, b.IPv6CIDRBlockState.State)

	// The next call sees the block associated, and can place a /64 in it.
	t1 := t0.Add(time.Second)
	s64 := block.Addr().As16()
	s64[7] = 1
	s, _ := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: vpcID, CIDRBlock: "10.0.1.0/24",
		IPv6CIDRBlock: netip.PrefixFrom(netip.AddrFrom16(s64), 64).String()}, t1)
	fmt.Println(s.Subnet.IPv6CIDRBlockAssociations[0].IPv6CIDRBlockState.State)

	g, _ := c.CreateEgressOnlyInternetGateway(alice, vpcmodel.CreateEgressOnlyInternetGatewayInput{VPCID: vpcID}, t1)
	rt, _ := c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{vpcID}}}}, t1)
	rtb := rt.RouteTables[0].RouteTableID
	_, err := c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: "::/0"},
		RouteTarget:      vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: g.EgressOnlyInternetGateway.EgressOnlyInternetGatewayID}}, t1)
	fmt.Println(err)
	rt, _ = c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{rtb}}, t1)
	for _, r := range rt.RouteTables[0].Routes {
		if r.DestinationIPv6CIDRBlock == block.String() {
			fmt.Println("local route for the /56:", r.GatewayID, r.State)
		}
		if r.DestinationIPv6CIDRBlock == "::/0" {
			fmt.Println("::/0 via the egress-only gateway:", r.State)
		}
	}
	// Output:
	// 56 Amazon us-east-1 associating
	// associating
	// <nil>
	// ::/0 via the egress-only gateway: active
	// local route for the /56: local active
}
