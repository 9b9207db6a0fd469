package ec2emu_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBoto3 drives the core flows with Python's boto3, a second real
// client: its own query serializer and XML parser. It skips when python3 or
// boto3 is missing.
func TestBoto3(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Python interpreter")
	}
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		t.Skipf("python3 with boto3 is not available: %v", err)
	}
	e := newEnv(t)
	out, err := exec.Command("python3", "testdata/boto3_flow.py", e.srv.URL).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("boto3 flow: %v\n%s", err, out)
	}
}
