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
	return v.routes[i], true
}

// view is what a Table shows and searches: its visible routes and the
// lookup index over them. A view is built once and never changed, so Table
// copies may share it.
type view struct {
	routes []Route // visible routes, sorted, destinations unique
	v4     index4
	v6     index6
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

func (x u128) addOne() u128 {
	lo, c := bits.Add64(x.lo, 1, 0)
	return u128{x.hi + c, lo}
}

// span returns the first and last address of p within its family's space
// (width 32 or 128 bits).
func span(p netip.Prefix) (first, last u128) {
	first = u128From(p.Addr())
	width := 128
	if p.Addr().Is4() {
		width = 32
	}
	host := width - p.Bits() // host bits
	last = first
	switch {
	case host >= 128:
		last = u128{^uint64(0), ^uint64(0)}
	case host >= 64:
		last.lo = ^uint64(0)
		last.hi |= 1<<(host-64) - 1
	default:
		last.lo |= 1<<host - 1
	}
	return first, last
}

// rangeEntry is a run of addresses, from start up to the next entry's start,
// all of which select the same route (val, or none when val < 0).
type rangeEntry struct {
	start u128
	val   int32
}

// flatten turns prefixes (sorted by address then length, unique, one family)
// into disjoint ranges covering the whole family's space, each labelled with
// the index of its longest matching prefix. vals[i] is the label of ps[i].
// end is the family's last address.
func flatten(ps []netip.Prefix, vals []int32, end u128) []rangeEntry {
	out := make([]rangeEntry, 1, 2*len(ps)+1)
	out[0] = rangeEntry{val: -1}
	emit := func(start u128, val int32) {
		last := &out[len(out)-1]
		switch {
		case last.start == start:
			last.val = val
			if len(out) > 1 && out[len(out)-2].val == val {
				out = out[:len(out)-1]
			}
		case last.val != val:
			out = append(out, rangeEntry{start, val})
		}
	}
	type open struct {
		last u128
		val  int32
	}
	stack := make([]open, 0, 8)
	// closeTo pops every open prefix that ends before next, emitting the
	// range that resumes after it.
	closeTo := func(next u128, all bool) {
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
			emit(top.last.addOne(), resume)
		}
	}
	for i, p := range ps {
		first, last := span(p)
		closeTo(first, false)
		emit(first, vals[i])
		stack = append(stack, open{last, vals[i]})
	}
	closeTo(u128{}, true)
	return out
}

// index4 finds the range holding an IPv4 address in two steps: a
// direct-mapped table on the address's top bits narrows the search to the
// few ranges that start in its bucket, then a binary search over those.
type index4 struct {
	shift  uint8    // 32 minus the number of bits of the first level
	first  []uint32 // first[b]: the range holding the first address of bucket b; one extra entry at the end
	starts []uint32 // range starts, ascending, starts[0] == 0
	vals   []int32  // route index of each range, or -1
}

func newIndex4(rs []rangeEntry) index4 {
	var x index4
	k := bits.Len(uint(len(rs))) // about one range per bucket
	k = min(k, 16)
	x.shift = uint8(32 - k)
	x.starts = make([]uint32, len(rs))
	x.vals = make([]int32, len(rs))
	for i, r := range rs {
		x.starts[i], x.vals[i] = uint32(r.start.lo), r.val
	}
	n := 1 << k
	x.first = make([]uint32, n+1)
	j := 0
	for b := 0; b < n; b++ {
		a := uint32(uint64(b) << x.shift)
		for j+1 < len(x.starts) && x.starts[j+1] <= a {
			j++
		}
		x.first[b] = uint32(j)
	}
	x.first[n] = uint32(len(x.starts) - 1)
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
		if starts[mid] <= a {
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

func newIndex6(rs []rangeEntry) index6 {
	x := index6{starts: make([]u128, len(rs)), vals: make([]int32, len(rs))}
	for i, r := range rs {
		x.starts[i], x.vals[i] = r.start, r.val
	}
	return x
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
// and holds no destination of routes.
func buildView(routes, prop []Route) *view {
	v := &view{routes: routes}
	if len(prop) > 0 {
		v.routes = make([]Route, 0, len(routes)+len(prop))
		i, j := 0, 0
		for i < len(routes) || j < len(prop) {
			if j == len(prop) || i < len(routes) && comparePrefix(routes[i].Destination, prop[j].Destination) < 0 {
				v.routes = append(v.routes, routes[i])
				i++
			} else {
				v.routes = append(v.routes, prop[j])
				j++
			}
		}
	}
	var locals []netip.Prefix
	for _, r := range v.routes {
		if r.IsLocal() {
			locals = append(locals, r.Destination)
		}
	}
	ps4 := make([]netip.Prefix, 0, len(v.routes))
	vals4 := make([]int32, 0, len(v.routes))
	var ps6 []netip.Prefix
	var vals6 []int32
	for i, r := range v.routes {
		if r.IsPropagated() && insideAny(locals, r.Destination) {
			continue // a local route always wins over it
		}
		if r.Destination.Addr().Is4() {
			ps4, vals4 = append(ps4, r.Destination), append(vals4, int32(i))
		} else {
			ps6, vals6 = append(ps6, r.Destination), append(vals6, int32(i))
		}
	}
	v.v4 = newIndex4(flatten(ps4, vals4, u128{0, 1<<32 - 1}))
	v.v6 = newIndex6(flatten(ps6, vals6, u128{^uint64(0), ^uint64(0)}))
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
