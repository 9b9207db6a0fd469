package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/eip"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// Elastic IP addresses are eip.Address values; package eip owns the
// allocation, association and release rules. The Cloud keeps every public
// address unique across accounts and Regions, counts each account's
// addresses in a Region against its quota, and lets a NAT gateway
// associate and give back the address it holds.

// Address is an Elastic IP address as DescribeAddresses shows it.
type Address struct {
	AllocationID            string `ec2:"AllocationId"`
	AssociationID           string `ec2:"AssociationId,omitempty"`
	Domain                  string `ec2:"Domain"`
	NetworkBorderGroup      string `ec2:"NetworkBorderGroup"`
	NetworkInterfaceID      string `ec2:"NetworkInterfaceId,omitempty"`
	NetworkInterfaceOwnerID string `ec2:"NetworkInterfaceOwnerId,omitempty"`
	PrivateIPAddress        string `ec2:"PrivateIpAddress,omitempty"`
	PublicIP                string `ec2:"PublicIp"`
	PublicIPv4Pool          string `ec2:"PublicIpv4Pool"`
	Tags                    []Tag  `ec2:"TagSet"`
}

func (c *Cloud) addressOutput(r *eipRec) Address {
	a := r.a
	x := Address{AllocationID: a.AllocationID(), Domain: a.Domain(), NetworkBorderGroup: a.NetworkBorderGroup(),
		PublicIP: a.PublicIP().String(), PublicIPv4Pool: a.PublicIPv4Pool(), Tags: tagList(c.tagsOf(r.owner, a.AllocationID()))}
	if assoc, ok := a.Association(); ok {
		x.AssociationID, x.NetworkInterfaceID = assoc.ID, assoc.NetworkInterfaceID
		x.NetworkInterfaceOwnerID, x.PrivateIPAddress = assoc.NetworkInterfaceOwnerID, assoc.PrivateIP.String()
	}
	return x
}

// findAddress returns the caller's address with the given allocation ID,
// or EC2's InvalidAllocationID.Malformed or InvalidAllocationID.NotFound.
func (c *Cloud) findAddress(k *call, id string) (*eipRec, error) {
	if err := ec2.ElasticIP.ParseID(id); err != nil {
		return nil, err
	}
	r := c.addrs[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.ElasticIP.NotFoundError(id, nil)
	}
	return r, nil
}

// findAddressByIP returns the caller's address with the given public IP,
// or EC2's InvalidAddress.NotFound.
func (c *Cloud) findAddressByIP(k *call, ip string) (*eipRec, error) {
	notFound := &Error{Code: ec2.AddressNotFound, Message: fmt.Sprintf("Address '%s' not found.", ip)}
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return nil, notFound
	}
	r := c.addrs[c.addrByIP[a]]
	if r == nil || r.owner != k.scope {
		return nil, notFound
	}
	return r, nil
}

// addressesOf returns the scope's addresses, in allocation ID order.
func (c *Cloud) addressesOf(sc scope) []*eipRec {
	return mapSlice(sortedIDs(c.addrsIn[sc]), func(id string) *eipRec { return c.addrs[id] })
}

// AllocateAddressInput is the input of [Cloud.AllocateAddress].
// Customer-owned and IPAM pools are not modelled: naming one is refused.
type AllocateAddressInput struct {
	Domain                string             `ec2:"Domain"`
	Address               string             `ec2:"Address"`
	PublicIPv4Pool        string             `ec2:"PublicIpv4Pool"`
	NetworkBorderGroup    string             `ec2:"NetworkBorderGroup"`
	CustomerOwnedIPv4Pool string             `ec2:"CustomerOwnedIpv4Pool"`
	IPAMPoolID            string             `ec2:"IpamPoolId"`
	TagSpecifications     []TagSpecification `ec2:"TagSpecification"`
}

// AllocateAddressOutput is the output of [Cloud.AllocateAddress].
type AllocateAddressOutput struct {
	AllocationID       string `ec2:"AllocationId"`
	PublicIP           string `ec2:"PublicIp"`
	PublicIPv4Pool     string `ec2:"PublicIpv4Pool"`
	NetworkBorderGroup string `ec2:"NetworkBorderGroup"`
	Domain             string `ec2:"Domain"`
}

