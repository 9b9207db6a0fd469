package vpcmodel

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
)

// The peering actions are thin: peering.Registry owns every rule of a
// connection, its asynchronous steps, visibility windows, per-account tags,
// filters and pagination. The Cloud resolves VPCs for it, applies the rules
// that involve other resources (DNS attributes, block changes, deletions)
// and renders its Views.

// newPeeringRegistry returns a registry that resolves VPCs from c.
func (c *Cloud) newPeeringRegistry() *peering.Registry {
	resolve := peering.VPCResolverFunc(func(ref peering.VPCRef) (peering.VPC, bool) {
		r := c.vpcs[ref.ID]
		if r == nil || r.owner() != (scope{ref.OwnerID, ref.Region}) {
			return peering.VPC{}, false
		}
		return peering.VPC{OwnerID: ref.OwnerID, Region: ref.Region, ID: r.v.ID(), IPv4: r.v.CIDRs(), IPv6: r.v.IPv6CIDRs()}, true
	})
	// The registry reads randomness only while the Cloud's lock is held
	// (every call into it is made under c.mu), so it shares the Cloud's.
	reg, err := peering.NewRegistry(readerFunc(func(b []byte) (int, error) { return c.random.Read(b) }), resolve, c.opts.PeeringQuotas)
	if err != nil {
		panic(err) // New brought the quotas into range
	}
	return reg
}

// VPCPeeringConnection is a peering connection as the caller sees it.
type VPCPeeringConnection struct {
	AccepterVPCInfo        VPCPeeringConnectionVPCInfo `ec2:"AccepterVpcInfo"`
	ExpirationTime         time.Time                   `ec2:"ExpirationTime,omitempty"`
	RequesterVPCInfo       VPCPeeringConnectionVPCInfo `ec2:"RequesterVpcInfo"`
	Status                 VPCPeeringConnectionStatus  `ec2:"Status"`
	Tags                   []Tag                       `ec2:"TagSet"`
	VPCPeeringConnectionID string                      `ec2:"VpcPeeringConnectionId"`
}

// VPCPeeringConnectionStatus is a connection's status code and message.
type VPCPeeringConnectionStatus struct {
	Code    status.Code `ec2:"Code"`
	Message string      `ec2:"Message"`
}

// VPCPeeringConnectionVPCInfo is one side of a connection.
type VPCPeeringConnectionVPCInfo struct {
	CIDRBlock      string                                           `ec2:"CidrBlock,omitempty"`
	CIDRBlockSet   []CIDRBlock                                      `ec2:"CidrBlockSet"`
	IPv6CIDRBlocks []IPv6CIDRBlock                                  `ec2:"Ipv6CidrBlockSet"`
	OwnerID        string                                           `ec2:"OwnerId"`
	PeeringOptions Optional[VPCPeeringConnectionOptionsDescription] `ec2:"PeeringOptions"`
	VPCID          string                                           `ec2:"VpcId"`
	Region         string                                           `ec2:"Region"`
}

// CIDRBlock is one item of a CidrBlockSet.
type CIDRBlock struct {
	CIDRBlock string `ec2:"CidrBlock"`
}

// IPv6CIDRBlock is one item of an Ipv6CidrBlockSet.
type IPv6CIDRBlock struct {
	IPv6CIDRBlock string `ec2:"Ipv6CidrBlock"`
}

// VPCPeeringConnectionOptionsDescription is one side's peering options.
type VPCPeeringConnectionOptionsDescription struct {
	AllowDNSResolutionFromRemoteVPC            bool `ec2:"AllowDnsResolutionFromRemoteVpc"`
	AllowEgressFromLocalClassicLinkToRemoteVPC bool `ec2:"AllowEgressFromLocalClassicLinkToRemoteVpc"`
	AllowEgressFromLocalVPCToRemoteClassicLink bool `ec2:"AllowEgressFromLocalVpcToRemoteClassicLink"`
}

func optionsOutput(o peering.Options) VPCPeeringConnectionOptionsDescription {
	return VPCPeeringConnectionOptionsDescription{o.AllowDNSResolutionFromRemoteVPC, o.AllowEgressFromLocalClassicLinkToRemoteVPC, o.AllowEgressFromLocalVPCToRemoteClassicLink}
}

