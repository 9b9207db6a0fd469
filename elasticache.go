package vpcmodel

import (
	"time"

	"github.com/vpclab/vpcmodel/subnetgroup"
)

// The ElastiCache actions on cache subnet groups, one method of
// [ElastiCache] each, named as the ElastiCache Query API (version
// 2015-02-02) names them. Their refusals carry ElastiCache's error codes;
// see package subnetgroup.

// CacheSubnetGroup is a cache subnet group as ElastiCache answers it.
type CacheSubnetGroup struct {
	CacheSubnetGroupName        string        `query:"CacheSubnetGroupName"`
	CacheSubnetGroupDescription string        `query:"CacheSubnetGroupDescription"`
	VPCID                       string        `query:"VpcId"`
	Subnets                     []CacheSubnet `query:"Subnets>Subnet"`
	ARN                         string        `query:"ARN"`
	SupportedNetworkTypes       []string      `query:"SupportedNetworkTypes>member"`
}

// CacheSubnet is one subnet of a cache subnet group.
type CacheSubnet struct {
	SubnetIdentifier       string    `query:"SubnetIdentifier"`
	SubnetAvailabilityZone NamedZone `query:"SubnetAvailabilityZone"`
	SupportedNetworkTypes  []string  `query:"SupportedNetworkTypes>member"`
}

func cacheSubnetGroup(g subnetgroup.Group) CacheSubnetGroup {
	out := CacheSubnetGroup{CacheSubnetGroupName: g.Name(), CacheSubnetGroupDescription: g.Description(), VPCID: g.VPCID(),
		ARN: g.ARN(), SupportedNetworkTypes: g.NetworkTypes()}
	for _, s := range g.Subnets() {
		out.Subnets = append(out.Subnets, CacheSubnet{SubnetIdentifier: s.ID, SubnetAvailabilityZone: groupZone(s),
			SupportedNetworkTypes: g.NetworkTypes()})
	}
	return out
}

// CreateCacheSubnetGroupInput is the input of
// [ElastiCache.CreateCacheSubnetGroup].
type CreateCacheSubnetGroupInput struct {
	CacheSubnetGroupName        string   `query:"CacheSubnetGroupName,required"`
	CacheSubnetGroupDescription string   `query:"CacheSubnetGroupDescription,required"`
	SubnetIDs                   []string `query:"SubnetIds>SubnetIdentifier"`
	Tags                        []Tag    `query:"Tags>Tag"`
}

// CreateCacheSubnetGroupOutput is the output of
// [ElastiCache.CreateCacheSubnetGroup] and
// [ElastiCache.ModifyCacheSubnetGroup].
type CreateCacheSubnetGroupOutput struct {
	CacheSubnetGroup CacheSubnetGroup `query:"CacheSubnetGroup"`
}

// CreateCacheSubnetGroup creates a cache subnet group of the caller's
// subnets, which must be of one VPC; see [subnetgroup.Create]. Its name is
// unique among the caller's cache subnet groups in the Region
// (CacheSubnetGroupAlreadyExists).
func (e ElastiCache) CreateCacheSubnetGroup(caller Caller, in CreateCacheSubnetGroupInput, now time.Time) (CreateCacheSubnetGroupOutput, error) {
	return runOn(e.c, caller, in, now, func(c *Cloud, k *call, in *CreateCacheSubnetGroupInput) (*CreateCacheSubnetGroupOutput, error) {
		g, err := c.createGroup(k, subnetgroup.ElastiCache, in.CacheSubnetGroupName, in.CacheSubnetGroupDescription, in.SubnetIDs, in.Tags)
		if err != nil {
			return nil, err
		}
		return &CreateCacheSubnetGroupOutput{cacheSubnetGroup(g)}, nil
	})
}

// DescribeCacheSubnetGroupsInput is the input of
// [ElastiCache.DescribeCacheSubnetGroups].
type DescribeCacheSubnetGroupsInput struct {
	CacheSubnetGroupName string `query:"CacheSubnetGroupName"`
	RecordPage
}

// DescribeCacheSubnetGroupsOutput is the output of
// [ElastiCache.DescribeCacheSubnetGroups].
type DescribeCacheSubnetGroupsOutput struct {
	CacheSubnetGroups []CacheSubnetGroup `query:"CacheSubnetGroups>CacheSubnetGroup"`
	Marker            string             `query:"Marker,omitempty"`
}

