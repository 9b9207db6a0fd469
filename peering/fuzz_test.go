package peering_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
)

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

// FuzzUnmarshalConnection feeds arbitrary bytes to
// Connection.UnmarshalBinary: each is refused with ErrMalformedEncoding or
// decodes to a Connection whose own encoding is stable (it decodes to an
// equal Connection and encodes to the same bytes again), never a panic.
func FuzzUnmarshalConnection(f *testing.F) {
	for _, k := range kinds { // every reachable status of every shape
		for _, s := range status.Code("").Values() {
			if c, _, ok := reach(k, s); ok {
				b, _ := c.MarshalBinary()
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"v":1}`))                              // the zero Connection
	f.Add([]byte(`{"v":2}`))                              // an unknown version
	f.Add([]byte(`{"v":1,"id":"pcx-0123456789abcdef0"}`)) // almost nothing
	f.Add([]byte(`[]`))                                   // not an object
	f.Fuzz(func(t *testing.T, b []byte) {
		var c peering.Connection
		if err := c.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, peering.ErrMalformedEncoding) || c.IsValid() {
				t.Fatalf("UnmarshalBinary(%q) = %v", b, err)
			}
			return
		}
		enc, err := c.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var d peering.Connection
		if err := d.UnmarshalBinary(enc); err != nil {
			t.Fatalf("the encoding of a decoded Connection does not decode: %v\n%s", err, enc)
		}
		if again, _ := d.MarshalBinary(); !d.Equal(c) || !bytes.Equal(again, enc) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, again)
		}
	})
}

// FuzzUnmarshalRegistry feeds arbitrary bytes to Registry.UnmarshalBinary
// on a Registry that already holds state: a refusal leaves that state
// exactly as it was; a success gives a Registry whose encoding restores
// into a fresh Registry with the same encoding, and which keeps working.
func FuzzUnmarshalRegistry(f *testing.F) {
	r, d, _ := encRegistry(f, 5)
	base, err := r.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	empty, _ := peering.NewRegistry(rand.NewChaCha8([32]byte{}), d, peering.Quotas{})
	emptyEnc, _ := empty.MarshalBinary()
	f.Add(base)     // six connections, tagged, in four statuses
	f.Add(emptyEnc) // nothing, at the zero clock
	f.Add([]byte(`{"v":1,"clock":"2025-03-01T12:00:00Z","connections":[]}`))
	f.Add([]byte(`{"v":3,"connections":null}`)) // an unknown version
	f.Add(base[:len(base)/2])                   // truncated
	fresh := func() *peering.Registry {
		r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{7}), d, peering.Quotas{})
		if err != nil {
			f.Fatal(err)
		}
		return r
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r := fresh()
		if err := r.UnmarshalBinary(base); err != nil {
			t.Fatal(err)
		}
		if err := r.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, peering.ErrMalformedEncoding) {
				t.Fatalf("UnmarshalBinary(%q) = %v", b, err)
			}
			if after, _ := r.MarshalBinary(); !bytes.Equal(after, base) {
				t.Fatalf("a refused UnmarshalBinary changed the Registry")
			}
			return
		}
		enc, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		r2 := fresh()
		if err := r2.UnmarshalBinary(enc); err != nil {
			t.Fatalf("the encoding of a restored Registry does not restore: %v\n%s", err, enc)
		}
		if again, _ := r2.MarshalBinary(); !bytes.Equal(again, enc) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, again)
		}
		// The restored indexes hold up as time runs on: a month later the
		// Registry holds exactly the connections an owner can still see.
		var ids struct{ Connections []struct{ ID string } }
		if err := json.Unmarshal(enc, &ids); err != nil {
			t.Fatal(err)
		}
		late := t0.Add(30 * 24 * time.Hour)
		want := 0
		for _, e := range ids.Connections {
			c, ok := r.Connection(e.ID, time.Time{}) // a now before the clock reads without moving it
			if !ok {
				t.Fatalf("Lookup(%s) found nothing after restoring it", e.ID)
			}
			if c.VisibleTo(c.Requester().OwnerID, late) || c.VisibleTo(c.Accepter().OwnerID, late) {
				want++
			}
		}
		r.Connection("pcx-00000000", late)
		if n := r.Len(); n != want {
			t.Fatalf("Len() = %d a month later, want %d", n, want)
		}
	})
}
