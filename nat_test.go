package vpcmodel_test

import (
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/gateway"
)

// natWorld is one VPC with an internet gateway (attached when asked), a
// /28 subnet, a main route table, and one Elastic IP address.
type natWorld struct {
	c                *vpcmodel.Cloud
	vpc, subnet, igw string
	rtb, alloc       string
	publicIP         string
	now              time.Time
}

func newNATWorld(t *testing.T, attach bool) *natWorld {
	t.Helper()
	w := &natWorld{c: vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{5})}), now: t0}
	c := w.c
	w.vpc = must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)).VPC.VPCID
	w.subnet = must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: w.vpc, CIDRBlock: "10.0.1.0/28"}, t0)).Subnet.SubnetID
	w.igw = must[vpcmodel.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, t0)).InternetGateway.InternetGatewayID
	if attach {
		must[vpcmodel.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: w.igw, VPCID: w.vpc}, t0))
	}
	w.rtb = must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{
		Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{w.vpc}}}}, t0)).RouteTables[0].RouteTableID
	a := must[vpcmodel.AllocateAddressOutput](t)(c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{Domain: "vpc"}, t0))
	w.alloc, w.publicIP = a.AllocationID, a.PublicIP
	return w
}

func (w *natWorld) describe(t *testing.T, id string) vpcmodel.NATGateway {
	t.Helper()
	o := must[vpcmodel.DescribeNatGatewaysOutput](t)(w.c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{id}}, w.now))
	if len(o.NATGateways) != 1 {
		t.Fatalf("DescribeNatGateways(%s) = %+v", id, o)
	}
	return o.NATGateways[0]
}

func (w *natWorld) address(t *testing.T) vpcmodel.Address {
	t.Helper()
	o := must[vpcmodel.DescribeAddressesOutput](t)(w.c.DescribeAddresses(alice, vpcmodel.DescribeAddressesInput{AllocationIDs: []string{w.alloc}}, w.now))
	return o.Addresses[0]
}

