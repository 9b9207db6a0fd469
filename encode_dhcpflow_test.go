package vpcmodel_test

import (
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

// dhcpFlowStep plays one DHCP option set or flow log action for the
// snapshot property.
func (d *driver) dhcpFlowStep(t *rapid.T, who vpcmodel.Caller, now time.Time) (any, error) {
	c := d.c
	switch rapid.IntRange(0, 6).Draw(t, "dhcpflow") {
	case 0:
		o, err := c.CreateDhcpOptions(who, vpcmodel.CreateDhcpOptionsInput{
			DHCPConfigurations: []vpcmodel.NewDHCPConfiguration{
				{Key: "domain-name", Values: []string{rapid.SampledFrom([]string{"a.example", "b.example"}).Draw(t, "domain")}},
				{Key: rapid.SampledFrom([]string{"ntp-servers", "netbios-node-type"}).Draw(t, "key"), Values: []string{"2"}},
			},
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "dhcp-options", Tags: []vpcmodel.Tag{{Key: "Name", Value: "d"}}}},
		}, now)
		d.saw("dopt", o.DHCPOptions.DHCPOptionsID)
		return o, err
	case 1:
		return c.DeleteDhcpOptions(who, vpcmodel.DeleteDhcpOptionsInput{DHCPOptionsID: d.pick(t, "dopt")}, now)
	case 2:
		id := d.pick(t, "dopt")
		if rapid.IntRange(0, 3).Draw(t, "none") == 0 {
			id = "default"
		}
		return c.AssociateDhcpOptions(who, vpcmodel.AssociateDhcpOptionsInput{DHCPOptionsID: id, VPCID: d.pick(t, "vpc")}, now)
	case 3:
		o, err := c.DescribeDhcpOptions(who, vpcmodel.DescribeDhcpOptionsInput{}, now)
		for _, s := range o.DHCPOptions {
			d.saw("dopt", s.DHCPOptionsID) // the Region's default set
		}
		return o, err
	case 4:
		kind := rapid.SampledFrom([]string{"vpc", "subnet", "eni"}).Draw(t, "resource")
		typ := map[string]string{"vpc": "VPC", "subnet": "Subnet", "eni": "NetworkInterface"}[kind]
		in := vpcmodel.CreateFlowLogsInput{ResourceIDs: []string{d.pick(t, kind), d.pick(t, kind)}, ResourceType: typ,
			TrafficType:       rapid.SampledFrom([]string{"ALL", "ACCEPT", "REJECT"}).Draw(t, "traffic"),
			ClientToken:       rapid.SampledFrom([]string{"", "", "t1"}).Draw(t, "token"),
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc-flow-log", Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}}}
		if rapid.Bool().Draw(t, "s3") {
			in.LogDestinationType, in.LogDestination = "s3", "arn:aws:s3:::bucket/"+rapid.SampledFrom([]string{"a", "b"}).Draw(t, "prefix")
			in.DestinationOptions = vpcmodel.Some(vpcmodel.DestinationOptionsRequest{FileFormat: "parquet", PerHourPartition: true})
		} else {
			in.LogGroupName = rapid.SampledFrom([]string{"g1", "g2"}).Draw(t, "group")
			in.DeliverLogsPermissionARN = "arn:aws:iam::" + who.Account + ":role/r"
			in.MaxAggregationInterval = vpcmodel.Some(60)
		}
		o, err := c.CreateFlowLogs(who, in, now)
		for _, id := range o.FlowLogIDs {
			d.saw("fl", id)
		}
		return o, err
	case 5:
		return c.DeleteFlowLogs(who, vpcmodel.DeleteFlowLogsInput{FlowLogIDs: []string{d.pick(t, "fl")}}, now)
	default:
		return c.CreateTags(who, vpcmodel.CreateTagsInput{ResourceIDs: []string{d.pick(t, rapid.SampledFrom([]string{"dopt", "fl"}).Draw(t, "tagged"))},
			Tags: []vpcmodel.Tag{{Key: "t", Value: "x"}}}, now)
	}
}
