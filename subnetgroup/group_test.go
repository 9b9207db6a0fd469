package subnetgroup_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/subnetgroup"
	"github.com/vpclab/vpcmodel/tag"
)

const (
	owner  = "111122223333"
	region = "us-east-1"
)

// world is a caller's subnets: two VPCs, several zones.
var world = map[string]subnetgroup.Subnet{
	"subnet-0000000a": {ID: "subnet-0000000a", VPCID: "vpc-00000001", Zone: "us-east-1a"},
	"subnet-0000000b": {ID: "subnet-0000000b", VPCID: "vpc-00000001", Zone: "us-east-1b"},
	"subnet-0000000c": {ID: "subnet-0000000c", VPCID: "vpc-00000001", Zone: "us-east-1a"},
	"subnet-0000000d": {ID: "subnet-0000000d", VPCID: "vpc-00000002", Zone: "us-east-1c"},
	"subnet-0000000e": {ID: "subnet-0000000e", VPCID: "vpc-00000002", Zone: "us-east-1d"},
}

func lookup(id string) (subnetgroup.Subnet, bool) { s, ok := world[id]; return s, ok }

func spec(svc subnetgroup.Service, name string, ids ...string) subnetgroup.Spec {
	return subnetgroup.Spec{Service: svc, OwnerID: owner, Region: region, Name: name, Description: "d", SubnetIDs: ids}
}

// wantError checks that err is a *subnetgroup.Error wrapping cause with code.
func wantError(t *testing.T, err, cause error, code string) {
	t.Helper()
	var e *subnetgroup.Error
	if !errors.As(err, &e) || !errors.Is(err, cause) || e.ErrorCode() != code || e.ErrorMessage() == "" {
		t.Fatalf("err = %v, want a *subnetgroup.Error wrapping %v with code %q and a message", err, cause, code)
	}
}

func TestParseName(t *testing.T) {
	long := strings.Repeat("a", subnetgroup.MaxNameLength)
	for _, tt := range []struct {
		svc   subnetgroup.Service
		name  string
		want  string
		cause error
	}{
		{subnetgroup.RDS, "MyGroup", "mygroup", nil},
		{subnetgroup.RDS, "my group_1.a-b", "my group_1.a-b", nil},
		{subnetgroup.RDS, long, long, nil},
		{subnetgroup.RDS, long + "a", "", subnetgroup.ErrInvalidName},
		{subnetgroup.RDS, "", "", subnetgroup.ErrInvalidName},
		{subnetgroup.RDS, "1group", "", subnetgroup.ErrInvalidName},
		{subnetgroup.RDS, "-group", "", subnetgroup.ErrInvalidName},
		{subnetgroup.RDS, "group/1", "", subnetgroup.ErrInvalidName},
		{subnetgroup.RDS, "Default", "", subnetgroup.ErrReservedName},
		{subnetgroup.RDS, "default-1", "default-1", nil},
		{subnetgroup.ElastiCache, "Cache-1", "cache-1", nil},
		{subnetgroup.ElastiCache, "1cache", "1cache", nil},
		{subnetgroup.ElastiCache, "default", "default", nil},
		{subnetgroup.ElastiCache, "cache_1", "", subnetgroup.ErrInvalidName},
		{subnetgroup.ElastiCache, "cache 1", "", subnetgroup.ErrInvalidName},
		{subnetgroup.ElastiCache, "caché", "", subnetgroup.ErrInvalidName},
		{subnetgroup.Redshift, "Warehouse-1", "warehouse-1", nil},
		{subnetgroup.Redshift, "DEFAULT", "", subnetgroup.ErrReservedName},
		{subnetgroup.Redshift, "ware.house", "", subnetgroup.ErrInvalidName},
	} {
		t.Run(fmt.Sprintf("%s/%q", tt.svc, tt.name), func(t *testing.T) {
			got, err := tt.svc.Rules().ParseName(tt.name)
			if tt.cause != nil {
				wantError(t, err, tt.cause, "InvalidParameterValue")
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseName(%q) = %q, %v, want %q", tt.name, got, err, tt.want)
			}
			// Parsing is idempotent.
			if again, err := tt.svc.Rules().ParseName(got); err != nil || again != got {
				t.Fatalf("ParseName(%q) = %q, %v, want it unchanged", got, again, err)
			}
		})
	}
}

