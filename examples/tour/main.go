// Command tour is a narrated walk through vpcmodel: a VPC peering
// connection across accounts and Regions from request to deletion, the
// overlap check, route tables before and after with a lookup, the 7-day
// expiry and the visibility windows, a Site-to-Site VPN connection with
// an excerpt of its configuration, and a peering connection that does not
// work for four reasons in turn, each named by the reachability analysis.
//
// The tour runs on a fixed clock with seeded randomness, so its output is
// the same on every machine; it is golden-tested.
//
//	go run ./examples/tour
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/reach"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/vpn"
)

func main() {
	flag.Usage = func() {
		fmt.Fprint(os.Stderr, `Usage: go run ./examples/tour

The tour walks through vpcmodel, a pure Go model of AWS EC2 VPC peering,
CIDR overlap, route tables and Site-to-Site VPN, printing what happens at
each step: a peering request across accounts and Regions from request to
deletion, who may act at each status, the overlap check that fails a
request, route tables before and after (with blackhole routes and a
lookup), the 7-day expiry and the visibility windows, a VPN connection
with excerpts of its EC2 XML and strongSwan configuration, and a peering
connection that does not work for four reasons in turn, each named by the
reachability analysis.

Its clock is fixed and its randomness seeded, so the output never changes
unless the library's behaviour does. It takes no flags and no input.
`)
	}
	flag.Parse()
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tour:", err)
		os.Exit(1)
	}
}

// The cast: two accounts in two Regions.
// ec2Time is how EC2 writes an instant such as ExpirationTime.
const ec2Time = "2006-01-02T15:04:05.000Z"

var (
	alice = peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob   = peering.Party{Account: "222222222222", Region: "eu-west-1"}
	start = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
)

// directory is the VPCs of the tour, answering the Registry's one question.
type directory map[peering.VPCRef]peering.VPC

func (d directory) ResolveVPC(ref peering.VPCRef) (peering.VPC, bool) {
	v, ok := d[ref]
	return v, ok
}

func (d directory) add(p peering.Party, id string, blocks ...string) peering.VPC {
	v := peering.VPC{OwnerID: p.Account, Region: p.Region, ID: id}
	for _, b := range blocks {
		v.IPv4 = append(v.IPv4, cidr.MustParse(b))
	}
	d[v.Ref()] = v
	return v
}

// targets answers route tables' questions about peering connections from
// the Registry, the way an emulator would.
type targets struct {
	reg *peering.Registry
	now *time.Time
}

func (w targets) Resolve(t route.Target) (route.TargetInfo, bool) {
	c, ok := w.reg.Connection(t.ID(), *w.now)
	if !ok {
		return route.TargetInfo{}, false
	}
	return route.TargetInfo{
		VPCIDs: []string{c.Requester().ID, c.Accepter().ID},
		Status: c.Code(),
	}, true
}

func (targets) IsSubnet(string, netip.Prefix) bool { return false }

// narrator writes the tour, keeping the first error.
type narrator struct {
	w   io.Writer
	err error
}

func (n *narrator) printf(format string, args ...any) {
	if n.err == nil {
		_, n.err = fmt.Fprintf(n.w, format, args...)
	}
}

func (n *narrator) section(title string) {
	n.printf("\n%s\n%s\n", title, strings.Repeat("─", len([]rune(title))))
}

