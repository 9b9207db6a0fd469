package vpcmodel_test

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/endpoint"
)

// vpceModel is what a VPC's endpoints should be: each endpoint's type,
// service, state, route tables and subnets, and when a deleted one
// vanishes.
type vpceModel struct {
	eps map[string]*vpceModelEP
}

type vpceModelEP struct {
	gateway bool
	service string
	state   string
	tables  map[string]bool
	subnets map[string]bool
	gone    time.Time
}

// settle takes the steps every call takes first.
func (m *vpceModel) settle(now time.Time) {
	for id, e := range m.eps {
		switch e.state {
		case "pending":
			e.state = "available"
		case "deleting":
			e.state = "deleted"
		}
		if e.state == "deleted" && !now.Before(e.gone) {
			delete(m.eps, id)
		}
	}
}

func live(state string) bool { return state == "pending" || state == "available" }

// routes returns the prefix-list routes a table should hold.
func (m *vpceModel) routes(rtb string, pl map[string]string) []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(m.eps)) {
		if e := m.eps[id]; e.gateway && live(e.state) && e.tables[rtb] {
			out = append(out, pl[e.service]+" -> "+id+" CreateRoute active")
		}
	}
	return out
}

// interfaces returns how many endpoint interfaces a subnet should hold.
func (m *vpceModel) interfaces(subnetID string) int {
	n := 0
	for _, e := range m.eps {
		if !e.gateway && e.state != "deleted" && e.subnets[subnetID] {
			n++
		}
	}
	return n
}

