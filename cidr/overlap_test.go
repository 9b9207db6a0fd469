package cidr_test

import (
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/cidr"
)

func TestOverlapsAndContains(t *testing.T) {
	p := netip.MustParsePrefix
	tests := []struct {
		a, b               netip.Prefix
		overlaps, contains bool // contains: a contains b
	}{
		{a: p("10.0.0.0/16"), b: p("10.0.0.0/16"), overlaps: true, contains: true},
		{a: p("10.0.0.0/16"), b: p("10.0.255.0/24"), overlaps: true, contains: true},
		{a: p("10.0.255.0/24"), b: p("10.0.0.0/16"), overlaps: true},
		{a: p("10.0.0.0/16"), b: p("10.1.0.0/16")},
		{a: p("10.0.0.0/16"), b: p("9.255.255.255/32")},
		{a: p("10.0.0.0/16"), b: p("10.0.255.255/32"), overlaps: true, contains: true},
		{a: p("0.0.0.0/0"), b: p("255.255.255.255/32"), overlaps: true, contains: true},
		{a: p("0.0.0.0/0"), b: p("::/0")}, // families never meet
		{a: p("::/0"), b: p("::ffff:10.0.0.0/104"), overlaps: true, contains: true},
		{a: p("10.0.0.0/8"), b: p("::ffff:10.0.0.0/104")},
		{a: p("2600:1f00::/56"), b: p("2600:1f00:0:ff::/64"), overlaps: true, contains: true},
		{a: p("2600:1f00::/56"), b: p("2600:1f00:0:100::/64")},
		{a: netip.Prefix{}, b: p("0.0.0.0/0")},
		{a: p("0.0.0.0/0"), b: netip.Prefix{}},
	}
	for _, tt := range tests {
		if got := cidr.Overlaps(tt.a, tt.b); got != tt.overlaps {
			t.Errorf("Overlaps(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.overlaps)
		}
		if got := cidr.Overlaps(tt.b, tt.a); got != tt.overlaps {
			t.Errorf("Overlaps(%v, %v) = %v, want %v (symmetry)", tt.b, tt.a, got, tt.overlaps)
		}
		if got := cidr.Contains(tt.a, tt.b); got != tt.contains {
			t.Errorf("Contains(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.contains)
		}
	}
}

func TestOverlapsAny(t *testing.T) {
	p := netip.MustParsePrefix
	requester := []netip.Prefix{p("10.0.0.0/16"), p("100.64.0.0/20"), p("2600:1f00::/56")}
	tests := []struct {
		name   string
		bs     []netip.Prefix
		wantA  netip.Prefix
		wantB  netip.Prefix
		wantOK bool
	}{
		{name: "disjoint", bs: []netip.Prefix{p("10.1.0.0/16"), p("2600:1f00:0:100::/56")}},
		{name: "secondary overlaps", bs: []netip.Prefix{p("10.1.0.0/16"), p("100.64.8.0/21")},
			wantA: p("100.64.0.0/20"), wantB: p("100.64.8.0/21"), wantOK: true},
		{name: "first in order of as, then bs", bs: []netip.Prefix{p("100.64.0.0/24"), p("10.0.5.0/24"), p("10.0.0.0/8")},
			wantA: p("10.0.0.0/16"), wantB: p("10.0.5.0/24"), wantOK: true},
		{name: "IPv6 overlap", bs: []netip.Prefix{p("2600:1f00::/48")}, wantA: p("2600:1f00::/56"), wantB: p("2600:1f00::/48"), wantOK: true},
		{name: "empty", bs: nil},
	}
	for _, tt := range tests {
		a, b, ok := cidr.OverlapsAny(requester, tt.bs)
		if a != tt.wantA || b != tt.wantB || ok != tt.wantOK {
			t.Errorf("%s: OverlapsAny = %v, %v, %v, want %v, %v, %v", tt.name, a, b, ok, tt.wantA, tt.wantB, tt.wantOK)
		}
	}
}
