package vpcmodel_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/tgw"
)

// tgwWorld is a Cloud with one caller's VPC A (three subnets: two in
// us-east-1a, one in us-east-1b), VPC B with no subnet, and an available
// transit gateway.
type tgwWorld struct {
	t        *testing.T
	c        *vpcmodel.Cloud
	now      time.Time
	who      vpcmodel.Caller
	vpcA     string
	vpcB     string
	subnets  []string // 1a, 1a, 1b
	gw       string
	defaults string // the gateway's default route table
}

func newTGWWorld(t *testing.T) *tgwWorld {
	t.Helper()
	w := &tgwWorld{t: t, c: vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9})}), now: wireNow, who: wireCaller}
	a := ok(w.c.CreateVpc(w.who, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, w.now))(t)
	b := ok(w.c.CreateVpc(w.who, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, w.now))(t)
	w.vpcA, w.vpcB = a.VPC.VPCID, b.VPC.VPCID
	for i, z := range []string{"us-east-1a", "us-east-1a", "us-east-1b"} {
		s := ok(w.c.CreateSubnet(w.who, vpcmodel.CreateSubnetInput{VPCID: w.vpcA, CIDRBlock: fmt.Sprintf("10.0.%d.0/24", i), AvailabilityZone: z}, w.now))(t)
		w.subnets = append(w.subnets, s.Subnet.SubnetID)
	}
	g := ok(w.c.CreateTransitGateway(w.who, vpcmodel.CreateTransitGatewayInput{Description: "hub"}, w.now))(t)
	if g.TransitGateway.State != "pending" {
		t.Fatalf("new gateway %s", g.TransitGateway.State)
	}
	w.gw, w.defaults = g.TransitGateway.TransitGatewayID, g.TransitGateway.Options.AssociationDefaultRouteTableID
	if w.defaults == "" || g.TransitGateway.Options.PropagationDefaultRouteTableID != w.defaults {
		t.Fatalf("default tables %+v", g.TransitGateway.Options)
	}
	return w
}

