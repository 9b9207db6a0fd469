package jsonscan_test

import (
	"encoding/json"
	"net/netip"
	"reflect"
	"testing"

	"github.com/vpclab/vpcmodel/internal/jsonscan"
)

// sample is a record with a field of every kind a Reader reads, in the
// shape encoding/json writes it.
type sample struct {
	N int          `json:"n"`
	S string       `json:"s"`
	B bool         `json:"b,omitempty"`
	P netip.Prefix `json:"p"`
	L []string     `json:"l,omitempty"`
}

// scan reads a sample with a Reader, as the fast paths of this module do.
func scan(b []byte) (sample, bool) {
	var s sample
	r := jsonscan.NewReader(b)
	r.Lit(`{"n":`)
	s.N = r.Int()
	r.Lit(`,"s":`)
	s.S = r.Text()
	if r.Skip(`,"b":`) {
		s.B = r.Bool()
	}
	r.Lit(`,"p":`)
	s.P = r.Prefix()
	if r.Skip(`,"l":[`) {
		s.L = []string{}
		for i := 0; r.Next(i); i++ {
			s.L = append(s.L, r.Text())
		}
	}
	r.Lit("}")
	return s, r.Done()
}

// agree checks that whatever scan accepts, encoding/json reads the same.
func agree(t *testing.T, b []byte) bool {
	t.Helper()
	got, ok := scan(b)
	if !ok {
		return false
	}
	var want sample
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("scan accepted %q, which encoding/json refuses: %v", b, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scan read %q as %+v, encoding/json as %+v", b, got, want)
	}
	return true
}

func TestReaderAgreesWithEncodingJSON(t *testing.T) {
	for _, tt := range []struct {
		in     string
		accept bool
	}{
		{`{"n":0,"s":"","p":""}`, true},
		{`{"n":42,"s":"rtb-0a1b","b":true,"p":"10.0.0.0/16","l":["a","b"]}`, true},
		{`{"n":999999999,"s":"x","b":false,"p":"2001:db8::/32","l":[]}`, true},
		{`{"n":1,"s":"x","p":"0.0.0.0/0"}`, true},
		{`{"n":1,"s":"x","p":"255.255.255.255/32"}`, true},
		{`{"n":1,"s":"x","p":"10.0.0.1/8"}`, true}, // not masked: as ParsePrefix reads it
		{`{"n":1000000000,"s":"x","p":""}`, false}, // too many digits
		{`{"n":01,"s":"x","p":""}`, false},
		{`{"n":-1,"s":"x","p":""}`, false},
		{`{"n":1.5,"s":"x","p":""}`, false},
		{`{"n":1e3,"s":"x","p":""}`, false},
		{`{"n":1,"s":"a\"b","p":""}`, false},
		{`{"n":1,"s":"\u00e9","p":""}`, false},
		{"{\"n\":1,\"s\":\"\xc3\xa9\",\"p\":\"\"}", false},
		{`{"n":1,"s":"x","p":"010.0.0.0/8"}`, false},
		{`{"n":1,"s":"x","p":"10.0.0.0/33"}`, false},
		{`{"n":1,"s":"x","p":"10.0.0.0/08"}`, false},
		{`{"n":1,"s":"x","p":"10.0.0.0"}`, false},
		{`{"n":1,"s":"x","p":"256.0.0.0/8"}`, false},
		{`{"n":1, "s":"x","p":""}`, false},
		{`{"N":1,"s":"x","p":""}`, false},
		{`{"n":1,"s":"x","p":""} `, false},
		{`{"n":1,"s":"x","p":""}{}`, false},
		{`{"n":1,"s":"x","p":"","l":[,"a"]}`, false},
		{`{"n":1,"s":"x","p":"","l":["a",]}`, false},
		{`{"n":1,"s":"x","p":"","l":["a"`, false},
		{`{"n":1,"s":"x`, false},
		{``, false},
	} {
		if got := agree(t, []byte(tt.in)); got != tt.accept {
			t.Errorf("scan(%q) accepted = %v, want %v", tt.in, got, tt.accept)
		}
	}
}

// FuzzReader checks that a Reader reads whatever it accepts as
// encoding/json does.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		`{"n":42,"s":"rtb-0a1b","b":true,"p":"10.0.0.0/16","l":["a","b"]}`,
		`{"n":0,"s":"","p":"2001:db8::/32"}`,
		`{"n":7,"s":"x","b":false,"p":"192.168.1.0/24","l":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { agree(t, b) })
}

// FuzzPrefix checks that Prefix reads every text as netip.Prefix's
// UnmarshalText does, or reports a mismatch where it refuses it.
func FuzzPrefix(f *testing.F) {
	for _, s := range []string{"10.0.0.0/16", "0.0.0.0/0", "1.2.3.4/32", "01.2.3.4/8", "1.2.3.4/033", "::/0", "2001:db8::/56", "1.2.3.4", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, _ := json.Marshal(s)
		r := jsonscan.NewReader(b)
		got := r.Prefix()
		var want netip.Prefix
		err := want.UnmarshalText([]byte(s))
		switch {
		case !r.Done():
			if err == nil && json.Valid(b) && string(b) == `"`+s+`"` {
				for _, c := range []byte(s) {
					if c < 0x20 || c > 0x7e || c == '\\' || c == '"' {
						return
					}
				}
				t.Fatalf("Prefix refused %q, which UnmarshalText reads as %v", s, want)
			}
		case err != nil:
			t.Fatalf("Prefix read %q as %v, which UnmarshalText refuses: %v", s, got, err)
		case got != want:
			t.Fatalf("Prefix read %q as %v, UnmarshalText as %v", s, got, want)
		}
	})
}
