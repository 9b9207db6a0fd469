package acl_test

import (
	"errors"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel/acl"
)

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *acl.Error
	if !errors.As(err, &e) || e.ErrorCode() != code || e.ErrorMessage() == "" {
		t.Fatalf("err = %v, want an *acl.Error with code %s", err, code)
	}
}

func spec(n int, egress bool, action, proto, cidr string) acl.EntrySpec {
	return acl.EntrySpec{RuleNumber: n, Egress: egress, Action: action, Protocol: proto, CIDRBlock: cidr, HasPortRange: true, PortFrom: 80, PortTo: 80, HasICMP: true, ICMPType: -1, ICMPCode: -1}
}

func TestEntrySpec(t *testing.T) {
	for _, tt := range []struct {
		name string
		spec acl.EntrySpec
		code string
	}{
		{"ok", spec(1, false, "allow", "6", "10.0.0.0/8"), ""},
		{"names", spec(32766, true, "DENY", "tcp", "10.0.0.1/8"), ""},
		{"number 0", spec(0, false, "allow", "6", "10.0.0.0/8"), "InvalidParameterValue"},
		{"number 32767", spec(32767, false, "allow", "6", "10.0.0.0/8"), "InvalidParameterValue"},
		{"bad action", spec(1, false, "permit", "6", "10.0.0.0/8"), "InvalidParameterValue"},
		{"bad protocol", spec(1, false, "allow", "gre", "10.0.0.0/8"), "InvalidParameterValue"},
		{"bad cidr", spec(1, false, "allow", "6", "10.0.0.0/33"), "InvalidParameterValue"},
		{"no cidr", spec(1, false, "allow", "6", ""), "MissingParameter"},
		{"tcp without ports", acl.EntrySpec{RuleNumber: 1, Action: "allow", Protocol: "6", CIDRBlock: "0.0.0.0/0"}, "MissingParameter"},
		{"icmp without type", acl.EntrySpec{RuleNumber: 1, Action: "allow", Protocol: "1", CIDRBlock: "0.0.0.0/0"}, "MissingParameter"},
		{"both blocks", acl.EntrySpec{RuleNumber: 1, Action: "allow", Protocol: "-1", CIDRBlock: "0.0.0.0/0", IPv6CIDRBlock: "::/0"}, "InvalidParameterCombination"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tt.spec.Entry()
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil || e.CIDR != e.CIDR.Masked() || e.Protocol != 6 {
				t.Fatalf("Entry() = %+v, %v", e, err)
			}
		})
	}
}

func TestEntries(t *testing.T) {
	a := acl.NewDefault("acl-12345678", "vpc-12345678", "111122223333")
	if es := a.Entries(); len(es) != 4 || es[0].RuleNumber != 100 || es[1].RuleNumber != acl.CatchAll || es[2].Egress != true {
		t.Fatalf("default entries = %+v", es)
	}
	wantCode(t, a.CheckDelete(), "InvalidParameterValue")
	_, err := a.CreateEntry(spec(100, false, "deny", "-1", "0.0.0.0/0"), 0)
	wantCode(t, err, "NetworkAclEntryAlreadyExists")
	if ae := (*acl.Error)(nil); !errors.As(err, &ae) || ae.ErrorMessage() != "The network acl entry identified by 100 already exists." {
		t.Fatalf("message of %v", err)
	}
	_, err = a.CreateEntry(spec(100, true, "deny", "-1", "0.0.0.0/0"), 0)
	wantCode(t, err, "NetworkAclEntryAlreadyExists")
	b, err := a.CreateEntry(spec(50, false, "deny", "6", "10.0.0.0/8"), 0)
	if err != nil || len(b.Entries()) != 5 || len(a.Entries()) != 4 {
		t.Fatalf("CreateEntry = %v", err)
	}
	_, err = b.CreateEntry(spec(60, false, "deny", "6", "10.0.0.0/8"), 3)
	wantCode(t, err, "NetworkAclEntryLimitExceeded")
	_, err = b.ReplaceEntry(spec(51, false, "deny", "6", "10.0.0.0/8"))
	wantCode(t, err, "InvalidNetworkAclEntry.NotFound")
	_, err = b.DeleteEntry(true, 50)
	wantCode(t, err, "InvalidNetworkAclEntry.NotFound")
	_, err = b.DeleteEntry(false, acl.CatchAll)
	wantCode(t, err, "InvalidParameterValue")
	deny := acl.Packet{Protocol: 6, Port: 80, Addr: netip.MustParseAddr("10.1.1.1")}
	if b.Allows(deny) || !a.Allows(deny) {
		t.Fatal("rule 50 does not come before rule 100")
	}
	c, err := b.ReplaceEntry(spec(50, false, "allow", "6", "10.0.0.0/8"))
	if err != nil || !c.Allows(deny) {
		t.Fatalf("ReplaceEntry = %v", err)
	}
	d, err := c.DeleteEntry(false, 50)
	if err != nil || len(d.Entries()) != 4 {
		t.Fatalf("DeleteEntry = %v", err)
	}
	custom := acl.New("acl-87654321", "vpc-12345678", "111122223333")
	if custom.Allows(deny) || custom.CheckDelete() != nil {
		t.Fatal("a custom ACL allows, or cannot be deleted")
	}
	assoc := custom.Associate(acl.Association{ID: "aclassoc-12345678", SubnetID: "subnet-12345678"})
	wantCode(t, assoc.CheckDelete(), "DependencyViolation")
	if _, _, ok := assoc.Disassociate("aclassoc-12345678"); !ok {
		t.Fatal("Disassociate found nothing")
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	a, err := acl.NewDefault("acl-12345678", "vpc-12345678", "111122223333").CreateEntry(spec(7, true, "deny", "1", "192.168.0.0/16"), 0)
	if err != nil {
		t.Fatal(err)
	}
	a = a.Associate(acl.Association{ID: "aclassoc-12345678", SubnetID: "subnet-12345678"})
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back acl.ACL
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if b2, _ := back.MarshalBinary(); string(b2) != string(b) {
		t.Fatalf("round trip:\n%s\n%s", b, b2)
	}
	if err := back.UnmarshalBinary([]byte(`{"v":1,"id":"acl-12345678","vpc":"vpc-12345678","owner":"111122223333","entries":[]}`)); err == nil {
		t.Fatal("an ACL without catch-alls decoded")
	}
}

func TestAll(t *testing.T) {
	a := acl.NewDefault("acl-01234567", "vpc-01234567", "111122223333")
	var got []acl.Entry
	for e := range a.All() {
		got = append(got, e)
	}
	if !slices.Equal(got, a.Entries()) {
		t.Fatalf("All() = %v, Entries() = %v", got, a.Entries())
	}
	for range a.All() {
		break // stopping early is allowed
	}
	for range (acl.ACL{}).All() {
		t.Fatal("the zero ACL has entries")
	}
}
