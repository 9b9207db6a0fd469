package main_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// TestTerraformFlowLogs applies the VPC module's flow-log destination and
// permissions and the VPN gateway module's tunnel log groups
// (testdata/terraform/flowlogs): log groups with retention, a role with a
// trust policy from aws_iam_policy_document, a customer managed policy
// and its attachment, and a role with an inline policy. A plan right after is empty, and destroy leaves no
// log group, role or policy.
func TestTerraformFlowLogs(t *testing.T) {
	sc := scope{"111111111111", "eu-west-1"}
	s := newStack(t, "flowlogs", sc)
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		wantEqual(t, out, "flow_log_group_arn", "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/vpc-flow-log/vpc-0123456789abcdef0")
		wantEqual(t, out, "tunnel1_arn", "arn:aws:logs:eu-west-1:111111111111:log-group:complete-vpn-tunnel1-logs")
		if !regexp.MustCompile(`^arn:aws:iam::111111111111:role/vpc-flow-log-role-\w+$`).MatchString(out["role_arn"]) {
			t.Errorf("role_arn = %q", out["role_arn"])
		}
		if !regexp.MustCompile(`^arn:aws:iam::111111111111:policy/vpc-flow-log-to-cloudwatch-\w+$`).MatchString(out["policy_arn"]) {
			t.Errorf("policy_arn = %q", out["policy_arn"])
		}
		wantEqual(t, out, "inline_policy_id", "vpc-flow-log-inline:push-to-cloudwatch")
		if !strings.HasPrefix(out["role_id"], "AROA") || len(out["role_id"]) != 21 || !strings.HasPrefix(out["policy_id"], "ANPA") {
			t.Errorf("role_id %q, policy_id %q", out["role_id"], out["policy_id"])
		}
	})
	ctx := context.Background()
	creds := credentials.NewStaticCredentialsProvider(sc.account, "emulator", "")
	l := cloudwatchlogs.New(cloudwatchlogs.Options{Region: sc.region, BaseEndpoint: aws.String(s.srv.URL), Credentials: creds,
		Retryer: aws.NopRetryer{}, HTTPClient: s.srv.Client()})
	groups, err := l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	if err != nil || len(groups.LogGroups) != 0 {
		t.Errorf("after destroy: DescribeLogGroups = %+v, %v", groups, err)
	}
	c := iam.New(iam.Options{Region: sc.region, BaseEndpoint: aws.String(s.srv.URL), Credentials: creds,
		Retryer: aws.NopRetryer{}, HTTPClient: s.srv.Client()})
	roles, err := c.ListRoles(ctx, &iam.ListRolesInput{})
	if err != nil || len(roles.Roles) != 0 {
		t.Errorf("after destroy: ListRoles = %+v, %v", roles, err)
	}
}
