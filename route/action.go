package route

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
)

// CreateRoute returns t with a static route (origin CreateRoute) from dest
// to target. dest is canonicalised (host bits cleared). The checks run in
// this order (spec H.12), and the first that fails decides the error
// (*Error, Op "create-route"):
//
//   - dest is not a valid prefix: ErrDestination, InvalidParameterValue;
//     the zero target: ErrNoTarget, MissingParameter;
//   - a local or static route for dest exists: ErrRouteExists,
//     RouteAlreadyExists ("The route identified by 10.0.0.0/16 already
//     exists."); a propagated route for dest does not count: the static
//     route overrides it;
//   - dest is equal to or inside 169.254.168.0/22 or fd00:ec2::/32:
//     ErrReserved, InvalidParameterValue;
//   - the local target: ErrTargetUnsupported, InvalidParameterValue (only
//     [Table.ReplaceRoute] restores a local target);
//   - dest is equal to or more specific than a VPC block and is not the
//     whole CIDR of a subnet with a network interface, NAT gateway or
//     Gateway Load Balancer endpoint target: ErrMoreSpecific,
//     InvalidParameterValue with AWS's message;
//   - the target does not take dest's family (egress-only internet gateways
//     take only IPv6, NAT and carrier gateways only IPv4, but for a NAT
//     gateway's NAT64 block, 64:ff9b::/96): ErrFamily, InvalidParameterValue;
//   - the target does not exist: ErrTargetNotFound with the kind's NotFound
//     code (InvalidVpcPeeringConnectionID.NotFound, ...); a peering
//     connection that is deleting or in a terminal status counts as absent
//     (spec H.11);
//   - a gateway that must be attached is detached: ErrNotAttached,
//     Gateway.NotAttached; a target of another VPC, or a peering connection
//     neither of whose VPCs is t's: ErrDifferentNetworks,
//     InvalidParameterValue ("route table rtb-... and network gateway pcx-...
//     belong to different networks");
//   - t already holds [Table.RouteQuota] static routes of dest's family:
//     ErrRouteLimit, RouteLimitExceeded.
//
// The route is active, except that a route to a peering connection that is
// initiating-request, pending-acceptance or provisioning is created in state
// blackhole (spec H.11). A failed CreateRoute returns t unchanged.
func (t Table) CreateRoute(dest netip.Prefix, target Target, r Resolver) (Table, error) {
	const op = "create-route"
	dest, err := t.destination(op, dest)
	if err != nil {
		return t, err
	}
	if !target.IsValid() {
		return t, noTarget(op, t.id)
	}
	i, exists := t.findRoute(dest)
	if exists {
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.RouteAlreadyExists, Err: ErrRouteExists,
			msg: fmt.Sprintf("The route identified by %s already exists.", dest)}
	}
	if reserved(dest) {
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.InvalidParameterValue, Err: ErrReserved,
			msg: fmt.Sprintf("The destination CIDR block %s is equal to or more specific than a range reserved by AWS (%s, %s).", dest, reservedIPv4, reservedIPv6)}
	}
	if target.Kind() == KindLocal {
		return t, &Error{Op: op, ID: t.id, Input: target.id, Code: ec2.InvalidParameterValue, Err: ErrTargetUnsupported,
			msg: "Route target local is supported only by the local routes of the route table."}
	}
	if t.inBlock(dest) && !(supportsLocalBlock(target.Kind()) && r.IsSubnet(t.vpcID, dest)) {
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.InvalidParameterValue, Err: ErrMoreSpecific,
			msg: fmt.Sprintf("The destination CIDR block %s is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.", dest)}
	}
	state, err := t.checkTarget(op, dest, target, r)
	if err != nil {
		return t, err
	}
	if t.staticCount(dest.Addr().Is4()) >= t.quota {
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.RouteLimitExceeded, Err: ErrRouteLimit,
			msg: fmt.Sprintf("The maximum number of routes (%d) has been reached for route table %s.", t.quota, t.id)}
	}
	e := t.newEntry(dest, target, OriginCreateRoute, state)
	t.routes = inserted(t.routes, i, e)
	if v := t.v.withStatic(i, e, t.routes, t.targets); v != nil {
		t.v = v
		return t, nil
	}
	return t.rebuild(), nil
}

// staticCount returns the number of routes with origin CreateRoute in one
// family.
func (t Table) staticCount(v4 bool) int {
	n := 0
	for _, e := range t.routes {
		if e.origin == originStatic && e.v6 != v4 {
			n++
		}
	}
	return n
}

