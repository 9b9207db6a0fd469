package peering_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
	"pgregory.net/rapid"
)

// The model below is written from the VPC Peering Guide's tables, not from
// the package's code: a status per connection, settled eagerly (EC2's own
// steps are invisible after the call that started them), deadlines computed
// from instants, and visibility as a plain function of the table.

var (
	mAccounts = []string{acctA, acctB, acctC}
	mRegions  = []string{reg1, reg2}
	mBlocks4  = []string{"10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.0.16.0/20", "10.3.0.0/16"}
	mExtra4   = []string{"10.0.32.0/20", "10.1.0.0/24", "10.9.0.0/16", "172.16.0.0/16", "10.2.128.0/17"}
	mBlocks6  = []string{"2600:1f18:0:100::/56", "2600:1f18:0:200::/56"}
)

// dir is the VPC directory the tests' embedder keeps: the Registry's
// VPCResolver.
type dir struct {
	mu   sync.Mutex
	vpcs map[peering.VPCRef]*peering.VPC
}

func (d *dir) ResolveVPC(ref peering.VPCRef) (peering.VPC, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, ok := d.vpcs[ref]
	if !ok {
		return peering.VPC{}, false
	}
	return peering.VPC{OwnerID: v.OwnerID, Region: v.Region, ID: v.ID,
		IPv4: slices.Clone(v.IPv4), IPv6: slices.Clone(v.IPv6)}, true
}

type mConn struct {
	id                 string
	req, acc           peering.VPCRef
	req4, req6         []netip.Prefix
	acc4, acc6         []netip.Prefix
	code               status.Code
	requested, changed time.Time
	actor              string
	accepted           bool
	reqOpts, accOpts   peering.Options
	tags               map[peering.Party]map[string]string
}

func (m *mConn) reqParty() peering.Party {
	return peering.Party{Account: m.req.OwnerID, Region: m.req.Region}
}
func (m *mConn) accParty() peering.Party {
	return peering.Party{Account: m.acc.OwnerID, Region: m.acc.Region}
}
func (m *mConn) inter() bool { return m.req.Region != m.acc.Region }

func (m *mConn) message() string {
	switch m.code {
	case status.PendingAcceptance:
		return "Pending Acceptance by " + m.acc.OwnerID
	case status.Active:
		return "Active"
	case status.Failed:
		return "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range"
	case status.Expired:
		return "Expired"
	case status.Rejected:
		return "Rejected by " + m.actor
	case status.Deleted:
		return "Deleted by " + m.actor
	}
	return "?"
}

// windowEnd is the table of the VPC Peering Guide: when account stops
// seeing m (zero: never), and whether it sees it at all.
func (m *mConn) windowEnd(account string) (time.Time, bool) {
	isReq, isAcc := account == m.req.OwnerID, account == m.acc.OwnerID
	same := m.req.OwnerID == m.acc.OwnerID
	h2, d2 := m.changed.Add(2*time.Hour), m.changed.Add(48*time.Hour)
	switch m.code {
	case status.PendingAcceptance, status.Active:
		return time.Time{}, true
	case status.Failed:
		return h2, isReq
	case status.Expired:
		return d2, true
	case status.Rejected:
		if same || isAcc {
			return h2, true
		}
		return d2, true
	case status.Deleted:
		if same || account == m.actor {
			return h2, true
		}
		return d2, true
	}
	return time.Time{}, false
}

func (m *mConn) visibleTo(p peering.Party, now time.Time) bool {
	if p != m.reqParty() && p != m.accParty() {
		return false
	}
	end, ok := m.windowEnd(p.Account)
	return ok && (end.IsZero() || now.Before(end))
}

func (m *mConn) retained(now time.Time) bool {
	return m.visibleTo(m.reqParty(), now) || m.visibleTo(m.accParty(), now)
}

func overlapAny(a, b []netip.Prefix) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Overlaps(y) {
				return true
			}
		}
	}
	return false
}

type machine struct {
	r        *peering.Registry
	d        *dir
	vpcs     []peering.VPCRef // every VPC ever made, deleted or not
	deleted  map[peering.VPCRef]bool
	conns    map[string]*mConn
	ids      []string // model IDs in creation order
	now      time.Time
	quotas   peering.Quotas
	lastCode map[string]status.Code
}

