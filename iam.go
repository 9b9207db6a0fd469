package vpcmodel

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/iam"
	"github.com/vpclab/vpcmodel/internal/ec2"
)

// IAM roles and customer managed policies are iam.Role and iam.Policy
// values: the roles VPC flow logs assume to write to CloudWatch Logs, and
// the policies that grant it. Their actions are the methods of [IAM],
// named as the IAM Query API (version 2010-05-08) names them; inputs and
// outputs carry the wire names in `query` tags. IAM is global: a Cloud
// keeps one set of roles and policies per account, whatever the Region a
// request names.

// IAM is the part of a Cloud that the IAM Query API reaches: roles,
// customer managed policies and their attachment to roles. Each method
// is one action, served as atomically as the Cloud's EC2 actions. Get it
// from [Cloud.IAM]; the zero IAM is not valid, and its methods refuse
// every call.
type IAM struct{ c *Cloud }

// IAM returns the IAM actions of c.
func (c *Cloud) IAM() IAM { return IAM{c} }

// iamAccount is one account's roles and policies, each by its name's
// [iam.Key].
type iamAccount struct {
	roles    map[string]iam.Role
	policies map[string]iam.Policy
}

// IAMTag is one tag of a role or policy.
type IAMTag struct {
	Key   string `query:"Key"`
	Value string `query:"Value"`
}

// Role is a role as IAM answers it; AssumeRolePolicyDocument is
// URL-encoded.
type Role struct {
	Path                     string        `query:"Path"`
	RoleName                 string        `query:"RoleName"`
	RoleID                   string        `query:"RoleId"`
	ARN                      string        `query:"Arn"`
	CreateDate               time.Time     `query:"CreateDate"`
	AssumeRolePolicyDocument string        `query:"AssumeRolePolicyDocument"`
	Description              string        `query:"Description"`
	MaxSessionDuration       Optional[int] `query:"MaxSessionDuration"`
	Tags                     []IAMTag      `query:"Tags>member"`
}

func roleOut(r iam.Role, full bool) Role {
	out := Role{Path: r.Path(), RoleName: r.Name(), RoleID: r.ID(), ARN: r.ARN(), CreateDate: r.Created(),
		AssumeRolePolicyDocument: iam.Escape(r.TrustPolicy()), Description: r.Description(),
		MaxSessionDuration: Some(r.MaxSessionDuration())}
	if full {
		out.Tags = iamTagsOut(r.Tags())
	}
	return out
}

// ManagedPolicy is a customer managed policy as IAM answers it.
type ManagedPolicy struct {
	PolicyName                    string    `query:"PolicyName"`
	PolicyID                      string    `query:"PolicyId"`
	ARN                           string    `query:"Arn"`
	Path                          string    `query:"Path"`
	DefaultVersionID              string    `query:"DefaultVersionId"`
	AttachmentCount               int       `query:"AttachmentCount"`
	PermissionsBoundaryUsageCount int       `query:"PermissionsBoundaryUsageCount"`
	IsAttachable                  bool      `query:"IsAttachable"`
	Description                   string    `query:"Description"`
	CreateDate                    time.Time `query:"CreateDate"`
	UpdateDate                    time.Time `query:"UpdateDate"`
	Tags                          []IAMTag  `query:"Tags>member"`
}

// PolicyVersion is a version of a managed policy as IAM answers it;
// Document is URL-encoded, and left out where IAM leaves it out.
type PolicyVersion struct {
	Document         string    `query:"Document"`
	VersionID        string    `query:"VersionId"`
	IsDefaultVersion bool      `query:"IsDefaultVersion"`
	CreateDate       time.Time `query:"CreateDate"`
}

// AttachedPolicy is a managed policy attached to a role.
type AttachedPolicy struct {
	PolicyName string `query:"PolicyName"`
	PolicyARN  string `query:"PolicyArn"`
}

// PolicyRole is a role a policy is attached to.
type PolicyRole struct {
	RoleName string `query:"RoleName"`
	RoleID   string `query:"RoleId"`
}

// IAMPage holds the pagination parameters of IAM's List actions: at most
// MaxItems results (1 to 1,000; absent 100) after the Marker the previous
// page answered.
type IAMPage struct {
	Marker   string        `query:"Marker"`
	MaxItems Optional[int] `query:"MaxItems"`
}

// IAMEmptyOutput is the output of the IAM actions that answer nothing but
// success.
type IAMEmptyOutput struct{}

