package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpn"
)

// Customer gateways, virtual private gateways and VPN connections are vpn
// values; package vpn owns every rule of each. The Cloud keeps them per
// scope, settles their asynchronous steps on the next call, keeps deleted
// ones listed for Options.DeletedVPNRetention, and, with
// Options.CustomerDevicesConnect, brings tunnels up as a device would.

type cgwRec struct {
	owner scope
	g     vpn.CustomerGateway
}

type vgwRec struct {
	owner scope
	g     vpn.Gateway
}

type vpnRec struct {
	owner scope
	c     vpn.Connection
}

// vpnStore holds the VPN resources of every scope.
type vpnStore struct {
	cgws  map[string]*cgwRec
	vgws  map[string]*vgwRec
	conns map[string]*vpnRec
	// in holds each scope's resources of every kind, deleted ones included
	// until they are forgotten.
	in map[scope]idSet
	// unsettled lists what has an asynchronous step left, for the next
	// call to complete.
	unsettled []string
	// deleted lists deletions in time order, to forget them after the
	// retention window.
	deleted []deletion
	// maintenance lists, in time order, the instants at which connections
	// have pending tunnel maintenance due; an entry whose maintenance was
	// applied earlier is dropped when due. It is derived from the
	// connections (scheduleAll).
	maintenance []deadline
}

type deletion struct {
	id string
	at time.Time
}

// deadline is when a connection has tunnel maintenance due.
type deadline struct {
	id string
	at time.Time
}

func newVPNStore() vpnStore {
	return vpnStore{
		cgws:  make(map[string]*cgwRec),
		vgws:  make(map[string]*vgwRec),
		conns: make(map[string]*vpnRec),
		in:    make(map[scope]idSet),
	}
}

// settleVPN completes the asynchronous steps of what the previous calls
// started, and forgets deleted resources whose window has passed.
func (c *Cloud) settleVPN(now time.Time) {
	st := &c.vpn
	for _, id := range st.unsettled {
		if r := st.vgws[id]; r != nil {
			r.g = r.g.Settle(now)
		}
		if r := st.conns[id]; r != nil {
			before := r.c.State()
			r.c = r.c.Settle(now)
			// A created connection, and one whose endpoints a Modify
			// replaced, comes up when the device connects.
			if c.opts.CustomerDevicesConnect && (before == status.StatePending || before == status.StateModifying) &&
				r.c.State() == status.StateAvailable {
				r.c = tunnelsUp(r.c, now)
			}
			if r.c.State() == status.StateDeleted {
				st.deleted = append(st.deleted, deletion{id, now})
			}
		}
	}
	st.unsettled = st.unsettled[:0]
	c.settleMaintenance(now)
	for len(st.deleted) > 0 && !now.Before(st.deleted[0].at.Add(c.opts.DeletedVPNRetention)) {
		id := st.deleted[0].id
		var owner scope
		switch {
		case st.cgws[id] != nil:
			owner = st.cgws[id].owner
		case st.vgws[id] != nil:
			owner = st.vgws[id].owner
		case st.conns[id] != nil:
			owner = st.conns[id].owner
		}
		removeID(st.in, owner, id)
		delete(st.cgws, id)
		delete(st.vgws, id)
		delete(st.conns, id)
		c.dropTags(id)
		st.deleted = st.deleted[1:]
	}
}

// tunnelsUp brings both tunnels of conn up, as a connected customer device
// would.
func tunnelsUp(conn vpn.Connection, now time.Time) vpn.Connection {
	for i := range 2 {
		if next, err := conn.SetTunnelStatus(i, status.Up, len(conn.Routes()), now); err == nil {
			conn = next
		}
	}
	return conn
}

func (c *Cloud) markUnsettled(id string) { c.vpn.unsettled = append(c.vpn.unsettled, id) }

// settleMaintenance applies the tunnel maintenance due at now: AWS replaces
// the endpoints by itself once a deadline passes, and with
// Options.CustomerDevicesConnect the device reconnects.
func (c *Cloud) settleMaintenance(now time.Time) {
	st := &c.vpn
	for len(st.maintenance) > 0 && !now.Before(st.maintenance[0].at) {
		id := st.maintenance[0].id
		st.maintenance = st.maintenance[1:]
		r := st.conns[id]
		if r == nil {
			continue
		}
		before := r.c.Tunnels()
		r.c = r.c.Settle(now)
		applied := false
		for i, t := range r.c.Tunnels() {
			applied = applied || t.Maintenance().LastApplied != before[i].Maintenance().LastApplied
		}
		if applied && c.opts.CustomerDevicesConnect {
			r.c = tunnelsUp(r.c, now)
		}
		st.schedule(r.c)
	}
}

// schedule lists conn's next maintenance deadline, if it has one.
func (st *vpnStore) schedule(conn vpn.Connection) {
	at, ok := conn.NextMaintenance()
	if !ok {
		return
	}
	i, _ := slices.BinarySearchFunc(st.maintenance, at, func(d deadline, at time.Time) int { return d.at.Compare(at) })
	st.maintenance = slices.Insert(st.maintenance, i, deadline{conn.ID(), at})
}

// scheduleAll lists the maintenance deadlines of every connection. Each
// connection's maintenance is applied by itself, so the order of equal
// instants does not matter.
func (st *vpnStore) scheduleAll() {
	st.maintenance = nil
	for _, id := range sortedKeys(st.conns) {
		st.schedule(st.conns[id].c)
	}
}

func (c *Cloud) markDeleted(id string, now time.Time) {
	c.vpn.deleted = append(c.vpn.deleted, deletion{id, now})
}

// Lookups, each scoped to the caller.

func (c *Cloud) findCGW(k *call, id string) (*cgwRec, error) {
	if err := ec2.CustomerGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := c.vpn.cgws[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.CustomerGateway.NotFoundError(id, nil)
	}
	return r, nil
}

func (c *Cloud) findVGW(k *call, id string) (*vgwRec, error) {
	if err := ec2.VPNGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := c.vpn.vgws[id]
	if r == nil || r.owner != k.scope {
		return nil, &Error{Code: ec2.VPNGatewayIDNotFound,
			Message: fmt.Sprintf("The virtual private gateway ID '%s' does not exist", id)}
	}
	return r, nil
}

func (c *Cloud) findVPN(k *call, id string) (*vpnRec, error) {
	if err := ec2.VPNConnection.ParseID(id); err != nil {
		return nil, err
	}
	r := c.vpn.conns[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.VPNConnection.NotFoundError(id, nil)
	}
	return r, nil
}

// Everything of one scope, in ID order, as the library's checks take it.

func (c *Cloud) cgwsOf(sc scope) []*cgwRec { return ofScope(c, sc, c.vpn.cgws) }

func (c *Cloud) vgwsOf(sc scope) []*vgwRec { return ofScope(c, sc, c.vpn.vgws) }

func (c *Cloud) vpnsOf(sc scope) []*vpnRec { return ofScope(c, sc, c.vpn.conns) }

