package route

import (
	"math/bits"
	"net/netip"
	"slices"
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
func (t Table) Lookup(addr netip.Addr) (Route, bool) {
	v := t.v
	if v == nil {
		return Route{}, false
	}
	var i int32
	if addr.Is4() {
		a4 := addr.As4()
		i = v.v4.lookup(uint32(a4[0])<<24 | uint32(a4[1])<<16 | uint32(a4[2])<<8 | uint32(a4[3]))
	} else if addr.Is6() {
		i = v.v6.lookup(u128From(addr))
	} else {
		return Route{}, false
	}
	if i < 0 {
		return Route{}, false
	}
	return routeOf(v.entries[i], v.targets), true
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
	var x u128
	for i := 0; i < 8; i++ {
		x.hi = x.hi<<8 | uint64(b[i])
		x.lo = x.lo<<8 | uint64(b[i+8])
	}
	return x
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
// matching prefix, or -1.
func flatten[K rangeKey[K]](n int, at func(i int) (first, last K, val int32), end K) (starts []K, vals []int32) {
	starts = make([]K, 1, 2*n+1)
	vals = make([]int32, 1, 2*n+1)
	vals[0] = -1
	emit := func(start K, val int32) {
		last := len(starts) - 1
		switch {
		case starts[last] == start:
			vals[last] = val
			if last > 0 && vals[last-1] == val {
				starts, vals = starts[:last], vals[:last]
			}
		case vals[last] != val:
			starts, vals = append(starts, start), append(vals, val)
		}
	}
	type open struct {
		last K
		val  int32
	}
	var stackBuf [16]open
	stack := stackBuf[:0]
	// closeTo pops every open prefix that ends before next (all of them
	// when all is set), emitting the range that resumes after each.
	closeTo := func(next K, all bool) {
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			if !all && !top.last.less(next) {
				return
			}
			stack = stack[:len(stack)-1]
			if top.last == end {
				continue // the range runs to the end of the space
			}
			resume := int32(-1)
			if len(stack) > 0 {
				resume = stack[len(stack)-1].val
			}
			emit(top.last.succ(), resume)
		}
	}
	for i := 0; i < n; i++ {
		first, last, val := at(i)
		closeTo(first, false)
		emit(first, val)
		stack = append(stack, open{last, val})
	}
	var zero K
	closeTo(zero, true)
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
	n := 1 << k
	x.first = make([]uint32, n+1)
	j := 0
	for b := 0; b < n; b++ {
		a := key4(uint64(b) << x.shift)
		for j+1 < len(starts) && starts[j+1] <= a {
			j++
		}
		x.first[b] = uint32(j)
	}
	x.first[n] = uint32(len(starts) - 1)
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

// index6 is a binary search over the IPv6 ranges.
type index6 struct {
	starts []u128
	vals   []int32
}

func (x *index6) lookup(a u128) int32 {
	if len(x.starts) == 0 {
		return -1
	}
	// the last start <= a
	i, _ := slices.BinarySearchFunc(x.starts, a, func(s, a u128) int {
		if a.less(s) {
			return 1
		}
		return -1
	})
	return x.vals[i-1]
}

func (x *index6) bytes() int { return 16*len(x.starts) + 4*len(x.vals) }

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
	// indexed lists the entries the index covers, in order, when some are
	// skipped.
	indexed := func(lo, hi int) []int32 {
		out := make([]int32, 0, hi-lo)
		for i := lo; i < hi; i++ {
			if skip == nil || !skip[i] {
				out = append(out, int32(i))
			}
		}
		return out
	}
	if skip == nil {
		v.v4 = newIndex4(flatten(n4, func(i int) (key4, key4, int32) {
			f, l := es[i].span()
			return key4(f.lo), key4(l.lo), int32(i)
		}, key4(1<<32-1)))
	} else {
		idx := indexed(0, n4)
		v.v4 = newIndex4(flatten(len(idx), func(i int) (key4, key4, int32) {
			f, l := es[idx[i]].span()
			return key4(f.lo), key4(l.lo), idx[i]
		}, key4(1<<32-1)))
	}
	idx6 := indexed(n4, len(es))
	v.v6.starts, v.v6.vals = flatten(len(idx6), func(i int) (u128, u128, int32) {
		f, l := es[idx6[i]].span()
		return f, l, idx6[i]
	}, u128{^uint64(0), ^uint64(0)})
	return v
}

// insideAny reports whether p lies within one of blocks.
func insideAny(blocks []netip.Prefix, p netip.Prefix) bool {
	for _, b := range blocks {
		if b.Bits() <= p.Bits() && b.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
