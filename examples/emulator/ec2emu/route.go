package ec2emu

import (
	"encoding/xml"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
)

// Route tables are route.Table values; the package owns every route rule.
// The emulator answers its Resolver (what a target is, which VPCs it serves,
// a peering connection's status) and keeps each table reconciled, so that
// route states follow their targets and VGW propagation follows the VPN
// connections' static routes.

// rtb is one route table and the scope that owns it.
type rtb struct {
	owner scope
	table route.Table
}

// resolver answers route.Resolver for the tables of one scope at one
// instant.
type resolver struct {
	s     *Server
	c     *call
	owner scope
}

// Resolve reports what the owner of a table can see of target t.
func (r resolver) Resolve(t route.Target) (route.TargetInfo, bool) {
	switch t.Kind() {
	case route.KindPeeringConnection:
		conn, ok := r.s.st.peering.Lookup(t.ID(), r.c.now)
		if !ok || !conn.VisibleTo(r.owner.account, r.c.now) {
			return route.TargetInfo{}, false
		}
		return route.TargetInfo{
			VPCIDs: []string{conn.Requester().ID, conn.Accepter().ID},
			Status: conn.Code(),
		}, true
	case route.KindVPNGateway:
		return r.s.vgwTargetInfo(r.owner, t.ID())
	}
	return route.TargetInfo{}, false
}

// IsSubnet reports false: the emulator has no subnets.
func (r resolver) IsSubnet(vpcID string, block netip.Prefix) bool { return false }

// refresh brings t up to date with its targets: route states, and the routes
// each propagating gateway contributes.
func (s *Server) refresh(c *call, t *rtb) {
	r := resolver{s, c, t.owner}
	tbl := t.table.Reconcile(r)
	for _, g := range tbl.PropagatingGateways() {
		next, err := tbl.SetPropagated(g, s.propagatedPrefixes(c, t.owner, g.ID(), tbl.VPCID()))
		if err != nil {
			continue // beyond the propagated-route quota: the table keeps what it had
		}
		tbl = next
	}
	t.table = tbl
}

// findRouteTable returns the caller's route table id, refreshed.
func (s *Server) findRouteTable(c *call, id string) (*rtb, error) {
	if err := ec2.RouteTable.ParseID(id); err != nil {
		return nil, err
	}
	t := s.st.rtbs[id]
	if t == nil || t.owner != c.scope() {
		return nil, ec2.RouteTable.NotFoundError(id, nil)
	}
	s.refresh(c, t)
	return t, nil
}

// tablesOf returns the route tables of VPC vpcID, in ID order.
func (s *Server) tablesOf(vpcID string) []*rtb {
	var out []*rtb
	for _, id := range s.st.rtbsByVPC[vpcID] {
		out = append(out, s.st.rtbs[id])
	}
	return out
}

func (s *Server) addTable(t *rtb) {
	s.st.rtbs[t.table.ID()] = t
	ids := append(s.st.rtbsByVPC[t.table.VPCID()], t.table.ID())
	slices.Sort(ids)
	s.st.rtbsByVPC[t.table.VPCID()] = ids
}

func (s *Server) removeTable(t *rtb) {
	id, vpcID := t.table.ID(), t.table.VPCID()
	delete(s.st.rtbs, id)
	ids := slices.DeleteFunc(s.st.rtbsByVPC[vpcID], func(x string) bool { return x == id })
	if len(ids) == 0 {
		delete(s.st.rtbsByVPC, vpcID)
	} else {
		s.st.rtbsByVPC[vpcID] = ids
	}
	s.dropTags(id)
}

// newTable makes a route table for v; main marks the VPC's main table.
func (s *Server) newTable(v *vpc, main bool) (*rtb, error) {
	tbl, err := route.CreateTable(s.newID(ec2.RouteTable), v.owner.account, route.VPC{ID: v.id, Blocks: v.prefixes()})
	if err != nil {
		return nil, err
	}
	if main {
		if tbl, err = tbl.Associate(route.Association{ID: s.newID(ec2.RouteTableAssoc), Main: true}); err != nil {
			return nil, err
		}
	}
	return &rtb{owner: v.owner, table: tbl}, nil
}

// XML shapes of RouteTable.

type routeTableXML struct {
	Associations []rtbAssocXML `xml:"associationSet>item"`
	Propagating  []vgwRefXML   `xml:"propagatingVgwSet>item"`
	ID           string        `xml:"routeTableId"`
	Routes       []routeXML    `xml:"routeSet>item"`
	Tags         []tagXML      `xml:"tagSet>item"`
	VpcID        string        `xml:"vpcId"`
	OwnerID      string        `xml:"ownerId"`
}

