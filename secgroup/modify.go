package secgroup

import (
	"errors"
	"fmt"
	"slices"
)

// RuleUpdate is one entry of a ModifySecurityGroupRules request: the rule
// to change, by ID, and the rule it becomes. The zero RuleUpdate names no
// rule.
type RuleUpdate struct {
	ID   string   // "sgr-..."
	Spec RuleSpec // the whole new rule: protocol, ports, peer, description
}

// Modify returns g with the rules updates name replaced, all or none, and
// the new rules in the order of updates. Each rule keeps its ID, its
// direction and its tags; everything else is the update's, the description
// included (an absent description clears it). The refusals, in the order
// they are checked:
//
//	no updates                      MissingParameter
//	an ID of no rule of g           InvalidSecurityGroupRuleId.NotFound
//	the same ID twice               InvalidParameterValue
//	a spec that is not a rule       as [RuleSpec.Rule] refuses it
//	an IPv4 block for an IPv6 rule  InvalidParameterValue (and the reverse)
//	a result equal to another rule  InvalidPermission.Duplicate
//	of g, or to another result
//	more rules of one direction     RulesPerSecurityGroupLimitExceeded
//	and IP version than limit
//
// limit ≤ 0 means [DefaultRulesPerDirection].
func (g Group) Modify(updates []RuleUpdate, limit int) (Group, []Rule, error) {
	const op = "modify"
	if limit <= 0 {
		limit = DefaultRulesPerDirection
	}
	if len(updates) == 0 {
		return Group{}, nil, fail(op, g.id, "MissingParameter", ErrInvalid, "The request must contain the parameter SecurityGroupRule")
	}
	changed := make([]Rule, 0, len(updates))
	for i, u := range updates {
		old, ok := g.Rule(u.ID)
		if !ok {
			return Group{}, nil, fail(op, g.id, "InvalidSecurityGroupRuleId.NotFound", ErrRuleIDNotFound,
				fmt.Sprintf("The security group rule ID '%s' does not exist", u.ID))
		}
		if slices.ContainsFunc(updates[:i], func(v RuleUpdate) bool { return v.ID == u.ID }) {
			return Group{}, nil, fail(op, g.id, "InvalidParameterValue", ErrInvalid,
				fmt.Sprintf("The security group rule ID '%s' is given more than once", u.ID))
		}
		r, err := u.Spec.Rule(old.Egress)
		if err != nil {
			if e := (*Error)(nil); errors.As(err, &e) {
				e.Op, e.ID = op, g.id
			}
			return Group{}, nil, err
		}
		if oc, ok := old.Peer.CIDR(); ok {
			if nc, ok := r.Peer.CIDR(); ok && oc.Addr().Is4() != nc.Addr().Is4() {
				have, want := "IPv4", "CidrIpv6"
				if oc.Addr().Is6() {
					have, want = "IPv6", "CidrIpv4"
				}
				return Group{}, nil, fail(op, g.id, "InvalidParameterValue", ErrInvalid,
					fmt.Sprintf("Invalid rule type for security group rule '%s'. You may not specify %s for an existing %s CIDR rule.", u.ID, want, have))
			}
		}
		r.ID = old.ID
		changed = append(changed, r)
	}
	next := slices.Clone(g.rules)
	for _, r := range changed {
		next[slices.IndexFunc(next, func(x Rule) bool { return x.ID == r.ID })] = r
	}
	for _, r := range changed {
		if slices.ContainsFunc(next, func(x Rule) bool { return x.ID != r.ID && x.SameAs(r) }) {
			return Group{}, nil, fail(op, g.id, "InvalidPermission.Duplicate", ErrDuplicate,
				fmt.Sprintf("the specified rule %q already exists", r.String()))
		}
	}
	for _, egress := range []bool{false, true} {
		for _, v6 := range []bool{false, true} {
			n := 0
			for _, r := range next {
				if r.Egress == egress && r.IsIPv6() == v6 {
					n++
				}
			}
			if n > limit {
				return Group{}, nil, fail(op, g.id, "RulesPerSecurityGroupLimitExceeded", ErrRuleLimit,
					"The maximum number of rules per security group has been reached.")
			}
		}
	}
	sortRules(next)
	g.rules = next
	return g, changed, nil
}