// DescribeCacheSubnetGroups lists the caller's cache subnet groups in name
// order, or the one named (CacheSubnetGroupNotFoundFault when there is
// none).
func (e ElastiCache) DescribeCacheSubnetGroups(caller Caller, in DescribeCacheSubnetGroupsInput, now time.Time) (DescribeCacheSubnetGroupsOutput, error) {
	return readOn(e.c, caller, in, now, func(c *Cloud, k *call, in *DescribeCacheSubnetGroupsInput) (*DescribeCacheSubnetGroupsOutput, error) {
		gs, next, err := c.describeGroups(k, subnetgroup.ElastiCache, in.CacheSubnetGroupName, in.RecordPage, nil)
		if err != nil {
			return nil, err
		}
		out := &DescribeCacheSubnetGroupsOutput{Marker: next}
		for _, g := range gs {
			out.CacheSubnetGroups = append(out.CacheSubnetGroups, cacheSubnetGroup(g))
		}
		return out, nil
	})
}

// ModifyCacheSubnetGroupInput is the input of
// [ElastiCache.ModifyCacheSubnetGroup]. Absent members are left as they
// are.
type ModifyCacheSubnetGroupInput struct {
	CacheSubnetGroupName        string             `query:"CacheSubnetGroupName,required"`
	CacheSubnetGroupDescription Optional[string]   `query:"CacheSubnetGroupDescription"`
	SubnetIDs                   Optional[[]string] `query:"SubnetIds>SubnetIdentifier"`
}

// ModifyCacheSubnetGroup replaces a cache subnet group's description, its
// subnets, or both.
func (e ElastiCache) ModifyCacheSubnetGroup(caller Caller, in ModifyCacheSubnetGroupInput, now time.Time) (CreateCacheSubnetGroupOutput, error) {
	return runOn(e.c, caller, in, now, func(c *Cloud, k *call, in *ModifyCacheSubnetGroupInput) (*CreateCacheSubnetGroupOutput, error) {
		ids, set := in.SubnetIDs.Get()
		g, err := c.modifyGroup(k, subnetgroup.ElastiCache, in.CacheSubnetGroupName, in.CacheSubnetGroupDescription, ids, set)
		if err != nil {
			return nil, err
		}
		return &CreateCacheSubnetGroupOutput{cacheSubnetGroup(g)}, nil
	})
}

// DeleteCacheSubnetGroupInput is the input of
// [ElastiCache.DeleteCacheSubnetGroup].
type DeleteCacheSubnetGroupInput struct {
	CacheSubnetGroupName string `query:"CacheSubnetGroupName,required"`
}

// DeleteCacheSubnetGroup deletes a cache subnet group. A Cloud holds no
// cache clusters, so no group is in use.
func (e ElastiCache) DeleteCacheSubnetGroup(caller Caller, in DeleteCacheSubnetGroupInput, now time.Time) (EmptyOutput, error) {
	return runOn(e.c, caller, in, now, func(c *Cloud, k *call, in *DeleteCacheSubnetGroupInput) (*EmptyOutput, error) {
		return &EmptyOutput{}, c.deleteGroup(k, subnetgroup.ElastiCache, in.CacheSubnetGroupName)
	})
}

// ListTagsForResource answers the tags of the cache subnet group an ARN
// names (arn:aws:elasticache:REGION:ACCOUNT:subnetgroup:NAME).
func (e ElastiCache) ListTagsForResource(caller Caller, in ListTagsForResourceInput, now time.Time) (TagListOutput, error) {
	return readOn(e.c, caller, in, now, func(c *Cloud, k *call, in *ListTagsForResourceInput) (*TagListOutput, error) {
		g, err := c.groupByARN(k, subnetgroup.ElastiCache, in.ResourceName)
		if err != nil {
			return nil, err
		}
		return &TagListOutput{tagsOut(g.Tags())}, nil
	})
}

// AddTagsToResource adds or overwrites tags of the cache subnet group an
// ARN names, and answers its tags.
func (e ElastiCache) AddTagsToResource(caller Caller, in AddTagsToResourceInput, now time.Time) (TagListOutput, error) {
	return runOn(e.c, caller, in, now, func(c *Cloud, k *call, in *AddTagsToResourceInput) (*TagListOutput, error) {
		g, err := c.tagGroup(k, subnetgroup.ElastiCache, in.ResourceName, in.Tags)
		if err != nil {
			return nil, err
		}
		return &TagListOutput{tagsOut(g.Tags())}, nil
	})
}

// RemoveTagsFromResource removes tags, by key, from the cache subnet group
// an ARN names, and answers its tags; a key it has no tag of is refused
// (TagNotFound).
func (e ElastiCache) RemoveTagsFromResource(caller Caller, in RemoveTagsFromResourceInput, now time.Time) (TagListOutput, error) {
	return runOn(e.c, caller, in, now, func(c *Cloud, k *call, in *RemoveTagsFromResourceInput) (*TagListOutput, error) {
		g, err := c.untagGroup(k, subnetgroup.ElastiCache, in.ResourceName, in.TagKeys)
		if err != nil {
			return nil, err
		}
		return &TagListOutput{tagsOut(g.Tags())}, nil
	})
}
