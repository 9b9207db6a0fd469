package subnet_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/subnet"
)

func TestIsHostAddress(t *testing.T) {
	s, _ := subnet.Create(spec("10.0.1.0/28"), rand.NewChaCha8([32]byte{}))
	for a, want := range map[string]bool{
		"10.0.1.0": false, "10.0.1.1": false, "10.0.1.2": false, "10.0.1.3": false, // network, router, DNS, reserved
		"10.0.1.4": true, "10.0.1.14": true,
		"10.0.1.15": false, // broadcast
		"10.0.1.16": false, "10.0.0.255": false, "::ffff:10.0.1.5": false,
	} {
		if got := s.IsHostAddress(netip.MustParseAddr(a)); got != want {
			t.Errorf("IsHostAddress(%s) = %v, want %v", a, got, want)
		}
	}
	if (subnet.Subnet{}).IsHostAddress(netip.MustParseAddr("10.0.1.4")) {
		t.Error("the zero Subnet has a host address")
	}
	if _, _, err := (subnet.Subnet{}).PickHostAddress(rand.NewChaCha8([32]byte{}), nil); err == nil {
		t.Error("PickHostAddress of the zero Subnet succeeded")
	}
}

// TestPickHostAddressProperty fills subnets of random sizes one pick at a
// time and checks each pick against the enumerated host addresses: it is
// one of them, unused, and a pick fails exactly when all are used.
func TestPickHostAddressProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(26, 28).Draw(t, "bits")
		s, err := subnet.Create(spec(netip.PrefixFrom(netip.MustParseAddr("10.0.1.0"), bits).String()), rand.NewChaCha8([32]byte{}))
		if err != nil {
			t.Fatal(err)
		}
		var hosts []netip.Addr // the slow, obvious enumeration
		for a := s.CIDR().Addr(); s.CIDR().Contains(a); a = a.Next() {
			hosts = append(hosts, a)
		}
		hosts = hosts[4 : len(hosts)-1]
		if len(hosts) != s.AvailableIPAddressCount() {
			t.Fatalf("%d host addresses, AvailableIPAddressCount %d", len(hosts), s.AvailableIPAddressCount())
		}
		used := map[netip.Addr]bool{}
		for _, a := range hosts {
			if rapid.IntRange(0, 3).Draw(t, "pre-used "+a.String()) == 0 {
				used[a] = true
			}
		}
		random := rand.NewChaCha8([32]byte{byte(rapid.IntRange(0, 255).Draw(t, "seed"))})
		for range len(hosts) + 1 {
			a, ok, err := s.PickHostAddress(random, func(a netip.Addr) bool { return used[a] })
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if len(used) != len(hosts) {
					t.Fatalf("no pick with %d of %d used", len(used), len(hosts))
				}
				return
			}
			if used[a] || !s.IsHostAddress(a) {
				t.Fatalf("picked %v: used %v, host %v", a, used[a], s.IsHostAddress(a))
			}
			used[a] = true
		}
		t.Fatal("more picks than host addresses")
	})
}
