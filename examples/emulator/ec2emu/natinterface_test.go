package ec2emu_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestNATGatewayInterfaceSDK checks a NAT gateway's own network interface
// through the SDK: DescribeNetworkInterfaces lists it, requester-managed,
// with the gateway's addresses; the user can neither modify nor delete it;
// it goes with the gateway.
func TestNATGatewayInterfaceSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	s := newNATSetup(t, e, c)
	must[*ec2.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(e.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &s.igw, VpcId: &s.vpc}))
	n := must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc}))
	id := aws.ToString(n.NatGateway.NatGatewayId)
	g := must[*ec2.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}})).NatGateways[0]
	if g.State != types.NatGatewayStateAvailable || len(g.NatGatewayAddresses) != 1 {
		t.Fatalf("gateway = %+v", g)
	}
	a := g.NatGatewayAddresses[0]
	eniID := aws.ToString(a.NetworkInterfaceId)

	// Listed with the others, and by ID, subnet and type.
	all := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{})).NetworkInterfaces
	byID := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eniID}})).NetworkInterfaces
	bySubnet := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{Filters: []types.Filter{
		{Name: aws.String("subnet-id"), Values: []string{s.subnet}}, {Name: aws.String("interface-type"), Values: []string{"nat_gateway"}},
		{Name: aws.String("requester-managed"), Values: []string{"true"}}}})).NetworkInterfaces
	if len(all) != 1 || len(byID) != 1 || len(bySubnet) != 1 {
		t.Fatalf("listed %d, by ID %d, by subnet and type %d", len(all), len(byID), len(bySubnet))
	}
	i := byID[0]
	if aws.ToString(i.NetworkInterfaceId) != eniID || i.InterfaceType != types.NetworkInterfaceType("nat_gateway") || !aws.ToBool(i.RequesterManaged) ||
		aws.ToString(i.SubnetId) != s.subnet || aws.ToString(i.VpcId) != s.vpc || aws.ToString(i.PrivateIpAddress) != aws.ToString(a.PrivateIp) ||
		aws.ToString(i.Description) != "Interface for NAT Gateway "+id || len(i.Groups) != 0 || aws.ToBool(i.SourceDestCheck) ||
		i.Status != types.NetworkInterfaceStatusInUse {
		t.Fatalf("NAT gateway interface = %+v", i)
	}
	if i.Association == nil || aws.ToString(i.Association.PublicIp) != aws.ToString(a.PublicIp) || aws.ToString(i.Association.AllocationId) != s.alloc ||
		aws.ToString(i.Association.AssociationId) != aws.ToString(a.AssociationId) {
		t.Fatalf("association = %+v", i.Association)
	}
	// Another interface of the subnet keeps clear of the gateway's address.
	other := must[*ec2.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: &s.subnet})).NetworkInterface
	if aws.ToString(other.PrivateIpAddress) == aws.ToString(a.PrivateIp) {
		t.Fatalf("a new interface took the gateway's address %s", aws.ToString(a.PrivateIp))
	}
	_, err := c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: &s.subnet, PrivateIpAddress: a.PrivateIp})
	wantCode(t, err, "InvalidIPAddress.InUse")

	// The user manages none of it.
	_, err = c.DeleteNetworkInterface(e.ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: &eniID})
	wantCode(t, err, "InvalidParameterValue")
	if err == nil || !strings.Contains(err.Error(), "currently in use") {
		t.Fatalf("DeleteNetworkInterface = %v", err)
	}
	_, err = c.ModifyNetworkInterfaceAttribute(e.ctx, &ec2.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceId: &eniID,
		SourceDestCheck: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
	wantCode(t, err, "OperationNotPermitted")

	// Deleted, the gateway gives its interface up.
	must[*ec2.DeleteNatGatewayOutput](t)(c.DeleteNatGateway(e.ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: &id}))
	must[*ec2.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}}))
	left := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{})).NetworkInterfaces
	if len(left) != 1 || aws.ToString(left[0].NetworkInterfaceId) != aws.ToString(other.NetworkInterfaceId) {
		t.Fatalf("after deletion: %d interfaces", len(left))
	}
	_, err = c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eniID}})
	wantCode(t, err, "InvalidNetworkInterfaceID.NotFound")
}

