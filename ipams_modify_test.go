package vpcmodel_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel"
)

func TestModifyIpamPool(t *testing.T) {
	w := newIPAMWorld(t)
	c := w.c
	before := c.Version()
	for _, tt := range []struct {
		name string
		in   vpcmodel.ModifyIpamPoolInput
		code string
	}{
		{"nothing to change", vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool}, "InvalidParameterCombination"},
		{"default set and cleared", vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool, AllocationDefaultNetmaskLength: vpcmodel.Some(20),
			ClearAllocationDefaultNetmaskLength: true}, "InvalidParameterCombination"},
		{"min above max", vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool, AllocationMinNetmaskLength: vpcmodel.Some(24),
			AllocationMaxNetmaskLength: vpcmodel.Some(20)}, "InvalidParameterValue"},
		{"default below the new min", vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool, AllocationMinNetmaskLength: vpcmodel.Some(20)}, "InvalidParameterValue"},
		{"netmask out of range", vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool, AllocationMaxNetmaskLength: vpcmodel.Some(33)}, "InvalidParameterValue"},
		{"tag without key", vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool, AddAllocationResourceTags: []vpcmodel.IpamResourceTag{{Value: "v"}}}, "InvalidParameterValue"},
		{"unknown pool", vpcmodel.ModifyIpamPoolInput{IpamPoolID: "ipam-pool-0123456789abcdef0", Description: vpcmodel.Some("d")}, "InvalidIpamPoolId.NotFound"},
		{"another account's pool", vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool, Description: vpcmodel.Some("d")}, "InvalidIpamPoolId.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			who := alice
			if tt.name == "another account's pool" {
				who = bob
			}
			_, err := c.ModifyIpamPool(who, tt.in, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refused ModifyIpamPool changed the state")
			}
		})
	}
	out := must[vpcmodel.ModifyIpamPoolOutput](t)(c.ModifyIpamPool(alice, vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool,
		Description: vpcmodel.Some("regional"), AutoImport: vpcmodel.Some(true), AllocationMinNetmaskLength: vpcmodel.Some(12),
		AllocationMaxNetmaskLength: vpcmodel.Some(24), AllocationDefaultNetmaskLength: vpcmodel.Some(20),
		AddAllocationResourceTags: []vpcmodel.IpamResourceTag{{Key: "team", Value: "b"}, {Key: "env", Value: "prod"}}}, t0)).IpamPool
	if out.Description != "regional" || !out.AutoImport || out.AllocationMinNetmaskLength != 12 || out.AllocationMaxNetmaskLength != 24 ||
		out.AllocationDefaultNetmaskLength != 20 || len(out.AllocationResourceTags) != 2 || out.AllocationResourceTags[0].Key != "env" {
		t.Fatalf("ModifyIpamPool = %+v", out)
	}
	// The new default applies to the next allocation.
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool}, t0)).VPC
	if v.CIDRBlock != "10.0.0.0/20" {
		t.Fatalf("VPC from the pool after ModifyIpamPool has %s", v.CIDRBlock)
	}
	// Clearing the default, removing a tag and the description; the
	// encoding keeps it all.
	must[vpcmodel.ModifyIpamPoolOutput](t)(c.ModifyIpamPool(alice, vpcmodel.ModifyIpamPoolInput{IpamPoolID: w.pool,
		Description: vpcmodel.Some(""), ClearAllocationDefaultNetmaskLength: true,
		RemoveAllocationResourceTags: []vpcmodel.IpamResourceTag{{Key: "team", Value: "b"}}}, t0))
	c2, _ := roundTrip(t, c, w.random)
	for _, cl := range []*vpcmodel.Cloud{c, c2} {
		p := must[vpcmodel.DescribeIpamPoolsOutput](t)(cl.DescribeIpamPools(alice, vpcmodel.DescribeIpamPoolsInput{IpamPoolIDs: []string{w.pool}}, t0)).IpamPools[0]
		if p.Description != "" || p.AllocationDefaultNetmaskLength != 0 || len(p.AllocationResourceTags) != 1 || !p.AutoImport || p.AllocationMaxNetmaskLength != 24 {
			t.Fatalf("pool after the second modify = %+v", p)
		}
		_, err := cl.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool}, t0)
		wantCode(t, err, "MissingParameter") // no default netmask any more
	}
}

