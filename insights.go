package vpcmodel

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/reach"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/secgroup"
)

// Network Insights: EC2's API to Reachability Analyzer. A path names a
// source, a destination and the traffic; an analysis of a path runs
// reach.Analyze over the caller's Region as the state was when it started,
// is running until the next call, and is then succeeded, with its result
// (or failed, when an end of the path no longer exists). Analyses are kept
// until deleted; a path with analyses cannot be deleted
// (AnalysisExistsForNetworkInsightsPath, as Terraform meets it).

// The ID kinds of Network Insights, with the codes of spec N.4.
var (
	insightsPath     = ec2.Kind{Prefix: "nip", Name: "network insights path", Malformed: "InvalidNetworkInsightsPathId.Malformed", NotFound: "InvalidNetworkInsightsPathId.NotFound"}
	insightsAnalysis = ec2.Kind{Prefix: "nia", Name: "network insights analysis", Malformed: "InvalidNetworkInsightsAnalysisId.Malformed", NotFound: "InvalidNetworkInsightsAnalysisId.NotFound"}
)

// The statuses of an analysis.
const (
	AnalysisRunning   = "running"
	AnalysisSucceeded = "succeeded"
	AnalysisFailed    = "failed"
)

// insights is the part of a Cloud's state that Network Insights adds.
type insights struct {
	paths    map[string]*nipRec
	analyses map[string]*niaRec
	// Indexes, derived from the records.
	pathsIn    map[scope]idSet  // each scope's paths
	analysesIn map[scope]idSet  // each scope's analyses
	ofPath     map[string]idSet // path -> its analyses
	running    []string         // analyses to complete on the next call
}

func newInsights() insights {
	return insights{paths: map[string]*nipRec{}, analyses: map[string]*niaRec{}, pathsIn: map[scope]idSet{},
		analysesIn: map[scope]idSet{}, ofPath: map[string]idSet{}}
}

// nipRec is one path: its owner, the client token that made it and the
// path as DescribeNetworkInsightsPaths shows it, tags aside.
type nipRec struct {
	Owner scope               `json:"owner"`
	Token string              `json:"token"`
	Path  NetworkInsightsPath `json:"path"`
}

// niaRec is one analysis: its owner, the client token that started it and
// the analysis as it is once complete, tags aside. Running reports whether
// it has yet to complete.
type niaRec struct {
	Owner    scope                   `json:"owner"`
	Token    string                  `json:"token"`
	Running  bool                    `json:"running,omitempty"`
	Analysis NetworkInsightsAnalysis `json:"analysis"`
}

func (x *insights) indexPath(r *nipRec) { addID(x.pathsIn, r.Owner, r.Path.NetworkInsightsPathID) }

func (x *insights) indexAnalysis(r *niaRec) {
	id := r.Analysis.NetworkInsightsAnalysisID
	addID(x.analysesIn, r.Owner, id)
	addID(x.ofPath, r.Analysis.NetworkInsightsPathID, id)
	if r.Running {
		x.running = append(x.running, id)
	}
}

// settleInsights completes the analyses started by earlier calls.
func (c *Cloud) settleInsights() {
	for _, id := range c.running {
		if r := c.analyses[id]; r != nil {
			r.Running = false
		}
	}
	c.running = c.running[:0]
}

// FilterPortRange is a port range of a path filter.
type FilterPortRange struct {
	FromPort Optional[int] `ec2:"FromPort"`
	ToPort   Optional[int] `ec2:"ToPort"`
}

// PathFilter is a path's filter at its source or destination: the
// traffic's addresses and port ranges (FilterAtSource, FilterAtDestination).
type PathFilter struct {
	DestinationAddress   string                    `ec2:"DestinationAddress,omitempty"`
	DestinationPortRange Optional[FilterPortRange] `ec2:"DestinationPortRange"`
	SourceAddress        string                    `ec2:"SourceAddress,omitempty"`
	SourcePortRange      Optional[FilterPortRange] `ec2:"SourcePortRange"`
}

// NetworkInsightsPath is a path as DescribeNetworkInsightsPaths shows it.
type NetworkInsightsPath struct {
	CreatedDate            time.Time            `ec2:"CreatedDate"`
	Destination            string               `ec2:"Destination,omitempty"`
	DestinationARN         string               `ec2:"DestinationArn,omitempty"`
	DestinationIP          string               `ec2:"DestinationIp,omitempty"`
	DestinationPort        Optional[int]        `ec2:"DestinationPort"`
	FilterAtDestination    Optional[PathFilter] `ec2:"FilterAtDestination"`
	FilterAtSource         Optional[PathFilter] `ec2:"FilterAtSource"`
	NetworkInsightsPathARN string               `ec2:"NetworkInsightsPathArn"`
	NetworkInsightsPathID  string               `ec2:"NetworkInsightsPathId"`
	Protocol               string               `ec2:"Protocol"`
	Source                 string               `ec2:"Source"`
	SourceARN              string               `ec2:"SourceArn"`
	SourceIP               string               `ec2:"SourceIp,omitempty"`
	Tags                   []Tag                `ec2:"TagSet" json:"-"`
}

// CreateNetworkInsightsPathInput is the input of
// [Cloud.CreateNetworkInsightsPath].
type CreateNetworkInsightsPathInput struct {
	ClientToken         string               `ec2:"ClientToken,required"`
	Protocol            string               `ec2:"Protocol,required"`
	Source              string               `ec2:"Source,required"`
	Destination         string               `ec2:"Destination"`
	DestinationIP       string               `ec2:"DestinationIp"`
	DestinationPort     Optional[int]        `ec2:"DestinationPort"`
	SourceIP            string               `ec2:"SourceIp"`
	FilterAtSource      Optional[PathFilter] `ec2:"FilterAtSource"`
	FilterAtDestination Optional[PathFilter] `ec2:"FilterAtDestination"`
	TagSpecifications   []TagSpecification   `ec2:"TagSpecification"`
}

// CreateNetworkInsightsPathOutput is the output of
// [Cloud.CreateNetworkInsightsPath].
type CreateNetworkInsightsPathOutput struct {
	NetworkInsightsPath NetworkInsightsPath `ec2:"NetworkInsightsPath"`
}

