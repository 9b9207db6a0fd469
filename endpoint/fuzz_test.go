package endpoint_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/endpoint"
)

// FuzzUnmarshalBinary feeds UnmarshalBinary arbitrary bytes: it must not
// panic, and what it accepts must encode back to bytes it reads the same.
func FuzzUnmarshalBinary(f *testing.F) {
	s, _ := endpoint.FindService("us-east-1", "com.amazonaws.us-east-1.s3", endpoint.Gateway)
	e, err := endpoint.Create(endpoint.Spec{OwnerID: "111111111111", Region: "us-east-1", VPCID: "vpc-0a1b2c3d4e5f60718", Service: s,
		RouteTableIDs: []string{"rtb-0a1b2c3d4e5f60718"}}, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), rand.NewChaCha8([32]byte{}))
	if err != nil {
		f.Fatal(err)
	}
	b, _ := e.MarshalBinary()
	f.Add(b)
	d, _ := e.Delete(time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC))
	b, _ = d.Settle().MarshalBinary()
	f.Add(b)
	f.Add([]byte(`{"v":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e endpoint.Endpoint
		if err := e.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := e.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary of an accepted endpoint: %v", err)
		}
		var again endpoint.Endpoint
		if err := again.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%s) of its own encoding: %v", b, err)
		}
		b2, _ := again.MarshalBinary()
		if !bytes.Equal(b, b2) {
			t.Fatalf("encodings differ:\n%s\n%s", b, b2)
		}
	})
}
