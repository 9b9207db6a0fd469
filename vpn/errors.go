package vpn

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinels a *Error wraps, matched with errors.Is. They name what went
// wrong; the EC2 API error code is in [Error.Code].
var (
	ErrMissing             = errors.New("required parameter is missing")
	ErrInvalidValue        = errors.New("value is not valid")
	ErrOutOfRange          = errors.New("value is out of range")
	ErrCombination         = errors.New("parameters cannot be used together")
	ErrInsideCIDR          = errors.New("tunnel inside cidr is not valid")
	ErrReservedCIDR        = errors.New("tunnel inside cidr is reserved")
	ErrDuplicateCIDR       = errors.New("both tunnels have the same inside cidr")
	ErrCIDRInUse           = errors.New("tunnel inside cidr is in use on the gateway")
	ErrPreSharedKey        = errors.New("pre-shared key is not valid")
	ErrTooManyTunnels      = errors.New("more than two tunnel option sets")
	ErrASN                 = errors.New("asn is out of range")
	ErrASNConflict         = errors.New("customer gateway asn equals the amazon side asn")
	ErrConnectionExists    = errors.New("a connection between these gateways already exists")
	ErrState               = errors.New("resource is not in a state that allows the action")
	ErrVPCHasGateway       = errors.New("vpc already has a virtual private gateway")
	ErrAlreadyAttached     = errors.New("gateway is already attached to a vpc")
	ErrNotAttached         = errors.New("gateway is not attached to the vpc")
	ErrInUse               = errors.New("resource is in use")
	ErrLimitExceeded       = errors.New("quota exceeded")
	ErrNotStatic           = errors.New("connection does not use static routes on a virtual private gateway")
	ErrRouteNotFound       = errors.New("no such static route")
	ErrDeviceType          = errors.New("unknown device type")
	ErrExhausted           = errors.New("no free address or block left")
	ErrRandom              = errors.New("random source failed")
	ErrTunnel              = errors.New("no such tunnel")
	ErrModifying           = errors.New("a modification of the connection is in progress")
	ErrTransitGateway      = errors.New("moving a connection to or from a transit gateway is not modelled")
	ErrNeedsTransitGateway = errors.New("option is available only on a transit gateway")
	ErrNotModelled         = errors.New("option needs a transit gateway attachment, which is not modelled")
	ErrLogGroupARN         = errors.New("log group arn is not valid")
	ErrEncoding            = errors.New("encoded value is not valid")
	ErrVersion             = errors.New("unknown encoding version")
	ErrRedacted            = errors.New("the json form is a redacted view and cannot be decoded; use MarshalBinary and UnmarshalBinary")
)

// Error is a refused VPN request, in the manner of [strconv.NumError]. Its
// Code is the EC2 API error code (for example InvalidParameterValue,
// InvalidCidr.InUse or InvalidOption.Conflict), and [Error.ErrorMessage]
// gives AWS's wording. Value never holds a pre-shared key: an error about a
// key names the parameter only.
//
// The zero Error is not valid: the package never returns one. Its methods
// still work on it, and on a nil *Error: Error gives "vpn: unknown error",
// Unwrap nil, ErrorCode "" and ErrorMessage "An unknown error occurred.".
type Error struct {
	Op    string // the action: "create", "create-customer-gateway", "attach", ...
	ID    string // the resource acted on, when it has an ID ("vpn-…", "vgw-…")
	Param string // the EC2 parameter at fault, e.g. "TunnelInsideCidr"; may be empty
	Value string // the offending value as given; empty for secrets
	Code  string // the EC2 API error code
	Err   error  // the sentinel cause
}

// Error returns "vpn: op id: cause (param value)", leaving out the parts
// that are empty; a missing cause reads "unknown error".
func (e *Error) Error() string {
	if e == nil {
		return "vpn: " + unknownCause
	}
	s := "vpn:"
	if e.Op != "" {
		s += " " + e.Op
	}
	if e.ID != "" {
		s += " " + e.ID
	}
	if e.Op != "" || e.ID != "" {
		s += ":"
	}
	s += " " + e.cause()
	switch {
	case e.Param != "" && e.Value != "":
		s += " (" + e.Param + " " + strconv.Quote(e.Value) + ")"
	case e.Param != "":
		s += " (" + e.Param + ")"
	case e.Value != "":
		s += " (" + strconv.Quote(e.Value) + ")"
	}
	return s
}

const unknownCause = "unknown error"

func (e *Error) cause() string {
	if e.Err == nil {
		return unknownCause
	}
	return e.Err.Error()
}

// Unwrap returns the sentinel cause; nil for the zero Error.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// ErrorCode returns the EC2 API error code; the method name matches the AWS
// SDK's APIError. It is "" for the zero Error.
func (e *Error) ErrorCode() string {
	if e == nil {
		return ""
	}
	return e.Code
}

