package endpoint

import (
	"errors"
	"strconv"
)

// Sentinels: the causes an *Error wraps, matched with errors.Is.
var (
	ErrService  = errors.New("no such endpoint service")
	ErrInvalid  = errors.New("invalid endpoint input")
	ErrZone     = errors.New("two subnets in one zone")
	ErrPolicy   = errors.New("malformed policy document")
	ErrState    = errors.New("endpoint is not in a state that allows it")
	ErrEncoding = errors.New("invalid endpoint encoding")
)

// Error records a refused endpoint action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	endpoint: create: no such endpoint service (input "com.amazonaws.us-east-1.nothing")
type Error struct {
	Op    string // the action: "create", "modify", "delete"
	ID    string // the endpoint, "vpce-...", when it has one
	Input string // what was refused: a service name, a subnet, a document
	Code  string // the EC2 API error code, e.g. "InvalidServiceName"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "endpoint: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "endpoint: " + e.Op
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

// ErrorMessage returns the message EC2 gives for e.
func (e *Error) ErrorMessage() string {
	if e.msg != "" {
		return e.msg
	}
	return e.Error()
}
