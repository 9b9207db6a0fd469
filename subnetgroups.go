package vpcmodel

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/vpclab/vpcmodel/subnetgroup"
	"github.com/vpclab/vpcmodel/tag"
)

// Subnet groups are subnetgroup.Group values: the subnet groups Amazon
// RDS, ElastiCache and Redshift keep of a Cloud's subnets. Each service's
// actions are the methods of a view of the Cloud ([Cloud.RDS],
// [Cloud.ElastiCache], [Cloud.Redshift]), named as that service's Query
// API names them; their inputs and outputs carry the wire names in
// `query` tags, where a list is written Name>Member
// (SubnetIds>SubnetIdentifier is SubnetIds.SubnetIdentifier.N in a request
// and <SubnetIds><SubnetIdentifier> in a response). A Cloud keeps one set
// of groups per service, account and Region; a group's tags are kept with
// it. What EC2 does with the subnets is EC2's: DeleteSubnet does not look
// at subnet groups (see the package's Decisions).

// groupScope is one account in one Region, in one service: where a
// group's name is unique.
type groupScope struct {
	scope
	service subnetgroup.Service
}

// Statuses the three services answer for a group and its subnets, which
// are always ready in a Cloud.
const (
	subnetGroupComplete = "Complete"
	groupSubnetActive   = "Active"
)

// RDS is the part of a Cloud that the Amazon RDS Query API reaches: DB
// subnet groups of the Cloud's subnets, and their tags. Each method is
// one RDS action, served as atomically as the Cloud's EC2 actions. Get it
// from [Cloud.RDS]; the zero RDS is not valid, and its methods refuse
// every call.
type RDS struct{ c *Cloud }

// ElastiCache is the part of a Cloud that the Amazon ElastiCache Query API
// reaches: cache subnet groups of the Cloud's subnets, and their tags. Get
// it from [Cloud.ElastiCache]; the zero ElastiCache is not valid.
type ElastiCache struct{ c *Cloud }

// Redshift is the part of a Cloud that the Amazon Redshift Query API
// reaches: cluster subnet groups of the Cloud's subnets, and their tags.
// Get it from [Cloud.Redshift]; the zero Redshift is not valid.
type Redshift struct{ c *Cloud }

// RDS returns the RDS actions of c.
func (c *Cloud) RDS() RDS { return RDS{c} }

// ElastiCache returns the ElastiCache actions of c.
func (c *Cloud) ElastiCache() ElastiCache { return ElastiCache{c} }

// Redshift returns the Redshift actions of c.
func (c *Cloud) Redshift() Redshift { return Redshift{c} }

// runOn and readOn serve an action of a view, refusing a view of no Cloud.
func runOn[In, Out any](c *Cloud, caller Caller, in In, now time.Time, h func(*Cloud, *call, *In) (*Out, error)) (Out, error) {
	if c == nil {
		var zero Out
		return zero, errNoCloud
	}
	return run(c, caller, in, now, h)
}

func readOn[In, Out any](c *Cloud, caller Caller, in In, now time.Time, h func(*Cloud, *call, *In) (*Out, error)) (Out, error) {
	if c == nil {
		var zero Out
		return zero, errNoCloud
	}
	return read(c, caller, in, now, h)
}

var errNoCloud = &Error{Code: "InternalError", Message: "The service view belongs to no Cloud."}

// NamedZone is an Availability Zone as the three services name one: by
// its name.
type NamedZone struct {
	Name string `query:"Name"`
}

// RecordPage holds the pagination parameters of the three services'
// Describe actions: at most MaxRecords results (20 to 100; absent means
// 100), after the Marker the previous page returned.
type RecordPage struct {
	MaxRecords Optional[int] `query:"MaxRecords"`
	Marker     string        `query:"Marker"`
}

// EmptyOutput is the output of the actions that answer nothing but
// success.
type EmptyOutput struct{}

// TagListOutput is the output of the actions that answer a resource's tags.
type TagListOutput struct {
	TagList []Tag `query:"TagList>Tag"`
}

// ListTagsForResourceInput is the input of the ListTagsForResource action
// of RDS and ElastiCache.
type ListTagsForResourceInput struct {
	ResourceName string `query:"ResourceName,required"`
}

// AddTagsToResourceInput is the input of the AddTagsToResource action of
// RDS and ElastiCache, and of Redshift's CreateTags.
type AddTagsToResourceInput struct {
	ResourceName string `query:"ResourceName,required"`
	Tags         []Tag  `query:"Tags>Tag"`
}

