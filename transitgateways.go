package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/tgw"
)

// Transit gateways are tgw.Gateway values with their tgw.RouteTable and
// tgw.Attachment values; package tgw owns their rules. The Cloud checks
// what lies between resources: the VPC and subnets of a VPC attachment
// are the caller's, a VPN connection on a gateway gets a VPN attachment
// that goes with it, a subnet or VPC with a live attachment is not
// deleted, a VPC route to a transit gateway needs an attachment of that
// gateway in the VPC; it derives each table's propagated routes from its
// propagating attachments' VPC blocks, and associates a new attachment
// with the gateway's default tables when it becomes available.

// tgwRec, tgwTableRec and tgwAttRec are a gateway, route table and
// attachment with the scope that owns them.
type (
	tgwRec struct {
		owner scope
		g     tgw.Gateway
	}
	tgwTableRec struct {
		owner scope
		t     tgw.RouteTable
	}
	tgwAttRec struct {
		owner scope
		a     tgw.Attachment
	}
)

// tgwStore is the part of a Cloud's state that transit gateways add, with
// its indexes.
type tgwStore struct {
	tgws    map[string]*tgwRec
	tgwRTs  map[string]*tgwTableRec
	tgwAtts map[string]*tgwAttRec

	// Indexes, derived from the resources above.
	tgwsIn       map[scope]idSet  // each scope's gateways, deleted ones included
	tgwRTsIn     map[scope]idSet  // each scope's route tables, likewise
	tgwAttsIn    map[scope]idSet  // each scope's attachments, likewise
	tgwRTsOf     map[string]idSet // each gateway's route tables
	tgwAttsOf    map[string]idSet // each gateway's attachments
	tgwAttsOfVPC map[string]idSet // each VPC's attachments
	tgwAttOfVPN  map[string]string
	tgwDue       []string    // resources pending, modifying or deleting: the next call settles them
	tgwEnding    []natEnding // deleted resources, by the instant they vanish
}

func newTGWStore() tgwStore {
	return tgwStore{
		tgws: make(map[string]*tgwRec), tgwRTs: make(map[string]*tgwTableRec), tgwAtts: make(map[string]*tgwAttRec),
		tgwsIn: make(map[scope]idSet), tgwRTsIn: make(map[scope]idSet), tgwAttsIn: make(map[scope]idSet),
		tgwRTsOf: make(map[string]idSet), tgwAttsOf: make(map[string]idSet), tgwAttsOfVPC: make(map[string]idSet),
		tgwAttOfVPN: make(map[string]string),
	}
}

func (x *tgwStore) indexTGW(r *tgwRec) {
	addID(x.tgwsIn, r.owner, r.g.ID())
	x.trackTGW(r.g.ID(), r.g.IsDue(), r.g.ExpiresAt)
}

func (x *tgwStore) indexTGWTable(r *tgwTableRec) {
	addID(x.tgwRTsIn, r.owner, r.t.ID())
	addID(x.tgwRTsOf, r.t.GatewayID(), r.t.ID())
	x.trackTGW(r.t.ID(), r.t.IsDue(), r.t.ExpiresAt)
}

func (x *tgwStore) indexTGWAttachment(r *tgwAttRec) {
	a := r.a
	addID(x.tgwAttsIn, r.owner, a.ID())
	addID(x.tgwAttsOf, a.GatewayID(), a.ID())
	switch a.ResourceType() {
	case tgw.ResourceVPC:
		addID(x.tgwAttsOfVPC, a.ResourceID(), a.ID())
	case tgw.ResourceVPN:
		x.tgwAttOfVPN[a.ResourceID()] = a.ID()
	}
	x.trackTGW(a.ID(), a.IsDue(), a.ExpiresAt)
}

// trackTGW records what the next calls owe a resource: a step, or its
// disappearance.
func (x *tgwStore) trackTGW(id string, due bool, expires func() (time.Time, bool)) {
	if due && !slices.Contains(x.tgwDue, id) {
		x.tgwDue = append(x.tgwDue, id)
	}
	if at, ok := expires(); ok && !slices.ContainsFunc(x.tgwEnding, func(n natEnding) bool { return n.id == id }) {
		n := natEnding{id, at}
		i, _ := slices.BinarySearchFunc(x.tgwEnding, n, compareEnding)
		x.tgwEnding = slices.Insert(x.tgwEnding, i, n)
	}
}

// tgwsDueAt reports whether a call at now has transit gateway steps to
// take.
func (x *tgwStore) tgwsDueAt(now time.Time) bool {
	return len(x.tgwDue) > 0 || len(x.tgwEnding) > 0 && !now.Before(x.tgwEnding[0].at)
}

// settleTGWs takes the steps EC2 takes by itself: pending and modifying
// resources become available, deleting ones deleted; an attachment that
// becomes available associates with and propagates to its gateway's
// default tables; a deleted attachment leaves every table's propagations;
// deleted resources vanish after their retention.
func (c *Cloud) settleTGWs(now time.Time) {
	due := c.tgwDue
	c.tgwDue = nil
	// Gateways first, then tables, then attachments: a new attachment's
	// default tables are available by the time it is.
	slices.SortStableFunc(due, func(a, b string) int { return tgwKindOrder(a) - tgwKindOrder(b) })
	for _, id := range due {
		switch {
		case c.tgws[id] != nil:
			r := c.tgws[id]
			r.g = r.g.Settle(now)
			c.trackTGW(id, r.g.IsDue(), r.g.ExpiresAt)
		case c.tgwRTs[id] != nil:
			r := c.tgwRTs[id]
			r.t = r.t.Settle(now)
			c.trackTGW(id, r.t.IsDue(), r.t.ExpiresAt)
		case c.tgwAtts[id] != nil:
			r := c.tgwAtts[id]
			was := r.a.State()
			r.a = r.a.Settle(now)
			switch {
			case was == tgw.Pending && r.a.State() == tgw.Available:
				c.attachDefaults(r)
			case r.a.State() == tgw.Deleted:
				for tid := range c.tgwRTsOf[r.a.GatewayID()] {
					t := c.tgwRTs[tid]
					t.t = t.t.Forget(id)
				}
			}
			c.trackTGW(id, r.a.IsDue(), r.a.ExpiresAt)
		}
	}
	for len(c.tgwEnding) > 0 && !now.Before(c.tgwEnding[0].at) {
		id := c.tgwEnding[0].id
		c.tgwEnding = c.tgwEnding[1:]
		switch {
		case c.tgws[id] != nil:
			r := c.tgws[id]
			delete(c.tgws, id)
			removeID(c.tgwsIn, r.owner, id)
			delete(c.tgwRTsOf, id)
			delete(c.tgwAttsOf, id)
		case c.tgwRTs[id] != nil:
			r := c.tgwRTs[id]
			delete(c.tgwRTs, id)
			removeID(c.tgwRTsIn, r.owner, id)
			removeID(c.tgwRTsOf, r.t.GatewayID(), id)
		case c.tgwAtts[id] != nil:
			r := c.tgwAtts[id]
			delete(c.tgwAtts, id)
			removeID(c.tgwAttsIn, r.owner, id)
			removeID(c.tgwAttsOf, r.a.GatewayID(), id)
			if r.a.ResourceType() == tgw.ResourceVPC {
				removeID(c.tgwAttsOfVPC, r.a.ResourceID(), id)
			} else if c.tgwAttOfVPN[r.a.ResourceID()] == id {
				delete(c.tgwAttOfVPN, r.a.ResourceID())
			}
		default:
			continue
		}
		c.dropTags(id)
	}
}

// tgwKindOrder orders IDs gateways first, then route tables, then
// attachments.
func tgwKindOrder(id string) int {
	switch {
	case strings.HasPrefix(id, "tgw-rtb-"):
		return 1
	case strings.HasPrefix(id, "tgw-attach-"):
		return 2
	}
	return 0
}

// attachDefaults associates a new attachment with its gateway's default
// association table and makes it propagate to the default propagation
// table, as the gateway's options say.
func (c *Cloud) attachDefaults(r *tgwAttRec) {
	g := c.tgws[r.a.GatewayID()]
	if g == nil {
		return
	}
	if id, ok := g.g.AssociationDefaultRouteTableID(); ok {
		if t := c.tgwRTs[id]; t != nil {
			if a, err := r.a.Associate(t.t); err == nil {
				r.a = a
			}
		}
	}
	if id, ok := g.g.PropagationDefaultRouteTableID(); ok {
		if t := c.tgwRTs[id]; t != nil {
			if next, err := t.t.EnablePropagation(r.a); err == nil {
				t.t = next
			}
		}
	}
}

// findTGW returns the caller's transit gateway, deleted ones during their
// retention included.
func (c *Cloud) findTGW(k *call, id string) (*tgwRec, error) {
	if err := ec2.TransitGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := c.tgws[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.TransitGateway.NotFoundError(id, nil)
	}
	return r, nil
}

// findLiveTGW returns the caller's transit gateway unless it is deleting
// or deleted.
func (c *Cloud) findLiveTGW(k *call, id string) (*tgwRec, error) {
	r, err := c.findTGW(k, id)
	if err != nil {
		return nil, err
	}
	if st := r.g.State(); st == tgw.Deleting || st == tgw.Deleted {
		return nil, ec2.TransitGateway.NotFoundError(id, nil)
	}
	return r, nil
}

// findTGWTable returns the caller's transit gateway route table.
func (c *Cloud) findTGWTable(k *call, id string) (*tgwTableRec, error) {
	if err := ec2.TransitGatewayRouteTable.ParseID(id); err != nil {
		return nil, err
	}
	r := c.tgwRTs[id]
	if r == nil || r.owner != k.scope {
		return nil, &Error{Code: ec2.TransitGatewayRouteTable.NotFound,
			Message: fmt.Sprintf("Transit Gateway Route Table %s was deleted or does not exist.", id)}
	}
	return r, nil
}

// findTGWAttachment returns the caller's transit gateway attachment.
func (c *Cloud) findTGWAttachment(k *call, id string) (*tgwAttRec, error) {
	if err := ec2.TransitGatewayAttachment.ParseID(id); err != nil {
		return nil, err
	}
	r := c.tgwAtts[id]
	if r == nil || r.owner != k.scope {
		return nil, &Error{Code: ec2.TransitGatewayAttachment.NotFound,
			Message: fmt.Sprintf("Transit Gateway Attachment %s was deleted or does not exist.", id)}
	}
	return r, nil
}

