package acl_test

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/acl"
)

func Example() {
	a := acl.NewDefault("acl-0a1b2c3d", "vpc-0a1b2c3d", "111122223333")
	a, err := a.CreateEntry(acl.EntrySpec{RuleNumber: 90, Action: "deny", Protocol: "tcp", CIDRBlock: "203.0.113.0/24",
		HasPortRange: true, PortFrom: 22, PortTo: 22}, 0)
	if err != nil {
		panic(err)
	}
	for _, e := range a.Entries() {
		fmt.Println(e.Egress, e.RuleNumber, e.Action, e.Protocol, e.CIDR)
	}
	ssh := acl.Packet{Protocol: acl.ProtocolTCP, Port: 22, Addr: netip.MustParseAddr("203.0.113.9")}
	e, _ := a.Evaluate(ssh)
	fmt.Println("ssh from 203.0.113.9 decided by", e.RuleNumber, e.Action)
	_, err = a.CreateEntry(acl.EntrySpec{RuleNumber: 90, Action: "allow", Protocol: "-1", CIDRBlock: "0.0.0.0/0"}, 0)
	var ae *acl.Error
	if errors.As(err, &ae) {
		fmt.Println(ae.ErrorMessage())
	}
	// Output:
	// false 90 deny 6 203.0.113.0/24
	// false 100 allow -1 0.0.0.0/0
	// false 32767 deny -1 0.0.0.0/0
	// true 100 allow -1 0.0.0.0/0
	// true 32767 deny -1 0.0.0.0/0
	// ssh from 203.0.113.9 decided by 90 deny
	// The network acl entry identified by 90 already exists.
}
