// Package bpa models VPC Block Public Access: the per-account, per-Region
// options that block traffic through internet gateways and egress-only
// internet gateways, and the exclusions that exempt one VPC or subnet.
//
// The options of a Region start in [StateDefault] with mode [ModeOff].
// [Options.Modify] sets a mode and moves them to [StateUpdateInProgress];
// [Options.Settle] completes the change ([StateUpdateComplete]). An
// [Exclusion] moves the same way through create, update and delete:
// [StateCreateInProgress] → [StateCreateComplete], [StateUpdateInProgress] →
// [StateUpdateComplete], [StateDeleteInProgress] → [StateDeleteComplete].
// Options and exclusions are immutable values: each action returns a new
// value and leaves the receiver untouched; a refused action changes nothing.
//
// [Allows] answers what the options and an exclusion let through an
// internet gateway in one direction, for reachability.
//
// # Decisions
//
// Where AWS's documents are silent, this package decides:
//   - A resource (VPC or subnet) holds at most one live exclusion; a second
//     is refused with InvalidParameterValue.
//   - An exclusion may be modified or deleted only once its last change is
//     complete (IncorrectState otherwise), as EC2 does for its other
//     asynchronous resources.
//   - A deleted exclusion stays visible, delete-complete, for
//     [DeletedRetention]; deleting its VPC or subnet deletes it.
//   - Mode block-ingress lets through an internet gateway only traffic
//     that a NAT gateway started (and its answers): an interface's own
//     traffic is blocked both ways, as the mode's definition says ("only
//     traffic to and from NAT gateways and egress-only internet gateways
//     is allowed"). An exclusion in mode allow-egress lets through what
//     its subnet or VPC starts, NAT gateway or not.
package bpa
