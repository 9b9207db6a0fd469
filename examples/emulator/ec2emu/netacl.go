package ec2emu

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// The emulator models no network ACLs of its own; it answers for the default
// ACL EC2 creates with every VPC, which tools read back (Terraform's aws_vpc
// records its ID as default_network_acl_id). The default ACL allows all
// traffic in and out (rule 100), after which the catch-all rule 32767 denies.

// networkACL is a VPC's default network ACL as Describe sees it.
type networkACL struct {
	id  string
	vpc *vpc
}

type describeNetworkAclsInput struct {
	IDs     []string `ec2:"NetworkAclId"`
	Filters []filter `ec2:"Filter"`
	page
}

type describeNetworkAclsOutput struct {
	meta
	ACLs      []networkACLXML `xml:"networkAclSet>item"`
	NextToken string          `xml:"nextToken,omitempty"`
}

type networkACLXML struct {
	ID      string        `xml:"networkAclId"`
	VpcID   string        `xml:"vpcId"`
	Default bool          `xml:"default"`
	Entries []aclEntryXML `xml:"entrySet>item"`
	Tags    []tagXML      `xml:"tagSet>item"`
	OwnerID string        `xml:"ownerId"`
}

type aclEntryXML struct {
	RuleNumber int    `xml:"ruleNumber"`
	Protocol   string `xml:"protocol"`
	RuleAction string `xml:"ruleAction"`
	Egress     bool   `xml:"egress"`
	CidrBlock  string `xml:"cidrBlock"`
}

// defaultACLEntries are the rules of every default network ACL: allow all,
// then deny all, for each direction.
var defaultACLEntries = []aclEntryXML{
	{100, "-1", "allow", true, "0.0.0.0/0"},
	{32767, "-1", "deny", true, "0.0.0.0/0"},
	{100, "-1", "allow", false, "0.0.0.0/0"},
	{32767, "-1", "deny", false, "0.0.0.0/0"},
}

var networkACLFilters = filterFuncs[networkACL]{
	"network-acl-id": func(a networkACL) []string { return []string{a.id} },
	"vpc-id":         func(a networkACL) []string { return []string{a.vpc.id} },
	"owner-id":       func(a networkACL) []string { return []string{a.vpc.owner.account} },
	"default":        func(a networkACL) []string { return []string{"true"} },
	"entry.rule-number": func(a networkACL) []string {
		return mapSlice(defaultACLEntries, func(e aclEntryXML) string { return strconv.Itoa(e.RuleNumber) })
	},
	"entry.rule-action": func(a networkACL) []string { return []string{"allow", "deny"} },
	"entry.protocol":    func(a networkACL) []string { return []string{"-1"} },
	"entry.cidr":        func(a networkACL) []string { return []string{"0.0.0.0/0"} },
	"entry.egress":      func(a networkACL) []string { return []string{"true", "false"} },
}

// networkACLs returns the caller's default network ACLs, sorted by ID.
func (s *Server) networkACLs(c *call) []networkACL {
	var out []networkACL
	for _, v := range s.st.vpcs {
		if v.owner == c.scope() {
			out = append(out, networkACL{s.attrsOf(v).networkACL, v})
		}
	}
	slices.SortFunc(out, func(a, b networkACL) int { return strings.Compare(a.id, b.id) })
	return out
}

func (s *Server) describeNetworkAcls(c *call, in *describeNetworkAclsInput) (*describeNetworkAclsOutput, error) {
	m, err := compileFilters(in.Filters, networkACLFilters, func(a networkACL) tag.Set { return s.tagsOf(c.scope(), a.id) })
	if err != nil {
		return nil, err
	}
	all := s.networkACLs(c)
	for _, id := range in.IDs {
		if err := ec2.NetworkACL.ParseID(id); err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(all, func(a networkACL) bool { return a.id == id }) {
			return nil, &ec2.Error{Code: ec2.NetworkACL.NotFound,
				Message: fmt.Sprintf("The network ACL '%s' does not exist", id)}
		}
	}
	acls := slices.DeleteFunc(all, func(a networkACL) bool {
		return (len(in.IDs) > 0 && !slices.Contains(in.IDs, a.id)) || !m.match(a)
	})
	pageOf, next, err := paginate(acls, func(a networkACL) string { return a.id }, in.page, len(in.IDs) > 0, 5, 1000)
	if err != nil {
		return nil, err
	}
	out := &describeNetworkAclsOutput{NextToken: next}
	for _, a := range pageOf {
		out.ACLs = append(out.ACLs, networkACLXML{
			ID:      a.id,
			VpcID:   a.vpc.id,
			Default: true,
			Entries: defaultACLEntries,
			Tags:    tagsXML(s.tagsOf(a.vpc.owner, a.id)),
			OwnerID: a.vpc.owner.account,
		})
	}
	return out, nil
}
