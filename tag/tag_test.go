package tag_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/tag"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		tag  tag.Tag
		code string
		err  error
	}{
		{"plain", tag.Tag{Key: "Name", Value: "prod"}, "", nil},
		{"empty value", tag.Tag{Key: "Name"}, "", nil},
		{"key 127", tag.Tag{Key: strings.Repeat("k", 127)}, "", nil},
		{"key 127 runes", tag.Tag{Key: strings.Repeat("é", 127)}, "", nil},
		{"key 128", tag.Tag{Key: strings.Repeat("k", 128)}, "InvalidParameterValue", tag.ErrKeyTooLong},
		{"value 256", tag.Tag{Key: "k", Value: strings.Repeat("v", 256)}, "", nil},
		{"value 257", tag.Tag{Key: "k", Value: strings.Repeat("v", 257)}, "InvalidParameterValue", tag.ErrValueTooLong},
		{"empty key", tag.Tag{Value: "v"}, "InvalidTagKey.Malformed", tag.ErrEmptyKey},
		{"aws prefix", tag.Tag{Key: "aws:cloudformation:stack"}, "InvalidTagKey.Malformed", tag.ErrReservedKey},
		{"AWS upper is allowed", tag.Tag{Key: "AWS:x"}, "", nil},
		{"bad utf8", tag.Tag{Key: "\xff"}, "InvalidParameterValue", tag.ErrKeyTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.tag.Validate()
			if tt.err == nil {
				if err != nil {
					t.Fatalf("Validate(%v) = %v, want nil", tt.tag, err)
				}
				return
			}
			var e *tag.Error
			if !errors.Is(err, tt.err) || !errors.As(err, &e) || e.ErrorCode() != tt.code {
				t.Fatalf("Validate(%v) = %v, want code %s wrapping %v", tt.tag, err, tt.code, tt.err)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	err := tag.Tag{Key: "aws:x"}.Validate()
	var e *tag.Error
	errors.As(err, &e)
	if got, want := err.Error(), `tag: "aws:x": tag key uses the reserved aws: prefix`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := e.ErrorMessage(), "Tag key 'aws:x' is invalid. Tag keys must not be empty and cannot begin with the prefix 'aws:'."; got != want {
		t.Errorf("ErrorMessage() = %q, want %q", got, want)
	}
}

// TestErrorZeroValue calls every method of *tag.Error on the zero Error and
// on an Error missing its cause: none may panic.
func TestErrorZeroValue(t *testing.T) {
	tests := []struct {
		name            string
		err             *tag.Error
		text, code, msg string
	}{
		{"zero", &tag.Error{}, `tag: "": <nil>`, "", ""},
		{"no cause", &tag.Error{Key: "Name", Code: "InvalidParameterValue"}, `tag: "Name": <nil>`, "InvalidParameterValue", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.text {
				t.Errorf("Error() = %q, want %q", got, tt.text)
			}
			if got := tt.err.ErrorCode(); got != tt.code {
				t.Errorf("ErrorCode() = %q, want %q", got, tt.code)
			}
			if got := tt.err.ErrorMessage(); got != tt.msg {
				t.Errorf("ErrorMessage() = %q, want %q", got, tt.msg)
			}
			if got := tt.err.Unwrap(); got != nil {
				t.Errorf("Unwrap() = %v, want nil", got)
			}
		})
	}
}

// TestEmptySetAllIsNil: a Set that has emptied lists its tags as nil, like
// the zero Set.
func TestEmptySetAllIsNil(t *testing.T) {
	s, _ := tag.NewSet(tag.Tag{Key: "Name", Value: "web"})
	for _, empty := range []tag.Set{{}, s.WithoutKeys("Name"), s.Without(tag.Tag{Key: "Name", Value: "web"})} {
		if got := empty.All(); got != nil {
			t.Errorf("All() of an empty Set = %#v, want nil", got)
		}
	}
}

func many(n int) []tag.Tag {
	out := make([]tag.Tag, n)
	for i := range out {
		out[i] = tag.Tag{Key: fmt.Sprintf("k%02d", i)}
	}
	return out
}

func TestLimits(t *testing.T) {
	if _, err := tag.NewSet(many(50)...); err != nil {
		t.Errorf("50 tags: %v", err)
	}
	_, err := tag.NewSet(many(51)...)
	var e *tag.Error
	if !errors.As(err, &e) || e.ErrorCode() != "TagLimitExceeded" || !errors.Is(err, tag.ErrTooMany) {
		t.Errorf("51 tags: %v, want TagLimitExceeded", err)
	}
	s, _ := tag.NewSet(many(49)...)
	if s2, err := s.With(tag.Tag{Key: "k00", Value: "overwrite"}); err != nil || s2.Len() != 49 {
		t.Errorf("overwrite at 49: %v, len %d", err, s2.Len())
	}
	s50, _ := s.With(tag.Tag{Key: "new"})
	if got, err := s50.With(tag.Tag{Key: "one-more"}); err == nil || !got.Equal(s50) {
		t.Errorf("51st tag via With: err %v, set changed %v", err, !got.Equal(s50))
	}
	if _, err := tag.NewSet(tag.Tag{Key: "a"}, tag.Tag{Key: "a", Value: "b"}); !errors.Is(err, tag.ErrDuplicateKey) {
		t.Errorf("duplicate key: %v", err)
	}
}

// TestSetModel drives a Set with random With, Without and WithoutKeys calls
// and compares it with a plain map after every step.
func TestSetModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		keys := rapid.SampledFrom([]string{"a", "b", "c", "Name", "env", "aws:x", ""})
		vals := rapid.SampledFrom([]string{"", "1", "2"})
		var s tag.Set
		model := map[string]string{}
		t.Repeat(map[string]func(*rapid.T){
			"with": func(t *rapid.T) {
				n := rapid.IntRange(0, 3).Draw(t, "n")
				add := make([]tag.Tag, n)
				for i := range add {
					add[i] = tag.Tag{Key: keys.Draw(t, "k"), Value: vals.Draw(t, "v")}
				}
				next, err := s.With(add...)
				valid, seen := true, map[string]bool{}
				for _, a := range add {
					valid = valid && a.Key != "" && !strings.HasPrefix(a.Key, "aws:") && !seen[a.Key]
					seen[a.Key] = true
				}
				if valid != (err == nil) {
					t.Fatalf("With(%v) = %v, model says valid=%v", add, err, valid)
				}
				if err != nil {
					if !next.Equal(s) {
						t.Fatal("failed With changed the set")
					}
					return
				}
				for _, a := range add {
					model[a.Key] = a.Value
				}
				s = next
			},
			"without": func(t *rapid.T) {
				d := tag.Tag{Key: keys.Draw(t, "k"), Value: vals.Draw(t, "v")}
				s = s.Without(d)
				if v, ok := model[d.Key]; ok && v == d.Value {
					delete(model, d.Key)
				}
			},
			"withoutKeys": func(t *rapid.T) {
				k := keys.Draw(t, "k")
				s = s.WithoutKeys(k)
				delete(model, k)
			},
			"": func(t *rapid.T) {
				got := map[string]string{}
				for _, tg := range s.All() {
					got[tg.Key] = tg.Value
				}
				if !maps.Equal(got, model) || s.Len() != len(model) {
					t.Fatalf("set %v, model %v", s, model)
				}
				if !slices.IsSortedFunc(s.All(), func(a, b tag.Tag) int { return strings.Compare(a.Key, b.Key) }) {
					t.Fatalf("All() not sorted: %v", s.All())
				}
				for k, v := range model {
					if got, ok := s.Get(k); !ok || got != v || !s.Has(k) {
						t.Fatalf("Get(%q) = %q, %v; model %q", k, got, ok, v)
					}
				}
			},
		})
	})
}

