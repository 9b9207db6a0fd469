package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

var update = flag.Bool("update", false, "capture testdata/aws from the emulator and rewrite the golden answers")

// The captured network: VPC A (a web server with a public address, an
// internet gateway, a VPN to 192.168.0.0/16) peered with B (a database
// behind a network ACL that forgets the ephemeral ports), and B peered with
// C.
const account = "111111111111"

// capture builds the network in an emulator through the SDK and writes what
// each describe command answers, as the AWS CLI prints it, to dir.
func capture(t *testing.T, dir string) {
	t.Helper()
	srv := httptest.NewServer(ec2emu.New(ec2emu.Options{Random: rand.NewChaCha8([32]byte{'r', 'e', 'a', 'c', 'h'}),
		Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }, Log: log.New(io.Discard, "", 0)}))
	defer srv.Close()
	ctx := context.Background()
	c := ec2.New(ec2.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Retryer: aws.NopRetryer{},
		Credentials: credentials.NewStaticCredentialsProvider(account, "secret", "")})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tag := func(kind types.ResourceType, name string) []types.TagSpecification {
		return []types.TagSpecification{{ResourceType: kind, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
	}
	type net struct{ vpc, subnet, rtb, group, eni string }
	mk := func(name, block, subnet, ip string, ingress *types.IpPermission) net {
		v, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(block), TagSpecifications: tag(types.ResourceTypeVpc, name)})
		must(err)
		n := net{vpc: aws.ToString(v.Vpc.VpcId)}
		s, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &n.vpc, CidrBlock: aws.String(subnet), AvailabilityZone: aws.String("us-east-1a")})
		must(err)
		n.subnet = aws.ToString(s.Subnet.SubnetId)
		g, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{VpcId: &n.vpc, GroupName: aws.String(name), Description: aws.String(name)})
		must(err)
		n.group = aws.ToString(g.GroupId)
		if ingress != nil {
			_, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: g.GroupId, IpPermissions: []types.IpPermission{*ingress}})
			must(err)
		}
		e, err := c.CreateNetworkInterface(ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: &n.subnet, PrivateIpAddress: aws.String(ip),
			Groups: []string{n.group}, TagSpecifications: tag(types.ResourceTypeNetworkInterface, name)})
		must(err)
		n.eni = aws.ToString(e.NetworkInterface.NetworkInterfaceId)
		rt, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{n.vpc}}}})
		must(err)
		n.rtb = aws.ToString(rt.RouteTables[0].RouteTableId)
		return n
	}
	route := func(rtb, dest string, in ec2.CreateRouteInput) {
		in.RouteTableId, in.DestinationCidrBlock = &rtb, &dest
		_, err := c.CreateRoute(ctx, &in)
		must(err)
	}
	peer := func(a, b net) *string {
		p, err := c.CreateVpcPeeringConnection(ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a.vpc, PeerVpcId: &b.vpc})
		must(err)
		_, err = c.AcceptVpcPeeringConnection(ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: p.VpcPeeringConnection.VpcPeeringConnectionId})
		must(err)
		return p.VpcPeeringConnection.VpcPeeringConnectionId
	}
	web := mk("web", "10.0.0.0/16", "10.0.1.0/24", "10.0.1.10", nil)
	db := mk("db", "10.1.0.0/16", "10.1.1.0/24", "10.1.1.20", &types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
		IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}})
	far := mk("far", "10.2.0.0/16", "10.2.1.0/24", "10.2.1.30", &types.IpPermission{IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}})
	_, err := c.ModifyNetworkInterfaceAttribute(ctx, &ec2.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceId: &web.eni, AssociatePublicIpAddress: aws.Bool(true)})
	must(err)
	igw, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	must(err)
	_, err = c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: igw.InternetGateway.InternetGatewayId, VpcId: &web.vpc})
	must(err)
	route(web.rtb, "0.0.0.0/0", ec2.CreateRouteInput{GatewayId: igw.InternetGateway.InternetGatewayId})
	ab, bc := peer(web, db), peer(db, far)
	route(web.rtb, "10.1.0.0/16", ec2.CreateRouteInput{VpcPeeringConnectionId: ab})
	route(web.rtb, "10.2.0.0/16", ec2.CreateRouteInput{VpcPeeringConnectionId: ab})
	route(db.rtb, "10.0.0.0/16", ec2.CreateRouteInput{VpcPeeringConnectionId: ab})
	route(db.rtb, "10.2.0.0/16", ec2.CreateRouteInput{VpcPeeringConnectionId: bc})
	route(far.rtb, "10.1.0.0/16", ec2.CreateRouteInput{VpcPeeringConnectionId: bc})
	acl, err := c.CreateNetworkAcl(ctx, &ec2.CreateNetworkAclInput{VpcId: &db.vpc})
	must(err)
	for _, egress := range []bool{false, true} {
		_, err := c.CreateNetworkAclEntry(ctx, &ec2.CreateNetworkAclEntryInput{NetworkAclId: acl.NetworkAcl.NetworkAclId, RuleNumber: aws.Int32(100),
			Protocol: aws.String("6"), RuleAction: types.RuleActionAllow, Egress: aws.Bool(egress), CidrBlock: aws.String("10.0.0.0/16"),
			PortRange: &types.PortRange{From: aws.Int32(5432), To: aws.Int32(5432)}})
		must(err)
	}
	d, err := c.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{Filters: []types.Filter{{Name: aws.String("association.subnet-id"), Values: []string{db.subnet}}}})
	must(err)
	for _, a := range d.NetworkAcls[0].Associations {
		if aws.ToString(a.SubnetId) == db.subnet {
			_, err := c.ReplaceNetworkAclAssociation(ctx, &ec2.ReplaceNetworkAclAssociationInput{AssociationId: a.NetworkAclAssociationId, NetworkAclId: acl.NetworkAcl.NetworkAclId})
			must(err)
		}
	}
	cg, err := c.CreateCustomerGateway(ctx, &ec2.CreateCustomerGatewayInput{Type: types.GatewayTypeIpsec1, BgpAsn: aws.Int32(65000), IpAddress: aws.String("198.51.100.7")})
	must(err)
	vg, err := c.CreateVpnGateway(ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})
	must(err)
	_, err = c.AttachVpnGateway(ctx, &ec2.AttachVpnGatewayInput{VpcId: &web.vpc, VpnGatewayId: vg.VpnGateway.VpnGatewayId})
	must(err)
	vpn, err := c.CreateVpnConnection(ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: cg.CustomerGateway.CustomerGatewayId,
		VpnGatewayId: vg.VpnGateway.VpnGatewayId, Options: &types.VpnConnectionOptionsSpecification{StaticRoutesOnly: aws.Bool(true)}})
	must(err)
	_, err = c.CreateVpnConnectionRoute(ctx, &ec2.CreateVpnConnectionRouteInput{VpnConnectionId: vpn.VpnConnection.VpnConnectionId, DestinationCidrBlock: aws.String("192.168.0.0/16")})
	must(err)
	route(web.rtb, "192.168.0.0/16", ec2.CreateRouteInput{GatewayId: vg.VpnGateway.VpnGatewayId})
	// A private subnet of web's VPC, with an interface without a public
	// address, whose table sends the internet to a NAT gateway in web's
	// subnet.
	app, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &web.vpc, CidrBlock: aws.String("10.0.2.0/24"), AvailabilityZone: aws.String("us-east-1a")})
	must(err)
	_, err = c.CreateNetworkInterface(ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: app.Subnet.SubnetId, PrivateIpAddress: aws.String("10.0.2.10"),
		Groups: []string{web.group}, TagSpecifications: tag(types.ResourceTypeNetworkInterface, "app")})
	must(err)
	eip, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	must(err)
	nat, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: &web.subnet, AllocationId: eip.AllocationId})
	must(err)
	appRtb, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &web.vpc})
	must(err)
	_, err = c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: appRtb.RouteTable.RouteTableId, SubnetId: app.Subnet.SubnetId})
	must(err)
	route(aws.ToString(appRtb.RouteTable.RouteTableId), "0.0.0.0/0", ec2.CreateRouteInput{NatGatewayId: nat.NatGateway.NatGatewayId})

	write := func(name string, out any) {
		t.Helper()
		b, err := cliJSON(out)
		must(err)
		must(os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	must(os.MkdirAll(dir, 0o755))
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	must(err)
	write("describe-vpcs.json", vpcs)
	subnets, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	must(err)
	write("describe-subnets.json", subnets)
	rts, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{})
	must(err)
	write("describe-route-tables.json", rts)
	pcxs, err := c.DescribeVpcPeeringConnections(ctx, &ec2.DescribeVpcPeeringConnectionsInput{})
	must(err)
	write("describe-vpc-peering-connections.json", pcxs)
	acls, err := c.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{})
	must(err)
	write("describe-network-acls.json", acls)
	sgs, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{})
	must(err)
	write("describe-security-groups.json", sgs)
	enis, err := c.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{})
	must(err)
	write("describe-network-interfaces.json", enis)
	igws, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{})
	must(err)
	write("describe-internet-gateways.json", igws)
	vgws, err := c.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{})
	must(err)
	write("describe-vpn-gateways.json", vgws)
	vpns, err := c.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{})
	must(err)
	write("describe-vpn-connections.json", vpns)
	nats, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{})
	must(err)
	write("describe-nat-gateways.json", nats)
}

