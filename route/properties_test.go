package route_test

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
	"pgregory.net/rapid"
)

// genPrefix draws prefixes that nest and collide often: IPv4 addresses from
// a few /8s (one of them VPC A's), IPv6 ones from a few /32s (one of them
// VPC A's), lengths across the whole range.
func genPrefix() *rapid.Generator[netip.Prefix] {
	return rapid.Custom(func(t *rapid.T) netip.Prefix {
		if rapid.IntRange(0, 9).Draw(t, "v6") == 0 {
			hi := rapid.SampledFrom([]uint16{0x2600, 0x2001, 0xfd00}).Draw(t, "hi")
			var b [16]byte
			b[0], b[1] = byte(hi>>8), byte(hi)
			b[2], b[3] = 0x1f, rapid.SampledFrom([]byte{0, 1, 2, 3, 0x18, 0x18}).Draw(t, "b3") // 0x18: VPC A's block
			b[7] = byte(rapid.IntRange(0, 3).Draw(t, "b7"))
			return netip.PrefixFrom(netip.AddrFrom16(b), rapid.IntRange(0, 72).Draw(t, "bits6")).Masked()
		}
		a := [4]byte{
			rapid.SampledFrom([]byte{10, 172, 192, 169}).Draw(t, "a0"),
			byte(rapid.IntRange(0, 3).Draw(t, "a1")),
			byte(rapid.IntRange(0, 7).Draw(t, "a2")),
			byte(rapid.IntRange(0, 255).Draw(t, "a3")),
		}
		return netip.PrefixFrom(netip.AddrFrom4(a), rapid.IntRange(0, 32).Draw(t, "bits")).Masked()
	})
}

// genAddr draws addresses from the same neighbourhoods as genPrefix.
func genAddr() *rapid.Generator[netip.Addr] {
	return rapid.Custom(func(t *rapid.T) netip.Addr {
		p := genPrefix().Draw(t, "near")
		b := p.Addr().AsSlice()
		for i := range b {
			if i*8 >= p.Bits() {
				b[i] = byte(rapid.IntRange(0, 255).Draw(t, "byte"))
			}
		}
		a, _ := netip.AddrFromSlice(b)
		return a
	})
}

var targetIDs = []string{
	"tgw-11111111", "igw-11111111", "pcx-11111111", "pcx-22222222", "eni-11111111", "nat-11111111",
	"eigw-11111111", "igw-22222222", "pcx-44444444", "nat-99999999", "vpce-11111111",
}

// randomTable builds a table of VPC A from random requests, keeping what
// EC2 accepts, with random propagated routes from two gateways.
func randomTable(t *rapid.T, r route.Catalog) route.Table {
	tb := newTable(t)
	tb, _ = tb.WithRouteQuota(route.MaxRouteQuota)
	n := rapid.IntRange(0, 40).Draw(t, "routes")
	for i := 0; i < n; i++ {
		next, err := tb.CreateRoute(genPrefix().Draw(t, "dest"), mt(rapid.SampledFrom(targetIDs).Draw(t, "target")), r)
		if err == nil {
			tb = next
		}
	}
	for _, vgw := range []string{"vgw-11111111", "vgw-44444444"} {
		if rapid.Bool().Draw(t, "propagates "+vgw) {
			var err error
			if tb, err = tb.EnablePropagation(mt(vgw), r); err != nil {
				t.Fatal(err)
			}
			if tb, err = tb.SetPropagated(mt(vgw), rapid.SliceOfN(genPrefix(), 0, 20).Draw(t, "propagated")); err != nil {
				t.Fatal(err)
			}
		}
	}
	return tb
}

func propWorld() route.Catalog {
	r := world()
	r.Targets = maps.Clone(r.Targets)
	r.Targets[mt("vgw-44444444")] = route.TargetInfo{VPCIDs: []string{vpcA}}
	return r
}

// TestLookupMatchesModel drives a table through random actions and, after
// each, compares Routes with the model's list and Lookup with the model's
// linear longest-prefix match, at random addresses of both families and
// at every address where the model's answer can change.
func TestLookupMatchesModel(t *testing.T) {
	ws := worlds()
	rapid.Check(t, func(t *rapid.T) {
		tb, m := newTable(t), newModel()
		n := rapid.IntRange(1, 150).Draw(t, "actions")
		for range n {
			a := genAction().Draw(t, "action")
			addrs := rapid.SliceOfN(genAddr(), 1, 8).Draw(t, "addrs")
			tb = step(t, tb, m, ws, a, addrs)
		}
	})
}

