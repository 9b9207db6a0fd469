package vpcmodel

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/endpoint"
	"github.com/vpclab/vpcmodel/eni"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// VPC endpoints are endpoint.Endpoint values; package endpoint owns the
// service catalogue, the managed prefix lists and one endpoint's rules.
// The Cloud checks what lies between resources: the VPC, route tables,
// subnets and security groups are the caller's and of one VPC; a route
// table routes to one gateway endpoint per service; private DNS needs the
// VPC's DNS attributes and one endpoint per service and VPC. It creates
// and deletes an interface endpoint's network interfaces, renders a
// gateway endpoint's routes in its route tables (derived from the
// endpoint, never stored in the table), and keeps a VPC with endpoints
// from being deleted.

// vpceRec is one VPC endpoint and the scope that owns it.
type vpceRec struct {
	owner scope
	e     endpoint.Endpoint
}

// endpoints is the part of a Cloud's state that VPC endpoints add, with
// its indexes.
type endpoints struct {
	vpces map[string]*vpceRec

	// Indexes, derived from vpces.
	vpcesIn     map[scope]idSet  // each scope's endpoints, deleted ones included
	vpcesOfVPC  map[string]idSet // each VPC's endpoints, likewise
	vpcesDue    []string         // endpoints pending or deleting: the next call settles them
	vpcesEnding []natEnding      // deleting and deleted endpoints, by the instant they vanish
}

func newEndpoints() endpoints {
	return endpoints{vpces: make(map[string]*vpceRec), vpcesIn: make(map[scope]idSet), vpcesOfVPC: make(map[string]idSet)}
}

func (x *endpoints) indexVPCE(r *vpceRec) {
	addID(x.vpcesIn, r.owner, r.e.ID())
	addID(x.vpcesOfVPC, r.e.VPCID(), r.e.ID())
	x.trackVPCE(r.e)
}

// trackVPCE records what the next calls owe e: a step, or its
// disappearance.
func (x *endpoints) trackVPCE(e endpoint.Endpoint) {
	if e.IsDue() && !slices.Contains(x.vpcesDue, e.ID()) {
		x.vpcesDue = append(x.vpcesDue, e.ID())
	}
	if at, ok := e.ExpiresAt(); ok && !slices.ContainsFunc(x.vpcesEnding, func(n natEnding) bool { return n.id == e.ID() }) {
		n := natEnding{e.ID(), at}
		i, _ := slices.BinarySearchFunc(x.vpcesEnding, n, compareEnding)
		x.vpcesEnding = slices.Insert(x.vpcesEnding, i, n)
	}
}

// vpcesDueAt reports whether a call at now has endpoint steps to take.
func (x *endpoints) vpcesDueAt(now time.Time) bool {
	return len(x.vpcesDue) > 0 || len(x.vpcesEnding) > 0 && !now.Before(x.vpcesEnding[0].at)
}

// settleVPCEs takes the steps EC2 takes by itself: pending endpoints
// become available, deleting ones deleted, giving back their network
// interfaces; deleted ones vanish after their retention.
func (c *Cloud) settleVPCEs(now time.Time) {
	for _, id := range c.vpcesDue {
		r := c.vpces[id]
		if r == nil {
			continue
		}
		if r.e.State() == endpoint.Deleting {
			for _, p := range r.e.Subnets() {
				c.dropENI(p.InterfaceID)
			}
		}
		r.e = r.e.Settle()
	}
	c.vpcesDue = c.vpcesDue[:0]
	for len(c.vpcesEnding) > 0 && !now.Before(c.vpcesEnding[0].at) {
		id := c.vpcesEnding[0].id
		c.vpcesEnding = c.vpcesEnding[1:]
		r := c.vpces[id]
		if r == nil || r.e.State() != endpoint.Deleted {
			continue
		}
		delete(c.vpces, id)
		removeID(c.vpcesIn, r.owner, id)
		removeID(c.vpcesOfVPC, r.e.VPCID(), id)
		c.dropTags(id)
	}
}

// dropENI removes a network interface an endpoint held.
func (c *Cloud) dropENI(id string) {
	r := c.enis[id]
	if r == nil {
		return
	}
	c.unindexENI(r)
	delete(c.enis, id)
	c.dropTags(id)
}

// findVPCE returns the caller's endpoint with the given ID, deleted ones
// during their retention included, or EC2's InvalidVpcEndpointId.Malformed
// or InvalidVpcEndpointId.NotFound.
func (c *Cloud) findVPCE(k *call, id string) (*vpceRec, error) {
	if err := ec2.VPCEndpoint.ParseID(id); err != nil {
		return nil, err
	}
	r := c.vpces[id]
	if r == nil || r.owner != k.scope {
		return nil, &Error{Code: ec2.VPCEndpointIDNotFound, Message: fmt.Sprintf("The Vpc Endpoint Id '%s' does not exist", id)}
	}
	return r, nil
}

// vpcHasEndpoints reports whether a VPC has endpoints not yet deleted.
func (c *Cloud) vpcHasEndpoints(vpcID string) bool {
	for id := range c.vpcesOfVPC[vpcID] {
		if c.vpces[id].e.State() != endpoint.Deleted {
			return true
		}
	}
	return false
}

// endpointRoutes returns the routes the live gateway endpoints of table
// t's VPC put in t, in endpoint ID order.
func (c *Cloud) endpointRoutes(t *rtb) []Route {
	var out []Route
	for _, id := range sortedIDs(c.vpcesOfVPC[t.table.VPCID()]) {
		e := c.vpces[id].e
		if !e.State().IsLive() || e.Type() != endpoint.Gateway || !e.HasRouteTable(t.table.ID()) {
			continue
		}
		if pl, ok := endpoint.PrefixListOf(e.Region(), e.ServiceName()); ok {
			out = append(out, Route{DestinationPrefixListID: pl.ID, GatewayID: e.ID(), Origin: route.OriginCreateRoute,
				State: status.RouteActive})
		}
	}
	return out
}

