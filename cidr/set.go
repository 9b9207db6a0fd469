package cidr

import (
	"iter"
	"math/bits"
	"net/netip"
	"slices"
)

// Set is an immutable set of prefixes of both families, indexed so that
// [Set.Overlaps] answers in O(log n) without allocating, however many
// prefixes the set holds. Build one with [NewSet]; share it freely: a Set is
// never modified after NewSet returns, so it is safe for concurrent use.
//
// The zero Set is ready to use and empty. A Set is one pointer wide, so it
// is cheap to pass by value; Sets cannot be compared with ==.
//
// How it answers: the members of each family are kept sorted by first
// address (shorter prefixes first), and their union is kept as disjoint,
// merged address intervals. A query overlaps the set exactly when it
// overlaps that union. A direct-mapped table of 2-bit slot states (empty,
// partly covered, fully covered), about 16 slots per member, over the
// leading address bits (for IPv6, the bits after the prefix all members
// share) answers most queries with one load, hits and misses alike; the
// rest make one predecessor search in a small bucket of the interval
// starts, found through an index on the same bits.
type Set struct {
	_ [0]func() // not comparable
	x *setIndex
}

// setIndex is what a Set points to; it never changes once built.
type setIndex struct {
	v4 index4
	v6 index6
}

// NewSet returns the set of the given prefixes, in O(n log n). Host bits
// are ignored (each prefix is masked), duplicates count once, and invalid
// prefixes are left out. IPv4 and IPv6 prefixes live side by side and never
// overlap each other; an IPv4-mapped IPv6 prefix is an IPv6 prefix, as in
// net/netip.
func NewSet(prefixes ...netip.Prefix) Set {
	var m4 []uint64
	var m6 []member6
	for _, p := range prefixes {
		if !p.IsValid() {
			continue
		}
		p = p.Masked()
		if p.Addr().Is4() {
			b := p.Addr().As4()
			first := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
			m4 = append(m4, uint64(first)<<8|uint64(p.Bits()))
			continue
		}
		m6 = append(m6, member6{first: u128From(p.Addr()), bits: uint8(p.Bits())})
	}
	if len(m4)+len(m6) == 0 {
		return Set{}
	}
	return Set{x: &setIndex{v4: newIndex4(m4), v6: newIndex6(m6)}}
}

// Len returns the number of distinct prefixes in s.
func (s Set) Len() int {
	if s.x == nil {
		return 0
	}
	return len(s.x.v4.members) + len(s.x.v6.members)
}

// Overlaps reports whether p shares at least one address with a member of
// s: p contains a member, a member contains p, or they are equal. An invalid
// p overlaps nothing. Host bits of p are ignored. It runs in O(log n) and
// does not allocate.
func (s Set) Overlaps(p netip.Prefix) bool {
	if s.x == nil || !p.IsValid() {
		return false
	}
	a := p.Addr()
	if a.Is4() {
		if len(s.x.v4.members) == 0 {
			return false
		}
		b := a.As4()
		x := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		n := p.Bits()
		var hostMask uint32 = 1<<(32-n) - 1
		if n == 0 {
			hostMask = ^uint32(0)
		}
		return s.x.v4.overlaps(x&^hostMask, x|hostMask, n)
	}
	if len(s.x.v6.members) == 0 {
		return false
	}
	b := a.As16()
	first := u128{
		uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 | uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7]),
		uint64(b[8])<<56 | uint64(b[9])<<48 | uint64(b[10])<<40 | uint64(b[11])<<32 | uint64(b[12])<<24 | uint64(b[13])<<16 | uint64(b[14])<<8 | uint64(b[15]),
	}
	host := ones(128 - p.Bits())
	first = u128{first.hi &^ host.hi, first.lo &^ host.lo}
	return s.x.v6.overlaps(first, first.add(host), p.Bits())
}

