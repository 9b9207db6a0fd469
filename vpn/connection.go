package vpn

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

var defaultOutsidePool = netip.MustParsePrefix("192.0.2.0/24")

// DefaultOutsidePool returns where AWS endpoint (outside) addresses come from
// when [Spec.OutsidePool] is zero: 192.0.2.0/24 (TEST-NET-1), a
// documentation range (RFC 5737), so a model never hands out a real
// address. Its network and broadcast addresses are never used.
func DefaultOutsidePool() netip.Prefix { return defaultOutsidePool }

// Spec is what CreateVpnConnection takes, with the gateways already looked
// up. The zero value is not a valid request: Type and CustomerGateway are
// required.
type Spec struct {
	Type              GatewayType     // required: ipsec.1
	CustomerGateway   CustomerGateway // required, available
	VPNGateway        Gateway         // the virtual private gateway, or the zero Gateway
	TransitGatewayID  string          // "tgw-…", or "" (not both with VPNGateway)
	TransitGatewayASN int64           // the transit gateway's Amazon side ASN; 0 means 64512
	Options           Options
	Tags              tag.Set
	// OutsidePool is where the two AWS endpoint addresses come from; the
	// zero Prefix means [DefaultOutsidePool]. Addresses used by live
	// connections passed to Create are avoided.
	OutsidePool netip.Prefix
	Quotas      Quotas // the zero value gives AWS's defaults
}

// StaticRoute is a static route of a connection (CreateVpnConnectionRoute).
// StaticRoute supports ==.
type StaticRoute struct {
	DestinationCIDR netip.Prefix
	Source          string       // always "Static"
	State           status.State // pending, available, deleting
}

// routeEntry is a static route and the instant its current state began:
// the CreateRoute that made it pending or the DeleteRoute that made it
// deleting. [Connection.Settle] completes the step only at or after it.
type routeEntry struct {
	StaticRoute
	changedAt time.Time
}

// Connection is a Site-to-Site VPN connection: a customer gateway, a virtual
// private gateway (or transit gateway), options, exactly two tunnels with
// every option resolved, static routes and tags. Its state runs pending →
// available ([Connection.Settle] at or after creation) → deleting
// ([Connection.Delete]) → deleted (Settle at or after the deletion); a
// Modify action takes an available connection to modifying, and Settle at
// or after it back to available. The
// zero Connection is not valid; use [Create]. It holds slices, so it does
// not support ==.
//
// A Connection holds the tunnels' pre-shared keys. fmt with any verb and
// encoding/json never show them; [Tunnel.PSK], [Connection.CustomerGatewayConfiguration]
// and the device renderers do.
type Connection struct {
	id                string
	typ               GatewayType
	state             status.State
	customerGatewayID string
	customerIP        netip.Addr
	customerASN       int64
	vpnGatewayID      string
	transitGatewayID  string
	amazonASN         int64
	options           Options // resolved; Tunnels nil (the tunnels hold theirs)
	tunnels           [2]Tunnel
	routes            []routeEntry // sorted by destination
	tags              tag.Set
	quotas            Quotas
	createdAt         time.Time
	// changedAt is when the state's asynchronous step began: creation
	// while pending, the latest modification (or creation) while modifying
	// or available, the deletion while deleting or deleted.
	changedAt time.Time
}

