package peering

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// EncodingVersion is the version of the format that [Connection.MarshalBinary]
// and [Registry.MarshalBinary] write, in the "v" member of the JSON object.
// The UnmarshalBinary methods read this version and refuse every other,
// naming it.
const EncodingVersion = 1

// ErrMalformedEncoding is the cause of every error the UnmarshalBinary
// methods return, matched with [errors.Is]. Those errors are not EC2
// refusals: they say that stored state is unreadable, so they are plain
// errors without an EC2 API error code.
var ErrMalformedEncoding = errors.New("malformed encoding")

// The encoding is JSON, written through the unexported records below so that
// the exported types promise nothing about field names. A Connection is
//
//	{"v":1,"id":"pcx-…","requester":{side},"accepter":{side},"status":"active",
//	 "actor":"…","requestedAt":"RFC 3339","changedAt":"RFC 3339",
//	 "peerMissing":true,"accepted":true}
//
// with a side {"owner":"…","region":"…","vpc":"vpc-…","ipv4":["10.0.0.0/16"],
// "ipv6":[…],"options":{"allowDnsResolutionFromRemoteVpc":true,…}}. Empty
// lists, false flags and an empty actor are left out. A Registry is
// {"v":1,"clock":"RFC 3339","connections":[…]}, each connection as above
// (without "v") plus "requesterTags" and "accepterTags" lists of
// {"key":…,"value":…}, in ID order.

type optionsJSON struct {
	DNS            bool `json:"allowDnsResolutionFromRemoteVpc,omitempty"`
	ClassicLinkOut bool `json:"allowEgressFromLocalClassicLinkToRemoteVpc,omitempty"`
	ClassicLinkIn  bool `json:"allowEgressFromLocalVpcToRemoteClassicLink,omitempty"`
}

type sideJSON struct {
	Owner   string         `json:"owner"`
	Region  string         `json:"region"`
	VPC     string         `json:"vpc"`
	IPv4    []netip.Prefix `json:"ipv4,omitempty"`
	IPv6    []netip.Prefix `json:"ipv6,omitempty"`
	Options optionsJSON    `json:"options"`
}

type connJSON struct {
	ID          string      `json:"id"`
	Requester   sideJSON    `json:"requester"`
	Accepter    sideJSON    `json:"accepter"`
	Status      status.Code `json:"status"`
	Actor       string      `json:"actor,omitempty"`
	RequestedAt time.Time   `json:"requestedAt"`
	ChangedAt   time.Time   `json:"changedAt"`
	PeerMissing bool        `json:"peerMissing,omitempty"`
	Accepted    bool        `json:"accepted,omitempty"`
}

type connRecord struct {
	V json.RawMessage `json:"v"`
	connJSON
}

type tagJSON struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type entryJSON struct {
	connJSON
	RequesterTags []tagJSON `json:"requesterTags,omitempty"`
	AccepterTags  []tagJSON `json:"accepterTags,omitempty"`
}

type registryRecord struct {
	V           json.RawMessage `json:"v"`
	Clock       time.Time       `json:"clock"`
	Connections []entryJSON     `json:"connections"`
}

// version is EncodingVersion as it appears in the encoding.
var version = json.RawMessage(strconv.Itoa(EncodingVersion))

// zeroConnection is the encoding of the zero Connection.
var zeroConnection = []byte(`{"v":` + string(version) + `}`)

func (s side) toJSON() sideJSON {
	return sideJSON{Owner: s.owner, Region: s.region, VPC: s.vpc, IPv4: s.ipv4, IPv6: s.ipv6,
		Options: optionsJSON{s.opts.AllowDNSResolutionFromRemoteVPC,
			s.opts.AllowEgressFromLocalClassicLinkToRemoteVPC, s.opts.AllowEgressFromLocalVPCToRemoteClassicLink}}
}

func (c Connection) toJSON() connJSON {
	return connJSON{ID: c.id, Requester: c.req.toJSON(), Accepter: c.acc.toJSON(), Status: c.code,
		Actor: c.actor, RequestedAt: c.requestedAt, ChangedAt: c.changedAt, PeerMissing: c.peerMissing, Accepted: c.accepted}
}

// MarshalBinary encodes c, every field of it, in the versioned JSON format
// described at [EncodingVersion]: [Connection.UnmarshalBinary] restores a
// Connection that is [Connection.Equal] to c and answers every accessor as
// c does. The output is a pure function of c. The zero Connection encodes
// as {"v":1}, which decodes to the zero Connection. MarshalBinary fails
// only for an instant outside the years 0 to 9999, which RFC 3339 cannot
// write.
func (c Connection) MarshalBinary() ([]byte, error) {
	if !c.IsValid() {
		return slices.Clone(zeroConnection), nil
	}
	b, err := json.Marshal(connRecord{V: version, connJSON: c.toJSON()})
	if err != nil {
		return nil, fmt.Errorf("peering: marshal connection %s: %w", c.id, err)
	}
	return b, nil
}

