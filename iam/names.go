package iam

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Error is a refusal, with IAM's error code (ErrorCode) and message
// (ErrorMessage).
type Error = ec2.Error

// Error codes IAM answers with.
const (
	CodeAlreadyExists     = "EntityAlreadyExists"
	CodeNoSuchEntity      = "NoSuchEntity"
	CodeDeleteConflict    = "DeleteConflict"
	CodeLimitExceeded     = "LimitExceeded"
	CodeMalformedDocument = "MalformedPolicyDocument"
	CodeValidation        = "ValidationError"
	CodeInvalidInput      = "InvalidInput"
)

// Limits of IAM.
const (
	MaxRoleName          = 64
	MaxPolicyName        = 128
	MaxPath              = 512
	MaxDescription       = 1000
	MinSessionDuration   = 3600
	MaxSessionDuration   = 43200
	MaxTrustPolicy       = 2048
	MaxPolicyDocument    = 6144
	MaxInlinePolicies    = 10240 // a role's inline policies together, white space aside
	MaxPoliciesPerRole   = 10
	MaxVersionsPerPolicy = 5
	MaxTags              = 50
	MaxTagKey            = 128
	MaxTagValue          = 256
)

// Validation returns a ValidationError in AWS's wording for a member out
// of its constraint.
func Validation(value any, member, constraint string) *Error {
	return &Error{Code: CodeValidation,
		Message: fmt.Sprintf("1 validation error detected: Value '%v' at '%s' failed to satisfy constraint: %s", value, member, constraint)}
}