// Create validates spec against the account's existing connections in the
// Region (any state; only pending and available ones count) and returns a
// new connection in state pending, with both tunnels resolved.
//
// Checks, in order, each an *Error with its EC2 code:
//   - Type: MissingParameter when empty, InvalidParameterValue otherwise;
//   - both a VGW and a transit gateway: InvalidParameterValue; a malformed
//     transit gateway ID: InvalidTransitGatewayID.Malformed;
//   - the customer gateway not available: InvalidCustomerGatewayState; the
//     VGW not available: InvalidVpnGatewayState;
//   - the options ([Options.Validate]); ipv6 inside addresses, a large
//     tunnel bandwidth, or private or IPv6 outside addresses on anything but
//     a transit gateway: InvalidParameterCombination; private outside
//     addresses on a transit gateway: UnsupportedOperation (they need a
//     transit gateway attachment, which the package does not hold); IPv6
//     outside addresses on a transit gateway: InvalidParameterCombination
//     (they need an IPv6 customer gateway, and customer gateways here are
//     IPv4);
//   - the customer gateway's ASN equal to the Amazon side ASN (dynamic
//     routing only): AsnConflict;
//   - a live connection between the same customer gateway and VGW:
//     InvalidOption.Conflict (spec decision H.9);
//   - quotas ([Quotas.CheckConnections]): VpnConnectionLimitExceeded;
//   - a given inside CIDR already used by a live connection on the same VGW
//     (or, for ipv6, the same transit gateway): InvalidCidr.InUse (H.10).
//
// Then Create draws from random, in this order: the connection ID; tunnel
// 1's inside CIDR and pre-shared key when not given; the same for tunnel 2;
// the two AWS outside addresses from spec.OutsidePool. Inside CIDRs are
// uniform over the free /30s (or /126s): not reserved, not in use on the
// gateway, not the other tunnel's. Keys follow [GeneratePSK]. The same
// inputs and reader bytes give the same connection. Production callers pass
// crypto/rand.Reader.
func Create(spec Spec, existing []Connection, random io.Reader, now time.Time) (Connection, error) {
	c, err := create(spec, existing, random, now)
	if err != nil {
		return Connection{}, err
	}
	return c, nil
}

