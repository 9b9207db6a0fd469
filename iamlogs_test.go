package vpcmodel_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

var (
	logsAlice = vpcmodel.Caller{Account: "111111111111", Region: "eu-west-1"}
	logsBob   = vpcmodel.Caller{Account: "222222222222", Region: "eu-west-1"}
	aliceUS   = vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
)

func newTestCloud() *vpcmodel.Cloud {
	return vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9})})
}

// TestLogsRefusals pins the code of each refusal of the CloudWatch Logs
// actions, and that a refused call changes nothing.
func TestLogsRefusals(t *testing.T) {
	c := newTestCloud()
	l := c.Logs()
	now := benchEpoch
	if _, err := l.CreateLogGroup(logsAlice, vpcmodel.CreateLogGroupInput{LogGroupName: "g"}, now); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		what string
		call func() error
		code string
	}{
		{"create again", func() error {
			_, err := l.CreateLogGroup(logsAlice, vpcmodel.CreateLogGroupInput{LogGroupName: "g"}, now)
			return err
		}, "ResourceAlreadyExistsException"},
		{"create unnamed", func() error {
			_, err := l.CreateLogGroup(logsAlice, vpcmodel.CreateLogGroupInput{}, now)
			return err
		}, "InvalidParameterException"},
		{"create bad class", func() error {
			_, err := l.CreateLogGroup(logsAlice, vpcmodel.CreateLogGroupInput{LogGroupName: "h", LogGroupClass: "DELIVERY"}, now)
			return err
		}, "InvalidParameterException"},
		{"delete unknown", func() error {
			_, err := l.DeleteLogGroup(logsAlice, vpcmodel.LogGroupNameInput{LogGroupName: "h"}, now)
			return err
		}, "ResourceNotFoundException"},
		{"another account's", func() error {
			_, err := l.DeleteLogGroup(logsBob, vpcmodel.LogGroupNameInput{LogGroupName: "g"}, now)
			return err
		}, "ResourceNotFoundException"},
		{"another Region's", func() error {
			_, err := l.PutRetentionPolicy(aliceUS, vpcmodel.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: vpcmodel.Some(1)}, now)
			return err
		}, "ResourceNotFoundException"},
		{"retention absent", func() error {
			_, err := l.PutRetentionPolicy(logsAlice, vpcmodel.PutRetentionPolicyInput{LogGroupName: "g"}, now)
			return err
		}, "InvalidParameterException"},
		{"retention 0", func() error {
			_, err := l.PutRetentionPolicy(logsAlice, vpcmodel.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: vpcmodel.Some(0)}, now)
			return err
		}, "InvalidParameterException"},
		{"limit 51", func() error {
			_, err := l.DescribeLogGroups(logsAlice, vpcmodel.DescribeLogGroupsInput{Limit: vpcmodel.Some(51)}, now)
			return err
		}, "InvalidParameterException"},
		{"limit 0", func() error {
			_, err := l.DescribeLogGroups(logsAlice, vpcmodel.DescribeLogGroupsInput{Limit: vpcmodel.Some(0)}, now)
			return err
		}, "InvalidParameterException"},
		{"tag another account's ARN", func() error {
			_, err := l.TagResource(logsAlice, vpcmodel.TagResourceInput{ResourceARN: "arn:aws:logs:eu-west-1:222222222222:log-group:g", Tags: map[string]string{"a": "b"}}, now)
			return err
		}, "ResourceNotFoundException"},
		{"tag without tags", func() error {
			_, err := l.TagResource(logsAlice, vpcmodel.TagResourceInput{ResourceARN: "arn:aws:logs:eu-west-1:111111111111:log-group:g"}, now)
			return err
		}, "InvalidParameterException"},
		{"untag without keys", func() error {
			_, err := l.UntagResource(logsAlice, vpcmodel.UntagResourceInput{ResourceARN: "arn:aws:logs:eu-west-1:111111111111:log-group:g"}, now)
			return err
		}, "InvalidParameterException"},
		{"list tags of no ARN", func() error {
			_, err := l.ListTagsForResource(logsAlice, vpcmodel.ResourceARNInput{}, now)
			return err
		}, "InvalidParameterException"},
		{"zero view", func() error {
			_, err := vpcmodel.Logs{}.DescribeLogGroups(logsAlice, vpcmodel.DescribeLogGroupsInput{}, now)
			return err
		}, "InternalError"},
	} {
		before := c.Version()
		if got := errCode(tt.call()); got != tt.code {
			t.Errorf("%s: %q, want %q", tt.what, got, tt.code)
		}
		if c.Version() != before {
			t.Errorf("%s: a refused call changed the Cloud", tt.what)
		}
	}
}

