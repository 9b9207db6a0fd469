package vpn_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/vpn"
)

// setup returns a customer gateway, a VGW and a seeded reader, as a program
// would after CreateCustomerGateway and CreateVpnGateway. Production code
// passes crypto/rand.Reader instead of the seeded reader.
func setup() (vpn.CustomerGateway, vpn.Gateway, *rand.ChaCha8, time.Time) {
	random := rand.NewChaCha8([32]byte{'v', 'p', 'n'})
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	cgw, _ := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{
		Type: vpn.IPsec1, IPAddress: netip.MustParseAddr("198.51.100.7"), BGPASN: 65000,
	}, random, now)
	vgw, _ := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1}, random, now)
	return cgw, vgw, random, now
}

// Create a BGP connection with default tunnel options and print the
// customer gateway configuration EC2 returns.
func ExampleCreate() {
	cgw, vgw, random, now := setup()
	c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.State())
	fmt.Print(c.CustomerGatewayConfiguration())
	// Output:
	// pending
	// <?xml version="1.0" encoding="UTF-8"?>
	// <vpn_connection id="vpn-d7ebc9114ea19646f">
	//   <customer_gateway_id>cgw-c1811a01c11f3e03f</customer_gateway_id>
	//   <vpn_gateway_id>vgw-8599aff60333acfd9</vpn_gateway_id>
	//   <vpn_connection_type>ipsec.1</vpn_connection_type>
	//   <ipsec_tunnel>
	//     <customer_gateway>
	//       <tunnel_outside_address>
	//         <ip_address>198.51.100.7</ip_address>
	//       </tunnel_outside_address>
	//       <tunnel_inside_address>
	//         <ip_address>169.254.63.106</ip_address>
	//         <network_mask>255.255.255.252</network_mask>
	//         <network_cidr>30</network_cidr>
	//       </tunnel_inside_address>
	//       <bgp>
	//         <asn>65000</asn>
	//         <hold_time>30</hold_time>
	//       </bgp>
	//     </customer_gateway>
	//     <vpn_gateway>
	//       <tunnel_outside_address>
	//         <ip_address>192.0.2.233</ip_address>
	//       </tunnel_outside_address>
	//       <tunnel_inside_address>
	//         <ip_address>169.254.63.105</ip_address>
	//         <network_mask>255.255.255.252</network_mask>
	//         <network_cidr>30</network_cidr>
	//       </tunnel_inside_address>
	//       <bgp>
	//         <asn>64512</asn>
	//         <hold_time>30</hold_time>
	//       </bgp>
	//     </vpn_gateway>
	//     <ike>
	//       <authentication_protocol>sha1</authentication_protocol>
	//       <encryption_protocol>aes-128-cbc</encryption_protocol>
	//       <lifetime>28800</lifetime>
	//       <perfect_forward_secrecy>group2</perfect_forward_secrecy>
	//       <mode>main</mode>
	//       <pre_shared_key>huvAjPe6Soc.2Ah45BD5LqHJXZi56n1f</pre_shared_key>
	//     </ike>
	//     <ipsec>
	//       <protocol>esp</protocol>
	//       <authentication_protocol>hmac-sha1-96</authentication_protocol>
	//       <encryption_protocol>aes-128-cbc</encryption_protocol>
	//       <lifetime>3600</lifetime>
	//       <perfect_forward_secrecy>group2</perfect_forward_secrecy>
	//       <mode>tunnel</mode>
	//       <clear_df_bit>true</clear_df_bit>
	//       <fragmentation_before_encryption>true</fragmentation_before_encryption>
	//       <tcp_mss_adjustment>1379</tcp_mss_adjustment>
	//       <dead_peer_detection>
	//         <interval>10</interval>
	//         <retries>3</retries>
	//       </dead_peer_detection>
	//     </ipsec>
	//   </ipsec_tunnel>
	//   <ipsec_tunnel>
	//     <customer_gateway>
	//       <tunnel_outside_address>
	//         <ip_address>198.51.100.7</ip_address>
	//       </tunnel_outside_address>
	//       <tunnel_inside_address>
	//         <ip_address>169.254.136.210</ip_address>
	//         <network_mask>255.255.255.252</network_mask>
	//         <network_cidr>30</network_cidr>
	//       </tunnel_inside_address>
	//       <bgp>
	//         <asn>65000</asn>
	//         <hold_time>30</hold_time>
	//       </bgp>
	//     </customer_gateway>
	//     <vpn_gateway>
	//       <tunnel_outside_address>
	//         <ip_address>192.0.2.65</ip_address>
	//       </tunnel_outside_address>
	//       <tunnel_inside_address>
	//         <ip_address>169.254.136.209</ip_address>
	//         <network_mask>255.255.255.252</network_mask>
	//         <network_cidr>30</network_cidr>
	//       </tunnel_inside_address>
	//       <bgp>
	//         <asn>64512</asn>
	//         <hold_time>30</hold_time>
	//       </bgp>
	//     </vpn_gateway>
	//     <ike>
	//       <authentication_protocol>sha1</authentication_protocol>
	//       <encryption_protocol>aes-128-cbc</encryption_protocol>
	//       <lifetime>28800</lifetime>
	//       <perfect_forward_secrecy>group2</perfect_forward_secrecy>
	//       <mode>main</mode>
	//       <pre_shared_key>YgYt6U_tVlLvVgtw.MLlFa5SFdsGYXQp</pre_shared_key>
	//     </ike>
	//     <ipsec>
	//       <protocol>esp</protocol>
	//       <authentication_protocol>hmac-sha1-96</authentication_protocol>
	//       <encryption_protocol>aes-128-cbc</encryption_protocol>
	//       <lifetime>3600</lifetime>
	//       <perfect_forward_secrecy>group2</perfect_forward_secrecy>
	//       <mode>tunnel</mode>
	//       <clear_df_bit>true</clear_df_bit>
	//       <fragmentation_before_encryption>true</fragmentation_before_encryption>
	//       <tcp_mss_adjustment>1379</tcp_mss_adjustment>
	//       <dead_peer_detection>
	//         <interval>10</interval>
	//         <retries>3</retries>
	//       </dead_peer_detection>
	//     </ipsec>
	//   </ipsec_tunnel>
	// </vpn_connection>
}

