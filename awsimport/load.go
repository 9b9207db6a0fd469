// Package awsimport builds a vpcmodel.Cloud from the JSON the AWS CLI
// prints for a real account's network: aws ec2 describe-vpcs,
// describe-subnets, describe-route-tables, describe-vpc-peering-connections,
// describe-network-acls, describe-security-groups,
// describe-network-interfaces, describe-internet-gateways,
// describe-nat-gateways, describe-vpn-connections and describe-vpn-gateways,
// one file each or a directory of them, for several accounts and Regions.
// The reach command (in the examples module) analyses the Cloud it builds;
// the emulator starts from it with -import. It reads files only through
// the fs.FS its caller hands it, and draws no randomness but a seeded
// stream, so the same files build the same Cloud.
//
// # Files
//
// Each file holds one or more of the CLI's top-level members (Vpcs,
// Subnets, RouteTables, ...); its name does not matter. A file's Region is
// the name of the nearest directory above it that is a Region's name
// (us-east-1, eu-west-2, ...), else the default Region. A resource's account
// is its OwnerId, or, for the shapes without one, the account of the VPC it
// is attached to.
//
// # What is built, and what is not
//
// Every VPC with its associated IPv4 blocks, subnets, internet gateways,
// NAT gateways (available or pending, with their primary addresses and,
// when public, an Elastic IP address for each), virtual private gateways and their VPN connections (static routes,
// tunnel status), security groups and their rules, network ACLs and their
// entries and associations, route tables with their associations, routes
// and propagating gateways, active peering connections, and network
// interfaces (their primary private address, groups, source/destination
// check, and a public address when they have one) are built through the
// Cloud's actions, so that every rule of the model holds. What the model
// does not hold is left out with a warning: routes to transit gateways,
// endpoints and other targets it lacks, NAT gateways that are not
// available or pending (and routes to them), IPv6 routes and entries,
// prefix-list destinations, interfaces managed by other services, peering
// connections that are not active.
//
// Resource IDs are kept where the Cloud can draw them (17-digit IDs, in
// the order it draws them); the [Import] maps every real ID to the model's
// and back, so that IDs the Cloud had to draw afresh (8-digit IDs, public
// addresses) still read as the real ones.
//
// Wrong or partial input is refused with an error that names the file and
// the field: a file that is not JSON, a member of the wrong type, a
// missing ID, a reference to a VPC, subnet or group no file holds.
package awsimport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Tag is a tag as the CLI prints it.
type Tag struct {
	Key, Value string
}

// VPC is an item of describe-vpcs' Vpcs.
type VPC struct {
	VpcId                   string
	OwnerId                 string
	CidrBlock               string
	CidrBlockAssociationSet []struct {
		AssociationId  string
		CidrBlock      string
		CidrBlockState struct{ State string }
	}
	InstanceTenancy string
	Tags            []Tag
}

// Subnet is an item of describe-subnets' Subnets.
type Subnet struct {
	SubnetId         string
	VpcId            string
	OwnerId          string
	CidrBlock        string
	AvailabilityZone string
	Tags             []Tag
}

// Route is a route of a route table.
type Route struct {
	DestinationCidrBlock        string
	DestinationIpv6CidrBlock    string
	DestinationPrefixListId     string
	GatewayId                   string
	NatGatewayId                string
	NetworkInterfaceId          string
	InstanceId                  string
	TransitGatewayId            string
	VpcPeeringConnectionId      string
	EgressOnlyInternetGatewayId string
	CarrierGatewayId            string
	LocalGatewayId              string
	CoreNetworkArn              string
	Origin                      string
	State                       string
}

// RouteTable is an item of describe-route-tables' RouteTables.
type RouteTable struct {
	RouteTableId string
	VpcId        string
	OwnerId      string
	Associations []struct {
		Main                    bool
		RouteTableAssociationId string
		SubnetId                string
		GatewayId               string
	}
	PropagatingVgws []struct{ GatewayId string }
	Routes          []Route
	Tags            []Tag
}

