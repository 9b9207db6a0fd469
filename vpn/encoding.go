package vpn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// encodingVersion is the version MarshalBinary writes ("v" in the record)
// and the only one UnmarshalBinary reads.
const encodingVersion = 1

// The encoded form of each value is a JSON object, version first, whose
// fields are the records below in declaration order; times are RFC 3339 in
// UTC with nanoseconds, addresses and prefixes in netip's text form. Every
// field of the value is there, pre-shared keys included, so the form is a
// secret wherever the keys are.

type tagRecord struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type customerGatewayRecord struct {
	V          int         `json:"v"`
	ID         string      `json:"id"`
	Type       string      `json:"type"`
	BGPASN     int64       `json:"bgpAsn"`
	IPAddress  string      `json:"ipAddress"`
	DeviceName string      `json:"deviceName,omitempty"`
	State      string      `json:"state"`
	CreatedAt  string      `json:"createdAt"`
	DeletedAt  string      `json:"deletedAt,omitempty"`
	Tags       []tagRecord `json:"tags,omitempty"`
}

type attachmentRecord struct {
	VPCID     string `json:"vpcId"`
	State     string `json:"state"`
	ChangedAt string `json:"changedAt"`
}

type gatewayRecord struct {
	V                int               `json:"v"`
	ID               string            `json:"id"`
	Type             string            `json:"type"`
	AmazonSideASN    int64             `json:"amazonSideAsn"`
	AvailabilityZone string            `json:"availabilityZone,omitempty"`
	State            string            `json:"state"`
	Attachment       *attachmentRecord `json:"attachment,omitempty"`
	CreatedAt        string            `json:"createdAt"`
	DeletedAt        string            `json:"deletedAt,omitempty"`
	Tags             []tagRecord       `json:"tags,omitempty"`
}

type connectionOptionsRecord struct {
	StaticRoutesOnly      bool   `json:"staticRoutesOnly"`
	TunnelInsideIPVersion string `json:"tunnelInsideIpVersion"`
	LocalIPv4NetworkCIDR  string `json:"localIpv4NetworkCidr,omitempty"`
	RemoteIPv4NetworkCIDR string `json:"remoteIpv4NetworkCidr,omitempty"`
	LocalIPv6NetworkCIDR  string `json:"localIpv6NetworkCidr,omitempty"`
	RemoteIPv6NetworkCIDR string `json:"remoteIpv6NetworkCidr,omitempty"`
	// Absent from records written before the options existed: PublicIpv4
	// and standard.
	OutsideIPAddressType string `json:"outsideIpAddressType,omitempty"`
	TunnelBandwidth      string `json:"tunnelBandwidth,omitempty"`
	EnableAcceleration   bool   `json:"enableAcceleration,omitempty"`
}

// logOptionsRecord is a LogOptions that was given.
type logOptionsRecord struct {
	LogEnabled         bool      `json:"logEnabled,omitempty"`
	LogGroupARN        string    `json:"logGroupArn,omitempty"`
	LogOutputFormat    LogFormat `json:"logOutputFormat,omitempty"`
	BGPLogEnabled      bool      `json:"bgpLogEnabled,omitempty"`
	BGPLogGroupARN     string    `json:"bgpLogGroupArn,omitempty"`
	BGPLogOutputFormat LogFormat `json:"bgpLogOutputFormat,omitempty"`
}

// maintenanceRecord is a tunnel's Maintenance, absent when zero.
type maintenanceRecord struct {
	Pending          bool   `json:"pending,omitempty"`
	AutoAppliedAfter string `json:"autoAppliedAfter,omitempty"`
	LastApplied      string `json:"lastApplied,omitempty"`
}

// tunnelOptionsRecord is a TunnelOptions; an absent field is the zero value
// ("not given" in a request).
type tunnelOptionsRecord struct {
	InsideCIDR                 string        `json:"tunnelInsideCidr,omitempty"`
	InsideIPv6CIDR             string        `json:"tunnelInsideIpv6Cidr,omitempty"`
	PreSharedKey               string        `json:"preSharedKey,omitempty"`
	Phase1LifetimeSeconds      int           `json:"phase1LifetimeSeconds,omitempty"`
	Phase2LifetimeSeconds      int           `json:"phase2LifetimeSeconds,omitempty"`
	RekeyMarginTimeSeconds     int           `json:"rekeyMarginTimeSeconds,omitempty"`
	RekeyFuzzPercentage        *int          `json:"rekeyFuzzPercentage,omitempty"`
	ReplayWindowSize           int           `json:"replayWindowSize,omitempty"`
	DPDTimeoutSeconds          int           `json:"dpdTimeoutSeconds,omitempty"`
	DPDTimeoutAction           DPDAction     `json:"dpdTimeoutAction,omitempty"`
	Phase1EncryptionAlgorithms []Encryption  `json:"phase1EncryptionAlgorithms,omitempty"`
	Phase2EncryptionAlgorithms []Encryption  `json:"phase2EncryptionAlgorithms,omitempty"`
	Phase1IntegrityAlgorithms  []Integrity   `json:"phase1IntegrityAlgorithms,omitempty"`
	Phase2IntegrityAlgorithms  []Integrity   `json:"phase2IntegrityAlgorithms,omitempty"`
	Phase1DHGroupNumbers       []DHGroup     `json:"phase1DhGroupNumbers,omitempty"`
	Phase2DHGroupNumbers       []DHGroup     `json:"phase2DhGroupNumbers,omitempty"`
	IKEVersions                []IKEVersion  `json:"ikeVersions,omitempty"`
	StartupAction              StartupAction `json:"startupAction,omitempty"`
	// Absent from resolved options written before they existed: off, and
	// nothing logged.
	EnableTunnelLifecycleControl *bool             `json:"enableTunnelLifecycleControl,omitempty"`
	LogOptions                   *logOptionsRecord `json:"logOptions,omitempty"`
}

type telemetryRecord struct {
	Status             string `json:"status"`
	StatusMessage      string `json:"statusMessage"`
	LastStatusChange   string `json:"lastStatusChange"`
	AcceptedRouteCount int    `json:"acceptedRouteCount"`
}

