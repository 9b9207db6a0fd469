package eip

import (
	"errors"
	"strconv"
)

// Sentinels: the causes a *Error wraps, matched with errors.Is.
var (
	ErrInvalid    = errors.New("invalid address input")
	ErrQuota      = errors.New("address quota reached")
	ErrExhausted  = errors.New("address pool exhausted")
	ErrNotFound   = errors.New("address not available")
	ErrAssociated = errors.New("address is already associated")
	ErrManaged    = errors.New("address is held by a service")
	ErrInUse      = errors.New("address is associated")
)

// Error records a refused address action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	eip: release eipalloc-0a1b2c3d: address is held by a service (input "nat-0a1b2c3d4e5f6a7b8")
type Error struct {
	Op    string // the action: "allocate", "associate", "disassociate", "release"
	ID    string // the allocation, "eipalloc-...", or empty
	Input string // what was refused: a domain, a pool, an address
	Code  string // the EC2 API error code, e.g. "AddressLimitExceeded"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "eip: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "eip: " + e.Op
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
