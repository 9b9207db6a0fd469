package vpcmodel

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/acl"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/secgroup"
	"github.com/vpclab/vpcmodel/tag"
)

// Security groups: every VPC gets a default group from EC2 (Terraform's
// aws_vpc records its ID); callers create, fill and delete others. The
// rules of one group are package secgroup's; the Cloud applies the rules
// between resources: names unique per VPC, which groups a rule may refer
// to (the same VPC, or a VPC peered in the same Region over an active
// connection), and what a deletion depends on.

// sgRec is one security group and the scope that owns it.
type sgRec struct {
	owner scope
	g     secgroup.Group
}

// MaxSecurityGroupsPerRegion is EC2's default quota of security groups per
// account and Region ("VPC security groups per Region: 2,500").
const MaxSecurityGroupsPerRegion = 2500

// addGroup stores a group and indexes it and its rules.
func (c *Cloud) addGroup(r *sgRec) {
	c.sgs[r.g.ID()] = r
	addID(c.sgsIn, r.owner, r.g.ID())
	addID(c.sgsByVPC, r.g.VPCID(), r.g.ID())
	c.indexRules(r.g, nil)
}

// putGroup replaces a stored group's value, reindexing its rules.
func (c *Cloud) putGroup(r *sgRec, next secgroup.Group) {
	old := r.g
	r.g = next
	c.indexRules(next, old.Rules())
}

// indexRules points each rule ID of g at g, after removing old's.
func (c *Cloud) indexRules(g secgroup.Group, old []secgroup.Rule) {
	for _, x := range old {
		delete(c.sgRules, x.ID)
	}
	for _, x := range g.Rules() {
		c.sgRules[x.ID] = g.ID()
	}
}

// removeGroup forgets a group, its rules and their tags.
func (c *Cloud) removeGroup(r *sgRec) {
	for _, x := range r.g.Rules() {
		delete(c.sgRules, x.ID)
		c.dropTags(x.ID)
	}
	delete(c.sgs, r.g.ID())
	removeID(c.sgsIn, r.owner, r.g.ID())
	removeID(c.sgsByVPC, r.g.VPCID(), r.g.ID())
	c.dropTags(r.g.ID())
}

// groupsOfVPC returns the groups of a VPC, in ID order.
func (c *Cloud) groupsOfVPC(sc scope, vpcID string) []secgroup.Group {
	var out []secgroup.Group
	for _, id := range sortedIDs(c.sgsByVPC[vpcID]) {
		if r := c.sgs[id]; r.owner == sc {
			g := r.g
			out = append(out, g)
		}
	}
	return out
}

// findSecurityGroup returns the caller's security group id.
func (c *Cloud) findSecurityGroup(k *call, id string) (*sgRec, error) {
	if err := ec2.SecurityGroup.ParseID(id); err != nil {
		return nil, err
	}
	if r := c.sgs[id]; r != nil && r.owner == k.scope {
		return r, nil
	}
	return nil, groupNotFound(id)
}

func groupNotFound(id string) error {
	return &Error{Code: ec2.SecurityGroup.NotFound, Message: fmt.Sprintf("The security group '%s' does not exist", id)}
}

// groupByIDOrName finds the group an action names by GroupId or, as EC2
// allows only in a default VPC (which the Cloud's accounts do not have),
// by GroupName.
func (c *Cloud) groupByIDOrName(k *call, id, name string) (*sgRec, error) {
	switch {
	case id != "":
		return c.findSecurityGroup(k, id)
	case name != "":
		return nil, &Error{Code: ec2.SecurityGroup.NotFound,
			Message: fmt.Sprintf("The security group '%s' does not exist in default VPC 'none'", name)}
	}
	return nil, missingParameter("GroupId")
}

func groupARN(owner scope, id string) string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", owner.Region, owner.Account, id)
}

func ruleARN(owner scope, id string) string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:security-group-rule/%s", owner.Region, owner.Account, id)
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

// IPPermission is a set of rules with one protocol and port range, as
// Authorize*, Revoke* and DescribeSecurityGroups spell them: one rule per
// range, group pair or prefix list. FromPort and ToPort are absent for the
// protocols without ports.
type IPPermission struct {
	IPProtocol       string            `ec2:"IpProtocol"`
	FromPort         Optional[int]     `ec2:"FromPort"`
	ToPort           Optional[int]     `ec2:"ToPort"`
	UserIDGroupPairs []UserIDGroupPair `ec2:"Groups"`
	IPRanges         []IPRange         `ec2:"IpRanges"`
	IPv6Ranges       []IPv6Range       `ec2:"Ipv6Ranges"`
	PrefixListIDs    []PrefixListID    `ec2:"PrefixListIds"`
}

// UserIDGroupPair is a security group a rule refers to: one of the same
// VPC, or of a VPC peered over VPCPeeringConnectionID.
type UserIDGroupPair struct {
	UserID                 string `ec2:"UserId,omitempty"`
	GroupID                string `ec2:"GroupId"`
	GroupName              string `ec2:"GroupName,omitempty"`
	VPCID                  string `ec2:"VpcId,omitempty"`
	VPCPeeringConnectionID string `ec2:"VpcPeeringConnectionId,omitempty"`
	PeeringStatus          string `ec2:"PeeringStatus,omitempty"` // in DescribeStaleSecurityGroups only
	Description            string `ec2:"Description,omitempty"`
}

// IPRange is an IPv4 block a rule refers to.
type IPRange struct {
	CIDRIP      string `ec2:"CidrIp"`
	Description string `ec2:"Description,omitempty"`
}

// IPv6Range is an IPv6 block a rule refers to.
type IPv6Range struct {
	CIDRIPv6    string `ec2:"CidrIpv6"`
	Description string `ec2:"Description,omitempty"`
}

// PrefixListID is a prefix list a rule refers to.
type PrefixListID struct {
	PrefixListID string `ec2:"PrefixListId"`
	Description  string `ec2:"Description,omitempty"`
}

