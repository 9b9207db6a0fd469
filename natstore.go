package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/eip"
	"github.com/vpclab/vpcmodel/gateway"
	"github.com/vpclab/vpcmodel/subnet"
)

// natStore is the part of a Cloud's state that NAT gateways and Elastic IP
// addresses add: the resources, and the indexes derived from them.
type natStore struct {
	nats  map[string]*natRec
	addrs map[string]*eipRec

	// Indexes, derived from the resources above.
	natsIn       map[scope]idSet       // each scope's NAT gateways, failed and deleted ones included
	natsOfSubnet map[string]idSet      // each subnet's NAT gateways, likewise
	natsOfVPC    map[string]idSet      // each VPC's NAT gateways, likewise
	natsLive     map[scope]idSet       // each scope's NAT gateways pending, available or deleting
	natsDue      []string              // NAT gateways pending or deleting: the next call settles them
	natsEnding   []natEnding           // failed and deleted NAT gateways, by the instant they vanish
	addrsIn      map[scope]idSet       // each scope's addresses
	addrByIP     map[netip.Addr]string // every allocated public address -> its allocation
}

// natRec is one NAT gateway and the scope that owns it.
type natRec struct {
	owner scope
	g     gateway.NAT
}

// eipRec is one Elastic IP address and the scope that holds it.
type eipRec struct {
	owner scope
	a     eip.Address
}

// natEnding is when a failed or deleted NAT gateway stops being listed.
type natEnding struct {
	id string
	at time.Time
}

func newNATStore() natStore {
	return natStore{
		nats:         make(map[string]*natRec),
		addrs:        make(map[string]*eipRec),
		natsIn:       make(map[scope]idSet),
		natsOfSubnet: make(map[string]idSet),
		natsOfVPC:    make(map[string]idSet),
		natsLive:     make(map[scope]idSet),
		addrsIn:      make(map[scope]idSet),
		addrByIP:     make(map[netip.Addr]string),
	}
}

// amazonPool is where every Elastic IP address is drawn from.
var amazonPool = eip.AmazonPool()

// indexNAT and unindexNAT keep the NAT gateway indexes but natsDue,
// natsEnding and natsLive, which follow the gateway's state (track).
func (n *natStore) indexNAT(r *natRec) {
	addID(n.natsIn, r.owner, r.g.ID())
	addID(n.natsOfSubnet, r.g.SubnetID(), r.g.ID())
	addID(n.natsOfVPC, r.g.VPCID(), r.g.ID())
}

func (n *natStore) unindexNAT(r *natRec) {
	removeID(n.natsIn, r.owner, r.g.ID())
	removeID(n.natsOfSubnet, r.g.SubnetID(), r.g.ID())
	removeID(n.natsOfVPC, r.g.VPCID(), r.g.ID())
}

// track records what the next calls owe g, a step or its disappearance,
// and whether g counts among its owner's live gateways.
func (n *natStore) track(owner scope, g gateway.NAT) {
	if g.State().IsTerminal() {
		removeID(n.natsLive, owner, g.ID())
	} else {
		addID(n.natsLive, owner, g.ID())
	}
	switch g.State() {
	case gateway.NATPending, gateway.NATDeleting:
		if !slices.Contains(n.natsDue, g.ID()) {
			n.natsDue = append(n.natsDue, g.ID())
		}
	case gateway.NATFailed, gateway.NATDeleted:
		at, _ := g.ExpiresAt()
		e := natEnding{g.ID(), at}
		i, _ := slices.BinarySearchFunc(n.natsEnding, e, compareEnding)
		n.natsEnding = slices.Insert(n.natsEnding, i, e)
	}
}

// untrack forgets g's place in natsEnding.
func (n *natStore) untrack(id string) {
	n.natsEnding = slices.DeleteFunc(n.natsEnding, func(e natEnding) bool { return e.id == id })
}

func compareEnding(a, b natEnding) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

