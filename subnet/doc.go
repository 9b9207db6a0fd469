// Package subnet models a VPC subnet as a value: its IPv4 block, its
// Availability Zone, its attributes, and the rules EC2 applies when a
// subnet is placed in a VPC.
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
//
// A block given with host bits set is stored canonically (100.68.0.18/18
// is 100.68.0.0/18), as EC2 stores it. Five addresses of every subnet are
// reserved (the network address, the router, DNS, one for future use, and
// broadcast), so a new /24 has 251 available addresses and a /28 has 11:
// [Subnet.AvailableIPAddressCount]. A subnet's block never changes.
//
// With no zone asked for, EC2 picks one; [ResolveZone] picks the Region's
// zone that holds the fewest of the VPC's subnets, the first by name on a
// tie (a decision of this package; EC2 does not say how it picks).
//
// Sources: the Amazon VPC User Guide's "Subnet CIDR blocks" (sizes /16 to
// /28, the five reserved addresses), "Create a subnet" and "Modify the IP
// addressing attributes of your subnet"; the EC2 API Reference for
// CreateSubnet, DescribeSubnets, ModifySubnetAttribute and the Subnet shape;
// the error texts captured in Terraform, kops and Pulumi issues (the
// project's behaviour notes, section I).
package subnet
