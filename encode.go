package vpcmodel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/secgroup"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpc"
	"github.com/vpclab/vpcmodel/vpn"
)

// The encoding of a Cloud is a stream of JSON documents, one per line:
//
//	{"format":"vpcmodel.Cloud","version":1,"clock":"..."}   the header
//	{"vpc":{...}}  {"routeTable":{...}}  {"customerGateway":{...}}
//	{"vpnGateway":{...}}  {"vpnConnection":{...}}
//	{"securityGroup":{...}}  {"networkAcl":{...}}  {"tags":{...}}
//	{"peering":{...}}  {"pending":{...}}                     one per resource
//	{"end":{"records":N}}                                    the trailer
//
// Each resource is its package's own lossless encoding (MarshalBinary),
// with the scope that owns it. The trailer makes a truncated stream an
// error rather than a smaller Cloud. Indexes are not written: ReadFrom
// rebuilds them.

// EncodingVersion is the version of the encoding [Cloud.WriteTo] writes.
// [Cloud.ReadFrom] reads this version and refuses any other, naming it.
const EncodingVersion = 1

// encodingFormat names the stream in its header.
const encodingFormat = "vpcmodel.Cloud"

// ErrEncoding is the cause of every error [Cloud.ReadFrom] returns for a
// stream it cannot read: match it with errors.Is.
var ErrEncoding = errors.New("vpcmodel: invalid encoding")

type header struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Clock   time.Time `json:"clock"`
}

type ownerRec struct {
	Account string `json:"account"`
	Region  string `json:"region"`
}

func ownerOf(s scope) ownerRec { return ownerRec(s) }

type vpcLine struct {
	VPC                  json.RawMessage `json:"vpc"`
	SecurityGroupID      string          `json:"securityGroup"`
	NetworkACLID         string          `json:"networkAcl"`
	AssociationsSettling bool            `json:"settling,omitempty"`
}

type ownedLine struct {
	Owner ownerRec        `json:"owner"`
	Value json.RawMessage `json:"value"`
}

type tagsLine struct {
	ID    string      `json:"id"`
	Owner ownerRec    `json:"owner"`
	Tags  [][2]string `json:"tags"`
}

type pendingLine struct {
	VPN     []string       `json:"vpn,omitempty"` // resources with an asynchronous step left
	Deleted []deletionLine `json:"deleted,omitempty"`
}

type deletionLine struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
}

type line struct {
	VPC             *vpcLine        `json:"vpc,omitempty"`
	RouteTable      *ownedLine      `json:"routeTable,omitempty"`
	CustomerGateway *ownedLine      `json:"customerGateway,omitempty"`
	VPNGateway      *ownedLine      `json:"vpnGateway,omitempty"`
	VPNConnection   *ownedLine      `json:"vpnConnection,omitempty"`
	SecurityGroup   *ownedLine      `json:"securityGroup,omitempty"`
	NetworkACL      *ownedLine      `json:"networkAcl,omitempty"`
	Tags            *tagsLine       `json:"tags,omitempty"`
	Peering         json.RawMessage `json:"peering,omitempty"`
	Pending         *pendingLine    `json:"pending,omitempty"`
	End             *struct {
		Records int `json:"records"`
	} `json:"end,omitempty"`
}

