package vpcmodel_test

import (
	"math/rand/v2"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// sgWorld is two accounts with a VPC each and a group in each, for the
// security group tests that need a peer.
type sgWorld struct {
	c          *vpcmodel.Cloud
	alice, bob vpcmodel.Caller
	a, b       string // VPCs
	web, api   string // groups: web in a, api in b
	defA       string // a's default group
	pcx        string // the active peering between a and b, once peer ran
	t          *testing.T
}

func newSGWorld(t *testing.T) *sgWorld {
	t.Helper()
	w := &sgWorld{c: vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9})}), t: t,
		alice: vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"},
		bob:   vpcmodel.Caller{Account: "222222222222", Region: "us-east-1"}}
	now := benchEpoch
	vpcOf := func(who vpcmodel.Caller, block string) string {
		o, err := w.c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: block}, now)
		if err != nil {
			t.Fatal(err)
		}
		return o.VPC.VPCID
	}
	w.a, w.b = vpcOf(w.alice, "10.0.0.0/16"), vpcOf(w.bob, "10.1.0.0/16")
	group := func(who vpcmodel.Caller, vpcID, name string) string {
		o, err := w.c.CreateSecurityGroup(who, vpcmodel.CreateSecurityGroupInput{GroupName: name, Description: name, VPCID: vpcID}, now)
		if err != nil {
			t.Fatal(err)
		}
		return o.GroupID
	}
	w.web, w.api = group(w.alice, w.a, "web"), group(w.bob, w.b, "api")
	d, err := w.c.DescribeSecurityGroups(w.alice, vpcmodel.DescribeSecurityGroupsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{w.a}}, {Name: "group-name", Values: []string{"default"}}}}, now)
	if err != nil || len(d.SecurityGroups) != 1 {
		t.Fatalf("default group: %+v, %v", d, err)
	}
	w.defA = d.SecurityGroups[0].GroupID
	return w
}

// peer joins a and b with an active peering connection.
func (w *sgWorld) peer() {
	w.t.Helper()
	p, err := w.c.CreateVpcPeeringConnection(w.alice, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: w.a, PeerVPCID: w.b, PeerOwnerID: w.bob.Account}, benchEpoch)
	if err != nil {
		w.t.Fatal(err)
	}
	w.pcx = p.VPCPeeringConnection.VPCPeeringConnectionID
	if _, err := w.c.AcceptVpcPeeringConnection(w.bob, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: w.pcx}, benchEpoch); err != nil {
		w.t.Fatal(err)
	}
}

// ingress authorizes rules on group g and answers their IDs in order.
func (w *sgWorld) ingress(g string, perms ...vpcmodel.IPPermission) []string {
	w.t.Helper()
	o, err := w.c.AuthorizeSecurityGroupIngress(w.alice, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: g, IPPermissions: perms}, benchEpoch)
	if err != nil {
		w.t.Fatal(err)
	}
	var ids []string
	for _, r := range o.SecurityGroupRules {
		ids = append(ids, r.SecurityGroupRuleID)
	}
	return ids
}

func (w *sgWorld) rule(id string) vpcmodel.SecurityGroupRule {
	w.t.Helper()
	o, err := w.c.DescribeSecurityGroupRules(w.alice, vpcmodel.DescribeSecurityGroupRulesInput{SecurityGroupRuleIDs: []string{id}}, benchEpoch)
	if err != nil || len(o.SecurityGroupRules) != 1 {
		w.t.Fatalf("DescribeSecurityGroupRules(%s) = %+v, %v", id, o, err)
	}
	return o.SecurityGroupRules[0]
}

func tcp(from, to int, cidr string) vpcmodel.IPPermission {
	return vpcmodel.IPPermission{IPProtocol: "tcp", FromPort: vpcmodel.Some(from), ToPort: vpcmodel.Some(to), IPRanges: []vpcmodel.IPRange{{CIDRIP: cidr}}}
}

func tcpRequest(from, to int, cidr string) vpcmodel.SecurityGroupRuleRequest {
	return vpcmodel.SecurityGroupRuleRequest{IPProtocol: "tcp", FromPort: vpcmodel.Some(from), ToPort: vpcmodel.Some(to), CIDRIPv4: cidr}
}

