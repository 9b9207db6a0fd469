package tgw

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// RouteTable is a transit gateway route table: its static routes and the
// attachments that propagate to it. Which attachment is associated with it
// is the attachment's ([Attachment.Association]); the routes propagating
// attachments contribute are derived ([RouteTable.Routes]). RouteTable is
// an immutable value; the zero RouteTable is not valid.
type RouteTable struct {
	id, gatewayID string
	state         State
	static        []StaticRoute // sorted by CIDR
	propagating   []string      // attachment IDs, sorted
	created       time.Time
	ended         time.Time
}

// StaticRoute is a static route of a route table: to an attachment, or a
// blackhole (AttachmentID empty).
type StaticRoute struct {
	CIDR         netip.Prefix
	AttachmentID string // "" for a blackhole
}

// IsBlackhole reports whether r drops what it matches.
func (r StaticRoute) IsBlackhole() bool { return r.AttachmentID == "" }

// NewRouteTable returns a route table of gateway g, in state pending,
// created at now. The gateway must be live (IncorrectState otherwise).
func NewRouteTable(id string, g Gateway, now time.Time) (RouteTable, error) {
	if err := malformed("create", id, ec2.TransitGatewayRouteTable); err != nil {
		return RouteTable{}, err
	}
	if !g.state.IsLive() {
		return RouteTable{}, fail("create", g.id, string(g.state), ec2.IncorrectState, ErrState,
			fmt.Sprintf("%s is in invalid state %s", g.id, g.state))
	}
	return RouteTable{id: id, gatewayID: g.id, state: Pending, created: norm(now)}, nil
}

// IsValid reports whether t was made by [NewRouteTable].
func (t RouteTable) IsValid() bool { return t.id != "" }

// ID returns the table's ID, "tgw-rtb-…".
func (t RouteTable) ID() string { return t.id }

// GatewayID returns the table's transit gateway.
func (t RouteTable) GatewayID() string { return t.gatewayID }

// State returns the table's state: pending, available, deleting or
// deleted.
func (t RouteTable) State() State { return t.state }

// CreateTime returns when the table was created.
func (t RouteTable) CreateTime() time.Time { return t.created }

// StaticRoutes returns the table's static routes, by CIDR.
func (t RouteTable) StaticRoutes() []StaticRoute { return slices.Clone(t.static) }

// Propagating returns the attachments that propagate to the table, in ID
// order.
func (t RouteTable) Propagating() []string { return slices.Clone(t.propagating) }

// IsDue reports whether the table has a step to take by itself.
func (t RouteTable) IsDue() bool { return t.state == Pending || t.state == Deleting }

// Settle returns t after the step EC2 takes by itself at now.
func (t RouteTable) Settle(now time.Time) RouteTable {
	next := t.state.settled()
	if next == Deleted && t.state != Deleted {
		t.ended = norm(now)
		t.static, t.propagating = nil, nil
	}
	t.state = next
	return t
}

// ExpiresAt returns when a deleted table stops being listed, and false in
// any other state.
func (t RouteTable) ExpiresAt() (time.Time, bool) {
	if t.state != Deleted {
		return time.Time{}, false
	}
	return t.ended.Add(DeletedRetention), true
}

// Delete returns t deleting. A table the gateway uses as a default
// (isDefault), or with an attachment associated (associated > 0), stays
// (IncorrectState); a table deleting or deleted is not found.
func (t RouteTable) Delete(isDefault bool, associated int) (RouteTable, error) {
	switch {
	case t.state == Deleting || t.state == Deleted:
		return t, t.notFound("delete")
	case isDefault:
		return t, fail("delete", t.id, "", ec2.IncorrectState, ErrDependency,
			fmt.Sprintf("%s is the default association or propagation route table of %s", t.id, t.gatewayID))
	case associated > 0:
		return t, fail("delete", t.id, "", ec2.IncorrectState, ErrDependency,
			fmt.Sprintf("%s has non-deleted associations", t.id))
	}
	t.state = Deleting
	return t, nil
}

// DeleteWithGateway returns t deleting, as the deletion of its gateway
// takes it along, whatever it holds.
func (t RouteTable) DeleteWithGateway() RouteTable {
	if t.state.IsLive() {
		t.state = Deleting
	}
	return t
}

func (t RouteTable) notFound(op string) *Error {
	return fail(op, t.id, t.id, ec2.TransitGatewayRouteTable.NotFound, ErrState,
		fmt.Sprintf("Transit Gateway Route Table %s was deleted or does not exist.", t.id))
}

// usable refuses a table that is not available.
func (t RouteTable) usable(op string) *Error {
	switch t.state {
	case Available:
		return nil
	case Deleting, Deleted:
		return t.notFound(op)
	}
	return fail(op, t.id, string(t.state), ec2.IncorrectState, ErrState, fmt.Sprintf("%s is in invalid state %s", t.id, t.state))
}

