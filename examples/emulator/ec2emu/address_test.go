package ec2emu_test

import (
	"net/netip"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestAddressesSDK drives every Elastic IP address action through the SDK,
// and each refusal.
func TestAddressesSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	_, err := c.AllocateAddress(e.ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc, DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")
	a := must[*ec2.AllocateAddressOutput](t)(c.AllocateAddress(e.ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc,
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeElasticIp, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("nat")}}}}}))
	id, ip := aws.ToString(a.AllocationId), aws.ToString(a.PublicIp)
	if a.Domain != types.DomainTypeVpc || aws.ToString(a.PublicIpv4Pool) != "amazon" || aws.ToString(a.NetworkBorderGroup) != "us-east-1" ||
		!netip.MustParseAddr(ip).Is4() || len(id) != len("eipalloc-")+17 {
		t.Fatalf("AllocateAddress = %+v", a)
	}
	for range 4 {
		must[*ec2.AllocateAddressOutput](t)(c.AllocateAddress(e.ctx, &ec2.AllocateAddressInput{}))
	}
	_, err = c.AllocateAddress(e.ctx, &ec2.AllocateAddressInput{})
	wantCode(t, err, "AddressLimitExceeded")
	_, err = e.client(bob, "us-east-1").AllocateAddress(e.ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeStandard})
	wantCode(t, err, "InvalidParameterValue")

	d := must[*ec2.DescribeAddressesOutput](t)(c.DescribeAddresses(e.ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{id}}))
	if len(d.Addresses) != 1 || aws.ToString(d.Addresses[0].PublicIp) != ip || d.Addresses[0].Domain != types.DomainTypeVpc ||
		len(d.Addresses[0].Tags) != 1 || d.Addresses[0].AssociationId != nil {
		t.Fatalf("DescribeAddresses = %+v", d.Addresses)
	}
	d = must[*ec2.DescribeAddressesOutput](t)(c.DescribeAddresses(e.ctx, &ec2.DescribeAddressesInput{Filters: []types.Filter{
		{Name: aws.String("tag:Name"), Values: []string{"nat"}}, {Name: aws.String("public-ip"), Values: []string{ip}}}}))
	if len(d.Addresses) != 1 {
		t.Fatalf("DescribeAddresses by filter = %+v", d.Addresses)
	}
	d = must[*ec2.DescribeAddressesOutput](t)(c.DescribeAddresses(e.ctx, &ec2.DescribeAddressesInput{PublicIps: []string{ip}}))
	if len(d.Addresses) != 1 || aws.ToString(d.Addresses[0].AllocationId) != id {
		t.Fatalf("DescribeAddresses by address = %+v", d.Addresses)
	}
	_, err = c.DescribeAddresses(e.ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{"eipalloc-0123456789abcdef0"}})
	wantCode(t, err, "InvalidAllocationID.NotFound")
	_, err = c.DescribeAddresses(e.ctx, &ec2.DescribeAddressesInput{PublicIps: []string{"192.0.2.1"}})
	wantCode(t, err, "InvalidAddress.NotFound")
	_, err = c.DescribeAddresses(e.ctx, &ec2.DescribeAddressesInput{Filters: []types.Filter{{Name: aws.String("colour"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")

	attr := must[*ec2.DescribeAddressesAttributeOutput](t)(c.DescribeAddressesAttribute(e.ctx, &ec2.DescribeAddressesAttributeInput{
		AllocationIds: []string{id}, Attribute: types.AddressAttributeNameDomainName}))
	if len(attr.Addresses) != 1 || aws.ToString(attr.Addresses[0].AllocationId) != id || aws.ToString(attr.Addresses[0].PublicIp) != ip || attr.Addresses[0].PtrRecord != nil {
		t.Fatalf("DescribeAddressesAttribute = %+v", attr.Addresses)
	}
	_, err = c.DescribeAddressesAttribute(e.ctx, &ec2.DescribeAddressesAttributeInput{AllocationIds: []string{"eipalloc-0123456789abcdef0"}, Attribute: types.AddressAttributeNameDomainName})
	wantCode(t, err, "InvalidAllocationID.NotFound")

	_, err = c.DisassociateAddress(e.ctx, &ec2.DisassociateAddressInput{AssociationId: aws.String("eipassoc-0123456789abcdef0")})
	wantCode(t, err, "InvalidAssociationID.NotFound")

	_, err = c.ReleaseAddress(e.ctx, &ec2.ReleaseAddressInput{PublicIp: aws.String(ip)})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.ReleaseAddress(e.ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(id), NetworkBorderGroup: aws.String("us-west-2")})
	wantCode(t, err, "InvalidAddress.NotFound")
	_, err = e.client(bob, "us-east-1").ReleaseAddress(e.ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(id)})
	wantCode(t, err, "InvalidAllocationID.NotFound")
	must[*ec2.ReleaseAddressOutput](t)(c.ReleaseAddress(e.ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(id)}))
	_, err = c.ReleaseAddress(e.ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(id)})
	wantCode(t, err, "InvalidAllocationID.NotFound")
	// Its address may be taken back.
	back := must[*ec2.AllocateAddressOutput](t)(c.AllocateAddress(e.ctx, &ec2.AllocateAddressInput{Address: aws.String(ip)}))
	if aws.ToString(back.PublicIp) != ip {
		t.Fatalf("AllocateAddress(%s) = %+v", ip, back)
	}
}
