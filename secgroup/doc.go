// Package secgroup models EC2 VPC security groups as values: a [Group]
// with its inbound and outbound [Rule]s, the checks CreateSecurityGroup,
// AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress
// and DeleteSecurityGroup make, and [Admits], which answers whether a
// group's rules let a packet through.
//
// # Rules
//
//	every VPC          a group "default": all in from itself, all out to 0.0.0.0/0
//	                   (and ::/0 once the VPC has an IPv6 block); it cannot be
//	                   deleted (CannotDelete)
//	a new group        no inbound rules, one outbound rule: all to 0.0.0.0/0, and
//	                   a second, all to ::/0, in a VPC with an IPv6 block
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
//
// # Decisions
//
//   - IPv6 egress. The VPC User Guide's default-security-group.md lists the
//     default group's outbound ::/0 rule as added only if the VPC has an
//     associated IPv6 CIDR block. That a new group in such a VPC gets one too
//     comes from the Terraform AWS provider, whose aws_security_group revokes
//     both default egress rules after CreateSecurityGroup and treats
//     InvalidPermission.NotFound on the ::/0 one as "not an IPv6 VPC". When a
//     block is associated with an existing VPC the default group gains the
//     rule (as the default network ACL gains its IPv6 entries); existing
//     custom groups do not. The rules stay when the block goes.
//   - ModifySecurityGroupRules. A rule ID of another group answers
//     InvalidSecurityGroupRuleId.NotFound, as an unknown ID does (moto does
//     the same; EC2's code for this case is not documented). Exactly one
//     peer: none is MissingParameter, more than one
//     InvalidParameterCombination (moto's codes). Changing an IPv4 block to an
//     IPv6 block or back is InvalidParameterValue ("Invalid rule type for
//     security group rule ..."; moto's wording). The same ID twice in one
//     request is InvalidParameterValue, our choice. The update is the whole
//     new rule: a description left out clears the old one.
//   - Stale rules. A rule to a group in another VPC is stale while the group
//     is gone or no active peering connection joins the two VPCs; a new
//     active connection between the same VPCs makes it live again (VPC
//     Peering Guide, vpc-peering-security-groups.md). DescribeStaleSecurityGroups
//     answers the status of the connection the rule was made over, "deleted"
//     once it is no longer held.
package secgroup
