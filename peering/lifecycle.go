package peering

import (
	"errors"
	"net/netip"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
)

// Settle returns c as EC2 shows it at now, after the steps EC2 takes by
// itself:
//
//   - initiating-request becomes failed when the VPCs' IPv4 blocks (primary
//     or secondary) or IPv6 blocks overlap or the peer VPC did not exist, and
//     pending-acceptance otherwise;
//   - provisioning becomes active; deleting becomes deleted;
//   - pending-acceptance becomes expired at and after [Connection.ExpiresAt]
//     (the instant itself included), dated at ExpiresAt.
//
// Those steps complete at any now not before [Connection.ChangedAt]; a now
// before it changes nothing, so time never moves a status backwards.
// Terminal statuses never change. Settle on the zero Connection returns it.
func (c Connection) Settle(now time.Time) Connection {
	if !c.IsValid() || now.Before(c.changedAt) {
		return c
	}
	switch c.code {
	case status.InitiatingRequest:
		if c.peerMissing || c.overlaps() {
			c.code = status.Failed
			return c
		}
		c.code = status.PendingAcceptance
	case status.Provisioning:
		c.code = status.Active
	case status.Deleting:
		c.code = status.Deleted
	}
	if c.code == status.PendingAcceptance && !now.Before(c.ExpiresAt()) {
		c.code = status.Expired
		c.changedAt = c.ExpiresAt()
	}
	return c
}

func (c Connection) overlaps() bool {
	_, _, v4 := cidr.OverlapsAny(c.req.ipv4, c.acc.ipv4)
	_, _, v6 := cidr.OverlapsAny(c.req.ipv6, c.acc.ipv6)
	return v4 || v6
}

// begin settles c for an action at now and returns the instant the action
// is dated at: now, or ChangedAt when now is earlier (time never runs back).
func (c Connection) begin(op string, now time.Time) (Connection, time.Time, error) {
	if !c.IsValid() {
		return c, now, &Error{Op: op, Code: ec2.InvalidParameterValue,
			Message: "The connection is not valid.", Err: ErrInvalid}
	}
	now = norm(now)
	if now.Before(c.changedAt) {
		now = c.changedAt
	}
	return c.Settle(now), now, nil
}

// Accept accepts a pending request on behalf of p at now: the result is in
// provisioning, and [Connection.Settle] makes it active. Only the accepter
// VPC's owner may accept, and only in the accepter's Region; EC2: "You
// cannot accept a VPC peering connection request that you've sent to
// another AWS account." In a same-account peering the one account both
// requests and accepts.
//
// c is settled at now first, so a request is expired (and cannot be
// accepted) at and after ExpiresAt. Accepting twice is refused: the second
// accept finds the connection provisioning or active. Checks, in order:
// account, Region, status. Errors (*Error):
//
//	another account            OperationNotPermitted  User (<acct>) cannot accept peering <pcx>                 ErrWrongAccount
//	another Region             OperationNotPermitted  Incorrect region (<r>) specified for this request. ...     ErrWrongRegion
//	not pending-acceptance     InvalidStateTransition VpcPeeringConnectionID <pcx> is not in the correct state... ErrState
func (c Connection) Accept(p Party, now time.Time) (Connection, error) {
	const op = "accept"
	c, now, err := c.begin(op, now)
	if err != nil {
		return Connection{}, err
	}
	if err := c.answerCheck(op, p); err != nil {
		return Connection{}, err
	}
	c.code, c.changedAt, c.accepted = status.Provisioning, now, true
	return c, nil
}

// Reject rejects a pending request on behalf of p at now: the result is
// rejected, "Rejected by <accepter account>". The rules and errors are those
// of [Connection.Accept], with "reject" in the messages. A rejected
// connection cannot be deleted; EC2 removes it itself.
func (c Connection) Reject(p Party, now time.Time) (Connection, error) {
	const op = "reject"
	c, now, err := c.begin(op, now)
	if err != nil {
		return Connection{}, err
	}
	if err := c.answerCheck(op, p); err != nil {
		return Connection{}, err
	}
	c.code, c.changedAt, c.actor = status.Rejected, now, p.Account
	return c, nil
}

