package subnet_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/zone"
)

func ExampleCreate() {
	z, _ := subnet.ResolveZone("us-east-1", "", "use1-az2", nil)
	p, _ := subnet.ParseCIDR("10.0.1.0/24")
	s, err := subnet.Create(subnet.Spec{OwnerID: "111122223333", Region: "us-east-1", VPCID: "vpc-0123456789abcdef0",
		Zone: z, CIDRBlock: p, VPCBlocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}}, rand.NewChaCha8([32]byte{1}))
	if err != nil {
		panic(err)
	}
	fmt.Println(s.CIDR(), s.Zone().Name, s.AvailableIPAddressCount())

	// A sibling may not overlap it.
	err = subnet.Spec{OwnerID: "111122223333", Region: "us-east-1", VPCID: s.VPCID(), Zone: z,
		CIDRBlock: netip.MustParsePrefix("10.0.1.128/25"), VPCBlocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")},
		Siblings: []netip.Prefix{s.CIDR()}}.Check()
	var se *subnet.Error
	if errors.As(err, &se) {
		fmt.Println(se.ErrorCode())
	}
	// Output:
	// 10.0.1.0/24 us-east-1b 251
	// InvalidSubnet.Conflict
}

func ExampleResolveZone() {
	_, err := subnet.ResolveZone("us-west-1", "us-east-1a", "", nil)
	var se *subnet.Error
	if errors.As(err, &se) {
		fmt.Println(se.ErrorMessage())
	}
	z, _ := subnet.ResolveZone("us-west-1", "", "", []zone.Zone{zone.InRegion("us-west-1")[0]})
	fmt.Println(z.Name)
	// Output:
	// Value (us-east-1a) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-west-1a, us-west-1b.
	// us-west-1b
}
