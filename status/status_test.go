package status_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/status"
)

// The SDK's enum lists, copied as literals from
// github.com/aws/aws-sdk-go-v2/service/ec2@v1.344.1, types/enums.go
// (VpcPeeringConnectionStateReasonCode.Values, VpnState.Values,
// AttachmentStatus.Values, RouteState.Values, TelemetryStatus.Values,
// GatewayAssociationState.Values). The examples module checks the same
// parity against the SDK itself.
var (
	sdkPeering     = []string{"initiating-request", "pending-acceptance", "active", "deleted", "rejected", "failed", "expired", "provisioning", "deleting"}
	sdkVPNState    = []string{"pending", "available", "deleting", "deleted"}
	sdkAttachment  = []string{"attaching", "attached", "detaching", "detached"}
	sdkRouteState  = []string{"active", "blackhole", "filtered"}
	sdkTelemetry   = []string{"UP", "DOWN"}
	sdkAssociation = []string{"associated", "not-associated", "associating", "disassociating"}
)

func sameSet[T ~string](t *testing.T, name string, sdk []string, ours []T) {
	t.Helper()
	got := map[string]bool{}
	for _, v := range ours {
		if got[string(v)] {
			t.Errorf("%s: %q listed twice", name, v)
		}
		got[string(v)] = true
	}
	want := map[string]bool{}
	for _, v := range sdk {
		want[v] = true
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: Values() differ from the SDK (-sdk +ours):\n%s", name, diff)
	}
}

func TestSDKParity(t *testing.T) {
	sameSet(t, "Code", sdkPeering, status.Code("").Values())
	// EC2 answers "modifying" on the wire though the SDK's VpnState leaves
	// it out (Terraform waits on it); the rest is the SDK's list.
	sameSet(t, "State", append(slices.Clone(sdkVPNState), "modifying"), status.State("").Values())
	sameSet(t, "Attachment", sdkAttachment, status.Attachment("").Values())
	sameSet(t, "Route", sdkRouteState, status.RouteState("").Values())
	sameSet(t, "Telemetry", sdkTelemetry, status.Telemetry("").Values())
	sameSet(t, "GatewayAssociation", sdkAssociation, status.GatewayAssociation("").Values())
}

func TestCodeOrderIsStable(t *testing.T) {
	want := []status.Code{"initiating-request", "pending-acceptance", "provisioning", "active",
		"deleting", "deleted", "rejected", "failed", "expired"}
	if diff := cmp.Diff(want, status.Code("").Values()); diff != "" {
		t.Errorf("Values() mismatch (-want +got):\n%s", diff)
	}
}

func TestCodePredicates(t *testing.T) {
	tests := []struct {
		code                                               status.Code
		valid, terminal, live, pending, transient, carries bool
	}{
		{status.InitiatingRequest, true, false, true, true, true, false},
		{status.PendingAcceptance, true, false, true, true, false, false},
		{status.Provisioning, true, false, true, false, true, false},
		{status.Active, true, false, true, false, false, true},
		{status.Deleting, true, false, false, false, true, false},
		{status.Deleted, true, true, false, false, false, false},
		{status.Rejected, true, true, false, false, false, false},
		{status.Failed, true, true, false, false, false, false},
		{status.Expired, true, true, false, false, false, false},
		{"", false, false, false, false, false, false},
		{"Active", false, false, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			got := []bool{tt.code.IsValid(), tt.code.IsTerminal(), tt.code.IsLive(), tt.code.IsPending(), tt.code.IsTransient(), tt.code.CarriesTraffic()}
			want := []bool{tt.valid, tt.terminal, tt.live, tt.pending, tt.transient, tt.carries}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("predicates of %q (valid, terminal, live, pending, transient, carries) mismatch (-want +got):\n%s", tt.code, diff)
			}
			if tt.code.String() != string(tt.code) {
				t.Errorf("String() = %q", tt.code.String())
			}
		})
	}
}

func TestOtherPredicates(t *testing.T) {
	for _, tt := range []struct {
		name      string
		got, want bool
	}{
		{"deleted terminal", status.StateDeleted.IsTerminal(), true},
		{"available not terminal", status.StateAvailable.IsTerminal(), false},
		{"pending live", status.StatePending.IsLive(), true},
		{"deleting not live", status.StateDeleting.IsLive(), false},
		{"modifying live", status.StateModifying.IsLive(), true},
		{"modifying valid", status.StateModifying.IsValid(), true},
		{"detaching live", status.Detaching.IsLive(), true},
		{"detached not live", status.Detached.IsLive(), false},
		{"active forwards", status.RouteActive.Forwards(), true},
		{"blackhole drops", status.RouteBlackhole.Forwards(), false},
		{"zero state invalid", status.State("").IsValid(), false},
		{"UP valid", status.Up.IsValid(), true},
		{"up invalid", status.Telemetry("up").IsValid(), false},
		{"reason valid", status.Reason{Code: status.Active, Message: "Active"}.IsValid(), true},
		{"zero reason invalid", status.Reason{}.IsValid(), false},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestPartition checks, for any string, that a code is terminal, live or
// deleting, and exactly one of those, when valid, and none when not.
func TestPartition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := status.Code(rapid.OneOf(rapid.SampledFrom(status.Code("").Values()), rapid.Custom(func(t *rapid.T) status.Code {
			return status.Code(rapid.String().Draw(t, "s"))
		})).Draw(t, "code"))
		n := 0
		for _, b := range []bool{c.IsTerminal(), c.IsLive(), c == status.Deleting} {
			if b {
				n++
			}
		}
		if c.IsValid() && n != 1 || !c.IsValid() && n != 0 {
			t.Fatalf("%q: valid=%v but in %d classes", c, c.IsValid(), n)
		}
	})
}
