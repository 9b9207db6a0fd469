package vpcmodel_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel"
)

func TestElasticIPs(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{6})})
	carol := vpcmodel.Caller{Account: "333333333333", Region: "us-east-1"}
	var ids []string
	ips := map[string]bool{}
	for i := range 5 {
		o := must[vpcmodel.AllocateAddressOutput](t)(c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{Domain: "vpc",
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "elastic-ip", Tags: []vpcmodel.Tag{{Key: "n", Value: string(rune('a' + i))}}}}}, t0))
		if o.Domain != "vpc" || o.PublicIPv4Pool != "amazon" || o.NetworkBorderGroup != "us-east-1" || ips[o.PublicIP] {
			t.Fatalf("AllocateAddress = %+v", o)
		}
		ids, ips[o.PublicIP] = append(ids, o.AllocationID), true
	}
	before := c.Version()
	_, err := c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{}, t0)
	wantCode(t, err, "AddressLimitExceeded")
	if c.Version() != before {
		t.Fatal("a refused AllocateAddress changed the Cloud")
	}
	// The quota is per account and Region; addresses are unique across all.
	for _, who := range []vpcmodel.Caller{carol, {Account: alice.Account, Region: "eu-west-1"}} {
		o := must[vpcmodel.AllocateAddressOutput](t)(c.AllocateAddress(who, vpcmodel.AllocateAddressInput{}, t0))
		if ips[o.PublicIP] {
			t.Fatalf("%v got a taken address %s", who, o.PublicIP)
		}
		ips[o.PublicIP] = true
	}
	for _, tt := range []struct {
		name string
		in   vpcmodel.AllocateAddressInput
		code string
	}{
		{"standard domain", vpcmodel.AllocateAddressInput{Domain: "standard"}, "InvalidParameterValue"},
		{"other pool", vpcmodel.AllocateAddressInput{PublicIPv4Pool: "ipv4pool-ec2-0123"}, "InvalidParameterValue"},
		{"other border group", vpcmodel.AllocateAddressInput{NetworkBorderGroup: "us-west-2-lax-1"}, "InvalidParameterValue"},
		{"customer-owned pool", vpcmodel.AllocateAddressInput{CustomerOwnedIPv4Pool: "ipv4pool-coip-0123"}, "UnsupportedOperation"},
		{"wrong tag type", vpcmodel.AllocateAddressInput{TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "vpc"}}}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AllocateAddress(carol, tt.in, t0)
			wantCode(t, err, tt.code)
		})
	}
	// Describe: by ID, by address, by filter; not another's.
	d := must[vpcmodel.DescribeAddressesOutput](t)(c.DescribeAddresses(alice, vpcmodel.DescribeAddressesInput{}, t0))
	slices.Sort(ids)
	if len(d.Addresses) != 5 || !slices.Equal(ids, []string{d.Addresses[0].AllocationID, d.Addresses[1].AllocationID,
		d.Addresses[2].AllocationID, d.Addresses[3].AllocationID, d.Addresses[4].AllocationID}) {
		t.Fatalf("DescribeAddresses = %+v, want %v in order", d.Addresses, ids)
	}
	first := d.Addresses[0]
	by := must[vpcmodel.DescribeAddressesOutput](t)(c.DescribeAddresses(alice, vpcmodel.DescribeAddressesInput{
		AllocationIDs: []string{first.AllocationID}, PublicIPs: []string{first.PublicIP}}, t0))
	if len(by.Addresses) != 1 || by.Addresses[0].AllocationID != first.AllocationID || len(by.Addresses[0].Tags) != 1 {
		t.Fatalf("DescribeAddresses by ID and address = %+v", by)
	}
	for _, tt := range []struct {
		filters []vpcmodel.Filter
		want    int
	}{
		{[]vpcmodel.Filter{{Name: "public-ip", Values: []string{first.PublicIP}}}, 1},
		{[]vpcmodel.Filter{{Name: "domain", Values: []string{"vpc"}}, {Name: "tag:n", Values: []string{"a", "b"}}}, 2},
		{[]vpcmodel.Filter{{Name: "association-id", Values: []string{"*"}}}, 0},
		{[]vpcmodel.Filter{{Name: "network-border-group", Values: []string{"us-east-1"}}}, 5},
	} {
		o := must[vpcmodel.DescribeAddressesOutput](t)(c.DescribeAddresses(alice, vpcmodel.DescribeAddressesInput{Filters: tt.filters}, t0))
		if len(o.Addresses) != tt.want {
			t.Errorf("DescribeAddresses(%v) = %d, want %d", tt.filters, len(o.Addresses), tt.want)
		}
	}
	_, err = c.DescribeAddresses(carol, vpcmodel.DescribeAddressesInput{AllocationIDs: []string{first.AllocationID}}, t0)
	wantCode(t, err, "InvalidAllocationID.NotFound")
	_, err = c.DescribeAddresses(carol, vpcmodel.DescribeAddressesInput{PublicIPs: []string{first.PublicIP}}, t0)
	wantCode(t, err, "InvalidAddress.NotFound")
	_, err = c.DescribeAddresses(alice, vpcmodel.DescribeAddressesInput{AllocationIDs: []string{"eipalloc-1"}}, t0)
	wantCode(t, err, "InvalidAllocationID.Malformed")

	attr := must[vpcmodel.DescribeAddressesAttributeOutput](t)(c.DescribeAddressesAttribute(alice, vpcmodel.DescribeAddressesAttributeInput{
		AllocationIDs: []string{first.AllocationID}, Attribute: "domain-name"}, t0))
	if len(attr.Addresses) != 1 || attr.Addresses[0].AllocationID != first.AllocationID || attr.Addresses[0].PublicIP != first.PublicIP || attr.Addresses[0].PTRRecord != "" {
		t.Fatalf("DescribeAddressesAttribute = %+v", attr)
	}
	page := must[vpcmodel.DescribeAddressesAttributeOutput](t)(c.DescribeAddressesAttribute(alice, vpcmodel.DescribeAddressesAttributeInput{
		Attribute: "domain-name", Page: vpcmodel.Page{MaxResults: vpcmodel.Some(3)}}, t0))
	if len(page.Addresses) != 3 || page.NextToken == "" {
		t.Fatalf("DescribeAddressesAttribute page = %+v", page)
	}
	_, err = c.DescribeAddressesAttribute(alice, vpcmodel.DescribeAddressesAttributeInput{Attribute: "ptr"}, t0)
	wantCode(t, err, "InvalidParameterValue")

	// Tags through CreateTags; release takes them away.
	must[vpcmodel.CreateTagsOutput](t)(c.CreateTags(alice, vpcmodel.CreateTagsInput{ResourceIDs: []string{first.AllocationID}, Tags: []vpcmodel.Tag{{Key: "x", Value: "y"}}}, t0))
	_, err = c.CreateTags(carol, vpcmodel.CreateTagsInput{ResourceIDs: []string{first.AllocationID}, Tags: []vpcmodel.Tag{{Key: "x", Value: "y"}}}, t0)
	wantCode(t, err, "InvalidAllocationID.NotFound")

	// Release.
	_, err = c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{PublicIP: first.PublicIP}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{}, t0)
	wantCode(t, err, "MissingParameter")
	_, err = c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: first.AllocationID, NetworkBorderGroup: "us-west-2"}, t0)
	wantCode(t, err, "InvalidAddress.NotFound")
	_, err = c.ReleaseAddress(carol, vpcmodel.ReleaseAddressInput{AllocationID: first.AllocationID}, t0)
	wantCode(t, err, "InvalidAllocationID.NotFound")
	must[vpcmodel.ReleaseAddressOutput](t)(c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: first.AllocationID}, t0))
	_, err = c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: first.AllocationID}, t0)
	wantCode(t, err, "InvalidAllocationID.NotFound")
	// The released address may be taken back, without its tags.
	back := must[vpcmodel.AllocateAddressOutput](t)(c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{Address: first.PublicIP}, t0))
	if back.PublicIP != first.PublicIP || back.AllocationID == first.AllocationID {
		t.Fatalf("AllocateAddress(%s) = %+v", first.PublicIP, back)
	}
	if a := must[vpcmodel.DescribeAddressesOutput](t)(c.DescribeAddresses(alice, vpcmodel.DescribeAddressesInput{AllocationIDs: []string{back.AllocationID}}, t0)); len(a.Addresses[0].Tags) != 0 {
		t.Fatalf("a taken-back address kept tags: %+v", a)
	}
	_, err = c.AllocateAddress(carol, vpcmodel.AllocateAddressInput{Address: d.Addresses[1].PublicIP}, t0)
	wantCode(t, err, "InvalidAddress.NotFound")

	// DisassociateAddress: unknown associations, and a free address by IP.
	_, err = c.DisassociateAddress(alice, vpcmodel.DisassociateAddressInput{AssociationID: "eipassoc-0123456789abcdef0"}, t0)
	wantCode(t, err, "InvalidAssociationID.NotFound")
	_, err = c.DisassociateAddress(alice, vpcmodel.DisassociateAddressInput{}, t0)
	wantCode(t, err, "MissingParameter")
	must[vpcmodel.DisassociateAddressOutput](t)(c.DisassociateAddress(alice, vpcmodel.DisassociateAddressInput{PublicIP: back.PublicIP}, t0))

	// A raised quota.
	c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{6}), AddressesPerRegion: 7})
	for range 7 {
		must[vpcmodel.AllocateAddressOutput](t)(c2.AllocateAddress(alice, vpcmodel.AllocateAddressInput{}, t0))
	}
	_, err = c2.AllocateAddress(alice, vpcmodel.AllocateAddressInput{}, t0)
	wantCode(t, err, "AddressLimitExceeded")
}
