package ec2

import "strings"

// Partition returns the AWS partition a Region belongs to: aws-cn for
// cn-..., aws-us-gov for us-gov-..., aws for every other.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}