// tgwTargetInfo answers a VPC route table's resolver for a transit gateway
// target: one the owner holds, not deleting, with a live attachment in
// the table's VPC.
func (c *Cloud) tgwTargetInfo(owner scope, id, vpcID string) (route.TargetInfo, bool) {
	r := c.tgws[id]
	if r == nil || r.owner != owner || !r.g.State().IsLive() {
		return route.TargetInfo{}, false
	}
	for aid := range c.tgwAttsOfVPC[vpcID] {
		if a := c.tgwAtts[aid].a; a.GatewayID() == id && a.State().IsLive() {
			return route.TargetInfo{VPCIDs: []string{vpcID}}, true
		}
	}
	return route.TargetInfo{}, false
}

// liveTGWAttachments returns the attachments of gateway id not yet
// deleted, in ID order.
func (c *Cloud) liveTGWAttachments(id string) []string {
	var out []string
	for _, aid := range sortedIDs(c.tgwAttsOf[id]) {
		if c.tgwAtts[aid].a.State() != tgw.Deleted {
			out = append(out, aid)
		}
	}
	return out
}

// subnetHasTGWAttachment returns EC2's refusal to delete a subnet a live
// VPC attachment uses, or nil.
func (c *Cloud) subnetHasTGWAttachment(s string, vpcID string) error {
	for aid := range c.tgwAttsOfVPC[vpcID] {
		a := c.tgwAtts[aid].a
		if a.State() != tgw.Deleted && slices.Contains(a.SubnetIDs(), s) {
			return &Error{Code: ec2.DependencyViolation,
				Message: fmt.Sprintf("The subnet '%s' has dependencies and cannot be deleted.", s)}
		}
	}
	return nil
}

// vpcHasTGWAttachment reports whether a VPC has a transit gateway
// attachment not yet deleted.
func (c *Cloud) vpcHasTGWAttachment(vpcID string) bool {
	for aid := range c.tgwAttsOfVPC[vpcID] {
		if c.tgwAtts[aid].a.State() != tgw.Deleted {
			return true
		}
	}
	return false
}

// tgwSources answers what each attachment of gateway id contributes to
// its route tables.
func (c *Cloud) tgwSources(id string) map[string]tgw.Source {
	out := map[string]tgw.Source{}
	for aid := range c.tgwAttsOf[id] {
		a := c.tgwAtts[aid].a
		if a.State() == tgw.Deleted || a.State() == tgw.Deleting {
			continue
		}
		src := tgw.Source{Available: a.State() == tgw.Available || a.State() == tgw.Modifying}
		if a.ResourceType() == tgw.ResourceVPC {
			if v := c.vpcs[a.ResourceID()]; v != nil {
				src.CIDRs = v.v.CIDRs()
				if a.Options().IPv6Support.On() {
					src.CIDRs = append(src.CIDRs, v.v.IPv6CIDRs()...)
				}
			}
		}
		out[aid] = src
	}
	return out
}

// Outputs.

// TransitGatewayOptions is a transit gateway's options as EC2 shows them.
type TransitGatewayOptions struct {
	AmazonSideASN                   int64    `ec2:"AmazonSideAsn"`
	TransitGatewayCIDRBlocks        []string `ec2:"TransitGatewayCidrBlocks"`
	AutoAcceptSharedAttachments     string   `ec2:"AutoAcceptSharedAttachments"`
	DefaultRouteTableAssociation    string   `ec2:"DefaultRouteTableAssociation"`
	AssociationDefaultRouteTableID  string   `ec2:"AssociationDefaultRouteTableId,omitempty"`
	DefaultRouteTablePropagation    string   `ec2:"DefaultRouteTablePropagation"`
	PropagationDefaultRouteTableID  string   `ec2:"PropagationDefaultRouteTableId,omitempty"`
	VPNECMPSupport                  string   `ec2:"VpnEcmpSupport"`
	DNSSupport                      string   `ec2:"DnsSupport"`
	SecurityGroupReferencingSupport string   `ec2:"SecurityGroupReferencingSupport"`
	MulticastSupport                string   `ec2:"MulticastSupport"`
}

// TransitGateway is a transit gateway as DescribeTransitGateways shows it.
type TransitGateway struct {
	TransitGatewayID  string                `ec2:"TransitGatewayId"`
	TransitGatewayARN string                `ec2:"TransitGatewayArn"`
	State             string                `ec2:"State"`
	OwnerID           string                `ec2:"OwnerId"`
	Description       string                `ec2:"Description,omitempty"`
	CreationTime      time.Time             `ec2:"CreationTime"`
	Options           TransitGatewayOptions `ec2:"Options"`
	Tags              []Tag                 `ec2:"TagSet"`
}

func (c *Cloud) tgwOutput(r *tgwRec) TransitGateway {
	g := r.g
	o := g.Options()
	x := TransitGateway{TransitGatewayID: g.ID(), TransitGatewayARN: g.ARN(), State: string(g.State()), OwnerID: g.OwnerID(),
		Description: g.Description(), CreationTime: g.CreateTime(), Tags: tagList(c.tagsOf(r.owner, g.ID())),
		Options: TransitGatewayOptions{
			AmazonSideASN: o.AmazonSideASN, AutoAcceptSharedAttachments: string(o.AutoAcceptSharedAttachments),
			DefaultRouteTableAssociation: string(o.DefaultRouteTableAssociation), DefaultRouteTablePropagation: string(o.DefaultRouteTablePropagation),
			VPNECMPSupport: string(o.VPNECMPSupport), DNSSupport: string(o.DNSSupport),
			SecurityGroupReferencingSupport: string(o.SecurityGroupReferencingSupport), MulticastSupport: string(o.MulticastSupport),
		}}
	x.Options.TransitGatewayCIDRBlocks = mapSlice(o.CIDRBlocks, netip.Prefix.String)
	x.Options.AssociationDefaultRouteTableID, _ = g.AssociationDefaultRouteTableID()
	x.Options.PropagationDefaultRouteTableID, _ = g.PropagationDefaultRouteTableID()
	return x
}

// TransitGatewayRouteTable is a transit gateway route table as
// DescribeTransitGatewayRouteTables shows it.
type TransitGatewayRouteTable struct {
	TransitGatewayRouteTableID   string    `ec2:"TransitGatewayRouteTableId"`
	TransitGatewayID             string    `ec2:"TransitGatewayId"`
	State                        string    `ec2:"State"`
	DefaultAssociationRouteTable bool      `ec2:"DefaultAssociationRouteTable"`
	DefaultPropagationRouteTable bool      `ec2:"DefaultPropagationRouteTable"`
	CreationTime                 time.Time `ec2:"CreationTime"`
	Tags                         []Tag     `ec2:"TagSet"`
}

func (c *Cloud) tgwTableOutput(r *tgwTableRec) TransitGatewayRouteTable {
	t := r.t
	x := TransitGatewayRouteTable{TransitGatewayRouteTableID: t.ID(), TransitGatewayID: t.GatewayID(), State: string(t.State()),
		CreationTime: t.CreateTime(), Tags: tagList(c.tagsOf(r.owner, t.ID()))}
	if g := c.tgws[t.GatewayID()]; g != nil && t.State() != tgw.Deleted {
		a, aok := g.g.AssociationDefaultRouteTableID()
		p, pok := g.g.PropagationDefaultRouteTableID()
		x.DefaultAssociationRouteTable = aok && a == t.ID()
		x.DefaultPropagationRouteTable = pok && p == t.ID()
	}
	return x
}

// TransitGatewayAttachmentAssociation is the route table an attachment is
// associated with.
type TransitGatewayAttachmentAssociation struct {
	TransitGatewayRouteTableID string `ec2:"TransitGatewayRouteTableId"`
	State                      string `ec2:"State"`
}

// TransitGatewayAttachment is an attachment as
// DescribeTransitGatewayAttachments shows it, whatever it attaches.
type TransitGatewayAttachment struct {
	TransitGatewayAttachmentID string                                        `ec2:"TransitGatewayAttachmentId"`
	TransitGatewayID           string                                        `ec2:"TransitGatewayId"`
	TransitGatewayOwnerID      string                                        `ec2:"TransitGatewayOwnerId"`
	ResourceOwnerID            string                                        `ec2:"ResourceOwnerId"`
	ResourceType               string                                        `ec2:"ResourceType"`
	ResourceID                 string                                        `ec2:"ResourceId"`
	State                      string                                        `ec2:"State"`
	Association                Optional[TransitGatewayAttachmentAssociation] `ec2:"Association"`
	CreationTime               time.Time                                     `ec2:"CreationTime"`
	Tags                       []Tag                                         `ec2:"TagSet"`
}

func (c *Cloud) tgwAttachmentOutput(r *tgwAttRec) TransitGatewayAttachment {
	a := r.a
	x := TransitGatewayAttachment{TransitGatewayAttachmentID: a.ID(), TransitGatewayID: a.GatewayID(), TransitGatewayOwnerID: a.GatewayOwnerID(),
		ResourceOwnerID: a.OwnerID(), ResourceType: string(a.ResourceType()), ResourceID: a.ResourceID(), State: string(a.State()),
		CreationTime: a.CreateTime(), Tags: tagList(c.tagsOf(r.owner, a.ID()))}
	if as, ok := a.Association(); ok {
		x.Association = Some(TransitGatewayAttachmentAssociation{as.RouteTableID, as.State})
	}
	return x
}

// TransitGatewayVPCAttachmentOptions are a VPC attachment's options.
type TransitGatewayVPCAttachmentOptions struct {
	DNSSupport                      string `ec2:"DnsSupport"`
	IPv6Support                     string `ec2:"Ipv6Support"`
	ApplianceModeSupport            string `ec2:"ApplianceModeSupport"`
	SecurityGroupReferencingSupport string `ec2:"SecurityGroupReferencingSupport"`
}