// CreateRoleInput is the input of CreateRole.
type CreateRoleInput struct {
	RoleName                 string        `query:"RoleName"`
	Path                     string        `query:"Path"`
	AssumeRolePolicyDocument string        `query:"AssumeRolePolicyDocument"`
	Description              string        `query:"Description"`
	MaxSessionDuration       Optional[int] `query:"MaxSessionDuration"`
	Tags                     []IAMTag      `query:"Tags>member"`
}

// RoleOutput is the output of CreateRole and GetRole.
type RoleOutput struct {
	Role Role `query:"Role"`
}

// RoleNameInput is the input of the actions that name one role and
// nothing else.
type RoleNameInput struct {
	RoleName string `query:"RoleName"`
}

// RoleNamePageInput is the input of the List actions of one role.
type RoleNamePageInput struct {
	RoleName string `query:"RoleName"`
	IAMPage
}

// ListRolesInput is the input of ListRoles.
type ListRolesInput struct {
	PathPrefix string `query:"PathPrefix"`
	IAMPage
}

// ListRolesOutput is the output of ListRoles.
type ListRolesOutput struct {
	Roles       []Role `query:"Roles>member"`
	IsTruncated bool   `query:"IsTruncated"`
	Marker      string `query:"Marker"`
}

// ListRolePoliciesOutput is the output of ListRolePolicies.
type ListRolePoliciesOutput struct {
	PolicyNames []string `query:"PolicyNames>member"`
	IsTruncated bool     `query:"IsTruncated"`
	Marker      string   `query:"Marker"`
}

// ListAttachedRolePoliciesInput is the input of ListAttachedRolePolicies.
type ListAttachedRolePoliciesInput struct {
	RoleName   string `query:"RoleName"`
	PathPrefix string `query:"PathPrefix"`
	IAMPage
}

// ListAttachedRolePoliciesOutput is the output of ListAttachedRolePolicies.
type ListAttachedRolePoliciesOutput struct {
	AttachedPolicies []AttachedPolicy `query:"AttachedPolicies>member"`
	IsTruncated      bool             `query:"IsTruncated"`
	Marker           string           `query:"Marker"`
}

// InstanceProfile is an instance profile; a Cloud holds none.
type InstanceProfile struct {
	InstanceProfileName string `query:"InstanceProfileName"`
}

// ListInstanceProfilesForRoleOutput is the output of
// ListInstanceProfilesForRole.
type ListInstanceProfilesForRoleOutput struct {
	InstanceProfiles []InstanceProfile `query:"InstanceProfiles>member"`
	IsTruncated      bool              `query:"IsTruncated"`
}

// TagRoleInput is the input of TagRole.
type TagRoleInput struct {
	RoleName string   `query:"RoleName"`
	Tags     []IAMTag `query:"Tags>member"`
}

// UntagRoleInput is the input of UntagRole.
type UntagRoleInput struct {
	RoleName string   `query:"RoleName"`
	TagKeys  []string `query:"TagKeys>member"`
}

// IAMTagsOutput is the output of ListRoleTags and ListPolicyTags.
type IAMTagsOutput struct {
	Tags        []IAMTag `query:"Tags>member"`
	IsTruncated bool     `query:"IsTruncated"`
}

// UpdateAssumeRolePolicyInput is the input of UpdateAssumeRolePolicy.
type UpdateAssumeRolePolicyInput struct {
	RoleName       string `query:"RoleName"`
	PolicyDocument string `query:"PolicyDocument"`
}

// UpdateRoleInput is the input of UpdateRole.
type UpdateRoleInput struct {
	RoleName           string           `query:"RoleName"`
	Description        Optional[string] `query:"Description"`
	MaxSessionDuration Optional[int]    `query:"MaxSessionDuration"`
}

// CreatePolicyInput is the input of CreatePolicy.
type CreatePolicyInput struct {
	PolicyName     string   `query:"PolicyName"`
	Path           string   `query:"Path"`
	PolicyDocument string   `query:"PolicyDocument"`
	Description    string   `query:"Description"`
	Tags           []IAMTag `query:"Tags>member"`
}

// PolicyOutput is the output of CreatePolicy and GetPolicy.
type PolicyOutput struct {
	Policy ManagedPolicy `query:"Policy"`
}

// PolicyARNInput is the input of the actions that name one policy and
// nothing else.
type PolicyARNInput struct {
	PolicyARN string `query:"PolicyArn"`
}

