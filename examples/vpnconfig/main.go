// Command vpnconfig prints the customer gateway configuration of a
// Site-to-Site VPN connection modelled by vpcmodel: EC2's XML document or a
// device configuration (generic text, strongSwan, Cisco IOS, Juniper SRX).
//
// Every tunnel option of CreateVpnConnection is a flag; what is not given
// takes AWS's default, and the inside CIDRs and pre-shared keys that are not
// given are drawn at random, reproducibly with -seed. Options other than the
// inside CIDR and the pre-shared key apply to both tunnels.
//
// Usage:
//
//	go run ./examples/vpnconfig -format strongswan -cgw-ip 198.51.100.7 -seed 1
//	go run ./examples/vpnconfig -static -remote-cidr 10.0.0.0/16 -format cisco-ios
//
// Bad flags exit with status 2 and print EC2's error code and message.
package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/vpn"
)

// formats maps -format to a device type of vpn's catalogue; "xml" is EC2's
// CustomerGatewayConfiguration.
var formats = []struct{ name, device, what string }{
	{"xml", "", "EC2's CustomerGatewayConfiguration XML"},
	{"generic", vpn.DeviceGeneric, "generic text, one section per tunnel"},
	{"strongswan", vpn.DeviceStrongSwan, "strongSwan swanctl.conf, route-based (XFRM interfaces)"},
	{"cisco-ios", vpn.DeviceCiscoIOS, "Cisco IOS / CSR, VTI"},
	{"juniper-srx", vpn.DeviceJuniperSRX, "Juniper SRX, JunOS set commands"},
}

// created is the instant the tool stamps on the resources it models.
var created = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// usageError is a flag that cannot be used, reported the way EC2 reports a
// bad parameter.
type usageError struct{ param, value string }

func (e usageError) Error() string {
	return fmt.Sprintf("InvalidParameterValue: Value (%s) for parameter %s is invalid.", e.value, e.param)
}

// run is the whole program: it parses args, prints the configuration to
// stdout and returns the exit status (0, or 2 for bad input).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vpnconfig", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		format      = fs.String("format", "xml", "output: "+formatNames())
		ike         = fs.String("ike", "ikev2", "IKE version a device configuration is written for: ikev1 | ikev2 (not used by xml)")
		seed        = fs.Uint64("seed", 0, "seed for the IDs, inside CIDRs and pre-shared keys that are drawn at random; 0 draws from crypto/rand")
		cgwIP       = fs.String("cgw-ip", "198.51.100.7", "customer gateway outside IPv4 address (IpAddress)")
		cgwASN      = fs.Int64("cgw-asn", 65000, "customer gateway BGP ASN, 1–4,294,967,295 (BgpAsn up to 2,147,483,647, BgpAsnExtended above); AWS default 65000")
		vgwASN      = fs.Int64("vgw-asn", 64512, "virtual private gateway Amazon side ASN, 64512–65534 or 4,200,000,000–4,294,967,294; AWS default 64512")
		static      = fs.Bool("static", false, "static routing (StaticRoutesOnly); default BGP")
		localCIDR   = fs.String("local-cidr", "", "LocalIpv4NetworkCidr, the customer side; AWS default 0.0.0.0/0")
		remoteCIDR  = fs.String("remote-cidr", "", "RemoteIpv4NetworkCidr, the AWS side; AWS default 0.0.0.0/0")
		inside1     = fs.String("tunnel1-inside-cidr", "", "tunnel 1 TunnelInsideCidr: a /30 in 169.254.0.0/16, not reserved; default random")
		inside2     = fs.String("tunnel2-inside-cidr", "", "tunnel 2 TunnelInsideCidr; default random, distinct from tunnel 1")
		psk1        = fs.String("tunnel1-psk", "", "tunnel 1 PreSharedKey: 8–64 of A-Z a-z 0-9 . _, not starting with 0; default 32 random characters")
		psk2        = fs.String("tunnel2-psk", "", "tunnel 2 PreSharedKey; default 32 random characters")
		phase1      = fs.Int("phase1-lifetime", 0, "Phase1LifetimeSeconds, 900–28,800; AWS default 28,800")
		phase2      = fs.Int("phase2-lifetime", 0, "Phase2LifetimeSeconds, 900–3,600 and less than phase 1; AWS default 3,600")
		margin      = fs.Int("rekey-margin", 0, "RekeyMarginTimeSeconds, 60 to half of phase 2; AWS default 270")
		fuzz        = fs.Int("rekey-fuzz", -1, "RekeyFuzzPercentage, 0–100; AWS default 100 (-1: not given)")
		replay      = fs.Int("replay-window", 0, "ReplayWindowSize, 64–2,048 packets; AWS default 1,024")
		dpdTimeout  = fs.Int("dpd-timeout", 0, "DPDTimeoutSeconds, at least 30; AWS default 30")
		dpdAction   = fs.String("dpd-action", "", "DPDTimeoutAction: clear | none | restart; AWS default clear")
		enc1        = fs.String("phase1-encryption", "", "Phase1EncryptionAlgorithms, comma-separated: AES128, AES256, AES128-GCM-16, AES256-GCM-16; AWS default all")
		enc2        = fs.String("phase2-encryption", "", "Phase2EncryptionAlgorithms, as phase 1; AWS default all")
		integ1      = fs.String("phase1-integrity", "", "Phase1IntegrityAlgorithms, comma-separated: SHA1, SHA2-256, SHA2-384, SHA2-512; AWS default all")
		integ2      = fs.String("phase2-integrity", "", "Phase2IntegrityAlgorithms, as phase 1; AWS default all")
		dh1         = fs.String("phase1-dh", "", "Phase1DHGroupNumbers, comma-separated: 2, 14–24; AWS default all")
		dh2         = fs.String("phase2-dh", "", "Phase2DHGroupNumbers, comma-separated: 2, 5, 14–24; AWS default all")
		ikeVersions = fs.String("ike-versions", "", "IKEVersions the tunnels accept, comma-separated: ikev1, ikev2; AWS default both")
		startup     = fs.String("startup-action", "", "StartupAction: add (the customer gateway initiates) | start (AWS initiates, IKEv2 only); AWS default add")
	)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: vpnconfig [flags]

