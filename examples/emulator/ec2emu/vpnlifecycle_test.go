package ec2emu_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// logGroup is a well-formed CloudWatch Logs log group ARN.
const logGroup = "arn:aws:logs:us-east-1:111111111111:log-group:/vpn/tunnels"

// lifecycleFixture is an available static connection whose first tunnel
// has lifecycle control and sends its log to CloudWatch.
func lifecycleFixture(t *testing.T) (*modifyFixture, types.VpnConnection) {
	t.Helper()
	f := newModifyFixture(t)
	must[*ec2.DeleteVpnConnectionOutput](t)(f.c.DeleteVpnConnection(f.e.ctx, &ec2.DeleteVpnConnectionInput{VpnConnectionId: f.conn.VpnConnectionId}))
	created := must[*ec2.CreateVpnConnectionOutput](t)(f.c.CreateVpnConnection(f.e.ctx, &ec2.CreateVpnConnectionInput{
		Type: aws.String("ipsec.1"), CustomerGatewayId: &f.cgw2, VpnGatewayId: &f.vgw,
		Options: &types.VpnConnectionOptionsSpecification{StaticRoutesOnly: aws.Bool(true),
			TunnelOptions: []types.VpnTunnelOptionsSpecification{{
				EnableTunnelLifecycleControl: aws.Bool(true),
				LogOptions: &types.VpnTunnelLogOptionsSpecification{CloudWatchLogOptions: &types.CloudWatchLogOptionsSpecification{
					LogEnabled: aws.Bool(true), LogGroupArn: aws.String(logGroup)}},
			}}},
	})).VpnConnection
	conn := f.waitAvailable(t, aws.ToString(created.VpnConnectionId))
	f.conn, f.outside1 = conn, aws.ToString(conn.Options.TunnelOptions[0].OutsideIpAddress)
	return f, conn
}

func (f *modifyFixture) status(t *testing.T, outside string) types.MaintenanceDetails {
	t.Helper()
	out := must[*ec2.GetVpnTunnelReplacementStatusOutput](t)(f.c.GetVpnTunnelReplacementStatus(f.e.ctx, &ec2.GetVpnTunnelReplacementStatusInput{
		VpnConnectionId: f.conn.VpnConnectionId, VpnTunnelOutsideIpAddress: &outside}))
	if aws.ToString(out.VpnConnectionId) != aws.ToString(f.conn.VpnConnectionId) || aws.ToString(out.VpnTunnelOutsideIpAddress) != outside ||
		aws.ToString(out.VpnGatewayId) != f.vgw || aws.ToString(out.CustomerGatewayId) == "" || out.MaintenanceDetails == nil {
		t.Fatalf("GetVpnTunnelReplacementStatus = %+v", out)
	}
	return *out.MaintenanceDetails
}

// TestLifecycleControlAndLogOptions creates a connection with lifecycle
// control and CloudWatch logging on tunnel 1: Describe echoes both, reads
// tunnel 2 back with both off, and echoes the outside address type and
// bandwidth EC2 defaults to.
func TestLifecycleControlAndLogOptions(t *testing.T) {
	_, conn := lifecycleFixture(t)
	o := conn.Options
	if aws.ToString(o.OutsideIpAddressType) != "PublicIpv4" || o.TunnelBandwidth != types.VpnTunnelBandwidthStandard ||
		o.TunnelInsideIpVersion != types.TunnelInsideIpVersionIpv4 {
		t.Errorf("options = outside %s, bandwidth %s, inside %s", aws.ToString(o.OutsideIpAddressType), o.TunnelBandwidth, o.TunnelInsideIpVersion)
	}
	t1, t2 := o.TunnelOptions[0], o.TunnelOptions[1]
	if !aws.ToBool(t1.EnableTunnelLifecycleControl) || t2.EnableTunnelLifecycleControl == nil || aws.ToBool(t2.EnableTunnelLifecycleControl) {
		t.Errorf("lifecycle control = %v, %v", t1.EnableTunnelLifecycleControl, t2.EnableTunnelLifecycleControl)
	}
	if t1.LogOptions == nil || t1.LogOptions.CloudWatchLogOptions == nil {
		t.Fatalf("tunnel 1 has no log options: %+v", t1)
	}
	cw := t1.LogOptions.CloudWatchLogOptions
	if !aws.ToBool(cw.LogEnabled) || aws.ToString(cw.LogGroupArn) != logGroup || aws.ToString(cw.LogOutputFormat) != "json" {
		t.Errorf("tunnel 1 log options = %+v", cw)
	}
	if t2.LogOptions == nil || t2.LogOptions.CloudWatchLogOptions == nil || aws.ToBool(t2.LogOptions.CloudWatchLogOptions.LogEnabled) ||
		t2.LogOptions.CloudWatchLogOptions.LogGroupArn != nil {
		t.Errorf("tunnel 2 log options = %+v, want logging off", t2.LogOptions)
	}
}

