package endpoint

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// State is an endpoint's state, spelled as EC2 spells it. The zero State
// is not valid.
type State string

// The states this package models, in the order of [State.Values]. EC2's
// pendingAcceptance, rejected, expired and failed belong to endpoint
// services that need acceptance, which the catalogue has none of.
const (
	Pending   State = "pending"
	Available State = "available"
	Deleting  State = "deleting"
	Deleted   State = "deleted"
)

// Values returns every valid State in lifecycle order.
func (State) Values() []State { return []State{Pending, Available, Deleting, Deleted} }

// IsValid reports whether s is one of [State.Values].
func (s State) IsValid() bool { return slices.Contains(s.Values(), s) }

// String returns s as spelled on the wire.
func (s State) String() string { return string(s) }

// IsLive reports whether an endpoint in state s serves its VPC: pending or
// available. Only a live endpoint's routes are in its route tables.
func (s State) IsLive() bool { return s == Pending || s == Available }

// DeletedRetention is how long a deleted endpoint stays listed in state
// deleted. EC2 does not document it; this model keeps one for ten
// minutes, as long as Terraform's default deletion timeout.
const DeletedRetention = 10 * time.Minute

// MaxGroups is the number of security groups an interface endpoint may
// have, EC2's quota of groups per network interface.
const MaxGroups = 5

// MaxPolicy is the longest policy document EC2 accepts: "The policy
// document can have up to 20,480 characters".
const MaxPolicy = 20480

// DefaultPolicy is the policy document of an endpoint created without
// one: full access.
const DefaultPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

// DNSRecordIPv4 is the DNS record IP type of an ipv4 endpoint.
const DNSRecordIPv4 = "ipv4"

// Placement is an interface endpoint's presence in one subnet: the subnet,
// its zone and the network interface the endpoint has there.
// Placement supports == and can be a map key.
type Placement struct {
	SubnetID    string `json:"subnet"` // "subnet-..."
	Zone        string `json:"zone"`   // the subnet's zone name
	InterfaceID string `json:"eni"`    // "eni-..."; empty until the interface exists
}

// DNSOptions are an endpoint's DNS options.
// DNSOptions supports ==; the zero value is an endpoint without them (a
// gateway endpoint).
type DNSOptions struct {
	RecordIPType string `json:"recordType,omitempty"` // "ipv4"
	// InboundOnly is PrivateDnsOnlyForInboundResolverEndpoint, which only
	// an S3 interface endpoint has (HasInboundOnly).
	InboundOnly    bool `json:"inboundOnly,omitempty"`
	HasInboundOnly bool `json:"hasInboundOnly,omitempty"`
}

// Spec is what CreateVpcEndpoint asks for, resolved: the service, and the
// VPC, route tables, subnets and groups the Cloud has checked exist and
// belong together. The zero Spec is not valid.
type Spec struct {
	OwnerID, Region, VPCID string
	Service                Service
	Policy                 string // "" for DefaultPolicy
	RouteTableIDs          []string
	Subnets                []Placement // interface IDs are added later (WithInterface)
	GroupIDs               []string
	PrivateDNS             bool
	DNS                    DNSOptions // the zero value takes the defaults
	IPAddressType          string     // "" or "ipv4"
	ClientToken            string
}

// Endpoint is one VPC endpoint. The zero Endpoint is not valid; use
// [Create]. An Endpoint is an immutable value: every action returns a new
// Endpoint. It holds slices, so it does not support ==; accessors copy.
type Endpoint struct {
	id, ownerID, region, vpcID string
	service                    string
	typ                        Type
	state                      State
	policy                     string
	routeTables                []string    // sorted
	subnets                    []Placement // sorted by subnet
	groups                     []string    // in the order given
	privateDNS                 bool
	dns                        DNSOptions
	clientToken                string
	created, deleted           time.Time
}

func fail(op, id, input, code string, cause error, msg string) error {
	return &Error{Op: op, ID: id, Input: input, Code: code, Err: cause, msg: msg}
}

