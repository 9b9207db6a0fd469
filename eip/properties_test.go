package eip_test

import (
	"encoding/binary"
	"net/netip"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/eip"
)

// TestUniqueAddressesProperty allocates and releases addresses for several
// accounts from a small pool and checks, against a plain model (the set
// of addresses held, and each account's count), that no address is ever
// held twice, that every address is the pool's, and that the quota is
// refused exactly when an account holds as many as it allows.
func TestUniqueAddressesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		mp := netip.MustParsePrefix
		pool, _ := eip.NewPool(mp("192.0.2.0/29"), mp("198.51.100.0/30")) // 8 addresses
		quota := rapid.IntRange(1, 6).Draw(t, "quota")
		owners := []string{"111111111111", "222222222222"}
		held := map[netip.Addr]eip.Address{} // the model: who holds what
		count := map[string]int{}
		random := seeded(byte(rapid.IntRange(0, 255).Draw(t, "seed")))
		taken := func(a netip.Addr) bool { _, ok := held[a]; return ok }
		t.Repeat(map[string]func(*rapid.T){
			"allocate": func(t *rapid.T) {
				o := rapid.SampledFrom(owners).Draw(t, "owner")
				a, err := eip.Allocate(eip.Spec{OwnerID: o, Region: region, Held: count[o], Quota: quota}, pool, taken, random)
				switch {
				case count[o] >= quota:
					wantErr(t, err, eip.ErrQuota, "AddressLimitExceeded")
				case len(held) == int(pool.Len()):
					wantErr(t, err, eip.ErrExhausted, "InsufficientAddressCapacity")
				case err != nil:
					t.Fatalf("Allocate = %v", err)
				default:
					if taken(a.PublicIP()) || !pool.Contains(a.PublicIP()) {
						t.Fatalf("Allocate gave %v, held or outside the pool", a.PublicIP())
					}
					held[a.PublicIP()] = a
					count[o]++
				}
			},
			"allocateNamed": func(t *rapid.T) {
				o := rapid.SampledFrom(owners).Draw(t, "owner")
				want := netip.AddrFrom4([4]byte{192, 0, 2, byte(rapid.IntRange(0, 8).Draw(t, "host"))})
				a, err := eip.Allocate(eip.Spec{OwnerID: o, Region: region, Address: want.String(), Held: count[o], Quota: quota}, pool, taken, random)
				switch {
				case count[o] >= quota:
					wantErr(t, err, eip.ErrQuota, "AddressLimitExceeded")
				case taken(want) || !slices.Contains(allOf(pool), want):
					wantErr(t, err, eip.ErrNotFound, "InvalidAddress.NotFound")
				case err != nil || a.PublicIP() != want:
					t.Fatalf("Allocate(%v) = %v, %v", want, a.PublicIP(), err)
				default:
					held[want] = a
					count[o]++
				}
			},
			"release": func(t *rapid.T) {
				if len(held) == 0 {
					t.Skip("nothing held")
				}
				addrs := make([]netip.Addr, 0, len(held))
				for a := range held {
					addrs = append(addrs, a)
				}
				slices.SortFunc(addrs, netip.Addr.Compare)
				a := rapid.SampledFrom(addrs).Draw(t, "address")
				if err := held[a].CheckRelease(); err != nil {
					t.Fatalf("CheckRelease of a free address = %v", err)
				}
				count[held[a].OwnerID()]--
				delete(held, a)
			},
			"": func(t *rapid.T) {
				ids := map[string]bool{}
				for a, x := range held {
					if x.PublicIP() != a || ids[x.AllocationID()] {
						t.Fatalf("address %v held as %+v, or its allocation ID twice", a, x)
					}
					ids[x.AllocationID()] = true
				}
			},
		})
	})
}

// allOf lists a pool's addresses the slow, obvious way.
func allOf(p eip.Pool) []netip.Addr {
	var out []netip.Addr
	for _, b := range p.Blocks() {
		first := binary.BigEndian.Uint32(b.Addr().AsSlice())
		for i := uint32(1); i < 1<<(32-b.Bits())-1; i++ {
			var x [4]byte
			binary.BigEndian.PutUint32(x[:], first+i)
			out = append(out, netip.AddrFrom4(x))
		}
	}
	return out
}

// TestPoolAgreesWithEnumeration checks Contains and Len against the
// enumerated pool, and that Draw with nothing taken lands on an address of
// the enumeration.
func TestPoolAgreesWithEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(24, 30).Draw(t, "bits")
		third := byte(rapid.IntRange(0, 3).Draw(t, "third"))
		p, err := eip.NewPool(netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 1, third, 0}), bits).Masked(), netip.MustParsePrefix("192.0.2.0/30"))
		if err != nil {
			t.Fatal(err)
		}
		all := allOf(p)
		if uint64(len(all)) != p.Len() {
			t.Fatalf("Len = %d, enumeration has %d", p.Len(), len(all))
		}
		probe := netip.AddrFrom4([4]byte{10, 1, byte(rapid.IntRange(0, 4).Draw(t, "p3")), byte(rapid.IntRange(0, 255).Draw(t, "p4"))})
		if got, want := p.Contains(probe), slices.Contains(all, probe); got != want {
			t.Fatalf("Contains(%v) = %v, enumeration says %v", probe, got, want)
		}
		a, err := p.Draw(seeded(byte(rapid.IntRange(0, 255).Draw(t, "seed"))), nil)
		if err != nil || !slices.Contains(all, a) {
			t.Fatalf("Draw = %v, %v", a, err)
		}
	})
}
