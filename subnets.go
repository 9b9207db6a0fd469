package vpcmodel

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpc"
	"github.com/vpclab/vpcmodel/zone"
)

// Subnets are subnet.Subnet values; package subnet owns the placement
// rules, package zone the Availability Zones. The Cloud supplies what they
// check against (the VPC's associated blocks, the sibling subnets) and the
// rules between resources: a VPC with subnets cannot be deleted, a block
// holding a subnet cannot be disassociated, a deleted subnet's route
// table association goes with it.

// AvailabilityZone is a zone as DescribeAvailabilityZones shows it.
type AvailabilityZone struct {
	ZoneName           string `ec2:"ZoneName"`
	ZoneID             string `ec2:"ZoneId"`
	State              string `ec2:"ZoneState"`
	RegionName         string `ec2:"RegionName"`
	ZoneType           string `ec2:"ZoneType"`
	OptInStatus        string `ec2:"OptInStatus"`
	GroupName          string `ec2:"GroupName"`
	NetworkBorderGroup string `ec2:"NetworkBorderGroup"`
}

// DescribeAvailabilityZonesInput is the input of
// [Cloud.DescribeAvailabilityZones].
type DescribeAvailabilityZonesInput struct {
	ZoneNames            []string `ec2:"ZoneName"`
	ZoneIDs              []string `ec2:"ZoneId"`
	AllAvailabilityZones bool     `ec2:"AllAvailabilityZones"`
	Filters              []Filter `ec2:"Filter"`
}

// DescribeAvailabilityZonesOutput is the output of
// [Cloud.DescribeAvailabilityZones].
type DescribeAvailabilityZonesOutput struct {
	AvailabilityZones []AvailabilityZone `ec2:"AvailabilityZoneInfo"`
}

var zoneFilters = filterFuncs[zone.Zone]{
	"zone-name":            func(z zone.Zone) []string { return []string{z.Name} },
	"zone-id":              func(z zone.Zone) []string { return []string{z.ID} },
	"region-name":          func(z zone.Zone) []string { return []string{z.Region} },
	"state":                func(z zone.Zone) []string { return []string{z.State} },
	"zone-type":            func(z zone.Zone) []string { return []string{z.ZoneType} },
	"opt-in-status":        func(z zone.Zone) []string { return []string{z.OptInStatus} },
	"group-name":           func(z zone.Zone) []string { return []string{z.GroupName} },
	"network-border-group": func(z zone.Zone) []string { return []string{z.NetworkBorderGroup} },
}

func (c *Cloud) describeAvailabilityZones(k *call, in *DescribeAvailabilityZonesInput) (*DescribeAvailabilityZonesOutput, error) {
	m, err := compileFilters(in.Filters, zoneFilters, nil)
	if err != nil {
		return nil, err
	}
	zs := zone.InRegion(k.Region)
	for _, want := range [][]string{in.ZoneNames, in.ZoneIDs} {
		for _, q := range want {
			if _, ok := zone.Find(k.Region, q); !ok {
				return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("Invalid availability zone: [%s]", q)}
			}
		}
	}
	out := &DescribeAvailabilityZonesOutput{}
	for _, z := range zs {
		if len(in.ZoneNames)+len(in.ZoneIDs) > 0 && !slices.Contains(in.ZoneNames, z.Name) && !slices.Contains(in.ZoneIDs, z.ID) {
			continue
		}
		if m.match(z) {
			out.AvailabilityZones = append(out.AvailabilityZones, AvailabilityZone{z.Name, z.ID, z.State, z.Region, z.ZoneType, z.OptInStatus, z.GroupName, z.NetworkBorderGroup})
		}
	}
	return out, nil
}

