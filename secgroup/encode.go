package secgroup

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

const encodingVersion = 1

type record struct {
	V           int          `json:"v"`
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	VPCID       string       `json:"vpc"`
	OwnerID     string       `json:"owner"`
	IsDefault   bool         `json:"default,omitempty"`
	Rules       []ruleRecord `json:"rules,omitempty"`
}

type ruleRecord struct {
	ID          string       `json:"id"`
	Egress      bool         `json:"egress,omitempty"`
	Protocol    Protocol     `json:"protocol"`
	From        int          `json:"from"`
	To          int          `json:"to"`
	CIDR        netip.Prefix `json:"cidr,omitzero"`
	PrefixList  string       `json:"prefixList,omitempty"`
	Group       *GroupRef    `json:"group,omitempty"`
	Description string       `json:"description,omitempty"`
}

// MarshalBinary encodes g losslessly, for [Group.UnmarshalBinary]: a
// versioned JSON document. The zero Group cannot be encoded.
func (g Group) MarshalBinary() ([]byte, error) {
	if !g.IsValid() {
		return nil, errors.New("secgroup: marshal: the zero Group")
	}
	r := record{V: encodingVersion, ID: g.id, Name: g.name, Description: g.description, VPCID: g.vpcID, OwnerID: g.ownerID, IsDefault: g.isDefault}
	for _, x := range g.rules {
		rr := ruleRecord{ID: x.ID, Egress: x.Egress, Protocol: x.Protocol, From: x.FromPort, To: x.ToPort,
			CIDR: x.Peer.cidr, PrefixList: x.Peer.prefixList, Description: x.Description}
		if ref, ok := x.Peer.Group(); ok {
			rr.Group = &ref
		}
		r.Rules = append(r.Rules, rr)
	}
	return json.Marshal(r)
}

// UnmarshalBinary sets g to the group data encodes, after checking what
// [Create] and the actions guarantee: well-formed IDs, valid rules, no
// duplicates; on error g is unchanged.
func (g *Group) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("secgroup: unmarshal: %w", err)
	}
	bad := func(what string, args ...any) error {
		return fmt.Errorf("secgroup: unmarshal %s: "+what, append([]any{r.ID}, args...)...)
	}
	if r.V != encodingVersion {
		return bad("version %d", r.V)
	}
	if !ec2.SecurityGroup.IsID(r.ID) || !ec2.VPC.IsID(r.VPCID) || !ec2.IsAccount(r.OwnerID) || r.Name == "" {
		return bad("malformed identity")
	}
	out := Group{id: r.ID, name: r.Name, description: r.Description, vpcID: r.VPCID, ownerID: r.OwnerID, isDefault: r.IsDefault}
	for _, rr := range r.Rules {
		p := Peer{cidr: rr.CIDR, prefixList: rr.PrefixList}
		if rr.Group != nil {
			p.group = *rr.Group
		}
		x := Rule{ID: rr.ID, Egress: rr.Egress, Protocol: rr.Protocol, FromPort: rr.From, ToPort: rr.To, Peer: p, Description: rr.Description}
		if !IsRuleID(x.ID) || !x.Protocol.IsValid() || !p.IsValid() || p.cidr.IsValid() && p.cidr != p.cidr.Masked() {
			return bad("rule %s is malformed", x.ID)
		}
		if slices.ContainsFunc(out.rules, func(o Rule) bool { return o.ID == x.ID || o.SameAs(x) }) {
			return bad("rule %s twice", x.ID)
		}
		out.rules = append(out.rules, x)
	}
	sortRules(out.rules)
	*g = out
	return nil
}
