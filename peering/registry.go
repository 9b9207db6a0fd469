package peering

import (
	"container/heap"
	"errors"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// Quota defaults and bounds, from the VPC Peering Guide's quotas page and
// decision H.3.
const (
	// DefaultOutstandingRequests is the default number of unanswered requests
	// (initiating-request or pending-acceptance) one account may have made.
	DefaultOutstandingRequests = 25
	// DefaultActivePerVPC is the default number of active connections per VPC.
	DefaultActivePerVPC = 50
	// MaxActivePerVPC is the highest the active-per-VPC quota can be raised to.
	MaxActivePerVPC = 125
)

// Quotas are a Registry's limits. The zero value is ready to use and means
// EC2's defaults: 25 outstanding requests per account, 50 active
// connections per VPC.
type Quotas struct {
	// OutstandingRequests caps the requests in initiating-request or
	// pending-acceptance that one account has made; creating one more gives
	// OutstandingVpcPeeringConnectionLimitExceeded. 0 means
	// [DefaultOutstandingRequests].
	OutstandingRequests int
	// ActivePerVPC caps the provisioning or active connections of one VPC;
	// an accept that would exceed it on either VPC gives
	// ActiveVpcPeeringConnectionPerVpcLimitExceeded. 0 means
	// [DefaultActivePerVPC]; at most [MaxActivePerVPC].
	ActivePerVPC int
}

// VPCResolver answers the one question the Registry asks its embedder:
// which VPC, with which CIDR blocks, is VPC ref.ID of account ref.OwnerID
// in Region ref.Region. ok is false when there is no such VPC. The Registry
// calls it without holding its lock, so an implementation may call back
// into the Registry; it must be safe for concurrent use when the Registry is
// used concurrently.
type VPCResolver interface {
	ResolveVPC(ref VPCRef) (v VPC, ok bool)
}

// VPCResolverFunc adapts a function to [VPCResolver]. The zero (nil)
// VPCResolverFunc is not valid; [NewRegistry] refuses it.
type VPCResolverFunc func(ref VPCRef) (VPC, bool)

// ResolveVPC calls f(ref).
func (f VPCResolverFunc) ResolveVPC(ref VPCRef) (VPC, bool) { return f(ref) }

// Registry is the authority for every peering connection of one partition:
// it holds the connections, enforces what one connection cannot (one live
// connection per pair of VPCs, decision H.4; the quotas, H.3), keeps each
// account's tags, and answers every read as the calling account and Region
// may see it (the visibility windows of [Connection.VisibleTo]).
//
// Time is the caller's: every method takes now. Steps EC2 takes by itself
// (initiating-request to pending-acceptance or failed, provisioning to
// active, deleting to deleted, expiry) happen lazily, at the start of the
// next call; a now earlier than one the Registry has already seen counts as
// that later instant, so time never runs backwards. Connections that
// neither owner can see any more are dropped, so memory is bounded by what
// is visible.
//
// A Registry is safe for concurrent use. It does no I/O. Use [NewRegistry];
// the zero Registry is not valid.
type Registry struct {
	mu     sync.Mutex
	random io.Reader
	vpcs   VPCResolver
	quotas Quotas
	clock  time.Time

	byID        map[idKey]*entry
	byVPC       map[string]map[string]*entry // VPC ID -> connections with it on either side
	byOwner     map[string]map[string]*entry // account -> connections it owns a side of
	byStatus    map[string]map[string]*entry // status code -> connections in it
	byTag       map[string]map[string]*entry // tag key "\x00" value -> connections either party tagged so
	live        map[pairKey]*entry
	outstanding map[string]int // requester account -> pending requests
	active      map[VPCRef]int // VPC -> provisioning or active connections
	transient   []*entry
	strs        map[string]*interned // accounts and Regions, one copy each, counted
	expiry      timeHeap             // pending-acceptance, by ExpiresAt
	drops       timeHeap             // terminal, by the end of the last visibility window
}

type entry struct {
	c       Connection
	tags    [2]tag.Set // [0] the requester's party, [1] the accepter's (unused when the same)
	expIdx  int        // index in Registry.expiry, or -1
	dropIdx int        // index in Registry.drops, or -1
	dropAt  time.Time
}

type pairKey struct{ a, b VPCRef }

// idKey holds a pcx- ID inline (at most "pcx-" and 17 digits), so a lookup
// by ID touches no string data.
type idKey [24]byte

func keyOf(id string) (k idKey) {
	copy(k[:], id)
	return k
}

func pairOf(c Connection) pairKey {
	a, b := c.req.ref(), c.acc.ref()
	if less(b, a) {
		a, b = b, a
	}
	return pairKey{a, b}
}

func less(x, y VPCRef) bool {
	if x.OwnerID != y.OwnerID {
		return x.OwnerID < y.OwnerID
	}
	if x.Region != y.Region {
		return x.Region < y.Region
	}
	return x.ID < y.ID
}

// NewRegistry returns an empty Registry that makes pcx- IDs from random
// (9 bytes per ID, read with io.ReadFull; production callers pass
// crypto/rand.Reader, tests a seeded math/rand/v2 ChaCha8), learns about
// VPCs from vpcs, and enforces q. The Registry reads random only while
// holding its lock, so random need not be safe for concurrent use.
//
// Errors (*Error, InvalidParameterValue, [ErrInvalid]): random or vpcs nil,
// a negative quota, or ActivePerVPC above [MaxActivePerVPC].
func NewRegistry(random io.Reader, vpcs VPCResolver, q Quotas) (*Registry, error) {
	const op = "new-registry"
	switch {
	case random == nil:
		return nil, invalid(op, "", "A random source is required.")
	case vpcs == nil, isNilFunc(vpcs):
		return nil, invalid(op, "", "A VPC resolver is required.")
	case q.OutstandingRequests < 0 || q.ActivePerVPC < 0 || q.ActivePerVPC > MaxActivePerVPC:
		return nil, invalid(op, "", "Quotas must be between 0 and their maximum; active per VPC at most "+strconv.Itoa(MaxActivePerVPC)+".")
	}
	if q.OutstandingRequests == 0 {
		q.OutstandingRequests = DefaultOutstandingRequests
	}
	if q.ActivePerVPC == 0 {
		q.ActivePerVPC = DefaultActivePerVPC
	}
	r := &Registry{random: random, vpcs: vpcs, quotas: q}
	r.reset()
	return r, nil
}

// reset gives r empty indexes. It leaves the clock, random source, resolver
// and quotas alone.
func (r *Registry) reset() {
	r.byID = map[idKey]*entry{}
	r.byVPC = map[string]map[string]*entry{}
	r.byOwner = map[string]map[string]*entry{}
	r.byStatus = map[string]map[string]*entry{}
	r.byTag = map[string]map[string]*entry{}
	r.live = map[pairKey]*entry{}
	r.outstanding = map[string]int{}
	r.active = map[VPCRef]int{}
	r.transient = nil
	r.strs = map[string]*interned{}
	r.expiry = timeHeap{at: func(e *entry) time.Time { return e.c.ExpiresAt() }, idx: func(e *entry) *int { return &e.expIdx }}
	r.drops = timeHeap{at: func(e *entry) time.Time { return e.dropAt }, idx: func(e *entry) *int { return &e.dropIdx }}
}

// Quotas returns the Registry's quotas, defaults filled in.
func (r *Registry) Quotas() Quotas { return r.quotas }

// Len returns how many connections the Registry holds: every connection
// some owner can still see, and none other (as of the latest now it has
// been given).
func (r *Registry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.byID)
}