// ok returns v, or a function that fails the test with err.
func ok[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantEC2 fails t unless err carries EC2 code code.
func wantEC2(t *testing.T, err error, code string) {
	t.Helper()
	var e interface{ ErrorCode() string }
	if !errors.As(err, &e) || e.ErrorCode() != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
}

func (w *tgwWorld) attachments(filters ...vpcmodel.Filter) []vpcmodel.TransitGatewayAttachment {
	w.t.Helper()
	return ok(w.c.DescribeTransitGatewayAttachments(w.who, vpcmodel.DescribeTransitGatewayAttachmentsInput{Filters: filters}, w.now))(w.t).TransitGatewayAttachments
}

func TestTransitGatewayVPCAttachmentLifecycle(t *testing.T) {
	w := newTGWWorld(t)
	c, who := w.c, w.who
	gws := ok(c.DescribeTransitGateways(who, vpcmodel.DescribeTransitGatewaysInput{TransitGatewayIDs: []string{w.gw}}, w.now))(t).TransitGateways
	if len(gws) != 1 || gws[0].State != "available" || gws[0].TransitGatewayARN != "arn:aws:ec2:us-east-1:111111111111:transit-gateway/"+w.gw ||
		gws[0].Options.AmazonSideASN != 64512 || gws[0].Options.DNSSupport != "enable" || gws[0].Options.SecurityGroupReferencingSupport != "disable" {
		t.Fatalf("gateway %+v", gws)
	}
	// One subnet per zone, subnets of the VPC.
	_, err := c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: w.gw, VPCID: w.vpcA,
		SubnetIDs: w.subnets[:2]}, w.now)
	wantEC2(t, err, "DuplicateSubnetsInSameZone")
	_, err = c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: w.gw, VPCID: w.vpcB,
		SubnetIDs: w.subnets[:1]}, w.now)
	wantEC2(t, err, "InvalidParameterValue")
	_, err = c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: "tgw-0123456789abcdef0", VPCID: w.vpcA,
		SubnetIDs: w.subnets[:1]}, w.now)
	wantEC2(t, err, "InvalidTransitGatewayID.NotFound")
	v0 := c.Version()
	att := ok(c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: w.gw, VPCID: w.vpcA,
		SubnetIDs:         []string{w.subnets[2], w.subnets[0]},
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "transit-gateway-attachment", Tags: []vpcmodel.Tag{{Key: "Name", Value: "a"}}}}}, w.now))(t).TransitGatewayVPCAttachment
	if c.Version() == v0 {
		t.Fatal("Version did not change")
	}
	if att.State != "pending" || att.Options.DNSSupport != "enable" || att.Options.SecurityGroupReferencingSupport != "enable" ||
		att.Options.IPv6Support != "disable" || len(att.SubnetIDs) != 2 || att.VPCOwnerID != who.Account {
		t.Fatalf("attachment %+v", att)
	}
	_, err = c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: w.gw, VPCID: w.vpcA,
		SubnetIDs: w.subnets[2:]}, w.now)
	wantEC2(t, err, "DuplicateTransitGatewayAttachment")
	// The next call makes it available, associated and propagating.
	as := w.attachments(vpcmodel.Filter{Name: "resource-type", Values: []string{"vpc"}})
	if len(as) != 1 || as[0].State != "available" || !as[0].Association.Set || as[0].Association.Value.TransitGatewayRouteTableID != w.defaults ||
		as[0].ResourceID != w.vpcA || len(as[0].Tags) != 1 {
		t.Fatalf("attachments %+v", as)
	}
	assoc := ok(c.GetTransitGatewayRouteTableAssociations(who, vpcmodel.GetTransitGatewayRouteTableAssociationsInput{
		TransitGatewayRouteTableID: w.defaults, Filters: []vpcmodel.Filter{{Name: "transit-gateway-attachment-id", Values: []string{att.TransitGatewayAttachmentID}}}}, w.now))(t)
	props := ok(c.GetTransitGatewayRouteTablePropagations(who, vpcmodel.GetTransitGatewayRouteTablePropagationsInput{
		TransitGatewayRouteTableID: w.defaults}, w.now))(t)
	if len(assoc.Associations) != 1 || assoc.Associations[0].State != "associated" || len(props.Propagations) != 1 || props.Propagations[0].State != "enabled" {
		t.Fatalf("associations %+v propagations %+v", assoc, props)
	}
	routes := ok(c.SearchTransitGatewayRoutes(who, vpcmodel.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableID: w.defaults,
		Filters: []vpcmodel.Filter{{Name: "type", Values: []string{"propagated"}}}}, w.now))(t).Routes
	if len(routes) != 1 || routes[0].DestinationCIDRBlock != "10.0.0.0/16" || routes[0].State != "active" ||
		routes[0].TransitGatewayAttachments[0].ResourceID != w.vpcA || routes[0].TransitGatewayAttachments[0].ResourceType != "vpc" {
		t.Fatalf("propagated routes %+v", routes)
	}
	// Its subnets and VPC stay while it lives; its gateway too.
	_, err = c.DeleteSubnet(who, vpcmodel.DeleteSubnetInput{SubnetID: w.subnets[0]}, w.now)
	wantEC2(t, err, "DependencyViolation")
	ok(c.DeleteSubnet(who, vpcmodel.DeleteSubnetInput{SubnetID: w.subnets[1]}, w.now))(t)
	_, err = c.DeleteTransitGateway(who, vpcmodel.DeleteTransitGatewayInput{TransitGatewayID: w.gw}, w.now)
	wantEC2(t, err, "IncorrectState")
	_, err = c.DeleteTransitGatewayRouteTable(who, vpcmodel.DeleteTransitGatewayRouteTableInput{TransitGatewayRouteTableID: w.defaults}, w.now)
	wantEC2(t, err, "IncorrectState")
	// A VPC route to the gateway needs an attachment in the table's VPC.
	mainA := ok(c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{w.vpcA}}}}, w.now))(t).RouteTables[0].RouteTableID
	mainB := ok(c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{w.vpcB}}}}, w.now))(t).RouteTables[0].RouteTableID
	route := func(table string) error {
		in := vpcmodel.CreateRouteInput{RouteTableID: table}
		in.DestinationCIDRBlock, in.TransitGatewayID = "172.16.0.0/12", w.gw
		_, err := c.CreateRoute(who, in, w.now)
		return err
	}
	wantEC2(t, route(mainB), "InvalidTransitGatewayID.NotFound")

	if err := route(mainA); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		rts := ok(c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "route.transit-gateway-id", Values: []string{w.gw}}}}, w.now))(t).RouteTables
		if len(rts) != 1 || rts[0].RouteTableID != mainA {
			t.Fatalf("tables routing to the gateway: %+v", rts)
		}
		for _, r := range rts[0].Routes {
			if r.TransitGatewayID == w.gw {
				return string(r.State)
			}
		}
		return ""
	}
	if s := state(); s != "active" {
		t.Fatalf("route to the gateway is %s", s)
	}
	replaced := vpcmodel.CreateRouteInput{RouteTableID: mainA}
	replaced.DestinationCIDRBlock, replaced.TransitGatewayID = "172.16.0.0/12", w.gw
	ok(c.ReplaceRoute(who, replaced, w.now))(t)
	// Deleting the attachment: deleting, then deleted, unassociated; the
	// VPC route becomes a blackhole, the subnets free.
	d := ok(c.DeleteTransitGatewayVpcAttachment(who, vpcmodel.DeleteTransitGatewayVpcAttachmentInput{TransitGatewayAttachmentID: att.TransitGatewayAttachmentID}, w.now))(t)
	if d.TransitGatewayVPCAttachment.State != "deleting" {
		t.Fatalf("deleted attachment %s", d.TransitGatewayVPCAttachment.State)
	}
	as = w.attachments()
	if len(as) != 1 || as[0].State != "deleted" || as[0].Association.Set {
		t.Fatalf("after deletion %+v", as)
	}
	if s := state(); s != "blackhole" {
		t.Fatalf("route to the gateway is %s after its attachment went", s)
	}
	// ReplaceRoute answers as CreateRoute does: no attachment, no route.
	replace := vpcmodel.CreateRouteInput{RouteTableID: mainA}
	replace.DestinationCIDRBlock, replace.TransitGatewayID = "172.16.0.0/12", w.gw
	_, err = c.ReplaceRoute(who, replace, w.now)
	wantEC2(t, err, "InvalidTransitGatewayID.NotFound")
	if p := ok(c.GetTransitGatewayRouteTablePropagations(who, vpcmodel.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableID: w.defaults}, w.now))(t); len(p.Propagations) != 0 {
		t.Fatalf("a deleted attachment propagates: %+v", p)
	}
	ok(c.DeleteSubnet(who, vpcmodel.DeleteSubnetInput{SubnetID: w.subnets[0]}, w.now))(t)
	// The gateway goes, and its default table with it; both stay listed
	// as deleted for the retention window.
	ok(c.DeleteTransitGateway(who, vpcmodel.DeleteTransitGatewayInput{TransitGatewayID: w.gw}, w.now))(t)
	rts := ok(c.DescribeTransitGatewayRouteTables(who, vpcmodel.DescribeTransitGatewayRouteTablesInput{}, w.now))(t).TransitGatewayRouteTables
	if len(rts) != 1 || rts[0].State != "deleted" {
		t.Fatalf("route tables after the gateway went: %+v", rts)
	}
	later := w.now.Add(tgw.DeletedRetention + time.Minute)
	_, err = c.DescribeTransitGateways(who, vpcmodel.DescribeTransitGatewaysInput{TransitGatewayIDs: []string{w.gw}}, later)
	wantEC2(t, err, "InvalidTransitGatewayID.NotFound")
	if as := ok(c.DescribeTransitGatewayAttachments(who, vpcmodel.DescribeTransitGatewayAttachmentsInput{}, later))(t); len(as.TransitGatewayAttachments) != 0 {
		t.Fatalf("attachments after the window %+v", as)
	}
}

