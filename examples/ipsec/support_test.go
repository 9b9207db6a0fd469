package ipsec_test

// Tests of the test support itself, which run anywhere: the swanctl output
// parser against output captured from charon 5.9.8, and the AWS stand-in
// against values worked out by hand from EC2's documented defaults.

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/vpn"
)

func TestParseSAs(t *testing.T) {
	text, err := os.ReadFile("testdata/list-sas.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseSAs(string(text))
	if err != nil {
		t.Fatal(err)
	}
	ts := []string{"0.0.0.0/0"}
	want := []ikeSA{
		{
			Name: "t2", State: "ESTABLISHED", Version: 2, Initiator: true,
			LocalHost: "198.51.100.10", RemoteHost: "203.0.113.12",
			Encr: "AES_GCM_16-256", PRF: "PRF_HMAC_SHA2_384", DH: "ECP_384",
			Children: []childSA{
				{Name: "t2", UniqueID: "2", State: "DELETED", Mode: "TUNNEL", Protocol: "ESP",
					Encr: "AES_GCM_16-256", LocalTS: ts, RemoteTS: ts},
				{Name: "t2", UniqueID: "3", State: "INSTALLED", Mode: "TUNNEL", Protocol: "ESP",
					Encr: "AES_GCM_16-256", DH: "ECP_384", LocalTS: ts, RemoteTS: ts,
					BytesIn: 168, PacketsIn: 2, BytesOut: 168, PacketsOut: 2},
			},
		},
		{
			Name: "t1", State: "ESTABLISHED", Version: 2, Initiator: true,
			LocalHost: "198.51.100.10", RemoteHost: "203.0.113.11",
			Encr: "AES_CBC-128", Integ: "HMAC_SHA1_96", PRF: "PRF_HMAC_SHA1", DH: "MODP_1024",
			Children: []childSA{
				{Name: "t1", UniqueID: "1", State: "INSTALLED", Mode: "TUNNEL", Protocol: "ESP",
					Encr: "AES_CBC-128", Integ: "HMAC_SHA1_96", LocalTS: ts, RemoteTS: ts},
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("parseSAs mismatch (-want +got):\n%s", diff)
	}
	// The proposal strings read as swanctl --list-sas prints them.
	for _, c := range []struct{ got, want string }{
		{got[0].Proposal(), "AES_GCM_16-256/PRF_HMAC_SHA2_384/ECP_384"},
		{got[1].Proposal(), "AES_CBC-128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024"},
		{got[1].Children[0].Proposal(), "ESP:AES_CBC-128/HMAC_SHA1_96"},
	} {
		if c.got != c.want {
			t.Errorf("Proposal() = %q, want %q", c.got, c.want)
		}
	}
	if c, ok := got[0].installed(); !ok || c.UniqueID != "3" {
		t.Errorf("installed() = %+v, %v; want the CHILD SA numbered 3", c, ok)
	}
}

func TestParseConns(t *testing.T) {
	text, err := os.ReadFile("testdata/list-conns.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseConns(string(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []ikeConn{
		{Name: "t1", Version: "IKEv2", LocalAddrs: []string{"198.51.100.10"}, RemoteAddrs: []string{"203.0.113.11"}, Children: []string{"t1"}},
		{Name: "t2", Version: "IKEv2", LocalAddrs: []string{"198.51.100.10"}, RemoteAddrs: []string{"203.0.113.12"}, Children: []string{"t2"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("parseConns mismatch (-want +got):\n%s", diff)
	}
}

func TestParseViciRejects(t *testing.T) {
	for _, text := range []string{
		"a {\n",                // unterminated section
		"}\n",                  // unbalanced
		"a {\n  k = [\n}\n",    // list never closed
		"a {\n  just words\n}", // neither key nor section
	} {
		if got, err := parseVici(text); err == nil {
			t.Errorf("parseVici(%q) = %+v, want an error", text, got)
		}
	}
}

// allGroups1 and allGroups2 are EC2's default DH group lists in
// strongSwan's keywords, ascending.
const (
	allGroups1 = "modp1024-modp2048-modp3072-modp4096-modp6144-modp8192-ecp256-ecp384-ecp521-modp1024s160-modp2048s224-modp2048s256"
	allGroups2 = "modp1024-modp1536-modp2048-modp3072-modp4096-modp6144-modp8192-ecp256-ecp384-ecp521-modp1024s160-modp2048s224-modp2048s256"
)

func TestAWSEndpoint(t *testing.T) {
	restricted := vpn.TunnelOptions{
		Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM},
		Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM},
		Phase1IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA384},
		Phase2IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA384},
		Phase1DHGroupNumbers:       []vpn.DHGroup{20},
		Phase2DHGroupNumbers:       []vpn.DHGroup{20},
		IKEVersions:                []vpn.IKEVersion{vpn.IKEv2},
		Phase1LifetimeSeconds:      3600,
		Phase2LifetimeSeconds:      1800,
		RekeyMarginTimeSeconds:     600,
		RekeyFuzzPercentage:        vpn.PercentOf(50),
		DPDTimeoutSeconds:          45,
		DPDTimeoutAction:           vpn.DPDRestart,
		ReplayWindowSize:           128,
	}
	// Given out of EC2's order, to show the stand-in reorders them.
	shuffled := vpn.TunnelOptions{
		Phase1EncryptionAlgorithms: []vpn.Encryption{vpn.AES256GCM, vpn.AES256, vpn.AES128},
		Phase2EncryptionAlgorithms: []vpn.Encryption{vpn.AES256, vpn.AES128GCM},
		Phase1IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA512, vpn.SHA256},
		Phase2IntegrityAlgorithms:  []vpn.Integrity{vpn.SHA256, vpn.SHA1},
		Phase1DHGroupNumbers:       []vpn.DHGroup{21, 14},
		Phase2DHGroupNumbers:       []vpn.DHGroup{19, 5},
		IKEVersions:                []vpn.IKEVersion{vpn.IKEv1},
		DPDTimeoutAction:           vpn.DPDNone,
	}
	tests := []struct {
		name   string
		tunnel vpn.TunnelOptions
		want   []string // lines the rendered connection must hold
	}{
		{"defaults", vpn.TunnelOptions{}, []string{
			"version = 0",
			"proposals = aes128-aes256-sha1-sha256-sha384-sha512-prfsha1-prfsha256-prfsha384-prfsha512-" + allGroups1 +
				",aes128gcm16-aes256gcm16-prfsha1-prfsha256-prfsha384-prfsha512-" + allGroups1,
			"esp_proposals = aes128-aes256-sha1-sha256-sha384-sha512-" + allGroups2 + ",aes128gcm16-aes256gcm16-" + allGroups2,
			"rekey_time = 28530s", "over_time = 270s", "rand_time = 270s",
			"rekey_time = 3330s", "life_time = 3600s",
			"dpd_delay = 10s", "dpd_timeout = 30s", "dpd_action = clear",
			"replay_window = 1024", "start_action = none",
			"local_ts = 0.0.0.0/0", "remote_ts = 0.0.0.0/0",
		}},
		{"restricted", restricted, []string{
			"version = 2",
			"proposals = aes256gcm16-prfsha384-ecp384",
			"esp_proposals = aes256gcm16-ecp384",
			"rekey_time = 3000s", "over_time = 600s", "rand_time = 300s",
			"rekey_time = 1200s", "life_time = 1800s",
			"dpd_timeout = 45s", "dpd_action = restart", "replay_window = 128",
		}},
		{"shuffled", shuffled, []string{
			"version = 1",
			"proposals = aes128-aes256-sha256-sha512-prfsha256-prfsha512-modp2048-ecp521,aes256gcm16-prfsha256-prfsha512-modp2048-ecp521",
			"esp_proposals = aes256-sha1-sha256-modp1536-ecp256,aes128gcm16-modp1536-ecp256",
			"dpd_action = none",
		}},
	}
	for n, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := newConnection(t, uint64(100+n), vpn.Options{Tunnels: []vpn.TunnelOptions{tt.tunnel, tt.tunnel}})
			for i, tun := range conn.Tunnels() {
				conf := awsSwanctlConf(awsEndpointFor(conn, i))
				lines := map[string]bool{}
				for _, l := range strings.Split(conf, "\n") {
					lines[strings.TrimSpace(l)] = true
				}
				want := append(slices.Clone(tt.want),
					"local_addrs = "+tun.AWSOutsideAddress().String(),
					"remote_addrs = "+conn.CustomerGatewayAddress().String(),
					"id = "+tun.AWSOutsideAddress().String(),
					"id = "+conn.CustomerGatewayAddress().String(),
					`secret = "`+tun.PSK().Reveal()+`"`)
				for _, w := range want {
					if !lines[w] {
						t.Errorf("tunnel %d: the AWS stand-in lacks %q:\n%s", i+1, w, conf)
					}
				}
			}
		})
	}
}

