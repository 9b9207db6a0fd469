// Package eni models an elastic network interface of a VPC subnet as a
// value: its primary private IPv4 address, its optional public IPv4
// address, its security groups and its source/destination check, and the
// rules EC2 applies when an interface is created in a subnet or changed.
//
// Which addresses of a subnet are in use, which security groups exist and
// where, and what an interface's deletion depends on involve other
// resources; package vpcmodel's Cloud composes those rules. An interface is
// also a route target ([route.KindNetworkInterface]) and an end of a
// reachability analysis (package reach).
//
// # Rules
//
//	rule                                           EC2 error code                           message
//	address not IPv4                               InvalidParameterValue                    Value (x) for parameter privateIpAddress is invalid. ...
//	address outside the subnet's block             InvalidParameterValue                    Address 10.1.0.5 does not fall within the subnet's address range
//	one of the subnet's five reserved addresses    InvalidParameterValue                    Address 10.0.1.3 is reserved by AWS in subnet-... (our wording)
//	address already in use                         InvalidIPAddress.InUse                   The specified address is already in use.
//	no address left in the subnet                  InsufficientFreeAddressesInSubnet        The specified subnet does not have enough free addresses to satisfy the request.
//	more than MaxGroups security groups            SecurityGroupsPerInterfaceLimitExceeded  The maximum number of security groups per interface has been reached.
//	description longer than 255 characters         InvalidParameterValue
//
// With no address asked for, the interface takes the lowest free address
// of the subnet ([Allocate]): EC2 picks one without saying how, and the
// lowest is a decision of this package that keeps a model's addresses
// predictable. Five addresses of every subnet are never given out: the
// network address, the three after it (router, DNS, future use) and the
// broadcast address.
//
// A new interface has the source/destination check on, no public address,
// status available (it is attached to nothing: this model has no
// instances), interface type "interface", and a MAC address derived from
// its ID (a decision: EC2 draws one).
//
// Sources: the Amazon EC2 User Guide's "Elastic network interfaces"
// (creating an interface, the primary private address, source/destination
// checking); the Amazon VPC User Guide's "Subnet CIDR blocks" (the reserved
// addresses); the EC2 API Reference for CreateNetworkInterface,
// DescribeNetworkInterfaces, DeleteNetworkInterface,
// ModifyNetworkInterfaceAttribute and the NetworkInterface shape; error
// wording captured in public reports (pulumi/pulumi#10923,
// hashicorp/terraform-provider-aws#23114, aws/aws-cli#7178).
package eni
