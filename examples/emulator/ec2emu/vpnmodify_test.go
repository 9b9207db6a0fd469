package ec2emu_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// modifyFixture is an available static connection between a customer
// gateway and a VGW, with a spare customer gateway and a spare VGW.
type modifyFixture struct {
	e         *env
	c         *ec2.Client
	conn      types.VpnConnection
	cgw, cgw2 string
	vgw, vgw2 string
	outside1  string
}

func newModifyFixture(t *testing.T) *modifyFixture {
	t.Helper()
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	cgw := func(ip string) string {
		return aws.ToString(must[*ec2.CreateCustomerGatewayOutput](t)(c.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{
			Type: types.GatewayTypeIpsec1, BgpAsn: aws.Int32(65010), IpAddress: aws.String(ip)})).CustomerGateway.CustomerGatewayId)
	}
	vgw := func() string {
		return aws.ToString(must[*ec2.CreateVpnGatewayOutput](t)(c.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{
			Type: types.GatewayTypeIpsec1})).VpnGateway.VpnGatewayId)
	}
	f := &modifyFixture{e: e, c: c, cgw: cgw("198.51.100.7"), cgw2: cgw("198.51.100.8"), vgw: vgw(), vgw2: vgw()}
	created := must[*ec2.CreateVpnConnectionOutput](t)(c.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{
		Type: aws.String("ipsec.1"), CustomerGatewayId: &f.cgw, VpnGatewayId: &f.vgw,
		Options: &types.VpnConnectionOptionsSpecification{StaticRoutesOnly: aws.Bool(true),
			TunnelOptions: []types.VpnTunnelOptionsSpecification{{TunnelInsideCidr: aws.String("169.254.10.0/30")}}},
	})).VpnConnection
	f.conn = f.waitAvailable(t, aws.ToString(created.VpnConnectionId))
	f.outside1 = aws.ToString(f.conn.Options.TunnelOptions[0].OutsideIpAddress)
	return f
}

// waitAvailable waits with the SDK's own waiter, which accepts only
// available, and returns the connection as Describe shows it.
func (f *modifyFixture) waitAvailable(t *testing.T, id string) types.VpnConnection {
	t.Helper()
	w := ec2.NewVpnConnectionAvailableWaiter(f.c, func(o *ec2.VpnConnectionAvailableWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	})
	out, err := w.WaitForOutput(f.e.ctx, &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{id}}, 5*time.Second)
	if err != nil {
		t.Fatalf("waiting for %s to be available: %v", id, err)
	}
	return out.VpnConnections[0]
}

func parseConfig(t *testing.T, conn types.VpnConnection) gatewayConfig {
	t.Helper()
	var cfg gatewayConfig
	if err := xml.Unmarshal([]byte(aws.ToString(conn.CustomerGatewayConfiguration)), &cfg); err != nil {
		t.Fatalf("customer gateway configuration: %v", err)
	}
	return cfg
}

