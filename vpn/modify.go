package vpn

import (
	"errors"
	"net/netip"
	"strconv"
	"time"

	"github.com/vpclab/vpcmodel/status"
)

// OptionsChange is what ModifyVpnConnectionOptions changes: the traffic
// selectors, the local (customer) and remote (AWS) networks of each
// family, and the tunnel bandwidth. A zero field means "keep"; the zero
// value changes nothing. OptionsChange supports ==.
type OptionsChange struct {
	LocalIPv4       netip.Prefix // LocalIpv4NetworkCidr
	RemoteIPv4      netip.Prefix // RemoteIpv4NetworkCidr
	LocalIPv6       netip.Prefix // LocalIpv6NetworkCidr
	RemoteIPv6      netip.Prefix // RemoteIpv6NetworkCidr
	TunnelBandwidth Bandwidth    // TunnelBandwidth
}

// GatewayChange is what ModifyVpnConnection changes: a new customer
// gateway, a new virtual private gateway or a transit gateway; exactly one
// must be given. The zero value gives none (MissingParameter).
type GatewayChange struct {
	CustomerGateway  CustomerGateway // the new customer gateway, or the zero value
	VPNGateway       Gateway         // the new VGW, or the zero value
	TransitGatewayID string          // "tgw-…": refused, see [Connection.ModifyGateway]
}

// modifiable reports whether c may take a Modify action: only an available
// connection may. A connection already modifying gives
// InvalidVpnConnection.InvalidState wrapping [ErrModifying]; pending,
// deleting and deleted ones the same code wrapping [ErrState].
func (c Connection) modifiable(op string) *Error {
	switch {
	case !c.IsValid():
		return &Error{Op: op, Code: "InvalidParameterValue", Err: ErrInvalidValue}
	case c.state == status.StateModifying:
		return &Error{Op: op, ID: c.id, Value: string(c.state), Code: "InvalidVpnConnection.InvalidState", Err: ErrModifying}
	case c.state != status.StateAvailable:
		return &Error{Op: op, ID: c.id, Value: string(c.state), Code: "InvalidVpnConnection.InvalidState", Err: ErrState}
	}
	return nil
}

// withOp returns err with its Op set to op.
func withOp(err *Error, op string) *Error { err.Op = op; return err }

// Tunnel returns the tunnel whose AWS outside address is outside (EC2's
// VpnTunnelOutsideIpAddress), its index (0 or 1), and whether there is one.
func (c Connection) Tunnel(outside netip.Addr) (Tunnel, int, bool) {
	outside = outside.Unmap()
	for i, t := range c.tunnels {
		if t.IsValid() && t.outside == outside {
			return t, i, true
		}
	}
	return Tunnel{}, -1, false
}

