package vpcmodel

import (
	"fmt"
	"github.com/vpclab/vpcmodel/subnet"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/eni"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
)

// Network interfaces are eni.Interface values; package eni owns the rules
// of one interface (its address in its subnet, its groups). The Cloud
// supplies what they check against and the rules between resources: which
// addresses of a subnet are taken, that an interface's groups are of its
// VPC, that a subnet holding an interface and a group an interface uses
// cannot be deleted, that a subnet's available address count goes down,
// that public addresses are unique, and that an interface is a route
// target of its VPC.

// eniRec is one network interface and the scope that owns it.
type eniRec struct {
	owner scope
	i     eni.Interface
	// nat is the NAT gateway whose own interface this is; such a record is
	// made from the gateway when asked for, never stored.
	nat *natRec
}

// interfaces is the part of a Cloud's state that network interfaces add,
// with its indexes.
type interfaces struct {
	enis map[string]*eniRec

	// Indexes, derived from enis.
	enisIn    map[scope]idSet                  // each scope's interfaces
	eniAddrs  map[string]map[netip.Addr]string // subnet ID -> private address -> interface ID
	publicIPs map[netip.Addr]string            // public address -> interface ID
	enisOfSG  map[string]idSet                 // security group -> the interfaces using it
}

func newInterfaces() interfaces {
	return interfaces{
		enis:      make(map[string]*eniRec),
		enisIn:    make(map[scope]idSet),
		eniAddrs:  make(map[string]map[netip.Addr]string),
		publicIPs: make(map[netip.Addr]string),
		enisOfSG:  make(map[string]idSet),
	}
}

// indexENI and unindexENI keep the interface indexes.
func (x *interfaces) indexENI(r *eniRec) {
	i := r.i
	addID(x.enisIn, r.owner, i.ID())
	if x.eniAddrs[i.SubnetID()] == nil {
		x.eniAddrs[i.SubnetID()] = make(map[netip.Addr]string)
	}
	x.eniAddrs[i.SubnetID()][i.PrivateIP()] = i.ID()
	if p, ok := i.PublicIP(); ok {
		x.publicIPs[p] = i.ID()
	}
	for n := range i.NumGroups() {
		addID(x.enisOfSG, i.Group(n), i.ID())
	}
}

func (x *interfaces) unindexENI(r *eniRec) {
	i := r.i
	removeID(x.enisIn, r.owner, i.ID())
	delete(x.eniAddrs[i.SubnetID()], i.PrivateIP())
	if len(x.eniAddrs[i.SubnetID()]) == 0 {
		delete(x.eniAddrs, i.SubnetID())
	}
	if p, ok := i.PublicIP(); ok {
		delete(x.publicIPs, p)
	}
	for n := range i.NumGroups() {
		removeID(x.enisOfSG, i.Group(n), i.ID())
	}
}

// putENI replaces a stored interface's value, reindexing it.
func (x *interfaces) putENI(r *eniRec, next eni.Interface) {
	x.unindexENI(r)
	r.i = next
	x.indexENI(r)
}

// inUse reports whether addr of subnet subnetID is taken.
func (x *interfaces) inUse(subnetID string) func(netip.Addr) bool {
	return func(a netip.Addr) bool { _, ok := x.eniAddrs[subnetID][a]; return ok }
}

// subnetHasInterfaces returns EC2's refusal to delete a subnet that holds
// network interfaces, or nil.
func (c *Cloud) subnetHasInterfaces(subnetID string) error {
	if len(c.eniAddrs[subnetID]) == 0 {
		return nil
	}
	return &Error{Code: ec2.DependencyViolation,
		Message: fmt.Sprintf("The subnet '%s' has dependencies and cannot be deleted.", subnetID)}
}