// IsDue reports whether a call at now would change the Registry by itself,
// before its action: a step EC2 takes on its own is due (a request reaching
// pending-acceptance or failed, an accepted connection becoming active, a
// deletion completing, a request expiring), or a connection's last
// visibility window has closed. An embedder that logs the calls which
// change state uses it to tell a read that settles something from one that
// changes nothing.
func (r *Registry) IsDue(now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = norm(now)
	if now.Before(r.clock) {
		now = r.clock
	}
	return len(r.transient) > 0 ||
		r.expiry.Len() > 0 && !now.Before(r.expiry.at(r.expiry.items[0])) ||
		r.drops.Len() > 0 && !now.Before(r.drops.items[0].dropAt)
}

// CreateInput is the input of [Registry.Create], named after
// CreateVpcPeeringConnection's parameters. The zero CreateInput is not
// valid; VPCID and PeerVPCID are required.
type CreateInput struct {
	VPCID       string    // VpcId: the caller's VPC, in the caller's Region (required)
	PeerVPCID   string    // PeerVpcId (required)
	PeerOwnerID string    // PeerOwnerId; "" means the caller's account
	PeerRegion  string    // PeerRegion; "" means the caller's Region
	Tags        []tag.Tag // TagSpecification: the requester's tags on the new connection
}

