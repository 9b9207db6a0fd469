package cidr

import "net/netip"

// Overlaps reports whether a and b share at least one address. Prefixes of
// different families never overlap; an invalid prefix overlaps nothing.
func Overlaps(a, b netip.Prefix) bool { return a.IsValid() && b.IsValid() && a.Overlaps(b) }

// Contains reports whether outer contains every address of inner.
func Contains(outer, inner netip.Prefix) bool {
	return outer.IsValid() && inner.IsValid() && outer.Bits() <= inner.Bits() &&
		outer.Addr().Is4() == inner.Addr().Is4() && outer.Contains(inner.Addr())
}

// OverlapsAny reports whether any prefix of as overlaps any prefix of bs, and
// returns the first such pair (in the order of as, then bs). It is the check
// EC2 makes between the CIDR blocks of two VPCs, primary and secondary blocks
// alike. Small inputs are compared pair by pair; large ones through a [Set]
// of bs, in O((n + m) log m).
func OverlapsAny(as, bs []netip.Prefix) (a, b netip.Prefix, ok bool) {
	if len(as)*len(bs) <= 256 {
		for _, a := range as {
			for _, b := range bs {
				if Overlaps(a, b) {
					return a, b, true
				}
			}
		}
		return netip.Prefix{}, netip.Prefix{}, false
	}
	set := NewSet(bs...)
	for _, a := range as {
		if !set.Overlaps(a) {
			continue
		}
		for _, b := range bs {
			if Overlaps(a, b) {
				return a, b, true
			}
		}
	}
	return netip.Prefix{}, netip.Prefix{}, false
}