// TestModifyVpnTunnelOptions changes one tunnel's key, inside CIDR and
// phase 1 lifetime: the answer is modifying, the tunnel is DOWN, the SDK's
// waiter sees available again, and Describe and the configuration XML
// show the new values, the outside address and the other tunnel unchanged.
func TestModifyVpnTunnelOptions(t *testing.T) {
	f := newModifyFixture(t)
	id := aws.ToString(f.conn.VpnConnectionId)
	other := f.conn.Options.TunnelOptions[1]
	out := must[*ec2.ModifyVpnTunnelOptionsOutput](t)(f.c.ModifyVpnTunnelOptions(f.e.ctx, &ec2.ModifyVpnTunnelOptionsInput{
		VpnConnectionId: &id, VpnTunnelOutsideIpAddress: &f.outside1,
		TunnelOptions: &types.ModifyVpnTunnelOptionsSpecification{
			PreSharedKey:          aws.String("modified_key.1"),
			TunnelInsideCidr:      aws.String("169.254.44.0/30"),
			Phase1LifetimeSeconds: aws.Int32(7200),
		},
	})).VpnConnection
	if out.State != "modifying" || out.VgwTelemetry[0].Status != types.TelemetryStatusDown {
		t.Fatalf("ModifyVpnTunnelOptions answered state %s, telemetry %+v", out.State, out.VgwTelemetry)
	}
	got := f.waitAvailable(t, id)
	t1 := got.Options.TunnelOptions[0]
	if aws.ToString(t1.OutsideIpAddress) != f.outside1 || aws.ToString(t1.PreSharedKey) != "modified_key.1" ||
		aws.ToString(t1.TunnelInsideCidr) != "169.254.44.0/30" || aws.ToInt32(t1.Phase1LifetimeSeconds) != 7200 {
		t.Fatalf("tunnel 1 after the change = %+v", t1)
	}
	if aws.ToString(got.Options.TunnelOptions[1].PreSharedKey) != aws.ToString(other.PreSharedKey) ||
		aws.ToString(got.Options.TunnelOptions[1].TunnelInsideCidr) != aws.ToString(other.TunnelInsideCidr) {
		t.Fatalf("tunnel 2 changed: %+v", got.Options.TunnelOptions[1])
	}
	cfg := parseConfig(t, got)
	if cfg.Tunnels[0].PSK != "modified_key.1" || cfg.Tunnels[0].AWSInside != "169.254.44.1" ||
		cfg.Tunnels[0].CustomerInside != "169.254.44.2" || cfg.Tunnels[0].AWSOutside != f.outside1 {
		t.Fatalf("configuration tunnel 1 = %+v", cfg.Tunnels[0])
	}
	// The device sample configuration shows the new key too.
	sample := must[*ec2.GetVpnConnectionDeviceSampleConfigurationOutput](t)(f.c.GetVpnConnectionDeviceSampleConfiguration(f.e.ctx,
		&ec2.GetVpnConnectionDeviceSampleConfigurationInput{VpnConnectionId: &id, VpnConnectionDeviceTypeId: aws.String("0572f5fd")}))
	if s := aws.ToString(sample.VpnConnectionDeviceSampleConfiguration); !strings.Contains(s, "modified_key.1") {
		t.Fatalf("sample configuration lacks the new key:\n%s", s)
	}
}

// TestModifyVpnConnection moves a connection to another customer gateway,
// then to another VGW: the configuration names them and carries the new
// customer address; tunnel options and outside addresses survive.
func TestModifyVpnConnection(t *testing.T) {
	f := newModifyFixture(t)
	id := aws.ToString(f.conn.VpnConnectionId)
	out := must[*ec2.ModifyVpnConnectionOutput](t)(f.c.ModifyVpnConnection(f.e.ctx, &ec2.ModifyVpnConnectionInput{
		VpnConnectionId: &id, CustomerGatewayId: &f.cgw2})).VpnConnection
	if out.State != "modifying" || aws.ToString(out.CustomerGatewayId) != f.cgw2 {
		t.Fatalf("ModifyVpnConnection = %s %s", out.State, aws.ToString(out.CustomerGatewayId))
	}
	got := f.waitAvailable(t, id)
	cfg := parseConfig(t, got)
	if cfg.CGW != f.cgw2 || cfg.Tunnels[0].CustomerOutside != "198.51.100.8" || cfg.Tunnels[0].AWSOutside != f.outside1 ||
		aws.ToString(got.Options.TunnelOptions[0].TunnelInsideCidr) != "169.254.10.0/30" {
		t.Fatalf("after the customer gateway change: %+v", cfg)
	}
	must[*ec2.ModifyVpnConnectionOutput](t)(f.c.ModifyVpnConnection(f.e.ctx, &ec2.ModifyVpnConnectionInput{
		VpnConnectionId: &id, VpnGatewayId: &f.vgw2}))
	got = f.waitAvailable(t, id)
	if cfg := parseConfig(t, got); cfg.VGW != f.vgw2 || aws.ToString(got.VpnGatewayId) != f.vgw2 {
		t.Fatalf("after the VGW change: %+v", cfg)
	}
	// The old VGW is free again: it can be deleted.
	must[*ec2.DeleteVpnGatewayOutput](t)(f.c.DeleteVpnGateway(f.e.ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: &f.vgw}))
}

// TestModifyVpnConnectionOptions changes the traffic selectors.
func TestModifyVpnConnectionOptions(t *testing.T) {
	f := newModifyFixture(t)
	id := aws.ToString(f.conn.VpnConnectionId)
	out := must[*ec2.ModifyVpnConnectionOptionsOutput](t)(f.c.ModifyVpnConnectionOptions(f.e.ctx, &ec2.ModifyVpnConnectionOptionsInput{
		VpnConnectionId: &id, LocalIpv4NetworkCidr: aws.String("10.20.0.0/16"), RemoteIpv4NetworkCidr: aws.String("10.1.0.0/16")})).VpnConnection
	if out.State != "modifying" {
		t.Fatalf("ModifyVpnConnectionOptions state = %s", out.State)
	}
	got := f.waitAvailable(t, id)
	if aws.ToString(got.Options.LocalIpv4NetworkCidr) != "10.20.0.0/16" || aws.ToString(got.Options.RemoteIpv4NetworkCidr) != "10.1.0.0/16" {
		t.Fatalf("options = %+v", got.Options)
	}
}

