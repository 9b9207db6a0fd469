package vpcmodel

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestSubnetACLHook checks the hook subnet creation uses: a new subnet
// joins its VPC's default ACL, can be moved, and blocks deleting the ACL
// it is on until it is deleted.
func TestSubnetACLHook(t *testing.T) {
	c := New(Options{Random: rand.NewChaCha8([32]byte{7})})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	alice := Caller{Account: "111111111111", Region: "us-east-1"}
	v, err := c.CreateVpc(alice, CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
	if err != nil {
		t.Fatal(err)
	}
	n, err := c.CreateNetworkAcl(alice, CreateNetworkAclInput{VPCID: v.VPC.VPCID}, now)
	if err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	assoc, err := c.associateDefaultNetworkACL(v.VPC.VPCID, "subnet-0123456789abcdef0")
	c.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	moved, err := c.ReplaceNetworkAclAssociation(alice, ReplaceNetworkAclAssociationInput{AssociationID: assoc, NetworkACLID: n.NetworkACL.NetworkACLID}, now)
	if err != nil || moved.NewAssociationID == assoc {
		t.Fatalf("ReplaceNetworkAclAssociation = %+v, %v", moved, err)
	}
	if _, err := c.DeleteNetworkAcl(alice, DeleteNetworkAclInput{NetworkACLID: n.NetworkACL.NetworkACLID}, now); err == nil {
		t.Fatal("an associated ACL was deleted")
	}
	d, _ := c.DescribeNetworkAcls(alice, DescribeNetworkAclsInput{Filters: []Filter{{Name: "association.subnet-id", Values: []string{"subnet-0123456789abcdef0"}}}}, now)
	if len(d.NetworkACLs) != 1 || d.NetworkACLs[0].NetworkACLID != n.NetworkACL.NetworkACLID {
		t.Fatalf("association.subnet-id = %+v", d)
	}
	c.mu.Lock()
	c.disassociateNetworkACL("subnet-0123456789abcdef0")
	c.mu.Unlock()
	if _, err := c.DeleteNetworkAcl(alice, DeleteNetworkAclInput{NetworkACLID: n.NetworkACL.NetworkACLID}, now); err != nil {
		t.Fatal(err)
	}
}
