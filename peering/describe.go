package peering

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/internal/wildcard"
)

// Filter names accepted by [Registry.Describe], as DescribeVpcPeeringConnections
// spells them; "tag:<key>" is accepted for any key.
const (
	FilterAccepterCIDRBlock  = "accepter-vpc-info.cidr-block"
	FilterAccepterOwnerID    = "accepter-vpc-info.owner-id"
	FilterAccepterVPCID      = "accepter-vpc-info.vpc-id"
	FilterExpirationTime     = "expiration-time"
	FilterRequesterCIDRBlock = "requester-vpc-info.cidr-block"
	FilterRequesterOwnerID   = "requester-vpc-info.owner-id"
	FilterRequesterVPCID     = "requester-vpc-info.vpc-id"
	FilterStatusCode         = "status-code"
	FilterStatusMessage      = "status-message"
	FilterTagKey             = "tag-key"
	FilterID                 = "vpc-peering-connection-id"
	FilterTagPrefix          = "tag:"
)

// timeLayout is how EC2 writes instants such as ExpirationTime on the wire,
// and how the expiration-time filter compares them.
const timeLayout = "2006-01-02T15:04:05.000Z"

// Describe page sizes (MaxResults).
const (
	MinPageSize = 5
	MaxPageSize = 1000
)

// Filter is one DescribeVpcPeeringConnections filter: a name and the values
// any of which may match. Values may use EC2's wildcards: * for any run of
// characters, ? for one, \ to escape either (see [Match]). The zero Filter
// is not valid; [Registry.Describe] refuses its empty name.
type Filter struct {
	Name   string
	Values []string
}

// Query is the input of [Registry.Describe]. The zero value is ready to
// use: it asks for every connection the caller sees, in one page.
type Query struct {
	IDs        []string // VpcPeeringConnectionId.N: only these; each must be visible
	Filters    []Filter // all must match (AND); within one, any value (OR)
	MaxResults int      // 0 for no limit, else 5 to 1000
	NextToken  string   // from the previous Page
}

// Page is one page of [Registry.Describe]'s results. The zero value is
// ready to use: an empty last page.
type Page struct {
	Connections []View // in ID order
	NextToken   string // "" on the last page
}

