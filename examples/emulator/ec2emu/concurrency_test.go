package ec2emu_test

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// TestConcurrentClients runs many SDK clients, one account each, in two
// Regions, peering with each other, accepting, tagging, routing and
// deleting all at once, then checks the invariants every caller relies on.
func TestConcurrentClients(t *testing.T) {
	e := newEnv(t)
	const workers, rounds = 8, 15
	account := func(i int) string { return fmt.Sprintf("%012d", 500000000000+i) }
	region := func(i int) string { return []string{"us-east-1", "eu-west-1"}[i%2] }
	vpcs := make([][]string, workers)
	for i := range workers {
		c := e.client(account(i), region(i))
		for k := range 3 {
			vpcs[i] = append(vpcs[i], e.newVPC(c, fmt.Sprintf("10.%d.0.0/16", i*3+k)))
		}
	}
	// Races between parties refuse some calls; these are the codes such a
	// refusal may carry. Anything else is a bug.
	expected := map[string]bool{
		"VpcPeeringConnectionAlreadyExists": true, "InvalidStateTransition": true,
		"InvalidVpcPeeringConnectionID.NotFound": true, "OperationNotPermitted": true,
		"OutstandingVpcPeeringConnectionLimitExceeded": true, "RouteAlreadyExists": true,
		"InvalidRoute.NotFound": true,
	}
	var accepted atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*8)
	for i := range workers {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := e.client(account(i), region(i))
			peer := (i + 1) % workers
			check := func(err error) bool {
				if err == nil {
					return true
				}
				var ae smithy.APIError
				if !errors.As(err, &ae) || !expected[ae.ErrorCode()] {
					errs <- fmt.Errorf("worker %d: %w", i, err)
				}
				return false
			}
			rt, err := c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &vpcs[i][0]})
			if !check(err) {
				return
			}
			rtID := aws.ToString(rt.RouteTable.RouteTableId)
			for r := range rounds {
				o, err := c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{
					VpcId: &vpcs[i][r%3], PeerVpcId: &vpcs[peer][r%3], PeerOwnerId: aws.String(account(peer)), PeerRegion: aws.String(region(peer))})
				if check(err) {
					id := o.VpcPeeringConnection.VpcPeeringConnectionId
					check2 := func(_ any, err error) bool { return check(err) }
					check2(c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{*id}, Tags: []types.Tag{{Key: aws.String("by"), Value: aws.String(account(i))}}}))
					if r%3 == 0 { // the table is in VPC 0
						check2(c.CreateRoute(e.ctx, &ec2.CreateRouteInput{RouteTableId: &rtID, DestinationCidrBlock: aws.String(fmt.Sprintf("10.%d.0.0/16", peer*3+r%3)), VpcPeeringConnectionId: id}))
					}
				}
				// Accept what others asked of this account.
				d, err := c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{
					Filters: []types.Filter{{Name: aws.String("status-code"), Values: []string{"pending-acceptance"}},
						{Name: aws.String("accepter-vpc-info.owner-id"), Values: []string{account(i)}}}})
				if check(err) {
					for _, p := range d.VpcPeeringConnections {
						_, err := c.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: p.VpcPeeringConnectionId})
						if check(err) {
							accepted.Add(1)
						}
					}
				}
				// Delete, every other round, what this account requested and is active.
				if r%2 == 1 {
					d, err := c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{
						Filters: []types.Filter{{Name: aws.String("status-code"), Values: []string{"active"}},
							{Name: aws.String("requester-vpc-info.owner-id"), Values: []string{account(i)}}}})
					if check(err) {
						for _, p := range d.VpcPeeringConnections {
							_, err := c.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: p.VpcPeeringConnectionId})
							check(err)
						}
					}
				}
				_, err = c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rtID}})
				check(err)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if accepted.Load() == 0 {
		t.Fatal("no connection was accepted: the workload did not exercise the lifecycle")
	}

	// Invariants, as each account sees them.
	live := map[[2]string]int{}
	for i := range workers {
		c := e.client(account(i), region(i))
		dv := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{}))
		var got []string
		for _, v := range dv.Vpcs {
			if aws.ToString(v.OwnerId) != account(i) {
				t.Errorf("account %d sees a VPC of %s", i, aws.ToString(v.OwnerId))
			}
			got = append(got, aws.ToString(v.VpcId))
		}
		sort.Strings(got)
		want := append([]string(nil), vpcs[i]...)
		sort.Strings(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("account %d sees VPCs %v, want %v", i, got, want)
		}
		dp := must[*ec2.DescribeVpcPeeringConnectionsOutput](t)(c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{}))
		for _, p := range dp.VpcPeeringConnections {
			req, acc := aws.ToString(p.RequesterVpcInfo.OwnerId), aws.ToString(p.AccepterVpcInfo.OwnerId)
			if req != account(i) && acc != account(i) {
				t.Errorf("account %d sees %s between %s and %s", i, aws.ToString(p.VpcPeeringConnectionId), req, acc)
			}
			for _, tg := range p.Tags {
				if aws.ToString(tg.Value) != account(i) {
					t.Errorf("account %d sees another account's tag %s=%s", i, aws.ToString(tg.Key), aws.ToString(tg.Value))
				}
			}
			switch p.Status.Code {
			case types.VpcPeeringConnectionStateReasonCodePendingAcceptance, types.VpcPeeringConnectionStateReasonCodeActive,
				types.VpcPeeringConnectionStateReasonCodeProvisioning, types.VpcPeeringConnectionStateReasonCodeInitiatingRequest:
				if req == account(i) {
					live[[2]string{aws.ToString(p.RequesterVpcInfo.VpcId), aws.ToString(p.AccepterVpcInfo.VpcId)}]++
				}
			}
		}
		// Every route to a connection that is not active is a blackhole.
		states := map[string]types.VpcPeeringConnectionStateReasonCode{}
		for _, p := range dp.VpcPeeringConnections {
			states[aws.ToString(p.VpcPeeringConnectionId)] = p.Status.Code
		}
		dr := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{}))
		if len(dr.RouteTables) != 4 { // three main tables and one more
			t.Errorf("account %d has %d route tables, want 4", i, len(dr.RouteTables))
		}
		for _, tbl := range dr.RouteTables {
			for _, r := range tbl.Routes {
				id := aws.ToString(r.VpcPeeringConnectionId)
				if id == "" {
					continue
				}
				active := states[id] == types.VpcPeeringConnectionStateReasonCodeActive
				if active != (r.State == types.RouteStateActive) {
					t.Errorf("route to %s (%s) is %s", id, states[id], r.State)
				}
			}
		}
	}
	for pair, n := range live {
		if n > 1 {
			t.Errorf("%d live connections between %v", n, pair)
		}
	}
}
