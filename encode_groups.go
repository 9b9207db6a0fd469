package vpcmodel

import (
	"fmt"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/secgroup"
)

// Security groups and network ACLs in the encoding: one record each, but
// for a VPC's default group and ACL while they are as EC2 made them (no
// rule, entry or association changed). A VPC without them in the stream
// gets them back, with EC2's default rules, under the IDs its VPC record
// names.

// reindexGroups rebuilds the group and ACL indexes of st, first restoring
// the defaults an older stream did not hold.
func (st *state) reindexGroups() {
	for _, v := range st.vpcs {
		owner := v.owner()
		if st.sgs[v.sg] == nil {
			st.sgs[v.sg] = &sgRec{owner: owner, g: secgroup.CreateDefault(v.sg, v.v.ID(), owner.Account)}
		}
		if st.acls[v.acl] == nil {
			st.acls[v.acl] = &aclRec{owner: owner, a: acl.NewDefault(v.acl, v.v.ID(), owner.Account)}
		}
	}
	for id, r := range st.sgs {
		addID(st.sgsIn, r.owner, id)
		addID(st.sgsByVPC, r.g.VPCID(), id)
		for _, x := range r.g.Rules() {
			st.sgRules[x.ID] = id
		}
	}
	for id, r := range st.acls {
		addID(st.aclsIn, r.owner, id)
		addID(st.aclsByVPC, r.a.VPCID(), id)
		for _, as := range r.a.Associations() {
			st.aclAssocs[as.ID] = id
			st.aclOfSubnet[as.SubnetID] = as.ID
		}
	}
}

// checkGroups verifies that every group and ACL belongs to a VPC of its
// owner, that each VPC's defaults are the ones its record names, that no
// rule ID or association is held twice, and that every subnet has one
// association.
func (st *state) checkGroups() error {
	rules, assocs := 0, 0
	for id, r := range st.sgs {
		v := st.vpcs[r.g.VPCID()]
		if v == nil || v.owner() != r.owner || r.g.OwnerID() != r.owner.Account || r.g.IsDefault() != (v.sg == id) {
			return fmt.Errorf("security group %s: its VPC %s is not its owner's, or its default flag is wrong", id, r.g.VPCID())
		}
		rules += len(r.g.Rules())
	}
	for id, r := range st.acls {
		v := st.vpcs[r.a.VPCID()]
		if v == nil || v.owner() != r.owner || r.a.OwnerID() != r.owner.Account || r.a.IsDefault() != (v.acl == id) {
			return fmt.Errorf("network acl %s: its VPC %s is not its owner's, or its default flag is wrong", id, r.a.VPCID())
		}
		assocs += len(r.a.Associations())
	}
	if rules != len(st.sgRules) {
		return fmt.Errorf("a security group rule ID is held twice")
	}
	if assocs != len(st.aclAssocs) || assocs != len(st.aclOfSubnet) {
		return fmt.Errorf("a network acl association, or its subnet, is held twice")
	}
	// Every subnet is associated with exactly one ACL of its VPC, and every
	// association names a subnet.
	for subnetID, assoc := range st.aclOfSubnet {
		s, ok := st.subnets[subnetID]
		if !ok {
			return fmt.Errorf("network acl association %s: no subnet %s", assoc, subnetID)
		}
		if r := st.acls[st.aclAssocs[assoc]]; r == nil || r.a.VPCID() != s.VPCID() {
			return fmt.Errorf("network acl association %s: subnet %s is in another VPC", assoc, subnetID)
		}
	}
	for id := range st.subnets {
		if _, ok := st.aclOfSubnet[id]; !ok {
			return fmt.Errorf("subnet %s has no network acl", id)
		}
	}
	return nil
}

// existsInGroups reports whether owner holds group, ACL or rule id.
func (st *state) existsInGroups(owner scope, id string) bool {
	if r := st.sgs[id]; r != nil {
		return r.owner == owner
	}
	if r := st.acls[id]; r != nil {
		return r.owner == owner
	}
	if r := st.sgs[st.sgRules[id]]; r != nil {
		return r.owner == owner
	}
	return false
}
