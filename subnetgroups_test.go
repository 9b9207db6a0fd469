package vpcmodel_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/subnetgroup"
)

// groupWorld is a Cloud with alice's VPC of three subnets in three zones,
// her second VPC with one subnet, and bob's VPC with one subnet.
type groupWorld struct {
	c             *vpcmodel.Cloud
	a, b, c3, far string // alice's subnets; far is in her second VPC
	bobs, bobs2   string
}

func newGroupWorld(t *testing.T) *groupWorld {
	t.Helper()
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9})})
	subnet := func(who vpcmodel.Caller, vpc, block, zone string) string {
		return must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(who, vpcmodel.CreateSubnetInput{VPCID: vpc, CIDRBlock: block, AvailabilityZone: zone}, t0)).Subnet.SubnetID
	}
	vpc := func(who vpcmodel.Caller, block string) string {
		return must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: block}, t0)).VPC.VPCID
	}
	v1, v2, vb := vpc(alice, "10.0.0.0/16"), vpc(alice, "10.1.0.0/16"), vpc(bob, "10.2.0.0/16")
	return &groupWorld{c: c,
		a: subnet(alice, v1, "10.0.1.0/24", "us-east-1a"), b: subnet(alice, v1, "10.0.2.0/24", "us-east-1b"),
		c3: subnet(alice, v1, "10.0.3.0/24", "us-east-1a"), far: subnet(alice, v2, "10.1.1.0/24", "us-east-1c"),
		bobs: subnet(bob, vb, "10.2.1.0/24", "eu-west-1a"), bobs2: subnet(bob, vb, "10.2.2.0/24", "eu-west-1b")}
}

