package ec2emu_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestMoreRefusals reaches the library refusals the flow tests do not:
// each surfaces through the API with its EC2 code unchanged.
func TestMoreRefusals(t *testing.T) {
	e := newEnv(t)
	us, eu := e.client(alice, "us-east-1"), e.client(alice, "eu-west-1")

	// Peering: same account across Regions is accepted in the accepter's Region.
	a, b := e.newVPC(us, "10.1.0.0/16"), e.newVPC(eu, "10.2.0.0/16")
	o := must[*ec2.CreateVpcPeeringConnectionOutput](t)(us.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b, PeerRegion: aws.String("eu-west-1")}))
	pcx := o.VpcPeeringConnection.VpcPeeringConnectionId
	_, err := us.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: pcx})
	wantCode(t, err, "OperationNotPermitted")
	_, err = us.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String("pcx-nothex")})
	wantCode(t, err, "InvalidVpcPeeringConnectionId.Malformed")
	must[*ec2.AcceptVpcPeeringConnectionOutput](t)(eu.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: pcx}))

	// VPN.
	cg := func(asn int32, ip string) string {
		o := must[*ec2.CreateCustomerGatewayOutput](t)(us.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{Type: types.GatewayTypeIpsec1, BgpAsn: aws.Int32(asn), IpAddress: aws.String(ip)}))
		return aws.ToString(o.CustomerGateway.CustomerGatewayId)
	}
	vg := aws.ToString(must[*ec2.CreateVpnGatewayOutput](t)(us.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})).VpnGateway.VpnGatewayId)
	sameASN, first, second := cg(64512, "198.51.100.1"), cg(65001, "198.51.100.2"), cg(65002, "198.51.100.3")
	conn := func(cgw string, static bool, inside string) (*ec2.CreateVpnConnectionOutput, error) {
		opts := &types.VpnConnectionOptionsSpecification{StaticRoutesOnly: aws.Bool(static)}
		if inside != "" {
			opts.TunnelOptions = []types.VpnTunnelOptionsSpecification{{TunnelInsideCidr: aws.String(inside)}}
		}
		return us.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: &cgw, VpnGatewayId: &vg, Options: opts})
	}
	_, err = conn(sameASN, false, "")
	wantCode(t, err, "AsnConflict")
	bgp := must[*ec2.CreateVpnConnectionOutput](t)(conn(first, false, "169.254.100.0/30"))
	_, err = conn(second, true, "169.254.100.0/30")
	wantCode(t, err, "InvalidCidr.InUse")
	_, err = us.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: &second, VpnGatewayId: &vg,
		Options: &types.VpnConnectionOptionsSpecification{TunnelOptions: []types.VpnTunnelOptionsSpecification{
			{TunnelInsideCidr: aws.String("169.254.101.0/30")}, {TunnelInsideCidr: aws.String("169.254.101.0/30")}}}})
	wantCode(t, err, "InvalidParameterValue")
	_, err = us.CreateVpnConnectionRoute(e.ctx, &ec2.CreateVpnConnectionRouteInput{VpnConnectionId: bgp.VpnConnection.VpnConnectionId, DestinationCidrBlock: aws.String("192.168.1.0/24")})
	wantCode(t, err, "InvalidVpnConnection.InvalidType")
	_, err = us.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.2"), CustomerGatewayId: &second, VpnGatewayId: &vg})
	wantCode(t, err, "InvalidParameterValue")
	_, err = us.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: &second, VpnGatewayId: aws.String("vgw-0123456789abcdef0")})
	wantCode(t, err, "InvalidVpnGatewayID.NotFound")
	_, err = us.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{Type: aws.String("ipsec.1"), CustomerGatewayId: &second, VpnGatewayId: &vg,
		Options: &types.VpnConnectionOptionsSpecification{TunnelOptions: []types.VpnTunnelOptionsSpecification{
			{Phase1LifetimeSeconds: aws.Int32(1000), Phase2LifetimeSeconds: aws.Int32(1200)}}}})
	wantCode(t, err, "InvalidParameterCombination")
	_, err = us.AttachVpnGateway(e.ctx, &ec2.AttachVpnGatewayInput{VpcId: aws.String("vpc-0123456789abcdef0"), VpnGatewayId: &vg})
	wantCode(t, err, "InvalidVpcID.NotFound")
}