// PolicyVersionInput is the input of GetPolicyVersion and
// DeletePolicyVersion.
type PolicyVersionInput struct {
	PolicyARN string `query:"PolicyArn"`
	VersionID string `query:"VersionId"`
}

// PolicyVersionOutput is the output of GetPolicyVersion and
// CreatePolicyVersion.
type PolicyVersionOutput struct {
	PolicyVersion PolicyVersion `query:"PolicyVersion"`
}

// ListPolicyVersionsOutput is the output of ListPolicyVersions.
type ListPolicyVersionsOutput struct {
	Versions    []PolicyVersion `query:"Versions>member"`
	IsTruncated bool            `query:"IsTruncated"`
}

// CreatePolicyVersionInput is the input of CreatePolicyVersion.
type CreatePolicyVersionInput struct {
	PolicyARN      string `query:"PolicyArn"`
	PolicyDocument string `query:"PolicyDocument"`
	SetAsDefault   bool   `query:"SetAsDefault"`
}

// TagPolicyInput is the input of TagPolicy.
type TagPolicyInput struct {
	PolicyARN string   `query:"PolicyArn"`
	Tags      []IAMTag `query:"Tags>member"`
}

// UntagPolicyInput is the input of UntagPolicy.
type UntagPolicyInput struct {
	PolicyARN string   `query:"PolicyArn"`
	TagKeys   []string `query:"TagKeys>member"`
}

// RolePolicyInput is the input of AttachRolePolicy and DetachRolePolicy.
type RolePolicyInput struct {
	RoleName  string `query:"RoleName"`
	PolicyARN string `query:"PolicyArn"`
}

// ListEntitiesForPolicyOutput is the output of ListEntitiesForPolicy: the
// roles a policy is attached to (a Cloud holds no users or groups).
type ListEntitiesForPolicyOutput struct {
	PolicyRoles  []PolicyRole `query:"PolicyRoles>member"`
	PolicyGroups []PolicyRole `query:"PolicyGroups>member"`
	PolicyUsers  []PolicyRole `query:"PolicyUsers>member"`
	IsTruncated  bool         `query:"IsTruncated"`
}

// CreateRole makes the caller's account a role that the principals its
// trust policy names may assume: name, path, trust policy, description,
// session duration and tags checked in that order, and the name free in
// the account ignoring case (EntityAlreadyExists).
func (a IAM) CreateRole(caller Caller, in CreateRoleInput, now time.Time) (RoleOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *CreateRoleInput) (*RoleOutput, error) {
		if err := iam.ParseRoleName(in.RoleName); err != nil {
			return nil, err
		}
		acct := c.iamAccount(k.Account)
		if _, ok := acct.roles[iam.Key(in.RoleName)]; ok {
			return nil, &Error{Code: iam.CodeAlreadyExists, Message: fmt.Sprintf("Role with name %s already exists.", in.RoleName)}
		}
		spec := iam.RoleSpec{Account: k.Account, Partition: ec2.Partition(k.Region), ID: iam.PlaceholderID(iam.RoleIDPrefix),
			Name: in.RoleName, Path: in.Path, TrustPolicy: in.AssumeRolePolicyDocument, Description: in.Description,
			MaxSessionDuration: in.MaxSessionDuration.Value, Tags: iamTagsIn(in.Tags), Created: k.now}
		if d, ok := in.MaxSessionDuration.Get(); ok && d == 0 {
			return nil, iam.CheckSessionDuration(0)
		}
		if _, err := iam.NewRole(spec); err != nil { // checked before an ID is drawn
			return nil, err
		}
		var err error
		if spec.ID, err = iam.NewID(iam.RoleIDPrefix, c.random); err != nil {
			return nil, err
		}
		r, err := iam.NewRole(spec)
		if err != nil {
			return nil, err
		}
		acct.roles[iam.Key(r.Name())] = r
		c.iamAccounts[k.Account] = acct
		return &RoleOutput{Role: roleOut(r, true)}, nil
	})
}

// GetRole answers a role of the caller's account.
func (a IAM) GetRole(caller Caller, in RoleNameInput, now time.Time) (RoleOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RoleNameInput) (*RoleOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		return &RoleOutput{Role: roleOut(r, true)}, nil
	})
}

