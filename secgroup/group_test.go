package secgroup_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/secgroup"
)

var mustPrefix = netip.MustParsePrefix

func tcp(from, to int, cidr string) secgroup.RuleSpec {
	return secgroup.RuleSpec{Protocol: "tcp", FromPort: from, HasFromPort: true, ToPort: to, HasToPort: true, Peer: secgroup.CIDRPeer(mustPrefix(cidr))}
}

func newGroup(t *testing.T, seed ...byte) secgroup.Group {
	t.Helper()
	g, err := secgroup.Create(secgroup.GroupSpec{OwnerID: "111122223333", VPCID: "vpc-0123456789abcdef0", Name: "web", Description: "web"}, rand.NewChaCha8([32]byte{append(seed, 1)[0]}))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *secgroup.Error
	if !errors.As(err, &e) || e.ErrorCode() != code || e.ErrorMessage() == "" {
		t.Fatalf("err = %v, want a *secgroup.Error with code %s", err, code)
	}
}

func TestRuleSpec(t *testing.T) {
	for _, tt := range []struct {
		name string
		spec secgroup.RuleSpec
		want secgroup.Rule
		code string
	}{
		{"tcp", tcp(22, 22, "10.0.0.1/8"), secgroup.Rule{Protocol: "tcp", FromPort: 22, ToPort: 22, Peer: secgroup.CIDRPeer(mustPrefix("10.0.0.0/8"))}, ""},
		{"6 is tcp", secgroup.RuleSpec{Protocol: "6", FromPort: 1, HasFromPort: true, ToPort: 2, HasToPort: true, Peer: secgroup.PrefixListPeer("pl-12345678")},
			secgroup.Rule{Protocol: "tcp", FromPort: 1, ToPort: 2, Peer: secgroup.PrefixListPeer("pl-12345678")}, ""},
		{"all ignores ports", secgroup.RuleSpec{Protocol: "-1", FromPort: 5, HasFromPort: true, Peer: secgroup.CIDRPeer(mustPrefix("::/0"))},
			secgroup.Rule{Protocol: "-1", FromPort: -1, ToPort: -1, Peer: secgroup.CIDRPeer(mustPrefix("::/0"))}, ""},
		{"50 ignores ports", secgroup.RuleSpec{Protocol: "50", Peer: secgroup.GroupPeer(secgroup.GroupRef{GroupID: "sg-12345678"})},
			secgroup.Rule{Protocol: "50", FromPort: -1, ToPort: -1, Peer: secgroup.GroupPeer(secgroup.GroupRef{GroupID: "sg-12345678"})}, ""},
		{"icmpv6 defaults", secgroup.RuleSpec{Protocol: "58", Peer: secgroup.CIDRPeer(mustPrefix("::/0"))},
			secgroup.Rule{Protocol: "icmpv6", FromPort: -1, ToPort: -1, Peer: secgroup.CIDRPeer(mustPrefix("::/0"))}, ""},
		{"all is not a name", secgroup.RuleSpec{Protocol: "all", Peer: secgroup.CIDRPeer(mustPrefix("::/0"))}, secgroup.Rule{}, "InvalidParameterValue"},
		{"256", secgroup.RuleSpec{Protocol: "256", Peer: secgroup.CIDRPeer(mustPrefix("::/0"))}, secgroup.Rule{}, "InvalidParameterValue"},
		{"tcp without ports", secgroup.RuleSpec{Protocol: "tcp", Peer: secgroup.CIDRPeer(mustPrefix("::/0"))}, secgroup.Rule{}, "InvalidParameterValue"},
		{"icmp without type", secgroup.RuleSpec{Protocol: "icmp", Peer: secgroup.CIDRPeer(mustPrefix("::/0"))}, secgroup.Rule{}, "InvalidParameterValue"},
		{"port out of range", tcp(-1, 80, "0.0.0.0/0"), secgroup.Rule{}, "InvalidPermission.Malformed"},
		{"port above range", tcp(80, 65536, "0.0.0.0/0"), secgroup.Rule{}, "InvalidPermission.Malformed"},
		{"from above to", tcp(81, 80, "0.0.0.0/0"), secgroup.Rule{}, "InvalidParameterValue"},
		{"no peer", secgroup.RuleSpec{Protocol: "-1"}, secgroup.Rule{}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.spec.Rule(false)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Rule() = %+v, %v, want %+v", got, err, tt.want)
			}
		})
	}
}