// Subnet is a subnet as DescribeSubnets shows it.
type Subnet struct {
	SubnetID                      string                           `ec2:"SubnetId"`
	SubnetARN                     string                           `ec2:"SubnetArn"`
	VPCID                         string                           `ec2:"VpcId"`
	OwnerID                       string                           `ec2:"OwnerId"`
	State                         string                           `ec2:"State"`
	CIDRBlock                     string                           `ec2:"CidrBlock,omitempty"`
	IPv6CIDRBlockAssociations     []SubnetIPv6CIDRBlockAssociation `ec2:"Ipv6CidrBlockAssociationSet"`
	AvailableIPAddressCount       int                              `ec2:"AvailableIpAddressCount"`
	AvailabilityZone              string                           `ec2:"AvailabilityZone"`
	AvailabilityZoneID            string                           `ec2:"AvailabilityZoneId"`
	DefaultForAZ                  bool                             `ec2:"DefaultForAz"`
	MapPublicIPOnLaunch           bool                             `ec2:"MapPublicIpOnLaunch"`
	MapCustomerOwnedIPOnLaunch    bool                             `ec2:"MapCustomerOwnedIpOnLaunch"`
	AssignIPv6AddressOnCreation   bool                             `ec2:"AssignIpv6AddressOnCreation"`
	EnableDNS64                   bool                             `ec2:"EnableDns64"`
	IPv6Native                    bool                             `ec2:"Ipv6Native"`
	PrivateDNSNameOptionsOnLaunch PrivateDNSNameOptionsOnLaunch    `ec2:"PrivateDnsNameOptionsOnLaunch"`
	Tags                          []Tag                            `ec2:"TagSet"`
}

// SubnetIPv6CIDRBlockAssociation is a subnet's IPv6 block and its
// association.
type SubnetIPv6CIDRBlockAssociation struct {
	AssociationID        string     `ec2:"AssociationId"`
	IPv6CIDRBlock        string     `ec2:"Ipv6CidrBlock"`
	IPv6CIDRBlockState   BlockState `ec2:"Ipv6CidrBlockState"`
	IPv6AddressAttribute string     `ec2:"Ipv6AddressAttribute"`
	IPSource             string     `ec2:"IpSource"`
}

func subnetIPv6Output(b subnet.IPv6Block) SubnetIPv6CIDRBlockAssociation {
	return SubnetIPv6CIDRBlockAssociation{AssociationID: b.AssociationID, IPv6CIDRBlock: b.CIDR.String(),
		IPv6CIDRBlockState: BlockState{string(b.State)}, IPv6AddressAttribute: "public", IPSource: "amazon"}
}

// PrivateDNSNameOptionsOnLaunch are a subnet's hostname options for the
// instances launched in it.
type PrivateDNSNameOptionsOnLaunch struct {
	HostnameType                    string `ec2:"HostnameType"`
	EnableResourceNameDNSARecord    bool   `ec2:"EnableResourceNameDnsARecord"`
	EnableResourceNameDNSAAAARecord bool   `ec2:"EnableResourceNameDnsAAAARecord"`
}

func (c *Cloud) subnetOutput(s subnet.Subnet, state string) Subnet {
	a := s.Attributes()
	block := ""
	if s.CIDR().IsValid() {
		block = s.CIDR().String()
	}
	return Subnet{
		SubnetID: s.ID(), SubnetARN: s.ARN(), VPCID: s.VPCID(), OwnerID: s.OwnerID(), State: state,
		CIDRBlock: block, AvailableIPAddressCount: c.availableIPs(s),
		IPv6CIDRBlockAssociations: mapSlice(s.IPv6Blocks(), subnetIPv6Output), IPv6Native: s.IsIPv6Native(),
		AvailabilityZone: s.Zone().Name, AvailabilityZoneID: s.Zone().ID, DefaultForAZ: s.DefaultForAZ(),
		MapPublicIPOnLaunch: a.MapPublicIPOnLaunch, MapCustomerOwnedIPOnLaunch: a.MapCustomerOwnedIPOnLaunch,
		AssignIPv6AddressOnCreation: a.AssignIPv6AddressOnCreation, EnableDNS64: a.EnableDNS64,
		PrivateDNSNameOptionsOnLaunch: PrivateDNSNameOptionsOnLaunch{string(a.HostnameType),
			a.EnableResourceNameDNSARecord, a.EnableResourceNameDNSAAAARecord},
		Tags: tagList(c.tagsOf(subnetScope(s), s.ID())),
	}
}

