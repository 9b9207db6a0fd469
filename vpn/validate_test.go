package vpn_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/vpn"
)

func TestTunnelOptionsValidate(t *testing.T) {
	const (
		ipv  = "InvalidParameterValue"
		ipc  = "InvalidParameterCombination"
		none = ""
	)
	tests := []struct {
		name  string
		opts  vpn.TunnelOptions
		code  string // "" for valid
		param string
		cause error
	}{
		{name: "zero is all defaults", opts: vpn.TunnelOptions{}},

		// TunnelInsideCidr.
		{name: "cidr /30 in range", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.10.0/30")}},
		{name: "cidr last /30 of the range", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.255.252/30")}},
		{name: "cidr just after reserved 5", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.5.4/30")}},
		{name: "cidr just before 169.254.169.252", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.169.248/30")}},
		{name: "cidr /29", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.10.0/29")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrInsideCIDR},
		{name: "cidr /31", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.10.0/31")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrInsideCIDR},
		{name: "cidr host bits set", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.10.1/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrInsideCIDR},
		{name: "cidr outside 169.254/16", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.253.10.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrInsideCIDR},
		{name: "cidr private range", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("10.0.0.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrInsideCIDR},
		{name: "cidr ipv6 in ipv4 field", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("fd00::/126")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrInsideCIDR},
		{name: "reserved 169.254.0.0/30", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.0.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "reserved 169.254.1.0/30", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.1.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "reserved 169.254.2.0/30", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.2.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "reserved 169.254.3.0/30", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.3.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "reserved 169.254.4.0/30", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.4.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "reserved 169.254.5.0/30", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.5.0/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "reserved 169.254.169.252/30", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.169.252/30")}, code: ipv, param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "169.254.0.4/30 is not reserved", opts: vpn.TunnelOptions{InsideCIDR: mustPrefix("169.254.0.4/30")}},

		// TunnelInsideIpv6Cidr, shape only.
		{name: "ipv6 /126 in fd00::/8", opts: vpn.TunnelOptions{InsideIPv6CIDR: mustPrefix("fd12:3456::/126")}},
		{name: "ipv6 /125", opts: vpn.TunnelOptions{InsideIPv6CIDR: mustPrefix("fd12:3456::/125")}, code: ipv, param: "TunnelInsideIpv6Cidr", cause: vpn.ErrInsideCIDR},
		{name: "ipv6 /127", opts: vpn.TunnelOptions{InsideIPv6CIDR: mustPrefix("fd12:3456::/127")}, code: ipv, param: "TunnelInsideIpv6Cidr", cause: vpn.ErrInsideCIDR},
		{name: "ipv6 outside fd00::/8", opts: vpn.TunnelOptions{InsideIPv6CIDR: mustPrefix("fc00::/126")}, code: ipv, param: "TunnelInsideIpv6Cidr", cause: vpn.ErrInsideCIDR},

		// PreSharedKey.
		{name: "psk 7 chars", opts: vpn.TunnelOptions{PreSharedKey: "abcdefg"}, code: ipv, param: "PreSharedKey", cause: vpn.ErrPreSharedKey},
		{name: "psk 8 chars", opts: vpn.TunnelOptions{PreSharedKey: "abcdefgh"}},
		{name: "psk 64 chars", opts: vpn.TunnelOptions{PreSharedKey: vpn.PSK(strings.Repeat("a", 64))}},
		{name: "psk 65 chars", opts: vpn.TunnelOptions{PreSharedKey: vpn.PSK(strings.Repeat("a", 65))}, code: ipv, param: "PreSharedKey", cause: vpn.ErrPreSharedKey},
		{name: "psk leading 0", opts: vpn.TunnelOptions{PreSharedKey: "0abcdefgh"}, code: ipv, param: "PreSharedKey", cause: vpn.ErrPreSharedKey},
		{name: "psk 0 not leading", opts: vpn.TunnelOptions{PreSharedKey: "a0bcdefgh"}},
		{name: "psk dot and underscore", opts: vpn.TunnelOptions{PreSharedKey: "._abcDEF9"}},
		{name: "psk plus sign", opts: vpn.TunnelOptions{PreSharedKey: "abc+defgh"}, code: ipv, param: "PreSharedKey", cause: vpn.ErrPreSharedKey},
		{name: "psk space", opts: vpn.TunnelOptions{PreSharedKey: "abc defgh"}, code: ipv, param: "PreSharedKey", cause: vpn.ErrPreSharedKey},
		{name: "psk non-ascii", opts: vpn.TunnelOptions{PreSharedKey: "abcdéfgh"}, code: ipv, param: "PreSharedKey", cause: vpn.ErrPreSharedKey},

		// Phase lifetimes.
		{name: "phase1 899", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: 899}, code: ipv, param: "Phase1LifetimeSeconds", cause: vpn.ErrOutOfRange},
		{name: "phase1 900 with default phase2", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: 900}, code: ipc, param: "Phase2LifetimeSeconds", cause: vpn.ErrCombination},
		{name: "phase1 901 phase2 900", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: 901, Phase2LifetimeSeconds: 900, RekeyMarginTimeSeconds: 60}},
		{name: "phase1 28800", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: 28800}},
		{name: "phase1 28801", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: 28801}, code: ipv, param: "Phase1LifetimeSeconds", cause: vpn.ErrOutOfRange},
		{name: "phase1 negative", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: -1}, code: ipv, param: "Phase1LifetimeSeconds", cause: vpn.ErrOutOfRange},
		{name: "phase2 899", opts: vpn.TunnelOptions{Phase2LifetimeSeconds: 899}, code: ipv, param: "Phase2LifetimeSeconds", cause: vpn.ErrOutOfRange},
		{name: "phase2 900", opts: vpn.TunnelOptions{Phase2LifetimeSeconds: 900}},
		{name: "phase2 3600", opts: vpn.TunnelOptions{Phase2LifetimeSeconds: 3600}},
		{name: "phase2 3601", opts: vpn.TunnelOptions{Phase2LifetimeSeconds: 3601}, code: ipv, param: "Phase2LifetimeSeconds", cause: vpn.ErrOutOfRange},
		{name: "phase2 equal to phase1", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: 3600, Phase2LifetimeSeconds: 3600}, code: ipc, param: "Phase2LifetimeSeconds", cause: vpn.ErrCombination},
		{name: "phase2 one below phase1", opts: vpn.TunnelOptions{Phase1LifetimeSeconds: 3600, Phase2LifetimeSeconds: 3599}},

		// Rekey margin and fuzz.
		{name: "margin 59", opts: vpn.TunnelOptions{RekeyMarginTimeSeconds: 59}, code: ipv, param: "RekeyMarginTimeSeconds", cause: vpn.ErrOutOfRange},
		{name: "margin 60", opts: vpn.TunnelOptions{RekeyMarginTimeSeconds: 60}},
		{name: "margin half of phase2", opts: vpn.TunnelOptions{RekeyMarginTimeSeconds: 1800}},
		{name: "margin above half of phase2", opts: vpn.TunnelOptions{RekeyMarginTimeSeconds: 1801}, code: ipc, param: "RekeyMarginTimeSeconds", cause: vpn.ErrCombination},
		{name: "default margin above half of short phase2", opts: vpn.TunnelOptions{Phase2LifetimeSeconds: 900, RekeyMarginTimeSeconds: 451}, code: ipc, param: "RekeyMarginTimeSeconds", cause: vpn.ErrCombination},
		{name: "margin exactly half of 900", opts: vpn.TunnelOptions{Phase2LifetimeSeconds: 900, RekeyMarginTimeSeconds: 450}},
		{name: "fuzz 0", opts: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(0)}},
		{name: "fuzz 100", opts: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(100)}},
		{name: "fuzz 101", opts: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(101)}, code: ipv, param: "RekeyFuzzPercentage", cause: vpn.ErrOutOfRange},
		{name: "fuzz -1", opts: vpn.TunnelOptions{RekeyFuzzPercentage: vpn.PercentOf(-1)}, code: ipv, param: "RekeyFuzzPercentage", cause: vpn.ErrOutOfRange},

		// Replay window.
		{name: "replay 63", opts: vpn.TunnelOptions{ReplayWindowSize: 63}, code: ipv, param: "ReplayWindowSize", cause: vpn.ErrOutOfRange},
		{name: "replay 64", opts: vpn.TunnelOptions{ReplayWindowSize: 64}},
		{name: "replay 2048", opts: vpn.TunnelOptions{ReplayWindowSize: 2048}},
		{name: "replay 2049", opts: vpn.TunnelOptions{ReplayWindowSize: 2049}, code: ipv, param: "ReplayWindowSize", cause: vpn.ErrOutOfRange},

		// DPD.
		{name: "dpd 29", opts: vpn.TunnelOptions{DPDTimeoutSeconds: 29}, code: ipv, param: "DPDTimeoutSeconds", cause: vpn.ErrOutOfRange},
		{name: "dpd 30", opts: vpn.TunnelOptions{DPDTimeoutSeconds: 30}},
		{name: "dpd 3600", opts: vpn.TunnelOptions{DPDTimeoutSeconds: 3600}},
		{name: "dpd action restart", opts: vpn.TunnelOptions{DPDTimeoutAction: vpn.DPDRestart}},
		{name: "dpd action none", opts: vpn.TunnelOptions{DPDTimeoutAction: vpn.DPDNone}},
		{name: "dpd action capitalised", opts: vpn.TunnelOptions{DPDTimeoutAction: "Clear"}, code: ipv, param: "DPDTimeoutAction", cause: vpn.ErrInvalidValue},

		// Algorithm lists.
		{name: "phase1 enc gcm only", opts: vpn.TunnelOptions{Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM}}},
		{name: "phase1 enc unknown", opts: vpn.TunnelOptions{Phase1EncryptionAlgorithms: []vpn.Encryption{"3DES"}}, code: ipv, param: "Phase1EncryptionAlgorithms", cause: vpn.ErrInvalidValue},
		{name: "phase2 enc unknown", opts: vpn.TunnelOptions{Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES128, "aes128"}}, code: ipv, param: "Phase2EncryptionAlgorithms", cause: vpn.ErrInvalidValue},
		{name: "phase1 integrity unknown", opts: vpn.TunnelOptions{Phase1IntegrityAlgorithms: []vpn.Integrity{"MD5"}}, code: ipv, param: "Phase1IntegrityAlgorithms", cause: vpn.ErrInvalidValue},
		{name: "phase2 integrity unknown", opts: vpn.TunnelOptions{Phase2IntegrityAlgorithms: []vpn.Integrity{"SHA256"}}, code: ipv, param: "Phase2IntegrityAlgorithms", cause: vpn.ErrInvalidValue},
		{name: "phase1 dh 5 is phase 2 only", opts: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{5}}, code: ipv, param: "Phase1DHGroupNumbers", cause: vpn.ErrInvalidValue},
		{name: "phase2 dh 5", opts: vpn.TunnelOptions{Phase2DHGroupNumbers: []vpn.DHGroup{5}}},
		{name: "phase1 dh 24", opts: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{24}}},
		{name: "phase1 dh 25", opts: vpn.TunnelOptions{Phase1DHGroupNumbers: []vpn.DHGroup{25}}, code: ipv, param: "Phase1DHGroupNumbers", cause: vpn.ErrInvalidValue},
		{name: "phase2 dh 13", opts: vpn.TunnelOptions{Phase2DHGroupNumbers: []vpn.DHGroup{13}}, code: ipv, param: "Phase2DHGroupNumbers", cause: vpn.ErrInvalidValue},
		{name: "phase2 dh 1", opts: vpn.TunnelOptions{Phase2DHGroupNumbers: []vpn.DHGroup{1}}, code: ipv, param: "Phase2DHGroupNumbers", cause: vpn.ErrInvalidValue},
		{name: "ike version unknown", opts: vpn.TunnelOptions{IKEVersions: []vpn.IKEVersion{"ikev3"}}, code: ipv, param: "IKEVersions", cause: vpn.ErrInvalidValue},

		// Startup action.
		{name: "start with ikev2 only", opts: vpn.TunnelOptions{StartupAction: vpn.StartupStart, IKEVersions: []vpn.IKEVersion{vpn.IKEv2}}},
		{name: "start with default versions", opts: vpn.TunnelOptions{StartupAction: vpn.StartupStart}},
		{name: "start with ikev1 and ikev2", opts: vpn.TunnelOptions{StartupAction: vpn.StartupStart, IKEVersions: []vpn.IKEVersion{vpn.IKEv1, vpn.IKEv2}}},
		{name: "start with ikev1", opts: vpn.TunnelOptions{StartupAction: vpn.StartupStart, IKEVersions: []vpn.IKEVersion{vpn.IKEv1}}, code: ipc, param: "StartupAction", cause: vpn.ErrCombination},
		{name: "add with ikev1", opts: vpn.TunnelOptions{StartupAction: vpn.StartupAdd, IKEVersions: []vpn.IKEVersion{vpn.IKEv1}}},
		{name: "startup unknown", opts: vpn.TunnelOptions{StartupAction: "initiate"}, code: ipv, param: "StartupAction", cause: vpn.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			if tt.code == none {
				if err != nil {
					t.Fatalf("Validate(%+v) = %v, want nil", tt.opts, err)
				}
				return
			}
			ve := wantCode(t, err, tt.code, tt.cause)
			if ve.Param != tt.param {
				t.Fatalf("Validate(%+v).Param = %q, want %q", tt.opts, ve.Param, tt.param)
			}
			// Validation agrees with Create, and a refused key never shows.
			f := newFixture(t, 1)
			_, cerr := vpn.Create(f.spec(vpn.Options{Tunnels: []vpn.TunnelOptions{tt.opts}}), nil, f.random, t0)
			wantCode(t, cerr, tt.code, tt.cause)
			if k := tt.opts.PreSharedKey.Reveal(); k != "" && (strings.Contains(err.Error(), k) || strings.Contains(ve.ErrorMessage(), k)) {
				t.Fatalf("error %q shows the key", err)
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name  string
		opts  vpn.Options
		code  string
		param string
		cause error
	}{
		{name: "zero", opts: vpn.Options{}},
		{name: "explicit ipv4", opts: vpn.Options{TunnelInsideIPVersion: vpn.IPv4}},
		{name: "ipv6", opts: vpn.Options{TunnelInsideIPVersion: vpn.IPv6}},
		{name: "unknown version", opts: vpn.Options{TunnelInsideIPVersion: "ipv5"}, code: "InvalidParameterValue", param: "TunnelInsideIpVersion", cause: vpn.ErrInvalidValue},
		{name: "three tunnels", opts: vpn.Options{Tunnels: make([]vpn.TunnelOptions, 3)}, code: "InvalidParameterValue", param: "TunnelOptions", cause: vpn.ErrTooManyTunnels},
		{name: "one tunnel", opts: vpn.Options{Tunnels: make([]vpn.TunnelOptions, 1)}},
		{name: "same inside cidr twice", opts: vpn.Options{Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.10.0/30")}, {InsideCIDR: mustPrefix("169.254.10.0/30")}}},
			code: "InvalidParameterValue", param: "TunnelInsideCidr", cause: vpn.ErrDuplicateCIDR},
		{name: "same ipv6 inside cidr twice", opts: vpn.Options{TunnelInsideIPVersion: vpn.IPv6, Tunnels: []vpn.TunnelOptions{{InsideIPv6CIDR: mustPrefix("fd00::/126")}, {InsideIPv6CIDR: mustPrefix("fd00::/126")}}},
			code: "InvalidParameterValue", param: "TunnelInsideIpv6Cidr", cause: vpn.ErrDuplicateCIDR},
		{name: "ipv6 cidr on ipv4 connection", opts: vpn.Options{Tunnels: []vpn.TunnelOptions{{InsideIPv6CIDR: mustPrefix("fd00::/126")}}},
			code: "InvalidParameterCombination", param: "TunnelInsideIpv6Cidr", cause: vpn.ErrCombination},
		{name: "ipv4 /30 with ipv6 inside", opts: vpn.Options{TunnelInsideIPVersion: vpn.IPv6, Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.10.0/30")}}}},
		{name: "ipv4 reserved /30 with ipv6 inside", opts: vpn.Options{TunnelInsideIPVersion: vpn.IPv6, Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.169.252/30")}}},
			code: "InvalidParameterValue", param: "TunnelInsideCidr", cause: vpn.ErrReservedCIDR},
		{name: "acceleration without transit gateway is checked at create", opts: vpn.Options{EnableAcceleration: true}},
		{name: "ipv4 networks", opts: vpn.Options{LocalIPv4NetworkCIDR: mustPrefix("10.0.0.0/16"), RemoteIPv4NetworkCIDR: mustPrefix("172.16.0.0/12")}},
		{name: "ipv6 network on ipv4 connection", opts: vpn.Options{LocalIPv6NetworkCIDR: mustPrefix("2001:db8::/32")},
			code: "InvalidParameterCombination", param: "LocalIpv6NetworkCidr", cause: vpn.ErrCombination},
		{name: "ipv4 network on ipv6 connection", opts: vpn.Options{TunnelInsideIPVersion: vpn.IPv6, RemoteIPv4NetworkCIDR: mustPrefix("10.0.0.0/8")},
			code: "InvalidParameterCombination", param: "RemoteIpv4NetworkCidr", cause: vpn.ErrCombination},
		{name: "ipv6 address in ipv4 network field", opts: vpn.Options{LocalIPv4NetworkCIDR: mustPrefix("2001:db8::/32")},
			code: "InvalidParameterValue", param: "LocalIpv4NetworkCidr", cause: vpn.ErrInvalidValue},
		{name: "bad tunnel option surfaces", opts: vpn.Options{Tunnels: []vpn.TunnelOptions{{}, {ReplayWindowSize: 1}}},
			code: "InvalidParameterValue", param: "ReplayWindowSize", cause: vpn.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			ve := wantCode(t, err, tt.code, tt.cause)
			if ve.Param != tt.param {
				t.Fatalf("Param = %q, want %q", ve.Param, tt.param)
			}
		})
	}
}

// TestDefaults checks that every option left out takes AWS's documented
// default, written here from the API reference rather than from the code.
func TestDefaults(t *testing.T) {
	f := newFixture(t, 2)
	c := f.create(t, vpn.Options{})
	o := c.Options()
	if o.TunnelInsideIPVersion != vpn.IPv4 || o.StaticRoutesOnly ||
		o.LocalIPv4NetworkCIDR != mustPrefix("0.0.0.0/0") || o.RemoteIPv4NetworkCIDR != mustPrefix("0.0.0.0/0") ||
		o.LocalIPv6NetworkCIDR != (netip.Prefix{}) {
		t.Fatalf("connection options = %+v, want ipv4 BGP with 0.0.0.0/0 networks", o)
	}
	if len(o.Tunnels) != 2 {
		t.Fatalf("len(Options().Tunnels) = %d, want 2", len(o.Tunnels))
	}
	for i, tun := range c.Tunnels() {
		to := tun.Options()
		fuzz, ok := to.RekeyFuzzPercentage.Value()
		checks := []struct {
			what      string
			got, want any
		}{
			{"Phase1LifetimeSeconds", to.Phase1LifetimeSeconds, 28800},
			{"Phase2LifetimeSeconds", to.Phase2LifetimeSeconds, 3600},
			{"RekeyMarginTimeSeconds", to.RekeyMarginTimeSeconds, 270},
			{"RekeyFuzzPercentage", [2]any{fuzz, ok}, [2]any{100, true}},
			{"ReplayWindowSize", to.ReplayWindowSize, 1024},
			{"DPDTimeoutSeconds", to.DPDTimeoutSeconds, 30},
			{"DPDTimeoutAction", to.DPDTimeoutAction, vpn.DPDAction("clear")},
			{"StartupAction", to.StartupAction, vpn.StartupAction("add")},
			{"Phase1EncryptionAlgorithms", strings.Join(names(to.Phase1EncryptionAlgorithms), ","), "AES128,AES256,AES128-GCM-16,AES256-GCM-16"},
			{"Phase2EncryptionAlgorithms", strings.Join(names(to.Phase2EncryptionAlgorithms), ","), "AES128,AES256,AES128-GCM-16,AES256-GCM-16"},
			{"Phase1IntegrityAlgorithms", strings.Join(names(to.Phase1IntegrityAlgorithms), ","), "SHA1,SHA2-256,SHA2-384,SHA2-512"},
			{"Phase2IntegrityAlgorithms", strings.Join(names(to.Phase2IntegrityAlgorithms), ","), "SHA1,SHA2-256,SHA2-384,SHA2-512"},
			{"Phase1DHGroupNumbers", strings.Join(names(to.Phase1DHGroupNumbers), ","), "2,14,15,16,17,18,19,20,21,22,23,24"},
			{"Phase2DHGroupNumbers", strings.Join(names(to.Phase2DHGroupNumbers), ","), "2,5,14,15,16,17,18,19,20,21,22,23,24"},
			{"IKEVersions", strings.Join(names(to.IKEVersions), ","), "ikev1,ikev2"},
			{"Phase1Lifetime", tun.Phase1Lifetime().String(), "8h0m0s"},
			{"DPDTimeout", tun.DPDTimeout().String(), "30s"},
		}
		for _, ch := range checks {
			if ch.got != ch.want {
				t.Errorf("tunnel %d %s = %v, want %v", i, ch.what, ch.got, ch.want)
			}
		}
		if len(tun.PSK().Reveal()) != 32 || to.InsideCIDR.Bits() != 30 {
			t.Errorf("tunnel %d: PSK length %d, inside %v; want 32 and a /30", i, len(tun.PSK().Reveal()), to.InsideCIDR)
		}
	}
}

// TestListsDeduplicated checks the decision that a repeated value is kept
// once, in its first position.
func TestListsDeduplicated(t *testing.T) {
	f := newFixture(t, 3)
	c := f.create(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{
		Phase1DHGroupNumbers: []vpn.DHGroup{20, 14, 20, 14},
		IKEVersions:          []vpn.IKEVersion{vpn.IKEv2, vpn.IKEv2},
	}}})
	o := c.Tunnels()[0].Options()
	if got := strings.Join(names(o.Phase1DHGroupNumbers), ","); got != "20,14" {
		t.Fatalf("Phase1DHGroupNumbers = %s, want 20,14", got)
	}
	if got := strings.Join(names(o.IKEVersions), ","); got != "ikev2" {
		t.Fatalf("IKEVersions = %s, want ikev2", got)
	}
}

func TestValidatePSK(t *testing.T) {
	for _, tt := range []struct {
		key  string
		good bool
	}{
		{"abcdefg", false}, {"abcdefgh", true}, {strings.Repeat("Z", 64), true}, {strings.Repeat("Z", 65), false},
		{"0bcdefgh", false}, {"_bcdefgh", true}, {".bcdefgh", true}, {"abc-defg", false}, {"", false},
	} {
		err := vpn.ValidatePSK(vpn.PSK(tt.key))
		if (err == nil) != tt.good {
			t.Errorf("ValidatePSK(%q) = %v, want ok=%v", tt.key, err, tt.good)
		}
		if err != nil {
			wantCode(t, err, "InvalidParameterValue", vpn.ErrPreSharedKey)
		}
	}
}

func names[T interface{ String() string }](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.String()
	}
	return out
}
