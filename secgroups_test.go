package vpcmodel_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/vpclab/vpcmodel"
)

type coder interface{ ErrorCode() string }

func wantErrCode(t *testing.T, err error, code string) {
	t.Helper()
	var c coder
	if !errors.As(err, &c) || c.ErrorCode() != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
}

func TestSecurityGroupActions(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{5})})
	now := benchEpoch
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	bob := vpcmodel.Caller{Account: "222222222222", Region: "us-east-1"}
	mustVPC := func(who vpcmodel.Caller, block string) string {
		o, err := c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: block}, now)
		if err != nil {
			t.Fatal(err)
		}
		return o.VPC.VPCID
	}
	a, b := mustVPC(alice, "10.0.0.0/16"), mustVPC(bob, "10.1.0.0/16")
	def, err := c.DescribeSecurityGroups(alice, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{a}}, {Name: "group-name", Values: []string{"default"}}}}, now)
	if err != nil || len(def.SecurityGroups) != 1 || len(def.SecurityGroups[0].IPPermissionsEgress) != 1 {
		t.Fatalf("default group = %+v, %v", def, err)
	}
	defID := def.SecurityGroups[0].GroupID
	_, err = c.DeleteSecurityGroup(alice, vpcmodel.DeleteSecurityGroupInput{GroupID: defID}, now)
	wantErrCode(t, err, "CannotDelete")

	web, err := c.CreateSecurityGroup(alice, vpcmodel.CreateSecurityGroupInput{GroupName: "web", Description: "w", VPCID: a}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateSecurityGroupInput
		code string
	}{
		{"duplicate ignoring case", vpcmodel.CreateSecurityGroupInput{GroupName: "WEB", Description: "w", VPCID: a}, "InvalidGroup.Duplicate"},
		{"reserved", vpcmodel.CreateSecurityGroupInput{GroupName: "default", Description: "w", VPCID: a}, "InvalidGroup.Reserved"},
		{"no vpc", vpcmodel.CreateSecurityGroupInput{GroupName: "x", Description: "w"}, "VPCIdNotSpecified"},
		{"another's vpc", vpcmodel.CreateSecurityGroupInput{GroupName: "x", Description: "w", VPCID: b}, "InvalidVpcID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.CreateSecurityGroup(alice, tt.in, now)
			wantErrCode(t, err, tt.code)
		})
	}

	ssh := vpcmodel.IPPermission{IPProtocol: "tcp", FromPort: vpcmodel.Some(22), ToPort: vpcmodel.Some(22),
		IPRanges: []vpcmodel.IPRange{{CIDRIP: "10.0.0.0/8", Description: "ssh"}, {CIDRIP: "192.168.0.0/16"}}}
	auth, err := c.AuthorizeSecurityGroupIngress(alice, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: web.GroupID,
		IPPermissions: []vpcmodel.IPPermission{ssh, {IPProtocol: "-1", UserIDGroupPairs: []vpcmodel.UserIDGroupPair{{GroupID: defID}}}}}, now)
	if err != nil || !auth.Return || len(auth.SecurityGroupRules) != 3 {
		t.Fatalf("Authorize = %+v, %v", auth, err)
	}
	_, err = c.AuthorizeSecurityGroupIngress(alice, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: web.GroupID, IPPermissions: []vpcmodel.IPPermission{ssh}}, now)
	wantErrCode(t, err, "InvalidPermission.Duplicate")
	// The default group is referenced by web now.
	g, _ := c.DescribeSecurityGroups(alice, vpcmodel.DescribeSecurityGroupsInput{GroupIDs: []string{web.GroupID}}, now)
	if p := g.SecurityGroups[0].IPPermissions; len(p) != 2 || len(p[0].IPRanges)+len(p[1].IPRanges) != 2 {
		t.Fatalf("IpPermissions = %+v", p)
	}
	f, _ := c.DescribeSecurityGroups(alice, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{{Name: "ip-permission.cidr", Values: []string{"192.168.0.0/16"}}}}, now)
	if len(f.SecurityGroups) != 1 {
		t.Fatalf("ip-permission.cidr filter = %+v", f)
	}

	// Bob's group is in another network until the VPCs are peered.
	bg, err := c.CreateSecurityGroup(bob, vpcmodel.CreateSecurityGroupInput{GroupName: "api", Description: "a", VPCID: b}, now)
	if err != nil {
		t.Fatal(err)
	}
	peerRule := vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: web.GroupID, IPPermissions: []vpcmodel.IPPermission{
		{IPProtocol: "tcp", FromPort: vpcmodel.Some(443), ToPort: vpcmodel.Some(443), UserIDGroupPairs: []vpcmodel.UserIDGroupPair{{GroupID: bg.GroupID, UserID: bob.Account}}}}}
	_, err = c.AuthorizeSecurityGroupIngress(alice, peerRule, now)
	wantErrCode(t, err, "InvalidGroup.NotFound")
	pcx, err := c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: a, PeerVPCID: b, PeerOwnerID: bob.Account}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptVpcPeeringConnection(bob, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx.VPCPeeringConnection.VPCPeeringConnectionID}, now); err != nil {
		t.Fatal(err)
	}
	now = now.Add(1)
	pr, err := c.AuthorizeSecurityGroupIngress(alice, peerRule, now)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := pr.SecurityGroupRules[0].ReferencedGroupInfo.Get()
	if ref.VPCPeeringConnectionID != pcx.VPCPeeringConnection.VPCPeeringConnectionID || ref.VPCID != b {
		t.Fatalf("ReferencedGroupInfo = %+v", ref)
	}
	// A group in a peer VPC can be deleted; the rule stays, stale.
	if _, err := c.DeleteSecurityGroup(bob, vpcmodel.DeleteSecurityGroupInput{GroupID: bg.GroupID}, now); err != nil {
		t.Fatal(err)
	}
	rules, err := c.DescribeSecurityGroupRules(alice, vpcmodel.DescribeSecurityGroupRulesInput{Filters: []vpcmodel.Filter{{Name: "group-id", Values: []string{web.GroupID}}}}, now)
	if err != nil || len(rules.SecurityGroupRules) != 5 {
		t.Fatalf("rules of web = %d, %v", len(rules.SecurityGroupRules), err)
	}
	_, err = c.DeleteSecurityGroup(alice, vpcmodel.DeleteSecurityGroupInput{GroupID: web.GroupID}, now)
	if err != nil {
		t.Fatal(err) // web refers to others; nothing refers to web
	}
	_, err = c.RevokeSecurityGroupIngress(alice, vpcmodel.RevokeSecurityGroupIngressInput{GroupID: defID, SecurityGroupRuleIDs: []string{"sgr-0123456789abcdef0"}}, now)
	wantErrCode(t, err, "InvalidSecurityGroupRuleId.NotFound")
	_, err = c.RevokeSecurityGroupEgress(alice, vpcmodel.RevokeSecurityGroupIngressInput{GroupID: defID, IPPermissions: []vpcmodel.IPPermission{
		{IPProtocol: "-1", IPRanges: []vpcmodel.IPRange{{CIDRIP: "0.0.0.0/0"}}}}}, now)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RevokeSecurityGroupEgress(alice, vpcmodel.RevokeSecurityGroupIngressInput{GroupID: defID, IPPermissions: []vpcmodel.IPPermission{
		{IPProtocol: "-1", IPRanges: []vpcmodel.IPRange{{CIDRIP: "0.0.0.0/0"}}}}}, now)
	wantErrCode(t, err, "InvalidPermission.NotFound")
}