func ExampleConnection_CustomerGatewayConfiguration() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw,
		Options: vpn.Options{StaticRoutesOnly: true}}, nil, random, now)
	// A static connection's document says so right after its type, and
	// carries no <bgp> blocks.
	for _, line := range strings.Split(c.CustomerGatewayConfiguration(), "\n")[:6] {
		fmt.Println(line)
	}
	fmt.Println(strings.Contains(c.CustomerGatewayConfiguration(), "<bgp>"))
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <vpn_connection id="vpn-d7ebc9114ea19646f">
	//   <customer_gateway_id>cgw-c1811a01c11f3e03f</customer_gateway_id>
	//   <vpn_gateway_id>vgw-8599aff60333acfd9</vpn_gateway_id>
	//   <vpn_connection_type>ipsec.1</vpn_connection_type>
	//   <vpn_connection_attributes>NoBGPVPNConnection</vpn_connection_attributes>
	// false
}

// Render the customer side of one tunnel for strongSwan's swanctl.
func ExampleStrongSwanTunnel() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: vpn.Options{
		Tunnels: []vpn.TunnelOptions{{
			Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM},
			Phase1IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA384},
			Phase1DHGroupNumbers:       []vpn.DHGroup{20},
			Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM},
			Phase2DHGroupNumbers:       []vpn.DHGroup{20},
			IKEVersions:                []vpn.IKEVersion{vpn.IKEv2},
		}},
	}}, nil, random, now)
	conf, err := vpn.StrongSwanTunnel(c, 0, vpn.IKEv2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(conf)
	// Output:
	// # AWS Site-to-Site VPN vpn-d7ebc9114ea19646f: swanctl.conf for the customer gateway 198.51.100.7
	// # strongSwan 5.8 or later (XFRM interfaces), IKE version 2.
	// #
	// # Route-based: each tunnel's child SA is bound to an XFRM interface
	// # (if_id_in/if_id_out). Create the interfaces before loading this file,
	// # by hand or from an updown script:
	// #
	// #   ip link add xfrm1 type xfrm if_id 1
	// #   ip addr add 169.254.63.106/30 dev xfrm1
	// #   ip link set xfrm1 mtu 1436 up
	// #   BGP: neighbor 169.254.63.105 remote-as 64512 (local AS 65000), hold time 30s
	//
	// connections {
	//   aws-tunnel1 {
	//     version = 2
	//     local_addrs = 198.51.100.7
	//     remote_addrs = 192.0.2.233
	//     proposals = aes256gcm16-prfsha384-ecp384
	//     rekey_time = 28530s
	//     over_time = 270s
	//     rand_time = 270s
	//     dpd_delay = 10s
	//     mobike = no
	//     keyingtries = 0
	//     local {
	//       auth = psk
	//       id = 198.51.100.7
	//     }
	//     remote {
	//       auth = psk
	//       id = 192.0.2.233
	//     }
	//     children {
	//       aws-tunnel1 {
	//         local_ts = 0.0.0.0/0
	//         remote_ts = 0.0.0.0/0
	//         esp_proposals = aes256gcm16-ecp384
	//         rekey_time = 3330s
	//         life_time = 3600s
	//         rand_time = 270s
	//         replay_window = 1024
	//         if_id_in = 1
	//         if_id_out = 1
	//         mode = tunnel
	//         dpd_action = restart
	//         close_action = start
	//         start_action = start
	//         # updown = /usr/local/libexec/aws-xfrm-updown  (creates xfrm1, see above)
	//       }
	//     }
	//   }
	// }
	//
	// secrets {
	//   ike-aws-tunnel1 {
	//     id-local = 198.51.100.7
	//     id-remote = 192.0.2.233
	//     secret = "huvAjPe6Soc.2Ah45BD5LqHJXZi56n1f"
	//   }
	// }
}