type tunnelRecord struct {
	OutsideIPAddress string              `json:"outsideIpAddress"`
	Options          tunnelOptionsRecord `json:"options"`
	Requested        tunnelOptionsRecord `json:"requested,omitzero"`
	Telemetry        telemetryRecord     `json:"telemetry"`
	Maintenance      *maintenanceRecord  `json:"maintenance,omitempty"`
}

type routeRecord struct {
	DestinationCIDR string `json:"destinationCidrBlock"`
	Source          string `json:"source"`
	State           string `json:"state"`
	ChangedAt       string `json:"changedAt"`
}

type quotasRecord struct {
	CustomerGatewaysPerRegion int `json:"customerGatewaysPerRegion,omitempty"`
	GatewaysPerRegion         int `json:"gatewaysPerRegion,omitempty"`
	ConnectionsPerRegion      int `json:"connectionsPerRegion,omitempty"`
	ConnectionsPerGateway     int `json:"connectionsPerGateway,omitempty"`
	StaticRoutesPerConnection int `json:"staticRoutesPerConnection,omitempty"`
}

type connectionRecord struct {
	V                      int                     `json:"v"`
	ID                     string                  `json:"id"`
	Type                   string                  `json:"type"`
	State                  string                  `json:"state"`
	CreatedAt              string                  `json:"createdAt"`
	ChangedAt              string                  `json:"changedAt"`
	CustomerGatewayID      string                  `json:"customerGatewayId"`
	CustomerGatewayAddress string                  `json:"customerGatewayAddress"`
	CustomerGatewayASN     int64                   `json:"customerGatewayAsn"`
	VPNGatewayID           string                  `json:"vpnGatewayId,omitempty"`
	TransitGatewayID       string                  `json:"transitGatewayId,omitempty"`
	AmazonSideASN          int64                   `json:"amazonSideAsn"`
	Options                connectionOptionsRecord `json:"options"`
	Tunnels                []tunnelRecord          `json:"tunnels"`
	Routes                 []routeRecord           `json:"routes,omitempty"`
	Tags                   []tagRecord             `json:"tags,omitempty"`
	Quotas                 quotasRecord            `json:"quotas,omitzero"`
}

// encoder turns a value into its record, keeping the first error.
type encoder struct {
	op, id string
	err    *Error
}

