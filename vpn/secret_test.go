package vpn_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/vpn"
)

// TestPSKNeverPrints checks that no fmt verb, String method or JSON encoding
// of a value holding a pre-shared key shows it, and that the explicit
// accessor does.
func TestPSKNeverPrints(t *testing.T) {
	const key1, key2 = "Tunnel1Secret_key.A", "Tunnel2Secret_key.B"
	f := newFixture(t, 20)
	opts := vpn.Options{Tunnels: []vpn.TunnelOptions{{PreSharedKey: key1}, {PreSharedKey: key2}}}
	c := f.create(t, opts)
	tun := c.Tunnels()
	if tun[0].PSK().Reveal() != key1 || tun[1].PSK().Reveal() != key2 {
		t.Fatalf("Reveal() = %q, %q; want the given keys", tun[0].PSK().Reveal(), tun[1].PSK().Reveal())
	}
	if !strings.Contains(c.CustomerGatewayConfiguration(), key1) {
		t.Fatalf("the configuration lacks the key")
	}
	type holder struct {
		Conn   vpn.Connection
		Tunnel vpn.Tunnel
		Opts   vpn.TunnelOptions
		Ptr    *vpn.Connection
	}
	values := map[string]any{
		"PSK":           tun[0].PSK(),
		"*PSK":          ptr(tun[0].PSK()),
		"Connection":    c,
		"*Connection":   &c,
		"Tunnel":        tun[0],
		"[2]Tunnel":     tun,
		"TunnelOptions": tun[0].Options(),
		"Options":       c.Options(),
		"given Options": opts,
		"holder":        holder{c, tun[1], tun[1].Options(), &c},
		"[]any":         []any{c, tun[0].PSK()},
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v", "%T %v"}
	for name, v := range values {
		for _, verb := range verbs {
			s := fmt.Sprintf(verb, v)
			if strings.Contains(s, key1) || strings.Contains(s, key2) || strings.Contains(s, fmt.Sprintf("%x", key1)) ||
				strings.Contains(strings.ToLower(s), strings.ToLower(fmt.Sprintf("%x", key2))) {
				t.Errorf("Sprintf(%q, %s) shows a key: %s", verb, name, s)
			}
		}
		js, err := json.Marshal(v)
		if err != nil {
			t.Errorf("json.Marshal(%s): %v", name, err)
		}
		if strings.Contains(string(js), key1) || strings.Contains(string(js), key2) {
			t.Errorf("json.Marshal(%s) shows a key: %s", name, js)
		}
		if s, ok := v.(fmt.Stringer); ok && (strings.Contains(s.String(), key1) || strings.Contains(s.String(), key2)) {
			t.Errorf("%s.String() shows a key", name)
		}
	}
	if got := tun[0].PSK().String(); got != "[redacted]" {
		t.Errorf("PSK.String() = %q, want [redacted]", got)
	}
	if got := vpn.PSK("").String(); got != "" {
		t.Errorf("empty PSK.String() = %q, want empty", got)
	}
	// An error about a bad key names the parameter, never the key.
	const bad = "bad+key+value"
	_, err := vpn.Create(f.spec(vpn.Options{Tunnels: []vpn.TunnelOptions{{PreSharedKey: bad}}}), nil, f.random, t0)
	var ve *vpn.Error
	if !errors.As(err, &ve) || strings.Contains(err.Error(), bad) || strings.Contains(ve.ErrorMessage(), bad) || strings.Contains(fmt.Sprintf("%+v", ve), bad) {
		t.Fatalf("error shows the key: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestUnmarshalJSONRefuses: the JSON forms are redacted views, so decoding
// them is an error naming the binary form, never a silently incomplete
// value; the empty key, whose JSON form is itself, and null decode.
func TestUnmarshalJSONRefuses(t *testing.T) {
	const key = "Tunnel1Secret_key.A"
	f := newFixture(t, 21)
	c := f.create(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{PreSharedKey: key}}})
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	type holder struct {
		Conn vpn.Connection
		Opts vpn.TunnelOptions
	}
	optsJSON, _ := json.Marshal(c.Tunnels()[0].Options())
	tests := []struct {
		name string
		data string
		into any
	}{
		{"Connection", string(js), new(vpn.Connection)},
		{"Connection from a hand-written id", `{"VpnConnectionId":"vpn-0123abcd"}`, new(vpn.Connection)},
		{"Connection in a struct", `{"Conn":` + string(js) + `}`, new(holder)},
		{"redacted PSK", `"[redacted]"`, new(vpn.PSK)},
		{"a key", `"` + key + `"`, new(vpn.PSK)},
		{"TunnelOptions with its key", string(optsJSON), new(vpn.TunnelOptions)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.data), tt.into)
			var ve *vpn.Error
			if !errors.Is(err, vpn.ErrRedacted) || !errors.As(err, &ve) || ve.ErrorCode() != "InvalidParameterValue" {
				t.Fatalf("json.Unmarshal = %v, want a *vpn.Error wrapping ErrRedacted", err)
			}
			for _, s := range []string{err.Error(), ve.ErrorMessage()} {
				if !strings.Contains(s, "redacted view") || !strings.Contains(s, "UnmarshalBinary") {
					t.Errorf("message %q does not say the JSON form is a redacted view and to use UnmarshalBinary", s)
				}
				if strings.Contains(s, key) {
					t.Errorf("message shows the key: %q", s)
				}
			}
			switch v := tt.into.(type) {
			case *vpn.Connection:
				if v.IsValid() {
					t.Errorf("refused decode changed the Connection")
				}
			case *vpn.PSK:
				if *v != "" {
					t.Errorf("refused decode set the key")
				}
			}
		})
	}
	// What the JSON form carries losslessly decodes: the empty key, null.
	var k vpn.PSK = "previous_key"
	if err := json.Unmarshal([]byte(`""`), &k); err != nil || k != "" {
		t.Errorf(`json.Unmarshal("") = %v, key %q; want nil, ""`, err, k.Reveal())
	}
	var o vpn.TunnelOptions
	if err := json.Unmarshal([]byte(`{"PreSharedKey":"","Phase1LifetimeSeconds":3600}`), &o); err != nil || o.Phase1LifetimeSeconds != 3600 {
		t.Errorf("json.Unmarshal of options without a key = %v", err)
	}
	keep := c
	if err := json.Unmarshal([]byte(`null`), &keep); err != nil || keep.ID() != c.ID() {
		t.Errorf("json.Unmarshal(null) = %v, id %s; want a no-op", err, keep.ID())
	}
	k = "previous_key"
	if err := json.Unmarshal([]byte(`null`), &k); err != nil || k != "previous_key" {
		t.Errorf("json.Unmarshal(null) into a PSK = %v; want a no-op", err)
	}
}