// Create makes a peering request from caller's VPC in.VPCID at now and
// returns it as the caller sees it: initiating-request, which becomes
// pending-acceptance or failed on the next call (see [Connection.Settle]).
// The new ID comes from the Registry's random source.
//
// Errors (*Error), in order of checks: a malformed account or Region
// (InvalidParameterValue); VpcId or PeerVpcId missing (MissingParameter);
// a malformed VPC ID (InvalidVpcID.Malformed); bad tags (the tag package's
// code, [ErrTags]); the caller's VPC unknown (InvalidVpcID.NotFound); the
// rules of [Create] (a VPC with itself: InvalidParameterValue; a missing
// peer in the same account and Region: InvalidVpcID.NotFound); a live
// connection between the two VPCs already (VpcPeeringConnectionAlreadyExists,
// [ErrAlreadyExists]); the caller's outstanding requests at the quota
// (OutstandingVpcPeeringConnectionLimitExceeded, [ErrOutstandingLimit]); the
// random source failing (InternalError, [ErrRandom]).
func (r *Registry) Create(caller Party, in CreateInput, now time.Time) (View, error) {
	const op = "create"
	if err := checkParty(op, caller); err != nil {
		return View{}, err
	}
	if in.PeerOwnerID == "" {
		in.PeerOwnerID = caller.Account
	}
	if in.PeerRegion == "" {
		in.PeerRegion = caller.Region
	}
	for _, p := range [][2]string{{"VpcId", in.VPCID}, {"PeerVpcId", in.PeerVPCID}} {
		if p[1] == "" {
			return View{}, &Error{Op: op, Code: ec2.MissingParameter,
				Message: "The request must contain the parameter " + p[0], Err: ErrInvalid}
		}
		if err := ec2.VPC.ParseID(p[1]); err != nil {
			return View{}, wrapEC2(op, p[1], err)
		}
	}
	if err := checkParty(op, Party{in.PeerOwnerID, in.PeerRegion}); err != nil {
		return View{}, err
	}
	tags, err := tag.NewSet(in.Tags...)
	if err != nil {
		return View{}, tagErr(op, "", err)
	}
	reqRef := VPCRef{OwnerID: caller.Account, Region: caller.Region, ID: in.VPCID}
	reqVPC, ok := r.vpcs.ResolveVPC(reqRef)
	if !ok {
		return View{}, vpcNotFound(op, in.VPCID)
	}
	reqVPC.OwnerID, reqVPC.Region, reqVPC.ID = reqRef.OwnerID, reqRef.Region, reqRef.ID
	accRef := VPCRef{OwnerID: in.PeerOwnerID, Region: in.PeerRegion, ID: in.PeerVPCID}
	accVPC, found := r.vpcs.ResolveVPC(accRef)
	accVPC.OwnerID, accVPC.Region, accVPC.ID = accRef.OwnerID, accRef.Region, accRef.ID
	req := Request{Requester: reqVPC, Accepter: accVPC, PeerMissing: !found}

	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	// Validate with a placeholder ID so that no random bytes are spent on a
	// refused request.
	c0, err := Create("pcx-00000000", req, now)
	if err != nil {
		return View{}, err
	}
	if e, ok := r.live[pairOf(c0)]; ok {
		return View{}, &Error{Op: op, ID: e.c.id, Status: e.c.code, Code: ec2.PeeringAlreadyExists,
			Message: "A VPC peering connection between the VPCs already exists.", Err: ErrAlreadyExists}
	}
	if n := r.outstanding[caller.Account]; n >= r.quotas.OutstandingRequests {
		return View{}, &Error{Op: op, ID: in.VPCID, Code: ec2.OutstandingPeeringLimitExceeded,
			Message: "You have reached the limit of " + strconv.Itoa(r.quotas.OutstandingRequests) +
				" outstanding VPC peering connection requests.", Err: ErrOutstandingLimit}
	}
	var id string
	for range 16 {
		id, err = ec2.PeeringConnection.NewID(r.random)
		if err != nil {
			return View{}, &Error{Op: op, Code: ec2.InternalError,
				Message: "An internal error has occurred.", Err: &causeErr{ErrRandom, err}}
		}
		if _, taken := r.byID[keyOf(id)]; !taken {
			break
		}
		id = ""
	}
	if id == "" {
		return View{}, &Error{Op: op, Code: ec2.InternalError,
			Message: "An internal error has occurred.", Err: ErrRandom}
	}
	c0.id = id
	// Share one copy of each account and Region string among connections.
	c0.req.owner, c0.req.region = r.intern(c0.req.owner), r.intern(c0.req.region)
	c0.acc.owner, c0.acc.region = r.intern(c0.acc.owner), r.intern(c0.acc.region)
	e := &entry{c: c0, expIdx: -1, dropIdx: -1}
	e.tags[0] = tags
	r.insert(e)
	return ViewFrom(e.c, tags), nil
}