func invalidParam(name, value, why string) error {
	return &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("Value (%s) for parameter %s is invalid. %s", value, name, why)}
}

// resourceID returns the ID an ID-or-ARN parameter names: an ARN's
// resource part after the slash.
func resourceID(s string) string {
	if strings.HasPrefix(s, "arn:") {
		if i := strings.LastIndexByte(s, '/'); i >= 0 {
			return s[i+1:]
		}
	}
	return s
}

// pathAddr parses an address parameter of a path: IPv4, at most 15
// characters.
func pathAddr(name, s string) (netip.Addr, error) {
	if s == "" {
		return netip.Addr{}, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() || len(s) > 15 {
		return netip.Addr{}, invalidParam(name, s, "Expected an IPv4 address.")
	}
	return a, nil
}

func (c *Cloud) createNetworkInsightsPath(k *call, in *CreateNetworkInsightsPathInput) (*CreateNetworkInsightsPathOutput, error) {
	for _, id := range sortedIDs(c.pathsIn[k.scope]) {
		if r := c.paths[id]; r.Token == in.ClientToken {
			return &CreateNetworkInsightsPathOutput{NetworkInsightsPath: c.pathOutput(r)}, nil
		}
	}
	proto := strings.ToLower(in.Protocol)
	if !reach.Protocol(proto).IsValid() {
		return nil, invalidParam("Protocol", in.Protocol, "Expected: 'tcp', 'udp'.")
	}
	if p, ok := in.DestinationPort.Get(); ok && (p < 0 || p > 65535) {
		return nil, invalidParam("DestinationPort", strconv.Itoa(p), "Expected a port from 0 to 65535.")
	}
	switch fs, fd := in.FilterAtSource.Set, in.FilterAtDestination.Set; {
	case fs && (in.SourceIP != "" || in.DestinationPort.Set):
		return nil, &Error{Code: ec2.InvalidParameterCombination, Message: "FilterAtSource cannot be given with SourceIp or DestinationPort."}
	case fd && in.DestinationIP != "":
		return nil, &Error{Code: ec2.InvalidParameterCombination, Message: "FilterAtDestination cannot be given with DestinationIp."}
	}
	src, dst := resourceID(in.Source), resourceID(in.Destination)
	path := NetworkInsightsPath{CreatedDate: k.now, Destination: dst, DestinationIP: in.DestinationIP, DestinationPort: in.DestinationPort,
		FilterAtDestination: in.FilterAtDestination, FilterAtSource: in.FilterAtSource, Protocol: proto, Source: src, SourceIP: in.SourceIP}
	q, err := pathQuery(path)
	if err != nil {
		return nil, err
	}
	if q.Destination.ID == "" && !q.Destination.Addr.IsValid() {
		return nil, missingParameter("Destination")
	}
	// Both ends must exist now; the source must be the caller's.
	if err := c.checkSource(k, src); err != nil {
		return nil, err
	}
	v := &netView{c: c, k: k}
	srcOwner, ok := c.ownerOf(v, src)
	if !ok {
		return nil, invalidParam("Source", in.Source, "Expected a network interface, internet gateway, virtual private gateway, VPC peering connection or subnet.")
	}
	dstOwner := k.scope
	if dst != "" {
		if dstOwner, ok = c.ownerOf(v, dst); !ok {
			if _, err := reach.Analyze(v, reach.Query{Source: q.Source, Destination: q.Destination, Protocol: reach.TCP}); err != nil {
				return nil, err
			}
			return nil, invalidParam("Destination", in.Destination, "Expected a network interface, internet gateway, virtual private gateway, VPC peering connection or subnet.")
		}
	}
	if _, err := reach.Analyze(v, q); err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "network-insights-path")
	if err != nil {
		return nil, err
	}
	id, err := c.newID(insightsPath)
	if err != nil {
		return nil, err
	}
	path.NetworkInsightsPathID = id
	path.NetworkInsightsPathARN = arnOf(k.scope, "network-insights-path", id)
	path.SourceARN = arnOf(srcOwner, arnType(src), src)
	if dst != "" {
		path.DestinationARN = arnOf(dstOwner, arnType(dst), dst)
	}
	r := &nipRec{Owner: k.scope, Token: in.ClientToken, Path: path}
	c.paths[id] = r
	c.indexPath(r)
	c.setTags(k.scope, id, tags)
	return &CreateNetworkInsightsPathOutput{NetworkInsightsPath: c.pathOutput(r)}, nil
}

// pathQuery returns the query a path asks.
func pathQuery(p NetworkInsightsPath) (reach.Query, error) {
	q := reach.Query{Source: reach.Endpoint{ID: p.Source}, Destination: reach.Endpoint{ID: p.Destination}, Protocol: reach.Protocol(p.Protocol)}
	var err error
	if q.Source.Addr, err = pathAddr("SourceIp", p.SourceIP); err != nil {
		return q, err
	}
	if q.Destination.Addr, err = pathAddr("DestinationIp", p.DestinationIP); err != nil {
		return q, err
	}
	if port, ok := p.DestinationPort.Get(); ok {
		q.DestinationPorts = reach.PortRange{From: port, To: port}
	}
	for _, f := range []Optional[PathFilter]{p.FilterAtSource, p.FilterAtDestination} {
		pf, ok := f.Get()
		if !ok {
			continue
		}
		if a, err := pathAddr("SourceAddress", pf.SourceAddress); err != nil {
			return q, err
		} else if a.IsValid() && !q.Source.Addr.IsValid() {
			q.Source.Addr = a
		}
		if a, err := pathAddr("DestinationAddress", pf.DestinationAddress); err != nil {
			return q, err
		} else if a.IsValid() && !q.Destination.Addr.IsValid() {
			q.Destination.Addr = a
		}
		for _, pr := range []struct {
			name string
			r    Optional[FilterPortRange]
			dst  *reach.PortRange
		}{{"DestinationPortRange", pf.DestinationPortRange, &q.DestinationPorts}, {"SourcePortRange", pf.SourcePortRange, &q.SourcePorts}} {
			r, ok := pr.r.Get()
			if !ok || *pr.dst != (reach.PortRange{}) {
				continue
			}
			from, to := r.FromPort.Value, r.ToPort.Value
			if !r.ToPort.Set {
				to = 65535
			}
			x := reach.PortRange{From: from, To: to}
			if !x.IsValid() {
				return q, invalidParam(pr.name, fmt.Sprintf("%d-%d", from, to), "Expected ports from 0 to 65535, the first no greater than the last.")
			}
			*pr.dst = x
		}
	}
	return q, nil
}

