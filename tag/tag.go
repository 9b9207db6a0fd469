package tag

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits from the EC2 API model and the EC2 User Guide.
const (
	MaxKeyLength   = 127 // characters (runes) in a key
	MaxValueLength = 256 // characters (runes) in a value
	MaxPerResource = 50  // user tags on one resource
	ReservedPrefix = "aws:"
)

// Tag is one key-value pair. The zero Tag is not valid (its key is empty).
// Tag supports == and can be a map key.
type Tag struct {
	Key   string
	Value string
}

// String returns "key=value".
func (t Tag) String() string { return t.Key + "=" + t.Value }

// Validate reports whether t alone is acceptable to EC2, returning an *Error
// otherwise.
func (t Tag) Validate() error {
	switch {
	case t.Key == "":
		return &Error{Key: t.Key, Code: "InvalidTagKey.Malformed", Err: ErrEmptyKey}
	case strings.HasPrefix(t.Key, ReservedPrefix):
		return &Error{Key: t.Key, Code: "InvalidTagKey.Malformed", Err: ErrReservedKey}
	case !utf8.ValidString(t.Key) || utf8.RuneCountInString(t.Key) > MaxKeyLength:
		return &Error{Key: t.Key, Code: "InvalidParameterValue", Err: ErrKeyTooLong}
	case !utf8.ValidString(t.Value) || utf8.RuneCountInString(t.Value) > MaxValueLength:
		return &Error{Key: t.Key, Code: "InvalidParameterValue", Err: ErrValueTooLong}
	}
	return nil
}

// Sentinels matched with errors.Is.
var (
	ErrEmptyKey     = errors.New("tag key is empty")
	ErrReservedKey  = errors.New("tag key uses the reserved aws: prefix")
	ErrKeyTooLong   = errors.New("tag key is too long or not valid UTF-8")
	ErrValueTooLong = errors.New("tag value is too long or not valid UTF-8")
	ErrTooMany      = errors.New("too many tags on the resource")
	ErrDuplicateKey = errors.New("tag key given twice")
)

// Error is a refused tag, in the manner of [strconv.NumError]. Code is the
// EC2 API error code and [Error.ErrorMessage] gives AWS's wording.
//
// The zero Error is not valid; every *Error this package returns has Code
// and Err set. Its methods never panic, not even on the zero Error.
type Error struct {
	Key  string // the offending key (empty for a count error)
	Code string // the EC2 API error code
	Err  error  // the sentinel cause
}

// Error returns "tag: \"key\": cause"; a missing cause reads "<nil>".
func (e *Error) Error() string {
	return fmt.Sprintf("tag: %q: %v", e.Key, e.Err)
}

// Unwrap returns the sentinel cause, or nil for the zero Error.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code, or "" for the zero Error; the
// method name matches the AWS SDK's APIError.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message EC2 gives for e, the cause's text when
// AWS's wording is not known, or "" for the zero Error.
func (e *Error) ErrorMessage() string {
	switch {
	case e.Err == nil:
		return ""
	case errors.Is(e.Err, ErrReservedKey), errors.Is(e.Err, ErrEmptyKey):
		return fmt.Sprintf("Tag key '%s' is invalid. Tag keys must not be empty and cannot begin with the prefix 'aws:'.", e.Key)
	case errors.Is(e.Err, ErrKeyTooLong):
		return fmt.Sprintf("Tag key exceeds the maximum length of %d characters", MaxKeyLength)
	case errors.Is(e.Err, ErrValueTooLong):
		return fmt.Sprintf("Tag value exceeds the maximum length of %d characters", MaxValueLength)
	case errors.Is(e.Err, ErrTooMany):
		return fmt.Sprintf("The maximum number of Tags for a resource has been reached. Max: %d", MaxPerResource)
	case errors.Is(e.Err, ErrDuplicateKey):
		return fmt.Sprintf("Duplicate tag key '%s' specified.", e.Key)
	}
	return e.Err.Error()
}