func TestModifyIpam(t *testing.T) {
	w := newIPAMWorld(t)
	c := w.c
	before := c.Version()
	for _, tt := range []struct {
		name string
		in   vpcmodel.ModifyIpamInput
		code string
	}{
		{"bad tier", vpcmodel.ModifyIpamInput{IpamID: w.ipam, Tier: "premium"}, "InvalidParameterValue"},
		{"bad region", vpcmodel.ModifyIpamInput{IpamID: w.ipam, AddOperatingRegions: []vpcmodel.IpamOperatingRegion{{RegionName: "mars-1"}}}, "InvalidParameterValue"},
		{"home region", vpcmodel.ModifyIpamInput{IpamID: w.ipam, RemoveOperatingRegions: []vpcmodel.IpamOperatingRegion{{RegionName: alice.Region}}}, "InvalidParameterValue"},
		{"unknown ipam", vpcmodel.ModifyIpamInput{IpamID: "ipam-0123456789abcdef0", Tier: "free"}, "InvalidIpamId.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.ModifyIpam(alice, tt.in, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refused ModifyIpam changed the state")
			}
		})
	}
	out := must[vpcmodel.ModifyIpamOutput](t)(c.ModifyIpam(alice, vpcmodel.ModifyIpamInput{IpamID: w.ipam, Description: vpcmodel.Some("main"),
		Tier: "free", AddOperatingRegions: []vpcmodel.IpamOperatingRegion{{RegionName: "eu-west-1"}, {RegionName: "us-west-2"}}}, t0)).Ipam
	if out.Description != "main" || out.Tier != "free" || len(out.OperatingRegions) != 3 {
		t.Fatalf("ModifyIpam = %+v", out)
	}
	// A Region a pool uses stays; others may go.
	eu := must[vpcmodel.CreateIpamPoolOutput](t)(c.CreateIpamPool(alice, vpcmodel.CreateIpamPoolInput{IpamScopeID: w.private, AddressFamily: "ipv4", Locale: "eu-west-1"}, t0)).IpamPool
	_, err := c.ModifyIpam(alice, vpcmodel.ModifyIpamInput{IpamID: w.ipam, RemoveOperatingRegions: []vpcmodel.IpamOperatingRegion{{RegionName: "eu-west-1"}}}, t0)
	wantCode(t, err, "InvalidParameterValue")
	out = must[vpcmodel.ModifyIpamOutput](t)(c.ModifyIpam(alice, vpcmodel.ModifyIpamInput{IpamID: w.ipam,
		RemoveOperatingRegions: []vpcmodel.IpamOperatingRegion{{RegionName: "us-west-2"}}}, t0)).Ipam
	if len(out.OperatingRegions) != 2 {
		t.Fatalf("operating Regions after removing one = %+v", out.OperatingRegions)
	}
	must[vpcmodel.DeleteIpamPoolOutput](t)(c.DeleteIpamPool(alice, vpcmodel.DeleteIpamPoolInput{IpamPoolID: eu.IpamPoolID}, t0))
	must[vpcmodel.ModifyIpamOutput](t)(c.ModifyIpam(alice, vpcmodel.ModifyIpamInput{IpamID: w.ipam,
		RemoveOperatingRegions: []vpcmodel.IpamOperatingRegion{{RegionName: "eu-west-1"}}}, t0))
}

