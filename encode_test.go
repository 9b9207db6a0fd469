package vpcmodel_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/subnetgroup"
)

// driver plays random EC2 actions against a Cloud, drawing IDs from those
// the Cloud has answered with, so that most actions meet real resources
// and many meet the wrong caller, the wrong state or a dependency.
type driver struct {
	c       *vpcmodel.Cloud
	now     time.Time
	callers []vpcmodel.Caller
	ids     map[string][]string // kind -> IDs seen
	mine    map[vpcmodel.Caller]map[string][]string
	who     vpcmodel.Caller // the caller of the step being played
}

func newDriver(c *vpcmodel.Cloud) *driver {
	return &driver{c: c, now: benchEpoch, ids: map[string][]string{}, mine: map[vpcmodel.Caller]map[string][]string{}, callers: []vpcmodel.Caller{
		{Account: "111111111111", Region: "us-east-1"},
		{Account: "111111111111", Region: "eu-west-1"},
		{Account: "222222222222", Region: "us-east-1"},
	}}
}

// pick returns an ID of kind: mostly one of the caller's own, sometimes
// anyone's, now and then one that names nothing.
func (d *driver) pick(t *rapid.T, kind string) string {
	ids := d.ids[kind]
	switch r := rapid.IntRange(0, 9).Draw(t, kind+"?"); {
	case len(ids) == 0 || r == 0:
		return kind + "-0123456789abcdef0" // well-formed, unknown
	case r < 8 && len(d.mine[d.who][kind]) > 0:
		return rapid.SampledFrom(d.mine[d.who][kind]).Draw(t, kind)
	}
	return rapid.SampledFrom(ids).Draw(t, kind)
}

func (d *driver) saw(kind, id string) {
	if id != "" {
		d.ids[kind] = append(d.ids[kind], id)
		if d.mine[d.who] == nil {
			d.mine[d.who] = map[string][]string{}
		}
		d.mine[d.who][kind] = append(d.mine[d.who][kind], id)
	}
}

