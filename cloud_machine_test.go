package vpcmodel_test

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/peering"
	"pgregory.net/rapid"
)

// TestCloudMachine drives one Cloud through random EC2 actions by three
// accounts in two Regions, at instants that move forward by random amounts
// and onto every deadline the spec names (±1 ns), and after each action
// compares what every caller's Describe calls return with the model of
// cloud_model_test.go. Refused actions are the point: each must return the
// EC2 code the model predicts and change nothing.
func TestCloudMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newCloudMachine(t)
		t.Repeat(rapid.StateMachineActions(m))
	})
}

var (
	mAccounts = []string{"111111111111", "222222222222", "333333333333"}
	mRegions  = []string{"us-east-1", "eu-west-1"}
	// Blocks come from small pools, so that VPCs overlap often. Every
	// primary is in 10.0.0.0/8 away from 10.0.0.0/15, where the association
	// restrictions of the VPC User Guide permit 10.0.0.0/8 and 100.64.0.0/10
	// blocks and refuse 192.168.0.0/16.
	mPrimaries   = []string{"10.2.0.0/16", "10.2.0.0/17", "10.3.0.0/16", "10.4.0.0/16", "10.5.0.0/16"}
	mSecondaries = []string{"10.6.0.0/16", "10.7.0.0/16", "10.8.0.0/16", "10.9.0.0/16", "100.64.0.0/16",
		"10.3.0.0/16", "10.6.128.0/24", "192.168.0.0/16", "10.10.0.0/29"}
	mRouteDests = []string{"10.3.0.0/16", "10.3.1.0/24", "10.6.1.0/24", "10.7.0.0/16", "10.2.0.0/16",
		"172.16.0.0/16", "0.0.0.0/0"}
	// IPv6 destinations: fixed ones around Amazon's pool, to which the
	// machine adds the VPCs' own /56s and /64s inside them.
	mRouteDests6 = []string{"::/0", "2600:1f00::/24", "2001:db8::/32", "2001:db8:1::/48"}
	mAmazonPool  = netip.MustParsePrefix("2600:1f00::/24") // vpc.AmazonIPv6Pool, written out
	mVPNDests    = []string{"192.168.1.0/24", "192.168.2.0/24", "172.16.0.0/16", "10.3.0.0/16"}
	mDeviceIPs   = []string{"203.0.113.10", "203.0.113.11", "198.51.100.7"}
	mStart       = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
)

// IDs that are well formed and name nothing.
const (
	unknownVPC   = "vpc-0badc0ffee0000000"
	unknownAssoc = "vpc-cidr-assoc-0badc0ffee0000000"
	unknownPCX   = "pcx-0badc0ffee0000000"
	unknownRTB   = "rtb-0badc0ffee0000000"
	unknownCGW   = "cgw-0badc0ffee0000000"
	unknownVGW   = "vgw-0badc0ffee0000000"
	unknownVPN   = "vpn-0badc0ffee0000000"
)

func mCallers() []vpcmodel.Caller {
	var out []vpcmodel.Caller
	for _, a := range mAccounts {
		for _, r := range mRegions {
			out = append(out, vpcmodel.Caller{Account: a, Region: r})
		}
	}
	return out
}

type cloudMachine struct {
	c        *vpcmodel.Cloud
	now      time.Time
	devices  bool // Options.CustomerDevicesConnect: tunnels come UP
	maxOut   int  // outstanding peering requests per account
	maxAct   int  // active peering connections per VPC
	vpcs     map[string]*mVPC
	tables   map[string]*mTable
	pcxs     map[string]*mPCX
	cgws     map[string]*mCGW
	vgws     map[string]*mVGW
	vpns     map[string]*mVPN
	vpcIDs   []string // every ID in creation order, so that draws never depend on map order
	assocIDs []string
	tableIDs []string
	pcxIDs   []string
	cgwIDs   []string
	vgwIDs   []string
	vpnIDs   []string
}

func newCloudMachine(t *rapid.T) *cloudMachine {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], rapid.Uint64().Draw(t, "seed"))
	m := &cloudMachine{
		now:     mStart,
		devices: rapid.IntRange(0, 3).Draw(t, "devices connect") > 0,
		maxOut:  rapid.IntRange(1, 4).Draw(t, "outstanding quota"),
		maxAct:  rapid.IntRange(1, 3).Draw(t, "active quota"),
		vpcs:    map[string]*mVPC{},
		tables:  map[string]*mTable{},
		pcxs:    map[string]*mPCX{},
		cgws:    map[string]*mCGW{},
		vgws:    map[string]*mVGW{},
		vpns:    map[string]*mVPN{},
	}
	m.c = vpcmodel.New(vpcmodel.Options{
		Random:                 rand.NewChaCha8(key),
		CustomerDevicesConnect: m.devices,
		PeeringQuotas:          peering.Quotas{OutstandingRequests: m.maxOut, ActivePerVPC: m.maxAct},
	})
	// A starting world, built through the same checked steps as the actions,
	// so that the few steps of a run reach deep states: some VPCs in every
	// scope, one VPC with a few more blocks, and in one scope a VGW attached
	// to a VPC with a static VPN connection propagating into the VPC's main
	// table.
	for _, c := range mCallers() {
		for range rapid.IntRange(0, 2).Draw(t, "vpcs") {
			m.createVpc(t, c, rapid.SampledFrom(mPrimaries).Draw(t, "block"), rapid.Bool().Draw(t, "ipv6"))
		}
	}
	if live := m.liveVPCs(); len(live) > 0 && rapid.Bool().Draw(t, "blocks") {
		v := m.vpcs[rapid.SampledFrom(live).Draw(t, "vpc with blocks")]
		for range rapid.IntRange(1, 4).Draw(t, "secondaries") {
			m.associateVpcCidrBlock(t, v.owner, v.id, rapid.SampledFrom(mSecondaries).Draw(t, "block"))
		}
		for range rapid.IntRange(0, 3).Draw(t, "ipv6 blocks") {
			m.associateVpcIPv6CidrBlock(t, v.owner, v.id)
		}
	}
	// Peering connections between random VPCs: some left pending, some
	// rejected, some accepted, with a route to them from the requester's
	// main table, and some of those deleted again by either side.
	for range rapid.IntRange(0, 3).Draw(t, "peerings") {
		live := m.liveVPCs()
		if len(live) < 2 {
			break
		}
		a, b := m.vpcs[rapid.SampledFrom(live).Draw(t, "requester")], m.vpcs[rapid.SampledFrom(live).Draw(t, "accepter")]
		id := m.createVpcPeeringConnection(t, a.owner, a.id, b.ref())
		x := m.pcxs[id]
		if x == nil || x.code != mPending {
			continue
		}
		switch rapid.IntRange(0, 3).Draw(t, "answer") {
		case 1:
			m.answerAs(t, x.acc.owner, id, false)
		case 2, 3:
			m.answerAs(t, x.acc.owner, id, true)
		}
		if x.code == mActive {
			m.createRoute(t, a.owner, m.mainTable(a.id), rapid.SampledFrom(m.routeDests(b)).Draw(t, "dest"), id)
			if rapid.Bool().Draw(t, "deleted") {
				m.deleteVpcPeeringConnection(t, rapid.SampledFrom([]vpcmodel.Caller{x.req.owner, x.acc.owner}).Draw(t, "by"), id)
			}
		}
	}
	if rapid.Bool().Draw(t, "vpn world") {
		c := rapid.SampledFrom(mCallers()).Draw(t, "vpn scope")
		if own := m.liveVPCsOf(c); len(own) > 0 {
			v := m.vpcs[rapid.SampledFrom(own).Draw(t, "vpn vpc")]
			cgw := m.createCustomerGateway(t, c, rapid.SampledFrom(mDeviceIPs).Draw(t, "ip"))
			vgw := m.createVpnGateway(t, c)
			m.attachVpnGateway(t, c, v.id, vgw)
			vpn := m.createVpnConnection(t, c, cgw, vgw)
			m.createVpnConnectionRoute(t, c, vpn, rapid.SampledFrom(mVPNDests).Draw(t, "dest"))
			m.enableVgwRoutePropagation(t, c, m.mainTable(v.id), vgw)
		}
	}
	return m
}

// errCode returns the EC2 error code err carries, "" for nil.
func errCode(err error) string {
	if err == nil {
		return ""
	}
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		return coded.ErrorCode()
	}
	return "(no code: " + err.Error() + ")"
}

// want checks that err carries the EC2 code the model predicts ("" for
// success).
func want(t *rapid.T, what string, err error, code string) {
	t.Helper()
	if got := errCode(err); got != code {
		if code == "" {
			t.Fatalf("%s: unexpected error %v (%s)", what, err, got)
		}
		t.Fatalf("%s: got %q (%v), model says %q", what, got, err, code)
	}
}

// pick returns one of likely most of the time (the IDs an action is
// likely to succeed with), else one of all (deleted resources and other
// owners' included), and now and then an ID that names nothing.
func pick(t *rapid.T, label string, likely, all []string, unknown string) string {
	n := rapid.IntRange(0, 9).Draw(t, label+" from")
	switch {
	case n == 0 || len(all) == 0:
		return unknown
	case n <= 6 && len(likely) > 0:
		return rapid.SampledFrom(likely).Draw(t, label)
	}
	return rapid.SampledFrom(all).Draw(t, label)
}

func (m *cloudMachine) caller(t *rapid.T) vpcmodel.Caller {
	return rapid.SampledFrom(mCallers()).Draw(t, "caller")
}

// actor returns who acts on a resource: mostly one of its owners (in the
// order given, the first the most often), now and then anyone.
func (m *cloudMachine) actor(t *rapid.T, owners ...vpcmodel.Caller) vpcmodel.Caller {
	n := rapid.IntRange(0, 9).Draw(t, "actor")
	for i, o := range owners {
		if n < 6+2*i {
			return o
		}
	}
	return m.caller(t)
}

