package vpn_test

import (
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
)

// TestTransitOnlyOptions checks OutsideIpAddressType and TunnelBandwidth at
// creation, on a VGW and on a transit gateway, and TunnelBandwidth through
// ModifyOptions.
func TestTransitOnlyOptions(t *testing.T) {
	const ipv, ipc = "InvalidParameterValue", "InvalidParameterCombination"
	f := newFixture(t, 30)
	for _, tt := range []struct {
		name    string
		transit bool
		outside vpn.OutsideAddressType
		bw      vpn.Bandwidth
		code    string
		cause   error
	}{
		{name: "defaults"},
		{name: "public", outside: vpn.OutsidePublicIPv4, bw: vpn.BandwidthStandard},
		{name: "private on a vgw", outside: vpn.OutsidePrivateIPv4, code: ipc, cause: vpn.ErrNeedsTransitGateway},
		{name: "ipv6 on a vgw", outside: vpn.OutsideIPv6, code: ipc, cause: vpn.ErrNeedsTransitGateway},
		{name: "outside type spelled otherwise", outside: "publicIpv4", code: ipv, cause: vpn.ErrInvalidValue},
		{name: "large on a vgw", bw: vpn.BandwidthLarge, code: ipc, cause: vpn.ErrNeedsTransitGateway},
		{name: "bandwidth spelled otherwise", bw: "Large", code: ipv, cause: vpn.ErrInvalidValue},
		{name: "large on a transit gateway", transit: true, bw: vpn.BandwidthLarge},
		{name: "private on a transit gateway", transit: true, outside: vpn.OutsidePrivateIPv4, code: "UnsupportedOperation", cause: vpn.ErrNotModelled},
		{name: "ipv6 outside on a transit gateway", transit: true, outside: vpn.OutsideIPv6, code: ipc, cause: vpn.ErrCombination},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spec := f.spec(vpn.Options{OutsideIPAddressType: tt.outside, TunnelBandwidth: tt.bw})
			if tt.transit {
				spec.VPNGateway, spec.TransitGatewayID = vpn.Gateway{}, "tgw-0123456789abcdef0"
			}
			c, err := vpn.Create(spec, nil, seeded(1), t0)
			if tt.code != "" {
				wantCode(t, err, tt.code, tt.cause)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantOutside, wantBW := tt.outside, tt.bw
			if wantOutside == "" {
				wantOutside = vpn.OutsidePublicIPv4
			}
			if wantBW == "" {
				wantBW = vpn.BandwidthStandard
			}
			if o := c.Options(); o.OutsideIPAddressType != wantOutside || o.TunnelBandwidth != wantBW {
				t.Fatalf("options %s %s, want %s %s", o.OutsideIPAddressType, o.TunnelBandwidth, wantOutside, wantBW)
			}
		})
	}

	c := f.available(t, vpn.Options{})
	_, err := c.ModifyOptions(vpn.OptionsChange{TunnelBandwidth: vpn.BandwidthLarge}, t0)
	wantCode(t, err, ipc, vpn.ErrNeedsTransitGateway)
	_, err = c.ModifyOptions(vpn.OptionsChange{TunnelBandwidth: "medium"}, t0)
	wantCode(t, err, ipv, vpn.ErrInvalidValue)
	m, err := c.ModifyOptions(vpn.OptionsChange{TunnelBandwidth: vpn.BandwidthStandard}, t0)
	if err != nil || m.State() != status.StateModifying || m.Options().TunnelBandwidth != vpn.BandwidthStandard {
		t.Fatalf("ModifyOptions(standard) = %s, %v", m.State(), err)
	}
}

// logGroupOracle is the log group ARN shape written as one regular
// expression, independently of ValidLogGroupARN's step-by-step parse.
var logGroupOracle = regexp.MustCompile(`^arn:aws(-[a-z-]*[a-z])?:logs:[a-z]+(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:log-group:[A-Za-z0-9_\-/.#]{1,512}(:\*)?$`)

