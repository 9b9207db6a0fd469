package tgw

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// ResourceType is the kind of resource an attachment attaches, as EC2
// spells it.
type ResourceType string

// The resource types this model holds.
const (
	ResourceVPC ResourceType = "vpc"
	ResourceVPN ResourceType = "vpn"
)

// VPCOptions are a VPC attachment's options. In a request the zero members
// mean "EC2's default"; [VPCOptions.Resolve] fills them in.
type VPCOptions struct {
	DNSSupport                      Toggle // enable by default
	IPv6Support                     Toggle // disable by default
	ApplianceModeSupport            Toggle // disable by default
	SecurityGroupReferencingSupport Toggle // enable by default
}

// Resolve returns o with EC2's defaults in place of absent members, or
// InvalidParameterValue for a toggle that is neither enable nor disable.
func (o VPCOptions) Resolve() (VPCOptions, error) {
	for _, f := range []struct {
		name string
		t    *Toggle
		def  Toggle
	}{
		{"DnsSupport", &o.DNSSupport, Enable},
		{"Ipv6Support", &o.IPv6Support, Disable},
		{"ApplianceModeSupport", &o.ApplianceModeSupport, Disable},
		{"SecurityGroupReferencingSupport", &o.SecurityGroupReferencingSupport, Enable},
	} {
		*f.t = f.t.or(f.def)
		if !f.t.IsValid() {
			return o, badToggle("create", f.name, *f.t)
		}
	}
	return o, nil
}

// Subnet is one subnet a VPC attachment places an interface in.
type Subnet struct {
	ID   string // "subnet-…"
	VPC  string // its VPC
	Zone string // its Availability Zone, "us-east-1a"
}

// AttachmentSpec is what CreateTransitGatewayVpcAttachment asks for, or
// what a VPN connection on a gateway makes, with the IDs the caller drew.
type AttachmentSpec struct {
	ID           string // "tgw-attach-…"
	Gateway      Gateway
	OwnerID      string // the account that owns the resource
	ResourceType ResourceType
	ResourceID   string     // "vpc-…" or "vpn-…"
	Subnets      []Subnet   // a VPC attachment's subnets, one per zone
	Options      VPCOptions // a VPC attachment's options, as requested
}

// Association is the route table an attachment is associated with.
type Association struct {
	RouteTableID string
	State        string // "associated"
}

// Attachment is a transit gateway attachment: an immutable value. The
// zero Attachment is not valid.
type Attachment struct {
	id, gatewayID, gatewayOwner, owner string
	typ                                ResourceType
	resourceID                         string
	state                              State
	subnets                            []Subnet // sorted by ID
	options                            VPCOptions
	association                        string // route table, or ""
	created, ended                     time.Time
}

// NewAttachment returns an attachment in state pending, created at now.
// The gateway must be available (IncorrectState); a VPC attachment needs
// one or more subnets, all of its VPC (InvalidParameterValue), at most one
// per zone (DuplicateSubnetsInSameZone); existing lists the gateway's
// attachments, of which no live one may attach the same VPC
// (DuplicateTransitGatewayAttachment). Associating with and propagating
// to the gateway's default tables is the caller's next step
// ([Gateway.AssociationDefaultRouteTableID]).
func NewAttachment(spec AttachmentSpec, existing []Attachment, now time.Time) (Attachment, error) {
	g := spec.Gateway
	if err := malformed("attach", spec.ID, ec2.TransitGatewayAttachment); err != nil {
		return Attachment{}, err
	}
	if err := g.Usable("attach"); err != nil {
		return Attachment{}, err
	}
	a := Attachment{id: spec.ID, gatewayID: g.id, gatewayOwner: g.owner, owner: spec.OwnerID, typ: spec.ResourceType,
		resourceID: spec.ResourceID, state: Pending, created: norm(now)}
	switch spec.ResourceType {
	case ResourceVPN:
		return a, nil
	case ResourceVPC:
	default:
		return Attachment{}, fail("attach", spec.ID, string(spec.ResourceType), ec2.InvalidParameterValue, ErrInvalid,
			fmt.Sprintf("The resource type %q cannot be attached here.", spec.ResourceType))
	}
	if len(spec.Subnets) == 0 {
		return Attachment{}, fail("attach", g.id, "SubnetIds", ec2.MissingParameter, ErrInvalid,
			"The request must contain the parameter SubnetIds")
	}
	zones := map[string]bool{}
	for _, s := range spec.Subnets {
		if s.VPC != spec.ResourceID {
			return Attachment{}, fail("attach", g.id, s.ID, ec2.InvalidParameterValue, ErrInvalid,
				fmt.Sprintf("The subnet %s does not belong to %s.", s.ID, spec.ResourceID))
		}
		if zones[s.Zone] {
			return Attachment{}, fail("attach", g.id, s.ID, "DuplicateSubnetsInSameZone", ErrZone, "Duplicate Subnets for same AZ")
		}
		zones[s.Zone] = true
	}
	for _, o := range existing {
		if o.gatewayID == g.id && o.typ == ResourceVPC && o.resourceID == spec.ResourceID && o.state != Deleted {
			return Attachment{}, fail("attach", g.id, spec.ResourceID, "DuplicateTransitGatewayAttachment", ErrDuplicate,
				fmt.Sprintf("%s has non-deleted Transit Gateway Attachments with same VPC ID.", g.id))
		}
	}
	o, err := spec.Options.Resolve()
	if err != nil {
		return Attachment{}, err
	}
	a.options = o
	a.subnets = slices.Clone(spec.Subnets)
	slices.SortFunc(a.subnets, func(x, y Subnet) int { return cmp.Compare(x.ID, y.ID) })
	return a, nil
}

