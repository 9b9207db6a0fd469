package vpc

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
)

// MaxBlocks is EC2's default quota of IPv4 CIDR blocks per VPC, primary
// included (Amazon VPC quotas: "IPv4 CIDR blocks per VPC: 5").
const MaxBlocks = 5

// Tenancy is a VPC's instance tenancy, spelled as EC2 spells it. The zero
// Tenancy is not valid.
type Tenancy string

// The tenancies CreateVpc accepts.
const (
	TenancyDefault   Tenancy = "default"
	TenancyDedicated Tenancy = "dedicated"
)

// Values returns every valid Tenancy, in EC2's documentation order.
func (Tenancy) Values() []Tenancy { return []Tenancy{TenancyDefault, TenancyDedicated} }

// IsValid reports whether t is one of [Tenancy.Values].
func (t Tenancy) IsValid() bool { return slices.Contains(t.Values(), t) }

// String returns t as EC2 spells it.
func (t Tenancy) String() string { return string(t) }

// BlockState is the state of a CIDR block association, spelled as EC2 spells
// it (VpcCidrBlockStateCode). The zero BlockState is not valid.
type BlockState string

// The states of a block association.
const (
	BlockAssociating    BlockState = "associating"
	BlockAssociated     BlockState = "associated"
	BlockDisassociating BlockState = "disassociating"
	BlockDisassociated  BlockState = "disassociated"
	BlockFailing        BlockState = "failing"
	BlockFailed         BlockState = "failed"
)

// Values returns every valid BlockState, in lifecycle order.
func (BlockState) Values() []BlockState {
	return []BlockState{BlockAssociating, BlockAssociated, BlockDisassociating, BlockDisassociated, BlockFailing, BlockFailed}
}

// IsValid reports whether s is one of [BlockState.Values].
func (s BlockState) IsValid() bool { return slices.Contains(s.Values(), s) }

// String returns s as EC2 spells it.
func (s BlockState) String() string { return string(s) }

// Block is one IPv4 CIDR block association of a VPC. The zero Block is not
// valid. Block supports == and can be a map key.
type Block struct {
	AssociationID string       // "vpc-cidr-assoc-..."
	CIDR          netip.Prefix // masked
	State         BlockState
}

// Attribute names a VPC attribute as DescribeVpcAttribute spells it. The
// zero Attribute is not valid.
type Attribute string

// The attributes a VPC has.
const (
	AttrDNSSupport   Attribute = "enableDnsSupport"
	AttrDNSHostnames Attribute = "enableDnsHostnames"
	AttrUsageMetrics Attribute = "enableNetworkAddressUsageMetrics"
)

// Values returns every valid Attribute, in the order EC2 documents them.
func (Attribute) Values() []Attribute {
	return []Attribute{AttrDNSSupport, AttrDNSHostnames, AttrUsageMetrics}
}

// IsValid reports whether a is one of [Attribute.Values].
func (a Attribute) IsValid() bool { return slices.Contains(a.Values(), a) }

// String returns a as EC2 spells it.
func (a Attribute) String() string { return string(a) }

// Spec is what CreateVpc asks for. CIDRBlock is parsed by the caller with
// [cidr.ParseVPC], which gives EC2's errors for a bad block; Create checks it
// again. An empty Tenancy means [TenancyDefault]. AmazonProvidedIPv6 asks
// for an Amazon-provided IPv6 block (AmazonProvidedIpv6CidrBlock), drawn
// with [AllocateIPv6] from IPv6Source; IPv6BorderGroup is its network
// border group, "" for the Region.
type Spec struct {
	OwnerID            string // the account, 12 digits
	Region             string // "us-east-1", ...
	CIDRBlock          netip.Prefix
	Tenancy            Tenancy
	AmazonProvidedIPv6 bool
	IPv6BorderGroup    string
	IPv6Source         IPv6Source
	// Default makes the Region's default VPC (CreateDefaultVpc), which EC2
	// makes with DNS hostnames on as well as DNS support.
	Default bool
}

// VPC is one VPC: its ID and owner, its IPv4 blocks (primary first) and
// IPv6 blocks with their association states, its tenancy and its
// attributes. The zero VPC is not valid; use [Create].
//
// A VPC is an immutable value: every action returns a new VPC and leaves the
// receiver untouched; a refused action changes nothing. Values are safe for
// concurrent use.
type VPC struct {
	id, ownerID, region string
	blocks              []Block     // primary first; never aliased between values
	ipv6                []IPv6Block // in association order; never aliased between values
	tenancy             Tenancy
	dnsSupport          bool
	dnsHostnames        bool
	usageMetrics        bool
	isDefault           bool
}

