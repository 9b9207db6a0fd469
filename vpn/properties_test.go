package vpn_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/vpn"
	"pgregory.net/rapid"
)

// reservedOracle is the reserved list as the API reference states it,
// written out here rather than taken from the package.
var reservedOracle = []string{"169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30",
	"169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30"}

// span returns the first and last address of an IPv4 prefix as integers.
func span(p netip.Prefix) (uint32, uint32) {
	a := p.Masked().Addr().As4()
	lo := binary.BigEndian.Uint32(a[:])
	return lo, lo | (1<<(32-p.Bits()) - 1)
}

func disjoint(a, b netip.Prefix) bool {
	alo, ahi := span(a)
	blo, bhi := span(b)
	return ahi < blo || bhi < alo
}

// goodInsideCIDR draws a valid tunnel inside /30.
func goodInsideCIDR() *rapid.Generator[netip.Prefix] {
	return rapid.Custom(func(t *rapid.T) netip.Prefix {
		third := rapid.IntRange(0, 255).Draw(t, "third")
		fourth := rapid.IntRange(0, 63).Draw(t, "fourth") * 4
		p := netip.PrefixFrom(netip.AddrFrom4([4]byte{169, 254, byte(third), byte(fourth)}), 30)
		if slices.Contains(reservedOracle, p.String()) {
			p = netip.PrefixFrom(netip.AddrFrom4([4]byte{169, 254, 100, byte(fourth)}), 30)
		}
		return p
	})
}

// tunnelOptions draws valid tunnel options, each field given or not.
func tunnelOptions() *rapid.Generator[vpn.TunnelOptions] {
	return rapid.Custom(func(t *rapid.T) vpn.TunnelOptions {
		var o vpn.TunnelOptions
		p1 := 28800
		if rapid.Bool().Draw(t, "p1set") {
			p1 = rapid.IntRange(901, 28800).Draw(t, "p1")
			o.Phase1LifetimeSeconds = p1
		}
		p2 := 3600
		if p1 <= 3600 || rapid.Bool().Draw(t, "p2set") {
			p2 = rapid.IntRange(900, min(3600, p1-1)).Draw(t, "p2")
			o.Phase2LifetimeSeconds = p2
		}
		if p2/2 < 270 || rapid.Bool().Draw(t, "marginset") {
			o.RekeyMarginTimeSeconds = rapid.IntRange(60, p2/2).Draw(t, "margin")
		}
		if rapid.Bool().Draw(t, "fuzzset") {
			o.RekeyFuzzPercentage = vpn.PercentOf(rapid.IntRange(0, 100).Draw(t, "fuzz"))
		}
		if rapid.Bool().Draw(t, "replayset") {
			o.ReplayWindowSize = rapid.IntRange(64, 2048).Draw(t, "replay")
		}
		if rapid.Bool().Draw(t, "dpdset") {
			o.DPDTimeoutSeconds = rapid.IntRange(30, 600).Draw(t, "dpd")
			o.DPDTimeoutAction = rapid.SampledFrom(vpn.DPDAction("").Values()).Draw(t, "dpdaction")
		}
		if rapid.Bool().Draw(t, "pskset") {
			first := rapid.SampledFrom([]byte("ABCxyz9._")).Draw(t, "psk0")
			rest := rapid.StringOfN(rapid.SampledFrom([]rune("abcXYZ0123456789._")), 7, 63, -1).Draw(t, "pskrest")
			o.PreSharedKey = vpn.PSK(string(first) + rest)
		}
		if rapid.Bool().Draw(t, "algs") {
			o.Phase1EncryptionAlgorithms = rapid.SliceOfNDistinct(rapid.SampledFrom(vpn.Encryption("").Values()), 1, 4, rapid.ID).Draw(t, "e1")
			o.Phase2EncryptionAlgorithms = rapid.SliceOfNDistinct(rapid.SampledFrom(vpn.Encryption("").Values()), 1, 4, rapid.ID).Draw(t, "e2")
			o.Phase1IntegrityAlgorithms = rapid.SliceOfNDistinct(rapid.SampledFrom(vpn.Integrity("").Values()), 1, 4, rapid.ID).Draw(t, "i1")
			o.Phase2IntegrityAlgorithms = rapid.SliceOfNDistinct(rapid.SampledFrom(vpn.Integrity("").Values()), 1, 4, rapid.ID).Draw(t, "i2")
			o.Phase1DHGroupNumbers = rapid.SliceOfNDistinct(rapid.SampledFrom(vpn.Phase1DHGroups()), 1, 12, rapid.ID).Draw(t, "g1")
			o.Phase2DHGroupNumbers = rapid.SliceOfNDistinct(rapid.SampledFrom(vpn.Phase2DHGroups()), 1, 13, rapid.ID).Draw(t, "g2")
		}
		switch rapid.IntRange(0, 3).Draw(t, "ike") {
		case 1:
			o.IKEVersions = []vpn.IKEVersion{vpn.IKEv1}
		case 2:
			o.IKEVersions = []vpn.IKEVersion{vpn.IKEv2}
			if rapid.Bool().Draw(t, "start") {
				o.StartupAction = vpn.StartupStart
			}
		case 3:
			o.IKEVersions = []vpn.IKEVersion{vpn.IKEv2, vpn.IKEv1}
		}
		if rapid.Bool().Draw(t, "lifecycleset") {
			o.EnableTunnelLifecycleControl = vpn.FlagOf(rapid.Bool().Draw(t, "lifecycle"))
		}
		if rapid.Bool().Draw(t, "logset") {
			var cw vpn.CloudWatchLogOptions
			cw.LogEnabled = rapid.Bool().Draw(t, "logon")
			if cw.LogEnabled || rapid.Bool().Draw(t, "arnset") {
				cw.LogGroupARN = logGroup
			}
			cw.LogOutputFormat = rapid.SampledFrom([]vpn.LogFormat{"", vpn.LogJSON, vpn.LogText}).Draw(t, "format")
			cw.BGPLogEnabled = rapid.Bool().Draw(t, "bgplogon")
			if cw.BGPLogEnabled {
				cw.BGPLogGroupARN = logGroup + ":*"
			}
			o.LogOptions = vpn.LogOptionsOf(cw)
		}
		return o
	})
}

