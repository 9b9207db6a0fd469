package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/ipam"
	"github.com/vpclab/vpcmodel/tag"
)

// ipamStore holds every IPAM and IPAM pool (ipam package values), by ID.
type ipamStore struct {
	ipams     map[string]ipam.IPAM
	ipamPools map[string]ipam.Pool
	// ipamUnsettled is set while an IPAM, pool or pool CIDR has a step EC2
	// takes by itself still to take.
	ipamUnsettled bool
}

func newIPAMStore() ipamStore {
	return ipamStore{ipams: map[string]ipam.IPAM{}, ipamPools: map[string]ipam.Pool{}}
}

// settleIPAMs completes the IPAMs, pools and pool CIDRs in progress.
func (c *Cloud) settleIPAMs() {
	if !c.ipamUnsettled {
		return
	}
	for id, i := range c.ipams {
		if i.State == "create-in-progress" {
			i.State = "create-complete"
			c.ipams[id] = i
		}
	}
	for id, p := range c.ipamPools {
		c.ipamPools[id] = p.Settle()
	}
	c.ipamUnsettled = false
}

func ipamARN(owner scope, kind, id string) string {
	return "arn:aws:ec2::" + owner.Account + ":" + kind + "/" + id
}

func (c *Cloud) findIPAM(k *call, id string) (ipam.IPAM, error) {
	if err := ec2.IPAM.ParseID(id); err != nil {
		return ipam.IPAM{}, err
	}
	i, ok := c.ipams[id]
	if !ok || i.Owner != k.Account || i.Region != k.Region {
		return ipam.IPAM{}, ec2.IPAM.NotFoundError(id, nil)
	}
	return i, nil
}

func (c *Cloud) findIPAMPool(k *call, id string) (ipam.Pool, error) {
	if err := ec2.IPAMPool.ParseID(id); err != nil {
		return ipam.Pool{}, err
	}
	p, ok := c.ipamPools[id]
	if !ok || p.Owner != k.Account || p.Region != k.Region {
		return ipam.Pool{}, ec2.IPAMPool.NotFoundError(id, nil)
	}
	return p, nil
}

// The bounds of MaxResults on the IPAM Describe and Get actions (the EC2
// API reference). Pool CIDRs and allocations are listed in address order,
// and their tokens are the last block's blockKey.
var (
	ipamPage       = pageLimits{min: 5, max: 1000, token: ec2.IPAM.IsID}
	ipamScopePage  = pageLimits{min: 5, max: 1000, token: ec2.IPAMScope.IsID}
	ipamPoolPage   = pageLimits{min: 5, max: 1000, token: ec2.IPAMPool.IsID}
	poolCIDRPage   = pageLimits{min: 5, max: 1000, token: isBlockKey}
	allocationPage = pageLimits{min: 1000, max: 100000, token: isBlockKey}
)

// blockKey returns a key of p that sorts as blocks sort: by address, then
// length, for either family.
func blockKey(p netip.Prefix) string {
	return fmt.Sprintf("%x/%03d", p.Addr().As16(), p.Bits())
}

// isBlockKey reports whether s is a blockKey.
func isBlockKey(s string) bool {
	a, b, ok := strings.Cut(s, "/")
	if !ok || len(a) != 32 || len(b) != 3 {
		return false
	}
	_, err := strconv.ParseUint(b, 10, 8)
	return err == nil && strings.Trim(a, "0123456789abcdef") == ""
}

// idempotentMismatch is EC2's refusal of a ClientToken used before with
// other parameters.
func idempotentMismatch(token string) error {
	return &Error{Code: ec2.IdempotentParameterMismatch,
		Message: fmt.Sprintf("The client token %s was used with different parameters.", token)}
}

// IpamOperatingRegion is one Region an IPAM operates in.
type IpamOperatingRegion struct {
	RegionName string `ec2:"RegionName"`
}

// Ipam is an IPAM as DescribeIpams shows it.
type Ipam struct {
	OwnerID               string                `ec2:"OwnerId"`
	IpamID                string                `ec2:"IpamId"`
	IpamARN               string                `ec2:"IpamArn"`
	IpamRegion            string                `ec2:"IpamRegion"`
	PublicDefaultScopeID  string                `ec2:"PublicDefaultScopeId"`
	PrivateDefaultScopeID string                `ec2:"PrivateDefaultScopeId"`
	ScopeCount            int                   `ec2:"ScopeCount"`
	Description           string                `ec2:"Description,omitempty"`
	OperatingRegions      []IpamOperatingRegion `ec2:"OperatingRegionSet"`
	State                 string                `ec2:"State"`
	Tier                  string                `ec2:"Tier"`
	Tags                  []Tag                 `ec2:"TagSet"`
}

func (c *Cloud) ipamOutput(i ipam.IPAM) Ipam {
	owner := scope{i.Owner, i.Region}
	return Ipam{OwnerID: i.Owner, IpamID: i.ID, IpamARN: ipamARN(owner, "ipam", i.ID), IpamRegion: i.Region,
		PublicDefaultScopeID: i.PublicScope, PrivateDefaultScopeID: i.PrivateScope, ScopeCount: 2,
		Description: i.Description, State: i.State, Tier: i.Tier, Tags: tagList(c.tagsOf(owner, i.ID)),
		OperatingRegions: mapSlice(i.OperatingRegions, func(r string) IpamOperatingRegion { return IpamOperatingRegion{r} })}
}

// CreateIpamInput is the input of [Cloud.CreateIpam].
type CreateIpamInput struct {
	Description       string                `ec2:"Description"`
	OperatingRegions  []IpamOperatingRegion `ec2:"OperatingRegion"`
	Tier              string                `ec2:"Tier"`
	TagSpecifications []TagSpecification    `ec2:"TagSpecification"`
	ClientToken       string                `ec2:"ClientToken"`
}

// CreateIpamOutput is the output of [Cloud.CreateIpam].
type CreateIpamOutput struct {
	Ipam Ipam `ec2:"Ipam"`
}

