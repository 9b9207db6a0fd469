package ec2emu_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// newVPC creates a VPC and returns its ID.
func (e *env) newVPC(c *ec2.Client, block string) string {
	e.t.Helper()
	o, err := c.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(block)})
	if err != nil {
		e.t.Fatalf("CreateVpc(%s): %v", block, err)
	}
	return aws.ToString(o.Vpc.VpcId)
}

// enableDNSHostnames turns on a VPC's DNS hostnames, which DNS resolution
// over a peering connection needs (DNS support is on by default).
func (e *env) enableDNSHostnames(c *ec2.Client, vpcID string) {
	e.t.Helper()
	if _, err := c.ModifyVpcAttribute(e.ctx, &ec2.ModifyVpcAttributeInput{VpcId: &vpcID,
		EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}}); err != nil {
		e.t.Fatalf("ModifyVpcAttribute(%s): %v", vpcID, err)
	}
}

// peeringStatus describes one connection and returns its status code, or ""
// when the caller cannot see it (InvalidVpcPeeringConnectionID.NotFound).
func (e *env) peeringStatus(c *ec2.Client, id string) types.VpcPeeringConnectionStateReasonCode {
	e.t.Helper()
	o, err := c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{VpcPeeringConnectionIds: []string{id}})
	if err != nil {
		wantCode(e.t, err, "InvalidVpcPeeringConnectionID.NotFound")
		return ""
	}
	if len(o.VpcPeeringConnections) != 1 {
		e.t.Fatalf("Describe(%s) returned %d connections", id, len(o.VpcPeeringConnections))
	}
	return o.VpcPeeringConnections[0].Status.Code
}

func (e *env) wantStatus(c *ec2.Client, id string, want types.VpcPeeringConnectionStateReasonCode) {
	e.t.Helper()
	if got := e.peeringStatus(c, id); got != want {
		e.t.Fatalf("status of %s = %q, want %q", id, got, want)
	}
}

