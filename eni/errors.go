package eni

import (
	"errors"
	"strconv"
)

// Sentinels: the causes a *Error wraps, matched with errors.Is.
var (
	ErrInvalid  = errors.New("invalid network interface input")
	ErrAddress  = errors.New("address not usable in the subnet")
	ErrInUse    = errors.New("address already in use")
	ErrFull     = errors.New("no free address in the subnet")
	ErrGroups   = errors.New("too many security groups")
	ErrEncoding = errors.New("invalid network interface encoding")
)

// Error records a refused network interface action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	eni: create: address already in use (input "10.0.1.4")
type Error struct {
	Op    string // the action: "create", "modify", "unmarshal"
	ID    string // the interface, "eni-...", or empty
	Input string // what was refused: an address, a group ID, a description
	Code  string // the EC2 API error code, e.g. "InvalidIPAddress.InUse"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "eni: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "eni: " + e.Op
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
