package vpcmodel_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// egressPeers lists a group's outbound rules as "proto peer" strings.
func egressPeers(t *testing.T, c *vpcmodel.Cloud, who vpcmodel.Caller, groupID string) []string {
	t.Helper()
	o, err := c.DescribeSecurityGroups(who, vpcmodel.DescribeSecurityGroupsInput{GroupIDs: []string{groupID}}, benchEpoch)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range o.SecurityGroups[0].IPPermissionsEgress {
		for _, r := range p.IPRanges {
			out = append(out, p.IPProtocol+" "+r.CIDRIP)
		}
		for _, r := range p.IPv6Ranges {
			out = append(out, p.IPProtocol+" "+r.CIDRIPv6)
		}
	}
	slices.Sort(out)
	return out
}

// aclEntries lists a VPC's default ACL entries as "egress/number/action/block".
func aclEntries(t *testing.T, c *vpcmodel.Cloud, who vpcmodel.Caller, vpcID string) string {
	t.Helper()
	o, err := c.DescribeNetworkAcls(who, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{vpcID}}, {Name: "default", Values: []string{"true"}}}}, benchEpoch)
	if err != nil || len(o.NetworkACLs) != 1 {
		t.Fatalf("default ACL of %s: %+v, %v", vpcID, o, err)
	}
	var out []string
	for _, e := range o.NetworkACLs[0].Entries {
		out = append(out, fmt.Sprintf("%v/%d/%s/%s%s", e.Egress, e.RuleNumber, e.RuleAction, e.CIDRBlock, e.IPv6CIDRBlock))
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

const (
	ipv4DefaultACL = "false/100/allow/0.0.0.0/0 false/32767/deny/0.0.0.0/0 true/100/allow/0.0.0.0/0 true/32767/deny/0.0.0.0/0"
	ipv6DefaultACL = "false/100/allow/0.0.0.0/0 false/101/allow/::/0 false/32767/deny/0.0.0.0/0 false/32768/deny/::/0 " +
		"true/100/allow/0.0.0.0/0 true/101/allow/::/0 true/32767/deny/0.0.0.0/0 true/32768/deny/::/0"
)

// TestIPv6DefaultRules checks the rules EC2 gives a VPC with an IPv6 block:
// all out to ::/0 in its default group and in each new group, and rules
// 101 and the IPv6 catch-all in each direction of its default ACL, at
// creation and when a block is associated later (but not in a direction
// whose entries were changed); they stay when the block goes.
func TestIPv6DefaultRules(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{11})})
	who := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	now := benchEpoch
	vpcOf := func(v6 bool) (vpcID, defaultGroup string) {
		o, err := c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16", IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: v6}}, now)
		if err != nil {
			t.Fatal(err)
		}
		g, err := c.DescribeSecurityGroups(who, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{
			{Name: "vpc-id", Values: []string{o.VPC.VPCID}}, {Name: "group-name", Values: []string{"default"}}}}, now)
		if err != nil {
			t.Fatal(err)
		}
		return o.VPC.VPCID, g.SecurityGroups[0].GroupID
	}
	newGroup := func(vpcID string) string {
		o, err := c.CreateSecurityGroup(who, vpcmodel.CreateSecurityGroupInput{GroupName: "g", Description: "d", VPCID: vpcID}, now)
		if err != nil {
			t.Fatal(err)
		}
		return o.GroupID
	}
	v4Only := []string{"-1 0.0.0.0/0"}
	dual := []string{"-1 0.0.0.0/0", "-1 ::/0"}

	plain, plainSG := vpcOf(false)
	if got := egressPeers(t, c, who, plainSG); !slices.Equal(got, v4Only) {
		t.Errorf("default group of an IPv4 VPC sends to %v", got)
	}
	if got := egressPeers(t, c, who, newGroup(plain)); !slices.Equal(got, v4Only) {
		t.Errorf("new group of an IPv4 VPC sends to %v", got)
	}
	if got := aclEntries(t, c, who, plain); got != ipv4DefaultACL {
		t.Errorf("default ACL of an IPv4 VPC = %s", got)
	}

	v6, v6SG := vpcOf(true)
	if got := egressPeers(t, c, who, v6SG); !slices.Equal(got, dual) {
		t.Errorf("default group of an IPv6 VPC sends to %v", got)
	}
	if got := egressPeers(t, c, who, newGroup(v6)); !slices.Equal(got, dual) {
		t.Errorf("new group of an IPv6 VPC sends to %v", got)
	}
	if got := aclEntries(t, c, who, v6); got != ipv6DefaultACL {
		t.Errorf("default ACL of an IPv6 VPC = %s", got)
	}

	// A block associated later: the defaults gain the rules, except an ACL
	// direction whose entries were changed first.
	o, _ := c.DescribeNetworkAcls(who, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{plain}}}}, now)
	if _, err := c.CreateNetworkAclEntry(who, vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: o.NetworkACLs[0].NetworkACLID, RuleNumber: 50,
		Protocol: "-1", RuleAction: "deny", Egress: true, CIDRBlock: "192.0.2.0/24"}, now); err != nil {
		t.Fatal(err)
	}
	assoc, err := c.AssociateVpcCidrBlock(who, vpcmodel.AssociateVpcCidrBlockInput{VPCID: plain, IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := egressPeers(t, c, who, plainSG); !slices.Equal(got, dual) {
		t.Errorf("default group after an IPv6 block came sends to %v", got)
	}
	want := "false/100/allow/0.0.0.0/0 false/101/allow/::/0 false/32767/deny/0.0.0.0/0 false/32768/deny/::/0 " +
		"true/100/allow/0.0.0.0/0 true/32767/deny/0.0.0.0/0 true/50/deny/192.0.2.0/24"
	if got := aclEntries(t, c, who, plain); got != want {
		t.Errorf("default ACL after an IPv6 block came = %s\nwant %s", got, want)
	}
	// The block goes; the rules stay.
	a, _ := assoc.IPv6CIDRBlockAssociation.Get()
	if _, err := c.DisassociateVpcCidrBlock(who, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: a.AssociationID}, now); err != nil {
		t.Fatal(err)
	}
	if got := egressPeers(t, c, who, plainSG); !slices.Equal(got, dual) {
		t.Errorf("default group after the IPv6 block went sends to %v", got)
	}
	if got := aclEntries(t, c, who, plain); got != want {
		t.Errorf("default ACL after the IPv6 block went = %s", got)
	}
}