// TransitGatewayVPCAttachment is a VPC attachment as
// DescribeTransitGatewayVpcAttachments shows it.
type TransitGatewayVPCAttachment struct {
	TransitGatewayAttachmentID string                             `ec2:"TransitGatewayAttachmentId"`
	TransitGatewayID           string                             `ec2:"TransitGatewayId"`
	VPCID                      string                             `ec2:"VpcId"`
	VPCOwnerID                 string                             `ec2:"VpcOwnerId"`
	State                      string                             `ec2:"State"`
	SubnetIDs                  []string                           `ec2:"SubnetIds"`
	CreationTime               time.Time                          `ec2:"CreationTime"`
	Options                    TransitGatewayVPCAttachmentOptions `ec2:"Options"`
	Tags                       []Tag                              `ec2:"TagSet"`
}

func (c *Cloud) tgwVPCAttachmentOutput(r *tgwAttRec) TransitGatewayVPCAttachment {
	a := r.a
	o := a.Options()
	return TransitGatewayVPCAttachment{TransitGatewayAttachmentID: a.ID(), TransitGatewayID: a.GatewayID(), VPCID: a.ResourceID(),
		VPCOwnerID: a.OwnerID(), State: string(a.State()), SubnetIDs: a.SubnetIDs(), CreationTime: a.CreateTime(),
		Options: TransitGatewayVPCAttachmentOptions{DNSSupport: string(o.DNSSupport), IPv6Support: string(o.IPv6Support),
			ApplianceModeSupport: string(o.ApplianceModeSupport), SecurityGroupReferencingSupport: string(o.SecurityGroupReferencingSupport)},
		Tags: tagList(c.tagsOf(r.owner, a.ID()))}
}

var (
	tgwPage      = pageLimits{min: 5, max: 1000, token: ec2.TransitGateway.IsID}
	tgwTablePage = pageLimits{min: 5, max: 1000, token: ec2.TransitGatewayRouteTable.IsID}
	tgwAttPage   = pageLimits{min: 5, max: 1000, token: ec2.TransitGatewayAttachment.IsID}
)

// describeTGWKind answers a Describe of one kind of transit gateway
// resource: those named, or all of the caller's in ids, that match the
// filters, one page of them.
func describeTGWKind[R any](c *Cloud, k *call, ids []string, fs []Filter, pg Page, l pageLimits, funcs filterFuncs[R],
	find func(*call, string) (R, error), all idSet, key func(R) (scope, string)) ([]R, string, error) {
	if err := pg.check(l, len(ids) > 0); err != nil {
		return nil, "", err
	}
	var rs []R
	if len(ids) > 0 {
		for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
			r, err := find(k, id)
			if err != nil {
				return nil, "", err
			}
			rs = append(rs, r)
		}
	} else {
		for _, id := range sortedIDs(all) {
			r, err := find(k, id)
			if err == nil {
				rs = append(rs, r)
			}
		}
	}
	m, err := compileFilters(fs, funcs, func(r R) tag.Set { o, id := key(r); return c.tagsOf(o, id) })
	if err != nil {
		return nil, "", err
	}
	rs = slices.DeleteFunc(rs, func(r R) bool { return !m.match(r) })
	return paginate(rs, func(r R) string { _, id := key(r); return id }, pg, l, len(ids) > 0)
}

// Transit gateways.

// TransitGatewayRequestOptions are CreateTransitGateway's options; absent
// ones take EC2's defaults ([tgw.Options.Resolve]).
type TransitGatewayRequestOptions struct {
	AmazonSideASN                   int64    `ec2:"AmazonSideAsn"`
	AutoAcceptSharedAttachments     string   `ec2:"AutoAcceptSharedAttachments"`
	DefaultRouteTableAssociation    string   `ec2:"DefaultRouteTableAssociation"`
	DefaultRouteTablePropagation    string   `ec2:"DefaultRouteTablePropagation"`
	VPNECMPSupport                  string   `ec2:"VpnEcmpSupport"`
	DNSSupport                      string   `ec2:"DnsSupport"`
	SecurityGroupReferencingSupport string   `ec2:"SecurityGroupReferencingSupport"`
	MulticastSupport                string   `ec2:"MulticastSupport"`
	TransitGatewayCIDRBlocks        []string `ec2:"TransitGatewayCidrBlocks"`
}