// ListRoles lists the roles of the caller's account whose path starts
// with PathPrefix, in name order, without their tags.
func (a IAM) ListRoles(caller Caller, in ListRolesInput, now time.Time) (ListRolesOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *ListRolesInput) (*ListRolesOutput, error) {
		acct := c.iamAccounts[k.Account]
		var all []Role
		if acct != nil {
			for _, key := range sortedKeys(acct.roles) {
				if r := acct.roles[key]; strings.HasPrefix(r.Path(), in.PathPrefix) {
					all = append(all, roleOut(r, false))
				}
			}
		}
		page, more, marker, err := iamPage(in.IAMPage, all)
		if err != nil {
			return nil, err
		}
		return &ListRolesOutput{Roles: page, IsTruncated: more, Marker: marker}, nil
	})
}

// DeleteRole deletes a role that has no managed policy attached and no
// inline policy (DeleteConflict).
func (a IAM) DeleteRole(caller Caller, in RoleNameInput, now time.Time) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RoleNameInput) (*IAMEmptyOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		if len(r.Attached()) > 0 {
			return nil, &Error{Code: iam.CodeDeleteConflict, Message: "Cannot delete entity, must detach all policies first."}
		}
		if len(r.Inline()) > 0 {
			return nil, &Error{Code: iam.CodeDeleteConflict, Message: "Cannot delete entity, must delete policies first."}
		}
		acct := c.iamAccounts[k.Account]
		delete(acct.roles, iam.Key(r.Name()))
		c.dropIAMAccountIfEmpty(k.Account)
		return &IAMEmptyOutput{}, nil
	})
}

// ListRolePolicies lists the names of a role's inline policies, in byte
// order.
func (a IAM) ListRolePolicies(caller Caller, in RoleNamePageInput, now time.Time) (ListRolePoliciesOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RoleNamePageInput) (*ListRolePoliciesOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		names := []string{}
		for _, p := range r.Inline() {
			names = append(names, p.Name)
		}
		page, more, marker, err := iamPage(in.IAMPage, names)
		if err != nil {
			return nil, err
		}
		return &ListRolePoliciesOutput{PolicyNames: page, IsTruncated: more, Marker: marker}, nil
	})
}

// PutRolePolicyInput is the input of PutRolePolicy.
type PutRolePolicyInput struct {
	RoleName       string `query:"RoleName"`
	PolicyName     string `query:"PolicyName"`
	PolicyDocument string `query:"PolicyDocument"`
}

// RolePolicyNameInput is the input of GetRolePolicy and DeleteRolePolicy.
type RolePolicyNameInput struct {
	RoleName   string `query:"RoleName"`
	PolicyName string `query:"PolicyName"`
}

// GetRolePolicyOutput is the output of GetRolePolicy: the document
// URL-encoded, as IAM answers it.
type GetRolePolicyOutput struct {
	RoleName       string `query:"RoleName"`
	PolicyName     string `query:"PolicyName"`
	PolicyDocument string `query:"PolicyDocument"`
}

// PutRolePolicy sets a role's inline policy of that name, replacing one
// it has; see [iam.Role.WithInline].
func (a IAM) PutRolePolicy(caller Caller, in PutRolePolicyInput, now time.Time) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PutRolePolicyInput) (*IAMEmptyOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		if r, err = r.WithInline(in.PolicyName, in.PolicyDocument); err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].roles[iam.Key(r.Name())] = r
		return &IAMEmptyOutput{}, nil
	})
}

// GetRolePolicy answers a role's inline policy; one it lacks is
// NoSuchEntity.
func (a IAM) GetRolePolicy(caller Caller, in RolePolicyNameInput, now time.Time) (GetRolePolicyOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RolePolicyNameInput) (*GetRolePolicyOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		if err := iam.ParsePolicyName(in.PolicyName); err != nil {
			return nil, err
		}
		doc, err := r.InlinePolicy(in.PolicyName)
		if err != nil {
			return nil, err
		}
		return &GetRolePolicyOutput{RoleName: r.Name(), PolicyName: in.PolicyName, PolicyDocument: iam.Escape(doc)}, nil
	})
}

// DeleteRolePolicy removes a role's inline policy; one it lacks is
// NoSuchEntity.
func (a IAM) DeleteRolePolicy(caller Caller, in RolePolicyNameInput, now time.Time) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RolePolicyNameInput) (*IAMEmptyOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		if err := iam.ParsePolicyName(in.PolicyName); err != nil {
			return nil, err
		}
		if r, err = r.WithoutInline(in.PolicyName); err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].roles[iam.Key(r.Name())] = r
		return &IAMEmptyOutput{}, nil
	})
}

