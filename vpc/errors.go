package vpc

import (
	"errors"
	"strconv"
)

// Sentinels: the causes a *Error wraps, matched with errors.Is.
var (
	ErrInvalid     = errors.New("invalid vpc input")
	ErrBlockLimit  = errors.New("vpc has the most cidr blocks allowed")
	ErrPrimary     = errors.New("primary cidr block cannot be disassociated")
	ErrNoBlock     = errors.New("no such cidr block association")
	ErrBlockState  = errors.New("cidr block association is not associated")
	ErrNoAttribute = errors.New("unknown vpc attribute")
	ErrBorderGroup = errors.New("network border group not usable")
)

// Error records a refused VPC action, in the manner of [strconv.NumError]. The
// zero Error is not a refusal of any action; its methods still answer
// without panicking.
//
// A caller sees, for example:
//
//	vpc: associate vpc-0a1b2c3d: vpc has the most cidr blocks allowed (input "10.5.0.0/16")
type Error struct {
	Op    string // the action: "create", "associate", "disassociate", "attribute", ...
	ID    string // the VPC, "vpc-...", or empty
	Input string // what was refused: a block, an association ID, an attribute
	Code  string // the EC2 API error code, e.g. "CidrLimitExceeded"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "vpc: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "vpc: " + e.Op
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

// ErrorMessage returns the message EC2 gives for e: AWS's wording where it is
// known, else a sentence of ours in the same manner.
func (e *Error) ErrorMessage() string {
	if e.msg != "" {
		return e.msg
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return ""
}
