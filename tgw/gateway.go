package tgw

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// DeletedRetention is how long a deleted transit gateway, route table or
// attachment stays listed in state deleted before it vanishes: the window
// this module gives every deleted resource EC2 keeps visible for a while
// (see the package documentation's Decisions).
const DeletedRetention = time.Hour

// DefaultAmazonSideASN is the Amazon side ASN of a transit gateway created
// without one.
const DefaultAmazonSideASN = 64512

// The ranges an Amazon side ASN may be in: the private 16-bit range and
// the private 32-bit range.
const (
	MinPrivateASN16 = 64512
	MaxPrivateASN16 = 65534
	MinPrivateASN32 = 4200000000
	MaxPrivateASN32 = 4294967294
)

// Toggle is an option EC2 spells "enable" or "disable". The zero Toggle
// means "not given" in a request and is not valid in a resolved value.
type Toggle string

// The two toggles.
const (
	Enable  Toggle = "enable"
	Disable Toggle = "disable"
)

// IsValid reports whether t is Enable or Disable.
func (t Toggle) IsValid() bool { return t == Enable || t == Disable }

// On reports whether t is Enable.
func (t Toggle) On() bool { return t == Enable }

// or returns t when given, else def.
func (t Toggle) or(def Toggle) Toggle {
	if t == "" {
		return def
	}
	return t
}

// State is the state of a transit gateway, route table or attachment,
// spelled as EC2 spells it. The zero State is not valid.
type State string

// The states. Route tables and attachments use the subset their Values
// list; Modifying is a gateway's or an attachment's only.
const (
	Pending   State = "pending"
	Available State = "available"
	Modifying State = "modifying"
	Deleting  State = "deleting"
	Deleted   State = "deleted"
)

// Values returns every State, in lifecycle order.
func (State) Values() []State { return []State{Pending, Available, Modifying, Deleting, Deleted} }

// IsValid reports whether s is one of [State.Values].
func (s State) IsValid() bool { return slices.Contains(s.Values(), s) }

// IsLive reports whether s is pending, available or modifying: the
// resource counts, carries traffic (once available) and holds what it
// uses.
func (s State) IsLive() bool { return s == Pending || s == Available || s == Modifying }

// settled returns the state a pending, modifying or deleting resource
// reaches by itself.
func (s State) settled() State {
	switch s {
	case Pending, Modifying:
		return Available
	case Deleting:
		return Deleted
	}
	return s
}

// Options are a transit gateway's options. In a request the zero members
// mean "EC2's default"; [Options.Resolve] fills them in.
type Options struct {
	AmazonSideASN                   int64          // DefaultAmazonSideASN by default
	AutoAcceptSharedAttachments     Toggle         // disable by default
	DefaultRouteTableAssociation    Toggle         // enable by default
	DefaultRouteTablePropagation    Toggle         // enable by default
	DNSSupport                      Toggle         // enable by default
	VPNECMPSupport                  Toggle         // enable by default
	MulticastSupport                Toggle         // disable by default
	SecurityGroupReferencingSupport Toggle         // disable by default
	CIDRBlocks                      []netip.Prefix // none by default
}

// linkLocal is the IPv4 range a transit gateway CIDR block may not touch.
var linkLocal = netip.MustParsePrefix("169.254.0.0/16")

// Resolve returns o with EC2's defaults in place of absent members, after
// checking it: an ASN in one of the private ranges, toggles spelled
// "enable" or "disable", and CIDR blocks of which at most one is IPv4,
// /24 or larger and clear of 169.254.0.0/16, and at most one IPv6, /64 or
// larger. Each refusal is an *Error with code InvalidParameterValue
// wrapping [ErrInvalid].
func (o Options) Resolve() (Options, error) {
	if o.AmazonSideASN == 0 {
		o.AmazonSideASN = DefaultAmazonSideASN
	}
	if a := o.AmazonSideASN; !(a >= MinPrivateASN16 && a <= MaxPrivateASN16 || a >= MinPrivateASN32 && a <= MaxPrivateASN32) {
		s := strconv.FormatInt(a, 10)
		return o, fail("create", "", s, ec2.InvalidParameterValue, ErrInvalid,
			fmt.Sprintf("The amazon side ASN %s is not in a valid range: %d-%d or %d-%d.", s, MinPrivateASN16, MaxPrivateASN16, MinPrivateASN32, MaxPrivateASN32))
	}
	for _, f := range []struct {
		name string
		t    *Toggle
		def  Toggle
	}{
		{"AutoAcceptSharedAttachments", &o.AutoAcceptSharedAttachments, Disable},
		{"DefaultRouteTableAssociation", &o.DefaultRouteTableAssociation, Enable},
		{"DefaultRouteTablePropagation", &o.DefaultRouteTablePropagation, Enable},
		{"DnsSupport", &o.DNSSupport, Enable},
		{"VpnEcmpSupport", &o.VPNECMPSupport, Enable},
		{"MulticastSupport", &o.MulticastSupport, Disable},
		{"SecurityGroupReferencingSupport", &o.SecurityGroupReferencingSupport, Disable},
	} {
		*f.t = f.t.or(f.def)
		if !f.t.IsValid() {
			return o, badToggle("create", f.name, *f.t)
		}
	}
	if err := checkCIDRBlocks(o.CIDRBlocks); err != nil {
		return o, err
	}
	o.CIDRBlocks = slices.Clone(o.CIDRBlocks)
	return o, nil
}

