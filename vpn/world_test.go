package vpn_test

import (
	"errors"
	"fmt"
	"net/netip"
	"reflect"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpn"
	"pgregory.net/rapid"
)

// A trio is one customer gateway, one VGW and one connection between them,
// as an emulator holds them; actions drive all three.
type trio struct {
	cgw  vpn.CustomerGateway
	vgw  vpn.Gateway
	conn vpn.Connection
}

// anyInstant draws an instant: mostly on a grid of nanoseconds around t0,
// where actions meet their boundaries, sometimes hours away (beyond the
// retention window), sometimes before t0.
func anyInstant(t *rapid.T, label string) time.Time {
	switch rapid.IntRange(0, 10).Draw(t, label+"Kind") {
	case 0:
		return t0.Add(time.Duration(rapid.Int64Range(-int64(48*time.Hour), int64(48*time.Hour)).Draw(t, label+"Far")))
	case 1:
		return t0.Add(time.Duration(rapid.IntRange(0, 3).Draw(t, label+"Hours")) * time.Hour)
	case 2: // where maintenance that became pending near t0 is due
		return t0.Add(vpn.MaintenanceWindow + time.Duration(rapid.IntRange(-2, 12).Draw(t, label+"Window")))
	}
	return t0.Add(time.Duration(rapid.IntRange(-2, 12).Draw(t, label)))
}

// anyText draws text that EC2 would take as a name or a tag: ASCII,
// markup, other scripts, control characters.
func anyText(maxLen int) *rapid.Generator[string] {
	return rapid.StringOfN(rapid.SampledFrom([]rune("abcXYZ019 -_.:/=+@<>&\"'\tÄé日本\u2028")), 0, maxLen, -1)
}

func anyTags(t *rapid.T) tag.Set {
	n := rapid.IntRange(0, 3).Draw(t, "tags")
	var ts []tag.Tag
	for i := range n {
		ts = append(ts, tag.Tag{Key: fmt.Sprintf("k%d%s", i, anyText(5).Draw(t, "tagKey")), Value: anyText(8).Draw(t, "tagValue")})
	}
	s, err := tag.NewSet(ts...)
	if err != nil {
		t.Fatalf("tag.NewSet: %v", err)
	}
	return s
}

