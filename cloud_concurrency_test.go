package vpcmodel_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel"
)

// TestCloudConcurrentCallers has two goroutines per account and Region act
// on one Cloud at once: they create, list and delete VPCs, request, accept
// and delete peering connections to each other's VPCs, and add route tables
// and routes to those connections. Each call either succeeds or is refused
// with a code the race it lost can explain. At the end every caller must
// see exactly the VPCs its goroutines created and did not delete, each
// once; each VPC exactly one main route table; no live connection to a
// deleted VPC; and each route to a connection active exactly when the
// connection is. Run it with -race.
func TestCloudConcurrentCallers(t *testing.T) {
	const perScope = 2
	ops := 150
	if testing.Short() {
		ops = 50
	}
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{42})})
	// Every call is 100 ms after the one before, whoever makes it: far from
	// any expiry or visibility window, so that only the races decide.
	var ticks atomic.Int64
	now := func() time.Time { return wireNow.Add(time.Duration(ticks.Add(1)) * 100 * time.Millisecond) }
	dir := &vpcDirectory{}
	var workers []*worker
	for i, caller := range mCallers() {
		for j := range perScope {
			workers = append(workers, &worker{t: t, c: c, now: now, dir: dir, caller: caller,
				rnd: rand.New(rand.NewPCG(uint64(i), uint64(j)))})
		}
	}
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range ops {
				w.step()
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	// Every caller sees exactly the VPCs its goroutines left, each once, and
	// one main route table for each.
	for _, caller := range mCallers() {
		var want []string
		for _, w := range workers {
			if w.caller == caller {
				want = append(want, w.vpcs...)
			}
		}
		slices.Sort(want)
		out, err := c.DescribeVpcs(caller, vpcmodel.DescribeVpcsInput{}, now())
		if err != nil {
			t.Fatalf("DescribeVpcs as %v: %v", caller, err)
		}
		var got []string
		for _, v := range out.VPCs {
			got = append(got, v.VPCID)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("DescribeVpcs as %v mismatch (-created and kept +listed):\n%s", caller, diff)
		}
		rts, err := c.DescribeRouteTables(caller, vpcmodel.DescribeRouteTablesInput{}, now())
		if err != nil {
			t.Fatalf("DescribeRouteTables as %v: %v", caller, err)
		}
		mains := map[string]int{}
		for _, rt := range rts.RouteTables {
			if !slices.Contains(want, rt.VPCID) {
				t.Errorf("route table %s of %s outlived its VPC %s", rt.RouteTableID, caller.Account, rt.VPCID)
			}
			for _, a := range rt.Associations {
				if a.Main {
					mains[rt.VPCID]++
				}
			}
		}
		for _, v := range want {
			if mains[v] != 1 {
				t.Errorf("VPC %s has %d main route tables, want 1", v, mains[v])
			}
		}
	}

	// Every connection requested is listed once to its requester; none
	// that is live joins a deleted VPC; and routes follow their status.
	live := dir.liveSet()
	status := map[string]string{}
	for _, w := range workers {
		out, err := c.DescribeVpcPeeringConnections(w.caller, vpcmodel.DescribeVpcPeeringConnectionsInput{}, now())
		if err != nil {
			t.Fatalf("DescribeVpcPeeringConnections as %v: %v", w.caller, err)
		}
		seen := map[string]int{}
		for _, p := range out.VPCPeeringConnections {
			seen[p.VPCPeeringConnectionID]++
			code := string(p.Status.Code)
			status[p.VPCPeeringConnectionID] = code
			if (code == "pending-acceptance" || code == "active") && (!live[p.RequesterVPCInfo.VPCID] || !live[p.AccepterVPCInfo.VPCID]) {
				t.Errorf("connection %s is %s between %s and %s, but one of them was deleted",
					p.VPCPeeringConnectionID, code, p.RequesterVPCInfo.VPCID, p.AccepterVPCInfo.VPCID)
			}
		}
		for _, id := range w.pcxs {
			if seen[id] != 1 {
				t.Errorf("connection %s is listed %d times to its requester %v, want once", id, seen[id], w.caller)
			}
		}
	}
	for _, caller := range mCallers() {
		rts, _ := c.DescribeRouteTables(caller, vpcmodel.DescribeRouteTablesInput{}, now())
		for _, rt := range rts.RouteTables {
			for _, r := range rt.Routes {
				if r.VPCPeeringConnectionID == "" {
					continue
				}
				want := "blackhole"
				if status[r.VPCPeeringConnectionID] == "active" {
					want = "active"
				}
				if string(r.State) != want {
					t.Errorf("route %s -> %s in %s is %s, connection %q", r.DestinationCIDRBlock, r.VPCPeeringConnectionID,
						rt.RouteTableID, r.State, status[r.VPCPeeringConnectionID])
				}
			}
		}
	}
}

