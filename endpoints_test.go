package vpcmodel_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/endpoint"
)

// vpceWorld is one VPC with DNS hostnames on, two route tables and three
// /28 subnets: two in us-east-1a, one in us-east-1b.
type vpceWorld struct {
	c                 *vpcmodel.Cloud
	random            *rand.ChaCha8
	vpc, sg           string
	rtbA, rtbB        string
	subA, subA2, subB string
	now               time.Time
}

func newVPCEWorld(t *testing.T) *vpceWorld {
	t.Helper()
	w := &vpceWorld{random: rand.NewChaCha8([32]byte{15}), now: t0}
	w.c = vpcmodel.New(vpcmodel.Options{Random: w.random})
	c := w.c
	w.vpc = must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)).VPC.VPCID
	w.rtbA = w.mainTable(t)
	w.rtbB = must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: w.vpc}, t0)).RouteTable.RouteTableID
	sub := func(block, az string) string {
		return must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: w.vpc, CIDRBlock: block, AvailabilityZone: az}, t0)).Subnet.SubnetID
	}
	w.subA, w.subA2, w.subB = sub("10.0.1.0/28", "us-east-1a"), sub("10.0.2.0/28", "us-east-1a"), sub("10.0.3.0/28", "us-east-1b")
	w.sg = must[vpcmodel.DescribeSecurityGroupsOutput](t)(c.DescribeSecurityGroups(alice, vpcmodel.DescribeSecurityGroupsInput{
		Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{w.vpc}}}}, t0)).SecurityGroups[0].GroupID
	return w
}

func (w *vpceWorld) mainTable(t *testing.T) string {
	t.Helper()
	return must[vpcmodel.DescribeRouteTablesOutput](t)(w.c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{
		Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{w.vpc}}}}, t0)).RouteTables[0].RouteTableID
}

func (w *vpceWorld) dnsOn(t *testing.T) {
	t.Helper()
	must[vpcmodel.ModifyVpcAttributeOutput](t)(w.c.ModifyVpcAttribute(alice, vpcmodel.ModifyVpcAttributeInput{VPCID: w.vpc,
		EnableDNSHostnames: vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: true})}, w.now))
}

func (w *vpceWorld) endpoint(t *testing.T, id string) vpcmodel.VPCEndpoint {
	t.Helper()
	o := must[vpcmodel.DescribeVpcEndpointsOutput](t)(w.c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{VPCEndpointIDs: []string{id}}, w.now))
	if len(o.VPCEndpoints) != 1 {
		t.Fatalf("DescribeVpcEndpoints(%s) = %+v", id, o)
	}
	return o.VPCEndpoints[0]
}

// prefixRoutes returns a table's prefix-list routes as "pl-... -> vpce-...".
func (w *vpceWorld) prefixRoutes(t *testing.T, rtb string) []string {
	t.Helper()
	o := must[vpcmodel.DescribeRouteTablesOutput](t)(w.c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{rtb}}, w.now))
	var out []string
	for _, r := range o.RouteTables[0].Routes {
		if r.DestinationPrefixListID != "" {
			out = append(out, r.DestinationPrefixListID+" -> "+r.GatewayID+" "+string(r.Origin)+" "+string(r.State))
		}
	}
	return out
}

func prefixListID(t *testing.T, short string) string {
	t.Helper()
	pl, ok := endpoint.PrefixListOf("us-east-1", endpoint.ServiceName("us-east-1", short))
	if !ok {
		t.Fatalf("no prefix list for %s", short)
	}
	return pl.ID
}

