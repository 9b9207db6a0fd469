package vpcmodel

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/internal/wildcard"
	"github.com/vpclab/vpcmodel/tag"
)

// Filter is one Filter.N of a Describe action: a filter name and the values
// it accepts. A resource matches a Describe's filters when it matches every
// filter (AND), and a filter when one of its values matches one of the
// resource's (OR). Values may use EC2's wildcards: * for any run of
// characters, ? for one, \ to quote the next.
type Filter struct {
	Name   string   `ec2:"Name,required"`
	Values []string `ec2:"Value"`
}

// Tag is one tag: a key and a value, in EC2's inputs (Tag.N.Key) and
// outputs (tagSet), and in the other services' Query APIs (Tags.Tag.N.Key).
type Tag struct {
	Key   string `ec2:"Key" query:"Key"`
	Value string `ec2:"Value" query:"Value"`
}

// TagSpecification is one TagSpecification.N of a Create action: the tags to
// put on the new resource, which must be of ResourceType.
type TagSpecification struct {
	ResourceType string `ec2:"ResourceType"`
	Tags         []Tag  `ec2:"Tag"`
}

// Page holds a Describe action's pagination parameters. MaxResults absent
// means every result in one page (or, for the actions that always page,
// the largest page); NextToken is the token the previous page returned.
type Page struct {
	MaxResults Optional[int] `ec2:"MaxResults"`
	NextToken  string        `ec2:"NextToken"`
}

// pageLimits are one Describe action's bounds on MaxResults, and the name of
// its ID-list parameter, which EC2 does not accept together with MaxResults.
type pageLimits struct {
	min, max int
	idsParam string // "" when IDs and MaxResults may be combined
	// token reports whether a NextToken's decoded text can be one this
	// action issued: the ID of a resource of its kind. nil accepts any.
	token func(string) bool
}

// check validates pg before anything else of a Describe: MaxResults, then
// NextToken, as every Describe checks them, in that order.
func (pg Page) check(l pageLimits, explicitIDs bool) error {
	if _, err := pg.size(l, explicitIDs); err != nil {
		return err
	}
	_, err := pg.after(l)
	return err
}

// after returns the ID pg's NextToken names, "" for none, or EC2's refusal
// of a token this action did not issue.
func (pg Page) after(l pageLimits) (string, error) {
	if pg.NextToken == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(pg.NextToken)
	if err != nil || len(b) == 0 || l.token != nil && !l.token(string(b)) {
		return "", &Error{Code: ec2.InvalidPaginationToken,
			Message: fmt.Sprintf("Invalid pagination token: %s", pg.NextToken)}
	}
	return string(b), nil
}

// size returns the page size pg asks for, or EC2's refusal: MaxResults out
// of range, or given with explicit IDs. 0 means "no limit".
func (pg Page) size(l pageLimits, explicitIDs bool) (int, error) {
	n, ok := pg.MaxResults.Get()
	if !ok {
		if pg.NextToken != "" {
			return l.max, nil
		}
		return 0, nil
	}
	if explicitIDs && l.idsParam != "" {
		return 0, &Error{Code: ec2.InvalidParameterCombination,
			Message: "The parameter MaxResults cannot be used with the parameter " + l.idsParam}
	}
	if n < l.min || n > l.max {
		return 0, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Value ( %d ) for parameter maxResults is invalid. Expecting a value between %d and %d.", n, l.min, l.max)}
	}
	return n, nil
}

// paginate returns one page of items, which are sorted by ID, and the token
// for the next page ("" on the last).
func paginate[T any](items []T, id func(T) string, pg Page, l pageLimits, explicitIDs bool) ([]T, string, error) {
	n, err := pg.size(l, explicitIDs)
	if err != nil {
		return nil, "", err
	}
	if n == 0 && pg.NextToken == "" {
		return items, "", nil
	}
	after, err := pg.after(l)
	if err != nil {
		return nil, "", err
	}
	start := 0
	if after != "" {
		start, _ = slices.BinarySearchFunc(items, after, func(t T, s string) int { return strings.Compare(id(t), s) })
		if start < len(items) && id(items[start]) == after {
			start++
		}
	}
	if n == 0 {
		n = l.max
	}
	end := min(start+n, len(items))
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte(id(items[end-1])))
	}
	return items[start:end], next, nil
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
func compileFilters[T any](fs []Filter, funcs filterFuncs[T], tags func(T) tag.Set) (matcher[T], error) {
	var m matcher[T]
	for _, f := range fs {
		want := f.Values
		match := func(have []string) bool {
			for _, h := range have {
				for _, w := range want {
					if wildcard.Match(w, h) {
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
		case strings.HasPrefix(f.Name, "tag:") && len(f.Name) > len("tag:") && tags != nil:
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
			return m, &Error{Code: ec2.InvalidParameterValue,
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

func mapSlice[T, U any](in []T, f func(T) U) []U {
	if len(in) == 0 {
		return nil
	}
	out := make([]U, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}

func missingParameter(name string) error {
	return &Error{Code: ec2.MissingParameter, Message: "The request must contain the parameter " + name}
}
