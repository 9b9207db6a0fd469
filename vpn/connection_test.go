package vpn_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
)

func TestCreateRules(t *testing.T) {
	f := newFixture(t, 10)
	r := f.random
	first := f.create(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.10.0/30")}}})
	otherCGW := mustCGW(t, "198.51.100.8", 65001, r)
	sameASN := mustCGW(t, "198.51.100.9", 64512, r)
	deletedCGW, _ := mustCGW(t, "198.51.100.10", 65002, r).Delete(nil, t0)
	deletedVGW, _ := mustVGW(t, 0, r).Delete(nil, t0)
	onOther := func(o vpn.Options) vpn.Spec {
		return vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, VPNGateway: f.vgw, Options: o}
	}
	tests := []struct {
		name  string
		spec  vpn.Spec
		code  string
		cause error
	}{
		{"missing type", vpn.Spec{CustomerGateway: f.cgw, VPNGateway: f.vgw}, "MissingParameter", vpn.ErrMissing},
		{"wrong type", vpn.Spec{Type: "ipsec.2", CustomerGateway: f.cgw, VPNGateway: f.vgw}, "InvalidParameterValue", vpn.ErrInvalidValue},
		{"both gateways", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, VPNGateway: f.vgw, TransitGatewayID: "tgw-0123abcd"}, "InvalidParameterValue", vpn.ErrCombination},
		{"malformed tgw", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, TransitGatewayID: "tgw-xyz"}, "InvalidTransitGatewayID.Malformed", vpn.ErrInvalidValue},
		{"no customer gateway", vpn.Spec{Type: vpn.IPsec1, VPNGateway: f.vgw}, "MissingParameter", vpn.ErrMissing},
		{"deleted customer gateway", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: deletedCGW, VPNGateway: f.vgw}, "InvalidCustomerGatewayState", vpn.ErrState},
		{"deleted vgw", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, VPNGateway: deletedVGW}, "InvalidVpnGatewayState", vpn.ErrState},
		{"second connection cgw+vgw", f.spec(vpn.Options{}), "InvalidOption.Conflict", vpn.ErrConnectionExists},
		{"asn conflict", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: sameASN, VPNGateway: f.vgw}, "AsnConflict", vpn.ErrASNConflict},
		{"inside cidr in use on the vgw", onOther(vpn.Options{Tunnels: []vpn.TunnelOptions{{}, {InsideCIDR: mustPrefix("169.254.10.0/30")}}}), "InvalidCidr.InUse", vpn.ErrCIDRInUse},
		{"ipv6 on a vgw", onOther(vpn.Options{TunnelInsideIPVersion: vpn.IPv6}), "InvalidParameterCombination", vpn.ErrCombination},
		{"bad option", onOther(vpn.Options{Tunnels: []vpn.TunnelOptions{{PreSharedKey: "short"}}}), "InvalidParameterValue", vpn.ErrPreSharedKey},
		{"per-vgw quota", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, VPNGateway: f.vgw, Quotas: vpn.Quotas{ConnectionsPerGateway: 1}}, "VpnConnectionLimitExceeded", vpn.ErrLimitExceeded},
		{"region quota", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, VPNGateway: f.vgw, Quotas: vpn.Quotas{ConnectionsPerRegion: 1}}, "VpnConnectionLimitExceeded", vpn.ErrLimitExceeded},
		{"outside pool exhausted", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, VPNGateway: f.vgw, OutsidePool: mustPrefix("192.0.2.0/32")}, "VpnConnectionLimitExceeded", vpn.ErrExhausted},
		{"outside pool ipv6", vpn.Spec{Type: vpn.IPsec1, CustomerGateway: otherCGW, VPNGateway: f.vgw, OutsidePool: mustPrefix("2001:db8::/64")}, "InvalidParameterValue", vpn.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := vpn.Create(tt.spec, []vpn.Connection{first}, seeded(99), t0)
			wantCode(t, err, tt.code, tt.cause)
			if c.IsValid() {
				t.Fatalf("a refused Create returned a connection")
			}
		})
	}

	// What is refused while the first connection lives is allowed once it
	// is deleted.
	gone, _ := first.Delete(t0)
	for _, old := range []vpn.Connection{gone, gone.Settle(t0)} {
		spec := f.spec(vpn.Options{Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.10.0/30")}}})
		if _, err := vpn.Create(spec, []vpn.Connection{old}, seeded(5), t0); err != nil {
			t.Fatalf("Create beside a %s connection: %v", old.State(), err)
		}
	}
	// Static connections do not compare ASNs.
	if _, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: sameASN, VPNGateway: f.vgw, Options: vpn.Options{StaticRoutesOnly: true}}, nil, seeded(5), t0); err != nil {
		t.Fatalf("static connection with equal ASNs: %v", err)
	}
}

