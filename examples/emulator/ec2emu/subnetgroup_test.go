package ec2emu_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	ectypes "github.com/aws/aws-sdk-go-v2/service/elasticache/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	rstypes "github.com/aws/aws-sdk-go-v2/service/redshift/types"
	awshttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// subnets makes a VPC with a subnet in each of the given zones and
// returns the VPC and the subnets' IDs.
func subnets(t *testing.T, e *env, c *ec2.Client, block string, zones ...string) (string, []string) {
	t.Helper()
	vpc := newVPC(t, e, c, block+".0.0/16")
	var ids []string
	for i, z := range zones {
		out := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc),
			CidrBlock: aws.String(block + "." + string(rune('1'+i)) + ".0/24"), AvailabilityZone: aws.String(z)}))
		ids = append(ids, aws.ToString(out.Subnet.SubnetId))
	}
	return vpc, ids
}

// wantStatus fails unless err came back with the HTTP status code.
func wantStatus(t *testing.T, err error, code int) {
	t.Helper()
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != code {
		t.Fatalf("err = %v, want HTTP %d", err, code)
	}
}

// TestDBSubnetGroups drives the RDS actions Terraform's aws_db_subnet_group
// makes through the AWS SDK's RDS client.
func TestDBSubnetGroups(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "eu-west-1")
	db := e.rds(alice, "eu-west-1")
	vpc, ids := subnets(t, e, c, "10.0", "eu-west-1a", "eu-west-1b", "eu-west-1a")
	_, other := subnets(t, e, c, "10.1", "eu-west-1c")

	out := must[*rds.CreateDBSubnetGroupOutput](t)(db.CreateDBSubnetGroup(e.ctx, &rds.CreateDBSubnetGroupInput{
		DBSubnetGroupName: aws.String("Orders"), DBSubnetGroupDescription: aws.String("orders"), SubnetIds: ids[:2],
		Tags: []rdstypes.Tag{{Key: aws.String("Name"), Value: aws.String("orders")}}}))
	g := out.DBSubnetGroup
	arn := "arn:aws:rds:eu-west-1:" + alice + ":subgrp:orders"
	if aws.ToString(g.DBSubnetGroupName) != "orders" || aws.ToString(g.VpcId) != vpc || aws.ToString(g.SubnetGroupStatus) != "Complete" ||
		aws.ToString(g.DBSubnetGroupArn) != arn || !slices.Equal(g.SupportedNetworkTypes, []string{"IPV4"}) || len(g.Subnets) != 2 {
		t.Fatalf("CreateDBSubnetGroup = %+v", g)
	}
	zones := map[string]string{}
	for _, s := range g.Subnets {
		zones[aws.ToString(s.SubnetIdentifier)] = aws.ToString(s.SubnetAvailabilityZone.Name)
		if aws.ToString(s.SubnetStatus) != "Active" {
			t.Errorf("subnet %s status %q", aws.ToString(s.SubnetIdentifier), aws.ToString(s.SubnetStatus))
		}
	}
	if diff := cmp.Diff(map[string]string{ids[0]: "eu-west-1a", ids[1]: "eu-west-1b"}, zones); diff != "" {
		t.Errorf("subnets' zones mismatch (-want +got):\n%s", diff)
	}

	_, err := db.CreateDBSubnetGroup(e.ctx, &rds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String("ORDERS"),
		DBSubnetGroupDescription: aws.String("x"), SubnetIds: ids[:2]})
	var exists *rdstypes.DBSubnetGroupAlreadyExistsFault
	if !errors.As(err, &exists) || exists.ErrorMessage() != "The DB subnet group 'orders' already exists." {
		t.Fatalf("a second orders: %v", err)
	}
	_, err = db.CreateDBSubnetGroup(e.ctx, &rds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String("x"),
		DBSubnetGroupDescription: aws.String("x"), SubnetIds: []string{ids[0], ids[2]}})
	var zonesFault *rdstypes.DBSubnetGroupDoesNotCoverEnoughAZs
	if !errors.As(err, &zonesFault) {
		t.Fatalf("one zone: %v", err)
	}
	_, err = db.CreateDBSubnetGroup(e.ctx, &rds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String("x"),
		DBSubnetGroupDescription: aws.String("x"), SubnetIds: []string{ids[0], other[0]}})
	wantCode(t, err, "InvalidSubnet")
	_, err = db.CreateDBSubnetGroup(e.ctx, &rds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String("x"),
		DBSubnetGroupDescription: aws.String("x"), SubnetIds: []string{ids[0], "subnet-0123456789abcdef0"}})
	wantCode(t, err, "InvalidParameterValue")
	_, err = db.CreateDBSubnetGroup(e.ctx, &rds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String("x"),
		DBSubnetGroupDescription: aws.String("x"), SubnetIds: []string{}})
	wantCode(t, err, "InvalidSubnet")

	desc := must[*rds.DescribeDBSubnetGroupsOutput](t)(db.DescribeDBSubnetGroups(e.ctx, &rds.DescribeDBSubnetGroupsInput{DBSubnetGroupName: aws.String("orders")}))
	if len(desc.DBSubnetGroups) != 1 || aws.ToString(desc.DBSubnetGroups[0].DBSubnetGroupArn) != arn {
		t.Fatalf("DescribeDBSubnetGroups = %+v", desc)
	}
	_, err = db.DescribeDBSubnetGroups(e.ctx, &rds.DescribeDBSubnetGroupsInput{DBSubnetGroupName: aws.String("nope")})
	var notFound *rdstypes.DBSubnetGroupNotFoundFault
	if !errors.As(err, &notFound) {
		t.Fatalf("DescribeDBSubnetGroups(nope) = %v", err)
	}
	wantStatus(t, err, http.StatusNotFound)
	// Another account and another Region see none of it.
	if o := must[*rds.DescribeDBSubnetGroupsOutput](t)(e.rds(bob, "eu-west-1").DescribeDBSubnetGroups(e.ctx, &rds.DescribeDBSubnetGroupsInput{})); len(o.DBSubnetGroups) != 0 {
		t.Errorf("bob sees %+v", o.DBSubnetGroups)
	}
	if o := must[*rds.DescribeDBSubnetGroupsOutput](t)(e.rds(alice, "us-east-1").DescribeDBSubnetGroups(e.ctx, &rds.DescribeDBSubnetGroupsInput{})); len(o.DBSubnetGroups) != 0 {
		t.Errorf("us-east-1 sees %+v", o.DBSubnetGroups)
	}

	// Tags, the way Terraform keeps them: list, add, remove by key.
	must[*rds.AddTagsToResourceOutput](t)(db.AddTagsToResource(e.ctx, &rds.AddTagsToResourceInput{ResourceName: aws.String(arn),
		Tags: []rdstypes.Tag{{Key: aws.String("env"), Value: aws.String("prod")}}}))
	must[*rds.RemoveTagsFromResourceOutput](t)(db.RemoveTagsFromResource(e.ctx, &rds.RemoveTagsFromResourceInput{ResourceName: aws.String(arn), TagKeys: []string{"Name"}}))
	tags := must[*rds.ListTagsForResourceOutput](t)(db.ListTagsForResource(e.ctx, &rds.ListTagsForResourceInput{ResourceName: aws.String(arn)}))
	if len(tags.TagList) != 1 || aws.ToString(tags.TagList[0].Key) != "env" || aws.ToString(tags.TagList[0].Value) != "prod" {
		t.Fatalf("ListTagsForResource = %+v", tags.TagList)
	}

	mod := must[*rds.ModifyDBSubnetGroupOutput](t)(db.ModifyDBSubnetGroup(e.ctx, &rds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String("orders"),
		DBSubnetGroupDescription: aws.String("new"), SubnetIds: []string{ids[1], ids[2]}}))
	if aws.ToString(mod.DBSubnetGroup.DBSubnetGroupDescription) != "new" || len(mod.DBSubnetGroup.Subnets) != 2 {
		t.Fatalf("ModifyDBSubnetGroup = %+v", mod.DBSubnetGroup)
	}
	_, err = db.ModifyDBSubnetGroup(e.ctx, &rds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String("orders"), SubnetIds: other})
	wantCode(t, err, "DBSubnetGroupDoesNotCoverEnoughAZs")

	must[*rds.DeleteDBSubnetGroupOutput](t)(db.DeleteDBSubnetGroup(e.ctx, &rds.DeleteDBSubnetGroupInput{DBSubnetGroupName: aws.String("orders")}))
	_, err = db.DeleteDBSubnetGroup(e.ctx, &rds.DeleteDBSubnetGroupInput{DBSubnetGroupName: aws.String("orders")})
	if !errors.As(err, &notFound) {
		t.Fatalf("a second DeleteDBSubnetGroup = %v", err)
	}
}