// PeeringVPC is one side of a peering connection.
type PeeringVPC struct {
	VpcId     string
	OwnerId   string
	Region    string
	CidrBlock string
}

// Peering is an item of describe-vpc-peering-connections'
// VpcPeeringConnections.
type Peering struct {
	VpcPeeringConnectionId string
	RequesterVpcInfo       PeeringVPC
	AccepterVpcInfo        PeeringVPC
	Status                 struct{ Code, Message string }
	Tags                   []Tag
}

// ACLEntry is an entry of a network ACL.
type ACLEntry struct {
	RuleNumber    int
	Protocol      string
	RuleAction    string
	Egress        bool
	CidrBlock     string
	Ipv6CidrBlock string
	PortRange     *struct{ From, To int }
	IcmpTypeCode  *struct{ Code, Type int }
}

// NetworkACL is an item of describe-network-acls' NetworkAcls.
type NetworkACL struct {
	NetworkAclId string
	VpcId        string
	OwnerId      string
	IsDefault    bool
	Entries      []ACLEntry
	Associations []struct {
		NetworkAclAssociationId string
		SubnetId                string
	}
	Tags []Tag
}

// Permission is an item of a security group's IpPermissions.
type Permission struct {
	IpProtocol string
	FromPort   *int
	ToPort     *int
	IpRanges   []struct {
		CidrIp      string
		Description string
	}
	Ipv6Ranges       []struct{ CidrIpv6 string }
	PrefixListIds    []struct{ PrefixListId string }
	UserIdGroupPairs []struct {
		GroupId     string
		UserId      string
		Description string
	}
}

// SecurityGroup is an item of describe-security-groups' SecurityGroups.
type SecurityGroup struct {
	GroupId             string
	GroupName           string
	Description         string
	VpcId               string
	OwnerId             string
	IpPermissions       []Permission
	IpPermissionsEgress []Permission
	Tags                []Tag
}

// NetworkInterface is an item of describe-network-interfaces'
// NetworkInterfaces.
type NetworkInterface struct {
	NetworkInterfaceId string
	SubnetId           string
	VpcId              string
	OwnerId            string
	PrivateIpAddress   string
	Description        string
	InterfaceType      string
	RequesterManaged   bool
	SourceDestCheck    *bool
	Groups             []struct{ GroupId string }
	Association        *struct{ PublicIp string }
	TagSet             []Tag
}

// InternetGateway is an item of describe-internet-gateways'
// InternetGateways.
type InternetGateway struct {
	InternetGatewayId string
	OwnerId           string
	Attachments       []struct{ State, VpcId string }
	Tags              []Tag
}

// NATGateway is an item of describe-nat-gateways' NatGateways: its
// subnet, connectivity and primary addresses.
type NATGateway struct {
	NatGatewayId        string
	SubnetId            string
	VpcId               string
	State               string
	ConnectivityType    string
	NatGatewayAddresses []struct {
		AllocationId, AssociationId, NetworkInterfaceId, PrivateIp, PublicIp string
		IsPrimary                                                            bool
	}
	Tags []Tag
}

// VPNGateway is an item of describe-vpn-gateways' VpnGateways.
type VPNGateway struct {
	VpnGatewayId   string
	State          string
	Type           string
	AmazonSideAsn  int64
	VpcAttachments []struct{ State, VpcId string }
	Tags           []Tag
}

// VPNConnection is an item of describe-vpn-connections' VpnConnections.
type VPNConnection struct {
	VpnConnectionId              string
	VpnGatewayId                 string
	TransitGatewayId             string
	CustomerGatewayId            string
	CustomerGatewayConfiguration string
	State                        string
	Type                         string
	Options                      struct{ StaticRoutesOnly bool }
	Routes                       []struct{ DestinationCidrBlock, State string }
	VgwTelemetry                 []struct{ OutsideIpAddress, Status string }
	Tags                         []Tag
}