func TestNATGatewayLifecycle(t *testing.T) {
	w := newNATWorld(t, true)
	c := w.c
	o := must[vpcmodel.CreateNatGatewayOutput](t)(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc,
		ClientToken: "once", TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "natgateway", Tags: []vpcmodel.Tag{{Key: "Name", Value: "nat"}}}}}, t0))
	g := o.NATGateway
	id := g.NATGatewayID
	if g.State != "pending" || g.VPCID != w.vpc || g.SubnetID != w.subnet || g.ConnectivityType != "public" || o.ClientToken != "once" ||
		len(g.Tags) != 1 || len(g.NATGatewayAddresses) != 1 || g.NATGatewayAddresses[0].AllocationID != w.alloc || g.NATGatewayAddresses[0].PublicIP != "" {
		t.Fatalf("CreateNatGateway = %+v", o)
	}
	// The same client token, the same request: the same gateway, now available.
	again := must[vpcmodel.CreateNatGatewayOutput](t)(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc, ClientToken: "once"}, t0))
	if again.NATGateway.NATGatewayID != id || again.NATGateway.State != "available" {
		t.Fatalf("idempotent CreateNatGateway = %+v", again)
	}
	_, err := c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, ConnectivityType: "private", ClientToken: "once"}, t0)
	wantCode(t, err, "IdempotentParameterMismatch")

	d := w.describe(t, id)
	a := d.NATGatewayAddresses[0]
	priv := netip.MustParseAddr(a.PrivateIP)
	if d.State != "available" || a.PublicIP != w.publicIP || a.AssociationID == "" || a.NetworkInterfaceID == "" || !a.IsPrimary ||
		a.Status != "succeeded" || !netip.MustParsePrefix("10.0.1.4/30").Contains(priv) && !netip.MustParsePrefix("10.0.1.8/30").Contains(priv) || a.PrivateIP == "10.0.1.15" {
		t.Fatalf("available gateway = %+v", d)
	}
	// The address shows the gateway's association.
	addr := w.address(t)
	if addr.AssociationID != a.AssociationID || addr.NetworkInterfaceID != a.NetworkInterfaceID || addr.PrivateIPAddress != a.PrivateIP ||
		addr.NetworkInterfaceOwnerID != alice.Account || addr.Domain != "vpc" || addr.PublicIPv4Pool != "amazon" || addr.NetworkBorderGroup != "us-east-1" {
		t.Fatalf("DescribeAddresses = %+v", addr)
	}
	// What the gateway holds cannot be taken from it.
	_, err = c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: w.alloc}, t0)
	wantCode(t, err, "AuthFailure")
	_, err = c.DisassociateAddress(alice, vpcmodel.DisassociateAddressInput{AssociationID: a.AssociationID}, t0)
	wantCode(t, err, "AuthFailure")
	_, err = c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: w.subnet}, t0)
	wantCode(t, err, "DependencyViolation")
	_, err = c.DetachInternetGateway(alice, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: w.igw, VPCID: w.vpc}, t0)
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: w.vpc}, t0)
	wantCode(t, err, "DependencyViolation")
	// A /28 has 11 host addresses; the gateway holds one.
	s := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{Filters: []vpcmodel.Filter{
		{Name: "available-ip-address-count", Values: []string{"10"}}}}, t0))
	if len(s.Subnets) != 1 || s.Subnets[0].AvailableIPAddressCount != 10 {
		t.Fatalf("DescribeSubnets = %+v", s)
	}
	// A second gateway on the same address fails once provisioned.
	f := must[vpcmodel.CreateNatGatewayOutput](t)(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc}, t0)).NATGateway.NATGatewayID
	if fd := w.describe(t, f); fd.State != "failed" || fd.FailureCode != "Resource.AlreadyAssociated" ||
		fd.FailureMessage != "Elastic IP address "+w.alloc+" is already associated" {
		t.Fatalf("second gateway = %+v", fd)
	}

	// Routes: to the live gateway active, then blackhole once it is deleted.
	must[vpcmodel.CreateRouteOutput](t)(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: w.rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: id}}, t0))
	must[vpcmodel.CreateRouteOutput](t)(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: w.rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: "64:ff9b::/96"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: id}}, t0))
	_, err = c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: w.rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: "::/0"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: id}}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: w.rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "192.0.2.0/24"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: f}}, t0)
	wantCode(t, err, "InvalidNatGatewayID.NotFound")
	states := func() map[string]string {
		rt := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{w.rtb}}, w.now)).RouteTables[0]
		out := map[string]string{}
		for _, r := range rt.Routes {
			out[r.DestinationCIDRBlock+r.DestinationIPv6CIDRBlock] = string(r.State)
		}
		return out
	}
	if st := states(); st["0.0.0.0/0"] != "active" || st["64:ff9b::/96"] != "active" {
		t.Fatalf("routes to an available gateway = %v", st)
	}

	w.now = t0.Add(time.Minute)
	del := must[vpcmodel.DeleteNatGatewayOutput](t)(c.DeleteNatGateway(alice, vpcmodel.DeleteNatGatewayInput{NATGatewayID: id}, w.now))
	if del.NATGatewayID != id {
		t.Fatalf("DeleteNatGateway = %+v", del)
	}
	d = w.describe(t, id)
	if d.State != "deleted" || d.DeleteTime.IsZero() || d.NATGatewayAddresses[0].AssociationID != "" {
		t.Fatalf("deleted gateway = %+v", d)
	}
	if st := states(); st["0.0.0.0/0"] != "blackhole" || st["64:ff9b::/96"] != "blackhole" {
		t.Fatalf("routes to a deleted gateway = %v", st)
	}
	if addr := w.address(t); addr.AssociationID != "" || addr.PrivateIPAddress != "" {
		t.Fatalf("the deleted gateway's address = %+v", addr)
	}
	_, err = c.DeleteNatGateway(alice, vpcmodel.DeleteNatGatewayInput{NATGatewayID: id}, w.now)
	wantCode(t, err, "NatGatewayNotFound")
	// Listed an hour after its deletion, then gone; the failed one too.
	w.now = w.now.Add(gateway.NATRetention - time.Nanosecond)
	if d := w.describe(t, id); d.State != "deleted" {
		t.Fatalf("just before the hour = %+v", d)
	}
	w.now = w.now.Add(time.Nanosecond)
	_, err = c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{id}}, w.now)
	wantCode(t, err, "NatGatewayNotFound")
	if all := must[vpcmodel.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{}, w.now)); len(all.NATGateways) != 0 {
		t.Fatalf("after the hour = %+v", all)
	}
	// Nothing holds the subnet or the address now.
	must[vpcmodel.ReleaseAddressOutput](t)(c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: w.alloc}, w.now))
	must[vpcmodel.DetachInternetGatewayOutput](t)(c.DetachInternetGateway(alice, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: w.igw, VPCID: w.vpc}, w.now))
	must[vpcmodel.DeleteSubnetOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: w.subnet}, w.now))
}

