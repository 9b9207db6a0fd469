package vpc_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/vpc"
)

var mustPrefix = netip.MustParsePrefix

func newRandom() *rand.ChaCha8 { return rand.NewChaCha8([32]byte{7}) }

func mustCreate(t *testing.T, block string) vpc.VPC {
	t.Helper()
	v, err := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix(block)}, newRandom())
	if err != nil {
		t.Fatalf("Create(%s) = %v", block, err)
	}
	return v
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var coded interface{ ErrorCode() string }
	if !errors.As(err, &coded) || coded.ErrorCode() != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
}

func TestCreate(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	if !v.IsValid() || v.OwnerID() != "111122223333" || v.Region() != "us-east-1" || v.Tenancy() != vpc.TenancyDefault {
		t.Fatalf("Create = %+v", v)
	}
	if !v.DNSSupport() || v.DNSHostnames() {
		t.Fatalf("DNS support %v hostnames %v, want true false", v.DNSSupport(), v.DNSHostnames())
	}
	b := v.Blocks()
	if len(b) != 1 || b[0].CIDR != mustPrefix("10.0.0.0/16") || b[0].State != vpc.BlockAssociated || v.PrimaryCIDR() != b[0].CIDR {
		t.Fatalf("Blocks = %+v", b)
	}
	for _, tt := range []struct {
		name string
		spec vpc.Spec
		code string
	}{
		{"bad account", vpc.Spec{OwnerID: "1", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16")}, "InvalidParameterValue"},
		{"bad region", vpc.Spec{OwnerID: "111122223333", Region: "nowhere", CIDRBlock: mustPrefix("10.0.0.0/16")}, "InvalidParameterValue"},
		{"bad tenancy", vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16"), Tenancy: "host"}, "InvalidParameterValue"},
		{"too large", vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/15")}, "InvalidVpc.Range"},
		{"host bits", vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.1/16")}, "InvalidParameterValue"},
		{"zero block", vpc.Spec{OwnerID: "111122223333", Region: "us-east-1"}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vpc.Create(tt.spec, newRandom())
			wantCode(t, err, tt.code)
		})
	}
}

func TestAssociateBlockQuota(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	r := newRandom()
	for i := 1; i < vpc.MaxBlocks; i++ {
		next, b, err := v.AssociateBlock(netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i), 0, 0}), 16), nil, r)
		if err != nil {
			t.Fatalf("AssociateBlock #%d = %v", i, err)
		}
		if b.State != vpc.BlockAssociating {
			t.Fatalf("new block state %s, want associating", b.State)
		}
		v = next
	}
	_, _, err := v.AssociateBlock(mustPrefix("10.9.0.0/16"), nil, r)
	wantCode(t, err, "CidrLimitExceeded")
	if !errors.Is(err, vpc.ErrBlockLimit) {
		t.Fatalf("err = %v, want ErrBlockLimit", err)
	}
	var ve *vpc.Error
	if !errors.As(err, &ve) || ve.ErrorMessage() != "This network '"+v.ID()+"' has met its maximum number of allowed CIDRs: 5" {
		t.Fatalf("message = %q", ve.ErrorMessage())
	}
	// A disassociated block frees its place once it has left.
	v, _, err = v.DisassociateBlock(v.Blocks()[1].AssociationID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.AssociateBlock(mustPrefix("10.9.0.0/16"), nil, r); err != nil {
		t.Fatalf("after a disassociation: %v", err)
	}
}

func TestAssociateBlockRules(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	for _, tt := range []struct {
		name   string
		block  string
		routes []netip.Prefix
		code   string
	}{
		{"overlaps primary", "10.0.128.0/17", nil, "InvalidVpc.Range"},
		{"restricted range", "192.168.0.0/16", nil, "InvalidVpc.Range"},
		{"route more specific", "10.1.0.0/16", []netip.Prefix{mustPrefix("10.1.2.0/24")}, "InvalidVpc.Range"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			next, _, err := v.AssociateBlock(mustPrefix(tt.block), tt.routes, newRandom())
			if err == nil {
				t.Fatalf("AssociateBlock(%s) succeeded", tt.block)
			}
			var coded interface{ ErrorCode() string }
			if !errors.As(err, &coded) {
				t.Fatalf("err %v carries no code", err)
			}
			if len(next.Blocks()) != 1 {
				t.Fatalf("a refused association changed the VPC: %+v", next.Blocks())
			}
		})
	}
}

