package vpn

import (
	"net/netip"
	"slices"
	"strconv"
)

var (
	insidePool4 = netip.MustParsePrefix("169.254.0.0/16")
	insidePool6 = netip.MustParsePrefix("fd00::/8")
	// reservedInside are the /30s EC2 refuses as tunnel inside CIDRs.
	reservedInside = []netip.Prefix{
		netip.MustParsePrefix("169.254.0.0/30"),
		netip.MustParsePrefix("169.254.1.0/30"),
		netip.MustParsePrefix("169.254.2.0/30"),
		netip.MustParsePrefix("169.254.3.0/30"),
		netip.MustParsePrefix("169.254.4.0/30"),
		netip.MustParsePrefix("169.254.5.0/30"),
		netip.MustParsePrefix("169.254.169.252/30"),
	}
	anyIPv4 = netip.MustParsePrefix("0.0.0.0/0")
	anyIPv6 = netip.MustParsePrefix("::/0")
)

// InsideCIDRPool returns the block tunnel inside CIDRs come from:
// 169.254.0.0/16 for ipv4, fd00::/8 for ipv6 (and for anything else).
func InsideCIDRPool(v IPVersion) netip.Prefix {
	if v == IPv4 || v == "" {
		return insidePool4
	}
	return insidePool6
}

// ReservedInsideCIDRs returns the seven /30s EC2 reserves inside
// 169.254.0.0/16: "The following CIDR blocks are reserved and cannot be
// used: 169.254.0.0/30, 169.254.1.0/30, 169.254.2.0/30, 169.254.3.0/30,
// 169.254.4.0/30, 169.254.5.0/30, 169.254.169.252/30".
func ReservedInsideCIDRs() []netip.Prefix { return slices.Clone(reservedInside) }

// ValidatePSK reports whether key is acceptable as a pre-shared key: 8 to 64
// characters, each a letter, digit, '.' or '_', the first not '0'. It
// returns an InvalidParameterValue *Error for PreSharedKey otherwise; the
// error never contains the key.
func ValidatePSK(key PSK) error {
	if !validPSK(string(key)) {
		return invalid("PreSharedKey", "", ErrPreSharedKey)
	}
	return nil
}

func validPSK(s string) bool {
	if len(s) < MinPSKLength || len(s) > MaxPSKLength || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isPSKByte(s[i]) {
			return false
		}
	}
	return true
}

func isPSKByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_'
}

func invalid(param, value string, err error) *Error {
	return &Error{Op: "create", Param: param, Value: value, Code: "InvalidParameterValue", Err: err}
}

func combination(param, value string, err error) *Error {
	return &Error{Op: "create", Param: param, Value: value, Code: "InvalidParameterCombination", Err: err}
}

// checkInsideCIDR4 applies the TunnelInsideCidr rules to p.
func checkInsideCIDR4(p netip.Prefix) *Error {
	const param = "TunnelInsideCidr"
	if !p.IsValid() || !p.Addr().Is4() || p.Bits() != 30 || p.Masked() != p || !insidePool4.Contains(p.Addr()) {
		return invalid(param, prefixString(p), ErrInsideCIDR)
	}
	if slices.Contains(reservedInside, p) {
		return invalid(param, p.String(), ErrReservedCIDR)
	}
	return nil
}

// checkInsideCIDR6 applies the TunnelInsideIpv6Cidr rules to p.
func checkInsideCIDR6(p netip.Prefix) *Error {
	if !p.IsValid() || !p.Addr().Is6() || p.Addr().Is4In6() || p.Addr().Zone() != "" ||
		p.Bits() != 126 || p.Masked() != p || !insidePool6.Contains(p.Addr()) {
		return invalid("TunnelInsideIpv6Cidr", prefixString(p), ErrInsideCIDR)
	}
	return nil
}

func prefixString(p netip.Prefix) string {
	if !p.IsValid() {
		return "invalid Prefix"
	}
	return p.String()
}

// Validate reports whether o breaks a rule of one tunnel's options, taken
// alone: each field's syntax and range, and the rules between fields of
// the same tunnel (phase 2 shorter than phase 1, the rekey margin, start
// needs IKEv2). Whether an inside CIDR suits the connection's IP version is
// [Options.Validate]'s business. The error is an InvalidParameterValue or
// InvalidParameterCombination *Error naming the parameter.
func (o TunnelOptions) Validate() error {
	if _, err := o.resolve(); err != nil {
		return err
	}
	return nil
}

