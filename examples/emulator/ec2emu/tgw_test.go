package ec2emu_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// tgwSetup makes, through the SDK, a VPC with subnets in two zones (and a
// second one in the first zone), and an available transit gateway with
// its default route table.
func tgwSetup(t *testing.T, e *env, c *ec2.Client) (vpc string, subnets []string, gw, defaults string) {
	t.Helper()
	vpc = aws.ToString(must[*ec2.CreateVpcOutput](t)(c.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16")})).Vpc.VpcId)
	for i, z := range []string{"us-east-1a", "us-east-1b", "us-east-1a"} {
		s := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc),
			CidrBlock: aws.String("10.20." + string(rune('0'+i)) + ".0/24"), AvailabilityZone: aws.String(z)}))
		subnets = append(subnets, aws.ToString(s.Subnet.SubnetId))
	}
	g := must[*ec2.CreateTransitGatewayOutput](t)(c.CreateTransitGateway(e.ctx, &ec2.CreateTransitGatewayInput{Description: aws.String("hub"),
		Options:           &types.TransitGatewayRequestOptions{AmazonSideAsn: aws.Int64(64600), TransitGatewayCidrBlocks: []string{"10.99.0.0/24"}},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeTransitGateway, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("hub")}}}}}))
	tg := g.TransitGateway
	if tg.State != types.TransitGatewayStatePending || aws.ToInt64(tg.Options.AmazonSideAsn) != 64600 ||
		strings.Join(tg.Options.TransitGatewayCidrBlocks, ",") != "10.99.0.0/24" || len(tg.Tags) != 1 ||
		tg.Options.DefaultRouteTableAssociation != types.DefaultRouteTableAssociationValueEnable ||
		tg.Options.VpnEcmpSupport != types.VpnEcmpSupportValueEnable || tg.Options.MulticastSupport != types.MulticastSupportValueDisable {
		t.Fatalf("CreateTransitGateway = %+v %+v", tg, tg.Options)
	}
	return vpc, subnets, aws.ToString(tg.TransitGatewayId), aws.ToString(tg.Options.AssociationDefaultRouteTableId)
}