// TestTunnelMaintenance makes maintenance pending with a skipped
// replacement, applies it early with ReplaceVpnTunnel, makes it pending
// again and lets the emulator's clock pass the deadline.
func TestTunnelMaintenance(t *testing.T) {
	f, _ := lifecycleFixture(t)
	id := aws.ToString(f.conn.VpnConnectionId)
	outside2 := aws.ToString(f.conn.Options.TunnelOptions[1].OutsideIpAddress)
	if got := f.status(t, f.outside1); got.PendingMaintenance != nil || got.MaintenanceAutoAppliedAfter != nil || got.LastMaintenanceApplied != nil {
		t.Fatalf("a new tunnel's maintenance = %+v", got)
	}
	skip := func(spec types.ModifyVpnTunnelOptionsSpecification) time.Time {
		t.Helper()
		at := f.e.advance(0) // the emulator's clock, the wall clock plus what earlier advances added
		out := must[*ec2.ModifyVpnTunnelOptionsOutput](t)(f.c.ModifyVpnTunnelOptions(f.e.ctx, &ec2.ModifyVpnTunnelOptionsInput{
			VpnConnectionId: &id, VpnTunnelOutsideIpAddress: &f.outside1, TunnelOptions: &spec, SkipTunnelReplacement: aws.Bool(true)})).VpnConnection
		if out.State != "modifying" {
			t.Fatalf("ModifyVpnTunnelOptions answered %s", out.State)
		}
		f.waitAvailable(t, id)
		return at
	}
	at := skip(types.ModifyVpnTunnelOptionsSpecification{DPDTimeoutSeconds: aws.Int32(45)})
	got := f.status(t, f.outside1)
	if aws.ToString(got.PendingMaintenance) != "Available" || !aws.ToTime(got.MaintenanceAutoAppliedAfter).Equal(at.Add(14*24*time.Hour)) {
		t.Fatalf("after a skipped replacement: pending %s after %v, want Available after %v", aws.ToString(got.PendingMaintenance),
			aws.ToTime(got.MaintenanceAutoAppliedAfter), at.Add(14*24*time.Hour))
	}
	if other := f.status(t, outside2); other.PendingMaintenance != nil {
		t.Fatalf("tunnel 2 maintenance = %+v", other)
	}
	// Described options show the change at once.
	if d := f.waitAvailable(t, id).Options.TunnelOptions[0]; aws.ToInt32(d.DpdTimeoutSeconds) != 45 {
		t.Fatalf("tunnel 1 after the skipped change: %+v", d)
	}

	replacedAt := f.e.advance(time.Hour)
	r := must[*ec2.ReplaceVpnTunnelOutput](t)(f.c.ReplaceVpnTunnel(f.e.ctx, &ec2.ReplaceVpnTunnelInput{VpnConnectionId: &id,
		VpnTunnelOutsideIpAddress: &f.outside1, ApplyPendingMaintenance: aws.Bool(true)}))
	if !aws.ToBool(r.Return) {
		t.Fatal("ReplaceVpnTunnel returned false")
	}
	f.waitAvailable(t, id)
	got = f.status(t, f.outside1)
	if got.PendingMaintenance != nil || got.MaintenanceAutoAppliedAfter != nil || !aws.ToTime(got.LastMaintenanceApplied).Equal(replacedAt) {
		t.Fatalf("after ReplaceVpnTunnel(ApplyPendingMaintenance): %+v, want applied at %v", got, replacedAt)
	}

	// Pending again; the clock passes the deadline.
	at = skip(types.ModifyVpnTunnelOptionsSpecification{ReplayWindowSize: aws.Int32(512)})
	f.e.advance(14*24*time.Hour + time.Minute)
	got = f.status(t, f.outside1)
	if got.PendingMaintenance != nil || !aws.ToTime(got.LastMaintenanceApplied).Equal(at.Add(14*24*time.Hour)) {
		t.Fatalf("after the deadline: %+v, want applied at %v", got, at.Add(14*24*time.Hour))
	}
}