// RemoveTagsFromResourceInput is the input of the RemoveTagsFromResource
// action of RDS and ElastiCache.
type RemoveTagsFromResourceInput struct {
	ResourceName string   `query:"ResourceName,required"`
	TagKeys      []string `query:"TagKeys>member"`
}

// groups returns the caller's groups of one service, in name order.
func (c *Cloud) groups(k *call, svc subnetgroup.Service) []subnetgroup.Group {
	byName := c.subnetGroups[groupScope{k.scope, svc}]
	out := make([]subnetgroup.Group, 0, len(byName))
	for _, name := range sortedKeys(byName) {
		out = append(out, byName[name])
	}
	return out
}

// findGroup returns the caller's group of svc with name, or the service's
// not-found refusal.
func (c *Cloud) findGroup(k *call, svc subnetgroup.Service, name string) (subnetgroup.Group, error) {
	g, ok := c.subnetGroups[groupScope{k.scope, svc}][subnetgroup.LookupName(name)]
	if !ok {
		return subnetgroup.Group{}, svc.Rules().NotFoundError(name)
	}
	return g, nil
}

// putSubnetGroup stores g, replacing the group of its name.
func (c *Cloud) putSubnetGroup(g subnetgroup.Group) {
	gs := groupScope{scope{g.OwnerID(), g.Region()}, g.Service()}
	if c.subnetGroups[gs] == nil {
		c.subnetGroups[gs] = make(map[string]subnetgroup.Group)
	}
	c.subnetGroups[gs][g.Name()] = g
}

// dropSubnetGroup forgets g.
func (c *Cloud) dropSubnetGroup(g subnetgroup.Group) {
	gs := groupScope{scope{g.OwnerID(), g.Region()}, g.Service()}
	delete(c.subnetGroups[gs], g.Name())
	if len(c.subnetGroups[gs]) == 0 {
		delete(c.subnetGroups, gs)
	}
}

// subnetLookup resolves the caller's subnets for a group.
func (c *Cloud) subnetLookup(k *call) subnetgroup.Lookup {
	return func(id string) (subnetgroup.Subnet, bool) {
		s, ok := c.subnets[id]
		if !ok || subnetScope(s) != k.scope {
			return subnetgroup.Subnet{}, false
		}
		return subnetgroup.Subnet{ID: s.ID(), VPCID: s.VPCID(), Zone: s.Zone().Name}, true
	}
}

// createGroup makes the caller a group of svc: the name checked first,
// then that the caller has no group of that name, then the rest.
func (c *Cloud) createGroup(k *call, svc subnetgroup.Service, name, description string, subnetIDs []string, tags []Tag) (subnetgroup.Group, error) {
	r := svc.Rules()
	canonical, err := r.ParseName(name)
	if err != nil {
		return subnetgroup.Group{}, err
	}
	if _, ok := c.subnetGroups[groupScope{k.scope, svc}][canonical]; ok {
		return subnetgroup.Group{}, r.ExistsError(canonical)
	}
	g, err := subnetgroup.Create(subnetgroup.Spec{Service: svc, OwnerID: k.Account, Region: k.Region, Name: name,
		Description: description, SubnetIDs: subnetIDs, Tags: tagArgs(tags)}, c.subnetLookup(k))
	if err != nil {
		return subnetgroup.Group{}, err
	}
	c.putSubnetGroup(g)
	return g, nil
}

// modifyGroup changes a group's description and subnets, all or nothing;
// a nil description or subnet list leaves that part as it is.
func (c *Cloud) modifyGroup(k *call, svc subnetgroup.Service, name string, description Optional[string], subnetIDs []string, setSubnets bool) (subnetgroup.Group, error) {
	g, err := c.findGroup(k, svc, name)
	if err != nil {
		return subnetgroup.Group{}, err
	}
	if setSubnets {
		if g, err = g.WithSubnets(subnetIDs, c.subnetLookup(k)); err != nil {
			return subnetgroup.Group{}, err
		}
	}
	if d, ok := description.Get(); ok {
		g = g.WithDescription(d)
	}
	c.putSubnetGroup(g)
	return g, nil
}

// deleteGroup deletes a group.
func (c *Cloud) deleteGroup(k *call, svc subnetgroup.Service, name string) error {
	g, err := c.findGroup(k, svc, name)
	if err != nil {
		return err
	}
	c.dropSubnetGroup(g)
	return nil
}

