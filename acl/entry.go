package acl

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Action is what an entry does with the traffic it matches, spelled as EC2
// spells it. The zero Action is not valid.
type Action string

// The actions of an entry.
const (
	Allow Action = "allow"
	Deny  Action = "deny"
)

// Values returns every valid Action: allow, deny.
func (Action) Values() []Action { return []Action{Allow, Deny} }

// IsValid reports whether a is allow or deny.
func (a Action) IsValid() bool { return a == Allow || a == Deny }

// String returns a as EC2 spells it.
func (a Action) String() string { return string(a) }

// Protocol numbers with a meaning for entries: all, and the protocols
// whose entries need a port range or an ICMP type and code.
const (
	ProtocolAll    = -1
	ProtocolICMP   = 1
	ProtocolTCP    = 6
	ProtocolUDP    = 17
	ProtocolICMPv6 = 58
)

// ParseProtocol returns the protocol number s names: a number from -1 (all)
// to 255, or one of the names tcp, udp, icmp, icmpv6 and all (any case),
// which EC2 turns into their numbers. Anything else is
// InvalidParameterValue, "Invalid value '…' for IP protocol. Unknown
// protocol."
func ParseProtocol(s string) (int, error) {
	switch strings.ToLower(s) {
	case "all":
		return ProtocolAll, nil
	case "tcp":
		return ProtocolTCP, nil
	case "udp":
		return ProtocolUDP, nil
	case "icmp":
		return ProtocolICMP, nil
	case "icmpv6":
		return ProtocolICMPv6, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < -1 || n > 255 {
		return 0, fail("entry", "", "InvalidParameterValue", ErrProtocol,
			fmt.Sprintf("Invalid value '%s' for IP protocol. Unknown protocol.", s))
	}
	return n, nil
}

// Rule numbers: users number entries 1 to MaxRuleNumber; the catch-all
// denies are CatchAll (IPv4) and CatchAllIPv6.
const (
	MaxRuleNumber = 32766
	CatchAll      = 32767
	CatchAllIPv6  = 32768
)

// DefaultEntriesPerDirection is EC2's default quota of entries per ACL, in
// each direction and for each IP version, the catch-all deny included
// ("Rules per network ACL: 20").
const DefaultEntriesPerDirection = 20

// Entry is one numbered rule of a network ACL. PortFrom and PortTo are set
// for tcp and udp only, ICMPType and ICMPCode for icmp and icmpv6 only
// (-1 for all); both pairs are 0 otherwise. The zero Entry is not valid.
// Entry supports == and can be a map key.
type Entry struct {
	RuleNumber int
	Egress     bool
	Action     Action
	Protocol   int // -1 for all, else an IP protocol number
	CIDR       netip.Prefix
	PortFrom   int
	PortTo     int
	ICMPType   int
	ICMPCode   int
}

// EntrySpec is an entry as CreateNetworkAclEntry or ReplaceNetworkAclEntry
// gives it, before [EntrySpec.Entry] validates it. The zero EntrySpec is
// not valid.
type EntrySpec struct {
	RuleNumber    int
	Egress        bool
	Action        string
	Protocol      string
	CIDRBlock     string // IPv4; exactly one of CIDRBlock and IPv6CIDRBlock
	IPv6CIDRBlock string
	HasPortRange  bool
	PortFrom      int
	PortTo        int
	HasICMP       bool
	ICMPType      int
	ICMPCode      int
}

func invalid(format string, args ...any) error {
	return fail("entry", "", "InvalidParameterValue", ErrInvalid, fmt.Sprintf(format, args...))
}

// Entry returns s as an entry: a rule number 1-32766, allow or deny, a
// known protocol, exactly one block (canonicalised), a port range
// (0-65535, from ≤ to) for tcp and udp, and an ICMP type and code (-1-255)
// for icmp and icmpv6. Every refusal is InvalidParameterValue; the
// messages are ours where EC2's are not known.
func (s EntrySpec) Entry() (Entry, error) {
	if s.RuleNumber < 1 || s.RuleNumber > MaxRuleNumber {
		return Entry{}, invalid("Invalid value '%d' for ruleNumber. The rule number must be between 1 and %d.", s.RuleNumber, MaxRuleNumber)
	}
	a := Action(strings.ToLower(s.Action))
	if !a.IsValid() {
		return Entry{}, invalid("Invalid value '%s' for ruleAction. Valid values: allow, deny.", s.Action)
	}
	proto, err := ParseProtocol(s.Protocol)
	if err != nil {
		return Entry{}, err
	}
	var p netip.Prefix
	switch {
	case s.CIDRBlock != "" && s.IPv6CIDRBlock != "":
		return Entry{}, fail("entry", "", "InvalidParameterCombination", ErrInvalid,
			"Only one of cidrBlock and ipv6CidrBlock may be specified.")
	case s.CIDRBlock != "":
		if p, err = netip.ParsePrefix(s.CIDRBlock); err != nil || !p.Addr().Is4() {
			return Entry{}, invalid("Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s.CIDRBlock)
		}
	case s.IPv6CIDRBlock != "":
		if p, err = netip.ParsePrefix(s.IPv6CIDRBlock); err != nil || !p.Addr().Is6() || p.Addr().Is4In6() {
			return Entry{}, invalid("Value (%s) for parameter ipv6CidrBlock is invalid. This is not a valid CIDR block.", s.IPv6CIDRBlock)
		}
	default:
		return Entry{}, fail("entry", "", "MissingParameter", ErrInvalid, "The request must contain the parameter cidrBlock or ipv6CidrBlock")
	}
	e := Entry{RuleNumber: s.RuleNumber, Egress: s.Egress, Action: a, Protocol: proto, CIDR: p.Masked()}
	switch proto {
	case ProtocolTCP, ProtocolUDP:
		if !s.HasPortRange {
			return Entry{}, fail("entry", "", "MissingParameter", ErrInvalid, "The request must contain the parameter portRange")
		}
		if s.PortFrom < 0 || s.PortTo > 65535 || s.PortFrom > s.PortTo {
			return Entry{}, invalid("Invalid value '%d-%d' for portRange. Ports must be between 0 and 65535, from no greater than to.", s.PortFrom, s.PortTo)
		}
		e.PortFrom, e.PortTo = s.PortFrom, s.PortTo
	case ProtocolICMP, ProtocolICMPv6:
		if !s.HasICMP {
			return Entry{}, fail("entry", "", "MissingParameter", ErrInvalid, "The request must contain the parameter icmpTypeCode")
		}
		if s.ICMPType < -1 || s.ICMPType > 255 || s.ICMPCode < -1 || s.ICMPCode > 255 {
			return Entry{}, invalid("Invalid value '%d/%d' for icmpTypeCode. Type and code must be between -1 and 255.", s.ICMPType, s.ICMPCode)
		}
		e.ICMPType, e.ICMPCode = s.ICMPType, s.ICMPCode
	}
	return e, nil
}

// IsIPv6 reports whether e's block is IPv6.
func (e Entry) IsIPv6() bool { return e.CIDR.Addr().Is6() }

// IsCatchAll reports whether e is one of the catch-all denies no action
// may change.
func (e Entry) IsCatchAll() bool { return e.RuleNumber > MaxRuleNumber }

// Matches reports whether e applies to p (its action aside).
func (e Entry) Matches(p Packet) bool {
	if e.Egress != p.Egress || !p.Addr.IsValid() || !e.CIDR.Contains(p.Addr.Unmap()) {
		return false
	}
	if e.Protocol == ProtocolAll {
		return true
	}
	if e.Protocol != p.Protocol {
		return false
	}
	switch e.Protocol {
	case ProtocolTCP, ProtocolUDP:
		return e.PortFrom <= p.Port && p.Port <= e.PortTo
	case ProtocolICMP, ProtocolICMPv6:
		return (e.ICMPType == -1 || e.ICMPType == p.Port) && (e.ICMPCode == -1 || e.ICMPCode == p.ICMPCode)
	}
	return true
}