// cliJSON prints an SDK output as the AWS CLI does: the service's members
// by their names, absent ones left out, indented by four spaces.
func cliJSON(out any) ([]byte, error) {
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	v = dropNulls(v)
	delete(v.(map[string]any), "ResultMetadata")
	return json.MarshalIndent(v, "", "    ")
}

func dropNulls(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = dropNulls(e)
		}
	case []any:
		for i, e := range x {
			x[i] = dropNulls(e)
		}
	}
	return v
}

// ids returns the IDs the captured files hold, by the Name of what they
// tag and the kind of resource.
func ids(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	var f struct {
		NetworkInterfaces []struct {
			NetworkInterfaceId string
			TagSet             []struct{ Key, Value string }
		}
		InternetGateways []struct{ InternetGatewayId string }
		VpnGateways      []struct{ VpnGatewayId string }
	}
	for _, name := range []string{"describe-network-interfaces.json", "describe-internet-gateways.json", "describe-vpn-gateways.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range f.NetworkInterfaces {
		if len(e.TagSet) > 0 { // a NAT gateway's own interface has none
			out[e.TagSet[0].Value] = e.NetworkInterfaceId
		}
	}
	out["igw"], out["vgw"] = f.InternetGateways[0].InternetGatewayId, f.VpnGateways[0].VpnGatewayId
	return out
}

