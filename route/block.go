package route

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/cidr"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
)

// AssociateBlock returns t with a new VPC CIDR block (AssociateVpcCidrBlock)
// and its local route: the local routes follow the VPC's blocks. The block's
// own rules (size, ranges, overlap with the VPC's other blocks) are the
// caller's, checked with [cidr.ParseVPC] or [cidr.ParseVPCIPv6]; this method
// applies the route table's rules.
//
// Errors (*Error, Op "associate-block"): an invalid or unmasked block:
// ErrBlock, InvalidParameterValue; a block the table already has, or equal
// to a static route's destination: ErrRouteExists, RouteAlreadyExists ("The
// route identified by ... already exists."); a block larger than a static
// route's destination: [cidr.ErrRouteConflict], InvalidVpc.Range, as
// [cidr.ValidateSecondary] decides it ("A VPC cannot get a new CIDR that is
// the same as or larger than an existing route destination"); that function
// is the check across all of a VPC's tables. A failure returns t unchanged.
func (t Table) AssociateBlock(block netip.Prefix) (Table, error) {
	const op = "associate-block"
	if !block.IsValid() || block != block.Masked() || block.Addr().Is4In6() || block.Addr().Zone() != "" {
		return t, &Error{Op: op, ID: t.id, Input: block.String(), Code: ec2.InvalidParameterValue, Err: ErrBlock,
			msg: fmt.Sprintf("The CIDR '%s' is invalid.", block)}
	}
	if _, ok := t.findRoute(block); ok {
		return t, &Error{Op: op, ID: t.id, Input: block.String(), Code: ec2.RouteAlreadyExists, Err: ErrRouteExists,
			msg: fmt.Sprintf("The route identified by %s already exists.", block)}
	}
	for _, e := range t.routes {
		if cidr.Contains(block, e.prefix()) {
			ce := &cidr.Error{Op: op, Input: block.String(), Code: ec2.InvalidVPCRange, Err: cidr.ErrRouteConflict}
			return t, &Error{Op: op, ID: t.id, Input: block.String(), Code: ce.Code, Err: ce.Err, msg: ce.ErrorMessage()}
		}
	}
	t.blocks = slices.Insert(slices.Clone(t.blocks), blockPos(t.blocks, block), block)
	i, _ := t.findRoute(block)
	e := t.newEntry(block, LocalTarget(), OriginCreateRouteTable, status.RouteActive)
	t.routes = inserted(t.routes, i, e)
	return t.rebuild(), nil
}

// DisassociateBlock returns t without the VPC block and its local route
// (DisassociateVpcCidrBlock). Routes more specific than the block stay; EC2
// refuses to remove a block that still has subnets, which is the caller's
// check.
//
// Errors (*Error, Op "disassociate-block", wrapping ErrBlock): the table has
// no such block, or it is the last IPv4 block: InvalidParameterValue. A
// failure returns t unchanged.
func (t Table) DisassociateBlock(block netip.Prefix) (Table, error) {
	const op = "disassociate-block"
	j, ok := slices.BinarySearchFunc(t.blocks, block, comparePrefix)
	if !ok {
		return t, &Error{Op: op, ID: t.id, Input: block.String(), Code: ec2.InvalidParameterValue, Err: ErrBlock,
			msg: fmt.Sprintf("The CIDR '%s' is not associated with %s.", block, t.vpcID)}
	}
	n4 := 0
	for _, b := range t.blocks {
		if b.Addr().Is4() {
			n4++
		}
	}
	if block.Addr().Is4() && n4 == 1 {
		return t, &Error{Op: op, ID: t.id, Input: block.String(), Code: ec2.InvalidParameterValue, Err: ErrBlock,
			msg: fmt.Sprintf("The CIDR '%s' is the last IPv4 block of %s and cannot be removed.", block, t.vpcID)}
	}
	t.blocks = slices.Delete(slices.Clone(t.blocks), j, j+1)
	if i, ok := t.findRoute(block); ok && t.routes[i].isLocal() {
		t.routes = slices.Delete(slices.Clone(t.routes), i, i+1)
	}
	return t.rebuild(), nil
}

func blockPos(blocks []netip.Prefix, b netip.Prefix) int {
	i, _ := slices.BinarySearchFunc(blocks, b, comparePrefix)
	return i
}