// Accept accepts request id as caller at now and returns it as caller sees
// it: provisioning, active from the next call. Errors (*Error): a malformed
// id (InvalidVpcPeeringConnectionId.Malformed); an id caller cannot see
// (InvalidVpcPeeringConnectionID.NotFound, [ErrNotFound]); the refusals of
// [Connection.Accept]; either VPC at its active-connection quota
// (ActiveVpcPeeringConnectionPerVpcLimitExceeded, [ErrActiveLimit]).
func (r *Registry) Accept(caller Party, id string, now time.Time) (View, error) {
	const op = "accept"
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	e, err := r.find(op, caller, id, now)
	if err != nil {
		return View{}, err
	}
	next, err := e.c.Accept(caller, now)
	if err != nil {
		return View{}, err
	}
	for _, v := range [2]VPCRef{next.req.ref(), next.acc.ref()} {
		if r.active[v] >= r.quotas.ActivePerVPC {
			return View{}, e.c.refuse(op, ec2.ActivePeeringPerVPCLimitExceeded,
				"The maximum number of active VPC peering connections ("+strconv.Itoa(r.quotas.ActivePerVPC)+
					") has been reached for "+v.ID+".", ErrActiveLimit)
		}
	}
	r.update(e, next)
	return r.view(e, caller), nil
}

// Reject rejects request id as caller at now and returns it as caller sees
// it. Errors: as [Registry.Accept] for the ID, then the refusals of
// [Connection.Reject].
func (r *Registry) Reject(caller Party, id string, now time.Time) (View, error) {
	return r.act("reject", caller, id, now, func(c Connection, now time.Time) (Connection, error) {
		return c.Reject(caller, now)
	})
}

// Delete deletes connection id as caller at now and returns it as caller
// sees it (deleted, or deleting when inter-Region). Errors: as
// [Registry.Accept] for the ID, then the refusals of [Connection.Delete].
func (r *Registry) Delete(caller Party, id string, now time.Time) (View, error) {
	return r.act("delete", caller, id, now, func(c Connection, now time.Time) (Connection, error) {
		return c.Delete(caller, now)
	})
}