// parseCIDRBlocks parses a list of CIDR block parameters.
func parseCIDRBlocks(param string, ss []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range ss {
		p, err := parsePrefix(param, s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// CreateTransitGatewayInput is the input of [Cloud.CreateTransitGateway].
type CreateTransitGatewayInput struct {
	Description       string                       `ec2:"Description"`
	Options           TransitGatewayRequestOptions `ec2:"Options"`
	TagSpecifications []TagSpecification           `ec2:"TagSpecification"`
}

// CreateTransitGatewayOutput is the output of [Cloud.CreateTransitGateway].
type CreateTransitGatewayOutput struct {
	TransitGateway TransitGateway `ec2:"TransitGateway"`
}

func (c *Cloud) createTransitGateway(k *call, in *CreateTransitGatewayInput) (*CreateTransitGatewayOutput, error) {
	o := in.Options
	blocks, err := parseCIDRBlocks("TransitGatewayCidrBlocks", o.TransitGatewayCIDRBlocks)
	if err != nil {
		return nil, err
	}
	opts := tgw.Options{AmazonSideASN: o.AmazonSideASN, AutoAcceptSharedAttachments: tgw.Toggle(o.AutoAcceptSharedAttachments),
		DefaultRouteTableAssociation: tgw.Toggle(o.DefaultRouteTableAssociation), DefaultRouteTablePropagation: tgw.Toggle(o.DefaultRouteTablePropagation),
		VPNECMPSupport: tgw.Toggle(o.VPNECMPSupport), DNSSupport: tgw.Toggle(o.DNSSupport),
		SecurityGroupReferencingSupport: tgw.Toggle(o.SecurityGroupReferencingSupport), MulticastSupport: tgw.Toggle(o.MulticastSupport),
		CIDRBlocks: blocks}
	if _, err := opts.Resolve(); err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "transit-gateway")
	if err != nil {
		return nil, err
	}
	id, err := c.newID(ec2.TransitGateway)
	if err != nil {
		return nil, err
	}
	rtID, err := c.newID(ec2.TransitGatewayRouteTable)
	if err != nil {
		return nil, err
	}
	g, t, err := tgw.New(tgw.Spec{ID: id, OwnerID: k.Account, Region: k.Region, Description: in.Description, Options: opts,
		DefaultRouteTableID: rtID}, k.now)
	if err != nil {
		return nil, err
	}
	r := &tgwRec{owner: k.scope, g: g}
	c.tgws[id] = r
	c.indexTGW(r)
	if t.IsValid() {
		tr := &tgwTableRec{owner: k.scope, t: t}
		c.tgwRTs[t.ID()] = tr
		c.indexTGWTable(tr)
	}
	c.setTags(k.scope, id, tags)
	return &CreateTransitGatewayOutput{TransitGateway: c.tgwOutput(r)}, nil
}

// DescribeTransitGatewaysInput is the input of
// [Cloud.DescribeTransitGateways].
type DescribeTransitGatewaysInput struct {
	TransitGatewayIDs []string `ec2:"TransitGatewayIds"`
	Filters           []Filter `ec2:"Filter"`
	Page
}

// DescribeTransitGatewaysOutput is the output of
// [Cloud.DescribeTransitGateways].
type DescribeTransitGatewaysOutput struct {
	TransitGateways []TransitGateway `ec2:"TransitGatewaySet"`
	NextToken       string           `ec2:"NextToken,omitempty"`
}

func tgwOption(f func(tgw.Options) string) func(*tgwRec) []string {
	return func(r *tgwRec) []string { return one(f(r.g.Options())) }
}

var tgwFilters = filterFuncs[*tgwRec]{
	"transit-gateway-id":                      func(r *tgwRec) []string { return one(r.g.ID()) },
	"state":                                   func(r *tgwRec) []string { return one(string(r.g.State())) },
	"owner-id":                                func(r *tgwRec) []string { return one(r.g.OwnerID()) },
	"options.amazon-side-asn":                 tgwOption(func(o tgw.Options) string { return strconv.FormatInt(o.AmazonSideASN, 10) }),
	"options.auto-accept-shared-attachments":  tgwOption(func(o tgw.Options) string { return string(o.AutoAcceptSharedAttachments) }),
	"options.default-route-table-association": tgwOption(func(o tgw.Options) string { return string(o.DefaultRouteTableAssociation) }),
	"options.default-route-table-propagation": tgwOption(func(o tgw.Options) string { return string(o.DefaultRouteTablePropagation) }),
	"options.dns-support":                     tgwOption(func(o tgw.Options) string { return string(o.DNSSupport) }),
	"options.vpn-ecmp-support":                tgwOption(func(o tgw.Options) string { return string(o.VPNECMPSupport) }),
	"options.association-default-route-table-id": func(r *tgwRec) []string {
		id, _ := r.g.AssociationDefaultRouteTableID()
		return one(id)
	},
	"options.propagation-default-route-table-id": func(r *tgwRec) []string {
		id, _ := r.g.PropagationDefaultRouteTableID()
		return one(id)
	},
}

func (c *Cloud) describeTransitGateways(k *call, in *DescribeTransitGatewaysInput) (*DescribeTransitGatewaysOutput, error) {
	rs, next, err := describeTGWKind(c, k, in.TransitGatewayIDs, in.Filters, in.Page, tgwPage, tgwFilters, c.findTGW,
		c.tgwsIn[k.scope], func(r *tgwRec) (scope, string) { return r.owner, r.g.ID() })
	if err != nil {
		return nil, err
	}
	return &DescribeTransitGatewaysOutput{TransitGateways: mapSlice(rs, c.tgwOutput), NextToken: next}, nil
}

// ModifyTransitGatewayOptions are ModifyTransitGateway's options; absent
// ones stay as they are.
type ModifyTransitGatewayOptions struct {
	AmazonSideASN                   int64    `ec2:"AmazonSideAsn"`
	AutoAcceptSharedAttachments     string   `ec2:"AutoAcceptSharedAttachments"`
	DefaultRouteTableAssociation    string   `ec2:"DefaultRouteTableAssociation"`
	AssociationDefaultRouteTableID  string   `ec2:"AssociationDefaultRouteTableId"`
	DefaultRouteTablePropagation    string   `ec2:"DefaultRouteTablePropagation"`
	PropagationDefaultRouteTableID  string   `ec2:"PropagationDefaultRouteTableId"`
	VPNECMPSupport                  string   `ec2:"VpnEcmpSupport"`
	DNSSupport                      string   `ec2:"DnsSupport"`
	SecurityGroupReferencingSupport string   `ec2:"SecurityGroupReferencingSupport"`
	AddTransitGatewayCIDRBlocks     []string `ec2:"AddTransitGatewayCidrBlocks"`
	RemoveTransitGatewayCIDRBlocks  []string `ec2:"RemoveTransitGatewayCidrBlocks"`
}

// ModifyTransitGatewayInput is the input of [Cloud.ModifyTransitGateway].
type ModifyTransitGatewayInput struct {
	TransitGatewayID string                      `ec2:"TransitGatewayId,required"`
	Description      Optional[string]            `ec2:"Description"`
	Options          ModifyTransitGatewayOptions `ec2:"Options"`
}

// ModifyTransitGatewayOutput is the output of [Cloud.ModifyTransitGateway].
type ModifyTransitGatewayOutput struct {
	TransitGateway TransitGateway `ec2:"TransitGateway"`
}

func (c *Cloud) modifyTransitGateway(k *call, in *ModifyTransitGatewayInput) (*ModifyTransitGatewayOutput, error) {
	r, err := c.findLiveTGW(k, in.TransitGatewayID)
	if err != nil {
		return nil, err
	}
	o := in.Options
	m := tgw.Modification{AmazonSideASN: o.AmazonSideASN, AutoAcceptSharedAttachments: tgw.Toggle(o.AutoAcceptSharedAttachments),
		DefaultRouteTableAssociation: tgw.Toggle(o.DefaultRouteTableAssociation), DefaultRouteTablePropagation: tgw.Toggle(o.DefaultRouteTablePropagation),
		VPNECMPSupport: tgw.Toggle(o.VPNECMPSupport), DNSSupport: tgw.Toggle(o.DNSSupport),
		SecurityGroupReferencingSupport: tgw.Toggle(o.SecurityGroupReferencingSupport)}
	if d, ok := in.Description.Get(); ok {
		m.Description = &d
	}
	for _, f := range []struct {
		id  string
		dst *string
	}{{o.AssociationDefaultRouteTableID, &m.AssociationDefaultRouteTableID}, {o.PropagationDefaultRouteTableID, &m.PropagationDefaultRouteTableID}} {
		if f.id == "" {
			continue
		}
		t, err := c.findTGWTable(k, f.id)
		if err != nil {
			return nil, err
		}
		if t.t.GatewayID() != r.g.ID() || t.t.State() != tgw.Available {
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("Transit Gateway Route Table %s is not an available route table of %s.", f.id, r.g.ID())}
		}
		*f.dst = f.id
	}
	if m.AddCIDRBlocks, err = parseCIDRBlocks("AddTransitGatewayCidrBlocks", o.AddTransitGatewayCIDRBlocks); err != nil {
		return nil, err
	}
	if m.RemoveCIDRBlocks, err = parseCIDRBlocks("RemoveTransitGatewayCidrBlocks", o.RemoveTransitGatewayCIDRBlocks); err != nil {
		return nil, err
	}
	g, err := r.g.Modify(m)
	if err != nil {
		return nil, err
	}
	r.g = g
	c.trackTGW(g.ID(), g.IsDue(), g.ExpiresAt)
	return &ModifyTransitGatewayOutput{TransitGateway: c.tgwOutput(r)}, nil
}

// DeleteTransitGatewayInput is the input of [Cloud.DeleteTransitGateway].
type DeleteTransitGatewayInput struct {
	TransitGatewayID string `ec2:"TransitGatewayId,required"`
}

// DeleteTransitGatewayOutput is the output of [Cloud.DeleteTransitGateway].
type DeleteTransitGatewayOutput struct {
	TransitGateway TransitGateway `ec2:"TransitGateway"`
}

func (c *Cloud) deleteTransitGateway(k *call, in *DeleteTransitGatewayInput) (*DeleteTransitGatewayOutput, error) {
	r, err := c.findTGW(k, in.TransitGatewayID)
	if err != nil {
		return nil, err
	}
	g, err := r.g.Delete(c.liveTGWAttachments(r.g.ID()))
	if err != nil {
		return nil, err
	}
	r.g = g
	c.trackTGW(g.ID(), g.IsDue(), g.ExpiresAt)
	for _, id := range sortedIDs(c.tgwRTsOf[g.ID()]) {
		t := c.tgwRTs[id]
		t.t = t.t.DeleteWithGateway()
		c.trackTGW(id, t.t.IsDue(), t.t.ExpiresAt)
	}
	return &DeleteTransitGatewayOutput{TransitGateway: c.tgwOutput(r)}, nil
}

// Route tables.

// CreateTransitGatewayRouteTableInput is the input of
// [Cloud.CreateTransitGatewayRouteTable].
type CreateTransitGatewayRouteTableInput struct {
	TransitGatewayID  string             `ec2:"TransitGatewayId,required"`
	TagSpecifications []TagSpecification `ec2:"TagSpecifications"`
}

// CreateTransitGatewayRouteTableOutput is the output of
// [Cloud.CreateTransitGatewayRouteTable].
type CreateTransitGatewayRouteTableOutput struct {
	TransitGatewayRouteTable TransitGatewayRouteTable `ec2:"TransitGatewayRouteTable"`
}

func (c *Cloud) createTransitGatewayRouteTable(k *call, in *CreateTransitGatewayRouteTableInput) (*CreateTransitGatewayRouteTableOutput, error) {
	g, err := c.findLiveTGW(k, in.TransitGatewayID)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "transit-gateway-route-table")
	if err != nil {
		return nil, err
	}
	if err := g.g.Usable("create"); err != nil {
		return nil, err
	}
	id, err := c.newID(ec2.TransitGatewayRouteTable)
	if err != nil {
		return nil, err
	}
	t, err := tgw.NewRouteTable(id, g.g, k.now)
	if err != nil {
		return nil, err
	}
	r := &tgwTableRec{owner: k.scope, t: t}
	c.tgwRTs[id] = r
	c.indexTGWTable(r)
	c.setTags(k.scope, id, tags)
	return &CreateTransitGatewayRouteTableOutput{TransitGatewayRouteTable: c.tgwTableOutput(r)}, nil
}

// DescribeTransitGatewayRouteTablesInput is the input of
// [Cloud.DescribeTransitGatewayRouteTables].
type DescribeTransitGatewayRouteTablesInput struct {
	TransitGatewayRouteTableIDs []string `ec2:"TransitGatewayRouteTableIds"`
	Filters                     []Filter `ec2:"Filter"`
	Page
}

// DescribeTransitGatewayRouteTablesOutput is the output of
// [Cloud.DescribeTransitGatewayRouteTables].
type DescribeTransitGatewayRouteTablesOutput struct {
	TransitGatewayRouteTables []TransitGatewayRouteTable `ec2:"TransitGatewayRouteTables"`
	NextToken                 string                     `ec2:"NextToken,omitempty"`
}

func (c *Cloud) describeTransitGatewayRouteTables(k *call, in *DescribeTransitGatewayRouteTablesInput) (*DescribeTransitGatewayRouteTablesOutput, error) {
	out := func(r *tgwTableRec) TransitGatewayRouteTable { return c.tgwTableOutput(r) }
	filters := filterFuncs[*tgwTableRec]{
		"transit-gateway-route-table-id": func(r *tgwTableRec) []string { return one(r.t.ID()) },
		"transit-gateway-id":             func(r *tgwTableRec) []string { return one(r.t.GatewayID()) },
		"state":                          func(r *tgwTableRec) []string { return one(string(r.t.State())) },
		"default-association-route-table": func(r *tgwTableRec) []string {
			return one(strconv.FormatBool(out(r).DefaultAssociationRouteTable))
		},
		"default-propagation-route-table": func(r *tgwTableRec) []string {
			return one(strconv.FormatBool(out(r).DefaultPropagationRouteTable))
		},
	}
	rs, next, err := describeTGWKind(c, k, in.TransitGatewayRouteTableIDs, in.Filters, in.Page, tgwTablePage, filters, c.findTGWTable,
		c.tgwRTsIn[k.scope], func(r *tgwTableRec) (scope, string) { return r.owner, r.t.ID() })
	if err != nil {
		return nil, err
	}
	return &DescribeTransitGatewayRouteTablesOutput{TransitGatewayRouteTables: mapSlice(rs, out), NextToken: next}, nil
}

// DeleteTransitGatewayRouteTableInput is the input of
// [Cloud.DeleteTransitGatewayRouteTable].
type DeleteTransitGatewayRouteTableInput struct {
	TransitGatewayRouteTableID string `ec2:"TransitGatewayRouteTableId,required"`
}

// DeleteTransitGatewayRouteTableOutput is the output of
// [Cloud.DeleteTransitGatewayRouteTable].
type DeleteTransitGatewayRouteTableOutput struct {
	TransitGatewayRouteTable TransitGatewayRouteTable `ec2:"TransitGatewayRouteTable"`
}

func (c *Cloud) deleteTransitGatewayRouteTable(k *call, in *DeleteTransitGatewayRouteTableInput) (*DeleteTransitGatewayRouteTableOutput, error) {
	r, err := c.findTGWTable(k, in.TransitGatewayRouteTableID)
	if err != nil {
		return nil, err
	}
	isDefault := false
	if g := c.tgws[r.t.GatewayID()]; g != nil {
		isDefault = g.g.IsDefaultTable(r.t.ID())
	}
	t, err := r.t.Delete(isDefault, len(c.tgwAssociated(r.t.ID())))
	if err != nil {
		return nil, err
	}
	r.t = t
	c.trackTGW(t.ID(), t.IsDue(), t.ExpiresAt)
	return &DeleteTransitGatewayRouteTableOutput{TransitGatewayRouteTable: c.tgwTableOutput(r)}, nil
}