func TestDBSubnetGroups(t *testing.T) {
	w := newGroupWorld(t)
	rds := w.c.RDS()
	g := must[vpcmodel.CreateDBSubnetGroupOutput](t)(rds.CreateDBSubnetGroup(alice, vpcmodel.CreateDBSubnetGroupInput{
		DBSubnetGroupName: "Orders", DBSubnetGroupDescription: "orders", SubnetIDs: []string{w.b, w.a},
		Tags: []vpcmodel.Tag{{Key: "Name", Value: "orders"}}}, t0)).DBSubnetGroup
	want := vpcmodel.DBSubnetGroup{DBSubnetGroupName: "orders", DBSubnetGroupDescription: "orders", VPCID: g.VPCID,
		SubnetGroupStatus: "Complete", DBSubnetGroupARN: "arn:aws:rds:us-east-1:111111111111:subgrp:orders", SupportedNetworkTypes: []string{"IPV4"},
		Subnets: []vpcmodel.DBSubnet{
			{SubnetIdentifier: min(w.a, w.b), SubnetAvailabilityZone: vpcmodel.NamedZone{Name: zoneOf(w, min(w.a, w.b))}, SubnetStatus: "Active"},
			{SubnetIdentifier: max(w.a, w.b), SubnetAvailabilityZone: vpcmodel.NamedZone{Name: zoneOf(w, max(w.a, w.b))}, SubnetStatus: "Active"}}}
	if diff := cmp.Diff(want, g); diff != "" || !strings.HasPrefix(g.VPCID, "vpc-") {
		t.Fatalf("CreateDBSubnetGroup mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateDBSubnetGroupInput
		who  vpcmodel.Caller
		code string
	}{
		{"name taken, in another case", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "ORDERS", SubnetIDs: []string{w.a, w.b}}, alice, "DBSubnetGroupAlreadyExists"},
		{"name taken, subnets bad too", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "orders"}, alice, "DBSubnetGroupAlreadyExists"},
		{"one zone", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "x", SubnetIDs: []string{w.a, w.c3}}, alice, "DBSubnetGroupDoesNotCoverEnoughAZs"},
		{"two VPCs", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "x", SubnetIDs: []string{w.a, w.far}}, alice, "InvalidSubnet"},
		{"another account's subnet", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "x", SubnetIDs: []string{w.a, w.bobs}}, alice, "InvalidParameterValue"},
		{"another Region's subnet", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "x", SubnetIDs: []string{w.a, w.b}},
			vpcmodel.Caller{Account: alice.Account, Region: "eu-west-1"}, "InvalidParameterValue"},
		{"no subnets", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "x"}, alice, "InvalidSubnet"},
		{"reserved", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "default", SubnetIDs: []string{w.a, w.b}}, alice, "InvalidParameterValue"},
		{"bad caller", vpcmodel.CreateDBSubnetGroupInput{DBSubnetGroupName: "x", SubnetIDs: []string{w.a, w.b}}, vpcmodel.Caller{Account: "1", Region: "us-east-1"}, "AuthFailure"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := w.c.Version()
			_, err := rds.CreateDBSubnetGroup(tt.who, tt.in, t0)
			wantCode(t, err, tt.code)
			if w.c.Version() != before {
				t.Error("a refused action moved Version")
			}
		})
	}
	// The same name is free in the other services, and for the same
	// service in another Region.
	must[vpcmodel.CreateCacheSubnetGroupOutput](t)(w.c.ElastiCache().CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{
		CacheSubnetGroupName: "orders", CacheSubnetGroupDescription: "d", SubnetIDs: []string{w.a}}, t0))
	must[vpcmodel.CreateDBSubnetGroupOutput](t)(rds.CreateDBSubnetGroup(bob, vpcmodel.CreateDBSubnetGroupInput{
		DBSubnetGroupName: "orders", DBSubnetGroupDescription: "d", SubnetIDs: []string{w.bobs, w.bobs2}}, t0))

	// Describe: everything, by name in any case, and the refusals.
	all := must[vpcmodel.DescribeDBSubnetGroupsOutput](t)(rds.DescribeDBSubnetGroups(alice, vpcmodel.DescribeDBSubnetGroupsInput{}, t0))
	if len(all.DBSubnetGroups) != 1 || all.Marker != "" {
		t.Fatalf("DescribeDBSubnetGroups = %+v", all)
	}
	one := must[vpcmodel.DescribeDBSubnetGroupsOutput](t)(rds.DescribeDBSubnetGroups(alice, vpcmodel.DescribeDBSubnetGroupsInput{DBSubnetGroupName: "ORDERS"}, t0))
	if diff := cmp.Diff(g, one.DBSubnetGroups[0]); diff != "" {
		t.Errorf("DescribeDBSubnetGroups(ORDERS) mismatch (-create +describe):\n%s", diff)
	}
	_, err := rds.DescribeDBSubnetGroups(alice, vpcmodel.DescribeDBSubnetGroupsInput{DBSubnetGroupName: "nope"}, t0)
	wantCode(t, err, "DBSubnetGroupNotFoundFault")
	_, err = rds.DescribeDBSubnetGroups(alice, vpcmodel.DescribeDBSubnetGroupsInput{RecordPage: vpcmodel.RecordPage{MaxRecords: vpcmodel.Some(5)}}, t0)
	wantCode(t, err, "InvalidParameterValue")

	// Modify: the subnets, within the VPC only; the description stays
	// when none is given.
	mod := must[vpcmodel.CreateDBSubnetGroupOutput](t)(rds.ModifyDBSubnetGroup(alice, vpcmodel.ModifyDBSubnetGroupInput{
		DBSubnetGroupName: "orders", SubnetIDs: []string{w.b, w.c3}}, t0)).DBSubnetGroup
	if len(mod.Subnets) != 2 || mod.DBSubnetGroupDescription != "orders" {
		t.Fatalf("ModifyDBSubnetGroup = %+v", mod)
	}
	_, err = rds.ModifyDBSubnetGroup(alice, vpcmodel.ModifyDBSubnetGroupInput{DBSubnetGroupName: "orders", SubnetIDs: []string{w.far}}, t0)
	wantCode(t, err, "DBSubnetGroupDoesNotCoverEnoughAZs")
	_, err = rds.ModifyDBSubnetGroup(alice, vpcmodel.ModifyDBSubnetGroupInput{DBSubnetGroupName: "orders"}, t0)
	wantCode(t, err, "InvalidSubnet")
	_, err = rds.ModifyDBSubnetGroup(alice, vpcmodel.ModifyDBSubnetGroupInput{DBSubnetGroupName: "nope", SubnetIDs: []string{w.a, w.b}}, t0)
	wantCode(t, err, "DBSubnetGroupNotFoundFault")

	// Tags, by ARN.
	arn := g.DBSubnetGroupARN
	must[vpcmodel.EmptyOutput](t)(rds.AddTagsToResource(alice, vpcmodel.AddTagsToResourceInput{ResourceName: arn, Tags: []vpcmodel.Tag{{Key: "env", Value: "prod"}}}, t0))
	must[vpcmodel.EmptyOutput](t)(rds.RemoveTagsFromResource(alice, vpcmodel.RemoveTagsFromResourceInput{ResourceName: arn, TagKeys: []string{"Name", "nope"}}, t0))
	tags := must[vpcmodel.TagListOutput](t)(rds.ListTagsForResource(alice, vpcmodel.ListTagsForResourceInput{ResourceName: arn}, t0))
	if diff := cmp.Diff([]vpcmodel.Tag{{Key: "env", Value: "prod"}}, tags.TagList); diff != "" {
		t.Errorf("tags mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct{ arn, code string }{
		{strings.Replace(arn, alice.Account, bob.Account, 1), "DBSubnetGroupNotFoundFault"},
		{strings.Replace(arn, "us-east-1", "eu-west-1", 1), "DBSubnetGroupNotFoundFault"},
		{strings.Replace(arn, ":orders", ":nope", 1), "DBSubnetGroupNotFoundFault"},
		{"orders", "InvalidParameterValue"},
	} {
		_, err := rds.ListTagsForResource(alice, vpcmodel.ListTagsForResourceInput{ResourceName: tt.arn}, t0)
		wantCode(t, err, tt.code)
	}

	// A subnet in a group can be deleted; the group keeps listing it.
	must[vpcmodel.DeleteSubnetOutput](t)(w.c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: w.c3}, t0))
	left := must[vpcmodel.DescribeDBSubnetGroupsOutput](t)(rds.DescribeDBSubnetGroups(alice, vpcmodel.DescribeDBSubnetGroupsInput{DBSubnetGroupName: "orders"}, t0))
	if got := left.DBSubnetGroups[0].Subnets; len(got) != 2 || got[0].SubnetIdentifier != min(w.b, w.c3) || got[1].SubnetIdentifier != max(w.b, w.c3) {
		t.Errorf("after DeleteSubnet the group lists %+v", got)
	}

	// Delete, once.
	before := w.c.Version()
	must[vpcmodel.EmptyOutput](t)(rds.DeleteDBSubnetGroup(alice, vpcmodel.DeleteDBSubnetGroupInput{DBSubnetGroupName: "ORDERS"}, t0))
	if w.c.Version() == before {
		t.Error("DeleteDBSubnetGroup did not move Version")
	}
	_, err = rds.DeleteDBSubnetGroup(alice, vpcmodel.DeleteDBSubnetGroupInput{DBSubnetGroupName: "orders"}, t0)
	wantCode(t, err, "DBSubnetGroupNotFoundFault")
	_, err = rds.ListTagsForResource(alice, vpcmodel.ListTagsForResourceInput{ResourceName: arn}, t0)
	wantCode(t, err, "DBSubnetGroupNotFoundFault")
}