func (c *Cloud) allocateAddress(k *call, in *AllocateAddressInput) (*AllocateAddressOutput, error) {
	if in.CustomerOwnedIPv4Pool != "" || in.IPAMPoolID != "" {
		return nil, &Error{Code: ec2.UnsupportedOperation, Message: "Customer-owned and IPAM address pools are not supported by this model."}
	}
	tags, err := tagsFor(in.TagSpecifications, "elastic-ip")
	if err != nil {
		return nil, err
	}
	spec := eip.Spec{OwnerID: k.Account, Region: k.Region, Domain: in.Domain, PublicIPv4Pool: in.PublicIPv4Pool,
		NetworkBorderGroup: in.NetworkBorderGroup, Address: in.Address, Held: len(c.addrsIn[k.scope]), Quota: c.opts.AddressesPerRegion}
	a, err := eip.Allocate(spec, amazonPool, func(a netip.Addr) bool { _, ok := c.addrByIP[a]; return ok }, c.random)
	if err != nil {
		return nil, err
	}
	r := &eipRec{owner: k.scope, a: a}
	c.addrs[a.AllocationID()] = r
	c.indexAddress(r)
	c.setTags(k.scope, a.AllocationID(), tags)
	return &AllocateAddressOutput{AllocationID: a.AllocationID(), PublicIP: a.PublicIP().String(), PublicIPv4Pool: a.PublicIPv4Pool(),
		NetworkBorderGroup: a.NetworkBorderGroup(), Domain: a.Domain()}, nil
}

// ReleaseAddressInput is the input of [Cloud.ReleaseAddress].
type ReleaseAddressInput struct {
	AllocationID       string `ec2:"AllocationId"`
	PublicIP           string `ec2:"PublicIp"`
	NetworkBorderGroup string `ec2:"NetworkBorderGroup"`
}

// ReleaseAddressOutput is the output of [Cloud.ReleaseAddress].
type ReleaseAddressOutput = ReturnOutput

func (c *Cloud) releaseAddress(k *call, in *ReleaseAddressInput) (*ReturnOutput, error) {
	switch {
	case in.AllocationID == "" && in.PublicIP != "":
		return nil, &Error{Code: ec2.InvalidParameterValue, Message: "You must specify an allocation id when releasing a VPC elastic IP address"}
	case in.AllocationID == "":
		return nil, missingParameter("AllocationId")
	}
	r, err := c.findAddress(k, in.AllocationID)
	if err != nil {
		return nil, err
	}
	if in.NetworkBorderGroup != "" && in.NetworkBorderGroup != r.a.NetworkBorderGroup() {
		return nil, &Error{Code: ec2.AddressNotFound,
			Message: fmt.Sprintf("The allocation %s is not in the network border group '%s'.", r.a.AllocationID(), in.NetworkBorderGroup)}
	}
	if err := r.a.CheckRelease(); err != nil {
		return nil, err
	}
	delete(c.addrs, r.a.AllocationID())
	c.unindexAddress(r)
	c.dropTags(r.a.AllocationID())
	return &ReturnOutput{Return: true}, nil
}

// DescribeAddressesInput is the input of [Cloud.DescribeAddresses]. EC2
// does not paginate it.
type DescribeAddressesInput struct {
	AllocationIDs []string `ec2:"AllocationId"`
	PublicIPs     []string `ec2:"PublicIp"`
	Filters       []Filter `ec2:"Filter"`
}

// DescribeAddressesOutput is the output of [Cloud.DescribeAddresses].
type DescribeAddressesOutput struct {
	Addresses []Address `ec2:"AddressesSet"`
}

func assocOf(f func(eip.Association) string) func(*eipRec) []string {
	return func(r *eipRec) []string {
		if a, ok := r.a.Association(); ok {
			return one(f(a))
		}
		return nil
	}
}

var addressFilters = filterFuncs[*eipRec]{
	"allocation-id":              func(r *eipRec) []string { return one(r.a.AllocationID()) },
	"domain":                     func(r *eipRec) []string { return one(r.a.Domain()) },
	"network-border-group":       func(r *eipRec) []string { return one(r.a.NetworkBorderGroup()) },
	"public-ip":                  func(r *eipRec) []string { return one(r.a.PublicIP().String()) },
	"public-ipv4-pool":           func(r *eipRec) []string { return one(r.a.PublicIPv4Pool()) },
	"instance-id":                func(*eipRec) []string { return nil },
	"association-id":             assocOf(func(a eip.Association) string { return a.ID }),
	"network-interface-id":       assocOf(func(a eip.Association) string { return a.NetworkInterfaceID }),
	"network-interface-owner-id": assocOf(func(a eip.Association) string { return a.NetworkInterfaceOwnerID }),
	"private-ip-address":         assocOf(func(a eip.Association) string { return a.PrivateIP.String() }),
}