// ownerOf returns the owner of a resource the model knows, for actor.
func (m *cloudMachine) ownerOf(id string) []vpcmodel.Caller {
	switch {
	case m.vpcs[id] != nil:
		return []vpcmodel.Caller{m.vpcs[id].owner}
	case m.tables[id] != nil:
		return []vpcmodel.Caller{m.tables[id].vpc.owner}
	case m.cgws[id] != nil:
		return []vpcmodel.Caller{m.cgws[id].owner}
	case m.vgws[id] != nil:
		return []vpcmodel.Caller{m.vgws[id].owner}
	case m.vpns[id] != nil:
		return []vpcmodel.Caller{m.vpns[id].owner}
	}
	return nil
}

// pickOwned picks a resource as pick does and returns it with who acts on
// it.
func (m *cloudMachine) pickOwned(t *rapid.T, label string, likely, all []string, unknown string) (string, vpcmodel.Caller) {
	id := pick(t, label, likely, all, unknown)
	return id, m.actor(t, m.ownerOf(id)...)
}

func (m *cloudMachine) liveVPCs() []string {
	return idsWhere(m.vpcIDs, m.vpcs, func(v *mVPC) bool { return !v.deleted })
}

func (m *cloudMachine) liveTables() []string {
	return idsWhere(m.tableIDs, m.tables, func(tb *mTable) bool { return !tb.deleted })
}

// Lookups in the model, each as the caller may see it.

func (m *cloudMachine) liveVPCsOf(c vpcmodel.Caller) []string {
	var out []string
	for _, id := range m.vpcIDs {
		if v := m.vpcs[id]; !v.deleted && v.owner == c {
			out = append(out, id)
		}
	}
	return out
}

func (m *cloudMachine) ownVPC(c vpcmodel.Caller, id string) *mVPC {
	if v := m.vpcs[id]; v != nil && !v.deleted && v.owner == c {
		return v
	}
	return nil
}

func (m *cloudMachine) ownTable(c vpcmodel.Caller, id string) *mTable {
	if tb := m.tables[id]; tb != nil && !tb.deleted && tb.vpc.owner == c {
		return tb
	}
	return nil
}

func (m *cloudMachine) tablesOf(vpc string) []*mTable {
	var out []*mTable
	for _, id := range m.tableIDs {
		if tb := m.tables[id]; !tb.deleted && tb.vpc.id == vpc {
			out = append(out, tb)
		}
	}
	return out
}

func (m *cloudMachine) mainTable(vpc string) string {
	for _, tb := range m.tablesOf(vpc) {
		if tb.main {
			return tb.id
		}
	}
	return unknownRTB
}

func (m *cloudMachine) listedCGW(c vpcmodel.Caller, id string) *mCGW {
	if g := m.cgws[id]; g != nil && g.owner == c && g.listed(m.now) {
		return g
	}
	return nil
}

func (m *cloudMachine) listedVGW(c vpcmodel.Caller, id string) *mVGW {
	if g := m.vgws[id]; g != nil && g.owner == c && g.listed(m.now) {
		return g
	}
	return nil
}

func (m *cloudMachine) listedVPN(c vpcmodel.Caller, id string) *mVPN {
	if v := m.vpns[id]; v != nil && v.owner == c && v.listed(m.now) {
		return v
	}
	return nil
}

// idsWhere returns the IDs among ids whose resource in all satisfies keep.
func idsWhere[T any](ids []string, all map[string]T, keep func(T) bool) []string {
	var out []string
	for _, id := range ids {
		if keep(all[id]) {
			out = append(out, id)
		}
	}
	return out
}

// VPCs.

func (m *cloudMachine) CreateVpc(t *rapid.T) {
	m.createVpc(t, m.caller(t), rapid.SampledFrom(mPrimaries).Draw(t, "block"), rapid.Bool().Draw(t, "ipv6"))
}

// newIPv6Block checks a block the Cloud drew: a /56 of Amazon's pool that
// no VPC lists, in any state (the blocks of a partition are unique).
func (m *cloudMachine) newIPv6Block(t *rapid.T, what string, a vpcmodel.VPCIPv6CIDRBlockAssociation) mBlock6 {
	p, err := netip.ParsePrefix(a.IPv6CIDRBlock)
	if err != nil || p.Bits() != 56 || p != p.Masked() || !mAmazonPool.Contains(p.Addr()) || a.IPv6CIDRBlockState.State != "associating" ||
		a.IPv6Pool != "Amazon" || slices.Contains(m.assocIDs, a.AssociationID) {
		t.Fatalf("%s drew %+v", what, a)
	}
	for _, id := range m.liveVPCs() {
		for _, b := range m.vpcs[id].ipv6 {
			if b.cidr.Overlaps(p) {
				t.Fatalf("%s drew %s, which %s lists", what, p, id)
			}
		}
	}
	m.assocIDs = append(m.assocIDs, a.AssociationID)
	return mBlock6{mBlock: mBlock{a.AssociationID, p}}
}

func (m *cloudMachine) createVpc(t *rapid.T, c vpcmodel.Caller, block string, ipv6 bool) {
	out, err := m.c.CreateVpc(c, vpcmodel.CreateVpcInput{CIDRBlock: block, IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: ipv6}}, m.now)
	want(t, "CreateVpc", err, "")
	v := out.VPC
	if v.State != "pending" || v.CIDRBlock != block || v.OwnerID != c.Account || len(v.CIDRBlockAssociations) != 1 ||
		v.CIDRBlockAssociations[0].CIDRBlock != block || v.CIDRBlockAssociations[0].CIDRBlockState.State != "associated" ||
		ipv6 != (len(v.IPv6CIDRBlockAssociations) == 1) || len(v.IPv6CIDRBlockAssociations) > 1 {
		t.Fatalf("CreateVpc(%s) returned %+v", block, v)
	}
	if m.vpcs[v.VPCID] != nil {
		t.Fatalf("CreateVpc reused ID %s", v.VPCID)
	}
	mv := &mVPC{id: v.VPCID, owner: c, blocks: []mBlock{{v.CIDRBlockAssociations[0].AssociationID, netip.MustParsePrefix(block)}}}
	if ipv6 {
		mv.ipv6 = []mBlock6{m.newIPv6Block(t, "CreateVpc", v.IPv6CIDRBlockAssociations[0])}
	}
	m.vpcs[mv.id] = mv
	m.vpcIDs = append(m.vpcIDs, mv.id)
	m.assocIDs = append(m.assocIDs, mv.blocks[0].assoc)
	// The main route table comes with the VPC; learn its ID. The invariant
	// check compares everything else about it.
	rt, err := m.c.DescribeRouteTables(c, vpcmodel.DescribeRouteTablesInput{
		Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{mv.id}}}}, m.now)
	want(t, "DescribeRouteTables", err, "")
	if len(rt.RouteTables) != 1 {
		t.Fatalf("a new VPC has %d route tables, want its main one", len(rt.RouteTables))
	}
	m.addTable(rt.RouteTables[0].RouteTableID, mv, true)
}

func (m *cloudMachine) addTable(id string, v *mVPC, main bool) {
	if m.tables[id] != nil {
		panic("route table ID reused: " + id)
	}
	m.tables[id] = &mTable{id: id, vpc: v, main: main, static: map[netip.Prefix]string{}}
	m.tableIDs = append(m.tableIDs, id)
}

func (m *cloudMachine) DeleteVpc(t *rapid.T) {
	// Mostly a VPC in a connection, to see what deleting it does to the
	// connection, or one asked to accept a request, which may forbid it.
	likely := m.liveVPCs()
	switch rapid.IntRange(0, 2).Draw(t, "which VPC") {
	case 1:
		likely = slices.DeleteFunc(likely, func(id string) bool {
			return !slices.ContainsFunc(m.pcxIDs, func(p string) bool { x := m.pcxs[p]; return x.live() && x.has(m.vpcs[id].ref()) })
		})
	case 2:
		likely = slices.DeleteFunc(likely, func(id string) bool {
			return !slices.ContainsFunc(m.pcxIDs, func(p string) bool { x := m.pcxs[p]; return x.code == mPending && x.acc.mRef == m.vpcs[id].ref() })
		})
	}
	id, c := m.pickOwned(t, "vpc", likely, m.vpcIDs, unknownVPC)
	_, err := m.c.DeleteVpc(c, vpcmodel.DeleteVpcInput{VPCID: id}, m.now)
	v := m.ownVPC(c, id)
	switch {
	case v == nil:
		want(t, "DeleteVpc, not the caller's", err, "InvalidVpcID.NotFound")
		return
	case slices.ContainsFunc(m.tablesOf(id), func(tb *mTable) bool { return !tb.main }):
		want(t, "DeleteVpc, a route table left", err, "DependencyViolation")
		return
	case slices.ContainsFunc(m.vgwIDs, func(g string) bool { x := m.vgws[g]; return !x.deleted && x.attached && x.vpc == id }):
		want(t, "DeleteVpc, a VGW attached", err, "DependencyViolation")
		return
	case slices.ContainsFunc(m.pcxIDs, func(p string) bool {
		x := m.pcxs[p]
		return x.code == mPending && x.acc.mRef == v.ref() && x.crossAccount()
	}):
		// A.4: "You cannot delete a VPC that has a pending-acceptance
		// request from a VPC in another account; reject it first."
		want(t, "DeleteVpc, a pending request from another account", err, "DependencyViolation")
		return
	case slices.ContainsFunc(m.pcxIDs, func(p string) bool { x := m.pcxs[p]; return x.code == mActive && x.has(v.ref()) }):
		// Not A.4's "deleting a VPC ... also deletes the VPC peering
		// connection", which the project reads as the console's doing: the
		// API refuses while a connection is active (the Cloud's package
		// doc, and package peering's decision with its sources).
		want(t, "DeleteVpc, an active connection", err, "DependencyViolation")
		return
	}
	want(t, "DeleteVpc", err, "")
	v.deleted = true
	for _, tb := range m.tablesOf(id) {
		tb.deleted = true
	}
	// A.4: "If the requester deletes its VPC before the other account
	// accepts, the peering request is deleted too"; so is one to a VPC of
	// the same account.
	for _, p := range m.pcxIDs {
		if x := m.pcxs[p]; x.live() && x.has(v.ref()) {
			x.code, x.changed, x.actor = mDeleted, m.now, c.Account
		}
	}
}

