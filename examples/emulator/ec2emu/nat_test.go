package ec2emu_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// natSetup is a VPC with a subnet, an internet gateway (not attached), a
// main route table and an Elastic IP address.
type natSetup struct {
	vpc, subnet, igw, rtb, alloc string
}

func newNATSetup(t *testing.T, e *env, c *ec2.Client) natSetup {
	t.Helper()
	var s natSetup
	s.vpc = e.newVPC(c, "10.0.0.0/16")
	s.subnet = aws.ToString(must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &s.vpc, CidrBlock: aws.String("10.0.1.0/24")})).Subnet.SubnetId)
	s.igw = aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(e.ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId)
	s.rtb = aws.ToString(must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{s.vpc}}}})).RouteTables[0].RouteTableId)
	s.alloc = aws.ToString(must[*ec2.AllocateAddressOutput](t)(c.AllocateAddress(e.ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})).AllocationId)
	return s
}

// TestNATGatewaysSDK drives NAT gateways through the SDK: creation, the
// SDK's own waiters over the lifecycle, routes, deletion, the retention
// hour, and each refusal.
func TestNATGatewaysSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	s := newNATSetup(t, e, c)
	_, err := c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc, DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")

	// Without an internet gateway, a public gateway fails.
	f := must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc}))
	fid := aws.ToString(f.NatGateway.NatGatewayId)
	if f.NatGateway.State != types.NatGatewayStatePending {
		t.Fatalf("CreateNatGateway = %+v", f.NatGateway)
	}
	err = ec2.NewNatGatewayAvailableWaiter(c, func(o *ec2.NatGatewayAvailableWaiterOptions) {
		o.MinDelay = time.Millisecond
		o.MaxDelay = time.Millisecond
	}).
		Wait(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{fid}}, time.Second)
	if err == nil {
		t.Fatal("NatGatewayAvailable waiter succeeded on a failed gateway")
	}
	fd := must[*ec2.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{fid}})).NatGateways[0]
	if fd.State != types.NatGatewayStateFailed || aws.ToString(fd.FailureCode) != "Gateway.NotAttached" ||
		aws.ToString(fd.FailureMessage) != "Network "+s.vpc+" has no Internet gateway attached" {
		t.Fatalf("failed gateway = %+v", fd)
	}

	must[*ec2.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(e.ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &s.igw, VpcId: &s.vpc}))
	o := must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc,
		ClientToken:       aws.String("token-1"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeNatgateway, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("nat")}}}}}))
	id := aws.ToString(o.NatGateway.NatGatewayId)
	if o.NatGateway.ConnectivityType != types.ConnectivityTypePublic || aws.ToString(o.ClientToken) != "token-1" || o.NatGateway.CreateTime == nil ||
		len(o.NatGateway.NatGatewayAddresses) != 1 || aws.ToString(o.NatGateway.NatGatewayAddresses[0].AllocationId) != s.alloc {
		t.Fatalf("CreateNatGateway = %+v", o.NatGateway)
	}
	must[any](t)(nil, ec2.NewNatGatewayAvailableWaiter(c, func(o *ec2.NatGatewayAvailableWaiterOptions) {
		o.MinDelay = time.Millisecond
		o.MaxDelay = time.Millisecond
	}).
		Wait(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}}, time.Second))
	g := must[*ec2.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{Filter: []types.Filter{
		{Name: aws.String("subnet-id"), Values: []string{s.subnet}}, {Name: aws.String("state"), Values: []string{"available"}},
		{Name: aws.String("tag:Name"), Values: []string{"nat"}}}})).NatGateways
	if len(g) != 1 || aws.ToString(g[0].NatGatewayId) != id || aws.ToString(g[0].VpcId) != s.vpc {
		t.Fatalf("DescribeNatGateways = %+v", g)
	}
	ga := g[0].NatGatewayAddresses[0]
	if !aws.ToBool(ga.IsPrimary) || ga.Status != types.NatGatewayAddressStatusSucceeded || aws.ToString(ga.PublicIp) == "" ||
		aws.ToString(ga.PrivateIp) == "" || aws.ToString(ga.NetworkInterfaceId) == "" || aws.ToString(ga.AssociationId) == "" {
		t.Fatalf("the gateway's address = %+v", ga)
	}
	addr := must[*ec2.DescribeAddressesOutput](t)(c.DescribeAddresses(e.ctx, &ec2.DescribeAddressesInput{Filters: []types.Filter{
		{Name: aws.String("network-interface-id"), Values: []string{aws.ToString(ga.NetworkInterfaceId)}}}})).Addresses
	if len(addr) != 1 || aws.ToString(addr[0].AssociationId) != aws.ToString(ga.AssociationId) || aws.ToString(addr[0].PrivateIpAddress) != aws.ToString(ga.PrivateIp) ||
		aws.ToString(addr[0].NetworkInterfaceOwnerId) != alice {
		t.Fatalf("the gateway's Elastic IP address = %+v", addr)
	}

	// What the gateway holds.
	_, err = c.ReleaseAddress(e.ctx, &ec2.ReleaseAddressInput{AllocationId: &s.alloc})
	wantCode(t, err, "AuthFailure")
	_, err = c.DisassociateAddress(e.ctx, &ec2.DisassociateAddressInput{AssociationId: ga.AssociationId})
	wantCode(t, err, "AuthFailure")
	_, err = c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &s.subnet})
	wantCode(t, err, "DependencyViolation")
	_, err = c.DetachInternetGateway(e.ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: &s.igw, VpcId: &s.vpc})
	wantCode(t, err, "DependencyViolation")
	// The same address for another gateway: it fails once provisioned.
	dup := aws.ToString(must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc})).NatGateway.NatGatewayId)
	if d := must[*ec2.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{dup}})).NatGateways[0]; aws.ToString(d.FailureCode) != "Resource.AlreadyAssociated" {
		t.Fatalf("a second gateway on one address = %+v", d)
	}

	// Routes; the route.nat-gateway-id filter finds the table once one exists.
	byNAT := func() int {
		return len(must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
			{Name: aws.String("route.nat-gateway-id"), Values: []string{id}}}})).RouteTables)
	}
	if n := byNAT(); n != 0 {
		t.Fatalf("route.nat-gateway-id before any route = %d tables", n)
	}
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &s.rtb, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: &id}))
	if n := byNAT(); n != 1 {
		t.Fatalf("route.nat-gateway-id after the route = %d tables", n)
	}
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &s.rtb, DestinationIpv6CidrBlock: aws.String("64:ff9b::/96"), NatGatewayId: &id}))
	_, err = c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &s.rtb, DestinationCidrBlock: aws.String("192.0.2.0/24"), NatGatewayId: aws.String(fid)})
	wantCode(t, err, "InvalidNatGatewayID.NotFound")
	_, err = c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &s.rtb, DestinationCidrBlock: aws.String("192.0.2.0/24"), NatGatewayId: aws.String("nat-0123456789abcdef0")})
	wantCode(t, err, "InvalidNatGatewayID.NotFound")
	routeState := func() types.RouteState {
		rt := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{s.rtb}})).RouteTables[0]
		for _, r := range rt.Routes {
			if aws.ToString(r.DestinationCidrBlock) == "0.0.0.0/0" && aws.ToString(r.NatGatewayId) == id {
				return r.State
			}
		}
		t.Fatalf("no route to %s in %+v", id, rt.Routes)
		return ""
	}
	if st := routeState(); st != types.RouteStateActive {
		t.Fatalf("route to an available gateway is %s", st)
	}

	// Deletion: deleting, then deleted, which the SDK's waiter sees; the
	// route turns blackhole and the address is free again.
	del := must[*ec2.DeleteNatGatewayOutput](t)(c.DeleteNatGateway(e.ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: &id}))
	if aws.ToString(del.NatGatewayId) != id {
		t.Fatalf("DeleteNatGateway = %+v", del)
	}
	must[any](t)(nil, ec2.NewNatGatewayDeletedWaiter(c, func(o *ec2.NatGatewayDeletedWaiterOptions) {
		o.MinDelay = time.Millisecond
		o.MaxDelay = time.Millisecond
	}).
		Wait(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}}, time.Second))
	if st := routeState(); st != types.RouteStateBlackhole {
		t.Fatalf("route to a deleted gateway is %s", st)
	}
	if d := must[*ec2.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}})).NatGateways[0]; d.DeleteTime == nil || d.State != types.NatGatewayStateDeleted {
		t.Fatalf("deleted gateway = %+v", d)
	}
	_, err = c.DeleteNatGateway(e.ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: &id})
	wantCode(t, err, "NatGatewayNotFound")
	// An hour on, the deleted and failed gateways are gone.
	e.advance(time.Hour)
	_, err = c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{id}})
	wantCode(t, err, "NatGatewayNotFound")
	if all := must[*ec2.DescribeNatGatewaysOutput](t)(c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{})).NatGateways; len(all) != 0 {
		t.Fatalf("gateways an hour after deletion = %+v", all)
	}
	must[*ec2.DetachInternetGatewayOutput](t)(c.DetachInternetGateway(e.ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: &s.igw, VpcId: &s.vpc}))
	must[*ec2.ReleaseAddressOutput](t)(c.ReleaseAddress(e.ctx, &ec2.ReleaseAddressInput{AllocationId: &s.alloc}))
	must[*ec2.DeleteSubnetOutput](t)(c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: &s.subnet}))
}