// TestIAMRefusals pins the code of each refusal of the IAM actions, and
// that a refused call changes nothing (nor draws an ID).
func TestIAMRefusals(t *testing.T) {
	c := newTestCloud()
	a := c.IAM()
	now := benchEpoch
	if _, err := a.CreateRole(logsAlice, vpcmodel.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustDoc}, now); err != nil {
		t.Fatal(err)
	}
	p, err := a.CreatePolicy(logsAlice, vpcmodel.CreatePolicyInput{PolicyName: "p", PolicyDocument: policyDoc}, now)
	if err != nil {
		t.Fatal(err)
	}
	arn := p.Policy.ARN
	if _, err := a.AttachRolePolicy(logsAlice, vpcmodel.RolePolicyInput{RoleName: "r", PolicyARN: arn}, now); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		what string
		call func() error
		code string
	}{
		{"role again, other case", func() error {
			_, err := a.CreateRole(logsAlice, vpcmodel.CreateRoleInput{RoleName: "R", AssumeRolePolicyDocument: trustDoc}, now)
			return err
		}, "EntityAlreadyExists"},
		{"role without trust", func() error {
			_, err := a.CreateRole(logsAlice, vpcmodel.CreateRoleInput{RoleName: "s"}, now)
			return err
		}, "ValidationError"},
		{"role with session 0", func() error {
			_, err := a.CreateRole(logsAlice, vpcmodel.CreateRoleInput{RoleName: "s", AssumeRolePolicyDocument: trustDoc, MaxSessionDuration: vpcmodel.Some(0)}, now)
			return err
		}, "ValidationError"},
		{"role with a permissions policy", func() error {
			_, err := a.CreateRole(logsAlice, vpcmodel.CreateRoleInput{RoleName: "s", AssumeRolePolicyDocument: policyDoc}, now)
			return err
		}, "MalformedPolicyDocument"},
		{"policy again", func() error {
			_, err := a.CreatePolicy(logsAlice, vpcmodel.CreatePolicyInput{PolicyName: "P", PolicyDocument: policyDoc}, now)
			return err
		}, "EntityAlreadyExists"},
		{"policy with a trust policy", func() error {
			_, err := a.CreatePolicy(logsAlice, vpcmodel.CreatePolicyInput{PolicyName: "q", PolicyDocument: trustDoc}, now)
			return err
		}, "MalformedPolicyDocument"},
		{"another account's role", func() error {
			_, err := a.GetRole(logsBob, vpcmodel.RoleNameInput{RoleName: "r"}, now)
			return err
		}, "NoSuchEntity"},
		{"another account's policy", func() error {
			_, err := a.GetPolicy(logsBob, vpcmodel.PolicyARNInput{PolicyARN: arn}, now)
			return err
		}, "NoSuchEntity"},
		{"policy ARN of another path", func() error {
			_, err := a.GetPolicy(logsAlice, vpcmodel.PolicyARNInput{PolicyARN: "arn:aws:iam::111111111111:policy/x/p"}, now)
			return err
		}, "NoSuchEntity"},
		{"malformed ARN", func() error {
			_, err := a.GetPolicy(logsAlice, vpcmodel.PolicyARNInput{PolicyARN: "p"}, now)
			return err
		}, "InvalidInput"},
		{"delete attached role", func() error {
			_, err := a.DeleteRole(logsAlice, vpcmodel.RoleNameInput{RoleName: "r"}, now)
			return err
		}, "DeleteConflict"},
		{"delete attached policy", func() error {
			_, err := a.DeletePolicy(logsAlice, vpcmodel.PolicyARNInput{PolicyARN: arn}, now)
			return err
		}, "DeleteConflict"},
		{"attach an AWS managed policy", func() error {
			_, err := a.AttachRolePolicy(logsAlice, vpcmodel.RolePolicyInput{RoleName: "r", PolicyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"}, now)
			return err
		}, "NoSuchEntity"},
		{"detach from an unknown role", func() error {
			_, err := a.DetachRolePolicy(logsAlice, vpcmodel.RolePolicyInput{RoleName: "x", PolicyARN: arn}, now)
			return err
		}, "NoSuchEntity"},
		{"delete the default version", func() error {
			_, err := a.DeletePolicyVersion(logsAlice, vpcmodel.PolicyVersionInput{PolicyARN: arn, VersionID: "v1"}, now)
			return err
		}, "DeleteConflict"},
		{"version of a bad ID", func() error {
			_, err := a.GetPolicyVersion(logsAlice, vpcmodel.PolicyVersionInput{PolicyARN: arn, VersionID: "1"}, now)
			return err
		}, "ValidationError"},
		{"MaxItems 0", func() error {
			_, err := a.ListRoles(logsAlice, vpcmodel.ListRolesInput{IAMPage: vpcmodel.IAMPage{MaxItems: vpcmodel.Some(0)}}, now)
			return err
		}, "ValidationError"},
		{"bad marker", func() error {
			_, err := a.ListRoles(logsAlice, vpcmodel.ListRolesInput{IAMPage: vpcmodel.IAMPage{Marker: "!"}}, now)
			return err
		}, "InvalidInput"},
		{"duplicate tag keys", func() error {
			_, err := a.TagRole(logsAlice, vpcmodel.TagRoleInput{RoleName: "r", Tags: []vpcmodel.IAMTag{{Key: "a"}, {Key: "A"}}}, now)
			return err
		}, "InvalidInput"},
		{"update role session", func() error {
			_, err := a.UpdateRole(logsAlice, vpcmodel.UpdateRoleInput{RoleName: "r", Description: vpcmodel.Some("d"), MaxSessionDuration: vpcmodel.Some(50000)}, now)
			return err
		}, "ValidationError"},
		{"zero view", func() error {
			_, err := vpcmodel.IAM{}.ListRoles(logsAlice, vpcmodel.ListRolesInput{}, now)
			return err
		}, "InternalError"},
	} {
		before := c.Version()
		if got := errCode(tt.call()); got != tt.code {
			t.Errorf("%s: %q, want %q", tt.what, got, tt.code)
		}
		if c.Version() != before {
			t.Errorf("%s: a refused call changed the Cloud", tt.what)
		}
	}
	// The update refused above changed no part of the role.
	r, _ := a.GetRole(logsAlice, vpcmodel.RoleNameInput{RoleName: "r"}, now)
	if r.Role.Description != "" {
		t.Errorf("a refused UpdateRole set the description: %+v", r.Role)
	}
	// Pages of roles.
	for i := range 5 {
		if _, err := a.CreateRole(logsAlice, vpcmodel.CreateRoleInput{RoleName: fmt.Sprint("r", i), AssumeRolePolicyDocument: trustDoc}, now); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	pg := vpcmodel.IAMPage{MaxItems: vpcmodel.Some(2)}
	for {
		out, err := a.ListRoles(aliceUS, vpcmodel.ListRolesInput{IAMPage: pg}, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out.Roles {
			names = append(names, r.RoleName)
		}
		if !out.IsTruncated {
			break
		}
		pg.Marker = out.Marker
	}
	if want := []string{"r", "r0", "r1", "r2", "r3", "r4"}; !slices.Equal(names, want) {
		t.Errorf("paged ListRoles from another Region = %v, want %v", names, want)
	}
}

// logsModel is the reference for the log group property: each scope's
// groups, by name, with their retention (0: none) and tags.
type logsModel map[vpcmodel.Caller]map[string]*modelGroup

type modelGroup struct {
	retention int
	tags      map[string]string
}

var validDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// TestLogsModelProperty plays random log group actions for two accounts
// in two Regions and compares each outcome and the listing after it with
// a small model.
func TestLogsModelProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := newTestCloud()
		l := c.Logs()
		model := logsModel{}
		callers := []vpcmodel.Caller{logsAlice, logsBob, aliceUS}
		now := benchEpoch
		for i := range rapid.IntRange(1, 40).Draw(t, "steps") {
			who := rapid.SampledFrom(callers).Draw(t, "who")
			name := rapid.SampledFrom([]string{"a", "/b/c", "d#1"}).Draw(t, "name")
			if model[who] == nil {
				model[who] = map[string]*modelGroup{}
			}
			g := model[who][name]
			var err error
			var want string
			switch rapid.IntRange(0, 4).Draw(t, "action") {
			case 0:
				_, err = l.CreateLogGroup(who, vpcmodel.CreateLogGroupInput{LogGroupName: name}, now)
				if g != nil {
					want = "ResourceAlreadyExistsException"
				} else {
					model[who][name] = &modelGroup{tags: map[string]string{}}
				}
			case 1:
				_, err = l.DeleteLogGroup(who, vpcmodel.LogGroupNameInput{LogGroupName: name}, now)
				if g == nil {
					want = "ResourceNotFoundException"
				}
				delete(model[who], name)
			case 2:
				days := rapid.IntRange(0, 4000).Draw(t, "days")
				if rapid.Bool().Draw(t, "valid") {
					days = rapid.SampledFrom(validDays).Draw(t, "validDays")
				}
				_, err = l.PutRetentionPolicy(who, vpcmodel.PutRetentionPolicyInput{LogGroupName: name, RetentionInDays: vpcmodel.Some(days)}, now)
				switch {
				case !slices.Contains(validDays, days):
					want = "InvalidParameterException"
				case g == nil:
					want = "ResourceNotFoundException"
				default:
					g.retention = days
				}
			case 3:
				_, err = l.DeleteRetentionPolicy(who, vpcmodel.LogGroupNameInput{LogGroupName: name}, now)
				if g == nil {
					want = "ResourceNotFoundException"
				} else {
					g.retention = 0
				}
			default:
				k, v := rapid.SampledFrom([]string{"x", "y"}).Draw(t, "key"), rapid.SampledFrom([]string{"1", "2"}).Draw(t, "value")
				arn := fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", who.Region, who.Account, name)
				_, err = l.TagResource(who, vpcmodel.TagResourceInput{ResourceARN: arn, Tags: map[string]string{k: v}}, now)
				if g == nil {
					want = "ResourceNotFoundException"
				} else {
					g.tags[k] = v
				}
			}
			if got := errCode(err); got != want {
				t.Fatalf("step %d: %q, model says %q", i, got, want)
			}
			for _, w := range callers {
				out, err := l.DescribeLogGroups(w, vpcmodel.DescribeLogGroupsInput{}, now)
				if err != nil {
					t.Fatal(err)
				}
				names := slices.Sorted(maps.Keys(model[w]))
				if len(out.LogGroups) != len(names) {
					t.Fatalf("step %d: %v has %d groups, model %v", i, w, len(out.LogGroups), names)
				}
				for j, lg := range out.LogGroups {
					m := model[w][names[j]]
					if lg.LogGroupName != names[j] || lg.RetentionInDays.Set != (m.retention != 0) || lg.RetentionInDays.Value != m.retention {
						t.Fatalf("step %d: %v group %+v, model %s %+v", i, w, lg, names[j], m)
					}
					tags, _ := l.ListTagsLogGroup(w, vpcmodel.LogGroupNameInput{LogGroupName: lg.LogGroupName}, now)
					if !maps.Equal(tags.Tags, m.tags) {
						t.Fatalf("step %d: tags %v, model %v", i, tags.Tags, m.tags)
					}
				}
			}
		}
	})
}