// tgwAssociated returns the attachments associated with route table id,
// in ID order.
func (c *Cloud) tgwAssociated(id string) []*tgwAttRec {
	t := c.tgwRTs[id]
	if t == nil {
		return nil
	}
	var out []*tgwAttRec
	for _, aid := range sortedIDs(c.tgwAttsOf[t.t.GatewayID()]) {
		if as, ok := c.tgwAtts[aid].a.Association(); ok && as.RouteTableID == id {
			out = append(out, c.tgwAtts[aid])
		}
	}
	return out
}

// Associations and propagations.

// TransitGatewayRouteTableAttachmentInput names a route table and an
// attachment: the input of [Cloud.AssociateTransitGatewayRouteTable] and
// the actions like it.
type TransitGatewayRouteTableAttachmentInput struct {
	TransitGatewayRouteTableID string `ec2:"TransitGatewayRouteTableId,required"`
	TransitGatewayAttachmentID string `ec2:"TransitGatewayAttachmentId,required"`
}

// AssociateTransitGatewayRouteTableInput is the input of
// [Cloud.AssociateTransitGatewayRouteTable].
type AssociateTransitGatewayRouteTableInput = TransitGatewayRouteTableAttachmentInput

// TransitGatewayAssociation is an association as Associate and
// Disassociate answer it.
type TransitGatewayAssociation struct {
	TransitGatewayRouteTableID string `ec2:"TransitGatewayRouteTableId"`
	TransitGatewayAttachmentID string `ec2:"TransitGatewayAttachmentId"`
	ResourceID                 string `ec2:"ResourceId"`
	ResourceType               string `ec2:"ResourceType"`
	State                      string `ec2:"State"`
}

// AssociateTransitGatewayRouteTableOutput is the output of
// [Cloud.AssociateTransitGatewayRouteTable].
type AssociateTransitGatewayRouteTableOutput struct {
	Association TransitGatewayAssociation `ec2:"Association"`
}

// tableAndAttachment finds both of a TransitGatewayRouteTableAttachmentInput.
func (c *Cloud) tableAndAttachment(k *call, in *TransitGatewayRouteTableAttachmentInput) (*tgwTableRec, *tgwAttRec, error) {
	t, err := c.findTGWTable(k, in.TransitGatewayRouteTableID)
	if err != nil {
		return nil, nil, err
	}
	a, err := c.findTGWAttachment(k, in.TransitGatewayAttachmentID)
	if err != nil {
		return nil, nil, err
	}
	return t, a, nil
}

func (c *Cloud) associateTransitGatewayRouteTable(k *call, in *AssociateTransitGatewayRouteTableInput) (*AssociateTransitGatewayRouteTableOutput, error) {
	t, r, err := c.tableAndAttachment(k, in)
	if err != nil {
		return nil, err
	}
	a, err := r.a.Associate(t.t)
	if err != nil {
		return nil, err
	}
	r.a = a
	return &AssociateTransitGatewayRouteTableOutput{Association: TransitGatewayAssociation{t.t.ID(), a.ID(), a.ResourceID(),
		string(a.ResourceType()), "associated"}}, nil
}

// DisassociateTransitGatewayRouteTableInput is the input of
// [Cloud.DisassociateTransitGatewayRouteTable].
type DisassociateTransitGatewayRouteTableInput = TransitGatewayRouteTableAttachmentInput

// DisassociateTransitGatewayRouteTableOutput is the output of
// [Cloud.DisassociateTransitGatewayRouteTable].
type DisassociateTransitGatewayRouteTableOutput = AssociateTransitGatewayRouteTableOutput

func (c *Cloud) disassociateTransitGatewayRouteTable(k *call, in *DisassociateTransitGatewayRouteTableInput) (*DisassociateTransitGatewayRouteTableOutput, error) {
	t, r, err := c.tableAndAttachment(k, in)
	if err != nil {
		return nil, err
	}
	a, err := r.a.Disassociate(t.t.ID())
	if err != nil {
		return nil, err
	}
	r.a = a
	return &DisassociateTransitGatewayRouteTableOutput{Association: TransitGatewayAssociation{t.t.ID(), a.ID(), a.ResourceID(),
		string(a.ResourceType()), "disassociated"}}, nil
}

// TransitGatewayRouteTableAttachmentsInput is the input of
// [Cloud.GetTransitGatewayRouteTableAssociations] and
// [Cloud.GetTransitGatewayRouteTablePropagations].
type TransitGatewayRouteTableAttachmentsInput struct {
	TransitGatewayRouteTableID string   `ec2:"TransitGatewayRouteTableId,required"`
	Filters                    []Filter `ec2:"Filter"`
	Page
}

// GetTransitGatewayRouteTableAssociationsInput is the input of
// [Cloud.GetTransitGatewayRouteTableAssociations].
type GetTransitGatewayRouteTableAssociationsInput = TransitGatewayRouteTableAttachmentsInput

// TransitGatewayRouteTableAttachment is one attachment a route table lists
// as associated or propagating.
type TransitGatewayRouteTableAttachment struct {
	TransitGatewayAttachmentID string `ec2:"TransitGatewayAttachmentId"`
	ResourceID                 string `ec2:"ResourceId"`
	ResourceType               string `ec2:"ResourceType"`
	State                      string `ec2:"State"`
}

// GetTransitGatewayRouteTableAssociationsOutput is the output of
// [Cloud.GetTransitGatewayRouteTableAssociations].
type GetTransitGatewayRouteTableAssociationsOutput struct {
	Associations []TransitGatewayRouteTableAttachment `ec2:"Associations"`
	NextToken    string                               `ec2:"NextToken,omitempty"`
}

var tgwListedFilters = filterFuncs[TransitGatewayRouteTableAttachment]{
	"resource-id":                   func(x TransitGatewayRouteTableAttachment) []string { return one(x.ResourceID) },
	"resource-type":                 func(x TransitGatewayRouteTableAttachment) []string { return one(x.ResourceType) },
	"transit-gateway-attachment-id": func(x TransitGatewayRouteTableAttachment) []string { return one(x.TransitGatewayAttachmentID) },
}

// listTableAttachments answers the Get actions of a route table: the
// attachments ids lists, filtered, one page.
func (c *Cloud) listTableAttachments(in *TransitGatewayRouteTableAttachmentsInput, ids []string, state string) ([]TransitGatewayRouteTableAttachment, string, error) {
	if err := in.Page.check(tgwAttPage, false); err != nil {
		return nil, "", err
	}
	m, err := compileFilters(in.Filters, tgwListedFilters, nil)
	if err != nil {
		return nil, "", err
	}
	var xs []TransitGatewayRouteTableAttachment
	for _, id := range ids {
		r := c.tgwAtts[id]
		if r == nil {
			continue
		}
		x := TransitGatewayRouteTableAttachment{id, r.a.ResourceID(), string(r.a.ResourceType()), state}
		if m.match(x) {
			xs = append(xs, x)
		}
	}
	return paginate(xs, func(x TransitGatewayRouteTableAttachment) string { return x.TransitGatewayAttachmentID }, in.Page, tgwAttPage, false)
}

func (c *Cloud) getTransitGatewayRouteTableAssociations(k *call, in *GetTransitGatewayRouteTableAssociationsInput) (*GetTransitGatewayRouteTableAssociationsOutput, error) {
	t, err := c.findTGWTable(k, in.TransitGatewayRouteTableID)
	if err != nil {
		return nil, err
	}
	ids := mapSlice(c.tgwAssociated(t.t.ID()), func(r *tgwAttRec) string { return r.a.ID() })
	xs, next, err := c.listTableAttachments(in, ids, "associated")
	if err != nil {
		return nil, err
	}
	return &GetTransitGatewayRouteTableAssociationsOutput{Associations: xs, NextToken: next}, nil
}

// EnableTransitGatewayRouteTablePropagationInput is the input of
// [Cloud.EnableTransitGatewayRouteTablePropagation].
type EnableTransitGatewayRouteTablePropagationInput = TransitGatewayRouteTableAttachmentInput

// TransitGatewayPropagation is a propagation as Enable and Disable answer
// it.
type TransitGatewayPropagation struct {
	TransitGatewayAttachmentID string `ec2:"TransitGatewayAttachmentId"`
	ResourceID                 string `ec2:"ResourceId"`
	ResourceType               string `ec2:"ResourceType"`
	TransitGatewayRouteTableID string `ec2:"TransitGatewayRouteTableId"`
	State                      string `ec2:"State"`
}

// EnableTransitGatewayRouteTablePropagationOutput is the output of
// [Cloud.EnableTransitGatewayRouteTablePropagation].
type EnableTransitGatewayRouteTablePropagationOutput struct {
	Propagation TransitGatewayPropagation `ec2:"Propagation"`
}

func (c *Cloud) enableTransitGatewayRouteTablePropagation(k *call, in *EnableTransitGatewayRouteTablePropagationInput) (*EnableTransitGatewayRouteTablePropagationOutput, error) {
	t, r, err := c.tableAndAttachment(k, in)
	if err != nil {
		return nil, err
	}
	next, err := t.t.EnablePropagation(r.a)
	if err != nil {
		return nil, err
	}
	t.t = next
	return &EnableTransitGatewayRouteTablePropagationOutput{Propagation: TransitGatewayPropagation{r.a.ID(), r.a.ResourceID(),
		string(r.a.ResourceType()), t.t.ID(), "enabled"}}, nil
}

// DisableTransitGatewayRouteTablePropagationInput is the input of
// [Cloud.DisableTransitGatewayRouteTablePropagation].
type DisableTransitGatewayRouteTablePropagationInput = TransitGatewayRouteTableAttachmentInput

// DisableTransitGatewayRouteTablePropagationOutput is the output of
// [Cloud.DisableTransitGatewayRouteTablePropagation].
type DisableTransitGatewayRouteTablePropagationOutput = EnableTransitGatewayRouteTablePropagationOutput

func (c *Cloud) disableTransitGatewayRouteTablePropagation(k *call, in *DisableTransitGatewayRouteTablePropagationInput) (*DisableTransitGatewayRouteTablePropagationOutput, error) {
	t, r, err := c.tableAndAttachment(k, in)
	if err != nil {
		return nil, err
	}
	next, err := t.t.DisablePropagation(r.a.ID())
	if err != nil {
		return nil, err
	}
	t.t = next
	return &DisableTransitGatewayRouteTablePropagationOutput{Propagation: TransitGatewayPropagation{r.a.ID(), r.a.ResourceID(),
		string(r.a.ResourceType()), t.t.ID(), "disabled"}}, nil
}

