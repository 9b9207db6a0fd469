package vpn_test

import (
	"errors"
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
	"pgregory.net/rapid"
)

var routePool = []netip.Prefix{mustPrefix("10.0.0.0/16"), mustPrefix("10.1.0.0/16"), mustPrefix("192.168.0.0/24")}

// instant draws an action's now from a grid of a few nanoseconds around t0,
// so that actions often share an instant or miss one another's by 1ns,
// and time sometimes runs back: the boundaries are reachable.
func instant(t *rapid.T) time.Time {
	return t0.Add(time.Duration(rapid.IntRange(-2, 12).Draw(t, "ns")))
}

// later returns the later of a and b: the model's own statement of "time
// never runs back".
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// TestConnectionStateMachine drives a static connection through random
// actions at random instants against a model of a state word, the instant
// its step began, and a route table with each route's instant. A step
// completes at a Settle whose now is not before its instant.
func TestConnectionStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := newFixture(t, rapid.Uint64().Draw(t, "seed"))
		created := instant(t)
		c, err := vpn.Create(f.spec(vpn.Options{StaticRoutesOnly: true}), nil, f.random, created)
		if err != nil {
			t.Fatal(err)
		}
		state, since := "pending", created
		type route struct {
			state string // pending | available | deleting
			since time.Time
		}
		routes := map[netip.Prefix]route{}
		// dated is when an action at now takes effect: never before the
		// latest change the model has seen.
		dated := func(now time.Time) time.Time {
			at := later(now, since)
			for _, r := range routes {
				at = later(at, r.since)
			}
			return at
		}
		mustFail := func(err error, code string) {
			var ve *vpn.Error
			if !errors.As(err, &ve) || ve.ErrorCode() != code {
				t.Fatalf("err = %v, want code %s", err, code)
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"settle": func(t *rapid.T) {
				now := instant(t)
				c = c.Settle(now)
				if !now.Before(since) {
					switch state {
					case "pending":
						state = "available"
					case "deleting":
						state = "deleted"
					}
				}
				for d, r := range routes {
					switch {
					case now.Before(r.since):
					case r.state == "deleting":
						delete(routes, d)
					case r.state == "pending" && state != "deleted":
						routes[d] = route{"available", r.since}
					}
				}
			},
			"delete": func(t *rapid.T) {
				now := instant(t)
				next, err := c.Delete(now)
				if err != nil {
					t.Fatalf("Delete: %v", err)
				}
				c = next
				if state == "pending" || state == "available" {
					state, since = "deleting", dated(now)
				}
			},
			"createRoute": func(t *rapid.T) {
				d := rapid.SampledFrom(routePool).Draw(t, "dest")
				now := instant(t)
				next, err := c.CreateRoute(d, now)
				if state != "available" {
					mustFail(err, "InvalidVpnConnection.InvalidState")
					return
				}
				if err != nil {
					t.Fatalf("CreateRoute: %v", err)
				}
				c = next
				if r, ok := routes[d]; !ok || r.state == "deleting" {
					routes[d] = route{"pending", dated(now)}
				}
			},
			"deleteRoute": func(t *rapid.T) {
				d := rapid.SampledFrom(routePool).Draw(t, "dest")
				now := instant(t)
				next, err := c.DeleteRoute(d, now)
				switch r, ok := routes[d]; {
				case state != "available":
					mustFail(err, "InvalidVpnConnection.InvalidState")
				case !ok || r.state == "deleting":
					mustFail(err, "InvalidRoute.NotFound")
				case err != nil:
					t.Fatalf("DeleteRoute: %v", err)
				default:
					c = next
					routes[d] = route{"deleting", dated(now)}
				}
			},
			"tunnelStatus": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "tunnel")
				s := rapid.SampledFrom([]status.Telemetry{status.Up, status.Down}).Draw(t, "status")
				now := instant(t)
				before := c.Tunnels()[i].Telemetry()
				next, err := c.SetTunnelStatus(i, s, 0, now)
				if err != nil {
					t.Fatalf("SetTunnelStatus: %v", err)
				}
				c = next
				want := before.LastStatusChange
				if s != before.Status {
					want = later(now, want)
				}
				if got := c.Tunnels()[i].Telemetry().LastStatusChange; !got.Equal(want) {
					t.Fatalf("LastStatusChange = %v, want %v", got, want)
				}
			},
			"": func(t *rapid.T) {
				if string(c.State()) != state {
					t.Fatalf("State() = %s, model says %s", c.State(), state)
				}
				at, deleted := c.DeletedAt()
				if wantDeleted := state == "deleting" || state == "deleted"; deleted != wantDeleted || deleted && !at.Equal(since) {
					t.Fatalf("DeletedAt() = %v, %v; model says %v since %v", at, deleted, wantDeleted, since)
				}
				got := c.Routes()
				if len(got) != len(routes) {
					t.Fatalf("Routes() = %v, model %v", got, routes)
				}
				if !slices.IsSortedFunc(got, func(a, b vpn.StaticRoute) int { return a.DestinationCIDR.Addr().Compare(b.DestinationCIDR.Addr()) }) {
					t.Fatalf("routes not sorted: %v", got)
				}
				for _, r := range got {
					if routes[r.DestinationCIDR].state != string(r.State) {
						t.Fatalf("route %v is %s, model says %s", r.DestinationCIDR, r.State, routes[r.DestinationCIDR].state)
					}
				}
			},
		})
	})
}

