package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/gateway"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/subnet"
)

// network is the part of a Cloud's state that subnets, internet gateways
// and route table associations add: the resources, and the indexes that
// answer their lookups in constant time. Associations themselves live in
// their route tables; only their index is here.
type network struct {
	subnets map[string]subnet.Subnet
	igws    map[string]*igwRec
	eigws   map[string]*eigwRec

	// Indexes, derived from the resources above and the route tables.
	subnetsIn    map[scope]idSet   // each scope's subnets
	subnetsOfVPC map[string]idSet  // each VPC's subnets
	gatewaysIn   map[scope]idSet   // each scope's internet and egress-only gateways
	igwOfVPC     map[string]string // VPC -> its attached internet gateway
	eigwsOfVPC   map[string]idSet  // VPC -> its egress-only gateways
	assocTable   map[string]string // rtbassoc- -> the route table holding it
	assocOf      map[string]string // subnet- or gateway ID -> its rtbassoc-
	subnetAssocs map[string]string // subnet-cidr-assoc- -> its subnet

	// NAT gateways and Elastic IP addresses (natstore.go).
	natStore
}

// igwRec is one internet gateway and the scope that owns it.
type igwRec struct {
	owner scope
	g     gateway.Internet
}

// eigwRec is one egress-only internet gateway and the scope that owns it.
type eigwRec struct {
	owner scope
	g     gateway.EgressOnly
}

func newNetwork() network {
	return network{
		subnets:      make(map[string]subnet.Subnet),
		igws:         make(map[string]*igwRec),
		eigws:        make(map[string]*eigwRec),
		subnetsIn:    make(map[scope]idSet),
		subnetsOfVPC: make(map[string]idSet),
		gatewaysIn:   make(map[scope]idSet),
		igwOfVPC:     make(map[string]string),
		eigwsOfVPC:   make(map[string]idSet),
		assocTable:   make(map[string]string),
		assocOf:      make(map[string]string),
		subnetAssocs: make(map[string]string),
		natStore:     newNATStore(),
	}
}

func subnetScope(s subnet.Subnet) scope { return scope{s.OwnerID(), s.Region()} }

// indexSubnet and unindexSubnet keep the subnet indexes.
func (n *network) indexSubnet(s subnet.Subnet) {
	addID(n.subnetsIn, subnetScope(s), s.ID())
	for _, b := range s.IPv6Blocks() {
		n.subnetAssocs[b.AssociationID] = s.ID()
	}
	if n.subnetsOfVPC[s.VPCID()] == nil {
		n.subnetsOfVPC[s.VPCID()] = make(idSet)
	}
	n.subnetsOfVPC[s.VPCID()][s.ID()] = struct{}{}
}

func (n *network) unindexSubnet(s subnet.Subnet) {
	removeID(n.subnetsIn, subnetScope(s), s.ID())
	for _, b := range s.IPv6Blocks() {
		delete(n.subnetAssocs, b.AssociationID)
	}
	delete(n.subnetsOfVPC[s.VPCID()], s.ID())
	if len(n.subnetsOfVPC[s.VPCID()]) == 0 {
		delete(n.subnetsOfVPC, s.VPCID())
	}
}

// indexEIGW and unindexEIGW keep the egress-only gateway indexes.
func (n *network) indexEIGW(r *eigwRec) {
	addID(n.gatewaysIn, r.owner, r.g.ID())
	if n.eigwsOfVPC[r.g.VPCID()] == nil {
		n.eigwsOfVPC[r.g.VPCID()] = make(idSet)
	}
	n.eigwsOfVPC[r.g.VPCID()][r.g.ID()] = struct{}{}
}

func (n *network) unindexEIGW(r *eigwRec) {
	removeID(n.gatewaysIn, r.owner, r.g.ID())
	delete(n.eigwsOfVPC[r.g.VPCID()], r.g.ID())
	if len(n.eigwsOfVPC[r.g.VPCID()]) == 0 {
		delete(n.eigwsOfVPC, r.g.VPCID())
	}
}

