package vpcmodel_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// ipamWorld is an IPAM operating in alice's Region with an IPv4 pool
// (default netmask /16) in its private scope, 10.0.0.0/8 provisioned.
type ipamWorld struct {
	c             *vpcmodel.Cloud
	random        *rand.ChaCha8
	ipam, private string
	public, pool  string
}

func newIPAMWorld(t *testing.T) *ipamWorld {
	t.Helper()
	w := &ipamWorld{random: rand.NewChaCha8([32]byte{9})}
	w.c = vpcmodel.New(vpcmodel.Options{Random: w.random})
	c := w.c
	i := must[vpcmodel.CreateIpamOutput](t)(c.CreateIpam(alice, vpcmodel.CreateIpamInput{
		OperatingRegions:  []vpcmodel.IpamOperatingRegion{{RegionName: alice.Region}},
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "ipam", Tags: []vpcmodel.Tag{{Key: "Name", Value: "x"}}}}}, t0)).Ipam
	if i.State != "create-in-progress" || i.PrivateDefaultScopeID == "" || i.PublicDefaultScopeID == "" {
		t.Fatalf("CreateIpam = %+v", i)
	}
	w.ipam, w.private, w.public = i.IpamID, i.PrivateDefaultScopeID, i.PublicDefaultScopeID
	d := must[vpcmodel.DescribeIpamsOutput](t)(c.DescribeIpams(alice, vpcmodel.DescribeIpamsInput{IpamIDs: []string{w.ipam}}, t0))
	if len(d.Ipams) != 1 || d.Ipams[0].State != "create-complete" || len(d.Ipams[0].Tags) != 1 {
		t.Fatalf("DescribeIpams = %+v", d)
	}
	p := must[vpcmodel.CreateIpamPoolOutput](t)(c.CreateIpamPool(alice, vpcmodel.CreateIpamPoolInput{IpamScopeID: w.private,
		AddressFamily: "ipv4", Locale: alice.Region, AllocationDefaultNetmaskLength: 16}, t0)).IpamPool
	if p.State != "create-in-progress" || p.IpamScopeType != "private" {
		t.Fatalf("CreateIpamPool = %+v", p)
	}
	w.pool = p.IpamPoolID
	pc := must[vpcmodel.ProvisionIpamPoolCidrOutput](t)(c.ProvisionIpamPoolCidr(alice, vpcmodel.ProvisionIpamPoolCidrInput{IpamPoolID: w.pool, Cidr: "10.0.0.0/8"}, t0)).IpamPoolCidr
	if pc.State != "pending-provision" {
		t.Fatalf("ProvisionIpamPoolCidr = %+v", pc)
	}
	cs := must[vpcmodel.GetIpamPoolCidrsOutput](t)(c.GetIpamPoolCidrs(alice, vpcmodel.GetIpamPoolCidrsInput{IpamPoolID: w.pool,
		Filters: []vpcmodel.Filter{{Name: "cidr", Values: []string{"10.0.0.0/8"}}}}, t0))
	if len(cs.IpamPoolCidrs) != 1 || cs.IpamPoolCidrs[0].State != "provisioned" {
		t.Fatalf("GetIpamPoolCidrs = %+v", cs)
	}
	return w
}

func (w *ipamWorld) allocations(t *testing.T) []vpcmodel.IpamPoolAllocation {
	t.Helper()
	return must[vpcmodel.GetIpamPoolAllocationsOutput](t)(w.c.GetIpamPoolAllocations(alice, vpcmodel.GetIpamPoolAllocationsInput{IpamPoolID: w.pool}, t0)).IpamPoolAllocations
}

