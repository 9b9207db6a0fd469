package vpcmodel_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/vpclab/vpcmodel"
)

func ExampleCloud_CreateNatGateway() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	v, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	vpc := v.VPC.VPCID
	s, _ := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: vpc, CIDRBlock: "10.0.0.0/24"}, t0)
	eip, _ := c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{Domain: "vpc"}, t0)

	// Without an internet gateway, a public NAT gateway is created, then fails.
	in := vpcmodel.CreateNatGatewayInput{SubnetID: s.Subnet.SubnetID, AllocationID: eip.AllocationID}
	f, _ := c.CreateNatGateway(alice, in, t0)
	d, _ := c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{f.NATGateway.NATGatewayID}}, t0)
	fmt.Println(f.NATGateway.State, "->", d.NATGateways[0].State, d.NATGateways[0].FailureCode)

	// With one, it becomes available and holds the address.
	g, _ := c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, t0)
	c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: g.InternetGateway.InternetGatewayID, VPCID: vpc}, t0)
	n, _ := c.CreateNatGateway(alice, in, t0)
	id := n.NATGateway.NATGatewayID
	d, _ = c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{id}}, t0)
	a := d.NATGateways[0].NATGatewayAddresses[0]
	fmt.Println(d.NATGateways[0].State, a.PublicIP == eip.PublicIP, a.PrivateIP)
	_, err := c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: eip.AllocationID}, t0)
	fmt.Println(err)

	// Deleted, it gives the address back and its routes turn blackhole; it
	// stays listed for an hour.
	rt, _ := c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: vpc}, t0)
	c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rt.RouteTable.RouteTableID,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: id}}, t0)
	c.DeleteNatGateway(alice, vpcmodel.DeleteNatGatewayInput{NATGatewayID: id}, t0)
	r, _ := c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{rt.RouteTable.RouteTableID}}, t0)
	d, _ = c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{id}}, t0)
	fmt.Println(d.NATGateways[0].State, r.RouteTables[0].Routes[0].DestinationCIDRBlock, r.RouteTables[0].Routes[0].State)
	_, err = c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{id}}, t0.Add(time.Hour))
	fmt.Println(err)
	_, err = c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: eip.AllocationID}, t0.Add(time.Hour))
	fmt.Println(err)
	// Output:
	// pending -> failed Gateway.NotAttached
	// available true 10.0.0.212
	// eip: release eipalloc-1e3a9e97e2e230e1e: address is held by a service (input "eni-291941fe374303f22")
	// deleted 0.0.0.0/0 blackhole
	// NatGatewayNotFound: NAT gateway nat-d710f367fb289d04f was not found
	// <nil>
}