// Missing returns the refusal of a request that leaves out a required
// member.
func Missing(member string) *Error {
	return &Error{Code: CodeValidation,
		Message: fmt.Sprintf("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member)}
}

func nameRune(r rune) bool {
	return r < utf8.RuneSelf && (r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("+=,.@-", r))
}

func parseName(name, member string, limit int) error {
	switch {
	case name == "":
		return Missing(member)
	case len(name) > limit:
		return Validation(name, member, fmt.Sprintf("Member must have length less than or equal to %d", limit))
	}
	for _, r := range name {
		if !nameRune(r) {
			return Validation(name, member, `Member must satisfy regular expression pattern: [\w+=,.@-]+`)
		}
	}
	return nil
}

// ParseRoleName checks a role name: 1 to 64 of letters, digits and
// _+=,.@-.
func ParseRoleName(name string) error { return parseName(name, "roleName", MaxRoleName) }

// ParsePolicyName checks a policy name: 1 to 128 of letters, digits and
// _+=,.@-.
func ParsePolicyName(name string) error { return parseName(name, "policyName", MaxPolicyName) }

// ParsePath checks a path and returns it, "/" for "": a slash alone, or
// a slash, printable ASCII characters (! to ~) and a slash, at most 512 in
// all.
func ParsePath(path string) (string, error) {
	if path == "" {
		return "/", nil
	}
	if len(path) > MaxPath {
		return "", Validation(path, "path", "Member must have length less than or equal to 512")
	}
	ok := path == "/" || len(path) >= 3 && path[0] == '/' && path[len(path)-1] == '/'
	for i := 0; ok && i < len(path); i++ {
		ok = '!' <= path[i] && path[i] <= '~'
	}
	if !ok {
		return "", Validation(path, "path", `Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)`)
	}
	return path, nil
}

// checkDescription checks a description: at most 1,000 characters.
func checkDescription(d string) error {
	if utf8.RuneCountInString(d) > MaxDescription {
		return Validation(d, "description", "Member must have length less than or equal to 1000")
	}
	return nil
}

// CheckSessionDuration checks a role's maximum session duration in
// seconds: 3,600 to 43,200.
func CheckSessionDuration(s int) error {
	if s < MinSessionDuration || s > MaxSessionDuration {
		return Validation(s, "maxSessionDuration", "Member must have value between 3600 and 43200")
	}
	return nil
}

// idAlphabet is the characters of an ID after its prefix.
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// Prefixes of the unique IDs of roles and policies.
const (
	RoleIDPrefix   = "AROA"
	PolicyIDPrefix = "ANPA"
	idLength       = 21
)

// NewID returns a fresh unique ID of prefix, drawn from random.
func NewID(prefix string, random io.Reader) (string, error) {
	b := make([]byte, idLength-len(prefix))
	if _, err := io.ReadFull(random, b); err != nil {
		return "", fmt.Errorf("iam: an ID: %w", err)
	}
	for i := range b {
		b[i] = idAlphabet[b[i]%byte(len(idAlphabet))]
	}
	return prefix + string(b), nil
}

// IsID reports whether s is an ID of prefix.
func IsID(s, prefix string) bool {
	if len(s) != idLength || !strings.HasPrefix(s, prefix) {
		return false
	}
	for i := len(prefix); i < len(s); i++ {
		if strings.IndexByte(idAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// Escape returns a document URL-encoded as IAM answers it: every byte but
// letters, digits and -_.~ as %XX.
func Escape(doc string) string {
	return strings.ReplaceAll(url.QueryEscape(doc), "+", "%20")
}

// Tag is one of a role's or policy's tags.
type Tag struct{ Key, Value string }

func tagText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Z, r) && !unicode.IsNumber(r) && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

// MergeTags returns have with add added: a key of add replaces the one of
// have that equals it ignoring case. Each tag is checked, a key twice in
// add is InvalidInput, and more than 50 tags in all LimitExceeded. The
// result is in the order of have, the new keys after.
func MergeTags(have, add []Tag) ([]Tag, error) {
	seen := map[string]bool{}
	for _, t := range add {
		switch {
		case t.Key == "" || utf8.RuneCountInString(t.Key) > MaxTagKey || !tagText(t.Key):
			return nil, Validation(t.Key, "tags.member.key", `Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+`)
		case utf8.RuneCountInString(t.Value) > MaxTagValue || !tagText(t.Value):
			return nil, Validation(t.Value, "tags.member.value", `Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*`)
		}
		k := strings.ToLower(t.Key)
		if seen[k] {
			return nil, &Error{Code: CodeInvalidInput, Message: "Duplicate tag keys found. Please note that Tag keys are case insensitive."}
		}
		seen[k] = true
	}
	out := make([]Tag, 0, len(have)+len(add))
	for _, t := range have {
		if !seen[strings.ToLower(t.Key)] {
			out = append(out, t)
		}
	}
	out = append(out, add...)
	if len(out) > MaxTags {
		return nil, &Error{Code: CodeLimitExceeded, Message: fmt.Sprintf("The number of tags has reached the maximum limit of %d.", MaxTags)}
	}
	return out, nil
}

// DropTags returns have without the tags whose keys equal one of keys,
// ignoring case.
func DropTags(have []Tag, keys []string) []Tag {
	drop := map[string]bool{}
	for _, k := range keys {
		drop[strings.ToLower(k)] = true
	}
	var out []Tag
	for _, t := range have {
		if !drop[strings.ToLower(t.Key)] {
			out = append(out, t)
		}
	}
	return out
}

// ARN is a parsed IAM ARN of a role or policy.
type ARN struct {
	Partition, Account string
	Kind               string // "role" or "policy"
	Path, Name         string
}

// String returns the ARN.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":iam::" + a.Account + ":" + a.Kind + a.Path + a.Name
}

// ParseARN parses the ARN of a role or a policy; member names the
// request's member in the refusal.
func ParseARN(s, member string) (ARN, error) {
	bad := &Error{Code: CodeInvalidInput, Message: fmt.Sprintf("ARN %s is not valid.", s)}
	if s == "" {
		return ARN{}, Missing(member)
	}
	p := strings.SplitN(s, ":", 6)
	if len(p) != 6 || p[0] != "arn" || p[2] != "iam" || p[3] != "" || (p[4] != "aws" && !ec2.IsAccount(p[4])) ||
		p[1] != "aws" && p[1] != "aws-cn" && p[1] != "aws-us-gov" {
		return ARN{}, bad
	}
	kind, rest, ok := strings.Cut(p[5], "/")
	i := strings.LastIndexByte(rest, '/')
	if !ok || kind != "role" && kind != "policy" {
		return ARN{}, bad
	}
	path, name := "/"+rest[:i+1], rest[i+1:]
	if name == "" || parseName(name, member, MaxPolicyName) != nil {
		return ARN{}, bad
	}
	if _, err := ParsePath(path); err != nil {
		return ARN{}, bad
	}
	return ARN{Partition: p[1], Account: p[4], Kind: kind, Path: path, Name: name}, nil
}

// PlaceholderID returns a well-formed ID of prefix that no call draws,
// for checking a spec before drawing its real ID.
func PlaceholderID(prefix string) string { return prefix + strings.Repeat("A", idLength-len(prefix)) }
