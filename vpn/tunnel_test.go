package vpn_test

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vpclab/vpcmodel/vpn"
)

// optsCmp compares TunnelOptions, whose prefixes and Percent have
// unexported fields and support ==.
var optsCmp = cmpopts.EquateComparable(netip.Prefix{}, vpn.Percent{}, vpn.Flag{}, vpn.LogOptions{})

// shown returns o with what Describe always shows of a tunnel and the
// request did not set: lifecycle control off, nothing logged.
func shown(o vpn.TunnelOptions) vpn.TunnelOptions {
	if _, ok := o.EnableTunnelLifecycleControl.Value(); !ok {
		o.EnableTunnelLifecycleControl = vpn.FlagOf(false)
	}
	if _, ok := o.LogOptions.CloudWatch(); !ok {
		o.LogOptions = vpn.LogOptionsOf(vpn.CloudWatchLogOptions{})
	}
	return o
}

// TestDescribedOptions pins what DescribeVpnConnections shows of a tunnel's
// options: the inside CIDR, the key, lifecycle control and the log options
// always, and of the rest only what the request set, with the value the
// tunnel holds.
func TestDescribedOptions(t *testing.T) {
	f := newFixture(t, 50)
	tests := []struct {
		name string
		give vpn.TunnelOptions
		want func(tun vpn.Tunnel) vpn.TunnelOptions // tun is the created tunnel
	}{
		{"nothing requested", vpn.TunnelOptions{}, func(tun vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK()}
		}},
		{"one lifetime", vpn.TunnelOptions{Phase1LifetimeSeconds: 7200}, func(tun vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK(), Phase1LifetimeSeconds: 7200}
		}},
		{"fuzz zero is a value", vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(0)}, func(tun vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK(), RekeyFuzzPercentage: vpn.PercentOf(0)}
		}},
		{"repeated list value shows resolved", vpn.TunnelOptions{IKEVersions: []vpn.IKEVersion{vpn.IKEv2, vpn.IKEv2}}, func(tun vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK(), IKEVersions: []vpn.IKEVersion{vpn.IKEv2}}
		}},
		{"empty list is not set", vpn.TunnelOptions{Phase1EncryptionAlgorithms: []vpn.Encryption{}}, func(tun vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK()}
		}},
		{"given key and cidr", vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.77.0/30"), PreSharedKey: "given_key.1"}, func(vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.77.0/30"), PreSharedKey: "given_key.1"}
		}},
		{"actions", vpn.TunnelOptions{DPDTimeoutAction: vpn.DPDRestart, StartupAction: vpn.StartupStart, IKEVersions: []vpn.IKEVersion{vpn.IKEv2}}, func(tun vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK(), DPDTimeoutAction: vpn.DPDRestart,
				StartupAction: vpn.StartupStart, IKEVersions: []vpn.IKEVersion{vpn.IKEv2}}
		}},
		{"lifecycle control and logs", vpn.TunnelOptions{EnableTunnelLifecycleControl: vpn.FlagOf(true),
			LogOptions: vpn.LogOptionsOf(vpn.CloudWatchLogOptions{LogEnabled: true, LogGroupARN: logGroup})}, func(tun vpn.Tunnel) vpn.TunnelOptions {
			return vpn.TunnelOptions{InsideCIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK(), EnableTunnelLifecycleControl: vpn.FlagOf(true),
				LogOptions: vpn.LogOptionsOf(vpn.CloudWatchLogOptions{LogEnabled: true, LogGroupARN: logGroup, LogOutputFormat: vpn.LogJSON})}
		}},
		{"every option set", everyOption(), func(tun vpn.Tunnel) vpn.TunnelOptions { return tun.Options() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := vpn.Create(f.spec(vpn.Options{Tunnels: []vpn.TunnelOptions{tt.give}}), nil, seeded(3), t0)
			if err != nil {
				t.Fatal(err)
			}
			tun := c.Tunnels()[0]
			if diff := cmp.Diff(shown(tt.want(tun)), tun.DescribedOptions(), optsCmp); diff != "" {
				t.Errorf("DescribedOptions() mismatch (-want +got):\n%s", diff)
			}
			wantReq := tt.give
			if len(wantReq.Phase1EncryptionAlgorithms) == 0 {
				wantReq.Phase1EncryptionAlgorithms = nil
			}
			if diff := cmp.Diff(wantReq, tun.RequestedOptions(), optsCmp); diff != "" {
				t.Errorf("RequestedOptions() mismatch (-want +got):\n%s", diff)
			}
			// The tunnel the request left out shows only its CIDR and key.
			other := c.Tunnels()[1]
			if diff := cmp.Diff(shown(vpn.TunnelOptions{InsideCIDR: other.InsideCIDR(), PreSharedKey: other.PSK()}), other.DescribedOptions(), optsCmp); diff != "" {
				t.Errorf("second tunnel DescribedOptions() mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(vpn.TunnelOptions{}, other.RequestedOptions(), optsCmp); diff != "" {
				t.Errorf("second tunnel RequestedOptions() mismatch (-want +got):\n%s", diff)
			}
			// Both are copies.
			if d := tun.DescribedOptions(); len(d.IKEVersions) > 0 {
				d.IKEVersions[0] = "changed"
				if tun.DescribedOptions().IKEVersions[0] == "changed" || tun.Options().IKEVersions[0] == "changed" {
					t.Errorf("DescribedOptions shares its slices with the tunnel")
				}
			}
			if r := tun.RequestedOptions(); len(r.IKEVersions) > 0 {
				r.IKEVersions[0] = "changed"
				if tun.RequestedOptions().IKEVersions[0] == "changed" {
					t.Errorf("RequestedOptions shares its slices with the tunnel")
				}
			}
		})
	}
	// The caller's request is not shared either.
	give := vpn.TunnelOptions{IKEVersions: []vpn.IKEVersion{vpn.IKEv1}}
	c, err := vpn.Create(f.spec(vpn.Options{Tunnels: []vpn.TunnelOptions{give}}), nil, seeded(4), t0)
	if err != nil {
		t.Fatal(err)
	}
	give.IKEVersions[0] = vpn.IKEv2
	if got := c.Tunnels()[0].RequestedOptions().IKEVersions; got[0] != vpn.IKEv1 {
		t.Errorf("RequestedOptions follows the caller's slice: %v", got)
	}

	// An ipv6 connection shows its IPv6 inside CIDR.
	tgw := vpn.Spec{Type: vpn.IPsec1, CustomerGateway: f.cgw, TransitGatewayID: "tgw-0123456789abcdef0",
		Options: vpn.Options{TunnelInsideIPVersion: vpn.IPv6, Tunnels: []vpn.TunnelOptions{{ReplayWindowSize: 2048}}}}
	c6, err := vpn.Create(tgw, nil, seeded(5), t0)
	if err != nil {
		t.Fatal(err)
	}
	tun := c6.Tunnels()[0]
	want := vpn.TunnelOptions{InsideIPv6CIDR: tun.InsideCIDR(), PreSharedKey: tun.PSK(), ReplayWindowSize: 2048}
	if diff := cmp.Diff(shown(want), tun.DescribedOptions(), optsCmp); diff != "" {
		t.Errorf("ipv6 DescribedOptions() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(vpn.TunnelOptions{}, vpn.Tunnel{}.DescribedOptions(), optsCmp); diff != "" {
		t.Errorf("zero Tunnel DescribedOptions() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(vpn.TunnelOptions{}, vpn.Tunnel{}.RequestedOptions(), optsCmp); diff != "" {
		t.Errorf("zero Tunnel RequestedOptions() mismatch (-want +got):\n%s", diff)
	}
}

// everyOption sets every tunnel option to a non-default value.
func everyOption() vpn.TunnelOptions {
	return vpn.TunnelOptions{
		InsideCIDR:                 mustPrefix("169.254.88.4/30"),
		PreSharedKey:               "every_option.key",
		Phase1LifetimeSeconds:      27000,
		Phase2LifetimeSeconds:      3000,
		RekeyMarginTimeSeconds:     600,
		RekeyFuzzPercentage:        vpn.PercentOf(50),
		ReplayWindowSize:           512,
		DPDTimeoutSeconds:          40,
		DPDTimeoutAction:           vpn.DPDNone,
		Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM},
		Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES256},
		Phase1IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA384},
		Phase2IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA512, vpn.SHA256},
		Phase1DHGroupNumbers:       []vpn.DHGroup{20},
		Phase2DHGroupNumbers:       []vpn.DHGroup{5, 21},
		IKEVersions:                []vpn.IKEVersion{vpn.IKEv2},
		StartupAction:              vpn.StartupStart,

		EnableTunnelLifecycleControl: vpn.FlagOf(true),
		LogOptions: vpn.LogOptionsOf(vpn.CloudWatchLogOptions{LogEnabled: true, LogGroupARN: logGroup, LogOutputFormat: vpn.LogText,
			BGPLogGroupARN: logGroup + ":*"}),
	}
}

// logGroup is a well-formed log group ARN.
const logGroup = "arn:aws:logs:us-east-1:111122223333:log-group:/vpn/tunnels"
