package vpcmodel

import (
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/wildcard"
	"github.com/vpclab/vpcmodel/tag"
)

// The Cloud answers lookups by ID, and the Describe filters callers use
// most (a resource's own ID, vpc-id, tag:<key>), from indexes, so that the
// cost of an action or a narrow Describe does not grow with the resources
// other callers, or the caller's other VPCs, hold. Every index is derived:
// it is rebuilt, never stored, when a Cloud is read back.

// tagKey is one scope's tag, key and value, on the resources that carry it.
type tagKey struct {
	owner      scope
	key, value string
}

// indexTags replaces owner's tags on id in the tag index: old out, new in.
func (c *Cloud) indexTags(owner scope, id string, old, tags tag.Set) {
	for _, t := range old.All() {
		k := tagKey{owner, t.Key, t.Value}
		delete(c.tagIdx[k], id)
		if len(c.tagIdx[k]) == 0 {
			delete(c.tagIdx, k)
		}
	}
	for _, t := range tags.All() {
		k := tagKey{owner, t.Key, t.Value}
		if c.tagIdx[k] == nil {
			c.tagIdx[k] = make(map[string]struct{}, 1)
		}
		c.tagIdx[k][id] = struct{}{}
	}
}

// lookup maps a filter value to the IDs of the resources that have it; nil
// means no resource.
type lookup func(value string) []string

// narrow returns the IDs of the resources that may match filters, from the
// first filter it can answer from an index (one whose values are all
// literal), and false when none can be: the caller then scans. byName holds
// the lookups of one resource kind's indexed filters; tag:<key> filters are
// answered from the tag index for every kind, keeping IDs with prefix.
func (c *Cloud) narrow(k *call, filters []Filter, byName map[string]lookup, prefix string) ([]string, bool) {
	for _, f := range filters {
		if slices.ContainsFunc(f.Values, wildcard.HasWildcard) {
			continue
		}
		get := byName[f.Name]
		if key, ok := strings.CutPrefix(f.Name, "tag:"); ok {
			get = func(value string) []string {
				var ids []string
				for id := range c.tagIdx[tagKey{k.scope, key, value}] {
					if strings.HasPrefix(id, prefix) {
						ids = append(ids, id)
					}
				}
				return ids
			}
		}
		if get == nil {
			continue
		}
		var ids []string
		for _, v := range f.Values {
			ids = append(ids, get(v)...)
		}
		slices.Sort(ids)
		return slices.Compact(ids), true
	}
	return nil, false
}

// idSet is a set of resource IDs.
type idSet = map[string]struct{}

// addID adds id to sc's set in m.
func addID[K comparable](m map[K]idSet, sc K, id string) {
	if m[sc] == nil {
		m[sc] = make(idSet)
	}
	m[sc][id] = struct{}{}
}

// removeID removes id from sc's set in m.
func removeID[K comparable](m map[K]idSet, sc K, id string) {
	delete(m[sc], id)
	if len(m[sc]) == 0 {
		delete(m, sc)
	}
}

// sortedIDs returns the IDs of s in order.
func sortedIDs(s idSet) []string {
	ids := make([]string, 0, len(s))
	for id := range s {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