// step plays one random action and returns a summary of its outcome.
func (d *driver) step(t *rapid.T) string {
	who := rapid.SampledFrom(d.callers).Draw(t, "caller")
	d.who = who
	d.now = d.now.Add(time.Duration(rapid.SampledFrom([]int64{0, 1, int64(time.Minute), int64(time.Hour), int64(2 * time.Hour), int64(7 * 24 * time.Hour)}).Draw(t, "wait")))
	c, now := d.c, d.now
	block := func() string { return fmt.Sprintf("10.%d.0.0/16", rapid.IntRange(0, 5).Draw(t, "block")) }
	var out any
	var err error
	// Creations come more often than the rest, so that later actions meet
	// resources.
	switch rapid.SampledFrom([]int{0, 0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12, 12, 13, 14, 14, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
		24, 25, 26, 27, 27, 28, 29, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 39, 40, 41, 42, 43, 44, 44, 45, 46, 46, 47, 48, 49, 50, 51, 51, 51, 51, 52, 53, 54, 55, 55, 56, 57, 58, 59, 59, 60, 61, 62, 62, 62, 63, 63, 63, 64, 64, 64, 64, 64, 64,
		100, 100, 101, 102, 102, 103, 104, 105, 105, 106, 107, 108, 109, 109, 110, 111, 112, 113, 114, 115, 116}).Draw(t, "action") {
	case 0:
		var o vpcmodel.CreateVpcOutput
		o, err = c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: block(), TagSpecifications: []vpcmodel.TagSpecification{
			{ResourceType: "vpc", Tags: []vpcmodel.Tag{{Key: "Name", Value: rapid.SampledFrom([]string{"a", "b"}).Draw(t, "name")}}}},
			IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: rapid.Bool().Draw(t, "ipv6")}}, now)
		d.saw("vpc", o.VPC.VPCID)
		for _, a := range o.VPC.IPv6CIDRBlockAssociations {
			d.saw("vpc-cidr-assoc", a.AssociationID)
		}
		// The VPC's default group and ACL are resources to act on too.
		if err == nil {
			f := []vpcmodel.Filter{{Name: "vpc-id", Values: []string{o.VPC.VPCID}}}
			if g, err := c.DescribeSecurityGroups(who, vpcmodel.DescribeSecurityGroupsInput{Filters: f}, now); err == nil && len(g.SecurityGroups) == 1 {
				d.saw("sg", g.SecurityGroups[0].GroupID)
			}
			if a, err := c.DescribeNetworkAcls(who, vpcmodel.DescribeNetworkAclsInput{Filters: f}, now); err == nil && len(a.NetworkACLs) == 1 {
				d.saw("acl", a.NetworkACLs[0].NetworkACLID)
			}
		}
		out = o
	case 1:
		out, err = c.DeleteVpc(who, vpcmodel.DeleteVpcInput{VPCID: d.pick(t, "vpc")}, now)
	case 2:
		var o vpcmodel.AssociateVpcCidrBlockOutput
		in := vpcmodel.AssociateVpcCidrBlockInput{VPCID: d.pick(t, "vpc"), CIDRBlock: block()}
		if rapid.Bool().Draw(t, "ipv6") {
			in.CIDRBlock, in.AmazonProvidedIPv6CIDRBlock = "", true
		}
		o, err = c.AssociateVpcCidrBlock(who, in, now)
		d.saw("vpc-cidr-assoc", o.CIDRBlockAssociation.Value.AssociationID)
		d.saw("vpc-cidr-assoc", o.IPv6CIDRBlockAssociation.Value.AssociationID)
		out = o
	case 3:
		out, err = c.DisassociateVpcCidrBlock(who, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: d.pick(t, "vpc-cidr-assoc")}, now)
	case 4:
		peer := rapid.SampledFrom(d.callers).Draw(t, "peer")
		var o vpcmodel.CreateVpcPeeringConnectionOutput
		o, err = c.CreateVpcPeeringConnection(who, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: d.pick(t, "vpc"), PeerVPCID: d.pick(t, "vpc"),
			PeerOwnerID: peer.Account, PeerRegion: peer.Region}, now)
		d.saw("pcx", o.VPCPeeringConnection.VPCPeeringConnectionID)
		out = o
	case 5:
		out, err = c.AcceptVpcPeeringConnection(who, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: d.pick(t, "pcx")}, now)
	case 6:
		out, err = c.DeleteVpcPeeringConnection(who, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: d.pick(t, "pcx")}, now)
	case 7:
		out, err = c.RejectVpcPeeringConnection(who, vpcmodel.RejectVpcPeeringConnectionInput{VPCPeeringConnectionID: d.pick(t, "pcx")}, now)
	case 8:
		var o vpcmodel.CreateRouteTableOutput
		o, err = c.CreateRouteTable(who, vpcmodel.CreateRouteTableInput{VPCID: d.pick(t, "vpc")}, now)
		d.saw("rtb", o.RouteTable.RouteTableID)
		out = o
	case 9:
		target := vpcmodel.RouteTarget{VPCPeeringConnectionID: d.pick(t, "pcx")}
		if rapid.Bool().Draw(t, "vgw?") {
			target = vpcmodel.RouteTarget{GatewayID: d.pick(t, "vgw")}
		}
		out, err = c.CreateRoute(who, vpcmodel.CreateRouteInput{RouteTableID: d.pick(t, "rtb"),
			RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: fmt.Sprintf("192.168.%d.0/24", rapid.IntRange(0, 3).Draw(t, "dest"))},
			RouteTarget:      target}, now)
	case 10:
		out, err = c.DeleteRouteTable(who, vpcmodel.DeleteRouteTableInput{RouteTableID: d.pick(t, "rtb")}, now)
	case 11:
		var o vpcmodel.CreateCustomerGatewayOutput
		o, err = c.CreateCustomerGateway(who, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000,
			IPAddress: fmt.Sprintf("198.51.100.%d", rapid.IntRange(1, 3).Draw(t, "ip"))}, now)
		d.saw("cgw", o.CustomerGateway.CustomerGatewayID)
		out = o
	case 12:
		var o vpcmodel.CreateVpnGatewayOutput
		o, err = c.CreateVpnGateway(who, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, now)
		d.saw("vgw", o.VPNGateway.VPNGatewayID)
		out = o
	case 13:
		out, err = c.AttachVpnGateway(who, vpcmodel.AttachVpnGatewayInput{VPCID: d.pick(t, "vpc"), VPNGatewayID: d.pick(t, "vgw")}, now)
	case 14:
		var o vpcmodel.CreateVpnConnectionOutput
		o, err = c.CreateVpnConnection(who, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: d.pick(t, "cgw"),
			VPNGatewayID: d.pick(t, "vgw"), Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: true}}, now)
		d.saw("vpn", o.VPNConnection.VPNConnectionID)
		out = o
	case 15:
		out, err = c.CreateVpnConnectionRoute(who, vpcmodel.CreateVpnConnectionRouteInput{VPNConnectionID: d.pick(t, "vpn"),
			DestinationCIDRBlock: fmt.Sprintf("172.16.%d.0/24", rapid.IntRange(0, 3).Draw(t, "vpnroute"))}, now)
	case 16:
		out, err = c.EnableVgwRoutePropagation(who, vpcmodel.EnableVgwRoutePropagationInput{GatewayID: d.pick(t, "vgw"), RouteTableID: d.pick(t, "rtb")}, now)
	case 17:
		ids := []string{d.pick(t, "vpc"), d.pick(t, "pcx"), d.pick(t, "rtb"), d.pick(t, "vpn")}
		out, err = c.CreateTags(who, vpcmodel.CreateTagsInput{ResourceIDs: ids[:rapid.IntRange(1, 4).Draw(t, "n")],
			Tags: []vpcmodel.Tag{{Key: "k", Value: rapid.SampledFrom([]string{"x", "y"}).Draw(t, "v")}}}, now)
	case 18:
		out, err = c.DeleteVpnConnection(who, vpcmodel.DeleteVpnConnectionInput{VPNConnectionID: d.pick(t, "vpn")}, now)
	case 19:
		out, err = c.DeleteCustomerGateway(who, vpcmodel.DeleteCustomerGatewayInput{CustomerGatewayID: d.pick(t, "cgw")}, now)
	case 20:
		out, err = c.DetachVpnGateway(who, vpcmodel.DetachVpnGatewayInput{VPCID: d.pick(t, "vpc"), VPNGatewayID: d.pick(t, "vgw")}, now)
	case 21:
		out, err = c.DeleteVpnGateway(who, vpcmodel.DeleteVpnGatewayInput{VPNGatewayID: d.pick(t, "vgw")}, now)
	case 22:
		out, err = c.ModifyVpcAttribute(who, vpcmodel.ModifyVpcAttributeInput{VPCID: d.pick(t, "vpc"),
			EnableDNSHostnames: vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: rapid.Bool().Draw(t, "on")})}, now)
	case 23:
		out, err = c.ModifyVpcPeeringConnectionOptions(who, vpcmodel.ModifyVpcPeeringConnectionOptionsInput{VPCPeeringConnectionID: d.pick(t, "pcx"),
			RequesterPeeringConnectionOptions: vpcmodel.Some(vpcmodel.PeeringConnectionOptionsRequest{
				AllowDNSResolutionFromRemoteVPC: vpcmodel.Some(rapid.Bool().Draw(t, "dns"))})}, now)
	case 24:
		id, outside := d.tunnel(t)
		spec := vpcmodel.TunnelOptionsSpecification{
			TunnelInsideCIDR:      rapid.SampledFrom([]string{"", "169.254.10.0/30", "169.254.11.0/30"}).Draw(t, "inside"),
			PreSharedKey:          rapid.SampledFrom([]string{"", "modified_key.1"}).Draw(t, "psk"),
			Phase1LifetimeSeconds: rapid.SampledFrom([]int{0, 900, 3600}).Draw(t, "p1"),
		}
		if rapid.Bool().Draw(t, "lifecycle?") {
			spec.EnableTunnelLifecycleControl = vpcmodel.Some(rapid.Bool().Draw(t, "lifecycle"))
		}
		if rapid.Bool().Draw(t, "logs?") {
			spec.LogOptions = vpcmodel.Some(vpcmodel.VPNTunnelLogOptionsSpecification{CloudWatchLogOptions: vpcmodel.CloudWatchLogOptions{
				LogEnabled: true, LogGroupARN: "arn:aws:logs:us-east-1:111111111111:log-group:vpn"}})
		}
		out, err = c.ModifyVpnTunnelOptions(who, vpcmodel.ModifyVpnTunnelOptionsInput{VPNConnectionID: id, VPNTunnelOutsideIPAddress: outside,
			TunnelOptions: spec, SkipTunnelReplacement: rapid.Bool().Draw(t, "skip")}, now)
	case 25:
		out, err = c.ModifyVpnConnectionOptions(who, vpcmodel.ModifyVpnConnectionOptionsInput{VPNConnectionID: d.pick(t, "vpn"),
			LocalIPv4NetworkCIDR: rapid.SampledFrom([]string{"", "10.1.0.0/16", "::/0"}).Draw(t, "local")}, now)
	case 26:
		in := vpcmodel.ModifyVpnConnectionInput{VPNConnectionID: d.pick(t, "vpn")}
		if rapid.Bool().Draw(t, "cgw?") {
			in.CustomerGatewayID = d.pick(t, "cgw")
		} else {
			in.VPNGatewayID = d.pick(t, "vgw")
		}
		out, err = c.ModifyVpnConnection(who, in, now)
	// Subnets, internet and egress-only gateways, route table associations.
	case 27:
		var o vpcmodel.CreateSubnetOutput
		vpcID, block := d.pick(t, "vpc"), fmt.Sprintf("10.%d.%d.0/24", rapid.IntRange(0, 5).Draw(t, "net"), rapid.IntRange(0, 3).Draw(t, "sub"))
		// Mostly a block inside the VPC's, so that VPCs get subnets.
		if v, err := c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{VPCIDs: []string{vpcID}}, now); err == nil && len(v.VPCs) == 1 && rapid.Bool().Draw(t, "inside?") {
			block = strings.Replace(v.VPCs[0].CIDRBlock, ".0.0/16", fmt.Sprintf(".%d.0/24", rapid.IntRange(0, 3).Draw(t, "sub")), 1)
		}
		o, err = c.CreateSubnet(who, vpcmodel.CreateSubnetInput{VPCID: vpcID, CIDRBlock: block}, now)
		d.saw("subnet", o.Subnet.SubnetID)
		out = o
	case 28:
		out, err = c.DeleteSubnet(who, vpcmodel.DeleteSubnetInput{SubnetID: d.pick(t, "subnet")}, now)
	case 29:
		var o vpcmodel.CreateInternetGatewayOutput
		o, err = c.CreateInternetGateway(who, vpcmodel.CreateInternetGatewayInput{}, now)
		d.saw("igw", o.InternetGateway.InternetGatewayID)
		out = o
	case 30:
		out, err = c.AttachInternetGateway(who, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: d.pick(t, "igw"), VPCID: d.pick(t, "vpc")}, now)
	case 31:
		out, err = c.DetachInternetGateway(who, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: d.pick(t, "igw"), VPCID: d.pick(t, "vpc")}, now)
	case 32:
		out, err = c.DeleteInternetGateway(who, vpcmodel.DeleteInternetGatewayInput{InternetGatewayID: d.pick(t, "igw")}, now)
	case 33:
		var o vpcmodel.CreateEgressOnlyInternetGatewayOutput
		o, err = c.CreateEgressOnlyInternetGateway(who, vpcmodel.CreateEgressOnlyInternetGatewayInput{VPCID: d.pick(t, "vpc")}, now)
		d.saw("eigw", o.EgressOnlyInternetGateway.EgressOnlyInternetGatewayID)
		out = o
	case 34:
		out, err = c.DeleteEgressOnlyInternetGateway(who, vpcmodel.DeleteEgressOnlyInternetGatewayInput{EgressOnlyInternetGatewayID: d.pick(t, "eigw")}, now)
	case 35:
		in := vpcmodel.AssociateRouteTableInput{RouteTableID: d.pick(t, "rtb"), SubnetID: d.pick(t, "subnet")}
		if rapid.IntRange(0, 3).Draw(t, "edge?") == 0 {
			in.SubnetID, in.GatewayID = "", d.pick(t, "igw")
		}
		var o vpcmodel.AssociateRouteTableOutput
		o, err = c.AssociateRouteTable(who, in, now)
		d.saw("rtbassoc", o.AssociationID)
		out = o
	case 36:
		out, err = c.DisassociateRouteTable(who, vpcmodel.DisassociateRouteTableInput{AssociationID: d.pick(t, "rtbassoc")}, now)
	case 37:
		var o vpcmodel.ReplaceRouteTableAssociationOutput
		o, err = c.ReplaceRouteTableAssociation(who, vpcmodel.ReplaceRouteTableAssociationInput{AssociationID: d.pick(t, "rtbassoc"), RouteTableID: d.pick(t, "rtb")}, now)
		d.saw("rtbassoc", o.NewAssociationID)
		out = o
	case 38:
		on := vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: rapid.Bool().Draw(t, "public")})
		out, err = c.ModifySubnetAttribute(who, vpcmodel.ModifySubnetAttributeInput{SubnetID: d.pick(t, "subnet"), MapPublicIPOnLaunch: on}, now)
	// IPv6: dual-stack and IPv6-only subnets, their blocks and attributes,
	// IPv6 routes.
	case 39:
		vpcID := d.pick(t, "vpc")
		in := vpcmodel.CreateSubnetInput{VPCID: vpcID, IPv6CIDRBlock: d.subnet6(t, vpcID)}
		if rapid.Bool().Draw(t, "native") {
			in.IPv6Native = true
		} else {
			in.CIDRBlock = fmt.Sprintf("10.%d.%d.0/24", rapid.IntRange(0, 5).Draw(t, "net"), rapid.IntRange(4, 7).Draw(t, "sub"))
		}
		var o vpcmodel.CreateSubnetOutput
		o, err = c.CreateSubnet(who, in, now)
		d.saw("subnet", o.Subnet.SubnetID)
		for _, a := range o.Subnet.IPv6CIDRBlockAssociations {
			d.saw("subnet-cidr-assoc", a.AssociationID)
		}
		out = o
	case 40:
		id := d.pick(t, "subnet")
		vpcID := ""
		if s, err := c.DescribeSubnets(who, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{id}}, now); err == nil && len(s.Subnets) == 1 {
			vpcID = s.Subnets[0].VPCID
		}
		var o vpcmodel.AssociateSubnetCidrBlockOutput
		o, err = c.AssociateSubnetCidrBlock(who, vpcmodel.AssociateSubnetCidrBlockInput{SubnetID: id, IPv6CIDRBlock: d.subnet6(t, vpcID)}, now)
		d.saw("subnet-cidr-assoc", o.IPv6CIDRBlockAssociation.AssociationID)
		out = o
	case 41:
		out, err = c.DisassociateSubnetCidrBlock(who, vpcmodel.DisassociateSubnetCidrBlockInput{AssociationID: d.pick(t, "subnet-cidr-assoc")}, now)
	case 42:
		on := vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: rapid.Bool().Draw(t, "on")})
		in := vpcmodel.ModifySubnetAttributeInput{SubnetID: d.pick(t, "subnet")}
		switch rapid.IntRange(0, 2).Draw(t, "attribute") {
		case 0:
			in.AssignIPv6AddressOnCreation = on
		case 1:
			in.EnableDNS64 = on
		default:
			in.EnableResourceNameDNSAAAARecordOnLaunch = on
		}
		out, err = c.ModifySubnetAttribute(who, in, now)
	case 43:
		in := vpcmodel.CreateRouteInput{RouteTableID: d.pick(t, "rtb")}
		switch rapid.IntRange(0, 2).Draw(t, "target6") {
		case 0:
			in.DestinationIPv6CIDRBlock, in.EgressOnlyInternetGatewayID = "::/0", d.pick(t, "eigw")
		case 1:
			in.DestinationIPv6CIDRBlock, in.VPCPeeringConnectionID = fmt.Sprintf("2600:1f00:%x::/48", rapid.IntRange(0, 3).Draw(t, "dest6")), d.pick(t, "pcx")
		default:
			in.DestinationIPv6CIDRBlock, in.NATGatewayID = "64:ff9b::/96", "nat-0123456789abcdef0"
		}
		if rapid.IntRange(0, 4).Draw(t, "replace?") == 0 {
			out, err = c.ReplaceRoute(who, in, now)
		} else {
			out, err = c.CreateRoute(who, in, now)
		}
	// Elastic IP addresses and NAT gateways.
	case 44:
		var o vpcmodel.AllocateAddressOutput
		o, err = c.AllocateAddress(who, vpcmodel.AllocateAddressInput{}, now)
		d.saw("eipalloc", o.AllocationID)
		out = o
	case 45:
		out, err = c.ReleaseAddress(who, vpcmodel.ReleaseAddressInput{AllocationID: d.pick(t, "eipalloc")}, now)
	case 46:
		in := vpcmodel.CreateNatGatewayInput{SubnetID: d.pick(t, "subnet"), AllocationID: d.pick(t, "eipalloc"),
			ClientToken: rapid.SampledFrom([]string{"", "", "t1"}).Draw(t, "token")}
		if rapid.IntRange(0, 2).Draw(t, "private?") == 0 {
			in.ConnectivityType, in.AllocationID = "private", ""
		}
		var o vpcmodel.CreateNatGatewayOutput
		o, err = c.CreateNatGateway(who, in, now)
		d.saw("nat", o.NATGateway.NATGatewayID)
		out = o
	case 47:
		out, err = c.DeleteNatGateway(who, vpcmodel.DeleteNatGatewayInput{NATGatewayID: d.pick(t, "nat")}, now)
	case 48:
		out, err = c.CreateRoute(who, vpcmodel.CreateRouteInput{RouteTableID: d.pick(t, "rtb"),
			RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"},
			RouteTarget:      vpcmodel.RouteTarget{NATGatewayID: d.pick(t, "nat")}}, now)
	case 49:
		id, outside := d.tunnel(t)
		out, err = c.ReplaceVpnTunnel(who, vpcmodel.ReplaceVpnTunnelInput{VPNConnectionID: id, VPNTunnelOutsideIPAddress: outside,
			ApplyPendingMaintenance: rapid.Bool().Draw(t, "apply")}, now)
	case 50:
		id, outside := d.tunnel(t)
		out, err = c.GetVpnTunnelReplacementStatus(who, vpcmodel.GetVpnTunnelReplacementStatusInput{VPNConnectionID: id, VPNTunnelOutsideIPAddress: outside}, now)
	case 51, 52, 53, 54:
		out, err = d.subnetGroupStep(t, who, now)
	case 55, 56, 57, 58, 59, 60, 61:
		out, err = d.dhcpFlowStep(t, who, now)
	case 62:
		out, err = d.logsStep(t, who, now)
	case 63:
		out, err = d.iamStep(t, who, now)
	case 64:
		out, err = d.tgwStep(t, who, now)
	default:
		out, err = d.groupStep(t, who, now)
	}
	return fmt.Sprintf("%+v %v", out, err)
}

