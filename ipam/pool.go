package ipam

import (
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// IPAM is one IP Address Manager: the Regions it operates in and its two
// default scopes. State is create-in-progress until it settles, then
// create-complete.
type IPAM struct {
	ID               string   `json:"id"`
	Owner            string   `json:"owner"`
	Region           string   `json:"region"`
	Description      string   `json:"description,omitempty"`
	OperatingRegions []string `json:"operatingRegions"`
	PrivateScope     string   `json:"privateScope"`
	PublicScope      string   `json:"publicScope"`
	Tier             string   `json:"tier"`
	State            string   `json:"state"`
	ClientToken      string   `json:"clientToken,omitempty"` // CreateIpam's, for idempotency
}

// SameRequest reports whether i and o were asked for with the same
// parameters: what makes a repeated CreateIpam with one ClientToken the
// same request.
func (i IPAM) SameRequest(o IPAM) bool {
	return i.Owner == o.Owner && i.Region == o.Region && i.Description == o.Description && i.Tier == o.Tier &&
		slices.Equal(slices.Sorted(slices.Values(i.OperatingRegions)), slices.Sorted(slices.Values(o.OperatingRegions)))
}

// Operates reports whether region is one of i's operating Regions.
func (i IPAM) Operates(region string) bool { return slices.Contains(i.OperatingRegions, region) }

// Pool is one IPAM pool: its scope, address family, Locale (a Region the
// IPAM operates in, or "" for none), allocation netmask rules (0 means
// unset), the CIDRs provisioned to it and the allocations made from them.
type Pool struct {
	ID                   string `json:"id"`
	IPAMID               string `json:"ipamId"`
	ScopeID              string `json:"scopeId"`
	ScopeType            string `json:"scopeType"`
	Owner                string `json:"owner"`
	Region               string `json:"region"`
	AddressFamily        string `json:"addressFamily"`
	Locale               string `json:"locale,omitempty"`
	Description          string `json:"description,omitempty"`
	AWSService           string `json:"awsService,omitempty"`
	PubliclyAdvertisable bool   `json:"publiclyAdvertisable,omitempty"`
	DefaultNetmask       int    `json:"defaultNetmask,omitempty"`
	MinNetmask           int    `json:"minNetmask,omitempty"`
	MaxNetmask           int    `json:"maxNetmask,omitempty"`
	AutoImport           bool   `json:"autoImport,omitempty"`
	// AllocationResourceTags are the tags a resource must carry to
	// allocate from the pool, in key order.
	AllocationResourceTags []ResourceTag `json:"allocationResourceTags,omitempty"`
	State                  string        `json:"state"`
	ClientToken            string        `json:"clientToken,omitempty"` // CreateIpamPool's, for idempotency
	CIDRs                  []PoolCIDR    `json:"cidrs,omitempty"`
	Allocations            []Allocation  `json:"allocations,omitempty"`
}

// SameRequest reports whether p and o were asked for with the same
// parameters: what makes a repeated CreateIpamPool with one ClientToken
// the same request.
func (p Pool) SameRequest(o Pool) bool {
	return p.IPAMID == o.IPAMID && p.ScopeID == o.ScopeID && p.Owner == o.Owner && p.Region == o.Region &&
		p.AddressFamily == o.AddressFamily && p.Locale == o.Locale && p.Description == o.Description &&
		p.AWSService == o.AWSService && p.PubliclyAdvertisable == o.PubliclyAdvertisable && p.AutoImport == o.AutoImport &&
		p.DefaultNetmask == o.DefaultNetmask && p.MinNetmask == o.MinNetmask && p.MaxNetmask == o.MaxNetmask &&
		slices.Equal(p.AllocationResourceTags, o.AllocationResourceTags)
}

// Bits returns the address length of p's family: 32 or 128.
func (p Pool) Bits() int {
	if p.AddressFamily == "ipv6" {
		return 128
	}
	return 32
}

// Check refuses a pool EC2 would not create: an unknown family, or netmask
// rules out of range or out of order.
func (p Pool) Check() error {
	if p.AddressFamily != "ipv4" && p.AddressFamily != "ipv6" {
		return invalid("The address family '%s' is not valid; use ipv4 or ipv6.", p.AddressFamily)
	}
	for _, n := range []int{p.DefaultNetmask, p.MinNetmask, p.MaxNetmask} {
		if n < 0 || n > p.Bits() {
			return invalid("The netmask length %d is not valid for %s.", n, p.AddressFamily)
		}
	}
	if p.MinNetmask != 0 && p.MaxNetmask != 0 && p.MinNetmask > p.MaxNetmask {
		return invalid("AllocationMinNetmaskLength %d is greater than AllocationMaxNetmaskLength %d.", p.MinNetmask, p.MaxNetmask)
	}
	if d := p.DefaultNetmask; d != 0 && (p.MinNetmask != 0 && d < p.MinNetmask || p.MaxNetmask != 0 && d > p.MaxNetmask) {
		return invalid("AllocationDefaultNetmaskLength %d is outside the pool's minimum and maximum.", d)
	}
	return nil
}

// Provisioned returns the blocks allocations may be made from: those
// provisioned, and those whose deprovisioning failed.
func (p Pool) Provisioned() []netip.Prefix {
	var out []netip.Prefix
	for _, c := range p.CIDRs {
		if c.State == "provisioned" || c.State == "failed-deprovision" {
			out = append(out, c.CIDR)
		}
	}
	return out
}

// Taken returns the allocated blocks.
func (p Pool) Taken() []netip.Prefix {
	out := make([]netip.Prefix, len(p.Allocations))
	for i, a := range p.Allocations {
		out[i] = a.CIDR
	}
	return out
}

// clone returns p with its own slices, so that a change to it leaves p as
// it was.
func (p Pool) clone() Pool {
	p.CIDRs = slices.Clone(p.CIDRs)
	p.Allocations = slices.Clone(p.Allocations)
	p.AllocationResourceTags = slices.Clone(p.AllocationResourceTags)
	return p
}

// Provision adds block c to p, pending-provision until [Pool.Settle]. It
// must be of p's family and overlap no CIDR of p still live.
func (p Pool) Provision(id string, c netip.Prefix) (Pool, PoolCIDR, error) {
	if c.Addr().BitLen() != p.Bits() || c.Addr().Is4In6() {
		return p, PoolCIDR{}, invalid("The CIDR %s is not of the pool's address family %s.", c, p.AddressFamily)
	}
	if c != c.Masked() {
		return p, PoolCIDR{}, invalid("The CIDR %s is not a network address.", c)
	}
	for _, o := range p.CIDRs {
		if o.Live() && o.CIDR.Overlaps(c) {
			return p, PoolCIDR{}, invalid("The CIDR %s overlaps the CIDR %s already in the pool.", c, o.CIDR)
		}
	}
	pc := PoolCIDR{ID: id, CIDR: c, State: "pending-provision"}
	p = p.clone()
	p.CIDRs = slices.DeleteFunc(p.CIDRs, func(o PoolCIDR) bool { return o.CIDR == c })
	p.CIDRs = append(p.CIDRs, pc)
	return p, pc, nil
}

// Deprovision starts taking block c out of p: it is pending-deprovision
// until [Pool.Settle], which deprovisions it, or, while an allocation lies
// inside it, leaves it failed-deprovision with [FailedDeprovisionMessage],
// as EC2 does. A block that is not provisioned (or failed-deprovision) is
// IncorrectState; one p never held is InvalidParameterValue.
func (p Pool) Deprovision(c netip.Prefix) (Pool, PoolCIDR, error) {
	i := slices.IndexFunc(p.CIDRs, func(o PoolCIDR) bool { return o.CIDR == c })
	if i < 0 {
		return p, PoolCIDR{}, invalid("The CIDR %s is not provisioned to the pool %s.", c, p.ID)
	}
	if st := p.CIDRs[i].State; st != "provisioned" && st != "failed-deprovision" {
		return p, PoolCIDR{}, incorrectState("The CIDR %s of the pool %s is in state %s.", c, p.ID, st)
	}
	p = p.clone()
	p.CIDRs[i].State, p.CIDRs[i].FailureMessage = "pending-deprovision", ""
	return p, p.CIDRs[i], nil
}

// Request asks a pool for a block: CIDR by value, or a NetmaskLength (0
// means the pool's default).
type Request struct {
	CIDR          netip.Prefix
	NetmaskLength int
	ResourceID    string
	ResourceType  string
	Description   string
}

// Next answers the block r would get: r.CIDR when free, else the lowest
// free aligned block of r's netmask length, within p's netmask rules.
func (p Pool) Next(r Request) (netip.Prefix, error) {
	if p.State != "create-complete" {
		return netip.Prefix{}, incorrectState("The pool %s is in state %s.", p.ID, p.State)
	}
	bits := r.NetmaskLength
	if r.CIDR.IsValid() {
		bits = r.CIDR.Bits()
		if r.CIDR.Addr().BitLen() != p.Bits() || r.CIDR != r.CIDR.Masked() {
			return netip.Prefix{}, invalid("The CIDR %s is not a network address of the pool's family %s.", r.CIDR, p.AddressFamily)
		}
	}
	if bits == 0 {
		bits = p.DefaultNetmask
	}
	if bits == 0 {
		return netip.Prefix{}, &ec2.Error{Code: ec2.MissingParameter, Message: "The request must contain the parameter NetmaskLength or Cidr."}
	}
	if bits > p.Bits() || p.MinNetmask != 0 && bits < p.MinNetmask || p.MaxNetmask != 0 && bits > p.MaxNetmask {
		return netip.Prefix{}, invalid("The netmask length %d is outside the pool's allowed range.", bits)
	}
	if r.CIDR.IsValid() {
		return r.CIDR, CheckFree(p.Provisioned(), p.Taken(), r.CIDR)
	}
	next, ok := NextFree(p.Provisioned(), p.Taken(), bits)
	if !ok {
		return netip.Prefix{}, invalid("The pool %s has no free /%d.", p.ID, bits)
	}
	return next, nil
}

// Allocate gives r's block (see [Pool.Next]) to r's resource.
func (p Pool) Allocate(id string, r Request) (Pool, Allocation, error) {
	c, err := p.Next(r)
	if err != nil {
		return p, Allocation{}, err
	}
	a := Allocation{ID: id, CIDR: c, ResourceID: r.ResourceID, ResourceType: r.ResourceType, Description: r.Description}
	if a.ResourceType == "" {
		a.ResourceType = "custom"
	}
	p = p.clone()
	p.Allocations = append(p.Allocations, a)
	return p, a, nil
}

// Release gives back the allocation with ID id; ok is false when p has none.
func (p Pool) Release(id string) (Pool, bool) {
	i := slices.IndexFunc(p.Allocations, func(a Allocation) bool { return a.ID == id })
	if i < 0 {
		return p, false
	}
	p = p.clone()
	p.Allocations = slices.Delete(p.Allocations, i, i+1)
	return p, true
}

// CheckDelete refuses deleting p while it holds CIDRs or allocations
// (DependencyViolation, "The specified action is not valid for
// ipam-pool-…. There are one or more pool cidrs provisioned in the
// pool.").
func (p Pool) CheckDelete() error {
	if slices.ContainsFunc(p.CIDRs, PoolCIDR.Live) {
		return DependencyViolation(p.ID, "There are one or more pool cidrs provisioned in the pool.")
	}
	if len(p.Allocations) > 0 {
		return DependencyViolation(p.ID, "There are one or more allocations in the pool.")
	}
	return nil
}

// Unsettled reports whether p has a step EC2 takes by itself still to take.
func (p Pool) Unsettled() bool {
	return p.State == "create-in-progress" || slices.ContainsFunc(p.CIDRs, func(c PoolCIDR) bool {
		return c.State == "pending-provision" || c.State == "pending-deprovision"
	})
}

// Settle takes the steps EC2 takes by itself: the pool is created, pending
// CIDRs are provisioned or deprovisioned.
func (p Pool) Settle() Pool {
	if !p.Unsettled() {
		return p
	}
	p = p.clone()
	if p.State == "create-in-progress" {
		p.State = "create-complete"
	}
	for i, c := range p.CIDRs {
		switch c.State {
		case "pending-provision":
			p.CIDRs[i].State = "provisioned"
		case "pending-deprovision":
			p.CIDRs[i].State = "deprovisioned"
			if slices.ContainsFunc(p.Allocations, func(a Allocation) bool { return a.CIDR.Overlaps(c.CIDR) }) {
				p.CIDRs[i].State, p.CIDRs[i].FailureMessage = "failed-deprovision", FailedDeprovisionMessage
			}
		}
	}
	return p
}