// ModifyTunnelOptions changes the options of the tunnel whose AWS outside
// address is outside (ModifyVpnTunnelOptions). changes has
// [TunnelOptions]' shape with "keep" for "not given": every zero field
// keeps the tunnel's value, every set field replaces it, and the result is
// validated by the rules CreateVpnConnection applies ([TunnelOptions]),
// between fields too (a new phase 2 lifetime must stay below the phase 1
// lifetime the tunnel keeps). The options the request record holds
// ([Tunnel.RequestedOptions]) merge the same way, so Describe shows what
// was set at creation and by every modification since.
//
// A new inside CIDR must be of the connection's family
// (InvalidParameterCombination otherwise), differ from the other tunnel's
// (InvalidParameterValue, [ErrDuplicateCIDR]) and be unused by any other
// live connection in existing on the same VGW (for ipv6, the same transit
// gateway): InvalidCidr.InUse. A new pre-shared key follows [ValidatePSK].
//
// Only an available connection may be modified: a connection still
// modifying gives InvalidVpnConnection.InvalidState wrapping [ErrModifying]
// (decision in the package doc: one change at a time, as Terraform
// serialises them), pending, deleting or deleted ones the same code
// wrapping [ErrState]. An address that is neither tunnel's gives
// InvalidParameterValue wrapping [ErrTunnel].
//
// On success c becomes modifying, dated at now (or at c's latest change
// when now is earlier), and [Connection.Settle] at or after that instant
// makes it available again. Nothing random is drawn. What happens to the
// tunnel's endpoint (decision in the package doc):
//
//	request                                          endpoint
//	skipReplacement false                            replaced: outside address kept,
//	                                                 telemetry DOWN ("IPSEC IS DOWN")
//	                                                 until the device reconnects
//	                                                 ([Connection.SetTunnelStatus])
//	skipReplacement, only EnableTunnelLifecycleControl  not replaced; telemetry kept
//	skipReplacement, any other option                not replaced; the tunnel's
//	                                                 [Maintenance] becomes pending
//	                                                 (the change waits for the next
//	                                                 maintenance), AutoAppliedAfter
//	                                                 = the instant + [MaintenanceWindow]
//	                                                 (a deadline already set stays)
//	lifecycle control turned off while maintenance   replaced and the maintenance
//	  is pending (skipReplacement or not)            applied, LastApplied = the instant
//
// The new options are the tunnel's at once in every case: Describe, the
// configuration XML and the device configurations show them. A replacement
// leaves pending maintenance pending (only [Connection.ReplaceTunnel] with
// applyPending, turning lifecycle control off, or the deadline apply it);
// the other tunnel is untouched.
func (c Connection) ModifyTunnelOptions(outside netip.Addr, changes TunnelOptions, skipReplacement bool, existing []Connection, now time.Time) (Connection, error) {
	next, err := c.modifyTunnelOptions(outside, changes, skipReplacement, existing, now)
	if err != nil {
		return c, err
	}
	return next, nil
}

func (c Connection) modifyTunnelOptions(outside netip.Addr, changes TunnelOptions, skipReplacement bool, existing []Connection, now time.Time) (Connection, *Error) {
	const op = "modify-tunnel-options"
	if err := c.modifiable(op); err != nil {
		return c, err
	}
	t, i, ok := c.Tunnel(outside)
	if !ok {
		return c, c.noTunnel(op, outside)
	}
	v4 := c.options.TunnelInsideIPVersion == IPv4
	switch {
	case v4 && changes.InsideIPv6CIDR != (netip.Prefix{}):
		return c, withOp(combination("TunnelInsideIpv6Cidr", prefixString(changes.InsideIPv6CIDR), ErrCombination), op)
	case !v4 && changes.InsideCIDR != (netip.Prefix{}):
		return c, withOp(combination("TunnelInsideCidr", prefixString(changes.InsideCIDR), ErrCombination), op)
	}
	merged := mergeTunnelOptions(t.requested, changes)
	res, err := merged.resolve()
	if err != nil {
		return c, withOp(err, op)
	}
	inside, param := changes.InsideCIDR, "TunnelInsideCidr"
	if !v4 {
		inside, param = changes.InsideIPv6CIDR, "TunnelInsideIpv6Cidr"
	}
	if inside.IsValid() && inside != t.inside {
		if inside == c.tunnels[1-i].inside {
			return c, withOp(invalid(param, inside.String(), ErrDuplicateCIDR), op)
		}
		if gw, used := c.insideInUse(inside, existing); used {
			return c, &Error{Op: op, ID: gw, Param: param, Value: inside.String(), Code: "InvalidCidr.InUse", Err: ErrCIDRInUse}
		}
	}
	if !inside.IsValid() {
		inside = t.inside
	}
	if v4 {
		res.InsideCIDR = inside
	} else {
		res.InsideIPv6CIDR = inside
	}
	res.PreSharedKey = t.opts.PreSharedKey
	if changes.PreSharedKey != "" {
		res.PreSharedKey = changes.PreSharedKey
	}
	at := c.dated(now)
	controlled := t.LifecycleControl()
	t.opts, t.requested, t.inside = res, merged, inside
	switch {
	case controlled && !t.LifecycleControl() && t.maint.Pending:
		// Turning lifecycle control off hands pending maintenance back
		// to AWS, which applies it at once: no skipping.
		t.telemetry, t.maint = replaced(t.telemetry, at), t.maint.applied(at)
	case !skipReplacement:
		t.telemetry = replaced(t.telemetry, at)
	case changes.setsMoreThanLifecycleControl():
		t.maint = t.maint.pend(at)
	}
	c.tunnels[i] = t // c.tunnels is an array: the receiver's stays as it was
	c.state, c.changedAt = status.StateModifying, at
	return c, nil
}