// genTrio creates a customer gateway, a VGW and a connection (on the VGW,
// or on a transit gateway with IPv6 inside addresses) from random specs.
func genTrio(t *rapid.T) trio {
	r := seeded(rapid.Uint64().Draw(t, "seed"))
	created := t0.Add(time.Duration(rapid.IntRange(-2, 4).Draw(t, "created")))
	cspec := vpn.CustomerGatewaySpec{
		Type:       vpn.IPsec1,
		IPAddress:  netip.AddrFrom4([4]byte{198, 51, 100, byte(rapid.IntRange(1, 254).Draw(t, "cgwIP"))}),
		DeviceName: anyText(20).Draw(t, "device"),
		Tags:       anyTags(t),
	}
	switch rapid.IntRange(0, 2).Draw(t, "asnKind") {
	case 1:
		cspec.BGPASN = rapid.Int64Range(1, vpn.MaxBGPASN).Draw(t, "asn")
	case 2:
		cspec.BGPASNExtended = rapid.Int64Range(vpn.MinBGPASNExtended, vpn.MaxBGPASNExtended).Draw(t, "asnExt")
	}
	cgw, err := vpn.CreateCustomerGateway(cspec, r, created)
	if err != nil {
		t.Fatalf("CreateCustomerGateway: %v", err)
	}
	asn := int64(0)
	if rapid.Bool().Draw(t, "asn32") {
		asn = rapid.Int64Range(vpn.MinAmazonSideASN32, vpn.MaxAmazonSideASN32).Draw(t, "amazonASN")
	} else if rapid.Bool().Draw(t, "asn16") {
		asn = rapid.Int64Range(vpn.MinAmazonSideASN16, vpn.MaxAmazonSideASN16).Draw(t, "amazonASN")
	}
	vgw, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1, AmazonSideASN: asn,
		AvailabilityZone: anyText(12).Draw(t, "zone"), Tags: anyTags(t)}, r, created)
	if err != nil {
		t.Fatalf("CreateGateway: %v", err)
	}
	opts := vpn.Options{StaticRoutesOnly: rapid.Bool().Draw(t, "static")}
	opts.Tunnels = rapid.SliceOfN(tunnelOptions(), 0, 2).Draw(t, "tunnels")
	spec := vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: opts, Tags: anyTags(t),
		Quotas: vpn.Quotas{StaticRoutesPerConnection: rapid.IntRange(-1, 3).Draw(t, "routeQuota"),
			ConnectionsPerRegion: rapid.IntRange(0, 60).Draw(t, "regionQuota")}}
	if len(opts.Tunnels) > 0 && rapid.Bool().Draw(t, "giveCIDR") {
		opts.Tunnels[0].InsideCIDR = goodInsideCIDR().Draw(t, "cidr")
	}
	if rapid.IntRange(0, 3).Draw(t, "transit") == 0 {
		spec.VPNGateway = vpn.Gateway{}
		spec.TransitGatewayID = "tgw-0123456789abcdef0"
		spec.TransitGatewayASN = rapid.Int64Range(1, 1<<40).Draw(t, "tgwASN")
		if rapid.Bool().Draw(t, "ipv6") {
			spec.Options.TunnelInsideIPVersion = vpn.IPv6
			for i := range spec.Options.Tunnels {
				spec.Options.Tunnels[i].InsideCIDR = netip.Prefix{}
			}
			if len(opts.Tunnels) > 0 && rapid.Bool().Draw(t, "giveCIDR6") {
				spec.Options.Tunnels[0].InsideIPv6CIDR = mustPrefix("fd00:12::/126")
			}
		}
	}
	if spec.TransitGatewayID != "" && rapid.Bool().Draw(t, "large") {
		spec.Options.TunnelBandwidth = vpn.BandwidthLarge
	}
	if !spec.Options.StaticRoutesOnly && cgw.BGPASN() == vgw.AmazonSideASN() {
		spec.Options.StaticRoutesOnly = true
	}
	if !spec.Options.StaticRoutesOnly && spec.TransitGatewayID != "" && cgw.BGPASN() == spec.TransitGatewayASN {
		spec.TransitGatewayASN++
	}
	conn, err := vpn.Create(spec, nil, r, created)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return trio{cgw, vgw, conn}
}

// action is one step on a trio, drawn once so that it can be applied to
// two trios alike.
type action struct {
	kind    string
	at      time.Time
	vpc     string
	dest    netip.Prefix
	tunnel  int
	status  status.Telemetry
	routes  int
	tags    tag.Set
	withVGW bool // Delete of the customer gateway or VGW sees the connection
	change  vpn.TunnelOptions
	skip    bool // ModifyTunnelOptions: SkipTunnelReplacement; ReplaceTunnel: ApplyPendingMaintenance
}

// actionKinds lists each action once per unit of weight: settling and
// route and tunnel changes often, deletions rarely, so that runs reach
// routes, UP tunnels and attachments before everything is deleted.
var actionKinds = []string{
	"cgw.Delete", "cgw.WithTags",
	"vgw.Attach", "vgw.Attach", "vgw.Detach", "vgw.Settle", "vgw.Settle", "vgw.Delete", "vgw.WithTags",
	"conn.Settle", "conn.Settle", "conn.Settle", "conn.Delete",
	"conn.CreateRoute", "conn.CreateRoute", "conn.CreateRoute", "conn.DeleteRoute", "conn.DeleteRoute",
	"conn.SetTunnelStatus", "conn.SetTunnelStatus", "conn.SetTunnelStatus", "conn.WithTags",
	"conn.ModifyTunnelOptions", "conn.ModifyTunnelOptions", "conn.ReplaceTunnel", "conn.ModifyOptions",
}

// anyChange draws a tunnel options change: often lifecycle control alone,
// sometimes with other options, log options among them.
func anyChange(t *rapid.T) vpn.TunnelOptions {
	var ch vpn.TunnelOptions
	if rapid.Bool().Draw(t, "lifecycle?") {
		ch.EnableTunnelLifecycleControl = vpn.FlagOf(rapid.Bool().Draw(t, "lifecycle"))
	}
	switch rapid.IntRange(0, 3).Draw(t, "other") {
	case 1:
		ch.DPDTimeoutSeconds = rapid.SampledFrom([]int{29, 30, 45}).Draw(t, "dpd")
	case 2:
		ch.LogOptions = vpn.LogOptionsOf(vpn.CloudWatchLogOptions{LogEnabled: rapid.Bool().Draw(t, "logOn"),
			LogGroupARN: rapid.SampledFrom([]string{"", logGroup, "arn:aws:logs:bad"}).Draw(t, "arn")})
	case 3:
		ch.PreSharedKey = "changed.key_1"
	}
	return ch
}

