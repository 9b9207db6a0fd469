package ec2emu_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestIPAMSDK drives an IPAM through the SDK as Terraform's IPAM resources
// do: an IPAM, an IPv4 pool with a provisioned CIDR, a preview of the next
// block, VPCs from the pool by netmask length and by block, then teardown.
func TestIPAMSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	i := must[*ec2.CreateIpamOutput](t)(c.CreateIpam(e.ctx, &ec2.CreateIpamInput{
		OperatingRegions:  []types.AddIpamOperatingRegion{{RegionName: aws.String("us-east-1")}},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeIpam, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("x")}}}},
	})).Ipam
	ipamID := aws.ToString(i.IpamId)
	d := must[*ec2.DescribeIpamsOutput](t)(c.DescribeIpams(e.ctx, &ec2.DescribeIpamsInput{IpamIds: []string{ipamID}}))
	if len(d.Ipams) != 1 || d.Ipams[0].State != types.IpamStateCreateComplete || len(d.Ipams[0].OperatingRegions) != 1 ||
		aws.ToString(d.Ipams[0].PrivateDefaultScopeId) == "" || len(d.Ipams[0].Tags) != 1 {
		t.Fatalf("DescribeIpams = %+v", d.Ipams)
	}
	p := must[*ec2.CreateIpamPoolOutput](t)(c.CreateIpamPool(e.ctx, &ec2.CreateIpamPoolInput{
		IpamScopeId: i.PrivateDefaultScopeId, AddressFamily: types.AddressFamilyIpv4, Locale: aws.String("us-east-1"),
		AllocationDefaultNetmaskLength: aws.Int32(16),
	})).IpamPool
	pool := aws.ToString(p.IpamPoolId)
	ps := must[*ec2.DescribeIpamPoolsOutput](t)(c.DescribeIpamPools(e.ctx, &ec2.DescribeIpamPoolsInput{IpamPoolIds: []string{pool}}))
	if len(ps.IpamPools) != 1 || ps.IpamPools[0].State != types.IpamPoolStateCreateComplete || aws.ToInt32(ps.IpamPools[0].AllocationDefaultNetmaskLength) != 16 {
		t.Fatalf("DescribeIpamPools = %+v", ps.IpamPools)
	}
	v6 := must[*ec2.CreateIpamPoolOutput](t)(c.CreateIpamPool(e.ctx, &ec2.CreateIpamPoolInput{
		IpamScopeId: i.PublicDefaultScopeId, AddressFamily: types.AddressFamilyIpv6, Locale: aws.String("us-east-1"),
		PubliclyAdvertisable: aws.Bool(false), AwsService: types.IpamPoolAwsServiceEc2,
	})).IpamPool
	if v6.IpamScopeType != types.IpamScopeTypePublic || v6.AwsService != types.IpamPoolAwsServiceEc2 {
		t.Fatalf("IPv6 pool = %+v", v6)
	}
	must[*ec2.ProvisionIpamPoolCidrOutput](t)(c.ProvisionIpamPoolCidr(e.ctx, &ec2.ProvisionIpamPoolCidrInput{IpamPoolId: &pool, Cidr: aws.String("10.0.0.0/8")}))
	cs := must[*ec2.GetIpamPoolCidrsOutput](t)(c.GetIpamPoolCidrs(e.ctx, &ec2.GetIpamPoolCidrsInput{IpamPoolId: &pool,
		Filters: []types.Filter{{Name: aws.String("cidr"), Values: []string{"10.0.0.0/8"}}}}))
	if len(cs.IpamPoolCidrs) != 1 || cs.IpamPoolCidrs[0].State != types.IpamPoolCidrStateProvisioned {
		t.Fatalf("GetIpamPoolCidrs = %+v", cs.IpamPoolCidrs)
	}
	preview := must[*ec2.AllocateIpamPoolCidrOutput](t)(c.AllocateIpamPoolCidr(e.ctx, &ec2.AllocateIpamPoolCidrInput{IpamPoolId: &pool,
		NetmaskLength: aws.Int32(16), PreviewNextCidr: aws.Bool(true)}))
	if aws.ToString(preview.IpamPoolAllocation.Cidr) != "10.0.0.0/16" {
		t.Fatalf("preview = %+v", preview.IpamPoolAllocation)
	}
	v1 := must[*ec2.CreateVpcOutput](t)(c.CreateVpc(e.ctx, &ec2.CreateVpcInput{Ipv4IpamPoolId: &pool, Ipv4NetmaskLength: aws.Int32(16)})).Vpc
	v2 := must[*ec2.CreateVpcOutput](t)(c.CreateVpc(e.ctx, &ec2.CreateVpcInput{Ipv4IpamPoolId: &pool, CidrBlock: aws.String("10.1.0.0/16")})).Vpc
	if aws.ToString(v1.CidrBlock) != "10.0.0.0/16" || aws.ToString(v2.CidrBlock) != "10.1.0.0/16" {
		t.Fatalf("VPC blocks %s and %s", aws.ToString(v1.CidrBlock), aws.ToString(v2.CidrBlock))
	}
	_, err := c.CreateVpc(e.ctx, &ec2.CreateVpcInput{Ipv4IpamPoolId: &pool, CidrBlock: aws.String("10.1.0.0/16")})
	wantCode(t, err, "InvalidParameterValue")
	as := must[*ec2.GetIpamPoolAllocationsOutput](t)(c.GetIpamPoolAllocations(e.ctx, &ec2.GetIpamPoolAllocationsInput{IpamPoolId: &pool,
		Filters: []types.Filter{{Name: aws.String("resource-id"), Values: []string{aws.ToString(v1.VpcId)}}}}))
	if len(as.IpamPoolAllocations) != 1 || as.IpamPoolAllocations[0].ResourceType != types.IpamPoolAllocationResourceTypeVpc {
		t.Fatalf("GetIpamPoolAllocations = %+v", as.IpamPoolAllocations)
	}
	_, err = c.DeleteIpamPool(e.ctx, &ec2.DeleteIpamPoolInput{IpamPoolId: &pool})
	wantCode(t, err, "DependencyViolation")
	_, err = c.DeleteIpam(e.ctx, &ec2.DeleteIpamInput{IpamId: &ipamID})
	wantCode(t, err, "DependencyViolation")
	// Deprovisioning while VPCs hold blocks is accepted and fails by
	// itself, with EC2's reason.
	dp := must[*ec2.DeprovisionIpamPoolCidrOutput](t)(c.DeprovisionIpamPoolCidr(e.ctx, &ec2.DeprovisionIpamPoolCidrInput{IpamPoolId: &pool, Cidr: aws.String("10.0.0.0/8")}))
	if dp.IpamPoolCidr.State != types.IpamPoolCidrStatePendingDeprovision {
		t.Fatalf("DeprovisionIpamPoolCidr = %+v", dp.IpamPoolCidr)
	}
	cs = must[*ec2.GetIpamPoolCidrsOutput](t)(c.GetIpamPoolCidrs(e.ctx, &ec2.GetIpamPoolCidrsInput{IpamPoolId: &pool}))
	if len(cs.IpamPoolCidrs) != 1 || cs.IpamPoolCidrs[0].State != types.IpamPoolCidrStateFailedDeprovision || cs.IpamPoolCidrs[0].FailureReason == nil ||
		aws.ToString(cs.IpamPoolCidrs[0].FailureReason.Message) != "The CIDR has one or more allocations." {
		t.Fatalf("pool CIDRs after a failed deprovision = %+v", cs.IpamPoolCidrs)
	}
	for _, v := range []*types.Vpc{v1, v2} {
		must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: v.VpcId}))
	}
	must[*ec2.DeprovisionIpamPoolCidrOutput](t)(c.DeprovisionIpamPoolCidr(e.ctx, &ec2.DeprovisionIpamPoolCidrInput{IpamPoolId: &pool, Cidr: aws.String("10.0.0.0/8")}))
	must[*ec2.DeleteIpamPoolOutput](t)(c.DeleteIpamPool(e.ctx, &ec2.DeleteIpamPoolInput{IpamPoolId: &pool}))
	must[*ec2.DeleteIpamOutput](t)(c.DeleteIpam(e.ctx, &ec2.DeleteIpamInput{IpamId: &ipamID, Cascade: aws.Bool(true)}))
	_, err = c.DescribeIpams(e.ctx, &ec2.DescribeIpamsInput{IpamIds: []string{ipamID}})
	wantCode(t, err, "InvalidIpamId.NotFound")
}

