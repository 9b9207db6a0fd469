package acl

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

const encodingVersion = 1

type record struct {
	V            int           `json:"v"`
	ID           string        `json:"id"`
	VPCID        string        `json:"vpc"`
	OwnerID      string        `json:"owner"`
	IsDefault    bool          `json:"default,omitempty"`
	Entries      []Entry       `json:"entries"`
	Associations []Association `json:"associations,omitempty"`
}

// MarshalBinary encodes a losslessly, for [ACL.UnmarshalBinary]: a
// versioned JSON document. The zero ACL cannot be encoded.
func (a ACL) MarshalBinary() ([]byte, error) {
	if !a.IsValid() {
		return nil, errors.New("acl: marshal: the zero ACL")
	}
	return json.Marshal(record{encodingVersion, a.id, a.vpcID, a.ownerID, a.isDefault, a.entries, a.assocs})
}

// UnmarshalBinary sets a to the ACL data encodes, after checking what [New]
// and the actions guarantee: well-formed IDs, valid entries with one
// number per direction, the IPv4 catch-all denies; on error a is
// unchanged.
func (a *ACL) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("acl: unmarshal: %w", err)
	}
	bad := func(what string, args ...any) error {
		return fmt.Errorf("acl: unmarshal %s: "+what, append([]any{r.ID}, args...)...)
	}
	if r.V != encodingVersion {
		return bad("version %d", r.V)
	}
	if !ec2.NetworkACL.IsID(r.ID) || !ec2.VPC.IsID(r.VPCID) || !ec2.IsAccount(r.OwnerID) {
		return bad("malformed identity")
	}
	out := ACL{id: r.ID, vpcID: r.VPCID, ownerID: r.OwnerID, isDefault: r.IsDefault}
	for _, e := range r.Entries {
		if e.RuleNumber < 1 || e.RuleNumber > CatchAllIPv6 || !e.Action.IsValid() || e.Protocol < -1 || e.Protocol > 255 ||
			!e.CIDR.IsValid() || e.CIDR != e.CIDR.Masked() {
			return bad("entry %d is malformed", e.RuleNumber)
		}
		if out.find(e.Egress, e.RuleNumber) >= 0 {
			return bad("entry %d twice", e.RuleNumber)
		}
		out.entries = append(out.entries, e)
	}
	for _, egress := range []bool{false, true} {
		if i := out.find(egress, CatchAll); i < 0 || out.entries[i].Action != Deny {
			return bad("no catch-all deny")
		}
	}
	for _, as := range r.Associations {
		if !strings.HasPrefix(as.ID, "aclassoc-") || !ec2.Subnet.IsID(as.SubnetID) ||
			slices.ContainsFunc(out.assocs, func(o Association) bool { return o.ID == as.ID || o.SubnetID == as.SubnetID }) {
			return bad("association %s is malformed or twice", as.ID)
		}
		out.assocs = append(out.assocs, as)
	}
	sortEntries(out.entries)
	*a = out
	return nil
}