func (c *Cloud) createIpam(k *call, in *CreateIpamInput) (*CreateIpamOutput, error) {
	tags, err := tagsFor(in.TagSpecifications, "ipam")
	if err != nil {
		return nil, err
	}
	i := ipam.IPAM{Owner: k.Account, Region: k.Region, Description: in.Description, Tier: in.Tier, State: "create-in-progress"}
	if i.Tier == "" {
		i.Tier = "advanced"
	} else if i.Tier != "free" && i.Tier != "advanced" {
		return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("The tier '%s' is not valid.", in.Tier)}
	}
	for _, r := range in.OperatingRegions {
		if !ec2.IsRegion(r.RegionName) {
			return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("The operating Region '%s' is not valid.", r.RegionName)}
		}
		if !slices.Contains(i.OperatingRegions, r.RegionName) {
			i.OperatingRegions = append(i.OperatingRegions, r.RegionName)
		}
	}
	if !i.Operates(k.Region) {
		// EC2 adds the IPAM's own Region to its operating Regions.
		i.OperatingRegions = append(i.OperatingRegions, k.Region)
	}
	if i.ClientToken = in.ClientToken; i.ClientToken != "" {
		for _, id := range sortedKeys(c.ipams) {
			if o := c.ipams[id]; o.ClientToken == i.ClientToken && o.Owner == k.Account && o.Region == k.Region {
				if !o.SameRequest(i) {
					return nil, idempotentMismatch(i.ClientToken)
				}
				return &CreateIpamOutput{Ipam: c.ipamOutput(o)}, nil
			}
		}
	}
	if i.ID, err = c.newID(ec2.IPAM); err != nil {
		return nil, err
	}
	if i.PrivateScope, err = c.newID(ec2.IPAMScope); err != nil {
		return nil, err
	}
	if i.PublicScope, err = c.newID(ec2.IPAMScope); err != nil {
		return nil, err
	}
	c.ipams[i.ID] = i
	c.ipamUnsettled = true
	c.setTags(k.scope, i.ID, tags)
	return &CreateIpamOutput{Ipam: c.ipamOutput(i)}, nil
}

// DescribeIpamsInput is the input of [Cloud.DescribeIpams].
type DescribeIpamsInput struct {
	IpamIDs []string `ec2:"IpamId"`
	Filters []Filter `ec2:"Filter"`
	Page
}

// DescribeIpamsOutput is the output of [Cloud.DescribeIpams].
type DescribeIpamsOutput struct {
	Ipams     []Ipam `ec2:"IpamSet"`
	NextToken string `ec2:"NextToken,omitempty"`
}

var ipamFilters = filterFuncs[ipam.IPAM]{
	"ipam-id":     func(i ipam.IPAM) []string { return []string{i.ID} },
	"owner-id":    func(i ipam.IPAM) []string { return []string{i.Owner} },
	"description": func(i ipam.IPAM) []string { return []string{i.Description} },
	"state":       func(i ipam.IPAM) []string { return []string{i.State} },
}

func (c *Cloud) describeIpams(k *call, in *DescribeIpamsInput) (*DescribeIpamsOutput, error) {
	if err := in.Page.check(ipamPage, false); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, ipamFilters, func(i ipam.IPAM) tag.Set { return c.tagsOf(k.scope, i.ID) })
	if err != nil {
		return nil, err
	}
	var is []ipam.IPAM
	if len(in.IpamIDs) > 0 {
		for _, id := range in.IpamIDs {
			i, err := c.findIPAM(k, id)
			if err != nil {
				return nil, err
			}
			is = append(is, i)
		}
	} else {
		for _, i := range c.ipams {
			if i.Owner == k.Account && i.Region == k.Region {
				is = append(is, i)
			}
		}
	}
	slices.SortFunc(is, func(a, b ipam.IPAM) int { return strings.Compare(a.ID, b.ID) })
	is = slices.CompactFunc(is, func(a, b ipam.IPAM) bool { return a.ID == b.ID })
	is = slices.DeleteFunc(is, func(i ipam.IPAM) bool { return !m.match(i) })
	pageOf, next, err := paginate(is, func(i ipam.IPAM) string { return i.ID }, in.Page, ipamPage, false)
	if err != nil {
		return nil, err
	}
	out := &DescribeIpamsOutput{NextToken: next}
	for _, i := range pageOf {
		out.Ipams = append(out.Ipams, c.ipamOutput(i))
	}
	return out, nil
}

// DeleteIpamInput is the input of [Cloud.DeleteIpam].
type DeleteIpamInput struct {
	IpamID  string `ec2:"IpamId,required"`
	Cascade bool   `ec2:"Cascade"`
}

// DeleteIpamOutput is the output of [Cloud.DeleteIpam].
type DeleteIpamOutput struct {
	Ipam Ipam `ec2:"Ipam"`
}

func (c *Cloud) deleteIpam(k *call, in *DeleteIpamInput) (*DeleteIpamOutput, error) {
	i, err := c.findIPAM(k, in.IpamID)
	if err != nil {
		return nil, err
	}
	var pools []ipam.Pool
	for _, p := range c.ipamPools {
		if p.IPAMID == i.ID {
			pools = append(pools, p)
		}
	}
	if len(pools) > 0 && !in.Cascade {
		return nil, ipam.DependencyViolation(i.ID, "There are one or more pools in the IPAM.")
	}
	for _, p := range pools {
		if slices.ContainsFunc(p.Allocations, func(a ipam.Allocation) bool { return a.ResourceType != "custom" }) {
			return nil, ipam.DependencyViolation(p.ID, "There are one or more allocations to resources in the pool.")
		}
	}
	for _, p := range pools {
		delete(c.ipamPools, p.ID)
		c.dropTags(p.ID)
	}
	delete(c.ipams, i.ID)
	c.dropTags(i.ID)
	out := c.ipamOutput(i)
	out.State = "delete-in-progress"
	return &DeleteIpamOutput{Ipam: out}, nil
}