// ModifyOptions changes the peering options of connection id as caller at
// now and returns the connection as caller sees it (both sides' options
// show, since it is active). Errors: as [Registry.Accept] for the ID, then
// the refusals of [Connection.ModifyOptions].
func (r *Registry) ModifyOptions(caller Party, id string, ch OptionsChange, now time.Time) (View, error) {
	return r.act("modify-options", caller, id, now, func(c Connection, now time.Time) (Connection, error) {
		return c.ModifyOptions(caller, ch, now)
	})
}

func (r *Registry) act(op string, caller Party, id string, now time.Time, f func(Connection, time.Time) (Connection, error)) (View, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	e, err := r.find(op, caller, id, now)
	if err != nil {
		return View{}, err
	}
	next, err := f(e.c, now)
	if err != nil {
		return View{}, err
	}
	r.update(e, next)
	return r.view(e, caller), nil
}

// View returns connection id as caller sees it at now. It allocates nothing
// when it finds the connection. Errors (*Error): a malformed id
// (InvalidVpcPeeringConnectionId.Malformed); an id caller cannot see
// (InvalidVpcPeeringConnectionID.NotFound, [ErrNotFound]).
func (r *Registry) View(caller Party, id string, now time.Time) (View, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	e, err := r.find("get", caller, id, now)
	if err != nil {
		return View{}, err
	}
	return r.view(e, caller), nil
}

// Connection returns connection id as the Registry holds it at now, whoever may
// see it, and whether it holds it. It is for the embedder's own rules (a
// route to a connection that is not active is a blackhole), never for
// answering a caller; use [Registry.View] for that.
func (r *Registry) Connection(id string, now time.Time) (Connection, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.advance(now)
	e, ok := r.byID[keyOf(id)]
	if !ok {
		return Connection{}, false
	}
	return e.c, true
}

// CreateTags adds tags (CreateTags) to connection id as caller's own: the
// other owner does not see them. A new value replaces an old one for the
// same key. Errors: as [Registry.View], then the tag package's refusals
// ([ErrTags]).
func (r *Registry) CreateTags(caller Party, id string, tags []tag.Tag, now time.Time) error {
	return r.retag("create-tags", caller, id, now, func(s tag.Set) (tag.Set, error) { return s.With(tags...) })
}

// DeleteTags removes caller's tags on connection id that match one of tags
// in key and value (DeleteTags with Tag.N.Value given). Tags not present
// are ignored. Errors: as [Registry.View].
func (r *Registry) DeleteTags(caller Party, id string, tags []tag.Tag, now time.Time) error {
	return r.retag("delete-tags", caller, id, now, func(s tag.Set) (tag.Set, error) { return s.Without(tags...), nil })
}

// DeleteTagKeys removes caller's tags on connection id with one of keys,
// whatever their values (DeleteTags with Tag.N.Key only). Errors: as
// [Registry.View].
func (r *Registry) DeleteTagKeys(caller Party, id string, keys []string, now time.Time) error {
	return r.retag("delete-tags", caller, id, now, func(s tag.Set) (tag.Set, error) { return s.WithoutKeys(keys...), nil })
}

func (r *Registry) retag(op string, caller Party, id string, now time.Time, f func(tag.Set) (tag.Set, error)) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	e, err := r.find(op, caller, id, now)
	if err != nil {
		return err
	}
	i := e.slot(caller)
	s, err := f(e.tags[i])
	if err != nil {
		return tagErr(op, id, err)
	}
	r.indexTags(e, false)
	e.tags[i] = s
	r.indexTags(e, true)
	return nil
}