func drawAction(t *rapid.T) action {
	return action{
		kind:    rapid.SampledFrom(actionKinds).Draw(t, "action"),
		at:      anyInstant(t, "at"),
		vpc:     rapid.SampledFrom([]string{"vpc-0123abcd", "vpc-89abcdef"}).Draw(t, "vpc"),
		dest:    rapid.SampledFrom([]netip.Prefix{mustPrefix("10.0.0.0/16"), mustPrefix("10.0.0.0/8"), mustPrefix("10.1.2.3/24"), mustPrefix("192.168.0.0/24")}).Draw(t, "dest"),
		tunnel:  rapid.SampledFrom([]int{0, 1, 0, 1, -1, 2}).Draw(t, "tunnel"),
		status:  rapid.SampledFrom([]status.Telemetry{status.Up, status.Up, status.Down, "SIDEWAYS"}).Draw(t, "status"),
		routes:  rapid.IntRange(-1, 7).Draw(t, "accepted"),
		tags:    anyTags(t),
		withVGW: rapid.Bool().Draw(t, "withConn"),
		change:  anyChange(t),
		skip:    rapid.Bool().Draw(t, "skip"),
	}
}

// apply performs a on w and returns the new trio and the error, as text
// with its EC2 code ("" when none).
func (w trio) apply(a action) (trio, string) {
	var err error
	conns := []vpn.Connection{}
	if a.withVGW {
		conns = append(conns, w.conn)
	}
	switch a.kind {
	case "cgw.Delete":
		w.cgw, err = w.cgw.Delete(conns, a.at)
	case "cgw.WithTags":
		w.cgw = w.cgw.WithTags(a.tags)
	case "vgw.Attach":
		w.vgw, err = w.vgw.Attach(a.vpc, []vpn.Gateway{w.vgw}, a.at)
	case "vgw.Detach":
		w.vgw, err = w.vgw.Detach(a.vpc, a.at)
	case "vgw.Settle":
		w.vgw = w.vgw.Settle(a.at)
	case "vgw.Delete":
		w.vgw, err = w.vgw.Delete(conns, a.at)
	case "vgw.WithTags":
		w.vgw = w.vgw.WithTags(a.tags)
	case "conn.Settle":
		w.conn = w.conn.Settle(a.at)
	case "conn.Delete":
		w.conn, err = w.conn.Delete(a.at)
	case "conn.CreateRoute":
		w.conn, err = w.conn.CreateRoute(a.dest, a.at)
	case "conn.DeleteRoute":
		w.conn, err = w.conn.DeleteRoute(a.dest, a.at)
	case "conn.SetTunnelStatus":
		w.conn, err = w.conn.SetTunnelStatus(a.tunnel, a.status, a.routes, a.at)
	case "conn.WithTags":
		w.conn = w.conn.WithTags(a.tags)
	case "conn.ModifyTunnelOptions":
		w.conn, err = w.conn.ModifyTunnelOptions(outsideOf(w.conn, a.tunnel), a.change, a.skip, conns, a.at)
	case "conn.ReplaceTunnel":
		w.conn, err = w.conn.ReplaceTunnel(outsideOf(w.conn, a.tunnel), a.skip, a.at)
	case "conn.ModifyOptions":
		w.conn, err = w.conn.ModifyOptions(vpn.OptionsChange{TunnelBandwidth: vpn.BandwidthStandard}, a.at)
	default:
		panic("unknown action " + a.kind)
	}
	if err == nil {
		return w, ""
	}
	var ve *vpn.Error
	if !errors.As(err, &ve) {
		return w, "untyped: " + err.Error()
	}
	return w, ve.ErrorCode() + " " + err.Error() + " / " + ve.ErrorMessage()
}

