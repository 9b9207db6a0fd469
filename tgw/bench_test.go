package tgw_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/tgw"
)

// BenchmarkRoutesAndLookup derives the routes of a table with 500 static
// routes and 100 propagating VPC attachments of 2 blocks each, then looks
// one address up: what SearchTransitGatewayRoutes does per call.
func BenchmarkRoutesAndLookup(b *testing.B) {
	g, rt := available(b)
	sources := map[string]tgw.Source{}
	var first tgw.Attachment
	for i := range 100 {
		a := vpcAttachment(b, g, fmt.Sprintf("tgw-attach-%017x", i), fmt.Sprintf("vpc-%017x", i))
		if i == 0 {
			first = a
		}
		var err error
		if rt, err = rt.EnablePropagation(a); err != nil {
			b.Fatal(err)
		}
		sources[a.ID()] = tgw.Source{Available: true, CIDRs: []netip.Prefix{
			netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i), 0, 0}), 16), netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16, byte(i), 0}), 24)}}
	}
	for i := range 500 {
		var err error
		if rt, err = rt.CreateRoute(netip.PrefixFrom(netip.AddrFrom4([4]byte{192, 168, byte(i / 256), byte(i % 256)}), 32), first, false); err != nil {
			b.Fatal(err)
		}
	}
	addr := netip.MustParseAddr("10.42.1.1")
	for b.Loop() {
		if _, ok := tgw.Lookup(rt.Routes(sources), addr); !ok {
			b.Fatal("no route")
		}
	}
}