func create(spec Spec, existing []Connection, random io.Reader, now time.Time) (Connection, *Error) {
	switch {
	case spec.Type == "":
		return Connection{}, &Error{Op: "create", Param: "Type", Code: "MissingParameter", Err: ErrMissing}
	case !spec.Type.IsValid():
		return Connection{}, invalid("Type", string(spec.Type), ErrInvalidValue)
	}
	vgw := spec.VPNGateway
	if vgw.IsValid() && spec.TransitGatewayID != "" {
		return Connection{}, invalid("TransitGatewayId", spec.TransitGatewayID, ErrCombination)
	}
	if spec.TransitGatewayID != "" && !ec2.TransitGateway.IsID(spec.TransitGatewayID) {
		return Connection{}, &Error{Op: "create", Param: "TransitGatewayId", Value: spec.TransitGatewayID, Code: ec2.TransitGateway.Malformed, Err: ErrInvalidValue}
	}
	cgw := spec.CustomerGateway
	switch {
	case !cgw.IsValid():
		return Connection{}, &Error{Op: "create", Param: "CustomerGatewayId", Code: "MissingParameter", Err: ErrMissing}
	case cgw.state != status.StateAvailable:
		return Connection{}, &Error{Op: "create", ID: cgw.id, Value: string(cgw.state), Code: "InvalidCustomerGatewayState", Err: ErrState}
	case vgw.IsValid() && vgw.state != status.StateAvailable:
		return Connection{}, &Error{Op: "create", ID: vgw.id, Value: string(vgw.state), Code: "InvalidVpnGatewayState", Err: ErrState}
	}
	opts, err := spec.Options.resolve()
	if err != nil {
		return Connection{}, err
	}
	if opts.TunnelInsideIPVersion == IPv6 && spec.TransitGatewayID == "" {
		return Connection{}, combination("TunnelInsideIpVersion", string(IPv6), ErrCombination)
	}
	if err := checkTransitOnly(opts, spec.TransitGatewayID); err != nil {
		return Connection{}, err
	}
	amazonASN := int64(DefaultAmazonSideASN)
	switch {
	case vgw.IsValid():
		amazonASN = vgw.asn
	case spec.TransitGatewayASN != 0:
		amazonASN = spec.TransitGatewayASN
	}
	if !opts.StaticRoutesOnly && cgw.asn == amazonASN {
		return Connection{}, &Error{Op: "create", ID: cgw.id, Value: strconv.FormatInt(cgw.asn, 10), Code: "AsnConflict", Err: ErrASNConflict}
	}
	inUse := make([]netip.Prefix, 0, 2*len(existing)+4)
	taken := make([]netip.Addr, 0, 2*len(existing)+3)
	for _, o := range existing {
		if !o.state.IsLive() {
			continue
		}
		if vgw.IsValid() && o.vpnGatewayID == vgw.id && o.customerGatewayID == cgw.id {
			return Connection{}, &Error{Op: "create", ID: o.id, Value: cgw.id + " and " + vgw.id, Code: "InvalidOption.Conflict", Err: ErrConnectionExists}
		}
		sameGateway := vgw.IsValid() && o.vpnGatewayID == vgw.id ||
			opts.TunnelInsideIPVersion == IPv6 && o.transitGatewayID == spec.TransitGatewayID
		for _, t := range o.tunnels {
			taken = append(taken, t.outside)
			if sameGateway {
				inUse = append(inUse, t.inside)
			}
		}
	}
	gatewayID := ""
	if vgw.IsValid() {
		gatewayID = vgw.id
	}
	if err := spec.Quotas.CheckConnections(gatewayID, existing); err != nil {
		var e *Error
		if !errors.As(err, &e) {
			e = &Error{Op: "create", Code: "InternalError", Err: err}
		}
		return Connection{}, e
	}
	inUseParam := "TunnelInsideCidr"
	if opts.TunnelInsideIPVersion == IPv6 {
		inUseParam = "TunnelInsideIpv6Cidr"
	}
	for _, t := range opts.Tunnels {
		given := t.InsideCIDR
		if opts.TunnelInsideIPVersion == IPv6 {
			given = t.InsideIPv6CIDR
		}
		if given.IsValid() && slices.Contains(inUse, given) {
			id := vgw.id
			if id == "" {
				id = spec.TransitGatewayID
			}
			return Connection{}, &Error{Op: "create", ID: id, Param: inUseParam, Value: given.String(), Code: "InvalidCidr.InUse", Err: ErrCIDRInUse}
		}
	}

	id, rerr := ec2.VPNConnection.NewID(random)
	if rerr != nil {
		return Connection{}, &Error{Op: "create", Code: "InternalError", Err: fmt.Errorf("%w: %v", ErrRandom, rerr)}
	}
	avoid := inUse // spare capacity holds the given and generated CIDRs
	for _, t := range opts.Tunnels {
		avoid = append(avoid, t.InsideCIDR, t.InsideIPv6CIDR)
	}
	var tunnels [2]Tunnel
	for i := range tunnels {
		t := opts.Tunnels[i]
		inside := t.InsideCIDR
		if opts.TunnelInsideIPVersion == IPv6 {
			inside = t.InsideIPv6CIDR
		}
		if !inside.IsValid() {
			p, err := generateInsideCIDR(opts.TunnelInsideIPVersion, avoid, random)
			if err != nil {
				err.Op = "create"
				return Connection{}, err
			}
			inside = p
			avoid = append(avoid, p)
		}
		if opts.TunnelInsideIPVersion == IPv6 {
			t.InsideIPv6CIDR = inside
		} else {
			t.InsideCIDR = inside
		}
		if t.PreSharedKey == "" {
			k, err := GeneratePSK(random)
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					e = &Error{Code: "InternalError", Err: err}
				}
				e.Op = "create"
				return Connection{}, e
			}
			t.PreSharedKey = k
		}
		var requested TunnelOptions
		if i < len(spec.Options.Tunnels) {
			requested = spec.Options.Tunnels[i].clone()
		}
		tunnels[i] = Tunnel{customer: cgw.ip, inside: inside, opts: t, requested: requested}
	}
	pool := spec.OutsidePool
	if pool == (netip.Prefix{}) {
		pool = defaultOutsidePool
	}
	taken = append(taken, cgw.ip)
	created := norm(now)
	for i := range tunnels {
		a, err := outsideAddress(pool, taken, random)
		if err != nil {
			return Connection{}, err
		}
		taken = append(taken, a)
		tunnels[i].outside = a
		tunnels[i].telemetry = Telemetry{
			OutsideIPAddress: a,
			Status:           status.Down,
			StatusMessage:    "IPSEC IS DOWN",
			LastStatusChange: created,
		}
	}
	opts.Tunnels = nil
	return Connection{
		id:                id,
		typ:               spec.Type,
		state:             status.StatePending,
		customerGatewayID: cgw.id,
		customerIP:        cgw.ip,
		customerASN:       cgw.asn,
		vpnGatewayID:      vgw.id,
		transitGatewayID:  spec.TransitGatewayID,
		amazonASN:         amazonASN,
		options:           opts,
		tunnels:           tunnels,
		tags:              spec.Tags,
		quotas:            spec.Quotas,
		createdAt:         created,
		changedAt:         created,
	}, nil
}

