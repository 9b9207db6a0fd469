package route

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// Origin says how a route got into its table, spelled as EC2's RouteOrigin.
// The zero Origin is not valid.
type Origin string

// The route origins. This package never produces [OriginAdvertisement] (VPC
// Route Server); it is listed for parity with the SDK.
const (
	OriginCreateRouteTable          Origin = "CreateRouteTable"
	OriginCreateRoute               Origin = "CreateRoute"
	OriginEnableVgwRoutePropagation Origin = "EnableVgwRoutePropagation"
	OriginAdvertisement             Origin = "Advertisement"
)

// origins lists the origins in the order of Values; entries store an
// origin as its index here. An array, so that Lookup indexes it without a
// bounds check.
var origins = [4]Origin{OriginCreateRouteTable, OriginCreateRoute, OriginEnableVgwRoutePropagation, OriginAdvertisement}

// Values returns every valid Origin: CreateRouteTable, CreateRoute,
// EnableVgwRoutePropagation, Advertisement.
func (Origin) Values() []Origin { return slices.Clone(origins[:]) }

// IsValid reports whether o is one of [Origin.Values].
func (o Origin) IsValid() bool { return slices.Contains(origins[:], o) }

// String returns o as EC2 spells it.
func (o Origin) String() string { return string(o) }

// Route is one entry of a route table as DescribeRouteTables shows it. The
// zero Route is not valid (its Destination is not). Route supports == and
// can be a map key.
type Route struct {
	Destination netip.Prefix // masked; IPv4 (DestinationCidrBlock) or IPv6 (DestinationIpv6CidrBlock)
	Target      Target
	Origin      Origin            // CreateRouteTable for local routes, CreateRoute, EnableVgwRoutePropagation
	State       status.RouteState // active or blackhole
}

// IsLocal reports whether r is one of the table's local routes (origin
// CreateRouteTable), whether or not its target has been replaced.
func (r Route) IsLocal() bool { return r.Origin == OriginCreateRouteTable }

// IsPropagated reports whether r was propagated by a virtual private gateway.
func (r Route) IsPropagated() bool { return r.Origin == OriginEnableVgwRoutePropagation }

// Forwards reports whether traffic matched by r is forwarded to its target.
// A blackhole route matches but drops the traffic.
func (r Route) Forwards() bool { return r.State.Forwards() }

// String returns "destination -> target (state)".
func (r Route) String() string {
	return fmt.Sprintf("%v -> %s (%s)", r.Destination, r.Target.id, r.State)
}

// VPC is what a route table needs to know about its VPC: the ID and the
// CIDR blocks, IPv4 and IPv6 together. The zero VPC is not valid.
type VPC struct {
	ID     string
	Blocks []netip.Prefix
}

// Association links a route table to a subnet, to a gateway (edge
// association), or marks it as its VPC's main table. The zero Association is
// not valid: exactly one of SubnetID, GatewayID and Main must be set.
// Association supports == and can be a map key.
type Association struct {
	ID        string // "rtbassoc-..."
	SubnetID  string // "subnet-...", for a subnet association
	GatewayID string // "igw-..." or "vgw-...", for an edge association
	Main      bool   // the VPC's main route table
}

// Default and maximum routes per table and address family: "Routes per route
// table (non-propagated routes) 50 ... maximum 1,000", enforced separately
// for IPv4 and IPv6. Local routes do not count (a decision of this package;
// AWS does not say). At most MaxPropagatedRoutes propagated routes are kept
// per table ("BGP advertised routes per route table: 100").
const (
	DefaultRouteQuota   = 50
	MaxRouteQuota       = 1000
	MaxPropagatedRoutes = 100
)

// Table is a VPC route table: its local routes (one per VPC block), the
// routes callers created, the routes propagated by virtual private gateways,
// its associations and tags. The zero Table is not valid; use [CreateTable].
//
// A Table is an immutable value: every action returns a new Table and leaves
// the receiver untouched, and a failed action returns the receiver as it was
// together with the error, so a refusal never changes anything. Tables are
// safe for concurrent use. Each action that changes the routes brings the
// table's lookup index up to date, so [Table.Lookup] never builds anything.
type Table struct {
	id, vpcID, ownerID string
	blocks             []netip.Prefix // the VPC's blocks, sorted
	routes             []entry        // local and static routes, sorted by destination, unique
	targets            []Target       // the targets entries refer to; appended to only after slices.Clip
	vgws               []propagation  // propagating gateways, sorted by ID
	assocs             []Association
	tags               tag.Set
	quota              int
	v                  *view // visible routes and the lookup index; never mutated
}

