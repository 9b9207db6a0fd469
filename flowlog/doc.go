// Package flowlog models a VPC flow log (fl-) as EC2 records it: which
// resource it watches (a VPC, a subnet or a network interface), which
// traffic, where its records would go and in what format. No record is
// ever written: only the flow log's configuration is modelled.
//
// Which resources exist, and what happens to a flow log when its resource
// goes, involve other resources; package vpcmodel's Cloud composes those
// rules.
//
// # Rules
//
//	parameter                 rule                                                    EC2 error code
//	TrafficType               ACCEPT, REJECT or ALL; required                        MissingParameter, InvalidParameterValue
//	ResourceType              VPC, Subnet or NetworkInterface                        InvalidParameterValue
//	LogDestinationType        cloud-watch-logs (the default), s3,                    InvalidParameterValue
//	                          kinesis-data-firehose
//	LogGroupName              cloud-watch-logs only, not with LogDestination          InvalidParameter, InvalidParameterCombination
//	LogDestination            the ARN of a log group (cloud-watch-logs), a bucket     InvalidParameterValue
//	                          with an optional folder (s3), a delivery stream
//	                          (kinesis-data-firehose); required but for
//	                          cloud-watch-logs with LogGroupName                      InvalidParameter
//	DeliverLogsPermissionArn  an IAM role ARN; required for cloud-watch-logs, not     InvalidParameter, InvalidParameterValue
//	                          applicable to s3
//	DeliverCrossAccountRole   an IAM role ARN                                         InvalidParameterValue
//	LogFormat                 ${field} names separated by spaces, each a known field  InvalidParameterValue
//	                          (default: [DefaultFormat])
//	MaxAggregationInterval    60 or 600 seconds (default 600)                         InvalidParameterValue
//	DestinationOptions        s3 only; FileFormat plain-text (default) or parquet     InvalidParameter, InvalidParameterValue
//
// A flow log is ACTIVE with delivery status SUCCESS from its creation: no
// destination is contacted.
//
// # Decisions
//
// The existence of a destination (a log group, a bucket, a delivery stream)
// and of the IAM roles is not checked, since CloudWatch Logs, S3, Kinesis
// Data Firehose and IAM are not modelled; only the shapes of their ARNs
// are. For the same reason no delivery ever fails and DeliverLogsErrorMessage
// stays empty. Where EC2's documents give a code but not a message, the
// message is ours.
//
// Sources: the EC2 API Reference for CreateFlowLogs, DescribeFlowLogs and
// DeleteFlowLogs (and the FlowLog and DestinationOptionsRequest types);
// "Logging IP traffic using VPC Flow Logs" and "Flow log records" in the
// Amazon VPC User Guide; the EC2 error code list (FlowLogAlreadyExists,
// InvalidFlowLogId.NotFound).
package flowlog
