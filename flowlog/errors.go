package flowlog

import (
	"errors"
	"strconv"
)

// ErrInvalid is the cause every refusal of this package wraps; match it
// with errors.Is.
var ErrInvalid = errors.New("invalid flow log")

// Error records a refused flow log request, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any request; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	flowlog: TrafficType: invalid flow log (value "SOME")
type Error struct {
	Param string // the parameter refused, "TrafficType"
	Value string // the value refused, if one is
	Code  string // the EC2 API error code, e.g. "InvalidParameterValue"
	Err   error  // the cause, ErrInvalid

	msg string
}

// Error returns "flowlog: param: cause (value ...)".
func (e *Error) Error() string {
	s := "flowlog: "
	if e.Param != "" {
		s += e.Param + ": "
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

func refuse(code, param, value, msg string) *Error {
	return &Error{Param: param, Value: value, Code: code, Err: ErrInvalid, msg: msg}
}

func badValue(param, value string) *Error {
	return refuse("InvalidParameterValue", param, value, "Invalid value '"+value+"' for "+param+".")
}
