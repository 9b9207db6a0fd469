package vpcmodel_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/reach"
)

// TestNetworkInsights drives the Network Insights actions: a path is
// created and listed, an analysis runs until the next call and then shows
// its result, filters and pagination apply, and deletion goes analyses
// first.
func TestNetworkInsights(t *testing.T) {
	p := newPeered(t, false)
	c, who, now := p.c, p.who, p.now
	path := must[vpcmodel.CreateNetworkInsightsPathOutput](t)(c.CreateNetworkInsightsPath(who, vpcmodel.CreateNetworkInsightsPathInput{
		ClientToken: "t1", Protocol: "TCP", Source: p.ea, Destination: "arn:aws:ec2:us-east-1:" + who.Account + ":network-interface/" + p.eb,
		DestinationPort:   vpcmodel.Some(443),
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "network-insights-path", Tags: []vpcmodel.Tag{{Key: "Name", Value: "web-db"}}}}}, now)).NetworkInsightsPath
	if !strings.HasPrefix(path.NetworkInsightsPathID, "nip-") || path.Protocol != "tcp" || path.Destination != p.eb ||
		path.SourceARN != "arn:aws:ec2:us-east-1:"+who.Account+":network-interface/"+p.ea || !strings.HasSuffix(path.NetworkInsightsPathARN, "network-insights-path/"+path.NetworkInsightsPathID) ||
		len(path.Tags) != 1 || !path.CreatedDate.Equal(now) {
		t.Fatalf("CreateNetworkInsightsPath = %+v", path)
	}
	again := must[vpcmodel.CreateNetworkInsightsPathOutput](t)(c.CreateNetworkInsightsPath(who, vpcmodel.CreateNetworkInsightsPathInput{
		ClientToken: "t1", Protocol: "tcp", Source: p.ea, Destination: p.eb}, now)).NetworkInsightsPath
	if again.NetworkInsightsPathID != path.NetworkInsightsPathID {
		t.Fatal("a repeated client token made a second path")
	}
	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateNetworkInsightsPathInput
		code string
	}{
		{"protocol", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "icmp", Source: p.ea, Destination: p.eb}, "InvalidParameterValue"},
		{"port", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "tcp", Source: p.ea, Destination: p.eb, DestinationPort: vpcmodel.Some(70000)}, "InvalidParameterValue"},
		{"address", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "tcp", Source: p.ea, DestinationIP: "2001:db8::1"}, "InvalidParameterValue"},
		{"no destination", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "tcp", Source: p.ea}, "MissingParameter"},
		{"unknown source", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "tcp", Source: "eni-0123456789abcdef0", Destination: p.eb}, "InvalidNetworkInterfaceID.NotFound"},
		{"unknown destination", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "tcp", Source: p.ea, Destination: "igw-0123456789abcdef0"}, "InvalidInternetGatewayID.NotFound"},
		{"filter and port", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "tcp", Source: p.ea, Destination: p.eb,
			DestinationPort: vpcmodel.Some(443), FilterAtSource: vpcmodel.Some(vpcmodel.PathFilter{SourceAddress: "10.0.1.10"})}, "InvalidParameterCombination"},
		{"a route table", vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "x", Protocol: "tcp", Source: p.rtbA, Destination: p.eb}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Version()
			_, err := c.CreateNetworkInsightsPath(who, tt.in, now)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refused CreateNetworkInsightsPath changed the Cloud")
			}
		})
	}
	id := path.NetworkInsightsPathID
	start := func(token string) vpcmodel.NetworkInsightsAnalysis {
		t.Helper()
		return must[vpcmodel.StartNetworkInsightsAnalysisOutput](t)(c.StartNetworkInsightsAnalysis(who, vpcmodel.StartNetworkInsightsAnalysisInput{
			NetworkInsightsPathID: id, ClientToken: token}, now)).NetworkInsightsAnalysis
	}
	a := start("a1")
	if a.Status != "running" || a.NetworkPathFound.Set || len(a.Explanations) > 0 || !strings.HasPrefix(a.NetworkInsightsAnalysisID, "nia-") {
		t.Fatalf("StartNetworkInsightsAnalysis = %+v", a)
	}
	describe := func(in vpcmodel.DescribeNetworkInsightsAnalysesInput) []vpcmodel.NetworkInsightsAnalysis {
		t.Helper()
		return must[vpcmodel.DescribeNetworkInsightsAnalysesOutput](t)(c.DescribeNetworkInsightsAnalyses(who, in, now)).NetworkInsightsAnalyses
	}
	got := describe(vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsAnalysisIDs: []string{a.NetworkInsightsAnalysisID}})[0]
	if got.Status != "succeeded" || !got.NetworkPathFound.Set || got.NetworkPathFound.Value || len(got.Explanations) != 1 {
		t.Fatalf("the analysis after a call: %+v", got)
	}
	x := got.Explanations[0]
	if x.ExplanationCode != "NO_ROUTE_TO_DESTINATION" || !x.RouteTable.Set || x.RouteTable.Value.ID != p.rtbB || x.Component.Value.ID != p.rtbB ||
		!strings.HasPrefix(x.Component.Value.ARN, "arn:aws:ec2:us-east-1:") {
		t.Fatalf("explanation %+v", x)
	}
	if n := len(got.ForwardPathComponents); n != 8 || got.ForwardPathComponents[0].Component.ID != p.ea || !got.ForwardPathComponents[0].OutboundHeader.Set ||
		got.ForwardPathComponents[3].RouteTableRoute.Value.VPCPeeringConnectionID != p.pcx || got.ForwardPathComponents[2].ACLRule.Value.Protocol != "all" ||
		got.ForwardPathComponents[6].SecurityGroupRule.Value.PortRange.Value != (vpcmodel.PortRange{From: 443, To: 443}) {
		t.Fatalf("forward components %+v", got.ForwardPathComponents)
	}
	// The route back; a new analysis finds the path.
	p.route(p.rtbB, "10.0.0.0/16", vpcmodel.RouteTarget{VPCPeeringConnectionID: p.pcx})
	b := start("a2")
	if again := start("a2"); again.NetworkInsightsAnalysisID != b.NetworkInsightsAnalysisID {
		t.Fatal("a repeated client token started a second analysis")
	}
	all := describe(vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsPathID: id})
	if len(all) != 2 {
		t.Fatalf("analyses of the path: %d", len(all))
	}
	found := describe(vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsPathID: id, Filters: []vpcmodel.Filter{{Name: "path-found", Values: []string{"true"}}}})
	if len(found) != 1 || found[0].NetworkInsightsAnalysisID != b.NetworkInsightsAnalysisID || len(found[0].ReturnPathComponents) != 6 ||
		!found[0].ForwardPathComponents[7].InboundHeader.Set {
		t.Fatalf("path-found filter: %+v", found)
	}
	// Filters on components to pass or avoid.
	in := must[vpcmodel.StartNetworkInsightsAnalysisOutput](t)(c.StartNetworkInsightsAnalysis(who, vpcmodel.StartNetworkInsightsAnalysisInput{
		NetworkInsightsPathID: id, ClientToken: "a3", FilterOutARNs: []string{p.pcx}}, now)).NetworkInsightsAnalysis
	out := describe(vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsAnalysisIDs: []string{in.NetworkInsightsAnalysisID}})[0]
	if out.NetworkPathFound.Value || out.Explanations[0].ExplanationCode != "COMPONENT_FILTER_RESTRICTION_REMOVED_COMPONENT" {
		t.Fatalf("avoiding the connection: %+v", out)
	}
	_, err := c.DescribeNetworkInsightsAnalyses(who, vpcmodel.DescribeNetworkInsightsAnalysesInput{}, now)
	wantCode(t, err, "MissingParameter")
	_, err = c.DescribeNetworkInsightsAnalyses(who, vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsAnalysisIDs: []string{"nia-0123456789abcdef0"}}, now)
	wantCode(t, err, "InvalidNetworkInsightsAnalysisId.NotFound")
	_, err = c.DescribeNetworkInsightsAnalyses(who, vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsAnalysisIDs: []string{"nia-x"}}, now)
	wantCode(t, err, "InvalidNetworkInsightsAnalysisId.Malformed")
	pg := must[vpcmodel.DescribeNetworkInsightsAnalysesOutput](t)(c.DescribeNetworkInsightsAnalyses(who, vpcmodel.DescribeNetworkInsightsAnalysesInput{
		NetworkInsightsPathID: id, Page: vpcmodel.Page{MaxResults: vpcmodel.Some(2)}}, now))
	if len(pg.NetworkInsightsAnalyses) != 2 || pg.NextToken == "" {
		t.Fatalf("a page of 2: %+v", pg)
	}
	paths := must[vpcmodel.DescribeNetworkInsightsPathsOutput](t)(c.DescribeNetworkInsightsPaths(who, vpcmodel.DescribeNetworkInsightsPathsInput{
		Filters: []vpcmodel.Filter{{Name: "destination", Values: []string{p.eb}}, {Name: "tag:Name", Values: []string{"web-*"}}}}, now)).NetworkInsightsPaths
	if len(paths) != 1 || paths[0].NetworkInsightsPathID != id {
		t.Fatalf("DescribeNetworkInsightsPaths = %+v", paths)
	}
	// Another account sees none of it.
	other := vpcmodel.Caller{Account: "222222222222", Region: who.Region}
	if d, _ := c.DescribeNetworkInsightsPaths(other, vpcmodel.DescribeNetworkInsightsPathsInput{}, now); len(d.NetworkInsightsPaths) != 0 {
		t.Fatal("another account sees the path")
	}
	// A path goes after its analyses.
	_, err = c.DeleteNetworkInsightsPath(who, vpcmodel.DeleteNetworkInsightsPathInput{NetworkInsightsPathID: id}, now)
	wantCode(t, err, "AnalysisExistsForNetworkInsightsPath")
	for _, a := range describe(vpcmodel.DescribeNetworkInsightsAnalysesInput{NetworkInsightsPathID: id}) {
		o := must[vpcmodel.DeleteNetworkInsightsAnalysisOutput](t)(c.DeleteNetworkInsightsAnalysis(who, vpcmodel.DeleteNetworkInsightsAnalysisInput{NetworkInsightsAnalysisID: a.NetworkInsightsAnalysisID}, now))
		if o.NetworkInsightsAnalysisID != a.NetworkInsightsAnalysisID {
			t.Fatalf("DeleteNetworkInsightsAnalysis = %+v", o)
		}
	}
	o := must[vpcmodel.DeleteNetworkInsightsPathOutput](t)(c.DeleteNetworkInsightsPath(who, vpcmodel.DeleteNetworkInsightsPathInput{NetworkInsightsPathID: id}, now))
	if o.NetworkInsightsPathID != id {
		t.Fatalf("DeleteNetworkInsightsPath = %+v", o)
	}
	_, err = c.DeleteNetworkInsightsPath(who, vpcmodel.DeleteNetworkInsightsPathInput{NetworkInsightsPathID: id}, now)
	wantCode(t, err, "InvalidNetworkInsightsPathId.NotFound")
}