// SecurityGroupRule is one rule as DescribeSecurityGroupRules and
// Authorize* show it: one protocol, port range and peer.
type SecurityGroupRule struct {
	SecurityGroupRuleID  string                    `ec2:"SecurityGroupRuleId"`
	GroupID              string                    `ec2:"GroupId"`
	GroupOwnerID         string                    `ec2:"GroupOwnerId"`
	IsEgress             bool                      `ec2:"IsEgress"`
	IPProtocol           string                    `ec2:"IpProtocol"`
	FromPort             int                       `ec2:"FromPort"`
	ToPort               int                       `ec2:"ToPort"`
	CIDRIPv4             string                    `ec2:"CidrIpv4,omitempty"`
	CIDRIPv6             string                    `ec2:"CidrIpv6,omitempty"`
	PrefixListID         string                    `ec2:"PrefixListId,omitempty"`
	ReferencedGroupInfo  Optional[ReferencedGroup] `ec2:"ReferencedGroupInfo"`
	Description          string                    `ec2:"Description,omitempty"`
	Tags                 []Tag                     `ec2:"TagSet"`
	SecurityGroupRuleARN string                    `ec2:"SecurityGroupRuleArn"`
}

// ReferencedGroup is the group a rule refers to.
type ReferencedGroup struct {
	GroupID                string `ec2:"GroupId"`
	UserID                 string `ec2:"UserId,omitempty"`
	VPCID                  string `ec2:"VpcId,omitempty"`
	VPCPeeringConnectionID string `ec2:"VpcPeeringConnectionId,omitempty"`
}

// ruleOutput returns r of group g as a SecurityGroupRule.
func (c *Cloud) ruleOutput(owner scope, g secgroup.Group, r secgroup.Rule) SecurityGroupRule {
	out := SecurityGroupRule{SecurityGroupRuleID: r.ID, GroupID: g.ID(), GroupOwnerID: g.OwnerID(), IsEgress: r.Egress,
		IPProtocol: string(r.Protocol), FromPort: r.FromPort, ToPort: r.ToPort, Description: r.Description,
		Tags: tagList(c.tagsOf(owner, r.ID)), SecurityGroupRuleARN: ruleARN(owner, r.ID)}
	if p, ok := r.Peer.CIDR(); ok {
		if p.Addr().Is4() {
			out.CIDRIPv4 = p.String()
		} else {
			out.CIDRIPv6 = p.String()
		}
	} else if pl, ok := r.Peer.PrefixList(); ok {
		out.PrefixListID = pl
	} else if ref, ok := r.Peer.Group(); ok {
		out.ReferencedGroupInfo = Some(ReferencedGroup{ref.GroupID, ref.UserID, ref.VPCID, ref.PeeringID})
	}
	return out
}

// permissions groups rules of one direction as EC2 does: one IPPermission
// per protocol and port range, in the order the ranges first appear.
func permissions(rules []secgroup.Rule, egress bool) []IPPermission {
	var out []IPPermission
	at := map[[3]string]int{}
	for _, r := range rules {
		if r.Egress != egress {
			continue
		}
		key := [3]string{string(r.Protocol), strconv.Itoa(r.FromPort), strconv.Itoa(r.ToPort)}
		i, ok := at[key]
		if !ok {
			p := IPPermission{IPProtocol: string(r.Protocol)}
			if r.Protocol.HasPorts() {
				p.FromPort, p.ToPort = Some(r.FromPort), Some(r.ToPort)
			}
			i = len(out)
			at[key] = i
			out = append(out, p)
		}
		p := &out[i]
		if c, ok := r.Peer.CIDR(); ok {
			if c.Addr().Is4() {
				p.IPRanges = append(p.IPRanges, IPRange{c.String(), r.Description})
			} else {
				p.IPv6Ranges = append(p.IPv6Ranges, IPv6Range{c.String(), r.Description})
			}
		} else if pl, ok := r.Peer.PrefixList(); ok {
			p.PrefixListIDs = append(p.PrefixListIDs, PrefixListID{pl, r.Description})
		} else if ref, ok := r.Peer.Group(); ok {
			p.UserIDGroupPairs = append(p.UserIDGroupPairs, UserIDGroupPair{UserID: ref.UserID, GroupID: ref.GroupID,
				VPCID: ref.VPCID, VPCPeeringConnectionID: ref.PeeringID, Description: r.Description})
		}
	}
	return out
}

func (c *Cloud) groupOutput(r *sgRec) SecurityGroup {
	g := r.g
	rules := g.Rules()
	return SecurityGroup{OwnerID: g.OwnerID(), GroupID: g.ID(), GroupName: g.Name(), Description: g.Description(),
		IPPermissions: permissions(rules, false), IPPermissionsEgress: permissions(rules, true), VPCID: g.VPCID(),
		SecurityGroupARN: groupARN(r.owner, g.ID()), Tags: tagList(c.tagsOf(r.owner, g.ID()))}
}