// groupHasInterfaces returns EC2's refusal to delete a security group a
// network interface uses, or nil.
func (c *Cloud) groupHasInterfaces(groupID string) error {
	if len(c.enisOfSG[groupID]) == 0 {
		return nil
	}
	return &Error{Code: ec2.DependencyViolation, Message: fmt.Sprintf("resource %s has a dependent object", groupID)}
}

// eniTargetInfo answers the route resolver for an interface that owner
// holds: the VPC it is in.
func (c *Cloud) eniTargetInfo(owner scope, id string) (route.TargetInfo, bool) {
	if r := c.enis[id]; r != nil && r.owner == owner {
		return route.TargetInfo{VPCIDs: []string{r.i.VPCID()}}, true
	}
	return route.TargetInfo{}, false
}

// findENI returns the caller's network interface with the given ID, or
// EC2's InvalidNetworkInterfaceId.Malformed or
// InvalidNetworkInterfaceID.NotFound.
func (c *Cloud) findENI(k *call, id string) (*eniRec, error) {
	if err := ec2.NetworkInterface.ParseID(id); err != nil {
		return nil, err
	}
	r := c.enis[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.NetworkInterface.NotFoundError(id, nil)
	}
	return r, nil
}

// findAnyENI is findENI that finds NAT gateways' own interfaces too.
func (c *Cloud) findAnyENI(k *call, id string) (*eniRec, error) {
	if err := ec2.NetworkInterface.ParseID(id); err != nil {
		return nil, err
	}
	if r := c.anyENI(k.scope, id); r != nil {
		return r, nil
	}
	return nil, ec2.NetworkInterface.NotFoundError(id, nil)
}

// anyENI returns scope sc's interface id, a NAT gateway's own included,
// or nil.
func (c *Cloud) anyENI(sc scope, id string) *eniRec {
	if r := c.enis[id]; r != nil {
		if r.owner == sc {
			return r
		}
		return nil
	}
	for _, r := range c.natENIs(sc) {
		if r.i.ID() == id {
			return r
		}
	}
	return nil
}

// natENIs returns the own interfaces of scope sc's NAT gateways, in no
// particular order.
func (c *Cloud) natENIs(sc scope) []*eniRec {
	var out []*eniRec
	for id := range c.natsIn[sc] {
		if r, ok := c.natENI(c.nats[id]); ok {
			out = append(out, r)
		}
	}
	return out
}

// natENI returns NAT gateway r's own interface, while the gateway holds
// its addresses: requester-managed, in the gateway's subnet at its private
// address, with its Elastic IP address if it is public.
func (c *Cloud) natENI(r *natRec) (*eniRec, bool) {
	g := r.g
	if !g.HoldsAddresses() || g.NetworkInterfaceID() == "" || !g.PrivateIP().IsValid() {
		return nil, false
	}
	s, ok := c.subnets[g.SubnetID()]
	if !ok {
		return nil, false
	}
	i, err := eni.Managed(eni.ManagedSpec{ID: g.NetworkInterfaceID(), Type: eni.TypeNATGateway, OwnerID: g.OwnerID(), Region: r.owner.Region,
		VPCID: g.VPCID(), SubnetID: g.SubnetID(), Zone: s.Zone(), PrivateIP: g.PrivateIP(), PublicIP: g.PublicIP(),
		Description: "Interface for NAT Gateway " + g.ID()})
	if err != nil {
		return nil, false
	}
	return &eniRec{owner: r.owner, i: i, nat: r}, true
}

// GroupIdentifier is a security group as a network interface lists it.
type GroupIdentifier struct {
	GroupID   string `ec2:"GroupId"`
	GroupName string `ec2:"GroupName"`
}

// NetworkInterfaceAssociation is the public address of a network
// interface.
type NetworkInterfaceAssociation struct {
	AllocationID  string `ec2:"AllocationId,omitempty"`  // an Elastic IP address's
	AssociationID string `ec2:"AssociationId,omitempty"` // likewise
	PublicIP      string `ec2:"PublicIp"`
	PublicDNSName string `ec2:"PublicDnsName"`
	IPOwnerID     string `ec2:"IpOwnerId"`
}