func TestDisassociateBlock(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	_, _, err := v.DisassociateBlock(v.Blocks()[0].AssociationID)
	wantCode(t, err, "OperationNotPermitted")
	if !errors.Is(err, vpc.ErrPrimary) {
		t.Fatalf("err = %v", err)
	}
	_, _, err = v.DisassociateBlock("vpc-cidr-assoc-0123456789abcdef0")
	wantCode(t, err, "InvalidVpcCidrBlockAssociationID.NotFound")

	v, b, err := v.AssociateBlock(mustPrefix("10.1.0.0/16"), nil, newRandom())
	if err != nil {
		t.Fatal(err)
	}
	v2, gone, err := v.DisassociateBlock(b.AssociationID)
	if err != nil || gone.State != vpc.BlockDisassociating {
		t.Fatalf("DisassociateBlock = %+v, %v", gone, err)
	}
	if _, _, err := v2.DisassociateBlock(b.AssociationID); err == nil {
		t.Fatal("a second disassociation succeeded")
	}
	if len(v.Blocks()) != 2 || v.Blocks()[1].State != vpc.BlockAssociating {
		t.Fatalf("the receiver changed: %+v", v.Blocks())
	}
	settled := v2.Settle()
	if len(settled.Blocks()) != 1 || !settled.IsSettled() {
		t.Fatalf("Settle = %+v", settled.Blocks())
	}
}

func TestAttributes(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	v2, err := v.WithAttribute(vpc.AttrDNSHostnames, true)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := v2.Attribute(vpc.AttrDNSHostnames); !got || !ok {
		t.Fatalf("Attribute = %v %v", got, ok)
	}
	if got, _ := v.Attribute(vpc.AttrDNSHostnames); got {
		t.Fatal("the receiver changed")
	}
	_, err = v.WithAttribute("enableMagic", true)
	wantCode(t, err, "InvalidParameterValue")
	if _, ok := v.Attribute("enableMagic"); ok {
		t.Fatal("unknown attribute answered")
	}
	if _, ok := (vpc.VPC{}).Attribute(vpc.AttrDNSSupport); ok {
		t.Fatal("zero VPC answered an attribute")
	}
}

func TestZeroValues(t *testing.T) {
	var v vpc.VPC
	if v.IsValid() || v.PrimaryCIDR().IsValid() || len(v.CIDRs()) != 0 || !v.IsSettled() {
		t.Fatal("zero VPC looks valid")
	}
	var e vpc.Error
	if e.Error() == "" || e.Unwrap() != nil || e.ErrorCode() != "" || e.ErrorMessage() != "" {
		t.Fatalf("zero Error: %q", e.Error())
	}
	for _, s := range (vpc.BlockState("")).Values() {
		if !s.IsValid() || s.String() == "" {
			t.Fatalf("state %q", s)
		}
	}
	if vpc.Tenancy("").IsValid() || vpc.BlockState("").IsValid() || vpc.Attribute("").IsValid() {
		t.Fatal("zero enums are valid")
	}
}

