package route_test

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
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

// TestLookupMatchesOracle: Lookup agrees with a linear scan of spec E.5.
func TestLookupMatchesOracle(t *testing.T) {
	r := propWorld()
	rapid.Check(t, func(t *rapid.T) {
		tb := randomTable(t, r)
		for _, addr := range rapid.SliceOfN(genAddr(), 1, 50).Draw(t, "addrs") {
			got, ok := tb.Lookup(addr)
			dest, origin, wantOK := oracleLookup(tb, addr)
			if ok != wantOK || ok && (got.Destination != dest || got.Origin != origin) {
				t.Fatalf("Lookup(%v) = %v (%s), %v; oracle says %v (%s), %v", addr, got, got.Origin, ok, dest, origin, wantOK)
			}
			if ok {
				if listed, _ := tb.Route(dest); listed != got {
					t.Fatalf("Lookup(%v) = %v, but Routes lists %v", addr, got, listed)
				}
			}
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
					codes[q.dest] = err.(*route.Error).ErrorMessage()
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

// TestUniqueDestinations: whatever sequence of actions, a table never lists
// two routes with the same destination, and a refused action changes
// nothing.
func TestUniqueDestinations(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		runOps(t, rapid.SliceOfN(rapid.Byte(), 40, 600).Draw(t, "ops"))
	})
}

// runOps decodes data into a sequence of table actions, applies them, and
// checks the invariants after each one. It is shared by the rapid property
// and the fuzz target.
func runOps(t interface {
	Helper()
	Fatalf(string, ...any)
}, data []byte) {
	t.Helper()
	r := propWorld()
	tb, err := route.CreateTable(tableA, owner, route.VPC{ID: vpcA, Blocks: []netip.Prefix{mpp("10.0.0.0/16"), mpp("2600:1f18::/56")}})
	if err != nil {
		t.Fatalf("%v", err)
	}
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	prefix := func() netip.Prefix {
		if next()%8 == 0 {
			var b [16]byte
			b[0], b[1], b[2], b[3], b[7] = 0x26, 0x00, 0x1f, 0x18&next(), next()%4
			return netip.PrefixFrom(netip.AddrFrom16(b), int(next()%129)).Masked()
		}
		a := [4]byte{[]byte{10, 172, 192, 169}[next()%4], next() % 4, next() % 8, next()}
		return netip.PrefixFrom(netip.AddrFrom4(a), int(next()%33)).Masked()
	}
	target := func() route.Target { return mt(targetIDs[int(next())%len(targetIDs)]) }
	vgws := []route.Target{mt("vgw-11111111"), mt("vgw-44444444")}
	for len(data) > 0 {
		before := tb.Routes()
		var nt route.Table
		var err error
		switch op := next() % 9; op {
		case 0, 1, 2:
			nt, err = tb.CreateRoute(prefix(), target(), r)
		case 3:
			nt, err = tb.ReplaceRoute(prefix(), target(), r)
		case 4:
			nt, err = tb.DeleteRoute(prefix())
		case 5:
			nt, err = tb.EnablePropagation(vgws[next()%2], r)
		case 6:
			ps := make([]netip.Prefix, next()%6)
			for i := range ps {
				ps[i] = prefix()
			}
			nt, err = tb.SetPropagated(vgws[next()%2], ps)
		case 7:
			nt, err = tb.DisablePropagation(vgws[next()%2])
		case 8:
			if next()%2 == 0 {
				nt, err = tb.AssociateBlock(prefix())
			} else {
				nt, err = tb.DisassociateBlock(prefix())
			}
		}
		if err != nil {
			if _, ok := err.(*route.Error); !ok {
				t.Fatalf("error %v is not a *route.Error", err)
			}
			if !slices.Equal(before, nt.Routes()) {
				t.Fatalf("a refused action changed the routes: %v", err)
			}
			continue
		}
		tb = nt
		routes := tb.Routes()
		for i := 1; i < len(routes); i++ {
			a, b := routes[i-1].Destination, routes[i].Destination
			if a == b {
				t.Fatalf("two routes for %v: %v and %v", a, routes[i-1], routes[i])
			}
			if a.Addr().Compare(b.Addr()) > 0 {
				t.Fatalf("routes out of order: %v before %v", a, b)
			}
		}
		for _, p := range []netip.Prefix{prefix(), prefix()} {
			addr := p.Addr()
			got, ok := tb.Lookup(addr)
			dest, origin, wantOK := oracleLookup(tb, addr)
			if ok != wantOK || ok && (got.Destination != dest || got.Origin != origin) {
				t.Fatalf("Lookup(%v) = %v (%s), %v; oracle says %v (%s), %v", addr, got, got.Origin, ok, dest, origin, wantOK)
			}
		}
	}
}
