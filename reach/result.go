package reach

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/secgroup"
)

// Kind is the kind of a component on a path, spelled as EC2 names the
// resource type. The zero Kind is not valid.
type Kind string

// The kinds of component an analysis meets.
const (
	KindNetworkInterface  Kind = "network-interface"
	KindAddress           Kind = "address" // a host at an address no network interface holds
	KindSecurityGroup     Kind = "security-group"
	KindNetworkACL        Kind = "network-acl"
	KindRouteTable        Kind = "route-table"
	KindPeeringConnection Kind = "vpc-peering-connection"
	KindInternetGateway   Kind = "internet-gateway"
	KindVPNGateway        Kind = "vpn-gateway"
	KindVPNConnection     Kind = "vpn-connection"
	KindNATGateway        Kind = "nat-gateway"
	KindVPC               Kind = "vpc"
	KindSubnet            Kind = "subnet"
)

// Values returns every valid Kind, in the order of the constants.
func (Kind) Values() []Kind {
	return []Kind{KindNetworkInterface, KindAddress, KindSecurityGroup, KindNetworkACL, KindRouteTable, KindPeeringConnection,
		KindInternetGateway, KindVPNGateway, KindVPNConnection, KindNATGateway, KindVPC, KindSubnet}
}

// IsValid reports whether k is one of [Kind.Values].
func (k Kind) IsValid() bool { return slices.Contains(k.Values(), k) }

// String returns k.
func (k Kind) String() string { return string(k) }

// Direction is the direction a security group rule or network ACL entry
// applies to, as EC2's explanations spell it. The zero Direction is none.
type Direction string

// The directions.
const (
	Ingress Direction = "ingress"
	Egress  Direction = "egress"
)

// Hop is one component a packet passed, and what let it through: the
// route that forwarded it, the network ACL entry or security group rule
// that allowed it. The zero Hop is not valid.
type Hop struct {
	Kind      Kind
	ID        string     // the component's ID
	VPCID     string     // the VPC it belongs to, where it belongs to one
	SubnetID  string     // the subnet, for interfaces, addresses, NAT gateways and network ACLs
	Address   netip.Addr // the address of an interface, address or NAT gateway hop (its private one)
	Direction Direction  // for security groups and network ACLs
	// Route is the route that forwarded the packet, for a route table.
	Route route.Route
	// ACLEntry is the entry that allowed the packet, for a network ACL.
	ACLEntry acl.Entry
	// Rule is the rule that allowed the packet, for a security group.
	Rule secgroup.Rule
}

// String returns a one-line account of h, such as "network-acl acl-1
// egress: rule 100 allow".
func (h Hop) String() string {
	s := string(h.Kind) + " " + h.ID
	if h.Direction != "" {
		s += " " + string(h.Direction)
	}
	switch h.Kind {
	case KindRouteTable:
		s += ": " + h.Route.String()
	case KindNetworkACL:
		s += fmt.Sprintf(": rule %d %s", h.ACLEntry.RuleNumber, h.ACLEntry.Action)
	case KindSecurityGroup:
		s += ": " + h.Rule.String()
	case KindNetworkInterface, KindAddress, KindNATGateway:
		s += " " + h.Address.String()
	}
	return s
}

// Explanation says why a path is blocked, named by one of the explanation
// codes of AWS's Reachability Analyzer, with the component that blocked it
// and what it refused. The zero Explanation is not valid.
type Explanation struct {
	Code Code
	Kind Kind   // the blocking component's kind
	ID   string // the blocking component's ID
	// Return reports whether the component blocks the answer rather than
	// the request.
	Return    bool
	Direction Direction // for security groups and network ACLs
	VPCID     string
	SubnetID  string
	// Address is the packet's address the component refused: its
	// destination, or its source for traffic a component receives.
	Address netip.Addr
	// Ports are the destination ports of the traffic the component refused.
	Ports []PortRange
	// RouteTableID and Route are the route table and route that decided,
	// where one did (a blackhole route, a route to a target that refused).
	RouteTableID string
	Route        route.Route
	// ACLEntry is the entry that denied the traffic, for a network ACL.
	ACLEntry acl.Entry
	// SecurityGroups are the groups of an interface none of whose rules
	// allowed the traffic.
	SecurityGroups []string
	// State is the blocking component's state, where it is the cause.
	State string
	// Message says what happened in a sentence.
	Message string
}

// String returns "CODE kind id: message".
func (e Explanation) String() string {
	return fmt.Sprintf("%s %s %s: %s", e.Code, e.Kind, e.ID, e.Message)
}

// Packet is the traffic a result is about: its protocol, addresses and the
// ports that got through (all of them when it was blocked on its way
// there). The zero Packet is not valid.
type Packet struct {
	Protocol         Protocol
	Source           netip.Addr
	Destination      netip.Addr
	SourcePorts      []PortRange
	DestinationPorts []PortRange
}

// Result is the answer to a [Query]: whether a path was found, the
// components the request and its answer pass, and when blocked, why.
//
// When no traffic gets through, Forward and Return hold the components
// passed before the block (Return only when the request got through and its
// answer did not), and Explanations name the blocking component first. Of
// all the traffic the query covers, the result is about the traffic that
// got farthest (the lowest address and TCP, when several got as far).
type Result struct {
	Found        bool
	Packet       Packet
	Forward      []Hop
	Return       []Hop
	Explanations []Explanation
}

// Blocking returns the blocking component's kind and ID, and false when
// the path was found or nothing was analysed.
func (r Result) Blocking() (Kind, string, bool) {
	if r.Found || len(r.Explanations) == 0 {
		return "", "", false
	}
	return r.Explanations[0].Kind, r.Explanations[0].ID, true
}

// String returns a multi-line account of r: found or not, the hops each
// way and the explanations.
func (r Result) String() string {
	var b strings.Builder
	if r.Found {
		fmt.Fprintf(&b, "reachable: %s %s -> %s ports %s\n", r.Packet.Protocol, r.Packet.Source, r.Packet.Destination, portsString(r.Packet.DestinationPorts))
	} else {
		fmt.Fprintf(&b, "not reachable: %s %s -> %s\n", r.Packet.Protocol, r.Packet.Source, r.Packet.Destination)
	}
	for _, h := range r.Forward {
		b.WriteString("  -> " + h.String() + "\n")
	}
	for _, h := range r.Return {
		b.WriteString("  <- " + h.String() + "\n")
	}
	for _, e := range r.Explanations {
		b.WriteString("  ! " + e.String() + "\n")
	}
	return b.String()
}

func portsString(ps []PortRange) string {
	var parts []string
	for _, p := range ps {
		if p.From == p.To {
			parts = append(parts, fmt.Sprint(p.From))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", p.From, p.To))
		}
	}
	return strings.Join(parts, ",")
}