// Validate reports whether o breaks a rule of CreateVpnConnection's options:
// the IP version, the network CIDRs of its family (the other family's are
// InvalidParameterCombination), at most two tunnels, each tunnel valid
// ([TunnelOptions.Validate]) with an inside CIDR of the connection's family,
// and two different inside CIDRs. Rules that need the gateways (IPv6 only on
// a transit gateway, CIDRs in use) are checked by [Create].
func (o Options) Validate() error {
	_, err := o.resolve()
	if err != nil {
		return err
	}
	return nil
}

// resolve validates o and returns it with every field but InsideCIDR,
// InsideIPv6CIDR and PreSharedKey filled in.
func (o TunnelOptions) resolve() (TunnelOptions, *Error) {
	r := o.clone()
	if o.InsideCIDR != (netip.Prefix{}) {
		if err := checkInsideCIDR4(o.InsideCIDR); err != nil {
			return r, err
		}
	}
	if o.InsideIPv6CIDR != (netip.Prefix{}) {
		if err := checkInsideCIDR6(o.InsideIPv6CIDR); err != nil {
			return r, err
		}
	}
	if o.PreSharedKey != "" && !validPSK(string(o.PreSharedKey)) {
		return r, invalid("PreSharedKey", "", ErrPreSharedKey)
	}
	num := func(param string, v *int, lo, hi, def int) *Error {
		if *v == 0 {
			*v = def
			return nil
		}
		if *v < lo || *v > hi {
			return invalid(param, strconv.Itoa(*v), ErrOutOfRange)
		}
		return nil
	}
	const unbounded = int(^uint(0) >> 1)
	if err := num("Phase1LifetimeSeconds", &r.Phase1LifetimeSeconds, MinPhase1LifetimeSeconds, MaxPhase1LifetimeSeconds, DefaultPhase1LifetimeSeconds); err != nil {
		return r, err
	}
	if err := num("Phase2LifetimeSeconds", &r.Phase2LifetimeSeconds, MinPhase2LifetimeSeconds, MaxPhase2LifetimeSeconds, DefaultPhase2LifetimeSeconds); err != nil {
		return r, err
	}
	if r.Phase2LifetimeSeconds >= r.Phase1LifetimeSeconds {
		return r, combination("Phase2LifetimeSeconds", strconv.Itoa(r.Phase2LifetimeSeconds), ErrCombination)
	}
	if err := num("RekeyMarginTimeSeconds", &r.RekeyMarginTimeSeconds, MinRekeyMarginTimeSeconds, unbounded, DefaultRekeyMarginSeconds); err != nil {
		return r, err
	}
	if 2*r.RekeyMarginTimeSeconds > r.Phase2LifetimeSeconds {
		return r, combination("RekeyMarginTimeSeconds", strconv.Itoa(r.RekeyMarginTimeSeconds), ErrCombination)
	}
	if n, ok := o.RekeyFuzzPercentage.Value(); !ok {
		r.RekeyFuzzPercentage = PercentOf(DefaultRekeyFuzzPercentage)
	} else if n < 0 || n > MaxRekeyFuzzPercentage {
		return r, invalid("RekeyFuzzPercentage", strconv.Itoa(n), ErrOutOfRange)
	}
	if err := num("ReplayWindowSize", &r.ReplayWindowSize, MinReplayWindowSize, MaxReplayWindowSize, DefaultReplayWindowSize); err != nil {
		return r, err
	}
	if err := num("DPDTimeoutSeconds", &r.DPDTimeoutSeconds, MinDPDTimeoutSeconds, unbounded, DefaultDPDTimeoutSeconds); err != nil {
		return r, err
	}
	switch {
	case o.DPDTimeoutAction == "":
		r.DPDTimeoutAction = DPDClear
	case !o.DPDTimeoutAction.IsValid():
		return r, invalid("DPDTimeoutAction", string(o.DPDTimeoutAction), ErrInvalidValue)
	}
	var err *Error
	if r.Phase1EncryptionAlgorithms, err = resolveList("Phase1EncryptionAlgorithms", o.Phase1EncryptionAlgorithms, encryptions, Encryption.String); err != nil {
		return r, err
	}
	if r.Phase2EncryptionAlgorithms, err = resolveList("Phase2EncryptionAlgorithms", o.Phase2EncryptionAlgorithms, encryptions, Encryption.String); err != nil {
		return r, err
	}
	if r.Phase1IntegrityAlgorithms, err = resolveList("Phase1IntegrityAlgorithms", o.Phase1IntegrityAlgorithms, integrities, Integrity.String); err != nil {
		return r, err
	}
	if r.Phase2IntegrityAlgorithms, err = resolveList("Phase2IntegrityAlgorithms", o.Phase2IntegrityAlgorithms, integrities, Integrity.String); err != nil {
		return r, err
	}
	if r.Phase1DHGroupNumbers, err = resolveList("Phase1DHGroupNumbers", o.Phase1DHGroupNumbers, phase1Groups, DHGroup.String); err != nil {
		return r, err
	}
	if r.Phase2DHGroupNumbers, err = resolveList("Phase2DHGroupNumbers", o.Phase2DHGroupNumbers, phase2Groups, DHGroup.String); err != nil {
		return r, err
	}
	if r.IKEVersions, err = resolveList("IKEVersions", o.IKEVersions, ikeVersions, IKEVersion.String); err != nil {
		return r, err
	}
	switch {
	case o.StartupAction == "":
		r.StartupAction = StartupAdd
	case !o.StartupAction.IsValid():
		return r, invalid("StartupAction", string(o.StartupAction), ErrInvalidValue)
	case o.StartupAction == StartupStart && !slices.Contains(r.IKEVersions, IKEv2):
		// AWS initiates over IKEv2 only: start needs IKEv2 among the
		// versions, and may keep IKEv1 for the device (decision in doc.go).
		return r, combination("StartupAction", string(o.StartupAction), ErrCombination)
	}
	if _, ok := o.EnableTunnelLifecycleControl.Value(); !ok {
		r.EnableTunnelLifecycleControl = FlagOf(false)
	}
	cw, _ := o.LogOptions.CloudWatch()
	cw, err = cw.resolve()
	if err != nil {
		return r, err
	}
	r.LogOptions = LogOptionsOf(cw)
	return r, nil
}