// arnOf is the ARN of an EC2 resource.
func arnOf(owner scope, typ, id string) string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:%s/%s", owner.Region, owner.Account, typ, id)
}

// arnType is the ARN resource type of an ID.
func arnType(id string) string {
	prefix, _, _ := strings.Cut(id, "-")
	switch prefix {
	case "eni":
		return "network-interface"
	case "igw":
		return "internet-gateway"
	case "vgw":
		return "vpn-gateway"
	case "pcx":
		return "vpc-peering-connection"
	case "rtb":
		return "route-table"
	case "acl":
		return "network-acl"
	case "sg":
		return "security-group"
	case "vpn":
		return "vpn-connection"
	case "nat":
		return "natgateway"
	}
	return prefix
}

// ownerOf returns the scope that holds resource id of the Region.
func (c *Cloud) ownerOf(v *netView, id string) (scope, bool) {
	in := func(o scope) (scope, bool) { return o, o.Region == v.k.Region }
	switch prefix, _, _ := strings.Cut(id, "-"); prefix {
	case "eni":
		if r := c.enis[id]; r != nil {
			return in(r.owner)
		}
	case "subnet":
		if s, ok := c.subnets[id]; ok {
			return in(subnetScope(s))
		}
	case "igw":
		if r := c.igws[id]; r != nil {
			return in(r.owner)
		}
	case "vgw":
		if r := c.vpn.vgws[id]; r != nil {
			return in(r.owner)
		}
	case "vpn":
		if r := c.vpn.conns[id]; r != nil {
			return in(r.owner)
		}
	case "nat":
		if r := c.nats[id]; r != nil {
			return in(r.owner)
		}
	case "pcx":
		if conn, ok := c.peering.Connection(id, v.k.now); ok {
			if conn.Requester().Region == v.k.Region {
				return scope{conn.Requester().OwnerID, conn.Requester().Region}, true
			}
			return scope{conn.Accepter().OwnerID, conn.Accepter().Region}, conn.Accepter().Region == v.k.Region
		}
	case "rtb":
		if t := c.rtbs[id]; t != nil {
			return in(t.owner)
		}
	case "acl":
		if r := c.acls[id]; r != nil {
			return in(r.owner)
		}
	case "sg":
		if r := c.sgs[id]; r != nil {
			return in(r.owner)
		}
	case "vpc":
		if r := c.vpcs[id]; r != nil {
			return in(r.owner())
		}
	}
	return scope{}, false
}

func (c *Cloud) pathOutput(r *nipRec) NetworkInsightsPath {
	p := r.Path
	p.Tags = tagList(c.tagsOf(r.Owner, p.NetworkInsightsPathID))
	return p
}

// findPath returns the caller's path id.
func (c *Cloud) findPath(k *call, id string) (*nipRec, error) {
	if err := insightsPath.ParseID(id); err != nil {
		return nil, err
	}
	if r := c.paths[id]; r != nil && r.Owner == k.scope {
		return r, nil
	}
	return nil, insightsPath.NotFoundError(id, nil)
}

// findAnalysis returns the caller's analysis id.
func (c *Cloud) findAnalysis(k *call, id string) (*niaRec, error) {
	if err := insightsAnalysis.ParseID(id); err != nil {
		return nil, err
	}
	if r := c.analyses[id]; r != nil && r.Owner == k.scope {
		return r, nil
	}
	return nil, insightsAnalysis.NotFoundError(id, nil)
}

// DescribeNetworkInsightsPathsInput is the input of
// [Cloud.DescribeNetworkInsightsPaths].
type DescribeNetworkInsightsPathsInput struct {
	NetworkInsightsPathIDs []string `ec2:"NetworkInsightsPathId"`
	Filters                []Filter `ec2:"Filter"`
	Page
}

// DescribeNetworkInsightsPathsOutput is the output of
// [Cloud.DescribeNetworkInsightsPaths].
type DescribeNetworkInsightsPathsOutput struct {
	NetworkInsightsPaths []NetworkInsightsPath `ec2:"NetworkInsightsPathSet"`
	NextToken            string                `ec2:"NextToken,omitempty"`
}

var pathPage = pageLimits{min: 1, max: 100, token: insightsPath.IsID}

func filterValues(f func(PathFilter) string, at func(NetworkInsightsPath) Optional[PathFilter]) func(*nipRec) []string {
	return func(r *nipRec) []string {
		if pf, ok := at(r.Path).Get(); ok && f(pf) != "" {
			return one(f(pf))
		}
		return nil
	}
}

var pathFilters = func() filterFuncs[*nipRec] {
	atSource := func(p NetworkInsightsPath) Optional[PathFilter] { return p.FilterAtSource }
	atDest := func(p NetworkInsightsPath) Optional[PathFilter] { return p.FilterAtDestination }
	srcAddr := func(f PathFilter) string { return f.SourceAddress }
	dstAddr := func(f PathFilter) string { return f.DestinationAddress }
	nonEmpty := func(s string) []string {
		if s == "" {
			return nil
		}
		return one(s)
	}
	return filterFuncs[*nipRec]{
		"destination":    func(r *nipRec) []string { return nonEmpty(r.Path.Destination) },
		"destination-ip": func(r *nipRec) []string { return nonEmpty(r.Path.DestinationIP) },
		"destination-port": func(r *nipRec) []string {
			if p, ok := r.Path.DestinationPort.Get(); ok {
				return one(strconv.Itoa(p))
			}
			return nil
		},
		"protocol":                                  func(r *nipRec) []string { return one(r.Path.Protocol) },
		"source":                                    func(r *nipRec) []string { return one(r.Path.Source) },
		"source-ip":                                 func(r *nipRec) []string { return nonEmpty(r.Path.SourceIP) },
		"filter-at-source.source-address":           filterValues(srcAddr, atSource),
		"filter-at-source.destination-address":      filterValues(dstAddr, atSource),
		"filter-at-destination.source-address":      filterValues(srcAddr, atDest),
		"filter-at-destination.destination-address": filterValues(dstAddr, atDest),
	}
}()

