package vpcmodel_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

type coded interface{ ErrorCode() string }

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ce coded
	if !errors.As(err, &ce) || ce.ErrorCode() != code {
		t.Fatalf("err = %v, want %s", err, code)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestSubnets(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)).VPC.VPCID
	o := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.1.0/24",
		AvailabilityZone: "us-east-1b", TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "subnet", Tags: []vpcmodel.Tag{{Key: "Name", Value: "a"}}}}}, t0))
	s := o.Subnet
	if s.State != "pending" || s.AvailableIPAddressCount != 251 || s.AvailabilityZoneID != "use1-az2" || s.VPCID != v ||
		s.SubnetARN != "arn:aws:ec2:us-east-1:"+alice.Account+":subnet/"+s.SubnetID || len(s.Tags) != 1 || s.PrivateDNSNameOptionsOnLaunch.HostnameType != "ip-name" {
		t.Fatalf("CreateSubnet = %+v", s)
	}
	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateSubnetInput
		code string
	}{
		{"conflict", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.1.128/25"}, "InvalidSubnet.Conflict"},
		{"outside", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.1.0.0/24"}, "InvalidSubnet.Range"},
		{"too small", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.2.0/29"}, "InvalidSubnet.Range"},
		{"other Region's zone", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.2.0/24", AvailabilityZone: "eu-west-1a"}, "InvalidParameterValue"},
		{"no block", vpcmodel.CreateSubnetInput{VPCID: v}, "MissingParameter"},
		{"unknown VPC", vpcmodel.CreateSubnetInput{VPCID: "vpc-0123456789abcdef0", CIDRBlock: "10.0.2.0/24"}, "InvalidVpcID.NotFound"},
		{"wrong tag type", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.2.0/24", TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc"}}}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Version()
			_, err := c.CreateSubnet(alice, tt.in, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refused CreateSubnet changed the Cloud")
			}
		})
	}
	d := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{v}}, {Name: "availability-zone", Values: []string{"us-east-1?"}}, {Name: "tag:Name", Values: []string{"a"}}}}, t0))
	if len(d.Subnets) != 1 || d.Subnets[0].State != "available" {
		t.Fatalf("DescribeSubnets = %+v", d)
	}
	if d, _ := c.DescribeSubnets(bob, vpcmodel.DescribeSubnetsInput{}, t0); len(d.Subnets) != 0 {
		t.Fatal("another account sees the subnet")
	}
	_, err := c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{"subnet-0123456789abcdef0"}}, t0)
	wantCode(t, err, "InvalidSubnetID.NotFound")

	_, err = c.ModifySubnetAttribute(alice, vpcmodel.ModifySubnetAttributeInput{SubnetID: s.SubnetID}, t0)
	wantCode(t, err, "MissingParameter")
	on := vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: true})
	_, err = c.ModifySubnetAttribute(alice, vpcmodel.ModifySubnetAttributeInput{SubnetID: s.SubnetID, MapPublicIPOnLaunch: on, EnableDNS64: on}, t0)
	wantCode(t, err, "InvalidParameterCombination")
	_, err = c.ModifySubnetAttribute(alice, vpcmodel.ModifySubnetAttributeInput{SubnetID: s.SubnetID, AssignIPv6AddressOnCreation: on}, t0)
	wantCode(t, err, "InvalidParameterValue")
	must[vpcmodel.ReturnOutput](t)(c.ModifySubnetAttribute(alice, vpcmodel.ModifySubnetAttributeInput{SubnetID: s.SubnetID, MapPublicIPOnLaunch: on}, t0))
	d = must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{Filters: []vpcmodel.Filter{{Name: "map-public-ip-on-launch", Values: []string{"true"}}}}, t0))
	if len(d.Subnets) != 1 || !d.Subnets[0].MapPublicIPOnLaunch {
		t.Fatalf("after ModifySubnetAttribute: %+v", d)
	}

	// A VPC with a subnet stays; so does a block holding one.
	_, err = c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: v}, t0)
	wantCode(t, err, "DependencyViolation")
	a := must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, CIDRBlock: "10.1.0.0/16"}, t0))
	s2 := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.1.0.0/24"}, t0)).Subnet
	if s2.AvailabilityZone != "us-east-1a" {
		t.Fatalf("zone picked = %s, want us-east-1a (the emptiest)", s2.AvailabilityZone)
	}
	_, err = c.DisassociateVpcCidrBlock(alice, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: a.CIDRBlockAssociation.Value.AssociationID}, t0)
	wantCode(t, err, "DependencyViolation")
	for _, id := range []string{s.SubnetID, s2.SubnetID} {
		must[vpcmodel.ReturnOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: id}, t0))
	}
	_, err = c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s.SubnetID}, t0)
	wantCode(t, err, "InvalidSubnetID.NotFound")
	must[vpcmodel.ReturnOutput](t)(c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: v}, t0))
}

