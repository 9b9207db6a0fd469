package examples_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/vpclab/vpcmodel/status"
)

// sorted converts any list of string-like values to sorted strings.
func sorted[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	slices.Sort(out)
	return out
}

// TestStatusMatchesSDK checks every status enum against the AWS SDK for Go
// v2 that this module builds with, so an SDK upgrade that adds a value
// fails here.
func TestStatusMatchesSDK(t *testing.T) {
	for _, tt := range []struct {
		name      string
		sdk, ours []string
	}{
		{"peering code", sorted(types.VpcPeeringConnectionStateReasonCode("").Values()), sorted(status.Code("").Values())},
		// EC2 answers "modifying" though the SDK's VpnState leaves it out.
		{"vpn state", sorted(append(types.VpnState("").Values(), "modifying")), sorted(status.State("").Values())},
		{"attachment", sorted(types.AttachmentStatus("").Values()), sorted(status.Attachment("").Values())},
		{"route state", sorted(types.RouteState("").Values()), sorted(status.RouteState("").Values())},
		{"telemetry", sorted(types.TelemetryStatus("").Values()), sorted(status.Telemetry("").Values())},
		{"gateway association", sorted(types.GatewayAssociationState("").Values()), sorted(status.GatewayAssociation("").Values())},
	} {
		if !slices.Equal(tt.sdk, tt.ours) {
			t.Errorf("%s: SDK %v, status %v", tt.name, tt.sdk, tt.ours)
		}
	}
	// Conversion is a one-word cast.
	if got := types.VpcPeeringConnectionStateReasonCode(status.Active); got != types.VpcPeeringConnectionStateReasonCodeActive {
		t.Errorf("cast = %q", got)
	}
}