// Associate returns t with the association a added (AssociateRouteTable, or
// the main association CreateVpc makes).
//
// Errors (*Error, Op "associate", wrapping ErrAssociation): a malformed
// association ID (InvalidParameterValue), not exactly one of SubnetID,
// GatewayID and Main (InvalidParameterCombination), a malformed subnet
// (InvalidSubnetID.Malformed) or gateway ID (InvalidParameterValue: igw- or
// vgw- only), an association ID, subnet, gateway or main flag already
// present (Resource.AlreadyAssociated). A failure returns t unchanged.
func (t Table) Associate(a Association) (Table, error) {
	const op = "associate"
	fail := func(code, msg string) (Table, error) {
		return t, &Error{Op: op, ID: t.id, Input: a.ID, Code: code, Err: ErrAssociation, msg: msg}
	}
	n := 0
	for _, set := range []bool{a.SubnetID != "", a.GatewayID != "", a.Main} {
		if set {
			n++
		}
	}
	switch {
	case !ec2.RouteTableAssoc.IsID(a.ID):
		return fail(ec2.InvalidParameterValue, fmt.Sprintf("Invalid id: %q (expecting \"rtbassoc-...\")", a.ID))
	case n != 1:
		return fail(ec2.InvalidParameterCombination, "An association needs exactly one of SubnetId, GatewayId and Main.")
	case a.SubnetID != "" && !ec2.Subnet.IsID(a.SubnetID):
		return fail(ec2.SubnetIDMalformed, fmt.Sprintf("Invalid id: %q (expecting \"subnet-...\")", a.SubnetID))
	case a.GatewayID != "" && !ec2.InternetGateway.IsID(a.GatewayID) && !ec2.VPNGateway.IsID(a.GatewayID):
		return fail(ec2.InvalidParameterValue, fmt.Sprintf("Invalid id: %q (expecting \"igw-...\" or \"vgw-...\")", a.GatewayID))
	}
	for _, b := range t.assocs {
		if b.ID == a.ID || a.SubnetID != "" && b.SubnetID == a.SubnetID || a.GatewayID != "" && b.GatewayID == a.GatewayID || a.Main && b.Main {
			return fail("Resource.AlreadyAssociated", fmt.Sprintf("the specified association for route table %s conflicts with an existing association", t.id))
		}
	}
	if a.GatewayID != "" {
		if err := t.checkEdgeAssociation(op, a.GatewayID); err != nil {
			return t, err
		}
	}
	t.assocs = append(slices.Clip(t.assocs), a)
	return t, nil
}

// Disassociate returns t without the association id (DisassociateRouteTable).
//
// Errors (*Error, Op "disassociate", wrapping ErrAssociation): no such
// association: InvalidAssociationID.NotFound; the main association, which
// EC2 only replaces: InvalidParameterValue. A failure returns t unchanged.
func (t Table) Disassociate(id string) (Table, error) {
	const op = "disassociate"
	i := slices.IndexFunc(t.assocs, func(a Association) bool { return a.ID == id })
	if i < 0 {
		return t, &Error{Op: op, ID: t.id, Input: id, Code: ec2.AssociationIDNotFound, Err: ErrAssociation,
			msg: fmt.Sprintf("The association ID '%s' does not exist", id)}
	}
	if t.assocs[i].Main {
		return t, &Error{Op: op, ID: t.id, Input: id, Code: ec2.InvalidParameterValue, Err: ErrAssociation,
			msg: fmt.Sprintf("cannot disassociate the main route table association %s", id)}
	}
	t.assocs = slices.Delete(slices.Clone(t.assocs), i, i+1)
	return t, nil
}

// Release returns t without the association id, the main association
// included, and the association it removed: the first half of
// ReplaceRouteTableAssociation, which moves any association, the main one
// too, to another table of the VPC ([Table.Associate] is the second half).
//
// Errors (*Error, Op "release", wrapping ErrAssociation): no such
// association: InvalidAssociationID.NotFound. A failure returns t
// unchanged.
func (t Table) Release(id string) (Table, Association, error) {
	i := slices.IndexFunc(t.assocs, func(a Association) bool { return a.ID == id })
	if i < 0 {
		return t, Association{}, &Error{Op: "release", ID: t.id, Input: id, Code: ec2.AssociationIDNotFound, Err: ErrAssociation,
			msg: fmt.Sprintf("The association ID '%s' does not exist", id)}
	}
	a := t.assocs[i]
	t.assocs = slices.Delete(slices.Clone(t.assocs), i, i+1)
	return t, a, nil
}
