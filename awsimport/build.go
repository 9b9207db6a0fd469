package awsimport

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel"
)

// Import is a Cloud built from the CLI's JSON, with the map between the
// real IDs and addresses and the model's (they differ only where the Cloud
// had to draw afresh), the account and Region each real resource belongs
// to, and a warning for each thing left out.
type Import struct {
	Cloud    *vpcmodel.Cloud
	Now      time.Time // the instant the Cloud was built at
	Warnings []string

	toModel, toReal map[string]string
	owners          map[string]vpcmodel.Caller // real ID -> its account and Region
}

// Model returns the model's ID (or address) for a real one.
func (im *Import) Model(real string) string {
	if m, ok := im.toModel[real]; ok {
		return m
	}
	return real
}

// Real returns the real ID (or address) for a model's one.
func (im *Import) Real(model string) string {
	if r, ok := im.toReal[model]; ok {
		return r
	}
	return model
}

// Replacer returns a Replacer that writes the model's IDs and addresses in
// a text as the real ones.
func (im *Import) Replacer() *strings.Replacer {
	keys := make([]string, 0, len(im.toReal))
	for m := range im.toReal {
		keys = append(keys, m)
	}
	// Longer first, so that no ID replaces part of another.
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
	})
	var pairs []string
	for _, m := range keys {
		pairs = append(pairs, m, im.toReal[m])
	}
	return strings.NewReplacer(pairs...)
}

// Owner returns the account and Region of a real resource.
func (im *Import) Owner(real string) (vpcmodel.Caller, bool) {
	c, ok := im.owners[real]
	return c, ok
}

// idSource is the Cloud's random source during the build: the IDs queued
// for the next action, as the 9 bytes the Cloud draws each from, then a
// seeded stream.
type idSource struct {
	queue [][9]byte
	rest  io.Reader
}

// Read serves a queued ID for a 9-byte read, else the seeded stream.
func (s *idSource) Read(b []byte) (int, error) {
	if len(b) == 9 && len(s.queue) > 0 {
		copy(b, s.queue[0][:])
		s.queue = s.queue[1:]
		return 9, nil
	}
	return s.rest.Read(b)
}

var hex17 = regexp.MustCompile(`^[a-z-]+-([0-9a-f]{17})$`)

// want queues the IDs the next action draws, in the order it draws them;
// an ID the Cloud cannot draw (8 digits) queues fresh bytes in its place.
func (s *idSource) want(ids ...string) {
	s.queue = s.queue[:0]
	for _, id := range ids {
		var b [9]byte
		m := hex17.FindStringSubmatch(id)
		if m == nil {
			_, _ = io.ReadFull(s.rest, b[:])
			s.queue = append(s.queue, b)
			continue
		}
		for i, c := range m[1] {
			n := byte(strings.IndexRune("0123456789abcdef", c))
			if i%2 == 0 {
				b[i/2] = n << 4
			} else {
				b[i/2] |= n
			}
		}
		s.queue = append(s.queue, b)
	}
}

// builder builds one Import.
type builder struct {
	im      *Import
	ids     *idSource
	now     time.Time
	account string // for shapes without an owner, when nothing else tells
	srcs    []Source
	// Where each real resource came from, to name it in errors.
	where map[string]string
	conns []vpnConn
}

func (b *builder) warn(format string, args ...any) {
	b.im.Warnings = append(b.im.Warnings, fmt.Sprintf(format, args...))
}

// got records that the model's ID for real is model.
func (b *builder) got(real, model string, owner vpcmodel.Caller) {
	b.im.owners[real] = owner
	if real != model && model != "" {
		b.im.toModel[real] = model
		b.im.toReal[model] = real
	}
}

func (b *builder) m(real string) string { return b.im.Model(real) }

// Build builds a Cloud from the sources, at now. defaultAccount is the
// account of a virtual private gateway attached to no imported VPC.
//
// Errors (*Error): a resource without its ID or block, a reference to a
// VPC, subnet or group the sources do not hold, a value the Cloud refuses
// where the model holds the thing (a subnet block outside its VPC, two
// interfaces at one address), naming the file and field.
func Build(srcs []Source, now time.Time, defaultAccount string) (*Import, error) {
	ids := &idSource{rest: rand.NewChaCha8([32]byte{'a', 'w', 's'})}
	im := &Import{Cloud: vpcmodel.New(vpcmodel.Options{Random: ids}), Now: now,
		toModel: map[string]string{}, toReal: map[string]string{}, owners: map[string]vpcmodel.Caller{}}
	b := &builder{im: im, ids: ids, now: now, account: defaultAccount, srcs: srcs, where: map[string]string{}}
	for _, step := range []func() error{b.vpcs, b.subnets, b.gateways, b.groups, b.acls, b.peerings, b.settle, b.rules,
		b.nats, b.interfaces, b.vpns, b.settle, b.tunnels, b.routeTables, b.settle} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	slices.Sort(im.Warnings)
	im.Warnings = slices.Compact(im.Warnings)
	return im, nil
}

// fail returns the *Error for a field of a file.
func fail(file, field string, err error) error {
	var ce interface{ ErrorMessage() string }
	if errors.As(err, &ce) {
		err = errors.New(ce.ErrorMessage())
	}
	return &Error{File: file, Field: field, Err: err}
}