vpnconfig prints the customer gateway configuration of a Site-to-Site VPN
connection between a customer gateway and a virtual private gateway, as
vpcmodel models EC2: every tunnel option is validated as CreateVpnConnection
validates it, and what is not given takes AWS's default. Options other than
the inside CIDR and pre-shared key apply to both tunnels. Bad input exits
with status 2 and prints EC2's error code and message.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "vpnconfig: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	fail := func(err error) int {
		var coded interface {
			ErrorCode() string
			ErrorMessage() string
		}
		if errors.As(err, &coded) {
			fmt.Fprintf(stderr, "vpnconfig: %s: %s\n", coded.ErrorCode(), coded.ErrorMessage())
		} else {
			fmt.Fprintf(stderr, "vpnconfig: %v\n", err)
		}
		return 2
	}

	device, ok := "", false
	for _, f := range formats {
		if f.name == *format {
			device, ok = f.device, true
		}
	}
	if !ok {
		return fail(usageError{"format", *format})
	}
	version := vpn.IKEVersion(*ike)
	if version != vpn.IKEv1 && version != vpn.IKEv2 {
		return fail(usageError{"InternetKeyExchangeVersion", *ike})
	}

	var random io.Reader = rand.Reader
	if *seed != 0 {
		var key [32]byte
		for i := range 8 {
			key[i] = byte(*seed >> (8 * i))
		}
		random = mrand.NewChaCha8(key)
	}

	tunnel := vpn.TunnelOptions{
		Phase1LifetimeSeconds:  *phase1,
		Phase2LifetimeSeconds:  *phase2,
		RekeyMarginTimeSeconds: *margin,
		ReplayWindowSize:       *replay,
		DPDTimeoutSeconds:      *dpdTimeout,
		DPDTimeoutAction:       vpn.DPDAction(*dpdAction),
		StartupAction:          vpn.StartupAction(*startup),
	}
	if *fuzz >= 0 {
		tunnel.RekeyFuzzPercentage = vpn.PercentOf(*fuzz)
	} else if *fuzz != -1 {
		return fail(usageError{"RekeyFuzzPercentage", strconv.Itoa(*fuzz)})
	}
	tunnel.Phase1EncryptionAlgorithms = list[vpn.Encryption](*enc1)
	tunnel.Phase2EncryptionAlgorithms = list[vpn.Encryption](*enc2)
	tunnel.Phase1IntegrityAlgorithms = list[vpn.Integrity](*integ1)
	tunnel.Phase2IntegrityAlgorithms = list[vpn.Integrity](*integ2)
	tunnel.IKEVersions = list[vpn.IKEVersion](*ikeVersions)
	var err error
	if tunnel.Phase1DHGroupNumbers, err = groups("Phase1DHGroupNumbers", *dh1); err != nil {
		return fail(err)
	}
	if tunnel.Phase2DHGroupNumbers, err = groups("Phase2DHGroupNumbers", *dh2); err != nil {
		return fail(err)
	}

	tunnels := []vpn.TunnelOptions{tunnel, tunnel}
	for i, f := range []struct{ inside, psk string }{{*inside1, *psk1}, {*inside2, *psk2}} {
		n := strconv.Itoa(i + 1)
		if f.inside != "" {
			p, err := netip.ParsePrefix(f.inside)
			if err != nil {
				return fail(usageError{"tunnel" + n + "-inside-cidr (TunnelInsideCidr)", f.inside})
			}
			tunnels[i].InsideCIDR = p
		}
		tunnels[i].PreSharedKey = vpn.PSK(f.psk)
	}
	options := vpn.Options{StaticRoutesOnly: *static, Tunnels: tunnels}
	for _, c := range []struct {
		flag, param string
		dst         *netip.Prefix
		value       string
	}{
		{"local-cidr", "LocalIpv4NetworkCidr", &options.LocalIPv4NetworkCIDR, *localCIDR},
		{"remote-cidr", "RemoteIpv4NetworkCidr", &options.RemoteIPv4NetworkCIDR, *remoteCIDR},
	} {
		if c.value == "" {
			continue
		}
		p, err := netip.ParsePrefix(c.value)
		if err != nil || !p.Addr().Is4() {
			return fail(usageError{c.param, c.value})
		}
		*c.dst = p
	}

	ip, err := netip.ParseAddr(*cgwIP)
	if err != nil {
		return fail(usageError{"IpAddress", *cgwIP})
	}
	cgwSpec := vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: ip}
	if *cgwASN > vpn.MaxBGPASN {
		cgwSpec.BGPASNExtended = *cgwASN
	} else {
		cgwSpec.BGPASN = *cgwASN
		if *cgwASN == 0 {
			return fail(usageError{"BgpAsn", "0"})
		}
	}
	cgw, err := vpn.CreateCustomerGateway(cgwSpec, random, created)
	if err != nil {
		return fail(err)
	}
	if *vgwASN == 0 {
		return fail(usageError{"AmazonSideAsn", "0"})
	}
	vgw, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1, AmazonSideASN: *vgwASN}, random, created)
	if err != nil {
		return fail(err)
	}
	conn, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: options}, nil, random, created)
	if err != nil {
		return fail(err)
	}

	var out string
	if device == "" {
		out = conn.CustomerGatewayConfiguration()
	} else if out, err = vpn.SampleConfiguration(conn, device, version); err != nil {
		return fail(err)
	}
	io.WriteString(stdout, out)
	if !strings.HasSuffix(out, "\n") {
		io.WriteString(stdout, "\n")
	}
	return 0
}

func formatNames() string {
	var b strings.Builder
	for i, f := range formats {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(f.name)
	}
	b.WriteString("\n")
	for _, f := range formats {
		fmt.Fprintf(&b, "  %-12s %s\n", f.name, f.what)
	}
	return strings.TrimRight(b.String(), "\n")
}

// list splits a comma-separated flag into typed values; validation is the
// library's.
func list[T ~string](s string) []T {
	if s == "" {
		return nil
	}
	var out []T
	for _, v := range strings.Split(s, ",") {
		out = append(out, T(strings.TrimSpace(v)))
	}
	return out
}

func groups(param, s string) ([]vpn.DHGroup, error) {
	var out []vpn.DHGroup
	for _, v := range list[string](s) {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, usageError{param, v}
		}
		out = append(out, vpn.DHGroup(n))
	}
	return out, nil
}