func (c *Cloud) describeNetworkInsightsPaths(k *call, in *DescribeNetworkInsightsPathsInput) (*DescribeNetworkInsightsPathsOutput, error) {
	if err := in.Page.check(pathPage, len(in.NetworkInsightsPathIDs) > 0); err != nil {
		return nil, err
	}
	rs, err := describeFrom(c, k, in.NetworkInsightsPathIDs, in.Filters, pathFilters, c.findPath,
		func(sc scope) []*nipRec {
			return mapSlice(sortedIDs(c.pathsIn[sc]), func(id string) *nipRec { return c.paths[id] })
		}, func(r *nipRec) (scope, string) { return r.Owner, r.Path.NetworkInsightsPathID })
	if err != nil {
		return nil, err
	}
	pageOf, next, err := paginate(rs, func(r *nipRec) string { return r.Path.NetworkInsightsPathID }, in.Page, pathPage, len(in.NetworkInsightsPathIDs) > 0)
	if err != nil {
		return nil, err
	}
	return &DescribeNetworkInsightsPathsOutput{NetworkInsightsPaths: mapSlice(pageOf, c.pathOutput), NextToken: next}, nil
}

// DeleteNetworkInsightsPathInput is the input of
// [Cloud.DeleteNetworkInsightsPath].
type DeleteNetworkInsightsPathInput struct {
	NetworkInsightsPathID string `ec2:"NetworkInsightsPathId,required"`
}

// DeleteNetworkInsightsPathOutput is the output of
// [Cloud.DeleteNetworkInsightsPath]: the path deleted.
type DeleteNetworkInsightsPathOutput struct {
	NetworkInsightsPathID string `ec2:"NetworkInsightsPathId"`
}

func (c *Cloud) deleteNetworkInsightsPath(k *call, in *DeleteNetworkInsightsPathInput) (*DeleteNetworkInsightsPathOutput, error) {
	r, err := c.findPath(k, in.NetworkInsightsPathID)
	if err != nil {
		return nil, err
	}
	id := r.Path.NetworkInsightsPathID
	if len(c.ofPath[id]) > 0 {
		return nil, &Error{Code: "AnalysisExistsForNetworkInsightsPath",
			Message: fmt.Sprintf("The network insights path %s has analyses; delete them first.", id)}
	}
	delete(c.paths, id)
	removeID(c.pathsIn, k.scope, id)
	c.dropTags(id)
	return &DeleteNetworkInsightsPathOutput{NetworkInsightsPathID: id}, nil
}

// AnalysisComponent names a component of a path: its ID and ARN.
type AnalysisComponent struct {
	ID   string `ec2:"Id"`
	ARN  string `ec2:"Arn"`
	Name string `ec2:"Name,omitempty"`
}

// AnalysisACLRule is the network ACL entry that decided.
type AnalysisACLRule struct {
	CIDR       string              `ec2:"Cidr"`
	Egress     bool                `ec2:"Egress"`
	PortRange  Optional[PortRange] `ec2:"PortRange"`
	Protocol   string              `ec2:"Protocol"`
	RuleAction string              `ec2:"RuleAction"`
	RuleNumber int                 `ec2:"RuleNumber"`
}

// AnalysisSecurityGroupRule is the security group rule that allowed.
type AnalysisSecurityGroupRule struct {
	CIDR            string              `ec2:"Cidr,omitempty"`
	Direction       string              `ec2:"Direction"`
	PortRange       Optional[PortRange] `ec2:"PortRange"`
	PrefixListID    string              `ec2:"PrefixListId,omitempty"`
	Protocol        string              `ec2:"Protocol"`
	SecurityGroupID string              `ec2:"SecurityGroupId"`
}

// AnalysisRouteTableRoute is the route that decided: its destination, the
// one target member its target's kind names, its origin and state.
type AnalysisRouteTableRoute struct {
	DestinationCIDR             string `ec2:"DestinationCidr"`
	GatewayID                   string `ec2:"GatewayId,omitempty"`
	VPCPeeringConnectionID      string `ec2:"VpcPeeringConnectionId,omitempty"`
	NATGatewayID                string `ec2:"NatGatewayId,omitempty"`
	NetworkInterfaceID          string `ec2:"NetworkInterfaceId,omitempty"`
	TransitGatewayID            string `ec2:"TransitGatewayId,omitempty"`
	EgressOnlyInternetGatewayID string `ec2:"EgressOnlyInternetGatewayId,omitempty"`
	InstanceID                  string `ec2:"InstanceId,omitempty"`
	CarrierGatewayID            string `ec2:"CarrierGatewayId,omitempty"`
	LocalGatewayID              string `ec2:"LocalGatewayId,omitempty"`
	CoreNetworkARN              string `ec2:"CoreNetworkArn,omitempty"`
	Origin                      string `ec2:"Origin"`
	State                       string `ec2:"State"`
}

// AnalysisPacketHeader is the traffic at a component: addresses as CIDRs,
// port ranges, and the protocol's number.
type AnalysisPacketHeader struct {
	DestinationAddresses  []string    `ec2:"DestinationAddressSet"`
	DestinationPortRanges []PortRange `ec2:"DestinationPortRangeSet"`
	Protocol              string      `ec2:"Protocol"`
	SourceAddresses       []string    `ec2:"SourceAddressSet"`
	SourcePortRanges      []PortRange `ec2:"SourcePortRangeSet"`
}

