package subnetgroup

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/zone"
)

// Subnet is what a group knows of one of its subnets: its ID, its VPC and
// the name of its Availability Zone. The zero Subnet is not valid. Subnet
// supports == and can be a map key.
type Subnet struct {
	ID    string // "subnet-0a1b2c3d"
	VPCID string // "vpc-0a1b2c3d"
	Zone  string // "us-east-1a"
}

// Lookup resolves a subnet ID a request names to the caller's subnet of
// that ID, and reports false when the caller has none. A nil Lookup knows
// no subnet.
type Lookup func(id string) (Subnet, bool)

// Group is one subnet group of one service, in one account and Region.
// Its name, service, owner and Region never change; its description,
// subnets and tags change through methods that return a new Group. The
// zero Group is not valid; use [Create]. A Group holds slices, so it does
// not support ==; use [Group.Equal].
type Group struct {
	service     Service
	owner       string // account
	region      string
	name        string // lower case
	description string
	vpcID       string
	subnets     []Subnet  // sorted by ID, IDs unique
	tags        []tag.Tag // sorted by key, keys unique
}

// Spec is what a request to create a group gives. The zero Spec names no
// service, and [Create] refuses it.
type Spec struct {
	Service     Service
	OwnerID     string // the caller's account
	Region      string // the caller's Region
	Name        string // as the request gives it; stored in lower case
	Description string
	SubnetIDs   []string
	Tags        []tag.Tag
}

// Create returns the group spec describes, its subnets resolved by lookup,
// checked by the rules of spec.Service: the name by [Rules.ParseName], the
// subnets by [Rules.CheckSubnets], the tags by [Rules.CheckTags]. Whether
// the caller already has a group of that name is the caller's to check
// ([Rules.ExistsError]).
func Create(spec Spec, lookup Lookup) (Group, error) {
	r := spec.Service.Rules()
	if !r.IsValid() {
		return Group{}, errNoService("create")
	}
	if !ec2.IsAccount(spec.OwnerID) || !ec2.IsRegion(spec.Region) {
		return Group{}, &Error{Op: "create", Service: r.Service, Name: spec.Name, Code: invalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("The owner %q in %q is not a 12-digit account in a well-formed Region.", spec.OwnerID, spec.Region)}
	}
	name, err := r.ParseName(spec.Name)
	if err != nil {
		return Group{}, err
	}
	subnets, err := r.CheckSubnets(spec.Region, spec.SubnetIDs, lookup)
	if err != nil {
		return Group{}, err
	}
	tags, err := r.CheckTags(nil, spec.Tags)
	if err != nil {
		return Group{}, err
	}
	return Group{service: r.Service, owner: spec.OwnerID, region: spec.Region, name: name,
		description: spec.Description, vpcID: subnets[0].VPCID, subnets: subnets, tags: tags}, nil
}

// CheckSubnets resolves the subnet IDs of a request in region by lookup
// and returns the subnets, in ID order, each once, or an *Error (Op
// "subnets") for: no ID ([ErrNoSubnets], Codes.NoSubnets), an ID lookup
// does not know ([ErrUnknownSubnet], Codes.UnknownSubnet, naming every ID
// given), more than [MaxSubnets] subnets ([ErrTooManySubnets]), subnets of
// two VPCs ([ErrMixedVPCs], Codes.MixedVPCs), or fewer Availability Zones
// than r.MinZones where the Region has that many ([ErrZones],
// Codes.NotEnoughZones), in that order.
func (r Rules) CheckSubnets(region string, ids []string, lookup Lookup) ([]Subnet, error) {
	if !r.IsValid() {
		return nil, errNoService("subnets")
	}
	fail := func(code string, err error, msg string) ([]Subnet, error) {
		return nil, &Error{Op: "subnets", Service: r.Service, Code: code, Err: err, msg: msg}
	}
	if len(ids) == 0 {
		return fail(r.Codes.NoSubnets, ErrNoSubnets, "Subnet IDs are required.")
	}
	var subnets []Subnet
	for _, id := range ids {
		s, ok := Subnet{}, false
		if lookup != nil {
			s, ok = lookup(id)
		}
		if !ok || s.ID != id || s.VPCID == "" || s.Zone == "" {
			if r.Codes.UnknownSubnet == invalidSubnet {
				return fail(r.Codes.UnknownSubnet, ErrUnknownSubnet, "The subnet ID '"+id+"' does not exist.")
			}
			return fail(r.Codes.UnknownSubnet, ErrUnknownSubnet, "Some input subnets in :["+strings.Join(ids, ", ")+"] are invalid.")
		}
		subnets = append(subnets, s)
	}
	slices.SortFunc(subnets, func(a, b Subnet) int { return strings.Compare(a.ID, b.ID) })
	subnets = slices.Compact(subnets)
	if len(subnets) > MaxSubnets {
		return fail(r.Codes.TooManySubnets, ErrTooManySubnets,
			fmt.Sprintf("The request names %d subnets; a %s holds at most %d.", len(subnets), r.Noun, MaxSubnets))
	}
	for _, s := range subnets[1:] {
		if s.VPCID != subnets[0].VPCID {
			return fail(r.Codes.MixedVPCs, ErrMixedVPCs, "Subnets "+subnets[0].ID+" and "+s.ID+" are not in the same VPC.")
		}
	}
	var zones []string
	for _, s := range subnets {
		if !slices.Contains(zones, s.Zone) {
			zones = append(zones, s.Zone)
		}
	}
	if want := min(r.MinZones, len(zone.InRegion(region))); len(zones) < want {
		slices.Sort(zones)
		return fail(r.Codes.NotEnoughZones, ErrZones, fmt.Sprintf(
			"The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: %s. Add subnets to cover at least %d AZs.",
			strings.Join(zones, ", "), want))
	}
	return subnets, nil
}