// Set is a resource's tags, sorted by key, keys unique. The zero Set is
// ready to use and empty. A Set is immutable: methods return new Sets.
type Set struct {
	tags []Tag // sorted by Key
}

// NewSet validates tags as the tags of one resource and returns them as a
// Set. A key given twice is refused (InvalidParameterValue), as EC2 refuses
// it within one request.
func NewSet(tags ...Tag) (Set, error) {
	sorted := slices.Clone(tags)
	slices.SortStableFunc(sorted, func(a, b Tag) int { return strings.Compare(a.Key, b.Key) })
	for i, t := range sorted {
		if err := t.Validate(); err != nil {
			return Set{}, err
		}
		if i > 0 && sorted[i-1].Key == t.Key {
			return Set{}, &Error{Key: t.Key, Code: "InvalidParameterValue", Err: ErrDuplicateKey}
		}
	}
	if len(sorted) > MaxPerResource {
		return Set{}, &Error{Code: "TagLimitExceeded", Err: ErrTooMany}
	}
	return Set{tags: sorted}, nil
}

// Len returns the number of tags.
func (s Set) Len() int { return len(s.tags) }

// All returns a copy of the tags, sorted by key; nil when s is empty.
func (s Set) All() []Tag {
	if len(s.tags) == 0 {
		return nil
	}
	return slices.Clone(s.tags)
}

// Get returns the value for key and whether it is present.
func (s Set) Get(key string) (string, bool) {
	i, ok := slices.BinarySearchFunc(s.tags, key, func(t Tag, k string) int { return strings.Compare(t.Key, k) })
	if !ok {
		return "", false
	}
	return s.tags[i].Value, true
}

// Has reports whether key is present.
func (s Set) Has(key string) bool { _, ok := s.Get(key); return ok }

// With returns s with tags added, a new value overwriting an existing key
// (CreateTags). If the result would break a rule, s is unchanged and the
// error says why.
func (s Set) With(tags ...Tag) (Set, error) {
	add, err := NewSet(tags...)
	if err != nil {
		return s, err
	}
	merged := make([]Tag, 0, len(s.tags)+len(add.tags))
	i, j := 0, 0
	for i < len(s.tags) || j < len(add.tags) {
		switch {
		case j == len(add.tags) || i < len(s.tags) && s.tags[i].Key < add.tags[j].Key:
			merged = append(merged, s.tags[i])
			i++
		case i == len(s.tags) || add.tags[j].Key < s.tags[i].Key:
			merged = append(merged, add.tags[j])
			j++
		default:
			merged = append(merged, add.tags[j])
			i++
			j++
		}
	}
	if len(merged) > MaxPerResource {
		return s, &Error{Code: "TagLimitExceeded", Err: ErrTooMany}
	}
	return Set{tags: merged}, nil
}

// Without returns s without the given tags (DeleteTags with a value): a tag
// is removed only when both key and value match, so an empty Value removes
// only a tag whose value is empty. Missing tags are ignored, as EC2 ignores
// them.
func (s Set) Without(tags ...Tag) Set {
	return s.filter(func(t Tag) bool { return slices.Contains(tags, t) })
}

// WithoutKeys returns s without the tags whose keys are given, whatever their
// values (DeleteTags with a key and no value). Missing keys are ignored.
func (s Set) WithoutKeys(keys ...string) Set {
	return s.filter(func(t Tag) bool { return slices.Contains(keys, t.Key) })
}

func (s Set) filter(drop func(Tag) bool) Set {
	out := make([]Tag, 0, len(s.tags))
	for _, t := range s.tags {
		if !drop(t) {
			out = append(out, t)
		}
	}
	return Set{tags: out}
}

// Equal reports whether s and o hold the same tags.
func (s Set) Equal(o Set) bool { return slices.Equal(s.tags, o.tags) }

// String returns the tags as "{k1=v1 k2=v2}".
func (s Set) String() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, t := range s.tags {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.String())
	}
	b.WriteByte('}')
	return b.String()
}
