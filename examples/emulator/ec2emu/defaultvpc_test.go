package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestDefaultVPC walks what Terraform's aws_default_vpc and
// aws_default_subnet do: look the default VPC up by its filter, create one
// when there is none, and find each zone's default subnet.
func TestDefaultVPC(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "eu-west-1")
	isDefault := []types.Filter{{Name: aws.String("isDefault"), Values: []string{"true"}}}
	none := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: isDefault}))
	if len(none.Vpcs) != 0 {
		t.Fatalf("a new Region has default VPCs %+v, want none", none.Vpcs)
	}
	out := must[*ec2.CreateDefaultVpcOutput](t)(c.CreateDefaultVpc(e.ctx, &ec2.CreateDefaultVpcInput{}))
	id := aws.ToString(out.Vpc.VpcId)
	if !aws.ToBool(out.Vpc.IsDefault) || aws.ToString(out.Vpc.CidrBlock) != "172.31.0.0/16" {
		t.Fatalf("CreateDefaultVpc = %+v", out.Vpc)
	}
	_, err := c.CreateDefaultVpc(e.ctx, &ec2.CreateDefaultVpcInput{})
	wantCode(t, err, "DefaultVpcAlreadyExists")

	found := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: isDefault}))
	if len(found.Vpcs) != 1 || aws.ToString(found.Vpcs[0].VpcId) != id || !aws.ToBool(found.Vpcs[0].IsDefault) {
		t.Fatalf("DescribeVpcs isDefault=true = %+v, want %s", found.Vpcs, id)
	}
	if !vpcAttr(t, e, c, id, types.VpcAttributeNameEnableDnsHostnames) {
		t.Error("the default VPC's DNS hostnames are off, want on")
	}

	subs := must[*ec2.DescribeSubnetsOutput](t)(c.DescribeSubnets(e.ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{
		{Name: aws.String("availabilityZone"), Values: []string{"eu-west-1b"}},
		{Name: aws.String("defaultForAz"), Values: []string{"true"}},
	}}))
	if len(subs.Subnets) != 1 {
		t.Fatalf("default subnets of eu-west-1b: %+v, want one", subs.Subnets)
	}
	s := subs.Subnets[0]
	if aws.ToString(s.CidrBlock) != "172.31.16.0/20" || !aws.ToBool(s.MapPublicIpOnLaunch) || !aws.ToBool(s.DefaultForAz) {
		t.Errorf("default subnet of eu-west-1b = %s public %v default %v; want 172.31.16.0/20, both true",
			aws.ToString(s.CidrBlock), aws.ToBool(s.MapPublicIpOnLaunch), aws.ToBool(s.DefaultForAz))
	}
	_, err = c.CreateDefaultSubnet(e.ctx, &ec2.CreateDefaultSubnetInput{AvailabilityZone: aws.String("eu-west-1b")})
	wantCode(t, err, "DefaultSubnetAlreadyExistsInAvailabilityZone")
	_, err = e.client(bob, "eu-west-1").CreateDefaultSubnet(e.ctx, &ec2.CreateDefaultSubnetInput{AvailabilityZone: aws.String("eu-west-1b")})
	wantCode(t, err, "DefaultVpcDoesNotExist")

	// The default VPC is deleted as any other, once its subnets and
	// gateway are gone.
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &id})
	wantCode(t, err, "DependencyViolation")
}