// CreateSecurityGroupInput is the input of [Cloud.CreateSecurityGroup].
type CreateSecurityGroupInput struct {
	GroupName         string             `ec2:"GroupName,required"`
	Description       string             `ec2:"GroupDescription,required"`
	VPCID             string             `ec2:"VpcId"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// CreateSecurityGroupOutput is the output of [Cloud.CreateSecurityGroup].
type CreateSecurityGroupOutput struct {
	GroupID          string `ec2:"GroupId"`
	Tags             []Tag  `ec2:"TagSet"`
	SecurityGroupARN string `ec2:"SecurityGroupArn"`
}

func (c *Cloud) createSecurityGroup(k *call, in *CreateSecurityGroupInput) (*CreateSecurityGroupOutput, error) {
	if in.VPCID == "" {
		return nil, &Error{Code: "VPCIdNotSpecified", Message: "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC."}
	}
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	spec := secgroup.GroupSpec{OwnerID: k.Account, VPCID: v.v.ID(), Name: in.GroupName, Description: in.Description,
		IPv6: len(v.v.IPv6CIDRs()) > 0}
	if err := secgroup.CheckSpec(spec); err != nil {
		return nil, err
	}
	if err := secgroup.CheckUnique(spec, c.groupsOfVPC(k.scope, v.v.ID())); err != nil {
		return nil, err
	}
	if len(c.sgsIn[k.scope]) >= MaxSecurityGroupsPerRegion {
		return nil, &Error{Code: "SecurityGroupLimitExceeded", Message: "The maximum number of security groups has been reached."}
	}
	tags, err := tagsFor(in.TagSpecifications, "security-group")
	if err != nil {
		return nil, err
	}
	g, err := secgroup.Create(spec, c.random)
	if err != nil {
		return nil, err
	}
	r := &sgRec{owner: k.scope, g: g}
	c.addGroup(r)
	c.setTags(k.scope, g.ID(), tags)
	return &CreateSecurityGroupOutput{GroupID: g.ID(), Tags: tagList(tags), SecurityGroupARN: groupARN(k.scope, g.ID())}, nil
}

// DeleteSecurityGroupInput is the input of [Cloud.DeleteSecurityGroup].
type DeleteSecurityGroupInput struct {
	GroupID   string `ec2:"GroupId"`
	GroupName string `ec2:"GroupName"`
}

// DeleteSecurityGroupOutput is the output of [Cloud.DeleteSecurityGroup].
type DeleteSecurityGroupOutput struct {
	Return  bool   `ec2:"Return"`
	GroupID string `ec2:"GroupId"`
}

func (c *Cloud) deleteSecurityGroup(k *call, in *DeleteSecurityGroupInput) (*DeleteSecurityGroupOutput, error) {
	r, err := c.groupByIDOrName(k, in.GroupID, in.GroupName)
	if err != nil {
		return nil, err
	}
	// A group in a peer VPC may refer to this one; those references are
	// stale afterwards, as EC2 leaves them, so only the VPC's own groups
	// count.
	if err := r.g.CheckDelete(c.groupsOfVPC(r.owner, r.g.VPCID())); err != nil {
		return nil, err
	}
	if err := c.groupHasInterfaces(r.g.ID()); err != nil {
		return nil, err
	}
	c.removeGroup(r)
	return &DeleteSecurityGroupOutput{Return: true, GroupID: r.g.ID()}, nil
}

// AuthorizeSecurityGroupIngressInput is the input of
// [Cloud.AuthorizeSecurityGroupIngress] and
// [Cloud.AuthorizeSecurityGroupEgress]: IpPermissions, or the older
// single-rule form (IpProtocol, FromPort, ToPort, CidrIp).
type AuthorizeSecurityGroupIngressInput struct {
	GroupID           string             `ec2:"GroupId"`
	GroupName         string             `ec2:"GroupName"`
	IPPermissions     []IPPermission     `ec2:"IpPermissions"`
	IPProtocol        string             `ec2:"IpProtocol"`
	FromPort          Optional[int]      `ec2:"FromPort"`
	ToPort            Optional[int]      `ec2:"ToPort"`
	CIDRIP            string             `ec2:"CidrIp"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
}

// AuthorizeSecurityGroupEgressInput is the input of
// [Cloud.AuthorizeSecurityGroupEgress].
type AuthorizeSecurityGroupEgressInput = AuthorizeSecurityGroupIngressInput

// AuthorizeSecurityGroupIngressOutput is the output of
// [Cloud.AuthorizeSecurityGroupIngress]: the new rules.
type AuthorizeSecurityGroupIngressOutput struct {
	Return             bool                `ec2:"Return"`
	SecurityGroupRules []SecurityGroupRule `ec2:"SecurityGroupRuleSet"`
}

// AuthorizeSecurityGroupEgressOutput is the output of
// [Cloud.AuthorizeSecurityGroupEgress].
type AuthorizeSecurityGroupEgressOutput = AuthorizeSecurityGroupIngressOutput

func (c *Cloud) authorizeSecurityGroupIngress(k *call, in *AuthorizeSecurityGroupIngressInput) (*AuthorizeSecurityGroupIngressOutput, error) {
	return c.authorize(k, in, false)
}

func (c *Cloud) authorizeSecurityGroupEgress(k *call, in *AuthorizeSecurityGroupIngressInput) (*AuthorizeSecurityGroupIngressOutput, error) {
	return c.authorize(k, in, true)
}

func (c *Cloud) authorize(k *call, in *AuthorizeSecurityGroupIngressInput, egress bool) (*AuthorizeSecurityGroupIngressOutput, error) {
	r, err := c.groupByIDOrName(k, in.GroupID, in.GroupName)
	if err != nil {
		return nil, err
	}
	perms := in.IPPermissions
	if in.IPProtocol != "" || in.CIDRIP != "" {
		p := IPPermission{IPProtocol: in.IPProtocol, FromPort: in.FromPort, ToPort: in.ToPort}
		if in.CIDRIP != "" {
			p.IPRanges = []IPRange{{CIDRIP: in.CIDRIP}}
		}
		perms = append(slices.Clone(perms), p)
	}
	specs, err := c.ruleSpecs(k, r, perms)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "security-group-rule")
	if err != nil {
		return nil, err
	}
	next, added, err := r.g.Authorize(egress, specs, 0, c.random)
	if err != nil {
		return nil, err
	}
	c.putGroup(r, next)
	out := &AuthorizeSecurityGroupIngressOutput{Return: true}
	for _, x := range added {
		c.setTags(k.scope, x.ID, tags)
		out.SecurityGroupRules = append(out.SecurityGroupRules, c.ruleOutput(r.owner, next, x))
	}
	return out, nil
}

