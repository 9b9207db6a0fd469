package route_test

import (
	"net/netip"

	"github.com/vpclab/vpcmodel/route"
)

// oracleLookup is spec E.5 as a linear scan over what the table exports,
// written without the index: every local and static route from Routes()
// and every prefix each gateway propagates, hidden or not, is a candidate;
// a propagated candidate is dropped when a local route matches the address;
// the longest prefix wins and, on equal prefixes, a static route beats a
// propagated one.
func oracleLookup(tb route.Table, addr netip.Addr) (dest netip.Prefix, origin route.Origin, ok bool) {
	type cand struct {
		p      netip.Prefix
		origin route.Origin
	}
	var cands []cand
	local := false
	for _, r := range tb.Routes() {
		if r.IsPropagated() {
			continue
		}
		if r.Destination.Contains(addr) {
			cands = append(cands, cand{r.Destination, r.Origin})
			local = local || r.IsLocal()
		}
	}
	if !local {
		for _, g := range tb.PropagatingGateways() {
			for _, p := range tb.Propagated(g) {
				if p.Contains(addr) {
					cands = append(cands, cand{p, route.OriginEnableVgwRoutePropagation})
				}
			}
		}
	}
	best := -1
	for i, c := range cands {
		switch {
		case best < 0, c.p.Bits() > cands[best].p.Bits():
			best = i
		case c.p.Bits() == cands[best].p.Bits() && cands[best].origin == route.OriginEnableVgwRoutePropagation:
			best = i
		}
	}
	if best < 0 {
		return netip.Prefix{}, "", false
	}
	return cands[best].p, cands[best].origin, true
}