// WriteTo writes c's whole state to w, losslessly and deterministically:
// a Cloud read back from it with [Cloud.ReadFrom] answers every Describe as
// c does for every caller, and behaves as c does for every later action
// given the same random stream. The state holds pre-shared keys: treat it
// as a secret. It streams, one line per resource; c is locked while it
// writes. The count is of bytes written.
func (c *Cloud) WriteTo(w io.Writer) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := &countingWriter{w: bw}
	enc := json.NewEncoder(cw)
	enc.SetEscapeHTML(false)
	records := 0
	put := func(v any) error {
		records++
		return enc.Encode(v)
	}
	if err := enc.Encode(header{encodingFormat, EncodingVersion, c.clock}); err != nil {
		return cw.n, err
	}
	raw := func(m interface{ MarshalBinary() ([]byte, error) }) (json.RawMessage, error) {
		b, err := m.MarshalBinary()
		if err != nil {
			return nil, err
		}
		if !json.Valid(b) {
			return nil, fmt.Errorf("vpcmodel: an encoding that is not JSON")
		}
		return b, nil
	}
	settling := make(map[string]bool, len(c.unsettledVPCs))
	for _, id := range c.unsettledVPCs {
		settling[id] = true
	}
	for _, id := range sortedKeys(c.vpcs) {
		r := c.vpcs[id]
		b, err := raw(r.v)
		if err != nil {
			return cw.n, err
		}
		if err := put(line{VPC: &vpcLine{b, r.sg, r.acl, settling[id]}}); err != nil {
			return cw.n, err
		}
	}
	for _, id := range sortedKeys(c.rtbs) {
		t := c.rtbs[id]
		b, err := raw(t.table)
		if err != nil {
			return cw.n, err
		}
		if err := put(line{RouteTable: &ownedLine{ownerOf(t.owner), b}}); err != nil {
			return cw.n, err
		}
	}
	for _, id := range sortedKeys(c.vpn.cgws) {
		r := c.vpn.cgws[id]
		b, err := raw(r.g)
		if err != nil {
			return cw.n, err
		}
		if err := put(line{CustomerGateway: &ownedLine{ownerOf(r.owner), b}}); err != nil {
			return cw.n, err
		}
	}
	for _, id := range sortedKeys(c.vpn.vgws) {
		r := c.vpn.vgws[id]
		b, err := raw(r.g)
		if err != nil {
			return cw.n, err
		}
		if err := put(line{VPNGateway: &ownedLine{ownerOf(r.owner), b}}); err != nil {
			return cw.n, err
		}
	}
	for _, id := range sortedKeys(c.vpn.conns) {
		r := c.vpn.conns[id]
		b, err := raw(r.c)
		if err != nil {
			return cw.n, err
		}
		if err := put(line{VPNConnection: &ownedLine{ownerOf(r.owner), b}}); err != nil {
			return cw.n, err
		}
	}
	for _, id := range sortedKeys(c.sgs) {
		r := c.sgs[id]
		b, err := raw(r.g)
		if err != nil {
			return cw.n, err
		}
		if err := put(line{SecurityGroup: &ownedLine{ownerOf(r.owner), b}}); err != nil {
			return cw.n, err
		}
	}
	for _, id := range sortedKeys(c.acls) {
		r := c.acls[id]
		b, err := raw(r.a)
		if err != nil {
			return cw.n, err
		}
		if err := put(line{NetworkACL: &ownedLine{ownerOf(r.owner), b}}); err != nil {
			return cw.n, err
		}
	}
	for _, id := range sortedKeys(c.tags) {
		byScope := c.tags[id]
		owners := make([]scope, 0, len(byScope))
		for o := range byScope {
			owners = append(owners, o)
		}
		slices.SortFunc(owners, compareScope)
		for _, o := range owners {
			tl := &tagsLine{ID: id, Owner: ownerOf(o)}
			for _, t := range byScope[o].All() {
				tl.Tags = append(tl.Tags, [2]string{t.Key, t.Value})
			}
			if err := put(line{Tags: tl}); err != nil {
				return cw.n, err
			}
		}
	}
	b, err := raw(c.peering)
	if err != nil {
		return cw.n, err
	}
	if err := put(line{Peering: b}); err != nil {
		return cw.n, err
	}
	p := &pendingLine{VPN: slices.Clone(c.vpn.unsettled)}
	for _, d := range c.vpn.deleted {
		p.Deleted = append(p.Deleted, deletionLine{d.id, d.at})
	}
	if err := put(line{Pending: p}); err != nil {
		return cw.n, err
	}
	end := line{}
	end.End = &struct {
		Records int `json:"records"`
	}{records}
	if err := enc.Encode(end); err != nil {
		return cw.n, err
	}
	return cw.n, bw.Flush()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (cw *countingWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	return n, err
}

