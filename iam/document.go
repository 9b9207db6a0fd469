package iam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// DocumentKind is what a policy document is for: a role's trust policy,
// which names who may assume the role, or a permissions policy, which
// names what its holder may do.
type DocumentKind int

// The kinds of policy document.
const (
	TrustPolicy DocumentKind = iota
	PermissionsPolicy
	// InlinePermissions is a permissions policy embedded in a role: its size
	// counts toward the role's aggregate ([MaxInlinePolicies]), not alone.
	InlinePermissions
)

// significant counts a document's characters, white space aside, as IAM
// counts them against its size quotas.
func significant(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

func malformed(msg string) *Error { return &Error{Code: CodeMalformedDocument, Message: msg} }

// statementKeys are the members a statement may have.
var statementKeys = map[string]bool{"Sid": true, "Effect": true, "Principal": true, "NotPrincipal": true,
	"Action": true, "NotAction": true, "Resource": true, "NotResource": true, "Condition": true}

// CheckDocument checks a policy document's grammar for its kind: a JSON
// object with an optional Version (2012-10-17 or 2008-10-17), an optional
// Id and a Statement, one statement object or a non-empty list of them.
// Each statement has Effect Allow or Deny and exactly one of Action and
// NotAction (a string or a list of strings); a trust policy's statements
// each have a Principal or NotPrincipal and no Resource or NotResource; a
// permissions policy's have no Principal and one of Resource and
// NotResource. A trust policy is at most 2,048 characters, a permissions
// policy 6,144 once white space is left out (LimitExceeded). The refusal
// is MalformedPolicyDocument.
func CheckDocument(doc string, kind DocumentKind) error {
	if doc == "" {
		return Missing("policyDocument")
	}
	switch kind {
	case TrustPolicy:
		if utf8.RuneCountInString(doc) > MaxTrustPolicy {
			return &Error{Code: CodeLimitExceeded, Message: fmt.Sprintf("Cannot exceed quota for ACLSizePerRole: %d", MaxTrustPolicy)}
		}
	case PermissionsPolicy:
		if significant(doc) > MaxPolicyDocument {
			return &Error{Code: CodeLimitExceeded, Message: fmt.Sprintf("Cannot exceed quota for PolicySize: %d", MaxPolicyDocument)}
		}
	}
	var top map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	if err := dec.Decode(&top); err != nil || top == nil || dec.More() {
		return malformed("Syntax errors in policy.")
	}
	if _, err := dec.Token(); err == nil {
		return malformed("Syntax errors in policy.")
	}
	for k, v := range top {
		switch k {
		case "Version":
			var s string
			if json.Unmarshal(v, &s) != nil || s != "2012-10-17" && s != "2008-10-17" {
				return malformed("The policy failed legacy parsing")
			}
		case "Id":
			var s string
			if json.Unmarshal(v, &s) != nil {
				return malformed("Syntax errors in policy.")
			}
		case "Statement":
		default:
			return malformed("Syntax errors in policy.")
		}
	}
	raw, ok := top["Statement"]
	if !ok {
		return malformed("Missing required field Statement")
	}
	var stmts []map[string]json.RawMessage
	if json.Unmarshal(raw, &stmts) != nil {
		var one map[string]json.RawMessage
		if json.Unmarshal(raw, &one) != nil || one == nil {
			return malformed("Syntax errors in policy.")
		}
		stmts = []map[string]json.RawMessage{one}
	}
	if len(stmts) == 0 {
		return malformed("Missing required field Statement")
	}
	for _, s := range stmts {
		if err := checkStatement(s, kind); err != nil {
			return err
		}
	}
	return nil
}

func checkStatement(s map[string]json.RawMessage, kind DocumentKind) error {
	if s == nil {
		return malformed("Syntax errors in policy.")
	}
	for k := range s {
		if !statementKeys[k] {
			return malformed("Syntax errors in policy.")
		}
	}
	has := func(k string) bool { _, ok := s[k]; return ok }
	var effect string
	if !has("Effect") {
		return malformed("Missing required field Effect")
	}
	if json.Unmarshal(s["Effect"], &effect) != nil || effect != "Allow" && effect != "Deny" {
		return malformed("Invalid effect: " + string(s["Effect"]))
	}
	if sid, ok := s["Sid"]; ok {
		var v string
		if json.Unmarshal(sid, &v) != nil {
			return malformed("Syntax errors in policy.")
		}
	}
	switch {
	case has("Action") && has("NotAction"):
		return malformed("Syntax errors in policy.")
	case !has("Action") && !has("NotAction"):
		return malformed("Policy statement must contain actions.")
	}
	for _, k := range []string{"Action", "NotAction", "Resource", "NotResource"} {
		if v, ok := s[k]; ok && !stringOrList(v) {
			return malformed("Syntax errors in policy.")
		}
	}
	if c, ok := s["Condition"]; ok {
		var m map[string]map[string]json.RawMessage
		if json.Unmarshal(c, &m) != nil {
			return malformed("Syntax errors in policy.")
		}
	}
	principal := has("Principal") || has("NotPrincipal")
	if principal && has("Principal") && has("NotPrincipal") {
		return malformed("Syntax errors in policy.")
	}
	for _, k := range []string{"Principal", "NotPrincipal"} {
		if v, ok := s[k]; ok && !validPrincipal(v) {
			return malformed("Invalid principal in policy: " + string(v))
		}
	}
	if kind == TrustPolicy {
		switch {
		case has("Resource"):
			return malformed("Has prohibited field Resource")
		case has("NotResource"):
			return malformed("Has prohibited field NotResource")
		case !principal:
			return malformed("Missing required field Principal")
		}
		return nil
	}
	switch {
	case principal:
		return malformed("Policy document should not specify a principal.")
	case has("Resource") && has("NotResource"):
		return malformed("Syntax errors in policy.")
	case !has("Resource") && !has("NotResource"):
		return malformed("Policy statement must contain resources.")
	}
	return nil
}

// stringOrList reports whether v is a string or a non-empty list of
// strings.
func stringOrList(v json.RawMessage) bool {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return true
	}
	var l []string
	return json.Unmarshal(v, &l) == nil && len(l) > 0
}

// validPrincipal reports whether v is "*" or an object whose members
// (AWS, Service, Federated, CanonicalUser) are each a string or a list of
// strings.
func validPrincipal(v json.RawMessage) bool {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s == "*"
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(v, &m) != nil || len(m) == 0 {
		return false
	}
	for k, x := range m {
		switch k {
		case "AWS", "Service", "Federated", "CanonicalUser":
		default:
			return false
		}
		if !stringOrList(x) {
			return false
		}
	}
	return true
}