// CheckPolicy returns the error EC2 gives for a policy document that is
// not a JSON object of at most [MaxPolicy] characters, or nil.
func CheckPolicy(op, id, doc string) error {
	var v map[string]any
	if len(doc) > MaxPolicy || json.Unmarshal([]byte(doc), &v) != nil || v == nil {
		return fail(op, id, doc, "MalformedPolicy", ErrPolicy, "Policy document is not a valid JSON object.")
	}
	return nil
}

// Check returns the error [Create] would return for s, reading no
// randomness.
//
// Errors (*Error, Op "create"): an invalid service (ErrService,
// InvalidServiceName); a malformed owner, Region, VPC, route table, subnet
// or group ID (ErrInvalid, the ID's Malformed code); route tables for an
// interface endpoint, or subnets, groups or private DNS for a gateway
// endpoint (ErrInvalid, InvalidParameter); private DNS for a service
// without it (ErrInvalid, InvalidParameter); two subnets in one zone
// (ErrZone, DuplicateSubnetsInSameZone); a subnet in a zone the service
// is not in (ErrInvalid, InvalidParameter); more than [MaxGroups] groups
// (ErrInvalid, InvalidParameter); an IP address type but ipv4
// (ErrInvalid, InvalidParameter); a policy that is not JSON (ErrPolicy,
// MalformedPolicy).
func (s Spec) Check() error {
	svc := s.Service
	inv := func(input, msg string) error { return fail("create", "", input, ec2.InvalidParameter, ErrInvalid, msg) }
	switch {
	case !svc.IsValid() || svc.Region != s.Region:
		return fail("create", "", svc.Name, "InvalidServiceName", ErrService, fmt.Sprintf("The Vpc Endpoint Service '%s' does not exist", svc.Name))
	case !ec2.IsAccount(s.OwnerID) || !ec2.IsRegion(s.Region):
		return inv(s.OwnerID, fmt.Sprintf("Invalid owner %q or Region %q.", s.OwnerID, s.Region))
	case !ec2.VPC.IsID(s.VPCID):
		return fail("create", "", s.VPCID, ec2.VPCIDMalformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"vpc-...\")", s.VPCID))
	case len(s.ClientToken) > 64:
		return inv(s.ClientToken, "The client token must be at most 64 characters.")
	}
	for _, id := range s.RouteTableIDs {
		if err := ec2.RouteTable.ParseID(id); err != nil {
			return fail("create", "", id, ec2.RouteTableIDMalformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"rtb-...\")", id))
		}
	}
	for _, p := range s.Subnets {
		if !ec2.Subnet.IsID(p.SubnetID) {
			return fail("create", "", p.SubnetID, ec2.SubnetIDMalformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"subnet-...\")", p.SubnetID))
		}
	}
	for _, g := range s.GroupIDs {
		if !ec2.SecurityGroup.IsID(g) {
			return fail("create", "", g, ec2.SecurityGroup.Malformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"sg-...\")", g))
		}
	}
	if svc.Type == Gateway {
		switch {
		case len(s.Subnets) > 0:
			return inv(s.Subnets[0].SubnetID, "Subnet ids are not supported for a Gateway endpoint.")
		case len(s.GroupIDs) > 0:
			return inv(s.GroupIDs[0], "Security group ids are not supported for a Gateway endpoint.")
		case s.PrivateDNS:
			return inv("PrivateDnsEnabled", "Private DNS is not supported for a Gateway endpoint.")
		case s.DNS.HasInboundOnly:
			return inv("DnsOptions", "DNS options are not supported for a Gateway endpoint.")
		}
	} else {
		if len(s.RouteTableIDs) > 0 {
			return inv(s.RouteTableIDs[0], "Route table ids are not supported for an Interface endpoint.")
		}
		if s.PrivateDNS && !svc.PrivateDNS() {
			return inv("PrivateDnsEnabled", fmt.Sprintf("Private DNS can't be enabled because the service %s does not provide a private DNS name.", svc.Name))
		}
		if err := checkPlacements("create", "", svc, s.Subnets); err != nil {
			return err
		}
		if len(dedupe(s.GroupIDs)) > MaxGroups {
			return inv(strings.Join(s.GroupIDs, ","), fmt.Sprintf("An endpoint can have at most %d security groups.", MaxGroups))
		}
		if s.DNS.HasInboundOnly && !strings.HasSuffix(svc.Name, ".s3") {
			return inv("PrivateDnsOnlyForInboundResolverEndpoint", "PrivateDnsOnlyForInboundResolverEndpoint is only supported for the S3 interface endpoint.")
		}
	}
	if s.IPAddressType != "" && s.IPAddressType != IPv4 {
		return inv(s.IPAddressType, fmt.Sprintf("The IP address type %s is not supported by the service %s.", s.IPAddressType, svc.Name))
	}
	if s.DNS.RecordIPType != "" && s.DNS.RecordIPType != DNSRecordIPv4 {
		return inv(s.DNS.RecordIPType, fmt.Sprintf("The DNS record IP type %s is not supported by the service %s.", s.DNS.RecordIPType, svc.Name))
	}
	if s.Policy != "" {
		return CheckPolicy("create", "", s.Policy)
	}
	return nil
}