// routeTableFiltersWithEndpoints returns DescribeRouteTables' filters with
// the routes of gateway endpoints added to the route filters that can
// match them.
func (c *Cloud) routeTableFiltersWithEndpoints() filterFuncs[*rtb] {
	fs := maps.Clone(routeTableFilters)
	also := func(name string, f func(Route) string) {
		base := fs[name]
		fs[name] = func(t *rtb) []string {
			var out []string
			if base != nil {
				out = base(t)
			}
			for _, r := range c.endpointRoutes(t) {
				out = append(out, f(r))
			}
			return out
		}
	}
	also("route.destination-prefix-list-id", func(r Route) string { return r.DestinationPrefixListID })
	also("route.gateway-id", func(r Route) string { return r.GatewayID })
	also("route.origin", func(r Route) string { return string(r.Origin) })
	also("route.state", func(r Route) string { return string(r.State) })
	return fs
}

// forgetRouteTable removes a deleted route table from its VPC's endpoints.
func (c *Cloud) forgetRouteTable(vpcID, rtbID string) {
	for id := range c.vpcesOfVPC[vpcID] {
		r := c.vpces[id]
		if r.e.HasRouteTable(rtbID) && r.e.State().IsLive() {
			svc, _ := endpoint.FindService(r.e.Region(), r.e.ServiceName(), r.e.Type())
			if next, err := r.e.Modify(svc, endpoint.Modification{RemoveRouteTables: []string{rtbID}}); err == nil {
				r.e = next
			}
		}
	}
}

// VPCEndpointServiceTypeDetail is one type of an endpoint service.
type VPCEndpointServiceTypeDetail struct {
	ServiceType string `ec2:"ServiceType"`
}

// PrivateDNSDetails is one private DNS name of an endpoint service.
type PrivateDNSDetails struct {
	PrivateDNSName string `ec2:"PrivateDnsName"`
}

// ServiceDetail is an endpoint service as DescribeVpcEndpointServices
// shows it.
type ServiceDetail struct {
	ServiceName                     string                         `ec2:"ServiceName"`
	ServiceID                       string                         `ec2:"ServiceId"`
	ServiceType                     []VPCEndpointServiceTypeDetail `ec2:"ServiceType"`
	ServiceRegion                   string                         `ec2:"ServiceRegion"`
	AvailabilityZones               []string                       `ec2:"AvailabilityZoneSet"`
	Owner                           string                         `ec2:"Owner"`
	BaseEndpointDNSNames            []string                       `ec2:"BaseEndpointDnsNameSet"`
	PrivateDNSName                  string                         `ec2:"PrivateDnsName,omitempty"`
	PrivateDNSNames                 []PrivateDNSDetails            `ec2:"PrivateDnsNameSet"`
	VPCEndpointPolicySupported      bool                           `ec2:"VpcEndpointPolicySupported"`
	AcceptanceRequired              bool                           `ec2:"AcceptanceRequired"`
	ManagesVPCEndpoints             bool                           `ec2:"ManagesVpcEndpoints"`
	PrivateDNSNameVerificationState string                         `ec2:"PrivateDnsNameVerificationState,omitempty"`
	SupportedIPAddressTypes         []string                       `ec2:"SupportedIpAddressTypeSet"`
	Tags                            []Tag                          `ec2:"TagSet"`
}

func serviceOutput(s endpoint.Service) ServiceDetail {
	x := ServiceDetail{ServiceName: s.Name, ServiceID: s.ID, ServiceType: []VPCEndpointServiceTypeDetail{{string(s.Type)}},
		ServiceRegion: s.Region, AvailabilityZones: s.Zones, Owner: endpoint.Owner, BaseEndpointDNSNames: s.BaseDNSNames,
		VPCEndpointPolicySupported: s.PolicySupported, SupportedIPAddressTypes: s.IPAddressTypes()}
	if s.PrivateDNS() {
		x.PrivateDNSName = s.PrivateDNSName
		x.PrivateDNSNames = []PrivateDNSDetails{{s.PrivateDNSName}}
		x.PrivateDNSNameVerificationState = "verified"
	}
	return x
}

// DescribeVpcEndpointServicesInput is the input of
// [Cloud.DescribeVpcEndpointServices].
type DescribeVpcEndpointServicesInput struct {
	ServiceNames   []string `ec2:"ServiceName"`
	ServiceRegions []string `ec2:"ServiceRegion"`
	Filters        []Filter `ec2:"Filter"`
	Page
}

// DescribeVpcEndpointServicesOutput is the output of
// [Cloud.DescribeVpcEndpointServices].
type DescribeVpcEndpointServicesOutput struct {
	ServiceDetails []ServiceDetail `ec2:"ServiceDetailSet"`
	ServiceNames   []string        `ec2:"ServiceNameSet"`
	NextToken      string          `ec2:"NextToken,omitempty"`
}

var serviceFilters = filterFuncs[endpoint.Service]{
	"service-name":               func(s endpoint.Service) []string { return one(s.Name) },
	"service-type":               func(s endpoint.Service) []string { return one(string(s.Type)) },
	"service-region":             func(s endpoint.Service) []string { return one(s.Region) },
	"owner":                      func(endpoint.Service) []string { return one(endpoint.Owner) },
	"supported-ip-address-types": func(s endpoint.Service) []string { return s.IPAddressTypes() },
}

var servicePage = pageLimits{min: 5, max: 1000}

func (c *Cloud) describeVpcEndpointServices(k *call, in *DescribeVpcEndpointServicesInput) (*DescribeVpcEndpointServicesOutput, error) {
	if err := in.Page.check(servicePage, false); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, serviceFilters, func(endpoint.Service) tag.Set { return tag.Set{} })
	if err != nil {
		return nil, err
	}
	all := endpoint.Services(k.Region)
	for _, name := range in.ServiceNames {
		if !endpoint.KnownName(k.Region, name) {
			return nil, &Error{Code: "InvalidServiceName", Message: fmt.Sprintf("The Vpc Endpoint Service '%s' does not exist", name)}
		}
	}
	ss := slices.DeleteFunc(all, func(s endpoint.Service) bool {
		return len(in.ServiceNames) > 0 && !slices.Contains(in.ServiceNames, s.Name) ||
			len(in.ServiceRegions) > 0 && !slices.Contains(in.ServiceRegions, s.Region) || !m.match(s)
	})
	pageOf, next, err := paginate(ss, func(s endpoint.Service) string { return s.Name + "\x00" + string(s.Type) }, in.Page, servicePage, false)
	if err != nil {
		return nil, err
	}
	out := &DescribeVpcEndpointServicesOutput{ServiceDetails: mapSlice(pageOf, serviceOutput), NextToken: next}
	for _, s := range pageOf {
		if !slices.Contains(out.ServiceNames, s.Name) {
			out.ServiceNames = append(out.ServiceNames, s.Name)
		}
	}
	return out, nil
}