func (c Connection) answerCheck(op string, p Party) error {
	if p.Account != c.acc.owner {
		return c.refuse(op, ec2.OperationNotPermitted,
			"User ("+p.Account+") cannot "+op+" peering "+c.id, ErrWrongAccount)
	}
	if p.Region != c.acc.region {
		verb := "accepted"
		if op == "reject" {
			verb = "accepted or rejected"
		}
		return c.refuse(op, ec2.OperationNotPermitted,
			"Incorrect region ("+p.Region+") specified for this request. VPC peering connection "+c.id+
				" must be "+verb+" in region "+c.acc.region, ErrWrongRegion)
	}
	if c.code != status.PendingAcceptance {
		return c.refuse(op, ec2.InvalidStateTransition,
			"VpcPeeringConnectionID "+c.id+" is not in the correct state for the request.", ErrState)
	}
	return nil
}

// Delete deletes c on behalf of p at now. The requester owner may delete a
// pending request; either owner may delete an active connection, each in
// the Region of its own VPC. Deleting twice is refused (the connection is
// already deleting or deleted). An inter-Region connection passes through
// deleting (decision H.1; [Connection.Settle] completes it); a same-Region
// one goes straight to deleted. The result says "Deleted by <p.Account>".
//
// Checks, in order: account and Region, then status. Errors (*Error):
//
//	not an owner                       OperationNotPermitted  User (<acct>) cannot delete peering <pcx>           ErrWrongAccount
//	owner in the wrong Region          OperationNotPermitted  Incorrect region (<r>) specified for this request... ErrWrongRegion
//	accepter owner, pending request    OperationNotPermitted  User (<acct>) cannot delete peering <pcx>           ErrWrongAccount
//	failed, rejected, expired, deleted,
//	or still provisioning or deleting  InvalidStateTransition Invalid state transition for <pcx>, attempted to transition from <status> to deleting  ErrState
func (c Connection) Delete(p Party, now time.Time) (Connection, error) {
	const op = "delete"
	c, now, err := c.begin(op, now)
	if err != nil {
		return Connection{}, err
	}
	isReq, isAcc, err := c.partyCheck(op, p)
	if err != nil {
		return Connection{}, err
	}
	switch c.code {
	case status.PendingAcceptance, status.InitiatingRequest:
		if !isReq {
			return Connection{}, c.refuse(op, ec2.OperationNotPermitted,
				"User ("+p.Account+") cannot delete peering "+c.id, ErrWrongAccount)
		}
	case status.Active:
		_ = isAcc // either owner
	default:
		return Connection{}, c.refuse(op, ec2.InvalidStateTransition,
			"Invalid state transition for "+c.id+", attempted to transition from "+string(c.code)+" to deleting", ErrState)
	}
	return c.deleteBy(p.Account, now), nil
}

func (c Connection) deleteBy(account string, now time.Time) Connection {
	c.code, c.changedAt, c.actor = status.Deleted, now, account
	if c.IsInterRegion() {
		c.code = status.Deleting
	}
	return c
}

// partyCheck reports which sides p acts for: an owner of the side, in the
// side's Region.
func (c Connection) partyCheck(op string, p Party) (isReq, isAcc bool, err error) {
	isReq = p.Account == c.req.owner && p.Region == c.req.region
	isAcc = p.Account == c.acc.owner && p.Region == c.acc.region
	if isReq || isAcc {
		return isReq, isAcc, nil
	}
	if p.Account == c.req.owner || p.Account == c.acc.owner {
		want := c.req.region
		if p.Account != c.req.owner {
			want = c.acc.region
		}
		return false, false, c.refuse(op, ec2.OperationNotPermitted,
			"Incorrect region ("+p.Region+") specified for this request. VPC peering connection "+c.id+
				" must be managed in region "+want, ErrWrongRegion)
	}
	return false, false, c.refuse(op, ec2.OperationNotPermitted,
		"User ("+p.Account+") cannot "+op+" peering "+c.id, ErrWrongAccount)
}

// OptionsChange is the input of [Connection.ModifyOptions]
// (ModifyVpcPeeringConnectionOptions): the options to set on each side and
// whether to set them. A side that is set has all three of its options
// replaced. The zero value is ready to use: it changes nothing.
type OptionsChange struct {
	Requester    Options // RequesterPeeringConnectionOptions
	SetRequester bool
	Accepter     Options // AccepterPeeringConnectionOptions
	SetAccepter  bool

	// RequesterNamesClassicLink says that the request's
	// RequesterPeeringConnectionOptions named
	// AllowEgressFromLocalClassicLinkToRemoteVpc or
	// AllowEgressFromLocalVpcToRemoteClassicLink, whatever the value, even
	// false. A bool in Requester cannot tell a field left out from a field
	// given as false, and EC2 refuses both ClassicLink fields on an
	// inter-Region connection whenever they are present
	// (terraform-provider-aws issue 6730). It counts only when SetRequester
	// is true; false (the zero value) keeps the refusal to the options that
	// are true.
	RequesterNamesClassicLink bool
	// AccepterNamesClassicLink is [OptionsChange.RequesterNamesClassicLink]
	// for AccepterPeeringConnectionOptions; it counts only when SetAccepter
	// is true.
	AccepterNamesClassicLink bool
}

