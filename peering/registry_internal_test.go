package peering

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/tag"
)

// TestRegistryForgetsEverything checks, from the inside, that once no
// connection is visible any more every index of the Registry is empty: the
// memory a Registry holds is bounded by what its callers can still see.
func TestRegistryForgetsEverything(t *testing.T) {
	vpcs := VPCResolverFunc(func(ref VPCRef) (VPC, bool) {
		var n int
		fmt.Sscanf(ref.ID, "vpc-%x", &n)
		return VPC{OwnerID: ref.OwnerID, Region: ref.Region, ID: ref.ID,
			IPv4: []netip.Prefix{netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(n >> 8), byte(n), 0}), 24)}}, true
	})
	r, err := NewRegistry(rand.NewChaCha8([32]byte{3}), vpcs, Quotas{OutstandingRequests: 1000})
	if err != nil {
		t.Fatal(err)
	}
	a := Party{Account: "111111111111", Region: "us-east-1"}
	b := Party{Account: "222222222222", Region: "eu-west-1"}
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 200 {
		now := t0.Add(time.Duration(i) * time.Minute)
		v, err := r.Create(a, CreateInput{VPCID: fmt.Sprintf("vpc-%08x", i), PeerVPCID: fmt.Sprintf("vpc-%08x", 1000+i),
			PeerOwnerID: b.Account, PeerRegion: b.Region}, now)
		if err != nil {
			t.Fatal(err)
		}
		switch i % 5 {
		case 0: // left to expire
		case 1:
			_, err = r.Reject(b, v.ID(), now)
		case 2:
			_, err = r.Delete(a, v.ID(), now)
		case 3:
			if _, err = r.Accept(b, v.ID(), now); err == nil {
				_, err = r.Delete(b, v.ID(), now)
			}
		case 4:
			err = r.DeleteVPC(VPCRef{OwnerID: a.Account, Region: a.Region, ID: fmt.Sprintf("vpc-%08x", i)}, now)
		}
		if err != nil {
			t.Fatal(i, err)
		}
	}
	r.Connection("pcx-00000000", t0.Add(RequestLifetime+LongVisibility+4*time.Hour))
	r.mu.Lock()
	defer r.mu.Unlock()
	for name, n := range map[string]int{
		"byID": len(r.byID), "byVPC": len(r.byVPC), "byOwner": len(r.byOwner), "byStatus": len(r.byStatus), "byTag": len(r.byTag), "live": len(r.live),
		"outstanding": len(r.outstanding), "active": len(r.active), "transient": len(r.transient),
		"expiry": r.expiry.Len(), "drops": r.drops.Len(), "strs": len(r.strs),
	} {
		if n != 0 {
			t.Errorf("%s holds %d items after every connection became invisible", name, n)
		}
	}
}