// IsValid reports whether c was made by [Create].
func (c Connection) IsValid() bool { return c.id != "" }

// ID returns the connection's ID, "vpn-…"; "" for the zero value.
func (c Connection) ID() string { return c.id }

// Type returns the connection type, ipsec.1.
func (c Connection) Type() GatewayType { return c.typ }

// State returns pending, available, deleting or deleted; "" for the zero
// value.
func (c Connection) State() status.State { return c.state }

// Category returns "VPN", the category of every connection EC2 creates today.
func (c Connection) Category() string { return "VPN" }

// CustomerGatewayID returns the customer gateway's ID.
func (c Connection) CustomerGatewayID() string { return c.customerGatewayID }

// CustomerGatewayAddress returns the customer gateway's outside address.
func (c Connection) CustomerGatewayAddress() netip.Addr { return c.customerIP }

// CustomerGatewayASN returns the customer gateway's BGP ASN.
func (c Connection) CustomerGatewayASN() int64 { return c.customerASN }

// VPNGatewayID returns the virtual private gateway's ID, or "".
func (c Connection) VPNGatewayID() string { return c.vpnGatewayID }

// TransitGatewayID returns the transit gateway's ID, or "".
func (c Connection) TransitGatewayID() string { return c.transitGatewayID }

// GatewayAssociationState returns associated when the connection has a VGW
// or transit gateway, else not-associated (EC2's GatewayAssociationState).
func (c Connection) GatewayAssociationState() status.GatewayAssociation {
	if c.vpnGatewayID != "" || c.transitGatewayID != "" {
		return status.Associated
	}
	return status.NotAssociated
}

// AmazonSideASN returns the BGP ASN of the AWS side (the VGW's or transit
// gateway's).
func (c Connection) AmazonSideASN() int64 { return c.amazonASN }

// StaticRoutesOnly reports whether the connection uses static routes rather
// than BGP.
func (c Connection) StaticRoutesOnly() bool { return c.options.StaticRoutesOnly }

// TunnelInsideIPVersion returns ipv4 or ipv6.
func (c Connection) TunnelInsideIPVersion() IPVersion { return c.options.TunnelInsideIPVersion }

// Options returns the connection's resolved options: every field set, and
// Tunnels holding both tunnels' resolved options (pre-shared keys included).
func (c Connection) Options() Options {
	o := c.options
	if c.IsValid() {
		o.Tunnels = []TunnelOptions{c.tunnels[0].Options(), c.tunnels[1].Options()}
	}
	return o
}

// Tunnels returns the two tunnels, in the order their options were given.
func (c Connection) Tunnels() [2]Tunnel { return c.tunnels }

// Routes returns the static routes, sorted by destination; nil when there
// are none.
func (c Connection) Routes() []StaticRoute {
	if len(c.routes) == 0 {
		return nil
	}
	out := make([]StaticRoute, len(c.routes))
	for i, r := range c.routes {
		out[i] = r.StaticRoute
	}
	return out
}

// Tags returns the connection's tags.
func (c Connection) Tags() tag.Set { return c.tags }

// CreatedAt returns the instant of creation, in UTC.
func (c Connection) CreatedAt() time.Time { return c.createdAt }