func TestDefaultGroup(t *testing.T) {
	g := secgroup.CreateDefault("sg-0123456789abcdef0", "vpc-0123456789abcdef0", "111122223333")
	rs := g.Rules()
	if len(rs) != 2 || rs[0].Egress || !rs[1].Egress || !secgroup.IsRuleID(rs[0].ID) || rs[0].ID == rs[1].ID {
		t.Fatalf("default rules = %+v", rs)
	}
	if ref, ok := rs[0].Peer.Group(); !ok || ref.GroupID != g.ID() || ref.UserID != "111122223333" {
		t.Fatalf("inbound peer = %+v", rs[0].Peer)
	}
	wantCode(t, g.CheckDelete(nil), "CannotDelete")
	if again := secgroup.CreateDefault(g.ID(), g.VPCID(), g.OwnerID()); again.Rules()[0] != rs[0] {
		t.Fatal("default rule IDs are not derived from the group ID")
	}
	// The derivation is part of the state's encoding: pin it.
	for n, r := range rs {
		sum := sha256.Sum256(append([]byte(g.ID()), byte(n)))
		if want := "sgr-" + hex.EncodeToString(sum[:9])[:17]; r.ID != want {
			t.Errorf("rule %d ID = %s, want %s", n, r.ID, want)
		}
	}
}

func TestAuthorizeRevoke(t *testing.T) {
	g := newGroup(t)
	random := rand.NewChaCha8([32]byte{2})
	// A new group's one rule: re-adding it is a duplicate, quoted as EC2 quotes it.
	_, _, err := g.Authorize(true, []secgroup.RuleSpec{{Protocol: "-1", Peer: secgroup.CIDRPeer(mustPrefix("0.0.0.0/0"))}}, 0, random)
	wantCode(t, err, "InvalidPermission.Duplicate")
	if want, se := `the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists`, (*secgroup.Error)(nil); !errors.As(err, &se) || se.ErrorMessage() != want {
		t.Fatalf("message of %v, want %q", err, want)
	}
	g2, added, err := g.Authorize(false, []secgroup.RuleSpec{tcp(22, 22, "10.0.0.0/8"), tcp(443, 443, "10.0.0.0/8")}, 0, random)
	if err != nil || len(added) != 2 || len(g2.Rules()) != 3 || len(g.Rules()) != 1 {
		t.Fatalf("Authorize = %v, %v; rules %d (receiver %d)", added, err, len(g2.Rules()), len(g.Rules()))
	}
	_, _, err = g2.Authorize(false, []secgroup.RuleSpec{tcp(22, 22, "10.1.2.3/8")}, 0, random)
	wantCode(t, err, "InvalidPermission.Duplicate")
	_, _, err = g2.Authorize(false, []secgroup.RuleSpec{tcp(1, 1, "10.0.0.0/8"), tcp(1, 1, "10.0.0.0/8")}, 0, random)
	wantCode(t, err, "InvalidPermission.Duplicate")
	_, _, err = g2.Authorize(false, []secgroup.RuleSpec{tcp(1, 1, "10.0.0.0/8")}, 2, random)
	wantCode(t, err, "RulesPerSecurityGroupLimitExceeded")
	_, _, err = g2.Revoke(false, []secgroup.RuleSpec{tcp(23, 23, "10.0.0.0/8")})
	wantCode(t, err, "InvalidPermission.NotFound")
	_, _, err = g2.RevokeIDs(true, []string{added[0].ID})
	wantCode(t, err, "InvalidSecurityGroupRuleId.NotFound")
	g3, gone, err := g2.RevokeIDs(false, []string{added[0].ID})
	if err != nil || len(gone) != 1 || len(g3.Rules()) != 2 {
		t.Fatalf("RevokeIDs = %v, %v", gone, err)
	}
	g4, gone, err := g3.Revoke(false, []secgroup.RuleSpec{{Protocol: "6", FromPort: 443, HasFromPort: true, ToPort: 443, HasToPort: true, Peer: secgroup.CIDRPeer(mustPrefix("10.0.0.0/8")), Description: "other"}})
	if err != nil || len(gone) != 1 || len(g4.Rules()) != 1 {
		t.Fatalf("Revoke = %v, %v", gone, err)
	}
}

