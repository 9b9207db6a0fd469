package subnet

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/internal/ec2"
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
	Attrs   Attributes   `json:"attrs"`
	Default bool         `json:"defaultForAz,omitempty"`
}

// MarshalBinary encodes s losslessly, for [Subnet.UnmarshalBinary]: a
// versioned JSON document. The zero Subnet cannot be encoded.
func (s Subnet) MarshalBinary() ([]byte, error) {
	if !s.IsValid() {
		return nil, errors.New("subnet: marshal: the zero Subnet")
	}
	return json.Marshal(record{V: encodingVersion, ID: s.id, OwnerID: s.ownerID, Region: s.region, VPCID: s.vpcID,
		Zone: s.zone.Name, CIDR: s.cidr, Attrs: s.attrs, Default: s.defaultForAZ})
}

// UnmarshalBinary sets s to the Subnet data encodes, after checking every
// invariant [Create] and [Subnet.WithAttributes] establish; on error s is
// unchanged.
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
	spec := Spec{OwnerID: r.OwnerID, Region: r.Region, VPCID: r.VPCID, Zone: z, CIDRBlock: r.CIDR, VPCBlocks: []netip.Prefix{r.CIDR}}
	if r.CIDR != r.CIDR.Masked() {
		return fmt.Errorf("subnet: unmarshal %s: block %s is not masked", r.ID, r.CIDR)
	}
	if err := spec.Check(); err != nil {
		return fmt.Errorf("subnet: unmarshal %s: %w", r.ID, err)
	}
	out := Subnet{id: r.ID, ownerID: r.OwnerID, region: r.Region, vpcID: r.VPCID, zone: z, cidr: r.CIDR, attrs: DefaultAttributes(), defaultForAZ: r.Default}
	out, err := out.WithAttributes(r.Attrs)
	if err != nil {
		return fmt.Errorf("subnet: unmarshal %s: %w", r.ID, err)
	}
	*s = out
	return nil
}