// TestCacheSubnetGroups drives the ElastiCache actions of
// aws_elasticache_subnet_group through the SDK's ElastiCache client.
func TestCacheSubnetGroups(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	ec := e.elasticache(alice, "us-east-1")
	vpc, ids := subnets(t, e, c, "10.0", "us-east-1a", "us-east-1b")
	_, other := subnets(t, e, c, "10.1", "us-east-1c")

	g := must[*elasticache.CreateCacheSubnetGroupOutput](t)(ec.CreateCacheSubnetGroup(e.ctx, &elasticache.CreateCacheSubnetGroupInput{
		CacheSubnetGroupName: aws.String("Sessions"), CacheSubnetGroupDescription: aws.String("s"), SubnetIds: ids[:1],
		Tags: []ectypes.Tag{{Key: aws.String("team"), Value: aws.String("web")}}})).CacheSubnetGroup
	arn := "arn:aws:elasticache:us-east-1:" + alice + ":subnetgroup:sessions"
	if aws.ToString(g.CacheSubnetGroupName) != "sessions" || aws.ToString(g.ARN) != arn || aws.ToString(g.VpcId) != vpc ||
		len(g.Subnets) != 1 || aws.ToString(g.Subnets[0].SubnetAvailabilityZone.Name) != "us-east-1a" ||
		!slices.Equal(g.SupportedNetworkTypes, []ectypes.NetworkType{ectypes.NetworkTypeIpv4}) ||
		!slices.Equal(g.Subnets[0].SupportedNetworkTypes, []ectypes.NetworkType{ectypes.NetworkTypeIpv4}) {
		t.Fatalf("CreateCacheSubnetGroup = %+v", g)
	}
	_, err := ec.CreateCacheSubnetGroup(e.ctx, &elasticache.CreateCacheSubnetGroupInput{CacheSubnetGroupName: aws.String("sessions"),
		CacheSubnetGroupDescription: aws.String("s"), SubnetIds: ids[:1]})
	var exists *ectypes.CacheSubnetGroupAlreadyExistsFault
	if !errors.As(err, &exists) {
		t.Fatalf("a second sessions: %v", err)
	}
	_, err = ec.CreateCacheSubnetGroup(e.ctx, &elasticache.CreateCacheSubnetGroupInput{CacheSubnetGroupName: aws.String("x"),
		CacheSubnetGroupDescription: aws.String("s"), SubnetIds: []string{ids[0], other[0]}})
	var invalid *ectypes.InvalidSubnet
	if !errors.As(err, &invalid) {
		t.Fatalf("two VPCs: %v", err)
	}

	// Modify: the description alone keeps the subnets.
	mod := must[*elasticache.ModifyCacheSubnetGroupOutput](t)(ec.ModifyCacheSubnetGroup(e.ctx, &elasticache.ModifyCacheSubnetGroupInput{
		CacheSubnetGroupName: aws.String("sessions"), CacheSubnetGroupDescription: aws.String("new")})).CacheSubnetGroup
	if aws.ToString(mod.CacheSubnetGroupDescription) != "new" || len(mod.Subnets) != 1 {
		t.Fatalf("ModifyCacheSubnetGroup(description) = %+v", mod)
	}
	mod = must[*elasticache.ModifyCacheSubnetGroupOutput](t)(ec.ModifyCacheSubnetGroup(e.ctx, &elasticache.ModifyCacheSubnetGroupInput{
		CacheSubnetGroupName: aws.String("sessions"), SubnetIds: ids})).CacheSubnetGroup
	if len(mod.Subnets) != 2 {
		t.Fatalf("ModifyCacheSubnetGroup(subnets) = %+v", mod)
	}

	tl := must[*elasticache.AddTagsToResourceOutput](t)(ec.AddTagsToResource(e.ctx, &elasticache.AddTagsToResourceInput{ResourceName: aws.String(arn),
		Tags: []ectypes.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}}))
	if len(tl.TagList) != 2 {
		t.Fatalf("AddTagsToResource = %+v", tl.TagList)
	}
	_, err = ec.RemoveTagsFromResource(e.ctx, &elasticache.RemoveTagsFromResourceInput{ResourceName: aws.String(arn), TagKeys: []string{"nope"}})
	var tagNotFound *ectypes.TagNotFoundFault
	if !errors.As(err, &tagNotFound) {
		t.Fatalf("RemoveTagsFromResource(nope) = %v", err)
	}
	tl2 := must[*elasticache.RemoveTagsFromResourceOutput](t)(ec.RemoveTagsFromResource(e.ctx, &elasticache.RemoveTagsFromResourceInput{
		ResourceName: aws.String(arn), TagKeys: []string{"team"}}))
	list := must[*elasticache.ListTagsForResourceOutput](t)(ec.ListTagsForResource(e.ctx, &elasticache.ListTagsForResourceInput{ResourceName: aws.String(arn)}))
	if len(tl2.TagList) != 1 || len(list.TagList) != 1 || aws.ToString(list.TagList[0].Key) != "env" {
		t.Fatalf("tags after removing team: %+v, %+v", tl2.TagList, list.TagList)
	}
	_, err = ec.ListTagsForResource(e.ctx, &elasticache.ListTagsForResourceInput{ResourceName: aws.String("sessions")})
	var badARN *ectypes.InvalidARNFault
	if !errors.As(err, &badARN) {
		t.Fatalf("ListTagsForResource(sessions) = %v", err)
	}

	all := must[*elasticache.DescribeCacheSubnetGroupsOutput](t)(ec.DescribeCacheSubnetGroups(e.ctx, &elasticache.DescribeCacheSubnetGroupsInput{}))
	if len(all.CacheSubnetGroups) != 1 {
		t.Fatalf("DescribeCacheSubnetGroups = %+v", all)
	}
	must[*elasticache.DeleteCacheSubnetGroupOutput](t)(ec.DeleteCacheSubnetGroup(e.ctx, &elasticache.DeleteCacheSubnetGroupInput{CacheSubnetGroupName: aws.String("sessions")}))
	_, err = ec.DescribeCacheSubnetGroups(e.ctx, &elasticache.DescribeCacheSubnetGroupsInput{CacheSubnetGroupName: aws.String("sessions")})
	var notFound *ectypes.CacheSubnetGroupNotFoundFault
	if !errors.As(err, &notFound) {
		t.Fatalf("DescribeCacheSubnetGroups after delete = %v", err)
	}
	wantStatus(t, err, http.StatusBadRequest)
}