// outsideOf returns the outside address of c's tunnel i, or one of no
// tunnel when i is out of range.
func outsideOf(c vpn.Connection, i int) netip.Addr {
	if i < 0 || i > 1 {
		return netip.MustParseAddr("203.0.113.254")
	}
	return c.Tunnels()[i].AWSOutsideAddress()
}

// probes are the instants at which snapshots ask IsListed and settle.
var probes = []time.Duration{-time.Hour, 0, time.Nanosecond, 59 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour, 4 * time.Hour,
	vpn.MaintenanceWindow, vpn.MaintenanceWindow + 3*time.Nanosecond}

func listedAt(isListed func(time.Time) bool) []bool {
	var out []bool
	for _, p := range probes {
		out = append(out, isListed(t0.Add(p)))
	}
	return out
}

// cgwSnapshot is everything a CustomerGateway's accessors return.
type cgwSnapshot struct {
	Valid, Extended              bool
	ID, DeviceName, String, JSON string
	Type                         vpn.GatewayType
	ASN                          int64
	IP                           netip.Addr
	State                        status.State
	Tags                         []tag.Tag
	CreatedAt, DeletedAt         time.Time
	Deleted                      bool
	Listed                       []bool
}

func snapCGW(g vpn.CustomerGateway) cgwSnapshot {
	s := cgwSnapshot{Valid: g.IsValid(), Extended: g.IsASNExtended(), ID: g.ID(), DeviceName: g.DeviceName(),
		String: fmt.Sprintf("%v %+v %#v", g, g, g), Type: g.Type(), ASN: g.BGPASN(), IP: g.IPAddress(), State: g.State(),
		Tags: g.Tags().All(), CreatedAt: g.CreatedAt(), Listed: listedAt(g.IsListed)}
	s.DeletedAt, s.Deleted = g.DeletedAt()
	return s
}

// vgwSnapshot is everything a Gateway's accessors return.
type vgwSnapshot struct {
	Valid                bool
	ID, Zone, String     string
	Type                 vpn.GatewayType
	ASN                  int64
	State                status.State
	Attachment           vpn.Attachment
	Attached             bool
	VPC                  string
	Bound                bool
	Tags                 []tag.Tag
	CreatedAt, DeletedAt time.Time
	Deleted              bool
	Listed               []bool
	Settled              []vpn.Attachment // the attachment after Settle at each probe
}

func snapVGW(g vpn.Gateway) vgwSnapshot {
	s := vgwSnapshot{Valid: g.IsValid(), ID: g.ID(), Zone: g.AvailabilityZone(), String: fmt.Sprintf("%v %+v", g, g),
		Type: g.Type(), ASN: g.AmazonSideASN(), State: g.State(), Tags: g.Tags().All(), CreatedAt: g.CreatedAt(),
		Listed: listedAt(g.IsListed)}
	s.Attachment, s.Attached = g.Attachment()
	s.VPC, s.Bound = g.AttachedVPC()
	s.DeletedAt, s.Deleted = g.DeletedAt()
	for _, p := range probes {
		a, _ := g.Settle(t0.Add(p)).Attachment()
		s.Settled = append(s.Settled, a)
	}
	return s
}

// tunnelSnapshot is everything a Tunnel's accessors return.
type tunnelSnapshot struct {
	Valid                                    bool
	Outside, Customer, AWSInside, CustInside netip.Addr
	Inside                                   netip.Prefix
	Key, String                              string
	Options, Requested, Described            vpn.TunnelOptions
	IKE                                      []vpn.IKEVersion
	Allows                                   [2]bool
	Phase1, Phase2, Margin, DPD              time.Duration
	Fuzz, Replay                             int
	DPDAction                                vpn.DPDAction
	Startup                                  vpn.StartupAction
	Telemetry                                vpn.Telemetry
	Lifecycle                                bool
	Logs                                     vpn.CloudWatchLogOptions
	Maintenance                              vpn.Maintenance
}