// subnet6 returns a /64 for a subnet of vpcID: one of the first few of the
// VPC's IPv6 block when the caller sees one, else one of no VPC's.
func (d *driver) subnet6(t *rapid.T, vpcID string) string {
	i := rapid.IntRange(0, 3).Draw(t, "subnet6")
	if v, err := d.c.DescribeVpcs(d.who, vpcmodel.DescribeVpcsInput{VPCIDs: []string{vpcID}}, d.now); err == nil && len(v.VPCs) == 1 {
		for _, a := range v.VPCs[0].IPv6CIDRBlockAssociations {
			p := netip.MustParsePrefix(a.IPv6CIDRBlock).Addr().As16()
			p[7] = byte(i)
			return netip.PrefixFrom(netip.AddrFrom16(p), 64).String()
		}
	}
	return fmt.Sprintf("2001:db8:0:%d::/64", i)
}

// tunnel picks a VPN connection and the outside address of one of its
// tunnels, when the caller may see it, else one that names no tunnel.
func (d *driver) tunnel(t *rapid.T) (id, outside string) {
	id, outside = d.pick(t, "vpn"), "192.0.2.1"
	if v, err := d.c.DescribeVpnConnections(d.who, vpcmodel.DescribeVpnConnectionsInput{VPNConnectionIDs: []string{id}}, d.now); err == nil &&
		len(v.VPNConnections) == 1 && len(v.VPNConnections[0].Options.TunnelOptions) == 2 {
		outside = v.VPNConnections[0].Options.TunnelOptions[rapid.IntRange(0, 1).Draw(t, "tunnel")].OutsideIPAddress
	}
	return id, outside
}

