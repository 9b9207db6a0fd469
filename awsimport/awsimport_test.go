package awsimport_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/awsimport"
	"github.com/vpclab/vpcmodel/reach"
)

// data is JSON captured from the emulator (the reach command's test data).
var data = filepath.Join("testdata", "aws")

// TestBuildKeepsIDs imports the reach command's test data: every 17-digit
// ID is kept, so nothing needs mapping, and every resource's account is
// known.
func TestBuildKeepsIDs(t *testing.T) {
	srcs, err := awsimport.Load(os.DirFS("testdata"), []string{"aws"}, "eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if s.Region != "us-east-1" {
			t.Fatalf("%s: Region %s, want us-east-1 (its directory's name)", s.Name, s.Region)
		}
	}
	im, err := awsimport.Build(srcs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "000000000000")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		for _, v := range s.Vpcs {
			if im.Model(v.VpcId) != v.VpcId {
				t.Errorf("VPC %s is %s in the model", v.VpcId, im.Model(v.VpcId))
			}
			if who, ok := im.Owner(v.VpcId); !ok || who.Account != v.OwnerId || who.Region != "us-east-1" {
				t.Errorf("owner of %s = %v, %v", v.VpcId, who, ok)
			}
		}
		for _, n := range s.NetworkInterfaces {
			if im.Model(n.NetworkInterfaceId) != n.NetworkInterfaceId {
				t.Errorf("interface %s is %s in the model", n.NetworkInterfaceId, im.Model(n.NetworkInterfaceId))
			}
			if n.Association != nil && im.Replacer().Replace(im.Model(n.Association.PublicIp)) != n.Association.PublicIp {
				t.Errorf("public address %s does not read back", n.Association.PublicIp)
			}
		}
	}
}

// TestBuildMapsShortIDs imports a VPC with an 8-digit ID, which the Cloud
// cannot draw: the model's ID differs and maps back.
func TestBuildMapsShortIDs(t *testing.T) {
	s, err := awsimport.Parse("vpcs.json", []byte(`{"Vpcs": [{"VpcId": "vpc-1a2b3c4d", "OwnerId": "111111111111", "CidrBlock": "10.0.0.0/16"}]}`), "us-west-2")
	if err != nil {
		t.Fatal(err)
	}
	im, err := awsimport.Build([]awsimport.Source{s}, time.Now(), "000000000000")
	if err != nil {
		t.Fatal(err)
	}
	m := im.Model("vpc-1a2b3c4d")
	if m == "vpc-1a2b3c4d" || im.Real(m) != "vpc-1a2b3c4d" || im.Replacer().Replace("to "+m) != "to vpc-1a2b3c4d" {
		t.Fatalf("Model = %s, Real = %s", m, im.Real(m))
	}
}

// TestLoadErrors checks what Load refuses.
func TestLoadErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"net/us-east-2/x.json": {Data: []byte(`{"Subnets": {"SubnetId": "x"}}`)},
		"net/readme.txt":       {Data: []byte("not read")},
		"other/vpcs.json":      {Data: []byte(`{"Vpcs": []}`)},
	}
	_, err := awsimport.Load(fsys, []string{"net"}, "us-east-1")
	var e *awsimport.Error
	if !errors.As(err, &e) || e.File != "net/us-east-2/x.json" || e.Field != "Subnets" || !strings.Contains(err.Error(), "a JSON object where the CLI prints a") {
		t.Fatalf("Load = %v", err)
	}
	if _, err := awsimport.Load(fsys, []string{"missing"}, "us-east-1"); err == nil {
		t.Fatal("Load of a missing path succeeded")
	}
	srcs, err := awsimport.Load(fsys, []string{"other/vpcs.json", "other"}, "sa-east-1")
	if err != nil || len(srcs) != 1 || srcs[0].Region != "sa-east-1" {
		t.Fatalf("Load of a file named twice = %+v, %v", srcs, err)
	}
}

