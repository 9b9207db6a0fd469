package examples_test

import (
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/cidr"
)

// Example_overlap shows the check EC2 makes before it lets two VPCs peer:
// no IPv4 block of one may overlap any block of the other, primary and
// secondary alike.
func Example_overlap() {
	requester := []netip.Prefix{cidr.MustParse("10.0.0.0/16"), cidr.MustParse("100.64.0.0/20")}
	accepter := []netip.Prefix{cidr.MustParse("10.1.0.0/16"), cidr.MustParse("100.64.8.0/21")}
	a, b, ok := cidr.OverlapsAny(requester, accepter)
	fmt.Println(ok, a, b)
	// Output: true 100.64.0.0/20 100.64.8.0/21
}
