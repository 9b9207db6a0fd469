package vpcmodel_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
)

// TestVersion pins which calls count as changing the Cloud: an embedder
// that logs only those must be able to replay them into the same state.
func TestVersion(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{6}), CustomerDevicesConnect: true})
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	now := benchEpoch
	changes := func(name string, want bool, f func() error) {
		t.Helper()
		before := c.Version()
		_ = f()
		if got := c.Version() != before; got != want {
			t.Errorf("%s: changed = %v, want %v", name, got, want)
		}
	}
	var vpcID string
	changes("CreateVpc", true, func() error {
		o, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
		vpcID = o.VPC.VPCID
		return err
	})
	changes("DescribeVpcs, nothing due", false, func() error {
		_, err := c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{}, now)
		return err
	})
	changes("a refused CreateVpc", false, func() error {
		_, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/8"}, now)
		return err
	})
	changes("a refused DeleteVpc", false, func() error {
		_, err := c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: "vpc-0123456789abcdef0"}, now)
		return err
	})
	changes("AssociateVpcCidrBlock", true, func() error {
		_, err := c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: vpcID, CIDRBlock: "10.1.0.0/16"}, now)
		return err
	})
	changes("DescribeVpcs settling the association", true, func() error {
		_, err := c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{}, now)
		return err
	})
	changes("DescribeVpcs again", false, func() error {
		_, err := c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{}, now)
		return err
	})
	var cgw, vgw string
	changes("CreateCustomerGateway", true, func() error {
		o, err := c.CreateCustomerGateway(alice, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000, IPAddress: "198.51.100.7"}, now)
		cgw = o.CustomerGateway.CustomerGatewayID
		return err
	})
	changes("CreateVpnGateway", true, func() error {
		o, err := c.CreateVpnGateway(alice, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, now)
		vgw = o.VPNGateway.VPNGatewayID
		return err
	})
	changes("CreateVpnConnection", true, func() error {
		_, err := c.CreateVpnConnection(alice, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cgw, VPNGatewayID: vgw}, now)
		return err
	})
	changes("a refused CreateVpnConnection that read the random source", true, func() error {
		_, err := c.CreateVpnConnection(alice, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cgw, VPNGatewayID: vgw}, now)
		if err == nil {
			t.Fatal("a second connection between the same gateways was accepted")
		}
		return err
	})
	changes("DescribeRouteTables, nothing due", false, func() error {
		_, err := c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{}, now)
		return err
	})
	var pcx string
	changes("CreateVpcPeeringConnection", true, func() error {
		b, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.2.0.0/16"}, now)
		o, err := c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: vpcID, PeerVPCID: b.VPC.VPCID}, now)
		pcx = o.VPCPeeringConnection.VPCPeeringConnectionID
		return err
	})
	changes("a read reaching pending-acceptance", true, func() error {
		_, err := c.DescribeVpcPeeringConnections(alice, vpcmodel.DescribeVpcPeeringConnectionsInput{}, now)
		return err
	})
	changes("a read, nothing due", false, func() error {
		_, err := c.DescribeVpcPeeringConnections(alice, vpcmodel.DescribeVpcPeeringConnectionsInput{}, now.Add(time.Hour))
		return err
	})
	changes("a read at the expiry", true, func() error {
		_, err := c.DescribeVpcPeeringConnections(alice, vpcmodel.DescribeVpcPeeringConnectionsInput{VPCPeeringConnectionIDs: []string{pcx}}, now.Add(7*24*time.Hour))
		return err
	})
}
