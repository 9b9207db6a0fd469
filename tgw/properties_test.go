package tgw_test

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/tgw"
)

// prefixGen draws IPv4 prefixes from a small space, so that they overlap.
func prefixGen() *rapid.Generator[netip.Prefix] {
	return rapid.Custom(func(t *rapid.T) netip.Prefix {
		bits := rapid.IntRange(0, 32).Draw(t, "bits")
		a := [4]byte{10, byte(rapid.IntRange(0, 3).Draw(t, "b")), byte(rapid.IntRange(0, 3).Draw(t, "c")), byte(rapid.IntRange(0, 255).Draw(t, "d"))}
		if bits < 8 {
			a[0] = byte(rapid.IntRange(0, 255).Draw(t, "a"))
		}
		return netip.PrefixFrom(netip.AddrFrom4(a), bits).Masked()
	})
}

// TestLookupMatchesBruteForce checks Lookup and Search's
// longest-prefix-match against an oracle that masks the address at every
// length from 32 down and takes the first route listed at that prefix.
func TestLookupMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		prefixes := rapid.SliceOfNDistinct(prefixGen(), 0, 12, func(p netip.Prefix) netip.Prefix { return p }).Draw(t, "prefixes")
		var routes []tgw.Route
		byPrefix := map[netip.Prefix]tgw.Route{}
		for i, p := range prefixes {
			r := tgw.Route{CIDR: p, Type: tgw.Static, State: tgw.RouteActive, AttachmentIDs: []string{fmt.Sprintf("tgw-attach-%017x", i)}}
			routes = append(routes, r)
			byPrefix[p] = r
		}
		addr := rapid.Custom(func(t *rapid.T) netip.Addr {
			return netip.AddrFrom4([4]byte{byte(rapid.SampledFrom([]int{10, 11, 200}).Draw(t, "a")), byte(rapid.IntRange(0, 4).Draw(t, "b")),
				byte(rapid.IntRange(0, 4).Draw(t, "c")), byte(rapid.IntRange(0, 255).Draw(t, "d"))})
		}).Draw(t, "addr")
		var want tgw.Route
		found := false
		for bits := 32; bits >= 0 && !found; bits-- {
			want, found = byPrefix[netip.PrefixFrom(addr, bits).Masked()]
		}
		got, ok := tgw.Lookup(routes, addr)
		if ok != found || ok && got.CIDR != want.CIDR {
			t.Fatalf("Lookup(%s) = %v %v, oracle %v %v", addr, got.CIDR, ok, want.CIDR, found)
		}
		s := tgw.Search(routes, tgw.Query{LongestPrefixMatch: []netip.Prefix{netip.PrefixFrom(addr, 32)}})
		if found != (len(s) == 1) || found && s[0].CIDR != want.CIDR {
			t.Fatalf("Search longest-prefix-match %s = %v, oracle %v %v", addr, s, want.CIDR, found)
		}
	})
}