func snapTunnel(t vpn.Tunnel) tunnelSnapshot {
	return tunnelSnapshot{
		Valid: t.IsValid(), Outside: t.AWSOutsideAddress(), Customer: t.CustomerOutsideAddress(),
		AWSInside: t.AWSInsideAddress(), CustInside: t.CustomerInsideAddress(), Inside: t.InsideCIDR(),
		Key: t.PSK().Reveal(), String: fmt.Sprintf("%v %+v %#v", t, t, t),
		Options: t.Options(), Requested: t.RequestedOptions(), Described: t.DescribedOptions(),
		IKE: t.IKEVersions(), Allows: [2]bool{t.AllowsIKEVersion(vpn.IKEv1), t.AllowsIKEVersion(vpn.IKEv2)},
		Phase1: t.Phase1Lifetime(), Phase2: t.Phase2Lifetime(), Margin: t.RekeyMargin(), DPD: t.DPDTimeout(),
		Fuzz: t.RekeyFuzzPercentage(), Replay: t.ReplayWindowSize(), DPDAction: t.DPDTimeoutAction(),
		Startup: t.StartupAction(), Telemetry: t.Telemetry(),
		Lifecycle: t.LifecycleControl(), Logs: t.LogOptions(), Maintenance: t.Maintenance(),
	}
}

// connSnapshot is everything a Connection's accessors return, and what
// Settle at each probe makes of it.
type connSnapshot struct {
	Valid, Static              bool
	ID, Category, CGWID, VGWID string
	TGWID, String, JSON, XML   string
	Type                       vpn.GatewayType
	State                      status.State
	CGWAddr                    netip.Addr
	CGWASN, AmazonASN          int64
	Association                status.GatewayAssociation
	Version                    vpn.IPVersion
	Options                    vpn.Options
	Tunnels                    [2]tunnelSnapshot
	Routes                     []vpn.StaticRoute
	Tags                       []tag.Tag
	CreatedAt, DeletedAt       time.Time
	Deleted                    bool
	Listed                     []bool
	Described                  string
	HasDescribed               bool
	Samples                    []string
	Settled                    []string // state and routes after Settle at each probe
}

// snapConn snapshots c; full adds the device sample configurations, which
// are slow to render.
func snapConn(c vpn.Connection, full bool) connSnapshot {
	js, err := c.MarshalJSON()
	s := connSnapshot{
		Valid: c.IsValid(), Static: c.StaticRoutesOnly(), ID: c.ID(), Category: c.Category(), CGWID: c.CustomerGatewayID(),
		VGWID: c.VPNGatewayID(), TGWID: c.TransitGatewayID(), String: fmt.Sprintf("%v %+v %#v %q", c, c, c, c),
		JSON: string(js) + fmt.Sprint(err), XML: c.CustomerGatewayConfiguration(), Type: c.Type(), State: c.State(),
		CGWAddr: c.CustomerGatewayAddress(), CGWASN: c.CustomerGatewayASN(), AmazonASN: c.AmazonSideASN(),
		Association: c.GatewayAssociationState(), Version: c.TunnelInsideIPVersion(), Options: c.Options(),
		Routes: c.Routes(), Tags: c.Tags().All(), CreatedAt: c.CreatedAt(), Listed: listedAt(c.IsListed),
	}
	for i, t := range c.Tunnels() {
		s.Tunnels[i] = snapTunnel(t)
	}
	s.DeletedAt, s.Deleted = c.DeletedAt()
	s.Described, s.HasDescribed = c.DescribedConfiguration()
	for _, d := range vpn.DeviceTypes() {
		if !full {
			break
		}
		for _, v := range []vpn.IKEVersion{"", vpn.IKEv1, vpn.IKEv2} {
			text, err := vpn.SampleConfiguration(c, d.ID, v)
			s.Samples = append(s.Samples, text+fmt.Sprint(err))
		}
	}
	for _, p := range probes {
		settled := c.Settle(t0.Add(p))
		tun := settled.Tunnels()
		s.Settled = append(s.Settled, fmt.Sprint(settled.State(), settled.Routes(), tun[0].Maintenance(), tun[0].Telemetry(),
			tun[1].Maintenance(), tun[1].Telemetry()))
	}
	return s
}

// snapshotOpts lets cmp look inside the values a snapshot holds.
var snapshotOpts = []cmp.Option{
	cmpopts.EquateComparable(netip.Addr{}, netip.Prefix{}, vpn.Percent{}, vpn.Flag{}, vpn.LogOptions{}),
}

// sameSnapshot fails t unless want and got are deeply equal: the same
// values and the same time representation (UTC, no monotonic reading).
func sameSnapshot(t tb, what string, want, got any) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s mismatch (-want +got):\n%s", what, cmp.Diff(want, got, snapshotOpts...))
	}
}
