package subnetgroup_test

import (
	"errors"
	"fmt"

	"github.com/vpclab/vpcmodel/subnetgroup"
)

// A DB subnet group needs subnets in two Availability Zones; a cache
// subnet group takes one subnet.
func ExampleCreate() {
	subnets := map[string]subnetgroup.Subnet{
		"subnet-0000000a": {ID: "subnet-0000000a", VPCID: "vpc-00000001", Zone: "eu-west-1a"},
		"subnet-0000000b": {ID: "subnet-0000000b", VPCID: "vpc-00000001", Zone: "eu-west-1b"},
	}
	lookup := func(id string) (subnetgroup.Subnet, bool) { s, ok := subnets[id]; return s, ok }

	_, err := subnetgroup.Create(subnetgroup.Spec{Service: subnetgroup.RDS, OwnerID: "111122223333", Region: "eu-west-1",
		Name: "Orders", Description: "orders", SubnetIDs: []string{"subnet-0000000a"}}, lookup)
	var e *subnetgroup.Error
	if errors.As(err, &e) {
		fmt.Println(e.ErrorCode())
	}

	db, _ := subnetgroup.Create(subnetgroup.Spec{Service: subnetgroup.RDS, OwnerID: "111122223333", Region: "eu-west-1",
		Name: "Orders", Description: "orders", SubnetIDs: []string{"subnet-0000000b", "subnet-0000000a"}}, lookup)
	fmt.Println(db.Name(), db.VPCID(), len(db.Subnets()), db.NetworkTypes())
	fmt.Println(db.ARN())

	cache, _ := subnetgroup.Create(subnetgroup.Spec{Service: subnetgroup.ElastiCache, OwnerID: "111122223333", Region: "eu-west-1",
		Name: "sessions", Description: "sessions", SubnetIDs: []string{"subnet-0000000a"}}, lookup)
	fmt.Println(cache.ARN(), cache.NetworkTypes())
	// Output:
	// DBSubnetGroupDoesNotCoverEnoughAZs
	// orders vpc-00000001 2 [IPV4]
	// arn:aws:rds:eu-west-1:111122223333:subgrp:orders
	// arn:aws:elasticache:eu-west-1:111122223333:subnetgroup:sessions [ipv4]
}

// Each service spells its refusals its own way; the rules say how.
func ExampleRules() {
	for _, svc := range subnetgroup.Service("").Values() {
		r := svc.Rules()
		fmt.Printf("%s: %s, %s, at least %d zone(s)\n", svc, r.Codes.AlreadyExists, r.Codes.UnknownSubnet, r.MinZones)
	}
	// Output:
	// rds: DBSubnetGroupAlreadyExists, InvalidParameterValue, at least 2 zone(s)
	// elasticache: CacheSubnetGroupAlreadyExists, InvalidParameterValue, at least 1 zone(s)
	// redshift: ClusterSubnetGroupAlreadyExists, InvalidSubnet, at least 1 zone(s)
}

// A group's ARN names its service, Region, owner and name.
func ExampleRules_ParseARN() {
	a, err := subnetgroup.RDS.Rules().ParseARN("arn:aws:rds:us-east-1:111122223333:subgrp:orders")
	fmt.Println(a.Account, a.Region, a.Name, err)
	_, err = subnetgroup.ElastiCache.Rules().ParseARN("orders")
	fmt.Println(err)
	// Output:
	// 111122223333 us-east-1 orders <nil>
	// subnetgroup: elasticache arn "orders": malformed arn
}