// checkNetworkCIDR applies the rules of a given local or remote network
// CIDR: one of the connection's family (family) whose address family is
// def's; it returns p masked.
func checkNetworkCIDR(param string, p netip.Prefix, family bool, def netip.Prefix) (netip.Prefix, *Error) {
	if !family {
		return p, combination(param, prefixString(p), ErrCombination)
	}
	if !p.IsValid() || p.Addr().Is4() != def.Addr().Is4() || p.Addr().Is4In6() || p.Addr().Zone() != "" {
		return p, invalid(param, prefixString(p), ErrInvalidValue)
	}
	return p.Masked(), nil
}

// resolveList checks every value of given against allowed and removes
// repeats; an empty list resolves to all of allowed. The result may be
// allowed itself: resolved lists are never modified in place, and every
// accessor hands out a copy.
func resolveList[T comparable](param string, given, allowed []T, str func(T) string) ([]T, *Error) {
	if len(given) == 0 {
		return allowed, nil
	}
	out := make([]T, 0, len(given))
	for _, v := range given {
		if !slices.Contains(allowed, v) {
			return nil, invalid(param, str(v), ErrInvalidValue)
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// resolve validates o and returns it with every connection-level field set
// and exactly two tunnel option sets, each resolved but for its inside CIDR
// and pre-shared key.
func (o Options) resolve() (Options, *Error) {
	r := o.clone()
	var err *Error
	switch o.TunnelInsideIPVersion {
	case "":
		r.TunnelInsideIPVersion = IPv4
	case IPv4, IPv6:
	default:
		return r, invalid("TunnelInsideIpVersion", string(o.TunnelInsideIPVersion), ErrInvalidValue)
	}
	switch o.OutsideIPAddressType {
	case "":
		r.OutsideIPAddressType = OutsidePublicIPv4
	case OutsidePublicIPv4, OutsidePrivateIPv4, OutsideIPv6:
	default:
		return r, invalid("OutsideIpAddressType", string(o.OutsideIPAddressType), ErrInvalidValue)
	}
	if r.TunnelBandwidth, err = resolveBandwidth(o.TunnelBandwidth); err != nil {
		return r, err
	}
	v4 := r.TunnelInsideIPVersion == IPv4
	net := func(param string, p *netip.Prefix, family bool, def netip.Prefix) *Error {
		if *p == (netip.Prefix{}) {
			if family {
				*p = def
			}
			return nil
		}
		q, err := checkNetworkCIDR(param, *p, family, def)
		*p = q
		return err
	}
	for _, n := range []struct {
		param  string
		p      *netip.Prefix
		family bool
		def    netip.Prefix
	}{
		{"LocalIpv4NetworkCidr", &r.LocalIPv4NetworkCIDR, v4, anyIPv4},
		{"RemoteIpv4NetworkCidr", &r.RemoteIPv4NetworkCIDR, v4, anyIPv4},
		{"LocalIpv6NetworkCidr", &r.LocalIPv6NetworkCIDR, !v4, anyIPv6},
		{"RemoteIpv6NetworkCidr", &r.RemoteIPv6NetworkCIDR, !v4, anyIPv6},
	} {
		if err := net(n.param, n.p, n.family, n.def); err != nil {
			return r, err
		}
	}
	if len(o.Tunnels) > 2 {
		return r, invalid("TunnelOptions", strconv.Itoa(len(o.Tunnels)), ErrTooManyTunnels)
	}
	tunnels := make([]TunnelOptions, 2)
	copy(tunnels, o.Tunnels)
	for i, t := range tunnels {
		rt, err := t.resolve()
		if err != nil {
			return r, err
		}
		if v4 && t.InsideIPv6CIDR != (netip.Prefix{}) {
			return r, combination("TunnelInsideIpv6Cidr", prefixString(t.InsideIPv6CIDR), ErrCombination)
		}
		// An IPv6-inside tunnel may name its IPv4 /30 too: each tunnel
		// of such a connection has both blocks.
		tunnels[i] = rt
	}
	if a, b := tunnels[0].InsideCIDR, tunnels[1].InsideCIDR; a.IsValid() && a == b {
		return r, invalid("TunnelInsideCidr", a.String(), ErrDuplicateCIDR)
	}
	if a, b := tunnels[0].InsideIPv6CIDR, tunnels[1].InsideIPv6CIDR; a.IsValid() && a == b {
		return r, invalid("TunnelInsideIpv6Cidr", a.String(), ErrDuplicateCIDR)
	}
	r.Tunnels = tunnels
	return r, nil
}

// resolveBandwidth checks a TunnelBandwidth; "" is standard.
func resolveBandwidth(b Bandwidth) (Bandwidth, *Error) {
	switch {
	case b == "":
		return BandwidthStandard, nil
	case !b.IsValid():
		return b, invalid("TunnelBandwidth", string(b), ErrInvalidValue)
	}
	return b, nil
}

// checkTransitOnly applies the rules of the options only a transit gateway
// takes: a large bandwidth, private or IPv6 outside addresses. tgw is the
// connection's transit gateway ("" for none).
func checkTransitOnly(o Options, tgw string) *Error {
	switch {
	case tgw == "" && o.EnableAcceleration:
		return combination("EnableAcceleration", "true", ErrNeedsTransitGateway)
	case tgw == "" && o.TunnelBandwidth == BandwidthLarge:
		return combination("TunnelBandwidth", string(o.TunnelBandwidth), ErrNeedsTransitGateway)
	case tgw == "" && o.OutsideIPAddressType != OutsidePublicIPv4:
		return combination("OutsideIpAddressType", string(o.OutsideIPAddressType), ErrNeedsTransitGateway)
	case o.OutsideIPAddressType == OutsidePrivateIPv4:
		// EC2 takes private outside addresses over a transit gateway
		// attachment (TransportTransitGatewayAttachmentId), which the
		// model does not hold.
		return &Error{Op: "create", ID: tgw, Param: "OutsideIpAddressType", Value: string(o.OutsideIPAddressType), Code: "UnsupportedOperation", Err: ErrNotModelled}
	case o.OutsideIPAddressType == OutsideIPv6:
		// IPv6 outside addresses need an IPv6 customer gateway; the
		// model's customer gateways are IPv4.
		return combination("OutsideIpAddressType", string(o.OutsideIPAddressType), ErrCombination)
	}
	return nil
}
