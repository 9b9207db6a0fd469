package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/eip"
	"github.com/vpclab/vpcmodel/gateway"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
)

// NAT gateways are gateway.NAT values; package gateway owns their
// lifecycle. The Cloud supplies the facts a new gateway's fate depends on
// (its subnet's free addresses, its VPC's internet gateway, its Elastic IP
// address), associates and releases that address as the gateway takes and
// gives it back, keeps a subnet whose address a gateway holds from being
// deleted and an internet gateway from being detached while a public
// gateway maps an address behind it, and answers the route resolver: a
// route to a gateway that is not pending or available is a blackhole.

// NATGatewayAddress is one of a NAT gateway's addresses.
type NATGatewayAddress struct {
	AllocationID       string `ec2:"AllocationId,omitempty"`
	AssociationID      string `ec2:"AssociationId,omitempty"`
	NetworkInterfaceID string `ec2:"NetworkInterfaceId,omitempty"`
	PrivateIP          string `ec2:"PrivateIp,omitempty"`
	PublicIP           string `ec2:"PublicIp,omitempty"`
	IsPrimary          bool   `ec2:"IsPrimary"`
	Status             string `ec2:"Status"`
	FailureMessage     string `ec2:"FailureMessage,omitempty"`
}

// NATGateway is a NAT gateway as DescribeNatGateways shows it.
type NATGateway struct {
	NATGatewayID        string              `ec2:"NatGatewayId"`
	SubnetID            string              `ec2:"SubnetId"`
	VPCID               string              `ec2:"VpcId"`
	State               string              `ec2:"State"`
	ConnectivityType    string              `ec2:"ConnectivityType"`
	CreateTime          time.Time           `ec2:"CreateTime"`
	DeleteTime          time.Time           `ec2:"DeleteTime"`
	FailureCode         string              `ec2:"FailureCode,omitempty"`
	FailureMessage      string              `ec2:"FailureMessage,omitempty"`
	NATGatewayAddresses []NATGatewayAddress `ec2:"NatGatewayAddressSet"`
	Tags                []Tag               `ec2:"TagSet"`
}