func TestPeeringSameAccount(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	a, b := e.newVPC(c, "10.1.0.0/16"), e.newVPC(c, "10.2.0.0/16")

	_, err := c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b, DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")

	o := must[*ec2.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{
		VpcId: &a, PeerVpcId: &b,
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpcPeeringConnection,
			Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("ab")}}}},
	}))
	pcx := o.VpcPeeringConnection
	id := aws.ToString(pcx.VpcPeeringConnectionId)
	if pcx.Status.Code != types.VpcPeeringConnectionStateReasonCodeInitiatingRequest ||
		aws.ToString(pcx.Status.Message) != "Initiating Request to "+alice ||
		aws.ToString(pcx.RequesterVpcInfo.CidrBlock) != "10.1.0.0/16" || pcx.ExpirationTime == nil ||
		!pcx.ExpirationTime.Equal(epoch.Add(7*24*time.Hour)) || len(pcx.Tags) != 1 {
		t.Fatalf("CreateVpcPeeringConnection = %+v", pcx)
	}
	_, err = c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &b, PeerVpcId: &a})
	wantCode(t, err, "VpcPeeringConnectionAlreadyExists")
	_, err = c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &a})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: aws.String("vpc-0123456789abcdef0")})
	wantCode(t, err, "InvalidVpcID.NotFound")
	_, err = c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: aws.String("vpc-nope")})
	wantCode(t, err, "InvalidVpcID.Malformed")

	e.wantStatus(c, id, types.VpcPeeringConnectionStateReasonCodePendingAcceptance)
	_, err = c.ModifyVpcPeeringConnectionOptions(e.ctx, &ec2.ModifyVpcPeeringConnectionOptionsInput{VpcPeeringConnectionId: &id,
		RequesterPeeringConnectionOptions: &types.PeeringConnectionOptionsRequest{AllowDnsResolutionFromRemoteVpc: aws.Bool(true)}})
	wantCode(t, err, "OperationNotPermitted")
	// The requester of a pending request may not add blocks.
	_, err = c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &a, CidrBlock: aws.String("10.3.0.0/16")})
	wantCode(t, err, "OperationNotPermitted")

	acc := must[*ec2.AcceptVpcPeeringConnectionOutput](t)(c.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &id}))
	if acc.VpcPeeringConnection.Status.Code != types.VpcPeeringConnectionStateReasonCodeProvisioning {
		t.Fatalf("Accept status = %v", acc.VpcPeeringConnection.Status.Code)
	}
	_, err = c.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "InvalidStateTransition")
	d := must[*ec2.DescribeVpcPeeringConnectionsOutput](t)(c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{VpcPeeringConnectionIds: []string{id}}))
	got := d.VpcPeeringConnections[0]
	if got.Status.Code != types.VpcPeeringConnectionStateReasonCodeActive || aws.ToString(got.AccepterVpcInfo.CidrBlock) != "10.2.0.0/16" ||
		got.AccepterVpcInfo.PeeringOptions == nil || got.ExpirationTime != nil || aws.ToString(got.AccepterVpcInfo.Region) != "us-east-1" {
		t.Fatalf("active connection = %+v", got)
	}
	// DNS resolution needs DNS hostnames on both VPCs.
	dnsOn := &ec2.ModifyVpcPeeringConnectionOptionsInput{VpcPeeringConnectionId: &id,
		RequesterPeeringConnectionOptions: &types.PeeringConnectionOptionsRequest{AllowDnsResolutionFromRemoteVpc: aws.Bool(true)}}
	_, err = c.ModifyVpcPeeringConnectionOptions(e.ctx, dnsOn)
	wantCode(t, err, "InvalidVpcPeeringConnectionState.DnsHostnamesDisabled")
	e.enableDNSHostnames(c, a)
	_, err = c.ModifyVpcPeeringConnectionOptions(e.ctx, dnsOn)
	wantCode(t, err, "InvalidVpcPeeringConnectionState.DnsHostnamesDisabled")
	e.enableDNSHostnames(c, b)
	m := must[*ec2.ModifyVpcPeeringConnectionOptionsOutput](t)(c.ModifyVpcPeeringConnectionOptions(e.ctx, &ec2.ModifyVpcPeeringConnectionOptionsInput{VpcPeeringConnectionId: &id,
		RequesterPeeringConnectionOptions: &types.PeeringConnectionOptionsRequest{AllowDnsResolutionFromRemoteVpc: aws.Bool(true)},
		AccepterPeeringConnectionOptions:  &types.PeeringConnectionOptionsRequest{AllowDnsResolutionFromRemoteVpc: aws.Bool(false)}}))
	if !aws.ToBool(m.RequesterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc) || aws.ToBool(m.AccepterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc) {
		t.Fatalf("ModifyVpcPeeringConnectionOptions = %+v %+v", m.RequesterPeeringConnectionOptions, m.AccepterPeeringConnectionOptions)
	}
	// An active peer's overlapping block is refused; a disjoint one is fine.
	_, err = c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &a, CidrBlock: aws.String("10.2.0.0/24")})
	wantCode(t, err, "InvalidVpc.Range")
	must[*ec2.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(e.ctx, &ec2.AssociateVpcCidrBlockInput{VpcId: &a, CidrBlock: aws.String("10.3.0.0/16")}))

	_, err = c.RejectVpcPeeringConnection(e.ctx, &ec2.RejectVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "InvalidStateTransition")
	must[*ec2.DeleteVpcPeeringConnectionOutput](t)(c.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: &id}))
	e.wantStatus(c, id, types.VpcPeeringConnectionStateReasonCodeDeleted)
	_, err = c.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "InvalidStateTransition")
	e.advance(2*time.Hour - time.Second)
	e.wantStatus(c, id, types.VpcPeeringConnectionStateReasonCodeDeleted)
	e.advance(time.Second)
	e.wantStatus(c, id, "")
	// The pair may peer again.
	must[*ec2.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b}))
}

