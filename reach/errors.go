package reach

import (
	"errors"
	"strconv"
)

// Sentinels: the causes a *Error wraps, matched with errors.Is.
var (
	ErrQuery    = errors.New("invalid reachability query")
	ErrNotFound = errors.New("no such resource")
)

// Error records a query [Analyze] refused, in the manner of
// [strconv.NumError]: an end that names nothing, or names it wrongly. A
// path that is blocked is not an error but a [Result]. The zero Error is
// not a refusal; its methods still answer without panicking.
//
// A caller sees, for example:
//
//	reach: analyze: no such resource (input "eni-0123456789abcdef0")
type Error struct {
	Op    string // "analyze"
	Input string // the ID or address refused
	Code  string // the EC2 API error code, e.g. "InvalidNetworkInterfaceID.NotFound"
	Err   error  // ErrQuery or ErrNotFound; match it with errors.Is

	msg string
}

// Error returns "reach: op: cause (input ...)".
func (e *Error) Error() string {
	cause := "error"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	s := "reach: " + e.Op + ": " + cause
	if e.Input != "" {
		s += " (input " + strconv.Quote(e.Input) + ")"
	}
	return s
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message EC2 gives for e, or a sentence of ours.
func (e *Error) ErrorMessage() string {
	if e.msg != "" {
		return e.msg
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return ""
}