// message returns the EC2 message an error carries, else its text.
func message(err error) string {
	var ce interface{ ErrorMessage() string }
	if errors.As(err, &ce) {
		return ce.ErrorMessage()
	}
	return err.Error()
}

func missing(file, field string) error {
	return &Error{File: file, Field: field, Err: errors.New("missing")}
}

// settle makes a call, so that the steps the Cloud completes on the next
// call (block associations, attachments, connections) complete.
func (b *builder) settle() error {
	_, err := b.im.Cloud.DescribeAvailabilityZones(vpcmodel.Caller{Account: "000000000000", Region: "us-east-1"}, vpcmodel.DescribeAvailabilityZonesInput{}, b.now)
	return err
}

func tagSpec(kind string, tags []Tag) []vpcmodel.TagSpecification {
	var ts []vpcmodel.Tag
	for _, t := range tags {
		if !strings.HasPrefix(t.Key, "aws:") {
			ts = append(ts, vpcmodel.Tag{Key: t.Key, Value: t.Value})
		}
	}
	if len(ts) == 0 {
		return nil
	}
	return []vpcmodel.TagSpecification{{ResourceType: kind, Tags: ts}}
}

// each calls f for every item of every source, with the item's field name.
func each[T any](b *builder, list func(*Source) []T, name string, f func(s *Source, field string, x *T) error) error {
	for i := range b.srcs {
		s := &b.srcs[i]
		xs := list(s)
		for j := range xs {
			if err := f(s, fmt.Sprintf("%s[%d]", name, j), &xs[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) vpcs() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []VPC { return s.Vpcs }, "Vpcs", func(s *Source, field string, v *VPC) error {
		switch {
		case v.VpcId == "":
			return missing(s.Name, field+".VpcId")
		case v.CidrBlock == "":
			return missing(s.Name, field+".CidrBlock")
		case v.OwnerId == "":
			return missing(s.Name, field+".OwnerId")
		case seen[v.VpcId]:
			return nil
		}
		seen[v.VpcId] = true
		who := vpcmodel.Caller{Account: v.OwnerId, Region: s.Region}
		b.where[v.VpcId] = s.Name
		// The VPC, its primary block's association, its default group and
		// ACL, its main table and that table's association, as the Cloud
		// draws them.
		var assoc string
		for _, a := range v.CidrBlockAssociationSet {
			if a.CidrBlock == v.CidrBlock {
				assoc = a.AssociationId
			}
		}
		sg, acl, rtb, rtbAssoc := b.defaults(v.VpcId)
		b.ids.want(v.VpcId, assoc, sg, acl, rtb, rtbAssoc)
		o, err := c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: v.CidrBlock, TagSpecifications: tagSpec("vpc", v.Tags)}, b.now)
		if err != nil {
			return fail(s.Name, field+".CidrBlock", err)
		}
		model := o.VPC.VPCID
		b.got(v.VpcId, model, who)
		if len(o.VPC.CIDRBlockAssociations) > 0 && assoc != "" {
			b.got(assoc, o.VPC.CIDRBlockAssociations[0].AssociationID, who)
		}
		// The defaults, as the Cloud made them.
		f := []vpcmodel.Filter{{Name: "vpc-id", Values: []string{model}}}
		if g, err := c.DescribeSecurityGroups(who, vpcmodel.DescribeSecurityGroupsInput{Filters: append(f, vpcmodel.Filter{Name: "group-name", Values: []string{"default"}})}, b.now); err == nil && sg != "" {
			b.got(sg, g.SecurityGroups[0].GroupID, who)
		}
		if a, err := c.DescribeNetworkAcls(who, vpcmodel.DescribeNetworkAclsInput{Filters: append(f, vpcmodel.Filter{Name: "default", Values: []string{"true"}})}, b.now); err == nil && acl != "" {
			b.got(acl, a.NetworkACLs[0].NetworkACLID, who)
		}
		if t, err := c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{Filters: f}, b.now); err == nil && rtb != "" {
			b.got(rtb, t.RouteTables[0].RouteTableID, who)
			if rtbAssoc != "" {
				b.got(rtbAssoc, t.RouteTables[0].Associations[0].RouteTableAssociationID, who)
			}
		}
		for k, a := range v.CidrBlockAssociationSet {
			if a.CidrBlock == v.CidrBlock || a.CidrBlockState.State != "associated" {
				continue
			}
			b.ids.want(a.AssociationId)
			o, err := c.AssociateVpcCidrBlock(who, vpcmodel.AssociateVpcCidrBlockInput{VPCID: model, CIDRBlock: a.CidrBlock}, b.now)
			if err != nil {
				return fail(s.Name, fmt.Sprintf("%s.CidrBlockAssociationSet[%d].CidrBlock", field, k), err)
			}
			b.got(a.AssociationId, o.CIDRBlockAssociation.Value.AssociationID, who)
		}
		return nil
	})
}

// defaults returns the real IDs of a VPC's default group and ACL, its main
// route table and that table's main association, from whatever files hold
// them ("" where none does).
func (b *builder) defaults(vpc string) (sg, acl, rtb, assoc string) {
	for _, s := range b.srcs {
		for _, g := range s.SecurityGroups {
			if g.VpcId == vpc && g.GroupName == "default" {
				sg = g.GroupId
			}
		}
		for _, a := range s.NetworkAcls {
			if a.VpcId == vpc && a.IsDefault {
				acl = a.NetworkAclId
			}
		}
		for _, t := range s.RouteTables {
			for _, a := range t.Associations {
				if t.VpcId == vpc && a.Main {
					rtb, assoc = t.RouteTableId, a.RouteTableAssociationId
				}
			}
		}
	}
	return sg, acl, rtb, assoc
}