// world is a VGW with some live connections and a spec for one more.
type world struct {
	existing []vpn.Connection
	inUse    []netip.Prefix
	spec     vpn.Spec
	seed     uint64
}

func genWorld(t *rapid.T) world {
	r := seeded(rapid.Uint64().Draw(t, "setup"))
	vgw, _ := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1}, r, t0)
	quotas := vpn.Quotas{ConnectionsPerGateway: 100, ConnectionsPerRegion: 100}
	var w world
	n := rapid.IntRange(0, 6).Draw(t, "existing")
	for i := range n {
		cgw, _ := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: netip.AddrFrom4([4]byte{198, 51, 100, byte(i + 1)})}, r, t0)
		var opts vpn.Options
		if rapid.Bool().Draw(t, "givenCIDR") {
			p := goodInsideCIDR().Draw(t, "cidr")
			if slices.Contains(w.inUse, p) {
				continue
			}
			opts.Tunnels = []vpn.TunnelOptions{{InsideCIDR: p}}
		}
		c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: opts, Quotas: quotas}, w.existing, r, t0)
		if err != nil {
			t.Fatalf("setup Create: %v", err)
		}
		if rapid.IntRange(0, 4).Draw(t, "deleted") == 0 {
			c, _ = c.Delete(t0) // not live: its CIDRs are free again
		} else {
			for _, tun := range c.Tunnels() {
				w.inUse = append(w.inUse, tun.InsideCIDR())
			}
		}
		w.existing = append(w.existing, c)
	}
	cgw, _ := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: netip.AddrFrom4([4]byte{203, 0, 113, 9}),
		BGPASN: rapid.Int64Range(1, 2147483647).Filter(func(a int64) bool { return a != 64512 }).Draw(t, "asn")}, r, t0)
	opts := vpn.Options{StaticRoutesOnly: rapid.Bool().Draw(t, "static")}
	opts.Tunnels = rapid.SliceOfN(tunnelOptions(), 0, 2).Draw(t, "tunnels")
	for i := range opts.Tunnels {
		if rapid.Bool().Draw(t, "giveCIDR") {
			p := goodInsideCIDR().Draw(t, "tcidr")
			if !slices.Contains(w.inUse, p) && (i == 0 || p != opts.Tunnels[0].InsideCIDR) {
				opts.Tunnels[i].InsideCIDR = p
			}
		}
	}
	w.spec = vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Options: opts, Quotas: quotas}
	w.seed = rapid.Uint64().Draw(t, "seed")
	return w
}