func badToggle(op, name string, t Toggle) *Error {
	return fail(op, "", string(t), ec2.InvalidParameterValue, ErrInvalid,
		fmt.Sprintf("Value (%s) for parameter %s is invalid. Valid values are enable and disable.", t, name))
}

// checkCIDRBlocks checks a gateway's CIDR blocks (see [Options.Resolve]).
func checkCIDRBlocks(blocks []netip.Prefix) *Error {
	v4, v6 := 0, 0
	for _, p := range blocks {
		bad := func(why string) *Error {
			return fail("create", "", p.String(), ec2.InvalidParameterValue, ErrInvalid,
				fmt.Sprintf("The transit gateway CIDR block %s is invalid: %s.", p, why))
		}
		switch {
		case !p.IsValid() || p != p.Masked():
			return bad("it is not a network address")
		case p.Addr().Is4():
			v4++
			if p.Bits() > 24 {
				return bad("an IPv4 block must be /24 or larger")
			}
			if p.Overlaps(linkLocal) {
				return bad("it overlaps 169.254.0.0/16")
			}
		default:
			v6++
			if p.Bits() > 64 {
				return bad("an IPv6 block must be /64 or larger")
			}
		}
	}
	if v4 > 1 || v6 > 1 {
		return fail("create", "", "", ec2.InvalidParameterValue, ErrInvalid,
			"A transit gateway has at most one IPv4 and one IPv6 CIDR block.")
	}
	return nil
}

// Spec is what CreateTransitGateway asks for, with the IDs the caller drew.
type Spec struct {
	ID          string // "tgw-…"
	OwnerID     string // 12 digits
	Region      string // "us-east-1"
	Description string
	Options     Options // as requested; New resolves it
	// DefaultRouteTableID names the route table created with the gateway
	// when its options enable default association or propagation; it is
	// ignored otherwise.
	DefaultRouteTableID string
}

// Gateway is a transit gateway: an immutable value. The zero Gateway is
// not valid.
type Gateway struct {
	id, owner, region, description string
	state                          State
	options                        Options
	assocTable, propTable          string // the default route tables, or ""
	created, ended                 time.Time
}

// New returns a transit gateway in state pending, created at now, with its
// options resolved ([Options.Resolve]), and the route table made with it
// when default association or propagation is enabled: that table is the
// association and propagation default where each is enabled. A malformed
// ID is InvalidTransitGatewayID.Malformed; a description over 255
// characters InvalidParameterValue.
func New(spec Spec, now time.Time) (Gateway, RouteTable, error) {
	if err := malformed("create", spec.ID, ec2.TransitGateway); err != nil {
		return Gateway{}, RouteTable{}, err
	}
	if len(spec.Description) > 255 {
		return Gateway{}, RouteTable{}, fail("create", spec.ID, "Description", ec2.InvalidParameterValue, ErrInvalid,
			"The description of a transit gateway is at most 255 characters.")
	}
	o, err := spec.Options.Resolve()
	if err != nil {
		return Gateway{}, RouteTable{}, err
	}
	g := Gateway{id: spec.ID, owner: spec.OwnerID, region: spec.Region, description: spec.Description, state: Pending,
		options: o, created: norm(now)}
	var t RouteTable
	if o.DefaultRouteTableAssociation.On() || o.DefaultRouteTablePropagation.On() {
		if t, err = NewRouteTable(spec.DefaultRouteTableID, g, now); err != nil {
			return Gateway{}, RouteTable{}, err
		}
		if o.DefaultRouteTableAssociation.On() {
			g.assocTable = t.id
		}
		if o.DefaultRouteTablePropagation.On() {
			g.propTable = t.id
		}
	}
	return g, t, nil
}

func norm(t time.Time) time.Time { return t.UTC().Round(0) }

// IsValid reports whether g was made by [New].
func (g Gateway) IsValid() bool { return g.id != "" }

// ID returns the gateway's ID, "tgw-…".
func (g Gateway) ID() string { return g.id }