// TestModifyIpamSDK changes an IPAM and a pool as Terraform's updates of
// aws_vpc_ipam and aws_vpc_ipam_pool do, and meets the refusals.
func TestModifyIpamSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	i := must[*ec2.CreateIpamOutput](t)(c.CreateIpam(e.ctx, &ec2.CreateIpamInput{
		OperatingRegions: []types.AddIpamOperatingRegion{{RegionName: aws.String("us-east-1")}}})).Ipam
	mi := must[*ec2.ModifyIpamOutput](t)(c.ModifyIpam(e.ctx, &ec2.ModifyIpamInput{IpamId: i.IpamId, Description: aws.String("main"),
		Tier: types.IpamTierFree, AddOperatingRegions: []types.AddIpamOperatingRegion{{RegionName: aws.String("eu-west-1")}}})).Ipam
	if aws.ToString(mi.Description) != "main" || mi.Tier != types.IpamTierFree || len(mi.OperatingRegions) != 2 {
		t.Fatalf("ModifyIpam = %+v", mi)
	}
	_, err := c.ModifyIpam(e.ctx, &ec2.ModifyIpamInput{IpamId: i.IpamId, RemoveOperatingRegions: []types.RemoveIpamOperatingRegion{{RegionName: aws.String("us-east-1")}}})
	wantCode(t, err, "InvalidParameterValue")

	p := must[*ec2.CreateIpamPoolOutput](t)(c.CreateIpamPool(e.ctx, &ec2.CreateIpamPoolInput{
		IpamScopeId: i.PrivateDefaultScopeId, AddressFamily: types.AddressFamilyIpv4, Locale: aws.String("eu-west-1"), AutoImport: aws.Bool(true),
		AllocationResourceTags: []types.RequestIpamResourceTag{{Key: aws.String("env"), Value: aws.String("prod")}}})).IpamPool
	if !aws.ToBool(p.AutoImport) || len(p.AllocationResourceTags) != 1 {
		t.Fatalf("CreateIpamPool = %+v", p)
	}
	_, err = c.ModifyIpam(e.ctx, &ec2.ModifyIpamInput{IpamId: i.IpamId, RemoveOperatingRegions: []types.RemoveIpamOperatingRegion{{RegionName: aws.String("eu-west-1")}}})
	wantCode(t, err, "InvalidParameterValue") // the pool's locale
	mp := must[*ec2.ModifyIpamPoolOutput](t)(c.ModifyIpamPool(e.ctx, &ec2.ModifyIpamPoolInput{IpamPoolId: p.IpamPoolId,
		Description: aws.String("eu"), AllocationMinNetmaskLength: aws.Int32(16), AllocationMaxNetmaskLength: aws.Int32(24),
		AllocationDefaultNetmaskLength: aws.Int32(20), AutoImport: aws.Bool(false),
		AddAllocationResourceTags:    []types.RequestIpamResourceTag{{Key: aws.String("team"), Value: aws.String("net")}},
		RemoveAllocationResourceTags: []types.RequestIpamResourceTag{{Key: aws.String("env"), Value: aws.String("prod")}}})).IpamPool
	if aws.ToString(mp.Description) != "eu" || aws.ToInt32(mp.AllocationDefaultNetmaskLength) != 20 || aws.ToBool(mp.AutoImport) ||
		len(mp.AllocationResourceTags) != 1 || aws.ToString(mp.AllocationResourceTags[0].Key) != "team" {
		t.Fatalf("ModifyIpamPool = %+v", mp)
	}
	_, err = c.ModifyIpamPool(e.ctx, &ec2.ModifyIpamPoolInput{IpamPoolId: p.IpamPoolId})
	wantCode(t, err, "InvalidParameterCombination")
	_, err = c.ModifyIpamPool(e.ctx, &ec2.ModifyIpamPoolInput{IpamPoolId: p.IpamPoolId, AllocationMinNetmaskLength: aws.Int32(22)})
	wantCode(t, err, "InvalidParameterValue") // the default /20 is below it
	cl := must[*ec2.ModifyIpamPoolOutput](t)(c.ModifyIpamPool(e.ctx, &ec2.ModifyIpamPoolInput{IpamPoolId: p.IpamPoolId, ClearAllocationDefaultNetmaskLength: aws.Bool(true)})).IpamPool
	if cl.AllocationDefaultNetmaskLength != nil && aws.ToInt32(cl.AllocationDefaultNetmaskLength) != 0 {
		t.Fatalf("default netmask after clearing = %d", aws.ToInt32(cl.AllocationDefaultNetmaskLength))
	}
}

