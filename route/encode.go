package route

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/internal/jsonscan"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// encodingVersion is the version of the encoding [Table.MarshalBinary]
// writes, and the only one [Table.UnmarshalBinary] reads.
const encodingVersion = 1

// tableRecord is a Table as MarshalBinary writes it, version 1: JSON, the
// fields in this order, prefixes and targets in their text forms.
// Propagated routes are not listed as routes: each propagating gateway is
// written with every prefix it advertises, including those a static route
// hides, and the table shows them as Table.Routes does. Empty lists are
// left out, except blocks and routes, which a valid table never lacks.
type tableRecord struct {
	V            int            `json:"v"`
	ID           string         `json:"id"`
	VPC          string         `json:"vpc"`
	Owner        string         `json:"owner"`
	Blocks       []netip.Prefix `json:"blocks"`
	Routes       []routeRecord  `json:"routes"`
	Propagating  []propRecord   `json:"propagating,omitempty"`
	Associations []assocRecord  `json:"associations,omitempty"`
	Tags         []tagRecord    `json:"tags,omitempty"`
	Quota        int            `json:"quota"`
}

// routeRecord is one local or static route.
type routeRecord struct {
	Dest   netip.Prefix      `json:"dest"`
	Target Target            `json:"target"`
	Origin Origin            `json:"origin"`
	State  status.RouteState `json:"state"`
}

// propRecord is one propagating gateway and the prefixes it advertises.
type propRecord struct {
	Gateway  Target         `json:"gateway"`
	Prefixes []netip.Prefix `json:"prefixes,omitempty"`
}

// assocRecord is one association; exactly one of Subnet, Gateway and Main
// is set.
type assocRecord struct {
	ID      string `json:"id"`
	Subnet  string `json:"subnet,omitempty"`
	Gateway string `json:"gateway,omitempty"`
	Main    bool   `json:"main,omitempty"`
}

type tagRecord struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// MarshalBinary implements [encoding.BinaryMarshaler]: it encodes all of t
// (ID, VPC, owner, blocks, local and static routes with their targets,
// origins and states, the propagating gateways with the prefixes each
// advertises, associations in order, tags and route quota) so that
// [Table.UnmarshalBinary] gives back a table indistinguishable from t. The
// encoding is JSON with a version field, for example
//
//	{"v":1,"id":"rtb-11111111","vpc":"vpc-11111111","owner":"111122223333",
//	 "blocks":["10.0.0.0/16"],
//	 "routes":[{"dest":"10.0.0.0/16","target":"local","origin":"CreateRouteTable","state":"active"}],
//	 "quota":50}
//
// (on one line), and is a pure function of t: equal tables give equal
// bytes. The zero Table encodes to empty bytes, as netip's zero values do.
// MarshalBinary never fails.
func (t Table) MarshalBinary() ([]byte, error) {
	if !t.IsValid() {
		return []byte{}, nil
	}
	rec := tableRecord{V: encodingVersion, ID: t.id, VPC: t.vpcID, Owner: t.ownerID, Blocks: t.blocks, Quota: t.quota}
	rec.Routes = make([]routeRecord, len(t.routes))
	for i, e := range t.routes {
		r := t.at(e)
		rec.Routes[i] = routeRecord{Dest: r.Destination, Target: r.Target, Origin: r.Origin, State: r.State}
	}
	for _, p := range t.vgws {
		rec.Propagating = append(rec.Propagating, propRecord{Gateway: p.vgw, Prefixes: p.prefixes})
	}
	for _, a := range t.assocs {
		rec.Associations = append(rec.Associations, assocRecord{ID: a.ID, Subnet: a.SubnetID, Gateway: a.GatewayID, Main: a.Main})
	}
	for _, tg := range t.tags.All() {
		rec.Tags = append(rec.Tags, tagRecord{Key: tg.Key, Value: tg.Value})
	}
	return json.Marshal(rec)
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]: it sets *t to
// the table b encodes, as [Table.MarshalBinary] writes it. Empty b gives
// the zero Table. It checks everything a table's actions guarantee, so a
// table it accepts behaves exactly as one built by actions: IDs and account
// well-formed; blocks valid, masked, unique, at least one IPv4; one local
// route (origin CreateRouteTable) per block and no other, with the local
// target (always active) or a network interface, NAT gateway or endpoint;
// static routes (origin CreateRoute) to a target that is not local, that
// takes the destination's family, not reserved, and inside a VPC block only
// with a network interface, NAT gateway or endpoint target; states active
// or blackhole; destinations unique; propagating gateways vgw- and unique,
// their prefixes valid, masked, unique and at most [MaxPropagatedRoutes] in
// all; associations as [Table.Associate] accepts them; tags as
// [tag.NewSet] accepts them; a quota as [Table.WithRouteQuota] accepts it.
// Blocks, routes, gateways and prefixes may come in any order; associations
// keep theirs.
//
// Errors (*Error, Op "unmarshal-table", wrapping ErrEncoding): a version
// other than 1 also wraps ErrEncodingVersion; not JSON, an
// unknown field, or a missing or wrong-typed one gives
// InvalidParameterValue; a broken rule gives the code the action that
// enforces it would give (InvalidRouteTableId.Malformed, ...) and wraps
// that action's sentinel too. On error *t is left unchanged.
func (t *Table) UnmarshalBinary(b []byte) error {
	if len(b) == 0 {
		*t = Table{}
		return nil
	}
	// The fast path reads the one spelling MarshalBinary writes; anything
	// else gets one strict decode, and only a stream that fails it is read
	// again, to say what is wrong with its version.
	rec, ok := scanTable(b)
	if !ok {
		rec = tableRecord{}
		if err := decodeRecord(b, &rec); err != nil {
			return err
		}
	}
	if rec.V != encodingVersion { // "V" also spells the field for encoding/json
		if verr := checkVersion(b); verr != nil {
			return verr
		}
		return encodingErr("", strconv.Itoa(rec.V), fmt.Errorf("%w: %w", ErrEncoding, ErrEncodingVersion),
			"The route table encoding version %d is not supported; this package reads version %d.", rec.V, encodingVersion)
	}
	nt, err := decodeTable(rec)
	if err != nil {
		return err
	}
	*t = nt
	return nil
}