func ExampleStrongSwan() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	conf, _ := vpn.StrongSwan(c, vpn.IKEv1)
	for _, line := range strings.Split(conf, "\n") {
		if strings.Contains(line, "version =") || strings.Contains(line, "remote_addrs") || strings.Contains(line, "reauth_time") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// version = 1
	// remote_addrs = 192.0.2.233
	// reauth_time = 28530s
	// version = 1
	// remote_addrs = 192.0.2.65
	// reauth_time = 28530s
}

func ExampleStrongSwanProposals() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: vpn.Options{
		Tunnels: []vpn.TunnelOptions{{
			Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES128, vpn.AES256GCM},
			Phase1IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA256},
			Phase1DHGroupNumbers:       []vpn.DHGroup{14, 19},
			Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES128GCM, vpn.AES256},
			Phase2IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA1},
			Phase2DHGroupNumbers:       []vpn.DHGroup{5},
		}},
	}}, nil, random, now)
	ike, esp := vpn.StrongSwanProposals(c.Tunnels()[0], vpn.IKEv2)
	fmt.Println(ike)
	fmt.Println(esp)
	ike1, _ := vpn.StrongSwanProposals(c.Tunnels()[0], vpn.IKEv1)
	fmt.Println(ike1)
	// Output:
	// [aes128-sha256-modp2048-ecp256 aes256gcm16-prfsha256-modp2048-ecp256]
	// [aes256-sha1-modp1536 aes128gcm16-modp1536]
	// [aes128-sha256-modp2048-ecp256]
}

func ExampleCreateCustomerGateway() {
	random := rand.NewChaCha8([32]byte{})
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	g, err := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{
		Type: vpn.IPsec1, IPAddress: netip.MustParseAddr("203.0.113.12"), DeviceName: "office-edge",
	}, random, now)
	fmt.Println(g.ID(), g.State(), g.BGPASN(), g.IPAddress(), g.DeviceName(), err)

	_, err = vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{
		Type: vpn.IPsec1, IPAddress: netip.MustParseAddr("203.0.113.12"), BGPASN: 65001, BGPASNExtended: 4200000001,
	}, random, now)
	var ve *vpn.Error
	errors.As(err, &ve)
	fmt.Println(ve.ErrorCode(), ve.Param)
	// Output:
	// cgw-d9877ece6d368aac1 available 65000 203.0.113.12 office-edge <nil>
	// InvalidParameterCombination BgpAsnExtended
}

func ExampleFindIdenticalCustomerGateway() {
	random := rand.NewChaCha8([32]byte{})
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	spec := vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: netip.MustParseAddr("203.0.113.12")}
	var existing []vpn.CustomerGateway
	for range 2 { // the same request twice
		if g, ok := vpn.FindIdenticalCustomerGateway(existing, spec); ok {
			fmt.Println("existing", g.ID())
			continue
		}
		g, _ := vpn.CreateCustomerGateway(spec, random, now)
		existing = append(existing, g)
		fmt.Println("created", g.ID())
	}
	// Output:
	// created cgw-d9877ece6d368aac1
	// existing cgw-d9877ece6d368aac1
}

func ExampleCustomerGateway_Delete() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	_, err := cgw.Delete([]vpn.Connection{c}, now)
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	c, _ = c.Delete(now)
	cgw, err = cgw.Delete([]vpn.Connection{c.Settle(now)}, now)
	fmt.Println(cgw.State(), err)
	// Output:
	// IncorrectState
	// deleted <nil>
}

