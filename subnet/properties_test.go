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
