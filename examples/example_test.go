package examples_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/vpn"
)

// Two parties: accounts in different Regions.
var (
	alice = peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob   = peering.Party{Account: "222222222222", Region: "eu-west-1"}
	t0    = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
)

// vpcs is a tiny VPC directory: the one question a peering.Registry asks
// its embedder.
type vpcs map[peering.VPCRef]peering.VPC

func (d vpcs) ResolveVPC(ref peering.VPCRef) (peering.VPC, bool) { v, ok := d[ref]; return v, ok }

func (d vpcs) add(p peering.Party, id, block string) peering.VPC {
	v := peering.VPC{OwnerID: p.Account, Region: p.Region, ID: id, IPv4: []netip.Prefix{cidr.MustParse(block)}}
	d[v.Ref()] = v
	return v
}

func newWorld() (*peering.Registry, vpcs) {
	d := vpcs{}
	d.add(alice, "vpc-0a0a0a0a", "10.0.0.0/16")
	d.add(bob, "vpc-0b0b0b0b", "10.1.0.0/16")
	d.add(bob, "vpc-0c0c0c0c", "10.0.128.0/20")
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{1}), d, peering.Quotas{})
	if err != nil {
		panic(err)
	}
	return r, d
}

// Example_peerAcrossAccountsAndRegions peers a VPC in us-east-1 with
// another account's VPC in eu-west-1: the requester asks, the accepter
// accepts in its own Region, and EC2 settles the connection to active.
func Example_peerAcrossAccountsAndRegions() {
	r, _ := newWorld()
	v, err := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b",
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	if err != nil {
		panic(err)
	}
	id := v.ID()
	fmt.Println(v.Status())

	v, _ = r.View(bob, id, t0.Add(time.Second))
	fmt.Println(v.Status())

	_, err = r.Accept(alice, id, t0.Add(time.Minute)) // not the accepter
	var coded interface{ ErrorCode() string }
	errors.As(err, &coded)
	fmt.Println(coded.ErrorCode())

	v, _ = r.Accept(bob, id, t0.Add(time.Minute))
	fmt.Println(v.Status())
	v, _ = r.View(alice, id, t0.Add(2*time.Minute))
	fmt.Println(v.Status(), v.Requester().Region, "<->", v.Accepter().Region, v.Accepter().CIDRBlock)
	// Output:
	// initiating-request: Initiating Request to 222222222222
	// pending-acceptance: Pending Acceptance by 222222222222
	// OperationNotPermitted
	// provisioning: Provisioning
	// active: Active us-east-1 <-> eu-west-1 10.1.0.0/16
}

// Example_overlap shows the overlap check: EC2 does not refuse the call, the
// request fails, and only the requester sees it, for two hours.
func Example_overlap() {
	requester := []netip.Prefix{cidr.MustParse("10.0.0.0/16")}
	accepter := []netip.Prefix{cidr.MustParse("10.0.128.0/20")}
	a, b, ok := cidr.OverlapsAny(requester, accepter)
	fmt.Println(ok, a, b)

	r, _ := newWorld()
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0c0c0c0c",
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	v, _ = r.View(alice, v.ID(), t0.Add(time.Second))
	fmt.Println(v.Status())
	_, err := r.View(bob, v.ID(), t0.Add(time.Second))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	_, err = r.View(alice, v.ID(), t0.Add(peering.ShortVisibility+time.Second))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	// Output:
	// true 10.0.0.0/16 10.0.128.0/20
	// failed: Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range
	// true
	// true
}

// Example_expiry lets a request go unanswered: it expires exactly seven days
// after it was made, and both owners still see it for two days.
func Example_expiry() {
	r, _ := newWorld()
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b",
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	id := v.ID()
	deadline, _ := v.ExpirationTime()
	fmt.Println(deadline.Sub(t0))

	v, _ = r.View(bob, id, deadline.Add(-time.Nanosecond))
	fmt.Println(v.Status().Code)
	v, _ = r.View(bob, id, deadline)
	fmt.Println(v.Status().Code)
	_, err := r.Accept(bob, id, deadline)
	var coded interface{ ErrorCode() string }
	errors.As(err, &coded)
	fmt.Println(coded.ErrorCode())
	_, err = r.View(alice, id, deadline.Add(peering.LongVisibility))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	// Output:
	// 168h0m0s
	// pending-acceptance
	// expired
	// InvalidStateTransition
	// true
}

// registryTargets lets route tables ask a peering.Registry what a pcx-
// target is, the way an emulator wires the two packages together.
type registryTargets struct {
	r   *peering.Registry
	now time.Time
}

func (w registryTargets) Resolve(t route.Target) (route.TargetInfo, bool) {
	c, ok := w.r.Connection(t.ID(), w.now)
	if !ok {
		return route.TargetInfo{}, false
	}
	return route.TargetInfo{VPCIDs: []string{c.Requester().ID, c.Accepter().ID}, Status: c.Code()}, true
}

func (registryTargets) IsSubnet(string, netip.Prefix) bool { return false }

