// Package iam models the part of AWS Identity and Access Management that
// VPC resources need to deliver their logs: roles that a service may
// assume (VPC flow logs assume one to write to CloudWatch Logs), customer
// managed policies with their versions, and the attachment of policies to
// roles. Roles and policies are values ([Role], [Policy]); the rules of
// their names, paths, documents and tags are functions of this package.
// IAM is global: who holds which role and policy (one set per account, in
// every Region) is package vpcmodel's Cloud's. Nothing here evaluates a
// policy: a document is checked for its grammar and kept as written.
//
// # Rules
//
//	rule                               answer
//	role name                          1 to 64 of letters, digits and _+=,.@- (ValidationError)
//	policy name                        1 to 128 of the same (ValidationError)
//	path                               / or /.../ of printable ASCII, at most 512 (ValidationError)
//	name taken (ignoring case)         EntityAlreadyExists
//	no such role, policy, version      NoSuchEntity
//	document                           a JSON object with a Statement (object or list of objects);
//	                                   each statement Effect Allow or Deny, Action or NotAction
//	                                   (MalformedPolicyDocument)
//	trust policy                       each statement a Principal or NotPrincipal, no Resource
//	permissions policy                 no Principal, a Resource or NotResource in each statement
//	trust policy size                  2,048 characters (LimitExceeded)
//	policy version size                6,144 characters, white space aside (LimitExceeded)
//	description                        at most 1,000 characters (ValidationError)
//	MaxSessionDuration                 3,600 to 43,200 seconds (ValidationError)
//	tags                               key 1 to 128, value 0 to 256, of letters, digits, white
//	                                   space and _.:/=+-@ (ValidationError); keys ignore case,
//	                                   twice in a request is InvalidInput; at most 50 (LimitExceeded)
//	managed policies per role          10 (LimitExceeded)
//	versions per policy                5 (LimitExceeded); the default one cannot be deleted
//	delete a role with policies        DeleteConflict
//	delete an attached policy, or one
//	with versions besides the default  DeleteConflict
//	malformed ARN                      InvalidInput
//
// A role's ID starts AROA and a policy's ANPA, 21 characters of capital
// letters and digits in all. A role's ARN is
// arn:PARTITION:iam::ACCOUNT:role/PATH-WITHOUT-LEADING-SLASH/NAME, a
// policy's arn:PARTITION:iam::ACCOUNT:policy/.../NAME. IAM answers
// documents URL-encoded ([Escape]).
//
// Sources: the IAM API Reference (CreateRole, UpdateAssumeRolePolicy,
// CreatePolicy, CreatePolicyVersion, DeletePolicyVersion, DeletePolicy,
// AttachRolePolicy, DeleteRole, the Role, Policy and PolicyVersion shapes,
// the common errors), the IAM User Guide (IAM object quotas: role trust
// policy length, managed policy length, managed policies per role, tags
// per resource; the policy grammar; unique identifier prefixes), and
// the answers AWS gives that tools quote: "Role with name X already
// exists.", "The role with name X cannot be found.", "Cannot delete
// entity, must detach all policies first.", "Cannot exceed quota for
// PoliciesPerRole: 10", "Has prohibited field Resource", "Missing required
// field Principal", "Policy document should not specify a principal.".
// The other messages are this package's, in the same manner.
//
// # Decisions
//
//   - AWS managed policies (arn:aws:iam::aws:policy/...) are not
//     modelled: a Cloud holds no policy of the aws account, so attaching
//     or reading one is NoSuchEntity. Attaching one is rare in the VPC
//     modules this project runs; modelling the catalogue of hundreds of
//     policies, which AWS changes, is out of proportion.
//   - Inline role policy names are matched exactly, case included, and
//     listed in byte order; a role with an inline policy cannot be deleted
//     (DeleteConflict), checked after its attached policies.
//   - A document's condition operators, actions and resources are not
//     checked beyond their JSON types: no policy is evaluated.
//   - A role's or policy's Region-free ARN takes its partition from the
//     Region of the request that made it.
package iam
