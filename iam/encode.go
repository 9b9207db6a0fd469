package iam

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// encodingVersion is the version of the encodings MarshalBinary writes.
const encodingVersion = 1

type roleRecord struct {
	V           int         `json:"v"`
	Account     string      `json:"account"`
	Partition   string      `json:"partition"`
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Path        string      `json:"path"`
	Trust       string      `json:"trust"`
	Description string      `json:"description,omitempty"`
	MaxSession  int         `json:"maxSession"`
	Tags        [][2]string `json:"tags,omitempty"`
	Attached    []string    `json:"attached,omitempty"`
	Inline      [][2]string `json:"inline,omitempty"` // name, document
	Created     time.Time   `json:"created"`
}

func tagPairs(tags []Tag) [][2]string {
	var out [][2]string
	for _, t := range tags {
		out = append(out, [2]string{t.Key, t.Value})
	}
	return out
}

func pairTags(p [][2]string) []Tag {
	var out []Tag
	for _, t := range p {
		out = append(out, Tag{t[0], t[1]})
	}
	return out
}

func decodeStrict(data []byte, v any, what string) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("iam: unmarshal %s: %w", what, err)
	}
	if dec.More() {
		return fmt.Errorf("iam: unmarshal %s: data after it", what)
	}
	return nil
}

// MarshalBinary encodes r losslessly, for [Role.UnmarshalBinary]: a
// versioned JSON document. The zero Role cannot be encoded.
func (r Role) MarshalBinary() ([]byte, error) {
	if !r.IsValid() {
		return nil, errors.New("iam: marshal: the zero Role")
	}
	return json.Marshal(roleRecord{V: encodingVersion, Account: r.account, Partition: r.partition, ID: r.id, Name: r.name,
		Path: r.path, Trust: r.trust, Description: r.description, MaxSession: r.maxSession, Tags: tagPairs(r.tags),
		Attached: r.attached, Inline: inlinePairs(r.inline), Created: r.created})
}

func inlinePairs(ps []InlinePolicy) [][2]string {
	var out [][2]string
	for _, p := range ps {
		out = append(out, [2]string{p.Name, p.Document})
	}
	return out
}

// UnmarshalBinary sets r to the Role data encodes, after checking every
// rule [NewRole] and the methods of Role keep; on error r is unchanged.
func (r *Role) UnmarshalBinary(data []byte) error {
	var rec roleRecord
	if err := decodeStrict(data, &rec, "role"); err != nil {
		return err
	}
	if rec.V != encodingVersion {
		return fmt.Errorf("iam: unmarshal role: encoding version %d, want %d", rec.V, encodingVersion)
	}
	n, err := NewRole(RoleSpec{Account: rec.Account, Partition: rec.Partition, ID: rec.ID, Name: rec.Name, Path: rec.Path,
		TrustPolicy: rec.Trust, Description: rec.Description, MaxSessionDuration: rec.MaxSession, Tags: pairTags(rec.Tags),
		Created: rec.Created})
	if err != nil {
		return fmt.Errorf("iam: unmarshal role: %w", err)
	}
	if rec.Path != n.path || rec.MaxSession != n.maxSession || !rec.Created.Equal(n.created) {
		return fmt.Errorf("iam: unmarshal role %s: a path, session duration or time it would not hold", rec.Name)
	}
	for _, a := range rec.Attached {
		if _, err := ParseARN(a, "policyArn"); err != nil || slices.Contains(n.attached, a) {
			return fmt.Errorf("iam: unmarshal role %s: attached policy %q malformed or twice", rec.Name, a)
		}
		if n, err = n.WithAttached(a); err != nil {
			return fmt.Errorf("iam: unmarshal role %s: %w", rec.Name, err)
		}
	}
	for _, p := range rec.Inline {
		if _, err := n.InlinePolicy(p[0]); err == nil {
			return fmt.Errorf("iam: unmarshal role %s: inline policy %q twice", rec.Name, p[0])
		}
		if n, err = n.WithInline(p[0], p[1]); err != nil {
			return fmt.Errorf("iam: unmarshal role %s: %w", rec.Name, err)
		}
	}
	*r = n
	return nil
}

// Equal reports whether r and o are the same role in the same state.
func (r Role) Equal(o Role) bool {
	return r.account == o.account && r.partition == o.partition && r.id == o.id && r.name == o.name && r.path == o.path &&
		r.trust == o.trust && r.description == o.description && r.maxSession == o.maxSession &&
		slices.Equal(r.tags, o.tags) && slices.Equal(r.attached, o.attached) && slices.Equal(r.inline, o.inline) &&
		r.created.Equal(o.created)
}

