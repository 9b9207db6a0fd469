package gateway

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

type record struct {
	V       int    `json:"v"`
	ID      string `json:"id"`
	OwnerID string `json:"owner"`
	VPCID   string `json:"vpc,omitempty"`
}

func unmarshal(data []byte, kind ec2.Kind, needVPC bool) (record, error) {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("gateway: unmarshal: %w", err)
	}
	switch {
	case r.V != encodingVersion:
		return r, fmt.Errorf("gateway: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	case !kind.IsID(r.ID):
		return r, fmt.Errorf("gateway: unmarshal: malformed %s ID %q", kind.Prefix, r.ID)
	case !ec2.IsAccount(r.OwnerID):
		return r, fmt.Errorf("gateway: unmarshal %s: malformed owner %q", r.ID, r.OwnerID)
	case (needVPC || r.VPCID != "") && !ec2.VPC.IsID(r.VPCID):
		return r, fmt.Errorf("gateway: unmarshal %s: malformed VPC ID %q", r.ID, r.VPCID)
	}
	return r, nil
}

// MarshalBinary encodes g losslessly, for [Internet.UnmarshalBinary]: a
// versioned JSON document. The zero Internet cannot be encoded.
func (g Internet) MarshalBinary() ([]byte, error) {
	if !g.IsValid() {
		return nil, errors.New("gateway: marshal: the zero Internet")
	}
	return json.Marshal(record{encodingVersion, g.id, g.ownerID, g.vpcID})
}

// UnmarshalBinary sets g to the gateway data encodes, after checking its
// IDs; on error g is unchanged.
func (g *Internet) UnmarshalBinary(data []byte) error {
	r, err := unmarshal(data, ec2.InternetGateway, false)
	if err != nil {
		return err
	}
	*g = Internet{r.ID, r.OwnerID, r.VPCID}
	return nil
}

// MarshalBinary encodes g losslessly, for [EgressOnly.UnmarshalBinary]: a
// versioned JSON document. The zero EgressOnly cannot be encoded.
func (g EgressOnly) MarshalBinary() ([]byte, error) {
	if !g.IsValid() {
		return nil, errors.New("gateway: marshal: the zero EgressOnly")
	}
	return json.Marshal(record{encodingVersion, g.id, g.ownerID, g.vpcID})
}

// UnmarshalBinary sets g to the gateway data encodes, after checking its
// IDs; on error g is unchanged.
func (g *EgressOnly) UnmarshalBinary(data []byte) error {
	r, err := unmarshal(data, ec2.EgressOnlyGateway, true)
	if err != nil {
		return err
	}
	*g = EgressOnly{r.ID, r.OwnerID, r.VPCID}
	return nil
}
