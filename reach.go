package vpcmodel

import (
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/bpa"
	"github.com/vpclab/vpcmodel/eni"
	"github.com/vpclab/vpcmodel/gateway"
	"github.com/vpclab/vpcmodel/reach"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/secgroup"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/vpc"
)

// Reachability: package reach follows a packet through a reach.Network;
// the Cloud is one, over every resource of the caller's Region, whoever
// owns it, as Reachability Analyzer sees the accounts of an organization
// with trusted access.

// Reach answers q, as caller at now: whether traffic from q.Source reaches
// q.Destination and is answered, through which components, and if not,
// why; see [reach.Analyze]. The source must be one of the caller's
// resources; the destination may be any account's, in the caller's Region.
// Route tables on the way are brought up to date with their targets first,
// as DescribeRouteTables brings them; nothing else changes.
//
// Errors: an end that names nothing in the caller's Region (its kind's
// NotFound code), a source of another account (its kind's NotFound code,
// as EC2 hides other accounts' resources), a malformed query
// (InvalidParameterValue).
func (c *Cloud) Reach(caller Caller, q reach.Query, now time.Time) (reach.Result, error) {
	return read(c, caller, q, now, func(c *Cloud, k *call, q *reach.Query) (*reach.Result, error) {
		r, err := c.reach(k, *q)
		return &r, err
	})
}

// reach checks that the source is the caller's and analyses q; the caller
// holds c.mu.
func (c *Cloud) reach(k *call, q reach.Query) (reach.Result, error) {
	if err := c.checkSource(k, q.Source.ID); err != nil {
		return reach.Result{}, err
	}
	return reach.Analyze(&netView{c: c, k: k}, q)
}

// checkSource refuses a source that is not the caller's.
func (c *Cloud) checkSource(k *call, id string) error {
	var err error
	switch {
	case strings.HasPrefix(id, "eni-"):
		_, err = c.findENI(k, id)
	case strings.HasPrefix(id, "subnet-"):
		_, err = c.findSubnet(k, id)
	case strings.HasPrefix(id, "igw-"):
		_, err = c.findIGW(k, id)
	case strings.HasPrefix(id, "vgw-"):
		_, err = c.findVGW(k, id)
	case strings.HasPrefix(id, "pcx-"):
		_, err = c.peering.View(k.party(), id, k.now)
	}
	return err
}

// netView is the Cloud as a reach.Network: every resource of the caller's
// Region. It refreshes each route table it hands out once.
type netView struct {
	c       *Cloud
	k       *call
	fresh   [8]string // route tables refreshed by this view; more are refreshed again
	nFresh  int
	freshed map[string]bool
}

func (v *netView) inRegion(owner scope) bool { return owner.Region == v.k.Region }

// Interface returns a network interface of the Region.
func (v *netView) Interface(id string) (eni.Interface, bool) {
	if r := v.c.enis[id]; r != nil && v.inRegion(r.owner) {
		return r.i, true
	}
	return eni.Interface{}, false
}

// InterfaceAt returns the interface at addr in subnet subnetID.
func (v *netView) InterfaceAt(subnetID string, addr netip.Addr) (eni.Interface, bool) {
	if id, ok := v.c.eniAddrs[subnetID][addr]; ok {
		return v.Interface(id)
	}
	return eni.Interface{}, false
}

// Subnet returns a subnet of the Region.
func (v *netView) Subnet(id string) (subnet.Subnet, bool) {
	if s, ok := v.c.subnets[id]; ok && s.Region() == v.k.Region {
		return s, true
	}
	return subnet.Subnet{}, false
}

// SubnetAt returns the subnet of VPC vpcID holding addr.
func (v *netView) SubnetAt(vpcID string, addr netip.Addr) (subnet.Subnet, bool) {
	for id := range v.c.subnetsOfVPC[vpcID] {
		if s := v.c.subnets[id]; s.CIDR().Contains(addr) {
			return v.Subnet(id)
		}
	}
	return subnet.Subnet{}, false
}