// availableIPs returns the addresses of s neither reserved nor held by a
// NAT gateway's interface.
func (c *Cloud) availableIPs(s subnet.Subnet) int {
	return s.AvailableIPAddressCount() - len(c.heldIPs(s)) - len(c.eniAddrs[s.ID()])
}

// findSubnet returns the caller's subnet with the given ID, or EC2's
// InvalidSubnetID.Malformed or InvalidSubnetID.NotFound.
func (c *Cloud) findSubnet(k *call, id string) (subnet.Subnet, error) {
	if err := ec2.Subnet.ParseID(id); err != nil {
		return subnet.Subnet{}, err
	}
	s, ok := c.subnets[id]
	if !ok || subnetScope(s) != k.scope {
		return subnet.Subnet{}, ec2.Subnet.NotFoundError(id, nil)
	}
	return s, nil
}

// subnetsOfVPCSorted returns the subnets of VPC vpcID, in ID order.
func (c *Cloud) subnetsOfVPCSorted(vpcID string) []subnet.Subnet {
	return mapSlice(sortedIDs(c.subnetsOfVPC[vpcID]), func(id string) subnet.Subnet { return c.subnets[id] })
}

// isSubnet reports whether block is exactly the IPv4 or IPv6 block of a
// subnet of vpcID.
func (c *Cloud) isSubnet(vpcID string, block netip.Prefix) bool {
	for id := range c.subnetsOfVPC[vpcID] {
		s := c.subnets[id]
		if p, ok := s.IPv6CIDR(); s.CIDR() == block || ok && p == block {
			return true
		}
	}
	return false
}

// CreateSubnetInput is the input of [Cloud.CreateSubnet].
type CreateSubnetInput struct {
	VPCID              string             `ec2:"VpcId,required"`
	CIDRBlock          string             `ec2:"CidrBlock"`
	AvailabilityZone   string             `ec2:"AvailabilityZone"`
	AvailabilityZoneID string             `ec2:"AvailabilityZoneId"`
	IPv6CIDRBlock      string             `ec2:"Ipv6CidrBlock"`
	IPv6Native         bool               `ec2:"Ipv6Native"`
	TagSpecifications  []TagSpecification `ec2:"TagSpecification"`
}

// CreateSubnetOutput is the output of [Cloud.CreateSubnet].
type CreateSubnetOutput struct {
	Subnet Subnet `ec2:"Subnet"`
}

func (c *Cloud) createSubnet(k *call, in *CreateSubnetInput) (*CreateSubnetOutput, error) {
	r, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	if in.CIDRBlock == "" && !in.IPv6Native {
		return nil, missingParameter("CidrBlock")
	}
	var p, p6 netip.Prefix
	if in.CIDRBlock != "" {
		if p, err = subnet.ParseCIDR(in.CIDRBlock); err != nil {
			return nil, err
		}
	}
	if in.IPv6CIDRBlock != "" {
		if p6, err = subnet.ParseIPv6CIDR(in.IPv6CIDRBlock); err != nil {
			return nil, err
		}
	}
	tags, err := tagsFor(in.TagSpecifications, "subnet")
	if err != nil {
		return nil, err
	}
	siblings := c.subnetsOfVPCSorted(r.v.ID())
	z, err := subnet.ResolveZone(k.Region, in.AvailabilityZone, in.AvailabilityZoneID,
		mapSlice(siblings, subnet.Subnet.Zone))
	if err != nil {
		return nil, err
	}
	// Only associated blocks hold subnets: one still associating does not
	// yet (InvalidSubnet.Range).
	var blocks, blocks6 []netip.Prefix
	for _, b := range r.v.Blocks() {
		if b.State == vpc.BlockAssociated {
			blocks = append(blocks, b.CIDR)
		}
	}
	for _, b := range r.v.IPv6Blocks() {
		if b.State == vpc.BlockAssociated {
			blocks6 = append(blocks6, b.CIDR)
		}
	}
	// Randomness is read last, inside Create, after every check.
	s, err := subnet.Create(subnet.Spec{OwnerID: k.Account, Region: k.Region, VPCID: r.v.ID(), Zone: z, CIDRBlock: p,
		VPCBlocks: blocks, Siblings: mapSlice(siblings, subnet.Subnet.CIDR),
		IPv6CIDRBlock: p6, IPv6Native: in.IPv6Native, VPCIPv6Blocks: blocks6, IPv6Siblings: ipv6Blocks(siblings)}, c.random)
	if err != nil {
		return nil, err
	}
	// A new subnet is associated with its VPC's default network ACL.
	if _, err := c.associateDefaultNetworkACL(r.v.ID(), s.ID()); err != nil {
		return nil, err
	}
	c.subnets[s.ID()] = s
	c.indexSubnet(s)
	if !s.IsSettled() {
		c.unsettledSubnets = append(c.unsettledSubnets, s.ID())
	}
	c.setTags(k.scope, s.ID(), tags)
	// EC2 answers a new subnet as pending; it is available by the next request.
	return &CreateSubnetOutput{Subnet: c.subnetOutput(s, "pending")}, nil
}

