package peering_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// TestViewShows pins what DescribeVpcPeeringConnections shows in each
// status: ExpirationTime only for an unanswered request, the accepter's
// blocks only once accepted, peering options only while active, the
// requester's blocks always.
func TestViewShows(t *testing.T) {
	for _, tc := range []struct {
		s                  status.Code
		expiry, accBlocks  bool
		options, reqBlocks bool
	}{
		{status.InitiatingRequest, true, false, false, true},
		{status.PendingAcceptance, true, false, false, true},
		{status.Provisioning, false, true, false, true},
		{status.Active, false, true, true, true},
		{status.Deleting, false, true, false, true},
		{status.Deleted, false, true, false, true},
		{status.Rejected, false, false, false, true},
		{status.Failed, false, false, false, true},
		{status.Expired, false, false, false, true},
	} {
		t.Run(string(tc.s), func(t *testing.T) {
			c, _, ok := reach(kinds[1], tc.s)
			if !ok || c.Code() != tc.s {
				t.Fatalf("cannot reach %s", tc.s)
			}
			v := peering.ViewFrom(c, tag.Set{})
			exp, gotExp := v.ExpirationTime()
			if gotExp != tc.expiry || gotExp && !exp.Equal(c.ExpiresAt()) {
				t.Errorf("ExpirationTime() = %v, %v; want shown %v", exp, gotExp, tc.expiry)
			}
			acc, req := v.Accepter(), v.Requester()
			if got := acc.CIDRBlock.IsValid() && len(acc.CIDRBlocks) > 0; got != tc.accBlocks {
				t.Errorf("accepter blocks shown = %v, want %v (%+v)", got, tc.accBlocks, acc)
			}
			if got := req.CIDRBlock.IsValid() && len(req.CIDRBlocks) > 0; got != tc.reqBlocks {
				t.Errorf("requester blocks shown = %v, want %v", got, tc.reqBlocks)
			}
			if acc.HasOptions != tc.options || req.HasOptions != tc.options {
				t.Errorf("options shown = %v/%v, want %v", req.HasOptions, acc.HasOptions, tc.options)
			}
			if acc.OwnerID != acctB || acc.VPCID != "vpc-0b0b0b0b" || acc.Region != reg2 || req.OwnerID != acctA {
				t.Errorf("identity fields: %+v %+v", req, acc)
			}
			// The View's slices are copies.
			if tc.reqBlocks {
				req.CIDRBlocks[0] = mustPrefix("192.0.2.0/24")
				if v.Requester().CIDRBlocks[0] == req.CIDRBlocks[0] {
					t.Error("writing into a VPCInfo changed the View")
				}
			}
		})
	}
}
