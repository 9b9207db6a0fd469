package bpa

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Mode is an InternetGatewayBlockMode.
type Mode string

// The block modes.
const (
	ModeOff                Mode = "off"
	ModeBlockBidirectional Mode = "block-bidirectional"
	ModeBlockIngress       Mode = "block-ingress"
)

// IsValid reports whether m is one of EC2's block modes.
func (m Mode) IsValid() bool {
	return m == ModeOff || m == ModeBlockBidirectional || m == ModeBlockIngress
}

// ExclusionMode is an InternetGatewayExclusionMode.
type ExclusionMode string

// The exclusion modes.
const (
	AllowBidirectional ExclusionMode = "allow-bidirectional"
	AllowEgress        ExclusionMode = "allow-egress"
)

// IsValid reports whether m is one of EC2's exclusion modes.
func (m ExclusionMode) IsValid() bool { return m == AllowBidirectional || m == AllowEgress }

// State is the state of the options or of an exclusion.
type State string

// The states.
const (
	StateDefault          State = "default-state"
	StateCreateInProgress State = "create-in-progress"
	StateCreateComplete   State = "create-complete"
	StateUpdateInProgress State = "update-in-progress"
	StateUpdateComplete   State = "update-complete"
	StateDeleteInProgress State = "delete-in-progress"
	StateDeleteComplete   State = "delete-complete"
)

// InProgress reports whether s is a change EC2 has not completed.
func (s State) InProgress() bool { return strings.HasSuffix(string(s), "-in-progress") }

func (s State) settled() State {
	if s.InProgress() {
		return State(strings.TrimSuffix(string(s), "-in-progress") + "-complete")
	}
	return s
}

// DeletedRetention is how long a deleted exclusion stays visible.
const DeletedRetention = time.Hour

// MaxExclusions is the number of live exclusions a Region holds by default.
const MaxExclusions = 50

// Sentinels: the causes an *Error wraps, matched with errors.Is.
var (
	ErrInvalid = errors.New("invalid block public access input")
	ErrState   = errors.New("exclusion is in the wrong state")
	ErrQuota   = errors.New("too many exclusions")
)

// Error records a refused action. Code is EC2's error code.
type Error struct {
	Op    string // "modify-options", "create-exclusion", "modify-exclusion", "delete-exclusion"
	ID    string // the exclusion, if any
	Input string // what was refused
	Code  string // EC2's error code
	Err   error  // one of the Err... sentinels
	msg   string
}

