// Package benchcmp holds benchmarks that run the same workloads on vpcmodel
// and on the best general-purpose Go prefix libraries (github.com/gaissmai/bart
// and go4.org/netipx), side by side, so that the library's performance claims
// can be checked against a known reference. It has no API.
package benchcmp
