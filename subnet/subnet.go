package subnet

import (
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/vpc"
	"github.com/vpclab/vpcmodel/zone"
)

// Block sizes and reserved addresses: "The allowed block size is between a
// /28 netmask and /16 netmask", and "The first four IP addresses and the
// last IP address in each subnet CIDR block are not available for your
// use".
const (
	MinBits           = 16
	MaxBits           = 28
	ReservedAddresses = 5
)

// HostnameType is the hostname type of the instances launched in a subnet
// (PrivateDnsHostnameTypeOnLaunch), spelled as EC2 spells it. The zero
// HostnameType is not valid.
type HostnameType string

// The hostname types.
const (
	HostnameIPName       HostnameType = "ip-name"
	HostnameResourceName HostnameType = "resource-name"
)

// Values returns every valid HostnameType, in EC2's documentation order.
func (HostnameType) Values() []HostnameType {
	return []HostnameType{HostnameIPName, HostnameResourceName}
}

// IsValid reports whether h is one of [HostnameType.Values].
func (h HostnameType) IsValid() bool { return slices.Contains(h.Values(), h) }

// String returns h as EC2 spells it.
func (h HostnameType) String() string { return string(h) }

// Attributes are a subnet's settable attributes (ModifySubnetAttribute).
// The zero Attributes are not valid (HostnameType is empty); use
// [DefaultAttributes]. Attributes support == and can be a map key.
type Attributes struct {
	MapPublicIPOnLaunch             bool
	AssignIPv6AddressOnCreation     bool
	MapCustomerOwnedIPOnLaunch      bool
	EnableDNS64                     bool
	HostnameType                    HostnameType
	EnableResourceNameDNSARecord    bool
	EnableResourceNameDNSAAAARecord bool
}

// DefaultAttributes returns the attributes of a new non-default subnet:
// everything off and hostname type ip-name ("Defaults false, except
// MapPublicIpOnLaunch true in default subnets"). An IPv6-only subnet starts
// with hostname type resource-name instead, the only one it takes.
func DefaultAttributes() Attributes { return Attributes{HostnameType: HostnameIPName} }

// IPv6Bits is the size of a subnet's IPv6 block: "you can create a subnet
// with an IPv6 CIDR block that uses a /64 prefix length".
const IPv6Bits = 64

// IPv6Block is one IPv6 CIDR block association of a subnet. The zero
// IPv6Block is not valid. IPv6Block supports == and can be a map key.
type IPv6Block struct {
	AssociationID string       // "subnet-cidr-assoc-..."
	CIDR          netip.Prefix // a /64 inside one of the VPC's IPv6 blocks
	State         vpc.BlockState
}

// Spec is what CreateSubnet asks for, with what the placement rules check
// it against. CIDRBlock is parsed by the caller with [ParseCIDR],
// IPv6CIDRBlock with [ParseIPv6CIDR]; Zone by [ResolveZone]. A dual-stack
// subnet has both blocks, an IPv6-only one (IPv6Native) only the IPv6 block.
type Spec struct {
	OwnerID       string // the account, 12 digits
	Region        string // "us-east-1", ...
	VPCID         string // "vpc-..."
	Zone          zone.Zone
	CIDRBlock     netip.Prefix   // the zero Prefix for an IPv6-only subnet
	VPCBlocks     []netip.Prefix // the VPC's associated IPv4 blocks
	Siblings      []netip.Prefix // the IPv4 blocks of the VPC's other subnets
	IPv6CIDRBlock netip.Prefix   // the zero Prefix for none
	IPv6Native    bool
	VPCIPv6Blocks []netip.Prefix // the VPC's associated IPv6 blocks
	IPv6Siblings  []netip.Prefix // the IPv6 blocks of the VPC's other subnets
	// DefaultForAZ makes the default subnet of Zone in a default VPC,
	// which EC2 makes with MapPublicIpOnLaunch on.
	DefaultForAZ bool
}

