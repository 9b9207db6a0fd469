package vpn_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/vpn"
)

func TestDeviceTypes(t *testing.T) {
	id := regexp.MustCompile(`^[0-9a-f]{8}$`)
	seen := map[string]bool{}
	for _, d := range vpn.DeviceTypes() {
		if !id.MatchString(d.ID) || seen[d.ID] || d.Vendor == "" || d.Platform == "" || d.Software == "" {
			t.Errorf("device type %+v: bad or repeated ID, or empty field", d)
		}
		seen[d.ID] = true
		if got, ok := vpn.LookupDeviceType(d.ID); !ok || got != d {
			t.Errorf("LookupDeviceType(%s) = %+v, %v", d.ID, got, ok)
		}
	}
	for _, want := range []string{vpn.DeviceGeneric, vpn.DeviceStrongSwan, vpn.DeviceIPsecConf, vpn.DeviceCiscoIOS, vpn.DeviceJuniperSRX} {
		if !seen[want] {
			t.Errorf("catalogue lacks %s", want)
		}
	}
}

// TestSampleConfigurationContents checks, for every device, that both
// tunnels' addresses and keys appear, and that the routing matches.
func TestSampleConfigurationContents(t *testing.T) {
	bgp, static := goldenConnections(t)
	for _, d := range vpn.DeviceTypes() {
		for _, c := range []vpn.Connection{bgp, static} {
			for _, v := range []vpn.IKEVersion{vpn.IKEv1, vpn.IKEv2} {
				conf, err := vpn.SampleConfiguration(c, d.ID, v)
				if err != nil {
					t.Fatalf("%s %s: %v", d.Vendor, v, err)
				}
				for _, tun := range c.Tunnels() {
					for _, want := range []string{tun.AWSOutsideAddress().String(), tun.CustomerInsideAddress().String(), tun.PSK().Reveal()} {
						if !strings.Contains(conf, want) {
							t.Errorf("%s/%s %s: lacks %q", d.Vendor, d.Platform, v, want)
						}
					}
				}
				asn := "65000"
				if c.StaticRoutesOnly() {
					asn = "172.31.0.0"
				}
				if !strings.Contains(conf, asn) {
					t.Errorf("%s/%s %s: lacks the routing detail %s", d.Vendor, d.Platform, v, asn)
				}
			}
		}
	}
}

func TestSampleConfigurationErrors(t *testing.T) {
	f := newFixture(t, 31)
	v2only := f.create(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{IKEVersions: []vpn.IKEVersion{vpn.IKEv2}}}})
	_, err := vpn.SampleConfiguration(v2only, vpn.DeviceStrongSwan, vpn.IKEv1)
	wantCode(t, err, "InvalidParameterCombination", vpn.ErrCombination)
	conf, err := vpn.SampleConfiguration(v2only, vpn.DeviceStrongSwan, "")
	if err != nil || !strings.Contains(conf, "version = 2") {
		t.Fatalf("default IKE version: %v", err)
	}
	_, err = vpn.SampleConfiguration(v2only, vpn.DeviceStrongSwan, "ikev3")
	wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)
	_, err = vpn.SampleConfiguration(v2only, "12345678", vpn.IKEv2)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrDeviceType)
	_, err = vpn.SampleConfiguration(vpn.Connection{}, vpn.DeviceGeneric, vpn.IKEv2)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)
	_, err = vpn.StrongSwanTunnel(v2only, 2, vpn.IKEv2)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrTunnel)

	// IKEv1 has no GCM IKE proposal: a tunnel with only GCM phase 1 ciphers
	// cannot be rendered for IKEv1.
	r := f.random
	gcm, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: mustCGW(t, "198.51.100.50", 65050, r), VPNGateway: f.vgw,
		Options: vpn.Options{Tunnels: []vpn.TunnelOptions{{Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES128GCM}}}}}, nil, r, t0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = vpn.StrongSwan(gcm, vpn.IKEv1)
	wantCode(t, err, "InvalidParameterCombination", vpn.ErrCombination)
	if conf, err := vpn.StrongSwan(gcm, vpn.IKEv2); err != nil || !strings.Contains(conf, "aes128gcm16-prfsha1") {
		t.Fatalf("GCM IKEv2: %v", err)
	}
	if ike, _ := vpn.StrongSwanProposals(vpn.Tunnel{}, vpn.IKEv2); len(ike) != 0 {
		t.Fatalf("zero tunnel has proposals %v", ike)
	}
}

// TestIPv6Configurations renders an ipv6-inside connection on a transit
// gateway for every device and its XML.
func TestIPv6Configurations(t *testing.T) {
	f := newFixture(t, 32)
	c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: f.cgw, TransitGatewayID: "tgw-0123456789abcdef0",
		Options: vpn.Options{TunnelInsideIPVersion: vpn.IPv6}}, nil, f.random, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkXML(c); err != nil {
		t.Fatal(err)
	}
	doc := c.CustomerGatewayConfiguration()
	if !strings.Contains(doc, "<vpn_gateway_id></vpn_gateway_id>") || strings.Contains(doc, "network_mask") {
		t.Fatalf("ipv6 XML: empty vpn_gateway_id and no mask expected")
	}
	for _, d := range vpn.DeviceTypes() {
		conf, err := vpn.SampleConfiguration(c, d.ID, vpn.IKEv2)
		if err != nil || !strings.Contains(conf, c.Tunnels()[1].CustomerInsideAddress().String()) {
			t.Errorf("%s: %v", d.Vendor, err)
		}
	}
	if !strings.Contains(c.String(), "tgw-0123456789abcdef0") {
		t.Fatalf("String() = %s", c)
	}
}
