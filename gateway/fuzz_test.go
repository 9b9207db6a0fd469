package gateway_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/gateway"
)

// FuzzNATUnmarshalBinary feeds arbitrary bytes to the NAT gateway decoder:
// it never panics, and what it accepts encodes back to a document that
// decodes to the same NAT.
func FuzzNATUnmarshalBinary(f *testing.F) {
	// Available public, pending private, failed public, deleted, junk.
	f.Add([]byte(`{"v":1,"id":"nat-0000000000000000a","owner":"111122223333","vpc":"vpc-0000000000000000a","subnet":"subnet-0000000000000000a","type":"public","alloc":"eipalloc-0000000000000000a","assoc":"eipassoc-0000000000000000a","eni":"eni-0000000000000000a","publicIp":"3.208.0.7","privateIp":"10.0.1.25","state":"available","created":"2025-06-01T12:00:00Z"}`))
	f.Add([]byte(`{"v":1,"id":"nat-0000000000000000a","owner":"111122223333","vpc":"vpc-0000000000000000a","subnet":"subnet-0000000000000000a","type":"private","eni":"eni-0000000000000000a","privateIp":"10.0.1.25","state":"pending","created":"2025-06-01T12:00:00Z"}`))
	f.Add([]byte(`{"v":1,"id":"nat-0000000000000000a","owner":"111122223333","vpc":"vpc-0000000000000000a","subnet":"subnet-0000000000000000a","type":"public","alloc":"eipalloc-0000000000000000a","publicIp":"3.208.0.7","state":"failed","failureCode":"Gateway.NotAttached","failureMessage":"Network vpc-0000000000000000a has no Internet gateway attached","created":"2025-06-01T12:00:00Z","ended":"2025-06-01T12:00:01Z"}`))
	f.Add([]byte(`{"v":1,"id":"nat-0000000000000000a","owner":"111122223333","vpc":"vpc-0000000000000000a","subnet":"subnet-0000000000000000a","type":"private","eni":"eni-0000000000000000a","privateIp":"10.0.1.25","state":"deleted","created":"2025-06-01T12:00:00Z","deleted":"2025-06-01T12:01:00Z","ended":"2025-06-01T12:02:00Z"}`))
	f.Add([]byte(`{"v":1,"id":"nat-x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var g gateway.NAT
		if err := g.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := g.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary of a decoded NAT: %v", err)
		}
		var back gateway.NAT
		if err := back.UnmarshalBinary(b); err != nil || back != g {
			t.Fatalf("round trip: %+v, %v, want %+v", back, err, g)
		}
	})
}
