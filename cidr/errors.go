package cidr

import (
	"errors"
	"fmt"
)

// Sentinels matched with errors.Is: each names what was wrong with a block
// and is the Err of the *[Error] reporting it.
var (
	ErrSyntax        = errors.New("not a valid CIDR block")
	ErrHostBits      = errors.New("host bits are set")
	ErrFamily        = errors.New("wrong address family")
	ErrSize          = errors.New("prefix length out of range")
	ErrRestricted    = errors.New("block is restricted for this VPC")
	ErrOverlap       = errors.New("block overlaps an existing block")
	ErrRouteConflict = errors.New("block is the same as or larger than a route destination")
	ErrExhausted     = errors.New("no free block left in the pool")
	ErrRandom        = errors.New("random source gives no usable bytes")
)

// Error records a refused CIDR block, in the manner of [strconv.NumError].
// Its Code is the EC2 API error code: InvalidParameterValue for bad syntax,
// host bits or the wrong family; InvalidVpc.Range for a block EC2 will not
// take for a VPC (size, restricted range, overlap, route conflict);
// InsufficientCidrBlocks when [Allocate] finds no free block; InternalError
// when the random source fails. ErrorMessage gives AWS's wording where it is
// known and a sentence in its style otherwise. Errors from this package are
// always a *Error.
type Error struct {
	Op    string // the operation: "parse", "associate", "allocate"
	Input string // the block as given
	Param string // the EC2 parameter it came in, e.g. "cidrBlock", "destinationCidrBlock"
	Code  string // the EC2 API error code
	Err   error  // the sentinel cause
}

func (e *Error) Error() string {
	return fmt.Sprintf("cidr: %s %q: %v", e.Op, e.Input, e.Err)
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message EC2 gives for e.
func (e *Error) ErrorMessage() string {
	switch {
	case errors.Is(e.Err, ErrSize):
		return fmt.Sprintf("The CIDR '%s' is invalid.", e.Input)
	case errors.Is(e.Err, ErrOverlap):
		return fmt.Sprintf("The CIDR '%s' conflicts with a CIDR block already associated with the VPC.", e.Input)
	case errors.Is(e.Err, ErrRestricted):
		return fmt.Sprintf("The CIDR '%s' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, or use a publicly-routable CIDR.", e.Input)
	case errors.Is(e.Err, ErrRouteConflict):
		return fmt.Sprintf("The CIDR '%s' is the same as or larger than the destination of a route in a route table of the VPC.", e.Input)
	case errors.Is(e.Err, ErrExhausted):
		return fmt.Sprintf("The pool '%s' does not have enough free CIDR blocks to satisfy the request.", e.Input)
	}
	param := e.Param
	if param == "" {
		param = "cidrBlock"
	}
	return fmt.Sprintf("Value (%s) for parameter %s is invalid. This is not a valid CIDR block.", e.Input, param)
}
