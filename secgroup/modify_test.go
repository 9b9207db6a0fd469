package secgroup_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/secgroup"
)

// modelRule is the model's view of one rule: its direction, its identity
// key (see modelKey) and whether it counts as IPv6.
type modelRule struct {
	egress bool
	key    string
	v6     bool
}

func modelRuleOf(egress bool, s secgroup.RuleSpec) modelRule {
	c, ok := s.Peer.CIDR()
	return modelRule{egress, modelKey(egress, s), ok && c.Addr().Is6()}
}

// TestModifyModel plays random authorize and modify requests on a group
// and on a map from rule ID to rule: every refusal the model predicts, in
// the order of the documented checks, is the one Modify gives; a refused
// request changes nothing; an accepted one keeps every ID and direction,
// and the group never holds two equal rules.
func TestModifyModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		random := rand.NewChaCha8([32]byte{3})
		g, _ := secgroup.Create(secgroup.GroupSpec{OwnerID: "111122223333", VPCID: "vpc-12345678", Name: "g", Description: "d"}, random)
		const limit = 4
		model := map[string]modelRule{}
		for _, r := range g.Rules() {
			model[r.ID] = modelRule{r.Egress, "true/-1/-1/-1/0.0.0.0/0", false}
		}
		t.Repeat(map[string]func(*rapid.T){
			"authorize": func(t *rapid.T) {
				egress := rapid.Bool().Draw(t, "egress")
				s := genSpec().Draw(t, "spec")
				next, added, err := g.Authorize(egress, []secgroup.RuleSpec{s}, limit, random)
				if err != nil {
					return // Authorize's own model is TestAuthorizeRevokeModel
				}
				g = next
				model[added[0].ID] = modelRuleOf(egress, s)
			},
			"modify": func(t *rapid.T) {
				ids := slices.Sorted(func(yield func(string) bool) {
					for id := range model {
						if !yield(id) {
							return
						}
					}
				})
				n := rapid.IntRange(1, 3).Draw(t, "n")
				updates := make([]secgroup.RuleUpdate, n)
				for i := range updates {
					id := "sgr-0000000000000000f"
					if len(ids) > 0 && rapid.IntRange(0, 9).Draw(t, fmt.Sprint("known", i)) > 0 {
						id = rapid.SampledFrom(ids).Draw(t, fmt.Sprint("id", i))
					}
					updates[i] = secgroup.RuleUpdate{ID: id, Spec: genSpec().Draw(t, fmt.Sprint("spec", i))}
				}
				// The model's verdict.
				var want error
				after := map[string]modelRule{}
				for id, r := range model {
					after[id] = r
				}
				for i, u := range updates {
					old, ok := model[u.ID]
					switch {
					case !ok:
						want = secgroup.ErrRuleIDNotFound
					case slices.ContainsFunc(updates[:i], func(v secgroup.RuleUpdate) bool { return v.ID == u.ID }):
						want = secgroup.ErrInvalid
					default:
						nr := modelRuleOf(old.egress, u.Spec)
						c, isCIDR := u.Spec.Peer.CIDR()
						if isCIDR && wasCIDR(old) && old.v6 != c.Addr().Is6() {
							want = secgroup.ErrInvalid
						}
						after[u.ID] = nr
					}
					if want != nil {
						break
					}
				}
				if want == nil {
					seen := map[string]bool{}
					for _, r := range after {
						if seen[r.key] {
							want = secgroup.ErrDuplicate
						}
						seen[r.key] = true
					}
				}
				if want == nil {
					count := map[[2]bool]int{}
					for _, r := range after {
						count[[2]bool{r.egress, r.v6}]++
					}
					for _, n := range count {
						if n > limit {
							want = secgroup.ErrRuleLimit
						}
					}
				}
				next, changed, err := g.Modify(updates, limit)
				if want != nil {
					mustFail(t, err, want)
					return
				}
				if err != nil || len(changed) != len(updates) {
					t.Fatalf("Modify(%v) = %v, %v; the model accepts it", updates, changed, err)
				}
				for i, r := range changed {
					if r.ID != updates[i].ID || r.Egress != model[r.ID].egress {
						t.Fatalf("changed rule %d = %+v, want ID %s and egress %v", i, r, updates[i].ID, model[r.ID].egress)
					}
				}
				g, model = next, after
			},
			"": func(t *rapid.T) {
				rs := g.Rules()
				if len(rs) != len(model) {
					t.Fatalf("group holds %d rules, model %d", len(rs), len(model))
				}
				for _, r := range rs {
					m, ok := model[r.ID]
					if k := fmt.Sprintf("%v/%s/%d/%d/%s", r.Egress, r.Protocol, r.FromPort, r.ToPort, r.Peer); !ok || m.key != k || m.egress != r.Egress {
						t.Fatalf("rule %s = %s, model %+v", r.ID, k, m)
					}
				}
			},
		})
	})
}

// wasCIDR reports whether a model rule's peer is a block: not one of the
// groups genSpec draws.
func wasCIDR(r modelRule) bool {
	return !slices.Contains([]string{"sg-11111111", "sg-22222222"}, peerOfKey(r.key))
}

func peerOfKey(k string) string {
	// key: egress/proto/from/to/peer, where a CIDR peer holds one more slash.
	n := 0
	for i := range len(k) {
		if k[i] == '/' {
			n++
			if n == 4 {
				return k[i+1:]
			}
		}
	}
	return ""
}