// File is what one file holds: any of the CLI's top-level members.
type File struct {
	Vpcs                  []VPC
	Subnets               []Subnet
	RouteTables           []RouteTable
	VpcPeeringConnections []Peering
	NetworkAcls           []NetworkACL
	SecurityGroups        []SecurityGroup
	NetworkInterfaces     []NetworkInterface
	InternetGateways      []InternetGateway
	NatGateways           []NATGateway
	VpnGateways           []VPNGateway
	VpnConnections        []VPNConnection
}

// Source is one file read: its name, its Region, and what it holds.
type Source struct {
	Name   string
	Region string
	File
}

// Error is input Load or Build refuses: the file and the field, and why.
type Error struct {
	File  string // the file's name
	Field string // the field, as Vpcs[2].CidrBlock, or empty for the whole file
	Err   error
}

// Error returns "file: field: cause".
func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.File, e.Field, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

var regionName = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$`)

// Load reads, from fsys, the file named by each of paths, and every .json
// file under each that is a directory, in name order; paths are fs.FS
// paths ("." for the whole of fsys). defaultRegion is the Region of a file
// with no Region's name among the directories of its path. A program reads
// from the operating system's files with os.DirFS.
func Load(fsys fs.FS, paths []string, defaultRegion string) ([]Source, error) {
	var files []string
	for _, p := range paths {
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = fs.WalkDir(fsys, p, func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ".json") {
				files = append(files, name)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(files)
	files = slices.Compact(files)
	var out []Source
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		s, err := Parse(name, data, regionOf(name, defaultRegion))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// regionOf returns the Region the directories of a file's path name.
func regionOf(name, def string) string {
	for dir := path.Dir(name); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if regionName.MatchString(path.Base(dir)) {
			return path.Base(dir)
		}
	}
	return def
}

// Parse reads one file's JSON. Members the model does not use are ignored;
// a member of the wrong type is refused, naming it.
func Parse(name string, data []byte, region string) (Source, error) {
	s := Source{Name: name, Region: region}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return s, &Error{File: name, Err: fmt.Errorf("not the JSON of an aws ec2 describe command: %w", err)}
	}
	known := false
	for _, m := range []struct {
		name string
		dst  any
	}{{"Vpcs", &s.Vpcs}, {"Subnets", &s.Subnets}, {"RouteTables", &s.RouteTables}, {"VpcPeeringConnections", &s.VpcPeeringConnections},
		{"NetworkAcls", &s.NetworkAcls}, {"SecurityGroups", &s.SecurityGroups}, {"NetworkInterfaces", &s.NetworkInterfaces},
		{"InternetGateways", &s.InternetGateways}, {"NatGateways", &s.NatGateways}, {"VpnGateways", &s.VpnGateways},
		{"VpnConnections", &s.VpnConnections}} {
		raw, ok := top[m.name]
		if !ok {
			continue
		}
		known = true
		if err := json.Unmarshal(raw, m.dst); err != nil {
			return s, &Error{File: name, Field: m.name + fieldOf(err), Err: typeError(err)}
		}
	}
	if !known {
		return s, &Error{File: name, Err: errors.New("holds none of Vpcs, Subnets, RouteTables, VpcPeeringConnections, NetworkAcls, SecurityGroups, NetworkInterfaces, InternetGateways, NatGateways, VpnGateways, VpnConnections")}
	}
	return s, nil
}

// fieldOf returns the path of the field a JSON type error is about, as
// ".Field.Sub" (encoding/json does not say which list item).
func fieldOf(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return "[]." + te.Field
	}
	return ""
}

// typeError turns a JSON error into one that says what was wrong.
func typeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("a JSON %s where the CLI prints a %s", te.Value, te.Type)
	}
	return err
}
