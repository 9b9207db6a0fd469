package ec2emu_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// gatewayConfig is the part of the customer gateway configuration XML the
// test reads back.
type gatewayConfig struct {
	XMLName    xml.Name `xml:"vpn_connection"`
	ID         string   `xml:"id,attr"`
	CGW        string   `xml:"customer_gateway_id"`
	VGW        string   `xml:"vpn_gateway_id"`
	Attributes string   `xml:"vpn_connection_attributes"`
	Tunnels    []struct {
		CustomerOutside string `xml:"customer_gateway>tunnel_outside_address>ip_address"`
		CustomerInside  string `xml:"customer_gateway>tunnel_inside_address>ip_address"`
		AWSOutside      string `xml:"vpn_gateway>tunnel_outside_address>ip_address"`
		AWSInside       string `xml:"vpn_gateway>tunnel_inside_address>ip_address"`
		PSK             string `xml:"ike>pre_shared_key"`
	} `xml:"ipsec_tunnel"`
}

func TestVPN(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	vpcID := e.newVPC(c, "10.1.0.0/16")

	cg := must[*ec2.CreateCustomerGatewayOutput](t)(c.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{
		Type: types.GatewayTypeIpsec1, BgpAsn: aws.Int32(65010), IpAddress: aws.String("198.51.100.7")})).CustomerGateway
	if aws.ToString(cg.State) != "available" || aws.ToString(cg.BgpAsn) != "65010" {
		t.Fatalf("CreateCustomerGateway = %+v", cg)
	}
	cgID := aws.ToString(cg.CustomerGatewayId)
	again := must[*ec2.CreateCustomerGatewayOutput](t)(c.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{
		Type: types.GatewayTypeIpsec1, BgpAsn: aws.Int32(65010), IpAddress: aws.String("198.51.100.7")})).CustomerGateway
	if aws.ToString(again.CustomerGatewayId) != cgID {
		t.Fatalf("an identical CreateCustomerGateway made %s, want %s", aws.ToString(again.CustomerGatewayId), cgID)
	}
	_, err := c.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{Type: types.GatewayTypeIpsec1, IpAddress: aws.String("not-an-ip")})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{Type: types.GatewayTypeIpsec1, IpAddress: aws.String("198.51.100.8"),
		BgpAsn: aws.Int32(65000), BgpAsnExtended: aws.Int64(4_000_000_000)})
	wantCode(t, err, "InvalidParameterCombination")

	vg := must[*ec2.CreateVpnGatewayOutput](t)(c.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})).VpnGateway
	vgID := aws.ToString(vg.VpnGatewayId)
	if aws.ToInt64(vg.AmazonSideAsn) != 64512 || vg.State != types.VpnStateAvailable {
		t.Fatalf("CreateVpnGateway = %+v", vg)
	}
	_, err = c.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1, AmazonSideAsn: aws.Int64(65535)})
	wantCode(t, err, "InvalidParameterValue")
	at := must[*ec2.AttachVpnGatewayOutput](t)(c.AttachVpnGateway(e.ctx, &ec2.AttachVpnGatewayInput{VpcId: &vpcID, VpnGatewayId: &vgID}))
	if at.VpcAttachment.State != types.AttachmentStatusAttaching {
		t.Fatalf("AttachVpnGateway = %+v", at.VpcAttachment)
	}
	dg := must[*ec2.DescribeVpnGatewaysOutput](t)(c.DescribeVpnGateways(e.ctx, &ec2.DescribeVpnGatewaysInput{
		Filters: []types.Filter{{Name: aws.String("attachment.vpc-id"), Values: []string{vpcID}}}}))
	if len(dg.VpnGateways) != 1 || dg.VpnGateways[0].VpcAttachments[0].State != types.AttachmentStatusAttached {
		t.Fatalf("DescribeVpnGateways = %+v", dg.VpnGateways)
	}
	other := aws.ToString(must[*ec2.CreateVpnGatewayOutput](t)(c.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})).VpnGateway.VpnGatewayId)
	_, err = c.AttachVpnGateway(e.ctx, &ec2.AttachVpnGatewayInput{VpcId: &vpcID, VpnGatewayId: &other})
	wantCode(t, err, "InvalidVpcState")

	spec := func(cidr, psk string) *ec2.CreateVpnConnectionInput {
		return &ec2.CreateVpnConnectionInput{
			Type: aws.String("ipsec.1"), CustomerGatewayId: &cgID, VpnGatewayId: &vgID,
			Options: &types.VpnConnectionOptionsSpecification{
				StaticRoutesOnly: aws.Bool(true),
				TunnelOptions: []types.VpnTunnelOptionsSpecification{{
					TunnelInsideCidr:           aws.String(cidr),
					PreSharedKey:               aws.String(psk),
					Phase1EncryptionAlgorithms: []types.Phase1EncryptionAlgorithmsRequestListValue{{Value: aws.String("AES256")}},
					Phase1DHGroupNumbers:       []types.Phase1DHGroupNumbersRequestListValue{{Value: aws.Int32(14)}},
					IKEVersions:                []types.IKEVersionsRequestListValue{{Value: aws.String("ikev2")}},
				}},
			},
		}
	}
	for _, tt := range []struct {
		name string
		in   *ec2.CreateVpnConnectionInput
		code string
	}{
		{"reserved inside cidr", spec("169.254.1.0/30", "abcdefgh_1"), "InvalidParameterValue"},
		{"not a /30", spec("169.254.10.0/29", "abcdefgh_1"), "InvalidParameterValue"},
		{"psk starts with 0", spec("169.254.10.0/30", "0abcdefgh"), "InvalidParameterValue"},
		{"psk alphabet", spec("169.254.10.0/30", "abc+defgh"), "InvalidParameterValue"},
	} {
		_, err := c.CreateVpnConnection(e.ctx, tt.in)
		if err == nil {
			t.Fatalf("%s: CreateVpnConnection succeeded", tt.name)
		}
		wantCode(t, err, tt.code)
	}
	_, err = c.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: aws.String("cgw-0123456789abcdef0"), VpnGatewayId: &vgID})
	wantCode(t, err, "InvalidCustomerGatewayID.NotFound")

	created := must[*ec2.CreateVpnConnectionOutput](t)(c.CreateVpnConnection(e.ctx, spec("169.254.10.0/30", "abcdefgh_1"))).VpnConnection
	id := aws.ToString(created.VpnConnectionId)
	if created.State != types.VpnStatePending || len(created.Options.TunnelOptions) != 2 {
		t.Fatalf("CreateVpnConnection = %+v", created)
	}
	var cfg gatewayConfig
	if err := xml.Unmarshal([]byte(aws.ToString(created.CustomerGatewayConfiguration)), &cfg); err != nil {
		t.Fatalf("customer gateway configuration: %v", err)
	}
	if cfg.ID != id || cfg.CGW != cgID || cfg.VGW != vgID || cfg.Attributes != "NoBGPVPNConnection" || len(cfg.Tunnels) != 2 ||
		cfg.Tunnels[0].AWSInside != "169.254.10.1" || cfg.Tunnels[0].CustomerInside != "169.254.10.2" ||
		cfg.Tunnels[0].PSK != "abcdefgh_1" || cfg.Tunnels[0].CustomerOutside != "198.51.100.7" ||
		cfg.Tunnels[0].AWSOutside != aws.ToString(created.Options.TunnelOptions[0].OutsideIpAddress) {
		t.Fatalf("customer gateway configuration = %+v", cfg)
	}
	if len(cfg.Tunnels[1].PSK) != 32 || cfg.Tunnels[1].AWSInside == cfg.Tunnels[0].AWSInside {
		t.Fatalf("second tunnel not generated: %+v", cfg.Tunnels[1])
	}
	to := created.Options.TunnelOptions[0]
	if len(to.Phase1EncryptionAlgorithms) != 1 || aws.ToString(to.Phase1EncryptionAlgorithms[0].Value) != "AES256" ||
		aws.ToInt32(to.Phase1DHGroupNumbers[0].Value) != 14 || aws.ToString(to.IkeVersions[0].Value) != "ikev2" {
		t.Fatalf("tunnel options = %+v", to)
	}
	_, err = c.CreateVpnConnection(e.ctx, spec("169.254.20.0/30", "abcdefgh_2"))
	wantCode(t, err, "InvalidOption.Conflict")
	// The SDK's own waiter sees the connection become available.
	w := ec2.NewVpnConnectionAvailableWaiter(c, func(o *ec2.VpnConnectionAvailableWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	})
	if err := w.Wait(e.ctx, &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{id}}, 5*time.Second); err != nil {
		t.Fatalf("VpnConnectionAvailable waiter: %v", err)
	}
	// Routes wait until the connection is available: the next request.
	dv := must[*ec2.DescribeVpnConnectionsOutput](t)(c.DescribeVpnConnections(e.ctx, &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{id}}))
	got := dv.VpnConnections[0]
	if got.State != types.VpnStateAvailable || len(got.VgwTelemetry) != 2 || got.VgwTelemetry[0].Status != types.TelemetryStatusUp {
		t.Fatalf("DescribeVpnConnections = %+v", got)
	}
	must[*ec2.CreateVpnConnectionRouteOutput](t)(c.CreateVpnConnectionRoute(e.ctx, &ec2.CreateVpnConnectionRouteInput{VpnConnectionId: &id, DestinationCidrBlock: aws.String("192.168.0.0/24")}))
	_, err = c.CreateVpnConnectionRoute(e.ctx, &ec2.CreateVpnConnectionRouteInput{VpnConnectionId: &id, DestinationCidrBlock: aws.String("192.168.0.0/33")})
	wantCode(t, err, "InvalidParameterValue")

	// Propagation: the main table gains the static route through the VGW.
	tables := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}}))
	mainID := aws.ToString(tables.RouteTables[0].RouteTableId)
	_, err = c.EnableVgwRoutePropagation(e.ctx, &ec2.EnableVgwRoutePropagationInput{GatewayId: &other, RouteTableId: &mainID})
	if err == nil {
		t.Fatal("propagation from a detached gateway succeeded")
	}
	must[*ec2.EnableVgwRoutePropagationOutput](t)(c.EnableVgwRoutePropagation(e.ctx, &ec2.EnableVgwRoutePropagationInput{GatewayId: &vgID, RouteTableId: &mainID}))
	r := e.routeTo(c, mainID, "192.168.0.0/24")
	if r == nil || aws.ToString(r.GatewayId) != vgID || r.Origin != types.RouteOriginEnableVgwRoutePropagation || r.State != types.RouteStateActive {
		t.Fatalf("propagated route = %+v", r)
	}
	must[*ec2.DeleteVpnConnectionRouteOutput](t)(c.DeleteVpnConnectionRoute(e.ctx, &ec2.DeleteVpnConnectionRouteInput{VpnConnectionId: &id, DestinationCidrBlock: aws.String("192.168.0.0/24")}))
	if r := e.routeTo(c, mainID, "192.168.0.0/24"); r != nil {
		t.Fatalf("route still propagated after DeleteVpnConnectionRoute: %+v", r)
	}
	must[*ec2.DisableVgwRoutePropagationOutput](t)(c.DisableVgwRoutePropagation(e.ctx, &ec2.DisableVgwRoutePropagationInput{GatewayId: &vgID, RouteTableId: &mainID}))

	// Sample configurations.
	dt := must[*ec2.GetVpnConnectionDeviceTypesOutput](t)(c.GetVpnConnectionDeviceTypes(e.ctx, &ec2.GetVpnConnectionDeviceTypesInput{}))
	found := false
	for _, d := range dt.VpnConnectionDeviceTypes {
		found = found || aws.ToString(d.VpnConnectionDeviceTypeId) == "fb8b1bd8"
	}
	if !found {
		t.Fatalf("device types lack strongSwan: %+v", dt.VpnConnectionDeviceTypes)
	}
	sc := must[*ec2.GetVpnConnectionDeviceSampleConfigurationOutput](t)(c.GetVpnConnectionDeviceSampleConfiguration(e.ctx, &ec2.GetVpnConnectionDeviceSampleConfigurationInput{
		VpnConnectionId: &id, VpnConnectionDeviceTypeId: aws.String("fb8b1bd8"), InternetKeyExchangeVersion: aws.String("ikev2")}))
	if text := aws.ToString(sc.VpnConnectionDeviceSampleConfiguration); !strings.Contains(text, "abcdefgh_1") || !strings.Contains(text, cfg.Tunnels[0].AWSOutside) {
		t.Fatalf("sample configuration lacks the tunnel's key or address:\n%s", text)
	}
	_, err = c.GetVpnConnectionDeviceSampleConfiguration(e.ctx, &ec2.GetVpnConnectionDeviceSampleConfigurationInput{
		VpnConnectionId: &id, VpnConnectionDeviceTypeId: aws.String("00000000")})
	wantCode(t, err, "InvalidParameterValue")

	// Teardown, with the refusals on the way.
	_, err = c.DeleteCustomerGateway(e.ctx, &ec2.DeleteCustomerGatewayInput{CustomerGatewayId: &cgID})
	wantCode(t, err, "IncorrectState")
	_, err = c.DeleteVpnGateway(e.ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: &vgID})
	wantCode(t, err, "IncorrectState")
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &vpcID})
	wantCode(t, err, "DependencyViolation")
	must[*ec2.DeleteVpnConnectionOutput](t)(c.DeleteVpnConnection(e.ctx, &ec2.DeleteVpnConnectionInput{VpnConnectionId: &id}))
	dv = must[*ec2.DescribeVpnConnectionsOutput](t)(c.DescribeVpnConnections(e.ctx, &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{id}}))
	if dv.VpnConnections[0].State != types.VpnStateDeleted || dv.VpnConnections[0].CustomerGatewayConfiguration != nil {
		t.Fatalf("after delete: %+v", dv.VpnConnections[0])
	}
	must[*ec2.DetachVpnGatewayOutput](t)(c.DetachVpnGateway(e.ctx, &ec2.DetachVpnGatewayInput{VpcId: &vpcID, VpnGatewayId: &vgID}))
	_, err = c.DetachVpnGateway(e.ctx, &ec2.DetachVpnGatewayInput{VpcId: &vpcID, VpnGatewayId: &vgID})
	wantCode(t, err, "InvalidVpnGatewayAttachment.NotFound")
	must[*ec2.DeleteVpnGatewayOutput](t)(c.DeleteVpnGateway(e.ctx, &ec2.DeleteVpnGatewayInput{VpnGatewayId: &vgID}))
	must[*ec2.DeleteCustomerGatewayOutput](t)(c.DeleteCustomerGateway(e.ctx, &ec2.DeleteCustomerGatewayInput{CustomerGatewayId: &cgID}))
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &vpcID}))
	dc := must[*ec2.DescribeCustomerGatewaysOutput](t)(c.DescribeCustomerGateways(e.ctx, &ec2.DescribeCustomerGatewaysInput{CustomerGatewayIds: []string{cgID}}))
	if aws.ToString(dc.CustomerGateways[0].State) != "deleted" {
		t.Fatalf("deleted customer gateway shows %s", aws.ToString(dc.CustomerGateways[0].State))
	}
	e.advance(time.Hour)
	_, err = c.DescribeCustomerGateways(e.ctx, &ec2.DescribeCustomerGatewaysInput{CustomerGatewayIds: []string{cgID}})
	wantCode(t, err, "InvalidCustomerGatewayID.NotFound")
	_, err = c.DescribeVpnConnections(e.ctx, &ec2.DescribeVpnConnectionsInput{VpnConnectionIds: []string{id}})
	wantCode(t, err, "InvalidVpnConnectionID.NotFound")
	// Another account never saw any of it.
	dvb := must[*ec2.DescribeVpnGatewaysOutput](t)(e.client(bob, "us-east-1").DescribeVpnGateways(e.ctx, &ec2.DescribeVpnGatewaysInput{}))
	if len(dvb.VpnGateways) != 0 {
		t.Fatalf("bob sees %d gateways", len(dvb.VpnGateways))
	}
}
