package secgroup

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// DefaultName and DefaultDescription are the name and description of every
// VPC's default security group.
const (
	DefaultName        = "default"
	DefaultDescription = "default VPC security group"
)

// MaxName is the longest group name EC2 accepts.
const MaxName = 255

// DefaultRulesPerDirection is EC2's default quota of inbound rules, and
// separately of outbound rules, per group and IP version ("Inbound or
// outbound rules per security group: 60").
const DefaultRulesPerDirection = 60

// Group is a security group of a VPC: its identity and its rules. The zero
// Group is not valid; use [Create] or [CreateDefault]. A Group holds a
// slice, so it does not support ==; its methods copy on the way in and out.
type Group struct {
	id, name, description string
	vpcID, ownerID        string
	isDefault             bool
	rules                 []Rule // sorted by sortRules
}

// GroupSpec is what CreateSecurityGroup asks for. The zero GroupSpec is not
// valid.
type GroupSpec struct {
	OwnerID     string
	VPCID       string
	Name        string
	Description string
	IPv6        bool // the VPC has an IPv6 block: the group also sends all to ::/0
}

// CheckSpec checks s as CreateSecurityGroup does, before any group is
// made: a name of 1-255 characters that is not "default"
// (InvalidGroup.Reserved) and not of the form sg-* (InvalidParameterValue),
// and a description of 1-255 characters.
func CheckSpec(s GroupSpec) error {
	switch {
	case s.Name == "":
		return fail("create", "", "MissingParameter", ErrInvalid, "The request must contain the parameter GroupName")
	case s.Description == "":
		return fail("create", "", "MissingParameter", ErrInvalid, "The request must contain the parameter GroupDescription")
	case strings.EqualFold(s.Name, DefaultName):
		return fail("create", "", "InvalidGroup.Reserved", ErrReserved,
			"The name 'default' is reserved, and cannot be used to create a new security group.")
	case strings.HasPrefix(strings.ToLower(s.Name), "sg-"):
		return fail("create", "", "InvalidParameterValue", ErrInvalid,
			fmt.Sprintf("Value (%s) for parameter GroupName is invalid. Group names may not be in the format sg-*", s.Name))
	case len(s.Name) > MaxName:
		return fail("create", "", "InvalidParameterValue", ErrInvalid,
			fmt.Sprintf("Value (%s) for parameter GroupName is invalid. Names must be at most %d characters.", s.Name, MaxName))
	case len(s.Description) > MaxDescription:
		return fail("create", "", "InvalidParameterValue", ErrInvalid,
			fmt.Sprintf("Value for parameter GroupDescription is invalid. Descriptions must be at most %d characters.", MaxDescription))
	}
	return nil
}

// CheckUnique returns InvalidGroup.Duplicate ("The security group 'web'
// already exists for VPC 'vpc-…'") when one of groups in s's VPC has s's
// name, ignoring case, as EC2 compares names.
func CheckUnique(s GroupSpec, groups []Group) error {
	for _, g := range groups {
		if g.vpcID == s.VPCID && strings.EqualFold(g.name, s.Name) {
			return fail("create", g.id, "InvalidGroup.Duplicate", ErrDuplicateName,
				fmt.Sprintf("The security group '%s' already exists for VPC '%s'", s.Name, s.VPCID))
		}
	}
	return nil
}

var (
	anyIPv4 = netip.MustParsePrefix("0.0.0.0/0")
	anyIPv6 = netip.MustParsePrefix("::/0")
)

// Create returns a new group for s, with EC2's rules for a new group: all
// traffic out to 0.0.0.0/0, and to ::/0 when s.IPv6. It checks s with
// [CheckSpec], then reads a group ID and a rule ID per rule from random.
func Create(s GroupSpec, random io.Reader) (Group, error) {
	if err := CheckSpec(s); err != nil {
		return Group{}, err
	}
	id, err := ec2.SecurityGroup.NewID(random)
	if err != nil {
		return Group{}, err
	}
	peers := []netip.Prefix{anyIPv4}
	if s.IPv6 {
		peers = append(peers, anyIPv6)
	}
	g := Group{id: id, name: s.Name, description: s.Description, vpcID: s.VPCID, ownerID: s.OwnerID}
	for _, p := range peers {
		ruleID, err := newRuleID(random)
		if err != nil {
			return Group{}, err
		}
		g.rules = append(g.rules, Rule{ID: ruleID, Egress: true, Protocol: All, FromPort: -1, ToPort: -1, Peer: CIDRPeer(p)})
	}
	sortRules(g.rules)
	return g, nil
}

