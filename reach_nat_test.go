package vpcmodel_test

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/reach"
)

// natLab is a VPC 10.0.0.0/16 with a public subnet 10.0.0.0/24, whose
// table sends 0.0.0.0/0 to an internet gateway, and a private subnet
// 10.0.1.0/24 (the main table's) with an interface without a public
// address.
type natLab struct {
	*lab
	v, pub, priv string // VPC, subnets
	gw           string
	pubRtb, main string // route tables
	e            string // the private interface, 10.0.1.10
}

func newNATLab(t *testing.T) *natLab {
	w := &natLab{lab: newLab(t, true)}
	w.v = w.vpc("10.0.0.0/16")
	w.pub, w.priv = w.subnet(w.v, "10.0.0.0/24"), w.subnet(w.v, "10.0.1.0/24")
	w.gw = w.lab.igw(w.v)
	w.main = w.mainTable(w.v)
	o, err := w.c.CreateRouteTable(w.who, vpcmodel.CreateRouteTableInput{VPCID: w.v}, w.now)
	w.ok(err)
	w.pubRtb = o.RouteTable.RouteTableID
	_, err = w.c.AssociateRouteTable(w.who, vpcmodel.AssociateRouteTableInput{RouteTableID: w.pubRtb, SubnetID: w.pub}, w.now)
	w.ok(err)
	w.route(w.pubRtb, "0.0.0.0/0", vpcmodel.RouteTarget{GatewayID: w.gw})
	w.e = w.eni(w.priv, "10.0.1.10")
	return w
}

func kindsOf(hops []reach.Hop) []reach.Kind {
	var out []reach.Kind
	for _, h := range hops {
		out = append(out, h.Kind)
	}
	return out
}