func ExampleCreateGateway() {
	random := rand.NewChaCha8([32]byte{})
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	g, _ := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1}, random, now)
	fmt.Println(g.ID(), g.State(), g.AmazonSideASN())
	_, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1, AmazonSideASN: 7224}, random, now)
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	// Output:
	// vgw-d9877ece6d368aac1 available 64512
	// InvalidParameterValue
}

func ExampleGateway_Attach() {
	_, vgw, random, now := setup()
	other, _ := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1}, random, now)
	vgw, _ = vgw.Attach("vpc-0a1b2c3d", []vpn.Gateway{vgw, other}, now)
	a, _ := vgw.Attachment()
	fmt.Println(a.VPCID, a.State)
	vgw = vgw.Settle(now)
	a, _ = vgw.Attachment()
	fmt.Println(a.State)
	// The VPC has its gateway: another cannot attach.
	_, err := other.Attach("vpc-0a1b2c3d", []vpn.Gateway{vgw, other}, now)
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	// Output:
	// vpc-0a1b2c3d attaching
	// attached
	// InvalidVpcState
}

func ExampleGateway_Detach() {
	_, vgw, _, now := setup()
	vgw, _ = vgw.Attach("vpc-0a1b2c3d", nil, now)
	vgw, _ = vgw.Settle(now).Detach("vpc-0a1b2c3d", now)
	a, _ := vgw.Attachment()
	fmt.Println(a.State)
	a, _ = vgw.Settle(now).Attachment()
	fmt.Println(a.State)
	// Output:
	// detaching
	// detached
}

func ExampleGateway_Delete() {
	_, vgw, _, now := setup()
	attached, _ := vgw.Attach("vpc-0a1b2c3d", nil, now)
	_, err := attached.Delete(nil, now)
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	vgw, err = vgw.Delete(nil, now)
	fmt.Println(vgw.State(), err)
	// Output:
	// IncorrectState
	// deleted <nil>
}

func ExampleConnection_Settle() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	fmt.Println(c.State())
	// A step completes at the instant of the action that began it, not before.
	fmt.Println(c.Settle(now.Add(-time.Nanosecond)).State())
	c = c.Settle(now)
	fmt.Println(c.State())
	later := now.Add(time.Hour)
	c, _ = c.Delete(later)
	fmt.Println(c.State(), c.Settle(now).State())
	fmt.Println(c.Settle(later).State())
	// Output:
	// pending
	// pending
	// available
	// deleting deleting
	// deleted
}

func ExampleConnection_Delete() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	c, _ = c.Delete(now)
	// While it is deleting, the pair is free for a new connection.
	again, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, []vpn.Connection{c}, random, now)
	fmt.Println(c.State(), again.State(), err)
	// Output:
	// deleting pending <nil>
}

func ExampleConnection_CreateRoute() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw,
		Options: vpn.Options{StaticRoutesOnly: true}}, nil, random, now)
	c = c.Settle(now)
	c, _ = c.CreateRoute(netip.MustParsePrefix("10.1.0.0/16"), now)
	c, _ = c.CreateRoute(netip.MustParsePrefix("10.2.3.4/16"), now) // stored as 10.2.0.0/16
	fmt.Println(c.Routes())
	c = c.Settle(now)
	fmt.Println(c.Routes()[1])
	// Output:
	// [{10.1.0.0/16 Static pending} {10.2.0.0/16 Static pending}]
	// {10.2.0.0/16 Static available}
}

func ExampleConnection_DeleteRoute() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw,
		Options: vpn.Options{StaticRoutesOnly: true}}, nil, random, now)
	c, _ = c.Settle(now).CreateRoute(netip.MustParsePrefix("10.1.0.0/16"), now)
	c, _ = c.Settle(now).DeleteRoute(netip.MustParsePrefix("10.1.0.0/16"), now)
	fmt.Println(c.Routes()[0].State, len(c.Settle(now).Routes()))
	// Output:
	// deleting 0
}

func ExampleConnection_SetTunnelStatus() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	fmt.Println(c.Tunnels()[0].Telemetry().Status, c.Tunnels()[0].Telemetry().StatusMessage)
	c, _ = c.SetTunnelStatus(0, status.Up, 3, now.Add(time.Minute))
	tel := c.Tunnels()[0].Telemetry()
	fmt.Println(tel.Status, tel.StatusMessage, tel.LastStatusChange.Format(time.RFC3339))
	// Output:
	// DOWN IPSEC IS DOWN
	// UP 3 BGP ROUTES 2025-06-01T09:01:00Z
}

