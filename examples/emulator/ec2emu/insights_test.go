package ec2emu_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestNetworkInsightsSDK asks, through the SDK, whether a web server in one
// VPC reaches a database in a peered one: the first analysis names the
// missing route back, and after the route is added a second one finds the
// path, with its components both ways.
func TestNetworkInsightsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	vpc := func(block, subnet, ip string) (string, string, string) {
		v := e.newVPC(c, block)
		s := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &v, CidrBlock: aws.String(subnet)})).Subnet.SubnetId
		g := must[*ec2.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{VpcId: &v,
			GroupName: aws.String("app"), Description: aws.String("app")})).GroupId
		n := must[*ec2.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: s,
			PrivateIpAddress: aws.String(ip), Groups: []string{aws.ToString(g)}})).NetworkInterface.NetworkInterfaceId
		rt := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{v}}}})).RouteTables[0].RouteTableId
		return v, aws.ToString(n), aws.ToString(rt) + " " + aws.ToString(g)
	}
	webVPC, web, webRest := vpc("10.0.0.0/16", "10.0.1.0/24", "10.0.1.10")
	dbVPC, db, dbRest := vpc("10.1.0.0/16", "10.1.1.0/24", "10.1.1.20")
	webRT := strings.Fields(webRest)[0]
	dbRT, dbGroup := strings.Fields(dbRest)[0], strings.Fields(dbRest)[1]
	must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(c.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &dbGroup,
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
			IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}}}}))
	pcx := must[*ec2.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{
		VpcId: &webVPC, PeerVpcId: &dbVPC})).VpcPeeringConnection.VpcPeeringConnectionId
	must[*ec2.AcceptVpcPeeringConnectionOutput](t)(c.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: pcx}))
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &webRT, DestinationCidrBlock: aws.String("10.1.0.0/16"), VpcPeeringConnectionId: pcx}))

	_, err := c.CreateNetworkInsightsPath(e.ctx, &ec2.CreateNetworkInsightsPathInput{ClientToken: aws.String("p"), Source: &web,
		Destination: &db, Protocol: types.ProtocolTcp, DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")
	path := must[*ec2.CreateNetworkInsightsPathOutput](t)(c.CreateNetworkInsightsPath(e.ctx, &ec2.CreateNetworkInsightsPathInput{
		ClientToken: aws.String("p"), Source: &web, Destination: &db, Protocol: types.ProtocolTcp, DestinationPort: aws.Int32(5432),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeNetworkInsightsPath, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("web-db")}}}}})).NetworkInsightsPath
	pathID := aws.ToString(path.NetworkInsightsPathId)
	if path.Protocol != types.ProtocolTcp || aws.ToInt32(path.DestinationPort) != 5432 || path.CreatedDate == nil ||
		!strings.HasSuffix(aws.ToString(path.SourceArn), ":network-interface/"+web) || len(path.Tags) != 1 {
		t.Fatalf("CreateNetworkInsightsPath = %+v", path)
	}
	analyse := func(token string) types.NetworkInsightsAnalysis {
		t.Helper()
		a := must[*ec2.StartNetworkInsightsAnalysisOutput](t)(c.StartNetworkInsightsAnalysis(e.ctx, &ec2.StartNetworkInsightsAnalysisInput{
			NetworkInsightsPathId: &pathID, ClientToken: aws.String(token)})).NetworkInsightsAnalysis
		if a.Status != types.AnalysisStatusRunning || a.NetworkPathFound != nil {
			t.Fatalf("StartNetworkInsightsAnalysis = %+v", a)
		}
		d := must[*ec2.DescribeNetworkInsightsAnalysesOutput](t)(c.DescribeNetworkInsightsAnalyses(e.ctx, &ec2.DescribeNetworkInsightsAnalysesInput{
			NetworkInsightsAnalysisIds: []string{aws.ToString(a.NetworkInsightsAnalysisId)}}))
		return d.NetworkInsightsAnalyses[0]
	}
	a := analyse("a1")
	if a.Status != types.AnalysisStatusSucceeded || aws.ToBool(a.NetworkPathFound) || len(a.Explanations) != 1 {
		t.Fatalf("first analysis = %+v", a)
	}
	x := a.Explanations[0]
	if aws.ToString(x.ExplanationCode) != "NO_ROUTE_TO_DESTINATION" || x.RouteTable == nil || aws.ToString(x.RouteTable.Id) != dbRT ||
		x.Address == nil || aws.ToString(x.Address) != "10.0.1.10" {
		t.Fatalf("explanation = %+v", x)
	}
	if n := len(a.ForwardPathComponents); n != 8 || a.ForwardPathComponents[3].RouteTableRoute == nil ||
		aws.ToString(a.ForwardPathComponents[3].RouteTableRoute.VpcPeeringConnectionId) != aws.ToString(pcx) ||
		a.ForwardPathComponents[6].SecurityGroupRule == nil || aws.ToInt32(a.ForwardPathComponents[6].SecurityGroupRule.PortRange.From) != 5432 ||
		a.ForwardPathComponents[2].AclRule == nil || aws.ToInt32(a.ForwardPathComponents[2].AclRule.RuleNumber) != 100 ||
		a.ForwardPathComponents[0].OutboundHeader == nil || a.ForwardPathComponents[0].OutboundHeader.SourceAddresses[0] != "10.0.1.10/32" {
		t.Fatalf("forward components = %+v", a.ForwardPathComponents)
	}

	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &dbRT, DestinationCidrBlock: aws.String("10.0.0.0/16"), VpcPeeringConnectionId: pcx}))
	b := analyse("a2")
	if !aws.ToBool(b.NetworkPathFound) || len(b.Explanations) != 0 || len(b.ReturnPathComponents) != 6 ||
		aws.ToInt32(b.ReturnPathComponents[0].SequenceNumber) != 1 || aws.ToString(b.ReturnPathComponents[0].Component.Id) != db {
		t.Fatalf("second analysis = %+v", b)
	}
	found := must[*ec2.DescribeNetworkInsightsAnalysesOutput](t)(c.DescribeNetworkInsightsAnalyses(e.ctx, &ec2.DescribeNetworkInsightsAnalysesInput{
		NetworkInsightsPathId: &pathID, Filters: []types.Filter{{Name: aws.String("path-found"), Values: []string{"true"}}}}))
	if len(found.NetworkInsightsAnalyses) != 1 {
		t.Fatalf("path-found filter: %+v", found.NetworkInsightsAnalyses)
	}
	paths := must[*ec2.DescribeNetworkInsightsPathsOutput](t)(c.DescribeNetworkInsightsPaths(e.ctx, &ec2.DescribeNetworkInsightsPathsInput{
		Filters: []types.Filter{{Name: aws.String("source"), Values: []string{web}}}}))
	if len(paths.NetworkInsightsPaths) != 1 {
		t.Fatalf("DescribeNetworkInsightsPaths = %+v", paths.NetworkInsightsPaths)
	}
	_, err = c.DeleteNetworkInsightsPath(e.ctx, &ec2.DeleteNetworkInsightsPathInput{NetworkInsightsPathId: &pathID})
	wantCode(t, err, "AnalysisExistsForNetworkInsightsPath")
	for _, an := range []types.NetworkInsightsAnalysis{a, b} {
		o := must[*ec2.DeleteNetworkInsightsAnalysisOutput](t)(c.DeleteNetworkInsightsAnalysis(e.ctx, &ec2.DeleteNetworkInsightsAnalysisInput{
			NetworkInsightsAnalysisId: an.NetworkInsightsAnalysisId}))
		if aws.ToString(o.NetworkInsightsAnalysisId) != aws.ToString(an.NetworkInsightsAnalysisId) {
			t.Fatalf("DeleteNetworkInsightsAnalysis = %+v", o)
		}
	}
	o := must[*ec2.DeleteNetworkInsightsPathOutput](t)(c.DeleteNetworkInsightsPath(e.ctx, &ec2.DeleteNetworkInsightsPathInput{NetworkInsightsPathId: &pathID}))
	if aws.ToString(o.NetworkInsightsPathId) != pathID {
		t.Fatalf("DeleteNetworkInsightsPath = %+v", o)
	}
	_, err = c.DescribeNetworkInsightsPaths(e.ctx, &ec2.DescribeNetworkInsightsPathsInput{NetworkInsightsPathIds: []string{pathID}})
	wantCode(t, err, "InvalidNetworkInsightsPathId.NotFound")
}