func TestVPCEndpointGatewayLifecycle(t *testing.T) {
	w := newVPCEWorld(t)
	c := w.c
	s3 := endpoint.ServiceName("us-east-1", "s3")
	policy := `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`
	v0 := c.Version()
	o := must[vpcmodel.CreateVpcEndpointOutput](t)(c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3,
		RouteTableIDs: []string{w.rtbB, w.rtbA}, PolicyDocument: policy, ClientToken: "tok",
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc-endpoint", Tags: []vpcmodel.Tag{{Key: "Name", Value: "s3"}}}}}, w.now))
	if c.Version() == v0 {
		t.Error("CreateVpcEndpoint left Version as it was")
	}
	e := o.VPCEndpoint
	id := e.VPCEndpointID
	if !strings.HasPrefix(id, "vpce-") || e.State != "pending" || e.VPCEndpointType != "Gateway" || e.PolicyDocument != policy ||
		!slices.Equal(e.RouteTableIDs, sortedPair(w.rtbA, w.rtbB)) || e.DNSOptions.Set || len(e.NetworkInterfaceIDs) != 0 || e.OwnerID != alice.Account {
		t.Fatalf("CreateVpcEndpoint = %+v", e)
	}
	// The same token answers the same endpoint; other parameters are a mismatch.
	again := must[vpcmodel.CreateVpcEndpointOutput](t)(c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3,
		RouteTableIDs: []string{w.rtbA}, ClientToken: "tok"}, w.now))
	if again.VPCEndpoint.VPCEndpointID != id {
		t.Fatalf("a repeated client token made %s, want %s", again.VPCEndpoint.VPCEndpointID, id)
	}
	_, err := c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("us-east-1", "dynamodb"), ClientToken: "tok"}, w.now)
	wantCode(t, err, "IdempotentParameterMismatch")

	if got := w.endpoint(t, id); got.State != "available" || got.Tags[0].Value != "s3" {
		t.Fatalf("after the next call: %+v", got)
	}
	want := []string{prefixListID(t, "s3") + " -> " + id + " CreateRoute active"}
	for _, rtb := range []string{w.rtbA, w.rtbB} {
		if got := w.prefixRoutes(t, rtb); !slices.Equal(got, want) {
			t.Fatalf("routes of %s = %q, want %q", rtb, got, want)
		}
	}
	f := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{
		{Name: "route.destination-prefix-list-id", Values: []string{prefixListID(t, "s3")}}, {Name: "route.gateway-id", Values: []string{id}}}}, w.now))
	if len(f.RouteTables) != 2 {
		t.Fatalf("tables routing to %s = %+v", id, f.RouteTables)
	}
	// One route per prefix list and table.
	_, err = c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, RouteTableIDs: []string{w.rtbA}}, w.now)
	wantCode(t, err, "RouteAlreadyExists")
	ddb := must[vpcmodel.CreateVpcEndpointOutput](t)(c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc,
		ServiceName: endpoint.ServiceName("us-east-1", "dynamodb"), VPCEndpointType: "Gateway", RouteTableIDs: []string{w.rtbA}}, w.now)).VPCEndpoint
	if ddb.PolicyDocument != endpoint.DefaultPolicy {
		t.Errorf("default policy = %s", ddb.PolicyDocument)
	}
	if got := w.prefixRoutes(t, w.rtbA); len(got) != 2 {
		t.Fatalf("routes of %s = %q, want the s3 and dynamodb routes", w.rtbA, got)
	}

	// Modify: a table leaves, the policy resets.
	must[vpcmodel.ModifyVpcEndpointOutput](t)(c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: id,
		RemoveRouteTableIDs: []string{w.rtbB}, ResetPolicy: true}, w.now))
	if got := w.prefixRoutes(t, w.rtbB); len(got) != 0 {
		t.Fatalf("routes of %s after removal = %q", w.rtbB, got)
	}
	if got := w.endpoint(t, id); got.PolicyDocument != endpoint.DefaultPolicy || !slices.Equal(got.RouteTableIDs, []string{w.rtbA}) {
		t.Fatalf("after modify: %+v", got)
	}
	_, err = c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: id, PolicyDocument: "{not json"}, w.now)
	wantCode(t, err, "MalformedPolicy")
	_, err = c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: id, AddSubnetIDs: []string{w.subA}}, w.now)
	wantCode(t, err, "InvalidParameter")
	_, err = c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: ddb.VPCEndpointID, AddRouteTableIDs: []string{w.rtbB}}, w.now)
	if err != nil {
		t.Fatal(err)
	}

	// A gateway endpoint is no route target.
	_, err = c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: w.rtbA, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "192.168.0.0/16"},
		RouteTarget: vpcmodel.RouteTarget{VPCEndpointID: id}}, w.now)
	wantCode(t, err, "RouteNotSupported")

	// A VPC with endpoints stays.
	_, err = c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: w.vpc}, w.now)
	wantCode(t, err, "DependencyViolation")

	// Deleting a route table takes it out of its endpoints.
	must[vpcmodel.ReturnOutput](t)(c.DeleteRouteTable(alice, vpcmodel.DeleteRouteTableInput{RouteTableID: w.rtbB}, w.now))
	if got := w.endpoint(t, ddb.VPCEndpointID); !slices.Equal(got.RouteTableIDs, []string{w.rtbA}) {
		t.Fatalf("after DeleteRouteTable: %+v", got)
	}

	d := must[vpcmodel.DeleteVpcEndpointsOutput](t)(c.DeleteVpcEndpoints(alice, vpcmodel.DeleteVpcEndpointsInput{
		VPCEndpointIDs: []string{id, ddb.VPCEndpointID, "vpce-0123456789abcdef0"}}, w.now))
	if len(d.Unsuccessful) != 1 || d.Unsuccessful[0].ResourceID != "vpce-0123456789abcdef0" || d.Unsuccessful[0].Error.Code != "InvalidVpcEndpoint.NotFound" {
		t.Fatalf("DeleteVpcEndpoints = %+v", d)
	}
	if got := w.prefixRoutes(t, w.rtbA); len(got) != 0 {
		t.Fatalf("routes of deleted endpoints = %q", got)
	}
	if got := w.endpoint(t, id); got.State != "deleted" {
		t.Fatalf("after the next call: %+v", got)
	}
	d = must[vpcmodel.DeleteVpcEndpointsOutput](t)(c.DeleteVpcEndpoints(alice, vpcmodel.DeleteVpcEndpointsInput{VPCEndpointIDs: []string{id}}, w.now))
	if len(d.Unsuccessful) != 1 || d.Unsuccessful[0].Error.Code != "InvalidVpcEndpoint.NotFound" {
		t.Fatalf("deleting a deleted endpoint = %+v", d)
	}
	// Listed until the retention ends, not at its end.
	w.now = t0.Add(endpoint.DeletedRetention - time.Nanosecond)
	w.endpoint(t, id)
	w.now = t0.Add(endpoint.DeletedRetention)
	_, err = c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{VPCEndpointIDs: []string{id}}, w.now)
	wantCode(t, err, "InvalidVpcEndpointId.NotFound")
	for _, s := range []string{w.subA, w.subA2, w.subB} {
		must[vpcmodel.ReturnOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s}, w.now))
	}
	must[vpcmodel.ReturnOutput](t)(c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: w.vpc}, w.now))
}

