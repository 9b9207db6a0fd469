package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// Route tables are route.Table values; package route owns every route rule.
// The Cloud answers its Resolver (what a target is, which VPCs it serves, a
// peering connection's status) and keeps each table reconciled, so that
// route states follow their targets and VGW propagation follows the VPN
// connections' tunnels and static routes.

// rtb is one route table and the scope that owns it.
type rtb struct {
	owner scope
	table route.Table
	// fresh is the Cloud's Version, plus one, when table was last brought
	// up to date; 0 when it never was. Every change to what a table's
	// routes depend on moves the Version, so a table refreshed at the
	// current Version is up to date.
	fresh uint64
}

// resolver answers route.Resolver for the tables of one scope at one
// instant.
type resolver struct {
	c     *Cloud
	k     *call
	owner scope
	vpcID string // the table's VPC
}

// Resolve reports what the owner of a table can see of target t.
func (r resolver) Resolve(t route.Target) (route.TargetInfo, bool) {
	switch t.Kind() {
	case route.KindPeeringConnection:
		conn, ok := r.c.peering.Connection(t.ID(), r.k.now)
		if !ok || !conn.VisibleTo(r.owner.Account, r.k.now) {
			return route.TargetInfo{}, false
		}
		return route.TargetInfo{
			VPCIDs: []string{conn.Requester().ID, conn.Accepter().ID},
			Status: conn.Code(),
		}, true
	case route.KindVPNGateway:
		return r.c.vgwTargetInfo(r.owner, t.ID())
	case route.KindInternetGateway, route.KindEgressOnlyInternetGateway:
		return r.c.gatewayTargetInfo(r.owner, t.ID())
	case route.KindNATGateway:
		return r.c.natTargetInfo(r.owner, t.ID())
	case route.KindNetworkInterface:
		return r.c.eniTargetInfo(r.owner, t.ID())
	case route.KindTransitGateway:
		return r.c.tgwTargetInfo(r.owner, t.ID(), r.vpcID)
	}
	return route.TargetInfo{}, false
}

// IsSubnet reports whether block is exactly the block of one of vpcID's
// subnets.
func (r resolver) IsSubnet(vpcID string, block netip.Prefix) bool { return r.c.isSubnet(vpcID, block) }

// refresh brings t up to date with its targets: route states, and the routes
// each propagating gateway contributes.
func (c *Cloud) refresh(k *call, t *rtb) {
	if t.fresh == c.version+1 {
		return
	}
	defer func() { t.fresh = c.version + 1 }()
	r := resolver{c, k, t.owner, t.table.VPCID()}
	tbl := t.table.Reconcile(r)
	for _, g := range tbl.PropagatingGateways() {
		next, err := tbl.SetPropagated(g, c.propagatedPrefixes(t.owner, g.ID(), tbl.VPCID()))
		if err != nil {
			continue // beyond the propagated-route quota: the table keeps what it had
		}
		tbl = next
	}
	t.table = tbl
}

// findRouteTable returns the caller's route table id, refreshed.
func (c *Cloud) findRouteTable(k *call, id string) (*rtb, error) {
	if err := ec2.RouteTable.ParseID(id); err != nil {
		return nil, err
	}
	t := c.rtbs[id]
	if t == nil || t.owner != k.scope {
		return nil, ec2.RouteTable.NotFoundError(id, nil)
	}
	c.refresh(k, t)
	return t, nil
}

// tablesOf returns the route tables of VPC vpcID, in ID order.
func (c *Cloud) tablesOf(vpcID string) []*rtb {
	ids := c.rtbsByVPC[vpcID]
	out := make([]*rtb, len(ids))
	for i, id := range ids {
		out[i] = c.rtbs[id]
	}
	return out
}

func (c *Cloud) addTable(t *rtb) {
	c.rtbs[t.table.ID()] = t
	addID(c.rtbsOf, t.owner, t.table.ID())
	c.indexAssocs(t.table)
	ids := append(c.rtbsByVPC[t.table.VPCID()], t.table.ID())
	slices.Sort(ids)
	c.rtbsByVPC[t.table.VPCID()] = ids
}

