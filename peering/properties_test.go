package peering_test

import (
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
	"pgregory.net/rapid"
)

// genConnection draws a connection of any shape in any status, and the
// instant it reached that status.
func genConnection(t *rapid.T) (peering.Connection, time.Time) {
	k := rapid.SampledFrom(kinds).Draw(t, "kind")
	for {
		s := rapid.SampledFrom(status.Code("").Values()).Draw(t, "status")
		if c, at, ok := reach(k, s); ok {
			return c, at
		}
	}
}

func genOffset(t *rapid.T, label string) time.Duration {
	return time.Duration(rapid.OneOf(
		rapid.Int64Range(0, int64(10*24*time.Hour)),
		rapid.SampledFrom([]int64{0, 1, int64(2 * time.Hour), int64(48 * time.Hour), int64(peering.RequestLifetime)}),
	).Draw(t, label))
}

// TestSettleComposes checks that settling in two steps is settling once,
// that settling is idempotent, and that a terminal status never changes.
func TestSettleComposes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, at := genConnection(t)
		t1 := at.Add(genOffset(t, "d1"))
		t2 := t1.Add(genOffset(t, "d2"))
		once, twice := c.Settle(t2), c.Settle(t1).Settle(t2)
		if !once.Equal(twice) {
			t.Fatalf("Settle(t1).Settle(t2) = %v, Settle(t2) = %v", twice.Status(), once.Status())
		}
		if !once.Equal(once.Settle(t2)) {
			t.Fatal("Settle is not idempotent")
		}
		if c.Code().IsTerminal() && once.Code() != c.Code() {
			t.Fatalf("terminal %s became %s", c.Code(), once.Code())
		}
		if once.ChangedAt().Before(c.ChangedAt()) {
			t.Fatal("ChangedAt moved backwards")
		}
	})
}

// TestActionsArePure checks that actions leave their receiver alone and
// give the same answer twice.
func TestActionsArePure(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, at := genConnection(t)
		before := c
		p := peering.Party{Account: rapid.SampledFrom([]string{acctA, acctB, acctC}).Draw(t, "account"),
			Region: rapid.SampledFrom([]string{reg1, reg2}).Draw(t, "region")}
		action := rapid.SampledFrom([]string{"accept", "reject", "delete", "modify"}).Draw(t, "action")
		now := at.Add(genOffset(t, "d"))
		r1, e1 := act(c, action, p, now)
		r2, e2 := act(c, action, p, now)
		if !c.Equal(before) {
			t.Fatalf("%s changed its receiver", action)
		}
		if !r1.Equal(r2) || (e1 == nil) != (e2 == nil) || e1 != nil && e1.Error() != e2.Error() {
			t.Fatalf("%s is not a function of its inputs: %v/%v, %v/%v", action, r1.Code(), r2.Code(), e1, e2)
		}
	})
}

// TestVisibilityEnds checks that once an account stops seeing a connection
// it never sees it again, and that only owners ever see it.
func TestVisibilityEnds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, at := genConnection(t)
		acct := rapid.SampledFrom([]string{acctA, acctB, acctC}).Draw(t, "account")
		t1 := at.Add(genOffset(t, "d1"))
		t2 := t1.Add(genOffset(t, "d2"))
		if !c.VisibleTo(acct, t1) && c.VisibleTo(acct, t2) {
			t.Fatalf("%s invisible at %v but visible again at %v (%s)", acct, t1, t2, c.Settle(t2).Code())
		}
		owner := acct == c.Requester().OwnerID || acct == c.Accepter().OwnerID
		if !owner && c.VisibleTo(acct, t1) {
			t.Fatalf("stranger %s sees the connection", acct)
		}
	})
}

// TestConnectionRoundTripProperty checks that any Connection the actions
// can reach (any shape, status, options, added and removed blocks of both
// families, a missing peer) survives MarshalBinary and UnmarshalBinary
// exactly: Equal, every accessor, and its later behaviour.
func TestConnectionRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, at := genConnection(t)
		if rapid.IntRange(0, 9).Draw(t, "peer missing") == 0 {
			r := rapid.SampledFrom(kinds).Draw(t, "kind").request(false)
			r.PeerMissing = r.Requester.OwnerID != r.Accepter.OwnerID || r.Requester.Region != r.Accepter.Region
			c, at = must(peering.Create(pcx, r, t0)), t0
		}
		roundTrip(t, c)
		blocks := []string{"172.16.0.0/16", "10.0.64.0/20", "10.1.0.0/16", "10.0.0.0/16", "2600:1f18::/56", "2600:1f18:0:100::/56"}
		for range rapid.IntRange(0, 6).Draw(t, "steps") {
			at = at.Add(genOffset(t, "d"))
			sides := []peering.VPCRef{c.Requester().Ref(), c.Accepter().Ref()}
			var next peering.Connection
			var err error
			switch rapid.IntRange(0, 4).Draw(t, "step") {
			case 0:
				next, err = c.AddCIDR(rapid.SampledFrom(sides).Draw(t, "vpc"), mustPrefix(rapid.SampledFrom(blocks).Draw(t, "block")), at)
			case 1:
				next, err = c.RemoveCIDR(rapid.SampledFrom(sides).Draw(t, "vpc"), mustPrefix(rapid.SampledFrom(blocks).Draw(t, "block")), at)
			case 2:
				o := func(label string) peering.Options {
					return peering.Options{AllowDNSResolutionFromRemoteVPC: rapid.Bool().Draw(t, label+" dns"),
						AllowEgressFromLocalClassicLinkToRemoteVPC: rapid.Bool().Draw(t, label+" cl out"),
						AllowEgressFromLocalVPCToRemoteClassicLink: rapid.Bool().Draw(t, label+" cl in")}
				}
				req := peering.Party{Account: c.Requester().OwnerID, Region: c.Requester().Region}
				next, err = c.ModifyOptions(req, peering.OptionsChange{SetRequester: true, Requester: o("req"),
					SetAccepter: c.Accepter().Ref().OwnerID == req.Account && c.Accepter().Region == req.Region, Accepter: o("acc")}, at)
			case 3:
				next, err = c.DeleteVPC(rapid.SampledFrom(sides).Draw(t, "vpc"), at)
			default:
				next = c.Settle(at)
			}
			if err == nil {
				c = next
			}
			roundTrip(t, c)
		}
	})
}