// indexSummary describes every index of r by contents, not by pointer, so
// that two Registries can be compared.
func indexSummary(r *Registry) map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := func(m map[string]*entry) []string {
		out := make([]string, 0, len(m))
		for id := range m {
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	s := map[string]string{"clock": r.clock.String()}
	for k, m := range r.byVPC {
		s["byVPC "+k] = fmt.Sprint(ids(m))
	}
	for k, m := range r.byOwner {
		s["byOwner "+k] = fmt.Sprint(ids(m))
	}
	for k, m := range r.byStatus {
		s["byStatus "+k] = fmt.Sprint(ids(m))
	}
	for k, m := range r.byTag {
		s["byTag "+k] = fmt.Sprint(ids(m))
	}
	for k, e := range r.live {
		s[fmt.Sprint("live ", k)] = e.c.id
	}
	for k, n := range r.outstanding {
		s["outstanding "+k] = fmt.Sprint(n)
	}
	for k, n := range r.active {
		s[fmt.Sprint("active ", k)] = fmt.Sprint(n)
	}
	for k, in := range r.strs {
		s["strs "+k] = fmt.Sprint(in.uses)
	}
	var transient, expiry, drops []string
	for _, e := range r.transient {
		transient = append(transient, e.c.id)
	}
	for i, e := range r.expiry.items {
		if e.expIdx != i {
			s["broken expiry index "+e.c.id] = fmt.Sprint(e.expIdx, i)
		}
		expiry = append(expiry, e.c.id+"@"+e.c.ExpiresAt().String())
	}
	for i, e := range r.drops.items {
		if e.dropIdx != i {
			s["broken drop index "+e.c.id] = fmt.Sprint(e.dropIdx, i)
		}
		drops = append(drops, e.c.id+"@"+e.dropAt.String())
	}
	for _, l := range [][]string{transient, expiry, drops} {
		slices.Sort(l)
	}
	s["transient"], s["expiry"], s["drops"] = fmt.Sprint(transient), fmt.Sprint(expiry), fmt.Sprint(drops)
	s["byID"] = fmt.Sprint(len(r.byID))
	return s
}

// TestRestoreRebuildsIndexes checks, from the inside, that a restored
// Registry's indexes hold what the original's hold, and that it too
// forgets everything once nothing is visible.
func TestRestoreRebuildsIndexes(t *testing.T) {
	vpcs := VPCResolverFunc(func(ref VPCRef) (VPC, bool) {
		var n int
		fmt.Sscanf(ref.ID, "vpc-%x", &n)
		return VPC{OwnerID: ref.OwnerID, Region: ref.Region, ID: ref.ID,
			IPv4: []netip.Prefix{netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(n >> 8), byte(n), 0}), 24)}}, true
	})
	newReg := func() *Registry {
		r, err := NewRegistry(rand.NewChaCha8([32]byte{3}), vpcs, Quotas{OutstandingRequests: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := newReg()
	a := Party{Account: "111111111111", Region: "us-east-1"}
	b := Party{Account: "222222222222", Region: "eu-west-1"}
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var now time.Time
	for i := range 100 {
		now = t0.Add(time.Duration(i) * time.Minute)
		v, err := r.Create(a, CreateInput{VPCID: fmt.Sprintf("vpc-%08x", i), PeerVPCID: fmt.Sprintf("vpc-%08x", 1000+i),
			PeerOwnerID: b.Account, PeerRegion: b.Region}, now)
		if err != nil {
			t.Fatal(err)
		}
		switch i % 6 {
		case 1:
			_, err = r.Reject(b, v.ID(), now)
		case 2:
			_, err = r.Delete(a, v.ID(), now)
		case 3:
			_, err = r.Accept(b, v.ID(), now)
		case 4:
			if _, err = r.Accept(b, v.ID(), now); err == nil {
				_, err = r.Delete(b, v.ID(), now) // deleting, until the next call
			}
		case 5:
			err = r.CreateTags(b, v.ID(), []tag.Tag{{Key: "k", Value: "v"}}, now)
		}
		if err != nil {
			t.Fatal(i, err)
		}
	}
	enc, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got := newReg()
	if err := got.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	want, have := indexSummary(r), indexSummary(got)
	for k, v := range want {
		if have[k] != v {
			t.Errorf("%s: restored %q, original %q", k, have[k], v)
		}
	}
	for k, v := range have {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: restored %q, original has none", k, v)
		}
	}
	// Both settle and forget alike.
	for _, d := range []time.Duration{time.Second, 3 * time.Hour, 3 * 24 * time.Hour, 30 * 24 * time.Hour} {
		r.Connection("pcx-00000000", now.Add(d))
		got.Connection("pcx-00000000", now.Add(d))
		if w, h := fmt.Sprint(indexSummary(r)), fmt.Sprint(indexSummary(got)); w != h {
			t.Fatalf("at +%v the indexes differ:\nrestored %s\noriginal %s", d, h, w)
		}
	}
	if got.Len() != r.Len() {
		t.Fatalf("Len() = %d, original %d", got.Len(), r.Len())
	}
}
