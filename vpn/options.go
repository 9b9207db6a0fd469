package vpn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"strconv"
)

// Tunnel option limits and defaults, from the EC2 API reference for
// VpnTunnelOptionsSpecification and the Site-to-Site VPN User Guide
// ("Tunnel options for your Site-to-Site VPN connection").
const (
	MinPhase1LifetimeSeconds     = 900   // "A value between 900 and 28,800"
	MaxPhase1LifetimeSeconds     = 28800 //
	DefaultPhase1LifetimeSeconds = 28800 // "Default: 28800"
	MinPhase2LifetimeSeconds     = 900   // "A value between 900 and 3,600"; less than phase 1
	MaxPhase2LifetimeSeconds     = 3600  //
	DefaultPhase2LifetimeSeconds = 3600  // "Default: 3600"
	MinRekeyMarginTimeSeconds    = 60    // "A value between 60 and half of Phase2LifetimeSeconds"
	DefaultRekeyMarginSeconds    = 270   // "Default: 270" (spec decision H.7)
	MaxRekeyFuzzPercentage       = 100   // "A value between 0 and 100"
	DefaultRekeyFuzzPercentage   = 100   // "Default: 100"
	MinReplayWindowSize          = 64    // "A value between 64 and 2048"
	MaxReplayWindowSize          = 2048  //
	DefaultReplayWindowSize      = 1024  // "Default: 1024"
	MinDPDTimeoutSeconds         = 30    // "A value greater than or equal to 30"
	DefaultDPDTimeoutSeconds     = 30    // "Default: 30" (spec decision H.7)
	MinPSKLength                 = 8     // "between 8 and 64 characters in length"
	MaxPSKLength                 = 64    //
	GeneratedPSKLength           = 32    // EC2's generated keys are 32 characters
	BGPHoldTimeSeconds           = 30    // the hold time in AWS's generated configuration
)

// PSK is a tunnel's pre-shared key. It is a secret: formatting it with any
// fmt verb, String, GoString and JSON give "[redacted]" (or "" when the key
// is empty); only [PSK.Reveal] returns the key. The zero PSK means "not
// given" in [TunnelOptions].
type PSK string

const redacted = "[redacted]"

// Reveal returns the key itself. It is the one way to read a PSK.
func (k PSK) Reveal() string { return string(k) }

// IsZero reports whether k is empty.
func (k PSK) IsZero() bool { return k == "" }

// String returns "[redacted]", or "" for an empty key.
func (k PSK) String() string {
	if k == "" {
		return ""
	}
	return redacted
}

// GoString returns a redacted Go expression.
func (k PSK) GoString() string { return "vpn.PSK(" + strconv.Quote(k.String()) + ")" }

// Format writes the redacted form for every verb, so %v, %+v, %#v, %s, %q
// and %x never show the key.
func (k PSK) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		io.WriteString(f, strconv.Quote(k.String()))
	case 'v':
		if f.Flag('#') {
			io.WriteString(f, k.GoString())
			return
		}
		io.WriteString(f, k.String())
	default:
		io.WriteString(f, k.String())
	}
}

// MarshalJSON encodes the redacted form: "[redacted]", or "" for the
// empty key.
func (k PSK) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON accepts only the empty key, "" (and null, a no-op): the one
// key whose JSON form is the key itself. Every other key's JSON form is
// "[redacted]", so any other value is refused, with an InvalidParameterValue
// *Error for PreSharedKey wrapping [ErrRedacted] that never shows the
// value, rather than set a wrong key. Keys travel in
// [Connection.MarshalBinary]'s form; to make a PSK from text, convert it:
// vpn.PSK(s).
func (k *PSK) UnmarshalJSON(data []byte) error {
	switch string(bytes.TrimSpace(data)) {
	case "null":
		return nil
	case `""`:
		*k = ""
		return nil
	}
	return &Error{Op: "unmarshal-json", Param: "PreSharedKey", Code: "InvalidParameterValue", Err: ErrRedacted}
}

// Percent is an optional percentage, for RekeyFuzzPercentage, where 0 is a
// real value distinct from "not given". The zero Percent means "not given";
// build one with [PercentOf].
type Percent struct {
	n   int
	set bool
}

// PercentOf returns the percentage n (validation happens where it is used).
func PercentOf(n int) Percent { return Percent{n: n, set: true} }

// Value returns the percentage and whether one was given.
func (p Percent) Value() (int, bool) { return p.n, p.set }

// String returns the number, or "" when not given.
func (p Percent) String() string {
	if !p.set {
		return ""
	}
	return strconv.Itoa(p.n)
}

