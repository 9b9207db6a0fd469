package tgw_test

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/tgw"
)

func TestNewAttachmentRefusals(t *testing.T) {
	g, _ := available(t)
	sub := func(id, vpc, zone string) tgw.Subnet { return tgw.Subnet{ID: id, VPC: vpc, Zone: zone} }
	live := vpcAttachment(t, g, att2ID, vpcB)
	deleted, _ := vpcAttachment(t, g, att2ID, vpcA).Delete()
	deleted = deleted.Settle(t0)
	for _, tc := range []struct {
		name     string
		subnets  []tgw.Subnet
		vpc      string
		existing []tgw.Attachment
		code     string
	}{
		{"no subnets", nil, vpcA, nil, "MissingParameter"},
		{"subnet of another vpc", []tgw.Subnet{sub("subnet-0a1b2c3d4e5f60718", vpcB, "us-east-1a")}, vpcA, nil, "InvalidParameterValue"},
		{"two in one zone", []tgw.Subnet{sub("subnet-0a1b2c3d4e5f60718", vpcA, "us-east-1a"), sub("subnet-0a1b2c3d4e5f60719", vpcA, "us-east-1a")},
			vpcA, nil, "DuplicateSubnetsInSameZone"},
		{"vpc attached already", []tgw.Subnet{sub("subnet-0a1b2c3d4e5f60718", vpcB, "us-east-1a")}, vpcB, []tgw.Attachment{live},
			"DuplicateTransitGatewayAttachment"},
		{"deleted one does not count", []tgw.Subnet{sub("subnet-0a1b2c3d4e5f60718", vpcA, "us-east-1a")}, vpcA, []tgw.Attachment{deleted}, ""},
		{"two zones", []tgw.Subnet{sub("subnet-0a1b2c3d4e5f60719", vpcA, "us-east-1b"), sub("subnet-0a1b2c3d4e5f60718", vpcA, "us-east-1a")},
			vpcA, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: attID, Gateway: g, OwnerID: account, ResourceType: tgw.ResourceVPC,
				ResourceID: tc.vpc, Subnets: tc.subnets}, tc.existing, t0)
			if tc.code != "" {
				wantCode(t, err, tc.code, nil)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.State() != tgw.Pending || !slices.IsSorted(a.SubnetIDs()) {
				t.Fatalf("attachment %s subnets %v", a.State(), a.SubnetIDs())
			}
			o := a.Options()
			if o.DNSSupport != tgw.Enable || o.IPv6Support != tgw.Disable || o.ApplianceModeSupport != tgw.Disable || o.SecurityGroupReferencingSupport != tgw.Enable {
				t.Fatalf("options %+v", o)
			}
		})
	}
	// A gateway not yet available takes no attachment.
	p, _, _ := tgw.New(tgw.Spec{ID: gwID, OwnerID: account, Region: "us-east-1", DefaultRouteTableID: rtbID}, t0)
	_, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: attID, Gateway: p, OwnerID: account, ResourceType: tgw.ResourceVPN,
		ResourceID: "vpn-0a1b2c3d4e5f60718"}, nil, t0)
	wantCode(t, err, "IncorrectState", tgw.ErrState)
}

func TestAssociation(t *testing.T) {
	g, rt := available(t)
	a := vpcAttachment(t, g, attID, vpcA)
	a, err := a.Associate(rt)
	if err != nil {
		t.Fatal(err)
	}
	if as, ok := a.Association(); !ok || as.RouteTableID != rtbID || as.State != "associated" {
		t.Fatalf("association %+v %v", as, ok)
	}
	other, _ := tgw.NewRouteTable(rtb2ID, g, t0)
	other = other.Settle(t0)
	_, err = a.Associate(other)
	wantCode(t, err, "Resource.AlreadyAssociated", tgw.ErrAlreadyAssociated)
	_, err = a.Disassociate(rtb2ID)
	wantCode(t, err, "InvalidAssociation.NotFound", tgw.ErrNotAssociated)
	if _, err := rt.Delete(false, 1); err == nil {
		t.Fatal("a table with an association was deleted")
	}
	if _, err := rt.Delete(true, 0); err == nil {
		t.Fatal("a default table was deleted")
	}
	a, err = a.Disassociate(rtbID)
	if err != nil {
		t.Fatal(err)
	}
	if a, err = a.Associate(other); err != nil {
		t.Fatal(err)
	}
	// A pending table takes no association.
	pending, _ := tgw.NewRouteTable(rtb2ID, g, t0)
	b := vpcAttachment(t, g, att2ID, vpcB)
	_, err = b.Associate(pending)
	wantCode(t, err, "IncorrectState", tgw.ErrState)
	// Deleting an attachment drops its association once deleted.
	d, err := a.Delete()
	if err != nil {
		t.Fatal(err)
	}
	if d = d.Settle(t0); d.State() != tgw.Deleted {
		t.Fatal(d.State())
	}
	if _, ok := d.Association(); ok {
		t.Fatal("a deleted attachment is still associated")
	}
}

