package peering_test

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// world is a directory of VPCs: n VPCs per account in reg1, each with its
// own disjoint 10.x.y.0/24.
func world(accounts []string, n int) *dir {
	d := &dir{vpcs: map[peering.VPCRef]*peering.VPC{}}
	k := 0
	for _, a := range accounts {
		for i := range n {
			v := &peering.VPC{OwnerID: a, Region: reg1, ID: fmt.Sprintf("vpc-%08x", k),
				IPv4: []netip.Prefix{netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(k >> 8), byte(k), 0}), 24)}}
			_ = i
			d.vpcs[v.Ref()] = v
			k++
		}
	}
	return d
}

func vpcID(k int) string { return fmt.Sprintf("vpc-%08x", k) }

func newRegistry(t testing.TB, d *dir, q peering.Quotas) *peering.Registry {
	t.Helper()
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{1}), d, q)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func code(err error) string {
	var pe *peering.Error
	if errors.As(err, &pe) {
		return pe.ErrorCode()
	}
	return ""
}

func TestNewRegistry(t *testing.T) {
	d := world(nil, 0)
	for _, tc := range []struct {
		name   string
		random bool
		vpcs   bool
		q      peering.Quotas
		ok     bool
	}{
		{"defaults", true, true, peering.Quotas{}, true},
		{"max active", true, true, peering.Quotas{ActivePerVPC: 125}, true},
		{"above max active", true, true, peering.Quotas{ActivePerVPC: 126}, false},
		{"negative", true, true, peering.Quotas{OutstandingRequests: -1}, false},
		{"no random", false, true, peering.Quotas{}, false},
		{"no resolver", true, false, peering.Quotas{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var random io.Reader
			var vpcs peering.VPCResolver
			if tc.random {
				random = rand.NewChaCha8([32]byte{})
			}
			if tc.vpcs {
				vpcs = d
			}
			r, err := peering.NewRegistry(random, vpcs, tc.q)
			if tc.ok != (err == nil) {
				t.Fatalf("NewRegistry = %v, want ok %v", err, tc.ok)
			}
			if !tc.ok && (!errors.Is(err, peering.ErrInvalid) || code(err) != "InvalidParameterValue") {
				t.Errorf("error = %v", err)
			}
			if tc.ok && tc.q == (peering.Quotas{}) && r.Quotas() != (peering.Quotas{OutstandingRequests: 25, ActivePerVPC: 50}) {
				t.Errorf("Quotas() = %+v, want EC2's defaults", r.Quotas())
			}
		})
	}
}

func TestRegistryCreateRefusals(t *testing.T) {
	d := world([]string{acctA, acctB}, 3)
	a := peering.Party{Account: acctA, Region: reg1}
	for _, tc := range []struct {
		name  string
		p     peering.Party
		in    peering.CreateInput
		code  string
		cause error
	}{
		{"bad caller", peering.Party{Account: "x", Region: reg1}, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(1)}, "InvalidParameterValue", peering.ErrInvalid},
		{"no VpcId", a, peering.CreateInput{PeerVPCID: vpcID(1)}, "MissingParameter", peering.ErrInvalid},
		{"no PeerVpcId", a, peering.CreateInput{VPCID: vpcID(0)}, "MissingParameter", peering.ErrInvalid},
		{"malformed", a, peering.CreateInput{VPCID: "vpc-zz", PeerVPCID: vpcID(1)}, "InvalidVpcID.Malformed", peering.ErrMalformedID},
		{"bad peer region", a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(1), PeerRegion: "Moon"}, "InvalidParameterValue", peering.ErrInvalid},
		{"bad tag", a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(1), Tags: []tag.Tag{{Key: "aws:x"}}}, "InvalidTagKey.Malformed", peering.ErrTags},
		{"not my VPC", a, peering.CreateInput{VPCID: vpcID(3), PeerVPCID: vpcID(1)}, "InvalidVpcID.NotFound", peering.ErrVPCNotFound},
		{"itself", a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(0)}, "InvalidParameterValue", peering.ErrSameVPC},
		{"missing peer, same account", a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: "vpc-0fffffff"}, "InvalidVpcID.NotFound", peering.ErrVPCNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRegistry(t, d, peering.Quotas{})
			_, err := r.Create(tc.p, tc.in, t0)
			if code(err) != tc.code || !errors.Is(err, tc.cause) {
				t.Fatalf("Create = %v (%s), want %s %v", err, code(err), tc.code, tc.cause)
			}
			if r.Len() != 0 {
				t.Errorf("a refused create left %d connections", r.Len())
			}
		})
	}
}