// Describe answers DescribeVpcPeeringConnections for caller at now: the
// connections caller sees, matching q, in ID order (stable across pages),
// each as caller sees it. Filters compare with what the View shows, so an
// accepter's CIDR blocks do not match before the request is accepted and
// expiration-time matches only unanswered requests. Filters on VPC IDs,
// owner IDs and connection IDs are answered from indexes.
//
// Errors (*Error): a malformed ID (InvalidVpcPeeringConnectionId.Malformed);
// an ID caller does not see (InvalidVpcPeeringConnectionID.NotFound, as EC2
// answers); an unknown filter name (InvalidParameterValue, [ErrFilter]);
// MaxResults outside 5 to 1000 (InvalidParameterValue, [ErrInvalid]); a
// NextToken this Registry did not make (InvalidPaginationToken,
// [ErrPaginationToken]).
func (r *Registry) Describe(caller Party, q Query, now time.Time) (Page, error) {
	const op = "describe"
	if q.MaxResults != 0 && (q.MaxResults < MinPageSize || q.MaxResults > MaxPageSize) {
		return Page{}, &Error{Op: op, Code: ec2.InvalidParameterValue,
			Message: "Value ( " + strconv.Itoa(q.MaxResults) + " ) for parameter maxResults is invalid. Parameter must be between " +
				strconv.Itoa(MinPageSize) + " and " + strconv.Itoa(MaxPageSize) + ".", Err: ErrInvalid}
	}
	after := ""
	if q.NextToken != "" {
		b, err := base64.RawURLEncoding.DecodeString(q.NextToken)
		if err != nil || !ec2.PeeringConnection.IsID(string(b)) {
			return Page{}, &Error{Op: op, Code: ec2.InvalidPaginationToken,
				Message: "Invalid pagination token: " + q.NextToken, Err: ErrPaginationToken}
		}
		after = string(b)
	}
	for _, f := range q.Filters {
		if !knownFilter(f.Name) {
			return Page{}, &Error{Op: op, Code: ec2.InvalidParameterValue,
				Message: "The filter '" + f.Name + "' is invalid", Err: ErrFilter}
		}
	}
	for _, id := range q.IDs {
		if !ec2.PeeringConnection.IsID(id) {
			return Page{}, malformedPCX(op, id)
		}
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	now = r.advance(now)
	var cands []*entry
	if len(q.IDs) > 0 {
		for _, id := range q.IDs {
			e, err := r.find(op, caller, id, now)
			if err != nil {
				return Page{}, err
			}
			cands = append(cands, e)
		}
	} else {
		cands = r.candidates(caller, q.Filters)
	}
	// Filter first, then sort only what matched.
	hits := cands[:0]
	for _, e := range cands {
		if e.c.id > after && r.visible(e, caller, now) && matchAll(e, caller, q.Filters) {
			hits = append(hits, e)
		}
	}
	slices.SortFunc(hits, func(a, b *entry) int { return strings.Compare(a.c.id, b.c.id) })
	hits = slices.CompactFunc(hits, func(a, b *entry) bool { return a == b })
	var out Page
	if q.MaxResults > 0 && len(hits) > q.MaxResults {
		hits = hits[:q.MaxResults]
		out.NextToken = base64.RawURLEncoding.EncodeToString([]byte(hits[len(hits)-1].c.id))
	}
	out.Connections = make([]View, len(hits))
	for i, e := range hits {
		out.Connections[i] = r.view(e, caller)
	}
	return out, nil
}

func knownFilter(name string) bool {
	switch name {
	case FilterAccepterCIDRBlock, FilterAccepterOwnerID, FilterAccepterVPCID, FilterExpirationTime,
		FilterRequesterCIDRBlock, FilterRequesterOwnerID, FilterRequesterVPCID, FilterStatusCode,
		FilterStatusMessage, FilterTagKey, FilterID:
		return true
	}
	return strings.HasPrefix(name, FilterTagPrefix) && len(name) > len(FilterTagPrefix)
}

// candidates returns a superset of the connections caller may see that
// match filters, from the smallest index that applies. Every connection
// caller sees has caller's account as an owner, so that index always
// applies.
func (r *Registry) candidates(caller Party, filters []Filter) []*entry {
	best := r.byOwner[caller.Account]
	bestN := len(best)
	var bestUnion []map[string]*entry
	for _, f := range filters {
		var idx map[string]map[string]*entry
		key := func(v string) string { return v }
		switch {
		case f.Name == FilterAccepterVPCID, f.Name == FilterRequesterVPCID:
			idx = r.byVPC
		case f.Name == FilterAccepterOwnerID, f.Name == FilterRequesterOwnerID:
			idx = r.byOwner
		case f.Name == FilterStatusCode:
			idx = r.byStatus
		case strings.HasPrefix(f.Name, FilterTagPrefix):
			idx = r.byTag
			k := strings.TrimPrefix(f.Name, FilterTagPrefix)
			key = func(v string) string { return k + "\x00" + v }
		case f.Name == FilterID:
			idx = nil
		default:
			continue
		}
		var union []map[string]*entry
		n := 0
		exact := true
		for _, v := range f.Values {
			if hasWildcard(v) {
				exact = false
				break
			}
			if idx == nil {
				if e, ok := r.byID[keyOf(v)]; ok {
					union = append(union, map[string]*entry{v: e})
					n++
				}
				continue
			}
			union = append(union, idx[key(v)])
			n += len(idx[key(v)])
		}
		if exact && n < bestN {
			best, bestN, bestUnion = nil, n, union
		}
	}
	if bestUnion == nil {
		out := make([]*entry, 0, len(best))
		for _, e := range best {
			out = append(out, e)
		}
		return out
	}
	out := make([]*entry, 0, bestN)
	for _, s := range bestUnion {
		for _, e := range s {
			out = append(out, e)
		}
	}
	return out
}

func matchAll(e *entry, caller Party, filters []Filter) bool {
	for _, f := range filters {
		if !matchFilter(e, caller, f) {
			return false
		}
	}
	return true
}

func matchFilter(e *entry, caller Party, f Filter) bool {
	c := &e.c
	var fields []string
	switch f.Name {
	case FilterAccepterCIDRBlock:
		if c.accepted {
			for _, p := range c.acc.ipv4 {
				fields = append(fields, p.String())
			}
		}
	case FilterRequesterCIDRBlock:
		for _, p := range c.req.ipv4 {
			fields = append(fields, p.String())
		}
	case FilterAccepterOwnerID:
		fields = []string{c.acc.owner}
	case FilterAccepterVPCID:
		fields = []string{c.acc.vpc}
	case FilterRequesterOwnerID:
		fields = []string{c.req.owner}
	case FilterRequesterVPCID:
		fields = []string{c.req.vpc}
	case FilterExpirationTime:
		if c.code.IsPending() {
			fields = []string{c.ExpiresAt().Format(timeLayout)}
		}
	case FilterStatusCode:
		fields = []string{string(c.code)}
	case FilterStatusMessage:
		fields = []string{c.message()}
	case FilterID:
		fields = []string{c.id}
	case FilterTagKey:
		for _, t := range e.tags[e.slot(caller)].All() {
			fields = append(fields, t.Key)
		}
	default: // tag:<key>
		key := strings.TrimPrefix(f.Name, FilterTagPrefix)
		if v, ok := e.tags[e.slot(caller)].Get(key); ok {
			fields = []string{v}
		}
	}
	for _, field := range fields {
		for _, pat := range f.Values {
			if wildcard.Match(pat, field) {
				return true
			}
		}
	}
	return false
}

func hasWildcard(s string) bool { return wildcard.HasWildcard(s) }