// Example_routesOnBothSides adds the route each VPC needs to reach the other
// through an active peering connection, and looks an address up.
func Example_routesOnBothSides() {
	r, d := newWorld()
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b",
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	r.Accept(bob, v.ID(), t0.Add(time.Minute))
	world := registryTargets{r, t0.Add(2 * time.Minute)}
	pcx, _ := route.ParseTarget("VpcPeeringConnectionId", v.ID())

	a := d[peering.VPCRef{OwnerID: alice.Account, Region: alice.Region, ID: "vpc-0a0a0a0a"}]
	b := d[peering.VPCRef{OwnerID: bob.Account, Region: bob.Region, ID: "vpc-0b0b0b0b"}]
	ta, _ := route.CreateTable("rtb-0a0a0a0a", alice.Account, route.VPC{ID: a.ID, Blocks: a.IPv4})
	tb, _ := route.CreateTable("rtb-0b0b0b0b", bob.Account, route.VPC{ID: b.ID, Blocks: b.IPv4})
	ta, _ = ta.CreateRoute(b.IPv4[0], pcx, world)
	tb, _ = tb.CreateRoute(a.IPv4[0], pcx, world)
	for _, t := range []route.Table{ta, tb} {
		fmt.Println(t.ID(), t.Routes())
	}
	hit, _ := ta.Lookup(netip.MustParseAddr("10.1.42.7"))
	fmt.Println(hit.Target == pcx, hit.Forwards())
	_, err := ta.CreateRoute(b.IPv4[0], pcx, world)
	var coded interface{ ErrorCode() string }
	errors.As(err, &coded)
	fmt.Println(coded.ErrorCode())
	// Output:
	// rtb-0a0a0a0a [10.0.0.0/16 -> local (active) 10.1.0.0/16 -> pcx-6ae6783f4fbde91b6 (active)]
	// rtb-0b0b0b0b [10.0.0.0/16 -> pcx-6ae6783f4fbde91b6 (active) 10.1.0.0/16 -> local (active)]
	// true true
	// RouteAlreadyExists
}

// Example_blackholeAfterDelete deletes the peering connection behind a
// route: the route stays in the table as a blackhole, still selected, and
// the traffic is dropped.
func Example_blackholeAfterDelete() {
	r, d := newWorld()
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b",
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	r.Accept(bob, v.ID(), t0.Add(time.Minute))
	pcx, _ := route.ParseTarget("VpcPeeringConnectionId", v.ID())
	a := d[peering.VPCRef{OwnerID: alice.Account, Region: alice.Region, ID: "vpc-0a0a0a0a"}]
	t, _ := route.CreateTable("rtb-0a0a0a0a", alice.Account, route.VPC{ID: a.ID, Blocks: a.IPv4})
	t, _ = t.CreateRoute(cidr.MustParse("10.1.0.0/16"), pcx, registryTargets{r, t0.Add(2 * time.Minute)})

	r.Delete(bob, v.ID(), t0.Add(time.Hour))
	t = t.Reconcile(registryTargets{r, t0.Add(time.Hour + time.Second)})
	hit, _ := t.Lookup(netip.MustParseAddr("10.1.42.7"))
	fmt.Println(hit, hit.Forwards())
	// Output: 10.1.0.0/16 -> pcx-6ae6783f4fbde91b6 (blackhole) false
}

// Example_vpnConfiguration creates a BGP VPN connection with AWS's default
// tunnel options and prints parts of its customer gateway configuration:
// EC2's XML and a strongSwan swanctl.conf.
func Example_vpnConfiguration() {
	random := rand.NewChaCha8([32]byte{2})
	cgw, _ := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{Type: vpn.IPsec1,
		IPAddress: netip.MustParseAddr("198.51.100.7"), BGPASN: 65010}, random, t0)
	vgw, _ := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1}, random, t0)
	c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, t0)
	if err != nil {
		panic(err)
	}
	for _, t := range c.Tunnels() {
		fmt.Println(t.AWSOutsideAddress(), t.InsideCIDR(), t.AWSInsideAddress(), t.CustomerInsideAddress(), len(t.PSK().Reveal()))
	}
	xml := c.CustomerGatewayConfiguration()
	fmt.Println(strings.SplitN(xml, "\n", 2)[0])
	fmt.Println(strings.Count(xml, "<ipsec_tunnel>"), strings.Count(xml, "<asn>65010</asn>"), strings.Count(xml, "<asn>64512</asn>"))

	conf, _ := vpn.StrongSwan(c, vpn.IKEv2)
	for _, line := range strings.Split(conf, "\n") {
		if strings.Contains(line, "remote_addrs") || strings.Contains(line, "esp_proposals") && strings.Contains(line, "gcm") {
			fmt.Println(strings.TrimSpace(line)[:min(len(strings.TrimSpace(line)), 60)])
		}
	}
	// Output:
	// 192.0.2.29 169.254.28.128/30 169.254.28.129 169.254.28.130 32
	// 192.0.2.39 169.254.170.168/30 169.254.170.169 169.254.170.170 32
	// <?xml version="1.0" encoding="UTF-8"?>
	// 2 2 2
	// remote_addrs = 192.0.2.29
	// esp_proposals = aes128-aes256-sha1-sha256-sha384-sha512-modp
	// remote_addrs = 192.0.2.39
	// esp_proposals = aes128-aes256-sha1-sha256-sha384-sha512-modp
}