func sortedPair(a, b string) []string {
	s := []string{a, b}
	slices.Sort(s)
	return s
}

func TestVPCEndpointInterface(t *testing.T) {
	w := newVPCEWorld(t)
	c := w.c
	ssm := endpoint.ServiceName("us-east-1", "ssm")
	in := vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: ssm, VPCEndpointType: "Interface", SubnetIDs: []string{w.subA, w.subB}}
	// Private DNS is on unless asked off, and needs the VPC's DNS hostnames.
	_, err := c.CreateVpcEndpoint(alice, in, w.now)
	wantCode(t, err, "InvalidParameter")
	w.dnsOn(t)
	dup := in
	dup.SubnetIDs = []string{w.subA, w.subA2}
	_, err = c.CreateVpcEndpoint(alice, dup, w.now)
	wantCode(t, err, "DuplicateSubnetsInSameZone")
	freeBefore := w.free(t, w.subA)
	in.SubnetConfigurations = []vpcmodel.SubnetConfiguration{{SubnetID: w.subB, IPv4: "10.0.3.10"}}
	e := must[vpcmodel.CreateVpcEndpointOutput](t)(c.CreateVpcEndpoint(alice, in, w.now)).VPCEndpoint
	if !e.PrivateDNSEnabled || len(e.NetworkInterfaceIDs) != 2 || len(e.Groups) != 1 || e.Groups[0].GroupID != w.sg || !e.DNSOptions.Set ||
		e.DNSOptions.Value.DNSRecordIPType != "ipv4" || e.IPAddressType != "ipv4" || len(e.RouteTableIDs) != 0 || len(e.DNSEntries) != 4 {
		t.Fatalf("CreateVpcEndpoint = %+v", e)
	}
	if got := w.free(t, w.subA); got != freeBefore-1 {
		t.Errorf("free addresses of %s = %d, want %d", w.subA, got, freeBefore-1)
	}
	enis := must[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{
		NetworkInterfaceIDs: e.NetworkInterfaceIDs}, w.now)).NetworkInterfaces
	for _, i := range enis {
		if i.InterfaceType != "vpc_endpoint" || !i.RequesterManaged || i.Status != "in-use" || i.Description != "VPC Endpoint Interface "+e.VPCEndpointID {
			t.Fatalf("endpoint interface = %+v", i)
		}
		if i.SubnetID == w.subB && i.PrivateIPAddress != "10.0.3.10" {
			t.Errorf("interface in %s has %s, want the configured 10.0.3.10", w.subB, i.PrivateIPAddress)
		}
	}
	_, err = c.DeleteNetworkInterface(alice, vpcmodel.DeleteNetworkInterfaceInput{NetworkInterfaceID: e.NetworkInterfaceIDs[0]}, w.now)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.ModifyNetworkInterfaceAttribute(alice, vpcmodel.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceID: e.NetworkInterfaceIDs[0],
		Description: vpcmodel.Some(vpcmodel.AttributeValue{Value: "mine"})}, w.now)
	wantCode(t, err, "OperationNotPermitted")
	_, err = c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: w.subA}, w.now)
	wantCode(t, err, "DependencyViolation")
	// A second endpoint with private DNS for the service conflicts.
	_, err = c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: ssm, VPCEndpointType: "Interface"}, w.now)
	wantCode(t, err, "InvalidParameter")

	// Modify: the subnet in 1a moves to the other subnet of 1a.
	must[vpcmodel.ModifyVpcEndpointOutput](t)(c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: e.VPCEndpointID,
		RemoveSubnetIDs: []string{w.subA}, AddSubnetIDs: []string{w.subA2}}, w.now))
	got := w.endpoint(t, e.VPCEndpointID)
	if !slices.Equal(got.SubnetIDs, sortedPair(w.subA2, w.subB)) || len(got.NetworkInterfaceIDs) != 2 {
		t.Fatalf("after modify: %+v", got)
	}
	if got := w.free(t, w.subA); got != freeBefore {
		t.Errorf("free addresses of %s after its interface went = %d, want %d", w.subA, got, freeBefore)
	}
	_, err = c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: e.VPCEndpointID, AddSubnetIDs: []string{w.subA}}, w.now)
	wantCode(t, err, "DuplicateSubnetsInSameZone")

	must[vpcmodel.DeleteVpcEndpointsOutput](t)(c.DeleteVpcEndpoints(alice, vpcmodel.DeleteVpcEndpointsInput{VPCEndpointIDs: []string{e.VPCEndpointID}}, w.now))
	// The interfaces stay while the endpoint is deleting: this call settles it.
	if got := w.endpoint(t, e.VPCEndpointID); got.State != "deleted" || len(got.NetworkInterfaceIDs) != 0 {
		t.Fatalf("after deletion: %+v", got)
	}
	left := must[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{}, w.now)).NetworkInterfaces
	if len(left) != 0 {
		t.Fatalf("interfaces left = %+v", left)
	}
	must[vpcmodel.ReturnOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: w.subA2}, w.now))
}