// NetworkInterfacePrivateIPAddress is one private address of a network
// interface.
type NetworkInterfacePrivateIPAddress struct {
	Association      Optional[NetworkInterfaceAssociation] `ec2:"Association"`
	Primary          bool                                  `ec2:"Primary"`
	PrivateDNSName   string                                `ec2:"PrivateDnsName"`
	PrivateIPAddress string                                `ec2:"PrivateIpAddress"`
}

// NetworkInterface is a network interface as DescribeNetworkInterfaces
// shows it.
type NetworkInterface struct {
	Association        Optional[NetworkInterfaceAssociation] `ec2:"Association"`
	AvailabilityZone   string                                `ec2:"AvailabilityZone"`
	AvailabilityZoneID string                                `ec2:"AvailabilityZoneId"`
	Description        string                                `ec2:"Description"`
	Groups             []GroupIdentifier                     `ec2:"GroupSet"`
	InterfaceType      string                                `ec2:"InterfaceType"`
	MACAddress         string                                `ec2:"MacAddress"`
	NetworkInterfaceID string                                `ec2:"NetworkInterfaceId"`
	OwnerID            string                                `ec2:"OwnerId"`
	PrivateDNSName     string                                `ec2:"PrivateDnsName"`
	PrivateIPAddress   string                                `ec2:"PrivateIpAddress"`
	PrivateIPAddresses []NetworkInterfacePrivateIPAddress    `ec2:"PrivateIpAddressesSet"`
	RequesterManaged   bool                                  `ec2:"RequesterManaged"`
	SourceDestCheck    bool                                  `ec2:"SourceDestCheck"`
	Status             string                                `ec2:"Status"`
	SubnetID           string                                `ec2:"SubnetId"`
	VPCID              string                                `ec2:"VpcId"`
	Tags               []Tag                                 `ec2:"TagSet"`
}

// publicDNSName is EC2's public DNS name of a public address in a Region.
func publicDNSName(a netip.Addr, region string) string {
	host := "ec2-" + strings.ReplaceAll(a.String(), ".", "-")
	if region == "us-east-1" {
		return host + ".compute-1.amazonaws.com"
	}
	return host + "." + region + ".compute.amazonaws.com"
}

func (c *Cloud) eniOutput(r *eniRec) NetworkInterface {
	i := r.i
	x := NetworkInterface{AvailabilityZone: i.Zone().Name, AvailabilityZoneID: i.Zone().ID, Description: i.Description(),
		InterfaceType: i.Type(), RequesterManaged: i.RequesterManaged(), MACAddress: i.MACAddress(), NetworkInterfaceID: i.ID(), OwnerID: i.OwnerID(),
		PrivateDNSName: i.PrivateDNSName(), PrivateIPAddress: i.PrivateIP().String(), SourceDestCheck: i.SourceDestCheck(),
		Status: i.Status(), SubnetID: i.SubnetID(), VPCID: i.VPCID(), Tags: tagList(c.tagsOf(r.owner, i.ID()))}
	for n := range i.NumGroups() {
		g := GroupIdentifier{GroupID: i.Group(n)}
		if sg := c.sgs[g.GroupID]; sg != nil {
			g.GroupName = sg.g.Name()
		}
		x.Groups = append(x.Groups, g)
	}
	if p, ok := i.PublicIP(); ok {
		a := NetworkInterfaceAssociation{PublicIP: p.String(), PublicDNSName: publicDNSName(p, i.Region()), IPOwnerID: "amazon"}
		if r.nat != nil {
			// A NAT gateway's Elastic IP address, the account's own.
			a.AllocationID, a.AssociationID, a.IPOwnerID = r.nat.g.AllocationID(), r.nat.g.AssociationID(), r.owner.Account
		}
		x.Association = Some(a)
	}
	x.PrivateIPAddresses = []NetworkInterfacePrivateIPAddress{{Association: x.Association, Primary: true,
		PrivateDNSName: x.PrivateDNSName, PrivateIPAddress: x.PrivateIPAddress}}
	return x
}

