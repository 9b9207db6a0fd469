package vpcmodel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/gateway"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
)

// Internet and egress-only internet gateways are gateway values; package
// gateway owns the attachment rules. The Cloud says which VPC already has
// a gateway, keeps a VPC with gateways from being deleted, answers the
// route resolver (a route to a detached or deleted gateway turns
// blackhole when its table is next read), and drops a gateway's edge
// association when it is detached or deleted (a decision: EC2 documents
// the deletion case only).

// InternetGatewayAttachment is a gateway's attachment to a VPC.
type InternetGatewayAttachment struct {
	State string `ec2:"State"`
	VPCID string `ec2:"VpcId"`
}

// InternetGateway is an internet gateway as DescribeInternetGateways shows
// it; a detached gateway has no attachments.
type InternetGateway struct {
	InternetGatewayID string                      `ec2:"InternetGatewayId"`
	OwnerID           string                      `ec2:"OwnerId"`
	Attachments       []InternetGatewayAttachment `ec2:"AttachmentSet"`
	Tags              []Tag                       `ec2:"TagSet"`
}

func (c *Cloud) igwOutput(r *igwRec) InternetGateway {
	x := InternetGateway{InternetGatewayID: r.g.ID(), OwnerID: r.g.OwnerID(), Tags: tagList(c.tagsOf(r.owner, r.g.ID()))}
	if v, ok := r.g.AttachedVPC(); ok {
		x.Attachments = []InternetGatewayAttachment{{gateway.StateAvailable, v}}
	}
	return x
}

// findIGW returns the caller's internet gateway with the given ID, or
// EC2's InvalidInternetGatewayId.Malformed or
// InvalidInternetGatewayID.NotFound.
func (c *Cloud) findIGW(k *call, id string) (*igwRec, error) {
	if err := ec2.InternetGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := c.igws[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.InternetGateway.NotFoundError(id, nil)
	}
	return r, nil
}

// findEIGW returns the caller's egress-only gateway with the given ID.
func (c *Cloud) findEIGW(k *call, id string) (*eigwRec, error) {
	if err := ec2.EgressOnlyGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := c.eigws[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.EgressOnlyGateway.NotFoundError(id, nil)
	}
	return r, nil
}

// gatewayTargetInfo answers the route resolver for an internet or
// egress-only gateway that owner holds: the VPC it is attached to.
func (c *Cloud) gatewayTargetInfo(owner scope, id string) (route.TargetInfo, bool) {
	if r := c.igws[id]; r != nil && r.owner == owner {
		if v, ok := r.g.AttachedVPC(); ok {
			return route.TargetInfo{VPCIDs: []string{v}}, true
		}
		return route.TargetInfo{}, true
	}
	if r := c.eigws[id]; r != nil && r.owner == owner {
		return route.TargetInfo{VPCIDs: []string{r.g.VPCID()}}, true
	}
	return route.TargetInfo{}, false
}

