package tgw

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// encodingVersion is the version of the encodings MarshalBinary writes.
const encodingVersion = 1

type gatewayRecord struct {
	V           int       `json:"v"`
	ID          string    `json:"id"`
	Owner       string    `json:"owner"`
	Region      string    `json:"region"`
	Description string    `json:"description,omitempty"`
	State       State     `json:"state"`
	Options     Options   `json:"options"`
	AssocTable  string    `json:"assocTable,omitempty"`
	PropTable   string    `json:"propTable,omitempty"`
	Created     time.Time `json:"created"`
	Ended       time.Time `json:"ended,omitzero"`
}

// MarshalBinary encodes g losslessly, for [Gateway.UnmarshalBinary]: a
// versioned JSON document. The zero Gateway cannot be encoded.
func (g Gateway) MarshalBinary() ([]byte, error) {
	if !g.IsValid() {
		return nil, fail("marshal", "", "", ec2.InvalidParameterValue, ErrEncoding, "the zero Gateway")
	}
	return json.Marshal(gatewayRecord{encodingVersion, g.id, g.owner, g.region, g.description, g.state, g.options,
		g.assocTable, g.propTable, g.created, g.ended})
}

// UnmarshalBinary sets g to the Gateway data encodes, after checking that
// [New], [Gateway.Modify], [Gateway.Delete] and [Gateway.Settle] can make
// it; on error g is unchanged.
func (g *Gateway) UnmarshalBinary(data []byte) error {
	var r gatewayRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	bad := func(what string) error { return fmt.Errorf("%w: transit gateway %s: %s", ErrEncoding, r.ID, what) }
	switch {
	case r.V != encodingVersion:
		return bad(fmt.Sprintf("version %d", r.V))
	case !ec2.TransitGateway.IsID(r.ID) || !ec2.IsAccount(r.Owner) || !ec2.IsRegion(r.Region) || len(r.Description) > 255:
		return bad("malformed ID, owner, Region or description")
	case !r.State.IsValid() || r.Created.IsZero() || (r.State == Deleted) == r.Ended.IsZero():
		return bad("inconsistent state or times")
	case r.AssocTable != "" && !ec2.TransitGatewayRouteTable.IsID(r.AssocTable) || r.PropTable != "" && !ec2.TransitGatewayRouteTable.IsID(r.PropTable):
		return bad("malformed default route table")
	}
	o, err := r.Options.Resolve()
	if err != nil || !slices.Equal(o.CIDRBlocks, r.Options.CIDRBlocks) || o.AutoAcceptSharedAttachments != r.Options.AutoAcceptSharedAttachments ||
		o.AmazonSideASN != r.Options.AmazonSideASN || o.DefaultRouteTableAssociation != r.Options.DefaultRouteTableAssociation ||
		o.DefaultRouteTablePropagation != r.Options.DefaultRouteTablePropagation || o.DNSSupport != r.Options.DNSSupport ||
		o.VPNECMPSupport != r.Options.VPNECMPSupport || o.MulticastSupport != r.Options.MulticastSupport ||
		o.SecurityGroupReferencingSupport != r.Options.SecurityGroupReferencingSupport {
		return bad("options not resolved")
	}
	*g = Gateway{id: r.ID, owner: r.Owner, region: r.Region, description: r.Description, state: r.State, options: o,
		assocTable: r.AssocTable, propTable: r.PropTable, created: norm(r.Created), ended: normZero(r.Ended)}
	return nil
}

func normZero(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return norm(t)
}

type staticRecord struct {
	CIDR       netip.Prefix `json:"cidr"`
	Attachment string       `json:"attachment,omitempty"`
}

type tableRecord struct {
	V           int            `json:"v"`
	ID          string         `json:"id"`
	Gateway     string         `json:"gateway"`
	State       State          `json:"state"`
	Static      []staticRecord `json:"static,omitempty"`
	Propagating []string       `json:"propagating,omitempty"`
	Created     time.Time      `json:"created"`
	Ended       time.Time      `json:"ended,omitzero"`
}

// MarshalBinary encodes t losslessly, for [RouteTable.UnmarshalBinary]. The
// zero RouteTable cannot be encoded.
func (t RouteTable) MarshalBinary() ([]byte, error) {
	if !t.IsValid() {
		return nil, fail("marshal", "", "", ec2.InvalidParameterValue, ErrEncoding, "the zero RouteTable")
	}
	r := tableRecord{V: encodingVersion, ID: t.id, Gateway: t.gatewayID, State: t.state, Propagating: t.propagating,
		Created: t.created, Ended: t.ended}
	for _, s := range t.static {
		r.Static = append(r.Static, staticRecord{s.CIDR, s.AttachmentID})
	}
	return json.Marshal(r)
}