// replaced returns tel as a replaced endpoint reports it from at: DOWN,
// "IPSEC IS DOWN", no routes; LastStatusChange moves only when the status
// changes, and never back.
func replaced(tel Telemetry, at time.Time) Telemetry {
	if tel.Status != status.Down {
		tel.LastStatusChange = latest(at, tel.LastStatusChange)
	}
	tel.Status, tel.StatusMessage, tel.AcceptedRouteCount = status.Down, "IPSEC IS DOWN", 0
	return tel
}

// insideInUse reports whether a live connection of existing other than c
// uses inside on c's gateway (the VGW, or for ipv6 the transit gateway),
// and names the gateway.
func (c Connection) insideInUse(inside netip.Prefix, existing []Connection) (string, bool) {
	return insideInUseOn(c.id, c.vpnGatewayID, c.transitGatewayID, c.options.TunnelInsideIPVersion, inside, existing)
}

func insideInUseOn(self, vgw, tgw string, v IPVersion, inside netip.Prefix, existing []Connection) (string, bool) {
	for _, o := range existing {
		if o.id == self || !o.state.IsLive() {
			continue
		}
		same := vgw != "" && o.vpnGatewayID == vgw || v == IPv6 && tgw != "" && o.transitGatewayID == tgw
		if same && (o.tunnels[0].inside == inside || o.tunnels[1].inside == inside) {
			if vgw != "" {
				return vgw, true
			}
			return tgw, true
		}
	}
	return "", false
}

// setsMoreThanLifecycleControl reports whether o sets an option other than
// EnableTunnelLifecycleControl.
func (o TunnelOptions) setsMoreThanLifecycleControl() bool {
	_, fuzz := o.RekeyFuzzPercentage.Value()
	_, logs := o.LogOptions.CloudWatch()
	return o.InsideCIDR.IsValid() || o.InsideIPv6CIDR.IsValid() || o.PreSharedKey != "" ||
		o.Phase1LifetimeSeconds != 0 || o.Phase2LifetimeSeconds != 0 || o.RekeyMarginTimeSeconds != 0 || fuzz ||
		o.ReplayWindowSize != 0 || o.DPDTimeoutSeconds != 0 || o.DPDTimeoutAction != "" || o.StartupAction != "" ||
		len(o.Phase1EncryptionAlgorithms) > 0 || len(o.Phase2EncryptionAlgorithms) > 0 ||
		len(o.Phase1IntegrityAlgorithms) > 0 || len(o.Phase2IntegrityAlgorithms) > 0 ||
		len(o.Phase1DHGroupNumbers) > 0 || len(o.Phase2DHGroupNumbers) > 0 || len(o.IKEVersions) > 0 || logs
}

// mergeTunnelOptions returns base with every field changes sets replaced.
func mergeTunnelOptions(base, changes TunnelOptions) TunnelOptions {
	m := base.clone()
	if changes.InsideCIDR.IsValid() {
		m.InsideCIDR = changes.InsideCIDR
	}
	if changes.InsideIPv6CIDR.IsValid() {
		m.InsideIPv6CIDR = changes.InsideIPv6CIDR
	}
	if changes.PreSharedKey != "" {
		m.PreSharedKey = changes.PreSharedKey
	}
	m.overlay(changes, changes)
	return m
}