// TestPropInsideCIDRs: for any valid spec and any reader, both tunnels'
// inside CIDRs are /30s in 169.254.0.0/16, not reserved, distinct, and
// disjoint from those in use on the VGW; given CIDRs are kept.
func TestPropInsideCIDRs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		c, err := vpn.Create(w.spec, w.existing, seeded(w.seed), t0)
		if err != nil {
			t.Fatalf("Create: %v", err)
		}
		tun := c.Tunnels()
		for i, tn := range tun {
			p := tn.InsideCIDR()
			a := p.Addr().As4()
			if !p.Addr().Is4() || p.Bits() != 30 || p.Masked() != p || a[0] != 169 || a[1] != 254 {
				t.Fatalf("tunnel %d inside %v: not a /30 in 169.254.0.0/16", i, p)
			}
			if slices.Contains(reservedOracle, p.String()) {
				t.Fatalf("tunnel %d inside %v is reserved", i, p)
			}
			for _, u := range w.inUse {
				if !disjoint(p, u) {
					t.Fatalf("tunnel %d inside %v overlaps %v in use on the VGW", i, p, u)
				}
			}
			if given := optsAt(w.spec.Options, i).InsideCIDR; given.IsValid() && given != p {
				t.Fatalf("tunnel %d: given %v, got %v", i, given, p)
			}
		}
		if !disjoint(tun[0].InsideCIDR(), tun[1].InsideCIDR()) {
			t.Fatalf("both tunnels use %v", tun[0].InsideCIDR())
		}
	})
}

func optsAt(o vpn.Options, i int) vpn.TunnelOptions {
	if i < len(o.Tunnels) {
		return o.Tunnels[i]
	}
	return vpn.TunnelOptions{}
}

// pskPattern states EC2's key rules as the API reference words them: 8 to
// 64 characters of letters, digits, '.' and '_', not starting with '0'.
var pskPattern = regexp.MustCompile(`^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$`)

// keyCase draws a candidate pre-shared key and says how it was made: half
// the time a valid key of any allowed length, otherwise a valid key broken
// in one way EC2 refuses.
func keyCase(t *rapid.T) (key, kind string) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"
	first := rapid.SampledFrom([]byte(alphabet[:len(alphabet)-12]+"123456789._")).Draw(t, "first")
	n := rapid.IntRange(8, 64).Draw(t, "length")
	rest := rapid.SliceOfN(rapid.SampledFrom([]byte(alphabet)), n-1, n-1).Draw(t, "rest")
	k := append([]byte{first}, rest...)
	switch kind = rapid.SampledFrom([]string{"valid", "valid", "valid", "leading zero", "too short", "too long", "bad character"}).Draw(t, "kind"); kind {
	case "leading zero":
		k[0] = '0'
	case "too short":
		k = k[:rapid.IntRange(0, 7).Draw(t, "short")]
	case "too long":
		more := rapid.SliceOfN(rapid.SampledFrom([]byte(alphabet)), 65-len(k), 80-len(k)).Draw(t, "more")
		k = append(k, more...)
	case "bad character":
		bad := rapid.SampledFrom([]string{" ", "+", "-", "/", "=", "!", "~", "[", "\x00", "\t", "\xff", "é", "\u2028", "Ａ"}).Draw(t, "bad")
		i := rapid.IntRange(0, len(k)-1).Draw(t, "at")
		k = append(k[:i:i], append([]byte(bad), k[i+1:]...)...)
	}
	return string(k), kind
}