// scopeOf returns the account and Region of an imported VPC.
func (b *builder) scopeOf(file, field, vpc string) (vpcmodel.Caller, error) {
	who, ok := b.im.owners[vpc]
	if !ok || vpc == "" {
		return who, &Error{File: file, Field: field, Err: fmt.Errorf("VPC %q is in no file's Vpcs", vpc)}
	}
	return who, nil
}

func (b *builder) subnets() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []Subnet { return s.Subnets }, "Subnets", func(s *Source, field string, x *Subnet) error {
		switch {
		case x.SubnetId == "":
			return missing(s.Name, field+".SubnetId")
		case x.CidrBlock == "":
			b.warn("%s: %s: subnet %s has no IPv4 block; IPv6-only subnets are not modelled", s.Name, field, x.SubnetId)
			return nil
		case seen[x.SubnetId]:
			return nil
		}
		seen[x.SubnetId] = true
		who, err := b.scopeOf(s.Name, field+".VpcId", x.VpcId)
		if err != nil {
			return err
		}
		var aclAssoc string
		for _, src := range b.srcs {
			for _, a := range src.NetworkAcls {
				for _, as := range a.Associations {
					if as.SubnetId == x.SubnetId && a.IsDefault {
						aclAssoc = as.NetworkAclAssociationId
					}
				}
			}
		}
		b.ids.want(x.SubnetId, aclAssoc)
		o, err := c.CreateSubnet(who, vpcmodel.CreateSubnetInput{VPCID: b.m(x.VpcId), CIDRBlock: x.CidrBlock, AvailabilityZone: x.AvailabilityZone,
			TagSpecifications: tagSpec("subnet", x.Tags)}, b.now)
		if err != nil {
			return fail(s.Name, field+".CidrBlock", err)
		}
		b.got(x.SubnetId, o.Subnet.SubnetID, who)
		b.where[x.SubnetId] = s.Name
		return nil
	})
}

func (b *builder) gateways() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	err := each(b, func(s *Source) []InternetGateway { return s.InternetGateways }, "InternetGateways", func(s *Source, field string, g *InternetGateway) error {
		if g.InternetGatewayId == "" {
			return missing(s.Name, field+".InternetGatewayId")
		}
		if seen[g.InternetGatewayId] {
			return nil
		}
		seen[g.InternetGatewayId] = true
		owner := g.OwnerId
		if owner == "" {
			owner = b.account
		}
		who := vpcmodel.Caller{Account: owner, Region: s.Region}
		b.ids.want(g.InternetGatewayId)
		o, err := c.CreateInternetGateway(who, vpcmodel.CreateInternetGatewayInput{TagSpecifications: tagSpec("internet-gateway", g.Tags)}, b.now)
		if err != nil {
			return fail(s.Name, field, err)
		}
		b.got(g.InternetGatewayId, o.InternetGateway.InternetGatewayID, who)
		for k, a := range g.Attachments {
			if a.State != "available" && a.State != "attached" {
				continue
			}
			if _, err := b.scopeOf(s.Name, fmt.Sprintf("%s.Attachments[%d].VpcId", field, k), a.VpcId); err != nil {
				return err
			}
			if _, err := c.AttachInternetGateway(who, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: b.m(g.InternetGatewayId), VPCID: b.m(a.VpcId)}, b.now); err != nil {
				return fail(s.Name, fmt.Sprintf("%s.Attachments[%d]", field, k), err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return each(b, func(s *Source) []VPNGateway { return s.VpnGateways }, "VpnGateways", func(s *Source, field string, g *VPNGateway) error {
		if g.VpnGatewayId == "" {
			return missing(s.Name, field+".VpnGatewayId")
		}
		if seen[g.VpnGatewayId] || g.State == "deleted" || g.State == "deleting" {
			return nil
		}
		seen[g.VpnGatewayId] = true
		who := vpcmodel.Caller{Account: b.account, Region: s.Region}
		var vpc string
		for _, a := range g.VpcAttachments {
			if a.State == "attached" || a.State == "attaching" {
				vpc = a.VpcId
			}
		}
		if vpc != "" {
			var err error
			if who, err = b.scopeOf(s.Name, field+".VpcAttachments", vpc); err != nil {
				return err
			}
		}
		b.ids.want(g.VpnGatewayId)
		o, err := c.CreateVpnGateway(who, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1", AmazonSideASN: g.AmazonSideAsn,
			TagSpecifications: tagSpec("vpn-gateway", g.Tags)}, b.now)
		if err != nil {
			return fail(s.Name, field, err)
		}
		b.got(g.VpnGatewayId, o.VPNGateway.VPNGatewayID, who)
		if vpc != "" {
			if _, err := c.AttachVpnGateway(who, vpcmodel.AttachVpnGatewayInput{VPCID: b.m(vpc), VPNGatewayID: b.m(g.VpnGatewayId)}, b.now); err != nil {
				return fail(s.Name, field+".VpcAttachments", err)
			}
		}
		return nil
	})
}

func (b *builder) groups() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []SecurityGroup { return s.SecurityGroups }, "SecurityGroups", func(s *Source, field string, g *SecurityGroup) error {
		if g.GroupId == "" {
			return missing(s.Name, field+".GroupId")
		}
		if seen[g.GroupId] || g.GroupName == "default" {
			return nil
		}
		seen[g.GroupId] = true
		who, err := b.scopeOf(s.Name, field+".VpcId", g.VpcId)
		if err != nil {
			return err
		}
		b.ids.want(g.GroupId)
		desc := g.Description
		if desc == "" {
			desc = g.GroupName
		}
		o, err := c.CreateSecurityGroup(who, vpcmodel.CreateSecurityGroupInput{VPCID: b.m(g.VpcId), GroupName: g.GroupName, Description: desc,
			TagSpecifications: tagSpec("security-group", g.Tags)}, b.now)
		if err != nil {
			return fail(s.Name, field+".GroupName", err)
		}
		b.got(g.GroupId, o.GroupID, who)
		return nil
	})
}