// indexAssocs and unindexAssocs keep the association index for one table.
func (n *network) indexAssocs(t route.Table) {
	for _, a := range t.Associations() {
		n.assocTable[a.ID] = t.ID()
		if k := a.SubnetID + a.GatewayID; k != "" {
			n.assocOf[k] = a.ID
		}
	}
}

func (n *network) unindexAssocs(t route.Table) {
	for _, a := range t.Associations() {
		delete(n.assocTable, a.ID)
		if k := a.SubnetID + a.GatewayID; k != "" && n.assocOf[k] == a.ID {
			delete(n.assocOf, k)
		}
	}
}

// reindexNetwork rebuilds the network indexes of st from its resources
// and route tables.
func (st *state) reindexNetwork() {
	st.assocTable = make(map[string]string, len(st.vpcs)) // a main association each, at least
	for _, s := range st.subnets {
		st.indexSubnet(s)
	}
	for id, r := range st.igws {
		addID(st.gatewaysIn, r.owner, id)
		if v, ok := r.g.AttachedVPC(); ok {
			st.igwOfVPC[v] = id
		}
	}
	for _, r := range st.eigws {
		st.indexEIGW(r)
	}
	for _, t := range st.rtbs {
		st.indexAssocs(t.table)
	}
	st.reindexNATs()
}