// PrivateIPAddressSpecification is one PrivateIpAddresses.N of
// CreateNetworkInterface: an address and whether it is the primary one.
type PrivateIPAddressSpecification struct {
	Primary          bool   `ec2:"Primary"`
	PrivateIPAddress string `ec2:"PrivateIpAddress"`
}

// CreateNetworkInterfaceInput is the input of
// [Cloud.CreateNetworkInterface]. Only the primary private address is
// modelled: secondary addresses, prefixes, IPv6 addresses and interface
// types other than "interface" are refused.
type CreateNetworkInterfaceInput struct {
	SubnetID                       string                          `ec2:"SubnetId,required"`
	Description                    string                          `ec2:"Description"`
	PrivateIPAddress               string                          `ec2:"PrivateIpAddress"`
	Groups                         []string                        `ec2:"SecurityGroupId"`
	PrivateIPAddresses             []PrivateIPAddressSpecification `ec2:"PrivateIpAddresses"`
	SecondaryPrivateIPAddressCount int                             `ec2:"SecondaryPrivateIpAddressCount"`
	IPv6AddressCount               int                             `ec2:"Ipv6AddressCount"`
	InterfaceType                  string                          `ec2:"InterfaceType"`
	ClientToken                    string                          `ec2:"ClientToken"`
	TagSpecifications              []TagSpecification              `ec2:"TagSpecification"`
}

// CreateNetworkInterfaceOutput is the output of
// [Cloud.CreateNetworkInterface].
type CreateNetworkInterfaceOutput struct {
	NetworkInterface NetworkInterface `ec2:"NetworkInterface"`
	ClientToken      string           `ec2:"ClientToken,omitempty"`
}

// unsupported is the refusal of a parameter this model does not hold.
func unsupported(param string) error {
	return &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("The parameter %s is not supported by this model.", param)}
}

func (c *Cloud) createNetworkInterface(k *call, in *CreateNetworkInterfaceInput) (*CreateNetworkInterfaceOutput, error) {
	s, err := c.findSubnet(k, in.SubnetID)
	if err != nil {
		return nil, err
	}
	if s.IsIPv6Native() {
		return nil, &Error{Code: "UnsupportedOperation",
			Message: fmt.Sprintf("The subnet %s is IPv6-only; network interfaces with IPv6 addresses only are not modelled.", s.ID())}
	}
	addr := in.PrivateIPAddress
	for _, p := range in.PrivateIPAddresses {
		switch {
		case !p.Primary:
			return nil, unsupported("PrivateIpAddresses (secondary addresses)")
		case addr != "" && addr != p.PrivateIPAddress:
			return nil, &Error{Code: ec2.InvalidParameterCombination,
				Message: "The primary private address is given twice, as PrivateIpAddress and in PrivateIpAddresses."}
		}
		addr = p.PrivateIPAddress
	}
	switch {
	case in.SecondaryPrivateIPAddressCount != 0:
		return nil, unsupported("SecondaryPrivateIpAddressCount")
	case in.IPv6AddressCount != 0:
		return nil, unsupported("Ipv6AddressCount")
	case in.InterfaceType != "" && in.InterfaceType != eni.TypeInterface:
		return nil, unsupported("InterfaceType " + in.InterfaceType)
	}
	var ip netip.Addr
	if addr != "" {
		if ip, err = netip.ParseAddr(addr); err != nil {
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("Value (%s) for parameter privateIpAddress is invalid. This is not a valid IPv4 address.", addr)}
		}
	}
	groups := in.Groups
	if len(groups) == 0 {
		groups = []string{c.vpcs[s.VPCID()].sg}
	}
	if err := c.checkInterfaceGroups(k, s.ID(), s.VPCID(), groups); err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "network-interface")
	if err != nil {
		return nil, err
	}
	i, err := eni.Create(eni.Spec{OwnerID: k.Account, Region: k.Region, SubnetID: s.ID(), VPCID: s.VPCID(), Zone: s.Zone(),
		SubnetCIDR: s.CIDR(), PrivateIP: ip, Groups: groups, Description: in.Description, InUse: c.addressTaken(s)}, c.random)
	if err != nil {
		return nil, err
	}
	r := &eniRec{owner: k.scope, i: i}
	c.enis[i.ID()] = r
	c.indexENI(r)
	c.setTags(k.scope, i.ID(), tags)
	return &CreateNetworkInterfaceOutput{NetworkInterface: c.eniOutput(r), ClientToken: in.ClientToken}, nil
}

