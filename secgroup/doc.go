// Package secgroup models EC2 VPC security groups as values: a [Group]
// with its inbound and outbound [Rule]s, the checks CreateSecurityGroup,
// AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress
// and DeleteSecurityGroup make, and [Admits], which answers whether a
// group's rules let a packet through.
//
// # Rules
//
//	every VPC          a group "default": all in from itself, all out to 0.0.0.0/0
//	                   (and ::/0 with IPv6); it cannot be deleted (CannotDelete)
//	a new group        no inbound rules, one outbound rule: all to 0.0.0.0/0
//	group name         1-255 characters, not "default" (InvalidGroup.Reserved), not
//	                   sg-*, unique in its VPC ignoring case (InvalidGroup.Duplicate)
//	a rule             one protocol, one port range, one peer: an IPv4 or IPv6
//	                   block (canonicalised), a prefix list, or a group
//	protocol           tcp, udp, icmp, icmpv6, -1 (all) or a number 0-255; 6, 17, 1
//	                   and 58 are answered by name; others cover all ports
//	ports              tcp/udp need both, 0-65535; icmp needs type and code (-1: all)
//	duplicate          same direction, protocol, ports and peer, whatever the
//	                   description: InvalidPermission.Duplicate
//	revoke             by properties (InvalidPermission.NotFound when one does not
//	                   match) or by sgr- ID (InvalidSecurityGroupRuleId.NotFound)
//	modify             by sgr- ID, all or none: the rule keeps its ID, direction
//	                   and tags; an ID of another group is
//	                   InvalidSecurityGroupRuleId.NotFound; a result equal to
//	                   another rule is InvalidPermission.Duplicate; an IPv4
//	                   block may not become an IPv6 block or the reverse
//	                   (InvalidParameterValue)
//	quota              60 inbound and 60 outbound rules per group, IPv4 and IPv6
//	                   counted apart (RulesPerSecurityGroupLimitExceeded)
//	delete             refused while another group refers to it (DependencyViolation)
//	evaluation         allow-only: a packet passes when any rule of its direction
//	                   matches its protocol, port and other end
//
// Which groups a rule may refer to (a group of the same VPC, or of a VPC
// peered in the same Region while the peering is active) is a rule between
// resources, so the Cloud that holds groups and peering connections
// applies it; a rule whose peering is gone stays, stale, and matches
// nothing.
//
// Sources: Amazon VPC User Guide, default-security-group.md and
// security-group-rules.md (https://docs.aws.amazon.com/vpc/latest/userguide/);
// VPC Peering Guide, vpc-peering-security-groups.md; the EC2 API reference
// for the actions above; error wording observed in public reports (the
// project's behaviour notes, section L).
package secgroup
