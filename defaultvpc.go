package vpcmodel

import (
	"fmt"
	"net/netip"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpc"
	"github.com/vpclab/vpcmodel/zone"
)

// The default VPC's block, and the size of each default subnet in it.
var defaultVPCBlock = netip.MustParsePrefix("172.31.0.0/16")

const defaultSubnetBits = 20

// defaultVPCOf returns the default VPC of scope sc, if it has one.
func (c *Cloud) defaultVPCOf(sc scope) (*vpcRec, bool) {
	for id := range c.vpcsIn[sc] {
		if r := c.vpcs[id]; r.v.IsDefault() {
			return r, true
		}
	}
	return nil, false
}

// CreateDefaultVpcInput is the input of [Cloud.CreateDefaultVpc]; the
// action takes no parameters.
type CreateDefaultVpcInput struct{}

// CreateDefaultVpcOutput is the output of [Cloud.CreateDefaultVpc].
type CreateDefaultVpcOutput struct {
	VPC VPC `ec2:"Vpc"`
}

func (c *Cloud) createDefaultVpc(k *call, _ *CreateDefaultVpcInput) (*CreateDefaultVpcOutput, error) {
	if r, ok := c.defaultVPCOf(k.scope); ok {
		return nil, &Error{Code: "DefaultVpcAlreadyExists",
			Message: fmt.Sprintf("A default VPC (%s) already exists for this account in this Region.", r.v.ID())}
	}
	out, err := c.makeDefaultVPC(k)
	if err != nil {
		return nil, err
	}
	return &CreateDefaultVpcOutput{VPC: out}, nil
}

// makeDefaultVPC makes what EC2 makes for CreateDefaultVpc: the VPC
// (172.31.0.0/16, DNS support and hostnames on), a default /20 subnet in
// each of the Region's zones, an internet gateway attached to it and a
// route to it for 0.0.0.0/0 in the main route table. Only the random
// source can fail after the first step; then every step made is undone, so
// a refusal changes nothing.
func (c *Cloud) makeDefaultVPC(k *call) (out VPC, err error) {
	r, err := c.newVPC(k, vpc.Spec{OwnerID: k.Account, Region: k.Region, CIDRBlock: defaultVPCBlock, Default: true}, tag.Set{})
	if err != nil {
		return VPC{}, err
	}
	id := r.v.ID()
	var igw string
	defer func() {
		if err == nil {
			return
		}
		for _, s := range c.subnetsOfVPCSorted(id) {
			_, _ = c.deleteSubnet(k, &DeleteSubnetInput{SubnetID: s.ID()})
		}
		if igw != "" {
			_, _ = c.detachInternetGateway(k, &AttachInternetGatewayInput{InternetGatewayID: igw, VPCID: id})
			_, _ = c.deleteInternetGateway(k, &DeleteInternetGatewayInput{InternetGatewayID: igw})
		}
		c.dropVPC(k, r)
	}()
	g, err := c.createInternetGateway(k, &CreateInternetGatewayInput{})
	if err != nil {
		return VPC{}, err
	}
	igw = g.InternetGateway.InternetGatewayID
	if _, err = c.attachInternetGateway(k, &AttachInternetGatewayInput{InternetGatewayID: igw, VPCID: id}); err != nil {
		return VPC{}, err
	}
	main := c.mainTableOf(id)
	if _, err = c.createRoute(k, &CreateRouteInput{RouteTableID: main,
		RouteDestination: RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"},
		RouteTarget:      RouteTarget{GatewayID: igw}}); err != nil {
		return VPC{}, err
	}
	for i, z := range zone.InRegion(k.Region) {
		if _, err = c.makeDefaultSubnet(k, r, z, i); err != nil {
			return VPC{}, err
		}
	}
	return c.vpcOutput(r, "pending"), nil
}

