package ec2emu

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
)

// vpc is one VPC: the emulator's own record, since the library has no VPC
// type; its CIDR rules come from package cidr.
type vpc struct {
	id     string
	owner  scope
	blocks []vpcBlock // primary first
	tenure string     // instance tenancy
}

// vpcBlock is one IPv4 CIDR block association of a VPC.
type vpcBlock struct {
	assocID string
	prefix  netip.Prefix
}

// prefixes returns the VPC's IPv4 blocks, primary first.
func (v *vpc) prefixes() []netip.Prefix {
	out := make([]netip.Prefix, len(v.blocks))
	for i, b := range v.blocks {
		out[i] = b.prefix
	}
	return out
}

// findVPC returns the caller's VPC with the given ID, or EC2's
// InvalidVpcID.Malformed or InvalidVpcID.NotFound.
func (s *Server) findVPC(c *call, id string) (*vpc, error) {
	if err := ec2.VPC.ParseID(id); err != nil {
		return nil, err
	}
	v := s.st.vpcs[id]
	if v == nil || v.owner != c.scope() {
		return nil, ec2.VPC.NotFoundError(id, nil)
	}
	return v, nil
}

type createVpcInput struct {
	CidrBlock       string    `ec2:"CidrBlock,required"`
	InstanceTenancy string    `ec2:"InstanceTenancy"`
	TagSpecs        []tagSpec `ec2:"TagSpecification"`
}

type vpcOutput struct {
	meta
	Vpc vpcXML `xml:"vpc"`
}

type vpcXML struct {
	VpcID           string        `xml:"vpcId"`
	OwnerID         string        `xml:"ownerId"`
	State           string        `xml:"state"`
	CidrBlock       string        `xml:"cidrBlock"`
	CidrAssocs      []vpcBlockXML `xml:"cidrBlockAssociationSet>item"`
	DhcpOptionsID   string        `xml:"dhcpOptionsId"`
	InstanceTenancy string        `xml:"instanceTenancy"`
	IsDefault       bool          `xml:"isDefault"`
	Tags            []tagXML      `xml:"tagSet>item"`
}

type vpcBlockXML struct {
	AssociationID string       `xml:"associationId"`
	CidrBlock     string       `xml:"cidrBlock"`
	State         cidrStateXML `xml:"cidrBlockState"`
}

type cidrStateXML struct {
	State string `xml:"state"`
}

func (s *Server) vpcXML(v *vpc, state string) vpcXML {
	x := vpcXML{
		VpcID:           v.id,
		OwnerID:         v.owner.account,
		State:           state,
		CidrBlock:       v.blocks[0].prefix.String(),
		DhcpOptionsID:   "default",
		InstanceTenancy: v.tenure,
		Tags:            tagsXML(s.tagsOf(v.owner, v.id)),
	}
	for _, b := range v.blocks {
		x.CidrAssocs = append(x.CidrAssocs, vpcBlockXML{b.assocID, b.prefix.String(), cidrStateXML{"associated"}})
	}
	return x
}

func (s *Server) createVpc(c *call, in *createVpcInput) (*vpcOutput, error) {
	p, err := cidr.ParseVPC(in.CidrBlock)
	if err != nil {
		return nil, err
	}
	tenancy := in.InstanceTenancy
	switch tenancy {
	case "":
		tenancy = "default"
	case "default", "dedicated":
	default:
		return nil, invalidValue("InstanceTenancy", tenancy, "default | dedicated")
	}
	tags, err := tagsFor(in.TagSpecs, "vpc")
	if err != nil {
		return nil, err
	}
	v := &vpc{id: s.newID(ec2.VPC), owner: c.scope(), tenure: tenancy}
	v.blocks = []vpcBlock{{assocID: s.newID(ec2.VPCCIDRAssociation), prefix: p}}
	main, err := s.newTable(v, true) // the VPC's main route table
	if err != nil {
		return nil, err
	}
	s.st.vpcs[v.id] = v
	s.setTags(v.owner, v.id, tags)
	s.addTable(main)
	// EC2 answers a new VPC as pending; it is available by the next request.
	return &vpcOutput{Vpc: s.vpcXML(v, "pending")}, nil
}

type describeVpcsInput struct {
	IDs     []string `ec2:"VpcId"`
	Filters []filter `ec2:"Filter"`
	page
}

type describeVpcsOutput struct {
	meta
	Vpcs      []vpcXML `xml:"vpcSet>item"`
	NextToken string   `xml:"nextToken,omitempty"`
}

var vpcFilters = filterFuncs[*vpc]{
	"vpc-id":   func(v *vpc) []string { return []string{v.id} },
	"owner-id": func(v *vpc) []string { return []string{v.owner.account} },
	"state":    func(v *vpc) []string { return []string{"available"} },
	"cidr":     func(v *vpc) []string { return []string{v.blocks[0].prefix.String()} },
	"cidr-block-association.cidr-block": func(v *vpc) []string {
		return mapSlice(v.blocks, func(b vpcBlock) string { return b.prefix.String() })
	},
	"cidr-block-association.association-id": func(v *vpc) []string {
		return mapSlice(v.blocks, func(b vpcBlock) string { return b.assocID })
	},
	"cidr-block-association.state": func(v *vpc) []string { return []string{"associated"} },
	"dhcp-options-id":              func(v *vpc) []string { return []string{"default"} },
	"is-default":                   func(v *vpc) []string { return []string{"false"} },
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}