func TestCreate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		spec  subnetgroup.Spec
		cause error
		code  string
	}{
		{"rds two zones", spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000000b"), nil, ""},
		{"rds one zone", spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000000c"),
			subnetgroup.ErrZones, "DBSubnetGroupDoesNotCoverEnoughAZs"},
		{"rds one subnet", spec(subnetgroup.RDS, "db", "subnet-0000000a"), subnetgroup.ErrZones, "DBSubnetGroupDoesNotCoverEnoughAZs"},
		{"elasticache one subnet", spec(subnetgroup.ElastiCache, "cache", "subnet-0000000a"), nil, ""},
		{"redshift one subnet", spec(subnetgroup.Redshift, "dw", "subnet-0000000d"), nil, ""},
		{"rds no subnets", spec(subnetgroup.RDS, "db"), subnetgroup.ErrNoSubnets, "InvalidSubnet"},
		{"elasticache no subnets", spec(subnetgroup.ElastiCache, "cache"), subnetgroup.ErrNoSubnets, "InvalidParameterValue"},
		{"redshift no subnets", spec(subnetgroup.Redshift, "dw"), subnetgroup.ErrNoSubnets, "InvalidSubnet"},
		{"rds unknown subnet", spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000ffff"),
			subnetgroup.ErrUnknownSubnet, "InvalidParameterValue"},
		{"elasticache unknown subnet", spec(subnetgroup.ElastiCache, "cache", "subnet-0000ffff"),
			subnetgroup.ErrUnknownSubnet, "InvalidParameterValue"},
		{"redshift unknown subnet", spec(subnetgroup.Redshift, "dw", "subnet-0000ffff"), subnetgroup.ErrUnknownSubnet, "InvalidSubnet"},
		{"rds two vpcs", spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000000d"), subnetgroup.ErrMixedVPCs, "InvalidSubnet"},
		{"elasticache two vpcs", spec(subnetgroup.ElastiCache, "c", "subnet-0000000a", "subnet-0000000d"), subnetgroup.ErrMixedVPCs, "InvalidSubnet"},
		{"redshift two vpcs", spec(subnetgroup.Redshift, "r", "subnet-0000000a", "subnet-0000000d"), subnetgroup.ErrMixedVPCs, "InvalidSubnet"},
		{"bad name first", spec(subnetgroup.RDS, "_db", "subnet-0000ffff"), subnetgroup.ErrInvalidName, "InvalidParameterValue"},
		{"unknown service", spec("ec2", "x", "subnet-0000000a"), subnetgroup.ErrInvalid, "InvalidParameterValue"},
		{"bad owner", subnetgroup.Spec{Service: subnetgroup.RDS, OwnerID: "1", Region: region, Name: "db",
			SubnetIDs: []string{"subnet-0000000a", "subnet-0000000b"}}, subnetgroup.ErrInvalid, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, err := subnetgroup.Create(tt.spec, lookup)
			if tt.cause != nil {
				wantError(t, err, tt.cause, tt.code)
				return
			}
			if err != nil {
				t.Fatalf("Create(%+v) = %v", tt.spec, err)
			}
			if g.Name() != strings.ToLower(tt.spec.Name) || g.OwnerID() != owner || g.Region() != region || g.Service() != tt.spec.Service {
				t.Fatalf("Create(%+v) = %+v", tt.spec, g)
			}
			if want := world[tt.spec.SubnetIDs[0]].VPCID; g.VPCID() != want {
				t.Fatalf("VPCID() = %q, want %q", g.VPCID(), want)
			}
		})
	}
}

