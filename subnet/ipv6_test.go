package subnet_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"testing"

	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/vpc"
)

// vpc6 is the VPC's IPv6 block in these tests.
var vpc6 = mustPrefix("2600:1f18:7cb4:2e00::/56")

func spec6(block, ipv6 string, siblings6 ...string) subnet.Spec {
	s := spec("10.0.0.0/24")
	s.CIDRBlock = netip.Prefix{}
	if block != "" {
		s.CIDRBlock = mustPrefix(block)
	}
	if ipv6 != "" {
		s.IPv6CIDRBlock = mustPrefix(ipv6)
	}
	s.VPCIPv6Blocks = []netip.Prefix{vpc6}
	for _, b := range siblings6 {
		s.IPv6Siblings = append(s.IPv6Siblings, mustPrefix(b))
	}
	return s
}

func TestCheckIPv6(t *testing.T) {
	native := func(s subnet.Spec) subnet.Spec { s.IPv6Native = true; return s }
	noIPv6VPC := spec6("10.0.1.0/24", "2600:1f18:7cb4:2e01::/64")
	noIPv6VPC.VPCIPv6Blocks = nil
	for _, tt := range []struct {
		name      string
		spec      subnet.Spec
		code, msg string
		cause     error
	}{
		{name: "dual-stack", spec: spec6("10.0.1.0/24", "2600:1f18:7cb4:2e01::/64")},
		{name: "the VPC's first /64", spec: spec6("10.0.1.0/24", "2600:1f18:7cb4:2e00::/64")},
		{name: "beside an IPv6 sibling", spec: spec6("10.0.1.0/24", "2600:1f18:7cb4:2e01::/64", "2600:1f18:7cb4:2e02::/64")},
		{name: "IPv6-only", spec: native(spec6("", "2600:1f18:7cb4:2eff::/64"))},
		{name: "IPv6-only with an IPv4 block", spec: native(spec6("10.0.1.0/24", "2600:1f18:7cb4:2eff::/64")),
			code: "InvalidParameterCombination", cause: subnet.ErrInvalid},
		{name: "IPv6-only without an IPv6 block", spec: native(spec6("", "")), code: "MissingParameter", cause: subnet.ErrInvalid},
		{name: "a /60", spec: spec6("10.0.1.0/24", "2600:1f18:7cb4:2e10::/60"), code: "InvalidParameterValue",
			msg: "invalid value for parameter ipv6-cidr-block: 2600:1f18:7cb4:2e10::/60", cause: subnet.ErrInvalid},
		{name: "host bits", spec: spec6("10.0.1.0/24", "2600:1f18:7cb4:2e01::1/64"), code: "InvalidParameterValue", cause: subnet.ErrInvalid},
		{name: "outside the VPC's block", spec: spec6("10.0.1.0/24", "2600:1f18:7cb4:2f01::/64"), code: "InvalidSubnet.Range",
			msg: "The IPv6 CIDR '2600:1f18:7cb4:2f01::/64' is invalid.", cause: subnet.ErrRange},
		{name: "a VPC without IPv6", spec: noIPv6VPC, code: "InvalidSubnet.Range", cause: subnet.ErrRange},
		{name: "equal to an IPv6 sibling", spec: spec6("10.0.1.0/24", "2600:1f18:7cb4:2e01::/64", "2600:1f18:7cb4:2e01::/64"),
			code: "InvalidSubnet.Conflict", msg: "The IPv6 CIDR '2600:1f18:7cb4:2e01::/64' conflicts with another subnet", cause: subnet.ErrConflict},
		{name: "IPv4 checked first", spec: spec6("10.10.1.0/24", "2600:1f18:7cb4:2f01::/64"), code: "InvalidSubnet.Range",
			msg: "The CIDR '10.10.1.0/24' is invalid.", cause: subnet.ErrRange},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.spec.Check()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				s, err := subnet.Create(tt.spec, rand.NewChaCha8([32]byte{}))
				got, ok := s.IPv6CIDR()
				if err != nil || !ok || got != tt.spec.IPv6CIDRBlock || s.IsIPv6Native() != tt.spec.IPv6Native || s.IsSettled() {
					t.Fatalf("Create() = %+v, %v", s, err)
				}
				if bs := s.IPv6Blocks(); len(bs) != 1 || bs[0].State != vpc.BlockAssociating {
					t.Fatalf("IPv6Blocks = %+v", bs)
				}
				return
			}
			var se *subnet.Error
			if !errors.As(err, &se) || se.ErrorCode() != tt.code || !errors.Is(err, tt.cause) || tt.msg != "" && se.ErrorMessage() != tt.msg {
				t.Fatalf("Check() = %v (%q), want %s %q wrapping %v", err, se.ErrorMessage(), tt.code, tt.msg, tt.cause)
			}
			var r countingReader
			if _, err := subnet.Create(tt.spec, &r); err == nil || r.n != 0 {
				t.Fatalf("Create() = %v after reading %d bytes", err, r.n)
			}
		})
	}
}

