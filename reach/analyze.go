package reach

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/bpa"
	"github.com/vpclab/vpcmodel/eni"
	"github.com/vpclab/vpcmodel/gateway"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/secgroup"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/subnet"
)

// end is one resolved end of a path.
type end struct {
	kind Kind   // KindNetworkInterface or KindAddress for a host; a gateway's kind; "" for an address alone
	id   string // the resource's ID; a host at an address: its subnet's
	// A host: its subnet, its VPC, its interface (if any) and address.
	subnet subnet.Subnet
	vpc    string
	nic    eni.Interface
	addr   netip.Addr // a host's address; a gateway end's address, if given
	// nat is the NAT gateway of a KindNATGateway end, which stands for the
	// gateway at its private address in its subnet.
	nat NATGateway
}

func (e end) isHost() bool { return e.kind == KindNetworkInterface || e.kind == KindAddress }

func (e end) isGateway() bool {
	return e.kind == KindInternetGateway || e.kind == KindVPNGateway || e.kind == KindPeeringConnection
}

// isAddr reports whether e is a destination given by an address alone.
func (e end) isAddr() bool { return e.kind == "" }

// hop returns the hop of a host or NAT gateway end.
func (e end) hop() Hop {
	return Hop{Kind: e.kind, ID: e.id, VPCID: e.vpc, SubnetID: e.subnet.ID(), Address: e.addr}
}

// public returns the public address traffic from e leaves an internet
// gateway with: an interface's, or a public NAT gateway's.
func (e end) public() (netip.Addr, bool) {
	if e.kind == KindNATGateway {
		return e.nat.PublicIP, e.nat.PublicIP.IsValid()
	}
	return e.nic.PublicIP()
}

func notFound(k ec2.Kind, id string) *Error {
	e := k.NotFoundError(id, nil)
	return &Error{Op: "analyze", Input: id, Code: e.Code, Err: ErrNotFound, msg: e.Message}
}

func badQuery(input, msg string) *Error {
	return &Error{Op: "analyze", Input: input, Code: ec2.InvalidParameterValue, Err: ErrQuery, msg: msg}
}

// resolve finds the resource ep names.
func resolve(n Network, ep Endpoint, source bool) (end, *Explanation, error) {
	id := ep.ID
	switch {
	case id == "":
		if source {
			return end{}, nil, badQuery("", "The source must name a resource.")
		}
		if !ep.Addr.Is4() {
			return end{}, nil, badQuery(ep.Addr.String(), "A destination without a resource needs an IPv4 address.")
		}
		return end{addr: ep.Addr}, nil, nil
	case ep.Addr.IsValid() && !ep.Addr.Is4():
		return end{}, nil, badQuery(ep.Addr.String(), "Only IPv4 addresses are analysed.")
	case strings.HasPrefix(id, "eni-"):
		i, ok := n.Interface(id)
		if !ok {
			return end{}, nil, notFound(ec2.NetworkInterface, id)
		}
		s, _ := n.Subnet(i.SubnetID())
		e := end{kind: KindNetworkInterface, id: id, subnet: s, vpc: i.VPCID(), nic: i, addr: i.PrivateIP()}
		if pub, _ := i.PublicIP(); ep.Addr.IsValid() && ep.Addr != i.PrivateIP() && ep.Addr != pub {
			x := Explanation{Code: ENIAddressRestriction, Kind: KindNetworkInterface, ID: id, VPCID: e.vpc, SubnetID: s.ID(),
				Address: ep.Addr, Message: fmt.Sprintf("%s holds %s, not %s", id, i.PrivateIP(), ep.Addr)}
			return e, &x, nil
		}
		return e, nil, nil
	case strings.HasPrefix(id, "subnet-"):
		s, ok := n.Subnet(id)
		if !ok {
			return end{}, nil, notFound(ec2.Subnet, id)
		}
		if !s.CIDR().Contains(ep.Addr) {
			return end{}, nil, badQuery(ep.Addr.String(), fmt.Sprintf("An end in subnet %s needs an address of its block %s.", id, s.CIDR()))
		}
		if i, ok := n.InterfaceAt(id, ep.Addr); ok {
			return end{kind: KindNetworkInterface, id: i.ID(), subnet: s, vpc: s.VPCID(), nic: i, addr: ep.Addr}, nil, nil
		}
		return end{kind: KindAddress, id: id, subnet: s, vpc: s.VPCID(), addr: ep.Addr}, nil, nil
	case strings.HasPrefix(id, "igw-"):
		if _, ok := n.InternetGateway(id); !ok {
			return end{}, nil, notFound(ec2.InternetGateway, id)
		}
		return end{kind: KindInternetGateway, id: id, addr: ep.Addr}, nil, nil
	case strings.HasPrefix(id, "vgw-"):
		if _, ok := n.VPNGateway(id); !ok {
			return end{}, nil, notFound(ec2.VPNGateway, id)
		}
		return end{kind: KindVPNGateway, id: id, addr: ep.Addr}, nil, nil
	case strings.HasPrefix(id, "pcx-"):
		if _, ok := n.Peering(id); !ok {
			return end{}, nil, notFound(ec2.PeeringConnection, id)
		}
		return end{kind: KindPeeringConnection, id: id, addr: ep.Addr}, nil, nil
	}
	return end{}, nil, badQuery(id, fmt.Sprintf("%s is not a network interface, subnet, internet gateway, virtual private gateway or peering connection.", id))
}