func addrString(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

func (c *Cloud) natOutput(r *natRec) NATGateway {
	g := r.g
	x := NATGateway{NATGatewayID: g.ID(), SubnetID: g.SubnetID(), VPCID: g.VPCID(), State: string(g.State()),
		ConnectivityType: string(g.Connectivity()), CreateTime: g.CreateTime(), Tags: tagList(c.tagsOf(r.owner, g.ID()))}
	if t, ok := g.DeleteTime(); ok {
		x.DeleteTime = t
	}
	if f, ok := g.Failure(); ok {
		x.FailureCode, x.FailureMessage = f.Code, f.Message
	}
	x.NATGatewayAddresses = mapSlice(g.Addresses(), func(a gateway.NATAddress) NATGatewayAddress {
		return NATGatewayAddress{AllocationID: a.AllocationID, AssociationID: a.AssociationID, NetworkInterfaceID: a.NetworkInterfaceID,
			PrivateIP: addrString(a.PrivateIP), PublicIP: addrString(a.PublicIP), IsPrimary: a.IsPrimary, Status: string(a.Status),
			FailureMessage: a.FailureMessage}
	})
	return x
}

// natNotFound is EC2's answer for a NAT gateway ID that names nothing the
// caller holds; EC2's waiters and Terraform match its code.
func natNotFound(id string) error {
	return &Error{Code: ec2.NATGatewayNotFound, Message: fmt.Sprintf("NAT gateway %s was not found", id)}
}

// findNAT returns the caller's NAT gateway with the given ID, failed and
// deleted ones during their retention included, or EC2's
// NatGatewayMalformed or NatGatewayNotFound.
func (c *Cloud) findNAT(k *call, id string) (*natRec, error) {
	if err := ec2.NATGateway.ParseID(id); err != nil {
		return nil, err
	}
	r := c.nats[id]
	if r == nil || r.owner != k.scope {
		return nil, natNotFound(id)
	}
	return r, nil
}

// natTargetInfo answers the route resolver for a NAT gateway that owner
// holds: its VPC while it is pending or available.
func (c *Cloud) natTargetInfo(owner scope, id string) (route.TargetInfo, bool) {
	r := c.nats[id]
	if r == nil || r.owner != owner || !r.g.IsLive() {
		return route.TargetInfo{}, false
	}
	return route.TargetInfo{VPCIDs: []string{r.g.VPCID()}}, true
}

// CreateNatGatewayInput is the input of [Cloud.CreateNatGateway].
// Secondary addresses and the regional availability mode are not
// modelled: asking for them is refused (UnsupportedOperation).
type CreateNatGatewayInput struct {
	SubnetID                       string             `ec2:"SubnetId,required"`
	AllocationID                   string             `ec2:"AllocationId"`
	ConnectivityType               string             `ec2:"ConnectivityType"`
	PrivateIPAddress               string             `ec2:"PrivateIpAddress"`
	ClientToken                    string             `ec2:"ClientToken"`
	TagSpecifications              []TagSpecification `ec2:"TagSpecification"`
	SecondaryAllocationIDs         []string           `ec2:"SecondaryAllocationId"`
	SecondaryPrivateIPAddresses    []string           `ec2:"SecondaryPrivateIpAddress"`
	SecondaryPrivateIPAddressCount Optional[int]      `ec2:"SecondaryPrivateIpAddressCount"`
	AvailabilityMode               string             `ec2:"AvailabilityMode"`
}

// CreateNatGatewayOutput is the output of [Cloud.CreateNatGateway].
type CreateNatGatewayOutput struct {
	ClientToken string     `ec2:"ClientToken,omitempty"`
	NATGateway  NATGateway `ec2:"NatGateway"`
}

func (c *Cloud) createNatGateway(k *call, in *CreateNatGatewayInput) (*CreateNatGatewayOutput, error) {
	switch {
	case len(in.SecondaryAllocationIDs) > 0 || len(in.SecondaryPrivateIPAddresses) > 0 || in.SecondaryPrivateIPAddressCount.Set:
		return nil, &Error{Code: ec2.UnsupportedOperation, Message: "Secondary NAT gateway addresses are not supported by this model."}
	case in.AvailabilityMode != "" && in.AvailabilityMode != "zonal":
		return nil, &Error{Code: ec2.UnsupportedOperation,
			Message: fmt.Sprintf("The availability mode '%s' is not supported by this model; only zonal is.", in.AvailabilityMode)}
	}
	tags, err := tagsFor(in.TagSpecifications, "natgateway")
	if err != nil {
		return nil, err
	}
	// A CIDR block where a subnet ID belongs: EC2's own answer.
	if p, err := netip.ParsePrefix(in.SubnetID); err == nil {
		return nil, &Error{Code: "InvalidSubnet", Message: fmt.Sprintf("Subnet %s was not found", p)}
	}
	s, err := c.findSubnet(k, in.SubnetID)
	if err != nil {
		return nil, err
	}
	if s.IsIPv6Native() {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("The subnet %s is IPv6-only: a NAT gateway needs a subnet with an IPv4 CIDR block.", s.ID())}
	}
	conn := gateway.Connectivity(in.ConnectivityType)
	if conn == "" {
		conn = gateway.Public
	}
	if in.ClientToken != "" {
		if r := c.natByToken(k.scope, in.ClientToken); r != nil {
			g := r.g
			if g.SubnetID() != s.ID() || g.Connectivity() != conn || g.AllocationID() != in.AllocationID ||
				in.PrivateIPAddress != "" && in.PrivateIPAddress != addrString(g.PrivateIP()) {
				return nil, &Error{Code: ec2.IdempotentParameterMismatch,
					Message: fmt.Sprintf("The client token %s was used with different parameters.", in.ClientToken)}
			}
			return &CreateNatGatewayOutput{ClientToken: in.ClientToken, NATGateway: c.natOutput(r)}, nil
		}
	}
	spec := gateway.NATSpec{OwnerID: k.Account, VPCID: s.VPCID(), SubnetID: s.ID(), Connectivity: conn,
		ClientToken: in.ClientToken, AllocationID: in.AllocationID,
		InternetGateway: c.igwOfVPC[s.VPCID()] != "", InZone: c.natsInZone(k.scope, s.Zone().ID)}
	var addr *eipRec
	if conn == gateway.Public && ec2.ElasticIP.IsID(in.AllocationID) {
		if addr = c.addrs[in.AllocationID]; addr == nil || addr.owner != k.scope {
			return nil, &Error{Code: ec2.ElasticIPIDNotFound, Message: fmt.Sprintf("The elasticIp ID '%s' does not exist", in.AllocationID)}
		}
		_, spec.AllocationAssociated = addr.a.Association()
		spec.PublicIP = addr.a.PublicIP()
	}
	held := c.heldIPs(s)
	for a := range c.eniAddrs[s.ID()] {
		held[a] = true // a network interface's address
	}
	if in.PrivateIPAddress != "" {
		a, err := netip.ParseAddr(in.PrivateIPAddress)
		switch {
		case err != nil || !a.Is4():
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("Value (%s) for parameter privateIpAddress is invalid. This is not a valid IPv4 address.", in.PrivateIPAddress)}
		case !s.IsHostAddress(a):
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("The address %s is not a usable address of the subnet %s (%s).", a, s.ID(), s.CIDR())}
		case held[a]:
			return nil, &Error{Code: ec2.IPAddressInUse, Message: fmt.Sprintf("The address %s is already in use in the subnet %s.", a, s.ID())}
		}
		spec.PrivateIP = a
	}
	if err := spec.Check(); err != nil {
		return nil, err
	}
	// Randomness is read last, after every check: the address, then IDs.
	if !spec.PrivateIP.IsValid() {
		a, ok, err := s.PickHostAddress(c.random, func(a netip.Addr) bool { return held[a] })
		if err != nil {
			return nil, err
		}
		if ok {
			spec.PrivateIP = a
		}
	}
	g, err := gateway.CreateNAT(spec, k.now, c.random)
	if err != nil {
		return nil, err
	}
	if g.HoldsAddresses() && addr != nil {
		next, err := addr.a.Associate(eip.Association{ID: g.AssociationID(), NetworkInterfaceID: g.NetworkInterfaceID(),
			NetworkInterfaceOwnerID: k.Account, PrivateIP: g.PrivateIP(), Managed: true})
		if err != nil {
			return nil, err
		}
		addr.a = next
	}
	r := &natRec{owner: k.scope, g: g}
	c.nats[g.ID()] = r
	c.indexNAT(r)
	c.track(k.scope, g)
	c.setTags(k.scope, g.ID(), tags)
	// EC2 answers a new gateway as pending; the next request settles it.
	return &CreateNatGatewayOutput{ClientToken: in.ClientToken, NATGateway: c.natOutput(r)}, nil
}