// TestTransitGatewaysSDK drives transit gateways, their VPC attachments,
// route tables, associations, propagations and routes through the SDK,
// with each refusal.
func TestTransitGatewaysSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	vpc, subnets, gw, defaults := tgwSetup(t, e, c)
	f := func(name string, values ...string) types.Filter {
		return types.Filter{Name: aws.String(name), Values: values}
	}

	gws := must[*ec2.DescribeTransitGatewaysOutput](t)(c.DescribeTransitGateways(e.ctx, &ec2.DescribeTransitGatewaysInput{
		Filters: []types.Filter{f("tag:Name", "hub"), f("options.amazon-side-asn", "64600")}})).TransitGateways
	if len(gws) != 1 || gws[0].State != types.TransitGatewayStateAvailable || aws.ToString(gws[0].TransitGatewayArn) != "arn:aws:ec2:us-east-1:"+alice+":transit-gateway/"+gw ||
		aws.ToString(gws[0].Options.PropagationDefaultRouteTableId) != defaults {
		t.Fatalf("DescribeTransitGateways = %+v", gws)
	}
	_, err := c.DescribeTransitGateways(e.ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{"tgw-0123456789abcdef0"}})
	wantCode(t, err, "InvalidTransitGatewayID.NotFound")
	_, err = c.DescribeTransitGateways(e.ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{"tgw-nope"}})
	wantCode(t, err, "InvalidTransitGatewayID.Malformed")
	_, err = c.CreateTransitGateway(e.ctx, &ec2.CreateTransitGatewayInput{Options: &types.TransitGatewayRequestOptions{AmazonSideAsn: aws.Int64(100)}})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.CreateTransitGateway(e.ctx, &ec2.CreateTransitGatewayInput{TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc,
		Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}})
	wantCode(t, err, "InvalidParameterValue")

	// VPC attachments.
	_, err = c.CreateTransitGatewayVpcAttachment(e.ctx, &ec2.CreateTransitGatewayVpcAttachmentInput{TransitGatewayId: aws.String(gw), VpcId: aws.String(vpc),
		SubnetIds: []string{subnets[0], subnets[2]}})
	wantCode(t, err, "DuplicateSubnetsInSameZone")
	a := must[*ec2.CreateTransitGatewayVpcAttachmentOutput](t)(c.CreateTransitGatewayVpcAttachment(e.ctx, &ec2.CreateTransitGatewayVpcAttachmentInput{
		TransitGatewayId: aws.String(gw), VpcId: aws.String(vpc), SubnetIds: subnets[:2],
		Options:           &types.CreateTransitGatewayVpcAttachmentRequestOptions{ApplianceModeSupport: types.ApplianceModeSupportValueEnable},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeTransitGatewayAttachment, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("a")}}}}})).TransitGatewayVpcAttachment
	att := aws.ToString(a.TransitGatewayAttachmentId)
	if a.State != types.TransitGatewayAttachmentStatePending || a.Options.ApplianceModeSupport != types.ApplianceModeSupportValueEnable ||
		a.Options.DnsSupport != types.DnsSupportValueEnable || len(a.SubnetIds) != 2 || len(a.Tags) != 1 {
		t.Fatalf("CreateTransitGatewayVpcAttachment = %+v", a)
	}
	_, err = c.CreateTransitGatewayVpcAttachment(e.ctx, &ec2.CreateTransitGatewayVpcAttachmentInput{TransitGatewayId: aws.String(gw), VpcId: aws.String(vpc),
		SubnetIds: subnets[2:]})
	wantCode(t, err, "DuplicateTransitGatewayAttachment")
	va := must[*ec2.DescribeTransitGatewayVpcAttachmentsOutput](t)(c.DescribeTransitGatewayVpcAttachments(e.ctx, &ec2.DescribeTransitGatewayVpcAttachmentsInput{
		Filters: []types.Filter{f("vpc-id", vpc)}})).TransitGatewayVpcAttachments
	if len(va) != 1 || va[0].State != types.TransitGatewayAttachmentStateAvailable {
		t.Fatalf("DescribeTransitGatewayVpcAttachments = %+v", va)
	}
	all := must[*ec2.DescribeTransitGatewayAttachmentsOutput](t)(c.DescribeTransitGatewayAttachments(e.ctx, &ec2.DescribeTransitGatewayAttachmentsInput{
		Filters: []types.Filter{f("resource-type", "vpc"), f("association.transit-gateway-route-table-id", defaults)}})).TransitGatewayAttachments
	if len(all) != 1 || all[0].Association == nil || all[0].Association.State != types.TransitGatewayAssociationStateAssociated ||
		aws.ToString(all[0].ResourceId) != vpc || aws.ToString(all[0].ResourceOwnerId) != alice {
		t.Fatalf("DescribeTransitGatewayAttachments = %+v", all)
	}
	m := must[*ec2.ModifyTransitGatewayVpcAttachmentOutput](t)(c.ModifyTransitGatewayVpcAttachment(e.ctx, &ec2.ModifyTransitGatewayVpcAttachmentInput{
		TransitGatewayAttachmentId: aws.String(att), RemoveSubnetIds: subnets[1:2],
		Options: &types.ModifyTransitGatewayVpcAttachmentRequestOptions{DnsSupport: types.DnsSupportValueDisable}})).TransitGatewayVpcAttachment
	if m.State != types.TransitGatewayAttachmentStateModifying || len(m.SubnetIds) != 1 || m.Options.DnsSupport != types.DnsSupportValueDisable {
		t.Fatalf("ModifyTransitGatewayVpcAttachment = %+v", m)
	}
	_, err = c.ModifyTransitGatewayVpcAttachment(e.ctx, &ec2.ModifyTransitGatewayVpcAttachmentInput{TransitGatewayAttachmentId: aws.String(att),
		RemoveSubnetIds: subnets[:1]})
	wantCode(t, err, "InvalidParameterValue") // would leave none
	_, err = c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(subnets[0])})
	wantCode(t, err, "DependencyViolation")

	// Route tables, associations, propagations.
	rt := must[*ec2.CreateTransitGatewayRouteTableOutput](t)(c.CreateTransitGatewayRouteTable(e.ctx, &ec2.CreateTransitGatewayRouteTableInput{
		TransitGatewayId:  aws.String(gw),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeTransitGatewayRouteTable, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("spoke")}}}}})).TransitGatewayRouteTable
	spoke := aws.ToString(rt.TransitGatewayRouteTableId)
	if rt.State != types.TransitGatewayRouteTableStatePending || aws.ToBool(rt.DefaultAssociationRouteTable) || len(rt.Tags) != 1 {
		t.Fatalf("CreateTransitGatewayRouteTable = %+v", rt)
	}
	rts := must[*ec2.DescribeTransitGatewayRouteTablesOutput](t)(c.DescribeTransitGatewayRouteTables(e.ctx, &ec2.DescribeTransitGatewayRouteTablesInput{
		Filters: []types.Filter{f("default-association-route-table", "true")}})).TransitGatewayRouteTables
	if len(rts) != 1 || aws.ToString(rts[0].TransitGatewayRouteTableId) != defaults || !aws.ToBool(rts[0].DefaultPropagationRouteTable) {
		t.Fatalf("DescribeTransitGatewayRouteTables = %+v", rts)
	}
	_, err = c.AssociateTransitGatewayRouteTable(e.ctx, &ec2.AssociateTransitGatewayRouteTableInput{TransitGatewayAttachmentId: aws.String(att),
		TransitGatewayRouteTableId: aws.String(spoke)})
	wantCode(t, err, "Resource.AlreadyAssociated")
	d := must[*ec2.DisassociateTransitGatewayRouteTableOutput](t)(c.DisassociateTransitGatewayRouteTable(e.ctx, &ec2.DisassociateTransitGatewayRouteTableInput{
		TransitGatewayAttachmentId: aws.String(att), TransitGatewayRouteTableId: aws.String(defaults)})).Association
	if aws.ToString(d.ResourceId) != vpc || d.ResourceType != types.TransitGatewayAttachmentResourceTypeVpc {
		t.Fatalf("DisassociateTransitGatewayRouteTable = %+v", d)
	}
	_, err = c.DisassociateTransitGatewayRouteTable(e.ctx, &ec2.DisassociateTransitGatewayRouteTableInput{
		TransitGatewayAttachmentId: aws.String(att), TransitGatewayRouteTableId: aws.String(defaults)})
	wantCode(t, err, "InvalidAssociation.NotFound")
	as := must[*ec2.AssociateTransitGatewayRouteTableOutput](t)(c.AssociateTransitGatewayRouteTable(e.ctx, &ec2.AssociateTransitGatewayRouteTableInput{
		TransitGatewayAttachmentId: aws.String(att), TransitGatewayRouteTableId: aws.String(spoke)})).Association
	if as.State != types.TransitGatewayAssociationStateAssociated || aws.ToString(as.TransitGatewayRouteTableId) != spoke {
		t.Fatalf("AssociateTransitGatewayRouteTable = %+v", as)
	}
	ga := must[*ec2.GetTransitGatewayRouteTableAssociationsOutput](t)(c.GetTransitGatewayRouteTableAssociations(e.ctx, &ec2.GetTransitGatewayRouteTableAssociationsInput{
		TransitGatewayRouteTableId: aws.String(spoke), Filters: []types.Filter{f("transit-gateway-attachment-id", att)}})).Associations
	if len(ga) != 1 || aws.ToString(ga[0].ResourceId) != vpc {
		t.Fatalf("GetTransitGatewayRouteTableAssociations = %+v", ga)
	}
	p := must[*ec2.EnableTransitGatewayRouteTablePropagationOutput](t)(c.EnableTransitGatewayRouteTablePropagation(e.ctx, &ec2.EnableTransitGatewayRouteTablePropagationInput{
		TransitGatewayAttachmentId: aws.String(att), TransitGatewayRouteTableId: aws.String(spoke)})).Propagation
	if p.State != types.TransitGatewayPropagationStateEnabled {
		t.Fatalf("EnableTransitGatewayRouteTablePropagation = %+v", p)
	}
	_, err = c.EnableTransitGatewayRouteTablePropagation(e.ctx, &ec2.EnableTransitGatewayRouteTablePropagationInput{
		TransitGatewayAttachmentId: aws.String(att), TransitGatewayRouteTableId: aws.String(spoke)})
	wantCode(t, err, "TransitGatewayRouteTablePropagation.Duplicate")
	gp := must[*ec2.GetTransitGatewayRouteTablePropagationsOutput](t)(c.GetTransitGatewayRouteTablePropagations(e.ctx, &ec2.GetTransitGatewayRouteTablePropagationsInput{
		TransitGatewayRouteTableId: aws.String(defaults)})).TransitGatewayRouteTablePropagations
	if len(gp) != 1 || aws.ToString(gp[0].TransitGatewayAttachmentId) != att || gp[0].State != types.TransitGatewayPropagationStateEnabled {
		t.Fatalf("GetTransitGatewayRouteTablePropagations = %+v", gp)
	}
	must[*ec2.DisableTransitGatewayRouteTablePropagationOutput](t)(c.DisableTransitGatewayRouteTablePropagation(e.ctx, &ec2.DisableTransitGatewayRouteTablePropagationInput{
		TransitGatewayAttachmentId: aws.String(att), TransitGatewayRouteTableId: aws.String(defaults)}))
	_, err = c.DisableTransitGatewayRouteTablePropagation(e.ctx, &ec2.DisableTransitGatewayRouteTablePropagationInput{
		TransitGatewayAttachmentId: aws.String(att), TransitGatewayRouteTableId: aws.String(defaults)})
	wantCode(t, err, "TransitGatewayRouteTablePropagation.NotFound")

	// Routes.
	r := must[*ec2.CreateTransitGatewayRouteOutput](t)(c.CreateTransitGatewayRoute(e.ctx, &ec2.CreateTransitGatewayRouteInput{
		TransitGatewayRouteTableId: aws.String(spoke), DestinationCidrBlock: aws.String("0.0.0.0/0"), TransitGatewayAttachmentId: aws.String(att)})).Route
	if r.Type != types.TransitGatewayRouteTypeStatic || r.State != types.TransitGatewayRouteStateActive || len(r.TransitGatewayAttachments) != 1 {
		t.Fatalf("CreateTransitGatewayRoute = %+v", r)
	}
	must[*ec2.CreateTransitGatewayRouteOutput](t)(c.CreateTransitGatewayRoute(e.ctx, &ec2.CreateTransitGatewayRouteInput{
		TransitGatewayRouteTableId: aws.String(spoke), DestinationCidrBlock: aws.String("192.168.0.0/16"), Blackhole: aws.Bool(true)}))
	_, err = c.CreateTransitGatewayRoute(e.ctx, &ec2.CreateTransitGatewayRouteInput{
		TransitGatewayRouteTableId: aws.String(spoke), DestinationCidrBlock: aws.String("0.0.0.0/0"), Blackhole: aws.Bool(true)})
	wantCode(t, err, "RouteAlreadyExists")
	_, err = c.CreateTransitGatewayRoute(e.ctx, &ec2.CreateTransitGatewayRouteInput{
		TransitGatewayRouteTableId: aws.String(spoke), DestinationCidrBlock: aws.String("10.0.0.0/8")})
	wantCode(t, err, "MissingParameter")
	search := must[*ec2.SearchTransitGatewayRoutesOutput](t)(c.SearchTransitGatewayRoutes(e.ctx, &ec2.SearchTransitGatewayRoutesInput{
		TransitGatewayRouteTableId: aws.String(spoke), Filters: []types.Filter{f("route-search.longest-prefix-match", "10.20.0.7/32")}}))
	if len(search.Routes) != 1 || aws.ToString(search.Routes[0].DestinationCidrBlock) != "10.20.0.0/16" ||
		search.Routes[0].Type != types.TransitGatewayRouteTypePropagated || aws.ToBool(search.AdditionalRoutesAvailable) {
		t.Fatalf("SearchTransitGatewayRoutes = %+v", search)
	}
	search = must[*ec2.SearchTransitGatewayRoutesOutput](t)(c.SearchTransitGatewayRoutes(e.ctx, &ec2.SearchTransitGatewayRoutesInput{
		TransitGatewayRouteTableId: aws.String(spoke), Filters: []types.Filter{f("type", "static")}, MaxResults: aws.Int32(5)}))
	if len(search.Routes) != 2 || search.Routes[1].State != types.TransitGatewayRouteStateBlackhole {
		t.Fatalf("SearchTransitGatewayRoutes static = %+v", search)
	}
	dr := must[*ec2.DeleteTransitGatewayRouteOutput](t)(c.DeleteTransitGatewayRoute(e.ctx, &ec2.DeleteTransitGatewayRouteInput{
		TransitGatewayRouteTableId: aws.String(spoke), DestinationCidrBlock: aws.String("0.0.0.0/0")})).Route
	if dr.State != types.TransitGatewayRouteStateDeleted {
		t.Fatalf("DeleteTransitGatewayRoute = %+v", dr)
	}
	_, err = c.DeleteTransitGatewayRoute(e.ctx, &ec2.DeleteTransitGatewayRouteInput{
		TransitGatewayRouteTableId: aws.String(spoke), DestinationCidrBlock: aws.String("0.0.0.0/0")})
	wantCode(t, err, "InvalidRoute.NotFound")

	// A VPC route to the gateway, and what its attachment's deletion does.
	main := aws.ToString(must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{f("vpc-id", vpc)}})).RouteTables[0].RouteTableId)
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(main), DestinationCidrBlock: aws.String("172.16.0.0/12"),
		TransitGatewayId: aws.String(gw)}))
	routed := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{f("route.transit-gateway-id", gw)}})).RouteTables
	if len(routed) != 1 {
		t.Fatalf("route tables routing to %s: %+v", gw, routed)
	}

	// Tags on each kind.
	must[*ec2.CreateTagsOutput](t)(c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{gw, spoke, att},
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("net")}}}))
	must[*ec2.DeleteTagsOutput](t)(c.DeleteTags(e.ctx, &ec2.DeleteTagsInput{Resources: []string{gw, spoke, att}, Tags: []types.Tag{{Key: aws.String("team")}}}))
	_, err = c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{"tgw-attach-0123456789abcdef0"}, Tags: []types.Tag{{Key: aws.String("k")}}})
	wantCode(t, err, "InvalidTransitGatewayAttachmentID.NotFound")

	// Deletions and their refusals.
	_, err = c.DeleteTransitGatewayRouteTable(e.ctx, &ec2.DeleteTransitGatewayRouteTableInput{TransitGatewayRouteTableId: aws.String(spoke)})
	wantCode(t, err, "IncorrectState")
	_, err = c.DeleteTransitGateway(e.ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(gw)})
	wantCode(t, err, "IncorrectState")
	da := must[*ec2.DeleteTransitGatewayVpcAttachmentOutput](t)(c.DeleteTransitGatewayVpcAttachment(e.ctx, &ec2.DeleteTransitGatewayVpcAttachmentInput{
		TransitGatewayAttachmentId: aws.String(att)})).TransitGatewayVpcAttachment
	if da.State != types.TransitGatewayAttachmentStateDeleting {
		t.Fatalf("DeleteTransitGatewayVpcAttachment = %+v", da)
	}
	_, err = c.DeleteTransitGatewayVpcAttachment(e.ctx, &ec2.DeleteTransitGatewayVpcAttachmentInput{TransitGatewayAttachmentId: aws.String(att)})
	wantCode(t, err, "InvalidTransitGatewayAttachmentID.NotFound")
	routes := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{main}})).RouteTables[0].Routes
	for _, r := range routes {
		if aws.ToString(r.TransitGatewayId) == gw && r.State != types.RouteStateBlackhole {
			t.Fatalf("route to %s is %s after its attachment went", gw, r.State)
		}
	}
	must[*ec2.DeleteTransitGatewayRouteTableOutput](t)(c.DeleteTransitGatewayRouteTable(e.ctx, &ec2.DeleteTransitGatewayRouteTableInput{TransitGatewayRouteTableId: aws.String(spoke)}))
	must[*ec2.ModifyTransitGatewayOutput](t)(c.ModifyTransitGateway(e.ctx, &ec2.ModifyTransitGatewayInput{TransitGatewayId: aws.String(gw), Description: aws.String("renamed"),
		Options: &types.ModifyTransitGatewayOptions{DnsSupport: types.DnsSupportValueDisable, AddTransitGatewayCidrBlocks: []string{"fd00:1::/64"}}}))
	_, err = c.ModifyTransitGateway(e.ctx, &ec2.ModifyTransitGatewayInput{TransitGatewayId: aws.String(gw), Description: aws.String("again")})
	if err != nil { // the modification settled on this call's way in
		t.Fatalf("second ModifyTransitGateway: %v", err)
	}
	dg := must[*ec2.DescribeTransitGatewaysOutput](t)(c.DescribeTransitGateways(e.ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{gw}})).TransitGateways[0]
	if aws.ToString(dg.Description) != "again" || dg.Options.DnsSupport != types.DnsSupportValueDisable || len(dg.Options.TransitGatewayCidrBlocks) != 2 {
		t.Fatalf("modified gateway %+v", dg)
	}
	must[*ec2.DeleteTransitGatewayOutput](t)(c.DeleteTransitGateway(e.ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(gw)}))
	_, err = c.DeleteTransitGateway(e.ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(gw)})
	wantCode(t, err, "InvalidTransitGatewayID.NotFound")
	// Another account sees nothing of it.
	_, err = e.client("222222222222", "us-east-1").DescribeTransitGateways(e.ctx, &ec2.DescribeTransitGatewaysInput{TransitGatewayIds: []string{gw}})
	wantCode(t, err, "InvalidTransitGatewayID.NotFound")
}

