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
//   - Deleting a VPC deletes its active connections and pending requests,
//     but a VPC cannot be deleted while another account's request to it is
//     pending (DependencyViolation).
//   - Tags are per account and Region: each owner sees only its own. Tags
//     given at creation belong to the requester.
//   - DescribeVpcPeeringConnections shows the accepter's CIDR blocks only
//     once the request is accepted, peering options only while active, and
//     ExpirationTime only while the request is unanswered.
//
// Status messages follow spec section A.3 and decision H.2; see
// [Connection.Status].
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
