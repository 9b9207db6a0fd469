package gateway_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"time"

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

func ExampleCreateNAT() {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	spec := gateway.NATSpec{OwnerID: "111122223333", VPCID: "vpc-0123456789abcdef0", SubnetID: "subnet-0123456789abcdef0",
		AllocationID: "eipalloc-0123456789abcdef0", PublicIP: netip.MustParseAddr("3.208.0.7"),
		PrivateIP: netip.MustParseAddr("10.0.1.25")} // the VPC has no internet gateway
	g, _ := gateway.CreateNAT(spec, now, rand.NewChaCha8([32]byte{1}))
	fmt.Println(g.ID(), g.State())
	g = g.Settle(now.Add(time.Second))
	f, _ := g.Failure()
	fmt.Println(g.State(), f.Code, "-", f.Message)
	end, _ := g.ExpiresAt()
	fmt.Println("listed until", end.Format(time.TimeOnly))
	// Output:
	// nat-6ae6783f4fbde91b6 pending
	// failed Gateway.NotAttached - Network vpc-0123456789abcdef0 has no Internet gateway attached
	// listed until 13:00:01
}