// time formats t for field. RFC 3339 has four-digit years, so an instant
// outside years 0–9999 cannot be encoded (as with time.Time.MarshalText).
func (e *encoder) time(field string, t time.Time) string {
	if y := t.Year(); y < 0 || y > 9999 {
		if e.err == nil {
			e.err = &Error{Op: e.op, ID: e.id, Param: field, Value: strconv.Itoa(y), Code: "InvalidParameterValue", Err: ErrOutOfRange}
		}
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func (e *encoder) optionalTime(field string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return e.time(field, t)
}

func tagsRecord(s tag.Set) []tagRecord {
	var out []tagRecord
	for _, t := range s.All() {
		out = append(out, tagRecord{t.Key, t.Value})
	}
	return out
}

func prefixText(p netip.Prefix) string {
	if !p.IsValid() {
		return ""
	}
	return p.String()
}

func tunnelOptionsRecordOf(o TunnelOptions) tunnelOptionsRecord {
	r := tunnelOptionsRecord{
		InsideCIDR:                 prefixText(o.InsideCIDR),
		InsideIPv6CIDR:             prefixText(o.InsideIPv6CIDR),
		PreSharedKey:               o.PreSharedKey.Reveal(),
		Phase1LifetimeSeconds:      o.Phase1LifetimeSeconds,
		Phase2LifetimeSeconds:      o.Phase2LifetimeSeconds,
		RekeyMarginTimeSeconds:     o.RekeyMarginTimeSeconds,
		ReplayWindowSize:           o.ReplayWindowSize,
		DPDTimeoutSeconds:          o.DPDTimeoutSeconds,
		DPDTimeoutAction:           o.DPDTimeoutAction,
		Phase1EncryptionAlgorithms: o.Phase1EncryptionAlgorithms,
		Phase2EncryptionAlgorithms: o.Phase2EncryptionAlgorithms,
		Phase1IntegrityAlgorithms:  o.Phase1IntegrityAlgorithms,
		Phase2IntegrityAlgorithms:  o.Phase2IntegrityAlgorithms,
		Phase1DHGroupNumbers:       o.Phase1DHGroupNumbers,
		Phase2DHGroupNumbers:       o.Phase2DHGroupNumbers,
		IKEVersions:                o.IKEVersions,
		StartupAction:              o.StartupAction,
	}
	if n, ok := o.RekeyFuzzPercentage.Value(); ok {
		r.RekeyFuzzPercentage = &n
	}
	if on, ok := o.EnableTunnelLifecycleControl.Value(); ok {
		r.EnableTunnelLifecycleControl = &on
	}
	if cw, ok := o.LogOptions.CloudWatch(); ok {
		lr := logOptionsRecord(cw)
		r.LogOptions = &lr
	}
	return r
}

func marshal(v any, e *encoder) ([]byte, error) {
	if e.err != nil {
		return nil, e.err
	}
	b, err := json.Marshal(v)
	if err != nil { // not reached: the records hold only strings, numbers and lists
		return nil, &Error{Op: e.op, ID: e.id, Code: "InternalError", Err: fmt.Errorf("%w: %v", ErrEncoding, err)}
	}
	return b, nil
}

// MarshalBinary encodes g losslessly, as a versioned JSON object
// ({"v":1,"id":"cgw-…",…}), for [CustomerGateway.UnmarshalBinary]. The
// output is a function of g alone. The zero CustomerGateway and an instant
// outside years 0–9999 give an InvalidParameterValue *Error.
func (g CustomerGateway) MarshalBinary() ([]byte, error) {
	const op = "marshal-customer-gateway"
	if !g.IsValid() {
		return nil, &Error{Op: op, Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	e := &encoder{op: op, id: g.id}
	return marshal(customerGatewayRecord{
		V:          encodingVersion,
		ID:         g.id,
		Type:       string(g.typ),
		BGPASN:     g.asn,
		IPAddress:  g.ip.String(),
		DeviceName: g.deviceName,
		State:      string(g.state),
		CreatedAt:  e.time("createdAt", g.createdAt),
		DeletedAt:  e.optionalTime("deletedAt", g.deletedAt),
		Tags:       tagsRecord(g.tags),
	}, e)
}

// MarshalBinary encodes g losslessly, as a versioned JSON object
// ({"v":1,"id":"vgw-…",…}), for [Gateway.UnmarshalBinary]: the attachment
// and the instant its state began included. The output is a function of g
// alone. The zero Gateway and an instant outside years 0–9999 give an
// InvalidParameterValue *Error.
func (g Gateway) MarshalBinary() ([]byte, error) {
	const op = "marshal-vpn-gateway"
	if !g.IsValid() {
		return nil, &Error{Op: op, Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	e := &encoder{op: op, id: g.id}
	r := gatewayRecord{
		V:                encodingVersion,
		ID:               g.id,
		Type:             string(g.typ),
		AmazonSideASN:    g.asn,
		AvailabilityZone: g.zone,
		State:            string(g.state),
		CreatedAt:        e.time("createdAt", g.createdAt),
		DeletedAt:        e.optionalTime("deletedAt", g.deletedAt),
		Tags:             tagsRecord(g.tags),
	}
	if g.attachment.VPCID != "" {
		r.Attachment = &attachmentRecord{g.attachment.VPCID, string(g.attachment.State), e.time("attachment.changedAt", g.attachmentChangedAt)}
	}
	return marshal(r, e)
}

// MarshalBinary encodes c losslessly, as a versioned JSON object
// ({"v":1,"id":"vpn-…",…}), for [Connection.UnmarshalBinary]: both tunnels
// with their pre-shared keys, resolved and requested options and telemetry,
// the static routes with the instants their steps began, options, tags,
// quotas, times and state. Unlike [Connection.MarshalJSON], the output
// holds the keys: store it as a secret. It is a function of c alone. The
// zero Connection and an instant outside years 0–9999 give an
// InvalidParameterValue *Error.
func (c Connection) MarshalBinary() ([]byte, error) {
	const op = "marshal"
	if !c.IsValid() {
		return nil, &Error{Op: op, Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	e := &encoder{op: op, id: c.id}
	r := connectionRecord{
		V:                      encodingVersion,
		ID:                     c.id,
		Type:                   string(c.typ),
		State:                  string(c.state),
		CreatedAt:              e.time("createdAt", c.createdAt),
		ChangedAt:              e.time("changedAt", c.changedAt),
		CustomerGatewayID:      c.customerGatewayID,
		CustomerGatewayAddress: c.customerIP.String(),
		CustomerGatewayASN:     c.customerASN,
		VPNGatewayID:           c.vpnGatewayID,
		TransitGatewayID:       c.transitGatewayID,
		AmazonSideASN:          c.amazonASN,
		Options: connectionOptionsRecord{
			StaticRoutesOnly:      c.options.StaticRoutesOnly,
			TunnelInsideIPVersion: string(c.options.TunnelInsideIPVersion),
			LocalIPv4NetworkCIDR:  prefixText(c.options.LocalIPv4NetworkCIDR),
			RemoteIPv4NetworkCIDR: prefixText(c.options.RemoteIPv4NetworkCIDR),
			LocalIPv6NetworkCIDR:  prefixText(c.options.LocalIPv6NetworkCIDR),
			RemoteIPv6NetworkCIDR: prefixText(c.options.RemoteIPv6NetworkCIDR),
			OutsideIPAddressType:  string(c.options.OutsideIPAddressType),
			TunnelBandwidth:       string(c.options.TunnelBandwidth),
			EnableAcceleration:    c.options.EnableAcceleration,
		},
		Tags:   tagsRecord(c.tags),
		Quotas: quotasRecord(c.quotas),
	}
	for i, t := range c.tunnels {
		var m *maintenanceRecord
		if t.maint != (Maintenance{}) {
			m = &maintenanceRecord{
				Pending:          t.maint.Pending,
				AutoAppliedAfter: e.optionalTime(fmt.Sprintf("tunnels[%d].maintenance.autoAppliedAfter", i), t.maint.AutoAppliedAfter),
				LastApplied:      e.optionalTime(fmt.Sprintf("tunnels[%d].maintenance.lastApplied", i), t.maint.LastApplied),
			}
		}
		r.Tunnels = append(r.Tunnels, tunnelRecord{
			Maintenance:      m,
			OutsideIPAddress: t.outside.String(),
			Options:          tunnelOptionsRecordOf(t.opts),
			Requested:        tunnelOptionsRecordOf(t.requested),
			Telemetry: telemetryRecord{
				Status:             string(t.telemetry.Status),
				StatusMessage:      t.telemetry.StatusMessage,
				LastStatusChange:   e.time(fmt.Sprintf("tunnels[%d].telemetry.lastStatusChange", i), t.telemetry.LastStatusChange),
				AcceptedRouteCount: t.telemetry.AcceptedRouteCount,
			},
		})
	}
	for i, rt := range c.routes {
		r.Routes = append(r.Routes, routeRecord{
			DestinationCIDR: rt.DestinationCIDR.String(),
			Source:          rt.Source,
			State:           string(rt.State),
			ChangedAt:       e.time(fmt.Sprintf("routes[%d].changedAt", i), rt.changedAt),
		})
	}
	return marshal(r, e)
}

// decoder checks a record's fields, keeping the first error. Its errors
// never hold a pre-shared key.
type decoder struct {
	op, id string
	err    *Error
}

// fail records that field holds value, which breaks a rule.
func (d *decoder) fail(field, value string) {
	if d.err == nil {
		d.err = &Error{Op: d.op, ID: d.id, Param: field, Value: value, Code: "InvalidParameterValue", Err: ErrEncoding}
	}
}

// check fails field with value unless ok.
func (d *decoder) check(ok bool, field, value string) {
	if !ok {
		d.fail(field, value)
	}
}

// time parses a required RFC 3339 instant in UTC ("Z"): the form
// MarshalBinary writes. The result has no monotonic reading.
func (d *decoder) time(field, s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Location() != time.UTC {
		d.fail(field, s)
		return time.Time{}
	}
	return t
}

// optionalTime parses an instant that may be absent ("").
func (d *decoder) optionalTime(field, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return d.time(field, s)
}

// addr4 parses an IPv4 address in its canonical text.
func (d *decoder) addr4(field, s string) netip.Addr {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() || a.String() != s {
		d.fail(field, s)
		return netip.Addr{}
	}
	return a
}

// prefix parses an optional masked prefix in its canonical text, IPv4 when
// v4 and IPv6 (no zone, not IPv4-mapped) otherwise; "" is the zero Prefix.
func (d *decoder) prefix(field, s string, v4 bool) netip.Prefix {
	if s == "" {
		return netip.Prefix{}
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || p.String() != s || p.Masked() != p || p.Addr().Is4() != v4 || p.Addr().Is4In6() {
		d.fail(field, s)
		return netip.Prefix{}
	}
	return p
}

// id checks an ID of kind k; "" is allowed when optional.
func (d *decoder) resourceID(field, s string, k ec2.Kind, optional bool) {
	d.check(optional && s == "" || k.IsID(s), field, s)
}

func (d *decoder) tags(rs []tagRecord) tag.Set {
	ts := make([]tag.Tag, len(rs))
	for i, r := range rs {
		ts[i] = tag.Tag{Key: r.Key, Value: r.Value}
		if i > 0 && rs[i-1].Key >= r.Key {
			d.fail(fmt.Sprintf("tags[%d].key", i), r.Key)
			return tag.Set{}
		}
	}
	if len(ts) == 0 {
		return tag.Set{}
	}
	s, err := tag.NewSet(ts...)
	if err != nil {
		d.fail("tags", err.Error())
	}
	return s
}

// decodeRecord reads data into r, a pointer to a record: first its version,
// which must be encodingVersion, then every field, refusing fields the
// record does not have and anything after the object.
func decodeRecord(op string, data []byte, r any) *Error {
	bad := func(err error) *Error {
		return &Error{Op: op, Code: "InvalidParameterValue", Err: fmt.Errorf("%w: %v", ErrEncoding, err)}
	}
	var head struct {
		V json.RawMessage `json:"v"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return bad(err)
	}
	if v := string(head.V); v != strconv.Itoa(encodingVersion) {
		return &Error{Op: op, Param: "v", Value: v, Code: "InvalidParameterValue", Err: ErrVersion}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(r); err != nil {
		return bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad(fmt.Errorf("data after the object"))
	}
	return nil
}

// UnmarshalBinary decodes what [CustomerGateway.MarshalBinary] wrote into
// *g. It refuses, leaving *g unchanged, a version other than 1
// ([ErrVersion]) and anything [CreateCustomerGateway] and
// [CustomerGateway.Delete] could not have made ([ErrEncoding]): a malformed
// ID, an unknown type or state, an ASN, address or device name out of their
// rules, a time not in UTC, a deletion instant before creation or missing
// from a deleted gateway, tags out of order or invalid, an unknown field.
// Errors are InvalidParameterValue *Errors whose Param names the field.
func (g *CustomerGateway) UnmarshalBinary(data []byte) error {
	const op = "unmarshal-customer-gateway"
	var r customerGatewayRecord
	if err := decodeRecord(op, data, &r); err != nil {
		return err
	}
	d := &decoder{op: op, id: r.ID}
	d.resourceID("id", r.ID, ec2.CustomerGateway, false)
	d.check(GatewayType(r.Type).IsValid(), "type", r.Type)
	d.check(1 <= r.BGPASN && r.BGPASN <= MaxBGPASNExtended, "bgpAsn", strconv.FormatInt(r.BGPASN, 10))
	ip := d.addr4("ipAddress", r.IPAddress)
	d.check(!ip.IsUnspecified(), "ipAddress", r.IPAddress)
	d.check(utf8.ValidString(r.DeviceName) && utf8.RuneCountInString(r.DeviceName) <= MaxDeviceNameLength, "deviceName", r.DeviceName)
	state := status.State(r.State)
	d.check(state == status.StateAvailable || state == status.StateDeleted, "state", r.State)
	created := d.time("createdAt", r.CreatedAt)
	deleted := d.optionalTime("deletedAt", r.DeletedAt)
	d.check((state == status.StateDeleted) == (r.DeletedAt != "") && (r.DeletedAt == "" || !deleted.Before(created)), "deletedAt", r.DeletedAt)
	tags := d.tags(r.Tags)
	if d.err != nil {
		return d.err
	}
	*g = CustomerGateway{id: r.ID, typ: GatewayType(r.Type), asn: r.BGPASN, ip: ip, deviceName: r.DeviceName,
		state: state, tags: tags, createdAt: created, deletedAt: deleted}
	return nil
}

// UnmarshalBinary decodes what [Gateway.MarshalBinary] wrote into *g. It
// refuses, leaving *g unchanged, a version other than 1 ([ErrVersion]) and
// anything [CreateGateway] and the gateway's actions could not have made
// ([ErrEncoding]): a malformed ID or VPC ID, an unknown type, state or
// attachment state, an Amazon side ASN outside the private ranges, a time
// not in UTC or running back (attachment before creation, deletion before
// either), a deleted gateway still bound to a VPC or without its deletion
// instant, tags out of order or invalid, an unknown field. Errors are
// InvalidParameterValue *Errors whose Param names the field.
func (g *Gateway) UnmarshalBinary(data []byte) error {
	const op = "unmarshal-vpn-gateway"
	var r gatewayRecord
	if err := decodeRecord(op, data, &r); err != nil {
		return err
	}
	d := &decoder{op: op, id: r.ID}
	d.resourceID("id", r.ID, ec2.VPNGateway, false)
	d.check(GatewayType(r.Type).IsValid(), "type", r.Type)
	asn := r.AmazonSideASN
	d.check(MinAmazonSideASN16 <= asn && asn <= MaxAmazonSideASN16 || MinAmazonSideASN32 <= asn && asn <= MaxAmazonSideASN32,
		"amazonSideAsn", strconv.FormatInt(asn, 10))
	d.check(utf8.ValidString(r.AvailabilityZone), "availabilityZone", r.AvailabilityZone)
	state := status.State(r.State)
	d.check(state == status.StateAvailable || state == status.StateDeleted, "state", r.State)
	created := d.time("createdAt", r.CreatedAt)
	var att Attachment
	var attAt time.Time
	if a := r.Attachment; a != nil {
		d.resourceID("attachment.vpcId", a.VPCID, ec2.VPC, false)
		att = Attachment{VPCID: a.VPCID, State: status.Attachment(a.State)}
		d.check(att.State.IsValid(), "attachment.state", a.State)
		attAt = d.time("attachment.changedAt", a.ChangedAt)
		d.check(!attAt.Before(created), "attachment.changedAt", a.ChangedAt)
		d.check(state != status.StateDeleted || !att.State.IsLive(), "attachment.state", a.State)
	}
	deleted := d.optionalTime("deletedAt", r.DeletedAt)
	d.check((state == status.StateDeleted) == (r.DeletedAt != "") && (r.DeletedAt == "" || !deleted.Before(latest(created, attAt))), "deletedAt", r.DeletedAt)
	tags := d.tags(r.Tags)
	if d.err != nil {
		return d.err
	}
	*g = Gateway{id: r.ID, typ: GatewayType(r.Type), asn: asn, zone: r.AvailabilityZone, state: state,
		attachment: att, attachmentChangedAt: attAt, tags: tags, createdAt: created, deletedAt: deleted}
	return nil
}

// tunnelOptions converts r to TunnelOptions, checking the syntax of its
// CIDRs (of the family v4 or not) under field; the rules are resolve's.
func (d *decoder) tunnelOptions(field string, r tunnelOptionsRecord, v4 bool) TunnelOptions {
	o := TunnelOptions{
		InsideCIDR:                 d.prefix(field+".tunnelInsideCidr", r.InsideCIDR, true),
		InsideIPv6CIDR:             d.prefix(field+".tunnelInsideIpv6Cidr", r.InsideIPv6CIDR, false),
		PreSharedKey:               PSK(r.PreSharedKey),
		Phase1LifetimeSeconds:      r.Phase1LifetimeSeconds,
		Phase2LifetimeSeconds:      r.Phase2LifetimeSeconds,
		RekeyMarginTimeSeconds:     r.RekeyMarginTimeSeconds,
		ReplayWindowSize:           r.ReplayWindowSize,
		DPDTimeoutSeconds:          r.DPDTimeoutSeconds,
		DPDTimeoutAction:           r.DPDTimeoutAction,
		Phase1EncryptionAlgorithms: clone(r.Phase1EncryptionAlgorithms),
		Phase2EncryptionAlgorithms: clone(r.Phase2EncryptionAlgorithms),
		Phase1IntegrityAlgorithms:  clone(r.Phase1IntegrityAlgorithms),
		Phase2IntegrityAlgorithms:  clone(r.Phase2IntegrityAlgorithms),
		Phase1DHGroupNumbers:       clone(r.Phase1DHGroupNumbers),
		Phase2DHGroupNumbers:       clone(r.Phase2DHGroupNumbers),
		IKEVersions:                clone(r.IKEVersions),
		StartupAction:              r.StartupAction,
	}
	if r.RekeyFuzzPercentage != nil {
		o.RekeyFuzzPercentage = PercentOf(*r.RekeyFuzzPercentage)
	}
	if r.EnableTunnelLifecycleControl != nil {
		o.EnableTunnelLifecycleControl = FlagOf(*r.EnableTunnelLifecycleControl)
	}
	if r.LogOptions != nil {
		o.LogOptions = LogOptionsOf(CloudWatchLogOptions(*r.LogOptions))
	}
	if v4 {
		d.check(r.InsideIPv6CIDR == "", field+".tunnelInsideIpv6Cidr", r.InsideIPv6CIDR)
	}
	if o.PreSharedKey != "" && !validPSK(r.PreSharedKey) {
		d.fail(field+".preSharedKey", "") // never the key
	}
	if _, err := o.resolve(); err != nil {
		value := err.Value
		if err.Param == "PreSharedKey" {
			value = ""
		}
		d.fail(field+"."+recordField(err.Param), value)
	}
	return o
}

// recordField returns the record's name for a tunnel option's EC2
// parameter name: "Phase1DHGroupNumbers" → "phase1DhGroupNumbers",
// "LogGroupArn" → "logOptions.logGroupArn".
func recordField(param string) string {
	switch param {
	case "DPDTimeoutSeconds", "DPDTimeoutAction", "IKEVersions":
		return strings.ToLower(param[:3]) + param[3:]
	case "Phase1DHGroupNumbers", "Phase2DHGroupNumbers":
		return "phase" + param[5:6] + "DhGroupNumbers"
	case "":
		return param
	}
	if strings.HasPrefix(param, "Log") || strings.HasPrefix(param, "BgpLog") {
		return "logOptions." + strings.ToLower(param[:1]) + param[1:]
	}
	return strings.ToLower(param[:1]) + param[1:]
}

// sameResolved reports whether the resolved options a and b are equal.
func sameResolved(a, b TunnelOptions) bool {
	return a.InsideCIDR == b.InsideCIDR && a.InsideIPv6CIDR == b.InsideIPv6CIDR && a.PreSharedKey == b.PreSharedKey &&
		a.Phase1LifetimeSeconds == b.Phase1LifetimeSeconds && a.Phase2LifetimeSeconds == b.Phase2LifetimeSeconds &&
		a.RekeyMarginTimeSeconds == b.RekeyMarginTimeSeconds && a.RekeyFuzzPercentage == b.RekeyFuzzPercentage &&
		a.ReplayWindowSize == b.ReplayWindowSize && a.DPDTimeoutSeconds == b.DPDTimeoutSeconds &&
		a.DPDTimeoutAction == b.DPDTimeoutAction && a.StartupAction == b.StartupAction &&
		a.EnableTunnelLifecycleControl == b.EnableTunnelLifecycleControl && a.LogOptions == b.LogOptions &&
		slices.Equal(a.Phase1EncryptionAlgorithms, b.Phase1EncryptionAlgorithms) &&
		slices.Equal(a.Phase2EncryptionAlgorithms, b.Phase2EncryptionAlgorithms) &&
		slices.Equal(a.Phase1IntegrityAlgorithms, b.Phase1IntegrityAlgorithms) &&
		slices.Equal(a.Phase2IntegrityAlgorithms, b.Phase2IntegrityAlgorithms) &&
		slices.Equal(a.Phase1DHGroupNumbers, b.Phase1DHGroupNumbers) &&
		slices.Equal(a.Phase2DHGroupNumbers, b.Phase2DHGroupNumbers) &&
		slices.Equal(a.IKEVersions, b.IKEVersions)
}

// tunnel checks one tunnel record of a connection with the given customer
// address, IP version and routing, and returns the tunnel.
func (d *decoder) tunnel(i int, r tunnelRecord, customer netip.Addr, v4, static bool, created time.Time) Tunnel {
	field := fmt.Sprintf("tunnels[%d]", i)
	t := Tunnel{customer: customer}
	t.outside = d.addr4(field+".outsideIpAddress", r.OutsideIPAddress)
	d.check(t.outside != customer, field+".outsideIpAddress", r.OutsideIPAddress)

	// The resolved options: every field set and a fixed point of resolve,
	// the inside CIDR of the connection's family valid, a valid key.
	t.opts = d.tunnelOptions(field+".options", r.Options, v4)
	if r.Options.EnableTunnelLifecycleControl == nil {
		t.opts.EnableTunnelLifecycleControl = FlagOf(false)
	}
	if r.Options.LogOptions == nil {
		t.opts.LogOptions = LogOptionsOf(CloudWatchLogOptions{})
	}
	if res, err := t.opts.resolve(); err == nil && !sameResolved(res, t.opts) {
		d.fail(field+".options", "not resolved")
	}
	t.inside = t.opts.InsideCIDR
	if v4 {
		if err := checkInsideCIDR4(t.inside); err != nil {
			d.fail(field+".options.tunnelInsideCidr", r.Options.InsideCIDR)
		}
	} else {
		t.inside = t.opts.InsideIPv6CIDR
		if err := checkInsideCIDR6(t.inside); err != nil {
			d.fail(field+".options.tunnelInsideIpv6Cidr", r.Options.InsideIPv6CIDR)
		}
	}
	d.check(t.opts.PreSharedKey != "", field+".options.preSharedKey", "")

	// The requested options: valid for the family, and every option they
	// set is what the tunnel holds.
	q := d.tunnelOptions(field+".requested", r.Requested, v4)
	t.requested = q
	if res, err := q.resolve(); err == nil {
		given := func(name string, set, same bool) { d.check(!set || same, field+".requested."+name, "") }
		given("tunnelInsideCidr", q.InsideCIDR.IsValid(), q.InsideCIDR == t.opts.InsideCIDR)
		given("tunnelInsideIpv6Cidr", q.InsideIPv6CIDR.IsValid(), q.InsideIPv6CIDR == t.opts.InsideIPv6CIDR)
		given("preSharedKey", q.PreSharedKey != "", q.PreSharedKey == t.opts.PreSharedKey)
		given("phase1LifetimeSeconds", q.Phase1LifetimeSeconds != 0, res.Phase1LifetimeSeconds == t.opts.Phase1LifetimeSeconds)
		given("phase2LifetimeSeconds", q.Phase2LifetimeSeconds != 0, res.Phase2LifetimeSeconds == t.opts.Phase2LifetimeSeconds)
		given("rekeyMarginTimeSeconds", q.RekeyMarginTimeSeconds != 0, res.RekeyMarginTimeSeconds == t.opts.RekeyMarginTimeSeconds)
		_, fuzzSet := q.RekeyFuzzPercentage.Value()
		given("rekeyFuzzPercentage", fuzzSet, res.RekeyFuzzPercentage == t.opts.RekeyFuzzPercentage)
		given("replayWindowSize", q.ReplayWindowSize != 0, res.ReplayWindowSize == t.opts.ReplayWindowSize)
		given("dpdTimeoutSeconds", q.DPDTimeoutSeconds != 0, res.DPDTimeoutSeconds == t.opts.DPDTimeoutSeconds)
		given("dpdTimeoutAction", q.DPDTimeoutAction != "", res.DPDTimeoutAction == t.opts.DPDTimeoutAction)
		given("startupAction", q.StartupAction != "", res.StartupAction == t.opts.StartupAction)
		given("phase1EncryptionAlgorithms", q.Phase1EncryptionAlgorithms != nil, slices.Equal(res.Phase1EncryptionAlgorithms, t.opts.Phase1EncryptionAlgorithms))
		given("phase2EncryptionAlgorithms", q.Phase2EncryptionAlgorithms != nil, slices.Equal(res.Phase2EncryptionAlgorithms, t.opts.Phase2EncryptionAlgorithms))
		given("phase1IntegrityAlgorithms", q.Phase1IntegrityAlgorithms != nil, slices.Equal(res.Phase1IntegrityAlgorithms, t.opts.Phase1IntegrityAlgorithms))
		given("phase2IntegrityAlgorithms", q.Phase2IntegrityAlgorithms != nil, slices.Equal(res.Phase2IntegrityAlgorithms, t.opts.Phase2IntegrityAlgorithms))
		given("phase1DhGroupNumbers", q.Phase1DHGroupNumbers != nil, slices.Equal(res.Phase1DHGroupNumbers, t.opts.Phase1DHGroupNumbers))
		given("phase2DhGroupNumbers", q.Phase2DHGroupNumbers != nil, slices.Equal(res.Phase2DHGroupNumbers, t.opts.Phase2DHGroupNumbers))
		given("ikeVersions", q.IKEVersions != nil, slices.Equal(res.IKEVersions, t.opts.IKEVersions))
		_, lcSet := q.EnableTunnelLifecycleControl.Value()
		given("enableTunnelLifecycleControl", lcSet, res.EnableTunnelLifecycleControl == t.opts.EnableTunnelLifecycleControl)
		_, logSet := q.LogOptions.CloudWatch()
		given("logOptions", logSet, res.LogOptions == t.opts.LogOptions)
	}

	// The telemetry: a known status with the message SetTunnelStatus
	// writes for it, never before creation.
	tr := r.Telemetry
	tel := Telemetry{OutsideIPAddress: t.outside, Status: status.Telemetry(tr.Status), StatusMessage: tr.StatusMessage,
		AcceptedRouteCount: tr.AcceptedRouteCount}
	d.check(tel.Status.IsValid(), field+".telemetry.status", tr.Status)
	want, count := "IPSEC IS DOWN", 0
	switch {
	case tel.Status == status.Down:
	case static:
		want, count = "", tr.AcceptedRouteCount
	default:
		want, count = strconv.Itoa(tr.AcceptedRouteCount)+" BGP ROUTES", tr.AcceptedRouteCount
	}
	d.check(tr.StatusMessage == want, field+".telemetry.statusMessage", tr.StatusMessage)
	d.check(tr.AcceptedRouteCount == count && count >= 0, field+".telemetry.acceptedRouteCount", strconv.Itoa(tr.AcceptedRouteCount))
	tel.LastStatusChange = d.time(field+".telemetry.lastStatusChange", tr.LastStatusChange)
	d.check(!tel.LastStatusChange.Before(created), field+".telemetry.lastStatusChange", tr.LastStatusChange)
	t.telemetry = tel

	// The maintenance: a deadline exactly when pending, neither instant
	// before the window that began at creation at the earliest.
	if mr := r.Maintenance; mr != nil {
		mf := field + ".maintenance"
		t.maint = Maintenance{Pending: mr.Pending,
			AutoAppliedAfter: d.optionalTime(mf+".autoAppliedAfter", mr.AutoAppliedAfter),
			LastApplied:      d.optionalTime(mf+".lastApplied", mr.LastApplied)}
		d.check(t.maint != (Maintenance{}), mf, "")
		d.check(mr.Pending == (mr.AutoAppliedAfter != "") &&
			(!mr.Pending || !t.maint.AutoAppliedAfter.Before(created.Add(MaintenanceWindow))), mf+".autoAppliedAfter", mr.AutoAppliedAfter)
		d.check(mr.LastApplied == "" || !t.maint.LastApplied.Before(created), mf+".lastApplied", mr.LastApplied)
	}
	return t
}

// UnmarshalBinary decodes what [Connection.MarshalBinary] wrote into *c. It
// refuses, leaving *c unchanged, a version other than 1 ([ErrVersion]) and
// anything [Create] and the connection's actions could not have made
// ([ErrEncoding]), among them:
//
//   - a malformed connection, customer gateway, VGW or transit gateway ID,
//     or both gateways; an unknown type, state, IP version or route state;
//   - an ASN out of its range, or equal ASNs on a BGP connection;
//   - an address or prefix that is not canonical or not of its family, an
//     unmasked prefix, an inside CIDR that breaks the TunnelInsideCidr or
//     TunnelInsideIpv6Cidr rules, two tunnels with one inside CIDR;
//   - a pre-shared key that breaks the PSK rules; tunnel options that are
//     not fully resolved and valid, or requested options that disagree
//     with them;
//   - telemetry whose message is not the one its status gives;
//   - times not in UTC, or running back (a change before creation, a route
//     change after the deletion);
//   - routes on a connection that takes none, out of order, repeated, more
//     live ones than its quota, or left deleting on a deleted connection;
//   - tags out of order or invalid, an unknown field, data after the object.
//
// Errors are InvalidParameterValue *Errors whose Param names the field
// ("tunnels[1].options.phase2LifetimeSeconds"); their Value never holds a
// key.
func (c *Connection) UnmarshalBinary(data []byte) error {
	const op = "unmarshal"
	var r connectionRecord
	if err := decodeRecord(op, data, &r); err != nil {
		return err
	}
	d := &decoder{op: op, id: r.ID}
	d.resourceID("id", r.ID, ec2.VPNConnection, false)
	d.check(GatewayType(r.Type).IsValid(), "type", r.Type)
	state := status.State(r.State)
	d.check(state.IsValid(), "state", r.State)
	created := d.time("createdAt", r.CreatedAt)
	changed := d.time("changedAt", r.ChangedAt)
	deleting := state == status.StateDeleting || state == status.StateDeleted
	pending := state == status.StatePending
	d.check(!pending && !changed.Before(created) || pending && changed.Equal(created), "changedAt", r.ChangedAt)

	d.resourceID("customerGatewayId", r.CustomerGatewayID, ec2.CustomerGateway, false)
	customer := d.addr4("customerGatewayAddress", r.CustomerGatewayAddress)
	d.check(!customer.IsUnspecified(), "customerGatewayAddress", r.CustomerGatewayAddress)
	d.check(1 <= r.CustomerGatewayASN && r.CustomerGatewayASN <= MaxBGPASNExtended, "customerGatewayAsn", strconv.FormatInt(r.CustomerGatewayASN, 10))
	d.resourceID("vpnGatewayId", r.VPNGatewayID, ec2.VPNGateway, true)
	d.resourceID("transitGatewayId", r.TransitGatewayID, ec2.TransitGateway, true)
	d.check(r.VPNGatewayID == "" || r.TransitGatewayID == "", "transitGatewayId", r.TransitGatewayID)
	asn := r.AmazonSideASN
	if r.VPNGatewayID != "" {
		d.check(MinAmazonSideASN16 <= asn && asn <= MaxAmazonSideASN16 || MinAmazonSideASN32 <= asn && asn <= MaxAmazonSideASN32,
			"amazonSideAsn", strconv.FormatInt(asn, 10))
	} else {
		d.check(asn != 0, "amazonSideAsn", "0")
	}

	ro := r.Options
	static := ro.StaticRoutesOnly
	d.check(static || r.CustomerGatewayASN != asn, "customerGatewayAsn", strconv.FormatInt(r.CustomerGatewayASN, 10))
	version := IPVersion(ro.TunnelInsideIPVersion)
	d.check(version.IsValid(), "options.tunnelInsideIpVersion", ro.TunnelInsideIPVersion)
	d.check(version != IPv6 || r.TransitGatewayID != "", "options.tunnelInsideIpVersion", ro.TunnelInsideIPVersion)
	v4 := version == IPv4
	outsideType, bandwidth := OutsideAddressType(ro.OutsideIPAddressType), Bandwidth(ro.TunnelBandwidth)
	if ro.OutsideIPAddressType == "" {
		outsideType = OutsidePublicIPv4
	}
	if ro.TunnelBandwidth == "" {
		bandwidth = BandwidthStandard
	}
	d.check(outsideType.IsValid(), "options.outsideIpAddressType", ro.OutsideIPAddressType)
	d.check(bandwidth.IsValid(), "options.tunnelBandwidth", ro.TunnelBandwidth)
	opts := Options{
		StaticRoutesOnly:      static,
		TunnelInsideIPVersion: version,
		OutsideIPAddressType:  outsideType,
		TunnelBandwidth:       bandwidth,
		EnableAcceleration:    ro.EnableAcceleration,
		LocalIPv4NetworkCIDR:  d.prefix("options.localIpv4NetworkCidr", ro.LocalIPv4NetworkCIDR, true),
		RemoteIPv4NetworkCIDR: d.prefix("options.remoteIpv4NetworkCidr", ro.RemoteIPv4NetworkCIDR, true),
		LocalIPv6NetworkCIDR:  d.prefix("options.localIpv6NetworkCidr", ro.LocalIPv6NetworkCIDR, false),
		RemoteIPv6NetworkCIDR: d.prefix("options.remoteIpv6NetworkCidr", ro.RemoteIPv6NetworkCIDR, false),
	}
	for _, n := range []struct {
		field, text string
		family      bool
	}{
		{"options.localIpv4NetworkCidr", ro.LocalIPv4NetworkCIDR, v4},
		{"options.remoteIpv4NetworkCidr", ro.RemoteIPv4NetworkCIDR, v4},
		{"options.localIpv6NetworkCidr", ro.LocalIPv6NetworkCIDR, !v4},
		{"options.remoteIpv6NetworkCidr", ro.RemoteIPv6NetworkCIDR, !v4},
	} {
		d.check((n.text != "") == n.family, n.field, n.text)
	}
	if err := checkTransitOnly(opts, r.TransitGatewayID); err != nil {
		d.fail("options."+recordField(err.Param), err.Value)
	}

	var tunnels [2]Tunnel
	if len(r.Tunnels) != 2 {
		d.fail("tunnels", strconv.Itoa(len(r.Tunnels)))
	} else {
		for i, tr := range r.Tunnels {
			tunnels[i] = d.tunnel(i, tr, customer, v4, static, created)
		}
		d.check(tunnels[0].outside != tunnels[1].outside, "tunnels[1].outsideIpAddress", r.Tunnels[1].OutsideIPAddress)
		d.check(tunnels[0].inside != tunnels[1].inside, "tunnels[1].options", "inside cidr")
	}

	var routes []routeEntry
	if len(r.Routes) > 0 {
		d.check(static && r.VPNGatewayID != "" && state != status.StatePending, "routes", strconv.Itoa(len(r.Routes)))
		routes = make([]routeEntry, 0, len(r.Routes))
	}
	live := 0
	for i, rr := range r.Routes {
		field := fmt.Sprintf("routes[%d]", i)
		e := routeEntry{StaticRoute{DestinationCIDR: d.prefix(field+".destinationCidrBlock", rr.DestinationCIDR, true),
			Source: rr.Source, State: status.State(rr.State)}, d.time(field+".changedAt", rr.ChangedAt)}
		d.check(e.DestinationCIDR.IsValid(), field+".destinationCidrBlock", rr.DestinationCIDR)
		d.check(rr.Source == "Static", field+".source", rr.Source)
		d.check(e.State == status.StatePending || e.State == status.StateAvailable ||
			e.State == status.StateDeleting && state != status.StateDeleted, field+".state", rr.State)
		d.check(!e.changedAt.Before(created) && (!deleting || !e.changedAt.After(changed)), field+".changedAt", rr.ChangedAt)
		if i > 0 {
			prev := routes[i-1].DestinationCIDR
			x := prev.Addr().Compare(e.DestinationCIDR.Addr())
			d.check(x < 0 || x == 0 && prev.Bits() < e.DestinationCIDR.Bits(), field+".destinationCidrBlock", rr.DestinationCIDR)
		}
		if e.State.IsLive() {
			live++
		}
		routes = append(routes, e)
	}
	quotas := Quotas(r.Quotas)
	d.check(live <= quotas.Effective().StaticRoutesPerConnection, "routes", strconv.Itoa(live))
	tags := d.tags(r.Tags)
	if d.err != nil {
		return d.err
	}
	*c = Connection{
		id:                r.ID,
		typ:               GatewayType(r.Type),
		state:             state,
		customerGatewayID: r.CustomerGatewayID,
		customerIP:        customer,
		customerASN:       r.CustomerGatewayASN,
		vpnGatewayID:      r.VPNGatewayID,
		transitGatewayID:  r.TransitGatewayID,
		amazonASN:         asn,
		options:           opts,
		tunnels:           tunnels,
		routes:            routes,
		tags:              tags,
		quotas:            quotas,
		createdAt:         created,
		changedAt:         changed,
	}
	return nil
}
