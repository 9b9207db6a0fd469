// Package route models EC2 VPC route tables: route targets, the checks
// CreateRoute, ReplaceRoute and DeleteRoute make, route selection, blackhole
// routes, and route propagation from virtual private gateways.
//
// A [Target] is a sum type over every kind of route target EC2 has (local,
// igw-, vgw-, pcx-, nat-, eni-, tgw-, eigw-, vpce-, i-, cagw-, lgw- and core
// network ARNs), parsed from the EC2 parameter it came in ([ParseTarget],
// [ParseTargetParams]). A [Table] is an immutable value: every action
// returns a new Table, and a failed action returns the table unchanged with
// an *[Error] that carries the EC2 API error code.
//
// The package does not know peering connections, gateways or subnets by
// itself: it asks a [Resolver], which the caller implements ([Catalog] is a
// ready-made one), whether a target exists, which VPCs it serves and, for a
// peering connection, its status code. When a target changes (a peering
// connection becomes active or is deleted, a gateway is detached), the
// caller calls [Table.Reconcile] and the routes' states follow.
//
// # Rules
//
// Route checks, in the order CreateRoute applies them:
//
//	destination syntax           InvalidParameterValue
//	duplicate destination        RouteAlreadyExists   "The route identified by 10.0.0.0/16 already exists."
//	169.254.168.0/22, fd00:ec2::/32 (or inside)       InvalidParameterValue
//	equal to or inside a VPC block, unless the whole CIDR of a subnet with an
//	  eni-, nat- or GWLB vpce- target                 InvalidParameterValue (AWS's message)
//	target family                eigw- IPv6 only; cagw- IPv4 only; nat- IPv4, and IPv6 only
//	                             within 64:ff9b::/96 (NAT64)
//	target unknown               <kind>ID.NotFound    (pcx-: also deleting and terminal)
//	gateway detached             Gateway.NotAttached
//	target of another VPC        InvalidParameterValue "route table rtb-… and network gateway … belong to different networks"
//	quota per family             RouteLimitExceeded   (default 50, up to 1,000; local routes not counted)
//
// Route state:
//
//	target                         at CreateRoute   after Reconcile
//	local                          active           active
//	pcx- active                    active           active
//	pcx- initiating/pending/prov.  blackhole        blackhole
//	pcx- deleting, terminal, gone  refused          blackhole
//	other target gone/detached     refused          blackhole
//
// Deletion ([Table.CheckDelete], DeleteRouteTable):
//
//	any association, the main one included   DependencyViolation  "The routeTable 'rtb-…' has dependencies and cannot be deleted."
//
// Route selection ([Table.Lookup]): longest prefix first, IPv4 and IPv6
// apart; a propagated route never beats a local route; on equal prefixes a
// static route beats a propagated one; a blackhole route is selected and
// drops the traffic.
//
// # Lookup index
//
// Every action that changes a table's routes also rebuilds (or, for
// CreateRoute and ReplaceRoute, patches) an index that flattens the IPv4
// routes into disjoint address ranges, each labelled with the route it
// selects, plus a direct-mapped first level on the top bits of the address
// holding about one range per bucket. Lookup reads one bucket, binary
// searches the few ranges in it, and allocates nothing. The index takes 8
// bytes per range, at most two ranges per route, plus 4 bytes per bucket,
// about one bucket per range; IPv6 routes are flattened the same way and
// binary searched. The
// index is never changed after it is built, so tables that share it are
// safe for concurrent use.
//
// # Encoding
//
// [Table.MarshalBinary] writes a table as versioned JSON ({"v":1,...}) and
// [Table.UnmarshalBinary] reads it back, checking every rule the actions
// keep, so that a whole in-memory cloud can be saved and restored: the
// table read back lists, selects and acts exactly as the one written. A
// [Target] reads and writes its ID as text.
//
// Decisions where AWS is silent (spec section H): a NAT gateway takes, of
// IPv6 destinations, 64:ff9b::/96 (NAT64, the one the VPC User Guide
// documents) and the blocks inside it, which NAT64 translates alike; local
// routes do not count against the route quota; a static route and a propagated route with the
// same destination are listed once, as the static route; a route to a
// peering connection in initiating-request is created as blackhole, like
// pending-acceptance; enabling a propagating gateway twice, or disabling
// one that does not propagate, succeeds and changes nothing.
//
// Prefix-list destinations: a table holds only CIDR destinations. The
// routes a gateway VPC endpoint puts in its route tables (destination its
// service's AWS-managed prefix list, target the vpce- endpoint) are
// derived by the Cloud from the endpoint and shown next to the table's
// routes, not stored here, so [Table.Lookup] and the reachability
// analysis do not see them: they route only to AWS services' public
// ranges, which this model does not reach. A gateway endpoint is not a
// route target: CreateRoute to one answers RouteNotSupported, as only Gateway
// Load Balancer endpoints are targets.
//
// Gateway route tables (spec K.2): a table with an edge association
// ([Table.IsGatewayTable]) holds only its local routes, whose target may be
// replaced by a network interface or a Gateway Load Balancer endpoint, and
// routes for addresses inside the VPC's blocks to those targets; it does not
// propagate. EC2's code for breaking these rules is not documented; this
// package answers RouteNotSupported (the code moto gives for the
// association), both to the association and to a route added afterwards.
//
// Sources:
//   - https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html
//   - https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html
//   - https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
//   - https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html
//   - https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
package route
