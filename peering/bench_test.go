package peering_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/tag"
)

// benchResolver makes up a VPC for any reference: requester-side IDs
// (below 1<<24) get blocks in 10.0.0.0/8, the others in 172.16.0.0/12, so no
// two sides ever overlap.
var benchResolver = peering.VPCResolverFunc(func(ref peering.VPCRef) (peering.VPC, bool) {
	n, err := strconv.ParseUint(ref.ID[len("vpc-"):], 16, 32)
	if err != nil {
		return peering.VPC{}, false
	}
	var p netip.Prefix
	if n < 1<<24 {
		p = netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(n >> 12), byte(n >> 4), byte(n << 4)}), 28)
	} else {
		p = netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 16 | byte(n>>16)&15, byte(n >> 8), byte(n)}), 32)
		p = netip.PrefixFrom(p.Addr(), 28).Masked()
	}
	return peering.VPC{OwnerID: ref.OwnerID, Region: ref.Region, ID: ref.ID, IPv4: []netip.Prefix{p}}, true
})

const benchAccepters = 1000

func benchAccepter(k int) string { return fmt.Sprintf("%012d", 200000000000+k%benchAccepters) }

type benchWorld struct {
	r    *peering.Registry
	ids  []string // pending connections, all requested by acctA
	next int      // the next unused requester VPC number
}

var benchWorlds = map[int]*benchWorld{}

// newBenchWorld returns a Registry holding n pending connections, all
// requested by acctA from VPC k to VPC (1<<24)+k of one of 1,000 accepter
// accounts.
func newBenchWorld(b *testing.B, n int) *benchWorld {
	if w, ok := benchWorlds[n]; ok {
		return w
	}
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{42}), benchResolver, peering.Quotas{OutstandingRequests: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	a := peering.Party{Account: acctA, Region: reg1}
	w := &benchWorld{r: r}
	for k := range n {
		v, err := r.Create(a, peering.CreateInput{VPCID: fmt.Sprintf("vpc-%08x", k), PeerVPCID: fmt.Sprintf("vpc-%08x", 1<<24+k),
			PeerOwnerID: benchAccepter(k)}, t0)
		if err != nil {
			b.Fatal(err)
		}
		w.ids = append(w.ids, v.ID())
	}
	w.next = n
	benchWorlds[n] = w
	return w
}

var benchSizes = []int{1_000, 100_000}

