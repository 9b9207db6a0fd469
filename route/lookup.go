package route

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/cidr"
)

// Lookup returns the route EC2 selects for traffic to addr (spec E.5) and
// whether any route matches:
//
//   - the longest matching prefix wins; IPv4 and IPv6 routes are separate
//     (0.0.0.0/0 does not match an IPv6 address; an IPv4-mapped IPv6
//     address is an IPv6 address);
//   - a propagated route never beats a local route, even when it is more
//     specific: for an address inside a VPC block, propagated routes are
//     not candidates;
//   - on equal prefixes a static or local route beats a propagated one;
//   - a blackhole route is selected like any other: the result's State says
//     the traffic is dropped ([Route.Forwards] is false).
//
// Lookup does no allocation and no building: the index it reads is built by
// the action that produced t. The zero Table matches nothing.
func (t Table) Lookup(addr netip.Addr) (Route, bool) { return t.v.lookup(addr) }

// lookup is [Table.Lookup], on the view so that Lookup inlines and no
// Table is copied per call.
func (v *view) lookup(addr netip.Addr) (Route, bool) {
	if v == nil {
		return Route{}, false
	}
	var i int32
	switch {
	case addr.Is4():
		a4 := addr.As4()
		i = v.v4.lookup(uint32(a4[0])<<24 | uint32(a4[1])<<16 | uint32(a4[2])<<8 | uint32(a4[3]))
	case addr.Is6():
		// AsSlice, not As16: As16's array is copied with one 16-byte
		// load from two 8-byte stores, which stalls the CPU
		b := addr.AsSlice()
		i = v.v6.lookup(binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:16]))
	default:
		return Route{}, false
	}
	if i < 0 {
		return Route{}, false
	}
	e := &v.entries[i]
	var dest netip.Prefix
	if e.v6 {
		// the route contains addr: its destination is addr masked, which
		// netip computes without building the address from bytes
		dest, _ = addr.Prefix(int(e.bits))
	} else {
		x := uint32(e.lo)
		dest = netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)}), int(e.bits))
	}
	return Route{Destination: dest, Target: v.targets[e.target], Origin: origins[e.origin&3], State: states[e.state&3]}, true
}

// view is what a Table shows and searches: its visible routes and the
// lookup index over them. A view is built once and never changed, so Table
// copies may share it.
type view struct {
	entries []entry  // visible routes, sorted, destinations unique
	targets []Target // what entries' target fields index
	v4      index4
	v6      index6
}

// u128 is an IPv6 address (or an IPv4 address in lo) as an unsigned integer.
type u128 struct{ hi, lo uint64 }

func u128From(a netip.Addr) u128 {
	if a.Is4() {
		b := a.As4()
		return u128{0, uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])}
	}
	b := a.As16()
	return u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

func (x u128) less(y u128) bool { return x.hi < y.hi || x.hi == y.hi && x.lo < y.lo }

func (x u128) succ() u128 {
	lo, c := bits.Add64(x.lo, 1, 0)
	return u128{x.hi + c, lo}
}

// key4 is an IPv4 address as an unsigned integer.
type key4 uint32

func (x key4) less(y key4) bool { return x < y }
func (x key4) succ() key4       { return x + 1 }

// rangeKey is what flatten needs of an address type.
type rangeKey[K any] interface {
	comparable
	less(K) bool
	succ() K
}

// flatten turns n prefixes (sorted by address then length, unique, one
// family; at(i) gives the i-th one's first and last address and label) into
// disjoint ranges covering the whole family's space, from 0 to end: starts
// ascending from the zero address, and the label of each range's longest
// matching prefix, or -1. It sweeps the prefixes once, keeping a stack of
// those that contain the current address.
func flatten[K rangeKey[K]](n int, at func(i int) (first, last K, val int32), end K) ([]K, []int32) {
	starts := make([]K, 1, 2*n+1)
	vals := make([]int32, 1, 2*n+1)
	vals[0] = -1
	var stackBuf [40]open[K]
	stack := stackBuf[:0]
	for i := 0; i <= n; i++ {
		var first, last K
		var val int32
		if i < n {
			first, last, val = at(i)
		}
		// close the open prefixes that end before first (all of them
		// after the last prefix), resuming the range of the one below
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			if i < n && !top.last.less(first) {
				break
			}
			stack = stack[:len(stack)-1]
			if top.last == end {
				continue // it runs to the end of the space
			}
			resume := int32(-1)
			if len(stack) > 0 {
				resume = stack[len(stack)-1].val
			}
			starts, vals = emit(starts, vals, top.last.succ(), resume)
		}
		if i == n {
			break
		}
		starts, vals = emit(starts, vals, first, val)
		stack = append(stack, open[K]{last, val})
	}
	return starts, vals
}