// say wraps text at 76 columns.
func (n *narrator) say(text string) {
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > 76 {
			n.printf("%s\n", line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		n.printf("%s\n", line)
	}
}

func (n *narrator) step(now time.Time, who, what string) {
	n.printf("  %s  %-5s %s\n", clock(now), who, what)
}

func (n *narrator) refused(err error) {
	if err == nil {
		n.printf("%s\n", indentWrap("accepted", 22))
		return
	}
	var coded interface {
		ErrorCode() string
		ErrorMessage() string
	}
	if errors.As(err, &coded) {
		n.printf("%s\n", indentWrap("refused: "+coded.ErrorCode()+": "+coded.ErrorMessage(), 22))
		return
	}
	n.printf("%s\n", indentWrap("refused: "+err.Error(), 22))
}

// clock shows an instant relative to the tour's start: day and time.
func clock(t time.Time) string {
	d := t.Sub(start)
	day := int(d / (24 * time.Hour))
	return fmt.Sprintf("day %2d %s", day, t.Format("15:04"))
}

func indentWrap(text string, indent int) string {
	var b strings.Builder
	line := strings.Repeat(" ", indent)
	for _, word := range strings.Fields(text) {
		if len([]rune(line)) > indent && len([]rune(line))+1+len([]rune(word)) > 79 {
			b.WriteString(line + "\n")
			line = strings.Repeat(" ", indent+2)
		}
		if len([]rune(line)) > indent && !strings.HasSuffix(line, " ") {
			line += " "
		}
		line += word
	}
	b.WriteString(line)
	return b.String()
}

func run(w io.Writer) error {
	n := &narrator{w: w}
	random := rand.NewChaCha8([32]byte{'v', 'p', 'c', 'm', 'o', 'd', 'e', 'l'})
	now := start

	n.printf("A tour of vpcmodel: EC2 VPC peering, routes and VPN, as EC2 behaves\n")
	n.printf("%s\n", strings.Repeat("═", 68))
	n.say("Alice (account " + alice.Account + ", " + alice.Region + ") and Bob (account " +
		bob.Account + ", " + bob.Region + ") each own VPCs. Every step below runs on a fixed " +
		"clock; the library never reads the time itself.")

	vpcs := directory{}
	aliceVPC := vpcs.add(alice, "vpc-0a11ce0000000001a", "10.0.0.0/16")
	bobVPC := vpcs.add(bob, "vpc-0b0b000000000002b", "10.1.0.0/16")
	bobLab := vpcs.add(bob, "vpc-0b0b000000000003c", "10.0.128.0/20")
	bobOld := vpcs.add(bob, "vpc-0b0b000000000004d", "10.2.0.0/16")
	n.printf("\n")
	for _, v := range []peering.VPC{aliceVPC, bobVPC, bobLab, bobOld} {
		n.printf("  %-22s %s  %-10s %s\n", v.ID, v.OwnerID, v.Region, v.IPv4[0])
	}

	reg, err := peering.NewRegistry(random, vpcs, peering.Quotas{})
	if err != nil {
		return err
	}

	// 1. The lifecycle.
	n.section("1. A peering request, from initiating-request to active")
	n.say("Alice asks to peer her VPC with Bob's. EC2 answers at once with " +
		"initiating-request; the request reaches pending-acceptance on its own.")
	v, err := reg.Create(alice, peering.CreateInput{VPCID: aliceVPC.ID, PeerVPCID: bobVPC.ID,
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, now)
	if err != nil {
		return err
	}
	pcx := v.ID()
	n.step(now, "alice", "CreateVpcPeeringConnection → "+pcx)
	n.step(now, "", v.Status().String())
	now = now.Add(time.Second)
	v, _ = reg.View(alice, pcx, now)
	n.step(now, "", v.Status().String())
	exp, _ := v.ExpirationTime()
	n.printf("%s\n", indentWrap("expires "+exp.Format(ec2Time)+" (requested + 7 days)", 22))

	n.say("Who may act now? Only Bob, the accepter, in the accepter's Region; " +
		"Alice may only withdraw her request.")
	now = now.Add(time.Minute)
	_, err = reg.Accept(alice, pcx, now)
	n.step(now, "alice", "AcceptVpcPeeringConnection")
	n.refused(err)
	_, err = reg.Accept(peering.Party{Account: bob.Account, Region: alice.Region}, pcx, now)
	n.step(now, "bob", "AcceptVpcPeeringConnection in "+alice.Region)
	n.refused(err)

	// Routes while pending.
	world := targets{reg: reg, now: &now}
	pcxTarget, err := route.ParseTarget("VpcPeeringConnectionId", pcx)
	if err != nil {
		return err
	}
	rtb, err := route.CreateTable("rtb-0a11ce00000000001", alice.Account, route.VPC{ID: aliceVPC.ID, Blocks: aliceVPC.IPv4})
	if err != nil {
		return err
	}
	n.say("Alice's route table starts with its local route. She adds a route to " +
		"Bob's CIDR through the connection before Bob has answered: EC2 takes it, " +
		"as a blackhole.")
	printRoutes(n, rtb, "before")
	rtb, err = rtb.CreateRoute(bobVPC.IPv4[0], pcxTarget, world)
	if err != nil {
		return err
	}
	printRoutes(n, rtb, "pending")

	now = now.Add(time.Hour)
	v, err = reg.Accept(bob, pcx, now)
	if err != nil {
		return err
	}
	n.step(now, "bob", "AcceptVpcPeeringConnection in "+bob.Region)
	n.step(now, "", v.Status().String())
	now = now.Add(time.Second)
	v, _ = reg.View(alice, pcx, now)
	n.step(now, "", v.Status().String())
	rtb = rtb.Reconcile(world)
	printRoutes(n, rtb, "active")
	for _, a := range []string{"10.1.20.7", "10.0.3.4", "192.0.2.1"} {
		r, ok := rtb.Lookup(netip.MustParseAddr(a))
		if !ok {
			n.printf("    lookup %-10s no route: dropped\n", a)
			continue
		}
		n.printf("    lookup %-10s %s via %s\n", a, r.Destination, r.Target)
	}

	// 2. Overlap.
	n.section("2. The overlap check")
	n.say("Alice also asks to peer with Bob's lab VPC, " + bobLab.IPv4[0].String() +
		", which lies inside her " + aliceVPC.IPv4[0].String() + ". EC2 does not refuse " +
		"the call: the request fails, and only the requester sees it, for two hours.")
	a, b, _ := cidr.OverlapsAny(aliceVPC.IPv4, bobLab.IPv4)
	n.printf("    %s overlaps %s\n", a, b)
	v, err = reg.Create(alice, peering.CreateInput{VPCID: aliceVPC.ID, PeerVPCID: bobLab.ID,
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, now)
	if err != nil {
		return err
	}
	failed := v.ID()
	now = now.Add(time.Second)
	v, _ = reg.View(alice, failed, now)
	n.step(now, "alice", failed)
	n.printf("%s\n", indentWrap(v.Status().String(), 22))
	_, err = reg.View(bob, failed, now)
	n.step(now, "bob", "DescribeVpcPeeringConnections "+failed)
	n.refused(err)
	n.say("A second request between Alice's and Bob's VPCs is refused while the " +
		"first is alive: one connection per pair of VPCs.")
	_, err = reg.Create(alice, peering.CreateInput{VPCID: aliceVPC.ID, PeerVPCID: bobVPC.ID,
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, now)
	n.step(now, "alice", "CreateVpcPeeringConnection again")
	n.refused(err)
	now = now.Add(peering.ShortVisibility - time.Second)
	_, err = reg.View(alice, failed, now)
	n.step(now, "alice", "DescribeVpcPeeringConnections (2 h after failing)")
	n.refused(err)

	// 3. Expiry.
	n.section("3. Seven days, then expired")
	n.say("Alice sends Bob a request for his old VPC and Bob never answers. The " +
		"request expires exactly seven days after it was made, the instant " +
		"itself included, and both owners see it as expired for two days.")
	v, err = reg.Create(alice, peering.CreateInput{VPCID: aliceVPC.ID, PeerVPCID: bobOld.ID,
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, now)
	if err != nil {
		return err
	}
	old := v.ID()
	n.step(now, "alice", "CreateVpcPeeringConnection → "+old)
	deadline := now.Add(peering.RequestLifetime)
	for _, at := range []struct {
		t    time.Time
		note string
	}{{deadline.Add(-time.Nanosecond), "7 d - 1 ns"}, {deadline, "7 d"}} {
		v, _ = reg.View(bob, old, at.t)
		n.step(at.t, "bob", fmt.Sprintf("%-12s %s", at.note, v.Status().Code))
	}
	_, err = reg.Accept(bob, old, deadline)
	n.step(deadline, "bob", "AcceptVpcPeeringConnection")
	n.refused(err)
	for _, at := range []struct {
		d    time.Duration
		note string
	}{{peering.LongVisibility - time.Nanosecond, "+2 d - 1 ns"}, {peering.LongVisibility, "+2 d"}} {
		_, errA := reg.View(alice, old, deadline.Add(at.d))
		_, errB := reg.View(bob, old, deadline.Add(at.d))
		n.step(deadline.Add(at.d), "", fmt.Sprintf("%-12s visible to alice %-5v bob %v", at.note, errA == nil, errB == nil))
	}
	now = deadline.Add(peering.LongVisibility)

	// 4. Deletion and visibility windows.
	n.section("4. Deleting, and who sees what afterwards")
	n.say("Alice deletes the active connection. It is inter-Region, so it passes " +
		"through deleting. Then the deleter sees it for two hours, the other " +
		"owner for two days, and Alice's route turns blackhole: it stays in the " +
		"table and drops the traffic.")
	v, err = reg.Delete(alice, pcx, now)
	if err != nil {
		return err
	}
	n.step(now, "alice", "DeleteVpcPeeringConnection "+pcx)
	n.step(now, "", v.Status().String())
	now = now.Add(time.Second)
	v, _ = reg.View(bob, pcx, now)
	n.step(now, "", v.Status().String())
	rtb = rtb.Reconcile(world)
	printRoutes(n, rtb, "deleted")
	r, _ := rtb.Lookup(netip.MustParseAddr("10.1.20.7"))
	n.printf("    lookup %-10s %s via %s: forwards=%v\n", "10.1.20.7", r.Destination, r.Target, r.Forwards())
	gone := v.Connection().ChangedAt()
	for _, at := range []struct {
		d    time.Duration
		note string
	}{{peering.ShortVisibility - time.Nanosecond, "+2 h - 1 ns"}, {peering.ShortVisibility, "+2 h"}, {peering.LongVisibility, "+2 d"}} {
		t := gone.Add(at.d)
		_, errA := reg.View(alice, pcx, t)
		_, errB := reg.View(bob, pcx, t)
		n.step(t, "", fmt.Sprintf("%-12s visible to alice %-5v bob %v", at.note, errA == nil, errB == nil))
	}
	now = gone.Add(peering.LongVisibility)
	n.say(fmt.Sprintf("Once neither owner can see a connection the Registry forgets it: "+
		"it now holds %d.", reg.Len()))

	// 5. VPN.
	if err := vpnSection(n, random, now); err != nil {
		return err
	}
	// 6. Reachability.
	if err := reachSection(n, now); err != nil {
		return err
	}
	n.printf("\nEnd of the tour. Read the package docs for every rule and its source.\n")
	return n.err
}

func printRoutes(n *narrator, t route.Table, label string) {
	n.printf("    %s %s:\n", t.ID(), label)
	for _, r := range t.Routes() {
		n.printf("      %-14s %-24s %s\n", r.Destination, r.Target, r.State)
	}
}

func vpnSection(n *narrator, random io.Reader, now time.Time) error {
	n.section("5. A Site-to-Site VPN connection")
	n.say("Alice connects her office router to her VPC. EC2 resolves every tunnel " +
		"option: AWS's defaults, a random free /30 inside each tunnel and a " +
		"32-character pre-shared key, which never prints unless asked for.")
	cgw, err := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{Type: vpn.IPsec1,
		IPAddress: netip.MustParseAddr("198.51.100.7"), BGPASN: 65010}, random, now)
	if err != nil {
		return err
	}
	vgw, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1}, random, now)
	if err != nil {
		return err
	}
	conn, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	if err != nil {
		return err
	}
	n.printf("    %s (%s)\n      %s → %s\n", conn.ID(), conn.State(), cgw.ID(), vgw.ID())
	for i, t := range conn.Tunnels() {
		n.printf("    tunnel %d  AWS %-13s inside %-18s key %v\n", i+1, t.AWSOutsideAddress(), t.InsideCIDR(), t.PSK())
	}
	o := conn.Tunnels()[0].Options()
	n.printf("    phase 1 %ds, phase 2 %ds, DPD %ds then %s, IKE %v\n",
		o.Phase1LifetimeSeconds, o.Phase2LifetimeSeconds, o.DPDTimeoutSeconds, o.DPDTimeoutAction, o.IKEVersions)

	n.say("Asking for a tunnel inside CIDR that EC2 reserves is refused:")
	_, err = vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw,
		Options: vpn.Options{Tunnels: []vpn.TunnelOptions{{InsideCIDR: netip.MustParsePrefix("169.254.169.252/30")}}}},
		nil, random, now)
	n.refused(err)

	n.say("An excerpt of the customer gateway configuration EC2 returns (tunnel 1):")
	excerpt(n, conn.CustomerGatewayConfiguration(), "<customer_gateway>", 14)
	n.say("And of the strongSwan configuration for the same connection:")
	sw, err := vpn.StrongSwan(conn, vpn.IKEv2)
	if err != nil {
		return err
	}
	excerpt(n, sw, "connections {", 9)
	return nil
}

