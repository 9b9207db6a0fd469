package zone_test

import (
	"fmt"

	"github.com/vpclab/vpcmodel/zone"
)

func ExampleInRegion() {
	for _, z := range zone.InRegion("eu-west-1") {
		fmt.Println(z.Name, z.ID, z.State)
	}
	// Output:
	// eu-west-1a euw1-az1 available
	// eu-west-1b euw1-az2 available
	// eu-west-1c euw1-az3 available
}

func ExampleFind() {
	z, ok := zone.Find("us-east-1", "use1-az2")
	fmt.Println(z.Name, ok)
	// Output: us-east-1b true
}