type open[K any] struct {
	last K
	val  int32
}

// emit starts a range labelled val at start, merging it with the previous
// range when the labels agree.
func emit[K comparable](starts []K, vals []int32, start K, val int32) ([]K, []int32) {
	last := len(starts) - 1
	switch {
	case starts[last] == start:
		vals[last] = val
		if last > 0 && vals[last-1] == val {
			return starts[:last], vals[:last]
		}
	case vals[last] != val:
		return append(starts, start), append(vals, val)
	}
	return starts, vals
}

// index4 finds the range holding an IPv4 address in two steps: a
// direct-mapped table on the address's top bits narrows the search to the
// few ranges that start in its bucket, then a binary search over those.
type index4 struct {
	shift  uint8    // 32 minus the number of bits of the first level
	first  []uint32 // first[b]: the range holding the first address of bucket b; one extra entry at the end
	starts []key4   // range starts, ascending, starts[0] == 0
	vals   []int32  // route index of each range, or -1
}

func newIndex4(starts []key4, vals []int32) index4 {
	x := index4{starts: starts, vals: vals}
	k := min(bits.Len(uint(len(starts))), 16) // about one range per bucket
	x.shift = uint8(32 - k)
	n := uint64(1) << k
	x.first = make([]uint32, n+1)
	// bucket b belongs to the range holding its first address, b<<shift:
	// range j-1 holds the buckets up to the first that starts at or after
	// starts[j]
	b := uint64(0)
	for j := 1; j < len(starts); j++ {
		end := (uint64(starts[j]) + 1<<x.shift - 1) >> x.shift
		for ; b < end; b++ {
			x.first[b] = uint32(j - 1)
		}
	}
	for ; b <= n; b++ {
		x.first[b] = uint32(len(starts) - 1)
	}
	return x
}