func newMachine(t *rapid.T) *machine {
	m := &machine{
		d:        &dir{vpcs: map[peering.VPCRef]*peering.VPC{}},
		deleted:  map[peering.VPCRef]bool{},
		conns:    map[string]*mConn{},
		now:      t0,
		quotas:   peering.Quotas{OutstandingRequests: rapid.IntRange(1, 3).Draw(t, "outstanding"), ActivePerVPC: rapid.IntRange(1, 2).Draw(t, "active")},
		lastCode: map[string]status.Code{},
	}
	n := 0
	for _, a := range mAccounts {
		for _, r := range mRegions {
			for range 2 {
				n++
				v := &peering.VPC{OwnerID: a, Region: r, ID: fmt.Sprintf("vpc-%08x", n)}
				v.IPv4 = []netip.Prefix{mustPrefix(rapid.SampledFrom(mBlocks4).Draw(t, "block"))}
				if rapid.Bool().Draw(t, "ipv6") {
					v.IPv6 = []netip.Prefix{mustPrefix(rapid.SampledFrom(mBlocks6).Draw(t, "block6"))}
				}
				m.d.vpcs[v.Ref()] = v
				m.vpcs = append(m.vpcs, v.Ref())
			}
		}
	}
	seed := rapid.Uint64().Draw(t, "seed")
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)}), m.d, m.quotas)
	if err != nil {
		t.Fatal(err)
	}
	m.r = r
	return m
}

func (m *machine) party(t *rapid.T) peering.Party {
	return peering.Party{Account: rapid.SampledFrom(mAccounts).Draw(t, "account"), Region: rapid.SampledFrom(mRegions).Draw(t, "region")}
}

// pickID returns a connection ID: mostly a live one, sometimes any, now
// and then one that was never made.
func (m *machine) pickID(t *rapid.T) string {
	if len(m.ids) == 0 || rapid.IntRange(0, 9).Draw(t, "unknown id") == 0 {
		return "pcx-0badc0ffee0000000"
	}
	var live []string
	for _, id := range m.ids {
		if c := m.conns[id].code; c == status.PendingAcceptance || c == status.Active {
			live = append(live, id)
		}
	}
	if len(live) > 0 && rapid.Bool().Draw(t, "live") {
		return rapid.SampledFrom(live).Draw(t, "live id")
	}
	return rapid.SampledFrom(m.ids).Draw(t, "id")
}

// actor returns who acts on id: mostly one of its two parties.
func (m *machine) actor(t *rapid.T, id string) peering.Party {
	if c := m.conns[id]; c != nil && rapid.IntRange(0, 4).Draw(t, "stranger") > 0 {
		return rapid.SampledFrom([]peering.Party{c.reqParty(), c.accParty()}).Draw(t, "party")
	}
	return m.party(t)
}

func (m *machine) live(a, b peering.VPCRef) bool {
	for _, c := range m.conns {
		if (c.code == status.PendingAcceptance || c.code == status.Active) &&
			(c.req == a && c.acc == b || c.req == b && c.acc == a) {
			return true
		}
	}
	return false
}

func (m *machine) activeOn(v peering.VPCRef) int {
	n := 0
	for _, c := range m.conns {
		if c.code == status.Active && (c.req == v || c.acc == v) {
			n++
		}
	}
	return n
}

func (m *machine) sortedIDs() []string {
	ids := slices.Clone(m.ids)
	slices.Sort(ids)
	return ids
}

func wantErr(t *rapid.T, what string, err error, cause error) {
	t.Helper()
	var pe *peering.Error
	if !errors.Is(err, cause) || !errors.As(err, &pe) || pe.ErrorCode() == "" || pe.ErrorMessage() == "" {
		t.Fatalf("%s: err = %v, want a *peering.Error wrapping %v", what, err, cause)
	}
}

func wantOK(t *rapid.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: unexpected error %v", what, err)
	}
}

