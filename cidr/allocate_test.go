package cidr_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"net/netip"
	"testing"
	"testing/iotest"

	"github.com/vpclab/vpcmodel/cidr"
	"pgregory.net/rapid"
)

// vpnReserved are the /30s of 169.254.0.0/16 a tunnel may not use, with
// 169.254.0.0/30 standing in for the rest of the reserved list.
var vpnReserved = []netip.Prefix{
	netip.MustParsePrefix("169.254.0.0/30"),
	netip.MustParsePrefix("169.254.1.0/30"),
	netip.MustParsePrefix("169.254.2.0/30"),
	netip.MustParsePrefix("169.254.3.0/30"),
	netip.MustParsePrefix("169.254.4.0/30"),
	netip.MustParsePrefix("169.254.5.0/30"),
	netip.MustParsePrefix("169.254.169.252/30"),
}

func seeded(seed uint64) *rand.ChaCha8 {
	var s [32]byte
	s[0] = byte(seed)
	s[1] = byte(seed >> 8)
	return rand.NewChaCha8(s)
}

func TestAllocate(t *testing.T) {
	mustCIDR := cidr.MustParse
	tests := []struct {
		name  string
		pool  netip.Prefix
		bits  int
		avoid []netip.Prefix
		only  netip.Prefix // the single possible answer, when there is one
	}{
		{name: "vpn inside /30", pool: mustCIDR("169.254.0.0/16"), bits: 30, avoid: vpnReserved},
		{name: "vpn inside /126", pool: mustCIDR("fd00::/8"), bits: 126, avoid: []netip.Prefix{mustCIDR("fd00:ec2::/32")}},
		{name: "whole pool", pool: mustCIDR("10.0.0.0/16"), bits: 16, only: mustCIDR("10.0.0.0/16")},
		{name: "host bits in pool are ignored", pool: netip.MustParsePrefix("10.0.0.7/30"), bits: 30, only: mustCIDR("10.0.0.4/30")},
		{name: "one left", pool: mustCIDR("10.0.0.0/28"), bits: 30,
			avoid: []netip.Prefix{mustCIDR("10.0.0.0/29"), mustCIDR("10.0.0.12/31")}, only: mustCIDR("10.0.0.8/30")},
		{name: "one left at the start", pool: mustCIDR("10.0.0.0/28"), bits: 30,
			avoid: []netip.Prefix{mustCIDR("10.0.0.4/30"), mustCIDR("10.0.0.8/29")}, only: mustCIDR("10.0.0.0/30")},
		{name: "one left of 2^128", pool: mustCIDR("::/0"), bits: 128,
			avoid: []netip.Prefix{mustCIDR("::/1"), mustCIDR("8000::/1")}},
		{name: "everything of 2^128 free", pool: mustCIDR("::/0"), bits: 128},
		{name: "upper half of 2^128 left", pool: mustCIDR("::/0"), bits: 128, avoid: []netip.Prefix{mustCIDR("::/1")}},
		{name: "lower half of 2^128 left", pool: mustCIDR("::/0"), bits: 128, avoid: []netip.Prefix{mustCIDR("8000::/1")}},
		{name: "last address left", pool: mustCIDR("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124"), bits: 128,
			avoid: []netip.Prefix{mustCIDR("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/125"), mustCIDR("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/126"),
				mustCIDR("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/127"), mustCIDR("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128")},
			only: mustCIDR("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")},
		{name: "avoid outside the pool", pool: mustCIDR("10.0.0.0/30"), bits: 31,
			avoid: []netip.Prefix{mustCIDR("10.0.0.4/30"), mustCIDR("9.0.0.0/8"), mustCIDR("10.0.0.0/31")}, only: mustCIDR("10.0.0.2/31")},
		{name: "avoid covering the pool partly", pool: mustCIDR("10.0.0.0/24"), bits: 25,
			avoid: []netip.Prefix{mustCIDR("10.0.0.0/25"), mustCIDR("10.0.0.128/32")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(20) {
				got, err := cidr.Allocate(tt.pool, tt.bits, tt.avoid, seeded(seed))
				if tt.name == "one left of 2^128" || tt.name == "avoid covering the pool partly" {
					if err == nil || !errors.Is(err, cidr.ErrExhausted) {
						t.Fatalf("Allocate(%v, %d, %v) = %v, %v, want ErrExhausted", tt.pool, tt.bits, tt.avoid, got, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("Allocate(%v, %d, %v) error: %v", tt.pool, tt.bits, tt.avoid, err)
				}
				if got.Bits() != tt.bits || !cidr.Contains(tt.pool.Masked(), got) || got.Masked() != got {
					t.Fatalf("Allocate(%v, %d, …) = %v, not a canonical /%d inside the pool", tt.pool, tt.bits, got, tt.bits)
				}
				for _, a := range tt.avoid {
					if got.Overlaps(a) {
						t.Fatalf("Allocate(%v, %d, …) = %v, overlaps avoided %v", tt.pool, tt.bits, got, a)
					}
				}
				if tt.only.IsValid() && got != tt.only {
					t.Fatalf("Allocate(%v, %d, %v) = %v, want %v", tt.pool, tt.bits, tt.avoid, got, tt.only)
				}
				again, _ := cidr.Allocate(tt.pool, tt.bits, tt.avoid, seeded(seed))
				if again != got {
					t.Fatalf("Allocate is not a function of the reader: %v then %v", got, again)
				}
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	mustCIDR := cidr.MustParse
	tests := []struct {
		name   string
		pool   netip.Prefix
		bits   int
		avoid  []netip.Prefix
		random func() *bytes.Reader
		cause  error
		code   string
	}{
		{name: "zero pool", bits: 30, cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{name: "4in6 pool", pool: netip.MustParsePrefix("::ffff:10.0.0.0/120"), bits: 126, cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{name: "bits shorter than pool", pool: mustCIDR("169.254.0.0/16"), bits: 15, cause: cidr.ErrSize, code: "InvalidParameterValue"},
		{name: "bits negative", pool: mustCIDR("169.254.0.0/16"), bits: -1, cause: cidr.ErrSize, code: "InvalidParameterValue"},
		{name: "bits longer than IPv4", pool: mustCIDR("169.254.0.0/16"), bits: 33, cause: cidr.ErrSize, code: "InvalidParameterValue"},
		{name: "bits longer than IPv6", pool: mustCIDR("fd00::/8"), bits: 129, cause: cidr.ErrSize, code: "InvalidParameterValue"},
		{name: "avoid of the other family", pool: mustCIDR("169.254.0.0/16"), bits: 30,
			avoid: []netip.Prefix{mustCIDR("fd00::/8")}, cause: cidr.ErrFamily, code: "InvalidParameterValue"},
		{name: "avoid invalid", pool: mustCIDR("169.254.0.0/16"), bits: 30,
			avoid: []netip.Prefix{{}}, cause: cidr.ErrSyntax, code: "InvalidParameterValue"},
		{name: "exhausted", pool: mustCIDR("169.254.0.0/29"), bits: 30,
			avoid: []netip.Prefix{mustCIDR("169.254.0.0/30"), mustCIDR("169.254.0.4/32")}, cause: cidr.ErrExhausted, code: "InsufficientCidrBlocks"},
		{name: "exhausted by a larger block", pool: mustCIDR("fd00::/8"), bits: 126,
			avoid: []netip.Prefix{mustCIDR("fc00::/7")}, cause: cidr.ErrExhausted, code: "InsufficientCidrBlocks"},
		{name: "reader runs dry", pool: mustCIDR("169.254.0.0/16"), bits: 30,
			random: func() *bytes.Reader { return bytes.NewReader([]byte{1}) }, cause: nil, code: "InternalError"},
		{name: "reader of constant rejected bytes", pool: mustCIDR("10.0.0.0/30"), bits: 32,
			avoid:  []netip.Prefix{mustCIDR("10.0.0.3/32")}, // 3 free: 2-bit draws of 3 are always rejected
			random: func() *bytes.Reader { return bytes.NewReader(bytes.Repeat([]byte{0xff}, 4096)) }, cause: cidr.ErrRandom, code: "InternalError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var random = iotest.ErrReader(errors.New("unused"))
			if tt.random != nil {
				random = tt.random()
			} else {
				random = seeded(1)
			}
			got, err := cidr.Allocate(tt.pool, tt.bits, tt.avoid, random)
			var ce *cidr.Error
			if !errors.As(err, &ce) || (tt.cause != nil && !errors.Is(err, tt.cause)) || ce.ErrorCode() != tt.code || ce.Op != "allocate" {
				t.Fatalf("Allocate(%v, %d, %v) = %v, %v, want a *cidr.Error wrapping %v with code %s", tt.pool, tt.bits, tt.avoid, got, err, tt.cause, tt.code)
			}
			if got.IsValid() {
				t.Fatalf("Allocate returned %v alongside an error", got)
			}
		})
	}
}

// freeBlocks is the brute-force oracle: every /bits of an IPv4 pool that no
// avoid prefix overlaps, found by enumeration with uint32 intervals.
func freeBlocks(pool netip.Prefix, bits int, avoid []netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	first, _ := interval4(pool)
	size := uint64(1) << (32 - bits)
	count := uint64(1) << (bits - pool.Bits())
next:
	for i := range count {
		lo := uint64(first) + i*size
		hi := lo + size - 1
		for _, a := range avoid {
			alo, ahi := interval4(a)
			if uint64(alo) <= hi && lo <= uint64(ahi) {
				continue next
			}
		}
		out = append(out, netip.PrefixFrom(addr4(uint32(lo)), bits))
	}
	return out
}

func interval4(p netip.Prefix) (first, last uint32) {
	b := p.Masked().Addr().As4()
	first = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	return first, first + uint32(uint64(1)<<(32-p.Bits())-1)
}

func addr4(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// genPrefix4Within draws an IPv4 prefix of length in [minBits, 32] whose
// address lies within base (bits at or beyond base's length are random).
func genPrefix4Within(base netip.Prefix, minBits int) *rapid.Generator[netip.Prefix] {
	return rapid.Custom(func(t *rapid.T) netip.Prefix {
		first, last := interval4(base)
		v := rapid.Uint32Range(first, last).Draw(t, "addr")
		b := rapid.IntRange(minBits, 32).Draw(t, "bits")
		return netip.PrefixFrom(addr4(v), b).Masked()
	})
}

func TestAllocateAgainstBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		poolBits := rapid.IntRange(22, 32).Draw(t, "poolBits")
		pool := netip.PrefixFrom(addr4(rapid.Uint32().Draw(t, "pool")), poolBits).Masked()
		bits := rapid.IntRange(poolBits, min(poolBits+8, 32)).Draw(t, "bits")
		// avoid prefixes near the pool: inside it, around it, or larger.
		around := netip.PrefixFrom(pool.Addr(), max(poolBits-2, 0)).Masked()
		avoid := rapid.SliceOfN(genPrefix4Within(around, max(poolBits-3, 0)), 0, 12).Draw(t, "avoid")
		want := freeBlocks(pool, bits, avoid)
		seed := rapid.Uint64().Draw(t, "seed")
		got, err := cidr.Allocate(pool, bits, avoid, seeded(seed))
		if len(want) == 0 {
			if !errors.Is(err, cidr.ErrExhausted) {
				t.Fatalf("Allocate(%v, %d, %v) = %v, %v; the oracle finds no free block", pool, bits, avoid, got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Allocate(%v, %d, %v) error %v; the oracle finds %d free blocks", pool, bits, avoid, err, len(want))
		}
		found := false
		for _, w := range want {
			found = found || w == got
		}
		if !found {
			t.Fatalf("Allocate(%v, %d, %v) = %v, not one of the oracle's free blocks %v", pool, bits, avoid, got, want)
		}
	})
}

// TestAllocateReachesEveryFreeBlock checks on tiny pools that every free
// block comes out, in roughly equal shares.
func TestAllocateReachesEveryFreeBlock(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pool := netip.PrefixFrom(addr4(rapid.Uint32().Draw(t, "pool")), 28).Masked()
		avoid := rapid.SliceOfN(genPrefix4Within(pool, 28), 0, 4).Draw(t, "avoid")
		bits := rapid.IntRange(29, 32).Draw(t, "bits")
		want := freeBlocks(pool, bits, avoid)
		if len(want) == 0 {
			return
		}
		counts := map[netip.Prefix]int{}
		random := seeded(rapid.Uint64().Draw(t, "seed"))
		draws := 200 * len(want)
		for range draws {
			got, err := cidr.Allocate(pool, bits, avoid, random)
			if err != nil {
				t.Fatalf("Allocate(%v, %d, %v) error: %v", pool, bits, avoid, err)
			}
			counts[got]++
		}
		for _, w := range want {
			// Expected 200 each; below 100 would be a bias far beyond chance.
			if counts[w] < 100 {
				t.Fatalf("Allocate(%v, %d, %v) chose %v %d times in %d draws, want about 200 (counts %v)", pool, bits, avoid, w, counts[w], draws, counts)
			}
		}
		if len(counts) != len(want) {
			t.Fatalf("Allocate chose %d distinct blocks, oracle has %d free", len(counts), len(want))
		}
	})
}

// TestAllocateIPv6 checks the 128-bit path against the same brute force,
// scaled: IPv6 pools whose candidate count is small enough to enumerate,
// placed anywhere in the address space, including across the 64-bit halves.
func TestAllocateIPv6(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		hi := rapid.Uint64().Draw(t, "hi")
		lo := rapid.Uint64().Draw(t, "lo")
		poolBits := rapid.IntRange(58, 70).Draw(t, "poolBits")
		var b [16]byte
		for i := range 8 {
			b[i] = byte(hi >> (56 - 8*i))
			b[8+i] = byte(lo >> (56 - 8*i))
		}
		pool := netip.PrefixFrom(netip.AddrFrom16(b), poolBits).Masked()
		bits := poolBits + rapid.IntRange(0, 5).Draw(t, "extra")
		// Enumerate the candidates with netip and check each free one by Overlaps.
		var avoid []netip.Prefix
		for range rapid.IntRange(0, 6).Draw(t, "n") {
			ab := rapid.IntRange(poolBits-2, bits+3).Draw(t, "abits")
			// a point inside the pool: the pool address plus a random offset below 2^(128-poolBits)
			off := rapid.Uint64().Draw(t, "off")
			a := pool.Addr().As16()
			for i := 15; i >= 8; i-- {
				a[i] |= byte(off)
				off >>= 8
			}
			avoid = append(avoid, netip.PrefixFrom(netip.AddrFrom16(a), ab).Masked())
		}
		var want []netip.Prefix
		blk := netip.PrefixFrom(pool.Addr(), bits)
		for range 1 << (bits - poolBits) {
			free := true
			for _, a := range avoid {
				free = free && !blk.Overlaps(a)
			}
			if free {
				want = append(want, blk)
			}
			blk = nextPrefix(blk)
		}
		got, err := cidr.Allocate(pool, bits, avoid, seeded(rapid.Uint64().Draw(t, "seed")))
		if len(want) == 0 {
			if !errors.Is(err, cidr.ErrExhausted) {
				t.Fatalf("Allocate(%v, %d, %v) = %v, %v, want ErrExhausted", pool, bits, avoid, got, err)
			}
			return
		}
		ok := false
		for _, w := range want {
			ok = ok || w == got
		}
		if err != nil || !ok {
			t.Fatalf("Allocate(%v, %d, %v) = %v, %v, want one of %v", pool, bits, avoid, got, err, want)
		}
	})
}

// nextPrefix returns the prefix of the same length right after p.
func nextPrefix(p netip.Prefix) netip.Prefix {
	a := p.Addr().As16()
	// add 2^(128-bits) to the address, big-endian
	bit := 128 - p.Bits()
	i := 15 - bit/8
	carry := uint(1) << (bit % 8)
	for ; i >= 0 && carry != 0; i-- {
		s := uint(a[i]) + carry
		a[i] = byte(s)
		carry = s >> 8
	}
	return netip.PrefixFrom(netip.AddrFrom16(a), p.Bits())
}
