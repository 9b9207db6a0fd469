package vpn_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/vpn"
)

// BenchmarkCreateAndXML creates a connection with default options (IDs,
// inside CIDRs, keys and outside addresses drawn from a seeded reader) and
// renders its customer gateway configuration: the work behind one
// CreateVpnConnection response. The budget is 50 µs.
func BenchmarkCreateAndXML(b *testing.B) {
	f := newFixture(b, 42)
	spec := f.spec(vpn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		c, err := vpn.Create(spec, nil, f.random, t0)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.CustomerGatewayConfiguration()) == 0 {
			b.Fatal("empty configuration")
		}
	}
}

// BenchmarkCreate measures Create alone, with ten live connections on the
// gateway to avoid.
func BenchmarkCreate(b *testing.B) {
	f := newFixture(b, 43)
	var existing []vpn.Connection
	for i := range 9 {
		cgw := mustCGW(b, "203.0.113.10", 65100+int64(i), f.random)
		c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: f.vgw}, existing, f.random, t0)
		if err != nil {
			b.Fatal(err)
		}
		existing = append(existing, c)
	}
	spec := f.spec(vpn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vpn.Create(spec, existing, f.random, t0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCustomerGatewayConfiguration measures rendering the XML alone.
func BenchmarkCustomerGatewayConfiguration(b *testing.B) {
	f := newFixture(b, 44)
	c := f.create(b, vpn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		_ = c.CustomerGatewayConfiguration()
	}
}

// BenchmarkStrongSwan measures rendering swanctl.conf for both tunnels.
func BenchmarkStrongSwan(b *testing.B) {
	f := newFixture(b, 45)
	c := f.create(b, vpn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vpn.StrongSwan(c, vpn.IKEv2); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModifyTunnel changes one tunnel's key, inside CIDR and phase 1
// lifetime, with ten live connections on the gateway to check the inside
// CIDR against, and re-renders the customer gateway configuration: the
// work behind one ModifyVpnTunnelOptions and the Describe after it.
func BenchmarkModifyTunnel(b *testing.B) {
	f := newFixture(b, 46)
	var existing []vpn.Connection
	for i := range 9 {
		cgw := mustCGW(b, "203.0.113.10", 65100+int64(i), f.random)
		c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: f.vgw}, existing, f.random, t0)
		if err != nil {
			b.Fatal(err)
		}
		existing = append(existing, c)
	}
	c := f.create(b, vpn.Options{}, existing...).Settle(t0)
	existing = append(existing, c)
	outside := c.Tunnels()[0].AWSOutsideAddress()
	changes := vpn.TunnelOptions{PreSharedKey: "modified_key.1", InsideCIDR: mustPrefix("169.254.200.0/30"), Phase1LifetimeSeconds: 7200}
	b.ReportAllocs()
	for b.Loop() {
		m, err := c.ModifyTunnelOptions(outside, changes, false, existing, t0)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.CustomerGatewayConfiguration()) == 0 {
			b.Fatal("empty configuration")
		}
	}
}
