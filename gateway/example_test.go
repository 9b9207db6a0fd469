package gateway_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/vpclab/vpcmodel/gateway"
)

func ExampleInternet_Attach() {
	g, _ := gateway.CreateInternet("111122223333", rand.NewChaCha8([32]byte{1}))
	g, _ = g.Attach("vpc-0123456789abcdef0", "")
	vpc, ok := g.AttachedVPC()
	fmt.Println(vpc, ok)
	fmt.Println(g.CheckDelete() != nil) // attached: DependencyViolation
	_, err := g.Attach("vpc-0fedcba9876543210", "")
	fmt.Println(err)
	// Output:
	// vpc-0123456789abcdef0 true
	// true
	// gateway: attach igw-6ae6783f4fbde91b6: gateway is already attached (input "vpc-0fedcba9876543210")
}

func ExampleCreateEgressOnly() {
	g, _ := gateway.CreateEgressOnly("111122223333", "vpc-0123456789abcdef0", rand.NewChaCha8([32]byte{1}))
	fmt.Println(g.VPCID())
	// Output: vpc-0123456789abcdef0
}