// IpamScope is one of an IPAM's default scopes as DescribeIpamScopes
// shows it.
type IpamScope struct {
	OwnerID       string `ec2:"OwnerId"`
	IpamScopeID   string `ec2:"IpamScopeId"`
	IpamScopeARN  string `ec2:"IpamScopeArn"`
	IpamARN       string `ec2:"IpamArn"`
	IpamRegion    string `ec2:"IpamRegion"`
	IpamScopeType string `ec2:"IpamScopeType"`
	IsDefault     bool   `ec2:"IsDefault"`
	PoolCount     int    `ec2:"PoolCount"`
	State         string `ec2:"State"`
	Tags          []Tag  `ec2:"TagSet"`
}

// DescribeIpamScopesInput is the input of [Cloud.DescribeIpamScopes].
type DescribeIpamScopesInput struct {
	IpamScopeIDs []string `ec2:"IpamScopeId"`
	Filters      []Filter `ec2:"Filter"`
	Page
}

// DescribeIpamScopesOutput is the output of [Cloud.DescribeIpamScopes].
type DescribeIpamScopesOutput struct {
	IpamScopes []IpamScope `ec2:"IpamScopeSet"`
	NextToken  string      `ec2:"NextToken,omitempty"`
}

var ipamScopeFilters = filterFuncs[IpamScope]{
	"ipam-scope-id":   func(s IpamScope) []string { return []string{s.IpamScopeID} },
	"ipam-scope-type": func(s IpamScope) []string { return []string{s.IpamScopeType} },
	"ipam-arn":        func(s IpamScope) []string { return []string{s.IpamARN} },
	"is-default":      func(s IpamScope) []string { return []string{strconv.FormatBool(s.IsDefault)} },
}

// ipamScopes returns the scopes of the caller's IPAMs, in ID order.
func (c *Cloud) ipamScopes(k *call) []IpamScope {
	var out []IpamScope
	for _, i := range c.ipams {
		if i.Owner != k.Account || i.Region != k.Region {
			continue
		}
		for typ, id := range map[string]string{"private": i.PrivateScope, "public": i.PublicScope} {
			n := 0
			for _, p := range c.ipamPools {
				if p.ScopeID == id {
					n++
				}
			}
			out = append(out, IpamScope{OwnerID: i.Owner, IpamScopeID: id, IpamScopeARN: ipamARN(k.scope, "ipam-scope", id),
				IpamARN: ipamARN(k.scope, "ipam", i.ID), IpamRegion: i.Region, IpamScopeType: typ, IsDefault: true,
				PoolCount: n, State: i.State, Tags: tagList(c.tagsOf(k.scope, id))})
		}
	}
	slices.SortFunc(out, func(a, b IpamScope) int { return strings.Compare(a.IpamScopeID, b.IpamScopeID) })
	return out
}

func (c *Cloud) describeIpamScopes(k *call, in *DescribeIpamScopesInput) (*DescribeIpamScopesOutput, error) {
	if err := in.Page.check(ipamScopePage, false); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, ipamScopeFilters, func(s IpamScope) tag.Set { return c.tagsOf(k.scope, s.IpamScopeID) })
	if err != nil {
		return nil, err
	}
	all := c.ipamScopes(k)
	for _, id := range in.IpamScopeIDs {
		if err := ec2.IPAMScope.ParseID(id); err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(all, func(s IpamScope) bool { return s.IpamScopeID == id }) {
			return nil, ec2.IPAMScope.NotFoundError(id, nil)
		}
	}
	all = slices.DeleteFunc(all, func(s IpamScope) bool {
		return len(in.IpamScopeIDs) > 0 && !slices.Contains(in.IpamScopeIDs, s.IpamScopeID) || !m.match(s)
	})
	pageOf, next, err := paginate(all, func(s IpamScope) string { return s.IpamScopeID }, in.Page, ipamScopePage, false)
	if err != nil {
		return nil, err
	}
	return &DescribeIpamScopesOutput{IpamScopes: pageOf, NextToken: next}, nil
}

// IpamPool is a pool as DescribeIpamPools shows it.
type IpamPool struct {
	OwnerID                        string            `ec2:"OwnerId"`
	IpamPoolID                     string            `ec2:"IpamPoolId"`
	IpamPoolARN                    string            `ec2:"IpamPoolArn"`
	IpamScopeARN                   string            `ec2:"IpamScopeArn"`
	IpamScopeType                  string            `ec2:"IpamScopeType"`
	IpamARN                        string            `ec2:"IpamArn"`
	IpamRegion                     string            `ec2:"IpamRegion"`
	Locale                         string            `ec2:"Locale,omitempty"`
	PoolDepth                      int               `ec2:"PoolDepth"`
	State                          string            `ec2:"State"`
	Description                    string            `ec2:"Description,omitempty"`
	AutoImport                     bool              `ec2:"AutoImport"`
	PubliclyAdvertisable           bool              `ec2:"PubliclyAdvertisable"`
	AddressFamily                  string            `ec2:"AddressFamily"`
	AllocationMinNetmaskLength     int               `ec2:"AllocationMinNetmaskLength,omitempty"`
	AllocationMaxNetmaskLength     int               `ec2:"AllocationMaxNetmaskLength,omitempty"`
	AllocationDefaultNetmaskLength int               `ec2:"AllocationDefaultNetmaskLength,omitempty"`
	AwsService                     string            `ec2:"AwsService,omitempty"`
	AllocationResourceTags         []IpamResourceTag `ec2:"AllocationResourceTagSet"`
	Tags                           []Tag             `ec2:"TagSet"`
}

// IpamResourceTag is a tag a pool requires of the resources that allocate
// from it.
type IpamResourceTag struct {
	Key   string `ec2:"Key"`
	Value string `ec2:"Value"`
}

func resourceTags(ts []IpamResourceTag) []ipam.ResourceTag {
	return mapSlice(ts, func(t IpamResourceTag) ipam.ResourceTag { return ipam.ResourceTag{Key: t.Key, Value: t.Value} })
}