// CheckAddVPCCIDR reports whether VPC v may associate block at now as far as
// peering is concerned, without changing anything: nil, or the first
// refusal of [Connection.AddCIDR] among v's connections (in ID order).
func (r *Registry) CheckAddVPCCIDR(v VPCRef, block netip.Prefix, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	_, err := r.vpcEvent(v, now, func(c Connection) (Connection, error) { return c.AddCIDR(v, block, now) })
	return err
}

// AddVPCCIDR records that VPC v associated block at now: as
// [Connection.AddCIDR] on every connection of v, all or nothing. A pending
// request whose accepter VPC gains an overlapping block fails. Errors: the
// first refusal, in ID order; then nothing has changed.
func (r *Registry) AddVPCCIDR(v VPCRef, block netip.Prefix, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	return r.applyVPCEvent(v, now, func(c Connection) (Connection, error) { return c.AddCIDR(v, block, now) })
}

// RemoveVPCCIDR records that VPC v disassociated block at now: as
// [Connection.RemoveCIDR] on every connection of v. Errors: a malformed
// block (InvalidParameterValue); then nothing has changed.
func (r *Registry) RemoveVPCCIDR(v VPCRef, block netip.Prefix, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	return r.applyVPCEvent(v, now, func(c Connection) (Connection, error) { return c.RemoveCIDR(v, block, now) })
}

// CheckDeleteVPC reports whether VPC v may be deleted at now as far as
// peering is concerned, without changing anything: nil, or
// DependencyViolation when v is the accepter of a pending request from
// another account ([ErrPendingDependency]) or a side of an active
// connection ([ErrActiveDependency]); the first refusal of
// [Connection.DeleteVPC] among v's connections, in ID order.
func (r *Registry) CheckDeleteVPC(v VPCRef, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	_, err := r.vpcEvent(v, now, func(c Connection) (Connection, error) { return c.DeleteVPC(v, now) })
	return err
}

// DeleteVPC records that VPC v was deleted at now: as [Connection.DeleteVPC]
// on every connection of v (its pending requests are deleted, unless one
// refuses), all or nothing. Errors: as [Registry.CheckDeleteVPC]; then
// nothing has changed.
func (r *Registry) DeleteVPC(v VPCRef, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	return r.applyVPCEvent(v, now, func(c Connection) (Connection, error) { return c.DeleteVPC(v, now) })
}

type change struct {
	e    *entry
	next Connection
}