// Analyze answers q over the state n holds: it follows the traffic from
// the source to the destination and the answer back, component by
// component, as EC2 forwards it, and says where and why it stops. See the
// package documentation for the order of the checks and the codes.
//
// Errors (*Error): an end that names nothing n holds (ErrNotFound, the
// resource's NotFound code); a query that is not well formed (ErrQuery,
// InvalidParameterValue). A blocked path is not an error.
func Analyze(n Network, q Query) (Result, error) {
	switch {
	case q.Protocol != "" && !q.Protocol.IsValid():
		return Result{}, badQuery(string(q.Protocol), "The protocol must be tcp or udp.")
	case q.DestinationPorts != (PortRange{}) && !q.DestinationPorts.IsValid():
		return Result{}, badQuery(fmt.Sprint(q.DestinationPorts), "Destination ports must be a range within 0-65535.")
	case q.SourcePorts != (PortRange{}) && !q.SourcePorts.IsValid():
		return Result{}, badQuery(fmt.Sprint(q.SourcePorts), "Source ports must be a range within 0-65535.")
	}
	src, bad, err := resolve(n, q.Source, true)
	if err != nil {
		return Result{}, err
	}
	dst, bad2, err := resolve(n, q.Destination, false)
	if err != nil {
		return Result{}, err
	}
	protos := []Protocol{TCP, UDP}
	if q.Protocol != "" {
		protos = []Protocol{q.Protocol}
	}
	if bad == nil {
		bad = bad2
	}
	if bad != nil {
		return Result{Packet: Packet{Protocol: protos[0], Source: src.addr, Destination: dst.addr}, Explanations: []Explanation{*bad}}, nil
	}
	if !src.isHost() && !dst.isHost() {
		return Result{Packet: Packet{Protocol: protos[0], Source: src.addr, Destination: dst.addr},
			Explanations: []Explanation{{Code: NoPath, Kind: src.kind, ID: src.id,
				Message: "no path joins two ends outside every VPC: one end must be a network interface or an address in a subnet"}}}, nil
	}
	a := &analysis{n: n, src: src, dst: dst, dports: AllPorts, sports: EphemeralPorts}
	if q.DestinationPorts != (PortRange{}) {
		a.dports = q.DestinationPorts
	}
	if q.SourcePorts != (PortRange{}) {
		a.sports = q.SourcePorts
	}
	a.groups()
	// The addresses to try at the end that is not a host.
	srcAddrs, dstAddrs := []netip.Addr{src.addr}, []netip.Addr{dst.addr}
	if src.isGateway() && !src.addr.IsValid() {
		srcAddrs = a.candidates(src, dst)
	}
	if dst.isGateway() && !dst.addr.IsValid() {
		dstAddrs = a.candidates(dst, src)
	}
	var best attempt
	for _, proto := range protos {
		for _, sa := range srcAddrs {
			for _, da := range dstAddrs {
				r := a.try(proto, sa, da)
				if r.Found {
					return r.Result, nil
				}
				if best.Explanations == nil || r.depth > best.depth {
					best = r
				}
			}
		}
	}
	return best.Result, nil
}

// analysis is one query being answered.
type analysis struct {
	n        Network
	src, dst end
	dports   PortRange
	sports   PortRange
	// srcGroups and dstGroups are each end's security groups as a rule of
	// the other end's groups may refer to them: when both ends are
	// interfaces of one VPC or of VPCs an active peering connection joins.
	srcGroups, dstGroups []string
}

// groups works out which groups each end's rules may match at the other.
func (a *analysis) groups() {
	s, d := a.src.nic, a.dst.nic
	if !s.IsValid() || !d.IsValid() {
		return
	}
	if s.VPCID() != d.VPCID() && (s.Region() != d.Region() || !a.n.IsPeered(s.VPCID(), d.VPCID())) {
		return
	}
	a.srcGroups, a.dstGroups = s.Groups(), d.Groups()
}

