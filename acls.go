package vpcmodel

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// Network ACLs: every VPC gets a default ACL from EC2 (Terraform's aws_vpc
// records its ID); callers create, fill and delete others, and move
// subnets between them. One ACL's entries are package acl's; the Cloud
// keeps which ACL each subnet is associated with.

// aclRec is one network ACL and the scope that owns it.
type aclRec struct {
	owner scope
	a     acl.ACL
}

// MaxNetworkACLsPerVPC is EC2's default quota of network ACLs per VPC
// ("Network ACLs per VPC: 200"), the default ACL included.
const MaxNetworkACLsPerVPC = 200

// aclAssociation is the ID kind of a subnet's network ACL association.
var aclAssociation = ec2.Kind{Prefix: "aclassoc", Name: "association", Malformed: ec2.InvalidParameterValue, NotFound: ec2.AssociationIDNotFound}

func (c *Cloud) addACL(r *aclRec) {
	c.acls[r.a.ID()] = r
	addID(c.aclsIn, r.owner, r.a.ID())
	addID(c.aclsByVPC, r.a.VPCID(), r.a.ID())
	for _, as := range r.a.Associations() {
		c.aclAssocs[as.ID] = r.a.ID()
		c.aclOfSubnet[as.SubnetID] = as.ID
	}
}

func (c *Cloud) removeACL(r *aclRec) {
	for _, as := range r.a.Associations() {
		delete(c.aclAssocs, as.ID)
		delete(c.aclOfSubnet, as.SubnetID)
	}
	delete(c.acls, r.a.ID())
	removeID(c.aclsIn, r.owner, r.a.ID())
	removeID(c.aclsByVPC, r.a.VPCID(), r.a.ID())
	c.dropTags(r.a.ID())
}

// aclsOfVPC returns the network ACLs of a VPC, in ID order.
func (c *Cloud) aclsOfVPC(sc scope, vpcID string) []*aclRec {
	var out []*aclRec
	for _, id := range sortedIDs(c.aclsByVPC[vpcID]) {
		if r := c.acls[id]; r.owner == sc {
			out = append(out, r)
		}
	}
	return out
}

// findNetworkACL returns the caller's network ACL id.
func (c *Cloud) findNetworkACL(k *call, id string) (*aclRec, error) {
	if err := ec2.NetworkACL.ParseID(id); err != nil {
		return nil, err
	}
	if r := c.acls[id]; r != nil && r.owner == k.scope {
		return r, nil
	}
	return nil, &Error{Code: ec2.NetworkACL.NotFound, Message: fmt.Sprintf("The network ACL '%s' does not exist", id)}
}

// associateDefaultNetworkACL associates a new subnet of VPC vpcID with the
// VPC's default network ACL, as EC2 does for every new subnet, and returns
// the association's ID ("aclassoc-..."). It reads one ID from the random
// source, so CreateSubnet calls it after its own checks; the caller holds
// c.mu. It is how subnets join the ACL model: DescribeNetworkAcls then
// lists the association, and ReplaceNetworkAclAssociation can move it.
func (c *Cloud) associateDefaultNetworkACL(vpcID, subnetID string) (string, error) {
	v := c.vpcs[vpcID]
	if v == nil {
		return "", ec2.VPC.NotFoundError(vpcID, nil)
	}
	r := c.acls[v.acl]
	id, err := c.newID(aclAssociation)
	if err != nil {
		return "", err
	}
	r.a = r.a.Associate(acl.Association{ID: id, SubnetID: subnetID})
	c.aclAssocs[id] = r.a.ID()
	c.aclOfSubnet[subnetID] = id
	return id, nil
}

// disassociateNetworkACL forgets a deleted subnet's network ACL
// association; DeleteSubnet calls it, holding c.mu.
func (c *Cloud) disassociateNetworkACL(subnetID string) {
	id := c.aclOfSubnet[subnetID]
	if r := c.acls[c.aclAssocs[id]]; r != nil {
		r.a, _, _ = r.a.Disassociate(id)
	}
	delete(c.aclAssocs, id)
	delete(c.aclOfSubnet, subnetID)
}

