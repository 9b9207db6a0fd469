package endpoint

import (
	"crypto/sha256"
	"encoding/hex"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/zone"
)

// Type is the type of an endpoint or of the service it reaches, spelled
// as EC2 spells it. The zero Type is not valid.
type Type string

// The endpoint types this package models, in the order of
// [Type.Values]. Gateway Load Balancer, resource and service-network
// endpoints are not modelled.
const (
	Gateway   Type = "Gateway"
	Interface Type = "Interface"
)

// Values returns every valid Type: Gateway, Interface.
func (Type) Values() []Type { return []Type{Gateway, Interface} }

// IsValid reports whether t is one of [Type.Values].
func (t Type) IsValid() bool { return t == Gateway || t == Interface }

// String returns t as spelled on the wire.
func (t Type) String() string { return string(t) }

// Owner is the owner EC2 names for every service of the catalogue.
const Owner = "amazon"

// IPv4 is the one IP address type this package models: "ipv4".
const IPv4 = "ipv4"

// Service is one AWS service a VPC endpoint may reach, of one type, as
// DescribeVpcEndpointServices shows it. The zero Service is not valid; get
// one from [Services] or [FindService]. It holds slices, so it does not
// support ==.
type Service struct {
	Name            string   // "com.amazonaws.us-east-1.s3"
	ID              string   // "vpce-svc-...", the same for every caller
	Type            Type     // Gateway or Interface
	Region          string   // the Region it serves
	Zones           []string // the Region's zones, in name order
	BaseDNSNames    []string // "s3.us-east-1.amazonaws.com", "ssm.us-east-1.vpce.amazonaws.com"
	PrivateDNSName  string   // "" when the service offers no private DNS (every gateway service)
	PolicySupported bool     // whether an endpoint takes a policy document
}

// IsValid reports whether s came from the catalogue.
func (s Service) IsValid() bool { return s.Name != "" }

// PrivateDNS reports whether an endpoint to s may enable private DNS.
func (s Service) PrivateDNS() bool { return s.PrivateDNSName != "" }

// IPAddressTypes returns the IP address types s supports: ipv4 only in
// this model.
func (s Service) IPAddressTypes() []string { return []string{IPv4} }

// catalogued is one entry of the catalogue: a short name and the types it
// is offered as.
type catalogued struct {
	short   string
	gateway bool
	privDNS string // the private DNS name's pattern, REGION for the Region; "" for none
}

// catalogue lists the services, in short-name order. Private DNS names
// follow each service's public endpoint name.
var catalogue = []catalogued{
	{"autoscaling", false, "autoscaling.REGION.amazonaws.com"},
	{"dynamodb", true, ""},
	{"ec2", false, "ec2.REGION.amazonaws.com"},
	{"ec2messages", false, "ec2messages.REGION.amazonaws.com"},
	{"ecr.api", false, "api.ecr.REGION.amazonaws.com"},
	{"ecr.dkr", false, "*.dkr.ecr.REGION.amazonaws.com"},
	{"ecs", false, "ecs.REGION.amazonaws.com"},
	{"ecs-agent", false, "ecs-a.REGION.amazonaws.com"},
	{"ecs-telemetry", false, "ecs-t.REGION.amazonaws.com"},
	{"elasticloadbalancing", false, "elasticloadbalancing.REGION.amazonaws.com"},
	{"events", false, "events.REGION.amazonaws.com"},
	{"execute-api", false, "*.execute-api.REGION.amazonaws.com"},
	{"kinesis-streams", false, "kinesis.REGION.amazonaws.com"},
	{"kms", false, "kms.REGION.amazonaws.com"},
	{"lambda", false, "lambda.REGION.amazonaws.com"},
	{"logs", false, "logs.REGION.amazonaws.com"},
	{"monitoring", false, "monitoring.REGION.amazonaws.com"},
	{"rds", false, "rds.REGION.amazonaws.com"},
	{"s3", true, "*.s3.REGION.amazonaws.com"},
	{"secretsmanager", false, "secretsmanager.REGION.amazonaws.com"},
	{"sns", false, "sns.REGION.amazonaws.com"},
	{"sqs", false, "sqs.REGION.amazonaws.com"},
	{"ssm", false, "ssm.REGION.amazonaws.com"},
	{"ssmmessages", false, "ssmmessages.REGION.amazonaws.com"},
	{"sts", false, "sts.REGION.amazonaws.com"},
}

