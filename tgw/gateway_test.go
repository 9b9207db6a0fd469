package tgw_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/tgw"
)

func TestOptionsResolveDefaults(t *testing.T) {
	o, err := tgw.Options{}.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	want := tgw.Options{AmazonSideASN: 64512, AutoAcceptSharedAttachments: tgw.Disable, DefaultRouteTableAssociation: tgw.Enable,
		DefaultRouteTablePropagation: tgw.Enable, DNSSupport: tgw.Enable, VPNECMPSupport: tgw.Enable, MulticastSupport: tgw.Disable,
		SecurityGroupReferencingSupport: tgw.Disable}
	if o.AmazonSideASN != want.AmazonSideASN || o.AutoAcceptSharedAttachments != want.AutoAcceptSharedAttachments ||
		o.DefaultRouteTableAssociation != want.DefaultRouteTableAssociation || o.DefaultRouteTablePropagation != want.DefaultRouteTablePropagation ||
		o.DNSSupport != want.DNSSupport || o.VPNECMPSupport != want.VPNECMPSupport || o.MulticastSupport != want.MulticastSupport ||
		o.SecurityGroupReferencingSupport != want.SecurityGroupReferencingSupport || len(o.CIDRBlocks) != 0 {
		t.Fatalf("Resolve() = %+v, want %+v", o, want)
	}
}

func TestOptionsResolveRefusals(t *testing.T) {
	p := netip.MustParsePrefix
	for _, tc := range []struct {
		name string
		o    tgw.Options
		ok   bool
	}{
		{"asn below 16-bit range", tgw.Options{AmazonSideASN: 64511}, false},
		{"asn lowest", tgw.Options{AmazonSideASN: 64512}, true},
		{"asn highest 16-bit", tgw.Options{AmazonSideASN: 65534}, true},
		{"asn 65535", tgw.Options{AmazonSideASN: 65535}, false},
		{"asn public", tgw.Options{AmazonSideASN: 7224}, false},
		{"asn lowest 32-bit", tgw.Options{AmazonSideASN: 4200000000}, true},
		{"asn highest 32-bit", tgw.Options{AmazonSideASN: 4294967294}, true},
		{"asn beyond", tgw.Options{AmazonSideASN: 4294967295}, false},
		{"toggle misspelt", tgw.Options{DNSSupport: "enabled"}, false},
		{"toggle given", tgw.Options{VPNECMPSupport: tgw.Disable}, true},
		{"ipv4 /24", tgw.Options{CIDRBlocks: []netip.Prefix{p("10.99.0.0/24")}}, true},
		{"ipv4 /25", tgw.Options{CIDRBlocks: []netip.Prefix{p("10.99.0.0/25")}}, false},
		{"ipv4 link-local", tgw.Options{CIDRBlocks: []netip.Prefix{p("169.254.0.0/24")}}, false},
		{"ipv4 not masked", tgw.Options{CIDRBlocks: []netip.Prefix{p("10.99.0.1/24")}}, false},
		{"two ipv4", tgw.Options{CIDRBlocks: []netip.Prefix{p("10.99.0.0/24"), p("10.98.0.0/24")}}, false},
		{"ipv4 and ipv6", tgw.Options{CIDRBlocks: []netip.Prefix{p("10.99.0.0/24"), p("fd00::/64")}}, true},
		{"ipv6 /65", tgw.Options{CIDRBlocks: []netip.Prefix{p("fd00::/65")}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.o.Resolve()
			if tc.ok != (err == nil) {
				t.Fatalf("Resolve() err = %v, want ok %v", err, tc.ok)
			}
			if err != nil {
				wantCode(t, err, "InvalidParameterValue", tgw.ErrInvalid)
			}
		})
	}
}

