package vpn

// WithIDsForTest returns c with its own, customer gateway and VPN gateway
// IDs replaced, so fuzz targets can feed arbitrary text into the XML.
func WithIDsForTest(c Connection, id, cgw, vgw string) Connection {
	c.id, c.customerGatewayID, c.vpnGatewayID = id, cgw, vgw
	return c
}