func TestErrorFormat(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	_, _, err := v.DisassociateBlock(v.Blocks()[0].AssociationID)
	want := "vpc: disassociate " + v.ID() + ": primary cidr block cannot be disassociated (input \"" + v.Blocks()[0].AssociationID + "\")"
	if err.Error() != want {
		t.Fatalf("Error() = %q, want %q", err.Error(), want)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	v, _, _ = v.AssociateBlock(mustPrefix("10.1.0.0/16"), nil, newRandom())
	v, _ = v.WithAttribute(vpc.AttrDNSHostnames, true)
	v, _ = v.WithAttribute(vpc.AttrUsageMetrics, true)
	data, err := v.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	// what MarshalBinary writes takes the fast path, and reads there as
	// encoding/json reads it
	if scanned, err := vpc.ScanRecord(data); !scanned || err != nil {
		t.Fatalf("the fast path read %s: %v, %v", data, scanned, err)
	}
	var got vpc.VPC
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if got.ID() != v.ID() || !slices.Equal(got.Blocks(), v.Blocks()) || got.DNSHostnames() != v.DNSHostnames() ||
		got.DNSSupport() != v.DNSSupport() || got.Tenancy() != v.Tenancy() || got.OwnerID() != v.OwnerID() || got.Region() != v.Region() {
		t.Fatalf("round trip = %+v, want %+v", got, v)
	}
	again, _ := got.MarshalBinary()
	if string(again) != string(data) {
		t.Fatalf("re-encoding differs:\n%s\n%s", again, data)
	}
	if _, err := (vpc.VPC{}).MarshalBinary(); err == nil {
		t.Fatal("the zero VPC encoded")
	}
	for _, bad := range []string{
		``, `{}`, `{"v":2}`,
		strings.Replace(string(data), `"v":1`, `"v":9`, 1),
		strings.Replace(string(data), v.ID(), "vpc-xyz", 1),
		strings.Replace(string(data), `"10.1.0.0/16"`, `"10.1.0.1/16"`, 1),
		strings.Replace(string(data), `"associating"`, `"sleeping"`, 1),
		strings.Replace(string(data), `"default"`, `"host"`, 1),
		string(data[:len(data)/2]),
	} {
		if _, err := vpc.ScanRecord([]byte(bad)); err != nil {
			t.Error(err)
		}
		before := got
		if err := got.UnmarshalBinary([]byte(bad)); err == nil {
			t.Errorf("UnmarshalBinary(%q) succeeded", bad)
		}
		if got.ID() != before.ID() {
			t.Errorf("a refused decode changed the VPC")
		}
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	v, _ := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16")}, newRandom())
	data, _ := v.MarshalBinary()
	f.Add(data)
	f.Add([]byte(`{"v":1}`))
	v6, _ := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16"), AmazonProvidedIPv6: true}, newRandom())
	data6, _ := v6.MarshalBinary()
	f.Add(data6)
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := vpc.ScanRecord(data); err != nil {
			t.Fatal(err)
		}
		var v vpc.VPC
		if err := v.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := v.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded VPC does not encode: %v", err)
		}
		var w vpc.VPC
		if err := w.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		third, _ := w.MarshalBinary()
		if string(third) != string(again) {
			t.Fatalf("encoding unstable:\n%s\n%s", again, third)
		}
	})
}

// TestMarshalIPv6FastPath encodes default and dual-stack VPCs whose IPv6
// blocks are in every listed state: what MarshalBinary writes takes the
// fast path, reads there as encoding/json reads it, and decodes back to
// the same bytes. Spellings MarshalBinary never writes are left to
// encoding/json.
func TestMarshalIPv6FastPath(t *testing.T) {
	v, err := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "eu-west-1", CIDRBlock: mustPrefix("172.31.0.0/16"),
		AmazonProvidedIPv6: true, Default: true}, newRandom())
	if err != nil {
		t.Fatal(err)
	}
	settled := v.Settle()
	first := settled.IPv6Blocks()[0].AssociationID
	two, _, err := settled.AssociateIPv6Block("", vpc.IPv6Source{}, newRandom())
	if err != nil {
		t.Fatal(err)
	}
	leaving, _, err := two.DisassociateIPv6Block(first)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []vpc.VPC{v, settled, two, leaving, leaving.Settle()} {
		data, err := v.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), `"ipv6":[`) || !strings.Contains(string(data), `"default":true`) {
			t.Fatalf("%s lacks the fields under test", data)
		}
		if scanned, err := vpc.ScanRecord(data); !scanned || err != nil {
			t.Fatalf("the fast path read %s: %v, %v", data, scanned, err)
		}
		var got vpc.VPC
		if err := got.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		if again, _ := got.MarshalBinary(); string(again) != string(data) {
			t.Fatalf("re-encoding differs:\n%s\n%s", again, data)
		}
		if !slices.Equal(got.IPv6Blocks(), v.IPv6Blocks()) || !got.IsDefault() {
			t.Fatalf("round trip = %+v, want %+v", got.IPv6Blocks(), v.IPv6Blocks())
		}
		for _, odd := range []string{
			strings.Replace(string(data), `"ipv6":[`, `"ipv6":[],"x":[`, 1),
			strings.Replace(string(data), `,"default":true`, `,"default":false`, 1),
			strings.Replace(string(data), `,"nbg":"eu-west-1"`, `,"nbg":"us-east-1"`, 1),
			strings.Replace(string(data), `,"pool":"Amazon"`, `,"pool":"BYOIP"`, 1),
			strings.Replace(string(data), `"tenancy"`, `"ipv6":[],"tenancy"`, 1),
			strings.Replace(string(data), `"tenancy"`, `"ipv6":null,"tenancy"`, 1),
			strings.Replace(string(data), `::/56"`, `::1/56"`, 1),
		} {
			if odd == string(data) {
				t.Fatalf("an edit of %s changed nothing", data)
			}
			if _, err := vpc.ScanRecord([]byte(odd)); err != nil {
				t.Error(err)
			}
		}
	}
}