func (c *Cloud) removeTable(t *rtb) {
	id, vpcID := t.table.ID(), t.table.VPCID()
	c.unindexAssocs(t.table)
	delete(c.rtbs, id)
	removeID(c.rtbsOf, t.owner, id)
	ids := slices.DeleteFunc(c.rtbsByVPC[vpcID], func(x string) bool { return x == id })
	if len(ids) == 0 {
		delete(c.rtbsByVPC, vpcID)
	} else {
		c.rtbsByVPC[vpcID] = ids
	}
	c.dropTags(id)
}

// mainTableOf returns the ID of VPC vpcID's main route table.
func (c *Cloud) mainTableOf(vpcID string) string {
	for _, t := range c.tablesOf(vpcID) {
		for _, a := range t.table.Associations() {
			if a.Main {
				return t.table.ID()
			}
		}
	}
	return ""
}

// newTable makes a route table for r; main marks the VPC's main table.
func (c *Cloud) newTable(r *vpcRec, main bool) (*rtb, error) {
	id, err := c.newID(ec2.RouteTable)
	if err != nil {
		return nil, err
	}
	if main {
		assoc, err := c.newID(ec2.RouteTableAssoc)
		if err != nil {
			return nil, err
		}
		return r.mainTable(id, assoc)
	}
	tbl, err := route.CreateTable(id, r.v.OwnerID(), route.VPC{ID: r.v.ID(), Blocks: append(r.v.CIDRs(), r.v.IPv6CIDRs()...)})
	if err != nil {
		return nil, err
	}
	return &rtb{owner: r.owner(), table: tbl}, nil
}

// mainTable returns the main route table id of r, as CreateVpc makes it
// (the local routes of r's blocks) with the main association assoc.
func (r *vpcRec) mainTable(id, assoc string) (*rtb, error) {
	tbl, err := route.CreateTable(id, r.v.OwnerID(), route.VPC{ID: r.v.ID(), Blocks: append(r.v.CIDRs(), r.v.IPv6CIDRs()...)})
	if err != nil {
		return nil, err
	}
	if tbl, err = tbl.Associate(route.Association{ID: assoc, Main: true}); err != nil {
		return nil, err
	}
	return &rtb{owner: r.owner(), table: tbl}, nil
}

// impliedMain returns the ID and main association ID of r's main route
// table when that table is still as mainTable makes it, so that the
// encoding need not hold it.
func (c *Cloud) impliedMain(r *vpcRec) (id, assoc string, ok bool) {
	for _, tid := range c.rtbsByVPC[r.v.ID()] {
		t := c.rtbs[tid]
		for _, a := range t.table.Associations() {
			if !a.Main {
				continue
			}
			want, err := r.mainTable(tid, a.ID)
			return tid, a.ID, err == nil && want.owner == t.owner && want.table.Equal(t.table)
		}
	}
	return "", "", false
}

// RouteTable is a route table as DescribeRouteTables shows it.
type RouteTable struct {
	Associations    []RouteTableAssociation `ec2:"AssociationSet"`
	PropagatingVGWs []PropagatingVGW        `ec2:"PropagatingVgwSet"`
	RouteTableID    string                  `ec2:"RouteTableId"`
	Routes          []Route                 `ec2:"RouteSet"`
	Tags            []Tag                   `ec2:"TagSet"`
	VPCID           string                  `ec2:"VpcId"`
	OwnerID         string                  `ec2:"OwnerId"`
}

// RouteTableAssociation is one association of a route table.
type RouteTableAssociation struct {
	Main                    bool       `ec2:"Main"`
	RouteTableAssociationID string     `ec2:"RouteTableAssociationId"`
	RouteTableID            string     `ec2:"RouteTableId"`
	SubnetID                string     `ec2:"SubnetId,omitempty"`
	GatewayID               string     `ec2:"GatewayId,omitempty"`
	AssociationState        BlockState `ec2:"AssociationState"`
}