// TestReachNATGateway follows traffic through public and private NAT
// gateways: translated to the gateway's address, through its subnet's
// network ACL and route table, and back.
func TestReachNATGateway(t *testing.T) {
	w := newNATLab(t)
	internet := reach.Endpoint{ID: w.gw, Addr: netip.MustParseAddr("8.8.8.8")}
	if r := w.reach(at(w.e), internet, reach.TCP, 443); r.Found || codesOf(r)[0] != reach.NoRouteToDestination {
		t.Fatalf("no route: %v", r)
	}
	nat := w.nat(w.pub, "10.0.0.5", true)
	w.route(w.main, "0.0.0.0/0", vpcmodel.RouteTarget{NATGatewayID: nat})
	r := w.reach(at(w.e), internet, reach.TCP, 443)
	wantFwd := []reach.Kind{reach.KindNetworkInterface, reach.KindSecurityGroup, reach.KindNetworkACL, reach.KindRouteTable,
		reach.KindNetworkACL, reach.KindNATGateway, reach.KindNetworkACL, reach.KindRouteTable, reach.KindInternetGateway}
	wantRet := []reach.Kind{reach.KindInternetGateway, reach.KindNetworkACL, reach.KindNATGateway, reach.KindNetworkACL,
		reach.KindRouteTable, reach.KindNetworkACL, reach.KindNetworkInterface}
	if !r.Found || !slices.Equal(kindsOf(r.Forward), wantFwd) || !slices.Equal(kindsOf(r.Return), wantRet) {
		t.Fatalf("through a public NAT gateway:\n%v\nforward %v\nreturn %v", r, kindsOf(r.Forward), kindsOf(r.Return))
	}
	if h := r.Forward[5]; h.ID != nat || h.SubnetID != w.pub || h.Address != netip.MustParseAddr("10.0.0.5") || r.Return[2].ID != nat {
		t.Fatalf("NAT hops: %v", r)
	}
	// The internet as a whole, and an address alone.
	if r := w.reach(at(w.e), at(w.gw), reach.UDP, 53); !r.Found {
		t.Fatalf("to the internet: %v", r)
	}
	if r := w.reach(at(w.e), reach.Endpoint{Addr: netip.MustParseAddr("1.1.1.1")}, reach.TCP, 443); !r.Found {
		t.Fatalf("to an address: %v", r)
	}
	// Nothing comes in from the internet through a NAT gateway.
	if r := w.reach(at(w.gw), at(w.e), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.IGWPrivateIPAssociationForIngress {
		t.Fatalf("in through a NAT gateway: %v", r)
	}

	// The NAT gateway's subnet's ACL: in from the private subnet, out to
	// the internet, and the answers each way.
	cases := []struct {
		name    string
		entries []aclEntry
		ret     bool
	}{
		{"no entry in from the private subnet", []aclEntry{
			{100, true, "allow", "-1", "0.0.0.0/0", 0, 0}, {100, false, "allow", "-1", "8.0.0.0/8", 0, 0}}, false},
		{"no entry out to the internet", []aclEntry{
			{100, true, "allow", "-1", "10.0.0.0/16", 0, 0}, {100, false, "allow", "-1", "0.0.0.0/0", 0, 0}}, false},
		{"no entry for the internet's answer", []aclEntry{
			{100, true, "allow", "-1", "0.0.0.0/0", 0, 0}, {100, false, "allow", "-1", "10.0.0.0/16", 0, 0}}, true},
		{"no entry for the answer to the private subnet's ephemeral ports", []aclEntry{
			{100, true, "allow", "6", "8.0.0.0/8", 443, 443}, {100, false, "allow", "-1", "0.0.0.0/0", 0, 0}}, true},
	}
	for _, c := range cases {
		id := w.acl(w.v, w.pub, c.entries...)
		r := w.reach(at(w.e), internet, reach.TCP, 443)
		if r.Found || r.Explanations[0].Code != reach.SubnetACLRestriction || r.Explanations[0].ID != id || r.Explanations[0].Return != c.ret {
			t.Errorf("%s: %v", c.name, r)
		}
		w.acl(w.v, w.pub, aclEntry{100, true, "allow", "-1", "0.0.0.0/0", 0, 0}, aclEntry{100, false, "allow", "-1", "0.0.0.0/0", 0, 0})
	}

	// A NAT gateway whose subnet sends the traffic back to a NAT gateway.
	w.route(w.pubRtb, "8.8.8.0/24", vpcmodel.RouteTarget{NATGatewayID: nat})
	if r := w.reach(at(w.e), internet, reach.TCP, 443); r.Found || codesOf(r)[0] != reach.UnsupportedComponent || r.Explanations[0].ID != w.pubRtb {
		t.Fatalf("NAT to NAT: %v", r)
	}
	_, err := w.c.DeleteRoute(w.who, vpcmodel.DeleteRouteInput{RouteTableID: w.pubRtb, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "8.8.8.0/24"}}, w.now)
	w.ok(err)

	// Deleted, the gateway's route is a blackhole, and the gateway not
	// available.
	_, err = w.c.DeleteNatGateway(w.who, vpcmodel.DeleteNatGatewayInput{NATGatewayID: nat}, w.now)
	w.ok(err)
	if r := w.reach(at(w.e), internet, reach.TCP, 443); r.Found || !slices.Equal(codesOf(r), []reach.Code{reach.BadStateRoute, reach.BadState}) ||
		r.Explanations[1].ID != nat || r.Explanations[1].State != "deleted" {
		t.Fatalf("deleted NAT gateway: %v", r)
	}

	// A private NAT gateway has no public address for the internet.
	pnat := w.nat(w.pub, "10.0.0.6", false)
	_, err = w.c.ReplaceRoute(w.who, vpcmodel.ReplaceRouteInput{RouteTableID: w.main,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: pnat}}, w.now)
	w.ok(err)
	if r := w.reach(at(w.e), internet, reach.TCP, 443); r.Found || codesOf(r)[0] != reach.IGWPublicIPAssociationForEgress || r.Explanations[0].ID != w.gw {
		t.Fatalf("private NAT gateway to the internet: %v", r)
	}
}

