package vpcmodel_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

// The model of DHCP option sets and flow logs that TestDHCPFlowMachine
// checks the Cloud against, written from EC2's documented rules: every
// account has a default set in each Region, which new VPCs use while it
// exists; a set in use cannot be deleted; "default" leaves a VPC with no
// set; a flow log needs a resource of its owner's and no twin of the same
// traffic type and destination; a VPC's flow logs go with it.

type dfVPC struct {
	owner vpcmodel.Caller
	dopt  string // "default" for none
}

type dfFlow struct {
	owner              vpcmodel.Caller
	resource, traffic  string
	destination, group string
}

type dhcpFlowMachine struct {
	c       *vpcmodel.Cloud
	now     time.Time
	callers []vpcmodel.Caller

	vpcs  map[string]dfVPC
	sets  map[string]vpcmodel.Caller // live sets, defaults included
	defs  map[vpcmodel.Caller]string // each scope's default set, learned from the Cloud
	flows map[string]dfFlow
	seen  []string // every ID the Cloud answered with
}

func (m *dhcpFlowMachine) init(t *rapid.T) {
	m.c = vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{byte(rapid.IntRange(0, 255).Draw(t, "seed"))})})
	m.now = benchEpoch
	m.callers = []vpcmodel.Caller{
		{Account: "111111111111", Region: "us-east-1"},
		{Account: "111111111111", Region: "eu-west-1"},
		{Account: "222222222222", Region: "us-east-1"},
	}
	m.vpcs, m.sets, m.defs, m.flows = map[string]dfVPC{}, map[string]vpcmodel.Caller{}, map[vpcmodel.Caller]string{}, map[string]dfFlow{}
	// The default set exists from the start; learn its ID as a caller would.
	for _, who := range m.callers {
		o, err := m.c.DescribeDhcpOptions(who, vpcmodel.DescribeDhcpOptionsInput{}, m.now)
		if err != nil || len(o.DHCPOptions) != 1 {
			t.Fatalf("%v: DescribeDhcpOptions = %+v, %v; want the default set alone", who, o, err)
		}
		d := o.DHCPOptions[0]
		domain := who.Region + ".compute.internal"
		if who.Region == "us-east-1" {
			domain = "ec2.internal"
		}
		if len(d.DHCPConfigurations) != 2 || d.DHCPConfigurations[0].Values[0].Value != domain ||
			d.DHCPConfigurations[1].Values[0].Value != "AmazonProvidedDNS" || d.OwnerID != who.Account {
			t.Fatalf("%v: default set = %+v", who, d)
		}
		m.defs[who], m.sets[d.DHCPOptionsID] = d.DHCPOptionsID, who
		m.seen = append(m.seen, d.DHCPOptionsID)
	}
}

func (m *dhcpFlowMachine) who(t *rapid.T) vpcmodel.Caller {
	return rapid.SampledFrom(m.callers).Draw(t, "who")
}

// pick returns one of the IDs seen with prefix, or one that names nothing.
func (m *dhcpFlowMachine) pick(t *rapid.T, prefix string) string {
	var ids []string
	for _, id := range m.seen {
		if len(id) > len(prefix) && id[:len(prefix)+1] == prefix+"-" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 || rapid.IntRange(0, 9).Draw(t, "unknown") == 0 {
		return prefix + "-0123456789abcdef0"
	}
	return rapid.SampledFrom(ids).Draw(t, prefix)
}

func (m *dhcpFlowMachine) CreateVpc(t *rapid.T) {
	who := m.who(t)
	o, err := m.c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, m.now)
	want(t, "CreateVpc", err, "")
	dopt := "default"
	if d := m.defs[who]; m.sets[d] == who {
		dopt = d
	}
	if o.VPC.DHCPOptionsID != dopt {
		t.Fatalf("new VPC's DhcpOptionsId = %s, model says %s", o.VPC.DHCPOptionsID, dopt)
	}
	m.vpcs[o.VPC.VPCID] = dfVPC{who, dopt}
	m.seen = append(m.seen, o.VPC.VPCID)
}

func (m *dhcpFlowMachine) DeleteVpc(t *rapid.T) {
	who, id := m.who(t), m.pick(t, "vpc")
	_, err := m.c.DeleteVpc(who, vpcmodel.DeleteVpcInput{VPCID: id}, m.now)
	if v, ok := m.vpcs[id]; !ok || v.owner != who {
		want(t, "DeleteVpc", err, "InvalidVpcID.NotFound")
		return
	}
	want(t, "DeleteVpc", err, "")
	delete(m.vpcs, id)
	maps.DeleteFunc(m.flows, func(_ string, f dfFlow) bool { return f.resource == id })
}