// groupStep plays one security group or network ACL action.
func (d *driver) groupStep(t *rapid.T, who vpcmodel.Caller, now time.Time) (any, error) {
	c := d.c
	perm := func() vpcmodel.IPPermission {
		p := vpcmodel.IPPermission{IPProtocol: rapid.SampledFrom([]string{"tcp", "-1", "udp"}).Draw(t, "proto"),
			FromPort: vpcmodel.Some(22), ToPort: vpcmodel.Some(22 + rapid.IntRange(0, 1).Draw(t, "span"))}
		if rapid.Bool().Draw(t, "peerGroup?") {
			p.UserIDGroupPairs = []vpcmodel.UserIDGroupPair{{GroupID: d.pick(t, "sg")}}
		} else {
			p.IPRanges = []vpcmodel.IPRange{{CIDRIP: fmt.Sprintf("10.%d.0.0/16", rapid.IntRange(0, 2).Draw(t, "src"))}}
		}
		return p
	}
	entry := func() vpcmodel.CreateNetworkAclEntryInput {
		return vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: d.pick(t, "acl"), RuleNumber: rapid.SampledFrom([]int{10, 20, 100}).Draw(t, "rule"),
			Protocol: "6", RuleAction: rapid.SampledFrom([]string{"allow", "deny"}).Draw(t, "ruleAction"), Egress: rapid.Bool().Draw(t, "egress"),
			CIDRBlock: "10.0.0.0/8", PortRange: vpcmodel.Some(vpcmodel.PortRange{From: 80, To: 80})}
	}
	switch rapid.IntRange(100, 117).Draw(t, "groupAction") {
	case 100:
		o, err := c.CreateSecurityGroup(who, vpcmodel.CreateSecurityGroupInput{VPCID: d.pick(t, "vpc"), Description: "d",
			GroupName: rapid.SampledFrom([]string{"web", "db", "Web"}).Draw(t, "gname")}, now)
		d.saw("sg", o.GroupID)
		return o, err
	case 101:
		return c.DeleteSecurityGroup(who, vpcmodel.DeleteSecurityGroupInput{GroupID: d.pick(t, "sg")}, now)
	case 102:
		in := vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: d.pick(t, "sg"), IPPermissions: []vpcmodel.IPPermission{perm()},
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "security-group-rule", Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}}}
		var o vpcmodel.AuthorizeSecurityGroupIngressOutput
		var err error
		if rapid.Bool().Draw(t, "egress?") {
			o, err = c.AuthorizeSecurityGroupEgress(who, in, now)
		} else {
			o, err = c.AuthorizeSecurityGroupIngress(who, in, now)
		}
		for _, r := range o.SecurityGroupRules {
			d.saw("sgr", r.SecurityGroupRuleID)
		}
		return o, err
	case 103:
		in := vpcmodel.RevokeSecurityGroupIngressInput{GroupID: d.pick(t, "sg")}
		if rapid.Bool().Draw(t, "byID?") {
			in.SecurityGroupRuleIDs = []string{d.pick(t, "sgr")}
		} else {
			in.IPPermissions = []vpcmodel.IPPermission{perm()}
		}
		if rapid.Bool().Draw(t, "egress?") {
			return c.RevokeSecurityGroupEgress(who, in, now)
		}
		return c.RevokeSecurityGroupIngress(who, in, now)
	case 104:
		o, err := c.CreateNetworkAcl(who, vpcmodel.CreateNetworkAclInput{VPCID: d.pick(t, "vpc")}, now)
		d.saw("acl", o.NetworkACL.NetworkACLID)
		return o, err
	case 105:
		return c.CreateNetworkAclEntry(who, entry(), now)
	case 106:
		return c.ReplaceNetworkAclEntry(who, entry(), now)
	case 107:
		e := entry()
		return c.DeleteNetworkAclEntry(who, vpcmodel.DeleteNetworkAclEntryInput{NetworkACLID: e.NetworkACLID, RuleNumber: e.RuleNumber, Egress: e.Egress}, now)
	case 108:
		return c.DeleteNetworkAcl(who, vpcmodel.DeleteNetworkAclInput{NetworkACLID: d.pick(t, "acl")}, now)
	// Network interfaces.
	case 109:
		// A subnet in the middle of one of the caller's VPCs' blocks, so
		// that interfaces have somewhere to go.
		if v, err := c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{VPCIDs: []string{d.pick(t, "vpc")}}, now); err == nil && len(v.VPCs) == 1 {
			p := netip.MustParsePrefix(v.VPCs[0].CIDRBlock).Addr().As4()
			s, _ := c.CreateSubnet(who, vpcmodel.CreateSubnetInput{VPCID: v.VPCs[0].VPCID, CIDRBlock: fmt.Sprintf("%d.%d.9.0/24", p[0], p[1])}, now)
			d.saw("subnet", s.Subnet.SubnetID)
		}
		in := vpcmodel.CreateNetworkInterfaceInput{SubnetID: d.pick(t, "subnet"),
			PrivateIPAddress: rapid.SampledFrom([]string{"", "", "10.0.9.9", "10.1.9.200"}).Draw(t, "ip")}
		if rapid.Bool().Draw(t, "groups?") {
			in.Groups = []string{d.pick(t, "sg")}
		}
		o, err := c.CreateNetworkInterface(who, in, now)
		d.saw("eni", o.NetworkInterface.NetworkInterfaceID)
		return o, err
	case 110:
		return c.DeleteNetworkInterface(who, vpcmodel.DeleteNetworkInterfaceInput{NetworkInterfaceID: d.pick(t, "eni")}, now)
	case 111:
		in := vpcmodel.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceID: d.pick(t, "eni")}
		switch rapid.IntRange(0, 3).Draw(t, "attr") {
		case 0:
			in.Groups = []string{d.pick(t, "sg")}
		case 1:
			in.SourceDestCheck = vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: rapid.Bool().Draw(t, "check")})
		case 2:
			in.AssociatePublicIPAddress = vpcmodel.Some(rapid.Bool().Draw(t, "public"))
		default:
			in.Description = vpcmodel.Some(vpcmodel.AttributeValue{Value: "d"})
		}
		return c.ModifyNetworkInterfaceAttribute(who, in, now)
	case 112:
		return c.CreateRoute(who, vpcmodel.CreateRouteInput{RouteTableID: d.pick(t, "rtb"),
			RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"},
			RouteTarget:      vpcmodel.RouteTarget{NetworkInterfaceID: d.pick(t, "eni")}}, now)
	// Network Insights.
	case 113:
		// An interface to start from, in a subnet of one of the caller's
		// VPCs.
		if v, err := c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{VPCIDs: []string{d.pick(t, "vpc")}}, now); err == nil && len(v.VPCs) == 1 {
			p := netip.MustParsePrefix(v.VPCs[0].CIDRBlock).Addr().As4()
			s, _ := c.CreateSubnet(who, vpcmodel.CreateSubnetInput{VPCID: v.VPCs[0].VPCID, CIDRBlock: fmt.Sprintf("%d.%d.8.0/24", p[0], p[1])}, now)
			d.saw("subnet", s.Subnet.SubnetID)
			if s.Subnet.SubnetID != "" {
				e, _ := c.CreateNetworkInterface(who, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.Subnet.SubnetID}, now)
				d.saw("eni", e.NetworkInterface.NetworkInterfaceID)
			}
		}
		in := vpcmodel.CreateNetworkInsightsPathInput{ClientToken: rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "token"),
			Protocol: rapid.SampledFrom([]string{"tcp", "udp"}).Draw(t, "protocol"), Source: d.pick(t, "eni"), Destination: d.pick(t, "eni")}
		if rapid.Bool().Draw(t, "to an address?") {
			in.Destination, in.DestinationIP = "", "8.8.8.8"
		}
		if rapid.Bool().Draw(t, "port?") {
			in.DestinationPort = vpcmodel.Some(443)
		}
		o, err := c.CreateNetworkInsightsPath(who, in, now)
		d.saw("nip", o.NetworkInsightsPath.NetworkInsightsPathID)
		return o, err
	case 114:
		o, err := c.StartNetworkInsightsAnalysis(who, vpcmodel.StartNetworkInsightsAnalysisInput{NetworkInsightsPathID: d.pick(t, "nip"),
			ClientToken: rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "token")}, now)
		d.saw("nia", o.NetworkInsightsAnalysis.NetworkInsightsAnalysisID)
		return o, err
	case 115:
		return c.DeleteNetworkInsightsAnalysis(who, vpcmodel.DeleteNetworkInsightsAnalysisInput{NetworkInsightsAnalysisID: d.pick(t, "nia")}, now)
	case 116:
		return c.DeleteNetworkInsightsPath(who, vpcmodel.DeleteNetworkInsightsPathInput{NetworkInsightsPathID: d.pick(t, "nip")}, now)
	case 117:
		p := perm()
		q := vpcmodel.SecurityGroupRuleRequest{IPProtocol: p.IPProtocol, FromPort: p.FromPort, ToPort: p.ToPort, Description: "m"}
		if len(p.UserIDGroupPairs) > 0 {
			q.ReferencedGroupID = p.UserIDGroupPairs[0].GroupID
		} else {
			q.CIDRIPv4 = p.IPRanges[0].CIDRIP
		}
		return c.ModifySecurityGroupRules(who, vpcmodel.ModifySecurityGroupRulesInput{GroupID: d.pick(t, "sg"),
			SecurityGroupRules: []vpcmodel.SecurityGroupRuleUpdate{{SecurityGroupRuleID: d.pick(t, "sgr"), SecurityGroupRule: q}}}, now)
	default:
		return nil, nil
	}
}