func TestCreateTransitGateway(t *testing.T) {
	f := newFixture(t, 11)
	spec := vpn.Spec{Type: vpn.IPsec1, CustomerGateway: f.cgw, TransitGatewayID: "tgw-0123456789abcdef0", TransitGatewayASN: 64600,
		Options: vpn.Options{TunnelInsideIPVersion: vpn.IPv6, Tunnels: []vpn.TunnelOptions{{InsideIPv6CIDR: mustPrefix("fd00:1::/126")}}}}
	c, err := vpn.Create(spec, nil, f.random, t0)
	if err != nil {
		t.Fatal(err)
	}
	if c.GatewayAssociationState() != status.Associated {
		t.Fatalf("GatewayAssociationState() = %s", c.GatewayAssociationState())
	}
	if c.TransitGatewayID() != spec.TransitGatewayID || c.VPNGatewayID() != "" || c.AmazonSideASN() != 64600 || c.TunnelInsideIPVersion() != vpn.IPv6 {
		t.Fatalf("connection = %v, asn %d", c, c.AmazonSideASN())
	}
	tun := c.Tunnels()
	if tun[0].InsideCIDR() != mustPrefix("fd00:1::/126") || tun[1].InsideCIDR().Bits() != 126 ||
		!mustPrefix("fd00::/8").Contains(tun[1].InsideCIDR().Addr()) {
		t.Fatalf("inside CIDRs %v %v", tun[0].InsideCIDR(), tun[1].InsideCIDR())
	}
	if tun[0].AWSInsideAddress() != mustAddr("fd00:1::1") || tun[0].CustomerInsideAddress() != mustAddr("fd00:1::2") {
		t.Fatalf("inside addresses %v %v", tun[0].AWSInsideAddress(), tun[0].CustomerInsideAddress())
	}
	o := c.Options()
	if o.LocalIPv6NetworkCIDR != mustPrefix("::/0") || o.LocalIPv4NetworkCIDR.IsValid() {
		t.Fatalf("networks %v %v", o.LocalIPv6NetworkCIDR, o.LocalIPv4NetworkCIDR)
	}
	// On a transit gateway the ipv6 inside CIDR must be unique too.
	other := mustCGW(t, "198.51.100.99", 65010, f.random)
	spec.CustomerGateway = other
	_, err = vpn.Create(spec, []vpn.Connection{c}, f.random, t0)
	wantCode(t, err, "InvalidCidr.InUse", vpn.ErrCIDRInUse)
	// IPv4 inside CIDRs need not be unique on a transit gateway.
	v4 := vpn.Spec{Type: vpn.IPsec1, CustomerGateway: f.cgw, TransitGatewayID: "tgw-0123456789abcdef0",
		Options: vpn.Options{Tunnels: []vpn.TunnelOptions{{InsideCIDR: mustPrefix("169.254.44.0/30")}}}}
	c4, err := vpn.Create(v4, nil, f.random, t0)
	if err != nil {
		t.Fatal(err)
	}
	v4.CustomerGateway = other
	if _, err := vpn.Create(v4, []vpn.Connection{c4}, f.random, t0); err != nil {
		t.Fatalf("same ipv4 inside CIDR on a transit gateway: %v", err)
	}
	// A transit gateway connection takes no static routes.
	_, err = c4.Settle(t0).CreateRoute(mustPrefix("10.0.0.0/16"), t0)
	wantCode(t, err, "InvalidVpnConnection.InvalidType", vpn.ErrNotStatic)
}