// NetworkACL is a network ACL as DescribeNetworkAcls shows it.
type NetworkACL struct {
	Associations []NetworkACLAssociation `ec2:"AssociationSet"`
	Entries      []NetworkACLEntry       `ec2:"EntrySet"`
	IsDefault    bool                    `ec2:"Default"`
	NetworkACLID string                  `ec2:"NetworkAclId"`
	Tags         []Tag                   `ec2:"TagSet"`
	VPCID        string                  `ec2:"VpcId"`
	OwnerID      string                  `ec2:"OwnerId"`
}

// NetworkACLAssociation is a subnet's association with a network ACL.
type NetworkACLAssociation struct {
	NetworkACLAssociationID string `ec2:"NetworkAclAssociationId"`
	NetworkACLID            string `ec2:"NetworkAclId"`
	SubnetID                string `ec2:"SubnetId"`
}

// NetworkACLEntry is one entry of a network ACL.
type NetworkACLEntry struct {
	RuleNumber    int                    `ec2:"RuleNumber"`
	Protocol      string                 `ec2:"Protocol"`
	RuleAction    string                 `ec2:"RuleAction"`
	Egress        bool                   `ec2:"Egress"`
	CIDRBlock     string                 `ec2:"CidrBlock,omitempty"`
	IPv6CIDRBlock string                 `ec2:"Ipv6CidrBlock,omitempty"`
	PortRange     Optional[PortRange]    `ec2:"PortRange"`
	ICMPTypeCode  Optional[ICMPTypeCode] `ec2:"IcmpTypeCode"`
}

// PortRange is the port range of a tcp or udp entry.
type PortRange struct {
	From int `ec2:"From"`
	To   int `ec2:"To"`
}

// ICMPTypeCode is the ICMP type and code of an icmp entry; -1 means all.
type ICMPTypeCode struct {
	Code int `ec2:"Code"`
	Type int `ec2:"Type"`
}

func entryOutput(e acl.Entry) NetworkACLEntry {
	out := NetworkACLEntry{RuleNumber: e.RuleNumber, Protocol: strconv.Itoa(e.Protocol), RuleAction: string(e.Action), Egress: e.Egress}
	if e.IsIPv6() {
		out.IPv6CIDRBlock = e.CIDR.String()
	} else {
		out.CIDRBlock = e.CIDR.String()
	}
	switch e.Protocol {
	case acl.ProtocolTCP, acl.ProtocolUDP:
		out.PortRange = Some(PortRange{e.PortFrom, e.PortTo})
	case acl.ProtocolICMP, acl.ProtocolICMPv6:
		out.ICMPTypeCode = Some(ICMPTypeCode{Code: e.ICMPCode, Type: e.ICMPType})
	}
	return out
}

func (c *Cloud) aclOutput(r *aclRec) NetworkACL {
	a := r.a
	return NetworkACL{
		Associations: mapSlice(a.Associations(), func(as acl.Association) NetworkACLAssociation {
			return NetworkACLAssociation{as.ID, a.ID(), as.SubnetID}
		}),
		Entries:      mapSlice(a.Entries(), entryOutput),
		IsDefault:    a.IsDefault(),
		NetworkACLID: a.ID(),
		Tags:         tagList(c.tagsOf(r.owner, a.ID())),
		VPCID:        a.VPCID(),
		OwnerID:      a.OwnerID(),
	}
}