// TestEncodingRoundTripActions: a table built by random actions, written
// out and read back, is indistinguishable from the original (every
// accessor, Analyze, the encoding itself, and Lookup everywhere), and stays
// so under a further random action sequence applied to both, which gives
// the same result or the same error on each.
func TestEncodingRoundTripActions(t *testing.T) {
	ws := worlds()
	rapid.Check(t, func(t *rapid.T) {
		tb := newTable(t)
		for range rapid.IntRange(0, 150).Draw(t, "before") {
			if next, err := genAction().Draw(t, "action").apply(tb, ws); err == nil {
				tb = next
			}
		}
		b, err := tb.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back route.Table
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%s) = %v", b, err)
		}
		addrs := rapid.SliceOfN(genAddr(), 0, 20).Draw(t, "addrs")
		checkSame(t, tb, back, addrs...)
		for range rapid.IntRange(0, 40).Draw(t, "after") {
			a := genAction().Draw(t, "action")
			na, errA := a.apply(tb, ws)
			nb, errB := a.apply(back, ws)
			if ea, eb := errText(errA), errText(errB); ea != eb {
				t.Fatalf("%v: %s on the original, %s on the decoded table", a, ea, eb)
			}
			tb, back = na, nb
			checkSame(t, tb, back, addrs...)
		}
	})
}

// TestEqualIsEqualEncodings: two tables, each from a few random actions
// so that they are often the same, are Equal exactly when their encodings
// are; a table equals itself read back.
func TestEqualIsEqualEncodings(t *testing.T) {
	ws := worlds()
	rapid.Check(t, func(t *rapid.T) {
		build := func(label string) route.Table {
			tb := newTable(t)
			for range rapid.IntRange(0, 3).Draw(t, label) {
				if next, err := genAction().Draw(t, label+" action").apply(tb, ws); err == nil {
					tb = next
				}
			}
			return tb
		}
		a, b := build("a"), build("b")
		ea, _ := a.MarshalBinary()
		eb, _ := b.MarshalBinary()
		if got, want := a.Equal(b), string(ea) == string(eb); got != want {
			t.Fatalf("Equal = %v, equal encodings = %v:\n%s\n%s", got, want, ea, eb)
		}
		var back route.Table
		if err := back.UnmarshalBinary(ea); err != nil || !a.Equal(back) || !back.Equal(a) {
			t.Fatalf("a table read back from %s is not Equal to it (%v)", ea, err)
		}
		if !(route.Table{}).Equal(route.Table{}) || a.Equal(route.Table{}) {
			t.Fatal("Equal on the zero Table")
		}
	})
}

// TestCheckDeleteFollowsAssociations: whatever the actions, CheckDelete
// refuses exactly while the table has an association, by the test's own
// count of associations made and not yet undone.
func TestCheckDeleteFollowsAssociations(t *testing.T) {
	ws := worlds()
	rapid.Check(t, func(t *rapid.T) {
		tb := newTable(t)
		assocs := map[string]bool{}
		for range rapid.IntRange(1, 60).Draw(t, "actions") {
			a := genAction().Draw(t, "action")
			next, err := a.apply(tb, ws)
			if err != nil {
				continue
			}
			tb = next
			switch a.op {
			case "associate":
				assocs[a.assoc.ID] = true
			case "disassociate":
				delete(assocs, a.assoc.ID)
			}
			err = tb.CheckDelete()
			var re *route.Error
			switch {
			case len(assocs) == 0 && err != nil:
				t.Fatalf("after %v, CheckDelete() = %v with no association", a, err)
			case len(assocs) > 0 && (!errors.As(err, &re) || re.ErrorCode() != "DependencyViolation" || !errors.Is(err, route.ErrDependency)):
				t.Fatalf("after %v, CheckDelete() = %v with associations %v", a, err, assocs)
			}
		}
	})
}

// errText returns all an error says: its type, text, EC2 code and message.
func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	var coded interface {
		ErrorCode() string
		ErrorMessage() string
	}
	if !errors.As(err, &coded) {
		return fmt.Sprintf("%T %v", err, err)
	}
	return fmt.Sprintf("%T %v [%s] %s", err, err, coded.ErrorCode(), coded.ErrorMessage())
}

// TestValidationIgnoresOrder: the verdict on each request, and the table
// that results, do not depend on the order in which distinct destinations
// are added.
func TestValidationIgnoresOrder(t *testing.T) {
	r := propWorld()
	type req struct {
		dest   netip.Prefix
		target string
	}
	rapid.Check(t, func(t *rapid.T) {
		dests := rapid.SliceOfNDistinct(genPrefix(), 1, 30, func(p netip.Prefix) netip.Prefix { return p }).Draw(t, "dests")
		reqs := make([]req, len(dests))
		for i, d := range dests {
			reqs[i] = req{d, rapid.SampledFrom(targetIDs).Draw(t, "target")}
		}
		run := func(order []req) (route.Table, map[netip.Prefix]string) {
			tb := newTable(t)
			tb, _ = tb.WithRouteQuota(route.MaxRouteQuota)
			codes := map[netip.Prefix]string{}
			for _, q := range order {
				next, err := tb.CreateRoute(q.dest, mt(q.target), r)
				if err != nil {
					var re *route.Error
					if !errors.As(err, &re) {
						t.Fatalf("CreateRoute error %v is not a *route.Error", err)
					}
					codes[q.dest] = re.ErrorMessage()
					continue
				}
				tb = next
			}
			return tb, codes
		}
		tb1, codes1 := run(reqs)
		tb2, codes2 := run(rapid.Permutation(reqs).Draw(t, "order"))
		if diff := cmp.Diff(codes1, codes2, eq); diff != "" {
			t.Fatalf("verdicts depend on order (-first +permuted):\n%s", diff)
		}
		if diff := cmp.Diff(tb1.Routes(), tb2.Routes(), eq); diff != "" {
			t.Fatalf("tables depend on order (-first +permuted):\n%s", diff)
		}
	})
}