// namesClassicLink reports whether the change names a ClassicLink option on
// a side it sets: given as true, or named at all.
func (ch OptionsChange) namesClassicLink() bool {
	return ch.SetRequester && (ch.RequesterNamesClassicLink || ch.Requester.usesClassicLink()) ||
		ch.SetAccepter && (ch.AccepterNamesClassicLink || ch.Accepter.usesClassicLink())
}

// ModifyOptions sets peering options on behalf of p at now. Options can be
// changed only on an active connection; each owner sets its own side, in its
// own VPC's Region; one account owning both sides in one Region may set
// both at once. The two ClassicLink options cannot be named on an
// inter-Region connection: a side set with either of them true, or whose
// request named them at all ([OptionsChange.RequesterNamesClassicLink],
// [OptionsChange.AccepterNamesClassicLink]), is refused, since EC2 refuses
// the fields whenever they are present, even as false
// (terraform-provider-aws issue 6730). An OptionsChange that sets no side,
// or sets options to the values they have, succeeds and changes nothing.
//
// Checks, in order: p owns a side, status, each side set, ClassicLink.
// Errors (*Error):
//
//	not an owner                    OperationNotPermitted  User (<acct>) cannot modify-options peering <pcx>   ErrWrongAccount
//	not active                      OperationNotPermitted  Peering <pcx> is not active. Peering options can be added only to active peerings.  ErrNotActive
//	a side p does not own           OperationNotPermitted  User (<acct>) cannot modify the <side> options of peering <pcx>  ErrWrongAccount
//	a side in another Region        OperationNotPermitted  Incorrect region (<r>) specified for this request. ...  ErrWrongRegion
//	ClassicLink named, inter-Region OperationNotPermitted  Modifying VPC peering connection options AllowEgressFromLocalClassicLinkToRemoteVpc, AllowEgressFromLocalVpcToRemoteClassicLink is not supported for cross-region VPC peering connections  ErrClassicLink
func (c Connection) ModifyOptions(p Party, ch OptionsChange, now time.Time) (Connection, error) {
	const op = "modify-options"
	c, _, err := c.begin(op, now)
	if err != nil {
		return Connection{}, err
	}
	if p.Account != c.req.owner && p.Account != c.acc.owner {
		return Connection{}, c.refuse(op, ec2.OperationNotPermitted,
			"User ("+p.Account+") cannot "+op+" peering "+c.id, ErrWrongAccount)
	}
	if c.code != status.Active {
		return Connection{}, c.refuse(op, ec2.OperationNotPermitted,
			"Peering "+c.id+" is not active. Peering options can be added only to active peerings.", ErrNotActive)
	}
	check := func(name string, s side) error {
		if p.Account != s.owner {
			return c.refuse(op, ec2.OperationNotPermitted,
				"User ("+p.Account+") cannot modify the "+name+" options of peering "+c.id, ErrWrongAccount)
		}
		if p.Region != s.region {
			return c.refuse(op, ec2.OperationNotPermitted,
				"Incorrect region ("+p.Region+") specified for this request. The "+name+" options of VPC peering connection "+
					c.id+" must be modified in region "+s.region, ErrWrongRegion)
		}
		return nil
	}
	if ch.SetRequester {
		if err := check("requester", c.req); err != nil {
			return Connection{}, err
		}
	}
	if ch.SetAccepter {
		if err := check("accepter", c.acc); err != nil {
			return Connection{}, err
		}
	}
	if c.IsInterRegion() && ch.namesClassicLink() {
		return Connection{}, c.refuse(op, ec2.OperationNotPermitted,
			"Modifying VPC peering connection options AllowEgressFromLocalClassicLinkToRemoteVpc, "+
				"AllowEgressFromLocalVpcToRemoteClassicLink is not supported for cross-region VPC peering connections", ErrClassicLink)
	}
	if ch.SetRequester {
		c.req.opts = ch.Requester
	}
	if ch.SetAccepter {
		c.acc.opts = ch.Accepter
	}
	return c, nil
}

