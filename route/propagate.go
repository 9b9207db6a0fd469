package route

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// EnablePropagation returns t with the virtual private gateway vgw listed
// among its propagating gateways (EnableVgwRoutePropagation). The gateway
// starts with no propagated routes; the caller sets them with
// [Table.SetPropagated] while a VPN tunnel is UP. Enabling a gateway that
// already propagates succeeds and changes nothing.
//
// Errors (*Error, Op "enable-propagation"): vgw is not a virtual private
// gateway: ErrPropagation, InvalidParameterValue; r does not know it:
// ErrTargetNotFound, InvalidVpnGatewayID.NotFound; it is detached:
// ErrNotAttached, Gateway.NotAttached; attached to another VPC:
// ErrDifferentNetworks, InvalidParameterValue. A failure returns t unchanged.
func (t Table) EnablePropagation(vgw Target, r Resolver) (Table, error) {
	const op = "enable-propagation"
	if vgw.Kind() != KindVPNGateway {
		return t, notVGW(op, t.id, vgw)
	}
	i, ok := t.findVGW(vgw)
	if ok {
		return t, nil
	}
	if t.IsGatewayTable() {
		return t, &Error{Op: op, ID: t.id, Input: vgw.id, Code: "RouteNotSupported", Err: ErrTargetUnsupported,
			msg: fmt.Sprintf("Route table %s is associated with a gateway and cannot propagate routes.", t.id)}
	}
	info, found := r.Resolve(vgw)
	switch {
	case !found:
		return t, vgw.notFound(op, t.id)
	case len(info.VPCIDs) == 0:
		return t, &Error{Op: op, ID: t.id, Input: vgw.id, Code: ec2.GatewayNotAttached, Err: ErrNotAttached,
			msg: fmt.Sprintf("resource %s is not attached to network %s", vgw.id, t.vpcID)}
	case !info.serves(t.vpcID):
		return t, t.differentNetworks(op, vgw)
	}
	t.vgws = slices.Insert(slices.Clip(t.vgws), i, propagation{vgw: vgw})
	return t.rebuild(), nil
}

// DisablePropagation returns t without the propagating gateway vgw and the
// routes it propagated (DisableVgwRoutePropagation). Disabling a gateway
// that does not propagate into t succeeds and changes nothing. Errors: vgw
// is not a virtual private gateway: ErrPropagation, InvalidParameterValue.
func (t Table) DisablePropagation(vgw Target) (Table, error) {
	if vgw.Kind() != KindVPNGateway {
		return t, notVGW("disable-propagation", t.id, vgw)
	}
	i, ok := t.findVGW(vgw)
	if !ok {
		return t, nil
	}
	t.vgws = slices.Delete(slices.Clone(t.vgws), i, i+1)
	return t.rebuild(), nil
}

// SetPropagated returns t with the routes propagated by vgw replaced by one
// active route (origin EnableVgwRoutePropagation) per prefix: the static
// routes of the gateway's VPN connections, or the prefixes its BGP peers
// advertise, while a tunnel is UP. The caller decides which prefixes those
// are; an empty list withdraws them all. Prefixes are canonicalised and
// deduplicated. When two gateways propagate the same prefix, the one with
// the lower ID is listed.
//
// Errors (*Error, Op "set-propagated"): vgw does not propagate into t:
// ErrPropagation, InvalidParameterValue; an invalid prefix: ErrDestination,
// InvalidParameterValue; more than [MaxPropagatedRoutes] propagated routes
// in the table: ErrRouteLimit, RouteLimitExceeded. A failure returns t
// unchanged.
func (t Table) SetPropagated(vgw Target, prefixes []netip.Prefix) (Table, error) {
	const op = "set-propagated"
	i, ok := t.findVGW(vgw)
	if !ok {
		return t, &Error{Op: op, ID: t.id, Input: vgw.id, Code: ec2.InvalidParameterValue, Err: ErrPropagation,
			msg: fmt.Sprintf("The gateway %s does not propagate routes into route table %s.", vgw.id, t.id)}
	}
	ps := make([]netip.Prefix, 0, len(prefixes))
	for _, p := range prefixes {
		p, err := t.destination(op, p)
		if err != nil {
			return t, err
		}
		ps = append(ps, p)
	}
	slices.SortFunc(ps, comparePrefix)
	ps = slices.Compact(ps)
	n := len(ps)
	for j, p := range t.vgws {
		if j != i {
			n += len(p.prefixes)
		}
	}
	if n > MaxPropagatedRoutes {
		return t, &Error{Op: op, ID: t.id, Input: vgw.id, Code: ec2.RouteLimitExceeded, Err: ErrRouteLimit,
			msg: fmt.Sprintf("Route table %s can hold at most %d propagated routes.", t.id, MaxPropagatedRoutes)}
	}
	t.vgws = slices.Clone(t.vgws)
	t.vgws[i].prefixes = ps
	return t.rebuild(), nil
}

// Propagated returns the prefixes vgw propagates into t, sorted, including
// those a static route with the same destination hides from [Table.Routes];
// nil when there are none.
func (t Table) Propagated(vgw Target) []netip.Prefix {
	i, ok := t.findVGW(vgw)
	if !ok || len(t.vgws[i].prefixes) == 0 {
		return nil
	}
	return slices.Clone(t.vgws[i].prefixes)
}

func (t Table) findVGW(vgw Target) (int, bool) {
	return slices.BinarySearchFunc(t.vgws, vgw.id, func(p propagation, id string) int { return strings.Compare(p.vgw.id, id) })
}

func notVGW(op, table string, t Target) *Error {
	return &Error{Op: op, ID: table, Input: t.id, Code: ec2.InvalidParameterValue, Err: ErrPropagation,
		msg: fmt.Sprintf("Invalid value '%s' for gatewayId: a virtual private gateway (vgw-...) is required.", t.id)}
}
