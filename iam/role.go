package iam

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// RoleSpec is what a new role is made of.
type RoleSpec struct {
	Account, Partition string
	ID                 string // from NewID(RoleIDPrefix, ...)
	Name, Path         string
	TrustPolicy        string
	Description        string
	MaxSessionDuration int // 0 is 3,600
	Tags               []Tag
	Created            time.Time // kept to the second
}

// Role is an IAM role. It is a value: its methods return changed copies.
// The zero Role is not valid.
type Role struct {
	account, partition string
	id, name, path     string
	trust              string
	description        string
	maxSession         int
	tags               []Tag
	attached           []string       // policy ARNs, in the order attached
	inline             []InlinePolicy // by name
	created            time.Time
}

// NewRole returns the role s describes, or the refusal of the first rule
// it breaks: the name, the path, the trust policy, the description, the
// session duration and the tags.
func NewRole(s RoleSpec) (Role, error) {
	if !ec2.IsAccount(s.Account) || !IsID(s.ID, RoleIDPrefix) {
		return Role{}, &Error{Code: CodeInvalidInput, Message: fmt.Sprintf("The account %q or role ID %q is malformed.", s.Account, s.ID)}
	}
	if s.Partition != "aws" && s.Partition != "aws-cn" && s.Partition != "aws-us-gov" {
		return Role{}, &Error{Code: CodeInvalidInput, Message: fmt.Sprintf("The partition %q is not one of AWS's.", s.Partition)}
	}
	if err := ParseRoleName(s.Name); err != nil {
		return Role{}, err
	}
	path, err := ParsePath(s.Path)
	if err != nil {
		return Role{}, err
	}
	if s.TrustPolicy == "" {
		return Role{}, Missing("assumeRolePolicyDocument")
	}
	if err := CheckDocument(s.TrustPolicy, TrustPolicy); err != nil {
		return Role{}, err
	}
	if err := checkDescription(s.Description); err != nil {
		return Role{}, err
	}
	if s.MaxSessionDuration == 0 {
		s.MaxSessionDuration = MinSessionDuration
	}
	if err := CheckSessionDuration(s.MaxSessionDuration); err != nil {
		return Role{}, err
	}
	tags, err := MergeTags(nil, s.Tags)
	if err != nil {
		return Role{}, err
	}
	return Role{account: s.Account, partition: s.Partition, id: s.ID, name: s.Name, path: path, trust: s.TrustPolicy,
		description: s.Description, maxSession: s.MaxSessionDuration, tags: tags, created: s.Created.UTC().Truncate(time.Second)}, nil
}

// IsValid reports whether r is a role (not the zero Role).
func (r Role) IsValid() bool { return r.name != "" }

// Account returns the account that holds r.
func (r Role) Account() string { return r.account }

// ID returns r's unique ID.
func (r Role) ID() string { return r.id }

// Name returns r's name.
func (r Role) Name() string { return r.name }

// Path returns r's path.
func (r Role) Path() string { return r.path }

// ARN returns r's ARN.
func (r Role) ARN() string {
	return ARN{Partition: r.partition, Account: r.account, Kind: "role", Path: r.path, Name: r.name}.String()
}

// TrustPolicy returns r's trust policy as it was written.
func (r Role) TrustPolicy() string { return r.trust }

// Description returns r's description.
func (r Role) Description() string { return r.description }

// MaxSessionDuration returns the longest session r grants, in seconds.
func (r Role) MaxSessionDuration() int { return r.maxSession }

// Tags returns r's tags.
func (r Role) Tags() []Tag { return slices.Clone(r.tags) }

// Created returns when r was made.
func (r Role) Created() time.Time { return r.created }

// Attached returns the ARNs of the managed policies attached to r, in the
// order they were attached.
func (r Role) Attached() []string { return slices.Clone(r.attached) }

// WithTrustPolicy returns r with a new trust policy.
func (r Role) WithTrustPolicy(doc string) (Role, error) {
	if err := CheckDocument(doc, TrustPolicy); err != nil {
		return r, err
	}
	r.trust = doc
	return r, nil
}

// WithDescription returns r with a new description.
func (r Role) WithDescription(d string) (Role, error) {
	if err := checkDescription(d); err != nil {
		return r, err
	}
	r.description = d
	return r, nil
}

