package peering

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"
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
	r.Lookup("pcx-00000000", t0.Add(RequestLifetime+LongVisibility+4*time.Hour))
	r.mu.Lock()
	defer r.mu.Unlock()
	for name, n := range map[string]int{
		"byID": len(r.byID), "byVPC": len(r.byVPC), "byOwner": len(r.byOwner), "live": len(r.live),
		"outstanding": len(r.outstanding), "active": len(r.active), "transient": len(r.transient),
		"expiry": r.expiry.Len(), "drops": r.drops.Len(), "strs": len(r.strs),
	} {
		if n != 0 {
			t.Errorf("%s holds %d items after every connection became invisible", name, n)
		}
	}
}
