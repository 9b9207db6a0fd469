package vpcmodel_test

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/reach"
)

// The oracle: a slow packet walk, written from the VPC User Guide's rules
// and package reach's documented decisions, over what the Cloud's Describe
// actions answer. It follows one concrete packet at a time (one protocol,
// one address at each end, one port each way) and tries every packet that
// could behave differently: each address and port where any prefix or
// range anywhere in the world begins or ends. It shares no code with
// package reach.

// oracle is the world as Describe shows it.
type oracle struct {
	vpcs    map[string][]netip.Prefix // associated IPv4 blocks
	subnets map[string]oSubnet
	enis    map[string]oENI
	tables  map[string]oTable
	acls    map[string][]vpcmodel.NetworkACLEntry
	aclOf   map[string]string // subnet -> ACL
	rules   map[string][]vpcmodel.SecurityGroupRule
	pcxs    map[string]vpcmodel.VPCPeeringConnection
	igws    map[string]string // gateway -> attached VPC
	vgws    map[string]string // gateway -> attached VPC ("" when not attached)
	vpns    []vpcmodel.VPNConnection
	nats    map[string]oNAT
	// Block Public Access: the Region's mode and the live exclusions' modes
	// by the VPC or subnet they exempt.
	blockMode  string
	exclusions map[string]string
}

// oNAT is a NAT gateway.
type oNAT struct {
	id, subnet, vpc, state string
	private, public        netip.Addr // public only for a public gateway
}

type oSubnet struct {
	vpc  string
	cidr netip.Prefix
}

type oENI struct {
	id, subnet, vpc string
	ip, public      netip.Addr
	groups          []string
	check           bool
}

type oTable struct {
	id, vpc  string
	routes   []vpcmodel.Route
	main     bool
	subnets  []string
	gateways []string
}

func mustDescribe[T any](t *rapid.T) func(T, error) T {
	return func(v T, err error) T {
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// readOracle describes everything who can see.
func readOracle(t *rapid.T, c *vpcmodel.Cloud, who vpcmodel.Caller, w *lab) *oracle {
	o := &oracle{vpcs: map[string][]netip.Prefix{}, subnets: map[string]oSubnet{}, enis: map[string]oENI{}, tables: map[string]oTable{},
		acls: map[string][]vpcmodel.NetworkACLEntry{}, aclOf: map[string]string{}, rules: map[string][]vpcmodel.SecurityGroupRule{},
		pcxs: map[string]vpcmodel.VPCPeeringConnection{}, igws: map[string]string{}, vgws: map[string]string{},
		nats: map[string]oNAT{}, exclusions: map[string]string{}}
	now := w.now
	for _, v := range mustDescribe[vpcmodel.DescribeVpcsOutput](t)(c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{}, now)).VPCs {
		for _, b := range v.CIDRBlockAssociations {
			if b.CIDRBlockState.State == "associated" {
				o.vpcs[v.VPCID] = append(o.vpcs[v.VPCID], netip.MustParsePrefix(b.CIDRBlock))
			}
		}
	}
	for _, s := range mustDescribe[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(who, vpcmodel.DescribeSubnetsInput{}, now)).Subnets {
		o.subnets[s.SubnetID] = oSubnet{s.VPCID, netip.MustParsePrefix(s.CIDRBlock)}
	}
	for _, e := range mustDescribe[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(who, vpcmodel.DescribeNetworkInterfacesInput{}, now)).NetworkInterfaces {
		if e.InterfaceType == "nat_gateway" {
			continue // a NAT gateway's own interface: the gateway, below
		}
		x := oENI{id: e.NetworkInterfaceID, subnet: e.SubnetID, vpc: e.VPCID, ip: netip.MustParseAddr(e.PrivateIPAddress), check: e.SourceDestCheck}
		if e.Association.Set {
			x.public = netip.MustParseAddr(e.Association.Value.PublicIP)
		}
		for _, g := range e.Groups {
			x.groups = append(x.groups, g.GroupID)
		}
		o.enis[x.id] = x
	}
	for _, rt := range mustDescribe[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{}, now)).RouteTables {
		x := oTable{id: rt.RouteTableID, vpc: rt.VPCID, routes: rt.Routes}
		for _, a := range rt.Associations {
			switch {
			case a.Main:
				x.main = true
			case a.SubnetID != "":
				x.subnets = append(x.subnets, a.SubnetID)
			case a.GatewayID != "":
				x.gateways = append(x.gateways, a.GatewayID)
			}
		}
		o.tables[x.id] = x
	}
	for _, a := range mustDescribe[vpcmodel.DescribeNetworkAclsOutput](t)(c.DescribeNetworkAcls(who, vpcmodel.DescribeNetworkAclsInput{}, now)).NetworkACLs {
		o.acls[a.NetworkACLID] = a.Entries
		for _, as := range a.Associations {
			o.aclOf[as.SubnetID] = a.NetworkACLID
		}
	}
	for _, r := range mustDescribe[vpcmodel.DescribeSecurityGroupRulesOutput](t)(c.DescribeSecurityGroupRules(who, vpcmodel.DescribeSecurityGroupRulesInput{}, now)).SecurityGroupRules {
		o.rules[r.GroupID] = append(o.rules[r.GroupID], r)
	}
	for _, p := range mustDescribe[vpcmodel.DescribeVpcPeeringConnectionsOutput](t)(c.DescribeVpcPeeringConnections(who, vpcmodel.DescribeVpcPeeringConnectionsInput{}, now)).VPCPeeringConnections {
		o.pcxs[p.VPCPeeringConnectionID] = p
	}
	for _, g := range mustDescribe[vpcmodel.DescribeInternetGatewaysOutput](t)(c.DescribeInternetGateways(who, vpcmodel.DescribeInternetGatewaysInput{}, now)).InternetGateways {
		o.igws[g.InternetGatewayID] = ""
		for _, a := range g.Attachments {
			o.igws[g.InternetGatewayID] = a.VPCID
		}
	}
	for _, g := range mustDescribe[vpcmodel.DescribeVpnGatewaysOutput](t)(c.DescribeVpnGateways(who, vpcmodel.DescribeVpnGatewaysInput{}, now)).VPNGateways {
		if g.State == "deleted" {
			continue
		}
		o.vgws[g.VPNGatewayID] = ""
		for _, a := range g.VPCAttachments {
			if a.State == "attached" {
				o.vgws[g.VPNGatewayID] = a.VPCID
			}
		}
	}
	for _, v := range mustDescribe[vpcmodel.DescribeVpnConnectionsOutput](t)(c.DescribeVpnConnections(who, vpcmodel.DescribeVpnConnectionsInput{}, now)).VPNConnections {
		if v.State != "deleted" {
			o.vpns = append(o.vpns, v)
		}
	}
	for _, g := range mustDescribe[vpcmodel.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(who, vpcmodel.DescribeNatGatewaysInput{}, now)).NATGateways {
		x := oNAT{id: g.NATGatewayID, subnet: g.SubnetID, vpc: g.VPCID, state: g.State}
		for _, a := range g.NATGatewayAddresses {
			if a.PrivateIP != "" {
				x.private = netip.MustParseAddr(a.PrivateIP)
			}
			if a.PublicIP != "" && g.ConnectivityType == "public" {
				x.public = netip.MustParseAddr(a.PublicIP)
			}
		}
		o.nats[x.id] = x
	}
	o.blockMode = mustDescribe[vpcmodel.DescribeVpcBlockPublicAccessOptionsOutput](t)(c.DescribeVpcBlockPublicAccessOptions(who,
		vpcmodel.DescribeVpcBlockPublicAccessOptionsInput{}, now)).Options.InternetGatewayBlockMode
	for _, e := range mustDescribe[vpcmodel.DescribeVpcBlockPublicAccessExclusionsOutput](t)(c.DescribeVpcBlockPublicAccessExclusions(who,
		vpcmodel.DescribeVpcBlockPublicAccessExclusionsInput{}, now)).Exclusions {
		if e.State == "delete-in-progress" || e.State == "delete-complete" {
			continue
		}
		arn := e.ResourceARN
		o.exclusions[arn[strings.LastIndex(arn, "/")+1:]] = e.InternetGatewayExclusionMode
	}
	slices.SortFunc(o.vpns, func(a, b vpcmodel.VPNConnection) int {
		if a.VPNConnectionID < b.VPNConnectionID {
			return -1
		}
		return 1
	})
	return o
}