func (m *machine) Create(t *rapid.T) {
	caller := m.party(t)
	var own []peering.VPCRef
	for _, v := range m.vpcs {
		if v.OwnerID == caller.Account && v.Region == caller.Region {
			own = append(own, v)
		}
	}
	mine := rapid.SampledFrom(m.vpcs).Draw(t, "any vpc")
	if rapid.IntRange(0, 5).Draw(t, "own vpc") > 0 { // mostly a VPC the caller owns
		mine = rapid.SampledFrom(own).Draw(t, "vpc")
	}
	peer := rapid.SampledFrom(append(slices.Clone(m.vpcs),
		peering.VPCRef{OwnerID: acctB, Region: reg2, ID: "vpc-0fffffff"},
		peering.VPCRef{OwnerID: caller.Account, Region: caller.Region, ID: "vpc-0eeeeeee"})).Draw(t, "peer")
	in := peering.CreateInput{VPCID: mine.ID, PeerVPCID: peer.ID, PeerOwnerID: peer.OwnerID, PeerRegion: peer.Region}
	if peer.OwnerID == caller.Account && rapid.Bool().Draw(t, "default owner") {
		in.PeerOwnerID = ""
	}
	if peer.Region == caller.Region && rapid.Bool().Draw(t, "default region") {
		in.PeerRegion = ""
	}
	tagged := rapid.Bool().Draw(t, "tagged")
	if tagged {
		in.Tags = []tag.Tag{{Key: "env", Value: "prod"}}
	}
	v, err := m.r.Create(caller, in, m.now)

	reqRef := peering.VPCRef{OwnerID: caller.Account, Region: caller.Region, ID: mine.ID}
	reqVPC, reqOK := m.d.vpcs[reqRef]
	peerVPC, peerOK := m.d.vpcs[peer]
	outstanding := 0
	for _, c := range m.conns {
		if c.code == status.PendingAcceptance && c.req.OwnerID == caller.Account {
			outstanding++
		}
	}
	switch {
	case !reqOK || m.deleted[reqRef]:
		wantErr(t, "create, unknown VPC", err, peering.ErrVPCNotFound)
		return
	case reqRef == peer:
		wantErr(t, "create, itself", err, peering.ErrSameVPC)
		return
	case (!peerOK || m.deleted[peer]) && peer.OwnerID == caller.Account && peer.Region == caller.Region:
		wantErr(t, "create, missing peer", err, peering.ErrVPCNotFound)
		return
	case m.live(reqRef, peer):
		wantErr(t, "create, duplicate", err, peering.ErrAlreadyExists)
		return
	case outstanding >= m.quotas.OutstandingRequests:
		wantErr(t, "create, quota", err, peering.ErrOutstandingLimit)
		return
	}
	wantOK(t, "create", err)
	if v.Status().Code != status.InitiatingRequest || v.Status().Message != "Initiating Request to "+peer.OwnerID {
		t.Fatalf("create returned %v", v.Status())
	}
	if _, dup := m.conns[v.ID()]; dup {
		t.Fatalf("create reused ID %s", v.ID())
	}
	c := &mConn{id: v.ID(), req: reqRef, acc: peer, requested: m.now, changed: m.now,
		req4: slices.Clone(reqVPC.IPv4), req6: slices.Clone(reqVPC.IPv6),
		tags: map[peering.Party]map[string]string{}}
	c.code = status.PendingAcceptance
	if peerOK && !m.deleted[peer] {
		c.acc4, c.acc6 = slices.Clone(peerVPC.IPv4), slices.Clone(peerVPC.IPv6)
		if overlapAny(c.req4, c.acc4) || overlapAny(c.req6, c.acc6) {
			c.code = status.Failed
		}
	} else {
		c.code = status.Failed
	}
	if tagged {
		c.tags[caller] = map[string]string{"env": "prod"}
	}
	m.conns[c.id] = c
	m.ids = append(m.ids, c.id)
}