// CreateInternetGatewayInput is the input of [Cloud.CreateInternetGateway].
type CreateInternetGatewayInput struct {
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// CreateInternetGatewayOutput is the output of [Cloud.CreateInternetGateway].
type CreateInternetGatewayOutput struct {
	InternetGateway InternetGateway `ec2:"InternetGateway"`
}

func (c *Cloud) createInternetGateway(k *call, in *CreateInternetGatewayInput) (*CreateInternetGatewayOutput, error) {
	tags, err := tagsFor(in.TagSpecifications, "internet-gateway")
	if err != nil {
		return nil, err
	}
	g, err := gateway.CreateInternet(k.Account, c.random)
	if err != nil {
		return nil, err
	}
	r := &igwRec{owner: k.scope, g: g}
	c.igws[g.ID()] = r
	addID(c.gatewaysIn, k.scope, g.ID())
	c.setTags(k.scope, g.ID(), tags)
	return &CreateInternetGatewayOutput{InternetGateway: c.igwOutput(r)}, nil
}

// AttachInternetGatewayInput is the input of [Cloud.AttachInternetGateway]
// and [Cloud.DetachInternetGateway].
type AttachInternetGatewayInput struct {
	InternetGatewayID string `ec2:"InternetGatewayId,required"`
	VPCID             string `ec2:"VpcId,required"`
}

// AttachInternetGatewayOutput is the output of [Cloud.AttachInternetGateway].
type AttachInternetGatewayOutput = ReturnOutput

// DetachInternetGatewayInput is the input of [Cloud.DetachInternetGateway].
type DetachInternetGatewayInput = AttachInternetGatewayInput

// DetachInternetGatewayOutput is the output of [Cloud.DetachInternetGateway].
type DetachInternetGatewayOutput = ReturnOutput

func (c *Cloud) attachInternetGateway(k *call, in *AttachInternetGatewayInput) (*ReturnOutput, error) {
	r, err := c.findIGW(k, in.InternetGatewayID)
	if err != nil {
		return nil, err
	}
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	next, err := r.g.Attach(v.v.ID(), c.igwOfVPC[v.v.ID()])
	if err != nil {
		return nil, err
	}
	r.g = next
	c.igwOfVPC[v.v.ID()] = r.g.ID()
	return &ReturnOutput{Return: true}, nil
}

func (c *Cloud) detachInternetGateway(k *call, in *AttachInternetGatewayInput) (*ReturnOutput, error) {
	r, err := c.findIGW(k, in.InternetGatewayID)
	if err != nil {
		return nil, err
	}
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	next, err := r.g.Detach(v.v.ID())
	if err != nil {
		return nil, err
	}
	// A public NAT gateway's Elastic IP address is mapped behind it.
	if c.vpcHasPublicNAT(k.scope, v.v.ID()) {
		return nil, &Error{Code: ec2.DependencyViolation, Message: fmt.Sprintf("Network %s has some mapped public address(es). "+
			"Please unmap those public address(es) before detaching the gateway.", v.v.ID())}
	}
	r.g = next
	delete(c.igwOfVPC, v.v.ID())
	c.dropAssociation(r.g.ID())
	return &ReturnOutput{Return: true}, nil
}

// DeleteInternetGatewayInput is the input of [Cloud.DeleteInternetGateway].
type DeleteInternetGatewayInput struct {
	InternetGatewayID string `ec2:"InternetGatewayId,required"`
}

// DeleteInternetGatewayOutput is the output of [Cloud.DeleteInternetGateway].
type DeleteInternetGatewayOutput = ReturnOutput

func (c *Cloud) deleteInternetGateway(k *call, in *DeleteInternetGatewayInput) (*ReturnOutput, error) {
	r, err := c.findIGW(k, in.InternetGatewayID)
	if err != nil {
		return nil, err
	}
	if err := r.g.CheckDelete(); err != nil {
		return nil, err
	}
	delete(c.igws, r.g.ID())
	removeID(c.gatewaysIn, k.scope, r.g.ID())
	c.dropAssociation(r.g.ID())
	c.dropTags(r.g.ID())
	return &ReturnOutput{Return: true}, nil
}

// DescribeInternetGatewaysInput is the input of
// [Cloud.DescribeInternetGateways].
type DescribeInternetGatewaysInput struct {
	InternetGatewayIDs []string `ec2:"InternetGatewayId"`
	Filters            []Filter `ec2:"Filter"`
	Page
}

// DescribeInternetGatewaysOutput is the output of
// [Cloud.DescribeInternetGateways].
type DescribeInternetGatewaysOutput struct {
	InternetGateways []InternetGateway `ec2:"InternetGatewaySet"`
	NextToken        string            `ec2:"NextToken,omitempty"`
}

func attached(r *igwRec, f func(string) string) []string {
	if v, ok := r.g.AttachedVPC(); ok {
		return []string{f(v)}
	}
	return nil
}

var igwFilters = filterFuncs[*igwRec]{
	"internet-gateway-id": func(r *igwRec) []string { return one(r.g.ID()) },
	"owner-id":            func(r *igwRec) []string { return one(r.g.OwnerID()) },
	"attachment.vpc-id":   func(r *igwRec) []string { return attached(r, func(v string) string { return v }) },
	"attachment.state":    func(r *igwRec) []string { return attached(r, func(string) string { return gateway.StateAvailable }) },
}

// gatewaysOf returns the records of m that scope sc holds, in ID order.
func gatewaysOf[R any](c *Cloud, sc scope, m map[string]*R) []*R {
	var out []*R
	for _, id := range sortedIDs(c.gatewaysIn[sc]) {
		if r := m[id]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (c *Cloud) describeInternetGateways(k *call, in *DescribeInternetGatewaysInput) (*DescribeInternetGatewaysOutput, error) {
	if err := in.Page.check(igwPage, len(in.InternetGatewayIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, igwFilters, func(r *igwRec) tag.Set { return c.tagsOf(r.owner, r.g.ID()) })
	if err != nil {
		return nil, err
	}
	var rs []*igwRec
	if len(in.InternetGatewayIDs) > 0 {
		for _, id := range in.InternetGatewayIDs {
			r, err := c.findIGW(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, func(a, b *igwRec) int { return strings.Compare(a.g.ID(), b.g.ID()) })
	} else {
		rs = gatewaysOf(c, k.scope, c.igws)
	}
	rs = slices.DeleteFunc(rs, func(r *igwRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *igwRec) string { return r.g.ID() }, in.Page, igwPage, len(in.InternetGatewayIDs) > 0)
	if err != nil {
		return nil, err
	}
	return &DescribeInternetGatewaysOutput{InternetGateways: mapSlice(pageOf, c.igwOutput), NextToken: next}, nil
}

// EgressOnlyInternetGateway is an egress-only internet gateway as
// DescribeEgressOnlyInternetGateways shows it.
type EgressOnlyInternetGateway struct {
	EgressOnlyInternetGatewayID string                      `ec2:"EgressOnlyInternetGatewayId"`
	Attachments                 []InternetGatewayAttachment `ec2:"AttachmentSet"`
	Tags                        []Tag                       `ec2:"TagSet"`
}

func (c *Cloud) eigwOutput(r *eigwRec) EgressOnlyInternetGateway {
	return EgressOnlyInternetGateway{EgressOnlyInternetGatewayID: r.g.ID(),
		Attachments: []InternetGatewayAttachment{{gateway.StateAttached, r.g.VPCID()}},
		Tags:        tagList(c.tagsOf(r.owner, r.g.ID()))}
}

// CreateEgressOnlyInternetGatewayInput is the input of
// [Cloud.CreateEgressOnlyInternetGateway].
type CreateEgressOnlyInternetGatewayInput struct {
	VPCID             string             `ec2:"VpcId,required"`
	ClientToken       string             `ec2:"ClientToken"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// CreateEgressOnlyInternetGatewayOutput is the output of
// [Cloud.CreateEgressOnlyInternetGateway].
type CreateEgressOnlyInternetGatewayOutput struct {
	ClientToken               string                    `ec2:"ClientToken,omitempty"`
	EgressOnlyInternetGateway EgressOnlyInternetGateway `ec2:"EgressOnlyInternetGateway"`
}

func (c *Cloud) createEgressOnlyInternetGateway(k *call, in *CreateEgressOnlyInternetGatewayInput) (*CreateEgressOnlyInternetGatewayOutput, error) {
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "egress-only-internet-gateway")
	if err != nil {
		return nil, err
	}
	g, err := gateway.CreateEgressOnly(k.Account, v.v.ID(), c.random)
	if err != nil {
		return nil, err
	}
	r := &eigwRec{owner: k.scope, g: g}
	c.eigws[g.ID()] = r
	c.indexEIGW(r)
	c.setTags(k.scope, g.ID(), tags)
	return &CreateEgressOnlyInternetGatewayOutput{ClientToken: in.ClientToken, EgressOnlyInternetGateway: c.eigwOutput(r)}, nil
}

// DeleteEgressOnlyInternetGatewayInput is the input of
// [Cloud.DeleteEgressOnlyInternetGateway].
type DeleteEgressOnlyInternetGatewayInput struct {
	EgressOnlyInternetGatewayID string `ec2:"EgressOnlyInternetGatewayId,required"`
}

// DeleteEgressOnlyInternetGatewayOutput is the output of
// [Cloud.DeleteEgressOnlyInternetGateway]: EC2 answers returnCode, not
// return.
type DeleteEgressOnlyInternetGatewayOutput struct {
	ReturnCode bool `ec2:"ReturnCode"`
}

func (c *Cloud) deleteEgressOnlyInternetGateway(k *call, in *DeleteEgressOnlyInternetGatewayInput) (*DeleteEgressOnlyInternetGatewayOutput, error) {
	r, err := c.findEIGW(k, in.EgressOnlyInternetGatewayID)
	if err != nil {
		return nil, err
	}
	delete(c.eigws, r.g.ID())
	c.unindexEIGW(r)
	c.dropTags(r.g.ID())
	return &DeleteEgressOnlyInternetGatewayOutput{ReturnCode: true}, nil
}

// DescribeEgressOnlyInternetGatewaysInput is the input of
// [Cloud.DescribeEgressOnlyInternetGateways].
type DescribeEgressOnlyInternetGatewaysInput struct {
	EgressOnlyInternetGatewayIDs []string `ec2:"EgressOnlyInternetGatewayId"`
	Filters                      []Filter `ec2:"Filter"`
	Page
}

// DescribeEgressOnlyInternetGatewaysOutput is the output of
// [Cloud.DescribeEgressOnlyInternetGateways].
type DescribeEgressOnlyInternetGatewaysOutput struct {
	EgressOnlyInternetGateways []EgressOnlyInternetGateway `ec2:"EgressOnlyInternetGatewaySet"`
	NextToken                  string                      `ec2:"NextToken,omitempty"`
}

var eigwPage = pageLimits{min: 5, max: 255, idsParam: "EgressOnlyInternetGatewayIds", token: ec2.EgressOnlyGateway.IsID}

func (c *Cloud) describeEgressOnlyInternetGateways(k *call, in *DescribeEgressOnlyInternetGatewaysInput) (*DescribeEgressOnlyInternetGatewaysOutput, error) {
	if err := in.Page.check(eigwPage, len(in.EgressOnlyInternetGatewayIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, filterFuncs[*eigwRec]{}, func(r *eigwRec) tag.Set { return c.tagsOf(r.owner, r.g.ID()) })
	if err != nil {
		return nil, err
	}
	var rs []*eigwRec
	if len(in.EgressOnlyInternetGatewayIDs) > 0 {
		for _, id := range in.EgressOnlyInternetGatewayIDs {
			r, err := c.findEIGW(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, func(a, b *eigwRec) int { return strings.Compare(a.g.ID(), b.g.ID()) })
	} else {
		rs = gatewaysOf(c, k.scope, c.eigws)
	}
	rs = slices.DeleteFunc(rs, func(r *eigwRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *eigwRec) string { return r.g.ID() }, in.Page, eigwPage, len(in.EgressOnlyInternetGatewayIDs) > 0)
	if err != nil {
		return nil, err
	}
	return &DescribeEgressOnlyInternetGatewaysOutput{EgressOnlyInternetGateways: mapSlice(pageOf, c.eigwOutput), NextToken: next}, nil
}