// oEnd is one end of a path as the oracle sees it.
type oEnd struct {
	kind   string // "eni", "host" (a bare address in a subnet), "igw", "vgw", "pcx", "addr", "nat"
	id     string // the ENI, the subnet of a bare host, the gateway
	subnet string
	vpc    string
	eni    oENI
	addr   netip.Addr
}

func (e oEnd) host() bool { return e.kind == "eni" || e.kind == "host" }

// verdict is how far one packet got.
type verdict struct {
	ok    bool
	depth int    // components passed, both ways
	code  string // where it stopped, when it did
	id    string
	ret   bool
}

// oWalk is one packet's walk in one direction.
type oWalk struct {
	o      *oracle
	proto  string // "tcp", "udp"
	ret    bool
	depth  int
	stop   verdict
	landed oEnd // where it arrived
	nat    oEnd // the NAT gateway that translated the source, if one did
	// Groups of the far end that rules at this end may match.
	otherGroups map[string][]string // ENI -> groups seen as the other end's
}

func (w *oWalk) fail(code, id string) bool {
	w.stop = verdict{code: code, id: id, ret: w.ret}
	return false
}

func protoNumber(p string) string {
	if p == "tcp" {
		return "6"
	}
	return "17"
}

// aclAllows runs the entries of an ACL in rule-number order: the first that
// matches decides.
func (o *oracle) aclAllows(acl string, egress bool, proto string, other netip.Addr, port int) bool {
	entries := slices.Clone(o.acls[acl])
	slices.SortFunc(entries, func(a, b vpcmodel.NetworkACLEntry) int { return a.RuleNumber - b.RuleNumber })
	for _, e := range entries {
		if e.Egress != egress || e.CIDRBlock == "" || !netip.MustParsePrefix(e.CIDRBlock).Contains(other) {
			continue
		}
		if e.Protocol != "-1" && e.Protocol != protoNumber(proto) {
			continue
		}
		if e.Protocol != "-1" && (port < e.PortRange.Value.From || port > e.PortRange.Value.To) {
			continue
		}
		return e.RuleAction == "allow"
	}
	return false
}

// sgAllows reports whether any rule of the groups allows the packet, and
// whether the groups have any rule that way at all.
func (o *oracle) sgAllows(groups []string, egress bool, proto string, other netip.Addr, otherGroups []string, port int) (allowed, any bool) {
	for _, g := range groups {
		for _, r := range o.rules[g] {
			if r.IsEgress != egress {
				continue
			}
			any = true
			if r.IPProtocol != "-1" && r.IPProtocol != proto {
				continue
			}
			if r.IPProtocol != "-1" && (port < r.FromPort || port > r.ToPort) {
				continue
			}
			switch {
			case r.CIDRIPv4 != "":
				if netip.MustParsePrefix(r.CIDRIPv4).Contains(other) {
					allowed = true
				}
			case r.ReferencedGroupInfo.Set:
				if slices.Contains(otherGroups, r.ReferencedGroupInfo.Value.GroupID) {
					allowed = true
				}
			}
		}
	}
	return allowed, any
}

// tableOf returns the route table a subnet uses.
func (o *oracle) tableOf(subnet string) (oTable, bool) {
	var main oTable
	found := false
	for _, t := range o.tables {
		if slices.Contains(t.subnets, subnet) {
			return t, true
		}
		if t.main && t.vpc == o.subnets[subnet].vpc {
			main, found = t, true
		}
	}
	return main, found
}

// lookup is longest-prefix match: a propagated route is no candidate for
// an address inside a local route's destination, and on a tie a static
// route wins.
func lookup(t oTable, a netip.Addr) (vpcmodel.Route, bool) {
	local := false
	for _, r := range t.routes {
		if r.Origin == "CreateRouteTable" && netip.MustParsePrefix(r.DestinationCIDRBlock).Contains(a) {
			local = true
		}
	}
	best, bestBits := vpcmodel.Route{}, -1
	for _, r := range t.routes {
		if r.DestinationCIDRBlock == "" {
			continue
		}
		p := netip.MustParsePrefix(r.DestinationCIDRBlock)
		if !p.Contains(a) || local && r.Origin == "EnableVgwRoutePropagation" {
			continue
		}
		if p.Bits() > bestBits || p.Bits() == bestBits && best.Origin == "EnableVgwRoutePropagation" {
			best, bestBits = r, p.Bits()
		}
	}
	return best, bestBits >= 0
}

func targetOf(r vpcmodel.Route) string {
	for _, id := range []string{r.GatewayID, r.VPCPeeringConnectionID, r.NetworkInterfaceID, r.NATGatewayID, r.TransitGatewayID} {
		if id != "" {
			return id
		}
	}
	return ""
}

func inBlocks(blocks []netip.Prefix, a netip.Addr) bool {
	return slices.ContainsFunc(blocks, func(p netip.Prefix) bool { return p.Contains(a) })
}

