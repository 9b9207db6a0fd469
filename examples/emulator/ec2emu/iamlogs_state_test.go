package ec2emu_test

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// jsonPost serves one CloudWatch Logs JSON 1.1 request as account in
// region, in process.
func jsonPost(h http.Handler, account, region, action, body string) (int, string) {
	req := httptest.NewRequest("POST", "/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Logs_20140328."+action)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+account+"/20260301/"+region+"/logs/aws4_request, SignedHeaders=host, Signature=00")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// TestStateRestartIAMAndLogs restores log groups, roles, policies and
// attachments from the log alone (as kill -9 leaves it) and from a
// snapshot (as Close leaves it), and checks that the restored server
// answers them and goes on as the first would: the same IDs drawn next.
func TestStateRestartIAMAndLogs(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	const eu = "eu-west-1"
	for _, r := range []struct{ action, body string }{
		{"CreateLogGroup", `{"logGroupName":"/aws/vpc-flow-log/a","tags":{"k":"v"}}`},
		{"PutRetentionPolicy", `{"logGroupName":"/aws/vpc-flow-log/a","retentionInDays":14}`},
		{"CreateLogGroup", `{"logGroupName":"tunnel1"}`},
		{"TagLogGroup", `{"logGroupName":"tunnel1","tags":{"x":"y"}}`},
		{"CreateLogGroup", `{"logGroupName":"gone"}`},
		{"DeleteLogGroup", `{"logGroupName":"gone"}`},
	} {
		if code, doc := jsonPost(s, alice, eu, r.action, r.body); code != http.StatusOK {
			t.Fatalf("%s %s: %d %s", r.action, r.body, code, doc)
		}
	}
	trust := url.QueryEscape(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	perms := url.QueryEscape(`{"Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}`)
	policyARN := "arn:aws:iam::" + alice + ":policy/flow"
	for _, body := range []string{
		"Action=CreateRole&RoleName=flow&AssumeRolePolicyDocument=" + trust + "&Tags.member.1.Key=k&Tags.member.1.Value=v",
		"Action=CreatePolicy&PolicyName=flow&PolicyDocument=" + perms,
		"Action=CreatePolicyVersion&PolicyArn=" + policyARN + "&PolicyDocument=" + perms + "&SetAsDefault=true",
		"Action=AttachRolePolicy&RoleName=flow&PolicyArn=" + policyARN,
		"Action=CreateRole&RoleName=gone&AssumeRolePolicyDocument=" + trust,
		"Action=DeleteRole&RoleName=gone",
	} {
		if code, doc := signedPost(s, "iam", alice, eu, body); code != http.StatusOK {
			t.Fatalf("%s: %d %s", body, code, doc)
		}
	}
	// Refused calls change nothing and are not logged.
	if code, _ := jsonPost(s, alice, eu, "CreateLogGroup", `{"logGroupName":"tunnel1"}`); code != http.StatusBadRequest {
		t.Fatalf("a second tunnel1 answered %d", code)
	}
	if code, _ := signedPost(s, "iam", alice, eu, "Action=DeleteRole&RoleName=flow"); code != http.StatusConflict {
		t.Fatalf("deleting an attached role answered %d", code)
	}

	crashed, _ := openState(t, crashCopy(t, dir), wall)
	wantSameState(t, s, crashed)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	closed, _ := openState(t, dir, wall)
	wantSameState(t, crashed, closed)
	for _, srv := range []*ec2emu.Server{crashed, closed} {
		code, doc := jsonPost(srv, alice, eu, "DescribeLogGroups", `{}`)
		if code != http.StatusOK || !strings.Contains(doc, `"retentionInDays":14`) || !strings.Contains(doc, `"logGroupName":"tunnel1"`) || strings.Contains(doc, "gone") {
			t.Errorf("restored: DescribeLogGroups: %d %s", code, doc)
		}
		code, doc = signedPost(srv, "iam", alice, eu, "Action=ListAttachedRolePolicies&RoleName=flow")
		if code != http.StatusOK || !strings.Contains(doc, "<PolicyArn>"+policyARN+"</PolicyArn>") {
			t.Errorf("restored: ListAttachedRolePolicies: %d %s", code, doc)
		}
		if code, doc := signedPost(srv, "iam", alice, eu, "Action=GetRole&RoleName=gone"); code != http.StatusNotFound {
			t.Errorf("restored: the deleted role answers %d %s", code, doc)
		}
		// Both go on alike: the next role draws the same ID.
		signedPost(srv, "iam", alice, eu, "Action=CreateRole&RoleName=next&AssumeRolePolicyDocument="+trust)
		jsonPost(srv, alice, eu, "DeleteRetentionPolicy", `{"logGroupName":"/aws/vpc-flow-log/a"}`)
	}
	wantSameState(t, crashed, closed)
}

// FuzzJSONRequest feeds arbitrary bodies and targets to the CloudWatch
// Logs JSON adapter: it must never panic nor answer 500, and every answer
// is a JSON object; a refusal names its code in __type.
func FuzzJSONRequest(f *testing.F) {
	for _, seed := range []struct{ action, body string }{
		{"CreateLogGroup", `{"logGroupName":"a","tags":{"k":"v"},"logGroupClass":"STANDARD"}`},
		{"PutRetentionPolicy", `{"logGroupName":"a","retentionInDays":7}`},
		{"PutRetentionPolicy", `{"logGroupName":"a","retentionInDays":"7"}`},
		{"DescribeLogGroups", `{"limit":1,"nextToken":"YQ"}`},
		{"DescribeLogGroups", `{"logGroupNamePrefix":"a"} {}`},
		{"TagResource", `{"resourceArn":"arn:aws:logs:us-east-1:000000000000:log-group:a","tags":{}}`},
		{"UntagLogGroup", `[]`},
		{"Nope", `{}`},
		{"", `null`},
	} {
		f.Add(seed.action, seed.body)
	}
	srv := ec2emu.New(ec2emu.Options{
		Now:    func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
		Random: rand.NewChaCha8([32]byte{7}),
	})
	jsonPost(srv, alice, "us-east-1", "CreateLogGroup", `{"logGroupName":"a"}`)
	f.Fuzz(func(t *testing.T, action, body string) {
		code, doc := jsonPost(srv, alice, "us-east-1", action, body)
		if code != http.StatusOK && code != http.StatusBadRequest && code != http.StatusRequestEntityTooLarge {
			t.Fatalf("%s %q: HTTP %d %s", action, body, code, doc)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatalf("%s %q: the answer is not a JSON object: %v\n%s", action, body, err, doc)
		}
		if typ, _ := v["__type"].(string); code != http.StatusOK && typ == "" {
			t.Fatalf("%s %q: a refusal without __type: %s", action, body, doc)
		}
	})
}
