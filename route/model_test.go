package route_test

import (
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
)

// model is what a table of VPC A routes, kept apart from the package: a
// map of local and static routes and a map of what each propagating
// gateway advertises, updated from the same actions by rules written from
// the package documentation (doc.go's tables and Lookup's doc), never from
// its code or its state. It takes the table's verdict on whether an action
// is accepted (the table tests pin those), except where the verdict
// follows from the model alone, and then checks it.
type model struct {
	routes map[netip.Prefix]modelRoute     // local and static routes by destination
	vgws   map[route.Target][]netip.Prefix // propagating gateways and their prefixes
}

type modelRoute struct {
	target route.Target
	local  bool // origin CreateRouteTable
	state  status.RouteState
}

// newModel returns the model of newTable: one active local route per block.
func newModel() model {
	m := model{routes: map[netip.Prefix]modelRoute{}, vgws: map[route.Target][]netip.Prefix{}}
	for _, b := range []netip.Prefix{mpp("10.0.0.0/16"), mpp("2600:1f18::/56")} {
		m.routes[b] = modelRoute{target: route.LocalTarget(), local: true, state: status.RouteActive}
	}
	return m
}

// mustRefuse returns a reason the model knows a must be refused, or "".
func (m model) mustRefuse(a action) string {
	dest := a.dest.Masked()
	r, exists := m.routes[dest]
	_, propagating := m.vgws[a.target]
	switch a.op {
	case "create":
		if exists {
			return "the destination has a route"
		}
	case "replace":
		if !exists {
			return "the destination has no route"
		}
	case "delete":
		if !exists || r.local {
			return "the destination has no static route"
		}
	case "disassociate-block":
		if !exists || !r.local {
			return "no such block"
		}
	case "enable", "disable":
		if a.target.Kind() != route.KindVPNGateway {
			return "not a virtual private gateway"
		}
	case "set-propagated":
		if !propagating {
			return "the gateway does not propagate"
		}
	}
	return ""
}

// isNoop reports whether the documentation promises that a, accepted,
// changes nothing: enabling a gateway twice, disabling one that does not
// propagate.
func (m model) isNoop(a action) bool {
	_, propagating := m.vgws[a.target]
	return a.op == "enable" && propagating || a.op == "disable" && !propagating
}

// apply updates m for a, which the table accepted.
func (m model) apply(a action, worlds []route.Catalog) {
	dest := a.dest.Masked()
	switch a.op {
	case "create":
		m.routes[dest] = modelRoute{target: a.target, state: createState(a.target, worlds[0])}
	case "replace":
		r := m.routes[dest]
		r.target, r.state = a.target, createState(a.target, worlds[0])
		m.routes[dest] = r
	case "delete":
		delete(m.routes, dest)
	case "enable":
		if _, ok := m.vgws[a.target]; !ok {
			m.vgws[a.target] = nil
		}
	case "disable":
		delete(m.vgws, a.target)
	case "set-propagated":
		var ps []netip.Prefix
		for _, p := range a.prefixes {
			if p := p.Masked(); !slices.Contains(ps, p) {
				ps = append(ps, p)
			}
		}
		m.vgws[a.target] = ps
	case "associate-block":
		m.routes[dest] = modelRoute{target: route.LocalTarget(), local: true, state: status.RouteActive}
	case "disassociate-block":
		delete(m.routes, dest)
	case "reconcile":
		w := worlds[a.world]
		for d, r := range m.routes {
			r.state = reconcileState(r.target, w)
			m.routes[d] = r
		}
		for g := range m.vgws {
			if reconcileState(g, w) != status.RouteActive {
				m.vgws[g] = nil
			}
		}
	}
}

// createState is doc.go's "at CreateRoute" column: a route to a peering
// connection that is not yet active is a blackhole, every other accepted
// route is active.
func createState(tg route.Target, w route.Catalog) status.RouteState {
	if tg.Kind() == route.KindPeeringConnection && w.Targets[tg].Status != status.Active {
		return status.RouteBlackhole
	}
	return status.RouteActive
}

