// Package subnet models a VPC subnet as a value: its IPv4 block, its IPv6
// block associations, its Availability Zone, its attributes, and the rules
// EC2 applies when a subnet is placed in a VPC.
//
// What a subnet's deletion depends on, and the route table it is
// associated with, involve other resources; package vpcmodel's Cloud
// composes those rules.
//
// # Rules
//
//	rule                                         EC2 error code            message
//	block not an IPv4 CIDR                       InvalidParameterValue     Value (x) for parameter cidrBlock is invalid. This is not a valid CIDR block.
//	block larger than /16 or smaller than /28    InvalidSubnet.Range       The CIDR '10.0.0.0/29' is invalid.
//	block outside every associated VPC block     InvalidSubnet.Range       The CIDR '10.10.1.0/24' is invalid.
//	block overlapping a sibling subnet           InvalidSubnet.Conflict    The CIDR '10.0.1.0/24' conflicts with another subnet
//	zone not of the Region                       InvalidParameterValue     Value (us-west-2a) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ...
//	zone name and zone ID disagree               InvalidParameterCombination
//	IPv6 on creation without an IPv6 block       InvalidParameterValue     Invalid value 'true' for assign-ipv6-address-on-creation. ...
//	DNS64 or AAAA records without an IPv6 block  InvalidParameterValue     Invalid value 'true' for enable-dns64. ...
//	IPv6 block not a /64                         InvalidParameterValue     invalid value for parameter ipv6-cidr-block: 2600:1f16:c6:ff10::/60
//	IPv6 block outside the VPC's IPv6 blocks     InvalidSubnet.Range       The IPv6 CIDR '2600:1f18:7cb4:2e01::/64' is invalid.
//	IPv6 block overlapping a sibling's           InvalidSubnet.Conflict    The IPv6 CIDR '…' conflicts with another subnet
//	IPv6 block disassociated while assigning     InvalidCidrBlock.InUse    The subnet IPv6 CIDR block with association ID … may not be disassociated, because its subnet has assign-ipv6-address-on-creation set to true.
//	unknown IPv6 association                     InvalidSubnetCidrBlockAssociationID.NotFound
//
// A block given with host bits set is stored canonically (100.68.0.18/18
// is 100.68.0.0/18), as EC2 stores it. Five addresses of every subnet are
// reserved (the network address, the router, DNS, one for future use, and
// broadcast), so a new /24 has 251 available addresses and a /28 has 11:
// [Subnet.AvailableIPAddressCount]. A subnet's block never changes.
//
// A subnet has at most one IPv6 block at a time, a /64 of one of its VPC's
// IPv6 blocks; an IPv6-only subnet (Ipv6Native) has only that block, no
// IPv4 block and no IPv4 addresses. An IPv6 association moves
//
//	action                      answer          after the next Settle
//	Create (IPv6 block)         associating     associated
//	AssociateIPv6               associating     associated
//	DisassociateIPv6            disassociating  disassociated (listed)
//
// and a disassociated association stays listed, as for a VPC's IPv6
// blocks (package vpc).
//
// With no zone asked for, EC2 picks one; [ResolveZone] picks the Region's
// zone that holds the fewest of the VPC's subnets, the first by name on a
// tie (a decision of this package; EC2 does not say how it picks).
//
// # Decisions
//
// Where AWS is silent, this package decides:
//
//   - An IPv6 block is a /64, as the 2023 User Guide says; the /44 to /60
//     blocks newer IPAM pools allow are refused like any wrong size.
//   - An IPv6-only subnet given an IPv4 block is refused with
//     InvalidParameterCombination, one without an IPv6 block with
//     MissingParameter; its hostname type is resource-name from the start
//     and ip-name is refused (IPv6-only subnets need resource-name); its
//     block cannot be disassociated (OperationNotPermitted).
//   - A second IPv6 block while one is associated or associating is
//     refused with InvalidParameterValue; a new one may come while the old
//     one is disassociating.
//   - An attribute that needs an IPv6 block is checked when it is turned
//     on; DNS64 and resource-name AAAA records stay on when the block goes
//     (assigning addresses on creation keeps it from going).
//   - The newest [vpc.MaxDisassociated] disassociated associations stay
//     listed.
//
// Sources: the Amazon VPC User Guide's "Subnet CIDR blocks" (sizes /16 to
// /28, the five reserved addresses), "Create a subnet" and "Modify the IP
// addressing attributes of your subnet"; the EC2 API Reference for
// CreateSubnet, DescribeSubnets, ModifySubnetAttribute and the Subnet shape;
// the error texts captured in Terraform, kops and Pulumi issues (the
// project's behaviour notes, section I), and in
// hashicorp/terraform-provider-aws#1519 and #32410 and
// terraform-aws-modules/terraform-aws-vpc#930 (the IPv6 attribute and
// disassociation refusals).
package subnet
