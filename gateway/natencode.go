package gateway

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

type natRecord struct {
	V            int          `json:"v"`
	ID           string       `json:"id"`
	OwnerID      string       `json:"owner"`
	VPCID        string       `json:"vpc"`
	SubnetID     string       `json:"subnet"`
	Connectivity Connectivity `json:"type"`
	ClientToken  string       `json:"token,omitempty"`
	AllocationID string       `json:"alloc,omitempty"`
	AssocID      string       `json:"assoc,omitempty"`
	ENIID        string       `json:"eni,omitempty"`
	PublicIP     netip.Addr   `json:"publicIp,omitzero"`
	PrivateIP    netip.Addr   `json:"privateIp,omitzero"`
	State        NATState     `json:"state"`
	FailureCode  string       `json:"failureCode,omitempty"`
	FailureMsg   string       `json:"failureMessage,omitempty"`
	Created      time.Time    `json:"created"`
	Deleted      time.Time    `json:"deleted,omitzero"`
	Ended        time.Time    `json:"ended,omitzero"`
}

// MarshalBinary encodes g losslessly, for [NAT.UnmarshalBinary]: a
// versioned JSON document. The zero NAT cannot be encoded.
func (g NAT) MarshalBinary() ([]byte, error) {
	if !g.IsValid() {
		return nil, errors.New("gateway: marshal: the zero NAT")
	}
	return json.Marshal(natRecord{encodingVersion, g.id, g.ownerID, g.vpcID, g.subnetID, g.connectivity, g.clientToken,
		g.allocationID, g.assocID, g.eniID, g.publicIP, g.privateIP, g.state, g.failure.Code, g.failure.Message,
		g.created, g.deleted, g.ended})
}

// UnmarshalBinary sets g to the gateway data encodes, after checking that
// it is one [CreateNAT], [NAT.Settle] and [NAT.Delete] can make; on error
// g is unchanged.
func (g *NAT) UnmarshalBinary(data []byte) error {
	var r natRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("gateway: unmarshal: %w", err)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("gateway: unmarshal %s: %s", r.ID, fmt.Sprintf(format, args...))
	}
	if r.V != encodingVersion {
		return fmt.Errorf("gateway: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	}
	if !ec2.NATGateway.IsID(r.ID) {
		return fmt.Errorf("gateway: unmarshal: malformed NAT gateway ID %q", r.ID)
	}
	failed := r.FailureCode != ""
	holds := !failed // the gateway took its addresses
	public := r.Connectivity == Public
	switch {
	case !ec2.IsAccount(r.OwnerID) || !ec2.VPC.IsID(r.VPCID) || !ec2.Subnet.IsID(r.SubnetID):
		return fail("malformed owner, VPC or subnet")
	case !r.Connectivity.IsValid() || !r.State.IsValid():
		return fail("unknown connectivity %q or state %q", r.Connectivity, r.State)
	case len(r.ClientToken) > maxClientToken || !isASCII(r.ClientToken):
		return fail("malformed client token")
	case public != ec2.ElasticIP.IsID(r.AllocationID) || public != r.PublicIP.Is4() || !public && r.PublicIP.IsValid():
		return fail("allocation %q and public address %v do not match connectivity %s", r.AllocationID, r.PublicIP, r.Connectivity)
	case failed != (r.FailureMsg != ""):
		return fail("a failure code without a message, or the reverse")
	case failed && (r.ENIID != "" || r.AssocID != "" || r.PrivateIP.IsValid()):
		return fail("a failed gateway with addresses")
	case holds && (!ec2.NetworkInterface.IsID(r.ENIID) || !r.PrivateIP.Is4() || public != ec2.AddressAssociation.IsID(r.AssocID) || !public && r.AssocID != ""):
		return fail("a gateway without its interface, private address or association")
	case r.State == NATFailed && !failed:
		return fail("failed without a failure")
	case r.State == NATAvailable && failed:
		return fail("available with a failure")
	case r.Created.IsZero() || (r.State == NATDeleting || r.State == NATDeleted) != !r.Deleted.IsZero():
		return fail("creation or deletion instant does not match state %s", r.State)
	case r.State.IsTerminal() != !r.Ended.IsZero():
		return fail("end instant does not match state %s", r.State)
	case !r.Deleted.IsZero() && r.Deleted.Before(r.Created) || !r.Ended.IsZero() && r.Ended.Before(r.Created):
		return fail("instants out of order")
	}
	norm := func(t time.Time) time.Time {
		if t.IsZero() {
			return time.Time{}
		}
		return t.UTC().Round(0)
	}
	*g = NAT{id: r.ID, ownerID: r.OwnerID, vpcID: r.VPCID, subnetID: r.SubnetID, connectivity: r.Connectivity,
		clientToken: r.ClientToken, allocationID: r.AllocationID, assocID: r.AssocID, eniID: r.ENIID,
		publicIP: r.PublicIP, privateIP: r.PrivateIP, state: r.State, failure: NATFailure{r.FailureCode, r.FailureMsg},
		created: norm(r.Created), deleted: norm(r.Deleted), ended: norm(r.Ended)}
	return nil
}
