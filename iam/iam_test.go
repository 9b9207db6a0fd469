package iam_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/iam"
)

func code(err error) string {
	var e *iam.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return "uncoded: " + err.Error()
	}
	return ""
}

const (
	trust = `{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	perms = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["logs:PutLogEvents"],"Resource":"*"}}`
)

func TestCheckDocument(t *testing.T) {
	for _, tt := range []struct {
		doc  string
		kind iam.DocumentKind
		code string
		msg  string
	}{
		{trust, iam.TrustPolicy, "", ""},
		{perms, iam.PermissionsPolicy, "", ""},
		{`{"Statement":{"Effect":"Deny","Principal":"*","NotAction":"s3:*"}}`, iam.TrustPolicy, "", ""},
		{`{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":["arn:aws:iam::111111111111:root"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}]}`, iam.TrustPolicy, "", ""},
		{perms, iam.TrustPolicy, iam.CodeMalformedDocument, "Has prohibited field Resource"},
		{`{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}`, iam.TrustPolicy, iam.CodeMalformedDocument, "Missing required field Principal"},
		{trust, iam.PermissionsPolicy, iam.CodeMalformedDocument, "Policy document should not specify a principal."},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*"}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, "Policy statement must contain resources."},
		{`{"Statement":{"Effect":"Allow","Resource":"*"}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, "Policy statement must contain actions."},
		{`{"Statement":{"Effect":"Maybe","Action":"s3:*","Resource":"*"}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, ""},
		{`{"Statement":{"Action":"s3:*","Resource":"*"}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, "Missing required field Effect"},
		{`{"Statement":[]}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, ""},
		{`{"Version":"2012-10-17"}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, ""},
		{`{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, ""},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Extra":1}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, ""},
		{`{"Statement":{"Effect":"Allow","Action":3,"Resource":"*"}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, ""},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"s3:*","Resource":"*"}}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, ""},
		{`{"Statement":{"Effect":"Allow","Principal":{"Bogus":"x"},"Action":"sts:AssumeRole"}}`, iam.TrustPolicy, iam.CodeMalformedDocument, ""},
		{`[]`, iam.PermissionsPolicy, iam.CodeMalformedDocument, "Syntax errors in policy."},
		{`{`, iam.PermissionsPolicy, iam.CodeMalformedDocument, "Syntax errors in policy."},
		{perms + `{}`, iam.PermissionsPolicy, iam.CodeMalformedDocument, "Syntax errors in policy."},
		{``, iam.PermissionsPolicy, iam.CodeValidation, ""},
		{`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"` + strings.Repeat("a", 6200) + `"}}`, iam.PermissionsPolicy, iam.CodeLimitExceeded, ""},
		{`{"Statement":{"Effect":"Allow","Principal":"*","Action":"` + strings.Repeat("a", 2100) + `"}}`, iam.TrustPolicy, iam.CodeLimitExceeded, ""},
		{perms + strings.Repeat(" ", 7000), iam.PermissionsPolicy, "", ""},
	} {
		err := iam.CheckDocument(tt.doc, tt.kind)
		if code(err) != tt.code {
			t.Errorf("CheckDocument(%.60s, %d) = %v, want %q", tt.doc, tt.kind, err, tt.code)
			continue
		}
		var e *iam.Error
		if tt.msg != "" && errors.As(err, &e) && e.Message != tt.msg {
			t.Errorf("CheckDocument(%.60s): message %q, want %q", tt.doc, e.Message, tt.msg)
		}
	}
}

var nameOracle = regexp.MustCompile(`^[\w+=,.@-]+$`)

func TestNames(t *testing.T) {
	for _, tt := range []struct {
		name      string
		role, pol bool
	}{
		{"a", true, true},
		{"vpc-flow-log-role-2026", true, true},
		{"a+=,.@_-Z9", true, true},
		{strings.Repeat("r", 64), true, true},
		{strings.Repeat("r", 65), false, true},
		{strings.Repeat("r", 128), false, true},
		{strings.Repeat("r", 129), false, false},
		{"", false, false},
		{"a b", false, false},
		{"a/b", false, false},
		{"é", false, false},
	} {
		if got := iam.ParseRoleName(tt.name) == nil; got != tt.role {
			t.Errorf("ParseRoleName(%.20q) ok = %v", tt.name, got)
		}
		if got := iam.ParsePolicyName(tt.name) == nil; got != tt.pol {
			t.Errorf("ParsePolicyName(%.20q) ok = %v", tt.name, got)
		}
		if err := iam.ParseRoleName(tt.name); err != nil && tt.name != "" && code(err) != iam.CodeValidation {
			t.Errorf("ParseRoleName(%q) code %q", tt.name, code(err))
		}
	}
	for _, tt := range []struct{ path, want string }{
		{"", "/"}, {"/", "/"}, {"/a/", "/a/"}, {"/a/b/", "/a/b/"}, {"/!~/", "/!~/"},
		{"a/", ""}, {"/a", ""}, {"//", ""}, {"/a b/", ""}, {"/" + strings.Repeat("a", 511) + "/", ""},
	} {
		got, err := iam.ParsePath(tt.path)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("ParsePath(%.20q) = %q, %v; want %q", tt.path, got, err, tt.want)
		}
	}
}

func TestParseARN(t *testing.T) {
	for _, tt := range []struct {
		arn  string
		want iam.ARN
		ok   bool
	}{
		{"arn:aws:iam::111111111111:role/r", iam.ARN{Partition: "aws", Account: "111111111111", Kind: "role", Path: "/", Name: "r"}, true},
		{"arn:aws:iam::111111111111:policy/a/b/p", iam.ARN{Partition: "aws", Account: "111111111111", Kind: "policy", Path: "/a/b/", Name: "p"}, true},
		{"arn:aws:iam::aws:policy/ReadOnlyAccess", iam.ARN{Partition: "aws", Account: "aws", Kind: "policy", Path: "/", Name: "ReadOnlyAccess"}, true},
		{"arn:aws:iam:us-east-1:111111111111:role/r", iam.ARN{}, false},
		{"arn:aws:iam::111111111111:user/u", iam.ARN{}, false},
		{"arn:aws:iam::111111111111:role/", iam.ARN{}, false},
		{"arn:aws:iam::1:role/r", iam.ARN{}, false},
		{"arn:aws:s3::111111111111:role/r", iam.ARN{}, false},
		{"arn:aws:iam::111111111111:role/a b/r", iam.ARN{}, false},
		{"nope", iam.ARN{}, false},
	} {
		got, err := iam.ParseARN(tt.arn, "policyArn")
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseARN(%q) = %+v, %v", tt.arn, got, err)
		}
		if err != nil && code(err) != iam.CodeInvalidInput {
			t.Errorf("ParseARN(%q) code %q", tt.arn, code(err))
		}
		if err == nil && got.String() != tt.arn {
			t.Errorf("ParseARN(%q).String() = %q", tt.arn, got.String())
		}
	}
}

func TestMergeTags(t *testing.T) {
	have := []iam.Tag{{"Name", "a"}, {"env", "x"}}
	got, err := iam.MergeTags(have, []iam.Tag{{"ENV", "y"}, {"new", ""}})
	if err != nil || len(got) != 3 || got[0] != (iam.Tag{"Name", "a"}) || got[1] != (iam.Tag{"ENV", "y"}) {
		t.Fatalf("MergeTags = %v, %v", got, err)
	}
	if _, err := iam.MergeTags(nil, []iam.Tag{{"k", "1"}, {"K", "2"}}); code(err) != iam.CodeInvalidInput {
		t.Fatalf("duplicate keys: %v", err)
	}
	if _, err := iam.MergeTags(nil, []iam.Tag{{"", "1"}}); code(err) != iam.CodeValidation {
		t.Fatalf("empty key: %v", err)
	}
	if _, err := iam.MergeTags(nil, []iam.Tag{{"a*", "1"}}); code(err) != iam.CodeValidation {
		t.Fatalf("bad key: %v", err)
	}
	var many []iam.Tag
	for i := range 51 {
		many = append(many, iam.Tag{Key: strings.Repeat("k", i+1)})
	}
	if _, err := iam.MergeTags(nil, many); code(err) != iam.CodeLimitExceeded {
		t.Fatalf("51 tags: %v", err)
	}
	if got := iam.DropTags(have, []string{"NAME"}); len(got) != 1 || got[0].Key != "env" {
		t.Fatalf("DropTags = %v", got)
	}
}

func TestIDsAndEscape(t *testing.T) {
	r := rand.NewChaCha8([32]byte{1})
	seen := map[string]bool{}
	for range 1000 {
		id, err := iam.NewID(iam.RoleIDPrefix, r)
		if err != nil || !iam.IsID(id, iam.RoleIDPrefix) || iam.IsID(id, iam.PolicyIDPrefix) || seen[id] {
			t.Fatalf("NewID = %q, %v", id, err)
		}
		seen[id] = true
	}
	if _, err := iam.NewID(iam.RoleIDPrefix, bytes.NewReader(nil)); err == nil {
		t.Fatal("NewID from an empty source")
	}
	for _, doc := range []string{trust, "a+b c&d=é%"} {
		e := iam.Escape(doc)
		if back, err := url.QueryUnescape(e); err != nil || back != doc || strings.ContainsAny(e, " +{\"") {
			t.Fatalf("Escape(%q) = %q", doc, e)
		}
	}
}

func newRole(t *testing.T, name string) iam.Role {
	t.Helper()
	r, err := iam.NewRole(iam.RoleSpec{Account: "111111111111", Partition: "aws", ID: iam.PlaceholderID(iam.RoleIDPrefix),
		Name: name, Path: "/x/", TrustPolicy: trust, Tags: []iam.Tag{{"k", "v"}}, Created: time.Date(2026, 3, 1, 0, 0, 0, 5, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func newPolicy(t *testing.T, name string) iam.Policy {
	t.Helper()
	p, err := iam.NewPolicy(iam.PolicySpec{Account: "111111111111", Partition: "aws", ID: iam.PlaceholderID(iam.PolicyIDPrefix),
		Name: name, Document: perms, Description: "d", Created: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRole(t *testing.T) {
	r := newRole(t, "flow")
	if r.ARN() != "arn:aws:iam::111111111111:role/x/flow" || r.MaxSessionDuration() != 3600 || !r.Created().Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("role %+v", r)
	}
	for _, tt := range []struct {
		what string
		edit func(*iam.RoleSpec)
		code string
	}{
		{"no trust", func(s *iam.RoleSpec) { s.TrustPolicy = "" }, iam.CodeValidation},
		{"permissions as trust", func(s *iam.RoleSpec) { s.TrustPolicy = perms }, iam.CodeMalformedDocument},
		{"short session", func(s *iam.RoleSpec) { s.MaxSessionDuration = 3599 }, iam.CodeValidation},
		{"long session", func(s *iam.RoleSpec) { s.MaxSessionDuration = 43201 }, iam.CodeValidation},
		{"longest session", func(s *iam.RoleSpec) { s.MaxSessionDuration = 43200 }, ""},
		{"long description", func(s *iam.RoleSpec) { s.Description = strings.Repeat("d", 1001) }, iam.CodeValidation},
		{"bad path", func(s *iam.RoleSpec) { s.Path = "x" }, iam.CodeValidation},
		{"bad ID", func(s *iam.RoleSpec) { s.ID = iam.PlaceholderID(iam.PolicyIDPrefix) }, iam.CodeInvalidInput},
	} {
		s := iam.RoleSpec{Account: "111111111111", Partition: "aws", ID: iam.PlaceholderID(iam.RoleIDPrefix), Name: "r", TrustPolicy: trust}
		tt.edit(&s)
		if _, err := iam.NewRole(s); code(err) != tt.code {
			t.Errorf("%s: %v, want %q", tt.what, err, tt.code)
		}
	}
	var err error
	for i := range 10 {
		if r, err = r.WithAttached("arn:aws:iam::111111111111:policy/p" + string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
	}
	if again, err := r.WithAttached("arn:aws:iam::111111111111:policy/pa"); err != nil || len(again.Attached()) != 10 {
		t.Fatalf("attaching again: %v", err)
	}
	if _, err := r.WithAttached("arn:aws:iam::111111111111:policy/pz"); code(err) != iam.CodeLimitExceeded {
		t.Fatalf("11th policy: %v", err)
	}
	if _, err := r.WithoutAttached("arn:aws:iam::111111111111:policy/pz"); code(err) != iam.CodeNoSuchEntity {
		t.Fatalf("detaching one not attached: %v", err)
	}
	less, err := r.WithoutAttached("arn:aws:iam::111111111111:policy/pc")
	if err != nil || len(less.Attached()) != 9 || len(r.Attached()) != 10 {
		t.Fatalf("detach: %v", err)
	}
}

func TestInlinePolicies(t *testing.T) {
	r := newRole(t, "flow")
	big := `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("b", 5200) + `"}}`
	for _, tt := range []struct {
		what, name, doc, code string
	}{
		{"no name", "", perms, iam.CodeValidation},
		{"bad name", "a b", perms, iam.CodeValidation},
		{"no document", "p", "", iam.CodeValidation},
		{"trust document", "p", trust, iam.CodeMalformedDocument},
		{"not JSON", "p", "{", iam.CodeMalformedDocument},
		{"large alone", "p", big, ""},
	} {
		if _, err := r.WithInline(tt.name, tt.doc); code(err) != tt.code {
			t.Errorf("%s: %v, want %q", tt.what, err, tt.code)
		}
	}
	r1, err := r.WithInline("b", big)
	if err != nil {
		t.Fatal(err)
	}
	// Replacing a policy counts its new size only; a second large one is
	// past the role's aggregate, white space aside.
	if _, err := r1.WithInline("b", big); err != nil {
		t.Fatalf("replacing: %v", err)
	}
	if _, err := r1.WithInline("a", big); code(err) != iam.CodeLimitExceeded {
		t.Fatalf("aggregate: %v", err)
	}
	spaced := strings.ReplaceAll(perms, ",", " ,"+strings.Repeat(" ", 6000))
	r2, err := r1.WithInline("a", spaced)
	if err != nil {
		t.Fatalf("white space counted: %v", err)
	}
	if got := r2.Inline(); len(got) != 2 || got[0].Name != "a" || got[1].Name != "b" || len(r1.Inline()) != 1 {
		t.Fatalf("Inline() = %v", got)
	}
	if doc, err := r2.InlinePolicy("a"); err != nil || doc != spaced {
		t.Fatalf("InlinePolicy(a) = %q, %v", doc, err)
	}
	if _, err := r2.InlinePolicy("A"); code(err) != iam.CodeNoSuchEntity {
		t.Fatalf("InlinePolicy(A): %v", err)
	}
	r3, err := r2.WithoutInline("b")
	if err != nil || len(r3.Inline()) != 1 || len(r2.Inline()) != 2 {
		t.Fatalf("WithoutInline: %v", err)
	}
	if _, err := r3.WithoutInline("b"); code(err) != iam.CodeNoSuchEntity {
		t.Fatalf("WithoutInline twice: %v", err)
	}
}

func TestPolicyVersions(t *testing.T) {
	p := newPolicy(t, "p")
	if p.ARN() != "arn:aws:iam::111111111111:policy/p" || p.DefaultVersion() != "v1" {
		t.Fatalf("policy %+v", p)
	}
	now := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	var err error
	for i := range 4 {
		if p, _, err = p.WithVersion(perms, i == 1, now); err != nil {
			t.Fatal(err)
		}
	}
	if p.DefaultVersion() != "v3" || !p.Updated().Equal(now) || len(p.Versions()) != 5 {
		t.Fatalf("versions %+v default %s", p.Versions(), p.DefaultVersion())
	}
	if _, _, err := p.WithVersion(perms, false, now); code(err) != iam.CodeLimitExceeded {
		t.Fatalf("6th version: %v", err)
	}
	if _, err := p.WithoutVersion("v3"); code(err) != iam.CodeDeleteConflict {
		t.Fatalf("deleting the default: %v", err)
	}
	if _, err := p.WithoutVersion("v9"); code(err) != iam.CodeNoSuchEntity {
		t.Fatalf("deleting v9: %v", err)
	}
	if code(p.CheckDeletable(0)) != iam.CodeDeleteConflict || code(newPolicy(t, "q").CheckDeletable(1)) != iam.CodeDeleteConflict ||
		newPolicy(t, "q").CheckDeletable(0) != nil {
		t.Fatal("CheckDeletable")
	}
	q, err := p.WithoutVersion("v1")
	if err != nil {
		t.Fatal(err)
	}
	q, _, err = q.WithVersion(perms, false, now)
	if err != nil {
		t.Fatal(err)
	}
	if vs := q.Versions(); vs[len(vs)-1].ID != "v6" {
		t.Fatalf("a version ID is reused: %+v", vs)
	}
	for _, id := range []string{"v1", "v10"} {
		if iam.CheckVersionID(id) != nil {
			t.Errorf("CheckVersionID(%q) refused", id)
		}
	}
	for _, id := range []string{"", "v", "v0", "v01", "1", "V1"} {
		if code(iam.CheckVersionID(id)) != iam.CodeValidation {
			t.Errorf("CheckVersionID(%q) accepted", id)
		}
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	r := newRole(t, "flow")
	r, _ = r.WithAttached("arn:aws:iam::111111111111:policy/p")
	r, _ = r.WithInline("inline", perms)
	b, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var rb iam.Role
	if err := rb.UnmarshalBinary(b); err != nil || !rb.Equal(r) || len(rb.Inline()) != 1 {
		t.Fatalf("role round trip: %v\n%s", err, b)
	}
	p := newPolicy(t, "p")
	p, _, _ = p.WithVersion(perms, true, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	p, _ = p.WithoutVersion("v1")
	b, err = p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var pb iam.Policy
	if err := pb.UnmarshalBinary(b); err != nil || !pb.Equal(p) {
		t.Fatalf("policy round trip: %v\n%s", err, b)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	m["default"] = "v7"
	bad, _ := json.Marshal(m)
	if err := pb.UnmarshalBinary(bad); err == nil {
		t.Fatal("a default version it does not have was read")
	}
	if _, err := (iam.Role{}).MarshalBinary(); err == nil {
		t.Fatal("the zero Role marshalled")
	}
}

// FuzzCheckDocument checks that CheckDocument never panics, refuses with
// its codes only, and accepts only a JSON object with a Statement.
func FuzzCheckDocument(f *testing.F) {
	for _, s := range []string{trust, perms, `{}`, `{"Statement":null}`, `{"Statement":[null]}`, `{"Statement":{"Effect":"Allow","Principal":{"AWS":[]},"Action":"a"}}`} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, doc string, isTrust bool) {
		kind := iam.PermissionsPolicy
		if isTrust {
			kind = iam.TrustPolicy
		}
		err := iam.CheckDocument(doc, kind)
		switch code(err) {
		case "":
			var m map[string]json.RawMessage
			if json.Unmarshal([]byte(doc), &m) != nil || m["Statement"] == nil {
				t.Fatalf("accepted %q", doc)
			}
		case iam.CodeMalformedDocument, iam.CodeLimitExceeded, iam.CodeValidation:
		default:
			t.Fatalf("CheckDocument(%q) = %v", doc, err)
		}
	})
}

// FuzzParseARN checks ParseARN against its own String and the name
// pattern.
func FuzzParseARN(f *testing.F) {
	f.Add("arn:aws:iam::111111111111:policy/a/b/p")
	f.Add("arn:aws:iam::aws:role/r")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := iam.ParseARN(s, "policyArn")
		if err != nil {
			if c := code(err); c != iam.CodeInvalidInput && c != iam.CodeValidation {
				t.Fatalf("ParseARN(%q) = %v", s, err)
			}
			return
		}
		if a.String() != s || !nameOracle.MatchString(a.Name) {
			t.Fatalf("ParseARN(%q) = %+v", s, a)
		}
	})
}

// FuzzParseRoleName checks ParseRoleName against the documented pattern.
func FuzzParseRoleName(f *testing.F) {
	f.Add("vpc-flow-log-role")
	f.Add("a b")
	f.Fuzz(func(t *testing.T, s string) {
		ok := nameOracle.MatchString(s) && len(s) <= 64 && !strings.ContainsFunc(s, func(r rune) bool { return r > 127 })
		if (iam.ParseRoleName(s) == nil) != ok {
			t.Fatalf("ParseRoleName(%q) = %v", s, iam.ParseRoleName(s))
		}
	})
}

// FuzzUnmarshal checks that whatever UnmarshalBinary accepts marshals
// back to a value it reads as equal.
func FuzzUnmarshal(f *testing.F) {
	f.Add([]byte(`{"v":1,"account":"111111111111","partition":"aws","id":"AROAAAAAAAAAAAAAAAAAA","name":"r","path":"/","trust":"{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"a\"}}","maxSession":3600,"created":"2026-03-01T00:00:00Z"}`), true)
	f.Fuzz(func(t *testing.T, b []byte, role bool) {
		if role {
			var r iam.Role
			if r.UnmarshalBinary(b) != nil {
				return
			}
			out, _ := r.MarshalBinary()
			var back iam.Role
			if err := back.UnmarshalBinary(out); err != nil || !back.Equal(r) {
				t.Fatalf("role re-read: %v", err)
			}
			return
		}
		var p iam.Policy
		if p.UnmarshalBinary(b) != nil {
			return
		}
		out, _ := p.MarshalBinary()
		var back iam.Policy
		if err := back.UnmarshalBinary(out); err != nil || !back.Equal(p) {
			t.Fatalf("policy re-read: %v", err)
		}
	})
}