func (w *vpceWorld) free(t *testing.T, subnetID string) int {
	t.Helper()
	return must[vpcmodel.DescribeSubnetsOutput](t)(w.c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{subnetID}}, w.now)).Subnets[0].AvailableIPAddressCount
}

func TestVPCEndpointRefusals(t *testing.T) {
	w := newVPCEWorld(t)
	w.dnsOn(t)
	other := must[vpcmodel.CreateVpcOutput](t)(w.c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, t0)).VPC.VPCID
	s3 := endpoint.ServiceName("us-east-1", "s3")
	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateVpcEndpointInput
		code string
	}{
		{"unknown service", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: "com.amazonaws.us-east-1.nothing"}, "InvalidServiceName"},
		{"another Region's service", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("eu-west-1", "s3")}, "InvalidServiceName"},
		{"an interface-only service as Gateway", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("us-east-1", "ssm")}, "InvalidServiceName"},
		{"no service", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc}, "MissingParameter"},
		{"unknown VPC", vpcmodel.CreateVpcEndpointInput{VPCID: "vpc-0123456789abcdef0", ServiceName: s3}, "InvalidVpcID.NotFound"},
		{"a route table of another VPC", vpcmodel.CreateVpcEndpointInput{VPCID: other, ServiceName: s3, RouteTableIDs: []string{w.rtbA}}, "InvalidParameter"},
		{"unknown route table", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, RouteTableIDs: []string{"rtb-0123456789abcdef0"}}, "InvalidRouteTableID.NotFound"},
		{"malformed route table", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, RouteTableIDs: []string{"rtb-x"}}, "InvalidRouteTableId.Malformed"},
		{"subnets on a gateway endpoint", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, SubnetIDs: []string{w.subA}}, "InvalidParameter"},
		{"route tables on an interface endpoint", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, VPCEndpointType: "Interface", RouteTableIDs: []string{w.rtbA}}, "InvalidParameter"},
		{"a malformed policy", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, PolicyDocument: "[1,2"}, "MalformedPolicy"},
		{"a policy that is not an object", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, PolicyDocument: "[]"}, "MalformedPolicy"},
		{"a subnet of another VPC", vpcmodel.CreateVpcEndpointInput{VPCID: other, ServiceName: s3, VPCEndpointType: "Interface", SubnetIDs: []string{w.subA}}, "InvalidParameter"},
		{"a group of another VPC", vpcmodel.CreateVpcEndpointInput{VPCID: other, ServiceName: s3, VPCEndpointType: "Interface", SecurityGroupIDs: []string{w.sg}, PrivateDNSEnabled: vpcmodel.Some(false)}, "InvalidParameter"},
		{"an unknown group", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, VPCEndpointType: "Interface", SecurityGroupIDs: []string{"sg-0123456789abcdef0"}}, "InvalidGroup.NotFound"},
		{"dualstack", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, VPCEndpointType: "Interface", IPAddressType: "dualstack"}, "InvalidParameter"},
		{"private DNS without DNS hostnames", vpcmodel.CreateVpcEndpointInput{VPCID: other, ServiceName: s3, VPCEndpointType: "Interface"}, "InvalidParameter"},
		{"an address outside the subnet", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, VPCEndpointType: "Interface", SubnetIDs: []string{w.subA},
			SubnetConfigurations: []vpcmodel.SubnetConfiguration{{SubnetID: w.subA, IPv4: "10.9.9.9"}}}, "InvalidParameterValue"},
		{"a GWLB endpoint", vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3, VPCEndpointType: "GatewayLoadBalancer"}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v0 := w.c.Version()
			_, err := w.c.CreateVpcEndpoint(alice, tt.in, w.now)
			wantCode(t, err, tt.code)
			if w.c.Version() != v0 {
				t.Errorf("a refused CreateVpcEndpoint changed Version")
			}
		})
	}
	_, err := w.c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{VPCEndpointIDs: []string{"vpce-zz"}}, w.now)
	wantCode(t, err, "InvalidVpcEndpointId.Malformed")
	_, err = w.c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: "vpce-0123456789abcdef0"}, w.now)
	wantCode(t, err, "InvalidVpcEndpointId.NotFound")
	// Another account does not see alice's endpoint.
	id := must[vpcmodel.CreateVpcEndpointOutput](t)(w.c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: s3}, w.now)).VPCEndpoint.VPCEndpointID
	carol := vpcmodel.Caller{Account: "333333333333", Region: "us-east-1"}
	_, err = w.c.DescribeVpcEndpoints(carol, vpcmodel.DescribeVpcEndpointsInput{VPCEndpointIDs: []string{id}}, w.now)
	wantCode(t, err, "InvalidVpcEndpointId.NotFound")
}