// WithMaxSessionDuration returns r granting sessions of at most s
// seconds.
func (r Role) WithMaxSessionDuration(s int) (Role, error) {
	if err := CheckSessionDuration(s); err != nil {
		return r, err
	}
	r.maxSession = s
	return r, nil
}

// WithTags returns r with tags added (see [MergeTags]).
func (r Role) WithTags(tags []Tag) (Role, error) {
	next, err := MergeTags(r.tags, tags)
	if err != nil {
		return r, err
	}
	r.tags = next
	return r, nil
}

// WithoutTags returns r without the tags of keys, ignoring case.
func (r Role) WithoutTags(keys []string) Role {
	r.tags = DropTags(r.tags, keys)
	return r
}

// WithAttached returns r with the managed policy arn attached: attaching
// one already attached changes nothing; past 10 it is LimitExceeded.
func (r Role) WithAttached(arn string) (Role, error) {
	if slices.Contains(r.attached, arn) {
		return r, nil
	}
	if len(r.attached) >= MaxPoliciesPerRole {
		return r, &Error{Code: CodeLimitExceeded, Message: fmt.Sprintf("Cannot exceed quota for PoliciesPerRole: %d", MaxPoliciesPerRole)}
	}
	r.attached = append(slices.Clip(r.attached), arn)
	return r, nil
}

// WithoutAttached returns r with the managed policy arn detached, or
// NoSuchEntity when it is not attached.
func (r Role) WithoutAttached(arn string) (Role, error) {
	i := slices.Index(r.attached, arn)
	if i < 0 {
		return r, &Error{Code: CodeNoSuchEntity, Message: fmt.Sprintf("Policy %s was not found.", arn)}
	}
	r.attached = slices.Delete(slices.Clone(r.attached), i, i+1)
	return r, nil
}

// InlinePolicy is a permissions policy embedded in one role, named within
// it.
type InlinePolicy struct {
	Name, Document string
}

// Inline returns r's inline policies, ordered by name.
func (r Role) Inline() []InlinePolicy { return slices.Clone(r.inline) }

// InlinePolicy returns the document of r's inline policy name, or
// NoSuchEntity.
func (r Role) InlinePolicy(name string) (string, error) {
	i, ok := slices.BinarySearchFunc(r.inline, name, func(p InlinePolicy, n string) int { return strings.Compare(p.Name, n) })
	if !ok {
		return "", &Error{Code: CodeNoSuchEntity, Message: fmt.Sprintf("The role policy with name %s cannot be found.", name)}
	}
	return r.inline[i].Document, nil
}

// WithInline returns r with the inline policy name set to doc, replacing
// one of that name: the name and the document must be valid, and the
// role's inline documents together at most [MaxInlinePolicies] characters,
// white space aside (LimitExceeded).
func (r Role) WithInline(name, doc string) (Role, error) {
	if err := ParsePolicyName(name); err != nil {
		return r, err
	}
	if err := CheckDocument(doc, InlinePermissions); err != nil {
		return r, err
	}
	i, found := slices.BinarySearchFunc(r.inline, name, func(p InlinePolicy, n string) int { return strings.Compare(p.Name, n) })
	total := significant(doc)
	for j, p := range r.inline {
		if j != i || !found {
			total += significant(p.Document)
		}
	}
	if total > MaxInlinePolicies {
		return r, &Error{Code: CodeLimitExceeded, Message: fmt.Sprintf("Maximum policy size of %d bytes exceeded for role %s", MaxInlinePolicies, r.name)}
	}
	next := slices.Clone(r.inline)
	if found {
		next[i].Document = doc
	} else {
		next = slices.Insert(next, i, InlinePolicy{name, doc})
	}
	r.inline = next
	return r, nil
}

// WithoutInline returns r without its inline policy name, or NoSuchEntity.
func (r Role) WithoutInline(name string) (Role, error) {
	if _, err := r.InlinePolicy(name); err != nil {
		return r, err
	}
	r.inline = slices.DeleteFunc(slices.Clone(r.inline), func(p InlinePolicy) bool { return p.Name == name })
	return r, nil
}

// Key is the name a role or policy is looked up by: names are unique in
// an account ignoring case.
func Key(name string) string { return strings.ToLower(name) }
