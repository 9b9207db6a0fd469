// Package cidr is the IPv4 and IPv6 CIDR arithmetic EC2 applies to VPCs,
// routes and VPN tunnels, with [net/netip.Prefix] as its currency.
//
// It parses blocks as the EC2 API takes them ([ParseVPC], [ParseVPCIPv6],
// [ParseDestination], [Parse]), decides whether two blocks or two lists of
// blocks overlap ([Overlaps], [Contains], [OverlapsAny]), indexes a large
// number of blocks for overlap queries ([Set]), finds the overlapping pairs
// of a list ([OverlappingPairs], [FirstOverlap]), checks a secondary VPC
// block against AssociateVpcCidrBlock's rules ([ValidateSecondary]) and
// picks a free block from a pool ([Allocate]).
//
// Every function is pure: no I/O, no clock, no global state. Randomness
// comes in as an io.Reader, so the same bytes give the same block. Refusals
// are a *[Error] that wraps one of the sentinels and carries the EC2 API
// error code.
//
// # Rules
//
//	VPC IPv4 block          /16 to /28, no host bits          InvalidVpc.Range, InvalidParameterValue
//	VPC IPv6 block          /44 to /60 in steps of 4          InvalidVpc.Range, InvalidParameterValue
//	route destination       any length, host bits cleared     InvalidParameterValue on bad syntax
//	secondary IPv4 block    the association restrictions      InvalidVpc.Range
//	                        table, no overlap with the VPC's
//	                        blocks, not the same as or larger
//	                        than a route destination
//	allocation from a pool  a free block, uniformly at random InsufficientCidrBlocks when none is left
//
// Two blocks overlap when they share an address; CIDR blocks are either
// disjoint or nested, so overlap is containment one way or the other. Blocks
// of different families never overlap.
//
// Sources: "VPC CIDR blocks" and "IPv4 CIDR block association restrictions"
// in the Amazon VPC User Guide
// (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html),
// and the tunnel inside CIDR rules in the AWS Site-to-Site VPN User Guide
// (https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html).
//
// # Performance
//
// A [Set] of n blocks is built in O(n log n) and answers [Set.Overlaps] in
// O(log n) without allocating; pairwise detection over a list is
// O(n log n + k) for k overlapping pairs. bench_test.go measures both, and
// examples/benchcmp compares Set with github.com/gaissmai/bart and
// go4.org/netipx on the same queries.
package cidr
