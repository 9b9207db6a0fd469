package vpcmodel

import (
	"fmt"
	"maps"
	"slices"

	"github.com/vpclab/vpcmodel/dhcp"
	"github.com/vpclab/vpcmodel/flowlog"
	"github.com/vpclab/vpcmodel/internal/ec2"
)

// The records of DHCP option sets and flow logs:
//
//	dhcpDefault <TAB> account <TAB> Region <TAB> {}     the scope's default set has been made
//	dhcpOptions <TAB> account <TAB> Region <TAB> {...}
//	dhcpAssociation <TAB> vpc-... <TAB> dopt-...        a VPC that uses a set
//	flowLog <TAB> account <TAB> Region <TAB> {...}

// writeDHCPFlow writes c's option sets, their associations and flow logs.
func (c *Cloud) writeDHCPFlow(put func(payload []byte, fields ...string), encode func(interface{ MarshalBinary() ([]byte, error) }) []byte) {
	for _, sc := range slices.SortedFunc(maps.Keys(c.defaultMade), compareScope) {
		put([]byte("{}"), "dhcpDefault", sc.Account, sc.Region)
	}
	for _, id := range sortedKeys(c.dopts) {
		r := c.dopts[id]
		put(encode(r.o), "dhcpOptions", r.owner.Account, r.owner.Region)
	}
	for _, vpcID := range sortedKeys(c.doptOf) {
		put([]byte(c.doptOf[vpcID]), "dhcpAssociation", vpcID)
	}
	for _, id := range sortedKeys(c.flowLogs) {
		r := c.flowLogs[id]
		put(encode(r.f), "flowLog", r.owner.Account, r.owner.Region)
	}
}

// addDHCPFlow takes one record of kind, whose owner (but for
// dhcpAssociation) is read, into st.
func (st *state) addDHCPFlow(kind string, owner scope, fields []string, payload []byte) error {
	switch kind {
	case "dhcpDefault":
		if string(payload) != "{}" || st.defaultMade[owner] {
			return fmt.Errorf("dhcpDefault of %s in %s: malformed or twice", owner.Account, owner.Region)
		}
		st.defaultMade[owner] = true
	case "dhcpOptions":
		var o dhcp.Options
		if err := o.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.dopts[o.ID()] != nil || o.OwnerID() != owner.Account {
			return fmt.Errorf("dhcp options %s twice or not its owner's", o.ID())
		}
		st.dopts[o.ID()] = &doptRec{owner: owner, o: o}
	case "dhcpAssociation":
		vpcID, id := fields[0], string(payload)
		if !ec2.VPC.IsID(vpcID) || !ec2.DHCPOptions.IsID(id) {
			return fmt.Errorf("dhcpAssociation %q %q: malformed", vpcID, id)
		}
		if _, dup := st.doptOf[vpcID]; dup {
			return fmt.Errorf("dhcpAssociation of %s twice", vpcID)
		}
		st.doptOf[vpcID] = id
	case "flowLog":
		var f flowlog.FlowLog
		if err := f.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.flowLogs[f.ID()] != nil || f.OwnerID() != owner.Account {
			return fmt.Errorf("flow log %s twice or not its owner's", f.ID())
		}
		st.flowLogs[f.ID()] = &flowRec{owner: owner, f: f}
	default:
		return fmt.Errorf("an unknown record %q", kind)
	}
	return nil
}

// reindexDHCPFlow rebuilds the indexes of option sets and flow logs.
func (st *state) reindexDHCPFlow() {
	for id, r := range st.dopts {
		addID(st.doptsIn, r.owner, id)
	}
	for vpcID, id := range st.doptOf {
		addID(st.vpcsOfDopt, id, vpcID)
	}
	for id, r := range st.flowLogs {
		addID(st.flowsIn, r.owner, id)
		addID(st.flowsOf, r.f.ResourceID(), id)
	}
}

// checkDHCPFlow verifies that every association names a VPC and a set of
// the same owner, and every flow log a resource of its owner.
func (st *state) checkDHCPFlow() error {
	for vpcID, id := range st.doptOf {
		v, d := st.vpcs[vpcID], st.dopts[id]
		if v == nil || d == nil || v.owner() != d.owner {
			return fmt.Errorf("dhcpAssociation %s %s: no such VPC or set of one owner", vpcID, id)
		}
	}
	for id, r := range st.flowLogs {
		res := r.f.ResourceID()
		ok := false
		if v := st.vpcs[res]; v != nil {
			ok = v.owner() == r.owner
		} else if s, found := st.subnets[res]; found {
			ok = subnetScope(s) == r.owner
		} else if e := st.enis[res]; e != nil {
			ok = e.owner == r.owner
		}
		if !ok {
			return fmt.Errorf("flow log %s: no resource %s of its owner", id, res)
		}
	}
	return nil
}

// existsInDHCPFlow reports whether owner holds option set or flow log id.
func (st *state) existsInDHCPFlow(owner scope, id string) bool {
	if r := st.dopts[id]; r != nil {
		return r.owner == owner
	}
	if r := st.flowLogs[id]; r != nil {
		return r.owner == owner
	}
	return false
}