func (x *index4) lookup(a uint32) int32 {
	if len(x.first) == 0 {
		return -1
	}
	b := uint64(a) >> x.shift
	lo, hi := x.first[b], x.first[b+1]
	starts := x.starts
	for lo < hi {
		mid := (lo + hi + 1) >> 1
		if uint32(starts[mid]) <= a {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return x.vals[lo]
}

func (x *index4) bytes() int { return 4*len(x.first) + 4*len(x.starts) + 4*len(x.vals) }

// index6 finds the range holding an IPv6 address. The ranges' starts are
// kept as their upper and lower halves apart: VPC routes are mostly /64 or
// shorter, so starts nearly always differ in their upper half, and the
// search runs on that half alone, with a tie-break on the lower half only
// when the address shares its upper half with the start found.
//
// Before the search, a small trie of bucket tables narrows it to a few
// ranges. The root's table is direct-mapped on the bits of the upper half
// after those all starts but the first (::) share, as in index4. Routes
// cluster, though (a VPC's /64s in its /56, peered blocks in one /24,
// on-premises routes in a few /32s), so one table over fixed bits would
// leave a cluster's many starts in one bucket: a bucket holding more than
// a few starts gets a table of its own over the bits after those its
// starts share, and so on.
type index6 struct {
	nodes []node6 // the trie; nodes[0] is the root; none when there is one range
	// The nodes' tables, one after another. Entry b of a table holds the
	// range holding the first address of bucket b in its lower 32 bits,
	// and in its upper 32 bits the node that splits the bucket, or 0.
	// Each table has one extra entry at the end.
	first  []uint64
	hi, lo []uint64 // range starts, ascending, starts[0] == ::
	vals   []int32  // route index of each range, or -1
}

// node6 is one table of an index6's trie. Its domain is the whole space
// (the root) or a bucket of its parent; the starts inside the domain share
// their upper halves' skip leading bits.
type node6 struct {
	prefix       uint64 // those shared bits, the rest zero
	skip, shift  uint8  // shift: 64 minus the number of bits of the table
	below, above uint32 // the ranges holding the domain's addresses before and after the shared prefix
	off          uint32 // where the table starts in first
}

// splitAbove is the number of starts above which a bucket gets a table of
// its own, and maxDepth the number of tables a lookup reads at most.
const (
	splitAbove = 8
	maxDepth   = 4
)

func newIndex6(starts []u128, vals []int32) index6 {
	x := index6{hi: make([]uint64, len(starts)), lo: make([]uint64, len(starts)), vals: vals}
	for i, s := range starts {
		x.hi[i], x.lo[i] = s.hi, s.lo
	}
	if len(starts) < 2 {
		return x // one range: lookup needs no search
	}
	x.node(0, 1, uint32(len(starts)-1), 1)
	x.first = slices.Clip(x.first)
	return x
}

// node adds the node for the domain whose first address range below holds
// and whose other starts are jfirst to jlast (jfirst == below+1), and
// returns its index.
func (x *index6) node(below, jfirst, jlast uint32, depth int) uint32 {
	k := min(bits.Len(uint(jlast-jfirst+1))-1, 16) // about one bucket per two starts
	skip := min(bits.LeadingZeros64(x.hi[jfirst]^x.hi[jlast]), 64-k)
	nd := node6{
		prefix: x.hi[jfirst] &^ (^uint64(0) >> skip),
		skip:   uint8(skip), shift: uint8(64 - k),
		below: below, above: jlast, off: uint32(len(x.first)),
	}
	id := uint32(len(x.nodes))
	x.nodes = append(x.nodes, nd)
	n := uint32(1) << k
	x.first = append(x.first, make([]uint64, n+1)...)
	tbl := x.first[nd.off:]
	// bucket b starts at upper half prefix | b<<shift>>skip, lower half
	// zero; range j-1 holds the buckets up to the first that starts at or
	// after starts[j]
	b := uint32(0)
	for j := jfirst; j <= jlast; j++ {
		key := (x.hi[j] - nd.prefix) << skip // the bits after the shared ones
		end := uint32(key >> nd.shift)
		if key&(1<<nd.shift-1) != 0 || x.lo[j] != 0 {
			end++
		}
		for ; b < end; b++ {
			tbl[b] = uint64(j - 1)
		}
	}
	for ; b <= n; b++ {
		tbl[b] = uint64(jlast)
	}
	if depth == maxDepth {
		return id
	}
	// split the buckets that hold many starts
	for b := range n {
		lo, hi := uint32(x.first[nd.off+b]), uint32(x.first[nd.off+b+1])
		// starts lo+1 to hi lie inside bucket b, unless hi starts the
		// next bucket
		if b+1 < n && x.lo[hi] == 0 && x.hi[hi] == nd.prefix|uint64(b+1)<<nd.shift>>skip {
			hi--
		}
		if hi-lo > splitAbove && x.hi[lo+1] != x.hi[hi] {
			child := x.node(lo, lo+1, hi, depth+1)
			x.first[nd.off+b] |= uint64(child) << 32
		}
	}
	return id
}

// starts returns the range starts as u128s.
func (x *index6) starts() []u128 {
	out := make([]u128, len(x.hi))
	for i := range out {
		out[i] = u128{x.hi[i], x.lo[i]}
	}
	return out
}

func (x *index6) lookup(ahi, alo uint64) int32 {
	if len(x.nodes) == 0 {
		if len(x.vals) == 0 {
			return -1
		}
		return x.vals[0]
	}
	nd := &x.nodes[0]
	var lo, hi uint32
	for {
		if (ahi^nd.prefix)>>(64-nd.skip) != 0 {
			// outside the shared prefix: before or after every start
			// in the domain
			i := nd.below
			if ahi > nd.prefix {
				i = nd.above
			}
			return x.vals[i]
		}
		b := nd.off + uint32((ahi<<nd.skip)>>nd.shift)
		e := x.first[b]
		if c := e >> 32; c != 0 {
			nd = &x.nodes[c]
			continue
		}
		lo, hi = uint32(e), uint32(x.first[b+1])
		break
	}
	// the last start whose upper half is at most ahi, in lo..hi, keeping
	// starts[base] <= ahi. The step is taken by a mask from the
	// subtraction's borrow, not a branch: on random addresses a branch
	// is mispredicted half the time, and the compiler keeps branches for
	// values that feed a load's address.
	starts := x.hi[lo : hi+1]
	base := uint32(0)
	for n := uint32(len(starts)); n > 1; {
		half := n >> 1
		_, borrow := bits.Sub64(ahi, starts[base+half], 0) // 1 when ahi < the start
		base += half & (uint32(borrow) - 1)
		n -= half
	}
	i := lo + base
	if x.hi[i] == ahi && x.lo[i] > alo {
		i = x.tieBreak(i, u128{ahi, alo})
	}
	return x.vals[i]
}

// tieBreak returns the last start at most a when starts[i] has a's upper
// half and is above a: among the starts sharing that upper half, which run
// up to i, the last one whose lower half is at most a.lo, else the start
// before them.
func (x *index6) tieBreak(i uint32, a u128) uint32 {
	// first start of the run (starts[0] == :: bounds it)
	l, h := uint32(0), i
	for l < h {
		m := (l + h) >> 1
		if x.hi[m] < a.hi {
			l = m + 1
		} else {
			h = m
		}
	}
	// the last in l..i with lo <= a.lo, or l-1 (then l > 0: lo[0] == 0)
	h = i + 1
	for l < h {
		m := (l + h) >> 1
		if x.lo[m] <= a.lo {
			l = m + 1
		} else {
			h = m
		}
	}
	return l - 1
}

func (x *index6) bytes() int {
	return 24*len(x.nodes) + 8*len(x.first) + 8*len(x.hi) + 8*len(x.lo) + 4*len(x.vals)
}

// buildView merges the static and local routes with the propagated ones and
// indexes the result. routes is sorted and unique; prop is sorted, unique,
// and holds no destination of routes. A propagated route inside a local
// route's destination is left out of the index: the local route always
// wins over it.
func buildView(routes, prop []entry, targets []Target) *view {
	v := &view{entries: routes, targets: targets}
	if len(prop) > 0 {
		v.entries = make([]entry, 0, len(routes)+len(prop))
		i, j := 0, 0
		for i < len(routes) || j < len(prop) {
			if j == len(prop) || i < len(routes) && routes[i].cmp(prop[j]) < 0 {
				v.entries = append(v.entries, routes[i])
				i++
			} else {
				v.entries = append(v.entries, prop[j])
				j++
			}
		}
	}
	es := v.entries
	n4, _ := slices.BinarySearchFunc(es, entry{v6: true}, entry.cmp) // IPv4 entries come first
	var locals []entry
	for _, e := range es {
		if e.isLocal() {
			locals = append(locals, e)
		}
	}
	var skip []bool // propagated routes inside a local route
	for i, e := range es {
		if !e.isPropagated() {
			continue
		}
		for _, l := range locals {
			if l.contains(e) {
				if skip == nil {
					skip = make([]bool, len(es))
				}
				skip[i] = true
				break
			}
		}
	}
	// indexed lists the entries from lo to hi that the index covers.
	indexed := func(lo, hi int) []int32 {
		out := make([]int32, 0, hi-lo)
		for i := lo; i < hi; i++ {
			if skip == nil || !skip[i] {
				out = append(out, int32(i))
			}
		}
		return out
	}
	idx4 := indexed(0, n4)
	v.v4 = newIndex4(flatten(len(idx4), func(i int) (key4, key4, int32) {
		f, l := es[idx4[i]].span()
		return key4(f.lo), key4(l.lo), idx4[i]
	}, key4(1<<32-1)))
	idx6 := indexed(n4, len(es))
	if len(idx6) == 0 {
		v.v6 = noRoutes6 // most tables: no IPv6 route to index
		return v
	}
	v.v6 = newIndex6(flatten(len(idx6), func(i int) (u128, u128, int32) {
		f, l := es[idx6[i]].span()
		return f, l, idx6[i]
	}, u128{^uint64(0), ^uint64(0)}))
	return v
}

// noRoutes6 is the IPv6 index of a table without IPv6 routes, as newIndex6
// builds it: one range, the whole space, with no route. Views share it, as
// they share any index they do not change; nothing writes to it.
var noRoutes6 = index6{hi: []uint64{0}, lo: []uint64{0}, vals: []int32{-1}}

// insideAny reports whether p lies within one of blocks.
func insideAny(blocks []netip.Prefix, p netip.Prefix) bool {
	return slices.ContainsFunc(blocks, func(b netip.Prefix) bool { return cidr.Contains(b, p) })
}

// withStatic returns the view of a table whose only change is the static
// route e, now at position i of routes, without re-sweeping the table: the
// labels after i move up by one, and within e's destination each range
// whose route is less specific than e (or that has none) now selects e. It
// returns nil when the view holds propagated routes; the caller then
// rebuilds it.
func (v *view) withStatic(i int, e entry, routes []entry, targets []Target) *view {
	if len(v.entries)+1 != len(routes) {
		return nil // propagated routes are merged in: rebuild
	}
	j := int32(i)
	bitsOf := func(label int32) uint8 { return routes[label].bits }
	nv := &view{entries: routes, targets: targets}
	f, l := e.span()
	if e.v6 {
		nv.v4 = v.v4
		nv.v4.vals = shifted(v.v4.vals, j) // the IPv6 labels come after every IPv4 one
		nv.v6 = newIndex6(overlay(v.v6.starts(), v.v6.vals, f, l, u128{^uint64(0), ^uint64(0)}, j, e.bits, bitsOf))
	} else {
		nv.v4 = newIndex4(overlay(v.v4.starts, v.v4.vals, key4(f.lo), key4(l.lo), key4(1<<32-1), j, e.bits, bitsOf))
		nv.v6 = v.v6
		nv.v6.vals = shifted(v.v6.vals, j) // the IPv4 labels come before every IPv6 one
	}
	return nv
}

// shifted returns a copy of vals with the labels from j up moved up by one.
func shifted(vals []int32, j int32) []int32 {
	out := make([]int32, len(vals))
	for k, x := range vals {
		out[k] = x + b2i(x >= j)
	}
	return out
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// overlay returns the ranges (starts, vals) with the prefix from f to l,
// of length bits and labelled label, laid over them. The prefix's route is
// new at position label, so the old labels from label up move up by one.
// Inside the prefix, a range keeps its label only when that route is more
// specific (bitsOf gives a new label's prefix length). Neither starts nor
// vals is changed.
func overlay[K rangeKey[K]](starts []K, vals []int32, f, l, end K, label int32, bits uint8, bitsOf func(int32) uint8) ([]K, []int32) {
	a := lastAtMost(starts, f) // the range holding f
	b := lastAtMost(starts, l) // the range holding l
	ns := make([]K, 0, len(starts)+2)
	nv := make([]int32, 0, len(starts)+2)
	old := func(k int) int32 { return vals[k] + b2i(vals[k] >= label) }
	ns = append(ns, starts[:a+1]...) // range a starts at or before f
	for k := 0; k <= a; k++ {
		nv = append(nv, old(k))
	}
	after := old(b) // the label that resumes after l
	for k := a; k <= b; k++ {
		s := starts[k]
		if k == a {
			s = f
		}
		x := old(k)
		if x < 0 || bitsOf(x) < bits {
			x = label
		}
		ns, nv = emit(ns, nv, s, x)
	}
	if l != end && (b+1 == len(starts) || starts[b+1] != l.succ()) {
		ns, nv = emit(ns, nv, l.succ(), after)
	}
	if b+1 < len(starts) {
		ns, nv = emit(ns, nv, starts[b+1], old(b+1))
		ns = append(ns, starts[b+2:]...)
		for k := b + 2; k < len(starts); k++ {
			nv = append(nv, old(k))
		}
	}
	return ns, nv
}

// lastAtMost returns the index of the last element of starts (ascending,
// starts[0] the zero key) that is at most x.
func lastAtMost[K rangeKey[K]](starts []K, x K) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if x.less(starts[mid]) {
			hi = mid - 1
		} else {
			lo = mid
		}
	}
	return lo
}

// withEntries returns the view of a table whose routes changed only in
// their targets or states, not their destinations: the index stays. It
// returns nil when the view holds propagated routes; the caller then
// rebuilds it.
func (v *view) withEntries(routes []entry, targets []Target) *view {
	if len(v.entries) != len(routes) {
		return nil
	}
	return &view{entries: routes, targets: targets, v4: v.v4, v6: v.v6}
}
