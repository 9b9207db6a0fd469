package cidr_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/vpclab/vpcmodel/cidr"
)

func ExampleAllocate() {
	// A tunnel inside CIDR: a /30 from 169.254.0.0/16, avoiding a reserved
	// block and the /30s other tunnels on the gateway already use. The
	// seeded reader makes the choice reproducible; production code passes
	// crypto/rand.Reader.
	pool := cidr.MustParse("169.254.0.0/16")
	avoid := []netip.Prefix{
		cidr.MustParse("169.254.0.0/30"),
		cidr.MustParse("169.254.169.252/30"),
		cidr.MustParse("169.254.10.0/30"),
	}
	random := rand.NewChaCha8([32]byte{1})
	p, err := cidr.Allocate(pool, 30, avoid, random)
	fmt.Println(p, err)

	// The same bytes give the same block.
	q, _ := cidr.Allocate(pool, 30, avoid, rand.NewChaCha8([32]byte{1}))
	fmt.Println(p == q)

	// A full pool is refused with EC2's code.
	_, err = cidr.Allocate(cidr.MustParse("169.254.0.0/29"), 30,
		[]netip.Prefix{cidr.MustParse("169.254.0.0/29")}, random)
	var ce *cidr.Error
	fmt.Println(errors.Is(err, cidr.ErrExhausted), errors.As(err, &ce) && ce.ErrorCode() == "InsufficientCidrBlocks")
	// Output:
	// 169.254.171.164/30 <nil>
	// true
	// true true
}

func ExampleAllocate_ipv6() {
	// An IPv6 tunnel inside CIDR: a /126 from fd00::/8, 2^118 candidates.
	p, err := cidr.Allocate(cidr.MustParse("fd00::/8"), 126,
		[]netip.Prefix{cidr.MustParse("fd00:ec2::/32")}, rand.NewChaCha8([32]byte{7}))
	fmt.Println(p.Bits(), cidr.Contains(cidr.MustParse("fd00::/8"), p), err)
	// Output:
	// 126 true <nil>
}

func ExampleValidateSecondary() {
	primary := cidr.MustParse("10.2.0.0/16")
	existing := []netip.Prefix{primary, cidr.MustParse("10.3.0.0/16")}
	routes := []netip.Prefix{cidr.MustParse("0.0.0.0/0"), cidr.MustParse("10.0.0.0/24")}

	for _, s := range []string{"10.4.0.0/16", "100.64.0.0/16", "192.168.0.0/16", "10.3.128.0/17", "10.0.0.0/23", "10.0.0.0/25"} {
		err := cidr.ValidateSecondary(primary, existing, routes, cidr.MustParse(s))
		var ce *cidr.Error
		if errors.As(err, &ce) {
			fmt.Printf("%-15s %s: %s\n", s, ce.ErrorCode(), ce.ErrorMessage())
			continue
		}
		fmt.Printf("%-15s allowed\n", s)
	}
	// Output:
	// 10.4.0.0/16     allowed
	// 100.64.0.0/16   allowed
	// 192.168.0.0/16  InvalidVpc.Range: The CIDR '192.168.0.0/16' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, or use a publicly-routable CIDR.
	// 10.3.128.0/17   InvalidVpc.Range: The CIDR '10.3.128.0/17' conflicts with a CIDR block already associated with the VPC.
	// 10.0.0.0/23     InvalidVpc.Range: The CIDR '10.0.0.0/23' is the same as or larger than the destination of a route in a route table of the VPC.
	// 10.0.0.0/25     allowed
}

func ExampleNewSet() {
	// Every route destination of a large table, indexed once.
	s := cidr.NewSet(
		cidr.MustParse("10.0.0.0/16"),
		cidr.MustParse("10.1.0.0/16"),
		cidr.MustParse("10.1.0.0/16"), // duplicates count once
		cidr.MustParse("2600:1f00::/56"),
	)
	fmt.Println(s.Len())
	// Output:
	// 3
}

func ExampleSet_Overlaps() {
	s := cidr.NewSet(cidr.MustParse("10.0.0.0/16"), cidr.MustParse("172.31.0.0/16"))
	fmt.Println(s.Overlaps(cidr.MustParse("10.0.7.0/24")))   // inside a member
	fmt.Println(s.Overlaps(cidr.MustParse("172.16.0.0/12"))) // contains a member
	fmt.Println(s.Overlaps(cidr.MustParse("192.168.0.0/16")))
	// Output:
	// true
	// true
	// false
}

func ExampleSet_Overlapping() {
	s := cidr.NewSet(
		cidr.MustParse("10.0.0.0/8"),
		cidr.MustParse("10.0.0.0/16"),
		cidr.MustParse("10.0.1.0/24"),
		cidr.MustParse("10.0.2.0/24"),
		cidr.MustParse("10.1.0.0/16"),
	)
	fmt.Println(s.Overlapping(cidr.MustParse("10.0.0.0/22")))
	fmt.Println(s.Overlapping(cidr.MustParse("11.0.0.0/8")))
	// Output:
	// [10.0.0.0/8 10.0.0.0/16 10.0.1.0/24 10.0.2.0/24]
	// []
}

func ExampleSet_Len() {
	var s cidr.Set // the zero Set is empty and ready to use
	fmt.Println(s.Len(), s.Overlaps(cidr.MustParse("0.0.0.0/0")))
	// Output:
	// 0 false
}

