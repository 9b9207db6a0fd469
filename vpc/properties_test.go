package vpc_test

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/vpc"
)

// TestBlocksAgainstModel drives a VPC through random associations,
// disassociations and settles, and checks it against a model: a list of
// (block, state) pairs with the quota and primary rules written out plainly.
func TestBlocksAgainstModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v, err := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "us-east-1", CIDRBlock: netip.MustParsePrefix("10.0.0.0/16")},
			rand.NewChaCha8([32]byte{1}))
		if err != nil {
			t.Fatal(err)
		}
		random := rand.NewChaCha8([32]byte{2})
		type blk struct {
			p     netip.Prefix
			state vpc.BlockState
			id    string
		}
		model := []blk{{netip.MustParsePrefix("10.0.0.0/16"), vpc.BlockAssociated, v.Blocks()[0].AssociationID}}
		live := func() int {
			n := 0
			for _, b := range model {
				if b.state == vpc.BlockAssociated || b.state == vpc.BlockAssociating {
					n++
				}
			}
			return n
		}
		t.Repeat(map[string]func(*rapid.T){
			"associate": func(t *rapid.T) {
				// 10.1.0.0/16 .. 10.8.0.0/16: disjoint from each other and the primary.
				p := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(rapid.IntRange(1, 8).Draw(t, "octet")), 0, 0}), 16)
				next, b, err := v.AssociateBlock(p, nil, random)
				dup := false
				for _, m := range model {
					dup = dup || (m.p == p && (m.state == vpc.BlockAssociated || m.state == vpc.BlockAssociating))
				}
				switch {
				case dup:
					if err == nil {
						t.Fatalf("duplicate block %s accepted", p)
					}
				case live() >= vpc.MaxBlocks:
					wantCodeR(t, err, "CidrLimitExceeded")
				case err != nil:
					t.Fatalf("AssociateBlock(%s) = %v", p, err)
				default:
					v = next
					model = append(model, blk{p, vpc.BlockAssociating, b.AssociationID})
				}
			},
			"disassociate": func(t *rapid.T) {
				i := rapid.IntRange(0, len(model)-1).Draw(t, "i")
				next, _, err := v.DisassociateBlock(model[i].id)
				switch {
				case i == 0:
					wantCodeR(t, err, "OperationNotPermitted")
				case model[i].state != vpc.BlockAssociated && model[i].state != vpc.BlockAssociating:
					if err == nil {
						t.Fatalf("disassociated a %s block", model[i].state)
					}
				case err != nil:
					t.Fatalf("DisassociateBlock = %v", err)
				default:
					v = next
					model[i].state = vpc.BlockDisassociating
				}
			},
			"settle": func(t *rapid.T) {
				v = v.Settle()
				var next []blk
				for _, b := range model {
					switch b.state {
					case vpc.BlockAssociating:
						b.state = vpc.BlockAssociated
					case vpc.BlockDisassociating:
						continue
					}
					next = append(next, b)
				}
				model = next
			},
			"": func(t *rapid.T) {
				got := v.Blocks()
				if len(got) != len(model) {
					t.Fatalf("%d blocks, model has %d", len(got), len(model))
				}
				for i, b := range got {
					if b.CIDR != model[i].p || b.State != model[i].state || b.AssociationID != model[i].id {
						t.Fatalf("block %d = %+v, model %+v", i, b, model[i])
					}
				}
				if len(v.CIDRs()) != live() || live() > vpc.MaxBlocks {
					t.Fatalf("CIDRs = %v, model has %d live", v.CIDRs(), live())
				}
			},
		})
	})
}

func wantCodeR(t *rapid.T, err error, code string) {
	t.Helper()
	coded, ok := err.(interface{ ErrorCode() string })
	if !ok || coded.ErrorCode() != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
}

// TestAllocateIPv6Unique fills what is left of the Amazon pool: all of
// 2600:1f00::/24 but one random free range F (a /52 to a /56) is taken, as
// a partition's earlier blocks and a VPC's routes take it, and blocks are
// drawn one after another, each avoiding those drawn before. Each must be a
// masked /56 inside F that overlaps no earlier one, F must yield exactly
// as many blocks as it holds, and the next draw must fail.
func TestAllocateIPv6Unique(t *testing.T) {
	pool := netip.MustParsePrefix("2600:1f00::/24")
	rapid.Check(t, func(t *rapid.T) {
		bits := rapid.IntRange(52, 56).Draw(t, "free range size")
		a := pool.Addr().As16()
		for i := 24; i < bits; i++ { // a random free range inside the pool
			if rapid.Bool().Draw(t, "bit") {
				a[i/8] |= 0x80 >> (i % 8)
			}
		}
		free := netip.PrefixFrom(netip.AddrFrom16(a), bits)
		// The pool minus free: the sibling of each prefix on the path down.
		var taken []netip.Prefix
		for i := 24; i < bits; i++ {
			s := free.Addr().As16()
			s[i/8] ^= 0x80 >> (i % 8)
			taken = append(taken, netip.PrefixFrom(netip.AddrFrom16(s), i+1).Masked())
		}
		var seed [32]byte
		seed[0] = byte(rapid.IntRange(0, 255).Draw(t, "seed"))
		random := rand.NewChaCha8(seed)
		var drawn []netip.Prefix
		for range 1 << (56 - bits) {
			p, err := vpc.AllocateIPv6(vpc.IPv6Source{Taken: append(slices.Clone(taken), drawn...)}, random)
			if err != nil {
				t.Fatalf("after %d of %d blocks of %s: %v", len(drawn), 1<<(56-bits), free, err)
			}
			if p.Bits() != 56 || p != p.Masked() || !p.Addr().Is6() || !pool.Contains(p.Addr()) || !free.Contains(p.Addr()) {
				t.Fatalf("allocated %s, not a /56 of the free %s", p, free)
			}
			for _, q := range drawn {
				if p.Overlaps(q) {
					t.Fatalf("allocated %s twice", p)
				}
			}
			drawn = append(drawn, p)
		}
		_, err := vpc.AllocateIPv6(vpc.IPv6Source{Taken: append(taken, drawn...)}, random)
		wantCodeR(t, err, "InsufficientCidrBlocks")
	})
}

