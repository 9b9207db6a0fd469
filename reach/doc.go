// Package reach answers "can A reach B, and if not, why?" over a model of
// EC2 networking, as AWS's Reachability Analyzer does: it follows the
// traffic from a source to a destination and the answer back, component by
// component, in the order EC2 applies them, and names the component that
// stops it with one of Reachability Analyzer's explanation codes.
//
// [Analyze] reads a [Network]: package vpcmodel's Cloud is one (its Reach
// method), and so is anything that answers the interface's lookups.
//
// # Ends
//
// A path runs between two [Endpoint]s: a network interface, an address in
// a subnet (the interface holding it, or a bare host), an internet gateway
// (the internet behind it), a virtual private gateway (the customer's
// networks behind its VPN connections) or a VPC peering connection (the
// peer VPC behind it); a destination may also be an address alone. At
// least one end must be in a VPC. The traffic is TCP or UDP to a range of
// destination ports (all, unless the query narrows them) from a range of
// source ports (the ephemeral ports 1024-65535, unless it narrows them).
//
// # Order of the checks
//
// From a host (an interface, or an address in a subnet):
//
//  1. the interface's security groups, outbound rules (any rule of any group allows)
//  2. traffic to a host of the same subnet goes straight to step 6
//  3. the subnet's network ACL, outbound entries (lowest number first, first match decides)
//  4. the subnet's route table (its association, else the VPC's main table), longest
//     prefix first, as route.Table.Lookup selects: no route, a blackhole route, or a
//     route whose target is checked as the table below says
//  5. into the destination's VPC: the destination subnet's network ACL, inbound entries
//  6. the destination interface's security groups, inbound rules
//
// The route's target:
//
//	local               the subnet of the VPC that holds the address
//	peering connection  active, and the address in the peer VPC's blocks (no transitive
//	                    peering, no edge-to-edge routing)
//	internet gateway    attached; the address public (not RFC 1918 or 6598); the sender
//	                    an interface with a public address
//	virtual private gw  attached; a VPN connection available with a tunnel UP that carries
//	                    the address (any, with BGP; one of its static routes, without)
//	network interface   the destination itself; else its source/destination check drops
//	                    the traffic (with the check off, the appliance is not followed)
//	NAT gateway         available; its subnet's network ACL lets the traffic in (from
//	                    another subnet); it sends the traffic on from its private address,
//	                    through its subnet's network ACL and route table (as a host without
//	                    security groups); through an internet gateway with its public
//	                    address, which only a public gateway has
//
// Traffic through an internet gateway must also pass VPC Block Public
// Access: the mode of the account that owns the subnet the traffic leaves
// from or arrives in (the NAT gateway's, for a NAT gateway's traffic), unless
// an exclusion of that subnet or its VPC exempts it (package bpa's
// [bpa.Allows]). A refusal is VPC_BLOCK_PUBLIC_ACCESS_ENABLED, checked
// after the gateway's own checks of addresses.
//
// From a gateway: the internet gateway (attached; the source public; the
// destination the public address of an interface of its VPC, which it
// translates to the private one), the virtual private gateway (attached,
// with a usable VPN connection) or the peering connection (active, the
// destination in one of its VPCs), then the gateway's route table if one
// is associated with it (an edge association), then steps 5 and 6.
//
// The answer goes back the same way from the destination, with source and
// destination swapped (to the NAT gateway's address, when one translated
// the request: the gateway's subnet's network ACL lets it in, and the
// gateway sends it on to the source through its subnet's network ACL and
// route table), the destination ports the source's, and the
// security groups left out: they are stateful and let the answer through.
// Network ACLs are not, so a missing entry for the ephemeral ports stops
// the answer; the route back must exist and lead to the source.
//
// A rule that refers to a security group matches traffic from (or to) an
// interface holding that group when both interfaces are in one VPC, or in
// VPCs of one Region joined by an active peering connection; a rule whose
// peering connection is gone matches nothing (it is stale), and a new
// active connection between the same VPCs brings it back.
//
// # Which traffic, and what a result says
//
// Ports are followed as sets: each security group and network ACL narrows
// the destination ports still in play, and the path is found when some of
// them get through and the answer gets back to every source port of the
// query's range: the client picks its source port, so a network ACL that
// lets the answer through to some ephemeral ports and not others stops the
// path (SUBNET_ACL_RESTRICTION, naming the ports it refuses). The end
// behind a gateway stands for a set of addresses when the query gives
// none: the internet (every IPv4 address but RFC 1918's and RFC 6598's),
// the customer's networks (a VPN connection's static routes, or every
// address outside the VPC with BGP) or the peer VPC's blocks. The
// analysis cuts that set where any route, network ACL entry or security
// group rule on the way changes its answer, and tries one address of each
// piece. With no protocol, it tries TCP, then UDP.
//
// A found path is the first that gets through (TCP before UDP, lower
// addresses first). When none does, the result is about the traffic that
// got farthest, and its first [Explanation] names the component that
// stopped it: [Result.Blocking].
//
// # Explanation codes
//
// Every code an analysis gives is one of AWS's ([Code.Values]); this
// package gives no code of its own. Where the guide's meaning is broader
// than the case, the [Code] constants say which case here. A blackhole
// route gives BAD_STATE_ROUTE, and when its target is a peering connection
// that is not active, BAD_STATE for the connection as well.
//
// # Decisions
//
// Where AWS does not say, this package decides, and the tests hold it to
// these:
//
//   - Traffic within a subnet meets neither the subnet's network ACL nor its
//     route table.
//   - The source ports are the ephemeral range 1024-65535 unless the query
//     narrows them, and the answer must get back to all of them.
//   - An end behind an internet gateway must be an interface with a public
//     address to be reached from the internet; a host's address is its
//     private one in every other case.
//   - An address in a subnet held by an interface is that interface; any
//     other address of a subnet is a bare host, without security groups.
//   - The analysis reads resources of every account in the Region (as
//     Reachability Analyzer does across an organization with trusted
//     access); package vpcmodel requires the source to be the caller's.
//   - Of several blocked attempts, the one whose traffic got farthest is
//     reported, the first (lowest address, TCP) among equals.
//   - A NAT gateway that is not available is BAD_STATE (AWS's code for a
//     component not in a functional state); a route to a deleted or failed
//     gateway is a blackhole, BAD_STATE_ROUTE, with BAD_STATE for the
//     gateway after it, as for a peering connection.
//   - A NAT gateway's subnet's network ACL applies to the traffic in both
//     directions through the gateway: in (from the sender's subnet) and out
//     (towards the destination), and again for the answer.
//   - What a NAT gateway sends carries its private address: rules and
//     entries on the way see that address, and rules that refer to the
//     sender's security groups do not match it.
//   - A NAT gateway whose subnet's route table sends the traffic to a NAT
//     gateway again is not followed (UNSUPPORTED_COMPONENT on that table).
//   - A private NAT gateway's traffic to an internet gateway is
//     IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS: the gateway has no public
//     address, and the internet gateway drops it.
//   - Block Public Access is checked once, where the request crosses the
//     internet gateway; its answer is the same connection and passes.
//     Mode block-ingress lets only a NAT gateway's outbound traffic through
//     (package bpa's decision); an exclusion of the subnet or of its VPC
//     exempts it, the more permissive of the two when both exist.
//
// Sources: the Reachability Analyzer Guide ("How Reachability Analyzer
// works", "Explanation codes"); the Amazon VPC User Guide (route tables and
// route priority, network ACLs and ephemeral ports, security groups,
// internet gateways, NAT gateways, Block Public Access); the VPC Peering Guide (unsupported configurations:
// transitive peering, edge-to-edge routing; security groups referencing
// peer groups); the Site-to-Site VPN User Guide (static and dynamic
// routing, tunnels).
package reach
