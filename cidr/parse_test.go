package cidr_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/cidr"
)

func TestParseVPC(t *testing.T) {
	tests := []struct {
		in    string
		want  string // "" when refused
		cause error
		code  string
	}{
		{in: "10.0.0.0/16", want: "10.0.0.0/16"},
		{in: "10.0.0.0/28", want: "10.0.0.0/28"},
		{in: "172.31.255.240/28", want: "172.31.255.240/28"},
		{in: "52.0.0.0/20", want: "52.0.0.0/20"},
		{in: "10.0.0.0/15", cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{in: "10.0.0.0/29", cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{in: "0.0.0.0/0", cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{in: "10.0.0.0/32", cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{in: "10.0.0.1/16", cause: cidr.ErrHostBits, code: "InvalidParameterValue"},
		{in: "100.68.0.18/18", cause: cidr.ErrHostBits, code: "InvalidParameterValue"},
		{in: "2600:1f00::/56", cause: cidr.ErrFamily, code: "InvalidParameterValue"},
		{in: "::ffff:10.0.0.0/112", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{in: "10.0.0.0", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{in: "10.0.0.0/33", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{in: "010.0.0.0/16", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{in: "", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
	}
	for _, tt := range tests {
		got, err := cidr.ParseVPC(tt.in)
		checkParse(t, "ParseVPC", tt.in, got, err, tt.want, tt.cause, tt.code)
	}
}

func TestParseVPCIPv6(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		cause error
		code  string
	}{
		{in: "2600:1f00:1234:5600::/56", want: "2600:1f00:1234:5600::/56"},
		{in: "2600:1f00::/44", want: "2600:1f00::/44"},
		{in: "2600:1f00:0:10::/60", want: "2600:1f00:0:10::/60"},
		{in: "2600:1f00::/40", cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{in: "2600:1f00::/64", cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{in: "2600:1f00::/58", cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{in: "2600:1f00::1/56", cause: cidr.ErrHostBits, code: "InvalidParameterValue"},
		{in: "10.0.0.0/16", cause: cidr.ErrFamily, code: "InvalidParameterValue"},
		{in: "fe80::%eth0/64", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{in: "::ffff:10.0.0.0/104", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
	}
	for _, tt := range tests {
		got, err := cidr.ParseVPCIPv6(tt.in)
		checkParse(t, "ParseVPCIPv6", tt.in, got, err, tt.want, tt.cause, tt.code)
	}
}

func TestParseDestination(t *testing.T) {
	tests := []struct {
		in, param string
		want      string
		cause     error
		code      string
	}{
		{in: "100.68.0.18/18", want: "100.68.0.0/18"}, // canonicalised, as EC2 does
		{in: "0.0.0.0/0", want: "0.0.0.0/0"},
		{in: "10.0.0.1/32", want: "10.0.0.1/32"},
		{in: "::/0", param: "destinationIpv6CidrBlock", want: "::/0"},
		{in: "2600:1f00::1/56", param: "destinationIpv6CidrBlock", want: "2600:1f00::/56"},
		{in: "10.0.0.0/33", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{in: "pl-12345678", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
	}
	for _, tt := range tests {
		got, err := cidr.ParseDestination(tt.param, tt.in)
		checkParse(t, "ParseDestination", tt.in, got, err, tt.want, tt.cause, tt.code)
		var ce *cidr.Error
		if errors.As(err, &ce) {
			want := tt.param
			if want == "" {
				want = "destinationCidrBlock"
			}
			if ce.Param != want {
				t.Errorf("ParseDestination(%q, %q) error names parameter %q, want %q", tt.param, tt.in, ce.Param, want)
			}
		}
		// Parse is ParseDestination under the generic parameter name.
		p, err := cidr.Parse(tt.in)
		if p != got || (err == nil) != (tt.cause == nil) {
			t.Errorf("Parse(%q) = %v, %v; ParseDestination gave %v", tt.in, p, err, got)
		}
	}
}

func TestMustParse(t *testing.T) {
	if got := cidr.MustParse("10.0.0.9/24"); got != netip.MustParsePrefix("10.0.0.0/24") {
		t.Errorf("MustParse(10.0.0.9/24) = %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("MustParse(bogus) did not panic")
		}
	}()
	cidr.MustParse("bogus")
}

func checkParse(t *testing.T, fn, in string, got netip.Prefix, err error, want string, cause error, code string) {
	t.Helper()
	if cause == nil {
		if err != nil || got != netip.MustParsePrefix(want) {
			t.Errorf("%s(%q) = %v, %v, want %s", fn, in, got, err, want)
		}
		return
	}
	var ce *cidr.Error
	if !errors.Is(err, cause) || !errors.As(err, &ce) || ce.ErrorCode() != code || ce.Input != in || got.IsValid() {
		t.Errorf("%s(%q) = %v, %v, want a *cidr.Error wrapping %v with code %s", fn, in, got, err, cause, code)
	}
}
