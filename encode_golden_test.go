package vpcmodel_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/netip"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
)

var writeFixture = flag.Bool("write-fixture", false, "write testdata/cloud-v<EncodingVersion>.stream from goldenCloud if it is missing (with the first version, testdata/cloud-v1.stream)")

// TestEncodingVersions reads every fixture in testdata, each goldenCloud's
// Cloud as the writer of one encoding version wrote it: the first
// version's writer wrote it more than once, as the Cloud gained kinds and
// fields (cloud-v1.stream, then cloud-v1-late.stream with every kind
// version 1 came to hold). Each reads, and what WriteTo then writes reads
// back to the same bytes. The current version's fixture is what WriteTo
// writes for it, byte for byte, so that it pins the encoding: a change to
// what WriteTo writes must come with a new EncodingVersion and its fixture
// (go test -run TestEncodingVersions -write-fixture), while the older
// fixtures stay as they are, so that ReadFrom keeps reading them.
// Fixtures of one and the same Cloud (listed in sameCloud; a later
// goldenCloud may hold more) answer every Describe alike.
func TestEncodingVersions(t *testing.T) {
	current := fmt.Sprintf("testdata/cloud-v%d.stream", vpcmodel.EncodingVersion)
	fixtures := []struct {
		path    string
		version int
	}{
		{"testdata/cloud-v1.stream", 1},
		{"testdata/cloud-v1-late.stream", 1},
		{"testdata/cloud-v2.stream", 2},
	}
	// cloud-v2.stream's goldenCloud holds kinds version 1 never did (VPC
	// endpoints, DHCP option sets, flow logs, log groups, IAM), so no
	// fixture of version 1 is of its Cloud.
	var sameCloud [][]string
	if *writeFixture {
		if _, err := os.Stat(current); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%s exists (%v); fixtures are never rewritten", current, err)
		}
		c, _ := goldenCloud(t)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(current, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.ContainsFunc(fixtures, func(f struct {
		path    string
		version int
	}) bool {
		return f.path == current
	}) {
		t.Fatalf("%s is not among the fixtures", current)
	}
	_, d := goldenCloud(t)
	views, writes := map[string]string{}, map[string][]byte{}
	for _, f := range fixtures {
		t.Run(f.path, func(t *testing.T) {
			stream, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatalf("no fixture %s (write the current version's with -write-fixture): %v", f.path, err)
			}
			if !bytes.HasPrefix(stream, fmt.Appendf(nil, `{"format":"vpcmodel.Cloud","version":%d,`, f.version)) {
				t.Fatalf("%s is not of version %d", f.path, f.version)
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
				t.Fatalf("what WriteTo writes for %s reads back to other bytes:\n%s\n---\n%s", f.path, written, again)
			}
			if f.path == current && !bytes.Equal(written, stream) {
				t.Fatalf("WriteTo writes other bytes than %s: a change of the encoding needs a new version\n%s\n---\n%s", f.path, written, stream)
			}
			writes[f.path] = written
			views[f.path] = d.views(c, d.now) // last, as a Describe completes what is in progress
		})
	}
	// The fixtures of one Cloud answer alike, and those of the current
	// fixture's Cloud are written as it is.
	for _, same := range sameCloud {
		isCurrent := slices.Contains(same, current)
		for _, p := range same {
			if views[p] != views[same[0]] {
				t.Errorf("%s and %s, of one Cloud, answer differently:\n%s\n---\n%s", same[0], p, views[same[0]], views[p])
			}
			if isCurrent && !bytes.Equal(writes[p], writes[current]) {
				t.Errorf("%s is written otherwise than %s:\n%s\n---\n%s", p, current, writes[p], writes[current])
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
// cross-account peering request still pending, a deleted customer
// gateway still listed, a dual-stack VPC with an IPv6 subnet, its own
// route table association and an egress-only route, NAT gateways public
// and private, Elastic IP addresses, a network interface, a Network
// Insights path and analysis, Block Public Access options and an
// exclusion, RDS, ElastiCache and Redshift subnet groups, and a default
// VPC. The same calls draw the same IDs every time.
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

	// A dual-stack VPC with an IPv6 subnet routed through its own table,
	// NAT gateways of both kinds, an Elastic IP address left unused, a
	// network interface with a Network Insights path and analysis from
	// it, Block Public Access options and an exclusion, subnet groups of
	// all three services, and a default VPC.
	six, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.6.0.0/16", TagSpecifications: name("vpc", "six"),
		IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, now)
	must(six, err)
	v6s, err := c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{VPCIDs: []string{six.VPC.VPCID}}, now) // settles it
	must(v6s, err)
	block := netip.MustParsePrefix(v6s.VPCs[0].IPv6CIDRBlockAssociations[0].IPv6CIDRBlock)
	s6, err := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: six.VPC.VPCID, CIDRBlock: "10.6.1.0/24", AvailabilityZone: "us-east-1b",
		IPv6CIDRBlock: netip.PrefixFrom(block.Addr(), 64).String()}, now)
	must(s6, err)
	t6, err := c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: six.VPC.VPCID}, now)
	must(t6, err)
	must(c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: t6.RouteTable.RouteTableID, SubnetID: s6.Subnet.SubnetID}, now))
	eigw6, err := c.CreateEgressOnlyInternetGateway(alice, vpcmodel.CreateEgressOnlyInternetGatewayInput{VPCID: six.VPC.VPCID}, now)
	must(eigw6, err)
	must(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: t6.RouteTable.RouteTableID, RouteDestination: vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: "::/0"},
		RouteTarget: vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: eigw6.EgressOnlyInternetGateway.EgressOnlyInternetGatewayID}}, now))
	eip, err := c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{}, now)
	must(eip, err)
	must(c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{TagSpecifications: name("elastic-ip", "spare")}, now))
	must(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: s.Subnet.SubnetID, AllocationID: eip.AllocationID}, now))
	must(c.CreateNatGateway(alice, vpcmodel.CreateNatGatewayInput{SubnetID: s6.Subnet.SubnetID, ConnectivityType: "private"}, now))
	eniOut, err := c.CreateNetworkInterface(alice, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.Subnet.SubnetID, Groups: []string{web.GroupID},
		Description: "web", TagSpecifications: name("network-interface", "web")}, now)
	must(eniOut, err)
	path, err := c.CreateNetworkInsightsPath(alice, vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "golden", Protocol: "tcp",
		Source: eniOut.NetworkInterface.NetworkInterfaceID, Destination: igw.InternetGateway.InternetGatewayID, DestinationPort: vpcmodel.Some(443)}, now)
	must(path, err)
	pathID := path.NetworkInsightsPath.NetworkInsightsPathID
	must(c.StartNetworkInsightsAnalysis(alice, vpcmodel.StartNetworkInsightsAnalysisInput{ClientToken: "golden", NetworkInsightsPathID: pathID}, now))
	must(c.ModifyVpcBlockPublicAccessOptions(bob, vpcmodel.ModifyVpcBlockPublicAccessOptionsInput{InternetGatewayBlockMode: "block-bidirectional"}, now))
	must(c.CreateVpcBlockPublicAccessExclusion(bob, vpcmodel.CreateVpcBlockPublicAccessExclusionInput{VPCID: vd, InternetGatewayExclusionMode: "allow-bidirectional"}, now))
	s2, err := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: va, CIDRBlock: "10.0.2.0/24", AvailabilityZone: "us-east-1b"}, now)
	must(s2, err)
	pair := []string{s.Subnet.SubnetID, s2.Subnet.SubnetID}
	must(c.RDS().CreateDBSubnetGroup(alice, vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "db", DBSubnetGroupDescription: "databases", SubnetIDs: pair,
		Tags: []vpcmodel.Tag{{Key: "tier", Value: "data"}}}, now))
	must(c.ElastiCache().CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{CacheSubnetGroupName: "cache", CacheSubnetGroupDescription: "caches", SubnetIDs: pair}, now))
	must(c.Redshift().CreateClusterSubnetGroup(alice, vpcmodel.CreateClusterSubnetGroupInput{ClusterSubnetGroupName: "warehouse", Description: "warehouse", SubnetIDs: pair}, now))
	west := vpcmodel.Caller{Account: alice.Account, Region: "eu-west-1"}
	must(c.CreateDefaultVpc(west, vpcmodel.CreateDefaultVpcInput{}, now))

	// VPC endpoints of both types, a DHCP option set of the VPC's own,
	// flow logs, a log group, and an IAM role with a policy attached.
	must(c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: va, ServiceName: "com.amazonaws.us-east-1.s3", VPCEndpointType: "Gateway",
		RouteTableIDs: []string{rtb}}, now))
	must(c.CreateVpcEndpoint(alice, vpcmodel.CreateVpcEndpointInput{VPCID: va, ServiceName: "com.amazonaws.us-east-1.ssm", VPCEndpointType: "Interface",
		SubnetIDs: []string{s2.Subnet.SubnetID}, SecurityGroupIDs: []string{web.GroupID}}, now))
	dopt, err := c.CreateDhcpOptions(alice, vpcmodel.CreateDhcpOptionsInput{DHCPConfigurations: []vpcmodel.NewDHCPConfiguration{
		{Key: "domain-name", Values: []string{"corp.example"}}, {Key: "domain-name-servers", Values: []string{"AmazonProvidedDNS"}}}}, now)
	must(dopt, err)
	must(c.AssociateDhcpOptions(alice, vpcmodel.AssociateDhcpOptionsInput{DHCPOptionsID: dopt.DHCPOptions.DHCPOptionsID, VPCID: va}, now))
	must(c.CreateFlowLogs(alice, vpcmodel.CreateFlowLogsInput{ResourceIDs: []string{va}, ResourceType: "VPC", TrafficType: "ALL",
		LogDestinationType: "s3", LogDestination: "arn:aws:s3:::flow-logs-bucket"}, now))
	must(c.Logs().CreateLogGroup(alice, vpcmodel.CreateLogGroupInput{LogGroupName: "/vpc/flow", Tags: map[string]string{"tier": "net"}}, now))
	must(c.Logs().PutRetentionPolicy(alice, vpcmodel.PutRetentionPolicyInput{LogGroupName: "/vpc/flow", RetentionInDays: vpcmodel.Some(30)}, now))
	pol, err := c.IAM().CreatePolicy(alice, vpcmodel.CreatePolicyInput{PolicyName: "flow", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}`}, now)
	must(pol, err)
	must(c.IAM().CreateRole(alice, vpcmodel.CreateRoleInput{RoleName: "flow", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}, now))
	must(c.IAM().AttachRolePolicy(alice, vpcmodel.RolePolicyInput{RoleName: "flow", PolicyARN: pol.Policy.ARN}, now))

	// Last, a block association still in progress.
	must(c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: vb, CIDRBlock: "10.4.0.0/16"}, now))
	return c, &driver{now: now, callers: []vpcmodel.Caller{alice, bob, west}, ids: map[string][]string{"nip": {pathID}}}
}
