package ipam

import (
	"cmp"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// ResourceTag is a tag a pool requires of the resources that allocate from
// it (AllocationResourceTags). ResourceTag supports == and can be a map
// key.
type ResourceTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// PoolChange is what ModifyIpamPool asks for; a field left at its zero
// value changes nothing. The zero PoolChange asks for no change.
type PoolChange struct {
	Description         *string
	AutoImport          *bool
	MinNetmask          *int
	MaxNetmask          *int
	DefaultNetmask      *int
	ClearDefaultNetmask bool
	AddResourceTags     []ResourceTag
	RemoveResourceTags  []ResourceTag
}

// Modify returns p with c applied: the description, auto-import, the
// allocation netmask rules (checked as [Pool.Check] checks them; a rule
// that existing allocations break is allowed, as it binds only new ones)
// and the allocation resource tags (added, then removed; a tag is one key
// and value). A change with nothing in it is InvalidParameterCombination
// ("The request must contain a modification to the ipam pool"), as is a
// default netmask both set and cleared.
func (p Pool) Modify(c PoolChange) (Pool, error) {
	if c.Description == nil && c.AutoImport == nil && c.MinNetmask == nil && c.MaxNetmask == nil && c.DefaultNetmask == nil &&
		!c.ClearDefaultNetmask && len(c.AddResourceTags) == 0 && len(c.RemoveResourceTags) == 0 {
		return p, &ec2.Error{Code: ec2.InvalidParameterCombination, Message: "The request must contain a modification to the ipam pool"}
	}
	if c.DefaultNetmask != nil && c.ClearDefaultNetmask {
		return p, &ec2.Error{Code: ec2.InvalidParameterCombination,
			Message: "AllocationDefaultNetmaskLength cannot be used with ClearAllocationDefaultNetmaskLength."}
	}
	p = p.clone()
	if c.Description != nil {
		p.Description = *c.Description
	}
	if c.AutoImport != nil {
		p.AutoImport = *c.AutoImport
	}
	if c.MinNetmask != nil {
		p.MinNetmask = *c.MinNetmask
	}
	if c.MaxNetmask != nil {
		p.MaxNetmask = *c.MaxNetmask
	}
	if c.DefaultNetmask != nil {
		p.DefaultNetmask = *c.DefaultNetmask
	}
	if c.ClearDefaultNetmask {
		p.DefaultNetmask = 0
	}
	for _, t := range c.AddResourceTags {
		if t.Key == "" {
			return p, invalid("An allocation resource tag must have a key.")
		}
		if !slices.Contains(p.AllocationResourceTags, t) {
			p.AllocationResourceTags = append(p.AllocationResourceTags, t)
		}
	}
	p.AllocationResourceTags = slices.DeleteFunc(p.AllocationResourceTags, func(t ResourceTag) bool {
		return slices.Contains(c.RemoveResourceTags, t)
	})
	slices.SortFunc(p.AllocationResourceTags, func(a, b ResourceTag) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Value, b.Value))
	})
	if len(p.AllocationResourceTags) == 0 {
		p.AllocationResourceTags = nil
	}
	if err := p.Check(); err != nil {
		return p, err
	}
	return p, nil
}

// IPAMChange is what ModifyIpam asks for; a field left at its zero value
// changes nothing.
type IPAMChange struct {
	Description   *string
	AddRegions    []string
	RemoveRegions []string
	Tier          string
}

// Modify returns i with c applied: the description, the tier (free or
// advanced) and the operating Regions (added, then removed). The IPAM's
// own Region cannot be removed, nor one that a pool of pools has as its
// Locale (InvalidParameterValue).
func (i IPAM) Modify(c IPAMChange, pools []Pool) (IPAM, error) {
	if c.Description != nil {
		i.Description = *c.Description
	}
	switch c.Tier {
	case "":
	case "free", "advanced":
		i.Tier = c.Tier
	default:
		return i, invalid("The tier '%s' is not valid.", c.Tier)
	}
	regions := slices.Clone(i.OperatingRegions)
	for _, r := range c.AddRegions {
		if !ec2.IsRegion(r) {
			return i, invalid("The operating Region '%s' is not valid.", r)
		}
		if !slices.Contains(regions, r) {
			regions = append(regions, r)
		}
	}
	for _, r := range c.RemoveRegions {
		if r == i.Region {
			return i, invalid("The operating Region %s is the IPAM's home Region and cannot be removed.", r)
		}
		for _, p := range pools {
			if p.IPAMID == i.ID && p.Locale == r {
				return i, invalid("The operating Region %s is the locale of the pool %s and cannot be removed.", r, p.ID)
			}
		}
		regions = slices.DeleteFunc(regions, func(x string) bool { return x == r })
	}
	i.OperatingRegions = regions
	return i, nil
}