// propagation is one propagating virtual private gateway and the prefixes it
// currently advertises (sorted, unique).
type propagation struct {
	vgw      Target
	prefixes []netip.Prefix
}

// CreateTable returns the new route table id of vpc, owned by the account
// ownerID, with one active local route per VPC block (origin
// CreateRouteTable) and the default route quota.
//
// Errors (*Error, Op "create-table", wrapping ErrTable): a malformed table ID
// (InvalidRouteTableId.Malformed), VPC ID (InvalidVpcID.Malformed) or account
// (InvalidParameterValue); a VPC without an IPv4 block, an invalid block, or
// the same block twice (InvalidParameterValue).
func CreateTable(id, ownerID string, vpc VPC) (Table, error) {
	t, err := createTable(id, ownerID, vpc)
	if err != nil {
		return Table{}, err
	}
	return t.rebuild(), nil
}

// createTable is CreateTable without the lookup index, for a caller that
// changes the table further and then rebuilds it.
func createTable(id, ownerID string, vpc VPC) (Table, error) {
	fail := func(input, code, msg string) (Table, error) {
		return Table{}, &Error{Op: "create-table", ID: id, Input: input, Code: code, Err: ErrTable, msg: msg}
	}
	if err := ec2.RouteTable.ParseID(id); err != nil {
		return fail(id, ec2.RouteTableIDMalformed, ec2Message(err))
	}
	if err := ec2.VPC.ParseID(vpc.ID); err != nil {
		return fail(vpc.ID, ec2.VPCIDMalformed, ec2Message(err))
	}
	if err := ec2.ParseAccount(ownerID); err != nil {
		return fail(ownerID, ec2.InvalidParameterValue, ec2Message(err))
	}
	blocks := slices.Clone(vpc.Blocks)
	slices.SortFunc(blocks, comparePrefix)
	has4 := false
	for i, b := range blocks {
		if !b.IsValid() || b != b.Masked() || b.Addr().Is4In6() || b.Addr().Zone() != "" {
			return fail(b.String(), ec2.InvalidParameterValue, fmt.Sprintf("The CIDR '%s' is invalid.", b))
		}
		if i > 0 && blocks[i-1] == b {
			return fail(b.String(), ec2.InvalidParameterValue, fmt.Sprintf("The CIDR '%s' is invalid.", b))
		}
		has4 = has4 || b.Addr().Is4()
	}
	if !has4 {
		return fail(vpc.ID, ec2.InvalidParameterValue, "A VPC needs an IPv4 CIDR block.")
	}
	t := Table{id: id, vpcID: vpc.ID, ownerID: ownerID, blocks: blocks, quota: DefaultRouteQuota}
	t.routes = make([]entry, len(blocks))
	for i, b := range blocks {
		t.routes[i] = t.newEntry(b, LocalTarget(), OriginCreateRouteTable, status.RouteActive)
	}
	return t, nil
}

