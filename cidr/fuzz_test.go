package cidr_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/cidr"
	"pgregory.net/rapid"
)

// fuzzSeeds are the seed corpus shared by the parser fuzzers.
var fuzzSeeds = []string{
	"10.0.0.0/16",              // a VPC block
	"10.0.0.0/28",              // the smallest VPC block
	"10.0.0.0/15",              // one bit too large
	"10.0.0.0/29",              // one bit too small
	"10.0.0.1/16",              // host bits
	"100.68.0.18/18",           // canonicalised as a route destination
	"0.0.0.0/0",                // the default route
	"255.255.255.255/32",       // the top of the space
	"2600:1f00:1234:5600::/56", // an Amazon-provided IPv6 block
	"2600:1f00::/58",           // not a multiple of 4
	"::/0",                     // the IPv6 default route
	"::ffff:10.0.0.0/104",      // IPv4-mapped
	"fe80::1%eth0/64",          // a zone
	"010.0.0.0/16",             // leading zero
	"10.0.0.0/016",             // leading zero in the length
	"10.0.0.0",                 // no length
	"10.0.0.0/",                // empty length
	"10.0.0.0/-1",              // negative length
	"",                         // empty
	" 10.0.0.0/16",             // space
}

// fuzzParser checks a parser for no panic, agreement with netip (whatever it
// accepts netip accepts too, canonicalised the same way), purity, a round
// trip through String, and a well-formed *cidr.Error on refusal.
func fuzzParser(f *testing.F, parse func(string) (netip.Prefix, error), canonicalOnly bool) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parse(s)
		p2, err2 := parse(s)
		if p != p2 || (err == nil) != (err2 == nil) {
			t.Fatalf("parse(%q) is not a pure function: %v, %v then %v, %v", s, p, err, p2, err2)
		}
		if err != nil {
			var ce *cidr.Error
			if !errors.As(err, &ce) || ce.ErrorCode() == "" || ce.ErrorMessage() == "" || ce.Input != s || ce.Err == nil {
				t.Fatalf("parse(%q) error %v is not a complete *cidr.Error", s, err)
			}
			if p.IsValid() {
				t.Fatalf("parse(%q) = %v alongside error %v", s, p, err)
			}
			return
		}
		n, nerr := netip.ParsePrefix(s)
		if nerr != nil {
			t.Fatalf("parse(%q) = %v, but netip refuses it: %v", s, p, nerr)
		}
		if p != n.Masked() || p.Masked() != p {
			t.Fatalf("parse(%q) = %v, netip gives %v masked to %v", s, p, n, n.Masked())
		}
		if canonicalOnly && n != p {
			t.Fatalf("parse(%q) accepted host bits: %v", s, p)
		}
		if back, err := parse(p.String()); err != nil || back != p {
			t.Fatalf("parse(%q) = %v, but parse(%q) = %v, %v", s, p, p.String(), back, err)
		}
	})
}

func FuzzParse(f *testing.F) { fuzzParser(f, cidr.Parse, false) }

func FuzzParseVPC(f *testing.F) {
	fuzzParser(f, func(s string) (netip.Prefix, error) {
		p, err := cidr.ParseVPC(s)
		if err == nil && (!p.Addr().Is4() || p.Bits() < cidr.MinVPCBits || p.Bits() > cidr.MaxVPCBits) {
			panic("ParseVPC accepted " + s)
		}
		return p, err
	}, true)
}

func FuzzParseVPCIPv6(f *testing.F) {
	fuzzParser(f, func(s string) (netip.Prefix, error) {
		p, err := cidr.ParseVPCIPv6(s)
		if err == nil && (!p.Addr().Is6() || p.Addr().Is4In6() || p.Bits() < cidr.MinVPCIPv6Bits || p.Bits() > cidr.MaxVPCIPv6Bits || p.Bits()%4 != 0) {
			panic("ParseVPCIPv6 accepted " + s)
		}
		return p, err
	}, true)
}

func FuzzParseDestination(f *testing.F) {
	fuzzParser(f, func(s string) (netip.Prefix, error) {
		p, err := cidr.ParseDestination("destinationIpv6CidrBlock", s)
		var ce *cidr.Error
		if errors.As(err, &ce) && ce.Param != "destinationIpv6CidrBlock" {
			panic("ParseDestination lost the parameter name")
		}
		return p, err
	}, false)
}

// FuzzSet and FuzzPairs run the Set and pairwise properties under the
// native fuzzer, which steers rapid's generators.
func FuzzSet(f *testing.F)   { f.Fuzz(rapid.MakeFuzz(setAgreesWithScan)) }
func FuzzPairs(f *testing.F) { f.Fuzz(rapid.MakeFuzz(pairsAgreeWithScan)) }