// candidates returns the addresses worth trying for gateway end g, whose
// traffic goes to or comes from host h: the first address of every piece
// of the addresses g stands for that the prefixes of h's route table,
// network ACL and security groups, and g's own routes, cut it into. Any
// two addresses of a piece meet the same routes, entries and rules, so
// trying one tries them all.
func (a *analysis) candidates(g, h end) []netip.Addr {
	if !h.isHost() {
		return []netip.Addr{{}}
	}
	n := a.n
	var set spans
	var cut []uint64
	switch g.kind {
	case KindInternetGateway:
		set = internet()
	case KindVPNGateway:
		set = spans{{0, ^uint32(0)}}
		static, bgp := false, false
		var routes []netip.Prefix
		for _, c := range n.VPNConnections(g.id) {
			if !c.usable() {
				continue
			}
			if c.StaticRoutesOnly {
				static = true
				routes = append(routes, c.Routes...)
			} else {
				bgp = true
			}
			for _, r := range c.Routes {
				cut = bounds(cut, r)
			}
		}
		if static && !bgp {
			set = spansOf(routes)
		}
		if v, ok := n.VPC(h.vpc); ok {
			for _, b := range v.Blocks {
				set = set.minus(b)
			}
		}
	case KindPeeringConnection:
		if p, ok := n.Peering(g.id); ok {
			if far, ok := p.other(h.vpc); ok {
				if v, ok := n.VPC(far); ok {
					set = spansOf(v.Blocks)
				}
			} else {
				for _, id := range []string{p.Requester, p.Accepter} {
					if v, ok := n.VPC(id); ok {
						set = append(set, spansOf(v.Blocks)...)
					}
				}
				set = spansOf(prefixesOf(set))
			}
		}
	}
	if len(set) == 0 {
		return []netip.Addr{{}}
	}
	if t, ok := n.RouteTable(h.subnet.ID()); ok {
		for _, r := range t.Routes() {
			cut = bounds(cut, r.Destination)
		}
	}
	if t, ok := n.GatewayRouteTable(g.id); ok {
		for _, r := range t.Routes() {
			cut = bounds(cut, r.Destination)
		}
	}
	// The subnets whose route tables and network ACLs the traffic meets:
	// the host's, and those of the NAT gateways its routes lead to.
	subnets := []string{h.subnet.ID()}
	if t, ok := n.RouteTable(h.subnet.ID()); ok {
		for _, r := range t.Routes() {
			if r.Target.Kind() != route.KindNATGateway {
				continue
			}
			if x, ok := n.NATGateway(r.Target.ID()); ok {
				subnets = append(subnets, x.SubnetID)
				if nt, ok := n.RouteTable(x.SubnetID); ok {
					for _, r := range nt.Routes() {
						cut = bounds(cut, r.Destination)
					}
				}
			}
		}
	}
	for _, id := range subnets {
		if x, ok := n.NetworkACL(id); ok {
			for _, e := range x.Entries() {
				cut = bounds(cut, e.CIDR)
			}
		}
		// The static routes of the VPN connections behind the virtual
		// private gateways the subnet's routes lead to.
		if t, ok := n.RouteTable(id); ok {
			for _, r := range t.Routes() {
				if r.Target.Kind() != route.KindVPNGateway {
					continue
				}
				for _, c := range n.VPNConnections(r.Target.ID()) {
					for _, p := range c.Routes {
						cut = bounds(cut, p)
					}
				}
			}
		}
	}
	if h.nic.IsValid() {
		for _, id := range h.nic.Groups() {
			if sg, ok := n.SecurityGroup(id); ok {
				for _, r := range sg.Rules() {
					if p, ok := r.Peer.CIDR(); ok {
						cut = bounds(cut, p)
					}
				}
			}
		}
	}
	// Where the route table sends an address into a VPC, its blocks,
	// subnets and interfaces tell addresses apart: the host's VPC, and the
	// VPCs at the other end of its routes' peering connections.
	layouts := []string{h.vpc}
	for _, id := range subnets {
		t, ok := n.RouteTable(id)
		if !ok {
			continue
		}
		for _, r := range t.Routes() {
			if r.Target.Kind() != route.KindPeeringConnection {
				continue
			}
			if p, ok := n.Peering(r.Target.ID()); ok {
				if far, ok := p.other(h.vpc); ok {
					layouts = append(layouts, far)
				}
			}
		}
	}
	for _, id := range layouts {
		cut = a.layout(cut, id)
	}
	return set.pieces(cut)
}

// layout appends to cut the boundaries of VPC vpcID's blocks, subnets and
// interface addresses.
func (a *analysis) layout(cut []uint64, vpcID string) []uint64 {
	if v, ok := a.n.VPC(vpcID); ok {
		for _, b := range v.Blocks {
			cut = bounds(cut, b)
		}
	}
	for _, s := range a.n.Subnets(vpcID) {
		cut = bounds(cut, s.CIDR())
		for _, i := range a.n.Interfaces(s.ID()) {
			cut = bounds(cut, netip.PrefixFrom(i.PrivateIP(), 32))
		}
	}
	return cut
}

// prefixesOf returns prefixes covering exactly s.
func prefixesOf(s spans) []netip.Prefix {
	var out []netip.Prefix
	for _, x := range s {
		lo := uint64(x.lo)
		for lo <= uint64(x.hi) {
			bits := 32
			for bits > 0 {
				size := uint64(1) << (32 - (bits - 1))
				if lo%size != 0 || lo+size-1 > uint64(x.hi) {
					break
				}
				bits--
			}
			out = append(out, netip.PrefixFrom(addrOf(uint32(lo)), bits))
			lo += uint64(1) << (32 - bits)
		}
	}
	return out
}

// attempt is the outcome of following one packet, with how far it got.
type attempt struct {
	Result
	depth int
}

// try follows the request from src to dst and, if it gets there, the
// answer back.
func (a *analysis) try(proto Protocol, srcAddr, dstAddr netip.Addr) attempt {
	src, dst := a.src, a.dst
	if !src.isHost() {
		src.addr = srcAddr
	}
	if !dst.isHost() {
		dst.addr = dstAddr
	}
	// A host reached from the internet is addressed by its public address,
	// which the internet gateway translates to its private one.
	addressed := dst.addr
	if src.kind == KindInternetGateway && dst.nic.IsValid() {
		if pub, ok := dst.nic.PublicIP(); ok {
			addressed = pub
		}
	}
	fwd := &walker{n: a.n, proto: proto, srcGroups: a.srcGroups, dstGroups: a.dstGroups}
	p := packet{src: src.addr, dst: dst.addr, ports: ports{a.dports}}
	ok := fwd.walk(src, dst, &p)
	out := attempt{Result: Result{Packet: Packet{Protocol: proto, Source: src.addr, Destination: addressed,
		SourcePorts: []PortRange{a.sports}, DestinationPorts: p.ports}, Forward: fwd.hops, Explanations: fwd.expl}, depth: len(fwd.hops)}
	if !ok {
		out.Packet.DestinationPorts = []PortRange{a.dports}
		return out
	}
	// The answer starts where the request arrived: the destination host,
	// or the gateway an address alone was reached through.
	back := &walker{n: a.n, proto: proto, ret: true}
	rp := packet{src: dst.addr, dst: src.addr, ports: ports{a.sports}}
	if g := fwd.nat; g.kind == KindNATGateway {
		// The answer goes to the NAT gateway's address; the gateway
		// translates it back and sends it on to the source.
		rp.dst = g.addr
		if ok = back.walk(fwd.arrived, g, &rp); ok {
			rp.dst = src.addr
			ok = back.fromNAT(g, src, &rp)
		}
	} else {
		ok = back.walk(fwd.arrived, src, &rp)
	}
	out.Return, out.Explanations = back.hops, back.expl
	out.depth += len(back.hops)
	if ok {
		out.Found = true
		out.Packet.SourcePorts = rp.ports
	}
	return out
}

