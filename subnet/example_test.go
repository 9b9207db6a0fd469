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

func ExampleSubnet_AssociateIPv6() {
	random := rand.NewChaCha8([32]byte{})
	z, _ := zone.Find("us-east-1", "us-east-1a")
	vpc6 := netip.MustParsePrefix("2600:1f18:7cb4:2e00::/56")
	s, _ := subnet.Create(subnet.Spec{OwnerID: "111122223333", Region: "us-east-1", VPCID: "vpc-0123456789abcdef0", Zone: z,
		CIDRBlock: netip.MustParsePrefix("10.0.1.0/24"), VPCBlocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}}, random)
	s, b, _ := s.AssociateIPv6(netip.MustParsePrefix("2600:1f18:7cb4:2e01::/64"), []netip.Prefix{vpc6}, nil, random)
	fmt.Println(b.CIDR, b.State)
	s = s.Settle()
	a := s.Attributes()
	a.AssignIPv6AddressOnCreation = true
	s, _ = s.WithAttributes(a)
	_, _, err := s.DisassociateIPv6(b.AssociationID)
	var se *subnet.Error
	if errors.As(err, &se) {
		fmt.Println(se.ErrorCode())
	}
	// Output:
	// 2600:1f18:7cb4:2e01::/64 associating
	// InvalidCidrBlock.InUse
}
