package ec2emu_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestAWSCLI runs the AWS CLI against the emulator: a VPC created, listed
// and refused, with the CLI's own output and exit status. It skips when the
// aws command is missing.
func TestAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the AWS CLI")
	}
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the aws command is not installed")
	}
	e := newEnv(t)
	aws := func(args ...string) (string, error) {
		cmd := exec.Command("aws", append([]string{"--endpoint-url", e.srv.URL, "--output", "json", "ec2"}, args...)...)
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+alice, "AWS_SECRET_ACCESS_KEY=secret",
			"AWS_DEFAULT_REGION=eu-central-1", "AWS_MAX_ATTEMPTS=1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := aws("create-vpc", "--cidr-block", "10.7.0.0/16")
	if err != nil {
		t.Fatalf("create-vpc: %v\n%s", err, out)
	}
	var created struct {
		Vpc struct{ VpcId, OwnerId string }
	}
	if err := json.Unmarshal([]byte(out), &created); err != nil || created.Vpc.OwnerId != alice {
		t.Fatalf("create-vpc answered %s (%v)", out, err)
	}
	out, err = aws("describe-vpcs", "--filters", "Name=cidr,Values=10.7.0.0/16")
	if err != nil || !strings.Contains(out, created.Vpc.VpcId) {
		t.Fatalf("describe-vpcs: %v\n%s", err, out)
	}
	out, err = aws("delete-vpc", "--vpc-id", "vpc-0123456789abcdef0")
	if err == nil || !strings.Contains(out, "InvalidVpcID.NotFound") {
		t.Fatalf("delete-vpc of an unknown VPC: %v\n%s", err, out)
	}
}
