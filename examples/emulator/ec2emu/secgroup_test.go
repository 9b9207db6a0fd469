package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestSecurityGroups drives every security group action through the SDK,
// and each refusal, as a program would meet them.
func TestSecurityGroups(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	vpc := newVPC(t, e, c, "10.0.0.0/16")

	g := must[*ec2.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("web"), Description: aws.String("web tier"), VpcId: aws.String(vpc),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroup, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("web")}}}}}))
	id := aws.ToString(g.GroupId)
	if len(g.Tags) != 1 || aws.ToString(g.SecurityGroupArn) == "" {
		t.Fatalf("CreateSecurityGroup = %+v", g)
	}
	_, err := c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("Web"), Description: aws.String("x"), VpcId: aws.String(vpc)})
	wantCode(t, err, "InvalidGroup.Duplicate")
	_, err = c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("default"), Description: aws.String("x"), VpcId: aws.String(vpc)})
	wantCode(t, err, "InvalidGroup.Reserved")

	ssh := types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22),
		IpRanges:   []types.IpRange{{CidrIp: aws.String("10.0.0.0/8"), Description: aws.String("ssh")}},
		Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("2001:db8::/32")}}}
	auth := must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(c.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(id), IpPermissions: []types.IpPermission{ssh},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroupRule, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}}))
	if !aws.ToBool(auth.Return) || len(auth.SecurityGroupRules) != 2 || aws.ToInt32(auth.SecurityGroupRules[0].FromPort) != 22 || len(auth.SecurityGroupRules[0].Tags) != 1 {
		t.Fatalf("AuthorizeSecurityGroupIngress = %+v", auth)
	}
	_, err = c.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(id), IpPermissions: []types.IpPermission{ssh}})
	wantCode(t, err, "InvalidPermission.Duplicate")
	for _, tt := range []struct {
		name string
		perm types.IpPermission
		code string
	}{
		{"unknown protocol", types.IpPermission{IpProtocol: aws.String("all"), IpRanges: ssh.IpRanges}, "InvalidParameterValue"},
		{"port out of range", types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(1), ToPort: aws.Int32(70000), IpRanges: ssh.IpRanges}, "InvalidPermission.Malformed"},
		{"tcp without ports", types.IpPermission{IpProtocol: aws.String("udp"), IpRanges: ssh.IpRanges}, "InvalidParameterValue"},
		{"unknown group", types.IpPermission{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String("sg-0123456789abcdef0")}}}, "InvalidGroup.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AuthorizeSecurityGroupEgress(e.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: []types.IpPermission{tt.perm}})
			wantCode(t, err, tt.code)
		})
	}
	eg := must[*ec2.AuthorizeSecurityGroupEgressOutput](t)(c.AuthorizeSecurityGroupEgress(e.ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(id)}}}}}))
	if len(eg.SecurityGroupRules) != 1 || !aws.ToBool(eg.SecurityGroupRules[0].IsEgress) || eg.SecurityGroupRules[0].ReferencedGroupInfo == nil {
		t.Fatalf("AuthorizeSecurityGroupEgress = %+v", eg)
	}

	d := must[*ec2.DescribeSecurityGroupsOutput](t)(c.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		{Name: aws.String("ip-permission.from-port"), Values: []string{"22"}}}}))
	if len(d.SecurityGroups) != 1 {
		t.Fatalf("DescribeSecurityGroups by ip-permission.from-port = %+v", d.SecurityGroups)
	}
	in := d.SecurityGroups[0].IpPermissions
	if len(in) != 1 || aws.ToInt32(in[0].ToPort) != 22 || len(in[0].IpRanges) != 1 || len(in[0].Ipv6Ranges) != 1 || aws.ToString(in[0].IpRanges[0].Description) != "ssh" {
		t.Fatalf("IpPermissions = %+v", in)
	}
	if out := d.SecurityGroups[0].IpPermissionsEgress; len(out) != 1 || len(out[0].IpRanges) != 1 || len(out[0].UserIdGroupPairs) != 1 {
		t.Fatalf("IpPermissionsEgress = %+v", out)
	}
	rules := must[*ec2.DescribeSecurityGroupRulesOutput](t)(c.DescribeSecurityGroupRules(e.ctx, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{id}}, {Name: aws.String("tag:k"), Values: []string{"v"}}}}))
	if len(rules.SecurityGroupRules) != 2 {
		t.Fatalf("DescribeSecurityGroupRules = %+v", rules.SecurityGroupRules)
	}
	ruleID := aws.ToString(rules.SecurityGroupRules[0].SecurityGroupRuleId)

	rv := must[*ec2.RevokeSecurityGroupIngressOutput](t)(c.RevokeSecurityGroupIngress(e.ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(id), SecurityGroupRuleIds: []string{ruleID}}))
	if !aws.ToBool(rv.Return) || len(rv.RevokedSecurityGroupRules) != 1 {
		t.Fatalf("RevokeSecurityGroupIngress = %+v", rv)
	}
	_, err = c.RevokeSecurityGroupIngress(e.ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(id), SecurityGroupRuleIds: []string{ruleID}})
	wantCode(t, err, "InvalidSecurityGroupRuleId.NotFound")
	_, err = c.RevokeSecurityGroupEgress(e.ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: []types.IpPermission{ssh}})
	wantCode(t, err, "InvalidPermission.NotFound")
	must[*ec2.RevokeSecurityGroupEgressOutput](t)(c.RevokeSecurityGroupEgress(e.ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id),
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}}))

	// The default group cannot go; a group another refers to cannot either.
	def := must[*ec2.DescribeSecurityGroupsOutput](t)(c.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpc}}, {Name: aws.String("group-name"), Values: []string{"default"}}}}))
	defID := aws.ToString(def.SecurityGroups[0].GroupId)
	_, err = c.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(defID)})
	wantCode(t, err, "CannotDelete")
	must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(c.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(defID),
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("6"), FromPort: aws.Int32(80), ToPort: aws.Int32(80), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(id)}}}}}))
	_, err = c.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)})
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpc)})
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteSecurityGroup(e.ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String("sg-0123456789abcdef0")})
	wantCode(t, err, "InvalidGroup.NotFound")
}