// views returns everything every caller can see of c at now.
func (d *driver) views(c *vpcmodel.Cloud, now time.Time) string {
	var b strings.Builder
	for _, who := range d.callers {
		for _, f := range []func() (any, error){
			func() (any, error) { return c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{}, now) },
			func() (any, error) {
				return c.DescribeVpcPeeringConnections(who, vpcmodel.DescribeVpcPeeringConnectionsInput{}, now)
			},
			func() (any, error) { return c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{}, now) },
			func() (any, error) { return c.DescribeSecurityGroups(who, vpcmodel.DescribeSecurityGroupsInput{}, now) },
			func() (any, error) { return c.DescribeNetworkAcls(who, vpcmodel.DescribeNetworkAclsInput{}, now) },
			func() (any, error) {
				return c.DescribeSecurityGroupRules(who, vpcmodel.DescribeSecurityGroupRulesInput{}, now)
			},
			func() (any, error) {
				return c.DescribeCustomerGateways(who, vpcmodel.DescribeCustomerGatewaysInput{}, now)
			},
			func() (any, error) { return c.DescribeVpnGateways(who, vpcmodel.DescribeVpnGatewaysInput{}, now) },
			func() (any, error) { return d.tgwViews(c, who, now), nil },
			func() (any, error) { return c.DescribeSubnets(who, vpcmodel.DescribeSubnetsInput{}, now) },
			func() (any, error) {
				return c.DescribeNetworkInterfaces(who, vpcmodel.DescribeNetworkInterfacesInput{}, now)
			},
			func() (any, error) {
				return c.DescribeNetworkInsightsPaths(who, vpcmodel.DescribeNetworkInsightsPathsInput{}, now)
			},
			func() (any, error) {
				var out []any
				for _, id := range d.ids["nip"] {
					o, err := c.DescribeNetworkInsightsAnalyses(who, vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsPathID: id}, now)
					out = append(out, o, err)
				}
				return out, nil
			},
			func() (any, error) {
				return c.DescribeInternetGateways(who, vpcmodel.DescribeInternetGatewaysInput{}, now)
			},
			func() (any, error) {
				return c.DescribeEgressOnlyInternetGateways(who, vpcmodel.DescribeEgressOnlyInternetGatewaysInput{}, now)
			},
			func() (any, error) {
				return c.DescribeVpnConnections(who, vpcmodel.DescribeVpnConnectionsInput{}, now)
			},
			func() (any, error) { return c.DescribeNatGateways(who, vpcmodel.DescribeNatGatewaysInput{}, now) },
			func() (any, error) { return c.DescribeAddresses(who, vpcmodel.DescribeAddressesInput{}, now) },
			func() (any, error) { return subnetGroupViews(c, who, now) },
			func() (any, error) { return c.DescribeDhcpOptions(who, vpcmodel.DescribeDhcpOptionsInput{}, now) },
			func() (any, error) { return c.DescribeFlowLogs(who, vpcmodel.DescribeFlowLogsInput{}, now) },
			func() (any, error) { return logsViews(c, who, now) },
			func() (any, error) { return iamViews(c, who, now) },
		} {
			out, err := f()
			fmt.Fprintf(&b, "%+v %v\n", out, err)
		}
		// Each tunnel's maintenance.
		if v, err := c.DescribeVpnConnections(who, vpcmodel.DescribeVpnConnectionsInput{}, now); err == nil {
			for _, conn := range v.VPNConnections {
				for _, tun := range conn.Options.TunnelOptions {
					out, err := c.GetVpnTunnelReplacementStatus(who, vpcmodel.GetVpnTunnelReplacementStatusInput{
						VPNConnectionID: conn.VPNConnectionID, VPNTunnelOutsideIPAddress: tun.OutsideIPAddress}, now)
					fmt.Fprintf(&b, "%+v %v\n", out, err)
				}
			}
		}
	}
	return b.String()
}

