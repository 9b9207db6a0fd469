// Package status is the lifecycle vocabulary shared by every package of
// vpcmodel: the status codes of a VPC peering connection, the states of VPN
// connections, gateways and customer gateways, virtual private gateway
// attachment states, route states and tunnel telemetry, each spelled exactly
// as EC2 spells it on the wire.
//
// Every type is a typed string whose zero value is not valid. Each has
// Values (every valid value, in a documented stable order), IsValid and
// String, plus the predicates callers need. Converting to the AWS SDK for Go
// v2's enum is a one-word cast, for example
// types.VpcPeeringConnectionStateReasonCode(c).
//
// # Peering lifecycle
//
//	create ─▶ initiating-request ─┬─▶ failed
//	                              └─▶ pending-acceptance ─┬─ accept ─▶ provisioning ─▶ active
//	                                                      ├─ reject ─▶ rejected
//	                                                      ├─ delete ─▶ [deleting ─▶] deleted
//	                                                      └─ 7 days ─▶ expired
//	active ─ delete ─▶ [deleting (inter-Region only) ─▶] deleted
//
// Source: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
package status
