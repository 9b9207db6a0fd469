package wildcard_test

import (
	"fmt"

	"github.com/vpclab/vpcmodel/internal/wildcard"
)

func ExampleMatch() {
	fmt.Println(wildcard.Match("pcx-*", "pcx-0123"))
	fmt.Println(wildcard.Match("10.0.?.0/24", "10.0.7.0/24"))
	fmt.Println(wildcard.Match(`a\*`, "ab"))
	// Output:
	// true
	// true
	// false
}

func ExampleHasWildcard() {
	fmt.Println(wildcard.HasWildcard("vpc-0a0a0a0a"), wildcard.HasWildcard("vpc-*"))
	// Output:
	// false true
}