// PropagatingVGW is a virtual private gateway that propagates routes into a
// table.
type PropagatingVGW struct {
	GatewayID string `ec2:"GatewayId"`
}

// Route is one route of a route table: its destination, the one target
// member its target's kind names, its origin and state.
type Route struct {
	DestinationCIDRBlock        string            `ec2:"DestinationCidrBlock,omitempty"`
	DestinationIPv6CIDRBlock    string            `ec2:"DestinationIpv6CidrBlock,omitempty"`
	DestinationPrefixListID     string            `ec2:"DestinationPrefixListId,omitempty"`
	GatewayID                   string            `ec2:"GatewayId,omitempty"`
	VPCPeeringConnectionID      string            `ec2:"VpcPeeringConnectionId,omitempty"`
	NATGatewayID                string            `ec2:"NatGatewayId,omitempty"`
	NetworkInterfaceID          string            `ec2:"NetworkInterfaceId,omitempty"`
	TransitGatewayID            string            `ec2:"TransitGatewayId,omitempty"`
	EgressOnlyInternetGatewayID string            `ec2:"EgressOnlyInternetGatewayId,omitempty"`
	InstanceID                  string            `ec2:"InstanceId,omitempty"`
	CarrierGatewayID            string            `ec2:"CarrierGatewayId,omitempty"`
	LocalGatewayID              string            `ec2:"LocalGatewayId,omitempty"`
	CoreNetworkARN              string            `ec2:"CoreNetworkArn,omitempty"`
	VPCEndpointID               string            `ec2:"VpcEndpointId,omitempty"`
	Origin                      route.Origin      `ec2:"Origin"`
	State                       status.RouteState `ec2:"State"`
}

// routeOutput renders r, its target in the member its kind is carried by.
func routeOutput(r route.Route) Route {
	x := Route{Origin: r.Origin, State: r.State}
	if r.Destination.Addr().Is6() {
		x.DestinationIPv6CIDRBlock = r.Destination.String()
	} else {
		x.DestinationCIDRBlock = r.Destination.String()
	}
	id := r.Target.ID()
	switch r.Target.Param() {
	case "GatewayId":
		x.GatewayID = id
	case "VpcPeeringConnectionId":
		x.VPCPeeringConnectionID = id
	case "NatGatewayId":
		x.NATGatewayID = id
	case "NetworkInterfaceId":
		x.NetworkInterfaceID = id
	case "TransitGatewayId":
		x.TransitGatewayID = id
	case "EgressOnlyInternetGatewayId":
		x.EgressOnlyInternetGatewayID = id
	case "InstanceId":
		x.InstanceID = id
	case "CarrierGatewayId":
		x.CarrierGatewayID = id
	case "LocalGatewayId":
		x.LocalGatewayID = id
	case "CoreNetworkArn":
		x.CoreNetworkARN = id
	case "VpcEndpointId":
		x.VPCEndpointID = id
	}
	return x
}

func (c *Cloud) routeTableOutput(t *rtb) RouteTable {
	tbl := t.table
	x := RouteTable{RouteTableID: tbl.ID(), VPCID: tbl.VPCID(), OwnerID: tbl.OwnerID(), Tags: tagList(c.tagsOf(t.owner, tbl.ID()))}
	x.Associations = mapSlice(tbl.Associations(), func(a route.Association) RouteTableAssociation {
		return RouteTableAssociation{Main: a.Main, RouteTableAssociationID: a.ID, RouteTableID: tbl.ID(),
			SubnetID: a.SubnetID, GatewayID: a.GatewayID, AssociationState: BlockState{"associated"}}
	})
	x.PropagatingVGWs = mapSlice(tbl.PropagatingGateways(), func(g route.Target) PropagatingVGW { return PropagatingVGW{g.ID()} })
	x.Routes = append(mapSlice(tbl.Routes(), routeOutput), c.endpointRoutes(t)...)
	return x
}

