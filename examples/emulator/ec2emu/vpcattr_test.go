package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func newVPC(t *testing.T, e *env, c *ec2.Client, block string) string {
	t.Helper()
	out := must[*ec2.CreateVpcOutput](t)(c.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(block)}))
	return aws.ToString(out.Vpc.VpcId)
}

func vpcAttr(t *testing.T, e *env, c *ec2.Client, id string, name types.VpcAttributeName) bool {
	t.Helper()
	out := must[*ec2.DescribeVpcAttributeOutput](t)(c.DescribeVpcAttribute(e.ctx, &ec2.DescribeVpcAttributeInput{VpcId: &id, Attribute: name}))
	if aws.ToString(out.VpcId) != id {
		t.Fatalf("DescribeVpcAttribute(%s).VpcId = %q", name, aws.ToString(out.VpcId))
	}
	var v *types.AttributeBooleanValue
	switch name {
	case types.VpcAttributeNameEnableDnsSupport:
		v = out.EnableDnsSupport
	case types.VpcAttributeNameEnableDnsHostnames:
		v = out.EnableDnsHostnames
	case types.VpcAttributeNameEnableNetworkAddressUsageMetrics:
		v = out.EnableNetworkAddressUsageMetrics
	}
	if v == nil || v.Value == nil {
		t.Fatalf("DescribeVpcAttribute(%s) answered no value: %+v", name, out)
	}
	return *v.Value
}

func TestVPCAttributes(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	id := newVPC(t, e, c, "10.0.0.0/16")

	// EC2's defaults for a VPC that is not the default VPC.
	defaults := map[types.VpcAttributeName]bool{
		types.VpcAttributeNameEnableDnsSupport:                 true,
		types.VpcAttributeNameEnableDnsHostnames:               false,
		types.VpcAttributeNameEnableNetworkAddressUsageMetrics: false,
	}
	for name, want := range defaults {
		if got := vpcAttr(t, e, c, id, name); got != want {
			t.Errorf("new VPC: %s = %v, want %v", name, got, want)
		}
	}

	// Each modification changes its own attribute and no other.
	steps := []struct {
		in   ec2.ModifyVpcAttributeInput
		name types.VpcAttributeName
		to   bool
	}{
		{ec2.ModifyVpcAttributeInput{EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}}, types.VpcAttributeNameEnableDnsHostnames, true},
		{ec2.ModifyVpcAttributeInput{EnableNetworkAddressUsageMetrics: &types.AttributeBooleanValue{Value: aws.Bool(true)}}, types.VpcAttributeNameEnableNetworkAddressUsageMetrics, true},
		{ec2.ModifyVpcAttributeInput{EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(false)}}, types.VpcAttributeNameEnableDnsSupport, false},
		{ec2.ModifyVpcAttributeInput{EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(false)}}, types.VpcAttributeNameEnableDnsHostnames, false},
	}
	want := defaults
	for _, st := range steps {
		in := st.in
		in.VpcId = &id
		must[*ec2.ModifyVpcAttributeOutput](t)(c.ModifyVpcAttribute(e.ctx, &in))
		want[st.name] = st.to
		for name, w := range want {
			if got := vpcAttr(t, e, c, id, name); got != w {
				t.Errorf("after setting %s to %v: %s = %v, want %v", st.name, st.to, name, got, w)
			}
		}
	}

	// One attribute per call, on a VPC the caller owns.
	_, err := c.ModifyVpcAttribute(e.ctx, &ec2.ModifyVpcAttributeInput{VpcId: &id,
		EnableDnsSupport:   &types.AttributeBooleanValue{Value: aws.Bool(true)},
		EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
	wantCode(t, err, "InvalidParameterCombination")
	_, err = c.ModifyVpcAttribute(e.ctx, &ec2.ModifyVpcAttributeInput{VpcId: &id})
	wantCode(t, err, "MissingParameter")
	_, err = c.DescribeVpcAttribute(e.ctx, &ec2.DescribeVpcAttributeInput{VpcId: &id, Attribute: "enableClassicLink"})
	wantCode(t, err, "InvalidParameterValue")
	other := e.client(bob, "us-east-1")
	_, err = other.DescribeVpcAttribute(e.ctx, &ec2.DescribeVpcAttributeInput{VpcId: &id, Attribute: types.VpcAttributeNameEnableDnsSupport})
	wantCode(t, err, "InvalidVpcID.NotFound")
	_, err = c.DescribeVpcAttribute(e.ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String("vpc-nope"), Attribute: types.VpcAttributeNameEnableDnsSupport})
	wantCode(t, err, "InvalidVpcID.Malformed")
}