func TestRoutesStaticPropagatedBlackhole(t *testing.T) {
	g, rt := available(t)
	a := vpcAttachment(t, g, attID, vpcA)
	b := vpcAttachment(t, g, att2ID, vpcB)
	p := netip.MustParsePrefix
	var err error
	if rt, err = rt.EnablePropagation(a); err != nil {
		t.Fatal(err)
	}
	_, err = rt.EnablePropagation(a)
	wantCode(t, err, "TransitGatewayRouteTablePropagation.Duplicate", tgw.ErrAlreadyPropagating)
	if rt, err = rt.EnablePropagation(b); err != nil {
		t.Fatal(err)
	}
	if rt, err = rt.CreateRoute(p("10.1.0.0/16"), b, false); err != nil {
		t.Fatal(err)
	}
	if rt, err = rt.CreateRoute(p("0.0.0.0/0"), tgw.Attachment{}, true); err != nil {
		t.Fatal(err)
	}
	_, err = rt.CreateRoute(p("0.0.0.0/0"), b, false)
	wantCode(t, err, "RouteAlreadyExists", tgw.ErrRouteExists)
	sources := map[string]tgw.Source{
		attID:  {Available: true, CIDRs: []netip.Prefix{p("10.1.0.0/16"), p("10.2.0.0/16")}},
		att2ID: {Available: true, CIDRs: []netip.Prefix{p("10.2.0.0/16"), p("10.3.0.0/16")}},
	}
	routes := rt.Routes(sources)
	type row struct {
		cidr  string
		typ   tgw.RouteType
		state tgw.RouteState
		to    []string
	}
	var got []row
	for _, r := range routes {
		got = append(got, row{r.CIDR.String(), r.Type, r.State, r.AttachmentIDs})
	}
	want := []row{
		{"0.0.0.0/0", tgw.Static, tgw.RouteBlackhole, nil},
		{"10.1.0.0/16", tgw.Static, tgw.RouteActive, []string{att2ID}},
		{"10.2.0.0/16", tgw.Propagated, tgw.RouteActive, []string{attID, att2ID}},
		{"10.3.0.0/16", tgw.Propagated, tgw.RouteActive, []string{att2ID}},
	}
	if !slices.EqualFunc(got, want, func(x, y row) bool {
		return x.cidr == y.cidr && x.typ == y.typ && x.state == y.state && slices.Equal(x.to, y.to)
	}) {
		t.Fatalf("Routes =\n%v\nwant\n%v", got, want)
	}
	// att2 gone: its static route becomes a blackhole, its CIDRs leave or
	// fall back on the other attachment.
	delete(sources, att2ID)
	routes = rt.Forget(att2ID).Routes(sources)
	if r, _ := tgw.Lookup(routes, netip.MustParseAddr("10.1.2.3")); r.State != tgw.RouteBlackhole || r.Type != tgw.Static {
		t.Fatalf("static route to a gone attachment: %+v", r)
	}
	if _, ok := tgw.Lookup(routes, netip.MustParseAddr("10.3.0.1")); !ok {
		t.Fatal("the default blackhole no longer matches")
	}
	if r, _ := tgw.Lookup(routes, netip.MustParseAddr("10.3.0.1")); r.CIDR != p("0.0.0.0/0") {
		t.Fatalf("10.3.0.1 -> %v, want the default blackhole", r.CIDR)
	}
	// Search filters.
	routes = rt.Routes(map[string]tgw.Source{attID: {Available: true, CIDRs: []netip.Prefix{p("10.2.0.0/16")}}, att2ID: {Available: true}})
	for _, tc := range []struct {
		name string
		q    tgw.Query
		want []string
	}{
		{"static", tgw.Query{Types: []tgw.RouteType{tgw.Static}}, []string{"0.0.0.0/0", "10.1.0.0/16"}},
		{"blackhole", tgw.Query{States: []tgw.RouteState{tgw.RouteBlackhole}}, []string{"0.0.0.0/0"}},
		{"exact", tgw.Query{ExactMatch: []netip.Prefix{p("10.1.0.0/16")}}, []string{"10.1.0.0/16"}},
		{"longest prefix", tgw.Query{LongestPrefixMatch: []netip.Prefix{p("10.2.3.0/24")}}, []string{"10.2.0.0/16"}},
		{"longest prefix falls to default", tgw.Query{LongestPrefixMatch: []netip.Prefix{p("192.168.0.0/24")}}, []string{"0.0.0.0/0"}},
		{"subnet of", tgw.Query{SubnetOfMatch: []netip.Prefix{p("10.0.0.0/8")}}, []string{"10.1.0.0/16", "10.2.0.0/16"}},
		{"supernet of", tgw.Query{SupernetOfMatch: []netip.Prefix{p("10.1.1.0/24")}}, []string{"0.0.0.0/0", "10.1.0.0/16"}},
		{"attachment", tgw.Query{AttachmentIDs: []string{attID}}, []string{"10.2.0.0/16"}},
	} {
		var got []string
		for _, r := range tgw.Search(routes, tc.q) {
			got = append(got, r.CIDR.String())
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: Search = %v, want %v", tc.name, got, tc.want)
		}
	}
	rt, _, err = rt.DeleteRoute(p("10.1.0.0/16"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = rt.DeleteRoute(p("10.1.0.0/16"))
	wantCode(t, err, "InvalidRoute.NotFound", tgw.ErrNoRoute)
	_, err = rt.DisablePropagation("tgw-attach-00000000000000000")
	wantCode(t, err, "TransitGatewayRouteTablePropagation.NotFound", tgw.ErrNotPropagating)
}
