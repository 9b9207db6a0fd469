package vpcmodel

import (
	"slices"
	"time"

	"github.com/vpclab/vpcmodel/subnetgroup"
	"github.com/vpclab/vpcmodel/tag"
)

// The Redshift actions on cluster subnet groups, one method of [Redshift]
// each, named as the Redshift Query API (version 2012-12-01) names them.
// Their refusals carry Redshift's error codes; see package subnetgroup.

// ClusterSubnetGroup is a cluster subnet group as Redshift answers it,
// with its tags.
type ClusterSubnetGroup struct {
	ClusterSubnetGroupName         string          `query:"ClusterSubnetGroupName"`
	Description                    string          `query:"Description"`
	VPCID                          string          `query:"VpcId"`
	SubnetGroupStatus              string          `query:"SubnetGroupStatus"`
	Subnets                        []ClusterSubnet `query:"Subnets>Subnet"`
	Tags                           []Tag           `query:"Tags>Tag"`
	SupportedClusterIPAddressTypes []string        `query:"SupportedClusterIpAddressTypes>item"`
}

// ClusterSubnet is one subnet of a cluster subnet group.
type ClusterSubnet struct {
	SubnetIdentifier       string    `query:"SubnetIdentifier"`
	SubnetAvailabilityZone NamedZone `query:"SubnetAvailabilityZone"`
	SubnetStatus           string    `query:"SubnetStatus"`
}

func clusterSubnetGroup(g subnetgroup.Group) ClusterSubnetGroup {
	out := ClusterSubnetGroup{ClusterSubnetGroupName: g.Name(), Description: g.Description(), VPCID: g.VPCID(),
		SubnetGroupStatus: subnetGroupComplete, Tags: tagsOut(g.Tags()), SupportedClusterIPAddressTypes: g.NetworkTypes()}
	for _, s := range g.Subnets() {
		out.Subnets = append(out.Subnets, ClusterSubnet{SubnetIdentifier: s.ID, SubnetAvailabilityZone: groupZone(s), SubnetStatus: groupSubnetActive})
	}
	return out
}

// CreateClusterSubnetGroupInput is the input of
// [Redshift.CreateClusterSubnetGroup].
type CreateClusterSubnetGroupInput struct {
	ClusterSubnetGroupName string   `query:"ClusterSubnetGroupName,required"`
	Description            string   `query:"Description,required"`
	SubnetIDs              []string `query:"SubnetIds>SubnetIdentifier"`
	Tags                   []Tag    `query:"Tags>Tag"`
}

// CreateClusterSubnetGroupOutput is the output of
// [Redshift.CreateClusterSubnetGroup] and
// [Redshift.ModifyClusterSubnetGroup].
type CreateClusterSubnetGroupOutput struct {
	ClusterSubnetGroup ClusterSubnetGroup `query:"ClusterSubnetGroup"`
}

// CreateClusterSubnetGroup creates a cluster subnet group of the caller's
// subnets, which must be of one VPC; see [subnetgroup.Create]. Its name is
// unique among the caller's cluster subnet groups in the Region
// (ClusterSubnetGroupAlreadyExists).
func (r Redshift) CreateClusterSubnetGroup(caller Caller, in CreateClusterSubnetGroupInput, now time.Time) (CreateClusterSubnetGroupOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *CreateClusterSubnetGroupInput) (*CreateClusterSubnetGroupOutput, error) {
		g, err := c.createGroup(k, subnetgroup.Redshift, in.ClusterSubnetGroupName, in.Description, in.SubnetIDs, in.Tags)
		if err != nil {
			return nil, err
		}
		return &CreateClusterSubnetGroupOutput{clusterSubnetGroup(g)}, nil
	})
}

// DescribeClusterSubnetGroupsInput is the input of
// [Redshift.DescribeClusterSubnetGroups]. TagKeys and TagValues keep the
// groups with a tag of one of the keys, and with a tag of one of the
// values.
type DescribeClusterSubnetGroupsInput struct {
	ClusterSubnetGroupName string   `query:"ClusterSubnetGroupName"`
	TagKeys                []string `query:"TagKeys>TagKey"`
	TagValues              []string `query:"TagValues>TagValue"`
	RecordPage
}

