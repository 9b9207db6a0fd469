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
//   - Refusal codes whose exact text could not be confirmed are
//     IncorrectState (deleting a pool that holds CIDRs, deleting an IPAM
//     with pools without Cascade, deprovisioning a CIDR with allocations in
//     it) and InvalidParameterValue (bad netmask or CIDR).
package ipam