type rtbAssocXML struct {
	Main      bool         `xml:"main"`
	ID        string       `xml:"routeTableAssociationId"`
	TableID   string       `xml:"routeTableId"`
	SubnetID  string       `xml:"subnetId,omitempty"`
	GatewayID string       `xml:"gatewayId,omitempty"`
	State     cidrStateXML `xml:"associationState"`
}

type vgwRefXML struct {
	GatewayID string `xml:"gatewayId"`
}

// routeXML is one route; its target element is named after the parameter
// that carries the target (gatewayId, vpcPeeringConnectionId, ...).
type routeXML struct{ r route.Route }

func (x routeXML) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	dest := "destinationCidrBlock"
	if x.r.Destination.Addr().Is6() {
		dest = "destinationIpv6CidrBlock"
	}
	param := x.r.Target.Param()
	if param == "" {
		return fmt.Errorf("route %v has no target", x.r)
	}
	fields := [][2]string{
		{dest, x.r.Destination.String()},
		{strings.ToLower(param[:1]) + param[1:], x.r.Target.ID()},
		{"origin", string(x.r.Origin)},
		{"state", string(x.r.State)},
	}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, f := range fields {
		if err := e.EncodeElement(f[1], xml.StartElement{Name: xml.Name{Local: f[0]}}); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

func (s *Server) routeTableXML(t *rtb) routeTableXML {
	tbl := t.table
	x := routeTableXML{ID: tbl.ID(), VpcID: tbl.VPCID(), OwnerID: tbl.OwnerID(), Tags: tagsXML(s.tagsOf(t.owner, tbl.ID()))}
	for _, a := range tbl.Associations() {
		x.Associations = append(x.Associations, rtbAssocXML{Main: a.Main, ID: a.ID, TableID: tbl.ID(),
			SubnetID: a.SubnetID, GatewayID: a.GatewayID, State: cidrStateXML{"associated"}})
	}
	for _, g := range tbl.PropagatingGateways() {
		x.Propagating = append(x.Propagating, vgwRefXML{g.ID()})
	}
	for _, r := range tbl.Routes() {
		x.Routes = append(x.Routes, routeXML{r})
	}
	return x
}

// Actions.

type createRouteTableInput struct {
	VpcID    string    `ec2:"VpcId,required"`
	TagSpecs []tagSpec `ec2:"TagSpecification"`
}

type routeTableOutput struct {
	meta
	Table routeTableXML `xml:"routeTable"`
}

func (s *Server) createRouteTable(c *call, in *createRouteTableInput) (*routeTableOutput, error) {
	v, err := s.findVPC(c, in.VpcID)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecs, "route-table")
	if err != nil {
		return nil, err
	}
	t, err := s.newTable(v, false)
	if err != nil {
		return nil, err
	}
	s.addTable(t)
	s.setTags(t.owner, t.table.ID(), tags)
	return &routeTableOutput{Table: s.routeTableXML(t)}, nil
}

type describeRouteTablesInput struct {
	IDs     []string `ec2:"RouteTableId"`
	Filters []filter `ec2:"Filter"`
	page
}

