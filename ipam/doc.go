// Package ipam holds the rules of Amazon VPC IP Address Manager (IPAM) as
// values: an IPAM with its two default scopes, its pools, the CIDRs
// provisioned to a pool and the allocations made from them.
//
// A pool gives out the lowest free block of the asked netmask length that
// is aligned on its size and lies inside one provisioned CIDR
// ([NextFree]); a block asked for by value must lie inside one provisioned
// CIDR and overlap no allocation ([CheckFree]).
//
// # Decisions
//
//   - Only private-scope IPv4 pools and public-scope IPv6 pools that are not
//     publicly advertisable are modelled with provisioned CIDRs given by
//     value. BYOIP (authorisation contexts, public IPv4 pools,
//     publicly advertisable IPv6), IPv6 from Amazon's pool
//     (NetmaskLength without Cidr on an IPv6 pool), resource discovery,
//     compliance and monitoring, custom scopes, nested pools
//     (SourceIpamPoolId) and cross-account sharing are not modelled.
//   - State changes EC2 makes by itself (create-in-progress to
//     create-complete, pending-provision to provisioned, pending-deprovision
//     to deprovisioned) happen at the next call, as elsewhere in the Cloud.
//   - An allocation a VPC holds goes when the VPC is deleted, at once; EC2
//     may take up to thirty minutes.
//   - A pool's Locale must be one of its IPAM's operating Regions; an IPAM
//     always operates in its own Region. IPv4 pools in the public scope
//     are refused (UnsupportedOperation), as are provisioning by netmask
//     length and publicly advertisable CIDRs.
//   - DeleteIpam and DeleteIpamPool with Cascade take pools, CIDRs and
//     custom allocations with them, but never a block a VPC holds; a VPC's
//     allocation cannot be released by ReleaseIpamPoolAllocation.
//   - A VPC given both a pool and CidrBlock gets that block when it lies
//     inside a provisioned CIDR and is free; with a pool and neither a block
//     nor a netmask length it gets the pool's default netmask length.
//   - Deleting a pool that holds CIDRs is DependencyViolation, "The
//     specified action is not valid for ipam-pool-…. There are one or more
//     pool cidrs provisioned in the pool." (observed: the Terraform AWS
//     provider's IPAM sweepers, hashicorp/terraform-provider-aws#22328).
//     Deleting an IPAM with pools without Cascade, and deleting (even with
//     Cascade) a pool or IPAM whose pools hold VPCs' blocks, answer the same
//     code in the same words ("There are one or more pools in the IPAM.",
//     "... allocations to resources in the pool."): our choice by analogy.
//   - Deprovisioning a CIDR with allocations in it is no refusal: the CIDR
//     goes pending-deprovision and then failed-deprovision, with the
//     FailureReason message "The CIDR has one or more allocations." and no
//     code (observed: hashicorp/terraform-provider-aws#30165); it keeps
//     giving out blocks and may be deprovisioned again. Deprovisioning a
//     CIDR that is pending or already deprovisioned is IncorrectState (the
//     Terraform provider's aws_vpc_ipam_pool_cidr treats that code so on
//     delete); one the pool never held is InvalidParameterValue, our choice.
//   - Allocating from a pool that is not create-complete is IncorrectState,
//     EC2's code for an action the state does not allow; its wording is ours.
//     Bad netmask lengths and CIDRs are InvalidParameterValue, with our
//     wording.
//   - ModifyIpamPool with no change in it is InvalidParameterCombination,
//     "The request must contain a modification to the ipam pool" (observed:
//     aws-ia/terraform-aws-ipam#65). New netmask rules are checked as at
//     creation but bind only new allocations. Both setting and clearing the
//     default netmask in one request is InvalidParameterCombination, our
//     choice.
//   - ModifyIpam may not remove the IPAM's own Region nor a Region that one
//     of its pools has as Locale (InvalidParameterValue, our choice of code
//     and wording).
//   - A ClientToken on CreateIpam or CreateIpamPool is remembered with the
//     resource for its life: the same token with the same parameters
//     answers the resource again, with others IdempotentParameterMismatch,
//     as EC2's idempotency guide describes for every ClientToken.
package ipam
