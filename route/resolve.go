package route

import (
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/status"
)

// Resolver answers what a route table needs to know about the world outside
// it. Callers (a registry, an emulator's store) implement it; this package
// never looks anything up by itself, and so never imports the packages that
// own targets.
type Resolver interface {
	// Resolve reports what the caller knows about t, and false when t names
	// nothing the table's owner can see (never created, deleted, failed).
	Resolve(t Target) (TargetInfo, bool)
	// IsSubnet reports whether block is exactly the CIDR block of a subnet
	// of the VPC vpcID.
	IsSubnet(vpcID string, block netip.Prefix) bool
}

// TargetInfo is a [Resolver]'s answer about one target. The zero value
// describes a target that exists and serves no VPC.
type TargetInfo struct {
	// VPCIDs lists the VPCs the target serves: the VPC an internet,
	// egress-only or virtual private gateway is attached to (empty when
	// detached); the VPC of a NAT gateway, network interface, instance,
	// endpoint, carrier gateway or local gateway association; the requester
	// and accepter VPCs of a peering connection. Transit gateways and core
	// networks need not list any.
	VPCIDs []string
	// Status is a peering connection's status code; it is ignored for other
	// kinds.
	Status status.Code
}

// serves reports whether i lists vpcID.
func (i TargetInfo) serves(vpcID string) bool { return slices.Contains(i.VPCIDs, vpcID) }

// Catalog is a ready-made [Resolver] over two maps, for tests, examples and
// small programs. The zero Catalog is ready to use and knows nothing.
type Catalog struct {
	Targets map[Target]TargetInfo     // what exists
	Subnets map[string][]netip.Prefix // subnet CIDR blocks by VPC ID
}

// Resolve returns c.Targets[t].
func (c Catalog) Resolve(t Target) (TargetInfo, bool) {
	i, ok := c.Targets[t]
	return i, ok
}

// IsSubnet reports whether block is listed in c.Subnets[vpcID].
func (c Catalog) IsSubnet(vpcID string, block netip.Prefix) bool {
	return slices.Contains(c.Subnets[vpcID], block)
}