// TestIpamClientToken repeats CreateIpam and CreateIpamPool with one
// ClientToken: the same request answers the same resource and creates
// nothing; other parameters are IdempotentParameterMismatch.
func TestIpamClientToken(t *testing.T) {
	w := newIPAMWorld(t)
	c := w.c
	in := vpcmodel.CreateIpamInput{Description: "d", ClientToken: "tok-1",
		OperatingRegions: []vpcmodel.IpamOperatingRegion{{RegionName: "eu-west-1"}}}
	first := must[vpcmodel.CreateIpamOutput](t)(c.CreateIpam(alice, in, t0)).Ipam
	again := must[vpcmodel.CreateIpamOutput](t)(c.CreateIpam(alice, in, t0)).Ipam
	all := must[vpcmodel.DescribeIpamsOutput](t)(c.DescribeIpams(alice, vpcmodel.DescribeIpamsInput{}, t0)).Ipams
	if again.IpamID != first.IpamID || len(all) != 2 {
		t.Fatalf("a repeated CreateIpam made %s (first %s); %d IPAMs", again.IpamID, first.IpamID, len(all))
	}
	other := in
	other.Description = "e"
	_, err := c.CreateIpam(alice, other, t0)
	wantCode(t, err, "IdempotentParameterMismatch")
	// The token is the caller's: another account makes its own IPAM.
	if b := must[vpcmodel.CreateIpamOutput](t)(c.CreateIpam(bob, in, t0)).Ipam; b.IpamID == first.IpamID {
		t.Fatal("another account's CreateIpam answered the first account's IPAM")
	}

	pin := vpcmodel.CreateIpamPoolInput{IpamScopeID: w.private, AddressFamily: "ipv4", ClientToken: "tok-2", AllocationDefaultNetmaskLength: 24}
	p1 := must[vpcmodel.CreateIpamPoolOutput](t)(c.CreateIpamPool(alice, pin, t0)).IpamPool
	p2 := must[vpcmodel.CreateIpamPoolOutput](t)(c.CreateIpamPool(alice, pin, t0)).IpamPool
	if p1.IpamPoolID != p2.IpamPoolID {
		t.Fatalf("a repeated CreateIpamPool made %s and %s", p1.IpamPoolID, p2.IpamPoolID)
	}
	pin.AllocationDefaultNetmaskLength = 20
	_, err = c.CreateIpamPool(alice, pin, t0)
	wantCode(t, err, "IdempotentParameterMismatch")
	// The token survives the encoding.
	c2, _ := roundTrip(t, c, w.random)
	pin.AllocationDefaultNetmaskLength = 24
	if p3 := must[vpcmodel.CreateIpamPoolOutput](t)(c2.CreateIpamPool(alice, pin, t0)).IpamPool; p3.IpamPoolID != p1.IpamPoolID {
		t.Fatalf("after a restore the repeated CreateIpamPool made %s", p3.IpamPoolID)
	}
}

