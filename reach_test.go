package vpcmodel_test

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/reach"
)

// peered is two VPCs, A (10.0.0.0/16) and B (10.1.0.0/16), each with a
// subnet and an interface whose group lets in TCP 443 from the other VPC,
// joined by an active peering connection with a route each way.
type peered struct {
	*lab
	a, b       string // VPCs
	sa, sb     string // subnets
	ea, eb     string // interfaces
	ga, gb     string // their groups
	pcx        string
	rtbA, rtbB string // main route tables
}

func newPeered(t tb, routeBack bool) *peered {
	w := newLab(t, true)
	p := &peered{lab: w}
	p.a, p.b = w.vpc("10.0.0.0/16"), w.vpc("10.1.0.0/16")
	p.sa, p.sb = w.subnet(p.a, "10.0.1.0/24"), w.subnet(p.b, "10.1.1.0/24")
	p.ga, p.gb = w.sg(p.a, "a"), w.sg(p.b, "b")
	w.ok(w.allow(p.gb, false, "tcp", 443, 443, "10.0.0.0/16"))
	p.ea, p.eb = w.eni(p.sa, "10.0.1.10", p.ga), w.eni(p.sb, "10.1.1.20", p.gb)
	p.pcx = w.peer(p.a, p.b, false)
	p.rtbA, p.rtbB = w.mainTable(p.a), w.mainTable(p.b)
	w.route(p.rtbA, "10.1.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: p.pcx})
	if routeBack {
		w.route(p.rtbB, "10.0.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: p.pcx})
	}
	return p
}

func codesOf(r reach.Result) []reach.Code {
	var out []reach.Code
	for _, e := range r.Explanations {
		out = append(out, e.Code)
	}
	return out
}

// TestReachClassicFailures sets up each of the usual reasons two machines
// cannot talk, checks the explanation the analysis gives, then repairs the
// cause and checks the path is found.
func TestReachClassicFailures(t *testing.T) {
	type want struct {
		codes     []reach.Code
		component string // the blocking component's ID
		ret       bool   // on the way back
	}
	tests := []struct {
		name string
		// setup returns the world, the ends, the blocked outcome expected,
		// and a repair after which the path is found (nil: none).
		setup func(t *testing.T) (w *lab, from, to reach.Endpoint, blocked want, repair func())
	}{
		{"missing return route", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			p := newPeered(t, false)
			return p.lab, at(p.ea), at(p.eb), want{[]reach.Code{reach.NoRouteToDestination}, p.rtbB, true}, func() {
				p.route(p.rtbB, "10.0.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: p.pcx})
			}
		}},
		{"transitive peering", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			p := newPeered(t, true)
			c := p.vpc("10.2.0.0/16")
			sc := p.subnet(c, "10.2.1.0/24")
			ec := p.eni(sc, "10.2.1.30")
			bc := p.peer(p.b, c, false)
			p.route(p.rtbB, "10.2.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: bc})
			// A sends C's block through its connection with B: B does not
			// pass it on.
			p.route(p.rtbA, "10.2.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: p.pcx})
			return p.lab, at(p.ea), at(ec), want{[]reach.Code{reach.PCXRequiresAddressInVPCCIDR}, p.pcx, false}, nil
		}},
		{"edge to edge through a peering connection to an internet gateway", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			p := newPeered(t, true)
			igw := p.igw(p.b)
			p.route(p.rtbA, "0.0.0.0/0", vpcmodel.RouteTarget{VPCPeeringConnectionID: p.pcx})
			p.public(p.ea)
			return p.lab, at(p.ea), at(igw), want{[]reach.Code{reach.PCXRequiresAddressInVPCCIDR}, p.pcx, false}, nil
		}},
		{"blackhole after the peering connection is deleted", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			p := newPeered(t, true)
			p.ok(p.reachable(p.ea, p.eb))
			_, err := p.c.DeleteVpcPeeringConnection(p.who, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: p.pcx}, p.now)
			p.ok(err)
			return p.lab, at(p.ea), at(p.eb), want{[]reach.Code{reach.BadStateRoute, reach.BadState}, p.rtbA, false}, func() {
				pcx := p.peer(p.a, p.b, false)
				for rtb, dest := range map[string]string{p.rtbA: "10.1.0.0/16", p.rtbB: "10.0.0.0/16"} {
					_, err := p.c.ReplaceRoute(p.who, vpcmodel.ReplaceRouteInput{RouteTableID: rtb,
						RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: dest}, RouteTarget: vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx}}, p.now)
					p.ok(err)
				}
			}
		}},
		{"peering connection not active", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			w := newLab(t, true)
			a, b := w.vpc("10.0.0.0/16"), w.vpc("10.1.0.0/16")
			ea, eb := w.eni(w.subnet(a, "10.0.1.0/24"), ""), w.eni(w.subnet(b, "10.1.1.0/24"), "")
			pcx := w.peer(a, b, true)
			rtbA := w.mainTable(a)
			w.route(rtbA, "10.1.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx})
			w.route(w.mainTable(b), "10.0.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx})
			return w, at(ea), at(eb), want{[]reach.Code{reach.BadStateRoute, reach.BadState}, rtbA, false}, func() {
				_, err := w.c.AcceptVpcPeeringConnection(w.who, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, w.now)
				w.ok(err)
				// The peer's default group lets in only its own members:
				// the request stops there until a rule admits A.
				r := w.reach(at(ea), at(eb), reach.TCP, 443)
				if !slices.Equal(codesOf(r), []reach.Code{reach.ENISGRulesMismatch}) {
					t.Fatalf("after accepting: %v", r)
				}
				d, err := w.c.DescribeSecurityGroups(w.who, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{
					{Name: "vpc-id", Values: []string{b}}, {Name: "group-name", Values: []string{"default"}}}}, w.now)
				w.ok(err)
				w.ok(w.allow(d.SecurityGroups[0].GroupID, false, "-1", 0, 0, "10.0.0.0/16"))
			}
		}},
		{"network ACL without the ephemeral ports", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			p := newPeered(t, true)
			acl := p.acl(p.b, p.sb,
				aclEntry{100, false, "allow", "6", "10.0.0.0/16", 443, 443},
				aclEntry{100, true, "allow", "6", "10.0.0.0/16", 443, 443})
			return p.lab, at(p.ea), at(p.eb), want{[]reach.Code{reach.SubnetACLRestriction}, acl, true}, func() {
				_, err := p.c.CreateNetworkAclEntry(p.who, vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: acl, RuleNumber: 110, Protocol: "6",
					RuleAction: "allow", Egress: true, CIDRBlock: "10.0.0.0/16", PortRange: vpcmodel.Some(vpcmodel.PortRange{From: 1024, To: 65535})}, p.now)
				p.ok(err)
			}
		}},
		{"security group referring to a peer group, before and after the connection is active", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			w := newLab(t, true)
			a, b := w.vpc("10.0.0.0/16"), w.vpc("10.1.0.0/16")
			ga, gb := w.sg(a, "a"), w.sg(b, "b")
			ea, eb := w.eni(w.subnet(a, "10.0.1.0/24"), "", ga), w.eni(w.subnet(b, "10.1.1.0/24"), "", gb)
			pcx := w.peer(a, b, true)
			w.route(w.mainTable(a), "10.1.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx})
			w.route(w.mainTable(b), "10.0.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx})
			// While the request is pending, EC2 refuses the reference.
			err := w.allow(gb, false, "tcp", 443, 443, ga)
			wantCode(t, err, "InvalidGroup.NotFound")
			_, err = w.c.AcceptVpcPeeringConnection(w.who, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, w.now)
			w.ok(err)
			// The peer's new group has no inbound rule yet.
			return w, at(ea), at(eb), want{[]reach.Code{reach.SGHasNoRules}, eb, false}, func() {
				w.ok(w.allow(gb, false, "tcp", 443, 443, ga))
			}
		}},
		{"VPN tunnel down against a static route", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			w := newLab(t, false) // no device connects: both tunnels stay DOWN
			a := w.vpc("10.0.0.0/16")
			ea := w.eni(w.subnet(a, "10.0.1.0/24"), "")
			vgw, vpn := w.vpn(a, "192.168.0.0/16")
			w.route(w.mainTable(a), "192.168.0.0/16", vpcmodel.RouteTarget{GatewayID: vgw})
			return w, at(ea), reach.Endpoint{ID: vgw, Addr: netip.MustParseAddr("192.168.4.4")}, want{[]reach.Code{reach.BadStateVPN}, vpn, false}, nil
		}},
		{"propagated route with propagation disabled", func(t *testing.T) (*lab, reach.Endpoint, reach.Endpoint, want, func()) {
			w := newLab(t, true)
			a := w.vpc("10.0.0.0/16")
			ea := w.eni(w.subnet(a, "10.0.1.0/24"), "")
			vgw, _ := w.vpn(a, "192.168.0.0/16")
			rtb := w.mainTable(a)
			in := vpcmodel.EnableVgwRoutePropagationInput{GatewayID: vgw, RouteTableID: rtb}
			_, err := w.c.EnableVgwRoutePropagation(w.who, in, w.now)
			w.ok(err)
			to := reach.Endpoint{ID: vgw, Addr: netip.MustParseAddr("192.168.4.4")}
			if r := w.reach(at(ea), to, reach.TCP, 22); !r.Found || r.Forward[3].Route.Origin != "EnableVgwRoutePropagation" {
				t.Fatalf("through the propagated route: %v", r)
			}
			_, err = w.c.DisableVgwRoutePropagation(w.who, vpcmodel.DisableVgwRoutePropagationInput(in), w.now)
			w.ok(err)
			return w, at(ea), to, want{[]reach.Code{reach.NoRouteToDestination}, rtb, false}, func() {
				_, err := w.c.EnableVgwRoutePropagation(w.who, in, w.now)
				w.ok(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, from, to, blocked, repair := tt.setup(t)
			r := w.reach(from, to, reach.TCP, 443)
			if r.Found || !slices.Equal(codesOf(r), blocked.codes) {
				t.Fatalf("Reach = %v, want blocked with %v", r, blocked.codes)
			}
			if _, id, _ := r.Blocking(); id != blocked.component || r.Explanations[0].Return != blocked.ret {
				t.Fatalf("blocking component %s (return %v), want %s (return %v):\n%v", id, r.Explanations[0].Return, blocked.component, blocked.ret, r)
			}
			if r.Explanations[0].Message == "" {
				t.Fatal("explanation without a message")
			}
			if repair == nil {
				return
			}
			repair()
			if r := w.reach(from, to, reach.TCP, 443); !r.Found || len(r.Explanations) > 0 || len(r.Return) == 0 {
				t.Fatalf("after the repair: %v", r)
			}
		})
	}
}