func (m *dhcpFlowMachine) CreateDhcpOptions(t *rapid.T) {
	who := m.who(t)
	node := rapid.SampledFrom([]string{"1", "2", "3", "4", "8", "16"}).Draw(t, "node")
	o, err := m.c.CreateDhcpOptions(who, vpcmodel.CreateDhcpOptionsInput{DHCPConfigurations: []vpcmodel.NewDHCPConfiguration{
		{Key: "netbios-node-type", Values: []string{node}}, {Key: "domain-name", Values: []string{"m.example"}}}}, m.now)
	if node == "3" || node == "16" {
		want(t, "CreateDhcpOptions", err, "InvalidParameterValue")
		return
	}
	want(t, "CreateDhcpOptions", err, "")
	m.sets[o.DHCPOptions.DHCPOptionsID] = who
	m.seen = append(m.seen, o.DHCPOptions.DHCPOptionsID)
}

func (m *dhcpFlowMachine) DeleteDhcpOptions(t *rapid.T) {
	who, id := m.who(t), m.pick(t, "dopt")
	_, err := m.c.DeleteDhcpOptions(who, vpcmodel.DeleteDhcpOptionsInput{DHCPOptionsID: id}, m.now)
	switch {
	case m.sets[id] != who:
		want(t, "DeleteDhcpOptions", err, "InvalidDhcpOptionID.NotFound")
	case slices.ContainsFunc(slices.Collect(maps.Values(m.vpcs)), func(v dfVPC) bool { return v.dopt == id }):
		want(t, "DeleteDhcpOptions", err, "DependencyViolation")
	default:
		want(t, "DeleteDhcpOptions", err, "")
		delete(m.sets, id)
	}
}

func (m *dhcpFlowMachine) AssociateDhcpOptions(t *rapid.T) {
	who, vpcID, id := m.who(t), m.pick(t, "vpc"), m.pick(t, "dopt")
	if rapid.IntRange(0, 3).Draw(t, "none") == 0 {
		id = "default"
	}
	_, err := m.c.AssociateDhcpOptions(who, vpcmodel.AssociateDhcpOptionsInput{DHCPOptionsID: id, VPCID: vpcID}, m.now)
	switch v, ok := m.vpcs[vpcID]; {
	case !ok || v.owner != who:
		want(t, "AssociateDhcpOptions", err, "InvalidVpcID.NotFound")
	case id != "default" && m.sets[id] != who:
		want(t, "AssociateDhcpOptions", err, "InvalidDhcpOptionID.NotFound")
	default:
		want(t, "AssociateDhcpOptions", err, "")
		v.dopt = id
		m.vpcs[vpcID] = v
	}
}

func (m *dhcpFlowMachine) CreateFlowLogs(t *rapid.T) {
	who := m.who(t)
	res := []string{m.pick(t, "vpc"), m.pick(t, "vpc")}
	traffic := rapid.SampledFrom([]string{"ALL", "ACCEPT", "REJECT"}).Draw(t, "traffic")
	in := vpcmodel.CreateFlowLogsInput{ResourceIDs: res, ResourceType: "VPC", TrafficType: traffic}
	var dest, group string
	if rapid.Bool().Draw(t, "s3") {
		dest = "arn:aws:s3:::bucket-" + rapid.SampledFrom([]string{"a", "b"}).Draw(t, "bucket")
		in.LogDestinationType, in.LogDestination = "s3", dest
	} else {
		group = rapid.SampledFrom([]string{"g1", "g2"}).Draw(t, "group")
		in.LogGroupName, in.DeliverLogsPermissionARN = group, "arn:aws:iam::"+who.Account+":role/r"
	}
	o, err := m.c.CreateFlowLogs(who, in, m.now)
	want(t, "CreateFlowLogs", err, "")
	made, failed := 0, 0
	for _, r := range res {
		code := ""
		if v, ok := m.vpcs[r]; !ok || v.owner != who {
			code = "InvalidVpcID.NotFound"
		} else if slices.ContainsFunc(slices.Collect(maps.Values(m.flows)), func(f dfFlow) bool {
			return f.resource == r && f.traffic == traffic && f.destination == dest && f.group == group
		}) {
			code = "FlowLogAlreadyExists"
		}
		if code != "" {
			if failed >= len(o.Unsuccessful) || o.Unsuccessful[failed].ResourceID != r || o.Unsuccessful[failed].Error.Code != code {
				t.Fatalf("CreateFlowLogs(%v) = %+v; model says %s fails with %s", res, o, r, code)
			}
			failed++
			continue
		}
		if made >= len(o.FlowLogIDs) {
			t.Fatalf("CreateFlowLogs(%v) = %+v; model says %s gets a flow log", res, o, r)
		}
		id := o.FlowLogIDs[made]
		m.flows[id] = dfFlow{who, r, traffic, dest, group}
		m.seen = append(m.seen, id)
		made++
	}
	if made != len(o.FlowLogIDs) || failed != len(o.Unsuccessful) {
		t.Fatalf("CreateFlowLogs(%v) = %+v; model says %d made, %d failed", res, o, made, failed)
	}
}