// PathComponent is one component of a path, in order, with what decided
// there.
type PathComponent struct {
	SequenceNumber    int                                 `ec2:"SequenceNumber"`
	Component         AnalysisComponent                   `ec2:"Component"`
	ACLRule           Optional[AnalysisACLRule]           `ec2:"AclRule"`
	SecurityGroupRule Optional[AnalysisSecurityGroupRule] `ec2:"SecurityGroupRule"`
	RouteTableRoute   Optional[AnalysisRouteTableRoute]   `ec2:"RouteTableRoute"`
	Subnet            Optional[AnalysisComponent]         `ec2:"Subnet"`
	VPC               Optional[AnalysisComponent]         `ec2:"Vpc"`
	InboundHeader     Optional[AnalysisPacketHeader]      `ec2:"InboundHeader"`
	OutboundHeader    Optional[AnalysisPacketHeader]      `ec2:"OutboundHeader"`
}

// Explanation says why a path is blocked, in Reachability Analyzer's
// terms: the code, the direction, the blocking component in the member its
// kind is carried by, and what it refused.
type Explanation struct {
	ExplanationCode      string                            `ec2:"ExplanationCode"`
	Direction            string                            `ec2:"Direction,omitempty"`
	Component            Optional[AnalysisComponent]       `ec2:"Component"`
	ACL                  Optional[AnalysisComponent]       `ec2:"Acl"`
	ACLRule              Optional[AnalysisACLRule]         `ec2:"AclRule"`
	Address              string                            `ec2:"Address,omitempty"`
	Addresses            []string                          `ec2:"AddressSet"`
	InternetGateway      Optional[AnalysisComponent]       `ec2:"InternetGateway"`
	NATGateway           Optional[AnalysisComponent]       `ec2:"NatGateway"`
	NetworkInterface     Optional[AnalysisComponent]       `ec2:"NetworkInterface"`
	PortRanges           []PortRange                       `ec2:"PortRangeSet"`
	Protocols            []string                          `ec2:"ProtocolSet"`
	RouteTable           Optional[AnalysisComponent]       `ec2:"RouteTable"`
	RouteTableRoute      Optional[AnalysisRouteTableRoute] `ec2:"RouteTableRoute"`
	SecurityGroups       []AnalysisComponent               `ec2:"SecurityGroupSet"`
	State                string                            `ec2:"State,omitempty"`
	Subnet               Optional[AnalysisComponent]       `ec2:"Subnet"`
	VPC                  Optional[AnalysisComponent]       `ec2:"Vpc"`
	VPCPeeringConnection Optional[AnalysisComponent]       `ec2:"VpcPeeringConnection"`
	VPNConnection        Optional[AnalysisComponent]       `ec2:"VpnConnection"`
	VPNGateway           Optional[AnalysisComponent]       `ec2:"VpnGateway"`
	// Message says what happened in a sentence; EC2 has no such member,
	// so it is not on the wire.
	Message string `ec2:"-"`
}

// NetworkInsightsAnalysis is an analysis as DescribeNetworkInsightsAnalyses
// shows it. While it is running, the result members are absent.
type NetworkInsightsAnalysis struct {
	AdditionalAccounts         []string        `ec2:"AdditionalAccountSet"`
	Explanations               []Explanation   `ec2:"ExplanationSet"`
	FilterInARNs               []string        `ec2:"FilterInArnSet"`
	FilterOutARNs              []string        `ec2:"FilterOutArnSet"`
	ForwardPathComponents      []PathComponent `ec2:"ForwardPathComponentSet"`
	NetworkInsightsAnalysisARN string          `ec2:"NetworkInsightsAnalysisArn"`
	NetworkInsightsAnalysisID  string          `ec2:"NetworkInsightsAnalysisId"`
	NetworkInsightsPathID      string          `ec2:"NetworkInsightsPathId"`
	NetworkPathFound           Optional[bool]  `ec2:"NetworkPathFound"`
	ReturnPathComponents       []PathComponent `ec2:"ReturnPathComponentSet"`
	StartDate                  time.Time       `ec2:"StartDate"`
	Status                     string          `ec2:"Status"`
	StatusMessage              string          `ec2:"StatusMessage,omitempty"`
	Tags                       []Tag           `ec2:"TagSet" json:"-"`
}

func (c *Cloud) analysisOutput(r *niaRec) NetworkInsightsAnalysis {
	a := r.Analysis
	if r.Running {
		a = NetworkInsightsAnalysis{AdditionalAccounts: a.AdditionalAccounts, FilterInARNs: a.FilterInARNs, FilterOutARNs: a.FilterOutARNs,
			NetworkInsightsAnalysisARN: a.NetworkInsightsAnalysisARN, NetworkInsightsAnalysisID: a.NetworkInsightsAnalysisID,
			NetworkInsightsPathID: a.NetworkInsightsPathID, StartDate: a.StartDate, Status: AnalysisRunning}
	}
	a.Tags = tagList(c.tagsOf(r.Owner, a.NetworkInsightsAnalysisID))
	return a
}

// StartNetworkInsightsAnalysisInput is the input of
// [Cloud.StartNetworkInsightsAnalysis].
type StartNetworkInsightsAnalysisInput struct {
	NetworkInsightsPathID string             `ec2:"NetworkInsightsPathId,required"`
	ClientToken           string             `ec2:"ClientToken,required"`
	AdditionalAccounts    []string           `ec2:"AdditionalAccount"`
	FilterInARNs          []string           `ec2:"FilterInArn"`
	FilterOutARNs         []string           `ec2:"FilterOutArn"`
	TagSpecifications     []TagSpecification `ec2:"TagSpecification"`
}

// StartNetworkInsightsAnalysisOutput is the output of
// [Cloud.StartNetworkInsightsAnalysis]: the analysis, running.
type StartNetworkInsightsAnalysisOutput struct {
	NetworkInsightsAnalysis NetworkInsightsAnalysis `ec2:"NetworkInsightsAnalysis"`
}

