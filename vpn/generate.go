package vpn

import (
	"errors"
	"fmt"
	"io"
	"net/netip"

	"github.com/vpclab/vpcmodel/cidr"
)

// pskAlphabet is EC2's pre-shared key alphabet: 64 characters, so one random
// byte's low six bits pick one without bias.
const pskAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"

// maxPSKDraws bounds the redraws of a leading '0' (probability 1/64 each).
const maxPSKDraws = 64

// GeneratePSK returns a 32-character pre-shared key as EC2 generates one:
// letters, digits, '.' and '_', never starting with '0', every character
// uniform over what is allowed in its position. It reads 32 bytes from
// random, and one more for each redraw of a leading '0'. Production callers
// pass crypto/rand.Reader. The error (InternalError, [ErrRandom]) is the
// reader's failure.
func GeneratePSK(random io.Reader) (PSK, error) {
	var b [GeneratedPSKLength]byte
	if err := readFull(random, b[:]); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = pskAlphabet[b[i]&63]
	}
	for n := 0; b[0] == '0'; n++ {
		if n == maxPSKDraws {
			return "", &Error{Op: "generate", Param: "PreSharedKey", Code: "InternalError", Err: ErrRandom}
		}
		var one [1]byte
		if err := readFull(random, one[:]); err != nil {
			return "", err
		}
		b[0] = pskAlphabet[one[0]&63]
	}
	return PSK(b[:]), nil
}

func readFull(random io.Reader, b []byte) *Error {
	if random == nil {
		return &Error{Op: "generate", Code: "InternalError", Err: fmt.Errorf("%w: nil reader", ErrRandom)}
	}
	if _, err := io.ReadFull(random, b); err != nil {
		return &Error{Op: "generate", Code: "InternalError", Err: fmt.Errorf("%w: %v", ErrRandom, err)}
	}
	return nil
}

// GenerateInsideCIDR returns a random free tunnel inside CIDR for a
// connection of IP version v: a /30 in 169.254.0.0/16 that is not reserved
// (ipv4), or a /126 in fd00::/8 (ipv6), overlapping none of inUse. It is
// how [Create] picks the CIDRs the caller leaves out; inUse are the CIDRs of
// the other tunnels on the same gateway. The choice is uniform over the free
// blocks and a function of the bytes read from random. Errors: no free block
// ([ErrExhausted], VpnConnectionLimitExceeded) or the reader's failure
// ([ErrRandom], InternalError).
func GenerateInsideCIDR(v IPVersion, inUse []netip.Prefix, random io.Reader) (netip.Prefix, error) {
	p, err := generateInsideCIDR(v, inUse, random)
	if err != nil {
		return netip.Prefix{}, err
	}
	return p, nil
}

func generateInsideCIDR(v IPVersion, inUse []netip.Prefix, random io.Reader) (netip.Prefix, *Error) {
	pool, bits := insidePool4, 30
	avoid := make([]netip.Prefix, 0, len(reservedInside)+len(inUse))
	if v == IPv6 {
		pool, bits = insidePool6, 126
	} else {
		avoid = append(avoid, reservedInside...)
	}
	for _, p := range inUse {
		if p.IsValid() && p.Addr().Is4() == pool.Addr().Is4() {
			avoid = append(avoid, p)
		}
	}
	param := "TunnelInsideCidr"
	if v == IPv6 {
		param = "TunnelInsideIpv6Cidr"
	}
	return allocate(pool, bits, avoid, random, param)
}

// allocate wraps cidr.Allocate with this package's errors.
func allocate(pool netip.Prefix, bits int, avoid []netip.Prefix, random io.Reader, param string) (netip.Prefix, *Error) {
	if random == nil {
		return netip.Prefix{}, &Error{Op: "generate", Param: param, Code: "InternalError", Err: fmt.Errorf("%w: nil reader", ErrRandom)}
	}
	p, err := cidr.Allocate(pool, bits, avoid, random)
	if err != nil {
		if errors.Is(err, cidr.ErrExhausted) {
			return netip.Prefix{}, &Error{Op: "generate", Param: param, Value: pool.String(), Code: "VpnConnectionLimitExceeded", Err: ErrExhausted}
		}
		if errors.Is(err, cidr.ErrSyntax) || errors.Is(err, cidr.ErrSize) || errors.Is(err, cidr.ErrFamily) {
			return netip.Prefix{}, &Error{Op: "generate", Param: param, Value: prefixString(pool), Code: "InvalidParameterValue", Err: ErrInvalidValue}
		}
		return netip.Prefix{}, &Error{Op: "generate", Param: param, Code: "InternalError", Err: fmt.Errorf("%w: %v", ErrRandom, err)}
	}
	return p, nil
}

// outsideAddress picks a free AWS endpoint address from pool: not the pool's
// network or broadcast address, and none of taken.
func outsideAddress(pool netip.Prefix, taken []netip.Addr, random io.Reader) (netip.Addr, *Error) {
	avoid := make([]netip.Prefix, 0, len(taken)+2)
	if pool.IsValid() && pool.Addr().Is4() && pool.Bits() <= 30 {
		m := pool.Masked()
		avoid = append(avoid, netip.PrefixFrom(m.Addr(), 32), netip.PrefixFrom(lastAddr(m), 32))
	}
	for _, a := range taken {
		if a.Is4() {
			avoid = append(avoid, netip.PrefixFrom(a, 32))
		}
	}
	if !pool.IsValid() || !pool.Addr().Is4() {
		return netip.Addr{}, &Error{Op: "create", Param: "OutsidePool", Value: prefixString(pool), Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	p, err := allocate(pool, 32, avoid, random, "OutsidePool")
	if err != nil {
		return netip.Addr{}, err
	}
	return p.Addr(), nil
}

// lastAddr returns the last address of the IPv4 prefix p.
func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().As4()
	host := uint32(1)<<(32-p.Bits()) - 1
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v |= host
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// hostAt returns the address n after the first address of p.
func hostAt(p netip.Prefix, n int) netip.Addr {
	a := p.Masked().Addr()
	for range n {
		a = a.Next()
	}
	return a
}
