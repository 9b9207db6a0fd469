package ec2emu_test

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestDryRunEveryAction sends every action with well-formed parameters and
// DryRun=true: each answers 412 DryRunOperation and changes nothing.
func TestDryRunEveryAction(t *testing.T) {
	e := newEnv(t)
	const (
		vpc  = "vpc-0123456789abcdef0"
		pcx  = "pcx-0123456789abcdef0"
		rtb  = "rtb-0123456789abcdef0"
		cgw  = "cgw-0123456789abcdef0"
		vgw  = "vgw-0123456789abcdef0"
		vpn  = "vpn-0123456789abcdef0"
		dest = "&DestinationCidrBlock=10.9.0.0/16"
	)
	actions := map[string]string{
		"CreateVpc":                                 "CidrBlock=10.0.0.0/16",
		"DescribeVpcs":                              "",
		"DeleteVpc":                                 "VpcId=" + vpc,
		"AssociateVpcCidrBlock":                     "VpcId=" + vpc + "&CidrBlock=10.1.0.0/16",
		"CreateVpcPeeringConnection":                "VpcId=" + vpc + "&PeerVpcId=vpc-1123456789abcdef0",
		"AcceptVpcPeeringConnection":                "VpcPeeringConnectionId=" + pcx,
		"RejectVpcPeeringConnection":                "VpcPeeringConnectionId=" + pcx,
		"DeleteVpcPeeringConnection":                "VpcPeeringConnectionId=" + pcx,
		"DescribeVpcPeeringConnections":             "",
		"ModifyVpcPeeringConnectionOptions":         "VpcPeeringConnectionId=" + pcx + "&RequesterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc=true",
		"CreateRouteTable":                          "VpcId=" + vpc,
		"DescribeRouteTables":                       "",
		"DeleteRouteTable":                          "RouteTableId=" + rtb,
		"CreateRoute":                               "RouteTableId=" + rtb + dest + "&VpcPeeringConnectionId=" + pcx,
		"ReplaceRoute":                              "RouteTableId=" + rtb + dest + "&VpcPeeringConnectionId=" + pcx,
		"DeleteRoute":                               "RouteTableId=" + rtb + dest,
		"EnableVgwRoutePropagation":                 "RouteTableId=" + rtb + "&GatewayId=" + vgw,
		"DisableVgwRoutePropagation":                "RouteTableId=" + rtb + "&GatewayId=" + vgw,
		"CreateCustomerGateway":                     "Type=ipsec.1&IpAddress=198.51.100.7&BgpAsn=65000",
		"DescribeCustomerGateways":                  "",
		"DeleteCustomerGateway":                     "CustomerGatewayId=" + cgw,
		"CreateVpnGateway":                          "Type=ipsec.1",
		"DescribeVpnGateways":                       "",
		"AttachVpnGateway":                          "VpcId=" + vpc + "&VpnGatewayId=" + vgw,
		"DetachVpnGateway":                          "VpcId=" + vpc + "&VpnGatewayId=" + vgw,
		"DeleteVpnGateway":                          "VpnGatewayId=" + vgw,
		"CreateVpnConnection":                       "Type=ipsec.1&CustomerGatewayId=" + cgw + "&VpnGatewayId=" + vgw + "&Options.StaticRoutesOnly=true",
		"DescribeVpnConnections":                    "",
		"DeleteVpnConnection":                       "VpnConnectionId=" + vpn,
		"CreateVpnConnectionRoute":                  "VpnConnectionId=" + vpn + dest,
		"DeleteVpnConnectionRoute":                  "VpnConnectionId=" + vpn + dest,
		"GetVpnConnectionDeviceTypes":               "",
		"GetVpnConnectionDeviceSampleConfiguration": "VpnConnectionId=" + vpn + "&VpnConnectionDeviceTypeId=fb8b1bd8",
		"ModifyVpnTunnelOptions":                    "VpnConnectionId=" + vpn + "&VpnTunnelOutsideIpAddress=192.0.2.1&TunnelOptions.DPDTimeoutSeconds=45",
		"ModifyVpnConnectionOptions":                "VpnConnectionId=" + vpn + "&LocalIpv4NetworkCidr=10.0.0.0/8",
		"ModifyVpnConnection":                       "VpnConnectionId=" + vpn + "&CustomerGatewayId=" + cgw,
		"ReplaceVpnTunnel":                          "VpnConnectionId=" + vpn + "&VpnTunnelOutsideIpAddress=192.0.2.1&ApplyPendingMaintenance=true",
		"GetVpnTunnelReplacementStatus":             "VpnConnectionId=" + vpn + "&VpnTunnelOutsideIpAddress=192.0.2.1",
		"CreateTags":                                "ResourceId.1=" + vpc + "&Tag.1.Key=k&Tag.1.Value=v",
		"DeleteTags":                                "ResourceId.1=" + vpc + "&Tag.1.Key=k",
	}
	for action, params := range actions {
		t.Run(action, func(t *testing.T) {
			status, body := e.raw("POST", form, "Action="+action+"&Version=2016-11-15&DryRun=true&"+params, nil)
			var doc ec2Error
			if err := xml.Unmarshal([]byte(body), &doc); err != nil || status != 412 || doc.Errors[0].Code != "DryRunOperation" {
				t.Fatalf("%s with DryRun: %d %s", action, status, body)
			}
		})
	}
	// Nothing was created.
	for _, list := range []string{"DescribeVpcs", "DescribeCustomerGateways", "DescribeVpnGateways", "DescribeVpnConnections", "DescribeRouteTables", "DescribeVpcPeeringConnections"} {
		status, body := e.raw("POST", form, "Action="+list, nil)
		if status != 200 || strings.Contains(body, "<item>") {
			t.Fatalf("%s after dry runs: %d %s", list, status, body)
		}
	}
}
