package vpc_test

import (
	"math/rand/v2"
	"net/netip"
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
