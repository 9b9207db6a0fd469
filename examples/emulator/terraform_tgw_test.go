package main_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestTerraformTgw applies, plans and destroys the tgw stack: a transit
// gateway with a VPC attachment, two VPN connections on it with IPv6
// inside addresses and acceleration, a route table with an association,
// a propagation and static routes, a VPC route to the gateway, and
// aws_ec2_tag on the VPN attachments EC2 makes. The
// plan after apply must be empty; after destroy no transit gateway
// resource but deleted ones is left.
func TestTerraformTgw(t *testing.T) {
	sc := scope{"111111111111", "eu-west-1"}
	s := newStack(t, "tgw")
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		if !strings.HasPrefix(out["transit_gateway_id"], "tgw-") ||
			out["transit_gateway_arn"] != "arn:aws:ec2:eu-west-1:111111111111:transit-gateway/"+out["transit_gateway_id"] {
			t.Errorf("transit gateway %q, ARN %q", out["transit_gateway_id"], out["transit_gateway_arn"])
		}
		if !strings.HasPrefix(out["default_route_table_id"], "tgw-rtb-") {
			t.Errorf("default_route_table_id = %q", out["default_route_table_id"])
		}
		var atts, inside map[string]string
		if err := json.Unmarshal([]byte(out["vpn_attachment_ids"]), &atts); err != nil || len(atts) != 2 ||
			!strings.HasPrefix(atts["one"], "tgw-attach-") || atts["one"] == atts["two"] {
			t.Errorf("vpn_attachment_ids = %q (%v)", out["vpn_attachment_ids"], err)
		}
		if err := json.Unmarshal([]byte(out["vpn_tunnel1_inside_cidrs"]), &inside); err != nil || inside["one"] != "169.254.44.88/30" {
			t.Errorf("vpn_tunnel1_inside_cidrs = %q (%v)", out["vpn_tunnel1_inside_cidrs"], err)
		}
		var tagIDs map[string]string
		if err := json.Unmarshal([]byte(out["vpn_attachment_tag_ids"]), &tagIDs); err != nil || tagIDs["one"] != atts["one"]+",Name" {
			t.Errorf("vpn_attachment_tag_ids = %q (%v)", out["vpn_attachment_tag_ids"], err)
		}
		wantEqual(t, out, "route_state", "active")
		// The spoke table: the VPC's block propagated, the static routes.
		c := s.client(sc)
		ctx := context.Background()
		rs := must[*ec2.SearchTransitGatewayRoutesOutput](t)(c.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{
			TransitGatewayRouteTableId: aws.String(out["spoke_route_table_id"]),
			Filters:                    []types.Filter{{Name: aws.String("state"), Values: []string{"active", "blackhole"}}}})).Routes
		var got []string
		for _, r := range rs {
			got = append(got, aws.ToString(r.DestinationCidrBlock)+" "+string(r.Type)+" "+string(r.State))
		}
		if strings.Join(got, ", ") != "10.10.0.0/16 propagated active, 172.31.0.0/16 static blackhole, 192.168.0.0/16 static active" {
			t.Errorf("spoke routes: %v", got)
		}
	})
	c := s.client(sc)
	ctx := context.Background()
	for _, g := range must[*ec2.DescribeTransitGatewaysOutput](t)(c.DescribeTransitGateways(ctx, &ec2.DescribeTransitGatewaysInput{})).TransitGateways {
		if g.State != types.TransitGatewayStateDeleted {
			t.Errorf("transit gateway %s left %s after destroy", aws.ToString(g.TransitGatewayId), g.State)
		}
	}
	for _, a := range must[*ec2.DescribeTransitGatewayAttachmentsOutput](t)(c.DescribeTransitGatewayAttachments(ctx, &ec2.DescribeTransitGatewayAttachmentsInput{})).TransitGatewayAttachments {
		if a.State != types.TransitGatewayAttachmentStateDeleted {
			t.Errorf("attachment %s left %s after destroy", aws.ToString(a.TransitGatewayAttachmentId), a.State)
		}
	}
	s.checkEmpty(sc)
}
