package eni_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/vpclab/vpcmodel/eni"
	"github.com/vpclab/vpcmodel/zone"
)

func ExampleCreate() {
	z, _ := zone.Find("us-east-1", "us-east-1a")
	s := eni.Spec{OwnerID: "111122223333", Region: "us-east-1", SubnetID: "subnet-0123456789abcdef0",
		VPCID: "vpc-0123456789abcdef0", Zone: z, SubnetCIDR: netip.MustParsePrefix("10.0.1.0/24"),
		Groups: []string{"sg-0123456789abcdef0"}}
	i, err := eni.Create(s, rand.NewChaCha8([32]byte{1}))
	if err != nil {
		panic(err)
	}
	fmt.Println(i.PrivateIP(), i.PrivateDNSName(), i.SourceDestCheck())

	// The address it took is now in use.
	s.PrivateIP = i.PrivateIP()
	s.InUse = func(a netip.Addr) bool { return a == i.PrivateIP() }
	_, err = eni.Create(s, rand.NewChaCha8([32]byte{2}))
	var e *eni.Error
	if errors.As(err, &e) {
		fmt.Println(e.ErrorCode(), e.ErrorMessage())
	}
	// Output:
	// 10.0.1.4 ip-10-0-1-4.ec2.internal true
	// InvalidIPAddress.InUse The specified address is already in use.
}

func ExampleAllocate() {
	used := map[netip.Addr]bool{netip.MustParseAddr("10.0.1.4"): true}
	a, ok := eni.Allocate(netip.MustParsePrefix("10.0.1.0/28"), func(a netip.Addr) bool { return used[a] })
	fmt.Println(a, ok, eni.Usable(netip.MustParsePrefix("10.0.1.0/28")))
	// Output: 10.0.1.5 true 11
}