// UnmarshalBinary replaces *c with the Connection that b encodes, as
// [Connection.MarshalBinary] writes it. It checks every rule that [Create]
// and the actions establish (a pcx- ID, valid accounts, Regions and VPC IDs,
// two different VPCs, masked blocks of the right family, a valid status with
// the actor and accepted flag it implies, instants in UTC without a monotonic
// reading and in order) and refuses anything else, leaving *c untouched. Its
// pointer receiver is the one exception to Connection's value receivers,
// as in netip.Addr.UnmarshalBinary: the method must write its result.
//
// Errors wrap [ErrMalformedEncoding]: input that is not one JSON object, a
// missing or unknown version (the message names it), an unknown member, or a
// Connection that breaks a rule.
func (c *Connection) UnmarshalBinary(b []byte) error {
	const op = "unmarshal connection"
	var rec connRecord
	if err := decodeRecord(op, b, &rec, &rec.V); err != nil {
		return err
	}
	if rec.ID == "" && bytes.Equal(compact(b), zeroConnection) {
		*c = Connection{} // {"v":1}: the zero Connection
		return nil
	}
	d, err := rec.connJSON.toConnection()
	if err != nil {
		return malformed(op, "%v", err)
	}
	*c = d
	return nil
}

// decodeRecord decodes b into rec, whose version member is *v, refusing
// any version but EncodingVersion. When b does not decode, the version is
// checked first, so that a newer encoding is refused for its version and
// not for the members this package does not know.
func decodeRecord(op string, b []byte, rec any, v *json.RawMessage) error {
	err := strictDecode(b, rec)
	if err != nil {
		var head struct {
			V json.RawMessage `json:"v"`
		}
		if json.Unmarshal(b, &head) != nil {
			return malformed(op, "not a JSON object: %v", err)
		}
		*v = head.V
	}
	switch {
	case *v == nil:
		return malformed(op, "no version (want \"v\":%d)", EncodingVersion)
	case !bytes.Equal(*v, version):
		return malformed(op, "unknown version %s (this package reads version %d)", *v, EncodingVersion)
	case err != nil:
		return malformed(op, "%v", err)
	}
	return nil
}

// compact returns b without insignificant white space, or b if it is not
// JSON.
func compact(b []byte) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}

// strictDecode decodes the one JSON value in b into v, refusing unknown
// members and anything after the value.
func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON object")
	}
	return nil
}

func malformed(op, format string, args ...any) error {
	return fmt.Errorf("peering: %s: %w: %s", op, ErrMalformedEncoding, fmt.Sprintf(format, args...))
}

func (j sideJSON) toSide(name string) (side, error) {
	switch {
	case !ec2.IsAccount(j.Owner):
		return side{}, fmt.Errorf("%s owner %q is not a 12-digit account", name, j.Owner)
	case !ec2.IsRegion(j.Region):
		return side{}, fmt.Errorf("%s region %q is not a Region name", name, j.Region)
	case !ec2.VPC.IsID(j.VPC):
		return side{}, fmt.Errorf("%s vpc %q is not a vpc- ID", name, j.VPC)
	}
	for _, p := range j.IPv4 {
		if !p.IsValid() || !p.Addr().Is4() || p.Masked() != p {
			return side{}, fmt.Errorf("%s ipv4 block %q is not a masked IPv4 prefix", name, p)
		}
	}
	for _, p := range j.IPv6 {
		if !p.IsValid() || !p.Addr().Is6() || p.Addr().Is4In6() || p.Masked() != p {
			return side{}, fmt.Errorf("%s ipv6 block %q is not a masked IPv6 prefix", name, p)
		}
	}
	return side{owner: j.Owner, region: j.Region, vpc: j.VPC, ipv4: ownBlocks(j.IPv4), ipv6: ownBlocks(j.IPv6),
		opts: Options{j.Options.DNS, j.Options.ClassicLinkOut, j.Options.ClassicLinkIn}}, nil
}

// toConnection checks j against every rule a Connection made by Create and
// the actions obeys, and returns that Connection.
func (j connJSON) toConnection() (Connection, error) {
	if !ec2.PeeringConnection.IsID(j.ID) {
		return Connection{}, fmt.Errorf("id %q is not a pcx- ID", j.ID)
	}
	req, err := j.Requester.toSide("requester")
	if err != nil {
		return Connection{}, fmt.Errorf("%s: %w", j.ID, err)
	}
	acc, err := j.Accepter.toSide("accepter")
	if err != nil {
		return Connection{}, fmt.Errorf("%s: %w", j.ID, err)
	}
	c := Connection{id: j.ID, req: req, acc: acc, code: j.Status, actor: j.Actor,
		requestedAt: j.RequestedAt, changedAt: j.ChangedAt, peerMissing: j.PeerMissing, accepted: j.Accepted}
	if err := c.checkInvariants(); err != nil {
		return Connection{}, fmt.Errorf("%s: %w", j.ID, err)
	}
	return c, nil
}

