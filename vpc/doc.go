// Package vpc models a VPC as a value: its IPv4 CIDR block associations and
// their states, its attributes (DNS support, DNS hostnames, network address
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
//	AssociateBlock              associating     associated
//	DisassociateBlock           disassociating  (gone)
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
//
// Sources: the Amazon VPC User Guide's "VPC CIDR blocks" (IPv4 VPC CIDR block
// association restrictions) and "Amazon VPC quotas" (IPv4 CIDR blocks per
// VPC: 5), and the EC2 API Reference for AssociateVpcCidrBlock,
// DisassociateVpcCidrBlock and ModifyVpcAttribute.
package vpc