func TestDescribeVpcEndpointServicesAndPrefixLists(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	s3 := endpoint.ServiceName("us-east-1", "s3")
	o := must[vpcmodel.DescribeVpcEndpointServicesOutput](t)(c.DescribeVpcEndpointServices(alice, vpcmodel.DescribeVpcEndpointServicesInput{
		ServiceNames: []string{s3}}, t0))
	if len(o.ServiceDetails) != 2 || o.ServiceDetails[0].ServiceType[0].ServiceType != "Gateway" || o.ServiceDetails[1].ServiceType[0].ServiceType != "Interface" ||
		!slices.Equal(o.ServiceNames, []string{s3}) {
		t.Fatalf("s3 services = %+v", o)
	}
	gw, ifc := o.ServiceDetails[0], o.ServiceDetails[1]
	if gw.PrivateDNSName != "" || ifc.PrivateDNSName != "*.s3.us-east-1.amazonaws.com" || gw.Owner != "amazon" || gw.AcceptanceRequired ||
		!gw.VPCEndpointPolicySupported || !slices.Equal(gw.AvailabilityZones, []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"}) ||
		gw.ServiceID == ifc.ServiceID || !strings.HasPrefix(gw.ServiceID, "vpce-svc-") {
		t.Fatalf("s3 details = %+v / %+v", gw, ifc)
	}
	f := must[vpcmodel.DescribeVpcEndpointServicesOutput](t)(c.DescribeVpcEndpointServices(alice, vpcmodel.DescribeVpcEndpointServicesInput{
		Filters: []vpcmodel.Filter{{Name: "service-type", Values: []string{"Gateway"}}}}, t0))
	if !slices.Equal(f.ServiceNames, []string{endpoint.ServiceName("us-east-1", "dynamodb"), s3}) {
		t.Fatalf("gateway services = %q", f.ServiceNames)
	}
	f = must[vpcmodel.DescribeVpcEndpointServicesOutput](t)(c.DescribeVpcEndpointServices(alice, vpcmodel.DescribeVpcEndpointServicesInput{
		Filters: []vpcmodel.Filter{{Name: "service-name", Values: []string{"*.ssm*"}}, {Name: "service-type", Values: []string{"Interface"}}}}, t0))
	if !slices.Equal(f.ServiceNames, []string{endpoint.ServiceName("us-east-1", "ssm"), endpoint.ServiceName("us-east-1", "ssmmessages")}) {
		t.Fatalf("ssm services = %q", f.ServiceNames)
	}
	_, err := c.DescribeVpcEndpointServices(alice, vpcmodel.DescribeVpcEndpointServicesInput{ServiceNames: []string{"com.amazonaws.us-east-1.nothing"}}, t0)
	wantCode(t, err, "InvalidServiceName")
	// Paging walks the whole catalogue once.
	var all []string
	in := vpcmodel.DescribeVpcEndpointServicesInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(5)}}
	for {
		p := must[vpcmodel.DescribeVpcEndpointServicesOutput](t)(c.DescribeVpcEndpointServices(alice, in, t0))
		for _, d := range p.ServiceDetails {
			all = append(all, d.ServiceName+"\x00"+d.ServiceType[0].ServiceType)
		}
		if p.NextToken == "" {
			break
		}
		in.NextToken = p.NextToken
	}
	if len(all) != len(endpoint.Services("us-east-1")) || !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != len(all) {
		t.Fatalf("paged catalogue = %q", all)
	}

	pls := must[vpcmodel.DescribePrefixListsOutput](t)(c.DescribePrefixLists(alice, vpcmodel.DescribePrefixListsInput{}, t0)).PrefixLists
	if len(pls) != 2 {
		t.Fatalf("prefix lists = %+v", pls)
	}
	p := must[vpcmodel.DescribePrefixListsOutput](t)(c.DescribePrefixLists(alice, vpcmodel.DescribePrefixListsInput{
		Filters: []vpcmodel.Filter{{Name: "prefix-list-name", Values: []string{s3}}}}, t0)).PrefixLists
	if len(p) != 1 || p[0].PrefixListID != prefixListID(t, "s3") || len(p[0].CIDRs) != 3 {
		t.Fatalf("s3 prefix list = %+v", p)
	}
	q := must[vpcmodel.DescribePrefixListsOutput](t)(c.DescribePrefixLists(bob, vpcmodel.DescribePrefixListsInput{
		Filters: []vpcmodel.Filter{{Name: "prefix-list-name", Values: []string{endpoint.ServiceName("eu-west-1", "s3")}}}}, t0)).PrefixLists
	if len(q) != 1 || q[0].PrefixListID == p[0].PrefixListID {
		t.Fatalf("eu-west-1 s3 prefix list = %+v, us-east-1's %+v", q, p)
	}
	_, err = c.DescribePrefixLists(alice, vpcmodel.DescribePrefixListsInput{PrefixListIDs: []string{"pl-00000000"}}, t0)
	wantCode(t, err, "InvalidPrefixListID.NotFound")
	_, err = c.DescribePrefixLists(alice, vpcmodel.DescribePrefixListsInput{PrefixListIDs: []string{"nope"}}, t0)
	wantCode(t, err, "InvalidPrefixListId.Malformed")
}

