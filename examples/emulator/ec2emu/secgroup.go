package ec2emu

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// The emulator models no security groups of its own; it answers for the
// default group EC2 creates with every VPC, which tools read back (Terraform's
// aws_vpc records its ID as default_security_group_id). The default group
// admits all traffic from its own members and lets all traffic out.

// defaultGroupName and defaultGroupDescription are EC2's for a VPC's
// default security group.
const (
	defaultGroupName        = "default"
	defaultGroupDescription = "default VPC security group"
)

// securityGroup is a VPC's default security group as Describe sees it.
type securityGroup struct {
	id  string
	vpc *vpc
}

type describeSecurityGroupsInput struct {
	IDs     []string `ec2:"GroupId"`
	Names   []string `ec2:"GroupName"`
	Filters []filter `ec2:"Filter"`
	page
}

type describeSecurityGroupsOutput struct {
	meta
	Groups    []securityGroupXML `xml:"securityGroupInfo>item"`
	NextToken string             `xml:"nextToken,omitempty"`
}

type securityGroupXML struct {
	OwnerID     string            `xml:"ownerId"`
	GroupID     string            `xml:"groupId"`
	GroupName   string            `xml:"groupName"`
	Description string            `xml:"groupDescription"`
	Ingress     []ipPermissionXML `xml:"ipPermissions>item"`
	Egress      []ipPermissionXML `xml:"ipPermissionsEgress>item"`
	VpcID       string            `xml:"vpcId"`
	ARN         string            `xml:"securityGroupArn"`
	Tags        []tagXML          `xml:"tagSet>item"`
}

type ipPermissionXML struct {
	Protocol string         `xml:"ipProtocol"`
	Groups   []groupPairXML `xml:"groups>item"`
	Ranges   []ipRangeXML   `xml:"ipRanges>item"`
}

type groupPairXML struct {
	UserID  string `xml:"userId"`
	GroupID string `xml:"groupId"`
}

type ipRangeXML struct {
	CidrIP string `xml:"cidrIp"`
}

var securityGroupFilters = filterFuncs[securityGroup]{
	"group-id":                      func(g securityGroup) []string { return []string{g.id} },
	"group-name":                    func(g securityGroup) []string { return []string{defaultGroupName} },
	"description":                   func(g securityGroup) []string { return []string{defaultGroupDescription} },
	"vpc-id":                        func(g securityGroup) []string { return []string{g.vpc.id} },
	"owner-id":                      func(g securityGroup) []string { return []string{g.vpc.owner.account} },
	"ip-permission.protocol":        func(g securityGroup) []string { return []string{"-1"} },
	"egress.ip-permission.protocol": func(g securityGroup) []string { return []string{"-1"} },
	"egress.ip-permission.cidr":     func(g securityGroup) []string { return []string{"0.0.0.0/0"} },
	"ip-permission.group-id":        func(g securityGroup) []string { return []string{g.id} },
}

// securityGroups returns the caller's default security groups, sorted by ID.
func (s *Server) securityGroups(c *call) []securityGroup {
	var out []securityGroup
	for _, v := range s.st.vpcs {
		if v.owner == c.scope() {
			out = append(out, securityGroup{s.attrsOf(v).securityGroup, v})
		}
	}
	slices.SortFunc(out, func(a, b securityGroup) int { return strings.Compare(a.id, b.id) })
	return out
}

func (s *Server) describeSecurityGroups(c *call, in *describeSecurityGroupsInput) (*describeSecurityGroupsOutput, error) {
	m, err := compileFilters(in.Filters, securityGroupFilters, func(g securityGroup) tag.Set { return s.tagsOf(c.scope(), g.id) })
	if err != nil {
		return nil, err
	}
	all := s.securityGroups(c)
	for _, id := range in.IDs {
		if err := ec2.SecurityGroup.ParseID(id); err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(all, func(g securityGroup) bool { return g.id == id }) {
			return nil, &ec2.Error{Code: ec2.SecurityGroup.NotFound,
				Message: fmt.Sprintf("The security group '%s' does not exist", id)}
		}
	}
	// GroupName names groups of the default VPC, which the emulator's
	// accounts do not have.
	for _, name := range in.Names {
		return nil, &ec2.Error{Code: ec2.SecurityGroup.NotFound,
			Message: fmt.Sprintf("The security group '%s' does not exist in default VPC 'none'", name)}
	}
	groups := slices.DeleteFunc(all, func(g securityGroup) bool {
		return (len(in.IDs) > 0 && !slices.Contains(in.IDs, g.id)) || !m.match(g)
	})
	pageOf, next, err := paginate(groups, func(g securityGroup) string { return g.id }, in.page, len(in.IDs) > 0, 5, 1000)
	if err != nil {
		return nil, err
	}
	out := &describeSecurityGroupsOutput{NextToken: next}
	for _, g := range pageOf {
		owner := g.vpc.owner
		out.Groups = append(out.Groups, securityGroupXML{
			OwnerID:     owner.account,
			GroupID:     g.id,
			GroupName:   defaultGroupName,
			Description: defaultGroupDescription,
			Ingress: []ipPermissionXML{{
				Protocol: "-1",
				Groups:   []groupPairXML{{UserID: owner.account, GroupID: g.id}},
			}},
			Egress: []ipPermissionXML{{
				Protocol: "-1",
				Ranges:   []ipRangeXML{{CidrIP: "0.0.0.0/0"}},
			}},
			VpcID: g.vpc.id,
			ARN:   fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", owner.region, owner.account, g.id),
			Tags:  tagsXML(s.tagsOf(owner, g.id)),
		})
	}
	return out, nil
}
