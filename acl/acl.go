package acl

import (
	"cmp"
	"errors"
	"fmt"
	"net/netip"
	"slices"
)

// Association is a subnet's association with a network ACL: every subnet
// has exactly one. Association supports == and can be a map key.
type Association struct {
	ID       string // "aclassoc-..."
	SubnetID string // "subnet-..."
}

// ACL is a network ACL of a VPC: numbered entries in each direction,
// evaluated lowest number first, and the subnets associated with it. The
// zero ACL is not valid; use [New] or [NewDefault]. An ACL holds slices,
// so it does not support ==; its methods copy on the way in and out.
type ACL struct {
	id, vpcID, ownerID string
	isDefault          bool
	entries            []Entry // sorted: ingress first, then by rule number
	assocs             []Association
}

var (
	anyIPv4 = netip.MustParsePrefix("0.0.0.0/0")
	anyIPv6 = netip.MustParsePrefix("::/0")
)

// DefaultIPv6RuleNumber is the number of the entry that allows all IPv6
// traffic in a default network ACL of a VPC with an IPv6 block.
const DefaultIPv6RuleNumber = 101

// WithIPv6Defaults returns the default ACL a with the entries EC2 adds when
// its VPC gets an IPv6 block: rule 101 allows all traffic to and from ::/0
// and the IPv6 catch-all denies the rest, in each direction whose entries
// are still EC2's (rule 100 and the catch-all); a direction whose entries
// were changed is left as it is, as EC2 leaves it. A custom ACL is returned
// unchanged.
func (a ACL) WithIPv6Defaults() ACL {
	if !a.isDefault {
		return a
	}
	var add []Entry
	for _, egress := range []bool{false, true} {
		pristine := []Entry{
			{RuleNumber: 100, Egress: egress, Action: Allow, Protocol: ProtocolAll, CIDR: anyIPv4},
			{RuleNumber: CatchAll, Egress: egress, Action: Deny, Protocol: ProtocolAll, CIDR: anyIPv4},
		}
		var have []Entry
		for _, e := range a.entries {
			if e.Egress == egress {
				have = append(have, e)
			}
		}
		if slices.Equal(have, pristine) {
			add = append(add,
				Entry{RuleNumber: DefaultIPv6RuleNumber, Egress: egress, Action: Allow, Protocol: ProtocolAll, CIDR: anyIPv6},
				Entry{RuleNumber: CatchAllIPv6, Egress: egress, Action: Deny, Protocol: ProtocolAll, CIDR: anyIPv6})
		}
	}
	if len(add) == 0 {
		return a
	}
	a.entries = slices.Concat(a.entries, add)
	sortEntries(a.entries)
	return a
}

// New returns a custom network ACL: only the two catch-all denies, so it
// blocks everything until entries are added.
func New(id, vpcID, ownerID string) ACL {
	return ACL{id: id, vpcID: vpcID, ownerID: ownerID, entries: []Entry{
		{RuleNumber: CatchAll, Action: Deny, Protocol: ProtocolAll, CIDR: anyIPv4},
		{RuleNumber: CatchAll, Egress: true, Action: Deny, Protocol: ProtocolAll, CIDR: anyIPv4},
	}}
}

// NewDefault returns a VPC's default network ACL: rule 100 allows all
// traffic and the catch-all denies the rest, in each direction.
func NewDefault(id, vpcID, ownerID string) ACL {
	return ACL{id: id, vpcID: vpcID, ownerID: ownerID, isDefault: true, entries: []Entry{ // in entry order
		{RuleNumber: 100, Action: Allow, Protocol: ProtocolAll, CIDR: anyIPv4},
		{RuleNumber: CatchAll, Action: Deny, Protocol: ProtocolAll, CIDR: anyIPv4},
		{RuleNumber: 100, Egress: true, Action: Allow, Protocol: ProtocolAll, CIDR: anyIPv4},
		{RuleNumber: CatchAll, Egress: true, Action: Deny, Protocol: ProtocolAll, CIDR: anyIPv4},
	}}
}

func sortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int {
		if a.Egress != b.Egress {
			if !a.Egress {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.RuleNumber, b.RuleNumber)
	})
}

// ID returns a's ID, "acl-...".
func (a ACL) ID() string { return a.id }

// VPCID returns the ID of a's VPC.
func (a ACL) VPCID() string { return a.vpcID }

// OwnerID returns the account that owns a.
func (a ACL) OwnerID() string { return a.ownerID }

// IsDefault reports whether a is its VPC's default network ACL.
func (a ACL) IsDefault() bool { return a.isDefault }

// IsValid reports whether a was made by [New] or [NewDefault].
func (a ACL) IsValid() bool { return a.id != "" }

// Entries returns a's entries: ingress first, each direction by rule
// number.
func (a ACL) Entries() []Entry { return slices.Clone(a.entries) }

// Associations returns a's subnet associations, in the order they were made.
func (a ACL) Associations() []Association { return slices.Clone(a.assocs) }

func (a ACL) find(egress bool, n int) int {
	return slices.IndexFunc(a.entries, func(e Entry) bool { return e.Egress == egress && e.RuleNumber == n })
}

