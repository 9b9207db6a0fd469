package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// routeTo returns the route for dest in table id, or nil.
func (e *env) routeTo(c *ec2.Client, id, dest string) *types.Route {
	e.t.Helper()
	o, err := c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{id}})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range o.RouteTables[0].Routes {
		if aws.ToString(r.DestinationCidrBlock) == dest {
			return &r
		}
	}
	return nil
}

func TestRouteTables(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	a, b, other := e.newVPC(c, "10.1.0.0/16"), e.newVPC(c, "10.2.0.0/16"), e.newVPC(c, "10.9.0.0/16")

	// CreateVpc made a main table with the local route.
	d := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{a}}}}))
	if len(d.RouteTables) != 1 {
		t.Fatalf("%d tables for a new VPC", len(d.RouteTables))
	}
	main := d.RouteTables[0]
	if len(main.Associations) != 1 || !aws.ToBool(main.Associations[0].Main) || len(main.Routes) != 1 ||
		aws.ToString(main.Routes[0].GatewayId) != "local" || main.Routes[0].State != types.RouteStateActive ||
		main.Routes[0].Origin != types.RouteOriginCreateRouteTable {
		t.Fatalf("main table = %+v", main)
	}
	mainID := aws.ToString(main.RouteTableId)
	_, err := c.DeleteRouteTable(e.ctx, &ec2.DeleteRouteTableInput{RouteTableId: &mainID})
	wantCode(t, err, "DependencyViolation")

	rt := must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &a}))
	id := aws.ToString(rt.RouteTable.RouteTableId)
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &a})
	wantCode(t, err, "DependencyViolation")

	pcx := aws.ToString(must[*ec2.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(e.ctx,
		&ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b})).VpcPeeringConnection.VpcPeeringConnectionId)

	// A route to a pending connection is a blackhole until it is active.
	must[*ec2.CreateRouteOutput](t)(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &id,
		DestinationCidrBlock: aws.String("10.2.0.0/16"), VpcPeeringConnectionId: &pcx}))
	if r := e.routeTo(c, id, "10.2.0.0/16"); r == nil || r.State != types.RouteStateBlackhole || aws.ToString(r.VpcPeeringConnectionId) != pcx {
		t.Fatalf("route to a pending connection = %+v", r)
	}
	must[*ec2.AcceptVpcPeeringConnectionOutput](t)(c.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &pcx}))
	if r := e.routeTo(c, id, "10.2.0.0/16"); r.State != types.RouteStateActive {
		t.Fatalf("after accept the route is %s", r.State)
	}

	for _, tt := range []struct {
		name string
		in   ec2.CreateRouteInput
		code string
	}{
		{"duplicate", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.2.0.0/16"), VpcPeeringConnectionId: &pcx}, "RouteAlreadyExists"},
		{"local duplicate", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.1.0.0/16"), VpcPeeringConnectionId: &pcx}, "RouteAlreadyExists"},
		{"inside the vpc", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.1.2.0/24"), VpcPeeringConnectionId: &pcx}, "InvalidParameterValue"},
		{"bad destination", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.3.0.0/33"), VpcPeeringConnectionId: &pcx}, "InvalidParameterValue"},
		{"no destination", ec2.CreateRouteInput{VpcPeeringConnectionId: &pcx}, "MissingParameter"},
		{"no target", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.3.0.0/16")}, "MissingParameter"},
		{"two targets", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.3.0.0/16"), VpcPeeringConnectionId: &pcx, GatewayId: aws.String("igw-0123456789abcdef0")}, "InvalidParameterCombination"},
		{"unknown pcx", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.3.0.0/16"), VpcPeeringConnectionId: aws.String("pcx-0123456789abcdef0")}, "InvalidVpcPeeringConnectionID.NotFound"},
		{"malformed pcx", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("10.3.0.0/16"), VpcPeeringConnectionId: aws.String("pcx-zz")}, "InvalidVpcPeeringConnectionId.Malformed"},
		{"unknown igw", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String("igw-0123456789abcdef0")}, "InvalidInternetGatewayID.NotFound"},
		{"reserved", ec2.CreateRouteInput{DestinationCidrBlock: aws.String("169.254.169.0/24"), VpcPeeringConnectionId: &pcx}, "InvalidParameterValue"},
		{"unknown table", ec2.CreateRouteInput{RouteTableId: aws.String("rtb-0123456789abcdef0"), DestinationCidrBlock: aws.String("10.3.0.0/16"), VpcPeeringConnectionId: &pcx}, "InvalidRouteTableID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if in.RouteTableId == nil {
				in.RouteTableId = &id
			}
			_, err := c.CreateRoute(e.ctx, &in)
			wantCode(t, err, tt.code)
		})
	}
	// A table of a VPC the connection does not join.
	otherRT := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &other})).RouteTable.RouteTableId)
	_, err = c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &otherRT, DestinationCidrBlock: aws.String("10.2.0.0/16"), VpcPeeringConnectionId: &pcx})
	wantCode(t, err, "InvalidParameterValue")
	// Another account cannot see the table.
	_, err = e.client(bob, "us-east-1").CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("10.3.0.0/16"), VpcPeeringConnectionId: &pcx})
	wantCode(t, err, "InvalidRouteTableID.NotFound")

	_, err = c.ReplaceRoute(e.ctx, &ec2.ReplaceRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("10.8.0.0/16"), VpcPeeringConnectionId: &pcx})
	wantCode(t, err, "InvalidParameterValue")
	must[*ec2.ReplaceRouteOutput](t)(c.ReplaceRoute(e.ctx, &ec2.ReplaceRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("10.2.0.0/16"), VpcPeeringConnectionId: &pcx}))
	_, err = c.DeleteRoute(e.ctx, &ec2.DeleteRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("10.1.0.0/16")})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DeleteRoute(e.ctx, &ec2.DeleteRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("10.8.0.0/16")})
	wantCode(t, err, "InvalidRoute.NotFound")

	// A secondary block brings its local route to every table of the VPC.
	must[*ec2.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &a, CidrBlock: aws.String("10.4.0.0/16")}))
	for _, table := range []string{id, mainID} {
		if r := e.routeTo(c, table, "10.4.0.0/16"); r == nil || aws.ToString(r.GatewayId) != "local" {
			t.Fatalf("table %s has no local route for the new block: %+v", table, r)
		}
	}
	// A block the size of a route destination is refused.
	_, err = c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &a, CidrBlock: aws.String("10.2.0.0/16")})
	if err == nil {
		t.Fatal("associating a block equal to a route destination succeeded")
	}

	// Deleting the connection turns its routes into blackholes.
	must[*ec2.DeleteVpcPeeringConnectionOutput](t)(c.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: &pcx}))
	if r := e.routeTo(c, id, "10.2.0.0/16"); r.State != types.RouteStateBlackhole {
		t.Fatalf("after delete the route is %s", r.State)
	}
	bh := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{{Name: aws.String("route.state"), Values: []string{"blackhole"}}}}))
	if len(bh.RouteTables) != 1 || aws.ToString(bh.RouteTables[0].RouteTableId) != id {
		t.Fatalf("route.state=blackhole matched %d tables", len(bh.RouteTables))
	}
	must[*ec2.DeleteRouteOutput](t)(c.DeleteRoute(e.ctx, &ec2.DeleteRouteInput{RouteTableId: &id, DestinationCidrBlock: aws.String("10.2.0.0/16")}))
	must[*ec2.DeleteRouteTableOutput](t)(c.DeleteRouteTable(e.ctx, &ec2.DeleteRouteTableInput{RouteTableId: &id}))
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &a}))
	_, err = c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{mainID}})
	wantCode(t, err, "InvalidRouteTableID.NotFound")

	// Pages of at most 5 of the remaining tables.
	for range 6 {
		must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &b}))
	}
	p := ec2.NewDescribeRouteTablesPaginator(c, &ec2.DescribeRouteTablesInput{MaxResults: aws.Int32(5)})
	n := 0
	for p.HasMorePages() {
		n += len(must[*ec2.DescribeRouteTablesOutput](t)(p.NextPage(e.ctx)).RouteTables)
	}
	if n != 9 { // b: main + 6, other: main + 1
		t.Fatalf("paginated %d tables, want 9", n)
	}
}
