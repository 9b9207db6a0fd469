package subnetgroup

import (
	"errors"
	"strconv"
)

// Sentinels: the causes an *Error wraps, matched with errors.Is.
var (
	ErrInvalidName    = errors.New("invalid subnet group name")
	ErrReservedName   = errors.New("subnet group name is reserved")
	ErrNoSubnets      = errors.New("no subnets given")
	ErrUnknownSubnet  = errors.New("subnet not found")
	ErrMixedVPCs      = errors.New("subnets of more than one vpc")
	ErrZones          = errors.New("subnets cover too few availability zones")
	ErrTooManySubnets = errors.New("too many subnets")
	ErrOtherVPC       = errors.New("new subnets are in another vpc")
	ErrExists         = errors.New("subnet group already exists")
	ErrNotFound       = errors.New("subnet group not found")
	ErrInvalidARN     = errors.New("malformed arn")
	ErrTooManyTags    = errors.New("too many tags")
	ErrInvalidTag     = errors.New("invalid tag")
	ErrTagNotFound    = errors.New("tag not found")
	ErrInvalid        = errors.New("invalid subnet group input")
)

// Error records a refused subnet group action, in the manner of
// [strconv.NumError]. Code is the API error code of the group's service
// (see [Codes]); [Error.ErrorMessage] gives the service's wording where it
// is known. The zero Error is not a refusal of any action; its methods
// still answer without panicking.
//
// A caller sees, for example:
//
//	subnetgroup: rds create "db": subnets cover too few availability zones
type Error struct {
	Op      string  // the action: "create", "modify", "name", "tag", "arn", "find"
	Service Service // the group's service
	Name    string  // the group, or the name or ARN refused
	Code    string  // the API error code, e.g. "DBSubnetGroupDoesNotCoverEnoughAZs"
	Err     error   // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "subnetgroup: service op "name": cause".
func (e *Error) Error() string {
	s := "subnetgroup: "
	if e.Service != "" {
		s += string(e.Service) + " "
	}
	s += e.Op
	if e.Name != "" {
		s += " " + strconv.Quote(e.Name)
	}
	cause := "error"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	return s + ": " + cause
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the API error code (the method name matches the AWS
// SDK's APIError).
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message the service gives for e: AWS's wording
// where it is known, else a sentence of ours in the same manner.
func (e *Error) ErrorMessage() string {
	if e.msg != "" {
		return e.msg
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return ""
}

// errNoService is the refusal of an action under the zero Rules.
func errNoService(op string) *Error {
	return &Error{Op: op, Code: invalidParameterValue, Err: ErrInvalid, msg: "The subnet group belongs to no service."}
}
