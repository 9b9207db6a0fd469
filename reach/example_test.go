package reach_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/reach"
)

// Example_peering peers two VPCs, routes one way only, and asks whether a
// web server in one can reach a database in the other; the answer names
// the missing route back. With it added, the path is found.
func Example_peering() {
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	me := vpcmodel.Caller{Account: "111122223333", Region: "us-east-1"}
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	vpc := func(cidr, subnet, ip string) (vpcID, eniID, groupID string) {
		v, err := c.CreateVpc(me, vpcmodel.CreateVpcInput{CIDRBlock: cidr}, now)
		must(err)
		s, err := c.CreateSubnet(me, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: subnet}, now)
		must(err)
		g, err := c.CreateSecurityGroup(me, vpcmodel.CreateSecurityGroupInput{VPCID: v.VPC.VPCID, GroupName: "app", Description: "app"}, now)
		must(err)
		e, err := c.CreateNetworkInterface(me, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.Subnet.SubnetID, PrivateIPAddress: ip,
			Groups: []string{g.GroupID}}, now)
		must(err)
		return v.VPC.VPCID, e.NetworkInterface.NetworkInterfaceID, g.GroupID
	}
	webVPC, web, _ := vpc("10.0.0.0/16", "10.0.1.0/24", "10.0.1.10")
	dbVPC, db, dbGroup := vpc("10.1.0.0/16", "10.1.1.0/24", "10.1.1.20")
	_, err := c.AuthorizeSecurityGroupIngress(me, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: dbGroup, IPPermissions: []vpcmodel.IPPermission{{
		IPProtocol: "tcp", FromPort: vpcmodel.Some(5432), ToPort: vpcmodel.Some(5432), IPRanges: []vpcmodel.IPRange{{CIDRIP: "10.0.0.0/16"}}}}}, now)
	must(err)
	p, err := c.CreateVpcPeeringConnection(me, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: webVPC, PeerVPCID: dbVPC}, now)
	must(err)
	pcx := p.VPCPeeringConnection.VPCPeeringConnectionID
	_, err = c.AcceptVpcPeeringConnection(me, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, now)
	must(err)
	route := func(vpcID, dest string) {
		t, err := c.DescribeRouteTables(me, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{vpcID}}}}, now)
		must(err)
		_, err = c.CreateRoute(me, vpcmodel.CreateRouteInput{RouteTableID: t.RouteTables[0].RouteTableID,
			RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: dest},
			RouteTarget:      vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx}}, now)
		must(err)
	}
	route(webVPC, "10.1.0.0/16")

	q := reach.Query{Source: reach.Endpoint{ID: web}, Destination: reach.Endpoint{ID: db}, Protocol: reach.TCP,
		DestinationPorts: reach.PortRange{From: 5432, To: 5432}}
	r, err := c.Reach(me, q, now)
	must(err)
	x := r.Explanations[0]
	fmt.Println(r.Found, x.Code, x.Kind, "on the way back:", x.Return)

	route(dbVPC, "10.0.0.0/16")
	r, err = c.Reach(me, q, now)
	must(err)
	fmt.Println(r.Found, len(r.Forward), "components there,", len(r.Return), "back")
	// Output:
	// false NO_ROUTE_TO_DESTINATION route-table on the way back: true
	// true 8 components there, 6 back
}
