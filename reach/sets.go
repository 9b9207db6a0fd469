package reach

import (
	"net/netip"
	"slices"
)

// PortRange is an inclusive range of ports, From ≤ To, each 0-65535.
// PortRange supports == and can be a map key. Where a zero PortRange has a
// meaning of its own, the field that holds it says so.
type PortRange struct {
	From, To int
}

// AllPorts is every port.
var AllPorts = PortRange{0, 65535}

// EphemeralPorts is the range a client's source port is drawn from, as the
// VPC User Guide's "Ephemeral ports" gives the widest of them: 1024-65535.
var EphemeralPorts = PortRange{1024, 65535}

// IsValid reports whether r is a range of ports.
func (r PortRange) IsValid() bool { return 0 <= r.From && r.From <= r.To && r.To <= 65535 }

// ports is a set of ports: sorted, disjoint, non-adjacent ranges. nil is
// the empty set.
type ports []PortRange

// intersect returns s ∩ r, as a new set.
func (s ports) intersect(r PortRange) ports {
	var out ports
	for _, x := range s {
		lo, hi := max(x.From, r.From), min(x.To, r.To)
		if lo <= hi {
			out = append(out, PortRange{lo, hi})
		}
	}
	return out
}

// minus returns s \ r, as a new set.
func (s ports) minus(r PortRange) ports {
	var out ports
	for _, x := range s {
		if x.To < r.From || x.From > r.To {
			out = append(out, x)
			continue
		}
		if x.From < r.From {
			out = append(out, PortRange{x.From, r.From - 1})
		}
		if x.To > r.To {
			out = append(out, PortRange{r.To + 1, x.To})
		}
	}
	return out
}

// minusAll returns s \ t, as a new set.
func (s ports) minusAll(t ports) ports {
	out := s
	for _, r := range t {
		out = out.minus(r)
	}
	if len(t) == 0 {
		out = append(ports(nil), s...)
	}
	return out
}

// union returns s ∪ t, as a new set.
func (s ports) union(t ports) ports {
	all := append(slices.Clone(s), t...)
	slices.SortFunc(all, func(a, b PortRange) int { return a.From - b.From })
	var out ports
	for _, x := range all {
		if n := len(out); n > 0 && x.From <= out[n-1].To+1 {
			out[n-1].To = max(out[n-1].To, x.To)
			continue
		}
		out = append(out, x)
	}
	return out
}

// span is an inclusive range of IPv4 addresses as integers.
type span struct{ lo, hi uint32 }

// spans is a set of IPv4 addresses: sorted, disjoint ranges.
type spans []span

func u32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func addrOf(n uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}

func spanOf(p netip.Prefix) span {
	p = p.Masked()
	lo := u32(p.Addr())
	return span{lo, lo | uint32(uint64(1)<<(32-p.Bits())-1)}
}

// minus returns s less every address of p.
func (s spans) minus(p netip.Prefix) spans {
	r := spanOf(p)
	var out spans
	for _, x := range s {
		if x.hi < r.lo || x.lo > r.hi {
			out = append(out, x)
			continue
		}
		if x.lo < r.lo {
			out = append(out, span{x.lo, r.lo - 1})
		}
		if x.hi > r.hi {
			out = append(out, span{r.hi + 1, x.hi})
		}
	}
	return out
}

// of returns the set of the addresses of ps.
func spansOf(ps []netip.Prefix) spans {
	var out spans
	for _, p := range ps {
		if p.IsValid() && p.Addr().Is4() {
			out = append(out, spanOf(p))
		}
	}
	slices.SortFunc(out, func(a, b span) int {
		switch {
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return 0
	})
	var merged spans
	for _, x := range out {
		if n := len(merged); n > 0 && uint64(x.lo) <= uint64(merged[n-1].hi)+1 {
			merged[n-1].hi = max(merged[n-1].hi, x.hi)
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

// pieces returns the first address of each piece of s that the boundaries
// cut it into: two addresses of one piece lie on the same side of every
// boundary (a boundary b separates a < b from a ≥ b). Boundaries are the
// first address of a prefix and the one after its last.
func (s spans) pieces(bounds []uint64) []netip.Addr {
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	var out []netip.Addr
	for _, x := range s {
		out = append(out, addrOf(x.lo))
		i, _ := slices.BinarySearch(bounds, uint64(x.lo)+1)
		for ; i < len(bounds) && bounds[i] <= uint64(x.hi); i++ {
			out = append(out, addrOf(uint32(bounds[i])))
		}
	}
	return out
}

// bounds appends to b the boundaries of prefix p: its first address and the
// one after its last.
func bounds(b []uint64, p netip.Prefix) []uint64 {
	if !p.IsValid() || !p.Addr().Is4() {
		return b
	}
	r := spanOf(p)
	return append(b, uint64(r.lo), uint64(r.hi)+1)
}

// Private address ranges an internet gateway never carries: RFC 1918 and
// RFC 6598 (shared address space).
var (
	rfc1918 = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16")}
	rfc6598 = netip.MustParsePrefix("100.64.0.0/10")
)

func isRFC1918(a netip.Addr) bool {
	return slices.ContainsFunc(rfc1918, func(p netip.Prefix) bool { return p.Contains(a) })
}

// internet returns the addresses an internet gateway carries: every IPv4
// address but RFC 1918's and RFC 6598's.
func internet() spans {
	s := spans{{0, ^uint32(0)}}
	for _, p := range rfc1918 {
		s = s.minus(p)
	}
	return s.minus(rfc6598)
}