// rules makes every group's rules the ones the files list: the rules the
// Cloud gave the group go, the listed ones come.
func (b *builder) rules() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []SecurityGroup { return s.SecurityGroups }, "SecurityGroups", func(s *Source, field string, g *SecurityGroup) error {
		if seen[g.GroupId] {
			return nil
		}
		seen[g.GroupId] = true
		who, ok := b.im.owners[g.GroupId]
		if !ok {
			return nil // a default group of a VPC no file describes as a VPC
		}
		model := b.m(g.GroupId)
		existing, err := c.DescribeSecurityGroupRules(who, vpcmodel.DescribeSecurityGroupRulesInput{Filters: []vpcmodel.Filter{{Name: "group-id", Values: []string{model}}}}, b.now)
		if err != nil {
			return fail(s.Name, field, err)
		}
		for _, r := range existing.SecurityGroupRules {
			in := vpcmodel.RevokeSecurityGroupIngressInput{GroupID: model, SecurityGroupRuleIDs: []string{r.SecurityGroupRuleID}}
			if r.IsEgress {
				_, err = c.RevokeSecurityGroupEgress(who, in, b.now)
			} else {
				_, err = c.RevokeSecurityGroupIngress(who, in, b.now)
			}
			if err != nil {
				return fail(s.Name, field, err)
			}
		}
		for _, dir := range []struct {
			name   string
			perms  []Permission
			egress bool
		}{{"IpPermissions", g.IpPermissions, false}, {"IpPermissionsEgress", g.IpPermissionsEgress, true}} {
			for k, p := range dir.perms {
				at := fmt.Sprintf("%s.%s[%d]", field, dir.name, k)
				perm := vpcmodel.IPPermission{IPProtocol: p.IpProtocol}
				if p.FromPort != nil {
					perm.FromPort = vpcmodel.Some(*p.FromPort)
				}
				if p.ToPort != nil {
					perm.ToPort = vpcmodel.Some(*p.ToPort)
				}
				for _, r := range p.IpRanges {
					perm.IPRanges = append(perm.IPRanges, vpcmodel.IPRange{CIDRIP: r.CidrIp, Description: r.Description})
				}
				for _, r := range p.Ipv6Ranges {
					perm.IPv6Ranges = append(perm.IPv6Ranges, vpcmodel.IPv6Range{CIDRIPv6: r.CidrIpv6})
				}
				if len(p.PrefixListIds) > 0 {
					b.warn("%s: %s: rules naming prefix lists are left out; the model holds no prefix lists", s.Name, at)
				}
				for _, pair := range p.UserIdGroupPairs {
					if _, ok := b.im.owners[pair.GroupId]; !ok {
						b.warn("%s: %s: the rule naming group %s is left out: no file holds that group", s.Name, at, pair.GroupId)
						continue
					}
					perm.UserIDGroupPairs = append(perm.UserIDGroupPairs, vpcmodel.UserIDGroupPair{GroupID: b.m(pair.GroupId), Description: pair.Description})
				}
				if len(perm.IPRanges)+len(perm.IPv6Ranges)+len(perm.UserIDGroupPairs) == 0 {
					continue
				}
				in := vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: model, IPPermissions: []vpcmodel.IPPermission{perm}}
				if dir.egress {
					_, err = c.AuthorizeSecurityGroupEgress(who, in, b.now)
				} else {
					_, err = c.AuthorizeSecurityGroupIngress(who, in, b.now)
				}
				if err != nil {
					var ce interface{ ErrorCode() string }
					if errors.As(err, &ce) && ce.ErrorCode() == "InvalidGroup.NotFound" {
						b.warn("%s: %s: a rule naming a group across a peering connection that is not active is left out", s.Name, at)
						continue
					}
					return fail(s.Name, at, err)
				}
			}
		}
		return nil
	})
}

