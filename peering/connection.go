package peering

import (
	"net/netip"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
)

// RequestLifetime is how long a request may wait in pending-acceptance
// before it expires. EC2: "The VPC peering connection request expires after
// 7 days" (1 week, not adjustable).
const RequestLifetime = 7 * 24 * time.Hour

// Party is who acts or looks: an AWS account calling EC2 in one Region. The
// zero Party is not valid; [Party.IsValid] checks the syntax of both fields.
// Party supports == and can be a map key.
type Party struct {
	Account string // 12 digits, e.g. "111122223333"
	Region  string // e.g. "us-east-1"
}

// IsValid reports whether p.Account is a 12-digit account ID and p.Region
// has the syntax of a Region name.
func (p Party) IsValid() bool { return ec2.IsAccount(p.Account) && ec2.IsRegion(p.Region) }

// VPCRef names a VPC: its owner account, its Region and its ID. The zero
// VPCRef is not valid; fill in all three fields ([VPCRef.IsValid] checks
// their syntax). VPCRef supports == and can be a map key.
type VPCRef struct {
	OwnerID string
	Region  string
	ID      string // vpc-...
}

// IsValid reports whether v has a 12-digit owner account, a Region name and
// a vpc- ID.
func (v VPCRef) IsValid() bool {
	return ec2.IsAccount(v.OwnerID) && ec2.IsRegion(v.Region) && ec2.VPC.IsID(v.ID)
}

// VPC is a VPC as a peering connection needs to know it: who owns it, where,
// and its CIDR blocks. It is plain data. The zero VPC is not valid; fill in
// its fields ([VPC.IsValid] checks them).
type VPC struct {
	OwnerID string
	Region  string
	ID      string
	IPv4    []netip.Prefix // the primary block first, then secondary blocks
	IPv6    []netip.Prefix // IPv6 blocks, possibly none
}

// IsValid reports whether v names a VPC ([VPCRef.IsValid]) and has at least
// one IPv4 block.
func (v VPC) IsValid() bool { return v.Ref().IsValid() && len(v.IPv4) > 0 }

// Ref returns the VPC's owner, Region and ID.
func (v VPC) Ref() VPCRef { return VPCRef{OwnerID: v.OwnerID, Region: v.Region, ID: v.ID} }

// Options are one side's peering options (PeeringConnectionOptions). The
// zero value is ready to use: it is EC2's default, all three false. Options
// supports == and can be a map key.
type Options struct {
	// AllowDNSResolutionFromRemoteVPC makes public DNS hostnames of this
	// side's instances resolve to private addresses when queried from the
	// peer VPC (AllowDnsResolutionFromRemoteVpc).
	AllowDNSResolutionFromRemoteVPC bool
	// AllowEgressFromLocalClassicLinkToRemoteVPC is deprecated by AWS and
	// refused on inter-Region connections.
	AllowEgressFromLocalClassicLinkToRemoteVPC bool
	// AllowEgressFromLocalVPCToRemoteClassicLink is deprecated by AWS and
	// refused on inter-Region connections.
	AllowEgressFromLocalVPCToRemoteClassicLink bool
}

func (o Options) usesClassicLink() bool {
	return o.AllowEgressFromLocalClassicLinkToRemoteVPC || o.AllowEgressFromLocalVPCToRemoteClassicLink
}

// side is one end of a connection; its slices are never written after the
// side is built (a change builds new slices), so copies of a Connection can
// share them.
type side struct {
	owner, region, vpc string
	ipv4, ipv6         []netip.Prefix
	opts               Options
}

func (s side) ref() VPCRef { return VPCRef{OwnerID: s.owner, Region: s.region, ID: s.vpc} }

func (s side) export() VPC {
	return VPC{OwnerID: s.owner, Region: s.region, ID: s.vpc, IPv4: slices.Clone(s.ipv4), IPv6: slices.Clone(s.ipv6)}
}

// Connection is one VPC peering connection at one moment: its two sides,
// its status and when things happened. It is an immutable value: every
// action returns a new Connection and leaves the receiver untouched, so a
// Connection is safe for concurrent use. It holds slices (the CIDR blocks),
// so it does not support ==; compare with [Connection.Equal].
//
// The zero Connection is not valid; use [Create]. Its accessors return zero
// values and its actions return an error.
type Connection struct {
	id          string
	req, acc    side
	code        status.Code
	actor       string // the account that rejected or deleted the connection
	requestedAt time.Time
	changedAt   time.Time
	peerMissing bool // the accepter VPC did not exist when requested
	accepted    bool // the accepter accepted the request at some point
}

