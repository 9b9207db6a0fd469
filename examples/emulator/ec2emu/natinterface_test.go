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