// EnablePropagation returns t with attachment a propagating to it. Both
// must be available and of the same gateway; a propagating attachment is
// refused (TransitGatewayRouteTablePropagation.Duplicate).
func (t RouteTable) EnablePropagation(a Attachment) (RouteTable, error) {
	if err := t.usable("enable-propagation"); err != nil {
		return t, err
	}
	if err := a.usableWith(t, "enable-propagation"); err != nil {
		return t, err
	}
	i, found := slices.BinarySearch(t.propagating, a.id)
	if found {
		return t, fail("enable-propagation", a.id, t.id, "TransitGatewayRouteTablePropagation.Duplicate", ErrAlreadyPropagating,
			fmt.Sprintf("Propagation for %s already exists in Transit Gateway Route Table %s.", a.id, t.id))
	}
	t.propagating = slices.Insert(slices.Clone(t.propagating), i, a.id)
	return t, nil
}

// DisablePropagation returns t without attachment id propagating to it
// (TransitGatewayRouteTablePropagation.NotFound when it does not).
func (t RouteTable) DisablePropagation(id string) (RouteTable, error) {
	if t.state == Deleting || t.state == Deleted {
		return t, t.notFound("disable-propagation")
	}
	i, found := slices.BinarySearch(t.propagating, id)
	if !found {
		return t, fail("disable-propagation", id, t.id, "TransitGatewayRouteTablePropagation.NotFound", ErrNotPropagating,
			fmt.Sprintf("Propagation for %s does not exist in Transit Gateway Route Table %s.", id, t.id))
	}
	t.propagating = slices.Delete(slices.Clone(t.propagating), i, i+1)
	return t, nil
}

// Forget returns t without attachment id propagating to it: the
// attachment is deleted. Static routes to it stay, as blackholes
// ([RouteTable.Routes]).
func (t RouteTable) Forget(id string) RouteTable {
	if i, found := slices.BinarySearch(t.propagating, id); found {
		t.propagating = slices.Delete(slices.Clone(t.propagating), i, i+1)
	}
	return t
}

// CreateRoute returns t with a static route to cidr: to attachment a, or a
// blackhole when blackhole is set (a is then ignored). The attachment must
// be of t's gateway and not deleted; a static route to the same CIDR is
// refused (RouteAlreadyExists).
func (t RouteTable) CreateRoute(cidr netip.Prefix, a Attachment, blackhole bool) (RouteTable, error) {
	if err := t.usable("create-route"); err != nil {
		return t, err
	}
	if !cidr.IsValid() || cidr != cidr.Masked() {
		return t, fail("create-route", t.id, cidr.String(), ec2.InvalidParameterValue, ErrInvalid,
			fmt.Sprintf("The destination CIDR block %s is not a valid network address.", cidr))
	}
	r := StaticRoute{CIDR: cidr}
	if !blackhole {
		if err := a.usableWith(t, "create-route"); err != nil {
			return t, err
		}
		r.AttachmentID = a.id
	}
	i, found := slices.BinarySearchFunc(t.static, cidr, func(s StaticRoute, p netip.Prefix) int { return comparePrefix(s.CIDR, p) })
	if found {
		return t, fail("create-route", t.id, cidr.String(), "RouteAlreadyExists", ErrRouteExists,
			fmt.Sprintf("Route %s already exists in Transit Gateway Route Table %s.", cidr, t.id))
	}
	t.static = slices.Insert(slices.Clone(t.static), i, r)
	return t, nil
}

// DeleteRoute returns t without its static route to cidr
// (InvalidRoute.NotFound when it has none).
func (t RouteTable) DeleteRoute(cidr netip.Prefix) (RouteTable, StaticRoute, error) {
	if t.state == Deleting || t.state == Deleted {
		return t, StaticRoute{}, t.notFound("delete-route")
	}
	i, found := slices.BinarySearchFunc(t.static, cidr, func(s StaticRoute, p netip.Prefix) int { return comparePrefix(s.CIDR, p) })
	if !found {
		return t, StaticRoute{}, fail("delete-route", t.id, cidr.String(), "InvalidRoute.NotFound", ErrNoRoute,
			fmt.Sprintf("No route with destination-cidr-block %s in Transit Gateway Route Table %s", cidr, t.id))
	}
	r := t.static[i]
	t.static = slices.Delete(slices.Clone(t.static), i, i+1)
	return t, r, nil
}

// comparePrefix orders prefixes by family, address, then length.
func comparePrefix(a, b netip.Prefix) int {
	if c := a.Addr().Compare(b.Addr()); c != 0 {
		return c
	}
	return cmp.Compare(a.Bits(), b.Bits())
}

// RouteType is how a route came into a table, as EC2 spells it.
type RouteType string

// The route types.
const (
	Static     RouteType = "static"
	Propagated RouteType = "propagated"
)

// RouteState is a route's state as EC2 spells it.
type RouteState string

// The route states this model reports.
const (
	RouteActive    RouteState = "active"
	RouteBlackhole RouteState = "blackhole"
)

// Route is one route of a table as SearchTransitGatewayRoutes shows it.
type Route struct {
	CIDR netip.Prefix
	Type RouteType
	// State is active when the route leads to an attachment that is
	// available, blackhole otherwise.
	State RouteState
	// AttachmentIDs lists the attachments the route leads to, in ID order:
	// one for a static route, one or more for a propagated CIDR, none for a
	// blackhole.
	AttachmentIDs []string
}

