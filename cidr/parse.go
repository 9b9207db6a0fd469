package cidr

import "net/netip"

// VPC IPv4 block sizes: "The allowed block size is between a /16 netmask
// (65,536 IP addresses) and /28 netmask (16 IP addresses)."
const (
	MinVPCBits = 16
	MaxVPCBits = 28
)

// VPC IPv6 block sizes: /44 to /60 in steps of 4 (Amazon-provided blocks
// are /56).
const (
	MinVPCIPv6Bits = 44
	MaxVPCIPv6Bits = 60
)

// ParseVPC parses s as a VPC IPv4 CIDR block as CreateVpc and
// AssociateVpcCidrBlock take it: an IPv4 prefix from /16 to /28 in canonical
// form. Host bits set give InvalidParameterValue; a size out of range gives
// InvalidVpc.Range.
func ParseVPC(s string) (netip.Prefix, error) {
	p, err := parse(s, "cidrBlock")
	if err != nil {
		return netip.Prefix{}, err
	}
	if err := checkVPC(p, s, "cidrBlock"); err != nil {
		return netip.Prefix{}, err
	}
	return p, nil
}

// checkVPC applies the VPC IPv4 block rules to p, which came in as text s.
func checkVPC(p netip.Prefix, s, param string) *Error {
	fail := func(code string, err error) *Error {
		return &Error{Op: "parse", Input: s, Param: param, Code: code, Err: err}
	}
	switch {
	case !p.Addr().Is4():
		return fail("InvalidParameterValue", ErrFamily)
	case p.Masked() != p:
		return fail("InvalidParameterValue", ErrHostBits)
	case p.Bits() < MinVPCBits || p.Bits() > MaxVPCBits:
		return fail("InvalidVpc.Range", ErrSize)
	}
	return nil
}

// ParseVPCIPv6 parses s as a VPC IPv6 CIDR block: an IPv6 prefix from /44 to
// /60 in steps of 4, in canonical form.
func ParseVPCIPv6(s string) (netip.Prefix, error) {
	p, err := parse(s, "ipv6CidrBlock")
	if err != nil {
		return netip.Prefix{}, err
	}
	if !p.Addr().Is6() || p.Addr().Is4In6() {
		return netip.Prefix{}, &Error{Op: "parse", Input: s, Param: "ipv6CidrBlock", Code: "InvalidParameterValue", Err: ErrFamily}
	}
	if p.Masked() != p {
		return netip.Prefix{}, &Error{Op: "parse", Input: s, Param: "ipv6CidrBlock", Code: "InvalidParameterValue", Err: ErrHostBits}
	}
	if p.Bits() < MinVPCIPv6Bits || p.Bits() > MaxVPCIPv6Bits || p.Bits()%4 != 0 {
		return netip.Prefix{}, &Error{Op: "parse", Input: s, Param: "ipv6CidrBlock", Code: "InvalidVpc.Range", Err: ErrSize}
	}
	return p, nil
}

// ParseDestination parses s as a route destination (DestinationCidrBlock or
// DestinationIpv6CidrBlock), canonicalising it as EC2 does: "100.68.0.18/18"
// becomes 100.68.0.0/18. param names the EC2 parameter for the error message
// ("destinationCidrBlock" when empty); it comes first, as in
// [github.com/vpclab/vpcmodel/route.ParseDestination]. Any prefix length is
// accepted.
func ParseDestination(param, s string) (netip.Prefix, error) {
	if param == "" {
		param = "destinationCidrBlock"
	}
	p, err := parse(s, param)
	if err != nil {
		return netip.Prefix{}, err
	}
	return p.Masked(), nil
}

// Parse parses s as a CIDR block of either family and returns it masked.
// It is ParseDestination with the generic parameter name "cidrBlock".
func Parse(s string) (netip.Prefix, error) { return ParseDestination("cidrBlock", s) }

// MustParse is like Parse but panics on error. It is intended for tests and
// examples with hard-coded strings.
func MustParse(s string) netip.Prefix {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

func parse(s, param string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || p.Addr().Zone() != "" || p.Addr().Is4In6() {
		return netip.Prefix{}, &Error{Op: "parse", Input: s, Param: param, Code: "InvalidParameterValue", Err: ErrSyntax}
	}
	return p, nil
}