// AssociateVpcCidrBlock mostly adds to the VPC with the most blocks, so
// that the quota of five is reached.
func (m *cloudMachine) AssociateVpcCidrBlock(t *rapid.T) {
	var fullest *mVPC
	for _, id := range m.vpcIDs {
		if v := m.vpcs[id]; !v.deleted && (fullest == nil || len(v.blocks) > len(fullest.blocks)) {
			fullest = v
		}
	}
	var c vpcmodel.Caller
	var id string
	if fullest != nil && rapid.Bool().Draw(t, "fullest") {
		c, id = m.actor(t, fullest.owner), fullest.id
	} else {
		id, c = m.pickOwned(t, "vpc", m.liveVPCs(), m.vpcIDs, unknownVPC)
	}
	m.associateVpcCidrBlock(t, c, id, rapid.SampledFrom(mSecondaries).Draw(t, "block"))
}

func (m *cloudMachine) associateVpcCidrBlock(t *rapid.T, c vpcmodel.Caller, id, block string) {
	out, err := m.c.AssociateVpcCidrBlock(c, vpcmodel.AssociateVpcCidrBlockInput{VPCID: id, CIDRBlock: block}, m.now)
	p := netip.MustParsePrefix(block)
	v := m.ownVPC(c, id)
	if v == nil {
		want(t, "AssociateVpcCidrBlock, not the caller's", err, "InvalidVpcID.NotFound")
		return
	}
	var routes []netip.Prefix
	for _, tb := range m.tablesOf(id) {
		for d := range tb.static {
			routes = append(routes, d)
		}
	}
	inRange := func(r string) bool { return netip.MustParsePrefix(r).Contains(p.Addr()) }
	switch {
	case p.Bits() < 16 || p.Bits() > 28:
		want(t, "AssociateVpcCidrBlock, size", err, "InvalidVpc.Range")
		return
	case !inRange("10.0.0.0/8") && !inRange("100.64.0.0/10"):
		want(t, "AssociateVpcCidrBlock, restricted range", err, "InvalidVpc.Range")
		return
	case overlapsAny([]netip.Prefix{p}, v.cidrs()):
		want(t, "AssociateVpcCidrBlock, overlaps the VPC", err, "InvalidVpc.Range")
		return
	case slices.ContainsFunc(routes, func(r netip.Prefix) bool { return within(r, []netip.Prefix{p}) }):
		// E.3: "A VPC cannot get a new CIDR that is the same as or larger
		// than an existing route destination in any of its route tables."
		want(t, "AssociateVpcCidrBlock, a route inside", err, "InvalidVpc.Range")
		return
	case len(v.blocks) >= 5:
		want(t, "AssociateVpcCidrBlock, quota", err, "CidrLimitExceeded")
		return
	}
	// B.1: the requester of a pending request may add no block; a block
	// overlapping the peer of an active connection is refused; the first
	// refusal in connection-ID order decides.
	for _, pid := range slices.Sorted(slices.Values(m.pcxIDs)) {
		x := m.pcxs[pid]
		switch {
		case !x.has(v.ref()) || !x.live():
		case x.code == mPending && x.req.mRef == v.ref():
			want(t, "AssociateVpcCidrBlock, requester of a pending request", err, "OperationNotPermitted")
			return
		case x.code == mActive && overlapsAny([]netip.Prefix{p}, x.side(x.other(v.ref())).blocks):
			want(t, "AssociateVpcCidrBlock, overlaps an active peer", err, "InvalidVpc.Range")
			return
		}
	}
	want(t, "AssociateVpcCidrBlock", err, "")
	a := out.CIDRBlockAssociation.Value
	if out.VPCID != id || a.CIDRBlock != block || a.CIDRBlockState.State != "associating" || slices.Contains(m.assocIDs, a.AssociationID) {
		t.Fatalf("AssociateVpcCidrBlock returned %+v", out)
	}
	v.blocks = append(v.blocks, mBlock{a.AssociationID, p})
	m.assocIDs = append(m.assocIDs, a.AssociationID)
	for _, pid := range m.pcxIDs {
		x := m.pcxs[pid]
		if !x.live() || !x.has(v.ref()) {
			continue
		}
		// A.2: the accepter adding an overlapping block fails the request.
		if x.code == mPending && overlapsAny([]netip.Prefix{p}, x.req.blocks) {
			x.code, x.changed = mFailed, m.now
			continue
		}
		s := x.side(v.ref())
		s.blocks = append(slices.Clone(s.blocks), p)
	}
}

// AssociateVpcIPv6CidrBlock asks for an Amazon-provided IPv6 block, mostly
// for a VPC that has some already, so that the quota of five is reached.
func (m *cloudMachine) AssociateVpcIPv6CidrBlock(t *rapid.T) {
	var fullest *mVPC
	for _, id := range m.vpcIDs {
		if v := m.vpcs[id]; !v.deleted && (fullest == nil || len(v.cidrs6()) > len(fullest.cidrs6())) {
			fullest = v
		}
	}
	if fullest != nil && rapid.Bool().Draw(t, "fullest") {
		m.associateVpcIPv6CidrBlock(t, m.actor(t, fullest.owner), fullest.id)
		return
	}
	id, c := m.pickOwned(t, "vpc", m.liveVPCs(), m.vpcIDs, unknownVPC)
	m.associateVpcIPv6CidrBlock(t, c, id)
}

func (m *cloudMachine) associateVpcIPv6CidrBlock(t *rapid.T, c vpcmodel.Caller, id string) {
	out, err := m.c.AssociateVpcCidrBlock(c, vpcmodel.AssociateVpcCidrBlockInput{VPCID: id,
		IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, m.now)
	v := m.ownVPC(c, id)
	switch {
	case v == nil:
		want(t, "AssociateVpcCidrBlock IPv6, not the caller's", err, "InvalidVpcID.NotFound")
		return
	case len(v.cidrs6()) >= 5:
		want(t, "AssociateVpcCidrBlock IPv6, quota", err, "CidrLimitExceeded") // the VPC quotas page: 5
		return
	case slices.ContainsFunc(m.pcxIDs, func(p string) bool { x := m.pcxs[p]; return x.code == mPending && x.req.mRef == v.ref() }):
		// B.1: the requester of a pending request may add no block.
		want(t, "AssociateVpcCidrBlock IPv6, requester of a pending request", err, "OperationNotPermitted")
		return
	}
	want(t, "AssociateVpcCidrBlock IPv6", err, "")
	if out.VPCID != id || out.CIDRBlockAssociation.Set || !out.IPv6CIDRBlockAssociation.Set {
		t.Fatalf("AssociateVpcCidrBlock IPv6 returned %+v", out)
	}
	b := m.newIPv6Block(t, "AssociateVpcCidrBlock", out.IPv6CIDRBlockAssociation.Value)
	v.ipv6 = append(v.ipv6, b)
	// Blocks of the partition never overlap: no request fails for it, and
	// the peer sees the new block.
	for _, pid := range m.pcxIDs {
		if x := m.pcxs[pid]; x.live() && x.has(v.ref()) {
			s := x.side(v.ref())
			s.blocks6 = append(slices.Clone(s.blocks6), b.cidr)
		}
	}
}

func (m *cloudMachine) DisassociateVpcCidrBlock(t *rapid.T) {
	var live []string // secondary IPv4 and associated IPv6 blocks of live VPCs
	owner := map[string]vpcmodel.Caller{}
	for _, id := range m.vpcIDs {
		for i, b := range m.vpcs[id].blocks {
			owner[b.assoc] = m.vpcs[id].owner
			if !m.vpcs[id].deleted && i > 0 {
				live = append(live, b.assoc)
			}
		}
		for _, b := range m.vpcs[id].ipv6 {
			owner[b.assoc] = m.vpcs[id].owner
			if !m.vpcs[id].deleted && !b.gone {
				live = append(live, b.assoc)
			}
		}
	}
	assoc := pick(t, "association", live, m.assocIDs, unknownAssoc)
	var c vpcmodel.Caller
	if o, ok := owner[assoc]; ok {
		c = m.actor(t, o)
	} else {
		c = m.caller(t)
	}
	out, err := m.c.DisassociateVpcCidrBlock(c, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: assoc}, m.now)
	var v *mVPC
	i := -1
	for _, id := range m.liveVPCsOf(c) {
		if j := slices.IndexFunc(m.vpcs[id].blocks, func(b mBlock) bool { return b.assoc == assoc }); j >= 0 {
			v, i = m.vpcs[id], j
		}
		if j := slices.IndexFunc(m.vpcs[id].ipv6, func(b mBlock6) bool { return b.assoc == assoc }); j >= 0 {
			m.disassociateIPv6(t, m.vpcs[id], j, out, err)
			return
		}
	}
	switch {
	case v == nil:
		want(t, "DisassociateVpcCidrBlock, unknown", err, "InvalidVpcCidrBlockAssociationID.NotFound")
		return
	case i == 0:
		want(t, "DisassociateVpcCidrBlock, the primary block", err, "OperationNotPermitted")
		return
	}
	want(t, "DisassociateVpcCidrBlock", err, "")
	b := v.blocks[i]
	if out.VPCID != v.id || out.CIDRBlockAssociation.Value.AssociationID != assoc || out.CIDRBlockAssociation.Value.CIDRBlock != b.cidr.String() ||
		out.CIDRBlockAssociation.Value.CIDRBlockState.State != "disassociating" {
		t.Fatalf("DisassociateVpcCidrBlock returned %+v", out)
	}
	v.blocks = slices.Delete(slices.Clone(v.blocks), i, i+1)
	for _, pid := range m.pcxIDs {
		if x := m.pcxs[pid]; x.live() && x.has(v.ref()) {
			s := x.side(v.ref())
			s.blocks = removePrefix(s.blocks, b.cidr)
		}
	}
}

