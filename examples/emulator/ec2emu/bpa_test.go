package ec2emu_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestBlockPublicAccess walks what Terraform's
// aws_vpc_block_public_access_options and _exclusion do: modify, wait for
// update-complete; create an exclusion, wait for create-complete, modify,
// delete, and see it delete-complete until it is forgotten.
func TestBlockPublicAccess(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "eu-west-1")
	opts := must[*ec2.DescribeVpcBlockPublicAccessOptionsOutput](t)(c.DescribeVpcBlockPublicAccessOptions(e.ctx, &ec2.DescribeVpcBlockPublicAccessOptionsInput{}))
	if o := opts.VpcBlockPublicAccessOptions; o.State != types.VpcBlockPublicAccessStateDefaultState || o.InternetGatewayBlockMode != types.InternetGatewayBlockModeOff {
		t.Fatalf("a new Region's options: %+v, want off in default-state", o)
	}
	mod := must[*ec2.ModifyVpcBlockPublicAccessOptionsOutput](t)(c.ModifyVpcBlockPublicAccessOptions(e.ctx, &ec2.ModifyVpcBlockPublicAccessOptionsInput{
		InternetGatewayBlockMode: types.InternetGatewayBlockModeBlockBidirectional}))
	if o := mod.VpcBlockPublicAccessOptions; o.State != types.VpcBlockPublicAccessStateUpdateInProgress ||
		aws.ToString(o.AwsAccountId) != alice || aws.ToString(o.AwsRegion) != "eu-west-1" {
		t.Fatalf("ModifyVpcBlockPublicAccessOptions = %+v", o)
	}
	opts = must[*ec2.DescribeVpcBlockPublicAccessOptionsOutput](t)(c.DescribeVpcBlockPublicAccessOptions(e.ctx, &ec2.DescribeVpcBlockPublicAccessOptionsInput{}))
	if o := opts.VpcBlockPublicAccessOptions; o.State != types.VpcBlockPublicAccessStateUpdateComplete || o.InternetGatewayBlockMode != types.InternetGatewayBlockModeBlockBidirectional {
		t.Fatalf("options after the change settled: %+v", o)
	}
	_, err := c.ModifyVpcBlockPublicAccessOptions(e.ctx, &ec2.ModifyVpcBlockPublicAccessOptionsInput{InternetGatewayBlockMode: "block-everything"})
	wantCode(t, err, "InvalidParameterValue")

	vpcID := newVPC(t, e, c, "10.0.0.0/16")
	cr := must[*ec2.CreateVpcBlockPublicAccessExclusionOutput](t)(c.CreateVpcBlockPublicAccessExclusion(e.ctx, &ec2.CreateVpcBlockPublicAccessExclusionInput{
		VpcId: &vpcID, InternetGatewayExclusionMode: types.InternetGatewayExclusionModeAllowBidirectional,
		TagSpecifications: []types.TagSpecification{{ResourceType: "vpc-block-public-access-exclusion", Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("x")}}}},
	}))
	x := cr.VpcBlockPublicAccessExclusion
	id := aws.ToString(x.ExclusionId)
	if x.State != types.VpcBlockPublicAccessExclusionStateCreateInProgress || aws.ToString(x.ResourceArn) != "arn:aws:ec2:eu-west-1:"+alice+":vpc/"+vpcID {
		t.Fatalf("CreateVpcBlockPublicAccessExclusion = %+v", x)
	}
	_, err = c.CreateVpcBlockPublicAccessExclusion(e.ctx, &ec2.CreateVpcBlockPublicAccessExclusionInput{
		VpcId: &vpcID, InternetGatewayExclusionMode: types.InternetGatewayExclusionModeAllowEgress})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.CreateVpcBlockPublicAccessExclusion(e.ctx, &ec2.CreateVpcBlockPublicAccessExclusionInput{
		VpcId: aws.String("vpc-0123456789abcdef0"), InternetGatewayExclusionMode: types.InternetGatewayExclusionModeAllowEgress})
	wantCode(t, err, "InvalidVpcID.NotFound")

	describe := func() types.VpcBlockPublicAccessExclusion {
		t.Helper()
		d := must[*ec2.DescribeVpcBlockPublicAccessExclusionsOutput](t)(c.DescribeVpcBlockPublicAccessExclusions(e.ctx, &ec2.DescribeVpcBlockPublicAccessExclusionsInput{ExclusionIds: []string{id}}))
		if len(d.VpcBlockPublicAccessExclusions) != 1 {
			t.Fatalf("DescribeVpcBlockPublicAccessExclusions(%s) = %+v", id, d.VpcBlockPublicAccessExclusions)
		}
		return d.VpcBlockPublicAccessExclusions[0]
	}
	if got := describe(); got.State != types.VpcBlockPublicAccessExclusionStateCreateComplete || len(got.Tags) != 1 {
		t.Fatalf("exclusion after its creation settled: %+v", got)
	}
	mx := must[*ec2.ModifyVpcBlockPublicAccessExclusionOutput](t)(c.ModifyVpcBlockPublicAccessExclusion(e.ctx, &ec2.ModifyVpcBlockPublicAccessExclusionInput{
		ExclusionId: &id, InternetGatewayExclusionMode: types.InternetGatewayExclusionModeAllowEgress}))
	if mx.VpcBlockPublicAccessExclusion.State != types.VpcBlockPublicAccessExclusionStateUpdateInProgress {
		t.Fatalf("ModifyVpcBlockPublicAccessExclusion = %+v", mx.VpcBlockPublicAccessExclusion)
	}
	if got := describe(); got.State != types.VpcBlockPublicAccessExclusionStateUpdateComplete || got.InternetGatewayExclusionMode != types.InternetGatewayExclusionModeAllowEgress {
		t.Fatalf("exclusion after its change settled: %+v", got)
	}
	must[*ec2.DeleteVpcBlockPublicAccessExclusionOutput](t)(c.DeleteVpcBlockPublicAccessExclusion(e.ctx, &ec2.DeleteVpcBlockPublicAccessExclusionInput{ExclusionId: &id}))
	if got := describe(); got.State != types.VpcBlockPublicAccessExclusionStateDeleteComplete || got.DeletionTimestamp == nil {
		t.Fatalf("exclusion after its deletion settled: %+v", got)
	}
	_, err = c.DeleteVpcBlockPublicAccessExclusion(e.ctx, &ec2.DeleteVpcBlockPublicAccessExclusionInput{ExclusionId: &id})
	wantCode(t, err, "IncorrectState")
	// A deleted exclusion frees its VPC for another, and is forgotten an
	// hour later.
	must[*ec2.CreateVpcBlockPublicAccessExclusionOutput](t)(c.CreateVpcBlockPublicAccessExclusion(e.ctx, &ec2.CreateVpcBlockPublicAccessExclusionInput{
		VpcId: &vpcID, InternetGatewayExclusionMode: types.InternetGatewayExclusionModeAllowEgress}))
	e.advance(time.Hour)
	_, err = c.DescribeVpcBlockPublicAccessExclusions(e.ctx, &ec2.DescribeVpcBlockPublicAccessExclusionsInput{ExclusionIds: []string{id}})
	wantCode(t, err, "InvalidVpcBlockPublicAccessExclusionId.NotFound")
}