// Subnets returns the subnets of a VPC of the Region.
func (v *netView) Subnets(vpcID string) []subnet.Subnet {
	var out []subnet.Subnet
	for _, s := range v.c.subnetsOfVPCSorted(vpcID) {
		if s.Region() == v.k.Region {
			out = append(out, s)
		}
	}
	return out
}

// Interfaces returns the interfaces of a subnet of the Region.
func (v *netView) Interfaces(subnetID string) []eni.Interface {
	var ids []string
	for _, id := range v.c.eniAddrs[subnetID] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []eni.Interface
	for _, id := range ids {
		if i, ok := v.Interface(id); ok {
			out = append(out, i)
		}
	}
	return out
}

// VPC returns a VPC of the Region with its IPv4 blocks.
func (v *netView) VPC(id string) (reach.VPC, bool) {
	r := v.c.vpcs[id]
	if r == nil || !v.inRegion(r.owner()) {
		return reach.VPC{}, false
	}
	out := reach.VPC{ID: id, OwnerID: r.v.OwnerID(), Region: r.v.Region()}
	for _, b := range r.v.Blocks() {
		if b.State == vpc.BlockAssociated && b.CIDR.Addr().Is4() {
			out.Blocks = append(out.Blocks, b.CIDR)
		}
	}
	return out, true
}

// table returns route table id, refreshed once per view.
func (v *netView) table(id string) (route.Table, bool) {
	t := v.c.rtbs[id]
	if t == nil || !v.inRegion(t.owner) {
		return route.Table{}, false
	}
	fresh := false
	for _, f := range v.fresh[:v.nFresh] {
		fresh = fresh || f == id
	}
	if !fresh && !v.freshed[id] {
		v.c.refresh(v.k, t)
		if v.nFresh < len(v.fresh) {
			v.fresh[v.nFresh] = id
			v.nFresh++
		} else {
			if v.freshed == nil {
				v.freshed = make(map[string]bool)
			}
			v.freshed[id] = true
		}
	}
	return t.table, true
}

// RouteTable returns the table subnetID is associated with, else its VPC's
// main table.
func (v *netView) RouteTable(subnetID string) (route.Table, bool) {
	if id, ok := v.c.assocTable[v.c.assocOf[subnetID]]; ok {
		return v.table(id)
	}
	s, ok := v.Subnet(subnetID)
	if !ok {
		return route.Table{}, false
	}
	for _, t := range v.c.tablesOf(s.VPCID()) {
		for _, a := range t.table.Associations() {
			if a.Main {
				return v.table(t.table.ID())
			}
		}
	}
	return route.Table{}, false
}

// GatewayRouteTable returns the table edge-associated with a gateway.
func (v *netView) GatewayRouteTable(gatewayID string) (route.Table, bool) {
	if id, ok := v.c.assocTable[v.c.assocOf[gatewayID]]; ok {
		return v.table(id)
	}
	return route.Table{}, false
}

// NetworkACL returns the ACL subnetID is associated with.
func (v *netView) NetworkACL(subnetID string) (acl.ACL, bool) {
	if r := v.c.acls[v.c.aclAssocs[v.c.aclOfSubnet[subnetID]]]; r != nil && v.inRegion(r.owner) {
		return r.a, true
	}
	return acl.ACL{}, false
}

// SecurityGroup returns a security group of the Region.
func (v *netView) SecurityGroup(id string) (secgroup.Group, bool) {
	if r := v.c.sgs[id]; r != nil && v.inRegion(r.owner) {
		return r.g, true
	}
	return secgroup.Group{}, false
}

// Peering returns a peering connection the registry still holds.
func (v *netView) Peering(id string) (reach.Peering, bool) {
	conn, ok := v.c.peering.Connection(id, v.k.now)
	if !ok {
		return reach.Peering{}, false
	}
	return reach.Peering{ID: id, Status: conn.Code(), Requester: conn.Requester().ID, Accepter: conn.Accepter().ID}, true
}