// TestTransitGatewayVPNSDK creates VPN connections on a transit gateway as
// Terraform's aws_vpn_connection does, finds their attachments as it
// finds transit_gateway_attachment_id, and deletes them.
func TestTransitGatewayVPNSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	_, _, gw, defaults := tgwSetup(t, e, c)
	cgw := aws.ToString(must[*ec2.CreateCustomerGatewayOutput](t)(c.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{
		Type: types.GatewayTypeIpsec1, BgpAsn: aws.Int32(65220), IpAddress: aws.String("172.83.124.10")})).CustomerGateway.CustomerGatewayId)
	in := &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: aws.String(cgw), TransitGatewayId: aws.String(gw),
		Options: &types.VpnConnectionOptionsSpecification{TunnelInsideIpVersion: types.TunnelInsideIpVersionIpv6, EnableAcceleration: aws.Bool(true),
			TunnelOptions: []types.VpnTunnelOptionsSpecification{
				{TunnelInsideCidr: aws.String("169.254.44.88/30"), PreSharedKey: aws.String("1234567890abcdefghijklmn")},
				{TunnelInsideCidr: aws.String("169.254.44.100/30"), PreSharedKey: aws.String("abcdefghijklmn1234567890")}}}}
	v := must[*ec2.CreateVpnConnectionOutput](t)(c.CreateVpnConnection(e.ctx, in)).VpnConnection
	id := aws.ToString(v.VpnConnectionId)
	if aws.ToString(v.TransitGatewayId) != gw || !aws.ToBool(v.Options.EnableAcceleration) || v.Options.TunnelInsideIpVersion != types.TunnelInsideIpVersionIpv6 ||
		aws.ToString(v.Options.TunnelOptions[0].TunnelInsideCidr) != "169.254.44.88/30" ||
		!strings.HasPrefix(aws.ToString(v.Options.TunnelOptions[0].TunnelInsideIpv6Cidr), "fd") {
		t.Fatalf("CreateVpnConnection = %+v %+v", v, v.Options.TunnelOptions)
	}
	byVPN := &ec2.DescribeTransitGatewayAttachmentsInput{Filters: []types.Filter{
		{Name: aws.String("resource-id"), Values: []string{id}}, {Name: aws.String("resource-type"), Values: []string{"vpn"}},
		{Name: aws.String("transit-gateway-id"), Values: []string{gw}}}}
	as := must[*ec2.DescribeTransitGatewayAttachmentsOutput](t)(c.DescribeTransitGatewayAttachments(e.ctx, byVPN)).TransitGatewayAttachments
	if len(as) != 1 || as[0].ResourceType != types.TransitGatewayAttachmentResourceTypeVpn || as[0].Association == nil ||
		aws.ToString(as[0].Association.TransitGatewayRouteTableId) != defaults {
		t.Fatalf("VPN attachment = %+v", as)
	}
	att := aws.ToString(as[0].TransitGatewayAttachmentId)
	// As aws_ec2_tag tags it.
	must[*ec2.CreateTagsOutput](t)(c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{att}, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("vpn")}}}))
	// Refusals: unknown gateway, acceleration without a transit gateway, a
	// VPN attachment deleted as a VPC one, the gateway deleted under it,
	// the connection moved to a transit gateway.
	bad := *in
	bad.TransitGatewayId = aws.String("tgw-0123456789abcdef0")
	_, err := c.CreateVpnConnection(e.ctx, &bad)
	wantCode(t, err, "InvalidTransitGatewayID.NotFound")
	vgw := aws.ToString(must[*ec2.CreateVpnGatewayOutput](t)(c.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})).VpnGateway.VpnGatewayId)
	e.advance(0)
	_, err = c.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: aws.String(cgw), VpnGatewayId: aws.String(vgw),
		Options: &types.VpnConnectionOptionsSpecification{EnableAcceleration: aws.Bool(true)}})
	wantCode(t, err, "InvalidParameterCombination")
	_, err = c.DeleteTransitGatewayVpcAttachment(e.ctx, &ec2.DeleteTransitGatewayVpcAttachmentInput{TransitGatewayAttachmentId: aws.String(att)})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DeleteTransitGateway(e.ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(gw)})
	wantCode(t, err, "IncorrectState")
	_, err = c.ModifyVpnConnection(e.ctx, &ec2.ModifyVpnConnectionInput{VpnConnectionId: aws.String(id), TransitGatewayId: aws.String(gw)})
	wantCode(t, err, "UnsupportedOperation")

	must[*ec2.DeleteVpnConnectionOutput](t)(c.DeleteVpnConnection(e.ctx, &ec2.DeleteVpnConnectionInput{VpnConnectionId: aws.String(id)}))
	as = must[*ec2.DescribeTransitGatewayAttachmentsOutput](t)(c.DescribeTransitGatewayAttachments(e.ctx, byVPN)).TransitGatewayAttachments
	if len(as) != 1 || as[0].State != types.TransitGatewayAttachmentStateDeleted {
		t.Fatalf("VPN attachment after deletion = %+v", as)
	}
	must[*ec2.DeleteTransitGatewayOutput](t)(c.DeleteTransitGateway(e.ctx, &ec2.DeleteTransitGatewayInput{TransitGatewayId: aws.String(gw)}))
}
