package subnet_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/subnet"
)

// FuzzParseIPv6CIDR checks that ParseIPv6CIDR accepts exactly the canonical
// IPv6 /64s and never panics.
func FuzzParseIPv6CIDR(f *testing.F) {
	for _, s := range []string{"2600:1f18:7cb4:2e01::/64", "2600:1f16:c6:ff10::/60", "::/64", "::ffff:0:0/64", "10.0.0.0/24", "fe80::%eth0/64"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := subnet.ParseIPv6CIDR(s)
		q, perr := netip.ParsePrefix(s)
		want := perr == nil && q.Addr().Is6() && !q.Addr().Is4In6() && q.Addr().Zone() == "" && q.Bits() == 64 && q == q.Masked()
		if want != (err == nil) || want && p != q {
			t.Fatalf("ParseIPv6CIDR(%q) = %v, %v", s, p, err)
		}
	})
}

// FuzzUnmarshalBinary checks that a subnet decoded from any bytes encodes
// again to bytes that decode to the same subnet.
func FuzzUnmarshalBinary(f *testing.F) {
	s := spec6("10.0.1.0/24", "2600:1f18:7cb4:2e01::/64")
	sn, _ := subnet.Create(s, rand.NewChaCha8([32]byte{}))
	data, _ := sn.MarshalBinary()
	f.Add(data)
	n := spec6("", "2600:1f18:7cb4:2e02::/64")
	n.IPv6Native = true
	sn, _ = subnet.Create(n, rand.NewChaCha8([32]byte{}))
	data, _ = sn.MarshalBinary()
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		var s subnet.Subnet
		if err := s.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded subnet does not encode: %v", err)
		}
		var w subnet.Subnet
		if err := w.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if third, _ := w.MarshalBinary(); string(third) != string(again) {
			t.Fatalf("encoding unstable:\n%s\n%s", again, third)
		}
	})
}