// GetTransitGatewayRouteTablePropagationsInput is the input of
// [Cloud.GetTransitGatewayRouteTablePropagations].
type GetTransitGatewayRouteTablePropagationsInput = TransitGatewayRouteTableAttachmentsInput

// GetTransitGatewayRouteTablePropagationsOutput is the output of
// [Cloud.GetTransitGatewayRouteTablePropagations].
type GetTransitGatewayRouteTablePropagationsOutput struct {
	Propagations []TransitGatewayRouteTableAttachment `ec2:"TransitGatewayRouteTablePropagations"`
	NextToken    string                               `ec2:"NextToken,omitempty"`
}

func (c *Cloud) getTransitGatewayRouteTablePropagations(k *call, in *GetTransitGatewayRouteTablePropagationsInput) (*GetTransitGatewayRouteTablePropagationsOutput, error) {
	t, err := c.findTGWTable(k, in.TransitGatewayRouteTableID)
	if err != nil {
		return nil, err
	}
	xs, next, err := c.listTableAttachments(in, t.t.Propagating(), "enabled")
	if err != nil {
		return nil, err
	}
	return &GetTransitGatewayRouteTablePropagationsOutput{Propagations: xs, NextToken: next}, nil
}

// Routes.

// TransitGatewayRouteAttachment is one attachment a route leads to.
type TransitGatewayRouteAttachment struct {
	ResourceID                 string `ec2:"ResourceId"`
	TransitGatewayAttachmentID string `ec2:"TransitGatewayAttachmentId"`
	ResourceType               string `ec2:"ResourceType"`
}

// TransitGatewayRoute is a route of a transit gateway route table.
type TransitGatewayRoute struct {
	DestinationCIDRBlock      string                          `ec2:"DestinationCidrBlock"`
	TransitGatewayAttachments []TransitGatewayRouteAttachment `ec2:"TransitGatewayAttachments"`
	Type                      string                          `ec2:"Type"`
	State                     string                          `ec2:"State"`
}

func (c *Cloud) tgwRouteOutput(r tgw.Route) TransitGatewayRoute {
	x := TransitGatewayRoute{DestinationCIDRBlock: r.CIDR.String(), Type: string(r.Type), State: string(r.State)}
	for _, id := range r.AttachmentIDs {
		at := TransitGatewayRouteAttachment{TransitGatewayAttachmentID: id}
		if a := c.tgwAtts[id]; a != nil {
			at.ResourceID, at.ResourceType = a.a.ResourceID(), string(a.a.ResourceType())
		}
		x.TransitGatewayAttachments = append(x.TransitGatewayAttachments, at)
	}
	return x
}

// CreateTransitGatewayRouteInput is the input of
// [Cloud.CreateTransitGatewayRoute]: a static route to an attachment, or a
// blackhole.
type CreateTransitGatewayRouteInput struct {
	TransitGatewayRouteTableID string `ec2:"TransitGatewayRouteTableId,required"`
	DestinationCIDRBlock       string `ec2:"DestinationCidrBlock,required"`
	TransitGatewayAttachmentID string `ec2:"TransitGatewayAttachmentId"`
	Blackhole                  bool   `ec2:"Blackhole"`
}

// CreateTransitGatewayRouteOutput is the output of
// [Cloud.CreateTransitGatewayRoute].
type CreateTransitGatewayRouteOutput struct {
	Route TransitGatewayRoute `ec2:"Route"`
}

func (c *Cloud) createTransitGatewayRoute(k *call, in *CreateTransitGatewayRouteInput) (*CreateTransitGatewayRouteOutput, error) {
	t, err := c.findTGWTable(k, in.TransitGatewayRouteTableID)
	if err != nil {
		return nil, err
	}
	dest, err := parsePrefix("DestinationCidrBlock", in.DestinationCIDRBlock)
	if err != nil {
		return nil, err
	}
	var a tgw.Attachment
	switch {
	case in.Blackhole && in.TransitGatewayAttachmentID != "":
		return nil, &Error{Code: ec2.InvalidParameterCombination,
			Message: "The parameters Blackhole and TransitGatewayAttachmentId cannot be used together."}
	case !in.Blackhole && in.TransitGatewayAttachmentID == "":
		return nil, &Error{Code: ec2.MissingParameter, Message: "The request must contain the parameter TransitGatewayAttachmentId or Blackhole"}
	case !in.Blackhole:
		r, err := c.findTGWAttachment(k, in.TransitGatewayAttachmentID)
		if err != nil {
			return nil, err
		}
		a = r.a
	}
	next, err := t.t.CreateRoute(dest.Masked(), a, in.Blackhole)
	if err != nil {
		return nil, err
	}
	t.t = next
	route, _ := tgw.Lookup(next.Routes(c.tgwSources(next.GatewayID())), dest.Addr())
	return &CreateTransitGatewayRouteOutput{Route: c.tgwRouteOutput(route)}, nil
}

// DeleteTransitGatewayRouteInput is the input of
// [Cloud.DeleteTransitGatewayRoute].
type DeleteTransitGatewayRouteInput struct {
	TransitGatewayRouteTableID string `ec2:"TransitGatewayRouteTableId,required"`
	DestinationCIDRBlock       string `ec2:"DestinationCidrBlock,required"`
}

// DeleteTransitGatewayRouteOutput is the output of
// [Cloud.DeleteTransitGatewayRoute].
type DeleteTransitGatewayRouteOutput = CreateTransitGatewayRouteOutput

func (c *Cloud) deleteTransitGatewayRoute(k *call, in *DeleteTransitGatewayRouteInput) (*DeleteTransitGatewayRouteOutput, error) {
	t, err := c.findTGWTable(k, in.TransitGatewayRouteTableID)
	if err != nil {
		return nil, err
	}
	dest, err := parsePrefix("DestinationCidrBlock", in.DestinationCIDRBlock)
	if err != nil {
		return nil, err
	}
	next, gone, err := t.t.DeleteRoute(dest.Masked())
	if err != nil {
		return nil, err
	}
	t.t = next
	x := c.tgwRouteOutput(tgw.Route{CIDR: gone.CIDR, Type: tgw.Static, State: "deleted"})
	if !gone.IsBlackhole() {
		x = c.tgwRouteOutput(tgw.Route{CIDR: gone.CIDR, Type: tgw.Static, State: "deleted", AttachmentIDs: []string{gone.AttachmentID}})
	}
	return &DeleteTransitGatewayRouteOutput{Route: x}, nil
}

// SearchTransitGatewayRoutesInput is the input of
// [Cloud.SearchTransitGatewayRoutes]: filters are required.
type SearchTransitGatewayRoutesInput struct {
	TransitGatewayRouteTableID string        `ec2:"TransitGatewayRouteTableId,required"`
	Filters                    []Filter      `ec2:"Filter,required"`
	MaxResults                 Optional[int] `ec2:"MaxResults"`
}

// SearchTransitGatewayRoutesOutput is the output of
// [Cloud.SearchTransitGatewayRoutes].
type SearchTransitGatewayRoutesOutput struct {
	Routes                    []TransitGatewayRoute `ec2:"RouteSet"`
	AdditionalRoutesAvailable bool                  `ec2:"AdditionalRoutesAvailable"`
}

func (c *Cloud) searchTransitGatewayRoutes(k *call, in *SearchTransitGatewayRoutesInput) (*SearchTransitGatewayRoutesOutput, error) {
	t, err := c.findTGWTable(k, in.TransitGatewayRouteTableID)
	if err != nil {
		return nil, err
	}
	limit := 1000
	if n, ok := in.MaxResults.Get(); ok {
		if n < 5 || n > 1000 {
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("Value ( %d ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.", n)}
		}
		limit = n
	}
	var q tgw.Query
	var resourceIDs, resourceTypes []string
	for _, f := range in.Filters {
		cidrs := func() ([]netip.Prefix, error) { return parseCIDRBlocks(f.Name, f.Values) }
		switch f.Name {
		case "type":
			q.Types = append(q.Types, valuesOf[tgw.RouteType](mapSlice(f.Values, func(s string) Value { return Value{s} }))...)
		case "state":
			q.States = append(q.States, valuesOf[tgw.RouteState](mapSlice(f.Values, func(s string) Value { return Value{s} }))...)
		case "attachment.transit-gateway-attachment-id":
			q.AttachmentIDs = append(q.AttachmentIDs, f.Values...)
		case "attachment.resource-id":
			resourceIDs = append(resourceIDs, f.Values...)
		case "attachment.resource-type":
			resourceTypes = append(resourceTypes, f.Values...)
		case "route-search.exact-match", "route-search.longest-prefix-match", "route-search.subnet-of-match", "route-search.supernet-of-match":
			ps, err := cidrs()
			if err != nil {
				return nil, err
			}
			dst := map[string]*[]netip.Prefix{"route-search.exact-match": &q.ExactMatch, "route-search.longest-prefix-match": &q.LongestPrefixMatch,
				"route-search.subnet-of-match": &q.SubnetOfMatch, "route-search.supernet-of-match": &q.SupernetOfMatch}[f.Name]
			*dst = append(*dst, ps...)
		default:
			return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("The filter '%s' is invalid", f.Name)}
		}
	}
	var out []TransitGatewayRoute
	for _, r := range tgw.Search(t.t.Routes(c.tgwSources(t.t.GatewayID())), q) {
		x := c.tgwRouteOutput(r)
		if len(resourceIDs) > 0 && !slices.ContainsFunc(x.TransitGatewayAttachments, func(a TransitGatewayRouteAttachment) bool {
			return slices.Contains(resourceIDs, a.ResourceID)
		}) || len(resourceTypes) > 0 && !slices.ContainsFunc(x.TransitGatewayAttachments, func(a TransitGatewayRouteAttachment) bool {
			return slices.Contains(resourceTypes, a.ResourceType)
		}) {
			continue
		}
		out = append(out, x)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return &SearchTransitGatewayRoutesOutput{Routes: out, AdditionalRoutesAvailable: more}, nil
}

// Attachments.

