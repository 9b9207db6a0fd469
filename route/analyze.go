package route

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/status"
)

// Peering is what [Table.Analyze] needs to know about a VPC peering
// connection: its ID, status code and the two VPCs with their blocks. The
// zero Peering is not valid.
type Peering struct {
	ID        string // "pcx-..."
	Status    status.Code
	Requester VPC
	Accepter  VPC
}

// Problem names a reason a route can never carry traffic. The zero Problem
// is not valid.
type Problem string

// The problems [Table.Analyze] reports.
const (
	// ProblemNonTransitive: a route through a peering connection whose
	// destination overlaps no block of the peer VPC. EC2 has no transitive
	// peering and no edge-to-edge routing: a peered VPC does not forward
	// traffic on to a third VPC, a VPN, an internet gateway or a NAT gateway.
	ProblemNonTransitive Problem = "non-transitive"
	// ProblemShadowed: no address selects the route, because more specific
	// routes cover all of its destination, or because it is a propagated
	// route inside a VPC block, where the local route always wins.
	ProblemShadowed Problem = "shadowed"
)

var problems = []Problem{ProblemNonTransitive, ProblemShadowed}

// Values returns every valid Problem: non-transitive, shadowed.
func (Problem) Values() []Problem { return slices.Clone(problems) }

// IsValid reports whether p is one of [Problem.Values].
func (p Problem) IsValid() bool { return slices.Contains(problems, p) }

// String returns p.
func (p Problem) String() string { return string(p) }

// Finding is one route [Table.Analyze] flags, with the problem and a
// sentence that explains it. The zero Finding is not valid. Finding supports
// == and can be a map key.
type Finding struct {
	Route   Route
	Problem Problem
	Reason  string
}

// Analyze reports the routes of t that can never carry traffic, in the
// order of [Table.Routes] (non-transitive before shadowed for one route).
// peerings are the connections t's routes go through; routes to a
// connection not listed are not judged for transitivity. EC2 accepts all of
// these routes; Analyze finds what no emulator and no API call reports.
func (t Table) Analyze(peerings []Peering) []Finding {
	if t.v == nil {
		return nil
	}
	selected := make([]bool, len(t.v.entries))
	for _, i := range t.v.v4.vals {
		if i >= 0 {
			selected[i] = true
		}
	}
	for _, i := range t.v.v6.vals {
		if i >= 0 {
			selected[i] = true
		}
	}
	var out []Finding
	for i, e := range t.v.entries {
		r := routeOf(e, t.v.targets)
		if r.Target.Kind() == KindPeeringConnection {
			j := slices.IndexFunc(peerings, func(p Peering) bool { return p.ID == r.Target.id })
			if j >= 0 {
				peer, ok := peerings[j].peerOf(t.vpcID)
				if _, _, reaches := cidr.OverlapsAny(peer.Blocks, []netip.Prefix{r.Destination}); ok && !reaches {
					out = append(out, Finding{Route: r, Problem: ProblemNonTransitive,
						Reason: fmt.Sprintf("%s lies outside every CIDR block of %s, the VPC at the other end of %s; peered VPCs do not forward traffic onwards", r.Destination, peer.ID, r.Target.id)})
				}
			}
		}
		if !selected[i] {
			reason := "more specific routes cover every address of " + r.Destination.String()
			if r.IsPropagated() && t.inBlock(r.Destination) {
				reason = fmt.Sprintf("propagated route %s lies inside a VPC block, where the local route always wins", r.Destination)
			}
			out = append(out, Finding{Route: r, Problem: ProblemShadowed, Reason: reason})
		}
	}
	return out
}

// peerOf returns the VPC at the other end of p from vpcID.
func (p Peering) peerOf(vpcID string) (VPC, bool) {
	switch vpcID {
	case p.Requester.ID:
		return p.Accepter, true
	case p.Accepter.ID:
		return p.Requester, true
	}
	return VPC{}, false
}