// checkInterfaceGroups checks that every group exists, is the caller's
// and is of vpcID: "Security group sg-… and subnet subnet-… belong to
// different networks." otherwise (InvalidParameter).
func (c *Cloud) checkInterfaceGroups(k *call, subnetID, vpcID string, groups []string) error {
	for _, g := range groups {
		r, err := c.findSecurityGroup(k, g)
		if err != nil {
			if ec2.SecurityGroup.IsID(g) {
				return err
			}
			return nil // a malformed ID: package eni refuses it with its own code
		}
		if r.g.VPCID() != vpcID {
			return &Error{Code: "InvalidParameter",
				Message: fmt.Sprintf("Security group %s and subnet %s belong to different networks.", g, subnetID)}
		}
	}
	return nil
}

// DeleteNetworkInterfaceInput is the input of
// [Cloud.DeleteNetworkInterface].
type DeleteNetworkInterfaceInput struct {
	NetworkInterfaceID string `ec2:"NetworkInterfaceId,required"`
}

// DeleteNetworkInterfaceOutput is the output of
// [Cloud.DeleteNetworkInterface].
type DeleteNetworkInterfaceOutput = ReturnOutput

func (c *Cloud) deleteNetworkInterface(k *call, in *DeleteNetworkInterfaceInput) (*ReturnOutput, error) {
	r, err := c.findAnyENI(k, in.NetworkInterfaceID)
	if err != nil {
		return nil, err
	}
	if err := managedInterface(r, "delete"); err != nil {
		return nil, err
	}
	c.unindexENI(r)
	delete(c.enis, r.i.ID())
	c.dropTags(r.i.ID())
	c.dropFlowLogsOf(r.i.ID())
	return &ReturnOutput{Return: true}, nil
}

// managedInterface returns EC2's refusal to op ("delete" or "modify") an
// interface a VPC endpoint or NAT gateway manages, or nil: its resource
// holds it in use.
func managedInterface(r *eniRec, op string) error {
	if !r.i.RequesterManaged() {
		return nil
	}
	if op == "delete" {
		return &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("Network interface '%s' is currently in use.", r.i.ID())}
	}
	by := "its service"
	if r.nat != nil {
		by = "the NAT gateway " + r.nat.g.ID()
	} else if id, ok := r.i.ManagedBy(); ok {
		by = "the VPC endpoint " + id
	}
	return &Error{Code: ec2.OperationNotPermitted, Message: fmt.Sprintf(
		"The network interface %s is managed by %s and cannot be modified.", r.i.ID(), by)}
}

// AttributeValue is EC2's boxed string: <x><value>text</value></x>.
type AttributeValue struct {
	Value string `ec2:"Value"`
}

// ModifyNetworkInterfaceAttributeInput is the input of
// [Cloud.ModifyNetworkInterfaceAttribute]: one attribute per call, as EC2
// insists.
type ModifyNetworkInterfaceAttributeInput struct {
	NetworkInterfaceID       string                          `ec2:"NetworkInterfaceId,required"`
	Description              Optional[AttributeValue]        `ec2:"Description"`
	Groups                   []string                        `ec2:"SecurityGroupId"`
	SourceDestCheck          Optional[AttributeBooleanValue] `ec2:"SourceDestCheck"`
	AssociatePublicIPAddress Optional[bool]                  `ec2:"AssociatePublicIpAddress"`
}