func infoOutput(i peering.VPCInfo) VPCPeeringConnectionVPCInfo {
	x := VPCPeeringConnectionVPCInfo{OwnerID: i.OwnerID, VPCID: i.VPCID, Region: i.Region}
	if i.CIDRBlock.IsValid() {
		x.CIDRBlock = i.CIDRBlock.String()
	}
	x.CIDRBlockSet = mapSlice(i.CIDRBlocks, func(p netip.Prefix) CIDRBlock { return CIDRBlock{p.String()} })
	x.IPv6CIDRBlocks = mapSlice(i.IPv6CIDRBlocks, func(p netip.Prefix) IPv6CIDRBlock { return IPv6CIDRBlock{p.String()} })
	if i.HasOptions {
		x.PeeringOptions = Some(optionsOutput(i.Options))
	}
	return x
}

func viewOutput(v peering.View) VPCPeeringConnection {
	st := v.Status()
	x := VPCPeeringConnection{
		AccepterVPCInfo:        infoOutput(v.Accepter()),
		RequesterVPCInfo:       infoOutput(v.Requester()),
		Status:                 VPCPeeringConnectionStatus{st.Code, st.Message},
		Tags:                   tagList(v.Tags()),
		VPCPeeringConnectionID: v.ID(),
	}
	if t, ok := v.ExpirationTime(); ok {
		x.ExpirationTime = t
	}
	return x
}