// overlay sets each negotiation option (lifetimes, rekey, replay window,
// DPD, algorithms, DH groups, IKE versions, startup action), lifecycle
// control and the log options that set has to the value from holds; the others, and the inside CIDRs and key, are
// left as they are. Slices are copied.
func (o *TunnelOptions) overlay(set, from TunnelOptions) {
	pick := func(dst *int, given, v int) {
		if given != 0 {
			*dst = v
		}
	}
	pick(&o.Phase1LifetimeSeconds, set.Phase1LifetimeSeconds, from.Phase1LifetimeSeconds)
	pick(&o.Phase2LifetimeSeconds, set.Phase2LifetimeSeconds, from.Phase2LifetimeSeconds)
	pick(&o.RekeyMarginTimeSeconds, set.RekeyMarginTimeSeconds, from.RekeyMarginTimeSeconds)
	pick(&o.ReplayWindowSize, set.ReplayWindowSize, from.ReplayWindowSize)
	pick(&o.DPDTimeoutSeconds, set.DPDTimeoutSeconds, from.DPDTimeoutSeconds)
	if _, ok := set.RekeyFuzzPercentage.Value(); ok {
		o.RekeyFuzzPercentage = from.RekeyFuzzPercentage
	}
	if set.DPDTimeoutAction != "" {
		o.DPDTimeoutAction = from.DPDTimeoutAction
	}
	if set.StartupAction != "" {
		o.StartupAction = from.StartupAction
	}
	if _, ok := set.EnableTunnelLifecycleControl.Value(); ok {
		o.EnableTunnelLifecycleControl = from.EnableTunnelLifecycleControl
	}
	if _, ok := set.LogOptions.CloudWatch(); ok {
		o.LogOptions = from.LogOptions
	}
	if len(set.Phase1EncryptionAlgorithms) > 0 {
		o.Phase1EncryptionAlgorithms = clone(from.Phase1EncryptionAlgorithms)
	}
	if len(set.Phase2EncryptionAlgorithms) > 0 {
		o.Phase2EncryptionAlgorithms = clone(from.Phase2EncryptionAlgorithms)
	}
	if len(set.Phase1IntegrityAlgorithms) > 0 {
		o.Phase1IntegrityAlgorithms = clone(from.Phase1IntegrityAlgorithms)
	}
	if len(set.Phase2IntegrityAlgorithms) > 0 {
		o.Phase2IntegrityAlgorithms = clone(from.Phase2IntegrityAlgorithms)
	}
	if len(set.Phase1DHGroupNumbers) > 0 {
		o.Phase1DHGroupNumbers = clone(from.Phase1DHGroupNumbers)
	}
	if len(set.Phase2DHGroupNumbers) > 0 {
		o.Phase2DHGroupNumbers = clone(from.Phase2DHGroupNumbers)
	}
	if len(set.IKEVersions) > 0 {
		o.IKEVersions = clone(from.IKEVersions)
	}
}

