package vpc

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/internal/jsonscan"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

// record is the encoded form of a VPC.
type record struct {
	V            int           `json:"v"`
	ID           string        `json:"id"`
	OwnerID      string        `json:"owner"`
	Region       string        `json:"region"`
	Blocks       []blockRecord `json:"blocks"`
	IPv6         []ipv6Record  `json:"ipv6,omitempty"`
	Tenancy      Tenancy       `json:"tenancy"`
	DNSSupport   bool          `json:"dnsSupport,omitempty"`
	DNSHostnames bool          `json:"dnsHostnames,omitempty"`
	UsageMetrics bool          `json:"usageMetrics,omitempty"`
	Default      bool          `json:"default,omitempty"`
}

type blockRecord struct {
	AssociationID string       `json:"id"`
	CIDR          netip.Prefix `json:"cidr"`
	State         BlockState   `json:"state"`
}

type ipv6Record struct {
	AssociationID      string       `json:"id"`
	CIDR               netip.Prefix `json:"cidr"`
	State              BlockState   `json:"state"`
	NetworkBorderGroup string       `json:"nbg"`
	Pool               string       `json:"pool"`
}

// MarshalBinary encodes v losslessly, for [VPC.UnmarshalBinary]: a
// versioned JSON document. The zero VPC cannot be encoded.
func (v VPC) MarshalBinary() ([]byte, error) {
	if !v.IsValid() {
		return nil, errors.New("vpc: marshal: the zero VPC")
	}
	r := record{V: encodingVersion, ID: v.id, OwnerID: v.ownerID, Region: v.region, Tenancy: v.tenancy,
		DNSSupport: v.dnsSupport, DNSHostnames: v.dnsHostnames, UsageMetrics: v.usageMetrics, Default: v.isDefault}
	for _, b := range v.blocks {
		r.Blocks = append(r.Blocks, blockRecord(b))
	}
	for _, b := range v.ipv6 {
		r.IPv6 = append(r.IPv6, ipv6Record(b))
	}
	return json.Marshal(r)
}

// UnmarshalBinary sets v to the VPC data encodes, after checking every
// invariant [Create] and the actions establish; on error v is unchanged.
func (v *VPC) UnmarshalBinary(data []byte) error {
	r, ok := scanRecord(data)
	if !ok {
		r = record{}
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("vpc: unmarshal: %w", err)
		}
	}
	bad := func(what string, args ...any) error {
		return fmt.Errorf("vpc: unmarshal %s: "+what, append([]any{r.ID}, args...)...)
	}
	switch {
	case r.V != encodingVersion:
		return fmt.Errorf("vpc: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	case !ec2.VPC.IsID(r.ID):
		return fmt.Errorf("vpc: unmarshal: malformed VPC ID %q", r.ID)
	case !ec2.IsAccount(r.OwnerID) || !ec2.IsRegion(r.Region):
		return bad("malformed owner %q or Region %q", r.OwnerID, r.Region)
	case !r.Tenancy.IsValid():
		return bad("unknown tenancy %q", r.Tenancy)
	case len(r.Blocks) == 0:
		return bad("no primary block")
	}
	out := VPC{id: r.ID, ownerID: r.OwnerID, region: r.Region, tenancy: r.Tenancy,
		dnsSupport: r.DNSSupport, dnsHostnames: r.DNSHostnames, usageMetrics: r.UsageMetrics, isDefault: r.Default}
	live := 0
	for i, b := range r.Blocks {
		switch {
		case !ec2.VPCCIDRAssociation.IsID(b.AssociationID):
			return bad("malformed association ID %q", b.AssociationID)
		case !b.CIDR.IsValid() || !b.CIDR.Addr().Is4() || b.CIDR != b.CIDR.Masked() || b.CIDR.Bits() < 16 || b.CIDR.Bits() > 28:
			return bad("block %s is not a masked IPv4 /16 to /28", b.CIDR)
		case !b.State.IsValid():
			return bad("unknown block state %q", b.State)
		case i == 0 && b.State != BlockAssociated:
			return bad("primary block is %s", b.State)
		case slices.ContainsFunc(r.Blocks[:i], func(o blockRecord) bool { return o.AssociationID == b.AssociationID }):
			return bad("association %s twice", b.AssociationID)
		}
		if b.State == BlockAssociated || b.State == BlockAssociating {
			live++
		}
		out.blocks = append(out.blocks, Block(b))
	}
	if live > MaxBlocks {
		return bad("%d live blocks, more than %d", live, MaxBlocks)
	}
	live, gone := 0, 0
	for i, b := range r.IPv6 {
		switch {
		case !ec2.VPCCIDRAssociation.IsID(b.AssociationID):
			return bad("malformed association ID %q", b.AssociationID)
		case !isIPv6Block(b.CIDR):
			return bad("IPv6 block %s is not a masked IPv6 /%d", b.CIDR, IPv6BlockBits)
		case !b.State.IsValid() || b.State == BlockFailing || b.State == BlockFailed:
			return bad("IPv6 block state %q", b.State)
		case b.NetworkBorderGroup != r.Region || b.Pool != AmazonPool:
			return bad("IPv6 block %s from border group %q and pool %q", b.CIDR, b.NetworkBorderGroup, b.Pool)
		case slices.ContainsFunc(r.Blocks, func(o blockRecord) bool { return o.AssociationID == b.AssociationID }),
			slices.ContainsFunc(r.IPv6[:i], func(o ipv6Record) bool { return o.AssociationID == b.AssociationID || o.CIDR == b.CIDR }):
			return bad("IPv6 association %s or block %s twice", b.AssociationID, b.CIDR)
		}
		switch b.State {
		case BlockAssociated, BlockAssociating:
			live++
		case BlockDisassociated:
			gone++
		}
		out.ipv6 = append(out.ipv6, IPv6Block(b))
	}
	if live > MaxIPv6Blocks || gone > MaxDisassociated {
		return bad("%d live and %d disassociated IPv6 blocks, more than %d and %d", live, gone, MaxIPv6Blocks, MaxDisassociated)
	}
	*v = out
	return nil
}

