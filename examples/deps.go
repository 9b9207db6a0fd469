//go:build deps

// This file pins the examples module's dependencies while the packages that
// use them are built up; it is never compiled.
package examples

import (
	_ "github.com/aws/aws-sdk-go-v2/aws"
	_ "github.com/aws/aws-sdk-go-v2/credentials"
	_ "github.com/aws/aws-sdk-go-v2/service/ec2"
	_ "github.com/aws/smithy-go"
	_ "github.com/gaissmai/bart"
	_ "github.com/google/go-cmp/cmp"
	_ "go4.org/netipx"
	_ "pgregory.net/rapid"
)
