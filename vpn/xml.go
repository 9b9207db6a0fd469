package vpn

import (
	"net/netip"
	"strconv"
	"strings"
)

// The IKE and IPsec values of the customer gateway configuration XML: AWS's
// fixed "minimum requirement" baseline (AES128, SHA1, DH group 2), which the
// document shows whatever the tunnel options (spec decision H.13).
const (
	xmlIKEAuthentication   = "sha1"
	xmlIKEEncryption       = "aes-128-cbc"
	xmlIKELifetime         = 28800
	xmlPFS                 = "group2"
	xmlIKEMode             = "main"
	xmlIPsecAuthentication = "hmac-sha1-96"
	xmlIPsecEncryption     = "aes-128-cbc"
	xmlIPsecLifetime       = 3600
	xmlTCPMSS              = 1379 // AWS's XML says 1379 (moto's template says 1387)
	xmlDPDInterval         = 10
	xmlDPDRetries          = 3
)

// NoBGPAttribute is the value of vpn_connection_attributes in the XML of a
// static (StaticRoutesOnly) connection.
const NoBGPAttribute = "NoBGPVPNConnection"

// CustomerGatewayConfiguration returns the connection's customer gateway
// configuration, the XML document EC2 returns in CustomerGatewayConfiguration
// (spec F.8, decision H.13):
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<vpn_connection id="vpn-…">
//	  <customer_gateway_id>, <vpn_gateway_id> (empty for a transit gateway),
//	  <vpn_connection_type>ipsec.1</vpn_connection_type>,
//	  <vpn_connection_attributes>NoBGPVPNConnection</…> (static connections only),
//	  then one <ipsec_tunnel> per tunnel: <customer_gateway> and <vpn_gateway>
//	  (outside address; inside address, mask and prefix length; <bgp> with
//	  ASN and hold time 30 on dynamic connections only), <ike> and <ipsec>.
//
// Inside addresses: AWS is the inside CIDR's network + 1, the customer
// network + 2. The outside addresses, ASNs and pre-shared keys are the
// connection's own; the IKE and IPsec blocks hold AWS's baseline (sha1,
// aes-128-cbc, group2, lifetimes 28800 and 3600, TCP MSS 1379, DPD 10 s × 3).
// For an ipv6 connection the inside address elements carry the IPv6
// address and network_cidr 126, without network_mask (AWS's IPv6 rendering
// is undocumented). Two-space indentation, "\n" line ends; every text is
// escaped. The zero Connection gives "".
//
// The document contains the pre-shared keys.
func (c Connection) CustomerGatewayConfiguration() string {
	if !c.IsValid() {
		return ""
	}
	var b strings.Builder
	b.Grow(5120) // a two-tunnel BGP document is about 4.4 KB
	w := xmlWriter{&b}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<vpn_connection id="`)
	escapeXML(&b, c.id)
	b.WriteString("\">\n")
	w.elem(1, "customer_gateway_id", c.customerGatewayID)
	w.elem(1, "vpn_gateway_id", c.vpnGatewayID)
	w.elem(1, "vpn_connection_type", string(c.typ))
	bgp := !c.options.StaticRoutesOnly
	if !bgp {
		w.elem(1, "vpn_connection_attributes", NoBGPAttribute)
	}
	for _, t := range c.tunnels {
		w.open(1, "ipsec_tunnel")

		w.open(2, "customer_gateway")
		w.outside(3, t.customer)
		w.inside(3, t.CustomerInsideAddress(), t.inside)
		if bgp {
			w.bgp(3, c.customerASN)
		}
		w.close(2, "customer_gateway")

		w.open(2, "vpn_gateway")
		w.outside(3, t.outside)
		w.inside(3, t.AWSInsideAddress(), t.inside)
		if bgp {
			w.bgp(3, c.amazonASN)
		}
		w.close(2, "vpn_gateway")

		w.open(2, "ike")
		w.elem(3, "authentication_protocol", xmlIKEAuthentication)
		w.elem(3, "encryption_protocol", xmlIKEEncryption)
		w.int(3, "lifetime", xmlIKELifetime)
		w.elem(3, "perfect_forward_secrecy", xmlPFS)
		w.elem(3, "mode", xmlIKEMode)
		w.elem(3, "pre_shared_key", t.opts.PreSharedKey.Reveal())
		w.close(2, "ike")

		w.open(2, "ipsec")
		w.elem(3, "protocol", "esp")
		w.elem(3, "authentication_protocol", xmlIPsecAuthentication)
		w.elem(3, "encryption_protocol", xmlIPsecEncryption)
		w.int(3, "lifetime", xmlIPsecLifetime)
		w.elem(3, "perfect_forward_secrecy", xmlPFS)
		w.elem(3, "mode", "tunnel")
		w.elem(3, "clear_df_bit", "true")
		w.elem(3, "fragmentation_before_encryption", "true")
		w.int(3, "tcp_mss_adjustment", xmlTCPMSS)
		w.open(3, "dead_peer_detection")
		w.int(4, "interval", xmlDPDInterval)
		w.int(4, "retries", xmlDPDRetries)
		w.close(3, "dead_peer_detection")
		w.close(2, "ipsec")

		w.close(1, "ipsec_tunnel")
	}
	b.WriteString("</vpn_connection>\n")
	return b.String()
}