// TestPropPSK: generated keys satisfy EC2's rules, and ValidatePSK agrees
// with a regular expression that states them, on keys that are mostly
// valid and otherwise broken in the ways that matter; a refusal names the
// parameter and never shows the key.
func TestPropPSK(t *testing.T) {
	kinds := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		k, err := vpn.GeneratePSK(seeded(rapid.Uint64().Draw(t, "seed")))
		if err != nil {
			t.Fatal(err)
		}
		if s := k.Reveal(); len(s) != 32 || !pskPattern.MatchString(s) || vpn.ValidatePSK(k) != nil {
			t.Fatalf("generated key %q breaks EC2's rules", s)
		}
		s, kind := keyCase(t)
		kinds[kind]++
		want := pskPattern.MatchString(s)
		if want != (kind == "valid") {
			t.Fatalf("drawn %s key %q: the pattern says valid=%v", kind, s, want)
		}
		err = vpn.ValidatePSK(vpn.PSK(s))
		if (err == nil) != want {
			t.Fatalf("ValidatePSK(%q) = %v, the pattern says valid=%v", s, err, want)
		}
		if s != "" && (vpn.TunnelOptions{PreSharedKey: vpn.PSK(s)}.Validate() == nil) != want { // "" is "not given" there
			t.Fatalf("TunnelOptions.Validate disagrees with ValidatePSK on %q", s)
		}
		if err != nil {
			ve := wantCode(t, err, "InvalidParameterValue", vpn.ErrPreSharedKey)
			if ve.Param != "PreSharedKey" || len(s) >= 3 && (strings.Contains(err.Error(), s) || strings.Contains(ve.ErrorMessage(), s)) {
				t.Fatalf("ValidatePSK error %v: want Param PreSharedKey and no key", err)
			}
		}
	})
	if total := kinds["valid"] + kinds["leading zero"] + kinds["too short"] + kinds["too long"] + kinds["bad character"]; kinds["valid"] < total/4 || kinds["valid"] > 3*total/4 {
		t.Errorf("drawn kinds %v: want valid and invalid keys in similar numbers", kinds)
	}
	// Every position takes every character of the alphabet, and the first
	// never '0': draw many keys from one reader.
	r := seeded(7)
	seen := [32]map[byte]bool{}
	for i := range seen {
		seen[i] = map[byte]bool{}
	}
	for range 4000 {
		k, _ := vpn.GeneratePSK(r)
		for i := range 32 {
			seen[i][k.Reveal()[i]] = true
		}
	}
	if seen[0]['0'] || len(seen[0]) != 63 || len(seen[31]) != 64 {
		t.Fatalf("alphabet coverage: first %d (has '0': %v), last %d", len(seen[0]), seen[0]['0'], len(seen[31]))
	}
}

// cloneOptions deep-copies o, keys included, so that a later comparison
// sees any change Create makes to the caller's options.
func cloneOptions(o vpn.Options) vpn.Options {
	if o.Tunnels == nil {
		return o
	}
	ts := make([]vpn.TunnelOptions, len(o.Tunnels))
	for i, t := range o.Tunnels {
		t.Phase1EncryptionAlgorithms = slices.Clone(t.Phase1EncryptionAlgorithms)
		t.Phase2EncryptionAlgorithms = slices.Clone(t.Phase2EncryptionAlgorithms)
		t.Phase1IntegrityAlgorithms = slices.Clone(t.Phase1IntegrityAlgorithms)
		t.Phase2IntegrityAlgorithms = slices.Clone(t.Phase2IntegrityAlgorithms)
		t.Phase1DHGroupNumbers = slices.Clone(t.Phase1DHGroupNumbers)
		t.Phase2DHGroupNumbers = slices.Clone(t.Phase2DHGroupNumbers)
		t.IKEVersions = slices.Clone(t.IKEVersions)
		ts[i] = t
	}
	o.Tunnels = ts
	return o
}

// TestPropDeterministic: the same reader bytes give identical connections,
// compared by their full binary form (keys, telemetry, requested options,
// times), and identical configurations; Create leaves the caller's
// options, keys included, as they were.
func TestPropDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		before := cloneOptions(w.spec.Options)
		a, errA := vpn.Create(w.spec, w.existing, seeded(w.seed), t0)
		b, errB := vpn.Create(w.spec, w.existing, seeded(w.seed), t0)
		if errA != nil || errB != nil {
			t.Fatalf("Create: %v, %v", errA, errB)
		}
		if !reflect.DeepEqual(before, w.spec.Options) {
			t.Fatalf("Create changed the caller's options:\n%s", cmp.Diff(before, w.spec.Options, snapshotOpts...))
		}
		binA, errA := a.MarshalBinary()
		binB, errB := b.MarshalBinary()
		if errA != nil || errB != nil || !bytes.Equal(binA, binB) {
			t.Fatalf("the same reader bytes gave different connections (%v, %v):\n%s\n%s", errA, errB, binA, binB)
		}
		if a.CustomerGatewayConfiguration() != b.CustomerGatewayConfiguration() {
			t.Fatalf("XML differs for the same reader bytes")
		}
		for _, d := range vpn.DeviceTypes() {
			for _, v := range []vpn.IKEVersion{"", vpn.IKEv1, vpn.IKEv2} {
				sa, ea := vpn.SampleConfiguration(a, d.ID, v)
				sb, eb := vpn.SampleConfiguration(b, d.ID, v)
				if sa != sb || fmt.Sprint(ea) != fmt.Sprint(eb) {
					t.Fatalf("%s %s differs for the same reader bytes", d.Vendor, v)
				}
			}
		}
	})
}