func (c *Cloud) ipamPoolOutput(p ipam.Pool) IpamPool {
	owner := scope{p.Owner, p.Region}
	return IpamPool{OwnerID: p.Owner, IpamPoolID: p.ID, IpamPoolARN: ipamARN(owner, "ipam-pool", p.ID),
		IpamScopeARN: ipamARN(owner, "ipam-scope", p.ScopeID), IpamScopeType: p.ScopeType, IpamARN: ipamARN(owner, "ipam", p.IPAMID),
		IpamRegion: p.Region, Locale: p.Locale, PoolDepth: 1, State: p.State, Description: p.Description,
		PubliclyAdvertisable: p.PubliclyAdvertisable, AddressFamily: p.AddressFamily,
		AllocationMinNetmaskLength: p.MinNetmask, AllocationMaxNetmaskLength: p.MaxNetmask,
		AllocationDefaultNetmaskLength: p.DefaultNetmask, AwsService: p.AWSService, Tags: tagList(c.tagsOf(owner, p.ID)),
		AutoImport:             p.AutoImport,
		AllocationResourceTags: mapSlice(p.AllocationResourceTags, func(t ipam.ResourceTag) IpamResourceTag { return IpamResourceTag{t.Key, t.Value} })}
}

// CreateIpamPoolInput is the input of [Cloud.CreateIpamPool].
type CreateIpamPoolInput struct {
	IpamScopeID                    string             `ec2:"IpamScopeId,required"`
	AddressFamily                  string             `ec2:"AddressFamily,required"`
	Locale                         string             `ec2:"Locale"`
	SourceIpamPoolID               string             `ec2:"SourceIpamPoolId"`
	Description                    string             `ec2:"Description"`
	AutoImport                     bool               `ec2:"AutoImport"`
	PubliclyAdvertisable           Optional[bool]     `ec2:"PubliclyAdvertisable"`
	AllocationMinNetmaskLength     int                `ec2:"AllocationMinNetmaskLength"`
	AllocationMaxNetmaskLength     int                `ec2:"AllocationMaxNetmaskLength"`
	AllocationDefaultNetmaskLength int                `ec2:"AllocationDefaultNetmaskLength"`
	AwsService                     string             `ec2:"AwsService"`
	PublicIPSource                 string             `ec2:"PublicIpSource"`
	AllocationResourceTags         []IpamResourceTag  `ec2:"AllocationResourceTag"`
	TagSpecifications              []TagSpecification `ec2:"TagSpecification"`
	ClientToken                    string             `ec2:"ClientToken"`
}

// CreateIpamPoolOutput is the output of [Cloud.CreateIpamPool].
type CreateIpamPoolOutput struct {
	IpamPool IpamPool `ec2:"IpamPool"`
}

// ipamUnsupported is the refusal of an IPAM feature this model does not
// hold.
func ipamUnsupported(format string, a ...any) error {
	return &Error{Code: "UnsupportedOperation", Message: fmt.Sprintf(format, a...)}
}

func (c *Cloud) createIpamPool(k *call, in *CreateIpamPoolInput) (*CreateIpamPoolOutput, error) {
	if err := ec2.IPAMScope.ParseID(in.IpamScopeID); err != nil {
		return nil, err
	}
	var owner ipam.IPAM
	scopeType := ""
	for _, i := range c.ipams {
		if i.Owner == k.Account && i.Region == k.Region {
			switch in.IpamScopeID {
			case i.PrivateScope:
				owner, scopeType = i, "private"
			case i.PublicScope:
				owner, scopeType = i, "public"
			}
		}
	}
	if scopeType == "" {
		return nil, ec2.IPAMScope.NotFoundError(in.IpamScopeID, nil)
	}
	tags, err := tagsFor(in.TagSpecifications, "ipam-pool")
	if err != nil {
		return nil, err
	}
	switch {
	case in.SourceIpamPoolID != "":
		return nil, ipamUnsupported("Nested pools (SourceIpamPoolId) are not supported by this model.")
	case in.PublicIPSource == "byoip" || in.PublicIPSource == "amazon" || scopeType == "public" && in.AddressFamily == "ipv4":
		return nil, ipamUnsupported("Public IPv4 pools are not supported by this model.")
	case in.AwsService != "" && in.AwsService != "ec2":
		return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("The AWS service '%s' is not valid.", in.AwsService)}
	}
	if in.Locale != "" && in.Locale != "None" && !owner.Operates(in.Locale) {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("The locale %s is not one of the IPAM's operating Regions.", in.Locale)}
	}
	p := ipam.Pool{IPAMID: owner.ID, ScopeID: in.IpamScopeID, ScopeType: scopeType, Owner: k.Account, Region: k.Region,
		AddressFamily: in.AddressFamily, Locale: in.Locale, Description: in.Description, AWSService: in.AwsService,
		DefaultNetmask: in.AllocationDefaultNetmaskLength, MinNetmask: in.AllocationMinNetmaskLength,
		MaxNetmask: in.AllocationMaxNetmaskLength, State: "create-in-progress"}
	if p.Locale == "None" {
		p.Locale = ""
	}
	if v, ok := in.PubliclyAdvertisable.Get(); ok {
		p.PubliclyAdvertisable = v
	}
	p.AutoImport = in.AutoImport
	if err := p.Check(); err != nil {
		return nil, err
	}
	if len(in.AllocationResourceTags) > 0 {
		// The same rules as ModifyIpamPool's, on an empty set.
		if p, err = p.Modify(ipam.PoolChange{AddResourceTags: resourceTags(in.AllocationResourceTags)}); err != nil {
			return nil, err
		}
	}
	if p.ClientToken = in.ClientToken; p.ClientToken != "" {
		for _, id := range sortedKeys(c.ipamPools) {
			if o := c.ipamPools[id]; o.ClientToken == p.ClientToken && o.Owner == k.Account && o.Region == k.Region {
				if !o.SameRequest(p) {
					return nil, idempotentMismatch(p.ClientToken)
				}
				return &CreateIpamPoolOutput{IpamPool: c.ipamPoolOutput(o)}, nil
			}
		}
	}
	if p.ID, err = c.newID(ec2.IPAMPool); err != nil {
		return nil, err
	}
	c.ipamPools[p.ID] = p
	c.ipamUnsettled = true
	c.setTags(k.scope, p.ID, tags)
	return &CreateIpamPoolOutput{IpamPool: c.ipamPoolOutput(p)}, nil
}