// OwnerID returns the account that owns the gateway.
func (g Gateway) OwnerID() string { return g.owner }

// Region returns the gateway's Region.
func (g Gateway) Region() string { return g.region }

// Description returns the gateway's description.
func (g Gateway) Description() string { return g.description }

// State returns the gateway's state.
func (g Gateway) State() State { return g.state }

// Options returns the gateway's resolved options.
func (g Gateway) Options() Options {
	o := g.options
	o.CIDRBlocks = slices.Clone(o.CIDRBlocks)
	return o
}

// AssociationDefaultRouteTableID returns the route table new attachments
// associate with, and false when default association is disabled.
func (g Gateway) AssociationDefaultRouteTableID() (string, bool) {
	return g.assocTable, g.options.DefaultRouteTableAssociation.On() && g.assocTable != ""
}

// PropagationDefaultRouteTableID returns the route table new attachments
// propagate to, and false when default propagation is disabled.
func (g Gateway) PropagationDefaultRouteTableID() (string, bool) {
	return g.propTable, g.options.DefaultRouteTablePropagation.On() && g.propTable != ""
}

// IsDefaultTable reports whether route table id is the gateway's
// association or propagation default.
func (g Gateway) IsDefaultTable(id string) bool {
	a, aok := g.AssociationDefaultRouteTableID()
	p, pok := g.PropagationDefaultRouteTableID()
	return id != "" && (aok && a == id || pok && p == id)
}

// ARN returns the gateway's ARN in partition "aws":
// arn:aws:ec2:REGION:ACCOUNT:transit-gateway/tgw-….
func (g Gateway) ARN() string {
	return "arn:aws:ec2:" + g.region + ":" + g.owner + ":transit-gateway/" + g.id
}

// CreateTime returns when the gateway was created.
func (g Gateway) CreateTime() time.Time { return g.created }

// IsDue reports whether the gateway has a step to take by itself: it is
// pending, modifying or deleting.
func (g Gateway) IsDue() bool {
	return g.state == Pending || g.state == Modifying || g.state == Deleting
}

// Settle returns g after the step EC2 takes by itself at now: pending and
// modifying become available, deleting becomes deleted.
func (g Gateway) Settle(now time.Time) Gateway {
	next := g.state.settled()
	if next == Deleted && g.state != Deleted {
		g.ended = norm(now)
	}
	g.state = next
	return g
}

// ExpiresAt returns when a deleted gateway stops being listed,
// [DeletedRetention] after it became deleted, and false in any other state.
func (g Gateway) ExpiresAt() (time.Time, bool) {
	if g.state != Deleted {
		return time.Time{}, false
	}
	return g.ended.Add(DeletedRetention), true
}

// Usable returns nil when g is available, the state a new route table,
// attachment or VPN connection on it needs, and otherwise the refusal of
// op: a gateway deleting or deleted is not found
// (InvalidTransitGatewayID.NotFound), one pending or modifying is in the
// wrong state (IncorrectState); both [ErrState].
func (g Gateway) Usable(op string) error {
	switch g.state {
	case Available:
		return nil
	case Deleting, Deleted:
		return fail(op, g.id, g.id, ec2.TransitGateway.NotFound, ErrState, fmt.Sprintf("The transitGateway ID '%s' does not exist", g.id))
	}
	return fail(op, g.id, string(g.state), ec2.IncorrectState, ErrState, fmt.Sprintf("%s is in invalid state %s", g.id, g.state))
}

// Delete returns g deleting, as DeleteTransitGateway asks. liveAttachments
// lists the gateway's attachments not yet deleted: with any, the gateway
// stays (IncorrectState, [ErrDependency]). A gateway deleting or deleted
// is not found (InvalidTransitGatewayID.NotFound); one pending or
// modifying is in the wrong state (IncorrectState, [ErrState]).
func (g Gateway) Delete(liveAttachments []string) (Gateway, error) {
	switch g.state {
	case Deleting, Deleted:
		return g, fail("delete", g.id, "", ec2.TransitGateway.NotFound, ErrState, fmt.Sprintf("The transitGateway ID '%s' does not exist", g.id))
	case Pending, Modifying:
		return g, fail("delete", g.id, string(g.state), ec2.IncorrectState, ErrState,
			fmt.Sprintf("%s is in invalid state %s", g.id, g.state))
	}
	if len(liveAttachments) > 0 {
		ids := slices.Sorted(slices.Values(liveAttachments))
		return g, fail("delete", g.id, ids[0], ec2.IncorrectState, ErrDependency,
			fmt.Sprintf("%s has non-deleted Transit Gateway Attachments: %v", g.id, ids))
	}
	g.state = Deleting
	return g, nil
}

