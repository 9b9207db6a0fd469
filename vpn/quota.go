package vpn

import "strconv"

// Default Site-to-Site VPN quotas ("Site-to-Site VPN quotas" in the
// Site-to-Site VPN User Guide).
const (
	DefaultCustomerGatewaysPerRegion = 50
	DefaultGatewaysPerRegion         = 5
	DefaultConnectionsPerRegion      = 50
	DefaultConnectionsPerGateway     = 10
	DefaultStaticRoutesPerConnection = 100
)

// Quotas are the VPN quotas of one account in one Region. A zero field means
// the default; the zero value is ready to use and gives AWS's defaults.
type Quotas struct {
	CustomerGatewaysPerRegion int // default 50
	GatewaysPerRegion         int // virtual private gateways, default 5
	ConnectionsPerRegion      int // default 50
	ConnectionsPerGateway     int // connections per virtual private gateway, default 10
	StaticRoutesPerConnection int // default 100
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// Effective returns q with every zero field replaced by its default.
func (q Quotas) Effective() Quotas {
	return Quotas{
		CustomerGatewaysPerRegion: orDefault(q.CustomerGatewaysPerRegion, DefaultCustomerGatewaysPerRegion),
		GatewaysPerRegion:         orDefault(q.GatewaysPerRegion, DefaultGatewaysPerRegion),
		ConnectionsPerRegion:      orDefault(q.ConnectionsPerRegion, DefaultConnectionsPerRegion),
		ConnectionsPerGateway:     orDefault(q.ConnectionsPerGateway, DefaultConnectionsPerGateway),
		StaticRoutesPerConnection: orDefault(q.StaticRoutesPerConnection, DefaultStaticRoutesPerConnection),
	}
}

func limit(op, param string, n int, code string) *Error {
	return &Error{Op: op, Param: param, Value: strconv.Itoa(n), Code: code, Err: ErrLimitExceeded}
}

// CheckCustomerGateways reports whether one more customer gateway fits beside
// existing (the account's gateways in the Region; only live ones count). It
// returns CustomerGatewayLimitExceeded otherwise.
func (q Quotas) CheckCustomerGateways(existing []CustomerGateway) error {
	n := 0
	for _, g := range existing {
		if g.state.IsLive() {
			n++
		}
	}
	if max := q.Effective().CustomerGatewaysPerRegion; n >= max {
		return limit("create-customer-gateway", "customer gateways", max, "CustomerGatewayLimitExceeded")
	}
	return nil
}

// CheckGateways reports whether one more virtual private gateway fits beside
// existing (only live ones count). It returns VpnGatewayLimitExceeded
// otherwise.
func (q Quotas) CheckGateways(existing []Gateway) error {
	n := 0
	for _, g := range existing {
		if g.state.IsLive() {
			n++
		}
	}
	if max := q.Effective().GatewaysPerRegion; n >= max {
		return limit("create-vpn-gateway", "VPN gateways", max, "VpnGatewayLimitExceeded")
	}
	return nil
}

// CheckConnections reports whether one more connection on the virtual
// private gateway gatewayID ("" for a transit gateway or none) fits beside
// existing (the account's connections in the Region; only pending and
// available ones count): at most ConnectionsPerRegion in all and
// ConnectionsPerGateway on gatewayID. It returns VpnConnectionLimitExceeded
// otherwise. [Create] makes this check itself.
func (q Quotas) CheckConnections(gatewayID string, existing []Connection) error {
	e := q.Effective()
	all, onGateway := 0, 0
	for _, c := range existing {
		if !c.state.IsLive() {
			continue
		}
		all++
		if gatewayID != "" && c.vpnGatewayID == gatewayID {
			onGateway++
		}
	}
	if all >= e.ConnectionsPerRegion {
		return limit("create", "VPN connections", e.ConnectionsPerRegion, "VpnConnectionLimitExceeded")
	}
	if onGateway >= e.ConnectionsPerGateway {
		return limit("create", "VPN connections per VPN gateway", e.ConnectionsPerGateway, "VpnConnectionLimitExceeded")
	}
	return nil
}

// checkRoutes reports whether one more static route fits on c.
func (q Quotas) checkRoutes(c Connection) *Error {
	n := 0
	for _, r := range c.routes {
		if r.State.IsLive() {
			n++
		}
	}
	if max := q.Effective().StaticRoutesPerConnection; n >= max {
		e := limit("create-route", "static routes", max, "RouteLimitExceeded")
		e.ID = c.id
		return e
	}
	return nil
}