// DescribeIpamPoolsInput is the input of [Cloud.DescribeIpamPools].
type DescribeIpamPoolsInput struct {
	IpamPoolIDs []string `ec2:"IpamPoolId"`
	Filters     []Filter `ec2:"Filter"`
	Page
}

// DescribeIpamPoolsOutput is the output of [Cloud.DescribeIpamPools].
type DescribeIpamPoolsOutput struct {
	IpamPools []IpamPool `ec2:"IpamPoolSet"`
	NextToken string     `ec2:"NextToken,omitempty"`
}

var ipamPoolFilters = filterFuncs[ipam.Pool]{
	"ipam-pool-id":   func(p ipam.Pool) []string { return []string{p.ID} },
	"ipam-scope-id":  func(p ipam.Pool) []string { return []string{p.ScopeID} },
	"address-family": func(p ipam.Pool) []string { return []string{p.AddressFamily} },
	"locale":         func(p ipam.Pool) []string { return []string{p.Locale} },
	"state":          func(p ipam.Pool) []string { return []string{p.State} },
	"description":    func(p ipam.Pool) []string { return []string{p.Description} },
	"owner-id":       func(p ipam.Pool) []string { return []string{p.Owner} },
}

func (c *Cloud) describeIpamPools(k *call, in *DescribeIpamPoolsInput) (*DescribeIpamPoolsOutput, error) {
	if err := in.Page.check(ipamPoolPage, false); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, ipamPoolFilters, func(p ipam.Pool) tag.Set { return c.tagsOf(k.scope, p.ID) })
	if err != nil {
		return nil, err
	}
	var ps []ipam.Pool
	if len(in.IpamPoolIDs) > 0 {
		for _, id := range in.IpamPoolIDs {
			p, err := c.findIPAMPool(k, id)
			if err != nil {
				return nil, err
			}
			ps = append(ps, p)
		}
	} else {
		for _, p := range c.ipamPools {
			if p.Owner == k.Account && p.Region == k.Region {
				ps = append(ps, p)
			}
		}
	}
	slices.SortFunc(ps, func(a, b ipam.Pool) int { return strings.Compare(a.ID, b.ID) })
	ps = slices.CompactFunc(ps, func(a, b ipam.Pool) bool { return a.ID == b.ID })
	ps = slices.DeleteFunc(ps, func(p ipam.Pool) bool { return !m.match(p) })
	pageOf, next, err := paginate(ps, func(p ipam.Pool) string { return p.ID }, in.Page, ipamPoolPage, false)
	if err != nil {
		return nil, err
	}
	out := &DescribeIpamPoolsOutput{NextToken: next}
	for _, p := range pageOf {
		out.IpamPools = append(out.IpamPools, c.ipamPoolOutput(p))
	}
	return out, nil
}

// DeleteIpamPoolInput is the input of [Cloud.DeleteIpamPool].
type DeleteIpamPoolInput struct {
	IpamPoolID string `ec2:"IpamPoolId,required"`
	Cascade    bool   `ec2:"Cascade"`
}

// DeleteIpamPoolOutput is the output of [Cloud.DeleteIpamPool].
type DeleteIpamPoolOutput struct {
	IpamPool IpamPool `ec2:"IpamPool"`
}

func (c *Cloud) deleteIpamPool(k *call, in *DeleteIpamPoolInput) (*DeleteIpamPoolOutput, error) {
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	if err := p.CheckDelete(); err != nil && !in.Cascade {
		return nil, err
	}
	if slices.ContainsFunc(p.Allocations, func(a ipam.Allocation) bool { return a.ResourceType != "custom" }) {
		return nil, ipam.DependencyViolation(p.ID, "There are one or more allocations to resources in the pool.")
	}
	delete(c.ipamPools, p.ID)
	c.dropTags(p.ID)
	out := c.ipamPoolOutput(p)
	out.State = "delete-in-progress"
	return &DeleteIpamPoolOutput{IpamPool: out}, nil
}

// IpamPoolCidr is one CIDR provisioned to a pool, with why its
// provisioning or deprovisioning failed when it did.
type IpamPoolCidr struct {
	Cidr           string                              `ec2:"Cidr"`
	State          string                              `ec2:"State"`
	FailureReason  Optional[IpamPoolCidrFailureReason] `ec2:"FailureReason"`
	IpamPoolCidrID string                              `ec2:"IpamPoolCidrId"`
	NetmaskLength  int                                 `ec2:"NetmaskLength"`
}

// IpamPoolCidrFailureReason is why a pool CIDR's provisioning or
// deprovisioning failed.
type IpamPoolCidrFailureReason struct {
	Code    string `ec2:"Code,omitempty"`
	Message string `ec2:"Message"`
}

func poolCIDROutput(pc ipam.PoolCIDR) IpamPoolCidr {
	out := IpamPoolCidr{Cidr: pc.CIDR.String(), State: pc.State, IpamPoolCidrID: pc.ID, NetmaskLength: pc.CIDR.Bits()}
	if pc.FailureMessage != "" {
		out.FailureReason = Some(IpamPoolCidrFailureReason{Message: pc.FailureMessage})
	}
	return out
}

// ProvisionIpamPoolCidrInput is the input of [Cloud.ProvisionIpamPoolCidr].
type ProvisionIpamPoolCidrInput struct {
	IpamPoolID    string        `ec2:"IpamPoolId,required"`
	Cidr          string        `ec2:"Cidr"`
	NetmaskLength Optional[int] `ec2:"NetmaskLength"`
	ClientToken   string        `ec2:"ClientToken"`
}

// ProvisionIpamPoolCidrOutput is the output of [Cloud.ProvisionIpamPoolCidr].
type ProvisionIpamPoolCidrOutput struct {
	IpamPoolCidr IpamPoolCidr `ec2:"IpamPoolCidr"`
}

func parsePoolCIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return p, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("The CIDR '%s' is not valid.", s)}
	}
	return p, nil
}