// TestIpamClientTokenSDK repeats CreateIpamPool with one ClientToken, as
// the SDK does on a retry.
func TestIpamClientTokenSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	i := must[*ec2.CreateIpamOutput](t)(c.CreateIpam(e.ctx, &ec2.CreateIpamInput{ClientToken: aws.String("t1")})).Ipam
	if j := must[*ec2.CreateIpamOutput](t)(c.CreateIpam(e.ctx, &ec2.CreateIpamInput{ClientToken: aws.String("t1")})).Ipam; aws.ToString(j.IpamId) != aws.ToString(i.IpamId) {
		t.Fatalf("repeated CreateIpam: %s, then %s", aws.ToString(i.IpamId), aws.ToString(j.IpamId))
	}
	in := &ec2.CreateIpamPoolInput{IpamScopeId: i.PrivateDefaultScopeId, AddressFamily: types.AddressFamilyIpv4, ClientToken: aws.String("t2")}
	p := must[*ec2.CreateIpamPoolOutput](t)(c.CreateIpamPool(e.ctx, in)).IpamPool
	if q := must[*ec2.CreateIpamPoolOutput](t)(c.CreateIpamPool(e.ctx, in)).IpamPool; aws.ToString(q.IpamPoolId) != aws.ToString(p.IpamPoolId) {
		t.Fatalf("repeated CreateIpamPool: %s, then %s", aws.ToString(p.IpamPoolId), aws.ToString(q.IpamPoolId))
	}
	in.Description = aws.String("other")
	_, err := c.CreateIpamPool(e.ctx, in)
	wantCode(t, err, "IdempotentParameterMismatch")
}

