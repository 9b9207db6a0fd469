package secgroup

import (
	"net/netip"
	"slices"
)

// Packet is traffic a group's rules are asked about, seen from the group:
// its direction, its protocol (never [All]), its port (tcp, udp) or ICMP
// type and code (icmp, icmpv6), and the other end: an address, and the
// groups and prefix lists that end belongs to. The zero Packet is inbound
// traffic of no protocol, which no rule admits.
type Packet struct {
	Egress      bool
	Protocol    Protocol
	Port        int // tcp/udp port, or ICMP type
	ICMPCode    int // ICMP code; ignored for other protocols
	Addr        netip.Addr
	Groups      []string // the group IDs of the other end
	PrefixLists []string // the prefix list IDs holding Addr
}

// Admits reports whether r lets p through. Security groups only allow: a
// packet is admitted when any rule of its direction matches it.
func (r Rule) Admits(p Packet) bool {
	if r.Egress != p.Egress || p.Protocol == "" || p.Protocol == All {
		return false
	}
	if r.Protocol != All && r.Protocol != p.Protocol {
		return false
	}
	switch {
	case r.Protocol == TCP || r.Protocol == UDP:
		if p.Port < r.FromPort || p.Port > r.ToPort {
			return false
		}
	case r.Protocol == ICMP || r.Protocol == ICMPv6:
		if r.FromPort != -1 && r.FromPort != p.Port || r.ToPort != -1 && r.ToPort != p.ICMPCode {
			return false
		}
	}
	if c, ok := r.Peer.CIDR(); ok {
		return p.Addr.IsValid() && c.Contains(p.Addr.Unmap())
	}
	if id, ok := r.Peer.PrefixList(); ok {
		return slices.Contains(p.PrefixLists, id)
	}
	ref, _ := r.Peer.Group()
	return slices.Contains(p.Groups, ref.GroupID)
}

// Admits reports whether one of rules lets p through.
func Admits(rules []Rule, p Packet) bool {
	return slices.ContainsFunc(rules, func(r Rule) bool { return r.Admits(p) })
}

// Admits reports whether g's rules let p through.
func (g Group) Admits(p Packet) bool { return Admits(g.rules, p) }
