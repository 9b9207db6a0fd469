package peering_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
	"pgregory.net/rapid"
)

// The property below runs a Registry through random actions, restores its
// encoding into a fresh Registry and then drives both with the same actions
// and the same random bytes: every answer must be the same. It needs no
// model, because the original Registry is the oracle for the restored one.

// switchReader lets a test give a Registry a new random stream after it
// was made.
type switchReader struct{ r io.Reader }

func (s *switchReader) Read(p []byte) (int, error) { return s.r.Read(p) }

// world is one Registry with the VPC directory its embedder keeps.
type encWorld struct {
	r   *peering.Registry
	d   *dir
	rnd *switchReader
}

func cloneDir(d *dir) *dir {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := &dir{vpcs: map[peering.VPCRef]*peering.VPC{}}
	for k, v := range d.vpcs {
		c := *v
		c.IPv4, c.IPv6 = slices.Clone(v.IPv4), slices.Clone(v.IPv6)
		out.vpcs[k] = &c
	}
	return out
}

// encRun is what the actions share: the VPCs that ever existed, the IDs
// Create has returned, and the caller's clock.
type encRun struct {
	vpcs    []peering.VPCRef
	parties []peering.Party
	ids     []string
	owners  map[string][]peering.Party // ID -> requester and accepter party
	now     time.Time
}

func (run *encRun) party(t *rapid.T) peering.Party {
	return rapid.SampledFrom(run.parties).Draw(t, "party")
}

// actor returns who acts on id: mostly one of its two parties.
func (run *encRun) actor(t *rapid.T, id string) peering.Party {
	if ps, ok := run.owners[id]; ok && rapid.IntRange(0, 4).Draw(t, "stranger") > 0 {
		return rapid.SampledFrom(ps).Draw(t, "owner")
	}
	return run.party(t)
}

// pick returns, half the time, a connection that r holds in one of codes
// at now, else any ID. Looking first changes nothing an action would not:
// every call settles the Registry at its now before acting.
func (run *encRun) pick(t *rapid.T, r *peering.Registry, now time.Time, codes ...status.Code) string {
	var fit []string
	for _, id := range run.ids {
		if c, ok := r.Connection(id, now); ok && slices.Contains(codes, c.Code()) {
			fit = append(fit, id)
		}
	}
	if len(fit) > 0 && rapid.Bool().Draw(t, "fitting id") {
		return rapid.SampledFrom(fit).Draw(t, "fit")
	}
	return run.id(t)
}

func (run *encRun) id(t *rapid.T) string {
	if len(run.ids) == 0 || rapid.IntRange(0, 9).Draw(t, "unknown id") == 0 {
		return "pcx-0badc0ffee0000000"
	}
	return rapid.SampledFrom(run.ids).Draw(t, "id")
}

func renderErr(err error) string {
	if err == nil {
		return "ok"
	}
	var pe *peering.Error
	if !errors.As(err, &pe) {
		return "error " + err.Error()
	}
	return fmt.Sprintf("error %v | %s | %s", err, pe.ErrorCode(), pe.ErrorMessage())
}

