package ec2emu

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
// values; the package owns every rule. The emulator keeps them per scope,
// settles their asynchronous steps on the next request, and plays the part
// of the customer's device: both tunnels of a connection come UP when it
// becomes available, so that a VGW propagates its static routes as EC2 does
// once a real device connects.

// deletedVisibility is how long a deleted customer gateway, VGW or VPN
// connection stays listed in state deleted. EC2 says "for a short while".
const deletedVisibility = time.Hour

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
	// given holds the tunnel options as the request gave them: EC2
	// describes a tunnel's outside address, inside CIDR and key, and of its
	// other options only those that were set, so that tools which compare
	// them with their configuration (Terraform) see no change.
	given []vpn.TunnelOptions
}

// vpnStore holds the VPN resources of every scope.
type vpnStore struct {
	cgws  map[string]*cgwRec
	vgws  map[string]*vgwRec
	conns map[string]*vpnRec
	// unsettled lists what has an asynchronous step left, for the next
	// request to complete.
	unsettled []string
	// deleted lists deletions in time order, to forget them after
	// deletedVisibility.
	deleted []deletion
}

type deletion struct {
	id string
	at time.Time
}

func newVPNStore() vpnStore {
	return vpnStore{
		cgws:  make(map[string]*cgwRec),
		vgws:  make(map[string]*vgwRec),
		conns: make(map[string]*vpnRec),
	}
}

// settleVPN completes the asynchronous steps of what the previous requests
// started, and forgets deleted resources whose window has passed.
func (s *Server) settleVPN(now time.Time) {
	st := &s.st.vpn
	for _, id := range st.unsettled {
		if r := st.vgws[id]; r != nil {
			r.g = r.g.Settle(now)
		}
		if r := st.conns[id]; r != nil {
			before := r.c.State()
			r.c = r.c.Settle(now)
			if before == status.StatePending && r.c.State() == status.StateAvailable {
				r.c = tunnelsUp(r.c, now)
			}
			if r.c.State() == status.StateDeleted {
				st.deleted = append(st.deleted, deletion{id, now})
			}
		}
	}
	st.unsettled = st.unsettled[:0]
	for len(st.deleted) > 0 && !now.Before(st.deleted[0].at.Add(deletedVisibility)) {
		id := st.deleted[0].id
		delete(st.cgws, id)
		delete(st.vgws, id)
		delete(st.conns, id)
		s.dropTags(id)
		st.deleted = st.deleted[1:]
	}
}

// tunnelsUp brings both tunnels of c up, as a connected customer device
// would.
func tunnelsUp(c vpn.Connection, now time.Time) vpn.Connection {
	for i := range 2 {
		if next, err := c.SetTunnelStatus(i, status.Up, len(c.Routes()), now); err == nil {
			c = next
		}
	}
	return c
}

func (s *Server) markUnsettled(id string) { s.st.vpn.unsettled = append(s.st.vpn.unsettled, id) }

func (s *Server) markDeleted(id string, now time.Time) {
	s.st.vpn.deleted = append(s.st.vpn.deleted, deletion{id, now})
}

// Lookups, each scoped to the caller.

func (s *Server) findCGW(c *call, id string) (*cgwRec, error) {
	if err := ec2.CustomerGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := s.st.vpn.cgws[id]
	if r == nil || r.owner != c.scope() {
		return nil, ec2.CustomerGateway.NotFoundError(id, nil)
	}
	return r, nil
}

func (s *Server) findVGW(c *call, id string) (*vgwRec, error) {
	if err := ec2.VPNGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := s.st.vpn.vgws[id]
	if r == nil || r.owner != c.scope() {
		return nil, &ec2.Error{Code: ec2.VPNGatewayIDNotFound,
			Message: fmt.Sprintf("The virtual private gateway ID '%s' does not exist", id)}
	}
	return r, nil
}

func (s *Server) findVPN(c *call, id string) (*vpnRec, error) {
	if err := ec2.VPNConnection.ParseID(id); err != nil {
		return nil, err
	}
	r := s.st.vpn.conns[id]
	if r == nil || r.owner != c.scope() {
		return nil, ec2.VPNConnection.NotFoundError(id, nil)
	}
	return r, nil
}

// Everything of one scope, in ID order, as the library's checks take it.

func (s *Server) cgwsOf(sc scope) []*cgwRec {
	return sortedOf(s.st.vpn.cgws, sc, func(r *cgwRec) (scope, string) { return r.owner, r.g.ID() })
}

func (s *Server) vgwsOf(sc scope) []*vgwRec {
	return sortedOf(s.st.vpn.vgws, sc, func(r *vgwRec) (scope, string) { return r.owner, r.g.ID() })
}

func (s *Server) vpnsOf(sc scope) []*vpnRec {
	return sortedOf(s.st.vpn.conns, sc, func(r *vpnRec) (scope, string) { return r.owner, r.c.ID() })
}

func sortedOf[R any](m map[string]R, sc scope, key func(R) (scope, string)) []R {
	var out []R
	for _, r := range m {
		if o, _ := key(r); o == sc {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b R) int {
		_, x := key(a)
		_, y := key(b)
		return strings.Compare(x, y)
	})
	return out
}