// TestNetworkInsightsFailed checks that an analysis whose end is gone
// fails, naming the missing component, and that an analysis reports what
// Cloud.Reach reports.
func TestNetworkInsightsFailed(t *testing.T) {
	p := newPeered(t, true)
	c, who, now := p.c, p.who, p.now
	e := p.eni(p.sb, "")
	path := must[vpcmodel.CreateNetworkInsightsPathOutput](t)(c.CreateNetworkInsightsPath(who, vpcmodel.CreateNetworkInsightsPathInput{
		ClientToken: "t", Protocol: "udp", Source: p.ea, Destination: e}, now)).NetworkInsightsPath
	r := p.reach(at(p.ea), at(e), reach.UDP, 0)
	a := must[vpcmodel.StartNetworkInsightsAnalysisOutput](t)(c.StartNetworkInsightsAnalysis(who, vpcmodel.StartNetworkInsightsAnalysisInput{
		NetworkInsightsPathID: path.NetworkInsightsPathID, ClientToken: "a"}, now)).NetworkInsightsAnalysis
	must[vpcmodel.ReturnOutput](t)(c.DeleteNetworkInterface(who, vpcmodel.DeleteNetworkInterfaceInput{NetworkInterfaceID: e}, now))
	got := must[vpcmodel.DescribeNetworkInsightsAnalysesOutput](t)(c.DescribeNetworkInsightsAnalyses(who, vpcmodel.DescribeNetworkInsightsAnalysesInput{
		NetworkInsightsAnalysisIDs: []string{a.NetworkInsightsAnalysisID}}, now)).NetworkInsightsAnalyses[0]
	var codes []string
	for _, x := range got.Explanations {
		codes = append(codes, x.ExplanationCode)
	}
	var want []string
	for _, x := range r.Explanations {
		want = append(want, string(x.Code))
	}
	if got.Status != "succeeded" || got.NetworkPathFound.Value != r.Found || !slices.Equal(codes, want) {
		t.Fatalf("analysis %+v, Reach %v", got, r)
	}
	// Analysed again, the interface is gone.
	b := must[vpcmodel.StartNetworkInsightsAnalysisOutput](t)(c.StartNetworkInsightsAnalysis(who, vpcmodel.StartNetworkInsightsAnalysisInput{
		NetworkInsightsPathID: path.NetworkInsightsPathID, ClientToken: "b"}, now)).NetworkInsightsAnalysis
	got = must[vpcmodel.DescribeNetworkInsightsAnalysesOutput](t)(c.DescribeNetworkInsightsAnalyses(who, vpcmodel.DescribeNetworkInsightsAnalysesInput{
		NetworkInsightsAnalysisIDs: []string{b.NetworkInsightsAnalysisID}, Filters: []vpcmodel.Filter{{Name: "status", Values: []string{"failed"}}}}, now)).NetworkInsightsAnalyses[0]
	if got.NetworkPathFound.Set || got.StatusMessage != "The request failed due to missing component "+e {
		t.Fatalf("analysis of a path whose end is gone: %+v", got)
	}
}
