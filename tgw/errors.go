package tgw

import (
	"errors"
	"strconv"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Sentinels: the causes an *Error wraps, matched with errors.Is.
var (
	ErrInvalid            = errors.New("invalid transit gateway input")
	ErrState              = errors.New("resource is not in a state that allows it")
	ErrDependency         = errors.New("resource has dependents")
	ErrAlreadyAssociated  = errors.New("attachment is already associated")
	ErrNotAssociated      = errors.New("attachment is not associated with the route table")
	ErrAlreadyPropagating = errors.New("attachment already propagates to the route table")
	ErrNotPropagating     = errors.New("attachment does not propagate to the route table")
	ErrRouteExists        = errors.New("route already exists")
	ErrNoRoute            = errors.New("no such route")
	ErrDuplicate          = errors.New("attachment duplicates another")
	ErrZone               = errors.New("two subnets in one zone")
	ErrEncoding           = errors.New("invalid transit gateway encoding")
)

// Error records a refused transit gateway action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	tgw: associate tgw-attach-0a1b2c3d4e5f60718: attachment is already associated (input "tgw-rtb-0123456789abcdef0")
type Error struct {
	Op    string // the action: "create", "modify", "delete", "associate", ...
	ID    string // the resource acted on, when it has one
	Input string // what was refused: an option, a CIDR, a route table
	Code  string // the EC2 API error code, e.g. "Resource.AlreadyAssociated"
	Err   error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "tgw: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "tgw: " + e.Op
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

func fail(op, id, input, code string, err error, msg string) *Error {
	return &Error{Op: op, ID: id, Input: input, Code: code, Err: err, msg: msg}
}

func errorsAs(err error, target **Error) bool { return errors.As(err, target) }

// malformed returns the refusal of an ID that is not of kind k, or nil.
func malformed(op, id string, k ec2.Kind) *Error {
	err := k.ParseID(id)
	if err == nil {
		return nil
	}
	msg := err.Error()
	var e *ec2.Error
	if errors.As(err, &e) {
		msg = e.Message
	}
	return fail(op, id, id, k.Malformed, ErrInvalid, msg)
}