func zoneOf(w *groupWorld, id string) string {
	out, err := w.c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{id}}, t0)
	if err != nil || len(out.Subnets) != 1 {
		return "?"
	}
	return out.Subnets[0].AvailabilityZone
}

func TestCacheSubnetGroups(t *testing.T) {
	w := newGroupWorld(t)
	ec := w.c.ElastiCache()
	g := must[vpcmodel.CreateCacheSubnetGroupOutput](t)(ec.CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{
		CacheSubnetGroupName: "Sessions", CacheSubnetGroupDescription: "s", SubnetIDs: []string{w.a}}, t0)).CacheSubnetGroup
	if g.CacheSubnetGroupName != "sessions" || g.ARN != "arn:aws:elasticache:us-east-1:111111111111:subnetgroup:sessions" ||
		len(g.Subnets) != 1 || g.Subnets[0].SupportedNetworkTypes[0] != "ipv4" || g.SupportedNetworkTypes[0] != "ipv4" {
		t.Fatalf("CreateCacheSubnetGroup = %+v", g)
	}
	_, err := ec.CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{CacheSubnetGroupName: "sessions", SubnetIDs: []string{w.a}}, t0)
	wantCode(t, err, "CacheSubnetGroupAlreadyExists")
	_, err = ec.CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{CacheSubnetGroupName: "x", SubnetIDs: []string{w.a, w.far}}, t0)
	wantCode(t, err, "InvalidSubnet")
	_, err = ec.CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{CacheSubnetGroupName: "x", SubnetIDs: []string{"subnet-0123456789abcdef0"}}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = ec.CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{CacheSubnetGroupName: "x_y", SubnetIDs: []string{w.a}}, t0)
	wantCode(t, err, "InvalidParameterValue")

	// Modify the description alone, then move the group to another VPC.
	mod := must[vpcmodel.CreateCacheSubnetGroupOutput](t)(ec.ModifyCacheSubnetGroup(alice, vpcmodel.ModifyCacheSubnetGroupInput{
		CacheSubnetGroupName: "sessions", CacheSubnetGroupDescription: vpcmodel.Some("new")}, t0)).CacheSubnetGroup
	if mod.CacheSubnetGroupDescription != "new" || len(mod.Subnets) != 1 || mod.Subnets[0].SubnetIdentifier != w.a {
		t.Fatalf("ModifyCacheSubnetGroup(description) = %+v", mod)
	}
	mod = must[vpcmodel.CreateCacheSubnetGroupOutput](t)(ec.ModifyCacheSubnetGroup(alice, vpcmodel.ModifyCacheSubnetGroupInput{
		CacheSubnetGroupName: "sessions", SubnetIDs: vpcmodel.Some([]string{w.far})}, t0)).CacheSubnetGroup
	if mod.CacheSubnetGroupDescription != "new" || mod.VPCID == g.VPCID {
		t.Fatalf("ModifyCacheSubnetGroup(subnets) = %+v", mod)
	}

	// Tags answer the group's tags; removing a tag it lacks is refused.
	tl := must[vpcmodel.TagListOutput](t)(ec.AddTagsToResource(alice, vpcmodel.AddTagsToResourceInput{ResourceName: g.ARN,
		Tags: []vpcmodel.Tag{{Key: "b", Value: "2"}, {Key: "a", Value: "1"}}}, t0))
	if diff := cmp.Diff([]vpcmodel.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}, tl.TagList); diff != "" {
		t.Errorf("AddTagsToResource mismatch (-want +got):\n%s", diff)
	}
	_, err = ec.RemoveTagsFromResource(alice, vpcmodel.RemoveTagsFromResourceInput{ResourceName: g.ARN, TagKeys: []string{"a", "c"}}, t0)
	wantCode(t, err, "TagNotFound")
	tl = must[vpcmodel.TagListOutput](t)(ec.ListTagsForResource(alice, vpcmodel.ListTagsForResourceInput{ResourceName: g.ARN}, t0))
	if len(tl.TagList) != 2 {
		t.Errorf("a refused RemoveTagsFromResource removed tags: %+v", tl)
	}
	_, err = ec.ListTagsForResource(alice, vpcmodel.ListTagsForResourceInput{ResourceName: "sessions"}, t0)
	wantCode(t, err, "InvalidARN")

	must[vpcmodel.EmptyOutput](t)(ec.DeleteCacheSubnetGroup(alice, vpcmodel.DeleteCacheSubnetGroupInput{CacheSubnetGroupName: "sessions"}, t0))
	_, err = ec.DescribeCacheSubnetGroups(alice, vpcmodel.DescribeCacheSubnetGroupsInput{CacheSubnetGroupName: "sessions"}, t0)
	wantCode(t, err, "CacheSubnetGroupNotFoundFault")
}