func TestRegistryPairsAndQuotas(t *testing.T) {
	d := world([]string{acctA, acctB}, 4)
	a := peering.Party{Account: acctA, Region: reg1}
	b := peering.Party{Account: acctB, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{OutstandingRequests: 2, ActivePerVPC: 1})
	create := func(p peering.Party, mine, peer int, owner string) (peering.View, error) {
		return r.Create(p, peering.CreateInput{VPCID: vpcID(mine), PeerVPCID: vpcID(peer), PeerOwnerID: owner}, t0)
	}
	v1, err := create(a, 0, 4, acctB)
	if err != nil {
		t.Fatal(err)
	}
	// The pair is taken, in either direction.
	if _, err := create(a, 0, 4, acctB); code(err) != "VpcPeeringConnectionAlreadyExists" {
		t.Fatalf("duplicate = %v", err)
	}
	if _, err := create(b, 4, 0, acctA); code(err) != "VpcPeeringConnectionAlreadyExists" {
		t.Fatalf("reverse duplicate = %v", err)
	}
	if _, err := create(a, 1, 4, acctB); err != nil {
		t.Fatal(err)
	}
	_, err = create(a, 2, 4, acctB)
	if code(err) != "OutstandingVpcPeeringConnectionLimitExceeded" || !errors.Is(err, peering.ErrOutstandingLimit) {
		t.Fatalf("third request = %v", err)
	}
	// Accepting frees an outstanding slot; the active quota of vpc 4 is 1.
	if _, err := r.Accept(b, v1.ID(), t0); err != nil {
		t.Fatal(err)
	}
	v3, err := create(a, 2, 4, acctB)
	if err != nil {
		t.Fatalf("request after an accept = %v", err)
	}
	_, err = r.Accept(b, v3.ID(), t0)
	if code(err) != "ActiveVpcPeeringConnectionPerVpcLimitExceeded" || !errors.Is(err, peering.ErrActiveLimit) {
		t.Fatalf("accept over the quota = %v", err)
	}
	// Deleting the active one makes room.
	if _, err := r.Delete(a, v1.ID(), t0); err != nil {
		t.Fatal(err)
	}
	if v, err := r.Accept(b, v3.ID(), t0); err != nil || v.Status().Code != status.Provisioning {
		t.Fatalf("accept after a delete = %v, %v", v.Status(), err)
	}
	// A deleted connection frees its pair.
	if _, err := create(a, 0, 4, acctB); err != nil {
		t.Fatalf("re-peering after delete = %v", err)
	}
}