func ExampleSet_All() {
	s := cidr.NewSet(cidr.MustParse("fd00::/8"), cidr.MustParse("10.1.0.0/16"), cidr.MustParse("10.0.0.0/16"))
	for p := range s.All() {
		fmt.Println(p)
	}
	// Output:
	// 10.0.0.0/16
	// 10.1.0.0/16
	// fd00::/8
}

func ExampleOverlappingPairs() {
	// The destinations of a route table, checked for blocks that meet.
	list := []netip.Prefix{
		cidr.MustParse("10.0.0.0/16"),
		cidr.MustParse("192.168.0.0/16"),
		cidr.MustParse("10.0.4.0/22"),
		cidr.MustParse("10.0.4.0/24"),
	}
	for _, pair := range cidr.OverlappingPairs(list) {
		fmt.Println(list[pair[0]], "meets", list[pair[1]])
	}
	// Output:
	// 10.0.0.0/16 meets 10.0.4.0/22
	// 10.0.0.0/16 meets 10.0.4.0/24
	// 10.0.4.0/22 meets 10.0.4.0/24
}

func ExampleFirstOverlap() {
	// The CIDR blocks of VPCs that are to be peered in a full mesh.
	blocks := []netip.Prefix{
		cidr.MustParse("10.0.0.0/16"),
		cidr.MustParse("10.1.0.0/16"),
		cidr.MustParse("10.2.0.0/16"),
		cidr.MustParse("10.1.128.0/20"),
	}
	i, j, ok := cidr.FirstOverlap(blocks)
	fmt.Println(ok, blocks[i], blocks[j])
	// Output:
	// true 10.1.0.0/16 10.1.128.0/20
}

func ExampleOverlaps() {
	fmt.Println(cidr.Overlaps(cidr.MustParse("10.0.0.0/16"), cidr.MustParse("10.0.128.0/17")))
	fmt.Println(cidr.Overlaps(cidr.MustParse("10.0.0.0/16"), cidr.MustParse("10.1.0.0/16")))
	// Output:
	// true
	// false
}

func ExampleContains() {
	fmt.Println(cidr.Contains(cidr.MustParse("10.0.0.0/16"), cidr.MustParse("10.0.128.0/17")))
	fmt.Println(cidr.Contains(cidr.MustParse("10.0.128.0/17"), cidr.MustParse("10.0.0.0/16")))
	// Output:
	// true
	// false
}

func ExampleOverlapsAny() {
	requester := []netip.Prefix{cidr.MustParse("10.0.0.0/16"), cidr.MustParse("100.64.0.0/20")}
	accepter := []netip.Prefix{cidr.MustParse("10.1.0.0/16"), cidr.MustParse("100.64.8.0/21")}
	a, b, ok := cidr.OverlapsAny(requester, accepter)
	fmt.Println(a, b, ok)
	// Output:
	// 100.64.0.0/20 100.64.8.0/21 true
}

func ExampleParseVPC() {
	for _, s := range []string{"10.0.0.0/16", "10.0.0.0/28", "10.0.0.0/15", "10.0.0.0/29", "10.0.0.1/16", "bogus"} {
		p, err := cidr.ParseVPC(s)
		var ce *cidr.Error
		if errors.As(err, &ce) {
			fmt.Printf("%-12s %s\n", s, ce.ErrorCode())
			continue
		}
		fmt.Printf("%-12s %v\n", s, p)
	}
	// Output:
	// 10.0.0.0/16  10.0.0.0/16
	// 10.0.0.0/28  10.0.0.0/28
	// 10.0.0.0/15  InvalidVpc.Range
	// 10.0.0.0/29  InvalidVpc.Range
	// 10.0.0.1/16  InvalidParameterValue
	// bogus        InvalidParameterValue
}

func ExampleParseVPCIPv6() {
	for _, s := range []string{"2600:1f00:1234:5600::/56", "2600:1f00::/58", "10.0.0.0/16"} {
		p, err := cidr.ParseVPCIPv6(s)
		fmt.Println(p, err)
	}
	// Output:
	// 2600:1f00:1234:5600::/56 <nil>
	// invalid Prefix cidr: parse "2600:1f00::/58": prefix length out of range
	// invalid Prefix cidr: parse "10.0.0.0/16": wrong address family
}

func ExampleParseDestination() {
	p, err := cidr.ParseDestination("", "100.68.0.18/18")
	fmt.Println(p, err)
	_, err = cidr.ParseDestination("destinationCidrBlock", "10.0.0.0/33")
	var ce *cidr.Error
	errors.As(err, &ce)
	fmt.Println(ce.ErrorCode(), ce.ErrorMessage())
	// Output:
	// 100.68.0.0/18 <nil>
	// InvalidParameterValue Value (10.0.0.0/33) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.
}

func ExampleParse() {
	p, err := cidr.Parse("2600:1f00::1/56")
	fmt.Println(p, err)
	// Output:
	// 2600:1f00::/56 <nil>
}

func ExampleMustParse() {
	fmt.Println(cidr.MustParse("10.0.0.7/24"))
	// Output:
	// 10.0.0.0/24
}

func ExampleError() {
	_, err := cidr.ParseVPC("10.0.0.0/8")
	var ce *cidr.Error
	if errors.As(err, &ce) {
		fmt.Println(err)
		fmt.Println(errors.Is(err, cidr.ErrSize), ce.ErrorCode())
		fmt.Println(ce.ErrorMessage())
	}
	// Output:
	// cidr: parse "10.0.0.0/8": prefix length out of range
	// true InvalidVpc.Range
	// The CIDR '10.0.0.0/8' is invalid.
}