// allOutIPv6 is the rule EC2 adds for a VPC's IPv6 block: all traffic out
// to ::/0.
func allOutIPv6(id string) Rule {
	return Rule{ID: id, Egress: true, Protocol: All, FromPort: -1, ToPort: -1, Peer: CIDRPeer(anyIPv6)}
}

// WithIPv6Egress returns the default group g with EC2's rule for a VPC with
// an IPv6 block, all traffic out to ::/0, under an ID derived from g's
// as [CreateDefault] derives its own. A group that already has that rule,
// or is not a default group, is returned unchanged.
func (g Group) WithIPv6Egress() Group {
	r := allOutIPv6(derivedRuleID(g.id, 2))
	if !g.isDefault || slices.ContainsFunc(g.rules, r.SameAs) || slices.ContainsFunc(g.rules, func(x Rule) bool { return x.ID == r.ID }) {
		return g
	}
	g.rules = append(slices.Clone(g.rules), r)
	sortRules(g.rules)
	return g
}

// CreateDefault returns the default group id of ownerID's VPC vpcID, with
// EC2's default rules: all traffic in from the group itself, all traffic
// out to 0.0.0.0/0; for a VPC with IPv6, add all out to ::/0 with
// [Group.WithIPv6Egress]. Its rule IDs are derived from id rather than
// drawn, so a VPC's creation draws no more randomness than its IDs.
func CreateDefault(id, vpcID, ownerID string) Group {
	return Group{id: id, name: DefaultName, description: DefaultDescription, vpcID: vpcID, ownerID: ownerID, isDefault: true,
		rules: []Rule{
			{ID: derivedRuleID(id, 0), Protocol: All, FromPort: -1, ToPort: -1, Peer: GroupPeer(GroupRef{GroupID: id, UserID: ownerID})},
			{ID: derivedRuleID(id, 1), Egress: true, Protocol: All, FromPort: -1, ToPort: -1, Peer: CIDRPeer(anyIPv4)},
		}}
}

// derivedRuleID returns the n-th rule ID of a default group: sgr- and 17
// hex digits of a hash of the group ID.
func derivedRuleID(groupID string, n byte) string {
	var in [64]byte // on the stack for any group ID EC2 makes
	sum := sha256.Sum256(append(append(in[:0], groupID...), n))
	var out [len("sgr-") + 18]byte
	copy(out[:], "sgr-")
	hex.Encode(out[len("sgr-"):], sum[:9])
	return string(out[:len(out)-1])
}

// newRuleID reads a fresh rule ID from random.
func newRuleID(random io.Reader) (string, error) {
	return ec2.Kind{Prefix: "sgr"}.NewID(random)
}

// IsRuleID reports whether s is a well-formed security group rule ID.
func IsRuleID(s string) bool { return ec2.Kind{Prefix: "sgr"}.IsID(s) }

// ID returns g's ID, "sg-...".
func (g Group) ID() string { return g.id }

// Name returns g's name.
func (g Group) Name() string { return g.name }

// Description returns g's description.
func (g Group) Description() string { return g.description }

// VPCID returns the ID of g's VPC.
func (g Group) VPCID() string { return g.vpcID }

// OwnerID returns the account that owns g.
func (g Group) OwnerID() string { return g.ownerID }

// IsDefault reports whether g is its VPC's default group.
func (g Group) IsDefault() bool { return g.isDefault }

// IsValid reports whether g was made by [Create] or [CreateDefault].
func (g Group) IsValid() bool { return g.id != "" }

// Rules returns g's rules, inbound first, each direction in rule ID order.
func (g Group) Rules() []Rule { return slices.Clone(g.rules) }

// Rule returns g's rule id, and whether g has it.
func (g Group) Rule(id string) (Rule, bool) {
	i := slices.IndexFunc(g.rules, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		return Rule{}, false
	}
	return g.rules[i], true
}

