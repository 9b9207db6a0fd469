package subnet

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/vpc"
	"github.com/vpclab/vpcmodel/zone"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

// record is the encoded form of a Subnet.
type record struct {
	V       int          `json:"v"`
	ID      string       `json:"id"`
	OwnerID string       `json:"owner"`
	Region  string       `json:"region"`
	VPCID   string       `json:"vpc"`
	Zone    string       `json:"zone"`
	CIDR    netip.Prefix `json:"cidr"`
	Native  bool         `json:"native,omitempty"`
	IPv6    []ipv6Record `json:"ipv6,omitempty"`
	Attrs   Attributes   `json:"attrs"`
	Default bool         `json:"defaultForAz,omitempty"`
}

type ipv6Record struct {
	AssociationID string         `json:"id"`
	CIDR          netip.Prefix   `json:"cidr"`
	State         vpc.BlockState `json:"state"`
}

// MarshalBinary encodes s losslessly, for [Subnet.UnmarshalBinary]: a
// versioned JSON document. The zero Subnet cannot be encoded.
func (s Subnet) MarshalBinary() ([]byte, error) {
	if !s.IsValid() {
		return nil, errors.New("subnet: marshal: the zero Subnet")
	}
	return json.Marshal(record{V: encodingVersion, ID: s.id, OwnerID: s.ownerID, Region: s.region, VPCID: s.vpcID,
		Zone: s.zone.Name, CIDR: s.cidr, Native: s.native, IPv6: mapRecords(s.ipv6, func(b IPv6Block) ipv6Record { return ipv6Record(b) }), Attrs: s.attrs, Default: s.defaultForAZ})
}

// UnmarshalBinary sets s to the Subnet data encodes, after checking every
// invariant [Create], the IPv6 association actions and
// [Subnet.WithAttributes] establish; on error s is unchanged.
func (s *Subnet) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("subnet: unmarshal: %w", err)
	}
	if r.V != encodingVersion {
		return fmt.Errorf("subnet: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	}
	if !ec2.Subnet.IsID(r.ID) {
		return fmt.Errorf("subnet: unmarshal: malformed subnet ID %q", r.ID)
	}
	z, ok := zone.Find(r.Region, r.Zone)
	if !ok || z.Name != r.Zone {
		return fmt.Errorf("subnet: unmarshal %s: zone %q is not of Region %q", r.ID, r.Zone, r.Region)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("subnet: unmarshal %s: "+format, append([]any{r.ID}, args...)...)
	}
	var live netip.Prefix
	gone := 0
	for i, b := range r.IPv6 {
		switch {
		case !ec2.SubnetCIDRAssociation.IsID(b.AssociationID):
			return bad("malformed IPv6 association ID %q", b.AssociationID)
		case !b.State.IsValid() || b.State == vpc.BlockFailing || b.State == vpc.BlockFailed:
			return bad("IPv6 block state %q", b.State)
		case slices.ContainsFunc(r.IPv6[:i], func(o ipv6Record) bool { return o.AssociationID == b.AssociationID }):
			return bad("IPv6 association %s twice", b.AssociationID)
		}
		if _, err := ParseIPv6CIDR(b.CIDR.String()); err != nil || !b.CIDR.IsValid() {
			return bad("IPv6 block %s is not a masked /%d", b.CIDR, IPv6Bits)
		}
		switch b.State {
		case vpc.BlockAssociating, vpc.BlockAssociated:
			if live.IsValid() {
				return bad("two IPv6 blocks associated")
			}
			live = b.CIDR
		case vpc.BlockDisassociated:
			gone++
		}
	}
	if gone > vpc.MaxDisassociated {
		return bad("%d disassociated IPv6 blocks, more than %d", gone, vpc.MaxDisassociated)
	}
	spec := Spec{OwnerID: r.OwnerID, Region: r.Region, VPCID: r.VPCID, Zone: z, IPv6Native: r.Native,
		IPv6CIDRBlock: live, VPCIPv6Blocks: []netip.Prefix{live}}
	if r.Native && r.CIDR.IsValid() {
		return bad("IPv6-only with the IPv4 block %s", r.CIDR)
	}
	if !r.Native {
		if r.CIDR != r.CIDR.Masked() {
			return bad("block %s is not masked", r.CIDR)
		}
		spec.CIDRBlock, spec.VPCBlocks = r.CIDR, []netip.Prefix{r.CIDR}
	}
	if err := spec.Check(); err != nil {
		return fmt.Errorf("subnet: unmarshal %s: %w", r.ID, err)
	}
	// The attributes as the actions leave them: each was checked when it
	// was turned on; of those that need an IPv6 block, assigning addresses
	// keeps the block from going (DNS64 and AAAA records may outlive it).
	a := r.Attrs
	switch {
	case a.AssignIPv6AddressOnCreation && !live.IsValid(), a.MapCustomerOwnedIPOnLaunch, !a.HostnameType.IsValid(),
		r.Native && a.HostnameType != HostnameResourceName:
		return bad("attributes %+v", a)
	}
	*s = Subnet{id: r.ID, ownerID: r.OwnerID, region: r.Region, vpcID: r.VPCID, zone: z, cidr: spec.CIDRBlock,
		native: r.Native, ipv6: mapRecords(r.IPv6, func(b ipv6Record) IPv6Block { return IPv6Block(b) }), attrs: a, defaultForAZ: r.Default}
	return nil
}

func mapRecords[T, U any](in []T, f func(T) U) []U {
	if len(in) == 0 {
		return nil
	}
	out := make([]U, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}
