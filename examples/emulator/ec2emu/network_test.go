package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestAvailabilityZonesSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-west-2")
	o := must[*ec2.DescribeAvailabilityZonesOutput](t)(c.DescribeAvailabilityZones(e.ctx, &ec2.DescribeAvailabilityZonesInput{}))
	if len(o.AvailabilityZones) != 4 {
		t.Fatalf("zones = %d", len(o.AvailabilityZones))
	}
	z := o.AvailabilityZones[0]
	if aws.ToString(z.ZoneName) != "us-west-2a" || aws.ToString(z.ZoneId) != "usw2-az1" || z.State != types.AvailabilityZoneStateAvailable ||
		aws.ToString(z.RegionName) != "us-west-2" || aws.ToString(z.ZoneType) != "availability-zone" ||
		z.OptInStatus != types.AvailabilityZoneOptInStatusOptInNotRequired || aws.ToString(z.NetworkBorderGroup) != "us-west-2" {
		t.Fatalf("zone = %+v", z)
	}
	o = must[*ec2.DescribeAvailabilityZonesOutput](t)(c.DescribeAvailabilityZones(e.ctx, &ec2.DescribeAvailabilityZonesInput{ZoneIds: []string{"usw2-az3"}}))
	if len(o.AvailabilityZones) != 1 || aws.ToString(o.AvailabilityZones[0].ZoneName) != "us-west-2c" {
		t.Fatalf("by ID = %+v", o.AvailabilityZones)
	}
	_, err := c.DescribeAvailabilityZones(e.ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1a"}})
	wantCode(t, err, "InvalidParameterValue")
}

func TestSubnetsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v := e.newVPC(c, "10.0.0.0/16")
	_, err := c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &v, CidrBlock: aws.String("10.0.1.0/24"), DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")
	o := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &v, CidrBlock: aws.String("10.0.1.0/24"),
		AvailabilityZoneId: aws.String("use1-az3"),
		TagSpecifications:  []types.TagSpecification{{ResourceType: types.ResourceTypeSubnet, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("web")}}}}}))
	s := o.Subnet
	id := aws.ToString(s.SubnetId)
	if s.State != types.SubnetStatePending || aws.ToInt32(s.AvailableIpAddressCount) != 251 || aws.ToString(s.AvailabilityZone) != "us-east-1c" ||
		aws.ToString(s.SubnetArn) != "arn:aws:ec2:us-east-1:"+alice+":subnet/"+id || len(s.Tags) != 1 ||
		s.PrivateDnsNameOptionsOnLaunch == nil || s.PrivateDnsNameOptionsOnLaunch.HostnameType != types.HostnameTypeIpName {
		t.Fatalf("CreateSubnet = %+v", s)
	}
	for _, tt := range []struct {
		block, zone, code string
	}{
		{"10.0.1.0/25", "", "InvalidSubnet.Conflict"},
		{"10.9.0.0/24", "", "InvalidSubnet.Range"},
		{"10.0.2.0/29", "", "InvalidSubnet.Range"},
		{"10.0.2.0/24", "us-west-2a", "InvalidParameterValue"},
	} {
		in := &ec2.CreateSubnetInput{VpcId: &v, CidrBlock: aws.String(tt.block)}
		if tt.zone != "" {
			in.AvailabilityZone = aws.String(tt.zone)
		}
		_, err := c.CreateSubnet(e.ctx, in)
		wantCode(t, err, tt.code)
	}
	d := must[*ec2.DescribeSubnetsOutput](t)(c.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{v}}, {Name: aws.String("availability-zone-id"), Values: []string{"use1-az3"}}}}))
	if len(d.Subnets) != 1 || d.Subnets[0].State != types.SubnetStateAvailable {
		t.Fatalf("DescribeSubnets = %+v", d.Subnets)
	}
	must[*ec2.ModifySubnetAttributeOutput](t)(c.ModifySubnetAttribute(e.ctx, &ec2.ModifySubnetAttributeInput{SubnetId: &id,
		MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(true)}}))
	_, err = c.ModifySubnetAttribute(e.ctx, &ec2.ModifySubnetAttributeInput{SubnetId: &id,
		AssignIpv6AddressOnCreation: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
	wantCode(t, err, "InvalidParameterValue")
	d = must[*ec2.DescribeSubnetsOutput](t)(c.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{id}}))
	if !aws.ToBool(d.Subnets[0].MapPublicIpOnLaunch) {
		t.Fatal("MapPublicIpOnLaunch not set")
	}
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &v})
	wantCode(t, err, "DependencyViolation")
	must[*ec2.DeleteSubnetOutput](t)(c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &id}))
	_, err = c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &id})
	wantCode(t, err, "InvalidSubnetID.NotFound")
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &v}))
}

func TestInternetGatewaysSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v, v2 := e.newVPC(c, "10.0.0.0/16"), e.newVPC(c, "10.1.0.0/16")
	g := aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(e.ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeInternetGateway, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}})).InternetGateway.InternetGatewayId)
	g2 := aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(e.ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId)
	must[*ec2.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(e.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &g, VpcId: &v}))
	_, err := c.AttachInternetGateway(e.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &g, VpcId: &v2})
	wantCode(t, err, "Resource.AlreadyAssociated")
	_, err = c.AttachInternetGateway(e.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &g2, VpcId: &v})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DetachInternetGateway(e.ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: &g, VpcId: &v2})
	wantCode(t, err, "Gateway.NotAttached")
	_, err = c.DeleteInternetGateway(e.ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: &g})
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteInternetGateway(e.ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String("igw-0123456789abcdef0")})
	wantCode(t, err, "InvalidInternetGatewayID.NotFound")
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &v})
	wantCode(t, err, "DependencyViolation")
	d := must[*ec2.DescribeInternetGatewaysOutput](t)(c.DescribeInternetGateways(e.ctx, &ec2.DescribeInternetGatewaysInput{Filters: []types.Filter{
		{Name: aws.String("attachment.vpc-id"), Values: []string{v}}}}))
	if len(d.InternetGateways) != 1 || len(d.InternetGateways[0].Attachments) != 1 || d.InternetGateways[0].Attachments[0].State != "available" ||
		len(d.InternetGateways[0].Tags) != 1 {
		t.Fatalf("DescribeInternetGateways = %+v", d.InternetGateways)
	}
	main := aws.ToString(must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{v}}, {Name: aws.String("association.main"), Values: []string{"true"}}}})).RouteTables[0].RouteTableId)
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &main, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: &g}))
	must[*ec2.DetachInternetGatewayOutput](t)(c.DetachInternetGateway(e.ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: &g, VpcId: &v}))
	rt := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{main}})).RouteTables[0]
	if r := rt.Routes[0]; aws.ToString(r.GatewayId) != g || r.State != types.RouteStateBlackhole {
		t.Fatalf("route to a detached gateway = %+v", r)
	}
	must[*ec2.DeleteInternetGatewayOutput](t)(c.DeleteInternetGateway(e.ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: &g}))
}

func TestEgressOnlyInternetGatewaysSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v := e.newVPC(c, "10.0.0.0/16")
	o := must[*ec2.CreateEgressOnlyInternetGatewayOutput](t)(c.CreateEgressOnlyInternetGateway(e.ctx, &ec2.CreateEgressOnlyInternetGatewayInput{VpcId: &v}))
	g := o.EgressOnlyInternetGateway
	id := aws.ToString(g.EgressOnlyInternetGatewayId)
	if len(g.Attachments) != 1 || aws.ToString(g.Attachments[0].VpcId) != v || g.Attachments[0].State != types.AttachmentStatusAttached {
		t.Fatalf("CreateEgressOnlyInternetGateway = %+v", g)
	}
	main := aws.ToString(must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{})).RouteTables[0].RouteTableId)
	_, err := c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &main, DestinationCidrBlock: aws.String("0.0.0.0/0"), EgressOnlyInternetGatewayId: &id})
	wantCode(t, err, "InvalidParameterValue")
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &main, DestinationIpv6CidrBlock: aws.String("::/0"), EgressOnlyInternetGatewayId: &id}))
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &v})
	wantCode(t, err, "DependencyViolation")
	d := must[*ec2.DescribeEgressOnlyInternetGatewaysOutput](t)(c.DescribeEgressOnlyInternetGateways(e.ctx, &ec2.DescribeEgressOnlyInternetGatewaysInput{}))
	if len(d.EgressOnlyInternetGateways) != 1 {
		t.Fatalf("Describe = %+v", d)
	}
	del := must[*ec2.DeleteEgressOnlyInternetGatewayOutput](t)(c.DeleteEgressOnlyInternetGateway(e.ctx, &ec2.DeleteEgressOnlyInternetGatewayInput{EgressOnlyInternetGatewayId: &id}))
	if !aws.ToBool(del.ReturnCode) {
		t.Fatal("ReturnCode false")
	}
	_, err = c.DeleteEgressOnlyInternetGateway(e.ctx, &ec2.DeleteEgressOnlyInternetGatewayInput{EgressOnlyInternetGatewayId: &id})
	wantCode(t, err, "InvalidEgressOnlyInternetGatewayId.NotFound")
}

func TestRouteTableAssociationsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v := e.newVPC(c, "10.0.0.0/16")
	s := aws.ToString(must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &v, CidrBlock: aws.String("10.0.1.0/24")})).Subnet.SubnetId)
	a := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &v})).RouteTable.RouteTableId)
	b := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &v})).RouteTable.RouteTableId)
	o := must[*ec2.AssociateRouteTableOutput](t)(c.AssociateRouteTable(e.ctx, &ec2.AssociateRouteTableInput{RouteTableId: &a, SubnetId: &s}))
	if o.AssociationState == nil || o.AssociationState.State != types.RouteTableAssociationStateCodeAssociated {
		t.Fatalf("AssociateRouteTable = %+v", o)
	}
	_, err := c.AssociateRouteTable(e.ctx, &ec2.AssociateRouteTableInput{RouteTableId: &b, SubnetId: &s})
	wantCode(t, err, "Resource.AlreadyAssociated")
	d := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		{Name: aws.String("association.subnet-id"), Values: []string{s}}}}))
	if len(d.RouteTables) != 1 || aws.ToString(d.RouteTables[0].RouteTableId) != a {
		t.Fatalf("association.subnet-id = %+v", d.RouteTables)
	}
	r := must[*ec2.ReplaceRouteTableAssociationOutput](t)(c.ReplaceRouteTableAssociation(e.ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: o.AssociationId, RouteTableId: &b}))
	if aws.ToString(r.NewAssociationId) == aws.ToString(o.AssociationId) {
		t.Fatal("the association kept its ID")
	}
	_, err = c.DisassociateRouteTable(e.ctx, &ec2.DisassociateRouteTableInput{AssociationId: o.AssociationId})
	wantCode(t, err, "InvalidAssociationID.NotFound")
	main := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		{Name: aws.String("association.main"), Values: []string{"true"}}}})).RouteTables[0]
	mainAssoc := main.Associations[0].RouteTableAssociationId
	_, err = c.DisassociateRouteTable(e.ctx, &ec2.DisassociateRouteTableInput{AssociationId: mainAssoc})
	wantCode(t, err, "InvalidParameterValue")
	must[*ec2.ReplaceRouteTableAssociationOutput](t)(c.ReplaceRouteTableAssociation(e.ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: mainAssoc, RouteTableId: &b}))
	must[*ec2.DeleteRouteTableOutput](t)(c.DeleteRouteTable(e.ctx, &ec2.DeleteRouteTableInput{RouteTableId: main.RouteTableId}))
	must[*ec2.DisassociateRouteTableOutput](t)(c.DisassociateRouteTable(e.ctx, &ec2.DisassociateRouteTableInput{AssociationId: r.NewAssociationId}))
	must[*ec2.DeleteRouteTableOutput](t)(c.DeleteRouteTable(e.ctx, &ec2.DeleteRouteTableInput{RouteTableId: &a}))
}

// TestGatewayRouteTableSDK: an edge association to an internet gateway
// is refused while the table routes to the internet, and once made the
// table refuses such a route (spec K.2).
func TestGatewayRouteTableSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v := e.newVPC(c, "10.0.0.0/16")
	igw := aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(e.ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId)
	must[*ec2.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(e.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &igw, VpcId: &v}))
	rt := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &v})).RouteTable.RouteTableId)
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &rt, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: &igw}))
	_, err := c.AssociateRouteTable(e.ctx, &ec2.AssociateRouteTableInput{RouteTableId: &rt, GatewayId: &igw})
	wantCode(t, err, "RouteNotSupported")
	must[*ec2.DeleteRouteOutput](t)(c.DeleteRoute(e.ctx, &ec2.DeleteRouteInput{RouteTableId: &rt, DestinationCidrBlock: aws.String("0.0.0.0/0")}))
	a := must[*ec2.AssociateRouteTableOutput](t)(c.AssociateRouteTable(e.ctx, &ec2.AssociateRouteTableInput{RouteTableId: &rt, GatewayId: &igw}))
	if a.AssociationState == nil || a.AssociationState.State != types.RouteTableAssociationStateCodeAssociated {
		t.Fatalf("edge AssociateRouteTable = %+v", a)
	}
	_, err = c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &rt, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: &igw})
	wantCode(t, err, "RouteNotSupported")
	d := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		{Name: aws.String("association.gateway-id"), Values: []string{igw}}}}))
	if len(d.RouteTables) != 1 || aws.ToString(d.RouteTables[0].RouteTableId) != rt || len(d.RouteTables[0].Routes) != 1 {
		t.Fatalf("association.gateway-id = %+v, want %s with its local route only", d.RouteTables, rt)
	}
}