// Overlapping returns the members of s that overlap p, sorted by address
// and, for the same address, shorter prefixes first (the containing blocks
// come before the blocks they contain). It returns nil when there are none.
// It runs in O(log n + k) for k results (plus at most one step per bit of
// the address, 32 or 128, to climb past blocks that end before p) and
// allocates only the result.
func (s Set) Overlapping(p netip.Prefix) []netip.Prefix {
	if s.x == nil || !p.IsValid() {
		return nil
	}
	if p.Addr().Is4() {
		return s.x.v4.overlapping(p.Masked())
	}
	return s.x.v6.overlapping(p.Masked())
}

// All returns an iterator over the members of s: IPv4 first, then IPv6,
// each sorted by address and, for the same address, shorter prefixes first.
func (s Set) All() iter.Seq[netip.Prefix] {
	return func(yield func(netip.Prefix) bool) {
		if s.x == nil {
			return
		}
		for _, m := range s.x.v4.members {
			if !yield(m.prefix()) {
				return
			}
		}
		for _, m := range s.x.v6.members {
			if !yield(m.prefix()) {
				return
			}
		}
	}
}

// Slot states of a slotTable.
const (
	slotEmpty   = 0 // no member address in the slot
	slotPartial = 1 // some, not all, addresses of the slot are covered
	slotFull    = 2 // every address of the slot is covered
)

// index4 indexes IPv4 members.
type index4 struct {
	members []member4 // sorted by (first, bits), distinct
	parent  []int32   // index of the nearest member containing members[i], or -1

	// iv holds the merged union of the members as disjoint intervals,
	// sorted, each packed as first<<32 | last.
	iv []uint64
	// Keys: the address shifted left by skip bits, which every member
	// shares (at most 8, so keys keep 24 varying bits). bucket[b] is the
	// number of intervals whose first key has leading bucketBits bits
	// below b; len(bucket) == 1<<bucketBits + 1.
	bucket     []uint32
	bucketBits uint8
	skip       uint8
	slots      slotTable // over the keys
	min, max   uint32    // first address of the first interval, last of the last
}

// member4 is an IPv4 member: its first address and its length.
type member4 struct {
	first uint32
	bits  uint8
}

func (m member4) last() uint32 {
	if m.bits == 0 {
		return ^uint32(0)
	}
	return m.first | (1<<(32-m.bits) - 1)
}

func (m member4) prefix() netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(m.first >> 24), byte(m.first >> 16), byte(m.first >> 8), byte(m.first)}), int(m.bits))
}

func newIndex4(packed []uint64) index4 {
	if len(packed) == 0 {
		return index4{}
	}
	slices.Sort(packed) // first address, then length: containers first
	packed = slices.Compact(packed)
	x := index4{members: make([]member4, len(packed)), parent: make([]int32, len(packed))}
	for i, v := range packed {
		x.members[i] = member4{first: uint32(v >> 8), bits: uint8(v)}
	}

	// Parents, and the merged union, in one sweep with a stack of the
	// members containing the current one.
	stack := make([]int32, 0, 33)
	for i, m := range x.members {
		for len(stack) > 0 && x.members[stack[len(stack)-1]].last() < m.first {
			stack = stack[:len(stack)-1]
		}
		x.parent[i] = -1
		if len(stack) > 0 {
			x.parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, int32(i))

		first, last := m.first, m.last()
		if n := len(x.iv); n > 0 {
			prevLast := uint32(x.iv[n-1])
			if prevLast == ^uint32(0) || first <= prevLast+1 { // overlapping or adjacent
				if last > prevLast {
					x.iv[n-1] = x.iv[n-1]&^0xffffffff | uint64(last)
				}
				continue
			}
		}
		x.iv = append(x.iv, uint64(first)<<32|uint64(last))
	}
	x.iv = slices.Clip(x.iv)

	x.min, x.max = uint32(x.iv[0]>>32), uint32(x.iv[len(x.iv)-1])
	x.skip = uint8(min(bits.LeadingZeros32(x.min^x.max), 8))

	// Bucket index: about two intervals per bucket.
	x.bucketBits = uint8(min(max(bits.Len(uint(len(x.iv)))-1, 1), 24))
	x.bucket = make([]uint32, 1<<x.bucketBits+1)
	shift := 32 - x.bucketBits
	j := 0
	for b := range len(x.bucket) {
		for j < len(x.iv) && uint64(uint32(x.iv[j]>>32)<<x.skip>>shift) < uint64(b) {
			j++
		}
		x.bucket[b] = uint32(j)
	}

	// Slot table: about 16 slots per member, at most 2^24 of them (4 MiB).
	x.slots = newSlotTable(len(x.members), 32-int(x.skip))
	sshift := 32 - int(x.skip) - int(x.slots.bits) // address bits below a slot
	slotMask := uint32(1)<<sshift - 1
	for _, v := range x.iv {
		first, last := uint32(v>>32), uint32(v)
		x.slots.mark(uint64(first<<x.skip>>(32-x.slots.bits)), uint64(last<<x.skip>>(32-x.slots.bits)),
			first&slotMask == 0, last&slotMask == slotMask)
	}
	return x
}