// DescribeClusterSubnetGroupsOutput is the output of
// [Redshift.DescribeClusterSubnetGroups].
type DescribeClusterSubnetGroupsOutput struct {
	ClusterSubnetGroups []ClusterSubnetGroup `query:"ClusterSubnetGroups>ClusterSubnetGroup"`
	Marker              string               `query:"Marker,omitempty"`
}

// DescribeClusterSubnetGroups lists the caller's cluster subnet groups in
// name order, or the one named (ClusterSubnetGroupNotFoundFault when
// there is none).
func (r Redshift) DescribeClusterSubnetGroups(caller Caller, in DescribeClusterSubnetGroupsInput, now time.Time) (DescribeClusterSubnetGroupsOutput, error) {
	return readOn(r.c, caller, in, now, func(c *Cloud, k *call, in *DescribeClusterSubnetGroupsInput) (*DescribeClusterSubnetGroupsOutput, error) {
		keep := func(g subnetgroup.Group) bool { return hasTagIn(g.Tags(), in.TagKeys, in.TagValues) }
		gs, next, err := c.describeGroups(k, subnetgroup.Redshift, in.ClusterSubnetGroupName, in.RecordPage, keep)
		if err != nil {
			return nil, err
		}
		out := &DescribeClusterSubnetGroupsOutput{Marker: next}
		for _, g := range gs {
			out.ClusterSubnetGroups = append(out.ClusterSubnetGroups, clusterSubnetGroup(g))
		}
		return out, nil
	})
}

// hasTagIn reports whether tags has a tag with a key among keys and a tag
// with a value among values; an empty list asks nothing.
func hasTagIn(tags []tag.Tag, keys, values []string) bool {
	key := len(keys) == 0 || slices.ContainsFunc(tags, func(t tag.Tag) bool { return slices.Contains(keys, t.Key) })
	value := len(values) == 0 || slices.ContainsFunc(tags, func(t tag.Tag) bool { return slices.Contains(values, t.Value) })
	return key && value
}

// ModifyClusterSubnetGroupInput is the input of
// [Redshift.ModifyClusterSubnetGroup].
type ModifyClusterSubnetGroupInput struct {
	ClusterSubnetGroupName string           `query:"ClusterSubnetGroupName,required"`
	Description            Optional[string] `query:"Description"`
	SubnetIDs              []string         `query:"SubnetIds>SubnetIdentifier"`
}

// ModifyClusterSubnetGroup replaces a cluster subnet group's subnets,
// which Redshift requires in every request, and its description when
// given.
func (r Redshift) ModifyClusterSubnetGroup(caller Caller, in ModifyClusterSubnetGroupInput, now time.Time) (CreateClusterSubnetGroupOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *ModifyClusterSubnetGroupInput) (*CreateClusterSubnetGroupOutput, error) {
		g, err := c.modifyGroup(k, subnetgroup.Redshift, in.ClusterSubnetGroupName, in.Description, in.SubnetIDs, true)
		if err != nil {
			return nil, err
		}
		return &CreateClusterSubnetGroupOutput{clusterSubnetGroup(g)}, nil
	})
}

// DeleteClusterSubnetGroupInput is the input of
// [Redshift.DeleteClusterSubnetGroup].
type DeleteClusterSubnetGroupInput struct {
	ClusterSubnetGroupName string `query:"ClusterSubnetGroupName,required"`
}

// DeleteClusterSubnetGroup deletes a cluster subnet group. A Cloud holds
// no clusters, so no group is in use.
func (r Redshift) DeleteClusterSubnetGroup(caller Caller, in DeleteClusterSubnetGroupInput, now time.Time) (EmptyOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *DeleteClusterSubnetGroupInput) (*EmptyOutput, error) {
		return &EmptyOutput{}, c.deleteGroup(k, subnetgroup.Redshift, in.ClusterSubnetGroupName)
	})
}