func TestClusterSubnetGroups(t *testing.T) {
	w := newGroupWorld(t)
	rs := w.c.Redshift()
	g := must[vpcmodel.CreateClusterSubnetGroupOutput](t)(rs.CreateClusterSubnetGroup(alice, vpcmodel.CreateClusterSubnetGroupInput{
		ClusterSubnetGroupName: "dw", Description: "d", SubnetIDs: []string{w.a}, Tags: []vpcmodel.Tag{{Key: "team", Value: "bi"}}}, t0)).ClusterSubnetGroup
	if g.SubnetGroupStatus != "Complete" || len(g.Tags) != 1 || g.SupportedClusterIPAddressTypes[0] != "ipv4" || g.Subnets[0].SubnetStatus != "Active" {
		t.Fatalf("CreateClusterSubnetGroup = %+v", g)
	}
	_, err := rs.CreateClusterSubnetGroup(alice, vpcmodel.CreateClusterSubnetGroupInput{ClusterSubnetGroupName: "x", SubnetIDs: []string{"subnet-0123456789abcdef0"}}, t0)
	wantCode(t, err, "InvalidSubnet")
	_, err = rs.CreateClusterSubnetGroup(alice, vpcmodel.CreateClusterSubnetGroupInput{ClusterSubnetGroupName: "Default", SubnetIDs: []string{w.a}}, t0)
	wantCode(t, err, "InvalidParameterValue")

	arn := "arn:aws:redshift:us-east-1:111111111111:subnetgroup:dw"
	must[vpcmodel.EmptyOutput](t)(rs.CreateTags(alice, vpcmodel.AddTagsToResourceInput{ResourceName: arn, Tags: []vpcmodel.Tag{{Key: "env", Value: "dev"}}}, t0))
	tagged := must[vpcmodel.DescribeResourceTagsOutput](t)(rs.DescribeTags(alice, vpcmodel.DescribeResourceTagsInput{ResourceName: arn}, t0))
	want := []vpcmodel.TaggedResource{
		{Tag: vpcmodel.Tag{Key: "env", Value: "dev"}, ResourceName: arn, ResourceType: "subnetgroup"},
		{Tag: vpcmodel.Tag{Key: "team", Value: "bi"}, ResourceName: arn, ResourceType: "subnetgroup"},
	}
	if diff := cmp.Diff(want, tagged.TaggedResources); diff != "" {
		t.Errorf("DescribeTags mismatch (-want +got):\n%s", diff)
	}
	byKey := must[vpcmodel.DescribeClusterSubnetGroupsOutput](t)(rs.DescribeClusterSubnetGroups(alice, vpcmodel.DescribeClusterSubnetGroupsInput{TagKeys: []string{"nope"}}, t0))
	if len(byKey.ClusterSubnetGroups) != 0 {
		t.Errorf("DescribeClusterSubnetGroups(TagKeys nope) = %+v", byKey)
	}
	must[vpcmodel.EmptyOutput](t)(rs.DeleteTags(alice, vpcmodel.DeleteResourceTagsInput{ResourceName: arn, TagKeys: []string{"env", "nope"}}, t0))
	_, err = rs.CreateTags(alice, vpcmodel.AddTagsToResourceInput{ResourceName: strings.Replace(arn, ":dw", ":nope", 1), Tags: []vpcmodel.Tag{{Key: "k"}}}, t0)
	wantCode(t, err, "ResourceNotFoundFault")
	_, err = rs.CreateTags(alice, vpcmodel.AddTagsToResourceInput{ResourceName: arn, Tags: []vpcmodel.Tag{{Key: "aws:k"}}}, t0)
	wantCode(t, err, "InvalidTagFault")

	mod := must[vpcmodel.CreateClusterSubnetGroupOutput](t)(rs.ModifyClusterSubnetGroup(alice, vpcmodel.ModifyClusterSubnetGroupInput{
		ClusterSubnetGroupName: "dw", SubnetIDs: []string{w.a, w.b}}, t0)).ClusterSubnetGroup
	if len(mod.Subnets) != 2 || mod.Description != "d" || len(mod.Tags) != 1 {
		t.Fatalf("ModifyClusterSubnetGroup = %+v", mod)
	}
	must[vpcmodel.EmptyOutput](t)(rs.DeleteClusterSubnetGroup(alice, vpcmodel.DeleteClusterSubnetGroupInput{ClusterSubnetGroupName: "dw"}, t0))
	_, err = rs.DeleteClusterSubnetGroup(alice, vpcmodel.DeleteClusterSubnetGroupInput{ClusterSubnetGroupName: "dw"}, t0)
	wantCode(t, err, "ClusterSubnetGroupNotFoundFault")
}