// TestGolden imports the captured JSON and asks the questions below; each
// answer, and the exit status, must be its golden file's. go test -update
// captures the JSON again from the emulator and rewrites the answers.
func TestGolden(t *testing.T) {
	dir := filepath.Join("testdata", "aws", "us-east-1")
	if *update {
		capture(t, dir)
	}
	id := ids(t, dir)
	for _, tt := range []struct {
		name string
		args []string
		code int
	}{
		{"web-to-db-acl-forgets-ephemeral-ports", []string{"-from", id["web"], "-to", id["db"], "-protocol", "tcp", "-port", "5432"}, 1},
		{"web-to-far-transitive", []string{"-from", id["web"], "-to", id["far"], "-port", "22"}, 1},
		{"web-to-internet", []string{"-from", id["web"], "-to", id["igw"] + "@8.8.8.8", "-protocol", "tcp", "-port", "443"}, 0},
		{"web-to-on-premises", []string{"-from", id["web"], "-to", id["vgw"] + "@192.168.1.1", "-protocol", "tcp", "-port", "22"}, 0},
		{"internet-to-web", []string{"-from", id["igw"] + "@203.0.113.9", "-to", id["web"], "-protocol", "tcp", "-port", "22"}, 1},
		{"far-to-db", []string{"-from", id["far"], "-to", id["db"], "-protocol", "tcp", "-port", "5432"}, 1},
		{"app-to-internet-through-nat", []string{"-from", id["app"], "-to", id["igw"] + "@8.8.8.8", "-protocol", "tcp", "-port", "443"}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			code := run(append(tt.args, filepath.Join("testdata", "aws")), &out, &errs)
			if code != tt.code {
				t.Fatalf("exit status %d, want %d; stderr:\n%s\nstdout:\n%s", code, tt.code, errs.String(), out.String())
			}
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), out.String()); diff != "" {
				t.Fatalf("answer mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBadInput checks that wrong or partial input is refused with the file
// and the field named.
func TestBadInput(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "aws", "us-east-1", "describe-vpcs.json"))
	if err != nil {
		t.Fatal(err)
	}
	subnets, err := os.ReadFile(filepath.Join("testdata", "aws", "us-east-1", "describe-subnets.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  []string // in stderr
	}{
		{"not JSON", map[string]string{"vpcs.json": "Vpcs: none"}, []string{"vpcs.json", "not the JSON"}},
		{"nothing known", map[string]string{"x.json": `{"Reservations": []}`}, []string{"x.json", "holds none of"}},
		{"a number for a string", map[string]string{"vpcs.json": `{"Vpcs": [{"VpcId": 7}]}`}, []string{"vpcs.json", "Vpcs[].VpcId", "a JSON number"}},
		{"no block", map[string]string{"vpcs.json": `{"Vpcs": [{"VpcId": "vpc-0123456789abcdef0", "OwnerId": "111111111111"}]}`}, []string{"vpcs.json", "Vpcs[0].CidrBlock", "missing"}},
		{"a subnet without its VPC", map[string]string{"subnets.json": string(subnets)}, []string{"subnets.json", "Subnets[0].VpcId", "in no file's Vpcs"}},
		{"a block out of range", map[string]string{"vpcs.json": strings.Replace(string(good), `"CidrBlock": "10.0.0.0/16"`, `"CidrBlock": "10.0.0.0/8"`, 1)},
			[]string{"vpcs.json", "Vpcs[", "CidrBlock"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var out, errs bytes.Buffer
			if code := run([]string{"-from", "eni-0123456789abcdef0", "-to", "8.8.8.8", dir}, &out, &errs); code != 2 {
				t.Fatalf("exit status %d, want 2; stderr %s", code, errs.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(errs.String(), w) {
					t.Fatalf("stderr %q does not say %q", errs.String(), w)
				}
			}
		})
	}
}
