package eni

import (
	"encoding/json"
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/zone"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

// record is the encoded form of an Interface.
type record struct {
	V             int        `json:"v"`
	ID            string     `json:"id"`
	OwnerID       string     `json:"owner"`
	Region        string     `json:"region"`
	VPCID         string     `json:"vpc"`
	SubnetID      string     `json:"subnet"`
	Zone          string     `json:"zone"`
	PrivateIP     netip.Addr `json:"ip"`
	PublicIP      netip.Addr `json:"publicIp,omitzero"`
	Groups        []string   `json:"groups"`
	Description   string     `json:"description,omitempty"`
	NoSrcDstCheck bool       `json:"noSourceDestCheck,omitempty"`
	ManagedBy     string     `json:"managedBy,omitempty"`
	Type          string     `json:"type,omitempty"` // a managed interface's
}

// MarshalBinary encodes i losslessly, for [Interface.UnmarshalBinary]: a
// versioned JSON document. It does not hold the subnet's block: the Cloud
// that reads an interface back checks its address against its subnet. The
// zero Interface cannot be encoded.
func (i Interface) MarshalBinary() ([]byte, error) {
	if !i.IsValid() {
		return nil, &Error{Op: "marshal", Code: ec2.InvalidParameterValue, Err: ErrEncoding, msg: "the zero Interface"}
	}
	return json.Marshal(record{V: encodingVersion, ID: i.id, OwnerID: i.ownerID, Region: i.region, VPCID: i.vpcID,
		SubnetID: i.subnetID, Zone: i.zone.Name, PrivateIP: i.privateIP, PublicIP: i.publicIP, Groups: i.groups,
		Description: i.description, NoSrcDstCheck: i.noSrcDstCheck, ManagedBy: i.managedBy, Type: i.kind})
}

// UnmarshalBinary sets i to the Interface data encodes, after checking
// every invariant [Create] and the With methods establish (but the address
// against its subnet's block, which the encoding does not hold); on error
// i is unchanged.
func (i *Interface) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	if r.V != encodingVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrEncoding, r.V, encodingVersion)
	}
	if !ec2.NetworkInterface.IsID(r.ID) {
		return fmt.Errorf("%w: malformed network interface ID %q", ErrEncoding, r.ID)
	}
	z, ok := zone.Find(r.Region, r.Zone)
	if !ok || z.Name != r.Zone {
		return fmt.Errorf("%w: %s: zone %q is not of Region %q", ErrEncoding, r.ID, r.Zone, r.Region)
	}
	if !r.PrivateIP.Is4() {
		return fmt.Errorf("%w: %s: private address %v is not IPv4", ErrEncoding, r.ID, r.PrivateIP)
	}
	if r.Type != "" {
		if len(r.Groups) > 0 || !r.NoSrcDstCheck {
			return fmt.Errorf("%w: %s: a managed interface has no groups and no source/destination check", ErrEncoding, r.ID)
		}
		out, err := Managed(ManagedSpec{ID: r.ID, Type: r.Type, OwnerID: r.OwnerID, Region: r.Region, VPCID: r.VPCID, SubnetID: r.SubnetID,
			Zone: z, PrivateIP: r.PrivateIP, PublicIP: r.PublicIP, Description: r.Description})
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrEncoding, r.ID, err)
		}
		*i = out
		return nil
	}
	spec := Spec{OwnerID: r.OwnerID, Region: r.Region, SubnetID: r.SubnetID, VPCID: r.VPCID, Zone: z,
		SubnetCIDR: netip.PrefixFrom(r.PrivateIP, 32), Groups: r.Groups, Description: r.Description, ManagedBy: r.ManagedBy}
	if err := spec.Check(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrEncoding, r.ID, err)
	}
	if len(dedupe(r.Groups)) != len(r.Groups) {
		return fmt.Errorf("%w: %s: a security group twice", ErrEncoding, r.ID)
	}
	out := Interface{id: r.ID, ownerID: r.OwnerID, region: r.Region, vpcID: r.VPCID, subnetID: r.SubnetID, zone: z,
		privateIP: r.PrivateIP, groups: dedupe(r.Groups), description: r.Description, noSrcDstCheck: r.NoSrcDstCheck, managedBy: r.ManagedBy}
	out, err := out.WithPublicIP(r.PublicIP)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrEncoding, r.ID, err)
	}
	*i = out
	return nil
}