// TestIpamPagination walks the IPAM Describe and Get actions page by page:
// every item once, in the order of one unpaged call, and EC2's bounds on
// MaxResults and refusal of a foreign token.
func TestIpamPagination(t *testing.T) {
	w := newIPAMWorld(t)
	c := w.c
	for range 6 {
		must[vpcmodel.CreateIpamPoolOutput](t)(c.CreateIpamPool(alice, vpcmodel.CreateIpamPoolInput{IpamScopeID: w.private, AddressFamily: "ipv4"}, t0))
	}
	for i := range 6 {
		must[vpcmodel.ProvisionIpamPoolCidrOutput](t)(c.ProvisionIpamPoolCidr(alice, vpcmodel.ProvisionIpamPoolCidrInput{IpamPoolID: w.pool,
			Cidr: fmt.Sprintf("172.%d.0.0/16", 16+i*3)}, t0))
	}
	// Pools: 7, pages of 5 and 2.
	all := must[vpcmodel.DescribeIpamPoolsOutput](t)(c.DescribeIpamPools(alice, vpcmodel.DescribeIpamPoolsInput{}, t0)).IpamPools
	var paged []string
	token := ""
	for {
		o := must[vpcmodel.DescribeIpamPoolsOutput](t)(c.DescribeIpamPools(alice, vpcmodel.DescribeIpamPoolsInput{
			Page: vpcmodel.Page{MaxResults: vpcmodel.Some(5), NextToken: token}}, t0))
		for _, p := range o.IpamPools {
			paged = append(paged, p.IpamPoolID)
		}
		if token = o.NextToken; token == "" {
			break
		}
	}
	if len(all) != 7 || !slices.Equal(paged, mapIDs(all, func(p vpcmodel.IpamPool) string { return p.IpamPoolID })) {
		t.Fatalf("paged pools %v, unpaged %d", paged, len(all))
	}
	// Pool CIDRs: 7, in address order, pages of 5 and 2.
	first := must[vpcmodel.GetIpamPoolCidrsOutput](t)(c.GetIpamPoolCidrs(alice, vpcmodel.GetIpamPoolCidrsInput{IpamPoolID: w.pool,
		Page: vpcmodel.Page{MaxResults: vpcmodel.Some(5)}}, t0))
	second := must[vpcmodel.GetIpamPoolCidrsOutput](t)(c.GetIpamPoolCidrs(alice, vpcmodel.GetIpamPoolCidrsInput{IpamPoolID: w.pool,
		Page: vpcmodel.Page{MaxResults: vpcmodel.Some(5), NextToken: first.NextToken}}, t0))
	got := mapIDs(append(first.IpamPoolCidrs, second.IpamPoolCidrs...), func(p vpcmodel.IpamPoolCidr) string { return p.Cidr })
	want := []string{"10.0.0.0/8", "172.16.0.0/16", "172.19.0.0/16", "172.22.0.0/16", "172.25.0.0/16", "172.28.0.0/16", "172.31.0.0/16"}
	if !slices.Equal(got, want) || second.NextToken != "" {
		t.Fatalf("paged pool CIDRs = %v (next %q), want %v", got, second.NextToken, want)
	}
	for _, tt := range []struct {
		name string
		call func() error
		code string
	}{
		{"pools below 5", func() error {
			_, err := c.DescribeIpamPools(alice, vpcmodel.DescribeIpamPoolsInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(4)}}, t0)
			return err
		}, "InvalidParameterValue"},
		{"allocations below 1000", func() error {
			_, err := c.GetIpamPoolAllocations(alice, vpcmodel.GetIpamPoolAllocationsInput{IpamPoolID: w.pool, Page: vpcmodel.Page{MaxResults: vpcmodel.Some(999)}}, t0)
			return err
		}, "InvalidParameterValue"},
		{"a pool token for IPAMs", func() error {
			_, err := c.DescribeIpams(alice, vpcmodel.DescribeIpamsInput{Page: vpcmodel.Page{NextToken: first.NextToken}}, t0)
			return err
		}, "InvalidPaginationToken"},
		{"scopes above 1000", func() error {
			_, err := c.DescribeIpamScopes(alice, vpcmodel.DescribeIpamScopesInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(1001)}}, t0)
			return err
		}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantCode(t, tt.call(), tt.code) })
	}
	if o := must[vpcmodel.GetIpamPoolAllocationsOutput](t)(c.GetIpamPoolAllocations(alice, vpcmodel.GetIpamPoolAllocationsInput{IpamPoolID: w.pool,
		Page: vpcmodel.Page{MaxResults: vpcmodel.Some(1000)}}, t0)); o.NextToken != "" {
		t.Fatalf("allocations page = %+v", o)
	}
	sc := must[vpcmodel.DescribeIpamScopesOutput](t)(c.DescribeIpamScopes(alice, vpcmodel.DescribeIpamScopesInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(5)}}, t0))
	if len(sc.IpamScopes) != 2 || sc.NextToken != "" {
		t.Fatalf("scopes page = %+v", sc)
	}
}

func mapIDs[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}