func TestIPAMVPCFromPool(t *testing.T) {
	w := newIPAMWorld(t)
	c := w.c
	preview := must[vpcmodel.AllocateIpamPoolCidrOutput](t)(c.AllocateIpamPoolCidr(alice, vpcmodel.AllocateIpamPoolCidrInput{IpamPoolID: w.pool, NetmaskLength: 16, PreviewNextCidr: true}, t0))
	if preview.IpamPoolAllocation.Cidr != "10.0.0.0/16" || len(w.allocations(t)) != 0 {
		t.Fatalf("preview = %+v, allocations %v", preview, w.allocations(t))
	}
	v1 := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool, IPv4NetmaskLength: vpcmodel.Some(16)}, t0)).VPC
	if v1.CIDRBlock != "10.0.0.0/16" {
		t.Fatalf("VPC from the pool has %s", v1.CIDRBlock)
	}
	v2 := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool, CIDRBlock: "10.1.0.0/16"}, t0)).VPC
	if v2.CIDRBlock != "10.1.0.0/16" {
		t.Fatalf("VPC with a given block has %s", v2.CIDRBlock)
	}
	_, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool, CIDRBlock: "10.1.0.0/20"}, t0)
	wantCode(t, err, "InvalidParameterValue") // taken
	_, err = c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool, CIDRBlock: "172.16.0.0/16"}, t0)
	wantCode(t, err, "InvalidParameterValue") // outside the pool
	// The pool's default /16 is used without a netmask length.
	v3 := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool}, t0)).VPC
	if v3.CIDRBlock != "10.2.0.0/16" {
		t.Fatalf("VPC with the default netmask has %s", v3.CIDRBlock)
	}
	as := w.allocations(t)
	if len(as) != 3 || as[0].ResourceID != v1.VPCID || as[0].ResourceType != "vpc" {
		t.Fatalf("allocations = %+v", as)
	}
	_, err = c.ReleaseIpamPoolAllocation(alice, vpcmodel.ReleaseIpamPoolAllocationInput{IpamPoolID: w.pool, Cidr: as[0].Cidr, IpamPoolAllocationID: as[0].IpamPoolAllocationID}, t0)
	wantCode(t, err, "InvalidParameterValue") // a VPC's block goes with the VPC
	// Deprovisioning a CIDR that holds allocations is accepted and fails
	// by itself, as EC2 records it; the CIDR stays in use.
	fd := must[vpcmodel.DeprovisionIpamPoolCidrOutput](t)(c.DeprovisionIpamPoolCidr(alice, vpcmodel.DeprovisionIpamPoolCidrInput{IpamPoolID: w.pool, Cidr: "10.0.0.0/8"}, t0))
	if fd.IpamPoolCidr.State != "pending-deprovision" {
		t.Fatalf("DeprovisionIpamPoolCidr = %+v", fd)
	}
	cidrs := must[vpcmodel.GetIpamPoolCidrsOutput](t)(c.GetIpamPoolCidrs(alice, vpcmodel.GetIpamPoolCidrsInput{IpamPoolID: w.pool}, t0)).IpamPoolCidrs
	if reason, ok := cidrs[0].FailureReason.Get(); len(cidrs) != 1 || cidrs[0].State != "failed-deprovision" || !ok || reason.Message != "The CIDR has one or more allocations." {
		t.Fatalf("pool CIDRs after a failed deprovision = %+v", cidrs)
	}
	_, err = c.DeleteIpamPool(alice, vpcmodel.DeleteIpamPoolInput{IpamPoolID: w.pool}, t0)
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteIpam(alice, vpcmodel.DeleteIpamInput{IpamID: w.ipam}, t0)
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteIpam(alice, vpcmodel.DeleteIpamInput{IpamID: w.ipam, Cascade: true}, t0)
	wantCode(t, err, "DependencyViolation") // the pool's blocks are VPCs'

	c2, stream := roundTrip(t, c, w.random)
	if !strings.Contains(stream, `"failureMessage":"The CIDR has one or more allocations."`) {
		t.Fatal("the encoding lost the failed deprovision's reason")
	}
	for _, cl := range []*vpcmodel.Cloud{c, c2} {
		must[vpcmodel.DeleteVpcOutput](t)(cl.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: v1.VPCID}, t0))
		next := must[vpcmodel.AllocateIpamPoolCidrOutput](t)(cl.AllocateIpamPoolCidr(alice, vpcmodel.AllocateIpamPoolCidrInput{IpamPoolID: w.pool, NetmaskLength: 16, PreviewNextCidr: true}, t0))
		if next.IpamPoolAllocation.Cidr != "10.0.0.0/16" {
			t.Fatalf("after deleting the VPC the next block is %s", next.IpamPoolAllocation.Cidr)
		}
	}
	for _, id := range []string{v2.VPCID, v3.VPCID} {
		must[vpcmodel.DeleteVpcOutput](t)(c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: id}, t0))
	}
	if as := w.allocations(t); len(as) != 0 {
		t.Fatalf("allocations left: %+v", as)
	}
	dp := must[vpcmodel.DeprovisionIpamPoolCidrOutput](t)(c.DeprovisionIpamPoolCidr(alice, vpcmodel.DeprovisionIpamPoolCidrInput{IpamPoolID: w.pool, Cidr: "10.0.0.0/8"}, t0))
	if dp.IpamPoolCidr.State != "pending-deprovision" {
		t.Fatalf("DeprovisionIpamPoolCidr = %+v", dp)
	}
	must[vpcmodel.DeleteIpamPoolOutput](t)(c.DeleteIpamPool(alice, vpcmodel.DeleteIpamPoolInput{IpamPoolID: w.pool}, t0))
	must[vpcmodel.DeleteIpamOutput](t)(c.DeleteIpam(alice, vpcmodel.DeleteIpamInput{IpamID: w.ipam}, t0))
	_, err = c.DescribeIpams(alice, vpcmodel.DescribeIpamsInput{IpamIDs: []string{w.ipam}}, t0)
	wantCode(t, err, "InvalidIpamId.NotFound")
}

