package route

import (
	"errors"
	"strconv"
)

// Sentinels: the causes a *Error wraps, matched with errors.Is.
var (
	ErrMalformedTarget   = errors.New("malformed target")
	ErrTargetNotFound    = errors.New("target does not exist")
	ErrNoTarget          = errors.New("no target given")
	ErrManyTargets       = errors.New("more than one target given")
	ErrDestination       = errors.New("invalid destination")
	ErrRouteExists       = errors.New("route already exists")
	ErrRouteNotFound     = errors.New("no such route")
	ErrLocalRoute        = errors.New("local route cannot be removed")
	ErrNotLocalRoute     = errors.New("route is not a local route")
	ErrMoreSpecific      = errors.New("destination is equal to or more specific than a vpc cidr block")
	ErrTargetUnsupported = errors.New("target not supported for this route")
	ErrReserved          = errors.New("destination is reserved")
	ErrDifferentNetworks = errors.New("target belongs to a different vpc")
	ErrNotAttached       = errors.New("gateway is not attached")
	ErrFamily            = errors.New("target does not support this address family")
	ErrRouteLimit        = errors.New("route quota reached")
	ErrQuota             = errors.New("quota out of range")
	ErrPropagation       = errors.New("invalid route propagation")
	ErrBlock             = errors.New("invalid vpc cidr block")
	ErrAssociation       = errors.New("invalid association")
	ErrTable             = errors.New("invalid route table")
	ErrDependency        = errors.New("route table has dependencies")
	ErrEncoding          = errors.New("invalid route table encoding")
	ErrEncodingVersion   = errors.New("unsupported route table encoding version")
)

// Error records a refused route-table action, in the manner of
// [strconv.NumError]. Code is the EC2 API error code (spec section C.3
// casing; never a [status.Code]), ErrorMessage AWS's wording where it is
// known, and Err the sentinel cause. A caller sees, for example:
//
//	route: create-route rtb-0a1b2c3d: route already exists (input "10.0.0.0/16")
//
// The zero Error is not valid; every *Error this package returns has Op,
// Code and Err set. Its methods never panic, not even on the zero Error.
type Error struct {
	Op    string // the action: "parse-target", "create-route", "replace-route", "delete-route", ...
	ID    string // the route table, "rtb-...", or empty when no table is involved
	Input string // what was refused: a destination, a target ID, a parameter
	Code  string // the EC2 API error code, e.g. "RouteAlreadyExists"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "route: op id: cause (input ...)", leaving out the parts
// that are empty; a missing cause reads "<nil>".
func (e *Error) Error() string {
	s := "route:"
	if e.Op != "" {
		s += " " + e.Op
	}
	if e.ID != "" {
		s += " " + e.ID
	}
	cause := "<nil>"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	if s == "route:" {
		s += " " + cause
	} else {
		s += ": " + cause
	}
	if e.Input != "" {
		s += " (input " + strconv.Quote(e.Input) + ")"
	}
	return s
}

// Unwrap returns the sentinel cause, or nil for the zero Error.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code (not a [status.Code]), or "" for
// the zero Error; the method name matches the AWS SDK's APIError.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message EC2 gives for e: AWS's wording where spec
// section C.4 records it, else a sentence of ours in the same manner, else
// the cause's text; "" for the zero Error.
func (e *Error) ErrorMessage() string {
	switch {
	case e.msg != "":
		return e.msg
	case e.Err != nil:
		return e.Err.Error()
	}
	return ""
}
