package dhcp_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/dhcp"
)

const (
	id    = "dopt-0123456789abcdef0"
	owner = "111122223333"
)

func conf(key string, values ...string) dhcp.Configuration {
	return dhcp.Configuration{Key: key, Values: values}
}

func TestCheck(t *testing.T) {
	four := []string{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"}
	for _, tt := range []struct {
		name  string
		confs []dhcp.Configuration
		ok    bool
	}{
		{"domain name", []dhcp.Configuration{conf("domain-name", "corp.example")}, true},
		{"several names in one value", []dhcp.Configuration{conf("domain-name", "a.example b.example")}, true},
		{"two domain names", []dhcp.Configuration{conf("domain-name", "a", "b")}, false},
		{"empty domain name", []dhcp.Configuration{conf("domain-name", "")}, false},
		{"long domain name", []dhcp.Configuration{conf("domain-name", strings.Repeat("a", 256))}, false},
		{"255-character domain name", []dhcp.Configuration{conf("domain-name", strings.Repeat("a", 255))}, true},
		{"AmazonProvidedDNS", []dhcp.Configuration{conf("domain-name-servers", "AmazonProvidedDNS")}, true},
		{"four servers", []dhcp.Configuration{conf("domain-name-servers", four...)}, true},
		{"five servers", []dhcp.Configuration{conf("domain-name-servers", append(four, "10.0.0.5")...)}, false},
		{"IPv6 server", []dhcp.Configuration{conf("domain-name-servers", "fd00::2")}, true},
		{"server with a zone", []dhcp.Configuration{conf("domain-name-servers", "fe80::1%eth0")}, false},
		{"server name", []dhcp.Configuration{conf("domain-name-servers", "ns1.example")}, false},
		{"amazonprovideddns in lower case", []dhcp.Configuration{conf("domain-name-servers", "amazonprovideddns")}, false},
		{"four and four NTP servers", []dhcp.Configuration{conf("ntp-servers", append(slices.Clone(four), "fd00::1", "fd00::2", "fd00::3", "fd00::4")...)}, true},
		{"five IPv4 NTP servers", []dhcp.Configuration{conf("ntp-servers", append(slices.Clone(four), "10.0.0.5")...)}, false},
		{"nine NTP servers", []dhcp.Configuration{conf("ntp-servers", append(slices.Clone(four), "fd00::1", "fd00::2", "fd00::3", "fd00::4", "fd00::5")...)}, false},
		{"NetBIOS server", []dhcp.Configuration{conf("netbios-name-servers", "10.0.0.3")}, true},
		{"IPv6 NetBIOS server", []dhcp.Configuration{conf("netbios-name-servers", "fd00::3")}, false},
		{"node type 1", []dhcp.Configuration{conf("netbios-node-type", "1")}, true},
		{"node type 8", []dhcp.Configuration{conf("netbios-node-type", "8")}, true},
		{"node type 3", []dhcp.Configuration{conf("netbios-node-type", "3")}, false},
		{"node types 1 and 2", []dhcp.Configuration{conf("netbios-node-type", "1", "2")}, false},
		{"lease 140", []dhcp.Configuration{conf("ipv6-address-preferred-lease-time", "140")}, true},
		{"lease 139", []dhcp.Configuration{conf("ipv6-address-preferred-lease-time", "139")}, false},
		{"lease max", []dhcp.Configuration{conf("ipv6-address-preferred-lease-time", "2147483647")}, true},
		{"lease over max", []dhcp.Configuration{conf("ipv6-address-preferred-lease-time", "2147483648")}, false},
		{"lease +300", []dhcp.Configuration{conf("ipv6-address-preferred-lease-time", "+300")}, false},
		{"lease 1h", []dhcp.Configuration{conf("ipv6-address-preferred-lease-time", "1h")}, false},
		{"unknown key", []dhcp.Configuration{conf("routers", "10.0.0.1")}, false},
		{"key in upper case", []dhcp.Configuration{conf("Domain-Name", "a")}, false},
		{"key twice", []dhcp.Configuration{conf("domain-name", "a"), conf("domain-name", "b")}, false},
		{"key without values", []dhcp.Configuration{conf("ntp-servers")}, false},
		{"nothing", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dhcp.Check(tt.confs)
			if (err == nil) != tt.ok {
				t.Fatalf("Check(%v) = %v, want ok %v", tt.confs, err, tt.ok)
			}
			if err == nil {
				return
			}
			var de *dhcp.Error
			if !errors.Is(err, dhcp.ErrInvalid) || !errors.As(err, &de) || de.ErrorCode() != "InvalidParameterValue" || de.ErrorMessage() == "" {
				t.Fatalf("Check(%v) = %v, want a *dhcp.Error with InvalidParameterValue", tt.confs, err)
			}
		})
	}
}