func TestModifySecurityGroupRules(t *testing.T) {
	w := newSGWorld(t)
	ids := w.ingress(w.web, tcp(22, 22, "10.0.0.0/8"), tcp(80, 80, "10.0.0.0/8"))
	v6 := w.ingress(w.web, vpcmodel.IPPermission{IPProtocol: "-1", IPv6Ranges: []vpcmodel.IPv6Range{{CIDRIPv6: "2001:db8::/32"}}})[0]
	defRules, _ := w.c.DescribeSecurityGroupRules(w.alice, vpcmodel.DescribeSecurityGroupRulesInput{Filters: []vpcmodel.Filter{{Name: "group-id", Values: []string{w.defA}}}}, benchEpoch)
	otherGroupsRule := defRules.SecurityGroupRules[0].SecurityGroupRuleID
	if _, err := w.c.CreateTags(w.alice, vpcmodel.CreateTagsInput{ResourceIDs: []string{ids[0]}, Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}, benchEpoch); err != nil {
		t.Fatal(err)
	}
	before := w.c.Version()

	upd := func(id string, q vpcmodel.SecurityGroupRuleRequest) vpcmodel.SecurityGroupRuleUpdate {
		return vpcmodel.SecurityGroupRuleUpdate{SecurityGroupRuleID: id, SecurityGroupRule: q}
	}
	for _, tt := range []struct {
		name    string
		group   string
		updates []vpcmodel.SecurityGroupRuleUpdate
		code    string
	}{
		{"unknown group", "sg-0123456789abcdef0", []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], tcpRequest(1, 1, "10.0.0.0/8"))}, "InvalidGroup.NotFound"},
		{"unknown rule", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd("sgr-0123456789abcdef0", tcpRequest(1, 1, "10.0.0.0/8"))}, "InvalidSecurityGroupRuleId.NotFound"},
		{"malformed rule id", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd("rule-1", tcpRequest(1, 1, "10.0.0.0/8"))}, "InvalidSecurityGroupRuleId.Malformed"},
		{"rule of another group", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(otherGroupsRule, tcpRequest(1, 1, "10.0.0.0/8"))}, "InvalidSecurityGroupRuleId.NotFound"},
		{"no target", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], vpcmodel.SecurityGroupRuleRequest{IPProtocol: "tcp", FromPort: vpcmodel.Some(1), ToPort: vpcmodel.Some(1)})}, "MissingParameter"},
		{"two targets", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], vpcmodel.SecurityGroupRuleRequest{IPProtocol: "tcp", FromPort: vpcmodel.Some(1), ToPort: vpcmodel.Some(1), CIDRIPv4: "10.0.0.0/8", PrefixListID: "pl-0123456789abcdef0"})}, "InvalidParameterCombination"},
		{"duplicate of another rule", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], tcpRequest(80, 80, "10.0.0.0/8"))}, "InvalidPermission.Duplicate"},
		{"two results alike", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], tcpRequest(5, 5, "10.0.0.0/8")), upd(ids[1], tcpRequest(5, 5, "10.1.2.3/8"))}, "InvalidPermission.Duplicate"},
		{"the same id twice", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], tcpRequest(5, 5, "10.0.0.0/8")), upd(ids[0], tcpRequest(6, 6, "10.0.0.0/8"))}, "InvalidParameterValue"},
		{"ipv6 rule to ipv4 block", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(v6, tcpRequest(5, 5, "10.0.0.0/8"))}, "InvalidParameterValue"},
		{"bad port, after a good update", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], tcpRequest(2222, 2222, "10.0.0.0/8")), upd(ids[1], tcpRequest(0, 70000, "10.0.0.0/8"))}, "InvalidPermission.Malformed"},
		{"no protocol", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], vpcmodel.SecurityGroupRuleRequest{CIDRIPv4: "10.0.0.0/8"})}, "InvalidParameterValue"},
		{"group in an unpeered vpc", w.web, []vpcmodel.SecurityGroupRuleUpdate{upd(ids[0], vpcmodel.SecurityGroupRuleRequest{IPProtocol: "-1", ReferencedGroupID: w.api})}, "InvalidGroup.NotFound"},
		{"no updates", w.web, nil, "MissingParameter"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.c.ModifySecurityGroupRules(w.alice, vpcmodel.ModifySecurityGroupRulesInput{GroupID: tt.group, SecurityGroupRules: tt.updates}, benchEpoch)
			wantErrCode(t, err, tt.code)
			if w.c.Version() != before {
				t.Fatal("a refused ModifySecurityGroupRules changed the state")
			}
			if r := w.rule(ids[0]); r.FromPort != 22 {
				t.Fatalf("rule %s changed by a refused request: %+v", ids[0], r)
			}
		})
	}

	// Two rules swap their ports in one request: each result repeats the
	// other's old rule, which is no duplicate once both have changed.
	out, err := w.c.ModifySecurityGroupRules(w.alice, vpcmodel.ModifySecurityGroupRulesInput{GroupID: w.web, SecurityGroupRules: []vpcmodel.SecurityGroupRuleUpdate{
		upd(ids[0], vpcmodel.SecurityGroupRuleRequest{IPProtocol: "tcp", FromPort: vpcmodel.Some(80), ToPort: vpcmodel.Some(80), CIDRIPv4: "10.0.0.0/8", Description: "was ssh"}),
		upd(ids[1], tcpRequest(22, 22, "10.0.0.0/8")),
	}}, benchEpoch)
	if err != nil || !out.Return {
		t.Fatalf("swap = %+v, %v", out, err)
	}
	if w.c.Version() == before {
		t.Fatal("Version did not change")
	}
	r0 := w.rule(ids[0])
	if r0.FromPort != 80 || r0.Description != "was ssh" || r0.IsEgress || len(r0.Tags) != 1 {
		t.Fatalf("rule after modify = %+v", r0)
	}
	// Peer kinds may change, within one IP version.
	_, err = w.c.ModifySecurityGroupRules(w.alice, vpcmodel.ModifySecurityGroupRulesInput{GroupID: w.web, SecurityGroupRules: []vpcmodel.SecurityGroupRuleUpdate{
		upd(ids[1], vpcmodel.SecurityGroupRuleRequest{IPProtocol: "udp", FromPort: vpcmodel.Some(53), ToPort: vpcmodel.Some(53), ReferencedGroupID: w.defA}),
		upd(v6, vpcmodel.SecurityGroupRuleRequest{IPProtocol: "-1", CIDRIPv6: "2001:db8:1::/48"}),
	}}, benchEpoch)
	if err != nil {
		t.Fatal(err)
	}
	if r := w.rule(ids[1]); r.IPProtocol != "udp" || !r.ReferencedGroupInfo.Set || r.CIDRIPv4 != "" {
		t.Fatalf("rule to a group = %+v", r)
	}
	// The egress direction is kept: an egress rule modified stays egress.
	eg, _ := w.c.DescribeSecurityGroupRules(w.alice, vpcmodel.DescribeSecurityGroupRulesInput{Filters: []vpcmodel.Filter{{Name: "group-id", Values: []string{w.web}}}}, benchEpoch)
	var egressID string
	for _, r := range eg.SecurityGroupRules {
		if r.IsEgress {
			egressID = r.SecurityGroupRuleID
		}
	}
	if _, err := w.c.ModifySecurityGroupRules(w.alice, vpcmodel.ModifySecurityGroupRulesInput{GroupID: w.web, SecurityGroupRules: []vpcmodel.SecurityGroupRuleUpdate{
		upd(egressID, tcpRequest(443, 443, "0.0.0.0/0"))}}, benchEpoch); err != nil {
		t.Fatal(err)
	}
	if r := w.rule(egressID); !r.IsEgress || r.FromPort != 443 {
		t.Fatalf("egress rule after modify = %+v", r)
	}
}