// TunnelOptions is one tunnel's options, as CreateVpnConnection takes them in
// Options.TunnelOptions.N (VpnTunnelOptionsSpecification). Every field's zero
// value means "not given": [Create] fills it with AWS's default, and
// [Tunnel.Options] returns the result with every field set. The zero value is
// ready to use and asks for all defaults. Slices are copied on the way in.
//
// The field rules (each violation is an InvalidParameterValue *Error naming
// the parameter, unless noted):
//
//	InsideCIDR (TunnelInsideCidr)        a /30 in 169.254.0.0/16, not one of the
//	                                     reserved 169.254.0.0/30 … 169.254.5.0/30 and
//	                                     169.254.169.252/30; default: a free random /30
//	InsideIPv6CIDR (TunnelInsideIpv6Cidr) a /126 in fd00::/8, ipv6 connections only
//	                                     (else InvalidParameterCombination)
//	PreSharedKey                         8–64 of [A-Za-z0-9._], not starting with '0';
//	                                     default: 32 random characters
//	Phase1LifetimeSeconds                900–28800, default 28800
//	Phase2LifetimeSeconds                900–3600 and less than phase 1
//	                                     (else InvalidParameterCombination), default 3600
//	RekeyMarginTimeSeconds               60 to half of phase 2 (else
//	                                     InvalidParameterCombination), default 270
//	RekeyFuzzPercentage                  0–100, default 100
//	ReplayWindowSize                     64–2048, default 1024
//	DPDTimeoutSeconds                    at least 30, default 30
//	DPDTimeoutAction                     clear | none | restart, default clear
//	Phase1EncryptionAlgorithms           AES128, AES256, AES128-GCM-16, AES256-GCM-16;
//	Phase2EncryptionAlgorithms           default all four
//	Phase1IntegrityAlgorithms            SHA1, SHA2-256, SHA2-384, SHA2-512;
//	Phase2IntegrityAlgorithms            default all four
//	Phase1DHGroupNumbers                 2, 14–24; default all twelve
//	Phase2DHGroupNumbers                 2, 5, 14–24; default all thirteen
//	IKEVersions                          ikev1, ikev2; default both
//	StartupAction                        add | start, default add; start only when
//	                                     IKEVersions allows ikev2 (else
//	                                     InvalidParameterCombination)
//	EnableTunnelLifecycleControl         a [Flag], default false
//	LogOptions                           [LogOptions] holding [CloudWatchLogOptions]
//	                                     (their rules); default: nothing logged
//
// A value repeated in a list is kept once, in its first position.
// TunnelOptions holds a [PSK], which never prints.
type TunnelOptions struct {
	InsideCIDR                 netip.Prefix
	InsideIPv6CIDR             netip.Prefix
	PreSharedKey               PSK
	Phase1LifetimeSeconds      int
	Phase2LifetimeSeconds      int
	RekeyMarginTimeSeconds     int
	RekeyFuzzPercentage        Percent
	ReplayWindowSize           int
	DPDTimeoutSeconds          int
	DPDTimeoutAction           DPDAction
	Phase1EncryptionAlgorithms []Encryption
	Phase2EncryptionAlgorithms []Encryption
	Phase1IntegrityAlgorithms  []Integrity
	Phase2IntegrityAlgorithms  []Integrity
	Phase1DHGroupNumbers       []DHGroup
	Phase2DHGroupNumbers       []DHGroup
	IKEVersions                []IKEVersion
	StartupAction              StartupAction
	// EnableTunnelLifecycleControl lets the customer choose when pending
	// endpoint maintenance is applied ([Connection.ReplaceTunnel]).
	EnableTunnelLifecycleControl Flag
	LogOptions                   LogOptions
}

// Options is a VPN connection's options, as CreateVpnConnection takes them
// (VpnConnectionOptionsSpecification). The zero value is ready to use: a
// BGP (dynamic) IPv4 connection with default tunnels.
//
//	StaticRoutesOnly        false: BGP; true: static routes, no BGP
//	TunnelInsideIPVersion   ipv4 (default, also for "") or ipv6 (transit
//	                        gateways only, else InvalidParameterCombination)
//	Local/RemoteIPv4NetworkCIDR  default 0.0.0.0/0; ipv4 connections only
//	Local/RemoteIPv6NetworkCIDR  default ::/0; ipv6 connections only
//	OutsideIPAddressType    PublicIpv4 (default, also for ""), PrivateIpv4 or
//	                        Ipv6; the last two only on a transit gateway (else
//	                        InvalidParameterCombination), see [Create]
//	TunnelBandwidth         standard (default, also for "") or large; large
//	                        only on a transit gateway (else
//	                        InvalidParameterCombination)
//	Tunnels                 at most two TunnelOptions (more is
//	                        InvalidParameterValue); missing ones are defaults
//
// The local network is the customer (on-premises) side, the remote network
// the AWS side.
type Options struct {
	StaticRoutesOnly      bool
	TunnelInsideIPVersion IPVersion
	LocalIPv4NetworkCIDR  netip.Prefix
	RemoteIPv4NetworkCIDR netip.Prefix
	LocalIPv6NetworkCIDR  netip.Prefix
	RemoteIPv6NetworkCIDR netip.Prefix
	OutsideIPAddressType  OutsideAddressType
	TunnelBandwidth       Bandwidth
	// EnableAcceleration routes the tunnels through AWS Global
	// Accelerator: only on a transit gateway.
	EnableAcceleration bool
	Tunnels            []TunnelOptions
}

func (o TunnelOptions) clone() TunnelOptions {
	o.Phase1EncryptionAlgorithms = clone(o.Phase1EncryptionAlgorithms)
	o.Phase2EncryptionAlgorithms = clone(o.Phase2EncryptionAlgorithms)
	o.Phase1IntegrityAlgorithms = clone(o.Phase1IntegrityAlgorithms)
	o.Phase2IntegrityAlgorithms = clone(o.Phase2IntegrityAlgorithms)
	o.Phase1DHGroupNumbers = clone(o.Phase1DHGroupNumbers)
	o.Phase2DHGroupNumbers = clone(o.Phase2DHGroupNumbers)
	o.IKEVersions = clone(o.IKEVersions)
	return o
}

func (o Options) clone() Options {
	if o.Tunnels != nil {
		ts := make([]TunnelOptions, len(o.Tunnels))
		for i, t := range o.Tunnels {
			ts[i] = t.clone()
		}
		o.Tunnels = ts
	}
	return o
}

// clone copies s; nil stays nil.
func clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(S(nil), s...)
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
