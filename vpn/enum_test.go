package vpn_test

import (
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpn"
)

// TestEnumParity holds the wire spellings of the AWS SDK for Go v2's
// ec2/types enums (GatewayType, TunnelInsideIpVersion) and the value lists
// of VpnTunnelOptionsSpecification's documentation, as literals.
func TestEnumParity(t *testing.T) {
	check := func(name string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s Values() = %v, want %v", name, got, want)
		}
	}
	check("GatewayType", names(vpn.GatewayType("").Values()), []string{"ipsec.1"})
	check("IPVersion", names(vpn.IPVersion("").Values()), []string{"ipv4", "ipv6"})
	check("Encryption", names(vpn.Encryption("").Values()), []string{"AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"})
	check("Integrity", names(vpn.Integrity("").Values()), []string{"SHA1", "SHA2-256", "SHA2-384", "SHA2-512"})
	check("IKEVersion", names(vpn.IKEVersion("").Values()), []string{"ikev1", "ikev2"})
	check("DPDAction", names(vpn.DPDAction("").Values()), []string{"clear", "none", "restart"})
	check("StartupAction", names(vpn.StartupAction("").Values()), []string{"add", "start"})
	check("Phase1DHGroups", names(vpn.Phase1DHGroups()), []string{"2", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24"})
	check("Phase2DHGroups", names(vpn.Phase2DHGroups()), []string{"2", "5", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24"})

	valid := []interface{ IsValid() bool }{vpn.IPsec1, vpn.IPv4, vpn.IPv6, vpn.AES128GCM, vpn.SHA512, vpn.IKEv2, vpn.DPDNone, vpn.StartupStart}
	for _, v := range valid {
		if !v.IsValid() {
			t.Errorf("%v is not valid", v)
		}
	}
	invalid := []interface{ IsValid() bool }{vpn.GatewayType(""), vpn.IPVersion("IPv4"), vpn.Encryption("aes128"), vpn.Integrity("sha1"),
		vpn.IKEVersion("IKEv2"), vpn.DPDAction(""), vpn.StartupAction("Start")}
	for _, v := range invalid {
		if v.IsValid() {
			t.Errorf("%q is valid", v)
		}
	}
	if vpn.AES128.IsAEAD() || !vpn.AES256GCM.IsAEAD() {
		t.Errorf("IsAEAD wrong")
	}
	if vpn.PSK("").IsZero() != true || vpn.PSK("x").IsZero() {
		t.Errorf("PSK.IsZero wrong")
	}
}

func TestTags(t *testing.T) {
	f := newFixture(t, 30)
	tags, err := tag.NewSet(tag.Tag{Key: "Name", Value: "office"})
	if err != nil {
		t.Fatal(err)
	}
	c := f.create(t, vpn.Options{})
	if c.Tags().Len() != 0 || c.WithTags(tags).Tags().Len() != 1 || c.Tags().Len() != 0 {
		t.Fatalf("Connection.WithTags")
	}
	if f.cgw.WithTags(tags).Tags().Len() != 1 || f.cgw.Tags().Len() != 0 {
		t.Fatalf("CustomerGateway.WithTags")
	}
	if f.vgw.WithTags(tags).Tags().Len() != 1 || f.vgw.Tags().Len() != 0 || !f.vgw.CreatedAt().Equal(t0) {
		t.Fatalf("Gateway.WithTags")
	}
	spec := f.spec(vpn.Options{})
	spec.Tags = tags
	spec.CustomerGateway = mustCGW(t, "198.51.100.40", 65040, f.random)
	tagged, err := vpn.Create(spec, nil, f.random, t0)
	if err != nil || tagged.Tags().Len() != 1 {
		t.Fatalf("Create with tags: %v", err)
	}
}