func (c *Cloud) provisionIpamPoolCidr(k *call, in *ProvisionIpamPoolCidrInput) (*ProvisionIpamPoolCidrOutput, error) {
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	if in.Cidr == "" {
		return nil, ipamUnsupported("Provisioning by NetmaskLength (from Amazon's or a source pool) is not supported by this model; give Cidr.")
	}
	cp, err := parsePoolCIDR(in.Cidr)
	if err != nil {
		return nil, err
	}
	if p.PubliclyAdvertisable {
		return nil, ipamUnsupported("Provisioning a publicly advertisable CIDR (BYOIP) is not supported by this model.")
	}
	id, err := c.newID(ec2.IPAMPoolCIDR)
	if err != nil {
		return nil, err
	}
	next, pc, err := p.Provision(id, cp)
	if err != nil {
		return nil, err
	}
	c.ipamPools[p.ID] = next
	c.ipamUnsettled = true
	return &ProvisionIpamPoolCidrOutput{IpamPoolCidr: poolCIDROutput(pc)}, nil
}

// GetIpamPoolCidrsInput is the input of [Cloud.GetIpamPoolCidrs].
type GetIpamPoolCidrsInput struct {
	IpamPoolID string   `ec2:"IpamPoolId,required"`
	Filters    []Filter `ec2:"Filter"`
	Page
}

// GetIpamPoolCidrsOutput is the output of [Cloud.GetIpamPoolCidrs].
type GetIpamPoolCidrsOutput struct {
	IpamPoolCidrs []IpamPoolCidr `ec2:"IpamPoolCidrSet"`
	NextToken     string         `ec2:"NextToken,omitempty"`
}

var poolCIDRFilters = filterFuncs[ipam.PoolCIDR]{
	"cidr":              func(c ipam.PoolCIDR) []string { return []string{c.CIDR.String()} },
	"state":             func(c ipam.PoolCIDR) []string { return []string{c.State} },
	"ipam-pool-cidr-id": func(c ipam.PoolCIDR) []string { return []string{c.ID} },
}

func (c *Cloud) getIpamPoolCidrs(k *call, in *GetIpamPoolCidrsInput) (*GetIpamPoolCidrsOutput, error) {
	if err := in.Page.check(poolCIDRPage, false); err != nil {
		return nil, err
	}
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, poolCIDRFilters, nil)
	if err != nil {
		return nil, err
	}
	cidrs := slices.DeleteFunc(slices.Clone(p.CIDRs), func(pc ipam.PoolCIDR) bool { return !m.match(pc) })
	slices.SortFunc(cidrs, func(a, b ipam.PoolCIDR) int { return strings.Compare(blockKey(a.CIDR), blockKey(b.CIDR)) })
	pageOf, next, err := paginate(cidrs, func(pc ipam.PoolCIDR) string { return blockKey(pc.CIDR) }, in.Page, poolCIDRPage, false)
	if err != nil {
		return nil, err
	}
	return &GetIpamPoolCidrsOutput{IpamPoolCidrs: mapSlice(pageOf, poolCIDROutput), NextToken: next}, nil
}

// DeprovisionIpamPoolCidrInput is the input of [Cloud.DeprovisionIpamPoolCidr].
type DeprovisionIpamPoolCidrInput struct {
	IpamPoolID string `ec2:"IpamPoolId,required"`
	Cidr       string `ec2:"Cidr,required"`
}

// DeprovisionIpamPoolCidrOutput is the output of [Cloud.DeprovisionIpamPoolCidr].
type DeprovisionIpamPoolCidrOutput struct {
	IpamPoolCidr IpamPoolCidr `ec2:"IpamPoolCidr"`
}

func (c *Cloud) deprovisionIpamPoolCidr(k *call, in *DeprovisionIpamPoolCidrInput) (*DeprovisionIpamPoolCidrOutput, error) {
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	cp, err := parsePoolCIDR(in.Cidr)
	if err != nil {
		return nil, err
	}
	next, pc, err := p.Deprovision(cp)
	if err != nil {
		return nil, err
	}
	c.ipamPools[p.ID] = next
	c.ipamUnsettled = true
	return &DeprovisionIpamPoolCidrOutput{IpamPoolCidr: poolCIDROutput(pc)}, nil
}

// IpamPoolAllocation is one allocation from a pool.
type IpamPoolAllocation struct {
	Cidr                 string `ec2:"Cidr"`
	IpamPoolAllocationID string `ec2:"IpamPoolAllocationId,omitempty"`
	Description          string `ec2:"Description,omitempty"`
	ResourceID           string `ec2:"ResourceId,omitempty"`
	ResourceType         string `ec2:"ResourceType,omitempty"`
	ResourceRegion       string `ec2:"ResourceRegion,omitempty"`
	ResourceOwner        string `ec2:"ResourceOwner,omitempty"`
}

func allocationOutput(p ipam.Pool, a ipam.Allocation) IpamPoolAllocation {
	out := IpamPoolAllocation{Cidr: a.CIDR.String(), IpamPoolAllocationID: a.ID, Description: a.Description,
		ResourceID: a.ResourceID, ResourceType: a.ResourceType}
	if a.ResourceID != "" {
		out.ResourceRegion, out.ResourceOwner = p.Region, p.Owner
	}
	return out
}

// AllocateIpamPoolCidrInput is the input of [Cloud.AllocateIpamPoolCidr].
type AllocateIpamPoolCidrInput struct {
	IpamPoolID      string `ec2:"IpamPoolId,required"`
	Cidr            string `ec2:"Cidr"`
	NetmaskLength   int    `ec2:"NetmaskLength"`
	Description     string `ec2:"Description"`
	PreviewNextCidr bool   `ec2:"PreviewNextCidr"`
	ClientToken     string `ec2:"ClientToken"`
}

// AllocateIpamPoolCidrOutput is the output of [Cloud.AllocateIpamPoolCidr].
type AllocateIpamPoolCidrOutput struct {
	IpamPoolAllocation IpamPoolAllocation `ec2:"IpamPoolAllocation"`
}

