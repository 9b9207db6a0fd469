package endpoint

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/zone"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

// record is the encoded form of an Endpoint.
type record struct {
	V           int         `json:"v"`
	ID          string      `json:"id"`
	OwnerID     string      `json:"owner"`
	Region      string      `json:"region"`
	VPCID       string      `json:"vpc"`
	Service     string      `json:"service"`
	Type        Type        `json:"type"`
	State       State       `json:"state"`
	Policy      string      `json:"policy"`
	RouteTables []string    `json:"routeTables,omitempty"`
	Subnets     []Placement `json:"subnets,omitempty"`
	Groups      []string    `json:"groups,omitempty"`
	PrivateDNS  bool        `json:"privateDns,omitempty"`
	DNS         DNSOptions  `json:"dns,omitzero"`
	ClientToken string      `json:"token,omitempty"`
	Created     time.Time   `json:"created"`
	Deleted     time.Time   `json:"deleted,omitzero"`
}

// MarshalBinary encodes e losslessly, for [Endpoint.UnmarshalBinary]: a
// versioned JSON document. The zero Endpoint cannot be encoded.
func (e Endpoint) MarshalBinary() ([]byte, error) {
	if !e.IsValid() {
		return nil, fail("marshal", "", "", ec2.InvalidParameterValue, ErrEncoding, "the zero Endpoint")
	}
	return json.Marshal(record{V: encodingVersion, ID: e.id, OwnerID: e.ownerID, Region: e.region, VPCID: e.vpcID,
		Service: e.service, Type: e.typ, State: e.state, Policy: e.policy, RouteTables: e.routeTables, Subnets: e.subnets,
		Groups: e.groups, PrivateDNS: e.privateDNS, DNS: e.dns, ClientToken: e.clientToken, Created: e.created, Deleted: e.deleted})
}

// UnmarshalBinary sets e to the Endpoint data encodes, after checking that
// it is one [Create], [Endpoint.WithInterface], [Endpoint.Modify],
// [Endpoint.Delete] and [Endpoint.Settle] can make; on error e is
// unchanged.
func (e *Endpoint) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrEncoding, r.ID, fmt.Sprintf(format, args...))
	}
	if r.V != encodingVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrEncoding, r.V, encodingVersion)
	}
	if !ec2.VPCEndpoint.IsID(r.ID) {
		return fmt.Errorf("%w: malformed endpoint ID %q", ErrEncoding, r.ID)
	}
	svc, ok := FindService(r.Region, r.Service, r.Type)
	if !ok {
		return bad("no service %q of type %q in %q", r.Service, r.Type, r.Region)
	}
	spec := Spec{OwnerID: r.OwnerID, Region: r.Region, VPCID: r.VPCID, Service: svc, Policy: r.Policy, RouteTableIDs: r.RouteTables,
		Subnets: r.Subnets, GroupIDs: r.Groups, PrivateDNS: r.PrivateDNS, DNS: r.DNS, ClientToken: r.ClientToken}
	if err := spec.Check(); err != nil {
		return bad("%v", err)
	}
	switch {
	case !r.State.IsValid():
		return bad("unknown state %q", r.State)
	case r.Created.IsZero() || !r.Created.Equal(r.Created.UTC().Round(0)) || r.Created.Location() != time.UTC:
		return bad("creation time not normalized")
	case r.State.IsLive() != r.Deleted.IsZero():
		return bad("state %s with deletion time %v", r.State, r.Deleted)
	case !r.Deleted.IsZero() && (r.Deleted.Before(r.Created) || r.Deleted.Location() != time.UTC || !r.Deleted.Equal(r.Deleted.Round(0))):
		return bad("deletion time before creation or not normalized")
	case r.Policy == "":
		return bad("no policy")
	case !slices.IsSorted(r.RouteTables) || len(slices.Compact(slices.Clone(r.RouteTables))) != len(r.RouteTables):
		return bad("route tables not sorted or repeated")
	case len(dedupe(r.Groups)) != len(r.Groups):
		return bad("a security group twice")
	case !slices.IsSortedFunc(r.Subnets, func(a, b Placement) int { return compareStrings(a.SubnetID, b.SubnetID) }) ||
		len(placements(r.Subnets)) != len(r.Subnets):
		return bad("subnets not sorted or repeated")
	case r.Type == Interface && r.DNS.RecordIPType != DNSRecordIPv4:
		return bad("an interface endpoint without its DNS record type")
	case r.Type == Gateway && r.DNS != (DNSOptions{}):
		return bad("a gateway endpoint with DNS options")
	}
	for _, p := range r.Subnets {
		z, ok := zone.Find(r.Region, p.Zone)
		if !ok || z.Name != p.Zone {
			return bad("zone %q of subnet %s", p.Zone, p.SubnetID)
		}
		if !ec2.NetworkInterface.IsID(p.InterfaceID) {
			return bad("subnet %s without its network interface", p.SubnetID)
		}
	}
	*e = Endpoint{id: r.ID, ownerID: r.OwnerID, region: r.Region, vpcID: r.VPCID, service: r.Service, typ: r.Type, state: r.State,
		policy: r.Policy, routeTables: r.RouteTables, subnets: r.Subnets, groups: r.Groups, privateDNS: r.PrivateDNS, dns: r.DNS,
		clientToken: r.ClientToken, created: r.Created, deleted: r.Deleted}
	return nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