// Authorize returns g with rules added in one direction, and the added
// rules with their new IDs. Every spec is checked ([RuleSpec.Rule]), then
// against g's rules and the others in the request
// (InvalidPermission.Duplicate, quoting the rule as EC2 does), then the
// quota of limit rules per direction and IP version
// (RulesPerSecurityGroupLimitExceeded; limit ≤ 0 means
// [DefaultRulesPerDirection]); only then are rule IDs read from random, so
// a refused request reads none.
func (g Group) Authorize(egress bool, specs []RuleSpec, limit int, random io.Reader) (Group, []Rule, error) {
	op := "authorize"
	if limit <= 0 {
		limit = DefaultRulesPerDirection
	}
	if len(specs) == 0 {
		return Group{}, nil, fail(op, g.id, "MissingParameter", ErrInvalid, "The request must contain the parameter IpPermissions")
	}
	added := make([]Rule, 0, len(specs))
	for _, s := range specs {
		r, err := s.Rule(egress)
		if err != nil {
			if e := (*Error)(nil); errors.As(err, &e) {
				e.Op, e.ID = op, g.id
			}
			return Group{}, nil, err
		}
		if slices.ContainsFunc(g.rules, r.SameAs) || slices.ContainsFunc(added, r.SameAs) {
			return Group{}, nil, fail(op, g.id, "InvalidPermission.Duplicate", ErrDuplicate,
				fmt.Sprintf("the specified rule %q already exists", r.String()))
		}
		added = append(added, r)
	}
	for _, v6 := range []bool{false, true} {
		n := 0
		for _, r := range slices.Concat(g.rules, added) {
			if r.Egress == egress && r.IsIPv6() == v6 {
				n++
			}
		}
		if n > limit {
			return Group{}, nil, fail(op, g.id, "RulesPerSecurityGroupLimitExceeded", ErrRuleLimit,
				"The maximum number of rules per security group has been reached.")
		}
	}
	for i := range added {
		id, err := newRuleID(random)
		if err != nil {
			return Group{}, nil, err
		}
		added[i].ID = id
	}
	g.rules = slices.Concat(g.rules, added)
	sortRules(g.rules)
	return g, slices.Clone(added), nil
}

// Revoke returns g without the rules specs name in one direction, matched
// as EC2 matches them (protocol, ports and peer; not the description), and
// the revoked rules. A spec that matches no rule refuses the whole request
// (InvalidPermission.NotFound, "The specified rule does not exist in this
// security group."), as EC2 does outside a default VPC.
func (g Group) Revoke(egress bool, specs []RuleSpec) (Group, []Rule, error) {
	var gone []Rule
	for _, s := range specs {
		want, err := s.Rule(egress)
		if err != nil {
			return Group{}, nil, err
		}
		i := slices.IndexFunc(g.rules, want.SameAs)
		if i < 0 {
			return Group{}, nil, fail("revoke", g.id, "InvalidPermission.NotFound", ErrRuleNotFound,
				"The specified rule does not exist in this security group.")
		}
		if !slices.Contains(gone, g.rules[i]) {
			gone = append(gone, g.rules[i])
		}
	}
	return g.without(gone), gone, nil
}

// RevokeIDs returns g without the rules ids name in one direction, and the
// revoked rules. An ID of no rule of g in that direction refuses the whole
// request (InvalidSecurityGroupRuleId.NotFound).
func (g Group) RevokeIDs(egress bool, ids []string) (Group, []Rule, error) {
	var gone []Rule
	for _, id := range ids {
		r, ok := g.Rule(id)
		if !ok || r.Egress != egress {
			return Group{}, nil, fail("revoke", g.id, "InvalidSecurityGroupRuleId.NotFound", ErrRuleIDNotFound,
				fmt.Sprintf("The security group rule ID '%s' does not exist", id))
		}
		if !slices.Contains(gone, r) {
			gone = append(gone, r)
		}
	}
	return g.without(gone), gone, nil
}

func (g Group) without(gone []Rule) Group {
	g.rules = slices.DeleteFunc(slices.Clone(g.rules), func(r Rule) bool { return slices.Contains(gone, r) })
	return g
}

// References reports whether one of g's rules refers to group id.
func (g Group) References(id string) bool {
	return slices.ContainsFunc(g.rules, func(r Rule) bool { ref, ok := r.Peer.Group(); return ok && ref.GroupID == id })
}

// CheckDelete returns the error DeleteSecurityGroup gives for g: a default
// group cannot be deleted (CannotDelete), nor one that another group in
// others refers to (DependencyViolation, "resource sg-… has a dependent
// object"). A group's references to itself do not count.
func (g Group) CheckDelete(others []Group) error {
	if g.isDefault {
		return fail("delete", g.id, "CannotDelete", ErrCannotDelete,
			fmt.Sprintf("the specified group: %q name: %q cannot be deleted by a user", g.id, g.name))
	}
	for _, o := range others {
		if o.id != g.id && o.References(g.id) {
			return fail("delete", g.id, "DependencyViolation", ErrInUse,
				fmt.Sprintf("resource %s has a dependent object", g.id))
		}
	}
	return nil
}
