package main_test

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestTerraformVPNModifiedInPlace applies a VPN stack, then changes the
// connection's customer gateway and four tunnel1_* arguments (pre-shared
// key, phase 1 lifetime, DPD timeout, CloudWatch logging) and applies
// again: the plan says update in place, the connection keeps its ID, the
// plan after the change is empty, the emulator holds the new values (the
// configuration XML the new key and customer address), and destroy leaves
// nothing. (The plan right after a first apply is the other stacks'
// business.)
func TestTerraformVPNModifiedInPlace(t *testing.T) {
	sc := scope{"111111111111", "us-east-1"}
	s := newStack(t, "vpnmodify", sc)
	t.Cleanup(func() {
		if t.Failed() {
			if code, out := s.run("destroy", "-auto-approve", "-input=false", "-no-color", "-var", "phase=2"); code != 0 {
				t.Logf("cleanup destroy: exit %d\n%s", code, out)
			}
		}
	})
	// Six terraform runs in all: each costs tens of seconds on a busy
	// machine, so the plan of the change is read from apply's own output.
	if code, out := s.run("apply", "-auto-approve", "-input=false", "-no-color", "-var", "phase=1"); code != 0 {
		t.Fatalf("terraform apply (phase 1): exit %d\n%s", code, out)
	}
	first := s.outputs()
	id := first["vpn_id"]
	if !strings.HasPrefix(id, "vpn-") || first["tunnel1_log_enabled"] != "false" {
		t.Fatalf("after the first apply: %v", first)
	}

	code, out := s.run("apply", "-auto-approve", "-input=false", "-no-color", "-var", "phase=2")
	if code != 0 {
		t.Fatalf("terraform apply (phase 2): exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "aws_vpn_connection.office will be updated in-place") || strings.Contains(out, "must be replaced") ||
		!strings.Contains(out, "Plan: 0 to add, 1 to change, 0 to destroy") {
		t.Fatalf("the change was not planned as one connection updated in place:\n%s", out)
	}
	if code, out := s.run("plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", "phase=2"); code != 0 {
		t.Fatalf("terraform plan right after the change: exit %d, want 0 (no drift)\n%s", code, out)
	}
	second := s.outputs()
	if second["vpn_id"] != id {
		t.Fatalf("the connection was replaced: %s, then %s", id, second["vpn_id"])
	}
	if second["customer_gateway_id"] != second["office_b_id"] || second["tunnel1_address"] != first["tunnel1_address"] ||
		second["tunnel1_cgw_inside_address"] != "169.254.30.2" || second["tunnel1_log_enabled"] != "true" {
		t.Fatalf("after the change: %v (before %v)", second, first)
	}

	// What the emulator holds.
	c := ec2.New(ec2.Options{Region: sc.region, BaseEndpoint: aws.String(s.srv.URL), Retryer: aws.NopRetryer{}, HTTPClient: s.srv.Client(),
		Credentials: credentials.NewStaticCredentialsProvider(sc.account, "emulator", "")})
	described, err := c.DescribeVpnConnections(context.Background(), &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{id}})
	if err != nil || len(described.VpnConnections) != 1 {
		t.Fatalf("DescribeVpnConnections = %v, %v", described, err)
	}
	conn := described.VpnConnections[0]
	t1 := conn.Options.TunnelOptions[0]
	if conn.State != types.VpnStateAvailable || aws.ToInt32(t1.Phase1LifetimeSeconds) != 7200 || aws.ToInt32(t1.DpdTimeoutSeconds) != 45 ||
		!aws.ToBool(t1.EnableTunnelLifecycleControl) || aws.ToString(t1.StartupAction) != "start" {
		t.Errorf("tunnel 1 = %+v", t1)
	}
	if cw := t1.LogOptions.CloudWatchLogOptions; !aws.ToBool(cw.LogEnabled) || aws.ToString(cw.LogOutputFormat) != "text" ||
		aws.ToString(cw.LogGroupArn) != "arn:aws:logs:us-east-1:111111111111:log-group:/vpn/office" {
		t.Errorf("tunnel 1 log options = %+v", cw)
	}
	var cfg struct {
		CustomerGatewayID string `xml:"customer_gateway_id"`
		Tunnels           []struct {
			CustomerOutside string `xml:"customer_gateway>tunnel_outside_address>ip_address"`
			AWSOutside      string `xml:"vpn_gateway>tunnel_outside_address>ip_address"`
			PSK             string `xml:"ike>pre_shared_key"`
		} `xml:"ipsec_tunnel"`
	}
	if err := xml.Unmarshal([]byte(aws.ToString(conn.CustomerGatewayConfiguration)), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.CustomerGatewayID != second["office_b_id"] || len(cfg.Tunnels) != 2 || cfg.Tunnels[0].PSK != "tunnel1_key.rotated" ||
		cfg.Tunnels[0].CustomerOutside != "198.51.100.11" || cfg.Tunnels[0].AWSOutside != first["tunnel1_address"] {
		t.Errorf("configuration after the change = %+v", cfg)
	}

	if code, out := s.run("destroy", "-auto-approve", "-refresh=false", "-input=false", "-no-color", "-var", "phase=2"); code != 0 {
		t.Fatalf("terraform destroy: exit %d\n%s", code, out)
	}
	s.checkEmpty(sc)
}