// checkInvariants reports the first rule c breaks among those that Create
// and the actions establish.
func (c Connection) checkInvariants() error {
	code := c.code
	switch {
	case !code.IsValid():
		return fmt.Errorf("status %q is not a status code", string(code))
	case c.req.ref() == c.acc.ref():
		return errors.New("a VPC cannot peer with itself")
	case c.requestedAt != norm(c.requestedAt) || c.changedAt != norm(c.changedAt):
		return errors.New("instants must be UTC without a monotonic reading")
	case c.changedAt.Before(c.requestedAt):
		return errors.New("changedAt is before requestedAt")
	}
	// Who acted: Reject records the accepter's owner, Delete and DeleteVPC
	// an owner of either side; nothing else sets an actor.
	switch code {
	case status.Rejected:
		if c.actor != c.acc.owner {
			return fmt.Errorf("actor %q is not the accepter's owner (status %s)", c.actor, code)
		}
	case status.Deleting, status.Deleted:
		if c.actor != c.req.owner && c.actor != c.acc.owner {
			return fmt.Errorf("actor %q is not an owner (status %s)", c.actor, code)
		}
	default:
		if c.actor != "" {
			return fmt.Errorf("an actor, %q, though nobody rejected or deleted it (status %s)", c.actor, code)
		}
	}
	// Accepted: set by Accept (to provisioning) and kept from then on.
	switch code {
	case status.Provisioning, status.Active:
		if !c.accepted {
			return fmt.Errorf("never accepted (status %s)", code)
		}
	case status.InitiatingRequest, status.PendingAcceptance, status.Rejected, status.Expired, status.Failed:
		if c.accepted {
			return fmt.Errorf("accepted, though no connection in this status ever was (status %s)", code)
		}
	}
	switch {
	case code == status.Deleting && !c.IsInterRegion():
		return errors.New("deleting within one Region: only an inter-Region connection passes through deleting")
	case c.peerMissing && (code != status.InitiatingRequest && code != status.Failed):
		return fmt.Errorf("a request to a missing VPC moved on (status %s)", code)
	case c.peerMissing && (len(c.acc.ipv4) > 0 || len(c.acc.ipv6) > 0):
		return errors.New("blocks on an accepter VPC that does not exist")
	case code.IsPending() && !c.changedAt.Equal(c.requestedAt):
		return fmt.Errorf("changedAt differs from requestedAt on an unanswered request (status %s)", code)
	case code == status.Expired && !c.changedAt.Equal(c.ExpiresAt()):
		return errors.New("changedAt is not the expiry of an expired request")
	case (code == status.PendingAcceptance || code == status.Provisioning || code == status.Active) && c.overlaps():
		return fmt.Errorf("overlapping blocks (status %s)", code)
	}
	return nil
}

// MarshalBinary encodes the Registry's whole state in the versioned JSON
// format described at [EncodingVersion]: its clock (the latest now it has
// been given) and every connection it holds with both owners' tags, in ID
// order, so the output is a pure function of that state. What follows from
// the state (the status-dependent indexes, when requests expire and when
// finished connections are forgotten) is not written: UnmarshalBinary
// rebuilds it. The quotas, the random source and the resolver are the
// embedder's settings, given to [NewRegistry], not state, and are not
// written either. MarshalBinary does not move the clock. It fails only on
// a nil Registry or, as [Connection.MarshalBinary] does, for an instant
// outside the years 0 to 9999.
func (r *Registry) MarshalBinary() ([]byte, error) {
	if r == nil {
		return nil, errors.New("peering: marshal registry: nil registry")
	}
	rec := registryRecord{V: version}
	r.mu.Lock()
	rec.Clock = r.clock
	rec.Connections = make([]entryJSON, 0, len(r.byID))
	for _, e := range r.byID {
		ej := entryJSON{connJSON: e.c.toJSON(), RequesterTags: tagsJSON(e.tags[0])}
		if !e.sameParty() {
			ej.AccepterTags = tagsJSON(e.tags[1])
		}
		rec.Connections = append(rec.Connections, ej)
	}
	r.mu.Unlock()
	slices.SortFunc(rec.Connections, func(a, b entryJSON) int { return strings.Compare(a.ID, b.ID) })
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("peering: marshal registry: %w", err)
	}
	return b, nil
}

