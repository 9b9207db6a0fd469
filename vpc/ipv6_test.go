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
	v, err := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16"), AmazonProvidedIPv6: true}, newRandom())
	if err != nil {
		t.Fatalf("Create with an IPv6 block = %v", err)
	}
	return v, v.IPv6Blocks()[0].CIDR
}

func TestCreateWithIPv6(t *testing.T) {
	v, p := mustCreate6(t)
	bs := v.IPv6Blocks()
	if len(bs) != 1 || bs[0].CIDR != p || p.Bits() != 56 || !vpc.AmazonIPv6Pool().Contains(p.Addr()) || bs[0].State != vpc.BlockAssociating || bs[0].NetworkBorderGroup != "us-east-1" ||
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

	spec := func(ipv6 bool, group string) vpc.Spec {
		return vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: mustPrefix("10.0.0.0/16"), AmazonProvidedIPv6: ipv6, IPv6BorderGroup: group}
	}
	for _, tt := range []struct {
		name string
		spec vpc.Spec
		code string
		err  error
	}{
		{"another Region's border group", spec(true, "us-west-2"), "InvalidParameterValue", vpc.ErrBorderGroup},
		{"a border group without a block", spec(false, "us-east-1"), "InvalidParameterCombination", vpc.ErrBorderGroup},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var r countingReader
			_, err := vpc.Create(tt.spec, &r)
			wantCode(t, err, tt.code)
			if !errors.Is(err, tt.err) || r.n != 0 {
				t.Fatalf("err = %v, want %v, after reading %d bytes", err, tt.err, r.n)
			}
		})
	}
	// The Region is the border group to name.
	if _, err := vpc.Create(spec(true, "us-east-1"), newRandom()); err != nil {
		t.Fatalf("the Region as border group: %v", err)
	}
	// The pool is full: no VPC is made.
	full := spec(true, "")
	full.IPv6Source.Taken = []netip.Prefix{vpc.AmazonIPv6Pool()}
	_, err := vpc.Create(full, newRandom())
	wantCode(t, err, "InsufficientCidrBlocks")
}

type countingReader struct{ n int }

func (r *countingReader) Read(b []byte) (int, error) { r.n += len(b); return len(b), nil }

func TestAssociateIPv6Quota(t *testing.T) {
	v := mustCreate(t, "10.0.0.0/16")
	r := newRandom()
	// The partition gave out the lower half of the pool already.
	lower := netip.MustParsePrefix("2600:1f00::/25")
	for i := range vpc.MaxIPv6Blocks {
		next, b, err := v.AssociateIPv6Block("", vpc.IPv6Source{Taken: []netip.Prefix{lower}}, r)
		if err != nil || b.State != vpc.BlockAssociating || b.CIDR.Overlaps(lower) || slices.Contains(v.IPv6CIDRs(), b.CIDR) {
			t.Fatalf("AssociateIPv6Block #%d = %+v, %v", i, b, err)
		}
		v = next
	}
	_, _, err := v.AssociateIPv6Block("", vpc.IPv6Source{}, r)
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
	// A disassociating block frees its place at once; the new block is
	// none the VPC lists, even one no longer associated.
	v2, gone, err := v.DisassociateIPv6Block(v.IPv6Blocks()[0].AssociationID)
	if err != nil {
		t.Fatal(err)
	}
	// Everything but the gone block and one other is taken.
	free := netip.MustParsePrefix("2600:1f00:ffff:ff00::/56")
	avoid := complementOf(t, []netip.Prefix{gone.CIDR, free})
	_, b, err := v2.AssociateIPv6Block("", vpc.IPv6Source{Taken: avoid}, r)
	if err != nil || b.CIDR != free {
		t.Fatalf("after a disassociation: %+v, %v (want %s)", b, err, free)
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
	var order []netip.Prefix
	for range vpc.MaxDisassociated + 3 {
		var b vpc.IPv6Block
		var err error
		v, b, err = v.AssociateIPv6Block("", vpc.IPv6Source{}, r)
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, b.CIDR)
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
	v, b1, _ := v.AssociateIPv6Block("us-east-1", vpc.IPv6Source{}, r)
	p := b1.CIDR
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
		strings.Replace(string(data), b0.CIDR.String(), "10.9.0.0/16", 1),
		strings.Replace(string(data), b0.CIDR.String(), "::ffff:10.9.0.0/120", 1),
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

// complementOf returns prefixes that cover the Amazon pool except keep (a
// few /56s).
func complementOf(t *testing.T, keep []netip.Prefix) []netip.Prefix {
	t.Helper()
	var out []netip.Prefix
	var walk func(p netip.Prefix)
	walk = func(p netip.Prefix) {
		if !slices.ContainsFunc(keep, func(k netip.Prefix) bool { return p.Overlaps(k) }) {
			out = append(out, p)
			return
		}
		if p.Bits() == 56 {
			return
		}
		a := p.Addr().As16()
		lo := netip.PrefixFrom(p.Addr(), p.Bits()+1)
		a[p.Bits()/8] |= 0x80 >> (p.Bits() % 8)
		hi := netip.PrefixFrom(netip.AddrFrom16(a), p.Bits()+1)
		walk(lo)
		walk(hi)
	}
	walk(vpc.AmazonIPv6Pool())
	return out
}

func TestAllocateIPv6Pool(t *testing.T) {
	r := newRandom()
	pool := mustPrefix("2406:da00:ff00::/54") // four /56s
	var got []netip.Prefix
	for range 4 {
		p, err := vpc.AllocateIPv6(vpc.IPv6Source{Pool: pool, Taken: got}, r)
		if err != nil || !pool.Contains(p.Addr()) || p.Bits() != 56 || slices.Contains(got, p) {
			t.Fatalf("AllocateIPv6 from %s = %v, %v (had %v)", pool, p, err, got)
		}
		got = append(got, p)
	}
	_, err := vpc.AllocateIPv6(vpc.IPv6Source{Pool: pool, Taken: got}, r)
	wantCode(t, err, "InsufficientCidrBlocks")
	for _, bad := range []netip.Prefix{mustPrefix("10.0.0.0/8"), mustPrefix("2406:da00::/60")} {
		_, err := vpc.AllocateIPv6(vpc.IPv6Source{Pool: bad}, r)
		wantCode(t, err, "InvalidParameterValue")
	}
}