// ec2Message returns the EC2 message err carries: that of the *ec2.Error it
// is or wraps, else its text.
func ec2Message(err error) string {
	var e *ec2.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// IsValid reports whether t was made by [CreateTable].
func (t Table) IsValid() bool { return t.id != "" }

// Equal reports whether t and u are the same table: the same ID, VPC,
// owner and blocks, the same local and static routes with their targets,
// origins and states, the same propagating gateways with the prefixes each
// advertises, the same associations in the same order, tags and route
// quota. That is, whether their encodings ([Table.MarshalBinary]) are
// equal; Equal costs no encoding and no allocation. Two zero Tables are
// equal.
func (t Table) Equal(u Table) bool {
	if t.id != u.id || t.vpcID != u.vpcID || t.ownerID != u.ownerID || t.quota != u.quota ||
		len(t.routes) != len(u.routes) || len(t.vgws) != len(u.vgws) ||
		!slices.Equal(t.blocks, u.blocks) || !slices.Equal(t.assocs, u.assocs) || !t.tags.Equal(u.tags) {
		return false
	}
	for i, e := range t.routes {
		if t.at(e) != u.at(u.routes[i]) {
			return false
		}
	}
	for i, p := range t.vgws {
		if q := u.vgws[i]; p.vgw != q.vgw || !slices.Equal(p.prefixes, q.prefixes) {
			return false
		}
	}
	return true
}

// ID returns the route table ID, "rtb-...".
func (t Table) ID() string { return t.id }

// VPCID returns the ID of the table's VPC.
func (t Table) VPCID() string { return t.vpcID }

// OwnerID returns the account that owns the table.
func (t Table) OwnerID() string { return t.ownerID }

// Blocks returns a copy of the VPC's CIDR blocks the table knows, sorted
// (IPv4 first).
func (t Table) Blocks() []netip.Prefix { return slices.Clone(t.blocks) }

// Routes returns a copy of the table's routes as DescribeRouteTables lists
// them: local, static and propagated routes, sorted by destination (IPv4
// first, then by address and prefix length). Each destination appears once:
// when a static or local route and a propagated route share a destination,
// the static or local route is listed (it is the one EC2 uses) and the
// propagated one stays recorded, to reappear when the static route is
// deleted.
func (t Table) Routes() []Route {
	if t.v == nil {
		return nil
	}
	out := make([]Route, len(t.v.entries))
	for i, e := range t.v.entries {
		out[i] = routeOf(e, t.v.targets)
	}
	return out
}

// Route returns the route for exactly dest, as [Table.Routes] lists it, and
// whether there is one.
func (t Table) Route(dest netip.Prefix) (Route, bool) {
	if t.v == nil {
		return Route{}, false
	}
	if !dest.IsValid() {
		return Route{}, false
	}
	i, ok := slices.BinarySearchFunc(t.v.entries, keyOf(dest.Masked()), entry.cmp)
	if !ok {
		return Route{}, false
	}
	return routeOf(t.v.entries[i], t.v.targets), true
}

// PropagatingGateways returns the virtual private gateways that propagate
// routes into t (PropagatingVgws), sorted by ID.
func (t Table) PropagatingGateways() []Target {
	out := make([]Target, len(t.vgws))
	for i, p := range t.vgws {
		out[i] = p.vgw
	}
	return out
}

// Associations returns a copy of the table's associations, in the order
// they were made; nil when there are none.
func (t Table) Associations() []Association {
	if len(t.assocs) == 0 {
		return nil
	}
	return slices.Clone(t.assocs)
}

// CheckDelete returns the error EC2's DeleteRouteTable gives for t, or nil
// when EC2 would delete it: "You must disassociate the route table from
// any subnets before you can delete it. You can't delete the main route
// table." A table with any association (subnet, gateway or main) has
// dependencies. CheckDelete only checks; removing the table is the
// caller's, as this package holds no tables.
//
// Errors (*Error, Op "delete-table"): an association gives ErrDependency,
// DependencyViolation, "The routeTable 'rtb-...' has dependencies and
// cannot be deleted."; the zero Table gives ErrTable,
// InvalidRouteTableID.NotFound.
func (t Table) CheckDelete() error {
	const op = "delete-table"
	switch {
	case !t.IsValid():
		e := ec2.RouteTable.NotFoundError(t.id, ErrTable)
		return &Error{Op: op, Code: e.Code, Err: ErrTable, msg: e.Message}
	case len(t.assocs) > 0:
		return &Error{Op: op, ID: t.id, Input: t.assocs[0].ID, Code: ec2.DependencyViolation, Err: ErrDependency,
			msg: fmt.Sprintf("The routeTable '%s' has dependencies and cannot be deleted.", t.id)}
	}
	return nil
}

// Tags returns the table's tags.
func (t Table) Tags() tag.Set { return t.tags }

// WithTags returns t with its tags replaced by tags.
func (t Table) WithTags(tags tag.Set) Table { t.tags = tags; return t }

// RouteQuota returns the number of non-propagated routes t accepts per
// address family, local routes not counted ([DefaultRouteQuota] unless set).
func (t Table) RouteQuota() int { return t.quota }

// WithRouteQuota returns t with its per-family route quota set to n, from 1
// to [MaxRouteQuota]. Routes already in the table stay, even beyond n; only
// new routes are refused. Errors: n out of range gives ErrQuota with
// InvalidParameterValue.
func (t Table) WithRouteQuota(n int) (Table, error) {
	if n < 1 || n > MaxRouteQuota {
		return t, &Error{Op: "set-quota", ID: t.id, Input: fmt.Sprint(n), Code: ec2.InvalidParameterValue, Err: ErrQuota,
			msg: fmt.Sprintf("The route quota %d is out of range (1-%d).", n, MaxRouteQuota)}
	}
	t.quota = n
	return t, nil
}

// comparePrefix orders prefixes IPv4 first, then by address, then by length.
func comparePrefix(a, b netip.Prefix) int {
	if c := a.Addr().Compare(b.Addr()); c != 0 {
		return c
	}
	return a.Bits() - b.Bits()
}

// findRoute returns the position of dest among t.routes.
func (t Table) findRoute(dest netip.Prefix) (int, bool) {
	return slices.BinarySearchFunc(t.routes, keyOf(dest), entry.cmp)
}
