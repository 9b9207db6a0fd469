package vpcmodel_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
)

// world is a Cloud filled with n VPCs in one account, peered in a chain
// (active), each with a route to its successor, and n/50 accounts each
// holding a customer gateway, a VGW and a VPN connection.
type world struct {
	c       *vpcmodel.Cloud
	caller  vpcmodel.Caller
	now     time.Time
	vpcs    []string
	tables  []string
	pcxs    []string
	vpnUser vpcmodel.Caller
	vpnIDs  []string
}

var benchEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func newWorld(b *testing.B, n int) *world {
	b.Helper()
	w := &world{
		c:      vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{42}), CustomerDevicesConnect: true}),
		caller: vpcmodel.Caller{Account: "111122223333", Region: "us-east-1"},
		now:    benchEpoch,
	}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	for i := range n {
		// 10.0.0.0/28, 10.0.0.16/28, ...: disjoint blocks for any n up to 2^20.
		block := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 12), byte(i >> 4), byte(i << 4)}), 28)
		o, err := w.c.CreateVpc(w.caller, vpcmodel.CreateVpcInput{CIDRBlock: block.String(),
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc", Tags: []vpcmodel.Tag{{Key: "Name", Value: fmt.Sprint("vpc-", i)}}}}}, w.now)
		must(err)
		w.vpcs = append(w.vpcs, o.VPC.VPCID)
	}
	for i := 1; i < n; i++ {
		o, err := w.c.CreateVpcPeeringConnection(w.caller, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: w.vpcs[i-1], PeerVPCID: w.vpcs[i],
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc-peering-connection", Tags: []vpcmodel.Tag{{Key: "Name", Value: fmt.Sprint("pcx-", i)}}}}}, w.now)
		must(err)
		id := o.VPCPeeringConnection.VPCPeeringConnectionID
		_, err = w.c.AcceptVpcPeeringConnection(w.caller, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: id}, w.now)
		must(err)
		w.pcxs = append(w.pcxs, id)
		t, err := w.c.CreateRouteTable(w.caller, vpcmodel.CreateRouteTableInput{VPCID: w.vpcs[i-1]}, w.now)
		must(err)
		w.tables = append(w.tables, t.RouteTable.RouteTableID)
		_, err = w.c.CreateRoute(w.caller, vpcmodel.CreateRouteInput{RouteTableID: t.RouteTable.RouteTableID,
			RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "192.168.0.0/24"},
			RouteTarget:      vpcmodel.RouteTarget{VPCPeeringConnectionID: id}}, w.now)
		must(err)
	}
	for i := range max(n/50, 1) {
		caller := vpcmodel.Caller{Account: fmt.Sprintf("2%011d", i), Region: "eu-west-1"}
		cg, err := w.c.CreateCustomerGateway(caller, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000,
			IPAddress: netip.AddrFrom4([4]byte{198, 51, byte(i >> 8), byte(i)}).String()}, w.now)
		must(err)
		g, err := w.c.CreateVpnGateway(caller, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, w.now)
		must(err)
		v, err := w.c.CreateVpnConnection(caller, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1",
			CustomerGatewayID: cg.CustomerGateway.CustomerGatewayID, VPNGatewayID: g.VPNGateway.VPNGatewayID,
			Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: true}}, w.now)
		must(err)
		w.vpnUser = caller
		w.vpnIDs = append(w.vpnIDs, v.VPNConnection.VPNConnectionID)
	}
	return w
}

var benchSizes = []int{1_000, 100_000}