// TestSnapshotProperty writes a Cloud out after a random action sequence
// and reads it back into a new Cloud: the two answer every Describe alike
// for every caller, and stay alike over a further random sequence played
// on both with the same random stream.
func TestSnapshotProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		random := rand.NewChaCha8([32]byte{byte(rapid.IntRange(0, 255).Draw(t, "seed"))})
		c := vpcmodel.New(vpcmodel.Options{Random: random, CustomerDevicesConnect: true})
		d := newDriver(c)
		var d2 *driver
		for i := range rapid.IntRange(1, 60).Draw(t, "steps") {
			d.step(t)
			// Now and then, and always at the end, restore a copy and
			// compare: right after an action, before anything settles it.
			if rapid.IntRange(0, 3).Draw(t, fmt.Sprint("snapshot", i)) == 0 {
				d2 = restore(t, d, random)
				if a, b := d.views(d.c, d.now), d2.views(d2.c, d.now); a != b {
					t.Fatalf("views differ after restore at step %d:\n%s\n---\n%s", i, a, b)
				}
			}
		}
		d2 = restore(t, d, random)
		// The same further actions, the same draws: the same answers.
		for i := range rapid.IntRange(0, 30).Draw(t, "more") {
			seed := rapid.Uint64().Draw(t, fmt.Sprint("s", i))
			a := replay(d, seed)
			b := replay(d2, seed)
			if a != b {
				t.Fatalf("step %d differs:\n%s\n---\n%s", i, a, b)
			}
		}
		if a, b := d.views(d.c, d.now), d2.views(d2.c, d2.now); a != b {
			t.Fatalf("views differ at the end:\n%s\n---\n%s", a, b)
		}
	})
}

// restore writes d's Cloud out and reads it into a new Cloud whose random
// stream is a copy of random, returning a driver for it that knows the same
// IDs.
func restore(t *rapid.T, d *driver, random *rand.ChaCha8) *driver {
	var buf bytes.Buffer
	n, err := d.c.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v (wrote %d)", n, err, buf.Len())
	}
	state, _ := random.MarshalBinary()
	random2 := rand.NewChaCha8([32]byte{})
	if err := random2.UnmarshalBinary(state); err != nil {
		t.Fatal(err)
	}
	c2 := vpcmodel.New(vpcmodel.Options{Random: random2, CustomerDevicesConnect: true})
	if m, err := c2.ReadFrom(bytes.NewReader(buf.Bytes())); err != nil || m != int64(buf.Len()) {
		t.Fatalf("ReadFrom = %d, %v", m, err)
	}
	var again bytes.Buffer
	if _, err := c2.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Fatalf("the restored Cloud writes other bytes (%v):\n%s\n---\n%s", err, buf.String(), again.String())
	}
	d2 := *d
	d2.c = c2
	d2.ids, d2.mine = clone(d.ids), map[vpcmodel.Caller]map[string][]string{}
	for k, v := range d.mine {
		d2.mine[k] = clone(v)
	}
	return &d2
}

func clone(m map[string][]string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// replay plays one step on d drawn from seed, so that two drivers can play
// the same step.
func replay(d *driver, seed uint64) string {
	var out string
	rapid.Custom(func(t *rapid.T) int { out = d.step(t); return 0 }).Example(int(seed % (1 << 30)))
	return out
}

func TestReadFromRefusesBadStreams(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{3})})
	now := benchEpoch
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	v, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateTags(alice, vpcmodel.CreateTagsInput{ResourceIDs: []string{v.VPC.VPCID}, Tags: []vpcmodel.Tag{{Key: "Name", Value: "a"}}}, now); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	lines := strings.SplitAfter(good, "\n")
	vpcFields := strings.Split(lines[1], "\t")
	newer := fmt.Sprintf(`"version":%d`, vpcmodel.EncodingVersion+1)
	edit := func(old, new string) string {
		t.Helper()
		if !strings.Contains(good, old) {
			t.Fatalf("the stream holds no %q:\n%s", old, good)
		}
		return strings.Replace(good, old, new, 1)
	}
	for _, tt := range []struct{ name, stream string }{
		{"empty", ""},
		{"not ours", `{"format":"other","version":1}` + "\n"},
		{"newer version", edit(fmt.Sprintf(`"version":%d`, vpcmodel.EncodingVersion), newer)},
		{"version 0", edit(fmt.Sprintf(`"version":%d`, vpcmodel.EncodingVersion), `"version":0`)},
		{"no trailer", strings.Join(lines[:len(lines)-2], "")},
		{"torn line", good[:len(good)-10]},
		{"a record dropped", lines[0] + strings.Join(lines[2:], "")},
		{"unknown record", lines[0] + "gadget\t{}\n" + strings.Join(lines[1:], "")},
		{"tags on nothing", edit("\t"+v.VPC.VPCID+"\t[", "\tvpc-0123456789abcdef0\t[")},
		{"a field missing", edit("tags\t111111111111\t", "tags\t")},
		{"a bad owner", edit("tags\t111111111111\t", "tags\t1111\t")},
		{"a bad trailer", edit("end\t", "end\tx")},
		{"bad vpc", edit(`"10.0.0.0/16"`, `"10.0.0.1/16"`)},
		{"a vpc record of version 1", edit(strings.Join(vpcFields[3:6], "\t"), vpcFields[3])},
		{"a malformed main route table", edit("\t"+vpcFields[4]+"\t", "\trtb-1\t")},
		{"a main route table without its association", edit("\t"+vpcFields[5]+"\t", "\t-\t")},
		{"a main route table of a malformed association", edit("\t"+vpcFields[5]+"\t", "\trtbassoc-x\t")},
		{"no main route table", edit(strings.Join(vpcFields[4:6], "\t"), "-\t-")},
		{"a header count that does not read", edit(`"counts":{`, `"counts":{"vpc":"many",`)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{4})})
			if _, err := c2.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.9.0.0/16"}, now); err != nil {
				t.Fatal(err)
			}
			before := (&driver{callers: []vpcmodel.Caller{alice}}).views(c2, now)
			_, err := c2.ReadFrom(strings.NewReader(tt.stream))
			if !errors.Is(err, vpcmodel.ErrEncoding) {
				t.Fatalf("ReadFrom = %v, want ErrEncoding", err)
			}
			if after := (&driver{callers: []vpcmodel.Caller{alice}}).views(c2, now); after != before {
				t.Fatalf("a refused stream changed the Cloud")
			}
		})
	}
	_, err = vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(strings.Replace(good, fmt.Sprintf(`"version":%d`, vpcmodel.EncodingVersion), newer, 1)))
	if want := fmt.Sprintf("encoding version %d; this version of vpcmodel reads versions 1 to %d", vpcmodel.EncodingVersion+1, vpcmodel.EncodingVersion); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("a newer version gives %v, want an error saying %q", err, want)
	}
	// A count is a hint: one that is wrong, or past what ReadFrom makes
	// room for ahead, changes nothing.
	for _, counts := range []string{`"counts":{"vpc":1000000000,"routeTable":-5,"gadget":7,`, `"counts":{"vpc":0,`} {
		c2 := vpcmodel.New(vpcmodel.Options{})
		if _, err := c2.ReadFrom(strings.NewReader(edit(`"counts":{`, counts))); err != nil {
			t.Fatalf("counts %s: %v", counts, err)
		}
		if a, b := (&driver{callers: []vpcmodel.Caller{alice}}).views(c, now), (&driver{callers: []vpcmodel.Caller{alice}}).views(c2, now); a != b {
			t.Fatalf("counts %s: views differ:\n%s\n---\n%s", counts, a, b)
		}
	}
	_ = reflect.DeepEqual
}