// Error returns "bpa: op id: cause (input ...)".
func (e *Error) Error() string {
	s := "bpa: " + e.Op
	if e.ID != "" {
		s += " " + e.ID
	}
	s += ": " + fmt.Sprint(e.Err)
	if e.Input != "" {
		s += " (input " + strconv.Quote(e.Input) + ")"
	}
	return s
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns EC2's error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns the message EC2 gives.
func (e *Error) ErrorMessage() string { return e.msg }

// Options are one account's Block Public Access options in one Region.
type Options struct {
	Mode    Mode
	State   State
	Updated time.Time // the last change; zero before any
}

// DefaultOptions returns the options of a Region never modified.
func DefaultOptions() Options { return Options{Mode: ModeOff, State: StateDefault} }

// Modify sets the block mode at now. Errors: an unknown mode
// (InvalidParameterValue).
func (o Options) Modify(m Mode, now time.Time) (Options, error) {
	if !m.IsValid() {
		return o, &Error{Op: "modify-options", Input: string(m), Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Value (%s) for parameter InternetGatewayBlockMode is invalid. Expected: 'off | block-bidirectional | block-ingress'.", m)}
	}
	return Options{Mode: m, State: StateUpdateInProgress, Updated: now}, nil
}

// Settle completes a change in progress.
func (o Options) Settle() Options {
	o.State = o.State.settled()
	return o
}

// IsValid reports whether o could have been made by this package.
func (o Options) IsValid() bool {
	switch o.State {
	case StateDefault:
		return o.Mode == ModeOff && o.Updated.IsZero()
	case StateUpdateInProgress, StateUpdateComplete:
		return o.Mode.IsValid() && !o.Updated.IsZero()
	}
	return false
}

// ResourceKind is what an exclusion exempts.
type ResourceKind string

// The kinds of resource an exclusion exempts.
const (
	KindVPC    ResourceKind = "vpc"
	KindSubnet ResourceKind = "subnet"
)

// Spec is what CreateVpcBlockPublicAccessExclusion asks for.
type Spec struct {
	OwnerID, Region string
	Kind            ResourceKind
	ResourceID      string // "vpc-..." or "subnet-..."
	Mode            ExclusionMode
}

// Exclusion is one exclusion: the VPC or subnet it exempts, its mode, its
// state and the times of its changes.
type Exclusion struct {
	id, ownerID, region string
	kind                ResourceKind
	resource            string
	mode                ExclusionMode
	state               State
	created, updated    time.Time
	deleted             time.Time
}

var exclusionKind = ec2.BPAExclusion

// IsExclusionID reports whether s is shaped as an exclusion ID.
func IsExclusionID(s string) bool { return exclusionKind.IsID(s) }

// ParseExclusionID returns EC2's error for a malformed exclusion ID.
func ParseExclusionID(s string) error { return exclusionKind.ParseID(s) }

// NotFoundError is EC2's refusal of an unknown exclusion ID.
func NotFoundError(id string) error { return exclusionKind.NotFoundError(id, nil) }

// Check returns the error [Create] would return for spec, reading no
// randomness. Errors: a malformed owner or Region, a resource ID of the
// wrong kind, or an unknown mode (InvalidParameterValue).
func (spec Spec) Check() error {
	bad := func(input, msg string) error {
		return &Error{Op: "create-exclusion", Input: input, Code: ec2.InvalidParameterValue, Err: ErrInvalid, msg: msg}
	}
	switch {
	case !ec2.IsAccount(spec.OwnerID) || !ec2.IsRegion(spec.Region):
		return bad(spec.OwnerID, fmt.Sprintf("Invalid owner %q or Region %q", spec.OwnerID, spec.Region))
	case spec.Kind == KindVPC && !ec2.VPC.IsID(spec.ResourceID), spec.Kind == KindSubnet && !ec2.Subnet.IsID(spec.ResourceID),
		spec.Kind != KindVPC && spec.Kind != KindSubnet:
		return bad(spec.ResourceID, fmt.Sprintf("Invalid resource ID %q for an exclusion.", spec.ResourceID))
	case !spec.Mode.IsValid():
		return bad(string(spec.Mode), fmt.Sprintf("Value (%s) for parameter InternetGatewayExclusionMode is invalid. Expected: 'allow-bidirectional | allow-egress'.", spec.Mode))
	}
	return nil
}

// Create returns a new exclusion, create-in-progress at now, with an ID
// read from random after every check.
func Create(spec Spec, now time.Time, random io.Reader) (Exclusion, error) {
	if err := spec.Check(); err != nil {
		return Exclusion{}, err
	}
	id, err := exclusionKind.NewID(random)
	if err != nil {
		return Exclusion{}, err
	}
	return Exclusion{id: id, ownerID: spec.OwnerID, region: spec.Region, kind: spec.Kind, resource: spec.ResourceID,
		mode: spec.Mode, state: StateCreateInProgress, created: now, updated: now}, nil
}

// ID returns e's ID, "exclusion-...".
func (e Exclusion) ID() string { return e.id }

// OwnerID returns e's account.
func (e Exclusion) OwnerID() string { return e.ownerID }

// Region returns e's Region.
func (e Exclusion) Region() string { return e.region }

// Resource returns the kind and ID of what e exempts.
func (e Exclusion) Resource() (ResourceKind, string) { return e.kind, e.resource }

// ARN returns the ARN of what e exempts, as ResourceArn shows it.
func (e Exclusion) ARN() string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:%s/%s", e.region, e.ownerID, e.kind, e.resource)
}

// Mode returns e's mode.
func (e Exclusion) Mode() ExclusionMode { return e.mode }

// State returns e's state.
func (e Exclusion) State() State { return e.state }

// Created returns when e was created.
func (e Exclusion) Created() time.Time { return e.created }

// Updated returns when e last changed.
func (e Exclusion) Updated() time.Time { return e.updated }

// Deleted returns when e was deleted, if it was.
func (e Exclusion) Deleted() (time.Time, bool) { return e.deleted, !e.deleted.IsZero() }

// IsLive reports whether e exempts its resource: created and not deleted.
func (e Exclusion) IsLive() bool {
	return e.state != StateDeleteInProgress && e.state != StateDeleteComplete
}

func (e Exclusion) checkSettled(op string) error {
	if e.state.InProgress() || !e.IsLive() {
		return &Error{Op: op, ID: e.id, Input: string(e.state), Code: "IncorrectState", Err: ErrState,
			msg: fmt.Sprintf("The exclusion %s is in state %s.", e.id, e.state)}
	}
	return nil
}

// Modify sets e's mode at now. Errors: an unknown mode
// (InvalidParameterValue); a change still in progress, or a deleted
// exclusion (IncorrectState).
func (e Exclusion) Modify(m ExclusionMode, now time.Time) (Exclusion, error) {
	if !m.IsValid() {
		return e, &Error{Op: "modify-exclusion", ID: e.id, Input: string(m), Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Value (%s) for parameter InternetGatewayExclusionMode is invalid. Expected: 'allow-bidirectional | allow-egress'.", m)}
	}
	if err := e.checkSettled("modify-exclusion"); err != nil {
		return e, err
	}
	e.mode, e.state, e.updated = m, StateUpdateInProgress, now
	return e, nil
}

// Delete starts e's deletion at now. Errors: a change still in progress,
// or an exclusion already deleted (IncorrectState).
func (e Exclusion) Delete(now time.Time) (Exclusion, error) {
	if err := e.checkSettled("delete-exclusion"); err != nil {
		return e, err
	}
	e.state, e.updated, e.deleted = StateDeleteInProgress, now, now
	return e, nil
}

// Gone reports whether a deleted e is past [DeletedRetention] at now.
func (e Exclusion) Gone(now time.Time) bool {
	return !e.deleted.IsZero() && !now.Before(e.deleted.Add(DeletedRetention))
}

// Settle completes a change in progress.
func (e Exclusion) Settle() Exclusion {
	e.state = e.state.settled()
	return e
}

// Allows reports whether traffic through an internet gateway, started from
// inside the VPC (outbound) or from the internet (inbound), passes the
// options o and the exclusion mode ex of the subnet or VPC ("" for none);
// nat says whether the traffic crosses the gateway from or to a NAT
// gateway (whose address the traffic carries). Mode block-ingress lets
// through only outbound traffic of a NAT gateway: the gateways that only
// let connections be started from inside.
func Allows(o Options, ex ExclusionMode, outbound, nat bool) bool {
	switch ex {
	case AllowBidirectional:
		return true
	case AllowEgress:
		if outbound {
			return true
		}
	}
	switch o.Mode {
	case ModeBlockBidirectional:
		return false
	case ModeBlockIngress:
		return outbound && nat
	}
	return true
}