// TestNetworkInsightsNATSDK analyses, through the SDK, a private subnet's
// path to the internet through a NAT gateway: found through the gateway;
// blocked by VPC Block Public Access; then, the gateway deleted, a
// blackhole route and the gateway named.
func TestNetworkInsightsNATSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	s := newNATSetup(t, e, c)
	must[*ec2.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(e.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &s.igw, VpcId: &s.vpc}))
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &s.rtb, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: &s.igw}))
	nat := must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc})).NatGateway.NatGatewayId
	priv := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &s.vpc, CidrBlock: aws.String("10.0.2.0/24")})).Subnet.SubnetId
	rt := must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &s.vpc})).RouteTable.RouteTableId
	must[*ec2.AssociateRouteTableOutput](t)(c.AssociateRouteTable(e.ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt, SubnetId: priv}))
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: rt, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: nat}))
	app := must[*ec2.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: priv})).NetworkInterface.NetworkInterfaceId
	path := must[*ec2.CreateNetworkInsightsPathOutput](t)(c.CreateNetworkInsightsPath(e.ctx, &ec2.CreateNetworkInsightsPathInput{ClientToken: aws.String("p"),
		Source: app, Destination: &s.igw, DestinationIp: aws.String("8.8.8.8"), Protocol: types.ProtocolTcp, DestinationPort: aws.Int32(443)})).NetworkInsightsPath
	analyse := func(token string) types.NetworkInsightsAnalysis {
		t.Helper()
		a := must[*ec2.StartNetworkInsightsAnalysisOutput](t)(c.StartNetworkInsightsAnalysis(e.ctx, &ec2.StartNetworkInsightsAnalysisInput{
			NetworkInsightsPathId: path.NetworkInsightsPathId, ClientToken: aws.String(token)})).NetworkInsightsAnalysis
		return must[*ec2.DescribeNetworkInsightsAnalysesOutput](t)(c.DescribeNetworkInsightsAnalyses(e.ctx, &ec2.DescribeNetworkInsightsAnalysesInput{
			NetworkInsightsAnalysisIds: []string{aws.ToString(a.NetworkInsightsAnalysisId)}})).NetworkInsightsAnalyses[0]
	}
	through := func(pcs []types.PathComponent) bool {
		for _, pc := range pcs {
			if pc.Component != nil && aws.ToString(pc.Component.Id) == aws.ToString(nat) && strings.Contains(aws.ToString(pc.Component.Arn), ":natgateway/") {
				return true
			}
		}
		return false
	}
	if a := analyse("a1"); !aws.ToBool(a.NetworkPathFound) || !through(a.ForwardPathComponents) || !through(a.ReturnPathComponents) {
		t.Fatalf("through the NAT gateway: %+v", a)
	}
	must[*ec2.ModifyVpcBlockPublicAccessOptionsOutput](t)(c.ModifyVpcBlockPublicAccessOptions(e.ctx, &ec2.ModifyVpcBlockPublicAccessOptionsInput{
		InternetGatewayBlockMode: types.InternetGatewayBlockModeBlockBidirectional}))
	if a := analyse("a2"); aws.ToBool(a.NetworkPathFound) || len(a.Explanations) == 0 ||
		aws.ToString(a.Explanations[0].ExplanationCode) != "VPC_BLOCK_PUBLIC_ACCESS_ENABLED" || a.Explanations[0].InternetGateway == nil {
		t.Fatalf("blocked by Block Public Access: %+v", a)
	}
	must[*ec2.ModifyVpcBlockPublicAccessOptionsOutput](t)(c.ModifyVpcBlockPublicAccessOptions(e.ctx, &ec2.ModifyVpcBlockPublicAccessOptionsInput{
		InternetGatewayBlockMode: types.InternetGatewayBlockModeOff}))
	must[*ec2.DeleteNatGatewayOutput](t)(c.DeleteNatGateway(e.ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: nat}))
	a := analyse("a3")
	if aws.ToBool(a.NetworkPathFound) || len(a.Explanations) != 2 || aws.ToString(a.Explanations[0].ExplanationCode) != "BAD_STATE_ROUTE" ||
		aws.ToString(a.Explanations[1].ExplanationCode) != "BAD_STATE" || a.Explanations[1].NatGateway == nil ||
		aws.ToString(a.Explanations[1].NatGateway.Id) != aws.ToString(nat) {
		t.Fatalf("deleted NAT gateway: %+v", a)
	}
}
