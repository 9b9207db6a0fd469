package vpcmodel

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/bpa"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// blockPublic is the VPC Block Public Access state of every scope: the
// options each scope changed (a scope absent has [bpa.DefaultOptions]) and
// the exclusions, live and recently deleted.
type blockPublic struct {
	bpaOptions map[scope]bpa.Options
	exclusions map[string]*exclusionRec
	// bpaUnsettled is set while an options or exclusion change is in
	// progress; the next call completes it.
	bpaUnsettled bool
	// exclusionOf maps a VPC or subnet to its live exclusion (index).
	exclusionOf map[string]string
}

type exclusionRec struct {
	owner scope
	e     bpa.Exclusion
}

func newBlockPublic() blockPublic {
	return blockPublic{bpaOptions: map[scope]bpa.Options{}, exclusions: map[string]*exclusionRec{}, exclusionOf: map[string]string{}}
}

// bpaOptionsOf returns scope sc's options.
func (b *blockPublic) bpaOptionsOf(sc scope) bpa.Options {
	if o, ok := b.bpaOptions[sc]; ok {
		return o
	}
	return bpa.DefaultOptions()
}

// bpaDue reports whether a call at now has a Block Public Access step to
// take first: a change to complete, or a deleted exclusion to forget.
func (b *blockPublic) bpaDue(now time.Time) bool {
	if b.bpaUnsettled {
		return true
	}
	for _, r := range b.exclusions {
		if r.e.Gone(now) {
			return true
		}
	}
	return false
}

// settleBPA completes the changes in progress and forgets the exclusions
// deleted longer ago than [bpa.DeletedRetention].
func (c *Cloud) settleBPA(now time.Time) {
	if c.bpaUnsettled {
		for sc, o := range c.bpaOptions {
			c.bpaOptions[sc] = o.Settle()
		}
		for _, r := range c.exclusions {
			r.e = r.e.Settle()
		}
		c.bpaUnsettled = false
	}
	for id, r := range c.exclusions {
		if r.e.Gone(now) {
			delete(c.exclusions, id)
			c.dropTags(id)
		}
	}
}

// deleteExclusionsOf deletes the live exclusion of a VPC or subnet being
// deleted.
func (c *Cloud) deleteExclusionsOf(k *call, resourceID string) {
	id, ok := c.exclusionOf[resourceID]
	if !ok {
		return
	}
	r := c.exclusions[id]
	if next, err := r.e.Delete(k.now); err == nil {
		r.e = next
	} else {
		// A change in progress completes first.
		r.e, _ = r.e.Settle().Delete(k.now)
	}
	delete(c.exclusionOf, resourceID)
	c.bpaUnsettled = true
}

// VPCBlockPublicAccessOptions are a Region's Block Public Access options as
// EC2 shows them.
type VPCBlockPublicAccessOptions struct {
	AWSAccountID             string    `ec2:"AwsAccountId"`
	AWSRegion                string    `ec2:"AwsRegion"`
	State                    string    `ec2:"State"`
	InternetGatewayBlockMode string    `ec2:"InternetGatewayBlockMode"`
	LastUpdateTimestamp      time.Time `ec2:"LastUpdateTimestamp,omitempty"`
	ManagedBy                string    `ec2:"ManagedBy"`
	ExclusionsAllowed        string    `ec2:"ExclusionsAllowed"`
}

func bpaOptionsOutput(sc scope, o bpa.Options) VPCBlockPublicAccessOptions {
	return VPCBlockPublicAccessOptions{AWSAccountID: sc.Account, AWSRegion: sc.Region, State: string(o.State),
		InternetGatewayBlockMode: string(o.Mode), LastUpdateTimestamp: o.Updated, ManagedBy: "account", ExclusionsAllowed: "allowed"}
}

// DescribeVpcBlockPublicAccessOptionsInput is the input of
// [Cloud.DescribeVpcBlockPublicAccessOptions]; it takes no parameters.
type DescribeVpcBlockPublicAccessOptionsInput struct{}

// DescribeVpcBlockPublicAccessOptionsOutput is the output of
// [Cloud.DescribeVpcBlockPublicAccessOptions].
type DescribeVpcBlockPublicAccessOptionsOutput struct {
	Options VPCBlockPublicAccessOptions `ec2:"VpcBlockPublicAccessOptions"`
}

func (c *Cloud) describeVpcBlockPublicAccessOptions(k *call, _ *DescribeVpcBlockPublicAccessOptionsInput) (*DescribeVpcBlockPublicAccessOptionsOutput, error) {
	return &DescribeVpcBlockPublicAccessOptionsOutput{Options: bpaOptionsOutput(k.scope, c.bpaOptionsOf(k.scope))}, nil
}

