package vpc_test

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/vpc"
)

func mustCreate6(t *testing.T) (vpc.VPC, netip.Prefix) {
	t.Helper()
	p, err := vpc.AllocateIPv6(nil, newRandom())
	if err != nil {
		t.Fatal(err)
	}
	v, err := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16"), IPv6CIDRBlock: p}, newRandom())
	if err != nil {
		t.Fatalf("Create with %s = %v", p, err)
	}
	return v, p
}

func TestCreateWithIPv6(t *testing.T) {
	v, p := mustCreate6(t)
	bs := v.IPv6Blocks()
	if len(bs) != 1 || bs[0].CIDR != p || bs[0].State != vpc.BlockAssociating || bs[0].NetworkBorderGroup != "us-east-1" ||
		bs[0].Pool != vpc.AmazonPool || bs[0].AssociationID == v.Blocks()[0].AssociationID {
		t.Fatalf("IPv6Blocks = %+v", bs)
	}
	if v.IsSettled() {
		t.Fatal("a VPC with an associating IPv6 block is settled")
	}
	if !slices.Equal(v.IPv6CIDRs(), []netip.Prefix{p}) {
		t.Fatalf("IPv6CIDRs = %v", v.IPv6CIDRs())
	}
	if s := v.Settle(); s.IPv6Blocks()[0].State != vpc.BlockAssociated || !s.IsSettled() {
		t.Fatalf("settled = %+v", s.IPv6Blocks())
	}
	if got, ok := v.IPv6Block(bs[0].AssociationID); !ok || got != bs[0] {
		t.Fatalf("IPv6Block = %+v %v", got, ok)
	}
	if _, ok := v.Block(bs[0].AssociationID); ok {
		t.Fatal("an IPv6 association answered as an IPv4 one")
	}

	spec := func(p netip.Prefix, group string) vpc.Spec {
		return vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16"), IPv6CIDRBlock: p, IPv6BorderGroup: group}
	}
	for _, tt := range []struct {
		name string
		spec vpc.Spec
		code string
		err  error
	}{
		{"another Region's border group", spec(p, "us-west-2"), "InvalidParameterValue", vpc.ErrBorderGroup},
		{"a border group without a block", spec(netip.Prefix{}, "us-east-1"), "InvalidParameterCombination", vpc.ErrBorderGroup},
		{"a /48", spec(mustPrefix("2600:1f00::/48"), ""), "InvalidParameterValue", vpc.ErrInvalid},
		{"outside the pool", spec(mustPrefix("2001:db8::/56"), ""), "InvalidParameterValue", vpc.ErrInvalid},
		{"host bits", spec(mustPrefix("2600:1f00::1/56"), ""), "InvalidParameterValue", vpc.ErrInvalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vpc.Create(tt.spec, newRandom())
			wantCode(t, err, tt.code)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
		})
	}
	// The Region is the border group to name.
	if _, err := vpc.Create(spec(p, "us-east-1"), newRandom()); err != nil {
		t.Fatalf("the Region as border group: %v", err)
	}
}

func TestAssociateIPv6Quota(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	r := newRandom()
	var taken []netip.Prefix
	for i := range vpc.MaxIPv6Blocks {
		p, err := vpc.AllocateIPv6(taken, r)
		if err != nil {
			t.Fatal(err)
		}
		taken = append(taken, p)
		next, b, err := v.AssociateIPv6Block(p, "", r)
		if err != nil || b.State != vpc.BlockAssociating || b.CIDR != p {
			t.Fatalf("AssociateIPv6Block #%d = %+v, %v", i, b, err)
		}
		v = next
	}
	p, _ := vpc.AllocateIPv6(taken, r)
	_, _, err := v.AssociateIPv6Block(p, "", r)
	wantCode(t, err, "CidrLimitExceeded")
	if !errors.Is(err, vpc.ErrBlockLimit) {
		t.Fatalf("err = %v", err)
	}
	if err := v.CheckIPv6Block(""); err == nil {
		t.Fatal("CheckIPv6Block passed a full VPC")
	}
	// The IPv4 quota is apart: an IPv4 block is still welcome.
	if _, _, err := v.AssociateBlock(mustPrefix("10.1.0.0/16"), nil, r); err != nil {
		t.Fatalf("an IPv4 block beside five IPv6 ones: %v", err)
	}
	// The same block twice is refused.
	v2, _, err := v.DisassociateIPv6Block(v.IPv6Blocks()[0].AssociationID)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = v2.AssociateIPv6Block(taken[1], "", r)
	wantCode(t, err, "InvalidParameterValue")
	// A disassociating block frees its place at once.
	if _, _, err := v2.AssociateIPv6Block(p, "", r); err != nil {
		t.Fatalf("after a disassociation: %v", err)
	}
}