// TestGatewayStateMachine drives two gateways and two VPCs through attach,
// detach, settle and delete at random instants against a model of who is
// bound to what and since when.
func TestGatewayStateMachine(t *testing.T) {
	vpcs := []string{"vpc-00000001", "vpc-00000002"}
	rapid.Check(t, func(t *rapid.T) {
		r := seeded(rapid.Uint64().Draw(t, "seed"))
		gws := []vpn.Gateway{mustVGW(t, 0, r), mustVGW(t, 0, r)} // created at t0
		type model struct {
			vpc, att, state string
			since, deleted  time.Time // the attachment's instant; the deletion's
		}
		m := []model{{state: "available", since: t0}, {state: "available", since: t0}}
		live := func(a string) bool { return a == "attaching" || a == "attached" || a == "detaching" }
		code := func(err error) string {
			var ve *vpn.Error
			if errors.As(err, &ve) {
				return ve.ErrorCode()
			}
			return ""
		}
		t.Repeat(map[string]func(*rapid.T){
			"attach": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "gw")
				v := rapid.SampledFrom(vpcs).Draw(t, "vpc")
				now := instant(t)
				next, err := gws[i].Attach(v, gws, now)
				other := m[1-i]
				want := ""
				switch {
				case m[i].state != "available":
					want = "IncorrectState"
				case m[i].vpc == v && (m[i].att == "attaching" || m[i].att == "attached"):
					// M.4: again to its own VPC changes nothing.
					a, _ := next.Attachment()
					b, _ := gws[i].Attachment()
					if err != nil || a != b {
						t.Fatalf("Attach again to %s = %v, want no change", v, err)
					}
					return
				case live(m[i].att):
					want = "VpnGatewayAttachmentLimitExceeded"
				case other.state == "available" && other.vpc == v && live(other.att):
					want = "InvalidVpcState"
				}
				if code(err) != want {
					t.Fatalf("Attach = %v, want code %q", err, want)
				}
				if err == nil {
					gws[i], m[i].vpc, m[i].att, m[i].since = next, v, "attaching", later(now, m[i].since)
				}
			},
			"detach": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "gw")
				v := rapid.SampledFrom(vpcs).Draw(t, "vpc")
				now := instant(t)
				next, err := gws[i].Detach(v, now)
				ok := m[i].vpc == v && (m[i].att == "attaching" || m[i].att == "attached")
				if ok != (err == nil) || !ok && code(err) != "InvalidVpnGatewayAttachment.NotFound" {
					t.Fatalf("Detach = %v, model ok=%v", err, ok)
				}
				if ok {
					gws[i], m[i].att, m[i].since = next, "detaching", later(now, m[i].since)
				}
			},
			"settle": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "gw")
				now := instant(t)
				gws[i] = gws[i].Settle(now)
				switch {
				case now.Before(m[i].since):
				case m[i].att == "attaching":
					m[i].att = "attached"
				case m[i].att == "detaching":
					m[i].att = "detached"
				}
			},
			"delete": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "gw")
				now := instant(t)
				next, err := gws[i].Delete(nil, now)
				want := ""
				if m[i].state == "available" && live(m[i].att) {
					want = "IncorrectState"
				}
				if code(err) != want {
					t.Fatalf("Delete = %v, want code %q", err, want)
				}
				if err == nil && m[i].state != "deleted" {
					m[i].state, m[i].deleted = "deleted", later(now, m[i].since)
				}
				if err == nil {
					gws[i] = next
				}
			},
			"": func(t *rapid.T) {
				for i, g := range gws {
					a, ok := g.Attachment()
					if string(g.State()) != m[i].state || string(a.State) != m[i].att || a.VPCID != m[i].vpc || ok != (m[i].vpc != "") {
						t.Fatalf("gateway %d: %s %+v, model %+v", i, g.State(), a, m[i])
					}
					if at, deleted := g.DeletedAt(); deleted != (m[i].state == "deleted") || deleted && !at.Equal(m[i].deleted) {
						t.Fatalf("gateway %d: DeletedAt() = %v, %v; model %+v", i, at, deleted, m[i])
					}
				}
				// A VPC never has two gateways bound.
				for _, v := range vpcs {
					n := 0
					for _, g := range gws {
						if got, ok := g.AttachedVPC(); ok && got == v && g.State() == status.StateAvailable {
							n++
						}
					}
					if n > 1 {
						t.Fatalf("%s has %d gateways", v, n)
					}
				}
			},
		})
	})
}

