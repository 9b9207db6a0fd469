// Package wildcard matches text against the wildcard patterns of EC2's
// Describe filters: * for any run of characters, ? for exactly one, and \
// to make the next character literal. Every package that answers a
// Describe filter uses it, so all of them match the same way.
//
// Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html#query-filters
// ("You can use wildcards with the filter values: * matches zero or more
// characters, and ? matches exactly one character. ... escape special
// characters using a backslash (\) before the character.")
package wildcard