// Subnet is one subnet: its ID, owner, VPC, zone, IPv4 block, IPv6 block
// associations and attributes. The zero Subnet is not valid; use [Create]. A
// Subnet is an immutable value: every action returns a new Subnet and
// leaves the receiver untouched. Subnet holds a slice (its IPv6
// associations), so it does not support ==.
type Subnet struct {
	id, ownerID, region, vpcID string
	zone                       zone.Zone
	cidr                       netip.Prefix // the zero Prefix for an IPv6-only subnet
	native                     bool
	ipv6                       []IPv6Block // in association order; never aliased between values
	attrs                      Attributes
	defaultForAZ               bool
}

// ParseCIDR parses CreateSubnet's CidrBlock: an IPv4 prefix, stored
// canonically (host bits cleared, as EC2 stores 100.68.0.18/18 as
// 100.68.0.0/18), of /16 to /28.
//
// Errors (*Error, Op "create"): not an IPv4 CIDR ([ErrInvalid],
// InvalidParameterValue); a size out of range ([ErrRange],
// InvalidSubnet.Range, "The CIDR '10.0.0.0/29' is invalid.").
func ParseCIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, &Error{Op: "create", Input: s, Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s)}
	}
	p = p.Masked()
	if p.Bits() < MinBits || p.Bits() > MaxBits {
		return netip.Prefix{}, rangeError(p)
	}
	return p, nil
}

func rangeError(p netip.Prefix) *Error {
	return &Error{Op: "create", Input: p.String(), Code: "InvalidSubnet.Range", Err: ErrRange,
		msg: fmt.Sprintf("The CIDR '%s' is invalid.", p)}
}

// ParseIPv6CIDR parses CreateSubnet's and AssociateSubnetCidrBlock's
// Ipv6CidrBlock: a /64 IPv6 prefix in canonical form.
//
// Errors (*Error, Op "create", [ErrInvalid], InvalidParameterValue, AWS's
// "invalid value for parameter ipv6-cidr-block: 2600:1f16:c6:ff10::/60"):
// not an IPv6 CIDR, a prefix length other than /64, or host bits set.
func ParseIPv6CIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() || p.Addr().Zone() != "" || p.Bits() != IPv6Bits || p != p.Masked() {
		return netip.Prefix{}, ipv6Invalid("create", s)
	}
	return p, nil
}

func ipv6Invalid(op, s string) *Error {
	return &Error{Op: op, Input: s, Code: ec2.InvalidParameterValue, Err: ErrInvalid,
		msg: "invalid value for parameter ipv6-cidr-block: " + s}
}

// checkIPv6 applies the placement rules to an IPv6 block: a /64 inside one
// of the VPC's IPv6 blocks, overlapping no sibling's.
func checkIPv6(op string, p netip.Prefix, vpcBlocks, siblings []netip.Prefix) *Error {
	if _, err := ParseIPv6CIDR(p.String()); err != nil || !p.IsValid() {
		return ipv6Invalid(op, p.String())
	}
	if !slices.ContainsFunc(vpcBlocks, func(b netip.Prefix) bool { return contains(b, p) }) {
		return &Error{Op: op, Input: p.String(), Code: "InvalidSubnet.Range", Err: ErrRange,
			msg: fmt.Sprintf("The IPv6 CIDR '%s' is invalid.", p)}
	}
	if slices.ContainsFunc(siblings, p.Overlaps) {
		return &Error{Op: op, Input: p.String(), Code: "InvalidSubnet.Conflict", Err: ErrConflict,
			msg: fmt.Sprintf("The IPv6 CIDR '%s' conflicts with another subnet", p)}
	}
	return nil
}