// ModifyNetworkInterfaceAttributeOutput is the output of
// [Cloud.ModifyNetworkInterfaceAttribute].
type ModifyNetworkInterfaceAttributeOutput struct{}

func (c *Cloud) modifyNetworkInterfaceAttribute(k *call, in *ModifyNetworkInterfaceAttributeInput) (*ModifyNetworkInterfaceAttributeOutput, error) {
	r, err := c.findAnyENI(k, in.NetworkInterfaceID)
	if err != nil {
		return nil, err
	}
	if err := managedInterface(r, "modify"); err != nil {
		return nil, err
	}
	var named []string
	for name, set := range map[string]bool{"description": in.Description.Set, "groupSet": len(in.Groups) > 0,
		"sourceDestCheck": in.SourceDestCheck.Set, "associatePublicIpAddress": in.AssociatePublicIPAddress.Set} {
		if set {
			named = append(named, name)
		}
	}
	slices.Sort(named)
	switch len(named) {
	case 0:
		return nil, &Error{Code: ec2.MissingParameter, Message: "The request must contain exactly one attribute to modify"}
	case 1:
	default:
		return nil, &Error{Code: ec2.InvalidParameterCombination,
			Message: "Fields for multiple attribute types specified: " + strings.Join(named, ", ")}
	}
	next := r.i
	switch {
	case in.Description.Set:
		next, err = next.WithDescription(in.Description.Value.Value)
	case len(in.Groups) > 0:
		if err = c.checkInterfaceGroups(k, next.SubnetID(), next.VPCID(), in.Groups); err == nil {
			next, err = next.WithGroups(in.Groups)
		}
	case in.SourceDestCheck.Set:
		next = next.WithSourceDestCheck(in.SourceDestCheck.Value.Value)
	case in.AssociatePublicIPAddress.Value:
		if _, ok := next.PublicIP(); !ok {
			var a netip.Addr
			if a, err = c.newPublicIP(); err == nil {
				next, err = next.WithPublicIP(a)
			}
		}
	default:
		next, err = next.WithPublicIP(netip.Addr{})
	}
	if err != nil {
		return nil, err
	}
	c.putENI(r, next)
	return &ModifyNetworkInterfaceAttributeOutput{}, nil
}

// newPublicIP draws a public IPv4 address no interface holds, from
// 3.0.0.0/8, one of Amazon's ranges; EC2 takes one from its pool.
func (c *Cloud) newPublicIP() (netip.Addr, error) {
	var b [3]byte
	for range 64 {
		if _, err := c.random.Read(b[:]); err != nil {
			return netip.Addr{}, err
		}
		a := netip.AddrFrom4([4]byte{3, b[0], b[1], b[2]})
		if _, taken := c.publicIPs[a]; !taken && b[2] != 0 && b[2] != 255 {
			return a, nil
		}
	}
	return netip.Addr{}, &Error{Code: "AddressLimitExceeded", Message: "The maximum number of addresses has been reached."}
}

// DescribeNetworkInterfacesInput is the input of
// [Cloud.DescribeNetworkInterfaces].
type DescribeNetworkInterfacesInput struct {
	NetworkInterfaceIDs []string `ec2:"NetworkInterfaceId"`
	Filters             []Filter `ec2:"Filter"`
	Page
}

// DescribeNetworkInterfacesOutput is the output of
// [Cloud.DescribeNetworkInterfaces].
type DescribeNetworkInterfacesOutput struct {
	NetworkInterfaces []NetworkInterface `ec2:"NetworkInterfaceSet"`
	NextToken         string             `ec2:"NextToken,omitempty"`
}