func TestParseSwanctlConf(t *testing.T) {
	conn := newConnection(t, 5, vpn.Options{StaticRoutesOnly: true})
	rendered, err := vpn.StrongSwan(conn, vpn.IKEv2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       confNames
	}{
		{"rendered", rendered, confNames{
			conns:   []string{"aws-tunnel1", "aws-tunnel2"},
			secrets: []string{"ike-aws-tunnel1", "ike-aws-tunnel2"},
		}},
		{"aws stand-in", awsSwanctlConf(awsEndpointFor(conn, 0), awsEndpointFor(conn, 1)), confNames{
			conns:   []string{"aws-tunnel-1", "aws-tunnel-2"},
			secrets: []string{"ike-aws-tunnel-1", "ike-aws-tunnel-2"},
		}},
		{"one line, comments, quotes", "connections { a { local { auth = psk } } b {\n} } # c { }\n" +
			"secrets { ike-a { secret = \"x { } # \\\" y\" } # ike-c {\n rsa-k { secret = 0x00 } }\n", confNames{
			conns:   []string{"a", "b"},
			secrets: []string{"ike-a", "rsa-k"},
		}},
		{"nested deeper", "connections { a { children { c { } } } }\nauthorities { x { } }\n", confNames{
			conns: []string{"a"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSwanctlConf(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(confNames{})); diff != "" {
				t.Errorf("parseSwanctlConf mismatch (-want +got):\n%s", diff)
			}
		})
	}
	for _, text := range []string{
		"connections { a {\n",        // never closed
		"connections { a { } } }\n",  // unbalanced
		"secrets { s { secret = \"x", // unterminated quote
		"connections { { } }",        // a section without a name
	} {
		if got, err := parseSwanctlConf(text); err == nil {
			t.Errorf("parseSwanctlConf(%q) = %+v, want an error", text, got)
		}
	}
}

// TestCheckLoad judges what swanctl 5.9.8 printed on standard output for
// --load-all of good and broken configurations (standard error, with its
// plugin warnings, is not an input).
func TestCheckLoad(t *testing.T) {
	conf := confNames{conns: []string{"a", "b"}, secrets: []string{"ike-a", "ike-b", "rsa-key"}}
	const good = `loaded ike secret 'ike-a'
loaded ike secret 'ike-b'
no authorities found, 0 unloaded
no pools found, 0 unloaded
loaded connection 'a'
loaded connection 'b'
successfully loaded 2 connections, 0 unloaded
`
	tests := []struct {
		name   string
		conf   confNames
		stdout string
		ok     bool
	}{
		{"all loaded", conf, good, true},
		// A connection charon refused (swanctl also exits 22 then).
		{"bad proposal", conf, `loaded ike secret 'ike-a'
loaded ike secret 'ike-b'
no authorities found, 0 unloaded
no pools found, 0 unloaded
loaded connection 'b'
`, false},
		// "missing secret in 'ike-b', ignored" went to standard error; the
		// exit status was 0.
		{"secret ignored", conf, strings.Replace(good, "loaded ike secret 'ike-b'\n", "", 1), false},
		// "invalid config file" went to standard error; the exit status was 0.
		{"file does not parse", conf, `no authorities found, 0 unloaded
no pools found, 0 unloaded
no connections found, 2 unloaded
`, false},
		{"no summary", conf, strings.Replace(good, "successfully loaded 2 connections, 0 unloaded\n", "", 1), false},
		{"summary counts fewer", conf, strings.Replace(good, "loaded 2 connections", "loaded 1 connections", 1), false},
		{"defines no connection", confNames{}, "no connections found, 0 unloaded\n", false},
		{"a key passphrase is not reported", confNames{conns: []string{"a"}, secrets: []string{"rsa-key"}},
			"loaded connection 'a'\nsuccessfully loaded 1 connections, 0 unloaded\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkLoad(tt.conf, tt.stdout)
			if tt.ok && err != nil {
				t.Errorf("checkLoad: %v, want success", err)
			}
			if !tt.ok && !errors.Is(err, errNotLoaded) {
				t.Errorf("checkLoad: %v, want errNotLoaded", err)
			}
		})
	}
}
