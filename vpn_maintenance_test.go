package vpcmodel_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/vpn"
)

// maintenanceFixture is a Cloud whose devices connect, with an available
// static connection whose first tunnel has lifecycle control.
type maintenanceFixture struct {
	c       *vpcmodel.Cloud
	who     vpcmodel.Caller
	id      string
	outside [2]string
}

func newMaintenanceFixture(t *testing.T) *maintenanceFixture {
	t.Helper()
	f := &maintenanceFixture{c: vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{17}), CustomerDevicesConnect: true}),
		who: vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}}
	cg, err := f.c.CreateCustomerGateway(f.who, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000, IPAddress: "198.51.100.7"}, benchEpoch)
	if err != nil {
		t.Fatal(err)
	}
	vg, err := f.c.CreateVpnGateway(f.who, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, benchEpoch)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := f.c.CreateVpnConnection(f.who, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cg.CustomerGateway.CustomerGatewayID,
		VPNGatewayID: vg.VPNGateway.VPNGatewayID, Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: true,
			TunnelOptions: []vpcmodel.TunnelOptionsSpecification{{EnableTunnelLifecycleControl: vpcmodel.Some(true)}}}}, benchEpoch)
	if err != nil {
		t.Fatal(err)
	}
	f.id = conn.VPNConnection.VPNConnectionID
	for i, o := range conn.VPNConnection.Options.TunnelOptions {
		f.outside[i] = o.OutsideIPAddress
	}
	return f
}

func (f *maintenanceFixture) describe(t *testing.T, c *vpcmodel.Cloud, now time.Time) vpcmodel.VPNConnection {
	t.Helper()
	out, err := c.DescribeVpnConnections(f.who, vpcmodel.DescribeVpnConnectionsInput{VPNConnectionIDs: []string{f.id}}, now)
	if err != nil {
		t.Fatal(err)
	}
	return out.VPNConnections[0]
}

func (f *maintenanceFixture) status(t *testing.T, c *vpcmodel.Cloud, i int, now time.Time) vpcmodel.MaintenanceDetails {
	t.Helper()
	out, err := c.GetVpnTunnelReplacementStatus(f.who, vpcmodel.GetVpnTunnelReplacementStatusInput{VPNConnectionID: f.id,
		VPNTunnelOutsideIPAddress: f.outside[i]}, now)
	if err != nil {
		t.Fatal(err)
	}
	if out.VPNConnectionID != f.id || out.VPNTunnelOutsideIPAddress != f.outside[i] || out.VPNGatewayID == "" || out.CustomerGatewayID == "" {
		t.Fatalf("GetVpnTunnelReplacementStatus names %+v", out)
	}
	return out.MaintenanceDetails
}

