package tgw_test

import (
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/tgw"
)

// FuzzUnmarshalBinary feeds the three decoders arbitrary bytes: none may
// panic, and what one accepts must encode back to bytes it reads the same.
func FuzzUnmarshalBinary(f *testing.F) {
	g, rt := available(f)
	a := vpcAttachment(f, g, attID, vpcA)
	a, _ = a.Associate(rt)
	rt, _ = rt.EnablePropagation(a)
	rt, _ = rt.CreateRoute(netip.MustParsePrefix("10.9.0.0/16"), a, false)
	for _, v := range []interface{ MarshalBinary() ([]byte, error) }{g, rt, a} {
		b, err := v.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"v":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, v := range []interface {
			MarshalBinary() ([]byte, error)
			UnmarshalBinary([]byte) error
		}{&tgw.Gateway{}, &tgw.RouteTable{}, &tgw.Attachment{}} {
			if v.UnmarshalBinary(data) != nil {
				continue
			}
			b, err := v.MarshalBinary()
			if err != nil {
				t.Fatalf("MarshalBinary of an accepted value: %v", err)
			}
			if err := v.UnmarshalBinary(b); err != nil {
				t.Fatalf("UnmarshalBinary(%s) of its own encoding: %v", b, err)
			}
			b2, _ := v.MarshalBinary()
			if string(b) != string(b2) {
				t.Fatalf("encodings differ:\n%s\n%s", b, b2)
			}
		}
	})
}
