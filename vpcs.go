package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/ipam"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpc"
)

// vpcRec is one VPC and the default security group and network ACL EC2
// creates with it.
type vpcRec struct {
	v   vpc.VPC
	sg  string
	acl string
}

func (r *vpcRec) owner() scope { return scope{r.v.OwnerID(), r.v.Region()} }

func (r *vpcRec) ref() peering.VPCRef {
	return peering.VPCRef{OwnerID: r.v.OwnerID(), Region: r.v.Region(), ID: r.v.ID()}
}

// findVPC returns the caller's VPC with the given ID, or EC2's
// InvalidVpcID.Malformed or InvalidVpcID.NotFound.
func (c *Cloud) findVPC(k *call, id string) (*vpcRec, error) {
	if err := ec2.VPC.ParseID(id); err != nil {
		return nil, err
	}
	r := c.vpcs[id]
	if r == nil || r.owner() != k.scope {
		return nil, ec2.VPC.NotFoundError(id, nil)
	}
	return r, nil
}

// VPC is a VPC as DescribeVpcs shows it.
type VPC struct {
	VPCID                     string                        `ec2:"VpcId"`
	OwnerID                   string                        `ec2:"OwnerId"`
	State                     string                        `ec2:"State"`
	CIDRBlock                 string                        `ec2:"CidrBlock"`
	CIDRBlockAssociations     []VPCCIDRBlockAssociation     `ec2:"CidrBlockAssociationSet"`
	IPv6CIDRBlockAssociations []VPCIPv6CIDRBlockAssociation `ec2:"Ipv6CidrBlockAssociationSet"`
	DHCPOptionsID             string                        `ec2:"DhcpOptionsId"`
	InstanceTenancy           string                        `ec2:"InstanceTenancy"`
	IsDefault                 bool                          `ec2:"IsDefault"`
	Tags                      []Tag                         `ec2:"TagSet"`
}

// VPCCIDRBlockAssociation is one IPv4 block of a VPC and its association.
type VPCCIDRBlockAssociation struct {
	AssociationID  string     `ec2:"AssociationId"`
	CIDRBlock      string     `ec2:"CidrBlock"`
	CIDRBlockState BlockState `ec2:"CidrBlockState"`
}

// BlockState is the state of a CIDR block association.
type BlockState struct {
	State string `ec2:"State"`
}

// VPCIPv6CIDRBlockAssociation is one IPv6 block of a VPC and its
// association: an Amazon-provided /56 (Ipv6Pool "Amazon", IpSource
// "amazon", public addresses) and the network border group it is
// advertised from.
type VPCIPv6CIDRBlockAssociation struct {
	AssociationID        string     `ec2:"AssociationId"`
	IPv6CIDRBlock        string     `ec2:"Ipv6CidrBlock"`
	IPv6CIDRBlockState   BlockState `ec2:"Ipv6CidrBlockState"`
	NetworkBorderGroup   string     `ec2:"NetworkBorderGroup"`
	IPv6Pool             string     `ec2:"Ipv6Pool"`
	IPv6AddressAttribute string     `ec2:"Ipv6AddressAttribute"`
	IPSource             string     `ec2:"IpSource"`
}

func blockOutput(b vpc.Block) VPCCIDRBlockAssociation {
	return VPCCIDRBlockAssociation{b.AssociationID, b.CIDR.String(), BlockState{string(b.State)}}
}

func ipv6BlockOutput(b vpc.IPv6Block) VPCIPv6CIDRBlockAssociation {
	return VPCIPv6CIDRBlockAssociation{AssociationID: b.AssociationID, IPv6CIDRBlock: b.CIDR.String(),
		IPv6CIDRBlockState: BlockState{string(b.State)}, NetworkBorderGroup: b.NetworkBorderGroup, IPv6Pool: b.Pool,
		IPv6AddressAttribute: "public", IPSource: "amazon"}
}

func (c *Cloud) vpcOutput(r *vpcRec, state string) VPC {
	v := r.v
	return VPC{
		VPCID:                     v.ID(),
		OwnerID:                   v.OwnerID(),
		State:                     state,
		CIDRBlock:                 v.PrimaryCIDR().String(),
		CIDRBlockAssociations:     mapSlice(v.Blocks(), blockOutput),
		IPv6CIDRBlockAssociations: mapSlice(v.IPv6Blocks(), ipv6BlockOutput),
		DHCPOptionsID:             c.dhcpOptionsOf(v.ID()),
		InstanceTenancy:           string(v.Tenancy()),
		IsDefault:                 v.IsDefault(),
		Tags:                      tagList(c.tagsOf(r.owner(), v.ID())),
	}
}

