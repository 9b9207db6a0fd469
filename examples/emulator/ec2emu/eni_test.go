package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestNetworkInterfacesSDK drives the network interface actions through
// the SDK: each member of the NetworkInterface shape the SDK parses, the
// filters, the one-attribute modification and the refusals, as a program
// would meet them.
func TestNetworkInterfacesSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "eu-west-1")
	v := e.newVPC(c, "10.0.0.0/16")
	s := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &v, CidrBlock: aws.String("10.0.1.0/24")})).Subnet
	g := must[*ec2.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{VpcId: &v,
		GroupName: aws.String("web"), Description: aws.String("web")})).GroupId

	_, err := c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: s.SubnetId, DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")
	o := must[*ec2.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: s.SubnetId,
		Description: aws.String("app"), PrivateIpAddress: aws.String("10.0.1.10"), Groups: []string{aws.ToString(g)},
		ClientToken: aws.String("t-1"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeNetworkInterface,
			Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("app")}}}}}))
	n := o.NetworkInterface
	id := aws.ToString(n.NetworkInterfaceId)
	if aws.ToString(n.PrivateIpAddress) != "10.0.1.10" || aws.ToString(n.PrivateDnsName) != "ip-10-0-1-10.eu-west-1.compute.internal" ||
		len(n.Groups) != 1 || aws.ToString(n.Groups[0].GroupName) != "web" || n.Status != types.NetworkInterfaceStatusAvailable ||
		n.InterfaceType != types.NetworkInterfaceTypeInterface || !aws.ToBool(n.SourceDestCheck) || aws.ToString(n.VpcId) != v ||
		aws.ToString(n.SubnetId) != aws.ToString(s.SubnetId) || aws.ToString(n.AvailabilityZone) != aws.ToString(s.AvailabilityZone) ||
		len(n.PrivateIpAddresses) != 1 || !aws.ToBool(n.PrivateIpAddresses[0].Primary) || len(n.TagSet) != 1 ||
		aws.ToString(n.OwnerId) != alice || aws.ToString(n.MacAddress) == "" || n.Association != nil || aws.ToString(o.ClientToken) != "t-1" {
		t.Fatalf("CreateNetworkInterface = %+v", n)
	}
	second := must[*ec2.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: s.SubnetId})).NetworkInterface
	if aws.ToString(second.PrivateIpAddress) != "10.0.1.4" || aws.ToString(second.Groups[0].GroupName) != "default" {
		t.Fatalf("second interface = %+v", second)
	}
	_, err = c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: s.SubnetId, PrivateIpAddress: aws.String("10.0.1.10")})
	wantCode(t, err, "InvalidIPAddress.InUse")
	_, err = c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: s.SubnetId, PrivateIpAddress: aws.String("10.0.1.255")})
	wantCode(t, err, "InvalidParameterValue")
	if d := must[*ec2.DescribeSubnetsOutput](t)(c.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{aws.ToString(s.SubnetId)}})); aws.ToInt32(d.Subnets[0].AvailableIpAddressCount) != 249 {
		t.Fatalf("AvailableIpAddressCount = %d, want 249", aws.ToInt32(d.Subnets[0].AvailableIpAddressCount))
	}

	d := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{Filters: []types.Filter{
		{Name: aws.String("group-name"), Values: []string{"web"}}, {Name: aws.String("tag:Name"), Values: []string{"app"}}}}))
	if len(d.NetworkInterfaces) != 1 || aws.ToString(d.NetworkInterfaces[0].NetworkInterfaceId) != id {
		t.Fatalf("DescribeNetworkInterfaces = %+v", d.NetworkInterfaces)
	}
	p := ec2.NewDescribeNetworkInterfacesPaginator(c, &ec2.DescribeNetworkInterfacesInput{MaxResults: aws.Int32(5)})
	seen := 0
	for p.HasMorePages() {
		seen += len(must[*ec2.DescribeNetworkInterfacesOutput](t)(p.NextPage(e.ctx)).NetworkInterfaces)
	}
	if seen != 2 {
		t.Fatalf("paginated DescribeNetworkInterfaces saw %d", seen)
	}

	_, err = c.ModifyNetworkInterfaceAttribute(e.ctx, &ec2.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceId: &id,
		SourceDestCheck: &types.AttributeBooleanValue{Value: aws.Bool(false)}, Description: &types.AttributeValue{Value: aws.String("x")}})
	wantCode(t, err, "InvalidParameterCombination")
	must[*ec2.ModifyNetworkInterfaceAttributeOutput](t)(c.ModifyNetworkInterfaceAttribute(e.ctx, &ec2.ModifyNetworkInterfaceAttributeInput{
		NetworkInterfaceId: &id, SourceDestCheck: &types.AttributeBooleanValue{Value: aws.Bool(false)}}))
	must[*ec2.ModifyNetworkInterfaceAttributeOutput](t)(c.ModifyNetworkInterfaceAttribute(e.ctx, &ec2.ModifyNetworkInterfaceAttributeInput{
		NetworkInterfaceId: &id, AssociatePublicIpAddress: aws.Bool(true)}))
	got := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{id}})).NetworkInterfaces[0]
	if aws.ToBool(got.SourceDestCheck) || got.Association == nil || aws.ToString(got.Association.PublicIp) == "" ||
		aws.ToString(got.Association.IpOwnerId) != "amazon" || got.PrivateIpAddresses[0].Association == nil {
		t.Fatalf("after ModifyNetworkInterfaceAttribute: %+v", got)
	}

	_, err = c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: s.SubnetId})
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: g})
	wantCode(t, err, "DependencyViolation")
	for _, i := range []string{id, aws.ToString(second.NetworkInterfaceId)} {
		must[*ec2.DeleteNetworkInterfaceOutput](t)(c.DeleteNetworkInterface(e.ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: aws.String(i)}))
	}
	_, err = c.DeleteNetworkInterface(e.ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: &id})
	wantCode(t, err, "InvalidNetworkInterfaceID.NotFound")
	_, err = c.DescribeNetworkInterfaces(e.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{"eni-12"}})
	wantCode(t, err, "InvalidNetworkInterfaceId.Malformed")
	must[*ec2.DeleteSubnetOutput](t)(c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: s.SubnetId}))
}
