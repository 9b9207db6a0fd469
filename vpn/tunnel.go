package vpn

import (
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"time"

	"github.com/vpclab/vpcmodel/status"
)

// Tunnel is one of a connection's two IPsec tunnels with every option
// resolved: the AWS and customer outside addresses, the inside CIDR and the
// two inside addresses, the pre-shared key and the negotiated algorithms,
// lifetimes and timers. The zero Tunnel is not valid; tunnels come from
// [Connection.Tunnels]. A Tunnel holds a [PSK]: printing it with fmt shows
// no key; only [Tunnel.PSK] and [PSK.Reveal] do.
type Tunnel struct {
	outside   netip.Addr // the AWS endpoint
	customer  netip.Addr // the customer gateway
	inside    netip.Prefix
	opts      TunnelOptions // resolved; InsideCIDR or InsideIPv6CIDR and PreSharedKey set
	requested TunnelOptions // as the request gave them, before defaults; empty lists nil
	telemetry Telemetry
	maint     Maintenance
}

// Telemetry is a tunnel's status as DescribeVpnConnections reports it in
// VgwTelemetry. The zero value is not a report. Telemetry supports ==.
type Telemetry struct {
	OutsideIPAddress   netip.Addr       // the AWS endpoint of the tunnel
	Status             status.Telemetry // UP or DOWN
	StatusMessage      string           // "IPSEC IS DOWN", "N BGP ROUTES", ...
	LastStatusChange   time.Time        // UTC
	AcceptedRouteCount int
}

// IsValid reports whether t belongs to a connection.
func (t Tunnel) IsValid() bool { return t.outside.IsValid() }

// AWSOutsideAddress returns the AWS endpoint's outside address (EC2's
// OutsideIpAddress): the address the customer gateway peers with.
func (t Tunnel) AWSOutsideAddress() netip.Addr { return t.outside }

// CustomerOutsideAddress returns the customer gateway's outside address; it
// is the same for both tunnels.
func (t Tunnel) CustomerOutsideAddress() netip.Addr { return t.customer }

// InsideCIDR returns the tunnel's inside CIDR: a /30 in 169.254.0.0/16 for
// an ipv4 connection, a /126 in fd00::/8 for an ipv6 one.
func (t Tunnel) InsideCIDR() netip.Prefix { return t.inside }

// AWSInsideAddress returns the AWS side's inside address: the first host of
// the inside CIDR (network + 1).
func (t Tunnel) AWSInsideAddress() netip.Addr { return hostAt(t.inside, 1) }

// CustomerInsideAddress returns the customer side's inside address: network
// + 2.
func (t Tunnel) CustomerInsideAddress() netip.Addr { return hostAt(t.inside, 2) }

// PSK returns the tunnel's pre-shared key. Call [PSK.Reveal] on it to read
// the key; the PSK itself never prints.
func (t Tunnel) PSK() PSK { return t.opts.PreSharedKey }

// Options returns the tunnel's resolved options: every field set, the inside
// CIDR of the connection's family, the pre-shared key. The slices are
// copies.
func (t Tunnel) Options() TunnelOptions { return t.opts.clone() }

// RequestedOptions returns the tunnel's options as the CreateVpnConnection
// request gave them, before any default was filled in: a field is set
// exactly when the request set it (a list given empty reads as nil). A
// tunnel the request gave no options for returns the zero TunnelOptions.
// The slices are copies.
func (t Tunnel) RequestedOptions() TunnelOptions { return t.requested.clone() }

