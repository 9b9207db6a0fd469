package subnet_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/subnet"
)

// interval is a prefix as a closed range of uint32 addresses: the oracle.
type interval struct{ lo, hi uint64 }

func span(p netip.Prefix) interval {
	a := p.Masked().Addr().As4()
	lo := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
	return interval{lo, lo + 1<<(32-p.Bits()) - 1}
}

func (i interval) within(o interval) bool   { return o.lo <= i.lo && i.hi <= o.hi }
func (i interval) overlaps(o interval) bool { return i.lo <= o.hi && o.lo <= i.hi }

var prefixGen = rapid.Custom(func(t *rapid.T) netip.Prefix {
	bits := rapid.IntRange(12, 30).Draw(t, "bits")
	a := [4]byte{10, byte(rapid.IntRange(0, 3).Draw(t, "b")), byte(rapid.IntRange(0, 255).Draw(t, "c")), byte(rapid.IntRange(0, 255).Draw(t, "d"))}
	return netip.PrefixFrom(netip.AddrFrom4(a), bits).Masked()
})

// TestPlacementProperty checks Spec.Check against an interval oracle: a
// block is accepted exactly when it is /16 to /28, inside one of the VPC's
// blocks and disjoint from every sibling; a refusal names the first rule
// it breaks; and a subnet placed after another never overlaps it.
func TestPlacementProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := spec("10.0.0.0/24")
		s.VPCBlocks = rapid.SliceOfN(prefixGen, 1, 3).Draw(t, "vpc")
		s.Siblings = rapid.SliceOfN(prefixGen, 0, 4).Draw(t, "siblings")
		s.CIDRBlock = prefixGen.Draw(t, "block")
		b := span(s.CIDRBlock)
		inside := false
		for _, v := range s.VPCBlocks {
			inside = inside || b.within(span(v))
		}
		conflict := false
		for _, o := range s.Siblings {
			conflict = conflict || b.overlaps(span(o))
		}
		sized := s.CIDRBlock.Bits() >= 16 && s.CIDRBlock.Bits() <= 28
		err := s.Check()
		switch {
		case !sized || !inside:
			if !errors.Is(err, subnet.ErrRange) {
				t.Fatalf("Check(%v in %v) = %v, want ErrRange", s.CIDRBlock, s.VPCBlocks, err)
			}
		case conflict:
			if !errors.Is(err, subnet.ErrConflict) {
				t.Fatalf("Check(%v beside %v) = %v, want ErrConflict", s.CIDRBlock, s.Siblings, err)
			}
		case err != nil:
			t.Fatalf("Check(%v in %v beside %v) = %v, want nil", s.CIDRBlock, s.VPCBlocks, s.Siblings, err)
		default:
			// Placed: it now refuses any block that overlaps it.
			s2 := s
			s2.Siblings = append(append([]netip.Prefix(nil), s.Siblings...), s.CIDRBlock)
			s2.CIDRBlock = prefixGen.Draw(t, "next")
			if s2.Check() == nil && span(s2.CIDRBlock).overlaps(b) {
				t.Fatalf("%v placed beside %v, which overlaps it", s2.CIDRBlock, s.CIDRBlock)
			}
		}
	})
}

// TestReservedAddressesProperty counts a subnet's usable addresses one by
// one, leaving out the network address, the next three and the broadcast
// address, and compares with AvailableIPAddressCount.
func TestReservedAddressesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(20, 28).Draw(t, "bits")
		p := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 0, 0, 0}), bits)
		s := spec(p.String())
		sn, err := subnet.Create(s, rand.NewChaCha8([32]byte{}))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		first, last := p.Addr(), p.Addr()
		for a := p.Addr(); p.Contains(a); a = a.Next() {
			last = a
		}
		for a := p.Addr(); p.Contains(a); a = a.Next() {
			reserved := a == last
			for i, r := 0, first; i < 4; i, r = i+1, r.Next() {
				reserved = reserved || a == r
			}
			if !reserved {
				n++
			}
		}
		if got := sn.AvailableIPAddressCount(); got != n {
			t.Fatalf("AvailableIPAddressCount(%v) = %d, counted %d", p, got, n)
		}
	})
}

// upper returns the upper 64 bits of an IPv6 prefix's first address: the
// whole of a /64, enough for the IPv6 oracle.
func upper(p netip.Prefix) uint64 {
	a := p.Addr().As16()
	var u uint64
	for _, b := range a[:8] {
		u = u<<8 | uint64(b)
	}
	return u
}

const base6 = 0x26001f18_7cb40000 // the oracle's address space: 2600:1f18:7cb4:0000::/48

func prefix6(u uint64, bits int) netip.Prefix {
	var a [16]byte
	for i := range 8 {
		a[i] = byte(u >> (56 - 8*i))
	}
	return netip.PrefixFrom(netip.AddrFrom16(a), bits)
}

// TestIPv6PlacementProperty checks the IPv6 half of Spec.Check against
// arithmetic on the /64 numbers: a block is accepted exactly when it is
// inside one of the VPC's /56 blocks and differs from every sibling's; and
// subnets placed one after another never share a /64.
func TestIPv6PlacementProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := spec("10.0.0.0/24")
		var vpcs []uint64
		for _, k := range rapid.SliceOfNDistinct(rapid.IntRange(0, 3), 1, 2, rapid.ID[int]).Draw(t, "vpc blocks") {
			vpcs = append(vpcs, base6+uint64(k)*256)
			s.VPCIPv6Blocks = append(s.VPCIPv6Blocks, prefix6(base6+uint64(k)*256, 56))
		}
		var placed []uint64
		for range rapid.IntRange(1, 20).Draw(t, "subnets") {
			u := base6 + uint64(rapid.IntRange(0, 1023).Draw(t, "/64"))
			s.IPv6CIDRBlock = prefix6(u, 64)
			s.IPv6Siblings = nil
			for _, o := range placed {
				s.IPv6Siblings = append(s.IPv6Siblings, prefix6(o, 64))
			}
			inside := false
			for _, v := range vpcs {
				inside = inside || v <= u && u <= v+255
			}
			taken := false
			for _, o := range placed {
				taken = taken || o == u
			}
			err := s.Check()
			switch {
			case !inside:
				if !errors.Is(err, subnet.ErrRange) {
					t.Fatalf("Check(%v in %v) = %v, want ErrRange", s.IPv6CIDRBlock, s.VPCIPv6Blocks, err)
				}
			case taken:
				if !errors.Is(err, subnet.ErrConflict) {
					t.Fatalf("Check(%v beside %v) = %v, want ErrConflict", s.IPv6CIDRBlock, s.IPv6Siblings, err)
				}
			case err != nil:
				t.Fatalf("Check(%v) = %v, want nil", s.IPv6CIDRBlock, err)
			default:
				sn, err := subnet.Create(s, rand.NewChaCha8([32]byte{}))
				p, ok := sn.IPv6CIDR()
				if err != nil || !ok || upper(p) != u {
					t.Fatalf("Create = %v, %v", p, err)
				}
				placed = append(placed, u)
			}
		}
	})
}