// writeNetwork writes the subnets, gateways and addresses, each kind in ID
// order, for
// [Cloud.WriteTo]: put writes one record line, encode a resource's own
// encoding.
func (c *Cloud) writeNetwork(put func(payload []byte, fields ...string), encode func(interface{ MarshalBinary() ([]byte, error) }) []byte) {
	for _, id := range sortedKeys(c.subnets) {
		put(encode(c.subnets[id]), "subnet")
	}
	for _, id := range sortedKeys(c.igws) {
		r := c.igws[id]
		put(encode(r.g), "internetGateway", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.eigws) {
		r := c.eigws[id]
		put(encode(r.g), "egressOnlyInternetGateway", r.owner.Account, r.owner.Region)
	}
	c.writeNATs(put, encode)
}

// addNetwork takes one subnet or gateway record of kind into st; owner is
// the zero scope for a subnet, which holds its own.
func (st *state) addNetwork(kind string, owner scope, payload []byte) error {
	switch kind {
	case "subnet":
		var s subnet.Subnet
		if err := s.UnmarshalBinary(payload); err != nil {
			return err
		}
		if _, dup := st.subnets[s.ID()]; dup {
			return fmt.Errorf("subnet %s twice", s.ID())
		}
		st.subnets[s.ID()] = s
	case "internetGateway":
		var g gateway.Internet
		if err := g.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.igws[g.ID()] != nil || g.OwnerID() != owner.Account {
			return fmt.Errorf("internet gateway %s twice or of another owner", g.ID())
		}
		st.igws[g.ID()] = &igwRec{owner: owner, g: g}
	case "egressOnlyInternetGateway":
		var g gateway.EgressOnly
		if err := g.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.eigws[g.ID()] != nil || g.OwnerID() != owner.Account {
			return fmt.Errorf("egress-only internet gateway %s twice or of another owner", g.ID())
		}
		st.eigws[g.ID()] = &eigwRec{owner: owner, g: g}
	case "natGateway", "address":
		return st.addNAT(kind, owner, payload)
	}
	return nil
}

// checkNetwork verifies the references of st's subnets, gateways and
// associations; st is indexed.
func (st *state) checkNetwork() error {
	v6Assocs := 0
	for _, s := range st.subnets {
		v := st.vpcs[s.VPCID()]
		if v == nil || v.owner() != subnetScope(s) {
			return fmt.Errorf("subnet %s: its VPC %s is not its owner's", s.ID(), s.VPCID())
		}
		p6, has6 := s.IPv6CIDR()
		if has6 && !slices.ContainsFunc(v.v.IPv6CIDRs(), func(b netip.Prefix) bool { return b.Contains(p6.Addr()) }) {
			return fmt.Errorf("subnet %s: its IPv6 block %s is in no IPv6 block of its VPC", s.ID(), p6)
		}
		for id := range st.subnetsOfVPC[s.VPCID()] {
			if id == s.ID() {
				continue
			}
			o := st.subnets[id]
			if o.CIDR().Overlaps(s.CIDR()) {
				return fmt.Errorf("subnet %s overlaps subnet %s", s.ID(), id)
			}
			if q, ok := o.IPv6CIDR(); ok && has6 && q.Overlaps(p6) {
				return fmt.Errorf("subnet %s overlaps subnet %s in IPv6", s.ID(), id)
			}
		}
		v6Assocs += len(s.IPv6Blocks())
	}
	if v6Assocs != len(st.subnetAssocs) {
		return fmt.Errorf("a subnet IPv6 association ID twice")
	}
	for _, id := range st.unsettledSubnets {
		if _, ok := st.subnets[id]; !ok {
			return fmt.Errorf("pending step of unknown subnet %s", id)
		}
	}
	attached := map[string]bool{}
	for _, r := range st.igws {
		if v, ok := r.g.AttachedVPC(); ok {
			if o := st.vpcs[v]; o == nil || o.owner() != r.owner || attached[v] {
				return fmt.Errorf("internet gateway %s: its VPC %s is not its owner's, or has another", r.g.ID(), v)
			}
			attached[v] = true
		}
	}
	for _, r := range st.eigws {
		if o := st.vpcs[r.g.VPCID()]; o == nil || o.owner() != r.owner {
			return fmt.Errorf("egress-only internet gateway %s: its VPC %s is not its owner's", r.g.ID(), r.g.VPCID())
		}
	}
	// The association index holds every association, and every subnet's
	// or gateway's, unless one is held twice; only then are they searched
	// for the culprit.
	assocs, edges := 0, 0
	mains := make(map[string]bool, len(st.vpcs))
	for _, t := range st.rtbs {
		for _, a := range t.table.Associations() {
			assocs++
			if a.Main {
				if mains[t.table.VPCID()] {
					return fmt.Errorf("route table %s: association %s twice", t.table.ID(), a.ID)
				}
				mains[t.table.VPCID()] = true
				continue
			}
			edges++
			switch {
			case a.SubnetID != "":
				if s, ok := st.subnets[a.SubnetID]; !ok || s.VPCID() != t.table.VPCID() {
					return fmt.Errorf("route table %s: subnet %s is not of its VPC", t.table.ID(), a.SubnetID)
				}
			case a.GatewayID != "":
				if r := st.igws[a.GatewayID]; r != nil {
					if v, _ := r.g.AttachedVPC(); v != t.table.VPCID() {
						return fmt.Errorf("route table %s: gateway %s is not attached to its VPC", t.table.ID(), a.GatewayID)
					}
				} else if st.vpn.vgws[a.GatewayID] == nil {
					return fmt.Errorf("route table %s: no gateway %s", t.table.ID(), a.GatewayID)
				}
			}
		}
	}
	if assocs != len(st.assocTable) || edges != len(st.assocOf) {
		seen := map[string]bool{}
		for _, t := range st.rtbs {
			for _, a := range t.table.Associations() {
				key := a.SubnetID + a.GatewayID
				if seen[a.ID] || key != "" && seen[key] {
					return fmt.Errorf("route table %s: association %s twice", t.table.ID(), a.ID)
				}
				seen[a.ID], seen[key] = true, true
			}
		}
		return fmt.Errorf("a route table association, or its subnet or gateway, is held twice")
	}
	if len(mains) != len(st.vpcs) {
		for id := range st.vpcs {
			if !mains[id] {
				return fmt.Errorf("vpc %s has no main route table", id)
			}
		}
	}
	return st.checkNATs()
}

// existsInNetwork reports whether owner holds the subnet or gateway id.
func (st *state) existsInNetwork(owner scope, id string) bool {
	if s, ok := st.subnets[id]; ok {
		return subnetScope(s) == owner
	}
	if r := st.igws[id]; r != nil {
		return r.owner == owner
	}
	if r := st.eigws[id]; r != nil {
		return r.owner == owner
	}
	return st.existsInNATs(owner, id)
}