// TestReconcileIdempotent: reconciling twice against the same world is
// reconciling once, whatever changed in the world.
func TestReconcileIdempotent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := propWorld()
		tb := randomTable(t, r)
		// change the world: statuses of peering connections, gateways detached or gone
		for _, id := range targetIDs {
			switch rapid.IntRange(0, 3).Draw(t, "change "+id) {
			case 1:
				delete(r.Targets, mt(id))
			case 2:
				info := r.Targets[mt(id)]
				info.VPCIDs = nil
				r.Targets[mt(id)] = info
			case 3:
				info := r.Targets[mt(id)]
				info.Status = rapid.SampledFrom(status.Code("").Values()).Draw(t, "status")
				r.Targets[mt(id)] = info
			}
		}
		once := tb.Reconcile(r)
		twice := once.Reconcile(r)
		if diff := cmp.Diff(once.Routes(), twice.Routes(), eq); diff != "" {
			t.Fatalf("Reconcile is not idempotent (-once +twice):\n%s", diff)
		}
		if len(once.Routes()) > len(tb.Routes()) {
			t.Fatalf("Reconcile added routes")
		}
		for _, rt := range once.Routes() {
			if rt.State != status.RouteActive && rt.State != status.RouteBlackhole {
				t.Fatalf("route %v in state %q", rt, rt.State)
			}
		}
	})
}

// TestUniqueDestinations: whatever sequence of actions, a table lists its
// routes sorted and once per destination, as the model does, and a refused
// action changes nothing. It runs the fuzz target's body on random bytes.
func TestUniqueDestinations(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		runOps(t, rapid.SliceOfN(rapid.Byte(), 40, 600).Draw(t, "ops"))
	})
}

// runOps decodes data into a sequence of table actions and, through step,
// applies each to a table and to the model and compares them. It is shared
// by the rapid property and the fuzz target.
func runOps(t fataler, data []byte) {
	t.Helper()
	ws := worlds()
	tb, m := newTable(t), newModel()
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	for len(data) > 0 {
		a := actionFrom(next)
		probe := prefixFrom(next) // two more addresses, near the ones in play
		tb = step(t, tb, m, ws, a, []netip.Addr{probe.Addr(), lastAddr(probe)})
	}
}

type fataler interface {
	Helper()
	Fatal(...any)
	Fatalf(string, ...any)
}

// step applies a to tb and, when the table accepts it, to m; it checks the
// verdicts the model can decide, that a refusal changes nothing, and that
// the table lists and selects what the model does, at addrs and at every
// edge of the model. It returns the table after a.
func step(t fataler, tb route.Table, m model, ws []route.Catalog, a action, addrs []netip.Addr) route.Table {
	t.Helper()
	next, err := a.apply(tb, ws)
	why := m.mustRefuse(a)
	switch {
	case why != "" && err == nil:
		t.Fatalf("%v succeeded, but %s", a, why)
	case why == "" && m.isNoop(a) && err != nil:
		t.Fatalf("%v = %v, want success without change", a, err)
	}
	if err != nil {
		var re *route.Error
		var te *tag.Error
		if !errors.As(err, &re) && !errors.As(err, &te) {
			t.Fatalf("%v: error %v is neither a *route.Error nor a *tag.Error", a, err)
		}
		checkSame(t, tb, next) // a refusal changes nothing
	} else {
		m.apply(a, ws)
	}
	if diff := cmp.Diff(m.visible(), next.Routes(), eq); diff != "" {
		t.Fatalf("after %v, Routes() differs from the model (-model +table):\n%s", a, diff)
	}
	for _, addr := range append(m.edges(), addrs...) {
		got, ok := next.Lookup(addr)
		want, wantOK := m.lookup(addr)
		if ok != wantOK || got != want {
			t.Fatalf("after %v, Lookup(%v) = %v (%s), %v; the model says %v (%s), %v", a, addr, got, got.Origin, ok, want, want.Origin, wantOK)
		}
	}
	return next
}
