package ipsec_test

import (
	"os"
	"strings"
	"testing"
)

// FuzzParseVici feeds the swanctl --pretty parser arbitrary text: it must
// never panic, and whatever it accepts must also read as SAs and
// connections without panicking.
func FuzzParseVici(f *testing.F) {
	for _, name := range []string{"testdata/list-sas.txt", "testdata/list-conns.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("list-sa event {\n  x {\n    bytes-in = 12\n  }\n}\n") // a section without child-sas
	f.Add("a {\n  k = [\n    v\n  ]\n}\n")                       // a list
	f.Add("a {\n  k =\n}\n")                                     // an empty value
	f.Add("}")                                                   // unbalanced
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := parseVici(text); err != nil {
			return
		}
		_, _ = parseSAs(text)
		_, _ = parseConns(text)
	})
}

// FuzzParseSwanctlConf feeds the swanctl.conf section reader arbitrary
// text: it must never panic, and each name it returns is a non-empty word.
func FuzzParseSwanctlConf(f *testing.F) {
	f.Add("connections {\n  a {\n    proposals = aes128-sha1 # weakest first\n  }\n}\nsecrets {\n  ike-a {\n    secret = \"x}\\\"#\"\n  }\n}\n")
	f.Add("connections { a { } } }")   // unbalanced
	f.Add("secrets { s { secret = \"") // unterminated quote
	f.Fuzz(func(t *testing.T, text string) {
		names, err := parseSwanctlConf(text)
		if err != nil {
			return
		}
		for _, n := range append(names.conns, names.secrets...) {
			if n == "" || strings.ContainsAny(n, " \t\r\n{}=#") {
				t.Errorf("parseSwanctlConf(%q) returned the name %q", text, n)
			}
		}
	})
}