// TestModifyRefusals checks the codes of refused modifications.
func TestModifyRefusals(t *testing.T) {
	f := newModifyFixture(t)
	id := aws.ToString(f.conn.VpnConnectionId)
	tunnel := func(spec types.ModifyVpnTunnelOptionsSpecification, outside string) error {
		_, err := f.c.ModifyVpnTunnelOptions(f.e.ctx, &ec2.ModifyVpnTunnelOptionsInput{VpnConnectionId: &id,
			VpnTunnelOutsideIpAddress: &outside, TunnelOptions: &spec})
		return err
	}
	for _, tt := range []struct {
		name string
		err  error
		code string
	}{
		{"unknown connection", func() error {
			_, err := f.c.ModifyVpnTunnelOptions(f.e.ctx, &ec2.ModifyVpnTunnelOptionsInput{VpnConnectionId: aws.String("vpn-0123456789abcdef0"),
				VpnTunnelOutsideIpAddress: &f.outside1, TunnelOptions: &types.ModifyVpnTunnelOptionsSpecification{}})
			return err
		}(), "InvalidVpnConnectionID.NotFound"},
		{"no such tunnel", tunnel(types.ModifyVpnTunnelOptionsSpecification{Phase1LifetimeSeconds: aws.Int32(3600)}, "192.0.2.254"), "InvalidParameterValue"},
		{"bad key", tunnel(types.ModifyVpnTunnelOptionsSpecification{PreSharedKey: aws.String("0badkey12")}, f.outside1), "InvalidParameterValue"},
		{"phase 2 not below phase 1", tunnel(types.ModifyVpnTunnelOptionsSpecification{Phase1LifetimeSeconds: aws.Int32(900)}, f.outside1), "InvalidParameterCombination"},
		{"reserved inside", tunnel(types.ModifyVpnTunnelOptionsSpecification{TunnelInsideCidr: aws.String("169.254.169.252/30")}, f.outside1), "InvalidParameterValue"},
		{"start with ikev1 only", tunnel(types.ModifyVpnTunnelOptionsSpecification{StartupAction: aws.String("start"),
			IKEVersions: []types.IKEVersionsRequestListValue{{Value: aws.String("ikev1")}}}, f.outside1), "InvalidParameterCombination"},
		{"no gateway", func() error {
			_, err := f.c.ModifyVpnConnection(f.e.ctx, &ec2.ModifyVpnConnectionInput{VpnConnectionId: &id})
			return err
		}(), "MissingParameter"},
		{"transit gateway", func() error {
			_, err := f.c.ModifyVpnConnection(f.e.ctx, &ec2.ModifyVpnConnectionInput{VpnConnectionId: &id, TransitGatewayId: aws.String("tgw-0123456789abcdef0")})
			return err
		}(), "InvalidTransitGatewayID.NotFound"},
		{"ipv6 selector on ipv4", func() error {
			_, err := f.c.ModifyVpnConnectionOptions(f.e.ctx, &ec2.ModifyVpnConnectionOptionsInput{VpnConnectionId: &id, LocalIpv6NetworkCidr: aws.String("::/0")})
			return err
		}(), "InvalidParameterCombination"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantCode(t, tt.err, tt.code) })
	}
	// The emulator completes a modification at the start of the next
	// request, as it does every asynchronous step, so a second change
	// right after the first meets an available connection and succeeds;
	// the one-change-at-a-time refusal is the library's (vpn tests).
	must[*ec2.ModifyVpnTunnelOptionsOutput](t)(f.c.ModifyVpnTunnelOptions(f.e.ctx, &ec2.ModifyVpnTunnelOptionsInput{VpnConnectionId: &id,
		VpnTunnelOutsideIpAddress: &f.outside1, TunnelOptions: &types.ModifyVpnTunnelOptionsSpecification{DPDTimeoutSeconds: aws.Int32(45)}}))
	must[*ec2.ModifyVpnConnectionOptionsOutput](t)(f.c.ModifyVpnConnectionOptions(f.e.ctx, &ec2.ModifyVpnConnectionOptionsInput{
		VpnConnectionId: &id, LocalIpv4NetworkCidr: aws.String("10.0.0.0/8")}))
}