func (n *natStore) indexAddress(r *eipRec) {
	addID(n.addrsIn, r.owner, r.a.AllocationID())
	n.addrByIP[r.a.PublicIP()] = r.a.AllocationID()
}

func (n *natStore) unindexAddress(r *eipRec) {
	removeID(n.addrsIn, r.owner, r.a.AllocationID())
	delete(n.addrByIP, r.a.PublicIP())
}

// natsDueAt reports whether a call at now has NAT gateway steps to take.
func (n *natStore) natsDueAt(now time.Time) bool {
	return len(n.natsDue) > 0 || len(n.natsEnding) > 0 && !now.Before(n.natsEnding[0].at)
}

// settleNATs takes the steps EC2 takes by itself: pending gateways become
// available or failed, deleting ones deleted, giving back their Elastic IP
// addresses; failed and deleted ones vanish after their retention.
func (c *Cloud) settleNATs(now time.Time) {
	for _, id := range c.natsDue {
		r := c.nats[id]
		if r == nil {
			continue
		}
		was := r.g.State()
		r.g = r.g.Settle(now)
		if was == gateway.NATDeleting {
			c.releaseNATAddress(r.g)
		}
		c.track(r.owner, r.g)
	}
	c.natsDue = c.natsDue[:0]
	for len(c.natsEnding) > 0 && !now.Before(c.natsEnding[0].at) {
		id := c.natsEnding[0].id
		c.natsEnding = c.natsEnding[1:]
		if r := c.nats[id]; r != nil {
			delete(c.nats, id)
			c.unindexNAT(r)
			c.dropTags(id)
		}
	}
}

// releaseNATAddress ends the association of g's Elastic IP address, which
// g held.
func (c *Cloud) releaseNATAddress(g gateway.NAT) {
	a := c.addrs[g.AllocationID()]
	if a == nil {
		return
	}
	if assoc, ok := a.a.Association(); ok && assoc.ID == g.AssociationID() {
		a.a = a.a.DisassociateByService()
	}
}

// liveNATs returns the gateways of a scope that are pending, available or
// deleting: at most gateway.NATsPerZone per zone, however many failed and
// deleted ones the scope still lists.
func (c *Cloud) liveNATs(sc scope) []gateway.NAT {
	out := make([]gateway.NAT, 0, len(c.natsLive[sc]))
	for id := range c.natsLive[sc] {
		out = append(out, c.nats[id].g)
	}
	return out
}

// heldIPs returns the private addresses the NAT gateways of s hold.
func (c *Cloud) heldIPs(s subnet.Subnet) map[netip.Addr]bool {
	held := map[netip.Addr]bool{}
	for _, g := range c.liveNATs(subnetScope(s)) {
		if g.SubnetID() == s.ID() && g.HoldsAddresses() {
			held[g.PrivateIP()] = true
		}
	}
	return held
}

// vpcHasPublicNAT reports whether a public NAT gateway of a VPC of sc holds
// its Elastic IP address: a public address mapped in the VPC.
func (c *Cloud) vpcHasPublicNAT(sc scope, vpcID string) bool {
	for _, g := range c.liveNATs(sc) {
		if g.VPCID() == vpcID && g.HoldsAddresses() && g.Connectivity() == gateway.Public {
			return true
		}
	}
	return false
}

