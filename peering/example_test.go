package peering_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel/peering"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// vpcs is a tiny VPC directory for the examples.
type vpcs map[peering.VPCRef]peering.VPC

func (d vpcs) ResolveVPC(ref peering.VPCRef) (peering.VPC, bool) { v, ok := d[ref]; return v, ok }

func (d vpcs) add(owner, region, id string, blocks ...string) {
	v := peering.VPC{OwnerID: owner, Region: region, ID: id}
	for _, b := range blocks {
		p := netip.MustParsePrefix(b)
		if p.Addr().Is4() {
			v.IPv4 = append(v.IPv4, p)
		} else {
			v.IPv6 = append(v.IPv6, p)
		}
	}
	d[v.Ref()] = v
}

func newExampleRegistry() (*peering.Registry, vpcs) {
	d := vpcs{}
	d.add("111111111111", "us-east-1", "vpc-0a0a0a0a", "10.0.0.0/16")
	d.add("222222222222", "us-east-1", "vpc-0b0b0b0b", "10.1.0.0/16")
	d.add("222222222222", "eu-west-1", "vpc-0c0c0c0c", "10.0.128.0/20")
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{}), d, peering.Quotas{})
	if err != nil {
		panic(err)
	}
	return r, d
}

// Example_lifecycle peers two VPCs of different accounts: request, accept,
// use, delete.
func Example_lifecycle() {
	r, _ := newExampleRegistry()
	alice := peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob := peering.Party{Account: "222222222222", Region: "us-east-1"}

	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b", PeerOwnerID: bob.Account}, t0)
	fmt.Println(v.Status())
	id := v.ID()

	v, _ = r.Get(bob, id, t0.Add(time.Second))
	fmt.Println(v.Status())

	v, _ = r.Accept(bob, id, t0.Add(time.Minute))
	fmt.Println(v.Status())
	v, _ = r.Get(alice, id, t0.Add(2*time.Minute))
	fmt.Println(v.Status(), v.Accepter().CIDRBlock)

	v, _ = r.Delete(alice, id, t0.Add(time.Hour))
	fmt.Println(v.Status())
	// Output:
	// initiating-request: Initiating Request to 222222222222
	// pending-acceptance: Pending Acceptance by 222222222222
	// provisioning: Provisioning
	// active: Active 10.1.0.0/16
	// deleted: Deleted by 111111111111
}

// Example_overlap shows a request between overlapping VPCs failing, visible
// to the requester only, for two hours.
func Example_overlap() {
	r, _ := newExampleRegistry()
	alice := peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob := peering.Party{Account: "222222222222", Region: "eu-west-1"}
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0c0c0c0c",
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	id := v.ID()

	v, _ = r.Get(alice, id, t0.Add(time.Second))
	fmt.Println(v.Status())
	_, err := r.Get(bob, id, t0.Add(time.Second))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	_, err = r.Get(alice, id, t0.Add(peering.ShortVisibility))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	// Output:
	// failed: Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range
	// true
	// true
}