// Create returns a new VPC with spec's block as its primary block
// (associated), DNS support on and DNS hostnames off, as EC2 makes a
// non-default VPC, and with an Amazon-provided IPv6 block associating if
// spec asks for one. Its ID and the blocks' association IDs (9 bytes each,
// read with io.ReadFull), then the IPv6 block, come from random, after
// every check; production callers pass crypto/rand.Reader.
//
// Errors (*Error, Op "create", wrapping [ErrInvalid]): a malformed account or
// Region, or an unknown tenancy (InvalidParameterValue); a block that
// [cidr.ParseVPC] would refuse (its code); a border group that
// [VPC.CheckIPv6Block] would refuse (its code), or one given without
// asking for an IPv6 block ([ErrBorderGroup], InvalidParameterCombination);
// no free IPv6 block, or a failing random source (the error of
// [AllocateIPv6], or a plain error).
func Create(spec Spec, random io.Reader) (VPC, error) {
	const op = "create"
	if err := ec2.ParseAccount(spec.OwnerID); err != nil {
		return VPC{}, invalid(op, "", spec.OwnerID, err)
	}
	if err := ec2.ParseRegion(spec.Region); err != nil {
		return VPC{}, invalid(op, "", spec.Region, err)
	}
	if spec.Tenancy == "" {
		spec.Tenancy = TenancyDefault
	}
	if !spec.Tenancy.IsValid() {
		return VPC{}, &Error{Op: op, Input: string(spec.Tenancy), Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Value (%s) for parameter instanceTenancy is invalid. Expected: 'default | dedicated'.", spec.Tenancy)}
	}
	if _, err := cidr.ParseVPC(spec.CIDRBlock.String()); err != nil {
		return VPC{}, err
	}
	if spec.AmazonProvidedIPv6 {
		probe := VPC{region: spec.Region}
		if err := probe.CheckIPv6Block(spec.IPv6BorderGroup); err != nil {
			return VPC{}, err
		}
	} else if spec.IPv6BorderGroup != "" {
		return VPC{}, borderGroupWithoutBlock(spec.IPv6BorderGroup)
	}
	id, err := ec2.VPC.NewID(random)
	if err != nil {
		return VPC{}, err
	}
	assoc, err := ec2.VPCCIDRAssociation.NewID(random)
	if err != nil {
		return VPC{}, err
	}
	v := VPC{
		id: id, ownerID: spec.OwnerID, region: spec.Region,
		blocks:       []Block{{AssociationID: assoc, CIDR: spec.CIDRBlock, State: BlockAssociated}},
		tenancy:      spec.Tenancy,
		dnsSupport:   true,
		dnsHostnames: spec.Default,
		isDefault:    spec.Default,
	}
	if spec.AmazonProvidedIPv6 {
		if v, _, err = v.AssociateIPv6Block(spec.IPv6BorderGroup, spec.IPv6Source, random); err != nil {
			return VPC{}, err
		}
	}
	return v, nil
}

// borderGroupWithoutBlock is the refusal of a network border group given
// without asking for an Amazon-provided IPv6 block: "You must set
// AmazonProvidedIpv6CidrBlock to true to use this parameter."
func borderGroupWithoutBlock(group string) *Error {
	return &Error{Op: "create", Input: group, Code: ec2.InvalidParameterCombination, Err: ErrBorderGroup,
		msg: "The parameter Ipv6CidrBlockNetworkBorderGroup requires AmazonProvidedIpv6CidrBlock."}
}

// BorderGroupWithoutBlock returns EC2's refusal of
// Ipv6CidrBlockNetworkBorderGroup given without
// AmazonProvidedIpv6CidrBlock (*Error, [ErrBorderGroup],
// InvalidParameterCombination).
func BorderGroupWithoutBlock(group string) *Error {
	e := borderGroupWithoutBlock(group)
	e.Op = "associate"
	return e
}

// invalid wraps the refusal of a malformed account or Region.
func invalid(op, id, input string, err error) *Error {
	e := &Error{Op: op, ID: id, Input: input, Code: ec2.InvalidParameterValue, Err: ErrInvalid}
	var coded *ec2.Error
	if errors.As(err, &coded) {
		e.msg = coded.Message
	}
	return e
}

// IsValid reports whether v was made by [Create].
func (v VPC) IsValid() bool { return v.id != "" }

// ID returns the VPC ID, "vpc-...".
func (v VPC) ID() string { return v.id }

// OwnerID returns the account that owns the VPC.
func (v VPC) OwnerID() string { return v.ownerID }

// Region returns the VPC's Region.
func (v VPC) Region() string { return v.region }

// IsDefault reports whether v is its Region's default VPC.
func (v VPC) IsDefault() bool { return v.isDefault }

// Tenancy returns the VPC's instance tenancy.
func (v VPC) Tenancy() Tenancy { return v.tenancy }

// PrimaryCIDR returns the block the VPC was created with; the zero Prefix for
// the zero VPC.
func (v VPC) PrimaryCIDR() netip.Prefix {
	if len(v.blocks) == 0 {
		return netip.Prefix{}
	}
	return v.blocks[0].CIDR
}

// Blocks returns a copy of the VPC's block associations, primary first, in
// the order they were associated, whatever their state.
func (v VPC) Blocks() []Block { return slices.Clone(v.blocks) }

// CIDRs returns the VPC's blocks that carry traffic or are about to
// (associating or associated), primary first: what peering and route tables
// see of the VPC.
func (v VPC) CIDRs() []netip.Prefix {
	out := make([]netip.Prefix, 0, len(v.blocks))
	for _, b := range v.blocks {
		if b.State == BlockAssociating || b.State == BlockAssociated {
			out = append(out, b.CIDR)
		}
	}
	return out
}

// Block returns the association with the given ID.
func (v VPC) Block(associationID string) (Block, bool) {
	for _, b := range v.blocks {
		if b.AssociationID == associationID {
			return b, true
		}
	}
	return Block{}, false
}

// Attribute returns the value of attribute a, and false for an unknown
// attribute or the zero VPC.
func (v VPC) Attribute(a Attribute) (value, ok bool) {
	if !v.IsValid() {
		return false, false
	}
	switch a {
	case AttrDNSSupport:
		return v.dnsSupport, true
	case AttrDNSHostnames:
		return v.dnsHostnames, true
	case AttrUsageMetrics:
		return v.usageMetrics, true
	default:
		return false, false
	}
}

// DNSSupport reports whether the VPC resolves DNS (enableDnsSupport).
func (v VPC) DNSSupport() bool { return v.dnsSupport }

// DNSHostnames reports whether instances get public DNS hostnames
// (enableDnsHostnames).
func (v VPC) DNSHostnames() bool { return v.dnsHostnames }

// WithAttribute returns v with attribute a set to value. Setting an
// attribute to the value it has is not an error.
//
// Errors (*Error, Op "attribute", wrapping [ErrNoAttribute],
// InvalidParameterValue): an unknown attribute, as EC2 words it.
func (v VPC) WithAttribute(a Attribute, value bool) (VPC, error) {
	switch a {
	case AttrDNSSupport:
		v.dnsSupport = value
	case AttrDNSHostnames:
		v.dnsHostnames = value
	case AttrUsageMetrics:
		v.usageMetrics = value
	default:
		return v, UnknownAttribute(string(a))
	}
	return v, nil
}

// UnknownAttribute returns EC2's refusal of an attribute name it does not
// know, as DescribeVpcAttribute words it.
func UnknownAttribute(name string) *Error {
	return &Error{Op: "attribute", Input: name, Code: ec2.InvalidParameterValue, Err: ErrNoAttribute,
		msg: fmt.Sprintf("Value (%s) for parameter attribute is invalid. Unknown attribute.", name)}
}

// AssociateBlock returns v with p added as a secondary block in state
// associating, and the new association, whose ID comes from random. routes
// are the destinations of the static routes in v's route tables, which
// [cidr.ValidateSecondary] checks p against.
//
// Errors: a block [cidr.ValidateSecondary] refuses (its *cidr.Error and
// code); v already has [MaxBlocks] blocks (*Error, [ErrBlockLimit],
// CidrLimitExceeded, AWS's message); a failing random source.
func (v VPC) AssociateBlock(p netip.Prefix, routes []netip.Prefix, random io.Reader) (VPC, Block, error) {
	if err := v.CheckBlock(p, routes); err != nil {
		return v, Block{}, err
	}
	assoc, err := ec2.VPCCIDRAssociation.NewID(random)
	if err != nil {
		return v, Block{}, err
	}
	b := Block{AssociationID: assoc, CIDR: p.Masked(), State: BlockAssociating}
	v.blocks = append(slices.Clip(v.blocks), b)
	return v, b, nil
}

// CheckBlock returns the error [VPC.AssociateBlock] would return for p and
// routes, reading no randomness: callers that must check other resources
// before they change anything call it first.
func (v VPC) CheckBlock(p netip.Prefix, routes []netip.Prefix) error {
	if err := cidr.ValidateSecondary(v.PrimaryCIDR(), v.CIDRs(), routes, p); err != nil {
		return err
	}
	if len(v.CIDRs()) >= MaxBlocks {
		return &Error{Op: "associate", ID: v.id, Input: p.String(), Code: ec2.CIDRLimitExceeded, Err: ErrBlockLimit,
			msg: fmt.Sprintf("This network '%s' has met its maximum number of allowed CIDRs: %d", v.id, MaxBlocks)}
	}
	return nil
}

// DisassociateBlock returns v with the association's block disassociating,
// and the association as it now is.
//
// Errors (*Error, Op "disassociate"): no association with that ID
// ([ErrNoBlock], InvalidVpcCidrBlockAssociationID.NotFound); the primary
// block ([ErrPrimary], OperationNotPermitted, AWS's message); a block that
// is not associated ([ErrBlockState], IncorrectState).
func (v VPC) DisassociateBlock(associationID string) (VPC, Block, error) {
	i := slices.IndexFunc(v.blocks, func(b Block) bool { return b.AssociationID == associationID })
	if i < 0 {
		return v, Block{}, BlockNotFound(associationID)
	}
	b := v.blocks[i]
	if i == 0 {
		return v, Block{}, &Error{Op: "disassociate", ID: v.id, Input: associationID, Code: ec2.OperationNotPermitted, Err: ErrPrimary,
			msg: fmt.Sprintf("The vpc CIDR block with association ID %s may not be disassociated. It is the primary IPv4 CIDR block of the VPC", associationID)}
	}
	if b.State != BlockAssociated && b.State != BlockAssociating {
		return v, Block{}, &Error{Op: "disassociate", ID: v.id, Input: associationID, Code: "IncorrectState", Err: ErrBlockState,
			msg: fmt.Sprintf("The vpc CIDR block with association ID %s is in state %s and cannot be disassociated.", associationID, b.State)}
	}
	b.State = BlockDisassociating
	v.blocks = slices.Clone(v.blocks)
	v.blocks[i] = b
	return v, b, nil
}

// BlockNotFound returns EC2's refusal of a CIDR block association ID that
// names no block the caller can see.
func BlockNotFound(associationID string) *Error {
	return &Error{Op: "disassociate", Input: associationID, Code: "InvalidVpcCidrBlockAssociationID.NotFound", Err: ErrNoBlock,
		msg: fmt.Sprintf("The vpc CIDR block association ID '%s' does not exist", associationID)}
}

// IsSettled reports whether no block of v, IPv4 or IPv6, is associating
// or disassociating.
func (v VPC) IsSettled() bool {
	for _, b := range v.blocks {
		if b.State == BlockAssociating || b.State == BlockDisassociating {
			return false
		}
	}
	for _, b := range v.ipv6 {
		if b.State == BlockAssociating || b.State == BlockDisassociating {
			return false
		}
	}
	return true
}

// Settle completes the steps EC2 takes by itself: associating blocks become
// associated; disassociating IPv4 blocks leave the VPC, and disassociating
// IPv6 blocks become disassociated and stay listed, the oldest leaving once
// more than [MaxDisassociated] are. Settling a settled VPC returns it
// unchanged.
func (v VPC) Settle() VPC {
	if v.IsSettled() {
		return v
	}
	out := make([]Block, 0, len(v.blocks))
	for _, b := range v.blocks {
		switch b.State {
		case BlockAssociating:
			b.State = BlockAssociated
		case BlockDisassociating:
			continue
		}
		out = append(out, b)
	}
	v.blocks = out
	v.ipv6 = settleIPv6(v.ipv6)
	return v
}