// scanRecord reads data as a record, without reflection, if data is spelt
// as MarshalBinary spells it (see package jsonscan), and reports whether it
// was; what it reads is then what encoding/json reads. A field added to
// record must be added here too, in its place, or every VPC that has it
// takes the slow path.
func scanRecord(data []byte) (record, bool) {
	var rec record
	r := jsonscan.NewReader(data)
	r.Lit(`{"v":`)
	rec.V = r.Int()
	r.Lit(`,"id":`)
	rec.ID = r.Text()
	r.Lit(`,"owner":`)
	rec.OwnerID = r.Text()
	r.Lit(`,"region":`)
	rec.Region = r.Text()
	r.Lit(`,"blocks":[`)
	rec.Blocks = make([]blockRecord, 0, 1)
	for i := 0; r.Next(i); i++ {
		var b blockRecord
		r.Lit(`{"id":`)
		b.AssociationID = r.Text()
		r.Lit(`,"cidr":`)
		b.CIDR = r.Prefix()
		r.Lit(`,"state":`)
		switch sb := r.TextBytes(); string(sb) {
		case string(BlockAssociated):
			b.State = BlockAssociated
		default:
			b.State = BlockState(sb)
		}
		r.Lit("}")
		rec.Blocks = append(rec.Blocks, b)
	}
	if r.Skip(`,"ipv6":[`) {
		rec.IPv6 = make([]ipv6Record, 0, 1)
		for i := 0; r.Next(i); i++ {
			var b ipv6Record
			r.Lit(`{"id":`)
			b.AssociationID = r.Text()
			r.Lit(`,"cidr":`)
			b.CIDR = r.Prefix()
			r.Lit(`,"state":`)
			switch sb := r.TextBytes(); string(sb) {
			case string(BlockAssociated):
				b.State = BlockAssociated
			default:
				b.State = BlockState(sb)
			}
			r.Lit(`,"nbg":`)
			if nb := r.TextBytes(); string(nb) == rec.Region {
				b.NetworkBorderGroup = rec.Region // as every block's is
			} else {
				b.NetworkBorderGroup = string(nb)
			}
			r.Lit(`,"pool":`)
			switch pb := r.TextBytes(); string(pb) {
			case AmazonPool:
				b.Pool = AmazonPool
			default:
				b.Pool = string(pb)
			}
			r.Lit("}")
			rec.IPv6 = append(rec.IPv6, b)
		}
		if len(rec.IPv6) == 0 {
			r.Mismatch() // MarshalBinary leaves an empty list out
		}
	}
	r.Lit(`,"tenancy":`)
	switch tb := r.TextBytes(); string(tb) {
	case string(TenancyDefault):
		rec.Tenancy = TenancyDefault
	default:
		rec.Tenancy = Tenancy(tb)
	}
	if r.Skip(`,"dnsSupport":`) {
		rec.DNSSupport = r.Bool()
	}
	if r.Skip(`,"dnsHostnames":`) {
		rec.DNSHostnames = r.Bool()
	}
	if r.Skip(`,"usageMetrics":`) {
		rec.UsageMetrics = r.Bool()
	}
	if r.Skip(`,"default":`) {
		rec.Default = r.Bool()
	}
	r.Lit("}")
	return rec, r.Done()
}
