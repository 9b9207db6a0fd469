package gateway_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/gateway"
)

// natModel is what a NAT gateway should be, in as few words as possible:
// the state, whether provisioning will fail, and the instant it vanishes.
type natModel struct {
	state   gateway.NATState
	fails   bool
	expires time.Time // zero unless failed or deleted
}

// TestNATLifecycle drives a NAT gateway through random settles, deletes
// and waits at random instants, and checks it against natModel after
// every step, boundaries included: the retention's end ±1 ns.
func TestNATLifecycle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		spec := goodSpec()
		switch rapid.IntRange(0, 3).Draw(t, "fate") {
		case 1:
			spec.InternetGateway = false
		case 2:
			spec.PrivateIP = netip.Addr{}
		case 3:
			spec.Connectivity, spec.AllocationID, spec.PublicIP, spec.InternetGateway = gateway.Private, "", netip.Addr{}, false
		}
		now := epoch
		g, err := gateway.CreateNAT(spec, now, rand.NewChaCha8([32]byte{}))
		if err != nil {
			t.Fatal(err)
		}
		m := natModel{state: gateway.NATPending, fails: spec.PrivateIP == (netip.Addr{}) || spec.Connectivity != gateway.Private && !spec.InternetGateway}
		t.Repeat(map[string]func(*rapid.T){
			"wait": func(t *rapid.T) {
				now = now.Add(time.Duration(rapid.Int64Range(0, int64(2*time.Hour)).Draw(t, "d")))
			},
			"waitUntilExpiry": func(t *rapid.T) {
				if m.expires.IsZero() {
					t.Skip("nothing expires")
				}
				if at := m.expires.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns"))); at.After(now) {
					now = at
				}
			},
			"settle": func(t *rapid.T) {
				g = g.Settle(now)
				switch {
				case m.state == gateway.NATPending && m.fails:
					m.state, m.expires = gateway.NATFailed, now.Add(gateway.NATRetention)
				case m.state == gateway.NATPending:
					m.state = gateway.NATAvailable
				case m.state == gateway.NATDeleting:
					m.state, m.expires = gateway.NATDeleted, now.Add(gateway.NATRetention)
				}
			},
			"delete": func(t *rapid.T) {
				next, err := g.Delete(now)
				if m.state == gateway.NATDeleted {
					wantErr(t, err, gateway.ErrDeleted, "NatGatewayNotFound")
					return
				}
				if err != nil {
					t.Fatalf("Delete in %s = %v", m.state, err)
				}
				g, m.state, m.expires = next, gateway.NATDeleting, time.Time{}
			},
			"": func(t *rapid.T) {
				if g.State() != m.state {
					t.Fatalf("State = %s, model says %s", g.State(), m.state)
				}
				holds := !m.fails && (m.state == gateway.NATPending || m.state == gateway.NATAvailable || m.state == gateway.NATDeleting)
				if g.HoldsAddresses() != holds {
					t.Fatalf("HoldsAddresses = %v in %s (fails %v)", g.HoldsAddresses(), m.state, m.fails)
				}
				if live := holds && m.state != gateway.NATDeleting; g.IsLive() != live {
					t.Fatalf("IsLive = %v in %s", g.IsLive(), m.state)
				}
				f, failed := g.Failure()
				if failed != (m.fails && m.state != gateway.NATPending) || failed && f.Code == "" {
					t.Fatalf("Failure = %+v, %v in %s (fails %v)", f, failed, m.state, m.fails)
				}
				at, ok := g.ExpiresAt()
				if ok != !m.expires.IsZero() || ok && !at.Equal(m.expires) {
					t.Fatalf("ExpiresAt = %v, %v; model says %v", at, ok, m.expires)
				}
				if g.IsExpired(now) != (ok && !now.Before(m.expires)) {
					t.Fatalf("IsExpired(%v) = %v, vanishes at %v", now, g.IsExpired(now), m.expires)
				}
				if a := g.Addresses(); len(a) != 1 || !a[0].IsPrimary || (a[0].NetworkInterfaceID != "") != (holds && m.state != gateway.NATPending || !m.fails && m.state == gateway.NATDeleted) {
					t.Fatalf("Addresses = %+v in %s", a, m.state)
				}
			},
		})
	})
}
