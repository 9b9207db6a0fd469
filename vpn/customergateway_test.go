package vpn_test

import (
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
)

func TestCreateCustomerGateway(t *testing.T) {
	ip := mustAddr("203.0.113.5")
	tests := []struct {
		name    string
		spec    vpn.CustomerGatewaySpec
		code    string
		param   string
		wantASN int64
	}{
		{name: "default asn", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip}, wantASN: 65000},
		{name: "asn 1", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASN: 1}, wantASN: 1},
		{name: "asn max", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASN: 2147483647}, wantASN: 2147483647},
		{name: "asn above max", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASN: 2147483648}, code: "InvalidParameterValue", param: "BgpAsn"},
		{name: "asn negative", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASN: -5}, code: "InvalidParameterValue", param: "BgpAsn"},
		{name: "extended min", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASNExtended: 2147483648}, wantASN: 2147483648},
		{name: "extended max", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASNExtended: 4294967295}, wantASN: 4294967295},
		{name: "extended too small", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASNExtended: 2147483647}, code: "InvalidParameterValue", param: "BgpAsnExtended"},
		{name: "extended too large", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASNExtended: 4294967296}, code: "InvalidParameterValue", param: "BgpAsnExtended"},
		{name: "both asns", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, BGPASN: 65001, BGPASNExtended: 4200000000}, code: "InvalidParameterCombination", param: "BgpAsnExtended"},
		{name: "missing type", spec: vpn.CustomerGatewaySpec{IPAddress: ip}, code: "MissingParameter", param: "Type"},
		{name: "wrong type", spec: vpn.CustomerGatewaySpec{Type: "ipsec.2", IPAddress: ip}, code: "InvalidParameterValue", param: "Type"},
		{name: "missing ip", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1}, code: "MissingParameter", param: "IpAddress"},
		{name: "ipv6 ip", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: mustAddr("2001:db8::1")}, code: "InvalidParameterValue", param: "IpAddress"},
		{name: "unspecified ip", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: mustAddr("0.0.0.0")}, code: "InvalidParameterValue", param: "IpAddress"},
		{name: "device name 255", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, DeviceName: strings.Repeat("d", 255)}, wantASN: 65000},
		{name: "device name 256", spec: vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip, DeviceName: strings.Repeat("d", 256)}, code: "InvalidParameterValue", param: "DeviceName"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := vpn.CreateCustomerGateway(tt.spec, seeded(1), t0)
			if tt.code != "" {
				ve := wantCode(t, err, tt.code, nil)
				if ve.Param != tt.param || g.IsValid() {
					t.Fatalf("CreateCustomerGateway(%+v) = %v, %v; want param %s and no gateway", tt.spec, g.ID(), err, tt.param)
				}
				return
			}
			if err != nil {
				t.Fatalf("CreateCustomerGateway(%+v) = %v", tt.spec, err)
			}
			if g.BGPASN() != tt.wantASN || g.IsASNExtended() != (tt.wantASN > 2147483647) ||
				g.State() != status.StateAvailable || g.Type() != vpn.IPsec1 || g.IPAddress() != tt.spec.IPAddress ||
				g.DeviceName() != tt.spec.DeviceName || !strings.HasPrefix(g.ID(), "cgw-") || !g.CreatedAt().Equal(t0) {
				t.Fatalf("gateway = %s asn %d state %s; want asn %d, available", g.ID(), g.BGPASN(), g.State(), tt.wantASN)
			}
		})
	}
}

func TestFindIdenticalCustomerGateway(t *testing.T) {
	r := seeded(2)
	spec := vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: mustAddr("203.0.113.5"), DeviceName: "edge-1"}
	g, err := vpn.CreateCustomerGateway(spec, r, t0)
	if err != nil {
		t.Fatal(err)
	}
	existing := []vpn.CustomerGateway{g}
	same := spec
	same.BGPASN = 65000 // the default, given explicitly
	if found, ok := vpn.FindIdenticalCustomerGateway(existing, same); !ok || found.ID() != g.ID() {
		t.Fatalf("FindIdentical(same) = %v, %v; want %s", found.ID(), ok, g.ID())
	}
	for name, other := range map[string]vpn.CustomerGatewaySpec{
		"other device": {Type: vpn.IPsec1, IPAddress: spec.IPAddress, DeviceName: "edge-2"},
		"other ip":     {Type: vpn.IPsec1, IPAddress: mustAddr("203.0.113.6"), DeviceName: "edge-1"},
		"other asn":    {Type: vpn.IPsec1, IPAddress: spec.IPAddress, DeviceName: "edge-1", BGPASN: 65001},
		"invalid spec": {Type: vpn.IPsec1, IPAddress: spec.IPAddress, DeviceName: "edge-1", BGPASN: 1, BGPASNExtended: 1},
	} {
		if _, ok := vpn.FindIdenticalCustomerGateway(existing, other); ok {
			t.Errorf("FindIdentical(%s) found a gateway", name)
		}
	}
	deleted, err := g.Delete(nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := vpn.FindIdenticalCustomerGateway([]vpn.CustomerGateway{deleted}, spec); ok {
		t.Fatalf("FindIdentical found a deleted gateway")
	}
}

func TestCustomerGatewayDelete(t *testing.T) {
	f := newFixture(t, 3)
	c := f.create(t, vpn.Options{})
	_, err := f.cgw.Delete([]vpn.Connection{c}, t0)
	wantCode(t, err, "IncorrectState", vpn.ErrInUse)
	if f.cgw.State() != status.StateAvailable {
		t.Fatalf("refused Delete changed the receiver")
	}
	gone, _ := c.Delete(t0)
	gone = gone.Settle(t0)
	g, err := f.cgw.Delete([]vpn.Connection{gone}, t0)
	if err != nil || g.State() != status.StateDeleted {
		t.Fatalf("Delete after the connection is deleted = %v, %v", g.State(), err)
	}
	again, err := g.Delete(nil, t0)
	if err != nil || again.State() != status.StateDeleted {
		t.Fatalf("second Delete = %v, %v; want deleted, nil", again.State(), err)
	}
	if _, err := (vpn.CustomerGateway{}).Delete(nil, t0); err == nil {
		t.Fatalf("Delete of the zero gateway succeeded")
	}
}
