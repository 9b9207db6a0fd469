package vpcmodel

import (
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// The Cloud places no network interfaces: it launches no instances and its
// gateways keep theirs out of sight. DescribeNetworkInterfaces answers that
// truthfully, so that clients which look for lingering interfaces before
// deleting a subnet or a group (the Terraform provider does, with a
// subnet-id or group-id filter) find none.

// NetworkInterface is a network interface as DescribeNetworkInterfaces
// shows it.
type NetworkInterface struct {
	NetworkInterfaceID string `ec2:"NetworkInterfaceId"`
	SubnetID           string `ec2:"SubnetId"`
	VPCID              string `ec2:"VpcId"`
	OwnerID            string `ec2:"OwnerId"`
	Status             string `ec2:"Status"`
	InterfaceType      string `ec2:"InterfaceType"`
	PrivateIPAddress   string `ec2:"PrivateIpAddress"`
	Tags               []Tag  `ec2:"TagSet"`
}

// DescribeNetworkInterfacesInput is the input of
// [Cloud.DescribeNetworkInterfaces].
type DescribeNetworkInterfacesInput struct {
	NetworkInterfaceIDs []string `ec2:"NetworkInterfaceId"`
	Filters             []Filter `ec2:"Filter"`
	Page
}

// DescribeNetworkInterfacesOutput is the output of
// [Cloud.DescribeNetworkInterfaces].
type DescribeNetworkInterfacesOutput struct {
	NetworkInterfaces []NetworkInterface `ec2:"NetworkInterfaceSet"`
	NextToken         string             `ec2:"NextToken,omitempty"`
}

var eniPage = pageLimits{min: 5, max: 1000, idsParam: "NetworkInterfaceIds", token: ec2.NetworkInterface.IsID}

// eniFilters are the filters DescribeNetworkInterfaces accepts. With no
// interface to match they are only checked by name.
var eniFilters = func() filterFuncs[NetworkInterface] {
	f := filterFuncs[NetworkInterface]{}
	for _, name := range []string{"network-interface-id", "subnet-id", "vpc-id", "owner-id", "status", "interface-type",
		"description", "group-id", "group-name", "availability-zone", "private-ip-address", "addresses.private-ip-address",
		"ipv6-addresses.ipv6-address", "requester-id", "requester-managed", "attachment.instance-id", "attachment.status",
		"attachment.attachment-id", "mac-address", "source-dest-check"} {
		f[name] = func(NetworkInterface) []string { return nil }
	}
	return f
}()

func (c *Cloud) describeNetworkInterfaces(k *call, in *DescribeNetworkInterfacesInput) (*DescribeNetworkInterfacesOutput, error) {
	if err := in.Page.check(eniPage, len(in.NetworkInterfaceIDs) > 0); err != nil {
		return nil, err
	}
	if _, err := compileFilters(in.Filters, eniFilters, func(NetworkInterface) tag.Set { return tag.Set{} }); err != nil {
		return nil, err
	}
	for _, id := range in.NetworkInterfaceIDs {
		if err := ec2.NetworkInterface.ParseID(id); err != nil {
			return nil, err
		}
	}
	if len(in.NetworkInterfaceIDs) > 0 { // well-formed, and none exists
		return nil, ec2.NetworkInterface.NotFoundError(in.NetworkInterfaceIDs[0], nil)
	}
	return &DescribeNetworkInterfacesOutput{}, nil
}