func tagsJSON(s tag.Set) []tagJSON {
	if s.Len() == 0 {
		return nil
	}
	out := make([]tagJSON, 0, s.Len())
	for _, t := range s.All() {
		out = append(out, tagJSON(t))
	}
	return out
}

func tagSet(ts []tagJSON) (tag.Set, error) {
	all := make([]tag.Tag, len(ts))
	for i, t := range ts {
		all[i] = tag.Tag(t)
	}
	return tag.NewSet(all...)
}

// sameParty reports whether one account in one Region owns both sides, so
// that e.tags[1] is unused.
func (e *entry) sameParty() bool {
	return e.c.req.owner == e.c.acc.owner && e.c.req.region == e.c.acc.region
}

// UnmarshalBinary replaces the Registry's state with the state b encodes, as
// [Registry.MarshalBinary] writes it, and rebuilds every index from it. The
// Registry keeps its random source, resolver and quotas; a Registry made by
// NewRegistry with the same settings and restored from the output of
// MarshalBinary answers every call as the encoded one would, and behaves the
// same afterwards given the same random bytes.
//
// Every connection is checked as [Connection.UnmarshalBinary] checks it, and
// the whole against the rules a Registry keeps: connections in strictly
// increasing ID order, at most one live connection per pair of VPCs, valid
// tags (accepter tags only when the two sides belong to different parties),
// no instant after the clock, every connection still visible to an owner at
// the clock and every pending request not yet expired. On any error the
// Registry is unchanged. Errors wrap [ErrMalformedEncoding], except that a
// nil or zero Registry (not made by NewRegistry) is refused with a plain
// error.
func (r *Registry) UnmarshalBinary(b []byte) error {
	const op = "unmarshal registry"
	if r == nil || r.random == nil || r.vpcs == nil {
		return errors.New("peering: " + op + ": the registry was not made by NewRegistry")
	}
	var rec registryRecord
	if err := decodeRecord(op, b, &rec, &rec.V); err != nil {
		return err
	}
	if rec.Clock != norm(rec.Clock) {
		return malformed(op, "the clock must be UTC without a monotonic reading")
	}
	fresh := &Registry{clock: rec.Clock}
	fresh.reset()
	for i, ej := range rec.Connections {
		if i > 0 && ej.ID <= rec.Connections[i-1].ID {
			return malformed(op, "connection %q is out of ID order or repeated", ej.ID)
		}
		e, err := fresh.decodeEntry(ej)
		if err != nil {
			return malformed(op, "%v", err)
		}
		if other, ok := fresh.live[pairOf(e.c)]; ok && e.c.code.IsLive() {
			return malformed(op, "%s and %s are both live between the same VPCs", other.c.id, e.c.id)
		}
		for _, s := range [4]*string{&e.c.req.owner, &e.c.req.region, &e.c.acc.owner, &e.c.acc.region} {
			*s = fresh.intern(*s)
		}
		fresh.insert(e)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clock, r.byID, r.byVPC, r.byOwner = fresh.clock, fresh.byID, fresh.byVPC, fresh.byOwner
	r.byStatus, r.byTag = fresh.byStatus, fresh.byTag
	r.live, r.outstanding, r.active, r.transient = fresh.live, fresh.outstanding, fresh.active, fresh.transient
	r.strs, r.expiry, r.drops = fresh.strs, fresh.expiry, fresh.drops
	return nil
}

// decodeEntry checks one encoded connection against the Registry rules that
// concern it alone, at the clock r has.
func (r *Registry) decodeEntry(ej entryJSON) (*entry, error) {
	c, err := ej.connJSON.toConnection()
	if err != nil {
		return nil, err
	}
	switch at, hidden := c.hiddenFromAllAt(); {
	case c.changedAt.After(r.clock):
		return nil, fmt.Errorf("%s: changedAt is after the clock", c.id)
	case hidden && !r.clock.Before(at):
		return nil, fmt.Errorf("%s: no owner can see it at the clock, so no Registry holds it", c.id)
	case c.code == status.PendingAcceptance && !r.clock.Before(c.ExpiresAt()):
		return nil, fmt.Errorf("%s: pending at the clock though it expired", c.id)
	}
	e := &entry{c: c, expIdx: -1, dropIdx: -1}
	if e.tags[0], err = tagSet(ej.RequesterTags); err != nil {
		return nil, fmt.Errorf("%s: requester tags: %w", c.id, err)
	}
	if e.sameParty() && len(ej.AccepterTags) > 0 {
		return nil, fmt.Errorf("%s: accepter tags on a connection one party owns both sides of", c.id)
	}
	if e.tags[1], err = tagSet(ej.AccepterTags); err != nil {
		return nil, fmt.Errorf("%s: accepter tags: %w", c.id, err)
	}
	return e, nil
}
