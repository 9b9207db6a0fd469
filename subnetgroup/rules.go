package subnetgroup

import (
	"slices"
	"strings"
)

// Service is the AWS service a subnet group belongs to, spelled as its
// endpoint prefix, its ARNs and its SigV4 credential scope spell it. The
// zero Service is not valid.
type Service string

// The services that keep subnet groups.
const (
	RDS         Service = "rds"
	ElastiCache Service = "elasticache"
	Redshift    Service = "redshift"
)

// Values returns every valid Service, in a stable order.
func (Service) Values() []Service { return []Service{RDS, ElastiCache, Redshift} }

// IsValid reports whether s is one of [Service.Values].
func (s Service) IsValid() bool { return slices.Contains(s.Values(), s) }

// String returns s as AWS spells it.
func (s Service) String() string { return string(s) }

// Rules returns the rules s applies to its subnet groups; the zero Rules
// for an invalid s. Each call returns a copy the caller may change.
func (s Service) Rules() Rules {
	var r Rules
	switch s {
	case RDS:
		r = rdsRules
	case ElastiCache:
		r = elastiCacheRules
	case Redshift:
		r = redshiftRules
	default:
		return Rules{}
	}
	r.ReservedTagPrefixes = slices.Clone(r.ReservedTagPrefixes)
	return r
}

// Limits every service shares.
const (
	MaxNameLength     = 255 // characters in a group's name
	MaxSubnets        = 20  // subnets in one group
	MaxTags           = 50  // tags on one group
	MaxTagKeyLength   = 128 // characters in a tag key
	MaxTagValueLength = 256 // characters in a tag value
)

// Rules are the rules one service applies to its subnet groups: what a
// name may be, how many zones a group must cover, and the API error code
// of each refusal. They are data: [Create] and the methods of [Group]
// apply them. The zero Rules belongs to no service; use [Service.Rules].
// Rules holds a slice, so it does not support ==.
type Rules struct {
	Service Service
	// Noun names a group in messages: "DB subnet group".
	Noun string
	// NameParameter is the API's name of a group's name: "DBSubnetGroupName".
	NameParameter string
	// NamePunctuation holds the characters a name may have besides ASCII
	// letters and digits.
	NamePunctuation string
	// NameStartsWithLetter reports whether a name's first character must
	// be a letter.
	NameStartsWithLetter bool
	// ReservedName is the name (lower case) no group may take, or "".
	ReservedName string
	// MinZones is how many Availability Zones a group's subnets must
	// cover, where the Region has that many.
	MinZones int
	// SameVPCOnModify reports whether a group's subnets may only be
	// replaced by subnets of the VPC it is in.
	SameVPCOnModify bool
	// ARNResource is the resource type of a group's ARN: "subgrp".
	ARNResource string
	// ReservedTagPrefixes are the prefixes a tag key may not have.
	ReservedTagPrefixes []string
	// MissingTagRefused reports whether removing a tag the group does not
	// have is refused (Codes.TagNotFound) rather than ignored.
	MissingTagRefused bool
	// IPv4NetworkType is the service's spelling of the network type of a
	// group whose subnets have IPv4 addresses only.
	IPv4NetworkType string
	// Codes are the API error codes of the refusals.
	Codes Codes
}

// Codes are one service's API error codes for the refusals of this
// package, spelled as the service spells them on the wire. The zero Codes
// is no service's; an empty code is a refusal the service never makes
// (ElastiCache's and Redshift's zone rule, RDS's missing tag).
type Codes struct {
	InvalidName      string // a malformed or reserved name
	NoSubnets        string // a request without subnets
	UnknownSubnet    string // a subnet the caller does not have
	MixedVPCs        string // subnets of more than one VPC
	NotEnoughZones   string // subnets of too few Availability Zones
	TooManySubnets   string // more than MaxSubnets subnets
	OtherVPC         string // a modification into another VPC
	AlreadyExists    string // a name another group has
	NotFound         string // no group of that name
	ResourceNotFound string // a tag action on an ARN of no group
	InvalidARN       string // a malformed ARN
	TooManyTags      string // more than MaxTags tags
	InvalidTag       string // a malformed tag
	TagNotFound      string // removing a tag the group does not have
}

// IsValid reports whether r is one service's rules.
func (r Rules) IsValid() bool { return r.Service.IsValid() }

const (
	invalidParameterValue = "InvalidParameterValue"
	invalidSubnet         = "InvalidSubnet"
)