// ofScope returns the resources of m that scope sc holds, in ID order.
func ofScope[R any](c *Cloud, sc scope, m map[string]*R) []*R {
	var out []*R
	for _, id := range sortedIDs(c.vpn.in[sc]) {
		if r := m[id]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (c *Cloud) connectionsOf(sc scope) []vpn.Connection {
	return mapSlice(c.vpnsOf(sc), func(r *vpnRec) vpn.Connection { return r.c })
}

// describeFrom answers a Describe of VPN resources: the IDs asked for, or all
// of the caller's, that match the filters, in ID order.
func describeFrom[R any](c *Cloud, k *call, ids []string, fs []Filter, funcs filterFuncs[R],
	find func(*call, string) (R, error), all func(scope) []R, key func(R) (scope, string)) ([]R, error) {
	m, err := compileFilters(fs, funcs, func(r R) tag.Set { o, id := key(r); return c.tagsOf(o, id) })
	if err != nil {
		return nil, err
	}
	var rs []R
	if len(ids) > 0 {
		for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
			r, err := find(k, id)
			if err != nil {
				return nil, err
			}
			rs = append(rs, r)
		}
	} else {
		rs = all(k.scope)
	}
	return slices.DeleteFunc(rs, func(r R) bool { return !m.match(r) }), nil
}

// parseAddr parses an optional address parameter.
func parseAddr(param, s string) (netip.Addr, error) {
	if s == "" {
		return netip.Addr{}, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Value (%s) for parameter %s is invalid. Invalid IP address.", s, param)}
	}
	return a, nil
}

// parsePrefix parses an optional CIDR parameter, keeping host bits so that
// the library can refuse them.
func parsePrefix(param, s string) (netip.Prefix, error) {
	if s == "" {
		return netip.Prefix{}, nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Value (%s) for parameter %s is invalid. This is not a valid CIDR block.", s, param)}
	}
	return p, nil
}

// Customer gateways.

// CreateCustomerGatewayInput is the input of [Cloud.CreateCustomerGateway].
type CreateCustomerGatewayInput struct {
	Type              string             `ec2:"Type"`
	BGPASN            int64              `ec2:"BgpAsn"`
	BGPASNExtended    int64              `ec2:"BgpAsnExtended"`
	IPAddress         string             `ec2:"IpAddress"`
	PublicIP          string             `ec2:"PublicIp"`
	DeviceName        string             `ec2:"DeviceName"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// CustomerGateway is a customer gateway as DescribeCustomerGateways shows
// it.
type CustomerGateway struct {
	BGPASN            string `ec2:"BgpAsn,omitempty"`
	BGPASNExtended    string `ec2:"BgpAsnExtended,omitempty"`
	CustomerGatewayID string `ec2:"CustomerGatewayId"`
	DeviceName        string `ec2:"DeviceName,omitempty"`
	IPAddress         string `ec2:"IpAddress"`
	State             string `ec2:"State"`
	Type              string `ec2:"Type"`
	Tags              []Tag  `ec2:"TagSet"`
}

func (c *Cloud) cgwOutput(r *cgwRec) CustomerGateway {
	g := r.g
	x := CustomerGateway{CustomerGatewayID: g.ID(), DeviceName: g.DeviceName(), IPAddress: g.IPAddress().String(),
		State: string(g.State()), Type: string(g.Type()), Tags: tagList(c.tagsOf(r.owner, g.ID()))}
	asn := strconv.FormatInt(g.BGPASN(), 10)
	if g.IsASNExtended() {
		x.BGPASNExtended = asn
	} else {
		x.BGPASN = asn
	}
	return x
}

// CreateCustomerGatewayOutput is the output of [Cloud.CreateCustomerGateway].
type CreateCustomerGatewayOutput struct {
	CustomerGateway CustomerGateway `ec2:"CustomerGateway"`
}

func (c *Cloud) createCustomerGateway(k *call, in *CreateCustomerGatewayInput) (*CreateCustomerGatewayOutput, error) {
	addr := in.IPAddress
	if addr == "" {
		addr = in.PublicIP
	}
	ip, err := parseAddr("IpAddress", addr)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "customer-gateway")
	if err != nil {
		return nil, err
	}
	spec := vpn.CustomerGatewaySpec{Type: vpn.GatewayType(in.Type), BGPASN: in.BGPASN,
		BGPASNExtended: in.BGPASNExtended, IPAddress: ip, DeviceName: in.DeviceName}
	existing := mapSlice(c.cgwsOf(k.scope), func(r *cgwRec) vpn.CustomerGateway { return r.g })
	if g, ok := vpn.FindIdenticalCustomerGateway(existing, spec); ok {
		return &CreateCustomerGatewayOutput{CustomerGateway: c.cgwOutput(c.vpn.cgws[g.ID()])}, nil
	}
	if err := (vpn.Quotas{}).CheckCustomerGateways(existing); err != nil {
		return nil, err
	}
	g, err := vpn.CreateCustomerGateway(spec, c.random, k.now)
	if err != nil {
		return nil, err
	}
	r := &cgwRec{owner: k.scope, g: g}
	c.vpn.cgws[g.ID()] = r
	addID(c.vpn.in, r.owner, g.ID())
	c.setTags(r.owner, g.ID(), tags)
	return &CreateCustomerGatewayOutput{CustomerGateway: c.cgwOutput(r)}, nil
}

// DescribeCustomerGatewaysInput is the input of
// [Cloud.DescribeCustomerGateways].
type DescribeCustomerGatewaysInput struct {
	CustomerGatewayIDs []string `ec2:"CustomerGatewayId"`
	Filters            []Filter `ec2:"Filter"`
}

// DescribeCustomerGatewaysOutput is the output of
// [Cloud.DescribeCustomerGateways].
type DescribeCustomerGatewaysOutput struct {
	CustomerGateways []CustomerGateway `ec2:"CustomerGatewaySet"`
}

var cgwFilters = filterFuncs[*cgwRec]{
	"bgp-asn":             func(r *cgwRec) []string { return []string{strconv.FormatInt(r.g.BGPASN(), 10)} },
	"customer-gateway-id": func(r *cgwRec) []string { return []string{r.g.ID()} },
	"ip-address":          func(r *cgwRec) []string { return []string{r.g.IPAddress().String()} },
	"state":               func(r *cgwRec) []string { return []string{string(r.g.State())} },
	"type":                func(r *cgwRec) []string { return []string{string(r.g.Type())} },
	"device-name":         func(r *cgwRec) []string { return []string{r.g.DeviceName()} },
}

func (c *Cloud) describeCustomerGateways(k *call, in *DescribeCustomerGatewaysInput) (*DescribeCustomerGatewaysOutput, error) {
	rs, err := describeFrom(c, k, in.CustomerGatewayIDs, in.Filters, cgwFilters, c.findCGW, c.cgwsOf,
		func(r *cgwRec) (scope, string) { return r.owner, r.g.ID() })
	if err != nil {
		return nil, err
	}
	return &DescribeCustomerGatewaysOutput{CustomerGateways: mapSlice(rs, c.cgwOutput)}, nil
}

// DeleteCustomerGatewayInput is the input of [Cloud.DeleteCustomerGateway].
type DeleteCustomerGatewayInput struct {
	CustomerGatewayID string `ec2:"CustomerGatewayId,required"`
}

// DeleteCustomerGatewayOutput is the output of [Cloud.DeleteCustomerGateway].
type DeleteCustomerGatewayOutput = ReturnOutput

func (c *Cloud) deleteCustomerGateway(k *call, in *DeleteCustomerGatewayInput) (*ReturnOutput, error) {
	r, err := c.findCGW(k, in.CustomerGatewayID)
	if err != nil {
		return nil, err
	}
	wasDeleted := r.g.State() == status.StateDeleted
	g, err := r.g.Delete(c.connectionsOf(k.scope), k.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	if !wasDeleted {
		c.markDeleted(g.ID(), k.now)
	}
	return &ReturnOutput{Return: true}, nil
}

// Virtual private gateways.

// CreateVpnGatewayInput is the input of [Cloud.CreateVpnGateway].
type CreateVpnGatewayInput struct {
	Type              string             `ec2:"Type"`
	AmazonSideASN     int64              `ec2:"AmazonSideAsn"`
	AvailabilityZone  string             `ec2:"AvailabilityZone"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// VPNGateway is a virtual private gateway as DescribeVpnGateways shows it.
type VPNGateway struct {
	AmazonSideASN    int64           `ec2:"AmazonSideAsn"`
	VPCAttachments   []VPCAttachment `ec2:"Attachments"`
	AvailabilityZone string          `ec2:"AvailabilityZone,omitempty"`
	State            string          `ec2:"State"`
	Type             string          `ec2:"Type"`
	VPNGatewayID     string          `ec2:"VpnGatewayId"`
	Tags             []Tag           `ec2:"TagSet"`
}

// VPCAttachment is a gateway's attachment to a VPC.
type VPCAttachment struct {
	State string `ec2:"State"`
	VPCID string `ec2:"VpcId"`
}

func (c *Cloud) vgwOutput(r *vgwRec) VPNGateway {
	g := r.g
	x := VPNGateway{AmazonSideASN: g.AmazonSideASN(), AvailabilityZone: g.AvailabilityZone(), State: string(g.State()),
		Type: string(g.Type()), VPNGatewayID: g.ID(), Tags: tagList(c.tagsOf(r.owner, g.ID()))}
	if a, ok := g.Attachment(); ok {
		x.VPCAttachments = []VPCAttachment{{string(a.State), a.VPCID}}
	}
	return x
}

// CreateVpnGatewayOutput is the output of [Cloud.CreateVpnGateway].
type CreateVpnGatewayOutput struct {
	VPNGateway VPNGateway `ec2:"VpnGateway"`
}

func (c *Cloud) createVpnGateway(k *call, in *CreateVpnGatewayInput) (*CreateVpnGatewayOutput, error) {
	tags, err := tagsFor(in.TagSpecifications, "vpn-gateway")
	if err != nil {
		return nil, err
	}
	existing := mapSlice(c.vgwsOf(k.scope), func(r *vgwRec) vpn.Gateway { return r.g })
	if err := (vpn.Quotas{}).CheckGateways(existing); err != nil {
		return nil, err
	}
	g, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.GatewayType(in.Type), AmazonSideASN: in.AmazonSideASN,
		AvailabilityZone: in.AvailabilityZone}, c.random, k.now)
	if err != nil {
		return nil, err
	}
	r := &vgwRec{owner: k.scope, g: g}
	c.vpn.vgws[g.ID()] = r
	addID(c.vpn.in, r.owner, g.ID())
	c.setTags(r.owner, g.ID(), tags)
	return &CreateVpnGatewayOutput{VPNGateway: c.vgwOutput(r)}, nil
}