// TestClusterSubnetGroups drives the Redshift actions of
// aws_redshift_subnet_group through the SDK's Redshift client.
func TestClusterSubnetGroups(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	rs := e.redshift(alice, "us-east-1")
	vpc, ids := subnets(t, e, c, "10.0", "us-east-1a", "us-east-1b")

	g := must[*redshift.CreateClusterSubnetGroupOutput](t)(rs.CreateClusterSubnetGroup(e.ctx, &redshift.CreateClusterSubnetGroupInput{
		ClusterSubnetGroupName: aws.String("dw"), Description: aws.String("warehouse"), SubnetIds: ids,
		Tags: []rstypes.Tag{{Key: aws.String("team"), Value: aws.String("bi")}}})).ClusterSubnetGroup
	if aws.ToString(g.ClusterSubnetGroupName) != "dw" || aws.ToString(g.VpcId) != vpc || aws.ToString(g.SubnetGroupStatus) != "Complete" ||
		len(g.Subnets) != 2 || aws.ToString(g.Subnets[0].SubnetStatus) != "Active" || len(g.Tags) != 1 ||
		!slices.Equal(g.SupportedClusterIpAddressTypes, []string{"ipv4"}) {
		t.Fatalf("CreateClusterSubnetGroup = %+v", g)
	}
	_, err := rs.CreateClusterSubnetGroup(e.ctx, &redshift.CreateClusterSubnetGroupInput{ClusterSubnetGroupName: aws.String("DW"),
		Description: aws.String("x"), SubnetIds: ids})
	var exists *rstypes.ClusterSubnetGroupAlreadyExistsFault
	if !errors.As(err, &exists) {
		t.Fatalf("a second dw: %v", err)
	}
	_, err = rs.CreateClusterSubnetGroup(e.ctx, &redshift.CreateClusterSubnetGroupInput{ClusterSubnetGroupName: aws.String("x"),
		Description: aws.String("x"), SubnetIds: []string{"subnet-0123456789abcdef0"}})
	var invalid *rstypes.InvalidSubnet
	if !errors.As(err, &invalid) {
		t.Fatalf("an unknown subnet: %v", err)
	}

	arn := "arn:aws:redshift:us-east-1:" + alice + ":subnetgroup:dw"
	must[*redshift.CreateTagsOutput](t)(rs.CreateTags(e.ctx, &redshift.CreateTagsInput{ResourceName: aws.String(arn),
		Tags: []rstypes.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}}))
	must[*redshift.DeleteTagsOutput](t)(rs.DeleteTags(e.ctx, &redshift.DeleteTagsInput{ResourceName: aws.String(arn), TagKeys: []string{"team"}}))
	tagged := must[*redshift.DescribeTagsOutput](t)(rs.DescribeTags(e.ctx, &redshift.DescribeTagsInput{ResourceName: aws.String(arn)}))
	if len(tagged.TaggedResources) != 1 || aws.ToString(tagged.TaggedResources[0].Tag.Key) != "env" ||
		aws.ToString(tagged.TaggedResources[0].ResourceName) != arn || aws.ToString(tagged.TaggedResources[0].ResourceType) != "subnetgroup" {
		t.Fatalf("DescribeTags = %+v", tagged.TaggedResources)
	}
	_, err = rs.CreateTags(e.ctx, &redshift.CreateTagsInput{ResourceName: aws.String(strings.Replace(arn, ":dw", ":nope", 1)),
		Tags: []rstypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	var rnf *rstypes.ResourceNotFoundFault
	if !errors.As(err, &rnf) {
		t.Fatalf("CreateTags on nothing = %v", err)
	}
	wantStatus(t, err, http.StatusNotFound)

	mod := must[*redshift.ModifyClusterSubnetGroupOutput](t)(rs.ModifyClusterSubnetGroup(e.ctx, &redshift.ModifyClusterSubnetGroupInput{
		ClusterSubnetGroupName: aws.String("dw"), SubnetIds: ids[:1]})).ClusterSubnetGroup
	if len(mod.Subnets) != 1 || aws.ToString(mod.Description) != "warehouse" || len(mod.Tags) != 1 {
		t.Fatalf("ModifyClusterSubnetGroup = %+v", mod)
	}
	desc := must[*redshift.DescribeClusterSubnetGroupsOutput](t)(rs.DescribeClusterSubnetGroups(e.ctx, &redshift.DescribeClusterSubnetGroupsInput{
		ClusterSubnetGroupName: aws.String("dw")}))
	if len(desc.ClusterSubnetGroups) != 1 || aws.ToString(desc.ClusterSubnetGroups[0].Tags[0].Key) != "env" {
		t.Fatalf("DescribeClusterSubnetGroups = %+v", desc)
	}
	must[*redshift.DeleteClusterSubnetGroupOutput](t)(rs.DeleteClusterSubnetGroup(e.ctx, &redshift.DeleteClusterSubnetGroupInput{ClusterSubnetGroupName: aws.String("dw")}))
	_, err = rs.DescribeClusterSubnetGroups(e.ctx, &redshift.DescribeClusterSubnetGroupsInput{ClusterSubnetGroupName: aws.String("dw")})
	var notFound *rstypes.ClusterSubnetGroupNotFoundFault
	if !errors.As(err, &notFound) {
		t.Fatalf("DescribeClusterSubnetGroups after delete = %v", err)
	}
}

// TestServiceDispatch checks that the credential scope's service picks
// the API, and each API its own error document.
func TestServiceDispatch(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		service, body string
		status        int
		want          []string
	}{
		{"rds", "Action=DescribeDBSubnetGroups&Version=2014-10-31", http.StatusOK, []string{
			`<DescribeDBSubnetGroupsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribeDBSubnetGroupsResult></DescribeDBSubnetGroupsResult>`,
			`<ResponseMetadata><RequestId>`}},
		{"rds", "Action=DeleteDBSubnetGroup&DBSubnetGroupName=nope", http.StatusNotFound, []string{
			`<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>DBSubnetGroupNotFoundFault</Code>`, `<RequestId>`}},
		{"rds", "Action=DescribeVpcs", http.StatusBadRequest, []string{`<ErrorResponse`, `<Code>InvalidAction</Code>`}},
		{"rds", "Action=CreateDBSubnetGroup&DBSubnetGroupName=x", http.StatusBadRequest, []string{`<Code>MissingParameter</Code>`}},
		{"rds", "Action=CreateDBSubnetGroup&DBSubnetGroupName=x&DBSubnetGroupDescription=d&SubnetIds.1=subnet-0123456789abcdef0", http.StatusBadRequest,
			[]string{`<Code>UnknownParameter</Code>`}},
		{"elasticache", "Action=DeleteCacheSubnetGroup&CacheSubnetGroupName=nope", http.StatusBadRequest, []string{
			`<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">`, `<Code>CacheSubnetGroupNotFoundFault</Code>`}},
		{"redshift", "Action=DeleteTags&ResourceName=arn:aws:redshift:us-east-1:111111111111:subnetgroup:x", http.StatusNotFound, []string{
			`<ErrorResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">`, `<Code>ResourceNotFoundFault</Code>`}},
		{"redshift", "Action=DeleteTags&ResourceName=x&TagKeys=", http.StatusBadRequest, []string{`<Code>InvalidParameterValue</Code>`}},
		{"ec2", "Action=DescribeDBSubnetGroups", http.StatusBadRequest, []string{`<Response><Errors><Error><Code>InvalidAction</Code>`}},
		{"sts", "Action=GetCallerIdentity", http.StatusOK, []string{`<Account>111111111111</Account>`}},
		{"", "Action=DescribeVpcs", http.StatusOK, []string{`<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">`}},
	} {
		t.Run(tt.service+" "+tt.body, func(t *testing.T) {
			code, doc := signedPost(e.srv.Config.Handler, tt.service, alice, "us-east-1", tt.body)
			if code != tt.status {
				t.Fatalf("status %d, want %d:\n%s", code, tt.status, doc)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc, w) {
					t.Errorf("the answer lacks %s:\n%s", w, doc)
				}
			}
		})
	}
}