// DeletedAt returns the instant [Connection.Delete] started deleting c, and
// whether c is deleting or deleted.
func (c Connection) DeletedAt() (time.Time, bool) {
	if c.state == status.StateDeleting || c.state == status.StateDeleted {
		return c.changedAt, true
	}
	return time.Time{}, false
}

// WithTags returns c with its tags replaced by tags.
func (c Connection) WithTags(tags tag.Set) Connection { c.tags = tags; return c }

// IsListed reports whether DescribeVpnConnections still lists c at now: a
// connection is listed until [DeletedRetention] after its deletion began,
// up to but not including DeletedAt + DeletedRetention. c is settled at now
// first, so a deletion nobody settled counts as complete. It is false for
// the zero Connection.
func (c Connection) IsListed(now time.Time) bool {
	c = c.Settle(now)
	return listed(c.IsValid(), c.state, c.changedAt, now)
}

// DescribedConfiguration returns the customer gateway configuration as
// DescribeVpnConnections shows it: [Connection.CustomerGatewayConfiguration]
// while c is pending, available or modifying, and "", false once it is deleting or
// deleted (EC2 leaves the element out then). The document holds the
// pre-shared keys.
func (c Connection) DescribedConfiguration() (string, bool) {
	if !c.state.IsLive() {
		return "", false
	}
	return c.CustomerGatewayConfiguration(), true
}

// Settle completes what AWS finishes asynchronously, each step only when
// now is not before the instant it began (!now.Before(start)):
//
//   - pending becomes available, from [Connection.CreatedAt] on;
//   - modifying becomes available, from the instant the Modify action
//     ([Connection.ModifyTunnelOptions], [Connection.ModifyOptions],
//     [Connection.ModifyGateway], [Connection.ReplaceTunnel]) was dated at
//     on;
//   - deleting becomes deleted, from the instant [Connection.Delete] was
//     dated at on;
//   - a pending route becomes available (unless the connection is deleted),
//     and a deleting route disappears, from the instant its
//     [Connection.CreateRoute] or [Connection.DeleteRoute] was dated at on;
//   - a tunnel's pending maintenance is applied, from its
//     [Maintenance].AutoAppliedAfter on, while the connection is live: the
//     endpoint is replaced at that deadline (DOWN, "IPSEC IS DOWN") and
//     LastApplied is the deadline; the connection's state is unchanged.
//
// So Settle(now) with any now at or after an action's own now completes it
// at once, as an emulator settling on the next request needs; at an
// earlier instant (even 1ns earlier) the step stays pending. Settle is
// idempotent, and on the zero Connection it returns it.
func (c Connection) Settle(now time.Time) Connection {
	switch {
	case (c.state == status.StatePending || c.state == status.StateModifying) && !now.Before(c.changedAt):
		c.state = status.StateAvailable
	case c.state == status.StateDeleting && !now.Before(c.changedAt):
		c.state = status.StateDeleted
	}
	c = c.settleMaintenance(now)
	if len(c.routes) > 0 {
		routes := make([]routeEntry, 0, len(c.routes))
		for _, r := range c.routes {
			due := !now.Before(r.changedAt)
			switch {
			case r.State == status.StateDeleting && due:
				continue
			case r.State == status.StatePending && due && c.state != status.StateDeleted:
				r.State = status.StateAvailable
			}
			routes = append(routes, r)
		}
		c.routes = routes
		if len(routes) == 0 {
			c.routes = nil
		}
	}
	return c
}

// dated returns the instant an action at now is dated at: now in UTC, or
// the connection's latest recorded change when now is earlier, so that
// time never runs back within a connection.
func (c Connection) dated(now time.Time) time.Time {
	at := latest(norm(now), c.changedAt)
	for _, r := range c.routes {
		at = latest(at, r.changedAt)
	}
	return at
}