func TestNewGateway(t *testing.T) {
	g, rt, err := tgw.New(tgw.Spec{ID: gwID, OwnerID: account, Region: "eu-west-1", DefaultRouteTableID: rtbID}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if g.State() != tgw.Pending || rt.State() != tgw.Pending || rt.GatewayID() != gwID {
		t.Fatalf("states %s %s", g.State(), rt.State())
	}
	if got := g.ARN(); got != "arn:aws:ec2:eu-west-1:111122223333:transit-gateway/"+gwID {
		t.Fatalf("ARN = %s", got)
	}
	if id, ok := g.AssociationDefaultRouteTableID(); !ok || id != rtbID {
		t.Fatalf("association default = %s, %v", id, ok)
	}
	if id, ok := g.PropagationDefaultRouteTableID(); !ok || id != rtbID {
		t.Fatalf("propagation default = %s, %v", id, ok)
	}
	// With both defaults disabled no table is made.
	g, rt, err = tgw.New(tgw.Spec{ID: gwID, OwnerID: account, Region: "eu-west-1", DefaultRouteTableID: rtbID,
		Options: tgw.Options{DefaultRouteTableAssociation: tgw.Disable, DefaultRouteTablePropagation: tgw.Disable}}, t0)
	if err != nil || rt.IsValid() || g.IsDefaultTable(rtbID) {
		t.Fatalf("New without defaults: %v, table %v", err, rt.IsValid())
	}
	// Propagation default only.
	g, rt, err = tgw.New(tgw.Spec{ID: gwID, OwnerID: account, Region: "eu-west-1", DefaultRouteTableID: rtbID,
		Options: tgw.Options{DefaultRouteTableAssociation: tgw.Disable}}, t0)
	if _, ok := g.AssociationDefaultRouteTableID(); err != nil || !rt.IsValid() || ok || !g.IsDefaultTable(rtbID) {
		t.Fatalf("New with propagation default only: %v", err)
	}
	if _, _, err := tgw.New(tgw.Spec{ID: "tgw-xyz", OwnerID: account, Region: "eu-west-1"}, t0); err == nil {
		t.Fatal("a malformed ID was accepted")
	} else {
		wantCode(t, err, "InvalidTransitGatewayID.Malformed", tgw.ErrInvalid)
	}
}

func TestGatewayLifecycle(t *testing.T) {
	g, _ := available(t)
	if g.State() != tgw.Available || g.IsDue() {
		t.Fatalf("state %s", g.State())
	}
	_, err := g.Delete([]string{attID})
	wantCode(t, err, "IncorrectState", tgw.ErrDependency)
	d, err := g.Delete(nil)
	if err != nil || d.State() != tgw.Deleting {
		t.Fatalf("Delete = %s, %v", d.State(), err)
	}
	_, err = d.Delete(nil)
	wantCode(t, err, "InvalidTransitGatewayID.NotFound", tgw.ErrState)
	later := t0.Add(time.Minute)
	d = d.Settle(later)
	if at, ok := d.ExpiresAt(); d.State() != tgw.Deleted || !ok || !at.Equal(later.Add(tgw.DeletedRetention)) {
		t.Fatalf("deleted: %s, expires %v %v", d.State(), at, ok)
	}
	// A pending gateway cannot be deleted yet.
	p, _, _ := tgw.New(tgw.Spec{ID: gwID, OwnerID: account, Region: "us-east-1", DefaultRouteTableID: rtbID}, t0)
	_, err = p.Delete(nil)
	wantCode(t, err, "IncorrectState", tgw.ErrState)

	// Only an available gateway takes new tables, attachments and VPN
	// connections.
	if err := g.Usable("create"); err != nil {
		t.Fatalf("available gateway: %v", err)
	}
	wantCode(t, p.Usable("create"), "IncorrectState", tgw.ErrState)
	wantCode(t, d.Usable("create"), "InvalidTransitGatewayID.NotFound", tgw.ErrState)
}

func TestGatewayModify(t *testing.T) {
	g, _ := available(t)
	desc := "new"
	m, err := g.Modify(tgw.Modification{Description: &desc, DNSSupport: tgw.Disable, DefaultRouteTablePropagation: tgw.Disable})
	if err != nil {
		t.Fatal(err)
	}
	if m.State() != tgw.Modifying || m.Description() != "new" || m.Options().DNSSupport != tgw.Disable {
		t.Fatalf("modified: %s %q %+v", m.State(), m.Description(), m.Options())
	}
	if _, ok := m.PropagationDefaultRouteTableID(); ok {
		t.Fatal("propagation default still on")
	}
	if _, err := m.Modify(tgw.Modification{}); err == nil {
		t.Fatal("a modifying gateway was modified")
	}
	m = m.Settle(t0)
	back, err := m.Modify(tgw.Modification{DefaultRouteTablePropagation: tgw.Enable})
	if id, ok := back.PropagationDefaultRouteTableID(); err != nil || !ok || id != rtbID {
		t.Fatalf("re-enabled propagation default: %s %v %v", id, ok, err)
	}
	_, err = g.Modify(tgw.Modification{VPNECMPSupport: "on"})
	wantCode(t, err, "InvalidParameterValue", tgw.ErrInvalid)
	_, err = g.Modify(tgw.Modification{RemoveCIDRBlocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/24")}})
	wantCode(t, err, "InvalidParameterValue", tgw.ErrInvalid)
	// Without a default table, enabling needs one named.
	n, _, _ := tgw.New(tgw.Spec{ID: gwID, OwnerID: account, Region: "us-east-1",
		Options: tgw.Options{DefaultRouteTableAssociation: tgw.Disable, DefaultRouteTablePropagation: tgw.Disable}}, t0)
	n = n.Settle(t0)
	_, err = n.Modify(tgw.Modification{DefaultRouteTableAssociation: tgw.Enable})
	wantCode(t, err, "InvalidParameterValue", tgw.ErrInvalid)
	n2, err := n.Modify(tgw.Modification{DefaultRouteTableAssociation: tgw.Enable, AssociationDefaultRouteTableID: rtb2ID})
	if id, ok := n2.AssociationDefaultRouteTableID(); err != nil || !ok || id != rtb2ID {
		t.Fatalf("named default: %s %v %v", id, ok, err)
	}
}