func (m *machine) answer(t *rapid.T, op string) {
	id := m.pickID(t)
	p := m.actor(t, id)
	var v peering.View
	var err error
	if op == "accept" {
		v, err = m.r.Accept(p, id, m.now)
	} else {
		v, err = m.r.Reject(p, id, m.now)
	}
	c := m.conns[id]
	switch {
	case c == nil || !c.visibleTo(p, m.now):
		wantErr(t, op+", invisible", err, peering.ErrNotFound)
	case p.Account != c.acc.OwnerID:
		wantErr(t, op+", not the accepter", err, peering.ErrWrongAccount)
	case p.Region != c.acc.Region:
		wantErr(t, op+", wrong Region", err, peering.ErrWrongRegion)
	case c.code != status.PendingAcceptance:
		wantErr(t, op+", not pending", err, peering.ErrState)
	case op == "accept" && (m.activeOn(c.req) >= m.quotas.ActivePerVPC || m.activeOn(c.acc) >= m.quotas.ActivePerVPC):
		wantErr(t, op+", quota", err, peering.ErrActiveLimit)
	case op == "accept":
		wantOK(t, op, err)
		if v.Status().Code != status.Provisioning {
			t.Fatalf("accept returned %v", v.Status())
		}
		c.code, c.changed, c.accepted = status.Active, m.now, true
	default:
		wantOK(t, op, err)
		c.code, c.changed, c.actor = status.Rejected, m.now, p.Account
		if v.Status().Code != status.Rejected || v.Status().Message != c.message() {
			t.Fatalf("reject returned %v", v.Status())
		}
	}
}

func (m *machine) Accept(t *rapid.T) { m.answer(t, "accept") }
func (m *machine) Reject(t *rapid.T) { m.answer(t, "reject") }

func (m *machine) Delete(t *rapid.T) {
	id := m.pickID(t)
	p := m.actor(t, id)
	v, err := m.r.Delete(p, id, m.now)
	c := m.conns[id]
	switch {
	case c == nil || !c.visibleTo(p, m.now):
		wantErr(t, "delete, invisible", err, peering.ErrNotFound)
	case c.code == status.PendingAcceptance && p != c.reqParty():
		wantErr(t, "delete, pending, not the requester", err, peering.ErrWrongAccount)
	case c.code != status.PendingAcceptance && c.code != status.Active:
		wantErr(t, "delete, terminal", err, peering.ErrState)
	default:
		wantOK(t, "delete", err)
		want := status.Deleted
		if c.inter() {
			want = status.Deleting
		}
		if v.Status().Code != want {
			t.Fatalf("delete returned %v, want %s", v.Status(), want)
		}
		c.code, c.changed, c.actor = status.Deleted, m.now, p.Account
	}
}

func (m *machine) Modify(t *rapid.T) {
	id := m.pickID(t)
	p := m.actor(t, id)
	opts := rapid.Custom(func(t *rapid.T) peering.Options {
		return peering.Options{
			AllowDNSResolutionFromRemoteVPC:            rapid.Bool().Draw(t, "dns"),
			AllowEgressFromLocalClassicLinkToRemoteVPC: rapid.IntRange(0, 4).Draw(t, "cl") == 0,
		}
	})
	ch := peering.OptionsChange{SetRequester: rapid.Bool().Draw(t, "set req"), SetAccepter: rapid.Bool().Draw(t, "set acc")}
	ch.Requester, ch.Accepter = opts.Draw(t, "req opts"), opts.Draw(t, "acc opts")
	ch.RequesterNamesClassicLink = rapid.IntRange(0, 3).Draw(t, "req names cl") == 0
	ch.AccepterNamesClassicLink = rapid.IntRange(0, 3).Draw(t, "acc names cl") == 0
	v, err := m.r.ModifyOptions(p, id, ch, m.now)
	c := m.conns[id]
	classic := func(o peering.Options) bool {
		return o.AllowEgressFromLocalClassicLinkToRemoteVPC || o.AllowEgressFromLocalVPCToRemoteClassicLink
	}
	switch {
	case c == nil || !c.visibleTo(p, m.now):
		wantErr(t, "modify, invisible", err, peering.ErrNotFound)
	case c.code != status.Active:
		wantErr(t, "modify, not active", err, peering.ErrNotActive)
	case ch.SetRequester && p.Account != c.req.OwnerID:
		wantErr(t, "modify requester side", err, peering.ErrWrongAccount)
	case ch.SetRequester && p.Region != c.req.Region:
		wantErr(t, "modify requester side", err, peering.ErrWrongRegion)
	case ch.SetAccepter && p.Account != c.acc.OwnerID:
		wantErr(t, "modify accepter side", err, peering.ErrWrongAccount)
	case ch.SetAccepter && p.Region != c.acc.Region:
		wantErr(t, "modify accepter side", err, peering.ErrWrongRegion)
	case c.inter() && (ch.SetRequester && (ch.RequesterNamesClassicLink || classic(ch.Requester)) ||
		ch.SetAccepter && (ch.AccepterNamesClassicLink || classic(ch.Accepter))):
		wantErr(t, "modify classiclink", err, peering.ErrClassicLink)
	default:
		wantOK(t, "modify", err)
		if ch.SetRequester {
			c.reqOpts = ch.Requester
		}
		if ch.SetAccepter {
			c.accOpts = ch.Accepter
		}
		if got := v.Requester(); !got.HasOptions || got.Options != c.reqOpts {
			t.Fatalf("requester options %+v, want %+v", got, c.reqOpts)
		}
		if got := v.Accepter(); !got.HasOptions || got.Options != c.accOpts {
			t.Fatalf("accepter options %+v, want %+v", got, c.accOpts)
		}
	}
}

