package subnet_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"testing"

	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/zone"
)

var mustPrefix = netip.MustParsePrefix

func useast1a() zone.Zone { z, _ := zone.Find("us-east-1", "us-east-1a"); return z }

func spec(block string, siblings ...string) subnet.Spec {
	s := subnet.Spec{OwnerID: "111122223333", Region: "us-east-1", VPCID: "vpc-0123456789abcdef0", Zone: useast1a(),
		CIDRBlock: mustPrefix(block), VPCBlocks: []netip.Prefix{mustPrefix("10.0.0.0/16"), mustPrefix("10.5.0.0/24")}}
	for _, b := range siblings {
		s.Siblings = append(s.Siblings, mustPrefix(b))
	}
	return s
}

func TestCheck(t *testing.T) {
	other, _ := zone.Find("us-west-2", "us-west-2a")
	for _, tt := range []struct {
		name      string
		spec      subnet.Spec
		code, msg string
		cause     error
	}{
		{name: "a /24 in the primary block", spec: spec("10.0.1.0/24")},
		{name: "the whole block", spec: spec("10.0.0.0/16")},
		{name: "a /28 in a secondary block", spec: spec("10.5.0.16/28")},
		{name: "beside a sibling", spec: spec("10.0.2.0/24", "10.0.1.0/24")},
		{name: "a /29", spec: spec("10.0.0.0/29"), code: "InvalidSubnet.Range", msg: "The CIDR '10.0.0.0/29' is invalid.", cause: subnet.ErrRange},
		{name: "a /15", spec: func() subnet.Spec {
			s := spec("10.0.0.0/15")
			s.VPCBlocks = []netip.Prefix{mustPrefix("10.0.0.0/15")}
			return s
		}(),
			code: "InvalidSubnet.Range", msg: "The CIDR '10.0.0.0/15' is invalid.", cause: subnet.ErrRange},
		{name: "outside the VPC", spec: spec("10.10.1.0/24"), code: "InvalidSubnet.Range", msg: "The CIDR '10.10.1.0/24' is invalid.", cause: subnet.ErrRange},
		{name: "straddling a block", spec: spec("10.5.0.0/23"), code: "InvalidSubnet.Range", cause: subnet.ErrRange},
		{name: "overlapping a sibling", spec: spec("10.0.1.0/24", "10.0.0.0/23"), code: "InvalidSubnet.Conflict",
			msg: "The CIDR '10.0.1.0/24' conflicts with another subnet", cause: subnet.ErrConflict},
		{name: "equal to a sibling", spec: spec("10.0.1.0/24", "10.0.1.0/24"), code: "InvalidSubnet.Conflict", cause: subnet.ErrConflict},
		{name: "another Region's zone", spec: func() subnet.Spec { s := spec("10.0.1.0/24"); s.Zone = other; return s }(),
			code: "InvalidParameterValue", cause: subnet.ErrZone,
			msg: "Value (us-west-2a) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f."},
		{name: "a malformed VPC", spec: func() subnet.Spec { s := spec("10.0.1.0/24"); s.VPCID = "vpc-x"; return s }(), code: "InvalidVpcID.Malformed", cause: subnet.ErrInvalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.spec.Check()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				s, err := subnet.Create(tt.spec, rand.NewChaCha8([32]byte{}))
				if err != nil || s.CIDR() != tt.spec.CIDRBlock || s.VPCID() != tt.spec.VPCID || s.Zone() != tt.spec.Zone {
					t.Fatalf("Create() = %+v, %v", s, err)
				}
				return
			}
			var se *subnet.Error
			if !errors.As(err, &se) || se.ErrorCode() != tt.code || !errors.Is(err, tt.cause) || tt.msg != "" && se.ErrorMessage() != tt.msg {
				t.Fatalf("Check() = %v (%v), want %s %q wrapping %v", err, se.ErrorMessage(), tt.code, tt.msg, tt.cause)
			}
			// A refused Create reads no randomness.
			var r countingReader
			if _, err := subnet.Create(tt.spec, &r); err == nil || r.n != 0 {
				t.Fatalf("Create() = %v after reading %d bytes", err, r.n)
			}
		})
	}
}

type countingReader struct{ n int }

func (r *countingReader) Read(b []byte) (int, error) { r.n += len(b); return len(b), nil }

func TestParseCIDR(t *testing.T) {
	for _, tt := range []struct{ in, want, code string }{
		{"10.0.1.0/24", "10.0.1.0/24", ""},
		{"100.68.0.18/18", "100.68.0.0/18", ""},
		{"10.0.0.0/28", "10.0.0.0/28", ""},
		{"10.0.0.0/30", "", "InvalidSubnet.Range"},
		{"10.0.0.0/8", "", "InvalidSubnet.Range"},
		{"2001:db8::/64", "", "InvalidParameterValue"},
		{"ten", "", "InvalidParameterValue"},
	} {
		p, err := subnet.ParseCIDR(tt.in)
		var se *subnet.Error
		switch {
		case tt.code == "" && (err != nil || p.String() != tt.want):
			t.Errorf("ParseCIDR(%q) = %v, %v, want %s", tt.in, p, err, tt.want)
		case tt.code != "" && (!errors.As(err, &se) || se.Code != tt.code):
			t.Errorf("ParseCIDR(%q) = %v, want %s", tt.in, err, tt.code)
		}
	}
}