func (s *Server) connectionsOf(sc scope) []vpn.Connection {
	return mapSlice(s.vpnsOf(sc), func(r *vpnRec) vpn.Connection { return r.c })
}

// Customer gateways.

type createCGWInput struct {
	Type           string    `ec2:"Type"`
	BgpAsn         int64     `ec2:"BgpAsn"`
	BgpAsnExtended int64     `ec2:"BgpAsnExtended"`
	IPAddress      string    `ec2:"IpAddress"`
	PublicIP       string    `ec2:"PublicIp"`
	DeviceName     string    `ec2:"DeviceName"`
	TagSpecs       []tagSpec `ec2:"TagSpecification"`
}

type cgwXML struct {
	BgpAsn         string   `xml:"bgpAsn,omitempty"`
	BgpAsnExtended string   `xml:"bgpAsnExtended,omitempty"`
	ID             string   `xml:"customerGatewayId"`
	DeviceName     string   `xml:"deviceName,omitempty"`
	IPAddress      string   `xml:"ipAddress"`
	State          string   `xml:"state"`
	Type           string   `xml:"type"`
	Tags           []tagXML `xml:"tagSet>item"`
}

func (s *Server) cgwXML(r *cgwRec) cgwXML {
	g := r.g
	x := cgwXML{ID: g.ID(), DeviceName: g.DeviceName(), IPAddress: g.IPAddress().String(),
		State: string(g.State()), Type: string(g.Type()), Tags: tagsXML(s.tagsOf(r.owner, g.ID()))}
	asn := strconv.FormatInt(g.BGPASN(), 10)
	if g.IsASNExtended() {
		x.BgpAsnExtended = asn
	} else {
		x.BgpAsn = asn
	}
	return x
}

type cgwOutput struct {
	meta
	Gateway cgwXML `xml:"customerGateway"`
}

// parseAddr parses an optional address parameter.
func parseAddr(param, s string) (netip.Addr, error) {
	if s == "" {
		return netip.Addr{}, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, &ec2.Error{Code: ec2.InvalidParameterValue,
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
		return netip.Prefix{}, &ec2.Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Value (%s) for parameter %s is invalid. This is not a valid CIDR block.", s, param)}
	}
	return p, nil
}

func (s *Server) createCustomerGateway(c *call, in *createCGWInput) (*cgwOutput, error) {
	addr := in.IPAddress
	if addr == "" {
		addr = in.PublicIP
	}
	ip, err := parseAddr("IpAddress", addr)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecs, "customer-gateway")
	if err != nil {
		return nil, err
	}
	spec := vpn.CustomerGatewaySpec{Type: vpn.GatewayType(in.Type), BGPASN: in.BgpAsn,
		BGPASNExtended: in.BgpAsnExtended, IPAddress: ip, DeviceName: in.DeviceName}
	mine := s.cgwsOf(c.scope())
	existing := mapSlice(mine, func(r *cgwRec) vpn.CustomerGateway { return r.g })
	if g, ok := vpn.FindIdenticalCustomerGateway(existing, spec); ok {
		return &cgwOutput{Gateway: s.cgwXML(s.st.vpn.cgws[g.ID()])}, nil
	}
	if err := (vpn.Quotas{}).CheckCustomerGateways(existing); err != nil {
		return nil, err
	}
	g, err := vpn.CreateCustomerGateway(spec, s.random, c.now)
	if err != nil {
		return nil, err
	}
	r := &cgwRec{owner: c.scope(), g: g}
	s.st.vpn.cgws[g.ID()] = r
	s.setTags(r.owner, g.ID(), tags)
	return &cgwOutput{Gateway: s.cgwXML(r)}, nil
}

type describeCGWsInput struct {
	IDs     []string `ec2:"CustomerGatewayId"`
	Filters []filter `ec2:"Filter"`
}

type describeCGWsOutput struct {
	meta
	Gateways []cgwXML `xml:"customerGatewaySet>item"`
}

var cgwFilters = filterFuncs[*cgwRec]{
	"bgp-asn":             func(r *cgwRec) []string { return []string{strconv.FormatInt(r.g.BGPASN(), 10)} },
	"customer-gateway-id": func(r *cgwRec) []string { return []string{r.g.ID()} },
	"ip-address":          func(r *cgwRec) []string { return []string{r.g.IPAddress().String()} },
	"state":               func(r *cgwRec) []string { return []string{string(r.g.State())} },
	"type":                func(r *cgwRec) []string { return []string{string(r.g.Type())} },
	"device-name":         func(r *cgwRec) []string { return []string{r.g.DeviceName()} },
}

func (s *Server) describeCustomerGateways(c *call, in *describeCGWsInput) (*describeCGWsOutput, error) {
	rs, err := describeFrom(s, c, in.IDs, in.Filters, cgwFilters, s.findCGW, s.cgwsOf,
		func(r *cgwRec) (scope, string) { return r.owner, r.g.ID() })
	if err != nil {
		return nil, err
	}
	return &describeCGWsOutput{Gateways: mapSlice(rs, s.cgwXML)}, nil
}