func (b *builder) acls() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []NetworkACL { return s.NetworkAcls }, "NetworkAcls", func(s *Source, field string, a *NetworkACL) error {
		if a.NetworkAclId == "" {
			return missing(s.Name, field+".NetworkAclId")
		}
		if seen[a.NetworkAclId] {
			return nil
		}
		seen[a.NetworkAclId] = true
		who, err := b.scopeOf(s.Name, field+".VpcId", a.VpcId)
		if err != nil {
			return err
		}
		if !a.IsDefault {
			b.ids.want(a.NetworkAclId)
			o, err := c.CreateNetworkAcl(who, vpcmodel.CreateNetworkAclInput{VPCID: b.m(a.VpcId), TagSpecifications: tagSpec("network-acl", a.Tags)}, b.now)
			if err != nil {
				return fail(s.Name, field, err)
			}
			b.got(a.NetworkAclId, o.NetworkACL.NetworkACLID, who)
		} else {
			// The Cloud's default ACL has 100 allow-all each way: it goes,
			// and the listed entries come.
			for _, egress := range []bool{false, true} {
				if _, err := c.DeleteNetworkAclEntry(who, vpcmodel.DeleteNetworkAclEntryInput{NetworkACLID: b.m(a.NetworkAclId), RuleNumber: 100, Egress: egress}, b.now); err != nil {
					return fail(s.Name, field, err)
				}
			}
		}
		model := b.m(a.NetworkAclId)
		for k, e := range a.Entries {
			if e.RuleNumber > 32766 {
				continue // the catch-alls, which every ACL has
			}
			in := vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: model, RuleNumber: e.RuleNumber, Protocol: e.Protocol, RuleAction: e.RuleAction,
				Egress: e.Egress, CIDRBlock: e.CidrBlock, IPv6CIDRBlock: e.Ipv6CidrBlock}
			if e.PortRange != nil {
				in.PortRange = vpcmodel.Some(vpcmodel.PortRange{From: e.PortRange.From, To: e.PortRange.To})
			}
			if e.IcmpTypeCode != nil {
				in.ICMPTypeCode = vpcmodel.Some(vpcmodel.ICMPTypeCode{Code: e.IcmpTypeCode.Code, Type: e.IcmpTypeCode.Type})
			}
			if _, err := c.CreateNetworkAclEntry(who, in, b.now); err != nil {
				return fail(s.Name, fmt.Sprintf("%s.Entries[%d]", field, k), err)
			}
		}
		if a.IsDefault {
			return nil
		}
		for k, as := range a.Associations {
			if _, ok := b.im.owners[as.SubnetId]; !ok {
				return &Error{File: s.Name, Field: fmt.Sprintf("%s.Associations[%d].SubnetId", field, k), Err: fmt.Errorf("subnet %q is in no file's Subnets", as.SubnetId)}
			}
			d, err := c.DescribeNetworkAcls(who, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{{Name: "association.subnet-id", Values: []string{b.m(as.SubnetId)}}}}, b.now)
			if err != nil || len(d.NetworkACLs) == 0 {
				return fail(s.Name, fmt.Sprintf("%s.Associations[%d]", field, k), err)
			}
			var current string
			for _, x := range d.NetworkACLs[0].Associations {
				if x.SubnetID == b.m(as.SubnetId) {
					current = x.NetworkACLAssociationID
				}
			}
			b.ids.want(as.NetworkAclAssociationId)
			o, err := c.ReplaceNetworkAclAssociation(who, vpcmodel.ReplaceNetworkAclAssociationInput{AssociationID: current, NetworkACLID: model}, b.now)
			if err != nil {
				return fail(s.Name, fmt.Sprintf("%s.Associations[%d]", field, k), err)
			}
			b.got(as.NetworkAclAssociationId, o.NewAssociationID, who)
		}
		return nil
	})
}

func (b *builder) peerings() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []Peering { return s.VpcPeeringConnections }, "VpcPeeringConnections", func(s *Source, field string, p *Peering) error {
		id := p.VpcPeeringConnectionId
		if id == "" {
			return missing(s.Name, field+".VpcPeeringConnectionId")
		}
		if seen[id] {
			return nil
		}
		seen[id] = true
		if p.Status.Code != "active" {
			b.warn("%s: %s: peering connection %s is %s, not active; it is left out", s.Name, field, id, p.Status.Code)
			return nil
		}
		req, acc := p.RequesterVpcInfo, p.AccepterVpcInfo
		rw, ok1 := b.im.owners[req.VpcId]
		aw, ok2 := b.im.owners[acc.VpcId]
		if !ok1 || !ok2 {
			b.warn("%s: %s: peering connection %s joins a VPC no file holds; it is left out", s.Name, field, id)
			return nil
		}
		b.ids.want(id)
		o, err := c.CreateVpcPeeringConnection(rw, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: b.m(req.VpcId), PeerVPCID: b.m(acc.VpcId),
			PeerOwnerID: aw.Account, PeerRegion: aw.Region, TagSpecifications: tagSpec("vpc-peering-connection", p.Tags)}, b.now)
		if err != nil {
			return fail(s.Name, field, err)
		}
		model := o.VPCPeeringConnection.VPCPeeringConnectionID
		b.got(id, model, rw)
		if _, err := c.AcceptVpcPeeringConnection(aw, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: model}, b.now); err != nil {
			return fail(s.Name, field, err)
		}
		return nil
	})
}