// decodeRecord reads b into rec with encoding/json, strictly, and returns
// the error UnmarshalBinary gives for b if it does not read.
func decodeRecord(b []byte, rec *tableRecord) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(rec); err != nil || dec.More() {
		if verr := checkVersion(b); verr != nil {
			return verr
		}
		var ute *json.UnmarshalTypeError
		switch {
		case err == nil:
			return encodingErr("", "", ErrEncoding, "The route table encoding has data after its object.")
		case errors.As(err, new(*Error)): // a target's text
			return rewrap(err, "")
		case errors.As(err, &ute):
			return encodingErr("", ute.Field, ErrEncoding, "The field %q of the route table encoding holds a JSON %s; want %v.", ute.Field, ute.Value, ute.Type)
		}
		return encodingErr("", "", ErrEncoding, "The route table encoding is malformed: %v.", err)
	}
	return nil
}

// scanTable reads b as tableRecord, without reflection, if b is spelt as
// MarshalBinary spells it (see package jsonscan), and reports whether it
// was; what it reads is then what encoding/json reads. A field added to
// tableRecord must be added here too, in its place, or every table that
// has it takes the slow path.
func scanTable(b []byte) (tableRecord, bool) {
	var rec tableRecord
	r := jsonscan.NewReader(b)
	r.Lit(`{"v":`)
	rec.V = r.Int()
	r.Lit(`,"id":`)
	rec.ID = r.Text()
	r.Lit(`,"vpc":`)
	rec.VPC = r.Text()
	r.Lit(`,"owner":`)
	rec.Owner = r.Text()
	r.Lit(`,"blocks":[`)
	rec.Blocks = make([]netip.Prefix, 0, 1)
	for i := 0; r.Next(i); i++ {
		rec.Blocks = append(rec.Blocks, r.Prefix())
	}
	r.Lit(`,"routes":[`)
	rec.Routes = make([]routeRecord, 0, 1)
	for i := 0; r.Next(i); i++ {
		var rr routeRecord
		r.Lit(`{"dest":`)
		rr.Dest = r.Prefix()
		r.Lit(`,"target":`)
		if tb := r.TextBytes(); string(tb) == "local" {
			rr.Target = LocalTarget()
		} else if err := rr.Target.UnmarshalText(tb); err != nil {
			r.Mismatch()
		}
		r.Lit(`,"origin":`)
		switch ob := r.TextBytes(); string(ob) {
		case string(OriginCreateRouteTable):
			rr.Origin = OriginCreateRouteTable
		case string(OriginCreateRoute):
			rr.Origin = OriginCreateRoute
		default:
			rr.Origin = Origin(ob)
		}
		r.Lit(`,"state":`)
		switch sb := r.TextBytes(); string(sb) {
		case string(status.RouteActive):
			rr.State = status.RouteActive
		case string(status.RouteBlackhole):
			rr.State = status.RouteBlackhole
		default:
			rr.State = status.RouteState(sb)
		}
		r.Lit("}")
		rec.Routes = append(rec.Routes, rr)
	}
	if r.Skip(`,"propagating":[`) {
		rec.Propagating = []propRecord{}
		for i := 0; r.Next(i); i++ {
			var p propRecord
			r.Lit(`{"gateway":`)
			if err := p.Gateway.UnmarshalText(r.TextBytes()); err != nil {
				r.Mismatch()
			}
			if r.Skip(`,"prefixes":[`) {
				p.Prefixes = []netip.Prefix{}
				for j := 0; r.Next(j); j++ {
					p.Prefixes = append(p.Prefixes, r.Prefix())
				}
			}
			r.Lit("}")
			rec.Propagating = append(rec.Propagating, p)
		}
	}
	if r.Skip(`,"associations":[`) {
		rec.Associations = make([]assocRecord, 0, 1)
		for i := 0; r.Next(i); i++ {
			var a assocRecord
			r.Lit(`{"id":`)
			a.ID = r.Text()
			if r.Skip(`,"subnet":`) {
				a.Subnet = r.Text()
			}
			if r.Skip(`,"gateway":`) {
				a.Gateway = r.Text()
			}
			if r.Skip(`,"main":`) {
				a.Main = r.Bool()
			}
			r.Lit("}")
			rec.Associations = append(rec.Associations, a)
		}
	}
	if r.Skip(`,"tags":[`) {
		rec.Tags = []tagRecord{}
		for i := 0; r.Next(i); i++ {
			var tg tagRecord
			r.Lit(`{"key":`)
			tg.Key = r.Text()
			r.Lit(`,"value":`)
			tg.Value = r.Text()
			r.Lit("}")
			rec.Tags = append(rec.Tags, tg)
		}
	}
	r.Lit(`,"quota":`)
	rec.Quota = r.Int()
	r.Lit("}")
	return rec, r.Done()
}