func TestIPAMRefusals(t *testing.T) {
	w := newIPAMWorld(t)
	c := w.c
	_, err := c.CreateIpamPool(alice, vpcmodel.CreateIpamPoolInput{IpamScopeID: w.private, AddressFamily: "ipv4", Locale: "eu-west-3"}, t0)
	wantCode(t, err, "InvalidParameterValue") // not an operating Region
	_, err = c.CreateIpamPool(alice, vpcmodel.CreateIpamPoolInput{IpamScopeID: w.private, AddressFamily: "ipv4", AllocationMinNetmaskLength: 20, AllocationMaxNetmaskLength: 16}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.CreateIpamPool(bob, vpcmodel.CreateIpamPoolInput{IpamScopeID: w.private, AddressFamily: "ipv4"}, t0)
	wantCode(t, err, "InvalidIpamScopeId.NotFound") // another account's scope
	_, err = c.DescribeIpamPools(bob, vpcmodel.DescribeIpamPoolsInput{IpamPoolIDs: []string{w.pool}}, t0)
	wantCode(t, err, "InvalidIpamPoolId.NotFound")
	_, err = c.ProvisionIpamPoolCidr(alice, vpcmodel.ProvisionIpamPoolCidrInput{IpamPoolID: w.pool, Cidr: "10.5.0.0/16"}, t0)
	wantCode(t, err, "InvalidParameterValue") // overlaps 10.0.0.0/8
	v6 := must[vpcmodel.CreateIpamPoolOutput](t)(c.CreateIpamPool(alice, vpcmodel.CreateIpamPoolInput{IpamScopeID: w.public, AddressFamily: "ipv6",
		Locale: alice.Region, PubliclyAdvertisable: vpcmodel.Some(false), AwsService: "ec2"}, t0)).IpamPool
	if v6.IpamScopeType != "public" || v6.AwsService != "ec2" {
		t.Fatalf("IPv6 pool = %+v", v6)
	}
	_, err = c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: v6.IpamPoolID, IPv4NetmaskLength: vpcmodel.Some(16)}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.CreateVpc(alice, vpcmodel.CreateVpcInput{}, t0)
	wantCode(t, err, "MissingParameter")
	before := c.Version()
	_, err = c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: w.pool, IPv4NetmaskLength: vpcmodel.Some(8)}, t0)
	wantCode(t, err, "InvalidVpc.Range") // a /8 is no VPC block
	if c.Version() != before || len(w.allocations(t)) != 0 {
		t.Fatal("a refused CreateVpc changed the Cloud")
	}
	scopes := must[vpcmodel.DescribeIpamScopesOutput](t)(c.DescribeIpamScopes(alice, vpcmodel.DescribeIpamScopesInput{}, t0))
	if len(scopes.IpamScopes) != 2 {
		t.Fatalf("DescribeIpamScopes = %+v", scopes)
	}
}