func TestAvailabilityZones(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
	d := must[vpcmodel.DescribeAvailabilityZonesOutput](t)(c.DescribeAvailabilityZones(alice, vpcmodel.DescribeAvailabilityZonesInput{}, t0))
	if len(d.AvailabilityZones) != 6 || d.AvailabilityZones[0] != (vpcmodel.AvailabilityZone{ZoneName: "us-east-1a", ZoneID: "use1-az1", State: "available",
		RegionName: "us-east-1", ZoneType: "availability-zone", OptInStatus: "opt-in-not-required", GroupName: "us-east-1", NetworkBorderGroup: "us-east-1"}) {
		t.Fatalf("DescribeAvailabilityZones = %+v", d)
	}
	d = must[vpcmodel.DescribeAvailabilityZonesOutput](t)(c.DescribeAvailabilityZones(bob, vpcmodel.DescribeAvailabilityZonesInput{ZoneIDs: []string{"euw1-az2"}}, t0))
	if len(d.AvailabilityZones) != 1 || d.AvailabilityZones[0].ZoneName != "eu-west-1b" {
		t.Fatalf("DescribeAvailabilityZones(euw1-az2) = %+v", d)
	}
	d = must[vpcmodel.DescribeAvailabilityZonesOutput](t)(c.DescribeAvailabilityZones(alice, vpcmodel.DescribeAvailabilityZonesInput{Filters: []vpcmodel.Filter{{Name: "zone-name", Values: []string{"*c", "*d"}}}}, t0))
	if len(d.AvailabilityZones) != 2 {
		t.Fatalf("zone-name filter = %+v", d)
	}
	_, err := c.DescribeAvailabilityZones(alice, vpcmodel.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1z"}}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DescribeAvailabilityZones(alice, vpcmodel.DescribeAvailabilityZonesInput{Filters: []vpcmodel.Filter{{Name: "bogus"}}}, t0)
	wantCode(t, err, "InvalidParameterValue")
}

func TestInternetGateways(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)).VPC.VPCID
	v2 := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, t0)).VPC.VPCID
	g := must[vpcmodel.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, t0)).InternetGateway.InternetGatewayID
	g2 := must[vpcmodel.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, t0)).InternetGateway.InternetGatewayID
	rtb := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: v}, t0)).RouteTable.RouteTableID
	route := vpcmodel.CreateRouteInput{RouteTableID: rtb, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"}, RouteTarget: vpcmodel.RouteTarget{GatewayID: g}}
	_, err := c.CreateRoute(alice, route, t0)
	wantCode(t, err, "Gateway.NotAttached")

	must[vpcmodel.ReturnOutput](t)(c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: g, VPCID: v}, t0))
	_, err = c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: g, VPCID: v2}, t0)
	wantCode(t, err, "Resource.AlreadyAssociated")
	_, err = c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: g2, VPCID: v}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.AttachInternetGateway(bob, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: g2, VPCID: v}, t0)
	wantCode(t, err, "InvalidInternetGatewayID.NotFound")
	_, err = c.DetachInternetGateway(alice, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: g, VPCID: v2}, t0)
	wantCode(t, err, "Gateway.NotAttached")
	_, err = c.DeleteInternetGateway(alice, vpcmodel.DeleteInternetGatewayInput{InternetGatewayID: g}, t0)
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: v}, t0)
	wantCode(t, err, "DependencyViolation")

	must[vpcmodel.ReturnOutput](t)(c.CreateRoute(alice, route, t0))
	d := must[vpcmodel.DescribeInternetGatewaysOutput](t)(c.DescribeInternetGateways(alice, vpcmodel.DescribeInternetGatewaysInput{
		Filters: []vpcmodel.Filter{{Name: "attachment.vpc-id", Values: []string{v}}, {Name: "attachment.state", Values: []string{"available"}}}}, t0))
	if len(d.InternetGateways) != 1 || d.InternetGateways[0].InternetGatewayID != g {
		t.Fatalf("DescribeInternetGateways = %+v", d)
	}
	routeState := func() string {
		rt := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{rtb}}, t0))
		for _, r := range rt.RouteTables[0].Routes {
			if r.GatewayID == g {
				return string(r.State)
			}
		}
		return ""
	}
	if s := routeState(); s != "active" {
		t.Fatalf("route to attached gateway is %s", s)
	}
	must[vpcmodel.ReturnOutput](t)(c.DetachInternetGateway(alice, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: g, VPCID: v}, t0))
	if s := routeState(); s != "blackhole" {
		t.Fatalf("route to detached gateway is %s", s)
	}
	must[vpcmodel.ReturnOutput](t)(c.DeleteInternetGateway(alice, vpcmodel.DeleteInternetGatewayInput{InternetGatewayID: g}, t0))
	if s := routeState(); s != "blackhole" {
		t.Fatalf("route to deleted gateway is %s", s)
	}
	_, err = c.DescribeInternetGateways(alice, vpcmodel.DescribeInternetGatewaysInput{InternetGatewayIDs: []string{g}}, t0)
	wantCode(t, err, "InvalidInternetGatewayID.NotFound")
}

