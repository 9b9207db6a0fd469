package subnet

import (
	"errors"
	"strconv"
)

// Sentinels: the causes a *Error wraps, matched with errors.Is.
var (
	ErrInvalid   = errors.New("invalid subnet input")
	ErrRange     = errors.New("subnet block outside the vpc's blocks or of the wrong size")
	ErrConflict  = errors.New("subnet block overlaps another subnet")
	ErrZone      = errors.New("availability zone not usable")
	ErrAttribute = errors.New("invalid subnet attribute")
	ErrIPv6Block = errors.New("subnet ipv6 block association refused")
)

// Error records a refused subnet action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	subnet: create: subnet block overlaps another subnet (input "10.0.1.0/24")
type Error struct {
	Op    string // the action: "create", "modify", ...
	ID    string // the subnet, "subnet-...", or empty
	Input string // what was refused: a block, a zone, an attribute
	Code  string // the EC2 API error code, e.g. "InvalidSubnet.Conflict"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "subnet: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "subnet: " + e.Op
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