// TestEncodeVPCEndpoints writes a Cloud with gateway and interface
// endpoints pending, available, deleting and deleted, reads it back, and
// checks that both answer alike now and after the steps and the retention.
func TestEncodeVPCEndpoints(t *testing.T) {
	w := newVPCEWorld(t)
	c := w.c
	w.dnsOn(t)
	mk := func(in vpcmodel.CreateVpcEndpointInput) string {
		return must[vpcmodel.CreateVpcEndpointOutput](t)(c.CreateVpcEndpoint(alice, in, w.now)).VPCEndpoint.VPCEndpointID
	}
	mk(vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("us-east-1", "s3"), RouteTableIDs: []string{w.rtbA}, ClientToken: "t",
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc-endpoint", Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}}})
	gone := mk(vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("us-east-1", "kms"), VPCEndpointType: "Interface",
		SubnetIDs: []string{w.subB}})
	must[vpcmodel.DeleteVpcEndpointsOutput](t)(c.DeleteVpcEndpoints(alice, vpcmodel.DeleteVpcEndpointsInput{VPCEndpointIDs: []string{gone}}, w.now))
	w.now = w.now.Add(time.Minute) // settles: s3 available, kms deleted
	mk(vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("us-east-1", "s3"), VPCEndpointType: "Interface",
		SubnetIDs: []string{w.subA, w.subB}, DNSOptions: vpcmodel.Some(vpcmodel.DNSOptions{PrivateDNSOnlyForInboundResolverEndpoint: vpcmodel.Some(false)})})
	deleting := mk(vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("us-east-1", "dynamodb"), RouteTableIDs: []string{w.rtbB},
		PolicyDocument: `{"Statement":[]}`})
	must[vpcmodel.DeleteVpcEndpointsOutput](t)(c.DeleteVpcEndpoints(alice, vpcmodel.DeleteVpcEndpointsInput{VPCEndpointIDs: []string{deleting}}, w.now))

	c2, text := roundTrip(t, c, w.random)
	if !strings.Contains(text, "vpcEndpoint\t") {
		t.Fatalf("no vpcEndpoint records:\n%s", text)
	}
	for _, now := range []time.Time{w.now, w.now.Add(time.Minute), w.now.Add(endpoint.DeletedRetention), w.now.Add(time.Hour)} {
		if a, b := vpceViews(t, c, now), vpceViews(t, c2, now); a != b {
			t.Fatalf("at %v the restored Cloud answers\n%s\nwant\n%s", now, b, a)
		}
	}

	// Refused streams: each edit keeps the line count and breaks one
	// reference between endpoints and what they hold.
	re := func(pattern, repl string) string {
		return regexp.MustCompile(pattern).ReplaceAllString(text, repl)
	}
	for _, tt := range []struct{ name, stream string }{
		{"an interface managed by another endpoint", re(`"managedBy":"vpce-[0-9a-f]+"`, `"managedBy":"vpce-0123456789abcdef0"`)},
		{"an endpoint's interface unknown", re(`"eni":"eni-[0-9a-f]+"`, `"eni":"eni-0123456789abcdef0"`)},
		{"a route table of nothing", re(`"routeTables":\["rtb-[0-9a-f]+"\]`, `"routeTables":["rtb-0123456789abcdef0"]`)},
		{"an endpoint of another owner", re(`(?m)^vpcEndpoint\t111111111111`, "vpcEndpoint\t222222222222")},
		{"an unknown service", re(`"service":"com.amazonaws.us-east-1.kms"`, `"service":"com.amazonaws.us-east-1.nothing"`)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stream == text {
				t.Fatal("the edit changed nothing")
			}
			_, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(tt.stream))
			if !errors.Is(err, vpcmodel.ErrEncoding) {
				t.Fatalf("ReadFrom = %v, want ErrEncoding", err)
			}
		})
	}
}

