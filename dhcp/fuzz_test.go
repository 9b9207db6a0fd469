package dhcp_test

import (
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/dhcp"
)

// FuzzCheck feeds Check one option with up to three values, split from a
// string at "|": it must not panic, and what it accepts must encode and
// decode to the same set.
func FuzzCheck(f *testing.F) {
	for _, seed := range [][2]string{
		{"domain-name", "corp.example"},
		{"domain-name-servers", "10.0.0.2|AmazonProvidedDNS"},
		{"ntp-servers", "169.254.169.123|fd00:ec2::123"},
		{"netbios-node-type", "2"},
		{"ipv6-address-preferred-lease-time", "140"},
		{"ipv6-address-preferred-lease-time", "-1"},
		{"routers", "10.0.0.1"},
		{"domain-name-servers", "fe80::1%eth0"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, key, values string) {
		vs := strings.SplitN(values, "|", 3)
		confs := []dhcp.Configuration{{Key: key, Values: vs}}
		o, err := dhcp.New("dopt-0123456789abcdef0", "111122223333", confs)
		if err != nil {
			return
		}
		b, err := o.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back dhcp.Options
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%s) = %v", b, err)
		}
		got, _ := back.Values(dhcp.Key(key))
		if strings.Join(got, "|") != strings.Join(vs, "|") {
			t.Fatalf("round trip of %q = %q", vs, got)
		}
	})
}

// FuzzUnmarshalBinary checks that decoding arbitrary bytes never panics
// and that whatever decodes encodes to bytes that decode to the same set.
func FuzzUnmarshalBinary(f *testing.F) {
	f.Add([]byte(`{"v":1,"id":"dopt-0123456789abcdef0","owner":"111122223333","options":[["domain-name","x"]]}`))
	f.Add([]byte(`{"v":1,"id":"dopt-0123456789abcdef0","owner":"111122223333","options":[["ntp-servers"]]}`))
	f.Add([]byte(`{"v":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var o dhcp.Options
		if err := o.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := o.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back dhcp.Options
		if err := back.UnmarshalBinary(b); err != nil || back.ID() != o.ID() || len(back.Configurations()) != len(o.Configurations()) {
			t.Fatalf("re-decode of %s = %v", b, err)
		}
	})
}