// IsPeered reports whether an active connection joins VPCs a and b.
func (v *netView) IsPeered(a, b string) bool {
	ra, rb := v.c.vpcs[a], v.c.vpcs[b]
	if ra == nil || rb == nil {
		return false
	}
	conn, ok := v.c.peering.Between(ra.ref(), rb.ref(), v.k.now)
	return ok && conn.Code() == status.Active
}

// InternetGateway returns an internet gateway of the Region.
func (v *netView) InternetGateway(id string) (reach.Gateway, bool) {
	r := v.c.igws[id]
	if r == nil || !v.inRegion(r.owner) {
		return reach.Gateway{}, false
	}
	g := reach.Gateway{ID: id}
	g.VPCID, _ = r.g.AttachedVPC()
	return g, true
}

// VPNGateway returns a virtual private gateway of the Region, attached
// only when its attachment has completed.
func (v *netView) VPNGateway(id string) (reach.Gateway, bool) {
	r := v.c.vpn.vgws[id]
	if r == nil || !v.inRegion(r.owner) || r.g.State() == status.StateDeleted {
		return reach.Gateway{}, false
	}
	g := reach.Gateway{ID: id}
	if a, ok := r.g.Attachment(); ok && a.State == status.Attached {
		g.VPCID = a.VPCID
	}
	return g, true
}

// VPNConnections returns the connections of a virtual private gateway.
func (v *netView) VPNConnections(vgwID string) []reach.VPNConnection {
	g := v.c.vpn.vgws[vgwID]
	if g == nil || !v.inRegion(g.owner) {
		return nil
	}
	var out []reach.VPNConnection
	for _, r := range v.c.vpnsOf(g.owner) {
		conn := r.c
		if conn.VPNGatewayID() != vgwID || conn.State() == status.StateDeleted {
			continue
		}
		x := reach.VPNConnection{ID: conn.ID(), State: conn.State(), StaticRoutesOnly: conn.StaticRoutesOnly()}
		for _, t := range conn.Tunnels() {
			x.TunnelUp = x.TunnelUp || t.Telemetry().Status == status.Up
		}
		for _, rt := range conn.Routes() {
			if rt.State == status.StateAvailable {
				x.Routes = append(x.Routes, rt.DestinationCIDR)
			}
		}
		out = append(out, x)
	}
	return out
}

// NATGateway returns a NAT gateway of the Region, during its retention
// after deletion too.
func (v *netView) NATGateway(id string) (reach.NATGateway, bool) {
	r := v.c.nats[id]
	if r == nil || !v.inRegion(r.owner) {
		return reach.NATGateway{}, false
	}
	g := r.g
	out := reach.NATGateway{ID: id, VPCID: g.VPCID(), SubnetID: g.SubnetID(), Connectivity: g.Connectivity(), State: g.State(),
		PrivateIP: g.PrivateIP()}
	if g.Connectivity() == gateway.Public {
		out.PublicIP = g.PublicIP()
	}
	return out, true
}

// BlockPublicAccess returns the Block Public Access mode of the account
// that owns a subnet, and the most permissive live exclusion of the subnet
// and its VPC.
func (v *netView) BlockPublicAccess(subnetID string) (bpa.Mode, bpa.ExclusionMode) {
	s, ok := v.Subnet(subnetID)
	if !ok {
		return bpa.ModeOff, ""
	}
	mode := v.c.bpaOptionsOf(scope{Account: s.OwnerID(), Region: s.Region()}).Mode
	var ex bpa.ExclusionMode
	for _, res := range []string{subnetID, s.VPCID()} {
		r := v.c.exclusions[v.c.exclusionOf[res]]
		if r == nil || !r.e.IsLive() {
			continue
		}
		if m := r.e.Mode(); ex == "" || m == bpa.AllowBidirectional {
			ex = m
		}
	}
	return mode, ex
}