// describeFrom answers a Describe of VPN resources: the IDs asked for, or all
// of the caller's, that match the filters, in ID order.
func describeFrom[R any](s *Server, c *call, ids []string, fs []filter, funcs filterFuncs[R],
	find func(*call, string) (R, error), all func(scope) []R, key func(R) (scope, string)) ([]R, error) {
	m, err := compileFilters(fs, funcs, func(r R) tag.Set { o, id := key(r); return s.tagsOf(o, id) })
	if err != nil {
		return nil, err
	}
	var rs []R
	if len(ids) > 0 {
		for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
			r, err := find(c, id)
			if err != nil {
				return nil, err
			}
			rs = append(rs, r)
		}
	} else {
		rs = all(c.scope())
	}
	return slices.DeleteFunc(rs, func(r R) bool { return !m.match(r) }), nil
}

type cgwIDInput struct {
	ID string `ec2:"CustomerGatewayId,required"`
}

func (s *Server) deleteCustomerGateway(c *call, in *cgwIDInput) (*returnOutput, error) {
	r, err := s.findCGW(c, in.ID)
	if err != nil {
		return nil, err
	}
	wasDeleted := r.g.State() == status.StateDeleted
	g, err := r.g.Delete(s.connectionsOf(c.scope()), c.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	if !wasDeleted {
		s.markDeleted(g.ID(), c.now)
	}
	return &returnOutput{Return: true}, nil
}

// Virtual private gateways.

type createVGWInput struct {
	Type             string    `ec2:"Type"`
	AmazonSideAsn    int64     `ec2:"AmazonSideAsn"`
	AvailabilityZone string    `ec2:"AvailabilityZone"`
	TagSpecs         []tagSpec `ec2:"TagSpecification"`
}

type vgwXML struct {
	AmazonSideAsn    int64           `xml:"amazonSideAsn"`
	Attachments      []attachmentXML `xml:"attachments>item"`
	AvailabilityZone string          `xml:"availabilityZone,omitempty"`
	State            string          `xml:"state"`
	Type             string          `xml:"type"`
	ID               string          `xml:"vpnGatewayId"`
	Tags             []tagXML        `xml:"tagSet>item"`
}

type attachmentXML struct {
	State string `xml:"state"`
	VpcID string `xml:"vpcId"`
}

func (s *Server) vgwXML(r *vgwRec) vgwXML {
	g := r.g
	x := vgwXML{AmazonSideAsn: g.AmazonSideASN(), AvailabilityZone: g.AvailabilityZone(), State: string(g.State()),
		Type: string(g.Type()), ID: g.ID(), Tags: tagsXML(s.tagsOf(r.owner, g.ID()))}
	if a, ok := g.Attachment(); ok {
		x.Attachments = []attachmentXML{{string(a.State), a.VPCID}}
	}
	return x
}

type vgwOutput struct {
	meta
	Gateway vgwXML `xml:"vpnGateway"`
}

func (s *Server) createVpnGateway(c *call, in *createVGWInput) (*vgwOutput, error) {
	tags, err := tagsFor(in.TagSpecs, "vpn-gateway")
	if err != nil {
		return nil, err
	}
	existing := mapSlice(s.vgwsOf(c.scope()), func(r *vgwRec) vpn.Gateway { return r.g })
	if err := (vpn.Quotas{}).CheckGateways(existing); err != nil {
		return nil, err
	}
	g, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.GatewayType(in.Type), AmazonSideASN: in.AmazonSideAsn,
		AvailabilityZone: in.AvailabilityZone}, s.random, c.now)
	if err != nil {
		return nil, err
	}
	r := &vgwRec{owner: c.scope(), g: g}
	s.st.vpn.vgws[g.ID()] = r
	s.setTags(r.owner, g.ID(), tags)
	return &vgwOutput{Gateway: s.vgwXML(r)}, nil
}

type describeVGWsInput struct {
	IDs     []string `ec2:"VpnGatewayId"`
	Filters []filter `ec2:"Filter"`
}

