package peering

import (
	"errors"

	"github.com/vpclab/vpcmodel/status"
)

// Sentinels: the causes a [*Error] wraps, matched with [errors.Is].
var (
	ErrInvalid           = errors.New("invalid input")
	ErrMalformedID       = errors.New("malformed id")
	ErrNotFound          = errors.New("no such connection")
	ErrVPCNotFound       = errors.New("no such vpc")
	ErrSameVPC           = errors.New("a vpc cannot peer with itself")
	ErrAlreadyExists     = errors.New("the vpcs already have a live connection")
	ErrOutstandingLimit  = errors.New("outstanding request quota reached")
	ErrActiveLimit       = errors.New("active connection quota reached")
	ErrWrongAccount      = errors.New("account is not permitted to act on this connection")
	ErrWrongRegion       = errors.New("action must be taken in another region")
	ErrState             = errors.New("connection is not in a state that allows the action")
	ErrNotActive         = errors.New("connection is not active")
	ErrClassicLink       = errors.New("classiclink options are not supported across regions")
	ErrPendingRequest    = errors.New("vpc has a pending peering request")
	ErrCIDROverlap       = errors.New("block overlaps the peer vpc")
	ErrPendingDependency = errors.New("vpc has a pending request from another account")
	ErrActiveDependency  = errors.New("vpc has an active peering connection")
	ErrPaginationToken   = errors.New("invalid pagination token")
	ErrFilter            = errors.New("invalid filter")
	ErrTags              = errors.New("invalid tags")
	ErrRandom            = errors.New("random source failed")
)

// Error is a refused peering action, in the manner of [strconv.NumError].
// Code is the EC2 API error code (the word "code" here never means a
// [status.Code]; that one is in Status) and Message is AWS's wording, so an
// emulator can answer any refusal with one errors.As and no switch.
//
// The zero Error is not valid; every *Error this package returns has Op,
// Code, Message and Err set, and its methods never panic.
type Error struct {
	Op      string      // the action: "create", "accept", "reject", "delete", "modify-options", "describe", ...
	ID      string      // the connection (pcx-...) or VPC the action named; may be empty
	Status  status.Code // the connection's status when refused; empty when not about one connection
	Code    string      // the EC2 API error code, e.g. "InvalidStateTransition"
	Message string      // AWS's message, e.g. "Peering pcx-... is not active. ..."
	Err     error       // the cause: a sentinel of this package, or a wrapped error from tag or internal packages
}

// Error returns "peering: op id: cause (status s)", leaving out the parts
// that are empty.
func (e *Error) Error() string {
	s := "peering: " + e.Op
	if e.ID != "" {
		s += " " + e.ID
	}
	cause := "<nil>"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	s += ": " + cause
	if e.Status != "" {
		s += " (status " + string(e.Status) + ")"
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code; the name matches the AWS SDK's
// smithy.APIError.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns AWS's message for the refusal, as EC2 would put it
// in the Message element of its error response.
func (e *Error) ErrorMessage() string { return e.Message }
