package ipam_test

import (
	"errors"
	"fmt"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/ipam"
	"pgregory.net/rapid"
)

func pfx(s ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(s))
	for i, x := range s {
		out[i] = netip.MustParsePrefix(x)
	}
	return out
}

func TestNextFree(t *testing.T) {
	for _, tc := range []struct {
		within, taken []netip.Prefix
		bits          int
		want          string // "" for none
	}{
		{pfx("10.0.0.0/8"), nil, 16, "10.0.0.0/16"},
		{pfx("10.0.0.0/8"), pfx("10.0.0.0/16"), 16, "10.1.0.0/16"},
		{pfx("10.0.0.0/8"), pfx("10.1.0.0/16"), 16, "10.0.0.0/16"},
		{pfx("10.0.0.0/8"), pfx("10.0.0.0/24"), 16, "10.1.0.0/16"},  // a small block spoils its /16
		{pfx("10.0.0.0/8"), pfx("10.0.0.0/12"), 16, "10.16.0.0/16"}, // skipped past a larger block
		{pfx("10.0.0.0/8"), pfx("10.0.0.0/8"), 16, ""},              // full
		{pfx("10.0.0.0/16"), nil, 8, ""},                            // larger than the pool
		{pfx("10.0.0.0/24", "10.0.0.0/8"), pfx("10.0.0.0/24"), 24, "10.0.1.0/24"},
		{pfx("192.168.0.0/16", "10.0.0.0/8"), nil, 20, "10.0.0.0/20"}, // the lowest across CIDRs
		{pfx("10.0.0.0/30"), pfx("10.0.0.0/32", "10.0.0.2/32"), 32, "10.0.0.1/32"},
		{pfx("255.255.255.0/24"), pfx("255.255.255.0/25"), 25, "255.255.255.128/25"},
		{pfx("255.255.255.0/24"), pfx("255.255.255.128/25", "255.255.255.0/25"), 25, ""}, // no wrap at the end
		{pfx("2001:db8::/48"), pfx("2001:db8::/56"), 56, "2001:db8:0:100::/56"},
	} {
		got, ok := ipam.NextFree(tc.within, tc.taken, tc.bits)
		if tc.want == "" {
			if ok {
				t.Errorf("NextFree(%v, %v, %d) = %v, want none", tc.within, tc.taken, tc.bits, got)
			}
			continue
		}
		if !ok || got.String() != tc.want {
			t.Errorf("NextFree(%v, %v, %d) = %v %v, want %s", tc.within, tc.taken, tc.bits, got, ok, tc.want)
		}
	}
}

func TestCheckFree(t *testing.T) {
	within := pfx("10.0.0.0/8")
	for _, tc := range []struct {
		taken []netip.Prefix
		p     string
		ok    bool
	}{
		{nil, "10.1.0.0/16", true},
		{nil, "10.0.0.0/8", true},
		{nil, "11.0.0.0/16", false},                // outside
		{nil, "10.0.0.0/7", false},                 // larger than the CIDR
		{pfx("10.1.0.0/16"), "10.1.0.0/16", false}, // taken
		{pfx("10.1.0.0/24"), "10.1.0.0/16", false}, // overlaps
		{pfx("10.1.0.0/16"), "10.2.0.0/16", true},
	} {
		err := ipam.CheckFree(within, tc.taken, netip.MustParsePrefix(tc.p))
		if (err == nil) != tc.ok {
			t.Errorf("CheckFree(%s, %v) = %v, want ok %v", tc.p, tc.taken, err, tc.ok)
		}
	}
}

func readyPool(t *testing.T) ipam.Pool {
	t.Helper()
	p := ipam.Pool{ID: "ipam-pool-1", AddressFamily: "ipv4", State: "create-in-progress", MinNetmask: 12, MaxNetmask: 28, DefaultNetmask: 16}
	if err := p.Check(); err != nil {
		t.Fatal(err)
	}
	p, _, err := p.Provision("c1", netip.MustParsePrefix("10.0.0.0/8"))
	if err != nil {
		t.Fatal(err)
	}
	return p.Settle()
}

func code(err error) string {
	var e *ec2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return fmt.Sprint(err)
}