func TestEgressOnlyInternetGateways(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)).VPC.VPCID
	e := must[vpcmodel.CreateEgressOnlyInternetGatewayOutput](t)(c.CreateEgressOnlyInternetGateway(alice, vpcmodel.CreateEgressOnlyInternetGatewayInput{VPCID: v,
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "egress-only-internet-gateway", Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}}}, t0)).EgressOnlyInternetGateway
	if len(e.Attachments) != 1 || e.Attachments[0] != (vpcmodel.InternetGatewayAttachment{State: "attached", VPCID: v}) || len(e.Tags) != 1 {
		t.Fatalf("CreateEgressOnlyInternetGateway = %+v", e)
	}
	id := e.EgressOnlyInternetGatewayID
	main := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{}, t0)).RouteTables[0].RouteTableID
	_, err := c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: main, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"},
		RouteTarget: vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: id}}, t0)
	wantCode(t, err, "InvalidParameterValue")
	must[vpcmodel.ReturnOutput](t)(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: main, RouteDestination: vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: "::/0"},
		RouteTarget: vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: id}}, t0))
	_, err = c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: v}, t0)
	wantCode(t, err, "DependencyViolation")
	d := must[vpcmodel.DescribeEgressOnlyInternetGatewaysOutput](t)(c.DescribeEgressOnlyInternetGateways(alice, vpcmodel.DescribeEgressOnlyInternetGatewaysInput{
		Filters: []vpcmodel.Filter{{Name: "tag:k", Values: []string{"v"}}}}, t0))
	if len(d.EgressOnlyInternetGateways) != 1 {
		t.Fatalf("DescribeEgressOnlyInternetGateways = %+v", d)
	}
	if o := must[vpcmodel.DeleteEgressOnlyInternetGatewayOutput](t)(c.DeleteEgressOnlyInternetGateway(alice, vpcmodel.DeleteEgressOnlyInternetGatewayInput{EgressOnlyInternetGatewayID: id}, t0)); !o.ReturnCode {
		t.Fatal("ReturnCode false")
	}
	_, err = c.DeleteEgressOnlyInternetGateway(alice, vpcmodel.DeleteEgressOnlyInternetGatewayInput{EgressOnlyInternetGatewayID: id}, t0)
	wantCode(t, err, "InvalidEgressOnlyInternetGatewayId.NotFound")
	rt := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{main}}, t0))
	if r := rt.RouteTables[0].Routes[len(rt.RouteTables[0].Routes)-1]; r.EgressOnlyInternetGatewayID != id || r.State != "blackhole" {
		t.Fatalf("route to a deleted egress-only gateway = %+v", r)
	}
}

