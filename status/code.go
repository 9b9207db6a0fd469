package status

import "slices"

// Code is the status code of a VPC peering connection, spelled as EC2 spells
// it on the wire (the SDK's VpcPeeringConnectionStateReasonCode). The zero
// Code is not valid.
type Code string

// The nine peering status codes.
const (
	InitiatingRequest Code = "initiating-request"
	PendingAcceptance Code = "pending-acceptance"
	Provisioning      Code = "provisioning"
	Active            Code = "active"
	Deleting          Code = "deleting"
	Deleted           Code = "deleted"
	Rejected          Code = "rejected"
	Failed            Code = "failed"
	Expired           Code = "expired"
)

var codes = []Code{InitiatingRequest, PendingAcceptance, Provisioning, Active,
	Deleting, Deleted, Rejected, Failed, Expired}

// Values returns every valid Code in lifecycle order: initiating-request,
// pending-acceptance, provisioning, active, deleting, deleted, rejected,
// failed, expired.
func (Code) Values() []Code { return slices.Clone(codes) }

// IsValid reports whether c is one of [Code.Values].
func (c Code) IsValid() bool { return slices.Contains(codes, c) }

// String returns c as EC2 spells it.
func (c Code) String() string { return string(c) }

// IsTerminal reports whether no action can move a connection out of c:
// deleted, rejected, failed and expired.
func (c Code) IsTerminal() bool {
	switch c {
	case Deleted, Rejected, Failed, Expired:
		return true
	}
	return false
}

// IsLive reports whether a connection in c still occupies its VPC pair:
// initiating-request, pending-acceptance, provisioning and active. EC2 allows
// one live connection per pair of VPCs.
func (c Code) IsLive() bool {
	switch c {
	case InitiatingRequest, PendingAcceptance, Provisioning, Active:
		return true
	}
	return false
}

// IsPending reports whether c is an unanswered request: initiating-request
// or pending-acceptance. Such requests count against the outstanding-request
// quota.
func (c Code) IsPending() bool { return c == InitiatingRequest || c == PendingAcceptance }

// IsTransient reports whether EC2 moves a connection out of c by itself,
// without any caller's action: initiating-request, provisioning and deleting.
func (c Code) IsTransient() bool {
	return c == InitiatingRequest || c == Provisioning || c == Deleting
}

// CarriesTraffic reports whether a route to a connection in c forwards
// packets. Only active does.
func (c Code) CarriesTraffic() bool { return c == Active }

// Reason is a peering connection's status as EC2 returns it: the code and
// a human-readable message (the SDK's VpcPeeringConnectionStateReason). The
// zero Reason is not valid. Reason supports == and can be a map key.
type Reason struct {
	Code    Code
	Message string
}

// IsValid reports whether r.Code is valid.
func (r Reason) IsValid() bool { return r.Code.IsValid() }

// String returns "code: message".
func (r Reason) String() string { return string(r.Code) + ": " + r.Message }
