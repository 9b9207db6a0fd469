package route

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
)

// TargetKind is the kind of resource a route sends traffic to, spelled as
// EC2's ResourceType spells it ("internet-gateway", "vpc-peering-connection",
// ...), plus "local" for the VPC itself and "core-network" for an AWS Cloud
// WAN core network, which has no ResourceType. The zero TargetKind is not
// valid.
type TargetKind string

// The target kinds, in the order of [TargetKind.Values].
const (
	KindLocal                     TargetKind = "local"
	KindInternetGateway           TargetKind = "internet-gateway"
	KindVPNGateway                TargetKind = "vpn-gateway"
	KindPeeringConnection         TargetKind = "vpc-peering-connection"
	KindNATGateway                TargetKind = "natgateway"
	KindNetworkInterface          TargetKind = "network-interface"
	KindTransitGateway            TargetKind = "transit-gateway"
	KindEgressOnlyInternetGateway TargetKind = "egress-only-internet-gateway"
	KindVPCEndpoint               TargetKind = "vpc-endpoint"
	KindInstance                  TargetKind = "instance"
	KindCarrierGateway            TargetKind = "carrier-gateway"
	KindLocalGateway              TargetKind = "local-gateway"
	KindCoreNetwork               TargetKind = "core-network"
)

// kindInfo is what the package knows about one kind: its ID syntax, the
// parameter that carries it, and the rules CreateRoute applies to it.
type kindInfo struct {
	kind   TargetKind
	idKind ec2.Kind // zero for local and core-network
	param  string   // the CreateRoute parameter
	inVPC  bool     // the target must serve the table's VPC
	v4, v6 bool     // address families the target accepts
}

var kinds = []kindInfo{
	{KindLocal, ec2.Kind{}, "GatewayId", false, true, true},
	{KindInternetGateway, ec2.InternetGateway, "GatewayId", true, true, true},
	{KindVPNGateway, ec2.VPNGateway, "GatewayId", true, true, true},
	{KindPeeringConnection, ec2.PeeringConnection, "VpcPeeringConnectionId", true, true, true},
	{KindNATGateway, ec2.NATGateway, "NatGatewayId", true, true, true}, // IPv6 only for NAT64: see takes
	{KindNetworkInterface, ec2.NetworkInterface, "NetworkInterfaceId", true, true, true},
	{KindTransitGateway, ec2.TransitGateway, "TransitGatewayId", false, true, true},
	{KindEgressOnlyInternetGateway, ec2.EgressOnlyGateway, "EgressOnlyInternetGatewayId", true, false, true},
	{KindVPCEndpoint, ec2.VPCEndpoint, "VpcEndpointId", true, true, true},
	{KindInstance, ec2.Instance, "InstanceId", true, true, true},
	{KindCarrierGateway, ec2.CarrierGateway, "CarrierGatewayId", true, true, false},
	{KindLocalGateway, ec2.LocalGateway, "LocalGatewayId", true, true, true},
	{KindCoreNetwork, ec2.Kind{}, "CoreNetworkArn", false, true, true},
}

// nat64Prefix is the well-known prefix a NAT gateway translates to IPv4:
// "IPv6 packets to 64:ff9b::/96 are translated" (NAT64).
var nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")

// takes reports whether a route to dest may have a target of this kind: one
// of the families it accepts, and for a NAT gateway, of IPv6 destinations
// only 64:ff9b::/96 and the blocks inside it.
func (ki kindInfo) takes(dest netip.Prefix) bool {
	if dest.Addr().Is4() {
		return ki.v4
	}
	if ki.kind == KindNATGateway {
		return cidr.Contains(nat64Prefix, dest)
	}
	return ki.v6
}

func (k TargetKind) info() (kindInfo, bool) {
	for _, ki := range kinds {
		if ki.kind == k {
			return ki, true
		}
	}
	return kindInfo{}, false
}

