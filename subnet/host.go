package subnet

import (
	"encoding/binary"
	"fmt"
	"io"
	"net/netip"
)

// IsHostAddress reports whether a may be held by a network interface in
// s: it lies in s's block and is none of the five addresses EC2 keeps,
// "the first four IP addresses and the last IP address in each subnet
// CIDR block". The zero Subnet has no host addresses.
func (s Subnet) IsHostAddress(a netip.Addr) bool {
	if !s.IsValid() || !a.Is4() || !s.cidr.Contains(a) {
		return false
	}
	i := addrOffset(a) - addrOffset(s.cidr.Addr())
	return i >= ReservedAddresses-1 && i < 1<<(32-s.cidr.Bits())-1
}

// PickHostAddress returns a host address of s (see [Subnet.IsHostAddress])
// that used does not report, drawn at random: a uniform offset among the
// host addresses from 8 bytes of random, then the first unused address
// from there on, wrapping at the end of the block. It returns false when
// every host address is used. Production callers pass crypto/rand.Reader.
//
// Errors: a failing random source (a plain error); the zero Subnet.
func (s Subnet) PickHostAddress(random io.Reader, used func(netip.Addr) bool) (netip.Addr, bool, error) {
	if !s.IsValid() {
		return netip.Addr{}, false, fmt.Errorf("subnet: pick an address of the zero Subnet")
	}
	if !s.cidr.IsValid() {
		return netip.Addr{}, false, nil // an IPv6-only subnet has no IPv4 address to give
	}
	var b [8]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return netip.Addr{}, false, fmt.Errorf("subnet: pick an address of %s: %w", s.id, err)
	}
	n := uint64(s.AvailableIPAddressCount())
	first := addrOffset(s.cidr.Addr()) + ReservedAddresses - 1
	start := binary.BigEndian.Uint64(b[:]) % n
	for k := range n {
		a := addrAt(first + uint32((start+k)%n))
		if used == nil || !used(a) {
			return a, true, nil
		}
	}
	return netip.Addr{}, false, nil
}

func addrOffset(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

func addrAt(u uint32) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], u)
	return netip.AddrFrom4(b)
}
