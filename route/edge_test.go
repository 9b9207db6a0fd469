package route_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/route"
)

func edgeAssoc(gw string) route.Association {
	return route.Association{ID: "rtbassoc-99999999", GatewayID: gw}
}

// TestGatewayRouteTable checks spec K.2's rules for a table with an edge
// association, in both orders: routes first, then the association, and the
// association first, then routes.
func TestGatewayRouteTable(t *testing.T) {
	w := world()
	must := func(tb route.Table, err error) route.Table {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return tb
	}

	// A table holding a route outside the VPC, or propagating, cannot be
	// associated with a gateway.
	for name, tb := range map[string]route.Table{
		"internet route":    must(newTable(t).CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), w)),
		"peering route":     must(newTable(t).CreateRoute(mpp("10.1.0.0/16"), mt("pcx-11111111"), w)),
		"subnet to NAT":     must(newTable(t).CreateRoute(mpp("10.0.1.0/24"), mt("nat-11111111"), w)),
		"local to NAT":      must(newTable(t).ReplaceRoute(mpp("10.0.0.0/16"), mt("nat-11111111"), w)),
		"propagating":       must(newTable(t).EnablePropagation(mt("vgw-11111111"), w)),
		"IPv6 to an egress": must(newTable(t).CreateRoute(mpp("::/0"), mt("eigw-11111111"), w)),
	} {
		got, err := tb.Associate(edgeAssoc("igw-11111111"))
		checkErr(t, err, route.ErrAssociation, "RouteNotSupported", "")
		if len(got.Associations()) != 0 || got.IsGatewayTable() {
			t.Errorf("%s: a refused edge association changed the table", name)
		}
	}

	// A table of local routes, a subnet route and a replaced local route to
	// network interfaces or an endpoint can be.
	tb := must(newTable(t).CreateRoute(mpp("10.0.2.0/24"), mt("eni-11111111"), w))
	tb = must(tb.ReplaceRoute(mpp("10.0.0.0/16"), mt("vpce-11111111"), w))
	tb = must(tb.Associate(edgeAssoc("igw-11111111")))
	if !tb.IsGatewayTable() {
		t.Fatal("IsGatewayTable = false after an edge association")
	}

	// Once it is, it takes only such routes.
	refused := []struct {
		name   string
		action func(route.Table) (route.Table, error)
	}{
		{"default route", func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), w)
		}},
		{"outside the VPC to an interface", func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("192.168.0.0/16"), mt("eni-11111111"), w)
		}},
		{"subnet to a NAT gateway", func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("10.0.1.0/24"), mt("nat-11111111"), w)
		}},
		{"local to a NAT gateway", func(tb route.Table) (route.Table, error) {
			return tb.ReplaceRoute(mpp("10.0.0.0/16"), mt("nat-11111111"), w)
		}},
		{"subnet route to a NAT gateway", func(tb route.Table) (route.Table, error) {
			return tb.ReplaceRoute(mpp("10.0.2.0/24"), mt("nat-11111111"), w)
		}},
	}
	for _, r := range refused {
		got, err := r.action(tb)
		checkErr(t, err, route.ErrTargetUnsupported, "RouteNotSupported", "")
		if len(got.Routes()) != len(tb.Routes()) {
			t.Errorf("%s: a refused change altered the table", r.name)
		}
	}
	_, err := tb.EnablePropagation(mt("vgw-11111111"), w)
	checkErr(t, err, route.ErrTargetUnsupported, "RouteNotSupported", "")
	tb = must(tb.CreateRoute(mpp("10.0.1.0/24"), mt("eni-11111111"), w))
	tb = must(tb.ReplaceRoute(mpp("10.0.0.0/16"), route.LocalTarget(), w))

	// A gateway route table survives the encoding, rules included.
	b, err := tb.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back route.Table
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !back.IsGatewayTable() {
		t.Error("a decoded gateway route table lost its edge association")
	}
	if _, err := back.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), w); err == nil {
		t.Error("a decoded gateway route table took a default route")
	}

	// The rules leave with the edge association.
	tb = must(tb.Disassociate("rtbassoc-99999999"))
	if tb.IsGatewayTable() {
		t.Fatal("IsGatewayTable = true after the edge association went")
	}
	must(tb.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), w))

}