// TestReadFromRefusesIPv6Inconsistency reads streams whose IPv6 state
// breaks a rule between resources: two VPCs listing one block (blocks are
// unique in a partition), a subnet's /64 outside its VPC's blocks, a
// settling step for a subnet that does not exist.
func TestReadFromRefusesIPv6Inconsistency(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{5})})
	now := benchEpoch
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	amazon := vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}
	a, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16", IPv6Request: amazon}, now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16", IPv6Request: amazon}, now)
	if err != nil {
		t.Fatal(err)
	}
	a6, b6 := a.VPC.IPv6CIDRBlockAssociations[0].IPv6CIDRBlock, b.VPC.IPv6CIDRBlockAssociations[0].IPv6CIDRBlock
	sub := netip.MustParsePrefix(a6).Addr().As16()
	sub[7] = 1
	s64 := netip.PrefixFrom(netip.AddrFrom16(sub), 64).String()
	s, err := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: a.VPC.VPCID, CIDRBlock: "10.0.1.0/24", IPv6CIDRBlock: s64}, now.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	if c2 := vpcmodel.New(vpcmodel.Options{}); func() error { _, err := c2.ReadFrom(strings.NewReader(good)); return err }() != nil {
		t.Fatal("the good stream is refused")
	}
	other := netip.MustParsePrefix(b6).Addr().As16()
	other[7] = 1
	for _, tt := range []struct{ name, stream string }{
		{"one block, two VPCs", strings.Replace(good, `"`+b6+`"`, `"`+a6+`"`, 1)},
		{"a subnet outside its VPC's block", strings.Replace(good, `"`+s64+`"`, `"`+netip.PrefixFrom(netip.AddrFrom16(other), 64).String()+`"`, 1)},
		{"a step for no subnet", strings.Replace(good, `"subnets":["`+s.Subnet.SubnetID+`"]`, `"subnets":["subnet-0123456789abcdef0"]`, 1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stream == good {
				t.Fatal("the edit did not apply")
			}
			_, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(tt.stream))
			if !errors.Is(err, vpcmodel.ErrEncoding) {
				t.Fatalf("ReadFrom = %v, want ErrEncoding", err)
			}
		})
	}
}

// subnetGroupStep plays one RDS, ElastiCache or Redshift subnet group
// action.
func (d *driver) subnetGroupStep(t *rapid.T, who vpcmodel.Caller, now time.Time) (any, error) {
	c := d.c
	svc := rapid.SampledFrom(subnetgroup.Service("").Values()).Draw(t, "service")
	name := rapid.SampledFrom([]string{"a", "b", "A"}).Draw(t, "groupName")
	// Mostly the caller's own subnets, which may make a group.
	subnets := func() []string {
		if mine := d.mine[who]["subnet"]; len(mine) > 0 && rapid.IntRange(0, 4).Draw(t, "own?") > 0 {
			return rapid.SliceOfNDistinct(rapid.SampledFrom(mine), 1, 3, rapid.ID[string]).Draw(t, "subnets")
		}
		return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) string { return d.pick(t, "subnet") }), 1, 3).Draw(t, "subnets")
	}
	tags := []vpcmodel.Tag{{Key: rapid.SampledFrom([]string{"k", "l"}).Draw(t, "tagKey"), Value: rapid.SampledFrom([]string{"1", "2"}).Draw(t, "tagValue")}}
	arn := fmt.Sprintf("arn:aws:%s:%s:%s:%s:%s", svc, who.Region, who.Account, svc.Rules().ARNResource, name)
	switch rapid.SampledFrom([]int{0, 0, 0, 1, 2, 3, 3}).Draw(t, "subnetGroupAction") {
	case 0:
		switch svc {
		case subnetgroup.RDS:
			return c.RDS().CreateDBSubnetGroup(who, vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: name, DBSubnetGroupDescription: "d",
				SubnetIDs: subnets(), Tags: tags}, now)
		case subnetgroup.ElastiCache:
			return c.ElastiCache().CreateCacheSubnetGroup(who, vpcmodel.CreateCacheSubnetGroupInput{CacheSubnetGroupName: name,
				CacheSubnetGroupDescription: "d", SubnetIDs: subnets(), Tags: tags}, now)
		default:
			return c.Redshift().CreateClusterSubnetGroup(who, vpcmodel.CreateClusterSubnetGroupInput{ClusterSubnetGroupName: name,
				Description: "d", SubnetIDs: subnets(), Tags: tags}, now)
		}
	case 1:
		desc := vpcmodel.Some(rapid.SampledFrom([]string{"d", "e"}).Draw(t, "description"))
		switch svc {
		case subnetgroup.RDS:
			return c.RDS().ModifyDBSubnetGroup(who, vpcmodel.ModifyDBSubnetGroupInput{DBSubnetGroupName: name, DBSubnetGroupDescription: desc,
				SubnetIDs: subnets()}, now)
		case subnetgroup.ElastiCache:
			return c.ElastiCache().ModifyCacheSubnetGroup(who, vpcmodel.ModifyCacheSubnetGroupInput{CacheSubnetGroupName: name,
				CacheSubnetGroupDescription: desc, SubnetIDs: vpcmodel.Some(subnets())}, now)
		default:
			return c.Redshift().ModifyClusterSubnetGroup(who, vpcmodel.ModifyClusterSubnetGroupInput{ClusterSubnetGroupName: name,
				Description: desc, SubnetIDs: subnets()}, now)
		}
	case 2:
		switch svc {
		case subnetgroup.RDS:
			return c.RDS().DeleteDBSubnetGroup(who, vpcmodel.DeleteDBSubnetGroupInput{DBSubnetGroupName: name}, now)
		case subnetgroup.ElastiCache:
			return c.ElastiCache().DeleteCacheSubnetGroup(who, vpcmodel.DeleteCacheSubnetGroupInput{CacheSubnetGroupName: name}, now)
		default:
			return c.Redshift().DeleteClusterSubnetGroup(who, vpcmodel.DeleteClusterSubnetGroupInput{ClusterSubnetGroupName: name}, now)
		}
	default:
		add := vpcmodel.AddTagsToResourceInput{ResourceName: arn, Tags: tags}
		remove := []string{tags[0].Key}
		untag := rapid.Bool().Draw(t, "untag?")
		switch {
		case svc == subnetgroup.RDS && untag:
			return c.RDS().RemoveTagsFromResource(who, vpcmodel.RemoveTagsFromResourceInput{ResourceName: arn, TagKeys: remove}, now)
		case svc == subnetgroup.RDS:
			return c.RDS().AddTagsToResource(who, add, now)
		case svc == subnetgroup.ElastiCache && untag:
			return c.ElastiCache().RemoveTagsFromResource(who, vpcmodel.RemoveTagsFromResourceInput{ResourceName: arn, TagKeys: remove}, now)
		case svc == subnetgroup.ElastiCache:
			return c.ElastiCache().AddTagsToResource(who, add, now)
		case untag:
			return c.Redshift().DeleteTags(who, vpcmodel.DeleteResourceTagsInput{ResourceName: arn, TagKeys: remove}, now)
		default:
			return c.Redshift().CreateTags(who, add, now)
		}
	}
}

