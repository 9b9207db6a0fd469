// Package gateway models the gateways a VPC attaches to reach the
// internet: the internet gateway (igw-), created detached and attached to
// at most one VPC, and the egress-only internet gateway (eigw-), attached
// to its VPC from birth, for outbound IPv6 only.
//
// Which VPC already has a gateway, and the routes and route tables that
// use one, involve other resources; package vpcmodel's Cloud composes
// those rules, and package route turns routes to a detached or deleted
// gateway into blackholes.
//
// # Rules
//
//	action                                   EC2 error code              message
//	attach an attached internet gateway      Resource.AlreadyAssociated  resource igw-... is already attached to network vpc-...
//	attach to a VPC that has one             InvalidParameterValue       Network vpc-... already has an internet gateway attached
//	detach from a VPC it is not attached to  Gateway.NotAttached         resource igw-... is not attached to network vpc-...
//	delete an attached internet gateway      DependencyViolation         The internetGateway 'igw-...' has dependencies and cannot be deleted.
//
// An attached internet gateway's attachment reports state available (as
// EC2's examples show, though the AttachmentStatus enum says attached); a
// detached one has no attachment. An egress-only gateway's attachment
// reports attached.
//
// Sources: the EC2 API Reference for CreateInternetGateway,
// AttachInternetGateway, DetachInternetGateway, DeleteInternetGateway,
// CreateEgressOnlyInternetGateway and DeleteEgressOnlyInternetGateway;
// "Amazon VPC quotas" (one internet gateway per VPC); the error texts
// captured in user reports (the project's behaviour notes, section J).
package gateway