func TestDisassociateIPv6(t *testing.T) {
	v, p := mustCreate6(t)
	id := v.IPv6Blocks()[0].AssociationID
	_, _, err := v.DisassociateIPv6Block("vpc-cidr-assoc-0123456789abcdef0")
	wantCode(t, err, "InvalidVpcCidrBlockAssociationID.NotFound")
	// The primary IPv4 block is no IPv6 association.
	_, _, err = v.DisassociateIPv6Block(v.Blocks()[0].AssociationID)
	wantCode(t, err, "InvalidVpcCidrBlockAssociationID.NotFound")

	// An associating block may go at once; the last IPv6 block too.
	v2, b, err := v.DisassociateIPv6Block(id)
	if err != nil || b.State != vpc.BlockDisassociating || b.CIDR != p {
		t.Fatalf("DisassociateIPv6Block = %+v, %v", b, err)
	}
	if len(v2.IPv6CIDRs()) != 0 || v.IPv6Blocks()[0].State != vpc.BlockAssociating {
		t.Fatalf("after: %v; the receiver: %+v", v2.IPv6CIDRs(), v.IPv6Blocks())
	}
	_, _, err = v2.DisassociateIPv6Block(id)
	wantCode(t, err, "IncorrectState")
	s := v2.Settle()
	if bs := s.IPv6Blocks(); len(bs) != 1 || bs[0].State != vpc.BlockDisassociated || !s.IsSettled() {
		t.Fatalf("settled = %+v", bs)
	}
	_, _, err = s.DisassociateIPv6Block(id)
	wantCode(t, err, "IncorrectState")
}

func TestDisassociatedIPv6Listed(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	r := newRandom()
	var taken, order []netip.Prefix
	for range vpc.MaxDisassociated + 3 {
		p, err := vpc.AllocateIPv6(taken, r)
		if err != nil {
			t.Fatal(err)
		}
		taken = append(taken, p)
		order = append(order, p)
		v, _, err = v.AssociateIPv6Block(p, "", r)
		if err != nil {
			t.Fatal(err)
		}
		v = v.Settle()
		v, _, err = v.DisassociateIPv6Block(v.IPv6Blocks()[len(v.IPv6Blocks())-1].AssociationID)
		if err != nil {
			t.Fatal(err)
		}
		v = v.Settle()
	}
	var listed []netip.Prefix
	for _, b := range v.IPv6Blocks() {
		if b.State != vpc.BlockDisassociated {
			t.Fatalf("block %+v", b)
		}
		listed = append(listed, b.CIDR)
	}
	if want := order[len(order)-vpc.MaxDisassociated:]; !slices.Equal(listed, want) {
		t.Fatalf("listed %v, want the newest %v", listed, want)
	}
}

func TestIPv6MarshalRoundTrip(t *testing.T) {
	v, _ := mustCreate6(t)
	r := newRandom()
	p, _ := vpc.AllocateIPv6(v.IPv6CIDRs(), r)
	v, _, _ = v.AssociateIPv6Block(p, "us-east-1", r)
	v = v.Settle()
	v, _, _ = v.DisassociateIPv6Block(v.IPv6Blocks()[0].AssociationID)
	data, err := v.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got vpc.VPC
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.IPv6Blocks(), v.IPv6Blocks()) || !slices.Equal(got.Blocks(), v.Blocks()) || got.IsSettled() {
		t.Fatalf("round trip = %+v, want %+v", got.IPv6Blocks(), v.IPv6Blocks())
	}
	if again, _ := got.MarshalBinary(); string(again) != string(data) {
		t.Fatalf("re-encoding differs:\n%s\n%s", again, data)
	}
	b0 := v.IPv6Blocks()[0]
	for _, bad := range []string{
		strings.Replace(string(data), b0.CIDR.String(), "2001:db8::/56", 1),
		strings.Replace(string(data), b0.CIDR.String(), strings.TrimSuffix(b0.CIDR.String(), "/56")+"/60", 1),
		strings.Replace(string(data), `"nbg":"us-east-1"`, `"nbg":"us-west-2"`, 1),
		strings.Replace(string(data), `"pool":"Amazon"`, `"pool":"ipv6pool-ec2-0123"`, 1),
		strings.Replace(string(data), `"disassociating"`, `"failed"`, 1),
		strings.Replace(string(data), b0.AssociationID, v.Blocks()[0].AssociationID, 1),
		strings.Replace(string(data), b0.CIDR.String(), p.String(), 1),
	} {
		var w vpc.VPC
		if err := w.UnmarshalBinary([]byte(bad)); err == nil {
			t.Errorf("UnmarshalBinary(%s) succeeded", bad)
		}
	}
}