// CreateEntry returns a with e added. A number already used in e's
// direction is NetworkAclEntryAlreadyExists ("The network acl entry
// identified by 100 already exists."); more than limit entries in e's
// direction and IP version, the catch-all included, is
// NetworkAclEntryLimitExceeded (limit ≤ 0 means
// [DefaultEntriesPerDirection]).
func (a ACL) CreateEntry(s EntrySpec, limit int) (ACL, error) {
	e, err := a.entry("create-entry", s)
	if err != nil {
		return ACL{}, err
	}
	if a.find(e.Egress, e.RuleNumber) >= 0 {
		return ACL{}, fail("create-entry", a.id, "NetworkAclEntryAlreadyExists", ErrEntryExists,
			fmt.Sprintf("The network acl entry identified by %d already exists.", e.RuleNumber))
	}
	if limit <= 0 {
		limit = DefaultEntriesPerDirection
	}
	n := 1 // e, and the catch-all of its IP version, which an IPv6 entry brings
	for _, x := range a.entries {
		if x.Egress == e.Egress && x.IsIPv6() == e.IsIPv6() {
			n++
		}
	}
	if e.IsIPv6() && !slices.ContainsFunc(a.entries, func(x Entry) bool { return x.Egress == e.Egress && x.IsIPv6() }) {
		n++
	}
	if n > limit {
		return ACL{}, fail("create-entry", a.id, "NetworkAclEntryLimitExceeded", ErrEntryLimit,
			"The maximum number of network acl entries has been reached.")
	}
	a.entries = append(slices.Clone(a.entries), e)
	sortEntries(a.entries)
	return a, nil
}

// ReplaceEntry returns a with the entry of e's number and direction
// replaced by e; there must be one (InvalidNetworkAclEntry.NotFound).
func (a ACL) ReplaceEntry(s EntrySpec) (ACL, error) {
	e, err := a.entry("replace-entry", s)
	if err != nil {
		return ACL{}, err
	}
	i := a.find(e.Egress, e.RuleNumber)
	if i < 0 {
		return ACL{}, a.notFound("replace-entry", e.Egress, e.RuleNumber)
	}
	a.entries = slices.Clone(a.entries)
	a.entries[i] = e
	return a, nil
}

// DeleteEntry returns a without the entry n in one direction; there must be
// one (InvalidNetworkAclEntry.NotFound), and it may not be a catch-all
// (InvalidParameterValue).
func (a ACL) DeleteEntry(egress bool, n int) (ACL, error) {
	if n < 1 || n > MaxRuleNumber {
		return ACL{}, fail("delete-entry", a.id, "InvalidParameterValue", ErrInvalid,
			fmt.Sprintf("Invalid value '%d' for ruleNumber. The rule number must be between 1 and %d.", n, MaxRuleNumber))
	}
	i := a.find(egress, n)
	if i < 0 {
		return ACL{}, a.notFound("delete-entry", egress, n)
	}
	a.entries = slices.Delete(slices.Clone(a.entries), i, i+1)
	return a, nil
}

func (a ACL) entry(op string, s EntrySpec) (Entry, error) {
	e, err := s.Entry()
	if err != nil {
		if ae := (*Error)(nil); errors.As(err, &ae) {
			ae.Op, ae.ID = op, a.id
		}
		return Entry{}, err
	}
	return e, nil
}

func (a ACL) notFound(op string, egress bool, n int) error {
	dir := "ingress"
	if egress {
		dir = "egress"
	}
	return fail(op, a.id, "InvalidNetworkAclEntry.NotFound", ErrEntryNotFound,
		fmt.Sprintf("The network acl entry identified by %d (%s) does not exist in network acl '%s'.", n, dir, a.id))
}

// Associate returns a with the association added; the caller makes sure
// the subnet has no other (see [ACL.Disassociate]).
func (a ACL) Associate(as Association) ACL {
	a.assocs = append(slices.Clone(a.assocs), as)
	return a
}

// Disassociate returns a without association id, and whether a had it.
func (a ACL) Disassociate(id string) (ACL, Association, bool) {
	i := slices.IndexFunc(a.assocs, func(as Association) bool { return as.ID == id })
	if i < 0 {
		return a, Association{}, false
	}
	as := a.assocs[i]
	a.assocs = slices.Delete(slices.Clone(a.assocs), i, i+1)
	return a, as, true
}

// CheckDelete returns the error DeleteNetworkAcl gives for a: the default
// ACL cannot be deleted (InvalidParameterValue, "cannot delete default
// network ACL acl-…"), nor one still associated with a subnet
// (DependencyViolation).
func (a ACL) CheckDelete() error {
	if a.isDefault {
		return fail("delete", a.id, "InvalidParameterValue", ErrDefault,
			fmt.Sprintf("cannot delete default network ACL %s", a.id))
	}
	if len(a.assocs) > 0 {
		return fail("delete", a.id, "DependencyViolation", ErrAssociated,
			fmt.Sprintf("The networkAcl '%s' has dependencies and cannot be deleted.", a.id))
	}
	return nil
}

// Packet is traffic an ACL is asked about, seen from the subnet: its
// direction, protocol number, port (tcp, udp) or ICMP type and code, and
// the address at the other end. The zero Packet has no address and
// matches no entry.
type Packet struct {
	Egress   bool
	Protocol int
	Port     int // tcp/udp port, or ICMP type
	ICMPCode int
	Addr     netip.Addr
}

// Evaluate returns the entry that decides p: the lowest-numbered entry of
// p's direction that matches it. The IPv4 catch-all deny matches every
// IPv4 packet, so ok is false only for a packet without an address or an
// IPv6 packet no entry covers (which EC2's IPv6 catch-all would deny).
func (a ACL) Evaluate(p Packet) (e Entry, ok bool) {
	for _, x := range a.entries {
		if x.Matches(p) {
			return x, true
		}
	}
	return Entry{}, false
}

// Allows reports whether a lets p through: whether the entry that decides
// it allows.
func (a ACL) Allows(p Packet) bool {
	e, ok := a.Evaluate(p)
	return ok && e.Action == Allow
}