func (s *Server) describeVpcs(c *call, in *describeVpcsInput) (*describeVpcsOutput, error) {
	m, err := compileFilters(in.Filters, vpcFilters, func(v *vpc) tag.Set { return s.tagsOf(v.owner, v.id) })
	if err != nil {
		return nil, err
	}
	var vs []*vpc
	if len(in.IDs) > 0 {
		for _, id := range in.IDs {
			v, err := s.findVPC(c, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(vs, v) {
				vs = append(vs, v)
			}
		}
	} else {
		for _, v := range s.st.vpcs {
			if v.owner == c.scope() {
				vs = append(vs, v)
			}
		}
	}
	vs = slices.DeleteFunc(vs, func(v *vpc) bool { return !m.match(v) })
	slices.SortFunc(vs, func(a, b *vpc) int { return strings.Compare(a.id, b.id) })
	pageOf, next, err := paginate(vs, func(v *vpc) string { return v.id }, in.page, len(in.IDs) > 0, 5, 1000)
	if err != nil {
		return nil, err
	}
	out := &describeVpcsOutput{NextToken: next}
	for _, v := range pageOf {
		out.Vpcs = append(out.Vpcs, s.vpcXML(v, "available"))
	}
	return out, nil
}

type vpcIDInput struct {
	VpcID string `ec2:"VpcId,required"`
}

func (s *Server) deleteVpc(c *call, in *vpcIDInput) (*returnOutput, error) {
	v, err := s.findVPC(c, in.VpcID)
	if err != nil {
		return nil, err
	}
	if err := s.vpcDeletable(c, v); err != nil {
		return nil, err
	}
	if err := s.vpcDeleted(c, v); err != nil {
		return nil, err
	}
	delete(s.st.vpcs, v.id)
	s.dropTags(v.id)
	return &returnOutput{Return: true}, nil
}

type associateVpcCidrBlockInput struct {
	VpcID     string `ec2:"VpcId,required"`
	CidrBlock string `ec2:"CidrBlock"`
}

type associateVpcCidrBlockOutput struct {
	meta
	Assoc vpcBlockXML `xml:"cidrBlockAssociation"`
	VpcID string      `xml:"vpcId"`
}

func (s *Server) associateVpcCidrBlock(c *call, in *associateVpcCidrBlockInput) (*associateVpcCidrBlockOutput, error) {
	v, err := s.findVPC(c, in.VpcID)
	if err != nil {
		return nil, err
	}
	if in.CidrBlock == "" {
		return nil, missingParameter("CidrBlock")
	}
	p, tables, err := s.checkSecondaryBlock(c, v, in.CidrBlock)
	if err != nil {
		return nil, err
	}
	// Every check has passed; the registry applies the block to v's
	// connections all or nothing, and then v and its tables take it.
	if err := s.st.peering.AddVPCCIDR(v.ref(), p, c.now); err != nil {
		return nil, err
	}
	b := vpcBlock{assocID: s.newID(ec2.VPCCIDRAssociation), prefix: p}
	v.blocks = append(v.blocks, b)
	for i, t := range s.tablesOf(v.id) {
		t.table = tables[i]
	}
	return &associateVpcCidrBlockOutput{
		Assoc: vpcBlockXML{b.assocID, p.String(), cidrStateXML{"associating"}},
		VpcID: v.id,
	}, nil
}

// The hooks below tie VPCs to the other resource families.

// vpcDeletable returns the error EC2 gives when v cannot be deleted yet.
func (s *Server) vpcDeletable(c *call, v *vpc) error {
	if err := s.vpcDeletableByRoutes(v); err != nil {
		return err
	}
	if err := s.vpcDeletableByVPN(c, v); err != nil {
		return err
	}
	return s.vpcDeletableByPeering(c, v)
}

// vpcDeleted runs before a VPC is removed, once vpcDeletable has passed:
// the registry deletes the VPC's connections (all or nothing), then its
// route tables go, and its attributes, default security group and network
// ACL with them.
func (s *Server) vpcDeleted(c *call, v *vpc) error {
	if err := s.st.peering.DeleteVPC(v.ref(), c.now); err != nil {
		return err
	}
	for _, t := range s.tablesOf(v.id) {
		s.removeTable(t)
	}
	delete(s.st.vpcAttrs, v.id)
	return nil
}

// checkSecondaryBlock validates a block to associate with v, returning it
// and v's route tables with its local route; nothing is stored.
func (s *Server) checkSecondaryBlock(c *call, v *vpc, block string) (netip.Prefix, []route.Table, error) {
	p, err := cidr.ParseVPC(block)
	if err != nil {
		return netip.Prefix{}, nil, err
	}
	if err := cidr.ValidateSecondary(v.blocks[0].prefix, v.prefixes(), s.routeDestinations(v), p); err != nil {
		return netip.Prefix{}, nil, err
	}
	// The quota is the caller's, says cidr.ValidateSecondary.
	if len(v.blocks) >= maxVPCBlocks {
		return netip.Prefix{}, nil, &ec2.Error{Code: ec2.CIDRLimitExceeded,
			Message: fmt.Sprintf("This network '%s' has met its maximum number of allowed CIDRs: %d", v.id, maxVPCBlocks)}
	}
	tables, err := s.routeTablesWithBlock(c, v, p)
	if err != nil {
		return netip.Prefix{}, nil, err
	}
	if err := s.peeringAllowsBlock(c, v, p); err != nil {
		return netip.Prefix{}, nil, err
	}
	return p, tables, nil
}

// maxVPCBlocks is EC2's default quota of IPv4 CIDR blocks per VPC.
const maxVPCBlocks = 5

// settle completes the asynchronous steps the previous requests started.
// Peering connections settle inside their registry and route tables when
// read; the VPN resources settle here.
func (s *Server) settle(now time.Time) { s.settleVPN(now) }
