package examples_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"time"

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

	v, _ = r.Get(bob, id, t0.Add(time.Second))
	fmt.Println(v.Status())

	_, err = r.Accept(alice, id, t0.Add(time.Minute)) // not the accepter
	var coded interface{ ErrorCode() string }
	errors.As(err, &coded)
	fmt.Println(coded.ErrorCode())

	v, _ = r.Accept(bob, id, t0.Add(time.Minute))
	fmt.Println(v.Status())
	v, _ = r.Get(alice, id, t0.Add(2*time.Minute))
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
	v, _ = r.Get(alice, v.ID(), t0.Add(time.Second))
	fmt.Println(v.Status())
	_, err := r.Get(bob, v.ID(), t0.Add(time.Second))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	_, err = r.Get(alice, v.ID(), t0.Add(peering.ShortVisibility+time.Second))
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

	v, _ = r.Get(bob, id, deadline.Add(-time.Nanosecond))
	fmt.Println(v.Status().Code)
	v, _ = r.Get(bob, id, deadline)
	fmt.Println(v.Status().Code)
	_, err := r.Accept(bob, id, deadline)
	var coded interface{ ErrorCode() string }
	errors.As(err, &coded)
	fmt.Println(coded.ErrorCode())
	_, err = r.Get(alice, id, deadline.Add(peering.LongVisibility))
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
	c, ok := w.r.Lookup(t.ID(), w.now)
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