// Values returns every valid TargetKind in a stable order: local, then the
// kinds in the order of the CreateRoute parameters.
func (TargetKind) Values() []TargetKind {
	out := make([]TargetKind, len(kinds))
	for i, ki := range kinds {
		out[i] = ki.kind
	}
	return out
}

// IsValid reports whether k is one of [TargetKind.Values].
func (k TargetKind) IsValid() bool { _, ok := k.info(); return ok }

// String returns k as spelled on the wire.
func (k TargetKind) String() string { return string(k) }

// Target is where a route sends traffic: a kind and an ID ("local" for
// [KindLocal], a core network ARN for [KindCoreNetwork]). It is a sum type
// over EC2's mutually exclusive route-target parameters. The zero Target is
// not valid; use [ParseTarget], [ParseTargetParams], [TargetFrom] or
// [LocalTarget]. Target supports == and can be a map key.
type Target struct {
	id string // the kind follows from the ID's prefix
}

// LocalTarget returns the target of a local route, "local" (ReplaceRoute's
// LocalTarget=true, or GatewayId=local).
func LocalTarget() Target { return Target{id: "local"} }

// Kind returns t's kind, or "" for the zero Target.
func (t Target) Kind() TargetKind { return kindOfID(t.id) }

// kindOfID returns the kind an ID's form names ("local", an ARN, or the
// prefix before the first hyphen), without checking the rest of the ID, or
// "" when it names none.
func kindOfID(id string) TargetKind {
	switch {
	case id == "":
		return ""
	case id == "local":
		return KindLocal
	case strings.HasPrefix(id, "arn:"):
		return KindCoreNetwork
	}
	prefix, _, ok := strings.Cut(id, "-")
	if !ok || prefix == "" {
		return ""
	}
	for _, ki := range kinds {
		if ki.idKind.Prefix == prefix {
			return ki.kind
		}
	}
	return ""
}

// ID returns t's resource ID ("local" for the local target, the ARN for a
// core network), or "" for the zero Target.
func (t Target) ID() string { return t.id }

// IsValid reports whether t was made by one of the constructors.
func (t Target) IsValid() bool { return t.id != "" }

// String returns t's ID.
func (t Target) String() string { return t.id }

// MarshalText implements [encoding.TextMarshaler]. The text form of t is its
// ID, as [Target.ID] returns it: "local", "pcx-0a1b2c3d", a core network
// ARN. The zero Target marshals to empty text. MarshalText never fails.
func (t Target) MarshalText() ([]byte, error) { return []byte(t.id), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]: it sets *t to the
// target whose ID is text, as [Target.MarshalText] writes it. The kind
// follows from the ID's form ("local", an "arn:" ARN, or the prefix before
// the hyphen) and the ID must then have that kind's exact syntax, as
// [TargetFrom] checks it: no spaces, no upper-case hex, no other spelling.
// Empty text gives the zero Target. Like netip's UnmarshalText methods it
// takes a pointer receiver, the one way to set a Target in place.
//
// Errors (*Error, Op "parse-target", wrapping ErrMalformedTarget): text
// naming no target kind gives InvalidParameterValue; a malformed ID gives
// the errors of [TargetFrom]. On error *t is left unchanged.
func (t *Target) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*t = Target{}
		return nil
	}
	id := string(text)
	k := kindOfID(id)
	if k == "" {
		return &Error{Op: "parse-target", Input: id, Code: ec2.InvalidParameterValue, Err: ErrMalformedTarget,
			msg: fmt.Sprintf("Invalid route target: %q", id)}
	}
	tg, err := TargetFrom(k, id)
	if err != nil {
		return err
	}
	*t = tg
	return nil
}

// Param returns the EC2 parameter (and Route field) that carries t:
// "GatewayId" for local, internet gateways, virtual private gateways and, as
// DescribeRouteTables reports them, Gateway Load Balancer endpoints;
// otherwise the kind's own parameter ("VpcPeeringConnectionId", ...). The
// zero Target gives "".
func (t Target) Param() string {
	if t.Kind() == KindVPCEndpoint {
		return "GatewayId"
	}
	ki, _ := t.Kind().info()
	return ki.param
}

