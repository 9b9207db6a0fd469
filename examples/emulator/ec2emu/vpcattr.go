package ec2emu

import (
	"fmt"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// This file serves the VPC calls that infrastructure tools make around a
// VPC's CIDR blocks: DescribeVpcAttribute, ModifyVpcAttribute and
// DisassociateVpcCidrBlock. Terraform's aws_vpc reads all three DNS and
// usage-metrics attributes on every refresh, and
// aws_vpc_ipv4_cidr_block_association disassociates its block on destroy.

// vpcAttrs is what a VPC has besides its CIDR blocks: its attributes and
// the IDs of the default security group and network ACL EC2 creates with
// it. A VPC's record is made on first use, with EC2's defaults.
type vpcAttrs struct {
	dnsSupport    bool // enableDnsSupport, true for a new VPC
	dnsHostnames  bool // enableDnsHostnames, false for a non-default VPC
	usageMetrics  bool // enableNetworkAddressUsageMetrics
	securityGroup string
	networkACL    string
}

// attrsOf returns v's attributes, creating them with EC2's defaults on
// first use; the caller holds s.mu.
func (s *Server) attrsOf(v *vpc) *vpcAttrs {
	if a := s.st.vpcAttrs[v.id]; a != nil {
		return a
	}
	if s.st.vpcAttrs == nil {
		s.st.vpcAttrs = make(map[string]*vpcAttrs)
	}
	a := &vpcAttrs{
		dnsSupport:    true,
		securityGroup: s.newID(ec2.SecurityGroup),
		networkACL:    s.newID(ec2.NetworkACL),
	}
	s.st.vpcAttrs[v.id] = a
	return a
}

// The attribute names of DescribeVpcAttribute, as EC2 spells them.
const (
	attrDNSSupport   = "enableDnsSupport"
	attrDNSHostnames = "enableDnsHostnames"
	attrUsageMetrics = "enableNetworkAddressUsageMetrics"
)

type describeVpcAttributeInput struct {
	VpcID     string `ec2:"VpcId,required"`
	Attribute string `ec2:"Attribute,required"`
}

// boolValueXML is EC2's AttributeBooleanValue: <x><value>true</value></x>.
type boolValueXML struct {
	Value bool `xml:"value"`
}

type describeVpcAttributeOutput struct {
	meta
	VpcID        string        `xml:"vpcId"`
	DNSSupport   *boolValueXML `xml:"enableDnsSupport,omitempty"`
	DNSHostnames *boolValueXML `xml:"enableDnsHostnames,omitempty"`
	UsageMetrics *boolValueXML `xml:"enableNetworkAddressUsageMetrics,omitempty"`
}

func (s *Server) describeVpcAttribute(c *call, in *describeVpcAttributeInput) (*describeVpcAttributeOutput, error) {
	v, err := s.findVPC(c, in.VpcID)
	if err != nil {
		return nil, err
	}
	a := s.attrsOf(v)
	out := &describeVpcAttributeOutput{VpcID: v.id}
	switch in.Attribute {
	case attrDNSSupport:
		out.DNSSupport = &boolValueXML{a.dnsSupport}
	case attrDNSHostnames:
		out.DNSHostnames = &boolValueXML{a.dnsHostnames}
	case attrUsageMetrics:
		out.UsageMetrics = &boolValueXML{a.usageMetrics}
	default:
		return nil, &ec2.Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Value (%s) for parameter attribute is invalid. Unknown attribute.", in.Attribute)}
	}
	return out, nil
}

// boolValueArg is an AttributeBooleanValue parameter: Name.Value=true.
type boolValueArg struct {
	Value bool `ec2:"Value"`
}

type modifyVpcAttributeInput struct {
	VpcID        string        `ec2:"VpcId,required"`
	DNSSupport   *boolValueArg `ec2:"EnableDnsSupport"`
	DNSHostnames *boolValueArg `ec2:"EnableDnsHostnames"`
	UsageMetrics *boolValueArg `ec2:"EnableNetworkAddressUsageMetrics"`
}

// modifyVpcAttribute sets one attribute per call, as EC2 insists.
func (s *Server) modifyVpcAttribute(c *call, in *modifyVpcAttributeInput) (*returnOutput, error) {
	v, err := s.findVPC(c, in.VpcID)
	if err != nil {
		return nil, err
	}
	var named []string
	if in.DNSHostnames != nil {
		named = append(named, attrDNSHostnames)
	}
	if in.DNSSupport != nil {
		named = append(named, attrDNSSupport)
	}
	if in.UsageMetrics != nil {
		named = append(named, attrUsageMetrics)
	}
	switch len(named) {
	case 0:
		return nil, &ec2.Error{Code: ec2.MissingParameter,
			Message: "The request must contain exactly one of the parameters EnableDnsSupport, EnableDnsHostnames or EnableNetworkAddressUsageMetrics"}
	case 1:
	default:
		return nil, &ec2.Error{Code: ec2.InvalidParameterCombination,
			Message: "Fields for multiple attribute types specified: " + strings.Join(named, ", ")}
	}
	a := s.attrsOf(v)
	switch {
	case in.DNSSupport != nil:
		a.dnsSupport = in.DNSSupport.Value
	case in.DNSHostnames != nil:
		a.dnsHostnames = in.DNSHostnames.Value
	case in.UsageMetrics != nil:
		a.usageMetrics = in.UsageMetrics.Value
	}
	return &returnOutput{Return: true}, nil
}

type disassociateVpcCidrBlockInput struct {
	AssociationID string `ec2:"AssociationId,required"`
}

type disassociateVpcCidrBlockOutput struct {
	meta
	Assoc vpcBlockXML `xml:"cidrBlockAssociation"`
	VpcID string      `xml:"vpcId"`
}

// disassociateVpcCidrBlock removes a secondary IPv4 block. The primary
// block stays with the VPC for its life. The block is gone by the next
// request: the answer says "disassociating", a later DescribeVpcs no longer
// lists it.
func (s *Server) disassociateVpcCidrBlock(c *call, in *disassociateVpcCidrBlockInput) (*disassociateVpcCidrBlockOutput, error) {
	notFound := &ec2.Error{Code: "InvalidVpcCidrBlockAssociationID.NotFound",
		Message: fmt.Sprintf("The vpc CIDR block association ID '%s' does not exist", in.AssociationID)}
	if !ec2.VPCCIDRAssociation.IsID(in.AssociationID) {
		return nil, notFound
	}
	for _, v := range s.st.vpcs {
		if v.owner != c.scope() {
			continue
		}
		for i, b := range v.blocks {
			if b.assocID != in.AssociationID {
				continue
			}
			if i == 0 {
				return nil, &ec2.Error{Code: ec2.OperationNotPermitted,
					Message: fmt.Sprintf("The vpc CIDR block with association ID %s may not be disassociated. It is the primary IPv4 CIDR block of the VPC", b.assocID)}
			}
			if err := s.st.peering.RemoveVPCCIDR(v.ref(), b.prefix, c.now); err != nil {
				return nil, err
			}
			v.blocks = append(v.blocks[:i:i], v.blocks[i+1:]...)
			s.vpcBlockRemoved(c, v, b.prefix)
			return &disassociateVpcCidrBlockOutput{
				Assoc: vpcBlockXML{b.assocID, b.prefix.String(), cidrStateXML{"disassociating"}},
				VpcID: v.id,
			}, nil
		}
	}
	return nil, notFound
}