// overlaps reports whether [first, last], the span of a /n, meets the union
// of the members. x has at least one member.
func (x *index4) overlaps(first, last uint32, n int) bool {
	if last < x.min || x.max < first {
		return false
	}
	if first < x.min || x.max < last {
		return true // the block holds x.min or x.max, both covered
	}
	// Now x.min <= first <= last <= x.max: the block shares the skip bits.
	k, kn := uint64(first<<x.skip)<<32, n-int(x.skip) // the block in key space
	if sb := int(x.slots.bits); kn >= sb {
		// The block lies inside one slot: most queries end here.
		switch x.slots.state(k) {
		case slotEmpty:
			return false
		case slotFull:
			return true
		}
		if kn == sb {
			return true // the block is the slot, and something is in it
		}
	} else if hit, known := x.slots.wide(k, kn); known {
		return hit
	}
	// Predecessor search: the last interval starting at or before last.
	b := last << x.skip >> (32 - x.bucketBits)
	lo, hi := int(x.bucket[b]), int(x.bucket[b+1])
	key := uint64(last)<<32 | 0xffffffff
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if x.iv[mid] <= key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return false
	}
	return uint32(x.iv[lo-1]) >= first
}

// overlapping returns the members overlapping p, a masked IPv4 prefix.
func (x *index4) overlapping(p netip.Prefix) []netip.Prefix {
	if len(x.members) == 0 {
		return nil
	}
	b := p.Addr().As4()
	q := member4{first: uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]), bits: uint8(p.Bits())}
	first, last := q.first, q.last()
	// Members starting inside p all overlap it: one contiguous run.
	i0, _ := slices.BinarySearchFunc(x.members, first, func(m member4, t uint32) int { return cmpU32(m.first, t) })
	i1, _ := slices.BinarySearchFunc(x.members[i0:], last, func(m member4, t uint32) int {
		if m.first <= t {
			return -1
		}
		return 1
	})
	i1 += i0
	// Members starting before p overlap it only by containing it: climb
	// from the last member before p to the first one that reaches p; it
	// and all its ancestors contain p.
	var out []netip.Prefix
	j := int32(i0 - 1)
	for j >= 0 && x.members[j].last() < first {
		j = x.parent[j]
	}
	for ; j >= 0; j = x.parent[j] {
		out = append(out, x.members[j].prefix())
	}
	slices.Reverse(out)
	for _, m := range x.members[i0:i1] {
		out = append(out, m.prefix())
	}
	return out
}

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// index6 indexes IPv6 members. It has no slot table: the predecessor
// search runs over a bucket index on the address bits that follow the
// prefix all members share.
type index6 struct {
	members []member6
	parent  []int32
	iv      []interval6 // merged union, sorted, disjoint

	// Keys: the 64 address bits after the first skip bits, which every
	// member shares (skip is at most 104, so keys keep 24 varying bits).
	// bucket[b] counts the intervals whose first key has leading
	// bucketBits bits below b.
	bucket     []uint32
	bucketBits uint8
	skip       uint8
	slots      slotTable // over the keys
	min, max   u128      // first address of the first interval, last of the last
}