// Request is the input of [Create]: both VPCs as the caller of
// CreateVpcPeeringConnection names them and as they are at that moment.
// The zero Request is not valid; [Create] refuses it.
type Request struct {
	// Requester is the requester's VPC: its owner is the calling account and
	// its Region the Region of the call. It must exist and have at least one
	// IPv4 block.
	Requester VPC
	// Accepter is the peer VPC: PeerOwnerId, PeerRegion and PeerVpcId of the
	// request, and the blocks the VPC has now.
	Accepter VPC
	// PeerMissing says that no VPC Accepter.ID exists for Accepter.OwnerID in
	// Accepter.Region. Within one account and Region that is a synchronous
	// InvalidVpcID.NotFound; across accounts or Regions the request is created
	// and then fails, as EC2 does.
	PeerMissing bool
}

// Create starts a peering request with the given pcx- ID at now: the new
// Connection is in initiating-request. [Connection.Settle] moves it on to
// pending-acceptance, or to failed when an IPv4 block (primary or secondary)
// or an IPv6 block of one VPC overlaps one of the other, or when the peer VPC
// does not exist.
//
// Errors (*Error): a malformed pcx- ID gives
// InvalidVpcPeeringConnectionId.Malformed; a malformed VPC ID
// InvalidVpcID.Malformed; a malformed account, Region or block, or a
// requester without an IPv4 block, InvalidParameterValue ([ErrInvalid]);
// a VPC peered with itself InvalidParameterValue ([ErrSameVPC], decision
// H.5); a missing peer VPC in the requester's own account and Region
// InvalidVpcID.NotFound ([ErrVPCNotFound]).
func Create(id string, r Request, now time.Time) (Connection, error) {
	const op = "create"
	if !ec2.PeeringConnection.IsID(id) {
		return Connection{}, malformedPCX(op, id)
	}
	for _, v := range []VPC{r.Requester, r.Accepter} {
		if err := ec2.VPC.ParseID(v.ID); err != nil {
			return Connection{}, wrapEC2(op, v.ID, err)
		}
		if err := ec2.ParseAccount(v.OwnerID); err != nil {
			return Connection{}, wrapEC2(op, v.ID, err)
		}
		if err := ec2.ParseRegion(v.Region); err != nil {
			return Connection{}, wrapEC2(op, v.ID, err)
		}
	}
	if len(r.Requester.IPv4) == 0 {
		return Connection{}, invalid(op, r.Requester.ID, "The vpc '"+r.Requester.ID+"' has no IPv4 CIDR block")
	}
	for _, v := range []VPC{r.Requester, r.Accepter} {
		if err := checkBlocks(op, v); err != nil {
			return Connection{}, err
		}
	}
	if r.Requester.Ref() == r.Accepter.Ref() {
		return Connection{}, &Error{Op: op, ID: r.Requester.ID, Code: ec2.InvalidParameterValue,
			Message: "A VPC peering connection cannot be created between a VPC and itself: " + r.Requester.ID, Err: ErrSameVPC}
	}
	if r.PeerMissing && r.Requester.OwnerID == r.Accepter.OwnerID && r.Requester.Region == r.Accepter.Region {
		return Connection{}, vpcNotFound(op, r.Accepter.ID)
	}
	now = norm(now)
	c := Connection{
		id:          id,
		req:         newSide(r.Requester),
		acc:         newSide(r.Accepter),
		code:        status.InitiatingRequest,
		requestedAt: now,
		changedAt:   now,
		peerMissing: r.PeerMissing,
	}
	if r.PeerMissing {
		c.acc.ipv4, c.acc.ipv6 = nil, nil
	}
	return c, nil
}

func newSide(v VPC) side {
	return side{owner: v.OwnerID, region: v.Region, vpc: v.ID, ipv4: ownBlocks(v.IPv4), ipv6: ownBlocks(v.IPv6)}
}

// ownBlocks returns a copy of s that a side may keep: nil when s is empty,
// so that "no blocks" has one representation (and survives encoding
// exactly), else a clipped copy.
func ownBlocks(s []netip.Prefix) []netip.Prefix {
	if len(s) == 0 {
		return nil
	}
	return slices.Clip(slices.Clone(s))
}

func checkBlocks(op string, v VPC) error {
	for _, p := range v.IPv4 {
		if !p.IsValid() || !p.Addr().Is4() || p.Masked() != p {
			return invalid(op, v.ID, "Value ("+p.String()+") for parameter cidrBlock is invalid. This is not a valid CIDR block.")
		}
	}
	for _, p := range v.IPv6 {
		if !p.IsValid() || !p.Addr().Is6() || p.Addr().Is4In6() || p.Masked() != p {
			return invalid(op, v.ID, "Value ("+p.String()+") for parameter ipv6CidrBlock is invalid. This is not a valid CIDR block.")
		}
	}
	return nil
}