// CreateTransitGatewayVpcAttachmentRequestOptions are a new VPC
// attachment's options; absent ones take EC2's defaults.
type CreateTransitGatewayVpcAttachmentRequestOptions struct {
	DNSSupport                      string `ec2:"DnsSupport"`
	IPv6Support                     string `ec2:"Ipv6Support"`
	ApplianceModeSupport            string `ec2:"ApplianceModeSupport"`
	SecurityGroupReferencingSupport string `ec2:"SecurityGroupReferencingSupport"`
}

func (o CreateTransitGatewayVpcAttachmentRequestOptions) options() tgw.VPCOptions {
	return tgw.VPCOptions{DNSSupport: tgw.Toggle(o.DNSSupport), IPv6Support: tgw.Toggle(o.IPv6Support),
		ApplianceModeSupport: tgw.Toggle(o.ApplianceModeSupport), SecurityGroupReferencingSupport: tgw.Toggle(o.SecurityGroupReferencingSupport)}
}

// CreateTransitGatewayVpcAttachmentInput is the input of
// [Cloud.CreateTransitGatewayVpcAttachment].
type CreateTransitGatewayVpcAttachmentInput struct {
	TransitGatewayID  string                                          `ec2:"TransitGatewayId,required"`
	VPCID             string                                          `ec2:"VpcId,required"`
	SubnetIDs         []string                                        `ec2:"SubnetIds,required"`
	Options           CreateTransitGatewayVpcAttachmentRequestOptions `ec2:"Options"`
	TagSpecifications []TagSpecification                              `ec2:"TagSpecifications"`
}

// CreateTransitGatewayVpcAttachmentOutput is the output of
// [Cloud.CreateTransitGatewayVpcAttachment].
type CreateTransitGatewayVpcAttachmentOutput struct {
	TransitGatewayVPCAttachment TransitGatewayVPCAttachment `ec2:"TransitGatewayVpcAttachment"`
}

// tgwSubnets finds the caller's subnets, as a VPC attachment names them.
func (c *Cloud) tgwSubnets(k *call, ids []string) ([]tgw.Subnet, error) {
	var out []tgw.Subnet
	for _, id := range ids {
		s, err := c.findSubnet(k, id)
		if err != nil {
			return nil, err
		}
		out = append(out, tgw.Subnet{ID: s.ID(), VPC: s.VPCID(), Zone: s.Zone().Name})
	}
	return out, nil
}

// tgwAttachments returns gateway id's attachments, in ID order.
func (c *Cloud) tgwAttachments(id string) []tgw.Attachment {
	return mapSlice(sortedIDs(c.tgwAttsOf[id]), func(aid string) tgw.Attachment { return c.tgwAtts[aid].a })
}

func (c *Cloud) createTransitGatewayVpcAttachment(k *call, in *CreateTransitGatewayVpcAttachmentInput) (*CreateTransitGatewayVpcAttachmentOutput, error) {
	g, err := c.findLiveTGW(k, in.TransitGatewayID)
	if err != nil {
		return nil, err
	}
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	subnets, err := c.tgwSubnets(k, in.SubnetIDs)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "transit-gateway-attachment")
	if err != nil {
		return nil, err
	}
	if _, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: "tgw-attach-00000000000000000", Gateway: g.g, OwnerID: k.Account,
		ResourceType: tgw.ResourceVPC, ResourceID: v.v.ID(), Subnets: subnets, Options: in.Options.options()}, c.tgwAttachments(g.g.ID()), k.now); err != nil {
		return nil, err
	}
	id, err := c.newID(ec2.TransitGatewayAttachment)
	if err != nil {
		return nil, err
	}
	a, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: id, Gateway: g.g, OwnerID: k.Account, ResourceType: tgw.ResourceVPC,
		ResourceID: v.v.ID(), Subnets: subnets, Options: in.Options.options()}, c.tgwAttachments(g.g.ID()), k.now)
	if err != nil {
		return nil, err
	}
	r := &tgwAttRec{owner: k.scope, a: a}
	c.tgwAtts[id] = r
	c.indexTGWAttachment(r)
	c.setTags(k.scope, id, tags)
	return &CreateTransitGatewayVpcAttachmentOutput{TransitGatewayVPCAttachment: c.tgwVPCAttachmentOutput(r)}, nil
}

// DescribeTransitGatewayVpcAttachmentsInput is the input of
// [Cloud.DescribeTransitGatewayVpcAttachments].
type DescribeTransitGatewayVpcAttachmentsInput struct {
	TransitGatewayAttachmentIDs []string `ec2:"TransitGatewayAttachmentIds"`
	Filters                     []Filter `ec2:"Filter"`
	Page
}

// DescribeTransitGatewayVpcAttachmentsOutput is the output of
// [Cloud.DescribeTransitGatewayVpcAttachments].
type DescribeTransitGatewayVpcAttachmentsOutput struct {
	TransitGatewayVPCAttachments []TransitGatewayVPCAttachment `ec2:"TransitGatewayVpcAttachments"`
	NextToken                    string                        `ec2:"NextToken,omitempty"`
}

var tgwVPCAttachmentFilters = filterFuncs[*tgwAttRec]{
	"state":                         func(r *tgwAttRec) []string { return one(string(r.a.State())) },
	"transit-gateway-attachment-id": func(r *tgwAttRec) []string { return one(r.a.ID()) },
	"transit-gateway-id":            func(r *tgwAttRec) []string { return one(r.a.GatewayID()) },
	"vpc-id":                        func(r *tgwAttRec) []string { return one(r.a.ResourceID()) },
}

func (c *Cloud) describeTransitGatewayVpcAttachments(k *call, in *DescribeTransitGatewayVpcAttachmentsInput) (*DescribeTransitGatewayVpcAttachmentsOutput, error) {
	find := func(k *call, id string) (*tgwAttRec, error) {
		r, err := c.findTGWAttachment(k, id)
		if err == nil && r.a.ResourceType() != tgw.ResourceVPC {
			return nil, &Error{Code: ec2.TransitGatewayAttachment.NotFound,
				Message: fmt.Sprintf("Transit Gateway Attachment %s was deleted or does not exist.", id)}
		}
		return r, err
	}
	rs, next, err := describeTGWKind(c, k, in.TransitGatewayAttachmentIDs, in.Filters, in.Page, tgwAttPage, tgwVPCAttachmentFilters, find,
		c.tgwAttsIn[k.scope], func(r *tgwAttRec) (scope, string) { return r.owner, r.a.ID() })
	if err != nil {
		return nil, err
	}
	return &DescribeTransitGatewayVpcAttachmentsOutput{TransitGatewayVPCAttachments: mapSlice(rs, c.tgwVPCAttachmentOutput), NextToken: next}, nil
}

// ModifyTransitGatewayVpcAttachmentInput is the input of
// [Cloud.ModifyTransitGatewayVpcAttachment].
type ModifyTransitGatewayVpcAttachmentInput struct {
	TransitGatewayAttachmentID string                                          `ec2:"TransitGatewayAttachmentId,required"`
	AddSubnetIDs               []string                                        `ec2:"AddSubnetIds"`
	RemoveSubnetIDs            []string                                        `ec2:"RemoveSubnetIds"`
	Options                    CreateTransitGatewayVpcAttachmentRequestOptions `ec2:"Options"`
}

// ModifyTransitGatewayVpcAttachmentOutput is the output of
// [Cloud.ModifyTransitGatewayVpcAttachment].
type ModifyTransitGatewayVpcAttachmentOutput = CreateTransitGatewayVpcAttachmentOutput

func (c *Cloud) modifyTransitGatewayVpcAttachment(k *call, in *ModifyTransitGatewayVpcAttachmentInput) (*ModifyTransitGatewayVpcAttachmentOutput, error) {
	r, err := c.findTGWAttachment(k, in.TransitGatewayAttachmentID)
	if err != nil {
		return nil, err
	}
	add, err := c.tgwSubnets(k, in.AddSubnetIDs)
	if err != nil {
		return nil, err
	}
	a, err := r.a.Modify(tgw.VPCModification{AddSubnets: add, RemoveSubnets: in.RemoveSubnetIDs, Options: in.Options.options()})
	if err != nil {
		return nil, err
	}
	r.a = a
	c.trackTGW(a.ID(), a.IsDue(), a.ExpiresAt)
	return &ModifyTransitGatewayVpcAttachmentOutput{TransitGatewayVPCAttachment: c.tgwVPCAttachmentOutput(r)}, nil
}

// DeleteTransitGatewayVpcAttachmentInput is the input of
// [Cloud.DeleteTransitGatewayVpcAttachment].
type DeleteTransitGatewayVpcAttachmentInput struct {
	TransitGatewayAttachmentID string `ec2:"TransitGatewayAttachmentId,required"`
}

// DeleteTransitGatewayVpcAttachmentOutput is the output of
// [Cloud.DeleteTransitGatewayVpcAttachment].
type DeleteTransitGatewayVpcAttachmentOutput = CreateTransitGatewayVpcAttachmentOutput

func (c *Cloud) deleteTransitGatewayVpcAttachment(k *call, in *DeleteTransitGatewayVpcAttachmentInput) (*DeleteTransitGatewayVpcAttachmentOutput, error) {
	r, err := c.findTGWAttachment(k, in.TransitGatewayAttachmentID)
	if err != nil {
		return nil, err
	}
	if r.a.ResourceType() != tgw.ResourceVPC {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("%s is a %s attachment: it goes with its resource %s.", r.a.ID(), r.a.ResourceType(), r.a.ResourceID())}
	}
	a, err := r.a.Delete()
	if err != nil {
		return nil, err
	}
	r.a = a
	c.trackTGW(a.ID(), a.IsDue(), a.ExpiresAt)
	return &DeleteTransitGatewayVpcAttachmentOutput{TransitGatewayVPCAttachment: c.tgwVPCAttachmentOutput(r)}, nil
}

// DescribeTransitGatewayAttachmentsInput is the input of
// [Cloud.DescribeTransitGatewayAttachments].
type DescribeTransitGatewayAttachmentsInput struct {
	TransitGatewayAttachmentIDs []string `ec2:"TransitGatewayAttachmentIds"`
	Filters                     []Filter `ec2:"Filter"`
	Page
}

