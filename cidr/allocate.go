package cidr

import (
	"fmt"
	"io"
	"net/netip"
	"slices"
)

// maxDraws bounds the rejection sampling in [Allocate]. Each draw is
// accepted with probability above one half, so an honest random source
// needs more than maxDraws draws with probability below 2^-128; a source
// that keeps failing (a reader of constant bytes, say) gives [ErrRandom]
// rather than a loop without end.
const maxDraws = 128

// Allocate picks a block of prefix length bits inside pool that overlaps none
// of avoid, uniformly at random among all such free blocks, using the bytes
// of random. It models how EC2 picks a tunnel's inside CIDR when the caller
// gives none: a /30 from 169.254.0.0/16 (IPv4) or a /126 from fd00::/8
// (IPv6) that is neither reserved nor used by another tunnel on the same
// gateway.
//
// Free blocks are counted by interval arithmetic over the sorted avoid list,
// never enumerated, so a /126 inside fd00::/8 (2^118 candidates) costs the
// same as a /30 inside 169.254.0.0/16: O(m log m) for m avoided prefixes.
// The index of the chosen block is drawn by rejection sampling from whole
// bytes read with [io.ReadFull], so the choice is unbiased and a function of
// the reader's bytes alone: the same bytes give the same block. When exactly
// one block is free, Allocate returns it without reading. Production callers
// pass crypto/rand.Reader; tests pass a seeded math/rand/v2 ChaCha8.
//
// Host bits set in pool are ignored (pool is masked). An avoid prefix may be
// of any length, larger or smaller than bits; one outside pool changes
// nothing.
//
// Errors, each a *[Error] with Op "allocate":
//   - pool invalid, or an IPv4-mapped IPv6 prefix: [ErrSyntax], code InvalidParameterValue;
//   - bits shorter than pool's length or longer than the address:
//     [ErrSize], code InvalidParameterValue;
//   - an avoid prefix that is invalid ([ErrSyntax]) or of the other family
//     or IPv4-mapped ([ErrFamily]), code InvalidParameterValue;
//   - no free block left: [ErrExhausted], code InsufficientCidrBlocks (the
//     code EC2 gives when a subnet has no free block of the size asked for);
//   - random fails: the reader's error (such as [io.ErrUnexpectedEOF]), code
//     InternalError; a nil reader, or one whose bytes are rejected 128 times
//     in a row: [ErrRandom], code InternalError.
func Allocate(pool netip.Prefix, bits int, avoid []netip.Prefix, random io.Reader) (netip.Prefix, error) {
	in := pool.String()
	fail := func(code string, err error) (netip.Prefix, error) {
		return netip.Prefix{}, &Error{Op: "allocate", Input: in, Param: "pool", Code: code, Err: err}
	}
	if !pool.IsValid() || pool.Addr().Is4In6() || pool.Addr().Zone() != "" {
		return fail("InvalidParameterValue", ErrSyntax)
	}
	pool = pool.Masked()
	width := addrBits(pool.Addr())
	if bits < pool.Bits() || bits > width {
		return fail("InvalidParameterValue", fmt.Errorf("%w (/%d in %s)", ErrSize, bits, pool))
	}
	is4 := pool.Addr().Is4()
	shift := width - bits // log2 of the block size, in addresses
	k := bits - pool.Bits()
	poolFirst, poolLast := span(pool)

	// Blocked block indices, as inclusive intervals relative to pool.
	type interval struct{ lo, hi u128 }
	blocked := make([]interval, 0, len(avoid))
	for _, a := range avoid {
		if !a.IsValid() || a.Addr().Zone() != "" {
			return fail("InvalidParameterValue", fmt.Errorf("%w (avoid %s)", ErrSyntax, a))
		}
		if a.Addr().Is4() != is4 || a.Addr().Is4In6() {
			return fail("InvalidParameterValue", fmt.Errorf("%w (avoid %s)", ErrFamily, a))
		}
		first, last := span(a)
		if last.less(poolFirst) || poolLast.less(first) {
			continue
		}
		if first.less(poolFirst) {
			first = poolFirst
		}
		if poolLast.less(last) {
			last = poolLast
		}
		blocked = append(blocked, interval{first.sub(poolFirst).shr(shift), last.sub(poolFirst).shr(shift)})
	}
	slices.SortFunc(blocked, func(x, y interval) int { return x.lo.cmp(y.lo) })

	// Merge, then count the free blocks: the gaps between the intervals.
	merged := blocked[:0]
	for _, iv := range blocked {
		if n := len(merged); n > 0 {
			prev := &merged[n-1]
			if !prev.hi.less(iv.lo) || prev.hi.add1() == iv.lo { // overlapping or adjacent
				if prev.hi.less(iv.hi) {
					prev.hi = iv.hi
				}
				continue
			}
		}
		merged = append(merged, iv)
	}
	lastIndex := ones(k) // the index of the pool's last block
	// free fits in 128 bits except when nothing is blocked and k == 128:
	// then it wraps to 0, which uniform reads as 2^128.
	free := lastIndex.add1()
	if len(merged) > 0 {
		free = u128{}
		cursor := u128{}
		for _, iv := range merged {
			free = free.add(iv.lo.sub(cursor))
			cursor = iv.hi.add1()
		}
		if end := merged[len(merged)-1].hi; end.less(lastIndex) {
			free = free.add(lastIndex.sub(cursor)).add1()
		}
		if free.isZero() {
			return fail("InsufficientCidrBlocks", fmt.Errorf("%w (no free /%d)", ErrExhausted, bits))
		}
	}

	// Draw r uniformly in [0, free); free == 0 here means 2^k with k == 128.
	r, err := uniform(random, free, k)
	if err != nil {
		return fail("InternalError", err)
	}

	// Walk the gaps to the r-th free block.
	index := u128{}
	for _, iv := range merged {
		gap := iv.lo.sub(index)
		if r.less(gap) {
			break
		}
		r = r.sub(gap)
		index = iv.hi.add1()
	}
	index = index.add(r)
	return netip.PrefixFrom(addrFrom(poolFirst.add(index.shl(shift)), is4), bits), nil
}

// uniform returns an integer drawn uniformly from [0, n) by rejection
// sampling, reading whole bytes from random. n == 0 stands for 2^k (only
// possible when k == 128). n == 1 reads nothing.
func uniform(random io.Reader, n u128, k int) (u128, error) {
	width := k
	if !n.isZero() {
		width = n.sub1().bitLen()
	}
	if width == 0 {
		return u128{}, nil
	}
	if random == nil {
		return u128{}, fmt.Errorf("%w (nil reader)", ErrRandom)
	}
	var buf [16]byte
	nb := (width + 7) / 8
	for range maxDraws {
		clear(buf[:])
		if _, err := io.ReadFull(random, buf[16-nb:]); err != nil {
			return u128{}, err
		}
		v := u128From(netip.AddrFrom16(buf)).mask(width)
		if n.isZero() || v.less(n) {
			return v, nil
		}
	}
	return u128{}, ErrRandom
}