// checkPlacements checks an interface endpoint's subnets: one per zone,
// each in one of the service's zones.
func checkPlacements(op, id string, svc Service, ps []Placement) error {
	seen := map[string]string{}
	for _, p := range ps {
		if !slices.Contains(svc.Zones, p.Zone) {
			return fail(op, id, p.SubnetID, ec2.InvalidParameter, ErrInvalid,
				fmt.Sprintf("The VPC endpoint service %s does not support the availability zone of the subnet: %s.", svc.Name, p.SubnetID))
		}
		if other, dup := seen[p.Zone]; dup && other != p.SubnetID {
			return fail(op, id, p.SubnetID, "DuplicateSubnetsInSameZone", ErrZone,
				fmt.Sprintf("Found another VPC endpoint subnet in the availability zone of %s. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.", p.SubnetID))
		}
		seen[p.Zone] = p.SubnetID
	}
	return nil
}

// dedupe returns xs without repeats, in first-seen order, as a new slice.
func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// sortedSet returns xs sorted and without repeats, as a new slice.
func sortedSet(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// placements returns ps without repeated subnets, sorted by subnet.
func placements(ps []Placement) []Placement {
	out := slices.Clone(ps)
	slices.SortFunc(out, func(a, b Placement) int { return strings.Compare(a.SubnetID, b.SubnetID) })
	return slices.CompactFunc(out, func(a, b Placement) bool { return a.SubnetID == b.SubnetID })
}

// Create returns a new endpoint as s asks, pending, with its ID drawn from
// random (9 bytes) after every check has passed, so that a refusal reads
// nothing. Its subnets have no interface yet: add each with
// [Endpoint.WithInterface].
//
// Errors: those of [Spec.Check]; a failing random source (a plain error).
func Create(s Spec, now time.Time, random io.Reader) (Endpoint, error) {
	if err := s.Check(); err != nil {
		return Endpoint{}, err
	}
	id, err := ec2.VPCEndpoint.NewID(random)
	if err != nil {
		return Endpoint{}, err
	}
	e := Endpoint{id: id, ownerID: s.OwnerID, region: s.Region, vpcID: s.VPCID, service: s.Service.Name, typ: s.Service.Type,
		state: Pending, policy: s.Policy, routeTables: sortedSet(s.RouteTableIDs), clientToken: s.ClientToken,
		created: now.UTC().Round(0)}
	if e.policy == "" {
		e.policy = DefaultPolicy
	}
	if e.typ == Interface {
		e.subnets = placements(s.Subnets)
		for i := range e.subnets {
			e.subnets[i].InterfaceID = ""
		}
		e.groups = dedupe(s.GroupIDs)
		e.privateDNS = s.PrivateDNS
		e.dns = DNSOptions{RecordIPType: DNSRecordIPv4, InboundOnly: s.DNS.InboundOnly, HasInboundOnly: s.DNS.HasInboundOnly}
		if strings.HasSuffix(e.service, ".s3") && !e.dns.HasInboundOnly && e.privateDNS {
			e.dns.HasInboundOnly = true // EC2 answers the option for every S3 interface endpoint with private DNS
		}
	}
	return e, nil
}

// IsValid reports whether e was made by [Create].
func (e Endpoint) IsValid() bool { return e.id != "" }

// ID returns the endpoint ID, "vpce-...".
func (e Endpoint) ID() string { return e.id }

// OwnerID returns the account that owns e.
func (e Endpoint) OwnerID() string { return e.ownerID }

// Region returns e's Region.
func (e Endpoint) Region() string { return e.region }

// VPCID returns e's VPC.
func (e Endpoint) VPCID() string { return e.vpcID }

// ServiceName returns the name of the service e reaches.
func (e Endpoint) ServiceName() string { return e.service }

// Type returns e's type.
func (e Endpoint) Type() Type { return e.typ }

// State returns e's state.
func (e Endpoint) State() State { return e.state }

// Policy returns e's policy document.
func (e Endpoint) Policy() string { return e.policy }

// RouteTableIDs returns a gateway endpoint's route tables, in ID order.
func (e Endpoint) RouteTableIDs() []string { return slices.Clone(e.routeTables) }

// HasRouteTable reports whether e routes through route table id.
func (e Endpoint) HasRouteTable(id string) bool {
	_, ok := slices.BinarySearch(e.routeTables, id)
	return ok
}

// Subnets returns an interface endpoint's placements, in subnet ID order.
func (e Endpoint) Subnets() []Placement { return slices.Clone(e.subnets) }

// GroupIDs returns an interface endpoint's security groups.
func (e Endpoint) GroupIDs() []string { return slices.Clone(e.groups) }

// PrivateDNS reports whether e has private DNS enabled.
func (e Endpoint) PrivateDNS() bool { return e.privateDNS }

// DNS returns e's DNS options, and false for an endpoint without them.
func (e Endpoint) DNS() (DNSOptions, bool) { return e.dns, e.typ == Interface }

// IPAddressType returns e's IP address type, "ipv4".
func (e Endpoint) IPAddressType() string { return IPv4 }

// ClientToken returns the token e was created with, or "".
func (e Endpoint) ClientToken() string { return e.clientToken }

// CreateTime returns when e was created.
func (e Endpoint) CreateTime() time.Time { return e.created }

// DeleteTime returns when e was deleted, and whether it was.
func (e Endpoint) DeleteTime() (time.Time, bool) { return e.deleted, !e.deleted.IsZero() }

// ExpiresAt returns when a deleted endpoint stops being listed, and
// whether e is deleted or deleting. It is listed before that instant, not
// at or after it.
func (e Endpoint) ExpiresAt() (time.Time, bool) {
	if e.deleted.IsZero() {
		return time.Time{}, false
	}
	return e.deleted.Add(DeletedRetention), true
}

// WithInterface returns e with the network interface id in its subnet
// subnetID. It is refused (ErrInvalid) for a subnet e is not in, or
// one that has an interface already.
func (e Endpoint) WithInterface(subnetID, id string) (Endpoint, error) {
	i := slices.IndexFunc(e.subnets, func(p Placement) bool { return p.SubnetID == subnetID })
	if i < 0 || e.subnets[i].InterfaceID != "" || !ec2.NetworkInterface.IsID(id) {
		return Endpoint{}, fail("modify", e.id, subnetID, ec2.InvalidParameter, ErrInvalid, "The subnet has no place for a network interface.")
	}
	e.subnets = slices.Clone(e.subnets)
	e.subnets[i].InterfaceID = id
	return e, nil
}

// Modification is what ModifyVpcEndpoint asks for, resolved by the
// Cloud. The zero Modification changes nothing.
type Modification struct {
	AddRouteTables, RemoveRouteTables []string
	AddSubnets                        []Placement
	RemoveSubnets                     []string
	AddGroups, RemoveGroups           []string
	Policy                            string // "" keeps the policy
	ResetPolicy                       bool
	PrivateDNS                        bool
	SetPrivateDNS                     bool
	DNS                               DNSOptions
	SetDNS                            bool
	IPAddressType                     string // "" keeps it
}

// Modify returns e changed as m asks. Removing what e does not have
// succeeds and changes nothing, as does adding what it has. The endpoint
// stays in its state: its routes and interfaces change at once.
//
// Errors (*Error, Op "modify"): e not pending or available (ErrState,
// IncorrectState); the refusals of [Spec.Check] for what m adds; a
// policy and ResetPolicy together (ErrInvalid, InvalidParameter).
func (e Endpoint) Modify(svc Service, m Modification) (Endpoint, error) {
	inv := func(input, msg string) error {
		return fail("modify", e.id, input, ec2.InvalidParameter, ErrInvalid, msg)
	}
	if !e.state.IsLive() {
		return Endpoint{}, fail("modify", e.id, string(e.state), "IncorrectState", ErrState,
			fmt.Sprintf("The VPC endpoint %s is in state %s and cannot be modified.", e.id, e.state))
	}
	if e.typ == Gateway {
		switch {
		case len(m.AddSubnets) > 0 || len(m.RemoveSubnets) > 0:
			return Endpoint{}, inv("SubnetId", "Subnet ids are not supported for a Gateway endpoint.")
		case len(m.AddGroups) > 0 || len(m.RemoveGroups) > 0:
			return Endpoint{}, inv("SecurityGroupId", "Security group ids are not supported for a Gateway endpoint.")
		case m.SetPrivateDNS && m.PrivateDNS:
			return Endpoint{}, inv("PrivateDnsEnabled", "Private DNS is not supported for a Gateway endpoint.")
		case m.SetDNS:
			return Endpoint{}, inv("DnsOptions", "DNS options are not supported for a Gateway endpoint.")
		}
	} else if len(m.AddRouteTables) > 0 || len(m.RemoveRouteTables) > 0 {
		return Endpoint{}, inv("RouteTableId", "Route table ids are not supported for an Interface endpoint.")
	}
	if m.Policy != "" && m.ResetPolicy {
		return Endpoint{}, inv("ResetPolicy", "A policy document and ResetPolicy cannot be given together.")
	}
	if m.Policy != "" {
		if err := CheckPolicy("modify", e.id, m.Policy); err != nil {
			return Endpoint{}, err
		}
	}
	if m.IPAddressType != "" && m.IPAddressType != IPv4 {
		return Endpoint{}, inv(m.IPAddressType, fmt.Sprintf("The IP address type %s is not supported by the service %s.", m.IPAddressType, e.service))
	}
	for _, id := range append(slices.Clone(m.AddRouteTables), m.RemoveRouteTables...) {
		if !ec2.RouteTable.IsID(id) {
			return Endpoint{}, fail("modify", e.id, id, ec2.RouteTableIDMalformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"rtb-...\")", id))
		}
	}
	next := e
	next.routeTables = sortedSet(append(slices.DeleteFunc(slices.Clone(e.routeTables), func(id string) bool {
		return slices.Contains(m.RemoveRouteTables, id)
	}), m.AddRouteTables...))
	if e.typ == Interface {
		kept := slices.DeleteFunc(slices.Clone(e.subnets), func(p Placement) bool { return slices.Contains(m.RemoveSubnets, p.SubnetID) })
		for _, p := range m.AddSubnets {
			if !ec2.Subnet.IsID(p.SubnetID) {
				return Endpoint{}, fail("modify", e.id, p.SubnetID, ec2.SubnetIDMalformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"subnet-...\")", p.SubnetID))
			}
			switch i := slices.IndexFunc(e.subnets, func(k Placement) bool { return k.SubnetID == p.SubnetID }); {
			case slices.ContainsFunc(kept, func(k Placement) bool { return k.SubnetID == p.SubnetID }):
			case i >= 0: // removed and added back: it keeps its interface
				kept = append(kept, e.subnets[i])
			default:
				kept = append(kept, Placement{SubnetID: p.SubnetID, Zone: p.Zone})
			}
		}
		if err := checkPlacements("modify", e.id, svc, kept); err != nil {
			return Endpoint{}, err
		}
		next.subnets = placements(kept)
		groups := slices.DeleteFunc(slices.Clone(e.groups), func(g string) bool { return slices.Contains(m.RemoveGroups, g) })
		for _, g := range m.AddGroups {
			if !ec2.SecurityGroup.IsID(g) {
				return Endpoint{}, fail("modify", e.id, g, ec2.SecurityGroup.Malformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"sg-...\")", g))
			}
		}
		next.groups = dedupe(append(groups, m.AddGroups...))
		if len(next.groups) > MaxGroups {
			return Endpoint{}, inv(strings.Join(next.groups, ","), fmt.Sprintf("An endpoint can have at most %d security groups.", MaxGroups))
		}
		if m.SetPrivateDNS {
			if m.PrivateDNS && !svc.PrivateDNS() {
				return Endpoint{}, inv("PrivateDnsEnabled", fmt.Sprintf("Private DNS can't be enabled because the service %s does not provide a private DNS name.", svc.Name))
			}
			next.privateDNS = m.PrivateDNS
		}
		if m.SetDNS {
			if m.DNS.RecordIPType != "" && m.DNS.RecordIPType != DNSRecordIPv4 {
				return Endpoint{}, inv(m.DNS.RecordIPType, fmt.Sprintf("The DNS record IP type %s is not supported by the service %s.", m.DNS.RecordIPType, e.service))
			}
			if m.DNS.HasInboundOnly {
				if !strings.HasSuffix(e.service, ".s3") {
					return Endpoint{}, inv("PrivateDnsOnlyForInboundResolverEndpoint", "PrivateDnsOnlyForInboundResolverEndpoint is only supported for the S3 interface endpoint.")
				}
				next.dns.HasInboundOnly, next.dns.InboundOnly = true, m.DNS.InboundOnly
			}
		}
	}
	switch {
	case m.ResetPolicy:
		next.policy = DefaultPolicy
	case m.Policy != "":
		next.policy = m.Policy
	}
	return next, nil
}

