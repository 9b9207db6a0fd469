package secgroup

import "errors"

// Sentinels: the causes an *Error wraps, matched with errors.Is.
var (
	ErrInvalid        = errors.New("invalid security group input")
	ErrProtocol       = errors.New("unknown ip protocol")
	ErrPorts          = errors.New("invalid port range")
	ErrDuplicate      = errors.New("rule already exists")
	ErrRuleNotFound   = errors.New("no such rule")
	ErrRuleIDNotFound = errors.New("no such rule id")
	ErrRuleLimit      = errors.New("group has the most rules allowed")
	ErrCannotDelete   = errors.New("default group cannot be deleted")
	ErrReserved       = errors.New("group name is reserved")
	ErrDuplicateName  = errors.New("group name already used in the vpc")
	ErrInUse          = errors.New("another group refers to the group")
)

// Error records a refused security group action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	secgroup: authorize sg-0a1b2c3d: rule already exists
type Error struct {
	Op   string // the action: "create", "authorize", "revoke", "delete", "rule"
	ID   string // the group, "sg-...", or empty
	Code string // the EC2 API error code, e.g. "InvalidPermission.Duplicate"
	Err  error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "secgroup: op id: cause".
func (e *Error) Error() string {
	s := "secgroup: " + e.Op
	if e.ID != "" {
		s += " " + e.ID
	}
	cause := "error"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	return s + ": " + cause
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

func fail(op, id, code string, err error, msg string) *Error {
	return &Error{Op: op, ID: id, Code: code, Err: err, msg: msg}
}