// TestNetworkACLs drives every network ACL action through the SDK.
func TestNetworkACLs(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	vpc := newVPC(t, e, c, "10.0.0.0/16")
	n := must[*ec2.CreateNetworkAclOutput](t)(c.CreateNetworkAcl(e.ctx, &ec2.CreateNetworkAclInput{VpcId: aws.String(vpc),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeNetworkAcl, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("private")}}}}}))
	id := aws.ToString(n.NetworkAcl.NetworkAclId)
	if aws.ToBool(n.NetworkAcl.IsDefault) || len(n.NetworkAcl.Entries) != 2 || len(n.NetworkAcl.Tags) != 1 {
		t.Fatalf("CreateNetworkAcl = %+v", n.NetworkAcl)
	}
	entry := &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(id), RuleNumber: aws.Int32(100), Protocol: aws.String("6"),
		RuleAction: types.RuleActionAllow, Egress: aws.Bool(false), CidrBlock: aws.String("10.0.0.0/8"), PortRange: &types.PortRange{From: aws.Int32(443), To: aws.Int32(443)}}
	must[*ec2.CreateNetworkAclEntryOutput](t)(c.CreateNetworkAclEntry(e.ctx, entry))
	_, err := c.CreateNetworkAclEntry(e.ctx, entry)
	wantCode(t, err, "NetworkAclEntryAlreadyExists")
	icmp := &ec2.CreateNetworkAclEntryInput{NetworkAclId: aws.String(id), RuleNumber: aws.Int32(110), Protocol: aws.String("1"),
		RuleAction: types.RuleActionDeny, Egress: aws.Bool(true), CidrBlock: aws.String("0.0.0.0/0"), IcmpTypeCode: &types.IcmpTypeCode{Type: aws.Int32(8), Code: aws.Int32(-1)}}
	must[*ec2.CreateNetworkAclEntryOutput](t)(c.CreateNetworkAclEntry(e.ctx, icmp))
	bad := *entry
	bad.RuleNumber, bad.Protocol = aws.Int32(5), aws.String("bogus")
	_, err = c.CreateNetworkAclEntry(e.ctx, &bad)
	wantCode(t, err, "InvalidParameterValue")
	rep := ec2.ReplaceNetworkAclEntryInput{NetworkAclId: aws.String(id), RuleNumber: aws.Int32(100), Protocol: aws.String("-1"),
		RuleAction: types.RuleActionDeny, Egress: aws.Bool(false), CidrBlock: aws.String("0.0.0.0/0")}
	must[*ec2.ReplaceNetworkAclEntryOutput](t)(c.ReplaceNetworkAclEntry(e.ctx, &rep))
	rep.RuleNumber = aws.Int32(101)
	_, err = c.ReplaceNetworkAclEntry(e.ctx, &rep)
	wantCode(t, err, "InvalidNetworkAclEntry.NotFound")

	d := must[*ec2.DescribeNetworkAclsOutput](t)(c.DescribeNetworkAcls(e.ctx, &ec2.DescribeNetworkAclsInput{NetworkAclIds: []string{id}}))
	es := d.NetworkAcls[0].Entries
	if len(es) != 4 || aws.ToString(es[0].Protocol) != "-1" || es[0].RuleAction != types.RuleActionDeny {
		t.Fatalf("entries = %+v", es)
	}
	var sawICMP bool
	for _, x := range es {
		if x.IcmpTypeCode != nil && aws.ToInt32(x.IcmpTypeCode.Type) == 8 && aws.ToBool(x.Egress) {
			sawICMP = true
		}
	}
	if !sawICMP {
		t.Fatalf("no icmp entry in %+v", es)
	}
	must[*ec2.DeleteNetworkAclEntryOutput](t)(c.DeleteNetworkAclEntry(e.ctx, &ec2.DeleteNetworkAclEntryInput{NetworkAclId: aws.String(id), RuleNumber: aws.Int32(110), Egress: aws.Bool(true)}))
	_, err = c.DeleteNetworkAclEntry(e.ctx, &ec2.DeleteNetworkAclEntryInput{NetworkAclId: aws.String(id), RuleNumber: aws.Int32(110), Egress: aws.Bool(true)})
	wantCode(t, err, "InvalidNetworkAclEntry.NotFound")
	_, err = c.ReplaceNetworkAclAssociation(e.ctx, &ec2.ReplaceNetworkAclAssociationInput{AssociationId: aws.String("aclassoc-0123456789abcdef0"), NetworkAclId: aws.String(id)})
	wantCode(t, err, "InvalidAssociationID.NotFound")

	def := must[*ec2.DescribeNetworkAclsOutput](t)(c.DescribeNetworkAcls(e.ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpc}}, {Name: aws.String("default"), Values: []string{"true"}}}}))
	if len(def.NetworkAcls) != 1 {
		t.Fatalf("default ACLs = %+v", def.NetworkAcls)
	}
	_, err = c.DeleteNetworkAcl(e.ctx, &ec2.DeleteNetworkAclInput{NetworkAclId: def.NetworkAcls[0].NetworkAclId})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpc)})
	wantCode(t, err, "DependencyViolation")
	must[*ec2.DeleteNetworkAclOutput](t)(c.DeleteNetworkAcl(e.ctx, &ec2.DeleteNetworkAclInput{NetworkAclId: aws.String(id)}))
	_, err = c.DeleteNetworkAcl(e.ctx, &ec2.DeleteNetworkAclInput{NetworkAclId: aws.String(id)})
	wantCode(t, err, "InvalidNetworkAclID.NotFound")
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: aws.String(vpc)}))
}
