package vpn

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// GatewaySpec is what CreateVpnGateway takes. The zero value is not a valid
// request: Type is required.
type GatewaySpec struct {
	Type             GatewayType // required: ipsec.1
	AmazonSideASN    int64       // 64512–65534 or 4,200,000,000–4,294,967,294; 0 means 64512
	AvailabilityZone string      // optional; kept as given; valid UTF-8
	Tags             tag.Set
}

// Attachment is a virtual private gateway's attachment to a VPC. The zero
// value means "never attached". Attachment supports ==.
type Attachment struct {
	VPCID string
	State status.Attachment
}

// Gateway is a virtual private gateway (VGW): the AWS end of VPN connections
// to one VPC. It is created available, attaches to one VPC at a time
// (attaching → attached, detaching → detached, each completed by
// [Gateway.Settle] at or after the action) and is deleted only when
// detached. The zero Gateway is not valid; use [CreateGateway]. It holds
// tags, so it does not support ==.
type Gateway struct {
	id         string
	typ        GatewayType
	asn        int64
	zone       string
	state      status.State
	attachment Attachment
	// attachmentChangedAt is when the attachment's current state began: the
	// Attach or Detach that set it. Zero when never attached.
	attachmentChangedAt time.Time
	tags                tag.Set
	createdAt           time.Time
	deletedAt           time.Time // zero unless deleted
}

