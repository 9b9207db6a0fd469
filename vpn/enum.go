package vpn

import (
	"slices"
	"strconv"
)

// GatewayType is the type of a customer gateway, virtual private gateway or
// VPN connection. EC2 knows one type, "ipsec.1". The zero GatewayType is not
// valid.
type GatewayType string

// IPsec1 is the only gateway and connection type EC2 supports.
const IPsec1 GatewayType = "ipsec.1"

// Values returns every valid GatewayType: ipsec.1.
func (GatewayType) Values() []GatewayType { return []GatewayType{IPsec1} }

// IsValid reports whether t is ipsec.1.
func (t GatewayType) IsValid() bool { return t == IPsec1 }

// String returns t as EC2 spells it.
func (t GatewayType) String() string { return string(t) }

// Encryption is an IKE or IPsec encryption algorithm as EC2 names it in
// Phase1EncryptionAlgorithms and Phase2EncryptionAlgorithms. The zero
// Encryption is not valid.
type Encryption string

// The encryption algorithms a tunnel can negotiate.
const (
	AES128    Encryption = "AES128"
	AES256    Encryption = "AES256"
	AES128GCM Encryption = "AES128-GCM-16"
	AES256GCM Encryption = "AES256-GCM-16"
)

var encryptions = []Encryption{AES128, AES256, AES128GCM, AES256GCM}

// Values returns every valid Encryption in EC2's documented order: AES128,
// AES256, AES128-GCM-16, AES256-GCM-16. It is also the default list for
// both phases.
func (Encryption) Values() []Encryption { return slices.Clone(encryptions) }

// IsValid reports whether e is one of [Encryption.Values].
func (e Encryption) IsValid() bool { return slices.Contains(encryptions, e) }

// IsAEAD reports whether e is an authenticated (GCM) cipher, which needs no
// separate integrity algorithm in ESP.
func (e Encryption) IsAEAD() bool { return e == AES128GCM || e == AES256GCM }

// String returns e as EC2 spells it.
func (e Encryption) String() string { return string(e) }

// Integrity is an IKE or IPsec integrity algorithm as EC2 names it in
// Phase1IntegrityAlgorithms and Phase2IntegrityAlgorithms. The zero Integrity
// is not valid.
type Integrity string

// The integrity algorithms a tunnel can negotiate.
const (
	SHA1   Integrity = "SHA1"
	SHA256 Integrity = "SHA2-256"
	SHA384 Integrity = "SHA2-384"
	SHA512 Integrity = "SHA2-512"
)

var integrities = []Integrity{SHA1, SHA256, SHA384, SHA512}

// Values returns every valid Integrity in EC2's documented order: SHA1,
// SHA2-256, SHA2-384, SHA2-512. It is also the default list for both phases.
func (Integrity) Values() []Integrity { return slices.Clone(integrities) }

// IsValid reports whether i is one of [Integrity.Values].
func (i Integrity) IsValid() bool { return slices.Contains(integrities, i) }

// String returns i as EC2 spells it.
func (i Integrity) String() string { return string(i) }

// DHGroup is a Diffie-Hellman group number as EC2 lists it in
// Phase1DHGroupNumbers and Phase2DHGroupNumbers. The zero DHGroup is not
// valid.
type DHGroup int

var (
	phase1Groups = []DHGroup{2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}
	phase2Groups = []DHGroup{2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}
)

// Phase1DHGroups returns the groups phase 1 accepts, ascending: 2 and 14–24.
// It is also phase 1's default list.
func Phase1DHGroups() []DHGroup { return slices.Clone(phase1Groups) }

// Phase2DHGroups returns the groups phase 2 accepts, ascending: 2, 5 and
// 14–24. It is also phase 2's default list.
func Phase2DHGroups() []DHGroup { return slices.Clone(phase2Groups) }

// String returns g as a decimal number.
func (g DHGroup) String() string { return strconv.Itoa(int(g)) }

// IKEVersion is a version of the Internet Key Exchange protocol, spelled as
// EC2 spells it. The zero IKEVersion is not valid.
type IKEVersion string

// The IKE versions a tunnel can use.
const (
	IKEv1 IKEVersion = "ikev1"
	IKEv2 IKEVersion = "ikev2"
)

var ikeVersions = []IKEVersion{IKEv1, IKEv2}

// Values returns every valid IKEVersion: ikev1, ikev2. It is also the
// default list.
func (IKEVersion) Values() []IKEVersion { return slices.Clone(ikeVersions) }

// IsValid reports whether v is one of [IKEVersion.Values].
func (v IKEVersion) IsValid() bool { return slices.Contains(ikeVersions, v) }

// String returns v as EC2 spells it.
func (v IKEVersion) String() string { return string(v) }

// DPDAction is what the AWS endpoint does when dead peer detection times out
// (DPDTimeoutAction). The zero DPDAction is not valid.
type DPDAction string

