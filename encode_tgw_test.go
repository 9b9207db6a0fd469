package vpcmodel_test

import (
	"fmt"
	"strings"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

// tgwStep plays one transit gateway action.
func (d *driver) tgwStep(t *rapid.T, who vpcmodel.Caller, now time.Time) (any, error) {
	c := d.c
	pair := func() vpcmodel.TransitGatewayRouteTableAttachmentInput {
		return vpcmodel.TransitGatewayRouteTableAttachmentInput{TransitGatewayRouteTableID: d.pick(t, "tgw-rtb"),
			TransitGatewayAttachmentID: d.pick(t, "tgw-attach")}
	}
	switch rapid.IntRange(0, 14).Draw(t, "tgwAction") {
	case 0:
		o, err := c.CreateTransitGateway(who, vpcmodel.CreateTransitGatewayInput{Description: "d", Options: vpcmodel.TransitGatewayRequestOptions{
			DefaultRouteTableAssociation: rapid.SampledFrom([]string{"", "enable", "disable"}).Draw(t, "assoc"),
			DefaultRouteTablePropagation: rapid.SampledFrom([]string{"", "disable"}).Draw(t, "prop")},
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "transit-gateway", Tags: []vpcmodel.Tag{{Key: "Name", Value: "t"}}}}}, now)
		d.saw("tgw", o.TransitGateway.TransitGatewayID)
		if id := o.TransitGateway.Options.AssociationDefaultRouteTableID; id != "" {
			d.saw("tgw-rtb", id)
		} else {
			d.saw("tgw-rtb", o.TransitGateway.Options.PropagationDefaultRouteTableID)
		}
		return o, err
	case 1:
		return c.DeleteTransitGateway(who, vpcmodel.DeleteTransitGatewayInput{TransitGatewayID: d.pick(t, "tgw")}, now)
	case 2:
		o, err := c.CreateTransitGatewayRouteTable(who, vpcmodel.CreateTransitGatewayRouteTableInput{TransitGatewayID: d.pick(t, "tgw")}, now)
		d.saw("tgw-rtb", o.TransitGatewayRouteTable.TransitGatewayRouteTableID)
		return o, err
	case 3:
		return c.DeleteTransitGatewayRouteTable(who, vpcmodel.DeleteTransitGatewayRouteTableInput{TransitGatewayRouteTableID: d.pick(t, "tgw-rtb")}, now)
	case 4:
		o, err := c.CreateTransitGatewayVpcAttachment(who, vpcmodel.CreateTransitGatewayVpcAttachmentInput{TransitGatewayID: d.pick(t, "tgw"),
			VPCID: d.pick(t, "vpc"), SubnetIDs: []string{d.pick(t, "subnet")}}, now)
		d.saw("tgw-attach", o.TransitGatewayVPCAttachment.TransitGatewayAttachmentID)
		return o, err
	case 5:
		return c.DeleteTransitGatewayVpcAttachment(who, vpcmodel.DeleteTransitGatewayVpcAttachmentInput{TransitGatewayAttachmentID: d.pick(t, "tgw-attach")}, now)
	case 6:
		return c.AssociateTransitGatewayRouteTable(who, pair(), now)
	case 7:
		return c.DisassociateTransitGatewayRouteTable(who, pair(), now)
	case 8:
		return c.EnableTransitGatewayRouteTablePropagation(who, pair(), now)
	case 9:
		return c.DisableTransitGatewayRouteTablePropagation(who, pair(), now)
	case 10:
		in := vpcmodel.CreateTransitGatewayRouteInput{TransitGatewayRouteTableID: d.pick(t, "tgw-rtb"),
			DestinationCIDRBlock: fmt.Sprintf("10.%d.0.0/16", rapid.IntRange(0, 5).Draw(t, "dest"))}
		if rapid.Bool().Draw(t, "blackhole") {
			in.Blackhole = true
		} else {
			in.TransitGatewayAttachmentID = d.pick(t, "tgw-attach")
		}
		return c.CreateTransitGatewayRoute(who, in, now)
	case 11:
		return c.DeleteTransitGatewayRoute(who, vpcmodel.DeleteTransitGatewayRouteInput{TransitGatewayRouteTableID: d.pick(t, "tgw-rtb"),
			DestinationCIDRBlock: fmt.Sprintf("10.%d.0.0/16", rapid.IntRange(0, 5).Draw(t, "dest"))}, now)
	case 12:
		o, err := c.CreateVpnConnection(who, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: d.pick(t, "cgw"),
			TransitGatewayID: d.pick(t, "tgw"), Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: true}}, now)
		d.saw("vpn", o.VPNConnection.VPNConnectionID)
		if err == nil {
			a, _ := c.DescribeTransitGatewayAttachments(who, vpcmodel.DescribeTransitGatewayAttachmentsInput{
				Filters: []vpcmodel.Filter{{Name: "resource-id", Values: []string{o.VPNConnection.VPNConnectionID}}}}, now)
			for _, x := range a.TransitGatewayAttachments {
				d.saw("tgw-attach", x.TransitGatewayAttachmentID)
			}
		}
		return o, err
	case 13:
		desc := rapid.SampledFrom([]string{"x", ""}).Draw(t, "desc")
		return c.ModifyTransitGateway(who, vpcmodel.ModifyTransitGatewayInput{TransitGatewayID: d.pick(t, "tgw"), Description: vpcmodel.Some(desc),
			Options: vpcmodel.ModifyTransitGatewayOptions{DNSSupport: rapid.SampledFrom([]string{"", "disable", "enable"}).Draw(t, "dns")}}, now)
	default:
		in := vpcmodel.CreateRouteInput{RouteTableID: d.pick(t, "rtb")}
		in.DestinationCIDRBlock = "172.16.0.0/12"
		in.TransitGatewayID = d.pick(t, "tgw")
		return c.CreateRoute(who, in, now)
	}
}

// tgwViews describes everything of who's transit gateways.
func (d *driver) tgwViews(c *vpcmodel.Cloud, who vpcmodel.Caller, now time.Time) string {
	var b strings.Builder
	out := func(v any, err error) { fmt.Fprintf(&b, "%+v %v\n", v, err) }
	out(c.DescribeTransitGateways(who, vpcmodel.DescribeTransitGatewaysInput{}, now))
	out(c.DescribeTransitGatewayAttachments(who, vpcmodel.DescribeTransitGatewayAttachmentsInput{}, now))
	out(c.DescribeTransitGatewayVpcAttachments(who, vpcmodel.DescribeTransitGatewayVpcAttachmentsInput{}, now))
	rts, err := c.DescribeTransitGatewayRouteTables(who, vpcmodel.DescribeTransitGatewayRouteTablesInput{}, now)
	out(rts, err)
	for _, rt := range rts.TransitGatewayRouteTables {
		id := rt.TransitGatewayRouteTableID
		out(c.GetTransitGatewayRouteTableAssociations(who, vpcmodel.GetTransitGatewayRouteTableAssociationsInput{TransitGatewayRouteTableID: id}, now))
		out(c.GetTransitGatewayRouteTablePropagations(who, vpcmodel.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableID: id}, now))
		out(c.SearchTransitGatewayRoutes(who, vpcmodel.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableID: id,
			Filters: []vpcmodel.Filter{{Name: "state", Values: []string{"active", "blackhole"}}}}, now))
	}
	return b.String()
}
