package peering_test

import (
	"errors"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
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

// FuzzCreate feeds arbitrary text to Create: every outcome is a valid
// connection or a *peering.Error with an EC2 code and message, never a
// panic.
func FuzzCreate(f *testing.F) {
	f.Add("pcx-0123456789abcdef0", "111111111111", "us-east-1", "vpc-0a0a0a0a", "10.0.0.0/16",
		"222222222222", "eu-west-1", "vpc-0b0b0b0b", "10.1.0.0/16", false) // a valid request
	f.Add("pcx-1", "1", "x", "vpc-", "", "", "", "", "::/0", true) // nothing valid
	f.Add("pcx-0123456789abcdef0", "111111111111", "us-east-1", "vpc-0a0a0a0a", "10.0.0.0/16",
		"111111111111", "us-east-1", "vpc-0a0a0a0a", "10.0.0.0/16", false) // itself
	f.Fuzz(func(t *testing.T, id, reqAcct, reqReg, reqVPC, reqBlock, accAcct, accReg, accVPC, accBlock string, missing bool) {
		vpc := func(acct, reg, id, block string) peering.VPC {
			v := peering.VPC{OwnerID: acct, Region: reg, ID: id}
			if p, err := netip.ParsePrefix(block); err == nil {
				v.IPv4 = []netip.Prefix{p}
			}
			return v
		}
		c, err := peering.Create(id, peering.Request{Requester: vpc(reqAcct, reqReg, reqVPC, reqBlock),
			Accepter: vpc(accAcct, accReg, accVPC, accBlock), PeerMissing: missing}, t0)
		if err != nil {
			var pe *peering.Error
			if !errors.As(err, &pe) || pe.ErrorCode() == "" || pe.ErrorMessage() == "" || c.IsValid() {
				t.Fatalf("Create error %v is not a complete *peering.Error", err)
			}
			return
		}
		if c.ID() != id || c.Code() != status.InitiatingRequest {
			t.Fatalf("Create = %s %s", c.ID(), c.Code())
		}
		if s := c.Settle(t0).Code(); s != status.PendingAcceptance && s != status.Failed {
			t.Fatalf("settled to %s", s)
		}
	})
}