// TestNowBoundaries pins, for each action that starts an asynchronous
// step, that Settle completes it at the action's instant and after it, and
// not 1ns before; and, for the deletions that take effect at once, that
// they are dated at now and never before the resource's latest change.
func TestNowBoundaries(t *testing.T) {
	at := t0.Add(time.Hour) // the action's instant
	f := newFixture(t, 40)
	static := vpn.Options{StaticRoutesOnly: true}
	dest := mustPrefix("10.9.0.0/16")
	const vpc = "vpc-0123abcd"

	created, err := vpn.Create(f.spec(static), nil, f.random, at)
	if err != nil {
		t.Fatal(err)
	}
	available := created.Settle(at)
	withRoute, err := available.CreateRoute(dest, at.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	withRoute = withRoute.Settle(at.Add(time.Minute))
	attached, err := f.vgw.Attach(vpc, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	attached = attached.Settle(t0)

	routeState := func(c vpn.Connection) string {
		for _, r := range c.Routes() {
			if r.DestinationCIDR == dest {
				return string(r.State)
			}
		}
		return "gone"
	}
	attachment := func(g vpn.Gateway) string { a, _ := g.Attachment(); return string(a.State) }

	tests := []struct {
		name         string
		act          func(now time.Time) (settle func(time.Time) string) // the action at now
		before, done string                                              // Settle 1ns before now; at and after now
	}{
		{"Create", func(now time.Time) func(time.Time) string {
			c, err := vpn.Create(f.spec(static), nil, seeded(1), now)
			if err != nil {
				t.Fatal(err)
			}
			return func(s time.Time) string { return string(c.Settle(s).State()) }
		}, "pending", "available"},
		{"Connection.Delete", func(now time.Time) func(time.Time) string {
			c, err := available.Delete(now)
			if err != nil {
				t.Fatal(err)
			}
			return func(s time.Time) string { return string(c.Settle(s).State()) }
		}, "deleting", "deleted"},
		{"Connection.CreateRoute", func(now time.Time) func(time.Time) string {
			c, err := available.CreateRoute(dest, now)
			if err != nil {
				t.Fatal(err)
			}
			return func(s time.Time) string { return routeState(c.Settle(s)) }
		}, "pending", "available"},
		{"Connection.DeleteRoute", func(now time.Time) func(time.Time) string {
			c, err := withRoute.DeleteRoute(dest, now)
			if err != nil {
				t.Fatal(err)
			}
			return func(s time.Time) string { return routeState(c.Settle(s)) }
		}, "deleting", "gone"},
		{"Gateway.Attach", func(now time.Time) func(time.Time) string {
			g, err := f.vgw.Attach(vpc, nil, now)
			if err != nil {
				t.Fatal(err)
			}
			return func(s time.Time) string { return attachment(g.Settle(s)) }
		}, "attaching", "attached"},
		{"Gateway.Detach", func(now time.Time) func(time.Time) string {
			g, err := attached.Detach(vpc, now)
			if err != nil {
				t.Fatal(err)
			}
			return func(s time.Time) string { return attachment(g.Settle(s)) }
		}, "detaching", "detached"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := at.Add(2 * time.Minute)
			settle := tt.act(now)
			for _, c := range []struct {
				offset time.Duration
				want   string
			}{{-time.Nanosecond, tt.before}, {0, tt.done}, {time.Nanosecond, tt.done}, {time.Hour, tt.done}} {
				if got := settle(now.Add(c.offset)); got != c.want {
					t.Errorf("Settle(now%+v) = %s, want %s", c.offset, got, c.want)
				}
			}
		})
	}

	// Deletions that take effect at once are dated at now, or at the latest
	// change when now is earlier; the same clamp dates the asynchronous
	// actions above.
	deletedAt := func(t *testing.T, name string, latestChange time.Time, del func(time.Time) (time.Time, bool)) {
		t.Helper()
		for _, c := range []struct {
			offset time.Duration
			want   time.Time
		}{
			{-time.Hour, latestChange},
			{-time.Nanosecond, latestChange},
			{0, latestChange},
			{time.Nanosecond, latestChange.Add(time.Nanosecond)},
		} {
			got, ok := del(latestChange.Add(c.offset))
			if !ok || !got.Equal(c.want) {
				t.Errorf("%s(latest change%+v): DeletedAt() = %v, %v; want %v, true", name, c.offset, got, ok, c.want)
			}
		}
	}
	cgw := mustCGW(t, "198.51.100.200", 65010, seeded(2)) // created at t0
	deletedAt(t, "CustomerGateway.Delete", t0, func(now time.Time) (time.Time, bool) {
		g, err := cgw.Delete(nil, now)
		if err != nil {
			t.Fatal(err)
		}
		return g.DeletedAt()
	})
	detached, _ := attached.Detach(vpc, at) // the latest change: at
	detached = detached.Settle(at)
	deletedAt(t, "Gateway.Delete", at, func(now time.Time) (time.Time, bool) {
		g, err := detached.Delete(nil, now)
		if err != nil {
			t.Fatal(err)
		}
		return g.DeletedAt()
	})
	deletedAt(t, "Connection.Delete", at, func(now time.Time) (time.Time, bool) {
		c, err := created.Delete(now) // created at at
		if err != nil {
			t.Fatal(err)
		}
		return c.DeletedAt()
	})
	// A repeated Delete keeps the first deletion's instant.
	once, _ := cgw.Delete(nil, at)
	twice, _ := once.Delete(nil, at.Add(time.Hour))
	if a, _ := twice.DeletedAt(); !a.Equal(at) {
		t.Errorf("second Delete moved DeletedAt to %v, want %v", a, at)
	}
}