func TestIPv6Native(t *testing.T) {
	s := spec6("", "2600:1f18:7cb4:2eff::/64")
	s.IPv6Native = true
	sn, err := subnet.Create(s, rand.NewChaCha8([32]byte{}))
	if err != nil {
		t.Fatal(err)
	}
	if sn.CIDR().IsValid() || sn.AvailableIPAddressCount() != 0 || sn.Attributes().HostnameType != subnet.HostnameResourceName {
		t.Fatalf("IPv6-only subnet: cidr %v, count %d, attributes %+v", sn.CIDR(), sn.AvailableIPAddressCount(), sn.Attributes())
	}
	a := sn.Attributes()
	a.HostnameType = subnet.HostnameIPName
	_, err = sn.WithAttributes(a)
	wantErr(t, err, "InvalidParameterValue", subnet.ErrAttribute)
	_, _, err = sn.DisassociateIPv6(sn.IPv6Blocks()[0].AssociationID)
	wantErr(t, err, "OperationNotPermitted", subnet.ErrIPv6Block)
	a = sn.Attributes()
	a.AssignIPv6AddressOnCreation, a.EnableDNS64, a.EnableResourceNameDNSAAAARecord = true, true, true
	if _, err := sn.WithAttributes(a); err != nil {
		t.Fatalf("IPv6 attributes on an IPv6-only subnet: %v", err)
	}
}

func wantErr(t *testing.T, err error, code string, cause error) {
	t.Helper()
	var se *subnet.Error
	if !errors.As(err, &se) || se.Code != code || !errors.Is(err, cause) {
		t.Fatalf("err = %v, want %s wrapping %v", err, code, cause)
	}
}

func TestParseIPv6CIDR(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"2600:1f18:7cb4:2e01::/64", true},
		{"2600:1f16:c6:ff10::/60", false},
		{"2600:1f18:7cb4:2e01::/128", false},
		{"2600:1f18:7cb4:2e01::1/64", false},
		{"10.0.0.0/24", false},
		{"::ffff:10.0.0.0/64", false},
		{"x", false},
	} {
		p, err := subnet.ParseIPv6CIDR(tt.in)
		if tt.ok != (err == nil) || tt.ok && p.String() != tt.in {
			t.Errorf("ParseIPv6CIDR(%q) = %v, %v", tt.in, p, err)
		}
		if !tt.ok {
			var se *subnet.Error
			if !errors.As(err, &se) || se.ErrorMessage() != "invalid value for parameter ipv6-cidr-block: "+tt.in {
				t.Errorf("ParseIPv6CIDR(%q) message %v", tt.in, err)
			}
		}
	}
}