// disassociateIPv6 checks the answer to disassociating v's IPv6 block j:
// any associated IPv6 block may go, the last too (a VPC needs only its IPv4
// block); a disassociated one is refused. The block leaves the peers'
// view and the local routes, and stays listed as disassociated, the
// newest five of them.
func (m *cloudMachine) disassociateIPv6(t *rapid.T, v *mVPC, j int, out vpcmodel.DisassociateVpcCidrBlockOutput, err error) {
	b := v.ipv6[j]
	if b.gone {
		want(t, "DisassociateVpcCidrBlock IPv6, disassociated", err, "IncorrectState")
		return
	}
	want(t, "DisassociateVpcCidrBlock IPv6", err, "")
	a := out.IPv6CIDRBlockAssociation.Value
	if out.VPCID != v.id || out.CIDRBlockAssociation.Set || a.AssociationID != b.assoc || a.IPv6CIDRBlock != b.cidr.String() ||
		a.IPv6CIDRBlockState.State != "disassociating" {
		t.Fatalf("DisassociateVpcCidrBlock IPv6 returned %+v", out)
	}
	v.ipv6 = slices.Clone(v.ipv6)
	v.ipv6[j].gone = true
	gone := 0
	for _, x := range v.ipv6 {
		if x.gone {
			gone++
		}
	}
	if gone > 5 {
		k := slices.IndexFunc(v.ipv6, func(x mBlock6) bool { return x.gone })
		v.ipv6 = slices.Delete(v.ipv6, k, k+1)
	}
	for _, pid := range m.pcxIDs {
		if x := m.pcxs[pid]; x.live() && x.has(v.ref()) {
			s := x.side(v.ref())
			s.blocks6 = removePrefix(s.blocks6, b.cidr)
		}
	}
}

// Peering.

func (m *cloudMachine) CreateVpcPeeringConnection(t *rapid.T) {
	vpcID, c := m.pickOwned(t, "vpc", m.liveVPCs(), m.vpcIDs, unknownVPC)
	peer := mRef{mCallers()[0], unknownVPC}
	if id := pick(t, "peer", m.liveVPCs(), m.vpcIDs, unknownVPC); id != unknownVPC {
		peer = m.vpcs[id].ref()
	}
	if rapid.IntRange(0, 4).Draw(t, "peer owner drawn") == 0 || peer.vpc == unknownVPC {
		peer.owner = m.caller(t) // often not where the VPC is: the request fails
	}
	m.createVpcPeeringConnection(t, c, vpcID, peer)
}

// createVpcPeeringConnection requests a connection from c's VPC vpcID to
// peer, leaving PeerOwnerId and PeerRegion out now and then when they are
// the caller's, and returns its ID ("" when refused).
func (m *cloudMachine) createVpcPeeringConnection(t *rapid.T, c vpcmodel.Caller, vpcID string, peer mRef) string {
	in := vpcmodel.CreateVpcPeeringConnectionInput{VPCID: vpcID, PeerVPCID: peer.vpc, PeerOwnerID: peer.owner.Account, PeerRegion: peer.owner.Region}
	if in.PeerOwnerID == c.Account && rapid.Bool().Draw(t, "default owner") {
		in.PeerOwnerID = ""
	}
	if in.PeerRegion == c.Region && rapid.Bool().Draw(t, "default Region") {
		in.PeerRegion = ""
	}
	out, err := m.c.CreateVpcPeeringConnection(c, in, m.now)

	req := m.ownVPC(c, vpcID)
	var acc *mVPC
	if v := m.vpcs[peer.vpc]; v != nil && !v.deleted && v.owner == peer.owner {
		acc = v
	}
	outstanding := 0
	for _, id := range m.pcxIDs {
		if x := m.pcxs[id]; x.code == mPending && x.req.owner.Account == c.Account {
			outstanding++
		}
	}
	switch {
	case req == nil:
		want(t, "CreateVpcPeeringConnection, not the caller's VPC", err, "InvalidVpcID.NotFound")
		return ""
	case req.ref() == peer:
		want(t, "CreateVpcPeeringConnection, with itself", err, "InvalidParameterValue") // H.5
		return ""
	case acc == nil && peer.owner == c:
		want(t, "CreateVpcPeeringConnection, missing peer", err, "InvalidVpcID.NotFound") // A.5
		return ""
	case slices.ContainsFunc(m.pcxIDs, func(id string) bool { x := m.pcxs[id]; return x.live() && x.has(req.ref()) && x.has(peer) }):
		want(t, "CreateVpcPeeringConnection, one already", err, "VpcPeeringConnectionAlreadyExists") // B.1, H.4
		return ""
	case outstanding >= m.maxOut:
		want(t, "CreateVpcPeeringConnection, quota", err, "OutstandingVpcPeeringConnectionLimitExceeded") // H.3
		return ""
	}
	want(t, "CreateVpcPeeringConnection", err, "")
	got := out.VPCPeeringConnection
	if got.Status.Code != "initiating-request" || got.Status.Message != "Initiating Request to "+peer.owner.Account ||
		got.RequesterVPCInfo.VPCID != vpcID || got.AccepterVPCInfo.VPCID != peer.vpc || m.pcxs[got.VPCPeeringConnectionID] != nil {
		t.Fatalf("CreateVpcPeeringConnection returned %+v", got)
	}
	x := &mPCX{id: got.VPCPeeringConnectionID, req: mSide{req.ref(), req.cidrs(), req.cidrs6()}, acc: mSide{mRef: peer},
		code: mPending, requested: m.now, changed: m.now}
	// A.5: a missing peer across accounts or Regions, or overlapping
	// blocks of either family, fail the request.
	if acc == nil {
		x.code = mFailed
	} else {
		x.acc.blocks, x.acc.blocks6 = acc.cidrs(), acc.cidrs6()
		if overlapsAny(x.req.blocks, x.acc.blocks) || overlapsAny(x.req.blocks6, x.acc.blocks6) {
			x.code = mFailed
		}
	}
	m.pcxs[x.id] = x
	m.pcxIDs = append(m.pcxIDs, x.id)
	return x.id
}

// pickPCX returns a connection ID, mostly one in status code, and who acts
// on it: mostly the owner the action is for (the accepter's to answer a
// request), else the other owner, now and then anyone.
func (m *cloudMachine) pickPCX(t *rapid.T, code string) (string, vpcmodel.Caller) {
	likely := idsWhere(m.pcxIDs, m.pcxs, func(x *mPCX) bool { return x.code == code })
	id := pick(t, "pcx", likely, m.pcxIDs, unknownPCX)
	x := m.pcxs[id]
	switch {
	case x == nil:
		return id, m.caller(t)
	case code == mPending && x.code == mPending:
		return id, m.actor(t, x.acc.owner, x.req.owner)
	}
	return id, m.actor(t, x.req.owner, x.acc.owner)
}

func (m *cloudMachine) activeOn(r mRef) int {
	n := 0
	for _, id := range m.pcxIDs {
		if x := m.pcxs[id]; x.code == mActive && x.has(r) {
			n++
		}
	}
	return n
}

func (m *cloudMachine) AcceptVpcPeeringConnection(t *rapid.T) { m.answer(t, true) }
func (m *cloudMachine) RejectVpcPeeringConnection(t *rapid.T) { m.answer(t, false) }

func (m *cloudMachine) answer(t *rapid.T, accept bool) {
	id, c := m.pickPCX(t, mPending)
	m.answerAs(t, c, id, accept)
}

func (m *cloudMachine) answerAs(t *rapid.T, c vpcmodel.Caller, id string, accept bool) {
	in := vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: id}
	var out vpcmodel.AcceptVpcPeeringConnectionOutput
	var err error
	what := "RejectVpcPeeringConnection"
	if accept {
		what = "AcceptVpcPeeringConnection"
		out, err = m.c.AcceptVpcPeeringConnection(c, in, m.now)
	} else {
		_, err = m.c.RejectVpcPeeringConnection(c, in, m.now)
	}
	x := m.pcxs[id]
	switch { // A.4
	case x == nil || !x.visibleTo(c, m.now):
		want(t, what+", not visible", err, "InvalidVpcPeeringConnectionID.NotFound")
	case c.Account != x.acc.owner.Account:
		want(t, what+", not the accepter", err, "OperationNotPermitted")
	case c.Region != x.acc.owner.Region:
		want(t, what+", not in the accepter's Region", err, "OperationNotPermitted")
	case x.code != mPending:
		want(t, what+", not pending", err, "InvalidStateTransition")
	case accept && (m.activeOn(x.req.mRef) >= m.maxAct || m.activeOn(x.acc.mRef) >= m.maxAct):
		want(t, what+", quota", err, "ActiveVpcPeeringConnectionPerVpcLimitExceeded") // H.3
	case accept:
		want(t, what, err, "")
		if s := out.VPCPeeringConnection.Status; s.Code != "provisioning" || s.Message != "Provisioning" {
			t.Fatalf("%s returned %+v", what, s)
		}
		x.code, x.changed, x.accepted = mActive, m.now, true
	default:
		want(t, what, err, "")
		x.code, x.changed, x.actor = mRejected, m.now, c.Account
	}
}

func (m *cloudMachine) DeleteVpcPeeringConnection(t *rapid.T) {
	code := mActive
	if rapid.Bool().Draw(t, "a request") {
		code = mPending
	}
	id, c := m.pickPCX(t, code)
	m.deleteVpcPeeringConnection(t, c, id)
}

func (m *cloudMachine) deleteVpcPeeringConnection(t *rapid.T, c vpcmodel.Caller, id string) {
	_, err := m.c.DeleteVpcPeeringConnection(c, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: id}, m.now)
	x := m.pcxs[id]
	switch { // A.4: either owner when active, the requester when pending
	case x == nil || !x.visibleTo(c, m.now):
		want(t, "DeleteVpcPeeringConnection, not visible", err, "InvalidVpcPeeringConnectionID.NotFound")
	case x.code == mPending && c != x.req.owner:
		want(t, "DeleteVpcPeeringConnection, pending, not the requester", err, "OperationNotPermitted")
	case !x.live():
		want(t, "DeleteVpcPeeringConnection, "+x.code, err, "InvalidStateTransition")
	default:
		want(t, "DeleteVpcPeeringConnection", err, "")
		x.code, x.changed, x.actor = mDeleted, m.now, c.Account
	}
}