// AddCIDR applies a CIDR block newly associated with VPC v (AssociateVpcCidrBlock)
// to c at now. When v is not a side of c, c is returned settled and
// unchanged. Otherwise, by status:
//
//	initiating-request, pending-acceptance, v the requester  refused: the requester may not add any block while its request is pending
//	initiating-request, pending-acceptance, v the accepter   an overlapping block fails the request; otherwise the block is recorded
//	provisioning, active                                     an overlapping block is refused; otherwise recorded
//	deleting                                                 recorded
//	terminal                                                 nothing changes
//
// A block v already has (as the connection knows it) changes nothing.
//
// "Overlapping" means overlapping any block of the same family of the other
// VPC. Errors (*Error): a block that is not a valid, masked prefix gives
// InvalidParameterValue (ErrInvalid); the pending requester gives
// OperationNotPermitted (ErrPendingRequest); an overlap on a live
// connection gives InvalidVpc.Range (ErrCIDROverlap).
func (c Connection) AddCIDR(v VPCRef, block netip.Prefix, now time.Time) (Connection, error) {
	const op = "add-cidr"
	c, now, err := c.begin(op, now)
	if err != nil {
		return Connection{}, err
	}
	if !block.IsValid() || block.Masked() != block || block.Addr().Is4In6() {
		return Connection{}, invalid(op, v.ID, "Value ("+block.String()+") for parameter cidrBlock is invalid. This is not a valid CIDR block.")
	}
	isReq, isAcc := v == c.req.ref(), v == c.acc.ref()
	if !isReq && !isAcc || c.code.IsTerminal() {
		return c, nil
	}
	mine, peer := &c.req, &c.acc
	if isAcc {
		mine, peer = &c.acc, &c.req
	}
	if slices.Contains(mine.ipv4, block) || slices.Contains(mine.ipv6, block) {
		return c, nil // already recorded: associating twice changes nothing
	}
	peerBlocks := peer.ipv4
	if block.Addr().Is6() {
		peerBlocks = peer.ipv6
	}
	_, _, overlap := cidr.OverlapsAny([]netip.Prefix{block}, peerBlocks)
	switch c.code {
	case status.InitiatingRequest, status.PendingAcceptance:
		if isReq {
			return Connection{}, c.refuse(op, ec2.OperationNotPermitted,
				"The CIDR block "+block.String()+" cannot be associated with "+v.ID+
					" while its VPC peering connection request "+c.id+" is pending acceptance.", ErrPendingRequest)
		}
		if overlap {
			c.code, c.changedAt = status.Failed, now
			return c, nil
		}
	case status.Provisioning, status.Active:
		if overlap {
			return Connection{}, c.refuse(op, ec2.InvalidVPCRange,
				"The CIDR '"+block.String()+"' overlaps a CIDR block of the VPC peered through "+c.id+".", ErrCIDROverlap)
		}
	}
	if block.Addr().Is4() {
		mine.ipv4 = appendNew(mine.ipv4, block)
	} else {
		mine.ipv6 = appendNew(mine.ipv6, block)
	}
	return c, nil
}

// RemoveCIDR applies the disassociation of block from VPC v
// (DisassociateVpcCidrBlock) to c at now: when v is a side of a connection
// that is not terminal, the block is no longer counted as v's. Removing a
// block never fails a request and is never refused here; a block v does
// not have changes nothing. Errors (*Error): a block that is not a valid,
// masked prefix gives InvalidParameterValue ([ErrInvalid]).
func (c Connection) RemoveCIDR(v VPCRef, block netip.Prefix, now time.Time) (Connection, error) {
	const op = "remove-cidr"
	c, _, err := c.begin(op, now)
	if err != nil {
		return Connection{}, err
	}
	if !block.IsValid() || block.Masked() != block || block.Addr().Is4In6() {
		return Connection{}, invalid(op, v.ID, "Value ("+block.String()+") for parameter cidrBlock is invalid. This is not a valid CIDR block.")
	}
	if c.code.IsTerminal() {
		return c, nil
	}
	for _, s := range []*side{&c.req, &c.acc} {
		if s.ref() == v {
			s.ipv4 = withoutBlock(s.ipv4, block)
			s.ipv6 = withoutBlock(s.ipv6, block)
		}
	}
	return c, nil
}

// withoutBlock returns s without p, as a new slice when p was there.
func withoutBlock(s []netip.Prefix, p netip.Prefix) []netip.Prefix {
	if !slices.Contains(s, p) {
		return s
	}
	out := make([]netip.Prefix, 0, len(s)-1)
	for _, q := range s {
		if q != p {
			out = append(out, q)
		}
	}
	if len(out) == 0 {
		return nil // no block left: nil, as ownBlocks keeps it
	}
	return out
}