func (m *machine) AddCIDR(t *rapid.T) {
	ref := rapid.SampledFrom(m.vpcs).Draw(t, "vpc")
	if m.deleted[ref] {
		return
	}
	block := mustPrefix(rapid.SampledFrom(append(slices.Clone(mExtra4), mBlocks6...)).Draw(t, "block"))
	if v := m.d.vpcs[ref]; slices.Contains(v.IPv4, block) || slices.Contains(v.IPv6, block) {
		return // EC2 refuses a block the VPC already has before peering is asked
	}
	err := m.r.AddVPCCIDR(ref, block, m.now)
	var wantCause error
	for _, id := range m.sortedIDs() {
		c := m.conns[id]
		if c.req != ref && c.acc != ref {
			continue
		}
		peer4, peer6 := c.acc4, c.acc6
		if c.acc == ref {
			peer4, peer6 = c.req4, c.req6
		}
		hit := overlapAny([]netip.Prefix{block}, append(slices.Clone(peer4), peer6...))
		if c.code == status.PendingAcceptance && c.req == ref {
			wantCause = peering.ErrPendingRequest
			break
		}
		if c.code == status.Active && hit {
			wantCause = peering.ErrCIDROverlap
			break
		}
	}
	if wantCause != nil {
		wantErr(t, "add cidr", err, wantCause)
		return
	}
	wantOK(t, "add cidr", err)
	for _, c := range m.conns {
		if c.code.IsTerminal() || c.req != ref && c.acc != ref {
			continue
		}
		if c.acc == ref && c.code == status.PendingAcceptance && overlapAny([]netip.Prefix{block}, append(slices.Clone(c.req4), c.req6...)) {
			c.code, c.changed = status.Failed, m.now
			continue
		}
		mine4, mine6 := &c.req4, &c.req6
		if c.acc == ref {
			mine4, mine6 = &c.acc4, &c.acc6
		}
		if block.Addr().Is4() {
			*mine4 = append(slices.Clone(*mine4), block)
		} else {
			*mine6 = append(slices.Clone(*mine6), block)
		}
	}
	v := m.d.vpcs[ref]
	if block.Addr().Is4() {
		v.IPv4 = append(slices.Clone(v.IPv4), block)
	} else {
		v.IPv6 = append(slices.Clone(v.IPv6), block)
	}
}

func (m *machine) RemoveCIDR(t *rapid.T) {
	ref := rapid.SampledFrom(m.vpcs).Draw(t, "vpc")
	v := m.d.vpcs[ref]
	if m.deleted[ref] || len(v.IPv4)+len(v.IPv6) < 2 {
		return // the primary block stays
	}
	blocks := append(slices.Clone(v.IPv4[1:]), v.IPv6...)
	block := rapid.SampledFrom(blocks).Draw(t, "block")
	wantOK(t, "remove cidr", m.r.RemoveVPCCIDR(ref, block, m.now))
	drop := func(s []netip.Prefix) []netip.Prefix {
		return slices.DeleteFunc(slices.Clone(s), func(p netip.Prefix) bool { return p == block })
	}
	for _, c := range m.conns {
		if c.code.IsTerminal() {
			continue
		}
		if c.req == ref {
			c.req4, c.req6 = drop(c.req4), drop(c.req6)
		}
		if c.acc == ref {
			c.acc4, c.acc6 = drop(c.acc4), drop(c.acc6)
		}
	}
	v.IPv4, v.IPv6 = drop(v.IPv4), drop(v.IPv6)
}

