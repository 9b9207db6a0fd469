// Package subnetgroup models the subnet groups that Amazon RDS, Amazon
// ElastiCache and Amazon Redshift keep: a named set of subnets of one VPC,
// which the service places its database, cache or cluster nodes in. A
// group is a value; the services' rules are values too ([Rules], one per
// [Service]), so one implementation serves all three.
//
// The subnets come from EC2: a [Lookup] resolves the IDs a request names
// to the subnets the caller holds. Who holds which group, and the subnets
// themselves, are package vpcmodel's Cloud's.
//
// # Rules
//
//	rule                              RDS                                  ElastiCache                       Redshift
//	name characters                   letters digits space . _ -           letters digits -                  letters digits -
//	name first character              a letter                             any                               any
//	name length                       1 to 255                             1 to 255                          1 to 255
//	name reserved                     default                              (none)                            default
//	name stored as                    lower case                           lower case                        lower case
//	bad name                          InvalidParameterValue                InvalidParameterValue             InvalidParameterValue
//	no subnet                         InvalidSubnet                        InvalidParameterValue             InvalidSubnet
//	unknown subnet                    InvalidParameterValue                InvalidParameterValue             InvalidSubnet
//	subnets of two VPCs               InvalidSubnet                        InvalidSubnet                     InvalidSubnet
//	zones at least                    2                                    1                                 1
//	too few zones                     DBSubnetGroupDoesNotCoverEnoughAZs   -                                 -
//	more subnets than 20              DBSubnetQuotaExceededFault           CacheSubnetQuotaExceededFault     ClusterSubnetQuotaExceededFault
//	modify into another VPC           InvalidParameterValue                allowed                           allowed
//	name taken                        DBSubnetGroupAlreadyExists           CacheSubnetGroupAlreadyExists     ClusterSubnetGroupAlreadyExists
//	no such group                     DBSubnetGroupNotFoundFault           CacheSubnetGroupNotFoundFault     ClusterSubnetGroupNotFoundFault
//	tag ops on no such group          DBSubnetGroupNotFoundFault           CacheSubnetGroupNotFoundFault     ResourceNotFoundFault
//	malformed ARN                     InvalidParameterValue                InvalidARN                        InvalidParameterValue
//	more tags than 50                 InvalidParameterValue                TagQuotaPerResourceExceeded       TagLimitExceededFault
//	bad tag                           InvalidParameterValue                InvalidParameterValue             InvalidTagFault
//	removing a tag it does not have   ignored                              TagNotFound                       ignored
//	ARN resource                      subgrp:NAME                          subnetgroup:NAME                  subnetgroup:NAME
//	network type (IPv4 subnets)       IPV4                                 ipv4                              ipv4
//
// An ARN is arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, the partition
// the Region's (aws, aws-cn, aws-us-gov). A request that names a subnet twice names it once. A group lists its
// subnets in ID order, and answers each subnet's Availability Zone as it
// was when the subnet joined the group. The RDS zone rule asks for two
// zones only where the Region has two; a Region with one zone needs one.
// A tag key is 1 to 128 characters and may not begin with aws: (nor rds:
// for RDS); a value is at most 256 characters.
//
// Sources: the RDS API Reference (CreateDBSubnetGroup, ModifyDBSubnetGroup,
// DeleteDBSubnetGroup, the DBSubnetGroup and Subnet shapes, the tagging
// actions), the ElastiCache API Reference (CreateCacheSubnetGroup,
// ModifyCacheSubnetGroup, the CacheSubnetGroup shape, TagNotFound), the
// Redshift API Reference (CreateClusterSubnetGroup: at most 20 subnets;
// the ClusterSubnetGroup shape; CreateTags, DescribeTags), the services'
// error shapes in the AWS SDK for Go v2, and the answers AWS gave that
// Terraform, CloudFormation and emulator reports quote: "The DB subnet
// group 'x' already exists.", "Some input subnets in :[...] are invalid."
// (InvalidParameterValue, RDS and ElastiCache), "Subnet IDs are
// required." (InvalidSubnet, RDS), "The DB subnet group doesn't meet
// Availability Zone (AZ) coverage requirement. ...", "The new Subnets are
// not in the same Vpc as the existing subnet group" (RDS
// ModifyDBSubnetGroup), "Subnets X and Y are not in the same VPC."
// (InvalidSubnet, ElastiCache), "Cache subnet group X already exists.".
// The other messages are this package's, in the same manner.
package subnetgroup