// packet is the traffic a walker follows: its addresses and the
// destination ports still in play.
type packet struct {
	src, dst netip.Addr
	ports    ports
}

// walker follows one packet through the network, recording the
// components it passes and, when it stops, why.
type walker struct {
	n     Network
	proto Protocol
	// ret marks the answer's walk: security groups are stateful and let it
	// through; explanations are marked Return.
	ret bool
	// srcGroups and dstGroups are the groups of the walk's source and
	// destination that the other end's rules may refer to.
	srcGroups, dstGroups []string
	hops                 []Hop
	expl                 []Explanation
	// arrived is where the packet got to, once it got there.
	arrived end
	// nat is the NAT gateway that translated the packet's source, if one
	// did.
	nat end
}

func (w *walker) pass(h Hop) {
	if w.hops == nil {
		w.hops = make([]Hop, 0, 8)
	}
	w.hops = append(w.hops, h)
}

// block records why the packet stops and returns false.
func (w *walker) block(x Explanation) bool {
	x.Return = w.ret
	w.expl = append(w.expl, x)
	return false
}

// walk follows p from s to d.
func (w *walker) walk(s, d end, p *packet) bool {
	if s.isHost() {
		return w.fromHost(s, d, p)
	}
	return w.fromGateway(s, d, p)
}

// fromHost follows p out of host h: its security groups' outbound rules,
// then (unless d is in the same subnet) its subnet's network ACL and route
// table.
func (w *walker) fromHost(h, d end, p *packet) bool {
	w.pass(h.hop())
	if h.nic.IsValid() && !w.ret {
		if !w.securityGroups(h, Egress, p.dst, w.dstGroups, p) {
			return false
		}
	}
	if d.isHost() && d.subnet.ID() == h.subnet.ID() || (d.isAddr() || d.kind == KindNATGateway) && h.subnet.CIDR().Contains(p.dst) {
		// Traffic within a subnet meets neither its network ACL nor its
		// route table.
		return w.toHost(h.subnet.ID(), w.hostAt(h.subnet, p.dst), d, p)
	}
	if !w.networkACL(h.subnet, Egress, p.dst, p) {
		return false
	}
	t, ok := w.n.RouteTable(h.subnet.ID())
	if !ok {
		return w.block(Explanation{Code: NoRouteToDestination, Kind: KindSubnet, ID: h.subnet.ID(), VPCID: h.vpc,
			Address: p.dst, Message: "the subnet has no route table"})
	}
	return w.route(t, h, d, p)
}

// route follows p through the route that table t selects for it; from is
// the host sending it.
func (w *walker) route(t route.Table, from, d end, p *packet) bool {
	r, ok := t.Lookup(p.dst)
	if !ok {
		return w.block(Explanation{Code: NoRouteToDestination, Kind: KindRouteTable, ID: t.ID(), VPCID: t.VPCID(),
			RouteTableID: t.ID(), Address: p.dst, Message: fmt.Sprintf("no route of %s matches %s", t.ID(), p.dst)})
	}
	if !r.Forwards() {
		w.block(Explanation{Code: BadStateRoute, Kind: KindRouteTable, ID: t.ID(), VPCID: t.VPCID(), RouteTableID: t.ID(),
			Route: r, Address: p.dst, State: string(r.State), Message: fmt.Sprintf("the route %s -> %s is a blackhole", r.Destination, r.Target)})
		switch r.Target.Kind() {
		case route.KindPeeringConnection:
			if pc, ok := w.n.Peering(r.Target.ID()); ok && pc.Status != status.Active {
				w.block(Explanation{Code: BadState, Kind: KindPeeringConnection, ID: pc.ID, RouteTableID: t.ID(), Route: r,
					State: string(pc.Status), Message: fmt.Sprintf("%s is %s, not active", pc.ID, pc.Status)})
			}
		case route.KindNATGateway:
			if g, ok := w.n.NATGateway(r.Target.ID()); ok && g.State != gateway.NATAvailable {
				w.block(Explanation{Code: BadState, Kind: KindNATGateway, ID: g.ID, VPCID: g.VPCID, SubnetID: g.SubnetID, RouteTableID: t.ID(),
					Route: r, State: string(g.State), Message: fmt.Sprintf("%s is %s, not available", g.ID, g.State)})
			}
		}
		return false
	}
	hop := Hop{Kind: KindRouteTable, ID: t.ID(), VPCID: t.VPCID(), Route: r}
	id := r.Target.ID()
	switch r.Target.Kind() {
	case route.KindLocal:
		w.pass(hop)
		return w.inVPC(t.VPCID(), from.subnet.ID(), d, p)
	case route.KindPeeringConnection:
		w.pass(hop)
		return w.throughPeering(id, t.VPCID(), d, p)
	case route.KindInternetGateway:
		w.pass(hop)
		return w.toInternet(id, from, d, p)
	case route.KindVPNGateway:
		w.pass(hop)
		return w.toVPN(id, d, p)
	case route.KindNetworkInterface:
		w.pass(hop)
		return w.toInterface(id, from.subnet.ID(), d, p)
	case route.KindNATGateway:
		if from.kind == KindNATGateway {
			break
		}
		w.pass(hop)
		return w.toNAT(id, from, d, p)
	}
	return w.block(Explanation{Code: UnsupportedComponent, Kind: KindRouteTable, ID: t.ID(), VPCID: t.VPCID(), RouteTableID: t.ID(),
		Route: r, Address: p.dst, Message: fmt.Sprintf("the route %s leads to a %s, which this model does not follow", r, r.Target.Kind())})
}