// writeNATs writes the NAT gateways and addresses, each in ID order, for
// [Cloud.WriteTo].
func (c *Cloud) writeNATs(put func(payload []byte, fields ...string), encode func(interface{ MarshalBinary() ([]byte, error) }) []byte) {
	for _, id := range sortedKeys(c.addrs) {
		r := c.addrs[id]
		put(encode(r.a), "address", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.nats) {
		r := c.nats[id]
		put(encode(r.g), "natGateway", r.owner.Account, r.owner.Region)
	}
}

// addNAT takes one NAT gateway or address record of kind into st.
func (st *state) addNAT(kind string, owner scope, payload []byte) error {
	switch kind {
	case "natGateway":
		var g gateway.NAT
		if err := g.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.nats[g.ID()] != nil || g.OwnerID() != owner.Account {
			return fmt.Errorf("nat gateway %s twice or of another owner", g.ID())
		}
		st.nats[g.ID()] = &natRec{owner: owner, g: g}
	case "address":
		var a eip.Address
		if err := a.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.addrs[a.AllocationID()] != nil || a.OwnerID() != owner.Account || a.Region() != owner.Region {
			return fmt.Errorf("address %s twice or of another owner", a.AllocationID())
		}
		st.addrs[a.AllocationID()] = &eipRec{owner: owner, a: a}
	}
	return nil
}

// reindexNATs rebuilds the NAT gateway and address indexes of st.
func (st *state) reindexNATs() {
	for _, id := range sortedKeys(st.nats) {
		r := st.nats[id]
		st.indexNAT(r)
		st.track(r.owner, r.g)
	}
	for _, r := range st.addrs {
		st.indexAddress(r)
	}
}

// checkNATs verifies the references of st's NAT gateways and addresses:
// every address once; a gateway that holds addresses in an existing
// subnet of its VPC and owner, at a host address no other holds, with its
// Elastic IP address associated to it and to nothing else; and every
// association a service made belonging to such a gateway.
func (st *state) checkNATs() error {
	if len(st.addrByIP) != len(st.addrs) {
		return fmt.Errorf("an Elastic IP address allocated twice")
	}
	for _, r := range st.addrs {
		if !amazonPool.Contains(r.a.PublicIP()) {
			return fmt.Errorf("address %s: %v is not of the amazon pool", r.a.AllocationID(), r.a.PublicIP())
		}
	}
	managed := map[string]string{} // allocation -> the gateway that holds it
	held := map[netip.Addr]string{}
	for _, id := range sortedKeys(st.nats) {
		r := st.nats[id]
		g := r.g
		if !g.HoldsAddresses() {
			continue
		}
		s, ok := st.subnets[g.SubnetID()]
		if !ok || subnetScope(s) != r.owner || s.VPCID() != g.VPCID() || !s.IsHostAddress(g.PrivateIP()) {
			return fmt.Errorf("nat gateway %s: its subnet %s is not its owner's, of its VPC, or holding %v", id, g.SubnetID(), g.PrivateIP())
		}
		if other, dup := held[g.PrivateIP()]; dup {
			return fmt.Errorf("nat gateway %s: address %v is held by %s too", id, g.PrivateIP(), other)
		}
		held[g.PrivateIP()] = id
		if g.Connectivity() != gateway.Public {
			continue
		}
		a := st.addrs[g.AllocationID()]
		want := eip.Association{ID: g.AssociationID(), NetworkInterfaceID: g.NetworkInterfaceID(),
			NetworkInterfaceOwnerID: r.owner.Account, PrivateIP: g.PrivateIP(), Managed: true}
		if a == nil || a.owner != r.owner {
			return fmt.Errorf("nat gateway %s: no address %s of its owner", id, g.AllocationID())
		}
		if got, _ := a.a.Association(); got != want {
			return fmt.Errorf("nat gateway %s: its address %s is not associated with it", id, g.AllocationID())
		}
		managed[g.AllocationID()] = id
	}
	for id, r := range st.addrs {
		if assoc, ok := r.a.Association(); ok && assoc.Managed && managed[id] == "" {
			return fmt.Errorf("address %s: held by a service that holds no address", id)
		}
	}
	return nil
}

// existsInNATs reports whether owner holds the NAT gateway or address id.
func (st *state) existsInNATs(owner scope, id string) bool {
	if r := st.nats[id]; r != nil {
		return r.owner == owner
	}
	if r := st.addrs[id]; r != nil {
		return r.owner == owner
	}
	return false
}