// WithDescription returns g with its description replaced.
func (g Group) WithDescription(description string) Group {
	g.subnets, g.tags = slices.Clone(g.subnets), slices.Clone(g.tags)
	g.description = description
	return g
}

// WithSubnets returns g with its subnets replaced by those ids name,
// checked by [Rules.CheckSubnets]; where the service keeps a group in its
// VPC (Rules.SameVPCOnModify), subnets of another VPC are refused
// ([ErrOtherVPC], Codes.OtherVPC).
func (g Group) WithSubnets(ids []string, lookup Lookup) (Group, error) {
	r := g.service.Rules()
	if !g.IsValid() {
		return Group{}, errNoService("modify")
	}
	subnets, err := r.CheckSubnets(g.region, ids, lookup)
	if err != nil {
		return Group{}, err
	}
	if r.SameVPCOnModify && subnets[0].VPCID != g.vpcID {
		return Group{}, &Error{Op: "modify", Service: r.Service, Name: g.name, Code: r.Codes.OtherVPC, Err: ErrOtherVPC,
			msg: "The new Subnets are not in the same Vpc as the existing subnet group"}
	}
	g.tags = slices.Clone(g.tags)
	g.subnets, g.vpcID = subnets, subnets[0].VPCID
	return g, nil
}

// IsValid reports whether g was made by [Create].
func (g Group) IsValid() bool { return g.service.IsValid() }

// Service returns the service g belongs to.
func (g Group) Service() Service { return g.service }

// Rules returns the rules of g's service.
func (g Group) Rules() Rules { return g.service.Rules() }

// OwnerID returns the account that owns g.
func (g Group) OwnerID() string { return g.owner }

// Region returns the Region g is in.
func (g Group) Region() string { return g.region }

// Name returns g's name, in lower case.
func (g Group) Name() string { return g.name }

// Description returns g's description.
func (g Group) Description() string { return g.description }

// VPCID returns the VPC g's subnets are in.
func (g Group) VPCID() string { return g.vpcID }

// Subnets returns a copy of g's subnets, in ID order.
func (g Group) Subnets() []Subnet { return slices.Clone(g.subnets) }

// Tags returns a copy of g's tags, in key order; nil when it has none.
func (g Group) Tags() []tag.Tag {
	if len(g.tags) == 0 {
		return nil
	}
	return slices.Clone(g.tags)
}

// NetworkTypes returns the network types g supports, as its service
// spells them. Its subnets have IPv4 addresses only, so it is the IPv4
// type alone.
func (g Group) NetworkTypes() []string {
	if !g.IsValid() {
		return nil
	}
	return []string{g.Rules().IPv4NetworkType}
}

// ARN returns g's Amazon Resource Name, in the partition of its Region:
// arn:aws:rds:us-east-1:111122223333:subgrp:name for RDS,
// ...:subnetgroup:name for ElastiCache and Redshift; "" for the zero Group.
func (g Group) ARN() string {
	if !g.IsValid() {
		return ""
	}
	return ARN{Partition: Partition(g.region), Service: g.service, Region: g.region, Account: g.owner,
		Resource: g.Rules().ARNResource, Name: g.name}.String()
}

// Equal reports whether g and o are the same group in the same state.
func (g Group) Equal(o Group) bool {
	return g.service == o.service && g.owner == o.owner && g.region == o.region && g.name == o.name &&
		g.description == o.description && g.vpcID == o.vpcID && slices.Equal(g.subnets, o.subnets) && slices.Equal(g.tags, o.tags)
}

// Partition returns the AWS partition a Region belongs to: aws-cn for
// cn-..., aws-us-gov for us-gov-..., aws for every other.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}
