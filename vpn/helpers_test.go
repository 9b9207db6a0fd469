package vpn_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel/vpn"
)

var (
	mustAddr   = netip.MustParseAddr
	mustPrefix = netip.MustParsePrefix
	t0         = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
)

// tb is what the helpers need of *testing.T, *testing.B and *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// seeded returns a deterministic reader for seed.
func seeded(seed uint64) *rand.ChaCha8 {
	var s [32]byte
	for i := range 8 {
		s[i] = byte(seed >> (8 * i))
	}
	return rand.NewChaCha8(s)
}

func mustCGW(t tb, ip string, asn int64, random *rand.ChaCha8) vpn.CustomerGateway {
	t.Helper()
	g, err := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: mustAddr(ip), BGPASN: asn}, random, t0)
	if err != nil {
		t.Fatalf("CreateCustomerGateway: %v", err)
	}
	return g
}

func mustVGW(t tb, asn int64, random *rand.ChaCha8) vpn.Gateway {
	t.Helper()
	g, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1, AmazonSideASN: asn}, random, t0)
	if err != nil {
		t.Fatalf("CreateGateway: %v", err)
	}
	return g
}

// fixture is a customer gateway and a VGW ready for connections.
type fixture struct {
	random *rand.ChaCha8
	cgw    vpn.CustomerGateway
	vgw    vpn.Gateway
}

func newFixture(t tb, seed uint64) fixture {
	r := seeded(seed)
	return fixture{random: r, cgw: mustCGW(t, "198.51.100.7", 65000, r), vgw: mustVGW(t, 0, r)}
}

func (f fixture) spec(o vpn.Options) vpn.Spec {
	return vpn.Spec{Type: vpn.IPsec1, CustomerGateway: f.cgw, VPNGateway: f.vgw, Options: o}
}

func (f fixture) create(t tb, o vpn.Options, existing ...vpn.Connection) vpn.Connection {
	t.Helper()
	c, err := vpn.Create(f.spec(o), existing, f.random, t0)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return c
}

// wantCode checks that err is a *vpn.Error wrapping cause with the EC2 code.
func wantCode(t tb, err error, code string, cause error) *vpn.Error {
	t.Helper()
	var ve *vpn.Error
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *vpn.Error with code %s", err, code)
	}
	if ve.ErrorCode() != code {
		t.Fatalf("ErrorCode() = %q, want %q (err %v)", ve.ErrorCode(), code, err)
	}
	if cause != nil && !errors.Is(err, cause) {
		t.Fatalf("err = %v, want it to wrap %v", err, cause)
	}
	if ve.ErrorMessage() == "" {
		t.Fatalf("ErrorMessage() is empty for %v", err)
	}
	return ve
}

func parsePrefix(s string) (netip.Prefix, error) { return netip.ParsePrefix(s) }
