package route

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
)

// The reserved destinations: no route may be equal to or more specific than
// 169.254.168.0/22 or fd00:ec2::/32, which EC2 keeps for its own services. A
// broader route that covers them is allowed.
var (
	reservedIPv4 = netip.MustParsePrefix("169.254.168.0/22")
	reservedIPv6 = netip.MustParsePrefix("fd00:ec2::/32")
)

// nat64Prefix is the one IPv6 destination block a NAT gateway takes: "IPv6
// packets to 64:ff9b::/96 are translated to IPv4" (NAT64), so a route to
// it, or to a block inside it, may target a NAT gateway.
var nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")

// ParseDestination parses value as the destination given in the EC2
// parameter param: "DestinationCidrBlock" takes an IPv4 CIDR block,
// "DestinationIpv6CidrBlock" an IPv6 one (the first letter may be lower
// case). The block is canonicalised as EC2 does: "100.68.0.18/18" becomes
// 100.68.0.0/18.
//
// Errors (*Error, Op "parse-destination", Code InvalidParameterValue,
// wrapping ErrDestination and the [cidr] sentinel): bad syntax, the wrong
// family for the parameter, or an unknown parameter; the message is AWS's
// "Value (...) for parameter destinationCidrBlock is invalid. This is not a
// valid CIDR block."
func ParseDestination(param, value string) (netip.Prefix, error) {
	param = canonicalParam(param)
	var wire string
	switch param {
	case "DestinationCidrBlock":
		wire = "destinationCidrBlock"
	case "DestinationIpv6CidrBlock":
		wire = "destinationIpv6CidrBlock"
	default:
		return netip.Prefix{}, &Error{Op: "parse-destination", Input: param, Code: ec2.UnknownParameter, Err: ErrDestination,
			msg: fmt.Sprintf("The parameter %s is not recognized", param)}
	}
	p, err := cidr.ParseDestination(wire, value)
	if err == nil && p.Addr().Is4() != (param == "DestinationCidrBlock") {
		err = &cidr.Error{Op: "parse", Input: value, Param: wire, Code: ec2.InvalidParameterValue, Err: cidr.ErrFamily}
	}
	if err != nil {
		// cidr's parsers return only *cidr.Error; its message is AWS's.
		var ce *cidr.Error
		errors.As(err, &ce)
		return netip.Prefix{}, &Error{Op: "parse-destination", Input: value, Code: ce.Code, Err: fmt.Errorf("%w: %w", ErrDestination, ce.Err),
			msg: ce.ErrorMessage()}
	}
	return p, nil
}

// destination checks a destination given as a netip.Prefix and returns it
// canonicalised.
func (t Table) destination(op string, p netip.Prefix) (netip.Prefix, *Error) {
	if !p.IsValid() || p.Addr().Is4In6() || p.Addr().Zone() != "" {
		param := "destinationCidrBlock"
		if p.Addr().Is6() {
			param = "destinationIpv6CidrBlock"
		}
		return netip.Prefix{}, &Error{Op: op, ID: t.id, Input: p.String(), Code: ec2.InvalidParameterValue, Err: ErrDestination,
			msg: fmt.Sprintf("Value (%s) for parameter %s is invalid. This is not a valid CIDR block.", p, param)}
	}
	return p.Masked(), nil
}

// supportsLocalBlock reports whether k may be the target of a route whose
// destination is a VPC block or a subnet of one: "a NAT gateway, network
// interface, or Gateway Load Balancer endpoint".
func supportsLocalBlock(k TargetKind) bool {
	return k == KindNetworkInterface || k == KindNATGateway || k == KindVPCEndpoint
}

// checkTarget applies the target rules of CreateRoute and ReplaceRoute for
// dest and returns the state the route starts in.
func (t Table) checkTarget(op string, dest netip.Prefix, tg Target, r Resolver) (status.RouteState, *Error) {
	ki, _ := tg.Kind().info()
	nat64 := ki.kind == KindNATGateway && cidr.Contains(nat64Prefix, dest)
	if dest.Addr().Is4() && !ki.v4 || dest.Addr().Is6() && !ki.v6 && !nat64 {
		fam := "IPv4"
		if dest.Addr().Is6() {
			fam = "IPv6"
		}
		return "", &Error{Op: op, ID: t.id, Input: tg.id, Code: ec2.InvalidParameterValue, Err: ErrFamily,
			msg: fmt.Sprintf("The target %s does not support %s destinations such as %s.", tg.id, fam, dest)}
	}
	if ki.kind == KindLocal {
		return status.RouteActive, nil
	}
	info, ok := r.Resolve(tg)
	if ki.kind == KindPeeringConnection {
		switch {
		case !ok || !info.Status.IsLive():
			return "", tg.notFound(op, t.id)
		case !info.serves(t.vpcID):
			return "", t.differentNetworks(op, tg)
		case info.Status == status.Active:
			return status.RouteActive, nil
		}
		return status.RouteBlackhole, nil // a request not yet active: no effect until it is
	}
	if !ok {
		return "", tg.notFound(op, t.id)
	}
	if ki.inVPC && !info.serves(t.vpcID) {
		if len(info.VPCIDs) == 0 && (ki.kind == KindInternetGateway || ki.kind == KindVPNGateway || ki.kind == KindEgressOnlyInternetGateway) {
			return "", &Error{Op: op, ID: t.id, Input: tg.id, Code: ec2.GatewayNotAttached, Err: ErrNotAttached,
				msg: fmt.Sprintf("resource %s is not attached to network %s", tg.id, t.vpcID)}
		}
		return "", t.differentNetworks(op, tg)
	}
	return status.RouteActive, nil
}

func (t Table) differentNetworks(op string, tg Target) *Error {
	return &Error{Op: op, ID: t.id, Input: tg.id, Code: ec2.InvalidParameterValue, Err: ErrDifferentNetworks,
		msg: fmt.Sprintf("route table %s and network gateway %s belong to different networks", t.id, tg.id)}
}

// stateOf returns the state a route to tg has now: active when the target
// exists and can carry this VPC's traffic, else blackhole.
func (t Table) stateOf(tg Target, r Resolver) status.RouteState {
	ki, _ := tg.Kind().info()
	if ki.kind == KindLocal {
		return status.RouteActive
	}
	info, ok := r.Resolve(tg)
	switch {
	case !ok:
		return status.RouteBlackhole
	case ki.kind == KindPeeringConnection:
		if info.Status.CarriesTraffic() && info.serves(t.vpcID) {
			return status.RouteActive
		}
		return status.RouteBlackhole
	case ki.inVPC && !info.serves(t.vpcID):
		return status.RouteBlackhole
	}
	return status.RouteActive
}

// inBlock reports whether dest is equal to or more specific than one of the
// VPC's blocks.
func (t Table) inBlock(dest netip.Prefix) bool { return insideAny(t.blocks, dest) }

func reserved(dest netip.Prefix) bool {
	return cidr.Contains(reservedIPv4, dest) || cidr.Contains(reservedIPv6, dest)
}

func noTarget(op, table string) *Error {
	return &Error{Op: op, ID: table, Code: ec2.MissingParameter, Err: ErrNoTarget,
		msg: "The request must contain exactly one route target parameter"}
}

func destParam(dest netip.Prefix) string {
	if dest.Addr().Is4() {
		return "destination-cidr-block"
	}
	return "destination-ipv6-cidr-block"
}
