package ec2emu_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestVPCEndpointServicesSDK reads the endpoint service catalogue and the
// managed prefix lists through the SDK, as Terraform's
// aws_vpc_endpoint_service and aws_vpc_endpoint read them.
func TestVPCEndpointServicesSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	s3 := "com.amazonaws.us-east-1.s3"
	o := must[*ec2.DescribeVpcEndpointServicesOutput](t)(c.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{
		ServiceNames: []string{s3}, Filters: []types.Filter{{Name: aws.String("service-type"), Values: []string{"Interface"}}}}))
	if len(o.ServiceDetails) != 1 || !slices.Equal(o.ServiceNames, []string{s3}) {
		t.Fatalf("DescribeVpcEndpointServices = %+v", o)
	}
	d := o.ServiceDetails[0]
	if aws.ToString(d.ServiceName) != s3 || len(d.ServiceType) != 1 || d.ServiceType[0].ServiceType != types.ServiceTypeInterface ||
		aws.ToString(d.Owner) != "amazon" || aws.ToBool(d.AcceptanceRequired) || !aws.ToBool(d.VpcEndpointPolicySupported) ||
		len(d.AvailabilityZones) != 6 || aws.ToString(d.PrivateDnsName) != "*.s3.us-east-1.amazonaws.com" ||
		!slices.Equal(d.BaseEndpointDnsNames, []string{"s3.us-east-1.vpce.amazonaws.com"}) ||
		!strings.HasPrefix(aws.ToString(d.ServiceId), "vpce-svc-") || len(d.SupportedIpAddressTypes) != 1 {
		t.Fatalf("service detail = %+v", d)
	}
	g := must[*ec2.DescribeVpcEndpointServicesOutput](t)(c.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{
		Filters: []types.Filter{{Name: aws.String("service-name"), Values: []string{"com.amazonaws.us-east-1.dynamodb"}},
			{Name: aws.String("service-type"), Values: []string{"Gateway"}}}}))
	if len(g.ServiceDetails) != 1 || aws.ToString(g.ServiceDetails[0].PrivateDnsName) != "" {
		t.Fatalf("dynamodb gateway = %+v", g)
	}
	_, err := c.DescribeVpcEndpointServices(e.ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{"com.amazonaws.us-east-1.nothing"}})
	wantCode(t, err, "InvalidServiceName")

	pl := must[*ec2.DescribePrefixListsOutput](t)(c.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{
		Filters: []types.Filter{{Name: aws.String("prefix-list-name"), Values: []string{s3}}}})).PrefixLists
	if len(pl) != 1 || !strings.HasPrefix(aws.ToString(pl[0].PrefixListId), "pl-") || len(pl[0].Cidrs) != 3 {
		t.Fatalf("DescribePrefixLists = %+v", pl)
	}
	byID := must[*ec2.DescribePrefixListsOutput](t)(c.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{PrefixListIds: []string{aws.ToString(pl[0].PrefixListId)}})).PrefixLists
	if len(byID) != 1 || aws.ToString(byID[0].PrefixListName) != s3 {
		t.Fatalf("DescribePrefixLists by ID = %+v", byID)
	}
	_, err = c.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{PrefixListIds: []string{"pl-00000000"}})
	wantCode(t, err, "InvalidPrefixListID.NotFound")
}

