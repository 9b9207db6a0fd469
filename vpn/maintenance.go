package vpn

import (
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel/status"
)

// MaintenanceWindow is how long pending endpoint maintenance waits for the
// customer before AWS applies it: MaintenanceAutoAppliedAfter is the
// instant the maintenance became pending plus MaintenanceWindow. AWS
// publishes no such figure (its notices give a date); fourteen days is the
// package's decision (doc.go, # Decisions).
const MaintenanceWindow = 14 * 24 * time.Hour

// PendingMaintenanceAvailable is how GetVpnTunnelReplacementStatus reports
// pending maintenance in MaintenanceDetails.PendingMaintenance; with none
// pending the member is left out. EC2 documents the member as a string
// without listing its values: the spelling is the package's decision.
const PendingMaintenanceAvailable = "Available"

// Maintenance is a tunnel endpoint's maintenance, as
// GetVpnTunnelReplacementStatus reports it in MaintenanceDetails. The zero
// value is a tunnel with no maintenance pending and none applied. Times are
// UTC. Maintenance supports ==.
type Maintenance struct {
	// Pending reports an endpoint replacement waiting to be applied
	// (PendingMaintenance).
	Pending bool
	// AutoAppliedAfter is when AWS applies the pending maintenance by
	// itself (MaintenanceAutoAppliedAfter); zero when none is pending.
	AutoAppliedAfter time.Time
	// LastApplied is when maintenance was last applied
	// (LastMaintenanceApplied); zero when never.
	LastApplied time.Time
}

// applied returns m with its pending maintenance applied at at.
func (m Maintenance) applied(at time.Time) Maintenance {
	return Maintenance{LastApplied: at}
}

// pend returns m with maintenance pending from at on, unless some already
// is, whose deadline then stays.
func (m Maintenance) pend(at time.Time) Maintenance {
	if !m.Pending {
		m.Pending, m.AutoAppliedAfter = true, at.Add(MaintenanceWindow)
	}
	return m
}

// ReplaceTunnel replaces the endpoint of the tunnel whose AWS outside
// address is outside (ReplaceVpnTunnel): the outside address, options and
// key stay, the telemetry goes DOWN ("IPSEC IS DOWN") until the device
// reconnects, and the connection becomes modifying, dated at now (or at
// c's latest change when now is earlier), until [Connection.Settle] at or
// after that instant. With applyPending, pending maintenance on the tunnel
// is applied by the replacement: it is no longer pending and
// LastApplied is the replacement's instant; without it, pending
// maintenance stays pending. applyPending with nothing pending is not an
// error: the endpoint is replaced all the same.
//
// The state rules are [Connection.ModifyTunnelOptions]': only an available
// connection (InvalidVpnConnection.InvalidState, wrapping [ErrModifying]
// while it is modifying, [ErrState] otherwise); an address that is neither
// tunnel's is InvalidParameterValue wrapping [ErrTunnel].
func (c Connection) ReplaceTunnel(outside netip.Addr, applyPending bool, now time.Time) (Connection, error) {
	const op = "replace-tunnel"
	if err := c.modifiable(op); err != nil {
		return c, err
	}
	t, i, ok := c.Tunnel(outside)
	if !ok {
		return c, c.noTunnel(op, outside)
	}
	at := c.dated(now)
	t.telemetry = replaced(t.telemetry, at)
	if applyPending && t.maint.Pending {
		t.maint = t.maint.applied(at)
	}
	c.tunnels[i] = t
	c.state, c.changedAt = status.StateModifying, at
	return c, nil
}

// ReplacementStatus returns the maintenance of the tunnel whose AWS outside
// address is outside (GetVpnTunnelReplacementStatus), in any state of c. An
// address that is neither tunnel's is InvalidParameterValue wrapping
// [ErrTunnel].
func (c Connection) ReplacementStatus(outside netip.Addr) (Maintenance, error) {
	t, _, ok := c.Tunnel(outside)
	if !ok {
		return Maintenance{}, c.noTunnel("get-replacement-status", outside)
	}
	return t.maint, nil
}

// noTunnel is the error for an outside address that is neither tunnel's.
func (c Connection) noTunnel(op string, outside netip.Addr) *Error {
	value := ""
	if outside.IsValid() {
		value = outside.String()
	}
	return &Error{Op: op, ID: c.id, Param: "VpnTunnelOutsideIpAddress", Value: value, Code: "InvalidParameterValue", Err: ErrTunnel}
}

// NextMaintenance returns the earliest instant at which [Connection.Settle]
// applies pending maintenance on one of c's tunnels, and whether there is
// one: a connection that is not live (pending, available or modifying)
// has none.
func (c Connection) NextMaintenance() (time.Time, bool) {
	var next time.Time
	found := false
	if !c.state.IsLive() {
		return next, false
	}
	for _, t := range c.tunnels {
		if m := t.maint; m.Pending && (!found || m.AutoAppliedAfter.Before(next)) {
			next, found = m.AutoAppliedAfter, true
		}
	}
	return next, found
}

// settleMaintenance applies each tunnel's pending maintenance that is due
// at now (!now.Before(AutoAppliedAfter)), as AWS does once the deadline
// passes: the endpoint is replaced at the deadline, so the tunnel goes
// DOWN then, and LastApplied is the deadline. The connection's state does
// not change.
func (c Connection) settleMaintenance(now time.Time) Connection {
	if !c.state.IsLive() {
		return c
	}
	for i, t := range c.tunnels {
		if m := t.maint; m.Pending && !now.Before(m.AutoAppliedAfter) {
			c.tunnels[i].telemetry = replaced(t.telemetry, m.AutoAppliedAfter)
			c.tunnels[i].maint = m.applied(m.AutoAppliedAfter)
		}
	}
	return c
}