func TestDisassociateVpcCidrBlock(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	id := newVPC(t, e, c, "10.0.0.0/16")
	assoc := must[*ec2.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &id, CidrBlock: aws.String("10.1.0.0/16")}))
	assocID := aws.ToString(assoc.CidrBlockAssociation.AssociationId)

	vpc := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})).Vpcs[0]
	if len(vpc.CidrBlockAssociationSet) != 2 {
		t.Fatalf("blocks after associate = %+v", vpc.CidrBlockAssociationSet)
	}
	primary := aws.ToString(vpc.CidrBlockAssociationSet[0].AssociationId)

	// Another account cannot see the association.
	_, err := e.client(bob, "us-east-1").DisassociateVpcCidrBlock(e.ctx, &ec2.DisassociateVpcCidrBlockInput{AssociationId: &assocID})
	wantCode(t, err, "InvalidVpcCidrBlockAssociationID.NotFound")
	// The primary block stays.
	_, err = c.DisassociateVpcCidrBlock(e.ctx, &ec2.DisassociateVpcCidrBlockInput{AssociationId: &primary})
	wantCode(t, err, "OperationNotPermitted")

	out := must[*ec2.DisassociateVpcCidrBlockOutput](t)(c.DisassociateVpcCidrBlock(e.ctx, &ec2.DisassociateVpcCidrBlockInput{AssociationId: &assocID}))
	if aws.ToString(out.VpcId) != id || aws.ToString(out.CidrBlockAssociation.CidrBlock) != "10.1.0.0/16" ||
		out.CidrBlockAssociation.CidrBlockState.State != types.VpcCidrBlockStateCodeDisassociating {
		t.Fatalf("DisassociateVpcCidrBlock = %+v / %+v", out, out.CidrBlockAssociation)
	}
	// Terraform waits for the association to leave DescribeVpcs.
	left := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{
		{Name: aws.String("cidr-block-association.association-id"), Values: []string{assocID}}}}))
	if len(left.Vpcs) != 0 {
		t.Fatalf("DescribeVpcs by the disassociated block = %+v", left.Vpcs)
	}
	_, err = c.DisassociateVpcCidrBlock(e.ctx, &ec2.DisassociateVpcCidrBlockInput{AssociationId: &assocID})
	wantCode(t, err, "InvalidVpcCidrBlockAssociationID.NotFound")
	// The freed block can be associated again.
	must[*ec2.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &id, CidrBlock: aws.String("10.1.0.0/16")}))
}