func (c *Cloud) describeAddresses(k *call, in *DescribeAddressesInput) (*DescribeAddressesOutput, error) {
	m, err := compileFilters(in.Filters, addressFilters, func(r *eipRec) tag.Set { return c.tagsOf(r.owner, r.a.AllocationID()) })
	if err != nil {
		return nil, err
	}
	var rs []*eipRec
	if len(in.AllocationIDs)+len(in.PublicIPs) > 0 {
		for _, id := range in.AllocationIDs {
			r, err := c.findAddress(k, id)
			if err != nil {
				return nil, err
			}
			rs = append(rs, r)
		}
		for _, ip := range in.PublicIPs {
			r, err := c.findAddressByIP(k, ip)
			if err != nil {
				return nil, err
			}
			rs = append(rs, r)
		}
		slices.SortFunc(rs, func(a, b *eipRec) int { return strings.Compare(a.a.AllocationID(), b.a.AllocationID()) })
		rs = slices.Compact(rs)
	} else {
		rs = c.addressesOf(k.scope)
	}
	out := &DescribeAddressesOutput{}
	for _, r := range rs {
		if m.match(r) {
			out.Addresses = append(out.Addresses, c.addressOutput(r))
		}
	}
	return out, nil
}

// AddressAttribute is an address's domain-name attribute as
// DescribeAddressesAttribute shows it. This model keeps no PTR records:
// PtrRecord is always absent.
type AddressAttribute struct {
	AllocationID string `ec2:"AllocationId"`
	PublicIP     string `ec2:"PublicIp"`
	PTRRecord    string `ec2:"PtrRecord,omitempty"`
}

// DescribeAddressesAttributeInput is the input of
// [Cloud.DescribeAddressesAttribute].
type DescribeAddressesAttributeInput struct {
	AllocationIDs []string `ec2:"AllocationId"`
	Attribute     string   `ec2:"Attribute,required"`
	Page
}

// DescribeAddressesAttributeOutput is the output of
// [Cloud.DescribeAddressesAttribute].
type DescribeAddressesAttributeOutput struct {
	Addresses []AddressAttribute `ec2:"AddressSet"`
	NextToken string             `ec2:"NextToken,omitempty"`
}

var addressAttributePage = pageLimits{min: 1, max: 1000, token: ec2.ElasticIP.IsID}

func (c *Cloud) describeAddressesAttribute(k *call, in *DescribeAddressesAttributeInput) (*DescribeAddressesAttributeOutput, error) {
	if in.Attribute != "domain-name" {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Value (%s) for parameter attribute is invalid. Valid values are: domain-name.", in.Attribute)}
	}
	if err := in.Page.check(addressAttributePage, len(in.AllocationIDs) > 0); err != nil {
		return nil, err
	}
	var rs []*eipRec
	if len(in.AllocationIDs) > 0 {
		for _, id := range in.AllocationIDs {
			r, err := c.findAddress(k, id)
			if err != nil {
				return nil, err
			}
			rs = append(rs, r)
		}
		slices.SortFunc(rs, func(a, b *eipRec) int { return strings.Compare(a.a.AllocationID(), b.a.AllocationID()) })
		rs = slices.Compact(rs)
	} else {
		rs = c.addressesOf(k.scope)
	}
	pageOf, next, err := paginate(rs, func(r *eipRec) string { return r.a.AllocationID() }, in.Page, addressAttributePage, len(in.AllocationIDs) > 0)
	if err != nil {
		return nil, err
	}
	return &DescribeAddressesAttributeOutput{NextToken: next, Addresses: mapSlice(pageOf, func(r *eipRec) AddressAttribute {
		return AddressAttribute{AllocationID: r.a.AllocationID(), PublicIP: r.a.PublicIP().String()}
	})}, nil
}

// DisassociateAddressInput is the input of [Cloud.DisassociateAddress]:
// the association, or the address.
type DisassociateAddressInput struct {
	AssociationID string `ec2:"AssociationId"`
	PublicIP      string `ec2:"PublicIp"`
}

// DisassociateAddressOutput is the output of [Cloud.DisassociateAddress].
type DisassociateAddressOutput = ReturnOutput

func (c *Cloud) disassociateAddress(k *call, in *DisassociateAddressInput) (*ReturnOutput, error) {
	var r *eipRec
	switch {
	case in.AssociationID != "":
		if err := ec2.AddressAssociation.ParseID(in.AssociationID); err != nil {
			return nil, err
		}
		for _, x := range c.addressesOf(k.scope) {
			if a, ok := x.a.Association(); ok && a.ID == in.AssociationID {
				r = x
			}
		}
		if r == nil {
			return nil, ec2.AddressAssociation.NotFoundError(in.AssociationID, nil)
		}
	case in.PublicIP != "":
		var err error
		if r, err = c.findAddressByIP(k, in.PublicIP); err != nil {
			return nil, err
		}
	default:
		return nil, missingParameter("AssociationId")
	}
	next, err := r.a.Disassociate()
	if err != nil {
		return nil, err
	}
	r.a = next
	return &ReturnOutput{Return: true}, nil
}