func (c *Cloud) startNetworkInsightsAnalysis(k *call, in *StartNetworkInsightsAnalysisInput) (*StartNetworkInsightsAnalysisOutput, error) {
	p, err := c.findPath(k, in.NetworkInsightsPathID)
	if err != nil {
		return nil, err
	}
	for id := range c.ofPath[p.Path.NetworkInsightsPathID] {
		if r := c.analyses[id]; r.Owner == k.scope && r.Token == in.ClientToken {
			return &StartNetworkInsightsAnalysisOutput{NetworkInsightsAnalysis: c.analysisOutput(r)}, nil
		}
	}
	for _, a := range in.AdditionalAccounts {
		if !ec2.IsAccount(a) {
			return nil, invalidParam("AdditionalAccount", a, "Expected a 12-digit account.")
		}
	}
	tags, err := tagsFor(in.TagSpecifications, "network-insights-analysis")
	if err != nil {
		return nil, err
	}
	id, err := c.newID(insightsAnalysis)
	if err != nil {
		return nil, err
	}
	a := NetworkInsightsAnalysis{AdditionalAccounts: in.AdditionalAccounts, FilterInARNs: in.FilterInARNs, FilterOutARNs: in.FilterOutARNs,
		NetworkInsightsAnalysisARN: arnOf(k.scope, "network-insights-analysis", id), NetworkInsightsAnalysisID: id,
		NetworkInsightsPathID: p.Path.NetworkInsightsPathID, StartDate: k.now, Status: AnalysisSucceeded}
	c.analyse(k, p.Path, &a)
	r := &niaRec{Owner: k.scope, Token: in.ClientToken, Running: true, Analysis: a}
	c.analyses[id] = r
	c.indexAnalysis(r)
	c.setTags(k.scope, id, tags)
	return &StartNetworkInsightsAnalysisOutput{NetworkInsightsAnalysis: c.analysisOutput(r)}, nil
}

// analyse runs the analysis of path p into a, as the state is now. An end
// that no longer exists fails it, with the troubleshooting guide's
// message.
func (c *Cloud) analyse(k *call, p NetworkInsightsPath, a *NetworkInsightsAnalysis) {
	q, err := pathQuery(p)
	var res reach.Result
	if err == nil {
		res, err = reach.Analyze(&netView{c: c, k: k}, q)
	}
	if err != nil {
		missing := p.Source
		var e *reach.Error
		if errors.As(err, &e) && e.Input != "" {
			missing = e.Input
		}
		a.Status, a.StatusMessage = AnalysisFailed, fmt.Sprintf("The request failed due to missing component %s", missing)
		return
	}
	v := &netView{c: c, k: k}
	name := func(id string) AnalysisComponent {
		o, ok := c.ownerOf(v, id)
		if !ok {
			o = k.scope
		}
		return AnalysisComponent{ID: id, ARN: arnOf(o, arnType(id), id)}
	}
	header := func(res reach.Result) AnalysisPacketHeader {
		return AnalysisPacketHeader{Protocol: strconv.Itoa(res.Packet.Protocol.Number()),
			SourceAddresses:       []string{netip.PrefixFrom(res.Packet.Source, 32).String()},
			DestinationAddresses:  []string{netip.PrefixFrom(res.Packet.Destination, 32).String()},
			SourcePortRanges:      portRanges(res.Packet.SourcePorts),
			DestinationPortRanges: portRanges(res.Packet.DestinationPorts)}
	}
	components := func(hops []reach.Hop) []PathComponent {
		out := make([]PathComponent, 0, len(hops))
		for i, h := range hops {
			pc := PathComponent{SequenceNumber: i + 1, Component: name(h.ID)}
			if h.Kind == reach.KindAddress {
				pc.Component = name(h.SubnetID)
			}
			if h.VPCID != "" {
				pc.VPC = Some(name(h.VPCID))
			}
			if h.SubnetID != "" {
				pc.Subnet = Some(name(h.SubnetID))
			}
			switch h.Kind {
			case reach.KindNetworkACL:
				pc.ACLRule = Some(aclRule(h.ACLEntry))
			case reach.KindSecurityGroup:
				pc.SecurityGroupRule = Some(sgRule(h))
			case reach.KindRouteTable:
				pc.RouteTableRoute = Some(routeRule(h.Route))
			}
			out = append(out, pc)
		}
		return out
	}
	a.ForwardPathComponents = components(res.Forward)
	a.ReturnPathComponents = components(res.Return)
	if n := len(a.ForwardPathComponents); n > 0 {
		hd := header(res)
		a.ForwardPathComponents[0].OutboundHeader = Some(hd)
		if res.Found {
			a.ForwardPathComponents[n-1].InboundHeader = Some(hd)
		}
	}
	for _, x := range res.Explanations {
		e := Explanation{ExplanationCode: string(x.Code), Direction: string(x.Direction), Component: Some(name(x.ID)), State: x.State,
			PortRanges: portRanges(x.Ports), Message: x.Message}
		if x.Address.IsValid() {
			e.Address = x.Address.String()
		}
		if x.VPCID != "" {
			e.VPC = Some(name(x.VPCID))
		}
		if x.SubnetID != "" {
			e.Subnet = Some(name(x.SubnetID))
		}
		switch x.Kind {
		case reach.KindNetworkACL:
			e.ACL = Some(name(x.ID))
			if x.ACLEntry.RuleNumber != 0 {
				e.ACLRule = Some(aclRule(x.ACLEntry))
			}
		case reach.KindNetworkInterface:
			e.NetworkInterface = Some(name(x.ID))
		case reach.KindRouteTable:
			e.RouteTable = Some(name(x.ID))
		case reach.KindPeeringConnection:
			e.VPCPeeringConnection = Some(name(x.ID))
		case reach.KindInternetGateway:
			e.InternetGateway = Some(name(x.ID))
		case reach.KindVPNConnection:
			e.VPNConnection = Some(name(x.ID))
		case reach.KindVPNGateway:
			e.VPNGateway = Some(name(x.ID))
		case reach.KindNATGateway:
			e.NATGateway = Some(name(x.ID))
		case reach.KindSubnet, reach.KindAddress:
			e.Subnet = Some(name(x.ID))
		case reach.KindVPC:
			e.VPC = Some(name(x.ID))
		}
		if x.RouteTableID != "" {
			e.RouteTable = Some(name(x.RouteTableID))
			if x.Route.Target.IsValid() {
				e.RouteTableRoute = Some(routeRule(x.Route))
			}
		}
		for _, g := range x.SecurityGroups {
			e.SecurityGroups = append(e.SecurityGroups, name(g))
		}
		if x.Ports != nil {
			e.Protocols = []string{string(res.Packet.Protocol)}
		}
		a.Explanations = append(a.Explanations, e)
	}
	found := res.Found
	// Components the path must, or must not, pass.
	on := map[string]bool{}
	for _, pc := range slices.Concat(a.ForwardPathComponents, a.ReturnPathComponents) {
		on[pc.Component.ID], on[pc.Component.ARN] = true, true
	}
	for _, want := range a.FilterInARNs {
		if found && !on[want] && !on[resourceID(want)] {
			found = false
			a.Explanations = append(a.Explanations, Explanation{ExplanationCode: "COMPONENT_FILTER_RESTRICTION", Component: Some(name(resourceID(want)))})
		}
	}
	for _, avoid := range a.FilterOutARNs {
		if found && (on[avoid] || on[resourceID(avoid)]) {
			found = false
			a.Explanations = append(a.Explanations, Explanation{ExplanationCode: "COMPONENT_FILTER_RESTRICTION_REMOVED_COMPONENT", Component: Some(name(resourceID(avoid)))})
		}
	}
	a.NetworkPathFound = Some(found)
}