func private1918(a netip.Addr) bool {
	return inBlocks([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16")}, a)
}

var shared6598 = netip.MustParsePrefix("100.64.0.0/10")

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// hostAt returns what holds address a in a VPC: an interface, a bare host
// of a subnet, or nothing.
func (o *oracle) hostAt(vpc string, a netip.Addr) (oEnd, bool) {
	for id, s := range o.subnets {
		if s.vpc != vpc || !s.cidr.Contains(a) {
			continue
		}
		for _, e := range o.enis {
			if e.subnet == id && e.ip == a {
				return oEnd{kind: "eni", id: e.id, subnet: id, vpc: vpc, eni: e, addr: a}, true
			}
		}
		return oEnd{kind: "host", id: id, subnet: id, vpc: vpc, addr: a}, true
	}
	return oEnd{}, false
}

func (e oEnd) same(d oEnd) bool {
	return d.host() && d.id == e.id && d.addr == e.addr || d.kind == "addr" || d.kind == "nat" && d.subnet == e.subnet && d.addr == e.addr
}

// publicAllowed is Block Public Access for traffic through an internet
// gateway of subnet sub, started inside (outbound) or outside, by a NAT
// gateway or not. The guide: block-bidirectional blocks everything;
// block-ingress blocks everything but traffic to and from NAT gateways
// (which only start connections outwards); an exclusion of the subnet or
// its VPC lets through everything (allow-bidirectional) or what starts
// inside (allow-egress).
func (o *oracle) publicAllowed(sub string, outbound, nat bool) bool {
	for _, id := range []string{sub, o.subnets[sub].vpc} {
		switch o.exclusions[id] {
		case "allow-bidirectional":
			return true
		case "allow-egress":
			if outbound {
				return true
			}
		}
	}
	switch o.blockMode {
	case "block-bidirectional":
		return false
	case "block-ingress":
		return outbound && nat
	}
	return true
}

// usableVPN returns the first connection of a gateway that is available
// (or modifying) with a tunnel UP, and the first connection at all.
func (o *oracle) usableVPN(vgw string) (usable []vpcmodel.VPNConnection, first string) {
	for _, v := range o.vpns {
		if v.VPNGatewayID != vgw {
			continue
		}
		if first == "" {
			first = v.VPNConnectionID
		}
		up := false
		for _, t := range v.VGWTelemetry {
			up = up || t.Status == "UP"
		}
		if up && (v.State == "available" || v.State == "modifying") {
			usable = append(usable, v)
		}
	}
	return usable, first
}

func carries(v vpcmodel.VPNConnection, a netip.Addr) bool {
	if !v.Options.StaticRoutesOnly {
		return true
	}
	for _, r := range v.Routes {
		if r.State == "available" && netip.MustParsePrefix(r.DestinationCIDRBlock).Contains(a) {
			return true
		}
	}
	return false
}

// from walks a packet out of host h towards d.
func (w *oWalk) from(h, d oEnd, src, dst netip.Addr, port int) bool {
	o := w.o
	if h.kind != "nat" {
		w.depth++ // the host; a NAT gateway was counted on arrival
	}
	if h.kind == "eni" && !w.ret {
		ok, any := o.sgAllows(h.eni.groups, true, w.proto, dst, w.otherGroups[h.eni.id], port)
		if !ok {
			if !any {
				return w.fail("SG_HAS_NO_RULES", h.id)
			}
			return w.fail("ENI_SG_RULES_MISMATCH", h.id)
		}
		w.depth++
	}
	sameSubnet := d.host() && d.subnet == h.subnet || (d.kind == "addr" || d.kind == "nat") && o.subnets[h.subnet].cidr.Contains(dst)
	if sameSubnet {
		x, _ := o.hostAt(h.vpc, dst)
		return w.arrive(h.subnet, x, d, src, dst, port)
	}
	acl := o.aclOf[h.subnet]
	if !o.aclAllows(acl, true, w.proto, dst, port) {
		return w.fail("SUBNET_ACL_RESTRICTION", acl)
	}
	w.depth++
	t, _ := o.tableOf(h.subnet)
	r, ok := lookup(t, dst)
	if !ok {
		return w.fail("NO_ROUTE_TO_DESTINATION", t.id)
	}
	if r.State != "active" {
		return w.fail("BAD_STATE_ROUTE", t.id)
	}
	target := targetOf(r)
	followed := target == "local" || hasPrefix(target, "pcx-") || hasPrefix(target, "igw-") || hasPrefix(target, "vgw-") ||
		hasPrefix(target, "eni-") || hasPrefix(target, "nat-") && h.kind != "nat"
	if !followed {
		// A target the analysis does not follow, NAT gateway to NAT
		// gateway among them.
		return w.fail("UNSUPPORTED_COMPONENT", t.id)
	}
	w.depth++
	switch {
	case target == "local":
		x, ok := o.hostAt(h.vpc, dst)
		if !ok {
			return w.fail("NO_POSSIBLE_DESTINATION", h.vpc)
		}
		return w.arrive(h.subnet, x, d, src, dst, port)
	case hasPrefix(target, "pcx-"):
		p := o.pcxs[target]
		peer := p.AccepterVPCInfo.VPCID
		if peer == h.vpc {
			peer = p.RequesterVPCInfo.VPCID
		}
		if !inBlocks(o.vpcs[peer], dst) {
			return w.fail("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", target)
		}
		w.depth++
		if d.kind == "pcx" && d.id == target {
			w.landed = oEnd{kind: "pcx", id: target, addr: dst}
			return true
		}
		x, ok := o.hostAt(peer, dst)
		if !ok {
			return w.fail("NO_POSSIBLE_DESTINATION", peer)
		}
		return w.arrive("", x, d, src, dst, port)
	case hasPrefix(target, "igw-"):
		switch {
		case private1918(dst):
			return w.fail("IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", target)
		case shared6598.Contains(dst):
			return w.fail("IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS", target)
		case !h.eni.public.IsValid():
			return w.fail("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", target)
		case !w.ret && !o.publicAllowed(h.subnet, true, h.kind == "nat"):
			return w.fail("VPC_BLOCK_PUBLIC_ACCESS_ENABLED", target)
		}
		w.depth++
		if d.kind == "igw" && d.id == target || d.kind == "addr" {
			w.landed = oEnd{kind: "igw", id: target, addr: dst}
			return true
		}
		return w.fail("NO_POSSIBLE_DESTINATION", target)
	case hasPrefix(target, "vgw-"):
		usable, first := o.usableVPN(target)
		if len(usable) == 0 {
			if first == "" {
				return w.fail("BAD_STATE_VPN", target)
			}
			return w.fail("BAD_STATE_VPN", first)
		}
		var carrier string
		for _, v := range usable {
			if carries(v, dst) {
				carrier = v.VPNConnectionID
				break
			}
		}
		if carrier == "" {
			return w.fail("NO_ROUTE_TO_DESTINATION", usable[0].VPNConnectionID)
		}
		w.depth += 2 // the gateway and the connection
		if d.kind == "vgw" && d.id == target || d.kind == "addr" {
			w.landed = oEnd{kind: "vgw", id: target, addr: dst}
			return true
		}
		return w.fail("NO_POSSIBLE_DESTINATION", carrier)
	case hasPrefix(target, "eni-"):
		e, ok := o.enis[target]
		if !ok {
			return w.fail("BAD_STATE", target)
		}
		if e.ip == dst {
			return w.arrive(h.subnet, oEnd{kind: "eni", id: e.id, subnet: e.subnet, vpc: e.vpc, eni: e, addr: e.ip}, d, src, dst, port)
		}
		if e.check {
			return w.fail("ENI_SOURCE_DEST_CHECK_RESTRICTION", target)
		}
		return w.fail("UNSUPPORTED_COMPONENT", target)
	case hasPrefix(target, "nat-"):
		// A NAT gateway in a subnet of the VPC: available, it takes the
		// packet in through its subnet's network ACL, sends it on from its
		// own private address by its subnet's route table, and takes the
		// answer back.
		g := o.nats[target]
		if g.state != "available" {
			return w.fail("BAD_STATE", target)
		}
		if g.subnet != h.subnet {
			acl := o.aclOf[g.subnet]
			if !o.aclAllows(acl, false, w.proto, src, port) {
				return w.fail("SUBNET_ACL_RESTRICTION", acl)
			}
			w.depth++
		}
		w.depth++ // the gateway
		n := o.natEnd(g)
		w.nat, w.otherGroups = n, nil
		return w.from(n, d, g.private, dst, port)
	}
	return w.fail("UNSUPPORTED_COMPONENT", t.id)
}

// natEnd is NAT gateway g as the end of a walk.
func (o *oracle) natEnd(g oNAT) oEnd {
	return oEnd{kind: "nat", id: g.id, subnet: g.subnet, vpc: g.vpc, eni: oENI{public: g.public}, addr: g.private}
}

// arrive delivers a packet to host x from subnet fromSubnet ("" from a
// gateway); d is where it should go.
func (w *oWalk) arrive(fromSubnet string, x, d oEnd, src, dst netip.Addr, port int) bool {
	if !x.same(d) {
		return w.fail("NO_POSSIBLE_DESTINATION", x.id)
	}
	if fromSubnet != x.subnet {
		acl := w.o.aclOf[x.subnet]
		if !w.o.aclAllows(acl, false, w.proto, src, port) {
			return w.fail("SUBNET_ACL_RESTRICTION", acl)
		}
		w.depth++
	}
	if d.kind == "nat" {
		w.depth++
		w.landed = d
		return true
	}
	if x.kind == "eni" && !w.ret {
		ok, any := w.o.sgAllows(x.eni.groups, false, w.proto, src, w.otherGroups[x.eni.id], port)
		if !ok {
			if !any {
				return w.fail("SG_HAS_NO_RULES", x.id)
			}
			return w.fail("ENI_SG_RULES_MISMATCH", x.id)
		}
		w.depth++
	}
	w.depth++
	w.landed = x
	return true
}

// enter walks a packet into a VPC from gateway g towards d.
func (w *oWalk) enter(g, d oEnd, src, dst netip.Addr, port int) bool {
	o := w.o
	var vpc string
	switch g.kind {
	case "igw":
		vpc = o.igws[g.id]
		switch {
		case vpc == "":
			return w.fail("BAD_STATE_ATTACHMENT", g.id)
		case private1918(src):
			return w.fail("IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS", g.id)
		case shared6598.Contains(src):
			return w.fail("IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS", g.id)
		case d.kind != "eni" && d.kind != "nat" || !d.eni.public.IsValid() || d.vpc != vpc:
			return w.fail("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS", g.id)
		case !w.ret && !o.publicAllowed(d.subnet, false, false):
			return w.fail("VPC_BLOCK_PUBLIC_ACCESS_ENABLED", g.id)
		}
		w.depth++
	case "vgw":
		vpc = o.vgws[g.id]
		if vpc == "" {
			return w.fail("BAD_STATE_ATTACHMENT", g.id)
		}
		usable, first := o.usableVPN(g.id)
		if len(usable) == 0 {
			if first == "" {
				return w.fail("BAD_STATE_VPN", g.id)
			}
			return w.fail("BAD_STATE_VPN", first)
		}
		w.depth += 2
	case "pcx":
		p := o.pcxs[g.id]
		if p.Status.Code != "active" {
			return w.fail("BAD_STATE", g.id)
		}
		for _, v := range []string{p.RequesterVPCInfo.VPCID, p.AccepterVPCInfo.VPCID} {
			if inBlocks(o.vpcs[v], dst) {
				vpc = v
			}
		}
		if vpc == "" {
			return w.fail("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", g.id)
		}
		w.depth++
		x, ok := o.hostAt(vpc, dst)
		if !ok {
			return w.fail("NO_POSSIBLE_DESTINATION", vpc)
		}
		return w.arrive("", x, d, src, dst, port)
	}
	if !inBlocks(o.vpcs[vpc], dst) {
		return w.fail("VPC_LOCAL_ROUTE_CIDR_RESTRICTION", g.id)
	}
	for _, t := range o.tables {
		if !slices.Contains(t.gateways, g.id) {
			continue
		}
		r, ok := lookup(t, dst)
		if !ok {
			return w.fail("NO_ROUTE_TO_DESTINATION", t.id)
		}
		if r.State != "active" {
			return w.fail("BAD_STATE_ROUTE", t.id)
		}
		w.depth++
		if target := targetOf(r); target != "local" {
			return w.fail("UNSUPPORTED_COMPONENT", t.id)
		}
	}
	x, ok := o.hostAt(vpc, dst)
	if !ok {
		return w.fail("NO_POSSIBLE_DESTINATION", vpc)
	}
	return w.arrive("", x, d, src, dst, port)
}

// walk walks a packet from s to d.
func (w *oWalk) walk(s, d oEnd, src, dst netip.Addr, port int) bool {
	if s.host() {
		return w.from(s, d, src, dst, port)
	}
	return w.enter(s, d, src, dst, port)
}

// judge follows one packet there and back.
func (o *oracle) judge(s, d oEnd, proto string, src, dst netip.Addr, sport, dport int) verdict {
	groups := map[string][]string{}
	if s.kind == "eni" && d.kind == "eni" && (s.vpc == d.vpc || o.activeBetween(s.vpc, d.vpc)) {
		groups[s.eni.id] = d.eni.groups
		groups[d.eni.id] = s.eni.groups
	}
	fwd := &oWalk{o: o, proto: proto, otherGroups: groups}
	if !fwd.walk(s, d, src, dst, dport) {
		fwd.stop.depth = fwd.depth
		return fwd.stop
	}
	back := &oWalk{o: o, proto: proto, ret: true}
	ok := false
	if n := fwd.nat; n.kind == "nat" {
		// The answer goes to the NAT gateway, which sends it on to the
		// source.
		ok = back.walk(fwd.landed, n, dst, n.addr, sport) && back.from(n, s, dst, src, sport)
	} else {
		ok = back.walk(fwd.landed, s, dst, src, sport)
	}
	if !ok {
		back.stop.depth = fwd.depth + back.depth
		return back.stop
	}
	return verdict{ok: true, depth: fwd.depth + back.depth}
}

func (o *oracle) activeBetween(a, b string) bool {
	for _, p := range o.pcxs {
		x, y := p.RequesterVPCInfo.VPCID, p.AccepterVPCInfo.VPCID
		if p.Status.Code == "active" && (x == a && y == b || x == b && y == a) {
			return true
		}
	}
	return false
}

// addresses returns every address where some prefix of the world begins
// or ends, and the addresses after the ends: each stands for all the
// addresses that no prefix tells apart from it.
func (o *oracle) addresses() []netip.Addr {
	var ps []netip.Prefix
	for _, bs := range o.vpcs {
		ps = append(ps, bs...)
	}
	for _, s := range o.subnets {
		ps = append(ps, s.cidr)
	}
	for _, t := range o.tables {
		for _, r := range t.routes {
			if r.DestinationCIDRBlock != "" {
				ps = append(ps, netip.MustParsePrefix(r.DestinationCIDRBlock))
			}
		}
	}
	for _, es := range o.acls {
		for _, e := range es {
			if e.CIDRBlock != "" {
				ps = append(ps, netip.MustParsePrefix(e.CIDRBlock))
			}
		}
	}
	for _, rs := range o.rules {
		for _, r := range rs {
			if r.CIDRIPv4 != "" {
				ps = append(ps, netip.MustParsePrefix(r.CIDRIPv4))
			}
		}
	}
	for _, v := range o.vpns {
		for _, r := range v.Routes {
			ps = append(ps, netip.MustParsePrefix(r.DestinationCIDRBlock))
		}
	}
	ps = append(ps, netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"), shared6598, netip.MustParsePrefix("0.0.0.0/0"))
	var out []netip.Addr
	for _, p := range ps {
		first := p.Masked().Addr()
		last := lastOf(p)
		out = append(out, first)
		if n := last.Next(); n.IsValid() {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, netip.Addr.Compare)
	return slices.Compact(out)
}

func lastOf(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As4()
	n := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n |= uint32(uint64(1)<<(32-p.Bits()) - 1)
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}

// ports returns every port where some port range of the world begins or
// ends, and the ports after the ends, within r.
func (o *oracle) ports(r reach.PortRange) []int {
	out := []int{r.From}
	add := func(from, to int) { out = append(out, from, to+1) }
	for _, es := range o.acls {
		for _, e := range es {
			if e.PortRange.Set {
				add(e.PortRange.Value.From, e.PortRange.Value.To)
			}
		}
	}
	for _, rs := range o.rules {
		for _, x := range rs {
			add(x.FromPort, x.ToPort)
		}
	}
	out = slices.DeleteFunc(out, func(p int) bool { return p < r.From || p > r.To })
	slices.Sort(out)
	return slices.Compact(out)
}

// inSet reports whether a belongs to the addresses a gateway end stands
// for, towards or from host h.
func (o *oracle) inSet(g, h oEnd, a netip.Addr) bool {
	switch g.kind {
	case "igw":
		return !private1918(a) && !shared6598.Contains(a)
	case "vgw":
		if inBlocks(o.vpcs[h.vpc], a) {
			return false
		}
		usable, _ := o.usableVPN(g.id)
		static, bgp := false, false
		for _, v := range usable {
			if v.Options.StaticRoutesOnly {
				static = true
			} else {
				bgp = true
			}
		}
		if !static || bgp {
			return true
		}
		for _, v := range usable {
			if v.Options.StaticRoutesOnly && carries(v, a) {
				return true
			}
		}
		return false
	case "pcx":
		p := o.pcxs[g.id]
		x, y := p.RequesterVPCInfo.VPCID, p.AccepterVPCInfo.VPCID
		switch h.vpc {
		case x:
			return inBlocks(o.vpcs[y], a)
		case y:
			return inBlocks(o.vpcs[x], a)
		}
		return inBlocks(o.vpcs[x], a) || inBlocks(o.vpcs[y], a)
	}
	return false
}

// answer is the oracle's result for a query: found, or the verdict of the
// packet that got farthest (the first among equals: TCP, then lower
// addresses).
func (o *oracle) answer(q reach.Query) verdict {
	s, d := o.end(q.Source), o.end(q.Destination)
	protos := []string{"tcp", "udp"}
	if q.Protocol != "" {
		protos = []string{string(q.Protocol)}
	}
	dports, sports := reach.AllPorts, reach.EphemeralPorts
	if q.DestinationPorts != (reach.PortRange{}) {
		dports = q.DestinationPorts
	}
	if q.SourcePorts != (reach.PortRange{}) {
		sports = q.SourcePorts
	}
	srcs, dsts := []netip.Addr{s.addr}, []netip.Addr{d.addr}
	if !s.host() && !s.addr.IsValid() {
		srcs = slices.DeleteFunc(o.addresses(), func(a netip.Addr) bool { return !o.inSet(s, d, a) })
	}
	if !d.host() && d.kind != "addr" && !d.addr.IsValid() {
		dsts = slices.DeleteFunc(o.addresses(), func(a netip.Addr) bool { return !o.inSet(d, s, a) })
	}
	// A path is found when some destination port gets there and every
	// source port gets the answer back. Of the packets that do not, the
	// one that got farthest speaks: the destination port that got
	// farthest, then the source port whose answer stopped first.
	best := verdict{depth: -1}
	for _, proto := range protos {
		for _, sa := range srcs {
			for _, da := range dsts {
				far := verdict{depth: -1}
				for _, dp := range o.ports(dports) {
					var worst *verdict
					for _, sp := range o.ports(sports) {
						v := o.judge(s, d, proto, sa, da, sp, dp)
						if !v.ok && (worst == nil || v.depth < worst.depth) {
							worst = &v
						}
					}
					if worst == nil {
						return verdict{ok: true}
					}
					if worst.depth > far.depth {
						far = *worst
					}
				}
				if far.depth > best.depth {
					best = far
				}
			}
		}
	}
	return best
}

// end resolves an endpoint as the oracle sees it.
func (o *oracle) end(ep reach.Endpoint) oEnd {
	switch {
	case ep.ID == "":
		return oEnd{kind: "addr", addr: ep.Addr}
	case hasPrefix(ep.ID, "eni-"):
		e := o.enis[ep.ID]
		return oEnd{kind: "eni", id: e.id, subnet: e.subnet, vpc: e.vpc, eni: e, addr: e.ip}
	case hasPrefix(ep.ID, "subnet-"):
		x, _ := o.hostAt(o.subnets[ep.ID].vpc, ep.Addr)
		return x
	case hasPrefix(ep.ID, "igw-"):
		return oEnd{kind: "igw", id: ep.ID, addr: ep.Addr}
	case hasPrefix(ep.ID, "vgw-"):
		return oEnd{kind: "vgw", id: ep.ID, addr: ep.Addr}
	}
	return oEnd{kind: "pcx", id: ep.ID, addr: ep.Addr}
}

// randomLab builds a random world of a few VPCs, each with subnets,
// interfaces, security groups and rules, network ACLs, route tables and
// routes, and some of peering connections, internet gateways and VPN
// connections; refused actions are part of the draw and change nothing.
func randomLab(t *rapid.T) (*lab, []reach.Endpoint, []reach.Endpoint) {
	w := newLab(t, rapid.Bool().Draw(t, "tunnels up"))
	nv := rapid.IntRange(2, 3).Draw(t, "vpcs")
	var vpcs, subnets, enis, groups, pcxs, igws, vgws, tables, nats []string
	vpcOf := map[string]string{}
	cidrs := []string{"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.0.1.0/24", "10.1.1.0/24",
		"10.1.2.0/25", "203.0.113.0/24", "192.168.0.0/16", "198.51.100.0/24", "192.168.4.0/24", "10.0.9.0/24", "10.1.9.0/24"}
	portsOf := [][2]int{{443, 443}, {22, 22}, {0, 65535}, {1024, 65535}, {400, 500}, {32768, 60999}}
	for i := range nv {
		v := w.vpc(fmt.Sprintf("10.%d.0.0/16", i))
		vpcs = append(vpcs, v)
		g := w.sg(v, "g")
		groups = append(groups, g)
		vpcOf[g] = v
		d := mustDescribe[vpcmodel.DescribeSecurityGroupsOutput](t)(w.c.DescribeSecurityGroups(w.who, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{
			{Name: "vpc-id", Values: []string{v}}, {Name: "group-name", Values: []string{"default"}}}}, w.now)).SecurityGroups[0].GroupID
		groups = append(groups, d)
		vpcOf[d] = v
		tables = append(tables, w.mainTable(v))
		vpcOf[tables[len(tables)-1]] = v
		first := rapid.IntRange(0, 1).Draw(t, fmt.Sprint("first subnet", i))
		var own []string // this VPC's subnets
		var octets []int // and the third octets of their blocks
		for j := range rapid.IntRange(1, 2).Draw(t, fmt.Sprint("subnets", i)) {
			s := w.subnet(v, fmt.Sprintf("10.%d.%d.0/24", i, j+first))
			own, octets = append(own, s), append(octets, j+first)
			subnets = append(subnets, s)
			vpcOf[s] = v
			for k := range rapid.IntRange(0, 2).Draw(t, fmt.Sprint("enis", s)) {
				gs := []string{rapid.SampledFrom([]string{g, d}).Draw(t, "group")}
				o, err := w.c.CreateNetworkInterface(w.who, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s,
					PrivateIPAddress: fmt.Sprintf("10.%d.%d.%d", i, j+first, 10+10*k), Groups: gs}, w.now)
				w.ok(err)
				e := o.NetworkInterface.NetworkInterfaceID
				enis = append(enis, e)
				vpcOf[e] = v
				if rapid.IntRange(0, 2).Draw(t, "public?") == 0 {
					w.public(e)
				}
				if rapid.IntRange(0, 4).Draw(t, "check?") == 0 {
					_, err := w.c.ModifyNetworkInterfaceAttribute(w.who, vpcmodel.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceID: e,
						SourceDestCheck: vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: false})}, w.now)
					w.ok(err)
				}
			}
		}
		if rapid.Bool().Draw(t, fmt.Sprint("igw", i)) {
			igws = append(igws, w.igw(v))
			vpcOf[igws[len(igws)-1]] = v
		}
		// A NAT gateway, public or private, in one of the subnets, at .5;
		// a public one in a VPC without an internet gateway fails.
		if rapid.IntRange(0, 2).Draw(t, fmt.Sprint("nat", i)) > 0 {
			// Mostly in a subnet of its own, 10.i.9.0/24.
			k := rapid.IntRange(-2, len(own)-1).Draw(t, "nat subnet")
			if k < 0 {
				s := w.subnet(v, fmt.Sprintf("10.%d.9.0/24", i))
				subnets = append(subnets, s)
				vpcOf[s] = v
				own, octets, k = append(own, s), append(octets, 9), len(own)
			}
			in := vpcmodel.CreateNatGatewayInput{SubnetID: own[k], PrivateIPAddress: fmt.Sprintf("10.%d.%d.5", i, octets[k]), ConnectivityType: "private"}
			if rapid.Bool().Draw(t, "public nat?") {
				a, err := w.c.AllocateAddress(w.who, vpcmodel.AllocateAddressInput{Domain: "vpc"}, w.now)
				w.ok(err)
				in.ConnectivityType, in.AllocationID = "public", a.AllocationID
			}
			o, err := w.c.CreateNatGateway(w.who, in, w.now)
			w.ok(err)
			nats = append(nats, o.NATGateway.NATGatewayID)
			vpcOf[o.NATGateway.NATGatewayID] = v
		}
		if rapid.IntRange(0, 2).Draw(t, fmt.Sprint("vpn", i)) == 0 {
			var routes []string
			if rapid.Bool().Draw(t, "static?") {
				routes = []string{rapid.SampledFrom([]string{"192.168.0.0/16", "192.168.4.0/24", "172.16.0.0/12"}).Draw(t, "vpn route")}
			}
			vgw, _ := w.vpn(v, routes...)
			vgws = append(vgws, vgw)
			vpcOf[vgw] = v
		}
	}
	for i := range vpcs {
		for j := i + 1; j < len(vpcs); j++ {
			switch rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("peer%d%d", i, j)) {
			case 1:
				pcxs = append(pcxs, w.peer(vpcs[i], vpcs[j], true))
			case 2, 3:
				pcxs = append(pcxs, w.peer(vpcs[i], vpcs[j], false))
			}
		}
	}
	// A second table for a subnet, now and then.
	for _, s := range subnets {
		if rapid.IntRange(0, 3).Draw(t, "own table?") == 0 {
			o, err := w.c.CreateRouteTable(w.who, vpcmodel.CreateRouteTableInput{VPCID: vpcOf[s]}, w.now)
			w.ok(err)
			id := o.RouteTable.RouteTableID
			_, err = w.c.AssociateRouteTable(w.who, vpcmodel.AssociateRouteTableInput{RouteTableID: id, SubnetID: s}, w.now)
			w.ok(err)
			tables = append(tables, id)
			vpcOf[id] = vpcOf[s]
		}
	}
	// Routes, mostly to targets of the table's VPC; refusals are fine.
	for _, p := range pcxs {
		d := mustDescribe[vpcmodel.DescribeVpcPeeringConnectionsOutput](t)(w.c.DescribeVpcPeeringConnections(w.who,
			vpcmodel.DescribeVpcPeeringConnectionsInput{VPCPeeringConnectionIDs: []string{p}}, w.now)).VPCPeeringConnections[0]
		vpcOf[p+" "+d.RequesterVPCInfo.VPCID], vpcOf[p+" "+d.AccepterVPCInfo.VPCID] = "yes", "yes"
	}
	all := append(append(append(append(append([]string{}, pcxs...), igws...), vgws...), enis...), nats...)
	for _, tb := range tables {
		var targets []string
		for _, x := range all {
			if vpcOf[x] == vpcOf[tb] || vpcOf[x+" "+vpcOf[tb]] == "yes" {
				targets = append(targets, x)
			}
		}
		if len(targets) == 0 || rapid.IntRange(0, 5).Draw(t, "stray target?") == 0 {
			targets = all
		}
		for k := range rapid.IntRange(0, 5).Draw(t, "routes") {
			if len(targets) == 0 {
				break
			}
			dest := rapid.SampledFrom([]string{"0.0.0.0/0", "10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.1.0.0/17", "192.168.0.0/16",
				"203.0.113.0/24", "10.0.0.0/8", "8.8.8.0/24", "10.1.1.0/24", "10.0.2.0/24", "192.168.4.0/24"}).Draw(t, fmt.Sprint("dest", k))
			target := rapid.SampledFrom(targets).Draw(t, fmt.Sprint("target", k))
			var rt vpcmodel.RouteTarget
			switch target[:3] {
			case "pcx":
				rt.VPCPeeringConnectionID = target
			case "eni":
				rt.NetworkInterfaceID = target
			case "nat":
				rt.NATGatewayID = target
			default:
				rt.GatewayID = target
			}
			w.c.CreateRoute(w.who, vpcmodel.CreateRouteInput{RouteTableID: tb, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: dest}, RouteTarget: rt}, w.now)
		}
		for _, g := range vgws {
			if vpcOf[g] == vpcOf[tb] && rapid.Bool().Draw(t, "propagate?") {
				w.c.EnableVgwRoutePropagation(w.who, vpcmodel.EnableVgwRoutePropagationInput{GatewayID: g, RouteTableID: tb}, w.now)
			}
		}
	}
	// Now and then the usual layout for a NAT gateway: its subnet gets a
	// table of its own whose default route leads out (an internet gateway
	// or a peering connection of its VPC), and the VPC's main table sends
	// the internet, or a peer VPC, to the gateway.
	for _, g := range nats {
		if rapid.IntRange(0, 4).Draw(t, "nat layout?") == 0 {
			continue
		}
		d := mustDescribe[vpcmodel.DescribeNatGatewaysOutput](t)(w.c.DescribeNatGateways(w.who, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{g}}, w.now)).NATGateways[0]
		o, err := w.c.CreateRouteTable(w.who, vpcmodel.CreateRouteTableInput{VPCID: d.VPCID}, w.now)
		w.ok(err)
		id := o.RouteTable.RouteTableID
		if _, err := w.c.AssociateRouteTable(w.who, vpcmodel.AssociateRouteTableInput{RouteTableID: id, SubnetID: d.SubnetID}, w.now); err != nil {
			// The subnet has a table of its own already: replace it.
			rts := mustDescribe[vpcmodel.DescribeRouteTablesOutput](t)(w.c.DescribeRouteTables(w.who, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{
				{Name: "association.subnet-id", Values: []string{d.SubnetID}}}}, w.now)).RouteTables
			for _, a := range rts[0].Associations {
				if a.SubnetID == d.SubnetID {
					_, err := w.c.ReplaceRouteTableAssociation(w.who, vpcmodel.ReplaceRouteTableAssociationInput{AssociationID: a.RouteTableAssociationID, RouteTableID: id}, w.now)
					w.ok(err)
				}
			}
		}
		var outs []vpcmodel.RouteTarget
		for _, x := range igws {
			if vpcOf[x] == d.VPCID {
				outs = append(outs, vpcmodel.RouteTarget{GatewayID: x})
			}
		}
		for _, x := range pcxs {
			if vpcOf[x+" "+d.VPCID] == "yes" {
				outs = append(outs, vpcmodel.RouteTarget{VPCPeeringConnectionID: x})
			}
		}
		if len(outs) > 0 {
			out := rapid.SampledFrom(outs).Draw(t, "nat way out")
			dest := "0.0.0.0/0"
			if out.VPCPeeringConnectionID != "" {
				dest = "10.0.0.0/8"
			}
			w.c.CreateRoute(w.who, vpcmodel.CreateRouteInput{RouteTableID: id, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: dest}, RouteTarget: out}, w.now)
		}
		dest := rapid.SampledFrom([]string{"0.0.0.0/0", "8.8.8.0/24", "10.0.0.0/8", "10.1.0.0/16"}).Draw(t, "to the nat")
		in := vpcmodel.RouteTarget{NATGatewayID: g}
		for _, tb := range tables {
			if vpcOf[tb] == d.VPCID {
				rd := vpcmodel.RouteDestination{DestinationCIDRBlock: dest}
				if _, err := w.c.CreateRoute(w.who, vpcmodel.CreateRouteInput{RouteTableID: tb, RouteDestination: rd, RouteTarget: in}, w.now); err != nil {
					w.c.ReplaceRoute(w.who, vpcmodel.ReplaceRouteInput{RouteTableID: tb, RouteDestination: rd, RouteTarget: in}, w.now)
				}
			}
		}
	}
	// Security group rules, including references to groups of this and
	// peer VPCs.
	for k := range rapid.IntRange(0, 14).Draw(t, "rules") {
		g := rapid.SampledFrom(groups).Draw(t, fmt.Sprint("rule group", k))
		proto := rapid.SampledFrom([]string{"tcp", "udp", "-1"}).Draw(t, "rule proto")
		pr := rapid.SampledFrom(portsOf).Draw(t, "rule ports")
		// Some blocks only rules name, so that nothing else cuts the
		// internet where they do.
		peer := rapid.SampledFrom(append([]string{"52.0.0.0/8", "3.0.0.0/9", "100.0.0.0/8"}, cidrs...)).Draw(t, "rule peer")
		if rapid.IntRange(0, 3).Draw(t, "group peer?") == 0 {
			peer = rapid.SampledFrom(groups).Draw(t, "peer group")
		}
		w.allow(g, rapid.IntRange(0, 2).Draw(t, "egress?") == 0, proto, pr[0], pr[1], peer)
	}
	// Now and then a custom group loses its rule out.
	for _, g := range groups {
		if rapid.IntRange(0, 3).Draw(t, "revoke egress?") == 0 {
			w.c.RevokeSecurityGroupEgress(w.who, vpcmodel.RevokeSecurityGroupIngressInput{GroupID: g, IPPermissions: []vpcmodel.IPPermission{
				{IPProtocol: "-1", IPRanges: []vpcmodel.IPRange{{CIDRIP: "0.0.0.0/0"}}}}}, w.now)
		}
	}
	// Custom network ACLs for some subnets.
	for _, s := range subnets {
		if rapid.Bool().Draw(t, "custom acl?") {
			continue
		}
		var entries []aclEntry
		for k := range rapid.IntRange(0, 8).Draw(t, "entries") {
			pr := rapid.SampledFrom(portsOf).Draw(t, "entry ports")
			entries = append(entries, aclEntry{rule: 10*(k+1) + rapid.IntRange(0, 5).Draw(t, "entry number"), egress: rapid.Bool().Draw(t, "entry egress"),
				action: rapid.SampledFrom([]string{"allow", "allow", "deny"}).Draw(t, "entry action"),
				proto:  rapid.SampledFrom([]string{"6", "17", "-1"}).Draw(t, "entry proto"),
				cidr:   rapid.SampledFrom(cidrs).Draw(t, "entry cidr"), from: pr[0], to: pr[1]})
		}
		w.acl(vpcOf[s], s, entries...)
	}
	// Some connections are deleted, leaving blackholes; some interfaces go.
	for _, p := range pcxs {
		if rapid.IntRange(0, 4).Draw(t, "delete pcx?") == 0 {
			w.c.DeleteVpcPeeringConnection(w.who, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: p}, w.now)
		}
	}
	for _, g := range nats {
		if rapid.IntRange(0, 5).Draw(t, "delete nat?") == 0 {
			w.c.DeleteNatGateway(w.who, vpcmodel.DeleteNatGatewayInput{NATGatewayID: g}, w.now)
		}
	}
	// Block Public Access, now and then, with exclusions of some subnets
	// and VPCs.
	if mode := rapid.SampledFrom([]string{"off", "off", "block-bidirectional", "block-ingress"}).Draw(t, "bpa mode"); mode != "off" {
		w.blockPublic(mode)
	}
	for _, id := range append(append([]string{}, vpcs...), subnets...) {
		if rapid.IntRange(0, 4).Draw(t, "exclude?") == 0 {
			w.exclude(id, rapid.SampledFrom([]string{"allow-egress", "allow-bidirectional"}).Draw(t, "exclusion mode"))
		}
	}
	// The ends to draw from.
	var sources, dests []reach.Endpoint
	natVPC := map[string]bool{}
	for _, g := range nats {
		natVPC[vpcOf[g]] = true
	}
	for _, e := range enis {
		sources = append(sources, at(e), at(e))
		dests = append(dests, at(e), at(e))
		if natVPC[vpcOf[e]] {
			// More of the traffic a NAT gateway may carry.
			sources = append(sources, at(e), at(e), at(e), at(e))
		}
	}
	for _, s := range subnets {
		d := mustDescribe[vpcmodel.DescribeSubnetsOutput](t)(w.c.DescribeSubnets(w.who, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{s}}, w.now))
		base := netip.MustParsePrefix(d.Subnets[0].CIDRBlock).Addr().As4()
		host := reach.Endpoint{ID: s, Addr: netip.AddrFrom4([4]byte{base[0], base[1], base[2], 77})}
		sources, dests = append(sources, host), append(dests, host)
	}
	for _, g := range append(append(append([]string{}, igws...), vgws...), pcxs...) {
		sources, dests = append(sources, at(g), at(g)), append(dests, at(g), at(g))
	}
	for _, g := range igws {
		sources = append(sources, reach.Endpoint{ID: g, Addr: netip.MustParseAddr("203.0.113.9")})
		dests = append(dests, reach.Endpoint{ID: g, Addr: netip.MustParseAddr("8.8.8.8")})
	}
	for _, g := range vgws {
		sources = append(sources, reach.Endpoint{ID: g, Addr: netip.MustParseAddr("192.168.4.4")})
		dests = append(dests, reach.Endpoint{ID: g, Addr: netip.MustParseAddr("192.168.4.4")})
	}
	for _, a := range []string{"8.8.8.8", "192.168.4.4", "10.1.1.10", "10.0.1.10", "10.2.1.77"} {
		dests = append(dests, reach.Endpoint{Addr: netip.MustParseAddr(a)})
	}
	return w, sources, dests
}