func (m *machine) DeleteVPC(t *rapid.T) {
	ref := rapid.SampledFrom(m.vpcs).Draw(t, "vpc")
	if m.deleted[ref] {
		return
	}
	err := m.r.DeleteVPC(ref, m.now)
	// The first dependency in ID order is the refusal: another account's
	// pending request to the VPC, or an active connection of it.
	for _, id := range m.sortedIDs() {
		c := m.conns[id]
		switch {
		case c.code == status.PendingAcceptance && c.acc == ref && c.req.OwnerID != c.acc.OwnerID:
			wantErr(t, "delete vpc with a pending request from another account", err, peering.ErrPendingDependency)
			return
		case c.code == status.Active && (c.req == ref || c.acc == ref):
			wantErr(t, "delete vpc with an active connection", err, peering.ErrActiveDependency)
			return
		}
	}
	wantOK(t, "delete vpc", err)
	for _, c := range m.conns {
		if c.code == status.PendingAcceptance && (c.req == ref || c.acc == ref) {
			c.code, c.changed, c.actor = status.Deleted, m.now, ref.OwnerID
		}
	}
	m.deleted[ref] = true
	delete(m.d.vpcs, ref)
}

func (m *machine) Wait(t *rapid.T) {
	var next time.Time
	switch rapid.IntRange(0, 3).Draw(t, "wait kind") {
	case 0:
		next = m.now.Add(time.Duration(rapid.Int64Range(0, int64(3*time.Hour)).Draw(t, "d")))
	case 1:
		next = m.now.Add(time.Duration(rapid.Int64Range(0, int64(8*24*time.Hour)).Draw(t, "d")))
	default: // an edge: 7 days after a request, 2 hours or 2 days after a change, ±1 ns
		if len(m.ids) == 0 {
			return
		}
		c := m.conns[rapid.SampledFrom(m.ids).Draw(t, "edge of")]
		base := rapid.SampledFrom([]time.Time{c.requested.Add(peering.RequestLifetime),
			c.changed.Add(2 * time.Hour), c.changed.Add(48 * time.Hour)}).Draw(t, "edge")
		next = base.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
	}
	if next.Before(m.now) {
		return
	}
	m.now = next
	for _, c := range m.conns { // requests expire at their deadline, the instant included
		if d := c.requested.Add(7 * 24 * time.Hour); c.code == status.PendingAcceptance && !m.now.Before(d) {
			c.code, c.changed = status.Expired, d
		}
	}
}

func (m *machine) Tags(t *rapid.T) {
	id := m.pickID(t)
	p := m.actor(t, id)
	val := rapid.SampledFrom([]string{"prod", "dev"}).Draw(t, "value")
	del := rapid.Bool().Draw(t, "delete")
	var err error
	if del {
		err = m.r.DeleteTagKeys(p, id, []string{"env"}, m.now)
	} else {
		err = m.r.CreateTags(p, id, []tag.Tag{{Key: "env", Value: val}}, m.now)
	}
	c := m.conns[id]
	if c == nil || !c.visibleTo(p, m.now) {
		wantErr(t, "tags, invisible", err, peering.ErrNotFound)
		return
	}
	wantOK(t, "tags", err)
	if del {
		delete(c.tags, p)
	} else {
		c.tags[p] = map[string]string{"env": val}
	}
}

