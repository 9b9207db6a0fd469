package vpcmodel_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/vpclab/vpcmodel"
)

// A DB subnet group takes subnets of one VPC in two Availability Zones.
func ExampleCloud_RDS() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	v, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	a, _ := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a"}, t0)
	b, _ := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.2.0/24", AvailabilityZone: "us-east-1b"}, t0)

	_, err := c.RDS().CreateDBSubnetGroup(alice, vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "Orders",
		DBSubnetGroupDescription: "orders", SubnetIDs: []string{a.Subnet.SubnetID}}, t0)
	fmt.Println(err.(interface{ ErrorCode() string }).ErrorCode())

	o, err := c.RDS().CreateDBSubnetGroup(alice, vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "Orders",
		DBSubnetGroupDescription: "orders", SubnetIDs: []string{a.Subnet.SubnetID, b.Subnet.SubnetID}}, t0)
	g := o.DBSubnetGroup
	fmt.Println(g.DBSubnetGroupName, g.SubnetGroupStatus, len(g.Subnets), g.SupportedNetworkTypes, err)
	fmt.Println(g.DBSubnetGroupARN)
	// Output:
	// DBSubnetGroupDoesNotCoverEnoughAZs
	// orders Complete 2 [IPV4] <nil>
	// arn:aws:rds:us-east-1:111111111111:subgrp:orders
}

// A cache subnet group may hold one subnet, and its tags are set by ARN.
func ExampleCloud_ElastiCache() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	v, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	s, _ := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.1.0/24"}, t0)
	o, _ := c.ElastiCache().CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{CacheSubnetGroupName: "sessions",
		CacheSubnetGroupDescription: "sessions", SubnetIDs: []string{s.Subnet.SubnetID}}, t0)
	tags, _ := c.ElastiCache().AddTagsToResource(alice, vpcmodel.AddTagsToResourceInput{ResourceName: o.CacheSubnetGroup.ARN,
		Tags: []vpcmodel.Tag{{Key: "team", Value: "web"}}}, t0)
	fmt.Println(o.CacheSubnetGroup.ARN, tags.TagList)
	// Output:
	// arn:aws:elasticache:us-east-1:111111111111:subnetgroup:sessions [{team web}]
}

// Redshift answers a group's tags with the group.
func ExampleCloud_Redshift() {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	v, _ := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	s, _ := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.1.0/24"}, t0)
	_, _ = c.Redshift().CreateClusterSubnetGroup(alice, vpcmodel.CreateClusterSubnetGroupInput{ClusterSubnetGroupName: "dw",
		Description: "warehouse", SubnetIDs: []string{s.Subnet.SubnetID}, Tags: []vpcmodel.Tag{{Key: "team", Value: "bi"}}}, t0)
	d, _ := c.Redshift().DescribeClusterSubnetGroups(alice, vpcmodel.DescribeClusterSubnetGroupsInput{ClusterSubnetGroupName: "DW"}, t0)
	g := d.ClusterSubnetGroups[0]
	fmt.Println(g.ClusterSubnetGroupName, g.Description, g.Tags, g.SupportedClusterIPAddressTypes)
	// Output:
	// dw warehouse [{team bi}] [ipv4]
}
