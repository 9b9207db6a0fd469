package vpn_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/vpn"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// goldenConnections returns a BGP connection with default options and a
// static one with custom tunnel options, both from fixed reader bytes.
func goldenConnections(t testing.TB) (bgp, static vpn.Connection) {
	r := seeded(2025)
	cgw := mustCGW(t, "198.51.100.7", 65000, r)
	vgw := mustVGW(t, 64520, r)
	bgp, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, r, t0)
	if err != nil {
		t.Fatal(err)
	}
	cgw2 := mustCGW(t, "203.0.113.20", 65010, r)
	custom := vpn.TunnelOptions{
		Phase1LifetimeSeconds:      14400,
		Phase2LifetimeSeconds:      1800,
		RekeyMarginTimeSeconds:     300,
		RekeyFuzzPercentage:        vpn.PercentOf(50),
		ReplayWindowSize:           2048,
		DPDTimeoutSeconds:          40,
		DPDTimeoutAction:           vpn.DPDRestart,
		Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256, vpn.AES256GCM},
		Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM, vpn.AES128},
		Phase1IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA256, vpn.SHA384},
		Phase2IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA256},
		Phase1DHGroupNumbers:       []vpn.DHGroup{20, 14},
		Phase2DHGroupNumbers:       []vpn.DHGroup{20, 5},
	}
	second := custom
	second.InsideCIDR = mustPrefix("169.254.200.4/30")
	second.PreSharedKey = "given.key_for_tunnel2"
	static, err = vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw2, VPNGateway: vgw, Options: vpn.Options{
		StaticRoutesOnly:      true,
		LocalIPv4NetworkCIDR:  mustPrefix("10.20.0.0/16"),
		RemoteIPv4NetworkCIDR: mustPrefix("172.31.0.0/16"),
		Tunnels:               []vpn.TunnelOptions{custom, second},
	}}, []vpn.Connection{bgp}, r, t0)
	if err != nil {
		t.Fatal(err)
	}
	return bgp, static
}

// goldenIPv6 returns an ipv6-inside BGP connection on a transit gateway.
func goldenIPv6(t testing.TB) vpn.Connection {
	r := seeded(2026)
	cgw := mustCGW(t, "198.51.100.30", 65030, r)
	c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, TransitGatewayID: "tgw-0123456789abcdef0",
		TransitGatewayASN: 64600, Options: vpn.Options{TunnelInsideIPVersion: vpn.IPv6}}, nil, r, t0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGolden(t *testing.T) {
	bgp, static := goldenConnections(t)
	v6 := goldenIPv6(t)
	render := func(c vpn.Connection, id string, v vpn.IKEVersion) func() (string, error) {
		return func() (string, error) { return vpn.SampleConfiguration(c, id, v) }
	}
	cases := []struct {
		file   string
		render func() (string, error)
	}{
		{"xml_bgp.golden", func() (string, error) { return bgp.CustomerGatewayConfiguration(), nil }},
		{"xml_static.golden", func() (string, error) { return static.CustomerGatewayConfiguration(), nil }},
		{"xml_tgw_ipv6.golden", func() (string, error) { return v6.CustomerGatewayConfiguration(), nil }},
		{"strongswan_tgw_ipv6.golden", render(v6, vpn.DeviceStrongSwan, vpn.IKEv2)},
		{"generic_bgp.golden", render(bgp, vpn.DeviceGeneric, "")},
		{"generic_static_ikev1.golden", render(static, vpn.DeviceGeneric, vpn.IKEv1)},
		{"strongswan_bgp.golden", render(bgp, vpn.DeviceStrongSwan, "")},
		{"strongswan_static_ikev1.golden", render(static, vpn.DeviceStrongSwan, vpn.IKEv1)},
		{"strongswan_static_ikev2.golden", render(static, vpn.DeviceStrongSwan, vpn.IKEv2)},
		{"strongswan_bgp_tunnel2.golden", func() (string, error) { return vpn.StrongSwanTunnel(bgp, 1, vpn.IKEv2) }},
		{"ipsecconf_bgp.golden", render(bgp, vpn.DeviceIPsecConf, "")},
		{"ipsecconf_static_ikev1.golden", render(static, vpn.DeviceIPsecConf, vpn.IKEv1)},
		{"cisco_bgp.golden", render(bgp, vpn.DeviceCiscoIOS, "")},
		{"cisco_static_ikev1.golden", render(static, vpn.DeviceCiscoIOS, vpn.IKEv1)},
		{"juniper_bgp.golden", render(bgp, vpn.DeviceJuniperSRX, "")},
		{"juniper_static_ikev1.golden", render(static, vpn.DeviceJuniperSRX, vpn.IKEv1)},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			got, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", tc.file, diff)
			}
		})
	}
}
