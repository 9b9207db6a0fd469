package vpcmodel_test

import (
	"fmt"
	"strings"
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
