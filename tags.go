package vpcmodel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/internal/wildcard"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/tag"
)

// Tags are per account and Region: the two parties of a peering connection
// tag it independently, and each sees only its own tags. Peering
// connections keep theirs in the peering registry; every other resource's
// are kept here.

// tagsFor collects the tags of the TagSpecifications meant for resourceType
// into a validated set.
func tagsFor(specs []TagSpecification, resourceType string) (tag.Set, error) {
	all, err := tagArgsFor(specs, resourceType)
	if err != nil {
		return tag.Set{}, err
	}
	return tag.NewSet(all...)
}

// tagArgsFor collects the tags of the TagSpecifications meant for
// resourceType, leaving their validation to the package that stores them.
func tagArgsFor(specs []TagSpecification, resourceType string) ([]tag.Tag, error) {
	var all []tag.Tag
	for _, sp := range specs {
		if sp.ResourceType != resourceType {
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("'%s' is not a valid taggable resource type for this operation.", sp.ResourceType)}
		}
		for _, t := range sp.Tags {
			all = append(all, tag.Tag{Key: t.Key, Value: t.Value})
		}
	}
	return all, nil
}

// tagList returns a tag set as an output list.
func tagList(s tag.Set) []Tag {
	all := s.All()
	if len(all) == 0 {
		return nil
	}
	out := make([]Tag, len(all))
	for i, t := range all {
		out[i] = Tag{t.Key, t.Value}
	}
	return out
}

// setTags records owner's tags on a resource; an empty set removes them.
func (c *Cloud) setTags(owner scope, id string, tags tag.Set) {
	byScope := c.tags[id]
	c.indexTags(owner, id, byScope[owner], tags)
	if tags.Len() == 0 {
		delete(byScope, owner)
		if len(byScope) == 0 {
			delete(c.tags, id)
		}
		return
	}
	if byScope == nil {
		byScope = make(map[scope]tag.Set, 1)
		c.tags[id] = byScope
	}
	byScope[owner] = tags
}

// tagsOf returns owner's tags on a resource.
func (c *Cloud) tagsOf(owner scope, id string) tag.Set { return c.tags[id][owner] }

// dropTags forgets every scope's tags on a resource that no longer exists.
func (c *Cloud) dropTags(id string) {
	for owner, set := range c.tags[id] {
		c.indexTags(owner, id, set, tag.Set{})
	}
	delete(c.tags, id)
}

// tagOp is one CreateTags or DeleteTags request's change to a tag set.
type tagOp struct {
	add    []tag.Tag      // CreateTags
	del    []DeleteTagArg // DeleteTags
	delAll bool           // DeleteTags without Tag: every tag
}

func (op tagOp) apply(set tag.Set) (tag.Set, error) {
	if op.delAll {
		return tag.Set{}, nil
	}
	for _, t := range op.del {
		if v, ok := t.Value.Get(); ok {
			set = set.Without(tag.Tag{Key: t.Key, Value: v})
		} else {
			set = set.WithoutKeys(t.Key)
		}
	}
	if len(op.add) > 0 {
		return set.With(op.add...)
	}
	return set, nil
}

// tagger is how CreateTags, DeleteTags and DescribeTags reach one kind of
// resource: resourceType is how DescribeTags (and TagSpecification) name
// the kind, get returns the caller's tags (or the resource's not-found
// error), put stores the result of op.
type tagger struct {
	kind         ec2.Kind
	resourceType string
	get          func(c *Cloud, k *call, id string) (tag.Set, error)
	put          func(c *Cloud, k *call, id string, op tagOp, next tag.Set) error
}

// storeTags is the put of every resource whose tags the Cloud keeps.
func storeTags(c *Cloud, k *call, id string, _ tagOp, next tag.Set) error {
	c.setTags(k.scope, id, next)
	return nil
}

// storedTags returns a get for a resource whose tags the Cloud keeps, given
// the function that checks the caller can see it.
func storedTags(visible func(c *Cloud, k *call, id string) error) func(*Cloud, *call, string) (tag.Set, error) {
	return func(c *Cloud, k *call, id string) (tag.Set, error) {
		if err := visible(c, k, id); err != nil {
			return tag.Set{}, err
		}
		return c.tagsOf(k.scope, id), nil
	}
}

