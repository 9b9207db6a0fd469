package vpcmodel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// Every VPC gets a default security group and a default network ACL from
// EC2. Tools read them back (Terraform's aws_vpc records their IDs), so the
// Cloud describes them and lets callers tag them.

// defaultGroupName and defaultGroupDescription are EC2's for a VPC's
// default security group.
const (
	defaultGroupName        = "default"
	defaultGroupDescription = "default VPC security group"
)

// DescribeSecurityGroupsInput is the input of [Cloud.DescribeSecurityGroups].
type DescribeSecurityGroupsInput struct {
	GroupIDs   []string `ec2:"GroupId"`
	GroupNames []string `ec2:"GroupName"`
	Filters    []Filter `ec2:"Filter"`
	Page
}

// DescribeSecurityGroupsOutput is the output of
// [Cloud.DescribeSecurityGroups].
type DescribeSecurityGroupsOutput struct {
	SecurityGroups []SecurityGroup `ec2:"SecurityGroupInfo"`
	NextToken      string          `ec2:"NextToken,omitempty"`
}

// SecurityGroup is a security group as DescribeSecurityGroups shows it.
type SecurityGroup struct {
	OwnerID             string         `ec2:"OwnerId"`
	GroupID             string         `ec2:"GroupId"`
	GroupName           string         `ec2:"GroupName"`
	Description         string         `ec2:"GroupDescription"`
	IPPermissions       []IPPermission `ec2:"IpPermissions"`
	IPPermissionsEgress []IPPermission `ec2:"IpPermissionsEgress"`
	VPCID               string         `ec2:"VpcId"`
	SecurityGroupARN    string         `ec2:"SecurityGroupArn"`
	Tags                []Tag          `ec2:"TagSet"`
}

// IPPermission is one rule of a security group.
type IPPermission struct {
	IPProtocol       string            `ec2:"IpProtocol"`
	UserIDGroupPairs []UserIDGroupPair `ec2:"Groups"`
	IPRanges         []IPRange         `ec2:"IpRanges"`
}

// UserIDGroupPair is a security group a rule refers to.
type UserIDGroupPair struct {
	UserID  string `ec2:"UserId"`
	GroupID string `ec2:"GroupId"`
}

// IPRange is an IPv4 range a rule refers to.
type IPRange struct {
	CIDRIP string `ec2:"CidrIp"`
}

// securityGroup is a VPC's default security group as Describe sees it.
type securityGroup struct {
	id  string
	vpc *vpcRec
}

var securityGroupFilters = filterFuncs[securityGroup]{
	"group-id":                      func(g securityGroup) []string { return []string{g.id} },
	"group-name":                    func(g securityGroup) []string { return []string{defaultGroupName} },
	"description":                   func(g securityGroup) []string { return []string{defaultGroupDescription} },
	"vpc-id":                        func(g securityGroup) []string { return []string{g.vpc.v.ID()} },
	"owner-id":                      func(g securityGroup) []string { return []string{g.vpc.v.OwnerID()} },
	"ip-permission.protocol":        func(g securityGroup) []string { return []string{"-1"} },
	"egress.ip-permission.protocol": func(g securityGroup) []string { return []string{"-1"} },
	"egress.ip-permission.cidr":     func(g securityGroup) []string { return []string{"0.0.0.0/0"} },
	"ip-permission.group-id":        func(g securityGroup) []string { return []string{g.id} },
}

// securityGroups returns the caller's default security groups, sorted by ID.
func (c *Cloud) securityGroups(k *call) []securityGroup {
	out := mapSlice(c.vpcsOf(k.scope), func(r *vpcRec) securityGroup { return securityGroup{r.sg, r} })
	slices.SortFunc(out, func(a, b securityGroup) int { return strings.Compare(a.id, b.id) })
	return out
}

// findSecurityGroup returns the caller's security group id.
func (c *Cloud) findSecurityGroup(k *call, id string) (securityGroup, error) {
	if err := ec2.SecurityGroup.ParseID(id); err != nil {
		return securityGroup{}, err
	}
	if r := c.byPart[id]; r != nil && r.sg == id && r.owner() == k.scope {
		return securityGroup{id, r}, nil
	}
	return securityGroup{}, &Error{Code: ec2.SecurityGroup.NotFound,
		Message: fmt.Sprintf("The security group '%s' does not exist", id)}
}