// UnmarshalBinary sets t to the RouteTable data encodes, after checking it;
// on error t is unchanged.
func (t *RouteTable) UnmarshalBinary(data []byte) error {
	var r tableRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	bad := func(what string) error {
		return fmt.Errorf("%w: transit gateway route table %s: %s", ErrEncoding, r.ID, what)
	}
	switch {
	case r.V != encodingVersion:
		return bad(fmt.Sprintf("version %d", r.V))
	case !ec2.TransitGatewayRouteTable.IsID(r.ID) || !ec2.TransitGateway.IsID(r.Gateway):
		return bad("malformed ID")
	case !r.State.IsValid() || r.State == Modifying || r.Created.IsZero() || (r.State == Deleted) == r.Ended.IsZero():
		return bad("inconsistent state or times")
	case r.State == Deleted && (len(r.Static) > 0 || len(r.Propagating) > 0):
		return bad("routes in a deleted table")
	case !slices.IsSorted(r.Propagating) || len(slices.Compact(slices.Clone(r.Propagating))) != len(r.Propagating):
		return bad("propagations not sorted or repeated")
	}
	for _, id := range r.Propagating {
		if !ec2.TransitGatewayAttachment.IsID(id) {
			return bad("malformed propagating attachment")
		}
	}
	n := RouteTable{id: r.ID, gatewayID: r.Gateway, state: r.State, propagating: r.Propagating,
		created: norm(r.Created), ended: normZero(r.Ended)}
	for i, s := range r.Static {
		if !s.CIDR.IsValid() || s.CIDR != s.CIDR.Masked() || s.Attachment != "" && !ec2.TransitGatewayAttachment.IsID(s.Attachment) {
			return bad("malformed static route")
		}
		if i > 0 && comparePrefix(r.Static[i-1].CIDR, s.CIDR) >= 0 {
			return bad("static routes not sorted or repeated")
		}
		n.static = append(n.static, StaticRoute{s.CIDR, s.Attachment})
	}
	*t = n
	return nil
}

type attachmentRecord struct {
	V            int          `json:"v"`
	ID           string       `json:"id"`
	Gateway      string       `json:"gateway"`
	GatewayOwner string       `json:"gatewayOwner"`
	Owner        string       `json:"owner"`
	Type         ResourceType `json:"type"`
	Resource     string       `json:"resource"`
	State        State        `json:"state"`
	Subnets      []Subnet     `json:"subnets,omitempty"`
	Options      VPCOptions   `json:"options,omitzero"`
	Association  string       `json:"association,omitempty"`
	Created      time.Time    `json:"created"`
	Ended        time.Time    `json:"ended,omitzero"`
}

// MarshalBinary encodes a losslessly, for [Attachment.UnmarshalBinary].
// The zero Attachment cannot be encoded.
func (a Attachment) MarshalBinary() ([]byte, error) {
	if !a.IsValid() {
		return nil, fail("marshal", "", "", ec2.InvalidParameterValue, ErrEncoding, "the zero Attachment")
	}
	return json.Marshal(attachmentRecord{encodingVersion, a.id, a.gatewayID, a.gatewayOwner, a.owner, a.typ, a.resourceID,
		a.state, a.subnets, a.options, a.association, a.created, a.ended})
}

// UnmarshalBinary sets a to the Attachment data encodes, after checking
// it; on error a is unchanged.
func (a *Attachment) UnmarshalBinary(data []byte) error {
	var r attachmentRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	bad := func(what string) error {
		return fmt.Errorf("%w: transit gateway attachment %s: %s", ErrEncoding, r.ID, what)
	}
	switch {
	case r.V != encodingVersion:
		return bad(fmt.Sprintf("version %d", r.V))
	case !ec2.TransitGatewayAttachment.IsID(r.ID) || !ec2.TransitGateway.IsID(r.Gateway) || !ec2.IsAccount(r.GatewayOwner) || !ec2.IsAccount(r.Owner):
		return bad("malformed ID or owner")
	case !r.State.IsValid() || r.Created.IsZero() || (r.State == Deleted) == r.Ended.IsZero():
		return bad("inconsistent state or times")
	case r.Association != "" && (r.State == Deleted || !ec2.TransitGatewayRouteTable.IsID(r.Association)):
		return bad("malformed association")
	}
	switch r.Type {
	case ResourceVPN:
		if !ec2.VPNConnection.IsID(r.Resource) || len(r.Subnets) > 0 || r.Options != (VPCOptions{}) || r.State == Modifying {
			return bad("malformed VPN attachment")
		}
	case ResourceVPC:
		o, err := r.Options.Resolve()
		if !ec2.VPC.IsID(r.Resource) || len(r.Subnets) == 0 || err != nil || o != r.Options {
			return bad("malformed VPC attachment")
		}
		zones := map[string]bool{}
		for i, s := range r.Subnets {
			if !ec2.Subnet.IsID(s.ID) || s.VPC != r.Resource || s.Zone == "" || zones[s.Zone] || i > 0 && r.Subnets[i-1].ID >= s.ID {
				return bad("malformed subnets")
			}
			zones[s.Zone] = true
		}
	default:
		return bad("unknown resource type")
	}
	*a = Attachment{id: r.ID, gatewayID: r.Gateway, gatewayOwner: r.GatewayOwner, owner: r.Owner, typ: r.Type,
		resourceID: r.Resource, state: r.State, subnets: r.Subnets, options: r.Options, association: r.Association,
		created: norm(r.Created), ended: normZero(r.Ended)}
	return nil
}