// vpcDirectory lists the VPCs every goroutine made, for the others to peer
// with; the test keeps it, not the Cloud.
type vpcDirectory struct {
	mu      sync.Mutex
	vpcs    []mRef
	deleted map[string]bool
}

func (d *vpcDirectory) add(r mRef) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.vpcs = append(d.vpcs, r)
}

func (d *vpcDirectory) remove(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.deleted == nil {
		d.deleted = map[string]bool{}
	}
	d.deleted[id] = true
}

func (d *vpcDirectory) random(rnd *rand.Rand) (mRef, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.vpcs) == 0 {
		return mRef{}, false
	}
	return d.vpcs[rnd.IntN(len(d.vpcs))], true
}

// liveSet reports, for every VPC made, whether it still exists.
func (d *vpcDirectory) liveSet() map[string]bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	live := map[string]bool{}
	for _, r := range d.vpcs {
		live[r.vpc] = !d.deleted[r.vpc]
	}
	return live
}

// worker is one goroutine acting as one caller. Only it creates or deletes
// its VPCs and their route tables; anyone may peer with its VPCs.
type worker struct {
	t      *testing.T
	c      *vpcmodel.Cloud
	now    func() time.Time
	dir    *vpcDirectory
	caller vpcmodel.Caller
	rnd    *rand.Rand
	vpcs   []string            // created and not deleted
	tables map[string][]string // VPC -> the route tables this worker added to it
	pcxs   []string            // requested by this worker
}

// allow fails the test unless err is nil or carries one of codes.
func (w *worker) allow(op string, err error, codes ...string) bool {
	if err == nil {
		return true
	}
	var coded interface{ ErrorCode() string }
	if !errors.As(err, &coded) || !slices.Contains(codes, coded.ErrorCode()) {
		w.t.Errorf("%s as %v: %v, want success or one of %v", op, w.caller, err, codes)
	}
	return false
}

func (w *worker) ownVPC() (string, bool) {
	if len(w.vpcs) == 0 {
		return "", false
	}
	return w.vpcs[w.rnd.IntN(len(w.vpcs))], true
}

func (w *worker) step() {
	switch w.rnd.IntN(10) {
	case 0, 1, 2:
		w.createVpc()
	case 3:
		w.describeVpcs()
	case 4:
		w.requestPeering()
	case 5:
		w.acceptRequests()
	case 6:
		w.routeToPeer()
	case 7:
		w.deleteVpc()
	case 8:
		w.deletePeering()
	case 9:
		w.describeRouteTables()
	}
}

func (w *worker) createVpc() {
	block := fmt.Sprintf("10.%d.0.0/16", w.rnd.IntN(40))
	out, err := w.c.CreateVpc(w.caller, vpcmodel.CreateVpcInput{CIDRBlock: block}, w.now())
	if !w.allow("CreateVpc", err) {
		return
	}
	w.vpcs = append(w.vpcs, out.VPC.VPCID)
	w.dir.add(mRef{w.caller, out.VPC.VPCID})
}

func (w *worker) describeVpcs() {
	out, err := w.c.DescribeVpcs(w.caller, vpcmodel.DescribeVpcsInput{}, w.now())
	if !w.allow("DescribeVpcs", err) {
		return
	}
	seen := map[string]int{}
	for _, v := range out.VPCs {
		seen[v.VPCID]++
		if v.OwnerID != w.caller.Account {
			w.t.Errorf("DescribeVpcs as %v lists %s of %s", w.caller, v.VPCID, v.OwnerID)
		}
	}
	for _, id := range w.vpcs {
		if seen[id] != 1 {
			w.t.Errorf("DescribeVpcs as %v lists its VPC %s %d times, want once", w.caller, id, seen[id])
		}
	}
}

func (w *worker) requestPeering() {
	mine, ok := w.ownVPC()
	peer, ok2 := w.dir.random(w.rnd)
	if !ok || !ok2 {
		return
	}
	out, err := w.c.CreateVpcPeeringConnection(w.caller, vpcmodel.CreateVpcPeeringConnectionInput{
		VPCID: mine, PeerVPCID: peer.vpc, PeerOwnerID: peer.owner.Account, PeerRegion: peer.owner.Region}, w.now())
	// The peer may be gone, be this VPC, or be peered already; the account
	// may have too many requests out.
	if w.allow("CreateVpcPeeringConnection", err, "InvalidVpcID.NotFound", "InvalidParameterValue",
		"VpcPeeringConnectionAlreadyExists", "OutstandingVpcPeeringConnectionLimitExceeded") {
		w.pcxs = append(w.pcxs, out.VPCPeeringConnection.VPCPeeringConnectionID)
	}
}