func (m *dhcpFlowMachine) DeleteFlowLogs(t *rapid.T) {
	who := m.who(t)
	ids := []string{m.pick(t, "fl"), m.pick(t, "fl")}
	o, err := m.c.DeleteFlowLogs(who, vpcmodel.DeleteFlowLogsInput{FlowLogIDs: ids}, m.now)
	want(t, "DeleteFlowLogs", err, "")
	var fails []string
	for _, id := range ids {
		if f, ok := m.flows[id]; ok && f.owner == who {
			delete(m.flows, id)
		} else {
			fails = append(fails, id)
		}
	}
	var got []string
	for _, u := range o.Unsuccessful {
		if u.Error.Code != "InvalidFlowLogId.NotFound" {
			t.Fatalf("DeleteFlowLogs(%v): %+v", ids, u)
		}
		got = append(got, u.ResourceID)
	}
	if !slices.Equal(got, fails) {
		t.Fatalf("DeleteFlowLogs(%v) unsuccessful %v, model says %v", ids, got, fails)
	}
}

// Check compares every caller's view with the model.
func (m *dhcpFlowMachine) Check(t *rapid.T) {
	for _, who := range m.callers {
		vs, err := m.c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{}, m.now)
		want(t, "DescribeVpcs", err, "")
		got := map[string]string{}
		for _, v := range vs.VPCs {
			got[v.VPCID] = v.DHCPOptionsID
		}
		wantVPCs := map[string]string{}
		for id, v := range m.vpcs {
			if v.owner == who {
				wantVPCs[id] = v.dopt
			}
		}
		if !maps.Equal(got, wantVPCs) {
			t.Fatalf("%v: VPCs' sets %v, model says %v", who, got, wantVPCs)
		}
		ds, err := m.c.DescribeDhcpOptions(who, vpcmodel.DescribeDhcpOptionsInput{}, m.now)
		want(t, "DescribeDhcpOptions", err, "")
		var sets, wantSets []string
		for _, d := range ds.DHCPOptions {
			sets = append(sets, d.DHCPOptionsID)
		}
		for id, owner := range m.sets {
			if owner == who {
				wantSets = append(wantSets, id)
			}
		}
		slices.Sort(wantSets)
		if !slices.Equal(sets, wantSets) {
			t.Fatalf("%v: sets %v, model says %v", who, sets, wantSets)
		}
		fs, err := m.c.DescribeFlowLogs(who, vpcmodel.DescribeFlowLogsInput{}, m.now)
		want(t, "DescribeFlowLogs", err, "")
		gotFlows := map[string]string{}
		for _, f := range fs.FlowLogs {
			gotFlows[f.FlowLogID] = fmt.Sprint(f.ResourceID, f.TrafficType, f.LogDestination, f.LogGroupName)
		}
		wantFlows := map[string]string{}
		for id, f := range m.flows {
			if f.owner == who {
				wantFlows[id] = fmt.Sprint(f.resource, f.traffic, f.destination, f.group)
			}
		}
		if !maps.Equal(gotFlows, wantFlows) {
			t.Fatalf("%v: flow logs %v, model says %v", who, gotFlows, wantFlows)
		}
	}
}

// TestDHCPFlowMachine drives option sets, their associations and flow logs
// through random actions, by random callers, on IDs of every owner, and
// checks every caller's view against the model after each.
func TestDHCPFlowMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := &dhcpFlowMachine{}
		m.init(t)
		t.Repeat(rapid.StateMachineActions(m))
	})
}
