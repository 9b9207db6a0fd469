package logs_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/logs"
)

func code(err error) string {
	var e *logs.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return "uncoded: " + err.Error()
	}
	return ""
}

func TestParseName(t *testing.T) {
	for _, tt := range []struct {
		name, code string
	}{
		{"a", ""},
		{"/aws/vpc-flow-log/vpc-0123", ""},
		{"A_b-c/d.e#f9", ""},
		{strings.Repeat("a", 512), ""},
		{strings.Repeat("a", 513), logs.CodeInvalidParameter},
		{"", logs.CodeInvalidParameter},
		{"a b", logs.CodeInvalidParameter},
		{"a:b", logs.CodeInvalidParameter},
		{"a*", logs.CodeInvalidParameter},
		{"é", logs.CodeInvalidParameter},
	} {
		if got := code(logs.ParseName(tt.name)); got != tt.code {
			t.Errorf("ParseName(%.20q) = %q, want %q", tt.name, got, tt.code)
		}
	}
}

func TestCheckRetention(t *testing.T) {
	want := []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}
	if got := logs.RetentionDays(); !slices.Equal(got, want) {
		t.Fatalf("RetentionDays = %v", got)
	}
	for d := -1; d <= 4000; d++ {
		err := logs.CheckRetention(d)
		if ok := slices.Contains(want, d); ok != (err == nil) {
			t.Fatalf("CheckRetention(%d) = %v", d, err)
		}
		if err != nil && code(err) != logs.CodeInvalidParameter {
			t.Fatalf("CheckRetention(%d) code %q", d, code(err))
		}
	}
}

func spec(name string) logs.Spec {
	return logs.Spec{Owner: "111111111111", Region: "eu-west-1", Name: name, Created: time.Date(2026, 3, 1, 0, 0, 0, 123456789, time.UTC)}
}