func TestRouteTableAssociations(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)).VPC.VPCID
	other := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, t0)).VPC.VPCID
	s := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.1.0/24"}, t0)).Subnet.SubnetID
	a := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: v}, t0)).RouteTable.RouteTableID
	b := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: v}, t0)).RouteTable.RouteTableID
	x := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: other}, t0)).RouteTable.RouteTableID

	assoc := must[vpcmodel.AssociateRouteTableOutput](t)(c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: a, SubnetID: s}, t0))
	if assoc.AssociationState.State != "associated" {
		t.Fatalf("AssociateRouteTable = %+v", assoc)
	}
	_, err := c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: b, SubnetID: s}, t0)
	wantCode(t, err, "Resource.AlreadyAssociated")
	_, err = c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: x, SubnetID: s}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DeleteRouteTable(alice, vpcmodel.DeleteRouteTableInput{RouteTableID: a}, t0)
	wantCode(t, err, "DependencyViolation")
	filter := func(name, value string) []vpcmodel.RouteTable {
		return must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: name, Values: []string{value}}}}, t0)).RouteTables
	}
	if got := filter("association.subnet-id", s); len(got) != 1 || got[0].RouteTableID != a {
		t.Fatalf("association.subnet-id = %+v", got)
	}
	if got := filter("association.route-table-association-id", assoc.AssociationID); len(got) != 1 || got[0].RouteTableID != a {
		t.Fatalf("association.route-table-association-id = %+v", got)
	}

	// Move the subnet to b, then the main association to b too.
	moved := must[vpcmodel.ReplaceRouteTableAssociationOutput](t)(c.ReplaceRouteTableAssociation(alice, vpcmodel.ReplaceRouteTableAssociationInput{AssociationID: assoc.AssociationID, RouteTableID: b}, t0))
	if moved.NewAssociationID == assoc.AssociationID {
		t.Fatal("ReplaceRouteTableAssociation kept the association ID")
	}
	_, err = c.DisassociateRouteTable(alice, vpcmodel.DisassociateRouteTableInput{AssociationID: assoc.AssociationID}, t0)
	wantCode(t, err, "InvalidAssociationID.NotFound")
	mains := filter("association.main", "true")
	var mainAssoc, mainTable string
	for _, rt := range mains {
		if rt.VPCID == v {
			mainTable, mainAssoc = rt.RouteTableID, rt.Associations[0].RouteTableAssociationID
		}
	}
	_, err = c.DisassociateRouteTable(alice, vpcmodel.DisassociateRouteTableInput{AssociationID: mainAssoc}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.ReplaceRouteTableAssociation(alice, vpcmodel.ReplaceRouteTableAssociationInput{AssociationID: mainAssoc, RouteTableID: x}, t0)
	wantCode(t, err, "InvalidParameterValue")
	must[vpcmodel.ReplaceRouteTableAssociationOutput](t)(c.ReplaceRouteTableAssociation(alice, vpcmodel.ReplaceRouteTableAssociationInput{AssociationID: mainAssoc, RouteTableID: b}, t0))
	must[vpcmodel.ReturnOutput](t)(c.DeleteRouteTable(alice, vpcmodel.DeleteRouteTableInput{RouteTableID: mainTable}, t0))
	if got := filter("association.main", "true"); len(got) != 2 {
		t.Fatalf("main tables = %d, want one per VPC", len(got))
	}

	// An edge association needs a gateway attached to the table's VPC.
	g := must[vpcmodel.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, t0)).InternetGateway.InternetGatewayID
	_, err = c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: a, GatewayID: g}, t0)
	wantCode(t, err, "InvalidParameterValue")
	must[vpcmodel.ReturnOutput](t)(c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: g, VPCID: v}, t0))
	must[vpcmodel.AssociateRouteTableOutput](t)(c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: a, GatewayID: g}, t0))
	_, err = c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: a, GatewayID: g}, t0)
	wantCode(t, err, "Resource.AlreadyAssociated")
	if got := filter("association.gateway-id", g); len(got) != 1 {
		t.Fatalf("association.gateway-id = %+v", got)
	}
	must[vpcmodel.ReturnOutput](t)(c.DetachInternetGateway(alice, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: g, VPCID: v}, t0))
	if got := filter("association.gateway-id", g); len(got) != 0 {
		t.Fatalf("a detached gateway keeps its edge association: %+v", got)
	}

	// Deleting the subnet drops its association.
	must[vpcmodel.ReturnOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s}, t0))
	if got := filter("association.subnet-id", s); len(got) != 0 {
		t.Fatalf("a deleted subnet keeps its association: %+v", got)
	}
	must[vpcmodel.ReturnOutput](t)(c.DeleteRouteTable(alice, vpcmodel.DeleteRouteTableInput{RouteTableID: a}, t0))
}