// Route tables.

func (m *cloudMachine) CreateRouteTable(t *rapid.T) {
	id, c := m.pickOwned(t, "vpc", m.liveVPCs(), m.vpcIDs, unknownVPC)
	out, err := m.c.CreateRouteTable(c, vpcmodel.CreateRouteTableInput{VPCID: id}, m.now)
	v := m.ownVPC(c, id)
	if v == nil {
		want(t, "CreateRouteTable, not the caller's VPC", err, "InvalidVpcID.NotFound")
		return
	}
	want(t, "CreateRouteTable", err, "")
	rt := out.RouteTable
	if rt.VPCID != id || len(rt.Associations) != 0 || len(rt.Routes) != len(v.allCIDRs()) {
		t.Fatalf("CreateRouteTable returned %+v", rt)
	}
	m.addTable(rt.RouteTableID, v, false)
}

func (m *cloudMachine) pickTable(t *rapid.T) (string, vpcmodel.Caller) {
	return m.pickOwned(t, "rtb", m.liveTables(), m.tableIDs, unknownRTB)
}

func (m *cloudMachine) DeleteRouteTable(t *rapid.T) {
	id, c := m.pickTable(t)
	_, err := m.c.DeleteRouteTable(c, vpcmodel.DeleteRouteTableInput{RouteTableID: id}, m.now)
	tb := m.ownTable(c, id)
	switch {
	case tb == nil:
		want(t, "DeleteRouteTable, not the caller's", err, "InvalidRouteTableID.NotFound")
	case tb.main:
		want(t, "DeleteRouteTable, the main table", err, "DependencyViolation") // E.8
	default:
		want(t, "DeleteRouteTable", err, "")
		tb.deleted = true
	}
}

// routeDests returns the destinations routes are drawn from: the fixed
// IPv4 and IPv6 ones, and the IPv6 blocks of live VPCs (and a /64 of each),
// so that routes to a peer's block, and into a VPC's own block, happen.
func (m *cloudMachine) routeDests(extra ...*mVPC) []string {
	out := append(slices.Clone(mRouteDests), mRouteDests6...)
	vs := extra
	for _, id := range m.liveVPCs() {
		vs = append(vs, m.vpcs[id])
	}
	for _, v := range vs {
		for _, b := range v.ipv6 {
			out = append(out, b.cidr.String(), netip.PrefixFrom(b.cidr.Addr(), 64).String())
		}
	}
	return out
}

func (m *cloudMachine) CreateRoute(t *rapid.T) {
	id, c := m.pickTable(t)
	dest := rapid.SampledFrom(m.routeDests()).Draw(t, "dest")
	var serving func(string) bool // the targets of the table's VPC
	if tb := m.tables[id]; tb != nil {
		serving = func(target string) bool {
			if x := m.pcxs[target]; x != nil {
				return x.live() && x.has(tb.vpc.ref())
			}
			return m.vgws[target].vpc == tb.vpc.id
		}
	} else {
		serving = func(string) bool { return false }
	}
	target := ""
	if rapid.Bool().Draw(t, "to a peering connection") {
		target = pick(t, "pcx", slices.DeleteFunc(slices.Clone(m.pcxIDs), func(x string) bool { return !serving(x) }), m.pcxIDs, unknownPCX)
	} else {
		target = pick(t, "vgw", slices.DeleteFunc(slices.Clone(m.vgwIDs), func(x string) bool { return !serving(x) }), m.vgwIDs, unknownVGW)
	}
	m.createRoute(t, c, id, dest, target)
}

// routeDest is the destination parameter for dest, of its family.
func routeDest(dest string) vpcmodel.RouteDestination {
	if netip.MustParsePrefix(dest).Addr().Is6() {
		return vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: dest}
	}
	return vpcmodel.RouteDestination{DestinationCIDRBlock: dest}
}

// createRoute adds a route from dest to target (pcx- or vgw-) in table id.
func (m *cloudMachine) createRoute(t *rapid.T, c vpcmodel.Caller, id, dest, target string) {
	in := vpcmodel.CreateRouteInput{RouteTableID: id, RouteDestination: routeDest(dest)}
	if strings.HasPrefix(target, "pcx-") {
		in.VPCPeeringConnectionID = target
	} else {
		in.GatewayID = target
	}
	_, err := m.c.CreateRoute(c, in, m.now)
	tb := m.ownTable(c, id)
	d := netip.MustParsePrefix(dest)
	if tb == nil {
		want(t, "CreateRoute, not the caller's table", err, "InvalidRouteTableID.NotFound")
		return
	}
	_, static := tb.static[d]
	switch { // H.12: duplicates first, then "more specific than a VPC block", then the target
	case static || slices.Contains(tb.vpc.allCIDRs(), d):
		want(t, "CreateRoute, duplicate", err, "RouteAlreadyExists")
		return
	case within(d, tb.vpc.allCIDRs()):
		want(t, "CreateRoute, inside a VPC block", err, "InvalidParameterValue")
		return
	}
	if strings.HasPrefix(target, "pcx-") {
		x := m.pcxs[target]
		switch { // E.4, H.11
		case x == nil || !x.live() || tb.vpc.owner.Account != x.req.owner.Account && tb.vpc.owner.Account != x.acc.owner.Account:
			want(t, "CreateRoute, no such live connection", err, "InvalidVpcPeeringConnectionID.NotFound")
			return
		case !x.has(tb.vpc.ref()):
			want(t, "CreateRoute, another VPC's connection", err, "InvalidParameterValue")
			return
		}
	} else {
		g := m.vgws[target]
		switch { // E.2: a VGW attached to the VPC
		case g == nil || g.deleted || g.owner != tb.vpc.owner:
			want(t, "CreateRoute, no such VGW", err, "InvalidVpnGatewayID.NotFound")
			return
		case !g.attached:
			want(t, "CreateRoute, VGW detached", err, "Gateway.NotAttached")
			return
		case g.vpc != tb.vpc.id:
			want(t, "CreateRoute, VGW of another VPC", err, "InvalidParameterValue")
			return
		}
	}
	want(t, "CreateRoute", err, "")
	tb.static[d] = target
}

func (m *cloudMachine) DeleteRoute(t *rapid.T) {
	id, c := m.pickOwned(t, "rtb", idsWhere(m.tableIDs, m.tables, func(tb *mTable) bool { return !tb.deleted && len(tb.static) > 0 }), m.tableIDs, unknownRTB)
	dests := m.routeDests()
	if tb := m.tables[id]; tb != nil {
		for _, b := range tb.vpc.allCIDRs() {
			dests = append(dests, b.String())
		}
		for d := range tb.static {
			dests = append(dests, d.String(), d.String()) // map order is harmless: sorted below
		}
	}
	slices.Sort(dests)
	dest := rapid.SampledFrom(dests).Draw(t, "dest")
	_, err := m.c.DeleteRoute(c, vpcmodel.DeleteRouteInput{RouteTableID: id, RouteDestination: routeDest(dest)}, m.now)
	tb := m.ownTable(c, id)
	d := netip.MustParsePrefix(dest)
	switch {
	case tb == nil:
		want(t, "DeleteRoute, not the caller's table", err, "InvalidRouteTableID.NotFound")
	case slices.Contains(tb.vpc.allCIDRs(), d):
		want(t, "DeleteRoute, a local route", err, "InvalidParameterValue") // E.3
	case tb.static[d] == "":
		want(t, "DeleteRoute, no such route", err, "InvalidRoute.NotFound")
	default:
		want(t, "DeleteRoute", err, "")
		delete(tb.static, d)
	}
}

func (m *cloudMachine) EnableVgwRoutePropagation(t *rapid.T) {
	rtb, c := m.pickTable(t)
	m.enableVgwRoutePropagation(t, c, rtb, m.pickVGW(t, c))
}

func (m *cloudMachine) enableVgwRoutePropagation(t *rapid.T, c vpcmodel.Caller, rtb, vgw string) {
	_, err := m.c.EnableVgwRoutePropagation(c, vpcmodel.EnableVgwRoutePropagationInput{GatewayID: vgw, RouteTableID: rtb}, m.now)
	tb := m.ownTable(c, rtb)
	if tb == nil {
		want(t, "EnableVgwRoutePropagation, not the caller's table", err, "InvalidRouteTableID.NotFound")
		return
	}
	if slices.Contains(tb.propagating, vgw) {
		want(t, "EnableVgwRoutePropagation, again", err, "")
		return
	}
	g := m.vgws[vgw]
	switch { // E.6: "VGW must be attached to the same VPC as the table"
	case g == nil || g.deleted || g.owner != c:
		want(t, "EnableVgwRoutePropagation, no such VGW", err, "InvalidVpnGatewayID.NotFound")
	case !g.attached:
		want(t, "EnableVgwRoutePropagation, detached", err, "Gateway.NotAttached")
	case g.vpc != tb.vpc.id:
		want(t, "EnableVgwRoutePropagation, another VPC's", err, "InvalidParameterValue")
	default:
		want(t, "EnableVgwRoutePropagation", err, "")
		tb.propagating = append(tb.propagating, vgw)
		slices.Sort(tb.propagating)
	}
}

func (m *cloudMachine) DisableVgwRoutePropagation(t *rapid.T) {
	rtb, c := m.pickTable(t)
	vgw := m.pickVGW(t, c)
	if tb := m.tables[rtb]; tb != nil && len(tb.propagating) > 0 && rapid.Bool().Draw(t, "a propagating one") {
		vgw = rapid.SampledFrom(tb.propagating).Draw(t, "propagating")
	}
	m.disableVgwRoutePropagation(t, c, rtb, vgw)
}

