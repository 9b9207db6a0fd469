package vpcmodel

import (
	"time"

	"github.com/vpclab/vpcmodel/subnetgroup"
)

// The RDS actions on DB subnet groups, one method of [RDS] each, named as
// the RDS Query API (version 2014-10-31) names them. Their refusals carry
// RDS's error codes; see package subnetgroup.

// DBSubnetGroup is a DB subnet group as RDS answers it.
type DBSubnetGroup struct {
	DBSubnetGroupName        string     `query:"DBSubnetGroupName"`
	DBSubnetGroupDescription string     `query:"DBSubnetGroupDescription"`
	VPCID                    string     `query:"VpcId"`
	SubnetGroupStatus        string     `query:"SubnetGroupStatus"`
	Subnets                  []DBSubnet `query:"Subnets>Subnet"`
	DBSubnetGroupARN         string     `query:"DBSubnetGroupArn"`
	SupportedNetworkTypes    []string   `query:"SupportedNetworkTypes>member"`
}

// DBSubnet is one subnet of a DB subnet group.
type DBSubnet struct {
	SubnetIdentifier       string    `query:"SubnetIdentifier"`
	SubnetAvailabilityZone NamedZone `query:"SubnetAvailabilityZone"`
	SubnetStatus           string    `query:"SubnetStatus"`
}

func dbSubnetGroup(g subnetgroup.Group) DBSubnetGroup {
	out := DBSubnetGroup{DBSubnetGroupName: g.Name(), DBSubnetGroupDescription: g.Description(), VPCID: g.VPCID(),
		SubnetGroupStatus: subnetGroupComplete, DBSubnetGroupARN: g.ARN(), SupportedNetworkTypes: g.NetworkTypes()}
	for _, s := range g.Subnets() {
		out.Subnets = append(out.Subnets, DBSubnet{SubnetIdentifier: s.ID, SubnetAvailabilityZone: groupZone(s), SubnetStatus: groupSubnetActive})
	}
	return out
}

// CreateDBSubnetGroupInput is the input of [RDS.CreateDBSubnetGroup].
type CreateDBSubnetGroupInput struct {
	DBSubnetGroupName        string   `query:"DBSubnetGroupName,required"`
	DBSubnetGroupDescription string   `query:"DBSubnetGroupDescription,required"`
	SubnetIDs                []string `query:"SubnetIds>SubnetIdentifier"`
	Tags                     []Tag    `query:"Tags>Tag"`
}

// CreateDBSubnetGroupOutput is the output of [RDS.CreateDBSubnetGroup] and
// [RDS.ModifyDBSubnetGroup].
type CreateDBSubnetGroupOutput struct {
	DBSubnetGroup DBSubnetGroup `query:"DBSubnetGroup"`
}

// CreateDBSubnetGroup creates a DB subnet group of the caller's subnets,
// which must be of one VPC and cover two Availability Zones; see
// [subnetgroup.Create]. Its name is unique among the caller's DB subnet
// groups in the Region (DBSubnetGroupAlreadyExists).
func (r RDS) CreateDBSubnetGroup(caller Caller, in CreateDBSubnetGroupInput, now time.Time) (CreateDBSubnetGroupOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *CreateDBSubnetGroupInput) (*CreateDBSubnetGroupOutput, error) {
		g, err := c.createGroup(k, subnetgroup.RDS, in.DBSubnetGroupName, in.DBSubnetGroupDescription, in.SubnetIDs, in.Tags)
		if err != nil {
			return nil, err
		}
		return &CreateDBSubnetGroupOutput{dbSubnetGroup(g)}, nil
	})
}

// DescribeDBSubnetGroupsInput is the input of [RDS.DescribeDBSubnetGroups].
type DescribeDBSubnetGroupsInput struct {
	DBSubnetGroupName string `query:"DBSubnetGroupName"`
	RecordPage
}

// DescribeDBSubnetGroupsOutput is the output of [RDS.DescribeDBSubnetGroups].
type DescribeDBSubnetGroupsOutput struct {
	DBSubnetGroups []DBSubnetGroup `query:"DBSubnetGroups>DBSubnetGroup"`
	Marker         string          `query:"Marker,omitempty"`
}