// PrefixList is an AWS-managed prefix list as DescribePrefixLists shows
// it.
type PrefixList struct {
	PrefixListID   string   `ec2:"PrefixListId"`
	PrefixListName string   `ec2:"PrefixListName"`
	CIDRs          []string `ec2:"CidrSet"`
}

// DescribePrefixListsInput is the input of [Cloud.DescribePrefixLists].
type DescribePrefixListsInput struct {
	PrefixListIDs []string `ec2:"PrefixListId"`
	Filters       []Filter `ec2:"Filter"`
	Page
}

// DescribePrefixListsOutput is the output of [Cloud.DescribePrefixLists].
type DescribePrefixListsOutput struct {
	PrefixLists []PrefixList `ec2:"PrefixListSet"`
	NextToken   string       `ec2:"NextToken,omitempty"`
}

var prefixListFilters = filterFuncs[endpoint.PrefixList]{
	"prefix-list-id":   func(p endpoint.PrefixList) []string { return one(p.ID) },
	"prefix-list-name": func(p endpoint.PrefixList) []string { return one(p.Name) },
}

var prefixListPage = pageLimits{min: 5, max: 1000, token: ec2.PrefixList.IsID}

func (c *Cloud) describePrefixLists(k *call, in *DescribePrefixListsInput) (*DescribePrefixListsOutput, error) {
	if err := in.Page.check(prefixListPage, false); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, prefixListFilters, func(endpoint.PrefixList) tag.Set { return tag.Set{} })
	if err != nil {
		return nil, err
	}
	all := endpoint.PrefixLists(k.Region)
	for _, id := range in.PrefixListIDs {
		if !strings.HasPrefix(id, "pl-") || len(id) < 4 {
			return nil, &Error{Code: ec2.PrefixListIDMalformed, Message: fmt.Sprintf("Invalid id: \"%s\" (expecting \"pl-...\")", id)}
		}
		if !slices.ContainsFunc(all, func(p endpoint.PrefixList) bool { return p.ID == id }) {
			return nil, &Error{Code: ec2.PrefixListIDNotFound, Message: fmt.Sprintf("The prefix list ID '%s' does not exist", id)}
		}
	}
	ps := slices.DeleteFunc(all, func(p endpoint.PrefixList) bool {
		return len(in.PrefixListIDs) > 0 && !slices.Contains(in.PrefixListIDs, p.ID) || !m.match(p)
	})
	slices.SortFunc(ps, func(a, b endpoint.PrefixList) int { return strings.Compare(a.ID, b.ID) })
	pageOf, next, err := paginate(ps, func(p endpoint.PrefixList) string { return p.ID }, in.Page, prefixListPage, false)
	if err != nil {
		return nil, err
	}
	return &DescribePrefixListsOutput{PrefixLists: mapSlice(pageOf, func(p endpoint.PrefixList) PrefixList {
		return PrefixList{PrefixListID: p.ID, PrefixListName: p.Name, CIDRs: mapSlice(p.CIDRs, netip.Prefix.String)}
	}), NextToken: next}, nil
}

// DNSEntry is one DNS name of an interface endpoint.
type DNSEntry struct {
	DNSName      string `ec2:"DnsName"`
	HostedZoneID string `ec2:"HostedZoneId"`
}

// DNSOptions are an endpoint's DNS options, in and out.
type DNSOptions struct {
	DNSRecordIPType                          string         `ec2:"DnsRecordIpType,omitempty"`
	PrivateDNSOnlyForInboundResolverEndpoint Optional[bool] `ec2:"PrivateDnsOnlyForInboundResolverEndpoint"`
}

// VPCEndpoint is a VPC endpoint as DescribeVpcEndpoints shows it.
type VPCEndpoint struct {
	VPCEndpointID       string               `ec2:"VpcEndpointId"`
	VPCEndpointType     string               `ec2:"VpcEndpointType"`
	VPCID               string               `ec2:"VpcId"`
	ServiceName         string               `ec2:"ServiceName"`
	State               string               `ec2:"State"`
	PolicyDocument      string               `ec2:"PolicyDocument"`
	RouteTableIDs       []string             `ec2:"RouteTableIdSet"`
	SubnetIDs           []string             `ec2:"SubnetIdSet"`
	Groups              []GroupIdentifier    `ec2:"GroupSet"`
	IPAddressType       string               `ec2:"IpAddressType"`
	DNSOptions          Optional[DNSOptions] `ec2:"DnsOptions"`
	PrivateDNSEnabled   bool                 `ec2:"PrivateDnsEnabled"`
	RequesterManaged    bool                 `ec2:"RequesterManaged"`
	NetworkInterfaceIDs []string             `ec2:"NetworkInterfaceIdSet"`
	DNSEntries          []DNSEntry           `ec2:"DnsEntrySet"`
	CreationTimestamp   time.Time            `ec2:"CreationTimestamp"`
	Tags                []Tag                `ec2:"TagSet"`
	OwnerID             string               `ec2:"OwnerId"`
}

// hostedZoneID is the deterministic hosted zone of a Region's endpoint
// DNS names.
func hostedZoneID(region string) string {
	h := sha256.Sum256([]byte("hosted-zone\x00" + region))
	return "Z" + strings.ToUpper(hex.EncodeToString(h[:6]))
}

