package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestModifySecurityGroupRules changes rules in place as Terraform's
// aws_vpc_security_group_ingress_rule does on update, and meets each
// refusal.
func TestModifySecurityGroupRules(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	vpc := newVPC(t, e, c, "10.0.0.0/16")
	g := must[*ec2.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("web"), Description: aws.String("web"), VpcId: aws.String(vpc)}))
	other := must[*ec2.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("db"), Description: aws.String("db"), VpcId: aws.String(vpc)}))
	tcp := func(port int32) types.IpPermission {
		return types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
			IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}
	}
	auth := must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(c.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: g.GroupId, IpPermissions: []types.IpPermission{tcp(22), tcp(80)}}))
	ssh, http := auth.SecurityGroupRules[0].SecurityGroupRuleId, auth.SecurityGroupRules[1].SecurityGroupRuleId
	dbAuth := must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(c.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: other.GroupId, IpPermissions: []types.IpPermission{tcp(5432)}}))
	request := func(port int32, cidr string) *types.SecurityGroupRuleRequest {
		return &types.SecurityGroupRuleRequest{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port), CidrIpv4: aws.String(cidr)}
	}

	out := must[*ec2.ModifySecurityGroupRulesOutput](t)(c.ModifySecurityGroupRules(e.ctx, &ec2.ModifySecurityGroupRulesInput{
		GroupId: g.GroupId, SecurityGroupRules: []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: ssh,
			SecurityGroupRule: &types.SecurityGroupRuleRequest{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(2222), ToPort: aws.Int32(2222),
				CidrIpv4: aws.String("192.168.0.0/16"), Description: aws.String("moved")}}}}))
	if !aws.ToBool(out.Return) {
		t.Fatalf("ModifySecurityGroupRules = %+v", out)
	}
	got := must[*ec2.DescribeSecurityGroupRulesOutput](t)(c.DescribeSecurityGroupRules(e.ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{*ssh}}))
	if r := got.SecurityGroupRules[0]; aws.ToInt32(r.FromPort) != 2222 || aws.ToString(r.CidrIpv4) != "192.168.0.0/16" ||
		aws.ToString(r.Description) != "moved" || aws.ToBool(r.IsEgress) || aws.ToString(r.GroupId) != *g.GroupId {
		t.Fatalf("rule after modify = %+v", r)
	}

	for _, tt := range []struct {
		name    string
		group   *string
		updates []types.SecurityGroupRuleUpdate
		code    string
	}{
		{"rule of another group", g.GroupId, []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: dbAuth.SecurityGroupRules[0].SecurityGroupRuleId, SecurityGroupRule: request(1, "10.0.0.0/8")}}, "InvalidSecurityGroupRuleId.NotFound"},
		{"unknown rule", g.GroupId, []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: aws.String("sgr-0123456789abcdef0"), SecurityGroupRule: request(1, "10.0.0.0/8")}}, "InvalidSecurityGroupRuleId.NotFound"},
		{"duplicate", g.GroupId, []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: ssh, SecurityGroupRule: request(80, "10.0.0.0/8")}}, "InvalidPermission.Duplicate"},
		{"two targets", g.GroupId, []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: ssh, SecurityGroupRule: &types.SecurityGroupRuleRequest{
			IpProtocol: aws.String("-1"), CidrIpv4: aws.String("10.0.0.0/8"), ReferencedGroupId: other.GroupId}}}, "InvalidParameterCombination"},
		{"no target", g.GroupId, []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: ssh, SecurityGroupRule: &types.SecurityGroupRuleRequest{IpProtocol: aws.String("-1")}}}, "MissingParameter"},
		{"all or none", g.GroupId, []types.SecurityGroupRuleUpdate{
			{SecurityGroupRuleId: http, SecurityGroupRule: request(8080, "10.0.0.0/8")},
			{SecurityGroupRuleId: ssh, SecurityGroupRule: &types.SecurityGroupRuleRequest{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(1), ToPort: aws.Int32(70000), CidrIpv4: aws.String("10.0.0.0/8")}},
		}, "InvalidPermission.Malformed"},
		{"unknown group", aws.String("sg-0123456789abcdef0"), []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: ssh, SecurityGroupRule: request(1, "10.0.0.0/8")}}, "InvalidGroup.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.ModifySecurityGroupRules(e.ctx, &ec2.ModifySecurityGroupRulesInput{GroupId: tt.group, SecurityGroupRules: tt.updates})
			wantCode(t, err, tt.code)
		})
	}
	got = must[*ec2.DescribeSecurityGroupRulesOutput](t)(c.DescribeSecurityGroupRules(e.ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{*http}}))
	if aws.ToInt32(got.SecurityGroupRules[0].FromPort) != 80 {
		t.Fatalf("a refused request changed rule %s: %+v", *http, got.SecurityGroupRules[0])
	}
	// A rule may point at a group instead of a block.
	must[*ec2.ModifySecurityGroupRulesOutput](t)(c.ModifySecurityGroupRules(e.ctx, &ec2.ModifySecurityGroupRulesInput{
		GroupId: g.GroupId, SecurityGroupRules: []types.SecurityGroupRuleUpdate{{SecurityGroupRuleId: http,
			SecurityGroupRule: &types.SecurityGroupRuleRequest{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(80), ToPort: aws.Int32(80), ReferencedGroupId: other.GroupId}}}}))
	got = must[*ec2.DescribeSecurityGroupRulesOutput](t)(c.DescribeSecurityGroupRules(e.ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{*http}}))
	if r := got.SecurityGroupRules[0]; r.ReferencedGroupInfo == nil || aws.ToString(r.ReferencedGroupInfo.GroupId) != *other.GroupId || r.CidrIpv4 != nil {
		t.Fatalf("rule to a group = %+v", r)
	}
}