// TestValidLogGroupARN pins the shape at its edges.
func TestValidLogGroupARN(t *testing.T) {
	name := func(n int) string { return strings.Repeat("n", n) }
	for _, tt := range []struct {
		arn  string
		want bool
	}{
		{logGroup, true},
		{logGroup + ":*", true},
		{"arn:aws:logs:us-east-1:111122223333:log-group:" + name(512), true},
		{"arn:aws:logs:us-east-1:111122223333:log-group:" + name(513), false},
		{"arn:aws:logs:us-east-1:111122223333:log-group:", false},
		{"arn:aws:logs:us-east-1:111122223333:log-group::*", false},
		{"arn:aws:logs:us-east-1:111122223333:log-group:a_b-c/d.e#f", true},
		{"arn:aws:logs:us-east-1:111122223333:log-group:a b", false},
		{"arn:aws:logs:us-east-1:111122223333:log-group:a:*:*", false},
		{"arn:aws-cn:logs:cn-north-1:111122223333:log-group:x", true},
		{"arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:x", true},
		{"arn:aws-:logs:us-east-1:111122223333:log-group:x", false},
		{"arn:AWS:logs:us-east-1:111122223333:log-group:x", false},
		{"arn:aws:logs:useast1:111122223333:log-group:x", false},
		{"arn:aws:logs:us-east-:111122223333:log-group:x", false},
		{"arn:aws:logs:us-east-123:111122223333:log-group:x", false},
		{"arn:aws:logs:us-east-1:11112222333:log-group:x", false},
		{"arn:aws:logs:us-east-1:1111222233334:log-group:x", false},
		{"arn:aws:logs:us-east-1:11112222333x:log-group:x", false},
		{"arn:aws:log:us-east-1:111122223333:log-group:x", false},
		{"arn:aws:logs:us-east-1:111122223333:log-stream:x", false},
		{"arn:aws:logs:us-east-1:111122223333:loggroup:x", false},
		{"aws:logs:us-east-1:111122223333:log-group:x", false},
		{"", false},
	} {
		if got := vpn.ValidLogGroupARN(tt.arn); got != tt.want {
			t.Errorf("ValidLogGroupARN(%q) = %v, want %v", tt.arn, got, tt.want)
		}
		if got := logGroupOracle.MatchString(tt.arn); got != tt.want {
			t.Errorf("the oracle says %v for %q, the table %v", got, tt.arn, tt.want)
		}
	}
}

// TestPropLogGroupARN: ValidLogGroupARN agrees with the oracle on strings
// built from the ARN's parts, each part right or slightly wrong.
func TestPropLogGroupARN(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		part := func(label string, good ...string) string {
			return rapid.OneOf(rapid.SampledFrom(good), rapid.StringMatching(`[a-z0-9:*# -]{0,6}`)).Draw(t, label)
		}
		arn := part("arn", "arn") + ":" + part("partition", "aws", "aws-cn", "aws-us-gov", "aws-iso-b") + ":" +
			part("service", "logs") + ":" + part("region", "us-east-1", "eu-west-3", "us-gov-east-1", "ap-southeast-12") + ":" +
			part("account", "111122223333", "000000000000") + ":" + part("resource", "log-group") + ":" +
			rapid.StringMatching(`[A-Za-z0-9_/.#: *-]{0,20}`).Draw(t, "name")
		if got, want := vpn.ValidLogGroupARN(arn), logGroupOracle.MatchString(arn); got != want {
			t.Fatalf("ValidLogGroupARN(%q) = %v, oracle %v", arn, got, want)
		}
	})
}