// natByToken returns the scope's NAT gateway made with a client token, or
// nil.
func (c *Cloud) natByToken(sc scope, token string) *natRec {
	for id := range c.natsIn[sc] {
		if r := c.nats[id]; r.g.ClientToken() == token {
			return r
		}
	}
	return nil
}

// natsInZone counts the scope's NAT gateways pending, available or
// deleting in the zone with the given ID.
func (c *Cloud) natsInZone(sc scope, zoneID string) int {
	n := 0
	for _, g := range c.liveNATs(sc) {
		if s, ok := c.subnets[g.SubnetID()]; ok && s.Zone().ID == zoneID {
			n++
		}
	}
	return n
}

// DeleteNatGatewayInput is the input of [Cloud.DeleteNatGateway].
type DeleteNatGatewayInput struct {
	NATGatewayID string `ec2:"NatGatewayId,required"`
}

// DeleteNatGatewayOutput is the output of [Cloud.DeleteNatGateway].
type DeleteNatGatewayOutput struct {
	NATGatewayID string `ec2:"NatGatewayId"`
}

func (c *Cloud) deleteNatGateway(k *call, in *DeleteNatGatewayInput) (*DeleteNatGatewayOutput, error) {
	r, err := c.findNAT(k, in.NATGatewayID)
	if err != nil {
		return nil, err
	}
	next, err := r.g.Delete(k.now)
	if err != nil {
		return nil, err
	}
	if r.g.State() == gateway.NATFailed {
		c.untrack(r.g.ID())
	}
	r.g = next
	c.track(r.owner, next)
	return &DeleteNatGatewayOutput{NATGatewayID: next.ID()}, nil
}

// DescribeNatGatewaysInput is the input of [Cloud.DescribeNatGateways].
type DescribeNatGatewaysInput struct {
	NATGatewayIDs []string `ec2:"NatGatewayId"`
	Filters       []Filter `ec2:"Filter"`
	Page
}

// DescribeNatGatewaysOutput is the output of [Cloud.DescribeNatGateways].
type DescribeNatGatewaysOutput struct {
	NATGateways []NATGateway `ec2:"NatGatewaySet"`
	NextToken   string       `ec2:"NextToken,omitempty"`
}

var natFilters = filterFuncs[*natRec]{
	"nat-gateway-id":    func(r *natRec) []string { return one(r.g.ID()) },
	"state":             func(r *natRec) []string { return one(string(r.g.State())) },
	"subnet-id":         func(r *natRec) []string { return one(r.g.SubnetID()) },
	"vpc-id":            func(r *natRec) []string { return one(r.g.VPCID()) },
	"connectivity-type": func(r *natRec) []string { return one(string(r.g.Connectivity())) },
}

var natPage = pageLimits{min: 5, max: 1000, token: ec2.NATGateway.IsID}

func (c *Cloud) describeNatGateways(k *call, in *DescribeNatGatewaysInput) (*DescribeNatGatewaysOutput, error) {
	if err := in.Page.check(natPage, len(in.NATGatewayIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, natFilters, func(r *natRec) tag.Set { return c.tagsOf(r.owner, r.g.ID()) })
	if err != nil {
		return nil, err
	}
	var rs []*natRec
	switch ids, ok := c.narrow(k, in.Filters, map[string]lookup{
		"nat-gateway-id": one,
		"subnet-id":      func(v string) []string { return sortedIDs(c.natsOfSubnet[v]) },
		"vpc-id":         func(v string) []string { return sortedIDs(c.natsOfVPC[v]) },
	}, "nat-"); {
	case len(in.NATGatewayIDs) > 0:
		for _, id := range in.NATGatewayIDs {
			r, err := c.findNAT(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, func(a, b *natRec) int { return strings.Compare(a.g.ID(), b.g.ID()) })
	case ok:
		for _, id := range ids {
			if r := c.nats[id]; r != nil && r.owner == k.scope {
				rs = append(rs, r)
			}
		}
	default:
		rs = mapSlice(sortedIDs(c.natsIn[k.scope]), func(id string) *natRec { return c.nats[id] })
	}
	rs = slices.DeleteFunc(rs, func(r *natRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *natRec) string { return r.g.ID() }, in.Page, natPage, len(in.NATGatewayIDs) > 0)
	if err != nil {
		return nil, err
	}
	return &DescribeNatGatewaysOutput{NATGateways: mapSlice(pageOf, c.natOutput), NextToken: next}, nil
}
