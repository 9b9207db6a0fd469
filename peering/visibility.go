package peering

import (
	"time"

	"github.com/vpclab/vpcmodel/status"
)

// Visibility windows of connections that reached a terminal status, from
// the VPC Peering Guide's lifecycle table.
const (
	// ShortVisibility is how long a failed request stays visible to the
	// requester, a rejected one to the accepter, a deleted one to the party
	// that deleted it, and a rejected or deleted same-account one to its
	// owner: "visible … for 2 hours".
	ShortVisibility = 2 * time.Hour
	// LongVisibility is how long an expired request stays visible to both
	// owners, a rejected one to the requester and a deleted one to the party
	// that did not delete it: "visible … for 2 days".
	LongVisibility = 2 * 24 * time.Hour
)

// VisibleTo reports whether account sees c at now in
// DescribeVpcPeeringConnections. Only the two owners ever see it; c is
// settled at now first. Windows run from [Connection.ChangedAt]:
//
//	initiating-request                       requester owner
//	pending-acceptance, provisioning,
//	active, deleting                         both owners
//	failed                                   requester owner, 2 hours
//	expired                                  both owners, 2 days
//	rejected                                 requester owner 2 days, accepter owner 2 hours
//	deleted                                  the deleting owner 2 hours, the other 2 days
//	rejected or deleted, same account        2 hours
//
// A window includes its start and excludes its end: a connection that
// failed at t is visible at t+2h−1ns and not at t+2h.
func (c Connection) VisibleTo(account string, now time.Time) bool {
	c = c.Settle(now)
	end, ok := c.visibleUntil(account)
	return ok && (end.IsZero() || now.Before(end))
}

// visibleUntil returns the end of account's window on c as c stands (not
// settled): ok false when account never sees c, a zero end when the window
// is open.
func (c Connection) visibleUntil(account string) (end time.Time, ok bool) {
	isReq, isAcc := account == c.req.owner, account == c.acc.owner
	if !c.IsValid() || !isReq && !isAcc {
		return time.Time{}, false
	}
	short, long := c.changedAt.Add(ShortVisibility), c.changedAt.Add(LongVisibility)
	switch c.code {
	case status.InitiatingRequest:
		return time.Time{}, isReq
	case status.PendingAcceptance, status.Provisioning, status.Active, status.Deleting:
		return time.Time{}, true
	case status.Failed:
		return short, isReq
	case status.Expired:
		return long, true
	case status.Rejected:
		if isReq && !isAcc {
			return long, true
		}
		return short, true
	case status.Deleted:
		if isReq && isAcc || account == c.actor {
			return short, true
		}
		return long, true
	default:
		return time.Time{}, false
	}
}

// hiddenFromAllAt returns the instant from which neither owner sees c, or
// ok false while some owner may still see it indefinitely.
func (c Connection) hiddenFromAllAt() (time.Time, bool) {
	if !c.code.IsTerminal() {
		return time.Time{}, false
	}
	var last time.Time
	for _, a := range [2]string{c.req.owner, c.acc.owner} {
		if end, ok := c.visibleUntil(a); ok && end.After(last) {
			last = end
		}
	}
	return last, true
}
