package gateway

import (
	"errors"
	"strconv"
)

// Sentinels: the causes a *Error wraps, matched with errors.Is.
var (
	ErrAttached    = errors.New("gateway is already attached")
	ErrVPCHasOne   = errors.New("vpc already has an internet gateway")
	ErrNotAttached = errors.New("gateway is not attached to that vpc")
	ErrDependency  = errors.New("gateway is attached")
	ErrInvalid     = errors.New("invalid gateway input")
	ErrNATLimit    = errors.New("nat gateway quota reached")
	ErrDeleted     = errors.New("nat gateway is deleted")
)

// Error records a refused gateway action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	gateway: attach igw-0a1b2c3d: gateway is already attached (input "vpc-1a2b3c4d")
type Error struct {
	Op    string // the action: "create", "attach", "detach", "delete"
	ID    string // the gateway, "igw-...", "eigw-..." or "nat-..."
	Input string // what was refused: a VPC ID, an account
	Code  string // the EC2 API error code, e.g. "Resource.AlreadyAssociated"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "gateway: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "gateway: " + e.Op
	if e.ID != "" {
		s += " " + e.ID
	}
	cause := "error"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	s += ": " + cause
	if e.Input != "" {
		s += " (input " + strconv.Quote(e.Input) + ")"
	}
	return s
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code (the method name matches the AWS
// SDK's APIError).
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message EC2 gives for e: AWS's wording where it
// is known, else a sentence of ours in the same manner.
func (e *Error) ErrorMessage() string {
	if e.msg != "" {
		return e.msg
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return ""
}
