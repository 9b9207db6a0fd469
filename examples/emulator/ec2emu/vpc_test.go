package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestVPCLifecycle(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	out := must[*ec2.CreateVpcOutput](t)(c.CreateVpc(e.ctx, &ec2.CreateVpcInput{
		CidrBlock: aws.String("10.0.0.0/16"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc,
			Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("a")}}}},
	}))
	id := aws.ToString(out.Vpc.VpcId)
	if out.Vpc.State != types.VpcStatePending || aws.ToString(out.Vpc.OwnerId) != alice || len(out.Vpc.Tags) != 1 {
		t.Fatalf("CreateVpc = %+v", out.Vpc)
	}
	d := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}}))
	if len(d.Vpcs) != 1 || d.Vpcs[0].State != types.VpcStateAvailable || aws.ToString(d.Vpcs[0].CidrBlock) != "10.0.0.0/16" {
		t.Fatalf("DescribeVpcs = %+v", d.Vpcs)
	}
	_, err := c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &id})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	wantCode(t, err, "InvalidVpcID.NotFound")
}
