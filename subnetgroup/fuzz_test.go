package subnetgroup_test

import (
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/subnetgroup"
)

// FuzzParseName checks that ParseName never panics, answers valid names in
// lower case, and accepts what it answers.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{
		"db", "MyGroup", "my group_1.a-b", // valid for RDS
		"default", "DEFAULT", // reserved
		"1db", "-", "", "caché", "a/b", // refused somewhere
		strings.Repeat("a", 256),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, svc := range services {
			got, err := svc.Rules().ParseName(name)
			if err != nil {
				continue
			}
			if got != strings.ToLower(name) || len(got) == 0 || len(got) > subnetgroup.MaxNameLength {
				t.Fatalf("%s ParseName(%q) = %q", svc, name, got)
			}
			if again, err := svc.Rules().ParseName(got); err != nil || again != got {
				t.Fatalf("%s ParseName(%q) = %q, %v, want it unchanged", svc, got, again, err)
			}
		}
	})
}

// FuzzParseARN checks that ParseARN never panics and that an ARN it
// accepts prints back as itself.
func FuzzParseARN(f *testing.F) {
	for _, s := range []string{
		"arn:aws:rds:us-east-1:111122223333:subgrp:db",
		"arn:aws:elasticache:eu-west-1:111122223333:subnetgroup:c",
		"arn:aws:redshift:us-east-1:111122223333:subnetgroup:a:b:c",
		"arn:aws:rds:us-east-1:111122223333:db:x", // another resource
		"arn:aws:rds:us-east-1::subgrp:db",        // no account
		"arn:::::::", "", "arn",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, svc := range services {
			a, err := svc.Rules().ParseARN(s)
			if err != nil {
				continue
			}
			if a.String() != s || a.Service != svc {
				t.Fatalf("%s ParseARN(%q) = %+v, which prints as %q", svc, s, a, a.String())
			}
		}
	})
}

// FuzzUnmarshalBinary checks that UnmarshalBinary never panics and that a
// group it accepts encodes back to what it read.
func FuzzUnmarshalBinary(f *testing.F) {
	f.Add([]byte(`{"v":1,"service":"rds","owner":"111122223333","region":"us-east-1","name":"db","description":"d","vpc":"vpc-00000001","subnets":[["subnet-0000000a","vpc-00000001","us-east-1a"],["subnet-0000000b","vpc-00000001","us-east-1b"]],"tags":[["a","1"]]}`))
	f.Add([]byte(`{"v":1,"service":"elasticache","owner":"111122223333","region":"eu-west-1","name":"c","description":"","vpc":"vpc-00000001","subnets":[["subnet-0000000a","vpc-00000001","eu-west-1a"]]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var g subnetgroup.Group
		if err := g.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := g.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary of an accepted group: %v", err)
		}
		var back subnetgroup.Group
		if err := back.UnmarshalBinary(b); err != nil || !back.Equal(g) {
			t.Fatalf("re-reading %s: %v", b, err)
		}
	})
}