// DescribeTransitGatewayAttachmentsOutput is the output of
// [Cloud.DescribeTransitGatewayAttachments].
type DescribeTransitGatewayAttachmentsOutput struct {
	TransitGatewayAttachments []TransitGatewayAttachment `ec2:"TransitGatewayAttachments"`
	NextToken                 string                     `ec2:"NextToken,omitempty"`
}

var tgwAttachmentFilters = filterFuncs[*tgwAttRec]{
	"transit-gateway-attachment-id": func(r *tgwAttRec) []string { return one(r.a.ID()) },
	"transit-gateway-id":            func(r *tgwAttRec) []string { return one(r.a.GatewayID()) },
	"transit-gateway-owner-id":      func(r *tgwAttRec) []string { return one(r.a.GatewayOwnerID()) },
	"resource-id":                   func(r *tgwAttRec) []string { return one(r.a.ResourceID()) },
	"resource-owner-id":             func(r *tgwAttRec) []string { return one(r.a.OwnerID()) },
	"resource-type":                 func(r *tgwAttRec) []string { return one(string(r.a.ResourceType())) },
	"state":                         func(r *tgwAttRec) []string { return one(string(r.a.State())) },
	"association.state": func(r *tgwAttRec) []string {
		if as, ok := r.a.Association(); ok {
			return one(as.State)
		}
		return nil
	},
	"association.transit-gateway-route-table-id": func(r *tgwAttRec) []string {
		if as, ok := r.a.Association(); ok {
			return one(as.RouteTableID)
		}
		return nil
	},
}

func (c *Cloud) describeTransitGatewayAttachments(k *call, in *DescribeTransitGatewayAttachmentsInput) (*DescribeTransitGatewayAttachmentsOutput, error) {
	rs, next, err := describeTGWKind(c, k, in.TransitGatewayAttachmentIDs, in.Filters, in.Page, tgwAttPage, tgwAttachmentFilters, c.findTGWAttachment,
		c.tgwAttsIn[k.scope], func(r *tgwAttRec) (scope, string) { return r.owner, r.a.ID() })
	if err != nil {
		return nil, err
	}
	return &DescribeTransitGatewayAttachmentsOutput{TransitGatewayAttachments: mapSlice(rs, c.tgwAttachmentOutput), NextToken: next}, nil
}

// VPN connections on a transit gateway.

// tgwForVPN returns the transit gateway a new VPN connection of the caller
// names: the caller's, available.
func (c *Cloud) tgwForVPN(k *call, id string) (*tgwRec, error) {
	r, err := c.findLiveTGW(k, id)
	if err != nil {
		return nil, err
	}
	if err := r.g.Usable("create"); err != nil {
		return nil, err
	}
	return r, nil
}

// attachVPN makes the VPN attachment of a new connection on gateway g.
func (c *Cloud) attachVPN(k *call, g *tgwRec, vpnID string) error {
	id, err := c.newID(ec2.TransitGatewayAttachment)
	if err != nil {
		return err
	}
	a, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: id, Gateway: g.g, OwnerID: k.Account, ResourceType: tgw.ResourceVPN, ResourceID: vpnID}, nil, k.now)
	if err != nil {
		return err
	}
	r := &tgwAttRec{owner: k.scope, a: a}
	c.tgwAtts[id] = r
	c.indexTGWAttachment(r)
	return nil
}

// detachVPN deletes the VPN attachment of a connection being deleted.
func (c *Cloud) detachVPN(vpnID string) {
	r := c.tgwAtts[c.tgwAttOfVPN[vpnID]]
	if r == nil {
		return
	}
	r.a = r.a.DeleteWithResource()
	c.trackTGW(r.a.ID(), r.a.IsDue(), r.a.ExpiresAt)
}

// Encoding.

// writeTGWs writes the transit gateways, their route tables and
// attachments, in ID order, for [Cloud.WriteTo].
func (c *Cloud) writeTGWs(put func(payload []byte, fields ...string), encode func(interface{ MarshalBinary() ([]byte, error) }) []byte) {
	for _, id := range sortedKeys(c.tgws) {
		r := c.tgws[id]
		put(encode(r.g), "transitGateway", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.tgwRTs) {
		r := c.tgwRTs[id]
		put(encode(r.t), "transitGatewayRouteTable", r.owner.Account, r.owner.Region)
	}
	for _, id := range sortedKeys(c.tgwAtts) {
		r := c.tgwAtts[id]
		put(encode(r.a), "transitGatewayAttachment", r.owner.Account, r.owner.Region)
	}
}

// addTGW takes one transit gateway record into st.
func (st *state) addTGW(kind string, owner scope, payload []byte) error {
	switch kind {
	case "transitGateway":
		var g tgw.Gateway
		if err := g.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.tgws[g.ID()] != nil || g.OwnerID() != owner.Account || g.Region() != owner.Region {
			return fmt.Errorf("transit gateway %s twice or of another owner", g.ID())
		}
		st.tgws[g.ID()] = &tgwRec{owner: owner, g: g}
	case "transitGatewayRouteTable":
		var t tgw.RouteTable
		if err := t.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.tgwRTs[t.ID()] != nil {
			return fmt.Errorf("transit gateway route table %s twice", t.ID())
		}
		st.tgwRTs[t.ID()] = &tgwTableRec{owner: owner, t: t}
	default:
		var a tgw.Attachment
		if err := a.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.tgwAtts[a.ID()] != nil || a.OwnerID() != owner.Account {
			return fmt.Errorf("transit gateway attachment %s twice or of another owner", a.ID())
		}
		st.tgwAtts[a.ID()] = &tgwAttRec{owner: owner, a: a}
	}
	return nil
}

// reindexTGWs rebuilds the transit gateway indexes of st.
func (st *state) reindexTGWs() {
	for _, id := range sortedKeys(st.tgws) {
		st.indexTGW(st.tgws[id])
	}
	for _, id := range sortedKeys(st.tgwRTs) {
		st.indexTGWTable(st.tgwRTs[id])
	}
	for _, id := range sortedKeys(st.tgwAtts) {
		st.indexTGWAttachment(st.tgwAtts[id])
	}
}

// checkTGWs verifies the references of st's transit gateway resources:
// each table and attachment is of an existing gateway of its owner; a
// gateway's default tables are its own; an association and a propagation
// name a table and an attachment of one gateway; a live VPC attachment's
// VPC and subnets exist and are its owner's; a VPN attachment's connection
// exists and is on its gateway, and no connection has two.
func (st *state) checkTGWs() error {
	for _, id := range sortedKeys(st.tgws) {
		g := st.tgws[id].g
		a, _ := g.AssociationDefaultRouteTableID()
		p, _ := g.PropagationDefaultRouteTableID()
		for _, t := range []string{a, p} {
			if t != "" && g.State() != tgw.Deleted {
				if r := st.tgwRTs[t]; r == nil || r.t.GatewayID() != id {
					return fmt.Errorf("transit gateway %s: default route table %s is not its own", id, t)
				}
			}
		}
	}
	for _, id := range sortedKeys(st.tgwRTs) {
		r := st.tgwRTs[id]
		if g := st.tgws[r.t.GatewayID()]; g == nil || g.owner != r.owner {
			return fmt.Errorf("transit gateway route table %s: its gateway %s is not its owner's", id, r.t.GatewayID())
		}
		for _, aid := range r.t.Propagating() {
			if a := st.tgwAtts[aid]; a == nil || a.a.GatewayID() != r.t.GatewayID() || a.a.State() == tgw.Deleted {
				return fmt.Errorf("transit gateway route table %s: propagating attachment %s is not of its gateway", id, aid)
			}
		}
		for _, s := range r.t.StaticRoutes() {
			if a := st.tgwAtts[s.AttachmentID]; s.AttachmentID != "" && a != nil && a.a.GatewayID() != r.t.GatewayID() {
				return fmt.Errorf("transit gateway route table %s: route to %s of another gateway", id, s.AttachmentID)
			}
		}
	}
	vpns := map[string]string{}
	for _, id := range sortedKeys(st.tgwAtts) {
		r := st.tgwAtts[id]
		a := r.a
		if g := st.tgws[a.GatewayID()]; g == nil || g.owner != r.owner || g.g.OwnerID() != a.GatewayOwnerID() {
			return fmt.Errorf("transit gateway attachment %s: its gateway %s is not its owner's", id, a.GatewayID())
		}
		if as, ok := a.Association(); ok {
			if t := st.tgwRTs[as.RouteTableID]; t == nil || t.t.GatewayID() != a.GatewayID() {
				return fmt.Errorf("transit gateway attachment %s: associated with %s, not of its gateway", id, as.RouteTableID)
			}
		}
		if a.State() == tgw.Deleted {
			continue
		}
		switch a.ResourceType() {
		case tgw.ResourceVPC:
			if v := st.vpcs[a.ResourceID()]; v == nil || v.owner() != r.owner {
				return fmt.Errorf("transit gateway attachment %s: its VPC %s is not its owner's", id, a.ResourceID())
			}
			for _, s := range a.Subnets() {
				if sub, ok := st.subnets[s.ID]; !ok || sub.VPCID() != a.ResourceID() || sub.Zone().Name != s.Zone {
					return fmt.Errorf("transit gateway attachment %s: subnet %s is not of its VPC", id, s.ID)
				}
			}
		case tgw.ResourceVPN:
			v := st.vpn.conns[a.ResourceID()]
			if v == nil || v.owner != r.owner || v.c.TransitGatewayID() != a.GatewayID() {
				return fmt.Errorf("transit gateway attachment %s: its VPN connection %s is not on its gateway", id, a.ResourceID())
			}
			if other, dup := vpns[a.ResourceID()]; dup {
				return fmt.Errorf("transit gateway attachments %s and %s: one VPN connection", other, id)
			}
			vpns[a.ResourceID()] = id
		}
	}
	return nil
}

// existsInTGWs reports whether owner holds the transit gateway resource id.
func (st *state) existsInTGWs(owner scope, id string) bool {
	if r := st.tgws[id]; r != nil {
		return r.owner == owner
	}
	if r := st.tgwRTs[id]; r != nil {
		return r.owner == owner
	}
	if r := st.tgwAtts[id]; r != nil {
		return r.owner == owner
	}
	return false
}