// reachable reports an error unless TCP 443 gets from one interface to the
// other and back.
func (w *lab) reachable(from, to string) error {
	r := w.reach(at(from), at(to), reach.TCP, 443)
	if !r.Found {
		return errors.New(r.String())
	}
	return nil
}

// TestReachPaths checks the components a found path passes and the rule,
// entry or route each one decided with, both ways.
func TestReachPaths(t *testing.T) {
	p := newPeered(t, true)
	r := p.reach(at(p.ea), at(p.eb), reach.TCP, 0)
	if !r.Found {
		t.Fatalf("Reach = %v", r)
	}
	var fwd, back []string
	for _, h := range r.Forward {
		fwd = append(fwd, string(h.Kind)+" "+h.ID)
	}
	for _, h := range r.Return {
		back = append(back, string(h.Kind)+" "+h.ID)
	}
	aclA, aclB := p.defaultACL(p.a), p.defaultACL(p.b)
	wantFwd := []string{"network-interface " + p.ea, "security-group " + p.ga, "network-acl " + aclA, "route-table " + p.rtbA,
		"vpc-peering-connection " + p.pcx, "network-acl " + aclB, "security-group " + p.gb, "network-interface " + p.eb}
	wantBack := []string{"network-interface " + p.eb, "network-acl " + aclB, "route-table " + p.rtbB,
		"vpc-peering-connection " + p.pcx, "network-acl " + aclA, "network-interface " + p.ea}
	if !slices.Equal(fwd, wantFwd) || !slices.Equal(back, wantBack) {
		t.Fatalf("forward %v\nwant    %v\nreturn  %v\nwant    %v", fwd, wantFwd, back, wantBack)
	}
	// The group of B lets in 443 only: the ports narrow to it.
	if got := r.Packet.DestinationPorts; len(got) != 1 || got[0] != (reach.PortRange{From: 443, To: 443}) {
		t.Fatalf("destination ports %v", got)
	}
	if h := r.Forward[6]; h.Rule.FromPort != 443 || h.Direction != reach.Ingress {
		t.Fatalf("ingress hop %v", h)
	}
	if h := r.Forward[3]; h.Route.Target.ID() != p.pcx || h.Route.Destination.String() != "10.1.0.0/16" {
		t.Fatalf("route hop %v", h)
	}
	if h := r.Forward[2]; h.ACLEntry.RuleNumber != 100 || h.Direction != reach.Egress {
		t.Fatalf("ACL hop %v", h)
	}
	if r.Packet.Source.String() != "10.0.1.10" || r.Packet.Destination.String() != "10.1.1.20" || r.Packet.Protocol != reach.TCP {
		t.Fatalf("packet %+v", r.Packet)
	}
	// UDP is not let in; with no protocol, TCP is tried first and found.
	if r := p.reach(at(p.ea), at(p.eb), reach.UDP, 53); r.Found || r.Explanations[0].Code != reach.ENISGRulesMismatch {
		t.Fatalf("UDP: %v", r)
	}
	if r := p.reach(at(p.ea), at(p.eb), "", 443); !r.Found || r.Packet.Protocol != reach.TCP {
		t.Fatalf("any protocol: %v", r)
	}
	// A port the group does not open.
	r = p.reach(at(p.ea), at(p.eb), reach.TCP, 22)
	if x := r.Explanations[0]; r.Found || x.Code != reach.ENISGRulesMismatch || x.Direction != reach.Ingress || x.ID != p.eb ||
		!slices.Equal(x.SecurityGroups, []string{p.gb}) || x.Address.String() != "10.0.1.10" {
		t.Fatalf("port 22: %v", r)
	}
	// The same subnet: no network ACL, no route table.
	e2 := p.eni(p.sa, "10.0.1.11")
	if r := p.reach(at(p.ea), at(e2), reach.TCP, 443); r.Found || r.Explanations[0].ID != e2 {
		t.Fatalf("same subnet, default group: %v", r)
	}
	p.ok(p.allow(p.ga, false, "tcp", 0, 65535, p.ga))
	_, err := p.c.ModifyNetworkInterfaceAttribute(p.who, vpcmodel.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceID: e2, Groups: []string{p.ga}}, p.now)
	p.ok(err)
	r = p.reach(at(p.ea), at(e2), reach.TCP, 443)
	if !r.Found || len(r.Forward) != 4 || r.Forward[2].Kind != reach.KindSecurityGroup {
		t.Fatalf("same subnet: %v", r)
	}
}