// reconcileState is doc.go's "after Reconcile" column: local is active; a
// target that is gone, a gateway detached or in another VPC, a peering
// connection that is not active or not VPC A's, is a blackhole. Transit
// gateways and core networks serve no one VPC.
func reconcileState(tg route.Target, w route.Catalog) status.RouteState {
	if tg == route.LocalTarget() {
		return status.RouteActive
	}
	info, ok := w.Targets[tg]
	switch {
	case !ok:
		return status.RouteBlackhole
	case tg.Kind() == route.KindPeeringConnection && info.Status != status.Active:
		return status.RouteBlackhole
	case tg.Kind() == route.KindTransitGateway || tg.Kind() == route.KindCoreNetwork:
		return status.RouteActive
	case !slices.Contains(info.VPCIDs, vpcA):
		return status.RouteBlackhole
	}
	return status.RouteActive
}

// gateways returns the propagating gateways sorted by ID: the first that
// advertises a prefix is the one its route goes to.
func (m model) gateways() []route.Target {
	gs := slices.Collect(maps.Keys(m.vgws))
	slices.SortFunc(gs, func(a, b route.Target) int { return strings.Compare(a.ID(), b.ID()) })
	return gs
}

// visible returns the routes Routes should list: every local and static
// route, and each propagated prefix no local or static route has, routed
// to the first gateway (by ID) that advertises it; IPv4 first, then by
// address and length.
func (m model) visible() []route.Route {
	var out []route.Route
	for d, r := range m.routes {
		origin := route.OriginCreateRoute
		if r.local {
			origin = route.OriginCreateRouteTable
		}
		out = append(out, route.Route{Destination: d, Target: r.target, Origin: origin, State: r.state})
	}
	seen := map[netip.Prefix]bool{}
	for _, g := range m.gateways() {
		for _, p := range m.vgws[g] {
			if _, static := m.routes[p]; static || seen[p] {
				continue
			}
			seen[p] = true
			out = append(out, route.Route{Destination: p, Target: g, Origin: route.OriginEnableVgwRoutePropagation, State: status.RouteActive})
		}
	}
	slices.SortFunc(out, func(a, b route.Route) int {
		if c := a.Destination.Addr().Compare(b.Destination.Addr()); c != 0 {
			return c
		}
		return a.Destination.Bits() - b.Destination.Bits()
	})
	return out
}

// lookup is Lookup's doc as a linear scan over the model: the longest
// matching prefix wins; a propagated route is no candidate where a local
// route matches; on equal prefixes a static or local route beats a
// propagated one, and the first gateway by ID beats the others.
func (m model) lookup(addr netip.Addr) (route.Route, bool) {
	var best route.Route
	found := false
	consider := func(r route.Route) {
		switch {
		case !r.Destination.Contains(addr):
		case !found, r.Destination.Bits() > best.Destination.Bits(),
			r.Destination.Bits() == best.Destination.Bits() && best.IsPropagated() && !r.IsPropagated():
			best, found = r, true
		}
	}
	inLocal := false
	for d, r := range m.routes {
		origin := route.OriginCreateRoute
		if r.local {
			origin = route.OriginCreateRouteTable
			inLocal = inLocal || d.Contains(addr)
		}
		consider(route.Route{Destination: d, Target: r.target, Origin: origin, State: r.state})
	}
	if !inLocal {
		for _, g := range m.gateways() {
			for _, p := range m.vgws[g] {
				consider(route.Route{Destination: p, Target: g, Origin: route.OriginEnableVgwRoutePropagation, State: status.RouteActive})
			}
		}
	}
	return best, found
}

// edges returns the addresses at which the model's answer can change: the
// zero address of each family, and the first address and the one past the
// last of every prefix it knows.
func (m model) edges() []netip.Addr {
	out := []netip.Addr{netip.IPv4Unspecified(), netip.IPv6Unspecified()}
	add := func(p netip.Prefix) {
		out = append(out, p.Addr())
		if next := lastAddr(p).Next(); next.IsValid() && next.Is4() == p.Addr().Is4() {
			out = append(out, next)
		}
	}
	for d := range m.routes {
		add(d)
	}
	for _, ps := range m.vgws {
		for _, p := range ps {
			add(p)
		}
	}
	slices.SortFunc(out, netip.Addr.Compare) // map order must not decide a failing trace
	return out
}
