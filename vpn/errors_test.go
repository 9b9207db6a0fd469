package vpn_test

import (
	"errors"
	"testing"

	"github.com/vpclab/vpcmodel/vpn"
)

// TestErrorFormat pins *Error's message format: "vpn: op id: cause (param
// value)", parts left out when empty.
func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *vpn.Error
		want string
	}{
		{&vpn.Error{Op: "create", ID: "vgw-0123abcd", Param: "TunnelInsideCidr", Value: "169.254.10.0/30", Code: "InvalidCidr.InUse", Err: vpn.ErrCIDRInUse},
			`vpn: create vgw-0123abcd: tunnel inside cidr is in use on the gateway (TunnelInsideCidr "169.254.10.0/30")`},
		{&vpn.Error{Op: "create", Param: "PreSharedKey", Code: "InvalidParameterValue", Err: vpn.ErrPreSharedKey},
			`vpn: create: pre-shared key is not valid (PreSharedKey)`},
		{&vpn.Error{Op: "delete-vpn-gateway", ID: "vgw-0123abcd", Value: "attached", Code: "IncorrectState", Err: vpn.ErrState},
			`vpn: delete-vpn-gateway vgw-0123abcd: resource is not in a state that allows the action ("attached")`},
		{&vpn.Error{Op: "attach", ID: "vgw-0123abcd", Code: "IncorrectState", Err: vpn.ErrState},
			`vpn: attach vgw-0123abcd: resource is not in a state that allows the action`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, tt.err.Err) || tt.err.ErrorCode() != tt.err.Code {
			t.Errorf("%v: Unwrap or ErrorCode broken", tt.err)
		}
	}
}

// TestErrorMessages checks AWS's observed wording where spec C.4 gives it.
func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  *vpn.Error
		want string
	}{
		{&vpn.Error{Param: "PreSharedKey", Code: "InvalidParameterValue", Err: vpn.ErrPreSharedKey},
			"Value for parameter PreSharedKey is invalid."},
		{&vpn.Error{Param: "TunnelInsideIpv6Cidr", Value: "fd00::/126", Code: "InvalidParameterCombination", Err: vpn.ErrCombination},
			"An ipv6 inside cidr is not allowed for VPNs using an ipv4 inside ip version"},
		{&vpn.Error{Param: "Type", Code: "MissingParameter", Err: vpn.ErrMissing},
			"The request must contain the parameter Type"},
		{&vpn.Error{Param: "ReplayWindowSize", Value: "1", Code: "InvalidParameterValue", Err: vpn.ErrOutOfRange},
			"Value (1) for parameter ReplayWindowSize is invalid."},
		{&vpn.Error{Param: "TransitGatewayId", Value: "tgw-0123abcd", Code: "InvalidParameterValue", Err: vpn.ErrCombination},
			"The request must not contain both parameter vpnGatewayId and transitGatewayId"},
	}
	for _, tt := range tests {
		if got := tt.err.ErrorMessage(); got != tt.want {
			t.Errorf("ErrorMessage() = %q, want %q", got, tt.want)
		}
	}
}

// TestErrorZeroValue calls every method on the zero Error and on a nil
// *Error: none panics, and each gives the documented value.
func TestErrorZeroValue(t *testing.T) {
	for name, e := range map[string]*vpn.Error{"zero": {}, "nil": nil} {
		t.Run(name, func(t *testing.T) {
			if got, want := e.Error(), "vpn: unknown error"; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
			if got := e.Unwrap(); got != nil {
				t.Errorf("Unwrap() = %v, want nil", got)
			}
			if got := e.ErrorCode(); got != "" {
				t.Errorf("ErrorCode() = %q, want empty", got)
			}
			if got, want := e.ErrorMessage(), "An unknown error occurred."; got != want {
				t.Errorf("ErrorMessage() = %q, want %q", got, want)
			}
		})
	}
	// Parts given without a cause still print, and the message follows.
	e := &vpn.Error{Op: "attach", ID: "vgw-0123abcd", Param: "VpcId", Value: "vpc-1"}
	if got, want := e.Error(), `vpn: attach vgw-0123abcd: unknown error (VpcId "vpc-1")`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := e.ErrorMessage(), "An unknown error occurred."; got != want {
		t.Errorf("ErrorMessage() = %q, want %q", got, want)
	}
}