func TestNew(t *testing.T) {
	for _, tt := range []struct {
		what string
		edit func(*logs.Spec)
		code string
	}{
		{"plain", func(*logs.Spec) {}, ""},
		{"infrequent", func(s *logs.Spec) { s.Class = "INFREQUENT_ACCESS" }, ""},
		{"bad class", func(s *logs.Spec) { s.Class = "standard" }, logs.CodeInvalidParameter},
		{"kms", func(s *logs.Spec) { s.KMSKeyID = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd" }, ""},
		{"kms not an ARN", func(s *logs.Spec) { s.KMSKeyID = "1234abcd" }, logs.CodeInvalidParameter},
		{"tags", func(s *logs.Spec) { s.Tags = map[string]string{"Name": "x y", "k:/=+-@": ""} }, ""},
		{"aws: tag", func(s *logs.Spec) { s.Tags = map[string]string{"aws:x": "1"} }, logs.CodeInvalidParameter},
		{"bad tag char", func(s *logs.Spec) { s.Tags = map[string]string{"a*": "1"} }, logs.CodeInvalidParameter},
		{"long value", func(s *logs.Spec) { s.Tags = map[string]string{"a": strings.Repeat("v", 257)} }, logs.CodeInvalidParameter},
		{"bad owner", func(s *logs.Spec) { s.Owner = "1" }, logs.CodeInvalidParameter},
		{"bad name", func(s *logs.Spec) { s.Name = "a b" }, logs.CodeInvalidParameter},
	} {
		s := spec("g")
		tt.edit(&s)
		g, err := logs.New(s)
		if got := code(err); got != tt.code {
			t.Errorf("%s: code %q, want %q", tt.what, got, tt.code)
		}
		if err == nil && (g.Created() != time.Date(2026, 3, 1, 0, 0, 0, 123000000, time.UTC) || g.Name() != "g") {
			t.Errorf("%s: group %+v", tt.what, g)
		}
	}
}

func TestGroupRetentionAndTags(t *testing.T) {
	g, err := logs.New(spec("/a"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Retention(); ok || g.Class() != logs.Standard {
		t.Fatalf("new group retention or class: %+v", g)
	}
	g2, err := g.WithRetention(30)
	if d, ok := g2.Retention(); err != nil || !ok || d != 30 {
		t.Fatalf("WithRetention(30) = %v, %v", d, err)
	}
	if _, err := g2.WithRetention(31); code(err) != logs.CodeInvalidParameter {
		t.Fatalf("WithRetention(31) = %v", err)
	}
	if _, ok := g2.WithoutRetention().Retention(); ok {
		t.Fatal("WithoutRetention kept a retention")
	}
	if _, ok := g.Retention(); ok {
		t.Fatal("WithRetention changed its receiver")
	}
	tags := map[string]string{}
	for i := range 50 {
		tags[strings.Repeat("k", i+1)] = "v"
	}
	full, err := g.WithTags(tags, logs.CodeTooManyTags)
	if err != nil || len(full.Tags()) != 50 {
		t.Fatalf("50 tags: %v", err)
	}
	if _, err := full.WithTags(map[string]string{"new": "v"}, logs.CodeTooManyTags); code(err) != logs.CodeTooManyTags {
		t.Fatalf("51st tag: %v", err)
	}
	if again, err := full.WithTags(map[string]string{"k": "w"}, logs.CodeTooManyTags); err != nil || again.Tags()["k"] != "w" {
		t.Fatalf("replacing a value at 50 tags: %v", err)
	}
	if len(g.Tags()) != 0 || len(full.WithoutTags([]string{"k", "absent"}).Tags()) != 49 {
		t.Fatal("WithTags or WithoutTags shared its map")
	}
}

func TestParseGroupARN(t *testing.T) {
	for _, tt := range []struct {
		arn, account, region, name, code string
	}{
		{"arn:aws:logs:eu-west-1:111111111111:log-group:/a/b", "111111111111", "eu-west-1", "/a/b", ""},
		{"arn:aws:logs:eu-west-1:111111111111:log-group:/a/b:*", "111111111111", "eu-west-1", "/a/b", ""},
		{"arn:aws-cn:logs:cn-north-1:111111111111:log-group:x", "111111111111", "cn-north-1", "x", ""},
		{"arn:aws:logs:cn-north-1:111111111111:log-group:x", "", "", "", logs.CodeInvalidParameter},
		{"arn:aws:logs:eu-west-1:111111111111:destination:x", "", "", "", logs.CodeInvalidParameter},
		{"arn:aws:ec2:eu-west-1:111111111111:log-group:x", "", "", "", logs.CodeInvalidParameter},
		{"arn:aws:logs:eu-west-1:1:log-group:x", "", "", "", logs.CodeInvalidParameter},
		{"arn:aws:logs:eu-west-1:111111111111:log-group:a b", "", "", "", logs.CodeInvalidParameter},
		{"nope", "", "", "", logs.CodeInvalidParameter},
	} {
		a, r, n, err := logs.ParseGroupARN(tt.arn)
		if code(err) != tt.code || a != tt.account || r != tt.region || n != tt.name {
			t.Errorf("ParseGroupARN(%q) = %q %q %q %v", tt.arn, a, r, n, err)
		}
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	s := spec("/x")
	s.Class, s.KMSKeyID, s.Tags = "INFREQUENT_ACCESS", "arn:aws:kms:eu-west-1:111111111111:key/k", map[string]string{"a": "b"}
	g, err := logs.New(s)
	if err != nil {
		t.Fatal(err)
	}
	g, _ = g.WithRetention(731)
	b, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back logs.Group
	if err := back.UnmarshalBinary(b); err != nil || !back.Equal(g) {
		t.Fatalf("round trip: %v\n%s", err, b)
	}
	for _, bad := range []string{`{}`, `{"v":1,"owner":"111111111111","region":"eu-west-1","name":"x","created":0,"class":"STANDARD","retention":2}`,
		`{"v":2}`, `{"v":1,"owner":"111111111111","region":"eu-west-1","name":"x","created":0}`, string(b) + "{}"} {
		if err := back.UnmarshalBinary([]byte(bad)); err == nil {
			t.Errorf("UnmarshalBinary(%s) accepted", bad)
		}
	}
	if _, err := (logs.Group{}).MarshalBinary(); err == nil {
		t.Error("the zero Group marshalled")
	}
}

var nameOracle = regexp.MustCompile(`^[A-Za-z0-9_\-/.#]{1,512}$`)

// FuzzParseName checks ParseName against the documented pattern.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{"a", "/aws/x", "a b", "", "#.-_/", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := logs.ParseName(s); (err == nil) != nameOracle.MatchString(s) {
			t.Fatalf("ParseName(%q) = %v", s, err)
		}
	})
}

// FuzzParseGroupARN checks that an ARN accepted names a valid group name
// and is rebuilt by the group's own ARN.
func FuzzParseGroupARN(f *testing.F) {
	f.Add("arn:aws:logs:eu-west-1:111111111111:log-group:/a:*")
	f.Add("arn:aws:logs:eu-west-1:111111111111:log-group:")
	f.Fuzz(func(t *testing.T, s string) {
		a, r, n, err := logs.ParseGroupARN(s)
		if err != nil {
			if code(err) != logs.CodeInvalidParameter {
				t.Fatalf("ParseGroupARN(%q): %v", s, err)
			}
			return
		}
		g, err := logs.New(logs.Spec{Owner: a, Region: r, Name: n})
		if err != nil || (g.ARN() != s && g.WildcardARN() != s) {
			t.Fatalf("ParseGroupARN(%q) = %q %q %q; New: %v", s, a, r, n, err)
		}
	})
}

// FuzzUnmarshal checks that whatever UnmarshalBinary accepts marshals
// back to a group it reads as equal.
func FuzzUnmarshal(f *testing.F) {
	f.Add([]byte(`{"v":1,"owner":"111111111111","region":"eu-west-1","name":"x","created":5,"class":"STANDARD","retention":7,"tags":{"a":"b"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var g logs.Group
		if g.UnmarshalBinary(b) != nil {
			return
		}
		out, err := g.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back logs.Group
		if err := back.UnmarshalBinary(out); err != nil || !back.Equal(g) {
			t.Fatalf("re-read: %v", err)
		}
	})
}
