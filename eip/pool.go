package eip

import (
	"encoding/binary"
	"fmt"
	"io"
	"net/netip"
	"slices"
)

// Pool is a set of IPv4 blocks that public addresses are drawn from. Each
// block gives every address but its first and last. The zero Pool holds
// no address; use [NewPool] or [AmazonPool]. A Pool is immutable; it holds
// a slice, so it does not support ==.
type Pool struct {
	blocks []netip.Prefix // masked, sorted, pairwise disjoint
	size   uint64
}

// amazonBlocks are blocks of Amazon's EC2 public address space.
var amazonBlocks = []netip.Prefix{
	netip.MustParsePrefix("3.208.0.0/12"),
	netip.MustParsePrefix("18.204.0.0/14"),
	netip.MustParsePrefix("34.192.0.0/12"),
	netip.MustParsePrefix("44.192.0.0/11"),
	netip.MustParsePrefix("52.0.0.0/15"),
	netip.MustParsePrefix("54.80.0.0/13"),
	netip.MustParsePrefix("100.24.0.0/13"),
}

// AmazonPool returns the pool EC2 calls amazon (PublicIpv4Pool "amazon"):
// blocks of Amazon's EC2 public address space, some 11 million addresses.
func AmazonPool() Pool {
	p, err := NewPool(amazonBlocks...)
	if err != nil {
		panic(err) // the blocks above are valid
	}
	return p
}

// NewPool returns the pool of blocks, which must be IPv4 prefixes of /8 to
// /30 that do not overlap; each is masked.
//
// Errors (*Error, Op "pool", [ErrInvalid], InvalidParameterValue): a block
// that is not IPv4, of the wrong size, or overlapping another.
func NewPool(blocks ...netip.Prefix) (Pool, error) {
	bs := make([]netip.Prefix, len(blocks))
	var size uint64
	for i, b := range blocks {
		if !b.IsValid() || !b.Addr().Is4() || b.Bits() < 8 || b.Bits() > 30 {
			return Pool{}, &Error{Op: "pool", Input: b.String(), Code: "InvalidParameterValue", Err: ErrInvalid,
				msg: fmt.Sprintf("The block %s cannot be an address pool: it must be an IPv4 block of /8 to /30.", b)}
		}
		bs[i] = b.Masked()
		size += blockHosts(bs[i])
	}
	slices.SortFunc(bs, func(a, b netip.Prefix) int { return a.Addr().Compare(b.Addr()) })
	for i := 1; i < len(bs); i++ {
		if bs[i-1].Overlaps(bs[i]) {
			return Pool{}, &Error{Op: "pool", Input: bs[i].String(), Code: "InvalidParameterValue", Err: ErrInvalid,
				msg: fmt.Sprintf("The blocks %s and %s of an address pool overlap.", bs[i-1], bs[i])}
		}
	}
	return Pool{blocks: bs, size: size}, nil
}

// Blocks returns the pool's blocks, in address order.
func (p Pool) Blocks() []netip.Prefix { return slices.Clone(p.blocks) }

// Len returns the number of addresses the pool holds.
func (p Pool) Len() uint64 { return p.size }

// Contains reports whether a is one of the pool's addresses: inside a
// block, and neither its first nor its last address.
func (p Pool) Contains(a netip.Addr) bool {
	if !a.Is4() {
		return false
	}
	for _, b := range p.blocks {
		if b.Contains(a) {
			off := u32(a) - u32(b.Addr())
			return off > 0 && uint64(off) <= blockHosts(b)
		}
	}
	return false
}

// Draw returns an address of p that taken does not report: a uniform
// offset into the pool from 8 bytes of random, then the first free address
// from there on, wrapping at the end. Production callers pass
// crypto/rand.Reader.
//
// Errors: every address taken (*Error, Op "allocate", [ErrExhausted],
// InsufficientAddressCapacity); a failing random source (a plain error).
func (p Pool) Draw(random io.Reader, taken func(netip.Addr) bool) (netip.Addr, error) {
	if p.size == 0 {
		return netip.Addr{}, exhausted()
	}
	var b [8]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return netip.Addr{}, fmt.Errorf("eip: draw an address: %w", err)
	}
	start := binary.BigEndian.Uint64(b[:]) % p.size
	for k := range p.size {
		a := p.at((start + k) % p.size)
		if taken == nil || !taken(a) {
			return a, nil
		}
	}
	return netip.Addr{}, exhausted()
}

func exhausted() *Error {
	return &Error{Op: "allocate", Code: "InsufficientAddressCapacity", Err: ErrExhausted,
		msg: "There are no free addresses left in the address pool."}
}

// at returns the pool's i-th address, i < p.size.
func (p Pool) at(i uint64) netip.Addr {
	for _, b := range p.blocks {
		n := blockHosts(b)
		if i < n {
			return addrAt(u32(b.Addr()) + 1 + uint32(i))
		}
		i -= n
	}
	panic("eip: pool offset out of range") // callers pass i < p.size
}

// blockHosts returns the addresses of b but its first and last.
func blockHosts(b netip.Prefix) uint64 { return 1<<(32-b.Bits()) - 2 }

func u32(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

func addrAt(u uint32) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], u)
	return netip.AddrFrom4(b)
}
