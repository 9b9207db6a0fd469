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

func ExampleGroup_Modify() {
	random := rand.NewChaCha8([32]byte{1})
	g, _ := secgroup.Create(secgroup.GroupSpec{OwnerID: "111122223333", VPCID: "vpc-0a1b2c3d", Name: "web", Description: "web servers"}, random)
	tcp := func(port int, block string) secgroup.RuleSpec {
		return secgroup.RuleSpec{Protocol: "tcp", FromPort: port, HasFromPort: true, ToPort: port, HasToPort: true,
			Peer: secgroup.CIDRPeer(netip.MustParsePrefix(block))}
	}
	g, added, _ := g.Authorize(false, []secgroup.RuleSpec{tcp(22, "10.0.0.0/8"), tcp(80, "10.0.0.0/8")}, 0, random)
	ssh, http := added[0].ID, added[1].ID

	// SSH moves to port 2222; the rule keeps its ID.
	g, changed, _ := g.Modify([]secgroup.RuleUpdate{{ID: ssh, Spec: tcp(2222, "10.0.0.0/8")}}, 0)
	fmt.Println(changed[0].ID == ssh, changed[0])

	// Making HTTP the same rule as SSH is refused, and changes nothing.
	_, _, err := g.Modify([]secgroup.RuleUpdate{{ID: http, Spec: tcp(2222, "10.0.0.0/8")}}, 0)
	var se *secgroup.Error
	if errors.As(err, &se) {
		fmt.Println(se.ErrorCode())
	}
	// Output:
	// true peer: 10.0.0.0/8, TCP, from port: 2222, to port: 2222, ALLOW
	// InvalidPermission.Duplicate
}