// ModifyOptions changes the connection's traffic selectors and tunnel
// bandwidth (ModifyVpnConnectionOptions): each non-zero field of ch
// replaces the connection's value, CIDRs masked. The rules are
// CreateVpnConnection's: a CIDR of the other family than the connection's
// is InvalidParameterCombination, a malformed one InvalidParameterValue; a
// bandwidth other than standard and large is InvalidParameterValue, large
// on a connection without a transit gateway InvalidParameterCombination
// ([ErrNeedsTransitGateway]). The state rules are
// [Connection.ModifyTunnelOptions]'. A zero ch changes nothing and is not
// an error. Otherwise c becomes modifying, dated at now, and both tunnels
// go DOWN: EC2 provisions new endpoints for an options change, keeping the
// outside addresses and tunnel options.
func (c Connection) ModifyOptions(ch OptionsChange, now time.Time) (Connection, error) {
	const op = "modify-options"
	if err := c.modifiable(op); err != nil {
		return c, err
	}
	if ch == (OptionsChange{}) {
		return c, nil
	}
	v4 := c.options.TunnelInsideIPVersion == IPv4
	opts := c.options
	for _, f := range []struct {
		param  string
		given  netip.Prefix
		dst    *netip.Prefix
		family bool
		def    netip.Prefix
	}{
		{"LocalIpv4NetworkCidr", ch.LocalIPv4, &opts.LocalIPv4NetworkCIDR, v4, anyIPv4},
		{"RemoteIpv4NetworkCidr", ch.RemoteIPv4, &opts.RemoteIPv4NetworkCIDR, v4, anyIPv4},
		{"LocalIpv6NetworkCidr", ch.LocalIPv6, &opts.LocalIPv6NetworkCIDR, !v4, anyIPv6},
		{"RemoteIpv6NetworkCidr", ch.RemoteIPv6, &opts.RemoteIPv6NetworkCIDR, !v4, anyIPv6},
	} {
		if f.given == (netip.Prefix{}) {
			continue
		}
		p, err := checkNetworkCIDR(f.param, f.given, f.family, f.def)
		if err != nil {
			return c, withOp(err, op)
		}
		*f.dst = p
	}
	if ch.TunnelBandwidth != "" {
		b, err := resolveBandwidth(ch.TunnelBandwidth)
		if err != nil {
			return c, withOp(err, op)
		}
		opts.TunnelBandwidth = b
		if err := checkTransitOnly(opts, c.transitGatewayID); err != nil {
			return c, withOp(err, op)
		}
	}
	at := c.dated(now)
	c.options = opts
	for i := range c.tunnels {
		c.tunnels[i].telemetry = replaced(c.tunnels[i].telemetry, at)
	}
	c.state, c.changedAt = status.StateModifying, at
	return c, nil
}

// ModifyGateway moves the connection to another customer gateway or
// virtual private gateway (ModifyVpnConnection), keeping its outside
// addresses, tunnel options, keys and static routes. Exactly one gateway
// must be given: none is MissingParameter, more than one
// InvalidParameterCombination. The state rules are
// [Connection.ModifyTunnelOptions]'.
//
// A new customer gateway must be available (InvalidCustomerGatewayState)
// and not the current one (InvalidParameterValue); on a BGP connection its
// ASN must differ from the Amazon side ASN (AsnConflict); it may not pair
// with the connection's VGW when another live connection in existing
// already does (InvalidOption.Conflict, decision H.9).
//
// A new VGW must be available (InvalidVpnGatewayState) and not the current
// one (InvalidParameterValue); on a BGP connection its ASN must differ
// from the customer gateway's (AsnConflict); the pair must be new
// (InvalidOption.Conflict); the VGW must have room under
// ConnectionsPerGateway (VpnConnectionLimitExceeded); and neither tunnel's
// inside CIDR may be used by another live connection on it
// (InvalidCidr.InUse). The connection's Amazon side ASN becomes the VGW's.
//
// Moving to or from a transit gateway, which EC2 allows, is refused with
// UnsupportedOperation wrapping [ErrTransitGateway]: the model holds no
// transit gateways, so it cannot check what such a move depends on.
//
// On success c becomes modifying, dated at now, and both tunnels go DOWN
// until their devices reconnect: EC2 provisions new endpoints for a
// gateway change.
func (c Connection) ModifyGateway(ch GatewayChange, existing []Connection, now time.Time) (Connection, error) {
	next, err := c.modifyGateway(ch, existing, now)
	if err != nil {
		return c, err
	}
	return next, nil
}