// makeDefaultSubnet makes the default subnet of zone z in the default VPC
// r, in the nth /20 of its block.
func (c *Cloud) makeDefaultSubnet(k *call, r *vpcRec, z zone.Zone, n int) (subnet.Subnet, error) {
	p, ok := nthSubprefix(defaultVPCBlock, defaultSubnetBits, n)
	if !ok {
		return subnet.Subnet{}, &Error{Code: "InsufficientFreeAddressesInSubnet",
			Message: "The default VPC has no free /20 left for a default subnet."}
	}
	siblings := c.subnetsOfVPCSorted(r.v.ID())
	s, err := subnet.Create(subnet.Spec{OwnerID: k.Account, Region: k.Region, VPCID: r.v.ID(), Zone: z, CIDRBlock: p,
		VPCBlocks: r.v.CIDRs(), Siblings: mapSlice(siblings, subnet.Subnet.CIDR), DefaultForAZ: true}, c.random)
	if err != nil {
		return subnet.Subnet{}, err
	}
	if _, err := c.associateDefaultNetworkACL(r.v.ID(), s.ID()); err != nil {
		return subnet.Subnet{}, err
	}
	c.subnets[s.ID()] = s
	c.indexSubnet(s)
	return s, nil
}

// nthSubprefix returns the nth prefix of the given length inside p.
func nthSubprefix(p netip.Prefix, bits, n int) (netip.Prefix, bool) {
	if bits < p.Bits() || bits > 32 || n < 0 || n >= 1<<(bits-p.Bits()) {
		return netip.Prefix{}, false
	}
	a := p.Masked().Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v += uint32(n) << (32 - bits)
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), bits), true
}

// CreateDefaultSubnetInput is the input of [Cloud.CreateDefaultSubnet]:
// one of the zone's name or ID.
type CreateDefaultSubnetInput struct {
	AvailabilityZone   string `ec2:"AvailabilityZone"`
	AvailabilityZoneID string `ec2:"AvailabilityZoneId"`
}

// CreateDefaultSubnetOutput is the output of [Cloud.CreateDefaultSubnet].
type CreateDefaultSubnetOutput struct {
	Subnet Subnet `ec2:"Subnet"`
}

func (c *Cloud) createDefaultSubnet(k *call, in *CreateDefaultSubnetInput) (*CreateDefaultSubnetOutput, error) {
	if (in.AvailabilityZone == "") == (in.AvailabilityZoneID == "") {
		return nil, &Error{Code: "InvalidParameterCombination",
			Message: "Either AvailabilityZone or AvailabilityZoneId must be specified, but not both."}
	}
	r, ok := c.defaultVPCOf(k.scope)
	if !ok {
		return nil, &Error{Code: "DefaultVpcDoesNotExist",
			Message: "No default VPC exists for this account in this Region."}
	}
	z, err := subnet.ResolveZone(k.Region, in.AvailabilityZone, in.AvailabilityZoneID, nil)
	if err != nil {
		return nil, err
	}
	siblings := c.subnetsOfVPCSorted(r.v.ID())
	for _, s := range siblings {
		if s.DefaultForAZ() && s.Zone() == z {
			return nil, &Error{Code: "DefaultSubnetAlreadyExistsInAvailabilityZone",
				Message: fmt.Sprintf("A default subnet (%s) already exists in Availability Zone %s.", s.ID(), z.Name)}
		}
	}
	// The first /20 of the block that no subnet overlaps.
	for n := 0; ; n++ {
		p, ok := nthSubprefix(defaultVPCBlock, defaultSubnetBits, n)
		if !ok {
			return nil, &Error{Code: "InsufficientFreeAddressesInSubnet",
				Message: "The default VPC has no free /20 left for a default subnet."}
		}
		if _, _, taken := cidr.OverlapsAny([]netip.Prefix{p}, mapSlice(siblings, subnet.Subnet.CIDR)); !taken {
			s, err := c.makeDefaultSubnet(k, r, z, n)
			if err != nil {
				return nil, err
			}
			return &CreateDefaultSubnetOutput{Subnet: c.subnetOutput(s, "available")}, nil
		}
	}
}