// Check returns the error [Create] would return for spec, reading no
// randomness: callers that must check other resources before they change
// anything call it first.
//
// Errors (*Error, Op "create"): a malformed owner, Region or VPC ID, or a
// zone of another Region ([ErrInvalid] or [ErrZone], InvalidParameterValue);
// an IPv6-only subnet given an IPv4 block ([ErrInvalid],
// InvalidParameterCombination) or no IPv6 block ([ErrInvalid],
// MissingParameter); a block of the wrong size or not inside one of
// VPCBlocks ([ErrRange], InvalidSubnet.Range, "The CIDR '10.10.1.0/24' is
// invalid."); a block overlapping one of Siblings ([ErrConflict],
// InvalidSubnet.Conflict, "The CIDR '10.0.1.0/24' conflicts with another
// subnet"); the same for the IPv6 block against VPCIPv6Blocks and
// IPv6Siblings, after the errors of [ParseIPv6CIDR].
func (spec Spec) Check() error {
	const op = "create"
	switch {
	case !ec2.IsAccount(spec.OwnerID) || !ec2.IsRegion(spec.Region):
		return &Error{Op: op, Input: spec.OwnerID, Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Invalid owner %q or Region %q", spec.OwnerID, spec.Region)}
	case !ec2.VPC.IsID(spec.VPCID):
		return &Error{Op: op, Input: spec.VPCID, Code: ec2.VPCIDMalformed, Err: ErrInvalid,
			msg: fmt.Sprintf("Invalid id: %q (expecting \"vpc-...\")", spec.VPCID)}
	case !spec.Zone.IsValid() || spec.Zone.Region != spec.Region:
		return zoneError(spec.Region, "availabilityZone", spec.Zone.Name)
	}
	if spec.IPv6Native {
		switch {
		case spec.CIDRBlock.IsValid():
			return &Error{Op: op, Input: spec.CIDRBlock.String(), Code: ec2.InvalidParameterCombination, Err: ErrInvalid,
				msg: "The parameter CidrBlock cannot be used with Ipv6Native: an IPv6-only subnet has no IPv4 CIDR block."}
		case !spec.IPv6CIDRBlock.IsValid():
			return &Error{Op: op, Input: "Ipv6CidrBlock", Code: ec2.MissingParameter, Err: ErrInvalid,
				msg: "The request must contain the parameter Ipv6CidrBlock"}
		}
	} else if err := spec.checkIPv4(); err != nil {
		return err
	}
	if spec.IPv6CIDRBlock.IsValid() {
		if err := checkIPv6(op, spec.IPv6CIDRBlock, spec.VPCIPv6Blocks, spec.IPv6Siblings); err != nil {
			return err
		}
	}
	return nil
}

// checkIPv4 applies the placement rules to spec's IPv4 block.
func (spec Spec) checkIPv4() error {
	const op = "create"
	p := spec.CIDRBlock
	if !p.IsValid() || !p.Addr().Is4() {
		return &Error{Op: op, Input: p.String(), Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", p)}
	}
	p = p.Masked()
	if p.Bits() < MinBits || p.Bits() > MaxBits || !slices.ContainsFunc(spec.VPCBlocks, func(b netip.Prefix) bool { return contains(b, p) }) {
		return rangeError(p)
	}
	if slices.ContainsFunc(spec.Siblings, p.Overlaps) {
		return &Error{Op: op, Input: p.String(), Code: "InvalidSubnet.Conflict", Err: ErrConflict,
			msg: fmt.Sprintf("The CIDR '%s' conflicts with another subnet", p)}
	}
	return nil
}

// contains reports whether outer contains inner.
func contains(outer, inner netip.Prefix) bool {
	return outer.Addr().Is4() == inner.Addr().Is4() && outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// Create returns a new subnet as spec asks, with [DefaultAttributes] (an
// IPv6-only subnet with hostname type resource-name), its IPv6 block, if
// any, associating. Its ID, then its IPv6 association's, come from random
// (9 bytes each, read with io.ReadFull) after every check has passed, so
// that a refusal reads nothing.
//
// Errors: those of [Spec.Check]; a failing random source (a plain error).
func Create(spec Spec, random io.Reader) (Subnet, error) {
	if err := spec.Check(); err != nil {
		return Subnet{}, err
	}
	id, err := ec2.Subnet.NewID(random)
	if err != nil {
		return Subnet{}, err
	}
	s := Subnet{id: id, ownerID: spec.OwnerID, region: spec.Region, vpcID: spec.VPCID, zone: spec.Zone,
		native: spec.IPv6Native, attrs: DefaultAttributes(), defaultForAZ: spec.DefaultForAZ}
	s.attrs.MapPublicIPOnLaunch = spec.DefaultForAZ
	if !spec.IPv6Native {
		s.cidr = spec.CIDRBlock.Masked()
	} else {
		s.attrs.HostnameType = HostnameResourceName
	}
	if spec.IPv6CIDRBlock.IsValid() {
		assoc, err := ec2.SubnetCIDRAssociation.NewID(random)
		if err != nil {
			return Subnet{}, err
		}
		s.ipv6 = []IPv6Block{{AssociationID: assoc, CIDR: spec.IPv6CIDRBlock, State: vpc.BlockAssociating}}
	}
	return s, nil
}

// IsValid reports whether s was made by [Create].
func (s Subnet) IsValid() bool { return s.id != "" }

// ID returns the subnet ID, "subnet-...".
func (s Subnet) ID() string { return s.id }

// OwnerID returns the account that owns the subnet.
func (s Subnet) OwnerID() string { return s.ownerID }

// Region returns the subnet's Region.
func (s Subnet) Region() string { return s.region }

// VPCID returns the ID of the subnet's VPC.
func (s Subnet) VPCID() string { return s.vpcID }

// Zone returns the subnet's Availability Zone.
func (s Subnet) Zone() zone.Zone { return s.zone }

// DefaultForAZ reports whether s is its zone's default subnet.
func (s Subnet) DefaultForAZ() bool { return s.defaultForAZ }

// CIDR returns the subnet's IPv4 block, masked; the zero Prefix for an
// IPv6-only subnet.
func (s Subnet) CIDR() netip.Prefix { return s.cidr }

// IsIPv6Native reports whether s is an IPv6-only subnet (Ipv6Native).
func (s Subnet) IsIPv6Native() bool { return s.native }

// IPv6Blocks returns a copy of the subnet's IPv6 block associations, in
// the order they were made, whatever their state.
func (s Subnet) IPv6Blocks() []IPv6Block { return slices.Clone(s.ipv6) }

// IPv6CIDR returns the subnet's IPv6 block that is associated or
// associating (a subnet has at most one), and false when it has none.
func (s Subnet) IPv6CIDR() (netip.Prefix, bool) {
	for _, b := range s.ipv6 {
		if b.State == vpc.BlockAssociating || b.State == vpc.BlockAssociated {
			return b.CIDR, true
		}
	}
	return netip.Prefix{}, false
}

// Attributes returns the subnet's attributes.
func (s Subnet) Attributes() Attributes { return s.attrs }

// AvailableIPAddressCount returns the IPv4 addresses of the block not
// reserved by EC2 and not in use: 2^(32-bits) - [ReservedAddresses], as
// this model places no network interfaces. The zero Subnet and an
// IPv6-only subnet have none.
func (s Subnet) AvailableIPAddressCount() int {
	if !s.IsValid() || !s.cidr.IsValid() {
		return 0
	}
	return 1<<(32-s.cidr.Bits()) - ReservedAddresses
}

// ARN returns the subnet's ARN, arn:<partition>:ec2:<region>:<owner>:subnet/<id>,
// in the partition the Region belongs to (aws, aws-cn, aws-us-gov).
func (s Subnet) ARN() string {
	if !s.IsValid() {
		return ""
	}
	partition := "aws"
	switch {
	case strings.HasPrefix(s.region, "cn-"):
		partition = "aws-cn"
	case strings.HasPrefix(s.region, "us-gov-"):
		partition = "aws-us-gov"
	}
	return "arn:" + partition + ":ec2:" + s.region + ":" + s.ownerID + ":subnet/" + s.id
}

// WithAttributes returns s with its attributes replaced by a. An attribute
// is checked when it is turned on or changed, as EC2 checks the one a
// ModifySubnetAttribute call names; one already on stays on even when what
// it needed has gone (DNS64 after the IPv6 block was disassociated).
//
// Errors (*Error, Op "modify", wrapping [ErrAttribute],
// InvalidParameterValue): turning on IPv6 addresses on creation, DNS64 or
// resource-name AAAA records while the subnet has no IPv6 block (AWS's
// messages, "Invalid value 'true' for enable-dns64. Cannot set
// enable-dns64 to true unless the subnet (subnet-…) has an IPv6 CIDR block
// associated with it."); mapping customer-owned addresses, since the subnet
// is on no Outpost; an unknown hostname type, or ip-name for an IPv6-only
// subnet.
func (s Subnet) WithAttributes(a Attributes) (Subnet, error) {
	fail := func(input, msg string) (Subnet, error) {
		return s, &Error{Op: "modify", ID: s.id, Input: input, Code: ec2.InvalidParameterValue, Err: ErrAttribute, msg: msg}
	}
	_, hasIPv6 := s.IPv6CIDR()
	needsIPv6 := func(name string) (Subnet, error) {
		return fail(name, fmt.Sprintf("Invalid value 'true' for %s. Cannot set %s to true unless the subnet (%s) has an IPv6 CIDR block associated with it.", name, name, s.id))
	}
	old := s.attrs
	switch {
	case a.AssignIPv6AddressOnCreation && !old.AssignIPv6AddressOnCreation && !hasIPv6:
		return needsIPv6("assign-ipv6-address-on-creation")
	case a.EnableDNS64 && !old.EnableDNS64 && !hasIPv6:
		return needsIPv6("enable-dns64")
	case a.EnableResourceNameDNSAAAARecord && !old.EnableResourceNameDNSAAAARecord && !hasIPv6:
		return needsIPv6("enable-resource-name-dns-aaaa-record-on-launch")
	case a.MapCustomerOwnedIPOnLaunch:
		return fail("MapCustomerOwnedIpOnLaunch", fmt.Sprintf("Invalid value 'true' for map-customer-owned-ip-on-launch. The subnet (%s) is not on an Outpost.", s.id))
	case !a.HostnameType.IsValid():
		return fail(string(a.HostnameType), fmt.Sprintf("Value (%s) for parameter privateDnsHostnameTypeOnLaunch is invalid.", a.HostnameType))
	case s.native && a.HostnameType != HostnameResourceName:
		return fail(string(a.HostnameType), fmt.Sprintf("Invalid value '%s' for private-dns-hostname-type-on-launch. The IPv6-only subnet (%s) takes only resource-name.", a.HostnameType, s.id))
	}
	s.attrs = a
	return s, nil
}

// CheckAssociateIPv6 returns the error [Subnet.AssociateIPv6] would return
// for p, reading no randomness.
func (s Subnet) CheckAssociateIPv6(p netip.Prefix, vpcBlocks, siblings []netip.Prefix) error {
	if have, ok := s.IPv6CIDR(); ok {
		return &Error{Op: "associate", ID: s.id, Input: p.String(), Code: ec2.InvalidParameterValue, Err: ErrIPv6Block,
			msg: fmt.Sprintf("The subnet %s already has the IPv6 CIDR block %s; a subnet has one at a time.", s.id, have)}
	}
	if err := checkIPv6("associate", p, vpcBlocks, siblings); err != nil {
		return err
	}
	return nil
}

// AssociateIPv6 returns s with the IPv6 block p associating
// (AssociateSubnetCidrBlock), and the new association, whose ID comes from
// random after every check. vpcBlocks are the VPC's associated IPv6 blocks,
// siblings the IPv6 blocks of the VPC's other subnets.
//
// Errors (*Error, Op "associate"): s already has an IPv6 block associated
// or associating ([ErrIPv6Block], InvalidParameterValue); the errors of
// [ParseIPv6CIDR]; p outside every one of vpcBlocks ([ErrRange],
// InvalidSubnet.Range, "The IPv6 CIDR '…' is invalid."); p overlapping one
// of siblings ([ErrConflict], InvalidSubnet.Conflict); a failing random
// source (a plain error).
func (s Subnet) AssociateIPv6(p netip.Prefix, vpcBlocks, siblings []netip.Prefix, random io.Reader) (Subnet, IPv6Block, error) {
	if err := s.CheckAssociateIPv6(p, vpcBlocks, siblings); err != nil {
		return s, IPv6Block{}, err
	}
	assoc, err := ec2.SubnetCIDRAssociation.NewID(random)
	if err != nil {
		return s, IPv6Block{}, err
	}
	b := IPv6Block{AssociationID: assoc, CIDR: p, State: vpc.BlockAssociating}
	s.ipv6 = append(slices.Clip(s.ipv6), b)
	return s, b, nil
}

// AssociationNotFound returns EC2's refusal of a subnet CIDR block
// association ID that names nothing the caller can see.
func AssociationNotFound(associationID string) *Error {
	return &Error{Op: "disassociate", Input: associationID, Code: ec2.SubnetCIDRAssociation.NotFound, Err: ErrIPv6Block,
		msg: fmt.Sprintf("The subnet CIDR block with association ID '%s' does not exist", associationID)}
}

// DisassociateIPv6 returns s with the IPv6 association's block
// disassociating (DisassociateSubnetCidrBlock), and the association as it
// now is.
//
// Errors (*Error, Op "disassociate", wrapping [ErrIPv6Block]): no such
// association (InvalidSubnetCidrBlockAssociationID.NotFound); one that is
// not associated or associating (IncorrectState); the subnet assigns IPv6
// addresses on creation (InvalidCidrBlock.InUse, AWS's message "The subnet
// IPv6 CIDR block with association ID … may not be disassociated, because
// its subnet has assign-ipv6-address-on-creation set to true."); the block
// of an IPv6-only subnet (OperationNotPermitted).
func (s Subnet) DisassociateIPv6(associationID string) (Subnet, IPv6Block, error) {
	i := slices.IndexFunc(s.ipv6, func(b IPv6Block) bool { return b.AssociationID == associationID })
	if i < 0 {
		return s, IPv6Block{}, AssociationNotFound(associationID)
	}
	fail := func(code, msg string) (Subnet, IPv6Block, error) {
		return s, IPv6Block{}, &Error{Op: "disassociate", ID: s.id, Input: associationID, Code: code, Err: ErrIPv6Block, msg: msg}
	}
	b := s.ipv6[i]
	switch {
	case b.State != vpc.BlockAssociated && b.State != vpc.BlockAssociating:
		return fail(ec2.IncorrectState, fmt.Sprintf("The subnet CIDR block with association ID %s is in state %s and cannot be disassociated.", associationID, b.State))
	case s.attrs.AssignIPv6AddressOnCreation:
		return fail("InvalidCidrBlock.InUse", fmt.Sprintf("The subnet IPv6 CIDR block with association ID %s may not be disassociated, because its subnet has assign-ipv6-address-on-creation set to true.", associationID))
	case s.native:
		return fail(ec2.OperationNotPermitted, fmt.Sprintf("The IPv6 CIDR block with association ID %s is the only block of the IPv6-only subnet %s and cannot be disassociated.", associationID, s.id))
	}
	b.State = vpc.BlockDisassociating
	s.ipv6 = slices.Clone(s.ipv6)
	s.ipv6[i] = b
	return s, b, nil
}

// IsSettled reports whether no IPv6 association of s is associating or
// disassociating.
func (s Subnet) IsSettled() bool {
	return !slices.ContainsFunc(s.ipv6, func(b IPv6Block) bool {
		return b.State == vpc.BlockAssociating || b.State == vpc.BlockDisassociating
	})
}

// Settle completes the steps EC2 takes by itself: an associating IPv6
// block becomes associated, a disassociating one disassociated, which
// stays listed; the oldest disassociated associations leave once more than
// [vpc.MaxDisassociated] are listed. Settling a settled subnet returns it
// unchanged.
func (s Subnet) Settle() Subnet {
	if s.IsSettled() {
		return s
	}
	out := make([]IPv6Block, 0, len(s.ipv6))
	gone := 0
	for _, b := range s.ipv6 {
		switch b.State {
		case vpc.BlockAssociating:
			b.State = vpc.BlockAssociated
		case vpc.BlockDisassociating:
			b.State = vpc.BlockDisassociated
		}
		if b.State == vpc.BlockDisassociated {
			gone++
		}
		out = append(out, b)
	}
	for i := 0; gone > vpc.MaxDisassociated; i++ {
		if out[i].State == vpc.BlockDisassociated {
			out = slices.Delete(out, i, i+1)
			i--
			gone--
		}
	}
	s.ipv6 = out
	return s
}

// ResolveZone returns the zone of region a CreateSubnet asks for: by name,
// by ID, or both (which must agree); with neither, the zone of region that
// holds the fewest of siblings, the first by name on a tie.
//
// Errors (*Error, Op "create"): a name or ID that is not one of region's
// zones ([ErrZone], InvalidParameterValue, AWS's message listing the
// usable zones); a name and an ID of different zones ([ErrZone],
// InvalidParameterCombination).
func ResolveZone(region, name, id string, siblings []zone.Zone) (zone.Zone, error) {
	var byName, byID zone.Zone
	var ok bool
	if name != "" {
		if byName, ok = zone.Find(region, name); !ok || byName.Name != name {
			return zone.Zone{}, zoneError(region, "availabilityZone", name)
		}
	}
	if id != "" {
		if byID, ok = zone.Find(region, id); !ok || byID.ID != id {
			return zone.Zone{}, zoneError(region, "availabilityZoneId", id)
		}
	}
	switch {
	case name != "" && id != "" && byName != byID:
		return zone.Zone{}, &Error{Op: "create", Input: name + " " + id, Code: ec2.InvalidParameterCombination, Err: ErrZone,
			msg: fmt.Sprintf("The availability zone %s and the availability zone ID %s name different zones.", name, id)}
	case name != "":
		return byName, nil
	case id != "":
		return byID, nil
	}
	zs := zone.InRegion(region)
	if len(zs) == 0 {
		return zone.Zone{}, zoneError(region, "availabilityZone", "")
	}
	best, bestN := zs[0], -1
	for _, z := range zs {
		n := 0
		for _, s := range siblings {
			if s == z {
				n++
			}
		}
		if bestN < 0 || n < bestN {
			best, bestN = z, n
		}
	}
	return best, nil
}

// zoneError is EC2's refusal of a zone the Region does not offer.
func zoneError(region, param, value string) *Error {
	zs := zone.InRegion(region)
	usable := zone.Names(zs)
	if param == "availabilityZoneId" {
		usable = make([]string, len(zs))
		for i, z := range zs {
			usable[i] = z.ID
		}
	}
	return &Error{Op: "create", Input: value, Code: ec2.InvalidParameterValue, Err: ErrZone,
		msg: fmt.Sprintf("Value (%s) for parameter %s is invalid. Subnets can currently only be created in the following availability zones: %s.",
			value, param, strings.Join(usable, ", "))}
}