// iamModel is the reference for the IAM property: each account's roles
// (by lower-case name) with the policies attached, and its policies (by
// lower-case name) with their version count.
type iamModel struct {
	roles    map[string]map[string][]string // account -> role -> attached policy names
	policies map[string]map[string]int      // account -> policy -> versions
}

// TestIAMModelProperty plays random role, policy and attachment actions
// for two accounts from two Regions and compares each outcome and the
// listings after it with a small model.
func TestIAMModelProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := newTestCloud()
		a := c.IAM()
		m := iamModel{roles: map[string]map[string][]string{}, policies: map[string]map[string]int{}}
		inline := map[string]map[string]map[string]string{} // account -> role -> inline policy name -> document
		bigDoc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"arn:aws:logs:*:*:log-group:` +
			strings.Repeat("a", 5200) + `"}]}`
		callers := []vpcmodel.Caller{logsAlice, logsBob, aliceUS}
		now := benchEpoch
		policyNames := []string{"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "pa"}
		for i := range rapid.IntRange(1, 60).Draw(t, "steps") {
			who := rapid.SampledFrom(callers).Draw(t, "who")
			acct := who.Account
			if m.roles[acct] == nil {
				m.roles[acct], m.policies[acct], inline[acct] = map[string][]string{}, map[string]int{}, map[string]map[string]string{}
			}
			role := rapid.SampledFrom([]string{"r", "s"}).Draw(t, "role")
			pol := rapid.SampledFrom(policyNames).Draw(t, "policy")
			arn := "arn:aws:iam::" + acct + ":policy/" + pol
			attached, hasRole := m.roles[acct][role]
			versions, hasPolicy := m.policies[acct][pol]
			attachments := 0
			for _, ps := range m.roles[acct] {
				if slices.Contains(ps, pol) {
					attachments++
				}
			}
			var err error
			var want string
			switch rapid.IntRange(0, 8).Draw(t, "action") {
			case 0:
				_, err = a.CreateRole(who, vpcmodel.CreateRoleInput{RoleName: role, AssumeRolePolicyDocument: trustDoc}, now)
				if hasRole {
					want = "EntityAlreadyExists"
				} else {
					m.roles[acct][role], inline[acct][role] = []string{}, map[string]string{}
				}
			case 1:
				_, err = a.DeleteRole(who, vpcmodel.RoleNameInput{RoleName: role}, now)
				switch {
				case !hasRole:
					want = "NoSuchEntity"
				case len(attached) > 0 || len(inline[acct][role]) > 0:
					want = "DeleteConflict"
				default:
					delete(m.roles[acct], role)
				}
			case 7:
				name := rapid.SampledFrom([]string{"i0", "i1", "i2", "I0"}).Draw(t, "inline")
				doc := rapid.SampledFrom([]string{policyDoc, bigDoc}).Draw(t, "doc")
				_, err = a.PutRolePolicy(who, vpcmodel.PutRolePolicyInput{RoleName: role, PolicyName: name, PolicyDocument: doc}, now)
				size := len(doc)
				for n, d := range inline[acct][role] {
					if n != name {
						size += len(d)
					}
				}
				switch {
				case !hasRole:
					want = "NoSuchEntity"
				case size > 10240:
					want = "LimitExceeded"
				default:
					inline[acct][role][name] = doc
				}
			case 8:
				name := rapid.SampledFrom([]string{"i0", "i1", "i2", "I0"}).Draw(t, "inline")
				_, err = a.DeleteRolePolicy(who, vpcmodel.RolePolicyNameInput{RoleName: role, PolicyName: name}, now)
				if _, ok := inline[acct][role][name]; !hasRole || !ok {
					want = "NoSuchEntity"
				} else {
					delete(inline[acct][role], name)
				}
			case 2:
				_, err = a.CreatePolicy(who, vpcmodel.CreatePolicyInput{PolicyName: pol, PolicyDocument: policyDoc}, now)
				if hasPolicy {
					want = "EntityAlreadyExists"
				} else {
					m.policies[acct][pol] = 1
				}
			case 3:
				_, err = a.DeletePolicy(who, vpcmodel.PolicyARNInput{PolicyARN: arn}, now)
				switch {
				case !hasPolicy:
					want = "NoSuchEntity"
				case attachments > 0 || versions > 1:
					want = "DeleteConflict"
				default:
					delete(m.policies[acct], pol)
				}
			case 4:
				_, err = a.AttachRolePolicy(who, vpcmodel.RolePolicyInput{RoleName: role, PolicyARN: arn}, now)
				switch {
				case !hasRole || !hasPolicy:
					want = "NoSuchEntity"
				case slices.Contains(attached, pol):
				case len(attached) >= 10:
					want = "LimitExceeded"
				default:
					m.roles[acct][role] = append(attached, pol)
				}
			case 5:
				_, err = a.DetachRolePolicy(who, vpcmodel.RolePolicyInput{RoleName: role, PolicyARN: arn}, now)
				switch {
				case !hasRole || !slices.Contains(attached, pol):
					want = "NoSuchEntity"
				default:
					m.roles[acct][role] = slices.DeleteFunc(slices.Clone(attached), func(p string) bool { return p == pol })
				}
			default:
				_, err = a.CreatePolicyVersion(who, vpcmodel.CreatePolicyVersionInput{PolicyARN: arn, PolicyDocument: policyDoc}, now)
				switch {
				case !hasPolicy:
					want = "NoSuchEntity"
				case versions >= 5:
					want = "LimitExceeded"
				default:
					m.policies[acct][pol]++
				}
			}
			if got := errCode(err); got != want {
				t.Fatalf("step %d: %q, model says %q", i, got, want)
			}
			for _, w := range callers {
				out, err := a.ListRoles(w, vpcmodel.ListRolesInput{}, now)
				if err != nil {
					t.Fatal(err)
				}
				roles := slices.Sorted(maps.Keys(m.roles[w.Account]))
				if len(out.Roles) != len(roles) {
					t.Fatalf("step %d: %s has roles %+v, model %v", i, w.Account, out.Roles, roles)
				}
				for j, r := range out.Roles {
					att, err := a.ListAttachedRolePolicies(w, vpcmodel.ListAttachedRolePoliciesInput{RoleName: r.RoleName}, now)
					var got []string
					for _, p := range att.AttachedPolicies {
						got = append(got, p.PolicyName)
					}
					want := m.roles[w.Account][roles[j]]
					if err != nil || r.RoleName != roles[j] || !slices.Equal(got, want) && len(got)+len(want) > 0 {
						t.Fatalf("step %d: role %s attached %v, model %s %v (%v)", i, r.RoleName, got, roles[j], want, err)
					}
					names, err := a.ListRolePolicies(w, vpcmodel.RoleNamePageInput{RoleName: r.RoleName}, now)
					model := slices.Sorted(maps.Keys(inline[w.Account][r.RoleName]))
					if err != nil || !slices.Equal(names.PolicyNames, model) && len(names.PolicyNames)+len(model) > 0 {
						t.Fatalf("step %d: role %s inline %v, model %v (%v)", i, r.RoleName, names.PolicyNames, model, err)
					}
					for _, n := range model {
						got, err := a.GetRolePolicy(w, vpcmodel.RolePolicyNameInput{RoleName: r.RoleName, PolicyName: n}, now)
						doc, _ := url.QueryUnescape(got.PolicyDocument)
						if err != nil || doc != inline[w.Account][r.RoleName][n] {
							t.Fatalf("step %d: role %s inline %s = %q (%v), model %q", i, r.RoleName, n, got.PolicyDocument, err, inline[w.Account][r.RoleName][n])
						}
					}
				}
				for _, p := range policyNames {
					n, ok := m.policies[w.Account][p]
					vs, err := a.ListPolicyVersions(w, vpcmodel.PolicyARNInput{PolicyARN: "arn:aws:iam::" + w.Account + ":policy/" + p}, now)
					if (err == nil) != ok || len(vs.Versions) != n {
						t.Fatalf("step %d: policy %s has %d versions (%v), model %d %v", i, p, len(vs.Versions), err, n, ok)
					}
				}
			}
		}
	})
}