func (c Connection) modifyGateway(ch GatewayChange, existing []Connection, now time.Time) (Connection, *Error) {
	const op = "modify"
	if err := c.modifiable(op); err != nil {
		return c, err
	}
	cg, vg, tg := ch.CustomerGateway.IsValid(), ch.VPNGateway.IsValid(), ch.TransitGatewayID != ""
	switch n := btoi(cg) + btoi(vg) + btoi(tg); {
	case n == 0:
		return c, &Error{Op: op, ID: c.id, Param: "CustomerGatewayId, VpnGatewayId or TransitGatewayId", Code: "MissingParameter", Err: ErrMissing}
	case n > 1:
		return c, &Error{Op: op, ID: c.id, Param: "VpnGatewayId", Code: "InvalidParameterCombination", Err: ErrCombination}
	case tg || vg && c.transitGatewayID != "":
		value := ch.TransitGatewayID
		if value == "" {
			value = c.transitGatewayID
		}
		return c, &Error{Op: op, ID: c.id, Param: "TransitGatewayId", Value: value, Code: "UnsupportedOperation", Err: ErrTransitGateway}
	}
	static := c.options.StaticRoutesOnly
	var others []Connection
	for _, o := range existing {
		if o.id != c.id && o.state.IsLive() {
			others = append(others, o)
		}
	}
	if cg {
		g := ch.CustomerGateway
		switch {
		case g.state != status.StateAvailable:
			return c, &Error{Op: op, ID: g.id, Value: string(g.state), Code: "InvalidCustomerGatewayState", Err: ErrState}
		case g.id == c.customerGatewayID:
			return c, &Error{Op: op, ID: c.id, Param: "CustomerGatewayId", Value: g.id, Code: "InvalidParameterValue", Err: ErrInvalidValue}
		case g.ip == c.tunnels[0].outside || g.ip == c.tunnels[1].outside:
			return c, &Error{Op: op, ID: g.id, Param: "CustomerGatewayId", Value: g.ip.String(), Code: "InvalidParameterValue", Err: ErrInvalidValue}
		case !static && g.asn == c.amazonASN:
			return c, &Error{Op: op, ID: g.id, Value: strconv.FormatInt(g.asn, 10), Code: "AsnConflict", Err: ErrASNConflict}
		}
		if c.vpnGatewayID != "" {
			for _, o := range others {
				if o.vpnGatewayID == c.vpnGatewayID && o.customerGatewayID == g.id {
					return c, &Error{Op: op, ID: o.id, Value: g.id + " and " + c.vpnGatewayID, Code: "InvalidOption.Conflict", Err: ErrConnectionExists}
				}
			}
		}
		c.customerGatewayID, c.customerIP, c.customerASN = g.id, g.ip, g.asn
		for i := range c.tunnels {
			c.tunnels[i].customer = g.ip
		}
	}
	if vg {
		g := ch.VPNGateway
		switch {
		case g.state != status.StateAvailable:
			return c, &Error{Op: op, ID: g.id, Value: string(g.state), Code: "InvalidVpnGatewayState", Err: ErrState}
		case g.id == c.vpnGatewayID:
			return c, &Error{Op: op, ID: c.id, Param: "VpnGatewayId", Value: g.id, Code: "InvalidParameterValue", Err: ErrInvalidValue}
		case !static && c.customerASN == g.asn:
			return c, &Error{Op: op, ID: c.customerGatewayID, Value: strconv.FormatInt(c.customerASN, 10), Code: "AsnConflict", Err: ErrASNConflict}
		}
		for _, o := range others {
			if o.vpnGatewayID == g.id && o.customerGatewayID == c.customerGatewayID {
				return c, &Error{Op: op, ID: o.id, Value: c.customerGatewayID + " and " + g.id, Code: "InvalidOption.Conflict", Err: ErrConnectionExists}
			}
		}
		if err := c.quotas.CheckConnections(g.id, others); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				e = &Error{Code: "InternalError", Err: err}
			}
			return c, withOp(e, op)
		}
		for _, t := range c.tunnels {
			if gw, used := insideInUseOn(c.id, g.id, "", c.options.TunnelInsideIPVersion, t.inside, others); used {
				return c, &Error{Op: op, ID: gw, Param: "TunnelInsideCidr", Value: t.inside.String(), Code: "InvalidCidr.InUse", Err: ErrCIDRInUse}
			}
		}
		c.vpnGatewayID, c.amazonASN = g.id, g.asn
	}
	at := c.dated(now)
	for i := range c.tunnels {
		c.tunnels[i].telemetry = replaced(c.tunnels[i].telemetry, at)
	}
	c.state, c.changedAt = status.StateModifying, at
	return c, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