// signedPost serves one request signed for service (none when ""), as
// account in region, in process.
func signedPost(h http.Handler, service, account, region, body string) (int, string) {
	req := httptest.NewRequest("POST", "/", strings.NewReader(body))
	req.Header.Set("Content-Type", form)
	if service != "" {
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+account+"/20260301/"+region+"/"+service+"/aws4_request, SignedHeaders=host, Signature=00")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// TestStateRestartSubnetGroups restores the subnet groups of every
// service from the log alone (as kill -9 leaves it) and from a snapshot
// (as Close leaves it), and checks that the restored server answers them
// and goes on as the first would.
func TestStateRestartSubnetGroups(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	const us = "us-east-1"
	vpc := mustPost(t, s, alice, us, "Action=CreateVpc&CidrBlock=10.0.0.0/16", "vpcId")
	a := mustPost(t, s, alice, us, "Action=CreateSubnet&VpcId="+vpc+"&CidrBlock=10.0.1.0/24&AvailabilityZone=us-east-1a", "subnetId")
	b := mustPost(t, s, alice, us, "Action=CreateSubnet&VpcId="+vpc+"&CidrBlock=10.0.2.0/24&AvailabilityZone=us-east-1b", "subnetId")
	for _, r := range []struct{ service, body string }{
		{"rds", "Action=CreateDBSubnetGroup&DBSubnetGroupName=db&DBSubnetGroupDescription=d&SubnetIds.SubnetIdentifier.1=" + a +
			"&SubnetIds.SubnetIdentifier.2=" + b + "&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v"},
		{"rds", "Action=RemoveTagsFromResource&ResourceName=arn:aws:rds:us-east-1:" + alice + ":subgrp:db&TagKeys.member.1=k"},
		{"elasticache", "Action=CreateCacheSubnetGroup&CacheSubnetGroupName=cache&CacheSubnetGroupDescription=d&SubnetIds.SubnetIdentifier.1=" + a},
		{"elasticache", "Action=ModifyCacheSubnetGroup&CacheSubnetGroupName=cache&CacheSubnetGroupDescription=e"},
		{"redshift", "Action=CreateClusterSubnetGroup&ClusterSubnetGroupName=dw&Description=d&SubnetIds.SubnetIdentifier.1=" + b},
		{"redshift", "Action=CreateTags&ResourceName=arn:aws:redshift:us-east-1:" + alice + ":subnetgroup:dw&Tags.Tag.1.Key=env&Tags.Tag.1.Value=dev"},
		{"redshift", "Action=CreateClusterSubnetGroup&ClusterSubnetGroupName=gone&Description=d&SubnetIds.SubnetIdentifier.1=" + b},
		{"redshift", "Action=DeleteClusterSubnetGroup&ClusterSubnetGroupName=gone"},
	} {
		if code, doc := signedPost(s, r.service, alice, us, r.body); code != http.StatusOK {
			t.Fatalf("%s %s: %d %s", r.service, r.body, code, doc)
		}
	}
	// A refused call changes nothing and is not logged.
	if code, _ := signedPost(s, "rds", alice, us, "Action=CreateDBSubnetGroup&DBSubnetGroupName=db&DBSubnetGroupDescription=d&SubnetIds.SubnetIdentifier.1="+a); code != http.StatusBadRequest {
		t.Fatalf("a second db answered %d", code)
	}

	crashed, _ := openState(t, crashCopy(t, dir), wall)
	wantSameState(t, s, crashed)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	closed, _ := openState(t, dir, wall)
	wantSameState(t, crashed, closed)
	for _, srv := range []*ec2emu.Server{crashed, closed} {
		for _, r := range []struct{ service, body, want string }{
			{"rds", "Action=DescribeDBSubnetGroups", "<DBSubnetGroupName>db</DBSubnetGroupName>"},
			{"rds", "Action=ListTagsForResource&ResourceName=arn:aws:rds:us-east-1:" + alice + ":subgrp:db", "<ListTagsForResourceResult></ListTagsForResourceResult>"},
			{"elasticache", "Action=DescribeCacheSubnetGroups", "<CacheSubnetGroupDescription>e</CacheSubnetGroupDescription>"},
			{"redshift", "Action=DescribeClusterSubnetGroups", "<Tags><Tag><Key>env</Key><Value>dev</Value></Tag></Tags>"},
		} {
			code, doc := signedPost(srv, r.service, alice, us, r.body)
			if code != http.StatusOK || !strings.Contains(doc, r.want) {
				t.Errorf("restored: %s %s: %d, want %s in\n%s", r.service, r.body, code, r.want, doc)
			}
		}
		if code, doc := signedPost(srv, "redshift", alice, us, "Action=DescribeClusterSubnetGroups&ClusterSubnetGroupName=gone"); code != http.StatusBadRequest {
			t.Errorf("restored: the deleted group answers %d %s", code, doc)
		}
		mustPost(t, srv, alice, us, "Action=CreateVpc&CidrBlock=10.9.0.0/16", "vpcId")
		signedPost(srv, "elasticache", alice, us, "Action=DeleteCacheSubnetGroup&CacheSubnetGroupName=cache")
	}
	wantSameState(t, crashed, closed)
}