// ModifyVpcBlockPublicAccessOptionsInput is the input of
// [Cloud.ModifyVpcBlockPublicAccessOptions].
type ModifyVpcBlockPublicAccessOptionsInput struct {
	InternetGatewayBlockMode string `ec2:"InternetGatewayBlockMode,required"`
}

// ModifyVpcBlockPublicAccessOptionsOutput is the output of
// [Cloud.ModifyVpcBlockPublicAccessOptions].
type ModifyVpcBlockPublicAccessOptionsOutput = DescribeVpcBlockPublicAccessOptionsOutput

func (c *Cloud) modifyVpcBlockPublicAccessOptions(k *call, in *ModifyVpcBlockPublicAccessOptionsInput) (*ModifyVpcBlockPublicAccessOptionsOutput, error) {
	o, err := c.bpaOptionsOf(k.scope).Modify(bpa.Mode(in.InternetGatewayBlockMode), k.now)
	if err != nil {
		return nil, err
	}
	c.bpaOptions[k.scope] = o
	c.bpaUnsettled = true
	return &ModifyVpcBlockPublicAccessOptionsOutput{Options: bpaOptionsOutput(k.scope, o)}, nil
}

// VPCBlockPublicAccessExclusion is an exclusion as EC2 shows it.
type VPCBlockPublicAccessExclusion struct {
	ExclusionID                  string    `ec2:"ExclusionId"`
	InternetGatewayExclusionMode string    `ec2:"InternetGatewayExclusionMode"`
	ResourceARN                  string    `ec2:"ResourceArn"`
	State                        string    `ec2:"State"`
	CreationTimestamp            time.Time `ec2:"CreationTimestamp"`
	LastUpdateTimestamp          time.Time `ec2:"LastUpdateTimestamp"`
	DeletionTimestamp            time.Time `ec2:"DeletionTimestamp,omitempty"`
	Tags                         []Tag     `ec2:"TagSet"`
}

func (c *Cloud) exclusionOutput(r *exclusionRec) VPCBlockPublicAccessExclusion {
	e := r.e
	deleted, _ := e.Deleted()
	return VPCBlockPublicAccessExclusion{ExclusionID: e.ID(), InternetGatewayExclusionMode: string(e.Mode()),
		ResourceARN: e.ARN(), State: string(e.State()), CreationTimestamp: e.Created(), LastUpdateTimestamp: e.Updated(),
		DeletionTimestamp: deleted, Tags: tagList(c.tagsOf(r.owner, e.ID()))}
}

// findExclusion returns the caller's exclusion with the given ID.
func (c *Cloud) findExclusion(k *call, id string) (*exclusionRec, error) {
	if err := bpa.ParseExclusionID(id); err != nil {
		return nil, err
	}
	r := c.exclusions[id]
	if r == nil || r.owner != k.scope {
		return nil, bpa.NotFoundError(id)
	}
	return r, nil
}

// CreateVpcBlockPublicAccessExclusionInput is the input of
// [Cloud.CreateVpcBlockPublicAccessExclusion]: one of a VPC or a subnet.
type CreateVpcBlockPublicAccessExclusionInput struct {
	VPCID                        string             `ec2:"VpcId"`
	SubnetID                     string             `ec2:"SubnetId"`
	InternetGatewayExclusionMode string             `ec2:"InternetGatewayExclusionMode,required"`
	TagSpecifications            []TagSpecification `ec2:"TagSpecification"`
}

// CreateVpcBlockPublicAccessExclusionOutput is the output of
// [Cloud.CreateVpcBlockPublicAccessExclusion] and of the exclusion's
// Modify and Delete.
type CreateVpcBlockPublicAccessExclusionOutput struct {
	Exclusion VPCBlockPublicAccessExclusion `ec2:"VpcBlockPublicAccessExclusion"`
}

