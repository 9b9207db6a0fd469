package route_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/route"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		name, param, value string
		kind               route.TargetKind
		code, msg          string // when the parse fails
	}{
		{name: "local", param: "GatewayId", value: "local", kind: route.KindLocal},
		{name: "igw", param: "GatewayId", value: "igw-0123456789abcdef0", kind: route.KindInternetGateway},
		{name: "vgw", param: "GatewayId", value: "vgw-11111111", kind: route.KindVPNGateway},
		{name: "gwlb endpoint via GatewayId", param: "GatewayId", value: "vpce-11111111", kind: route.KindVPCEndpoint},
		{name: "lower-case parameter", param: "gatewayId", value: "igw-11111111", kind: route.KindInternetGateway},
		{name: "pcx", param: "VpcPeeringConnectionId", value: "pcx-11111111", kind: route.KindPeeringConnection},
		{name: "nat", param: "NatGatewayId", value: "nat-0123456789abcdef0", kind: route.KindNATGateway},
		{name: "eni", param: "NetworkInterfaceId", value: "eni-11111111", kind: route.KindNetworkInterface},
		{name: "tgw", param: "TransitGatewayId", value: "tgw-11111111", kind: route.KindTransitGateway},
		{name: "eigw", param: "EgressOnlyInternetGatewayId", value: "eigw-11111111", kind: route.KindEgressOnlyInternetGateway},
		{name: "vpce", param: "VpcEndpointId", value: "vpce-11111111", kind: route.KindVPCEndpoint},
		{name: "instance", param: "InstanceId", value: "i-0123456789abcdef0", kind: route.KindInstance},
		{name: "carrier", param: "CarrierGatewayId", value: "cagw-11111111", kind: route.KindCarrierGateway},
		{name: "local gateway", param: "LocalGatewayId", value: "lgw-11111111", kind: route.KindLocalGateway},
		{name: "core network", param: "CoreNetworkArn", value: coreARN, kind: route.KindCoreNetwork},

		{name: "gateway of no known kind", param: "GatewayId", value: "gw-11111111", code: "InvalidGatewayID.NotFound", msg: "The gateway ID 'gw-11111111' does not exist"},
		{name: "pcx in GatewayId", param: "GatewayId", value: "pcx-11111111", code: "InvalidGatewayID.NotFound"},
		{name: "malformed igw", param: "GatewayId", value: "igw-1234", code: "InvalidInternetGatewayId.Malformed"},
		{name: "malformed vgw", param: "GatewayId", value: "vgw-XYZXYZXY", code: "InvalidVpnGatewayID.Malformed"},
		{name: "malformed pcx", param: "VpcPeeringConnectionId", value: "pcx-123", code: "InvalidVpcPeeringConnectionId.Malformed", msg: `Invalid id: "pcx-123" (expecting "pcx-...")`},
		{name: "igw in peering parameter", param: "VpcPeeringConnectionId", value: "igw-11111111", code: "InvalidVpcPeeringConnectionId.Malformed"},
		{name: "malformed nat", param: "NatGatewayId", value: "nat-", code: "NatGatewayMalformed"},
		{name: "malformed eni", param: "NetworkInterfaceId", value: "eni-1", code: "InvalidNetworkInterfaceId.Malformed"},
		{name: "malformed tgw", param: "TransitGatewayId", value: "tgw-1", code: "InvalidTransitGatewayID.Malformed"},
		{name: "malformed eigw", param: "EgressOnlyInternetGatewayId", value: "eigw-1", code: "InvalidEgressOnlyInternetGatewayId.Malformed"},
		{name: "malformed vpce", param: "VpcEndpointId", value: "vpce-1", code: "InvalidVpcEndpointId.Malformed"},
		{name: "malformed instance", param: "InstanceId", value: "i-1", code: "InvalidInstanceID.Malformed"},
		{name: "malformed carrier", param: "CarrierGatewayId", value: "cagw-1", code: "InvalidCarrierGatewayID.Malformed"},
		{name: "malformed local gateway", param: "LocalGatewayId", value: "lgw-1", code: "InvalidLocalGatewayID.Malformed"},
		{name: "malformed core network", param: "CoreNetworkArn", value: "arn:aws:ec2::111122223333:core-network/core-network-0123456789abcdef0", code: "InvalidParameterValue"},
		{name: "upper-case hex", param: "NatGatewayId", value: "nat-ABCDEF12", code: "NatGatewayMalformed"},
		{name: "unknown parameter", param: "OdbNetworkArn", value: "x", code: "UnknownParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := route.ParseTarget(tt.param, tt.value)
			if tt.code != "" {
				checkErr(t, err, route.ErrMalformedTarget, tt.code, tt.msg)
				if got != (route.Target{}) {
					t.Errorf("ParseTarget(%q, %q) = %v on error, want the zero Target", tt.param, tt.value, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseTarget(%q, %q) = %v", tt.param, tt.value, err)
			}
			if got.Kind() != tt.kind || got.ID() != tt.value || !got.IsValid() {
				t.Errorf("ParseTarget(%q, %q) = %v/%v, want %v/%v", tt.param, tt.value, got.Kind(), got.ID(), tt.kind, tt.value)
			}
			// round trips: through the parameter the target reports, and through TargetFrom
			if back, err := route.ParseTarget(got.Param(), got.ID()); err != nil || back != got {
				t.Errorf("ParseTarget(%q, %q) = %v, %v, want %v", got.Param(), got.ID(), back, err, got)
			}
			if back, err := route.TargetFrom(got.Kind(), got.ID()); err != nil || back != got {
				t.Errorf("TargetFrom(%q, %q) = %v, %v, want %v", got.Kind(), got.ID(), back, err, got)
			}
			// purity
			if again, _ := route.ParseTarget(tt.param, tt.value); again != got {
				t.Errorf("ParseTarget is not pure: %v then %v", got, again)
			}
		})
	}
}

