package vpcmodel

import (
	"encoding/json"
	"testing"

	"github.com/vpclab/vpcmodel/tag"
)

// scanTagsAgrees checks that whatever scanTags reads, encoding/json reads
// the same, and reports whether scanTags read b.
func scanTagsAgrees(t *testing.T, b []byte) bool {
	t.Helper()
	got, ok := scanTags(b)
	if !ok {
		return false
	}
	var pairs [][2]string
	if err := json.Unmarshal(b, &pairs); err != nil {
		t.Fatalf("scanTags reads %q, which encoding/json refuses: %v", b, err)
	}
	if len(got) != len(pairs) {
		t.Fatalf("scanTags reads %d tags from %q, encoding/json %d", len(got), b, len(pairs))
	}
	for i, p := range pairs {
		if got[i] != (tag.Tag{Key: p[0], Value: p[1]}) {
			t.Fatalf("scanTags reads tag %d of %q as %+v, encoding/json as %q", i, b, got[i], p)
		}
	}
	return true
}

func TestScanTags(t *testing.T) {
	for _, tt := range []struct {
		in   string
		fast bool
	}{
		{`[["Name","vpc-1"]]`, true},
		{`[["Name","a"],["tier","web b"]]`, true},
		{`[]`, true},
		{`[["a","b","c"]]`, false}, // encoding/json drops the third
		{`[["a"]]`, false},
		{`[["a","\u00e9"]]`, false},
		{`[["a","b"],]`, false},
		{`[["a","b"]] `, false},
		{`null`, false},
	} {
		if got := scanTagsAgrees(t, []byte(tt.in)); got != tt.fast {
			t.Errorf("scanTags(%s) read = %v, want %v", tt.in, got, tt.fast)
		}
	}
}

// FuzzScanTags checks scanTags against encoding/json on any input.
func FuzzScanTags(f *testing.F) {
	f.Add([]byte(`[["Name","vpc-1"],["k","v"]]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) { scanTagsAgrees(t, b) })
}
