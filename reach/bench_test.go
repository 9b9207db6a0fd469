package reach_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/reach"
)

// benchNet is a Cloud of n VPCs peered as a chain (each with the next) or
// a hub (the first with every other, up to the quota of active
// connections), each VPC with one subnet whose route table holds 50 routes
// (its peers' blocks, the rest to its internet gateway), whose network ACL
// holds 20 entries each way (the catch-all included, the entry that allows
// last), and one interface whose security group holds 20 inbound rules (the
// one that allows last).
type benchNet struct {
	c    *vpcmodel.Cloud
	me   vpcmodel.Caller
	now  time.Time
	enis []string
}

func newBenchNet(b *testing.B, n int, hub bool) *benchNet {
	b.Helper()
	w := &benchNet{c: vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{42}),
		PeeringQuotas: peering.Quotas{ActivePerVPC: 125}}),
		me: vpcmodel.Caller{Account: "111122223333", Region: "us-east-1"}, now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	block := func(i int) string { return fmt.Sprintf("10.%d.%d.0/24", i>>8, i&255) }
	vpcs := make([]string, n)
	subnets := make([]string, n)
	tables := make([]string, n)
	igws := make([]string, n)
	routes := make([]int, n)
	for i := range n {
		v, err := w.c.CreateVpc(w.me, vpcmodel.CreateVpcInput{CIDRBlock: block(i)}, w.now)
		must(err)
		vpcs[i] = v.VPC.VPCID
		s, err := w.c.CreateSubnet(w.me, vpcmodel.CreateSubnetInput{VPCID: vpcs[i], CIDRBlock: block(i)}, w.now)
		must(err)
		subnets[i] = s.Subnet.SubnetID
		t, err := w.c.DescribeRouteTables(w.me, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{vpcs[i]}}}}, w.now)
		must(err)
		tables[i] = t.RouteTables[0].RouteTableID
		g, err := w.c.CreateInternetGateway(w.me, vpcmodel.CreateInternetGatewayInput{}, w.now)
		must(err)
		igws[i] = g.InternetGateway.InternetGatewayID
		_, err = w.c.AttachInternetGateway(w.me, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: igws[i], VPCID: vpcs[i]}, w.now)
		must(err)
		// 19 inbound rules that do not match, then one that does.
		sg, err := w.c.CreateSecurityGroup(w.me, vpcmodel.CreateSecurityGroupInput{VPCID: vpcs[i], GroupName: "app", Description: "app"}, w.now)
		must(err)
		var perms []vpcmodel.IPPermission
		for k := range 19 {
			perms = append(perms, vpcmodel.IPPermission{IPProtocol: "tcp", FromPort: vpcmodel.Some(1000 + k), ToPort: vpcmodel.Some(1000 + k),
				IPRanges: []vpcmodel.IPRange{{CIDRIP: fmt.Sprintf("198.51.100.%d/32", k)}}})
		}
		perms = append(perms, vpcmodel.IPPermission{IPProtocol: "tcp", FromPort: vpcmodel.Some(443), ToPort: vpcmodel.Some(443),
			IPRanges: []vpcmodel.IPRange{{CIDRIP: "10.0.0.0/8"}}})
		_, err = w.c.AuthorizeSecurityGroupIngress(w.me, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: sg.GroupID, IPPermissions: perms}, w.now)
		must(err)
		e, err := w.c.CreateNetworkInterface(w.me, vpcmodel.CreateNetworkInterfaceInput{SubnetID: subnets[i], Groups: []string{sg.GroupID}}, w.now)
		must(err)
		w.enis = append(w.enis, e.NetworkInterface.NetworkInterfaceID)
		// A network ACL: 18 entries each way that do not match, then one
		// that allows, then the catch-all.
		a, err := w.c.CreateNetworkAcl(w.me, vpcmodel.CreateNetworkAclInput{VPCID: vpcs[i]}, w.now)
		must(err)
		for _, egress := range []bool{false, true} {
			for k := range 18 {
				_, err := w.c.CreateNetworkAclEntry(w.me, vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: a.NetworkACL.NetworkACLID,
					RuleNumber: 10 + k, Protocol: "6", RuleAction: "deny", Egress: egress, CIDRBlock: fmt.Sprintf("198.51.100.%d/32", k),
					PortRange: vpcmodel.Some(vpcmodel.PortRange{From: 0, To: 65535})}, w.now)
				must(err)
			}
			_, err := w.c.CreateNetworkAclEntry(w.me, vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: a.NetworkACL.NetworkACLID,
				RuleNumber: 100, Protocol: "-1", RuleAction: "allow", Egress: egress, CIDRBlock: "10.0.0.0/8"}, w.now)
			must(err)
		}
		d, err := w.c.DescribeNetworkAcls(w.me, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{vpcs[i]}}, {Name: "default", Values: []string{"true"}}}}, w.now)
		must(err)
		_, err = w.c.ReplaceNetworkAclAssociation(w.me, vpcmodel.ReplaceNetworkAclAssociationInput{
			AssociationID: d.NetworkACLs[0].Associations[0].NetworkACLAssociationID, NetworkACLID: a.NetworkACL.NetworkACLID}, w.now)
		must(err)
	}
	peer := func(i, j int) {
		p, err := w.c.CreateVpcPeeringConnection(w.me, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: vpcs[i], PeerVPCID: vpcs[j]}, w.now)
		must(err)
		id := p.VPCPeeringConnection.VPCPeeringConnectionID
		_, err = w.c.AcceptVpcPeeringConnection(w.me, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: id}, w.now)
		must(err)
		for _, x := range [][2]int{{i, j}, {j, i}} {
			if routes[x[0]] == 50 {
				continue
			}
			_, err := w.c.CreateRoute(w.me, vpcmodel.CreateRouteInput{RouteTableID: tables[x[0]], RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: block(x[1])},
				RouteTarget: vpcmodel.RouteTarget{VPCPeeringConnectionID: id}}, w.now)
			must(err)
			routes[x[0]]++
		}
	}
	for i := 1; i < n; i++ {
		switch {
		case !hub:
			peer(i-1, i)
		case i < 125:
			peer(0, i)
		}
	}
	// The rest of the 50 routes go to the internet gateway.
	for i := range n {
		for k := 0; routes[i] < 50; k++ {
			_, err := w.c.CreateRoute(w.me, vpcmodel.CreateRouteInput{RouteTableID: tables[i],
				RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: netip.PrefixFrom(netip.AddrFrom4([4]byte{198, 18, byte(k), 0}), 24).String()},
				RouteTarget:      vpcmodel.RouteTarget{GatewayID: igws[i]}}, w.now)
			must(err)
			routes[i]++
		}
	}
	w.now = w.now.Add(time.Second) // the connections are active from the next call
	return w
}