// DescribeDBSubnetGroups lists the caller's DB subnet groups in name
// order, or the one named (DBSubnetGroupNotFoundFault when there is none).
func (r RDS) DescribeDBSubnetGroups(caller Caller, in DescribeDBSubnetGroupsInput, now time.Time) (DescribeDBSubnetGroupsOutput, error) {
	return readOn(r.c, caller, in, now, func(c *Cloud, k *call, in *DescribeDBSubnetGroupsInput) (*DescribeDBSubnetGroupsOutput, error) {
		gs, next, err := c.describeGroups(k, subnetgroup.RDS, in.DBSubnetGroupName, in.RecordPage, nil)
		if err != nil {
			return nil, err
		}
		out := &DescribeDBSubnetGroupsOutput{Marker: next}
		for _, g := range gs {
			out.DBSubnetGroups = append(out.DBSubnetGroups, dbSubnetGroup(g))
		}
		return out, nil
	})
}

// ModifyDBSubnetGroupInput is the input of [RDS.ModifyDBSubnetGroup].
type ModifyDBSubnetGroupInput struct {
	DBSubnetGroupName        string           `query:"DBSubnetGroupName,required"`
	DBSubnetGroupDescription Optional[string] `query:"DBSubnetGroupDescription"`
	SubnetIDs                []string         `query:"SubnetIds>SubnetIdentifier"`
}

// ModifyDBSubnetGroup replaces a DB subnet group's subnets, which RDS
// requires in every request, with subnets of the same VPC
// (InvalidParameterValue otherwise), and its description when given.
func (r RDS) ModifyDBSubnetGroup(caller Caller, in ModifyDBSubnetGroupInput, now time.Time) (CreateDBSubnetGroupOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *ModifyDBSubnetGroupInput) (*CreateDBSubnetGroupOutput, error) {
		g, err := c.modifyGroup(k, subnetgroup.RDS, in.DBSubnetGroupName, in.DBSubnetGroupDescription, in.SubnetIDs, true)
		if err != nil {
			return nil, err
		}
		return &CreateDBSubnetGroupOutput{dbSubnetGroup(g)}, nil
	})
}

// DeleteDBSubnetGroupInput is the input of [RDS.DeleteDBSubnetGroup].
type DeleteDBSubnetGroupInput struct {
	DBSubnetGroupName string `query:"DBSubnetGroupName,required"`
}

// DeleteDBSubnetGroup deletes a DB subnet group. A Cloud holds no DB
// instances, so no group is in use.
func (r RDS) DeleteDBSubnetGroup(caller Caller, in DeleteDBSubnetGroupInput, now time.Time) (EmptyOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *DeleteDBSubnetGroupInput) (*EmptyOutput, error) {
		return &EmptyOutput{}, c.deleteGroup(k, subnetgroup.RDS, in.DBSubnetGroupName)
	})
}

// ListTagsForResource answers the tags of the DB subnet group an ARN
// names (arn:aws:rds:REGION:ACCOUNT:subgrp:NAME).
func (r RDS) ListTagsForResource(caller Caller, in ListTagsForResourceInput, now time.Time) (TagListOutput, error) {
	return readOn(r.c, caller, in, now, func(c *Cloud, k *call, in *ListTagsForResourceInput) (*TagListOutput, error) {
		g, err := c.groupByARN(k, subnetgroup.RDS, in.ResourceName)
		if err != nil {
			return nil, err
		}
		return &TagListOutput{tagsOut(g.Tags())}, nil
	})
}

// AddTagsToResource adds or overwrites tags of the DB subnet group an ARN
// names.
func (r RDS) AddTagsToResource(caller Caller, in AddTagsToResourceInput, now time.Time) (EmptyOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *AddTagsToResourceInput) (*EmptyOutput, error) {
		_, err := c.tagGroup(k, subnetgroup.RDS, in.ResourceName, in.Tags)
		return &EmptyOutput{}, err
	})
}

// RemoveTagsFromResource removes tags, by key, from the DB subnet group an
// ARN names; a key the group has no tag of is ignored.
func (r RDS) RemoveTagsFromResource(caller Caller, in RemoveTagsFromResourceInput, now time.Time) (EmptyOutput, error) {
	return runOn(r.c, caller, in, now, func(c *Cloud, k *call, in *RemoveTagsFromResourceInput) (*EmptyOutput, error) {
		_, err := c.untagGroup(k, subnetgroup.RDS, in.ResourceName, in.TagKeys)
		return &EmptyOutput{}, err
	})
}
