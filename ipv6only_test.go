package vpcmodel_test

import (
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// TestIPv6OnlySubnetHoldsNoIPv4Resources: a NAT gateway and a network
// interface need an IPv4 address, which an IPv6-only subnet does not have;
// both are refused with a clear error, not a failure inside.
func TestIPv6OnlySubnetHoldsNoIPv4Resources(t *testing.T) {
	c := newWireCloud()
	v, err := c.CreateVpc(wireCaller, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16",
		IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, wireNow)
	if err != nil {
		t.Fatal(err)
	}
	block := netip.MustParsePrefix(v.VPC.IPv6CIDRBlockAssociations[0].IPv6CIDRBlock)
	s, err := c.CreateSubnet(wireCaller, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, IPv6Native: true,
		IPv6CIDRBlock: netip.PrefixFrom(block.Addr(), 64).String()}, wireNow)
	if err != nil {
		t.Fatal(err)
	}
	id := s.Subnet.SubnetID
	// A read settles the subnet's block, so that only the refusals remain.
	if _, err := c.DescribeSubnets(wireCaller, vpcmodel.DescribeSubnetsInput{}, wireNow); err != nil {
		t.Fatal(err)
	}
	before := c.Version()
	_, err = c.CreateNatGateway(wireCaller, vpcmodel.CreateNatGatewayInput{SubnetID: id, ConnectivityType: "private"}, wireNow)
	wantErrCode(t, err, "InvalidParameterValue")
	_, err = c.CreateNetworkInterface(wireCaller, vpcmodel.CreateNetworkInterfaceInput{SubnetID: id}, wireNow)
	wantErrCode(t, err, "UnsupportedOperation")
	if c.Version() != before {
		t.Errorf("the refusals moved Version from %d to %d", before, c.Version())
	}
}