func TestConnectionLifecycle(t *testing.T) {
	f := newFixture(t, 12)
	c := f.create(t, vpn.Options{StaticRoutesOnly: true})
	if c.State() != status.StatePending || !strings.HasPrefix(c.ID(), "vpn-") || c.Category() != "VPN" ||
		c.CustomerGatewayID() != f.cgw.ID() || c.VPNGatewayID() != f.vgw.ID() || c.Type() != vpn.IPsec1 ||
		!c.CreatedAt().Equal(t0) || c.CustomerGatewayAddress() != f.cgw.IPAddress() || !c.StaticRoutesOnly() {
		t.Fatalf("new connection = %v", c)
	}
	// Routes need an available connection.
	_, err := c.CreateRoute(mustPrefix("10.0.0.0/16"), t0)
	wantCode(t, err, "InvalidVpnConnection.InvalidState", vpn.ErrState)

	a := c.Settle(t0)
	if a.State() != status.StateAvailable || c.State() != status.StatePending {
		t.Fatalf("Settle: %s (receiver %s)", a.State(), c.State())
	}
	a1, err := a.CreateRoute(mustPrefix("10.0.0.5/16"), t0)
	if err != nil {
		t.Fatal(err)
	}
	a1, _ = a1.CreateRoute(mustPrefix("10.0.0.0/16"), t0) // the same route again: no change
	a1, _ = a1.CreateRoute(mustPrefix("10.0.0.0/8"), t0)
	a1, _ = a1.CreateRoute(mustPrefix("172.16.0.0/12"), t0)
	routes := a1.Routes()
	want := []string{"10.0.0.0/8", "10.0.0.0/16", "172.16.0.0/12"}
	if len(routes) != len(want) {
		t.Fatalf("routes = %v, want %v", routes, want)
	}
	for i, r := range routes {
		if r.DestinationCIDR.String() != want[i] || r.State != status.StatePending || r.Source != "Static" {
			t.Fatalf("route %d = %+v, want %s pending Static", i, r, want[i])
		}
	}
	if len(a.Routes()) != 0 {
		t.Fatalf("CreateRoute changed the receiver")
	}
	a2 := a1.Settle(t0)
	for _, r := range a2.Routes() {
		if r.State != status.StateAvailable {
			t.Fatalf("route %v after Settle: %s", r.DestinationCIDR, r.State)
		}
	}
	_, err = a2.DeleteRoute(mustPrefix("192.168.0.0/16"), t0)
	wantCode(t, err, "InvalidRoute.NotFound", vpn.ErrRouteNotFound)
	_, err = a2.CreateRoute(mustPrefix("2001:db8::/32"), t0)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)
	a3, err := a2.DeleteRoute(mustPrefix("10.0.0.0/8"), t0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = a3.DeleteRoute(mustPrefix("10.0.0.0/8"), t0)
	wantCode(t, err, "InvalidRoute.NotFound", vpn.ErrRouteNotFound)
	if got := len(a3.Settle(t0).Routes()); got != 2 {
		t.Fatalf("routes after deleting one = %d, want 2", got)
	}
	// The route quota.
	q := f.spec(vpn.Options{StaticRoutesOnly: true})
	q.Quotas = vpn.Quotas{StaticRoutesPerConnection: 1}
	qc, err := vpn.Create(q, nil, seeded(4), t0)
	if err != nil {
		t.Fatal(err)
	}
	qc, _ = qc.Settle(t0).CreateRoute(mustPrefix("10.0.0.0/16"), t0)
	_, err = qc.CreateRoute(mustPrefix("10.1.0.0/16"), t0)
	wantCode(t, err, "RouteLimitExceeded", vpn.ErrLimitExceeded)

	d, err := a2.Delete(t0)
	if err != nil || d.State() != status.StateDeleting {
		t.Fatalf("Delete = %s, %v", d.State(), err)
	}
	if d2, err := d.Delete(t0); err != nil || d2.State() != status.StateDeleting {
		t.Fatalf("Delete while deleting = %s, %v; want deleting, nil", d2.State(), err)
	}
	gone := d.Settle(t0)
	if gone.State() != status.StateDeleted || gone.Settle(t0).State() != status.StateDeleted {
		t.Fatalf("Settle after Delete = %s", gone.State())
	}
	if g2, err := gone.Delete(t0); err != nil || g2.State() != status.StateDeleted {
		t.Fatalf("Delete of deleted = %s, %v", g2.State(), err)
	}
	// A connection with no gateway is not associated.
	loose, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: f.cgw}, nil, f.random, t0)
	if err != nil || loose.GatewayAssociationState() != status.NotAssociated || loose.AmazonSideASN() != 64512 {
		t.Fatalf("no-gateway connection: %v, %v", loose.GatewayAssociationState(), err)
	}
	// A dynamic connection takes no static routes.
	dyn, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: mustCGW(t, "198.51.100.70", 65070, f.random), VPNGateway: f.vgw}, nil, f.random, t0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = dyn.Settle(t0).CreateRoute(mustPrefix("10.0.0.0/16"), t0)
	wantCode(t, err, "InvalidVpnConnection.InvalidType", vpn.ErrNotStatic)
}