func (w *lab) defaultACL(vpc string) string {
	w.t.Helper()
	d, err := w.c.DescribeNetworkAcls(w.who, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{vpc}}, {Name: "default", Values: []string{"true"}}}}, w.now)
	w.ok(err)
	return d.NetworkACLs[0].NetworkACLID
}

// TestReachInternet follows traffic to and from the internet through an
// internet gateway.
func TestReachInternet(t *testing.T) {
	w := newLab(t, true)
	v := w.vpc("10.0.0.0/16")
	s := w.subnet(v, "10.0.1.0/24")
	g := w.sg(v, "web")
	e := w.eni(s, "", g)
	rtb := w.mainTable(v)
	igw := w.igw(v)
	internet := func(a string) reach.Endpoint { return reach.Endpoint{ID: igw, Addr: netip.MustParseAddr(a)} }

	// No route yet.
	r := w.reach(at(e), internet("8.8.8.8"), reach.TCP, 443)
	if r.Found || codesOf(r)[0] != reach.NoRouteToDestination {
		t.Fatalf("no default route: %v", r)
	}
	w.route(rtb, "0.0.0.0/0", vpcmodel.RouteTarget{GatewayID: igw})
	// No public address.
	if r := w.reach(at(e), internet("8.8.8.8"), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.IGWPublicIPAssociationForEgress {
		t.Fatalf("no public address: %v", r)
	}
	pub := w.public(e)
	r = w.reach(at(e), internet("8.8.8.8"), reach.TCP, 443)
	if !r.Found || r.Forward[len(r.Forward)-1].ID != igw || r.Return[0].ID != igw {
		t.Fatalf("out to the internet: %v", r)
	}
	// Without an address, the internet as a whole; an address alone too.
	if r := w.reach(at(e), at(igw), reach.TCP, 443); !r.Found || r.Packet.Destination.IsPrivate() {
		t.Fatalf("to the internet: %v", r)
	}
	if r := w.reach(at(e), reach.Endpoint{Addr: netip.MustParseAddr("1.1.1.1")}, reach.UDP, 53); !r.Found {
		t.Fatalf("to an address: %v", r)
	}
	// A private address never leaves through an internet gateway.
	if r := w.reach(at(e), reach.Endpoint{Addr: netip.MustParseAddr("172.16.0.1")}, reach.TCP, 443); r.Found ||
		codesOf(r)[0] != reach.IGWDestinationNotInRFC1918Egress {
		t.Fatalf("to a private address: %v", r)
	}
	// In from the internet: the new group lets nothing in.
	r = w.reach(internet("203.0.113.9"), at(e), reach.TCP, 443)
	if r.Found || codesOf(r)[0] != reach.SGHasNoRules || r.Packet.Destination.String() != pub {
		t.Fatalf("in from the internet: %v", r)
	}
	w.ok(w.allow(g, false, "tcp", 443, 443, "203.0.113.0/24"))
	if r := w.reach(internet("203.0.113.9"), at(e), reach.TCP, 443); !r.Found {
		t.Fatalf("in from an allowed address: %v", r)
	}
	// Without an address, the analysis finds the allowed block among the
	// internet's addresses.
	if r := w.reach(at(igw), at(e), reach.TCP, 443); !r.Found || !netip.MustParsePrefix("203.0.113.0/24").Contains(r.Packet.Source) {
		t.Fatalf("in from the internet, anywhere: %v", r)
	}
	// From a private address, the gateway drops it.
	if r := w.reach(internet("10.9.9.9"), at(e), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.IGWSourceNotInRFC1918Ingress {
		t.Fatalf("from a private address: %v", r)
	}
	// An interface without a public address cannot be reached.
	e2 := w.eni(s, "", g)
	if r := w.reach(internet("203.0.113.9"), at(e2), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.IGWPrivateIPAssociationForIngress {
		t.Fatalf("to a private interface: %v", r)
	}
	// Detached, the gateway's route is a blackhole.
	_, err := w.c.DetachInternetGateway(w.who, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: igw, VPCID: v}, w.now)
	w.ok(err)
	if r := w.reach(at(e), internet("8.8.8.8"), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.BadStateRoute {
		t.Fatalf("detached: %v", r)
	}
	if r := w.reach(at(igw), at(e), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.BadStateAttachment {
		t.Fatalf("from a detached gateway: %v", r)
	}
}

// TestReachVPN follows traffic to and from a customer's network through a
// virtual private gateway.
func TestReachVPN(t *testing.T) {
	w := newLab(t, true)
	v := w.vpc("10.0.0.0/16")
	s := w.subnet(v, "10.0.1.0/24")
	g := w.sg(v, "app")
	w.ok(w.allow(g, false, "tcp", 22, 22, "192.168.0.0/16"))
	e := w.eni(s, "", g)
	vgw, vpn := w.vpn(v, "192.168.0.0/16")
	rtb := w.mainTable(v)
	w.route(rtb, "192.168.0.0/16", vpcmodel.RouteTarget{GatewayID: vgw})
	onPrem := func(a string) reach.Endpoint { return reach.Endpoint{ID: vgw, Addr: netip.MustParseAddr(a)} }
	r := w.reach(at(e), onPrem("192.168.1.1"), reach.TCP, 443)
	if !r.Found || r.Forward[len(r.Forward)-1].ID != vpn {
		t.Fatalf("to the customer: %v", r)
	}
	// The connection's static routes do not cover 172.16.0.0/12.
	w.route(rtb, "172.16.0.0/12", vpcmodel.RouteTarget{GatewayID: vgw})
	if r := w.reach(at(e), onPrem("172.16.1.1"), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.NoRouteToDestination || r.Explanations[0].ID != vpn {
		t.Fatalf("outside the static routes: %v", r)
	}
	if r := w.reach(onPrem("192.168.9.9"), at(e), reach.TCP, 22); !r.Found || r.Forward[0].ID != vpn {
		t.Fatalf("from the customer: %v", r)
	}
	if r := w.reach(at(vgw), at(e), reach.TCP, 22); !r.Found || !netip.MustParsePrefix("192.168.0.0/16").Contains(r.Packet.Source) {
		t.Fatalf("from the customer, anywhere: %v", r)
	}
	if r := w.reach(onPrem("192.168.9.9"), at(e), reach.TCP, 443); r.Found || codesOf(r)[0] != reach.ENISGRulesMismatch {
		t.Fatalf("a port the group closes: %v", r)
	}
}

// TestReachRefusals checks the queries Reach refuses.
func TestReachRefusals(t *testing.T) {
	p := newPeered(t, true)
	for _, tt := range []struct {
		name string
		q    reach.Query
		who  vpcmodel.Caller
		code string
	}{
		{"unknown interface", reach.Query{Source: at("eni-0123456789abcdef0"), Destination: at(p.eb)}, alice, "InvalidNetworkInterfaceID.NotFound"},
		{"unknown destination", reach.Query{Source: at(p.ea), Destination: at("igw-0123456789abcdef0")}, alice, "InvalidInternetGatewayID.NotFound"},
		{"another account's source", reach.Query{Source: at(p.ea), Destination: at(p.eb)}, vpcmodel.Caller{Account: "222222222222", Region: "us-east-1"}, "InvalidNetworkInterfaceID.NotFound"},
		{"another Region", reach.Query{Source: at(p.ea), Destination: at(p.eb)}, vpcmodel.Caller{Account: alice.Account, Region: "eu-west-1"}, "InvalidNetworkInterfaceID.NotFound"},
		{"a subnet without an address", reach.Query{Source: at(p.sa), Destination: at(p.eb)}, alice, "InvalidParameterValue"},
		{"a protocol", reach.Query{Source: at(p.ea), Destination: at(p.eb), Protocol: "icmp"}, alice, "InvalidParameterValue"},
		{"ports", reach.Query{Source: at(p.ea), Destination: at(p.eb), DestinationPorts: reach.PortRange{From: 9, To: 8}}, alice, "InvalidParameterValue"},
		{"no source", reach.Query{Destination: at(p.eb)}, alice, "InvalidParameterValue"},
		{"a route table", reach.Query{Source: at(p.ea), Destination: at(p.rtbB)}, alice, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.c.Reach(tt.who, tt.q, p.now)
			wantCode(t, err, tt.code)
			var re *reach.Error
			if strings.HasPrefix(tt.code, "InvalidParameter") && !errors.As(err, &re) {
				t.Fatalf("err %T, want *reach.Error", err)
			}
		})
	}
	// An interface's address is its own.
	r, err := p.c.Reach(alice, reach.Query{Source: reach.Endpoint{ID: p.ea, Addr: netip.MustParseAddr("10.0.1.99")}, Destination: at(p.eb)}, p.now)
	if err != nil || r.Found || codesOf(r)[0] != reach.ENIAddressRestriction {
		t.Fatalf("a foreign address: %v, %v", r, err)
	}
	// Two ends outside every VPC.
	igw := p.igw(p.a)
	r, err = p.c.Reach(alice, reach.Query{Source: at(igw), Destination: reach.Endpoint{Addr: netip.MustParseAddr("8.8.8.8")}}, p.now)
	if err != nil || r.Found || codesOf(r)[0] != reach.NoPath {
		t.Fatalf("gateway to address: %v, %v", r, err)
	}
	// An address in a subnet is the interface holding it.
	r, err = p.c.Reach(alice, reach.Query{Source: reach.Endpoint{ID: p.sa, Addr: netip.MustParseAddr("10.0.1.10")}, Destination: at(p.eb), Protocol: reach.TCP}, p.now)
	if err != nil || !r.Found || r.Forward[0].ID != p.ea {
		t.Fatalf("by address: %v, %v", r, err)
	}
	// A bare host has no security groups.
	r, err = p.c.Reach(alice, reach.Query{Source: reach.Endpoint{ID: p.sa, Addr: netip.MustParseAddr("10.0.1.77")}, Destination: at(p.eb), Protocol: reach.TCP}, p.now)
	if err != nil || !r.Found || r.Forward[0].Kind != reach.KindAddress || r.Forward[1].Kind != reach.KindNetworkACL {
		t.Fatalf("a bare host: %v, %v", r, err)
	}
}

// TestReachStaleGroupReference follows a rule that refers to a peer VPC's
// group through the connection's life: it matches while the connection is
// active, matches nothing once it is deleted (the rule stays, stale), and
// matches again when a new connection between the two VPCs is active.
func TestReachStaleGroupReference(t *testing.T) {
	p := newPeered(t, true)
	// A may send only to B's group.
	_, err := p.c.RevokeSecurityGroupEgress(p.who, vpcmodel.RevokeSecurityGroupIngressInput{GroupID: p.ga, IPPermissions: []vpcmodel.IPPermission{
		{IPProtocol: "-1", IPRanges: []vpcmodel.IPRange{{CIDRIP: "0.0.0.0/0"}}}}}, p.now)
	p.ok(err)
	p.ok(p.allow(p.ga, true, "tcp", 443, 443, p.gb))
	p.ok(p.reachable(p.ea, p.eb))
	_, err = p.c.DeleteVpcPeeringConnection(p.who, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: p.pcx}, p.now)
	p.ok(err)
	r := p.reach(at(p.ea), at(p.eb), reach.TCP, 443)
	if x := r.Explanations[0]; r.Found || x.Code != reach.ENISGRulesMismatch || x.ID != p.ea || x.Direction != reach.Egress {
		t.Fatalf("stale reference: %v", r)
	}
	// A new request, pending: still stale.
	pcx := p.peer(p.a, p.b, true)
	if r := p.reach(at(p.ea), at(p.eb), reach.TCP, 443); r.Found || r.Explanations[0].Code != reach.ENISGRulesMismatch {
		t.Fatalf("with a pending connection: %v", r)
	}
	_, err = p.c.AcceptVpcPeeringConnection(p.who, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, p.now)
	p.ok(err)
	for rtb, dest := range map[string]string{p.rtbA: "10.1.0.0/16", p.rtbB: "10.0.0.0/16"} {
		_, err := p.c.ReplaceRoute(p.who, vpcmodel.ReplaceRouteInput{RouteTableID: rtb,
			RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: dest}, RouteTarget: vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx}}, p.now)
		p.ok(err)
	}
	p.ok(p.reachable(p.ea, p.eb))
}

// TestSetVpnTunnelStatus takes one tunnel down and then the other: the
// connection carries traffic while either is UP.
func TestSetVpnTunnelStatus(t *testing.T) {
	w := newLab(t, true)
	a := w.vpc("10.0.0.0/16")
	ea := w.eni(w.subnet(a, "10.0.1.0/24"), "")
	vgw, vpn := w.vpn(a, "192.168.0.0/16")
	w.route(w.mainTable(a), "192.168.0.0/16", vpcmodel.RouteTarget{GatewayID: vgw})
	to := reach.Endpoint{ID: vgw, Addr: netip.MustParseAddr("192.168.1.1")}
	if r := w.reach(at(ea), to, reach.TCP, 22); !r.Found {
		t.Fatalf("both tunnels UP: %v", r)
	}
	w.ok(w.c.SetVpnTunnelStatus(w.who, vpn, 0, false, w.now))
	if r := w.reach(at(ea), to, reach.TCP, 22); !r.Found {
		t.Fatalf("one tunnel UP: %v", r)
	}
	w.ok(w.c.SetVpnTunnelStatus(w.who, vpn, 1, false, w.now))
	if r := w.reach(at(ea), to, reach.TCP, 22); r.Found || r.Explanations[0].Code != reach.BadStateVPN {
		t.Fatalf("both tunnels DOWN: %v", r)
	}
	wantCode(t, w.c.SetVpnTunnelStatus(w.who, vpn, 2, true, w.now), "InvalidParameterValue")
	wantCode(t, w.c.SetVpnTunnelStatus(w.who, "vpn-0123456789abcdef0", 0, true, w.now), "InvalidVpnConnectionID.NotFound")
}

// TestReachEphemeralPorts checks that the answer must get back to every
// source port the client may use: an ACL that lets it through to Linux's
// ephemeral ports only stops the path, naming the ports it refuses, unless
// the query narrows the source ports to those.
func TestReachEphemeralPorts(t *testing.T) {
	p := newPeered(t, true)
	acl := p.acl(p.b, p.sb,
		aclEntry{100, false, "allow", "6", "10.0.0.0/16", 443, 443},
		aclEntry{100, true, "allow", "6", "10.0.0.0/16", 32768, 60999})
	r := p.reach(at(p.ea), at(p.eb), reach.TCP, 443)
	x := r.Explanations[0]
	want := []reach.PortRange{{From: 1024, To: 32767}, {From: 61000, To: 65535}}
	if r.Found || x.Code != reach.SubnetACLRestriction || x.ID != acl || !x.Return || !slices.Equal(x.Ports, want) {
		t.Fatalf("Reach = %v, want the ACL to refuse %v on the way back", r, want)
	}
	q := reach.Query{Source: at(p.ea), Destination: at(p.eb), Protocol: reach.TCP,
		DestinationPorts: reach.PortRange{From: 443, To: 443}, SourcePorts: reach.PortRange{From: 32768, To: 60999}}
	if r, err := p.c.Reach(p.who, q, p.now); err != nil || !r.Found || !slices.Equal(r.Packet.SourcePorts, []reach.PortRange{{From: 32768, To: 60999}}) {
		t.Fatalf("from Linux's ephemeral ports: %v, %v", r, err)
	}
}