// TargetFrom returns the Target of kind k with the given ID, checking the
// ID's syntax as EC2 does. Errors: an unknown kind gives ErrMalformedTarget
// with InvalidParameterValue; a malformed ID gives ErrMalformedTarget with the
// kind's own code (InvalidVpcPeeringConnectionId.Malformed,
// NatGatewayMalformed, ...).
func TargetFrom(k TargetKind, id string) (Target, error) {
	ki, ok := k.info()
	if !ok {
		return Target{}, &Error{Op: "parse-target", Input: string(k), Code: ec2.InvalidParameterValue, Err: ErrMalformedTarget,
			msg: fmt.Sprintf("Invalid route target kind: %q", string(k))}
	}
	switch k {
	case KindLocal:
		if id != "local" {
			return Target{}, malformed(ki, id)
		}
	case KindCoreNetwork:
		if !isCoreNetworkARN(id) {
			return Target{}, malformed(ki, id)
		}
	default:
		if !ki.idKind.IsID(id) {
			return Target{}, malformed(ki, id)
		}
	}
	return Target{id: id}, nil
}

func malformed(ki kindInfo, id string) *Error {
	code := ki.idKind.Malformed
	msg := fmt.Sprintf("Invalid id: %q (expecting %q)", id, ki.idKind.Prefix+"-...")
	switch ki.kind {
	case KindLocal:
		code, msg = ec2.GatewayIDNotFound, fmt.Sprintf("The gateway ID '%s' does not exist", id)
	case KindCoreNetwork:
		code, msg = ec2.InvalidParameterValue, fmt.Sprintf("Value (%s) for parameter coreNetworkArn is invalid.", id)
	}
	return &Error{Op: "parse-target", Input: id, Code: code, Err: ErrMalformedTarget, msg: msg}
}

// isCoreNetworkARN reports whether s is
// arn:<partition>:networkmanager::<account>:core-network/core-network-<hex>.
func isCoreNetworkARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "networkmanager" || parts[3] != "" {
		return false
	}
	switch parts[1] {
	case "aws", "aws-cn", "aws-us-gov":
	default:
		return false
	}
	if !ec2.IsAccount(parts[4]) {
		return false
	}
	rest, ok := strings.CutPrefix(parts[5], "core-network/")
	return ok && (ec2.Kind{Prefix: "core-network"}).IsID(rest)
}

// targetParams lists the CreateRoute/ReplaceRoute target parameters, sorted.
var targetParams = []string{
	"CarrierGatewayId", "CoreNetworkArn", "EgressOnlyInternetGatewayId", "GatewayId",
	"InstanceId", "LocalGatewayId", "LocalTarget", "NatGatewayId", "NetworkInterfaceId",
	"TransitGatewayId", "VpcEndpointId", "VpcPeeringConnectionId",
}

// ParseTarget parses value as the route target given in the EC2 parameter
// param ("GatewayId", "VpcPeeringConnectionId", "NatGatewayId",
// "NetworkInterfaceId", "TransitGatewayId", "EgressOnlyInternetGatewayId",
// "VpcEndpointId", "InstanceId", "CarrierGatewayId", "LocalGatewayId" or
// "CoreNetworkArn"; the first letter may be lower case, as in the XML).
// GatewayId takes "local", an igw-, a vgw- or a vpce- ID.
//
// Errors (*Error, Op "parse-target"): an unknown parameter gives
// UnknownParameter; a value of the wrong syntax gives ErrMalformedTarget with
// the kind's Malformed code (InvalidVpcPeeringConnectionId.Malformed,
// InvalidNetworkInterfaceId.Malformed, NatGatewayMalformed, ...); a GatewayId
// that is none of the four gives InvalidGatewayID.NotFound.
func ParseTarget(param, value string) (Target, error) {
	param = canonicalParam(param)
	if param == "GatewayId" {
		switch {
		case value == "local":
			return LocalTarget(), nil
		case strings.HasPrefix(value, "igw-"):
			return TargetFrom(KindInternetGateway, value)
		case strings.HasPrefix(value, "vgw-"):
			return TargetFrom(KindVPNGateway, value)
		case strings.HasPrefix(value, "vpce-"):
			return TargetFrom(KindVPCEndpoint, value)
		}
		return Target{}, &Error{Op: "parse-target", Input: value, Code: ec2.GatewayIDNotFound, Err: ErrMalformedTarget,
			msg: fmt.Sprintf("The gateway ID '%s' does not exist", value)}
	}
	for _, ki := range kinds {
		if ki.param == param && ki.kind != KindLocal {
			return TargetFrom(ki.kind, value)
		}
	}
	return Target{}, &Error{Op: "parse-target", Input: param, Code: ec2.UnknownParameter, Err: ErrMalformedTarget,
		msg: fmt.Sprintf("The parameter %s is not recognized", param)}
}

