// Package tgw models AWS transit gateways as values: the gateway and its
// options, its route tables with their static and propagated routes, and
// its attachments (VPC and VPN) with their association and propagations.
//
// A [Gateway] is made by [New] with its options resolved to EC2's defaults
// ([Options.Resolve]) and, when default association or propagation is
// enabled, the [RouteTable] made with it. An [Attachment] is made by
// [NewAttachment] for a VPC (one subnet per Availability Zone, one live
// attachment per VPC and gateway) or for a VPN connection on the gateway.
// An attachment is associated with at most one route table
// ([Attachment.Associate]); it may propagate to many
// ([RouteTable.EnablePropagation]). A table's routes are its static
// routes plus what its propagating attachments contribute
// ([RouteTable.Routes]); [Lookup] picks the longest-prefix match and
// [Search] answers SearchTransitGatewayRoutes's filters.
//
// Every value is immutable: an action returns a new value and an error,
// a *[Error] with EC2's code. The package does no I/O and reads no clock:
// time arrives as now. Which account sees which resource, the IDs, and the
// facts about VPCs, subnets and VPN connections are the caller's (package
// vpcmodel composes them).
//
// Lifecycles, each step taken by the caller's next call ([Gateway.Settle]
// and the like):
//
//	gateway      pending -> available <-> modifying; available -> deleting -> deleted
//	route table  pending -> available -> deleting -> deleted
//	attachment   pending -> available <-> modifying; available -> deleting -> deleted
//
// A deleted resource stays listed for [DeletedRetention], then vanishes.
//
// # Decisions
//
// Where EC2's documentation is silent or could not be checked, this
// package decided:
//
//   - Deleted gateways, route tables and attachments stay listed for one
//     hour ([DeletedRetention]), the window NAT gateways have.
//   - SecurityGroupReferencingSupport defaults to disable on a gateway and
//     to enable on a VPC attachment, as the CreateTransitGateway and
//     CreateTransitGatewayVpcAttachment references describe them.
//   - Transit gateway CIDR blocks: at most one IPv4 block, /24 or larger
//     and clear of 169.254.0.0/16, and at most one IPv6 block, /64 or
//     larger.
//   - Associations and propagations take effect at once (EC2 shows
//     associating and enabling for a moment); a disassociated attachment
//     is at once free to associate again.
//   - A route table that is its gateway's association or propagation
//     default, or that has an attachment associated, cannot be deleted
//     (IncorrectState); the default table goes with its gateway. A deleted
//     gateway takes every table of its along.
//   - A static route to an attachment that is deleted, or not yet
//     available, stays, as a blackhole; a propagated CIDR is a blackhole
//     while none of the attachments contributing it is available. A static
//     route wins over propagated ones to the same CIDR. Equal propagated
//     CIDRs from several attachments make one route to all of them.
//   - A VPN attachment propagates no CIDR: the model runs no BGP.
//   - Enabling default association or propagation with ModifyTransitGateway
//     needs a default table: the one the request names, else the one the
//     gateway had; otherwise InvalidParameterValue.
//   - Messages of refusals whose wording AWS does not publish
//     (IncorrectState on deletion, the propagation and route codes) are
//     sentences of ours in EC2's manner; DuplicateTransitGatewayAttachment,
//     DuplicateSubnetsInSameZone and Resource.AlreadyAssociated use the
//     wording EC2 is known to answer.
package tgw