func (b *builder) interfaces() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []NetworkInterface { return s.NetworkInterfaces }, "NetworkInterfaces", func(s *Source, field string, n *NetworkInterface) error {
		switch {
		case n.NetworkInterfaceId == "":
			return missing(s.Name, field+".NetworkInterfaceId")
		case n.PrivateIpAddress == "":
			return missing(s.Name, field+".PrivateIpAddress")
		case seen[n.NetworkInterfaceId]:
			return nil
		}
		seen[n.NetworkInterfaceId] = true
		if _, ok := b.im.owners[n.NetworkInterfaceId]; ok && n.InterfaceType == "nat_gateway" {
			return nil // an imported NAT gateway's own interface, which the gateway made
		}
		if n.InterfaceType != "" && n.InterfaceType != "interface" || n.RequesterManaged {
			b.warn("%s: %s: interface %s (%s) belongs to another service and is left out", s.Name, field, n.NetworkInterfaceId, n.InterfaceType)
			return nil
		}
		if _, ok := b.im.owners[n.SubnetId]; !ok {
			return &Error{File: s.Name, Field: field + ".SubnetId", Err: fmt.Errorf("subnet %q is in no file's Subnets", n.SubnetId)}
		}
		who := b.im.owners[n.SubnetId]
		var groups []string
		for k, g := range n.Groups {
			if _, ok := b.im.owners[g.GroupId]; !ok {
				return &Error{File: s.Name, Field: fmt.Sprintf("%s.Groups[%d].GroupId", field, k), Err: fmt.Errorf("group %q is in no file's SecurityGroups", g.GroupId)}
			}
			groups = append(groups, b.m(g.GroupId))
		}
		b.ids.want(n.NetworkInterfaceId)
		o, err := c.CreateNetworkInterface(who, vpcmodel.CreateNetworkInterfaceInput{SubnetID: b.m(n.SubnetId), PrivateIPAddress: n.PrivateIpAddress,
			Groups: groups, Description: n.Description, TagSpecifications: tagSpec("network-interface", n.TagSet)}, b.now)
		if err != nil {
			return fail(s.Name, field+".PrivateIpAddress", err)
		}
		model := o.NetworkInterface.NetworkInterfaceID
		b.got(n.NetworkInterfaceId, model, who)
		if n.SourceDestCheck != nil && !*n.SourceDestCheck {
			if _, err := c.ModifyNetworkInterfaceAttribute(who, vpcmodel.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceID: model,
				SourceDestCheck: vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: false})}, b.now); err != nil {
				return fail(s.Name, field+".SourceDestCheck", err)
			}
		}
		if n.Association != nil && n.Association.PublicIp != "" {
			if _, err := c.ModifyNetworkInterfaceAttribute(who, vpcmodel.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceID: model,
				AssociatePublicIPAddress: vpcmodel.Some(true)}, b.now); err != nil {
				return fail(s.Name, field+".Association", err)
			}
			d, err := c.DescribeNetworkInterfaces(who, vpcmodel.DescribeNetworkInterfacesInput{NetworkInterfaceIDs: []string{model}}, b.now)
			if err != nil {
				return fail(s.Name, field, err)
			}
			b.got(n.Association.PublicIp, d.NetworkInterfaces[0].Association.Value.PublicIP, who)
		}
		return nil
	})
}

// nats builds the NAT gateways that are available or pending, at their
// primary private address; a public one with an Elastic IP address
// allocated for it (at its real address where the Cloud's pool holds it).
func (b *builder) nats() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []NATGateway { return s.NatGateways }, "NatGateways", func(s *Source, field string, g *NATGateway) error {
		switch {
		case g.NatGatewayId == "":
			return missing(s.Name, field+".NatGatewayId")
		case seen[g.NatGatewayId]:
			return nil
		case g.State != "available" && g.State != "pending":
			b.warn("%s: %s: NAT gateway %s is %s and is left out", s.Name, field, g.NatGatewayId, g.State)
			return nil
		}
		seen[g.NatGatewayId] = true
		if _, ok := b.im.owners[g.SubnetId]; !ok {
			return &Error{File: s.Name, Field: field + ".SubnetId", Err: fmt.Errorf("subnet %q is in no file's Subnets", g.SubnetId)}
		}
		who := b.im.owners[g.SubnetId]
		var primary struct {
			AllocationId, AssociationId, NetworkInterfaceId, PrivateIp, PublicIp string
			IsPrimary                                                            bool
		}
		for _, a := range g.NatGatewayAddresses {
			if a.IsPrimary || len(g.NatGatewayAddresses) == 1 {
				primary = a
			}
		}
		if primary.PrivateIp == "" {
			return missing(s.Name, field+".NatGatewayAddresses.PrivateIp")
		}
		conn := g.ConnectivityType
		if conn == "" {
			conn = "public"
		}
		in := vpcmodel.CreateNatGatewayInput{SubnetID: b.m(g.SubnetId), ConnectivityType: conn, PrivateIPAddress: primary.PrivateIp,
			TagSpecifications: tagSpec("natgateway", g.Tags)}
		if conn == "public" {
			if primary.PublicIp == "" {
				return missing(s.Name, field+".NatGatewayAddresses.PublicIp")
			}
			b.ids.want(primary.AllocationId)
			a, err := c.AllocateAddress(who, vpcmodel.AllocateAddressInput{Domain: "vpc", Address: primary.PublicIp}, b.now)
			if err != nil {
				b.ids.want(primary.AllocationId)
				if a, err = c.AllocateAddress(who, vpcmodel.AllocateAddressInput{Domain: "vpc"}, b.now); err != nil {
					b.warn("%s: %s: NAT gateway %s is left out: its Elastic IP address: %s", s.Name, field, g.NatGatewayId, message(err))
					return nil
				}
			}
			b.got(primary.AllocationId, a.AllocationID, who)
			b.got(primary.PublicIp, a.PublicIP, who)
			in.AllocationID = a.AllocationID
		}
		b.ids.want(g.NatGatewayId, primary.NetworkInterfaceId, primary.AssociationId)
		o, err := c.CreateNatGateway(who, in, b.now)
		if err != nil {
			return fail(s.Name, field, err)
		}
		b.got(g.NatGatewayId, o.NATGateway.NATGatewayID, who)
		// The next call settles the new gateway, with its interface.
		d, err := c.DescribeNatGateways(who, vpcmodel.DescribeNatGatewaysInput{NATGatewayIDs: []string{o.NATGateway.NATGatewayID}}, b.now)
		if err != nil {
			return fail(s.Name, field, err)
		}
		model := d.NATGateways[0]
		for _, a := range model.NATGatewayAddresses {
			if a.NetworkInterfaceID != "" && primary.NetworkInterfaceId != "" {
				b.got(primary.NetworkInterfaceId, a.NetworkInterfaceID, who)
			}
			if a.AssociationID != "" && primary.AssociationId != "" {
				b.got(primary.AssociationId, a.AssociationID, who)
			}
		}
		if model.FailureCode != "" {
			b.warn("%s: %s: NAT gateway %s fails in the model: %s", s.Name, field, g.NatGatewayId, model.FailureMessage)
		}
		return nil
	})
}