func TestAvailableIPAddressCount(t *testing.T) {
	for _, tt := range []struct {
		block string
		want  int
	}{{"10.0.0.0/16", 65531}, {"10.0.0.0/24", 251}, {"10.0.0.0/28", 11}} {
		s, err := subnet.Create(spec(tt.block), rand.NewChaCha8([32]byte{}))
		if err != nil {
			t.Fatal(err)
		}
		if got := s.AvailableIPAddressCount(); got != tt.want {
			t.Errorf("AvailableIPAddressCount(%s) = %d, want %d", tt.block, got, tt.want)
		}
	}
	if (subnet.Subnet{}).AvailableIPAddressCount() != 0 {
		t.Error("the zero Subnet has addresses")
	}
}

func TestResolveZone(t *testing.T) {
	a, _ := zone.Find("us-east-1", "us-east-1a")
	b, _ := zone.Find("us-east-1", "us-east-1b")
	for _, tt := range []struct {
		name, zname, zid string
		siblings         []zone.Zone
		want             string
		code             string
	}{
		{name: "by name", zname: "us-east-1b", want: "us-east-1b"},
		{name: "by ID", zid: "use1-az3", want: "us-east-1c"},
		{name: "both agree", zname: "us-east-1c", zid: "use1-az3", want: "us-east-1c"},
		{name: "both disagree", zname: "us-east-1a", zid: "use1-az3", code: "InvalidParameterCombination"},
		{name: "another Region", zname: "us-west-2a", code: "InvalidParameterValue"},
		{name: "an ID as a name", zname: "use1-az1", code: "InvalidParameterValue"},
		{name: "unknown ID", zid: "use1-az9", code: "InvalidParameterValue"},
		{name: "none: the emptiest", siblings: []zone.Zone{a, a, b}, want: "us-east-1c"},
		{name: "none: the first", want: "us-east-1a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			z, err := subnet.ResolveZone("us-east-1", tt.zname, tt.zid, tt.siblings)
			var se *subnet.Error
			switch {
			case tt.code == "" && (err != nil || z.Name != tt.want):
				t.Fatalf("ResolveZone = %+v, %v, want %s", z, err, tt.want)
			case tt.code != "" && (!errors.As(err, &se) || se.Code != tt.code || !errors.Is(err, subnet.ErrZone)):
				t.Fatalf("ResolveZone = %v, want %s", err, tt.code)
			}
		})
	}
}

func TestWithAttributes(t *testing.T) {
	s, _ := subnet.Create(spec("10.0.1.0/24"), rand.NewChaCha8([32]byte{}))
	if s.Attributes() != subnet.DefaultAttributes() {
		t.Fatalf("new subnet's attributes = %+v", s.Attributes())
	}
	a := s.Attributes()
	a.MapPublicIPOnLaunch, a.EnableResourceNameDNSARecord, a.HostnameType = true, true, subnet.HostnameResourceName
	next, err := s.WithAttributes(a)
	if err != nil || next.Attributes() != a || s.Attributes() != subnet.DefaultAttributes() {
		t.Fatalf("WithAttributes = %+v, %v (receiver %+v)", next.Attributes(), err, s.Attributes())
	}
	for _, bad := range []subnet.Attributes{
		{AssignIPv6AddressOnCreation: true, HostnameType: subnet.HostnameIPName},
		{EnableDNS64: true, HostnameType: subnet.HostnameIPName},
		{EnableResourceNameDNSAAAARecord: true, HostnameType: subnet.HostnameIPName},
		{MapCustomerOwnedIPOnLaunch: true, HostnameType: subnet.HostnameIPName},
		{HostnameType: "dns-name"},
	} {
		if _, err := s.WithAttributes(bad); !errors.Is(err, subnet.ErrAttribute) {
			t.Errorf("WithAttributes(%+v) = %v, want ErrAttribute", bad, err)
		}
	}
}

func TestEncodingRoundTrip(t *testing.T) {
	s, _ := subnet.Create(spec("10.0.1.0/24"), rand.NewChaCha8([32]byte{}))
	a := s.Attributes()
	a.MapPublicIPOnLaunch = true
	s, _ = s.WithAttributes(a)
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back subnet.Subnet
	if err := back.UnmarshalBinary(b); err != nil || !reflect.DeepEqual(back, s) {
		t.Fatalf("round trip = %+v, %v, want %+v", back, err, s)
	}
	for _, bad := range [][]byte{
		bytes.Replace(b, []byte(`"10.0.1.0/24"`), []byte(`"10.0.1.0/30"`), 1),
		bytes.Replace(b, []byte(`"us-east-1a"`), []byte(`"us-west-2a"`), 1),
		bytes.Replace(b, []byte(`"v":1`), []byte(`"v":2`), 1),
		bytes.Replace(b, []byte(`"ip-name"`), []byte(`"x"`), 1),
	} {
		if err := back.UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%s) = nil", bad)
		}
	}
}