// ListAttachedRolePolicies lists the managed policies attached to a role
// whose paths start with PathPrefix, in the order they were attached.
func (a IAM) ListAttachedRolePolicies(caller Caller, in ListAttachedRolePoliciesInput, now time.Time) (ListAttachedRolePoliciesOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *ListAttachedRolePoliciesInput) (*ListAttachedRolePoliciesOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		var all []AttachedPolicy
		for _, arn := range r.Attached() {
			p, _ := iam.ParseARN(arn, "policyArn")
			if strings.HasPrefix(p.Path, in.PathPrefix) {
				all = append(all, AttachedPolicy{PolicyName: p.Name, PolicyARN: arn})
			}
		}
		page, more, marker, err := iamPage(in.IAMPage, all)
		if err != nil {
			return nil, err
		}
		return &ListAttachedRolePoliciesOutput{AttachedPolicies: page, IsTruncated: more, Marker: marker}, nil
	})
}

// ListInstanceProfilesForRole lists the instance profiles a role is in:
// none, as a Cloud holds none.
func (a IAM) ListInstanceProfilesForRole(caller Caller, in RoleNamePageInput, now time.Time) (ListInstanceProfilesForRoleOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RoleNamePageInput) (*ListInstanceProfilesForRoleOutput, error) {
		if _, err := c.findRole(k, in.RoleName); err != nil {
			return nil, err
		}
		return &ListInstanceProfilesForRoleOutput{}, nil
	})
}

// TagRole adds tags to a role; a key it has, ignoring case, takes the new
// value.
func (a IAM) TagRole(caller Caller, in TagRoleInput, now time.Time) (IAMEmptyOutput, error) {
	return a.updateRole(caller, in.RoleName, in, now, func(r iam.Role) (iam.Role, error) { return r.WithTags(iamTagsIn(in.Tags)) })
}

// UntagRole removes tags, by key ignoring case, from a role.
func (a IAM) UntagRole(caller Caller, in UntagRoleInput, now time.Time) (IAMEmptyOutput, error) {
	return a.updateRole(caller, in.RoleName, in, now, func(r iam.Role) (iam.Role, error) {
		if in.TagKeys == nil {
			return r, iam.Missing("tagKeys")
		}
		return r.WithoutTags(in.TagKeys), nil
	})
}

// ListRoleTags answers a role's tags.
func (a IAM) ListRoleTags(caller Caller, in RoleNamePageInput, now time.Time) (IAMTagsOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RoleNamePageInput) (*IAMTagsOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		return &IAMTagsOutput{Tags: iamTagsOut(r.Tags())}, nil
	})
}

// UpdateAssumeRolePolicy replaces a role's trust policy.
func (a IAM) UpdateAssumeRolePolicy(caller Caller, in UpdateAssumeRolePolicyInput, now time.Time) (IAMEmptyOutput, error) {
	return a.updateRole(caller, in.RoleName, in, now, func(r iam.Role) (iam.Role, error) { return r.WithTrustPolicy(in.PolicyDocument) })
}

// UpdateRoleOutput is the output of UpdateRole: nothing, in a result
// element IAM writes, empty, where its other actions that answer nothing
// write none.
type UpdateRoleOutput struct{}

// HasResult reports that the answer to UpdateRole holds an empty result
// element.
func (UpdateRoleOutput) HasResult() bool { return true }

// UpdateRole sets a role's description and maximum session duration,
// each when given.
func (a IAM) UpdateRole(caller Caller, in UpdateRoleInput, now time.Time) (UpdateRoleOutput, error) {
	_, err := a.updateRole(caller, in.RoleName, in, now, func(r iam.Role) (iam.Role, error) {
		var err error
		if d, ok := in.Description.Get(); ok {
			if r, err = r.WithDescription(d); err != nil {
				return r, err
			}
		}
		if s, ok := in.MaxSessionDuration.Get(); ok {
			r, err = r.WithMaxSessionDuration(s)
		}
		return r, err
	})
	return UpdateRoleOutput{}, err
}

// updateRole serves an action that changes one role by change.
func (a IAM) updateRole(caller Caller, name string, in any, now time.Time, change func(iam.Role) (iam.Role, error)) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, _ *any) (*IAMEmptyOutput, error) {
		r, err := c.findRole(k, name)
		if err != nil {
			return nil, err
		}
		if r, err = change(r); err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].roles[iam.Key(r.Name())] = r
		return &IAMEmptyOutput{}, nil
	})
}

