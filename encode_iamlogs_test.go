package vpcmodel_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

const (
	trustDoc  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	policyDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}`
)

// logsStep plays one CloudWatch Logs action on a few names.
func (d *driver) logsStep(t *rapid.T, who vpcmodel.Caller, now time.Time) (any, error) {
	l := d.c.Logs()
	name := rapid.SampledFrom([]string{"/flow/a", "/vpn/b", "c#1"}).Draw(t, "logGroup")
	arn := fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", who.Region, who.Account, name)
	switch rapid.IntRange(0, 5).Draw(t, "logsAction") {
	case 0:
		return l.CreateLogGroup(who, vpcmodel.CreateLogGroupInput{LogGroupName: name,
			LogGroupClass: rapid.SampledFrom([]string{"", "INFREQUENT_ACCESS"}).Draw(t, "class"),
			Tags:          map[string]string{"k": rapid.SampledFrom([]string{"1", "2"}).Draw(t, "tagValue")}}, now)
	case 1:
		return l.DeleteLogGroup(who, vpcmodel.LogGroupNameInput{LogGroupName: name}, now)
	case 2:
		return l.PutRetentionPolicy(who, vpcmodel.PutRetentionPolicyInput{LogGroupName: name,
			RetentionInDays: vpcmodel.Some(rapid.SampledFrom([]int{1, 2, 30, 3653}).Draw(t, "days"))}, now)
	case 3:
		return l.DeleteRetentionPolicy(who, vpcmodel.LogGroupNameInput{LogGroupName: name}, now)
	case 4:
		return l.TagResource(who, vpcmodel.TagResourceInput{ResourceARN: arn, Tags: map[string]string{"l": "x"}}, now)
	default:
		return l.UntagLogGroup(who, vpcmodel.UntagLogGroupInput{LogGroupName: name, Tags: []string{"k"}}, now)
	}
}

// iamStep plays one IAM action on a few names.
func (d *driver) iamStep(t *rapid.T, who vpcmodel.Caller, now time.Time) (any, error) {
	a := d.c.IAM()
	role := rapid.SampledFrom([]string{"flow", "Flow", "vpn"}).Draw(t, "role")
	policy := rapid.SampledFrom([]string{"p", "q"}).Draw(t, "policy")
	arn := fmt.Sprintf("arn:aws:iam::%s:policy/%s", who.Account, policy)
	switch rapid.IntRange(0, 7).Draw(t, "iamAction") {
	case 0:
		return a.CreateRole(who, vpcmodel.CreateRoleInput{RoleName: role, AssumeRolePolicyDocument: trustDoc,
			Tags: []vpcmodel.IAMTag{{Key: "k", Value: "v"}}}, now)
	case 1:
		return a.DeleteRole(who, vpcmodel.RoleNameInput{RoleName: role}, now)
	case 2:
		return a.CreatePolicy(who, vpcmodel.CreatePolicyInput{PolicyName: policy, PolicyDocument: policyDoc}, now)
	case 3:
		return a.DeletePolicy(who, vpcmodel.PolicyARNInput{PolicyARN: arn}, now)
	case 4:
		return a.AttachRolePolicy(who, vpcmodel.RolePolicyInput{RoleName: role, PolicyARN: arn}, now)
	case 5:
		return a.DetachRolePolicy(who, vpcmodel.RolePolicyInput{RoleName: role, PolicyARN: arn}, now)
	case 6:
		return a.CreatePolicyVersion(who, vpcmodel.CreatePolicyVersionInput{PolicyARN: arn, PolicyDocument: policyDoc,
			SetAsDefault: rapid.Bool().Draw(t, "default")}, now)
	default:
		return a.DeletePolicyVersion(who, vpcmodel.PolicyVersionInput{PolicyARN: arn, VersionID: rapid.SampledFrom([]string{"v1", "v2"}).Draw(t, "version")}, now)
	}
}

// logsViews returns every log group a caller has, with its tags.
func logsViews(c *vpcmodel.Cloud, who vpcmodel.Caller, now time.Time) (string, error) {
	var b strings.Builder
	out, err := c.Logs().DescribeLogGroups(who, vpcmodel.DescribeLogGroupsInput{}, now)
	if err != nil {
		return "", err
	}
	for _, g := range out.LogGroups {
		tags, err := c.Logs().ListTagsForResource(who, vpcmodel.ResourceARNInput{ResourceARN: g.LogGroupARN}, now)
		fmt.Fprintf(&b, "%+v %+v %v\n", g, tags, err)
	}
	return b.String(), nil
}

// iamViews returns every role and policy of a caller's account, with
// their attachments, versions and tags.
func iamViews(c *vpcmodel.Cloud, who vpcmodel.Caller, now time.Time) (string, error) {
	var b strings.Builder
	a := c.IAM()
	roles, err := a.ListRoles(who, vpcmodel.ListRolesInput{}, now)
	if err != nil {
		return "", err
	}
	for _, r := range roles.Roles {
		g, err := a.GetRole(who, vpcmodel.RoleNameInput{RoleName: r.RoleName}, now)
		att, err2 := a.ListAttachedRolePolicies(who, vpcmodel.ListAttachedRolePoliciesInput{RoleName: r.RoleName}, now)
		fmt.Fprintf(&b, "%+v %v %+v %v\n", g, err, att, err2)
	}
	for _, name := range []string{"p", "q"} {
		arn := fmt.Sprintf("arn:aws:iam::%s:policy/%s", who.Account, name)
		p, err := a.GetPolicy(who, vpcmodel.PolicyARNInput{PolicyARN: arn}, now)
		vs, err2 := a.ListPolicyVersions(who, vpcmodel.PolicyARNInput{PolicyARN: arn}, now)
		fmt.Fprintf(&b, "%+v %v %+v %v\n", p, err, vs, err2)
	}
	return b.String(), nil
}

// TestEncodingIAMAndLogs writes a Cloud holding every field of log
// groups, roles and policies, reads it back, and checks that the copy
// answers alike and writes the same bytes; and that a stream whose role
// names a policy its account does not hold is refused.
func TestEncodingIAMAndLogs(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{3})})
	now := time.Date(2026, 3, 1, 12, 0, 0, 987654321, time.UTC)
	who := vpcmodel.Caller{Account: "111111111111", Region: "eu-west-1"}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	l, a := c.Logs(), c.IAM()
	must(l.CreateLogGroup(who, vpcmodel.CreateLogGroupInput{LogGroupName: "/flow", KMSKeyID: "arn:aws:kms:eu-west-1:111111111111:key/k",
		LogGroupClass: "INFREQUENT_ACCESS", Tags: map[string]string{"a": "b"}}, now))
	must(l.PutRetentionPolicy(who, vpcmodel.PutRetentionPolicyInput{LogGroupName: "/flow", RetentionInDays: vpcmodel.Some(545)}, now))
	must(l.CreateLogGroup(vpcmodel.Caller{Account: "222222222222", Region: "cn-north-1"}, vpcmodel.CreateLogGroupInput{LogGroupName: "x"}, now))
	must(a.CreateRole(who, vpcmodel.CreateRoleInput{RoleName: "Flow", Path: "/p/", AssumeRolePolicyDocument: trustDoc, Description: "d",
		MaxSessionDuration: vpcmodel.Some(7200), Tags: []vpcmodel.IAMTag{{Key: "k", Value: "v"}}}, now))
	must(a.CreatePolicy(who, vpcmodel.CreatePolicyInput{PolicyName: "p", Path: "/q/", PolicyDocument: policyDoc, Description: "e",
		Tags: []vpcmodel.IAMTag{{Key: "t", Value: ""}}}, now))
	arn := "arn:aws:iam::111111111111:policy/q/p"
	must(a.CreatePolicyVersion(who, vpcmodel.CreatePolicyVersionInput{PolicyARN: arn, PolicyDocument: policyDoc, SetAsDefault: true}, now.Add(time.Hour)))
	must(a.DeletePolicyVersion(who, vpcmodel.PolicyVersionInput{PolicyARN: arn, VersionID: "v1"}, now))
	must(a.AttachRolePolicy(who, vpcmodel.RolePolicyInput{RoleName: "flow", PolicyARN: arn}, now))

	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{3})})
	if _, err := c2.ReadFrom(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatalf("ReadFrom: %v\n%s", err, buf.String())
	}
	var again bytes.Buffer
	if _, err := c2.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Fatalf("the copy writes other bytes (%v):\n%s\n---\n%s", err, buf.String(), again.String())
	}
	for _, w := range []vpcmodel.Caller{who, {Account: "222222222222", Region: "cn-north-1"}} {
		l1, e1 := logsViews(c, w, now)
		l2, e2 := logsViews(c2, w, now)
		i1, f1 := iamViews(c, w, now)
		i2, f2 := iamViews(c2, w, now)
		if l1 != l2 || i1 != i2 || e1 != nil || e2 != nil || f1 != nil || f2 != nil {
			t.Fatalf("the copy answers otherwise:\n%s%s---\n%s%s", l1, i1, l2, i2)
		}
	}
	for _, want := range []string{`"retention":545`, `"class":"INFREQUENT_ACCESS"`, `"kms":"arn:aws:kms`, `"maxSession":7200`, `"attached":["arn:aws:iam::111111111111:policy/q/p"]`, `"default":"v2"`, `"next":3`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the stream lacks %s", want)
		}
	}
	// A role attached to a policy the stream does not hold is refused.
	var lines []string
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if !strings.HasPrefix(line, "iamPolicy\t") {
			lines = append(lines, line)
		}
	}
	lines[len(lines)-1] = fmt.Sprintf("end\t%d", len(lines)-2)
	bad := strings.Join(lines, "\n") + "\n"
	if _, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(bad)); !errors.Is(err, vpcmodel.ErrEncoding) ||
		!strings.Contains(err.Error(), "not its account's") {
		t.Fatalf("a role attached to a missing policy: %v", err)
	}
}
