package eip_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/eip"
)

// FuzzUnmarshalBinary feeds arbitrary bytes to the decoder: it never
// panics, and what it accepts encodes back to a document that decodes to
// the same Address.
func FuzzUnmarshalBinary(f *testing.F) {
	// A free address, an associated one, a NAT gateway's, and junk.
	f.Add([]byte(`{"v":1,"id":"eipalloc-0123456789abcdef0","ip":"3.208.0.1","owner":"111122223333","region":"us-east-1"}`))
	f.Add([]byte(`{"v":1,"id":"eipalloc-0123456789abcdef0","ip":"3.208.0.1","owner":"111122223333","region":"us-east-1",` +
		`"assoc":{"id":"eipassoc-0123456789abcdef0","eni":"eni-0123456789abcdef0","eniOwner":"111122223333","ip":"10.0.0.5"}}`))
	f.Add([]byte(`{"v":1,"id":"eipalloc-0123456789abcdef0","ip":"3.208.0.1","owner":"111122223333","region":"us-east-1",` +
		`"assoc":{"id":"eipassoc-0123456789abcdef0","eni":"eni-0123456789abcdef0","eniOwner":"111122223333","ip":"10.0.0.5","managed":true}}`))
	f.Add([]byte(`{"v":2}`))
	f.Add([]byte(`{"v":1,"id":"eipalloc-0123456789abcdef0","ip":"::1","owner":"111122223333","region":"us-east-1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a eip.Address
		if err := a.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := a.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary of a decoded Address: %v", err)
		}
		var back eip.Address
		if err := back.UnmarshalBinary(b); err != nil || back != a {
			t.Fatalf("round trip: %+v, %v, want %+v", back, err, a)
		}
	})
}
