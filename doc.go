// Package vpcmodel is a model of AWS EC2 VPC connectivity that behaves as
// EC2 behaves: VPCs and their IPv4 and IPv6 CIDR blocks, VPC peering with its full
// lifecycle, IPv4 CIDR overlap detection, route tables with EC2's
// route-target validation and longest-prefix lookup, and Site-to-Site VPN
// with real tunnel options and customer gateway configurations.
//
// # Cloud
//
// [Cloud] is where an embedder starts: one AWS partition's EC2 networking,
// every account and Region, in memory. Each method is one EC2 action, named
// as the EC2 API names it, taking the [Caller] (an account in a Region), the
// action's input and now:
//
//	c := vpcmodel.New(vpcmodel.Options{Random: crand.Reader})
//	o, err := c.CreateVpc(vpcmodel.Caller{Account: "111122223333", Region: "us-east-1"},
//		vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now) // now: the caller's clock
//
// The Cloud owns every rule between resources: a VPC's blocks against its
// peering connections and routes, route states against their targets' states,
// VGW propagation against VPN tunnels and static routes, what each deletion
// depends on, what each account sees from each Region, per-account tags,
// Describe filters with EC2's wildcards, and one pagination model. Input and
// output fields carry their EC2 wire names in `ec2` struct tags
// (CIDRBlock string `ec2:"CidrBlock"`), so a wire adapter maps an EC2 Query
// API request to a method with no per-action code; the emulator in the
// examples module is such an adapter.
//
// # Decisions
//
// Where EC2's documents are silent, the Cloud decides, and says so here
// (section H of the project's behaviour notes holds the rest):
//
//   - Steps EC2 takes by itself complete at the start of the next call,
//     whoever makes it: a VPC is answered pending by CreateVpc and is
//     available to the next call; likewise block associations, peering's
//     initiating-request and provisioning, VPN connections and gateway
//     attachments.
//   - Every paginated Describe refuses MaxResults outside its range with the
//     same message ("Value ( 3 ) for parameter maxResults is invalid.
//     Expecting a value between 5 and 1000."), and refuses MaxResults
//     together with explicit IDs (InvalidParameterCombination). Absent
//     MaxResults means one page with everything.
//   - DescribeTags lists one entry per tag, ordered by resource ID and then
//     key (EC2 documents no order), and its page tokens name the last entry
//     given. A resource another account owns, or one that is gone, has no
//     entries, as an ID that names nothing has none.
//   - DeleteVpc refuses a VPC with route tables other than its main one, an
//     attached virtual private gateway, or an active or provisioning
//     peering connection, or a pending request to it (DependencyViolation);
//     the requests it made are deleted with it (package peering's
//     decision, with its sources).
//   - Enabling DNS resolution over a peering connection needs DNS hostnames
//     and DNS support on both VPCs
//     (InvalidVpcPeeringConnectionState.DnsHostnamesDisabled; the message is
//     ours), checked after the connection's own rules.
//   - Tunnels come UP only by policy ([Options].CustomerDevicesConnect); EC2
//     brings them up when a customer device connects.
//   - Deleted VPN resources stay listed for [DefaultDeletedVPNRetention]
//     unless Options say otherwise.
//   - IPv6: a Cloud is one partition, and every Amazon-provided /56 of it
//     comes from one pool, [Options].IPv6Pool (by default 2600:1f00::/24,
//     every Region alike), drawn at random clear of every block a VPC of the
//     Cloud lists in any state, disassociated ones included, and of the
//     VPC's static route destinations a /56 could hold, so that the rule
//     "A VPC cannot get a new CIDR that is the same as or larger than an
//     existing route destination" never refuses a block the caller did not
//     choose. A full pool gives InsufficientCidrBlocks. The quota is five
//     per VPC, counted apart from the IPv4 blocks (package vpc's
//     decisions).
//   - AssociateVpcCidrBlock takes one family per call: CidrBlock with
//     AmazonProvidedIpv6CidrBlock is InvalidParameterCombination. A pool of
//     the caller's own is not modelled: Ipv6Pool gives
//     InvalidIpv6PoolID.NotFound, Ipv6CidrBlock without it
//     MissingParameter. An IPv6 block is drawn before a route table or a
//     peering connection is asked whether it may come (it must be known to
//     be checked), so such a refusal reads the random source; the
//     requester of a pending peering request is refused any block, IPv6
//     too (spec B.1).
//   - Only associated blocks hold subnets, IPv6 as IPv4: a block still
//     associating gives InvalidSubnet.Range until the next call. A VPC's
//     IPv6 block that holds a subnet's /64 cannot be disassociated
//     (DependencyViolation, worded as for IPv4).
//   - A disassociated IPv4 block leaves the VPC's listing when it
//     settles; a disassociated IPv6 association, of a VPC or a subnet,
//     stays listed in state disassociated, as DescribeVpcs shows them.
//   - A NAT gateway's fate is fixed by the facts at CreateNatGateway (its
//     subnet's free addresses, its VPC's internet gateway, its Elastic IP
//     address) and shown by the next call, as available or failed with
//     EC2's failure code; nothing can change those facts in between.
//     Failed and deleted gateways are listed for gateway.NATRetention (an
//     hour). While a gateway holds its addresses (pending, available,
//     deleting) its subnet cannot be deleted, nor its VPC's internet
//     gateway detached when it is public (DependencyViolation, AWS's
//     "mapped public address(es)" message); a route to it is active only
//     while it is pending or available.
//   - NAT gateway IDs that name nothing give NatGatewayNotFound in
//     DescribeNatGateways and DeleteNatGateway (the code EC2's waiters and
//     Terraform match) and InvalidNatGatewayID.NotFound as a route target;
//     an unknown allocation in CreateNatGateway gives
//     InvalidElasticIpID.NotFound, as captured replies show.
//   - Secondary NAT gateway addresses, the regional availability mode, and
//     customer-owned or IPAM address pools are not modelled: asking for
//     them is refused with UnsupportedOperation.
//   - VPC endpoints (package endpoint's decisions too): a gateway
//     endpoint's routes are derived from the endpoint, not stored in its
//     route tables: DescribeRouteTables lists, for each live (pending or
//     available) gateway endpoint, a route DestinationPrefixListId (the
//     service's managed prefix list) to GatewayId vpce-..., origin
//     CreateRoute, state active; the route leaves the table as the
//     endpoint leaves it (ModifyVpcEndpoint RemoveRouteTableId,
//     DeleteVpcEndpoints, whose routes go at once). A table routes to one
//     gateway endpoint per service (RouteAlreadyExists, message ours).
//     DeleteRouteTable of a table an endpoint routes through succeeds and
//     takes the table out of the endpoint. An interface endpoint's
//     network interfaces are requester-managed (InterfaceType
//     vpc_endpoint, status in-use), count against their subnets'
//     addresses, keep the subnet and the security groups from deletion,
//     and cannot be deleted (InvalidParameterValue, as for a NAT gateway's
//     interface below) or modified (OperationNotPermitted) by the caller;
//     they go when the deleting endpoint
//     becomes deleted at the next call. Private DNS on an interface
//     endpoint is on unless PrivateDnsEnabled=false (for services with a
//     private DNS name), needs enableDnsSupport and enableDnsHostnames
//     (InvalidParameter, EC2's message), and is held by one endpoint per
//     service and VPC. A VPC with endpoints not yet deleted cannot be
//     deleted (DependencyViolation). DeleteVpcEndpoints answers an
//     unknown or deleted endpoint in Unsuccessful with
//     InvalidVpcEndpoint.NotFound, the code Terraform matches there, and
//     refuses the whole call only for a malformed ID; Describe and Modify
//     answer InvalidVpcEndpointId.NotFound. Cross-Region services
//     (ServiceRegion), resource and service-network endpoints, Gateway
//     Load Balancer endpoints, and IPv6 subnet configurations are refused
//     as not modelled. DescribeVpcEndpointServices lists no tags and
//     accepts any service-region filter; ServiceRegion keeps only the
//     services of the Regions named.
//   - Public addresses are unique across the whole partition, every
//     account and Region; DescribeAddressesAttribute answers no PTR
//     records.
//   - A subnet in an RDS, ElastiCache or Redshift subnet group does not
//     block DeleteSubnet. EC2 refuses DeleteSubnet only while network
//     interfaces are in the subnet, and a subnet group is the other
//     service's record, not an interface; AWS's guidance on removing a
//     subnet from a DB subnet group is about the DB instances placed in
//     it, which a Cloud does not hold. The group keeps listing the deleted
//     subnet, with the zone it had, as the service keeps its own record;
//     a later ModifyDBSubnetGroup (or the other services' Modify) that
//     names it is refused as naming an unknown subnet. DeleteVpc likewise
//     ignores subnet groups.
//   - Subnet groups are in no use (a Cloud holds no DB instances, cache
//     clusters or Redshift clusters), so every Delete of one succeeds; no
//     Region has a default subnet group; the services' quotas on the
//     number of groups are not modelled, the quota of 20 subnets in a
//     group is.
//   - The tagging actions of RDS and ElastiCache answer a group they
//     cannot find by its ARN with the group's not-found code
//     (DBSubnetGroupNotFoundFault, CacheSubnetGroupNotFoundFault), the
//     RDS API Reference listing only other resources' codes for them;
//     Redshift answers ResourceNotFoundFault, as it documents.
//   - A network interface with no address asked for takes its subnet's
//     lowest free one (package eni); its MAC address is derived from its ID;
//     a public address asked for with ModifyNetworkInterfaceAttribute's
//     AssociatePublicIpAddress is drawn from 3.0.0.0/8, unique in the
//     Cloud. Only the primary private address is modelled: secondary
//     addresses, prefixes and IPv6 addresses are refused
//     (InvalidParameterValue, our message).
//   - A subnet holding an interface cannot be deleted, nor a group an
//     interface uses (DependencyViolation, AWS's messages).
//   - [Cloud.Reach] and the Network Insights API read every account's
//     resources in the caller's Region (as Reachability Analyzer does across
//     an organization with trusted access); the source must be the caller's.
//     A Network Insights analysis is computed when it starts, is running
//     until the next call and then succeeded (or failed, with "The request
//     failed due to missing component <id>", when an end is gone). A path
//     with analyses cannot be deleted (AnalysisExistsForNetworkInsightsPath,
//     the code Terraform meets; our message); DescribeNetworkInsightsAnalyses
//     needs analysis IDs or a path ID (MissingParameter). Protocol is taken
//     in any case and stored lower case.
//   - A route table brought up to date at the Cloud's current Version is not
//     rebuilt again until the Version moves.
//   - DHCP option sets: every account has a default set in every Region
//     (domain-name REGION.compute.internal, ec2.internal in us-east-1, and
//     AmazonProvidedDNS), which every new VPC uses while it exists. Its ID
//     is derived from the account and Region rather than drawn, so that it
//     reads nothing from the random source; its record is made the first
//     time the scope meets DHCP options (a VPC created there, a DHCP
//     action, or DescribeDhcpOptions, which moves Version on when it makes
//     it). It may be deleted when no VPC uses it, as EC2 allows, and is not
//     made again: VPCs created afterwards use no set (DhcpOptionsId
//     "default"), as AssociateDhcpOptions with "default" leaves a VPC.
//     A deleted VPC releases its set.
//   - Flow logs: CreateFlowLogs reports a resource that the caller does not
//     hold with that resource kind's not-found code (InvalidVpcID.NotFound,
//     InvalidSubnetID.NotFound, InvalidNetworkInterfaceID.NotFound), and a
//     second flow log of a resource with the same traffic type and
//     destination with FlowLogAlreadyExists, both in Unsuccessful, and
//     makes the others. A request repeated with its ClientToken answers the
//     flow logs the first made, whatever its other parameters. Deleting a
//     VPC, subnet or network interface deletes its flow logs. A NAT
//     gateway's own interface cannot have a flow log here. DescribeFlowLogs leaves out IDs
//     that name nothing rather than refusing them. A cloud-watch-logs flow
//     log made with LogGroupName alone lists no LogDestination. Their
//     destinations and IAM roles are not checked to exist (package
//     flowlog's decisions).
//   - A NAT gateway's own network interface is listed by
//     DescribeNetworkInterfaces while the gateway holds its addresses
//     (available or deleting): type nat_gateway, requester-managed, in use,
//     without security groups, its source/destination check off, at the
//     gateway's private address with its Elastic IP association, described
//     "Interface for NAT Gateway nat-...". It is made from the gateway's
//     state when asked for, so it stores and encodes nothing of its own and
//     goes with the gateway. DeleteNetworkInterface refuses it as EC2
//     refuses an interface in use (InvalidParameterValue, "Network
//     interface 'eni-...' is currently in use."; observed in cleanup tools'
//     reports); ModifyNetworkInterfaceAttribute refuses it with
//     OperationNotPermitted (our code and message: EC2's is not known).
//     Tags cannot be put on it (InvalidNetworkInterfaceID.NotFound), nor is
//     it an end of a reachability analysis: the gateway is a hop.
//   - Transit gateways (package tgw holds their own decisions) are one
//     account's: no sharing, so a caller sees and attaches only its own.
//     A VPC route to a transit gateway needs a live attachment of that
//     gateway in the table's VPC: without one CreateRoute answers
//     InvalidTransitGatewayID.NotFound (what EC2 answers while the
//     attachment does not exist yet), and a route whose attachment is
//     deleted becomes a blackhole. A VPC attachment puts no network
//     interface in its subnets, but holds them and its VPC against
//     deletion (DependencyViolation). A VPN connection on a transit gateway
//     gets a VPN attachment at creation, which becomes available, and
//     associates with and propagates to the default tables, with the next
//     call, and goes to deleted with the connection;
//     DeleteTransitGatewayVpcAttachment refuses it (InvalidParameterValue,
//     our message). A VPC attachment propagates the VPC's IPv4 blocks, and
//     its IPv6 blocks when Ipv6Support is enabled. ModifyVpnConnection to a
//     transit gateway stays refused (UnsupportedOperation) once the gateway
//     is found.
//
// # Packages
//
//	status    lifecycle vocabulary: peering status codes, VPN, gateway, attachment,
//	          route and telemetry states, each with EC2's wire spelling
//	cidr      netip.Prefix as the currency: strict VPC block parsing, route
//	          destination canonicalisation, secondary-block rules, overlap between
//	          two prefixes, two VPCs and a large indexed Set, pairwise overlap, and
//	          random allocation of free blocks from a pool
//	tag       tags and EC2's per-resource tag limits
//	vpc       the VPC as a value: its IPv4 and Amazon-provided IPv6 block
//	          associations and their states, its attributes, the block quotas
//	          and the primary-block rule
//	peering   the peering Connection, its state machine, the 7-day expiry, the
//	          visibility windows, and the Registry that enforces what one
//	          connection cannot (one per VPC pair, quotas, filters)
//	zone      the Availability Zone catalogue: names and IDs per Region
//	subnet    the subnet as a value: placement of its IPv4 block and IPv6 /64
//	          in its VPC's blocks, IPv6-only subnets, reserved addresses, zone
//	          choice, attributes
//	dhcp      DHCP option sets and the rules of their options
//	flowlog   flow logs: what they watch, their destinations and formats
//	gateway   internet and egress-only internet gateways and their attachment;
//	          NAT gateways and their lifecycle, failure codes and retention
//	eip       Elastic IP addresses: allocation from a pool, the quota,
//	          associations and who may end them, release
//	route     route targets, route tables, EC2's route validation, longest-prefix
//	          lookup, blackhole reconciliation and VGW propagation
//	secgroup  security groups and their rules: EC2's rule checks, duplicates,
//	          the rules quota, and whether a group's rules admit a packet
//	acl       network ACLs: numbered entries, the entries quota, subnet
//	          associations, and first-match evaluation
//	subnetgroup
//	          the subnet groups of RDS, ElastiCache and Redshift: each
//	          service's name, zone, subnet and tag rules and error codes as
//	          values
//	logs      CloudWatch Logs log groups, where flow logs and VPN tunnel logs
//	          go: names, retention, class, KMS key and tags as values
//	iam       IAM roles, customer managed policies with their versions, and
//	          policy documents' grammar: the permissions VPC logs deliver with
//	vpn       customer and virtual private gateways, VPN connections with two
//	          tunnels, tunnel options, inside-CIDR and pre-shared-key generation,
//	          the customer gateway configuration XML and device configurations
//	eni       the network interface as a value: its address in its subnet
//	          (given, or the lowest free one), its groups, public address and
//	          source/destination check
//	reach     reachability: follows traffic both ways through security groups,
//	          network ACLs, route tables and gateways, and names what stops it
//	          with Reachability Analyzer's explanation codes
//	awsimport a Cloud built from the JSON the AWS CLI prints for a real account
//	          (aws ec2 describe-*), read through an fs.FS, real IDs kept
//
// Amazon RDS, ElastiCache and Redshift keep subnet groups of a VPC's
// subnets; a Cloud serves the actions on them through [Cloud.RDS],
// [Cloud.ElastiCache] and [Cloud.Redshift], each a view whose methods are
// named as that service's Query API names them, with `query` wire tags.
// VPC flow logs and VPN tunnel logs go to CloudWatch Logs log groups,
// through IAM roles: [Cloud.Logs] serves the log group actions of the
// CloudWatch Logs JSON API (`json` wire tags, one set of groups per
// account and Region), and [Cloud.IAM] the role, policy and attachment
// actions of the IAM Query API (one set per account: IAM is global).
//
// The nested module github.com/vpclab/vpcmodel/examples holds the gallery
// of end-to-end examples, a narrated tour, the vpnconfig command, an EC2
// Query API emulator built on Cloud, and the reach command, which analyses a
// real account's network offline from the AWS CLI's JSON.
//
// # Guarantees
//
//   - Pure: no I/O, no network, no files.
//   - No clock: every time-dependent call takes now time.Time.
//   - No implicit randomness: IDs, keys and blocks come from a caller's io.Reader.
//   - No global state and no goroutines.
//   - Deterministic: the same inputs give the same outputs, byte for byte;
//     no output depends on map order.
//   - Values are immutable and safe for concurrent use; the mutable types,
//     Cloud and peering.Registry, are safe for concurrent use by their own locks.
//   - Every refusal is an error carrying the exact EC2 API error code
//     (ErrorCode) and AWS's message (ErrorMessage), and it changes nothing.
package vpcmodel
