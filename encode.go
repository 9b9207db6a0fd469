package vpcmodel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/iam"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/internal/jsonscan"
	"github.com/vpclab/vpcmodel/ipam"
	"github.com/vpclab/vpcmodel/logs"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/secgroup"
	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/subnetgroup"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpc"
	"github.com/vpclab/vpcmodel/vpn"
)

// The encoding of a Cloud is a stream of lines: a JSON header, one line per
// resource, and a trailer.
//
//	{"format":"vpcmodel.Cloud","version":2,"clock":"...","counts":{"routeTable":N,"vpc":N,...}}
//	vpc <TAB> sg-... <TAB> acl-... <TAB> 0|1 <TAB> rtb-...|- <TAB> rtbassoc-...|- <TAB> {...}
//	routeTable|customerGateway|vpnGateway|vpnConnection <TAB> account <TAB> Region <TAB> {...}
//	subnet <TAB> {...}
//	internetGateway|egressOnlyInternetGateway <TAB> account <TAB> Region <TAB> {...}
//	address|natGateway <TAB> account <TAB> Region <TAB> {...}
//	securityGroup|networkAcl <TAB> account <TAB> Region <TAB> {...}
//	networkInterface <TAB> account <TAB> Region <TAB> {...}
//	vpcEndpoint <TAB> account <TAB> Region <TAB> {...}
//	transitGateway|transitGatewayRouteTable|transitGatewayAttachment <TAB> account <TAB> Region <TAB> {...}
//	networkInsightsPath|networkInsightsAnalysis <TAB> {...}
//	tags <TAB> account <TAB> Region <TAB> resource ID <TAB> [["key","value"],...]
//	dhcpDefault|dhcpOptions|flowLog <TAB> account <TAB> Region <TAB> {...}
//	dhcpAssociation <TAB> vpc-... <TAB> dopt-...
//	subnetGroup <TAB> {...}
//	logGroup <TAB> {...}
//	iamRole|iamPolicy <TAB> {...}
//	ipam|ipamPool <TAB> {...}
//	peering <TAB> {...}
//	pending <TAB> {...}
//	end <TAB> N
//
// Each resource's {...} is its package's own lossless encoding
// (MarshalBinary, compact JSON, which holds no tab or newline); the fields
// before it are plain text, so that a reader parses each byte once. The
// trailer counts the lines between header and trailer, so a truncated stream
// is an error rather than a smaller Cloud. Indexes are not written:
// ReadFrom rebuilds them. The header's counts are how many resources of
// each kind the Cloud holds, so that ReadFrom makes its maps at their size;
// they are hints, and a kind may be left out.
//
// What a VPC record implies is not written again: its default security
// group and network ACL while they are as EC2 made them (encode_groups.go),
// and its main route table while it is as CreateVpc made it, whose ID and
// association ID the VPC record then gives (else -).
//
// Version 1 had no counts, and its vpc records no main route table fields:
// every main route table was a routeTable record.

// EncodingVersion is the version of the encoding [Cloud.WriteTo] writes.
// [Cloud.ReadFrom] reads this version and every earlier one, and refuses
// any other, naming it.
const EncodingVersion = 2

// encodingFormat names the stream in its header.
const encodingFormat = "vpcmodel.Cloud"

// ErrEncoding is the cause of every error [Cloud.ReadFrom] returns for a
// stream it cannot read: match it with errors.Is.
var ErrEncoding = errors.New("vpcmodel: invalid encoding")

type header struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Clock   time.Time      `json:"clock"`
	Counts  map[string]int `json:"counts,omitempty"` // by record kind; version 2 on
}

// maxCountHint bounds the room ReadFrom makes from a header's count before
// the records are there, so that a damaged count costs little memory.
const maxCountHint = 1 << 17

type pendingLine struct {
	VPN     []string       `json:"vpn,omitempty"`     // resources with an asynchronous step left
	Subnets []string       `json:"subnets,omitempty"` // subnets with an IPv6 association in progress
	Deleted []deletionLine `json:"deleted,omitempty"`
}