// Read every resolved value of a tunnel, as a test that builds the AWS side
// of the tunnel would.
func ExampleConnection_Tunnels() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	for i, t := range c.Tunnels() {
		fmt.Println("tunnel", i+1, t.CustomerOutsideAddress(), "<->", t.AWSOutsideAddress())
		fmt.Println("  inside", t.InsideCIDR(), "aws", t.AWSInsideAddress(), "customer", t.CustomerInsideAddress())
		fmt.Println("  key length", len(t.PSK().Reveal()), "lifetimes", t.Phase1Lifetime(), t.Phase2Lifetime(),
			"margin", t.RekeyMargin(), "fuzz", t.RekeyFuzzPercentage(), "replay", t.ReplayWindowSize())
		fmt.Println("  dpd", t.DPDTimeout(), t.DPDTimeoutAction(), "startup", t.StartupAction(), "ike", t.IKEVersions())
	}
	// Output:
	// tunnel 1 198.51.100.7 <-> 192.0.2.233
	//   inside 169.254.63.104/30 aws 169.254.63.105 customer 169.254.63.106
	//   key length 32 lifetimes 8h0m0s 1h0m0s margin 4m30s fuzz 100 replay 1024
	//   dpd 30s clear startup add ike [ikev1 ikev2]
	// tunnel 2 198.51.100.7 <-> 192.0.2.65
	//   inside 169.254.136.208/30 aws 169.254.136.209 customer 169.254.136.210
	//   key length 32 lifetimes 8h0m0s 1h0m0s margin 4m30s fuzz 100 replay 1024
	//   dpd 30s clear startup add ike [ikev1 ikev2]
}

func ExampleConnection_Options() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	o := c.Options()
	fmt.Println(o.TunnelInsideIPVersion, o.LocalIPv4NetworkCIDR, o.RemoteIPv4NetworkCIDR, len(o.Tunnels))
	fmt.Println(o.Tunnels[1].Phase2DHGroupNumbers)
	// Output:
	// ipv4 0.0.0.0/0 0.0.0.0/0 2
	// [2 5 14 15 16 17 18 19 20 21 22 23 24]
}

func ExampleGeneratePSK() {
	k, _ := vpn.GeneratePSK(rand.NewChaCha8([32]byte{1}))
	fmt.Println(k)               // a PSK never prints
	fmt.Println(len(k.Reveal())) // Reveal is the one way to read it
	fmt.Println(vpn.ValidatePSK(k))
	// Output:
	// [redacted]
	// 32
	// <nil>
}

func ExampleGenerateInsideCIDR() {
	inUse := []netip.Prefix{netip.MustParsePrefix("169.254.10.0/30")}
	p, _ := vpn.GenerateInsideCIDR(vpn.IPv4, inUse, rand.NewChaCha8([32]byte{2}))
	fmt.Println(p, p.Bits(), vpn.InsideCIDRPool(vpn.IPv4).Contains(p.Addr()))
	// Output:
	// 169.254.82.92/30 30 true
}

func ExampleValidatePSK() {
	for _, k := range []vpn.PSK{"example_key.1", "short", "0leadingzero", "plus+sign1"} {
		fmt.Println(vpn.ValidatePSK(k) == nil)
	}
	// Output:
	// true
	// false
	// false
	// false
}

func ExamplePSK() {
	k := vpn.PSK("example_key.1")
	fmt.Printf("%v %q %#v\n", k, k, k)
	fmt.Println(k.Reveal())
	// Output:
	// [redacted] "[redacted]" vpn.PSK("[redacted]")
	// example_key.1
}

func ExamplePercentOf() {
	var unset vpn.Percent
	n, ok := unset.Value()
	fmt.Println(n, ok)
	n, ok = vpn.PercentOf(0).Value()
	fmt.Println(n, ok)
	// Output:
	// 0 false
	// 0 true
}

func ExampleTunnelOptions_Validate() {
	err := vpn.TunnelOptions{InsideCIDR: netip.MustParsePrefix("169.254.169.252/30")}.Validate()
	var ve *vpn.Error
	errors.As(err, &ve)
	fmt.Println(ve.ErrorCode(), ve.Param, errors.Is(err, vpn.ErrReservedCIDR))
	fmt.Println(ve.ErrorMessage())

	err = vpn.TunnelOptions{Phase1LifetimeSeconds: 3600, Phase2LifetimeSeconds: 3600}.Validate()
	fmt.Println(err)
	// Output:
	// InvalidParameterValue TunnelInsideCidr true
	// Value (169.254.169.252/30) for parameter TunnelInsideCidr is invalid.
	// vpn: create: parameters cannot be used together (Phase2LifetimeSeconds "3600")
}