// describeGroups lists the caller's groups of svc, or the one named, a
// page at a time.
func (c *Cloud) describeGroups(k *call, svc subnetgroup.Service, name string, pg RecordPage, keep func(subnetgroup.Group) bool) ([]subnetgroup.Group, string, error) {
	size, err := pg.size()
	if err != nil {
		return nil, "", err
	}
	var gs []subnetgroup.Group
	if name != "" {
		g, err := c.findGroup(k, svc, name)
		if err != nil {
			return nil, "", err
		}
		gs = []subnetgroup.Group{g}
	} else {
		gs = c.groups(k, svc)
	}
	if keep != nil {
		gs = slices.DeleteFunc(gs, func(g subnetgroup.Group) bool { return !keep(g) })
	}
	start := 0
	if pg.Marker != "" {
		after, err := base64.RawURLEncoding.DecodeString(pg.Marker)
		if err != nil {
			return nil, "", &Error{Code: "InvalidParameterValue", Message: fmt.Sprintf("The marker %q is not one this service issued.", pg.Marker)}
		}
		for start < len(gs) && gs[start].Name() <= string(after) {
			start++
		}
	}
	end := min(start+size, len(gs))
	next := ""
	if end < len(gs) {
		next = base64.RawURLEncoding.EncodeToString([]byte(gs[end-1].Name()))
	}
	return gs[start:end], next, nil
}

// size returns the page size pg asks for, or the services' refusal of one
// out of range.
func (pg RecordPage) size() (int, error) {
	n, ok := pg.MaxRecords.Get()
	if !ok {
		return 100, nil
	}
	if n < 20 || n > 100 {
		return 0, &Error{Code: "InvalidParameterValue",
			Message: fmt.Sprintf("Invalid value %d for MaxRecords. Must be between 20 and 100", n)}
	}
	return n, nil
}

// cut returns the bounds of the page pg asks for of n results, which have
// no names of their own to resume after, and the marker of the next page:
// the marker holds the offset the next page starts at.
func (pg RecordPage) cut(n int) ([2]int, string, error) {
	size, err := pg.size()
	if err != nil {
		return [2]int{}, "", err
	}
	start := 0
	if pg.Marker != "" {
		b, derr := base64.RawURLEncoding.DecodeString(pg.Marker)
		if start, err = strconv.Atoi(string(b)); derr != nil || err != nil || start < 0 {
			return [2]int{}, "", &Error{Code: "InvalidParameterValue", Message: fmt.Sprintf("The marker %q is not one this service issued.", pg.Marker)}
		}
	}
	start = min(start, n)
	end := min(start+size, n)
	next := ""
	if end < n {
		next = base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
	}
	return [2]int{start, end}, next, nil
}

// groupByARN returns the caller's group that arn names, for the tagging
// actions: a malformed ARN, an ARN of another account or Region, or of no
// group, is refused with the service's codes.
func (c *Cloud) groupByARN(k *call, svc subnetgroup.Service, arn string) (subnetgroup.Group, error) {
	r := svc.Rules()
	a, err := r.ParseARN(arn)
	if err != nil {
		return subnetgroup.Group{}, err
	}
	g, ok := c.subnetGroups[groupScope{k.scope, svc}][subnetgroup.LookupName(a.Name)]
	if a.Account != k.Account || a.Region != k.Region || !ok {
		e := r.NotFoundError(a.Name)
		e.Code = r.Codes.ResourceNotFound
		return subnetgroup.Group{}, e
	}
	return g, nil
}

// tagGroup, untagGroup and groupTags are the tagging actions on a group
// named by its ARN.
func (c *Cloud) tagGroup(k *call, svc subnetgroup.Service, arn string, tags []Tag) (subnetgroup.Group, error) {
	g, err := c.groupByARN(k, svc, arn)
	if err != nil {
		return g, err
	}
	if g, err = g.WithTags(tagArgs(tags)...); err != nil {
		return g, err
	}
	c.putSubnetGroup(g)
	return g, nil
}

func (c *Cloud) untagGroup(k *call, svc subnetgroup.Service, arn string, keys []string) (subnetgroup.Group, error) {
	g, err := c.groupByARN(k, svc, arn)
	if err != nil {
		return g, err
	}
	if g, err = g.WithoutTags(keys...); err != nil {
		return g, err
	}
	c.putSubnetGroup(g)
	return g, nil
}

func tagArgs(tags []Tag) []tag.Tag {
	out := make([]tag.Tag, len(tags))
	for i, t := range tags {
		out[i] = tag.Tag{Key: t.Key, Value: t.Value}
	}
	return out
}

func tagsOut(tags []tag.Tag) []Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]Tag, len(tags))
	for i, t := range tags {
		out[i] = Tag{t.Key, t.Value}
	}
	return out
}

func groupZone(s subnetgroup.Subnet) NamedZone { return NamedZone{Name: s.Zone} }