// DescribedOptions returns the tunnel's options as DescribeVpnConnections
// shows them in TunnelOptions: the inside CIDR (InsideCIDR or
// InsideIPv6CIDR, by the connection's IP version), the pre-shared key,
// EnableTunnelLifecycleControl and the resolved LogOptions always (EC2
// reads a new tunnel back with both off); of every other option, the value
// the tunnel holds when the
// request set that option ([Tunnel.RequestedOptions]), and the zero value
// when it did not, so that a tool comparing the description with its own
// configuration sees no change. DescribeVpnConnections also shows the
// tunnel's [Tunnel.AWSOutsideAddress]. The slices are copies; the zero
// Tunnel gives the zero TunnelOptions.
//
//	requested                            described
//	Phase1LifetimeSeconds 0 (not set)    0
//	Phase1LifetimeSeconds 7200           7200
//	RekeyFuzzPercentage PercentOf(0)     PercentOf(0)
//	IKEVersions [ikev2 ikev2]            [ikev2] (the resolved list)
//	PreSharedKey "" (not set)            the generated key
//	EnableTunnelLifecycleControl (not set) FlagOf(false)
func (t Tunnel) DescribedOptions() TunnelOptions {
	if !t.IsValid() {
		return TunnelOptions{}
	}
	g, o := t.requested, t.opts
	d := TunnelOptions{InsideCIDR: o.InsideCIDR, InsideIPv6CIDR: o.InsideIPv6CIDR, PreSharedKey: o.PreSharedKey}
	d.overlay(g, o)
	d.EnableTunnelLifecycleControl, d.LogOptions = o.EnableTunnelLifecycleControl, o.LogOptions
	return d
}

// IKEVersions returns the IKE versions the tunnel accepts, in order.
func (t Tunnel) IKEVersions() []IKEVersion { return clone(t.opts.IKEVersions) }

// AllowsIKEVersion reports whether the tunnel accepts IKE version v.
func (t Tunnel) AllowsIKEVersion(v IKEVersion) bool {
	for _, x := range t.opts.IKEVersions {
		if x == v {
			return true
		}
	}
	return false
}

// Phase1Lifetime returns the IKE SA lifetime.
func (t Tunnel) Phase1Lifetime() time.Duration {
	return time.Duration(t.opts.Phase1LifetimeSeconds) * time.Second
}

// Phase2Lifetime returns the IPsec SA lifetime.
func (t Tunnel) Phase2Lifetime() time.Duration {
	return time.Duration(t.opts.Phase2LifetimeSeconds) * time.Second
}

// RekeyMargin returns the time before expiry at which the AWS side rekeys.
func (t Tunnel) RekeyMargin() time.Duration {
	return time.Duration(t.opts.RekeyMarginTimeSeconds) * time.Second
}

// RekeyFuzzPercentage returns the percentage by which the rekey margin is
// randomly increased.
func (t Tunnel) RekeyFuzzPercentage() int { n, _ := t.opts.RekeyFuzzPercentage.Value(); return n }

// ReplayWindowSize returns the IPsec replay window in packets.
func (t Tunnel) ReplayWindowSize() int { return t.opts.ReplayWindowSize }

// DPDTimeout returns the dead peer detection timeout.
func (t Tunnel) DPDTimeout() time.Duration {
	return time.Duration(t.opts.DPDTimeoutSeconds) * time.Second
}

// DPDTimeoutAction returns what the AWS side does on a DPD timeout.
func (t Tunnel) DPDTimeoutAction() DPDAction { return t.opts.DPDTimeoutAction }

// StartupAction returns who starts IKE: add (the customer) or start (AWS).
func (t Tunnel) StartupAction() StartupAction { return t.opts.StartupAction }

// LifecycleControl reports whether tunnel endpoint lifecycle control is on
// (EnableTunnelLifecycleControl): the customer may apply pending
// maintenance before AWS does ([Connection.ReplaceTunnel]).
func (t Tunnel) LifecycleControl() bool {
	on, _ := t.opts.EnableTunnelLifecycleControl.Value()
	return on
}

// LogOptions returns the tunnel's resolved CloudWatch Logs settings.
func (t Tunnel) LogOptions() CloudWatchLogOptions { cw, _ := t.opts.LogOptions.CloudWatch(); return cw }

// Maintenance returns the tunnel endpoint's maintenance, as
// GetVpnTunnelReplacementStatus reports it.
func (t Tunnel) Maintenance() Maintenance { return t.maint }

// Telemetry returns the tunnel's last reported status.
func (t Tunnel) Telemetry() Telemetry { return t.telemetry }

// String describes the tunnel without its key:
// "198.51.100.10 <-> 192.0.2.7 inside 169.254.12.0/30".
func (t Tunnel) String() string {
	if !t.IsValid() {
		return "invalid Tunnel"
	}
	return t.customer.String() + " <-> " + t.outside.String() + " inside " + t.inside.String()
}

// Format writes [Tunnel.String] for every verb, so no verb prints the key.
func (t Tunnel) Format(f fmt.State, verb rune) { formatString(f, verb, t.String()) }

func formatString(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	io.WriteString(f, s)
}
