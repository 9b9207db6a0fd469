package reach

import (
	"net/netip"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/bpa"
	"github.com/vpclab/vpcmodel/eni"
	"github.com/vpclab/vpcmodel/gateway"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/secgroup"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/subnet"
)

// Network is the state an analysis reads: every resource of one Region,
// whoever owns it, looked up by ID. An analysis only reads it; package
// vpcmodel's Cloud provides one over its state, and a test or a program
// can provide its own. Every method answers false for an ID it does not
// hold.
type Network interface {
	// Interface returns a network interface.
	Interface(id string) (eni.Interface, bool)
	// InterfaceAt returns the network interface of subnet subnetID whose
	// private address is addr.
	InterfaceAt(subnetID string, addr netip.Addr) (eni.Interface, bool)
	// Subnet returns a subnet.
	Subnet(id string) (subnet.Subnet, bool)
	// SubnetAt returns the subnet of VPC vpcID whose block holds addr.
	SubnetAt(vpcID string, addr netip.Addr) (subnet.Subnet, bool)
	// Subnets returns the subnets of a VPC, in ID order.
	Subnets(vpcID string) []subnet.Subnet
	// Interfaces returns the network interfaces of a subnet, in ID order.
	Interfaces(subnetID string) []eni.Interface
	// VPC returns a VPC.
	VPC(id string) (VPC, bool)
	// RouteTable returns the route table a subnet uses: the one associated
	// with it, else its VPC's main table, with its routes' states up to
	// date with their targets.
	RouteTable(subnetID string) (route.Table, bool)
	// GatewayRouteTable returns the route table associated with an
	// internet or virtual private gateway (an edge association), if any.
	GatewayRouteTable(gatewayID string) (route.Table, bool)
	// NetworkACL returns the network ACL a subnet is associated with.
	NetworkACL(subnetID string) (acl.ACL, bool)
	// SecurityGroup returns a security group.
	SecurityGroup(id string) (secgroup.Group, bool)
	// Peering returns a VPC peering connection, while anyone may still see
	// it.
	Peering(id string) (Peering, bool)
	// IsPeered reports whether an active peering connection joins VPCs a
	// and b.
	IsPeered(a, b string) bool
	// InternetGateway returns an internet gateway.
	InternetGateway(id string) (Gateway, bool)
	// VPNGateway returns a virtual private gateway.
	VPNGateway(id string) (Gateway, bool)
	// VPNConnections returns the VPN connections of a virtual private
	// gateway, in ID order.
	VPNConnections(vgwID string) []VPNConnection
	// NATGateway returns a NAT gateway, while anyone may still see it.
	NATGateway(id string) (NATGateway, bool)
	// BlockPublicAccess returns the VPC Block Public Access mode of the
	// account that owns subnet subnetID, and the mode of the exclusion that
	// exempts the subnet or its VPC ("" for none; the more permissive of
	// the two when both are exempted).
	BlockPublicAccess(subnetID string) (bpa.Mode, bpa.ExclusionMode)
}

// VPC is what an analysis knows of a VPC: its ID, owner, Region and
// associated IPv4 blocks. The zero VPC is not valid.
type VPC struct {
	ID      string
	OwnerID string
	Region  string
	Blocks  []netip.Prefix // associated IPv4 blocks
}

// contains reports whether one of v's blocks holds a.
func (v VPC) contains(a netip.Addr) bool {
	for _, b := range v.Blocks {
		if b.Contains(a) {
			return true
		}
	}
	return false
}

// Peering is what an analysis knows of a VPC peering connection: its
// status and the VPCs at its ends. The zero Peering is not valid.
type Peering struct {
	ID        string
	Status    status.Code
	Requester string // the requester's VPC ID
	Accepter  string // the accepter's VPC ID
}

// other returns the VPC at the other end of p from vpcID.
func (p Peering) other(vpcID string) (string, bool) {
	switch vpcID {
	case p.Requester:
		return p.Accepter, true
	case p.Accepter:
		return p.Requester, true
	}
	return "", false
}

// Gateway is an internet or virtual private gateway: its ID and the VPC it
// is attached to, "" when it is detached. The zero Gateway is not valid.
type Gateway struct {
	ID    string
	VPCID string
}

// VPNConnection is what an analysis knows of a Site-to-Site VPN
// connection of a virtual private gateway. The zero VPNConnection is not
// valid.
type VPNConnection struct {
	ID    string
	State status.State
	// TunnelUp reports whether at least one of its tunnels is UP.
	TunnelUp bool
	// StaticRoutesOnly reports whether the connection routes by its static
	// routes; otherwise it uses BGP, whose routes this model does not hold,
	// and carries every address.
	StaticRoutesOnly bool
	// Routes are the connection's available static routes.
	Routes []netip.Prefix
}

// usable reports whether c carries traffic: available (or modifying, which
// keeps a tunnel up) with a tunnel UP.
func (c VPNConnection) usable() bool {
	return (c.State == status.StateAvailable || c.State == status.StateModifying) && c.TunnelUp
}

// carries reports whether c sends traffic for a to the customer's network.
func (c VPNConnection) carries(a netip.Addr) bool {
	if !c.StaticRoutesOnly {
		return true
	}
	for _, r := range c.Routes {
		if r.Contains(a) {
			return true
		}
	}
	return false
}

// NATGateway is what an analysis knows of a NAT gateway: its subnet, its
// connectivity, its state and its addresses (PublicIP is the zero Addr for
// a private gateway, and PrivateIP for one that holds no address yet). The
// zero NATGateway is not valid.
type NATGateway struct {
	ID           string
	VPCID        string
	SubnetID     string
	Connectivity gateway.Connectivity
	State        gateway.NATState
	PrivateIP    netip.Addr
	PublicIP     netip.Addr
}