// taggable lists the resource kinds CreateTags and DeleteTags accept.
var taggable = []tagger{
	{ec2.VPC, "vpc", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findVPC(k, id); return err }), storeTags},
	{ec2.RouteTable, "route-table", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findRouteTable(k, id); return err }), storeTags},
	{ec2.CustomerGateway, "customer-gateway", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findCGW(k, id); return err }), storeTags},
	{ec2.VPNGateway, "vpn-gateway", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findVGW(k, id); return err }), storeTags},
	{ec2.BPAExclusion, "vpc-block-public-access-exclusion", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findExclusion(k, id); return err }), storeTags},
	{ec2.VPNConnection, "vpn-connection", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findVPN(k, id); return err }), storeTags},
	{ec2.SecurityGroup, "security-group", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findSecurityGroup(k, id); return err }), storeTags},
	{ec2.NetworkACL, "network-acl", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findNetworkACL(k, id); return err }), storeTags},
	{ec2.Subnet, "subnet", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findSubnet(k, id); return err }), storeTags},
	{ec2.InternetGateway, "internet-gateway", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findIGW(k, id); return err }), storeTags},
	{ec2.EgressOnlyGateway, "egress-only-internet-gateway", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findEIGW(k, id); return err }), storeTags},
	{ec2.NATGateway, "natgateway", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findNAT(k, id); return err }), storeTags},
	{ec2.ElasticIP, "elastic-ip", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findAddress(k, id); return err }), storeTags},
	{insightsPath, "network-insights-path", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findPath(k, id); return err }), storeTags},
	{insightsAnalysis, "network-insights-analysis", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findAnalysis(k, id); return err }), storeTags},
	{ec2.TransitGateway, "transit-gateway", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findTGW(k, id); return err }), storeTags},
	{ec2.TransitGatewayRouteTable, "transit-gateway-route-table", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findTGWTable(k, id); return err }), storeTags},
	{ec2.TransitGatewayAttachment, "transit-gateway-attachment", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findTGWAttachment(k, id); return err }), storeTags},
	{ec2.VPCEndpoint, "vpc-endpoint", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findVPCE(k, id); return err }), storeTags},
	{ec2.NetworkInterface, "network-interface", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findENI(k, id); return err }), storeTags},
	{ec2.DHCPOptions, "dhcp-options", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findDopt(k, id); return err }), storeTags},
	{ec2.FlowLog, "vpc-flow-log", storedTags(func(c *Cloud, k *call, id string) error {
		if c.findFlow(k, id) == nil {
			return ec2.FlowLog.NotFoundError(id, nil)
		}
		return nil
	}), storeTags},
	{securityGroupRule, "security-group-rule", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findRule(k, id); return err }), storeTags},
	{ec2.IPAM, "ipam", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findIPAM(k, id); return err }), storeTags},
	{ec2.IPAMPool, "ipam-pool", storedTags(func(c *Cloud, k *call, id string) error { _, err := c.findIPAMPool(k, id); return err }), storeTags},
	{ec2.PeeringConnection, "vpc-peering-connection", func(c *Cloud, k *call, id string) (tag.Set, error) {
		v, err := c.peering.View(k.party(), id, k.now)
		return v.Tags(), err
	}, putPeeringTags},
}

func taggerFor(id string) (tagger, error) {
	for _, t := range taggable {
		if t.kind.IsID(id) {
			return t, nil
		}
	}
	return tagger{}, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("Invalid id: \"%s\"", id)}
}

// retag applies op to every resource, all or nothing: every resource is
// found and every result computed before anything is stored.
func (c *Cloud) retag(k *call, ids []string, op tagOp) (*ReturnOutput, error) {
	taggers := make([]tagger, len(ids))
	next := make([]tag.Set, len(ids))
	for i, id := range ids {
		t, err := taggerFor(id)
		if err != nil {
			return nil, err
		}
		cur, err := t.get(c, k, id)
		if err != nil {
			return nil, err
		}
		if next[i], err = op.apply(cur); err != nil {
			return nil, err
		}
		taggers[i] = t
	}
	for i, id := range ids {
		if err := taggers[i].put(c, k, id, op, next[i]); err != nil {
			return nil, err
		}
	}
	return &ReturnOutput{Return: true}, nil
}

// putPeeringTags applies a tag change to a peering connection through the
// registry, which keeps each owner's tags.
func putPeeringTags(c *Cloud, k *call, id string, op tagOp, _ tag.Set) error {
	r, p := c.peering, k.party()
	if len(op.add) > 0 {
		return r.CreateTags(p, id, op.add, k.now)
	}
	if op.delAll {
		cur, err := r.View(p, id, k.now)
		if err != nil {
			return err
		}
		return r.DeleteTagKeys(p, id, tagKeys(cur.Tags()), k.now)
	}
	var keys []string
	var pairs []tag.Tag
	for _, t := range op.del {
		if v, ok := t.Value.Get(); ok {
			pairs = append(pairs, tag.Tag{Key: t.Key, Value: v})
		} else {
			keys = append(keys, t.Key)
		}
	}
	if err := r.DeleteTagKeys(p, id, keys, k.now); err != nil {
		return err
	}
	return r.DeleteTags(p, id, pairs, k.now)
}

// ReturnOutput is the output of the actions that answer only
// <return>true</return>.
type ReturnOutput struct {
	Return bool `ec2:"Return"`
}

// CreateTagsInput is the input of [Cloud.CreateTags].
type CreateTagsInput struct {
	ResourceIDs []string `ec2:"ResourceId,required"`
	Tags        []Tag    `ec2:"Tag,required"`
}

// CreateTagsOutput is the output of [Cloud.CreateTags].
type CreateTagsOutput = ReturnOutput