func TestPeeringCrossAccountCrossRegion(t *testing.T) {
	e := newEnv(t)
	aliceUS, bobEU, bobUS := e.client(alice, "us-east-1"), e.client(bob, "eu-west-1"), e.client(bob, "us-east-1")
	a, b := e.newVPC(aliceUS, "10.1.0.0/16"), e.newVPC(bobEU, "10.2.0.0/16")
	o := must[*ec2.CreateVpcPeeringConnectionOutput](t)(aliceUS.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{
		VpcId: &a, PeerVpcId: &b, PeerOwnerId: aws.String(bob), PeerRegion: aws.String("eu-west-1")}))
	id := aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId)
	if aws.ToString(o.VpcPeeringConnection.Status.Message) != "Initiating Request to "+bob {
		t.Fatalf("status message %q", aws.ToString(o.VpcPeeringConnection.Status.Message))
	}
	e.wantStatus(aliceUS, id, types.VpcPeeringConnectionStateReasonCodePendingAcceptance)
	e.wantStatus(bobEU, id, types.VpcPeeringConnectionStateReasonCodePendingAcceptance)
	e.wantStatus(bobUS, id, "")

	// Tags are each owner's own.
	must[*ec2.CreateTagsOutput](t)(aliceUS.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("side"), Value: aws.String("alice")}}}))
	must[*ec2.CreateTagsOutput](t)(bobEU.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("side"), Value: aws.String("bob")}}}))
	for _, tt := range []struct {
		c    *ec2.Client
		want string
	}{{aliceUS, "alice"}, {bobEU, "bob"}} {
		d := must[*ec2.DescribeVpcPeeringConnectionsOutput](t)(tt.c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{
			Filters: []types.Filter{{Name: aws.String("tag:side"), Values: []string{tt.want}}}}))
		if len(d.VpcPeeringConnections) != 1 || len(d.VpcPeeringConnections[0].Tags) != 1 {
			t.Fatalf("%s's view: %+v", tt.want, d.VpcPeeringConnections)
		}
	}
	_, err := bobUS.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	wantCode(t, err, "InvalidVpcPeeringConnectionID.NotFound")

	_, err = aliceUS.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "OperationNotPermitted")
	_, err = bobEU.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "OperationNotPermitted")
	// Bob's VPC cannot go while Alice's request to it is pending.
	_, err = bobEU.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &b})
	wantCode(t, err, "DependencyViolation")

	must[*ec2.AcceptVpcPeeringConnectionOutput](t)(bobEU.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &id}))
	e.wantStatus(aliceUS, id, types.VpcPeeringConnectionStateReasonCodeActive)

	// Each owner sets its own side's options, in its own Region.
	e.enableDNSHostnames(aliceUS, a)
	e.enableDNSHostnames(bobEU, b)
	dns := &types.PeeringConnectionOptionsRequest{AllowDnsResolutionFromRemoteVpc: aws.Bool(true)}
	_, err = aliceUS.ModifyVpcPeeringConnectionOptions(e.ctx, &ec2.ModifyVpcPeeringConnectionOptionsInput{VpcPeeringConnectionId: &id, AccepterPeeringConnectionOptions: dns})
	wantCode(t, err, "OperationNotPermitted")
	must[*ec2.ModifyVpcPeeringConnectionOptionsOutput](t)(bobEU.ModifyVpcPeeringConnectionOptions(e.ctx, &ec2.ModifyVpcPeeringConnectionOptionsInput{VpcPeeringConnectionId: &id, AccepterPeeringConnectionOptions: dns}))
	seen := must[*ec2.DescribeVpcPeeringConnectionsOutput](t)(aliceUS.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{VpcPeeringConnectionIds: []string{id}}))
	if o := seen.VpcPeeringConnections[0].AccepterVpcInfo.PeeringOptions; o == nil || !aws.ToBool(o.AllowDnsResolutionFromRemoteVpc) {
		t.Fatalf("the requester does not see the accepter's option: %+v", o)
	}
	_, err = bobEU.ModifyVpcPeeringConnectionOptions(e.ctx, &ec2.ModifyVpcPeeringConnectionOptionsInput{VpcPeeringConnectionId: &id,
		AccepterPeeringConnectionOptions: &types.PeeringConnectionOptionsRequest{AllowEgressFromLocalClassicLinkToRemoteVpc: aws.Bool(true)}})
	wantCode(t, err, "OperationNotPermitted")
	// Named at all, even as false, a ClassicLink option is refused across
	// Regions (terraform-provider-aws#6730).
	_, err = bobEU.ModifyVpcPeeringConnectionOptions(e.ctx, &ec2.ModifyVpcPeeringConnectionOptionsInput{VpcPeeringConnectionId: &id,
		AccepterPeeringConnectionOptions: &types.PeeringConnectionOptionsRequest{AllowDnsResolutionFromRemoteVpc: aws.Bool(true),
			AllowEgressFromLocalVpcToRemoteClassicLink: aws.Bool(false)}})
	wantCode(t, err, "OperationNotPermitted")

	// Bob deletes; inter-Region, so deleting first, then deleted.
	must[*ec2.DeleteVpcPeeringConnectionOutput](t)(bobEU.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: &id}))
	e.wantStatus(aliceUS, id, types.VpcPeeringConnectionStateReasonCodeDeleted)
	e.advance(2 * time.Hour)
	e.wantStatus(bobEU, id, "")                                                 // the deleter: 2 hours
	e.wantStatus(aliceUS, id, types.VpcPeeringConnectionStateReasonCodeDeleted) // the other: 2 days
	e.advance(46 * time.Hour)
	e.wantStatus(aliceUS, id, "")
}