func TestCheckDelete(t *testing.T) {
	a, b := newGroup(t, 7), newGroup(t, 8)
	b2, _, err := b.Authorize(false, []secgroup.RuleSpec{{Protocol: "-1", Peer: secgroup.GroupPeer(secgroup.GroupRef{GroupID: a.ID()})}}, 0, rand.NewChaCha8([32]byte{3}))
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, a.CheckDelete([]secgroup.Group{a, b2}), "DependencyViolation")
	if err := b2.CheckDelete([]secgroup.Group{a, b2}); err != nil {
		t.Fatalf("CheckDelete = %v", err)
	}
}

func TestCheckSpec(t *testing.T) {
	for _, tt := range []struct{ name, group, desc, code string }{
		{"reserved", "Default", "d", "InvalidGroup.Reserved"},
		{"sg-", "sg-web", "d", "InvalidParameterValue"},
		{"no description", "web", "", "MissingParameter"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, secgroup.CheckSpec(secgroup.GroupSpec{Name: tt.group, Description: tt.desc}), tt.code)
		})
	}
	g := newGroup(t)
	wantCode(t, secgroup.CheckUnique(secgroup.GroupSpec{VPCID: g.VPCID(), Name: "WEB"}, []secgroup.Group{g}), "InvalidGroup.Duplicate")
	if err := secgroup.CheckUnique(secgroup.GroupSpec{VPCID: "vpc-0123456789abcdef1", Name: "web"}, []secgroup.Group{g}); err != nil {
		t.Fatal(err)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	g, _, err := newGroup(t).Authorize(false, []secgroup.RuleSpec{tcp(22, 22, "10.0.0.0/8"),
		{Protocol: "-1", Peer: secgroup.GroupPeer(secgroup.GroupRef{GroupID: "sg-12345678", UserID: "222233334444", VPCID: "vpc-12345678", PeeringID: "pcx-12345678"})}}, 0, rand.NewChaCha8([32]byte{4}))
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back secgroup.Group
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	b2, _ := back.MarshalBinary()
	if string(b) != string(b2) {
		t.Fatalf("round trip:\n%s\n%s", b, b2)
	}
	if err := back.UnmarshalBinary([]byte(`{"v":1,"id":"sg-1"}`)); err == nil {
		t.Fatal("a malformed group decoded")
	}
}

func TestAll(t *testing.T) {
	g := secgroup.CreateDefault("sg-01234567", "vpc-01234567", "111122223333")
	var got []secgroup.Rule
	for r := range g.All() {
		got = append(got, r)
	}
	if !slices.Equal(got, g.Rules()) || len(got) != 2 {
		t.Fatalf("All() = %v, Rules() = %v", got, g.Rules())
	}
	for range g.All() {
		break // stopping early is allowed
	}
	for range (secgroup.Group{}).All() {
		t.Fatal("the zero Group has rules")
	}
}

func TestIPv6EgressDefaults(t *testing.T) {
	g, err := secgroup.Create(secgroup.GroupSpec{OwnerID: "111122223333", VPCID: "vpc-12345678", Name: "g", Description: "d", IPv6: true}, rand.NewChaCha8([32]byte{1}))
	if err != nil {
		t.Fatal(err)
	}
	var peers []string
	for _, r := range g.Rules() {
		if !r.Egress || r.Protocol != secgroup.All {
			t.Fatalf("rule of a new group = %+v", r)
		}
		peers = append(peers, r.Peer.String())
	}
	if slices.Sort(peers); !slices.Equal(peers, []string{"0.0.0.0/0", "::/0"}) {
		t.Fatalf("a new group in an IPv6 VPC sends to %v", peers)
	}
	if g.WithIPv6Egress().Rules()[0] != g.Rules()[0] || len(g.WithIPv6Egress().Rules()) != 2 {
		t.Fatal("WithIPv6Egress changed a group that is not a default group")
	}
	d := secgroup.CreateDefault("sg-12345678", "vpc-12345678", "111122223333")
	d6 := d.WithIPv6Egress()
	if len(d.Rules()) != 2 || len(d6.Rules()) != 3 || len(d6.WithIPv6Egress().Rules()) != 3 {
		t.Fatalf("default group rules: %d, with IPv6 %d", len(d.Rules()), len(d6.Rules()))
	}
	if d6.Rules()[2].ID != secgroup.CreateDefault("sg-12345678", "vpc-12345678", "111122223333").WithIPv6Egress().Rules()[2].ID {
		t.Fatal("the ::/0 rule's ID of a default group is not derived from the group's")
	}
}