// hostAt returns the host at addr in subnet s: its interface, or the bare
// address.
func (w *walker) hostAt(s subnet.Subnet, addr netip.Addr) end {
	if i, ok := w.n.InterfaceAt(s.ID(), addr); ok {
		return end{kind: KindNetworkInterface, id: i.ID(), subnet: s, vpc: s.VPCID(), nic: i, addr: addr}
	}
	return end{kind: KindAddress, id: s.ID(), subnet: s, vpc: s.VPCID(), addr: addr}
}

// inVPC delivers p within VPC vpcID by its local route, from subnet
// fromSubnet ("" for traffic from a gateway).
func (w *walker) inVPC(vpcID, fromSubnet string, d end, p *packet) bool {
	s, ok := w.n.SubnetAt(vpcID, p.dst)
	if !ok {
		return w.block(Explanation{Code: NoPossibleDestination, Kind: KindVPC, ID: vpcID, VPCID: vpcID, Address: p.dst,
			Message: fmt.Sprintf("no subnet of %s holds %s", vpcID, p.dst)})
	}
	return w.toHost(fromSubnet, w.hostAt(s, p.dst), d, p)
}

// toHost delivers p to host h, from subnet fromSubnet: h's subnet's
// network ACL when p crosses into it, then h's security groups' inbound
// rules.
func (w *walker) toHost(fromSubnet string, h, d end, p *packet) bool {
	atNAT := d.kind == KindNATGateway && d.subnet.ID() == h.subnet.ID() && d.addr == h.addr
	if !(d.isHost() && d.id == h.id && d.addr == h.addr || d.isAddr() || atNAT) {
		return w.block(Explanation{Code: NoPossibleDestination, Kind: h.kind, ID: h.id, VPCID: h.vpc, SubnetID: h.subnet.ID(),
			Address: p.dst, Message: fmt.Sprintf("the traffic arrives at %s %s, which is not the destination", h.kind, h.addr)})
	}
	if fromSubnet != h.subnet.ID() {
		if !w.networkACL(h.subnet, Ingress, p.src, p) {
			return false
		}
	}
	if atNAT {
		// The answer to traffic the gateway translated.
		w.pass(d.hop())
		w.arrived = d
		return true
	}
	if h.nic.IsValid() && !w.ret {
		if !w.securityGroups(h, Ingress, p.src, w.srcGroups, p) {
			return false
		}
	}
	w.pass(h.hop())
	w.arrived = h
	return true
}

// throughPeering carries p across peering connection id from VPC from.
func (w *walker) throughPeering(id, from string, d end, p *packet) bool {
	pc, ok := w.n.Peering(id)
	if !ok || pc.Status != status.Active {
		return w.block(Explanation{Code: BadState, Kind: KindPeeringConnection, ID: id, State: string(pc.Status),
			Message: fmt.Sprintf("%s is not active", id)})
	}
	peer, _ := pc.other(from)
	v, _ := w.n.VPC(peer)
	if !v.contains(p.dst) {
		return w.block(Explanation{Code: PCXRequiresAddressInVPCCIDR, Kind: KindPeeringConnection, ID: id, VPCID: peer, Address: p.dst,
			Message: fmt.Sprintf("%s carries only addresses of %s's blocks, and %s is not one: peered VPCs do not forward traffic onwards", id, peer, p.dst)})
	}
	w.pass(Hop{Kind: KindPeeringConnection, ID: id})
	if d.kind == KindPeeringConnection && d.id == id {
		w.arrived = end{kind: KindPeeringConnection, id: id, addr: p.dst}
		return true
	}
	return w.inVPC(peer, "", d, p)
}

// toInternet sends p out through internet gateway id; from is the host
// sending it.
func (w *walker) toInternet(id string, from, d end, p *packet) bool {
	g, _ := w.n.InternetGateway(id)
	x := Explanation{Kind: KindInternetGateway, ID: id, VPCID: g.VPCID, Address: p.dst}
	switch {
	case isRFC1918(p.dst):
		x.Code, x.Message = IGWDestinationNotInRFC1918Egress, fmt.Sprintf("%s does not carry traffic to %s, a private (RFC 1918) address", id, p.dst)
		return w.block(x)
	case rfc6598.Contains(p.dst):
		x.Code, x.Message = IGWDestinationNotInRFC6598Egress, fmt.Sprintf("%s does not carry traffic to %s, a shared (RFC 6598) address", id, p.dst)
		return w.block(x)
	}
	if _, ok := from.public(); !ok {
		x.Code, x.Address = IGWPublicIPAssociationForEgress, p.src
		x.Message = fmt.Sprintf("%s carries traffic only from an interface or NAT gateway with a public address, and %s has none", id, from.id)
		return w.block(x)
	}
	if !w.ret && !w.publicAccess(from, true) {
		x.Code, x.SubnetID, x.Address = VPCBlockPublicAccessEnabled, from.subnet.ID(), p.src
		x.Message = fmt.Sprintf("VPC Block Public Access blocks the traffic of %s to the internet through %s", from.subnet.ID(), id)
		return w.block(x)
	}
	w.pass(Hop{Kind: KindInternetGateway, ID: id, VPCID: g.VPCID})
	if d.kind == KindInternetGateway && d.id == id || d.kind == "" {
		w.arrived = end{kind: KindInternetGateway, id: id, addr: p.dst}
		return true
	}
	x.Code, x.Message = NoPossibleDestination, fmt.Sprintf("the traffic leaves through %s to the internet, where the destination %s is not", id, d.id)
	return w.block(x)
}