func (c *Cloud) vpceOutput(r *vpceRec) VPCEndpoint {
	e := r.e
	x := VPCEndpoint{VPCEndpointID: e.ID(), VPCEndpointType: string(e.Type()), VPCID: e.VPCID(), ServiceName: e.ServiceName(),
		State: string(e.State()), PolicyDocument: e.Policy(), RouteTableIDs: e.RouteTableIDs(), IPAddressType: e.IPAddressType(),
		PrivateDNSEnabled: e.PrivateDNS(), CreationTimestamp: e.CreateTime(), Tags: tagList(c.tagsOf(r.owner, e.ID())), OwnerID: e.OwnerID()}
	if e.Type() != endpoint.Interface {
		return x
	}
	if o, ok := e.DNS(); ok {
		d := DNSOptions{DNSRecordIPType: o.RecordIPType}
		if o.HasInboundOnly {
			d.PrivateDNSOnlyForInboundResolverEndpoint = Some(o.InboundOnly)
		}
		x.DNSOptions = Some(d)
	}
	for _, g := range e.GroupIDs() {
		gi := GroupIdentifier{GroupID: g}
		if sg := c.sgs[g]; sg != nil {
			gi.GroupName = sg.g.Name()
		}
		x.Groups = append(x.Groups, gi)
	}
	svc, _ := endpoint.FindService(e.Region(), e.ServiceName(), e.Type())
	short := strings.TrimPrefix(e.ServiceName(), "com.amazonaws."+e.Region()+".")
	h := sha256.Sum256([]byte(e.ID()))
	base := e.ID() + "-" + hex.EncodeToString(h[:4]) + "." + short + "." + e.Region() + ".vpce.amazonaws.com"
	zoneID := hostedZoneID(e.Region())
	if e.State() != endpoint.Deleted {
		x.DNSEntries = append(x.DNSEntries, DNSEntry{base, zoneID})
	}
	for _, p := range e.Subnets() {
		x.SubnetIDs = append(x.SubnetIDs, p.SubnetID)
		if e.State() == endpoint.Deleted {
			continue
		}
		x.NetworkInterfaceIDs = append(x.NetworkInterfaceIDs, p.InterfaceID)
		host, rest, _ := strings.Cut(base, ".")
		x.DNSEntries = append(x.DNSEntries, DNSEntry{host + "-" + p.Zone + "." + rest, zoneID})
	}
	if e.PrivateDNS() && svc.PrivateDNS() && e.State() != endpoint.Deleted {
		x.DNSEntries = append(x.DNSEntries, DNSEntry{svc.PrivateDNSName, "Z" + strings.ToUpper(hex.EncodeToString(h[4:10]))})
	}
	return x
}

// SubnetConfiguration is one SubnetConfiguration.N of CreateVpcEndpoint
// and ModifyVpcEndpoint: the address an endpoint's interface takes in a
// subnet.
type SubnetConfiguration struct {
	SubnetID string `ec2:"SubnetId"`
	IPv4     string `ec2:"Ipv4"`
	IPv6     string `ec2:"Ipv6"`
}

// CreateVpcEndpointInput is the input of [Cloud.CreateVpcEndpoint].
// Gateway Load Balancer, resource and service-network endpoints are not
// modelled: their parameters are refused.
type CreateVpcEndpointInput struct {
	VPCID                string                `ec2:"VpcId,required"`
	ServiceName          string                `ec2:"ServiceName"`
	VPCEndpointType      string                `ec2:"VpcEndpointType"`
	PolicyDocument       string                `ec2:"PolicyDocument"`
	RouteTableIDs        []string              `ec2:"RouteTableId"`
	SubnetIDs            []string              `ec2:"SubnetId"`
	SecurityGroupIDs     []string              `ec2:"SecurityGroupId"`
	PrivateDNSEnabled    Optional[bool]        `ec2:"PrivateDnsEnabled"`
	DNSOptions           Optional[DNSOptions]  `ec2:"DnsOptions"`
	IPAddressType        string                `ec2:"IpAddressType"`
	SubnetConfigurations []SubnetConfiguration `ec2:"SubnetConfiguration"`
	ServiceRegion        string                `ec2:"ServiceRegion"`
	ClientToken          string                `ec2:"ClientToken"`
	TagSpecifications    []TagSpecification    `ec2:"TagSpecification"`
	ResourceConfigARN    string                `ec2:"ResourceConfigurationArn"`
	ServiceNetworkARN    string                `ec2:"ServiceNetworkArn"`
}

// CreateVpcEndpointOutput is the output of [Cloud.CreateVpcEndpoint].
type CreateVpcEndpointOutput struct {
	VPCEndpoint VPCEndpoint `ec2:"VpcEndpoint"`
	ClientToken string      `ec2:"ClientToken,omitempty"`
}

// resolvedSubnets checks that each subnet is the caller's and of vpcID,
// and that each SubnetConfiguration names one of them with a usable
// IPv4 address.
func (c *Cloud) resolvedSubnets(k *call, vpcID string, ids []string, confs []SubnetConfiguration) ([]endpoint.Placement, map[string]netip.Addr, error) {
	var ps []endpoint.Placement
	for _, id := range ids {
		s, err := c.findSubnet(k, id)
		if err != nil {
			return nil, nil, err
		}
		if s.VPCID() != vpcID {
			return nil, nil, &Error{Code: ec2.InvalidParameter,
				Message: fmt.Sprintf("The subnet %s does not belong to the VPC %s.", id, vpcID)}
		}
		if s.IsIPv6Native() {
			return nil, nil, &Error{Code: ec2.InvalidParameter,
				Message: fmt.Sprintf("The subnet %s is IPv6-only; this model's endpoints are ipv4.", id)}
		}
		ps = append(ps, endpoint.Placement{SubnetID: id, Zone: s.Zone().Name})
	}
	addrs := map[string]netip.Addr{}
	for _, sc := range confs {
		switch {
		case sc.IPv6 != "":
			return nil, nil, unsupported("SubnetConfiguration.Ipv6")
		case !slices.Contains(ids, sc.SubnetID):
			return nil, nil, &Error{Code: ec2.InvalidParameter,
				Message: fmt.Sprintf("The subnet configuration names the subnet %s, which is not among the endpoint's subnets.", sc.SubnetID)}
		case sc.IPv4 == "":
			continue
		}
		a, err := netip.ParseAddr(sc.IPv4)
		if err != nil || !a.Is4() {
			return nil, nil, &Error{Code: ec2.InvalidParameter, Message: fmt.Sprintf("The address %s is not a valid IPv4 address.", sc.IPv4)}
		}
		addrs[sc.SubnetID] = a
	}
	return ps, addrs, nil
}