func (c *Cloud) createTags(k *call, in *CreateTagsInput) (*ReturnOutput, error) {
	add := make([]tag.Tag, len(in.Tags))
	for i, t := range in.Tags {
		add[i] = tag.Tag{Key: t.Key, Value: t.Value}
	}
	return c.retag(k, in.ResourceIDs, tagOp{add: add})
}

// DeleteTagArg is one Tag.N of DeleteTags: a key, and optionally the value
// the tag must have to be deleted.
type DeleteTagArg struct {
	Key   string           `ec2:"Key"`
	Value Optional[string] `ec2:"Value"`
}

// DeleteTagsInput is the input of [Cloud.DeleteTags]. No Tags means every
// tag of the caller's.
type DeleteTagsInput struct {
	ResourceIDs []string       `ec2:"ResourceId,required"`
	Tags        []DeleteTagArg `ec2:"Tag"`
}

// DeleteTagsOutput is the output of [Cloud.DeleteTags].
type DeleteTagsOutput = ReturnOutput

func (c *Cloud) deleteTags(k *call, in *DeleteTagsInput) (*ReturnOutput, error) {
	return c.retag(k, in.ResourceIDs, tagOp{del: in.Tags, delAll: len(in.Tags) == 0})
}

// DescribeTagsInput is the input of [Cloud.DescribeTags].
type DescribeTagsInput struct {
	Filters []Filter `ec2:"Filter"`
	Page
}

// TagDescription is one tag of one resource, as DescribeTags lists it.
type TagDescription struct {
	Key          string `ec2:"Key"`
	ResourceID   string `ec2:"ResourceId"`
	ResourceType string `ec2:"ResourceType"`
	Value        string `ec2:"Value"`
}

// DescribeTagsOutput is the output of [Cloud.DescribeTags].
type DescribeTagsOutput struct {
	Tags      []TagDescription `ec2:"TagSet"`
	NextToken string           `ec2:"NextToken,omitempty"`
}

// tagRow is one tag of one resource, with the resource's whole set for the
// tag:<key> filters.
type tagRow struct {
	TagDescription
	all tag.Set
}

// key orders rows by resource, then tag key, and is the page token.
func (r tagRow) key() string { return r.ResourceID + "\x00" + r.Key }

// tagPage bounds DescribeTags: its tokens name a resource and a key.
var tagPage = pageLimits{min: 5, max: 1000, token: func(s string) bool {
	id, _, ok := strings.Cut(s, "\x00")
	return ok && slices.ContainsFunc(taggable, func(t tagger) bool { return t.kind.IsID(id) })
}}

var tagFilters = filterFuncs[tagRow]{
	"key":           func(r tagRow) []string { return one(r.Key) },
	"value":         func(r tagRow) []string { return one(r.Value) },
	"resource-id":   func(r tagRow) []string { return one(r.ResourceID) },
	"resource-type": func(r tagRow) []string { return one(r.ResourceType) },
}

func (c *Cloud) describeTags(k *call, in *DescribeTagsInput) (*DescribeTagsOutput, error) {
	if err := in.Page.check(tagPage, false); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, tagFilters, func(r tagRow) tag.Set { return r.all })
	if err != nil {
		return nil, err
	}
	var rows []tagRow
	add := func(id string, set tag.Set) {
		t, err := taggerFor(id)
		if err != nil {
			return
		}
		for _, x := range set.All() {
			r := tagRow{TagDescription{Key: x.Key, Value: x.Value, ResourceID: id, ResourceType: t.resourceType}, set}
			if m.match(r) {
				rows = append(rows, r)
			}
		}
	}
	// A resource-id filter of literal IDs names the only candidates: the
	// call Terraform's aws_ec2_tag makes reads one resource, not every tag.
	var ids []string
	literal := false
	for _, f := range in.Filters {
		if f.Name == "resource-id" && !slices.ContainsFunc(f.Values, wildcard.HasWildcard) {
			ids, literal = f.Values, true
			break
		}
	}
	if !literal {
		for id := range c.tags {
			ids = append(ids, id)
		}
	}
	// Peering connections keep each party's tags in the registry.
	for _, id := range ids {
		if !ec2.PeeringConnection.IsID(id) {
			if set, ok := c.tags[id][k.scope]; ok {
				add(id, set)
			}
		} else if v, err := c.peering.View(k.party(), id, k.now); err == nil {
			add(id, v.Tags())
		}
	}
	if !literal {
		page, err := c.peering.Describe(k.party(), peering.Query{}, k.now)
		if err != nil {
			return nil, err
		}
		for _, v := range page.Connections {
			add(v.ID(), v.Tags())
		}
	}
	slices.SortFunc(rows, func(a, b tagRow) int { return strings.Compare(a.key(), b.key()) })
	rows = slices.CompactFunc(rows, func(a, b tagRow) bool { return a.key() == b.key() })
	pageOf, next, err := paginate(rows, tagRow.key, in.Page, tagPage, false)
	if err != nil {
		return nil, err
	}
	out := &DescribeTagsOutput{NextToken: next}
	for _, r := range pageOf {
		out.Tags = append(out.Tags, r.TagDescription)
	}
	return out, nil
}
