package main_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// TestTerraformIPAM applies, plans and destroys the ipam stack: the IPAM
// resources of the VPC module's ipam example and VPCs from the pool. The
// preview answers the block the first VPC then gets; after destroy no
// IPAM is left.
func TestTerraformIPAM(t *testing.T) {
	sc := scope{"111111111111", "us-east-1"}
	s := newStack(t, "ipam")
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		wantEqual(t, out, "preview_cidr", "10.0.0.0/16")
		wantEqual(t, out, "netmask_cidr", "10.0.0.0/16")
		wantEqual(t, out, "given_cidr", "10.1.0.0/16")
		wantEqual(t, out, "subnet_cidr", "10.0.1.0/24")
		wantEqual(t, out, "pool_state", "create-complete")
	})
	c := s.client(sc)
	ipams := must[*ec2.DescribeIpamsOutput](t)(c.DescribeIpams(context.Background(), &ec2.DescribeIpamsInput{})).Ipams
	if len(ipams) != 0 {
		t.Errorf("%d IPAMs left after destroy", len(ipams))
	}
	s.checkEmpty(sc)
}
