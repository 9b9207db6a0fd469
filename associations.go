package vpcmodel

import (
	"fmt"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
)

// Route table associations live in their tables (route.Table owns the
// rules within one table); the Cloud keeps the rules across tables: one
// table per subnet and per gateway (Resource.AlreadyAssociated), one main
// table per VPC, a subnet or gateway only in its own VPC's table, and an
// association ID found in constant time (network.assocTable). A subnet with
// no association of its own uses its VPC's main table.

// AssociationState is the state of a route table association.
type AssociationState = BlockState

// AssociateRouteTableInput is the input of [Cloud.AssociateRouteTable]:
// a subnet, or a gateway for an edge association.
type AssociateRouteTableInput struct {
	RouteTableID string `ec2:"RouteTableId,required"`
	SubnetID     string `ec2:"SubnetId"`
	GatewayID    string `ec2:"GatewayId"`
}

// AssociateRouteTableOutput is the output of [Cloud.AssociateRouteTable].
type AssociateRouteTableOutput struct {
	AssociationID    string           `ec2:"AssociationId"`
	AssociationState AssociationState `ec2:"AssociationState"`
}

func conflict(tableID string) error {
	return &Error{Code: "Resource.AlreadyAssociated",
		Message: fmt.Sprintf("the specified association for route table %s conflicts with an existing association", tableID)}
}

func differentNetworks(tableID, other string) error {
	return &Error{Code: ec2.InvalidParameterValue,
		Message: fmt.Sprintf("route table %s and network gateway %s belong to different networks", tableID, other)}
}

func (c *Cloud) associateRouteTable(k *call, in *AssociateRouteTableInput) (*AssociateRouteTableOutput, error) {
	t, err := c.findRouteTable(k, in.RouteTableID)
	if err != nil {
		return nil, err
	}
	a := route.Association{SubnetID: in.SubnetID, GatewayID: in.GatewayID}
	switch {
	case in.SubnetID != "" && in.GatewayID != "":
		return nil, &Error{Code: ec2.InvalidParameterCombination, Message: "Only one of subnetId and gatewayId may be specified"}
	case in.SubnetID != "":
		s, err := c.findSubnet(k, in.SubnetID)
		if err != nil {
			return nil, err
		}
		if s.VPCID() != t.table.VPCID() {
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("route table %s and subnet %s belong to different networks", t.table.ID(), s.ID())}
		}
	case in.GatewayID != "":
		if err := c.checkEdgeGateway(k, t, in.GatewayID); err != nil {
			return nil, err
		}
	default:
		return nil, &Error{Code: ec2.MissingParameter, Message: "The request must contain the parameter subnetId or gatewayId"}
	}
	if c.assocOf[in.SubnetID+in.GatewayID] != "" {
		return nil, conflict(t.table.ID())
	}
	if a.ID, err = c.newID(ec2.RouteTableAssoc); err != nil {
		return nil, err
	}
	if err := c.setTable(t, func(tbl route.Table) (route.Table, error) { return tbl.Associate(a) }); err != nil {
		return nil, err
	}
	return &AssociateRouteTableOutput{AssociationID: a.ID, AssociationState: AssociationState{"associated"}}, nil
}

// checkEdgeGateway returns EC2's refusal of gatewayID as t's edge gateway:
// only an internet or virtual private gateway attached to t's VPC.
func (c *Cloud) checkEdgeGateway(k *call, t *rtb, gatewayID string) error {
	var info route.TargetInfo
	var ok bool
	switch {
	case ec2.InternetGateway.IsID(gatewayID):
		if _, err := c.findIGW(k, gatewayID); err != nil {
			return err
		}
		info, ok = c.gatewayTargetInfo(k.scope, gatewayID)
	case ec2.VPNGateway.IsID(gatewayID):
		if _, err := c.findVGW(k, gatewayID); err != nil {
			return err
		}
		info, ok = c.vgwTargetInfo(k.scope, gatewayID)
	default:
		return &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Value (%s) for parameter gatewayId is invalid. Only internet gateways and virtual private gateways can be associated with a route table.", gatewayID)}
	}
	if !ok || len(info.VPCIDs) != 1 || info.VPCIDs[0] != t.table.VPCID() {
		return differentNetworks(t.table.ID(), gatewayID)
	}
	return nil
}