var (
	rdsRules = Rules{
		Service: RDS, Noun: "DB subnet group", NameParameter: "DBSubnetGroupName",
		NamePunctuation: " ._-", NameStartsWithLetter: true, ReservedName: "default",
		MinZones: 2, SameVPCOnModify: true, ARNResource: "subgrp",
		ReservedTagPrefixes: []string{"aws:", "rds:"}, IPv4NetworkType: "IPV4",
		Codes: Codes{
			InvalidName: invalidParameterValue, NoSubnets: invalidSubnet, UnknownSubnet: invalidParameterValue,
			MixedVPCs: invalidSubnet, NotEnoughZones: "DBSubnetGroupDoesNotCoverEnoughAZs",
			TooManySubnets: "DBSubnetQuotaExceededFault", OtherVPC: invalidParameterValue,
			AlreadyExists: "DBSubnetGroupAlreadyExists", NotFound: "DBSubnetGroupNotFoundFault",
			ResourceNotFound: "DBSubnetGroupNotFoundFault", InvalidARN: invalidParameterValue,
			TooManyTags: invalidParameterValue, InvalidTag: invalidParameterValue,
		},
	}
	elastiCacheRules = Rules{
		Service: ElastiCache, Noun: "Cache subnet group", NameParameter: "CacheSubnetGroupName",
		NamePunctuation: "-", MinZones: 1, ARNResource: "subnetgroup",
		ReservedTagPrefixes: []string{"aws:"}, MissingTagRefused: true, IPv4NetworkType: "ipv4",
		Codes: Codes{
			InvalidName: invalidParameterValue, NoSubnets: invalidParameterValue, UnknownSubnet: invalidParameterValue,
			MixedVPCs: invalidSubnet, TooManySubnets: "CacheSubnetQuotaExceededFault",
			AlreadyExists: "CacheSubnetGroupAlreadyExists", NotFound: "CacheSubnetGroupNotFoundFault",
			ResourceNotFound: "CacheSubnetGroupNotFoundFault", InvalidARN: "InvalidARN",
			TooManyTags: "TagQuotaPerResourceExceeded", InvalidTag: invalidParameterValue, TagNotFound: "TagNotFound",
		},
	}
	redshiftRules = Rules{
		Service: Redshift, Noun: "Cluster subnet group", NameParameter: "ClusterSubnetGroupName",
		NamePunctuation: "-", ReservedName: "default", MinZones: 1, ARNResource: "subnetgroup",
		ReservedTagPrefixes: []string{"aws:"}, IPv4NetworkType: "ipv4",
		Codes: Codes{
			InvalidName: invalidParameterValue, NoSubnets: invalidSubnet, UnknownSubnet: invalidSubnet,
			MixedVPCs: invalidSubnet, TooManySubnets: "ClusterSubnetQuotaExceededFault",
			AlreadyExists: "ClusterSubnetGroupAlreadyExists", NotFound: "ClusterSubnetGroupNotFoundFault",
			ResourceNotFound: "ResourceNotFoundFault", InvalidARN: invalidParameterValue,
			TooManyTags: "TagLimitExceededFault", InvalidTag: "InvalidTagFault",
		},
	}
)

// ParseName returns name as r's service stores it, in lower case, or an
// *Error (Op "name", wrapping [ErrInvalidName] or [ErrReservedName],
// Codes.InvalidName) for a name r does not allow: empty, longer than
// [MaxNameLength], a character outside ASCII letters, digits and
// r.NamePunctuation, a first character that is not a letter where r asks
// for one, or r.ReservedName in any case.
func (r Rules) ParseName(name string) (string, error) {
	if !r.IsValid() {
		return "", errNoService("name")
	}
	fail := func(err error, msg string) (string, error) {
		return "", &Error{Op: "name", Service: r.Service, Name: name, Code: r.Codes.InvalidName, Err: err, msg: msg}
	}
	if name == "" || len(name) > MaxNameLength {
		return fail(ErrInvalidName, "The parameter "+r.NameParameter+" must be 1 to 255 characters long.")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		switch {
		case i == 0 && r.NameStartsWithLetter && !letter:
			return fail(ErrInvalidName, "The parameter "+r.NameParameter+" must begin with a letter.")
		case letter || '0' <= c && c <= '9' || strings.IndexByte(r.NamePunctuation, c) >= 0:
		default:
			return fail(ErrInvalidName, "The parameter "+r.NameParameter+" may contain only "+r.nameCharacters()+".")
		}
	}
	lower := strings.ToLower(name)
	if r.ReservedName != "" && lower == r.ReservedName {
		return fail(ErrReservedName, "The "+r.Noun+" name "+r.ReservedName+" is reserved.")
	}
	return lower, nil
}

// nameCharacters describes what a name of r may hold, for messages.
func (r Rules) nameCharacters() string {
	var named []string
	for _, c := range r.NamePunctuation {
		switch c {
		case ' ':
			named = append(named, "spaces")
		case '.':
			named = append(named, "periods")
		case '_':
			named = append(named, "underscores")
		case '-':
			named = append(named, "hyphens")
		}
	}
	return "ASCII letters, digits and " + strings.Join(named, ", ")
}

// LookupName returns the key a request's name finds a group by: the
// name in lower case, as groups store theirs. It validates nothing: a name
// no group can have finds none.
func LookupName(name string) string { return strings.ToLower(name) }

// NotFoundError returns r's refusal of a request naming a group the
// caller does not have: an *Error wrapping [ErrNotFound], Codes.NotFound.
func (r Rules) NotFoundError(name string) *Error {
	return &Error{Op: "find", Service: r.Service, Name: name, Code: r.Codes.NotFound, Err: ErrNotFound,
		msg: r.Noun + " " + name + " not found."}
}

// ExistsError returns r's refusal of a group whose name another group of
// the caller has: an *Error wrapping [ErrExists], Codes.AlreadyExists.
func (r Rules) ExistsError(name string) *Error {
	msg := r.Noun + " " + name + " already exists."
	if r.Service == RDS {
		msg = "The DB subnet group '" + name + "' already exists."
	}
	return &Error{Op: "create", Service: r.Service, Name: name, Code: r.Codes.AlreadyExists, Err: ErrExists, msg: msg}
}
