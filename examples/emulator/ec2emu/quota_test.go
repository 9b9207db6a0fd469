package ec2emu_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestQuotas reaches each quota the library enforces, with EC2's defaults.
func TestQuotas(t *testing.T) {
	e := newEnv(t)
	aliceUS, bobUS := e.client(alice, "us-east-1"), e.client(bob, "us-east-1")
	hub := e.newVPC(aliceUS, "10.0.0.0/16")
	var peers []string
	for i := 1; i <= 51; i++ {
		peers = append(peers, e.newVPC(bobUS, fmt.Sprintf("10.%d.0.0/16", i)))
	}
	create := func(peer string) (string, error) {
		o, err := aliceUS.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &hub, PeerVpcId: &peer, PeerOwnerId: aws.String(bob)})
		if err != nil {
			return "", err
		}
		return aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId), nil
	}
	// 25 outstanding requests per account.
	var pending []string
	for _, p := range peers[:25] {
		id, err := create(p)
		if err != nil {
			t.Fatal(err)
		}
		pending = append(pending, id)
	}
	_, err := create(peers[25])
	wantCode(t, err, "OutstandingVpcPeeringConnectionLimitExceeded")
	// 50 active connections per VPC.
	for _, id := range pending {
		must[*ec2.AcceptVpcPeeringConnectionOutput](t)(bobUS.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String(id)}))
	}
	for _, p := range peers[25:50] {
		id, err := create(p)
		if err != nil {
			t.Fatal(err)
		}
		must[*ec2.AcceptVpcPeeringConnectionOutput](t)(bobUS.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &id}))
	}
	last, err := create(peers[50])
	if err != nil {
		t.Fatal(err)
	}
	_, err = bobUS.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &last})
	wantCode(t, err, "ActiveVpcPeeringConnectionPerVpcLimitExceeded")

	// Five virtual private gateways per Region.
	for range 5 {
		must[*ec2.CreateVpnGatewayOutput](t)(aliceUS.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1}))
	}
	_, err = aliceUS.CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1})
	wantCode(t, err, "VpnGatewayLimitExceeded")
	// Another Region has its own quota.
	must[*ec2.CreateVpnGatewayOutput](t)(e.client(alice, "eu-west-1").CreateVpnGateway(e.ctx, &ec2.CreateVpnGatewayInput{Type: types.GatewayTypeIpsec1}))

	// Five IPv4 blocks per VPC.
	for i := 1; i <= 4; i++ {
		must[*ec2.AssociateVpcCidrBlockOutput](t)(bobUS.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &peers[0], CidrBlock: aws.String(fmt.Sprintf("10.%d.0.0/16", 100+i))}))
	}
	_, err = bobUS.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &peers[0], CidrBlock: aws.String("10.200.0.0/16")})
	wantCode(t, err, "CidrLimitExceeded")
}