// IsValid reports whether a was made by [NewAttachment].
func (a Attachment) IsValid() bool { return a.id != "" }

// ID returns the attachment's ID, "tgw-attach-…".
func (a Attachment) ID() string { return a.id }

// GatewayID returns the attachment's transit gateway.
func (a Attachment) GatewayID() string { return a.gatewayID }

// GatewayOwnerID returns the account that owns the transit gateway.
func (a Attachment) GatewayOwnerID() string { return a.gatewayOwner }

// OwnerID returns the account that owns the attached resource.
func (a Attachment) OwnerID() string { return a.owner }

// ResourceType returns what the attachment attaches.
func (a Attachment) ResourceType() ResourceType { return a.typ }

// ResourceID returns the attached VPC or VPN connection.
func (a Attachment) ResourceID() string { return a.resourceID }

// State returns the attachment's state.
func (a Attachment) State() State { return a.state }

// Subnets returns a VPC attachment's subnets, in ID order.
func (a Attachment) Subnets() []Subnet { return slices.Clone(a.subnets) }

// SubnetIDs returns a VPC attachment's subnet IDs, in ID order.
func (a Attachment) SubnetIDs() []string {
	ids := make([]string, len(a.subnets))
	for i, s := range a.subnets {
		ids[i] = s.ID
	}
	return ids
}

// Options returns a VPC attachment's options (zero for a VPN attachment).
func (a Attachment) Options() VPCOptions { return a.options }

// CreateTime returns when the attachment was created.
func (a Attachment) CreateTime() time.Time { return a.created }

// Association returns the route table the attachment is associated with,
// and false when it is not associated.
func (a Attachment) Association() (Association, bool) {
	if a.association == "" {
		return Association{}, false
	}
	return Association{RouteTableID: a.association, State: "associated"}, true
}

// IsDue reports whether the attachment has a step to take by itself.
func (a Attachment) IsDue() bool {
	return a.state == Pending || a.state == Modifying || a.state == Deleting
}

// Settle returns a after the step EC2 takes by itself at now: pending and
// modifying become available; deleting becomes deleted, associated with
// nothing.
func (a Attachment) Settle(now time.Time) Attachment {
	next := a.state.settled()
	if next == Deleted && a.state != Deleted {
		a.ended = norm(now)
		a.association = ""
	}
	a.state = next
	return a
}

// ExpiresAt returns when a deleted attachment stops being listed, and false
// in any other state.
func (a Attachment) ExpiresAt() (time.Time, bool) {
	if a.state != Deleted {
		return time.Time{}, false
	}
	return a.ended.Add(DeletedRetention), true
}

// Delete returns a deleting. A deleting or deleted attachment is not found
// (InvalidTransitGatewayAttachmentID.NotFound); one pending or modifying is
// in the wrong state (IncorrectState). A VPN attachment goes only with its
// connection: the caller refuses DeleteTransitGatewayVpcAttachment for it.
func (a Attachment) Delete() (Attachment, error) {
	switch a.state {
	case Deleting, Deleted:
		return a, a.notFound("delete")
	case Pending, Modifying:
		return a, fail("delete", a.id, string(a.state), ec2.IncorrectState, ErrState,
			fmt.Sprintf("%s is in invalid state %s", a.id, a.state))
	}
	a.state = Deleting
	return a, nil
}

// DeleteWithResource returns a deleting, as the deletion of the VPN
// connection it attaches takes it along.
func (a Attachment) DeleteWithResource() Attachment {
	if a.state.IsLive() {
		a.state = Deleting
	}
	return a
}

func (a Attachment) notFound(op string) *Error {
	return fail(op, a.id, a.id, ec2.TransitGatewayAttachment.NotFound, ErrState,
		fmt.Sprintf("Transit Gateway Attachment %s was deleted or does not exist.", a.id))
}