func TestCreateMessages(t *testing.T) {
	_, err := subnetgroup.Create(spec(subnetgroup.RDS, "db", "subnet-0000000c", "subnet-0000000a"), lookup)
	var e *subnetgroup.Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	want := "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: us-east-1a. Add subnets to cover at least 2 AZs."
	if got := e.ErrorMessage(); got != want {
		t.Errorf("ErrorMessage() = %q, want %q", got, want)
	}
	_, err = subnetgroup.Create(spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000ffff"), lookup)
	if !errors.As(err, &e) || e.ErrorMessage() != "Some input subnets in :[subnet-0000000a, subnet-0000ffff] are invalid." {
		t.Errorf("unknown subnet: %v", err)
	}
	_, err = subnetgroup.Create(spec(subnetgroup.ElastiCache, "c", "subnet-0000000d", "subnet-0000000a"), lookup)
	if !errors.As(err, &e) || e.ErrorMessage() != "Subnets subnet-0000000a and subnet-0000000d are not in the same VPC." {
		t.Errorf("two VPCs: %v", err)
	}
	if got := subnetgroup.RDS.Rules().ExistsError("db").ErrorMessage(); got != "The DB subnet group 'db' already exists." {
		t.Errorf("ExistsError = %q", got)
	}
	if got := subnetgroup.ElastiCache.Rules().ExistsError("c").ErrorMessage(); got != "Cache subnet group c already exists." {
		t.Errorf("ExistsError = %q", got)
	}
	nf := subnetgroup.Redshift.Rules().NotFoundError("dw")
	if !errors.Is(nf, subnetgroup.ErrNotFound) || nf.ErrorCode() != "ClusterSubnetGroupNotFoundFault" {
		t.Errorf("NotFoundError = %v (%s)", nf, nf.ErrorCode())
	}
}

func TestCreateNormalises(t *testing.T) {
	g, err := subnetgroup.Create(spec(subnetgroup.RDS, "DB", "subnet-0000000c", "subnet-0000000b", "subnet-0000000a", "subnet-0000000b"), lookup)
	if err != nil {
		t.Fatal(err)
	}
	want := []subnetgroup.Subnet{world["subnet-0000000a"], world["subnet-0000000b"], world["subnet-0000000c"]}
	if diff := cmp.Diff(want, g.Subnets()); diff != "" {
		t.Errorf("Subnets() mismatch (-want +got):\n%s", diff)
	}
	if g.Name() != "db" || g.ARN() != "arn:aws:rds:us-east-1:111122223333:subgrp:db" {
		t.Errorf("Name() = %q, ARN() = %q", g.Name(), g.ARN())
	}
	if got := g.NetworkTypes(); len(got) != 1 || got[0] != "IPV4" {
		t.Errorf("NetworkTypes() = %v", got)
	}
	// Subnets returns a copy.
	g.Subnets()[0].ID = "x"
	if g.Subnets()[0].ID != "subnet-0000000a" {
		t.Error("Subnets() shares its slice")
	}
}

func TestTooManySubnets(t *testing.T) {
	big := map[string]subnetgroup.Subnet{}
	var ids []string
	for i := range subnetgroup.MaxSubnets + 1 {
		id := fmt.Sprintf("subnet-%08x", i)
		big[id] = subnetgroup.Subnet{ID: id, VPCID: "vpc-00000001", Zone: fmt.Sprintf("us-east-1%c", 'a'+i%6)}
		ids = append(ids, id)
	}
	find := func(id string) (subnetgroup.Subnet, bool) { s, ok := big[id]; return s, ok }
	for _, svc := range subnetgroup.Service("").Values() {
		if _, err := subnetgroup.Create(spec(svc, "g", ids[:subnetgroup.MaxSubnets]...), find); err != nil {
			t.Errorf("%s: %d subnets: %v", svc, subnetgroup.MaxSubnets, err)
		}
		_, err := subnetgroup.Create(spec(svc, "g", ids...), find)
		wantError(t, err, subnetgroup.ErrTooManySubnets, map[subnetgroup.Service]string{
			subnetgroup.RDS: "DBSubnetQuotaExceededFault", subnetgroup.ElastiCache: "CacheSubnetQuotaExceededFault",
			subnetgroup.Redshift: "ClusterSubnetQuotaExceededFault"}[svc])
	}
}

func TestWithSubnets(t *testing.T) {
	g, err := subnetgroup.Create(spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000000b"), lookup)
	if err != nil {
		t.Fatal(err)
	}
	next, err := g.WithSubnets([]string{"subnet-0000000b", "subnet-0000000c"}, lookup)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Subnets()) != 2 || next.Subnets()[1].ID != "subnet-0000000c" || g.Subnets()[1].ID != "subnet-0000000b" {
		t.Fatalf("WithSubnets: %v, original %v", next.Subnets(), g.Subnets())
	}
	_, err = g.WithSubnets([]string{"subnet-0000000d", "subnet-0000000e"}, lookup)
	wantError(t, err, subnetgroup.ErrOtherVPC, "InvalidParameterValue")
	_, err = g.WithSubnets([]string{"subnet-0000000a"}, lookup)
	wantError(t, err, subnetgroup.ErrZones, "DBSubnetGroupDoesNotCoverEnoughAZs")

	// ElastiCache and Redshift groups may move to another VPC.
	for _, svc := range []subnetgroup.Service{subnetgroup.ElastiCache, subnetgroup.Redshift} {
		g, err := subnetgroup.Create(spec(svc, "g", "subnet-0000000a"), lookup)
		if err != nil {
			t.Fatal(err)
		}
		next, err := g.WithSubnets([]string{"subnet-0000000d"}, lookup)
		if err != nil || next.VPCID() != "vpc-00000002" {
			t.Fatalf("%s: WithSubnets into another VPC = %v, %v", svc, next.VPCID(), err)
		}
	}
	if d := g.WithDescription("new").Description(); d != "new" || g.Description() != "d" {
		t.Errorf("WithDescription: %q, original %q", d, g.Description())
	}
}

func TestTags(t *testing.T) {
	g, err := subnetgroup.Create(subnetgroup.Spec{Service: subnetgroup.ElastiCache, OwnerID: owner, Region: region, Name: "c",
		Description: "d", SubnetIDs: []string{"subnet-0000000a"}, Tags: []tag.Tag{{Key: "b", Value: "2"}, {Key: "a", Value: "1"}, {Key: "b", Value: "3"}}}, lookup)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]tag.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "3"}}, g.Tags()); diff != "" {
		t.Errorf("Tags() mismatch (-want +got):\n%s", diff)
	}
	g2, err := g.WithTags(tag.Tag{Key: "a", Value: "x"}, tag.Tag{Key: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]tag.Tag{{Key: "a", Value: "x"}, {Key: "b", Value: "3"}, {Key: "c"}}, g2.Tags()); diff != "" {
		t.Errorf("WithTags mismatch (-want +got):\n%s", diff)
	}
	g3, err := g2.WithoutTags("a", "c")
	if err != nil || len(g3.Tags()) != 1 || len(g2.Tags()) != 3 {
		t.Fatalf("WithoutTags = %v, %v (before %v)", g3.Tags(), err, g2.Tags())
	}
	_, err = g3.WithoutTags("nope")
	wantError(t, err, subnetgroup.ErrTagNotFound, "TagNotFound")

	rds, err := subnetgroup.Create(spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000000b"), lookup)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rds.WithoutTags("nope"); err != nil {
		t.Errorf("RDS WithoutTags of a missing key = %v, want it ignored", err)
	}
	for _, tt := range []struct {
		svc   subnetgroup.Service
		tags  []tag.Tag
		cause error
		code  string
	}{
		{subnetgroup.RDS, []tag.Tag{{Key: ""}}, subnetgroup.ErrInvalidTag, "InvalidParameterValue"},
		{subnetgroup.RDS, []tag.Tag{{Key: "rds:x"}}, subnetgroup.ErrInvalidTag, "InvalidParameterValue"},
		{subnetgroup.RDS, []tag.Tag{{Key: "AWS:x"}}, subnetgroup.ErrInvalidTag, "InvalidParameterValue"},
		{subnetgroup.Redshift, []tag.Tag{{Key: strings.Repeat("k", subnetgroup.MaxTagKeyLength+1)}}, subnetgroup.ErrInvalidTag, "InvalidTagFault"},
		{subnetgroup.Redshift, []tag.Tag{{Key: "k", Value: strings.Repeat("v", subnetgroup.MaxTagValueLength+1)}}, subnetgroup.ErrInvalidTag, "InvalidTagFault"},
		{subnetgroup.Redshift, manyTags(subnetgroup.MaxTags + 1), subnetgroup.ErrTooManyTags, "TagLimitExceededFault"},
		{subnetgroup.ElastiCache, manyTags(subnetgroup.MaxTags + 1), subnetgroup.ErrTooManyTags, "TagQuotaPerResourceExceeded"},
	} {
		_, err := tt.svc.Rules().CheckTags(nil, tt.tags)
		wantError(t, err, tt.cause, tt.code)
	}
	if _, err := subnetgroup.RDS.Rules().CheckTags(nil, manyTags(subnetgroup.MaxTags)); err != nil {
		t.Errorf("%d tags: %v", subnetgroup.MaxTags, err)
	}
	if _, err := subnetgroup.ElastiCache.Rules().CheckTags(nil, []tag.Tag{{Key: "rds:x"}, {Key: strings.Repeat("é", subnetgroup.MaxTagKeyLength)}}); err != nil {
		t.Errorf("ElastiCache rds: key and a 128-character key: %v", err)
	}
}