// checkEndpointGroups checks that every group is the caller's and of
// vpcID.
func (c *Cloud) checkEndpointGroups(k *call, vpcID string, groups []string) error {
	for _, g := range groups {
		r, err := c.findSecurityGroup(k, g)
		if err != nil {
			return err
		}
		if r.g.VPCID() != vpcID {
			return &Error{Code: ec2.InvalidParameter,
				Message: fmt.Sprintf("The security group %s does not belong to the VPC %s.", g, vpcID)}
		}
	}
	return nil
}

// checkEndpointRoutes checks that the route tables are the caller's and of
// vpcID, and hold no route of another live endpoint to the service.
func (c *Cloud) checkEndpointRoutes(k *call, vpcID, service, self string, tables []string) error {
	pl, _ := endpoint.PrefixListOf(k.Region, service)
	for _, id := range tables {
		t, err := c.findRouteTable(k, id)
		if err != nil {
			return err
		}
		if t.table.VPCID() != vpcID {
			return &Error{Code: ec2.InvalidParameter,
				Message: fmt.Sprintf("The route table %s does not belong to the VPC %s.", id, vpcID)}
		}
		for other := range c.vpcesOfVPC[vpcID] {
			o := c.vpces[other].e
			if other != self && o.State().IsLive() && o.ServiceName() == service && o.Type() == endpoint.Gateway && o.HasRouteTable(id) {
				return &Error{Code: "RouteAlreadyExists",
					Message: fmt.Sprintf("route table %s already has a route with destination-prefix-list-id %s", id, pl.ID)}
			}
		}
	}
	return nil
}

// checkPrivateDNS checks that a VPC may have an endpoint with private DNS
// for a service: its DNS attributes are on and no other live endpoint of
// the VPC has private DNS for the service.
func (c *Cloud) checkPrivateDNS(r *vpcRec, service, self string) error {
	if !r.v.DNSSupport() || !r.v.DNSHostnames() {
		return &Error{Code: ec2.InvalidParameter,
			Message: fmt.Sprintf("Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for %s", r.v.ID())}
	}
	for other := range c.vpcesOfVPC[r.v.ID()] {
		o := c.vpces[other].e
		if other != self && o.State().IsLive() && o.ServiceName() == service && o.PrivateDNS() {
			return &Error{Code: ec2.InvalidParameter,
				Message: fmt.Sprintf("private-dns-enabled cannot be set because there is already a conflicting DNS domain for %s in the VPC %s", service, r.v.ID())}
		}
	}
	return nil
}