func (c *Cloud) poolRequest(cidrText string, bits int) (ipam.Request, error) {
	r := ipam.Request{NetmaskLength: bits}
	if cidrText != "" {
		p, err := parsePoolCIDR(cidrText)
		if err != nil {
			return r, err
		}
		r.CIDR = p
	}
	return r, nil
}

func (c *Cloud) allocateIpamPoolCidr(k *call, in *AllocateIpamPoolCidrInput) (*AllocateIpamPoolCidrOutput, error) {
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	r, err := c.poolRequest(in.Cidr, in.NetmaskLength)
	if err != nil {
		return nil, err
	}
	r.Description = in.Description
	if in.PreviewNextCidr {
		next, err := p.Next(r)
		if err != nil {
			return nil, err
		}
		return &AllocateIpamPoolCidrOutput{IpamPoolAllocation: IpamPoolAllocation{Cidr: next.String()}}, nil
	}
	if _, err := p.Next(r); err != nil {
		return nil, err
	}
	id, err := c.newID(ec2.IPAMPoolAllocation)
	if err != nil {
		return nil, err
	}
	next, a, err := p.Allocate(id, r)
	if err != nil {
		return nil, err
	}
	c.ipamPools[p.ID] = next
	return &AllocateIpamPoolCidrOutput{IpamPoolAllocation: allocationOutput(p, a)}, nil
}

// GetIpamPoolAllocationsInput is the input of [Cloud.GetIpamPoolAllocations].
type GetIpamPoolAllocationsInput struct {
	IpamPoolID           string   `ec2:"IpamPoolId,required"`
	IpamPoolAllocationID string   `ec2:"IpamPoolAllocationId"`
	Filters              []Filter `ec2:"Filter"`
	Page
}

// GetIpamPoolAllocationsOutput is the output of [Cloud.GetIpamPoolAllocations].
type GetIpamPoolAllocationsOutput struct {
	IpamPoolAllocations []IpamPoolAllocation `ec2:"IpamPoolAllocationSet"`
	NextToken           string               `ec2:"NextToken,omitempty"`
}

var allocationFilters = filterFuncs[ipam.Allocation]{
	"cidr":                    func(a ipam.Allocation) []string { return []string{a.CIDR.String()} },
	"ipam-pool-allocation-id": func(a ipam.Allocation) []string { return []string{a.ID} },
	"resource-id":             func(a ipam.Allocation) []string { return []string{a.ResourceID} },
	"resource-type":           func(a ipam.Allocation) []string { return []string{a.ResourceType} },
}

func (c *Cloud) getIpamPoolAllocations(k *call, in *GetIpamPoolAllocationsInput) (*GetIpamPoolAllocationsOutput, error) {
	if err := in.Page.check(allocationPage, false); err != nil {
		return nil, err
	}
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, allocationFilters, nil)
	if err != nil {
		return nil, err
	}
	if id := in.IpamPoolAllocationID; id != "" {
		if err := ec2.IPAMPoolAllocation.ParseID(id); err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(p.Allocations, func(a ipam.Allocation) bool { return a.ID == id }) {
			return nil, ec2.IPAMPoolAllocation.NotFoundError(id, nil)
		}
	}
	as := slices.DeleteFunc(slices.Clone(p.Allocations), func(a ipam.Allocation) bool {
		return in.IpamPoolAllocationID != "" && a.ID != in.IpamPoolAllocationID || !m.match(a)
	})
	slices.SortFunc(as, func(a, b ipam.Allocation) int { return strings.Compare(blockKey(a.CIDR), blockKey(b.CIDR)) })
	pageOf, next, err := paginate(as, func(a ipam.Allocation) string { return blockKey(a.CIDR) }, in.Page, allocationPage, false)
	if err != nil {
		return nil, err
	}
	out := &GetIpamPoolAllocationsOutput{NextToken: next}
	for _, a := range pageOf {
		out.IpamPoolAllocations = append(out.IpamPoolAllocations, allocationOutput(p, a))
	}
	return out, nil
}

// ReleaseIpamPoolAllocationInput is the input of [Cloud.ReleaseIpamPoolAllocation].
type ReleaseIpamPoolAllocationInput struct {
	IpamPoolID           string `ec2:"IpamPoolId,required"`
	Cidr                 string `ec2:"Cidr,required"`
	IpamPoolAllocationID string `ec2:"IpamPoolAllocationId,required"`
}

// ReleaseIpamPoolAllocationOutput is the output of [Cloud.ReleaseIpamPoolAllocation].
type ReleaseIpamPoolAllocationOutput struct {
	Success bool `ec2:"Success"`
}

func (c *Cloud) releaseIpamPoolAllocation(k *call, in *ReleaseIpamPoolAllocationInput) (*ReleaseIpamPoolAllocationOutput, error) {
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	if err := ec2.IPAMPoolAllocation.ParseID(in.IpamPoolAllocationID); err != nil {
		return nil, err
	}
	i := slices.IndexFunc(p.Allocations, func(a ipam.Allocation) bool {
		return a.ID == in.IpamPoolAllocationID && a.CIDR.String() == in.Cidr
	})
	if i < 0 {
		return nil, ec2.IPAMPoolAllocation.NotFoundError(in.IpamPoolAllocationID, nil)
	}
	if p.Allocations[i].ResourceType != "custom" {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("The allocation %s belongs to %s and is released with it.", in.IpamPoolAllocationID, p.Allocations[i].ResourceID)}
	}
	c.ipamPools[p.ID], _ = p.Release(in.IpamPoolAllocationID)
	return &ReleaseIpamPoolAllocationOutput{Success: true}, nil
}

// vpcPoolBlock returns the block CreateVpc gives a VPC from an IPAM pool,
// and the pool, or EC2's refusal.
func (c *Cloud) vpcPoolBlock(k *call, in *CreateVpcInput) (ipam.Pool, ipam.Request, netip.Prefix, error) {
	p, err := c.findIPAMPool(k, in.IPv4IpamPoolID)
	if err != nil {
		return p, ipam.Request{}, netip.Prefix{}, err
	}
	if p.AddressFamily != "ipv4" || p.Locale != "" && p.Locale != k.Region {
		return p, ipam.Request{}, netip.Prefix{}, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("The pool %s is not an IPv4 pool of the Region %s.", p.ID, k.Region)}
	}
	bits, _ := in.IPv4NetmaskLength.Get()
	r, err := c.poolRequest(in.CIDRBlock, bits)
	if err != nil {
		return p, r, netip.Prefix{}, err
	}
	r.ResourceType = "vpc"
	block, err := p.Next(r)
	return p, r, block, err
}