func TestRegistryTagsPerAccount(t *testing.T) {
	d := world([]string{acctA, acctB}, 1)
	a, b := peering.Party{Account: acctA, Region: reg1}, peering.Party{Account: acctB, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{})
	v, err := r.Create(a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(1), PeerOwnerID: acctB,
		Tags: []tag.Tag{{Key: "Name", Value: "to-b"}}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	id := v.ID()
	if err := r.CreateTags(b, id, []tag.Tag{{Key: "Name", Value: "from-a"}, {Key: "team", Value: "net"}}, t0); err != nil {
		t.Fatal(err)
	}
	get := func(p peering.Party) string {
		v, err := r.View(p, id, t0)
		if err != nil {
			t.Fatal(err)
		}
		return v.Tags().String()
	}
	if got, want := get(a), "{Name=to-b}"; got != want {
		t.Errorf("requester tags = %s, want %s", got, want)
	}
	if got, want := get(b), "{Name=from-a team=net}"; got != want {
		t.Errorf("accepter tags = %s, want %s", got, want)
	}
	if err := r.DeleteTags(b, id, []tag.Tag{{Key: "team", Value: "other"}}, t0); err != nil {
		t.Fatal(err)
	}
	if got, want := get(b), "{Name=from-a team=net}"; got != want {
		t.Errorf("after DeleteTags with another value: %s, want %s", got, want)
	}
	if err := r.DeleteTagKeys(b, id, []string{"team"}, t0); err != nil {
		t.Fatal(err)
	}
	if got, want := get(b), "{Name=from-a}"; got != want {
		t.Errorf("after DeleteTagKeys: %s, want %s", got, want)
	}
	page, err := r.Describe(b, peering.Query{Filters: []peering.Filter{{Name: "tag:Name", Values: []string{"to-b"}}}}, t0)
	if err != nil || len(page.Connections) != 0 {
		t.Errorf("accepter filtering on the requester's tag found %d, %v", len(page.Connections), err)
	}
	if err := r.CreateTags(b, id, []tag.Tag{{Key: "aws:x", Value: "1"}}, t0); code(err) != "InvalidTagKey.Malformed" {
		t.Errorf("reserved key = %v", err)
	}
	if err := r.CreateTags(peering.Party{Account: acctC, Region: reg1}, id, []tag.Tag{{Key: "k"}}, t0); code(err) != "InvalidVpcPeeringConnectionID.NotFound" {
		t.Errorf("stranger tagging = %v", err)
	}
}

func TestRegistryDescribe(t *testing.T) {
	d := world([]string{acctA, acctB}, 12)
	a, b := peering.Party{Account: acctA, Region: reg1}, peering.Party{Account: acctB, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{OutstandingRequests: 100})
	var ids []string
	for i := range 12 {
		v, err := r.Create(a, peering.CreateInput{VPCID: vpcID(i), PeerVPCID: vpcID(12 + i), PeerOwnerID: acctB}, t0)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, v.ID())
	}
	slices.Sort(ids)
	t1 := t0.Add(time.Minute)
	if _, err := r.Accept(b, ids[0], t1); err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(time.Minute)

	t.Run("pages", func(t *testing.T) {
		var got []string
		q := peering.Query{MaxResults: 5}
		pages := 0
		for {
			page, err := r.Describe(b, q, t2)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, v := range page.Connections {
				got = append(got, v.ID())
			}
			if page.NextToken == "" {
				break
			}
			q.NextToken = page.NextToken
		}
		if !slices.Equal(got, ids) || pages != 3 {
			t.Errorf("pages = %d, IDs = %v, want %v", pages, got, ids)
		}
	})
	t.Run("shown fields", func(t *testing.T) {
		page, err := r.Describe(a, peering.Query{IDs: []string{ids[0], ids[1]}}, t2)
		if err != nil || len(page.Connections) != 2 {
			t.Fatalf("Describe by IDs = %v, %v", page, err)
		}
		act, pend := page.Connections[0], page.Connections[1]
		if act.Accepter().CIDRBlocks == nil || !act.Accepter().HasOptions || !act.Requester().HasOptions {
			t.Errorf("active: accepter info %+v", act.Accepter())
		}
		if _, ok := act.ExpirationTime(); ok {
			t.Error("active shows ExpirationTime")
		}
		if pend.Accepter().CIDRBlocks != nil || pend.Accepter().CIDRBlock.IsValid() || pend.Accepter().HasOptions {
			t.Errorf("pending shows accepter info %+v", pend.Accepter())
		}
		if pend.Requester().CIDRBlock != d.vpcs[peering.VPCRef{OwnerID: acctA, Region: reg1, ID: pend.Requester().VPCID}].IPv4[0] {
			t.Errorf("pending requester CIDR = %v", pend.Requester().CIDRBlock)
		}
		if exp, ok := pend.ExpirationTime(); !ok || !exp.Equal(t0.Add(peering.RequestLifetime)) {
			t.Errorf("pending ExpirationTime = %v, %v", exp, ok)
		}
	})
	for _, tc := range []struct {
		name    string
		p       peering.Party
		q       peering.Query
		want    []string
		errCode string
	}{
		{"by requester vpc", a, peering.Query{Filters: []peering.Filter{{Name: "requester-vpc-info.vpc-id", Values: []string{vpcID(3)}}}}, nil, ""},
		{"by accepter owner and status", b, peering.Query{Filters: []peering.Filter{
			{Name: "accepter-vpc-info.owner-id", Values: []string{acctB}}, {Name: "status-code", Values: []string{"active"}}}}, ids[:1], ""},
		{"OR within a filter", a, peering.Query{Filters: []peering.Filter{{Name: "vpc-peering-connection-id", Values: []string{ids[2], ids[5]}}}}, []string{ids[2], ids[5]}, ""},
		{"wildcard status message", a, peering.Query{Filters: []peering.Filter{{Name: "status-message", Values: []string{"Pending*"}}}}, ids[1:], ""},
		{"accepter cidr hidden while pending", a, peering.Query{Filters: []peering.Filter{{Name: "accepter-vpc-info.cidr-block", Values: []string{"10.0.*"}}}}, ids[:1], ""},
		{"expiration-time", a, peering.Query{Filters: []peering.Filter{{Name: "expiration-time", Values: []string{t0.Add(peering.RequestLifetime).Format(ec2Time)}}}}, ids[1:], ""},
		{"stranger sees nothing", peering.Party{Account: acctC, Region: reg1}, peering.Query{}, nil, ""},
		{"other Region sees nothing", peering.Party{Account: acctA, Region: reg2}, peering.Query{}, nil, ""},
		{"unknown filter", a, peering.Query{Filters: []peering.Filter{{Name: "vpc-id", Values: []string{"x"}}}}, nil, "InvalidParameterValue"},
		{"page too small", a, peering.Query{MaxResults: 4}, nil, "InvalidParameterValue"},
		{"page too large", a, peering.Query{MaxResults: 1001}, nil, "InvalidParameterValue"},
		{"bad token", a, peering.Query{NextToken: "garbage!"}, nil, "InvalidPaginationToken"},
		{"invisible ID", peering.Party{Account: acctC, Region: reg1}, peering.Query{IDs: []string{ids[0]}}, nil, "InvalidVpcPeeringConnectionID.NotFound"},
		{"malformed ID", a, peering.Query{IDs: []string{"pcx-1"}}, nil, "InvalidVpcPeeringConnectionId.Malformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := r.Describe(tc.p, tc.q, t2)
			if code(err) != tc.errCode {
				t.Fatalf("Describe = %v, want code %q", err, tc.errCode)
			}
			if err != nil {
				return
			}
			var got []string
			for _, v := range page.Connections {
				got = append(got, v.ID())
			}
			want := tc.want
			if tc.name == "by requester vpc" {
				want = nil
				for _, id := range ids {
					if c, _ := r.Connection(id, t2); c.Requester().ID == vpcID(3) {
						want = append(want, id)
					}
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Describe = %v, want %v", got, want)
			}
		})
	}
}