// CreatePolicy makes the caller's account a customer managed policy whose
// version v1, the default, is PolicyDocument: name, path, document,
// description and tags checked in that order, and the name free in the
// account ignoring case (EntityAlreadyExists).
func (a IAM) CreatePolicy(caller Caller, in CreatePolicyInput, now time.Time) (PolicyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *CreatePolicyInput) (*PolicyOutput, error) {
		if err := iam.ParsePolicyName(in.PolicyName); err != nil {
			return nil, err
		}
		acct := c.iamAccount(k.Account)
		if _, ok := acct.policies[iam.Key(in.PolicyName)]; ok {
			return nil, &Error{Code: iam.CodeAlreadyExists,
				Message: fmt.Sprintf("A policy called %s already exists. Duplicate names are not allowed.", in.PolicyName)}
		}
		spec := iam.PolicySpec{Account: k.Account, Partition: ec2.Partition(k.Region), ID: iam.PlaceholderID(iam.PolicyIDPrefix),
			Name: in.PolicyName, Path: in.Path, Document: in.PolicyDocument, Description: in.Description,
			Tags: iamTagsIn(in.Tags), Created: k.now}
		if _, err := iam.NewPolicy(spec); err != nil { // checked before an ID is drawn
			return nil, err
		}
		var err error
		if spec.ID, err = iam.NewID(iam.PolicyIDPrefix, c.random); err != nil {
			return nil, err
		}
		p, err := iam.NewPolicy(spec)
		if err != nil {
			return nil, err
		}
		acct.policies[iam.Key(p.Name())] = p
		c.iamAccounts[k.Account] = acct
		return &PolicyOutput{Policy: c.policyOut(p)}, nil
	})
}

// GetPolicy answers a policy of the caller's account.
func (a IAM) GetPolicy(caller Caller, in PolicyARNInput, now time.Time) (PolicyOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PolicyARNInput) (*PolicyOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		return &PolicyOutput{Policy: c.policyOut(p)}, nil
	})
}

// GetPolicyVersion answers a version of a policy, its document
// URL-encoded.
func (a IAM) GetPolicyVersion(caller Caller, in PolicyVersionInput, now time.Time) (PolicyVersionOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PolicyVersionInput) (*PolicyVersionOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		if err := iam.CheckVersionID(in.VersionID); err != nil {
			return nil, err
		}
		v, err := p.Version(in.VersionID)
		if err != nil {
			return nil, err
		}
		return &PolicyVersionOutput{PolicyVersion: versionOut(p, v, true)}, nil
	})
}

// ListPolicyVersions lists a policy's versions, newest first, without
// their documents.
func (a IAM) ListPolicyVersions(caller Caller, in PolicyARNInput, now time.Time) (ListPolicyVersionsOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PolicyARNInput) (*ListPolicyVersionsOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		out := &ListPolicyVersionsOutput{}
		vs := p.Versions()
		for i := len(vs) - 1; i >= 0; i-- {
			out.Versions = append(out.Versions, versionOut(p, vs[i], false))
		}
		return out, nil
	})
}

// CreatePolicyVersion adds a version to a policy, the default one when
// SetAsDefault; a policy has at most 5 versions (LimitExceeded).
func (a IAM) CreatePolicyVersion(caller Caller, in CreatePolicyVersionInput, now time.Time) (PolicyVersionOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *CreatePolicyVersionInput) (*PolicyVersionOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		p, v, err := p.WithVersion(in.PolicyDocument, in.SetAsDefault, k.now)
		if err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].policies[iam.Key(p.Name())] = p
		return &PolicyVersionOutput{PolicyVersion: versionOut(p, v, false)}, nil
	})
}

// DeletePolicyVersion deletes a version of a policy other than its
// default one (DeleteConflict).
func (a IAM) DeletePolicyVersion(caller Caller, in PolicyVersionInput, now time.Time) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PolicyVersionInput) (*IAMEmptyOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		if err := iam.CheckVersionID(in.VersionID); err != nil {
			return nil, err
		}
		if p, err = p.WithoutVersion(in.VersionID); err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].policies[iam.Key(p.Name())] = p
		return &IAMEmptyOutput{}, nil
	})
}

