package vpcmodel

import (
	"fmt"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
)

// SetVpnTunnelStatus records what the customer's device makes of one tunnel
// (0 or 1) of one of the caller's VPN connections: UP or DOWN, as the
// connection's VgwTelemetry then reports it, with its static routes
// accepted while UP. It is not an EC2 action (EC2 learns a tunnel's status
// from the device); embedders that simulate a device, or import a real
// network's telemetry, use it. Options.CustomerDevicesConnect brings every
// tunnel UP instead.
//
// Errors: an unknown connection (InvalidVpnConnectionID.NotFound); a
// tunnel other than 0 or 1, or a connection that is not available or
// modifying (the vpn package's refusal).
func (c *Cloud) SetVpnTunnelStatus(caller Caller, vpnConnectionID string, tunnel int, up bool, now time.Time) error {
	type in struct{}
	_, err := run(c, caller, in{}, now, func(c *Cloud, k *call, _ *in) (*struct{}, error) {
		r, err := c.findVPN(k, vpnConnectionID)
		if err != nil {
			return nil, err
		}
		if tunnel != 0 && tunnel != 1 {
			return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("A VPN connection has tunnels 0 and 1, not %d.", tunnel)}
		}
		s, routes := status.Down, 0
		if up {
			s, routes = status.Up, len(r.c.Routes())
		}
		next, err := r.c.SetTunnelStatus(tunnel, s, routes, k.now)
		if err != nil {
			return nil, err
		}
		r.c = next
		return &struct{}{}, nil
	})
	return err
}