func ExampleNewSet() {
	s, err := tag.NewSet(tag.Tag{Key: "Name", Value: "prod-to-shared"}, tag.Tag{Key: "env", Value: "prod"})
	fmt.Println(s, err)
	_, err = tag.NewSet(tag.Tag{Key: "aws:owner", Value: "me"})
	var e *tag.Error
	if errors.As(err, &e) {
		fmt.Println(e.ErrorCode())
	}
	// Output:
	// {Name=prod-to-shared env=prod} <nil>
	// InvalidTagKey.Malformed
}

func ExampleSet_With() {
	s, _ := tag.NewSet(tag.Tag{Key: "env", Value: "dev"})
	s, _ = s.With(tag.Tag{Key: "env", Value: "prod"}, tag.Tag{Key: "team", Value: "net"})
	fmt.Println(s)
	fmt.Println(s.WithoutKeys("team"), s.Without(tag.Tag{Key: "env", Value: "dev"}))
	// Output:
	// {env=prod team=net}
	// {env=prod} {env=prod team=net}
}

func ExampleTag_Validate() {
	fmt.Println(tag.Tag{Key: "Name", Value: "web"}.Validate())
	fmt.Println(tag.Tag{Key: strings.Repeat("k", 128)}.Validate())
	// Output:
	// <nil>
	// tag: "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": tag key is too long or not valid UTF-8
}
