package ipsec_test

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/vpn"
)

// awsEndpoint is a stand-in for one AWS tunnel endpoint: what AWS would
// accept from the customer gateway for one tunnel of a connection, as a
// strongSwan connection. It is test support, derived only from the library's
// resolved tunnel options, never from the rendered customer configuration.
// The zero awsEndpoint is not usable; build one with awsEndpointFor.
type awsEndpoint struct {
	Name     string     // connection and CHILD SA name
	Local    netip.Addr // the tunnel's AWS outside address, also its IKE identity
	Remote   netip.Addr // the customer gateway, also its IKE identity
	PSK      string
	Versions []vpn.IKEVersion

	IKEProposals []string // strongSwan proposal keywords, AWS's preference first
	ESPProposals []string

	IKERekey, IKEOver, IKERand    time.Duration
	ChildRekey, ChildLife, ChildR time.Duration
	DPDDelay, DPDTimeout          time.Duration
	DPDAction                     string // strongSwan's dpd_action
	ReplayWindow                  int
	StartAction                   string // none: wait for the customer; start: initiate
	LocalTS, RemoteTS             netip.Prefix
}

// awsDPDDelay is how often the AWS endpoint probes an idle peer: the
// interval AWS's customer gateway configuration states (dead_peer_detection
// interval 10).
const awsDPDDelay = 10 * time.Second

// awsEndpointFor derives the AWS side of tunnel i (0 or 1) of c.
//
// Proposals follow "tunnel endpoints evaluate customer proposals starting
// with the lowest configured value": every list is ordered weakest first
// (EC2's documented order, DH groups ascending) and charon, as responder,
// prefers its own order. strongSwan cannot mix AEAD and non-AEAD ciphers in
// one proposal, so CBC and GCM ciphers get one proposal each, CBC first.
// PFS is required in phase 2 (AWS's configuration always names a group).
//
// Timers follow AWS's definitions: a rekey starts RekeyMargin before the
// lifetime ends, plus up to RekeyFuzzPercentage of the margin at random, so
// strongSwan's rekey_time is lifetime − margin, rand_time margin × fuzz and
// the hard lifetime the phase's lifetime. DPD probes every 10 s and gives up
// after DPDTimeout with DPDTimeoutAction.
func awsEndpointFor(c vpn.Connection, i int) awsEndpoint {
	t := c.Tunnels()[i]
	o := t.Options()
	margin := t.RekeyMargin()
	fuzz := margin * time.Duration(t.RekeyFuzzPercentage()) / 100
	local, remote := c.Options().RemoteIPv4NetworkCIDR, c.Options().LocalIPv4NetworkCIDR
	if !local.IsValid() {
		local = netip.MustParsePrefix("0.0.0.0/0")
	}
	if !remote.IsValid() {
		remote = netip.MustParsePrefix("0.0.0.0/0")
	}
	e := awsEndpoint{
		Name:         fmt.Sprintf("aws-tunnel-%d", i+1),
		Local:        t.AWSOutsideAddress(),
		Remote:       c.CustomerGatewayAddress(),
		PSK:          t.PSK().Reveal(),
		Versions:     t.IKEVersions(),
		IKEProposals: proposals(o.Phase1EncryptionAlgorithms, o.Phase1IntegrityAlgorithms, o.Phase1DHGroupNumbers, true),
		ESPProposals: proposals(o.Phase2EncryptionAlgorithms, o.Phase2IntegrityAlgorithms, o.Phase2DHGroupNumbers, false),
		IKERekey:     t.Phase1Lifetime() - margin,
		IKEOver:      margin,
		IKERand:      fuzz,
		ChildRekey:   t.Phase2Lifetime() - margin,
		ChildLife:    t.Phase2Lifetime(),
		ChildR:       fuzz,
		DPDDelay:     awsDPDDelay,
		DPDTimeout:   t.DPDTimeout(),
		ReplayWindow: t.ReplayWindowSize(),
		StartAction:  "none",
		LocalTS:      local,
		RemoteTS:     remote,
	}
	switch t.DPDTimeoutAction() {
	case vpn.DPDRestart:
		e.DPDAction = "restart"
	case vpn.DPDNone:
		e.DPDAction = "none"
	default:
		e.DPDAction = "clear"
	}
	if t.StartupAction() == vpn.StartupStart {
		e.StartAction = "start"
	}
	return e
}