// ReplaceRoute returns t with the route for exactly dest pointing at target
// instead; the route keeps its origin. Replacing a local route's target is
// allowed with a network interface, NAT gateway or Gateway Load Balancer
// endpoint, and [LocalTarget] restores it. Replacing a route with the target
// it already has succeeds and changes nothing but its state.
//
// Errors (*Error, Op "replace-route"): a bad dest or zero target as in
// [Table.CreateRoute]; no local or static route for dest: ErrRouteNotFound,
// InvalidParameterValue ("There is no route defined for '...' in the route
// table. Use CreateRoute instead."); an unsupported target for a local route:
// ErrTargetUnsupported, InvalidParameterValue ("Route target is not
// supported. This route only supports interface and instance targets.");
// the local target for another route: ErrNotLocalRoute,
// InvalidParameterValue; then the target checks of [Table.CreateRoute]. A
// failed ReplaceRoute returns t unchanged.
func (t Table) ReplaceRoute(dest netip.Prefix, target Target, r Resolver) (Table, error) {
	const op = "replace-route"
	dest, err := t.destination(op, dest)
	if err != nil {
		return t, err
	}
	if !target.IsValid() {
		return t, noTarget(op, t.id)
	}
	i, ok := t.findRoute(dest)
	if !ok {
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.InvalidParameterValue, Err: ErrRouteNotFound,
			msg: fmt.Sprintf("There is no route defined for '%s' in the route table. Use CreateRoute instead.", dest)}
	}
	old := t.at(t.routes[i])
	switch {
	case old.IsLocal() && target.Kind() != KindLocal && !supportsLocalBlock(target.Kind()):
		return t, &Error{Op: op, ID: t.id, Input: target.id, Code: ec2.InvalidParameterValue, Err: ErrTargetUnsupported,
			msg: "Route target is not supported. This route only supports interface and instance targets."}
	case !old.IsLocal() && target.Kind() == KindLocal:
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.InvalidParameterValue, Err: ErrNotLocalRoute,
			msg: fmt.Sprintf("The route identified by %s is not a local route; only a local route can have the local target.", dest)}
	case !old.IsLocal() && t.inBlock(dest) && !supportsLocalBlock(target.Kind()):
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.InvalidParameterValue, Err: ErrMoreSpecific,
			msg: fmt.Sprintf("The destination CIDR block %s is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.", dest)}
	}
	state, err := t.checkTarget(op, dest, target, r)
	if err != nil {
		return t, err
	}
	e := t.newEntry(dest, target, old.Origin, state)
	t.routes = slices.Clone(t.routes)
	t.routes[i] = e
	t.compactTargets()
	if v := t.v.withEntries(t.routes, t.targets); v != nil {
		t.v = v
		return t, nil
	}
	return t.rebuild(), nil
}

// DeleteRoute returns t without the static route for exactly dest.
//
// Errors (*Error, Op "delete-route"): a bad dest: ErrDestination,
// InvalidParameterValue; no static route for dest: ErrRouteNotFound,
// InvalidRoute.NotFound ("no route with destination-cidr-block ... in route
// table ..."); a local route: ErrLocalRoute, InvalidParameterValue ("cannot
// remove local route ... in route table ..."). Propagated routes go only
// through [Table.SetPropagated] and [Table.DisablePropagation]. A failed
// DeleteRoute returns t unchanged.
func (t Table) DeleteRoute(dest netip.Prefix) (Table, error) {
	const op = "delete-route"
	dest, err := t.destination(op, dest)
	if err != nil {
		return t, err
	}
	i, ok := t.findRoute(dest)
	if !ok {
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.RouteNotFound, Err: ErrRouteNotFound,
			msg: fmt.Sprintf("no route with %s %s in route table %s", destParam(dest), dest, t.id)}
	}
	if t.routes[i].isLocal() {
		return t, &Error{Op: op, ID: t.id, Input: dest.String(), Code: ec2.InvalidParameterValue, Err: ErrLocalRoute,
			msg: fmt.Sprintf("cannot remove local route %s in route table %s", dest, t.id)}
	}
	t.routes = slices.Delete(slices.Clone(t.routes), i, i+1)
	return t.rebuild(), nil
}

// Reconcile returns t with every route's state recomputed from what r says
// now: a route to a target that no longer exists, a gateway detached from
// the VPC, or a peering connection that is not active turns blackhole, and
// turns active again when its target is usable. Local routes with the local
// target are always active. A propagating gateway that r no longer reports
// as attached to t's VPC loses its propagated routes (it stays in
// [Table.PropagatingGateways]). Reconcile is idempotent.
func (t Table) Reconcile(r Resolver) Table {
	routes := slices.Clone(t.routes)
	for i, e := range routes {
		routes[i].state = uint8(slices.Index(states[:], t.stateOf(t.targets[e.target], r)))
	}
	t.routes = routes
	vgws := slices.Clone(t.vgws)
	for i, p := range vgws {
		if t.stateOf(p.vgw, r) != status.RouteActive {
			vgws[i].prefixes = nil
		}
	}
	t.vgws = vgws
	return t.rebuild()
}

// rebuild returns t with its view rebuilt from its routes and propagations.
func (t Table) rebuild() Table {
	t.compactTargets()
	var prop []entry
	for _, p := range t.vgws {
		for _, d := range p.prefixes {
			if _, dup := t.findRoute(d); dup {
				continue
			}
			prop = append(prop, t.newEntry(d, p.vgw, OriginEnableVgwRoutePropagation, status.RouteActive))
		}
	}
	if len(t.vgws) > 1 {
		// the first gateway (by ID) that propagates a prefix keeps it
		slices.SortStableFunc(prop, entry.cmp)
		prop = slices.CompactFunc(prop, func(a, b entry) bool { return a.cmp(b) == 0 })
	}
	t.v = buildView(t.routes, prop, t.targets)
	return t
}