// toVPN sends p out through virtual private gateway id.
func (w *walker) toVPN(id string, d end, p *packet) bool {
	g, _ := w.n.VPNGateway(id)
	conns := w.n.VPNConnections(id)
	c, ok := w.usableConnection(id, g.VPCID, conns)
	if !ok {
		return false
	}
	carrier := VPNConnection{}
	for _, x := range conns {
		if x.usable() && x.carries(p.dst) {
			carrier = x
			break
		}
	}
	if carrier.ID == "" {
		return w.block(Explanation{Code: NoRouteToDestination, Kind: KindVPNConnection, ID: c.ID, VPCID: g.VPCID, Address: p.dst,
			Message: fmt.Sprintf("no static route of %s's VPN connections covers %s", id, p.dst)})
	}
	w.pass(Hop{Kind: KindVPNGateway, ID: id, VPCID: g.VPCID})
	w.pass(Hop{Kind: KindVPNConnection, ID: carrier.ID})
	if d.kind == KindVPNGateway && d.id == id || d.kind == "" {
		w.arrived = end{kind: KindVPNGateway, id: id, addr: p.dst}
		return true
	}
	return w.block(Explanation{Code: NoPossibleDestination, Kind: KindVPNConnection, ID: carrier.ID, Address: p.dst,
		Message: fmt.Sprintf("the traffic leaves through %s to the customer's network, where the destination %s is not", carrier.ID, d.id)})
}

// usableConnection returns the first VPN connection of gateway id that is
// available with a tunnel UP, or blocks with BAD_STATE_VPN.
func (w *walker) usableConnection(id, vpcID string, conns []VPNConnection) (VPNConnection, bool) {
	for _, c := range conns {
		if c.usable() {
			return c, true
		}
	}
	x := Explanation{Code: BadStateVPN, Kind: KindVPNGateway, ID: id, VPCID: vpcID,
		Message: fmt.Sprintf("%s has no VPN connection", id)}
	if len(conns) > 0 {
		c := conns[0]
		x.Kind, x.ID, x.State = KindVPNConnection, c.ID, string(c.State)
		x.Message = fmt.Sprintf("no VPN connection of %s is available with a tunnel UP (%s is %s, tunnels %s)", id, c.ID, c.State, upDown(c.TunnelUp))
	}
	return VPNConnection{}, w.block(x)
}

func upDown(up bool) string {
	if up {
		return "UP"
	}
	return "DOWN"
}

// toInterface sends p to network interface id, a route's target, from
// subnet fromSubnet.
func (w *walker) toInterface(id, fromSubnet string, d end, p *packet) bool {
	i, ok := w.n.Interface(id)
	if !ok {
		return w.block(Explanation{Code: BadState, Kind: KindNetworkInterface, ID: id, Address: p.dst, Message: id + " does not exist"})
	}
	if p.dst == i.PrivateIP() {
		s, _ := w.n.Subnet(i.SubnetID())
		return w.toHost(fromSubnet, end{kind: KindNetworkInterface, id: id, subnet: s, vpc: i.VPCID(), nic: i, addr: i.PrivateIP()}, d, p)
	}
	x := Explanation{Kind: KindNetworkInterface, ID: id, VPCID: i.VPCID(), SubnetID: i.SubnetID(), Address: p.dst}
	if i.SourceDestCheck() {
		x.Code, x.Message = ENISourceDestCheckRestriction, fmt.Sprintf("%s drops traffic for %s: its source/destination check is on", id, p.dst)
		return w.block(x)
	}
	x.Code, x.Message = UnsupportedComponent, fmt.Sprintf("%s forwards %s as its instance does, which this model does not follow", id, p.dst)
	return w.block(x)
}