// subnetGroupViews returns every subnet group of the three services a
// caller has, with the tags each service answers for them.
func subnetGroupViews(c *vpcmodel.Cloud, who vpcmodel.Caller, now time.Time) (string, error) {
	var b strings.Builder
	rds, err := c.RDS().DescribeDBSubnetGroups(who, vpcmodel.DescribeDBSubnetGroupsInput{}, now)
	if err != nil {
		return "", err
	}
	for _, g := range rds.DBSubnetGroups {
		tags, err := c.RDS().ListTagsForResource(who, vpcmodel.ListTagsForResourceInput{ResourceName: g.DBSubnetGroupARN}, now)
		fmt.Fprintf(&b, "%+v %+v %v\n", g, tags, err)
	}
	cache, err := c.ElastiCache().DescribeCacheSubnetGroups(who, vpcmodel.DescribeCacheSubnetGroupsInput{}, now)
	if err != nil {
		return "", err
	}
	for _, g := range cache.CacheSubnetGroups {
		tags, err := c.ElastiCache().ListTagsForResource(who, vpcmodel.ListTagsForResourceInput{ResourceName: g.ARN}, now)
		fmt.Fprintf(&b, "%+v %+v %v\n", g, tags, err)
	}
	dw, err := c.Redshift().DescribeClusterSubnetGroups(who, vpcmodel.DescribeClusterSubnetGroupsInput{}, now)
	fmt.Fprintf(&b, "%+v %v\n", dw, err)
	return b.String(), nil
}

// TestReadFromRefusesBadReferences edits one reference between the
// resources of a good stream at a time: ReadFrom must refuse each, even
// where it checks a reference by counting index entries rather than
// looking each one up.
func TestReadFromRefusesBadReferences(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{5})})
	now := benchEpoch
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	a, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
	must(err)
	b, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, now)
	must(err)
	va, vb := a.VPC.VPCID, b.VPC.VPCID
	web, err := c.CreateSecurityGroup(alice, vpcmodel.CreateSecurityGroupInput{VPCID: va, GroupName: "web", Description: "d"}, now)
	must(err)
	db, err := c.CreateSecurityGroup(alice, vpcmodel.CreateSecurityGroupInput{VPCID: va, GroupName: "db", Description: "d"}, now)
	must(err)
	s, err := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: va, CIDRBlock: "10.0.1.0/24"}, now)
	must(err)
	rt, err := c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: va}, now)
	must(err)
	as, err := c.AssociateRouteTable(alice, vpcmodel.AssociateRouteTableInput{RouteTableID: rt.RouteTable.RouteTableID, SubnetID: s.Subnet.SubnetID}, now)
	must(err)
	// A route in A's main table, so that it is written out; B's is implied
	// by B's record.
	pcx, err := c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: va, PeerVPCID: vb}, now)
	must(err)
	_, err = c.AcceptVpcPeeringConnection(alice, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx.VPCPeeringConnection.VPCPeeringConnectionID}, now)
	must(err)
	mains, err := c.DescribeRouteTables(alice, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{va}}, {Name: "association.main", Values: []string{"true"}}}}, now)
	must(err)
	_, err = c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: mains.RouteTables[0].RouteTableID, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "10.1.0.0/16"},
		RouteTarget: vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx.VPCPeeringConnection.VPCPeeringConnectionID}}, now)
	must(err)
	var buf bytes.Buffer
	_, err = c.WriteTo(&buf)
	must(err)
	good := buf.String()

	// line returns the stream's line of kind that holds each of parts.
	line := func(kind string, parts ...string) string {
		t.Helper()
	lines:
		for _, l := range strings.Split(good, "\n") {
			if !strings.HasPrefix(l, kind+"\t") {
				continue
			}
			for _, p := range parts {
				if !strings.Contains(l, p) {
					continue lines
				}
			}
			return l
		}
		t.Fatalf("no %s line holds %q:\n%s", kind, parts, good)
		return ""
	}
	field := func(l string, i int) string { return strings.Split(l, "\t")[i] }
	find := func(l, pattern string) string {
		t.Helper()
		m := regexp.MustCompile(pattern).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("%q holds no %s", l, pattern)
		}
		return m[1]
	}
	vpcA, vpcB := line("vpc", va), line("vpc", vb)
	mainA, custom := line("routeTable", `"vpc":"`+va, `"main":true`), line("routeTable", rt.RouteTable.RouteTableID)
	mainB, mainAssocB := field(vpcB, 4), field(vpcB, 5)
	webLine, dbLine := line("securityGroup", web.GroupID), line("securityGroup", db.GroupID)
	webRule, dbRule := find(webLine, `"(sgr-[0-9a-f]+)"`), find(dbLine, `"(sgr-[0-9a-f]+)"`)
	edit := func(old, new string) string {
		t.Helper()
		if strings.Count(good, old) != 1 {
			t.Fatalf("the stream holds %q %d times, want once", old, strings.Count(good, old))
		}
		return strings.Replace(good, old, new, 1)
	}
	subnetAssoc := `{"id":"` + as.AssociationID + `","subnet":"` + s.Subnet.SubnetID + `"}`
	for _, tt := range []struct{ name, stream, cause string }{
		{"two VPCs name one default group", edit(vpcB, strings.Replace(vpcB, field(vpcB, 1), field(vpcA, 1), 1)), "another VPC's"},
		{"two VPCs name one default ACL", edit(vpcB, strings.Replace(vpcB, field(vpcB, 2), field(vpcA, 2), 1)), "another VPC's"},
		{"a VPC's default group is another VPC's group", edit(vpcB, strings.Replace(vpcB, field(vpcB, 1), web.GroupID, 1)), "default"},
		{"a group of another owner", edit(webLine, strings.Replace(webLine, "111111111111\t", "222222222222\t", 1)), "not its owner's"},
		{"a group of no VPC", edit(webLine, strings.Replace(webLine, va, "vpc-0123456789abcdef0", 1)), "not its owner's"},
		{"a group that claims to be its VPC's default", edit(webLine, strings.Replace(webLine, `"rules":`, `"default":true,"rules":`, 1)), "default flag"},
		{"a rule ID held twice", edit(dbLine, strings.Replace(dbLine, dbRule, webRule, 1)), "rule ID is held twice"},
		{"a route table of another owner's VPC", edit(custom, strings.Replace(custom, "111111111111\t", "222222222222\t", 1)), "not its owner's"},
		{"an association ID held twice", edit(vpcB, strings.Replace(vpcB, mainAssocB, as.AssociationID, 1)), "twice"},
		{"a subnet associated twice", edit(mainA, strings.Replace(mainA, `"main":true}`, `"main":true},{"id":"rtbassoc-0123456789abcdef0","subnet":"`+s.Subnet.SubnetID+`"}`, 1)), "twice"},
		{"two main tables", edit(subnetAssoc, `{"id":"`+as.AssociationID+`","main":true}`), "twice"},
		{"a VPC without a main table", edit(vpcB, strings.Replace(vpcB, mainB+"\t"+mainAssocB, "-\t-", 1)), "no main route table"},
		{"an implied main table written too", edit(vpcB, strings.Replace(vpcB, mainB, rt.RouteTable.RouteTableID, 1)), "route table " + rt.RouteTable.RouteTableID + " twice"},
		{"an implied main table of another VPC", edit(vpcB, strings.Replace(vpcB, mainB, find(mainA, `"id":"(rtb-[0-9a-f]+)"`), 1)), "twice"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(tt.stream))
			if !errors.Is(err, vpcmodel.ErrEncoding) || !strings.Contains(err.Error(), tt.cause) {
				t.Fatalf("ReadFrom = %v, want ErrEncoding saying %q", err, tt.cause)
			}
		})
	}
	if _, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(good)); err != nil {
		t.Fatalf("the good stream: %v", err)
	}
}