// TestReachPrivateNATGateway sends traffic through a private NAT gateway
// to a peered VPC: the destination sees the gateway's address.
func TestReachPrivateNATGateway(t *testing.T) {
	p := newPeered(t, true)
	// A private NAT gateway in its own subnet of A, reached by a second
	// subnet whose table sends B's block to the gateway.
	sn := p.subnet(p.a, "10.0.2.0/24")
	nat := p.nat(sn, "10.0.2.9", false)
	o, err := p.c.CreateRouteTable(p.who, vpcmodel.CreateRouteTableInput{VPCID: p.a}, p.now)
	p.ok(err)
	rtb := o.RouteTable.RouteTableID
	_, err = p.c.AssociateRouteTable(p.who, vpcmodel.AssociateRouteTableInput{RouteTableID: rtb, SubnetID: p.sa}, p.now)
	p.ok(err)
	p.route(rtb, "10.1.0.0/16", vpcmodel.RouteTarget{NATGatewayID: nat})
	// B lets in 443 from the NAT gateway's subnet only.
	_, err = p.c.RevokeSecurityGroupIngress(p.who, vpcmodel.RevokeSecurityGroupIngressInput{GroupID: p.gb, IPPermissions: []vpcmodel.IPPermission{
		{IPProtocol: "tcp", FromPort: vpcmodel.Some(443), ToPort: vpcmodel.Some(443), IPRanges: []vpcmodel.IPRange{{CIDRIP: "10.0.0.0/16"}}}}}, p.now)
	p.ok(err)
	p.ok(p.allow(p.gb, false, "tcp", 443, 443, "10.0.1.0/24"))
	// A rule that refers to the source's group matches the source, not
	// the gateway that stands in for it.
	p.ok(p.allow(p.gb, false, "tcp", 443, 443, p.ga))
	r := p.reach(at(p.ea), at(p.eb), reach.TCP, 443)
	if r.Found || codesOf(r)[0] != reach.ENISGRulesMismatch || r.Explanations[0].ID != p.eb || r.Explanations[0].Address != netip.MustParseAddr("10.0.2.9") {
		t.Fatalf("B sees the NAT gateway's address: %v", r)
	}
	p.ok(p.allow(p.gb, false, "tcp", 443, 443, "10.0.2.9/32"))
	r = p.reach(at(p.ea), at(p.eb), reach.TCP, 443)
	if !r.Found || !slices.Contains(kindsOf(r.Forward), reach.KindNATGateway) || !slices.Contains(kindsOf(r.Return), reach.KindPeeringConnection) ||
		!slices.Contains(kindsOf(r.Return), reach.KindNATGateway) {
		t.Fatalf("through a private NAT gateway: %v", r)
	}
	// Without B's route back to A, the answer to the gateway's address
	// finds no route.
	_, err = p.c.DeleteRoute(p.who, vpcmodel.DeleteRouteInput{RouteTableID: p.rtbB, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "10.0.0.0/16"}}, p.now)
	p.ok(err)
	if r := p.reach(at(p.ea), at(p.eb), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.NoRouteToDestination || !r.Explanations[0].Return {
		t.Fatalf("no route back: %v", r)
	}
}

// TestReachBlockPublicAccess checks VPC Block Public Access against
// traffic through an internet gateway, direct and through a NAT gateway,
// in each mode and with exclusions.
func TestReachBlockPublicAccess(t *testing.T) {
	w := newNATLab(t)
	g := w.sg(w.v, "web")
	w.ok(w.allow(g, false, "tcp", 443, 443, "0.0.0.0/0"))
	web := w.eni(w.pub, "10.0.0.20", g)
	w.public(web)
	nat := w.nat(w.pub, "10.0.0.5", true)
	w.route(w.main, "0.0.0.0/0", vpcmodel.RouteTarget{NATGatewayID: nat})
	out := func(from string) reach.Result {
		return w.reach(at(from), reach.Endpoint{ID: w.gw, Addr: netip.MustParseAddr("8.8.8.8")}, reach.TCP, 443)
	}
	in := func() reach.Result {
		return w.reach(reach.Endpoint{ID: w.gw, Addr: netip.MustParseAddr("203.0.113.9")}, at(web), reach.TCP, 443)
	}
	type want struct{ webOut, webIn, natOut bool }
	check := func(name string, x want) {
		t.Helper()
		for _, c := range []struct {
			what string
			r    reach.Result
			want bool
		}{{"web out", out(web), x.webOut}, {"web in", in(), x.webIn}, {"NAT out", out(w.e), x.natOut}} {
			if c.r.Found != c.want {
				t.Errorf("%s: %s found %v, want %v:\n%v", name, c.what, c.r.Found, c.want, c.r)
				continue
			}
			if !c.want {
				if x := c.r.Explanations[0]; x.Code != reach.VPCBlockPublicAccessEnabled || x.ID != w.gw || x.SubnetID != w.pub {
					t.Errorf("%s: %s: %v", name, c.what, c.r)
				}
			}
		}
	}
	check("off", want{true, true, true})
	w.blockPublic("block-bidirectional")
	check("block-bidirectional", want{false, false, false})
	w.blockPublic("block-ingress")
	check("block-ingress", want{false, false, true})
	ex := w.exclude(w.pub, "allow-egress")
	check("block-ingress, subnet allow-egress", want{true, false, true})
	w.blockPublic("block-bidirectional")
	check("block-bidirectional, subnet allow-egress", want{true, false, true})
	_, err := w.c.DeleteVpcBlockPublicAccessExclusion(w.who, vpcmodel.DeleteVpcBlockPublicAccessExclusionInput{ExclusionID: ex}, w.now)
	w.ok(err)
	check("block-bidirectional, exclusion deleted", want{false, false, false})
	w.exclude(w.v, "allow-bidirectional")
	check("block-bidirectional, VPC allow-bidirectional", want{true, true, true})
}
