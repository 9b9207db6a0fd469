package eip

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

type record struct {
	V       int        `json:"v"`
	ID      string     `json:"id"`
	IP      netip.Addr `json:"ip"`
	OwnerID string     `json:"owner"`
	Region  string     `json:"region"`
	Assoc   *assocJSON `json:"assoc,omitempty"`
}

type assocJSON struct {
	ID       string     `json:"id"`
	ENI      string     `json:"eni"`
	ENIOwner string     `json:"eniOwner"`
	IP       netip.Addr `json:"ip"`
	Managed  bool       `json:"managed,omitempty"`
}

// MarshalBinary encodes a losslessly, for [Address.UnmarshalBinary]: a
// versioned JSON document. The zero Address cannot be encoded.
func (a Address) MarshalBinary() ([]byte, error) {
	if !a.IsValid() {
		return nil, errors.New("eip: marshal: the zero Address")
	}
	r := record{V: encodingVersion, ID: a.allocationID, IP: a.publicIP, OwnerID: a.ownerID, Region: a.region}
	if a.assoc.IsValid() {
		r.Assoc = &assocJSON{a.assoc.ID, a.assoc.NetworkInterfaceID, a.assoc.NetworkInterfaceOwnerID, a.assoc.PrivateIP, a.assoc.Managed}
	}
	return json.Marshal(r)
}

// UnmarshalBinary sets a to the address data encodes, after checking every
// field as [Allocate] and [Address.Associate] would; on error a is
// unchanged.
func (a *Address) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("eip: unmarshal: %w", err)
	}
	switch {
	case r.V != encodingVersion:
		return fmt.Errorf("eip: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	case !ec2.ElasticIP.IsID(r.ID):
		return fmt.Errorf("eip: unmarshal: malformed allocation ID %q", r.ID)
	case !r.IP.Is4():
		return fmt.Errorf("eip: unmarshal %s: %v is not an IPv4 address", r.ID, r.IP)
	case !ec2.IsAccount(r.OwnerID) || !ec2.IsRegion(r.Region):
		return fmt.Errorf("eip: unmarshal %s: malformed owner %q or Region %q", r.ID, r.OwnerID, r.Region)
	}
	out := Address{allocationID: r.ID, publicIP: r.IP, ownerID: r.OwnerID, region: r.Region}
	if r.Assoc != nil {
		next, err := out.Associate(Association{r.Assoc.ID, r.Assoc.ENI, r.Assoc.ENIOwner, r.Assoc.IP, r.Assoc.Managed})
		if err != nil {
			return fmt.Errorf("eip: unmarshal %s: %w", r.ID, err)
		}
		out = next
	}
	*a = out
	return nil
}
