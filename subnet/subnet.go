package subnet

import (
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
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
// MapPublicIpOnLaunch true in default subnets").
func DefaultAttributes() Attributes { return Attributes{HostnameType: HostnameIPName} }

// Spec is what CreateSubnet asks for, with what the placement rules check
// it against. CIDRBlock is parsed by the caller with [ParseCIDR]; Zone by
// [ResolveZone].
type Spec struct {
	OwnerID   string // the account, 12 digits
	Region    string // "us-east-1", ...
	VPCID     string // "vpc-..."
	Zone      zone.Zone
	CIDRBlock netip.Prefix
	VPCBlocks []netip.Prefix // the VPC's associated IPv4 blocks
	Siblings  []netip.Prefix // the blocks of the VPC's other subnets
	// DefaultForAZ makes the default subnet of Zone in a default VPC,
	// which EC2 makes with MapPublicIpOnLaunch on.
	DefaultForAZ bool
}

// Subnet is one subnet: its ID, owner, VPC, zone, IPv4 block and
// attributes. The zero Subnet is not valid; use [Create]. A Subnet is an
// immutable value: every action returns a new Subnet. Subnet supports ==
// and can be a map key.
type Subnet struct {
	id, ownerID, region, vpcID string
	zone                       zone.Zone
	cidr                       netip.Prefix
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

// Check returns the error [Create] would return for spec, reading no
// randomness: callers that must check other resources before they change
// anything call it first.
//
// Errors (*Error, Op "create"): a malformed owner, Region or VPC ID, or a
// zone of another Region ([ErrInvalid] or [ErrZone], InvalidParameterValue);
// a block of the wrong size or not inside one of VPCBlocks ([ErrRange],
// InvalidSubnet.Range, "The CIDR '10.10.1.0/24' is invalid."); a block
// overlapping one of Siblings ([ErrConflict], InvalidSubnet.Conflict,
// "The CIDR '10.0.1.0/24' conflicts with another subnet").
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

// Create returns a new subnet as spec asks, with [DefaultAttributes], its
// ID from random (9 bytes, read with io.ReadFull) after every check has
// passed, so that a refusal reads nothing.
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
	attrs := DefaultAttributes()
	attrs.MapPublicIPOnLaunch = spec.DefaultForAZ
	return Subnet{id: id, ownerID: spec.OwnerID, region: spec.Region, vpcID: spec.VPCID, zone: spec.Zone,
		cidr: spec.CIDRBlock.Masked(), attrs: attrs, defaultForAZ: spec.DefaultForAZ}, nil
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

// CIDR returns the subnet's IPv4 block, masked.
func (s Subnet) CIDR() netip.Prefix { return s.cidr }

// Attributes returns the subnet's attributes.
func (s Subnet) Attributes() Attributes { return s.attrs }

// AvailableIPAddressCount returns the IPv4 addresses of the block not
// reserved by EC2 and not in use: 2^(32-bits) - [ReservedAddresses], as
// this model places no network interfaces. The zero Subnet has none.
func (s Subnet) AvailableIPAddressCount() int {
	if !s.IsValid() {
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

// WithAttributes returns s with its attributes replaced by a.
//
// Errors (*Error, Op "modify", wrapping [ErrAttribute],
// InvalidParameterValue): assigning IPv6 addresses on creation, since the
// subnet has no IPv6 block (AWS's message); mapping customer-owned
// addresses, since the subnet is on no Outpost; an unknown hostname type.
func (s Subnet) WithAttributes(a Attributes) (Subnet, error) {
	fail := func(input, msg string) (Subnet, error) {
		return s, &Error{Op: "modify", ID: s.id, Input: input, Code: ec2.InvalidParameterValue, Err: ErrAttribute, msg: msg}
	}
	switch {
	case a.AssignIPv6AddressOnCreation:
		return fail("AssignIpv6AddressOnCreation", fmt.Sprintf("Invalid value 'true' for assign-ipv6-address-on-creation. Cannot set assign-ipv6-address-on-creation to true unless the subnet (%s) has an IPv6 CIDR block associated with it.", s.id))
	case a.MapCustomerOwnedIPOnLaunch:
		return fail("MapCustomerOwnedIpOnLaunch", fmt.Sprintf("Invalid value 'true' for map-customer-owned-ip-on-launch. The subnet (%s) is not on an Outpost.", s.id))
	case !a.HostnameType.IsValid():
		return fail(string(a.HostnameType), fmt.Sprintf("Value (%s) for parameter privateDnsHostnameTypeOnLaunch is invalid.", a.HostnameType))
	}
	s.attrs = a
	return s, nil
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