type xmlWriter struct{ b *strings.Builder }

const indent = "                "

func (w xmlWriter) pad(depth int) { w.b.WriteString(indent[:2*depth]) }

func (w xmlWriter) open(depth int, name string) {
	w.pad(depth)
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

func (w xmlWriter) close(depth int, name string) {
	w.pad(depth)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

func (w xmlWriter) elem(depth int, name, text string) {
	w.pad(depth)
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteByte('>')
	escapeXML(w.b, text)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// elemRaw writes an element whose text needs no escaping.
func (w xmlWriter) elemRaw(depth int, name string, text []byte) {
	w.pad(depth)
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteByte('>')
	w.b.Write(text)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

func (w xmlWriter) addr(depth int, name string, a netip.Addr) {
	var buf [48]byte
	w.elemRaw(depth, name, a.AppendTo(buf[:0]))
}

func (w xmlWriter) int(depth int, name string, n int64) {
	var buf [24]byte
	w.elemRaw(depth, name, strconv.AppendInt(buf[:0], n, 10))
}

func (w xmlWriter) outside(depth int, a netip.Addr) {
	w.open(depth, "tunnel_outside_address")
	w.addr(depth+1, "ip_address", a)
	w.close(depth, "tunnel_outside_address")
}

func (w xmlWriter) inside(depth int, a netip.Addr, p netip.Prefix) {
	w.open(depth, "tunnel_inside_address")
	w.addr(depth+1, "ip_address", a)
	if p.Addr().Is4() {
		w.elem(depth+1, "network_mask", netmask(p.Bits()))
	}
	w.int(depth+1, "network_cidr", int64(p.Bits()))
	w.close(depth, "tunnel_inside_address")
}

func (w xmlWriter) bgp(depth int, asn int64) {
	w.open(depth, "bgp")
	w.int(depth+1, "asn", asn)
	w.int(depth+1, "hold_time", BGPHoldTimeSeconds)
	w.close(depth, "bgp")
}

// netmask returns the dotted IPv4 mask of a prefix length: 30 → 255.255.255.252.
func netmask(bits int) string {
	if bits == 30 {
		return "255.255.255.252"
	}
	m := ^uint32(0) << (32 - bits)
	if bits == 0 {
		m = 0
	}
	return netip.AddrFrom4([4]byte{byte(m >> 24), byte(m >> 16), byte(m >> 8), byte(m)}).String()
}

// escapeXML writes s escaped for XML text and attribute values. Characters
// XML 1.0 cannot carry (most control characters, invalid UTF-8) become
// U+FFFD, as encoding/xml does.
func escapeXML(b *strings.Builder, s string) {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			clean = false
			break
		}
	}
	if clean {
		b.WriteString(s)
		return
	}
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t':
			b.WriteString("&#x9;")
		case r == '\n':
			b.WriteString("&#xA;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r < 0x20 || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF:
			b.WriteString("\uFFFD")
		default:
			b.WriteRune(r)
		}
	}
}