func (m *cloudMachine) disableVgwRoutePropagation(t *rapid.T, c vpcmodel.Caller, rtb, vgw string) {
	_, err := m.c.DisableVgwRoutePropagation(c, vpcmodel.DisableVgwRoutePropagationInput{GatewayID: vgw, RouteTableID: rtb}, m.now)
	tb := m.ownTable(c, rtb)
	if tb == nil {
		want(t, "DisableVgwRoutePropagation, not the caller's table", err, "InvalidRouteTableID.NotFound")
		return
	}
	want(t, "DisableVgwRoutePropagation", err, "")
	tb.propagating = slices.DeleteFunc(tb.propagating, func(g string) bool { return g == vgw })
}

// Site-to-Site VPN.

func (m *cloudMachine) pickVGW(t *rapid.T, c vpcmodel.Caller) string {
	return pick(t, "vgw", idsWhere(m.vgwIDs, m.vgws, func(g *mVGW) bool { return g.owner == c && !g.deleted }), m.vgwIDs, unknownVGW)
}

func (m *cloudMachine) liveCGWs() []string {
	return idsWhere(m.cgwIDs, m.cgws, func(g *mCGW) bool { return !g.deleted })
}

func (m *cloudMachine) liveVGWs() []string {
	return idsWhere(m.vgwIDs, m.vgws, func(g *mVGW) bool { return !g.deleted })
}

func (m *cloudMachine) liveVPNs() []string {
	return idsWhere(m.vpnIDs, m.vpns, func(v *mVPN) bool { return !v.deleted })
}

func (m *cloudMachine) CreateCustomerGateway(t *rapid.T) {
	m.createCustomerGateway(t, m.caller(t), rapid.SampledFrom(mDeviceIPs).Draw(t, "ip"))
}

func (m *cloudMachine) createCustomerGateway(t *rapid.T, c vpcmodel.Caller, ip string) string {
	out, err := m.c.CreateCustomerGateway(c, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", IPAddress: ip}, m.now)
	want(t, "CreateCustomerGateway", err, "")
	g := out.CustomerGateway
	if g.State != "available" || g.IPAddress != ip || g.BGPASN != "65000" {
		t.Fatalf("CreateCustomerGateway returned %+v", g)
	}
	// H.8: an identical request answers the caller's live gateway.
	for _, id := range m.cgwIDs {
		if x := m.cgws[id]; x.owner == c && !x.deleted && x.ip == ip {
			if g.CustomerGatewayID != id {
				t.Fatalf("CreateCustomerGateway made %s, want the identical %s", g.CustomerGatewayID, id)
			}
			return id
		}
	}
	if m.cgws[g.CustomerGatewayID] != nil {
		t.Fatalf("CreateCustomerGateway reused ID %s", g.CustomerGatewayID)
	}
	m.cgws[g.CustomerGatewayID] = &mCGW{mDeletable: mDeletable{id: g.CustomerGatewayID, owner: c}, ip: ip}
	m.cgwIDs = append(m.cgwIDs, g.CustomerGatewayID)
	return g.CustomerGatewayID
}

// liveVPNUsing reports whether a VPN connection of c that is not deleted
// uses gateway id.
func (m *cloudMachine) liveVPNUsing(c vpcmodel.Caller, id string) bool {
	return slices.ContainsFunc(m.vpnIDs, func(v string) bool {
		x := m.vpns[v]
		return x.owner == c && !x.deleted && (x.cgw == id || x.vgw == id)
	})
}

func (m *cloudMachine) DeleteCustomerGateway(t *rapid.T) {
	id, c := m.pickOwned(t, "cgw", m.liveCGWs(), m.cgwIDs, unknownCGW)
	_, err := m.c.DeleteCustomerGateway(c, vpcmodel.DeleteCustomerGatewayInput{CustomerGatewayID: id}, m.now)
	g := m.listedCGW(c, id)
	switch { // F.2: "Delete only when no VPN connection uses it"
	case g == nil:
		want(t, "DeleteCustomerGateway, not listed", err, "InvalidCustomerGatewayID.NotFound")
	case g.deleted:
		want(t, "DeleteCustomerGateway, again", err, "")
	case m.liveVPNUsing(c, id):
		want(t, "DeleteCustomerGateway, in use", err, "IncorrectState")
	default:
		want(t, "DeleteCustomerGateway", err, "")
		g.deleted, g.deletedAt = true, m.now
	}
}

func (m *cloudMachine) CreateVpnGateway(t *rapid.T) { m.createVpnGateway(t, m.caller(t)) }

func (m *cloudMachine) createVpnGateway(t *rapid.T, c vpcmodel.Caller) string {
	out, err := m.c.CreateVpnGateway(c, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, m.now)
	if len(idsWhere(m.vgwIDs, m.vgws, func(g *mVGW) bool { return g.owner == c && !g.deleted })) >= 5 {
		want(t, "CreateVpnGateway, quota", err, "VpnGatewayLimitExceeded") // F.6: 5 per Region
		return unknownVGW
	}
	want(t, "CreateVpnGateway", err, "")
	g := out.VPNGateway
	if g.State != "available" || g.AmazonSideASN != 64512 || len(g.VPCAttachments) != 0 || m.vgws[g.VPNGatewayID] != nil {
		t.Fatalf("CreateVpnGateway returned %+v", g)
	}
	m.vgws[g.VPNGatewayID] = &mVGW{mDeletable: mDeletable{id: g.VPNGatewayID, owner: c}}
	m.vgwIDs = append(m.vgwIDs, g.VPNGatewayID)
	return g.VPNGatewayID
}

func (m *cloudMachine) AttachVpnGateway(t *rapid.T) {
	vgw, c := m.pickOwned(t, "vgw", m.liveVGWs(), m.vgwIDs, unknownVGW)
	m.attachVpnGateway(t, c, pick(t, "vpc", m.liveVPCsOf(c), m.vpcIDs, unknownVPC), vgw)
}

func (m *cloudMachine) attachVpnGateway(t *rapid.T, c vpcmodel.Caller, vpc, vgw string) {
	out, err := m.c.AttachVpnGateway(c, vpcmodel.AttachVpnGatewayInput{VPCID: vpc, VPNGatewayID: vgw}, m.now)
	g := m.listedVGW(c, vgw)
	switch { // F.3: one VGW per VPC, one VPC per VGW
	case g == nil:
		want(t, "AttachVpnGateway, no such VGW", err, "InvalidVpnGatewayID.NotFound")
	case m.ownVPC(c, vpc) == nil:
		want(t, "AttachVpnGateway, no such VPC", err, "InvalidVpcID.NotFound")
	case g.deleted:
		want(t, "AttachVpnGateway, deleted", err, "IncorrectState")
	case g.attached && g.vpc == vpc: // M.4: again to its own VPC changes nothing
		want(t, "AttachVpnGateway, again to its VPC", err, "")
		if st := out.VPCAttachment.State; st != "attaching" && st != "attached" || out.VPCAttachment.VPCID != vpc {
			t.Fatalf("AttachVpnGateway again returned %+v", out)
		}
	case g.attached:
		want(t, "AttachVpnGateway, already attached", err, "VpnGatewayAttachmentLimitExceeded")
	case slices.ContainsFunc(m.vgwIDs, func(o string) bool { x := m.vgws[o]; return !x.deleted && x.attached && x.vpc == vpc }):
		want(t, "AttachVpnGateway, the VPC has one", err, "InvalidVpcState")
	default:
		want(t, "AttachVpnGateway", err, "")
		if out.VPCAttachment.State != "attaching" || out.VPCAttachment.VPCID != vpc {
			t.Fatalf("AttachVpnGateway returned %+v", out)
		}
		g.vpc, g.attached = vpc, true
	}
}

func (m *cloudMachine) DetachVpnGateway(t *rapid.T) {
	vgw, c := m.pickOwned(t, "vgw", idsWhere(m.vgwIDs, m.vgws, func(g *mVGW) bool { return g.attached }), m.vgwIDs, unknownVGW)
	vpc := pick(t, "vpc", m.liveVPCsOf(c), m.vpcIDs, unknownVPC)
	if g := m.vgws[vgw]; g != nil && g.vpc != "" && rapid.Bool().Draw(t, "its VPC") {
		vpc = g.vpc
	}
	g := m.listedVGW(c, vgw)
	_, err := m.c.DetachVpnGateway(c, vpcmodel.DetachVpnGatewayInput{VPCID: vpc, VPNGatewayID: vgw}, m.now)
	switch {
	case g == nil:
		want(t, "DetachVpnGateway, no such VGW", err, "InvalidVpnGatewayID.NotFound")
	case !g.attached || g.vpc != vpc:
		want(t, "DetachVpnGateway, not attached there", err, "InvalidVpnGatewayAttachment.NotFound")
	default:
		want(t, "DetachVpnGateway", err, "")
		g.attached = false
	}
}

func (m *cloudMachine) DeleteVpnGateway(t *rapid.T) {
	id, c := m.pickOwned(t, "vgw", m.liveVGWs(), m.vgwIDs, unknownVGW)
	_, err := m.c.DeleteVpnGateway(c, vpcmodel.DeleteVpnGatewayInput{VPNGatewayID: id}, m.now)
	g := m.listedVGW(c, id)
	switch { // F.3: "Delete requires detached"
	case g == nil:
		want(t, "DeleteVpnGateway, not listed", err, "InvalidVpnGatewayID.NotFound")
	case g.deleted:
		want(t, "DeleteVpnGateway, again", err, "")
	case g.attached:
		want(t, "DeleteVpnGateway, attached", err, "IncorrectState")
	case m.liveVPNUsing(c, id):
		want(t, "DeleteVpnGateway, in use", err, "IncorrectState")
	default:
		want(t, "DeleteVpnGateway", err, "")
		g.deleted, g.deletedAt = true, m.now
	}
}

func (m *cloudMachine) CreateVpnConnection(t *rapid.T) {
	cgw, c := m.pickOwned(t, "cgw", m.liveCGWs(), m.cgwIDs, unknownCGW)
	m.createVpnConnection(t, c, cgw, m.pickVGW(t, c))
}

func (m *cloudMachine) createVpnConnection(t *rapid.T, c vpcmodel.Caller, cgw, vgw string) string {
	out, err := m.c.CreateVpnConnection(c, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cgw, VPNGatewayID: vgw,
		Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: true}}, m.now)
	cg, vg := m.listedCGW(c, cgw), m.listedVGW(c, vgw)
	onVGW := idsWhere(m.vpnIDs, m.vpns, func(v *mVPN) bool { return v.owner == c && !v.deleted && v.vgw == vgw })
	switch { // F.4, H.9
	case cg == nil:
		want(t, "CreateVpnConnection, no such customer gateway", err, "InvalidCustomerGatewayID.NotFound")
	case vg == nil:
		want(t, "CreateVpnConnection, no such VGW", err, "InvalidVpnGatewayID.NotFound")
	case cg.deleted:
		want(t, "CreateVpnConnection, customer gateway deleted", err, "InvalidCustomerGatewayState")
	case vg.deleted:
		want(t, "CreateVpnConnection, VGW deleted", err, "InvalidVpnGatewayState")
	case slices.ContainsFunc(onVGW, func(v string) bool { return m.vpns[v].cgw == cgw }):
		want(t, "CreateVpnConnection, the pair has one", err, "InvalidOption.Conflict")
	case len(onVGW) >= 10:
		want(t, "CreateVpnConnection, quota per VGW", err, "VpnConnectionLimitExceeded") // F.6
	default:
		want(t, "CreateVpnConnection", err, "")
		v := out.VPNConnection
		if v.State != "pending" || v.CustomerGatewayID != cgw || v.VPNGatewayID != vgw || !v.Options.StaticRoutesOnly || m.vpns[v.VPNConnectionID] != nil {
			t.Fatalf("CreateVpnConnection returned %+v", v)
		}
		m.vpns[v.VPNConnectionID] = &mVPN{mDeletable: mDeletable{id: v.VPNConnectionID, owner: c}, cgw: cgw, vgw: vgw}
		m.vpnIDs = append(m.vpnIDs, v.VPNConnectionID)
		return v.VPNConnectionID
	}
	return unknownVPN
}