// norm normalizes an instant for storage and ==: UTC, no monotonic reading.
func norm(t time.Time) time.Time { return t.UTC().Round(0) }

// IsValid reports whether c was made by [Create] (or an action on such a
// value). The zero Connection is not valid.
func (c Connection) IsValid() bool { return c.id != "" }

// ID returns the pcx- ID, or "" for the zero Connection.
func (c Connection) ID() string { return c.id }

// Requester returns the requester's VPC: owner, Region, ID and the blocks the
// connection knows. The slices are copies.
func (c Connection) Requester() VPC { return c.req.export() }

// Accepter returns the accepter's VPC, as [Connection.Requester] does. Its
// blocks are empty when the peer VPC did not exist.
func (c Connection) Accepter() VPC { return c.acc.export() }

// RequesterOptions returns the requester side's peering options.
func (c Connection) RequesterOptions() Options { return c.req.opts }

// AccepterOptions returns the accepter side's peering options.
func (c Connection) AccepterOptions() Options { return c.acc.opts }

// Code returns the status code, or "" for the zero Connection.
func (c Connection) Code() status.Code { return c.code }

// Status returns the status code with AWS's message (spec A.3, decision H.2):
//
//	initiating-request  Initiating Request to <accepter account>
//	pending-acceptance  Pending Acceptance by <accepter account>
//	provisioning        Provisioning
//	active              Active
//	deleting            Deleting
//	deleted             Deleted by <deleting account>
//	rejected            Rejected by <accepter account>
//	failed              Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range
//	expired             Expired
//
// The zero Connection gives the zero Reason.
func (c Connection) Status() status.Reason {
	return status.Reason{Code: c.code, Message: c.message()}
}

func (c Connection) message() string {
	switch c.code {
	case status.InitiatingRequest:
		return "Initiating Request to " + c.acc.owner
	case status.PendingAcceptance:
		return "Pending Acceptance by " + c.acc.owner
	case status.Provisioning:
		return "Provisioning"
	case status.Active:
		return "Active"
	case status.Deleting:
		return "Deleting"
	case status.Deleted:
		return "Deleted by " + c.actor
	case status.Rejected:
		return "Rejected by " + c.actor
	case status.Failed:
		return "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range"
	case status.Expired:
		return "Expired"
	default:
		return ""
	}
}

// RequestedAt returns when the request was made (UTC, no monotonic reading).
func (c Connection) RequestedAt() time.Time { return c.requestedAt }

// ChangedAt returns when the status last changed. EC2's asynchronous steps
// (initiating-request to pending-acceptance or failed, provisioning to active,
// deleting to deleted) are dated at the action that started them; expiry is
// dated at [Connection.ExpiresAt].
func (c Connection) ChangedAt() time.Time { return c.changedAt }

// ExpiresAt returns RequestedAt + [RequestLifetime]: a request still pending
// acceptance at or after this instant is expired. The zero Connection gives
// the zero time.
func (c Connection) ExpiresAt() time.Time {
	if !c.IsValid() {
		return time.Time{}
	}
	return c.requestedAt.Add(RequestLifetime)
}

// ActedBy returns the account that rejected or deleted the connection, or ""
// when nobody has.
func (c Connection) ActedBy() string { return c.actor }

// IsInterRegion reports whether the two VPCs are in different Regions.
func (c Connection) IsInterRegion() bool { return c.req.region != c.acc.region }

// IsCrossAccount reports whether the two VPCs have different owners.
func (c Connection) IsCrossAccount() bool { return c.req.owner != c.acc.owner }

// WasAccepted reports whether the accepter accepted the request at some
// point (DescribeVpcPeeringConnections shows the accepter's blocks from then
// on).
func (c Connection) WasAccepted() bool { return c.accepted }

// Equal reports whether c and d are the same connection in the same state,
// with the same blocks and options.
func (c Connection) Equal(d Connection) bool {
	return c.id == d.id && c.code == d.code && c.actor == d.actor &&
		c.requestedAt.Equal(d.requestedAt) && c.changedAt.Equal(d.changedAt) &&
		c.peerMissing == d.peerMissing && c.accepted == d.accepted &&
		sideEqual(c.req, d.req) && sideEqual(c.acc, d.acc)
}

func sideEqual(a, b side) bool {
	return a.owner == b.owner && a.region == b.region && a.vpc == b.vpc && a.opts == b.opts &&
		slices.Equal(a.ipv4, b.ipv4) && slices.Equal(a.ipv6, b.ipv6)
}
