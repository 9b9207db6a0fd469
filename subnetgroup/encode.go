package subnetgroup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/zone"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

// record is the encoded form of a Group.
type record struct {
	V           int         `json:"v"`
	Service     Service     `json:"service"`
	Owner       string      `json:"owner"`
	Region      string      `json:"region"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	VPCID       string      `json:"vpc"`
	Subnets     [][3]string `json:"subnets"` // ID, VPC, zone
	Tags        [][2]string `json:"tags,omitempty"`
}

// MarshalBinary encodes g losslessly, for [Group.UnmarshalBinary]: a
// versioned JSON document. The zero Group cannot be encoded.
func (g Group) MarshalBinary() ([]byte, error) {
	if !g.IsValid() {
		return nil, errors.New("subnetgroup: marshal: the zero Group")
	}
	r := record{V: encodingVersion, Service: g.service, Owner: g.owner, Region: g.region, Name: g.name,
		Description: g.description, VPCID: g.vpcID}
	for _, s := range g.subnets {
		r.Subnets = append(r.Subnets, [3]string{s.ID, s.VPCID, s.Zone})
	}
	for _, t := range g.tags {
		r.Tags = append(r.Tags, [2]string{t.Key, t.Value})
	}
	return json.Marshal(r)
}

// UnmarshalBinary sets g to the Group data encodes, after checking every
// invariant [Create] and the methods of Group establish; on error g is
// unchanged.
func (g *Group) UnmarshalBinary(data []byte) error {
	var r record
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return fmt.Errorf("subnetgroup: unmarshal: %w", err)
	}
	if dec.More() {
		return errors.New("subnetgroup: unmarshal: data after the group")
	}
	if r.V != encodingVersion {
		return fmt.Errorf("subnetgroup: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	}
	rules := r.Service.Rules()
	if !rules.IsValid() {
		return fmt.Errorf("subnetgroup: unmarshal: unknown service %q", r.Service)
	}
	if !ec2.IsAccount(r.Owner) || !ec2.IsRegion(r.Region) {
		return fmt.Errorf("subnetgroup: unmarshal: malformed owner %q or Region %q", r.Owner, r.Region)
	}
	if name, err := rules.ParseName(r.Name); err != nil || name != r.Name {
		return fmt.Errorf("subnetgroup: unmarshal: name %q is not one %s stores", r.Name, r.Service)
	}
	where := fmt.Sprintf("subnetgroup: unmarshal %s %s", r.Service, r.Name)
	known := make(map[string]Subnet, len(r.Subnets))
	var ids []string
	for _, s := range r.Subnets {
		sub := Subnet{ID: s[0], VPCID: s[1], Zone: s[2]}
		if !ec2.Subnet.IsID(sub.ID) || !ec2.VPC.IsID(sub.VPCID) {
			return fmt.Errorf("%s: malformed subnet %q of VPC %q", where, sub.ID, sub.VPCID)
		}
		if z, ok := zone.Find(r.Region, sub.Zone); !ok || z.Name != sub.Zone {
			return fmt.Errorf("%s: subnet %s: zone %q is not of Region %q", where, sub.ID, sub.Zone, r.Region)
		}
		if _, dup := known[sub.ID]; dup || len(ids) > 0 && ids[len(ids)-1] > sub.ID {
			return fmt.Errorf("%s: subnets out of order or twice at %s", where, sub.ID)
		}
		known[sub.ID] = sub
		ids = append(ids, sub.ID)
	}
	subnets, err := rules.CheckSubnets(r.Region, ids, func(id string) (Subnet, bool) { s, ok := known[id]; return s, ok })
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if r.VPCID != subnets[0].VPCID {
		return fmt.Errorf("%s: VPC %q is not its subnets' %q", where, r.VPCID, subnets[0].VPCID)
	}
	add := make([]tag.Tag, len(r.Tags))
	for i, t := range r.Tags {
		add[i] = tag.Tag{Key: t[0], Value: t[1]}
	}
	tags, err := rules.CheckTags(nil, add)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if !slices.Equal(tags, add) {
		return fmt.Errorf("%s: tags out of order or a key twice", where)
	}
	*g = Group{service: r.Service, owner: r.Owner, region: r.Region, name: r.Name, description: r.Description,
		vpcID: r.VPCID, subnets: subnets, tags: tags}
	return nil
}
