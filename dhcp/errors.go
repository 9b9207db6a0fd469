package dhcp

import (
	"errors"
	"strconv"
)

// ErrInvalid is the cause every refusal of this package wraps; match it
// with errors.Is.
var ErrInvalid = errors.New("invalid dhcp options")

// Error records a refused option set, in the manner of [strconv.NumError].
// The zero Error is not a refusal of any option set; its methods still
// answer without panicking.
//
// A caller sees, for example:
//
//	dhcp: netbios-node-type: invalid dhcp options (value "3")
type Error struct {
	Key   string // the option refused, "netbios-node-type"; "" for the whole set
	Value string // the value refused, if one is
	Code  string // the EC2 API error code, "InvalidParameterValue"
	Err   error  // the cause, ErrInvalid

	msg string
}

// Error returns "dhcp: key: cause (value ...)".
func (e *Error) Error() string {
	s := "dhcp: "
	if e.Key != "" {
		s += e.Key + ": "
	}
	cause := "error"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	s += cause
	if e.Value != "" {
		s += " (value " + strconv.Quote(e.Value) + ")"
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message EC2 gives for e.
func (e *Error) ErrorMessage() string {
	if e.msg != "" {
		return e.msg
	}
	return e.Error()
}

func invalid(key, value, msg string) *Error {
	return &Error{Key: key, Value: value, Code: "InvalidParameterValue", Err: ErrInvalid, msg: msg}
}

func badValue(key, value string) *Error {
	return invalid(key, value, "Value ("+value+") for parameter "+key+" is invalid.")
}