// CreateTags adds or overwrites tags of the cluster subnet group an ARN
// names (arn:aws:redshift:REGION:ACCOUNT:subnetgroup:NAME).
func (r Redshift) CreateTags(caller Caller, in AddTagsToResourceInput, now time.Time) (EmptyOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *AddTagsToResourceInput) (*EmptyOutput, error) {
		_, err := c.tagGroup(k, subnetgroup.Redshift, in.ResourceName, in.Tags)
		return &EmptyOutput{}, err
	})
}

// DeleteResourceTagsInput is the input of [Redshift.DeleteTags].
type DeleteResourceTagsInput struct {
	ResourceName string   `query:"ResourceName,required"`
	TagKeys      []string `query:"TagKeys>TagKey"`
}

// DeleteTags removes tags, by key, from the cluster subnet group an ARN
// names; a key the group has no tag of is ignored.
func (r Redshift) DeleteTags(caller Caller, in DeleteResourceTagsInput, now time.Time) (EmptyOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *DeleteResourceTagsInput) (*EmptyOutput, error) {
		_, err := c.untagGroup(k, subnetgroup.Redshift, in.ResourceName, in.TagKeys)
		return &EmptyOutput{}, err
	})
}

// DescribeResourceTagsInput is the input of [Redshift.DescribeTags]: the
// tags of the resource ResourceName names, or of every resource of
// ResourceType ("subnetgroup", the only type a Cloud holds), or of every
// resource; TagKeys and TagValues keep the tags with one of the keys and
// one of the values.
type DescribeResourceTagsInput struct {
	ResourceName string   `query:"ResourceName"`
	ResourceType string   `query:"ResourceType"`
	TagKeys      []string `query:"TagKeys>TagKey"`
	TagValues    []string `query:"TagValues>TagValue"`
	RecordPage
}

// TaggedResource is one tag of one resource, as Redshift's DescribeTags
// answers it.
type TaggedResource struct {
	Tag          Tag    `query:"Tag"`
	ResourceName string `query:"ResourceName"`
	ResourceType string `query:"ResourceType"`
}

// DescribeResourceTagsOutput is the output of [Redshift.DescribeTags].
type DescribeResourceTagsOutput struct {
	TaggedResources []TaggedResource `query:"TaggedResources>TaggedResource"`
	Marker          string           `query:"Marker,omitempty"`
}

// DescribeTags lists the tags of the caller's cluster subnet groups, one
// per tag, in group name and tag key order.
func (r Redshift) DescribeTags(caller Caller, in DescribeResourceTagsInput, now time.Time) (DescribeResourceTagsOutput, error) {
	return readOn(r.c, caller, in, now, func(c *Cloud, k *call, in *DescribeResourceTagsInput) (*DescribeResourceTagsOutput, error) {
		rules := subnetgroup.Redshift.Rules()
		var gs []subnetgroup.Group
		switch {
		case in.ResourceName != "":
			g, err := c.groupByARN(k, subnetgroup.Redshift, in.ResourceName)
			if err != nil {
				return nil, err
			}
			gs = []subnetgroup.Group{g}
		case in.ResourceType == "" || in.ResourceType == rules.ARNResource:
			gs = c.groups(k, subnetgroup.Redshift)
		}
		var all []TaggedResource
		for _, g := range gs {
			for _, t := range g.Tags() {
				if (len(in.TagKeys) == 0 || slices.Contains(in.TagKeys, t.Key)) && (len(in.TagValues) == 0 || slices.Contains(in.TagValues, t.Value)) {
					all = append(all, TaggedResource{Tag{t.Key, t.Value}, g.ARN(), rules.ARNResource})
				}
			}
		}
		page, next, err := in.RecordPage.cut(len(all))
		if err != nil {
			return nil, err
		}
		return &DescribeResourceTagsOutput{TaggedResources: all[page[0]:page[1]], Marker: next}, nil
	})
}
