// Package logs models the log groups of Amazon CloudWatch Logs that a
// VPC's resources write to: the destination of VPC flow logs and of
// Site-to-Site VPN tunnel logs. A [Group] is a value: its name, when it
// was made, its retention policy, KMS key, class and tags. Who holds
// which group (one set per account and Region) is package vpcmodel's
// Cloud's; log streams and events are not modelled.
//
// # Rules
//
//	rule                              answer
//	name                              1 to 512 of A-Z a-z 0-9 _ - / . #  (InvalidParameterException)
//	name taken in account and Region  ResourceAlreadyExistsException
//	no such group                     ResourceNotFoundException
//	retention                         one of [RetentionDays] (InvalidParameterException); absent: never expire
//	class                             STANDARD (default) or INFREQUENT_ACCESS (InvalidParameterException)
//	KMS key                           a KMS key ARN, at most 256 characters (InvalidParameterException)
//	tag key                           1 to 128 of letters, digits, spaces and _ . : / = + - @, not aws:
//	tag value                         0 to 256 of the same characters
//	tags on a group                   at most 50 (TooManyTagsException by ARN, InvalidParameterException otherwise)
//	ARN                               arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME, answered also with :*
//
// Sources: the CloudWatch Logs API Reference (CreateLogGroup,
// DescribeLogGroups, PutRetentionPolicy and its list of day counts, the
// LogGroup shape, TagResource and the tagging restrictions, the error
// shapes ResourceAlreadyExistsException, ResourceNotFoundException,
// InvalidParameterException, LimitExceededException,
// TooManyTagsException). The messages follow those AWS answers with:
// "The specified log group already exists", "The specified log group does
// not exist.", and the "1 validation error detected: Value ... at ...
// failed to satisfy constraint: ..." form for a member out of its range.
//
// # Decisions
//
//   - A member out of its documented range (a name of a forbidden
//     character, a retention not in the list, a limit out of 1 to 50) is
//     answered InvalidParameterException, the error the API Reference
//     lists for these actions' invalid parameters, in the wording of
//     AWS's validation answers (the service's ValidationException is
//     documented for other, newer actions).
//   - The tagging actions by ARN accept a log group's ARN with and
//     without the trailing :* that DescribeLogGroups answers in arn.
//   - A group stores no log events, so storedBytes is 0 and
//     metricFilterCount 0 (metric filters are not modelled).
//   - The quota of log groups per account and Region is 1,000,000
//     ([MaxGroups]); past it CreateLogGroup is answered
//     LimitExceededException.
package logs