// TestIPv6Lifecycle associates, settles, guards and disassociates a dual-
// stack subnet's block, the order Terraform follows: assignment off before
// the block goes.
func TestIPv6Lifecycle(t *testing.T) {
	r := rand.NewChaCha8([32]byte{5})
	s, err := subnet.Create(spec6("10.0.1.0/24", ""), r)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.IPv6CIDR(); ok || !s.IsSettled() {
		t.Fatal("an IPv4 subnet has an IPv6 block")
	}
	a := s.Attributes()
	a.EnableDNS64 = true
	_, err = s.WithAttributes(a)
	wantErr(t, err, "InvalidParameterValue", subnet.ErrAttribute)

	p := mustPrefix("2600:1f18:7cb4:2e05::/64")
	_, _, err = s.AssociateIPv6(mustPrefix("2600:1f18:7cb4:2e05::/64"), []netip.Prefix{vpc6}, []netip.Prefix{p}, r)
	wantErr(t, err, "InvalidSubnet.Conflict", subnet.ErrConflict)
	_, _, err = s.AssociateIPv6(mustPrefix("2600:1f18:7cb4:2f05::/64"), []netip.Prefix{vpc6}, nil, r)
	wantErr(t, err, "InvalidSubnet.Range", subnet.ErrRange)
	s1, b, err := s.AssociateIPv6(p, []netip.Prefix{vpc6}, nil, r)
	if err != nil || b.CIDR != p || b.State != vpc.BlockAssociating || s1.IsSettled() {
		t.Fatalf("AssociateIPv6 = %+v, %v", b, err)
	}
	if _, ok := s.IPv6CIDR(); ok {
		t.Fatal("the receiver changed")
	}
	_, _, err = s1.AssociateIPv6(mustPrefix("2600:1f18:7cb4:2e06::/64"), []netip.Prefix{vpc6}, nil, r)
	wantErr(t, err, "InvalidParameterValue", subnet.ErrIPv6Block)

	s1 = s1.Settle()
	if bs := s1.IPv6Blocks(); bs[0].State != vpc.BlockAssociated || !s1.IsSettled() {
		t.Fatalf("settled = %+v", bs)
	}
	a = s1.Attributes()
	a.AssignIPv6AddressOnCreation, a.EnableDNS64, a.EnableResourceNameDNSAAAARecord = true, true, true
	s2, err := s1.WithAttributes(a)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s2.DisassociateIPv6(b.AssociationID)
	wantErr(t, err, "InvalidCidrBlock.InUse", subnet.ErrIPv6Block)
	var se *subnet.Error
	errors.As(err, &se)
	if want := "The subnet IPv6 CIDR block with association ID " + b.AssociationID + " may not be disassociated, because its subnet has assign-ipv6-address-on-creation set to true."; se.ErrorMessage() != want {
		t.Fatalf("message %q", se.ErrorMessage())
	}
	a.AssignIPv6AddressOnCreation = false
	s2, _ = s2.WithAttributes(a)
	s3, gone, err := s2.DisassociateIPv6(b.AssociationID)
	if err != nil || gone.State != vpc.BlockDisassociating {
		t.Fatalf("DisassociateIPv6 = %+v, %v", gone, err)
	}
	_, _, err = s3.DisassociateIPv6(b.AssociationID)
	wantErr(t, err, "IncorrectState", subnet.ErrIPv6Block)
	_, _, err = s3.DisassociateIPv6("subnet-cidr-assoc-0123456789abcdef0")
	wantErr(t, err, "InvalidSubnetCidrBlockAssociationID.NotFound", subnet.ErrIPv6Block)
	// A new block may come while the old one is still going.
	s4, _, err := s3.AssociateIPv6(mustPrefix("2600:1f18:7cb4:2e06::/64"), []netip.Prefix{vpc6}, nil, r)
	if err != nil {
		t.Fatal(err)
	}
	s4 = s4.Settle()
	bs := s4.IPv6Blocks()
	if len(bs) != 2 || bs[0].State != vpc.BlockDisassociated || bs[1].State != vpc.BlockAssociated {
		t.Fatalf("after the swap: %+v", bs)
	}
	// DNS64 and AAAA records stay on: they were checked when turned on.
	if at := s4.Attributes(); !at.EnableDNS64 || !at.EnableResourceNameDNSAAAARecord {
		t.Fatalf("attributes %+v", at)
	}
	// Only the newest disassociated associations stay listed.
	for i := range 2 * vpc.MaxDisassociated {
		cur, _ := s4.IPv6CIDR()
		cur6 := s4.IPv6Blocks()[len(s4.IPv6Blocks())-1]
		next := netip.PrefixFrom(netip.AddrFrom16([16]byte{0x26, 0, 0x1f, 0x18, 0x7c, 0xb4, 0x2e, byte(0x10 + i)}), 64)
		if next == cur {
			t.Fatal("test block reused")
		}
		s4, _, _ = s4.DisassociateIPv6(cur6.AssociationID)
		if s4, _, err = s4.AssociateIPv6(next, []netip.Prefix{vpc6}, nil, r); err != nil {
			t.Fatal(err)
		}
		s4 = s4.Settle()
	}
	n := 0
	for _, b := range s4.IPv6Blocks() {
		if b.State == vpc.BlockDisassociated {
			n++
		}
	}
	if n != vpc.MaxDisassociated || len(s4.IPv6Blocks()) != vpc.MaxDisassociated+1 {
		t.Fatalf("%d disassociated of %d listed", n, len(s4.IPv6Blocks()))
	}
	// The whole history round-trips.
	data, err := s4.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back subnet.Subnet
	if err := back.UnmarshalBinary(data); err != nil || !reflect.DeepEqual(back, s4) {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
}

func TestIPv6Encoding(t *testing.T) {
	s := spec6("", "2600:1f18:7cb4:2eff::/64")
	s.IPv6Native = true
	sn, _ := subnet.Create(s, rand.NewChaCha8([32]byte{}))
	a := sn.Attributes()
	a.EnableDNS64 = true
	sn, _ = sn.WithAttributes(a)
	data, err := sn.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back subnet.Subnet
	if err := back.UnmarshalBinary(data); err != nil || !reflect.DeepEqual(back, sn) {
		t.Fatalf("round trip = %+v, %v, want %+v", back, err, sn)
	}
	for _, bad := range [][]byte{
		bytes.Replace(data, []byte(`"resource-name"`), []byte(`"ip-name"`), 1),
		bytes.Replace(data, []byte(`"native":true`), []byte(`"native":false`), 1),
		bytes.Replace(data, []byte(`::/64`), []byte(`::/60`), 1),
		bytes.Replace(data, []byte(`"associating"`), []byte(`"failed"`), 1),
		bytes.Replace(data, []byte(`"subnet-cidr-assoc-`), []byte(`"vpc-cidr-assoc-`), 1),
		bytes.Replace(data, []byte(`"cidr":""`), []byte(`"cidr":"10.0.0.0/24"`), 1),
	} {
		if bytes.Equal(bad, data) {
			t.Fatalf("edit did not apply to %s", data)
		}
		if err := back.UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%s) = nil", bad)
		}
	}
}
