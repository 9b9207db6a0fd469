package reach

import (
	"net/netip"
	"slices"
)

// Protocol is the transport protocol of the traffic an analysis follows,
// spelled as EC2's Network Insights API spells it. The zero Protocol, in a
// [Query], means both, TCP first.
type Protocol string

// The protocols an analysis follows.
const (
	TCP Protocol = "tcp"
	UDP Protocol = "udp"
)

// Values returns every valid Protocol: tcp, udp.
func (Protocol) Values() []Protocol { return []Protocol{TCP, UDP} }

// IsValid reports whether p is tcp or udp.
func (p Protocol) IsValid() bool { return slices.Contains(p.Values(), p) }

// String returns p as EC2 spells it.
func (p Protocol) String() string { return string(p) }

// Number returns p's IP protocol number (6, 17), as network ACL entries and
// path headers give it; 0 for the zero Protocol.
func (p Protocol) Number() int {
	switch p {
	case TCP:
		return 6
	case UDP:
		return 17
	}
	return 0
}

// Endpoint is one end of a path: a resource by ID, with an address where
// the resource has many, or an address alone.
//
//	ID             Addr                              the end is
//	eni-...        its private address, or none      the network interface
//	subnet-...     an address of the subnet          a host at that address (the interface there, if any)
//	igw-...        a public address, or none          the internet, behind the gateway
//	vgw-...        an address, or none               the customer's network, behind the gateway's VPN connections
//	pcx-...        an address, or none               the peer VPC, behind the peering connection
//	""             an address (destinations only)    whatever holds the address where the packet arrives
//
// An end behind a gateway without an address stands for every address it
// may have there (the internet, the customer's network, the peer VPC's
// blocks); the analysis looks for one that gets through. The zero
// Endpoint is not valid.
type Endpoint struct {
	ID   string
	Addr netip.Addr
}

// Query asks whether traffic from Source reaches Destination and is
// answered back. The zero Query is not valid.
type Query struct {
	Source      Endpoint
	Destination Endpoint
	// Protocol is tcp or udp; the zero Protocol tries tcp, then udp.
	Protocol Protocol
	// DestinationPorts are the ports the traffic may be sent to; the zero
	// PortRange means every port.
	DestinationPorts PortRange
	// SourcePorts are the ports the traffic may be sent from; the zero
	// PortRange means [EphemeralPorts].
	SourcePorts PortRange
}
