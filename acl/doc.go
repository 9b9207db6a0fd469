// Package acl models EC2 network ACLs as values: an [ACL] with numbered
// [Entry]s in each direction and its subnet [Association]s, the checks
// CreateNetworkAclEntry, ReplaceNetworkAclEntry, DeleteNetworkAclEntry and
// DeleteNetworkAcl make, and [ACL.Evaluate], which answers which entry
// decides a packet.
//
// # Rules
//
//	default ACL     100 allow all, 32767 (the console's *) deny all, each direction;
//	                it cannot be deleted (InvalidParameterValue)
//	IPv6 block      the default ACL gains 101 allow ::/0 and 32768 (the IPv6 *)
//	                deny ::/0 in each direction, when its VPC is created with an
//	                IPv6 block or gets one, unless that direction's entries
//	                were changed before ([ACL.WithIPv6Defaults])
//	custom ACL      only the 32767 denies: it blocks everything
//	rule numbers    1-32766, one entry per number per direction; 32767 and up are
//	                the catch-alls, which no action changes
//	protocol        -1 (all) or a number 0-255; tcp, udp, icmp, icmpv6 and all are
//	                taken as their numbers; 6 and 17 need a port range, 1 and 58 an
//	                ICMP type and code; others cover all ports
//	duplicate       NetworkAclEntryAlreadyExists ("The network acl entry identified
//	                by 100 already exists.")
//	missing         InvalidNetworkAclEntry.NotFound on replace and delete
//	quota           20 entries per direction and IP version, catch-all included
//	                (NetworkAclEntryLimitExceeded)
//	delete          refused while a subnet is associated (DependencyViolation)
//	evaluation      lowest number first, first match decides; stateless, so a
//	                reply is a packet of its own in the other direction
//
// Sources: Amazon VPC User Guide, vpc-network-acls.md and
// amazon-vpc-limits.md (https://docs.aws.amazon.com/vpc/latest/userguide/);
// the EC2 API reference for the actions above; error wording observed in
// public reports (the project's behaviour notes, section L.3). Where EC2's
// code or wording is not known (rule number out of range, deleting the
// default ACL), the choice is ours and the doc comment says so.
//
// # Decisions
//
// The IPv6 entries of a default ACL: the VPC User Guide's
// default-network-acl.md says they are added only when the VPC is created
// with an IPv6 block or one is associated with it, and that an inbound
// (outbound) allow is not added when the inbound (outbound) rules were
// modified; "modified" is read here as "no longer exactly rule 100 and the
// catch-all", and then neither 101 nor 32768 is added to that direction.
// The guide does not say what happens to them when the block is
// disassociated: they stay, as every other entry does. A custom ACL made in
// a VPC with IPv6 holds only the IPv4 catch-alls (the guide shows no IPv6
// catch-all for it).
package acl
