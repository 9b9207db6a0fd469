package awsimport_test

import (
	"fmt"
	"testing/fstest"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/awsimport"
)

func ExampleBuild() {
	fsys := fstest.MapFS{
		"net/eu-west-1/describe-vpcs.json": {Data: []byte(`{"Vpcs": [
			{"VpcId": "vpc-0123456789abcdef0", "OwnerId": "111122223333", "CidrBlock": "10.0.0.0/16"}]}`)},
		"net/eu-west-1/describe-subnets.json": {Data: []byte(`{"Subnets": [
			{"SubnetId": "subnet-0123456789abcdef0", "VpcId": "vpc-0123456789abcdef0", "OwnerId": "111122223333",
			 "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1b"}]}`)},
	}
	srcs, err := awsimport.Load(fsys, []string{"net"}, "us-east-1")
	if err != nil {
		panic(err)
	}
	im, err := awsimport.Build(srcs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "111122223333")
	if err != nil {
		panic(err)
	}
	who, _ := im.Owner("vpc-0123456789abcdef0")
	d, err := im.Cloud.DescribeSubnets(who, vpcmodel.DescribeSubnetsInput{}, im.Now)
	if err != nil {
		panic(err)
	}
	s := d.Subnets[0]
	fmt.Println(who.Region, s.SubnetID, s.VPCID, s.AvailabilityZone, s.AvailableIPAddressCount)
	// Output: eu-west-1 subnet-0123456789abcdef0 vpc-0123456789abcdef0 eu-west-1b 251
}