// Delete returns e deleting, at now. Deleting an endpoint already
// deleting succeeds and changes nothing; a deleted one is refused
// (ErrState, InvalidVpcEndpoint.NotFound), as EC2 no longer knows it.
func (e Endpoint) Delete(now time.Time) (Endpoint, error) {
	switch e.state {
	case Deleting:
		return e, nil
	case Deleted:
		return Endpoint{}, fail("delete", e.id, string(e.state), "InvalidVpcEndpoint.NotFound", ErrState,
			fmt.Sprintf("The Vpc Endpoint Id '%s' does not exist", e.id))
	}
	e.state = Deleting
	e.deleted = now.UTC().Round(0)
	return e, nil
}

// Settle returns e after the step EC2 takes by itself: pending becomes
// available, deleting becomes deleted. Other states stay.
func (e Endpoint) Settle() Endpoint {
	switch e.state {
	case Pending:
		e.state = Available
	case Deleting:
		e.state = Deleted
	}
	return e
}

// IsDue reports whether e has a step to take at the next call: pending or
// deleting.
func (e Endpoint) IsDue() bool { return e.state == Pending || e.state == Deleting }

// InterfaceDescription is the description EC2 gives an endpoint's network
// interface.
func InterfaceDescription(endpointID string) string { return "VPC Endpoint Interface " + endpointID }
