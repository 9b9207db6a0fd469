package ec2emu_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestTunnelOptionsAsGiven checks that DescribeVpnConnections reports a
// tunnel's outside address, inside CIDR and key, and of its other options
// only those the request set, with the values set. Terraform compares these
// with its configuration: a defaulted option reported back is drift.
func TestTunnelOptionsAsGiven(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	cg := must[*ec2.CreateCustomerGatewayOutput](t)(c.CreateCustomerGateway(e.ctx, &ec2.CreateCustomerGatewayInput{
		Type: types.GatewayTypeIpsec1, BgpAsn: aws.Int32(65010), IpAddress: aws.String("198.51.100.7")})).CustomerGateway
	vg := must[*ec2.CreateVpnGatewayOutput](t)(c.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})).VpnGateway

	given := types.VpnTunnelOptionsSpecification{
		TunnelInsideCidr:           aws.String("169.254.10.0/30"),
		PreSharedKey:               aws.String("tunnel1_key.example"),
		IKEVersions:                []types.IKEVersionsRequestListValue{{Value: aws.String("ikev2")}},
		Phase1EncryptionAlgorithms: []types.Phase1EncryptionAlgorithmsRequestListValue{{Value: aws.String("AES256")}},
		Phase1DHGroupNumbers:       []types.Phase1DHGroupNumbersRequestListValue{{Value: aws.Int32(14)}},
		Phase1LifetimeSeconds:      aws.Int32(14400),
		RekeyFuzzPercentage:        aws.Int32(0),
		DPDTimeoutAction:           aws.String("restart"),
		StartupAction:              aws.String("start"),
	}
	created := must[*ec2.CreateVpnConnectionOutput](t)(c.CreateVpnConnection(e.ctx, &ec2.CreateVpnConnectionInput{
		Type: aws.String("ipsec.1"), CustomerGatewayId: cg.CustomerGatewayId, VpnGatewayId: vg.VpnGatewayId,
		Options: &types.VpnConnectionOptionsSpecification{
			StaticRoutesOnly: aws.Bool(true),
			TunnelOptions:    []types.VpnTunnelOptionsSpecification{given},
		},
	})).VpnConnection

	described := must[*ec2.DescribeVpnConnectionsOutput](t)(c.DescribeVpnConnections(e.ctx, &ec2.DescribeVpnConnectionsInput{
		VpnConnectionIds: []string{aws.ToString(created.VpnConnectionId)}})).VpnConnections
	if len(described) != 1 {
		t.Fatalf("DescribeVpnConnections = %+v", described)
	}
	for name, conn := range map[string]types.VpnConnection{"create": *created, "describe": described[0]} {
		tos := conn.Options.TunnelOptions
		if len(tos) != 2 {
			t.Fatalf("%s: %d tunnels, want 2", name, len(tos))
		}
		for i, to := range tos {
			if aws.ToString(to.OutsideIpAddress) == "" || aws.ToString(to.TunnelInsideCidr) == "" || aws.ToString(to.PreSharedKey) == "" {
				t.Errorf("%s: tunnel %d lacks its outside address, inside CIDR or key: %+v", name, i+1, to)
			}
		}
		t1, t2 := tos[0], tos[1]
		if got := aws.ToString(t1.TunnelInsideCidr); got != "169.254.10.0/30" {
			t.Errorf("%s: tunnel 1 inside CIDR = %s", name, got)
		}
		if got := aws.ToString(t1.PreSharedKey); got != "tunnel1_key.example" {
			t.Errorf("%s: tunnel 1 key = %s", name, got)
		}
		var ike []string
		for _, v := range t1.IkeVersions {
			ike = append(ike, aws.ToString(v.Value))
		}
		var enc []string
		for _, v := range t1.Phase1EncryptionAlgorithms {
			enc = append(enc, aws.ToString(v.Value))
		}
		var dh []int32
		for _, v := range t1.Phase1DHGroupNumbers {
			dh = append(dh, aws.ToInt32(v.Value))
		}
		if !slices.Equal(ike, []string{"ikev2"}) || !slices.Equal(enc, []string{"AES256"}) || !slices.Equal(dh, []int32{14}) {
			t.Errorf("%s: tunnel 1 lists = IKE %v, phase 1 encryption %v, phase 1 DH %v", name, ike, enc, dh)
		}
		if aws.ToInt32(t1.Phase1LifetimeSeconds) != 14400 || t1.RekeyFuzzPercentage == nil || *t1.RekeyFuzzPercentage != 0 ||
			aws.ToString(t1.DpdTimeoutAction) != "restart" || aws.ToString(t1.StartupAction) != "start" {
			t.Errorf("%s: tunnel 1 scalars = %+v", name, t1)
		}
		// What tunnel 1's request left out, and all of tunnel 2's options
		// but its addresses and key, are not reported.
		if t1.Phase2LifetimeSeconds != nil || t1.RekeyMarginTimeSeconds != nil || t1.ReplayWindowSize != nil ||
			t1.DpdTimeoutSeconds != nil || len(t1.Phase2EncryptionAlgorithms) != 0 || len(t1.Phase1IntegrityAlgorithms) != 0 {
			t.Errorf("%s: tunnel 1 reports options its request did not set: %+v", name, t1)
		}
		if t2.Phase1LifetimeSeconds != nil || t2.Phase2LifetimeSeconds != nil || t2.RekeyMarginTimeSeconds != nil ||
			t2.RekeyFuzzPercentage != nil || t2.ReplayWindowSize != nil || t2.DpdTimeoutSeconds != nil ||
			t2.DpdTimeoutAction != nil || t2.StartupAction != nil || len(t2.IkeVersions) != 0 ||
			len(t2.Phase1EncryptionAlgorithms) != 0 || len(t2.Phase2EncryptionAlgorithms) != 0 ||
			len(t2.Phase1IntegrityAlgorithms) != 0 || len(t2.Phase2IntegrityAlgorithms) != 0 ||
			len(t2.Phase1DHGroupNumbers) != 0 || len(t2.Phase2DHGroupNumbers) != 0 {
			t.Errorf("%s: tunnel 2 reports options its request did not set: %+v", name, t2)
		}
	}
}