func (m *machine) Describe(t *rapid.T) {
	p := m.party(t)
	var filters []peering.Filter
	var match []func(c *mConn) bool
	for range rapid.IntRange(0, 2).Draw(t, "filters") {
		switch rapid.IntRange(0, 10).Draw(t, "filter") {
		case 0:
			v := rapid.SampledFrom(m.vpcs).Draw(t, "vpc").ID
			filters = append(filters, peering.Filter{Name: "requester-vpc-info.vpc-id", Values: []string{v, "vpc-0fffffff"}})
			match = append(match, func(c *mConn) bool { return c.req.ID == v })
		case 1:
			a := rapid.SampledFrom(mAccounts).Draw(t, "owner")
			filters = append(filters, peering.Filter{Name: "accepter-vpc-info.owner-id", Values: []string{a}})
			match = append(match, func(c *mConn) bool { return c.acc.OwnerID == a })
		case 2:
			s := rapid.SampledFrom(status.Code("").Values()).Draw(t, "code")
			filters = append(filters, peering.Filter{Name: "status-code", Values: []string{string(s)}})
			match = append(match, func(c *mConn) bool { return c.code == s })
		case 3:
			filters = append(filters, peering.Filter{Name: "tag:env", Values: []string{"prod"}})
			match = append(match, func(c *mConn) bool { return c.tags[p]["env"] == "prod" })
		case 4:
			filters = append(filters, peering.Filter{Name: "tag-key", Values: []string{"e*"}})
			match = append(match, func(c *mConn) bool { _, ok := c.tags[p]["env"]; return ok })
		case 5:
			b := rapid.SampledFrom(mBlocks4).Draw(t, "cidr")
			filters = append(filters, peering.Filter{Name: "accepter-vpc-info.cidr-block", Values: []string{b}})
			match = append(match, func(c *mConn) bool {
				return c.accepted && slices.Contains(c.acc4, mustPrefix(b))
			})
		case 6:
			filters = append(filters, peering.Filter{Name: "expiration-time", Values: []string{"*"}})
			match = append(match, func(c *mConn) bool { return c.code == status.PendingAcceptance })
		case 7:
			a := rapid.SampledFrom(mAccounts).Draw(t, "owner")
			filters = append(filters, peering.Filter{Name: "requester-vpc-info.owner-id", Values: []string{a, "9*"}})
			match = append(match, func(c *mConn) bool { return c.req.OwnerID == a })
		case 8:
			filters = append(filters, peering.Filter{Name: "status-message", Values: []string{"*by " + p.Account}})
			match = append(match, func(c *mConn) bool {
				return (c.code == status.PendingAcceptance && c.acc.OwnerID == p.Account) ||
					(c.code == status.Rejected || c.code == status.Deleted) && c.actor == p.Account
			})
		case 9:
			if len(m.ids) == 0 {
				continue
			}
			id := rapid.SampledFrom(m.ids).Draw(t, "pcx")
			filters = append(filters, peering.Filter{Name: "vpc-peering-connection-id", Values: []string{id}})
			match = append(match, func(c *mConn) bool { return c.id == id })
		case 10:
			b := rapid.SampledFrom(append(slices.Clone(mBlocks4), mExtra4...)).Draw(t, "cidr")
			filters = append(filters, peering.Filter{Name: "requester-vpc-info.cidr-block", Values: []string{b}})
			match = append(match, func(c *mConn) bool { return slices.Contains(c.req4, mustPrefix(b)) })
		}
	}
	var want []string
	for _, id := range m.sortedIDs() {
		c := m.conns[id]
		ok := c.visibleTo(p, m.now)
		for _, f := range match {
			ok = ok && f(c)
		}
		if ok {
			want = append(want, id)
		}
	}
	q := peering.Query{Filters: filters}
	if rapid.Bool().Draw(t, "paged") {
		q.MaxResults = 5
	}
	var got []string
	for {
		page, err := m.r.Describe(p, q, m.now)
		wantOK(t, "describe", err)
		for _, v := range page.Connections {
			got = append(got, v.ID())
			c := m.conns[v.ID()]
			if c == nil || v.Status().Code != c.code {
				t.Fatalf("describe: %s status %v, model %v", v.ID(), v.Status(), c)
			}
			if _, shown := v.ExpirationTime(); shown != (c.code == status.PendingAcceptance) {
				t.Fatalf("describe: %s ExpirationTime shown = %v in %s", v.ID(), shown, c.code)
			}
			if shown := v.Accepter().CIDRBlocks != nil; shown != (c.accepted && len(c.acc4) > 0) {
				t.Fatalf("describe: %s accepter blocks shown = %v, accepted = %v", v.ID(), shown, c.accepted)
			}
			if val, _ := v.Tags().Get("env"); val != c.tags[p]["env"] {
				t.Fatalf("describe: %s tag env = %q, model %q", v.ID(), val, c.tags[p]["env"])
			}
		}
		if page.NextToken == "" {
			break
		}
		if len(page.Connections) != q.MaxResults {
			t.Fatalf("describe: short page %d with a NextToken", len(page.Connections))
		}
		q.NextToken = page.NextToken
	}
	if !slices.Equal(got, want) {
		t.Fatalf("describe(%v, %v) = %v\nmodel scan = %v", p, filters, got, want)
	}
}

