package vpcmodel_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
)

var writeFixture = flag.Bool("write-fixture", false, "write testdata/cloud-v<EncodingVersion>.stream from goldenCloud if it is missing")

// TestEncodingVersions reads the fixture of every encoding version,
// goldenCloud's Cloud as the writer of that version wrote it. Each reads,
// and what WriteTo then writes reads back to the same bytes. The current
// version's fixture is what WriteTo writes for it, byte for byte, so that
// it pins the encoding: a change to what WriteTo writes must come with a
// new EncodingVersion and its fixture (go test -run TestEncodingVersions
// -write-fixture), while the older fixtures stay as they are, so that
// ReadFrom keeps reading them. Fixtures of one and the same Cloud (listed
// in sameCloud; a later goldenCloud may hold more) answer every Describe
// alike.
func TestEncodingVersions(t *testing.T) {
	fixture := func(v int) string { return fmt.Sprintf("testdata/cloud-v%d.stream", v) }
	sameCloud := [][]int{{1, 2}}
	if *writeFixture {
		path := fixture(vpcmodel.EncodingVersion)
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%s exists (%v); fixtures are never rewritten", path, err)
		}
		c, _ := goldenCloud(t)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, d := goldenCloud(t)
	views, writes := map[int]string{}, map[int][]byte{}
	for v := 1; v <= vpcmodel.EncodingVersion; v++ {
		t.Run(fmt.Sprint("version ", v), func(t *testing.T) {
			stream, err := os.ReadFile(fixture(v))
			if err != nil {
				t.Fatalf("no fixture for encoding version %d (write it with -write-fixture): %v", v, err)
			}
			if !bytes.HasPrefix(stream, fmt.Appendf(nil, `{"format":"vpcmodel.Cloud","version":%d,`, v)) {
				t.Fatalf("%s is not of version %d", fixture(v), v)
			}
			read := func(stream []byte) (*vpcmodel.Cloud, []byte) {
				t.Helper()
				c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{}), CustomerDevicesConnect: true})
				if n, err := c.ReadFrom(bytes.NewReader(stream)); err != nil || n != int64(len(stream)) {
					t.Fatalf("ReadFrom = %d, %v; the stream has %d bytes", n, err, len(stream))
				}
				var out bytes.Buffer
				if _, err := c.WriteTo(&out); err != nil {
					t.Fatal(err)
				}
				return c, out.Bytes()
			}
			c, written := read(stream)
			if _, again := read(written); !bytes.Equal(again, written) {
				t.Fatalf("what WriteTo writes for %s reads back to other bytes:\n%s\n---\n%s", fixture(v), written, again)
			}
			if v == vpcmodel.EncodingVersion && !bytes.Equal(written, stream) {
				t.Fatalf("WriteTo writes other bytes than %s: a change of the encoding needs a new version\n%s\n---\n%s", fixture(v), written, stream)
			}
			writes[v] = written
			views[v] = d.views(c, d.now) // last, as a Describe completes what is in progress
		})
	}
	// The fixtures of one Cloud answer alike, and those of the current
	// fixture's Cloud are written as it is.
	for _, same := range sameCloud {
		current := slices.Contains(same, vpcmodel.EncodingVersion)
		for _, v := range same {
			if views[v] != views[same[0]] {
				t.Errorf("versions %d and %d of one Cloud answer differently:\n%s\n---\n%s", same[0], v, views[same[0]], views[v])
			}
			if current && !bytes.Equal(writes[v], writes[vpcmodel.EncodingVersion]) {
				t.Errorf("version %d is written otherwise than %s:\n%s\n---\n%s", v, fixture(vpcmodel.EncodingVersion), writes[v], writes[vpcmodel.EncodingVersion])
			}
		}
	}
}