// fromGateway follows p into a VPC from gateway g.
func (w *walker) fromGateway(g, d end, p *packet) bool {
	n := w.n
	var vpcID string
	switch g.kind {
	case KindInternetGateway:
		ig, _ := n.InternetGateway(g.id)
		if ig.VPCID == "" {
			return w.block(Explanation{Code: BadStateAttachment, Kind: KindInternetGateway, ID: g.id, State: "detached",
				Message: fmt.Sprintf("%s is attached to no VPC", g.id)})
		}
		x := Explanation{Kind: KindInternetGateway, ID: g.id, VPCID: ig.VPCID, Address: p.src}
		switch {
		case isRFC1918(p.src):
			x.Code, x.Message = IGWSourceNotInRFC1918Ingress, fmt.Sprintf("%s drops traffic from %s, a private (RFC 1918) address", g.id, p.src)
			return w.block(x)
		case rfc6598.Contains(p.src):
			x.Code, x.Message = IGWSourceNotInRFC6598Ingress, fmt.Sprintf("%s drops traffic from %s, a shared (RFC 6598) address", g.id, p.src)
			return w.block(x)
		}
		if _, ok := d.public(); !ok || d.vpc != ig.VPCID {
			x.Code, x.Address = IGWPrivateIPAssociationForIngress, p.dst
			x.Message = fmt.Sprintf("%s carries traffic from the internet only to the public address of an interface of %s", g.id, ig.VPCID)
			return w.block(x)
		}
		if !w.ret && !w.publicAccess(d, false) {
			x.Code, x.SubnetID, x.Address = VPCBlockPublicAccessEnabled, d.subnet.ID(), p.dst
			x.Message = fmt.Sprintf("VPC Block Public Access blocks traffic from the internet through %s to %s", g.id, d.subnet.ID())
			return w.block(x)
		}
		vpcID = ig.VPCID
		w.pass(Hop{Kind: KindInternetGateway, ID: g.id, VPCID: vpcID})
	case KindVPNGateway:
		vg, _ := n.VPNGateway(g.id)
		if vg.VPCID == "" {
			return w.block(Explanation{Code: BadStateAttachment, Kind: KindVPNGateway, ID: g.id, State: "detached",
				Message: fmt.Sprintf("%s is attached to no VPC", g.id)})
		}
		c, ok := w.usableConnection(g.id, vg.VPCID, n.VPNConnections(g.id))
		if !ok {
			return false
		}
		vpcID = vg.VPCID
		w.pass(Hop{Kind: KindVPNConnection, ID: c.ID})
		w.pass(Hop{Kind: KindVPNGateway, ID: g.id, VPCID: vpcID})
	case KindPeeringConnection:
		pc, _ := n.Peering(g.id)
		if pc.Status != status.Active {
			return w.block(Explanation{Code: BadState, Kind: KindPeeringConnection, ID: g.id, State: string(pc.Status),
				Message: fmt.Sprintf("%s is %s, not active", g.id, pc.Status)})
		}
		for _, id := range []string{pc.Requester, pc.Accepter} {
			if v, ok := n.VPC(id); ok && v.contains(p.dst) {
				vpcID = id
			}
		}
		if vpcID == "" {
			return w.block(Explanation{Code: PCXRequiresAddressInVPCCIDR, Kind: KindPeeringConnection, ID: g.id, Address: p.dst,
				Message: fmt.Sprintf("%s carries only addresses of %s's and %s's blocks, and %s is not one", g.id, pc.Requester, pc.Accepter, p.dst)})
		}
		w.pass(Hop{Kind: KindPeeringConnection, ID: g.id})
		return w.inVPC(vpcID, "", d, p)
	}
	if v, _ := n.VPC(vpcID); !v.contains(p.dst) {
		return w.block(Explanation{Code: VPCLocalRouteCIDRRestriction, Kind: g.kind, ID: g.id, VPCID: vpcID, Address: p.dst,
			Message: fmt.Sprintf("traffic entering %s through %s reaches only the VPC's own addresses, and %s is not one", vpcID, g.id, p.dst)})
	}
	// A gateway route table sends what enters through the gateway.
	if t, ok := n.GatewayRouteTable(g.id); ok {
		r, ok := t.Lookup(p.dst)
		switch {
		case !ok:
			return w.block(Explanation{Code: NoRouteToDestination, Kind: KindRouteTable, ID: t.ID(), VPCID: vpcID, RouteTableID: t.ID(),
				Address: p.dst, Message: fmt.Sprintf("no route of %s, the route table of %s, matches %s", t.ID(), g.id, p.dst)})
		case !r.Forwards():
			return w.block(Explanation{Code: BadStateRoute, Kind: KindRouteTable, ID: t.ID(), VPCID: vpcID, RouteTableID: t.ID(), Route: r,
				Address: p.dst, State: string(r.State), Message: fmt.Sprintf("the route %s -> %s is a blackhole", r.Destination, r.Target)})
		}
		w.pass(Hop{Kind: KindRouteTable, ID: t.ID(), VPCID: vpcID, Route: r})
		switch r.Target.Kind() {
		case route.KindLocal:
		case route.KindNetworkInterface:
			return w.toInterface(r.Target.ID(), "", d, p)
		default:
			return w.block(Explanation{Code: UnsupportedComponent, Kind: KindRouteTable, ID: t.ID(), VPCID: vpcID, RouteTableID: t.ID(), Route: r,
				Address: p.dst, Message: fmt.Sprintf("the route %s leads to a %s, which this model does not follow", r, r.Target.Kind())})
		}
	}
	return w.inVPC(vpcID, "", d, p)
}

// networkACL lets through the destination ports of p that subnet s's
// network ACL allows in direction dir, for traffic whose other end is
// other, or blocks.
func (w *walker) networkACL(s subnet.Subnet, dir Direction, other netip.Addr, p *packet) bool {
	a, ok := w.n.NetworkACL(s.ID())
	x := Explanation{Code: SubnetACLRestriction, Kind: KindNetworkACL, ID: a.ID(), Direction: dir, VPCID: s.VPCID(), SubnetID: s.ID(),
		Address: other, Ports: p.ports}
	if !ok {
		x.Kind, x.ID, x.Message = KindSubnet, s.ID(), "the subnet has no network ACL"
		return w.block(x)
	}
	egress := dir == Egress
	rest := p.ports
	var allowed ports
	var allow, deny acl.Entry
	for e := range a.All() {
		if e.Egress != egress || !e.CIDR.Contains(other) || e.Protocol != acl.ProtocolAll && e.Protocol != w.proto.Number() {
			continue
		}
		r := AllPorts
		if e.Protocol != acl.ProtocolAll {
			r = PortRange{e.PortFrom, e.PortTo}
		}
		m := rest.intersect(r)
		if len(m) == 0 {
			continue
		}
		if e.Action == acl.Allow {
			allowed = allowed.union(m)
			if allow.RuleNumber == 0 {
				allow = e
			}
		} else if deny.RuleNumber == 0 {
			deny = e
		}
		if rest = rest.minus(r); len(rest) == 0 {
			break
		}
	}
	// The answer goes back to whichever source port the client chose, so
	// on the way back every one of them must get through.
	if refused := p.ports.minusAll(allowed); len(allowed) == 0 || w.ret && len(refused) > 0 {
		x.ACLEntry, x.Ports = deny, refused
		x.Message = fmt.Sprintf("%s denies %s traffic %s %s on ports %s", a.ID(), w.proto, towards(dir), other, portsString(refused))
		if deny.RuleNumber != 0 {
			x.Message += fmt.Sprintf(" (rule %d)", deny.RuleNumber)
		}
		if w.ret {
			x.Message += fmt.Sprintf("; the answer must reach every source port the client may use (%s)", portsString(p.ports))
		}
		return w.block(x)
	}
	p.ports = allowed
	w.pass(Hop{Kind: KindNetworkACL, ID: a.ID(), VPCID: s.VPCID(), SubnetID: s.ID(), Direction: dir, ACLEntry: allow})
	return true
}

func towards(dir Direction) string {
	if dir == Egress {
		return "to"
	}
	return "from"
}

