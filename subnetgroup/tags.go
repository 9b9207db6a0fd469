package subnetgroup

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/tag"
)

// CheckTags returns the tags a group with the tags have has after add is
// applied (a key given again takes its new value; within add, the last of
// a key wins), in key order, or an *Error (Op "tag") for a tag r refuses
// ([ErrInvalidTag], Codes.InvalidTag: an empty key, a key longer than
// [MaxTagKeyLength] characters or with a reserved prefix, a value longer
// than [MaxTagValueLength], text that is not UTF-8) or for more than
// [MaxTags] tags ([ErrTooManyTags], Codes.TooManyTags). have is taken as
// valid and sorted.
func (r Rules) CheckTags(have, add []tag.Tag) ([]tag.Tag, error) {
	if !r.IsValid() {
		return nil, errNoService("tag")
	}
	fail := func(code string, err error, key, msg string) ([]tag.Tag, error) {
		return nil, &Error{Op: "tag", Service: r.Service, Name: key, Code: code, Err: err, msg: msg}
	}
	out := slices.Clone(have)
	for _, t := range add {
		switch {
		case t.Key == "" || !utf8.ValidString(t.Key) || utf8.RuneCountInString(t.Key) > MaxTagKeyLength:
			return fail(r.Codes.InvalidTag, ErrInvalidTag, t.Key,
				fmt.Sprintf("The tag key %q is not 1 to %d Unicode characters.", t.Key, MaxTagKeyLength))
		case !utf8.ValidString(t.Value) || utf8.RuneCountInString(t.Value) > MaxTagValueLength:
			return fail(r.Codes.InvalidTag, ErrInvalidTag, t.Key,
				fmt.Sprintf("The value of tag %q is longer than %d Unicode characters.", t.Key, MaxTagValueLength))
		}
		for _, p := range r.ReservedTagPrefixes {
			if strings.HasPrefix(strings.ToLower(t.Key), p) {
				return fail(r.Codes.InvalidTag, ErrInvalidTag, t.Key,
					fmt.Sprintf("The tag key %q begins with %s, which is reserved for AWS use.", t.Key, p))
			}
		}
		i, found := slices.BinarySearchFunc(out, t.Key, func(x tag.Tag, k string) int { return strings.Compare(x.Key, k) })
		if found {
			out[i] = t
		} else {
			out = slices.Insert(out, i, t)
		}
	}
	if len(out) > MaxTags {
		return fail(r.Codes.TooManyTags, ErrTooManyTags, "",
			fmt.Sprintf("The request would leave the resource with %d tags; at most %d are allowed.", len(out), MaxTags))
	}
	return out, nil
}

// WithTags returns g with the tags add sets, checked by [Rules.CheckTags].
func (g Group) WithTags(add ...tag.Tag) (Group, error) {
	if !g.IsValid() {
		return Group{}, errNoService("tag")
	}
	tags, err := g.Rules().CheckTags(g.tags, add)
	if err != nil {
		return Group{}, err
	}
	g.subnets, g.tags = slices.Clone(g.subnets), tags
	return g, nil
}

// WithoutTags returns g without the tags of the given keys. A key g has
// no tag of is ignored, or refused where the service refuses it
// (Rules.MissingTagRefused: [ErrTagNotFound], Codes.TagNotFound).
func (g Group) WithoutTags(keys ...string) (Group, error) {
	if !g.IsValid() {
		return Group{}, errNoService("untag")
	}
	r := g.Rules()
	tags := slices.Clone(g.tags)
	for _, k := range keys {
		i := slices.IndexFunc(tags, func(t tag.Tag) bool { return t.Key == k })
		if i < 0 {
			if r.MissingTagRefused {
				return Group{}, &Error{Op: "untag", Service: r.Service, Name: k, Code: r.Codes.TagNotFound, Err: ErrTagNotFound,
					msg: fmt.Sprintf("The tag with key %s was not found on the resource.", k)}
			}
			continue
		}
		tags = slices.Delete(tags, i, i+1)
	}
	g.subnets, g.tags = slices.Clone(g.subnets), tags
	return g, nil
}