// ipv6Blocks returns the IPv6 blocks subnets hold, associated or
// associating.
func ipv6Blocks(subnets []subnet.Subnet) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range subnets {
		if p, ok := s.IPv6CIDR(); ok {
			out = append(out, p)
		}
	}
	return out
}

// DeleteSubnetInput is the input of [Cloud.DeleteSubnet].
type DeleteSubnetInput struct {
	SubnetID string `ec2:"SubnetId,required"`
}

// DeleteSubnetOutput is the output of [Cloud.DeleteSubnet].
type DeleteSubnetOutput = ReturnOutput

func (c *Cloud) deleteSubnet(k *call, in *DeleteSubnetInput) (*ReturnOutput, error) {
	s, err := c.findSubnet(k, in.SubnetID)
	if err != nil {
		return nil, err
	}
	// A NAT gateway's interface holds one of its addresses.
	if len(c.heldIPs(s)) > 0 {
		return nil, &Error{Code: ec2.DependencyViolation,
			Message: fmt.Sprintf("The subnet '%s' has dependencies and cannot be deleted.", s.ID())}
	}
	if err := c.subnetHasInterfaces(s.ID()); err != nil {
		return nil, err
	}
	// A transit gateway VPC attachment holds an interface in it.
	if err := c.subnetHasTGWAttachment(s.ID(), s.VPCID()); err != nil {
		return nil, err
	}
	// Its route table and network ACL associations go with it.
	c.dropAssociation(s.ID())
	c.disassociateNetworkACL(s.ID())
	c.deleteExclusionsOf(k, s.ID())
	delete(c.subnets, s.ID())
	c.unindexSubnet(s)
	c.dropTags(s.ID())
	c.dropFlowLogsOf(s.ID())
	return &ReturnOutput{Return: true}, nil
}

// DescribeSubnetsInput is the input of [Cloud.DescribeSubnets].
type DescribeSubnetsInput struct {
	SubnetIDs []string `ec2:"SubnetId"`
	Filters   []Filter `ec2:"Filter"`
	Page
}

// DescribeSubnetsOutput is the output of [Cloud.DescribeSubnets].
type DescribeSubnetsOutput struct {
	Subnets   []Subnet `ec2:"SubnetSet"`
	NextToken string   `ec2:"NextToken,omitempty"`
}

func one(s string) []string { return []string{s} }