func sortedKeys[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func compareScope(a, b scope) int {
	if a.Account != b.Account {
		if a.Account < b.Account {
			return -1
		}
		return 1
	}
	switch {
	case a.Region < b.Region:
		return -1
	case a.Region > b.Region:
		return 1
	}
	return 0
}

// ReadFrom replaces c's state with the state r holds, as [Cloud.WriteTo]
// wrote it, reading to the end of the stream's trailer. It checks every
// resource with its package's decoder and every reference between them
// (a route table's VPC, a VPN connection's gateways, a tag's resource);
// on any error, which wraps [ErrEncoding] and names the line, c is
// unchanged. c keeps its Options and random source. The count is of bytes
// read.
func (c *Cloud) ReadFrom(r io.Reader) (int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var n int64
	lineNo := 0
	next := func() ([]byte, error) {
		b, err := br.ReadBytes('\n')
		n += int64(len(b))
		lineNo++
		if err == io.EOF && len(b) > 0 {
			err = nil
		}
		return bytes.TrimSuffix(b, []byte("\n")), err
	}
	fail := func(format string, args ...any) (int64, error) {
		return n, fmt.Errorf("%w: line %d: %s", ErrEncoding, lineNo, fmt.Sprintf(format, args...))
	}
	b, err := next()
	if err != nil {
		return fail("no header: %v", err)
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil || h.Format != encodingFormat {
		return fail("not a %s stream", encodingFormat)
	}
	if h.Version != EncodingVersion {
		return fail("encoding version %d; this version of vpcmodel reads version %d", h.Version, EncodingVersion)
	}
	st := c.emptyState()
	st.clock = h.Clock.UTC().Round(0)
	records := 0
	sawPeering := false
	for {
		b, err := next()
		if err != nil {
			return fail("the stream ends before its trailer: %v", err)
		}
		var l line
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return fail("%v", err)
		}
		if l.End != nil {
			if l.End.Records != records {
				return fail("the trailer counts %d records, the stream has %d", l.End.Records, records)
			}
			break
		}
		records++
		if err := st.add(l, &sawPeering); err != nil {
			return fail("%v", err)
		}
	}
	if !sawPeering {
		return fail("no peering record")
	}
	st.reindex()
	if err := st.check(); err != nil {
		return fail("%v", err)
	}
	c.mu.Lock()
	c.state = st
	c.mu.Unlock()
	return n, nil
}

// add takes one record into st.
func (st *state) add(l line, sawPeering *bool) error {
	switch {
	case l.VPC != nil:
		var v vpc.VPC
		if err := v.UnmarshalBinary(l.VPC.VPC); err != nil {
			return err
		}
		if !ec2.SecurityGroup.IsID(l.VPC.SecurityGroupID) || !ec2.NetworkACL.IsID(l.VPC.NetworkACLID) {
			return fmt.Errorf("vpc %s: malformed default security group or network ACL ID", v.ID())
		}
		if st.vpcs[v.ID()] != nil {
			return fmt.Errorf("vpc %s twice", v.ID())
		}
		st.vpcs[v.ID()] = &vpcRec{v: v, sg: l.VPC.SecurityGroupID, acl: l.VPC.NetworkACLID}
		if l.VPC.AssociationsSettling {
			st.unsettledVPCs = append(st.unsettledVPCs, v.ID())
		}
	case l.RouteTable != nil:
		owner, err := ownerScope(l.RouteTable.Owner)
		if err != nil {
			return err
		}
		var t route.Table
		if err := t.UnmarshalBinary(l.RouteTable.Value); err != nil {
			return err
		}
		if st.rtbs[t.ID()] != nil {
			return fmt.Errorf("route table %s twice", t.ID())
		}
		st.rtbs[t.ID()] = &rtb{owner: owner, table: t}
	case l.CustomerGateway != nil:
		owner, err := ownerScope(l.CustomerGateway.Owner)
		if err != nil {
			return err
		}
		var g vpn.CustomerGateway
		if err := g.UnmarshalBinary(l.CustomerGateway.Value); err != nil {
			return err
		}
		if st.vpn.cgws[g.ID()] != nil {
			return fmt.Errorf("customer gateway %s twice", g.ID())
		}
		st.vpn.cgws[g.ID()] = &cgwRec{owner: owner, g: g}
	case l.VPNGateway != nil:
		owner, err := ownerScope(l.VPNGateway.Owner)
		if err != nil {
			return err
		}
		var g vpn.Gateway
		if err := g.UnmarshalBinary(l.VPNGateway.Value); err != nil {
			return err
		}
		if st.vpn.vgws[g.ID()] != nil {
			return fmt.Errorf("virtual private gateway %s twice", g.ID())
		}
		st.vpn.vgws[g.ID()] = &vgwRec{owner: owner, g: g}
	case l.VPNConnection != nil:
		owner, err := ownerScope(l.VPNConnection.Owner)
		if err != nil {
			return err
		}
		var conn vpn.Connection
		if err := conn.UnmarshalBinary(l.VPNConnection.Value); err != nil {
			return err
		}
		if st.vpn.conns[conn.ID()] != nil {
			return fmt.Errorf("vpn connection %s twice", conn.ID())
		}
		st.vpn.conns[conn.ID()] = &vpnRec{owner: owner, c: conn}
	case l.SecurityGroup != nil:
		owner, err := ownerScope(l.SecurityGroup.Owner)
		if err != nil {
			return err
		}
		var g secgroup.Group
		if err := g.UnmarshalBinary(l.SecurityGroup.Value); err != nil {
			return err
		}
		if st.sgs[g.ID()] != nil {
			return fmt.Errorf("security group %s twice", g.ID())
		}
		st.sgs[g.ID()] = &sgRec{owner: owner, g: g}
	case l.NetworkACL != nil:
		owner, err := ownerScope(l.NetworkACL.Owner)
		if err != nil {
			return err
		}
		var a acl.ACL
		if err := a.UnmarshalBinary(l.NetworkACL.Value); err != nil {
			return err
		}
		if st.acls[a.ID()] != nil {
			return fmt.Errorf("network acl %s twice", a.ID())
		}
		st.acls[a.ID()] = &aclRec{owner: owner, a: a}
	case l.Tags != nil:
		owner, err := ownerScope(l.Tags.Owner)
		if err != nil {
			return err
		}
		tags := make([]tag.Tag, len(l.Tags.Tags))
		for i, t := range l.Tags.Tags {
			tags[i] = tag.Tag{Key: t[0], Value: t[1]}
		}
		set, err := tag.NewSet(tags...)
		if err != nil {
			return err
		}
		if set.Len() == 0 || st.tags[l.Tags.ID][owner].Len() > 0 {
			return fmt.Errorf("tags of %s: empty or twice", l.Tags.ID)
		}
		if st.tags[l.Tags.ID] == nil {
			st.tags[l.Tags.ID] = make(map[scope]tag.Set, 1)
		}
		st.tags[l.Tags.ID][owner] = set
	case l.Peering != nil:
		if *sawPeering {
			return errors.New("peering twice")
		}
		*sawPeering = true
		return st.peering.UnmarshalBinary(l.Peering)
	case l.Pending != nil:
		st.vpn.unsettled = append(st.vpn.unsettled, l.Pending.VPN...)
		for _, d := range l.Pending.Deleted {
			st.vpn.deleted = append(st.vpn.deleted, deletion{d.ID, d.At.UTC().Round(0)})
		}
	default:
		return errors.New("an empty record")
	}
	return nil
}

func ownerScope(o ownerRec) (scope, error) {
	s := scope(o)
	if !s.IsValid() {
		return s, fmt.Errorf("malformed owner %q in %q", o.Account, o.Region)
	}
	return s, nil
}

// check verifies the references between st's resources; st is indexed.
func (st *state) check() error {
	for _, r := range st.vpcs {
		if st.byPart[r.sg] != r || st.byPart[r.acl] != r {
			return fmt.Errorf("vpc %s: its security group or network ACL is another VPC's", r.v.ID())
		}
		for _, b := range r.v.Blocks() {
			if st.byPart[b.AssociationID] != r {
				return fmt.Errorf("vpc %s: its block association %s is another VPC's", r.v.ID(), b.AssociationID)
			}
		}
	}
	for _, t := range st.rtbs {
		v := st.vpcs[t.table.VPCID()]
		if v == nil || v.owner() != t.owner || t.table.OwnerID() != t.owner.Account {
			return fmt.Errorf("route table %s: its VPC %s is not its owner's", t.table.ID(), t.table.VPCID())
		}
	}
	for _, r := range st.vpn.conns {
		if g := st.vpn.cgws[r.c.CustomerGatewayID()]; g == nil || g.owner != r.owner {
			return fmt.Errorf("vpn connection %s: no customer gateway %s of its owner", r.c.ID(), r.c.CustomerGatewayID())
		}
		if id := r.c.VPNGatewayID(); id != "" {
			if g := st.vpn.vgws[id]; g == nil || g.owner != r.owner {
				return fmt.Errorf("vpn connection %s: no virtual private gateway %s of its owner", r.c.ID(), id)
			}
		}
	}
	for _, id := range st.vpn.unsettled {
		if st.vpn.vgws[id] == nil && st.vpn.conns[id] == nil {
			return fmt.Errorf("pending step of unknown resource %s", id)
		}
	}
	for i, d := range st.vpn.deleted {
		if st.vpn.cgws[d.id] == nil && st.vpn.vgws[d.id] == nil && st.vpn.conns[d.id] == nil {
			return fmt.Errorf("deletion of unknown resource %s", d.id)
		}
		if i > 0 && d.at.Before(st.vpn.deleted[i-1].at) {
			return fmt.Errorf("deletions out of order at %s", d.id)
		}
	}
	if err := st.checkGroups(); err != nil {
		return err
	}
	for id, byScope := range st.tags {
		for owner := range byScope {
			if !st.exists(owner, id) {
				return fmt.Errorf("tags on %s, which %s in %s does not hold", id, owner.Account, owner.Region)
			}
		}
	}
	return nil
}

// exists reports whether owner holds a resource id that the Cloud keeps
// tags for.
func (st *state) exists(owner scope, id string) bool {
	if r := st.vpcs[id]; r != nil {
		return r.owner() == owner
	}
	if t := st.rtbs[id]; t != nil {
		return t.owner == owner
	}
	if r := st.vpn.cgws[id]; r != nil {
		return r.owner == owner
	}
	if r := st.vpn.vgws[id]; r != nil {
		return r.owner == owner
	}
	if r := st.vpn.conns[id]; r != nil {
		return r.owner == owner
	}
	if r := st.byPart[id]; r != nil && (r.sg == id || r.acl == id) {
		return r.owner() == owner
	}
	return st.existsInGroups(owner, id)
}

// reindex rebuilds st's derived indexes.
func (st *state) reindex() {
	for id, r := range st.vpcs {
		addID(st.vpcsIn, r.owner(), id)
		st.byPart[r.sg], st.byPart[r.acl] = r, r
		for _, b := range r.v.Blocks() {
			st.byPart[b.AssociationID] = r
		}
	}
	for id, t := range st.rtbs {
		addID(st.rtbsOf, t.owner, id)
		st.rtbsByVPC[t.table.VPCID()] = append(st.rtbsByVPC[t.table.VPCID()], id)
	}
	for _, ids := range st.rtbsByVPC {
		slices.Sort(ids)
	}
	for id, r := range st.vpn.cgws {
		addID(st.vpn.in, r.owner, id)
	}
	for id, r := range st.vpn.vgws {
		addID(st.vpn.in, r.owner, id)
	}
	for id, r := range st.vpn.conns {
		addID(st.vpn.in, r.owner, id)
	}
	st.reindexGroups()
	for id, byScope := range st.tags {
		for owner, set := range byScope {
			for _, t := range set.All() {
				k := tagKey{owner, t.Key, t.Value}
				if st.tagIdx[k] == nil {
					st.tagIdx[k] = make(idSet, 1)
				}
				st.tagIdx[k][id] = struct{}{}
			}
		}
	}
}