// DescribeVpnGatewaysInput is the input of [Cloud.DescribeVpnGateways].
type DescribeVpnGatewaysInput struct {
	VPNGatewayIDs []string `ec2:"VpnGatewayId"`
	Filters       []Filter `ec2:"Filter"`
}

// DescribeVpnGatewaysOutput is the output of [Cloud.DescribeVpnGateways].
type DescribeVpnGatewaysOutput struct {
	VPNGateways []VPNGateway `ec2:"VpnGatewaySet"`
}

// attachmentOf returns a gateway's attachment, when it has one, as a list.
func attachmentOf(f func(vpn.Attachment) string) func(*vgwRec) []string {
	return func(r *vgwRec) []string {
		if a, ok := r.g.Attachment(); ok {
			return []string{f(a)}
		}
		return nil
	}
}

var vgwFilters = filterFuncs[*vgwRec]{
	"amazon-side-asn":   func(r *vgwRec) []string { return []string{strconv.FormatInt(r.g.AmazonSideASN(), 10)} },
	"attachment.state":  attachmentOf(func(a vpn.Attachment) string { return string(a.State) }),
	"attachment.vpc-id": attachmentOf(func(a vpn.Attachment) string { return a.VPCID }),
	"availability-zone": func(r *vgwRec) []string { return []string{r.g.AvailabilityZone()} },
	"state":             func(r *vgwRec) []string { return []string{string(r.g.State())} },
	"type":              func(r *vgwRec) []string { return []string{string(r.g.Type())} },
	"vpn-gateway-id":    func(r *vgwRec) []string { return []string{r.g.ID()} },
}

func (c *Cloud) describeVpnGateways(k *call, in *DescribeVpnGatewaysInput) (*DescribeVpnGatewaysOutput, error) {
	rs, err := describeFrom(c, k, in.VPNGatewayIDs, in.Filters, vgwFilters, c.findVGW, c.vgwsOf,
		func(r *vgwRec) (scope, string) { return r.owner, r.g.ID() })
	if err != nil {
		return nil, err
	}
	return &DescribeVpnGatewaysOutput{VPNGateways: mapSlice(rs, c.vgwOutput)}, nil
}

// AttachVpnGatewayInput is the input of [Cloud.AttachVpnGateway] and
// [Cloud.DetachVpnGateway].
type AttachVpnGatewayInput struct {
	VPCID        string `ec2:"VpcId,required"`
	VPNGatewayID string `ec2:"VpnGatewayId,required"`
}

// AttachVpnGatewayOutput is the output of [Cloud.AttachVpnGateway].
type AttachVpnGatewayOutput struct {
	VPCAttachment VPCAttachment `ec2:"Attachment"`
}

// DetachVpnGatewayInput is the input of [Cloud.DetachVpnGateway].
type DetachVpnGatewayInput = AttachVpnGatewayInput

// DetachVpnGatewayOutput is the output of [Cloud.DetachVpnGateway].
type DetachVpnGatewayOutput = ReturnOutput