var subnetFilters = func() filterFuncs[subnet.Subnet] {
	f := filterFuncs[subnet.Subnet]{
		"availability-zone":    func(s subnet.Subnet) []string { return one(s.Zone().Name) },
		"availability-zone-id": func(s subnet.Subnet) []string { return one(s.Zone().ID) },
		// available-ip-address-count is added per call: it counts the
		// addresses NAT gateways hold.
		"cidr-block":              func(s subnet.Subnet) []string { return one(s.CIDR().String()) },
		"default-for-az":          func(s subnet.Subnet) []string { return one(strconv.FormatBool(s.DefaultForAZ())) },
		"map-public-ip-on-launch": func(s subnet.Subnet) []string { return one(strconv.FormatBool(s.Attributes().MapPublicIPOnLaunch)) },
		"enable-dns64":            func(s subnet.Subnet) []string { return one(strconv.FormatBool(s.Attributes().EnableDNS64)) },
		"ipv6-native":             func(s subnet.Subnet) []string { return one(strconv.FormatBool(s.IsIPv6Native())) },
		"assign-ipv6-address-on-creation": func(s subnet.Subnet) []string {
			return one(strconv.FormatBool(s.Attributes().AssignIPv6AddressOnCreation))
		},
		"ipv6-cidr-block-association.ipv6-cidr-block": func(s subnet.Subnet) []string {
			return mapSlice(s.IPv6Blocks(), func(b subnet.IPv6Block) string { return b.CIDR.String() })
		},
		"ipv6-cidr-block-association.association-id": func(s subnet.Subnet) []string {
			return mapSlice(s.IPv6Blocks(), func(b subnet.IPv6Block) string { return b.AssociationID })
		},
		"ipv6-cidr-block-association.state": func(s subnet.Subnet) []string {
			return mapSlice(s.IPv6Blocks(), func(b subnet.IPv6Block) string { return string(b.State) })
		},
		"owner-id":   func(s subnet.Subnet) []string { return one(s.OwnerID()) },
		"state":      func(s subnet.Subnet) []string { return one("available") },
		"subnet-arn": func(s subnet.Subnet) []string { return one(s.ARN()) },
		"subnet-id":  func(s subnet.Subnet) []string { return one(s.ID()) },
		"vpc-id":     func(s subnet.Subnet) []string { return one(s.VPCID()) },
	}
	// EC2's older camel-case spellings.
	f["availabilityZone"], f["availabilityZoneId"] = f["availability-zone"], f["availability-zone-id"]
	f["cidr"], f["cidrBlock"], f["defaultForAz"] = f["cidr-block"], f["cidr-block"], f["default-for-az"]
	return f
}()