// securityGroups lets through the destination ports of p that host h's
// security groups allow in direction dir, for traffic whose other end is
// the address other holding the groups others, or blocks.
func (w *walker) securityGroups(h end, dir Direction, other netip.Addr, others []string, p *packet) bool {
	egress := dir == Egress
	var allowed ports
	var first secgroup.Rule
	var firstGroup string
	rules := 0
	for i := range h.nic.NumGroups() {
		id := h.nic.Group(i)
		g, ok := w.n.SecurityGroup(id)
		if !ok {
			continue
		}
		for r := range g.All() {
			if r.Egress != egress {
				continue
			}
			rules++
			if r.Protocol != secgroup.All && string(r.Protocol) != string(w.proto) {
				continue
			}
			if !peerMatches(r.Peer, other, others) {
				continue
			}
			rng := AllPorts
			if r.Protocol != secgroup.All {
				rng = PortRange{r.FromPort, r.ToPort}
			}
			m := p.ports.intersect(rng)
			if len(m) == 0 {
				continue
			}
			allowed = allowed.union(m)
			if firstGroup == "" {
				first, firstGroup = r, id
			}
		}
	}
	if len(allowed) == 0 {
		x := Explanation{Code: ENISGRulesMismatch, Kind: KindNetworkInterface, ID: h.id, Direction: dir, VPCID: h.vpc,
			SubnetID: h.subnet.ID(), Address: other, Ports: p.ports, SecurityGroups: h.nic.Groups(),
			Message: fmt.Sprintf("no %s rule of the security groups of %s allows %s traffic %s %s on ports %s", dir, h.id, w.proto, towards(dir), other, portsString(p.ports))}
		if rules == 0 {
			x.Code = SGHasNoRules
			x.Message = fmt.Sprintf("the security groups of %s have no %s rules", h.id, dir)
		}
		return w.block(x)
	}
	p.ports = allowed
	w.pass(Hop{Kind: KindSecurityGroup, ID: firstGroup, VPCID: h.vpc, Direction: dir, Rule: first})
	return true
}

// peerMatches reports whether a rule's peer matches traffic whose other
// end is addr, holding groups. Prefix lists hold no address this model
// knows, so they match nothing.
func peerMatches(peer secgroup.Peer, addr netip.Addr, groups []string) bool {
	if c, ok := peer.CIDR(); ok {
		return c.Contains(addr)
	}
	if ref, ok := peer.Group(); ok {
		for _, g := range groups {
			if g == ref.GroupID {
				return true
			}
		}
	}
	return false
}

// publicAccess reports whether VPC Block Public Access lets through an
// internet gateway the traffic of e (a host or a NAT gateway), started by
// e (outbound) or from the internet.
func (w *walker) publicAccess(e end, outbound bool) bool {
	mode, ex := w.n.BlockPublicAccess(e.subnet.ID())
	return bpa.Allows(bpa.Options{Mode: mode}, ex, outbound, e.kind == KindNATGateway)
}

// toNAT sends p to NAT gateway id, a route's target, from host from: the
// gateway's subnet's network ACL lets it in (from another subnet), the
// gateway translates its source to the gateway's private address and sends
// it on as its subnet's route table says.
func (w *walker) toNAT(id string, from, d end, p *packet) bool {
	g, ok := w.n.NATGateway(id)
	if !ok {
		return w.block(Explanation{Code: BadState, Kind: KindNATGateway, ID: id, Address: p.dst, Message: id + " does not exist"})
	}
	if g.State != gateway.NATAvailable || !g.PrivateIP.IsValid() {
		return w.block(Explanation{Code: BadState, Kind: KindNATGateway, ID: id, VPCID: g.VPCID, SubnetID: g.SubnetID, Address: p.dst,
			State: string(g.State), Message: fmt.Sprintf("%s is %s, not available", id, g.State)})
	}
	s, ok := w.n.Subnet(g.SubnetID)
	if !ok {
		return w.block(Explanation{Code: BadState, Kind: KindNATGateway, ID: id, VPCID: g.VPCID, SubnetID: g.SubnetID, Address: p.dst,
			Message: fmt.Sprintf("the subnet %s of %s does not exist", g.SubnetID, id)})
	}
	if from.subnet.ID() != s.ID() {
		if !w.networkACL(s, Ingress, p.src, p) {
			return false
		}
	}
	e := natEnd(g, s)
	w.pass(e.hop())
	// What the gateway sends on comes from its own address, and rules that
	// refer to the sender's security groups no longer match it.
	w.nat, p.src, w.srcGroups = e, g.PrivateIP, nil
	return w.fromNAT(e, d, p)
}

// natEnd returns the end that stands for NAT gateway g in subnet s.
func natEnd(g NATGateway, s subnet.Subnet) end {
	return end{kind: KindNATGateway, id: g.ID, subnet: s, vpc: g.VPCID, addr: g.PrivateIP, nat: g}
}

// fromNAT follows p out of NAT gateway e, as a host without security
// groups: unless d is in its subnet, its subnet's network ACL and route
// table.
func (w *walker) fromNAT(e, d end, p *packet) bool {
	if d.isHost() && d.subnet.ID() == e.subnet.ID() || d.isAddr() && e.subnet.CIDR().Contains(p.dst) {
		return w.toHost(e.subnet.ID(), w.hostAt(e.subnet, p.dst), d, p)
	}
	if !w.networkACL(e.subnet, Egress, p.dst, p) {
		return false
	}
	t, ok := w.n.RouteTable(e.subnet.ID())
	if !ok {
		return w.block(Explanation{Code: NoRouteToDestination, Kind: KindSubnet, ID: e.subnet.ID(), VPCID: e.vpc,
			Address: p.dst, Message: "the subnet has no route table"})
	}
	return w.route(t, e, d, p)
}
