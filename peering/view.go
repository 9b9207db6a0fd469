package peering

import (
	"net/netip"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// View is a connection as one caller sees it in
// DescribeVpcPeeringConnections (and in the responses of the actions): EC2's
// rules for what is shown are applied by its accessors, so a caller renders
// a View without knowing them. The zero View is not valid; the [Registry]
// and [ViewFrom] make Views. A View is an immutable value, safe for
// concurrent use.
type View struct {
	c    Connection
	tags tag.Set
}

// ViewFrom returns c as shown to a caller whose tags on c are tags. c
// should already be settled at the caller's now ([Connection.Settle]).
func ViewFrom(c Connection, tags tag.Set) View { return View{c: c, tags: tags} }

// IsValid reports whether v shows a connection.
func (v View) IsValid() bool { return v.c.IsValid() }

// ID returns the pcx- ID (VpcPeeringConnectionId).
func (v View) ID() string { return v.c.id }

// Connection returns the full connection behind v, with nothing hidden.
func (v View) Connection() Connection { return v.c }

// Status returns the status code and message (Status).
func (v View) Status() status.Reason { return v.c.Status() }

// ExpirationTime returns when an unanswered request expires
// (ExpirationTime): shown, with ok true, only while the request is
// initiating-request or pending-acceptance.
func (v View) ExpirationTime() (t time.Time, ok bool) {
	if !v.c.code.IsPending() {
		return time.Time{}, false
	}
	return v.c.ExpiresAt(), true
}

// Tags returns the caller's own tags on the connection (tagSet): tags are
// per account and Region, so the other owner's tags never show.
func (v View) Tags() tag.Set { return v.tags }

// Requester returns the requester's side (RequesterVpcInfo). Its CIDR
// blocks always show; its options show only while the connection is active.
func (v View) Requester() VPCInfo { return v.c.req.info(true, v.c.code == status.Active) }

// Accepter returns the accepter's side (AccepterVpcInfo). EC2 returns the
// accepter's CIDR information only once the request has been accepted
// (provisioning, active, and after); its options show only while the
// connection is active.
func (v View) Accepter() VPCInfo { return v.c.acc.info(v.c.accepted, v.c.code == status.Active) }

// VPCInfo is one side of a connection as EC2 shows it (VpcPeeringConnectionVpcInfo).
// It is plain data; fields EC2 does not show are zero (an invalid
// CIDRBlock, nil slices, HasOptions false). The zero VPCInfo is not valid;
// [View.Requester] and [View.Accepter] make them.
type VPCInfo struct {
	OwnerID        string         // OwnerId
	VPCID          string         // VpcId
	Region         string         // Region
	CIDRBlock      netip.Prefix   // CidrBlock: the primary IPv4 block
	CIDRBlocks     []netip.Prefix // CidrBlockSet: every IPv4 block, primary first
	IPv6CIDRBlocks []netip.Prefix // Ipv6CidrBlockSet
	Options        Options        // PeeringOptions, when HasOptions
	HasOptions     bool
}

func (s side) info(blocks, opts bool) VPCInfo {
	i := VPCInfo{OwnerID: s.owner, VPCID: s.vpc, Region: s.region}
	if blocks && len(s.ipv4) > 0 {
		i.CIDRBlock = s.ipv4[0]
		i.CIDRBlocks = slices.Clone(s.ipv4)
		i.IPv6CIDRBlocks = slices.Clone(s.ipv6)
	}
	if opts {
		i.Options, i.HasOptions = s.opts, true
	}
	return i
}