// excerpt prints lines lines of text starting at the first that contains
// from, cutting long lines and hiding pre-shared keys.
func excerpt(n *narrator, text, from string, lines int) {
	all := strings.Split(text, "\n")
	at := 0
	for i, l := range all {
		if strings.Contains(l, from) {
			at = i
			break
		}
	}
	for _, l := range all[at:min(at+lines, len(all))] {
		if strings.Contains(l, "pre_shared_key") || strings.Contains(l, "secret") {
			continue
		}
		if len([]rune(l)) > 74 {
			l = string([]rune(l)[:71]) + "..."
		}
		n.printf("    %s\n", l)
	}
	n.printf("    ...\n")
}

// reachSection peers two VPCs of one account in a Cloud and asks, after
// each fix, whether a web server in one reaches a database in the other.
func reachSection(n *narrator, now time.Time) error {
	n.section("6. Why can't these two machines talk?")
	n.say("A web server in VPC web (10.0.0.0/16) must reach a database in VPC db " +
		"(10.1.0.0/16) on TCP 5432. The two are peered, and still it fails: the " +
		"reachability analysis follows the packet both ways, as EC2 forwards it, " +
		"and names what stops it. Each answer leads to a fix, and the next reason.")
	me := vpcmodel.Caller{Account: alice.Account, Region: alice.Region}
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{'r', 'e', 'a', 'c', 'h'})})
	var err error
	ok := func(_ any, e error) {
		if err == nil {
			err = e
		}
	}
	mk := func(block, subnet, ip, name string) (vpc, sn, group, eni, rtb string) {
		v, e := c.CreateVpc(me, vpcmodel.CreateVpcInput{CIDRBlock: block}, now)
		ok(v, e)
		s, e := c.CreateSubnet(me, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: subnet}, now)
		ok(s, e)
		g, e := c.CreateSecurityGroup(me, vpcmodel.CreateSecurityGroupInput{VPCID: v.VPC.VPCID, GroupName: name, Description: name}, now)
		ok(g, e)
		i, e := c.CreateNetworkInterface(me, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.Subnet.SubnetID, PrivateIPAddress: ip, Groups: []string{g.GroupID}}, now)
		ok(i, e)
		t, e := c.DescribeRouteTables(me, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{v.VPC.VPCID}}}}, now)
		ok(t, e)
		if e != nil || len(t.RouteTables) == 0 {
			return
		}
		return v.VPC.VPCID, s.Subnet.SubnetID, g.GroupID, i.NetworkInterface.NetworkInterfaceID, t.RouteTables[0].RouteTableID
	}
	webVPC, _, _, web, webRtb := mk("10.0.0.0/16", "10.0.1.0/24", "10.0.1.10", "web")
	dbVPC, dbSubnet, dbGroup, db, dbRtb := mk("10.1.0.0/16", "10.1.1.0/24", "10.1.1.20", "db")
	// The database's subnet has its own network ACL: 5432 in, 5432 out.
	acl, e := c.CreateNetworkAcl(me, vpcmodel.CreateNetworkAclInput{VPCID: dbVPC}, now)
	ok(acl, e)
	for _, egress := range []bool{false, true} {
		ok(c.CreateNetworkAclEntry(me, vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: acl.NetworkACL.NetworkACLID, RuleNumber: 100, Protocol: "6",
			RuleAction: "allow", Egress: egress, CIDRBlock: "10.0.0.0/16", PortRange: vpcmodel.Some(vpcmodel.PortRange{From: 5432, To: 5432})}, now))
	}
	d, e := c.DescribeNetworkAcls(me, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{{Name: "association.subnet-id", Values: []string{dbSubnet}}}}, now)
	ok(d, e)
	if err != nil {
		return err
	}
	for _, a := range d.NetworkACLs[0].Associations {
		if a.SubnetID == dbSubnet {
			ok(c.ReplaceNetworkAclAssociation(me, vpcmodel.ReplaceNetworkAclAssociationInput{AssociationID: a.NetworkACLAssociationID, NetworkACLID: acl.NetworkACL.NetworkACLID}, now))
		}
	}
	p, e := c.CreateVpcPeeringConnection(me, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: webVPC, PeerVPCID: dbVPC}, now)
	ok(p, e)
	if err != nil {
		return err
	}
	pcx := p.VPCPeeringConnection.VPCPeeringConnectionID
	route := func(rtb, dest string) {
		ok(c.CreateRoute(me, vpcmodel.CreateRouteInput{RouteTableID: rtb, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: dest},
			RouteTarget: vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx}}, now))
	}
	route(webRtb, "10.1.0.0/16")
	if err != nil {
		return err
	}
	names := strings.NewReplacer(web, "web's interface", db, "db's interface", pcx, "the connection", webRtb, "web's route table",
		dbRtb, "db's route table", acl.NetworkACL.NetworkACLID, "db's network ACL")
	ask := func(fix string) error {
		q := reach.Query{Source: reach.Endpoint{ID: web}, Destination: reach.Endpoint{ID: db}, Protocol: reach.TCP,
			DestinationPorts: reach.PortRange{From: 5432, To: 5432}}
		r, err := c.Reach(me, q, now)
		if err != nil {
			return err
		}
		if fix != "" {
			n.say(fix)
		}
		if r.Found {
			n.printf("    reachable: %d components there, %d back\n", len(r.Forward), len(r.Return))
			return nil
		}
		for _, x := range r.Explanations {
			way := "on the way there"
			if x.Return {
				way = "on the way back"
			}
			n.printf("    %s, %s\n%s\n", x.Code, way, indentWrap(names.Replace(x.Message), 6))
		}
		return nil
	}
	steps := []struct {
		fix string
		do  func()
	}{
		{"1. The request is made but not yet accepted; routes to it are blackholes:", func() {}},
		{"2. The owner of db accepts it. The request now crosses, and db's security group, new and empty, lets nothing in:", func() {
			ok(c.AcceptVpcPeeringConnection(me, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, now))
		}},
		{"3. The group lets in 5432 from web's block. The request arrives, and the answer dies at db's network ACL, which lets out port 5432 but not the ephemeral port the client chose:", func() {
			ok(c.AuthorizeSecurityGroupIngress(me, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: dbGroup, IPPermissions: []vpcmodel.IPPermission{{
				IPProtocol: "tcp", FromPort: vpcmodel.Some(5432), ToPort: vpcmodel.Some(5432), IPRanges: []vpcmodel.IPRange{{CIDRIP: "10.0.0.0/16"}}}}}, now))
		}},
		{"4. The ACL lets the answer out to ports 1024-65535. Now it has no way home: db's route table has no route back:", func() {
			ok(c.CreateNetworkAclEntry(me, vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: acl.NetworkACL.NetworkACLID, RuleNumber: 110, Protocol: "6",
				RuleAction: "allow", Egress: true, CIDRBlock: "10.0.0.0/16", PortRange: vpcmodel.Some(vpcmodel.PortRange{From: 1024, To: 65535})}, now))
		}},
		{"5. db's route table gets a route back through the connection, and the machines talk:", func() {
			route(dbRtb, "10.0.0.0/16")
		}},
	}
	for _, s := range steps {
		s.do()
		if err != nil {
			return err
		}
		if err := ask(s.fix); err != nil {
			return err
		}
	}
	return nil
}