// TestMaintenance walks a tunnel's maintenance through the rules of
// ModifyTunnelOptions, ReplaceTunnel and Settle, at the deadline's edges.
func TestMaintenance(t *testing.T) {
	f := newFixture(t, 31)
	c := f.available(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{EnableTunnelLifecycleControl: vpn.FlagOf(true)}}})
	c, _ = c.SetTunnelStatus(0, status.Up, 0, t0)
	out := c.Tunnels()[0].AWSOutsideAddress()
	if !c.Tunnels()[0].LifecycleControl() || c.Tunnels()[1].LifecycleControl() {
		t.Fatal("lifecycle control is not as created")
	}
	if _, ok := c.NextMaintenance(); ok {
		t.Fatal("a new connection has maintenance due")
	}

	// Lifecycle control alone, skipped: no replacement, nothing pending.
	t1 := t0.Add(time.Hour)
	m, err := c.ModifyTunnelOptions(out, vpn.TunnelOptions{EnableTunnelLifecycleControl: vpn.FlagOf(true)}, true, nil, t1)
	if err != nil {
		t.Fatal(err)
	}
	if tun := m.Tunnels()[0]; tun.Telemetry().Status != status.Up || tun.Maintenance() != (vpn.Maintenance{}) || m.State() != status.StateModifying {
		t.Fatalf("lifecycle control alone: %+v %+v %s", tun.Telemetry(), tun.Maintenance(), m.State())
	}

	// Another option, skipped: pending from t1, the endpoint not replaced.
	m, err = c.ModifyTunnelOptions(out, vpn.TunnelOptions{DPDTimeoutSeconds: 45}, true, nil, t1)
	if err != nil {
		t.Fatal(err)
	}
	due := t1.Add(vpn.MaintenanceWindow)
	tun := m.Tunnels()[0]
	if tun.Telemetry().Status != status.Up || tun.Maintenance() != (vpn.Maintenance{Pending: true, AutoAppliedAfter: due}) || tun.DPDTimeout() != 45*time.Second {
		t.Fatalf("skipped change: %+v %+v %v", tun.Telemetry(), tun.Maintenance(), tun.DPDTimeout())
	}
	if next, ok := m.NextMaintenance(); !ok || !next.Equal(due) {
		t.Fatalf("NextMaintenance() = %v, %v; want %v", next, ok, due)
	}

	// A second skipped change keeps the deadline.
	m = m.Settle(t1)
	m2, err := m.ModifyTunnelOptions(out, vpn.TunnelOptions{ReplayWindowSize: 512}, true, nil, t1.Add(time.Hour))
	if err != nil || m2.Tunnels()[0].Maintenance().AutoAppliedAfter != due {
		t.Fatalf("second skipped change: %+v, %v", m2.Tunnels()[0].Maintenance(), err)
	}

	// The deadline: 1ns before, nothing; at it, applied at the deadline.
	if s := m.Settle(due.Add(-1)); !s.Tunnels()[0].Maintenance().Pending || s.Tunnels()[0].Telemetry().Status != status.Up {
		t.Fatalf("Settle 1ns before the deadline applied it: %+v", s.Tunnels()[0].Maintenance())
	}
	for _, at := range []time.Time{due, due.Add(1), due.Add(24 * time.Hour)} {
		s := m.Settle(at)
		tun := s.Tunnels()[0]
		if tun.Maintenance() != (vpn.Maintenance{LastApplied: due}) || tun.Telemetry().Status != status.Down ||
			!tun.Telemetry().LastStatusChange.Equal(due) || s.State() != status.StateAvailable {
			t.Fatalf("Settle(%v): %+v %+v %s", at, tun.Maintenance(), tun.Telemetry(), s.State())
		}
		if _, ok := s.NextMaintenance(); ok {
			t.Fatal("NextMaintenance after it was applied")
		}
	}
	if d, _ := m.Delete(t1); d.Settle(due).Tunnels()[0].Maintenance().LastApplied.Equal(due) {
		t.Fatal("a deleting connection had its maintenance applied")
	}

	// ReplaceTunnel: without applying, the maintenance stays; with, it is
	// applied at the replacement.
	t2 := t1.Add(2 * time.Hour)
	r, err := m.ReplaceTunnel(out, false, t2)
	if err != nil || r.State() != status.StateModifying || r.Tunnels()[0].Telemetry().Status != status.Down || !r.Tunnels()[0].Maintenance().Pending {
		t.Fatalf("ReplaceTunnel(false) = %s %+v, %v", r.State(), r.Tunnels()[0].Maintenance(), err)
	}
	if r.Tunnels()[1].Telemetry() != m.Tunnels()[1].Telemetry() {
		t.Fatal("ReplaceTunnel touched the other tunnel")
	}
	r, err = m.ReplaceTunnel(out, true, t2)
	if err != nil || r.Tunnels()[0].Maintenance() != (vpn.Maintenance{LastApplied: t2}) {
		t.Fatalf("ReplaceTunnel(true) = %+v, %v", r.Tunnels()[0].Maintenance(), err)
	}
	if _, err := r.ReplaceTunnel(out, true, t2); err == nil {
		t.Fatal("ReplaceTunnel while modifying succeeded")
	} else {
		wantCode(t, err, "InvalidVpnConnection.InvalidState", vpn.ErrModifying)
	}
	_, err = m.ReplaceTunnel(netip.MustParseAddr("203.0.113.254"), true, t2)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrTunnel)
	_, err = f.create(t, vpn.Options{}).ReplaceTunnel(out, false, t2)
	wantCode(t, err, "InvalidVpnConnection.InvalidState", vpn.ErrState)
	// Nothing pending: applyPending replaces all the same.
	if r, err := c.ReplaceTunnel(out, true, t2); err != nil || r.Tunnels()[0].Maintenance() != (vpn.Maintenance{}) || r.Tunnels()[0].Telemetry().Status != status.Down {
		t.Fatalf("ReplaceTunnel(true) with nothing pending: %+v, %v", r.Tunnels()[0].Maintenance(), err)
	}

	// Turning lifecycle control off while maintenance is pending applies
	// it, skipped or not.
	for _, skip := range []bool{true, false} {
		off, err := m.ModifyTunnelOptions(out, vpn.TunnelOptions{EnableTunnelLifecycleControl: vpn.FlagOf(false)}, skip, nil, t2)
		if err != nil {
			t.Fatal(err)
		}
		tun := off.Tunnels()[0]
		if tun.LifecycleControl() || tun.Maintenance() != (vpn.Maintenance{LastApplied: t2}) || tun.Telemetry().Status != status.Down {
			t.Fatalf("turning lifecycle control off (skip %v): %+v %+v", skip, tun.Maintenance(), tun.Telemetry())
		}
	}
	// A replacement by a Modify leaves it pending.
	if r, err := m.ModifyTunnelOptions(out, vpn.TunnelOptions{DPDTimeoutSeconds: 60}, false, nil, t2); err != nil ||
		!r.Tunnels()[0].Maintenance().Pending || r.Tunnels()[0].Telemetry().Status != status.Down {
		t.Fatalf("Modify without skip: %+v, %v", r.Tunnels()[0].Maintenance(), err)
	}
}