func TestTransitGatewayVPNAttachment(t *testing.T) {
	w := newTGWWorld(t)
	c, who := w.c, w.who
	cgw := ok(c.CreateCustomerGateway(who, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65220, IPAddress: "172.83.124.10"}, w.now))(t)
	in := vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cgw.CustomerGateway.CustomerGatewayID, TransitGatewayID: w.gw,
		Options: vpcmodel.VPNConnectionOptionsSpecification{TunnelInsideIPVersion: "ipv6", EnableAcceleration: true,
			TunnelOptions: []vpcmodel.TunnelOptionsSpecification{{TunnelInsideCIDR: "169.254.44.88/30", PreSharedKey: "1234567890abcdefghijklmn"},
				{TunnelInsideCIDR: "169.254.44.100/30", PreSharedKey: "abcdefghijklmn1234567890"}}}}
	missing := in
	missing.TransitGatewayID = "tgw-0123456789abcdef0"
	_, err := c.CreateVpnConnection(who, missing, w.now)
	wantEC2(t, err, "InvalidTransitGatewayID.NotFound")
	conn := ok(c.CreateVpnConnection(who, in, w.now))(t).VPNConnection
	if conn.TransitGatewayID != w.gw || !conn.Options.EnableAcceleration || conn.Options.TunnelInsideIPVersion != "ipv6" {
		t.Fatalf("connection %+v", conn)
	}
	byVPN := []vpcmodel.Filter{{Name: "resource-id", Values: []string{conn.VPNConnectionID}}, {Name: "resource-type", Values: []string{"vpn"}},
		{Name: "transit-gateway-id", Values: []string{w.gw}}}
	as := w.attachments(byVPN...)
	if len(as) != 1 || as[0].State != "available" || as[0].Association.Value.TransitGatewayRouteTableID != w.defaults {
		t.Fatalf("VPN attachment %+v", as)
	}
	attID := as[0].TransitGatewayAttachmentID
	// Its tags, as aws_ec2_tag puts them.
	ok(c.CreateTags(who, vpcmodel.CreateTagsInput{ResourceIDs: []string{attID, w.gw, w.defaults}, Tags: []vpcmodel.Tag{{Key: "Name", Value: "x"}}}, w.now))(t)
	if as := w.attachments(vpcmodel.Filter{Name: "tag:Name", Values: []string{"x"}}); len(as) != 1 {
		t.Fatalf("tagged attachments %+v", as)
	}
	ok(c.DeleteTags(who, vpcmodel.DeleteTagsInput{ResourceIDs: []string{attID}}, w.now))(t)
	// A VPN attachment goes with its connection only.
	_, err = c.DeleteTransitGatewayVpcAttachment(who, vpcmodel.DeleteTransitGatewayVpcAttachmentInput{TransitGatewayAttachmentID: attID}, w.now)
	wantEC2(t, err, "InvalidParameterValue")
	_, err = c.DeleteTransitGateway(who, vpcmodel.DeleteTransitGatewayInput{TransitGatewayID: w.gw}, w.now)
	wantEC2(t, err, "IncorrectState")
	// Moving a connection to a transit gateway stays refused.
	_, err = c.ModifyVpnConnection(who, vpcmodel.ModifyVpnConnectionInput{VPNConnectionID: conn.VPNConnectionID, TransitGatewayID: w.gw}, w.now)
	wantEC2(t, err, "UnsupportedOperation")

	// The state reads back whole.
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	if _, err := c2.ReadFrom(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	d := &driver{callers: []vpcmodel.Caller{who}}
	if a, b := d.tgwViews(c, who, w.now), d.tgwViews(c2, who, w.now); a != b {
		t.Fatalf("views differ after ReadFrom:\n%s\n---\n%s", a, b)
	}

	ok(c.DeleteVpnConnection(who, vpcmodel.DeleteVpnConnectionInput{VPNConnectionID: conn.VPNConnectionID}, w.now))(t)
	if as := w.attachments(byVPN...); len(as) != 1 || as[0].State != "deleted" {
		t.Fatalf("VPN attachment after its connection went %+v", as)
	}
	ok(c.DeleteTransitGateway(who, vpcmodel.DeleteTransitGatewayInput{TransitGatewayID: w.gw}, w.now))(t)
}

