package wildcard_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/internal/wildcard"
)

// matchSlow is the obvious reference for Match: translate the pattern into
// an anchored regular expression.
func matchSlow(pattern, s string) bool {
	var b strings.Builder
	b.WriteString(`^(?s:`)
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '*':
			b.WriteString(`.*`)
		case r == '?':
			b.WriteString(`.`)
		case r == '\\' && i+1 < len(rs):
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`)$`)
	return regexp.MustCompile(b.String()).MatchString(s)
}

func FuzzMatch(f *testing.F) {
	for _, seed := range [][2]string{
		{"*", ""},                             // star matches the empty string
		{"pcx-*", "pcx-0123456789abcdef0"},    // prefix
		{"10.0.?.0/24", "10.0.7.0/24"},        // one character
		{"*a*b*", "xxaxxbxx"},                 // backtracking
		{`a\*`, "a*"},                         // escaped star
		{`a\`, `a\`},                          // trailing backslash
		{"Pend?ng*", "Pending Acceptance by"}, // status message
		{"é?", "éü"},                          // characters, not bytes
		{"**?", ""},                           // nothing to match
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) {
			return
		}
		got := wildcard.Match(pattern, s)
		if want := matchSlow(pattern, s); got != want {
			t.Fatalf("Match(%q, %q) = %v, want %v", pattern, s, got, want)
		}
		if !wildcard.HasWildcard(pattern) && got != (pattern == s) {
			t.Fatalf("Match(%q, %q) = %v without wildcards, but == says %v", pattern, s, got, pattern == s)
		}
		if !wildcard.HasWildcard(s) && !wildcard.Match(s, s) {
			t.Fatalf("Match(%q, itself) = false", s)
		}
	})
}