func TestTelemetry(t *testing.T) {
	f := newFixture(t, 13)
	c := f.create(t, vpn.Options{})
	for i, tun := range c.Tunnels() {
		tel := tun.Telemetry()
		if tel.Status != status.Down || tel.StatusMessage != "IPSEC IS DOWN" || tel.OutsideIPAddress != tun.AWSOutsideAddress() ||
			!tel.LastStatusChange.Equal(t0) || tel.AcceptedRouteCount != 0 {
			t.Fatalf("tunnel %d initial telemetry = %+v", i, tel)
		}
	}
	later := t0.Add(90e9)
	up, err := c.SetTunnelStatus(1, status.Up, 5, later)
	if err != nil {
		t.Fatal(err)
	}
	tel := up.Tunnels()[1].Telemetry()
	if tel.Status != status.Up || tel.StatusMessage != "5 BGP ROUTES" || tel.AcceptedRouteCount != 5 || !tel.LastStatusChange.Equal(later) {
		t.Fatalf("after UP: %+v", tel)
	}
	if up.Tunnels()[0].Telemetry().Status != status.Down || c.Tunnels()[1].Telemetry().Status != status.Down {
		t.Fatalf("SetTunnelStatus touched the other tunnel or the receiver")
	}
	same, _ := up.SetTunnelStatus(1, status.Up, 7, later.Add(1e9))
	if got := same.Tunnels()[1].Telemetry(); !got.LastStatusChange.Equal(later) || got.StatusMessage != "7 BGP ROUTES" {
		t.Fatalf("UP again moved LastStatusChange or kept the count: %+v", got)
	}
	_, err = c.SetTunnelStatus(2, status.Up, 0, later)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrTunnel)
	_, err = c.SetTunnelStatus(0, "SIDEWAYS", 0, later)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)

	static := mustCGW(t, "198.51.100.71", 65071, f.random)
	s, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: static, VPNGateway: f.vgw, Options: vpn.Options{StaticRoutesOnly: true}}, nil, f.random, t0)
	if err != nil {
		t.Fatal(err)
	}
	s, _ = s.SetTunnelStatus(0, status.Up, 0, later)
	if msg := s.Tunnels()[0].Telemetry().StatusMessage; msg != "" {
		t.Fatalf("static UP message = %q, want empty", msg)
	}
}

