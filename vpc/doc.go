// Package vpc models a VPC as a value: its IPv4 and IPv6 CIDR block
// associations and their states, its attributes (DNS support, DNS hostnames, network address
// usage metrics), its instance tenancy, and the rules EC2 applies to them on
// their own: the block quota, the restrictions on a secondary block (package
// cidr), and the primary block that stays for the VPC's life.
//
// What a VPC's deletion depends on (route tables, gateways, peering
// connections) involves other resources; package vpcmodel's Cloud composes
// those rules.
//
// # Lifecycle of a block association
//
//	action                      answer          after the next Settle
//	Create (primary block)      associated      associated
//	Create (IPv6 block)         associating     associated
//	AssociateBlock              associating     associated
//	AssociateIPv6Block          associating     associated
//	DisassociateBlock           disassociating  (gone)
//	DisassociateIPv6Block       disassociating  disassociated (listed)
//
// EC2 completes an association or disassociation by itself, a moment after
// the call; [VPC.Settle] is that moment, taken when the caller next looks.
//
// # Rules
//
//   - A VPC has at most [MaxBlocks] IPv4 blocks, counting those still
//     associating: the sixth gives CidrLimitExceeded, with AWS's message
//     "This network '<vpc>' has met its maximum number of allowed CIDRs: 5".
//   - A secondary block must pass [cidr.ValidateSecondary] against the
//     primary block, the other blocks and the VPC's static routes.
//   - The primary block cannot be disassociated (OperationNotPermitted).
//   - DNS support is on and DNS hostnames off for a new, non-default VPC.
//   - An IPv6 block is an Amazon-provided /56 from [AmazonIPv6Pool], drawn
//     with [AllocateIPv6] so that no two VPCs of a partition share one; its
//     network border group is the VPC's Region. A VPC has at most
//     [MaxIPv6Blocks] of them, counted apart from its IPv4 blocks
//     (CidrLimitExceeded); any of them, the last included, may be
//     disassociated.
//
// # Decisions
//
// Where AWS is silent, this package decides:
//
//   - The IPv6 quota is 5 per VPC, the value of the current "Amazon VPC
//     quotas" page (older pages said 1), counted over the blocks associated
//     or associating; its refusal is CidrLimitExceeded, worded as for IPv4
//     ("This network '<vpc>' has met its maximum number of allowed IPv6
//     CIDRs: 5").
//   - A disassociated IPv6 association stays listed in state disassociated,
//     as DescribeVpcs shows them, and no longer counts; of those, the
//     newest [MaxDisassociated] are kept and the oldest leave. A
//     disassociated IPv4 block leaves at once.
//   - Every Region draws from the one pool 2600:1f00::/24, and the only
//     network border group is the VPC's Region (the zone catalogue has no
//     Local Zones): another gives InvalidParameterValue; one given without
//     an Amazon-provided block, InvalidParameterCombination.
//
// Sources: the Amazon VPC User Guide's "VPC CIDR blocks" (IPv4 VPC CIDR block
// association restrictions) and "Amazon VPC quotas" (IPv4 CIDR blocks per
// VPC: 5; IPv6 CIDR blocks per VPC: 5), the EC2 API Reference for CreateVpc,
// AssociateVpcCidrBlock (AmazonProvidedIpv6CidrBlock,
// Ipv6CidrBlockNetworkBorderGroup), DisassociateVpcCidrBlock and
// ModifyVpcAttribute, and DescribeVpcs output captured in
// hashicorp/terraform#12895 (a disassociated IPv6 block still listed).
package vpc