// checkVersion returns the error for an encoding that is not JSON, not an
// object, or has no integer version, or a version other than this
// package's; nil otherwise.
func checkVersion(b []byte) error {
	if !json.Valid(b) {
		return encodingErr("", "", ErrEncoding, "The route table encoding is not valid JSON.")
	}
	var head map[string]json.RawMessage
	if err := json.Unmarshal(b, &head); err != nil {
		return encodingErr("", "", ErrEncoding, "The route table encoding is not a JSON object.")
	}
	raw, ok := head["v"]
	if !ok {
		return encodingErr("", "", ErrEncoding, "The route table encoding has no version (field \"v\").")
	}
	var v int
	if err := json.Unmarshal(raw, &v); err != nil {
		return encodingErr("", string(raw), ErrEncoding, "The route table encoding version %s is not an integer.", raw)
	}
	if v != encodingVersion {
		return encodingErr("", strconv.Itoa(v), fmt.Errorf("%w: %w", ErrEncoding, ErrEncodingVersion),
			"The route table encoding version %d is not supported; this package reads version %d.", v, encodingVersion)
	}
	return nil
}

// decodeTable builds the table rec describes, checking it as
// UnmarshalBinary documents.
func decodeTable(rec tableRecord) (Table, error) {
	t, err := createTable(rec.ID, rec.Owner, VPC{ID: rec.VPC, Blocks: rec.Blocks})
	if err != nil {
		return Table{}, rewrap(err, rec.ID)
	}
	id := t.id
	fail := func(input string, format string, args ...any) (Table, error) {
		return Table{}, encodingErr(id, input, ErrEncoding, format, args...)
	}

	t.routes = make([]entry, 0, len(rec.Routes))
	locals := 0
	for _, r := range rec.Routes {
		d := r.Dest
		switch {
		case !d.IsValid():
			return fail("", "A route has no destination.")
		case !validPrefix(d):
			return fail(d.String(), "The route destination '%s' is not a masked CIDR block.", d)
		}
		if !r.Target.IsValid() {
			return fail(d.String(), "The route to %s has no target.", d)
		}
		kind := r.Target.Kind()
		ki, _ := kind.info()
		if kind != KindLocal && !ki.takes(d) {
			return fail(r.Target.id, "The target %s does not support the destination %s.", r.Target.id, d)
		}
		switch r.State {
		case status.RouteActive, status.RouteBlackhole:
		default:
			return fail(string(r.State), "The route to %s has the state '%s'; want active or blackhole.", d, r.State)
		}
		switch r.Origin {
		case OriginCreateRouteTable:
			if _, ok := slices.BinarySearchFunc(t.blocks, d, comparePrefix); !ok {
				return fail(d.String(), "The local route %s has no VPC block.", d)
			}
			if kind != KindLocal && !supportsLocalBlock(kind) {
				return fail(r.Target.id, "The local route %s has the target %s; want local, an interface, a NAT gateway or an endpoint.", d, r.Target.id)
			}
			if kind == KindLocal && r.State != status.RouteActive {
				return fail(d.String(), "The local route %s to the local target is %s; want active.", d, r.State)
			}
			locals++
		case OriginCreateRoute:
			switch {
			case kind == KindLocal:
				return fail(d.String(), "The static route %s has the local target.", d)
			case reserved(d):
				return fail(d.String(), "The static route %s is in a range reserved by AWS.", d)
			case t.inBlock(d) && !supportsLocalBlock(kind):
				return fail(d.String(), "The static route %s lies in a VPC block and targets %s; want an interface, a NAT gateway or an endpoint.", d, r.Target.id)
			}
		default:
			return fail(string(r.Origin), "The route to %s has the origin '%s'; want CreateRouteTable or CreateRoute.", d, r.Origin)
		}
		t.routes = append(t.routes, t.newEntry(d, r.Target, r.Origin, r.State))
	}
	slices.SortFunc(t.routes, entry.cmp)
	for i := 1; i < len(t.routes); i++ {
		if t.routes[i-1].cmp(t.routes[i]) == 0 {
			d := t.routes[i].prefix()
			return fail(d.String(), "The route to %s is listed twice.", d)
		}
	}
	if locals != len(t.blocks) {
		return fail("", "The table has a local route for %d of its %d VPC blocks.", locals, len(t.blocks))
	}

	n := 0
	for _, p := range rec.Propagating {
		if p.Gateway.Kind() != KindVPNGateway {
			return fail(p.Gateway.id, "The propagating gateway '%s' is not a virtual private gateway.", p.Gateway.id)
		}
		ps := slices.Clone(p.Prefixes)
		slices.SortFunc(ps, comparePrefix)
		for i, d := range ps {
			if !validPrefix(d) {
				return fail(d.String(), "The prefix '%s' propagated by %s is not a masked CIDR block.", d, p.Gateway.id)
			}
			if i > 0 && ps[i-1] == d {
				return fail(d.String(), "The prefix %s is propagated twice by %s.", d, p.Gateway.id)
			}
		}
		if len(ps) == 0 {
			ps = nil
		}
		n += len(ps)
		t.vgws = append(t.vgws, propagation{vgw: p.Gateway, prefixes: ps})
	}
	slices.SortFunc(t.vgws, func(a, b propagation) int { return strings.Compare(a.vgw.id, b.vgw.id) })
	for i := 1; i < len(t.vgws); i++ {
		if t.vgws[i-1].vgw == t.vgws[i].vgw {
			return fail(t.vgws[i].vgw.id, "The gateway %s is listed twice as propagating.", t.vgws[i].vgw.id)
		}
	}
	if n > MaxPropagatedRoutes {
		return fail("", "The table holds %d propagated routes; at most %d are allowed.", n, MaxPropagatedRoutes)
	}

	for _, a := range rec.Associations {
		next, err := t.Associate(Association{ID: a.ID, SubnetID: a.Subnet, GatewayID: a.Gateway, Main: a.Main})
		if err != nil {
			return Table{}, rewrap(err, id)
		}
		t = next
	}
	tags := make([]tag.Tag, len(rec.Tags))
	for i, tg := range rec.Tags {
		tags[i] = tag.Tag{Key: tg.Key, Value: tg.Value}
	}
	set, err := tag.NewSet(tags...)
	if err != nil {
		var te *tag.Error
		if !errors.As(err, &te) {
			te = &tag.Error{Err: err}
		}
		return Table{}, &Error{Op: opUnmarshal, ID: id, Input: te.Key, Code: te.ErrorCode(), Err: fmt.Errorf("%w: %w", ErrEncoding, err), msg: te.ErrorMessage()}
	}
	t.tags = set
	if t, err = t.WithRouteQuota(rec.Quota); err != nil {
		return Table{}, rewrap(err, id)
	}
	return t.rebuild(), nil
}

const opUnmarshal = "unmarshal-table"

// validPrefix reports whether p is a valid, masked prefix of a plain IPv4
// or IPv6 address.
func validPrefix(p netip.Prefix) bool {
	return p.IsValid() && p == p.Masked() && !p.Addr().Is4In6() && p.Addr().Zone() == ""
}

func encodingErr(id, input string, cause error, format string, args ...any) *Error {
	return &Error{Op: opUnmarshal, ID: id, Input: input, Code: ec2.InvalidParameterValue, Err: cause, msg: fmt.Sprintf(format, args...)}
}

// rewrap returns err, an action's refusal (an *Error) met while decoding,
// as a refusal to decode: the same code and message, wrapping ErrEncoding
// and the action's cause.
func rewrap(err error, id string) *Error {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Code: ec2.InvalidParameterValue, Err: err}
	}
	return &Error{Op: opUnmarshal, ID: id, Input: e.Input, Code: e.Code, Err: fmt.Errorf("%w: %w", ErrEncoding, e.Err), msg: e.ErrorMessage()}
}