func ExampleOptions_Validate() {
	err := vpn.Options{Tunnels: []vpn.TunnelOptions{{InsideIPv6CIDR: netip.MustParsePrefix("fd00::/126")}}}.Validate()
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorMessage())
	}
	// Output:
	// An ipv6 inside cidr is not allowed for VPNs using an ipv4 inside ip version
}

func ExampleDeviceTypes() {
	for _, d := range vpn.DeviceTypes() {
		fmt.Println(d.ID, d.Vendor, "/", d.Platform, "/", d.Software)
	}
	// Output:
	// b00334ca Cisco Systems, Inc. / CSRv AMI / IOS 12.4+
	// 0572f5fd Generic / Generic / Vendor Agnostic
	// c066be8a Juniper Networks, Inc. / SRX Routers / JunOS 11.0+
	// fb8b1bd8 Strongswan / Linux (swanctl) / Strongswan 5.8+
	// f538bce1 Strongswan / Ubuntu 16.04 / Strongswan 5.5.1+
}

func ExampleLookupDeviceType() {
	d, ok := vpn.LookupDeviceType(vpn.DeviceStrongSwan)
	fmt.Println(d.Vendor, d.Software, ok)
	_, ok = vpn.LookupDeviceType("00000000")
	fmt.Println(ok)
	// Output:
	// Strongswan Strongswan 5.8+ true
	// false
}

func ExampleSampleConfiguration() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	conf, _ := vpn.SampleConfiguration(c, vpn.DeviceJuniperSRX, vpn.IKEv2)
	for _, line := range strings.Split(conf, "\n") {
		if strings.Contains(line, "bgp") {
			fmt.Println(line)
		}
	}
	_, err := vpn.SampleConfiguration(c, "ffffffff", vpn.IKEv2)
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	// Output:
	// set protocols bgp group ebgp type external
	// set protocols bgp group ebgp neighbor 169.254.63.105 peer-as 64512
	// set protocols bgp group ebgp neighbor 169.254.63.105 hold-time 30
	// set protocols bgp group ebgp neighbor 169.254.63.105 local-address 169.254.63.106
	// set protocols bgp group ebgp neighbor 169.254.136.209 peer-as 64512
	// set protocols bgp group ebgp neighbor 169.254.136.209 hold-time 30
	// set protocols bgp group ebgp neighbor 169.254.136.209 local-address 169.254.136.210
	// InvalidParameterValue
}

func ExampleQuotas_CheckConnections() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	q := vpn.Quotas{ConnectionsPerGateway: 1}
	err := q.CheckConnections(vgw.ID(), []vpn.Connection{c})
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	fmt.Println(vpn.Quotas{}.CheckConnections(vgw.ID(), []vpn.Connection{c}))
	// Output:
	// VpnConnectionLimitExceeded
	// <nil>
}

func ExampleQuotas_CheckCustomerGateways() {
	cgw, _, _, _ := setup()
	err := vpn.Quotas{CustomerGatewaysPerRegion: 1}.CheckCustomerGateways([]vpn.CustomerGateway{cgw})
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(ve.ErrorCode())
	}
	// Output:
	// CustomerGatewayLimitExceeded
}

func ExampleQuotas_CheckGateways() {
	_, vgw, _, _ := setup()
	fmt.Println(vpn.Quotas{}.CheckGateways([]vpn.Gateway{vgw}))
	// Output:
	// <nil>
}

func ExampleQuotas_Effective() {
	fmt.Printf("%+v\n", vpn.Quotas{ConnectionsPerGateway: 20}.Effective())
	// Output:
	// {CustomerGatewaysPerRegion:50 GatewaysPerRegion:5 ConnectionsPerRegion:50 ConnectionsPerGateway:20 StaticRoutesPerConnection:100}
}

func ExampleReservedInsideCIDRs() {
	fmt.Println(vpn.ReservedInsideCIDRs())
	fmt.Println(vpn.InsideCIDRPool(vpn.IPv4), vpn.InsideCIDRPool(vpn.IPv6))
	// Output:
	// [169.254.0.0/30 169.254.1.0/30 169.254.2.0/30 169.254.3.0/30 169.254.4.0/30 169.254.5.0/30 169.254.169.252/30]
	// 169.254.0.0/16 fd00::/8
}