// ServiceName returns the name of the AWS service short in region:
// "com.amazonaws.REGION.SHORT".
func ServiceName(region, short string) string { return "com.amazonaws." + region + "." + short }

// Services returns the catalogue of region: every service of the
// catalogue as an Interface service, and s3 and dynamodb also as Gateway
// services, ordered by name and then type (Gateway first). It is the same
// for every call and every account; a Region that is not well formed has
// none.
func Services(region string) []Service {
	zs := zone.InRegion(region)
	if zs == nil {
		return nil
	}
	names := zone.Names(zs)
	var out []Service
	for _, c := range catalogue {
		name := ServiceName(region, c.short)
		if c.gateway {
			out = append(out, Service{Name: name, ID: serviceID(name, Gateway), Type: Gateway, Region: region, Zones: slices.Clone(names),
				BaseDNSNames: []string{c.short + "." + region + ".amazonaws.com"}, PolicySupported: true})
		}
		out = append(out, Service{Name: name, ID: serviceID(name, Interface), Type: Interface, Region: region, Zones: slices.Clone(names),
			BaseDNSNames:   []string{c.short + "." + region + ".vpce.amazonaws.com"},
			PrivateDNSName: strings.ReplaceAll(c.privDNS, "REGION", region), PolicySupported: true})
	}
	return out
}

// FindService returns the service of region with the given name and type,
// and whether there is one.
func FindService(region, name string, t Type) (Service, bool) {
	for _, s := range Services(region) {
		if s.Name == name && s.Type == t {
			return s, true
		}
	}
	return Service{}, false
}

// KnownName reports whether region offers a service named name, of any
// type.
func KnownName(region, name string) bool {
	return slices.ContainsFunc(Services(region), func(s Service) bool { return s.Name == name })
}

// serviceID is the deterministic "vpce-svc-" ID of a service.
func serviceID(name string, t Type) string {
	h := sha256.Sum256([]byte("service\x00" + name + "\x00" + string(t)))
	return "vpce-svc-" + hex.EncodeToString(h[:9])[:17]
}

// PrefixList is an AWS-managed prefix list: the public address ranges of a
// service that has gateway endpoints, in one Region, as DescribePrefixLists
// shows it. The zero PrefixList is not valid. It holds a slice, so it does
// not support ==.
type PrefixList struct {
	ID    string         // "pl-..." (8 hex digits, as EC2's managed lists have)
	Name  string         // the service's name, "com.amazonaws.us-east-1.s3"
	CIDRs []netip.Prefix // the service's public ranges, in address order
}

// PrefixLists returns region's managed prefix lists, one per gateway
// service (dynamodb, s3), in name order. IDs and ranges are derived from
// the Region's name: the same in every call, different between Regions,
// and the lists of one Region overlap nothing of each other.
func PrefixLists(region string) []PrefixList {
	if !ec2.IsRegion(region) {
		return nil
	}
	var out []PrefixList
	for _, c := range catalogue {
		if !c.gateway {
			continue
		}
		name := ServiceName(region, c.short)
		h := sha256.Sum256([]byte("prefix-list\x00" + name))
		pl := PrefixList{ID: "pl-" + hex.EncodeToString(h[:4]), Name: name}
		switch c.short {
		case "s3": // 3.x.0.0/16, 52.[216..254].0.0/15, 54.x.0.0/15
			pl.CIDRs = []netip.Prefix{
				netip.PrefixFrom(netip.AddrFrom4([4]byte{3, h[4], 0, 0}), 16),
				netip.PrefixFrom(netip.AddrFrom4([4]byte{52, 216 + h[5]%20*2, 0, 0}), 15),
				netip.PrefixFrom(netip.AddrFrom4([4]byte{54, h[6] &^ 1, 0, 0}), 15),
			}
		default: // 35.x.0.0/16, 52.94.x.0/22
			pl.CIDRs = []netip.Prefix{
				netip.PrefixFrom(netip.AddrFrom4([4]byte{35, h[4], 0, 0}), 16),
				netip.PrefixFrom(netip.AddrFrom4([4]byte{52, 94, h[5] &^ 3, 0}), 22),
			}
		}
		out = append(out, pl)
	}
	return out
}

// PrefixListOf returns the managed prefix list of the service named name
// in region, and whether it has one (only gateway services do).
func PrefixListOf(region, name string) (PrefixList, bool) {
	for _, pl := range PrefixLists(region) {
		if pl.Name == name {
			return pl, true
		}
	}
	return PrefixList{}, false
}
