package ec2_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		kind ec2.Kind
		in   string
		ok   bool
	}{
		{ec2.VPC, "vpc-0a1b2c3d", true},            // 8 hex: legacy
		{ec2.VPC, "vpc-0a1b2c3d4e5f60718", true},   // 17 hex
		{ec2.VPC, "vpc-0a1b2c3d4", false},          // 9 hex
		{ec2.VPC, "vpc-0a1b2c3", false},            // 7 hex
		{ec2.VPC, "vpc-0a1b2c3d4e5f6071", false},   // 16 hex
		{ec2.VPC, "vpc-0a1b2c3d4e5f607181", false}, // 18 hex
		{ec2.VPC, "vpc-0A1B2C3D", false},           // upper-case hex
		{ec2.VPC, "vpc-0a1b2c3g", false},           // not hex
		{ec2.VPC, "pcx-0a1b2c3d", false},           // wrong prefix
		{ec2.VPC, "vpc0a1b2c3d", false},            // no hyphen
		{ec2.VPC, "", false},                       // empty
		{ec2.VPC, " vpc-0a1b2c3d", false},          // space
		{ec2.PeeringConnection, "pcx-1234abcd", true},
		{ec2.RouteTableAssoc, "rtbassoc-1234abcd", true},
		{ec2.Instance, "i-1234567890abcdef0", true},
		{ec2.Subnet, "subnet-1234abcd", true},
		{ec2.VPCCIDRAssociation, "vpc-cidr-assoc-1234abcd", true},
	}
	for _, tt := range tests {
		t.Run(tt.kind.Prefix+"/"+tt.in, func(t *testing.T) {
			err := tt.kind.ParseID(tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("ParseID(%q) = %v, want ok=%v", tt.in, err, tt.ok)
			}
			if tt.kind.IsID(tt.in) != tt.ok {
				t.Errorf("IsID(%q) = %v, want %v", tt.in, !tt.ok, tt.ok)
			}
			if err != nil {
				var e *ec2.Error
				if !errors.As(err, &e) || e.ErrorCode() != tt.kind.Malformed || !errors.Is(err, ec2.ErrMalformedID) {
					t.Errorf("ParseID(%q) = %#v, want code %s wrapping ErrMalformedID", tt.in, err, tt.kind.Malformed)
				}
			}
		})
	}
}

func TestMalformedCodes(t *testing.T) {
	// AWS's casing is inconsistent; these are the spellings EC2 returns.
	for kind, want := range map[*ec2.Kind][2]string{
		&ec2.VPC:               {"InvalidVpcID.Malformed", "InvalidVpcID.NotFound"},
		&ec2.PeeringConnection: {"InvalidVpcPeeringConnectionId.Malformed", "InvalidVpcPeeringConnectionID.NotFound"},
		&ec2.RouteTable:        {"InvalidRouteTableId.Malformed", "InvalidRouteTableID.NotFound"},
		&ec2.CustomerGateway:   {"InvalidCustomerGatewayId.Malformed", "InvalidCustomerGatewayID.NotFound"},
		&ec2.NATGateway:        {"NatGatewayMalformed", "InvalidNatGatewayID.NotFound"},
		&ec2.EgressOnlyGateway: {"InvalidEgressOnlyInternetGatewayId.Malformed", "InvalidEgressOnlyInternetGatewayId.NotFound"},
	} {
		if got := [2]string{kind.Malformed, kind.NotFound}; got != want {
			t.Errorf("%s codes = %q, want %q", kind.Prefix, got, want)
		}
	}
}

func TestNotFoundError(t *testing.T) {
	cause := errors.New("cause")
	err := ec2.VPC.NotFoundError("vpc-12345678", cause)
	if err.ErrorCode() != "InvalidVpcID.NotFound" || err.ErrorMessage() != "The vpc ID 'vpc-12345678' does not exist" || !errors.Is(err, cause) {
		t.Errorf("NotFoundError = %q %q", err.ErrorCode(), err.ErrorMessage())
	}
	if got, want := err.Error(), "InvalidVpcID.NotFound: The vpc ID 'vpc-12345678' does not exist"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestNewID(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.Uint64().Draw(t, "seed")
		kind := rapid.SampledFrom([]ec2.Kind{ec2.VPC, ec2.PeeringConnection, ec2.VPNConnection, ec2.Instance}).Draw(t, "kind")
		a, err := kind.NewID(rand.NewChaCha8(seedBytes(seed)))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := kind.NewID(rand.NewChaCha8(seedBytes(seed)))
		if a != b {
			t.Fatalf("NewID is not a function of the reader: %q vs %q", a, b)
		}
		if !kind.IsID(a) || len(a) != len(kind.Prefix)+1+17 {
			t.Fatalf("NewID = %q, not a 17-hex %s ID", a, kind.Prefix)
		}
	})
}

func TestNewIDShortReader(t *testing.T) {
	if _, err := ec2.VPC.NewID(bytes.NewReader([]byte{1, 2, 3})); err == nil {
		t.Fatal("NewID with a short reader succeeded")
	}
}

func seedBytes(s uint64) [32]byte {
	var b [32]byte
	for i := range 8 {
		b[i] = byte(s >> (8 * i))
	}
	return b
}

func TestAccount(t *testing.T) {
	for in, ok := range map[string]bool{
		"123456789012": true, "000000000000": true,
		"12345678901": false, "1234567890123": false, "12345678901a": false, "": false, "１23456789012": false,
	} {
		if ec2.IsAccount(in) != ok || (ec2.ParseAccount(in) == nil) != ok {
			t.Errorf("account %q: want ok=%v", in, ok)
		}
	}
	err := ec2.ParseAccount("x")
	if !errors.Is(err, ec2.ErrMalformedAccount) {
		t.Errorf("ParseAccount(x) = %v", err)
	}
}

func TestRegion(t *testing.T) {
	for in, ok := range map[string]bool{
		"us-east-1": true, "eu-central-2": true, "us-gov-west-1": true, "cn-northwest-1": true,
		"ap-southeast-10": true, "il-central-1": true,
		"us-east": false, "us-east-": false, "-us-east-1": false, "US-EAST-1": false, "us-east-1a": false,
		"us--east-1": false, "us-1-east": false, "east-1": false, "": false, "us-east-100": false,
		strings.Repeat("a-", 20) + "1": false,
	} {
		if ec2.IsRegion(in) != ok || (ec2.ParseRegion(in) == nil) != ok {
			t.Errorf("region %q: want ok=%v", in, ok)
		}
	}
}