// TestSubnetGroupPages lists 45 groups 20 at a time, and the tags of a
// group 20 at a time.
func TestSubnetGroupPages(t *testing.T) {
	w := newGroupWorld(t)
	var names []string
	for i := range 45 {
		name := fmt.Sprintf("g%02d", i)
		names = append(names, name)
		must[vpcmodel.CreateClusterSubnetGroupOutput](t)(w.c.Redshift().CreateClusterSubnetGroup(alice, vpcmodel.CreateClusterSubnetGroupInput{
			ClusterSubnetGroupName: name, Description: "d", SubnetIDs: []string{w.a}}, t0))
	}
	var got []string
	pg := vpcmodel.RecordPage{MaxRecords: vpcmodel.Some(20)}
	for pages := 0; ; pages++ {
		out := must[vpcmodel.DescribeClusterSubnetGroupsOutput](t)(w.c.Redshift().DescribeClusterSubnetGroups(alice, vpcmodel.DescribeClusterSubnetGroupsInput{RecordPage: pg}, t0))
		for _, g := range out.ClusterSubnetGroups {
			got = append(got, g.ClusterSubnetGroupName)
		}
		if out.Marker == "" {
			if pages != 2 {
				t.Errorf("%d pages, want 3", pages+1)
			}
			break
		}
		pg.Marker = out.Marker
	}
	if diff := cmp.Diff(names, got); diff != "" {
		t.Errorf("paged names mismatch (-want +got):\n%s", diff)
	}
	var tags []vpcmodel.Tag
	for i := range 45 {
		tags = append(tags, vpcmodel.Tag{Key: fmt.Sprintf("k%02d", i)})
	}
	arn := "arn:aws:redshift:us-east-1:111111111111:subnetgroup:g00"
	must[vpcmodel.EmptyOutput](t)(w.c.Redshift().CreateTags(alice, vpcmodel.AddTagsToResourceInput{ResourceName: arn, Tags: tags}, t0))
	n := 0
	pg = vpcmodel.RecordPage{MaxRecords: vpcmodel.Some(20)}
	for {
		out := must[vpcmodel.DescribeResourceTagsOutput](t)(w.c.Redshift().DescribeTags(alice, vpcmodel.DescribeResourceTagsInput{RecordPage: pg}, t0))
		n += len(out.TaggedResources)
		if out.Marker == "" {
			break
		}
		pg.Marker = out.Marker
	}
	if n != 45 {
		t.Errorf("DescribeTags pages hold %d tags, want 45", n)
	}
	_, err := w.c.Redshift().DescribeTags(alice, vpcmodel.DescribeResourceTagsInput{RecordPage: vpcmodel.RecordPage{Marker: "!"}}, t0)
	wantCode(t, err, "InvalidParameterValue")
}

