package vpcmodel_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
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

// TestReadFromRefusesDHCPFlowInconsistency checks that ReadFrom refuses a
// stream whose option sets, associations or flow logs contradict the rest.
func TestReadFromRefusesDHCPFlowInconsistency(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{5})})
	now := benchEpoch
	alice := vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	v, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)
	if err != nil {
		t.Fatal(err)
	}
	set, err := c.CreateDhcpOptions(alice, vpcmodel.CreateDhcpOptionsInput{DHCPConfigurations: []vpcmodel.NewDHCPConfiguration{{Key: "domain-name", Values: []string{"x"}}}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AssociateDhcpOptions(alice, vpcmodel.AssociateDhcpOptionsInput{DHCPOptionsID: set.DHCPOptions.DHCPOptionsID, VPCID: v.VPC.VPCID}, now); err != nil {
		t.Fatal(err)
	}
	fl, err := c.CreateFlowLogs(alice, vpcmodel.CreateFlowLogsInput{ResourceIDs: []string{v.VPC.VPCID}, ResourceType: "VPC", TrafficType: "ALL",
		LogDestinationType: "s3", LogDestination: "arn:aws:s3:::bucket"}, now)
	if err != nil || len(fl.FlowLogIDs) != 1 {
		t.Fatal(fl, err)
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	for _, want := range []string{"dhcpDefault\t", "dhcpOptions\t", "dhcpAssociation\t", "flowLog\t"} {
		if !strings.Contains(good, "\n"+want) {
			t.Fatalf("the stream has no %q record:\n%s", want, good)
		}
	}
	if _, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(good)); err != nil {
		t.Fatalf("ReadFrom(good) = %v", err)
	}
	for _, tt := range []struct{ name, stream string }{
		{"association to no set", strings.Replace(good, "\t"+set.DHCPOptions.DHCPOptionsID+"\n", "\tdopt-0123456789abcdef0\n", 1)},
		{"association of no VPC", strings.Replace(good, "dhcpAssociation\t"+v.VPC.VPCID, "dhcpAssociation\tvpc-0123456789abcdef0", 1)},
		{"flow log of no VPC", strings.Replace(good, `"resource":"`+v.VPC.VPCID, `"resource":"vpc-0123456789abcdef0`, 1)},
		{"flow log of another owner", strings.Replace(good, "flowLog\t111111111111", "flowLog\t222222222222", 1)},
		{"set of another owner", strings.Replace(good, "dhcpOptions\t111111111111", "dhcpOptions\t222222222222", 1)},
		{"bad option", strings.Replace(good, `["domain-name","x"]`, `["domain-name"]`, 1)},
		{"default twice", strings.Replace(good, "dhcpDefault\t111111111111\tus-east-1\t{}\n", "dhcpDefault\t111111111111\tus-east-1\t{}\ndhcpDefault\t111111111111\tus-east-1\t{}\n", 1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stream == good {
				t.Fatal("the case changes nothing")
			}
			if _, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(tt.stream)); !errors.Is(err, vpcmodel.ErrEncoding) {
				t.Fatalf("ReadFrom = %v, want ErrEncoding", err)
			}
		})
	}
}