// Example_cloud runs a whole network through vpcmodel.Cloud alone: two
// accounts' VPCs in two Regions, peered, with routes on both sides, and a
// Site-to-Site VPN whose static routes a virtual private gateway propagates
// into a route table. The Cloud owns every rule between them: the route to
// the peering connection is a blackhole until the connection is active, and
// propagated routes appear once the VPN is available with a tunnel up.
func Example_cloud() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9}), CustomerDevicesConnect: true})
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	bob := vpcmodel.Caller{Account: "222222222222", Region: "eu-west-1"}
	now := t0
	step := func() time.Time { now = now.Add(time.Minute); return now }
	check := func(err error) {
		if err != nil {
			panic(err)
		}
	}

	a, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, step())
	check(err)
	b, err := c.CreateVpc(bob, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, step())
	check(err)
	aID, bID := a.VPC.VPCID, b.VPC.VPCID

	// Alice asks; the route she adds at once is a blackhole until Bob accepts.
	p, err := c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{
		VPCID: aID, PeerVPCID: bID, PeerOwnerID: bob.Account, PeerRegion: bob.Region}, step())
	check(err)
	pcx := p.VPCPeeringConnection.VPCPeeringConnectionID
	main := func(who vpcmodel.Caller, vpcID string) string {
		o, err := c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{
			{Name: "vpc-id", Values: []string{vpcID}}, {Name: "association.main", Values: []string{"true"}}}}, step())
		check(err)
		return o.RouteTables[0].RouteTableID
	}
	aRTB, bRTB := main(alice, aID), main(bob, bID)
	_, err = c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: aRTB,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "10.1.0.0/16"},
		RouteTarget:      vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx}}, step())
	check(err)
	routes := func(who vpcmodel.Caller, rtb string) {
		o, err := c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{rtb}}, step())
		check(err)
		for _, r := range o.RouteTables[0].Routes {
			fmt.Printf("  %-14s %-24s %s\n", r.DestinationCIDRBlock, r.Origin, r.State)
		}
	}
	fmt.Println("alice, before bob accepts:")
	routes(alice, aRTB)

	_, err = c.AcceptVpcPeeringConnection(bob, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, step())
	check(err)
	_, err = c.CreateRoute(bob, vpcmodel.CreateRouteInput{RouteTableID: bRTB,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "10.0.0.0/16"},
		RouteTarget:      vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx}}, step())
	check(err)
	fmt.Println("alice, once active:")
	routes(alice, aRTB)

	// Bob's office connects over a VPN; his gateway propagates its routes.
	cg, err := c.CreateCustomerGateway(bob, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000, IPAddress: "198.51.100.7"}, step())
	check(err)
	g, err := c.CreateVpnGateway(bob, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, step())
	check(err)
	vgw := g.VPNGateway.VPNGatewayID
	_, err = c.AttachVpnGateway(bob, vpcmodel.AttachVpnGatewayInput{VPCID: bID, VPNGatewayID: vgw}, step())
	check(err)
	_, err = c.EnableVgwRoutePropagation(bob, vpcmodel.EnableVgwRoutePropagationInput{GatewayID: vgw, RouteTableID: bRTB}, step())
	check(err)
	v, err := c.CreateVpnConnection(bob, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1",
		CustomerGatewayID: cg.CustomerGateway.CustomerGatewayID, VPNGatewayID: vgw,
		Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: true}}, step())
	check(err)
	fmt.Println("vpn:", v.VPNConnection.State)
	_, err = c.CreateVpnConnectionRoute(bob, vpcmodel.CreateVpnConnectionRouteInput{
		VPNConnectionID: v.VPNConnection.VPNConnectionID, DestinationCIDRBlock: "192.168.0.0/24"}, step())
	check(err)
	fmt.Println("bob, with the VPN up:")
	routes(bob, bRTB)

	// The VPC cannot go while its gateway is attached.
	_, err = c.DeleteVpc(bob, vpcmodel.DeleteVpcInput{VPCID: bID}, step())
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		fmt.Println("DeleteVpc:", coded.ErrorCode())
	}
	// Output:
	// alice, before bob accepts:
	//   10.0.0.0/16    CreateRouteTable         active
	//   10.1.0.0/16    CreateRoute              blackhole
	// alice, once active:
	//   10.0.0.0/16    CreateRouteTable         active
	//   10.1.0.0/16    CreateRoute              active
	// vpn: pending
	// bob, with the VPN up:
	//   10.0.0.0/16    CreateRoute              active
	//   10.1.0.0/16    CreateRouteTable         active
	//   192.168.0.0/24 EnableVgwRoutePropagation active
	// DeleteVpc: DependencyViolation
}