func (c *Cloud) describeSubnets(k *call, in *DescribeSubnetsInput) (*DescribeSubnetsOutput, error) {
	if err := in.Page.check(subnetPage, len(in.SubnetIDs) > 0); err != nil {
		return nil, err
	}
	funcs := maps.Clone(subnetFilters)
	funcs["available-ip-address-count"] = func(s subnet.Subnet) []string { return one(strconv.Itoa(c.availableIPs(s))) }
	m, err := compileFilters(in.Filters, funcs, func(s subnet.Subnet) tag.Set { return c.tagsOf(subnetScope(s), s.ID()) })
	if err != nil {
		return nil, err
	}
	var ss []subnet.Subnet
	switch ids, ok := c.narrow(k, in.Filters, map[string]lookup{
		"subnet-id": one,
		"vpc-id":    func(v string) []string { return sortedIDs(c.subnetsOfVPC[v]) },
		"ipv6-cidr-block-association.association-id": func(v string) []string {
			if id, ok := c.subnetAssocs[v]; ok {
				return one(id)
			}
			return nil
		},
	}, "subnet-"); {
	case len(in.SubnetIDs) > 0:
		for _, id := range in.SubnetIDs {
			s, err := c.findSubnet(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.ContainsFunc(ss, func(o subnet.Subnet) bool { return o.ID() == s.ID() }) {
				ss = append(ss, s)
			}
		}
		slices.SortFunc(ss, func(a, b subnet.Subnet) int { return strings.Compare(a.ID(), b.ID()) })
	case ok:
		for _, id := range ids {
			if s, ok := c.subnets[id]; ok && subnetScope(s) == k.scope {
				ss = append(ss, s)
			}
		}
	default:
		ss = mapSlice(sortedIDs(c.subnetsIn[k.scope]), func(id string) subnet.Subnet { return c.subnets[id] })
	}
	ss = slices.DeleteFunc(ss, func(s subnet.Subnet) bool { return !m.match(s) })
	pageOf, next, err := paginate(ss, subnet.Subnet.ID, in.Page, subnetPage, len(in.SubnetIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeSubnetsOutput{NextToken: next}
	for _, s := range pageOf {
		out.Subnets = append(out.Subnets, c.subnetOutput(s, "available"))
	}
	return out, nil
}

// ModifySubnetAttributeInput is the input of [Cloud.ModifySubnetAttribute]:
// one attribute per call, as EC2 insists.
type ModifySubnetAttributeInput struct {
	SubnetID                                string                          `ec2:"SubnetId,required"`
	MapPublicIPOnLaunch                     Optional[AttributeBooleanValue] `ec2:"MapPublicIpOnLaunch"`
	AssignIPv6AddressOnCreation             Optional[AttributeBooleanValue] `ec2:"AssignIpv6AddressOnCreation"`
	MapCustomerOwnedIPOnLaunch              Optional[AttributeBooleanValue] `ec2:"MapCustomerOwnedIpOnLaunch"`
	CustomerOwnedIPv4Pool                   string                          `ec2:"CustomerOwnedIpv4Pool"`
	EnableDNS64                             Optional[AttributeBooleanValue] `ec2:"EnableDns64"`
	PrivateDNSHostnameTypeOnLaunch          string                          `ec2:"PrivateDnsHostnameTypeOnLaunch"`
	EnableResourceNameDNSARecordOnLaunch    Optional[AttributeBooleanValue] `ec2:"EnableResourceNameDnsARecordOnLaunch"`
	EnableResourceNameDNSAAAARecordOnLaunch Optional[AttributeBooleanValue] `ec2:"EnableResourceNameDnsAAAARecordOnLaunch"`
}

// ModifySubnetAttributeOutput is the output of [Cloud.ModifySubnetAttribute].
type ModifySubnetAttributeOutput = ReturnOutput

func (c *Cloud) modifySubnetAttribute(k *call, in *ModifySubnetAttributeInput) (*ReturnOutput, error) {
	s, err := c.findSubnet(k, in.SubnetID)
	if err != nil {
		return nil, err
	}
	a := s.Attributes()
	var named []string
	for _, f := range []struct {
		name string
		o    Optional[AttributeBooleanValue]
		dst  *bool
	}{
		{"MapPublicIpOnLaunch", in.MapPublicIPOnLaunch, &a.MapPublicIPOnLaunch},
		{"AssignIpv6AddressOnCreation", in.AssignIPv6AddressOnCreation, &a.AssignIPv6AddressOnCreation},
		{"MapCustomerOwnedIpOnLaunch", in.MapCustomerOwnedIPOnLaunch, &a.MapCustomerOwnedIPOnLaunch},
		{"EnableDns64", in.EnableDNS64, &a.EnableDNS64},
		{"EnableResourceNameDnsARecordOnLaunch", in.EnableResourceNameDNSARecordOnLaunch, &a.EnableResourceNameDNSARecord},
		{"EnableResourceNameDnsAAAARecordOnLaunch", in.EnableResourceNameDNSAAAARecordOnLaunch, &a.EnableResourceNameDNSAAAARecord},
	} {
		if v, ok := f.o.Get(); ok {
			named = append(named, f.name)
			*f.dst = v.Value
		}
	}
	if in.PrivateDNSHostnameTypeOnLaunch != "" {
		named = append(named, "PrivateDnsHostnameTypeOnLaunch")
		a.HostnameType = subnet.HostnameType(in.PrivateDNSHostnameTypeOnLaunch)
	}
	// CustomerOwnedIpv4Pool goes only with MapCustomerOwnedIpOnLaunch.
	if in.CustomerOwnedIPv4Pool != "" && !slices.Equal(named, []string{"MapCustomerOwnedIpOnLaunch"}) {
		named = append(named, "CustomerOwnedIpv4Pool")
	}
	switch len(named) {
	case 0:
		return nil, &Error{Code: ec2.MissingParameter, Message: "The request must contain exactly one attribute to modify"}
	case 1:
	default:
		return nil, &Error{Code: ec2.InvalidParameterCombination,
			Message: "Fields for multiple attribute types specified: " + strings.Join(named, ", ")}
	}
	next, err := s.WithAttributes(a)
	if err != nil {
		return nil, err
	}
	c.subnets[s.ID()] = next
	return &ReturnOutput{Return: true}, nil
}

// AssociateSubnetCidrBlockInput is the input of
// [Cloud.AssociateSubnetCidrBlock].
type AssociateSubnetCidrBlockInput struct {
	SubnetID      string `ec2:"SubnetId,required"`
	IPv6CIDRBlock string `ec2:"Ipv6CidrBlock"`
}

// AssociateSubnetCidrBlockOutput is the output of
// [Cloud.AssociateSubnetCidrBlock] and [Cloud.DisassociateSubnetCidrBlock].
type AssociateSubnetCidrBlockOutput struct {
	IPv6CIDRBlockAssociation SubnetIPv6CIDRBlockAssociation `ec2:"Ipv6CidrBlockAssociation"`
	SubnetID                 string                         `ec2:"SubnetId"`
}

func (c *Cloud) associateSubnetCidrBlock(k *call, in *AssociateSubnetCidrBlockInput) (*AssociateSubnetCidrBlockOutput, error) {
	s, err := c.findSubnet(k, in.SubnetID)
	if err != nil {
		return nil, err
	}
	if in.IPv6CIDRBlock == "" {
		return nil, missingParameter("Ipv6CidrBlock")
	}
	p, err := subnet.ParseIPv6CIDR(in.IPv6CIDRBlock)
	if err != nil {
		return nil, err
	}
	var blocks []netip.Prefix
	for _, b := range c.vpcs[s.VPCID()].v.IPv6Blocks() {
		if b.State == vpc.BlockAssociated {
			blocks = append(blocks, b.CIDR)
		}
	}
	siblings := slices.DeleteFunc(c.subnetsOfVPCSorted(s.VPCID()), func(o subnet.Subnet) bool { return o.ID() == s.ID() })
	next, b, err := s.AssociateIPv6(p, blocks, ipv6Blocks(siblings), c.random)
	if err != nil {
		return nil, err
	}
	c.subnets[s.ID()] = next
	c.subnetAssocs[b.AssociationID] = s.ID()
	c.unsettledSubnets = append(c.unsettledSubnets, s.ID())
	return &AssociateSubnetCidrBlockOutput{IPv6CIDRBlockAssociation: subnetIPv6Output(b), SubnetID: s.ID()}, nil
}

// DisassociateSubnetCidrBlockInput is the input of
// [Cloud.DisassociateSubnetCidrBlock].
type DisassociateSubnetCidrBlockInput struct {
	AssociationID string `ec2:"AssociationId,required"`
}

// DisassociateSubnetCidrBlockOutput is the output of
// [Cloud.DisassociateSubnetCidrBlock].
type DisassociateSubnetCidrBlockOutput = AssociateSubnetCidrBlockOutput

func (c *Cloud) disassociateSubnetCidrBlock(k *call, in *DisassociateSubnetCidrBlockInput) (*AssociateSubnetCidrBlockOutput, error) {
	if err := ec2.SubnetCIDRAssociation.ParseID(in.AssociationID); err != nil {
		return nil, err
	}
	id, ok := c.subnetAssocs[in.AssociationID]
	s, found := c.subnets[id]
	if !ok || !found || subnetScope(s) != k.scope {
		return nil, subnet.AssociationNotFound(in.AssociationID)
	}
	next, b, err := s.DisassociateIPv6(in.AssociationID)
	if err != nil {
		return nil, err
	}
	c.subnets[s.ID()] = next
	c.unsettledSubnets = append(c.unsettledSubnets, s.ID())
	return &AssociateSubnetCidrBlockOutput{IPv6CIDRBlockAssociation: subnetIPv6Output(b), SubnetID: s.ID()}, nil
}
