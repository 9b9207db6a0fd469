package vpcmodel_test

import (
	"net/netip"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel"
)

// The model of a Cloud that TestCloudMachine checks against. It is written
// from the behaviour reference (spec sections A, B, E, F and H), not from the
// library's code, and holds only what those sections name: who owns what,
// which blocks a VPC has (IPv4, and Amazon-provided IPv6 /56s, whose values
// the model learns from the Cloud, as a caller does), each peering
// connection's status and when it last changed, each route's target, each
// gateway's attachment, each VPN connection's static routes, and when
// something was deleted.
//
// Steps EC2 takes by itself (a request reaching pending-acceptance or
// failed, an accepted connection becoming active, a block association
// completing, a VPN connection becoming available, an attachment
// completing) finish at the start of the next call, and the machine's
// invariant check is always that next call. So the model stores every
// resource as the next call sees it: settled.

// The durations of the spec, written out here rather than taken from the
// library's constants.
const (
	mRequestLifetime = 7 * 24 * time.Hour // A.2: "Expires after 7 days"
	mShortWindow     = 2 * time.Hour      // A.2: visible "for 2 hours"
	mLongWindow      = 2 * 24 * time.Hour // A.2: visible "for 2 days"
	mVPNRetention    = time.Hour          // F.1 "a short while"; the Cloud's default
)

// Peering status codes (A.1) the settled model can hold.
const (
	mPending  = "pending-acceptance"
	mActive   = "active"
	mFailed   = "failed"
	mExpired  = "expired"
	mRejected = "rejected"
	mDeleted  = "deleted"
)

type mBlock struct {
	assoc string
	cidr  netip.Prefix
}

type mVPC struct {
	id      string
	owner   vpcmodel.Caller
	blocks  []mBlock  // the primary first, then in the order they were associated
	ipv6    []mBlock6 // in the order they were associated, disassociated ones included
	deleted bool
}

// mBlock6 is one IPv6 association of a VPC: associated, or disassociated
// and still listed (the newest five are).
type mBlock6 struct {
	mBlock
	gone bool
}

// cidrs6 returns the VPC's associated IPv6 blocks.
func (v *mVPC) cidrs6() []netip.Prefix {
	var out []netip.Prefix
	for _, b := range v.ipv6 {
		if !b.gone {
			out = append(out, b.cidr)
		}
	}
	return out
}

// allCIDRs returns the VPC's IPv4 and associated IPv6 blocks: its local
// routes.
func (v *mVPC) allCIDRs() []netip.Prefix { return append(v.cidrs(), v.cidrs6()...) }

func (v *mVPC) cidrs() []netip.Prefix {
	out := make([]netip.Prefix, len(v.blocks))
	for i, b := range v.blocks {
		out[i] = b.cidr
	}
	return out
}

// mRef names a VPC as a peering connection names it: owner, Region, ID.
type mRef struct {
	owner vpcmodel.Caller
	vpc   string
}

func (v *mVPC) ref() mRef { return mRef{v.owner, v.id} }

type mTable struct {
	id          string
	vpc         *mVPC
	main        bool
	static      map[netip.Prefix]string // destination -> pcx- or vgw- target
	propagating []string                // vgw- IDs, sorted
	deleted     bool
}

// mSide is one side of a peering connection and the blocks the connection
// knows of that VPC.
type mSide struct {
	mRef
	blocks  []netip.Prefix
	blocks6 []netip.Prefix
}

type mPCX struct {
	id        string
	req, acc  mSide
	code      string
	requested time.Time
	changed   time.Time
	actor     string // who rejected or deleted it
	accepted  bool
}

func (p *mPCX) live() bool { return p.code == mPending || p.code == mActive }

func (p *mPCX) crossAccount() bool { return p.req.owner.Account != p.acc.owner.Account }

func (p *mPCX) message() string {
	switch p.code {
	case mPending:
		return "Pending Acceptance by " + p.acc.owner.Account
	case mActive:
		return "Active"
	case mFailed:
		return "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range"
	case mExpired:
		return "Expired"
	case mRejected:
		return "Rejected by " + p.actor
	case mDeleted:
		return "Deleted by " + p.actor
	}
	return "?"
}

// windowEnd is the "Visibility after reaching it" column of A.2: when
// account stops seeing p (zero: not yet), and whether it sees p at all.
func (p *mPCX) windowEnd(account string) (time.Time, bool) {
	isReq, isAcc := account == p.req.owner.Account, account == p.acc.owner.Account
	if !isReq && !isAcc {
		return time.Time{}, false
	}
	same := !p.crossAccount()
	short, long := p.changed.Add(mShortWindow), p.changed.Add(mLongWindow)
	switch p.code {
	case mPending, mActive:
		return time.Time{}, true
	case mFailed: // to the requester only
		return short, isReq
	case mExpired:
		return long, true
	case mRejected: // requester 2 days, accepter 2 hours, same account 2 hours
		if same || isAcc {
			return short, true
		}
		return long, true
	case mDeleted: // the deleting party 2 hours, the other 2 days
		if same || account == p.actor {
			return short, true
		}
		return long, true
	}
	return time.Time{}, false
}

// visibleTo reports whether c sees p: c is the owner of one side, in that
// side's Region, within its window.
func (p *mPCX) visibleTo(c vpcmodel.Caller, now time.Time) bool {
	if c != p.req.owner && c != p.acc.owner {
		return false
	}
	end, ok := p.windowEnd(c.Account)
	return ok && (end.IsZero() || now.Before(end))
}

// has reports whether VPC r is a side of p.
func (p *mPCX) has(r mRef) bool { return p.req.mRef == r || p.acc.mRef == r }

// side returns p's record of VPC r.
func (p *mPCX) side(r mRef) *mSide {
	if p.req.mRef == r {
		return &p.req
	}
	return &p.acc
}

// other returns the side of p that is not r.
func (p *mPCX) other(r mRef) mRef {
	if p.req.mRef == r {
		return p.acc.mRef
	}
	return p.req.mRef
}

// mDeletable is what the VPN resources share: who owns them and when they
// were deleted. A deleted resource stays listed for mVPNRetention.
type mDeletable struct {
	id        string
	owner     vpcmodel.Caller
	deleted   bool
	deletedAt time.Time
}

func (d *mDeletable) listed(now time.Time) bool {
	return !d.deleted || now.Before(d.deletedAt.Add(mVPNRetention))
}

func (d *mDeletable) state() string {
	if d.deleted {
		return "deleted"
	}
	return "available"
}

type mCGW struct {
	mDeletable
	ip string
}

type mVGW struct {
	mDeletable
	vpc      string // the VPC of the last attachment, "" if never attached
	attached bool   // attached to vpc (else detached from it)
}

type mVPN struct {
	mDeletable
	cgw, vgw string
	routes   []netip.Prefix // static routes, sorted
}

func overlapsAny(a, b []netip.Prefix) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Overlaps(y) {
				return true
			}
		}
	}
	return false
}

// within reports whether p is equal to or more specific than one of blocks.
func within(p netip.Prefix, blocks []netip.Prefix) bool {
	for _, b := range blocks {
		if b.Bits() <= p.Bits() && b.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

func removePrefix(ps []netip.Prefix, p netip.Prefix) []netip.Prefix {
	return slices.DeleteFunc(slices.Clone(ps), func(q netip.Prefix) bool { return q == p })
}
