package route

import (
	"fmt"
	"net/netip"
)

// Gateway route tables. A table associated with an internet or virtual
// private gateway (an edge association) steers the traffic entering the
// VPC through that gateway, so it holds only routes for addresses inside
// the VPC: its local routes, and routes for a whole VPC block or a whole
// subnet block to a network interface or a Gateway Load Balancer endpoint
// (spec K.2). It takes no propagated routes.

// isEdgeTarget reports whether a gateway route table may route to k.
func isEdgeTarget(k TargetKind) bool {
	return k == KindLocal || k == KindNetworkInterface || k == KindVPCEndpoint
}

// IsGatewayTable reports whether t has an edge association.
func (t Table) IsGatewayTable() bool {
	for _, a := range t.assocs {
		if a.GatewayID != "" {
			return true
		}
	}
	return false
}

// edgeRouteError returns the refusal of a route for dest to target in a
// gateway route table, or nil when the table may hold it.
func (t Table) edgeRouteError(op string, dest netip.Prefix, target Target) *Error {
	if isEdgeTarget(target.Kind()) && t.inBlock(dest) {
		return nil
	}
	return &Error{Op: op, ID: t.id, Input: target.id, Code: "RouteNotSupported", Err: ErrTargetUnsupported,
		msg: fmt.Sprintf("Route table %s is associated with a gateway: a route for %s to %s is not supported. Its routes target only a network interface or a Gateway Load Balancer endpoint, for a VPC or subnet block.", t.id, dest, target.id)}
}

// checkEdgeAssociation returns the refusal of an edge association of t:
// a route a gateway route table may not hold, or route propagation.
func (t Table) checkEdgeAssociation(op, gatewayID string) *Error {
	for _, e := range t.routes {
		r := t.at(e)
		switch {
		case r.IsLocal() && isEdgeTarget(r.Target.Kind()):
			continue
		case r.Origin == OriginCreateRoute && t.edgeRouteError(op, r.Destination, r.Target) == nil:
			continue
		}
		return &Error{Op: op, ID: t.id, Input: gatewayID, Code: "RouteNotSupported", Err: ErrAssociation,
			msg: fmt.Sprintf("Route table contains unsupported route target: %s. A gateway route table routes only VPC and subnet blocks to network interfaces and Gateway Load Balancer endpoints.", r.Target.id)}
	}
	if len(t.vgws) > 0 {
		return &Error{Op: op, ID: t.id, Input: gatewayID, Code: "RouteNotSupported", Err: ErrAssociation,
			msg: fmt.Sprintf("Route table %s propagates routes from %s; a gateway route table cannot.", t.id, t.vgws[0].vgw.id)}
	}
	return nil
}