// TestRegistryMemory shows that the Registry forgets a connection once
// neither owner can see it.
func TestRegistryMemory(t *testing.T) {
	d := world([]string{acctA, acctB}, 50)
	a, b := peering.Party{Account: acctA, Region: reg1}, peering.Party{Account: acctB, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{OutstandingRequests: 100})
	now := t0
	for round := range 20 {
		for i := range 50 {
			v, err := r.Create(a, peering.CreateInput{VPCID: vpcID(i), PeerVPCID: vpcID(50 + i), PeerOwnerID: acctB}, now)
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			if i%2 == 0 {
				_, err = r.Reject(b, v.ID(), now)
			} else {
				_, err = r.Delete(a, v.ID(), now)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := r.Len(); n > 50*3 {
			t.Fatalf("round %d: Len() = %d; finished connections are not being dropped", round, n)
		}
		now = now.Add(24 * time.Hour)
	}
	if _, ok := r.Connection("pcx-00000000", now.Add(2*24*time.Hour)); ok {
		t.Fatal("found a connection that was never made")
	}
	if n := r.Len(); n != 0 {
		t.Errorf("Len() = %d two days after the last change, want 0", n)
	}
}

// TestRegistryClock shows that a now earlier than one already seen counts
// as the later one.
func TestRegistryClock(t *testing.T) {
	d := world([]string{acctA, acctB}, 1)
	a, b := peering.Party{Account: acctA, Region: reg1}, peering.Party{Account: acctB, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{})
	v, _ := r.Create(a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(1), PeerOwnerID: acctB}, t0)
	late := t0.Add(peering.RequestLifetime)
	if got, _ := r.View(b, v.ID(), late); got.Status().Code != status.Expired {
		t.Fatalf("at the deadline: %v", got.Status())
	}
	if _, err := r.Accept(b, v.ID(), t0.Add(time.Hour)); !errors.Is(err, peering.ErrState) {
		t.Fatalf("accept with an earlier now = %v, want ErrState", err)
	}
}

func TestRegistryVPCEvents(t *testing.T) {
	d := world([]string{acctA, acctB}, 2)
	a, b := peering.Party{Account: acctA, Region: reg1}, peering.Party{Account: acctB, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{})
	reqVPC := peering.VPCRef{OwnerID: acctA, Region: reg1, ID: vpcID(0)}
	accVPC := peering.VPCRef{OwnerID: acctB, Region: reg1, ID: vpcID(2)}
	v, _ := r.Create(a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(2), PeerOwnerID: acctB}, t0)
	reqBlock := d.vpcs[reqVPC].IPv4[0]
	if err := r.CheckAddVPCCIDR(reqVPC, mustPrefix("172.16.0.0/16"), t0); !errors.Is(err, peering.ErrPendingRequest) {
		t.Errorf("requester adding a block while pending = %v", err)
	}
	if err := r.CheckDeleteVPC(accVPC, t0); code(err) != "DependencyViolation" {
		t.Errorf("deleting the accepter VPC while pending = %v", err)
	}
	if err := r.CheckDeleteVPC(reqVPC, t0); err != nil {
		t.Errorf("deleting the requester VPC while pending = %v", err)
	}
	// Checks change nothing.
	if got, _ := r.View(a, v.ID(), t0); got.Status().Code != status.PendingAcceptance {
		t.Fatalf("status after checks = %v", got.Status())
	}
	if err := r.AddVPCCIDR(accVPC, reqBlock, t0); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.View(a, v.ID(), t0); got.Status().Code != status.Failed {
		t.Fatalf("after an overlapping accepter block: %v", got.Status())
	}
	// Active: neither VPC can be deleted until the connection is.
	v2, _ := r.Create(a, peering.CreateInput{VPCID: vpcID(1), PeerVPCID: vpcID(3), PeerOwnerID: acctB}, t0)
	if _, err := r.Accept(b, v2.ID(), t0); err != nil {
		t.Fatal(err)
	}
	ref1 := peering.VPCRef{OwnerID: acctA, Region: reg1, ID: vpcID(1)}
	ref3 := peering.VPCRef{OwnerID: acctB, Region: reg1, ID: vpcID(3)}
	if err := r.AddVPCCIDR(ref3, d.vpcs[ref1].IPv4[0], t0); !errors.Is(err, peering.ErrCIDROverlap) {
		t.Errorf("overlapping block on an active peer = %v", err)
	}
	for _, ref := range []peering.VPCRef{ref1, ref3} {
		if err := r.CheckDeleteVPC(ref, t0); !errors.Is(err, peering.ErrActiveDependency) || code(err) != "DependencyViolation" {
			t.Errorf("CheckDeleteVPC(%s) of an active connection = %v", ref.ID, err)
		}
		if err := r.DeleteVPC(ref, t0); !errors.Is(err, peering.ErrActiveDependency) {
			t.Errorf("DeleteVPC(%s) of an active connection = %v", ref.ID, err)
		}
	}
	if got, _ := r.View(a, v2.ID(), t0); got.Status().Code != status.Active {
		t.Fatalf("a refused DeleteVPC changed the connection: %v", got.Status())
	}
	if _, err := r.Delete(b, v2.ID(), t0); err != nil {
		t.Fatal(err)
	}
	if err := r.DeleteVPC(ref3, t0); err != nil {
		t.Fatalf("DeleteVPC after the connection was deleted = %v", err)
	}
	got, _ := r.View(a, v2.ID(), t0)
	if got.Status() != (status.Reason{Code: status.Deleted, Message: "Deleted by " + acctB}) {
		t.Errorf("after deleting the connection and then the VPC: %v", got.Status())
	}
	// Pending from the requester's side: deleting the requester VPC
	// deletes the request.
	v3, _ := r.Create(a, peering.CreateInput{VPCID: vpcID(1), PeerVPCID: vpcID(3), PeerOwnerID: acctB}, t0.Add(time.Second))
	if err := r.DeleteVPC(ref1, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.View(a, v3.ID(), t0.Add(time.Second)); got.Status() != (status.Reason{Code: status.Deleted, Message: "Deleted by " + acctA}) {
		t.Errorf("after deleting the requester VPC of a pending request: %v", got.Status())
	}
}

// TestRegistryConcurrent drives one Registry from many goroutines (run it
// with -race) and then checks the invariants.
func TestRegistryConcurrent(t *testing.T) {
	accounts := []string{acctA, acctB, acctC}
	d := world(accounts, 8)
	r := newRegistry(t, d, peering.Quotas{OutstandingRequests: 5, ActivePerVPC: 2})
	var clock sync.Mutex
	now := t0
	tick := func(d time.Duration) time.Time {
		clock.Lock()
		defer clock.Unlock()
		now = now.Add(d)
		return now
	}
	var wg sync.WaitGroup
	var created atomic.Int64
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			var seen []string
			for range 400 {
				acct := accounts[rng.IntN(3)]
				p := peering.Party{Account: acct, Region: reg1}
				at := tick(time.Duration(rng.IntN(int(time.Hour))))
				switch op := rng.IntN(7); {
				case op < 2:
					mine := 8*slices.Index(accounts, acct) + rng.IntN(8)
					peer := rng.IntN(24)
					v, err := r.Create(p, peering.CreateInput{VPCID: vpcID(mine), PeerVPCID: vpcID(peer), PeerOwnerID: accounts[peer/8]}, at)
					if err == nil {
						seen = append(seen, v.ID())
						created.Add(1)
					}
				case len(seen) == 0:
				case op == 2:
					r.Accept(p, seen[rng.IntN(len(seen))], at)
				case op == 3:
					r.Delete(p, seen[rng.IntN(len(seen))], at)
				case op == 4:
					r.Reject(p, seen[rng.IntN(len(seen))], at)
				case op == 5:
					r.Describe(p, peering.Query{Filters: []peering.Filter{{Name: "status-code", Values: []string{"active"}}}}, at)
				default:
					id := seen[rng.IntN(len(seen))]
					switch rng.IntN(4) {
					case 0:
						r.View(p, id, at)
					case 1:
						r.CreateTags(p, id, []tag.Tag{{Key: "g", Value: fmt.Sprint(g)}}, at)
					case 2:
						r.ModifyOptions(p, id, peering.OptionsChange{SetRequester: true, Requester: peering.Options{AllowDNSResolutionFromRemoteVPC: true}}, at)
					default:
						v := peering.VPCRef{OwnerID: acct, Region: reg1, ID: vpcID(8*slices.Index(accounts, acct) + rng.IntN(8))}
						r.CheckAddVPCCIDR(v, mustPrefix("192.168.0.0/24"), at)
					}
				}
			}
		}()
	}
	wg.Wait()
	if created.Load() < 50 {
		t.Fatalf("only %d requests were created; the test exercised little", created.Load())
	}
	// Invariants, from every account's own view.
	pairs := map[[2]string]int{}
	active := map[string]int{}
	outstanding := map[string]int{}
	for _, acct := range accounts {
		page, err := r.Describe(peering.Party{Account: acct, Region: reg1}, peering.Query{}, tick(0))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page.Connections {
			c := v.Connection()
			if c.Requester().OwnerID != acct {
				continue // count each connection once, from its requester
			}
			if c.Code().IsLive() {
				k := [2]string{c.Requester().ID, c.Accepter().ID}
				if k[1] < k[0] {
					k[0], k[1] = k[1], k[0]
				}
				pairs[k]++
				if pairs[k] > 1 {
					t.Errorf("two live connections between %v", k)
				}
			}
			if c.Code() == status.Active {
				active[c.Requester().ID]++
				active[c.Accepter().ID]++
			}
			if c.Code().IsPending() {
				outstanding[acct]++
			}
		}
	}
	for v, n := range active {
		if n > 2 {
			t.Errorf("%s has %d active connections, quota 2", v, n)
		}
	}
	for a, n := range outstanding {
		if n > 5 {
			t.Errorf("%s has %d outstanding requests, quota 5", a, n)
		}
	}
}