type deletionLine struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
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
	counts := map[string]int{}
	for kind, n := range map[string]int{"vpc": len(c.vpcs), "routeTable": len(c.rtbs), "subnet": len(c.subnets), "tags": len(c.tags),
		"internetGateway": len(c.igws), "natGateway": len(c.nats),
		"address": len(c.addrs), "networkInterface": len(c.enis)} {
		if n > 0 {
			counts[kind] = n
		}
	}
	hdr, err := json.Marshal(header{encodingFormat, EncodingVersion, c.clock, counts})
	if err != nil {
		return 0, err
	}
	records := 0
	var werr error
	put := func(payload []byte, fields ...string) {
		if werr != nil {
			return
		}
		for _, f := range fields {
			cw.WriteString(f)
			cw.WriteString("\t")
		}
		cw.Write(payload)
		if _, werr = cw.WriteString("\n"); werr == nil {
			werr = cw.err
		}
		records++
	}
	encode := func(m interface{ MarshalBinary() ([]byte, error) }) []byte {
		if werr != nil {
			return nil
		}
		b, err := m.MarshalBinary()
		if err == nil && bytes.ContainsAny(b, "\t\n") {
			err = errors.New("vpcmodel: an encoding with a tab or a newline")
		}
		if err != nil {
			werr = err
		}
		return b
	}
	cw.Write(hdr)
	cw.WriteString("\n")
	settling := make(map[string]bool, len(c.unsettledVPCs))
	for _, id := range c.unsettledVPCs {
		settling[id] = true
	}
	implied := make(map[string]bool, len(c.vpcs)) // main route tables the VPC records imply
	for _, id := range sortedKeys(c.vpcs) {
		r := c.vpcs[id]
		flag := "0"
		if settling[id] {
			flag = "1"
		}
		mainID, assocID := "-", "-"
		if t, assoc, ok := c.impliedMain(r); ok {
			mainID, assocID = t, assoc
			implied[t] = true
		}
		put(encode(r.v), "vpc", r.sg, r.acl, flag, mainID, assocID)
	}
	for _, id := range sortedKeys(c.rtbs) {
		if implied[id] {
			continue
		}
		t := c.rtbs[id]
		put(encode(t.table), "routeTable", t.owner.Account, t.owner.Region)
	}
	for _, id := range sortedKeys(c.vpn.cgws) {
		r := c.vpn.cgws[id]
		put(encode(r.g), "customerGateway", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.vpn.vgws) {
		r := c.vpn.vgws[id]
		put(encode(r.g), "vpnGateway", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.vpn.conns) {
		r := c.vpn.conns[id]
		put(encode(r.c), "vpnConnection", r.owner.Account, r.owner.Region)
	}
	c.writeNetwork(put, encode)
	c.writeBPA(put, encode)
	c.writeInterfaces(put, encode)
	c.writeVPCEs(put, encode)
	c.writeTGWs(put, encode)
	c.writeDHCPFlow(put, encode)
	c.writeInsights(put, func(err error) {
		if werr == nil {
			werr = err
		}
	})
	// A VPC's default group and ACL as EC2 made them are not written:
	// ReadFrom makes them again from the VPC record (encode_groups.go).
	for _, id := range sortedKeys(c.sgs) {
		r := c.sgs[id]
		b := encode(r.g)
		if r.g.IsDefault() && bytes.Equal(b, encode(secgroup.CreateDefault(r.g.ID(), r.g.VPCID(), r.owner.Account))) {
			continue
		}
		put(b, "securityGroup", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.acls) {
		r := c.acls[id]
		b := encode(r.a)
		if r.a.IsDefault() && bytes.Equal(b, encode(acl.NewDefault(r.a.ID(), r.a.VPCID(), r.owner.Account))) {
			continue
		}
		put(b, "networkAcl", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.tags) {
		byScope := c.tags[id]
		owners := make([]scope, 0, len(byScope))
		for o := range byScope {
			owners = append(owners, o)
		}
		slices.SortFunc(owners, compareScope)
		for _, o := range owners {
			pairs := make([][2]string, 0, byScope[o].Len())
			for _, t := range byScope[o].All() {
				pairs = append(pairs, [2]string{t.Key, t.Value})
			}
			b, err := json.Marshal(pairs)
			if err != nil {
				return cw.n, err
			}
			put(b, "tags", o.Account, o.Region, id)
		}
	}
	for _, gs := range slices.SortedFunc(maps.Keys(c.subnetGroups), compareGroupScope) {
		byName := c.subnetGroups[gs]
		for _, name := range sortedKeys(byName) {
			put(encode(byName[name]), "subnetGroup")
		}
	}
	for _, s := range slices.SortedFunc(maps.Keys(c.logGroups), compareScope) {
		byName := c.logGroups[s]
		for _, name := range sortedKeys(byName) {
			put(encode(byName[name]), "logGroup")
		}
	}
	for _, account := range sortedKeys(c.iamAccounts) {
		a := c.iamAccounts[account]
		for _, key := range sortedKeys(a.policies) {
			put(encode(a.policies[key]), "iamPolicy")
		}
		for _, key := range sortedKeys(a.roles) {
			put(encode(a.roles[key]), "iamRole")
		}
	}
	for _, id := range sortedKeys(c.ipams) {
		b, err := json.Marshal(c.ipams[id])
		if err != nil {
			return cw.n, err
		}
		put(b, "ipam")
	}
	for _, id := range sortedKeys(c.ipamPools) {
		b, err := json.Marshal(c.ipamPools[id])
		if err != nil {
			return cw.n, err
		}
		put(b, "ipamPool")
	}
	put(encode(c.peering), "peering")
	p := pendingLine{VPN: slices.Clone(c.vpn.unsettled), Subnets: slices.Clone(c.unsettledSubnets)}
	for _, d := range c.vpn.deleted {
		p.Deleted = append(p.Deleted, deletionLine{d.id, d.at})
	}
	b, err := json.Marshal(p)
	if err != nil {
		return cw.n, err
	}
	put(b, "pending")
	if werr != nil {
		return cw.n, werr
	}
	cw.WriteString("end\t" + strconv.Itoa(records) + "\n")
	if cw.err != nil {
		return cw.n, cw.err
	}
	return cw.n, bw.Flush()
}

// countingWriter counts what it writes and keeps the first error.
type countingWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (cw *countingWriter) Write(p []byte) (int, error) {
	if cw.err != nil {
		return 0, cw.err
	}
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	cw.err = err
	return n, err
}

func (cw *countingWriter) WriteString(s string) (int, error) {
	if cw.err != nil {
		return 0, cw.err
	}
	n, err := cw.w.WriteString(s)
	cw.n += int64(n)
	cw.err = err
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

func compareGroupScope(a, b groupScope) int {
	if c := compareScope(a.scope, b.scope); c != 0 {
		return c
	}
	return strings.Compare(string(a.service), string(b.service))
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
// of this version or an earlier one ([EncodingVersion]) wrote it, reading
// to the end of the stream's trailer. It checks every
// resource with its package's decoder and every reference between them
// (a route table's VPC, a VPN connection's gateways, a tag's resource);
// on any error, which wraps [ErrEncoding] and names the line, c is
// unchanged. c keeps its Options and random source. The count is of bytes
// read.
func (c *Cloud) ReadFrom(r io.Reader) (int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var n int64
	lineNo := 0
	var long []byte // a line longer than br's buffer
	// next returns the next line, valid until the next call: the
	// decoders copy what they keep, as encoding.BinaryUnmarshaler asks.
	next := func() ([]byte, error) {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], b...)
			for errors.Is(err, bufio.ErrBufferFull) {
				b, err = br.ReadSlice('\n')
				long = append(long, b...)
			}
			b = long
		}
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
	if h.Version < 1 || h.Version > EncodingVersion {
		return fail("encoding version %d; this version of vpcmodel reads versions 1 to %d", h.Version, EncodingVersion)
	}
	st := c.emptyState()
	st.clock = h.Clock.UTC().Round(0)
	hint := func(kind string) int { return min(max(h.Counts[kind], 0), maxCountHint) }
	st.vpcs = make(map[string]*vpcRec, hint("vpc"))
	st.rtbs = make(map[string]*rtb, hint("routeTable"))
	st.subnets = make(map[string]subnet.Subnet, hint("subnet"))
	st.tags = make(map[string]map[scope]tag.Set, hint("tags"))
	st.igws = make(map[string]*igwRec, hint("internetGateway"))
	st.nats = make(map[string]*natRec, hint("natGateway"))
	st.addrs = make(map[string]*eipRec, hint("address"))
	st.enis = make(map[string]*eniRec, hint("networkInterface"))
	records := 0
	rd := &reading{version: h.Version, names: make(map[string]string)}
	for {
		b, err := next()
		if err != nil {
			return fail("the stream ends before its trailer: %v", err)
		}
		kind, rest, _ := bytes.Cut(b, []byte("\t"))
		if string(kind) == "end" {
			if n, err := strconv.Atoi(string(rest)); err != nil || n != records {
				return fail("the trailer counts %q records, the stream has %d", rest, records)
			}
			break
		}
		records++
		if err := st.add(rd.intern(kind), rest, rd); err != nil {
			return fail("%v", err)
		}
	}
	if !rd.sawPeering {
		return fail("no peering record")
	}
	if err := st.reindex(); err != nil {
		return fail("%v", err)
	}
	if err := st.check(); err != nil {
		return fail("%v", err)
	}
	c.mu.Lock()
	c.state = st
	c.mu.Unlock()
	return n, nil
}

// reading is what ReadFrom keeps from one record to the next.
type reading struct {
	version    int
	sawPeering bool
	names      map[string]string // record kinds, accounts and Regions
	fields     []string          // the fields of the record being read
}

// intern returns b as a string, the same string for the same bytes: the
// few names every record repeats are then held once, and hash from memory
// that stays in cache.
func (rd *reading) intern(b []byte) string {
	if s, ok := rd.names[string(b)]; ok {
		return s
	}
	s := string(b)
	rd.names[s] = s
	return s
}

// add takes one record of kind into st; rest holds its fields and payload.
func (st *state) add(kind string, rest []byte, rd *reading) error {
	// field returns the first n fields of rest, valid until the next
	// record, and the payload after them.
	field := func(n int) ([]string, []byte, error) {
		payload := rest
		rd.fields = rd.fields[:0]
		for i := range n {
			f, after, ok := bytes.Cut(payload, []byte("\t"))
			if !ok {
				return nil, nil, fmt.Errorf("%s: %d fields, want %d", kind, i, n)
			}
			rd.fields, payload = append(rd.fields, string(f)), after
		}
		return rd.fields, payload, nil
	}
	// owned reads the owner's account and Region in the first two fields.
	owned := func() (scope, []byte, error) {
		account, after, ok1 := bytes.Cut(rest, []byte("\t"))
		region, payload, ok2 := bytes.Cut(after, []byte("\t"))
		if !ok1 || !ok2 {
			return scope{}, nil, fmt.Errorf("%s: no owner and Region", kind)
		}
		owner, err := ownerScope(rd.intern(account), rd.intern(region))
		return owner, payload, err
	}
	switch kind {
	case "vpc":
		n := 3
		if rd.version >= 2 {
			n = 5 // and the main route table's ID and association ID
		}
		f, payload, err := field(n)
		if err != nil {
			return err
		}
		var v vpc.VPC
		if err := v.UnmarshalBinary(payload); err != nil {
			return err
		}
		if !ec2.SecurityGroup.IsID(f[0]) || !ec2.NetworkACL.IsID(f[1]) || (f[2] != "0" && f[2] != "1") {
			return fmt.Errorf("vpc %s: malformed default security group, network ACL or settling flag", v.ID())
		}
		r := &vpcRec{v: v, sg: f[0], acl: f[1]}
		if !putNew(st.vpcs, v.ID(), r) {
			return fmt.Errorf("vpc %s twice", v.ID())
		}
		if f[2] == "1" {
			st.unsettledVPCs = append(st.unsettledVPCs, v.ID())
		}
		if n == 5 && (f[3] != "-" || f[4] != "-") {
			t, err := r.mainTable(f[3], f[4])
			if err != nil {
				return fmt.Errorf("vpc %s: its main route table: %w", v.ID(), err)
			}
			if !putNew(st.rtbs, f[3], t) {
				return fmt.Errorf("route table %s twice", f[3])
			}
		}
	case "routeTable":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		var t route.Table
		if err := t.UnmarshalBinary(payload); err != nil {
			return err
		}
		if !putNew(st.rtbs, t.ID(), &rtb{owner: owner, table: t}) {
			return fmt.Errorf("route table %s twice", t.ID())
		}
	case "customerGateway":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		var g vpn.CustomerGateway
		if err := g.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.vpn.cgws[g.ID()] != nil {
			return fmt.Errorf("customer gateway %s twice", g.ID())
		}
		st.vpn.cgws[g.ID()] = &cgwRec{owner: owner, g: g}
	case "vpnGateway":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		var g vpn.Gateway
		if err := g.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.vpn.vgws[g.ID()] != nil {
			return fmt.Errorf("virtual private gateway %s twice", g.ID())
		}
		st.vpn.vgws[g.ID()] = &vgwRec{owner: owner, g: g}
	case "vpnConnection":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		var conn vpn.Connection
		if err := conn.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.vpn.conns[conn.ID()] != nil {
			return fmt.Errorf("vpn connection %s twice", conn.ID())
		}
		st.vpn.conns[conn.ID()] = &vpnRec{owner: owner, c: conn}
	case "securityGroup":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		var g secgroup.Group
		if err := g.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.sgs[g.ID()] != nil {
			return fmt.Errorf("security group %s twice", g.ID())
		}
		st.sgs[g.ID()] = &sgRec{owner: owner, g: g}
	case "networkAcl":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		var a acl.ACL
		if err := a.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.acls[a.ID()] != nil {
			return fmt.Errorf("network acl %s twice", a.ID())
		}
		st.acls[a.ID()] = &aclRec{owner: owner, a: a}
	case "subnet":
		return st.addNetwork(kind, scope{}, rest)
	case "networkInsightsPath", "networkInsightsAnalysis":
		return st.addInsights(kind, rest)
	case "networkInterface":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		return st.addInterface(owner, payload)
	case "vpcEndpoint":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		return st.addVPCE(owner, payload)
	case "transitGateway", "transitGatewayRouteTable", "transitGatewayAttachment":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		return st.addTGW(kind, owner, payload)
	case "internetGateway", "egressOnlyInternetGateway", "natGateway", "address":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		return st.addNetwork(kind, owner, payload)
	case "bpaOptions", "bpaExclusion":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		return st.addBPA(kind, owner, payload)
	case "dhcpDefault", "dhcpOptions", "flowLog":
		owner, payload, err := owned()
		if err != nil {
			return err
		}
		return st.addDHCPFlow(kind, owner, nil, payload)
	case "dhcpAssociation":
		f, payload, err := field(1)
		if err != nil {
			return err
		}
		return st.addDHCPFlow(kind, scope{}, f, payload)
	case "bpaUnsettled":
		if string(rest) != "{}" || st.bpaUnsettled {
			return errors.New("bpaUnsettled: malformed or twice")
		}
		st.bpaUnsettled = true
	case "tags":
		owner, after, err := owned()
		if err != nil {
			return err
		}
		idBytes, payload, ok := bytes.Cut(after, []byte("\t"))
		if !ok {
			return fmt.Errorf("tags: no resource ID")
		}
		id := string(idBytes)
		tags, ok := scanTags(payload)
		if !ok {
			var pairs [][2]string
			if err := json.Unmarshal(payload, &pairs); err != nil {
				return fmt.Errorf("tags of %s: %w", id, err)
			}
			tags = make([]tag.Tag, len(pairs))
			for i, t := range pairs {
				tags[i] = tag.Tag{Key: t[0], Value: t[1]}
			}
		}
		set, err := tag.NewSet(tags...)
		if err != nil {
			return err
		}
		byScope := st.tags[id]
		if set.Len() == 0 || byScope[owner].Len() > 0 {
			return fmt.Errorf("tags of %s: empty or twice", id)
		}
		if byScope == nil {
			byScope = make(map[scope]tag.Set, 1)
			st.tags[id] = byScope
		}
		byScope[owner] = set
	case "subnetGroup":
		var g subnetgroup.Group
		if err := g.UnmarshalBinary(rest); err != nil {
			return err
		}
		gs := groupScope{scope{g.OwnerID(), g.Region()}, g.Service()}
		if _, dup := st.subnetGroups[gs][g.Name()]; dup {
			return fmt.Errorf("%s subnet group %s of %s in %s twice", g.Service(), g.Name(), g.OwnerID(), g.Region())
		}
		if st.subnetGroups[gs] == nil {
			st.subnetGroups[gs] = make(map[string]subnetgroup.Group)
		}
		st.subnetGroups[gs][g.Name()] = g
	case "logGroup":
		var g logs.Group
		if err := g.UnmarshalBinary(rest); err != nil {
			return err
		}
		s := scope{g.Owner(), g.Region()}
		if _, dup := st.logGroups[s][g.Name()]; dup {
			return fmt.Errorf("log group %s of %s in %s twice", g.Name(), g.Owner(), g.Region())
		}
		if st.logGroups[s] == nil {
			st.logGroups[s] = make(map[string]logs.Group)
		}
		st.logGroups[s][g.Name()] = g
	case "iamPolicy":
		var p iam.Policy
		if err := p.UnmarshalBinary(rest); err != nil {
			return err
		}
		a := st.iamAccountFor(p.Account())
		if _, dup := a.policies[iam.Key(p.Name())]; dup {
			return fmt.Errorf("IAM policy %s of %s twice", p.Name(), p.Account())
		}
		a.policies[iam.Key(p.Name())] = p
	case "iamRole":
		var r iam.Role
		if err := r.UnmarshalBinary(rest); err != nil {
			return err
		}
		a := st.iamAccountFor(r.Account())
		if _, dup := a.roles[iam.Key(r.Name())]; dup {
			return fmt.Errorf("IAM role %s of %s twice", r.Name(), r.Account())
		}
		for _, arn := range r.Attached() {
			parsed, _ := iam.ParseARN(arn, "policyArn")
			if p, ok := a.policies[iam.Key(parsed.Name)]; !ok || p.ARN() != arn {
				return fmt.Errorf("IAM role %s of %s: attached policy %s is not its account's", r.Name(), r.Account(), arn)
			}
		}
		a.roles[iam.Key(r.Name())] = r
	case "ipam":
		var i ipam.IPAM
		if err := json.Unmarshal(rest, &i); err != nil {
			return err
		}
		if _, dup := st.ipams[i.ID]; dup || !ec2.IPAM.IsID(i.ID) {
			return fmt.Errorf("IPAM %q twice or malformed", i.ID)
		}
		st.ipams[i.ID] = i
		st.ipamUnsettled = st.ipamUnsettled || i.State == "create-in-progress"
	case "ipamPool":
		var p ipam.Pool
		if err := json.Unmarshal(rest, &p); err != nil {
			return err
		}
		if _, dup := st.ipamPools[p.ID]; dup || !ec2.IPAMPool.IsID(p.ID) {
			return fmt.Errorf("IPAM pool %q twice or malformed", p.ID)
		}
		if _, ok := st.ipams[p.IPAMID]; !ok {
			return fmt.Errorf("IPAM pool %s: no IPAM %s", p.ID, p.IPAMID)
		}
		st.ipamPools[p.ID] = p
		st.ipamUnsettled = st.ipamUnsettled || p.Unsettled()
	case "peering":
		if rd.sawPeering {
			return errors.New("peering twice")
		}
		rd.sawPeering = true
		return st.peering.UnmarshalBinary(rest)
	case "pending":
		var p pendingLine
		dec := json.NewDecoder(bytes.NewReader(rest))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return fmt.Errorf("pending: %w", err)
		}
		st.vpn.unsettled = append(st.vpn.unsettled, p.VPN...)
		st.unsettledSubnets = append(st.unsettledSubnets, p.Subnets...)
		for _, d := range p.Deleted {
			st.vpn.deleted = append(st.vpn.deleted, deletion{d.ID, d.At.UTC().Round(0)})
		}
	default:
		return fmt.Errorf("an unknown record %q", kind)
	}
	return nil
}

// scanTags reads a tags record's payload, [["key","value"],...], without
// reflection, if it is spelt as WriteTo spells it (see package jsonscan),
// and reports whether it was; what it reads is then what encoding/json
// reads into [][2]string.
func scanTags(b []byte) ([]tag.Tag, bool) {
	r := jsonscan.NewReader(b)
	r.Lit("[")
	tags := make([]tag.Tag, 0, 1)
	for i := 0; r.Next(i); i++ {
		var t tag.Tag
		r.Lit("[")
		t.Key = r.Text()
		r.Lit(",")
		t.Value = r.Text()
		r.Lit("]")
		tags = append(tags, t)
	}
	return tags, r.Done()
}

// putNew puts v in m under k and reports whether k was new: the check for
// a record held twice, at the cost of one map operation rather than two.
func putNew[V any](m map[string]V, k string, v V) bool {
	n := len(m)
	m[k] = v
	return len(m) > n
}

func ownerScope(account, region string) (scope, error) {
	s := scope{account, region}
	if !s.IsValid() {
		return s, fmt.Errorf("malformed owner %q in %q", account, region)
	}
	return s, nil
}

// check verifies the references between st's resources that reindex did
// not; st is indexed.
func (st *state) check() error {
	if err := st.reindexBPA(); err != nil {
		return err
	}
	// unsettledVPCs holds each VPC whose record says it is settling, once;
	// every other VPC must be settled.
	settling := 0
	for _, id := range st.unsettledVPCs {
		if r := st.vpcs[id]; r == nil || r.v.IsSettled() {
			return fmt.Errorf("vpc %s: settling flag does not match its blocks", id)
		}
	}
	for _, r := range st.vpcs {
		if !r.v.IsSettled() {
			settling++
		}
	}
	if settling != len(st.unsettledVPCs) {
		for _, r := range st.vpcs {
			if !r.v.IsSettled() && !slices.Contains(st.unsettledVPCs, r.v.ID()) {
				return fmt.Errorf("vpc %s: settling flag does not match its blocks", r.v.ID())
			}
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
	if err := st.checkNetwork(); err != nil {
		return err
	}
	if err := st.checkGroups(); err != nil {
		return err
	}
	if err := st.checkInterfaces(); err != nil {
		return err
	}
	if err := st.checkVPCEs(); err != nil {
		return err
	}
	if err := st.checkTGWs(); err != nil {
		return err
	}
	if err := st.checkInsights(); err != nil {
		return err
	}
	if err := st.checkDHCPFlow(); err != nil {
		return err
	}
	if err := st.checkIPAMs(); err != nil {
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
	if i, ok := st.ipams[id]; ok {
		return scope{i.Owner, i.Region} == owner
	}
	if p, ok := st.ipamPools[id]; ok {
		return scope{p.Owner, p.Region} == owner
	}
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
	if r := st.exclusions[id]; r != nil {
		return r.owner == owner
	}
	if st.existsInGroups(owner, id) {
		return true
	}
	if r := st.enis[id]; r != nil {
		return r.owner == owner
	}
	if st.existsInVPCEs(owner, id) || st.existsInTGWs(owner, id) {
		return true
	}
	if st.existsInInsights(owner, id) || st.existsInDHCPFlow(owner, id) {
		return true
	}
	return st.existsInNetwork(owner, id)
}

// reindex rebuilds st's derived indexes, each map made at about its final
// size, and refuses the references it meets on the way that would make an
// index wrong: a route table of a VPC that is not its owner's, a security
// group or network ACL that is not its VPC's. check verifies the rest.
func (st *state) reindex() error {
	// A VPC brings its default group and ACL and a main route table into
	// its scope (checkGroups refuses a stream where its default group or
	// ACL is another's), and two or more parts into byPart.
	type scopeSets struct{ vpcs, rtbs, sgs, acls idSet }
	perScope := make(map[scope]int)
	for _, r := range st.vpcs {
		perScope[r.owner()]++
	}
	sets := make(map[scope]scopeSets, len(perScope))
	for sc, n := range perScope {
		s := scopeSets{make(idSet, n), make(idSet, n), make(idSet, n), make(idSet, n)}
		sets[sc] = s
		st.vpcsIn[sc], st.rtbsOf[sc], st.sgsIn[sc], st.aclsIn[sc] = s.vpcs, s.rtbs, s.sgs, s.acls
	}
	st.byPart = make(map[string]*vpcRec, 3*len(st.vpcs))
	st.rtbsByVPC = make(map[string][]string, len(st.vpcs))
	parts, v6Blocks := 0, 0
	for id, r := range st.vpcs {
		s := sets[r.owner()]
		s.vpcs[id], s.sgs[r.sg], s.acls[r.acl] = struct{}{}, struct{}{}, struct{}{}
		st.byPart[r.sg], st.byPart[r.acl] = r, r
		blocks := r.v.Blocks()
		for _, b := range blocks {
			st.byPart[b.AssociationID] = r
		}
		v6 := r.v.IPv6Blocks()
		for _, b := range v6 {
			st.byPart[b.AssociationID] = r
			st.ipv6Blocks[b.CIDR] = id
		}
		parts += 2 + len(blocks) + len(v6)
		v6Blocks += len(v6)
	}
	// byPart holds every VPC's parts, and ipv6Blocks every IPv6 block,
	// unless two VPCs share one; only then is it searched for the culprit.
	if len(st.byPart) != parts || len(st.ipv6Blocks) != v6Blocks {
		for _, r := range st.vpcs {
			if st.byPart[r.sg] != r || st.byPart[r.acl] != r {
				return fmt.Errorf("vpc %s: its security group or network ACL is another VPC's", r.v.ID())
			}
			for _, b := range r.v.Blocks() {
				if st.byPart[b.AssociationID] != r {
					return fmt.Errorf("vpc %s: its block association %s is another VPC's", r.v.ID(), b.AssociationID)
				}
			}
			for _, b := range r.v.IPv6Blocks() {
				if st.byPart[b.AssociationID] != r || st.ipv6Blocks[b.CIDR] != r.v.ID() {
					return fmt.Errorf("vpc %s: its IPv6 block %s (%s) is another VPC's", r.v.ID(), b.CIDR, b.AssociationID)
				}
			}
		}
		return errors.New("a VPC's security group, network ACL or block association is held twice")
	}
	for id, t := range st.rtbs {
		vpcID := t.table.VPCID()
		if v := st.vpcs[vpcID]; v == nil || v.owner() != t.owner || t.table.OwnerID() != t.owner.Account {
			return fmt.Errorf("route table %s: its VPC %s is not its owner's", id, vpcID)
		}
		st.rtbsOf[t.owner][id] = struct{}{}
		st.rtbsByVPC[vpcID] = append(st.rtbsByVPC[vpcID], id)
	}
	for _, ids := range st.rtbsByVPC {
		slices.Sort(ids)
	}
	st.reindexNetwork()
	for id, r := range st.vpn.cgws {
		addID(st.vpn.in, r.owner, id)
	}
	for id, r := range st.vpn.vgws {
		addID(st.vpn.in, r.owner, id)
	}
	for id, r := range st.vpn.conns {
		addID(st.vpn.in, r.owner, id)
	}
	st.vpn.scheduleAll()
	if err := st.reindexGroups(); err != nil {
		return err
	}
	st.reindexInterfaces()
	st.reindexVPCEs()
	st.reindexTGWs()
	st.reindexInsights()
	st.reindexDHCPFlow()
	st.tagIdx = make(map[tagKey]idSet, len(st.tags))
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
	return nil
}

// iamAccountFor returns the roles and policies of an account being read,
// stored.
func (st *state) iamAccountFor(account string) *iamAccount {
	a := st.iamAccounts[account]
	if a == nil {
		a = &iamAccount{roles: map[string]iam.Role{}, policies: map[string]iam.Policy{}}
		st.iamAccounts[account] = a
	}
	return a
}