// TestDefaultSecurityGroupAndNetworkACL looks each VPC's default security
// group and network ACL up the way Terraform's aws_vpc does.
func TestDefaultSecurityGroupAndNetworkACL(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	a := newVPC(t, e, c, "10.0.0.0/16")
	b := newVPC(t, e, c, "10.1.0.0/16")
	newVPC(t, e, e.client(bob, "us-east-1"), "10.2.0.0/16")

	byVPC := func(id string) []types.Filter {
		return []types.Filter{{Name: aws.String("vpc-id"), Values: []string{id}}}
	}
	groupIDs := map[string]string{}
	for _, v := range []string{a, b} {
		sgs := must[*ec2.DescribeSecurityGroupsOutput](t)(c.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{
			Filters: append(byVPC(v), types.Filter{Name: aws.String("group-name"), Values: []string{"default"}})}))
		if len(sgs.SecurityGroups) != 1 {
			t.Fatalf("default security groups of %s = %+v", v, sgs.SecurityGroups)
		}
		g := sgs.SecurityGroups[0]
		if aws.ToString(g.VpcId) != v || aws.ToString(g.GroupName) != "default" || aws.ToString(g.OwnerId) != alice ||
			len(g.IpPermissions) != 1 || len(g.IpPermissions[0].UserIdGroupPairs) != 1 ||
			aws.ToString(g.IpPermissions[0].UserIdGroupPairs[0].GroupId) != aws.ToString(g.GroupId) ||
			len(g.IpPermissionsEgress) != 1 || aws.ToString(g.IpPermissionsEgress[0].IpRanges[0].CidrIp) != "0.0.0.0/0" {
			t.Errorf("default security group of %s = %+v", v, g)
		}
		groupIDs[v] = aws.ToString(g.GroupId)

		acls := must[*ec2.DescribeNetworkAclsOutput](t)(c.DescribeNetworkAcls(e.ctx, &ec2.DescribeNetworkAclsInput{
			Filters: append(byVPC(v), types.Filter{Name: aws.String("default"), Values: []string{"true"}})}))
		if len(acls.NetworkAcls) != 1 {
			t.Fatalf("default network ACLs of %s = %+v", v, acls.NetworkAcls)
		}
		acl := acls.NetworkAcls[0]
		if aws.ToString(acl.VpcId) != v || !aws.ToBool(acl.IsDefault) || len(acl.Entries) != 4 {
			t.Errorf("default network ACL of %s = %+v", v, acl)
		}
		// The same lookup again answers the same IDs.
		again := must[*ec2.DescribeNetworkAclsOutput](t)(c.DescribeNetworkAcls(e.ctx, &ec2.DescribeNetworkAclsInput{
			NetworkAclIds: []string{aws.ToString(acl.NetworkAclId)}}))
		if len(again.NetworkAcls) != 1 || aws.ToString(again.NetworkAcls[0].VpcId) != v {
			t.Errorf("DescribeNetworkAcls by ID %s = %+v", aws.ToString(acl.NetworkAclId), again.NetworkAcls)
		}
	}
	if groupIDs[a] == groupIDs[b] {
		t.Errorf("two VPCs share the default security group %s", groupIDs[a])
	}
	all := must[*ec2.DescribeSecurityGroupsOutput](t)(c.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{}))
	if len(all.SecurityGroups) != 2 {
		t.Errorf("alice sees %d security groups, want her 2", len(all.SecurityGroups))
	}
	_, err := c.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-0123456789abcdef0"}})
	wantCode(t, err, "InvalidGroup.NotFound")
	_, err = c.DescribeNetworkAcls(e.ctx, &ec2.DescribeNetworkAclsInput{NetworkAclIds: []string{"acl-0123456789abcdef0"}})
	wantCode(t, err, "InvalidNetworkAclID.NotFound")
	_, err = c.DescribeSecurityGroups(e.ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String("no-such-filter"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")
}

// TestDisassociatedBlockLeavesPeering checks that a peering connection stops
// listing a block its VPC has disassociated.
func TestDisassociatedBlockLeavesPeering(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	a := newVPC(t, e, c, "10.0.0.0/16")
	b := newVPC(t, e, c, "10.2.0.0/16")
	assoc := must[*ec2.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &a, CidrBlock: aws.String("10.1.0.0/16")}))
	pcx := must[*ec2.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b}))
	id := pcx.VpcPeeringConnection.VpcPeeringConnectionId
	must[*ec2.AcceptVpcPeeringConnectionOutput](t)(c.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: id}))
	blocks := func() []string {
		out := must[*ec2.DescribeVpcPeeringConnectionsOutput](t)(c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{VpcPeeringConnectionIds: []string{*id}}))
		var got []string
		for _, blk := range out.VpcPeeringConnections[0].RequesterVpcInfo.CidrBlockSet {
			got = append(got, aws.ToString(blk.CidrBlock))
		}
		return got
	}
	if got := blocks(); len(got) != 2 {
		t.Fatalf("requester blocks before = %v, want both", got)
	}
	must[*ec2.DisassociateVpcCidrBlockOutput](t)(c.DisassociateVpcCidrBlock(e.ctx, &ec2.DisassociateVpcCidrBlockInput{AssociationId: assoc.CidrBlockAssociation.AssociationId}))
	if got := blocks(); len(got) != 1 || got[0] != "10.0.0.0/16" {
		t.Fatalf("requester blocks after disassociating 10.1.0.0/16 = %v", got)
	}
}