// TestIAMAndLogsVersion checks that every successful change moves the
// Cloud's Version and every read leaves it, so that a log of changing
// calls replays into the same state.
func TestIAMAndLogsVersion(t *testing.T) {
	c := newTestCloud()
	now := benchEpoch
	steps := []struct {
		name   string
		change bool
		f      func() error
	}{
		{"CreateLogGroup", true, func() error {
			_, err := c.Logs().CreateLogGroup(logsAlice, vpcmodel.CreateLogGroupInput{LogGroupName: "g"}, now)
			return err
		}},
		{"PutRetentionPolicy", true, func() error {
			_, err := c.Logs().PutRetentionPolicy(logsAlice, vpcmodel.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: vpcmodel.Some(7)}, now)
			return err
		}},
		{"DescribeLogGroups", false, func() error {
			_, err := c.Logs().DescribeLogGroups(logsAlice, vpcmodel.DescribeLogGroupsInput{}, now)
			return err
		}},
		{"CreateRole", true, func() error {
			_, err := c.IAM().CreateRole(logsAlice, vpcmodel.CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustDoc}, now)
			return err
		}},
		{"UpdateRole", true, func() error {
			_, err := c.IAM().UpdateRole(logsAlice, vpcmodel.UpdateRoleInput{RoleName: "r", Description: vpcmodel.Some("d")}, now)
			return err
		}},
		{"GetRole", false, func() error {
			_, err := c.IAM().GetRole(logsAlice, vpcmodel.RoleNameInput{RoleName: "r"}, now)
			return err
		}},
		{"DeleteRole", true, func() error {
			_, err := c.IAM().DeleteRole(logsAlice, vpcmodel.RoleNameInput{RoleName: "r"}, now)
			return err
		}},
		{"DeleteLogGroup", true, func() error {
			_, err := c.Logs().DeleteLogGroup(logsAlice, vpcmodel.LogGroupNameInput{LogGroupName: "g"}, now)
			return err
		}},
	}
	for _, s := range steps {
		before := c.Version()
		if err := s.f(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := c.Version() != before; got != s.change {
			t.Errorf("%s: changed = %v, want %v", s.name, got, s.change)
		}
	}
}
