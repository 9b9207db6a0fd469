package acl

import "errors"

// Sentinels: the causes an *Error wraps, matched with errors.Is.
var (
	ErrInvalid       = errors.New("invalid network acl input")
	ErrProtocol      = errors.New("unknown ip protocol")
	ErrEntryExists   = errors.New("entry already exists")
	ErrEntryNotFound = errors.New("no such entry")
	ErrEntryLimit    = errors.New("acl has the most entries allowed")
	ErrDefault       = errors.New("default network acl cannot be deleted")
	ErrAssociated    = errors.New("network acl has associations")
	ErrNoAssociation = errors.New("no such association")
)

// Error records a refused network ACL action, in the manner of
// [strconv.NumError]. The zero Error is not a refusal of any action; its
// methods still answer without panicking.
//
// A caller sees, for example:
//
//	acl: create-entry acl-0a1b2c3d: entry already exists
type Error struct {
	Op   string // the action: "create-entry", "replace-entry", "delete-entry", "delete", "entry"
	ID   string // the network ACL, "acl-...", or empty
	Code string // the EC2 API error code, e.g. "NetworkAclEntryAlreadyExists"
	Err  error  // the cause, one of the Err... sentinels; match it with errors.Is

	msg string
}

// Error returns "acl: op id: cause".
func (e *Error) Error() string {
	s := "acl: " + e.Op
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
