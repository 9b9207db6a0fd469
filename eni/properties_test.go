package eni_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"net/netip"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/eni"
)

// TestAllocateProperty checks Allocate against a walk over the block's
// addresses, one by one, that leaves out the first four and the last: the
// answer is the first such address not in use, and Usable counts them.
func TestAllocateProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(24, 28).Draw(t, "bits")
		block := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 0, byte(rapid.IntRange(0, 255).Draw(t, "c")), 0}), bits).Masked()
		var all []netip.Addr
		for a := block.Addr(); block.Contains(a); a = a.Next() {
			all = append(all, a)
		}
		used := map[netip.Addr]bool{}
		for _, a := range rapid.SliceOf(rapid.SampledFrom(all)).Draw(t, "used") {
			used[a] = true
		}
		usable := all[4 : len(all)-1]
		var want netip.Addr
		for _, a := range usable {
			if !used[a] {
				want = a
				break
			}
		}
		got, ok := eni.Allocate(block, func(a netip.Addr) bool { return used[a] })
		if ok != want.IsValid() || got != want {
			t.Fatalf("Allocate(%v, %v) = %v, %v; want %v", block, used, got, ok, want)
		}
		if n := eni.Usable(block); n != len(usable) {
			t.Fatalf("Usable(%v) = %d, want %d", block, n, len(usable))
		}
		// Every address of the block is either usable (CheckAddress passes)
		// or one of the five reserved.
		for i, a := range all {
			err := eni.CheckAddress(block, a)
			if reserved := i < 4 || i == len(all)-1; reserved != (err != nil) {
				t.Fatalf("CheckAddress(%v, %v) = %v", block, a, err)
			}
		}
	})
}

// TestEncodingRoundTrip checks that every interface, whatever actions made
// it, reads back as itself and encodes to the same bytes.
func TestEncodingRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := spec("10.0.1.0/24")
		s.Description = rapid.StringMatching(`[a-z ]{0,20}`).Draw(t, "description")
		i, err := eni.Create(s, rand.NewChaCha8([32]byte{byte(rapid.IntRange(0, 255).Draw(t, "seed"))}))
		if err != nil {
			t.Fatal(err)
		}
		i = i.WithSourceDestCheck(rapid.Bool().Draw(t, "check"))
		if rapid.Bool().Draw(t, "public") {
			i, _ = i.WithPublicIP(netip.AddrFrom4([4]byte{3, byte(rapid.IntRange(0, 255).Draw(t, "p")), 1, 1}))
		}
		b, err := i.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var j eni.Interface
		if err := j.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%s) = %v", b, err)
		}
		b2, _ := j.MarshalBinary()
		if !bytes.Equal(b, b2) || j.PrivateIP() != i.PrivateIP() || j.SourceDestCheck() != i.SourceDestCheck() || j.Description() != i.Description() {
			t.Fatalf("round trip:\n%s\n%s", b, b2)
		}
	})
}

// FuzzUnmarshal checks that no input makes UnmarshalBinary panic, that a
// refused input leaves the Interface as it was and wraps ErrEncoding, and
// that an accepted one re-encodes to what decodes to the same interface.
func FuzzUnmarshal(f *testing.F) {
	// a valid encoding
	f.Add([]byte(`{"v":1,"id":"eni-0123456789abcdef0","owner":"111122223333","region":"us-east-1","vpc":"vpc-0123456789abcdef0","subnet":"subnet-0123456789abcdef0","zone":"us-east-1a","ip":"10.0.1.4","groups":["sg-0123456789abcdef0"]}`))
	// a public address and the check off
	f.Add([]byte(`{"v":1,"id":"eni-01234567","owner":"111122223333","region":"eu-west-1","vpc":"vpc-01234567","subnet":"subnet-01234567","zone":"eu-west-1b","ip":"10.0.1.4","publicIp":"3.1.2.3","groups":["sg-01234567"],"noSourceDestCheck":true}`))
	// a private "public" address, no groups, another version
	f.Add([]byte(`{"v":1,"id":"eni-01234567","owner":"111122223333","region":"us-east-1","vpc":"vpc-01234567","subnet":"subnet-01234567","zone":"us-east-1a","ip":"10.0.1.4","publicIp":"10.0.0.1","groups":[]}`))
	// a NAT gateway's managed interface, and one with a group
	f.Add([]byte(`{"v":1,"id":"eni-01234567","owner":"111122223333","region":"us-east-1","vpc":"vpc-01234567","subnet":"subnet-01234567","zone":"us-east-1a","ip":"10.0.1.5","publicIp":"3.1.2.3","groups":null,"description":"Interface for NAT Gateway nat-01234567","noSourceDestCheck":true,"type":"nat_gateway"}`))
	f.Add([]byte(`{"v":1,"id":"eni-01234567","owner":"111122223333","region":"us-east-1","vpc":"vpc-01234567","subnet":"subnet-01234567","zone":"us-east-1a","ip":"10.0.1.5","groups":["sg-01234567"],"noSourceDestCheck":true,"type":"nat_gateway"}`))
	f.Add([]byte(`{"v":2}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		before := newInterfaceF()
		i := before
		err := i.UnmarshalBinary(data)
		if err != nil {
			if !errors.Is(err, eni.ErrEncoding) {
				t.Fatalf("UnmarshalBinary error %v does not wrap ErrEncoding", err)
			}
			if i.ID() != before.ID() {
				t.Fatal("a refused input changed the Interface")
			}
			return
		}
		b, err := i.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var j eni.Interface
		if err := j.UnmarshalBinary(b); err != nil {
			t.Fatalf("re-encoding %s does not read back: %v", b, err)
		}
		if b2, _ := j.MarshalBinary(); !bytes.Equal(b, b2) {
			t.Fatalf("re-encoding is not stable:\n%s\n%s", b, b2)
		}
	})
}

func newInterfaceF() eni.Interface {
	i, _ := eni.Create(spec("10.0.1.0/24"), rand.NewChaCha8([32]byte{1}))
	return i
}
