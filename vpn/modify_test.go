package vpn_test

import (
	"encoding/xml"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
)

// logs returns log options for the tunnel log.
func logs(enabled bool, arn string, format vpn.LogFormat) vpn.LogOptions {
	return vpn.LogOptionsOf(vpn.CloudWatchLogOptions{LogEnabled: enabled, LogGroupARN: arn, LogOutputFormat: format})
}

// available returns a fresh connection of f, settled to available.
func (f fixture) available(t tb, o vpn.Options, existing ...vpn.Connection) vpn.Connection {
	t.Helper()
	return f.create(t, o, existing...).Settle(t0)
}

// TestModifyTunnelOptionsBoundaries changes one option at a time, at and
// just beyond each boundary, through ModifyTunnelOptions: the rules are
// Create's, applied to the values the tunnel keeps.
func TestModifyTunnelOptionsBoundaries(t *testing.T) {
	const ipv, ipc = "InvalidParameterValue", "InvalidParameterCombination"
	f := newFixture(t, 7)
	for _, tt := range []struct {
		name  string
		ch    vpn.TunnelOptions
		code  string
		cause error
	}{
		{name: "phase 1 min", ch: vpn.TunnelOptions{Phase1LifetimeSeconds: 3601}},
		{name: "phase 1 below min", ch: vpn.TunnelOptions{Phase1LifetimeSeconds: 899}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "phase 1 max", ch: vpn.TunnelOptions{Phase1LifetimeSeconds: 28800}},
		{name: "phase 1 above max", ch: vpn.TunnelOptions{Phase1LifetimeSeconds: 28801}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "phase 1 equal to kept phase 2", ch: vpn.TunnelOptions{Phase1LifetimeSeconds: 3600}, code: ipc, cause: vpn.ErrCombination},
		{name: "phase 2 min", ch: vpn.TunnelOptions{Phase2LifetimeSeconds: 900, RekeyMarginTimeSeconds: 450}},
		{name: "phase 2 below min", ch: vpn.TunnelOptions{Phase2LifetimeSeconds: 899}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "phase 2 above max", ch: vpn.TunnelOptions{Phase2LifetimeSeconds: 3601}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "phase 2 min with kept margin", ch: vpn.TunnelOptions{Phase2LifetimeSeconds: 900}},
		{name: "margin min", ch: vpn.TunnelOptions{RekeyMarginTimeSeconds: 60}},
		{name: "margin below min", ch: vpn.TunnelOptions{RekeyMarginTimeSeconds: 59}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "margin half of phase 2", ch: vpn.TunnelOptions{RekeyMarginTimeSeconds: 1800}},
		{name: "margin above half", ch: vpn.TunnelOptions{RekeyMarginTimeSeconds: 1801}, code: ipc, cause: vpn.ErrCombination},
		{name: "fuzz 0", ch: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(0)}},
		{name: "fuzz 100", ch: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(100)}},
		{name: "fuzz 101", ch: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(101)}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "fuzz -1", ch: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(-1)}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "replay 64", ch: vpn.TunnelOptions{ReplayWindowSize: 64}},
		{name: "replay 63", ch: vpn.TunnelOptions{ReplayWindowSize: 63}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "replay 2048", ch: vpn.TunnelOptions{ReplayWindowSize: 2048}},
		{name: "replay 2049", ch: vpn.TunnelOptions{ReplayWindowSize: 2049}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "dpd 30", ch: vpn.TunnelOptions{DPDTimeoutSeconds: 30}},
		{name: "dpd 29", ch: vpn.TunnelOptions{DPDTimeoutSeconds: 29}, code: ipv, cause: vpn.ErrOutOfRange},
		{name: "dpd action none", ch: vpn.TunnelOptions{DPDTimeoutAction: vpn.DPDNone}},
		{name: "dpd action bad", ch: vpn.TunnelOptions{DPDTimeoutAction: "Clear"}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 1 encryption", ch: vpn.TunnelOptions{Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM}}},
		{name: "phase 1 encryption bad", ch: vpn.TunnelOptions{Phase1EncryptionAlgorithms: []vpn.Encryption{"AES512"}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 2 integrity", ch: vpn.TunnelOptions{Phase2IntegrityAlgorithms: []vpn.Integrity{vpn.SHA512}}},
		{name: "phase 1 dh 5", ch: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{5}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 2 dh 5", ch: vpn.TunnelOptions{Phase2DHGroupNumbers: []vpn.DHGroup{5}}},
		{name: "ike bad", ch: vpn.TunnelOptions{IKEVersions: []vpn.IKEVersion{"ikev3"}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "start with default versions", ch: vpn.TunnelOptions{StartupAction: vpn.StartupStart}},
		{name: "start with ikev1 alone", ch: vpn.TunnelOptions{StartupAction: vpn.StartupStart, IKEVersions: []vpn.IKEVersion{vpn.IKEv1}}, code: ipc, cause: vpn.ErrCombination},
		{name: "psk 8", ch: vpn.TunnelOptions{PreSharedKey: "abcdefgh"}},
		{name: "psk 7", ch: vpn.TunnelOptions{PreSharedKey: "abcdefg"}, code: ipv, cause: vpn.ErrPreSharedKey},
		{name: "psk 64", ch: vpn.TunnelOptions{PreSharedKey: vpn.PSK("a" + string(slices.Repeat([]byte("b"), 63)))}},
		{name: "psk 65", ch: vpn.TunnelOptions{PreSharedKey: vpn.PSK("a" + string(slices.Repeat([]byte("b"), 64)))}, code: ipv, cause: vpn.ErrPreSharedKey},
		{name: "psk leading 0", ch: vpn.TunnelOptions{PreSharedKey: "0abcdefgh"}, code: ipv, cause: vpn.ErrPreSharedKey},
		{name: "inside", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.200.0/30")}},
		{name: "inside reserved", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.5.0/30")}, code: ipv, cause: vpn.ErrReservedCIDR},
		{name: "inside /29", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.200.0/29")}, code: ipv, cause: vpn.ErrInsideCIDR},
		{name: "inside outside the pool", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("10.0.0.0/30")}, code: ipv, cause: vpn.ErrInsideCIDR},
		{name: "inside ipv6 on ipv4", ch: vpn.TunnelOptions{InsideIPv6CIDR: mustPrefix("fd00::/126")}, code: ipc, cause: vpn.ErrCombination},
		{name: "dpd long", ch: vpn.TunnelOptions{DPDTimeoutSeconds: 3600}},
		{name: "dpd action restart", ch: vpn.TunnelOptions{DPDTimeoutAction: vpn.DPDRestart}},
		{name: "phase 2 encryption", ch: vpn.TunnelOptions{Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES128, vpn.AES128GCM}}},
		{name: "phase 2 encryption bad", ch: vpn.TunnelOptions{Phase2EncryptionAlgorithms: []vpn.Encryption{"aes128"}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 1 integrity", ch: vpn.TunnelOptions{Phase1IntegrityAlgorithms: []vpn.Integrity{vpn.SHA1}}},
		{name: "phase 1 integrity bad", ch: vpn.TunnelOptions{Phase1IntegrityAlgorithms: []vpn.Integrity{"SHA3-256"}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 2 integrity bad", ch: vpn.TunnelOptions{Phase2IntegrityAlgorithms: []vpn.Integrity{"MD5"}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 1 dh 2", ch: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{2}}},
		{name: "phase 1 dh 14", ch: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{14}}},
		{name: "phase 1 dh 13", ch: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{13}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 1 dh 24", ch: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{24}}},
		{name: "phase 1 dh 25", ch: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{25}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 2 dh 1", ch: vpn.TunnelOptions{Phase2DHGroupNumbers: []vpn.DHGroup{1}}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "phase 2 dh 24", ch: vpn.TunnelOptions{Phase2DHGroupNumbers: []vpn.DHGroup{24}}},
		{name: "ike both", ch: vpn.TunnelOptions{IKEVersions: []vpn.IKEVersion{vpn.IKEv2, vpn.IKEv1}}},
		{name: "ike v1 alone", ch: vpn.TunnelOptions{IKEVersions: []vpn.IKEVersion{vpn.IKEv1}}},
		{name: "startup add", ch: vpn.TunnelOptions{StartupAction: vpn.StartupAdd}},
		{name: "startup bad", ch: vpn.TunnelOptions{StartupAction: "Start"}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "start with ikev2 alone", ch: vpn.TunnelOptions{StartupAction: vpn.StartupStart, IKEVersions: []vpn.IKEVersion{vpn.IKEv2}}},
		{name: "inside just after the reserved", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.6.0/30")}},
		{name: "inside just before 169.254.169.252", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.169.248/30")}},
		{name: "inside last of the pool", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.255.252/30")}},
		{name: "inside unmasked", ch: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.200.1/30")}, code: ipv, cause: vpn.ErrInsideCIDR},
		{name: "lifecycle control on", ch: vpn.TunnelOptions{EnableTunnelLifecycleControl: vpn.FlagOf(true)}},
		{name: "lifecycle control off", ch: vpn.TunnelOptions{EnableTunnelLifecycleControl: vpn.FlagOf(false)}},
		{name: "logs off", ch: vpn.TunnelOptions{LogOptions: vpn.LogOptionsOf(vpn.CloudWatchLogOptions{})}},
		{name: "logs on", ch: vpn.TunnelOptions{LogOptions: logs(true, logGroup, "")}},
		{name: "logs on, text", ch: vpn.TunnelOptions{LogOptions: logs(true, logGroup, vpn.LogText)}},
		{name: "logs on, every stream", ch: vpn.TunnelOptions{LogOptions: logs(true, logGroup+":*", vpn.LogJSON)}},
		{name: "logs on without a group", ch: vpn.TunnelOptions{LogOptions: logs(true, "", "")}, code: "MissingParameter", cause: vpn.ErrMissing},
		{name: "logs off with a group", ch: vpn.TunnelOptions{LogOptions: logs(false, logGroup, "")}},
		{name: "log format XML", ch: vpn.TunnelOptions{LogOptions: logs(true, logGroup, "XML")}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "log format JSON", ch: vpn.TunnelOptions{LogOptions: logs(true, logGroup, "JSON")}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "log group of another service", ch: vpn.TunnelOptions{LogOptions: logs(true, "arn:aws:s3:::bucket", "")}, code: ipv, cause: vpn.ErrLogGroupARN},
		{name: "log group not an arn", ch: vpn.TunnelOptions{LogOptions: logs(false, "/vpn/tunnels", "")}, code: ipv, cause: vpn.ErrLogGroupARN},
		{name: "bgp logs on", ch: vpn.TunnelOptions{LogOptions: vpn.LogOptionsOf(vpn.CloudWatchLogOptions{BGPLogEnabled: true, BGPLogGroupARN: logGroup})}},
		{name: "bgp logs on without a group", ch: vpn.TunnelOptions{LogOptions: vpn.LogOptionsOf(vpn.CloudWatchLogOptions{BGPLogEnabled: true})}, code: "MissingParameter", cause: vpn.ErrMissing},
		{name: "bgp log format", ch: vpn.TunnelOptions{LogOptions: vpn.LogOptionsOf(vpn.CloudWatchLogOptions{BGPLogOutputFormat: "yaml"})}, code: ipv, cause: vpn.ErrInvalidValue},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := f.available(t, vpn.Options{StaticRoutesOnly: true})
			before := c.CustomerGatewayConfiguration()
			tun := c.Tunnels()[0]
			got, err := c.ModifyTunnelOptions(tun.AWSOutsideAddress(), tt.ch, false, nil, t0.Add(time.Minute))
			if c.CustomerGatewayConfiguration() != before || c.State() != status.StateAvailable {
				t.Fatal("ModifyTunnelOptions changed its receiver")
			}
			if tt.code != "" {
				wantCode(t, err, tt.code, tt.cause)
				return
			}
			if err != nil {
				t.Fatalf("ModifyTunnelOptions(%+v) = %v", tt.ch, err)
			}
			if got.State() != status.StateModifying || got.Tunnels()[0].Telemetry().Status != status.Down {
				t.Fatalf("state %s, telemetry %+v", got.State(), got.Tunnels()[0].Telemetry())
			}
			if got.Tunnels()[1].Options().PreSharedKey != c.Tunnels()[1].PSK() || got.Tunnels()[0].AWSOutsideAddress() != tun.AWSOutsideAddress() {
				t.Fatal("the other tunnel or the outside address changed")
			}
			if err := checkXML(got); err != nil {
				t.Fatalf("configuration after the change: %v", err)
			}
			if on, ok := tt.ch.EnableTunnelLifecycleControl.Value(); ok && got.Tunnels()[0].LifecycleControl() != on {
				t.Fatalf("LifecycleControl() = %v, want %v", !on, on)
			}
			if cw, ok := tt.ch.LogOptions.CloudWatch(); ok {
				if cw.LogEnabled && cw.LogOutputFormat == "" {
					cw.LogOutputFormat = vpn.LogJSON
				}
				if cw.BGPLogEnabled && cw.BGPLogOutputFormat == "" {
					cw.BGPLogOutputFormat = vpn.LogJSON
				}
				if got := got.Tunnels()[0].LogOptions(); got != cw {
					t.Fatalf("LogOptions() = %+v, want %+v", got, cw)
				}
				if d, _ := got.Tunnels()[0].DescribedOptions().LogOptions.CloudWatch(); d != cw {
					t.Fatalf("described log options = %+v, want %+v", d, cw)
				}
			}
			if s := got.Settle(t0.Add(time.Minute - 1)); s.State() != status.StateModifying {
				t.Fatalf("Settle 1ns early: %s", s.State())
			}
			if s := got.Settle(t0.Add(time.Minute)); s.State() != status.StateAvailable {
				t.Fatalf("Settle at the instant: %s", s.State())
			}
		})
	}
}

// TestModifyOptionsBoundaries changes the traffic selectors and the
// tunnel bandwidth at their edges through ModifyOptions.
func TestModifyOptionsBoundaries(t *testing.T) {
	const ipv, ipc = "InvalidParameterValue", "InvalidParameterCombination"
	f := newFixture(t, 12)
	for _, tt := range []struct {
		name  string
		ch    vpn.OptionsChange
		want  vpn.Options // the fields the change sets, as the connection then holds them
		code  string
		cause error
	}{
		{name: "local everything", ch: vpn.OptionsChange{LocalIPv4: mustPrefix("0.0.0.0/0")}, want: vpn.Options{LocalIPv4NetworkCIDR: mustPrefix("0.0.0.0/0")}},
		{name: "local one host", ch: vpn.OptionsChange{LocalIPv4: mustPrefix("10.0.0.1/32")}, want: vpn.Options{LocalIPv4NetworkCIDR: mustPrefix("10.0.0.1/32")}},
		{name: "remote unmasked", ch: vpn.OptionsChange{RemoteIPv4: mustPrefix("10.1.2.3/16")}, want: vpn.Options{RemoteIPv4NetworkCIDR: mustPrefix("10.1.0.0/16")}},
		{name: "both", ch: vpn.OptionsChange{LocalIPv4: mustPrefix("192.168.0.0/16"), RemoteIPv4: mustPrefix("10.0.0.0/8")},
			want: vpn.Options{LocalIPv4NetworkCIDR: mustPrefix("192.168.0.0/16"), RemoteIPv4NetworkCIDR: mustPrefix("10.0.0.0/8")}},
		{name: "local ipv6 on ipv4", ch: vpn.OptionsChange{LocalIPv6: mustPrefix("::/0")}, code: ipc, cause: vpn.ErrCombination},
		{name: "remote ipv6 on ipv4", ch: vpn.OptionsChange{RemoteIPv6: mustPrefix("fd00::/8")}, code: ipc, cause: vpn.ErrCombination},
		{name: "ipv6 prefix as ipv4 selector", ch: vpn.OptionsChange{LocalIPv4: mustPrefix("fd00::/8")}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "mapped prefix as ipv4 selector", ch: vpn.OptionsChange{LocalIPv4: mustPrefix("::ffff:10.0.0.0/104")}, code: ipv, cause: vpn.ErrInvalidValue},
		{name: "bandwidth standard", ch: vpn.OptionsChange{TunnelBandwidth: vpn.BandwidthStandard}, want: vpn.Options{TunnelBandwidth: vpn.BandwidthStandard}},
		{name: "bandwidth large", ch: vpn.OptionsChange{TunnelBandwidth: vpn.BandwidthLarge}, code: ipc, cause: vpn.ErrNeedsTransitGateway},
		{name: "bandwidth spelled otherwise", ch: vpn.OptionsChange{TunnelBandwidth: "Standard"}, code: ipv, cause: vpn.ErrInvalidValue},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := f.available(t, vpn.Options{StaticRoutesOnly: true})
			got, err := c.ModifyOptions(tt.ch, t0.Add(time.Minute))
			if c.State() != status.StateAvailable {
				t.Fatal("ModifyOptions changed its receiver")
			}
			if tt.code != "" {
				wantCode(t, err, tt.code, tt.cause)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			o, w := got.Options(), tt.want
			for _, p := range []struct{ got, want netip.Prefix }{
				{o.LocalIPv4NetworkCIDR, w.LocalIPv4NetworkCIDR}, {o.RemoteIPv4NetworkCIDR, w.RemoteIPv4NetworkCIDR},
			} {
				if p.want.IsValid() && p.got != p.want {
					t.Fatalf("selector %s, want %s", p.got, p.want)
				}
			}
			if w.TunnelBandwidth != "" && o.TunnelBandwidth != w.TunnelBandwidth {
				t.Fatalf("bandwidth %s, want %s", o.TunnelBandwidth, w.TunnelBandwidth)
			}
			if got.State() != status.StateModifying || got.Tunnels()[0].Telemetry().Status != status.Down || got.Tunnels()[1].Telemetry().Status != status.Down {
				t.Fatalf("state %s, telemetry %+v", got.State(), got.Tunnels()[0].Telemetry())
			}
			conf, err := vpn.StrongSwan(got, vpn.IKEv2)
			if err != nil {
				t.Fatal(err)
			}
			if sw := parseSwanctl(conf); sw[0].localTS != o.LocalIPv4NetworkCIDR.String() {
				t.Fatalf("swanctl.conf local_ts %s, want %s", sw[0].localTS, o.LocalIPv4NetworkCIDR)
			}
		})
	}
	// A zero change changes nothing, in any state that may be modified.
	c := f.available(t, vpn.Options{})
	if got, err := c.ModifyOptions(vpn.OptionsChange{}, t0); err != nil || got.State() != status.StateAvailable {
		t.Fatalf("ModifyOptions(zero) = %s, %v", got.State(), err)
	}
}

// TestModifyMergesTheRequestedRecord checks that Describe's echo keeps
// what creation set and adds what the modification set.
func TestModifyMergesTheRequestedRecord(t *testing.T) {
	f := newFixture(t, 8)
	c := f.available(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{Phase1LifetimeSeconds: 7200, IKEVersions: []vpn.IKEVersion{vpn.IKEv2}}}})
	out := c.Tunnels()[0].AWSOutsideAddress()
	m, err := c.ModifyTunnelOptions(out, vpn.TunnelOptions{DPDTimeoutSeconds: 45, StartupAction: vpn.StartupStart}, false, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	d := m.Tunnels()[0].DescribedOptions()
	if d.Phase1LifetimeSeconds != 7200 || d.DPDTimeoutSeconds != 45 || d.StartupAction != vpn.StartupStart ||
		!slices.Equal(d.IKEVersions, []vpn.IKEVersion{vpn.IKEv2}) || d.Phase2LifetimeSeconds != 0 {
		t.Fatalf("described = %+v", d)
	}
	// The encoding keeps it.
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back vpn.Connection
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatalf("UnmarshalBinary of a modifying connection: %v", err)
	}
	if b2, _ := back.MarshalBinary(); string(b2) != string(b) {
		t.Fatal("round trip changed the encoding")
	}
}

// TestModifyRefusals covers the state, tunnel, CIDR and gateway rules.
func TestModifyRefusals(t *testing.T) {
	f := newFixture(t, 9)
	c := f.available(t, vpn.Options{StaticRoutesOnly: true, Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.10.0/30")}}})
	out := c.Tunnels()[0].AWSOutsideAddress()
	cgw2 := mustCGW(t, "198.51.100.9", 65001, f.random)
	other, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw2, VPNGateway: f.vgw, Options: vpn.Options{StaticRoutesOnly: true,
		Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.20.0/30")}}}}, []vpn.Connection{c}, f.random, t0)
	if err != nil {
		t.Fatal(err)
	}
	existing := []vpn.Connection{c, other}

	_, err = c.ModifyTunnelOptions(netip.MustParseAddr("192.0.2.254"), vpn.TunnelOptions{}, false, existing, t0)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrTunnel)
	_, err = c.ModifyTunnelOptions(out, vpn.TunnelOptions{InsideCIDR: c.Tunnels()[1].InsideCIDR()}, false, existing, t0)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrDuplicateCIDR)
	_, err = c.ModifyTunnelOptions(out, vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.20.0/30")}, false, existing, t0)
	wantCode(t, err, "InvalidCidr.InUse", vpn.ErrCIDRInUse)
	if _, err := c.ModifyTunnelOptions(out, vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.10.0/30")}, false, existing, t0); err != nil {
		t.Fatalf("keeping its own inside CIDR: %v", err)
	}

	m, err := c.ModifyTunnelOptions(out, vpn.TunnelOptions{ReplayWindowSize: 512}, false, existing, t0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.ModifyTunnelOptions(out, vpn.TunnelOptions{ReplayWindowSize: 256}, false, existing, t0)
	wantCode(t, err, "InvalidVpnConnection.InvalidState", vpn.ErrModifying)
	_, err = m.ModifyOptions(vpn.OptionsChange{LocalIPv4: mustPrefix("10.0.0.0/8")}, t0)
	wantCode(t, err, "InvalidVpnConnection.InvalidState", vpn.ErrModifying)
	_, err = f.create(t, vpn.Options{}).ModifyOptions(vpn.OptionsChange{LocalIPv4: mustPrefix("10.0.0.0/8")}, t0)
	wantCode(t, err, "InvalidVpnConnection.InvalidState", vpn.ErrState)
	if d, err := m.Delete(t0); err != nil || d.State() != status.StateDeleting {
		t.Fatalf("Delete while modifying = %v, %v", d.State(), err)
	}

	_, err = c.ModifyOptions(vpn.OptionsChange{LocalIPv6: mustPrefix("::/0")}, t0)
	wantCode(t, err, "InvalidParameterCombination", vpn.ErrCombination)
	mo, err := c.ModifyOptions(vpn.OptionsChange{RemoteIPv4: mustPrefix("10.1.2.3/16")}, t0)
	if err != nil || mo.Options().RemoteIPv4NetworkCIDR != mustPrefix("10.1.0.0/16") || mo.Options().LocalIPv4NetworkCIDR != mustPrefix("0.0.0.0/0") {
		t.Fatalf("ModifyOptions = %+v, %v", mo.Options(), err)
	}
	for i, tun := range mo.Tunnels() {
		if tun.Telemetry().Status != status.Down {
			t.Fatalf("tunnel %d not replaced", i)
		}
	}

	_, err = c.ModifyGateway(vpn.GatewayChange{}, existing, t0)
	wantCode(t, err, "MissingParameter", vpn.ErrMissing)
	_, err = c.ModifyGateway(vpn.GatewayChange{TransitGatewayID: "tgw-0123456789abcdef0"}, existing, t0)
	wantCode(t, err, "UnsupportedOperation", vpn.ErrTransitGateway)
	_, err = c.ModifyGateway(vpn.GatewayChange{CustomerGateway: f.cgw}, existing, t0)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)
	vgw2 := mustVGW(t, 64513, f.random)
	mg, err := c.ModifyGateway(vpn.GatewayChange{VPNGateway: vgw2}, existing, t0)
	if err != nil || mg.VPNGatewayID() != vgw2.ID() || mg.AmazonSideASN() != 64513 {
		t.Fatalf("ModifyGateway(VGW) = %v, %v", mg, err)
	}
	if err := checkXML(mg.Settle(t0)); err != nil {
		t.Fatal(err)
	}
	cgw3 := mustCGW(t, "198.51.100.30", 65030, f.random)
	mc, err := c.ModifyGateway(vpn.GatewayChange{CustomerGateway: cgw3}, existing, t0)
	if err != nil || mc.CustomerGatewayAddress() != cgw3.IPAddress() || mc.Tunnels()[0].CustomerOutsideAddress() != cgw3.IPAddress() {
		t.Fatalf("ModifyGateway(CGW) = %v, %v", mc, err)
	}
	// A BGP connection may not move to a VGW with its customer ASN.
	bgp := f.available(t, vpn.Options{})
	_, err = bgp.ModifyGateway(vpn.GatewayChange{VPNGateway: mustVGW(t, 65000, f.random)}, nil, t0)
	wantCode(t, err, "AsnConflict", vpn.ErrASNConflict)
}

// tunnelModel is what the state machine expects of one tunnel.
type tunnelModel struct {
	psk       string
	inside    netip.Prefix
	down      bool
	p1        int
	lifecycle bool
	pending   bool
	due, last time.Time
}

// TestModifyStateMachine drives a connection through random tunnel,
// selector and gateway modifications, tunnel replacements, settles and
// device reports over time, against a small model of what each tunnel
// should hold and of its maintenance; waits land on the maintenance
// deadline and a nanosecond either side. After every step the
// configuration XML and the swanctl.conf re-rendered from the connection
// parse back to the model's keys, addresses, lifetimes and selectors.
func TestModifyStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := newFixture(t, rapid.Uint64().Draw(t, "seed"))
		lc := [2]bool{rapid.Bool().Draw(t, "lifecycle0"), rapid.Bool().Draw(t, "lifecycle1")}
		c := f.available(t, vpn.Options{StaticRoutesOnly: true, Tunnels: []vpn.TunnelOptions{
			{EnableTunnelLifecycleControl: vpn.FlagOf(lc[0])}, {EnableTunnelLifecycleControl: vpn.FlagOf(lc[1])}}})
		now := t0
		cgws := []vpn.CustomerGateway{f.cgw, mustCGW(t, "198.51.100.40", 65040, f.random)}
		vgws := []vpn.Gateway{f.vgw, mustVGW(t, 64600, f.random)}
		// The model.
		var tm [2]tunnelModel
		for i, tun := range c.Tunnels() {
			tm[i] = tunnelModel{psk: tun.PSK().Reveal(), inside: tun.InsideCIDR(), down: true, p1: vpn.DefaultPhase1LifetimeSeconds}
		}
		tm[0].lifecycle, tm[1].lifecycle = lc[0], lc[1]
		state, since := status.StateAvailable, now
		cgwIP, vgwID, local := f.cgw.IPAddress(), f.vgw.ID(), mustPrefix("0.0.0.0/0")
		wantRefusal := func(err error) {
			if state != status.StateAvailable {
				wantCode(t, err, "InvalidVpnConnection.InvalidState", nil)
			}
		}
		// settle is the model of Settle(at).
		settle := func(at time.Time) {
			if state == status.StateModifying && !at.Before(since) {
				state = status.StateAvailable
			}
			for i := range tm {
				if tm[i].pending && !at.Before(tm[i].due) {
					tm[i].pending, tm[i].last, tm[i].down = false, tm[i].due, true
				}
			}
		}
		// modifyTunnel asks for ch on a drawn tunnel and updates the model.
		modifyTunnel := func(t *rapid.T, ch vpn.TunnelOptions, skip bool) {
			i := rapid.IntRange(0, 1).Draw(t, "i")
			other := ch.PreSharedKey != "" || ch.InsideCIDR.IsValid() || ch.Phase1LifetimeSeconds != 0
			next, err := c.ModifyTunnelOptions(c.Tunnels()[i].AWSOutsideAddress(), ch, skip, nil, now)
			switch {
			case state != status.StateAvailable:
				wantRefusal(err)
			case ch.Phase1LifetimeSeconds == 899:
				wantCode(t, err, "InvalidParameterValue", vpn.ErrOutOfRange)
			case ch.Phase1LifetimeSeconds == 3600:
				wantCode(t, err, "InvalidParameterCombination", vpn.ErrCombination)
			case ch.InsideCIDR.IsValid() && ch.InsideCIDR == tm[1-i].inside:
				wantCode(t, err, "InvalidParameterValue", vpn.ErrDuplicateCIDR)
			case err != nil:
				t.Fatalf("ModifyTunnelOptions(%+v) = %v", ch, err)
			default:
				c = next
				at := later(now, since)
				m := &tm[i]
				if ch.PreSharedKey != "" {
					m.psk = ch.PreSharedKey.Reveal()
				}
				if ch.InsideCIDR.IsValid() {
					m.inside = ch.InsideCIDR
				}
				if ch.Phase1LifetimeSeconds != 0 {
					m.p1 = ch.Phase1LifetimeSeconds
				}
				was := m.lifecycle
				if on, ok := ch.EnableTunnelLifecycleControl.Value(); ok {
					m.lifecycle = on
				}
				switch {
				case was && !m.lifecycle && m.pending:
					m.down, m.pending, m.last = true, false, at
				case !skip:
					m.down = true
				case other && !m.pending:
					m.pending, m.due = true, at.Add(vpn.MaintenanceWindow)
				}
				state, since = status.StateModifying, at
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"wait": func(t *rapid.T) {
				now = now.Add(time.Duration(rapid.Int64Range(0, int64(time.Hour)).Draw(t, "d")))
			},
			"waitDays": func(t *rapid.T) {
				now = now.Add(time.Duration(rapid.Int64Range(0, int64(vpn.MaintenanceWindow)).Draw(t, "d")))
			},
			"waitUntilDue": func(t *rapid.T) { // make the deadline reachable
				i := rapid.IntRange(0, 1).Draw(t, "i")
				if !tm[i].pending {
					t.Skip("nothing pending")
				}
				if at := tm[i].due.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns"))); at.After(now) {
					now = at
				}
			},
			"settle": func(t *rapid.T) {
				at := since.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
				c = c.Settle(at)
				settle(at)
			},
			"settleAtDue": func(t *rapid.T) { // the deadline's edges
				i := rapid.IntRange(0, 1).Draw(t, "i")
				if !tm[i].pending {
					t.Skip("nothing pending")
				}
				at := tm[i].due.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
				c = c.Settle(at)
				settle(at)
			},
			"settleNow": func(t *rapid.T) {
				c = c.Settle(now)
				settle(now)
			},
			"tunnel": func(t *rapid.T) {
				var ch vpn.TunnelOptions
				if rapid.Bool().Draw(t, "lifecycle?") {
					ch.EnableTunnelLifecycleControl = vpn.FlagOf(rapid.Bool().Draw(t, "lifecycle"))
				}
				if rapid.Bool().Draw(t, "psk?") {
					ch.PreSharedKey = vpn.PSK(rapid.StringMatching(`[a-z][a-z0-9._]{7,20}`).Draw(t, "psk"))
				}
				if rapid.Bool().Draw(t, "inside?") {
					ch.InsideCIDR = netip.PrefixFrom(netip.AddrFrom4([4]byte{169, 254, byte(rapid.IntRange(6, 9).Draw(t, "b")), 4 * byte(rapid.IntRange(0, 3).Draw(t, "q"))}), 30)
				}
				if rapid.Bool().Draw(t, "p1?") {
					ch.Phase1LifetimeSeconds = rapid.SampledFrom([]int{899, 3600, 3601, 28800}).Draw(t, "p1")
				}
				modifyTunnel(t, ch, rapid.Bool().Draw(t, "skip"))
			},
			"defer": func(t *rapid.T) { // a skipped replacement: maintenance pending
				modifyTunnel(t, vpn.TunnelOptions{PreSharedKey: vpn.PSK(rapid.StringMatching(`[a-z][a-z0-9._]{7,20}`).Draw(t, "psk"))}, true)
			},
			"toggle": func(t *rapid.T) { // lifecycle control alone: the other edge of the skip rules
				modifyTunnel(t, vpn.TunnelOptions{EnableTunnelLifecycleControl: vpn.FlagOf(rapid.Bool().Draw(t, "lifecycle"))}, rapid.Bool().Draw(t, "skip"))
			},
			"replace": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "i")
				apply := rapid.Bool().Draw(t, "apply")
				next, err := c.ReplaceTunnel(c.Tunnels()[i].AWSOutsideAddress(), apply, now)
				if state != status.StateAvailable {
					wantRefusal(err)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				at := later(now, since)
				c, state, since = next, status.StateModifying, at
				tm[i].down = true
				if apply && tm[i].pending {
					tm[i].pending, tm[i].last = false, at
				}
			},
			"selectors": func(t *rapid.T) {
				sel := rapid.SampledFrom([]netip.Prefix{mustPrefix("10.9.0.0/16"), mustPrefix("172.16.0.0/12")}).Draw(t, "local")
				next, err := c.ModifyOptions(vpn.OptionsChange{LocalIPv4: sel}, now)
				if state != status.StateAvailable {
					wantRefusal(err)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				c, state, since, local = next, status.StateModifying, later(now, since), sel
				tm[0].down, tm[1].down = true, true
			},
			"gateway": func(t *rapid.T) {
				var ch vpn.GatewayChange
				useCGW := rapid.Bool().Draw(t, "cgw?")
				if useCGW {
					ch.CustomerGateway = rapid.SampledFrom(cgws).Draw(t, "cgw")
				} else {
					ch.VPNGateway = rapid.SampledFrom(vgws).Draw(t, "vgw")
				}
				next, err := c.ModifyGateway(ch, nil, now)
				switch {
				case state != status.StateAvailable:
					wantRefusal(err)
				case useCGW && ch.CustomerGateway.IPAddress() == cgwIP, !useCGW && ch.VPNGateway.ID() == vgwID:
					wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)
				case err != nil:
					t.Fatalf("ModifyGateway = %v", err)
				default:
					c, state, since = next, status.StateModifying, later(now, since)
					if useCGW {
						cgwIP = ch.CustomerGateway.IPAddress()
					} else {
						vgwID = ch.VPNGateway.ID()
					}
					tm[0].down, tm[1].down = true, true
				}
			},
			"deviceUp": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "i")
				next, err := c.SetTunnelStatus(i, status.Up, 0, now)
				if err != nil {
					t.Fatal(err)
				}
				c, tm[i].down = next, false
			},
			"": func(t *rapid.T) {
				if c.State() != state {
					t.Fatalf("State() = %s, model %s", c.State(), state)
				}
				if c.VPNGatewayID() != vgwID || c.CustomerGatewayAddress() != cgwIP {
					t.Fatalf("gateways %s %s, model %s %s", c.VPNGatewayID(), c.CustomerGatewayAddress(), vgwID, cgwIP)
				}
				var x xmlDoc
				if err := xml.Unmarshal([]byte(c.CustomerGatewayConfiguration()), &x); err != nil {
					t.Fatal(err)
				}
				if err := checkXML(c); err != nil {
					t.Fatal(err)
				}
				conf, err := vpn.StrongSwan(c, vpn.IKEv2)
				if err != nil {
					t.Fatal(err)
				}
				swan := parseSwanctl(conf)
				for i, tun := range c.Tunnels() {
					xt, m := x.Tunnels[i], tm[i]
					inside := m.inside
					if xt.IKE.PSK != m.psk || xt.AWS.InsideIP != inside.Addr().Next().String() ||
						xt.Customer.InsideIP != inside.Addr().Next().Next().String() || xt.Customer.OutsideIP != cgwIP.String() {
						t.Fatalf("XML tunnel %d = %+v, model %+v", i, xt, m)
					}
					st := swan[i]
					if st.secret != m.psk || st.local != cgwIP.String() || st.rekey != strconv.Itoa(m.p1-vpn.DefaultRekeyMarginSeconds)+"s" ||
						st.localTS != local.String() {
						t.Fatalf("swanctl.conf tunnel %d = %+v, model %+v local %s", i, st, m, local)
					}
					if tun.Options().Phase1LifetimeSeconds != m.p1 {
						t.Fatalf("tunnel %d phase 1 = %d, model %d", i, tun.Options().Phase1LifetimeSeconds, m.p1)
					}
					if (tun.Telemetry().Status == status.Down) != m.down {
						t.Fatalf("tunnel %d telemetry %s, model down=%v", i, tun.Telemetry().Status, m.down)
					}
					want := vpn.Maintenance{Pending: m.pending, LastApplied: m.last}
					if m.pending {
						want.AutoAppliedAfter = m.due
					}
					if tun.Maintenance() != want {
						t.Fatalf("tunnel %d maintenance %+v, model %+v", i, tun.Maintenance(), want)
					}
					if on, _ := tun.DescribedOptions().EnableTunnelLifecycleControl.Value(); tun.LifecycleControl() != m.lifecycle || on != m.lifecycle {
						t.Fatalf("tunnel %d lifecycle control %v, model %v", i, tun.LifecycleControl(), m.lifecycle)
					}
				}
			},
		})
	})
}

// swanTunnel is what the state machine reads back from one tunnel of a
// swanctl.conf.
type swanTunnel struct{ local, rekey, localTS, secret string }

// parseSwanctl reads the connections and secrets of a swanctl.conf that
// [vpn.StrongSwan] rendered: for each aws-tunnelN, the first local_addrs,
// rekey_time and local_ts after its connection opens, and its secret.
func parseSwanctl(conf string) [2]swanTunnel {
	var out [2]swanTunnel
	cur := -1
	for _, line := range strings.Split(conf, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "aws-tunnel1 {" || line == "ike-aws-tunnel1 {":
			cur = 0
		case line == "aws-tunnel2 {" || line == "ike-aws-tunnel2 {":
			cur = 1
		}
		k, v, ok := strings.Cut(line, " = ")
		if !ok || cur < 0 {
			continue
		}
		t := &out[cur]
		set := func(dst *string) {
			if *dst == "" {
				*dst = v
			}
		}
		switch k {
		case "local_addrs":
			set(&t.local)
		case "rekey_time":
			set(&t.rekey)
		case "local_ts":
			set(&t.localTS)
		case "secret":
			t.secret = strings.Trim(v, `"`)
		}
	}
	return out
}