func (m *cloudMachine) DeleteVpnConnection(t *rapid.T) {
	id, c := m.pickOwned(t, "vpn", m.liveVPNs(), m.vpnIDs, unknownVPN)
	_, err := m.c.DeleteVpnConnection(c, vpcmodel.DeleteVpnConnectionInput{VPNConnectionID: id}, m.now)
	v := m.listedVPN(c, id)
	switch {
	case v == nil:
		want(t, "DeleteVpnConnection, not listed", err, "InvalidVpnConnectionID.NotFound")
	case v.deleted:
		want(t, "DeleteVpnConnection, again", err, "")
	default:
		want(t, "DeleteVpnConnection", err, "")
		v.deleted, v.deletedAt = true, m.now // deleting, and deleted by the next call
	}
}

func (m *cloudMachine) CreateVpnConnectionRoute(t *rapid.T) {
	id, c := m.pickOwned(t, "vpn", m.liveVPNs(), m.vpnIDs, unknownVPN)
	m.createVpnConnectionRoute(t, c, id, rapid.SampledFrom(mVPNDests).Draw(t, "dest"))
}

func (m *cloudMachine) createVpnConnectionRoute(t *rapid.T, c vpcmodel.Caller, id, dest string) {
	_, err := m.c.CreateVpnConnectionRoute(c, vpcmodel.CreateVpnConnectionRouteInput{VPNConnectionID: id, DestinationCIDRBlock: dest}, m.now)
	v := m.listedVPN(c, id)
	d := netip.MustParsePrefix(dest)
	switch {
	case v == nil:
		want(t, "CreateVpnConnectionRoute, not listed", err, "InvalidVpnConnectionID.NotFound")
	case v.deleted:
		want(t, "CreateVpnConnectionRoute, deleted", err, "InvalidVpnConnection.InvalidState")
	default:
		want(t, "CreateVpnConnectionRoute", err, "")
		if !slices.Contains(v.routes, d) {
			v.routes = append(v.routes, d)
		}
	}
}

func (m *cloudMachine) DeleteVpnConnectionRoute(t *rapid.T) {
	id, c := m.pickOwned(t, "vpn", m.liveVPNs(), m.vpnIDs, unknownVPN)
	dest := rapid.SampledFrom(mVPNDests).Draw(t, "dest")
	_, err := m.c.DeleteVpnConnectionRoute(c, vpcmodel.DeleteVpnConnectionRouteInput{VPNConnectionID: id, DestinationCIDRBlock: dest}, m.now)
	v := m.listedVPN(c, id)
	d := netip.MustParsePrefix(dest)
	switch {
	case v == nil:
		want(t, "DeleteVpnConnectionRoute, not listed", err, "InvalidVpnConnectionID.NotFound")
	case v.deleted:
		want(t, "DeleteVpnConnectionRoute, deleted", err, "InvalidVpnConnection.InvalidState")
	case !slices.Contains(v.routes, d):
		want(t, "DeleteVpnConnectionRoute, no such route", err, "InvalidRoute.NotFound")
	default:
		want(t, "DeleteVpnConnectionRoute", err, "")
		v.routes = removePrefix(v.routes, d)
	}
}

// Time.

// Wait lets time pass: minutes to hours mostly, days sometimes.
func (m *cloudMachine) Wait(t *rapid.T) {
	limit := 3 * time.Hour
	if rapid.Bool().Draw(t, "long") {
		limit = 9 * 24 * time.Hour
	}
	m.advance(m.now.Add(time.Duration(rapid.Int64Range(0, int64(limit)).Draw(t, "wait"))))
}

// WaitForDeadline moves the clock to 1 ns before, onto or 1 ns after one of
// the instants the spec names: a request's expiry, the end of a visibility
// window, the end of a deleted VPN resource's listing.
func (m *cloudMachine) WaitForDeadline(t *rapid.T) {
	var ds []time.Time
	for _, id := range m.pcxIDs {
		x := m.pcxs[id]
		if x.code == mPending {
			ds = append(ds, x.requested.Add(mRequestLifetime))
		}
		for _, a := range []string{x.req.owner.Account, x.acc.owner.Account} {
			if end, ok := x.windowEnd(a); ok && !end.IsZero() {
				ds = append(ds, end)
			}
		}
	}
	for _, d := range m.deletions() {
		if d.deleted {
			ds = append(ds, d.deletedAt.Add(mVPNRetention))
		}
	}
	ds = slices.DeleteFunc(ds, func(d time.Time) bool { return d.Add(time.Nanosecond).Before(m.now) })
	if len(ds) == 0 {
		m.Wait(t)
		return
	}
	slices.SortFunc(ds, time.Time.Compare)
	d := ds[0] // the next deadline, before anything else changes
	if rapid.Bool().Draw(t, "any deadline") {
		d = rapid.SampledFrom(ds).Draw(t, "deadline")
	}
	d = d.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
	if d.Before(m.now) {
		d = m.now
	}
	m.advance(d)
}

func (m *cloudMachine) deletions() []*mDeletable {
	var out []*mDeletable
	for _, id := range m.cgwIDs {
		out = append(out, &m.cgws[id].mDeletable)
	}
	for _, id := range m.vgwIDs {
		out = append(out, &m.vgws[id].mDeletable)
	}
	for _, id := range m.vpnIDs {
		out = append(out, &m.vpns[id].mDeletable)
	}
	return out
}

// advance moves the model's clock; a request still pending at its expiry
// is expired from that instant on (A.2).
func (m *cloudMachine) advance(to time.Time) {
	m.now = to
	for _, id := range m.pcxIDs {
		x := m.pcxs[id]
		if exp := x.requested.Add(mRequestLifetime); x.code == mPending && !m.now.Before(exp) {
			x.code, x.changed = mExpired, exp
		}
	}
}

// The invariant: every caller's Describe calls show what the model holds.

func (m *cloudMachine) Check(t *rapid.T) {
	for _, c := range mCallers() {
		m.checkVPCs(t, c)
		m.checkPeering(t, c)
		m.checkRouteTables(t, c)
		m.checkVPN(t, c)
	}
}

func (m *cloudMachine) diff(t *rapid.T, what string, c vpcmodel.Caller, want, got any) {
	t.Helper()
	if reflect.DeepEqual(want, got) { // the common case, without cmp's reflection
		return
	}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Fatalf("%s as %s in %s at %s mismatch (-model +cloud):\n%s", what, c.Account, c.Region, m.now.Format(time.RFC3339Nano), d)
	}
}

type vpcView struct {
	ID, Owner, State, CIDR string
	Blocks                 []string // "association cidr state"
	IPv6                   []string // "association cidr state pool border-group"
}

func (m *cloudMachine) checkVPCs(t *rapid.T, c vpcmodel.Caller) {
	out, err := m.c.DescribeVpcs(c, vpcmodel.DescribeVpcsInput{}, m.now)
	want(t, "DescribeVpcs", err, "")
	var got, exp []vpcView
	for _, v := range out.VPCs {
		x := vpcView{ID: v.VPCID, Owner: v.OwnerID, State: v.State, CIDR: v.CIDRBlock}
		for _, a := range v.CIDRBlockAssociations {
			x.Blocks = append(x.Blocks, a.AssociationID+" "+a.CIDRBlock+" "+a.CIDRBlockState.State)
		}
		for _, a := range v.IPv6CIDRBlockAssociations {
			x.IPv6 = append(x.IPv6, a.AssociationID+" "+a.IPv6CIDRBlock+" "+a.IPv6CIDRBlockState.State+" "+a.IPv6Pool+" "+a.NetworkBorderGroup)
		}
		got = append(got, x)
	}
	for _, id := range sortedIDs(m.liveVPCsOf(c)) {
		v := m.vpcs[id]
		x := vpcView{ID: id, Owner: c.Account, State: "available", CIDR: v.blocks[0].cidr.String()}
		for _, b := range v.blocks {
			x.Blocks = append(x.Blocks, b.assoc+" "+b.cidr.String()+" associated")
		}
		for _, b := range v.ipv6 {
			state := "associated"
			if b.gone {
				state = "disassociated"
			}
			x.IPv6 = append(x.IPv6, b.assoc+" "+b.cidr.String()+" "+state+" Amazon "+c.Region)
		}
		exp = append(exp, x)
	}
	m.diff(t, "DescribeVpcs", c, exp, got)
}

