// Package vpcmodel is a model of AWS EC2 VPC connectivity that behaves as
// EC2 behaves: VPC peering with its full lifecycle, IPv4 CIDR overlap
// detection, route tables with EC2's route-target validation and
// longest-prefix lookup, and Site-to-Site VPN with real tunnel options and
// customer gateway configurations.
//
// This root package holds only this overview; the behaviour lives in the
// packages below.
//
// # Packages
//
//	status    lifecycle vocabulary: peering status codes, VPN, gateway, attachment,
//	          route and telemetry states, each with EC2's wire spelling
//	cidr      netip.Prefix as the currency: strict VPC block parsing, route
//	          destination canonicalisation, secondary-block rules, overlap between
//	          two prefixes, two VPCs and a large indexed Set, pairwise overlap, and
//	          random allocation of free blocks from a pool
//	tag       tags and EC2's per-resource tag limits
//	peering   the peering Connection, its state machine, the 7-day expiry, the
//	          visibility windows, and the Registry that enforces what one
//	          connection cannot (one per VPC pair, quotas, filters)
//	route     route targets, route tables, EC2's route validation, longest-prefix
//	          lookup, blackhole reconciliation and VGW propagation
//	vpn       customer and virtual private gateways, VPN connections with two
//	          tunnels, tunnel options, inside-CIDR and pre-shared-key generation,
//	          the customer gateway configuration XML and device configurations
//
// The nested module github.com/vpclab/vpcmodel/examples holds the gallery
// of end-to-end examples, a narrated tour, the vpnconfig command and an EC2
// Query API emulator built on these packages.
//
// # Guarantees
//
//   - Pure: no I/O, no network, no files.
//   - No clock: every time-dependent call takes now time.Time.
//   - No implicit randomness: IDs, keys and blocks come from a caller's io.Reader.
//   - No global state and no goroutines.
//   - Deterministic: the same inputs give the same outputs, byte for byte;
//     no output depends on map order.
//   - Values are immutable and safe for concurrent use; the one mutable
//     type, peering.Registry, is safe for concurrent use by its own lock.
//   - Every refusal is an error carrying the exact EC2 API error code
//     (ErrorCode) and AWS's message (ErrorMessage), and it changes nothing.
package vpcmodel
