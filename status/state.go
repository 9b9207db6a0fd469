package status

import "slices"

// State is the state of a VPN connection, a virtual private gateway, a
// customer gateway or a VPN static route (the SDK's VpnState; customer
// gateways use the same four words), plus modifying, which EC2 reports for
// a VPN connection while a Modify action is in progress although the SDK's
// VpnState enum leaves it out. The zero State is not valid.
type State string

// The resource states. StateModifying is a VPN connection's only: EC2
// answers it between ModifyVpnTunnelOptions, ModifyVpnConnection or
// ModifyVpnConnectionOptions and the change completing (Terraform's
// provider waits on it as vpnStateModifying = "modifying").
const (
	StatePending   State = "pending"
	StateAvailable State = "available"
	StateModifying State = "modifying"
	StateDeleting  State = "deleting"
	StateDeleted   State = "deleted"
)

var states = []State{StatePending, StateAvailable, StateModifying, StateDeleting, StateDeleted}

// Values returns every valid State in lifecycle order: pending, available,
// modifying, deleting, deleted.
func (State) Values() []State { return slices.Clone(states) }

// IsValid reports whether s is one of [State.Values].
func (s State) IsValid() bool { return slices.Contains(states, s) }

// String returns s as EC2 spells it.
func (s State) String() string { return string(s) }

// IsTerminal reports whether s is deleted.
func (s State) IsTerminal() bool { return s == StateDeleted }

// IsLive reports whether a resource in s still exists for EC2's rules
// (quotas, conflicts): pending, available or modifying.
func (s State) IsLive() bool { return s == StatePending || s == StateAvailable || s == StateModifying }

// Attachment is the state of a virtual private gateway's attachment to a VPC
// (the SDK's AttachmentStatus). The zero Attachment is not valid.
type Attachment string

// The four attachment states.
const (
	Attaching Attachment = "attaching"
	Attached  Attachment = "attached"
	Detaching Attachment = "detaching"
	Detached  Attachment = "detached"
)

var attachments = []Attachment{Attaching, Attached, Detaching, Detached}

// Values returns every valid Attachment in lifecycle order: attaching,
// attached, detaching, detached.
func (Attachment) Values() []Attachment { return slices.Clone(attachments) }

// IsValid reports whether a is one of [Attachment.Values].
func (a Attachment) IsValid() bool { return slices.Contains(attachments, a) }

// String returns a as EC2 spells it.
func (a Attachment) String() string { return string(a) }

// IsLive reports whether the gateway is still bound to the VPC: attaching,
// attached or detaching.
func (a Attachment) IsLive() bool { return a == Attaching || a == Attached || a == Detaching }

// RouteState is the state of a route (the SDK's RouteState). The zero
// RouteState is not valid.
type RouteState string

// The route states. EC2 documents "filtered" in its model but never sets it
// for the targets this project models.
const (
	RouteActive    RouteState = "active"
	RouteBlackhole RouteState = "blackhole"
	RouteFiltered  RouteState = "filtered"
)

var routes = []RouteState{RouteActive, RouteBlackhole, RouteFiltered}

// Values returns every valid Route: active, blackhole, filtered.
func (RouteState) Values() []RouteState { return slices.Clone(routes) }

// IsValid reports whether r is one of [RouteState.Values].
func (r RouteState) IsValid() bool { return slices.Contains(routes, r) }

// String returns r as EC2 spells it.
func (r RouteState) String() string { return string(r) }

// Forwards reports whether traffic matching a route in r is forwarded to its
// target. A blackhole route still matches, but drops the packet.
func (r RouteState) Forwards() bool { return r == RouteActive }

// Telemetry is the status of a VPN tunnel as reported in VgwTelemetry (the
// SDK's TelemetryStatus). The zero Telemetry is not valid.
type Telemetry string

// The tunnel telemetry values.
const (
	Up   Telemetry = "UP"
	Down Telemetry = "DOWN"
)

var telemetries = []Telemetry{Up, Down}

// Values returns every valid Telemetry: UP, DOWN.
func (Telemetry) Values() []Telemetry { return slices.Clone(telemetries) }

// IsValid reports whether t is one of [Telemetry.Values].
func (t Telemetry) IsValid() bool { return slices.Contains(telemetries, t) }

// String returns t as EC2 spells it.
func (t Telemetry) String() string { return string(t) }

// GatewayAssociation is the association state of a VPN connection with its
// gateway (the SDK's GatewayAssociationState). The zero value is not valid.
type GatewayAssociation string

// The gateway association states.
const (
	Associated     GatewayAssociation = "associated"
	NotAssociated  GatewayAssociation = "not-associated"
	Associating    GatewayAssociation = "associating"
	Disassociating GatewayAssociation = "disassociating"
)

var associations = []GatewayAssociation{Associated, NotAssociated, Associating, Disassociating}

// Values returns every valid GatewayAssociation: associated, not-associated,
// associating, disassociating.
func (GatewayAssociation) Values() []GatewayAssociation { return slices.Clone(associations) }

// IsValid reports whether g is one of [GatewayAssociation.Values].
func (g GatewayAssociation) IsValid() bool { return slices.Contains(associations, g) }

// String returns g as EC2 spells it.
func (g GatewayAssociation) String() string { return string(g) }