// newEndpointENIs makes, for each placement without an interface, the
// endpoint's interface: every check first, then the values, so that a
// refusal leaves nothing behind. The interfaces are returned, not stored.
// With no endpointID it only checks, reading no randomness.
func (c *Cloud) newEndpointENIs(k *call, vpcID, endpointID string, ps []endpoint.Placement, addrs map[string]netip.Addr, groups []string) ([]eni.Interface, error) {
	checkOnly := endpointID == ""
	if checkOnly {
		endpointID = "vpce-00000000000000000"
	}
	var specs []eni.Spec
	for _, p := range ps {
		if p.InterfaceID != "" {
			continue
		}
		s := c.subnets[p.SubnetID]
		spec := eni.Spec{OwnerID: k.Account, Region: k.Region, SubnetID: s.ID(), VPCID: vpcID, Zone: s.Zone(), SubnetCIDR: s.CIDR(),
			PrivateIP: addrs[p.SubnetID], Groups: groups, Description: endpoint.InterfaceDescription(endpointID), ManagedBy: endpointID,
			InUse: c.addressTaken(s)}
		if err := spec.Check(); err != nil {
			return nil, err
		}
		if !spec.PrivateIP.IsValid() {
			if _, ok := eni.Allocate(spec.SubnetCIDR, spec.InUse); !ok {
				return nil, &Error{Code: "InsufficientFreeAddressesInSubnet",
					Message: "The specified subnet does not have enough free addresses to satisfy the request."}
			}
		}
		specs = append(specs, spec)
	}
	if checkOnly {
		return nil, nil
	}
	var out []eni.Interface
	for _, spec := range specs {
		i, err := eni.Create(spec, c.random)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, nil
}

// storeENIs stores an endpoint's new interfaces and returns e holding
// them.
func (c *Cloud) storeENIs(owner scope, e endpoint.Endpoint, is []eni.Interface) (endpoint.Endpoint, error) {
	for _, i := range is {
		next, err := e.WithInterface(i.SubnetID(), i.ID())
		if err != nil {
			return endpoint.Endpoint{}, err
		}
		e = next
	}
	for _, i := range is {
		r := &eniRec{owner: owner, i: i}
		c.enis[i.ID()] = r
		c.indexENI(r)
	}
	return e, nil
}

func (c *Cloud) createVpcEndpoint(k *call, in *CreateVpcEndpointInput) (*CreateVpcEndpointOutput, error) {
	switch {
	case in.ResourceConfigARN != "" || in.ServiceNetworkARN != "":
		return nil, unsupported("ResourceConfigurationArn/ServiceNetworkArn")
	case in.ServiceName == "":
		return nil, missingParameter("ServiceName")
	case in.ServiceRegion != "" && in.ServiceRegion != k.Region:
		return nil, unsupported("ServiceRegion " + in.ServiceRegion)
	}
	typ := endpoint.Type(in.VPCEndpointType)
	if typ == "" {
		typ = endpoint.Gateway
	}
	if !typ.IsValid() {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("The VPC endpoint type %s is not supported by this model.", in.VPCEndpointType)}
	}
	svc, ok := endpoint.FindService(k.Region, in.ServiceName, typ)
	if !ok {
		return nil, &Error{Code: "InvalidServiceName", Message: fmt.Sprintf("The Vpc Endpoint Service '%s' does not exist", in.ServiceName)}
	}
	tags, err := tagsFor(in.TagSpecifications, "vpc-endpoint")
	if err != nil {
		return nil, err
	}
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	if in.ClientToken != "" {
		for id := range c.vpcesIn[k.scope] {
			if r := c.vpces[id]; r.e.ClientToken() == in.ClientToken {
				if r.e.VPCID() != v.v.ID() || r.e.ServiceName() != svc.Name || r.e.Type() != typ {
					return nil, &Error{Code: ec2.IdempotentParameterMismatch,
						Message: fmt.Sprintf("The client token %s was used with different parameters.", in.ClientToken)}
				}
				return &CreateVpcEndpointOutput{VPCEndpoint: c.vpceOutput(r), ClientToken: in.ClientToken}, nil
			}
		}
	}
	spec := endpoint.Spec{OwnerID: k.Account, Region: k.Region, VPCID: v.v.ID(), Service: svc, Policy: in.PolicyDocument,
		RouteTableIDs: in.RouteTableIDs, GroupIDs: in.SecurityGroupIDs, IPAddressType: in.IPAddressType, ClientToken: in.ClientToken}
	if typ == endpoint.Interface {
		// EC2 enables private DNS on an interface endpoint unless told not to.
		spec.PrivateDNS = !in.PrivateDNSEnabled.Set || in.PrivateDNSEnabled.Value
		if !svc.PrivateDNS() && !in.PrivateDNSEnabled.Set {
			spec.PrivateDNS = false
		}
		if len(spec.GroupIDs) == 0 {
			spec.GroupIDs = []string{v.sg}
		}
	} else {
		spec.PrivateDNS = in.PrivateDNSEnabled.Value
	}
	if o, ok := in.DNSOptions.Get(); ok {
		spec.DNS = endpoint.DNSOptions{RecordIPType: o.DNSRecordIPType}
		spec.DNS.InboundOnly, spec.DNS.HasInboundOnly = o.PrivateDNSOnlyForInboundResolverEndpoint.Get()
	}
	subnetIDs := slices.Clone(in.SubnetIDs)
	for _, sc := range in.SubnetConfigurations {
		if !slices.Contains(subnetIDs, sc.SubnetID) && typ == endpoint.Interface && sc.SubnetID != "" {
			subnetIDs = append(subnetIDs, sc.SubnetID)
		}
	}
	// Package endpoint checks the request's own shape first: IDs, types,
	// zones, the policy.
	if err := spec.Check(); err != nil {
		return nil, err
	}
	ps, addrs, err := c.resolvedSubnets(k, v.v.ID(), subnetIDs, in.SubnetConfigurations)
	if err != nil {
		return nil, err
	}
	spec.Subnets = ps
	if err := spec.Check(); err != nil {
		return nil, err
	}
	if err := c.checkEndpointGroups(k, v.v.ID(), spec.GroupIDs); err != nil {
		return nil, err
	}
	if err := c.checkEndpointRoutes(k, v.v.ID(), svc.Name, "", spec.RouteTableIDs); err != nil {
		return nil, err
	}
	if spec.PrivateDNS {
		if err := c.checkPrivateDNS(v, svc.Name, ""); err != nil {
			return nil, err
		}
	}
	// The interfaces are checked before the endpoint's ID is drawn, so that a
	// refusal reads no randomness.
	if _, err := c.newEndpointENIs(k, v.v.ID(), "", spec.Subnets, addrs, spec.GroupIDs); err != nil {
		return nil, err
	}
	e, err := endpoint.Create(spec, k.now, c.random)
	if err != nil {
		return nil, err
	}
	is, err := c.newEndpointENIs(k, v.v.ID(), e.ID(), e.Subnets(), addrs, e.GroupIDs())
	if err != nil {
		return nil, err
	}
	if e, err = c.storeENIs(k.scope, e, is); err != nil {
		return nil, err
	}
	r := &vpceRec{owner: k.scope, e: e}
	c.vpces[e.ID()] = r
	c.indexVPCE(r)
	c.setTags(k.scope, e.ID(), tags)
	return &CreateVpcEndpointOutput{VPCEndpoint: c.vpceOutput(r), ClientToken: in.ClientToken}, nil
}

// ModifyVpcEndpointInput is the input of [Cloud.ModifyVpcEndpoint].
type ModifyVpcEndpointInput struct {
	VPCEndpointID          string                `ec2:"VpcEndpointId,required"`
	AddRouteTableIDs       []string              `ec2:"AddRouteTableId"`
	RemoveRouteTableIDs    []string              `ec2:"RemoveRouteTableId"`
	AddSubnetIDs           []string              `ec2:"AddSubnetId"`
	RemoveSubnetIDs        []string              `ec2:"RemoveSubnetId"`
	AddSecurityGroupIDs    []string              `ec2:"AddSecurityGroupId"`
	RemoveSecurityGroupIDs []string              `ec2:"RemoveSecurityGroupId"`
	PolicyDocument         string                `ec2:"PolicyDocument"`
	ResetPolicy            bool                  `ec2:"ResetPolicy"`
	PrivateDNSEnabled      Optional[bool]        `ec2:"PrivateDnsEnabled"`
	DNSOptions             Optional[DNSOptions]  `ec2:"DnsOptions"`
	IPAddressType          string                `ec2:"IpAddressType"`
	SubnetConfigurations   []SubnetConfiguration `ec2:"SubnetConfiguration"`
}

// ModifyVpcEndpointOutput is the output of [Cloud.ModifyVpcEndpoint].
type ModifyVpcEndpointOutput struct {
	Return bool `ec2:"Return"`
}