// Every refusal carries the EC2 code and AWS's message, for an emulator to
// send without a switch.
func ExampleError() {
	cgw, vgw, random, now := setup()
	first, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	_, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, []vpn.Connection{first}, random, now)
	var coded interface {
		ErrorCode() string
		ErrorMessage() string
	}
	if errors.As(err, &coded) {
		fmt.Println(coded.ErrorCode())
	}
	fmt.Println(errors.Is(err, vpn.ErrConnectionExists))
	// Output:
	// InvalidOption.Conflict
	// true
}

func ExampleDefaultOutsidePool() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	fmt.Println(vpn.DefaultOutsidePool(), vpn.DefaultOutsidePool().Contains(c.Tunnels()[0].AWSOutsideAddress()))
	// Output:
	// 192.0.2.0/24 true
}

func ExampleGateway_Settle() {
	_, vgw, _, now := setup()
	vgw, _ = vgw.Attach("vpc-0a1b2c3d", nil, now)
	vpc, bound := vgw.AttachedVPC()
	a, _ := vgw.Attachment()
	fmt.Println(vpc, bound, a.State)
	a, _ = vgw.Settle(now).Attachment()
	fmt.Println(a.State)
	// Output:
	// vpc-0a1b2c3d true attaching
	// attached
}

func ExampleInsideCIDRPool() {
	fmt.Println(vpn.InsideCIDRPool(vpn.IPv4), vpn.InsideCIDRPool(vpn.IPv6))
	// Output:
	// 169.254.0.0/16 fd00::/8
}

func ExamplePhase1DHGroups() {
	fmt.Println(vpn.Phase1DHGroups())
	fmt.Println(vpn.Phase2DHGroups())
	// Output:
	// [2 14 15 16 17 18 19 20 21 22 23 24]
	// [2 5 14 15 16 17 18 19 20 21 22 23 24]
}

// DescribeVpnConnections echoes, of a tunnel's options, only those the
// request set, beside the inside CIDR and the key.
func ExampleTunnel_DescribedOptions() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: vpn.Options{
		Tunnels: []vpn.TunnelOptions{{DPDTimeoutSeconds: 40, IKEVersions: []vpn.IKEVersion{vpn.IKEv2, vpn.IKEv2}}},
	}}, nil, random, now)
	t := c.Tunnels()[0]
	d := t.DescribedOptions()
	fmt.Println(d.InsideCIDR, d.PreSharedKey, d.DPDTimeoutSeconds, d.IKEVersions, d.Phase1LifetimeSeconds)
	fmt.Println(t.RequestedOptions().IKEVersions, t.Options().Phase1LifetimeSeconds)
	// Output:
	// 169.254.63.104/30 [redacted] 40 [ikev2] 0
	// [ikev2 ikev2] 28800
}

func ExampleTunnel_RequestedOptions() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: vpn.Options{
		Tunnels: []vpn.TunnelOptions{{ReplayWindowSize: 2048}},
	}}, nil, random, now)
	for _, t := range c.Tunnels() {
		fmt.Println(t.RequestedOptions().ReplayWindowSize, t.ReplayWindowSize())
	}
	// Output:
	// 2048 2048
	// 0 1024
}

func ExampleConnection_DescribedConfiguration() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	doc, ok := c.DescribedConfiguration()
	fmt.Println(len(doc) > 0, ok)
	c, _ = c.Delete(now)
	doc, ok = c.DescribedConfiguration()
	fmt.Printf("%q %v\n", doc, ok)
	// Output:
	// true true
	// "" false
}

// A deleted connection stays listed, in state deleted, for DeletedRetention
// after its deletion began.
func ExampleConnection_IsListed() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	c, _ = c.Delete(now.Add(time.Minute))
	at, _ := c.DeletedAt()
	fmt.Println(at.Format(time.RFC3339), vpn.DeletedRetention)
	end := at.Add(vpn.DeletedRetention)
	fmt.Println(c.IsListed(end.Add(-time.Nanosecond)), c.IsListed(end))
	// Output:
	// 2025-06-01T09:01:00Z 1h0m0s
	// true false
}

func ExampleCustomerGateway_IsListed() {
	cgw, _, _, now := setup()
	cgw, _ = cgw.Delete(nil, now)
	fmt.Println(cgw.State(), cgw.IsListed(now.Add(59*time.Minute)), cgw.IsListed(now.Add(time.Hour)))
	// Output:
	// deleted true false
}

func ExampleGateway_DeletedAt() {
	_, vgw, _, now := setup()
	// Time never runs back: a delete dated before creation is dated at it.
	vgw, _ = vgw.Delete(nil, now.Add(-time.Hour))
	at, ok := vgw.DeletedAt()
	fmt.Println(at.Equal(vgw.CreatedAt()), ok, vgw.IsListed(now))
	// Output:
	// true true true
}

