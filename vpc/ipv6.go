package vpc

import (
	"fmt"
	"io"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Amazon-provided IPv6 blocks: "Requests an Amazon-provided IPv6 CIDR block
// with a /56 prefix length for the VPC. You cannot specify the range of IPv6
// addresses or the size of the CIDR block." A VPC has at most MaxIPv6Blocks
// of them associated or associating (Amazon VPC quotas: "IPv6 CIDR blocks
// per VPC: 5"), and lists at most MaxDisassociated disassociated ones.
const (
	IPv6BlockBits    = 56
	MaxIPv6Blocks    = 5
	MaxDisassociated = 5
	AmazonPool       = "Amazon" // the Ipv6Pool EC2 names for Amazon's addresses
)

// amazonIPv6Pool is the range Amazon-provided VPC blocks come from; see
// [AmazonIPv6Pool].
var amazonIPv6Pool = netip.MustParsePrefix("2600:1f00::/24")

// AmazonIPv6Pool returns the range [AllocateIPv6] draws Amazon-provided
// blocks from by default, 2600:1f00::/24: the range Amazon announces for
// EC2's VPC IPv6 blocks in its commercial partition (2600:1f18::/32 and its
// neighbours are per-Region parts of it). One pool serves every Region of
// the partition, a decision of this package: EC2 does not say how it
// splits its pool.
func AmazonIPv6Pool() netip.Prefix { return amazonIPv6Pool }

// IPv6Source is where an Amazon-provided block is drawn: the partition's
// pool and what it has given out. The zero IPv6Source is ready to use: the
// default pool, nothing given out.
type IPv6Source struct {
	Pool  netip.Prefix   // an IPv6 prefix of /56 or shorter; the zero Prefix means AmazonIPv6Pool()
	Taken []netip.Prefix // every block the partition has given out, and any prefix to keep clear of
}

// IPv6Block is one IPv6 CIDR block association of a VPC: an
// Amazon-provided /56, the network border group it is advertised from, and
// the association's state. The zero IPv6Block is not valid. IPv6Block
// supports == and can be a map key.
type IPv6Block struct {
	AssociationID      string       // "vpc-cidr-assoc-..."
	CIDR               netip.Prefix // a /56 of the partition's pool
	State              BlockState
	NetworkBorderGroup string // the VPC's Region
	Pool               string // AmazonPool
}

// AllocateIPv6 draws a /56 from src's pool that overlaps none of src.Taken,
// uniformly at random among the free ones ([cidr.Allocate]), reading
// random. Taken holds every block the partition has given out (IPv6
// prefixes of any length; others are ignored), and may hold more, such as
// a VPC's route destinations, to keep the new block clear of them.
//
// Errors (*cidr.Error): a pool that is not an IPv6 prefix of /56 or
// shorter (InvalidParameterValue); no free /56 left
// (InsufficientCidrBlocks); a failing random source (InternalError).
func AllocateIPv6(src IPv6Source, random io.Reader) (netip.Prefix, error) {
	pool := src.Pool
	if !pool.IsValid() {
		pool = amazonIPv6Pool
	}
	if !pool.Addr().Is6() {
		return netip.Prefix{}, &cidr.Error{Op: "allocate", Input: pool.String(), Param: "pool", Code: ec2.InvalidParameterValue, Err: cidr.ErrFamily}
	}
	avoid := make([]netip.Prefix, 0, len(src.Taken))
	for _, p := range src.Taken {
		if p.IsValid() && p.Addr().Is6() && !p.Addr().Is4In6() && p.Addr().Zone() == "" {
			avoid = append(avoid, p)
		}
	}
	return cidr.Allocate(pool, IPv6BlockBits, avoid, random)
}

// isIPv6Block reports whether p is a block [AllocateIPv6] can return from
// some pool: a masked IPv6 /56.
func isIPv6Block(p netip.Prefix) bool {
	return p.IsValid() && p.Addr().Is6() && p.Bits() == IPv6BlockBits && p == p.Masked() && !p.Addr().Is4In6() && p.Addr().Zone() == ""
}

// IPv6Blocks returns a copy of the VPC's IPv6 block associations, in the
// order they were associated, whatever their state.
func (v VPC) IPv6Blocks() []IPv6Block { return slices.Clone(v.ipv6) }

// IPv6CIDRs returns the VPC's IPv6 blocks that carry traffic or are about
// to (associating or associated): what peering, route tables and subnets
// see of the VPC.
func (v VPC) IPv6CIDRs() []netip.Prefix {
	var out []netip.Prefix
	for _, b := range v.ipv6 {
		if b.State == BlockAssociating || b.State == BlockAssociated {
			out = append(out, b.CIDR)
		}
	}
	return out
}

// IPv6Block returns the IPv6 association with the given ID.
func (v VPC) IPv6Block(associationID string) (IPv6Block, bool) {
	for _, b := range v.ipv6 {
		if b.AssociationID == associationID {
			return b, true
		}
	}
	return IPv6Block{}, false
}

// CheckIPv6Block returns the error [VPC.AssociateIPv6Block] would return
// for an Amazon-provided block advertised from borderGroup ("" means the
// VPC's Region), reading no randomness: callers that must check other
// resources, and draw the block, before they change anything call it
// first.
//
// Errors (*Error, Op "associate"): a border group other than the VPC's
// Region ([ErrBorderGroup], InvalidParameterValue); the VPC already has
// [MaxIPv6Blocks] IPv6 blocks associated or associating ([ErrBlockLimit],
// CidrLimitExceeded, worded as for IPv4 blocks).
func (v VPC) CheckIPv6Block(borderGroup string) error {
	if borderGroup != "" && borderGroup != v.region {
		return &Error{Op: "associate", ID: v.id, Input: borderGroup, Code: ec2.InvalidParameterValue, Err: ErrBorderGroup,
			msg: fmt.Sprintf("The network border group '%s' is not valid for Region %s.", borderGroup, v.region)}
	}
	if len(v.IPv6CIDRs()) >= MaxIPv6Blocks {
		return &Error{Op: "associate", ID: v.id, Input: "ipv6", Code: ec2.CIDRLimitExceeded, Err: ErrBlockLimit,
			msg: fmt.Sprintf("This network '%s' has met its maximum number of allowed IPv6 CIDRs: %d", v.id, MaxIPv6Blocks)}
	}
	return nil
}

// AssociateIPv6Block returns v with an Amazon-provided block added in state
// associating, advertised from borderGroup ("" means the VPC's Region),
// and the new association. After the checks, the association ID, then the
// block, come from random: the block drawn with [AllocateIPv6] from src,
// clear of src.Taken (every block the partition has given out, which this
// value cannot know, and any route destinations to keep clear of) and of
// every block v lists.
//
// Errors: those of [VPC.CheckIPv6Block]; those of [AllocateIPv6]; a
// failing random source.
func (v VPC) AssociateIPv6Block(borderGroup string, src IPv6Source, random io.Reader) (VPC, IPv6Block, error) {
	if err := v.CheckIPv6Block(borderGroup); err != nil {
		return v, IPv6Block{}, err
	}
	assoc, err := ec2.VPCCIDRAssociation.NewID(random)
	if err != nil {
		return v, IPv6Block{}, err
	}
	src.Taken = slices.Clip(src.Taken)
	for _, b := range v.ipv6 {
		src.Taken = append(src.Taken, b.CIDR)
	}
	p, err := AllocateIPv6(src, random)
	if err != nil {
		return v, IPv6Block{}, err
	}
	b := IPv6Block{AssociationID: assoc, CIDR: p, State: BlockAssociating, NetworkBorderGroup: v.region, Pool: AmazonPool}
	v.ipv6 = append(slices.Clip(v.ipv6), b)
	return v, b, nil
}

// DisassociateIPv6Block returns v with the IPv6 association's block
// disassociating, and the association as it now is. Any IPv6 block may
// go, the last one included: a VPC needs an IPv4 block, not an IPv6 one.
//
// Errors (*Error, Op "disassociate"): no IPv6 association with that ID
// ([ErrNoBlock], InvalidVpcCidrBlockAssociationID.NotFound); one that is
// not associated or associating ([ErrBlockState], IncorrectState).
func (v VPC) DisassociateIPv6Block(associationID string) (VPC, IPv6Block, error) {
	i := slices.IndexFunc(v.ipv6, func(b IPv6Block) bool { return b.AssociationID == associationID })
	if i < 0 {
		return v, IPv6Block{}, BlockNotFound(associationID)
	}
	b := v.ipv6[i]
	if b.State != BlockAssociated && b.State != BlockAssociating {
		return v, IPv6Block{}, &Error{Op: "disassociate", ID: v.id, Input: associationID, Code: "IncorrectState", Err: ErrBlockState,
			msg: fmt.Sprintf("The vpc CIDR block with association ID %s is in state %s and cannot be disassociated.", associationID, b.State)}
	}
	b.State = BlockDisassociating
	v.ipv6 = slices.Clone(v.ipv6)
	v.ipv6[i] = b
	return v, b, nil
}

// settleIPv6 completes the IPv6 associations' steps: associating becomes
// associated, disassociating becomes disassociated, and the oldest
// disassociated associations leave once more than [MaxDisassociated] are
// listed.
func settleIPv6(in []IPv6Block) []IPv6Block {
	out := make([]IPv6Block, 0, len(in))
	gone := 0
	for _, b := range in {
		switch b.State {
		case BlockAssociating:
			b.State = BlockAssociated
		case BlockDisassociating:
			b.State = BlockDisassociated
		}
		if b.State == BlockDisassociated {
			gone++
		}
		out = append(out, b)
	}
	for i := 0; gone > MaxDisassociated; i++ {
		if out[i].State == BlockDisassociated {
			out = slices.Delete(out, i, i+1)
			i--
			gone--
		}
	}
	return out
}