func TestTransitGatewayRouteTables(t *testing.T) {
	w := newTGWWorld(t)
	c, who := w.c, w.who
	att := ok(c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: w.gw, VPCID: w.vpcA,
		SubnetIDs: w.subnets[:1]}, w.now))(t).TransitGatewayVPCAttachment.TransitGatewayAttachmentID
	rt := ok(c.CreateTransitGatewayRouteTable(who, vpcmodel.CreateTransitGatewayRouteTableInput{TransitGatewayID: w.gw,
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "transit-gateway-route-table", Tags: []vpcmodel.Tag{{Key: "Name", Value: "spoke"}}}}}, w.now))(t).TransitGatewayRouteTable
	if rt.State != "pending" || rt.DefaultAssociationRouteTable {
		t.Fatalf("table %+v", rt)
	}
	pair := vpcmodel.TransitGatewayRouteTableAttachmentInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID, TransitGatewayAttachmentID: att}
	// Associated with the default table already.
	_, err := c.AssociateTransitGatewayRouteTable(who, pair, w.now)
	wantEC2(t, err, "Resource.AlreadyAssociated")
	ok(c.DisassociateTransitGatewayRouteTable(who, vpcmodel.TransitGatewayRouteTableAttachmentInput{TransitGatewayRouteTableID: w.defaults, TransitGatewayAttachmentID: att}, w.now))(t)
	ok(c.AssociateTransitGatewayRouteTable(who, pair, w.now))(t)
	ok(c.EnableTransitGatewayRouteTablePropagation(who, pair, w.now))(t)
	_, err = c.EnableTransitGatewayRouteTablePropagation(who, pair, w.now)
	wantEC2(t, err, "TransitGatewayRouteTablePropagation.Duplicate")
	ok(c.CreateTransitGatewayRoute(who, vpcmodel.CreateTransitGatewayRouteInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID,
		DestinationCIDRBlock: "0.0.0.0/0", TransitGatewayAttachmentID: att}, w.now))(t)
	ok(c.CreateTransitGatewayRoute(who, vpcmodel.CreateTransitGatewayRouteInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID,
		DestinationCIDRBlock: "192.168.0.0/16", Blackhole: true}, w.now))(t)
	_, err = c.CreateTransitGatewayRoute(who, vpcmodel.CreateTransitGatewayRouteInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID,
		DestinationCIDRBlock: "0.0.0.0/0", Blackhole: true}, w.now)
	wantEC2(t, err, "RouteAlreadyExists")
	search := func(name, value string) []string {
		rs := ok(c.SearchTransitGatewayRoutes(who, vpcmodel.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID,
			Filters: []vpcmodel.Filter{{Name: name, Values: []string{value}}}}, w.now))(t).Routes
		var out []string
		for _, r := range rs {
			out = append(out, r.DestinationCIDRBlock+" "+r.Type+" "+r.State)
		}
		return out
	}
	for _, tc := range []struct{ name, value, want string }{
		{"type", "static", "[0.0.0.0/0 static active 192.168.0.0/16 static blackhole]"},
		{"state", "blackhole", "[192.168.0.0/16 static blackhole]"},
		{"route-search.exact-match", "10.0.0.0/16", "[10.0.0.0/16 propagated active]"},
		{"route-search.longest-prefix-match", "10.0.5.5/32", "[10.0.0.0/16 propagated active]"},
		{"route-search.subnet-of-match", "10.0.0.0/8", "[10.0.0.0/16 propagated active]"},
		{"route-search.supernet-of-match", "192.168.1.0/24", "[0.0.0.0/0 static active 192.168.0.0/16 static blackhole]"},
		{"attachment.resource-id", w.vpcA, "[0.0.0.0/0 static active 10.0.0.0/16 propagated active]"},
	} {
		if got := fmt.Sprint(search(tc.name, tc.value)); got != tc.want {
			t.Errorf("%s=%s: %s, want %s", tc.name, tc.value, got, tc.want)
		}
	}
	_, err = c.SearchTransitGatewayRoutes(who, vpcmodel.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID,
		Filters: []vpcmodel.Filter{{Name: "nope", Values: []string{"x"}}}}, w.now)
	wantEC2(t, err, "InvalidParameterValue")
	_, err = c.DeleteTransitGatewayRouteTable(who, vpcmodel.DeleteTransitGatewayRouteTableInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID}, w.now)
	wantEC2(t, err, "IncorrectState")
	ok(c.DeleteTransitGatewayRoute(who, vpcmodel.DeleteTransitGatewayRouteInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID, DestinationCIDRBlock: "0.0.0.0/0"}, w.now))(t)
	_, err = c.DeleteTransitGatewayRoute(who, vpcmodel.DeleteTransitGatewayRouteInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID, DestinationCIDRBlock: "0.0.0.0/0"}, w.now)
	wantEC2(t, err, "InvalidRoute.NotFound")
	ok(c.DisassociateTransitGatewayRouteTable(who, pair, w.now))(t)
	ok(c.DisableTransitGatewayRouteTablePropagation(who, pair, w.now))(t)
	ok(c.DeleteTransitGatewayRouteTable(who, vpcmodel.DeleteTransitGatewayRouteTableInput{TransitGatewayRouteTableID: rt.TransitGatewayRouteTableID}, w.now))(t)
	// Filters Terraform's data sources use.
	for _, f := range []vpcmodel.Filter{{Name: "options.amazon-side-asn", Values: []string{"64512"}}, {Name: "owner-id", Values: []string{who.Account}},
		{Name: "options.association-default-route-table-id", Values: []string{w.defaults}}, {Name: "state", Values: []string{"available"}}} {
		if gs := ok(c.DescribeTransitGateways(who, vpcmodel.DescribeTransitGatewaysInput{Filters: []vpcmodel.Filter{f}}, w.now))(t); len(gs.TransitGateways) != 1 {
			t.Errorf("filter %s: %d gateways", f.Name, len(gs.TransitGateways))
		}
	}
	// Another account sees none of it.
	other := vpcmodel.Caller{Account: "222222222222", Region: "us-east-1"}
	_, err = c.DescribeTransitGateways(other, vpcmodel.DescribeTransitGatewaysInput{TransitGatewayIDs: []string{w.gw}}, w.now)
	wantEC2(t, err, "InvalidTransitGatewayID.NotFound")
	// Modify: description and an option, modifying until the next call.
	m := ok(c.ModifyTransitGateway(who, vpcmodel.ModifyTransitGatewayInput{TransitGatewayID: w.gw, Description: vpcmodel.Some("new"),
		Options: vpcmodel.ModifyTransitGatewayOptions{VPNECMPSupport: "disable"}}, w.now))(t).TransitGateway
	if m.State != "modifying" || m.Description != "new" || m.Options.VPNECMPSupport != "disable" {
		t.Fatalf("modified %+v", m)
	}
}