// TestVPNMaintenanceAcrossCalls follows a skipped tunnel change through the
// Cloud: pending with its deadline, the deadline kept by a restored copy,
// applied by whichever call comes first at or after it (the Version moves),
// the connected device back UP; then applied early with ReplaceVpnTunnel.
func TestVPNMaintenanceAcrossCalls(t *testing.T) {
	f := newMaintenanceFixture(t)
	c := f.c
	now := benchEpoch.Add(time.Minute)
	if got := f.describe(t, c, now); got.State != "available" || got.VGWTelemetry[0].Status != "UP" {
		t.Fatalf("after creation: %s %+v", got.State, got.VGWTelemetry)
	}
	if got := f.status(t, c, 0, now); got != (vpcmodel.MaintenanceDetails{}) {
		t.Fatalf("a new tunnel has maintenance: %+v", got)
	}
	out, err := c.ModifyVpnTunnelOptions(f.who, vpcmodel.ModifyVpnTunnelOptionsInput{VPNConnectionID: f.id, VPNTunnelOutsideIPAddress: f.outside[0],
		TunnelOptions: vpcmodel.TunnelOptionsSpecification{DPDTimeoutSeconds: 45}, SkipTunnelReplacement: true}, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.VPNConnection; got.State != "modifying" || got.VGWTelemetry[0].Status != "UP" || got.Options.TunnelOptions[0].DPDTimeoutSeconds != 45 {
		t.Fatalf("the skipped change answered %s %+v %+v", got.State, got.VGWTelemetry[0], got.Options.TunnelOptions[0])
	}
	due := now.Add(vpn.MaintenanceWindow)
	want := vpcmodel.MaintenanceDetails{PendingMaintenance: "Available", MaintenanceAutoAppliedAfter: due}
	if got := f.status(t, c, 0, now); got != want {
		t.Fatalf("pending: %+v, want %+v", got, want)
	}
	if got := f.status(t, c, 1, now); got != (vpcmodel.MaintenanceDetails{}) {
		t.Fatalf("the other tunnel: %+v", got)
	}

	// A copy restored from the encoding keeps the deadline.
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{18}), CustomerDevicesConnect: true})
	if _, err := c2.ReadFrom(&buf); err != nil {
		t.Fatal(err)
	}
	for _, cl := range []*vpcmodel.Cloud{c, c2} {
		if got := f.status(t, cl, 0, due.Add(-1)); got != want {
			t.Fatalf("1ns before the deadline: %+v", got)
		}
		before := cl.Version()
		got := f.status(t, cl, 0, due)
		if got != (vpcmodel.MaintenanceDetails{LastMaintenanceApplied: due}) {
			t.Fatalf("at the deadline: %+v", got)
		}
		if cl.Version() == before {
			t.Fatal("applying the maintenance left the Version as it was")
		}
		tel := f.describe(t, cl, due).VGWTelemetry[0]
		if tel.Status != "UP" || !tel.LastStatusChange.Equal(due) {
			t.Fatalf("the device did not reconnect after the replacement: %+v", tel)
		}
		if v := cl.Version(); f.status(t, cl, 0, due.Add(time.Hour)) != got || cl.Version() != v {
			t.Fatal("a later read changed the maintenance again")
		}
	}

	// Pending again, applied early by ReplaceVpnTunnel.
	later := due.Add(time.Hour)
	if _, err := c.ModifyVpnTunnelOptions(f.who, vpcmodel.ModifyVpnTunnelOptionsInput{VPNConnectionID: f.id, VPNTunnelOutsideIPAddress: f.outside[0],
		TunnelOptions: vpcmodel.TunnelOptionsSpecification{ReplayWindowSize: 512}, SkipTunnelReplacement: true}, later); err != nil {
		t.Fatal(err)
	}
	replace := func(apply bool, at time.Time) {
		t.Helper()
		r, err := c.ReplaceVpnTunnel(f.who, vpcmodel.ReplaceVpnTunnelInput{VPNConnectionID: f.id, VPNTunnelOutsideIPAddress: f.outside[0],
			ApplyPendingMaintenance: apply}, at)
		if err != nil || !r.Return {
			t.Fatalf("ReplaceVpnTunnel = %+v, %v", r, err)
		}
	}
	replace(false, later.Add(time.Minute))
	if got := f.status(t, c, 0, later.Add(time.Minute)); got.PendingMaintenance != "Available" {
		t.Fatalf("a replacement without ApplyPendingMaintenance applied it: %+v", got)
	}
	replace(true, later.Add(2*time.Minute))
	if got := f.status(t, c, 0, later.Add(2*time.Minute)); got != (vpcmodel.MaintenanceDetails{LastMaintenanceApplied: later.Add(2 * time.Minute)}) {
		t.Fatalf("after ReplaceVpnTunnel(ApplyPendingMaintenance): %+v", got)
	}
	// The old deadline passes with nothing pending: nothing happens.
	at := later.Add(vpn.MaintenanceWindow)
	before := f.describe(t, c, at).VGWTelemetry[0]
	if got := f.describe(t, c, at.Add(time.Hour)).VGWTelemetry[0]; got != before {
		t.Fatalf("a stale deadline replaced the endpoint: %+v, then %+v", before, got)
	}

	// Refusals.
	_, err = c.GetVpnTunnelReplacementStatus(f.who, vpcmodel.GetVpnTunnelReplacementStatusInput{VPNConnectionID: f.id, VPNTunnelOutsideIPAddress: "203.0.113.9"}, at)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.ReplaceVpnTunnel(f.who, vpcmodel.ReplaceVpnTunnelInput{VPNConnectionID: "vpn-0123456789abcdef0", VPNTunnelOutsideIPAddress: f.outside[0]}, at)
	wantCode(t, err, "InvalidVpnConnectionID.NotFound")
	_, err = c.ReplaceVpnTunnel(f.who, vpcmodel.ReplaceVpnTunnelInput{VPNConnectionID: f.id, VPNTunnelOutsideIPAddress: "not-an-address"}, at)
	wantCode(t, err, "InvalidParameterValue")
}