// TestSubnetGroupsEncoding writes a Cloud with groups of every service out
// and reads it back: every service answers alike, the bytes are the
// same, and a stream holding a group twice is refused.
func TestSubnetGroupsEncoding(t *testing.T) {
	w := newGroupWorld(t)
	must[vpcmodel.CreateDBSubnetGroupOutput](t)(w.c.RDS().CreateDBSubnetGroup(alice, vpcmodel.CreateDBSubnetGroupInput{
		DBSubnetGroupName: "db", DBSubnetGroupDescription: "tab\there\nnewline", SubnetIDs: []string{w.a, w.b}, Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}, t0))
	must[vpcmodel.CreateCacheSubnetGroupOutput](t)(w.c.ElastiCache().CreateCacheSubnetGroup(alice, vpcmodel.CreateCacheSubnetGroupInput{
		CacheSubnetGroupName: "db", CacheSubnetGroupDescription: "d", SubnetIDs: []string{w.far}}, t0))
	must[vpcmodel.CreateClusterSubnetGroupOutput](t)(w.c.Redshift().CreateClusterSubnetGroup(bob, vpcmodel.CreateClusterSubnetGroupInput{
		ClusterSubnetGroupName: "dw", Description: "d", SubnetIDs: []string{w.bobs}}, t0))
	// A group outlives its subnets.
	must[vpcmodel.DeleteSubnetOutput](t)(w.c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: w.far}, t0))

	var buf bytes.Buffer
	if _, err := w.c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\nsubnetGroup\t"); n != 3 {
		t.Fatalf("the stream holds %d subnet groups, want 3:\n%s", n, buf.String())
	}
	c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
	if _, err := c2.ReadFrom(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	for _, who := range []vpcmodel.Caller{alice, bob} {
		a, errA := subnetGroupViews(w.c, who, t0)
		b, errB := subnetGroupViews(c2, who, t0)
		if a != b || errA != nil || errB != nil || a == "" {
			t.Errorf("%v: views differ after ReadFrom (%v, %v):\n%s\n---\n%s", who, errA, errB, a, b)
		}
	}
	var again bytes.Buffer
	if _, err := c2.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("the Cloud read back writes other bytes (%v)", err)
	}

	lines := strings.SplitAfter(buf.String(), "\n")
	var group string
	for _, l := range lines {
		if strings.HasPrefix(l, "subnetGroup\t") {
			group = l
		}
	}
	trailer := lines[len(lines)-2]
	twice := strings.Replace(buf.String(), group, group+group, 1)
	twice = strings.Replace(twice, trailer, fmt.Sprintf("end\t%d\n", len(lines)-2), 1)
	if _, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(twice)); !errors.Is(err, vpcmodel.ErrEncoding) || !strings.Contains(err.Error(), "twice") {
		t.Errorf("ReadFrom of a group twice = %v", err)
	}
	bad := strings.Replace(buf.String(), `"name":"dw"`, `"name":"DW"`, 1)
	if _, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(bad)); !errors.Is(err, vpcmodel.ErrEncoding) {
		t.Errorf("ReadFrom of a bad group = %v", err)
	}
}

func TestZeroServiceViews(t *testing.T) {
	var rds vpcmodel.RDS
	if _, err := rds.CreateDBSubnetGroup(alice, vpcmodel.CreateDBSubnetGroupInput{}, t0); err == nil {
		t.Error("the zero RDS served a call")
	}
	var ec vpcmodel.ElastiCache
	if _, err := ec.DescribeCacheSubnetGroups(alice, vpcmodel.DescribeCacheSubnetGroupsInput{}, t0); err == nil {
		t.Error("the zero ElastiCache served a call")
	}
	var rs vpcmodel.Redshift
	if _, err := rs.DescribeTags(alice, vpcmodel.DescribeResourceTagsInput{}, t0); err == nil {
		t.Error("the zero Redshift served a call")
	}
	_ = subnetgroup.RDS
}