type describeRouteTablesOutput struct {
	meta
	Tables    []routeTableXML `xml:"routeTableSet>item"`
	NextToken string          `xml:"nextToken,omitempty"`
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

func (s *Server) describeRouteTables(c *call, in *describeRouteTablesInput) (*describeRouteTablesOutput, error) {
	m, err := compileFilters(in.Filters, routeTableFilters, func(t *rtb) tag.Set { return s.tagsOf(t.owner, t.table.ID()) })
	if err != nil {
		return nil, err
	}
	var ts []*rtb
	if len(in.IDs) > 0 {
		for _, id := range in.IDs {
			t, err := s.findRouteTable(c, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
	} else {
		for _, t := range s.st.rtbs {
			if t.owner == c.scope() {
				s.refresh(c, t)
				ts = append(ts, t)
			}
		}
	}
	ts = slices.DeleteFunc(ts, func(t *rtb) bool { return !m.match(t) })
	slices.SortFunc(ts, func(a, b *rtb) int { return strings.Compare(a.table.ID(), b.table.ID()) })
	pageOf, next, err := paginate(ts, func(t *rtb) string { return t.table.ID() }, in.page, len(in.IDs) > 0, 5, 100)
	if err != nil {
		return nil, err
	}
	out := &describeRouteTablesOutput{NextToken: next}
	for _, t := range pageOf {
		out.Tables = append(out.Tables, s.routeTableXML(t))
	}
	return out, nil
}

type routeTableIDInput struct {
	ID string `ec2:"RouteTableId,required"`
}

func (s *Server) deleteRouteTable(c *call, in *routeTableIDInput) (*returnOutput, error) {
	t, err := s.findRouteTable(c, in.ID)
	if err != nil {
		return nil, err
	}
	// route.Table has no deletion rule; EC2 refuses to delete the main table
	// or one with associations.
	if len(t.table.Associations()) > 0 {
		return nil, &ec2.Error{Code: ec2.DependencyViolation,
			Message: fmt.Sprintf("The routeTable '%s' has dependencies and cannot be deleted.", in.ID)}
	}
	s.removeTable(t)
	return &returnOutput{Return: true}, nil
}

// routeTargetArgs are the route-target parameters of CreateRoute and
// ReplaceRoute; route.ParseTargetParams picks the one given.
type routeTargetArgs struct {
	GatewayID                   string `ec2:"GatewayId"`
	VpcPeeringConnectionID      string `ec2:"VpcPeeringConnectionId"`
	NatGatewayID                string `ec2:"NatGatewayId"`
	NetworkInterfaceID          string `ec2:"NetworkInterfaceId"`
	TransitGatewayID            string `ec2:"TransitGatewayId"`
	EgressOnlyInternetGatewayID string `ec2:"EgressOnlyInternetGatewayId"`
	VpcEndpointID               string `ec2:"VpcEndpointId"`
	InstanceID                  string `ec2:"InstanceId"`
	CarrierGatewayID            string `ec2:"CarrierGatewayId"`
	LocalGatewayID              string `ec2:"LocalGatewayId"`
	CoreNetworkArn              string `ec2:"CoreNetworkArn"`
}

func (a routeTargetArgs) params() map[string]string {
	return map[string]string{
		"GatewayId": a.GatewayID, "VpcPeeringConnectionId": a.VpcPeeringConnectionID,
		"NatGatewayId": a.NatGatewayID, "NetworkInterfaceId": a.NetworkInterfaceID,
		"TransitGatewayId": a.TransitGatewayID, "EgressOnlyInternetGatewayId": a.EgressOnlyInternetGatewayID,
		"VpcEndpointId": a.VpcEndpointID, "InstanceId": a.InstanceID,
		"CarrierGatewayId": a.CarrierGatewayID, "LocalGatewayId": a.LocalGatewayID,
		"CoreNetworkArn": a.CoreNetworkArn,
	}
}

// routeDestArgs is the destination of a route action.
type routeDestArgs struct {
	DestinationCidrBlock     string `ec2:"DestinationCidrBlock"`
	DestinationIpv6CidrBlock string `ec2:"DestinationIpv6CidrBlock"`
}

func (a routeDestArgs) parse() (netip.Prefix, error) {
	switch {
	case a.DestinationCidrBlock != "" && a.DestinationIpv6CidrBlock != "":
		return netip.Prefix{}, &ec2.Error{Code: ec2.InvalidParameterCombination,
			Message: "Only one of destinationCidrBlock and destinationIpv6CidrBlock may be specified"}
	case a.DestinationCidrBlock != "":
		return route.ParseDestination("DestinationCidrBlock", a.DestinationCidrBlock)
	case a.DestinationIpv6CidrBlock != "":
		return route.ParseDestination("DestinationIpv6CidrBlock", a.DestinationIpv6CidrBlock)
	}
	return netip.Prefix{}, &ec2.Error{Code: ec2.MissingParameter,
		Message: "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock"}
}

type routeInput struct {
	TableID string `ec2:"RouteTableId,required"`
	routeDestArgs
	routeTargetArgs
	LocalTarget bool `ec2:"LocalTarget"`
}

// routeChange decodes a route action's table, destination and target.
func (s *Server) routeChange(c *call, in *routeInput) (*rtb, netip.Prefix, route.Target, error) {
	t, err := s.findRouteTable(c, in.TableID)
	if err != nil {
		return nil, netip.Prefix{}, route.Target{}, err
	}
	dest, err := in.parse()
	if err != nil {
		return nil, netip.Prefix{}, route.Target{}, err
	}
	params := in.params()
	if in.LocalTarget {
		params["LocalTarget"] = "true"
	}
	target, err := route.ParseTargetParams(params)
	if err != nil {
		return nil, netip.Prefix{}, route.Target{}, err
	}
	return t, dest, target, nil
}

func (s *Server) createRoute(c *call, in *routeInput) (*returnOutput, error) {
	t, dest, target, err := s.routeChange(c, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.CreateRoute(dest, target, resolver{s, c, t.owner})
	if err != nil {
		return nil, err
	}
	t.table = next
	return &returnOutput{Return: true}, nil
}

func (s *Server) replaceRoute(c *call, in *routeInput) (*returnOutput, error) {
	t, dest, target, err := s.routeChange(c, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.ReplaceRoute(dest, target, resolver{s, c, t.owner})
	if err != nil {
		return nil, err
	}
	t.table = next
	return &returnOutput{Return: true}, nil
}

type deleteRouteInput struct {
	TableID string `ec2:"RouteTableId,required"`
	routeDestArgs
}

func (s *Server) deleteRoute(c *call, in *deleteRouteInput) (*returnOutput, error) {
	t, err := s.findRouteTable(c, in.TableID)
	if err != nil {
		return nil, err
	}
	dest, err := in.parse()
	if err != nil {
		return nil, err
	}
	next, err := t.table.DeleteRoute(dest)
	if err != nil {
		return nil, err
	}
	t.table = next
	return &returnOutput{Return: true}, nil
}

type propagationInput struct {
	GatewayID string `ec2:"GatewayId,required"`
	TableID   string `ec2:"RouteTableId,required"`
}

func (s *Server) propagation(c *call, in *propagationInput) (*rtb, route.Target, error) {
	t, err := s.findRouteTable(c, in.TableID)
	if err != nil {
		return nil, route.Target{}, err
	}
	g, err := route.ParseTarget("GatewayId", in.GatewayID)
	if err != nil {
		return nil, route.Target{}, err
	}
	return t, g, nil
}

func (s *Server) enableVgwRoutePropagation(c *call, in *propagationInput) (*returnOutput, error) {
	t, g, err := s.propagation(c, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.EnablePropagation(g, resolver{s, c, t.owner})
	if err != nil {
		return nil, err
	}
	t.table = next
	s.refresh(c, t)
	return &returnOutput{Return: true}, nil
}

func (s *Server) disableVgwRoutePropagation(c *call, in *propagationInput) (*returnOutput, error) {
	t, g, err := s.propagation(c, in)
	if err != nil {
		return nil, err
	}
	next, err := t.table.DisablePropagation(g)
	if err != nil {
		return nil, err
	}
	t.table = next
	return &returnOutput{Return: true}, nil
}

// Hooks from vpc.go.

// routeTablesWithBlock returns v's tables with block p associated, or the
// first table's refusal; nothing is stored.
func (s *Server) routeTablesWithBlock(c *call, v *vpc, p netip.Prefix) ([]route.Table, error) {
	var out []route.Table
	for _, t := range s.tablesOf(v.id) {
		next, err := t.table.AssociateBlock(p)
		if err != nil {
			return nil, err
		}
		out = append(out, next)
	}
	return out, nil
}

// routeDestinations returns the destinations of the static routes in v's
// route tables.
func (s *Server) routeDestinations(v *vpc) []netip.Prefix {
	var out []netip.Prefix
	for _, t := range s.tablesOf(v.id) {
		for _, r := range t.table.Routes() {
			if r.Origin == route.OriginCreateRoute {
				out = append(out, r.Destination)
			}
		}
	}
	return out
}

// vpcDeletableByRoutes refuses to delete a VPC that has route tables other
// than its main one, as EC2 does.
func (s *Server) vpcDeletableByRoutes(v *vpc) error {
	for _, t := range s.tablesOf(v.id) {
		if !slices.ContainsFunc(t.table.Associations(), func(a route.Association) bool { return a.Main }) {
			return &ec2.Error{Code: ec2.DependencyViolation,
				Message: fmt.Sprintf("The vpc '%s' has dependencies and cannot be deleted.", v.id)}
		}
	}
	return nil
}

// vpcBlockRemoved drops a disassociated block's local route from v's tables.
func (s *Server) vpcBlockRemoved(c *call, v *vpc, p netip.Prefix) {
	for _, t := range s.tablesOf(v.id) {
		if next, err := t.table.DisassociateBlock(p); err == nil {
			t.table = next
		}
	}
}