// Delete starts deleting c: pending or available becomes deleting, dated
// at now (or at c's latest change when now is earlier: time never runs
// back), and [Connection.Settle] makes it deleted at any instant not
// before that, the dated instant itself included. Deleting a deleting or
// deleted connection changes nothing and is not an error.
func (c Connection) Delete(now time.Time) (Connection, error) {
	if !c.IsValid() {
		return c, &Error{Op: "delete", Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	if c.state.IsLive() {
		c.state, c.changedAt = status.StateDeleting, c.dated(now)
	}
	return c, nil
}

// CreateRoute adds a static route to destination (masked, as EC2
// canonicalises it) in state pending, dated at now (or at c's latest change
// when now is earlier); [Connection.Settle] at or after that instant makes
// it available. Only a static connection on a VGW takes routes
// (InvalidVpnConnection.InvalidType, [ErrNotStatic]); it must be available
// (InvalidVpnConnection.InvalidState, [ErrState]); the destination must be
// an IPv4 prefix (InvalidParameterValue); at most StaticRoutesPerConnection
// live routes (RouteLimitExceeded). Adding a route that exists and is not
// being deleted changes nothing and is not an error.
func (c Connection) CreateRoute(destination netip.Prefix, now time.Time) (Connection, error) {
	const op = "create-route"
	if err := c.routeCheck(op, destination); err != nil {
		return c, err
	}
	destination = destination.Masked()
	i, found := c.findRoute(destination)
	if found && c.routes[i].State.IsLive() {
		return c, nil
	}
	if err := c.quotas.checkRoutes(c); err != nil {
		return c, err
	}
	routes := slices.Clone(c.routes)
	r := routeEntry{StaticRoute{DestinationCIDR: destination, Source: "Static", State: status.StatePending}, c.dated(now)}
	if found {
		routes[i] = r
	} else {
		routes = slices.Insert(routes, i, r)
	}
	c.routes = routes
	return c, nil
}

// DeleteRoute starts deleting the static route to destination: it becomes
// deleting, dated at now (or at c's latest change when now is earlier), and
// disappears at [Connection.Settle] at or after that instant. The checks are
// CreateRoute's; a destination with no live route gives
// InvalidRoute.NotFound ([ErrRouteNotFound]).
func (c Connection) DeleteRoute(destination netip.Prefix, now time.Time) (Connection, error) {
	const op = "delete-route"
	if err := c.routeCheck(op, destination); err != nil {
		return c, err
	}
	destination = destination.Masked()
	i, found := c.findRoute(destination)
	if !found || !c.routes[i].State.IsLive() {
		return c, &Error{Op: op, ID: c.id, Param: "DestinationCidrBlock", Value: destination.String(), Code: "InvalidRoute.NotFound", Err: ErrRouteNotFound}
	}
	routes := slices.Clone(c.routes)
	routes[i].State, routes[i].changedAt = status.StateDeleting, c.dated(now)
	c.routes = routes
	return c, nil
}

func (c Connection) routeCheck(op string, destination netip.Prefix) *Error {
	switch {
	case !c.IsValid():
		return &Error{Op: op, Code: "InvalidParameterValue", Err: ErrInvalidValue}
	case !c.options.StaticRoutesOnly || c.vpnGatewayID == "":
		return &Error{Op: op, ID: c.id, Code: "InvalidVpnConnection.InvalidType", Err: ErrNotStatic}
	case c.state != status.StateAvailable:
		return &Error{Op: op, ID: c.id, Value: string(c.state), Code: "InvalidVpnConnection.InvalidState", Err: ErrState}
	case !destination.IsValid() || !destination.Addr().Is4():
		return &Error{Op: op, ID: c.id, Param: "DestinationCidrBlock", Value: prefixString(destination), Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	return nil
}

func (c Connection) findRoute(p netip.Prefix) (int, bool) {
	return slices.BinarySearchFunc(c.routes, p, func(r routeEntry, p netip.Prefix) int {
		if x := r.DestinationCIDR.Addr().Compare(p.Addr()); x != 0 {
			return x
		}
		return r.DestinationCIDR.Bits() - p.Bits()
	})
}

// SetTunnelStatus records what the tunnel with index i (0 or 1) reports:
// status UP or DOWN and the routes accepted over BGP. The message follows
// AWS: "IPSEC IS DOWN" when DOWN, "N BGP ROUTES" when UP on a BGP
// connection, "" when UP on a static one. LastStatusChange moves to now only
// when the status changes, and never back: a now before the tunnel's last
// change dates the change at that change. A bad index or status is
// InvalidParameterValue.
func (c Connection) SetTunnelStatus(i int, s status.Telemetry, acceptedRoutes int, now time.Time) (Connection, error) {
	if i < 0 || i > 1 || !c.IsValid() {
		return c, &Error{Op: "set-tunnel-status", ID: c.id, Value: strconv.Itoa(i), Code: "InvalidParameterValue", Err: ErrTunnel}
	}
	if !s.IsValid() || acceptedRoutes < 0 {
		return c, &Error{Op: "set-tunnel-status", ID: c.id, Value: string(s), Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	tel := c.tunnels[i].telemetry
	if tel.Status != s {
		tel.LastStatusChange = latest(norm(now), tel.LastStatusChange)
	}
	tel.Status = s
	switch {
	case s == status.Down:
		tel.StatusMessage, tel.AcceptedRouteCount = "IPSEC IS DOWN", 0
	case c.options.StaticRoutesOnly:
		tel.StatusMessage, tel.AcceptedRouteCount = "", acceptedRoutes
	default:
		tel.StatusMessage, tel.AcceptedRouteCount = strconv.Itoa(acceptedRoutes)+" BGP ROUTES", acceptedRoutes
	}
	c.tunnels[i].telemetry = tel
	return c, nil
}

// norm returns t as the package stores instants: UTC, without a monotonic
// clock reading, so that == on stored times means the same instant.
func norm(t time.Time) time.Time { return t.UTC().Round(0) }

// latest returns the later of a and b.
func latest(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

// String describes the connection without secrets:
// "vpn-0123456789abcdef0 (pending) cgw-… to vgw-…".
func (c Connection) String() string {
	if !c.IsValid() {
		return "invalid Connection"
	}
	to := c.vpnGatewayID
	if to == "" {
		to = c.transitGatewayID
	}
	if to == "" {
		to = "no gateway"
	}
	return c.id + " (" + string(c.state) + ") " + c.customerGatewayID + " to " + to
}

// Format writes [Connection.String] for every verb, so no verb prints a
// pre-shared key.
func (c Connection) Format(f fmt.State, verb rune) { formatString(f, verb, c.String()) }

// MarshalJSON encodes a summary without secrets: ID, state, gateways and
// the tunnels' public addresses. It is a view, not an encoding: decoding it
// is refused ([Connection.UnmarshalJSON]); use [Connection.MarshalBinary]
// to store a connection.
func (c Connection) MarshalJSON() ([]byte, error) {
	type tunnel struct {
		OutsideIPAddress string `json:"OutsideIpAddress"`
		TunnelInsideCidr string
	}
	v := struct {
		VpnConnectionID   string `json:"VpnConnectionId"`
		State             string
		CustomerGatewayID string `json:"CustomerGatewayId"`
		VpnGatewayID      string `json:"VpnGatewayId,omitempty"`
		TransitGatewayID  string `json:"TransitGatewayId,omitempty"`
		Tunnels           []tunnel
	}{c.id, string(c.state), c.customerGatewayID, c.vpnGatewayID, c.transitGatewayID, nil}
	if c.IsValid() {
		for _, t := range c.tunnels {
			v.Tunnels = append(v.Tunnels, tunnel{t.outside.String(), t.inside.String()})
		}
	}
	return jsonMarshal(v)
}

// UnmarshalJSON refuses to decode: the JSON form ([Connection.MarshalJSON])
// is a redacted view without the keys, options, routes and times, so
// decoding it could only give an invalid or incomplete Connection. It
// returns an InvalidParameterValue *Error wrapping [ErrRedacted] and leaves
// *c unchanged; store connections with [Connection.MarshalBinary] and read
// them with [Connection.UnmarshalBinary]. A JSON null is a no-op, as
// encoding/json expects of an Unmarshaler.
func (c *Connection) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	return &Error{Op: "unmarshal-json", Code: "InvalidParameterValue", Err: ErrRedacted}
}