func TestTunnelAccessors(t *testing.T) {
	f := newFixture(t, 14)
	c := f.create(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{
		InsideCIDR: mustPrefix("169.254.225.8/30"), PreSharedKey: "example_key.1",
		Phase1LifetimeSeconds: 14400, Phase2LifetimeSeconds: 1800, RekeyMarginTimeSeconds: 600,
		RekeyFuzzPercentage: vpn.PercentOf(0), ReplayWindowSize: 512, DPDTimeoutSeconds: 45,
		DPDTimeoutAction: vpn.DPDRestart, IKEVersions: []vpn.IKEVersion{vpn.IKEv2}, StartupAction: vpn.StartupStart,
	}}})
	t0n := c.Tunnels()[0]
	checks := []struct {
		what      string
		got, want any
	}{
		{"InsideCIDR", t0n.InsideCIDR(), mustPrefix("169.254.225.8/30")},
		{"AWSInsideAddress", t0n.AWSInsideAddress(), mustAddr("169.254.225.9")},
		{"CustomerInsideAddress", t0n.CustomerInsideAddress(), mustAddr("169.254.225.10")},
		{"CustomerOutsideAddress", t0n.CustomerOutsideAddress(), f.cgw.IPAddress()},
		{"PSK", t0n.PSK().Reveal(), "example_key.1"},
		{"Phase1Lifetime", t0n.Phase1Lifetime().String(), "4h0m0s"},
		{"Phase2Lifetime", t0n.Phase2Lifetime().String(), "30m0s"},
		{"RekeyMargin", t0n.RekeyMargin().String(), "10m0s"},
		{"RekeyFuzzPercentage", t0n.RekeyFuzzPercentage(), 0},
		{"ReplayWindowSize", t0n.ReplayWindowSize(), 512},
		{"DPDTimeout", t0n.DPDTimeout().String(), "45s"},
		{"DPDTimeoutAction", t0n.DPDTimeoutAction(), vpn.DPDRestart},
		{"StartupAction", t0n.StartupAction(), vpn.StartupStart},
		{"AllowsIKEVersion(ikev1)", t0n.AllowsIKEVersion(vpn.IKEv1), false},
		{"IKEVersions", len(t0n.IKEVersions()), 1},
		{"outside in default pool", mustPrefix("192.0.2.0/24").Contains(t0n.AWSOutsideAddress()), true},
		{"outside differ", t0n.AWSOutsideAddress() != c.Tunnels()[1].AWSOutsideAddress(), true},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.what, ch.got, ch.want)
		}
	}
	// The copies handed out are the caller's to change.
	o := t0n.Options()
	o.IKEVersions[0] = vpn.IKEv1
	if c.Tunnels()[0].IKEVersions()[0] != vpn.IKEv2 {
		t.Fatalf("changing Options() changed the tunnel")
	}
	var zero vpn.Tunnel
	if zero.IsValid() || zero.String() != "invalid Tunnel" {
		t.Fatalf("zero Tunnel: %v", zero)
	}
}

func TestOutsideAddressesAvoidTaken(t *testing.T) {
	// A /29 pool has six hosts; the customer gateway takes none of them
	// here, three connections need all six.
	r := seeded(15)
	vgw := mustVGW(t, 0, r)
	pool := mustPrefix("192.0.2.8/29")
	var conns []vpn.Connection
	seen := map[netip.Addr]bool{}
	for i := range 3 {
		cgw := mustCGW(t, "198.51.100."+string(rune('1'+i)), 65000+int64(i), r)
		c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, OutsidePool: pool}, conns, r, t0)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		for _, tun := range c.Tunnels() {
			a := tun.AWSOutsideAddress()
			if seen[a] || !pool.Contains(a) || a == mustAddr("192.0.2.8") || a == mustAddr("192.0.2.15") {
				t.Fatalf("outside address %v reused or outside the pool's hosts", a)
			}
			seen[a] = true
		}
		conns = append(conns, c)
	}
	cgw := mustCGW(t, "198.51.100.9", 65009, r)
	_, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, OutsidePool: pool}, conns, r, t0)
	wantCode(t, err, "VpnConnectionLimitExceeded", vpn.ErrExhausted)
}