type member6 struct {
	first u128
	bits  uint8
}

type interval6 struct{ first, last u128 }

func (m member6) last() u128 { return m.first.add(ones(128 - int(m.bits))) }

func (m member6) prefix() netip.Prefix {
	return netip.PrefixFrom(addrFrom(m.first, false), int(m.bits))
}

func cmpMember6(a, b member6) int {
	if c := a.first.cmp(b.first); c != 0 {
		return c
	}
	return int(a.bits) - int(b.bits)
}

func newIndex6(ms []member6) index6 {
	if len(ms) == 0 {
		return index6{}
	}
	slices.SortFunc(ms, cmpMember6)
	ms = slices.Clip(slices.Compact(ms))
	x := index6{members: ms, parent: make([]int32, len(ms))}
	stack := make([]int32, 0, 129)
	for i, m := range ms {
		for len(stack) > 0 && ms[stack[len(stack)-1]].last().less(m.first) {
			stack = stack[:len(stack)-1]
		}
		x.parent[i] = -1
		if len(stack) > 0 {
			x.parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, int32(i))

		first, last := m.first, m.last()
		if n := len(x.iv); n > 0 {
			prev := &x.iv[n-1]
			if prev.last == ones(128) || !prev.last.add1().less(first) {
				if prev.last.less(last) {
					prev.last = last
				}
				continue
			}
		}
		x.iv = append(x.iv, interval6{first, last})
	}
	x.iv = slices.Clip(x.iv)
	x.min, x.max = x.iv[0].first, x.iv[len(x.iv)-1].last

	diff := u128{x.min.hi ^ x.max.hi, x.min.lo ^ x.max.lo}
	x.skip = uint8(min(128-diff.bitLen(), 104))
	x.bucketBits = uint8(min(max(bits.Len(uint(len(x.iv)))-1, 1), 20))
	x.bucket = make([]uint32, 1<<x.bucketBits+1)
	j := 0
	for b := range len(x.bucket) {
		for j < len(x.iv) && x.key(x.iv[j].first)>>(64-x.bucketBits) < uint64(b) {
			j++
		}
		x.bucket[b] = uint32(j)
	}

	x.slots = newSlotTable(len(x.members), 128-int(x.skip))
	slotMask := ones(128 - int(x.skip) - int(x.slots.bits)) // address bits below a slot
	sshift := 64 - x.slots.bits
	for _, iv := range x.iv {
		x.slots.mark(x.key(iv.first)>>sshift, x.key(iv.last)>>sshift,
			u128{iv.first.hi & slotMask.hi, iv.first.lo & slotMask.lo}.isZero(),
			u128{iv.last.hi & slotMask.hi, iv.last.lo & slotMask.lo} == slotMask)
	}
	return x
}

// key returns the 64 bits of a that follow the skip bits all members share.
func (x *index6) key(a u128) uint64 { return a.shl(int(x.skip)).hi }

// overlaps reports whether [first, last], the span of a /n, meets the
// union of the members. x has at least one member.
func (x *index6) overlaps(first, last u128, n int) bool {
	if last.less(x.min) || x.max.less(first) {
		return false
	}
	if first.less(x.min) || x.max.less(last) {
		return true // the block holds x.min or x.max, both covered
	}
	// Now x.min <= first <= last <= x.max: the block shares the skip bits.
	k, kn := x.key(first), n-int(x.skip) // the block in key space
	if sb := int(x.slots.bits); kn >= sb {
		switch x.slots.state(k) {
		case slotEmpty:
			return false
		case slotFull:
			return true
		}
		if kn == sb {
			return true
		}
	} else if hit, known := x.slots.wide(k, kn); known {
		return hit
	}
	b := x.key(last) >> (64 - x.bucketBits)
	lo, hi := int(x.bucket[b]), int(x.bucket[b+1])
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if !last.less(x.iv[mid].first) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return false
	}
	return !x.iv[lo-1].last.less(first)
}