// TestAssociationPropagationModel drives associations, propagations,
// static routes and deletions at random and compares the values with a
// model of maps: each attachment with at most one table, each table with a
// set of propagating attachments and a map of static routes.
func TestAssociationPropagationModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, def := available(t)
		tables := []tgw.RouteTable{def}
		for i := 1; i < 3; i++ {
			rt, err := tgw.NewRouteTable(fmt.Sprintf("tgw-rtb-%017x", i), g, t0)
			if err != nil {
				t.Fatal(err)
			}
			tables = append(tables, rt.Settle(t0))
		}
		var atts []tgw.Attachment
		for i := range 3 {
			atts = append(atts, vpcAttachment(t, g, fmt.Sprintf("tgw-attach-%017x", i), fmt.Sprintf("vpc-%017x", i)))
		}
		assoc := map[int]int{}    // attachment -> table
		prop := map[[2]int]bool{} // table, attachment
		static := map[int]map[netip.Prefix]string{0: {}, 1: {}, 2: {}}
		gone := map[int]bool{} // deleted attachments
		for step := range 60 {
			ti := rapid.IntRange(0, 2).Draw(t, "table")
			ai := rapid.IntRange(0, 2).Draw(t, "attachment")
			switch op := rapid.IntRange(0, 5).Draw(t, "op"); op {
			case 0:
				a, err := atts[ai].Associate(tables[ti])
				_, has := assoc[ai]
				if (err == nil) != (!has && !gone[ai]) {
					t.Fatalf("step %d: Associate(%d,%d) err %v, model associated %v gone %v", step, ai, ti, err, has, gone[ai])
				}
				if err == nil {
					atts[ai], assoc[ai] = a, ti
				}
			case 1:
				a, err := atts[ai].Disassociate(tables[ti].ID())
				cur, has := assoc[ai]
				if (err == nil) != (has && cur == ti) {
					t.Fatalf("step %d: Disassociate(%d,%d) err %v, model %v %v", step, ai, ti, err, cur, has)
				}
				if err == nil {
					atts[ai] = a
					delete(assoc, ai)
				}
			case 2:
				rt, err := tables[ti].EnablePropagation(atts[ai])
				if (err == nil) != (!prop[[2]int{ti, ai}] && !gone[ai]) {
					t.Fatalf("step %d: EnablePropagation(%d,%d) err %v", step, ti, ai, err)
				}
				if err == nil {
					tables[ti], prop[[2]int{ti, ai}] = rt, true
				}
			case 3:
				rt, err := tables[ti].DisablePropagation(atts[ai].ID())
				if (err == nil) != prop[[2]int{ti, ai}] {
					t.Fatalf("step %d: DisablePropagation(%d,%d) err %v", step, ti, ai, err)
				}
				if err == nil {
					tables[ti] = rt
					delete(prop, [2]int{ti, ai})
				}
			case 4:
				p := prefixGen().Draw(t, "cidr")
				rt, err := tables[ti].CreateRoute(p, atts[ai], false)
				_, exists := static[ti][p]
				if (err == nil) != (!exists && !gone[ai]) {
					t.Fatalf("step %d: CreateRoute(%d,%s) err %v", step, ti, p, err)
				}
				if err == nil {
					tables[ti], static[ti][p] = rt, atts[ai].ID()
				}
			case 5:
				if gone[ai] {
					continue
				}
				d, err := atts[ai].Delete()
				if err != nil {
					t.Fatalf("step %d: Delete(%d): %v", step, ai, err)
				}
				atts[ai] = d.Settle(t0)
				gone[ai] = true
				delete(assoc, ai)
				for i := range tables {
					tables[i] = tables[i].Forget(d.ID())
					delete(prop, [2]int{i, ai})
				}
			}
			// The values agree with the model.
			for i, a := range atts {
				as, ok := a.Association()
				cur, has := assoc[i]
				if ok != has || ok && as.RouteTableID != tables[cur].ID() {
					t.Fatalf("step %d: attachment %d association %v %v, model %v %v", step, i, as, ok, cur, has)
				}
			}
			sources := map[string]tgw.Source{}
			for i, a := range atts {
				if !gone[i] {
					sources[a.ID()] = tgw.Source{Available: true, CIDRs: []netip.Prefix{netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16, byte(i), 0}), 24)}}
				}
			}
			for ti, rt := range tables {
				var want []string
				for ai := range atts {
					if prop[[2]int{ti, ai}] {
						want = append(want, atts[ai].ID())
					}
				}
				slices.Sort(want)
				if got := rt.Propagating(); !slices.Equal(got, want) {
					t.Fatalf("step %d: table %d propagating %v, model %v", step, ti, got, want)
				}
				for _, r := range rt.Routes(sources) {
					if r.Type == tgw.Static {
						to, ok := static[ti][r.CIDR]
						if !ok || !slices.Equal(r.AttachmentIDs, []string{to}) {
							t.Fatalf("step %d: static route %v not in the model", step, r)
						}
						if _, live := sources[to]; live != (r.State == tgw.RouteActive) {
							t.Fatalf("step %d: static route %v state, attachment live %v", step, r, live)
						}
					}
				}
				if n := len(tgw.Search(rt.Routes(sources), tgw.Query{Types: []tgw.RouteType{tgw.Static}})); n != len(static[ti]) {
					t.Fatalf("step %d: table %d has %d static routes, model %d", step, ti, n, len(static[ti]))
				}
			}
		}
	})
}

// TestEncodingRoundTrip checks that every value reads back equal to what
// was written, through each step of its lifecycle.
func TestEncodingRoundTrip(t *testing.T) {
	g, rt := available(t)
	a := vpcAttachment(t, g, attID, vpcA)
	a, _ = a.Associate(rt)
	rt, _ = rt.EnablePropagation(a)
	rt, _ = rt.CreateRoute(netip.MustParsePrefix("10.9.0.0/16"), a, false)
	rt, _ = rt.CreateRoute(netip.MustParsePrefix("0.0.0.0/0"), tgw.Attachment{}, true)
	vpnAtt, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: att2ID, Gateway: g, OwnerID: account, ResourceType: tgw.ResourceVPN,
		ResourceID: "vpn-0a1b2c3d4e5f60718"}, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	dg, _ := g.Delete(nil)
	roundTrip(t, g, &tgw.Gateway{})
	roundTrip(t, dg.Settle(t0), &tgw.Gateway{})
	roundTrip(t, rt, &tgw.RouteTable{})
	roundTrip(t, rt.DeleteWithGateway().Settle(t0), &tgw.RouteTable{})
	roundTrip(t, a, &tgw.Attachment{})
	roundTrip(t, vpnAtt, &tgw.Attachment{})
	roundTrip(t, vpnAtt.DeleteWithResource().Settle(t0), &tgw.Attachment{})
}

type codec interface {
	MarshalBinary() ([]byte, error)
}

func roundTrip[T codec](t *testing.T, v T, into interface {
	codec
	UnmarshalBinary([]byte) error
}) {
	t.Helper()
	b, err := v.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := into.UnmarshalBinary(b); err != nil {
		t.Fatalf("UnmarshalBinary(%s): %v", b, err)
	}
	b2, _ := into.MarshalBinary()
	if string(b) != string(b2) {
		t.Fatalf("round trip changed\n%s\nto\n%s", b, b2)
	}
}
