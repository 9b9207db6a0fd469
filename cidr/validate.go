package cidr

import (
	"fmt"
	"net/netip"
)

// The address ranges the association rules of [ValidateSecondary] name.
var (
	rangeTen       = netip.MustParsePrefix("10.0.0.0/8")
	rangeTenLow    = netip.MustParsePrefix("10.0.0.0/15") // a block here keeps 10.0.0.0/16 out
	rangeTenZero   = netip.MustParsePrefix("10.0.0.0/16")
	rangeOneSeven2 = netip.MustParsePrefix("172.16.0.0/12")
	rangeDefault   = netip.MustParsePrefix("172.31.0.0/16") // the default VPC's range
	rangeOneNine2  = netip.MustParsePrefix("192.168.0.0/16")
	rangeOneNine8  = netip.MustParsePrefix("198.19.0.0/16")
	rangeLinkLocal = netip.MustParsePrefix("169.254.0.0/16")
)

// ValidateSecondary reports whether EC2 would let AssociateVpcCidrBlock add
// candidate as a secondary IPv4 CIDR block to a VPC whose primary block is
// primary, whose associated blocks are existing (the primary may be listed
// again or not), and whose route tables hold routes to the destinations
// routes. It returns nil when the association is allowed. Entries of
// existing and routes that are invalid or IPv6 are ignored: they cannot
// conflict with an IPv4 block.
//
// The checks, in this order (EC2 does not document its order):
//
//  1. candidate is a VPC block as [ParseVPC] accepts it: IPv4 ([ErrFamily],
//     InvalidParameterValue), no host bits set ([ErrHostBits],
//     InvalidParameterValue), /16 to /28 ([ErrSize], InvalidVpc.Range).
//  2. The "IPv4 CIDR block association restrictions" table of the Amazon
//     VPC User Guide permits candidate for the primary's range (below);
//     otherwise [ErrRestricted], InvalidVpc.Range.
//  3. candidate overlaps no block of the VPC ([ErrOverlap],
//     InvalidVpc.Range): "The CIDR block must not overlap with any existing
//     CIDR block that's associated with the VPC."
//  4. candidate is not the same as or larger than a route destination
//     ([ErrRouteConflict], InvalidVpc.Range): with a route to 10.0.0.0/24,
//     a secondary 10.0.0.0/24 or 10.0.0.0/23 is refused and 10.0.0.0/25 is
//     allowed. Local routes are the VPC's own blocks, caught by check 3.
//
// The table, by the range the primary block is in; anything it does not
// permit is restricted:
//
//	primary in       candidate permitted from
//	10.0.0.0/8       10.0.0.0/8, public, 100.64.0.0/10; but no block from
//	                 10.0.0.0/16 once any block of the VPC is in 10.0.0.0/15
//	172.16.0.0/12    172.16.0.0/12 except 172.31.0.0/16, public, 100.64.0.0/10
//	192.168.0.0/16   192.168.0.0/16, public, 100.64.0.0/10
//	198.19.0.0/16    public, 100.64.0.0/10
//	anything else    public, 100.64.0.0/10
//
// "Public" means outside the RFC 1918 ranges, 198.19.0.0/16 and
// 169.254.0.0/16; link-local blocks are never permitted. A second block from
// 198.19.0.0/16 is refused: the guide permits it for no primary range.
//
// The quota on blocks per VPC (CidrLimitExceeded, default 5) and the rules
// for VPCs in a peering connection are the caller's: they need state this
// package does not hold. An invalid or non-IPv4 primary gives [ErrFamily] or
// [ErrSyntax] with code InvalidParameterValue.
func ValidateSecondary(primary netip.Prefix, existing, routes []netip.Prefix, candidate netip.Prefix) error {
	in := candidate.String()
	fail := func(code string, err error) error {
		return &Error{Op: "associate", Input: in, Param: "cidrBlock", Code: code, Err: err}
	}
	if !primary.IsValid() {
		return fail("InvalidParameterValue", fmt.Errorf("%w (primary block %s)", ErrSyntax, primary))
	}
	if !primary.Addr().Is4() {
		return fail("InvalidParameterValue", fmt.Errorf("%w (primary block %s)", ErrFamily, primary))
	}
	if !candidate.IsValid() {
		return fail("InvalidParameterValue", ErrSyntax)
	}
	if err := checkVPC(candidate, in, "cidrBlock"); err != nil {
		err.Op = "associate"
		return err
	}
	primary = primary.Masked()
	if !permitted(primary, existing, candidate) {
		return fail("InvalidVpc.Range", fmt.Errorf("%w (primary block %s)", ErrRestricted, primary))
	}
	if Overlaps(primary, candidate) {
		return fail("InvalidVpc.Range", fmt.Errorf("%w (%s)", ErrOverlap, primary))
	}
	for _, e := range existing {
		if Overlaps(e, candidate) {
			return fail("InvalidVpc.Range", fmt.Errorf("%w (%s)", ErrOverlap, e.Masked()))
		}
	}
	for _, r := range routes {
		if Contains(candidate, r) {
			return fail("InvalidVpc.Range", fmt.Errorf("%w (route to %s)", ErrRouteConflict, r.Masked()))
		}
	}
	return nil
}

// permitted applies the association restrictions table to candidate, a
// valid IPv4 VPC block, for a VPC with the given primary and other blocks.
func permitted(primary netip.Prefix, existing []netip.Prefix, candidate netip.Prefix) bool {
	in := func(r netip.Prefix) bool { return Contains(r, candidate) }
	public := !in(rangeTen) && !in(rangeOneSeven2) && !in(rangeOneNine2) &&
		!in(rangeOneNine8) && !in(rangeLinkLocal)
	if public {
		return true // every row permits public and 100.64.0.0/10 blocks
	}
	switch {
	case Contains(rangeTen, primary):
		if !in(rangeTen) {
			return false
		}
		if in(rangeTenZero) {
			if Contains(rangeTenLow, primary) {
				return false
			}
			for _, e := range existing {
				if Contains(rangeTenLow, e) {
					return false
				}
			}
		}
		return true
	case Contains(rangeOneSeven2, primary):
		return in(rangeOneSeven2) && !in(rangeDefault)
	case Contains(rangeOneNine2, primary):
		return in(rangeOneNine2)
	}
	return false // 198.19.0.0/16 and public primaries take only public blocks
}