func TestParseTargetParams(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]string
		want   route.Target
		cause  error
		code   string
	}{
		{name: "one target among other parameters", params: map[string]string{"DestinationCidrBlock": "10.1.0.0/16", "RouteTableId": tableA, "VpcPeeringConnectionId": "pcx-11111111"}, want: mt("pcx-11111111")},
		{name: "empty values are absent", params: map[string]string{"GatewayId": "", "NatGatewayId": "nat-11111111"}, want: mt("nat-11111111")},
		{name: "LocalTarget", params: map[string]string{"LocalTarget": "true"}, want: route.LocalTarget()},
		{name: "LocalTarget=false is absent", params: map[string]string{"LocalTarget": "false", "GatewayId": "igw-11111111"}, want: mt("igw-11111111")},
		{name: "wire spelling", params: map[string]string{"natGatewayId": "nat-11111111"}, want: mt("nat-11111111")},
		{name: "none", params: map[string]string{"DestinationCidrBlock": "10.1.0.0/16"}, cause: route.ErrNoTarget, code: "MissingParameter"},
		{name: "two", params: map[string]string{"GatewayId": "igw-11111111", "NatGatewayId": "nat-11111111"}, cause: route.ErrManyTargets, code: "InvalidParameterCombination"},
		{name: "LocalTarget and a gateway", params: map[string]string{"GatewayId": "igw-11111111", "LocalTarget": "true"}, cause: route.ErrManyTargets, code: "InvalidParameterCombination"},
		{name: "LocalTarget with a bad value", params: map[string]string{"LocalTarget": "yes"}, cause: route.ErrMalformedTarget, code: "InvalidParameterValue"},
		{name: "malformed", params: map[string]string{"NatGatewayId": "nat-1"}, cause: route.ErrMalformedTarget, code: "NatGatewayMalformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := route.ParseTargetParams(tt.params)
			if tt.cause != nil {
				checkErr(t, err, tt.cause, tt.code, "")
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseTargetParams(%v) = %v, %v, want %v", tt.params, got, err, tt.want)
			}
		})
	}
	// the error for two targets names them in a stable order
	_, err := route.ParseTargetParams(map[string]string{"NatGatewayId": "nat-11111111", "GatewayId": "igw-11111111", "InstanceId": "i-11111111"})
	checkErr(t, err, route.ErrManyTargets, "InvalidParameterCombination", "Only one of GatewayId, InstanceId, NatGatewayId may be specified")
}

