package peering_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/peering"
)

// matchSlow is the obvious reference for peering.Match: translate the
// pattern into an anchored regular expression.
func matchSlow(pat, s string) bool {
	var b strings.Builder
	b.WriteString(`^(?s:`)
	rs := []rune(pat)
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
	f.Fuzz(func(t *testing.T, pat, s string) {
		if !utf8.ValidString(pat) || !utf8.ValidString(s) {
			return
		}
		if got, want := peering.Match(pat, s), matchSlow(pat, s); got != want {
			t.Fatalf("Match(%q, %q) = %v, want %v", pat, s, got, want)
		}
		if !peering.Match(s, s) && !strings.ContainsAny(s, `*?\`) {
			t.Fatalf("Match(%q, itself) = false", s)
		}
	})
}

// FuzzDescribeToken feeds arbitrary NextTokens to Describe: each is either
// accepted or refused with InvalidPaginationToken, never a panic.
func FuzzDescribeToken(f *testing.F) {
	d := world([]string{acctA, acctB}, 8)
	r := newRegistry(f, d, peering.Quotas{})
	a := peering.Party{Account: acctA, Region: reg1}
	for i := range 8 {
		r.Create(a, peering.CreateInput{VPCID: vpcID(i), PeerVPCID: vpcID(8 + i), PeerOwnerID: acctB}, t0)
	}
	page, err := r.Describe(a, peering.Query{MaxResults: 5}, t0)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(page.NextToken) // a real token
	f.Add("")             // the first page
	f.Add("cGN4LTE")      // base64 of something that is not an ID
	f.Add("!!!")          // not base64
	f.Fuzz(func(t *testing.T, token string) {
		page, err := r.Describe(a, peering.Query{MaxResults: 5, NextToken: token}, t0)
		if err != nil {
			if !errors.Is(err, peering.ErrPaginationToken) {
				t.Fatalf("Describe(token %q) = %v", token, err)
			}
			return
		}
		if len(page.Connections) > 5 {
			t.Fatalf("page of %d", len(page.Connections))
		}
	})
}
