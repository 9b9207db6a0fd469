package eip_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/vpclab/vpcmodel/eip"
)

func ExampleAllocate() {
	a, err := eip.Allocate(eip.Spec{OwnerID: "111122223333", Region: "us-east-1"}, eip.AmazonPool(), nil, rand.NewChaCha8([32]byte{1}))
	fmt.Println(a.AllocationID(), a.PublicIP(), a.Domain(), a.NetworkBorderGroup(), err)
	_, err = eip.Allocate(eip.Spec{OwnerID: "111122223333", Region: "us-east-1", Held: 5}, eip.AmazonPool(), nil, rand.NewChaCha8([32]byte{1}))
	fmt.Println(err)
	// Output:
	// eipalloc-6ae6783f4fbde91b6 3.218.129.2 vpc us-east-1 <nil>
	// eip: allocate: address quota reached (input "111122223333")
}

func ExampleAddress_CheckRelease() {
	a, _ := eip.Allocate(eip.Spec{OwnerID: "111122223333", Region: "us-east-1"}, eip.AmazonPool(), nil, rand.NewChaCha8([32]byte{1}))
	held, _ := a.Associate(eip.Association{ID: "eipassoc-0123456789abcdef0", NetworkInterfaceID: "eni-0123456789abcdef0",
		NetworkInterfaceOwnerID: "111122223333", PrivateIP: netip.MustParseAddr("10.0.1.25"), Managed: true})
	var e *eip.Error
	if errors.As(held.CheckRelease(), &e) {
		fmt.Println(e.ErrorCode(), "-", e.ErrorMessage())
	}
	fmt.Println(held.DisassociateByService().CheckRelease())
	// Output:
	// AuthFailure - You do not have permission to access the specified resource.
	// <nil>
}

func ExamplePool_Draw() {
	p, _ := eip.NewPool(netip.MustParsePrefix("198.51.100.0/30")) // two addresses: .1 and .2
	taken := map[netip.Addr]bool{}
	random := rand.NewChaCha8([32]byte{7})
	for range 3 {
		a, err := p.Draw(random, func(a netip.Addr) bool { return taken[a] })
		if err != nil {
			fmt.Println(err)
			break
		}
		taken[a] = true
		fmt.Println(a)
	}
	// Output:
	// 198.51.100.1
	// 198.51.100.2
	// eip: allocate: address pool exhausted
}
