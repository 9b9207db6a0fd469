package vpn_test

import (
	"errors"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/vpn"
)

// blockAllBut returns prefixes covering 169.254.0.0/16 except the reserved
// /30s and the /30s in keep.
func blockAllBut(keep ...netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	for third := range 256 {
		if third > 5 && third != 169 && !slices.ContainsFunc(keep, func(k netip.Prefix) bool { return k.Addr().As4()[2] == byte(third) }) {
			out = append(out, netip.PrefixFrom(netip.AddrFrom4([4]byte{169, 254, byte(third), 0}), 24))
			continue
		}
		for fourth := 0; fourth < 256; fourth += 4 {
			p := netip.PrefixFrom(netip.AddrFrom4([4]byte{169, 254, byte(third), byte(fourth)}), 30)
			if slices.Contains(reservedOracle, p.String()) || slices.Contains(keep, p) {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

func TestGenerateInsideCIDR(t *testing.T) {
	for _, free := range []string{"169.254.0.4/30", "169.254.5.4/30", "169.254.169.248/30", "169.254.255.252/30", "169.254.77.128/30"} {
		p := mustPrefix(free)
		for seed := range uint64(5) {
			got, err := vpn.GenerateInsideCIDR(vpn.IPv4, blockAllBut(p), seeded(seed))
			if err != nil || got != p {
				t.Fatalf("GenerateInsideCIDR with only %v free = %v, %v", p, got, err)
			}
		}
	}
	// Only reserved blocks left: nothing to give.
	_, err := vpn.GenerateInsideCIDR(vpn.IPv4, blockAllBut(), seeded(1))
	wantCode(t, err, "VpnConnectionLimitExceeded", vpn.ErrExhausted)

	got, err := vpn.GenerateInsideCIDR(vpn.IPv6, nil, seeded(2))
	if err != nil || got.Bits() != 126 || !mustPrefix("fd00::/8").Contains(got.Addr()) || got.Masked() != got {
		t.Fatalf("ipv6: %v, %v", got, err)
	}
	_, err = vpn.GenerateInsideCIDR(vpn.IPv4, nil, nil)
	wantCode(t, err, "InternalError", vpn.ErrRandom)
}

func TestGeneratePSKReader(t *testing.T) {
	// A reader whose bytes all map to '0' can never give a valid first
	// character: a bounded failure, not a loop.
	zeros := constReader(52) // 52 & 63 is the index of '0'
	_, err := vpn.GeneratePSK(zeros)
	wantCode(t, err, "InternalError", vpn.ErrRandom)
	_, err = vpn.GeneratePSK(shortReader{})
	wantCode(t, err, "InternalError", vpn.ErrRandom)
	// The same reader state gives the same key.
	a, _ := vpn.GeneratePSK(seeded(3))
	b, _ := vpn.GeneratePSK(seeded(3))
	if a.Reveal() != b.Reveal() {
		t.Fatalf("GeneratePSK is not a function of the reader")
	}
	if got := vpn.ReservedInsideCIDRs(); len(got) != 7 {
		t.Fatalf("ReservedInsideCIDRs() = %v", got)
	}
	for i, p := range vpn.ReservedInsideCIDRs() {
		if p.String() != reservedOracle[i] {
			t.Fatalf("reserved %d = %v, want %s", i, p, reservedOracle[i])
		}
	}
}

type constReader byte

func (c constReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

type shortReader struct{}

func (shortReader) Read(p []byte) (int, error) { return 0, errShort }

var errShort = errors.New("reader broke")
