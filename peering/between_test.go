package peering_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
)

// TestBetween follows one pair of VPCs through a connection's life: Between
// finds the connection, in either order, while it is live, and nothing once
// it is deleted; a new connection between them is found again.
func TestBetween(t *testing.T) {
	d := world([]string{acctA, acctB}, 2)
	a := peering.Party{Account: acctA, Region: reg1}
	b := peering.Party{Account: acctB, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{})
	va := peering.VPCRef{OwnerID: acctA, Region: reg1, ID: vpcID(0)}
	vb := peering.VPCRef{OwnerID: acctB, Region: reg1, ID: vpcID(2)}
	other := peering.VPCRef{OwnerID: acctA, Region: reg1, ID: vpcID(1)}
	want := func(x, y peering.VPCRef, id string, code status.Code) {
		t.Helper()
		c, ok := r.Between(x, y, t0)
		if id == "" {
			if ok {
				t.Fatalf("Between(%s, %s) = %s, want none", x.ID, y.ID, c.ID())
			}
			return
		}
		if !ok || c.ID() != id || c.Code() != code {
			t.Fatalf("Between(%s, %s) = %s %s, %v; want %s %s", x.ID, y.ID, c.ID(), c.Code(), ok, id, code)
		}
	}
	want(va, vb, "", "")
	v, err := r.Create(a, peering.CreateInput{VPCID: va.ID, PeerVPCID: vb.ID, PeerOwnerID: acctB}, t0)
	if err != nil {
		t.Fatal(err)
	}
	// The call settles the request, as every call of the Registry does.
	want(va, vb, v.ID(), status.PendingAcceptance)
	want(vb, va, v.ID(), status.PendingAcceptance)
	want(va, other, "", "")
	if _, err := r.Accept(b, v.ID(), t0); err != nil {
		t.Fatal(err)
	}
	want(vb, va, v.ID(), status.Active)
	if _, err := r.Delete(b, v.ID(), t0); err != nil {
		t.Fatal(err)
	}
	want(va, vb, "", "")
	w, err := r.Create(b, peering.CreateInput{VPCID: vb.ID, PeerVPCID: va.ID, PeerOwnerID: acctA}, t0)
	if err != nil {
		t.Fatal(err)
	}
	want(va, vb, w.ID(), status.PendingAcceptance)
}
