// Package dhcp models a DHCP option set (dopt-): the options EC2 hands to
// the instances of every VPC associated with it, validated as
// CreateDhcpOptions validates them.
//
// Which VPC uses which set, the Region's default set, and what a deletion
// depends on involve VPCs; package vpcmodel's Cloud composes those rules.
//
// # Rules
//
//	key                                values                                         EC2 error code
//	domain-name                        exactly one, 1 to 255 printable characters      InvalidParameterValue
//	domain-name-servers                1 to 4 IPv4 or IPv6 addresses, or               InvalidParameterValue
//	                                   AmazonProvidedDNS
//	ntp-servers                        1 to 8: at most 4 IPv4 and 4 IPv6 addresses     InvalidParameterValue
//	netbios-name-servers               1 to 4 IPv4 addresses                           InvalidParameterValue
//	netbios-node-type                  exactly one of 1, 2, 4, 8                       InvalidParameterValue
//	ipv6-address-preferred-lease-time  exactly one, 140 to 2147483647 (seconds)        InvalidParameterValue
//	any other key                      -                                               InvalidParameterValue
//	a key given twice, no key at all   -                                               InvalidParameterValue
//
// A set keeps its options in the order of [Key.Values], each with its values
// in the order given, which is how DescribeDhcpOptions lists them.
//
// The default set of a Region ([Default]) has domain-name
// REGION.compute.internal (ec2.internal in us-east-1) and
// domain-name-servers AmazonProvidedDNS.
//
// # Decisions
//
// EC2's documents give the limits above but not every message: a refusal's
// message names the key and the value refused, in the form EC2 uses for an
// invalid parameter value ("Value (x) for parameter key is invalid.").
// A value of a server list is compared as an address: " 10.0.0.2" is not an
// address. A domain name is checked only for its length and for being printable
// ASCII, since EC2 accepts several space-separated names in one value.
//
// Sources: the EC2 API Reference for CreateDhcpOptions, DeleteDhcpOptions,
// AssociateDhcpOptions and DescribeDhcpOptions; "DHCP option sets" in the
// Amazon VPC User Guide.
package dhcp
