package peering_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/internal/wildcard"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
)

// TestMatchDelegates checks that peering.Match answers as the shared
// matcher does; internal/wildcard holds the matcher's own tests and fuzz
// target.
func TestMatchDelegates(t *testing.T) {
	for _, tt := range [][2]string{
		{"*", ""}, {"pcx-*", "pcx-0123456789abcdef0"}, {"10.0.?.0/24", "10.0.7.0/24"},
		{"*a*b*", "xxaxxbxx"}, {`a\*`, "a*"}, {`a\*`, "ab"}, {`a\`, `a\`}, {"é?", "éü"}, {"**?", ""},
	} {
		if got, want := peering.Match(tt[0], tt[1]), wildcard.Match(tt[0], tt[1]); got != want {
			t.Errorf("Match(%q, %q) = %v, wildcard.Match says %v", tt[0], tt[1], got, want)
		}
	}
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