func (r *Registry) vpcEvent(v VPCRef, now time.Time, f func(Connection) (Connection, error)) ([]change, error) {
	set := r.byVPC[v.ID]
	ids := make([]string, 0, len(set))
	for id, e := range set {
		if e.c.req.ref() == v || e.c.acc.ref() == v {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	changes := make([]change, 0, len(ids))
	for _, id := range ids {
		e := set[id]
		next, err := f(e.c)
		if err != nil {
			return nil, err
		}
		changes = append(changes, change{e, next})
	}
	return changes, nil
}

func (r *Registry) applyVPCEvent(v VPCRef, now time.Time, f func(Connection) (Connection, error)) error {
	changes, err := r.vpcEvent(v, now, f)
	if err != nil {
		return err
	}
	for _, ch := range changes {
		r.update(ch.e, ch.next)
	}
	return nil
}

// find returns the entry for id if caller sees it at now.
func (r *Registry) find(op string, caller Party, id string, now time.Time) (*entry, error) {
	if !ec2.PeeringConnection.IsID(id) {
		return nil, malformedPCX(op, id)
	}
	e, ok := r.byID[keyOf(id)]
	if !ok || !r.visible(e, caller, now) {
		return nil, pcxNotFound(op, id)
	}
	return e, nil
}

// visible reports whether caller (account and Region) sees e at now.
func (r *Registry) visible(e *entry, p Party, now time.Time) bool {
	c := &e.c
	if !(p.Account == c.req.owner && p.Region == c.req.region) && !(p.Account == c.acc.owner && p.Region == c.acc.region) {
		return false
	}
	end, ok := c.visibleUntil(p.Account)
	return ok && (end.IsZero() || now.Before(end))
}

// slot returns the index of p's tags in e.tags.
func (e *entry) slot(p Party) int {
	if p.Account == e.c.req.owner && p.Region == e.c.req.region {
		return 0
	}
	return 1
}

func (r *Registry) view(e *entry, p Party) View { return View{c: e.c, tags: e.tags[e.slot(p)]} }

// advance moves the Registry's clock to now (never back) and takes every
// step that is due: transient statuses settle, requests expire, invisible
// connections are dropped. It returns the effective now.
func (r *Registry) advance(now time.Time) time.Time {
	now = norm(now)
	if now.Before(r.clock) {
		now = r.clock
	}
	r.clock = now
	if len(r.transient) > 0 {
		ts := r.transient
		r.transient = nil
		for _, e := range ts {
			if e.c.code.IsTransient() && r.byID[keyOf(e.c.id)] == e {
				r.update(e, e.c.Settle(now)) // never transient again
			}
		}
		clear(ts)
		r.transient = append(ts[:0], r.transient...) // reuse the array

	}
	for r.expiry.Len() > 0 && !now.Before(r.expiry.at(r.expiry.items[0])) {
		e := r.expiry.items[0]
		r.update(e, e.c.Settle(now)) // removes e from expiry
		if e.expIdx == 0 {           // impossible unless Settle did not expire it
			heap.Pop(&r.expiry)
		}
	}
	for r.drops.Len() > 0 && !now.Before(r.drops.items[0].dropAt) {
		r.remove(heap.Pop(&r.drops).(*entry))
	}
	return now
}

func (r *Registry) insert(e *entry) {
	id := e.c.id
	r.byID[keyOf(id)] = e
	for _, v := range [2]string{e.c.req.vpc, e.c.acc.vpc} {
		addTo(r.byVPC, v, id, e)
	}
	for _, a := range [2]string{e.c.req.owner, e.c.acc.owner} {
		addTo(r.byOwner, a, id, e)
	}
	r.indexTags(e, true)
	r.index(e)
}

// indexTags adds e's tags, both parties', to the tag index, or removes
// them.
func (r *Registry) indexTags(e *entry, add bool) {
	for _, s := range e.tags {
		for _, t := range s.All() {
			if k := t.Key + "\x00" + t.Value; add {
				addTo(r.byTag, k, e.c.id, e)
			} else {
				removeFrom(r.byTag, k, e.c.id)
			}
		}
	}
}

func (r *Registry) remove(e *entry) {
	r.unindex(e)
	if e.expIdx >= 0 {
		heap.Remove(&r.expiry, e.expIdx)
	}
	if e.dropIdx >= 0 {
		heap.Remove(&r.drops, e.dropIdx)
	}
	id := e.c.id
	for _, s := range [4]string{e.c.req.owner, e.c.req.region, e.c.acc.owner, e.c.acc.region} {
		r.release(s)
	}
	delete(r.byID, keyOf(id))
	for _, v := range [2]string{e.c.req.vpc, e.c.acc.vpc} {
		removeFrom(r.byVPC, v, id)
	}
	for _, a := range [2]string{e.c.req.owner, e.c.acc.owner} {
		removeFrom(r.byOwner, a, id)
	}
	r.indexTags(e, false)
}

func addTo(m map[string]map[string]*entry, k, id string, e *entry) {
	s := m[k]
	if s == nil {
		s = map[string]*entry{}
		m[k] = s
	}
	s[id] = e
}

func removeFrom(m map[string]map[string]*entry, k, id string) {
	if s := m[k]; s != nil {
		delete(s, id)
		if len(s) == 0 {
			delete(m, k)
		}
	}
}

// update replaces e's connection with next, keeping every index right.
func (r *Registry) update(e *entry, next Connection) {
	if next.code == e.c.code && next.changedAt.Equal(e.c.changedAt) {
		e.c = next // blocks or options changed; the indexes did not
		return
	}
	r.unindex(e)
	e.c = next
	r.index(e)
}

// index adds e to the status-dependent indexes.
func (r *Registry) index(e *entry) {
	c := e.c
	addTo(r.byStatus, string(c.code), c.id, e)
	if c.code.IsLive() {
		r.live[pairOf(c)] = e
	}
	if c.code.IsPending() {
		r.outstanding[c.req.owner]++
	}
	if c.code == status.Provisioning || c.code == status.Active {
		r.active[c.req.ref()]++
		r.active[c.acc.ref()]++
	}
	if c.code.IsTransient() {
		r.transient = append(r.transient, e)
	}
	if c.code == status.PendingAcceptance {
		heap.Push(&r.expiry, e)
	}
	if at, ok := c.hiddenFromAllAt(); ok {
		e.dropAt = at
		heap.Push(&r.drops, e)
	}
}

// unindex removes e from the status-dependent indexes.
func (r *Registry) unindex(e *entry) {
	c := e.c
	removeFrom(r.byStatus, string(c.code), c.id)
	if c.code.IsLive() && r.live[pairOf(c)] == e {
		delete(r.live, pairOf(c))
	}
	if c.code.IsPending() {
		decr(r.outstanding, c.req.owner)
	}
	if c.code == status.Provisioning || c.code == status.Active {
		decr(r.active, c.req.ref())
		decr(r.active, c.acc.ref())
	}
	if e.expIdx >= 0 {
		heap.Remove(&r.expiry, e.expIdx)
	}
	if e.dropIdx >= 0 {
		heap.Remove(&r.drops, e.dropIdx)
	}
}

func decr[K comparable](m map[K]int, k K) {
	if m[k] <= 1 {
		delete(m, k)
		return
	}
	m[k]--
}

type interned struct {
	s    string
	uses int
}

// intern returns the Registry's copy of s, so that connections share one
// copy of each account and Region (less memory, fewer cache misses); release
// gives it back when a connection is dropped.
func (r *Registry) intern(s string) string {
	in, ok := r.strs[s]
	if !ok {
		in = &interned{s: s}
		r.strs[s] = in
	}
	in.uses++
	return in.s
}

func (r *Registry) release(s string) {
	if in, ok := r.strs[s]; ok {
		if in.uses--; in.uses <= 0 {
			delete(r.strs, s)
		}
	}
}

func isNilFunc(v VPCResolver) bool {
	f, ok := v.(VPCResolverFunc)
	return ok && f == nil
}

func checkParty(op string, p Party) error {
	if err := ec2.ParseAccount(p.Account); err != nil {
		return wrapEC2(op, "", err)
	}
	if err := ec2.ParseRegion(p.Region); err != nil {
		return wrapEC2(op, "", err)
	}
	return nil
}

func tagErr(op, id string, err error) *Error {
	code, msg := ec2.InvalidParameterValue, err.Error()
	var te *tag.Error
	if errors.As(err, &te) {
		code, msg = te.ErrorCode(), te.ErrorMessage()
	}
	return &Error{Op: op, ID: id, Code: code, Message: msg, Err: &causeErr{ErrTags, err}}
}

// timeHeap is a min-heap of entries by an instant, each entry knowing its
// own index so it can be removed when its status changes.
type timeHeap struct {
	items []*entry
	at    func(*entry) time.Time
	idx   func(*entry) *int
}

func (h *timeHeap) Len() int           { return len(h.items) }
func (h *timeHeap) Less(i, j int) bool { return h.at(h.items[i]).Before(h.at(h.items[j])) }
func (h *timeHeap) Swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
	*h.idx(h.items[i]) = i
	*h.idx(h.items[j]) = j
}
func (h *timeHeap) Push(x any) {
	e := x.(*entry)
	*h.idx(e) = len(h.items)
	h.items = append(h.items, e)
}
func (h *timeHeap) Pop() any {
	n := len(h.items) - 1
	e := h.items[n]
	h.items[n] = nil
	h.items = h.items[:n]
	*h.idx(e) = -1
	return e
}