// ErrorMessage returns the message EC2 gives for e: AWS's observed wording
// where one is known, otherwise a message in EC2's style.
func (e *Error) ErrorMessage() string {
	switch {
	case e == nil || e.Err == nil:
		return "An unknown error occurred."
	case errors.Is(e.Err, ErrPreSharedKey):
		return "Value for parameter PreSharedKey is invalid."
	case e.Param == "TunnelInsideIpv6Cidr" && errors.Is(e.Err, ErrCombination):
		return "An ipv6 inside cidr is not allowed for VPNs using an ipv4 inside ip version"
	case e.Param == "TransitGatewayId" && errors.Is(e.Err, ErrCombination):
		return "The request must not contain both parameter vpnGatewayId and transitGatewayId"
	case errors.Is(e.Err, ErrMissing) && e.Value != "":
		return "The parameter " + e.Param + " is required when " + e.Value + " is true."
	case errors.Is(e.Err, ErrMissing):
		return "The request must contain the parameter " + e.Param
	case errors.Is(e.Err, ErrCIDRInUse):
		return fmt.Sprintf("The inside tunnel CIDR %s is already in use by another VPN connection on gateway %s.", e.Value, e.ID)
	case errors.Is(e.Err, ErrConnectionExists):
		return fmt.Sprintf("The VPN connection between %s already exists.", e.Value)
	case errors.Is(e.Err, ErrASNConflict):
		return fmt.Sprintf("The customer gateway ASN %s conflicts with the Amazon side ASN of the gateway.", e.Value)
	case errors.Is(e.Err, ErrVPCHasGateway):
		return fmt.Sprintf("The vpc %s already has a VPN gateway attached.", e.Value)
	case errors.Is(e.Err, ErrAlreadyAttached):
		return fmt.Sprintf("The VPN gateway %s is already attached to a VPC.", e.ID)
	case errors.Is(e.Err, ErrNotAttached):
		return fmt.Sprintf("The attachment with vpn gateway ID '%s' and vpc ID '%s' does not exist", e.ID, e.Value)
	case errors.Is(e.Err, ErrNotStatic):
		return fmt.Sprintf("The VPN connection %s does not support static routes.", e.ID)
	case errors.Is(e.Err, ErrRouteNotFound):
		return fmt.Sprintf("The route with destination %s does not exist in VPN connection %s.", e.Value, e.ID)
	case errors.Is(e.Err, ErrModifying):
		return fmt.Sprintf("The VPN connection %s is being modified; wait until it is available before changing it again.", e.ID)
	case errors.Is(e.Err, ErrNeedsTransitGateway):
		return fmt.Sprintf("The value %s for parameter %s is supported only for VPN connections on a transit gateway.", e.Value, e.Param)
	case errors.Is(e.Err, ErrNotModelled):
		return fmt.Sprintf("The value %s for parameter %s needs a transport transit gateway attachment, which this model does not support.", e.Value, e.Param)
	case errors.Is(e.Err, ErrLogGroupARN):
		return fmt.Sprintf("Value (%s) for parameter %s is invalid. It must be a CloudWatch Logs log group ARN.", e.Value, e.Param)
	case errors.Is(e.Err, ErrTransitGateway):
		return "Moving a VPN connection to or from a transit gateway is not supported by this model."
	case errors.Is(e.Err, ErrTunnel) && e.Param == "VpnTunnelOutsideIpAddress":
		return fmt.Sprintf("The VPN connection %s has no tunnel with outside IP address %s.", e.ID, e.Value)
	case errors.Is(e.Err, ErrState), errors.Is(e.Err, ErrInUse):
		if e.ID != "" {
			return fmt.Sprintf("The resource %s is in an incorrect state for the request.", e.ID)
		}
		return "A resource is in an incorrect state for the request."
	case errors.Is(e.Err, ErrVersion):
		return "Unsupported encoding version " + strconv.Quote(e.Value) + "; this version reads version " + strconv.Itoa(encodingVersion) + "."
	case errors.Is(e.Err, ErrRedacted):
		return "The JSON form is a redacted view and cannot be decoded; use MarshalBinary and UnmarshalBinary."
	case errors.Is(e.Err, ErrEncoding) && e.Param == "":
		return "The encoded value is not valid: " + e.cause()
	case errors.Is(e.Err, ErrLimitExceeded):
		return "The maximum number of " + e.Param + " has been reached."
	case errors.Is(e.Err, ErrCombination):
		return "The parameter " + e.Param + " cannot be used with the other parameters given."
	}
	if e.Param != "" {
		if e.Value != "" {
			return fmt.Sprintf("Value (%s) for parameter %s is invalid.", e.Value, e.Param)
		}
		return fmt.Sprintf("Value for parameter %s is invalid.", e.Param)
	}
	return e.cause()
}
