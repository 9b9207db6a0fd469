package vpc_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/vpclab/vpcmodel/vpc"
)

func Example() {
	random := rand.NewChaCha8([32]byte{})
	v, _ := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: netip.MustParsePrefix("10.0.0.0/16")}, random)
	v, b, _ := v.AssociateBlock(netip.MustParsePrefix("10.1.0.0/16"), nil, random)
	fmt.Println(b.CIDR, b.State)
	v = v.Settle()
	fmt.Println(v.CIDRs())

	_, _, err := v.DisassociateBlock(v.Blocks()[0].AssociationID)
	var ve *vpc.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	// Output:
	// 10.1.0.0/16 associating
	// [10.0.0.0/16 10.1.0.0/16]
	// OperationNotPermitted
}

func ExampleVPC_AssociateIPv6Block() {
	random := rand.NewChaCha8([32]byte{})
	v, _ := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: netip.MustParsePrefix("10.0.0.0/16")}, random)
	// The partition's blocks so far: the new one avoids them.
	taken := []netip.Prefix{netip.MustParsePrefix("2600:1f00::/25")}
	v, b, _ := v.AssociateIPv6Block("", vpc.IPv6Source{Taken: taken}, random)
	p := b.CIDR
	fmt.Println(p.Bits(), vpc.AmazonIPv6Pool().Contains(p.Addr()), taken[0].Overlaps(p))
	fmt.Println(b.State, b.NetworkBorderGroup, b.Pool)
	v, _, _ = v.DisassociateIPv6Block(b.AssociationID)
	fmt.Println(v.Settle().IPv6Blocks()[0].State)
	// Output:
	// 56 true false
	// associating us-east-1 Amazon
	// disassociated
}
