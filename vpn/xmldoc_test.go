package vpn_test

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/vpn"
)

// xmlDoc is the customer gateway configuration as a reader would decode it,
// written from spec F.8 independently of the package's writer.
type xmlDoc struct {
	XMLName           xml.Name    `xml:"vpn_connection"`
	ID                string      `xml:"id,attr"`
	CustomerGatewayID string      `xml:"customer_gateway_id"`
	VPNGatewayID      string      `xml:"vpn_gateway_id"`
	Type              string      `xml:"vpn_connection_type"`
	Attributes        *string     `xml:"vpn_connection_attributes"`
	Tunnels           []xmlTunnel `xml:"ipsec_tunnel"`
}

type xmlSide struct {
	OutsideIP string `xml:"tunnel_outside_address>ip_address"`
	InsideIP  string `xml:"tunnel_inside_address>ip_address"`
	Mask      string `xml:"tunnel_inside_address>network_mask"`
	CIDR      string `xml:"tunnel_inside_address>network_cidr"`
	BGP       *struct {
		ASN      string `xml:"asn"`
		HoldTime string `xml:"hold_time"`
	} `xml:"bgp"`
}

type xmlTunnel struct {
	Customer xmlSide `xml:"customer_gateway"`
	AWS      xmlSide `xml:"vpn_gateway"`
	IKE      struct {
		Auth     string `xml:"authentication_protocol"`
		Enc      string `xml:"encryption_protocol"`
		Lifetime string `xml:"lifetime"`
		PFS      string `xml:"perfect_forward_secrecy"`
		Mode     string `xml:"mode"`
		PSK      string `xml:"pre_shared_key"`
	} `xml:"ike"`
	IPsec struct {
		Protocol string `xml:"protocol"`
		Lifetime string `xml:"lifetime"`
		MSS      string `xml:"tcp_mss_adjustment"`
		Interval string `xml:"dead_peer_detection>interval"`
		Retries  string `xml:"dead_peer_detection>retries"`
	} `xml:"ipsec"`
}

// topLevel returns the names of vpn_connection's child elements in order.
func topLevel(doc string) ([]string, error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	var names []string
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if depth == 0 && len(names) > 0 {
				return names, nil
			}
			return names, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				names = append(names, tok.Name.Local)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// checkXML decodes c's configuration and compares every value with c's own.
func checkXML(c vpn.Connection) error {
	doc := c.CustomerGatewayConfiguration()
	if !strings.HasPrefix(doc, `<?xml version="1.0" encoding="UTF-8"?>`+"\n") {
		return fmt.Errorf("no XML declaration")
	}
	var x xmlDoc
	if err := xml.Unmarshal([]byte(doc), &x); err != nil {
		return fmt.Errorf("does not parse: %v", err)
	}
	names, err := topLevel(doc)
	if err != nil {
		return fmt.Errorf("tokens: %v", err)
	}
	want := []string{"customer_gateway_id", "vpn_gateway_id", "vpn_connection_type"}
	if c.StaticRoutesOnly() {
		want = append(want, "vpn_connection_attributes")
	}
	want = append(want, "ipsec_tunnel", "ipsec_tunnel")
	if strings.Join(names, " ") != strings.Join(want, " ") {
		return fmt.Errorf("elements %v, want %v", names, want)
	}
	if x.ID != c.ID() || x.CustomerGatewayID != c.CustomerGatewayID() || x.VPNGatewayID != c.VPNGatewayID() || x.Type != "ipsec.1" {
		return fmt.Errorf("header %q %q %q %q", x.ID, x.CustomerGatewayID, x.VPNGatewayID, x.Type)
	}
	if c.StaticRoutesOnly() != (x.Attributes != nil) || x.Attributes != nil && *x.Attributes != "NoBGPVPNConnection" {
		return fmt.Errorf("vpn_connection_attributes = %v for static=%v", x.Attributes, c.StaticRoutesOnly())
	}
	for i, tun := range c.Tunnels() {
		xt := x.Tunnels[i]
		in := tun.InsideCIDR()
		bits := strconv.Itoa(in.Bits())
		if xt.Customer.OutsideIP != c.CustomerGatewayAddress().String() || xt.AWS.OutsideIP != tun.AWSOutsideAddress().String() {
			return fmt.Errorf("tunnel %d outside %s %s", i, xt.Customer.OutsideIP, xt.AWS.OutsideIP)
		}
		// AWS is network+1, the customer network+2 (spec F.8).
		net := in.Addr()
		if xt.AWS.InsideIP != net.Next().String() || xt.Customer.InsideIP != net.Next().Next().String() ||
			xt.AWS.CIDR != bits || xt.Customer.CIDR != bits {
			return fmt.Errorf("tunnel %d inside %s %s /%s for %v", i, xt.AWS.InsideIP, xt.Customer.InsideIP, xt.AWS.CIDR, in)
		}
		if in.Addr().Is4() && (xt.AWS.Mask != "255.255.255.252" || xt.Customer.Mask != "255.255.255.252") {
			return fmt.Errorf("tunnel %d mask %q", i, xt.AWS.Mask)
		}
		if xt.IKE.PSK != tun.PSK().Reveal() {
			return fmt.Errorf("tunnel %d key differs", i)
		}
		if c.StaticRoutesOnly() != (xt.Customer.BGP == nil) || (xt.AWS.BGP == nil) != (xt.Customer.BGP == nil) {
			return fmt.Errorf("tunnel %d bgp presence wrong", i)
		}
		if xt.Customer.BGP != nil && (xt.Customer.BGP.ASN != strconv.FormatInt(c.CustomerGatewayASN(), 10) ||
			xt.AWS.BGP.ASN != strconv.FormatInt(c.AmazonSideASN(), 10) || xt.AWS.BGP.HoldTime != "30") {
			return fmt.Errorf("tunnel %d bgp %+v %+v", i, *xt.Customer.BGP, *xt.AWS.BGP)
		}
		// The IKE and IPsec blocks keep AWS's baseline (H.13).
		if xt.IKE.Auth != "sha1" || xt.IKE.Enc != "aes-128-cbc" || xt.IKE.Lifetime != "28800" || xt.IKE.PFS != "group2" ||
			xt.IKE.Mode != "main" || xt.IPsec.Protocol != "esp" || xt.IPsec.Lifetime != "3600" || xt.IPsec.MSS != "1379" ||
			xt.IPsec.Interval != "10" || xt.IPsec.Retries != "3" {
			return fmt.Errorf("tunnel %d baseline %+v %+v", i, xt.IKE, xt.IPsec)
		}
	}
	return nil
}