// Keywords strongSwan uses for EC2's algorithm names.
var (
	encKeyword = map[vpn.Encryption]string{
		vpn.AES128: "aes128", vpn.AES256: "aes256",
		vpn.AES128GCM: "aes128gcm16", vpn.AES256GCM: "aes256gcm16",
	}
	integKeyword = map[vpn.Integrity]string{
		vpn.SHA1: "sha1", vpn.SHA256: "sha256", vpn.SHA384: "sha384", vpn.SHA512: "sha512",
	}
	dhKeyword = map[vpn.DHGroup]string{
		2: "modp1024", 5: "modp1536", 14: "modp2048", 15: "modp3072", 16: "modp4096",
		17: "modp6144", 18: "modp8192", 19: "ecp256", 20: "ecp384", 21: "ecp521",
		22: "modp1024s160", 23: "modp2048s224", 24: "modp2048s256",
	}
)

// proposals builds strongSwan proposals from one phase's lists, weakest
// first. For IKE (ike true) each integrity algorithm also serves as PRF.
func proposals(encs []vpn.Encryption, integs []vpn.Integrity, groups []vpn.DHGroup, ike bool) []string {
	encs = inOrder(encs, vpn.Encryption("").Values())
	integs = inOrder(integs, vpn.Integrity("").Values())
	groups = slices.Clone(groups)
	slices.Sort(groups)

	var cbc, gcm []string
	for _, e := range encs {
		if e.IsAEAD() {
			gcm = append(gcm, encKeyword[e])
		} else {
			cbc = append(cbc, encKeyword[e])
		}
	}
	var integ, prf, dh []string
	for _, a := range integs {
		integ = append(integ, integKeyword[a])
		prf = append(prf, "prf"+integKeyword[a])
	}
	for _, g := range groups {
		dh = append(dh, dhKeyword[g])
	}
	var out []string
	if len(cbc) > 0 {
		parts := slices.Concat(cbc, integ)
		if ike {
			parts = append(parts, prf...)
		}
		out = append(out, strings.Join(append(parts, dh...), "-"))
	}
	if len(gcm) > 0 {
		parts := gcm
		if ike {
			parts = append(slices.Clone(parts), prf...)
		}
		out = append(out, strings.Join(append(slices.Clone(parts), dh...), "-"))
	}
	return out
}

// inOrder returns the members of set in the order of order.
func inOrder[T comparable](set, order []T) []T {
	var out []T
	for _, v := range order {
		if slices.Contains(set, v) {
			out = append(out, v)
		}
	}
	return out
}

// swanctlVersion is strongSwan's version setting for a list of IKE
// versions: 1, 2, or 0 for either.
func swanctlVersion(vs []vpn.IKEVersion) int {
	switch {
	case len(vs) == 1 && vs[0] == vpn.IKEv1:
		return 1
	case len(vs) == 1 && vs[0] == vpn.IKEv2:
		return 2
	}
	return 0
}

func seconds(d time.Duration) string { return fmt.Sprintf("%ds", int64(d/time.Second)) }

// awsSwanctlConf renders the AWS side of the given endpoints as one
// swanctl.conf, connections then secrets.
func awsSwanctlConf(endpoints ...awsEndpoint) string {
	var b strings.Builder
	b.WriteString("# AWS side stand-in, derived from the connection's tunnel options.\n")
	b.WriteString("connections {\n")
	for _, e := range endpoints {
		fmt.Fprintf(&b, `  %s {
    version = %d
    local_addrs = %s
    remote_addrs = %s
    proposals = %s
    rekey_time = %s
    over_time = %s
    rand_time = %s
    reauth_time = 0s
    dpd_delay = %s
    dpd_timeout = %s
    mobike = no
    aggressive = no
    local {
      auth = psk
      id = %s
    }
    remote {
      auth = psk
      id = %s
    }
    children {
      %s {
        mode = tunnel
        local_ts = %s
        remote_ts = %s
        esp_proposals = %s
        rekey_time = %s
        life_time = %s
        rand_time = %s
        replay_window = %d
        dpd_action = %s
        start_action = %s
        close_action = none
      }
    }
  }
`, e.Name, swanctlVersion(e.Versions), e.Local, e.Remote,
			strings.Join(e.IKEProposals, ","), seconds(e.IKERekey), seconds(e.IKEOver), seconds(e.IKERand),
			seconds(e.DPDDelay), seconds(e.DPDTimeout), e.Local, e.Remote,
			e.Name, e.LocalTS, e.RemoteTS, strings.Join(e.ESPProposals, ","),
			seconds(e.ChildRekey), seconds(e.ChildLife), seconds(e.ChildR), e.ReplayWindow,
			e.DPDAction, e.StartAction)
	}
	b.WriteString("}\nsecrets {\n")
	for _, e := range endpoints {
		fmt.Fprintf(&b, "  ike-%s {\n    id-aws = %s\n    id-customer = %s\n    secret = %q\n  }\n",
			e.Name, e.Local, e.Remote, e.PSK)
	}
	b.WriteString("}\n")
	return b.String()
}
