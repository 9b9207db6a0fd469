package vpn

import (
	"net/netip"
	"strconv"
	"strings"
)

// writeGeneric renders the vendor-agnostic text configuration: for each
// tunnel the IKE and IPsec parameters the tunnel accepts, the outside and
// inside addresses, and the BGP or static routing.
func writeGeneric(b *strings.Builder, c Connection, v IKEVersion, tunnels []int) error {
	routing := "dynamic (BGP)"
	if c.options.StaticRoutesOnly {
		routing = "static"
	}
	gw, gwKind := c.vpnGatewayID, "Virtual Private Gateway"
	if gw == "" && c.transitGatewayID != "" {
		gw, gwKind = c.transitGatewayID, "Transit Gateway"
	}
	b.WriteString("Amazon Web Services\nSite-to-Site VPN: generic customer gateway configuration\n\n")
	line(b, 0, "VPN Connection ID", c.id)
	line(b, 0, "Customer Gateway ID", c.customerGatewayID)
	if gw != "" {
		line(b, 0, gwKind+" ID", gw)
	}
	line(b, 0, "Routing", routing)
	line(b, 0, "IKE version", "IKEv"+strings.TrimPrefix(v.String(), "ikev"))
	b.WriteString("\nAWS accepts the proposals below and evaluates them starting with the\nlowest value, whatever their order. Configure at least one of each.\n")
	for _, i := range tunnels {
		t := c.tunnels[i]
		o := t.opts
		fuzz, _ := o.RekeyFuzzPercentage.Value()
		n := strconv.Itoa(i + 1)
		b.WriteString("\n\nIPsec Tunnel #" + n + "\n================\n\n")
		b.WriteString("#1: Internet Key Exchange (IKE) Configuration\n\n")
		line(b, 1, "Authentication method", "pre-shared key")
		line(b, 1, "Pre-shared key", o.PreSharedKey.Reveal())
		line(b, 1, "Encryption algorithms", joinNames(o.Phase1EncryptionAlgorithms))
		line(b, 1, "Integrity algorithms", joinNames(o.Phase1IntegrityAlgorithms))
		line(b, 1, "Diffie-Hellman groups", joinNames(o.Phase1DHGroupNumbers))
		line(b, 1, "Lifetime", strconv.Itoa(o.Phase1LifetimeSeconds)+" seconds")
		if v == IKEv1 {
			line(b, 1, "Mode", "main")
		}
		line(b, 1, "Rekey margin", strconv.Itoa(o.RekeyMarginTimeSeconds)+" seconds, fuzz "+strconv.Itoa(fuzz)+"%")
		line(b, 1, "Dead peer detection", "interval "+strconv.Itoa(xmlDPDInterval)+" seconds, timeout "+
			strconv.Itoa(o.DPDTimeoutSeconds)+" seconds, AWS action "+o.DPDTimeoutAction.String())
		if o.StartupAction == StartupStart {
			line(b, 1, "Startup", "AWS initiates the tunnel")
		} else {
			line(b, 1, "Startup", "the customer gateway must initiate the tunnel")
		}
		b.WriteString("\n#2: IPsec Configuration\n\n")
		line(b, 1, "Protocol", "ESP, tunnel mode")
		line(b, 1, "Encryption algorithms", joinNames(o.Phase2EncryptionAlgorithms))
		line(b, 1, "Integrity algorithms", joinNames(o.Phase2IntegrityAlgorithms)+" (none with GCM)")
		line(b, 1, "Perfect forward secrecy", "Diffie-Hellman groups "+joinNames(o.Phase2DHGroupNumbers))
		line(b, 1, "Lifetime", strconv.Itoa(o.Phase2LifetimeSeconds)+" seconds")
		line(b, 1, "Replay window", strconv.Itoa(o.ReplayWindowSize)+" packets")
		line(b, 1, "DF bit", "clear; fragment before encryption")
		line(b, 1, "TCP MSS adjustment", strconv.Itoa(xmlTCPMSS)+" bytes")
		b.WriteString("\n#3: Tunnel Interface Configuration\n\n")
		line(b, 1, "Customer gateway outside address", t.customer.String())
		line(b, 1, "AWS outside address", t.outside.String())
		line(b, 1, "Customer gateway inside address", netip.PrefixFrom(t.CustomerInsideAddress(), t.inside.Bits()).String())
		line(b, 1, "AWS inside address", netip.PrefixFrom(t.AWSInsideAddress(), t.inside.Bits()).String())
		line(b, 1, "Tunnel MTU", "1436 bytes")
		line(b, 1, "Local network (customer side)", localNetwork(c).String())
		line(b, 1, "Remote network (AWS side)", remoteNetwork(c).String())
		if c.options.StaticRoutesOnly {
			b.WriteString("\n#4: Static Routing Configuration\n\n")
			line(b, 1, "Route", remoteNetwork(c).String()+" via the tunnel interface (next hop "+t.AWSInsideAddress().String()+")")
		} else {
			b.WriteString("\n#4: Border Gateway Protocol (BGP) Configuration\n\n")
			line(b, 1, "Customer gateway ASN", asn(c.customerASN))
			line(b, 1, "AWS ASN", asn(c.amazonASN))
			line(b, 1, "Neighbor address", t.AWSInsideAddress().String())
			line(b, 1, "Hold time", strconv.Itoa(BGPHoldTimeSeconds)+" seconds")
		}
	}
	return nil
}

func line(b *strings.Builder, depth int, key, value string) {
	b.WriteString(indent[:2*depth])
	if depth > 0 {
		b.WriteString("- ")
	}
	b.WriteString(key)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteByte('\n')
}

func joinNames[T interface{ String() string }](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, ", ")
}
