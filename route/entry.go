package route

import (
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/status"
)

// entry is a route as a table stores it. It holds no pointers, so copying
// a table's routes is a plain memory move and costs the garbage collector
// nothing; [Table.at] turns it back into a [Route].
type entry struct {
	hi, lo uint64 // the destination's address; an IPv4 address is the low 32 bits of lo
	bits   uint8  // the destination's prefix length
	v6     bool
	origin uint8  // index in origins
	state  uint8  // index in states
	target uint32 // index in Table.targets
}

// states lists the route states; entries store a state as its index here.
// An array, so that Lookup indexes it without a bounds check.
var states = [4]status.RouteState{status.RouteActive, status.RouteBlackhole, status.RouteFiltered}

// keyOf returns the destination fields of the entry for p, a valid prefix.
func keyOf(p netip.Prefix) entry {
	a := u128From(p.Addr())
	return entry{hi: a.hi, lo: a.lo, bits: uint8(p.Bits()), v6: p.Addr().Is6()}
}

// cmp orders entries as comparePrefix orders prefixes: IPv4 first, then by
// address, then by length.
func (e entry) cmp(k entry) int {
	switch {
	case e.v6 != k.v6:
		if k.v6 {
			return -1
		}
		return 1
	case e.hi != k.hi:
		if e.hi < k.hi {
			return -1
		}
		return 1
	case e.lo != k.lo:
		if e.lo < k.lo {
			return -1
		}
		return 1
	}
	return int(e.bits) - int(k.bits)
}

func (e entry) prefix() netip.Prefix {
	if !e.v6 {
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(e.lo >> 24), byte(e.lo >> 16), byte(e.lo >> 8), byte(e.lo)}), int(e.bits))
	}
	return e.prefix6()
}

func (e entry) prefix6() netip.Prefix {
	var b [16]byte
	for i := 0; i < 8; i++ {
		b[i] = byte(e.hi >> (56 - 8*i))
		b[i+8] = byte(e.lo >> (56 - 8*i))
	}
	return netip.PrefixFrom(netip.AddrFrom16(b), int(e.bits))
}

// span returns the first and last address of e's destination.
func (e entry) span() (first, last u128) {
	first = u128{e.hi, e.lo}
	width := 128
	if !e.v6 {
		width = 32
	}
	host := width - int(e.bits)
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

// contains reports whether e's destination contains all of k's.
func (e entry) contains(k entry) bool {
	if e.v6 != k.v6 || e.bits > k.bits {
		return false
	}
	f, l := e.span()
	return !u128{k.hi, k.lo}.less(f) && !l.less(u128{k.hi, k.lo})
}

// Indexes of the origins in origins, for entry.origin.
const (
	originLocal uint8 = iota
	originStatic
	originPropagated
)

func (e entry) isLocal() bool      { return e.origin == originLocal }
func (e entry) isPropagated() bool { return e.origin == originPropagated }

// newEntry returns the entry for a route, interning its target in t.
func (t *Table) newEntry(dest netip.Prefix, target Target, origin Origin, state status.RouteState) entry {
	e := keyOf(dest)
	e.origin = uint8(slices.Index(origins[:], origin))
	e.state = uint8(slices.Index(states[:], state))
	e.target = t.intern(target)
	return e
}

// intern returns the index of tg in t.targets, adding it if needed. The
// slice is clipped before an append, so tables that share it never see
// each other's additions.
func (t *Table) intern(tg Target) uint32 {
	if i := slices.Index(t.targets, tg); i >= 0 {
		return uint32(i)
	}
	t.targets = append(slices.Clip(t.targets), tg)
	return uint32(len(t.targets) - 1)
}

// compactTargets drops the targets no route uses any more, once they are
// many.
func (t *Table) compactTargets() {
	if len(t.targets) <= 2*len(t.routes)+16 {
		return
	}
	old := t.targets
	t.targets = nil
	routes := slices.Clone(t.routes)
	for i := range routes {
		routes[i].target = t.intern(old[routes[i].target])
	}
	t.routes = routes
	for _, p := range t.vgws {
		t.intern(p.vgw)
	}
}

// routeOf returns e as a Route, its target looked up in targets.
func routeOf(e entry, targets []Target) Route {
	return Route{Destination: e.prefix(), Target: targets[e.target], Origin: origins[e.origin&3], State: states[e.state&3]}
}

// at returns t's stored entry e as a Route.
func (t Table) at(e entry) Route { return routeOf(e, t.targets) }

// inserted returns a new slice: es with e inserted at i. Unlike
// slices.Insert on a full slice, it allocates exactly what it needs.
func inserted(es []entry, i int, e entry) []entry {
	out := make([]entry, len(es)+1)
	copy(out, es[:i])
	out[i] = e
	copy(out[i+1:], es[i:])
	return out
}