// appendNew returns a new slice: s then p. It never writes into s's array,
// which other Connection values may share.
func appendNew(s []netip.Prefix, p netip.Prefix) []netip.Prefix {
	out := make([]netip.Prefix, len(s), len(s)+1)
	copy(out, s)
	return append(out, p)
}

// DeleteVPC applies the deletion of VPC v (DeleteVpc) to c at now. When v is
// not a side of c, or c is terminal or already deleting, c is returned
// settled and unchanged. Otherwise, by status (c settled at now first):
//
//	pending request, v the requester's VPC            deleted, "Deleted by <v's owner>" (deleting first when inter-Region, decision H.1)
//	pending request, v the accepter's, same account    deleted, as above
//	pending request, v the accepter's, other account   refused: DependencyViolation (ErrPendingDependency)
//	provisioning or active, either VPC                 refused: DependencyViolation (ErrActiveDependency)
//
// EC2: "You cannot delete a VPC that has a pending-acceptance request from a
// VPC in another account." An active connection also stops DeleteVpc: the
// guide's "deleting a VPC in the Amazon VPC console that's part of an
// active VPC peering connection also deletes the VPC peering connection"
// describes the console, which deletes the connection before the VPC,
// while the API answers DependencyViolation (see "Decisions" in the package
// documentation). Both refusals have the message "The vpc '<vpc>' has
// dependencies and cannot be deleted.".
func (c Connection) DeleteVPC(v VPCRef, now time.Time) (Connection, error) {
	const op = "delete-vpc"
	c, now, err := c.begin(op, now)
	if err != nil {
		return Connection{}, err
	}
	isReq, isAcc := v == c.req.ref(), v == c.acc.ref()
	if !isReq && !isAcc {
		return c, nil
	}
	dependency := func(cause error) *Error {
		return &Error{Op: op, ID: v.ID, Status: c.code, Code: ec2.DependencyViolation,
			Message: "The vpc '" + v.ID + "' has dependencies and cannot be deleted.", Err: cause}
	}
	switch c.code {
	case status.InitiatingRequest, status.PendingAcceptance:
		if isAcc && c.IsCrossAccount() {
			return Connection{}, dependency(ErrPendingDependency)
		}
		return c.deleteBy(v.OwnerID, now), nil
	case status.Provisioning, status.Active:
		return Connection{}, dependency(ErrActiveDependency)
	}
	return c, nil
}

func (c Connection) refuse(op, code, msg string, cause error) *Error {
	return &Error{Op: op, ID: c.id, Status: c.code, Code: code, Message: msg, Err: cause}
}

func invalid(op, id, msg string) *Error {
	return &Error{Op: op, ID: id, Code: ec2.InvalidParameterValue, Message: msg, Err: ErrInvalid}
}

func malformedPCX(op, id string) *Error {
	return &Error{Op: op, ID: id, Code: ec2.PeeringIDMalformed,
		Message: "Invalid id: \"" + id + "\" (expecting \"pcx-...\")", Err: ErrMalformedID}
}

func vpcNotFound(op, id string) *Error {
	e := ec2.VPC.NotFoundError(id, ErrVPCNotFound)
	return &Error{Op: op, ID: id, Code: e.Code, Message: e.Message, Err: ErrVPCNotFound}
}

func pcxNotFound(op, id string) *Error {
	e := ec2.PeeringConnection.NotFoundError(id, ErrNotFound)
	return &Error{Op: op, ID: id, Code: e.Code, Message: e.Message, Err: ErrNotFound}
}

// wrapEC2 turns an internal syntax error into this package's *Error,
// keeping its code and message.
func wrapEC2(op, id string, err error) *Error {
	var e *ec2.Error
	if !errors.As(err, &e) {
		return &Error{Op: op, ID: id, Code: ec2.InvalidParameterValue, Message: err.Error(), Err: err}
	}
	cause := ErrInvalid
	if errors.Is(e.Err, ec2.ErrMalformedID) {
		cause = ErrMalformedID
	}
	return &Error{Op: op, ID: id, Code: e.Code, Message: e.Message, Err: &causeErr{cause, e}}
}

// causeErr lets errors.Is match both this package's sentinel and the
// internal cause.
type causeErr struct {
	sentinel error
	inner    error
}

func (c *causeErr) Error() string   { return c.sentinel.Error() }
func (c *causeErr) Unwrap() []error { return []error{c.sentinel, c.inner} }
