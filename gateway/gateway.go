package gateway

import (
	"fmt"
	"io"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// The attachment states EC2 reports: an attached internet gateway says
// available, an egress-only gateway attached.
const (
	StateAvailable = "available"
	StateAttached  = "attached"
)

// Internet is an internet gateway: its ID, owner and the VPC it is
// attached to, if any. The zero Internet is not valid; use
// [CreateInternet]. Internet is an immutable value, supports == and can be
// a map key.
type Internet struct {
	id, ownerID, vpcID string
}

// CreateInternet returns a new, detached internet gateway owned by ownerID,
// its ID from random (9 bytes, read after ownerID is checked).
//
// Errors: a malformed account (*Error, [ErrInvalid],
// InvalidParameterValue); a failing random source (a plain error).
func CreateInternet(ownerID string, random io.Reader) (Internet, error) {
	if err := ec2.ParseAccount(ownerID); err != nil {
		return Internet{}, &Error{Op: "create", Input: ownerID, Code: ec2.InvalidParameterValue, Err: ErrInvalid, msg: err.Error()}
	}
	id, err := ec2.InternetGateway.NewID(random)
	if err != nil {
		return Internet{}, err
	}
	return Internet{id: id, ownerID: ownerID}, nil
}

// IsValid reports whether g was made by [CreateInternet].
func (g Internet) IsValid() bool { return g.id != "" }

// ID returns the gateway ID, "igw-...".
func (g Internet) ID() string { return g.id }

// OwnerID returns the account that owns the gateway.
func (g Internet) OwnerID() string { return g.ownerID }

// AttachedVPC returns the VPC g is attached to, and false when it is
// detached.
func (g Internet) AttachedVPC() (string, bool) { return g.vpcID, g.vpcID != "" }

// Attach returns g attached to vpcID. vpcGateway is the internet gateway
// already attached to vpcID, or "" when it has none: one gateway per VPC.
//
// Errors (*Error, Op "attach"): g already attached, to any VPC
// ([ErrAttached], Resource.AlreadyAssociated, "resource igw-... is already
// attached to network vpc-..."); vpcID has another gateway ([ErrVPCHasOne],
// InvalidParameterValue, "Network vpc-... already has an internet gateway
// attached"); a malformed VPC ID ([ErrInvalid], InvalidVpcID.Malformed).
func (g Internet) Attach(vpcID, vpcGateway string) (Internet, error) {
	const op = "attach"
	switch {
	case !ec2.VPC.IsID(vpcID):
		return g, &Error{Op: op, ID: g.id, Input: vpcID, Code: ec2.VPCIDMalformed, Err: ErrInvalid,
			msg: fmt.Sprintf("Invalid id: %q (expecting \"vpc-...\")", vpcID)}
	case g.vpcID != "":
		return g, &Error{Op: op, ID: g.id, Input: vpcID, Code: "Resource.AlreadyAssociated", Err: ErrAttached,
			msg: fmt.Sprintf("resource %s is already attached to network %s", g.id, g.vpcID)}
	case vpcGateway != "":
		return g, &Error{Op: op, ID: g.id, Input: vpcID, Code: ec2.InvalidParameterValue, Err: ErrVPCHasOne,
			msg: fmt.Sprintf("Network %s already has an internet gateway attached", vpcID)}
	}
	g.vpcID = vpcID
	return g, nil
}

// Detach returns g detached from vpcID.
//
// Errors (*Error, Op "detach", [ErrNotAttached], Gateway.NotAttached): g
// is not attached to vpcID.
func (g Internet) Detach(vpcID string) (Internet, error) {
	if g.vpcID == "" || g.vpcID != vpcID {
		return g, &Error{Op: "detach", ID: g.id, Input: vpcID, Code: ec2.GatewayNotAttached, Err: ErrNotAttached,
			msg: fmt.Sprintf("resource %s is not attached to network %s", g.id, vpcID)}
	}
	g.vpcID = ""
	return g, nil
}

// CheckDelete returns the error EC2's DeleteInternetGateway gives for g,
// or nil when EC2 would delete it.
//
// Errors (*Error, Op "delete", [ErrDependency], DependencyViolation): g is
// attached, "The internetGateway 'igw-...' has dependencies and cannot be
// deleted."
func (g Internet) CheckDelete() error {
	if g.vpcID != "" {
		return &Error{Op: "delete", ID: g.id, Input: g.vpcID, Code: ec2.DependencyViolation, Err: ErrDependency,
			msg: fmt.Sprintf("The internetGateway '%s' has dependencies and cannot be deleted.", g.id)}
	}
	return nil
}

// EgressOnly is an egress-only internet gateway: its ID, owner and VPC,
// to which it is attached from birth to deletion. The zero EgressOnly is
// not valid; use [CreateEgressOnly]. EgressOnly is an immutable value,
// supports == and can be a map key.
type EgressOnly struct {
	id, ownerID, vpcID string
}

// CreateEgressOnly returns a new egress-only internet gateway of vpcID,
// owned by ownerID, its ID from random (9 bytes, read after the checks).
//
// Errors: a malformed account (*Error, [ErrInvalid],
// InvalidParameterValue) or VPC ID (InvalidVpcID.Malformed); a failing
// random source (a plain error).
func CreateEgressOnly(ownerID, vpcID string, random io.Reader) (EgressOnly, error) {
	if err := ec2.ParseAccount(ownerID); err != nil {
		return EgressOnly{}, &Error{Op: "create", Input: ownerID, Code: ec2.InvalidParameterValue, Err: ErrInvalid, msg: err.Error()}
	}
	if !ec2.VPC.IsID(vpcID) {
		return EgressOnly{}, &Error{Op: "create", Input: vpcID, Code: ec2.VPCIDMalformed, Err: ErrInvalid,
			msg: fmt.Sprintf("Invalid id: %q (expecting \"vpc-...\")", vpcID)}
	}
	id, err := ec2.EgressOnlyGateway.NewID(random)
	if err != nil {
		return EgressOnly{}, err
	}
	return EgressOnly{id: id, ownerID: ownerID, vpcID: vpcID}, nil
}

// IsValid reports whether g was made by [CreateEgressOnly].
func (g EgressOnly) IsValid() bool { return g.id != "" }

// ID returns the gateway ID, "eigw-...".
func (g EgressOnly) ID() string { return g.id }

// OwnerID returns the account that owns the gateway.
func (g EgressOnly) OwnerID() string { return g.ownerID }

// VPCID returns the VPC the gateway is attached to.
func (g EgressOnly) VPCID() string { return g.vpcID }