// ruleSpecs turns IpPermissions into one rule spec per peer, resolving
// group pairs against the groups the caller may refer to from r.
func (c *Cloud) ruleSpecs(k *call, r *sgRec, perms []IPPermission) ([]secgroup.RuleSpec, error) {
	var specs []secgroup.RuleSpec
	for _, p := range perms {
		base := secgroup.RuleSpec{Protocol: p.IPProtocol, FromPort: p.FromPort.Value, HasFromPort: p.FromPort.Set,
			ToPort: p.ToPort.Value, HasToPort: p.ToPort.Set}
		n := len(specs)
		for _, ip := range p.IPRanges {
			pfx, err := netip.ParsePrefix(ip.CIDRIP)
			if err != nil || !pfx.Addr().Is4() {
				return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("CIDR block %s is malformed", ip.CIDRIP)}
			}
			s := base
			s.Peer, s.Description = secgroup.CIDRPeer(pfx), ip.Description
			specs = append(specs, s)
		}
		for _, ip := range p.IPv6Ranges {
			pfx, err := netip.ParsePrefix(ip.CIDRIPv6)
			if err != nil || !pfx.Addr().Is6() || pfx.Addr().Is4In6() {
				return nil, &Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf("CIDR block %s is malformed", ip.CIDRIPv6)}
			}
			s := base
			s.Peer, s.Description = secgroup.CIDRPeer(pfx), ip.Description
			specs = append(specs, s)
		}
		for _, pl := range p.PrefixListIDs {
			if err := ec2.PrefixList.ParseID(pl.PrefixListID); err != nil {
				return nil, err
			}
			s := base
			s.Peer, s.Description = secgroup.PrefixListPeer(pl.PrefixListID), pl.Description
			specs = append(specs, s)
		}
		for _, pair := range p.UserIDGroupPairs {
			ref, err := c.groupRef(k, r, pair)
			if err != nil {
				return nil, err
			}
			s := base
			s.Peer, s.Description = secgroup.GroupPeer(ref), pair.Description
			specs = append(specs, s)
		}
		if len(specs) == n {
			return nil, &Error{Code: ec2.InvalidParameterValue,
				Message: "Each IpPermission must name a CIDR block, a prefix list or a security group."}
		}
	}
	return specs, nil
}

// groupRef resolves the group a rule of r refers to: a group of r's VPC,
// or one in a VPC peered with it in the same Region over an active
// connection (spec L.2). A group elsewhere is InvalidGroup.NotFound, with
// EC2's "You have specified two resources that belong to different
// networks." when it exists in an unpeered VPC of the same Region.
func (c *Cloud) groupRef(k *call, r *sgRec, pair UserIDGroupPair) (secgroup.GroupRef, error) {
	if pair.GroupID == "" {
		if pair.GroupName != "" {
			return secgroup.GroupRef{}, &Error{Code: ec2.SecurityGroup.NotFound,
				Message: fmt.Sprintf("The security group '%s' does not exist in default VPC 'none'", pair.GroupName)}
		}
		return secgroup.GroupRef{}, missingParameter("GroupId")
	}
	if err := ec2.SecurityGroup.ParseID(pair.GroupID); err != nil {
		return secgroup.GroupRef{}, err
	}
	peer := c.sgs[pair.GroupID]
	if peer == nil || peer.owner.Region != r.owner.Region || pair.UserID != "" && pair.UserID != peer.owner.Account {
		return secgroup.GroupRef{}, groupNotFound(pair.GroupID)
	}
	ref := secgroup.GroupRef{GroupID: peer.g.ID(), UserID: peer.owner.Account}
	if peer.g.VPCID() == r.g.VPCID() {
		return ref, nil
	}
	pcx, ok := c.activePeering(k, r.g.VPCID(), peer.g.VPCID())
	if !ok || pair.VPCPeeringConnectionID != "" && pair.VPCPeeringConnectionID != pcx {
		return secgroup.GroupRef{}, &Error{Code: ec2.SecurityGroup.NotFound,
			Message: "You have specified two resources that belong to different networks."}
	}
	ref.VPCID, ref.PeeringID = peer.g.VPCID(), pcx
	return ref, nil
}

// activePeering returns the active peering connection between two VPCs,
// as the caller (the owner of a) sees it.
func (c *Cloud) activePeering(k *call, a, b string) (string, bool) {
	for _, pair := range [][2]string{{a, b}, {b, a}} {
		pg, err := c.peering.Describe(k.party(), peering.Query{Filters: []peering.Filter{
			{Name: peering.FilterRequesterVPCID, Values: []string{pair[0]}},
			{Name: "accepter-vpc-info.vpc-id", Values: []string{pair[1]}},
			{Name: peering.FilterStatusCode, Values: []string{"active"}},
		}}, k.now)
		if err == nil && len(pg.Connections) > 0 {
			return pg.Connections[0].ID(), true
		}
	}
	return "", false
}

// RevokeSecurityGroupIngressInput is the input of
// [Cloud.RevokeSecurityGroupIngress] and [Cloud.RevokeSecurityGroupEgress]:
// the rules by their properties (IpPermissions) or by their IDs.
type RevokeSecurityGroupIngressInput struct {
	GroupID              string         `ec2:"GroupId"`
	GroupName            string         `ec2:"GroupName"`
	IPPermissions        []IPPermission `ec2:"IpPermissions"`
	SecurityGroupRuleIDs []string       `ec2:"SecurityGroupRuleId"`
}

// RevokeSecurityGroupEgressInput is the input of
// [Cloud.RevokeSecurityGroupEgress].
type RevokeSecurityGroupEgressInput = RevokeSecurityGroupIngressInput

// RevokeSecurityGroupIngressOutput is the output of
// [Cloud.RevokeSecurityGroupIngress]: the rules revoked. Outside a default
// VPC a rule that matches nothing refuses the request, so
// UnknownIPPermissions is always empty.
type RevokeSecurityGroupIngressOutput struct {
	Return                    bool                       `ec2:"Return"`
	UnknownIPPermissions      []IPPermission             `ec2:"UnknownIpPermissionSet"`
	RevokedSecurityGroupRules []RevokedSecurityGroupRule `ec2:"RevokedSecurityGroupRuleSet"`
}

// RevokeSecurityGroupEgressOutput is the output of
// [Cloud.RevokeSecurityGroupEgress].
type RevokeSecurityGroupEgressOutput = RevokeSecurityGroupIngressOutput