func TestPeeringExpiryAndFailure(t *testing.T) {
	e := newEnv(t)
	aliceUS, bobUS := e.client(alice, "us-east-1"), e.client(bob, "us-east-1")
	a, b := e.newVPC(aliceUS, "10.1.0.0/16"), e.newVPC(bobUS, "10.2.0.0/16")
	overlap := e.newVPC(bobUS, "10.1.128.0/17")

	o := must[*ec2.CreateVpcPeeringConnectionOutput](t)(aliceUS.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b, PeerOwnerId: aws.String(bob)}))
	id := aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId)
	e.advance(7*24*time.Hour - time.Millisecond)
	e.wantStatus(bobUS, id, types.VpcPeeringConnectionStateReasonCodePendingAcceptance)
	e.advance(time.Millisecond)
	e.wantStatus(bobUS, id, types.VpcPeeringConnectionStateReasonCodeExpired)
	_, err := bobUS.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "InvalidStateTransition")
	e.advance(48 * time.Hour)
	e.wantStatus(aliceUS, id, "")
	e.wantStatus(bobUS, id, "")

	// Overlapping blocks: the request fails, visible to the requester only.
	o = must[*ec2.CreateVpcPeeringConnectionOutput](t)(aliceUS.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &overlap, PeerOwnerId: aws.String(bob)}))
	id = aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId)
	e.wantStatus(aliceUS, id, types.VpcPeeringConnectionStateReasonCodeFailed)
	e.wantStatus(bobUS, id, "")
	_, err = aliceUS.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "InvalidStateTransition")

	// A peer VPC that does not exist in another account: created, then failed.
	o = must[*ec2.CreateVpcPeeringConnectionOutput](t)(aliceUS.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: aws.String("vpc-0123456789abcdef0"), PeerOwnerId: aws.String(bob)}))
	ghost := aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId)
	e.wantStatus(aliceUS, ghost, types.VpcPeeringConnectionStateReasonCodeFailed)
	e.advance(2 * time.Hour)
	e.wantStatus(aliceUS, ghost, "")

	// Rejected: requester 2 days, accepter 2 hours.
	o = must[*ec2.CreateVpcPeeringConnectionOutput](t)(aliceUS.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b, PeerOwnerId: aws.String(bob)}))
	id = aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId)
	_, err = aliceUS.RejectVpcPeeringConnection(e.ctx, &ec2.RejectVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
	wantCode(t, err, "OperationNotPermitted")
	must[*ec2.RejectVpcPeeringConnectionOutput](t)(bobUS.RejectVpcPeeringConnection(e.ctx, &ec2.RejectVpcPeeringConnectionInput{VpcPeeringConnectionId: &id}))
	e.wantStatus(aliceUS, id, types.VpcPeeringConnectionStateReasonCodeRejected)
	e.advance(2 * time.Hour)
	e.wantStatus(bobUS, id, "")
	e.wantStatus(aliceUS, id, types.VpcPeeringConnectionStateReasonCodeRejected)
}