// TestVPCEndpointsSDK drives gateway and interface endpoints through the
// SDK: creation, the routes of a gateway endpoint, the interfaces of an
// interface endpoint, modification, deletion, and each refusal.
func TestVPCEndpointsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	vpc := e.newVPC(c, "10.0.0.0/16")
	rtb := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &vpc})).RouteTable.RouteTableId)
	rtb2 := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &vpc})).RouteTable.RouteTableId)
	subnet := func(block, az string) string {
		return aws.ToString(must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &vpc, CidrBlock: aws.String(block),
			AvailabilityZone: aws.String(az)})).Subnet.SubnetId)
	}
	subA, subA2, subB := subnet("10.0.1.0/24", "us-east-1a"), subnet("10.0.2.0/24", "us-east-1a"), subnet("10.0.3.0/24", "us-east-1b")
	sg := aws.ToString(must[*ec2.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{VpcId: &vpc,
		GroupName: aws.String("endpoints"), Description: aws.String("endpoints")})).GroupId)

	// Gateway: s3 with two route tables and a policy.
	policy := `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Principal":"*","Resource":"*"}],"Version":"2012-10-17"}`
	gw := must[*ec2.CreateVpcEndpointOutput](t)(c.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &vpc,
		ServiceName: aws.String("com.amazonaws.us-east-1.s3"), VpcEndpointType: types.VpcEndpointTypeGateway, RouteTableIds: []string{rtb, rtb2},
		PolicyDocument: &policy, ClientToken: aws.String("gw-token"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpcEndpoint, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("s3")}}}}})).VpcEndpoint
	gid := aws.ToString(gw.VpcEndpointId)
	if gw.State != "pending" || gw.VpcEndpointType != types.VpcEndpointTypeGateway || aws.ToString(gw.PolicyDocument) != policy ||
		len(gw.RouteTableIds) != 2 || aws.ToString(gw.OwnerId) != alice || gw.CreationTimestamp == nil {
		t.Fatalf("CreateVpcEndpoint = %+v", gw)
	}
	got := must[*ec2.DescribeVpcEndpointsOutput](t)(c.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpc}}, {Name: aws.String("vpc-endpoint-state"), Values: []string{"available"}},
		{Name: aws.String("tag:Name"), Values: []string{"s3"}}, {Name: aws.String("vpc-endpoint-type"), Values: []string{"Gateway"}}}})).VpcEndpoints
	if len(got) != 1 || aws.ToString(got[0].VpcEndpointId) != gid {
		t.Fatalf("DescribeVpcEndpoints = %+v", got)
	}
	pl := must[*ec2.DescribePrefixListsOutput](t)(c.DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{
		Filters: []types.Filter{{Name: aws.String("prefix-list-name"), Values: []string{"com.amazonaws.us-east-1.s3"}}}})).PrefixLists[0]
	routes := func(id string) []types.Route {
		var out []types.Route
		for _, r := range must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{id}})).RouteTables[0].Routes {
			if r.DestinationPrefixListId != nil {
				out = append(out, r)
			}
		}
		return out
	}
	if r := routes(rtb); len(r) != 1 || aws.ToString(r[0].DestinationPrefixListId) != aws.ToString(pl.PrefixListId) ||
		aws.ToString(r[0].GatewayId) != gid || r[0].State != types.RouteStateActive || r[0].Origin != types.RouteOriginCreateRoute {
		t.Fatalf("routes of %s = %+v", rtb, r)
	}
	_, err := c.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: aws.String("com.amazonaws.us-east-1.s3"), RouteTableIds: []string{rtb}})
	wantCode(t, err, "RouteAlreadyExists")
	must[*ec2.ModifyVpcEndpointOutput](t)(c.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &gid, RemoveRouteTableIds: []string{rtb2}, ResetPolicy: aws.Bool(true)}))
	if r := routes(rtb2); len(r) != 0 {
		t.Fatalf("routes of %s after removal = %+v", rtb2, r)
	}

	// Interface: private DNS needs the VPC's DNS hostnames.
	ifIn := &ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface,
		SubnetIds: []string{subA, subB}, SecurityGroupIds: []string{sg}, PrivateDnsEnabled: aws.Bool(true),
		SubnetConfigurations: []types.SubnetConfiguration{{SubnetId: &subB, Ipv4: aws.String("10.0.3.10")}}}
	_, err = c.CreateVpcEndpoint(e.ctx, ifIn)
	wantCode(t, err, "InvalidParameter")
	must[*ec2.ModifyVpcAttributeOutput](t)(c.ModifyVpcAttribute(e.ctx, &ec2.ModifyVpcAttributeInput{VpcId: &vpc, EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}}))
	_, err = c.CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: aws.String("com.amazonaws.us-east-1.ssm"),
		VpcEndpointType: types.VpcEndpointTypeInterface, SubnetIds: []string{subA, subA2}})
	wantCode(t, err, "DuplicateSubnetsInSameZone")
	ifc := must[*ec2.CreateVpcEndpointOutput](t)(c.CreateVpcEndpoint(e.ctx, ifIn)).VpcEndpoint
	iid := aws.ToString(ifc.VpcEndpointId)
	if !aws.ToBool(ifc.PrivateDnsEnabled) || len(ifc.NetworkInterfaceIds) != 2 || len(ifc.Groups) != 1 || aws.ToString(ifc.Groups[0].GroupId) != sg ||
		aws.ToString(ifc.Groups[0].GroupName) != "endpoints" || ifc.DnsOptions == nil || ifc.DnsOptions.DnsRecordIpType != types.DnsRecordIpTypeIpv4 ||
		ifc.IpAddressType != types.IpAddressTypeIpv4 || len(ifc.DnsEntries) != 4 {
		t.Fatalf("interface endpoint = %+v", ifc)
	}
	enis := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{
		NetworkInterfaceIds: ifc.NetworkInterfaceIds})).NetworkInterfaces
	for _, i := range enis {
		if i.InterfaceType != types.NetworkInterfaceTypeVpcEndpoint || !aws.ToBool(i.RequesterManaged) || i.Status != types.NetworkInterfaceStatusInUse {
			t.Fatalf("endpoint interface = %+v", i)
		}
		if aws.ToString(i.SubnetId) == subB && aws.ToString(i.PrivateIpAddress) != "10.0.3.10" {
			t.Fatalf("configured address = %s", aws.ToString(i.PrivateIpAddress))
		}
	}
	_, err = c.DeleteNetworkInterface(e.ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: aws.String(ifc.NetworkInterfaceIds[0])})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: &sg})
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &vpc})
	wantCode(t, err, "DependencyViolation")

	// Modify: move the 1a interface, change the policy.
	doc, _ := json.Marshal(map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Principal": "*", "Action": "ssm:*", "Resource": "*"}}})
	must[*ec2.ModifyVpcEndpointOutput](t)(c.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &iid,
		RemoveSubnetIds: []string{subA}, AddSubnetIds: []string{subA2}, PolicyDocument: aws.String(string(doc))}))
	m := must[*ec2.DescribeVpcEndpointsOutput](t)(c.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{iid}})).VpcEndpoints[0]
	if !slices.Contains(m.SubnetIds, subA2) || slices.Contains(m.SubnetIds, subA) || aws.ToString(m.PolicyDocument) != string(doc) {
		t.Fatalf("after modify: %+v", m)
	}
	_, err = c.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &iid, PolicyDocument: aws.String("{")})
	wantCode(t, err, "MalformedPolicy")
	_, err = c.ModifyVpcEndpoint(e.ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0123456789abcdef0")})
	wantCode(t, err, "InvalidVpcEndpointId.NotFound")

	// Refusals of creation.
	for _, tt := range []struct {
		in   *ec2.CreateVpcEndpointInput
		code string
	}{
		{&ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: aws.String("com.amazonaws.us-east-1.nothing")}, "InvalidServiceName"},
		{&ec2.CreateVpcEndpointInput{VpcId: aws.String("vpc-0123456789abcdef0"), ServiceName: aws.String("com.amazonaws.us-east-1.s3")}, "InvalidVpcID.NotFound"},
		{&ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: aws.String("com.amazonaws.us-east-1.dynamodb"), PolicyDocument: aws.String("nope")}, "MalformedPolicy"},
		{&ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: aws.String("com.amazonaws.us-east-1.dynamodb"), RouteTableIds: []string{"rtb-0123456789abcdef0"}}, "InvalidRouteTableID.NotFound"},
		{&ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: aws.String("com.amazonaws.us-east-1.kms"), VpcEndpointType: types.VpcEndpointTypeInterface,
			SecurityGroupIds: []string{"sg-0123456789abcdef0"}}, "InvalidGroup.NotFound"},
	} {
		_, err := c.CreateVpcEndpoint(e.ctx, tt.in)
		wantCode(t, err, tt.code)
	}

	// Deletion: one unknown ID is answered as unsuccessful, the others go.
	d := must[*ec2.DeleteVpcEndpointsOutput](t)(c.DeleteVpcEndpoints(e.ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{gid, iid, "vpce-0123456789abcdef0"}}))
	if len(d.Unsuccessful) != 1 || aws.ToString(d.Unsuccessful[0].ResourceId) != "vpce-0123456789abcdef0" ||
		aws.ToString(d.Unsuccessful[0].Error.Code) != "InvalidVpcEndpoint.NotFound" {
		t.Fatalf("DeleteVpcEndpoints = %+v", d)
	}
	left := must[*ec2.DescribeVpcEndpointsOutput](t)(c.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{})).VpcEndpoints
	for _, x := range left {
		if x.State != "deleted" {
			t.Fatalf("after deletion: %+v", x)
		}
	}
	if n := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{})).NetworkInterfaces; len(n) != 0 {
		t.Fatalf("interfaces left: %+v", n)
	}
	for _, s := range []string{subA, subA2, subB} {
		must[*ec2.DeleteSubnetOutput](t)(c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(s)}))
	}
	must[*ec2.DeleteSecurityGroupOutput](t)(c.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: &sg}))
	for _, r := range []string{rtb, rtb2} {
		must[*ec2.DeleteRouteTableOutput](t)(c.DeleteRouteTable(e.ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(r)}))
	}
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &vpc}))
}