var eniPage = pageLimits{min: 5, max: 1000, idsParam: "NetworkInterfaceIds", token: ec2.NetworkInterface.IsID}

var eniFilters = func() filterFuncs[*eniRec] {
	f := filterFuncs[*eniRec]{
		"network-interface-id":            func(r *eniRec) []string { return one(r.i.ID()) },
		"subnet-id":                       func(r *eniRec) []string { return one(r.i.SubnetID()) },
		"vpc-id":                          func(r *eniRec) []string { return one(r.i.VPCID()) },
		"availability-zone":               func(r *eniRec) []string { return one(r.i.Zone().Name) },
		"owner-id":                        func(r *eniRec) []string { return one(r.i.OwnerID()) },
		"status":                          func(r *eniRec) []string { return one(r.i.Status()) },
		"description":                     func(r *eniRec) []string { return one(r.i.Description()) },
		"private-ip-address":              func(r *eniRec) []string { return one(r.i.PrivateIP().String()) },
		"addresses.private-ip-address":    func(r *eniRec) []string { return one(r.i.PrivateIP().String()) },
		"addresses.primary":               func(r *eniRec) []string { return one("true") },
		"private-dns-name":                func(r *eniRec) []string { return one(r.i.PrivateDNSName()) },
		"mac-address":                     func(r *eniRec) []string { return one(r.i.MACAddress()) },
		"source-dest-check":               func(r *eniRec) []string { return one(strconv.FormatBool(r.i.SourceDestCheck())) },
		"interface-type":                  func(r *eniRec) []string { return one(r.i.Type()) },
		"requester-managed":               func(r *eniRec) []string { return one(strconv.FormatBool(r.i.RequesterManaged())) },
		"group-id":                        func(r *eniRec) []string { return r.i.Groups() },
		"association.public-ip":           publicIPValues(func(a netip.Addr, _ string) string { return a.String() }),
		"addresses.association.public-ip": publicIPValues(func(a netip.Addr, _ string) string { return a.String() }),
		"association.public-dns-name":     publicIPValues(publicDNSName),
		"association.ip-owner-id":         publicIPValues(func(netip.Addr, string) string { return "amazon" }),
	}
	return f
}()

func publicIPValues(f func(netip.Addr, string) string) func(*eniRec) []string {
	return func(r *eniRec) []string {
		if a, ok := r.i.PublicIP(); ok {
			return one(f(a, r.i.Region()))
		}
		return nil
	}
}