// An emulator keeps its connections across restarts by storing their
// binary form, which, unlike the JSON form, holds everything: keys,
// telemetry, routes and the instants their steps began.
func ExampleConnection_MarshalBinary() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw,
		Options: vpn.Options{StaticRoutesOnly: true}}, nil, random, now)
	c, _ = c.Settle(now).CreateRoute(netip.MustParsePrefix("10.1.0.0/16"), now.Add(time.Minute))
	b, err := c.MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b[:52]))

	var restored vpn.Connection
	if err := restored.UnmarshalBinary(b); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(restored.State(), restored.Routes())
	fmt.Println(restored.Tunnels()[0].PSK().Reveal() == c.Tunnels()[0].PSK().Reveal())
	// The route's step still completes at its own instant, not before.
	fmt.Println(restored.Settle(now).Routes(), restored.Settle(now.Add(time.Minute)).Routes())
	// Output:
	// {"v":1,"id":"vpn-d7ebc9114ea19646f","type":"ipsec.1"
	// available [{10.1.0.0/16 Static pending}]
	// true
	// [{10.1.0.0/16 Static pending}] [{10.1.0.0/16 Static available}]
}

// UnmarshalBinary refuses what no version of the package wrote, leaving
// the receiver as it was.
func ExampleConnection_UnmarshalBinary() {
	var c vpn.Connection
	err := c.UnmarshalBinary([]byte(`{"v":2,"id":"vpn-0123abcd"}`))
	fmt.Println(errors.Is(err, vpn.ErrVersion), c.IsValid())
	fmt.Println(err)
	err = c.UnmarshalBinary([]byte(`{"v":1,"id":"vpn-XYZ"}`))
	var ve *vpn.Error
	if errors.As(err, &ve) {
		fmt.Println(errors.Is(err, vpn.ErrEncoding), ve.Param)
	}
	// Output:
	// true false
	// vpn: unmarshal: unknown encoding version (v "2")
	// true id
}

func ExampleCustomerGateway_MarshalBinary() {
	cgw, _, _, now := setup()
	cgw, _ = cgw.Delete(nil, now.Add(time.Hour))
	b, _ := cgw.MarshalBinary()
	fmt.Println(string(b))
	var g vpn.CustomerGateway
	fmt.Println(g.UnmarshalBinary(b), g.State())
	// Output:
	// {"v":1,"id":"cgw-c1811a01c11f3e03f","type":"ipsec.1","bgpAsn":65000,"ipAddress":"198.51.100.7","state":"deleted","createdAt":"2025-06-01T09:00:00Z","deletedAt":"2025-06-01T10:00:00Z"}
	// <nil> deleted
}

func ExampleGateway_MarshalBinary() {
	_, vgw, _, now := setup()
	vgw, _ = vgw.Attach("vpc-0a1b2c3d", nil, now)
	b, _ := vgw.MarshalBinary()
	fmt.Println(string(b))
	var g vpn.Gateway
	_ = g.UnmarshalBinary(b)
	a, _ := g.Settle(now).Attachment()
	fmt.Println(a.State)
	// Output:
	// {"v":1,"id":"vgw-8599aff60333acfd9","type":"ipsec.1","amazonSideAsn":64512,"state":"available","attachment":{"vpcId":"vpc-0a1b2c3d","state":"attaching","changedAt":"2025-06-01T09:00:00Z"},"createdAt":"2025-06-01T09:00:00Z"}
	// attached
}

// The JSON form is a view for logs and APIs: it has no keys, so decoding
// it is refused instead of giving a connection without them.
func ExampleConnection_UnmarshalJSON() {
	cgw, vgw, random, now := setup()
	c, _ := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw}, nil, random, now)
	view, _ := json.Marshal(c)
	var back vpn.Connection
	err := json.Unmarshal(view, &back)
	fmt.Println(errors.Is(err, vpn.ErrRedacted), back.IsValid())
	fmt.Println(err)
	// Output:
	// true false
	// vpn: unmarshal-json: the json form is a redacted view and cannot be decoded; use MarshalBinary and UnmarshalBinary
}

func ExamplePSK_UnmarshalJSON() {
	var k vpn.PSK
	fmt.Println(json.Unmarshal([]byte(`"[redacted]"`), &k))
	fmt.Println(json.Unmarshal([]byte(`""`), &k), k.IsZero())
	// Output:
	// vpn: unmarshal-json: the json form is a redacted view and cannot be decoded; use MarshalBinary and UnmarshalBinary (PreSharedKey)
	// <nil> true
}
