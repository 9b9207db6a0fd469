// Package endpoint models VPC endpoints to AWS services: the per-Region
// catalogue of services DescribeVpcEndpointServices lists, the
// AWS-managed prefix lists DescribePrefixLists lists for the services with
// gateway endpoints, and one endpoint's rules and lifecycle.
//
// The package holds values only. The Cloud that composes it checks what
// lies between resources (the VPC, its route tables, subnets and security
// groups exist and belong together, a route table routes to one endpoint
// per service, private DNS needs the VPC's DNS attributes), creates an
// interface endpoint's network interfaces, and renders a gateway
// endpoint's routes in its route tables.
//
// # Catalogue
//
// [Services] lists, for a Region, every service of a fixed catalogue as an
// Interface service, and s3 and dynamodb as Gateway services too, named
// com.amazonaws.REGION.NAME, owned by "amazon", in every zone the zone
// package gives the Region, with no acceptance required, a policy
// supported and the ipv4 address type. [PrefixLists] gives s3 and dynamodb
// one managed prefix list each per Region, with IDs and ranges derived from
// the Region's name.
//
// # Lifecycle
//
//	action      from                  to
//	Create      -                     pending
//	(next call) pending               available
//	Modify      pending, available    unchanged (routes and interfaces change at once)
//	Delete      pending, available    deleting
//	Delete      deleting              deleting (no change)
//	(next call) deleting              deleted
//	(retention) deleted               no longer listed, DeletedRetention after Delete
//
// # Rules
//
//	rule                                                 code
//	unknown service name, or not offered as that type   InvalidServiceName
//	subnets, groups or private DNS on a Gateway endpoint InvalidParameter
//	route tables on an Interface endpoint                InvalidParameter
//	two subnets in one zone                              DuplicateSubnetsInSameZone
//	private DNS on a service without a private DNS name  InvalidParameter
//	more than MaxGroups security groups                  InvalidParameter
//	an IP address type or DNS record type but ipv4       InvalidParameter
//	a policy that is not a JSON object                   MalformedPolicy
//	modify an endpoint deleting or deleted               IncorrectState
//	delete an endpoint deleted                           InvalidVpcEndpoint.NotFound
//
// # Decisions
//
// Where EC2 is silent or this model is narrower: only ipv4 endpoints are
// modelled (dualstack and ipv6 are refused as unsupported by the
// service); the catalogue's private DNS names follow each service's public
// endpoint name; an endpoint created without a policy gets
// [DefaultPolicy]; a policy is checked as a JSON object of at most
// MaxPolicy characters, not as IAM grammar, and the code for a malformed
// one is MalformedPolicy; removing a route table, subnet or group an
// endpoint does not have succeeds and changes nothing; a deleted endpoint
// is listed for [DeletedRetention]; an S3 interface endpoint with private
// DNS always reports PrivateDnsOnlyForInboundResolverEndpoint (false
// unless asked for).
//
// Sources:
//   - https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
//   - https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
//   - https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
//   - https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
package endpoint
