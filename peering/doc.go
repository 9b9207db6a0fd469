// Package peering models EC2 VPC peering connections as EC2 itself behaves:
// the request lifecycle with its 7-day expiry, who may do what and in which
// Region, the windows during which finished connections stay visible, the
// peering options, and a [Registry] that enforces what one connection cannot
// (one live connection per pair of VPCs, the quotas, per-account tags) and
// answers DescribeVpcPeeringConnections as the caller would see it.
//
// A [Connection] is an immutable value: [Create] makes one, and each action
// ([Connection.Accept], [Connection.Reject], [Connection.Delete],
// [Connection.ModifyOptions], [Connection.AddCIDR], [Connection.RemoveCIDR],
// [Connection.DeleteVPC])
// returns a new Connection or an [*Error] carrying the EC2 API error code and
// AWS's message. Time is always the caller's: actions take now, and the
// steps EC2 takes by itself happen in [Connection.Settle].
//
// # Lifecycle
//
//	status              who may act (and where)                  next
//	──────────────────  ───────────────────────────────────────  ─────────────────────────────────────
//	(create)            requester owner, requester's Region      initiating-request
//	initiating-request  nobody (EC2 settles it)                  failed: IPv4 or IPv6 blocks overlap, or
//	                                                             the peer VPC does not exist;
//	                                                             pending-acceptance otherwise
//	pending-acceptance  accepter owner, accepter's Region        accept ─▶ provisioning; reject ─▶ rejected
//	                    requester owner, requester's Region      delete ─▶ deleted (deleting first if inter-Region)
//	                    nobody, at ExpiresAt (7 days)            expired
//	provisioning        nobody (EC2 settles it)                  active
//	active              either owner, own VPC's Region           delete ─▶ deleted (deleting first if inter-Region);
//	                                                             modify options (own side; same account: both)
//	deleting            nobody (EC2 settles it)                  deleted
//	failed              nobody; visible to the requester 2 h     (terminal)
//	expired             nobody; visible to both owners 2 d       (terminal)
//	rejected            nobody; requester 2 d, accepter 2 h      (terminal)
//	deleted             nobody; deleter 2 h, the other 2 d       (terminal)
//
// A same-account rejected or deleted connection is visible for 2 hours. A
// window includes its start and excludes its end.
//
// # Rules
//
// Where AWS documents a behaviour the package follows it. Where AWS is
// silent or its pages disagree, it follows the project's recorded decisions,
// cited as "decision H.n" (H.1 to H.5 concern peering).
//
//   - A VPC cannot peer with itself (InvalidParameterValue; EC2 documents no
//     error, decision H.5).
//   - Two VPCs have at most one connection in initiating-request,
//     pending-acceptance, provisioning or active, in either direction
//     (VpcPeeringConnectionAlreadyExists, decision H.4).
//   - Within one account and Region a missing peer VPC is refused at once
//     (InvalidVpcID.NotFound); across accounts or Regions the request is
//     created and fails.
//   - Quotas (decision H.3, settings of the Registry): 25 outstanding
//     requests per requester account
//     (OutstandingVpcPeeringConnectionLimitExceeded); 50 active connections
//     per VPC, up to 125 (ActiveVpcPeeringConnectionPerVpcLimitExceeded).
//   - While a request is pending, its requester VPC cannot add CIDR blocks,
//     and an overlapping block added to the accepter VPC fails it. While a
//     connection is active, a block that overlaps the peer is refused.
//   - Deleting a VPC deletes the pending requests it made, and those made
//     to it from its own account; a VPC cannot be deleted while another
//     account's request to it is pending, nor while it has an active
//     connection (DependencyViolation; see Decisions).
//   - Tags are per account and Region: each owner sees only its own. Tags
//     given at creation belong to the requester.
//   - DescribeVpcPeeringConnections shows the accepter's CIDR blocks only
//     once the request is accepted, peering options only while active, and
//     ExpirationTime only while the request is unanswered.
//
// Status messages follow spec section A.3 and decision H.2; see
// [Connection.Status].
//
// # Decisions
//
// Choices made here where AWS's pages and its API disagree, with their
// sources; the spec's section H holds the earlier ones.
//
//   - DeleteVpc refuses a VPC with an active (or provisioning) connection:
//     DependencyViolation, "The vpc '<vpc>' has dependencies and cannot be
//     deleted." ([ErrActiveDependency]). The Peering Guide's "Deleting a
//     VPC in the Amazon VPC console that's part of an active VPC peering
//     connection also deletes the VPC peering connection" describes the
//     console, which deletes a VPC's dependencies before the VPC; the API
//     reference says "You must detach or delete all gateways and resources
//     that are associated with the VPC before you can delete it". Callers
//     of the API report DependencyViolation while a connection is active:
//     terraform-provider-aws issue 3118 (destroying a VPC whose peering
//     connection is managed elsewhere retries DeleteVpc, which the provider
//     does on DependencyViolation, until it times out; the retry is
//     hashicorp/terraform pull request 2532), cloudposse/terraform-aws-vpc-peering
//     pull request 15 (DependencyViolation with the peering active, gone once
//     the peering was removed), and gruntwork-io/cloud-nuke issue 584 and
//     pull request 1013 (peering connections among what must go before
//     DeleteVpc). No source shows the API refusing for a pending request,
//     so the guide's rules stay for those: a request is deleted with its
//     requester VPC, and a VPC with another account's pending request to
//     it cannot be deleted ([ErrPendingDependency]). One emulator,
//     stackshy/cloudemu (pull request 488), deletes active connections with
//     the VPC, citing the guide's console sentence.
//   - ModifyVpcPeeringConnectionOptions on an inter-Region connection is
//     refused whenever the request names a ClassicLink option, even as
//     false (terraform-provider-aws issue 6730, after which the provider
//     stopped sending them); [OptionsChange] carries whether it did.
//
// Sources of these decisions:
//
//   - https://docs.aws.amazon.com/vpc/latest/peering/delete-vpc-peering-connection.html
//   - https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpc.html
//   - https://github.com/hashicorp/terraform-provider-aws/issues/3118
//   - https://github.com/hashicorp/terraform/pull/2532
//   - https://github.com/cloudposse/terraform-aws-vpc-peering/pull/15
//   - https://github.com/gruntwork-io/cloud-nuke/issues/584
//   - https://github.com/gruntwork-io/cloud-nuke/pull/1013
//   - https://github.com/stackshy/cloudemu/pull/488
//   - https://github.com/hashicorp/terraform-provider-aws/issues/6730
//
// # Time
//
// Nothing happens in the background. Every action takes now; the steps EC2
// takes by itself (initiating-request to pending-acceptance or failed,
// provisioning to active, deleting to deleted, and expiry at
// [Connection.ExpiresAt], the instant included) are applied by
// [Connection.Settle], and by the [Registry] at the start of the call after
// the one that started them. Instants are stored in UTC without a monotonic
// reading, so == on them is meaningful.
//
// # Registry
//
// A [Registry] holds every connection of a partition for an embedder such
// as an EC2 emulator. It learns VPCs through a [VPCResolver], makes pcx- IDs
// from a caller-given random source, and offers the EC2 actions
// (Create, Accept, Reject, Delete, ModifyOptions, Describe, CreateTags,
// DeleteTags) plus the VPC events peering depends on: [Registry.AddVPCCIDR],
// [Registry.RemoveVPCCIDR] and [Registry.DeleteVPC], with
// [Registry.CheckAddVPCCIDR] and [Registry.CheckDeleteVPC] to ask first.
// Every answer is what the calling account and Region would see:
// [View] applies EC2's rules on what DescribeVpcPeeringConnections shows.
// Connections nobody can see any more are forgotten, so a Registry's memory
// is bounded by what is visible.
//
// # Encoding
//
// [Connection.MarshalBinary] and [Registry.MarshalBinary] write a lossless,
// versioned JSON encoding ({"v":1,...}, [EncodingVersion]), deterministic
// for a given state; the UnmarshalBinary methods read it back, check every
// rule the package keeps, and refuse anything else, or any other version,
// with an error wrapping [ErrMalformedEncoding]. An embedder persists a
// Registry with them and restores it into a Registry made by [NewRegistry]
// with the same resolver and quotas.
//
// # Sources
//
//   - Lifecycle and visibility: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
//   - Create, accept, reject, delete, options:
//     https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html,
//     https://docs.aws.amazon.com/vpc/latest/peering/accept-vpc-peering-connection.html,
//     https://docs.aws.amazon.com/vpc/latest/peering/reject-vpc-peering-connection.html,
//     https://docs.aws.amazon.com/vpc/latest/peering/delete-vpc-peering-connection.html,
//     https://docs.aws.amazon.com/vpc/latest/peering/modify-peering-connections.html
//   - Quotas: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-connection-quotas.html
//   - CIDR blocks of peered VPCs: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
//   - Describe filters: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcPeeringConnections.html
//   - Error codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
package peering
