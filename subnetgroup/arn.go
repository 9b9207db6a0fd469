package subnetgroup

import (
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// ARN is a subnet group's Amazon Resource Name, in parts:
// arn:Partition:Service:Region:Account:Resource:Name. The zero ARN is not
// valid; use [Group.ARN] or [Rules.ParseARN]. ARN supports == and can be
// a map key.
type ARN struct {
	Partition string  // "aws"
	Service   Service // "rds"
	Region    string  // "us-east-1"
	Account   string  // "111122223333"
	Resource  string  // "subgrp", "subnetgroup"
	Name      string  // the group's name
}

// String returns a as text.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + string(a.Service) + ":" + a.Region + ":" + a.Account + ":" + a.Resource + ":" + a.Name
}

// ParseARN returns the parts of s, an ARN of one of r's subnet groups, or
// an *Error (Op "arn", wrapping [ErrInvalidARN], Codes.InvalidARN) when s
// is not an ARN of r's service with a Region, an account and a resource,
// or (wrapping [ErrNotFound], Codes.ResourceNotFound) when it is, but of
// another kind of resource than a subnet group: the service has nothing
// else here. The name is returned as s spells it; groups are found by
// [LookupName].
func (r Rules) ParseARN(s string) (ARN, error) {
	if !r.IsValid() {
		return ARN{}, errNoService("arn")
	}
	malformed := func() (ARN, error) {
		return ARN{}, &Error{Op: "arn", Service: r.Service, Name: s, Code: r.Codes.InvalidARN, Err: ErrInvalidARN,
			msg: "The ARN " + s + " is not a valid " + string(r.Service) + " ARN."}
	}
	parts := strings.SplitN(s, ":", 7)
	if len(parts) != 7 || parts[0] != "arn" || parts[1] == "" || parts[2] != string(r.Service) {
		return malformed()
	}
	a := ARN{Partition: parts[1], Service: r.Service, Region: parts[3], Account: parts[4], Resource: parts[5], Name: parts[6]}
	if !ec2.IsRegion(a.Region) || !ec2.IsAccount(a.Account) || a.Partition != Partition(a.Region) || a.Resource == "" || a.Name == "" {
		return malformed()
	}
	if a.Resource != r.ARNResource {
		return ARN{}, &Error{Op: "arn", Service: r.Service, Name: s, Code: r.Codes.ResourceNotFound, Err: ErrNotFound,
			msg: "The resource " + s + " is not a " + r.Noun + ", and no other resource is held here."}
	}
	return a, nil
}