type sideView struct {
	Owner, Region, VPC, CIDR string
	CIDRs, CIDRs6            []string
	Options                  bool
}

type pcxView struct {
	ID, Code, Message string
	Expires           time.Time
	Req, Acc          sideView
}

func (m *cloudMachine) checkPeering(t *rapid.T, c vpcmodel.Caller) {
	out, err := m.c.DescribeVpcPeeringConnections(c, vpcmodel.DescribeVpcPeeringConnectionsInput{}, m.now)
	want(t, "DescribeVpcPeeringConnections", err, "")
	side := func(i vpcmodel.VPCPeeringConnectionVPCInfo) sideView {
		s := sideView{Owner: i.OwnerID, Region: i.Region, VPC: i.VPCID, CIDR: i.CIDRBlock, Options: i.PeeringOptions.Set}
		for _, b := range i.CIDRBlockSet {
			s.CIDRs = append(s.CIDRs, b.CIDRBlock)
		}
		for _, b := range i.IPv6CIDRBlocks {
			s.CIDRs6 = append(s.CIDRs6, b.IPv6CIDRBlock)
		}
		return s
	}
	var got, exp []pcxView
	for _, p := range out.VPCPeeringConnections {
		got = append(got, pcxView{ID: p.VPCPeeringConnectionID, Code: string(p.Status.Code), Message: p.Status.Message,
			Expires: p.ExpirationTime, Req: side(p.RequesterVPCInfo), Acc: side(p.AccepterVPCInfo)})
	}
	mside := func(s mSide, shown, active bool) sideView {
		v := sideView{Owner: s.owner.Account, Region: s.owner.Region, VPC: s.vpc, Options: active}
		// B.4: the IPv6 blocks show under the same rule as the IPv4 ones.
		if shown && len(s.blocks) > 0 {
			v.CIDR = s.blocks[0].String()
			for _, b := range s.blocks {
				v.CIDRs = append(v.CIDRs, b.String())
			}
			for _, b := range s.blocks6 {
				v.CIDRs6 = append(v.CIDRs6, b.String())
			}
		}
		return v
	}
	for _, id := range sortedIDs(m.pcxIDs) {
		x := m.pcxs[id]
		if !x.visibleTo(c, m.now) {
			continue
		}
		// A.4 and B.4: the requester's blocks show; the accepter's once it
		// accepted; the options while active; ExpirationTime while pending.
		v := pcxView{ID: id, Code: x.code, Message: x.message(),
			Req: mside(x.req, true, x.code == mActive), Acc: mside(x.acc, x.accepted, x.code == mActive)}
		if x.code == mPending {
			v.Expires = x.requested.Add(mRequestLifetime)
		}
		exp = append(exp, v)
	}
	m.diff(t, "DescribeVpcPeeringConnections", c, exp, got)
}

type routeView struct{ Dest, Target, Origin, State string }

type tableView struct {
	ID, VPC, Owner string
	Main           bool
	Propagating    []string
	Routes         []routeView
}

func (m *cloudMachine) checkRouteTables(t *rapid.T, c vpcmodel.Caller) {
	out, err := m.c.DescribeRouteTables(c, vpcmodel.DescribeRouteTablesInput{}, m.now)
	want(t, "DescribeRouteTables", err, "")
	var got, exp []tableView
	for _, rt := range out.RouteTables {
		x := tableView{ID: rt.RouteTableID, VPC: rt.VPCID, Owner: rt.OwnerID}
		for _, a := range rt.Associations {
			x.Main = x.Main || a.Main
		}
		for _, g := range rt.PropagatingVGWs {
			x.Propagating = append(x.Propagating, g.GatewayID)
		}
		for _, r := range rt.Routes {
			x.Routes = append(x.Routes, routeView{r.DestinationCIDRBlock + r.DestinationIPv6CIDRBlock, r.GatewayID + r.VPCPeeringConnectionID, string(r.Origin), string(r.State)})
		}
		sortRoutes(x.Routes)
		got = append(got, x)
	}
	for _, id := range sortedIDs(m.tableIDs) {
		if tb := m.ownTable(c, id); tb != nil {
			exp = append(exp, m.tableView(tb))
		}
	}
	m.diff(t, "DescribeRouteTables", c, exp, got)
}

// tableView is what the spec says DescribeRouteTables shows of tb: a local
// route per VPC block (E.3); each static route, active while its target can
// carry traffic and blackhole otherwise (E.4, H.11); and the static routes
// of the VPN connections of each propagating VGW attached to the VPC, while
// their tunnels are UP (E.6), unless a local or static route has the same
// destination (E.5).
func (m *cloudMachine) tableView(tb *mTable) tableView {
	v := tableView{ID: tb.id, VPC: tb.vpc.id, Owner: tb.vpc.owner.Account, Main: tb.main, Propagating: append([]string(nil), tb.propagating...)}
	taken := map[netip.Prefix]bool{}
	for _, b := range tb.vpc.allCIDRs() {
		v.Routes = append(v.Routes, routeView{b.String(), "local", "CreateRouteTable", "active"})
		taken[b] = true
	}
	for d, target := range tb.static {
		state := "blackhole"
		if x := m.pcxs[target]; x != nil && x.code == mActive {
			state = "active"
		}
		if g := m.vgws[target]; g != nil && !g.deleted && g.attached && g.vpc == tb.vpc.id {
			state = "active"
		}
		v.Routes = append(v.Routes, routeView{d.String(), target, "CreateRoute", state})
		taken[d] = true
	}
	for _, gid := range tb.propagating {
		g := m.vgws[gid]
		if g == nil || g.deleted || !g.attached || g.vpc != tb.vpc.id || !m.devices {
			continue
		}
		for _, id := range m.vpnIDs {
			x := m.vpns[id]
			if x.deleted || x.vgw != gid {
				continue
			}
			for _, d := range x.routes {
				if !taken[d] {
					taken[d] = true
					v.Routes = append(v.Routes, routeView{d.String(), gid, "EnableVgwRoutePropagation", "active"})
				}
			}
		}
	}
	sortRoutes(v.Routes)
	return v
}

func sortRoutes(rs []routeView) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Dest < rs[j].Dest })
}

func sortedIDs(ids []string) []string { return slices.Sorted(slices.Values(ids)) }

type cgwView struct{ ID, State, IP string }

type vgwView struct {
	ID, State   string
	Attachments []string // "vpc state"
}

type vpnView struct {
	ID, State, CGW, VGW string
	Routes              []string // "cidr state", while not deleted
	Tunnels             []string // telemetry, while not deleted
}

func (m *cloudMachine) checkVPN(t *rapid.T, c vpcmodel.Caller) {
	cgws, err := m.c.DescribeCustomerGateways(c, vpcmodel.DescribeCustomerGatewaysInput{}, m.now)
	want(t, "DescribeCustomerGateways", err, "")
	var gotC, expC []cgwView
	for _, g := range cgws.CustomerGateways {
		gotC = append(gotC, cgwView{g.CustomerGatewayID, g.State, g.IPAddress})
	}
	for _, id := range sortedIDs(m.cgwIDs) {
		if g := m.listedCGW(c, id); g != nil {
			expC = append(expC, cgwView{id, g.state(), g.ip})
		}
	}
	m.diff(t, "DescribeCustomerGateways", c, expC, gotC)

	vgws, err := m.c.DescribeVpnGateways(c, vpcmodel.DescribeVpnGatewaysInput{}, m.now)
	want(t, "DescribeVpnGateways", err, "")
	var gotG, expG []vgwView
	for _, g := range vgws.VPNGateways {
		x := vgwView{ID: g.VPNGatewayID, State: g.State}
		for _, a := range g.VPCAttachments {
			x.Attachments = append(x.Attachments, a.VPCID+" "+a.State)
		}
		gotG = append(gotG, x)
	}
	for _, id := range sortedIDs(m.vgwIDs) {
		if g := m.listedVGW(c, id); g != nil {
			x := vgwView{ID: id, State: g.state()}
			if g.vpc != "" {
				st := "detached"
				if g.attached {
					st = "attached"
				}
				x.Attachments = []string{g.vpc + " " + st}
			}
			expG = append(expG, x)
		}
	}
	m.diff(t, "DescribeVpnGateways", c, expG, gotG)

	vpns, err := m.c.DescribeVpnConnections(c, vpcmodel.DescribeVpnConnectionsInput{}, m.now)
	want(t, "DescribeVpnConnections", err, "")
	var gotV, expV []vpnView
	for _, v := range vpns.VPNConnections {
		x := vpnView{ID: v.VPNConnectionID, State: v.State, CGW: v.CustomerGatewayID, VGW: v.VPNGatewayID}
		if v.State != "deleted" {
			for _, r := range v.Routes {
				x.Routes = append(x.Routes, r.DestinationCIDRBlock+" "+r.State)
			}
			for _, tel := range v.VGWTelemetry {
				x.Tunnels = append(x.Tunnels, tel.Status)
			}
		}
		gotV = append(gotV, x)
	}
	for _, id := range sortedIDs(m.vpnIDs) {
		v := m.listedVPN(c, id)
		if v == nil {
			continue
		}
		x := vpnView{ID: id, State: v.state(), CGW: v.cgw, VGW: v.vgw}
		if !v.deleted {
			rs := slices.Clone(v.routes)
			slices.SortFunc(rs, func(a, b netip.Prefix) int {
				if c := a.Addr().Compare(b.Addr()); c != 0 {
					return c
				}
				return a.Bits() - b.Bits()
			})
			for _, r := range rs {
				x.Routes = append(x.Routes, r.String()+" available")
			}
			// F.7 and Options.CustomerDevicesConnect: both tunnels UP once
			// available when a device connects, DOWN otherwise.
			tel := "DOWN"
			if m.devices {
				tel = "UP"
			}
			x.Tunnels = []string{tel, tel}
		}
		expV = append(expV, x)
	}
	m.diff(t, "DescribeVpnConnections", c, expV, gotV)
}
