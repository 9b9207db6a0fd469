// Package ec2 holds what every public package of vpcmodel shares about EC2's
// wire vocabulary: the catalogue of EC2 API error codes (with AWS's casing),
// resource ID syntax and generation, and account and Region syntax.
//
// It is internal: the public packages re-export what callers need through
// their own typed errors.
package ec2
