package vpcmodel_test

import (
	"math/rand/v2"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// TestVersionDHCPFlow pins which DHCP option set and flow log calls count
// as changing the Cloud, the making of a Region's default set by a read
// included.
func TestVersionDHCPFlow(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	bob := vpcmodel.Caller{Account: "222222222222", Region: "eu-west-1"}
	now := benchEpoch
	changes := func(name string, want bool, f func() error) {
		t.Helper()
		before := c.Version()
		_ = f()
		if got := c.Version() != before; got != want {
			t.Errorf("%s: changed = %v, want %v", name, got, want)
		}
	}
	vpc, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
	if err != nil {
		t.Fatal(err)
	}
	changes("DescribeDhcpOptions making the default set", true, func() error {
		_, err := c.DescribeDhcpOptions(bob, vpcmodel.DescribeDhcpOptionsInput{}, now)
		return err
	})
	changes("DescribeDhcpOptions again", false, func() error {
		_, err := c.DescribeDhcpOptions(bob, vpcmodel.DescribeDhcpOptionsInput{}, now)
		return err
	})
	var set string
	changes("CreateDhcpOptions", true, func() error {
		o, err := c.CreateDhcpOptions(alice, vpcmodel.CreateDhcpOptionsInput{DHCPConfigurations: []vpcmodel.NewDHCPConfiguration{{Key: "domain-name", Values: []string{"a"}}}}, now)
		set = o.DHCPOptions.DHCPOptionsID
		return err
	})
	changes("a refused CreateDhcpOptions", false, func() error {
		_, err := c.CreateDhcpOptions(alice, vpcmodel.CreateDhcpOptionsInput{DHCPConfigurations: []vpcmodel.NewDHCPConfiguration{{Key: "colour", Values: []string{"a"}}}}, now)
		return err
	})
	changes("AssociateDhcpOptions", true, func() error {
		_, err := c.AssociateDhcpOptions(alice, vpcmodel.AssociateDhcpOptionsInput{DHCPOptionsID: set, VPCID: vpc.VPC.VPCID}, now)
		return err
	})
	changes("a refused DeleteDhcpOptions", false, func() error {
		_, err := c.DeleteDhcpOptions(alice, vpcmodel.DeleteDhcpOptionsInput{DHCPOptionsID: set}, now)
		return err
	})
	var fl string
	changes("CreateFlowLogs", true, func() error {
		o, err := c.CreateFlowLogs(alice, vpcmodel.CreateFlowLogsInput{ResourceIDs: []string{vpc.VPC.VPCID}, ResourceType: "VPC", TrafficType: "ALL",
			LogDestinationType: "s3", LogDestination: "arn:aws:s3:::bucket"}, now)
		if len(o.FlowLogIDs) == 1 {
			fl = o.FlowLogIDs[0]
		}
		return err
	})
	changes("a refused CreateFlowLogs", false, func() error {
		_, err := c.CreateFlowLogs(alice, vpcmodel.CreateFlowLogsInput{ResourceIDs: []string{vpc.VPC.VPCID}, ResourceType: "VPC", TrafficType: "SOME",
			LogDestinationType: "s3", LogDestination: "arn:aws:s3:::bucket"}, now)
		return err
	})
	changes("DescribeFlowLogs", false, func() error {
		_, err := c.DescribeFlowLogs(alice, vpcmodel.DescribeFlowLogsInput{}, now)
		return err
	})
	changes("DeleteFlowLogs", true, func() error {
		_, err := c.DeleteFlowLogs(alice, vpcmodel.DeleteFlowLogsInput{FlowLogIDs: []string{fl}}, now)
		return err
	})
	changes("AssociateDhcpOptions default", true, func() error {
		_, err := c.AssociateDhcpOptions(alice, vpcmodel.AssociateDhcpOptionsInput{DHCPOptionsID: "default", VPCID: vpc.VPC.VPCID}, now)
		return err
	})
	changes("DeleteDhcpOptions", true, func() error {
		_, err := c.DeleteDhcpOptions(alice, vpcmodel.DeleteDhcpOptionsInput{DHCPOptionsID: set}, now)
		return err
	})
}
