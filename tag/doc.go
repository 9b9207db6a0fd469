// Package tag models EC2 resource tags and validates a resource's tag set
// against EC2's limits.
//
// # Rules
//
//	key     1 to 127 Unicode characters; may not begin with "aws:"   InvalidTagKey.Malformed / InvalidParameterValue
//	value   0 to 256 Unicode characters                              InvalidParameterValue
//	set     at most 50 user tags per resource, keys unique            TagLimitExceeded
//
// Keys and values are case-sensitive; setting an existing key overwrites its
// value. The EC2 User Guide gives 128 characters for a key, the EC2 API model
// 127; this package follows the API (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html).
package tag