// TestIPv6BlocksAgainstModel drives a VPC's IPv6 associations through
// random associations, disassociations and settles, against a list of
// (block, state) pairs with the quota and the listing rule written out
// plainly.
func TestIPv6BlocksAgainstModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v, err := vpc.Create(vpc.Spec{OwnerID: "111122223333", Region: "eu-west-1", CIDRBlock: netip.MustParsePrefix("10.0.0.0/16")},
			rand.NewChaCha8([32]byte{1}))
		if err != nil {
			t.Fatal(err)
		}
		random := rand.NewChaCha8([32]byte{3})
		type blk struct {
			p     netip.Prefix
			state vpc.BlockState
			id    string
		}
		var model []blk
		count := func(states ...vpc.BlockState) int {
			n := 0
			for _, b := range model {
				if slices.Contains(states, b.state) {
					n++
				}
			}
			return n
		}
		t.Repeat(map[string]func(*rapid.T){
			"associate": func(t *rapid.T) {
				group := rapid.SampledFrom([]string{"", "eu-west-1", "us-east-1"}).Draw(t, "border group")
				next, b, err := v.AssociateIPv6Block(group, vpc.IPv6Source{}, random)
				switch {
				case group == "us-east-1":
					wantCodeR(t, err, "InvalidParameterValue")
				case count(vpc.BlockAssociating, vpc.BlockAssociated) >= 5:
					wantCodeR(t, err, "CidrLimitExceeded")
				case err != nil:
					t.Fatalf("AssociateIPv6Block = %v", err)
				default:
					// A new block: none the VPC lists, in any state.
					if slices.ContainsFunc(model, func(m blk) bool { return m.p.Overlaps(b.CIDR) }) ||
						b.CIDR.Bits() != 56 || b.State != vpc.BlockAssociating || b.NetworkBorderGroup != "eu-west-1" {
						t.Fatalf("association %+v", b)
					}
					v = next
					model = append(model, blk{b.CIDR, vpc.BlockAssociating, b.AssociationID})
				}
			},
			"disassociate": func(t *rapid.T) {
				if len(model) == 0 {
					t.Skip("no IPv6 block")
				}
				i := rapid.IntRange(0, len(model)-1).Draw(t, "i")
				next, _, err := v.DisassociateIPv6Block(model[i].id)
				switch {
				case model[i].state != vpc.BlockAssociated && model[i].state != vpc.BlockAssociating:
					wantCodeR(t, err, "IncorrectState")
				case err != nil:
					t.Fatalf("DisassociateIPv6Block = %v", err)
				default:
					v = next
					model[i].state = vpc.BlockDisassociating
				}
			},
			"settle": func(t *rapid.T) {
				v = v.Settle()
				for i := range model {
					switch model[i].state {
					case vpc.BlockAssociating:
						model[i].state = vpc.BlockAssociated
					case vpc.BlockDisassociating:
						model[i].state = vpc.BlockDisassociated
					}
				}
				for count(vpc.BlockDisassociated) > 5 {
					i := slices.IndexFunc(model, func(b blk) bool { return b.state == vpc.BlockDisassociated })
					model = slices.Delete(model, i, i+1)
				}
			},
			"": func(t *rapid.T) {
				got := v.IPv6Blocks()
				if len(got) != len(model) {
					t.Fatalf("%d IPv6 blocks, model has %d", len(got), len(model))
				}
				for i, b := range got {
					if b.CIDR != model[i].p || b.State != model[i].state || b.AssociationID != model[i].id {
						t.Fatalf("block %d = %+v, model %+v", i, b, model[i])
					}
				}
				if n := count(vpc.BlockAssociating, vpc.BlockAssociated); len(v.IPv6CIDRs()) != n || n > 5 {
					t.Fatalf("IPv6CIDRs = %v, model has %d live", v.IPv6CIDRs(), n)
				}
			},
		})
	})
}