func (w *worker) acceptRequests() {
	out, err := w.c.DescribeVpcPeeringConnections(w.caller, vpcmodel.DescribeVpcPeeringConnectionsInput{Filters: []vpcmodel.Filter{
		{Name: "status-code", Values: []string{"pending-acceptance"}},
		{Name: "accepter-vpc-info.owner-id", Values: []string{w.caller.Account}},
	}}, w.now())
	if !w.allow("DescribeVpcPeeringConnections", err) {
		return
	}
	for _, p := range out.VPCPeeringConnections {
		if p.AccepterVPCInfo.Region != w.caller.Region {
			continue
		}
		_, err := w.c.AcceptVpcPeeringConnection(w.caller, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: p.VPCPeeringConnectionID}, w.now())
		// Another goroutine may have answered it, or deleted it or a VPC.
		w.allow("AcceptVpcPeeringConnection", err, "InvalidStateTransition", "InvalidVpcPeeringConnectionID.NotFound",
			"ActiveVpcPeeringConnectionPerVpcLimitExceeded")
	}
}

func (w *worker) routeToPeer() {
	out, err := w.c.DescribeVpcPeeringConnections(w.caller, vpcmodel.DescribeVpcPeeringConnectionsInput{}, w.now())
	if !w.allow("DescribeVpcPeeringConnections", err) {
		return
	}
	for _, p := range out.VPCPeeringConnections {
		vpc := p.RequesterVPCInfo.VPCID
		if !slices.Contains(w.vpcs, vpc) {
			vpc = p.AccepterVPCInfo.VPCID
		}
		if !slices.Contains(w.vpcs, vpc) || p.Status.Code != "active" && p.Status.Code != "pending-acceptance" {
			continue
		}
		rt, err := w.c.CreateRouteTable(w.caller, vpcmodel.CreateRouteTableInput{VPCID: vpc}, w.now())
		if !w.allow("CreateRouteTable", err) {
			return
		}
		if w.tables == nil {
			w.tables = map[string][]string{}
		}
		w.tables[vpc] = append(w.tables[vpc], rt.RouteTable.RouteTableID)
		_, err = w.c.CreateRoute(w.caller, vpcmodel.CreateRouteInput{RouteTableID: rt.RouteTable.RouteTableID,
			RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "172.16.0.0/16"},
			RouteTarget:      vpcmodel.RouteTarget{VPCPeeringConnectionID: p.VPCPeeringConnectionID}}, w.now())
		// The connection may have left pending or active since.
		w.allow("CreateRoute", err, "InvalidVpcPeeringConnectionID.NotFound")
		return
	}
}

func (w *worker) deleteVpc() {
	vpc, ok := w.ownVPC()
	if !ok {
		return
	}
	for _, rt := range w.tables[vpc] {
		_, err := w.c.DeleteRouteTable(w.caller, vpcmodel.DeleteRouteTableInput{RouteTableID: rt}, w.now())
		w.allow("DeleteRouteTable", err)
	}
	delete(w.tables, vpc)
	_, err := w.c.DeleteVpc(w.caller, vpcmodel.DeleteVpcInput{VPCID: vpc}, w.now())
	// A pending request from another account keeps the VPC.
	if w.allow("DeleteVpc", err, "DependencyViolation") {
		w.vpcs = slices.DeleteFunc(w.vpcs, func(id string) bool { return id == vpc })
		w.dir.remove(vpc)
	}
}

func (w *worker) deletePeering() {
	if len(w.pcxs) == 0 {
		return
	}
	id := w.pcxs[w.rnd.IntN(len(w.pcxs))]
	_, err := w.c.DeleteVpcPeeringConnection(w.caller, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: id}, w.now())
	// It may have failed, been rejected or been deleted already.
	w.allow("DeleteVpcPeeringConnection", err, "InvalidStateTransition")
}

func (w *worker) describeRouteTables() {
	out, err := w.c.DescribeRouteTables(w.caller, vpcmodel.DescribeRouteTablesInput{}, w.now())
	if !w.allow("DescribeRouteTables", err) {
		return
	}
	for _, rt := range out.RouteTables {
		if rt.OwnerID != w.caller.Account {
			w.t.Errorf("DescribeRouteTables as %v lists %s of %s", w.caller, rt.RouteTableID, rt.OwnerID)
		}
	}
	for vpc, ids := range w.tables {
		for _, id := range ids {
			if !slices.ContainsFunc(out.RouteTables, func(rt vpcmodel.RouteTable) bool { return rt.RouteTableID == id && rt.VPCID == vpc }) {
				w.t.Errorf("DescribeRouteTables as %v does not list %s of %s", w.caller, id, vpc)
			}
		}
	}
}