func TestDescribeStaleSecurityGroups(t *testing.T) {
	w := newSGWorld(t)
	stale := func() vpcmodel.DescribeStaleSecurityGroupsOutput {
		t.Helper()
		o, err := w.c.DescribeStaleSecurityGroups(w.alice, vpcmodel.DescribeStaleSecurityGroupsInput{VPCID: w.a}, benchEpoch)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	if o := stale(); len(o.StaleSecurityGroups) != 0 {
		t.Fatalf("stale groups before any peer rule = %+v", o)
	}
	w.peer()
	pair := vpcmodel.UserIDGroupPair{GroupID: w.api, UserID: w.bob.Account}
	w.ingress(w.web, vpcmodel.IPPermission{IPProtocol: "tcp", FromPort: vpcmodel.Some(443), ToPort: vpcmodel.Some(443), UserIDGroupPairs: []vpcmodel.UserIDGroupPair{pair}})
	if _, err := w.c.AuthorizeSecurityGroupEgress(w.alice, vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: w.defA,
		IPPermissions: []vpcmodel.IPPermission{{IPProtocol: "-1", UserIDGroupPairs: []vpcmodel.UserIDGroupPair{pair}}}}, benchEpoch); err != nil {
		t.Fatal(err)
	}
	if o := stale(); len(o.StaleSecurityGroups) != 0 {
		t.Fatalf("stale groups while peered = %+v", o)
	}

	// The peering goes: both rules stay, stale.
	if _, err := w.c.DeleteVpcPeeringConnection(w.alice, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: w.pcx}, benchEpoch); err != nil {
		t.Fatal(err)
	}
	o := stale()
	if len(o.StaleSecurityGroups) != 2 {
		t.Fatalf("stale groups after the peering went = %+v", o)
	}
	for _, g := range o.StaleSecurityGroups {
		perms := g.StaleIPPermissions
		if g.GroupID == w.defA {
			perms = g.StaleIPPermissionsEgress
			if len(g.StaleIPPermissions) != 0 {
				t.Fatalf("default group's self rule reported stale: %+v", g)
			}
		}
		if len(perms) != 1 || len(perms[0].UserIDGroupPairs) != 1 || g.VPCID != w.a {
			t.Fatalf("stale group = %+v", g)
		}
		p := perms[0].UserIDGroupPairs[0]
		want := vpcmodel.UserIDGroupPair{GroupID: w.api, UserID: w.bob.Account, VPCID: w.b, VPCPeeringConnectionID: w.pcx, PeeringStatus: "deleted"}
		if p != want {
			t.Fatalf("stale pair = %+v, want %+v", p, want)
		}
	}
	// Paging: one group a page, in ID order.
	first, err := w.c.DescribeStaleSecurityGroups(w.alice, vpcmodel.DescribeStaleSecurityGroupsInput{VPCID: w.a, Page: vpcmodel.Page{MaxResults: vpcmodel.Some(5)}}, benchEpoch)
	if err != nil || len(first.StaleSecurityGroups) != 2 || first.NextToken != "" {
		t.Fatalf("page = %+v, %v", first, err)
	}
	_, err = w.c.DescribeStaleSecurityGroups(w.alice, vpcmodel.DescribeStaleSecurityGroupsInput{VPCID: w.a, Page: vpcmodel.Page{MaxResults: vpcmodel.Some(4)}}, benchEpoch)
	wantErrCode(t, err, "InvalidParameterValue")
	_, err = w.c.DescribeStaleSecurityGroups(w.alice, vpcmodel.DescribeStaleSecurityGroupsInput{VPCID: w.b}, benchEpoch)
	wantErrCode(t, err, "InvalidVpcID.NotFound")

	// A new peering between the same VPCs makes the rules live again.
	w.peer()
	if o := stale(); len(o.StaleSecurityGroups) != 0 {
		t.Fatalf("stale groups after peering again = %+v", o)
	}
	// The referenced group goes: stale again, over an active peering.
	if _, err := w.c.DeleteSecurityGroup(w.bob, vpcmodel.DeleteSecurityGroupInput{GroupID: w.api}, benchEpoch); err != nil {
		t.Fatal(err)
	}
	if o := stale(); len(o.StaleSecurityGroups) != 2 {
		t.Fatalf("stale groups after the peer group went = %+v", o)
	}
}