// TestTransitGatewayVersion pins which transit gateway calls count as
// changing the Cloud: every successful action, the read that settles a
// pending resource, and no refused action or quiet read.
func TestTransitGatewayVersion(t *testing.T) {
	w := newTGWWorld(t)
	c, who := w.c, w.who
	changes := func(name string, want bool, f func() error) {
		t.Helper()
		before := c.Version()
		_ = f()
		if got := c.Version() != before; got != want {
			t.Errorf("%s: changed = %v, want %v", name, got, want)
		}
	}
	describe := func() error {
		_, err := c.DescribeTransitGateways(who, vpcmodel.DescribeTransitGatewaysInput{}, w.now)
		return err
	}
	changes("DescribeTransitGateways settling the gateway", true, describe)
	changes("DescribeTransitGateways again", false, describe)
	var att string
	changes("CreateTransitGatewayVpcAttachment", true, func() error {
		o, err := c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: w.gw, VPCID: w.vpcA,
			SubnetIDs: w.subnets[:1]}, w.now)
		att = o.TransitGatewayVPCAttachment.TransitGatewayAttachmentID
		return err
	})
	changes("DescribeTransitGatewayAttachments settling it", true, func() error {
		_, err := c.DescribeTransitGatewayAttachments(who, vpcmodel.DescribeTransitGatewayAttachmentsInput{}, w.now)
		return err
	})
	pair := vpcmodel.TransitGatewayRouteTableAttachmentInput{TransitGatewayRouteTableID: w.defaults, TransitGatewayAttachmentID: att}
	changes("a refused AssociateTransitGatewayRouteTable", false, func() error {
		_, err := c.AssociateTransitGatewayRouteTable(who, pair, w.now)
		return err
	})
	changes("DisassociateTransitGatewayRouteTable", true, func() error {
		_, err := c.DisassociateTransitGatewayRouteTable(who, pair, w.now)
		return err
	})
	changes("GetTransitGatewayRouteTablePropagations", false, func() error {
		_, err := c.GetTransitGatewayRouteTablePropagations(who, vpcmodel.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableID: w.defaults}, w.now)
		return err
	})
	changes("CreateTransitGatewayRoute", true, func() error {
		_, err := c.CreateTransitGatewayRoute(who, vpcmodel.CreateTransitGatewayRouteInput{TransitGatewayRouteTableID: w.defaults,
			DestinationCIDRBlock: "10.9.0.0/16", Blackhole: true}, w.now)
		return err
	})
	changes("SearchTransitGatewayRoutes", false, func() error {
		_, err := c.SearchTransitGatewayRoutes(who, vpcmodel.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableID: w.defaults,
			Filters: []vpcmodel.Filter{{Name: "type", Values: []string{"static"}}}}, w.now)
		return err
	})
	changes("a refused DeleteTransitGateway", false, func() error {
		_, err := c.DeleteTransitGateway(who, vpcmodel.DeleteTransitGatewayInput{TransitGatewayID: w.gw}, w.now)
		return err
	})
	changes("DeleteTransitGatewayVpcAttachment", true, func() error {
		_, err := c.DeleteTransitGatewayVpcAttachment(who, vpcmodel.DeleteTransitGatewayVpcAttachmentInput{TransitGatewayAttachmentID: att}, w.now)
		return err
	})
	changes("the read that completes the deletion", true, describe)
	changes("a read before the deleted attachment's window ends", false, describe)
	w.now = w.now.Add(tgw.DeletedRetention)
	changes("the read at the end of its window", true, describe)
}
