package secgroup_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/vpclab/vpcmodel/secgroup"
)

func Example() {
	random := rand.NewChaCha8([32]byte{1})
	g, err := secgroup.Create(secgroup.GroupSpec{OwnerID: "111122223333", VPCID: "vpc-0a1b2c3d", Name: "web", Description: "web servers"}, random)
	if err != nil {
		panic(err)
	}
	ssh := secgroup.RuleSpec{Protocol: "6", FromPort: 22, HasFromPort: true, ToPort: 22, HasToPort: true,
		Peer: secgroup.CIDRPeer(netip.MustParsePrefix("10.0.0.0/8"))}
	g, added, err := g.Authorize(false, []secgroup.RuleSpec{ssh}, 0, random)
	if err != nil {
		panic(err)
	}
	fmt.Println(added[0])
	_, _, err = g.Authorize(false, []secgroup.RuleSpec{ssh}, 0, random)
	var se *secgroup.Error
	if errors.As(err, &se) {
		fmt.Println(se.ErrorCode())
	}
	fmt.Println(g.Admits(secgroup.Packet{Protocol: secgroup.TCP, Port: 22, Addr: netip.MustParseAddr("10.1.2.3")}))
	fmt.Println(g.Admits(secgroup.Packet{Protocol: secgroup.TCP, Port: 80, Addr: netip.MustParseAddr("10.1.2.3")}))
	// Output:
	// peer: 10.0.0.0/8, TCP, from port: 22, to port: 22, ALLOW
	// InvalidPermission.Duplicate
	// true
	// false
}
