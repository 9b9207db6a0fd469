package endpoint_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/vpclab/vpcmodel/endpoint"
)

// A gateway endpoint to S3 is pending when created, available after EC2's
// step, and routes its route tables to the Region's S3 prefix list.
func Example() {
	s3, _ := endpoint.FindService("us-east-1", endpoint.ServiceName("us-east-1", "s3"), endpoint.Gateway)
	e, err := endpoint.Create(endpoint.Spec{OwnerID: "111111111111", Region: "us-east-1", VPCID: "vpc-0a1b2c3d4e5f60718",
		Service: s3, RouteTableIDs: []string{"rtb-0a1b2c3d4e5f60718"}}, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), rand.NewChaCha8([32]byte{}))
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Type(), e.State(), e.Settle().State())
	pl, _ := endpoint.PrefixListOf("us-east-1", e.ServiceName())
	fmt.Println(pl.Name, len(pl.CIDRs))
	// Output:
	// Gateway pending available
	// com.amazonaws.us-east-1.s3 3
}

// An interface endpoint takes one subnet per zone.
func ExampleSpec_Check() {
	ssm, _ := endpoint.FindService("us-east-1", endpoint.ServiceName("us-east-1", "ssm"), endpoint.Interface)
	err := endpoint.Spec{OwnerID: "111111111111", Region: "us-east-1", VPCID: "vpc-0a1b2c3d4e5f60718", Service: ssm,
		Subnets: []endpoint.Placement{{SubnetID: "subnet-0a1b2c3d4e5f60711", Zone: "us-east-1a"}, {SubnetID: "subnet-0a1b2c3d4e5f60712", Zone: "us-east-1a"}}}.Check()
	var e *endpoint.Error
	if errors.As(err, &e) {
		fmt.Println(e.ErrorCode())
	}
	// Output:
	// DuplicateSubnetsInSameZone
}
