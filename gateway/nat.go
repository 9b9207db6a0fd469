package gateway

import (
	"fmt"
	"io"
	"net/netip"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// NATRetention is how long a deleted or failed NAT gateway stays listed:
// "After you delete a NAT gateway, its entry remains visible in the Amazon
// VPC console for about an hour, after which it's automatically removed."
const NATRetention = time.Hour

// NATsPerZone is how many NAT gateways (pending, available or deleting) an
// account may have in one Availability Zone: "NAT gateways per
// Availability Zone: 5".
const NATsPerZone = 5

// Connectivity is a NAT gateway's connectivity type, spelled as EC2 spells
// it. The zero Connectivity is not valid.
type Connectivity string

// The connectivity types.
const (
	Public  Connectivity = "public"
	Private Connectivity = "private"
)

// Values returns every valid Connectivity, in EC2's documentation order.
func (Connectivity) Values() []Connectivity { return []Connectivity{Public, Private} }

// IsValid reports whether c is one of [Connectivity.Values].
func (c Connectivity) IsValid() bool { return slices.Contains(c.Values(), c) }

// String returns c as EC2 spells it.
func (c Connectivity) String() string { return string(c) }

// NATState is a NAT gateway's state, spelled as EC2 spells it. The zero
// NATState is not valid.
type NATState string

// The NAT gateway states.
const (
	NATPending   NATState = "pending"
	NATFailed    NATState = "failed"
	NATAvailable NATState = "available"
	NATDeleting  NATState = "deleting"
	NATDeleted   NATState = "deleted"
)

// Values returns every valid NATState, in lifecycle order.
func (NATState) Values() []NATState {
	return []NATState{NATPending, NATFailed, NATAvailable, NATDeleting, NATDeleted}
}

// IsValid reports whether s is one of [NATState.Values].
func (s NATState) IsValid() bool { return slices.Contains(s.Values(), s) }

// String returns s as EC2 spells it.
func (s NATState) String() string { return string(s) }

// IsTerminal reports whether s is failed or deleted: a gateway in s only
// waits out [NATRetention].
func (s NATState) IsTerminal() bool { return s == NATFailed || s == NATDeleted }

// The failure codes (FailureCode) a NAT gateway that could not be created
// reports, each with its FailureMessage.
const (
	FailureNoFreeAddress      = "InsufficientFreeAddressesInSubnet" // "Subnet has insufficient free addresses to create this NAT gateway"
	FailureNoInternetGateway  = "Gateway.NotAttached"               // "Network vpc-xxxxxxxx has no Internet gateway attached"
	FailureAlreadyAssociated  = "Resource.AlreadyAssociated"        // "Elastic IP address eipalloc-xxxxxxxx is already associated"
	FailureAllocationNotFound = "InvalidAllocationID.NotFound"      // "Elastic IP address eipalloc-xxxxxxxx could not be associated with this NAT gateway"
)

// NATFailure is why a NAT gateway failed: its FailureCode and
// FailureMessage. The zero NATFailure means none. NATFailure supports ==.
type NATFailure struct {
	Code    string
	Message string
}

// IsValid reports whether f names a failure.
func (f NATFailure) IsValid() bool { return f.Code != "" }

// NATAddressStatus is the status of one of a NAT gateway's addresses,
// spelled as EC2 spells it. The zero NATAddressStatus is not valid.
type NATAddressStatus string

// The address statuses this model reports.
const (
	AddressAssigning      NATAddressStatus = "assigning"
	AddressUnassigning    NATAddressStatus = "unassigning"
	AddressAssociating    NATAddressStatus = "associating"
	AddressDisassociating NATAddressStatus = "disassociating"
	AddressSucceeded      NATAddressStatus = "succeeded"
	AddressFailed         NATAddressStatus = "failed"
)

// NATAddress is one of a NAT gateway's addresses as DescribeNatGateways
// shows it; members a state does not show are zero.
type NATAddress struct {
	AllocationID       string
	AssociationID      string
	NetworkInterfaceID string
	PrivateIP          netip.Addr
	PublicIP           netip.Addr
	IsPrimary          bool
	Status             NATAddressStatus
	FailureMessage     string
}

// NATSpec is what CreateNatGateway asks for, with the facts about the
// other resources that the rules check it against.
type NATSpec struct {
	OwnerID      string       // the account, 12 digits
	VPCID        string       // the subnet's VPC
	SubnetID     string       // "subnet-..."
	Connectivity Connectivity // "" means public
	ClientToken  string       // at most 64 ASCII characters, or ""

	// AllocationID is the Elastic IP allocation of a public gateway, and
	// PublicIP its address; AllocationAssociated says whether it is
	// associated already.
	AllocationID         string
	PublicIP             netip.Addr
	AllocationAssociated bool

	// InternetGateway says whether the VPC has an internet gateway
	// attached.
	InternetGateway bool
	// PrivateIP is the subnet address the gateway is to take; the zero
	// Addr means the subnet has none free.
	PrivateIP netip.Addr
	// InZone counts the owner's NAT gateways that are pending, available
	// or deleting in the subnet's Availability Zone.
	InZone int
}

// maxClientToken is the longest client token EC2 accepts.
const maxClientToken = 64

// Check returns the error [CreateNAT] would return for spec, reading no
// randomness.
//
// Errors (*Error, Op "create"): a malformed owner, VPC or subnet ID, or
// client token, or an unknown connectivity type ([ErrInvalid],
// InvalidParameterValue or the ID's Malformed code); a public gateway
// without an allocation ([ErrInvalid], MissingParameter); a private gateway
// with one ([ErrInvalid], InvalidParameterCombination); a malformed
// allocation ID ([ErrInvalid], InvalidAllocationID.Malformed); InZone at
// [NATsPerZone] ([ErrNATLimit], NatGatewayLimitExceeded, "Performing this
// operation would exceed the limit of 5 NAT gateways").
func (spec NATSpec) Check() error {
	const op = "create"
	fail := func(input, code, msg string) error {
		return &Error{Op: op, Input: input, Code: code, Err: ErrInvalid, msg: msg}
	}
	c := spec.connectivity()
	switch {
	case !ec2.IsAccount(spec.OwnerID):
		return fail(spec.OwnerID, ec2.InvalidParameterValue, fmt.Sprintf("Invalid account id: %q", spec.OwnerID))
	case !ec2.VPC.IsID(spec.VPCID):
		return ec2.VPC.ParseID(spec.VPCID)
	case !ec2.Subnet.IsID(spec.SubnetID):
		return ec2.Subnet.ParseID(spec.SubnetID)
	case !c.IsValid():
		return fail(string(spec.Connectivity), ec2.InvalidParameterValue,
			fmt.Sprintf("Value (%s) for parameter connectivityType is invalid. Valid values are: public, private.", spec.Connectivity))
	case len(spec.ClientToken) > maxClientToken || !isASCII(spec.ClientToken):
		return fail(spec.ClientToken, ec2.InvalidParameterValue,
			fmt.Sprintf("Value (%s) for parameter clientToken is invalid. It must be at most %d ASCII characters.", spec.ClientToken, maxClientToken))
	case c == Public && spec.AllocationID == "":
		return fail("", ec2.MissingParameter, "The request must contain the parameter AllocationId")
	case c == Private && spec.AllocationID != "":
		return fail(spec.AllocationID, ec2.InvalidParameterCombination,
			"An Elastic IP address cannot be associated with a private NAT gateway.")
	case c == Public && !ec2.ElasticIP.IsID(spec.AllocationID):
		return fail(spec.AllocationID, ec2.AllocationIDMalformed,
			fmt.Sprintf("Invalid id: %q (expecting \"eipalloc-...\")", spec.AllocationID))
	case c == Public && !spec.PublicIP.Is4():
		return fail(spec.AllocationID, ec2.InvalidParameterValue,
			fmt.Sprintf("The allocation %s has no IPv4 address.", spec.AllocationID))
	case spec.PrivateIP.IsValid() && !spec.PrivateIP.Is4():
		return fail(spec.PrivateIP.String(), ec2.InvalidParameterValue,
			fmt.Sprintf("Value (%s) for parameter privateIpAddress is invalid.", spec.PrivateIP))
	case spec.InZone >= NATsPerZone:
		return &Error{Op: op, Input: spec.SubnetID, Code: ec2.NATGatewayLimitExceeded, Err: ErrNATLimit,
			msg: fmt.Sprintf("Performing this operation would exceed the limit of %d NAT gateways", NATsPerZone)}
	}
	return nil
}

func (spec NATSpec) connectivity() Connectivity {
	if spec.Connectivity == "" {
		return Public
	}
	return spec.Connectivity
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// outcome returns the failure the gateway spec describes will meet once
// EC2 provisions it, checked in this order: no free subnet address, no
// internet gateway (public), an allocation already associated (public).
func (spec NATSpec) outcome() NATFailure {
	switch {
	case !spec.PrivateIP.IsValid():
		return NATFailure{FailureNoFreeAddress, "Subnet has insufficient free addresses to create this NAT gateway"}
	case spec.connectivity() == Public && !spec.InternetGateway:
		return NATFailure{FailureNoInternetGateway, fmt.Sprintf("Network %s has no Internet gateway attached", spec.VPCID)}
	case spec.connectivity() == Public && spec.AllocationAssociated:
		return NATFailure{FailureAlreadyAssociated, fmt.Sprintf("Elastic IP address %s is already associated", spec.AllocationID)}
	}
	return NATFailure{}
}

// NAT is a NAT gateway: its ID, owner, VPC and subnet, connectivity, its
// addresses, its state and the instants it was created and deleted. The
// zero NAT is not valid; use [CreateNAT]. A NAT is an immutable value:
// every action returns a new NAT. NAT supports == and can be a map key.
type NAT struct {
	id, ownerID, vpcID, subnetID string
	connectivity                 Connectivity
	clientToken                  string
	allocationID, assocID, eniID string
	publicIP, privateIP          netip.Addr
	state                        NATState
	// failure is what provisioning will meet (pending) or met (failed,
	// and deleting or deleted after failed); zero when it succeeds.
	failure NATFailure
	created time.Time
	deleted time.Time // when DeleteNatGateway was called; zero before
	ended   time.Time // when the gateway became failed or deleted
}

// CreateNAT returns a new NAT gateway as spec asks, in state pending. Its
// fate is settled by spec's facts, and shown by [NAT.Settle]: available,
// or failed with one of the failure codes. Its IDs come from random after
// every check: 9 bytes for the gateway, and, unless it will fail, 9 for
// its network interface and 9 for its address association (public).
// Production callers pass crypto/rand.Reader.
//
// Errors: those of [NATSpec.Check]; a failing random source (a plain
// error).
func CreateNAT(spec NATSpec, now time.Time, random io.Reader) (NAT, error) {
	if err := spec.Check(); err != nil {
		return NAT{}, err
	}
	g := NAT{ownerID: spec.OwnerID, vpcID: spec.VPCID, subnetID: spec.SubnetID, connectivity: spec.connectivity(),
		clientToken: spec.ClientToken, state: NATPending, failure: spec.outcome(), created: now.UTC().Round(0)}
	var err error
	if g.id, err = ec2.NATGateway.NewID(random); err != nil {
		return NAT{}, err
	}
	if g.connectivity == Public {
		g.allocationID, g.publicIP = spec.AllocationID, spec.PublicIP
	}
	if g.failure.IsValid() {
		return g, nil
	}
	g.privateIP = spec.PrivateIP
	if g.eniID, err = ec2.NetworkInterface.NewID(random); err != nil {
		return NAT{}, err
	}
	if g.connectivity == Public {
		if g.assocID, err = ec2.AddressAssociation.NewID(random); err != nil {
			return NAT{}, err
		}
	}
	return g, nil
}

// IsValid reports whether g was made by [CreateNAT].
func (g NAT) IsValid() bool { return g.id != "" }

// ID returns the gateway ID, "nat-...".
func (g NAT) ID() string { return g.id }

// OwnerID returns the account that owns the gateway.
func (g NAT) OwnerID() string { return g.ownerID }

// VPCID returns the ID of the gateway's VPC.
func (g NAT) VPCID() string { return g.vpcID }

// SubnetID returns the ID of the gateway's subnet.
func (g NAT) SubnetID() string { return g.subnetID }

// Connectivity returns the gateway's connectivity type.
func (g NAT) Connectivity() Connectivity { return g.connectivity }

// ClientToken returns the client token the gateway was created with, or
// "".
func (g NAT) ClientToken() string { return g.clientToken }

// AllocationID returns the Elastic IP allocation of a public gateway, or
// "".
func (g NAT) AllocationID() string { return g.allocationID }

// PublicIP returns the Elastic IP address of a public gateway; the zero
// Addr for a private one.
func (g NAT) PublicIP() netip.Addr { return g.publicIP }

// PrivateIP returns the subnet address the gateway holds, or held; the
// zero Addr when it failed.
func (g NAT) PrivateIP() netip.Addr { return g.privateIP }

// NetworkInterfaceID returns the ID of the gateway's network interface, or
// "" when it failed.
func (g NAT) NetworkInterfaceID() string { return g.eniID }

// AssociationID returns the ID of the association of a public gateway's
// Elastic IP address with its interface, or "".
func (g NAT) AssociationID() string { return g.assocID }

// State returns the gateway's state.
func (g NAT) State() NATState { return g.state }

// Failure returns why the gateway failed, and false when it has not
// (yet): a pending gateway's fate is not shown.
func (g NAT) Failure() (NATFailure, bool) {
	if g.state == NATPending || !g.failure.IsValid() {
		return NATFailure{}, false
	}
	return g.failure, true
}

// CreateTime returns when the gateway was created.
func (g NAT) CreateTime() time.Time { return g.created }

// DeleteTime returns when the gateway was asked to be deleted, and false
// when it has not been.
func (g NAT) DeleteTime() (time.Time, bool) { return g.deleted, !g.deleted.IsZero() }

// HoldsAddresses reports whether g holds its subnet address and, if
// public, its Elastic IP address: from creation until it is deleted,
// unless it fails.
func (g NAT) HoldsAddresses() bool {
	if g.failure.IsValid() {
		return false
	}
	return g.state == NATPending || g.state == NATAvailable || g.state == NATDeleting
}

// IsLive reports whether g is, or is about to be, available: a route to it
// carries traffic and CreateRoute accepts it.
func (g NAT) IsLive() bool {
	return !g.failure.IsValid() && (g.state == NATPending || g.state == NATAvailable)
}

// Settle returns g after the step EC2 takes by itself: a pending gateway
// becomes available or failed, a deleting one deleted, each at now. Any
// other state is returned as it is.
func (g NAT) Settle(now time.Time) NAT {
	switch g.state {
	case NATPending:
		if g.failure.IsValid() {
			g.state, g.ended = NATFailed, now.UTC().Round(0)
		} else {
			g.state = NATAvailable
		}
	case NATDeleting:
		g.state, g.ended = NATDeleted, now.UTC().Round(0)
	}
	return g
}

// Delete returns g deleting, as DeleteNatGateway asks at now. Deleting a
// deleting gateway changes nothing; a failed one is deleted too, so that
// it reaches deleted as every deleted gateway does.
//
// Errors (*Error, Op "delete", [ErrDeleted], NatGatewayNotFound, "NAT
// gateway nat-... was not found"): g is deleted.
func (g NAT) Delete(now time.Time) (NAT, error) {
	switch g.state {
	case NATDeleted:
		return g, &Error{Op: "delete", ID: g.id, Code: ec2.NATGatewayNotFound, Err: ErrDeleted,
			msg: fmt.Sprintf("NAT gateway %s was not found", g.id)}
	case NATDeleting:
		return g, nil
	}
	g.state, g.deleted, g.ended = NATDeleting, now.UTC().Round(0), time.Time{}
	return g, nil
}

// ExpiresAt returns when a failed or deleted gateway stops being listed,
// [NATRetention] after it became so, and false for any other state.
func (g NAT) ExpiresAt() (time.Time, bool) {
	if !g.state.IsTerminal() {
		return time.Time{}, false
	}
	return g.ended.Add(NATRetention), true
}

// IsExpired reports whether g is failed or deleted and no longer listed at
// now: at and after [NAT.ExpiresAt].
func (g NAT) IsExpired(now time.Time) bool {
	at, ok := g.ExpiresAt()
	return ok && !now.Before(at)
}

// Addresses returns the gateway's addresses as DescribeNatGateways shows
// them in its state: a pending gateway's allocation (public) and status; an
// available or deleting one's every member; a deleted one's without the
// association; a failed one's allocation with the failure message.
func (g NAT) Addresses() []NATAddress {
	if !g.IsValid() {
		return nil
	}
	a := NATAddress{AllocationID: g.allocationID, IsPrimary: true}
	public := g.connectivity == Public
	pick := func(pub, priv NATAddressStatus) NATAddressStatus {
		if public {
			return pub
		}
		return priv
	}
	full := func() {
		a.AssociationID, a.NetworkInterfaceID, a.PrivateIP, a.PublicIP = g.assocID, g.eniID, g.privateIP, g.publicIP
	}
	switch {
	case g.failure.IsValid() && g.state != NATPending:
		a.Status, a.FailureMessage = AddressFailed, g.failure.Message
	case g.state == NATPending:
		a.Status = pick(AddressAssociating, AddressAssigning)
	case g.state == NATAvailable:
		full()
		a.Status = AddressSucceeded
	case g.state == NATDeleting:
		full()
		a.Status = pick(AddressDisassociating, AddressUnassigning)
	case g.state == NATDeleted:
		full()
		a.AssociationID, a.Status = "", AddressSucceeded
	}
	return []NATAddress{a}
}
