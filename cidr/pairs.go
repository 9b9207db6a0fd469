package cidr

import (
	"net/netip"
	"slices"
)

// node is one prefix of a list, placed for a sweep in address order.
type node struct {
	first, last u128
	bits        int
	is4         bool
	index       int // position in the caller's list
}

// sortedNodes returns the valid prefixes of list as nodes sorted by family
// (IPv4 first), first address, then length (containers first), then list
// position; and, for each node, the position of its nearest container in
// that order (-1 for none). Equal prefixes nest: the later one is inside the
// earlier one.
func sortedNodes(list []netip.Prefix) (nodes []node, parent []int) {
	nodes = make([]node, 0, len(list))
	// IPv4 prefixes sort as packed integers, first<<32 | bits<<26 | index,
	// which is several times faster than sorting the nodes themselves.
	packable := len(list) <= 1<<26
	var packed []uint64
	var six []node
	for i, p := range list {
		if !p.IsValid() {
			continue
		}
		if packable && p.Addr().Is4() {
			b := p.Masked().Addr().As4()
			first := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
			packed = append(packed, first<<32|uint64(p.Bits())<<26|uint64(i))
			continue
		}
		first, last := span(p)
		six = append(six, node{first: first, last: last, bits: p.Bits(), is4: p.Addr().Is4(), index: i})
	}
	slices.Sort(packed)
	for _, v := range packed {
		first, bits := v>>32, int(v>>26&63)
		nodes = append(nodes, node{
			first: u128{0, first},
			last:  u128{0, first | (1<<(32-bits) - 1)},
			bits:  bits, is4: true, index: int(v & (1<<26 - 1)),
		})
	}
	slices.SortFunc(six, func(a, b node) int {
		switch {
		case a.is4 != b.is4:
			if a.is4 {
				return -1
			}
			return 1
		}
		if c := a.first.cmp(b.first); c != 0 {
			return c
		}
		if a.bits != b.bits {
			return a.bits - b.bits
		}
		return a.index - b.index
	})
	nodes = append(nodes, six...)
	parent = make([]int, len(nodes))
	stack := make([]int, 0, 129)
	for i, n := range nodes {
		for len(stack) > 0 {
			top := nodes[stack[len(stack)-1]]
			if top.is4 == n.is4 && !top.last.less(n.first) {
				break
			}
			stack = stack[:len(stack)-1]
		}
		parent[i] = -1
		if len(stack) > 0 {
			parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
	return nodes, parent
}

// OverlappingPairs returns every pair of positions (i, j), i < j, of list
// whose prefixes overlap, in O(n log n + k) for k pairs. Equal prefixes
// overlap; invalid ones overlap nothing; IPv4 and IPv6 prefixes never
// overlap each other. Host bits are ignored.
//
// The pairs come in a deterministic order: grouped by the inner prefix of
// each pair in address order, and within a group from the outermost
// container in. It returns nil when no two prefixes overlap.
func OverlappingPairs(list []netip.Prefix) [][2]int {
	nodes, parent := sortedNodes(list)
	var out [][2]int
	for k := range nodes {
		// Every container of node k is on its parent chain, and nothing
		// else overlaps it from before it in sorted order.
		start := len(out)
		for a := parent[k]; a >= 0; a = parent[a] {
			i, j := nodes[a].index, nodes[k].index
			if i > j {
				i, j = j, i
			}
			out = append(out, [2]int{i, j})
		}
		slices.Reverse(out[start:])
	}
	return out
}

// FirstOverlap finds the first prefix of list that overlaps an earlier one:
// it returns the smallest j such that list[j] overlaps some list[i] with
// i < j, and the smallest such i. It runs in O(n log n) and is what a check
// for a list that must be free of overlap (the CIDR blocks of a set of VPCs
// to be peered, the destinations of routes) reports first. ok is false when
// no two prefixes overlap. Equal prefixes overlap; invalid ones overlap
// nothing; host bits are ignored.
func FirstOverlap(list []netip.Prefix) (i, j int, ok bool) {
	nodes, parent := sortedNodes(list)
	n := len(nodes)
	// up[k]: the smallest list position among k's containers.
	// down[k]: the smallest list position among the prefixes inside k.
	const none = int(^uint(0) >> 1)
	up := make([]int, n)
	down := make([]int, n)
	for k := range nodes {
		up[k], down[k] = none, none
		if a := parent[k]; a >= 0 {
			up[k] = min(up[a], nodes[a].index)
		}
	}
	for k := n - 1; k >= 0; k-- {
		if a := parent[k]; a >= 0 {
			down[a] = min(down[a], down[k], nodes[k].index)
		}
	}
	bestJ, bestI := none, none
	for k, nd := range nodes {
		if partner := min(up[k], down[k]); partner < nd.index && nd.index < bestJ {
			bestJ, bestI = nd.index, partner
		}
	}
	if bestJ == none {
		return 0, 0, false
	}
	return bestI, bestJ, true
}