func (c *Cloud) modifyVpcEndpoint(k *call, in *ModifyVpcEndpointInput) (*ModifyVpcEndpointOutput, error) {
	r, err := c.findVPCE(k, in.VPCEndpointID)
	if err != nil {
		return nil, err
	}
	e := r.e
	if e.State() == endpoint.Deleted {
		return nil, &Error{Code: ec2.VPCEndpointIDNotFound, Message: fmt.Sprintf("The Vpc Endpoint Id '%s' does not exist", e.ID())}
	}
	svc, _ := endpoint.FindService(e.Region(), e.ServiceName(), e.Type())
	v := c.vpcs[e.VPCID()]
	for _, sc := range in.SubnetConfigurations {
		if !slices.Contains(in.AddSubnetIDs, sc.SubnetID) && !slices.ContainsFunc(e.Subnets(), func(p endpoint.Placement) bool { return p.SubnetID == sc.SubnetID }) {
			return nil, unsupported("SubnetConfiguration for a subnet not being added")
		}
	}
	var confs []SubnetConfiguration
	for _, sc := range in.SubnetConfigurations {
		if slices.Contains(in.AddSubnetIDs, sc.SubnetID) {
			confs = append(confs, sc)
		}
	}
	added, addrs, err := c.resolvedSubnets(k, e.VPCID(), in.AddSubnetIDs, confs)
	if err != nil {
		return nil, err
	}
	m := endpoint.Modification{AddRouteTables: in.AddRouteTableIDs, RemoveRouteTables: in.RemoveRouteTableIDs, AddSubnets: added,
		RemoveSubnets: in.RemoveSubnetIDs, AddGroups: in.AddSecurityGroupIDs, RemoveGroups: in.RemoveSecurityGroupIDs,
		Policy: in.PolicyDocument, ResetPolicy: in.ResetPolicy, IPAddressType: in.IPAddressType}
	m.PrivateDNS, m.SetPrivateDNS = in.PrivateDNSEnabled.Get()
	if o, ok := in.DNSOptions.Get(); ok {
		m.SetDNS = true
		m.DNS = endpoint.DNSOptions{RecordIPType: o.DNSRecordIPType}
		m.DNS.InboundOnly, m.DNS.HasInboundOnly = o.PrivateDNSOnlyForInboundResolverEndpoint.Get()
	}
	next, err := e.Modify(svc, m)
	if err != nil {
		return nil, err
	}
	if len(next.GroupIDs()) == 0 && e.Type() == endpoint.Interface {
		return nil, &Error{Code: ec2.InvalidParameter, Message: "An interface endpoint needs at least one security group."}
	}
	if err := c.checkEndpointGroups(k, e.VPCID(), in.AddSecurityGroupIDs); err != nil {
		return nil, err
	}
	if err := c.checkEndpointRoutes(k, e.VPCID(), e.ServiceName(), e.ID(), in.AddRouteTableIDs); err != nil {
		return nil, err
	}
	if next.PrivateDNS() && !e.PrivateDNS() && v != nil {
		if err := c.checkPrivateDNS(v, e.ServiceName(), e.ID()); err != nil {
			return nil, err
		}
	}
	is, err := c.newEndpointENIs(k, e.VPCID(), e.ID(), next.Subnets(), addrs, next.GroupIDs())
	if err != nil {
		return nil, err
	}
	if next, err = c.storeENIs(k.scope, next, is); err != nil {
		return nil, err
	}
	// Interfaces of removed subnets go; the others take the new groups.
	for _, p := range e.Subnets() {
		if !slices.ContainsFunc(next.Subnets(), func(q endpoint.Placement) bool { return q.SubnetID == p.SubnetID }) {
			c.dropENI(p.InterfaceID)
		} else if ir := c.enis[p.InterfaceID]; ir != nil && !slices.Equal(ir.i.Groups(), next.GroupIDs()) {
			if ni, err := ir.i.WithGroups(next.GroupIDs()); err == nil {
				c.putENI(ir, ni)
			}
		}
	}
	r.e = next
	return &ModifyVpcEndpointOutput{Return: true}, nil
}

// DeleteVpcEndpointsInput is the input of [Cloud.DeleteVpcEndpoints].
type DeleteVpcEndpointsInput struct {
	VPCEndpointIDs []string `ec2:"VpcEndpointId"`
}

// DeleteVpcEndpointsOutput is the output of [Cloud.DeleteVpcEndpoints].
type DeleteVpcEndpointsOutput struct {
	Unsuccessful []UnsuccessfulItem `ec2:"Unsuccessful"`
}

func (c *Cloud) deleteVpcEndpoints(k *call, in *DeleteVpcEndpointsInput) (*DeleteVpcEndpointsOutput, error) {
	if len(in.VPCEndpointIDs) == 0 {
		return nil, missingParameter("VpcEndpointId")
	}
	for _, id := range in.VPCEndpointIDs {
		if err := ec2.VPCEndpoint.ParseID(id); err != nil {
			return nil, err
		}
	}
	out := &DeleteVpcEndpointsOutput{}
	for _, id := range in.VPCEndpointIDs {
		r := c.vpces[id]
		if r == nil || r.owner != k.scope {
			out.Unsuccessful = append(out.Unsuccessful, UnsuccessfulItem{ResourceID: id, Error: UnsuccessfulItemError{
				Code: "InvalidVpcEndpoint.NotFound", Message: fmt.Sprintf("The Vpc Endpoint Id '%s' does not exist", id)}})
			continue
		}
		next, err := r.e.Delete(k.now)
		if err != nil {
			item := UnsuccessfulItem{ResourceID: id}
			if ce := (*endpoint.Error)(nil); errors.As(err, &ce) {
				item.Error = UnsuccessfulItemError{Code: ce.ErrorCode(), Message: ce.ErrorMessage()}
			}
			out.Unsuccessful = append(out.Unsuccessful, item)
			continue
		}
		r.e = next
		c.trackVPCE(next)
	}
	return out, nil
}

// DescribeVpcEndpointsInput is the input of [Cloud.DescribeVpcEndpoints].
type DescribeVpcEndpointsInput struct {
	VPCEndpointIDs []string `ec2:"VpcEndpointId"`
	Filters        []Filter `ec2:"Filter"`
	Page
}

