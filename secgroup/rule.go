package secgroup

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Protocol is the IP protocol of a rule, spelled as EC2 answers it: "-1"
// for every protocol, "tcp", "udp", "icmp", "icmpv6", or the decimal number
// (0-255) of any other protocol. The zero Protocol is not valid; use
// [ParseProtocol].
type Protocol string

// The protocols EC2 names; every other protocol is its number.
const (
	All    Protocol = "-1"
	TCP    Protocol = "tcp"
	UDP    Protocol = "udp"
	ICMP   Protocol = "icmp"
	ICMPv6 Protocol = "icmpv6"
)

// ParseProtocol returns the Protocol s names: a name (any case) or a
// number, numbers 6, 17, 1 and 58 answered as tcp, udp, icmp and icmpv6,
// as EC2 answers them. Anything else is InvalidParameterValue with EC2's
// "Invalid value '…' for IP protocol. Unknown protocol."; "all" is not a
// protocol EC2 knows.
func ParseProtocol(s string) (Protocol, error) {
	if s == "" {
		return "", fail("rule", "", "InvalidParameterValue", ErrProtocol,
			"Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.")
	}
	switch p := Protocol(strings.ToLower(s)); p {
	case TCP, UDP, ICMP, ICMPv6:
		return p, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < -1 || n > 255 {
		return "", fail("rule", "", "InvalidParameterValue", ErrProtocol,
			fmt.Sprintf("Invalid value '%s' for IP protocol. Unknown protocol.", s))
	}
	switch n {
	case -1:
		return All, nil
	case 6:
		return TCP, nil
	case 17:
		return UDP, nil
	case 1:
		return ICMP, nil
	case 58:
		return ICMPv6, nil
	}
	return Protocol(strconv.Itoa(n)), nil
}

// IsValid reports whether p is a Protocol [ParseProtocol] returns.
func (p Protocol) IsValid() bool {
	q, err := ParseProtocol(string(p))
	return err == nil && q == p
}

// HasPorts reports whether rules of p have a port range (tcp, udp) or an
// ICMP type and code (icmp, icmpv6); rules of every other protocol cover
// all of it.
func (p Protocol) HasPorts() bool {
	switch p {
	case TCP, UDP, ICMP, ICMPv6:
		return true
	}
	return false
}

// String returns p as EC2 spells it.
func (p Protocol) String() string { return string(p) }

// GroupRef is a security group a rule refers to: its ID, and as EC2 shows
// the pair, the account that owns it and, for a group in a peer VPC, that
// VPC and the peering connection. Only GroupID identifies the rule; the
// rest describes it. The zero GroupRef refers to no group.
// GroupRef supports == and can be a map key.
type GroupRef struct {
	GroupID   string // "sg-..."
	UserID    string // the owner account
	VPCID     string // the group's VPC, for a group in a peer VPC
	PeeringID string // the peering connection, for a group in a peer VPC
}

// Peer is the other end of a rule: exactly one of an IPv4 or IPv6 CIDR
// block, a prefix list, or a security group. The zero Peer is not valid;
// use [CIDRPeer], [PrefixListPeer] or [GroupPeer]. Peer supports == and
// can be a map key.
type Peer struct {
	cidr       netip.Prefix
	prefixList string
	group      GroupRef
}

// CIDRPeer returns the peer p, canonicalised (host bits cleared), as EC2
// stores it before it looks for duplicates.
func CIDRPeer(p netip.Prefix) Peer { return Peer{cidr: p.Masked()} }

// PrefixListPeer returns the prefix list id ("pl-...") as a peer.
func PrefixListPeer(id string) Peer { return Peer{prefixList: id} }

// GroupPeer returns the group g refers to as a peer.
func GroupPeer(g GroupRef) Peer { return Peer{group: g} }

// CIDR returns p's block and whether p is a block.
func (p Peer) CIDR() (netip.Prefix, bool) { return p.cidr, p.cidr.IsValid() }

// PrefixList returns p's prefix list ID and whether p is a prefix list.
func (p Peer) PrefixList() (string, bool) { return p.prefixList, p.prefixList != "" }

// Group returns p's group and whether p is a group.
func (p Peer) Group() (GroupRef, bool) { return p.group, p.group.GroupID != "" }

// IsValid reports whether p is exactly one kind of peer.
func (p Peer) IsValid() bool {
	n := 0
	for _, ok := range []bool{p.cidr.IsValid(), p.prefixList != "", p.group.GroupID != ""} {
		if ok {
			n++
		}
	}
	return n == 1
}

// String returns p as EC2's messages name a peer: the block, the prefix
// list ID or the group ID.
func (p Peer) String() string {
	switch {
	case p.cidr.IsValid():
		return p.cidr.String()
	case p.prefixList != "":
		return p.prefixList
	}
	return p.group.GroupID
}

// Rule is one rule of a security group, as DescribeSecurityGroupRules shows
// it: one protocol and port range, one peer. FromPort and ToPort are the
// port range for tcp and udp, the ICMP type and code for icmp and icmpv6
// (-1 for all), and -1 for every other protocol. The zero Rule is not
// valid. Rule supports == and can be a map key.
type Rule struct {
	ID          string // "sgr-..."
	Egress      bool
	Protocol    Protocol
	FromPort    int
	ToPort      int
	Peer        Peer
	Description string
}

// RuleSpec is a rule as a request gives it, before [RuleSpec.Rule] validates and
// canonicalises it: AuthorizeSecurityGroupIngress's IpPermissions, one per
// peer. The zero RuleSpec is not a valid rule.
type RuleSpec struct {
	Protocol    string // a name or number; see ParseProtocol
	FromPort    int
	HasFromPort bool // whether FromPort was given
	ToPort      int
	HasToPort   bool // whether ToPort was given
	Peer        Peer
	Description string
}

// MaxDescription is the longest rule or group description EC2 accepts.
const MaxDescription = 255

// Rule returns s as a rule of the given direction, without an ID: ports are
// checked for tcp and udp (both given, 0-65535, from ≤ to) and icmp (both
// given, -1-255; icmpv6 defaults to -1), and set to -1 for every other
// protocol, which covers all ports. EC2's codes: InvalidParameterValue
// ("Invalid value 'Must specify both from and to ports with TCP/UDP.' for
// portRange."), InvalidPermission.Malformed ("TCP/UDP port (70000) out of
// range").
func (s RuleSpec) Rule(egress bool) (Rule, error) {
	p, err := ParseProtocol(s.Protocol)
	if err != nil {
		return Rule{}, err
	}
	if !s.Peer.IsValid() {
		return Rule{}, fail("rule", "", "InvalidParameterValue", ErrInvalid,
			"A rule must name exactly one of a CIDR block, a prefix list or a security group.")
	}
	if c, ok := s.Peer.CIDR(); ok && c != c.Masked() {
		s.Peer = CIDRPeer(c)
	}
	if len(s.Description) > MaxDescription {
		return Rule{}, fail("rule", "", "InvalidParameterValue", ErrInvalid,
			fmt.Sprintf("Invalid rule description. Valid descriptions are strings less than %d characters.", MaxDescription+1))
	}
	r := Rule{Egress: egress, Protocol: p, FromPort: -1, ToPort: -1, Peer: s.Peer, Description: s.Description}
	switch p {
	case TCP, UDP:
		if !s.HasFromPort || !s.HasToPort {
			return Rule{}, fail("rule", "", "InvalidParameterValue", ErrPorts,
				"Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.")
		}
		for _, port := range []int{s.FromPort, s.ToPort} {
			if port < 0 || port > 65535 {
				return Rule{}, fail("rule", "", "InvalidPermission.Malformed", ErrPorts,
					fmt.Sprintf("TCP/UDP port (%d) out of range", port))
			}
		}
		if s.FromPort > s.ToPort {
			return Rule{}, fail("rule", "", "InvalidParameterValue", ErrPorts,
				fmt.Sprintf("Invalid value 'from port %d is greater than to port %d' for portRange.", s.FromPort, s.ToPort))
		}
		r.FromPort, r.ToPort = s.FromPort, s.ToPort
	case ICMP, ICMPv6:
		if p == ICMP && (!s.HasFromPort || !s.HasToPort) {
			return Rule{}, fail("rule", "", "InvalidParameterValue", ErrPorts,
				"Invalid value 'Must specify both from and to ports with ICMP.' for portRange.")
		}
		if s.HasFromPort {
			r.FromPort = s.FromPort
		}
		if s.HasToPort {
			r.ToPort = s.ToPort
		}
		for _, v := range []int{r.FromPort, r.ToPort} {
			if v < -1 || v > 255 {
				return Rule{}, fail("rule", "", "InvalidPermission.Malformed", ErrPorts,
					fmt.Sprintf("ICMP type or code (%d) out of range", v))
			}
		}
	}
	return r, nil
}

// key is what makes two rules the same rule: everything but the ID, the
// description and a group peer's descriptive fields.
type key struct {
	egress     bool
	protocol   Protocol
	from, to   int
	cidr       netip.Prefix
	prefixList string
	groupID    string
}

func (r Rule) key() key {
	return key{r.Egress, r.Protocol, r.FromPort, r.ToPort, r.Peer.cidr, r.Peer.prefixList, r.Peer.group.GroupID}
}

// SameAs reports whether r and o are the same rule to EC2: the same
// direction, protocol, ports and peer, whatever their IDs and descriptions.
func (r Rule) SameAs(o Rule) bool { return r.key() == o.key() }

// IsIPv6 reports whether r's peer is an IPv6 block: such rules count
// against the group's IPv6 quota, all others against its IPv4 quota.
func (r Rule) IsIPv6() bool { return r.Peer.cidr.IsValid() && r.Peer.cidr.Addr().Is6() }

// String returns r as EC2's duplicate message quotes a rule:
// "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW", "peer:
// sg-1, ALL, ALLOW", "peer: 10.0.0.0/8, protocol: 50, ALLOW".
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString("peer: " + r.Peer.String() + ", ")
	switch r.Protocol {
	case All:
		b.WriteString("ALL")
	case TCP, UDP:
		fmt.Fprintf(&b, "%s, from port: %d, to port: %d", strings.ToUpper(string(r.Protocol)), r.FromPort, r.ToPort)
	case ICMP, ICMPv6:
		fmt.Fprintf(&b, "%s, type: %d, code: %d", strings.ToUpper(string(r.Protocol)), r.FromPort, r.ToPort)
	default:
		b.WriteString("protocol: " + string(r.Protocol))
	}
	b.WriteString(", ALLOW")
	return b.String()
}

// sortRules orders rules for output: ingress first, then by ID.
func sortRules(rs []Rule) {
	slices.SortFunc(rs, func(a, b Rule) int {
		if a.Egress != b.Egress {
			if !a.Egress {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
}
