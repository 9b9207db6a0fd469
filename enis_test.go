package vpcmodel_test

import (
	"math/rand/v2"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// TestNetworkInterfaces drives every network interface action and the
// rules between interfaces and the resources around them: addresses taken
// from and returned to the subnet, its available address count, the
// default group, groups of another VPC, what a subnet's and a group's
// deletion depends on, and routes to an interface.
func TestNetworkInterfaces(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)).VPC.VPCID
	other := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.9.0.0/16"}, t0)).VPC.VPCID
	s := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.1.0/28"}, t0)).Subnet
	web := must[vpcmodel.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(alice, vpcmodel.CreateSecurityGroupInput{VPCID: v, GroupName: "web", Description: "w"}, t0)).GroupID
	elsewhere := must[vpcmodel.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(alice, vpcmodel.CreateSecurityGroupInput{VPCID: other, GroupName: "x", Description: "x"}, t0)).GroupID
	def := must[vpcmodel.DescribeSecurityGroupsOutput](t)(c.DescribeSecurityGroups(alice, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{v}}, {Name: "group-name", Values: []string{"default"}}}}, t0)).SecurityGroups[0].GroupID

	a := must[vpcmodel.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(alice, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID,
		Description: "first", TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "network-interface", Tags: []vpcmodel.Tag{{Key: "Name", Value: "a"}}}}}, t0)).NetworkInterface
	if a.PrivateIPAddress != "10.0.1.4" || len(a.Groups) != 1 || a.Groups[0].GroupID != def || a.Groups[0].GroupName != "default" ||
		a.Status != "available" || !a.SourceDestCheck || a.VPCID != v || a.AvailabilityZone != s.AvailabilityZone || len(a.Tags) != 1 ||
		len(a.PrivateIPAddresses) != 1 || !a.PrivateIPAddresses[0].Primary || a.Association.Set || a.InterfaceType != "interface" {
		t.Fatalf("CreateNetworkInterface = %+v", a)
	}
	b := must[vpcmodel.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(alice, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID,
		PrivateIPAddress: "10.0.1.9", Groups: []string{web, def}}, t0)).NetworkInterface
	if b.PrivateIPAddress != "10.0.1.9" || len(b.Groups) != 2 {
		t.Fatalf("CreateNetworkInterface with address and groups = %+v", b)
	}
	count := func() int {
		t.Helper()
		d := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{s.SubnetID}}, t0))
		return d.Subnets[0].AvailableIPAddressCount
	}
	if n := count(); n != 11-2 {
		t.Fatalf("AvailableIpAddressCount = %d, want 9", n)
	}
	if d := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{Filters: []vpcmodel.Filter{
		{Name: "available-ip-address-count", Values: []string{"9"}}}}, t0)); len(d.Subnets) != 1 {
		t.Fatalf("DescribeSubnets by available-ip-address-count = %+v", d)
	}

	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateNetworkInterfaceInput
		code string
	}{
		{"address in use", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, PrivateIPAddress: "10.0.1.9"}, "InvalidIPAddress.InUse"},
		{"reserved address", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, PrivateIPAddress: "10.0.1.1"}, "InvalidParameterValue"},
		{"outside the subnet", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, PrivateIPAddress: "10.0.2.5"}, "InvalidParameterValue"},
		{"not an address", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, PrivateIPAddress: "ten"}, "InvalidParameterValue"},
		{"group of another VPC", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, Groups: []string{elsewhere}}, "InvalidParameter"},
		{"unknown group", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, Groups: []string{"sg-0123456789abcdef0"}}, "InvalidGroup.NotFound"},
		{"malformed group", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, Groups: []string{"sg-x"}}, "InvalidGroupId.Malformed"},
		{"unknown subnet", vpcmodel.CreateNetworkInterfaceInput{SubnetID: "subnet-0123456789abcdef0"}, "InvalidSubnetID.NotFound"},
		{"secondary addresses", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, SecondaryPrivateIPAddressCount: 2}, "InvalidParameterValue"},
		{"wrong tag type", vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID, TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "subnet"}}}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Version()
			_, err := c.CreateNetworkInterface(alice, tt.in, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refused CreateNetworkInterface changed the Cloud")
			}
		})
	}
	// Another account neither sees nor uses them.
	if d, _ := c.DescribeNetworkInterfaces(bob, vpcmodel.DescribeNetworkInterfacesInput{}, t0); len(d.NetworkInterfaces) != 0 {
		t.Fatal("another account sees the interfaces")
	}
	_, err := c.DeleteNetworkInterface(vpcmodel.Caller{Account: bob.Account, Region: alice.Region}, vpcmodel.DeleteNetworkInterfaceInput{NetworkInterfaceID: a.NetworkInterfaceID}, t0)
	wantCode(t, err, "InvalidNetworkInterfaceID.NotFound")

	// The subnet fills up: 11 usable addresses.
	for range 9 {
		must[vpcmodel.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(alice, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID}, t0))
	}
	_, err = c.CreateNetworkInterface(alice, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.SubnetID}, t0)
	wantCode(t, err, "InsufficientFreeAddressesInSubnet")
	if n := count(); n != 0 {
		t.Fatalf("AvailableIpAddressCount of a full subnet = %d", n)
	}

	// Filters.
	for _, tt := range []struct {
		filter vpcmodel.Filter
		want   int
	}{
		{vpcmodel.Filter{Name: "private-ip-address", Values: []string{"10.0.1.9"}}, 1},
		{vpcmodel.Filter{Name: "addresses.private-ip-address", Values: []string{"10.0.1.1?"}}, 5},
		{vpcmodel.Filter{Name: "group-id", Values: []string{web}}, 1},
		{vpcmodel.Filter{Name: "group-name", Values: []string{"default"}}, 11},
		{vpcmodel.Filter{Name: "subnet-id", Values: []string{s.SubnetID}}, 11},
		{vpcmodel.Filter{Name: "vpc-id", Values: []string{other}}, 0},
		{vpcmodel.Filter{Name: "description", Values: []string{"first"}}, 1},
		{vpcmodel.Filter{Name: "tag:Name", Values: []string{"a"}}, 1},
		{vpcmodel.Filter{Name: "status", Values: []string{"available"}}, 11},
		{vpcmodel.Filter{Name: "source-dest-check", Values: []string{"false"}}, 0},
	} {
		d, err := c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{Filters: []vpcmodel.Filter{tt.filter}}, t0)
		if err != nil || len(d.NetworkInterfaces) != tt.want {
			t.Errorf("DescribeNetworkInterfaces(%v) = %d interfaces, %v; want %d", tt.filter, len(d.NetworkInterfaces), err, tt.want)
		}
	}

	// ModifyNetworkInterfaceAttribute: one attribute at a time.
	mod := func(in vpcmodel.ModifyNetworkInterfaceAttributeInput) error {
		in.NetworkInterfaceID = b.NetworkInterfaceID
		_, err := c.ModifyNetworkInterfaceAttribute(alice, in, t0)
		return err
	}
	wantCode(t, mod(vpcmodel.ModifyNetworkInterfaceAttributeInput{}), "MissingParameter")
	wantCode(t, mod(vpcmodel.ModifyNetworkInterfaceAttributeInput{Groups: []string{web}, SourceDestCheck: vpcmodel.Some(vpcmodel.AttributeBooleanValue{})}), "InvalidParameterCombination")
	wantCode(t, mod(vpcmodel.ModifyNetworkInterfaceAttributeInput{Groups: []string{elsewhere}}), "InvalidParameter")
	for _, in := range []vpcmodel.ModifyNetworkInterfaceAttributeInput{
		{Groups: []string{web}},
		{SourceDestCheck: vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: false})},
		{Description: vpcmodel.Some(vpcmodel.AttributeValue{Value: "second"})},
		{AssociatePublicIPAddress: vpcmodel.Some(true)},
	} {
		if err := mod(in); err != nil {
			t.Fatalf("ModifyNetworkInterfaceAttribute(%+v) = %v", in, err)
		}
	}
	got := must[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{
		NetworkInterfaceIDs: []string{b.NetworkInterfaceID}}, t0)).NetworkInterfaces[0]
	if len(got.Groups) != 1 || got.Groups[0].GroupID != web || got.SourceDestCheck || got.Description != "second" || !got.Association.Set ||
		got.Association.Value.IPOwnerID != "amazon" || got.PrivateIPAddresses[0].Association != got.Association {
		t.Fatalf("after ModifyNetworkInterfaceAttribute: %+v", got)
	}
	if d := must[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{Filters: []vpcmodel.Filter{
		{Name: "association.public-ip", Values: []string{got.Association.Value.PublicIP}}}}, t0)); len(d.NetworkInterfaces) != 1 {
		t.Fatalf("DescribeNetworkInterfaces by its public address = %+v", d)
	}

	// A group on an interface and a subnet holding one stay.
	_, err = c.DeleteSecurityGroup(alice, vpcmodel.DeleteSecurityGroupInput{GroupID: web}, t0)
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s.SubnetID}, t0)
	wantCode(t, err, "DependencyViolation")

	// An interface is a route target of its VPC; deleting it leaves a
	// blackhole.
	rtb := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: v}, t0)).RouteTable.RouteTableID
	must[vpcmodel.CreateRouteOutput](t)(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"}, RouteTarget: vpcmodel.RouteTarget{NetworkInterfaceID: a.NetworkInterfaceID}}, t0))
	otherRtb := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: other}, t0)).RouteTable.RouteTableID
	_, err = c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: otherRtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"}, RouteTarget: vpcmodel.RouteTarget{NetworkInterfaceID: a.NetworkInterfaceID}}, t0)
	wantCode(t, err, "InvalidParameterValue")

	all := must[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{}, t0)).NetworkInterfaces
	for _, i := range all {
		must[vpcmodel.ReturnOutput](t)(c.DeleteNetworkInterface(alice, vpcmodel.DeleteNetworkInterfaceInput{NetworkInterfaceID: i.NetworkInterfaceID}, t0))
	}
	_, err = c.DeleteNetworkInterface(alice, vpcmodel.DeleteNetworkInterfaceInput{NetworkInterfaceID: a.NetworkInterfaceID}, t0)
	wantCode(t, err, "InvalidNetworkInterfaceID.NotFound")
	tables := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{rtb}}, t0))
	if r := tables.RouteTables[0].Routes; len(r) != 2 || r[0].State != "blackhole" || r[0].NetworkInterfaceID != a.NetworkInterfaceID {
		t.Fatalf("route to a deleted interface: %+v", r)
	}
	if n := count(); n != 11 {
		t.Fatalf("AvailableIpAddressCount after the deletions = %d, want 11", n)
	}
	must[vpcmodel.DeleteSecurityGroupOutput](t)(c.DeleteSecurityGroup(alice, vpcmodel.DeleteSecurityGroupInput{GroupID: web}, t0))
	must[vpcmodel.ReturnOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s.SubnetID}, t0))
}