func (c *Cloud) attachVpnGateway(k *call, in *AttachVpnGatewayInput) (*AttachVpnGatewayOutput, error) {
	r, err := c.findVGW(k, in.VPNGatewayID)
	if err != nil {
		return nil, err
	}
	if _, err := c.findVPC(k, in.VPCID); err != nil {
		return nil, err
	}
	gateways := mapSlice(c.vgwsOf(k.scope), func(r *vgwRec) vpn.Gateway { return r.g })
	g, err := r.g.Attach(in.VPCID, gateways, k.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	c.markUnsettled(g.ID())
	a, _ := g.Attachment()
	return &AttachVpnGatewayOutput{VPCAttachment: VPCAttachment{string(a.State), a.VPCID}}, nil
}

func (c *Cloud) detachVpnGateway(k *call, in *AttachVpnGatewayInput) (*ReturnOutput, error) {
	r, err := c.findVGW(k, in.VPNGatewayID)
	if err != nil {
		return nil, err
	}
	if err := ec2.VPC.ParseID(in.VPCID); err != nil {
		return nil, err
	}
	g, err := r.g.Detach(in.VPCID, k.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	c.markUnsettled(g.ID())
	return &ReturnOutput{Return: true}, nil
}

// DeleteVpnGatewayInput is the input of [Cloud.DeleteVpnGateway].
type DeleteVpnGatewayInput struct {
	VPNGatewayID string `ec2:"VpnGatewayId,required"`
}

// DeleteVpnGatewayOutput is the output of [Cloud.DeleteVpnGateway].
type DeleteVpnGatewayOutput = ReturnOutput

func (c *Cloud) deleteVpnGateway(k *call, in *DeleteVpnGatewayInput) (*ReturnOutput, error) {
	r, err := c.findVGW(k, in.VPNGatewayID)
	if err != nil {
		return nil, err
	}
	wasDeleted := r.g.State() == status.StateDeleted
	g, err := r.g.Delete(c.connectionsOf(k.scope), k.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	if !wasDeleted {
		c.markDeleted(g.ID(), k.now)
	}
	return &ReturnOutput{Return: true}, nil
}

// VPN connections.

// Value is a boxed string list member: <item><value>x</value></item>.
type Value struct {
	Value string `ec2:"Value"`
}

// IntValue is a boxed integer list member.
type IntValue struct {
	Value int `ec2:"Value"`
}

// TunnelOptionsSpecification is one tunnel's options in CreateVpnConnection.
// Options not given take EC2's defaults.
type TunnelOptionsSpecification struct {
	TunnelInsideCIDR           string        `ec2:"TunnelInsideCidr"`
	TunnelInsideIPv6CIDR       string        `ec2:"TunnelInsideIpv6Cidr"`
	PreSharedKey               string        `ec2:"PreSharedKey"`
	Phase1LifetimeSeconds      int           `ec2:"Phase1LifetimeSeconds"`
	Phase2LifetimeSeconds      int           `ec2:"Phase2LifetimeSeconds"`
	RekeyMarginTimeSeconds     int           `ec2:"RekeyMarginTimeSeconds"`
	RekeyFuzzPercentage        Optional[int] `ec2:"RekeyFuzzPercentage"`
	ReplayWindowSize           int           `ec2:"ReplayWindowSize"`
	DPDTimeoutSeconds          int           `ec2:"DPDTimeoutSeconds"`
	DPDTimeoutAction           string        `ec2:"DPDTimeoutAction"`
	Phase1EncryptionAlgorithms []Value       `ec2:"Phase1EncryptionAlgorithm"`
	Phase2EncryptionAlgorithms []Value       `ec2:"Phase2EncryptionAlgorithm"`
	Phase1IntegrityAlgorithms  []Value       `ec2:"Phase1IntegrityAlgorithm"`
	Phase2IntegrityAlgorithms  []Value       `ec2:"Phase2IntegrityAlgorithm"`
	Phase1DHGroupNumbers       []IntValue    `ec2:"Phase1DHGroupNumber"`
	Phase2DHGroupNumbers       []IntValue    `ec2:"Phase2DHGroupNumber"`
	IKEVersions                []Value       `ec2:"IKEVersion"`
	StartupAction              string        `ec2:"StartupAction"`

	EnableTunnelLifecycleControl Optional[bool]                             `ec2:"EnableTunnelLifecycleControl"`
	LogOptions                   Optional[VPNTunnelLogOptionsSpecification] `ec2:"LogOptions"`
}

// VPNTunnelLogOptionsSpecification is a tunnel's LogOptions in a request.
type VPNTunnelLogOptionsSpecification struct {
	CloudWatchLogOptions CloudWatchLogOptions `ec2:"CloudWatchLogOptions"`
}

// VPNTunnelLogOptions is a tunnel's LogOptions as Describe shows them.
type VPNTunnelLogOptions = VPNTunnelLogOptionsSpecification

// CloudWatchLogOptions is a tunnel's CloudWatch Logs settings, in a request
// (CloudWatchLogOptionsSpecification) and as Describe shows them: the
// enabled flags always, the log groups and formats when set.
type CloudWatchLogOptions struct {
	LogEnabled         bool   `ec2:"LogEnabled"`
	LogGroupARN        string `ec2:"LogGroupArn,omitempty"`
	LogOutputFormat    string `ec2:"LogOutputFormat,omitempty"`
	BGPLogEnabled      bool   `ec2:"BgpLogEnabled"`
	BGPLogGroupARN     string `ec2:"BgpLogGroupArn,omitempty"`
	BGPLogOutputFormat string `ec2:"BgpLogOutputFormat,omitempty"`
}

func (w CloudWatchLogOptions) options() vpn.CloudWatchLogOptions {
	return vpn.CloudWatchLogOptions{LogEnabled: w.LogEnabled, LogGroupARN: w.LogGroupARN, LogOutputFormat: vpn.LogFormat(w.LogOutputFormat),
		BGPLogEnabled: w.BGPLogEnabled, BGPLogGroupARN: w.BGPLogGroupARN, BGPLogOutputFormat: vpn.LogFormat(w.BGPLogOutputFormat)}
}

func cloudWatchLogOptions(o vpn.CloudWatchLogOptions) CloudWatchLogOptions {
	return CloudWatchLogOptions{LogEnabled: o.LogEnabled, LogGroupARN: o.LogGroupARN, LogOutputFormat: string(o.LogOutputFormat),
		BGPLogEnabled: o.BGPLogEnabled, BGPLogGroupARN: o.BGPLogGroupARN, BGPLogOutputFormat: string(o.BGPLogOutputFormat)}
}

func valuesOf[T ~string](vs []Value) []T {
	return mapSlice(vs, func(v Value) T { return T(v.Value) })
}

func (a TunnelOptionsSpecification) options() (vpn.TunnelOptions, error) {
	inside, err := parsePrefix("TunnelInsideCidr", a.TunnelInsideCIDR)
	if err != nil {
		return vpn.TunnelOptions{}, err
	}
	inside6, err := parsePrefix("TunnelInsideIpv6Cidr", a.TunnelInsideIPv6CIDR)
	if err != nil {
		return vpn.TunnelOptions{}, err
	}
	o := vpn.TunnelOptions{
		InsideCIDR:                 inside,
		InsideIPv6CIDR:             inside6,
		PreSharedKey:               vpn.PSK(a.PreSharedKey),
		Phase1LifetimeSeconds:      a.Phase1LifetimeSeconds,
		Phase2LifetimeSeconds:      a.Phase2LifetimeSeconds,
		RekeyMarginTimeSeconds:     a.RekeyMarginTimeSeconds,
		ReplayWindowSize:           a.ReplayWindowSize,
		DPDTimeoutSeconds:          a.DPDTimeoutSeconds,
		DPDTimeoutAction:           vpn.DPDAction(a.DPDTimeoutAction),
		Phase1EncryptionAlgorithms: valuesOf[vpn.Encryption](a.Phase1EncryptionAlgorithms),
		Phase2EncryptionAlgorithms: valuesOf[vpn.Encryption](a.Phase2EncryptionAlgorithms),
		Phase1IntegrityAlgorithms:  valuesOf[vpn.Integrity](a.Phase1IntegrityAlgorithms),
		Phase2IntegrityAlgorithms:  valuesOf[vpn.Integrity](a.Phase2IntegrityAlgorithms),
		Phase1DHGroupNumbers:       mapSlice(a.Phase1DHGroupNumbers, func(v IntValue) vpn.DHGroup { return vpn.DHGroup(v.Value) }),
		Phase2DHGroupNumbers:       mapSlice(a.Phase2DHGroupNumbers, func(v IntValue) vpn.DHGroup { return vpn.DHGroup(v.Value) }),
		IKEVersions:                valuesOf[vpn.IKEVersion](a.IKEVersions),
		StartupAction:              vpn.StartupAction(a.StartupAction),
	}
	if n, ok := a.RekeyFuzzPercentage.Get(); ok {
		o.RekeyFuzzPercentage = vpn.PercentOf(n)
	}
	if on, ok := a.EnableTunnelLifecycleControl.Get(); ok {
		o.EnableTunnelLifecycleControl = vpn.FlagOf(on)
	}
	if l, ok := a.LogOptions.Get(); ok {
		o.LogOptions = vpn.LogOptionsOf(l.CloudWatchLogOptions.options())
	}
	return o, nil
}

// VPNConnectionOptionsSpecification is the Options of CreateVpnConnection.
type VPNConnectionOptionsSpecification struct {
	StaticRoutesOnly      bool                         `ec2:"StaticRoutesOnly"`
	EnableAcceleration    bool                         `ec2:"EnableAcceleration"`
	TunnelInsideIPVersion string                       `ec2:"TunnelInsideIpVersion"`
	LocalIPv4NetworkCIDR  string                       `ec2:"LocalIpv4NetworkCidr"`
	RemoteIPv4NetworkCIDR string                       `ec2:"RemoteIpv4NetworkCidr"`
	LocalIPv6NetworkCIDR  string                       `ec2:"LocalIpv6NetworkCidr"`
	RemoteIPv6NetworkCIDR string                       `ec2:"RemoteIpv6NetworkCidr"`
	OutsideIPAddressType  string                       `ec2:"OutsideIpAddressType"`
	TunnelBandwidth       string                       `ec2:"TunnelBandwidth"`
	TunnelOptions         []TunnelOptionsSpecification `ec2:"TunnelOptions"`
}

func (a VPNConnectionOptionsSpecification) options() (vpn.Options, error) {
	o := vpn.Options{StaticRoutesOnly: a.StaticRoutesOnly, EnableAcceleration: a.EnableAcceleration, TunnelInsideIPVersion: vpn.IPVersion(a.TunnelInsideIPVersion),
		OutsideIPAddressType: vpn.OutsideAddressType(a.OutsideIPAddressType), TunnelBandwidth: vpn.Bandwidth(a.TunnelBandwidth)}
	for _, f := range []struct {
		param, value string
		dst          *netip.Prefix
	}{
		{"LocalIpv4NetworkCidr", a.LocalIPv4NetworkCIDR, &o.LocalIPv4NetworkCIDR},
		{"RemoteIpv4NetworkCidr", a.RemoteIPv4NetworkCIDR, &o.RemoteIPv4NetworkCIDR},
		{"LocalIpv6NetworkCidr", a.LocalIPv6NetworkCIDR, &o.LocalIPv6NetworkCIDR},
		{"RemoteIpv6NetworkCidr", a.RemoteIPv6NetworkCIDR, &o.RemoteIPv6NetworkCIDR},
	} {
		p, err := parsePrefix(f.param, f.value)
		if err != nil {
			return vpn.Options{}, err
		}
		*f.dst = p
	}
	for _, t := range a.TunnelOptions {
		to, err := t.options()
		if err != nil {
			return vpn.Options{}, err
		}
		o.Tunnels = append(o.Tunnels, to)
	}
	return o, nil
}

// CreateVpnConnectionInput is the input of [Cloud.CreateVpnConnection].
type CreateVpnConnectionInput struct {
	Type              string                            `ec2:"Type"`
	CustomerGatewayID string                            `ec2:"CustomerGatewayId,required"`
	VPNGatewayID      string                            `ec2:"VpnGatewayId"`
	TransitGatewayID  string                            `ec2:"TransitGatewayId"`
	Options           VPNConnectionOptionsSpecification `ec2:"Options"`
	TagSpecifications []TagSpecification                `ec2:"TagSpecification"`
}

// VPNConnection is a VPN connection as DescribeVpnConnections shows it.
type VPNConnection struct {
	CustomerGatewayConfiguration string               `ec2:"CustomerGatewayConfiguration,omitempty"`
	CustomerGatewayID            string               `ec2:"CustomerGatewayId"`
	Category                     string               `ec2:"Category"`
	State                        string               `ec2:"State"`
	Type                         string               `ec2:"Type"`
	VPNConnectionID              string               `ec2:"VpnConnectionId"`
	VPNGatewayID                 string               `ec2:"VpnGatewayId,omitempty"`
	TransitGatewayID             string               `ec2:"TransitGatewayId,omitempty"`
	Options                      VPNConnectionOptions `ec2:"Options"`
	Routes                       []VPNStaticRoute     `ec2:"Routes"`
	VGWTelemetry                 []VGWTelemetry       `ec2:"VgwTelemetry"`
	Tags                         []Tag                `ec2:"TagSet"`
}

// VPNConnectionOptions is a connection's options as Describe shows them.
type VPNConnectionOptions struct {
	EnableAcceleration    bool           `ec2:"EnableAcceleration"`
	StaticRoutesOnly      bool           `ec2:"StaticRoutesOnly"`
	LocalIPv4NetworkCIDR  string         `ec2:"LocalIpv4NetworkCidr,omitempty"`
	RemoteIPv4NetworkCIDR string         `ec2:"RemoteIpv4NetworkCidr,omitempty"`
	LocalIPv6NetworkCIDR  string         `ec2:"LocalIpv6NetworkCidr,omitempty"`
	RemoteIPv6NetworkCIDR string         `ec2:"RemoteIpv6NetworkCidr,omitempty"`
	OutsideIPAddressType  string         `ec2:"OutsideIpAddressType,omitempty"`
	TunnelBandwidth       string         `ec2:"TunnelBandwidth,omitempty"`
	TunnelInsideIPVersion string         `ec2:"TunnelInsideIpVersion"`
	TunnelOptions         []TunnelOption `ec2:"TunnelOptionSet"`
}

// TunnelOption is one tunnel's options as Describe shows them: the outside
// address, inside CIDR, key, lifecycle control and log options always, the
// other options only when the request set them.
type TunnelOption struct {
	OutsideIPAddress       string        `ec2:"OutsideIpAddress"`
	TunnelInsideCIDR       string        `ec2:"TunnelInsideCidr,omitempty"`
	TunnelInsideIPv6CIDR   string        `ec2:"TunnelInsideIpv6Cidr,omitempty"`
	PreSharedKey           string        `ec2:"PreSharedKey"`
	Phase1LifetimeSeconds  int           `ec2:"Phase1LifetimeSeconds,omitempty"`
	Phase2LifetimeSeconds  int           `ec2:"Phase2LifetimeSeconds,omitempty"`
	RekeyMarginTimeSeconds int           `ec2:"RekeyMarginTimeSeconds,omitempty"`
	RekeyFuzzPercentage    Optional[int] `ec2:"RekeyFuzzPercentage"`
	ReplayWindowSize       int           `ec2:"ReplayWindowSize,omitempty"`
	DPDTimeoutSeconds      int           `ec2:"DpdTimeoutSeconds,omitempty"`
	DPDTimeoutAction       string        `ec2:"DpdTimeoutAction,omitempty"`
	Phase1Encryption       []Value       `ec2:"Phase1EncryptionAlgorithmSet"`
	Phase2Encryption       []Value       `ec2:"Phase2EncryptionAlgorithmSet"`
	Phase1Integrity        []Value       `ec2:"Phase1IntegrityAlgorithmSet"`
	Phase2Integrity        []Value       `ec2:"Phase2IntegrityAlgorithmSet"`
	Phase1DHGroups         []IntValue    `ec2:"Phase1DHGroupNumberSet"`
	Phase2DHGroups         []IntValue    `ec2:"Phase2DHGroupNumberSet"`
	IKEVersions            []Value       `ec2:"IkeVersionSet"`
	StartupAction          string        `ec2:"StartupAction,omitempty"`

	EnableTunnelLifecycleControl bool                `ec2:"EnableTunnelLifecycleControl"`
	LogOptions                   VPNTunnelLogOptions `ec2:"LogOptions"`
}

// VPNStaticRoute is one static route of a VPN connection.
type VPNStaticRoute struct {
	DestinationCIDRBlock string `ec2:"DestinationCidrBlock"`
	Source               string `ec2:"Source"`
	State                string `ec2:"State"`
}

// VGWTelemetry is one tunnel's status.
type VGWTelemetry struct {
	AcceptedRouteCount int       `ec2:"AcceptedRouteCount"`
	LastStatusChange   time.Time `ec2:"LastStatusChange,omitempty"`
	OutsideIPAddress   string    `ec2:"OutsideIpAddress"`
	Status             string    `ec2:"Status"`
	StatusMessage      string    `ec2:"StatusMessage"`
}

func stringValues[T any](vs []T) []Value {
	return mapSlice(vs, func(v T) Value { return Value{fmt.Sprint(v)} })
}

func prefixString(p netip.Prefix) string {
	if !p.IsValid() {
		return ""
	}
	return p.String()
}

func (c *Cloud) vpnOutput(r *vpnRec) VPNConnection {
	conn := r.c
	o := conn.Options()
	x := VPNConnection{
		CustomerGatewayID: conn.CustomerGatewayID(), Category: conn.Category(), State: string(conn.State()),
		Type: string(conn.Type()), VPNConnectionID: conn.ID(), VPNGatewayID: conn.VPNGatewayID(), TransitGatewayID: conn.TransitGatewayID(),
		Options: VPNConnectionOptions{
			EnableAcceleration:    o.EnableAcceleration,
			StaticRoutesOnly:      o.StaticRoutesOnly,
			LocalIPv4NetworkCIDR:  prefixString(o.LocalIPv4NetworkCIDR),
			RemoteIPv4NetworkCIDR: prefixString(o.RemoteIPv4NetworkCIDR),
			LocalIPv6NetworkCIDR:  prefixString(o.LocalIPv6NetworkCIDR),
			RemoteIPv6NetworkCIDR: prefixString(o.RemoteIPv6NetworkCIDR),
			OutsideIPAddressType:  string(o.OutsideIPAddressType),
			TunnelBandwidth:       string(o.TunnelBandwidth),
			TunnelInsideIPVersion: string(conn.TunnelInsideIPVersion()),
		},
		Tags: tagList(c.tagsOf(r.owner, conn.ID())),
	}
	x.CustomerGatewayConfiguration, _ = conn.DescribedConfiguration()
	for _, t := range conn.Tunnels() {
		x.Options.TunnelOptions = append(x.Options.TunnelOptions, tunnelOutput(t))
		tel := t.Telemetry()
		x.VGWTelemetry = append(x.VGWTelemetry, VGWTelemetry{
			AcceptedRouteCount: tel.AcceptedRouteCount, LastStatusChange: tel.LastStatusChange,
			OutsideIPAddress: t.AWSOutsideAddress().String(), Status: string(tel.Status), StatusMessage: tel.StatusMessage,
		})
	}
	x.Routes = mapSlice(conn.Routes(), func(rt vpn.StaticRoute) VPNStaticRoute {
		return VPNStaticRoute{rt.DestinationCIDR.String(), rt.Source, string(rt.State)}
	})
	return x
}

// tunnelOutput renders a tunnel's options as EC2 describes them: the outside
// address, inside CIDR and key, and the other options the request set
// ([vpn.Tunnel.DescribedOptions]).
func tunnelOutput(t vpn.Tunnel) TunnelOption {
	o := t.DescribedOptions()
	x := TunnelOption{
		OutsideIPAddress:       t.AWSOutsideAddress().String(),
		PreSharedKey:           o.PreSharedKey.Reveal(),
		Phase1LifetimeSeconds:  o.Phase1LifetimeSeconds,
		Phase2LifetimeSeconds:  o.Phase2LifetimeSeconds,
		RekeyMarginTimeSeconds: o.RekeyMarginTimeSeconds,
		ReplayWindowSize:       o.ReplayWindowSize,
		DPDTimeoutSeconds:      o.DPDTimeoutSeconds,
		DPDTimeoutAction:       string(o.DPDTimeoutAction),
		StartupAction:          string(o.StartupAction),
		Phase1Encryption:       stringValues(o.Phase1EncryptionAlgorithms),
		Phase2Encryption:       stringValues(o.Phase2EncryptionAlgorithms),
		Phase1Integrity:        stringValues(o.Phase1IntegrityAlgorithms),
		Phase2Integrity:        stringValues(o.Phase2IntegrityAlgorithms),
		Phase1DHGroups:         mapSlice(o.Phase1DHGroupNumbers, func(g vpn.DHGroup) IntValue { return IntValue{int(g)} }),
		Phase2DHGroups:         mapSlice(o.Phase2DHGroupNumbers, func(g vpn.DHGroup) IntValue { return IntValue{int(g)} }),
		IKEVersions:            stringValues(o.IKEVersions),
	}
	if n, ok := o.RekeyFuzzPercentage.Value(); ok {
		x.RekeyFuzzPercentage = Some(n)
	}
	x.EnableTunnelLifecycleControl, _ = o.EnableTunnelLifecycleControl.Value()
	cw, _ := o.LogOptions.CloudWatch()
	x.LogOptions.CloudWatchLogOptions = cloudWatchLogOptions(cw)
	if inside := t.InsideCIDR(); inside.Addr().Is4() {
		x.TunnelInsideCIDR = inside.String()
	} else {
		x.TunnelInsideIPv6CIDR = inside.String()
		// The /30 an IPv6-inside tunnel was given too.
		x.TunnelInsideCIDR = prefixString(o.InsideCIDR)
	}
	return x
}

// CreateVpnConnectionOutput is the output of [Cloud.CreateVpnConnection].
type CreateVpnConnectionOutput struct {
	VPNConnection VPNConnection `ec2:"VpnConnection"`
}

func (c *Cloud) createVpnConnection(k *call, in *CreateVpnConnectionInput) (*CreateVpnConnectionOutput, error) {
	cg, err := c.findCGW(k, in.CustomerGatewayID)
	if err != nil {
		return nil, err
	}
	spec := vpn.Spec{Type: vpn.GatewayType(in.Type), CustomerGateway: cg.g, TransitGatewayID: in.TransitGatewayID}
	if in.VPNGatewayID != "" {
		g, err := c.findVGW(k, in.VPNGatewayID)
		if err != nil {
			return nil, err
		}
		spec.VPNGateway = g.g
	}
	if spec.Options, err = in.Options.options(); err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "vpn-connection")
	if err != nil {
		return nil, err
	}
	var g *tgwRec
	if in.TransitGatewayID != "" && in.VPNGatewayID == "" && ec2.TransitGateway.IsID(in.TransitGatewayID) {
		if g, err = c.tgwForVPN(k, in.TransitGatewayID); err != nil {
			return nil, err
		}
		spec.TransitGatewayASN = g.g.Options().AmazonSideASN
	}
	conn, err := vpn.Create(spec, c.connectionsOf(k.scope), c.random, k.now)
	if err != nil {
		return nil, err
	}
	if g != nil {
		// The connection's attachment to the gateway.
		if err := c.attachVPN(k, g, conn.ID()); err != nil {
			return nil, err
		}
	}
	r := &vpnRec{owner: k.scope, c: conn}
	c.vpn.conns[conn.ID()] = r
	addID(c.vpn.in, r.owner, conn.ID())
	c.setTags(r.owner, conn.ID(), tags)
	c.markUnsettled(conn.ID())
	return &CreateVpnConnectionOutput{VPNConnection: c.vpnOutput(r)}, nil
}

// DescribeVpnConnectionsInput is the input of [Cloud.DescribeVpnConnections].
type DescribeVpnConnectionsInput struct {
	VPNConnectionIDs []string `ec2:"VpnConnectionId"`
	Filters          []Filter `ec2:"Filter"`
}

// DescribeVpnConnectionsOutput is the output of
// [Cloud.DescribeVpnConnections].
type DescribeVpnConnectionsOutput struct {
	VPNConnections []VPNConnection `ec2:"VpnConnectionSet"`
}

var vpnFilters = filterFuncs[*vpnRec]{
	"customer-gateway-configuration": func(r *vpnRec) []string { return []string{r.c.CustomerGatewayConfiguration()} },
	"customer-gateway-id":            func(r *vpnRec) []string { return []string{r.c.CustomerGatewayID()} },
	"state":                          func(r *vpnRec) []string { return []string{string(r.c.State())} },
	"option.static-routes-only":      func(r *vpnRec) []string { return []string{strconv.FormatBool(r.c.StaticRoutesOnly())} },
	"route.destination-cidr-block": func(r *vpnRec) []string {
		return mapSlice(r.c.Routes(), func(rt vpn.StaticRoute) string { return rt.DestinationCIDR.String() })
	},
	"bgp-asn":            func(r *vpnRec) []string { return []string{strconv.FormatInt(r.c.CustomerGatewayASN(), 10)} },
	"type":               func(r *vpnRec) []string { return []string{string(r.c.Type())} },
	"vpn-connection-id":  func(r *vpnRec) []string { return []string{r.c.ID()} },
	"vpn-gateway-id":     func(r *vpnRec) []string { return []string{r.c.VPNGatewayID()} },
	"transit-gateway-id": func(r *vpnRec) []string { return []string{r.c.TransitGatewayID()} },
}

func (c *Cloud) describeVpnConnections(k *call, in *DescribeVpnConnectionsInput) (*DescribeVpnConnectionsOutput, error) {
	rs, err := describeFrom(c, k, in.VPNConnectionIDs, in.Filters, vpnFilters, c.findVPN, c.vpnsOf,
		func(r *vpnRec) (scope, string) { return r.owner, r.c.ID() })
	if err != nil {
		return nil, err
	}
	return &DescribeVpnConnectionsOutput{VPNConnections: mapSlice(rs, c.vpnOutput)}, nil
}

// DeleteVpnConnectionInput is the input of [Cloud.DeleteVpnConnection].
type DeleteVpnConnectionInput struct {
	VPNConnectionID string `ec2:"VpnConnectionId,required"`
}

// DeleteVpnConnectionOutput is the output of [Cloud.DeleteVpnConnection].
type DeleteVpnConnectionOutput = ReturnOutput

func (c *Cloud) deleteVpnConnection(k *call, in *DeleteVpnConnectionInput) (*ReturnOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	conn, err := r.c.Delete(k.now)
	if err != nil {
		return nil, err
	}
	if conn.State() != r.c.State() {
		c.markUnsettled(conn.ID())
		c.detachVPN(conn.ID())
	}
	r.c = conn
	return &ReturnOutput{Return: true}, nil
}

// CreateVpnConnectionRouteInput is the input of
// [Cloud.CreateVpnConnectionRoute] and [Cloud.DeleteVpnConnectionRoute].
type CreateVpnConnectionRouteInput struct {
	VPNConnectionID      string `ec2:"VpnConnectionId,required"`
	DestinationCIDRBlock string `ec2:"DestinationCidrBlock,required"`
}

// CreateVpnConnectionRouteOutput is the output of
// [Cloud.CreateVpnConnectionRoute].
type CreateVpnConnectionRouteOutput = ReturnOutput

// DeleteVpnConnectionRouteInput is the input of
// [Cloud.DeleteVpnConnectionRoute].
type DeleteVpnConnectionRouteInput = CreateVpnConnectionRouteInput

// DeleteVpnConnectionRouteOutput is the output of
// [Cloud.DeleteVpnConnectionRoute].
type DeleteVpnConnectionRouteOutput = ReturnOutput

func (c *Cloud) vpnRoute(k *call, in *CreateVpnConnectionRouteInput, f func(vpn.Connection, netip.Prefix) (vpn.Connection, error)) (*ReturnOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	dest, err := route.ParseDestination("DestinationCidrBlock", in.DestinationCIDRBlock)
	if err != nil {
		return nil, err
	}
	conn, err := f(r.c, dest)
	if err != nil {
		return nil, err
	}
	r.c = conn
	c.markUnsettled(conn.ID())
	return &ReturnOutput{Return: true}, nil
}

func (c *Cloud) createVpnConnectionRoute(k *call, in *CreateVpnConnectionRouteInput) (*ReturnOutput, error) {
	return c.vpnRoute(k, in, func(v vpn.Connection, p netip.Prefix) (vpn.Connection, error) { return v.CreateRoute(p, k.now) })
}

func (c *Cloud) deleteVpnConnectionRoute(k *call, in *CreateVpnConnectionRouteInput) (*ReturnOutput, error) {
	return c.vpnRoute(k, in, func(v vpn.Connection, p netip.Prefix) (vpn.Connection, error) { return v.DeleteRoute(p, k.now) })
}

// Sample configurations.

// GetVpnConnectionDeviceTypesInput is the input of
// [Cloud.GetVpnConnectionDeviceTypes].
type GetVpnConnectionDeviceTypesInput struct {
	Page
}

// VPNConnectionDeviceType is one device a sample configuration can be made
// for.
type VPNConnectionDeviceType struct {
	Platform                  string `ec2:"Platform"`
	Software                  string `ec2:"Software"`
	Vendor                    string `ec2:"Vendor"`
	VPNConnectionDeviceTypeID string `ec2:"VpnConnectionDeviceTypeId"`
}

// GetVpnConnectionDeviceTypesOutput is the output of
// [Cloud.GetVpnConnectionDeviceTypes].
type GetVpnConnectionDeviceTypesOutput struct {
	VPNConnectionDeviceTypes []VPNConnectionDeviceType `ec2:"VpnConnectionDeviceTypeSet"`
	NextToken                string                    `ec2:"NextToken,omitempty"`
}

var deviceTypesPage = pageLimits{min: 200, max: 1000}

func (c *Cloud) getVpnConnectionDeviceTypes(k *call, in *GetVpnConnectionDeviceTypesInput) (*GetVpnConnectionDeviceTypesOutput, error) {
	all := vpn.DeviceTypes()
	slices.SortFunc(all, func(a, b vpn.DeviceType) int { return strings.Compare(a.ID, b.ID) })
	pageOf, next, err := paginate(all, func(d vpn.DeviceType) string { return d.ID }, in.Page, deviceTypesPage, false)
	if err != nil {
		return nil, err
	}
	out := &GetVpnConnectionDeviceTypesOutput{NextToken: next}
	out.VPNConnectionDeviceTypes = mapSlice(pageOf, func(d vpn.DeviceType) VPNConnectionDeviceType {
		return VPNConnectionDeviceType{d.Platform, d.Software, d.Vendor, d.ID}
	})
	return out, nil
}

// GetVpnConnectionDeviceSampleConfigurationInput is the input of
// [Cloud.GetVpnConnectionDeviceSampleConfiguration].
type GetVpnConnectionDeviceSampleConfigurationInput struct {
	VPNConnectionID            string `ec2:"VpnConnectionId,required"`
	VPNConnectionDeviceTypeID  string `ec2:"VpnConnectionDeviceTypeId,required"`
	InternetKeyExchangeVersion string `ec2:"InternetKeyExchangeVersion"`
	SampleType                 string `ec2:"SampleType"`
}

// GetVpnConnectionDeviceSampleConfigurationOutput is the output of
// [Cloud.GetVpnConnectionDeviceSampleConfiguration].
type GetVpnConnectionDeviceSampleConfigurationOutput struct {
	VPNConnectionDeviceSampleConfiguration string `ec2:"VpnConnectionDeviceSampleConfiguration"`
}

func (c *Cloud) getVpnConnectionDeviceSampleConfiguration(k *call, in *GetVpnConnectionDeviceSampleConfigurationInput) (*GetVpnConnectionDeviceSampleConfigurationOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	text, err := vpn.SampleConfiguration(r.c, in.VPNConnectionDeviceTypeID, vpn.IKEVersion(in.InternetKeyExchangeVersion))
	if err != nil {
		return nil, err
	}
	return &GetVpnConnectionDeviceSampleConfigurationOutput{VPNConnectionDeviceSampleConfiguration: text}, nil
}

// vgwTargetInfo answers route.Resolver for a virtual private gateway of
// owner: it exists while not deleted, and serves the VPC it is attached to.
func (c *Cloud) vgwTargetInfo(owner scope, id string) (route.TargetInfo, bool) {
	r := c.vpn.vgws[id]
	if r == nil || r.owner != owner || r.g.State() != status.StateAvailable {
		return route.TargetInfo{}, false
	}
	if a, ok := r.g.Attachment(); ok && a.State == status.Attached {
		return route.TargetInfo{VPCIDs: []string{a.VPCID}}, true
	}
	return route.TargetInfo{}, true
}

// propagatedPrefixes returns the prefixes gateway id propagates: the
// available static routes of its available or modifying connections with
// a tunnel UP. A modifying connection keeps propagating through the tunnel
// that stays UP: a tunnel options change replaces one endpoint ("only the
// modified tunnel goes down"); a gateway or traffic selector change takes
// both down, and with them the routes.
//
// Nothing is propagated unless the gateway is attached to the table's VPC,
// vpcID (spec E.6).
func (c *Cloud) propagatedPrefixes(owner scope, id, vpcID string) []netip.Prefix {
	g := c.vpn.vgws[id]
	if g == nil || g.owner != owner {
		return nil
	}
	if a, ok := g.g.Attachment(); !ok || a.State != status.Attached || a.VPCID != vpcID {
		return nil
	}
	var out []netip.Prefix
	for _, r := range c.vpnsOf(owner) {
		conn := r.c
		if st := conn.State(); conn.VPNGatewayID() != id || st != status.StateAvailable && st != status.StateModifying {
			continue
		}
		up := false
		for _, t := range conn.Tunnels() {
			up = up || t.Telemetry().Status == status.Up
		}
		if !up {
			continue
		}
		for _, rt := range conn.Routes() {
			if rt.State == status.StateAvailable {
				out = append(out, rt.DestinationCIDR)
			}
		}
	}
	return out
}

// Modifications.

// ModifyVpnTunnelOptionsInput is the input of [Cloud.ModifyVpnTunnelOptions].
// TunnelOptions has CreateVpnConnection's shape; an option not given keeps
// the tunnel's value.
type ModifyVpnTunnelOptionsInput struct {
	VPNConnectionID           string                     `ec2:"VpnConnectionId,required"`
	VPNTunnelOutsideIPAddress string                     `ec2:"VpnTunnelOutsideIpAddress,required"`
	TunnelOptions             TunnelOptionsSpecification `ec2:"TunnelOptions"`
	SkipTunnelReplacement     bool                       `ec2:"SkipTunnelReplacement"`
}

// ModifyVpnTunnelOptionsOutput is the output of
// [Cloud.ModifyVpnTunnelOptions].
type ModifyVpnTunnelOptionsOutput struct {
	VPNConnection VPNConnection `ec2:"VpnConnection"`
}

func (c *Cloud) modifyVpnTunnelOptions(k *call, in *ModifyVpnTunnelOptionsInput) (*ModifyVpnTunnelOptionsOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	outside, err := parseAddr("VpnTunnelOutsideIpAddress", in.VPNTunnelOutsideIPAddress)
	if err != nil {
		return nil, err
	}
	changes, err := in.TunnelOptions.options()
	if err != nil {
		return nil, err
	}
	conn, err := r.c.ModifyTunnelOptions(outside, changes, in.SkipTunnelReplacement, c.connectionsOf(k.scope), k.now)
	if err != nil {
		return nil, err
	}
	c.modified(r, conn)
	return &ModifyVpnTunnelOptionsOutput{VPNConnection: c.vpnOutput(r)}, nil
}

// modified records conn as r's connection after a Modify action: it is
// modifying until the next call settles it, and a new maintenance deadline
// is scheduled.
func (c *Cloud) modified(r *vpnRec, conn vpn.Connection) {
	next, _ := conn.NextMaintenance()
	was, _ := r.c.NextMaintenance()
	r.c = conn
	if conn.State() == status.StateModifying {
		c.markUnsettled(conn.ID())
	}
	if !next.Equal(was) {
		c.vpn.schedule(conn)
	}
}

// ModifyVpnConnectionOptionsInput is the input of
// [Cloud.ModifyVpnConnectionOptions].
type ModifyVpnConnectionOptionsInput struct {
	VPNConnectionID       string `ec2:"VpnConnectionId,required"`
	LocalIPv4NetworkCIDR  string `ec2:"LocalIpv4NetworkCidr"`
	RemoteIPv4NetworkCIDR string `ec2:"RemoteIpv4NetworkCidr"`
	LocalIPv6NetworkCIDR  string `ec2:"LocalIpv6NetworkCidr"`
	RemoteIPv6NetworkCIDR string `ec2:"RemoteIpv6NetworkCidr"`
	TunnelBandwidth       string `ec2:"TunnelBandwidth"`
}

// ModifyVpnConnectionOptionsOutput is the output of
// [Cloud.ModifyVpnConnectionOptions].
type ModifyVpnConnectionOptionsOutput struct {
	VPNConnection VPNConnection `ec2:"VpnConnection"`
}

func (c *Cloud) modifyVpnConnectionOptions(k *call, in *ModifyVpnConnectionOptionsInput) (*ModifyVpnConnectionOptionsOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	n := vpn.OptionsChange{TunnelBandwidth: vpn.Bandwidth(in.TunnelBandwidth)}
	for _, f := range []struct {
		param, value string
		dst          *netip.Prefix
	}{
		{"LocalIpv4NetworkCidr", in.LocalIPv4NetworkCIDR, &n.LocalIPv4},
		{"RemoteIpv4NetworkCidr", in.RemoteIPv4NetworkCIDR, &n.RemoteIPv4},
		{"LocalIpv6NetworkCidr", in.LocalIPv6NetworkCIDR, &n.LocalIPv6},
		{"RemoteIpv6NetworkCidr", in.RemoteIPv6NetworkCIDR, &n.RemoteIPv6},
	} {
		if *f.dst, err = parsePrefix(f.param, f.value); err != nil {
			return nil, err
		}
	}
	conn, err := r.c.ModifyOptions(n, k.now)
	if err != nil {
		return nil, err
	}
	c.modified(r, conn)
	return &ModifyVpnConnectionOptionsOutput{VPNConnection: c.vpnOutput(r)}, nil
}

// ModifyVpnConnectionInput is the input of [Cloud.ModifyVpnConnection]:
// exactly one of the three gateways.
type ModifyVpnConnectionInput struct {
	VPNConnectionID   string `ec2:"VpnConnectionId,required"`
	CustomerGatewayID string `ec2:"CustomerGatewayId"`
	VPNGatewayID      string `ec2:"VpnGatewayId"`
	TransitGatewayID  string `ec2:"TransitGatewayId"`
}

// ModifyVpnConnectionOutput is the output of [Cloud.ModifyVpnConnection].
type ModifyVpnConnectionOutput struct {
	VPNConnection VPNConnection `ec2:"VpnConnection"`
}

func (c *Cloud) modifyVpnConnection(k *call, in *ModifyVpnConnectionInput) (*ModifyVpnConnectionOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	var ch vpn.GatewayChange
	if in.CustomerGatewayID != "" {
		g, err := c.findCGW(k, in.CustomerGatewayID)
		if err != nil {
			return nil, err
		}
		ch.CustomerGateway = g.g
	}
	if in.VPNGatewayID != "" {
		g, err := c.findVGW(k, in.VPNGatewayID)
		if err != nil {
			return nil, err
		}
		ch.VPNGateway = g.g
	}
	if in.TransitGatewayID != "" {
		if err := ec2.TransitGateway.ParseID(in.TransitGatewayID); err != nil {
			return nil, err
		}
		if in.CustomerGatewayID == "" && in.VPNGatewayID == "" {
			// Moving a connection to a transit gateway is refused by
			// package vpn (UnsupportedOperation), once the gateway is
			// known to exist.
			if _, err := c.findLiveTGW(k, in.TransitGatewayID); err != nil {
				return nil, err
			}
		}
		ch.TransitGatewayID = in.TransitGatewayID
	}
	conn, err := r.c.ModifyGateway(ch, c.connectionsOf(k.scope), k.now)
	if err != nil {
		return nil, err
	}
	c.modified(r, conn)
	return &ModifyVpnConnectionOutput{VPNConnection: c.vpnOutput(r)}, nil
}

// ReplaceVpnTunnelInput is the input of [Cloud.ReplaceVpnTunnel].
type ReplaceVpnTunnelInput struct {
	VPNConnectionID           string `ec2:"VpnConnectionId,required"`
	VPNTunnelOutsideIPAddress string `ec2:"VpnTunnelOutsideIpAddress,required"`
	ApplyPendingMaintenance   bool   `ec2:"ApplyPendingMaintenance"`
}

// ReplaceVpnTunnelOutput is the output of [Cloud.ReplaceVpnTunnel].
type ReplaceVpnTunnelOutput = ReturnOutput

func (c *Cloud) replaceVpnTunnel(k *call, in *ReplaceVpnTunnelInput) (*ReturnOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	outside, err := parseAddr("VpnTunnelOutsideIpAddress", in.VPNTunnelOutsideIPAddress)
	if err != nil {
		return nil, err
	}
	conn, err := r.c.ReplaceTunnel(outside, in.ApplyPendingMaintenance, k.now)
	if err != nil {
		return nil, err
	}
	c.modified(r, conn)
	return &ReturnOutput{Return: true}, nil
}

// GetVpnTunnelReplacementStatusInput is the input of
// [Cloud.GetVpnTunnelReplacementStatus].
type GetVpnTunnelReplacementStatusInput struct {
	VPNConnectionID           string `ec2:"VpnConnectionId,required"`
	VPNTunnelOutsideIPAddress string `ec2:"VpnTunnelOutsideIpAddress,required"`
}

// MaintenanceDetails is a tunnel endpoint's maintenance: PendingMaintenance
// "Available" with its deadline while some is pending, and when
// maintenance was last applied.
type MaintenanceDetails struct {
	PendingMaintenance          string    `ec2:"PendingMaintenance,omitempty"`
	MaintenanceAutoAppliedAfter time.Time `ec2:"MaintenanceAutoAppliedAfter,omitempty"`
	LastMaintenanceApplied      time.Time `ec2:"LastMaintenanceApplied,omitempty"`
}

// GetVpnTunnelReplacementStatusOutput is the output of
// [Cloud.GetVpnTunnelReplacementStatus].
type GetVpnTunnelReplacementStatusOutput struct {
	VPNConnectionID           string             `ec2:"VpnConnectionId"`
	TransitGatewayID          string             `ec2:"TransitGatewayId,omitempty"`
	CustomerGatewayID         string             `ec2:"CustomerGatewayId"`
	VPNGatewayID              string             `ec2:"VpnGatewayId,omitempty"`
	VPNTunnelOutsideIPAddress string             `ec2:"VpnTunnelOutsideIpAddress"`
	MaintenanceDetails        MaintenanceDetails `ec2:"MaintenanceDetails"`
}

func (c *Cloud) getVpnTunnelReplacementStatus(k *call, in *GetVpnTunnelReplacementStatusInput) (*GetVpnTunnelReplacementStatusOutput, error) {
	r, err := c.findVPN(k, in.VPNConnectionID)
	if err != nil {
		return nil, err
	}
	outside, err := parseAddr("VpnTunnelOutsideIpAddress", in.VPNTunnelOutsideIPAddress)
	if err != nil {
		return nil, err
	}
	m, err := r.c.ReplacementStatus(outside)
	if err != nil {
		return nil, err
	}
	out := &GetVpnTunnelReplacementStatusOutput{VPNConnectionID: r.c.ID(), TransitGatewayID: r.c.TransitGatewayID(),
		CustomerGatewayID: r.c.CustomerGatewayID(), VPNGatewayID: r.c.VPNGatewayID(), VPNTunnelOutsideIPAddress: outside.String(),
		MaintenanceDetails: MaintenanceDetails{MaintenanceAutoAppliedAfter: m.AutoAppliedAfter, LastMaintenanceApplied: m.LastApplied}}
	if m.Pending {
		out.MaintenanceDetails.PendingMaintenance = vpn.PendingMaintenanceAvailable
	}
	return out, nil
}