type describeVGWsOutput struct {
	meta
	Gateways []vgwXML `xml:"vpnGatewaySet>item"`
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

func (s *Server) describeVpnGateways(c *call, in *describeVGWsInput) (*describeVGWsOutput, error) {
	rs, err := describeFrom(s, c, in.IDs, in.Filters, vgwFilters, s.findVGW, s.vgwsOf,
		func(r *vgwRec) (scope, string) { return r.owner, r.g.ID() })
	if err != nil {
		return nil, err
	}
	return &describeVGWsOutput{Gateways: mapSlice(rs, s.vgwXML)}, nil
}

type attachVGWInput struct {
	VpcID string `ec2:"VpcId,required"`
	ID    string `ec2:"VpnGatewayId,required"`
}

type attachVGWOutput struct {
	meta
	Attachment attachmentXML `xml:"attachment"`
}

func (s *Server) attachVpnGateway(c *call, in *attachVGWInput) (*attachVGWOutput, error) {
	r, err := s.findVGW(c, in.ID)
	if err != nil {
		return nil, err
	}
	if _, err := s.findVPC(c, in.VpcID); err != nil {
		return nil, err
	}
	gateways := mapSlice(s.vgwsOf(c.scope()), func(r *vgwRec) vpn.Gateway { return r.g })
	g, err := r.g.Attach(in.VpcID, gateways, c.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	s.markUnsettled(g.ID())
	a, _ := g.Attachment()
	return &attachVGWOutput{Attachment: attachmentXML{string(a.State), a.VPCID}}, nil
}

func (s *Server) detachVpnGateway(c *call, in *attachVGWInput) (*returnOutput, error) {
	r, err := s.findVGW(c, in.ID)
	if err != nil {
		return nil, err
	}
	if err := ec2.VPC.ParseID(in.VpcID); err != nil {
		return nil, err
	}
	g, err := r.g.Detach(in.VpcID, c.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	s.markUnsettled(g.ID())
	return &returnOutput{Return: true}, nil
}

type vgwIDInput struct {
	ID string `ec2:"VpnGatewayId,required"`
}

func (s *Server) deleteVpnGateway(c *call, in *vgwIDInput) (*returnOutput, error) {
	r, err := s.findVGW(c, in.ID)
	if err != nil {
		return nil, err
	}
	wasDeleted := r.g.State() == status.StateDeleted
	g, err := r.g.Delete(s.connectionsOf(c.scope()), c.now)
	if err != nil {
		return nil, err
	}
	r.g = g
	if !wasDeleted {
		s.markDeleted(g.ID(), c.now)
	}
	return &returnOutput{Return: true}, nil
}

// VPN connections.

type valueArg struct {
	Value string `ec2:"Value"`
}

type intValueArg struct {
	Value int `ec2:"Value"`
}

type tunnelOptionsArg struct {
	TunnelInsideCidr           string        `ec2:"TunnelInsideCidr"`
	TunnelInsideIpv6Cidr       string        `ec2:"TunnelInsideIpv6Cidr"`
	PreSharedKey               string        `ec2:"PreSharedKey"`
	Phase1LifetimeSeconds      int           `ec2:"Phase1LifetimeSeconds"`
	Phase2LifetimeSeconds      int           `ec2:"Phase2LifetimeSeconds"`
	RekeyMarginTimeSeconds     int           `ec2:"RekeyMarginTimeSeconds"`
	RekeyFuzzPercentage        *int          `ec2:"RekeyFuzzPercentage"`
	ReplayWindowSize           int           `ec2:"ReplayWindowSize"`
	DPDTimeoutSeconds          int           `ec2:"DPDTimeoutSeconds"`
	DPDTimeoutAction           string        `ec2:"DPDTimeoutAction"`
	Phase1EncryptionAlgorithms []valueArg    `ec2:"Phase1EncryptionAlgorithm"`
	Phase2EncryptionAlgorithms []valueArg    `ec2:"Phase2EncryptionAlgorithm"`
	Phase1IntegrityAlgorithms  []valueArg    `ec2:"Phase1IntegrityAlgorithm"`
	Phase2IntegrityAlgorithms  []valueArg    `ec2:"Phase2IntegrityAlgorithm"`
	Phase1DHGroupNumbers       []intValueArg `ec2:"Phase1DHGroupNumber"`
	Phase2DHGroupNumbers       []intValueArg `ec2:"Phase2DHGroupNumber"`
	IKEVersions                []valueArg    `ec2:"IKEVersion"`
	StartupAction              string        `ec2:"StartupAction"`
}

func values[T ~string](vs []valueArg) []T {
	return mapSlice(vs, func(v valueArg) T { return T(v.Value) })
}

func (a tunnelOptionsArg) options() (vpn.TunnelOptions, error) {
	inside, err := parsePrefix("TunnelInsideCidr", a.TunnelInsideCidr)
	if err != nil {
		return vpn.TunnelOptions{}, err
	}
	inside6, err := parsePrefix("TunnelInsideIpv6Cidr", a.TunnelInsideIpv6Cidr)
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
		Phase1EncryptionAlgorithms: values[vpn.Encryption](a.Phase1EncryptionAlgorithms),
		Phase2EncryptionAlgorithms: values[vpn.Encryption](a.Phase2EncryptionAlgorithms),
		Phase1IntegrityAlgorithms:  values[vpn.Integrity](a.Phase1IntegrityAlgorithms),
		Phase2IntegrityAlgorithms:  values[vpn.Integrity](a.Phase2IntegrityAlgorithms),
		Phase1DHGroupNumbers:       mapSlice(a.Phase1DHGroupNumbers, func(v intValueArg) vpn.DHGroup { return vpn.DHGroup(v.Value) }),
		Phase2DHGroupNumbers:       mapSlice(a.Phase2DHGroupNumbers, func(v intValueArg) vpn.DHGroup { return vpn.DHGroup(v.Value) }),
		IKEVersions:                values[vpn.IKEVersion](a.IKEVersions),
		StartupAction:              vpn.StartupAction(a.StartupAction),
	}
	if a.RekeyFuzzPercentage != nil {
		o.RekeyFuzzPercentage = vpn.PercentOf(*a.RekeyFuzzPercentage)
	}
	return o, nil
}

type vpnOptionsArg struct {
	StaticRoutesOnly      bool               `ec2:"StaticRoutesOnly"`
	EnableAcceleration    bool               `ec2:"EnableAcceleration"`
	TunnelInsideIPVersion string             `ec2:"TunnelInsideIpVersion"`
	LocalIPv4NetworkCIDR  string             `ec2:"LocalIpv4NetworkCidr"`
	RemoteIPv4NetworkCIDR string             `ec2:"RemoteIpv4NetworkCidr"`
	LocalIPv6NetworkCIDR  string             `ec2:"LocalIpv6NetworkCidr"`
	RemoteIPv6NetworkCIDR string             `ec2:"RemoteIpv6NetworkCidr"`
	Tunnels               []tunnelOptionsArg `ec2:"TunnelOptions"`
}

func (a vpnOptionsArg) options() (vpn.Options, error) {
	o := vpn.Options{StaticRoutesOnly: a.StaticRoutesOnly, TunnelInsideIPVersion: vpn.IPVersion(a.TunnelInsideIPVersion)}
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
	for _, t := range a.Tunnels {
		to, err := t.options()
		if err != nil {
			return vpn.Options{}, err
		}
		o.Tunnels = append(o.Tunnels, to)
	}
	return o, nil
}

type createVPNInput struct {
	Type              string        `ec2:"Type"`
	CustomerGatewayID string        `ec2:"CustomerGatewayId,required"`
	VpnGatewayID      string        `ec2:"VpnGatewayId"`
	TransitGatewayID  string        `ec2:"TransitGatewayId"`
	Options           vpnOptionsArg `ec2:"Options"`
	TagSpecs          []tagSpec     `ec2:"TagSpecification"`
}

// XML shapes of VpnConnection.

type vpnXML struct {
	Configuration   string         `xml:"customerGatewayConfiguration,omitempty"`
	CustomerGateway string         `xml:"customerGatewayId"`
	Category        string         `xml:"category"`
	State           string         `xml:"state"`
	Type            string         `xml:"type"`
	ID              string         `xml:"vpnConnectionId"`
	VpnGateway      string         `xml:"vpnGatewayId,omitempty"`
	TransitGateway  string         `xml:"transitGatewayId,omitempty"`
	Options         vpnOptionsXML  `xml:"options"`
	Routes          []vpnRouteXML  `xml:"routes>item"`
	Telemetry       []telemetryXML `xml:"vgwTelemetry>item"`
	Tags            []tagXML       `xml:"tagSet>item"`
}

type vpnOptionsXML struct {
	EnableAcceleration    bool              `xml:"enableAcceleration"`
	StaticRoutesOnly      bool              `xml:"staticRoutesOnly"`
	LocalIPv4NetworkCIDR  string            `xml:"localIpv4NetworkCidr,omitempty"`
	RemoteIPv4NetworkCIDR string            `xml:"remoteIpv4NetworkCidr,omitempty"`
	LocalIPv6NetworkCIDR  string            `xml:"localIpv6NetworkCidr,omitempty"`
	RemoteIPv6NetworkCIDR string            `xml:"remoteIpv6NetworkCidr,omitempty"`
	TunnelInsideIPVersion string            `xml:"tunnelInsideIpVersion"`
	Tunnels               []tunnelOptionXML `xml:"tunnelOptionSet>item"`
}

type valueXML struct {
	Value string `xml:"value"`
}

type tunnelOptionXML struct {
	OutsideIPAddress       string     `xml:"outsideIpAddress"`
	TunnelInsideCidr       string     `xml:"tunnelInsideCidr,omitempty"`
	TunnelInsideIpv6Cidr   string     `xml:"tunnelInsideIpv6Cidr,omitempty"`
	PreSharedKey           string     `xml:"preSharedKey"`
	Phase1LifetimeSeconds  int        `xml:"phase1LifetimeSeconds,omitempty"`
	Phase2LifetimeSeconds  int        `xml:"phase2LifetimeSeconds,omitempty"`
	RekeyMarginTimeSeconds int        `xml:"rekeyMarginTimeSeconds,omitempty"`
	RekeyFuzzPercentage    *int       `xml:"rekeyFuzzPercentage,omitempty"`
	ReplayWindowSize       int        `xml:"replayWindowSize,omitempty"`
	DPDTimeoutSeconds      int        `xml:"dpdTimeoutSeconds,omitempty"`
	DPDTimeoutAction       string     `xml:"dpdTimeoutAction,omitempty"`
	Phase1Encryption       []valueXML `xml:"phase1EncryptionAlgorithmSet>item"`
	Phase2Encryption       []valueXML `xml:"phase2EncryptionAlgorithmSet>item"`
	Phase1Integrity        []valueXML `xml:"phase1IntegrityAlgorithmSet>item"`
	Phase2Integrity        []valueXML `xml:"phase2IntegrityAlgorithmSet>item"`
	Phase1DHGroups         []valueXML `xml:"phase1DHGroupNumberSet>item"`
	Phase2DHGroups         []valueXML `xml:"phase2DHGroupNumberSet>item"`
	IKEVersions            []valueXML `xml:"ikeVersionSet>item"`
	StartupAction          string     `xml:"startupAction,omitempty"`
}

type vpnRouteXML struct {
	DestinationCidrBlock string `xml:"destinationCidrBlock"`
	Source               string `xml:"source"`
	State                string `xml:"state"`
}

type telemetryXML struct {
	AcceptedRouteCount int    `xml:"acceptedRouteCount"`
	LastStatusChange   string `xml:"lastStatusChange,omitempty"`
	OutsideIPAddress   string `xml:"outsideIpAddress"`
	Status             string `xml:"status"`
	StatusMessage      string `xml:"statusMessage"`
}

func valuesXML[T any](vs []T) []valueXML {
	return mapSlice(vs, func(v T) valueXML { return valueXML{fmt.Sprint(v)} })
}

func prefixXML(p netip.Prefix) string {
	if !p.IsValid() {
		return ""
	}
	return p.String()
}

func (s *Server) vpnXML(r *vpnRec) vpnXML {
	c := r.c
	o := c.Options()
	x := vpnXML{
		CustomerGateway: c.CustomerGatewayID(), Category: c.Category(), State: string(c.State()),
		Type: string(c.Type()), ID: c.ID(), VpnGateway: c.VPNGatewayID(), TransitGateway: c.TransitGatewayID(),
		Options: vpnOptionsXML{
			StaticRoutesOnly:      o.StaticRoutesOnly,
			LocalIPv4NetworkCIDR:  prefixXML(o.LocalIPv4NetworkCIDR),
			RemoteIPv4NetworkCIDR: prefixXML(o.RemoteIPv4NetworkCIDR),
			LocalIPv6NetworkCIDR:  prefixXML(o.LocalIPv6NetworkCIDR),
			RemoteIPv6NetworkCIDR: prefixXML(o.RemoteIPv6NetworkCIDR),
			TunnelInsideIPVersion: string(c.TunnelInsideIPVersion()),
		},
		Tags: tagsXML(s.tagsOf(r.owner, c.ID())),
	}
	// EC2 includes the configuration only while pending or available.
	if st := c.State(); st == status.StatePending || st == status.StateAvailable {
		x.Configuration = c.CustomerGatewayConfiguration()
	}
	for i, t := range c.Tunnels() {
		tx := tunnelOptionXML{
			OutsideIPAddress: t.AWSOutsideAddress().String(),
			PreSharedKey:     t.PSK().Reveal(),
		}
		if i < len(r.given) {
			setTunnelOptionsXML(&tx, r.given[i], t.Options())
		}
		if t.InsideCIDR().Addr().Is4() {
			tx.TunnelInsideCidr = t.InsideCIDR().String()
		} else {
			tx.TunnelInsideIpv6Cidr = t.InsideCIDR().String()
		}
		x.Options.Tunnels = append(x.Options.Tunnels, tx)
		tel := t.Telemetry()
		x.Telemetry = append(x.Telemetry, telemetryXML{
			AcceptedRouteCount: tel.AcceptedRouteCount, LastStatusChange: timeXML(tel.LastStatusChange),
			OutsideIPAddress: t.AWSOutsideAddress().String(), Status: string(tel.Status), StatusMessage: tel.StatusMessage,
		})
	}
	for _, rt := range c.Routes() {
		x.Routes = append(x.Routes, vpnRouteXML{rt.DestinationCIDR.String(), rt.Source, string(rt.State)})
	}
	return x
}

// setTunnelOptionsXML fills in the options of a tunnel that its request
// set (given), with the values the connection holds (to).
func setTunnelOptionsXML(tx *tunnelOptionXML, given, to vpn.TunnelOptions) {
	ifSet := func(g, v int) int {
		if g == 0 {
			return 0
		}
		return v
	}
	tx.Phase1LifetimeSeconds = ifSet(given.Phase1LifetimeSeconds, to.Phase1LifetimeSeconds)
	tx.Phase2LifetimeSeconds = ifSet(given.Phase2LifetimeSeconds, to.Phase2LifetimeSeconds)
	tx.RekeyMarginTimeSeconds = ifSet(given.RekeyMarginTimeSeconds, to.RekeyMarginTimeSeconds)
	tx.ReplayWindowSize = ifSet(given.ReplayWindowSize, to.ReplayWindowSize)
	tx.DPDTimeoutSeconds = ifSet(given.DPDTimeoutSeconds, to.DPDTimeoutSeconds)
	if _, ok := given.RekeyFuzzPercentage.Value(); ok {
		fuzz, _ := to.RekeyFuzzPercentage.Value()
		tx.RekeyFuzzPercentage = &fuzz
	}
	if given.DPDTimeoutAction != "" {
		tx.DPDTimeoutAction = string(to.DPDTimeoutAction)
	}
	if given.StartupAction != "" {
		tx.StartupAction = string(to.StartupAction)
	}
	if len(given.Phase1EncryptionAlgorithms) > 0 {
		tx.Phase1Encryption = valuesXML(to.Phase1EncryptionAlgorithms)
	}
	if len(given.Phase2EncryptionAlgorithms) > 0 {
		tx.Phase2Encryption = valuesXML(to.Phase2EncryptionAlgorithms)
	}
	if len(given.Phase1IntegrityAlgorithms) > 0 {
		tx.Phase1Integrity = valuesXML(to.Phase1IntegrityAlgorithms)
	}
	if len(given.Phase2IntegrityAlgorithms) > 0 {
		tx.Phase2Integrity = valuesXML(to.Phase2IntegrityAlgorithms)
	}
	if len(given.Phase1DHGroupNumbers) > 0 {
		tx.Phase1DHGroups = valuesXML(to.Phase1DHGroupNumbers)
	}
	if len(given.Phase2DHGroupNumbers) > 0 {
		tx.Phase2DHGroups = valuesXML(to.Phase2DHGroupNumbers)
	}
	if len(given.IKEVersions) > 0 {
		tx.IKEVersions = valuesXML(to.IKEVersions)
	}
}

type vpnOutput struct {
	meta
	Connection vpnXML `xml:"vpnConnection"`
}

func (s *Server) createVpnConnection(c *call, in *createVPNInput) (*vpnOutput, error) {
	cg, err := s.findCGW(c, in.CustomerGatewayID)
	if err != nil {
		return nil, err
	}
	spec := vpn.Spec{Type: vpn.GatewayType(in.Type), CustomerGateway: cg.g, TransitGatewayID: in.TransitGatewayID}
	if in.VpnGatewayID != "" {
		g, err := s.findVGW(c, in.VpnGatewayID)
		if err != nil {
			return nil, err
		}
		spec.VPNGateway = g.g
	}
	if spec.Options, err = in.Options.options(); err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecs, "vpn-connection")
	if err != nil {
		return nil, err
	}
	if in.TransitGatewayID != "" && in.VpnGatewayID == "" && ec2.TransitGateway.IsID(in.TransitGatewayID) {
		// The emulator has no transit gateways: none exists for the caller.
		return nil, ec2.TransitGateway.NotFoundError(in.TransitGatewayID, nil)
	}
	conn, err := vpn.Create(spec, s.connectionsOf(c.scope()), s.random, c.now)
	if err != nil {
		return nil, err
	}
	r := &vpnRec{owner: c.scope(), c: conn, given: spec.Options.Tunnels}
	s.st.vpn.conns[conn.ID()] = r
	s.setTags(r.owner, conn.ID(), tags)
	s.markUnsettled(conn.ID())
	return &vpnOutput{Connection: s.vpnXML(r)}, nil
}

type describeVPNsInput struct {
	IDs     []string `ec2:"VpnConnectionId"`
	Filters []filter `ec2:"Filter"`
}

type describeVPNsOutput struct {
	meta
	Connections []vpnXML `xml:"vpnConnectionSet>item"`
}

var vpnFilters = filterFuncs[*vpnRec]{
	"customer-gateway-configuration": func(r *vpnRec) []string { return []string{r.c.CustomerGatewayConfiguration()} },
	"customer-gateway-id":            func(r *vpnRec) []string { return []string{r.c.CustomerGatewayID()} },
	"state":                          func(r *vpnRec) []string { return []string{string(r.c.State())} },
	"option.static-routes-only":      func(r *vpnRec) []string { return []string{strconv.FormatBool(r.c.StaticRoutesOnly())} },
	"route.destination-cidr-block": func(r *vpnRec) []string {
		return mapSlice(r.c.Routes(), func(rt vpn.Route) string { return rt.DestinationCIDR.String() })
	},
	"bgp-asn":            func(r *vpnRec) []string { return []string{strconv.FormatInt(r.c.CustomerGatewayASN(), 10)} },
	"type":               func(r *vpnRec) []string { return []string{string(r.c.Type())} },
	"vpn-connection-id":  func(r *vpnRec) []string { return []string{r.c.ID()} },
	"vpn-gateway-id":     func(r *vpnRec) []string { return []string{r.c.VPNGatewayID()} },
	"transit-gateway-id": func(r *vpnRec) []string { return []string{r.c.TransitGatewayID()} },
}

func (s *Server) describeVpnConnections(c *call, in *describeVPNsInput) (*describeVPNsOutput, error) {
	rs, err := describeFrom(s, c, in.IDs, in.Filters, vpnFilters, s.findVPN, s.vpnsOf,
		func(r *vpnRec) (scope, string) { return r.owner, r.c.ID() })
	if err != nil {
		return nil, err
	}
	return &describeVPNsOutput{Connections: mapSlice(rs, s.vpnXML)}, nil
}

type vpnIDInput struct {
	ID string `ec2:"VpnConnectionId,required"`
}

func (s *Server) deleteVpnConnection(c *call, in *vpnIDInput) (*returnOutput, error) {
	r, err := s.findVPN(c, in.ID)
	if err != nil {
		return nil, err
	}
	conn, err := r.c.Delete(c.now)
	if err != nil {
		return nil, err
	}
	if conn.State() != r.c.State() {
		s.markUnsettled(conn.ID())
	}
	r.c = conn
	return &returnOutput{Return: true}, nil
}

type vpnRouteInput struct {
	ID          string `ec2:"VpnConnectionId,required"`
	Destination string `ec2:"DestinationCidrBlock,required"`
}

func (s *Server) vpnRoute(c *call, in *vpnRouteInput, f func(vpn.Connection, netip.Prefix) (vpn.Connection, error)) (*returnOutput, error) {
	r, err := s.findVPN(c, in.ID)
	if err != nil {
		return nil, err
	}
	dest, err := route.ParseDestination("DestinationCidrBlock", in.Destination)
	if err != nil {
		return nil, err
	}
	conn, err := f(r.c, dest)
	if err != nil {
		return nil, err
	}
	r.c = conn
	s.markUnsettled(conn.ID())
	return &returnOutput{Return: true}, nil
}

func (s *Server) createVpnConnectionRoute(c *call, in *vpnRouteInput) (*returnOutput, error) {
	return s.vpnRoute(c, in, func(v vpn.Connection, p netip.Prefix) (vpn.Connection, error) { return v.CreateRoute(p, c.now) })
}

func (s *Server) deleteVpnConnectionRoute(c *call, in *vpnRouteInput) (*returnOutput, error) {
	return s.vpnRoute(c, in, func(v vpn.Connection, p netip.Prefix) (vpn.Connection, error) { return v.DeleteRoute(p, c.now) })
}

// Sample configurations.

type deviceTypesInput struct {
	page
}

type deviceTypeXML struct {
	Platform string `xml:"platform"`
	Software string `xml:"software"`
	Vendor   string `xml:"vendor"`
	ID       string `xml:"vpnConnectionDeviceTypeId"`
}

type deviceTypesOutput struct {
	meta
	Types     []deviceTypeXML `xml:"vpnConnectionDeviceTypeSet>item"`
	NextToken string          `xml:"nextToken,omitempty"`
}

func (s *Server) getVpnConnectionDeviceTypes(c *call, in *deviceTypesInput) (*deviceTypesOutput, error) {
	all := vpn.DeviceTypes()
	slices.SortFunc(all, func(a, b vpn.DeviceType) int { return strings.Compare(a.ID, b.ID) })
	pageOf, next, err := paginate(all, func(d vpn.DeviceType) string { return d.ID }, in.page, false, 200, 1000)
	if err != nil {
		return nil, err
	}
	out := &deviceTypesOutput{NextToken: next}
	for _, d := range pageOf {
		out.Types = append(out.Types, deviceTypeXML{d.Platform, d.Software, d.Vendor, d.ID})
	}
	return out, nil
}

type sampleConfigInput struct {
	ID           string `ec2:"VpnConnectionId,required"`
	DeviceTypeID string `ec2:"VpnConnectionDeviceTypeId,required"`
	IKEVersion   string `ec2:"InternetKeyExchangeVersion"`
	SampleType   string `ec2:"SampleType"`
}

type sampleConfigOutput struct {
	meta
	Configuration string `xml:"vpnConnectionDeviceSampleConfiguration"`
}

func (s *Server) getVpnConnectionDeviceSampleConfiguration(c *call, in *sampleConfigInput) (*sampleConfigOutput, error) {
	r, err := s.findVPN(c, in.ID)
	if err != nil {
		return nil, err
	}
	text, err := vpn.SampleConfiguration(r.c, in.DeviceTypeID, vpn.IKEVersion(in.IKEVersion))
	if err != nil {
		return nil, err
	}
	return &sampleConfigOutput{Configuration: text}, nil
}

// Hooks from route.go and vpc.go.

// vgwTargetInfo answers route.Resolver for a virtual private gateway of
// owner: it exists while not deleted, and serves the VPC it is attached to.
func (s *Server) vgwTargetInfo(owner scope, id string) (route.TargetInfo, bool) {
	r := s.st.vpn.vgws[id]
	if r == nil || r.owner != owner || r.g.State() != status.StateAvailable {
		return route.TargetInfo{}, false
	}
	if a, ok := r.g.Attachment(); ok && a.State == status.Attached {
		return route.TargetInfo{VPCIDs: []string{a.VPCID}}, true
	}
	return route.TargetInfo{}, true
}

// propagatedPrefixes returns the prefixes gateway id propagates into a table
// of vpcID: the available static routes of its available connections with a
// tunnel UP.
func (s *Server) propagatedPrefixes(c *call, owner scope, id, vpcID string) []netip.Prefix {
	var out []netip.Prefix
	for _, r := range s.vpnsOf(owner) {
		conn := r.c
		if conn.VPNGatewayID() != id || conn.State() != status.StateAvailable {
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

// vpcDeletableByVPN refuses to delete a VPC a gateway is bound to.
func (s *Server) vpcDeletableByVPN(c *call, v *vpc) error {
	for _, r := range s.vgwsOf(c.scope()) {
		if vpcID, ok := r.g.AttachedVPC(); ok && vpcID == v.id {
			return &ec2.Error{Code: ec2.DependencyViolation,
				Message: fmt.Sprintf("The vpc '%s' has dependencies and cannot be deleted.", v.id)}
		}
	}
	return nil
}