// RevokedSecurityGroupRule is a rule Revoke* removed.
type RevokedSecurityGroupRule struct {
	SecurityGroupRuleID       string `ec2:"SecurityGroupRuleId"`
	GroupID                   string `ec2:"GroupId"`
	IsEgress                  bool   `ec2:"IsEgress"`
	IPProtocol                string `ec2:"IpProtocol"`
	FromPort                  int    `ec2:"FromPort"`
	ToPort                    int    `ec2:"ToPort"`
	CIDRIPv4                  string `ec2:"CidrIpv4,omitempty"`
	CIDRIPv6                  string `ec2:"CidrIpv6,omitempty"`
	PrefixListID              string `ec2:"PrefixListId,omitempty"`
	ReferencedSecurityGroupID string `ec2:"ReferencedSecurityGroupId,omitempty"`
	Description               string `ec2:"Description,omitempty"`
}

func (c *Cloud) revokeSecurityGroupIngress(k *call, in *RevokeSecurityGroupIngressInput) (*RevokeSecurityGroupIngressOutput, error) {
	return c.revoke(k, in, false)
}

func (c *Cloud) revokeSecurityGroupEgress(k *call, in *RevokeSecurityGroupIngressInput) (*RevokeSecurityGroupIngressOutput, error) {
	return c.revoke(k, in, true)
}

func (c *Cloud) revoke(k *call, in *RevokeSecurityGroupIngressInput, egress bool) (*RevokeSecurityGroupIngressOutput, error) {
	r, err := c.groupByIDOrName(k, in.GroupID, in.GroupName)
	if err != nil {
		return nil, err
	}
	var next secgroup.Group
	var gone []secgroup.Rule
	switch {
	case len(in.SecurityGroupRuleIDs) > 0 && len(in.IPPermissions) > 0:
		return nil, &Error{Code: ec2.InvalidParameterCombination,
			Message: "The parameter IpPermissions cannot be used with the parameter SecurityGroupRuleId"}
	case len(in.SecurityGroupRuleIDs) > 0:
		next, gone, err = r.g.RevokeIDs(egress, in.SecurityGroupRuleIDs)
	case len(in.IPPermissions) > 0:
		// Revoking names a group by ID alone: a stale reference, whose group
		// or peering is gone, must still be revocable.
		var specs []secgroup.RuleSpec
		specs, err = c.revokeSpecs(in.IPPermissions)
		if err == nil {
			next, gone, err = r.g.Revoke(egress, specs)
		}
	default:
		return nil, missingParameter("IpPermissions")
	}
	if err != nil {
		return nil, err
	}
	c.putGroup(r, next)
	out := &RevokeSecurityGroupIngressOutput{Return: true}
	for _, x := range gone {
		c.dropTags(x.ID)
		o := c.ruleOutput(r.owner, r.g, x)
		var ref string
		if g, ok := o.ReferencedGroupInfo.Get(); ok {
			ref = g.GroupID
		}
		out.RevokedSecurityGroupRules = append(out.RevokedSecurityGroupRules, RevokedSecurityGroupRule{
			x.ID, r.g.ID(), x.Egress, o.IPProtocol, x.FromPort, x.ToPort, o.CIDRIPv4, o.CIDRIPv6, o.PrefixListID, ref, x.Description})
	}
	return out, nil
}

// revokeSpecs turns IpPermissions into rule specs for matching: group
// pairs by ID only.
func (c *Cloud) revokeSpecs(perms []IPPermission) ([]secgroup.RuleSpec, error) {
	var plain []IPPermission
	var specs []secgroup.RuleSpec
	for _, p := range perms {
		q := p
		q.UserIDGroupPairs = nil
		if len(p.IPRanges)+len(p.IPv6Ranges)+len(p.PrefixListIDs) > 0 || len(p.UserIDGroupPairs) == 0 {
			plain = append(plain, q)
		}
		for _, pair := range p.UserIDGroupPairs {
			if err := ec2.SecurityGroup.ParseID(pair.GroupID); err != nil {
				return nil, err
			}
			specs = append(specs, secgroup.RuleSpec{Protocol: p.IPProtocol, FromPort: p.FromPort.Value, HasFromPort: p.FromPort.Set,
				ToPort: p.ToPort.Value, HasToPort: p.ToPort.Set, Peer: secgroup.GroupPeer(secgroup.GroupRef{GroupID: pair.GroupID})})
		}
	}
	more, err := c.ruleSpecs(nil, nil, plain)
	return append(specs, more...), err
}

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

// permissionValues returns what each ip-permission.* filter sees in one
// direction of a group.
func permissionValues(egress bool, field func(secgroup.Rule) (string, bool)) func(*sgRec) []string {
	return func(r *sgRec) []string {
		var out []string
		for _, x := range r.g.Rules() {
			if x.Egress == egress {
				if v, ok := field(x); ok {
					out = append(out, v)
				}
			}
		}
		return out
	}
}

var securityGroupFilters = func() filterFuncs[*sgRec] {
	f := filterFuncs[*sgRec]{
		"group-id":    func(r *sgRec) []string { return []string{r.g.ID()} },
		"group-name":  func(r *sgRec) []string { return []string{r.g.Name()} },
		"description": func(r *sgRec) []string { return []string{r.g.Description()} },
		"vpc-id":      func(r *sgRec) []string { return []string{r.g.VPCID()} },
		"owner-id":    func(r *sgRec) []string { return []string{r.g.OwnerID()} },
	}
	fields := map[string]func(secgroup.Rule) (string, bool){
		"protocol":  func(x secgroup.Rule) (string, bool) { return string(x.Protocol), true },
		"from-port": func(x secgroup.Rule) (string, bool) { return strconv.Itoa(x.FromPort), x.Protocol.HasPorts() },
		"to-port":   func(x secgroup.Rule) (string, bool) { return strconv.Itoa(x.ToPort), x.Protocol.HasPorts() },
		"cidr": func(x secgroup.Rule) (string, bool) {
			p, ok := x.Peer.CIDR()
			return p.String(), ok && p.Addr().Is4()
		},
		"ipv6-cidr": func(x secgroup.Rule) (string, bool) {
			p, ok := x.Peer.CIDR()
			return p.String(), ok && p.Addr().Is6()
		},
		"prefix-list-id": func(x secgroup.Rule) (string, bool) { return x.Peer.PrefixList() },
		"group-id": func(x secgroup.Rule) (string, bool) {
			ref, ok := x.Peer.Group()
			return ref.GroupID, ok
		},
		"user-id": func(x secgroup.Rule) (string, bool) {
			ref, ok := x.Peer.Group()
			return ref.UserID, ok
		},
	}
	for name, field := range fields {
		f["ip-permission."+name] = permissionValues(false, field)
		f["egress.ip-permission."+name] = permissionValues(true, field)
	}
	return f
}()