// releaseVPCAllocations gives back the pool blocks VPC id holds.
func (c *Cloud) releaseVPCAllocations(id string) {
	for pid, p := range c.ipamPools {
		for _, a := range p.Allocations {
			if a.ResourceType == "vpc" && a.ResourceID == id {
				p, _ = p.Release(a.ID)
			}
		}
		c.ipamPools[pid] = p
	}
}

// checkIPAMs checks what a stream read says of IPAMs: each pool is in a
// default scope of its IPAM, of its owner, and each VPC allocation names a
// VPC that holds that block.
func (st *state) checkIPAMs() error {
	for _, p := range st.ipamPools {
		i := st.ipams[p.IPAMID]
		if i.Owner != p.Owner || i.Region != p.Region || p.ScopeID != map[string]string{"private": i.PrivateScope, "public": i.PublicScope}[p.ScopeType] {
			return fmt.Errorf("IPAM pool %s is not in a scope of IPAM %s", p.ID, i.ID)
		}
		if err := p.Check(); err != nil {
			return fmt.Errorf("IPAM pool %s: %w", p.ID, err)
		}
		for _, a := range p.Allocations {
			if a.ResourceType != "vpc" {
				continue
			}
			r := st.vpcs[a.ResourceID]
			if r == nil || r.v.PrimaryCIDR() != a.CIDR {
				return fmt.Errorf("IPAM pool %s: allocation %s names VPC %s, which does not hold %s", p.ID, a.ID, a.ResourceID, a.CIDR)
			}
		}
	}
	return nil
}

// ModifyIpamPoolInput is the input of [Cloud.ModifyIpamPool].
type ModifyIpamPoolInput struct {
	IpamPoolID                          string            `ec2:"IpamPoolId,required"`
	Description                         Optional[string]  `ec2:"Description"`
	AutoImport                          Optional[bool]    `ec2:"AutoImport"`
	AllocationMinNetmaskLength          Optional[int]     `ec2:"AllocationMinNetmaskLength"`
	AllocationMaxNetmaskLength          Optional[int]     `ec2:"AllocationMaxNetmaskLength"`
	AllocationDefaultNetmaskLength      Optional[int]     `ec2:"AllocationDefaultNetmaskLength"`
	ClearAllocationDefaultNetmaskLength bool              `ec2:"ClearAllocationDefaultNetmaskLength"`
	AddAllocationResourceTags           []IpamResourceTag `ec2:"AddAllocationResourceTag"`
	RemoveAllocationResourceTags        []IpamResourceTag `ec2:"RemoveAllocationResourceTag"`
}

// ModifyIpamPoolOutput is the output of [Cloud.ModifyIpamPool].
type ModifyIpamPoolOutput struct {
	IpamPool IpamPool `ec2:"IpamPool"`
}

// ptr returns a pointer to o's value, or nil when o is absent.
func ptr[T any](o Optional[T]) *T {
	if v, ok := o.Get(); ok {
		return &v
	}
	return nil
}

func (c *Cloud) modifyIpamPool(k *call, in *ModifyIpamPoolInput) (*ModifyIpamPoolOutput, error) {
	p, err := c.findIPAMPool(k, in.IpamPoolID)
	if err != nil {
		return nil, err
	}
	next, err := p.Modify(ipam.PoolChange{Description: ptr(in.Description), AutoImport: ptr(in.AutoImport),
		MinNetmask: ptr(in.AllocationMinNetmaskLength), MaxNetmask: ptr(in.AllocationMaxNetmaskLength),
		DefaultNetmask: ptr(in.AllocationDefaultNetmaskLength), ClearDefaultNetmask: in.ClearAllocationDefaultNetmaskLength,
		AddResourceTags: resourceTags(in.AddAllocationResourceTags), RemoveResourceTags: resourceTags(in.RemoveAllocationResourceTags)})
	if err != nil {
		return nil, err
	}
	c.ipamPools[p.ID] = next
	return &ModifyIpamPoolOutput{IpamPool: c.ipamPoolOutput(next)}, nil
}

// ModifyIpamInput is the input of [Cloud.ModifyIpam].
type ModifyIpamInput struct {
	IpamID                 string                `ec2:"IpamId,required"`
	Description            Optional[string]      `ec2:"Description"`
	AddOperatingRegions    []IpamOperatingRegion `ec2:"AddOperatingRegion"`
	RemoveOperatingRegions []IpamOperatingRegion `ec2:"RemoveOperatingRegion"`
	Tier                   string                `ec2:"Tier"`
}

// ModifyIpamOutput is the output of [Cloud.ModifyIpam].
type ModifyIpamOutput struct {
	Ipam Ipam `ec2:"Ipam"`
}

func (c *Cloud) modifyIpam(k *call, in *ModifyIpamInput) (*ModifyIpamOutput, error) {
	i, err := c.findIPAM(k, in.IpamID)
	if err != nil {
		return nil, err
	}
	var pools []ipam.Pool
	for _, id := range sortedKeys(c.ipamPools) {
		if p := c.ipamPools[id]; p.IPAMID == i.ID {
			pools = append(pools, p)
		}
	}
	regions := func(rs []IpamOperatingRegion) []string {
		return mapSlice(rs, func(r IpamOperatingRegion) string { return r.RegionName })
	}
	next, err := i.Modify(ipam.IPAMChange{Description: ptr(in.Description), AddRegions: regions(in.AddOperatingRegions),
		RemoveRegions: regions(in.RemoveOperatingRegions), Tier: in.Tier}, pools)
	if err != nil {
		return nil, err
	}
	c.ipams[i.ID] = next
	return &ModifyIpamOutput{Ipam: c.ipamOutput(next)}, nil
}