// step draws one action and applies it to every world, returning each
// world's answer. The draws happen once, before any world acts.
func (run *encRun) step(t *rapid.T, ws []*encWorld) []string {
	out := make([]string, len(ws))
	each := func(f func(w *encWorld) string) {
		for i, w := range ws {
			out[i] = f(w)
		}
	}
	now := run.now
	if rapid.IntRange(0, 5).Draw(t, "stale now") == 0 {
		// A caller whose clock lags: the Registry counts it as the latest
		// now it has seen, so that instant must survive the encoding.
		now = now.Add(-rapid.SampledFrom([]time.Duration{time.Nanosecond, time.Hour, 3 * 24 * time.Hour}).Draw(t, "lag"))
	}
	switch rapid.IntRange(0, 18).Draw(t, "action") {
	case 0, 1, 2: // create
		caller := run.party(t)
		var own []peering.VPCRef
		for _, v := range run.vpcs {
			if v.OwnerID == caller.Account && v.Region == caller.Region {
				own = append(own, v)
			}
		}
		mine := rapid.SampledFrom(run.vpcs).Draw(t, "any vpc")
		if len(own) > 0 && rapid.IntRange(0, 5).Draw(t, "own vpc") > 0 {
			mine = rapid.SampledFrom(own).Draw(t, "vpc")
		}
		peer := rapid.SampledFrom(append(slices.Clone(run.vpcs),
			peering.VPCRef{OwnerID: acctB, Region: reg2, ID: "vpc-0fffffff"})).Draw(t, "peer")
		in := peering.CreateInput{VPCID: mine.ID, PeerVPCID: peer.ID, PeerOwnerID: peer.OwnerID, PeerRegion: peer.Region}
		if rapid.Bool().Draw(t, "tagged") {
			in.Tags = []tag.Tag{{Key: "env", Value: rapid.SampledFrom([]string{"prod", "dev"}).Draw(t, "env")}}
		}
		made := ""
		each(func(w *encWorld) string {
			v, err := w.r.Create(caller, in, now)
			if err == nil && w == ws[0] {
				made = v.ID()
			}
			return renderView(v) + renderErr(err)
		})
		if made != "" && !slices.Contains(run.ids, made) {
			run.ids = append(run.ids, made)
			run.owners[made] = []peering.Party{caller, {Account: peer.OwnerID, Region: peer.Region}}
		}
	case 3, 4, 5: // accept, often, so that connections become active
		id := run.pick(t, ws[0].r, now, status.PendingAcceptance)
		p := run.actor(t, id)
		each(func(w *encWorld) string { v, err := w.r.Accept(p, id, now); return renderView(v) + renderErr(err) })
	case 6:
		id := run.pick(t, ws[0].r, now, status.PendingAcceptance)
		p := run.actor(t, id)
		each(func(w *encWorld) string { v, err := w.r.Reject(p, id, now); return renderView(v) + renderErr(err) })
	case 7:
		id := run.pick(t, ws[0].r, now, status.PendingAcceptance, status.Active)
		p := run.actor(t, id)
		each(func(w *encWorld) string { v, err := w.r.Delete(p, id, now); return renderView(v) + renderErr(err) })
	case 8, 9:
		id := run.pick(t, ws[0].r, now, status.Active)
		p := run.actor(t, id)
		opts := rapid.Custom(func(t *rapid.T) peering.Options {
			return peering.Options{AllowDNSResolutionFromRemoteVPC: rapid.Bool().Draw(t, "dns"),
				AllowEgressFromLocalClassicLinkToRemoteVPC: rapid.Bool().Draw(t, "cl out"),
				AllowEgressFromLocalVPCToRemoteClassicLink: rapid.Bool().Draw(t, "cl in")}
		})
		ch := peering.OptionsChange{Requester: opts.Draw(t, "req"), SetRequester: rapid.Bool().Draw(t, "set req"),
			Accepter: opts.Draw(t, "acc"), SetAccepter: rapid.Bool().Draw(t, "set acc")}
		each(func(w *encWorld) string {
			v, err := w.r.ModifyOptions(p, id, ch, now)
			return renderView(v) + renderErr(err)
		})
	case 10:
		id := run.id(t)
		p := run.actor(t, id)
		val := rapid.SampledFrom([]string{"prod", "dev", ""}).Draw(t, "value")
		switch rapid.IntRange(0, 2).Draw(t, "tag op") {
		case 0:
			each(func(w *encWorld) string {
				return renderErr(w.r.CreateTags(p, id, []tag.Tag{{Key: "env", Value: val}, {Key: "team", Value: "net"}}, now))
			})
		case 1:
			each(func(w *encWorld) string {
				return renderErr(w.r.DeleteTags(p, id, []tag.Tag{{Key: "env", Value: val}}, now))
			})
		default:
			each(func(w *encWorld) string { return renderErr(w.r.DeleteTagKeys(p, id, []string{"team"}, now)) })
		}
	case 11, 12: // a block added to or removed from a VPC, or only asked about
		ref := rapid.SampledFrom(run.vpcs).Draw(t, "vpc")
		check := rapid.Bool().Draw(t, "check only")
		remove := rapid.Bool().Draw(t, "remove")
		v, exists := ws[0].d.vpcs[ref]
		if !exists {
			return nil
		}
		var block netip.Prefix
		if remove {
			if check || len(v.IPv4)+len(v.IPv6) < 2 {
				return nil
			}
			block = rapid.SampledFrom(append(slices.Clone(v.IPv4[1:]), v.IPv6...)).Draw(t, "block")
		} else {
			block = mustPrefix(rapid.SampledFrom(append(slices.Clone(mExtra4), mBlocks6...)).Draw(t, "block"))
			if slices.Contains(v.IPv4, block) || slices.Contains(v.IPv6, block) {
				return nil
			}
		}
		each(func(w *encWorld) string {
			var err error
			switch {
			case check:
				err = w.r.CheckAddVPCCIDR(ref, block, now)
			case remove:
				err = w.r.RemoveVPCCIDR(ref, block, now)
			default:
				err = w.r.AddVPCCIDR(ref, block, now)
			}
			if err == nil && !check { // the embedder's own record follows
				wv := w.d.vpcs[ref]
				if remove {
					wv.IPv4 = slices.DeleteFunc(slices.Clone(wv.IPv4), func(p netip.Prefix) bool { return p == block })
					wv.IPv6 = slices.DeleteFunc(slices.Clone(wv.IPv6), func(p netip.Prefix) bool { return p == block })
				} else if block.Addr().Is4() {
					wv.IPv4 = append(slices.Clone(wv.IPv4), block)
				} else {
					wv.IPv6 = append(slices.Clone(wv.IPv6), block)
				}
			}
			return renderErr(err)
		})
	case 13: // a VPC deleted, or only asked about
		ref := rapid.SampledFrom(run.vpcs).Draw(t, "vpc")
		check := rapid.Bool().Draw(t, "check only")
		if _, exists := ws[0].d.vpcs[ref]; !exists {
			return nil
		}
		each(func(w *encWorld) string {
			if check {
				return renderErr(w.r.CheckDeleteVPC(ref, now))
			}
			err := w.r.DeleteVPC(ref, now)
			if err == nil {
				delete(w.d.vpcs, ref)
			}
			return renderErr(err)
		})
	case 14: // time passes, often to an edge
		d := rapid.SampledFrom([]time.Duration{time.Second, time.Minute, time.Hour, peering.ShortVisibility,
			peering.LongVisibility, peering.RequestLifetime, 3 * 24 * time.Hour}).Draw(t, "wait")
		run.now = run.now.Add(d + time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
		return nil
	case 15:
		id := run.id(t)
		p := run.actor(t, id)
		each(func(w *encWorld) string { v, err := w.r.View(p, id, now); return renderView(v) + renderErr(err) })
	case 16:
		id := run.id(t)
		each(func(w *encWorld) string { c, ok := w.r.Connection(id, now); return fmt.Sprint(accessors(c), ok) })
	default: // describe, paged, with a filter
		p := run.party(t)
		q := peering.Query{MaxResults: rapid.SampledFrom([]int{0, 5}).Draw(t, "max")}
		switch rapid.IntRange(0, 3).Draw(t, "filter") {
		case 1:
			q.Filters = []peering.Filter{{Name: peering.FilterStatusCode, Values: []string{"active", "pending-*"}}}
		case 2:
			q.Filters = []peering.Filter{{Name: peering.FilterAccepterVPCID, Values: []string{rapid.SampledFrom(run.vpcs).Draw(t, "vpc").ID}}}
		case 3:
			q.Filters = []peering.Filter{{Name: "tag:env", Values: []string{"prod"}}}
		}
		each(func(w *encWorld) string {
			page, err := w.r.Describe(p, q, now)
			var sb strings.Builder
			for _, v := range page.Connections {
				sb.WriteString(renderView(v) + "\n")
			}
			return sb.String() + page.NextToken + renderErr(err)
		})
	}
	return out
}

// sameView checks that two Registries answer every read alike for every
// party: Describe (whole, and through each index), Get, Lookup and Len.
func (run *encRun) sameView(t *rapid.T, a, b *peering.Registry) {
	now := run.now
	var queries []peering.Query
	queries = append(queries, peering.Query{})
	for _, v := range run.vpcs {
		queries = append(queries,
			peering.Query{Filters: []peering.Filter{{Name: peering.FilterRequesterVPCID, Values: []string{v.ID}}}},
			peering.Query{Filters: []peering.Filter{{Name: peering.FilterAccepterVPCID, Values: []string{v.ID}}}})
	}
	for _, acct := range mAccounts {
		queries = append(queries,
			peering.Query{Filters: []peering.Filter{{Name: peering.FilterRequesterOwnerID, Values: []string{acct}}}},
			peering.Query{Filters: []peering.Filter{{Name: peering.FilterAccepterOwnerID, Values: []string{acct}}}})
	}
	for _, id := range run.ids {
		queries = append(queries, peering.Query{Filters: []peering.Filter{{Name: peering.FilterID, Values: []string{id}}}})
	}
	for _, p := range run.parties {
		for _, q := range queries {
			ga, ea := a.Describe(p, q, now)
			gb, eb := b.Describe(p, q, now)
			if ra, rb := renderPage(ga)+renderErr(ea), renderPage(gb)+renderErr(eb); ra != rb {
				t.Fatalf("Describe(%v, %+v):\noriginal %s\nrestored %s", p, q, ra, rb)
			}
		}
		for _, id := range run.ids {
			va, ea := a.View(p, id, now)
			vb, eb := b.View(p, id, now)
			if ra, rb := renderView(va)+renderErr(ea), renderView(vb)+renderErr(eb); ra != rb {
				t.Fatalf("Get(%v, %s):\noriginal %s\nrestored %s", p, id, ra, rb)
			}
		}
	}
	for _, id := range run.ids {
		ca, oka := a.Connection(id, now)
		cb, okb := b.Connection(id, now)
		if oka != okb || !ca.Equal(cb) {
			t.Fatalf("Lookup(%s) = %v %v, original %v %v", id, accessors(cb), okb, accessors(ca), oka)
		}
		if oka {
			roundTrip(t, ca)
		}
	}
	if a.Len() != b.Len() {
		t.Fatalf("Len() = %d, original %d", b.Len(), a.Len())
	}
}

func renderPage(p peering.Page) string {
	var sb strings.Builder
	for _, v := range p.Connections {
		sb.WriteString(renderView(v) + "\n")
	}
	return sb.String() + p.NextToken
}

// TestRegistryRestoreProperty checks that a Registry restored from the
// encoding of another answers every party's reads as the original does,
// and that the two stay alike under any further actions given the same
// random bytes.
func TestRegistryRestoreProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := &dir{vpcs: map[peering.VPCRef]*peering.VPC{}}
		run := &encRun{now: t0, owners: map[string][]peering.Party{}}
		n := 0
		for _, a := range mAccounts {
			for _, reg := range mRegions {
				run.parties = append(run.parties, peering.Party{Account: a, Region: reg})
				for range 2 {
					n++
					v := &peering.VPC{OwnerID: a, Region: reg, ID: fmt.Sprintf("vpc-%08x", n)}
					v.IPv4 = []netip.Prefix{mustPrefix(rapid.SampledFrom(mBlocks4).Draw(t, "block"))}
					if rapid.Bool().Draw(t, "ipv6") {
						v.IPv6 = []netip.Prefix{mustPrefix(rapid.SampledFrom(mBlocks6).Draw(t, "block6"))}
					}
					d.vpcs[v.Ref()] = v
					run.vpcs = append(run.vpcs, v.Ref())
				}
			}
		}
		q := peering.Quotas{OutstandingRequests: rapid.IntRange(1, 4).Draw(t, "outstanding"), ActivePerVPC: rapid.IntRange(1, 3).Draw(t, "active")}
		seed := rapid.Uint64().Draw(t, "seed")
		newWorld := func(d *dir, s uint64) *encWorld {
			rnd := &switchReader{rand.NewChaCha8([32]byte{byte(s), byte(s >> 8), byte(s >> 16)})}
			r, err := peering.NewRegistry(rnd, d, q)
			if err != nil {
				t.Fatal(err)
			}
			return &encWorld{r: r, d: d, rnd: rnd}
		}
		orig := newWorld(d, seed)
		for range rapid.IntRange(0, 80).Draw(t, "actions before") {
			run.step(t, []*encWorld{orig})
		}

		enc, err := orig.r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		restored := newWorld(cloneDir(orig.d), seed+1) // another stream: restoring reads none
		if err := restored.r.UnmarshalBinary(enc); err != nil {
			t.Fatalf("UnmarshalBinary(%s) = %v", enc, err)
		}
		if again, _ := restored.r.MarshalBinary(); !bytes.Equal(again, enc) {
			t.Fatalf("restored Registry encodes as\n%s\nnot\n%s", again, enc)
		}
		run.sameView(t, orig.r, restored.r)

		// From here on both read the same random bytes.
		next := rapid.Uint64().Draw(t, "next seed")
		orig.rnd.r = rand.NewChaCha8([32]byte{byte(next), byte(next >> 8), 1})
		restored.rnd.r = rand.NewChaCha8([32]byte{byte(next), byte(next >> 8), 1})
		for range rapid.IntRange(0, 60).Draw(t, "actions after") {
			if got := run.step(t, []*encWorld{orig, restored}); got != nil && got[0] != got[1] {
				t.Fatalf("after restoring, the same action answered\noriginal %s\nrestored %s", got[0], got[1])
			}
		}
		run.sameView(t, orig.r, restored.r)
		ea, _ := orig.r.MarshalBinary()
		eb, _ := restored.r.MarshalBinary()
		if !bytes.Equal(ea, eb) {
			t.Fatalf("the two Registries ended in different states:\n%s\n%s", ea, eb)
		}
	})
}