func TestNewOrdersOptions(t *testing.T) {
	in := []dhcp.Configuration{conf("netbios-node-type", "2"), conf("ntp-servers", "10.0.0.9"), conf("domain-name", "x")}
	o, err := dhcp.New(id, owner, in)
	if err != nil {
		t.Fatal(err)
	}
	want := []dhcp.Configuration{conf("domain-name", "x"), conf("ntp-servers", "10.0.0.9"), conf("netbios-node-type", "2")}
	if diff := cmp.Diff(want, o.Configurations()); diff != "" {
		t.Errorf("Configurations() mismatch (-want +got):\n%s", diff)
	}
	// The set is a value: neither its input nor its output aliases it.
	in[1].Values[0] = "10.0.0.10"
	o.Configurations()[0].Values[0] = "y"
	if v, _ := o.Values(dhcp.NTPServers); v[0] != "10.0.0.9" {
		t.Errorf("the set changed with its input: %v", v)
	}
	if v, _ := o.Values(dhcp.DomainName); v[0] != "x" {
		t.Errorf("the set changed with its output: %v", v)
	}
	if _, ok := o.Values(dhcp.NetBIOSNameServers); ok {
		t.Error("Values reports an option the set lacks")
	}
	if _, err := dhcp.New("dopt-1", owner, in); err == nil {
		t.Error("New accepts a malformed ID")
	}
	if _, err := dhcp.New(id, "owner", in); err == nil {
		t.Error("New accepts a malformed owner")
	}
}

func TestDefault(t *testing.T) {
	for region, want := range map[string]string{"us-east-1": "ec2.internal", "eu-west-1": "eu-west-1.compute.internal", "us-east-2": "us-east-2.compute.internal"} {
		o := dhcp.Default(id, owner, region)
		got, _ := o.Values(dhcp.DomainName)
		dns, _ := o.Values(dhcp.DomainNameServers)
		if !slices.Equal(got, []string{want}) || !slices.Equal(dns, []string{"AmazonProvidedDNS"}) || len(o.Configurations()) != 2 {
			t.Errorf("Default(%s) = %v", region, o.Configurations())
		}
	}
	if dhcp.Default("x", owner, "us-east-1").IsValid() {
		t.Error("Default with a malformed ID is valid")
	}
}

func TestZeroOptions(t *testing.T) {
	var o dhcp.Options
	if o.IsValid() || o.ID() != "" || len(o.Configurations()) != 0 {
		t.Errorf("zero Options = %+v", o)
	}
	if _, err := o.MarshalBinary(); err == nil {
		t.Error("the zero Options encodes")
	}
	var e dhcp.Error
	if e.Error() == "" || e.ErrorMessage() == "" {
		t.Error("the zero Error says nothing")
	}
}

// genConfs draws option lists, valid or not, from a small vocabulary with
// boundaries.
func genConfs() *rapid.Generator[[]dhcp.Configuration] {
	keys := []string{"domain-name", "domain-name-servers", "ntp-servers", "netbios-name-servers", "netbios-node-type",
		"ipv6-address-preferred-lease-time", "router"}
	values := []string{"corp.example", "AmazonProvidedDNS", "10.0.0.2", "fd00::2", "2", "3", "140", "139", "", "x y"}
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) dhcp.Configuration {
		return dhcp.Configuration{Key: rapid.SampledFrom(keys).Draw(t, "key"),
			Values: rapid.SliceOfN(rapid.SampledFrom(values), 0, 9).Draw(t, "values")}
	}), 0, 4)
}

// validSlow is an obviously right reference for Check.
func validSlow(confs []dhcp.Configuration) bool {
	if len(confs) == 0 {
		return false
	}
	seen := map[string]bool{}
	isIP := func(v string) bool { return v == "10.0.0.2" || v == "fd00::2" }
	for _, c := range confs {
		if seen[c.Key] || len(c.Values) == 0 {
			return false
		}
		seen[c.Key] = true
		all := func(ok func(string) bool) bool {
			for _, v := range c.Values {
				if !ok(v) {
					return false
				}
			}
			return true
		}
		count := func(v string) int {
			n := 0
			for _, x := range c.Values {
				if x == v {
					n++
				}
			}
			return n
		}
		switch c.Key {
		case "domain-name":
			if len(c.Values) != 1 || c.Values[0] == "" {
				return false
			}
		case "domain-name-servers":
			if len(c.Values) > 4 || !all(func(v string) bool { return isIP(v) || v == "AmazonProvidedDNS" }) {
				return false
			}
		case "ntp-servers":
			if !all(isIP) || count("10.0.0.2") > 4 || count("fd00::2") > 4 {
				return false
			}
		case "netbios-name-servers":
			if len(c.Values) > 4 || !all(func(v string) bool { return v == "10.0.0.2" }) {
				return false
			}
		case "netbios-node-type":
			if len(c.Values) != 1 || c.Values[0] != "2" {
				return false
			}
		case "ipv6-address-preferred-lease-time":
			if len(c.Values) != 1 || c.Values[0] != "140" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// TestCheckAgreesWithReference compares Check with validSlow, and checks
// that an accepted list keeps every option and survives encoding.
func TestCheckAgreesWithReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		confs := genConfs().Draw(t, "confs")
		norm, err := dhcp.Check(confs)
		if want := validSlow(confs); (err == nil) != want {
			t.Fatalf("Check(%v) = %v, reference says valid %v", confs, err, want)
		}
		if err != nil {
			return
		}
		if len(norm) != len(confs) {
			t.Fatalf("Check(%v) kept %v", confs, norm)
		}
		o, err := dhcp.New(id, owner, confs)
		if err != nil {
			t.Fatal(err)
		}
		b, err := o.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back dhcp.Options
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(o.Configurations(), back.Configurations()); diff != "" || back.ID() != id || back.OwnerID() != owner {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}