// CreateVpcInput is the input of [Cloud.CreateVpc].
type CreateVpcInput struct {
	CIDRBlock         string             `ec2:"CidrBlock"`
	IPv4IpamPoolID    string             `ec2:"Ipv4IpamPoolId"`
	IPv4NetmaskLength Optional[int]      `ec2:"Ipv4NetmaskLength"`
	InstanceTenancy   string             `ec2:"InstanceTenancy"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
	IPv6Request
}

// Validate refuses an input that names no IPv4 block: neither CidrBlock
// nor Ipv4IpamPoolId (MissingParameter), or Ipv4NetmaskLength without a
// pool (InvalidParameterCombination). It checks the parameters alone, as a
// dry run does.
func (in *CreateVpcInput) Validate() error {
	switch {
	case in.CIDRBlock == "" && in.IPv4IpamPoolID == "":
		return &Error{Code: ec2.MissingParameter, Message: "The request must contain the parameter CidrBlock or Ipv4IpamPoolId"}
	case in.IPv4NetmaskLength.Set && in.IPv4IpamPoolID == "":
		return &Error{Code: ec2.InvalidParameterCombination, Message: "Ipv4NetmaskLength can only be given with Ipv4IpamPoolId"}
	}
	return nil
}

// IPv6Request holds the IPv6 parameters of CreateVpc and
// AssociateVpcCidrBlock. Only Amazon-provided blocks are modelled: an
// address pool of the caller's own (Ipv6Pool, Ipv6CidrBlock) is refused.
type IPv6Request struct {
	AmazonProvidedIPv6CIDRBlock     bool   `ec2:"AmazonProvidedIpv6CidrBlock"`
	IPv6CIDRBlockNetworkBorderGroup string `ec2:"Ipv6CidrBlockNetworkBorderGroup"`
	IPv6Pool                        string `ec2:"Ipv6Pool"`
	IPv6CIDRBlock                   string `ec2:"Ipv6CidrBlock"`
}

// check refuses what the model does not hold: a caller's own IPv6 pool.
func (in IPv6Request) check() error {
	switch {
	case in.IPv6Pool != "":
		return &Error{Code: "InvalidIpv6PoolID.NotFound", Message: fmt.Sprintf("The IPv6 pool ID '%s' does not exist", in.IPv6Pool)}
	case in.IPv6CIDRBlock != "":
		return &Error{Code: ec2.MissingParameter, Message: "The request must contain the parameter Ipv6Pool"}
	}
	return nil
}

// ipv6Source returns where a new IPv6 block of r comes from: the
// partition's pool, clear of every block a VPC of the partition lists, and
// of the destinations of r's static routes that a /56 could hold ("A VPC
// cannot get a new CIDR that is the same as or larger than an existing
// route destination").
func (c *Cloud) ipv6Source(r *vpcRec) vpc.IPv6Source {
	out := make([]netip.Prefix, 0, len(c.ipv6Blocks))
	for p := range c.ipv6Blocks {
		out = append(out, p)
	}
	if r != nil {
		for _, d := range c.routeDestinations(r) {
			if d.Addr().Is6() && d.Bits() >= vpc.IPv6BlockBits {
				out = append(out, d)
			}
		}
	}
	slices.SortFunc(out, comparePrefixes)
	return vpc.IPv6Source{Pool: c.opts.IPv6Pool, Taken: out}
}

// comparePrefixes orders prefixes by address, then length.
func comparePrefixes(a, b netip.Prefix) int {
	if c := a.Addr().Compare(b.Addr()); c != 0 {
		return c
	}
	return a.Bits() - b.Bits()
}

// addIPv6Block records r's new IPv6 association b.
func (c *Cloud) addIPv6Block(r *vpcRec, b vpc.IPv6Block) {
	c.byPart[b.AssociationID] = r
	c.ipv6Blocks[b.CIDR] = r.v.ID()
}

// CreateVpcOutput is the output of [Cloud.CreateVpc].
type CreateVpcOutput struct {
	VPC VPC `ec2:"Vpc"`
}

func (c *Cloud) createVpc(k *call, in *CreateVpcInput) (*CreateVpcOutput, error) {
	var (
		pool    ipam.Pool
		request ipam.Request
		allocID string
		text    = in.CIDRBlock
	)
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if in.IPv4IpamPoolID != "" {
		var block netip.Prefix
		var err error
		if pool, request, block, err = c.vpcPoolBlock(k, in); err != nil {
			return nil, err
		}
		text = block.String()
	}
	p, err := cidr.ParseVPC(text)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "vpc")
	if err != nil {
		return nil, err
	}
	if err := in.IPv6Request.check(); err != nil {
		return nil, err
	}
	spec := vpc.Spec{OwnerID: k.Account, Region: k.Region, CIDRBlock: p, Tenancy: vpc.Tenancy(in.InstanceTenancy),
		AmazonProvidedIPv6: in.AmazonProvidedIPv6CIDRBlock, IPv6BorderGroup: in.IPv6CIDRBlockNetworkBorderGroup}
	if spec.AmazonProvidedIPv6 {
		spec.IPv6Source = c.ipv6Source(nil)
	}
	if pool.ID != "" {
		if allocID, err = c.newID(ec2.IPAMPoolAllocation); err != nil {
			return nil, err
		}
	}
	r, err := c.newVPC(k, spec, tags)
	if err != nil {
		return nil, err
	}
	if pool.ID != "" {
		request.CIDR, request.ResourceID = p, r.v.ID()
		c.ipamPools[pool.ID], _, _ = pool.Allocate(allocID, request)
	}
	// EC2 answers a new VPC as pending; it is available by the next request.
	return &CreateVpcOutput{VPC: c.vpcOutput(r, "pending")}, nil
}

// newVPC makes a VPC with the default security group, network ACL and
// main route table EC2 makes with it, and tags it.
func (c *Cloud) newVPC(k *call, spec vpc.Spec, tags tag.Set) (*vpcRec, error) {
	v, err := vpc.Create(spec, c.random)
	if err != nil {
		return nil, err
	}
	r := &vpcRec{v: v}
	if r.sg, err = c.newID(ec2.SecurityGroup); err != nil {
		return nil, err
	}
	if r.acl, err = c.newID(ec2.NetworkACL); err != nil {
		return nil, err
	}
	main, err := c.newTable(r, true) // the VPC's main route table
	if err != nil {
		return nil, err
	}
	c.vpcs[v.ID()] = r
	addID(c.vpcsIn, k.scope, v.ID())
	c.byPart[r.sg], c.byPart[r.acl], c.byPart[v.Blocks()[0].AssociationID] = r, r, r
	for _, b := range v.IPv6Blocks() {
		c.addIPv6Block(r, b)
		c.unsettledVPCs = append(c.unsettledVPCs, v.ID())
	}
	c.setTags(k.scope, v.ID(), tags)
	c.newVPCDHCP(k.scope, v.ID())
	c.addTable(main)
	c.addVPCDefaults(r)
	return r, nil
}

// DescribeVpcsInput is the input of [Cloud.DescribeVpcs].
type DescribeVpcsInput struct {
	VPCIDs  []string `ec2:"VpcId"`
	Filters []Filter `ec2:"Filter"`
	Page
}

// DescribeVpcsOutput is the output of [Cloud.DescribeVpcs].
type DescribeVpcsOutput struct {
	VPCs      []VPC  `ec2:"VpcSet"`
	NextToken string `ec2:"NextToken,omitempty"`
}

var vpcFilters = filterFuncs[*vpcRec]{
	"vpc-id":   func(r *vpcRec) []string { return []string{r.v.ID()} },
	"owner-id": func(r *vpcRec) []string { return []string{r.v.OwnerID()} },
	"state":    func(r *vpcRec) []string { return []string{"available"} },
	"cidr":     func(r *vpcRec) []string { return []string{r.v.PrimaryCIDR().String()} },
	"cidr-block-association.cidr-block": func(r *vpcRec) []string {
		return mapSlice(r.v.Blocks(), func(b vpc.Block) string { return b.CIDR.String() })
	},
	"cidr-block-association.association-id": func(r *vpcRec) []string {
		return mapSlice(r.v.Blocks(), func(b vpc.Block) string { return b.AssociationID })
	},
	"cidr-block-association.state": func(r *vpcRec) []string {
		return mapSlice(r.v.Blocks(), func(b vpc.Block) string { return string(b.State) })
	},
	"ipv6-cidr-block-association.ipv6-cidr-block": func(r *vpcRec) []string {
		return mapSlice(r.v.IPv6Blocks(), func(b vpc.IPv6Block) string { return b.CIDR.String() })
	},
	"ipv6-cidr-block-association.ipv6-pool": func(r *vpcRec) []string {
		return mapSlice(r.v.IPv6Blocks(), func(b vpc.IPv6Block) string { return b.Pool })
	},
	"ipv6-cidr-block-association.association-id": func(r *vpcRec) []string {
		return mapSlice(r.v.IPv6Blocks(), func(b vpc.IPv6Block) string { return b.AssociationID })
	},
	"ipv6-cidr-block-association.state": func(r *vpcRec) []string {
		return mapSlice(r.v.IPv6Blocks(), func(b vpc.IPv6Block) string { return string(b.State) })
	},
	"is-default":       func(r *vpcRec) []string { return []string{strconv.FormatBool(r.v.IsDefault())} },
	"isDefault":        func(r *vpcRec) []string { return []string{strconv.FormatBool(r.v.IsDefault())} },
	"instance-tenancy": func(r *vpcRec) []string { return []string{string(r.v.Tenancy())} },
}

// vpcFilterFuncs returns vpcFilters with dhcp-options-id, which asks c.
func (c *Cloud) vpcFilterFuncs() filterFuncs[*vpcRec] {
	fs := make(filterFuncs[*vpcRec], len(vpcFilters))
	for name, f := range vpcFilters {
		fs[name] = f
	}
	fs["dhcp-options-id"] = func(r *vpcRec) []string { return one(c.dhcpOptionsOf(r.v.ID())) }
	return fs
}

// vpcsOf returns the VPCs of scope sc, in ID order.
func (c *Cloud) vpcsOf(sc scope) []*vpcRec {
	return mapSlice(sortedIDs(c.vpcsIn[sc]), func(id string) *vpcRec { return c.vpcs[id] })
}

// The page limits of each Describe that pages.
var (
	vpcPage    = pageLimits{min: 5, max: 1000, idsParam: "VpcIds", token: ec2.VPC.IsID}
	subnetPage = pageLimits{min: 5, max: 1000, idsParam: "SubnetIds", token: ec2.Subnet.IsID}
	igwPage    = pageLimits{min: 5, max: 1000, idsParam: "InternetGatewayIds", token: ec2.InternetGateway.IsID}
	sgPage     = pageLimits{min: 5, max: 1000, idsParam: "GroupIds", token: ec2.SecurityGroup.IsID}
	aclPage    = pageLimits{min: 5, max: 1000, idsParam: "NetworkAclIds", token: ec2.NetworkACL.IsID}
)

func (c *Cloud) describeVpcs(k *call, in *DescribeVpcsInput) (*DescribeVpcsOutput, error) {
	if err := in.Page.check(vpcPage, len(in.VPCIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, c.vpcFilterFuncs(), func(r *vpcRec) tag.Set { return c.tagsOf(r.owner(), r.v.ID()) })
	if err != nil {
		return nil, err
	}
	var vs []*vpcRec
	if len(in.VPCIDs) > 0 {
		for _, id := range in.VPCIDs {
			r, err := c.findVPC(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(vs, r) {
				vs = append(vs, r)
			}
		}
		slices.SortFunc(vs, func(a, b *vpcRec) int { return strings.Compare(a.v.ID(), b.v.ID()) })
	} else if ids, ok := c.narrow(k, in.Filters, map[string]lookup{
		"vpc-id":                                     func(v string) []string { return []string{v} },
		"cidr-block-association.association-id":      c.vpcOfAssociation,
		"ipv6-cidr-block-association.association-id": c.vpcOfAssociation,
	}, "vpc-"); ok {
		for _, id := range ids {
			if r := c.vpcs[id]; r != nil && r.owner() == k.scope {
				vs = append(vs, r)
			}
		}
	} else {
		vs = c.vpcsOf(k.scope)
	}
	vs = slices.DeleteFunc(vs, func(r *vpcRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(vs, func(r *vpcRec) string { return r.v.ID() }, in.Page, vpcPage, len(in.VPCIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeVpcsOutput{NextToken: next}
	for _, r := range pageOf {
		out.VPCs = append(out.VPCs, c.vpcOutput(r, "available"))
	}
	return out, nil
}

// vpcOfAssociation answers the association-id filters from the index of
// block associations: the VPC holding association id.
func (c *Cloud) vpcOfAssociation(id string) []string {
	if r := c.byPart[id]; r != nil && ec2.VPCCIDRAssociation.IsID(id) {
		return []string{r.v.ID()}
	}
	return nil
}

// DeleteVpcInput is the input of [Cloud.DeleteVpc].
type DeleteVpcInput struct {
	VPCID string `ec2:"VpcId,required"`
}

// DeleteVpcOutput is the output of [Cloud.DeleteVpc].
type DeleteVpcOutput = ReturnOutput

func (c *Cloud) deleteVpc(k *call, in *DeleteVpcInput) (*ReturnOutput, error) {
	r, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	if err := c.vpcDeletable(k, r); err != nil {
		return nil, err
	}
	// The registry deletes the VPC's connections (all or nothing), then its
	// route tables go, and its default security group and network ACL with
	// it.
	if err := c.peering.DeleteVPC(r.ref(), k.now); err != nil {
		return nil, err
	}
	c.dropVPC(k, r)
	c.deleteExclusionsOf(k, r.v.ID())
	c.releaseVPCAllocations(r.v.ID())
	return &ReturnOutput{Return: true}, nil
}

// dropVPC removes VPC r, which no peering connection names, with its route
// tables, default security group and network ACL, and tags.
func (c *Cloud) dropVPC(k *call, r *vpcRec) {
	for _, t := range c.tablesOf(r.v.ID()) {
		c.removeTable(t)
	}
	delete(c.vpcs, r.v.ID())
	removeID(c.vpcsIn, k.scope, r.v.ID())
	delete(c.byPart, r.sg)
	delete(c.byPart, r.acl)
	for _, b := range r.v.Blocks() {
		delete(c.byPart, b.AssociationID)
	}
	for _, b := range r.v.IPv6Blocks() {
		delete(c.byPart, b.AssociationID)
		delete(c.ipv6Blocks, b.CIDR)
	}
	c.dropTags(r.v.ID())
	c.associateDHCP(r.v.ID(), noDHCPOptions)
	c.dropFlowLogsOf(r.v.ID())
	c.dropTags(r.sg)
	c.dropTags(r.acl)
	c.removeVPCDefaults(r)
}

// dependencyViolation is EC2's refusal to delete a VPC something still
// depends on.
func dependencyViolation(vpcID string) error {
	return &Error{Code: ec2.DependencyViolation,
		Message: fmt.Sprintf("The vpc '%s' has dependencies and cannot be deleted.", vpcID)}
}

// vpcDeletable returns the error EC2 gives when r cannot be deleted yet: it
// has route tables other than its main one, a virtual private gateway is
// attached to it, or its peering connections forbid it.
func (c *Cloud) vpcDeletable(k *call, r *vpcRec) error {
	for _, t := range c.tablesOf(r.v.ID()) {
		if !slices.ContainsFunc(t.table.Associations(), func(a route.Association) bool { return a.Main }) {
			return dependencyViolation(r.v.ID())
		}
	}
	if c.vpcHasEndpoints(r.v.ID()) || c.vpcHasTGWAttachment(r.v.ID()) {
		return dependencyViolation(r.v.ID())
	}
	for _, g := range c.vgwsOf(k.scope) {
		if vpcID, ok := g.g.AttachedVPC(); ok && vpcID == r.v.ID() {
			return dependencyViolation(r.v.ID())
		}
	}
	// Subnets, an attached internet gateway, egress-only gateways.
	if len(c.subnetsOfVPC[r.v.ID()]) > 0 || c.igwOfVPC[r.v.ID()] != "" || len(c.eigwsOfVPC[r.v.ID()]) > 0 {
		return dependencyViolation(r.v.ID())
	}
	if err := c.vpcGroupsDeletable(r); err != nil {
		return err
	}
	return c.peering.CheckDeleteVPC(r.ref(), k.now)
}

// AssociateVpcCidrBlockInput is the input of [Cloud.AssociateVpcCidrBlock]:
// an IPv4 block (CidrBlock) or an Amazon-provided IPv6 block, one per call.
type AssociateVpcCidrBlockInput struct {
	VPCID     string `ec2:"VpcId,required"`
	CIDRBlock string `ec2:"CidrBlock"`
	IPv6Request
}

// AssociateVpcCidrBlockOutput is the output of [Cloud.AssociateVpcCidrBlock]:
// the new association of the family asked for.
type AssociateVpcCidrBlockOutput struct {
	CIDRBlockAssociation     Optional[VPCCIDRBlockAssociation]     `ec2:"CidrBlockAssociation"`
	IPv6CIDRBlockAssociation Optional[VPCIPv6CIDRBlockAssociation] `ec2:"Ipv6CidrBlockAssociation"`
	VPCID                    string                                `ec2:"VpcId"`
}

func (c *Cloud) associateVpcCidrBlock(k *call, in *AssociateVpcCidrBlockInput) (*AssociateVpcCidrBlockOutput, error) {
	r, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	if err := in.IPv6Request.check(); err != nil {
		return nil, err
	}
	switch {
	case in.CIDRBlock != "" && in.AmazonProvidedIPv6CIDRBlock:
		return nil, &Error{Code: ec2.InvalidParameterCombination,
			Message: "Only one of CidrBlock and AmazonProvidedIpv6CidrBlock may be specified"}
	case in.AmazonProvidedIPv6CIDRBlock:
		return c.associateIPv6Block(k, r, in.IPv6CIDRBlockNetworkBorderGroup)
	case in.IPv6CIDRBlockNetworkBorderGroup != "":
		return nil, vpc.BorderGroupWithoutBlock(in.IPv6CIDRBlockNetworkBorderGroup)
	case in.CIDRBlock == "":
		return nil, missingParameter("CidrBlock")
	}
	p, err := cidr.ParseVPC(in.CIDRBlock)
	if err != nil {
		return nil, err
	}
	// Check everything before storing anything: the VPC's own rules, every
	// route table's, then the peering connections'.
	routes := c.routeDestinations(r)
	if err := r.v.CheckBlock(p, routes); err != nil {
		return nil, err
	}
	tables := c.tablesOf(r.v.ID())
	updated := make([]route.Table, len(tables))
	for i, t := range tables {
		if updated[i], err = t.table.AssociateBlock(p); err != nil {
			return nil, err
		}
	}
	if err := c.peering.CheckAddVPCCIDR(r.ref(), p, k.now); err != nil {
		return nil, err
	}
	// Randomness is read last, so that a refused request reads none.
	next, b, err := r.v.AssociateBlock(p, routes, c.random)
	if err != nil {
		return nil, err
	}
	if err := c.peering.AddVPCCIDR(r.ref(), p, k.now); err != nil {
		return nil, err
	}
	r.v = next
	c.byPart[b.AssociationID] = r
	for i, t := range tables {
		t.table = updated[i]
	}
	c.unsettledVPCs = append(c.unsettledVPCs, r.v.ID())
	return &AssociateVpcCidrBlockOutput{CIDRBlockAssociation: Some(blockOutput(b)), VPCID: r.v.ID()}, nil
}

// associateIPv6Block adds an Amazon-provided IPv6 block to r: the same
// steps as for IPv4, except that the block is known only once drawn, so a
// refusal by a route table or a peering connection comes after the draw.
func (c *Cloud) associateIPv6Block(k *call, r *vpcRec, borderGroup string) (*AssociateVpcCidrBlockOutput, error) {
	if err := r.v.CheckIPv6Block(borderGroup); err != nil {
		return nil, err
	}
	next, b, err := r.v.AssociateIPv6Block(borderGroup, c.ipv6Source(r), c.random)
	if err != nil {
		return nil, err
	}
	tables := c.tablesOf(r.v.ID())
	updated := make([]route.Table, len(tables))
	for i, t := range tables {
		if updated[i], err = t.table.AssociateBlock(b.CIDR); err != nil {
			return nil, err
		}
	}
	if err := c.peering.CheckAddVPCCIDR(r.ref(), b.CIDR, k.now); err != nil {
		return nil, err
	}
	if err := c.peering.AddVPCCIDR(r.ref(), b.CIDR, k.now); err != nil {
		return nil, err
	}
	r.v = next
	c.addIPv6Block(r, b)
	c.addIPv6Defaults(r)
	for i, t := range tables {
		t.table = updated[i]
	}
	c.unsettledVPCs = append(c.unsettledVPCs, r.v.ID())
	return &AssociateVpcCidrBlockOutput{IPv6CIDRBlockAssociation: Some(ipv6BlockOutput(b)), VPCID: r.v.ID()}, nil
}

// DisassociateVpcCidrBlockInput is the input of
// [Cloud.DisassociateVpcCidrBlock].
type DisassociateVpcCidrBlockInput struct {
	AssociationID string `ec2:"AssociationId,required"`
}

// DisassociateVpcCidrBlockOutput is the output of
// [Cloud.DisassociateVpcCidrBlock].
type DisassociateVpcCidrBlockOutput = AssociateVpcCidrBlockOutput

func (c *Cloud) disassociateVpcCidrBlock(k *call, in *DisassociateVpcCidrBlockInput) (*AssociateVpcCidrBlockOutput, error) {
	r := c.byPart[in.AssociationID]
	if !ec2.VPCCIDRAssociation.IsID(in.AssociationID) || r == nil || r.owner() != k.scope {
		return nil, vpc.BlockNotFound(in.AssociationID)
	}
	if _, ok := r.v.IPv6Block(in.AssociationID); ok {
		return c.disassociateIPv6Block(k, r, in.AssociationID)
	}
	next, b, err := r.v.DisassociateBlock(in.AssociationID)
	if err != nil {
		return nil, err
	}
	// A block holding a subnet stays.
	for _, s := range c.subnetsOfVPCSorted(r.v.ID()) {
		if b.CIDR.Contains(s.CIDR().Addr()) {
			return nil, &Error{Code: ec2.DependencyViolation,
				Message: fmt.Sprintf("The vpc %s currently has a subnet within CIDR block %s", r.v.ID(), b.CIDR)}
		}
	}
	if err := c.peering.RemoveVPCCIDR(r.ref(), b.CIDR, k.now); err != nil {
		return nil, err
	}
	r.v = next
	c.unsettledVPCs = append(c.unsettledVPCs, r.v.ID())
	// The block's local route leaves the VPC's tables with it.
	for _, t := range c.tablesOf(r.v.ID()) {
		if tbl, err := t.table.DisassociateBlock(b.CIDR); err == nil {
			t.table = tbl
		}
	}
	return &AssociateVpcCidrBlockOutput{CIDRBlockAssociation: Some(blockOutput(b)), VPCID: r.v.ID()}, nil
}

// disassociateIPv6Block removes an IPv6 block from r, its route tables and
// its peering connections, unless a subnet's IPv6 block is inside it.
func (c *Cloud) disassociateIPv6Block(k *call, r *vpcRec, id string) (*AssociateVpcCidrBlockOutput, error) {
	next, b, err := r.v.DisassociateIPv6Block(id)
	if err != nil {
		return nil, err
	}
	for _, s := range c.subnetsOfVPCSorted(r.v.ID()) {
		if p, ok := s.IPv6CIDR(); ok && b.CIDR.Contains(p.Addr()) {
			return nil, &Error{Code: ec2.DependencyViolation,
				Message: fmt.Sprintf("The vpc %s currently has a subnet within CIDR block %s", r.v.ID(), b.CIDR)}
		}
	}
	if err := c.peering.RemoveVPCCIDR(r.ref(), b.CIDR, k.now); err != nil {
		return nil, err
	}
	r.v = next
	c.unsettledVPCs = append(c.unsettledVPCs, r.v.ID())
	for _, t := range c.tablesOf(r.v.ID()) {
		if tbl, err := t.table.DisassociateBlock(b.CIDR); err == nil {
			t.table = tbl
		}
	}
	return &AssociateVpcCidrBlockOutput{IPv6CIDRBlockAssociation: Some(ipv6BlockOutput(b)), VPCID: r.v.ID()}, nil
}

// DescribeVpcAttributeInput is the input of [Cloud.DescribeVpcAttribute].
type DescribeVpcAttributeInput struct {
	VPCID     string `ec2:"VpcId,required"`
	Attribute string `ec2:"Attribute,required"`
}

// AttributeBooleanValue is EC2's boxed boolean: <x><value>true</value></x>.
type AttributeBooleanValue struct {
	Value bool `ec2:"Value"`
}

// DescribeVpcAttributeOutput is the output of [Cloud.DescribeVpcAttribute]:
// the VPC and the one attribute asked for.
type DescribeVpcAttributeOutput struct {
	VPCID                            string                          `ec2:"VpcId"`
	EnableDNSSupport                 Optional[AttributeBooleanValue] `ec2:"EnableDnsSupport"`
	EnableDNSHostnames               Optional[AttributeBooleanValue] `ec2:"EnableDnsHostnames"`
	EnableNetworkAddressUsageMetrics Optional[AttributeBooleanValue] `ec2:"EnableNetworkAddressUsageMetrics"`
}

func (c *Cloud) describeVpcAttribute(k *call, in *DescribeVpcAttributeInput) (*DescribeVpcAttributeOutput, error) {
	r, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	a := vpc.Attribute(in.Attribute)
	value, ok := r.v.Attribute(a)
	if !ok {
		return nil, vpc.UnknownAttribute(in.Attribute)
	}
	out := &DescribeVpcAttributeOutput{VPCID: r.v.ID()}
	set := Some(AttributeBooleanValue{value})
	switch a {
	case vpc.AttrDNSSupport:
		out.EnableDNSSupport = set
	case vpc.AttrDNSHostnames:
		out.EnableDNSHostnames = set
	case vpc.AttrUsageMetrics:
		out.EnableNetworkAddressUsageMetrics = set
	}
	return out, nil
}

// ModifyVpcAttributeInput is the input of [Cloud.ModifyVpcAttribute]:
// exactly one attribute per call, as EC2 insists.
type ModifyVpcAttributeInput struct {
	VPCID                            string                          `ec2:"VpcId,required"`
	EnableDNSSupport                 Optional[AttributeBooleanValue] `ec2:"EnableDnsSupport"`
	EnableDNSHostnames               Optional[AttributeBooleanValue] `ec2:"EnableDnsHostnames"`
	EnableNetworkAddressUsageMetrics Optional[AttributeBooleanValue] `ec2:"EnableNetworkAddressUsageMetrics"`
}

// ModifyVpcAttributeOutput is the output of [Cloud.ModifyVpcAttribute].
type ModifyVpcAttributeOutput = ReturnOutput

func (c *Cloud) modifyVpcAttribute(k *call, in *ModifyVpcAttributeInput) (*ReturnOutput, error) {
	r, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	type change struct {
		a vpc.Attribute
		v bool
	}
	var named []change
	for _, f := range []struct {
		a vpc.Attribute
		o Optional[AttributeBooleanValue]
	}{
		{vpc.AttrDNSHostnames, in.EnableDNSHostnames},
		{vpc.AttrDNSSupport, in.EnableDNSSupport},
		{vpc.AttrUsageMetrics, in.EnableNetworkAddressUsageMetrics},
	} {
		if v, ok := f.o.Get(); ok {
			named = append(named, change{f.a, v.Value})
		}
	}
	switch len(named) {
	case 0:
		return nil, &Error{Code: ec2.MissingParameter,
			Message: "The request must contain exactly one of the parameters EnableDnsSupport, EnableDnsHostnames or EnableNetworkAddressUsageMetrics"}
	case 1:
	default:
		names := mapSlice(named, func(ch change) string { return string(ch.a) })
		return nil, &Error{Code: ec2.InvalidParameterCombination,
			Message: "Fields for multiple attribute types specified: " + strings.Join(names, ", ")}
	}
	next, err := r.v.WithAttribute(named[0].a, named[0].v)
	if err != nil {
		return nil, err
	}
	r.v = next
	return &ReturnOutput{Return: true}, nil
}

// routeDestinations returns the destinations of the static routes in r's
// route tables.
func (c *Cloud) routeDestinations(r *vpcRec) []netip.Prefix {
	var out []netip.Prefix
	for _, t := range c.tablesOf(r.v.ID()) {
		for _, rt := range t.table.Routes() {
			if rt.Origin == route.OriginCreateRoute {
				out = append(out, rt.Destination)
			}
		}
	}
	return out
}