// vpceViews returns what alice sees of endpoints, interfaces, subnets and
// route tables at now.
func vpceViews(t *testing.T, c *vpcmodel.Cloud, now time.Time) string {
	t.Helper()
	e := must[vpcmodel.DescribeVpcEndpointsOutput](t)(c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{}, now))
	i := must[vpcmodel.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(alice, vpcmodel.DescribeNetworkInterfacesInput{}, now))
	s := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{}, now))
	r := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{}, now))
	return fmt.Sprintf("%+v\n%+v\n%+v\n%+v", e, i, s, r)
}

// TestVPCEndpointVersion checks that every endpoint action that changes
// the Cloud moves Version, and every one that does not leaves it.
func TestVPCEndpointVersion(t *testing.T) {
	w := newVPCEWorld(t)
	c := w.c
	changes := func(name string, want bool, f func() error) {
		t.Helper()
		v := c.Version()
		if err := f(); err != nil && want {
			t.Fatalf("%s: %v", name, err)
		}
		if got := c.Version() != v; got != want {
			t.Errorf("%s: Version changed = %v, want %v", name, got, want)
		}
	}
	var id string
	changes("CreateVpcEndpoint", true, func() error {
		o, err := c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: w.vpc, ServiceName: endpoint.ServiceName("us-east-1", "s3"),
			RouteTableIDs: []string{w.rtbA}}, w.now)
		id = o.VPCEndpoint.VPCEndpointID
		return err
	})
	changes("DescribeVpcEndpoints settling it", true, func() error {
		_, err := c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{}, w.now)
		return err
	})
	changes("DescribeVpcEndpoints, nothing due", false, func() error {
		_, err := c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{}, w.now)
		return err
	})
	changes("DescribeVpcEndpointServices", false, func() error {
		_, err := c.DescribeVpcEndpointServices(alice, vpcmodel.DescribeVpcEndpointServicesInput{}, w.now)
		return err
	})
	changes("DescribePrefixLists", false, func() error {
		_, err := c.DescribePrefixLists(alice, vpcmodel.DescribePrefixListsInput{}, w.now)
		return err
	})
	changes("ModifyVpcEndpoint", true, func() error {
		_, err := c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: id, AddRouteTableIDs: []string{w.rtbB}}, w.now)
		return err
	})
	changes("a refused ModifyVpcEndpoint", false, func() error {
		_, err := c.ModifyVpcEndpoint(alice, vpcmodel.ModifyVpcEndpointInput{VPCEndpointID: id, PolicyDocument: "{"}, w.now)
		return err
	})
	changes("DeleteVpcEndpoints", true, func() error {
		_, err := c.DeleteVpcEndpoints(alice, vpcmodel.DeleteVpcEndpointsInput{VPCEndpointIDs: []string{id}}, w.now)
		return err
	})
	changes("the deletion settling", true, func() error {
		_, err := c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{}, w.now)
		return err
	})
	changes("the retention ending", true, func() error {
		_, err := c.DescribeVpcEndpoints(alice, vpcmodel.DescribeVpcEndpointsInput{}, w.now.Add(endpoint.DeletedRetention))
		return err
	})
}