// CreateNetworkAclInput is the input of [Cloud.CreateNetworkAcl].
type CreateNetworkAclInput struct {
	VPCID             string             `ec2:"VpcId,required"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// CreateNetworkAclOutput is the output of [Cloud.CreateNetworkAcl].
type CreateNetworkAclOutput struct {
	NetworkACL NetworkACL `ec2:"NetworkAcl"`
}

func (c *Cloud) createNetworkAcl(k *call, in *CreateNetworkAclInput) (*CreateNetworkAclOutput, error) {
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	if len(c.aclsOfVPC(k.scope, v.v.ID())) >= MaxNetworkACLsPerVPC {
		return nil, &Error{Code: "NetworkAclLimitExceeded", Message: "The maximum number of network ACLs has been reached."}
	}
	tags, err := tagsFor(in.TagSpecifications, "network-acl")
	if err != nil {
		return nil, err
	}
	id, err := c.newID(ec2.NetworkACL)
	if err != nil {
		return nil, err
	}
	r := &aclRec{owner: k.scope, a: acl.New(id, v.v.ID(), k.Account)}
	c.addACL(r)
	c.setTags(k.scope, id, tags)
	return &CreateNetworkAclOutput{NetworkACL: c.aclOutput(r)}, nil
}

// DeleteNetworkAclInput is the input of [Cloud.DeleteNetworkAcl].
type DeleteNetworkAclInput struct {
	NetworkACLID string `ec2:"NetworkAclId,required"`
}

// DeleteNetworkAclOutput is the output of [Cloud.DeleteNetworkAcl].
type DeleteNetworkAclOutput = ReturnOutput

func (c *Cloud) deleteNetworkAcl(k *call, in *DeleteNetworkAclInput) (*ReturnOutput, error) {
	r, err := c.findNetworkACL(k, in.NetworkACLID)
	if err != nil {
		return nil, err
	}
	if err := r.a.CheckDelete(); err != nil {
		return nil, err
	}
	c.removeACL(r)
	return &ReturnOutput{Return: true}, nil
}

// CreateNetworkAclEntryInput is the input of [Cloud.CreateNetworkAclEntry]
// and [Cloud.ReplaceNetworkAclEntry].
type CreateNetworkAclEntryInput struct {
	NetworkACLID  string                 `ec2:"NetworkAclId,required"`
	RuleNumber    int                    `ec2:"RuleNumber,required"`
	Protocol      string                 `ec2:"Protocol,required"`
	RuleAction    string                 `ec2:"RuleAction,required"`
	Egress        bool                   `ec2:"Egress"`
	CIDRBlock     string                 `ec2:"CidrBlock"`
	IPv6CIDRBlock string                 `ec2:"Ipv6CidrBlock"`
	PortRange     Optional[PortRange]    `ec2:"PortRange"`
	ICMPTypeCode  Optional[ICMPTypeCode] `ec2:"Icmp"`
}

// ReplaceNetworkAclEntryInput is the input of [Cloud.ReplaceNetworkAclEntry].
type ReplaceNetworkAclEntryInput = CreateNetworkAclEntryInput

// CreateNetworkAclEntryOutput is the output of [Cloud.CreateNetworkAclEntry].
type CreateNetworkAclEntryOutput = ReturnOutput

// ReplaceNetworkAclEntryOutput is the output of [Cloud.ReplaceNetworkAclEntry].
type ReplaceNetworkAclEntryOutput = ReturnOutput

func (in *CreateNetworkAclEntryInput) spec() acl.EntrySpec {
	return acl.EntrySpec{RuleNumber: in.RuleNumber, Egress: in.Egress, Action: in.RuleAction, Protocol: in.Protocol,
		CIDRBlock: in.CIDRBlock, IPv6CIDRBlock: in.IPv6CIDRBlock,
		HasPortRange: in.PortRange.Set, PortFrom: in.PortRange.Value.From, PortTo: in.PortRange.Value.To,
		HasICMP: in.ICMPTypeCode.Set, ICMPType: in.ICMPTypeCode.Value.Type, ICMPCode: in.ICMPTypeCode.Value.Code}
}

func (c *Cloud) createNetworkAclEntry(k *call, in *CreateNetworkAclEntryInput) (*ReturnOutput, error) {
	r, err := c.findNetworkACL(k, in.NetworkACLID)
	if err != nil {
		return nil, err
	}
	next, err := r.a.CreateEntry(in.spec(), 0)
	if err != nil {
		return nil, err
	}
	r.a = next
	return &ReturnOutput{Return: true}, nil
}

func (c *Cloud) replaceNetworkAclEntry(k *call, in *CreateNetworkAclEntryInput) (*ReturnOutput, error) {
	r, err := c.findNetworkACL(k, in.NetworkACLID)
	if err != nil {
		return nil, err
	}
	next, err := r.a.ReplaceEntry(in.spec())
	if err != nil {
		return nil, err
	}
	r.a = next
	return &ReturnOutput{Return: true}, nil
}

// DeleteNetworkAclEntryInput is the input of [Cloud.DeleteNetworkAclEntry].
type DeleteNetworkAclEntryInput struct {
	NetworkACLID string `ec2:"NetworkAclId,required"`
	RuleNumber   int    `ec2:"RuleNumber,required"`
	Egress       bool   `ec2:"Egress,required"`
}

// DeleteNetworkAclEntryOutput is the output of [Cloud.DeleteNetworkAclEntry].
type DeleteNetworkAclEntryOutput = ReturnOutput

func (c *Cloud) deleteNetworkAclEntry(k *call, in *DeleteNetworkAclEntryInput) (*ReturnOutput, error) {
	r, err := c.findNetworkACL(k, in.NetworkACLID)
	if err != nil {
		return nil, err
	}
	next, err := r.a.DeleteEntry(in.Egress, in.RuleNumber)
	if err != nil {
		return nil, err
	}
	r.a = next
	return &ReturnOutput{Return: true}, nil
}

// ReplaceNetworkAclAssociationInput is the input of
// [Cloud.ReplaceNetworkAclAssociation].
type ReplaceNetworkAclAssociationInput struct {
	AssociationID string `ec2:"AssociationId,required"`
	NetworkACLID  string `ec2:"NetworkAclId,required"`
}

// ReplaceNetworkAclAssociationOutput is the output of
// [Cloud.ReplaceNetworkAclAssociation].
type ReplaceNetworkAclAssociationOutput struct {
	NewAssociationID string `ec2:"NewAssociationId"`
}

func (c *Cloud) replaceNetworkAclAssociation(k *call, in *ReplaceNetworkAclAssociationInput) (*ReplaceNetworkAclAssociationOutput, error) {
	from := c.acls[c.aclAssocs[in.AssociationID]]
	if !aclAssociation.IsID(in.AssociationID) || from == nil || from.owner != k.scope {
		return nil, &Error{Code: ec2.AssociationIDNotFound,
			Message: fmt.Sprintf("The association ID '%s' does not exist", in.AssociationID)}
	}
	to, err := c.findNetworkACL(k, in.NetworkACLID)
	if err != nil {
		return nil, err
	}
	if to.a.VPCID() != from.a.VPCID() {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("Network ACL %s and association %s belong to different VPCs.", to.a.ID(), in.AssociationID)}
	}
	if to == from {
		return &ReplaceNetworkAclAssociationOutput{NewAssociationID: in.AssociationID}, nil
	}
	id, err := c.newID(aclAssociation)
	if err != nil {
		return nil, err
	}
	var old acl.Association
	from.a, old, _ = from.a.Disassociate(in.AssociationID)
	delete(c.aclAssocs, in.AssociationID)
	to.a = to.a.Associate(acl.Association{ID: id, SubnetID: old.SubnetID})
	c.aclAssocs[id] = to.a.ID()
	c.aclOfSubnet[old.SubnetID] = id
	return &ReplaceNetworkAclAssociationOutput{NewAssociationID: id}, nil
}

// DescribeNetworkAclsInput is the input of [Cloud.DescribeNetworkAcls].
type DescribeNetworkAclsInput struct {
	NetworkACLIDs []string `ec2:"NetworkAclId"`
	Filters       []Filter `ec2:"Filter"`
	Page
}

// DescribeNetworkAclsOutput is the output of [Cloud.DescribeNetworkAcls].
type DescribeNetworkAclsOutput struct {
	NetworkACLs []NetworkACL `ec2:"NetworkAclSet"`
	NextToken   string       `ec2:"NextToken,omitempty"`
}

func aclEntryValues(f func(acl.Entry) (string, bool)) func(*aclRec) []string {
	return func(r *aclRec) []string {
		var out []string
		for _, e := range r.a.Entries() {
			if v, ok := f(e); ok {
				out = append(out, v)
			}
		}
		return out
	}
}

func aclAssocValues(f func(acl.Association) string) func(*aclRec) []string {
	return func(r *aclRec) []string { return mapSlice(r.a.Associations(), f) }
}

var networkACLFilters = filterFuncs[*aclRec]{
	"network-acl-id":             func(r *aclRec) []string { return []string{r.a.ID()} },
	"vpc-id":                     func(r *aclRec) []string { return []string{r.a.VPCID()} },
	"owner-id":                   func(r *aclRec) []string { return []string{r.a.OwnerID()} },
	"default":                    func(r *aclRec) []string { return []string{strconv.FormatBool(r.a.IsDefault())} },
	"association.association-id": aclAssocValues(func(as acl.Association) string { return as.ID }),
	"association.subnet-id":      aclAssocValues(func(as acl.Association) string { return as.SubnetID }),
	"association.network-acl-id": func(r *aclRec) []string {
		if len(r.a.Associations()) == 0 {
			return nil
		}
		return []string{r.a.ID()}
	},
	"entry.rule-number": aclEntryValues(func(e acl.Entry) (string, bool) { return strconv.Itoa(e.RuleNumber), true }),
	"entry.rule-action": aclEntryValues(func(e acl.Entry) (string, bool) { return string(e.Action), true }),
	"entry.protocol":    aclEntryValues(func(e acl.Entry) (string, bool) { return strconv.Itoa(e.Protocol), true }),
	"entry.egress":      aclEntryValues(func(e acl.Entry) (string, bool) { return strconv.FormatBool(e.Egress), true }),
	"entry.cidr":        aclEntryValues(func(e acl.Entry) (string, bool) { return e.CIDR.String(), !e.IsIPv6() }),
	"entry.ipv6-cidr":   aclEntryValues(func(e acl.Entry) (string, bool) { return e.CIDR.String(), e.IsIPv6() }),
	"entry.port-range.from": aclEntryValues(func(e acl.Entry) (string, bool) {
		return strconv.Itoa(e.PortFrom), e.Protocol == acl.ProtocolTCP || e.Protocol == acl.ProtocolUDP
	}),
	"entry.port-range.to": aclEntryValues(func(e acl.Entry) (string, bool) {
		return strconv.Itoa(e.PortTo), e.Protocol == acl.ProtocolTCP || e.Protocol == acl.ProtocolUDP
	}),
	"entry.icmp.type": aclEntryValues(func(e acl.Entry) (string, bool) {
		return strconv.Itoa(e.ICMPType), e.Protocol == acl.ProtocolICMP || e.Protocol == acl.ProtocolICMPv6
	}),
	"entry.icmp.code": aclEntryValues(func(e acl.Entry) (string, bool) {
		return strconv.Itoa(e.ICMPCode), e.Protocol == acl.ProtocolICMP || e.Protocol == acl.ProtocolICMPv6
	}),
}

func (c *Cloud) describeNetworkAcls(k *call, in *DescribeNetworkAclsInput) (*DescribeNetworkAclsOutput, error) {
	if err := in.Page.check(aclPage, len(in.NetworkACLIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, networkACLFilters, func(r *aclRec) tag.Set { return c.tagsOf(k.scope, r.a.ID()) })
	if err != nil {
		return nil, err
	}
	for _, id := range in.NetworkACLIDs {
		if _, err := c.findNetworkACL(k, id); err != nil {
			return nil, err
		}
	}
	var acls []*aclRec
	if ids, ok := c.narrow(k, withIDs("network-acl-id", in.NetworkACLIDs, in.Filters), map[string]lookup{
		"network-acl-id": func(v string) []string { return []string{v} },
		"vpc-id": func(v string) []string {
			return mapSlice(c.aclsOfVPC(k.scope, v), func(r *aclRec) string { return r.a.ID() })
		},
		"association.association-id": func(v string) []string {
			if id := c.aclAssocs[v]; id != "" {
				return []string{id}
			}
			return nil
		},
	}, "acl-"); ok {
		for _, id := range ids {
			if r, err := c.findNetworkACL(k, id); err == nil {
				acls = append(acls, r)
			}
		}
	} else {
		acls = mapSlice(sortedIDs(c.aclsIn[k.scope]), func(id string) *aclRec { return c.acls[id] })
	}
	acls = slices.DeleteFunc(acls, func(r *aclRec) bool {
		return (len(in.NetworkACLIDs) > 0 && !slices.Contains(in.NetworkACLIDs, r.a.ID())) || !m.match(r)
	})
	pageOf, next, err := paginate(acls, func(r *aclRec) string { return r.a.ID() }, in.Page, aclPage, len(in.NetworkACLIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeNetworkAclsOutput{NextToken: next}
	for _, r := range pageOf {
		out.NetworkACLs = append(out.NetworkACLs, c.aclOutput(r))
	}
	return out, nil
}