// CreateVpcPeeringConnectionInput is the input of
// [Cloud.CreateVpcPeeringConnection].
type CreateVpcPeeringConnectionInput struct {
	VPCID             string             `ec2:"VpcId"`
	PeerVPCID         string             `ec2:"PeerVpcId"`
	PeerOwnerID       string             `ec2:"PeerOwnerId"`
	PeerRegion        string             `ec2:"PeerRegion"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// CreateVpcPeeringConnectionOutput is the output of
// [Cloud.CreateVpcPeeringConnection].
type CreateVpcPeeringConnectionOutput struct {
	VPCPeeringConnection VPCPeeringConnection `ec2:"VpcPeeringConnection"`
}

func (c *Cloud) createVpcPeeringConnection(k *call, in *CreateVpcPeeringConnectionInput) (*CreateVpcPeeringConnectionOutput, error) {
	tags, err := tagArgsFor(in.TagSpecifications, "vpc-peering-connection")
	if err != nil {
		return nil, err
	}
	v, err := c.peering.Create(k.party(), peering.CreateInput{
		VPCID: in.VPCID, PeerVPCID: in.PeerVPCID, PeerOwnerID: in.PeerOwnerID, PeerRegion: in.PeerRegion, Tags: tags,
	}, k.now)
	if err != nil {
		return nil, err
	}
	return &CreateVpcPeeringConnectionOutput{VPCPeeringConnection: viewOutput(v)}, nil
}

// AcceptVpcPeeringConnectionInput is the input of
// [Cloud.AcceptVpcPeeringConnection].
type AcceptVpcPeeringConnectionInput struct {
	VPCPeeringConnectionID string `ec2:"VpcPeeringConnectionId,required"`
}

// AcceptVpcPeeringConnectionOutput is the output of
// [Cloud.AcceptVpcPeeringConnection].
type AcceptVpcPeeringConnectionOutput = CreateVpcPeeringConnectionOutput

func (c *Cloud) acceptVpcPeeringConnection(k *call, in *AcceptVpcPeeringConnectionInput) (*CreateVpcPeeringConnectionOutput, error) {
	v, err := c.peering.Accept(k.party(), in.VPCPeeringConnectionID, k.now)
	if err != nil {
		return nil, err
	}
	return &CreateVpcPeeringConnectionOutput{VPCPeeringConnection: viewOutput(v)}, nil
}

// RejectVpcPeeringConnectionInput is the input of
// [Cloud.RejectVpcPeeringConnection].
type RejectVpcPeeringConnectionInput = AcceptVpcPeeringConnectionInput

// RejectVpcPeeringConnectionOutput is the output of
// [Cloud.RejectVpcPeeringConnection].
type RejectVpcPeeringConnectionOutput = ReturnOutput

func (c *Cloud) rejectVpcPeeringConnection(k *call, in *AcceptVpcPeeringConnectionInput) (*ReturnOutput, error) {
	if _, err := c.peering.Reject(k.party(), in.VPCPeeringConnectionID, k.now); err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// DeleteVpcPeeringConnectionInput is the input of
// [Cloud.DeleteVpcPeeringConnection].
type DeleteVpcPeeringConnectionInput = AcceptVpcPeeringConnectionInput

// DeleteVpcPeeringConnectionOutput is the output of
// [Cloud.DeleteVpcPeeringConnection].
type DeleteVpcPeeringConnectionOutput = ReturnOutput

func (c *Cloud) deleteVpcPeeringConnection(k *call, in *AcceptVpcPeeringConnectionInput) (*ReturnOutput, error) {
	if _, err := c.peering.Delete(k.party(), in.VPCPeeringConnectionID, k.now); err != nil {
		return nil, err
	}
	return &ReturnOutput{Return: true}, nil
}

// DescribeVpcPeeringConnectionsInput is the input of
// [Cloud.DescribeVpcPeeringConnections].
type DescribeVpcPeeringConnectionsInput struct {
	VPCPeeringConnectionIDs []string `ec2:"VpcPeeringConnectionId"`
	Filters                 []Filter `ec2:"Filter"`
	Page
}

// DescribeVpcPeeringConnectionsOutput is the output of
// [Cloud.DescribeVpcPeeringConnections].
type DescribeVpcPeeringConnectionsOutput struct {
	VPCPeeringConnections []VPCPeeringConnection `ec2:"VpcPeeringConnectionSet"`
	NextToken             string                 `ec2:"NextToken,omitempty"`
}

var peeringPage = pageLimits{min: 5, max: 1000, idsParam: "VpcPeeringConnectionIds", token: ec2.PeeringConnection.IsID}

func (c *Cloud) describeVpcPeeringConnections(k *call, in *DescribeVpcPeeringConnectionsInput) (*DescribeVpcPeeringConnectionsOutput, error) {
	if err := in.Page.check(peeringPage, len(in.VPCPeeringConnectionIDs) > 0); err != nil {
		return nil, err
	}
	n, err := in.Page.size(peeringPage, len(in.VPCPeeringConnectionIDs) > 0)
	if err != nil {
		return nil, err
	}
	q := peering.Query{IDs: in.VPCPeeringConnectionIDs, NextToken: in.NextToken, MaxResults: n}
	for _, f := range in.Filters {
		q.Filters = append(q.Filters, peering.Filter{Name: f.Name, Values: f.Values})
	}
	page, err := c.peering.Describe(k.party(), q, k.now)
	if err != nil {
		return nil, err
	}
	out := &DescribeVpcPeeringConnectionsOutput{NextToken: page.NextToken}
	out.VPCPeeringConnections = mapSlice(page.Connections, viewOutput)
	return out, nil
}

// PeeringConnectionOptionsRequest is one side's options in
// ModifyVpcPeeringConnectionOptions: the options given change, the others
// keep their values.
type PeeringConnectionOptionsRequest struct {
	AllowDNSResolutionFromRemoteVPC            Optional[bool] `ec2:"AllowDnsResolutionFromRemoteVpc"`
	AllowEgressFromLocalClassicLinkToRemoteVPC Optional[bool] `ec2:"AllowEgressFromLocalClassicLinkToRemoteVpc"`
	AllowEgressFromLocalVPCToRemoteClassicLink Optional[bool] `ec2:"AllowEgressFromLocalVpcToRemoteClassicLink"`
}

// over returns o with the options the request gives replacing o's.
func (a PeeringConnectionOptionsRequest) over(o peering.Options) peering.Options {
	set := func(dst *bool, v Optional[bool]) {
		if b, ok := v.Get(); ok {
			*dst = b
		}
	}
	set(&o.AllowDNSResolutionFromRemoteVPC, a.AllowDNSResolutionFromRemoteVPC)
	set(&o.AllowEgressFromLocalClassicLinkToRemoteVPC, a.AllowEgressFromLocalClassicLinkToRemoteVPC)
	set(&o.AllowEgressFromLocalVPCToRemoteClassicLink, a.AllowEgressFromLocalVPCToRemoteClassicLink)
	return o
}

// namesClassicLink reports whether the request names either ClassicLink
// option, which EC2 refuses on an inter-Region connection even as false.
func (a PeeringConnectionOptionsRequest) namesClassicLink() bool {
	return a.AllowEgressFromLocalClassicLinkToRemoteVPC.Set || a.AllowEgressFromLocalVPCToRemoteClassicLink.Set
}

// ModifyVpcPeeringConnectionOptionsInput is the input of
// [Cloud.ModifyVpcPeeringConnectionOptions].
type ModifyVpcPeeringConnectionOptionsInput struct {
	VPCPeeringConnectionID            string                                    `ec2:"VpcPeeringConnectionId,required"`
	AccepterPeeringConnectionOptions  Optional[PeeringConnectionOptionsRequest] `ec2:"AccepterPeeringConnectionOptions"`
	RequesterPeeringConnectionOptions Optional[PeeringConnectionOptionsRequest] `ec2:"RequesterPeeringConnectionOptions"`
}

// ModifyVpcPeeringConnectionOptionsOutput is the output of
// [Cloud.ModifyVpcPeeringConnectionOptions]: the options of each side the
// request named.
type ModifyVpcPeeringConnectionOptionsOutput struct {
	AccepterPeeringConnectionOptions  Optional[VPCPeeringConnectionOptionsDescription] `ec2:"AccepterPeeringConnectionOptions"`
	RequesterPeeringConnectionOptions Optional[VPCPeeringConnectionOptionsDescription] `ec2:"RequesterPeeringConnectionOptions"`
}

func (c *Cloud) modifyVpcPeeringConnectionOptions(k *call, in *ModifyVpcPeeringConnectionOptionsInput) (*ModifyVpcPeeringConnectionOptionsOutput, error) {
	cur, err := c.peering.View(k.party(), in.VPCPeeringConnectionID, k.now)
	if err != nil {
		return nil, err
	}
	conn := cur.Connection()
	var ch peering.OptionsChange
	req, hasReq := in.RequesterPeeringConnectionOptions.Get()
	acc, hasAcc := in.AccepterPeeringConnectionOptions.Get()
	if hasReq {
		ch.Requester, ch.SetRequester = req.over(conn.RequesterOptions()), true
		ch.RequesterNamesClassicLink = req.namesClassicLink()
	}
	if hasAcc {
		ch.Accepter, ch.SetAccepter = acc.over(conn.AccepterOptions()), true
		ch.AccepterNamesClassicLink = acc.namesClassicLink()
	}
	// The connection's own rules come first (who may set which side,
	// where, in which status); then the VPCs' DNS attributes.
	if _, err := conn.ModifyOptions(k.party(), ch, k.now); err != nil {
		return nil, err
	}
	if ch.SetRequester && ch.Requester.AllowDNSResolutionFromRemoteVPC || ch.SetAccepter && ch.Accepter.AllowDNSResolutionFromRemoteVPC {
		if err := c.checkPeeringDNS(conn); err != nil {
			return nil, err
		}
	}
	v, err := c.peering.ModifyOptions(k.party(), in.VPCPeeringConnectionID, ch, k.now)
	if err != nil {
		return nil, err
	}
	conn = v.Connection()
	out := &ModifyVpcPeeringConnectionOptionsOutput{}
	if hasAcc {
		out.AccepterPeeringConnectionOptions = Some(optionsOutput(conn.AccepterOptions()))
	}
	if hasReq {
		out.RequesterPeeringConnectionOptions = Some(optionsOutput(conn.RequesterOptions()))
	}
	return out, nil
}

// checkPeeringDNS refuses DNS resolution over a connection unless both of
// its VPCs have DNS hostnames and DNS support enabled, as EC2 requires
// ("Both VPCs must have DNS hostnames and DNS resolution enabled").
func (c *Cloud) checkPeeringDNS(conn peering.Connection) error {
	for _, side := range []peering.VPC{conn.Requester(), conn.Accepter()} {
		r := c.vpcs[side.ID]
		if r == nil {
			continue
		}
		if !r.v.DNSHostnames() || !r.v.DNSSupport() {
			return &Error{Code: ec2.PeeringStateDNSHostnamesDisabled,
				Message: fmt.Sprintf("DNS resolution cannot be enabled for VPC peering connection %s: VPC %s does not have DNS hostnames and DNS resolution enabled", conn.ID(), side.ID)}
		}
	}
	return nil
}