// The dead peer detection timeout actions.
const (
	DPDClear   DPDAction = "clear"   // end the IKE session (the default)
	DPDNone    DPDAction = "none"    // take no action
	DPDRestart DPDAction = "restart" // restart IKE negotiation
)

var dpdActions = []DPDAction{DPDClear, DPDNone, DPDRestart}

// Values returns every valid DPDAction: clear, none, restart.
func (DPDAction) Values() []DPDAction { return slices.Clone(dpdActions) }

// IsValid reports whether a is one of [DPDAction.Values].
func (a DPDAction) IsValid() bool { return slices.Contains(dpdActions, a) }

// String returns a as EC2 spells it.
func (a DPDAction) String() string { return string(a) }

// StartupAction says who starts IKE negotiation for a tunnel. The zero
// StartupAction is not valid.
type StartupAction string

// The startup actions.
const (
	StartupAdd   StartupAction = "add"   // the customer gateway initiates (the default)
	StartupStart StartupAction = "start" // AWS initiates; IKEv2 only
)

var startupActions = []StartupAction{StartupAdd, StartupStart}

// Values returns every valid StartupAction: add, start.
func (StartupAction) Values() []StartupAction { return slices.Clone(startupActions) }

// IsValid reports whether a is one of [StartupAction.Values].
func (a StartupAction) IsValid() bool { return slices.Contains(startupActions, a) }

// String returns a as EC2 spells it.
func (a StartupAction) String() string { return string(a) }

// IPVersion is the address family inside a connection's tunnels
// (TunnelInsideIpVersion). The zero IPVersion is not valid; in [Options] it
// means ipv4.
type IPVersion string

// The tunnel inside IP versions.
const (
	IPv4 IPVersion = "ipv4"
	IPv6 IPVersion = "ipv6"
)

// Values returns every valid IPVersion: ipv4, ipv6.
func (IPVersion) Values() []IPVersion { return []IPVersion{IPv4, IPv6} }

// IsValid reports whether v is ipv4 or ipv6.
func (v IPVersion) IsValid() bool { return v == IPv4 || v == IPv6 }

// String returns v as EC2 spells it.
func (v IPVersion) String() string { return string(v) }

// OutsideAddressType is the kind of address a connection's tunnels use
// outside (OutsideIpAddressType). The zero OutsideAddressType is not valid;
// in [Options] it means PublicIpv4.
type OutsideAddressType string

// The outside address types.
const (
	OutsidePublicIPv4  OutsideAddressType = "PublicIpv4"  // public IPv4 addresses (the default)
	OutsidePrivateIPv4 OutsideAddressType = "PrivateIpv4" // private IPv4, over a transit gateway attachment
	OutsideIPv6        OutsideAddressType = "Ipv6"        // IPv6, on a transit gateway
)

var outsideTypes = []OutsideAddressType{OutsidePublicIPv4, OutsidePrivateIPv4, OutsideIPv6}

// Values returns every valid OutsideAddressType: PublicIpv4, PrivateIpv4,
// Ipv6.
func (OutsideAddressType) Values() []OutsideAddressType { return slices.Clone(outsideTypes) }

// IsValid reports whether t is one of [OutsideAddressType.Values].
func (t OutsideAddressType) IsValid() bool { return slices.Contains(outsideTypes, t) }

// String returns t as EC2 spells it.
func (t OutsideAddressType) String() string { return string(t) }

// Bandwidth is a connection's tunnel bandwidth (TunnelBandwidth): standard
// carries up to 1.25 Gbps per tunnel, large up to 5 Gbps. The zero
// Bandwidth is not valid; in [Options] it means standard.
type Bandwidth string

// The tunnel bandwidths.
const (
	BandwidthStandard Bandwidth = "standard" // the default, on every gateway
	BandwidthLarge    Bandwidth = "large"    // transit gateways and Cloud WAN only
)

var bandwidths = []Bandwidth{BandwidthStandard, BandwidthLarge}

// Values returns every valid Bandwidth: standard, large.
func (Bandwidth) Values() []Bandwidth { return slices.Clone(bandwidths) }

// IsValid reports whether b is one of [Bandwidth.Values].
func (b Bandwidth) IsValid() bool { return slices.Contains(bandwidths, b) }

// String returns b as EC2 spells it.
func (b Bandwidth) String() string { return string(b) }

// LogFormat is the format of the tunnel logs a connection sends to
// CloudWatch Logs (LogOutputFormat). The zero LogFormat is not valid; in
// [CloudWatchLogOptions] it means json.
type LogFormat string

// The log formats.
const (
	LogJSON LogFormat = "json" // the default
	LogText LogFormat = "text"
)

var logFormats = []LogFormat{LogJSON, LogText}

// Values returns every valid LogFormat: json, text.
func (LogFormat) Values() []LogFormat { return slices.Clone(logFormats) }

// IsValid reports whether f is one of [LogFormat.Values].
func (f LogFormat) IsValid() bool { return slices.Contains(logFormats, f) }

// String returns f as EC2 spells it.
func (f LogFormat) String() string { return string(f) }