func canonicalParam(p string) string {
	if p != "" && 'a' <= p[0] && p[0] <= 'z' {
		return string(p[0]-'a'+'A') + p[1:]
	}
	return p
}

// ParseTargetParams picks the one route target among the request parameters
// params (name to value, as CreateRoute and ReplaceRoute receive them) and
// parses it. Parameters that are not target parameters are ignored, and so
// are empty values and LocalTarget=false; LocalTarget=true stands for
// [LocalTarget] (ReplaceRoute's way to restore a local route).
//
// Errors: no target gives ErrNoTarget with MissingParameter; two or more give
// ErrManyTargets with InvalidParameterCombination ("Only one of ... may be
// specified"); otherwise the errors of [ParseTarget].
func ParseTargetParams(params map[string]string) (Target, error) {
	var given []string
	for name, v := range params {
		name = canonicalParam(name)
		if v == "" || !slices.Contains(targetParams, name) || name == "LocalTarget" && v == "false" {
			continue
		}
		given = append(given, name)
	}
	sort.Strings(given)
	given = slices.Compact(given) // "GatewayId" and "gatewayId" are one parameter
	switch len(given) {
	case 0:
		return Target{}, &Error{Op: "parse-target", Code: ec2.MissingParameter, Err: ErrNoTarget,
			msg: "The request must contain exactly one of the parameters " + strings.Join(targetParams, ", ")}
	case 1:
	default:
		return Target{}, &Error{Op: "parse-target", Input: strings.Join(given, ","), Code: ec2.InvalidParameterCombination, Err: ErrManyTargets,
			msg: "Only one of " + strings.Join(given, ", ") + " may be specified"}
	}
	name := given[0]
	value := paramValue(params, name)
	if name == "LocalTarget" {
		if value != "true" {
			return Target{}, &Error{Op: "parse-target", Input: value, Code: ec2.InvalidParameterValue, Err: ErrMalformedTarget,
				msg: fmt.Sprintf("Value (%s) for parameter localTarget is invalid.", value)}
		}
		return LocalTarget(), nil
	}
	return ParseTarget(name, value)
}

// paramValue returns the value of name in params, looked up under either
// spelling of its first letter.
func paramValue(params map[string]string, name string) string {
	if v, ok := params[name]; ok && v != "" {
		return v
	}
	return params[strings.ToLower(name[:1])+name[1:]]
}

// notFound returns the error EC2 gives for a well-formed target that names
// nothing the caller can see.
func (t Target) notFound(op, table string) *Error {
	ki, _ := t.Kind().info()
	var e *ec2.Error
	switch t.Kind() {
	case KindLocal, KindCoreNetwork:
		e = &ec2.Error{Code: ec2.GatewayIDNotFound, Message: fmt.Sprintf("The gateway ID '%s' does not exist", t.id)}
	default:
		e = ki.idKind.NotFoundError(t.id, nil)
	}
	return &Error{Op: op, ID: table, Input: t.id, Code: e.Code, Err: ErrTargetNotFound, msg: e.Message}
}
