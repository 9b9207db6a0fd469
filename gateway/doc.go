// Package gateway models the gateways a VPC attaches to reach the
// internet: the internet gateway (igw-), created detached and attached to
// at most one VPC; the egress-only internet gateway (eigw-), attached to
// its VPC from birth, for outbound IPv6 only; and the NAT gateway (nat-),
// placed in a subnet, public (with an Elastic IP address) or private, with
// a lifecycle over time.
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
// # NAT gateway lifecycle
//
// A NAT gateway is answered pending by CreateNatGateway; EC2 then
// provisions it, and it becomes available, or failed with a failure code
// when provisioning meets a problem the request could not show. Deleting
// it passes through deleting to deleted. Failed and deleted gateways stay
// listed for [NATRetention], then vanish.
//
//	from        event                                   to
//	(none)      CreateNatGateway                        pending
//	pending     provisioned                             available
//	pending     no free subnet address                  failed  InsufficientFreeAddressesInSubnet
//	pending     public, no internet gateway on the VPC  failed  Gateway.NotAttached
//	pending     public, Elastic IP already associated   failed  Resource.AlreadyAssociated
//	pending,
//	available,
//	failed      DeleteNatGateway                        deleting
//	deleting    DeleteNatGateway                        deleting (no change)
//	deleting    deprovisioned                           deleted
//	deleted     DeleteNatGateway                        error   NatGatewayNotFound
//	failed,
//	deleted     NATRetention after it became so         (gone)
//
// From creation until it is deleted, unless it fails, a gateway holds a
// private address of its subnet and, if public, its Elastic IP address;
// [NAT.HoldsAddresses] says so. At most [NATsPerZone] gateways per account
// are pending, available or deleting in one Availability Zone
// (NatGatewayLimitExceeded).
//
// Decisions where EC2's documents are silent: the failure checks run in
// the order of the table above; a failed gateway may be deleted, and then
// passes through deleting to deleted (so that a waiter for deleted ends);
// deleting a deleted gateway gives NatGatewayNotFound, the code EC2's
// waiters and Terraform treat as gone.
//
// Sources: the EC2 API Reference for CreateInternetGateway,
// AttachInternetGateway, DetachInternetGateway, DeleteInternetGateway,
// CreateEgressOnlyInternetGateway, DeleteEgressOnlyInternetGateway,
// CreateNatGateway (FailureCode and FailureMessage), DeleteNatGateway and
// DescribeNatGateways; "NAT gateways" and "Troubleshoot NAT gateways" in
// the Amazon VPC User Guide; "Amazon VPC quotas" (one internet gateway per
// VPC, NAT gateways per Availability Zone); the error texts captured in
// user reports (the project's behaviour notes, section J).
package gateway