// BenchmarkReach times one Cloud.Reach: TCP 443 from one interface to
// another, over the world newBenchNet builds. "neighbour" is a path between
// two peered VPCs, found both ways (8 components there, 6 back);
// "transitive" asks for a VPC two connections away, which the peering
// connection refuses. Route tables are brought up to date by each call.
// Besides wall time, each reports cpu-ns/op: the process's CPU time (user
// and system, the garbage collector's included) per call, which does not
// count waiting for a CPU on a shared machine.
func BenchmarkReach(b *testing.B) {
	for _, tc := range []struct {
		name string
		n    int
		hub  bool
	}{{"chain/vpcs=3", 3, false}, {"chain/vpcs=10", 10, false}, {"chain/vpcs=1000", 1000, false},
		{"hub/vpcs=3", 3, true}, {"hub/vpcs=10", 10, true}, {"hub/vpcs=1000", 1000, true}} {
		w := newBenchNet(b, tc.n, tc.hub)
		// chain: 0 -> 1 peered, 0 -> 2 through 1; hub: 1 -> 0 peered, 1 -> 2 through 0.
		from, near, far := w.enis[0], w.enis[1], w.enis[2]
		if tc.hub {
			from, near = w.enis[1], w.enis[0]
		}
		for _, path := range []struct {
			name  string
			to    string
			found bool
		}{{"neighbour", near, true}, {"transitive", far, false}} {
			q := reach.Query{Source: reach.Endpoint{ID: from}, Destination: reach.Endpoint{ID: path.to}, Protocol: reach.TCP,
				DestinationPorts: reach.PortRange{From: 443, To: 443}}
			r, err := w.c.Reach(w.me, q, w.now)
			if err != nil || r.Found != path.found {
				b.Fatalf("Reach = %v, %v; want found %v", r, err, path.found)
			}
			b.Run(tc.name+"/"+path.name, func(b *testing.B) {
				b.ReportAllocs()
				cpu := cpuTime()
				for b.Loop() {
					if _, err := w.c.Reach(w.me, q, w.now); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
