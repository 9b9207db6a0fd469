package tgw_test

import (
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel/tgw"
)

// A transit gateway with its default route table, a VPC attachment that
// associates with and propagates to it, a static route, and a lookup.
func Example() {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	g, rt, err := tgw.New(tgw.Spec{ID: "tgw-0a1b2c3d4e5f60718", OwnerID: "111122223333", Region: "eu-west-1",
		Description: "hub", DefaultRouteTableID: "tgw-rtb-0a1b2c3d4e5f60718"}, now)
	if err != nil {
		panic(err)
	}
	g, rt = g.Settle(now), rt.Settle(now) // the next call finds both available
	fmt.Println(g.ARN(), g.Options().AmazonSideASN, g.Options().DNSSupport)

	a, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: "tgw-attach-0a1b2c3d4e5f60718", Gateway: g, OwnerID: "111122223333",
		ResourceType: tgw.ResourceVPC, ResourceID: "vpc-0a1b2c3d4e5f60718",
		Subnets: []tgw.Subnet{{ID: "subnet-0a1b2c3d4e5f60718", VPC: "vpc-0a1b2c3d4e5f60718", Zone: "eu-west-1a"}}}, nil, now)
	if err != nil {
		panic(err)
	}
	a = a.Settle(now)
	a, _ = a.Associate(rt)
	rt, _ = rt.EnablePropagation(a)
	rt, _ = rt.CreateRoute(netip.MustParsePrefix("0.0.0.0/0"), tgw.Attachment{}, true)

	routes := rt.Routes(map[string]tgw.Source{a.ID(): {Available: true, CIDRs: []netip.Prefix{netip.MustParsePrefix("10.10.0.0/16")}}})
	for _, r := range routes {
		fmt.Println(r.CIDR, r.Type, r.State, r.AttachmentIDs)
	}
	best, _ := tgw.Lookup(routes, netip.MustParseAddr("10.10.1.5"))
	fmt.Println("10.10.1.5 ->", best.AttachmentIDs)
	_, err = a.Associate(rt)
	var refused *tgw.Error
	if errors.As(err, &refused) {
		fmt.Println(refused.ErrorCode())
	}
	// Output:
	// arn:aws:ec2:eu-west-1:111122223333:transit-gateway/tgw-0a1b2c3d4e5f60718 64512 enable
	// 0.0.0.0/0 static blackhole []
	// 10.10.0.0/16 propagated active [tgw-attach-0a1b2c3d4e5f60718]
	// 10.10.1.5 -> [tgw-attach-0a1b2c3d4e5f60718]
	// Resource.AlreadyAssociated
}