// BenchmarkCloud times single actions against a Cloud holding n VPCs, n-1
// active peering connections, n-1 route tables with a route each, and n/50
// VPN connections: each must cost about the same at 100,000 as at 1,000.
func BenchmarkCloud(b *testing.B) {
	for _, n := range benchSizes {
		w := newWorld(b, n)
		mid := n / 2
		b.Run(fmt.Sprintf("n=%d/DescribeVpcs/id", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := w.c.DescribeVpcs(w.caller, vpcmodel.DescribeVpcsInput{VPCIDs: []string{w.vpcs[mid]}}, w.now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/DescribeVpcs/tag:Name", n), func(b *testing.B) {
			b.ReportAllocs()
			f := []vpcmodel.Filter{{Name: "tag:Name", Values: []string{fmt.Sprint("vpc-", mid)}}}
			for b.Loop() {
				o, err := w.c.DescribeVpcs(w.caller, vpcmodel.DescribeVpcsInput{Filters: f}, w.now)
				if err != nil || len(o.VPCs) != 1 {
					b.Fatal(err, len(o.VPCs))
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/DescribeRouteTables/vpc-id", n), func(b *testing.B) {
			b.ReportAllocs()
			f := []vpcmodel.Filter{{Name: "vpc-id", Values: []string{w.vpcs[mid]}}}
			for b.Loop() {
				o, err := w.c.DescribeRouteTables(w.caller, vpcmodel.DescribeRouteTablesInput{Filters: f}, w.now)
				if err != nil || len(o.RouteTables) != 2 {
					b.Fatal(err, len(o.RouteTables))
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/DescribeVpcPeeringConnections/id", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := w.c.DescribeVpcPeeringConnections(w.caller, vpcmodel.DescribeVpcPeeringConnectionsInput{
					VPCPeeringConnectionIDs: []string{w.pcxs[mid]}}, w.now); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, f := range []vpcmodel.Filter{
			{Name: "requester-vpc-info.vpc-id", Values: []string{w.vpcs[mid]}},
			{Name: "accepter-vpc-info.vpc-id", Values: []string{w.vpcs[mid]}},
			{Name: "tag:Name", Values: []string{fmt.Sprint("pcx-", mid)}},
			{Name: "status-code", Values: []string{"deleted"}},
		} {
			b.Run(fmt.Sprintf("n=%d/DescribeVpcPeeringConnections/%s", n, f.Name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := w.c.DescribeVpcPeeringConnections(w.caller, vpcmodel.DescribeVpcPeeringConnectionsInput{
						Filters: []vpcmodel.Filter{f}}, w.now); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("n=%d/DescribeVpnConnections/id", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := w.c.DescribeVpnConnections(w.vpnUser, vpcmodel.DescribeVpnConnectionsInput{
					VPNConnectionIDs: []string{w.vpnIDs[len(w.vpnIDs)-1]}}, w.now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/CreateVpc+DeleteVpc", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				o, err := w.c.CreateVpc(w.caller, vpcmodel.CreateVpcInput{CIDRBlock: "172.16.0.0/16"}, w.now)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := w.c.DeleteVpc(w.caller, vpcmodel.DeleteVpcInput{VPCID: o.VPC.VPCID}, w.now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/CreateRoute+DeleteRoute", n), func(b *testing.B) {
			b.ReportAllocs()
			in := vpcmodel.CreateRouteInput{RouteTableID: w.tables[mid],
				RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "192.168.1.0/24"},
				RouteTarget:      vpcmodel.RouteTarget{VPCPeeringConnectionID: w.pcxs[mid]}}
			for b.Loop() {
				if _, err := w.c.CreateRoute(w.caller, in, w.now); err != nil {
					b.Fatal(err)
				}
				if _, err := w.c.DeleteRoute(w.caller, vpcmodel.DeleteRouteInput{RouteTableID: w.tables[mid], RouteDestination: in.RouteDestination}, w.now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/CreatePeering+Delete", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				o, err := w.c.CreateVpcPeeringConnection(w.caller, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: w.vpcs[0], PeerVPCID: w.vpcs[n-1]}, w.now)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := w.c.DeleteVpcPeeringConnection(w.caller, vpcmodel.DeleteVpcPeeringConnectionInput{
					VPCPeeringConnectionID: o.VPCPeeringConnection.VPCPeeringConnectionID}, w.now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/DescribeTags(resource-id)", n), func(b *testing.B) {
			b.ReportAllocs()
			in := vpcmodel.DescribeTagsInput{Filters: []vpcmodel.Filter{{Name: "resource-id", Values: []string{w.vpcs[mid], w.pcxs[mid]}}}}
			for b.Loop() {
				if out, err := w.c.DescribeTags(w.caller, in, w.now); err != nil || len(out.Tags) != 2 {
					b.Fatal(out, err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/CreateTags", n), func(b *testing.B) {
			b.ReportAllocs()
			in := vpcmodel.CreateTagsInput{ResourceIDs: []string{w.vpcs[mid], w.tables[mid], w.pcxs[mid]}, Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}
			for b.Loop() {
				if _, err := w.c.CreateTags(w.caller, in, w.now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCloudEncoding writes out and reads back a Cloud holding n VPCs,
// 2n-1 route tables (a main table each, plus one with a route per
// connection), n-1 peering connections and 3n/50 VPN resources, reporting
// bytes and nanoseconds per resource.
func BenchmarkCloudEncoding(b *testing.B) {
	for _, n := range benchSizes {
		w := newWorld(b, n)
		resources := float64(n + 2*n - 1 + n - 1 + 3*max(n/50, 1))
		var buf bytes.Buffer
		if _, err := w.c.WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
		size := buf.Len()
		b.Run(fmt.Sprintf("n=%d/WriteTo", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if _, err := w.c.WriteTo(&buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size)/resources, "B/resource")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/resources, "ns/resource")
		})
		b.Run(fmt.Sprintf("n=%d/ReadFrom", n), func(b *testing.B) {
			b.ReportAllocs()
			data := buf.Bytes()
			c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
			for b.Loop() {
				if _, err := c.ReadFrom(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/resources, "ns/resource")
		})
	}
}

// BenchmarkNATGateways times NAT gateway and address actions in one
// account of a Cloud whose other accounts hold n NAT gateways (20 each:
// five in each of four zones, the most EC2 allows) with an Elastic IP
// address each of the first five: each must cost about the same at
// 100,000 gateways as at 1,000.
func BenchmarkNATGateways(b *testing.B) {
	for _, n := range benchSizes {
		c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{43})})
		now := benchEpoch
		type account struct {
			caller          vpcmodel.Caller
			vpc, subnet, id string
		}
		var last account
		for i := range n / 20 {
			a := account{caller: vpcmodel.Caller{Account: fmt.Sprintf("3%011d", i), Region: "us-east-1"}}
			v, err := c.CreateVpc(a.caller, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
			if err != nil {
				b.Fatal(err)
			}
			a.vpc = v.VPC.VPCID
			g, _ := c.CreateInternetGateway(a.caller, vpcmodel.CreateInternetGatewayInput{}, now)
			if _, err := c.AttachInternetGateway(a.caller, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: g.InternetGateway.InternetGatewayID, VPCID: a.vpc}, now); err != nil {
				b.Fatal(err)
			}
			for z, name := range []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"} {
				s, err := c.CreateSubnet(a.caller, vpcmodel.CreateSubnetInput{VPCID: a.vpc, CIDRBlock: fmt.Sprintf("10.0.%d.0/24", z), AvailabilityZone: name}, now)
				if err != nil {
					b.Fatal(err)
				}
				a.subnet = s.Subnet.SubnetID
				for k := range 5 {
					in := vpcmodel.CreateNatGatewayInput{SubnetID: a.subnet, ConnectivityType: "private"}
					if z == 0 {
						e, err := c.AllocateAddress(a.caller, vpcmodel.AllocateAddressInput{}, now)
						if err != nil {
							b.Fatal(err)
						}
						in.ConnectivityType, in.AllocationID = "public", e.AllocationID
					}
					o, err := c.CreateNatGateway(a.caller, in, now)
					if err != nil {
						b.Fatal(err)
					}
					if k == 2 {
						a.id = o.NATGateway.NATGatewayID
					}
				}
			}
			last = a
		}
		// A fresh account acts; the last full one is described.
		fresh := vpcmodel.Caller{Account: "499999999999", Region: "us-east-1"}
		v, _ := c.CreateVpc(fresh, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
		s, _ := c.CreateSubnet(fresh, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.0.0/24"}, now)
		b.Run(fmt.Sprintf("n=%d/DescribeNatGateways/id", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				o, err := c.DescribeNatGateways(last.caller, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{last.id}}, now)
				if err != nil || len(o.NATGateways) != 1 {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/DescribeNatGateways/subnet-id", n), func(b *testing.B) {
			b.ReportAllocs()
			f := []vpcmodel.Filter{{Name: "subnet-id", Values: []string{last.subnet}}}
			for b.Loop() {
				o, err := c.DescribeNatGateways(last.caller, vpcmodel.DescribeNatGatewaysInput{Filters: f}, now)
				if err != nil || len(o.NATGateways) != 5 {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/DescribeAddresses", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				o, err := c.DescribeAddresses(last.caller, vpcmodel.DescribeAddressesInput{}, now)
				if err != nil || len(o.Addresses) != 5 {
					b.Fatal(err)
				}
			}
		})
		// Each round takes an address, makes a private gateway, lets it
		// settle, deletes it, lets that settle, and an hour later finds it
		// gone, releasing the address: the whole lifecycle.
		t := now // runs of this benchmark continue the Cloud's clock
		b.Run(fmt.Sprintf("n=%d/lifecycle", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e, err := c.AllocateAddress(fresh, vpcmodel.AllocateAddressInput{}, t)
				if err != nil {
					b.Fatal(err)
				}
				o, err := c.CreateNatGateway(fresh, vpcmodel.CreateNatGatewayInput{SubnetID: s.Subnet.SubnetID, ConnectivityType: "private"}, t)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.DeleteNatGateway(fresh, vpcmodel.DeleteNatGatewayInput{NATGatewayID: o.NATGateway.NATGatewayID}, t); err != nil {
					b.Fatal(err)
				}
				t = t.Add(time.Hour)
				if _, err := c.ReleaseAddress(fresh, vpcmodel.ReleaseAddressInput{AllocationID: e.AllocationID}, t); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSubnetGroups measures the RDS subnet group actions against a
// Cloud holding n DB subnet groups of one account's two subnets: a
// Describe by name, which is a map lookup whatever n is, and a create and
// delete pair.
func BenchmarkSubnetGroups(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{42})})
		caller := vpcmodel.Caller{Account: "111122223333", Region: "us-east-1"}
		v, err := c.CreateVpc(caller, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, benchEpoch)
		if err != nil {
			b.Fatal(err)
		}
		var ids []string
		for i, z := range []string{"us-east-1a", "us-east-1b"} {
			s, err := c.CreateSubnet(caller, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: fmt.Sprintf("10.0.%d.0/24", i), AvailabilityZone: z}, benchEpoch)
			if err != nil {
				b.Fatal(err)
			}
			ids = append(ids, s.Subnet.SubnetID)
		}
		rds := c.RDS()
		for i := range n {
			if _, err := rds.CreateDBSubnetGroup(caller, vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: fmt.Sprintf("g%05d", i),
				DBSubnetGroupDescription: "d", SubnetIDs: ids}, benchEpoch); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("n=%d/describe-by-name", n), func(b *testing.B) {
			b.ReportAllocs()
			in := vpcmodel.DescribeDBSubnetGroupsInput{DBSubnetGroupName: fmt.Sprintf("g%05d", n/2)}
			for b.Loop() {
				if _, err := rds.DescribeDBSubnetGroups(caller, in, benchEpoch); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/create-delete", n), func(b *testing.B) {
			b.ReportAllocs()
			create := vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "extra", DBSubnetGroupDescription: "d", SubnetIDs: ids}
			del := vpcmodel.DeleteDBSubnetGroupInput{DBSubnetGroupName: "extra"}
			for b.Loop() {
				if _, err := rds.CreateDBSubnetGroup(caller, create, benchEpoch); err != nil {
					b.Fatal(err)
				}
				if _, err := rds.DeleteDBSubnetGroup(caller, del, benchEpoch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// newRestartState returns a Cloud holding n resources the way an
// emulator's clients make them: 2 in 5 are VPCs with a Name tag, each with
// its main route table, and 1 in 5 an extra route table, spread over 100
// accounts in two Regions.
func newRestartState(tb testing.TB, n int) *vpcmodel.Cloud {
	tb.Helper()
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{14})})
	for i := range n * 2 / 5 {
		caller := vpcmodel.Caller{Account: fmt.Sprintf("%012d", 600000000000+i%100), Region: []string{"us-east-1", "eu-west-1"}[i/100%2]}
		o, err := c.CreateVpc(caller, vpcmodel.CreateVpcInput{CIDRBlock: fmt.Sprintf("10.%d.%d.0/24", i/256%256, i%256),
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc", Tags: []vpcmodel.Tag{{Key: "Name", Value: fmt.Sprint("vpc-", i)}}}}}, benchEpoch)
		if err != nil {
			tb.Fatal(err)
		}
		if i%2 == 0 {
			if _, err := c.CreateRouteTable(caller, vpcmodel.CreateRouteTableInput{VPCID: o.VPC.VPCID}, benchEpoch); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return c
}

// BenchmarkCloudReadFrom reads back the encoding of n resources as
// newRestartState makes them, the bulk of an emulator's restart, and
// reports the encoding's bytes per resource.
func BenchmarkCloudReadFrom(b *testing.B) {
	for _, n := range []int{100_000} {
		var buf bytes.Buffer
		if _, err := newRestartState(b, n).WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			data := buf.Bytes()
			for b.Loop() {
				c := vpcmodel.New(vpcmodel.Options{})
				if _, err := c.ReadFrom(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(data))/float64(n), "B/resource")
		})
	}
}
