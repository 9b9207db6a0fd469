package route_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/route"
)

// FuzzParseTarget: no panic; a parsed target round-trips through the
// parameter it reports and through TargetFrom; a refusal is a *route.Error
// with an EC2 code.
func FuzzParseTarget(f *testing.F) {
	for _, seed := range [][2]string{
		{"GatewayId", "local"},                           // the local target
		{"GatewayId", "igw-0123456789abcdef0"},           // 17-digit ID
		{"GatewayId", "vpce-11111111"},                   // GWLB endpoint through GatewayId
		{"GatewayId", "pcx-11111111"},                    // a peering in the wrong parameter
		{"VpcPeeringConnectionId", "pcx-1111111"},        // 7 digits
		{"natGatewayId", "nat-aaaaaaaa"},                 // wire spelling of the parameter
		{"InstanceId", "i-0123456789ABCDEF0"},            // upper-case hex
		{"CoreNetworkArn", coreARN},                      // an ARN
		{"CoreNetworkArn", "arn:aws:networkmanager::1:"}, // a broken ARN
		{"", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, param, value string) {
		tg, err := route.ParseTarget(param, value)
		if err != nil {
			var re *route.Error
			if !errors.As(err, &re) || re.ErrorCode() == "" || re.ErrorMessage() == "" || tg.IsValid() {
				t.Fatalf("ParseTarget(%q, %q) = %v, %v", param, value, tg, err)
			}
			return
		}
		if !tg.IsValid() || !tg.Kind().IsValid() || tg.ID() != value {
			t.Fatalf("ParseTarget(%q, %q) = %v/%v", param, value, tg.Kind(), tg.ID())
		}
		if back, err := route.ParseTarget(tg.Param(), tg.ID()); err != nil || back != tg {
			t.Fatalf("round trip through %s: %v, %v", tg.Param(), back, err)
		}
		if back, err := route.TargetFrom(tg.Kind(), tg.ID()); err != nil || back != tg {
			t.Fatalf("TargetFrom(%v, %q) = %v, %v", tg.Kind(), tg.ID(), back, err)
		}
		if back, err := route.ParseTargetParams(map[string]string{param: value, "RouteTableId": "rtb-1"}); err != nil || back != tg {
			t.Fatalf("ParseTargetParams = %v, %v", back, err)
		}
	})
}

// FuzzParseDestination: no panic; an accepted destination is masked, of the
// parameter's family, and agrees with netip.ParsePrefix.
func FuzzParseDestination(f *testing.F) {
	f.Add("DestinationCidrBlock", "100.68.0.18/18")          // canonicalised
	f.Add("DestinationCidrBlock", "::/0")                    // wrong family
	f.Add("DestinationIpv6CidrBlock", "2600:1f18::/56")      // IPv6
	f.Add("destinationIpv6CidrBlock", "::ffff:10.0.0.0/104") // IPv4-mapped
	f.Add("DestinationCidrBlock", "10.0.0.0/33")             // too long
	f.Fuzz(func(t *testing.T, param, value string) {
		p, err := route.ParseDestination(param, value)
		if err != nil {
			var re *route.Error
			if !errors.As(err, &re) {
				t.Fatalf("ParseDestination(%q, %q) error %v is not a *route.Error", param, value, err)
			}
			return
		}
		np, nerr := netip.ParsePrefix(value)
		if nerr != nil || np.Masked() != p || p.Addr().Is4() != (param == "DestinationCidrBlock" || param == "destinationCidrBlock") {
			t.Fatalf("ParseDestination(%q, %q) = %v; netip says %v, %v", param, value, p, np, nerr)
		}
	})
}

// FuzzOps decodes a sequence of route-table actions from bytes (see
// actionFrom) and checks, after each, that nothing panicked, the verdicts
// the model can decide, that a refused action changed nothing, and that
// Routes and Lookup agree with the model.
func FuzzOps(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 16})                                            // creates to local, refused
	f.Add([]byte{8, 0, 1, 10, 0, 0, 0, 8, 11, 0, 2, 0, 2, 1, 10, 1, 2, 3, 16})           // enable, then propagate two prefixes
	f.Add([]byte("create replace delete propagate and associate blocks, over and over")) // a bit of everything
	f.Fuzz(func(t *testing.T, data []byte) { runOps(t, data) })
}

// FuzzTargetText: no panic; text that unmarshals marshals back to exactly
// itself and parses through the parameter the target reports; a refusal is
// a *route.Error with an EC2 code that leaves the target as it was.
func FuzzTargetText(f *testing.F) {
	f.Add("")                      // the zero Target
	f.Add("local")                 // the local target
	f.Add("pcx-0a1b2c3d")          // 8 digits
	f.Add("igw-0123456789abcdef0") // 17 digits
	f.Add("vpce-11111111")         // carried by GatewayId in DescribeRouteTables
	f.Add(coreARN)                 // an ARN
	f.Add("nat-ABCDEF12")          // upper-case hex
	f.Add("-11111111")             // no prefix
	f.Add("local ")                // trailing space
	f.Fuzz(func(t *testing.T, text string) {
		before := route.LocalTarget()
		tg := before
		if err := tg.UnmarshalText([]byte(text)); err != nil {
			var re *route.Error
			if !errors.As(err, &re) || re.ErrorCode() == "" || re.ErrorMessage() == "" || tg != before {
				t.Fatalf("UnmarshalText(%q) = %v, target %v", text, err, tg)
			}
			return
		}
		back, err := tg.MarshalText()
		if err != nil || string(back) != text {
			t.Fatalf("UnmarshalText(%q) then MarshalText() = %q, %v", text, back, err)
		}
		if text == "" {
			if tg != (route.Target{}) {
				t.Fatalf("UnmarshalText(\"\") = %v, want the zero Target", tg)
			}
			return
		}
		if p, err := route.ParseTarget(tg.Param(), tg.ID()); err != nil || p != tg {
			t.Fatalf("ParseTarget(%q, %q) = %v, %v, want %v", tg.Param(), tg.ID(), p, err, tg)
		}
	})
}
