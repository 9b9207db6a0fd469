package vpn_test

import (
	"errors"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
	"pgregory.net/rapid"
)

var routePool = []netip.Prefix{mustPrefix("10.0.0.0/16"), mustPrefix("10.1.0.0/16"), mustPrefix("192.168.0.0/24")}

// TestConnectionStateMachine drives a static connection through random
// actions against a model of a state word and a route table.
func TestConnectionStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := newFixture(t, rapid.Uint64().Draw(t, "seed"))
		c, err := vpn.Create(f.spec(vpn.Options{StaticRoutesOnly: true}), nil, f.random, t0)
		if err != nil {
			t.Fatal(err)
		}
		state := "pending"
		routes := map[netip.Prefix]string{} // destination → pending | available | deleting
		mustFail := func(err error, code string) {
			var ve *vpn.Error
			if !errors.As(err, &ve) || ve.ErrorCode() != code {
				t.Fatalf("err = %v, want code %s", err, code)
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"settle": func(t *rapid.T) {
				c = c.Settle(t0)
				switch state {
				case "pending":
					state = "available"
				case "deleting":
					state = "deleted"
				}
				for d, s := range routes {
					switch {
					case s == "deleting":
						delete(routes, d)
					case s == "pending" && state != "deleted":
						routes[d] = "available"
					}
				}
			},
			"delete": func(t *rapid.T) {
				next, err := c.Delete(t0)
				if err != nil {
					t.Fatalf("Delete: %v", err)
				}
				c = next
				if state == "pending" || state == "available" {
					state = "deleting"
				}
			},
			"createRoute": func(t *rapid.T) {
				d := rapid.SampledFrom(routePool).Draw(t, "dest")
				next, err := c.CreateRoute(d, t0)
				if state != "available" {
					mustFail(err, "InvalidVpnConnection.InvalidState")
					return
				}
				if err != nil {
					t.Fatalf("CreateRoute: %v", err)
				}
				c = next
				if s, ok := routes[d]; !ok || s == "deleting" {
					routes[d] = "pending"
				}
			},
			"deleteRoute": func(t *rapid.T) {
				d := rapid.SampledFrom(routePool).Draw(t, "dest")
				next, err := c.DeleteRoute(d, t0)
				switch s, ok := routes[d]; {
				case state != "available":
					mustFail(err, "InvalidVpnConnection.InvalidState")
				case !ok || s == "deleting":
					mustFail(err, "InvalidRoute.NotFound")
				case err != nil:
					t.Fatalf("DeleteRoute: %v", err)
				default:
					c = next
					routes[d] = "deleting"
				}
			},
			"tunnelStatus": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "tunnel")
				s := rapid.SampledFrom([]status.Telemetry{status.Up, status.Down}).Draw(t, "status")
				next, err := c.SetTunnelStatus(i, s, 0, t0)
				if err != nil {
					t.Fatalf("SetTunnelStatus: %v", err)
				}
				c = next
			},
			"": func(t *rapid.T) {
				if string(c.State()) != state {
					t.Fatalf("State() = %s, model says %s", c.State(), state)
				}
				got := c.Routes()
				if len(got) != len(routes) {
					t.Fatalf("Routes() = %v, model %v", got, routes)
				}
				if !slices.IsSortedFunc(got, func(a, b vpn.Route) int { return a.DestinationCIDR.Addr().Compare(b.DestinationCIDR.Addr()) }) {
					t.Fatalf("routes not sorted: %v", got)
				}
				for _, r := range got {
					if routes[r.DestinationCIDR] != string(r.State) {
						t.Fatalf("route %v is %s, model says %s", r.DestinationCIDR, r.State, routes[r.DestinationCIDR])
					}
				}
			},
		})
	})
}

// TestGatewayStateMachine drives two gateways and two VPCs through attach,
// detach, settle and delete against a model of who is bound to what.
func TestGatewayStateMachine(t *testing.T) {
	vpcs := []string{"vpc-00000001", "vpc-00000002"}
	rapid.Check(t, func(t *rapid.T) {
		r := seeded(rapid.Uint64().Draw(t, "seed"))
		gws := []vpn.Gateway{mustVGW(t, 0, r), mustVGW(t, 0, r)}
		type model struct{ vpc, att, state string }
		m := []model{{state: "available"}, {state: "available"}}
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
				next, err := gws[i].Attach(v, gws, t0)
				other := m[1-i]
				want := ""
				switch {
				case m[i].state != "available":
					want = "IncorrectState"
				case live(m[i].att):
					want = "VpnGatewayAttachmentLimitExceeded"
				case other.state == "available" && other.vpc == v && live(other.att):
					want = "InvalidVpcState"
				}
				if code(err) != want {
					t.Fatalf("Attach = %v, want code %q", err, want)
				}
				if err == nil {
					gws[i], m[i].vpc, m[i].att = next, v, "attaching"
				}
			},
			"detach": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "gw")
				v := rapid.SampledFrom(vpcs).Draw(t, "vpc")
				next, err := gws[i].Detach(v, t0)
				ok := m[i].vpc == v && (m[i].att == "attaching" || m[i].att == "attached")
				if ok != (err == nil) || !ok && code(err) != "InvalidVpnGatewayAttachment.NotFound" {
					t.Fatalf("Detach = %v, model ok=%v", err, ok)
				}
				if ok {
					gws[i], m[i].att = next, "detaching"
				}
			},
			"settle": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "gw")
				gws[i] = gws[i].Settle(t0)
				switch m[i].att {
				case "attaching":
					m[i].att = "attached"
				case "detaching":
					m[i].att = "detached"
				}
			},
			"delete": func(t *rapid.T) {
				i := rapid.IntRange(0, 1).Draw(t, "gw")
				next, err := gws[i].Delete(nil, t0)
				want := ""
				if m[i].state == "available" && live(m[i].att) {
					want = "IncorrectState"
				}
				if code(err) != want {
					t.Fatalf("Delete = %v, want code %q", err, want)
				}
				if err == nil {
					gws[i], m[i].state = next, "deleted"
				}
			},
			"": func(t *rapid.T) {
				for i, g := range gws {
					a, ok := g.Attachment()
					if string(g.State()) != m[i].state || string(a.State) != m[i].att || a.VPCID != m[i].vpc || ok != (m[i].vpc != "") {
						t.Fatalf("gateway %d: %s %+v, model %+v", i, g.State(), a, m[i])
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