// TestLifecycleRefusals checks the codes of refused lifecycle, log,
// outside address and bandwidth requests.
func TestLifecycleRefusals(t *testing.T) {
	f := newModifyFixture(t)
	id := aws.ToString(f.conn.VpnConnectionId)
	logs := func(cw types.CloudWatchLogOptionsSpecification) error {
		_, err := f.c.ModifyVpnTunnelOptions(f.e.ctx, &ec2.ModifyVpnTunnelOptionsInput{VpnConnectionId: &id, VpnTunnelOutsideIpAddress: &f.outside1,
			TunnelOptions: &types.ModifyVpnTunnelOptionsSpecification{LogOptions: &types.VpnTunnelLogOptionsSpecification{CloudWatchLogOptions: &cw}}})
		return err
	}
	create := func(o types.VpnConnectionOptionsSpecification) error {
		_, err := f.c.CreateVpnConnection(f.e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: &f.cgw2,
			VpnGatewayId: &f.vgw2, Options: &o})
		return err
	}
	for _, tt := range []struct {
		name string
		err  error
		code string
	}{
		{"log group of another service", logs(types.CloudWatchLogOptionsSpecification{LogEnabled: aws.Bool(true), LogGroupArn: aws.String("arn:aws:s3:::logs")}), "InvalidParameterValue"},
		{"log enabled without a group", logs(types.CloudWatchLogOptionsSpecification{LogEnabled: aws.Bool(true)}), "MissingParameter"},
		{"log format", logs(types.CloudWatchLogOptionsSpecification{LogEnabled: aws.Bool(true), LogGroupArn: aws.String(logGroup), LogOutputFormat: aws.String("xml")}), "InvalidParameterValue"},
		{"private outside addresses on a vgw", create(types.VpnConnectionOptionsSpecification{OutsideIpAddressType: aws.String("PrivateIpv4")}), "InvalidParameterCombination"},
		{"ipv6 outside addresses on a vgw", create(types.VpnConnectionOptionsSpecification{OutsideIpAddressType: aws.String("Ipv6")}), "InvalidParameterCombination"},
		{"unknown outside address type", create(types.VpnConnectionOptionsSpecification{OutsideIpAddressType: aws.String("Public")}), "InvalidParameterValue"},
		{"large bandwidth on a vgw", create(types.VpnConnectionOptionsSpecification{TunnelBandwidth: types.VpnTunnelBandwidthLarge}), "InvalidParameterCombination"},
		{"large bandwidth by modification", func() error {
			_, err := f.c.ModifyVpnConnectionOptions(f.e.ctx, &ec2.ModifyVpnConnectionOptionsInput{VpnConnectionId: &id, TunnelBandwidth: types.VpnTunnelBandwidthLarge})
			return err
		}(), "InvalidParameterCombination"},
		{"replace no such tunnel", func() error {
			_, err := f.c.ReplaceVpnTunnel(f.e.ctx, &ec2.ReplaceVpnTunnelInput{VpnConnectionId: &id, VpnTunnelOutsideIpAddress: aws.String("203.0.113.9")})
			return err
		}(), "InvalidParameterValue"},
		{"replacement status of no such tunnel", func() error {
			_, err := f.c.GetVpnTunnelReplacementStatus(f.e.ctx, &ec2.GetVpnTunnelReplacementStatusInput{VpnConnectionId: &id, VpnTunnelOutsideIpAddress: aws.String("203.0.113.9")})
			return err
		}(), "InvalidParameterValue"},
		{"replace on an unknown connection", func() error {
			_, err := f.c.ReplaceVpnTunnel(f.e.ctx, &ec2.ReplaceVpnTunnelInput{VpnConnectionId: aws.String("vpn-0123456789abcdef0"), VpnTunnelOutsideIpAddress: &f.outside1})
			return err
		}(), "InvalidVpnConnectionID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantCode(t, tt.err, tt.code) })
	}
	// standard is every gateway's bandwidth: accepted.
	out := must[*ec2.ModifyVpnConnectionOptionsOutput](t)(f.c.ModifyVpnConnectionOptions(f.e.ctx, &ec2.ModifyVpnConnectionOptionsInput{
		VpnConnectionId: &id, TunnelBandwidth: types.VpnTunnelBandwidthStandard}))
	if out.VpnConnection.Options.TunnelBandwidth != types.VpnTunnelBandwidthStandard {
		t.Fatalf("bandwidth = %s", out.VpnConnection.Options.TunnelBandwidth)
	}
	// Logging turned on, then off again, by modification.
	f.waitAvailable(t, id)
	if err := logs(types.CloudWatchLogOptionsSpecification{LogEnabled: aws.Bool(true), LogGroupArn: aws.String(logGroup), LogOutputFormat: aws.String("text")}); err != nil {
		t.Fatal(err)
	}
	cw := f.waitAvailable(t, id).Options.TunnelOptions[0].LogOptions.CloudWatchLogOptions
	if !aws.ToBool(cw.LogEnabled) || aws.ToString(cw.LogOutputFormat) != "text" || aws.ToString(cw.LogGroupArn) != logGroup {
		t.Fatalf("after turning logging on: %+v", cw)
	}
	if err := logs(types.CloudWatchLogOptionsSpecification{LogEnabled: aws.Bool(false)}); err != nil {
		t.Fatal(err)
	}
	cw = f.waitAvailable(t, id).Options.TunnelOptions[0].LogOptions.CloudWatchLogOptions
	if aws.ToBool(cw.LogEnabled) || cw.LogGroupArn != nil {
		t.Fatalf("after turning logging off: %+v", cw)
	}
}