// TestDescribeStaleSecurityGroups leaves a rule to a peer VPC's group
// behind a deleted peering connection and finds it stale.
func TestDescribeStaleSecurityGroups(t *testing.T) {
	e := newEnv(t)
	ca, cb := e.client(alice, "us-east-1"), e.client(bob, "us-east-1")
	va, vb := newVPC(t, e, ca, "10.0.0.0/16"), newVPC(t, e, cb, "10.1.0.0/16")
	ga := must[*ec2.CreateSecurityGroupOutput](t)(ca.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("web"), Description: aws.String("web"), VpcId: aws.String(va)}))
	gb := must[*ec2.CreateSecurityGroupOutput](t)(cb.CreateSecurityGroup(e.ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("api"), Description: aws.String("api"), VpcId: aws.String(vb)}))
	p := must[*ec2.CreateVpcPeeringConnectionOutput](t)(ca.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{
		VpcId: aws.String(va), PeerVpcId: aws.String(vb), PeerOwnerId: aws.String(bob)}))
	pcx := p.VpcPeeringConnection.VpcPeeringConnectionId
	must[*ec2.AcceptVpcPeeringConnectionOutput](t)(cb.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: pcx}))
	must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(ca.AuthorizeSecurityGroupIngress(e.ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: ga.GroupId, IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
			UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: gb.GroupId, UserId: aws.String(bob)}}}}}))
	stale := func() *ec2.DescribeStaleSecurityGroupsOutput {
		t.Helper()
		return must[*ec2.DescribeStaleSecurityGroupsOutput](t)(ca.DescribeStaleSecurityGroups(e.ctx, &ec2.DescribeStaleSecurityGroupsInput{VpcId: aws.String(va)}))
	}
	if o := stale(); len(o.StaleSecurityGroupSet) != 0 {
		t.Fatalf("stale while peered = %+v", o.StaleSecurityGroupSet)
	}
	must[*ec2.DeleteVpcPeeringConnectionOutput](t)(ca.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: pcx}))
	o := stale()
	if len(o.StaleSecurityGroupSet) != 1 {
		t.Fatalf("stale after the peering went = %+v", o.StaleSecurityGroupSet)
	}
	sg := o.StaleSecurityGroupSet[0]
	if aws.ToString(sg.GroupId) != *ga.GroupId || aws.ToString(sg.GroupName) != "web" || aws.ToString(sg.VpcId) != va ||
		len(sg.StaleIpPermissions) != 1 || len(sg.StaleIpPermissionsEgress) != 0 {
		t.Fatalf("stale group = %+v", sg)
	}
	perm := sg.StaleIpPermissions[0]
	if aws.ToString(perm.IpProtocol) != "tcp" || aws.ToInt32(perm.FromPort) != 443 || len(perm.UserIdGroupPairs) != 1 {
		t.Fatalf("stale permission = %+v", perm)
	}
	pair := perm.UserIdGroupPairs[0]
	if aws.ToString(pair.GroupId) != *gb.GroupId || aws.ToString(pair.VpcId) != vb || aws.ToString(pair.UserId) != bob ||
		aws.ToString(pair.VpcPeeringConnectionId) != *pcx || aws.ToString(pair.PeeringStatus) != "deleted" {
		t.Fatalf("stale pair = %+v", pair)
	}
	_, err := ca.DescribeStaleSecurityGroups(e.ctx, &ec2.DescribeStaleSecurityGroupsInput{VpcId: aws.String(vb)})
	wantCode(t, err, "InvalidVpcID.NotFound")
	_, err = ca.DescribeStaleSecurityGroups(e.ctx, &ec2.DescribeStaleSecurityGroupsInput{VpcId: aws.String(va), MaxResults: aws.Int32(300)})
	wantCode(t, err, "InvalidParameterValue")
}