// DescribeVpcEndpointsOutput is the output of [Cloud.DescribeVpcEndpoints].
type DescribeVpcEndpointsOutput struct {
	VPCEndpoints []VPCEndpoint `ec2:"VpcEndpointSet"`
	NextToken    string        `ec2:"NextToken,omitempty"`
}

var vpceFilters = filterFuncs[*vpceRec]{
	"vpc-endpoint-id":    func(r *vpceRec) []string { return one(r.e.ID()) },
	"vpc-id":             func(r *vpceRec) []string { return one(r.e.VPCID()) },
	"service-name":       func(r *vpceRec) []string { return one(r.e.ServiceName()) },
	"vpc-endpoint-type":  func(r *vpceRec) []string { return one(string(r.e.Type())) },
	"vpc-endpoint-state": func(r *vpceRec) []string { return one(string(r.e.State())) },
	"ip-address-type":    func(r *vpceRec) []string { return one(r.e.IPAddressType()) },
}

var vpcePage = pageLimits{min: 5, max: 1000, token: ec2.VPCEndpoint.IsID}

func (c *Cloud) describeVpcEndpoints(k *call, in *DescribeVpcEndpointsInput) (*DescribeVpcEndpointsOutput, error) {
	if err := in.Page.check(vpcePage, false); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, vpceFilters, func(r *vpceRec) tag.Set { return c.tagsOf(r.owner, r.e.ID()) })
	if err != nil {
		return nil, err
	}
	var rs []*vpceRec
	if len(in.VPCEndpointIDs) > 0 {
		for _, id := range in.VPCEndpointIDs {
			r, err := c.findVPCE(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, func(a, b *vpceRec) int { return strings.Compare(a.e.ID(), b.e.ID()) })
	} else {
		rs = mapSlice(sortedIDs(c.vpcesIn[k.scope]), func(id string) *vpceRec { return c.vpces[id] })
	}
	rs = slices.DeleteFunc(rs, func(r *vpceRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *vpceRec) string { return r.e.ID() }, in.Page, vpcePage, false)
	if err != nil {
		return nil, err
	}
	return &DescribeVpcEndpointsOutput{VPCEndpoints: mapSlice(pageOf, c.vpceOutput), NextToken: next}, nil
}

// writeVPCEs writes the endpoints, in ID order, for [Cloud.WriteTo].
func (c *Cloud) writeVPCEs(put func(payload []byte, fields ...string), encode func(interface{ MarshalBinary() ([]byte, error) }) []byte) {
	for _, id := range sortedKeys(c.vpces) {
		r := c.vpces[id]
		put(encode(r.e), "vpcEndpoint", r.owner.Account, r.owner.Region)
	}
}

// addVPCE takes one endpoint record into st.
func (st *state) addVPCE(owner scope, payload []byte) error {
	var e endpoint.Endpoint
	if err := e.UnmarshalBinary(payload); err != nil {
		return err
	}
	if st.vpces[e.ID()] != nil || e.OwnerID() != owner.Account || e.Region() != owner.Region {
		return fmt.Errorf("vpc endpoint %s twice or of another owner", e.ID())
	}
	st.vpces[e.ID()] = &vpceRec{owner: owner, e: e}
	return nil
}

// reindexVPCEs rebuilds the endpoint indexes of st.
func (st *state) reindexVPCEs() {
	for _, id := range sortedKeys(st.vpces) {
		st.indexVPCE(st.vpces[id])
	}
}

// checkVPCEs verifies the references of st's endpoints: an endpoint not
// deleted is in an existing VPC of its owner, routes through route tables
// of that VPC (one endpoint per service and table), and holds, in each of
// its subnets of that VPC, the interface that names it; every interface an
// endpoint manages is held so; st is indexed.
func (st *state) checkVPCEs() error {
	held := map[string]string{}   // interface -> endpoint
	routed := map[string]string{} // table + service -> endpoint
	for _, id := range sortedKeys(st.vpces) {
		r := st.vpces[id]
		e := r.e
		if e.State() == endpoint.Deleted {
			continue
		}
		if v := st.vpcs[e.VPCID()]; v == nil || v.owner() != r.owner {
			return fmt.Errorf("vpc endpoint %s: its VPC %s is not its owner's", id, e.VPCID())
		}
		for _, t := range e.RouteTableIDs() {
			if tb := st.rtbs[t]; tb == nil || tb.table.VPCID() != e.VPCID() {
				return fmt.Errorf("vpc endpoint %s: route table %s is not of its VPC", id, t)
			}
			if other, dup := routed[t+" "+e.ServiceName()]; dup && e.State().IsLive() {
				return fmt.Errorf("vpc endpoint %s: route table %s routes to %s too", id, t, other)
			}
			if e.State().IsLive() {
				routed[t+" "+e.ServiceName()] = id
			}
		}
		for _, g := range e.GroupIDs() {
			if sg := st.sgs[g]; sg == nil || sg.owner != r.owner || sg.g.VPCID() != e.VPCID() {
				return fmt.Errorf("vpc endpoint %s: security group %s is not of its VPC", id, g)
			}
		}
		for _, p := range e.Subnets() {
			s, ok := st.subnets[p.SubnetID]
			ir := st.enis[p.InterfaceID]
			if !ok || s.VPCID() != e.VPCID() || s.Zone().Name != p.Zone || ir == nil || ir.i.SubnetID() != p.SubnetID {
				return fmt.Errorf("vpc endpoint %s: subnet %s or its interface %s is not of its VPC", id, p.SubnetID, p.InterfaceID)
			}
			if by, _ := ir.i.ManagedBy(); by != id {
				return fmt.Errorf("vpc endpoint %s: interface %s is not managed by it", id, p.InterfaceID)
			}
			held[p.InterfaceID] = id
		}
	}
	for id, r := range st.enis {
		if by, ok := r.i.ManagedBy(); ok && held[id] != by {
			return fmt.Errorf("network interface %s: managed by %s, which does not hold it", id, by)
		}
	}
	return nil
}

// existsInVPCEs reports whether owner holds the endpoint id.
func (st *state) existsInVPCEs(owner scope, id string) bool {
	r := st.vpces[id]
	return r != nil && r.owner == owner
}
