package ipsec_test

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
)

// TestTunnelsComeUpAfterModify brings both tunnels of a connection up,
// then rotates tunnel 1's pre-shared key and moves tunnel 2 to other
// algorithms (AES256-GCM-16, SHA2-384, group 20, in both phases) with
// ModifyTunnelOptions. Both endpoints are replaced: the AWS stand-in
// restarts with the modified connection's options and the customer side
// reloads the swanctl.conf re-rendered from it. Both tunnels must come up
// again, tunnel 2 with the new algorithms, and carry pings. The
// configuration rendered before the change does not bring tunnel 1 up
// against the replaced endpoint: the test depends on the re-render.
func TestTunnelsComeUpAfterModify(t *testing.T) {
	tl := needTools(t)
	conn := newConnection(t, 21, vpn.Options{StaticRoutesOnly: true})
	before := conn.Tunnels()
	render := func(c vpn.Connection) (customer, aws string) {
		t.Helper()
		customer, err := vpn.StrongSwan(c, vpn.IKEv2)
		if err != nil {
			t.Fatal(err)
		}
		return customer, awsSwanctlConf(awsEndpointFor(c, 0), awsEndpointFor(c, 1))
	}
	customer, aws := render(conn)
	l := newLab(t, tl, "modify", conn.CustomerGatewayAddress(),
		[]netip.Addr{before[0].AWSOutsideAddress(), before[1].AWSOutsideAddress()})
	l.aws.start()
	l.customer.start()
	bringUp(t, l, aws, func() { l.customer.mustLoad(customer) }, before)

	now := time.Date(2026, 1, 2, 4, 0, 0, 0, time.UTC)
	m, err := conn.ModifyTunnelOptions(before[0].AWSOutsideAddress(), vpn.TunnelOptions{PreSharedKey: "rotated.key_tunnel1"}, false, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	m, err = m.Settle(now).ModifyTunnelOptions(before[1].AWSOutsideAddress(), vpn.TunnelOptions{
		Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM},
		Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM},
		Phase1IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA384},
		Phase2IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA384},
		Phase1DHGroupNumbers:       []vpn.DHGroup{20},
		Phase2DHGroupNumbers:       []vpn.DHGroup{20},
	}, false, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	m = m.Settle(now)
	after := m.Tunnels()
	for i, tun := range after {
		if tun.AWSOutsideAddress() != before[i].AWSOutsideAddress() || tun.Telemetry().Status != status.Down {
			t.Fatalf("tunnel %d after the change: %v, telemetry %+v", i+1, tun, tun.Telemetry())
		}
	}
	if after[0].PSK().Reveal() != "rotated.key_tunnel1" || after[1].PSK() != before[1].PSK() {
		t.Fatal("the keys are not as modified")
	}
	customer2, aws2 := render(m)

	// The endpoints are replaced: the AWS side comes back with the new
	// options and no SAs.
	l.aws.crash()
	l.aws.start()
	l.aws.mustLoad(aws2)
	// The configuration rendered before the change no longer authenticates
	// tunnel 1.
	l.customer.crash()
	l.customer.start()
	l.customer.mustLoad(customer)
	names := customerNames(t, l.customer, before)
	out, err := l.customer.swanctl(20*time.Second, "--initiate", "--ike", names[0].conn, "--child", names[0].child, "--timeout", "15")
	if err == nil {
		t.Fatalf("the old configuration brought tunnel 1 up against the replaced endpoint:\n%s", out)
	}
	if !strings.Contains(out+err.Error(), "AUTHENTICATION_FAILED") {
		t.Fatalf("the old configuration failed on tunnel 1, but not on authentication: %v\n%s", err, out)
	}

	// The re-rendered configuration brings both up.
	l.aws.crash()
	l.aws.start()
	l.customer.crash()
	l.customer.start()
	names, est := bringUp(t, l, aws2, func() { l.customer.mustLoad(customer2) }, after)
	for i, e := range est {
		child, _ := e.customer.installed()
		t.Logf("tunnel %d up again %v after loading: IKE %s, %s", i+1, e.took.Round(time.Millisecond), e.customer.Proposal(), child.Proposal())
		checkSA(t, i, after[i], 2, e)
	}
	if t.Failed() {
		return
	}
	checkTraffic(t, l, names, after)
}