func manyTags(n int) []tag.Tag {
	out := make([]tag.Tag, n)
	for i := range out {
		out[i] = tag.Tag{Key: fmt.Sprintf("k%03d", i)}
	}
	return out
}

func TestParseARN(t *testing.T) {
	for _, tt := range []struct {
		svc   subnetgroup.Service
		arn   string
		want  subnetgroup.ARN
		cause error
		code  string
	}{
		{subnetgroup.RDS, "arn:aws:rds:us-east-1:111122223333:subgrp:db",
			subnetgroup.ARN{"aws", "rds", "us-east-1", "111122223333", "subgrp", "db"}, nil, ""},
		{subnetgroup.ElastiCache, "arn:aws-cn:elasticache:cn-north-1:111122223333:subnetgroup:a:b",
			subnetgroup.ARN{"aws-cn", "elasticache", "cn-north-1", "111122223333", "subnetgroup", "a:b"}, nil, ""},
		{subnetgroup.RDS, "arn:aws:rds:us-east-1:111122223333:db:mydb", subnetgroup.ARN{}, subnetgroup.ErrNotFound, "DBSubnetGroupNotFoundFault"},
		{subnetgroup.Redshift, "arn:aws:redshift:us-east-1:111122223333:cluster:c", subnetgroup.ARN{}, subnetgroup.ErrNotFound, "ResourceNotFoundFault"},
		{subnetgroup.RDS, "arn:aws:elasticache:us-east-1:111122223333:subnetgroup:c", subnetgroup.ARN{}, subnetgroup.ErrInvalidARN, "InvalidParameterValue"},
		{subnetgroup.ElastiCache, "subnetgroup:c", subnetgroup.ARN{}, subnetgroup.ErrInvalidARN, "InvalidARN"},
		{subnetgroup.Redshift, "arn:aws:redshift:us-east-1::subnetgroup:c", subnetgroup.ARN{}, subnetgroup.ErrInvalidARN, "InvalidParameterValue"},
		{subnetgroup.Redshift, "arn:aws-cn:redshift:us-east-1:111122223333:subnetgroup:c", subnetgroup.ARN{}, subnetgroup.ErrInvalidARN, "InvalidParameterValue"},
		{subnetgroup.Redshift, "arn:aws:redshift:us-east-1:111122223333:subnetgroup:", subnetgroup.ARN{}, subnetgroup.ErrInvalidARN, "InvalidParameterValue"},
	} {
		t.Run(tt.arn, func(t *testing.T) {
			got, err := tt.svc.Rules().ParseARN(tt.arn)
			if tt.cause != nil {
				wantError(t, err, tt.cause, tt.code)
				return
			}
			if err != nil || got != tt.want || got.String() != tt.arn {
				t.Fatalf("ParseARN(%q) = %+v, %v, want %+v", tt.arn, got, err, tt.want)
			}
		})
	}
}