// TestAssociationProperty plays random actions and checks, for every
// caller, that each subnet is explicitly associated with at most one
// table, each gateway with at most one, and each VPC has exactly one main
// table.
func TestAssociationProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := newDriver(vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9})}))
		for range rapid.IntRange(1, 80).Draw(t, "steps") {
			d.step(t)
		}
		for _, who := range d.callers {
			rto, err := d.c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{}, d.now)
			vo, err2 := d.c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{}, d.now)
			if err != nil || err2 != nil {
				t.Fatal(err, err2)
			}
			rts, vpcs := rto.RouteTables, vo.VPCs
			held, mains := map[string]string{}, map[string]int{}
			for _, rt := range rts {
				for _, a := range rt.Associations {
					if a.Main {
						mains[rt.VPCID]++
						continue
					}
					if k := a.SubnetID + a.GatewayID; held[k] != "" {
						t.Fatalf("%s is associated with %s and %s", k, held[k], rt.RouteTableID)
					} else {
						held[k] = rt.RouteTableID
					}
				}
			}
			for _, v := range vpcs {
				if mains[v.VPCID] != 1 {
					t.Fatalf("VPC %s has %d main tables", v.VPCID, mains[v.VPCID])
				}
			}
		}
	})
}

func TestDescribeNetworkInterfaces(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{8})})
	o := must[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{
		Filters: []vpcmodel.Filter{{Name: "subnet-id", Values: []string{"subnet-0123456789abcdef0"}}}}, t0))
	if len(o.NetworkInterfaces) != 0 {
		t.Fatalf("DescribeNetworkInterfaces = %+v", o)
	}
	for _, tt := range []struct {
		in   vpcmodel.DescribeNetworkInterfacesInput
		code string
	}{
		{vpcmodel.DescribeNetworkInterfacesInput{NetworkInterfaceIDs: []string{"eni-0123456789abcdef0"}}, "InvalidNetworkInterfaceID.NotFound"},
		{vpcmodel.DescribeNetworkInterfacesInput{NetworkInterfaceIDs: []string{"eni-x"}}, "InvalidNetworkInterfaceId.Malformed"},
		{vpcmodel.DescribeNetworkInterfacesInput{Filters: []vpcmodel.Filter{{Name: "colour", Values: []string{"x"}}}}, "InvalidParameterValue"},
		{vpcmodel.DescribeNetworkInterfacesInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(1)}}, "InvalidParameterValue"},
	} {
		_, err := c.DescribeNetworkInterfaces(alice, tt.in, t0)
		wantCode(t, err, tt.code)
	}
}