func (c *Cloud) describeSecurityGroups(k *call, in *DescribeSecurityGroupsInput) (*DescribeSecurityGroupsOutput, error) {
	m, err := compileFilters(in.Filters, securityGroupFilters, func(g securityGroup) tag.Set { return c.tagsOf(k.scope, g.id) })
	if err != nil {
		return nil, err
	}
	for _, id := range in.GroupIDs {
		if _, err := c.findSecurityGroup(k, id); err != nil {
			return nil, err
		}
	}
	// GroupName names groups of the default VPC, which the Cloud's accounts
	// do not have.
	for _, name := range in.GroupNames {
		return nil, &Error{Code: ec2.SecurityGroup.NotFound,
			Message: fmt.Sprintf("The security group '%s' does not exist in default VPC 'none'", name)}
	}
	var groups []securityGroup
	if ids, ok := c.narrow(k, withIDs("group-id", in.GroupIDs, in.Filters), map[string]lookup{
		"group-id": func(v string) []string { return []string{v} },
		"vpc-id":   func(v string) []string { return c.partOf(v, func(r *vpcRec) string { return r.sg }) },
	}, "sg-"); ok {
		for _, id := range ids {
			if g, err := c.findSecurityGroup(k, id); err == nil {
				groups = append(groups, g)
			}
		}
	} else {
		groups = c.securityGroups(k)
	}
	groups = slices.DeleteFunc(groups, func(g securityGroup) bool {
		return (len(in.GroupIDs) > 0 && !slices.Contains(in.GroupIDs, g.id)) || !m.match(g)
	})
	pageOf, next, err := paginate(groups, func(g securityGroup) string { return g.id }, in.Page, defaultPage, len(in.GroupIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeSecurityGroupsOutput{NextToken: next}
	for _, g := range pageOf {
		owner := g.vpc.owner()
		out.SecurityGroups = append(out.SecurityGroups, SecurityGroup{
			OwnerID:     owner.Account,
			GroupID:     g.id,
			GroupName:   defaultGroupName,
			Description: defaultGroupDescription,
			IPPermissions: []IPPermission{{
				IPProtocol:       "-1",
				UserIDGroupPairs: []UserIDGroupPair{{UserID: owner.Account, GroupID: g.id}},
			}},
			IPPermissionsEgress: []IPPermission{{
				IPProtocol: "-1",
				IPRanges:   []IPRange{{CIDRIP: "0.0.0.0/0"}},
			}},
			VPCID:            g.vpc.v.ID(),
			SecurityGroupARN: fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", owner.Region, owner.Account, g.id),
			Tags:             tagList(c.tagsOf(owner, g.id)),
		})
	}
	return out, nil
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

// NetworkACL is a network ACL as DescribeNetworkAcls shows it.
type NetworkACL struct {
	NetworkACLID string            `ec2:"NetworkAclId"`
	VPCID        string            `ec2:"VpcId"`
	IsDefault    bool              `ec2:"Default"`
	Entries      []NetworkACLEntry `ec2:"EntrySet"`
	Tags         []Tag             `ec2:"TagSet"`
	OwnerID      string            `ec2:"OwnerId"`
}

// NetworkACLEntry is one rule of a network ACL.
type NetworkACLEntry struct {
	RuleNumber int    `ec2:"RuleNumber"`
	Protocol   string `ec2:"Protocol"`
	RuleAction string `ec2:"RuleAction"`
	Egress     bool   `ec2:"Egress"`
	CIDRBlock  string `ec2:"CidrBlock"`
}

// defaultACLEntries are the rules of every default network ACL: allow all,
// then deny all, in each direction.
var defaultACLEntries = []NetworkACLEntry{
	{100, "-1", "allow", true, "0.0.0.0/0"},
	{32767, "-1", "deny", true, "0.0.0.0/0"},
	{100, "-1", "allow", false, "0.0.0.0/0"},
	{32767, "-1", "deny", false, "0.0.0.0/0"},
}

// networkACL is a VPC's default network ACL as Describe sees it.
type networkACL struct {
	id  string
	vpc *vpcRec
}

var networkACLFilters = filterFuncs[networkACL]{
	"network-acl-id": func(a networkACL) []string { return []string{a.id} },
	"vpc-id":         func(a networkACL) []string { return []string{a.vpc.v.ID()} },
	"owner-id":       func(a networkACL) []string { return []string{a.vpc.v.OwnerID()} },
	"default":        func(a networkACL) []string { return []string{"true"} },
	"entry.rule-number": func(a networkACL) []string {
		return mapSlice(defaultACLEntries, func(e NetworkACLEntry) string { return strconv.Itoa(e.RuleNumber) })
	},
	"entry.rule-action": func(a networkACL) []string { return []string{"allow", "deny"} },
	"entry.protocol":    func(a networkACL) []string { return []string{"-1"} },
	"entry.cidr":        func(a networkACL) []string { return []string{"0.0.0.0/0"} },
	"entry.egress":      func(a networkACL) []string { return []string{"true", "false"} },
}

// networkACLs returns the caller's default network ACLs, sorted by ID.
func (c *Cloud) networkACLs(k *call) []networkACL {
	out := mapSlice(c.vpcsOf(k.scope), func(r *vpcRec) networkACL { return networkACL{r.acl, r} })
	slices.SortFunc(out, func(a, b networkACL) int { return strings.Compare(a.id, b.id) })
	return out
}

// findNetworkACL returns the caller's network ACL id.
func (c *Cloud) findNetworkACL(k *call, id string) (networkACL, error) {
	if err := ec2.NetworkACL.ParseID(id); err != nil {
		return networkACL{}, err
	}
	if r := c.byPart[id]; r != nil && r.acl == id && r.owner() == k.scope {
		return networkACL{id, r}, nil
	}
	return networkACL{}, &Error{Code: ec2.NetworkACL.NotFound,
		Message: fmt.Sprintf("The network ACL '%s' does not exist", id)}
}

func (c *Cloud) describeNetworkAcls(k *call, in *DescribeNetworkAclsInput) (*DescribeNetworkAclsOutput, error) {
	m, err := compileFilters(in.Filters, networkACLFilters, func(a networkACL) tag.Set { return c.tagsOf(k.scope, a.id) })
	if err != nil {
		return nil, err
	}
	for _, id := range in.NetworkACLIDs {
		if _, err := c.findNetworkACL(k, id); err != nil {
			return nil, err
		}
	}
	var acls []networkACL
	if ids, ok := c.narrow(k, withIDs("network-acl-id", in.NetworkACLIDs, in.Filters), map[string]lookup{
		"network-acl-id": func(v string) []string { return []string{v} },
		"vpc-id":         func(v string) []string { return c.partOf(v, func(r *vpcRec) string { return r.acl }) },
	}, "acl-"); ok {
		for _, id := range ids {
			if a, err := c.findNetworkACL(k, id); err == nil {
				acls = append(acls, a)
			}
		}
	} else {
		acls = c.networkACLs(k)
	}
	acls = slices.DeleteFunc(acls, func(a networkACL) bool {
		return (len(in.NetworkACLIDs) > 0 && !slices.Contains(in.NetworkACLIDs, a.id)) || !m.match(a)
	})
	pageOf, next, err := paginate(acls, func(a networkACL) string { return a.id }, in.Page, defaultPage, len(in.NetworkACLIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeNetworkAclsOutput{NextToken: next}
	for _, a := range pageOf {
		out.NetworkACLs = append(out.NetworkACLs, NetworkACL{
			NetworkACLID: a.id,
			VPCID:        a.vpc.v.ID(),
			IsDefault:    true,
			Entries:      slices.Clone(defaultACLEntries),
			Tags:         tagList(c.tagsOf(a.vpc.owner(), a.id)),
			OwnerID:      a.vpc.v.OwnerID(),
		})
	}
	return out, nil
}

// partOf returns the ID part gives of VPC vpcID (its default security
// group or network ACL), or nothing when there is no such VPC.
func (c *Cloud) partOf(vpcID string, part func(*vpcRec) string) []string {
	if r := c.vpcs[vpcID]; r != nil {
		return []string{part(r)}
	}
	return nil
}

// withIDs returns filters preceded by a filter on the IDs a Describe names,
// when it names some, so that narrow starts from them.
func withIDs(name string, ids []string, filters []Filter) []Filter {
	if len(ids) == 0 {
		return filters
	}
	return append([]Filter{{Name: name, Values: ids}}, filters...)
}