func TestQuotas(t *testing.T) {
	r := seeded(16)
	var cgws []vpn.CustomerGateway
	q := vpn.Quotas{CustomerGatewaysPerRegion: 2, GatewaysPerRegion: 1}
	for i := range 2 {
		if err := q.CheckCustomerGateways(cgws); err != nil {
			t.Fatalf("gateway %d: %v", i, err)
		}
		cgws = append(cgws, mustCGW(t, "203.0.113."+string(rune('1'+i)), 65000+int64(i), r))
	}
	wantCode(t, q.CheckCustomerGateways(cgws), "CustomerGatewayLimitExceeded", vpn.ErrLimitExceeded)
	cgws[0], _ = cgws[0].Delete(nil, t0)
	if err := q.CheckCustomerGateways(cgws); err != nil {
		t.Fatalf("deleted gateways count: %v", err)
	}
	vgws := []vpn.Gateway{mustVGW(t, 0, r)}
	wantCode(t, q.CheckGateways(vgws), "VpnGatewayLimitExceeded", vpn.ErrLimitExceeded)
	if err := (vpn.Quotas{}).CheckGateways(vgws); err != nil {
		t.Fatalf("default quota: %v", err)
	}
	e := (vpn.Quotas{}).Effective()
	if e != (vpn.Quotas{CustomerGatewaysPerRegion: 50, GatewaysPerRegion: 5, ConnectionsPerRegion: 50, ConnectionsPerGateway: 10, StaticRoutesPerConnection: 100}) {
		t.Fatalf("Effective() = %+v", e)
	}
	// Ten connections per VGW by default; the eleventh is refused.
	vgw := mustVGW(t, 0, r)
	var conns []vpn.Connection
	for i := range 11 {
		cgw := mustCGW(t, "203.0.113.10", 65100+int64(i), r)
		c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, conns, r, t0)
		if i == 10 {
			wantCode(t, err, "VpnConnectionLimitExceeded", vpn.ErrLimitExceeded)
			wantCode(t, (vpn.Quotas{}).CheckConnections(vgw.ID(), conns), "VpnConnectionLimitExceeded", vpn.ErrLimitExceeded)
			break
		}
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		conns = append(conns, c)
	}
}

// TestDescribedConfiguration: Describe shows the customer gateway
// configuration only while the connection is pending or available.
func TestDescribedConfiguration(t *testing.T) {
	f := newFixture(t, 61)
	pending := f.create(t, vpn.Options{})
	available := pending.Settle(t0)
	deleting, _ := available.Delete(t0)
	deleted := deleting.Settle(t0)
	tests := []struct {
		name string
		c    vpn.Connection
		want bool
	}{
		{"pending", pending, true},
		{"available", available, true},
		{"deleting", deleting, false},
		{"deleted", deleted, false},
		{"zero", vpn.Connection{}, false},
	}
	for _, tt := range tests {
		doc, ok := tt.c.DescribedConfiguration()
		if ok != tt.want {
			t.Errorf("%s: DescribedConfiguration() ok = %v, want %v", tt.name, ok, tt.want)
		}
		want := ""
		if tt.want {
			want = tt.c.CustomerGatewayConfiguration()
		}
		if doc != want || tt.want && doc == "" {
			t.Errorf("%s: DescribedConfiguration() gave %d bytes, want %d", tt.name, len(doc), len(want))
		}
	}
}