// CreateRouteTableInput is the input of [Cloud.CreateRouteTable].
type CreateRouteTableInput struct {
	VPCID             string             `ec2:"VpcId,required"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// CreateRouteTableOutput is the output of [Cloud.CreateRouteTable].
type CreateRouteTableOutput struct {
	RouteTable RouteTable `ec2:"RouteTable"`
}

func (c *Cloud) createRouteTable(k *call, in *CreateRouteTableInput) (*CreateRouteTableOutput, error) {
	r, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "route-table")
	if err != nil {
		return nil, err
	}
	t, err := c.newTable(r, false)
	if err != nil {
		return nil, err
	}
	c.addTable(t)
	c.setTags(t.owner, t.table.ID(), tags)
	return &CreateRouteTableOutput{RouteTable: c.routeTableOutput(t)}, nil
}

// DescribeRouteTablesInput is the input of [Cloud.DescribeRouteTables].
type DescribeRouteTablesInput struct {
	RouteTableIDs []string `ec2:"RouteTableId"`
	Filters       []Filter `ec2:"Filter"`
	Page
}

// DescribeRouteTablesOutput is the output of [Cloud.DescribeRouteTables].
type DescribeRouteTablesOutput struct {
	RouteTables []RouteTable `ec2:"RouteTableSet"`
	NextToken   string       `ec2:"NextToken,omitempty"`
}

// routeValues returns, for a route filter, the values of every route.
func routeValues(f func(route.Route) string) func(*rtb) []string {
	return func(t *rtb) []string {
		var out []string
		for _, r := range t.table.Routes() {
			if v := f(r); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
}

// assocValues returns, for an association filter, the values of every
// association.
func assocValues(f func(t *rtb, a route.Association) string) func(*rtb) []string {
	return func(t *rtb) []string {
		var out []string
		for _, a := range t.table.Associations() {
			if v := f(t, a); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
}

// targetOf returns the route's target ID when it is carried by param.
func targetOf(param string) func(route.Route) string {
	return func(r route.Route) string {
		if r.Target.Param() == param {
			return r.Target.ID()
		}
		return ""
	}
}

var routeTableFilters = filterFuncs[*rtb]{
	"route-table-id": func(t *rtb) []string { return []string{t.table.ID()} },
	"vpc-id":         func(t *rtb) []string { return []string{t.table.VPCID()} },
	"owner-id":       func(t *rtb) []string { return []string{t.table.OwnerID()} },
	"association.main": func(t *rtb) []string {
		main := slices.ContainsFunc(t.table.Associations(), func(a route.Association) bool { return a.Main })
		return []string{fmt.Sprint(main)}
	},
	"association.route-table-association-id": assocValues(func(_ *rtb, a route.Association) string { return a.ID }),
	"association.route-table-id":             assocValues(func(t *rtb, _ route.Association) string { return t.table.ID() }),
	"association.subnet-id":                  assocValues(func(_ *rtb, a route.Association) string { return a.SubnetID }),
	"association.gateway-id":                 assocValues(func(_ *rtb, a route.Association) string { return a.GatewayID }),
	"route.destination-cidr-block": routeValues(func(r route.Route) string {
		if r.Destination.Addr().Is4() {
			return r.Destination.String()
		}
		return ""
	}),
	"route.destination-ipv6-cidr-block": routeValues(func(r route.Route) string {
		if r.Destination.Addr().Is6() {
			return r.Destination.String()
		}
		return ""
	}),
	"route.gateway-id":                      routeValues(targetOf("GatewayId")),
	"route.vpc-peering-connection-id":       routeValues(targetOf("VpcPeeringConnectionId")),
	"route.nat-gateway-id":                  routeValues(targetOf("NatGatewayId")),
	"route.transit-gateway-id":              routeValues(targetOf("TransitGatewayId")),
	"route.instance-id":                     routeValues(targetOf("InstanceId")),
	"route.egress-only-internet-gateway-id": routeValues(targetOf("EgressOnlyInternetGatewayId")),
	"route.origin":                          routeValues(func(r route.Route) string { return string(r.Origin) }),
	"route.state":                           routeValues(func(r route.Route) string { return string(r.State) }),
}

var routeTablePage = pageLimits{min: 5, max: 100, idsParam: "RouteTableIds", token: ec2.RouteTable.IsID}

func (c *Cloud) describeRouteTables(k *call, in *DescribeRouteTablesInput) (*DescribeRouteTablesOutput, error) {
	if err := in.Page.check(routeTablePage, len(in.RouteTableIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, c.routeTableFiltersWithEndpoints(), func(t *rtb) tag.Set { return c.tagsOf(t.owner, t.table.ID()) })
	if err != nil {
		return nil, err
	}
	var ts []*rtb
	switch {
	case len(in.RouteTableIDs) > 0:
		for _, id := range in.RouteTableIDs {
			t, err := c.findRouteTable(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
	default:
		ts = c.tableCandidates(k, in.Filters)
		for _, t := range ts {
			c.refresh(k, t)
		}
	}
	ts = slices.DeleteFunc(ts, func(t *rtb) bool { return !m.match(t) })
	slices.SortFunc(ts, func(a, b *rtb) int { return strings.Compare(a.table.ID(), b.table.ID()) })
	pageOf, next, err := paginate(ts, func(t *rtb) string { return t.table.ID() }, in.Page, routeTablePage, len(in.RouteTableIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeRouteTablesOutput{NextToken: next}
	out.RouteTables = mapSlice(pageOf, c.routeTableOutput)
	return out, nil
}

// tableCandidates returns the caller's tables that may match filters:
// those an indexed filter narrows to, or else all of them.
func (c *Cloud) tableCandidates(k *call, filters []Filter) []*rtb {
	ids, ok := c.narrow(k, filters, map[string]lookup{
		"vpc-id":         func(v string) []string { return c.rtbsByVPC[v] },
		"route-table-id": func(v string) []string { return []string{v} },
	}, "rtb-")
	var out []*rtb
	if ok {
		for _, id := range ids {
			if t := c.rtbs[id]; t != nil && t.owner == k.scope {
				out = append(out, t)
			}
		}
		return out
	}
	for id := range c.rtbsOf[k.scope] {
		out = append(out, c.rtbs[id])
	}
	return out
}

// DeleteRouteTableInput is the input of [Cloud.DeleteRouteTable].
type DeleteRouteTableInput struct {
	RouteTableID string `ec2:"RouteTableId,required"`
}

// DeleteRouteTableOutput is the output of [Cloud.DeleteRouteTable].
type DeleteRouteTableOutput = ReturnOutput

func (c *Cloud) deleteRouteTable(k *call, in *DeleteRouteTableInput) (*ReturnOutput, error) {
	t, err := c.findRouteTable(k, in.RouteTableID)
	if err != nil {
		return nil, err
	}
	if err := t.table.CheckDelete(); err != nil {
		return nil, err
	}
	c.removeTable(t)
	c.forgetRouteTable(t.table.VPCID(), t.table.ID())
	return &ReturnOutput{Return: true}, nil
}

// RouteTarget holds the route-target parameters of CreateRoute and
// ReplaceRoute; exactly one must be given ([route.ParseTargetParams]).
type RouteTarget struct {
	GatewayID                   string `ec2:"GatewayId"`
	VPCPeeringConnectionID      string `ec2:"VpcPeeringConnectionId"`
	NATGatewayID                string `ec2:"NatGatewayId"`
	NetworkInterfaceID          string `ec2:"NetworkInterfaceId"`
	TransitGatewayID            string `ec2:"TransitGatewayId"`
	EgressOnlyInternetGatewayID string `ec2:"EgressOnlyInternetGatewayId"`
	VPCEndpointID               string `ec2:"VpcEndpointId"`
	InstanceID                  string `ec2:"InstanceId"`
	CarrierGatewayID            string `ec2:"CarrierGatewayId"`
	LocalGatewayID              string `ec2:"LocalGatewayId"`
	CoreNetworkARN              string `ec2:"CoreNetworkArn"`
	LocalTarget                 bool   `ec2:"LocalTarget"`
}

func (a RouteTarget) parse() (route.Target, error) {
	params := map[string]string{
		"GatewayId": a.GatewayID, "VpcPeeringConnectionId": a.VPCPeeringConnectionID,
		"NatGatewayId": a.NATGatewayID, "NetworkInterfaceId": a.NetworkInterfaceID,
		"TransitGatewayId": a.TransitGatewayID, "EgressOnlyInternetGatewayId": a.EgressOnlyInternetGatewayID,
		"VpcEndpointId": a.VPCEndpointID, "InstanceId": a.InstanceID,
		"CarrierGatewayId": a.CarrierGatewayID, "LocalGatewayId": a.LocalGatewayID,
		"CoreNetworkArn": a.CoreNetworkARN,
	}
	if a.LocalTarget {
		params["LocalTarget"] = "true"
	}
	return route.ParseTargetParams(params)
}

// RouteDestination is the destination of a route action: one of an IPv4 and
// an IPv6 block.
type RouteDestination struct {
	DestinationCIDRBlock     string `ec2:"DestinationCidrBlock"`
	DestinationIPv6CIDRBlock string `ec2:"DestinationIpv6CidrBlock"`
}

func (a RouteDestination) parse() (netip.Prefix, error) {
	switch {
	case a.DestinationCIDRBlock != "" && a.DestinationIPv6CIDRBlock != "":
		return netip.Prefix{}, &Error{Code: ec2.InvalidParameterCombination,
			Message: "Only one of destinationCidrBlock and destinationIpv6CidrBlock may be specified"}
	case a.DestinationCIDRBlock != "":
		return route.ParseDestination("DestinationCidrBlock", a.DestinationCIDRBlock)
	case a.DestinationIPv6CIDRBlock != "":
		return route.ParseDestination("DestinationIpv6CidrBlock", a.DestinationIPv6CIDRBlock)
	}
	return netip.Prefix{}, &Error{Code: ec2.MissingParameter,
		Message: "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock"}
}

// CreateRouteInput is the input of [Cloud.CreateRoute] and
// [Cloud.ReplaceRoute].
type CreateRouteInput struct {
	RouteTableID string `ec2:"RouteTableId,required"`
	RouteDestination
	RouteTarget
}

// CreateRouteOutput is the output of [Cloud.CreateRoute].
type CreateRouteOutput = ReturnOutput

// ReplaceRouteInput is the input of [Cloud.ReplaceRoute].
type ReplaceRouteInput = CreateRouteInput

// ReplaceRouteOutput is the output of [Cloud.ReplaceRoute].
type ReplaceRouteOutput = ReturnOutput

// routeChange decodes a route action's table, destination and target.
func (c *Cloud) routeChange(k *call, in *CreateRouteInput) (*rtb, netip.Prefix, route.Target, error) {
	t, err := c.findRouteTable(k, in.RouteTableID)
	if err != nil {
		return nil, netip.Prefix{}, route.Target{}, err
	}
	dest, err := in.RouteDestination.parse()
	if err != nil {
		return nil, netip.Prefix{}, route.Target{}, err
	}
	target, err := in.RouteTarget.parse()
	if err != nil {
		return nil, netip.Prefix{}, route.Target{}, err
	}
	if r := c.vpces[target.ID()]; r != nil && r.owner == k.scope && target.Kind() == route.KindVPCEndpoint {
		// Only Gateway Load Balancer endpoints, which this model does not
		// hold, are route targets.
		return nil, netip.Prefix{}, route.Target{}, &Error{Code: "RouteNotSupported",
			Message: fmt.Sprintf("Route table contains unsupported route target: %s. VPC Endpoints of this type cannot be used as route targets.", target.ID())}
	}
	return t, dest, target, nil
}

func (c *Cloud) createRoute(k *call, in *CreateRouteInput) (*ReturnOutput, error) {
	t, dest, target, err := c.routeChange(k, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.CreateRoute(dest, target, resolver{c, k, t.owner, t.table.VPCID()})
	if err != nil {
		return nil, err
	}
	t.table = next
	return &ReturnOutput{Return: true}, nil
}

func (c *Cloud) replaceRoute(k *call, in *CreateRouteInput) (*ReturnOutput, error) {
	t, dest, target, err := c.routeChange(k, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.ReplaceRoute(dest, target, resolver{c, k, t.owner, t.table.VPCID()})
	if err != nil {
		return nil, err
	}
	t.table = next
	return &ReturnOutput{Return: true}, nil
}

// DeleteRouteInput is the input of [Cloud.DeleteRoute].
type DeleteRouteInput struct {
	RouteTableID string `ec2:"RouteTableId,required"`
	RouteDestination
}

// DeleteRouteOutput is the output of [Cloud.DeleteRoute].
type DeleteRouteOutput = ReturnOutput

func (c *Cloud) deleteRoute(k *call, in *DeleteRouteInput) (*ReturnOutput, error) {
	t, err := c.findRouteTable(k, in.RouteTableID)
	if err != nil {
		return nil, err
	}
	dest, err := in.RouteDestination.parse()
	if err != nil {
		return nil, err
	}
	next, err := t.table.DeleteRoute(dest)
	if err != nil {
		return nil, err
	}
	t.table = next
	return &ReturnOutput{Return: true}, nil
}

// EnableVgwRoutePropagationInput is the input of
// [Cloud.EnableVgwRoutePropagation] and [Cloud.DisableVgwRoutePropagation].
type EnableVgwRoutePropagationInput struct {
	GatewayID    string `ec2:"GatewayId,required"`
	RouteTableID string `ec2:"RouteTableId,required"`
}

// EnableVgwRoutePropagationOutput is the output of
// [Cloud.EnableVgwRoutePropagation].
type EnableVgwRoutePropagationOutput = ReturnOutput

// DisableVgwRoutePropagationInput is the input of
// [Cloud.DisableVgwRoutePropagation].
type DisableVgwRoutePropagationInput = EnableVgwRoutePropagationInput

// DisableVgwRoutePropagationOutput is the output of
// [Cloud.DisableVgwRoutePropagation].
type DisableVgwRoutePropagationOutput = ReturnOutput

func (c *Cloud) propagation(k *call, in *EnableVgwRoutePropagationInput) (*rtb, route.Target, error) {
	t, err := c.findRouteTable(k, in.RouteTableID)
	if err != nil {
		return nil, route.Target{}, err
	}
	g, err := route.ParseTarget("GatewayId", in.GatewayID)
	if err != nil {
		return nil, route.Target{}, err
	}
	return t, g, nil
}

func (c *Cloud) enableVgwRoutePropagation(k *call, in *EnableVgwRoutePropagationInput) (*ReturnOutput, error) {
	t, g, err := c.propagation(k, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.EnablePropagation(g, resolver{c, k, t.owner, t.table.VPCID()})
	if err != nil {
		return nil, err
	}
	t.table = next
	c.refresh(k, t)
	return &ReturnOutput{Return: true}, nil
}

func (c *Cloud) disableVgwRoutePropagation(k *call, in *EnableVgwRoutePropagationInput) (*ReturnOutput, error) {
	t, g, err := c.propagation(k, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.DisablePropagation(g)
	if err != nil {
		return nil, err
	}
	t.table = next
	return &ReturnOutput{Return: true}, nil
}