// Check holds after every action.
func (m *machine) Check(t *rapid.T) {
	// What each owner sees, through Get.
	for _, id := range m.ids {
		c := m.conns[id]
		for _, p := range []peering.Party{c.reqParty(), c.accParty()} {
			v, err := m.r.View(p, id, m.now)
			if vis := c.visibleTo(p, m.now); vis != (err == nil) {
				t.Fatalf("Get(%v, %s) at %v: err = %v, model visible = %v (model %s changed %v)", p, id, m.now, err, vis, c.code, c.changed)
			}
			if err == nil && (v.Status().Code != c.code || v.Status().Message != c.message()) {
				t.Fatalf("Get(%v, %s) = %v, model %s %q", p, id, v.Status(), c.code, c.message())
			}
		}
	}
	// Memory: the Registry holds exactly what someone can still see.
	retained := 0
	for _, c := range m.conns {
		if c.retained(m.now) {
			retained++
		}
	}
	if n := m.r.Len(); n != retained {
		t.Fatalf("Len() = %d, model retains %d", n, retained)
	}
	// Invariants over the Registry's own view.
	pairs := map[[2]peering.VPCRef]int{}
	outstanding := map[string]int{}
	active := map[peering.VPCRef]int{}
	for _, id := range m.ids {
		c, ok := m.r.Connection(id, m.now)
		prev, seen := m.lastCode[id]
		if !ok {
			if m.conns[id].retained(m.now) {
				t.Fatalf("%s dropped while the model still shows it (%s)", id, m.conns[id].code)
			}
			continue
		}
		if seen && prev.IsTerminal() && c.Code() != prev {
			t.Fatalf("%s left terminal %s for %s", id, prev, c.Code())
		}
		m.lastCode[id] = c.Code()
		req, acc := c.Requester(), c.Accepter()
		if c.Code() == status.Active && (overlapAny(req.IPv4, acc.IPv4) || overlapAny(req.IPv6, acc.IPv6)) {
			t.Fatalf("%s active with overlapping blocks %v %v", id, req, acc)
		}
		if c.Code().IsLive() {
			k := [2]peering.VPCRef{req.Ref(), acc.Ref()}
			if k[1].ID < k[0].ID || k[1].ID == k[0].ID && k[1].OwnerID < k[0].OwnerID {
				k[0], k[1] = k[1], k[0]
			}
			if pairs[k]++; pairs[k] > 1 {
				t.Fatalf("two live connections between %v", k)
			}
		}
		if c.Code().IsPending() {
			if outstanding[req.OwnerID]++; outstanding[req.OwnerID] > m.quotas.OutstandingRequests {
				t.Fatalf("account %s over the outstanding quota", req.OwnerID)
			}
		}
		if c.Code() == status.Active || c.Code() == status.Provisioning {
			for _, v := range []peering.VPCRef{req.Ref(), acc.Ref()} {
				if active[v]++; active[v] > m.quotas.ActivePerVPC {
					t.Fatalf("VPC %v over the active quota", v)
				}
			}
		}
	}
}

// TestRegistryMachine drives a Registry with three accounts, two Regions and
// twelve VPCs through random actions and compares it with the model.
func TestRegistryMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newMachine(t)
		t.Repeat(rapid.StateMachineActions(m))
	})
}
