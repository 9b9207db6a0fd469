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

// reindexGroups rebuilds the group and ACL indexes of st, restoring the
// defaults the stream leaves out, and refuses a group or ACL of the stream
// that is not its VPC's, or not of its VPC's owner. A VPC's default group
// and ACL are already in their scope's sets (reindex).
func (st *state) reindexGroups() error {
	stream, streamACLs := st.sgs, st.acls
	st.sgs = make(map[string]*sgRec, len(stream)+len(st.vpcs))
	st.acls = make(map[string]*aclRec, len(streamACLs)+len(st.vpcs))
	st.sgsByVPC = make(map[string]idSet, len(st.vpcs))
	st.aclsByVPC = make(map[string]idSet, len(st.vpcs))
	st.sgRules = make(map[string]string, 2*len(st.vpcs)+len(stream)) // a default group has two rules
	// Each group is indexed once (reindex refused a group ID two VPCs
	// name), so sgRules and aclAssocs hold as many entries as the groups
	// and ACLs hold rules and associations, unless an ID is held twice.
	rules, assocs := 0, 0
	for _, v := range st.vpcs {
		owner, id := v.owner(), v.v.ID()
		if stream[v.sg] == nil {
			g := secgroup.CreateDefault(v.sg, id, owner.Account)
			st.sgs[v.sg] = &sgRec{owner: owner, g: g}
			st.sgsByVPC[id] = idSet{v.sg: {}}
			for _, x := range g.Rules() {
				st.sgRules[x.ID] = v.sg
				rules++
			}
		}
		if streamACLs[v.acl] == nil {
			st.acls[v.acl] = &aclRec{owner: owner, a: acl.NewDefault(v.acl, id, owner.Account)}
			st.aclsByVPC[id] = idSet{v.acl: {}}
		}
	}
	for id, r := range stream {
		v := st.vpcs[r.g.VPCID()]
		if v == nil || v.owner() != r.owner || r.g.OwnerID() != r.owner.Account || r.g.IsDefault() != (v.sg == id) {
			return fmt.Errorf("security group %s: its VPC %s is not its owner's, or its default flag is wrong", id, r.g.VPCID())
		}
		st.sgs[id] = r
		addID(st.sgsIn, r.owner, id)
		addID(st.sgsByVPC, r.g.VPCID(), id)
		for _, x := range r.g.Rules() {
			st.sgRules[x.ID] = id
			rules++
		}
	}
	for id, r := range streamACLs {
		v := st.vpcs[r.a.VPCID()]
		if v == nil || v.owner() != r.owner || r.a.OwnerID() != r.owner.Account || r.a.IsDefault() != (v.acl == id) {
			return fmt.Errorf("network acl %s: its VPC %s is not its owner's, or its default flag is wrong", id, r.a.VPCID())
		}
		st.acls[id] = r
		addID(st.aclsIn, r.owner, id)
		addID(st.aclsByVPC, r.a.VPCID(), id)
		for _, as := range r.a.Associations() {
			st.aclAssocs[as.ID] = id
			st.aclOfSubnet[as.SubnetID] = as.ID
			assocs++
		}
	}
	if rules != len(st.sgRules) {
		return fmt.Errorf("a security group rule ID is held twice")
	}
	if assocs != len(st.aclAssocs) || assocs != len(st.aclOfSubnet) {
		return fmt.Errorf("a network acl association, or its subnet, is held twice")
	}
	return nil
}

// checkGroups verifies that each VPC's default group and ACL are the ones
// its record names, and that every subnet has one network ACL association
// (reindexGroups checked every other reference of a group or ACL).
func (st *state) checkGroups() error {
	// Every group and ACL is its VPC's, and a default one exactly when its
	// VPC names it (reindexGroups), so each VPC's default is its own
	// exactly when there are as many defaults as VPCs.
	defaultSGs, defaultACLs := 0, 0
	for _, r := range st.sgs {
		if r.g.IsDefault() {
			defaultSGs++
		}
	}
	for _, r := range st.acls {
		if r.a.IsDefault() {
			defaultACLs++
		}
	}
	if defaultSGs != len(st.vpcs) || defaultACLs != len(st.vpcs) {
		for _, v := range st.vpcs {
			if g, a := st.sgs[v.sg], st.acls[v.acl]; g.g.VPCID() != v.v.ID() || a.a.VPCID() != v.v.ID() {
				return fmt.Errorf("vpc %s: its default security group or network ACL is another VPC's", v.v.ID())
			}
		}
		return fmt.Errorf("%d default security groups and %d default network ACLs for %d VPCs", defaultSGs, defaultACLs, len(st.vpcs))
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