// TestResolverMayCallBack shows that the Registry does not hold its lock
// while it asks its VPCResolver, so a resolver may call back into it.
func TestResolverMayCallBack(t *testing.T) {
	d := world([]string{acctA, acctB}, 1)
	var r *peering.Registry
	calls := 0
	resolver := peering.VPCResolverFunc(func(ref peering.VPCRef) (peering.VPC, bool) {
		calls++
		_ = r.Len() // would deadlock if the Registry held its lock
		return d.ResolveVPC(ref)
	})
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{}), resolver, peering.Quotas{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := r.Create(peering.Party{Account: acctA, Region: reg1}, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(1), PeerOwnerID: acctB}, t0)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil || calls != 2 {
			t.Fatalf("Create = %v after %d resolver calls, want success after 2", err, calls)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Create deadlocked calling back into the Registry")
	}
}

// TestGetAllocs pins that a Get that finds its connection allocates nothing.
func TestGetAllocs(t *testing.T) {
	d := world([]string{acctA, acctB}, 1)
	a := peering.Party{Account: acctA, Region: reg1}
	r := newRegistry(t, d, peering.Quotas{})
	v, err := r.Create(a, peering.CreateInput{VPCID: vpcID(0), PeerVPCID: vpcID(1), PeerOwnerID: acctB}, t0)
	if err != nil {
		t.Fatal(err)
	}
	id := v.ID()
	r.View(a, id, t0) // settle
	if n := testing.AllocsPerRun(1000, func() {
		if _, err := r.View(a, id, t0); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Get allocates %v times per call, want 0", n)
	}
}

func TestRegistryIsDue(t *testing.T) {
	r, _ := newDueWorld(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if r.IsDue(now) {
		t.Fatal("an empty registry is due")
	}
	v, err := r.Create(peering.Party{Account: "111111111111", Region: "us-east-1"},
		peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !r.IsDue(now) {
		t.Fatal("initiating-request is not due")
	}
	if _, err := r.View(peering.Party{Account: "111111111111", Region: "us-east-1"}, v.ID(), now); err != nil {
		t.Fatal(err)
	}
	if r.IsDue(now) {
		t.Fatal("due after the step was taken")
	}
	exp := v.Connection().ExpiresAt()
	if r.IsDue(exp.Add(-1)) || !r.IsDue(exp) {
		t.Fatalf("expiry due at -1ns %v, at 0 %v; want false, true", r.IsDue(exp.Add(-1)), r.IsDue(exp))
	}
}

func newDueWorld(t *testing.T) (*peering.Registry, peering.VPCResolverFunc) {
	t.Helper()
	resolve := peering.VPCResolverFunc(func(ref peering.VPCRef) (peering.VPC, bool) {
		blocks := map[string]string{"vpc-0a0a0a0a": "10.0.0.0/16", "vpc-0b0b0b0b": "10.1.0.0/16"}
		b, ok := blocks[ref.ID]
		if !ok || ref.OwnerID != "111111111111" || ref.Region != "us-east-1" {
			return peering.VPC{}, false
		}
		return peering.VPC{OwnerID: ref.OwnerID, Region: ref.Region, ID: ref.ID, IPv4: []netip.Prefix{netip.MustParsePrefix(b)}}, true
	})
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{5}), resolve, peering.Quotas{})
	if err != nil {
		t.Fatal(err)
	}
	return r, resolve
}