func portRanges(ps []reach.PortRange) []PortRange {
	return mapSlice(ps, func(p reach.PortRange) PortRange { return PortRange{From: p.From, To: p.To} })
}

// aclRule is a network ACL entry as an analysis shows it.
func aclRule(e acl.Entry) AnalysisACLRule {
	x := AnalysisACLRule{CIDR: e.CIDR.String(), Egress: e.Egress, Protocol: strconv.Itoa(e.Protocol), RuleAction: string(e.Action), RuleNumber: e.RuleNumber}
	switch e.Protocol {
	case acl.ProtocolAll:
		x.Protocol = "all"
	case acl.ProtocolTCP, acl.ProtocolUDP:
		x.PortRange = Some(PortRange{From: e.PortFrom, To: e.PortTo})
	}
	return x
}

// sgRule is the security group rule of hop h as an analysis shows it.
func sgRule(h reach.Hop) AnalysisSecurityGroupRule {
	r := h.Rule
	x := AnalysisSecurityGroupRule{Direction: string(h.Direction), Protocol: string(r.Protocol), SecurityGroupID: h.ID}
	if r.Protocol == secgroup.All {
		x.Protocol = "all"
	}
	if r.Protocol == secgroup.TCP || r.Protocol == secgroup.UDP {
		x.PortRange = Some(PortRange{From: r.FromPort, To: r.ToPort})
	}
	if p, ok := r.Peer.CIDR(); ok {
		x.CIDR = p.String()
	}
	if pl, ok := r.Peer.PrefixList(); ok {
		x.PrefixListID = pl
	}
	return x
}

func routeRule(r route.Route) AnalysisRouteTableRoute {
	x := routeOutput(r)
	return AnalysisRouteTableRoute{DestinationCIDR: r.Destination.String(), GatewayID: x.GatewayID, VPCPeeringConnectionID: x.VPCPeeringConnectionID,
		NATGatewayID: x.NATGatewayID, NetworkInterfaceID: x.NetworkInterfaceID, TransitGatewayID: x.TransitGatewayID,
		EgressOnlyInternetGatewayID: x.EgressOnlyInternetGatewayID, InstanceID: x.InstanceID, CarrierGatewayID: x.CarrierGatewayID,
		LocalGatewayID: x.LocalGatewayID, CoreNetworkARN: x.CoreNetworkARN, Origin: string(r.Origin), State: string(r.State)}
}

// DescribeNetworkInsightsAnalysesInput is the input of
// [Cloud.DescribeNetworkInsightsAnalyses]: analyses by ID or by path (one
// of the two is required), started within AnalysisStartTime and
// AnalysisEndTime (ISO 8601).
type DescribeNetworkInsightsAnalysesInput struct {
	NetworkInsightsAnalysisIDs []string `ec2:"NetworkInsightsAnalysisId"`
	NetworkInsightsPathID      string   `ec2:"NetworkInsightsPathId"`
	AnalysisStartTime          string   `ec2:"AnalysisStartTime"`
	AnalysisEndTime            string   `ec2:"AnalysisEndTime"`
	Filters                    []Filter `ec2:"Filter"`
	Page
}

// DescribeNetworkInsightsAnalysesOutput is the output of
// [Cloud.DescribeNetworkInsightsAnalyses].
type DescribeNetworkInsightsAnalysesOutput struct {
	NetworkInsightsAnalyses []NetworkInsightsAnalysis `ec2:"NetworkInsightsAnalysisSet"`
	NextToken               string                    `ec2:"NextToken,omitempty"`
}

var analysisPage = pageLimits{min: 1, max: 100, token: insightsAnalysis.IsID}

func (c *Cloud) analysisFilters() filterFuncs[*niaRec] {
	return filterFuncs[*niaRec]{
		"path-found": func(r *niaRec) []string {
			if f, ok := c.analysisOutput(r).NetworkPathFound.Get(); ok {
				return one(strconv.FormatBool(f))
			}
			return nil
		},
		"status": func(r *niaRec) []string { return one(c.analysisOutput(r).Status) },
	}
}