// setTable replaces t's table by what f makes of it, keeping the
// association index in step.
func (c *Cloud) setTable(t *rtb, f func(route.Table) (route.Table, error)) error {
	next, err := f(t.table)
	if err != nil {
		return err
	}
	c.unindexAssocs(t.table)
	t.table = next
	c.indexAssocs(t.table)
	return nil
}

// findAssociation returns the caller's table holding association id, or
// EC2's InvalidAssociationID.NotFound.
func (c *Cloud) findAssociation(k *call, id string) (*rtb, error) {
	t := c.rtbs[c.assocTable[id]]
	if t == nil || t.owner != k.scope {
		return nil, &Error{Code: ec2.AssociationIDNotFound, Message: fmt.Sprintf("The association ID '%s' does not exist", id)}
	}
	c.refresh(k, t)
	return t, nil
}

// dropAssociation removes the association of a subnet or gateway that is
// going away, if it has one.
func (c *Cloud) dropAssociation(id string) {
	assoc := c.assocOf[id]
	if t := c.rtbs[c.assocTable[assoc]]; t != nil {
		_ = c.setTable(t, func(tbl route.Table) (route.Table, error) { tbl, _, err := tbl.Release(assoc); return tbl, err })
	}
}

// DisassociateRouteTableInput is the input of [Cloud.DisassociateRouteTable].
type DisassociateRouteTableInput struct {
	AssociationID string `ec2:"AssociationId,required"`
}

// DisassociateRouteTableOutput is the output of [Cloud.DisassociateRouteTable].
type DisassociateRouteTableOutput = ReturnOutput

func (c *Cloud) disassociateRouteTable(k *call, in *DisassociateRouteTableInput) (*ReturnOutput, error) {
	t, err := c.findAssociation(k, in.AssociationID)
	if err != nil {
		return nil, err
	}
	if err := c.setTable(t, func(tbl route.Table) (route.Table, error) { return tbl.Disassociate(in.AssociationID) }); err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// ReplaceRouteTableAssociationInput is the input of
// [Cloud.ReplaceRouteTableAssociation].
type ReplaceRouteTableAssociationInput struct {
	AssociationID string `ec2:"AssociationId,required"`
	RouteTableID  string `ec2:"RouteTableId,required"`
}

// ReplaceRouteTableAssociationOutput is the output of
// [Cloud.ReplaceRouteTableAssociation].
type ReplaceRouteTableAssociationOutput struct {
	NewAssociationID string           `ec2:"NewAssociationId"`
	AssociationState AssociationState `ec2:"AssociationState"`
}

func (c *Cloud) replaceRouteTableAssociation(k *call, in *ReplaceRouteTableAssociationInput) (*ReplaceRouteTableAssociationOutput, error) {
	from, err := c.findAssociation(k, in.AssociationID)
	if err != nil {
		return nil, err
	}
	to, err := c.findRouteTable(k, in.RouteTableID)
	if err != nil {
		return nil, err
	}
	if to.table.VPCID() != from.table.VPCID() {
		return nil, differentNetworks(to.table.ID(), from.table.VPCID())
	}
	released, a, err := from.table.Release(in.AssociationID)
	if err != nil {
		return nil, err
	}
	id, err := c.newID(ec2.RouteTableAssoc)
	if err != nil {
		return nil, err
	}
	a.ID = id
	if from == to {
		err = c.setTable(to, func(route.Table) (route.Table, error) { return released.Associate(a) })
	} else if err = c.setTable(to, func(tbl route.Table) (route.Table, error) { return tbl.Associate(a) }); err == nil {
		err = c.setTable(from, func(route.Table) (route.Table, error) { return released, nil })
	}
	if err != nil {
		return nil, err
	}
	return &ReplaceRouteTableAssociationOutput{NewAssociationID: id, AssociationState: AssociationState{"associated"}}, nil
}