// TestReachOracleProperty compares Cloud.Reach with the oracle over random
// worlds: they agree on whether a path is found and, when it is not, on
// the blocking component, its explanation code and the direction it
// blocks.
func TestReachOracleProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w, sources, dests := randomLab(t)
		o := readOracle(t, w.c, w.who, w)
		for i := range rapid.IntRange(1, 16).Draw(t, "queries") {
			q := reach.Query{Source: rapid.SampledFrom(sources).Draw(t, fmt.Sprint("source", i)),
				Destination: rapid.SampledFrom(dests).Draw(t, fmt.Sprint("destination", i)),
				Protocol:    rapid.SampledFrom([]reach.Protocol{"", reach.TCP, reach.UDP}).Draw(t, fmt.Sprint("protocol", i))}
			if p := rapid.SampledFrom([]int{0, 0, 22, 443, 80, 1024}).Draw(t, fmt.Sprint("port", i)); p != 0 {
				q.DestinationPorts = reach.PortRange{From: p, To: p}
			}
			got, err := w.c.Reach(w.who, q, w.now)
			if err != nil {
				t.Fatalf("Reach(%+v) = %v", q, err)
			}
			s, d := o.end(q.Source), o.end(q.Destination)
			if !s.host() && !d.host() {
				if got.Found || got.Explanations[0].Code != reach.NoPath {
					t.Fatalf("Reach(%+v) between two gateways = %v", q, got)
				}
				continue
			}
			want := o.answer(q)
			if got.Found != want.ok {
				t.Fatalf("Reach(%+v) found = %v, oracle %v (%+v):\n%v", q, got.Found, want.ok, want, got)
			}
			if want.ok {
				continue
			}
			x := got.Explanations[0]
			if string(x.Code) != want.code || x.ID != want.id || x.Return != want.ret {
				t.Fatalf("Reach(%+v) blocked by %s %s (return %v), oracle %s %s (return %v):\n%v", q, x.Code, x.ID, x.Return, want.code, want.id, want.ret, got)
			}
		}
	})
}
