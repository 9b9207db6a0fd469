package iam

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Version is one version of a managed policy.
type Version struct {
	ID       string // v1, v2, ...
	Document string
	Created  time.Time
}

// PolicySpec is what a new customer managed policy is made of.
type PolicySpec struct {
	Account, Partition string
	ID                 string // from NewID(PolicyIDPrefix, ...)
	Name, Path         string
	Document           string
	Description        string
	Tags               []Tag
	Created            time.Time // kept to the second
}

// Policy is a customer managed policy with its versions. It is a value:
// its methods return changed copies. The zero Policy is not valid.
type Policy struct {
	account, partition string
	id, name, path     string
	description        string
	tags               []Tag
	versions           []Version // in ID order
	defaultVersion     string
	next               int // the number of the next version
	created, updated   time.Time
}

// NewPolicy returns the policy s describes, with its document as version
// v1, the default; or the refusal of the first rule it breaks: the name,
// the path, the document, the description and the tags.
func NewPolicy(s PolicySpec) (Policy, error) {
	if !ec2.IsAccount(s.Account) || !IsID(s.ID, PolicyIDPrefix) {
		return Policy{}, &Error{Code: CodeInvalidInput, Message: fmt.Sprintf("The account %q or policy ID %q is malformed.", s.Account, s.ID)}
	}
	if s.Partition != "aws" && s.Partition != "aws-cn" && s.Partition != "aws-us-gov" {
		return Policy{}, &Error{Code: CodeInvalidInput, Message: fmt.Sprintf("The partition %q is not one of AWS's.", s.Partition)}
	}
	if err := ParsePolicyName(s.Name); err != nil {
		return Policy{}, err
	}
	path, err := ParsePath(s.Path)
	if err != nil {
		return Policy{}, err
	}
	if err := CheckDocument(s.Document, PermissionsPolicy); err != nil {
		return Policy{}, err
	}
	if err := checkDescription(s.Description); err != nil {
		return Policy{}, err
	}
	tags, err := MergeTags(nil, s.Tags)
	if err != nil {
		return Policy{}, err
	}
	at := s.Created.UTC().Truncate(time.Second)
	return Policy{account: s.Account, partition: s.Partition, id: s.ID, name: s.Name, path: path, description: s.Description,
		tags: tags, versions: []Version{{ID: "v1", Document: s.Document, Created: at}}, defaultVersion: "v1", next: 2,
		created: at, updated: at}, nil
}

// IsValid reports whether p is a policy (not the zero Policy).
func (p Policy) IsValid() bool { return p.name != "" }

// Account returns the account that holds p.
func (p Policy) Account() string { return p.account }

// ID returns p's unique ID.
func (p Policy) ID() string { return p.id }

// Name returns p's name.
func (p Policy) Name() string { return p.name }

// Path returns p's path.
func (p Policy) Path() string { return p.path }

// ARN returns p's ARN.
func (p Policy) ARN() string {
	return ARN{Partition: p.partition, Account: p.account, Kind: "policy", Path: p.path, Name: p.name}.String()
}

// Description returns p's description.
func (p Policy) Description() string { return p.description }

// Tags returns p's tags.
func (p Policy) Tags() []Tag { return slices.Clone(p.tags) }

// Created returns when p was made; Updated when its default version last
// changed.
func (p Policy) Created() time.Time { return p.created }

// Updated returns when p's default version last changed.
func (p Policy) Updated() time.Time { return p.updated }

// DefaultVersion returns the ID of p's default version.
func (p Policy) DefaultVersion() string { return p.defaultVersion }

// Versions returns p's versions, in the order they were made.
func (p Policy) Versions() []Version { return slices.Clone(p.versions) }

// Version returns the version of an ID, or NoSuchEntity.
func (p Policy) Version(id string) (Version, error) {
	for _, v := range p.versions {
		if v.ID == id {
			return v, nil
		}
	}
	return Version{}, &Error{Code: CodeNoSuchEntity, Message: fmt.Sprintf("Policy %s version %s does not exist or is not attachable.", p.ARN(), id)}
}

// CheckVersionID checks the form of a version ID: v and a number.
func CheckVersionID(id string) error {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "v"))
	if !strings.HasPrefix(id, "v") || err != nil || n < 1 || strconv.Itoa(n) != id[1:] {
		return Validation(id, "versionId", `Member must satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`)
	}
	return nil
}

// WithVersion returns p with a new version of doc, the default one when
// setDefault; a policy has at most 5 versions (LimitExceeded).
func (p Policy) WithVersion(doc string, setDefault bool, now time.Time) (Policy, Version, error) {
	if err := CheckDocument(doc, PermissionsPolicy); err != nil {
		return p, Version{}, err
	}
	if len(p.versions) >= MaxVersionsPerPolicy {
		return p, Version{}, &Error{Code: CodeLimitExceeded, Message: fmt.Sprintf(
			"A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", MaxVersionsPerPolicy)}
	}
	v := Version{ID: "v" + strconv.Itoa(p.next), Document: doc, Created: now.UTC().Truncate(time.Second)}
	p.versions = append(slices.Clip(p.versions), v)
	p.next++
	if setDefault {
		p.defaultVersion = v.ID
		p.updated = v.Created
	}
	return p, v, nil
}

// WithoutVersion returns p without a version: not its default one
// (DeleteConflict).
func (p Policy) WithoutVersion(id string) (Policy, error) {
	if _, err := p.Version(id); err != nil {
		return p, err
	}
	if id == p.defaultVersion {
		return p, &Error{Code: CodeDeleteConflict, Message: "Cannot delete the default version of a policy."}
	}
	p.versions = slices.DeleteFunc(slices.Clone(p.versions), func(v Version) bool { return v.ID == id })
	return p, nil
}

// WithTags returns p with tags added (see [MergeTags]).
func (p Policy) WithTags(tags []Tag) (Policy, error) {
	next, err := MergeTags(p.tags, tags)
	if err != nil {
		return p, err
	}
	p.tags = next
	return p, nil
}

// WithoutTags returns p without the tags of keys, ignoring case.
func (p Policy) WithoutTags(keys []string) Policy {
	p.tags = DropTags(p.tags, keys)
	return p
}

// CheckDeletable refuses to delete p while it has versions besides its
// default one, or is attached to attachments roles (DeleteConflict).
func (p Policy) CheckDeletable(attachments int) error {
	if attachments > 0 {
		return &Error{Code: CodeDeleteConflict, Message: "Cannot delete a policy attached to entities."}
	}
	if len(p.versions) > 1 {
		return &Error{Code: CodeDeleteConflict, Message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."}
	}
	return nil
}