func (c *Cloud) describeNetworkInsightsAnalyses(k *call, in *DescribeNetworkInsightsAnalysesInput) (*DescribeNetworkInsightsAnalysesOutput, error) {
	if err := in.Page.check(analysisPage, false); err != nil {
		return nil, err
	}
	// "You must specify either analysis IDs or a path ID."
	if len(in.NetworkInsightsAnalysisIDs) == 0 && in.NetworkInsightsPathID == "" {
		return nil, missingParameter("NetworkInsightsAnalysisId or NetworkInsightsPathId")
	}
	var from, to time.Time
	for _, t := range []struct {
		name, value string
		dst         *time.Time
	}{{"AnalysisStartTime", in.AnalysisStartTime, &from}, {"AnalysisEndTime", in.AnalysisEndTime, &to}} {
		if t.value == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339Nano, t.value)
		if err != nil {
			return nil, invalidParam(t.name, t.value, "Expected a date and time (ISO 8601).")
		}
		*t.dst = v
	}
	all := func(sc scope) []*niaRec {
		return mapSlice(sortedIDs(c.analysesIn[sc]), func(id string) *niaRec { return c.analyses[id] })
	}
	if in.NetworkInsightsPathID != "" {
		p, err := c.findPath(k, in.NetworkInsightsPathID)
		if err != nil {
			return nil, err
		}
		all = func(scope) []*niaRec {
			return mapSlice(sortedIDs(c.ofPath[p.Path.NetworkInsightsPathID]), func(id string) *niaRec { return c.analyses[id] })
		}
	}
	rs, err := describeFrom(c, k, in.NetworkInsightsAnalysisIDs, in.Filters, c.analysisFilters(), c.findAnalysis, all,
		func(r *niaRec) (scope, string) { return r.Owner, r.Analysis.NetworkInsightsAnalysisID })
	if err != nil {
		return nil, err
	}
	rs = slices.DeleteFunc(rs, func(r *niaRec) bool {
		s := r.Analysis.StartDate
		return in.NetworkInsightsPathID != "" && r.Analysis.NetworkInsightsPathID != in.NetworkInsightsPathID ||
			!from.IsZero() && s.Before(from) || !to.IsZero() && s.After(to)
	})
	pageOf, next, err := paginate(rs, func(r *niaRec) string { return r.Analysis.NetworkInsightsAnalysisID }, in.Page, analysisPage, false)
	if err != nil {
		return nil, err
	}
	return &DescribeNetworkInsightsAnalysesOutput{NetworkInsightsAnalyses: mapSlice(pageOf, c.analysisOutput), NextToken: next}, nil
}

// DeleteNetworkInsightsAnalysisInput is the input of
// [Cloud.DeleteNetworkInsightsAnalysis].
type DeleteNetworkInsightsAnalysisInput struct {
	NetworkInsightsAnalysisID string `ec2:"NetworkInsightsAnalysisId,required"`
}

// DeleteNetworkInsightsAnalysisOutput is the output of
// [Cloud.DeleteNetworkInsightsAnalysis]: the analysis deleted.
type DeleteNetworkInsightsAnalysisOutput struct {
	NetworkInsightsAnalysisID string `ec2:"NetworkInsightsAnalysisId"`
}

func (c *Cloud) deleteNetworkInsightsAnalysis(k *call, in *DeleteNetworkInsightsAnalysisInput) (*DeleteNetworkInsightsAnalysisOutput, error) {
	r, err := c.findAnalysis(k, in.NetworkInsightsAnalysisID)
	if err != nil {
		return nil, err
	}
	id := r.Analysis.NetworkInsightsAnalysisID
	delete(c.analyses, id)
	removeID(c.analysesIn, r.Owner, id)
	removeID(c.ofPath, r.Analysis.NetworkInsightsPathID, id)
	c.running = slices.DeleteFunc(c.running, func(x string) bool { return x == id })
	c.dropTags(id)
	return &DeleteNetworkInsightsAnalysisOutput{NetworkInsightsAnalysisID: id}, nil
}

// writeInsights writes the paths and analyses, in ID order, for
// [Cloud.WriteTo].
func (c *Cloud) writeInsights(put func(payload []byte, fields ...string), fail func(error)) {
	for _, id := range sortedKeys(c.paths) {
		b, err := json.Marshal(c.paths[id])
		if err != nil {
			fail(err)
			return
		}
		put(b, "networkInsightsPath")
	}
	for _, id := range sortedKeys(c.analyses) {
		b, err := json.Marshal(c.analyses[id])
		if err != nil {
			fail(err)
			return
		}
		put(b, "networkInsightsAnalysis")
	}
}

// addInsights takes one path or analysis record into st.
func (st *state) addInsights(kind string, payload []byte) error {
	switch kind {
	case "networkInsightsPath":
		var r nipRec
		if err := strictJSON(payload, &r); err != nil {
			return fmt.Errorf("network insights path: %w", err)
		}
		id := r.Path.NetworkInsightsPathID
		if !insightsPath.IsID(id) || !r.Owner.IsValid() || st.paths[id] != nil || !reach.Protocol(r.Path.Protocol).IsValid() {
			return fmt.Errorf("network insights path %q: malformed, of a malformed owner, or twice", id)
		}
		if _, err := pathQuery(r.Path); err != nil {
			return fmt.Errorf("network insights path %s: %w", id, err)
		}
		r.Path.CreatedDate = r.Path.CreatedDate.UTC().Round(0)
		st.paths[id] = &r
	default:
		var r niaRec
		if err := strictJSON(payload, &r); err != nil {
			return fmt.Errorf("network insights analysis: %w", err)
		}
		a := r.Analysis
		id := a.NetworkInsightsAnalysisID
		if !insightsAnalysis.IsID(id) || !r.Owner.IsValid() || st.analyses[id] != nil ||
			a.Status != AnalysisSucceeded && a.Status != AnalysisFailed {
			return fmt.Errorf("network insights analysis %q: malformed, of a malformed owner, twice, or of status %q", id, a.Status)
		}
		r.Analysis.StartDate = a.StartDate.UTC().Round(0)
		st.analyses[id] = &r
	}
	return nil
}

// strictJSON decodes data into v, refusing unknown members.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data")
	}
	return nil
}

// reindexInsights rebuilds the Network Insights indexes of st.
func (st *state) reindexInsights() {
	for _, r := range st.paths {
		st.indexPath(r)
	}
	for _, id := range sortedKeys(st.analyses) {
		st.indexAnalysis(st.analyses[id])
	}
}

// checkInsights verifies that every analysis is of a path of its owner.
func (st *state) checkInsights() error {
	for id, r := range st.analyses {
		if p := st.paths[r.Analysis.NetworkInsightsPathID]; p == nil || p.Owner != r.Owner {
			return fmt.Errorf("network insights analysis %s: its path %s is not its owner's", id, r.Analysis.NetworkInsightsPathID)
		}
	}
	return nil
}

// existsInInsights reports whether owner holds path or analysis id.
func (st *state) existsInInsights(owner scope, id string) bool {
	if r := st.paths[id]; r != nil {
		return r.Owner == owner
	}
	if r := st.analyses[id]; r != nil {
		return r.Owner == owner
	}
	return false
}