var cgwAddress = regexp.MustCompile(`(?s)<customer_gateway>.*?<tunnel_outside_address>\s*<ip_address>\s*([0-9.]+)\s*<`)

// vpnConns remembers the connections built, for their tunnels' status.
type vpnConn struct {
	who    vpcmodel.Caller
	model  string
	status []string
}

func (b *builder) vpns() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	b.conns = nil
	return each(b, func(s *Source) []VPNConnection { return s.VpnConnections }, "VpnConnections", func(s *Source, field string, v *VPNConnection) error {
		if v.VpnConnectionId == "" {
			return missing(s.Name, field+".VpnConnectionId")
		}
		if seen[v.VpnConnectionId] || v.State == "deleted" || v.State == "deleting" {
			return nil
		}
		seen[v.VpnConnectionId] = true
		if v.VpnGatewayId == "" {
			b.warn("%s: %s: VPN connection %s ends at a transit gateway, which is not modelled; it is left out", s.Name, field, v.VpnConnectionId)
			return nil
		}
		who, ok := b.im.owners[v.VpnGatewayId]
		if !ok {
			return &Error{File: s.Name, Field: field + ".VpnGatewayId", Err: fmt.Errorf("gateway %q is in no file's VpnGateways", v.VpnGatewayId)}
		}
		ip := "198.51.100.1"
		if m := cgwAddress.FindStringSubmatch(v.CustomerGatewayConfiguration); m != nil {
			ip = m[1]
		} else {
			b.warn("%s: %s: VPN connection %s shows no customer gateway address; 198.51.100.1 stands in", s.Name, field, v.VpnConnectionId)
		}
		b.ids.want(v.CustomerGatewayId)
		cg, err := c.CreateCustomerGateway(who, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000, IPAddress: ip}, b.now)
		if err != nil {
			return fail(s.Name, field+".CustomerGatewayConfiguration", err)
		}
		b.got(v.CustomerGatewayId, cg.CustomerGateway.CustomerGatewayID, who)
		b.ids.want(v.VpnConnectionId)
		o, err := c.CreateVpnConnection(who, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cg.CustomerGateway.CustomerGatewayID,
			VPNGatewayID: b.m(v.VpnGatewayId), Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: v.Options.StaticRoutesOnly},
			TagSpecifications: tagSpec("vpn-connection", v.Tags)}, b.now)
		if err != nil {
			return fail(s.Name, field, err)
		}
		model := o.VPNConnection.VPNConnectionID
		b.got(v.VpnConnectionId, model, who)
		for k, r := range v.Routes {
			if r.State != "available" && r.State != "pending" {
				continue
			}
			if _, err := c.CreateVpnConnectionRoute(who, vpcmodel.CreateVpnConnectionRouteInput{VPNConnectionID: model, DestinationCIDRBlock: r.DestinationCidrBlock}, b.now); err != nil {
				return fail(s.Name, fmt.Sprintf("%s.Routes[%d]", field, k), err)
			}
		}
		conn := vpnConn{who: who, model: model}
		for _, t := range v.VgwTelemetry {
			conn.status = append(conn.status, t.Status)
		}
		if len(conn.status) == 0 && v.State == "available" {
			conn.status = []string{"UP", "UP"}
		}
		b.conns = append(b.conns, conn)
		return nil
	})
}

// tunnels sets each imported connection's tunnels as its telemetry shows
// them.
func (b *builder) tunnels() error {
	for _, v := range b.conns {
		for i, st := range v.status {
			if i > 1 {
				break
			}
			if err := b.im.Cloud.SetVpnTunnelStatus(v.who, v.model, i, st == "UP", b.now); err != nil {
				b.warn("VPN connection %s: tunnel %d: %v", b.im.Real(v.model), i, err)
			}
		}
	}
	return nil
}