func (c *Cloud) describeNetworkInterfaces(k *call, in *DescribeNetworkInterfacesInput) (*DescribeNetworkInterfacesOutput, error) {
	if err := in.Page.check(eniPage, len(in.NetworkInterfaceIDs) > 0); err != nil {
		return nil, err
	}
	funcs := filterFuncs[*eniRec]{"group-name": func(r *eniRec) []string {
		var out []string
		for n := range r.i.NumGroups() {
			if sg := c.sgs[r.i.Group(n)]; sg != nil {
				out = append(out, sg.g.Name())
			}
		}
		return out
	}}
	for name, f := range eniFilters {
		funcs[name] = f
	}
	m, err := compileFilters(in.Filters, funcs, func(r *eniRec) tag.Set { return c.tagsOf(r.owner, r.i.ID()) })
	if err != nil {
		return nil, err
	}
	var rs []*eniRec
	switch ids, ok := c.narrow(k, in.Filters, map[string]lookup{
		"network-interface-id": one,
		"subnet-id": func(v string) []string {
			var out []string
			for _, id := range c.eniAddrs[v] {
				out = append(out, id)
			}
			for id := range c.natsOfSubnet[v] {
				if r, ok := c.natENI(c.nats[id]); ok {
					out = append(out, r.i.ID())
				}
			}
			slices.Sort(out)
			return out
		},
		"group-id": func(v string) []string { return sortedIDs(c.enisOfSG[v]) },
	}, "eni-"); {
	case len(in.NetworkInterfaceIDs) > 0:
		for _, id := range in.NetworkInterfaceIDs {
			r, err := c.findAnyENI(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, func(a, b *eniRec) int { return strings.Compare(a.i.ID(), b.i.ID()) })
	case ok:
		for _, id := range ids {
			if r := c.anyENI(k.scope, id); r != nil {
				rs = append(rs, r)
			}
		}
	default:
		rs = mapSlice(sortedIDs(c.enisIn[k.scope]), func(id string) *eniRec { return c.enis[id] })
		rs = append(rs, c.natENIs(k.scope)...)
		slices.SortFunc(rs, func(a, b *eniRec) int { return strings.Compare(a.i.ID(), b.i.ID()) })
	}
	rs = slices.DeleteFunc(rs, func(r *eniRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *eniRec) string { return r.i.ID() }, in.Page, eniPage, len(in.NetworkInterfaceIDs) > 0)
	if err != nil {
		return nil, err
	}
	return &DescribeNetworkInterfacesOutput{NetworkInterfaces: mapSlice(pageOf, c.eniOutput), NextToken: next}, nil
}

// writeInterfaces writes the network interfaces, in ID order, for
// [Cloud.WriteTo].
func (c *Cloud) writeInterfaces(put func(payload []byte, fields ...string), encode func(interface{ MarshalBinary() ([]byte, error) }) []byte) {
	for _, id := range sortedKeys(c.enis) {
		r := c.enis[id]
		put(encode(r.i), "networkInterface", r.owner.Account, r.owner.Region)
	}
}

// addInterface takes one network interface record into st.
func (st *state) addInterface(owner scope, payload []byte) error {
	var i eni.Interface
	if err := i.UnmarshalBinary(payload); err != nil {
		return err
	}
	if st.enis[i.ID()] != nil || i.OwnerID() != owner.Account || i.Region() != owner.Region {
		return fmt.Errorf("network interface %s twice or of another owner", i.ID())
	}
	st.enis[i.ID()] = &eniRec{owner: owner, i: i}
	return nil
}

// reindexInterfaces rebuilds the interface indexes of st.
func (st *state) reindexInterfaces() {
	for _, r := range st.enis {
		st.indexENI(r)
	}
}

// checkInterfaces verifies the references of st's interfaces: a subnet of
// the owner, an address of the subnet held once, groups of the VPC, a
// public address held once; st is indexed.
func (st *state) checkInterfaces() error {
	held := 0
	for _, m := range st.eniAddrs {
		held += len(m)
	}
	public := 0
	for id, r := range st.enis {
		i := r.i
		s, ok := st.subnets[i.SubnetID()]
		if !ok || subnetScope(s) != r.owner || s.VPCID() != i.VPCID() || s.Zone() != i.Zone() {
			return fmt.Errorf("network interface %s: its subnet %s is not its owner's or not of its VPC", id, i.SubnetID())
		}
		if err := eni.CheckAddress(s.CIDR(), i.PrivateIP()); err != nil {
			return fmt.Errorf("network interface %s: %w", id, err)
		}
		for _, g := range i.Groups() {
			if sg := st.sgs[g]; sg == nil || sg.owner != r.owner || sg.g.VPCID() != i.VPCID() {
				return fmt.Errorf("network interface %s: its security group %s is not of its VPC", id, g)
			}
		}
		if _, ok := i.PublicIP(); ok {
			public++
		}
	}
	if held != len(st.enis) || public != len(st.publicIPs) {
		return fmt.Errorf("an address is held by two network interfaces")
	}
	return nil
}

// addressTaken reports whether an address of subnet s is taken, by a
// network interface or by a NAT gateway.
func (c *Cloud) addressTaken(s subnet.Subnet) func(netip.Addr) bool {
	eni, nat := c.inUse(s.ID()), c.heldIPs(s)
	return func(a netip.Addr) bool { return eni(a) || nat[a] }
}
