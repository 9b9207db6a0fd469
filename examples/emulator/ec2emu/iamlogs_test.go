package ec2emu_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	lt "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	it "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// iam and logs return clients of IAM and CloudWatch Logs for account in
// region, built as client builds an EC2 one.
func (e *env) iam(account, region string) *iam.Client {
	c := e.client(account, region)
	return iam.New(iam.Options{Region: region, BaseEndpoint: aws.String(e.srv.URL), Credentials: c.Options().Credentials,
		Retryer: aws.NopRetryer{}, HTTPClient: c.Options().HTTPClient})
}

func (e *env) logs(account, region string) *cloudwatchlogs.Client {
	c := e.client(account, region)
	return cloudwatchlogs.New(cloudwatchlogs.Options{Region: region, BaseEndpoint: aws.String(e.srv.URL), Credentials: c.Options().Credentials,
		Retryer: aws.NopRetryer{}, HTTPClient: c.Options().HTTPClient})
}

// wantCodeStatus fails unless err is an API error with code, answered
// with an HTTP status.
func wantCodeStatus(t *testing.T, err error, code string, status int) {
	t.Helper()
	wantCode(t, err, code)
	wantStatus(t, err, status)
}

const (
	flowTrust = `{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	flowPerms = `{"Version":"2012-10-17","Statement":[{"Sid":"AWSVPCFlowLogsPushToCloudWatch","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents","logs:DescribeLogGroups","logs:DescribeLogStreams"],"Resource":"*"}]}`
)

// TestLogsThroughSDK plays every CloudWatch Logs action and its refusals
// through the SDK's JSON client.
func TestLogsThroughSDK(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	l := e.logs("111111111111", "eu-west-1")
	must[*cloudwatchlogs.CreateLogGroupOutput](t)(l.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{
		LogGroupName: aws.String("/aws/vpc-flow-log/vpc-1"), Tags: map[string]string{"Name": "flow"}}))
	must[*cloudwatchlogs.CreateLogGroupOutput](t)(l.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{
		LogGroupName: aws.String("vpn#tunnel.1"), LogGroupClass: lt.LogGroupClassInfrequentAccess}))
	_, err := l.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("/aws/vpc-flow-log/vpc-1")})
	wantCodeStatus(t, err, "ResourceAlreadyExistsException", 400)
	_, err = l.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("bad name")})
	wantCode(t, err, "InvalidParameterException")
	_, err = l.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("x"), LogGroupClass: "HOT"})
	wantCode(t, err, "InvalidParameterException")

	must[*cloudwatchlogs.PutRetentionPolicyOutput](t)(l.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{
		LogGroupName: aws.String("/aws/vpc-flow-log/vpc-1"), RetentionInDays: aws.Int32(30)}))
	_, err = l.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String("/aws/vpc-flow-log/vpc-1"), RetentionInDays: aws.Int32(2)})
	wantCode(t, err, "InvalidParameterException")
	_, err = l.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String("nope"), RetentionInDays: aws.Int32(1)})
	wantCode(t, err, "ResourceNotFoundException")

	d := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{}))
	if len(d.LogGroups) != 2 {
		t.Fatalf("DescribeLogGroups = %d groups, want 2", len(d.LogGroups))
	}
	g := d.LogGroups[0]
	if aws.ToString(g.LogGroupName) != "/aws/vpc-flow-log/vpc-1" || aws.ToInt32(g.RetentionInDays) != 30 ||
		aws.ToString(g.Arn) != "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/vpc-flow-log/vpc-1:*" ||
		aws.ToString(g.LogGroupArn) != "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/vpc-flow-log/vpc-1" ||
		g.LogGroupClass != lt.LogGroupClassStandard || aws.ToInt64(g.CreationTime) == 0 {
		t.Fatalf("group = %+v", g)
	}
	if d.LogGroups[1].RetentionInDays != nil || d.LogGroups[1].LogGroupClass != lt.LogGroupClassInfrequentAccess {
		t.Fatalf("second group = %+v", d.LogGroups[1])
	}
	// Pages, prefix, pattern.
	p1 := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{Limit: aws.Int32(1)}))
	p2 := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{Limit: aws.Int32(1), NextToken: p1.NextToken}))
	if len(p1.LogGroups) != 1 || p1.NextToken == nil || len(p2.LogGroups) != 1 || p2.NextToken != nil ||
		aws.ToString(p2.LogGroups[0].LogGroupName) != "vpn#tunnel.1" {
		t.Fatalf("pages = %+v, %+v", p1, p2)
	}
	pre := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("/aws/")}))
	pat := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePattern: aws.String("tunnel")}))
	if len(pre.LogGroups) != 1 || len(pat.LogGroups) != 1 || aws.ToString(pat.LogGroups[0].LogGroupName) != "vpn#tunnel.1" {
		t.Fatalf("prefix %+v, pattern %+v", pre.LogGroups, pat.LogGroups)
	}
	_, err = l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("a"), LogGroupNamePattern: aws.String("b")})
	wantCode(t, err, "InvalidParameterException")
	_, err = l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{NextToken: aws.String("!!")})
	wantCode(t, err, "InvalidParameterException")
	// Another Region and another account see none of them.
	other := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(e.logs("111111111111", "us-east-1").DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{}))
	if len(other.LogGroups) != 0 {
		t.Fatalf("another Region sees %+v", other.LogGroups)
	}

	must[*cloudwatchlogs.DeleteRetentionPolicyOutput](t)(l.DeleteRetentionPolicy(ctx, &cloudwatchlogs.DeleteRetentionPolicyInput{LogGroupName: aws.String("/aws/vpc-flow-log/vpc-1")}))
	_, err = l.DeleteRetentionPolicy(ctx, &cloudwatchlogs.DeleteRetentionPolicyInput{LogGroupName: aws.String("nope")})
	wantCode(t, err, "ResourceNotFoundException")

	// Tags by ARN and by name.
	arn := aws.String("arn:aws:logs:eu-west-1:111111111111:log-group:/aws/vpc-flow-log/vpc-1")
	must[*cloudwatchlogs.TagResourceOutput](t)(l.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"env": "test"}}))
	must[*cloudwatchlogs.UntagResourceOutput](t)(l.UntagResource(ctx, &cloudwatchlogs.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"Name"}}))
	tags := must[*cloudwatchlogs.ListTagsForResourceOutput](t)(l.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: arn}))
	if len(tags.Tags) != 1 || tags.Tags["env"] != "test" {
		t.Fatalf("tags = %v", tags.Tags)
	}
	_, err = l.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String("arn:aws:logs:eu-west-1:222222222222:log-group:/aws/vpc-flow-log/vpc-1")})
	wantCode(t, err, "ResourceNotFoundException")
	_, err = l.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: aws.String("not-an-arn"), Tags: map[string]string{"a": "b"}})
	wantCode(t, err, "InvalidParameterException")
	many := map[string]string{}
	for i := range 50 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	_, err = l.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: arn, Tags: many})
	wantCode(t, err, "TooManyTagsException")
	// The tagging actions by name are deprecated in favour of those by
	// ARN, but CloudWatch Logs still serves them and older tools call them.
	//lint:ignore SA1019 the deprecated action is what is tested
	must[*cloudwatchlogs.TagLogGroupOutput](t)(l.TagLogGroup(ctx, &cloudwatchlogs.TagLogGroupInput{LogGroupName: aws.String("vpn#tunnel.1"), Tags: map[string]string{"a": "1", "b": "2"}}))
	//lint:ignore SA1019 the deprecated action is what is tested
	must[*cloudwatchlogs.UntagLogGroupOutput](t)(l.UntagLogGroup(ctx, &cloudwatchlogs.UntagLogGroupInput{LogGroupName: aws.String("vpn#tunnel.1"), Tags: []string{"a"}}))
	//lint:ignore SA1019 the deprecated action is what is tested
	lt2 := must[*cloudwatchlogs.ListTagsLogGroupOutput](t)(l.ListTagsLogGroup(ctx, &cloudwatchlogs.ListTagsLogGroupInput{LogGroupName: aws.String("vpn#tunnel.1")}))
	if len(lt2.Tags) != 1 || lt2.Tags["b"] != "2" {
		t.Fatalf("tags = %v", lt2.Tags)
	}
	//lint:ignore SA1019 the deprecated action is what is tested
	_, err = l.TagLogGroup(ctx, &cloudwatchlogs.TagLogGroupInput{LogGroupName: aws.String("nope"), Tags: map[string]string{"a": "1"}})
	wantCode(t, err, "ResourceNotFoundException")

	must[*cloudwatchlogs.DeleteLogGroupOutput](t)(l.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String("vpn#tunnel.1")}))
	_, err = l.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String("vpn#tunnel.1")})
	wantCode(t, err, "ResourceNotFoundException")
}

// TestIAMThroughSDK plays the IAM actions on roles, policies and their
// attachment, and their refusals, through the SDK's Query client.
func TestIAMThroughSDK(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := e.iam("111111111111", "us-east-1")
	r := must[*iam.CreateRoleOutput](t)(c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("vpc-flow-log-role"),
		AssumeRolePolicyDocument: aws.String(flowTrust), Path: aws.String("/flow/"), Description: aws.String("flow logs"),
		Tags: []it.Tag{{Key: aws.String("Name"), Value: aws.String("flow")}}}))
	if id := aws.ToString(r.Role.RoleId); len(id) != 21 || !strings.HasPrefix(id, "AROA") ||
		aws.ToString(r.Role.Arn) != "arn:aws:iam::111111111111:role/flow/vpc-flow-log-role" || aws.ToInt32(r.Role.MaxSessionDuration) != 3600 {
		t.Fatalf("role = %+v", r.Role)
	}
	// IAM is global: the role is seen from another Region.
	g := must[*iam.GetRoleOutput](t)(e.iam("111111111111", "eu-west-1").GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("VPC-FLOW-LOG-ROLE")}))
	doc, err := url.QueryUnescape(aws.ToString(g.Role.AssumeRolePolicyDocument))
	if err != nil || doc != flowTrust || aws.ToString(g.Role.Description) != "flow logs" || len(g.Role.Tags) != 1 {
		t.Fatalf("GetRole = %+v (%q, %v)", g.Role, doc, err)
	}
	_, err = c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("nope")})
	wantCodeStatus(t, err, "NoSuchEntity", 404)
	_, err = e.iam("222222222222", "us-east-1").GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("vpc-flow-log-role")})
	wantCode(t, err, "NoSuchEntity")
	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Vpc-Flow-Log-Role"), AssumeRolePolicyDocument: aws.String(flowTrust)})
	wantCodeStatus(t, err, "EntityAlreadyExists", 409)
	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("x"), AssumeRolePolicyDocument: aws.String(flowPerms)})
	wantCode(t, err, "MalformedPolicyDocument")
	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("x"), AssumeRolePolicyDocument: aws.String("{")})
	wantCode(t, err, "MalformedPolicyDocument")
	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("bad name"), AssumeRolePolicyDocument: aws.String(flowTrust)})
	wantCode(t, err, "ValidationError")
	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("x"), AssumeRolePolicyDocument: aws.String(flowTrust), MaxSessionDuration: aws.Int32(60)})
	wantCode(t, err, "ValidationError")

	must[*iam.UpdateRoleOutput](t)(c.UpdateRole(ctx, &iam.UpdateRoleInput{RoleName: aws.String("vpc-flow-log-role"), Description: aws.String("d2"), MaxSessionDuration: aws.Int32(7200)}))
	newTrust := strings.Replace(flowTrust, "vpc-flow-logs", "ec2", 1)
	must[*iam.UpdateAssumeRolePolicyOutput](t)(c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyDocument: aws.String(newTrust)}))
	_, err = c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyDocument: aws.String(`{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}`)})
	wantCode(t, err, "MalformedPolicyDocument")
	must[*iam.TagRoleOutput](t)(c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("vpc-flow-log-role"), Tags: []it.Tag{{Key: aws.String("env"), Value: aws.String("t")}}}))
	must[*iam.UntagRoleOutput](t)(c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String("vpc-flow-log-role"), TagKeys: []string{"name"}}))
	rt := must[*iam.ListRoleTagsOutput](t)(c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("vpc-flow-log-role")}))
	if len(rt.Tags) != 1 || aws.ToString(rt.Tags[0].Key) != "env" {
		t.Fatalf("role tags = %+v", rt.Tags)
	}
	g = must[*iam.GetRoleOutput](t)(c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("vpc-flow-log-role")}))
	if doc, _ := url.QueryUnescape(aws.ToString(g.Role.AssumeRolePolicyDocument)); doc != newTrust || aws.ToInt32(g.Role.MaxSessionDuration) != 7200 || aws.ToString(g.Role.Description) != "d2" {
		t.Fatalf("updated role = %+v", g.Role)
	}
	roles := must[*iam.ListRolesOutput](t)(c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/flow/")}))
	if len(roles.Roles) != 1 || roles.IsTruncated {
		t.Fatalf("ListRoles = %+v", roles)
	}
	inline := must[*iam.ListRolePoliciesOutput](t)(c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("vpc-flow-log-role")}))
	profiles := must[*iam.ListInstanceProfilesForRoleOutput](t)(c.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String("vpc-flow-log-role")}))
	if len(inline.PolicyNames) != 0 || len(profiles.InstanceProfiles) != 0 {
		t.Fatalf("inline %v, profiles %v", inline.PolicyNames, profiles.InstanceProfiles)
	}

	// A policy, its versions and tags.
	p := must[*iam.CreatePolicyOutput](t)(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("vpc-flow-log-to-cloudwatch"),
		PolicyDocument: aws.String(flowPerms), Tags: []it.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}))
	arn := p.Policy.Arn
	if aws.ToString(arn) != "arn:aws:iam::111111111111:policy/vpc-flow-log-to-cloudwatch" || aws.ToString(p.Policy.DefaultVersionId) != "v1" ||
		!strings.HasPrefix(aws.ToString(p.Policy.PolicyId), "ANPA") || len(aws.ToString(p.Policy.PolicyId)) != 21 {
		t.Fatalf("policy = %+v", p.Policy)
	}
	_, err = c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("VPC-flow-log-to-cloudwatch"), PolicyDocument: aws.String(flowPerms)})
	wantCodeStatus(t, err, "EntityAlreadyExists", 409)
	_, err = c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("p2"), PolicyDocument: aws.String(flowTrust)})
	wantCode(t, err, "MalformedPolicyDocument")
	v := must[*iam.GetPolicyVersionOutput](t)(c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v1")}))
	if d, _ := url.QueryUnescape(aws.ToString(v.PolicyVersion.Document)); d != flowPerms || !v.PolicyVersion.IsDefaultVersion {
		t.Fatalf("version = %+v", v.PolicyVersion)
	}
	_, err = c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v9")})
	wantCode(t, err, "NoSuchEntity")
	v2 := must[*iam.CreatePolicyVersionOutput](t)(c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: arn, PolicyDocument: aws.String(flowPerms), SetAsDefault: true}))
	if aws.ToString(v2.PolicyVersion.VersionId) != "v2" {
		t.Fatalf("new version = %+v", v2.PolicyVersion)
	}
	_, err = c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v2")})
	wantCodeStatus(t, err, "DeleteConflict", 409)
	vs := must[*iam.ListPolicyVersionsOutput](t)(c.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: arn}))
	if len(vs.Versions) != 2 || aws.ToString(vs.Versions[0].VersionId) != "v2" {
		t.Fatalf("versions = %+v", vs.Versions)
	}
	must[*iam.TagPolicyOutput](t)(c.TagPolicy(ctx, &iam.TagPolicyInput{PolicyArn: arn, Tags: []it.Tag{{Key: aws.String("k2"), Value: aws.String("v2")}}}))
	must[*iam.UntagPolicyOutput](t)(c.UntagPolicy(ctx, &iam.UntagPolicyInput{PolicyArn: arn, TagKeys: []string{"k"}}))
	pt := must[*iam.ListPolicyTagsOutput](t)(c.ListPolicyTags(ctx, &iam.ListPolicyTagsInput{PolicyArn: arn}))
	if len(pt.Tags) != 1 || aws.ToString(pt.Tags[0].Key) != "k2" {
		t.Fatalf("policy tags = %+v", pt.Tags)
	}

	// Attachment.
	must[*iam.AttachRolePolicyOutput](t)(c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyArn: arn}))
	_, err = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyArn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")})
	wantCodeStatus(t, err, "NoSuchEntity", 404)
	_, err = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("nope"), PolicyArn: arn})
	wantCode(t, err, "NoSuchEntity")
	_, err = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyArn: aws.String("not-an-arn")})
	wantCode(t, err, "InvalidInput")
	att := must[*iam.ListAttachedRolePoliciesOutput](t)(c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("vpc-flow-log-role")}))
	if len(att.AttachedPolicies) != 1 || aws.ToString(att.AttachedPolicies[0].PolicyArn) != aws.ToString(arn) {
		t.Fatalf("attached = %+v", att.AttachedPolicies)
	}
	ents := must[*iam.ListEntitiesForPolicyOutput](t)(c.ListEntitiesForPolicy(ctx, &iam.ListEntitiesForPolicyInput{PolicyArn: arn}))
	gp := must[*iam.GetPolicyOutput](t)(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: arn}))
	if len(ents.PolicyRoles) != 1 || aws.ToInt32(gp.Policy.AttachmentCount) != 1 || aws.ToString(gp.Policy.DefaultVersionId) != "v2" {
		t.Fatalf("entities %+v, policy %+v", ents.PolicyRoles, gp.Policy)
	}
	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("vpc-flow-log-role")})
	wantCodeStatus(t, err, "DeleteConflict", 409)
	_, err = c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn})
	wantCodeStatus(t, err, "DeleteConflict", 409)
	// The quota of ten managed policies per role.
	for i := range 9 {
		pi := must[*iam.CreatePolicyOutput](t)(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("p" + string(rune('a'+i))), PolicyDocument: aws.String(flowPerms)}))
		must[*iam.AttachRolePolicyOutput](t)(c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyArn: pi.Policy.Arn}))
	}
	pz := must[*iam.CreatePolicyOutput](t)(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("pz"), PolicyDocument: aws.String(flowPerms)}))
	_, err = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyArn: pz.Policy.Arn})
	wantCodeStatus(t, err, "LimitExceeded", 409)
	_, err = c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyArn: pz.Policy.Arn})
	wantCode(t, err, "NoSuchEntity")

	// Inline policies: put, replace, read back URL-encoded, list, and they
	// hold the role until deleted.
	for _, name := range []string{"write", "read"} {
		must[*iam.PutRolePolicyOutput](t)(c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"),
			PolicyName: aws.String(name), PolicyDocument: aws.String(flowPerms)}))
	}
	_, err = c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyName: aws.String("write"), PolicyDocument: aws.String(flowTrust)})
	wantCode(t, err, "MalformedPolicyDocument") // a trust policy is not a permissions policy
	spaced := strings.ReplaceAll(flowPerms, ",", ", ")
	must[*iam.PutRolePolicyOutput](t)(c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"),
		PolicyName: aws.String("write"), PolicyDocument: aws.String(spaced)}))
	names := must[*iam.ListRolePoliciesOutput](t)(c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("vpc-flow-log-role")}))
	if strings.Join(names.PolicyNames, ",") != "read,write" {
		t.Fatalf("ListRolePolicies = %v", names.PolicyNames)
	}
	grp := must[*iam.GetRolePolicyOutput](t)(c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyName: aws.String("write")}))
	if doc, err := url.QueryUnescape(aws.ToString(grp.PolicyDocument)); err != nil || doc != spaced || aws.ToString(grp.PolicyName) != "write" {
		t.Fatalf("GetRolePolicy = %q (%v)", aws.ToString(grp.PolicyDocument), err)
	}
	_, err = c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyName: aws.String("nope")})
	wantCodeStatus(t, err, "NoSuchEntity", 404)
	must[*iam.DeleteRolePolicyOutput](t)(c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyName: aws.String("write")}))
	_, err = c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyName: aws.String("write")})
	wantCode(t, err, "NoSuchEntity")

	// Take it all down.
	all := must[*iam.ListAttachedRolePoliciesOutput](t)(c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("vpc-flow-log-role")}))
	for _, a := range all.AttachedPolicies {
		must[*iam.DetachRolePolicyOutput](t)(c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyArn: a.PolicyArn}))
	}
	_, err = c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn})
	wantCodeStatus(t, err, "DeleteConflict", 409) // a version besides the default
	must[*iam.DeletePolicyVersionOutput](t)(c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: arn, VersionId: aws.String("v1")}))
	must[*iam.DeletePolicyOutput](t)(c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: arn}))
	_, err = c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: arn})
	wantCode(t, err, "NoSuchEntity")
	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("vpc-flow-log-role")})
	wantCodeStatus(t, err, "DeleteConflict", 409) // its inline policy
	must[*iam.DeleteRolePolicyOutput](t)(c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("vpc-flow-log-role"), PolicyName: aws.String("read")}))
	must[*iam.DeleteRoleOutput](t)(c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("vpc-flow-log-role")}))
	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("vpc-flow-log-role")})
	wantCode(t, err, "NoSuchEntity")
}