func TestNATGatewayRefusals(t *testing.T) {
	w := newNATWorld(t, false)
	c := w.c
	other := must[vpcmodel.AllocateAddressOutput](t)(c.AllocateAddress(vpcmodel.Caller{Account: "999999999999", Region: "us-east-1"},
		vpcmodel.AllocateAddressInput{}, t0)).AllocationID
	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateNatGatewayInput
		code string
	}{
		{"no subnet", vpcmodel.CreateNatGatewayInput{AllocationID: w.alloc}, "InvalidSubnetID.Malformed"},
		{"a CIDR for a subnet", vpcmodel.CreateNatGatewayInput{SubnetID: "10.0.2.0/24", AllocationID: w.alloc}, "InvalidSubnet"},
		{"unknown subnet", vpcmodel.CreateNatGatewayInput{SubnetID: "subnet-0123456789abcdef0", AllocationID: w.alloc}, "InvalidSubnetID.NotFound"},
		{"public without address", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet}, "MissingParameter"},
		{"private with address", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, ConnectivityType: "private", AllocationID: w.alloc}, "InvalidParameterCombination"},
		{"unknown connectivity", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, ConnectivityType: "both"}, "InvalidParameterValue"},
		{"malformed allocation", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: "eipalloc-zz"}, "InvalidAllocationID.Malformed"},
		{"unknown allocation", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: "eipalloc-0123456789abcdef0"}, "InvalidElasticIpID.NotFound"},
		{"another account's allocation", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: other}, "InvalidElasticIpID.NotFound"},
		{"reserved private address", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc, PrivateIPAddress: "10.0.1.3"}, "InvalidParameterValue"},
		{"private address elsewhere", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc, PrivateIPAddress: "10.0.2.9"}, "InvalidParameterValue"},
		{"not an address", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc, PrivateIPAddress: "ten"}, "InvalidParameterValue"},
		{"secondary addresses", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc, SecondaryPrivateIPAddressCount: vpcmodel.Some(2)}, "UnsupportedOperation"},
		{"regional", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc, AvailabilityMode: "regional"}, "UnsupportedOperation"},
		{"wrong tag type", vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc, TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "subnet"}}}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Version()
			_, err := c.CreateNatGateway(alice, tt.in, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refused CreateNatGateway changed the Cloud")
			}
		})
	}
	// No internet gateway: created, then failed.
	id := must[vpcmodel.CreateNatGatewayOutput](t)(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, AllocationID: w.alloc}, t0)).NATGateway.NATGatewayID
	if d := w.describe(t, id); d.State != "failed" || d.FailureCode != "Gateway.NotAttached" || d.FailureMessage != "Network "+w.vpc+" has no Internet gateway attached" {
		t.Fatalf("gateway without an internet gateway = %+v", d)
	}
	// A failed gateway holds nothing: the address is free, the subnet deletable.
	if a := w.address(t); a.AssociationID != "" {
		t.Fatalf("a failed gateway's address = %+v", a)
	}
	// A private gateway needs no internet gateway; it takes the asked address.
	p := must[vpcmodel.CreateNatGatewayOutput](t)(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, ConnectivityType: "private", PrivateIPAddress: "10.0.1.14"}, t0)).NATGateway.NATGatewayID
	if d := w.describe(t, p); d.State != "available" || d.NATGatewayAddresses[0].PrivateIP != "10.0.1.14" || d.NATGatewayAddresses[0].PublicIP != "" ||
		d.NATGatewayAddresses[0].AssociationID != "" || d.ConnectivityType != "private" {
		t.Fatalf("private gateway = %+v", d)
	}
	_, err := c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, ConnectivityType: "private", PrivateIPAddress: "10.0.1.14"}, t0)
	wantCode(t, err, "InvalidIPAddress.InUse")
	// Filters and indexes.
	for _, tt := range []struct {
		filters []vpcmodel.Filter
		want    int
	}{
		{[]vpcmodel.Filter{{Name: "subnet-id", Values: []string{w.subnet}}}, 2},
		{[]vpcmodel.Filter{{Name: "vpc-id", Values: []string{w.vpc}}, {Name: "state", Values: []string{"failed"}}}, 1},
		{[]vpcmodel.Filter{{Name: "nat-gateway-id", Values: []string{p}}}, 1},
		{[]vpcmodel.Filter{{Name: "vpc-id", Values: []string{"vpc-0123456789abcdef0"}}}, 0},
		{[]vpcmodel.Filter{{Name: "state", Values: []string{"avail*"}}}, 1},
	} {
		o := must[vpcmodel.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{Filters: tt.filters}, t0))
		if len(o.NATGateways) != tt.want {
			t.Errorf("DescribeNatGateways(%v) = %d gateways, want %d", tt.filters, len(o.NATGateways), tt.want)
		}
	}
	_, err = c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{Filters: []vpcmodel.Filter{{Name: "bogus"}}}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{"nat-0123456789abcdef0"}}, t0)
	wantCode(t, err, "NatGatewayNotFound")
	_, err = c.DeleteNatGateway(alice, vpcmodel.DeleteNatGatewayInput{NATGatewayID: "nat-x"}, t0)
	wantCode(t, err, "NatGatewayMalformed")
	_, err = c.DescribeNatGateways(bob, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{p}}, t0)
	wantCode(t, err, "NatGatewayNotFound")
}

func TestNATGatewayFullSubnet(t *testing.T) {
	w := newNATWorld(t, true)
	c := w.c
	// Private gateways take distinct host addresses of the /28, five per
	// zone at most.
	var ids []string
	for i := range 11 {
		if i == gateway.NATsPerZone {
			_, err := c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, ConnectivityType: "private"}, t0)
			wantCode(t, err, "NatGatewayLimitExceeded")
			break
		}
		ids = append(ids, must[vpcmodel.CreateNatGatewayOutput](t)(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: w.subnet, ConnectivityType: "private"}, t0)).NATGateway.NATGatewayID)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		ip := w.describe(t, id).NATGatewayAddresses[0].PrivateIP
		if seen[ip] {
			t.Fatalf("address %s held twice", ip)
		}
		seen[ip] = true
	}
	// Only NAT gateways hold subnet addresses in this model, and at most
	// five per zone: the subnet keeps six free.
	s := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{w.subnet}}, t0)).Subnets[0]
	if s.AvailableIPAddressCount != 11-len(ids) {
		t.Fatalf("AvailableIpAddressCount = %d with %d gateways", s.AvailableIPAddressCount, len(ids))
	}
}