func (c *Cloud) createVpcBlockPublicAccessExclusion(k *call, in *CreateVpcBlockPublicAccessExclusionInput) (*CreateVpcBlockPublicAccessExclusionOutput, error) {
	spec := bpa.Spec{OwnerID: k.Account, Region: k.Region, Mode: bpa.ExclusionMode(in.InternetGatewayExclusionMode)}
	switch {
	case (in.VPCID == "") == (in.SubnetID == ""):
		return nil, &Error{Code: ec2.InvalidParameterCombination, Message: "Exactly one of VpcId and SubnetId must be specified."}
	case in.VPCID != "":
		r, err := c.findVPC(k, in.VPCID)
		if err != nil {
			return nil, err
		}
		spec.Kind, spec.ResourceID = bpa.KindVPC, r.v.ID()
	default:
		s, err := c.findSubnet(k, in.SubnetID)
		if err != nil {
			return nil, err
		}
		spec.Kind, spec.ResourceID = bpa.KindSubnet, s.ID()
	}
	if err := spec.Check(); err != nil {
		return nil, err
	}
	if id, ok := c.exclusionOf[spec.ResourceID]; ok {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: fmt.Sprintf("The resource %s already has the exclusion %s.", spec.ResourceID, id)}
	}
	live := 0
	for _, r := range c.exclusions {
		if r.owner == k.scope && r.e.IsLive() {
			live++
		}
	}
	if live >= bpa.MaxExclusions {
		return nil, &Error{Code: "ExclusionLimitExceeded",
			Message: fmt.Sprintf("You have reached the limit of %d exclusions in this Region.", bpa.MaxExclusions)}
	}
	tags, err := tagsFor(in.TagSpecifications, "vpc-block-public-access-exclusion")
	if err != nil {
		return nil, err
	}
	e, err := bpa.Create(spec, k.now, c.random)
	if err != nil {
		return nil, err
	}
	r := &exclusionRec{owner: k.scope, e: e}
	c.exclusions[e.ID()] = r
	c.exclusionOf[spec.ResourceID] = e.ID()
	c.bpaUnsettled = true
	c.setTags(k.scope, e.ID(), tags)
	return &CreateVpcBlockPublicAccessExclusionOutput{Exclusion: c.exclusionOutput(r)}, nil
}

// ModifyVpcBlockPublicAccessExclusionInput is the input of
// [Cloud.ModifyVpcBlockPublicAccessExclusion].
type ModifyVpcBlockPublicAccessExclusionInput struct {
	ExclusionID                  string `ec2:"ExclusionId,required"`
	InternetGatewayExclusionMode string `ec2:"InternetGatewayExclusionMode,required"`
}

// ModifyVpcBlockPublicAccessExclusionOutput is the output of
// [Cloud.ModifyVpcBlockPublicAccessExclusion].
type ModifyVpcBlockPublicAccessExclusionOutput = CreateVpcBlockPublicAccessExclusionOutput

func (c *Cloud) modifyVpcBlockPublicAccessExclusion(k *call, in *ModifyVpcBlockPublicAccessExclusionInput) (*ModifyVpcBlockPublicAccessExclusionOutput, error) {
	r, err := c.findExclusion(k, in.ExclusionID)
	if err != nil {
		return nil, err
	}
	next, err := r.e.Modify(bpa.ExclusionMode(in.InternetGatewayExclusionMode), k.now)
	if err != nil {
		return nil, err
	}
	r.e = next
	c.bpaUnsettled = true
	return &ModifyVpcBlockPublicAccessExclusionOutput{Exclusion: c.exclusionOutput(r)}, nil
}

// DeleteVpcBlockPublicAccessExclusionInput is the input of
// [Cloud.DeleteVpcBlockPublicAccessExclusion].
type DeleteVpcBlockPublicAccessExclusionInput struct {
	ExclusionID string `ec2:"ExclusionId,required"`
}

// DeleteVpcBlockPublicAccessExclusionOutput is the output of
// [Cloud.DeleteVpcBlockPublicAccessExclusion].
type DeleteVpcBlockPublicAccessExclusionOutput = CreateVpcBlockPublicAccessExclusionOutput

func (c *Cloud) deleteVpcBlockPublicAccessExclusion(k *call, in *DeleteVpcBlockPublicAccessExclusionInput) (*DeleteVpcBlockPublicAccessExclusionOutput, error) {
	r, err := c.findExclusion(k, in.ExclusionID)
	if err != nil {
		return nil, err
	}
	next, err := r.e.Delete(k.now)
	if err != nil {
		return nil, err
	}
	r.e = next
	_, res := next.Resource()
	delete(c.exclusionOf, res)
	c.bpaUnsettled = true
	return &DeleteVpcBlockPublicAccessExclusionOutput{Exclusion: c.exclusionOutput(r)}, nil
}

// DescribeVpcBlockPublicAccessExclusionsInput is the input of
// [Cloud.DescribeVpcBlockPublicAccessExclusions].
type DescribeVpcBlockPublicAccessExclusionsInput struct {
	ExclusionIDs []string `ec2:"ExclusionId"`
	Filters      []Filter `ec2:"Filter"`
	Page
}