func TestNetworkACLActions(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{6})})
	now := benchEpoch
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	v, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
	if err != nil {
		t.Fatal(err)
	}
	vpcID := v.VPC.VPCID
	n, err := c.CreateNetworkAcl(alice, vpcmodel.CreateNetworkAclInput{VPCID: vpcID}, now)
	if err != nil || n.NetworkACL.IsDefault || len(n.NetworkACL.Entries) != 2 {
		t.Fatalf("CreateNetworkAcl = %+v, %v", n, err)
	}
	id := n.NetworkACL.NetworkACLID
	_, err = c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: vpcID}, now)
	wantErrCode(t, err, "DependencyViolation")
	entry := vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: id, RuleNumber: 100, Protocol: "tcp", RuleAction: "allow", CIDRBlock: "10.0.0.0/8",
		PortRange: vpcmodel.Some(vpcmodel.PortRange{From: 443, To: 443})}
	if _, err := c.CreateNetworkAclEntry(alice, entry, now); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		do   func() error
		code string
	}{
		{"duplicate", func() error { _, err := c.CreateNetworkAclEntry(alice, entry, now); return err }, "NetworkAclEntryAlreadyExists"},
		{"replace missing", func() error {
			e := entry
			e.Egress = true
			_, err := c.ReplaceNetworkAclEntry(alice, e, now)
			return err
		}, "InvalidNetworkAclEntry.NotFound"},
		{"delete missing", func() error {
			_, err := c.DeleteNetworkAclEntry(alice, vpcmodel.DeleteNetworkAclEntryInput{NetworkACLID: id, RuleNumber: 7}, now)
			return err
		}, "InvalidNetworkAclEntry.NotFound"},
		{"bad protocol", func() error {
			e := entry
			e.RuleNumber, e.Protocol = 1, "bogus"
			_, err := c.CreateNetworkAclEntry(alice, e, now)
			return err
		}, "InvalidParameterValue"},
		{"unknown acl", func() error {
			_, err := c.DeleteNetworkAcl(alice, vpcmodel.DeleteNetworkAclInput{NetworkACLID: "acl-0123456789abcdef0"}, now)
			return err
		}, "InvalidNetworkAclID.NotFound"},
		{"unknown association", func() error {
			_, err := c.ReplaceNetworkAclAssociation(alice, vpcmodel.ReplaceNetworkAclAssociationInput{AssociationID: "aclassoc-0123456789abcdef0", NetworkACLID: id}, now)
			return err
		}, "InvalidAssociationID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantErrCode(t, tt.do(), tt.code) })
	}
	d, err := c.DescribeNetworkAcls(alice, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{vpcID}}, {Name: "default", Values: []string{"true"}}}}, now)
	if err != nil || len(d.NetworkACLs) != 1 {
		t.Fatalf("default ACL = %+v, %v", d, err)
	}
	_, err = c.DeleteNetworkAcl(alice, vpcmodel.DeleteNetworkAclInput{NetworkACLID: d.NetworkACLs[0].NetworkACLID}, now)
	wantErrCode(t, err, "InvalidParameterValue")
	e, _ := c.DescribeNetworkAcls(alice, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{{Name: "entry.port-range.from", Values: []string{"443"}}}}, now)
	if len(e.NetworkACLs) != 1 || e.NetworkACLs[0].NetworkACLID != id {
		t.Fatalf("entry.port-range.from filter = %+v", e)
	}
	if _, err := c.DeleteNetworkAcl(alice, vpcmodel.DeleteNetworkAclInput{NetworkACLID: id}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: vpcID}, now); err != nil {
		t.Fatal(err)
	}
}