func TestZeroValues(t *testing.T) {
	var g subnetgroup.Group
	if g.IsValid() || g.ARN() != "" || g.NetworkTypes() != nil || g.Tags() != nil {
		t.Errorf("zero Group: %v %q %v", g.IsValid(), g.ARN(), g.NetworkTypes())
	}
	if _, err := g.WithSubnets(nil, nil); err == nil {
		t.Error("zero Group: WithSubnets succeeded")
	}
	if _, err := g.WithTags(); err == nil {
		t.Error("zero Group: WithTags succeeded")
	}
	if _, err := g.MarshalBinary(); err == nil {
		t.Error("zero Group: MarshalBinary succeeded")
	}
	var r subnetgroup.Rules
	if _, err := r.ParseName("x"); err == nil {
		t.Error("zero Rules: ParseName succeeded")
	}
	var e subnetgroup.Error
	_ = e.Error() + e.ErrorCode() + e.ErrorMessage()
	if subnetgroup.Service("ec2").IsValid() || !subnetgroup.Redshift.IsValid() || subnetgroup.Redshift.String() != "redshift" {
		t.Error("Service.IsValid")
	}
}

func TestRulesAreCopies(t *testing.T) {
	r := subnetgroup.RDS.Rules()
	r.ReservedTagPrefixes[0] = "x"
	if subnetgroup.RDS.Rules().ReservedTagPrefixes[0] != "aws:" {
		t.Error("Rules() shares its slice")
	}
}