// goldenCloud returns a Cloud made by a fixed sequence of actions that
// leaves one or more of every record the encoding holds: VPCs with a block
// association settled and one in progress, a VPC whose main route table
// is as CreateVpc made it and VPCs whose main tables are not, a changed
// default group, a group of its own, a network ACL with an entry and a
// subnet, internet and egress-only gateways, routes to a gateway, a
// peering connection and a VPN connection, route propagation, tags, a
// cross-account peering request still pending, and a deleted customer
// gateway still listed. The same calls draw the same IDs every time.
// It also returns a driver whose callers see all of it.
func goldenCloud(tb testing.TB) (*vpcmodel.Cloud, *driver) {
	tb.Helper()
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{'g', 'o', 'l', 'd'}), CustomerDevicesConnect: true})
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	bob := vpcmodel.Caller{Account: "222222222222", Region: "us-east-1"}
	now := benchEpoch
	must := func(_ any, err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	name := func(kind, n string) []vpcmodel.TagSpecification {
		return []vpcmodel.TagSpecification{{ResourceType: kind, Tags: []vpcmodel.Tag{{Key: "Name", Value: n}}}}
	}
	a, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16", TagSpecifications: name("vpc", "a")}, now)
	must(a, err)
	b, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, now)
	must(b, err)
	plain, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.2.0.0/16", TagSpecifications: name("vpc", "plain")}, now)
	must(plain, err)
	d, err := c.CreateVpc(bob, vpcmodel.CreateVpcInput{CIDRBlock: "10.5.0.0/16"}, now)
	must(d, err)
	va, vb, vd := a.VPC.VPCID, b.VPC.VPCID, d.VPC.VPCID
	must(c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: va, CIDRBlock: "10.3.0.0/16"}, now))
	must(c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{}, now)) // settles it
	must(c.ModifyVpcAttribute(alice, vpcmodel.ModifyVpcAttributeInput{VPCID: va, EnableDNSHostnames: vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: true})}, now))

	sgs, err := c.DescribeSecurityGroups(alice, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{va}}}}, now)
	must(sgs, err)
	https := []vpcmodel.IPPermission{{IPProtocol: "tcp", FromPort: vpcmodel.Some(443), ToPort: vpcmodel.Some(443), IPRanges: []vpcmodel.IPRange{{CIDRIP: "0.0.0.0/0"}}}}
	must(c.AuthorizeSecurityGroupIngress(alice, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: sgs.SecurityGroups[0].GroupID, IPPermissions: https}, now))
	web, err := c.CreateSecurityGroup(alice, vpcmodel.CreateSecurityGroupInput{VPCID: va, GroupName: "web", Description: "web servers", TagSpecifications: name("security-group", "web")}, now)
	must(web, err)
	must(c.AuthorizeSecurityGroupIngress(alice, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: web.GroupID, IPPermissions: https}, now))

	s, err := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: va, CIDRBlock: "10.0.1.0/24", TagSpecifications: name("subnet", "public")}, now)
	must(s, err)
	nacl, err := c.CreateNetworkAcl(alice, vpcmodel.CreateNetworkAclInput{VPCID: va}, now)
	must(nacl, err)
	must(c.CreateNetworkAclEntry(alice, vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: nacl.NetworkACL.NetworkACLID, RuleNumber: 100, Protocol: "6",
		RuleAction: "allow", CIDRBlock: "0.0.0.0/0", PortRange: vpcmodel.Some(vpcmodel.PortRange{From: 443, To: 443})}, now))
	acls, err := c.DescribeNetworkAcls(alice, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{{Name: "association.subnet-id", Values: []string{s.Subnet.SubnetID}}}}, now)
	must(acls, err)
	must(c.ReplaceNetworkAclAssociation(alice, vpcmodel.ReplaceNetworkAclAssociationInput{
		AssociationID: acls.NetworkACLs[0].Associations[0].NetworkACLAssociationID, NetworkACLID: nacl.NetworkACL.NetworkACLID}, now))

	igw, err := c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, now)
	must(igw, err)
	must(c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: igw.InternetGateway.InternetGatewayID, VPCID: va}, now))
	must(c.CreateEgressOnlyInternetGateway(alice, vpcmodel.CreateEgressOnlyInternetGatewayInput{VPCID: vb}, now))
	public, err := c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: va}, now)
	must(public, err)
	rtb := public.RouteTable.RouteTableID
	must(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"},
		RouteTarget: vpcmodel.RouteTarget{GatewayID: igw.InternetGateway.InternetGatewayID}}, now))
	must(c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: rtb, SubnetID: s.Subnet.SubnetID}, now))
	must(c.CreateTags(alice, vpcmodel.CreateTagsInput{ResourceIDs: []string{rtb}, Tags: []vpcmodel.Tag{{Key: "Name", Value: "public"}, {Key: "tier", Value: "web"}}}, now))

	pcx, err := c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: va, PeerVPCID: vb}, now)
	must(pcx, err)
	must(c.AcceptVpcPeeringConnection(alice, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx.VPCPeeringConnection.VPCPeeringConnectionID}, now))
	mainB, err := c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{{Name: "vpc-id", Values: []string{vb}}}}, now)
	must(mainB, err)
	must(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: mainB.RouteTables[0].RouteTableID, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "10.0.0.0/16"},
		RouteTarget: vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx.VPCPeeringConnection.VPCPeeringConnectionID}}, now))
	must(c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: plain.VPC.VPCID, PeerVPCID: vd, PeerOwnerID: bob.Account}, now))

	cgw, err := c.CreateCustomerGateway(alice, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000, IPAddress: "198.51.100.7"}, now)
	must(cgw, err)
	vgw, err := c.CreateVpnGateway(alice, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, now)
	must(vgw, err)
	must(c.AttachVpnGateway(alice, vpcmodel.AttachVpnGatewayInput{VPCID: va, VPNGatewayID: vgw.VPNGateway.VPNGatewayID}, now))
	vpnConn, err := c.CreateVpnConnection(alice, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cgw.CustomerGateway.CustomerGatewayID,
		VPNGatewayID: vgw.VPNGateway.VPNGatewayID, Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: true}}, now)
	must(vpnConn, err)
	now = now.Add(10 * time.Minute)
	must(c.DescribeVpnConnections(alice, vpcmodel.DescribeVpnConnectionsInput{}, now)) // available
	must(c.CreateVpnConnectionRoute(alice, vpcmodel.CreateVpnConnectionRouteInput{VPNConnectionID: vpnConn.VPNConnection.VPNConnectionID, DestinationCIDRBlock: "192.168.0.0/24"}, now))
	must(c.EnableVgwRoutePropagation(alice, vpcmodel.EnableVgwRoutePropagationInput{GatewayID: vgw.VPNGateway.VPNGatewayID, RouteTableID: rtb}, now))
	cgw2, err := c.CreateCustomerGateway(alice, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65001, IPAddress: "198.51.100.8"}, now)
	must(cgw2, err)
	must(c.DeleteCustomerGateway(alice, vpcmodel.DeleteCustomerGatewayInput{CustomerGatewayID: cgw2.CustomerGateway.CustomerGatewayID}, now))

	// Last, a block association still in progress.
	must(c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: vb, CIDRBlock: "10.4.0.0/16"}, now))
	return c, &driver{now: now, callers: []vpcmodel.Caller{alice, bob, {Account: alice.Account, Region: "eu-west-1"}}}
}