// TestIpamPaginatorsSDK walks pools and pool CIDRs with the SDK's
// paginators, five at a time.
func TestIpamPaginatorsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	i := must[*ec2.CreateIpamOutput](t)(c.CreateIpam(e.ctx, &ec2.CreateIpamInput{})).Ipam
	var pool *string
	for range 7 {
		pool = must[*ec2.CreateIpamPoolOutput](t)(c.CreateIpamPool(e.ctx, &ec2.CreateIpamPoolInput{IpamScopeId: i.PrivateDefaultScopeId,
			AddressFamily: types.AddressFamilyIpv4})).IpamPool.IpamPoolId
	}
	for n := range 6 {
		must[*ec2.ProvisionIpamPoolCidrOutput](t)(c.ProvisionIpamPoolCidr(e.ctx, &ec2.ProvisionIpamPoolCidrInput{IpamPoolId: pool,
			Cidr: aws.String(fmt.Sprintf("10.%d.0.0/16", 10-n))}))
	}
	pools, pages := 0, 0
	for pg := ec2.NewDescribeIpamPoolsPaginator(c, &ec2.DescribeIpamPoolsInput{MaxResults: aws.Int32(5)}); pg.HasMorePages(); pages++ {
		pools += len(must[*ec2.DescribeIpamPoolsOutput](t)(pg.NextPage(e.ctx)).IpamPools)
	}
	if pools != 7 || pages != 2 {
		t.Fatalf("%d pools in %d pages", pools, pages)
	}
	var cidrs []string
	for pg := ec2.NewGetIpamPoolCidrsPaginator(c, &ec2.GetIpamPoolCidrsInput{IpamPoolId: pool, MaxResults: aws.Int32(5)}); pg.HasMorePages(); {
		for _, pc := range must[*ec2.GetIpamPoolCidrsOutput](t)(pg.NextPage(e.ctx)).IpamPoolCidrs {
			cidrs = append(cidrs, aws.ToString(pc.Cidr))
		}
	}
	if want := []string{"10.5.0.0/16", "10.6.0.0/16", "10.7.0.0/16", "10.8.0.0/16", "10.9.0.0/16", "10.10.0.0/16"}; !slices.Equal(cidrs, want) {
		t.Fatalf("pool CIDRs = %v, want %v", cidrs, want)
	}
}