func (b *builder) routeTables() error {
	c := b.im.Cloud
	seen := map[string]bool{}
	return each(b, func(s *Source) []RouteTable { return s.RouteTables }, "RouteTables", func(s *Source, field string, t *RouteTable) error {
		if t.RouteTableId == "" {
			return missing(s.Name, field+".RouteTableId")
		}
		if seen[t.RouteTableId] {
			return nil
		}
		seen[t.RouteTableId] = true
		who, err := b.scopeOf(s.Name, field+".VpcId", t.VpcId)
		if err != nil {
			return err
		}
		main := slices.ContainsFunc(t.Associations, func(a struct {
			Main                    bool
			RouteTableAssociationId string
			SubnetId                string
			GatewayId               string
		}) bool {
			return a.Main
		})
		if !main {
			b.ids.want(t.RouteTableId)
			o, err := c.CreateRouteTable(who, vpcmodel.CreateRouteTableInput{VPCID: b.m(t.VpcId), TagSpecifications: tagSpec("route-table", t.Tags)}, b.now)
			if err != nil {
				return fail(s.Name, field, err)
			}
			b.got(t.RouteTableId, o.RouteTable.RouteTableID, who)
		}
		model := b.m(t.RouteTableId)
		for k, a := range t.Associations {
			if a.Main {
				continue
			}
			at := fmt.Sprintf("%s.Associations[%d]", field, k)
			in := vpcmodel.AssociateRouteTableInput{RouteTableID: model}
			switch {
			case a.SubnetId != "":
				if _, ok := b.im.owners[a.SubnetId]; !ok {
					return &Error{File: s.Name, Field: at + ".SubnetId", Err: fmt.Errorf("subnet %q is in no file's Subnets", a.SubnetId)}
				}
				in.SubnetID = b.m(a.SubnetId)
			case a.GatewayId != "":
				if _, ok := b.im.owners[a.GatewayId]; !ok {
					b.warn("%s: %s: the association with gateway %s is left out: no file holds that gateway", s.Name, at, a.GatewayId)
					continue
				}
				in.GatewayID = b.m(a.GatewayId)
			default:
				continue
			}
			b.ids.want(a.RouteTableAssociationId)
			o, err := c.AssociateRouteTable(who, in, b.now)
			if err != nil {
				return fail(s.Name, at, err)
			}
			b.got(a.RouteTableAssociationId, o.AssociationID, who)
		}
		for k, r := range t.Routes {
			at := fmt.Sprintf("%s.Routes[%d]", field, k)
			if r.Origin == "CreateRouteTable" || r.Origin == "EnableVgwRoutePropagation" {
				continue
			}
			if r.DestinationCidrBlock == "" {
				b.warn("%s: %s: IPv6 and prefix-list routes are left out", s.Name, at)
				continue
			}
			target, ok := b.target(r)
			if !ok {
				b.warn("%s: %s: the route to %s is left out: its target is not modelled", s.Name, at, describeTarget(r))
				continue
			}
			in := vpcmodel.CreateRouteInput{RouteTableID: model, RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: r.DestinationCidrBlock}, RouteTarget: target}
			if _, err := c.CreateRoute(who, in, b.now); err != nil {
				b.warn("%s: %s: the route to %s is left out: %s", s.Name, at, describeTarget(r), message(err))
			}
		}
		for k, p := range t.PropagatingVgws {
			if _, err := c.EnableVgwRoutePropagation(who, vpcmodel.EnableVgwRoutePropagationInput{GatewayID: b.m(p.GatewayId), RouteTableID: model}, b.now); err != nil {
				return fail(s.Name, fmt.Sprintf("%s.PropagatingVgws[%d]", field, k), err)
			}
		}
		return nil
	})
}

// target returns the model's target of a route, and false when the model
// does not hold it.
func (b *builder) target(r Route) (vpcmodel.RouteTarget, bool) {
	known := func(id string) bool { _, ok := b.im.owners[id]; return ok }
	switch {
	case r.VpcPeeringConnectionId != "" && known(r.VpcPeeringConnectionId):
		return vpcmodel.RouteTarget{VPCPeeringConnectionID: b.m(r.VpcPeeringConnectionId)}, true
	case r.NetworkInterfaceId != "" && known(r.NetworkInterfaceId) && r.InstanceId == "" && r.NatGatewayId == "":
		return vpcmodel.RouteTarget{NetworkInterfaceID: b.m(r.NetworkInterfaceId)}, true
	case r.GatewayId == "local":
		return vpcmodel.RouteTarget{}, false
	case (strings.HasPrefix(r.GatewayId, "igw-") || strings.HasPrefix(r.GatewayId, "vgw-")) && known(r.GatewayId):
		return vpcmodel.RouteTarget{GatewayID: b.m(r.GatewayId)}, true
	case r.NatGatewayId != "" && known(r.NatGatewayId):
		return vpcmodel.RouteTarget{NATGatewayID: b.m(r.NatGatewayId)}, true
	}
	return vpcmodel.RouteTarget{}, false
}

func describeTarget(r Route) string {
	for _, id := range []string{r.NatGatewayId, r.TransitGatewayId, r.InstanceId, r.VpcPeeringConnectionId, r.NetworkInterfaceId,
		r.GatewayId, r.EgressOnlyInternetGatewayId, r.CarrierGatewayId, r.LocalGatewayId, r.CoreNetworkArn} {
		if id != "" {
			return r.DestinationCidrBlock + " via " + id
		}
	}
	return r.DestinationCidrBlock
}