func (c *Cloud) describeSecurityGroups(k *call, in *DescribeSecurityGroupsInput) (*DescribeSecurityGroupsOutput, error) {
	if err := in.Page.check(sgPage, len(in.GroupIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, securityGroupFilters, func(r *sgRec) tag.Set { return c.tagsOf(k.scope, r.g.ID()) })
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
	var groups []*sgRec
	if ids, ok := c.narrow(k, withIDs("group-id", in.GroupIDs, in.Filters), map[string]lookup{
		"group-id": func(v string) []string { return []string{v} },
		"vpc-id": func(v string) []string {
			return mapSlice(c.groupsOfVPC(k.scope, v), func(g secgroup.Group) string { return g.ID() })
		},
	}, "sg-"); ok {
		for _, id := range ids {
			if r, err := c.findSecurityGroup(k, id); err == nil {
				groups = append(groups, r)
			}
		}
	} else {
		groups = mapSlice(sortedIDs(c.sgsIn[k.scope]), func(id string) *sgRec { return c.sgs[id] })
	}
	groups = slices.DeleteFunc(groups, func(r *sgRec) bool {
		return (len(in.GroupIDs) > 0 && !slices.Contains(in.GroupIDs, r.g.ID())) || !m.match(r)
	})
	pageOf, next, err := paginate(groups, func(r *sgRec) string { return r.g.ID() }, in.Page, sgPage, len(in.GroupIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeSecurityGroupsOutput{NextToken: next}
	for _, r := range pageOf {
		out.SecurityGroups = append(out.SecurityGroups, c.groupOutput(r))
	}
	return out, nil
}

// DescribeSecurityGroupRulesInput is the input of
// [Cloud.DescribeSecurityGroupRules].
type DescribeSecurityGroupRulesInput struct {
	SecurityGroupRuleIDs []string `ec2:"SecurityGroupRuleId"`
	Filters              []Filter `ec2:"Filter"`
	Page
}

// DescribeSecurityGroupRulesOutput is the output of
// [Cloud.DescribeSecurityGroupRules].
type DescribeSecurityGroupRulesOutput struct {
	SecurityGroupRules []SecurityGroupRule `ec2:"SecurityGroupRuleSet"`
	NextToken          string              `ec2:"NextToken,omitempty"`
}

// ruleRow is one rule of one group, as DescribeSecurityGroupRules filters it.
type ruleRow struct {
	r *sgRec
	x secgroup.Rule
}

var securityGroupRuleFilters = filterFuncs[ruleRow]{
	"group-id":               func(w ruleRow) []string { return []string{w.r.g.ID()} },
	"security-group-rule-id": func(w ruleRow) []string { return []string{w.x.ID} },
}

var ruleLimits = pageLimits{min: 5, max: 1000, idsParam: "SecurityGroupRuleId", token: func(id string) bool { return secgroup.IsRuleID(id) }}

func (c *Cloud) describeSecurityGroupRules(k *call, in *DescribeSecurityGroupRulesInput) (*DescribeSecurityGroupRulesOutput, error) {
	if err := in.Page.check(ruleLimits, len(in.SecurityGroupRuleIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, securityGroupRuleFilters, func(w ruleRow) tag.Set { return c.tagsOf(k.scope, w.x.ID) })
	if err != nil {
		return nil, err
	}
	var rows []ruleRow
	add := func(r *sgRec) {
		for _, x := range r.g.Rules() {
			rows = append(rows, ruleRow{r, x})
		}
	}
	for _, id := range in.SecurityGroupRuleIDs {
		r := c.sgs[c.sgRules[id]]
		if r == nil || r.owner != k.scope {
			return nil, &Error{Code: "InvalidSecurityGroupRuleId.NotFound",
				Message: fmt.Sprintf("The security group rule ID '%s' does not exist", id)}
		}
	}
	if ids, ok := c.narrow(k, withIDs("group-id", mapSlice(in.SecurityGroupRuleIDs, func(id string) string { return c.sgRules[id] }), in.Filters),
		map[string]lookup{"group-id": func(v string) []string { return []string{v} }}, "sg-"); ok {
		for _, id := range ids {
			if r, err := c.findSecurityGroup(k, id); err == nil {
				add(r)
			}
		}
	} else {
		for _, id := range sortedIDs(c.sgsIn[k.scope]) {
			add(c.sgs[id])
		}
	}
	rows = slices.DeleteFunc(rows, func(w ruleRow) bool {
		return (len(in.SecurityGroupRuleIDs) > 0 && !slices.Contains(in.SecurityGroupRuleIDs, w.x.ID)) || !m.match(w)
	})
	slices.SortFunc(rows, func(a, b ruleRow) int { return strings.Compare(a.x.ID, b.x.ID) })
	pageOf, next, err := paginate(rows, func(w ruleRow) string { return w.x.ID }, in.Page, ruleLimits, len(in.SecurityGroupRuleIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeSecurityGroupRulesOutput{NextToken: next}
	for _, w := range pageOf {
		out.SecurityGroupRules = append(out.SecurityGroupRules, c.ruleOutput(w.r.owner, w.r.g, w.x))
	}
	return out, nil
}

// securityGroupRule is the ID kind of a security group rule.
var securityGroupRule = ec2.Kind{Prefix: "sgr", Name: "securityGroupRule", Malformed: "InvalidSecurityGroupRuleId.Malformed", NotFound: "InvalidSecurityGroupRuleId.NotFound"}

// findRule returns the caller's security group rule id and its group.
func (c *Cloud) findRule(k *call, id string) (*sgRec, error) {
	if err := securityGroupRule.ParseID(id); err != nil {
		return nil, err
	}
	if r := c.sgs[c.sgRules[id]]; r != nil && r.owner == k.scope {
		return r, nil
	}
	return nil, &Error{Code: securityGroupRule.NotFound, Message: fmt.Sprintf("The security group rule ID '%s' does not exist", id)}
}

// addVPCDefaults stores the default security group and network ACL of a
// new VPC, under the IDs CreateVpc drew for them.
func (c *Cloud) addVPCDefaults(v *vpcRec) {
	owner := v.owner()
	g, a := secgroup.CreateDefault(v.sg, v.v.ID(), owner.Account), acl.NewDefault(v.acl, v.v.ID(), owner.Account)
	if len(v.v.IPv6CIDRs()) > 0 {
		g, a = g.WithIPv6Egress(), a.WithIPv6Defaults()
	}
	c.addGroup(&sgRec{owner: owner, g: g})
	c.addACL(&aclRec{owner: owner, a: a})
}

// addIPv6Defaults gives a VPC's default group and ACL the rules EC2 adds
// when the VPC gets an IPv6 block: all out to ::/0 in the group, and rule
// 101 with the IPv6 catch-all in each direction of the ACL whose entries
// are still EC2's. The rules stay when the block goes.
func (c *Cloud) addIPv6Defaults(v *vpcRec) {
	if r := c.sgs[v.sg]; r != nil {
		c.putGroup(r, r.g.WithIPv6Egress())
	}
	if r := c.acls[v.acl]; r != nil {
		r.a = r.a.WithIPv6Defaults()
	}
}

// removeVPCDefaults forgets a deleted VPC's default group and ACL.
func (c *Cloud) removeVPCDefaults(v *vpcRec) {
	if r := c.sgs[v.sg]; r != nil {
		c.removeGroup(r)
	}
	if r := c.acls[v.acl]; r != nil {
		c.removeACL(r)
	}
}

// vpcGroupsDeletable refuses to delete a VPC that still has security
// groups or network ACLs other than its defaults (DependencyViolation).
func (c *Cloud) vpcGroupsDeletable(v *vpcRec) error {
	owner := v.owner()
	if len(c.groupsOfVPC(owner, v.v.ID())) > 1 || len(c.aclsOfVPC(owner, v.v.ID())) > 1 {
		return dependencyViolation(v.v.ID())
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

// ModifySecurityGroupRulesInput is the input of
// [Cloud.ModifySecurityGroupRules]: the group, and each rule to change by
// its ID with the whole rule it becomes.
type ModifySecurityGroupRulesInput struct {
	GroupID            string                    `ec2:"GroupId,required"`
	SecurityGroupRules []SecurityGroupRuleUpdate `ec2:"SecurityGroupRule,required"`
}

// SecurityGroupRuleUpdate is one rule of a ModifySecurityGroupRules
// request.
type SecurityGroupRuleUpdate struct {
	SecurityGroupRuleID string                   `ec2:"SecurityGroupRuleId"`
	SecurityGroupRule   SecurityGroupRuleRequest `ec2:"SecurityGroupRule"`
}

// SecurityGroupRuleRequest is a rule as ModifySecurityGroupRules gives it:
// one protocol and port range, and exactly one of CidrIpv4, CidrIpv6,
// PrefixListId and ReferencedGroupId.
type SecurityGroupRuleRequest struct {
	IPProtocol        string        `ec2:"IpProtocol"`
	FromPort          Optional[int] `ec2:"FromPort"`
	ToPort            Optional[int] `ec2:"ToPort"`
	CIDRIPv4          string        `ec2:"CidrIpv4"`
	CIDRIPv6          string        `ec2:"CidrIpv6"`
	PrefixListID      string        `ec2:"PrefixListId"`
	ReferencedGroupID string        `ec2:"ReferencedGroupId"`
	Description       string        `ec2:"Description"`
}

// ModifySecurityGroupRulesOutput is the output of
// [Cloud.ModifySecurityGroupRules].
type ModifySecurityGroupRulesOutput struct {
	Return bool `ec2:"Return"`
}

func (c *Cloud) modifySecurityGroupRules(k *call, in *ModifySecurityGroupRulesInput) (*ModifySecurityGroupRulesOutput, error) {
	r, err := c.findSecurityGroup(k, in.GroupID)
	if err != nil {
		return nil, err
	}
	updates := make([]secgroup.RuleUpdate, 0, len(in.SecurityGroupRules))
	for _, u := range in.SecurityGroupRules {
		if u.SecurityGroupRuleID == "" {
			return nil, missingParameter("SecurityGroupRuleId")
		}
		if err := securityGroupRule.ParseID(u.SecurityGroupRuleID); err != nil {
			return nil, err
		}
		spec, err := c.ruleRequestSpec(k, r, u.SecurityGroupRule)
		if err != nil {
			return nil, err
		}
		updates = append(updates, secgroup.RuleUpdate{ID: u.SecurityGroupRuleID, Spec: spec})
	}
	next, _, err := r.g.Modify(updates, 0)
	if err != nil {
		return nil, err
	}
	c.putGroup(r, next)
	return &ModifySecurityGroupRulesOutput{Return: true}, nil
}

// ruleRequestSpec turns a SecurityGroupRuleRequest into a rule spec of r,
// resolving a referenced group as Authorize* does. It must name exactly
// one peer.
func (c *Cloud) ruleRequestSpec(k *call, r *sgRec, q SecurityGroupRuleRequest) (secgroup.RuleSpec, error) {
	p := IPPermission{IPProtocol: q.IPProtocol, FromPort: q.FromPort, ToPort: q.ToPort}
	n := 0
	if q.CIDRIPv4 != "" {
		p.IPRanges, n = []IPRange{{CIDRIP: q.CIDRIPv4, Description: q.Description}}, n+1
	}
	if q.CIDRIPv6 != "" {
		p.IPv6Ranges, n = []IPv6Range{{CIDRIPv6: q.CIDRIPv6, Description: q.Description}}, n+1
	}
	if q.PrefixListID != "" {
		p.PrefixListIDs, n = []PrefixListID{{PrefixListID: q.PrefixListID, Description: q.Description}}, n+1
	}
	if q.ReferencedGroupID != "" {
		p.UserIDGroupPairs, n = []UserIDGroupPair{{GroupID: q.ReferencedGroupID, Description: q.Description}}, n+1
	}
	switch {
	case n == 0:
		return secgroup.RuleSpec{}, &Error{Code: ec2.MissingParameter,
			Message: "The request must contain exactly one of: cidrIpv4, cidrIpv6, prefixListId, referencedGroupId"}
	case n > 1:
		return secgroup.RuleSpec{}, &Error{Code: ec2.InvalidParameterCombination,
			Message: "Only one of cidrIpv4, cidrIpv6, prefixListId or referencedGroupId can be specified"}
	}
	specs, err := c.ruleSpecs(k, r, []IPPermission{p})
	if err != nil {
		return secgroup.RuleSpec{}, err
	}
	return specs[0], nil
}

// DescribeStaleSecurityGroupsInput is the input of
// [Cloud.DescribeStaleSecurityGroups].
type DescribeStaleSecurityGroupsInput struct {
	VPCID string `ec2:"VpcId,required"`
	Page
}

// DescribeStaleSecurityGroupsOutput is the output of
// [Cloud.DescribeStaleSecurityGroups].
type DescribeStaleSecurityGroupsOutput struct {
	StaleSecurityGroups []StaleSecurityGroup `ec2:"StaleSecurityGroupSet"`
	NextToken           string               `ec2:"NextToken,omitempty"`
}

// StaleSecurityGroup is a group with stale rules, and those rules.
type StaleSecurityGroup struct {
	Description              string              `ec2:"Description"`
	GroupID                  string              `ec2:"GroupId"`
	GroupName                string              `ec2:"GroupName"`
	StaleIPPermissions       []StaleIPPermission `ec2:"StaleIpPermissions"`
	StaleIPPermissionsEgress []StaleIPPermission `ec2:"StaleIpPermissionsEgress"`
	VPCID                    string              `ec2:"VpcId"`
}

// StaleIPPermission is a set of stale rules with one protocol and port
// range: the groups in peer VPCs they refer to, with the status of the
// peering connection each rule was made over.
type StaleIPPermission struct {
	FromPort         Optional[int]     `ec2:"FromPort"`
	IPProtocol       string            `ec2:"IpProtocol"`
	ToPort           Optional[int]     `ec2:"ToPort"`
	UserIDGroupPairs []UserIDGroupPair `ec2:"Groups"`
}

// staleLimits are DescribeStaleSecurityGroups' bounds on MaxResults.
var staleLimits = pageLimits{min: 5, max: 255, token: ec2.SecurityGroup.IsID}

// staleRules returns the rules of g that refer to a group in another VPC
// that is out of reach: the group is gone, or no active peering connection
// joins the two VPCs. A new active connection between them makes such a
// rule live again.
func (c *Cloud) staleRules(k *call, g secgroup.Group) []secgroup.Rule {
	var out []secgroup.Rule
	for _, x := range g.Rules() {
		ref, ok := x.Peer.Group()
		if !ok || ref.VPCID == "" || ref.VPCID == g.VPCID() {
			continue
		}
		if peer := c.sgs[ref.GroupID]; peer != nil && peer.g.VPCID() == ref.VPCID {
			if _, ok := c.activePeering(k, g.VPCID(), ref.VPCID); ok {
				continue
			}
		}
		out = append(out, x)
	}
	return out
}

// stalePermissions groups stale rules of one direction by protocol and
// port range, as [permissions] groups live ones.
func (c *Cloud) stalePermissions(k *call, rules []secgroup.Rule, egress bool) []StaleIPPermission {
	var out []StaleIPPermission
	for _, p := range permissions(rules, egress) {
		sp := StaleIPPermission{FromPort: p.FromPort, IPProtocol: p.IPProtocol, ToPort: p.ToPort}
		for _, pair := range p.UserIDGroupPairs {
			status := "deleted"
			if pcx, ok := c.peering.Connection(pair.VPCPeeringConnectionID, k.now); ok {
				status = string(pcx.Status().Code)
			}
			sp.UserIDGroupPairs = append(sp.UserIDGroupPairs, UserIDGroupPair{UserID: pair.UserID, GroupID: pair.GroupID,
				VPCID: pair.VPCID, VPCPeeringConnectionID: pair.VPCPeeringConnectionID, PeeringStatus: status})
		}
		out = append(out, sp)
	}
	return out
}

func (c *Cloud) describeStaleSecurityGroups(k *call, in *DescribeStaleSecurityGroupsInput) (*DescribeStaleSecurityGroupsOutput, error) {
	if err := in.Page.check(staleLimits, false); err != nil {
		return nil, err
	}
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	type staleRec struct {
		r     *sgRec
		rules []secgroup.Rule
	}
	var stale []staleRec
	for _, id := range sortedIDs(c.sgsByVPC[v.v.ID()]) {
		r := c.sgs[id]
		if r.owner != k.scope {
			continue
		}
		if rules := c.staleRules(k, r.g); len(rules) > 0 {
			stale = append(stale, staleRec{r, rules})
		}
	}
	pageOf, next, err := paginate(stale, func(s staleRec) string { return s.r.g.ID() }, in.Page, staleLimits, false)
	if err != nil {
		return nil, err
	}
	out := &DescribeStaleSecurityGroupsOutput{NextToken: next}
	for _, s := range pageOf {
		g := s.r.g
		out.StaleSecurityGroups = append(out.StaleSecurityGroups, StaleSecurityGroup{Description: g.Description(), GroupID: g.ID(),
			GroupName: g.Name(), StaleIPPermissions: c.stalePermissions(k, s.rules, false),
			StaleIPPermissionsEgress: c.stalePermissions(k, s.rules, true), VPCID: g.VPCID()})
	}
	return out, nil
}