// TestVPCEndpointCloudProperty plays random gateway and interface endpoint
// creations, route table and subnet changes, deletions and waits against
// a Cloud and vpceModel, and compares after each step every refusal,
// every endpoint's state, route tables and subnets, every table's
// prefix-list routes and every subnet's endpoint interfaces; at the end
// the Cloud is written, read back and must answer alike.
func TestVPCEndpointCloudProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		random := rand.NewChaCha8([32]byte{byte(rapid.IntRange(0, 255).Draw(t, "seed"))})
		c := vpcmodel.New(vpcmodel.Options{Random: random})
		now := t0
		vpc := mustR[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)).VPC.VPCID
		var tables []string
		for range 3 {
			tables = append(tables, mustR[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: vpc}, now)).RouteTable.RouteTableID)
		}
		zoneOf := map[string]string{}
		var subnets []string
		for i, az := range []string{"us-east-1a", "us-east-1a", "us-east-1b"} {
			id := mustR[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: vpc,
				CIDRBlock: []string{"10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"}[i], AvailabilityZone: az}, now)).Subnet.SubnetID
			subnets, zoneOf[id] = append(subnets, id), az
		}
		pl := map[string]string{}
		for _, p := range endpoint.PrefixLists("us-east-1") {
			pl[p.Name] = p.ID
		}
		gwServices := []string{endpoint.ServiceName("us-east-1", "s3"), endpoint.ServiceName("us-east-1", "dynamodb")}
		ifServices := []string{endpoint.ServiceName("us-east-1", "kms"), endpoint.ServiceName("us-east-1", "s3")}
		m := &vpceModel{eps: map[string]*vpceModelEP{}}
		var ids []string
		subset := func(t *rapid.T, from []string, label string) []string {
			return rapid.SliceOfNDistinct(rapid.SampledFrom(from), 0, len(from), rapid.ID[string]).Draw(t, label)
		}
		pickEP := func(t *rapid.T) string {
			if len(ids) == 0 || rapid.IntRange(0, 9).Draw(t, "unknown") == 0 {
				return "vpce-0123456789abcdef0"
			}
			return rapid.SampledFrom(ids).Draw(t, "endpoint")
		}
		check := func(t *rapid.T) {
			o := mustR[vpcmodel.DescribeVpcEndpointsOutput](t)(c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{}, now))
			m.settle(now)
			if len(o.VPCEndpoints) != len(m.eps) {
				t.Fatalf("%d endpoints listed, model has %d", len(o.VPCEndpoints), len(m.eps))
			}
			for _, e := range o.VPCEndpoints {
				w := m.eps[e.VPCEndpointID]
				if w == nil || e.State != w.state || e.ServiceName != w.service || (e.VPCEndpointType == "Gateway") != w.gateway ||
					!slices.Equal(e.RouteTableIDs, slices.Sorted(maps.Keys(w.tables))) || !slices.Equal(e.SubnetIDs, slices.Sorted(maps.Keys(w.subnets))) {
					t.Fatalf("endpoint %+v, model %+v", e, w)
				}
			}
			for _, rtb := range tables {
				o := mustR[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{rtb}}, now))
				var got []string
				for _, r := range o.RouteTables[0].Routes {
					if r.DestinationPrefixListID != "" {
						got = append(got, r.DestinationPrefixListID+" -> "+r.GatewayID+" "+string(r.Origin)+" "+string(r.State))
					}
				}
				if want := m.routes(rtb, pl); !slices.Equal(got, want) {
					t.Fatalf("routes of %s = %q, want %q", rtb, got, want)
				}
			}
			for _, s := range subnets {
				o := mustR[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{
					Filters: []vpcmodel.Filter{{Name: "subnet-id", Values: []string{s}}}}, now))
				if want := m.interfaces(s); len(o.NetworkInterfaces) != want {
					t.Fatalf("subnet %s holds %d interfaces, want %d", s, len(o.NetworkInterfaces), want)
				}
			}
		}
		// conflict reports whether a live gateway endpoint other than self
		// routes table rtb to service.
		conflict := func(service, self string, rtbs []string) bool {
			for id, e := range m.eps {
				for _, r := range rtbs {
					if id != self && e.gateway && live(e.state) && e.service == service && e.tables[r] {
						return true
					}
				}
			}
			return false
		}
		sameZone := func(ss []string) bool {
			seen := map[string]bool{}
			for _, s := range ss {
				if seen[zoneOf[s]] {
					return true
				}
				seen[zoneOf[s]] = true
			}
			return false
		}
		set := func(xs []string) map[string]bool {
			out := map[string]bool{}
			for _, x := range xs {
				out[x] = true
			}
			return out
		}
		t.Repeat(map[string]func(*rapid.T){
			"wait": func(t *rapid.T) {
				now = now.Add(time.Duration(rapid.SampledFrom([]int64{0, int64(time.Minute), int64(endpoint.DeletedRetention)}).Draw(t, "d")))
			},
			"createGateway": func(t *rapid.T) {
				svc := rapid.SampledFrom(gwServices).Draw(t, "service")
				rtbs := subset(t, tables, "tables")
				o, err := c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: vpc, ServiceName: svc, RouteTableIDs: rtbs}, now)
				m.settle(now)
				if conflict(svc, "", rtbs) {
					wantCodeR(t, err, "RouteAlreadyExists")
					return
				}
				if err != nil {
					t.Fatalf("CreateVpcEndpoint = %v", err)
				}
				id := o.VPCEndpoint.VPCEndpointID
				m.eps[id] = &vpceModelEP{gateway: true, service: svc, state: "pending", tables: set(rtbs), subnets: map[string]bool{}}
				ids = append(ids, id)
			},
			"createInterface": func(t *rapid.T) {
				svc := rapid.SampledFrom(ifServices).Draw(t, "service")
				ss := subset(t, subnets, "subnets")
				o, err := c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: vpc, ServiceName: svc, VPCEndpointType: "Interface",
					SubnetIDs: ss, PrivateDNSEnabled: vpcmodel.Some(false)}, now)
				m.settle(now)
				if sameZone(ss) {
					wantCodeR(t, err, "DuplicateSubnetsInSameZone")
					return
				}
				if err != nil {
					t.Fatalf("CreateVpcEndpoint = %v", err)
				}
				id := o.VPCEndpoint.VPCEndpointID
				m.eps[id] = &vpceModelEP{service: svc, state: "pending", tables: map[string]bool{}, subnets: set(ss)}
				ids = append(ids, id)
			},
			"modify": func(t *rapid.T) {
				id := pickEP(t)
				in := vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: id}
				e := m.eps[id]
				gateway := e != nil && e.gateway
				if gateway {
					in.AddRouteTableIDs, in.RemoveRouteTableIDs = subset(t, tables, "add"), subset(t, tables, "remove")
				} else {
					in.AddSubnetIDs, in.RemoveSubnetIDs = subset(t, subnets, "add"), subset(t, subnets, "remove")
				}
				_, err := c.ModifyVpcEndpoint(alice, in, now)
				m.settle(now)
				e = m.eps[id]
				switch {
				case e == nil || e.state == "deleted":
					wantCodeR(t, err, "InvalidVpcEndpointId.NotFound")
					return
				case e.state == "deleting":
					wantCodeR(t, err, "IncorrectState")
					return
				}
				next := maps.Clone(e.tables)
				added := in.AddRouteTableIDs
				if !e.gateway {
					next, added = maps.Clone(e.subnets), in.AddSubnetIDs
				}
				for _, x := range append(slices.Clone(in.RemoveRouteTableIDs), in.RemoveSubnetIDs...) {
					delete(next, x)
				}
				for _, x := range added {
					next[x] = true
				}
				switch {
				case e.gateway && conflict(e.service, id, in.AddRouteTableIDs):
					wantCodeR(t, err, "RouteAlreadyExists")
				case !e.gateway && sameZone(slices.Collect(maps.Keys(next))):
					wantCodeR(t, err, "DuplicateSubnetsInSameZone")
				case err != nil:
					t.Fatalf("ModifyVpcEndpoint = %v", err)
				case e.gateway:
					e.tables = next
				default:
					e.subnets = next
				}
			},
			"delete": func(t *rapid.T) {
				id := pickEP(t)
				o, err := c.DeleteVpcEndpoints(alice, vpcmodel.DeleteVpcEndpointsInput{VPCEndpointIDs: []string{id}}, now)
				if err != nil {
					t.Fatalf("DeleteVpcEndpoints = %v", err)
				}
				m.settle(now)
				e := m.eps[id]
				if e == nil || e.state == "deleted" {
					if len(o.Unsuccessful) != 1 || o.Unsuccessful[0].Error.Code != "InvalidVpcEndpoint.NotFound" {
						t.Fatalf("deleting %s = %+v, want InvalidVpcEndpoint.NotFound", id, o)
					}
					return
				}
				if len(o.Unsuccessful) != 0 {
					t.Fatalf("deleting %s = %+v", id, o)
				}
				if e.state != "deleting" {
					e.state, e.gone = "deleting", now.Add(endpoint.DeletedRetention)
				}
			},
			"": check,
		})
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{})})
		if _, err := c2.ReadFrom(&buf); err != nil {
			t.Fatalf("ReadFrom: %v", err)
		}
		for _, at := range []time.Time{now, now.Add(endpoint.DeletedRetention)} {
			if a, b := vpceViewsR(t, c, at), vpceViewsR(t, c2, at); a != b {
				t.Fatalf("the restored Cloud answers\n%s\nwant\n%s", b, a)
			}
		}
	})
}

func vpceViewsR(t *rapid.T, c *vpcmodel.Cloud, now time.Time) string {
	e := mustR[vpcmodel.DescribeVpcEndpointsOutput](t)(c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{}, now))
	i := mustR[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{}, now))
	r := mustR[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{}, now))
	return fmt.Sprintf("%+v\n%+v\n%+v", e, i, r)
}