// Source is what the table needs to know of one attachment to derive its
// routes: whether it carries traffic, and the CIDRs it propagates (a VPC
// attachment its VPC's blocks).
type Source struct {
	Available bool
	CIDRs     []netip.Prefix
}

// Routes returns t's routes, by CIDR: its static routes, and for each
// other CIDR the propagating attachments contribute, a propagated route to
// all of them. A static route wins over propagated ones to the same CIDR.
// A route is a blackhole when it has no available attachment (a static
// blackhole, or every attachment gone or not yet available). sources
// answers for each attachment ID; one it lacks counts as gone.
func (t RouteTable) Routes(sources map[string]Source) []Route {
	var out []Route
	seen := map[netip.Prefix]bool{}
	for _, s := range t.static {
		seen[s.CIDR] = true
		r := Route{CIDR: s.CIDR, Type: Static, State: RouteBlackhole}
		if !s.IsBlackhole() {
			r.AttachmentIDs = []string{s.AttachmentID}
			if sources[s.AttachmentID].Available {
				r.State = RouteActive
			}
		}
		out = append(out, r)
	}
	byCIDR := map[netip.Prefix]*Route{}
	for _, id := range t.propagating {
		src, ok := sources[id]
		if !ok {
			continue
		}
		for _, p := range src.CIDRs {
			p = p.Masked()
			if seen[p] {
				continue
			}
			r := byCIDR[p]
			if r == nil {
				r = &Route{CIDR: p, Type: Propagated, State: RouteBlackhole}
				byCIDR[p] = r
			}
			if !slices.Contains(r.AttachmentIDs, id) {
				r.AttachmentIDs = append(r.AttachmentIDs, id)
			}
			if src.Available {
				r.State = RouteActive
			}
		}
	}
	for _, r := range byCIDR {
		slices.Sort(r.AttachmentIDs)
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Route) int { return comparePrefix(a.CIDR, b.CIDR) })
	return out
}

// Lookup returns the route of routes whose CIDR is the longest that
// contains addr, and false when none does. A blackhole route matches like
// any other: traffic it matches is dropped.
func Lookup(routes []Route, addr netip.Addr) (Route, bool) {
	best, found := Route{}, false
	for _, r := range routes {
		if r.CIDR.Contains(addr) && (!found || r.CIDR.Bits() > best.CIDR.Bits()) {
			best, found = r, true
		}
	}
	return best, found
}

// Query is the filters of SearchTransitGatewayRoutes; zero members do not
// filter. Each CIDR filter holds one or more CIDRs, and a route matches
// when it matches any of them.
type Query struct {
	Types         []RouteType
	States        []RouteState
	AttachmentIDs []string
	// ExactMatch: the route's CIDR is one of these.
	ExactMatch []netip.Prefix
	// LongestPrefixMatch: the route is the longest-prefix match of the
	// CIDR among all routes (before the other filters).
	LongestPrefixMatch []netip.Prefix
	// SubnetOfMatch: the route's CIDR is inside (or equal to) one of these.
	SubnetOfMatch []netip.Prefix
	// SupernetOfMatch: the route's CIDR contains (or equals) one of these.
	SupernetOfMatch []netip.Prefix
}

// Search returns the routes that match q, in the order of routes.
func Search(routes []Route, q Query) []Route {
	lpm := map[netip.Prefix]bool{}
	for _, p := range q.LongestPrefixMatch {
		var best *Route
		for i := range routes {
			r := &routes[i]
			if contains(r.CIDR, p) && (best == nil || r.CIDR.Bits() > best.CIDR.Bits()) {
				best = r
			}
		}
		if best != nil {
			lpm[best.CIDR] = true
		}
	}
	var out []Route
	for _, r := range routes {
		switch {
		case len(q.Types) > 0 && !slices.Contains(q.Types, r.Type),
			len(q.States) > 0 && !slices.Contains(q.States, r.State),
			len(q.AttachmentIDs) > 0 && !slices.ContainsFunc(r.AttachmentIDs, func(id string) bool { return slices.Contains(q.AttachmentIDs, id) }),
			len(q.ExactMatch) > 0 && !slices.Contains(q.ExactMatch, r.CIDR),
			len(q.LongestPrefixMatch) > 0 && !lpm[r.CIDR],
			len(q.SubnetOfMatch) > 0 && !slices.ContainsFunc(q.SubnetOfMatch, func(p netip.Prefix) bool { return contains(p, r.CIDR) }),
			len(q.SupernetOfMatch) > 0 && !slices.ContainsFunc(q.SupernetOfMatch, func(p netip.Prefix) bool { return contains(r.CIDR, p) }):
			continue
		}
		out = append(out, r)
	}
	return out
}

// contains reports whether outer contains inner (same family, inner at
// least as long).
func contains(outer, inner netip.Prefix) bool {
	return outer.Addr().Is4() == inner.Addr().Is4() && outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}