func TestPeeringDescribeFiltersAndPages(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	hub := e.newVPC(c, "10.0.0.0/16")
	var ids []string
	for i := 1; i <= 11; i++ {
		spoke := e.newVPC(c, "10."+itoa(i)+".0.0/16")
		o := must[*ec2.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &hub, PeerVpcId: &spoke}))
		ids = append(ids, aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId))
	}
	for _, id := range ids[:4] {
		must[*ec2.AcceptVpcPeeringConnectionOutput](t)(c.AcceptVpcPeeringConnection(e.ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String(id)}))
	}
	count := func(name string, values ...string) int {
		d := must[*ec2.DescribeVpcPeeringConnectionsOutput](t)(c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{
			Filters: []types.Filter{{Name: &name, Values: values}}}))
		return len(d.VpcPeeringConnections)
	}
	for _, tt := range []struct {
		name   string
		values []string
		want   int
	}{
		{"status-code", []string{"active"}, 4},
		{"status-code", []string{"pending-acceptance"}, 7},
		{"requester-vpc-info.vpc-id", []string{hub}, 11},
		{"accepter-vpc-info.cidr-block", []string{"10.1.0.0/16"}, 1},
		{"vpc-peering-connection-id", []string{ids[0], ids[5]}, 2},
		{"status-message", []string{"Pending*"}, 7},
	} {
		if got := count(tt.name, tt.values...); got != tt.want {
			t.Errorf("filter %s=%v: %d, want %d", tt.name, tt.values, got, tt.want)
		}
	}
	_, err := c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{Filters: []types.Filter{{Name: aws.String("colour"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")
	seen := map[string]bool{}
	p := ec2.NewDescribeVpcPeeringConnectionsPaginator(c, &ec2.DescribeVpcPeeringConnectionsInput{MaxResults: aws.Int32(5)})
	pages := 0
	for p.HasMorePages() {
		o := must[*ec2.DescribeVpcPeeringConnectionsOutput](t)(p.NextPage(e.ctx))
		pages++
		for _, c := range o.VpcPeeringConnections {
			seen[aws.ToString(c.VpcPeeringConnectionId)] = true
		}
	}
	if pages != 3 || len(seen) != 11 {
		t.Fatalf("%d pages, %d connections", pages, len(seen))
	}
	_, err = c.DescribeVpcPeeringConnections(e.ctx, &ec2.DescribeVpcPeeringConnectionsInput{NextToken: aws.String("garbage")})
	wantCode(t, err, "InvalidPaginationToken")
	// The hub VPC cannot go while it has active connections; once they are
	// deleted, deleting it deletes the requests it made.
	_, err = c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &hub})
	wantCode(t, err, "DependencyViolation")
	for _, id := range ids[:4] {
		must[*ec2.DeleteVpcPeeringConnectionOutput](t)(c.DeleteVpcPeeringConnection(e.ctx, &ec2.DeleteVpcPeeringConnectionInput{VpcPeeringConnectionId: aws.String(id)}))
	}
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &hub}))
	if got := count("status-code", "deleted"); got != 11 {
		t.Fatalf("after DeleteVpc: %d deleted connections, want 11", got)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}