// DescribeVpcBlockPublicAccessExclusionsOutput is the output of
// [Cloud.DescribeVpcBlockPublicAccessExclusions].
type DescribeVpcBlockPublicAccessExclusionsOutput struct {
	Exclusions []VPCBlockPublicAccessExclusion `ec2:"VpcBlockPublicAccessExclusionSet"`
	NextToken  string                          `ec2:"NextToken,omitempty"`
}

var exclusionFilters = filterFuncs[*exclusionRec]{
	"resource-arn": func(r *exclusionRec) []string { return one(r.e.ARN()) },
	"state":        func(r *exclusionRec) []string { return one(string(r.e.State())) },
	"exclusion-id": func(r *exclusionRec) []string { return one(r.e.ID()) },
}

var exclusionPage = pageLimits{min: 5, max: 1000, idsParam: "ExclusionIds", token: bpa.IsExclusionID}

func (c *Cloud) describeVpcBlockPublicAccessExclusions(k *call, in *DescribeVpcBlockPublicAccessExclusionsInput) (*DescribeVpcBlockPublicAccessExclusionsOutput, error) {
	if err := in.Page.check(exclusionPage, len(in.ExclusionIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, exclusionFilters, func(r *exclusionRec) tag.Set { return c.tagsOf(r.owner, r.e.ID()) })
	if err != nil {
		return nil, err
	}
	var rs []*exclusionRec
	if len(in.ExclusionIDs) > 0 {
		for _, id := range in.ExclusionIDs {
			r, err := c.findExclusion(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
	} else {
		for _, r := range c.exclusions {
			if r.owner == k.scope {
				rs = append(rs, r)
			}
		}
	}
	slices.SortFunc(rs, func(a, b *exclusionRec) int { return strings.Compare(a.e.ID(), b.e.ID()) })
	rs = slices.DeleteFunc(rs, func(r *exclusionRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *exclusionRec) string { return r.e.ID() }, in.Page, exclusionPage, len(in.ExclusionIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeVpcBlockPublicAccessExclusionsOutput{NextToken: next}
	for _, r := range pageOf {
		out.Exclusions = append(out.Exclusions, c.exclusionOutput(r))
	}
	return out, nil
}

// writeBPA writes the options and exclusions for [Cloud.WriteTo].
func (c *Cloud) writeBPA(put func(payload []byte, fields ...string), encode func(interface{ MarshalBinary() ([]byte, error) }) []byte) {
	scopes := make([]scope, 0, len(c.bpaOptions))
	for sc := range c.bpaOptions {
		scopes = append(scopes, sc)
	}
	slices.SortFunc(scopes, compareScope)
	for _, sc := range scopes {
		put(encode(c.bpaOptions[sc]), "bpaOptions", sc.Account, sc.Region)
	}
	for _, id := range sortedKeys(c.exclusions) {
		r := c.exclusions[id]
		put(encode(r.e), "bpaExclusion", r.owner.Account, r.owner.Region)
	}
	if c.bpaUnsettled {
		put([]byte("{}"), "bpaUnsettled")
	}
}

// addBPA takes one Block Public Access record into st.
func (st *state) addBPA(kind string, owner scope, payload []byte) error {
	switch kind {
	case "bpaOptions":
		var o bpa.Options
		if err := o.UnmarshalBinary(payload); err != nil {
			return err
		}
		if _, dup := st.bpaOptions[owner]; dup {
			return fmt.Errorf("block public access options of %s in %s twice", owner.Account, owner.Region)
		}
		st.bpaOptions[owner] = o
	case "bpaExclusion":
		var e bpa.Exclusion
		if err := e.UnmarshalBinary(payload); err != nil {
			return err
		}
		if st.exclusions[e.ID()] != nil || e.OwnerID() != owner.Account || e.Region() != owner.Region {
			return fmt.Errorf("exclusion %s twice or of another owner", e.ID())
		}
		st.exclusions[e.ID()] = &exclusionRec{owner: owner, e: e}
	}
	return nil
}

// reindexBPA rebuilds the exclusion index and checks every live
// exclusion's resource is its owner's, and alone.
func (st *state) reindexBPA() error {
	for id, r := range st.exclusions {
		if !r.e.IsLive() {
			continue
		}
		_, res := r.e.Resource()
		if !st.exists(r.owner, res) {
			return fmt.Errorf("exclusion %s: its resource %s is not its owner's", id, res)
		}
		if other, dup := st.exclusionOf[res]; dup {
			return fmt.Errorf("exclusions %s and %s of one resource %s", other, id, res)
		}
		st.exclusionOf[res] = id
	}
	return nil
}