type policyRecord struct {
	V              int         `json:"v"`
	Account        string      `json:"account"`
	Partition      string      `json:"partition"`
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Path           string      `json:"path"`
	Description    string      `json:"description,omitempty"`
	Tags           [][2]string `json:"tags,omitempty"`
	Versions       []Version   `json:"versions"`
	DefaultVersion string      `json:"default"`
	Next           int         `json:"next"`
	Created        time.Time   `json:"created"`
	Updated        time.Time   `json:"updated"`
}

// MarshalBinary encodes p losslessly, for [Policy.UnmarshalBinary]: a
// versioned JSON document. The zero Policy cannot be encoded.
func (p Policy) MarshalBinary() ([]byte, error) {
	if !p.IsValid() {
		return nil, errors.New("iam: marshal: the zero Policy")
	}
	return json.Marshal(policyRecord{V: encodingVersion, Account: p.account, Partition: p.partition, ID: p.id, Name: p.name,
		Path: p.path, Description: p.description, Tags: tagPairs(p.tags), Versions: p.versions, DefaultVersion: p.defaultVersion,
		Next: p.next, Created: p.created, Updated: p.updated})
}

// UnmarshalBinary sets p to the Policy data encodes, after checking every
// rule [NewPolicy] and the methods of Policy keep; on error p is
// unchanged.
func (p *Policy) UnmarshalBinary(data []byte) error {
	var rec policyRecord
	if err := decodeStrict(data, &rec, "policy"); err != nil {
		return err
	}
	if rec.V != encodingVersion {
		return fmt.Errorf("iam: unmarshal policy: encoding version %d, want %d", rec.V, encodingVersion)
	}
	if len(rec.Versions) == 0 || len(rec.Versions) > MaxVersionsPerPolicy {
		return fmt.Errorf("iam: unmarshal policy %s: %d versions", rec.Name, len(rec.Versions))
	}
	n, err := NewPolicy(PolicySpec{Account: rec.Account, Partition: rec.Partition, ID: rec.ID, Name: rec.Name, Path: rec.Path,
		Document: rec.Versions[0].Document, Description: rec.Description, Tags: pairTags(rec.Tags), Created: rec.Created})
	if err != nil {
		return fmt.Errorf("iam: unmarshal policy: %w", err)
	}
	if rec.Path != n.path || !rec.Created.Equal(n.created) || !rec.Updated.Equal(rec.Updated.Truncate(time.Second)) ||
		rec.Updated.Before(rec.Created) {
		return fmt.Errorf("iam: unmarshal policy %s: a path or time it would not hold", rec.Name)
	}
	last, seenDefault := 0, false
	for _, v := range rec.Versions {
		if err := CheckVersionID(v.ID); err != nil || CheckDocument(v.Document, PermissionsPolicy) != nil ||
			!v.Created.Equal(v.Created.UTC().Truncate(time.Second)) || v.Created.Location() != time.UTC {
			return fmt.Errorf("iam: unmarshal policy %s: version %q malformed", rec.Name, v.ID)
		}
		num, _ := strconv.Atoi(v.ID[1:])
		if num <= last {
			return fmt.Errorf("iam: unmarshal policy %s: versions out of order", rec.Name)
		}
		last = num
		seenDefault = seenDefault || v.ID == rec.DefaultVersion
	}
	if !seenDefault || rec.Next <= last {
		return fmt.Errorf("iam: unmarshal policy %s: default version %q or next %d inconsistent", rec.Name, rec.DefaultVersion, rec.Next)
	}
	n.versions, n.defaultVersion, n.next, n.updated = rec.Versions, rec.DefaultVersion, rec.Next, rec.Updated.UTC()
	*p = n
	return nil
}

// Equal reports whether p and o are the same policy in the same state.
func (p Policy) Equal(o Policy) bool {
	return p.account == o.account && p.partition == o.partition && p.id == o.id && p.name == o.name && p.path == o.path &&
		p.description == o.description && slices.Equal(p.tags, o.tags) && p.defaultVersion == o.defaultVersion &&
		p.next == o.next && p.created.Equal(o.created) && p.updated.Equal(o.updated) &&
		slices.EqualFunc(p.versions, o.versions, func(a, b Version) bool {
			return a.ID == b.ID && a.Document == b.Document && a.Created.Equal(b.Created)
		})
}
