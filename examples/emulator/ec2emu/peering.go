package ec2emu

import (
	"net/netip"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/tag"
)

// The peering actions are thin: peering.Registry owns every rule,
// the asynchronous steps, the visibility windows, per-account tags, filters
// and pagination. The emulator resolves VPCs for it and renders its Views.

// newPeeringRegistry returns the registry of st, resolving VPCs from st.
func newPeeringRegistry(st *store, s *Server) *peering.Registry {
	resolve := peering.VPCResolverFunc(func(ref peering.VPCRef) (peering.VPC, bool) {
		v := st.vpcs[ref.ID]
		if v == nil || v.owner != (scope{ref.OwnerID, ref.Region}) {
			return peering.VPC{}, false
		}
		return peering.VPC{OwnerID: ref.OwnerID, Region: ref.Region, ID: v.id, IPv4: v.prefixes()}, true
	})
	// The registry reads randomness only while the server's lock is held
	// (every call into it is made under s.mu), so it shares the server's.
	reg, err := peering.NewRegistry(readerFunc(func(b []byte) (int, error) { return s.random.Read(b) }), resolve, peering.Quotas{})
	if err != nil {
		panic(err) // the arguments are fixed and valid
	}
	return reg
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(b []byte) (int, error) { return f(b) }

func (c *call) party() peering.Party { return peering.Party{Account: c.account, Region: c.region} }

func (v *vpc) ref() peering.VPCRef {
	return peering.VPCRef{OwnerID: v.owner.account, Region: v.owner.region, ID: v.id}
}

// XML shapes of VpcPeeringConnection.

type peeringXML struct {
	Accepter       vpcInfoXML `xml:"accepterVpcInfo"`
	ExpirationTime string     `xml:"expirationTime,omitempty"`
	Requester      vpcInfoXML `xml:"requesterVpcInfo"`
	Status         statusXML  `xml:"status"`
	Tags           []tagXML   `xml:"tagSet>item"`
	ID             string     `xml:"vpcPeeringConnectionId"`
}

type vpcInfoXML struct {
	CidrBlock    string          `xml:"cidrBlock,omitempty"`
	CidrBlockSet []cidrItemXML   `xml:"cidrBlockSet>item"`
	IPv6BlockSet []ipv6ItemXML   `xml:"ipv6CidrBlockSet>item"`
	OwnerID      string          `xml:"ownerId"`
	Options      *peerOptionsXML `xml:"peeringOptions"`
	VpcID        string          `xml:"vpcId"`
	Region       string          `xml:"region"`
}

type cidrItemXML struct {
	CidrBlock string `xml:"cidrBlock"`
}

type ipv6ItemXML struct {
	IPv6CidrBlock string `xml:"ipv6CidrBlock"`
}

type peerOptionsXML struct {
	AllowDNS                   bool `xml:"allowDnsResolutionFromRemoteVpc"`
	AllowEgressFromClassicLink bool `xml:"allowEgressFromLocalClassicLinkToRemoteVpc"`
	AllowEgressToClassicLink   bool `xml:"allowEgressFromLocalVpcToRemoteClassicLink"`
}

type statusXML struct {
	Code    string `xml:"code"`
	Message string `xml:"message"`
}

func optionsXML(o peering.Options) *peerOptionsXML {
	return &peerOptionsXML{o.AllowDNSResolutionFromRemoteVPC, o.AllowEgressFromLocalClassicLinkToRemoteVPC, o.AllowEgressFromLocalVPCToRemoteClassicLink}
}

func infoXML(i peering.VPCInfo) vpcInfoXML {
	x := vpcInfoXML{OwnerID: i.OwnerID, VpcID: i.VPCID, Region: i.Region}
	if i.CIDRBlock.IsValid() {
		x.CidrBlock = i.CIDRBlock.String()
	}
	for _, p := range i.CIDRBlocks {
		x.CidrBlockSet = append(x.CidrBlockSet, cidrItemXML{p.String()})
	}
	for _, p := range i.IPv6CIDRBlocks {
		x.IPv6BlockSet = append(x.IPv6BlockSet, ipv6ItemXML{p.String()})
	}
	if i.HasOptions {
		x.Options = optionsXML(i.Options)
	}
	return x
}

func viewXML(v peering.View) peeringXML {
	st := v.Status()
	x := peeringXML{
		Accepter:  infoXML(v.Accepter()),
		Requester: infoXML(v.Requester()),
		Status:    statusXML{string(st.Code), st.Message},
		Tags:      tagsXML(v.Tags()),
		ID:        v.ID(),
	}
	if t, ok := v.ExpirationTime(); ok {
		x.ExpirationTime = timeXML(t)
	}
	return x
}

type peeringOutput struct {
	meta
	Connection peeringXML `xml:"vpcPeeringConnection"`
}

type createPeeringInput struct {
	VpcID       string    `ec2:"VpcId"`
	PeerVpcID   string    `ec2:"PeerVpcId"`
	PeerOwnerID string    `ec2:"PeerOwnerId"`
	PeerRegion  string    `ec2:"PeerRegion"`
	TagSpecs    []tagSpec `ec2:"TagSpecification"`
}

func (s *Server) createVpcPeeringConnection(c *call, in *createPeeringInput) (*peeringOutput, error) {
	tags, err := tagArgsFor(in.TagSpecs, "vpc-peering-connection")
	if err != nil {
		return nil, err
	}
	v, err := s.st.peering.Create(c.party(), peering.CreateInput{
		VPCID: in.VpcID, PeerVPCID: in.PeerVpcID, PeerOwnerID: in.PeerOwnerID, PeerRegion: in.PeerRegion, Tags: tags,
	}, c.now)
	if err != nil {
		return nil, err
	}
	return &peeringOutput{Connection: viewXML(v)}, nil
}

type peeringIDInput struct {
	ID string `ec2:"VpcPeeringConnectionId,required"`
}

func (s *Server) acceptVpcPeeringConnection(c *call, in *peeringIDInput) (*peeringOutput, error) {
	v, err := s.st.peering.Accept(c.party(), in.ID, c.now)
	if err != nil {
		return nil, err
	}
	return &peeringOutput{Connection: viewXML(v)}, nil
}

func (s *Server) rejectVpcPeeringConnection(c *call, in *peeringIDInput) (*returnOutput, error) {
	if _, err := s.st.peering.Reject(c.party(), in.ID, c.now); err != nil {
		return nil, err
	}
	return &returnOutput{Return: true}, nil
}

func (s *Server) deleteVpcPeeringConnection(c *call, in *peeringIDInput) (*returnOutput, error) {
	if _, err := s.st.peering.Delete(c.party(), in.ID, c.now); err != nil {
		return nil, err
	}
	return &returnOutput{Return: true}, nil
}

type describePeeringInput struct {
	IDs     []string `ec2:"VpcPeeringConnectionId"`
	Filters []filter `ec2:"Filter"`
	page
}

type describePeeringOutput struct {
	meta
	Connections []peeringXML `xml:"vpcPeeringConnectionSet>item"`
	NextToken   string       `xml:"nextToken,omitempty"`
}

func (s *Server) describeVpcPeeringConnections(c *call, in *describePeeringInput) (*describePeeringOutput, error) {
	q := peering.Query{IDs: in.IDs, NextToken: in.NextToken}
	if in.MaxResults != nil {
		q.MaxResults = clampInt(*in.MaxResults)
		if len(in.IDs) > 0 {
			return nil, &ec2.Error{Code: ec2.InvalidParameterCombination,
				Message: "The parameter MaxResults cannot be used with the parameter VpcPeeringConnectionIds"}
		}
	}
	for _, f := range in.Filters {
		q.Filters = append(q.Filters, peering.Filter{Name: f.Name, Values: f.Values})
	}
	page, err := s.st.peering.Describe(c.party(), q, c.now)
	if err != nil {
		return nil, err
	}
	out := &describePeeringOutput{NextToken: page.NextToken}
	for _, v := range page.Connections {
		out.Connections = append(out.Connections, viewXML(v))
	}
	return out, nil
}

// clampInt converts a decoded integer to int, saturating, so that a huge
// MaxResults is refused as out of range rather than wrapped.
func clampInt(n int64) int {
	const limit = 1 << 30
	switch {
	case n > limit:
		return limit
	case n < -limit:
		return -limit
	}
	return int(n)
}

type optionsArg struct {
	AllowDNS                   *bool `ec2:"AllowDnsResolutionFromRemoteVpc"`
	AllowEgressFromClassicLink *bool `ec2:"AllowEgressFromLocalClassicLinkToRemoteVpc"`
	AllowEgressToClassicLink   *bool `ec2:"AllowEgressFromLocalVpcToRemoteClassicLink"`
}

// over returns o with the options the request gives replacing o's.
func (a *optionsArg) over(o peering.Options) peering.Options {
	set := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	set(&o.AllowDNSResolutionFromRemoteVPC, a.AllowDNS)
	set(&o.AllowEgressFromLocalClassicLinkToRemoteVPC, a.AllowEgressFromClassicLink)
	set(&o.AllowEgressFromLocalVPCToRemoteClassicLink, a.AllowEgressToClassicLink)
	return o
}

type modifyPeeringOptionsInput struct {
	ID        string      `ec2:"VpcPeeringConnectionId,required"`
	Accepter  *optionsArg `ec2:"AccepterPeeringConnectionOptions"`
	Requester *optionsArg `ec2:"RequesterPeeringConnectionOptions"`
}

type modifyPeeringOptionsOutput struct {
	meta
	Accepter  *peerOptionsXML `xml:"accepterPeeringConnectionOptions"`
	Requester *peerOptionsXML `xml:"requesterPeeringConnectionOptions"`
}

func (s *Server) modifyVpcPeeringConnectionOptions(c *call, in *modifyPeeringOptionsInput) (*modifyPeeringOptionsOutput, error) {
	cur, err := s.st.peering.Get(c.party(), in.ID, c.now)
	if err != nil {
		return nil, err
	}
	// Options the request leaves out keep their values: the request names
	// only what it changes.
	conn := cur.Connection()
	var ch peering.OptionsChange
	if in.Requester != nil {
		ch.Requester, ch.SetRequester = in.Requester.over(conn.RequesterOptions()), true
	}
	if in.Accepter != nil {
		ch.Accepter, ch.SetAccepter = in.Accepter.over(conn.AccepterOptions()), true
	}
	v, err := s.st.peering.ModifyOptions(c.party(), in.ID, ch, c.now)
	if err != nil {
		return nil, err
	}
	conn = v.Connection()
	out := &modifyPeeringOptionsOutput{}
	if in.Accepter != nil {
		out.Accepter = optionsXML(conn.AccepterOptions())
	}
	if in.Requester != nil {
		out.Requester = optionsXML(conn.RequesterOptions())
	}
	return out, nil
}

// tagArgsFor collects the tags of the TagSpecifications meant for
// resourceType, leaving their validation to the library that stores them.
func tagArgsFor(specs []tagSpec, resourceType string) ([]tag.Tag, error) {
	var all []tag.Tag
	for _, sp := range specs {
		if sp.ResourceType != resourceType {
			return nil, badResourceType(sp.ResourceType)
		}
		for _, t := range sp.Tags {
			all = append(all, tag.Tag{Key: t.Key, Value: t.Value})
		}
	}
	return all, nil
}

// Hooks from vpc.go.

func (s *Server) peeringAllowsBlock(c *call, v *vpc, p netip.Prefix) error {
	return s.st.peering.CheckAddVPCCIDR(v.ref(), p, c.now)
}

// putPeeringTags applies a tag change to a peering connection through the
// registry, which keeps each owner's tags.
func putPeeringTags(s *Server, c *call, id string, op tagOp, next tag.Set) error {
	r, p := s.st.peering, c.party()
	if len(op.add) > 0 {
		return r.CreateTags(p, id, op.add, c.now)
	}
	if op.delAll {
		cur, err := r.Get(p, id, c.now)
		if err != nil {
			return err
		}
		return r.DeleteTagKeys(p, id, tagKeys(cur.Tags()), c.now)
	}
	var keys []string
	var pairs []tag.Tag
	for _, t := range op.del {
		if t.Value == nil {
			keys = append(keys, t.Key)
		} else {
			pairs = append(pairs, tag.Tag{Key: t.Key, Value: *t.Value})
		}
	}
	if err := r.DeleteTagKeys(p, id, keys, c.now); err != nil {
		return err
	}
	return r.DeleteTags(p, id, pairs, c.now)
}

func (s *Server) vpcDeletableByPeering(c *call, v *vpc) error {
	return s.st.peering.CheckDeleteVPC(v.ref(), c.now)
}
