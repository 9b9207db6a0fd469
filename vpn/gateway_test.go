package vpn_test

import (
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
)

func TestCreateGateway(t *testing.T) {
	tests := []struct {
		name string
		asn  int64
		want int64
		code string
	}{
		{"default", 0, 64512, ""},
		{"16-bit low", 64512, 64512, ""},
		{"16-bit high", 65534, 65534, ""},
		{"16-bit below", 64511, 0, "InvalidParameterValue"},
		{"16-bit above", 65535, 0, "InvalidParameterValue"},
		{"public asn", 7224, 0, "InvalidParameterValue"},
		{"32-bit low", 4200000000, 4200000000, ""},
		{"32-bit high", 4294967294, 4294967294, ""},
		{"32-bit below", 4199999999, 0, "InvalidParameterValue"},
		{"32-bit above", 4294967295, 0, "InvalidParameterValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1, AmazonSideASN: tt.asn, AvailabilityZone: "us-east-1a"}, seeded(1), t0)
			if tt.code != "" {
				wantCode(t, err, tt.code, vpn.ErrASN)
				return
			}
			if err != nil || g.AmazonSideASN() != tt.want || g.State() != status.StateAvailable ||
				!strings.HasPrefix(g.ID(), "vgw-") || g.AvailabilityZone() != "us-east-1a" || g.Type() != vpn.IPsec1 {
				t.Fatalf("CreateGateway(asn %d) = %s asn %d, %v; want asn %d", tt.asn, g.ID(), g.AmazonSideASN(), err, tt.want)
			}
			if _, ok := g.Attachment(); ok {
				t.Fatalf("new gateway has an attachment")
			}
		})
	}
	_, err := vpn.CreateGateway(vpn.GatewaySpec{}, seeded(1), t0)
	wantCode(t, err, "MissingParameter", vpn.ErrMissing)
	_, err = vpn.CreateGateway(vpn.GatewaySpec{Type: "ipsec"}, seeded(1), t0)
	wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)
	// Text that is not UTF-8 is refused rather than kept: no encoding
	// could give it back.
	_, err = vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1, AvailabilityZone: "us-east-1\xff"}, seeded(1), t0)
	if ve := wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue); ve.Param != "AvailabilityZone" {
		t.Fatalf("Param = %q, want AvailabilityZone", ve.Param)
	}
}

func TestGatewayAttachment(t *testing.T) {
	r := seeded(2)
	a, b := mustVGW(t, 0, r), mustVGW(t, 0, r)
	const vpc1, vpc2 = "vpc-0123abcd", "vpc-89abcdef"

	a1, err := a.Attach(vpc1, []vpn.Gateway{a, b}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if at, _ := a1.Attachment(); at != (vpn.Attachment{VPCID: vpc1, State: status.Attaching}) {
		t.Fatalf("after Attach: %+v, want attaching to %s", at, vpc1)
	}
	if _, ok := a.Attachment(); ok {
		t.Fatalf("Attach changed the receiver")
	}
	// The VPC already has a gateway (attaching counts).
	_, err = b.Attach(vpc1, []vpn.Gateway{a1, b}, t0)
	wantCode(t, err, "InvalidVpcState", vpn.ErrVPCHasGateway)
	// The gateway is already bound to a VPC.
	_, err = a1.Attach(vpc2, []vpn.Gateway{a1, b}, t0)
	wantCode(t, err, "VpnGatewayAttachmentLimitExceeded", vpn.ErrAlreadyAttached)
	// Again to its own VPC: no error and no change (spec M.4).
	again, err := a1.Attach(vpc1, []vpn.Gateway{a1, b}, t0)
	if x, _ := again.Attachment(); err != nil || x != mustAttachment(t, a1) {
		t.Fatalf("Attach to its own VPC again = %+v, %v; want no change", x, err)
	}
	// Malformed VPC.
	_, err = b.Attach("vpc-xyz", nil, t0)
	wantCode(t, err, "InvalidVpcID.Malformed", vpn.ErrInvalidValue)

	a2 := a1.Settle(t0)
	if at, _ := a2.Attachment(); at.State != status.Attached {
		t.Fatalf("after Settle: %v, want attached", at.State)
	}
	if vpc, ok := a2.AttachedVPC(); !ok || vpc != vpc1 {
		t.Fatalf("AttachedVPC() = %q, %v", vpc, ok)
	}
	_, err = a2.Delete(nil, t0)
	wantCode(t, err, "IncorrectState", vpn.ErrState)
	_, err = a2.Detach(vpc2, t0)
	wantCode(t, err, "InvalidVpnGatewayAttachment.NotFound", vpn.ErrNotAttached)

	a3, err := a2.Detach(vpc1, t0)
	if err != nil {
		t.Fatal(err)
	}
	// Detaching still binds the VPC: no other gateway may attach, and no
	// second detach.
	_, err = b.Attach(vpc1, []vpn.Gateway{a3, b}, t0)
	wantCode(t, err, "InvalidVpcState", vpn.ErrVPCHasGateway)
	_, err = a3.Detach(vpc1, t0)
	wantCode(t, err, "InvalidVpnGatewayAttachment.NotFound", vpn.ErrNotAttached)

	a4 := a3.Settle(t0)
	if at, ok := a4.Attachment(); !ok || at.State != status.Detached {
		t.Fatalf("after second Settle: %+v, want detached", at)
	}
	if _, ok := a4.AttachedVPC(); ok {
		t.Fatalf("a detached gateway reports an attached VPC")
	}
	if _, err := b.Attach(vpc1, []vpn.Gateway{a4, b}, t0); err != nil {
		t.Fatalf("Attach after detach: %v", err)
	}
	a5, err := a4.Attach(vpc2, []vpn.Gateway{a4, b}, t0)
	if err != nil {
		t.Fatalf("re-Attach to another VPC: %v", err)
	}
	if a5.Settle(t0).Settle(t0).State() != status.StateAvailable {
		t.Fatalf("Settle is not idempotent")
	}

	d, err := a4.Delete(nil, t0)
	if err != nil || d.State() != status.StateDeleted {
		t.Fatalf("Delete detached: %v, %v", d.State(), err)
	}
	_, err = d.Attach(vpc2, nil, t0)
	wantCode(t, err, "IncorrectState", vpn.ErrState)
}

func TestGatewayDeleteInUse(t *testing.T) {
	f := newFixture(t, 4)
	c := f.create(t, vpn.Options{})
	_, err := f.vgw.Delete([]vpn.Connection{c}, t0)
	wantCode(t, err, "IncorrectState", vpn.ErrInUse)
	c2, _ := c.Delete(t0)
	if _, err := f.vgw.Delete([]vpn.Connection{c2.Settle(t0)}, t0); err != nil {
		t.Fatalf("Delete with only deleted connections: %v", err)
	}
}

func mustAttachment(t *testing.T, g vpn.Gateway) vpn.Attachment {
	t.Helper()
	a, ok := g.Attachment()
	if !ok {
		t.Fatal("gateway has no attachment")
	}
	return a
}
