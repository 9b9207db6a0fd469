package vpcmodel_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/vpclab/vpcmodel"
)

var (
	alice = vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	bob   = vpcmodel.Caller{Account: "222222222222", Region: "eu-west-1"}
	t0    = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
)

func ExampleNew() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	o, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	if err != nil {
		panic(err)
	}
	fmt.Println(o.VPC.State, o.VPC.CIDRBlock)

	// EC2 finishes creating the VPC by itself; the next call sees it.
	d, _ := c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{}, t0.Add(time.Second))
	fmt.Println(len(d.VPCs), d.VPCs[0].State)

	// Each account and Region sees only its own.
	d, _ = c.DescribeVpcs(bob, vpcmodel.DescribeVpcsInput{}, t0.Add(time.Second))
	fmt.Println(len(d.VPCs))
	// Output:
	// pending 10.0.0.0/16
	// 1 available
	// 0
}

func ExampleCloud_CreateVpcPeeringConnection() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	a, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	b, _ := c.CreateVpc(bob, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, t0)
	p, _ := c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{
		VPCID: a.VPC.VPCID, PeerVPCID: b.VPC.VPCID, PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	id := p.VPCPeeringConnection.VPCPeeringConnectionID
	fmt.Println(p.VPCPeeringConnection.Status.Code)

	// A week later, the unanswered request has expired.
	d, _ := c.DescribeVpcPeeringConnections(bob, vpcmodel.DescribeVpcPeeringConnectionsInput{
		VPCPeeringConnectionIDs: []string{id}}, t0.Add(7*24*time.Hour))
	fmt.Println(d.VPCPeeringConnections[0].Status.Code)

	_, err := c.AcceptVpcPeeringConnection(bob, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: id}, t0.Add(7*24*time.Hour))
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		fmt.Println(coded.ErrorCode())
	}
	// Output:
	// initiating-request
	// expired
	// InvalidStateTransition
}

func ExampleCloud_DescribeVpcs() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	for i := range 7 {
		_, _ = c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: fmt.Sprintf("10.%d.0.0/16", i),
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc", Tags: []vpcmodel.Tag{{Key: "Name", Value: fmt.Sprint("net-", i%2)}}}}}, t0)
	}
	in := vpcmodel.DescribeVpcsInput{Filters: []vpcmodel.Filter{{Name: "tag:Name", Values: []string{"net-0"}}},
		Page: vpcmodel.Page{MaxResults: vpcmodel.Some(5)}}
	for {
		o, err := c.DescribeVpcs(alice, in, t0)
		if err != nil {
			panic(err)
		}
		fmt.Println(len(o.VPCs), "on this page")
		if o.NextToken == "" {
			break
		}
		in.NextToken = o.NextToken
	}

	_, err := c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(3)}}, t0)
	fmt.Println(err)
	// Output:
	// 4 on this page
	// InvalidParameterValue: Value ( 3 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.
}
