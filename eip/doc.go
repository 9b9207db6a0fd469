// Package eip models Elastic IP addresses in the VPC domain: an allocation
// (eipalloc-) of one public IPv4 address from a pool, owned by one account
// in one Region, and its association, when it has one, with a private
// address of a network interface.
//
// Which addresses are taken (in every account) and what holds an
// association involve other resources; package vpcmodel's Cloud composes
// those rules. A NAT gateway's association is made and ended by the NAT
// gateway alone.
//
// # Rules
//
//	action                                  EC2 error code              message
//	allocate beyond the Region's quota      AddressLimitExceeded        The maximum number of addresses has been reached.
//	allocate a domain other than vpc        InvalidParameterValue       (ours)
//	allocate from a pool other than amazon  InvalidParameterValue       (ours)
//	allocate in another border group        InvalidParameterValue       (ours)
//	allocate a taken or foreign Address     InvalidAddress.NotFound     Address '...' not found.
//	associate an associated address         Resource.AlreadyAssociated  resource eipalloc-... is already associated with associate-id eipassoc-...
//	release or disassociate what a service
//	  (a NAT gateway) holds                 AuthFailure                 You do not have permission to access the specified resource.
//	release an address you associated       InvalidIPAddress.InUse      Address 34.217.228.68 is in use.
//
// A new address is drawn from the pool with the caller's random source: a
// uniform offset, then the first free address from there on, so that two
// Clouds fed the same random stream hand out the same addresses. The
// default quota is [DefaultQuota] addresses per account and Region.
//
// # Decisions
//
// Where EC2's documents are silent:
//
//   - Only the vpc domain and the amazon pool exist; the network border
//     group is the Region. Any other value is refused with
//     InvalidParameterValue and a message of ours.
//   - AllocateAddress with Address takes back that address when the pool
//     holds it and no account does; otherwise InvalidAddress.NotFound.
//   - Releasing an address a NAT gateway holds gives AuthFailure, as
//     captured replies show (kubernetes/kops#1604,
//     eformat/sno-for-100#5); one associated by AssociateAddress gives
//     InvalidIPAddress.InUse, as the API reference says.
//   - An exhausted pool gives InsufficientAddressCapacity.
//
// Sources: the EC2 API Reference for AllocateAddress, ReleaseAddress,
// DescribeAddresses and AssociateAddress; "Elastic IP addresses" and
// "Amazon VPC quotas" in the Amazon VPC User Guide; the project's
// behaviour notes, section J.4.
package eip