// Modification is what ModifyTransitGateway asks for: absent (zero)
// members stay as they are.
type Modification struct {
	Description                     *string
	AmazonSideASN                   int64
	AutoAcceptSharedAttachments     Toggle
	DefaultRouteTableAssociation    Toggle
	DefaultRouteTablePropagation    Toggle
	DNSSupport                      Toggle
	VPNECMPSupport                  Toggle
	SecurityGroupReferencingSupport Toggle
	// AssociationDefaultRouteTableID and PropagationDefaultRouteTableID
	// name a route table of this gateway (the caller checks it is one) to
	// become a default.
	AssociationDefaultRouteTableID string
	PropagationDefaultRouteTableID string
	AddCIDRBlocks                  []netip.Prefix
	RemoveCIDRBlocks               []netip.Prefix
}

// Modify returns g with m applied, in state modifying until it settles.
// Only an available gateway may be modified (IncorrectState). Enabling
// default association or propagation needs a default table: the one named,
// else the one the gateway had. Options are checked as [Options.Resolve]
// checks them; a block to remove that the gateway lacks is
// InvalidParameterValue.
func (g Gateway) Modify(m Modification) (Gateway, error) {
	if g.state != Available {
		return g, fail("modify", g.id, string(g.state), ec2.IncorrectState, ErrState,
			fmt.Sprintf("%s is in invalid state %s", g.id, g.state))
	}
	n := g
	o := &n.options
	if m.Description != nil {
		if len(*m.Description) > 255 {
			return g, fail("modify", g.id, "Description", ec2.InvalidParameterValue, ErrInvalid,
				"The description of a transit gateway is at most 255 characters.")
		}
		n.description = *m.Description
	}
	for _, f := range []struct {
		name string
		t    *Toggle
		v    Toggle
	}{
		{"AutoAcceptSharedAttachments", &o.AutoAcceptSharedAttachments, m.AutoAcceptSharedAttachments},
		{"DefaultRouteTableAssociation", &o.DefaultRouteTableAssociation, m.DefaultRouteTableAssociation},
		{"DefaultRouteTablePropagation", &o.DefaultRouteTablePropagation, m.DefaultRouteTablePropagation},
		{"DnsSupport", &o.DNSSupport, m.DNSSupport},
		{"VpnEcmpSupport", &o.VPNECMPSupport, m.VPNECMPSupport},
		{"SecurityGroupReferencingSupport", &o.SecurityGroupReferencingSupport, m.SecurityGroupReferencingSupport},
	} {
		if f.v == "" {
			continue
		}
		if !f.v.IsValid() {
			e := badToggle("modify", f.name, f.v)
			e.ID = g.id
			return g, e
		}
		*f.t = f.v
	}
	if m.AmazonSideASN != 0 {
		o.AmazonSideASN = m.AmazonSideASN
	}
	if m.AssociationDefaultRouteTableID != "" {
		n.assocTable = m.AssociationDefaultRouteTableID
	}
	if m.PropagationDefaultRouteTableID != "" {
		n.propTable = m.PropagationDefaultRouteTableID
	}
	if o.DefaultRouteTableAssociation.On() && n.assocTable == "" || o.DefaultRouteTablePropagation.On() && n.propTable == "" {
		return g, fail("modify", g.id, "", ec2.InvalidParameterValue, ErrInvalid,
			"Enabling a default route table option needs a route table: give AssociationDefaultRouteTableId or PropagationDefaultRouteTableId.")
	}
	blocks := slices.Clone(o.CIDRBlocks)
	for _, p := range m.RemoveCIDRBlocks {
		i := slices.Index(blocks, p)
		if i < 0 {
			return g, fail("modify", g.id, p.String(), ec2.InvalidParameterValue, ErrInvalid,
				fmt.Sprintf("The transit gateway %s has no CIDR block %s.", g.id, p))
		}
		blocks = slices.Delete(blocks, i, i+1)
	}
	for _, p := range m.AddCIDRBlocks {
		if !slices.Contains(blocks, p) {
			blocks = append(blocks, p)
		}
	}
	o.CIDRBlocks = blocks
	resolved, err := n.options.Resolve()
	if err != nil {
		var e *Error
		if errorsAs(err, &e) {
			e.Op, e.ID = "modify", g.id
		}
		return g, err
	}
	n.options = resolved
	n.state = Modifying
	return n, nil
}

// ForgetTable returns g without route table id as a default: the table was
// deleted.
func (g Gateway) ForgetTable(id string) Gateway {
	if g.assocTable == id {
		g.assocTable = ""
		g.options.DefaultRouteTableAssociation = Disable
	}
	if g.propTable == id {
		g.propTable = ""
		g.options.DefaultRouteTablePropagation = Disable
	}
	return g
}