// DeletePolicy deletes a policy attached to no role and with no version
// but its default one (DeleteConflict).
func (a IAM) DeletePolicy(caller Caller, in PolicyARNInput, now time.Time) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PolicyARNInput) (*IAMEmptyOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		if err := p.CheckDeletable(len(c.policyRoles(p))); err != nil {
			return nil, err
		}
		delete(c.iamAccounts[k.Account].policies, iam.Key(p.Name()))
		c.dropIAMAccountIfEmpty(k.Account)
		return &IAMEmptyOutput{}, nil
	})
}

// TagPolicy adds tags to a policy; a key it has, ignoring case, takes the
// new value.
func (a IAM) TagPolicy(caller Caller, in TagPolicyInput, now time.Time) (IAMEmptyOutput, error) {
	return a.updatePolicy(caller, in.PolicyARN, in, now, func(p iam.Policy) (iam.Policy, error) { return p.WithTags(iamTagsIn(in.Tags)) })
}

// UntagPolicy removes tags, by key ignoring case, from a policy.
func (a IAM) UntagPolicy(caller Caller, in UntagPolicyInput, now time.Time) (IAMEmptyOutput, error) {
	return a.updatePolicy(caller, in.PolicyARN, in, now, func(p iam.Policy) (iam.Policy, error) {
		if in.TagKeys == nil {
			return p, iam.Missing("tagKeys")
		}
		return p.WithoutTags(in.TagKeys), nil
	})
}

func (a IAM) updatePolicy(caller Caller, arn string, in any, now time.Time, change func(iam.Policy) (iam.Policy, error)) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, _ *any) (*IAMEmptyOutput, error) {
		p, err := c.findPolicy(k, arn)
		if err != nil {
			return nil, err
		}
		if p, err = change(p); err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].policies[iam.Key(p.Name())] = p
		return &IAMEmptyOutput{}, nil
	})
}

// ListPolicyTags answers a policy's tags.
func (a IAM) ListPolicyTags(caller Caller, in PolicyARNInput, now time.Time) (IAMTagsOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PolicyARNInput) (*IAMTagsOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		return &IAMTagsOutput{Tags: iamTagsOut(p.Tags())}, nil
	})
}

// AttachRolePolicy attaches a managed policy of the caller's account to
// one of its roles; attaching it again changes nothing, and a role holds
// at most 10 (LimitExceeded).
func (a IAM) AttachRolePolicy(caller Caller, in RolePolicyInput, now time.Time) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RolePolicyInput) (*IAMEmptyOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			var e *Error
			if errors.As(err, &e) && e.Code == iam.CodeNoSuchEntity {
				e.Message = fmt.Sprintf("Policy %s does not exist or is not attachable.", in.PolicyARN)
			}
			return nil, err
		}
		if r, err = r.WithAttached(p.ARN()); err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].roles[iam.Key(r.Name())] = r
		return &IAMEmptyOutput{}, nil
	})
}

// DetachRolePolicy detaches a managed policy from a role; one not
// attached is NoSuchEntity.
func (a IAM) DetachRolePolicy(caller Caller, in RolePolicyInput, now time.Time) (IAMEmptyOutput, error) {
	return runOn(a.c, caller, in, now, func(c *Cloud, k *call, in *RolePolicyInput) (*IAMEmptyOutput, error) {
		r, err := c.findRole(k, in.RoleName)
		if err != nil {
			return nil, err
		}
		if _, err := iam.ParseARN(in.PolicyARN, "policyArn"); err != nil {
			return nil, err
		}
		if r, err = r.WithoutAttached(in.PolicyARN); err != nil {
			return nil, err
		}
		c.iamAccounts[k.Account].roles[iam.Key(r.Name())] = r
		return &IAMEmptyOutput{}, nil
	})
}

// ListEntitiesForPolicy lists the roles a policy is attached to, in name
// order.
func (a IAM) ListEntitiesForPolicy(caller Caller, in PolicyARNInput, now time.Time) (ListEntitiesForPolicyOutput, error) {
	return readOn(a.c, caller, in, now, func(c *Cloud, k *call, in *PolicyARNInput) (*ListEntitiesForPolicyOutput, error) {
		p, err := c.findPolicy(k, in.PolicyARN)
		if err != nil {
			return nil, err
		}
		out := &ListEntitiesForPolicyOutput{}
		for _, r := range c.policyRoles(p) {
			out.PolicyRoles = append(out.PolicyRoles, PolicyRole{RoleName: r.Name(), RoleID: r.ID()})
		}
		return out, nil
	})
}