func TestTargetKind(t *testing.T) {
	kinds := route.TargetKind("").Values()
	if len(kinds) != 13 {
		t.Errorf("len(Values()) = %d, want 13", len(kinds))
	}
	seen := map[route.TargetKind]bool{}
	for _, k := range kinds {
		if !k.IsValid() || k.String() != string(k) || seen[k] {
			t.Errorf("kind %q: IsValid=%v, duplicate=%v", k, k.IsValid(), seen[k])
		}
		seen[k] = true
	}
	for _, k := range []route.TargetKind{"", "Local", "gateway", "vpn-connection"} {
		if k.IsValid() {
			t.Errorf("TargetKind(%q).IsValid() = true", k)
		}
		if _, err := route.TargetFrom(k, "local"); err == nil {
			t.Errorf("TargetFrom(%q, local) succeeded", k)
		}
	}
	var zero route.Target
	if zero.IsValid() || zero.Kind() != "" || zero.ID() != "" || zero.Param() != "" {
		t.Errorf("zero Target = %v/%v/%v/%v, want invalid and empty", zero.IsValid(), zero.Kind(), zero.ID(), zero.Param())
	}
	if _, err := route.TargetFrom(route.KindLocal, "igw-11111111"); err == nil {
		t.Error("TargetFrom(local, igw-...) succeeded")
	}
}

// TestTargetText: the text form of a target is its ID, read back strictly.
func TestTargetText(t *testing.T) {
	valid := []string{
		"local", "igw-0123456789abcdef0", "vgw-11111111", "pcx-0a1b2c3d", "nat-11111111", "eni-11111111",
		"tgw-11111111", "eigw-11111111", "vpce-11111111", "i-0123456789abcdef0", "cagw-11111111",
		"lgw-11111111", coreARN,
	}
	for _, id := range valid {
		want := mt(id)
		text, err := want.MarshalText()
		if err != nil || string(text) != id {
			t.Errorf("%v.MarshalText() = %q, %v, want %q", want, text, err, id)
		}
		var got route.Target
		if err := got.UnmarshalText(text); err != nil || got != want {
			t.Errorf("UnmarshalText(%q) = %v, %v, want %v", text, got, err, want)
		}
	}
	// the zero Target and empty text
	if text, err := (route.Target{}).MarshalText(); err != nil || len(text) != 0 {
		t.Errorf("zero Target MarshalText() = %q, %v, want empty", text, err)
	}
	got := mt("igw-11111111")
	if err := got.UnmarshalText(nil); err != nil || got != (route.Target{}) {
		t.Errorf("UnmarshalText(empty) = %v, %v, want the zero Target", got, err)
	}

	invalid := []struct{ text, code string }{
		{"igw-1234", "InvalidInternetGatewayId.Malformed"},
		{"pcx-0A1B2C3D", "InvalidVpcPeeringConnectionId.Malformed"},
		{"nat-11111111 ", "NatGatewayMalformed"},
		{"gw-11111111", "InvalidParameterValue"},
		{"-11111111", "InvalidParameterValue"},
		{"11111111", "InvalidParameterValue"},
		{"LOCAL", "InvalidParameterValue"},
		{" local", "InvalidParameterValue"},
		{"local\n", "InvalidParameterValue"},
		{"arn:aws:ec2::111122223333:core-network/core-network-0123456789abcdef0", "InvalidParameterValue"},
		{"core-network-0123456789abcdef0", "InvalidParameterValue"},
	}
	for _, tt := range invalid {
		before := mt("tgw-11111111")
		got := before
		err := got.UnmarshalText([]byte(tt.text))
		checkErr(t, err, route.ErrMalformedTarget, tt.code, "")
		if got != before {
			t.Errorf("UnmarshalText(%q) changed the target to %v on error", tt.text, got)
		}
	}
}

// TestTargetJSON: encoding/json uses the text form, for values and for map
// keys, and refuses a malformed ID.
func TestTargetJSON(t *testing.T) {
	type doc struct {
		Target route.Target            `json:"target"`
		Zero   route.Target            `json:"zero"`
		ByID   map[route.Target]string `json:"by_id"`
	}
	in := doc{Target: mt("pcx-0a1b2c3d"), ByID: map[route.Target]string{route.LocalTarget(): "vpc", mt(coreARN): "wan"}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"target":"pcx-0a1b2c3d","zero":"","by_id":{"arn:aws:networkmanager::111122223333:core-network/core-network-0123456789abcdef0":"wan","local":"vpc"}}`
	if string(b) != want {
		t.Errorf("json.Marshal = %s, want %s", b, want)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out, eq); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
	err = json.Unmarshal([]byte(`{"target":"pcx-1"}`), &out)
	if !errors.Is(err, route.ErrMalformedTarget) {
		t.Errorf("json.Unmarshal of a malformed ID = %v, want ErrMalformedTarget", err)
	}
}
