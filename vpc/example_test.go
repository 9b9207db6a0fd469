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