// BenchmarkLifecycle creates, accepts and deletes one connection next to n
// live ones. Each round is a same-account peering of acctC (so that what it
// leaves behind does not grow acctA's share, which the describe benchmarks
// read) one second after the last; a deleted same-account connection is
// visible for two hours, so the benchmark reaches a steady state of about
// 7,200 deleted connections instead of growing without bound.
func BenchmarkLifecycle(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			a := peering.Party{Account: acctC, Region: reg1}
			b.ReportAllocs()
			for b.Loop() {
				k := w.next
				w.next++
				now := t0.Add(time.Duration(k-n) * time.Second)
				if now.After(t0.Add(peering.RequestLifetime - time.Hour)) {
					b.Fatal("the benchmark ran so long that the world's requests would expire")
				}
				v, err := w.r.Create(a, peering.CreateInput{VPCID: fmt.Sprintf("vpc-%08x", k), PeerVPCID: fmt.Sprintf("vpc-%08x", 1<<24+k)}, now)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := w.r.Accept(a, v.ID(), now); err != nil {
					b.Fatal(err)
				}
				if _, err := w.r.Delete(a, v.ID(), now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGet looks connections up by ID among n live ones.
func BenchmarkGet(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			a := peering.Party{Account: acctA, Region: reg1}
			rng := rand.New(rand.NewPCG(42, 42))
			probes := make([]string, 1024)
			for i := range probes {
				probes[i] = w.ids[rng.IntN(len(w.ids))]
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := w.r.View(a, probes[i&1023], t0); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkDescribe compares filters answered from an index (a VPC ID, an
// owner) with the same question asked through a wildcard, which can only
// be answered by scanning the caller's connections (all n of them).
func BenchmarkDescribe(b *testing.B) {
	for _, n := range benchSizes {
		w := newBenchWorld(b, n)
		a := peering.Party{Account: acctA, Region: reg1}
		k := n / 2
		vpc := fmt.Sprintf("vpc-%08x", 1<<24+k)
		owner := benchAccepter(k)
		for _, tc := range []struct {
			name string
			f    peering.Filter
			want int
		}{
			{"vpc-id/index", peering.Filter{Name: "accepter-vpc-info.vpc-id", Values: []string{vpc}}, 1},
			{"vpc-id/scan", peering.Filter{Name: "accepter-vpc-info.vpc-id", Values: []string{vpc + "*"}}, 1},
			{"owner-id/index", peering.Filter{Name: "accepter-vpc-info.owner-id", Values: []string{owner}}, n / benchAccepters},
			{"owner-id/scan", peering.Filter{Name: "accepter-vpc-info.owner-id", Values: []string{owner + "*"}}, n / benchAccepters},
		} {
			b.Run(fmt.Sprintf("n=%d/%s", n, tc.name), func(b *testing.B) {
				q := peering.Query{Filters: []peering.Filter{tc.f}}
				b.ReportAllocs()
				for b.Loop() {
					page, err := w.r.Describe(a, q, t0)
					if err != nil || len(page.Connections) != tc.want {
						b.Fatalf("Describe = %d, %v; want %d", len(page.Connections), err, tc.want)
					}
				}
			})
		}
	}
}

// newEncodingWorld returns a Registry holding n connections, requested by
// acctA of 1,000 accepter accounts: every third accepted (active), every
// seventh deleted after it was accepted, the rest pending, and every fifth
// tagged by its requester.
func newEncodingWorld(b *testing.B, n int) *peering.Registry {
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{43}), benchResolver, peering.Quotas{OutstandingRequests: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	a := peering.Party{Account: acctA, Region: reg1}
	for k := range n {
		in := peering.CreateInput{VPCID: fmt.Sprintf("vpc-%08x", k), PeerVPCID: fmt.Sprintf("vpc-%08x", 1<<24+k), PeerOwnerID: benchAccepter(k)}
		if k%5 == 0 {
			in.Tags = []tag.Tag{{Key: "Name", Value: fmt.Sprintf("link-%d", k)}}
		}
		v, err := r.Create(a, in, t0)
		if err != nil {
			b.Fatal(err)
		}
		acc := peering.Party{Account: benchAccepter(k), Region: reg1}
		if k%3 == 0 || k%7 == 0 {
			if _, err := r.Accept(acc, v.ID(), t0); err != nil {
				b.Fatal(err)
			}
		}
		if k%7 == 0 {
			if _, err := r.Delete(acc, v.ID(), t0); err != nil {
				b.Fatal(err)
			}
		}
	}
	return r
}

// BenchmarkRegistryEncoding encodes a Registry of n connections and
// restores it into another (MarshalBinary then UnmarshalBinary), and
// reports the size of the encoding per connection.
func BenchmarkRegistryEncoding(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := newEncodingWorld(b, n)
			into, err := peering.NewRegistry(rand.NewChaCha8([32]byte{44}), benchResolver, peering.Quotas{OutstandingRequests: 1 << 30})
			if err != nil {
				b.Fatal(err)
			}
			var size int
			b.ReportAllocs()
			for b.Loop() {
				enc, err := r.MarshalBinary()
				if err != nil {
					b.Fatal(err)
				}
				if err := into.UnmarshalBinary(enc); err != nil {
					b.Fatal(err)
				}
				size = len(enc)
			}
			if into.Len() != n {
				b.Fatalf("restored %d connections, want %d", into.Len(), n)
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/conn")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/conn")
		})
	}
}
