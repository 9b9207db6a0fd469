package cidr_test

import (
	"errors"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/cidr"
	"pgregory.net/rapid"
)

func TestValidateSecondary(t *testing.T) {
	p := netip.MustParsePrefix
	tests := []struct {
		name      string
		primary   string
		existing  []string
		routes    []string
		candidate netip.Prefix
		cause     error  // nil: allowed
		code      string // EC2 code when refused
	}{
		// Size boundaries and canonical form.
		{name: "/16 accepted", primary: "10.0.0.0/16", candidate: p("10.1.0.0/16")},
		{name: "/28 accepted", primary: "10.0.0.0/16", candidate: p("10.1.0.0/28")},
		{name: "/15 refused", primary: "10.0.0.0/16", candidate: p("10.2.0.0/15"), cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{name: "/29 refused", primary: "10.0.0.0/16", candidate: p("10.1.0.0/29"), cause: cidr.ErrSize, code: "InvalidVpc.Range"},
		{name: "host bits refused", primary: "10.0.0.0/16", candidate: p("10.1.0.1/24"), cause: cidr.ErrHostBits, code: "InvalidParameterValue"},
		{name: "IPv6 refused", primary: "10.0.0.0/16", candidate: p("2600:1f00::/56"), cause: cidr.ErrFamily, code: "InvalidParameterValue"},
		{name: "zero candidate refused", primary: "10.0.0.0/16", cause: cidr.ErrSyntax, code: "InvalidParameterValue"},

		// 10.0.0.0/8 primaries.
		{name: "10/8 takes 10/8", primary: "10.2.0.0/16", candidate: p("10.200.0.0/16")},
		{name: "10/8 takes public", primary: "10.2.0.0/16", candidate: p("52.94.0.0/16")},
		{name: "10/8 takes 100.64/10", primary: "10.2.0.0/16", candidate: p("100.64.0.0/16")},
		{name: "10/8 takes 198.18/16 (public)", primary: "10.2.0.0/16", candidate: p("198.18.0.0/16")},
		{name: "10/8 refuses 172.16/12", primary: "10.2.0.0/16", candidate: p("172.16.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "10/8 refuses 192.168/16", primary: "10.2.0.0/16", candidate: p("192.168.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "10/8 refuses 198.19/16", primary: "10.2.0.0/16", candidate: p("198.19.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "10/8 refuses link-local", primary: "10.2.0.0/16", candidate: p("169.254.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "primary in 10.0.0.0/15 refuses 10.0.0.0/16", primary: "10.1.0.0/16", candidate: p("10.0.0.0/24"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "secondary in 10.0.0.0/15 refuses 10.0.0.0/16", primary: "10.2.0.0/16", existing: []string{"10.1.128.0/17"},
			candidate: p("10.0.255.240/28"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "nothing in 10.0.0.0/15: 10.0.0.0/16 is fine", primary: "10.2.0.0/16", existing: []string{"10.3.0.0/16"}, candidate: p("10.0.0.0/16")},
		{name: "10.0.0.0/15 rule leaves 10.1.0.0/16 alone", primary: "10.0.0.0/17", candidate: p("10.1.0.0/16")},

		// 172.16.0.0/12 primaries.
		{name: "172.16/12 takes 172.16/12", primary: "172.20.0.0/16", candidate: p("172.30.0.0/16")},
		{name: "172.16/12 refuses 172.31/16", primary: "172.20.0.0/16", candidate: p("172.31.5.0/24"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "172.16/12 refuses 10/8", primary: "172.20.0.0/16", candidate: p("10.0.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "172.16/12 refuses 198.19/16", primary: "172.20.0.0/16", candidate: p("198.19.0.0/20"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "172.16/12 takes 100.64/10", primary: "172.31.0.0/16", candidate: p("100.127.0.0/16")},

		// 192.168.0.0/16 primaries.
		{name: "192.168/16 takes 192.168/16", primary: "192.168.0.0/20", candidate: p("192.168.16.0/20")},
		{name: "192.168/16 refuses 172.16/12", primary: "192.168.0.0/20", candidate: p("172.16.0.0/20"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "192.168/16 takes public", primary: "192.168.0.0/20", candidate: p("8.8.0.0/16")},

		// 198.19.0.0/16 primaries.
		{name: "198.19/16 refuses RFC 1918", primary: "198.19.0.0/20", candidate: p("10.0.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "198.19/16 refuses more 198.19/16", primary: "198.19.0.0/20", candidate: p("198.19.16.0/20"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "198.19/16 takes 100.64/10", primary: "198.19.0.0/20", candidate: p("100.64.0.0/20")},

		// Public and 100.64.0.0/10 primaries.
		{name: "public takes public", primary: "52.0.0.0/16", candidate: p("54.0.0.0/16")},
		{name: "public refuses RFC 1918", primary: "52.0.0.0/16", candidate: p("192.168.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "100.64/10 refuses 198.19/16", primary: "100.64.0.0/16", candidate: p("198.19.0.0/16"), cause: cidr.ErrRestricted, code: "InvalidVpc.Range"},
		{name: "100.64/10 takes 100.64/10", primary: "100.64.0.0/16", candidate: p("100.65.0.0/16")},

		// Overlap with the VPC's blocks.
		{name: "same as primary", primary: "10.5.0.0/16", candidate: p("10.5.0.0/16"), cause: cidr.ErrOverlap, code: "InvalidVpc.Range"},
		{name: "inside primary", primary: "10.5.0.0/16", candidate: p("10.5.3.0/24"), cause: cidr.ErrOverlap, code: "InvalidVpc.Range"},
		{name: "overlaps a secondary", primary: "10.5.0.0/16", existing: []string{"10.5.0.0/16", "10.6.0.0/20"},
			candidate: p("10.6.8.0/24"), cause: cidr.ErrOverlap, code: "InvalidVpc.Range"},
		{name: "next to a secondary", primary: "10.5.0.0/16", existing: []string{"10.6.0.0/20"}, candidate: p("10.6.16.0/20")},
		{name: "IPv6 existing ignored", primary: "10.5.0.0/16", existing: []string{"2600:1f00::/56"}, candidate: p("10.6.0.0/16")},

		// Route destinations.
		{name: "unrelated route", primary: "10.2.0.0/16", routes: []string{"10.0.0.0/24"}, candidate: p("10.3.0.0/24"),
			cause: nil},
		{name: "equal to a route destination", primary: "10.2.0.0/16", routes: []string{"10.3.0.0/24"}, candidate: p("10.3.0.0/24"),
			cause: cidr.ErrRouteConflict, code: "InvalidVpc.Range"},
		{name: "larger than a route destination", primary: "10.2.0.0/16", routes: []string{"10.3.0.0/24"}, candidate: p("10.3.0.0/23"),
			cause: cidr.ErrRouteConflict, code: "InvalidVpc.Range"},
		{name: "smaller than a route destination", primary: "10.2.0.0/16", routes: []string{"10.3.0.0/24"}, candidate: p("10.3.0.0/25")},
		{name: "default route does not conflict", primary: "10.2.0.0/16", routes: []string{"0.0.0.0/0", "::/0"}, candidate: p("10.3.0.0/16")},
		{name: "primary zero", primary: "", candidate: p("10.3.0.0/16"), cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{name: "primary IPv6", primary: "2600::/56", candidate: p("10.3.0.0/16"), cause: cidr.ErrFamily, code: "InvalidParameterValue"},
	}
	parseAll := func(ss []string) []netip.Prefix {
		var out []netip.Prefix
		for _, s := range ss {
			out = append(out, p(s))
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var primary netip.Prefix
			if tt.primary != "" {
				primary = p(tt.primary)
			}
			existing, routes := parseAll(tt.existing), parseAll(tt.routes)
			err := cidr.ValidateSecondary(primary, existing, routes, tt.candidate)
			if tt.cause == nil {
				if err != nil {
					t.Fatalf("ValidateSecondary(%v, %v, %v, %v) = %v, want nil", primary, existing, routes, tt.candidate, err)
				}
				return
			}
			var ce *cidr.Error
			if !errors.Is(err, tt.cause) || !errors.As(err, &ce) || ce.ErrorCode() != tt.code || ce.Op != "associate" {
				t.Fatalf("ValidateSecondary(%v, %v, %v, %v) = %v, want a *cidr.Error wrapping %v with code %s",
					primary, existing, routes, tt.candidate, err, tt.cause, tt.code)
			}
			if ce.ErrorMessage() == "" {
				t.Fatalf("ErrorMessage() is empty for %v", err)
			}
			// Order of the lists never matters.
			slices.Reverse(existing)
			slices.Reverse(routes)
			if err2 := cidr.ValidateSecondary(primary, existing, routes, tt.candidate); !errors.Is(err2, tt.cause) {
				t.Fatalf("with the lists reversed, ValidateSecondary = %v, want %v", err2, tt.cause)
			}
		})
	}
}

// TestValidateSecondaryConflicts checks the overlap and route rules against
// a uint32 interval model, with every block drawn from public space so that
// the restrictions table stays out of the way.
func TestValidateSecondaryConflicts(t *testing.T) {
	public := netip.MustParsePrefix("52.0.0.0/12")
	rapid.Check(t, func(t *rapid.T) {
		primary := genPrefix4Within(public, 16).Filter(func(p netip.Prefix) bool { return p.Bits() <= 28 }).Draw(t, "primary")
		existing := rapid.SliceOfN(genPrefix4Within(public, 16), 0, 5).Draw(t, "existing")
		routes := rapid.SliceOfN(genPrefix4Within(public, 12), 0, 5).Draw(t, "routes")
		candidate := genPrefix4Within(public, 16).Filter(func(p netip.Prefix) bool { return p.Bits() <= 28 }).Draw(t, "candidate")

		clo, chi := interval4(candidate)
		wantOverlap, wantRoute := false, false
		for _, e := range append([]netip.Prefix{primary}, existing...) {
			lo, hi := interval4(e)
			wantOverlap = wantOverlap || (lo <= chi && clo <= hi)
		}
		for _, r := range routes {
			lo, hi := interval4(r)
			wantRoute = wantRoute || (clo <= lo && hi <= chi)
		}
		err := cidr.ValidateSecondary(primary, existing, routes, candidate)
		switch {
		case wantOverlap:
			if !errors.Is(err, cidr.ErrOverlap) {
				t.Fatalf("ValidateSecondary = %v, want ErrOverlap", err)
			}
		case wantRoute:
			if !errors.Is(err, cidr.ErrRouteConflict) {
				t.Fatalf("ValidateSecondary = %v, want ErrRouteConflict", err)
			}
		case err != nil:
			t.Fatalf("ValidateSecondary(%v, %v, %v, %v) = %v, want nil", primary, existing, routes, candidate, err)
		}
	})
}
