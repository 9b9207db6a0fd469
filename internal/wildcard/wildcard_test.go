package wildcard_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/internal/wildcard"
)

func TestMatch(t *testing.T) {
	for _, tt := range []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"*", "anything at all", true},
		{"**", "", true},
		{"?", "", false},
		{"?", "é", true}, // one character, two bytes
		{"??", "é", false},
		{"pcx-*", "pcx-0123456789abcdef0", true},
		{"pcx-*", "vpc-0123", false},
		{"10.0.?.0/24", "10.0.7.0/24", true},
		{"10.0.?.0/24", "10.0.17.0/24", false},
		{"*a*b*", "xxaxxbxx", true},
		{"*a*b", "xxaxxbxxb", true}, // the last * must backtrack past the first b
		{"*a*b", "xxaxxbxxc", false},
		{"Pend?ng*", "Pending Acceptance by 111122223333", true},
		{"pending*", "Pending", false}, // case-sensitive
		{`a\*`, "a*", true},
		{`a\*`, "ab", false},
		{`a\?`, "a?", true},
		{`a\?`, "ab", false},
		{`a\\`, `a\`, true},
		{`a\`, `a\`, true}, // a trailing backslash matches itself
		{`a\`, "a", false},
		{`\a`, "a", true}, // an escaped ordinary character is itself
		{"*by 111122223333", "Deleted by 111122223333", true},
		{"*by 111122223333", "Deleted by 111122223334", false},
	} {
		if got := wildcard.Match(tt.pattern, tt.s); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
		// Purity: the same question gets the same answer.
		if got := wildcard.Match(tt.pattern, tt.s); got != tt.want {
			t.Errorf("Match(%q, %q) changed its answer", tt.pattern, tt.s)
		}
		if got, want := wildcard.Match(tt.pattern, tt.s), matchSlow(tt.pattern, tt.s); got != want {
			t.Errorf("Match(%q, %q) = %v, the regexp reference says %v", tt.pattern, tt.s, got, want)
		}
	}
}

func TestHasWildcard(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    bool
	}{
		{"", false},
		{"vpc-0a0a0a0a", false},
		{"vpc-*", true},
		{"10.0.?.0/24", true},
		{`a\b`, true},
	} {
		if got := wildcard.HasWildcard(tt.pattern); got != tt.want {
			t.Errorf("HasWildcard(%q) = %v, want %v", tt.pattern, got, tt.want)
		}
	}
}

func TestMatchNoAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { wildcard.Match("*a*b?c*", "xxaxxbxcxxaxxbyczz") }); n != 0 {
		t.Fatalf("Match allocates %v times per call, want 0", n)
	}
}