// TestNATGatewayRefusalsSDK checks each synchronous refusal of
// CreateNatGateway, DeleteNatGateway and DescribeNatGateways on the wire.
func TestNATGatewayRefusalsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	s := newNATSetup(t, e, c)
	for _, tt := range []struct {
		name string
		in   ec2.CreateNatGatewayInput
		code string
	}{
		{"no subnet", ec2.CreateNatGatewayInput{AllocationId: &s.alloc}, "MissingParameter"},
		{"a CIDR block for a subnet", ec2.CreateNatGatewayInput{SubnetId: aws.String("10.0.1.0/24"), AllocationId: &s.alloc}, "InvalidSubnet"},
		{"unknown subnet", ec2.CreateNatGatewayInput{SubnetId: aws.String("subnet-0123456789abcdef0"), AllocationId: &s.alloc}, "InvalidSubnetID.NotFound"},
		{"public without an address", ec2.CreateNatGatewayInput{SubnetId: &s.subnet}, "MissingParameter"},
		{"private with an address", ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc, ConnectivityType: types.ConnectivityTypePrivate}, "InvalidParameterCombination"},
		{"unknown address", ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: aws.String("eipalloc-0123456789abcdef0")}, "InvalidElasticIpID.NotFound"},
		{"malformed address", ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: aws.String("eipalloc-1")}, "InvalidAllocationID.Malformed"},
		{"reserved private address", ec2.CreateNatGatewayInput{SubnetId: &s.subnet, ConnectivityType: types.ConnectivityTypePrivate, PrivateIpAddress: aws.String("10.0.1.255")}, "InvalidParameterValue"},
		{"secondary addresses", ec2.CreateNatGatewayInput{SubnetId: &s.subnet, ConnectivityType: types.ConnectivityTypePrivate, SecondaryPrivateIpAddressCount: aws.Int32(2)}, "UnsupportedOperation"},
		{"wrong tag type", ec2.CreateNatGatewayInput{SubnetId: &s.subnet, AllocationId: &s.alloc,
			TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc}}}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.CreateNatGateway(e.ctx, &tt.in)
			wantCode(t, err, tt.code)
		})
	}
	// Another account sees nothing of alice's.
	p := aws.ToString(must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet,
		ConnectivityType: types.ConnectivityTypePrivate, PrivateIpAddress: aws.String("10.0.1.10")})).NatGateway.NatGatewayId)
	_, err := c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, ConnectivityType: types.ConnectivityTypePrivate, PrivateIpAddress: aws.String("10.0.1.10")})
	wantCode(t, err, "InvalidIPAddress.InUse")
	b := e.client(bob, "us-east-1")
	_, err = b.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{p}})
	wantCode(t, err, "NatGatewayNotFound")
	_, err = b.DeleteNatGateway(e.ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: &p})
	wantCode(t, err, "NatGatewayNotFound")
	_, err = c.DeleteNatGateway(e.ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String("nat-1")})
	wantCode(t, err, "NatGatewayMalformed")
	_, err = c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{Filter: []types.Filter{{Name: aws.String("colour"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DescribeNatGateways(e.ctx, &ec2.DescribeNatGatewaysInput{MaxResults: aws.Int32(2)})
	wantCode(t, err, "InvalidParameterValue")
	// Pages.
	for range 3 {
		must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, ConnectivityType: types.ConnectivityTypePrivate}))
	}
	var ids []string
	for pg := ec2.NewDescribeNatGatewaysPaginator(c, &ec2.DescribeNatGatewaysInput{MaxResults: aws.Int32(5), Filter: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{s.vpc}}}}); pg.HasMorePages(); {
		for _, g := range must[*ec2.DescribeNatGatewaysOutput](t)(pg.NextPage(e.ctx)).NatGateways {
			ids = append(ids, aws.ToString(g.NatGatewayId))
		}
	}
	if len(ids) != 4 {
		t.Fatalf("paged gateways = %v", ids)
	}
	// Five per zone: the fifth live one in the zone is refused.
	must[*ec2.CreateNatGatewayOutput](t)(c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, ConnectivityType: types.ConnectivityTypePrivate}))
	_, err = c.CreateNatGateway(e.ctx, &ec2.CreateNatGatewayInput{SubnetId: &s.subnet, ConnectivityType: types.ConnectivityTypePrivate})
	wantCode(t, err, "NatGatewayLimitExceeded")
}