// usableWith refuses an attachment that is not available or not of t's
// gateway.
func (a Attachment) usableWith(t RouteTable, op string) *Error {
	switch {
	case !a.IsValid() || a.state == Deleting || a.state == Deleted:
		id := a.id
		return fail(op, id, id, ec2.TransitGatewayAttachment.NotFound, ErrState,
			fmt.Sprintf("Transit Gateway Attachment %s was deleted or does not exist.", id))
	case a.gatewayID != t.gatewayID:
		return fail(op, a.id, t.id, ec2.InvalidParameterValue, ErrInvalid,
			fmt.Sprintf("Transit Gateway Attachment %s is not attached to the transit gateway of %s.", a.id, t.id))
	case a.state != Available:
		return fail(op, a.id, string(a.state), ec2.IncorrectState, ErrState,
			fmt.Sprintf("%s is in invalid state %s", a.id, a.state))
	}
	return nil
}

// Associate returns a associated with route table t. Both must be
// available and of one gateway; an attachment already associated is
// refused (Resource.AlreadyAssociated).
func (a Attachment) Associate(t RouteTable) (Attachment, error) {
	if err := t.usable("associate"); err != nil {
		return a, err
	}
	if err := a.usableWith(t, "associate"); err != nil {
		return a, err
	}
	if a.association != "" {
		return a, fail("associate", a.id, a.association, ec2.ResourceAlreadyAssociated, ErrAlreadyAssociated,
			fmt.Sprintf("Transit Gateway Attachment %s is already associated to a route table.", a.id))
	}
	a.association = t.id
	return a, nil
}

// Disassociate returns a associated with nothing; it must be associated
// with route table tableID (InvalidAssociation.NotFound).
func (a Attachment) Disassociate(tableID string) (Attachment, error) {
	if a.association != tableID || tableID == "" {
		return a, fail("disassociate", a.id, tableID, "InvalidAssociation.NotFound", ErrNotAssociated,
			fmt.Sprintf("Association for %s does not exist in Transit Gateway Route Table %s.", a.id, tableID))
	}
	a.association = ""
	return a, nil
}

// VPCModification is what ModifyTransitGatewayVpcAttachment asks for.
type VPCModification struct {
	AddSubnets    []Subnet
	RemoveSubnets []string
	Options       VPCOptions // zero members stay as they are
}

// Modify returns a VPC attachment with m applied, in state modifying until
// it settles. It must be available (IncorrectState); the subnets it ends
// with follow [NewAttachment]'s rules, and it keeps at least one.
func (a Attachment) Modify(m VPCModification) (Attachment, error) {
	if a.state != Available {
		if a.state == Deleting || a.state == Deleted {
			return a, a.notFound("modify")
		}
		return a, fail("modify", a.id, string(a.state), ec2.IncorrectState, ErrState,
			fmt.Sprintf("%s is in invalid state %s", a.id, a.state))
	}
	if a.typ != ResourceVPC {
		return a, fail("modify", a.id, string(a.typ), ec2.InvalidParameterValue, ErrInvalid,
			fmt.Sprintf("%s is not a VPC attachment.", a.id))
	}
	n := a
	subnets := slices.Clone(a.subnets)
	for _, id := range m.RemoveSubnets {
		i := slices.IndexFunc(subnets, func(s Subnet) bool { return s.ID == id })
		if i < 0 {
			return a, fail("modify", a.id, id, ec2.InvalidParameterValue, ErrInvalid,
				fmt.Sprintf("The subnet %s is not part of %s.", id, a.id))
		}
		subnets = slices.Delete(subnets, i, i+1)
	}
	for _, s := range m.AddSubnets {
		if s.VPC != a.resourceID {
			return a, fail("modify", a.id, s.ID, ec2.InvalidParameterValue, ErrInvalid,
				fmt.Sprintf("The subnet %s does not belong to %s.", s.ID, a.resourceID))
		}
		if slices.ContainsFunc(subnets, func(x Subnet) bool { return x.Zone == s.Zone }) {
			return a, fail("modify", a.id, s.ID, "DuplicateSubnetsInSameZone", ErrZone, "Duplicate Subnets for same AZ")
		}
		subnets = append(subnets, s)
	}
	if len(subnets) == 0 {
		return a, fail("modify", a.id, "", ec2.InvalidParameterValue, ErrInvalid, "A VPC attachment keeps at least one subnet.")
	}
	slices.SortFunc(subnets, func(x, y Subnet) int { return cmp.Compare(x.ID, y.ID) })
	n.subnets = subnets
	o := a.options
	for _, f := range []struct {
		name string
		t    *Toggle
		v    Toggle
	}{
		{"DnsSupport", &o.DNSSupport, m.Options.DNSSupport},
		{"Ipv6Support", &o.IPv6Support, m.Options.IPv6Support},
		{"ApplianceModeSupport", &o.ApplianceModeSupport, m.Options.ApplianceModeSupport},
		{"SecurityGroupReferencingSupport", &o.SecurityGroupReferencingSupport, m.Options.SecurityGroupReferencingSupport},
	} {
		if f.v == "" {
			continue
		}
		if !f.v.IsValid() {
			e := badToggle("modify", f.name, f.v)
			e.ID = a.id
			return a, e
		}
		*f.t = f.v
	}
	n.options = o
	n.state = Modifying
	return n, nil
}
