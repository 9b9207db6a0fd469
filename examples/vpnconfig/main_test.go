package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func runArgs(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// TestGolden renders every format for a BGP and a static connection.
func TestGolden(t *testing.T) {
	for _, f := range formats {
		for _, routing := range []struct {
			name string
			args []string
		}{
			{"bgp", nil},
			{"static", []string{"-static", "-local-cidr", "172.16.0.0/16", "-remote-cidr", "10.0.0.0/16"}},
		} {
			name := f.name + "-" + routing.name
			t.Run(name, func(t *testing.T) {
				args := append([]string{"-format", f.name, "-seed", "7"}, routing.args...)
				out, errs, code := runArgs(args...)
				if code != 0 {
					t.Fatalf("vpnconfig %v: exit %d: %s", args, code, errs)
				}
				golden := filepath.Join("testdata", name+".golden")
				if *update {
					if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update)", err)
				}
				if diff := cmp.Diff(string(want), out); diff != "" {
					t.Errorf("output mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestSeed: the same seed gives the same bytes; another seed does not.
func TestSeed(t *testing.T) {
	a, _, _ := runArgs("-seed", "42")
	b, _, _ := runArgs("-seed", "42")
	c, _, _ := runArgs("-seed", "43")
	if a != b {
		t.Error("the same -seed gave different output")
	}
	if a == c {
		t.Error("different seeds gave the same output")
	}
	r1, _, _ := runArgs()
	r2, _, _ := runArgs()
	if r1 == r2 {
		t.Error("without -seed two runs gave the same keys")
	}
}

// TestOptionsReachOutput checks that given options appear in the configuration.
func TestOptionsReachOutput(t *testing.T) {
	out, errs, code := runArgs("-format", "xml", "-seed", "1", "-cgw-ip", "203.0.113.9", "-cgw-asn", "65010",
		"-vgw-asn", "64600", "-tunnel1-inside-cidr", "169.254.10.0/30", "-tunnel2-inside-cidr", "169.254.11.4/30",
		"-tunnel1-psk", "first_key.123", "-tunnel2-psk", "second_key.456")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Tunnels []struct {
			CGWOutside string `xml:"customer_gateway>tunnel_outside_address>ip_address"`
			CGWInside  string `xml:"customer_gateway>tunnel_inside_address>ip_address"`
			CGWASN     string `xml:"customer_gateway>bgp>asn"`
			VGWInside  string `xml:"vpn_gateway>tunnel_inside_address>ip_address"`
			VGWASN     string `xml:"vpn_gateway>bgp>asn"`
			PSK        string `xml:"ike>pre_shared_key"`
		} `xml:"ipsec_tunnel"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("xml: %v", err)
	}
	want := []string{"203.0.113.9 169.254.10.2 65010 169.254.10.1 64600 first_key.123",
		"203.0.113.9 169.254.11.6 65010 169.254.11.5 64600 second_key.456"}
	var got []string
	for _, tu := range doc.Tunnels {
		got = append(got, strings.Join([]string{tu.CGWOutside, tu.CGWInside, tu.CGWASN, tu.VGWInside, tu.VGWASN, tu.PSK}, " "))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tunnels mismatch (-want +got):\n%s", diff)
	}
	sw, _, code := runArgs("-format", "strongswan", "-seed", "1", "-phase1-encryption", "AES256-GCM-16",
		"-phase1-integrity", "SHA2-384", "-phase1-dh", "20", "-phase2-encryption", "AES256-GCM-16", "-phase2-dh", "20",
		"-ike-versions", "ikev2", "-dpd-timeout", "45", "-phase1-lifetime", "14400")
	if code != 0 {
		t.Fatal("strongswan with restricted options failed")
	}
	for _, s := range []string{"proposals = aes256gcm16-prfsha384-ecp384", "esp_proposals = aes256gcm16-ecp384", "rekey_time = 14130s"} {
		if !strings.Contains(sw, s) {
			t.Errorf("strongSwan output lacks %q", s)
		}
	}
}

// TestFlagErrors: every bad flag exits 2 and names EC2's code.
func TestFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-format", "pdf"}, "InvalidParameterValue: Value (pdf) for parameter format is invalid."},
		{[]string{"-ike", "ikev3"}, "InvalidParameterValue: Value (ikev3) for parameter InternetKeyExchangeVersion is invalid."},
		{[]string{"-cgw-ip", "not-an-ip"}, "InvalidParameterValue: Value (not-an-ip) for parameter IpAddress is invalid."},
		{[]string{"-cgw-asn", "0"}, "InvalidParameterValue"},
		{[]string{"-cgw-asn", "-5"}, "InvalidParameterValue"},
		{[]string{"-cgw-asn", "4294967296"}, "InvalidParameterValue"},
		{[]string{"-vgw-asn", "65535"}, "InvalidParameterValue"},
		{[]string{"-vgw-asn", "0"}, "InvalidParameterValue"},
		{[]string{"-cgw-asn", "64512"}, "AsnConflict"},
		{[]string{"-tunnel1-inside-cidr", "169.254.0.0/30"}, "InvalidParameterValue"},
		{[]string{"-tunnel1-inside-cidr", "169.254.10.0/29"}, "InvalidParameterValue"},
		{[]string{"-tunnel1-inside-cidr", "10.0.0.0/30"}, "InvalidParameterValue"},
		{[]string{"-tunnel1-inside-cidr", "x"}, "InvalidParameterValue"},
		{[]string{"-tunnel1-inside-cidr", "169.254.10.0/30", "-tunnel2-inside-cidr", "169.254.10.0/30"}, "InvalidParameterValue"},
		{[]string{"-tunnel1-psk", "short"}, "InvalidParameterValue: Value for parameter PreSharedKey is invalid."},
		{[]string{"-tunnel2-psk", "0leadingzero"}, "InvalidParameterValue"},
		{[]string{"-tunnel1-psk", "has+plus-sign"}, "InvalidParameterValue"},
		{[]string{"-phase1-lifetime", "899"}, "InvalidParameterValue"},
		{[]string{"-phase1-lifetime", "28801"}, "InvalidParameterValue"},
		{[]string{"-phase1-lifetime", "1800", "-phase2-lifetime", "1800"}, "InvalidParameterCombination"},
		{[]string{"-rekey-margin", "59"}, "InvalidParameterValue"},
		{[]string{"-rekey-margin", "1801"}, "InvalidParameter"},
		{[]string{"-rekey-fuzz", "101"}, "InvalidParameterValue"},
		{[]string{"-rekey-fuzz", "-2"}, "InvalidParameterValue"},
		{[]string{"-replay-window", "63"}, "InvalidParameterValue"},
		{[]string{"-dpd-timeout", "29"}, "InvalidParameterValue"},
		{[]string{"-dpd-action", "reboot"}, "InvalidParameterValue"},
		{[]string{"-phase1-encryption", "DES"}, "InvalidParameterValue"},
		{[]string{"-phase2-integrity", "MD5"}, "InvalidParameterValue"},
		{[]string{"-phase1-dh", "5"}, "InvalidParameterValue"},
		{[]string{"-phase2-dh", "x"}, "InvalidParameterValue: Value (x) for parameter Phase2DHGroupNumbers is invalid."},
		{[]string{"-ike-versions", "ikev3"}, "InvalidParameterValue"},
		{[]string{"-startup-action", "start", "-ike-versions", "ikev1"}, "InvalidParameterCombination"},
		{[]string{"-remote-cidr", "10.0.0.0"}, "InvalidParameterValue"},
		{[]string{"-no-such-flag"}, "flag provided but not defined"},
		{[]string{"extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errs, code := runArgs(tt.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stdout %d bytes)", code, len(out))
			}
			if out != "" {
				t.Errorf("printed a configuration on error")
			}
			if !strings.Contains(errs, tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", errs, tt.want)
			}
		})
	}
}

// TestHelp documents every flag with AWS's default.
func TestHelp(t *testing.T) {
	_, errs, code := runArgs("-h")
	if code != 0 {
		t.Fatalf("-h exit %d", code)
	}
	for _, s := range []string{"-phase1-lifetime", "28,800", "-dpd-action", "clear", "-seed", "strongswan", "juniper-srx", "status 2"} {
		if !strings.Contains(errs, s) {
			t.Errorf("-h lacks %q", s)
		}
	}
}