// TestPropXMLRoundTrip: the XML parses back with encoding/xml to the
// connection's own values for every tunnel.
func TestPropXMLRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		c, err := vpn.Create(w.spec, w.existing, seeded(w.seed), t0)
		if err != nil {
			t.Fatalf("Create: %v", err)
		}
		if err := checkXML(c); err != nil {
			t.Fatal(err)
		}
	})
}

// TestPropResolvedWithinLimits: every resolved option lies within EC2's
// limits, stated here from the API reference.
func TestPropResolvedWithinLimits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		c, err := vpn.Create(w.spec, w.existing, seeded(w.seed), t0)
		if err != nil {
			t.Fatalf("Create: %v", err)
		}
		for i, tun := range c.Tunnels() {
			o := tun.Options()
			fuzz, ok := o.RekeyFuzzPercentage.Value()
			if o.Phase1LifetimeSeconds < 900 || o.Phase1LifetimeSeconds > 28800 ||
				o.Phase2LifetimeSeconds < 900 || o.Phase2LifetimeSeconds > 3600 || o.Phase2LifetimeSeconds >= o.Phase1LifetimeSeconds ||
				o.RekeyMarginTimeSeconds < 60 || 2*o.RekeyMarginTimeSeconds > o.Phase2LifetimeSeconds ||
				!ok || fuzz < 0 || fuzz > 100 || o.ReplayWindowSize < 64 || o.ReplayWindowSize > 2048 || o.DPDTimeoutSeconds < 30 ||
				len(o.Phase1EncryptionAlgorithms) == 0 || len(o.Phase2DHGroupNumbers) == 0 || len(o.IKEVersions) == 0 ||
				o.StartupAction == vpn.StartupStart && slices.Contains(o.IKEVersions, vpn.IKEv1) {
				t.Fatalf("tunnel %d resolved options out of limits: %+v", i, o)
			}
		}
	})
}

// TestPropEncodingRoundTrip: after any sequence of actions at any instants,
// each value encodes, decodes to a value whose every accessor agrees with
// the original, encodes again to the same bytes, and behaves the same under
// any further actions: the same results and the same errors.
func TestPropEncodingRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genTrio(t)
		for range rapid.IntRange(0, 40).Draw(t, "before") {
			w, _ = w.apply(drawAction(t))
		}
		d := roundTrip(t, w)
		for range rapid.IntRange(0, 20).Draw(t, "after") {
			a := drawAction(t)
			var errW, errD string
			w, errW = w.apply(a)
			d, errD = d.apply(a)
			if errW != errD {
				t.Fatalf("%s at %v: original gives %q, decoded gives %q", a.kind, a.at, errW, errD)
			}
			sameTrio(t, w, d, false)
		}
		roundTrip(t, w)
	})
}

// roundTrip encodes and decodes each value of w, checks the copy against
// the original and the re-encoding against the encoding, and returns the
// copy.
func roundTrip(t *rapid.T, w trio) trio {
	var d trio
	for _, v := range []struct {
		name string
		from interface{ MarshalBinary() ([]byte, error) }
		to   interface {
			UnmarshalBinary([]byte) error
			MarshalBinary() ([]byte, error)
		}
	}{
		{"CustomerGateway", w.cgw, &d.cgw},
		{"Gateway", w.vgw, &d.vgw},
		{"Connection", w.conn, &d.conn},
	} {
		b, err := v.from.MarshalBinary()
		if err != nil {
			t.Fatalf("%s.MarshalBinary: %v", v.name, err)
		}
		if err := v.to.UnmarshalBinary(b); err != nil {
			t.Fatalf("%s.UnmarshalBinary: %v\n%s", v.name, err, b)
		}
		again, err := v.to.MarshalBinary()
		if err != nil || string(again) != string(b) {
			t.Fatalf("%s: re-encoding differs (%v):\n%s\n%s", v.name, err, b, again)
		}
	}
	sameTrio(t, w, d, true)
	return d
}

// sameTrio fails t unless every accessor of want's values agrees with
// got's; full compares the device sample configurations too.
func sameTrio(t *rapid.T, want, got trio, full bool) {
	t.Helper()
	sameSnapshot(t, "CustomerGateway", snapCGW(want.cgw), snapCGW(got.cgw))
	sameSnapshot(t, "Gateway", snapVGW(want.vgw), snapVGW(got.vgw))
	sameSnapshot(t, "Connection", snapConn(want.conn, full), snapConn(got.conn, full))
}