// overlapping returns the members overlapping p, a masked IPv6 prefix.
func (x *index6) overlapping(p netip.Prefix) []netip.Prefix {
	if len(x.members) == 0 {
		return nil
	}
	first, last := span(p)
	i0, _ := slices.BinarySearchFunc(x.members, first, func(m member6, t u128) int { return m.first.cmp(t) })
	i1, _ := slices.BinarySearchFunc(x.members[i0:], last, func(m member6, t u128) int {
		if !t.less(m.first) {
			return -1
		}
		return 1
	})
	i1 += i0
	var out []netip.Prefix
	j := int32(i0 - 1)
	for j >= 0 && x.members[j].last().less(first) {
		j = x.parent[j]
	}
	for ; j >= 0; j = x.parent[j] {
		out = append(out, x.members[j].prefix())
	}
	slices.Reverse(out)
	for _, m := range x.members[i0:i1] {
		out = append(out, m.prefix())
	}
	return out
}

// slotTable is a direct-mapped table of 2-bit slot states over the leading
// bits of a 64-bit key (the address, or the address bits after the prefix
// all members share).
type slotTable struct {
	words []uint64 // 32 slots per word
	bits  uint8    // the key's leading bits that pick a slot; 0: no table
}

// newSlotTable sizes a table for n members: about 16 slots per member, from
// 2^10 to 2^24 slots (256 bytes to 4 MiB), and no more slots than the keyBits
// available.
func newSlotTable(n, keyBits int) slotTable {
	b := min(max(bits.Len(uint(n))+4, 10), 24, keyBits)
	return slotTable{words: make([]uint64, max((1<<b)/32, 1)), bits: uint8(b)}
}

// mark records an interval of the union running from slot s0 to slot s1;
// startAligned and endAligned tell whether it begins at the start of s0 and
// ends at the end of s1. Intervals are disjoint and not adjacent, so no
// slot is fully covered by two of them.
func (t slotTable) mark(s0, s1 uint64, startAligned, endAligned bool) {
	set := func(s uint64, full bool) {
		st := uint64(slotPartial)
		if full {
			st = slotFull
		}
		t.words[s/32] |= st << (2 * (s % 32))
	}
	if s0 == s1 {
		set(s0, startAligned && endAligned)
		return
	}
	set(s0, startAligned)
	set(s1, endAligned)
	for s := s0 + 1; s < s1; {
		if s%32 == 0 && s+32 <= s1 {
			t.words[s/32] = 0xaaaaaaaaaaaaaaaa // 32 full slots
			s += 32
			continue
		}
		set(s, true)
		s++
	}
}

// state returns the state of the slot holding key k.
func (t slotTable) state(k uint64) uint64 {
	s := k >> (64 - t.bits)
	return (t.words[s/32] >> (2 * (s % 32))) & 3
}

// wide answers for a block whose first key is k and whose length, counted
// in key bits, is n < t.bits, when it spans at most 256 slots: those slots
// are whole and aligned, and the block meets the union exactly when one of
// them is not empty. known is false for larger blocks.
func (t slotTable) wide(k uint64, n int) (hit, known bool) {
	sb := int(t.bits)
	if n < sb-8 {
		return false, false
	}
	s := k >> (64 - sb)
	count := uint64(1) << (sb - n)
	if count < 32 {
		mask := (uint64(1)<<(2*count) - 1) << (2 * (s % 32))
		return t.words[s/32]&mask != 0, true
	}
	for _, w := range t.words[s/32 : (s+count)/32] {
		if w != 0 {
			return true, true
		}
	}
	return false, true
}
