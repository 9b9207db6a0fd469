package vpcmodel_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/vpclab/vpcmodel"
)

func ExampleCloud_CreateSubnet() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	v, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	s, _ := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1b"}, t0)
	fmt.Println(s.Subnet.State, s.Subnet.AvailabilityZoneID, s.Subnet.AvailableIPAddressCount)

	_, err := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.1.128/25"}, t0)
	fmt.Println(err)

	// The subnet uses its VPC's main table until it is associated with another.
	rt, _ := c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: v.VPC.VPCID}, t0)
	a, _ := c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: rt.RouteTable.RouteTableID, SubnetID: s.Subnet.SubnetID}, t0)
	fmt.Println(a.AssociationState.State)
	// Output:
	// pending use1-az2 251
	// subnet: create: subnet block overlaps another subnet (input "10.0.1.128/25")
	// associated
}