// CreateGateway validates spec and returns a new virtual private gateway in
// state available, with an ID drawn from random (production callers pass
// crypto/rand.Reader). Type must be ipsec.1 (MissingParameter when empty,
// else InvalidParameterValue); AmazonSideAsn must be a private ASN in
// 64512–65534 or 4,200,000,000–4,294,967,294 (InvalidParameterValue,
// [ErrASN]); 0 gives 64512; AvailabilityZone must be valid UTF-8
// (InvalidParameterValue), as every EC2 parameter is. The quota of gateways
// per Region is [Quotas.CheckGateways].
func CreateGateway(spec GatewaySpec, random io.Reader, now time.Time) (Gateway, error) {
	const op = "create-vpn-gateway"
	switch {
	case spec.Type == "":
		return Gateway{}, &Error{Op: op, Param: "Type", Code: "MissingParameter", Err: ErrMissing}
	case !spec.Type.IsValid():
		return Gateway{}, &Error{Op: op, Param: "Type", Value: string(spec.Type), Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	asn := spec.AmazonSideASN
	switch {
	case asn == 0:
		asn = DefaultAmazonSideASN
	case MinAmazonSideASN16 <= asn && asn <= MaxAmazonSideASN16, MinAmazonSideASN32 <= asn && asn <= MaxAmazonSideASN32:
	default:
		return Gateway{}, &Error{Op: op, Param: "AmazonSideAsn", Value: strconv.FormatInt(asn, 10), Code: "InvalidParameterValue", Err: ErrASN}
	}
	if !utf8.ValidString(spec.AvailabilityZone) {
		return Gateway{}, &Error{Op: op, Param: "AvailabilityZone", Value: strings.ToValidUTF8(spec.AvailabilityZone, "\uFFFD"), Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	id, err := ec2.VPNGateway.NewID(random)
	if err != nil {
		return Gateway{}, &Error{Op: op, Code: "InternalError", Err: fmt.Errorf("%w: %v", ErrRandom, err)}
	}
	return Gateway{
		id:        id,
		typ:       spec.Type,
		asn:       asn,
		zone:      spec.AvailabilityZone,
		state:     status.StateAvailable,
		tags:      spec.Tags,
		createdAt: norm(now),
	}, nil
}

// IsValid reports whether g was made by [CreateGateway].
func (g Gateway) IsValid() bool { return g.id != "" }

// ID returns the gateway's ID, "vgw-…"; "" for the zero value.
func (g Gateway) ID() string { return g.id }

// Type returns the gateway type, ipsec.1.
func (g Gateway) Type() GatewayType { return g.typ }

// AmazonSideASN returns the Amazon side's BGP ASN.
func (g Gateway) AmazonSideASN() int64 { return g.asn }

// AvailabilityZone returns the zone given at creation, possibly empty.
func (g Gateway) AvailabilityZone() string { return g.zone }

// State returns available or deleted; "" for the zero value.
func (g Gateway) State() status.State { return g.state }

// Attachment returns the gateway's current or last attachment and whether
// it was ever attached.
func (g Gateway) Attachment() (Attachment, bool) {
	return g.attachment, g.attachment.VPCID != ""
}

// AttachedVPC returns the VPC the gateway is bound to while its attachment is
// attaching, attached or detaching.
func (g Gateway) AttachedVPC() (string, bool) {
	if g.attachment.State.IsLive() {
		return g.attachment.VPCID, true
	}
	return "", false
}

// Tags returns the gateway's tags.
func (g Gateway) Tags() tag.Set { return g.tags }

// CreatedAt returns the instant of creation, in UTC.
func (g Gateway) CreatedAt() time.Time { return g.createdAt }

// WithTags returns g with its tags replaced by tags.
func (g Gateway) WithTags(tags tag.Set) Gateway { g.tags = tags; return g }

// DeletedAt returns the instant [Gateway.Delete] deleted g, and whether g
// is deleted.
func (g Gateway) DeletedAt() (time.Time, bool) {
	return g.deletedAt, g.state == status.StateDeleted
}

// IsListed reports whether DescribeVpnGateways still lists g at now: a
// deleted gateway is listed for [DeletedRetention] after its deletion, up to
// but not including DeletedAt + DeletedRetention. It is false for the zero
// Gateway.
func (g Gateway) IsListed(now time.Time) bool {
	return listed(g.IsValid(), g.state, g.deletedAt, now)
}

// dated returns the instant an action at now is dated at: now in UTC, or
// g's latest recorded change when now is earlier (time never runs back).
func (g Gateway) dated(now time.Time) time.Time {
	return latest(latest(norm(now), g.createdAt), g.attachmentChangedAt)
}

// Attach starts attaching g to vpcID: the attachment becomes attaching,
// dated at now (or at g's latest change when now is earlier), and
// [Gateway.Settle] makes it attached at any instant not before that, the
// dated instant itself included. gateways are the other gateways of
// the account in the Region (g itself may be among them). Errors:
//   - vpcID not a VPC ID: InvalidVpcID.Malformed;
//   - g not available: IncorrectState, [ErrState];
//   - g already attaching or attached to vpcID: no error, g unchanged (spec M.4);
//   - g attaching or attached to another VPC, or detaching: VpnGatewayAttachmentLimitExceeded,
//     [ErrAlreadyAttached] ("a VGW attaches to one VPC at a time");
//   - another gateway bound to vpcID: InvalidVpcState, [ErrVPCHasGateway].
func (g Gateway) Attach(vpcID string, gateways []Gateway, now time.Time) (Gateway, error) {
	const op = "attach"
	if !ec2.VPC.IsID(vpcID) {
		return g, &Error{Op: op, ID: g.id, Param: "VpcId", Value: vpcID, Code: ec2.VPC.Malformed, Err: ErrInvalidValue}
	}
	if g.state != status.StateAvailable {
		return g, &Error{Op: op, ID: g.id, Value: string(g.state), Code: "IncorrectState", Err: ErrState}
	}
	if g.attachment.State.IsLive() && g.attachment.VPCID == vpcID && g.attachment.State != status.Detaching {
		// Attaching again to the VPC it is attaching or attached to
		// changes nothing and succeeds (spec M.4).
		return g, nil
	}
	if g.attachment.State.IsLive() {
		return g, &Error{Op: op, ID: g.id, Value: g.attachment.VPCID, Code: "VpnGatewayAttachmentLimitExceeded", Err: ErrAlreadyAttached}
	}
	for _, o := range gateways {
		if o.id != g.id && o.state == status.StateAvailable && o.attachment.VPCID == vpcID && o.attachment.State.IsLive() {
			return g, &Error{Op: op, ID: g.id, Param: "VpcId", Value: vpcID, Code: "InvalidVpcState", Err: ErrVPCHasGateway}
		}
	}
	g.attachment, g.attachmentChangedAt = Attachment{VPCID: vpcID, State: status.Attaching}, g.dated(now)
	return g, nil
}

// Detach starts detaching g from vpcID: the attachment becomes detaching,
// dated at now (or at g's latest change when now is earlier), and
// [Gateway.Settle] makes it detached at any instant not before that. If g
// is not attaching or attached to vpcID the error is
// InvalidVpnGatewayAttachment.NotFound ([ErrNotAttached]).
func (g Gateway) Detach(vpcID string, now time.Time) (Gateway, error) {
	if g.attachment.VPCID != vpcID || (g.attachment.State != status.Attaching && g.attachment.State != status.Attached) {
		return g, &Error{Op: "detach", ID: g.id, Param: "VpcId", Value: vpcID, Code: "InvalidVpnGatewayAttachment.NotFound", Err: ErrNotAttached}
	}
	g.attachment.State, g.attachmentChangedAt = status.Detaching, g.dated(now)
	return g, nil
}

// Settle completes what AWS finishes asynchronously, when now is not before
// the instant the step began (!now.Before(start)): attaching becomes
// attached and detaching becomes detached, from the instant the
// [Gateway.Attach] or [Gateway.Detach] was dated at on. So Settle(now) with
// any now at or after the action's own now completes it at once; an
// earlier now (even 1ns earlier) changes nothing. Nothing else changes; it
// is idempotent.
func (g Gateway) Settle(now time.Time) Gateway {
	if now.Before(g.attachmentChangedAt) {
		return g
	}
	switch g.attachment.State {
	case status.Attaching:
		g.attachment.State = status.Attached
	case status.Detaching:
		g.attachment.State = status.Detached
	}
	return g
}

// Delete moves g to deleted at once, dated at now (or at g's latest change
// when now is earlier: time never runs back); [Gateway.DeletedAt] returns
// that instant. EC2 refuses (IncorrectState) while the gateway
// is attaching, attached or detaching ([ErrState]: "Delete requires
// detached") or used by a live connection among connections ([ErrInUse]).
// Deleting a deleted gateway changes nothing and is not an error.
func (g Gateway) Delete(connections []Connection, now time.Time) (Gateway, error) {
	const op = "delete-vpn-gateway"
	if !g.IsValid() {
		return g, &Error{Op: op, Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	if g.state == status.StateDeleted {
		return g, nil
	}
	if g.attachment.State.IsLive() {
		return g, &Error{Op: op, ID: g.id, Value: string(g.attachment.State), Code: "IncorrectState", Err: ErrState}
	}
	for _, c := range connections {
		if c.state.IsLive() && c.vpnGatewayID == g.id {
			return g, &Error{Op: op, ID: g.id, Value: c.id, Code: "IncorrectState", Err: ErrInUse}
		}
	}
	g.state, g.deletedAt = status.StateDeleted, g.dated(now)
	return g, nil
}