// iamAccount returns an account's roles and policies, new and not yet
// stored when it has none.
func (c *Cloud) iamAccount(account string) *iamAccount {
	if a := c.iamAccounts[account]; a != nil {
		return a
	}
	return &iamAccount{roles: map[string]iam.Role{}, policies: map[string]iam.Policy{}}
}

// dropIAMAccountIfEmpty forgets an account that holds nothing.
func (c *Cloud) dropIAMAccountIfEmpty(account string) {
	if a := c.iamAccounts[account]; a != nil && len(a.roles) == 0 && len(a.policies) == 0 {
		delete(c.iamAccounts, account)
	}
}

// findRole returns the caller's role of a name, ignoring case.
func (c *Cloud) findRole(k *call, name string) (iam.Role, error) {
	if err := iam.ParseRoleName(name); err != nil {
		return iam.Role{}, err
	}
	if a := c.iamAccounts[k.Account]; a != nil {
		if r, ok := a.roles[iam.Key(name)]; ok {
			return r, nil
		}
	}
	return iam.Role{}, &Error{Code: iam.CodeNoSuchEntity, Message: fmt.Sprintf("The role with name %s cannot be found.", name)}
}

// findPolicy returns the caller's policy an ARN names.
func (c *Cloud) findPolicy(k *call, arn string) (iam.Policy, error) {
	parsed, err := iam.ParseARN(arn, "policyArn")
	if err != nil {
		return iam.Policy{}, err
	}
	if parsed.Kind == "policy" && parsed.Account == k.Account {
		if a := c.iamAccounts[k.Account]; a != nil {
			if p, ok := a.policies[iam.Key(parsed.Name)]; ok && p.ARN() == arn {
				return p, nil
			}
		}
	}
	return iam.Policy{}, &Error{Code: iam.CodeNoSuchEntity, Message: fmt.Sprintf("Policy %s was not found.", arn)}
}

// policyRoles returns the roles p is attached to, in name order.
func (c *Cloud) policyRoles(p iam.Policy) []iam.Role {
	a := c.iamAccounts[p.Account()]
	if a == nil {
		return nil
	}
	var out []iam.Role
	for _, key := range sortedKeys(a.roles) {
		if r := a.roles[key]; slices.Contains(r.Attached(), p.ARN()) {
			out = append(out, r)
		}
	}
	return out
}

func (c *Cloud) policyOut(p iam.Policy) ManagedPolicy {
	return ManagedPolicy{PolicyName: p.Name(), PolicyID: p.ID(), ARN: p.ARN(), Path: p.Path(), DefaultVersionID: p.DefaultVersion(),
		AttachmentCount: len(c.policyRoles(p)), IsAttachable: true, Description: p.Description(), CreateDate: p.Created(),
		UpdateDate: p.Updated(), Tags: iamTagsOut(p.Tags())}
}

func versionOut(p iam.Policy, v iam.Version, document bool) PolicyVersion {
	out := PolicyVersion{VersionID: v.ID, IsDefaultVersion: v.ID == p.DefaultVersion(), CreateDate: v.Created}
	if document {
		out.Document = iam.Escape(v.Document)
	}
	return out
}

func iamTagsIn(tags []IAMTag) []iam.Tag {
	out := make([]iam.Tag, len(tags))
	for i, t := range tags {
		out[i] = iam.Tag{Key: t.Key, Value: t.Value}
	}
	return out
}

func iamTagsOut(tags []iam.Tag) []IAMTag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]IAMTag, len(tags))
	for i, t := range tags {
		out[i] = IAMTag{Key: t.Key, Value: t.Value}
	}
	return out
}

// iamPage cuts one page of all: the marker is the offset the next page
// starts at.
func iamPage[T any](pg IAMPage, all []T) ([]T, bool, string, error) {
	size := 100
	if n, ok := pg.MaxItems.Get(); ok {
		if n < 1 || n > 1000 {
			return nil, false, "", iam.Validation(n, "maxItems", "Member must have value between 1 and 1000")
		}
		size = n
	}
	start := 0
	if pg.Marker != "" {
		b, derr := base64.RawURLEncoding.DecodeString(pg.Marker)
		n, err := strconv.Atoi(string(b))
		if derr != nil || err != nil || n < 0 {
			return nil, false, "", &Error{Code: iam.CodeInvalidInput, Message: "Invalid Marker."}
		}
		start = min(n, len(all))
	}
	end := min(start+size, len(all))
	if end < len(all) {
		return all[start:end], true, base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end))), nil
	}
	return all[start:end], false, "", nil
}
