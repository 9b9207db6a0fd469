package cidr

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
)

// u128 is an unsigned 128-bit integer: an IPv6 address, an IPv4 address
// (in the low 32 bits), a count of blocks or an index among them.
type u128 struct{ hi, lo uint64 }

func (a u128) isZero() bool { return a.hi == 0 && a.lo == 0 }

func (a u128) cmp(b u128) int {
	switch {
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

func (a u128) less(b u128) bool { return a.cmp(b) < 0 }

func (a u128) add(b u128) u128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, c)
	return u128{hi, lo}
}

func (a u128) sub(b u128) u128 {
	lo, br := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, br)
	return u128{hi, lo}
}

func (a u128) add1() u128 { return a.add(u128{0, 1}) }
func (a u128) sub1() u128 { return a.sub(u128{0, 1}) }

// shl shifts left by n (0 <= n <= 128); bits shifted out are lost.
func (a u128) shl(n int) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{a.lo << (n - 64), 0}
	case n == 0:
		return a
	}
	return u128{a.hi<<n | a.lo>>(64-n), a.lo << n}
}

// shr shifts right by n (0 <= n <= 128).
func (a u128) shr(n int) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{0, a.hi >> (n - 64)}
	case n == 0:
		return a
	}
	return u128{a.hi >> n, a.lo>>n | a.hi<<(64-n)}
}

// mask returns a with only its low n bits kept (0 <= n <= 128).
func (a u128) mask(n int) u128 {
	switch {
	case n >= 128:
		return a
	case n >= 64:
		return u128{a.hi & (1<<(n-64) - 1), a.lo}
	}
	return u128{0, a.lo & (1<<n - 1)}
}

// bitLen returns the number of bits needed to represent a.
func (a u128) bitLen() int {
	if a.hi != 0 {
		return 64 + bits.Len64(a.hi)
	}
	return bits.Len64(a.lo)
}

// ones returns the integer whose low n bits are set (0 <= n <= 128).
func ones(n int) u128 { return u128{^uint64(0), ^uint64(0)}.mask(n) }

// addrBits returns the number of bits in an address of a's family.
func addrBits(a netip.Addr) int {
	if a.Is4() {
		return 32
	}
	return 128
}

// u128From returns a as an integer; an IPv4 address fills the low 32 bits.
func u128From(a netip.Addr) u128 {
	if a.Is4() {
		b := a.As4()
		return u128{0, uint64(binary.BigEndian.Uint32(b[:]))}
	}
	b := a.As16()
	return u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

// addrFrom is the inverse of u128From for the family given by is4.
func addrFrom(v u128, is4 bool) netip.Addr {
	if is4 {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(v.lo))
		return netip.AddrFrom4(b)
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], v.hi)
	binary.BigEndian.PutUint64(b[8:], v.lo)
	return netip.AddrFrom16(b)
}

// span returns the first and last address of p as integers. p must be valid.
func span(p netip.Prefix) (first, last u128) {
	first = u128From(p.Masked().Addr())
	return first, first.add(ones(addrBits(p.Addr()) - p.Bits()))
}