// FuzzParse checks that no input makes Parse or Build panic, and that a
// refusal names its file.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"describe-vpcs.json", "describe-route-tables.json", "describe-security-groups.json", "describe-network-acls.json"} {
		b, err := os.ReadFile(filepath.Join(data, "us-east-1", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"Vpcs": [{"VpcId": "vpc-1a2b3c4d", "OwnerId": "111111111111", "CidrBlock": "10.0.0.0/16"}], "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1a2b3c4d", "CidrBlock": "10.0.1.0/24"}]}`))
	f.Add([]byte(`{"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-2"}]}`))
	f.Add([]byte(natNetwork))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := awsimport.Parse("f.json", data, "us-east-1")
		if err != nil {
			var e *awsimport.Error
			if !errors.As(err, &e) || e.File != "f.json" {
				t.Fatalf("Parse error %v does not name its file", err)
			}
			return
		}
		if _, err := awsimport.Build([]awsimport.Source{s}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "000000000000"); err != nil {
			var e *awsimport.Error
			if !errors.As(err, &e) || e.File != "f.json" {
				t.Fatalf("Build error %v does not name its file", err)
			}
		}
	})
}

// natNetwork is a VPC whose private subnet sends the internet to a public
// NAT gateway in its public subnet, whose own table sends it to the
// internet gateway, as the CLI prints them (the gateway's own interface
// included).
const natNetwork = `{
 "Vpcs": [{"VpcId": "vpc-0a000000000000001", "OwnerId": "111111111111", "CidrBlock": "10.0.0.0/16"}],
 "Subnets": [{"SubnetId": "subnet-0a000000000000001", "VpcId": "vpc-0a000000000000001", "CidrBlock": "10.0.0.0/24"},
             {"SubnetId": "subnet-0a000000000000002", "VpcId": "vpc-0a000000000000001", "CidrBlock": "10.0.1.0/24"}],
 "InternetGateways": [{"InternetGatewayId": "igw-0a000000000000001", "OwnerId": "111111111111", "Attachments": [{"State": "available", "VpcId": "vpc-0a000000000000001"}]}],
 "NatGateways": [{"NatGatewayId": "nat-0a000000000000001", "SubnetId": "subnet-0a000000000000001", "VpcId": "vpc-0a000000000000001",
   "State": "available", "ConnectivityType": "public", "NatGatewayAddresses": [{"AllocationId": "eipalloc-0a000000000000001",
   "NetworkInterfaceId": "eni-0a000000000000009", "PrivateIp": "10.0.0.9", "PublicIp": "3.208.0.9", "AssociationId": "eipassoc-0a000000000000001", "IsPrimary": true}]},
  {"NatGatewayId": "nat-0a000000000000002", "SubnetId": "subnet-0a000000000000001", "VpcId": "vpc-0a000000000000001", "State": "deleted"}],
 "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0a000000000000009", "SubnetId": "subnet-0a000000000000001", "PrivateIpAddress": "10.0.0.9",
   "InterfaceType": "nat_gateway", "RequesterManaged": true},
  {"NetworkInterfaceId": "eni-0a000000000000001", "SubnetId": "subnet-0a000000000000002", "PrivateIpAddress": "10.0.1.10"}],
 "RouteTables": [
  {"RouteTableId": "rtb-0a000000000000001", "VpcId": "vpc-0a000000000000001", "Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-0a000000000000001"}],
   "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable"},
              {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a000000000000001", "Origin": "CreateRoute"},
              {"DestinationCidrBlock": "8.8.8.0/24", "NatGatewayId": "nat-0a000000000000002", "Origin": "CreateRoute", "State": "blackhole"}]},
  {"RouteTableId": "rtb-0a000000000000002", "VpcId": "vpc-0a000000000000001", "Associations": [{"SubnetId": "subnet-0a000000000000001", "RouteTableAssociationId": "rtbassoc-0a000000000000002"}],
   "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0a000000000000001", "Origin": "CreateRoute"}]}]
}`

// TestBuildNATGateway imports a NAT gateway and the routes to it: the
// offline analysis follows the private subnet's traffic through it to the
// internet; a deleted gateway and its route are left out with warnings.
func TestBuildNATGateway(t *testing.T) {
	s, err := awsimport.Parse("net.json", []byte(natNetwork), "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	im, err := awsimport.Build([]awsimport.Source{s}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "000000000000")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"nat-0a000000000000001", "eni-0a000000000000009", "eipalloc-0a000000000000001"} {
		if im.Model(id) != id {
			t.Errorf("%s is %s in the model", id, im.Model(id))
		}
	}
	if w := strings.Join(im.Warnings, "\n"); !strings.Contains(w, "nat-0a000000000000002 is deleted") || !strings.Contains(w, "8.8.8.0/24 via nat-0a000000000000002") ||
		strings.Contains(w, "eni-0a000000000000009") {
		t.Errorf("warnings:\n%s", w)
	}
	who := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	r, err := im.Cloud.Reach(who, reach.Query{Source: reach.Endpoint{ID: "eni-0a000000000000001"}, Destination: reach.Endpoint{ID: "igw-0a000000000000001"},
		Protocol: reach.TCP, DestinationPorts: reach.PortRange{From: 443, To: 443}}, im.Now)
	if err != nil || !r.Found || !slices.ContainsFunc(r.Forward, func(h reach.Hop) bool { return h.ID == "nat-0a000000000000001" }) {
		t.Fatalf("through the NAT gateway: %v, %v", r, err)
	}
	d, err := im.Cloud.DescribeNetworkInterfaces(who, vpcmodel.DescribeNetworkInterfacesInput{NetworkInterfaceIDs: []string{"eni-0a000000000000009"}}, im.Now)
	if err != nil || d.NetworkInterfaces[0].PrivateIPAddress != "10.0.0.9" || !d.NetworkInterfaces[0].RequesterManaged {
		t.Fatalf("the gateway's interface: %+v, %v", d, err)
	}
}
