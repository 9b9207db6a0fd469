package ec2emu

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/tag"
)

// scope is one account in one Region: the unit of isolation.
type scope struct {
	account string
	region  string
}

// store is the server's state. Every resource is indexed by its globally
// unique ID and carries the scope that owns it.
type store struct {
	vpcs map[string]*vpc
	// tags holds each scope's tags on each resource ID: tags are per
	// account and Region, so the two parties of a peering connection tag it
	// independently.
	tags map[string]map[scope]tag.Set
	// vpcAttrs holds each VPC's attributes and default security group and
	// network ACL (vpcattr.go), made on first use.
	vpcAttrs map[string]*vpcAttrs
	// peering holds every peering connection, across accounts and Regions.
	peering *peering.Registry
	// rtbs holds the route tables, and rtbsByVPC their IDs by VPC, sorted.
	rtbs      map[string]*rtb
	rtbsByVPC map[string][]string
	// vpn holds customer gateways, VGWs and VPN connections.
	vpn vpnStore
}

func newStore(s *Server) *store {
	st := &store{
		vpcs: make(map[string]*vpc),
		tags: make(map[string]map[scope]tag.Set),

		rtbs:      make(map[string]*rtb),
		rtbsByVPC: make(map[string][]string),
		vpn:       newVPNStore(),
	}
	st.peering = newPeeringRegistry(st, s)
	return st
}

// newID returns a fresh ID of kind k; the caller holds s.mu.
func (s *Server) newID(k ec2.Kind) string {
	id, err := k.NewID(s.random)
	if err != nil {
		panic(err) // the server's readers never fail
	}
	return id
}

// matcher is a compiled list of Describe filters over resources of type T.
type matcher[T any] struct {
	tests []func(T) bool
}

// filterFuncs maps each filter name a Describe action supports to the
// values a resource has for it.
type filterFuncs[T any] map[string]func(T) []string

// compileFilters checks filter names and builds the matcher. tags returns
// the caller's tags on a resource, for tag:<key>, tag-key and tag-value.
func compileFilters[T any](fs []filter, funcs filterFuncs[T], tags func(T) tag.Set) (matcher[T], error) {
	var m matcher[T]
	for _, f := range fs {
		want := f.Values
		match := func(have []string) bool {
			for _, h := range have {
				for _, w := range want {
					if peering.Match(w, h) { // EC2's filter patterns, as the peering package matches them
						return true
					}
				}
			}
			return false
		}
		switch {
		case funcs[f.Name] != nil:
			get := funcs[f.Name]
			m.tests = append(m.tests, func(r T) bool { return match(get(r)) })
		case strings.HasPrefix(f.Name, "tag:") && tags != nil:
			key := strings.TrimPrefix(f.Name, "tag:")
			m.tests = append(m.tests, func(r T) bool {
				v, ok := tags(r).Get(key)
				return ok && match([]string{v})
			})
		case f.Name == "tag-key" && tags != nil:
			m.tests = append(m.tests, func(r T) bool { return match(tagKeys(tags(r))) })
		case f.Name == "tag-value" && tags != nil:
			m.tests = append(m.tests, func(r T) bool { return match(tagValues(tags(r))) })
		default:
			return m, &ec2.Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("The filter '%s' is invalid", f.Name)}
		}
	}
	return m, nil
}

func (m matcher[T]) match(r T) bool {
	for _, t := range m.tests {
		if !t(r) {
			return false
		}
	}
	return true
}

func tagKeys(s tag.Set) []string {
	var out []string
	for _, t := range s.All() {
		out = append(out, t.Key)
	}
	return out
}

func tagValues(s tag.Set) []string {
	var out []string
	for _, t := range s.All() {
		out = append(out, t.Value)
	}
	return out
}

// paginate returns one page of items, which are sorted by ID, and the token
// for the next page ("" on the last). min and max bound MaxResults.
func paginate[T any](items []T, id func(T) string, pg page, explicitIDs bool, minN, maxN int) ([]T, string, error) {
	if pg.MaxResults == nil && pg.NextToken == "" {
		return items, "", nil
	}
	if explicitIDs && pg.MaxResults != nil {
		return nil, "", &ec2.Error{Code: ec2.InvalidParameterCombination,
			Message: "The parameter MaxResults cannot be used with the parameter of resource IDs"}
	}
	n := maxN
	if pg.MaxResults != nil {
		n = int(*pg.MaxResults)
		if *pg.MaxResults < int64(minN) || *pg.MaxResults > int64(maxN) {
			return nil, "", &ec2.Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("Value ( %d ) for parameter maxResults is invalid. Expecting a value between %d and %d.", *pg.MaxResults, minN, maxN)}
		}
	}
	start := 0
	if pg.NextToken != "" {
		after, err := base64.RawURLEncoding.DecodeString(pg.NextToken)
		if err != nil || len(after) == 0 {
			return nil, "", &ec2.Error{Code: ec2.InvalidPaginationToken,
				Message: fmt.Sprintf("Invalid pagination token: %s", pg.NextToken)}
		}
		start, _ = slices.BinarySearchFunc(items, string(after), func(t T, s string) int { return strings.Compare(id(t), s) })
		if start < len(items) && id(items[start]) == string(after) {
			start++
		}
	}
	end := min(start+n, len(items))
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte(id(items[end-1])))
	}
	return items[start:end], next, nil
}