func TestPoolRules(t *testing.T) {
	p := readyPool(t)
	if _, _, err := p.Provision("c2", netip.MustParsePrefix("10.5.0.0/16")); code(err) != "InvalidParameterValue" {
		t.Errorf("overlapping provision: %v", err)
	}
	if _, _, err := p.Provision("c2", netip.MustParsePrefix("2001:db8::/48")); code(err) != "InvalidParameterValue" {
		t.Errorf("IPv6 CIDR in an IPv4 pool: %v", err)
	}
	for bits, want := range map[int]string{11: "InvalidParameterValue", 29: "InvalidParameterValue", 12: "", 28: "", 0: ""} {
		if _, err := p.Next(ipam.Request{NetmaskLength: bits}); err != nil && code(err) != want || err == nil && want != "" {
			t.Errorf("Next(/%d) = %v, want %q", bits, err, want)
		}
	}
	if got, _ := p.Next(ipam.Request{}); got.String() != "10.0.0.0/16" {
		t.Errorf("Next with the default netmask = %v", got)
	}
	p2, a, err := p.Allocate("a1", ipam.Request{NetmaskLength: 16, ResourceID: "vpc-1", ResourceType: "vpc"})
	if err != nil || a.CIDR.String() != "10.0.0.0/16" {
		t.Fatalf("Allocate = %v %v", a, err)
	}
	if len(p.Allocations) != 0 {
		t.Error("Allocate changed the pool it was called on")
	}
	if _, err := p2.Next(ipam.Request{CIDR: netip.MustParsePrefix("10.0.0.0/16")}); code(err) != "InvalidParameterValue" {
		t.Errorf("allocating a taken CIDR: %v", err)
	}
	if err := p2.CheckDelete(); code(err) != "DependencyViolation" {
		t.Errorf("deleting a pool with CIDRs: %v", err)
	}
	if _, _, err := p2.Deprovision(netip.MustParsePrefix("10.9.0.0/16")); code(err) != "InvalidParameterValue" {
		t.Errorf("deprovisioning a CIDR the pool never held: %v", err)
	}
	// Deprovisioning a CIDR with an allocation in it fails by itself.
	pd, c, err := p2.Deprovision(netip.MustParsePrefix("10.0.0.0/8"))
	if err != nil || c.State != "pending-deprovision" {
		t.Fatalf("Deprovision with an allocation = %v %v", c, err)
	}
	if _, _, err := pd.Deprovision(netip.MustParsePrefix("10.0.0.0/8")); code(err) != "IncorrectState" {
		t.Errorf("deprovisioning a CIDR pending deprovision: %v", err)
	}
	failed := pd.Settle()
	if c := failed.CIDRs[0]; c.State != "failed-deprovision" || c.FailureMessage != ipam.FailedDeprovisionMessage {
		t.Fatalf("CIDR after a failed deprovision = %+v", c)
	}
	if _, err := failed.Next(ipam.Request{NetmaskLength: 16}); err != nil {
		t.Errorf("a CIDR whose deprovisioning failed gives no more blocks: %v", err)
	}
	p3, ok := failed.Release("a1")
	if !ok {
		t.Fatal("Release")
	}
	p4, c, err := p3.Deprovision(netip.MustParsePrefix("10.0.0.0/8"))
	if err != nil || c.State != "pending-deprovision" || c.FailureMessage != "" {
		t.Fatalf("Deprovision = %v %v", c, err)
	}
	p5 := p4.Settle()
	if p5.CIDRs[0].State != "deprovisioned" {
		t.Fatalf("CIDR after deprovisioning = %+v", p5.CIDRs[0])
	}
	if err := p5.CheckDelete(); err != nil {
		t.Errorf("deleting an emptied pool: %v", err)
	}
	if _, _, err := p5.Deprovision(netip.MustParsePrefix("10.0.0.0/8")); code(err) != "IncorrectState" {
		t.Errorf("deprovisioning a deprovisioned CIDR: %v", err)
	}
	if err := (ipam.Pool{AddressFamily: "ipv4", MinNetmask: 20, MaxNetmask: 16}).Check(); code(err) != "InvalidParameterValue" {
		t.Errorf("min above max: %v", err)
	}
}

// TestAllocateReleaseModel checks allocation and release against a model
// that holds the allocated blocks in a set and finds the next block by
// trying every aligned block in address order.
func TestAllocateReleaseModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := ipam.Pool{ID: "ipam-pool-1", AddressFamily: "ipv4", State: "create-complete"}
		// A /20 to allocate /20 to /28 from, in address units of /28 (256).
		base := netip.MustParsePrefix("10.0.0.0/20")
		p, _, err := p.Provision("c", base)
		if err != nil {
			t.Fatal(err)
		}
		p = p.Settle()
		model := map[string]netip.Prefix{}
		overlapsModel := func(c netip.Prefix) bool {
			for _, m := range model {
				if m.Overlaps(c) {
					return true
				}
			}
			return false
		}
		for i := range rapid.IntRange(1, 40).Draw(t, "steps") {
			if len(model) > 0 && rapid.Bool().Draw(t, "release") {
				ids := make([]string, 0, len(model))
				for id := range model {
					ids = append(ids, id)
				}
				id := rapid.SampledFrom(ids).Draw(t, "id")
				var ok bool
				if p, ok = p.Release(id); !ok {
					t.Fatalf("Release(%s) found nothing", id)
				}
				delete(model, id)
				continue
			}
			bits := rapid.IntRange(20, 28).Draw(t, "bits")
			var want netip.Prefix
			size := uint32(1) << (32 - bits)
			start := uint32(10) << 24
			for off := uint32(0); off < 1<<12; off += size {
				a := start + off
				c := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}), bits)
				if !overlapsModel(c) {
					want = c
					break
				}
			}
			id := fmt.Sprint("a", i)
			next, a, err := p.Allocate(id, ipam.Request{NetmaskLength: bits})
			if !want.IsValid() {
				if err == nil {
					t.Fatalf("allocated %v from a pool the model finds full for /%d", a.CIDR, bits)
				}
				continue
			}
			if err != nil || a.CIDR != want {
				t.Fatalf("Allocate(/%d) = %v %v, model %v", bits, a.CIDR, err, want)
			}
			p = next
			model[id] = want
		}
		if len(p.Allocations) != len(model) {
			t.Fatalf("%d allocations, model %d", len(p.Allocations), len(model))
		}
		for _, a := range p.Allocations {
			if model[a.ID] != a.CIDR {
				t.Fatalf("allocation %s is %v, model %v", a.ID, a.CIDR, model[a.ID])
			}
		}
	})
}
