package vpn_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpn"
)

// FuzzCustomerGatewayConfiguration checks that the XML stays well-formed and
// parses back to the connection's values whatever text ends up in it: IDs,
// device names and tags.
func FuzzCustomerGatewayConfiguration(f *testing.F) {
	f.Add("vpn-0123456789abcdef0", "cgw-0123abcd", "vgw-0123abcd", "edge-1", "Name", "office", false) // ordinary BGP
	f.Add(`vpn-"<&>'`, "cgw-]]>", "", "<device/>", "k&y", "v<a>l", true)                              // markup everywhere, static
	f.Add("vpn-\x00\x01", "cgw-\xff\xfe", "vgw-\ufffd", "\t\r\n", "", "", false)                      // control bytes, invalid UTF-8
	f.Add("", "", "", "", "", "", true)                                                               // empty IDs: no document
	f.Fuzz(func(t *testing.T, id, cgwID, vgwID, device, key, value string, static bool) {
		r := seeded(uint64(len(id) + len(device)))
		cgw, err := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: mustAddr("198.51.100.7"), DeviceName: device}, r, t0)
		if err != nil {
			if !strings.Contains(err.Error(), "DeviceName") && !errors.Is(err, vpn.ErrOutOfRange) {
				t.Fatalf("CreateCustomerGateway: %v", err)
			}
			cgw = mustCGW(t, "198.51.100.7", 65000, r)
		}
		tags, _ := tag.NewSet(tag.Tag{Key: key, Value: value})
		vgw := mustVGW(t, 0, r)
		c, err := vpn.Create(vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cgw, VPNGateway: vgw, Tags: tags,
			Options: vpn.Options{StaticRoutesOnly: static}}, nil, r, t0)
		if err != nil {
			t.Fatalf("Create: %v", err)
		}
		c = vpn.WithIDsForTest(c, id, cgwID, vgwID)
		doc := c.CustomerGatewayConfiguration()
		if id == "" {
			if doc != "" {
				t.Fatalf("the zero-ID connection rendered XML")
			}
			return
		}
		d := xml.NewDecoder(strings.NewReader(doc))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("XML not well-formed: %v\n%s", err, doc)
			}
		}
		var x xmlDoc
		if err := xml.Unmarshal([]byte(doc), &x); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		// Text XML can carry comes back unchanged; the rest as U+FFFD.
		if xmlClean(id) == id && x.ID != id || xmlClean(cgwID) == cgwID && x.CustomerGatewayID != cgwID ||
			xmlClean(vgwID) == vgwID && x.VPNGatewayID != vgwID {
			t.Fatalf("IDs came back as %q %q %q, want %q %q %q", x.ID, x.CustomerGatewayID, x.VPNGatewayID, id, cgwID, vgwID)
		}
		if len(x.Tunnels) != 2 || x.Tunnels[1].IKE.PSK != c.Tunnels()[1].PSK().Reveal() {
			t.Fatalf("tunnels did not parse back")
		}
	})
}

// xmlClean reports s as XML can carry it: valid UTF-8 without control
// characters other than tab (newlines and returns are escaped and come back,
// but a parser may normalise a lone \r).
func xmlClean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r >= 0x20 && r != 0xFFFD && r != 0xFFFE && r != 0xFFFF && !(r >= 0xD800 && r <= 0xDFFF) {
			return r
		}
		return -1
	}, strings.ToValidUTF8(s, ""))
}

// FuzzTunnelOptions checks option validation on arbitrary input: no panic;
// an accepted set resolves within EC2's limits and creates a connection; a
// refused one is an InvalidParameterValue, InvalidParameterCombination or
// MissingParameter *vpn.Error that names a parameter and never shows the
// key.
func FuzzTunnelOptions(f *testing.F) {
	f.Add("", "", 0, 0, 0, -1, 0, 0, "", "", "", 0, "", "")                                                                  // all defaults
	f.Add("169.254.10.0/30", "abcdefgh", 28800, 3600, 270, 100, 1024, 30, "clear", "ikev2", "start", 3, logGroup, "json")    // every field at a valid value
	f.Add("169.254.169.252/30", "0abcdefgh", 900, 900, 59, 101, 63, 29, "Clear", "ikev3", "go", 2, "arn:aws:logs:x", "JSON") // every field just out of range
	f.Add("10.0.0.0/8", "a+b", 901, 900, 450, 0, 2048, 31, "none", "ikev1", "add", 3, "", "text")                            // boundaries, a bad CIDR, a log without a group
	f.Fuzz(func(t *testing.T, insideCIDR, psk string, p1, p2, margin, fuzz, replay, dpd int, action, ike, startup string, flags int, arn, format string) {
		o := vpn.TunnelOptions{
			PreSharedKey:           vpn.PSK(psk),
			Phase1LifetimeSeconds:  p1,
			Phase2LifetimeSeconds:  p2,
			RekeyMarginTimeSeconds: margin,
			ReplayWindowSize:       replay,
			DPDTimeoutSeconds:      dpd,
			DPDTimeoutAction:       vpn.DPDAction(action),
			StartupAction:          vpn.StartupAction(startup),
		}
		if fuzz >= 0 {
			o.RekeyFuzzPercentage = vpn.PercentOf(fuzz % 1000)
		}
		if ike != "" {
			o.IKEVersions = []vpn.IKEVersion{vpn.IKEVersion(ike)}
		}
		if p, err := parsePrefix(insideCIDR); err == nil {
			o.InsideCIDR = p
		}
		// flags: bit 0 lifecycle control given, bit 1 its value; bit 2 log
		// options given, bit 3 the log enabled.
		if flags&1 != 0 {
			o.EnableTunnelLifecycleControl = vpn.FlagOf(flags&2 != 0)
		}
		if flags&4 != 0 {
			o.LogOptions = vpn.LogOptionsOf(vpn.CloudWatchLogOptions{LogEnabled: flags&8 != 0, LogGroupARN: arn, LogOutputFormat: vpn.LogFormat(format)})
		}
		err := o.Validate()
		fx := newFixture(t, 1)
		c, cerr := vpn.Create(fx.spec(vpn.Options{Tunnels: []vpn.TunnelOptions{o}}), nil, fx.random, t0)
		if (err == nil) != (cerr == nil) {
			t.Fatalf("Validate = %v but Create = %v", err, cerr)
		}
		if err != nil {
			var ve *vpn.Error
			if !errors.As(err, &ve) || ve.Param == "" ||
				(ve.Code != "InvalidParameterValue" && ve.Code != "InvalidParameterCombination" && ve.Code != "MissingParameter") {
				t.Fatalf("Validate error %v is not a parameter error", err)
			}
			if len(psk) >= 4 && (strings.Contains(err.Error(), psk) || strings.Contains(ve.ErrorMessage(), psk)) && !strings.Contains(insideCIDR+action+ike+startup+arn+format, psk) &&
				!strings.Contains(fmt.Sprintf("%q%q%q%q%q%q", insideCIDR, action, ike, startup, arn, format), psk) {
				t.Fatalf("error shows the key: %v", err)
			}
			return
		}
		r := c.Tunnels()[0].Options()
		got, _ := r.RekeyFuzzPercentage.Value()
		if r.Phase2LifetimeSeconds >= r.Phase1LifetimeSeconds || 2*r.RekeyMarginTimeSeconds > r.Phase2LifetimeSeconds ||
			got < 0 || got > 100 || r.ReplayWindowSize < 64 || r.ReplayWindowSize > 2048 || r.DPDTimeoutSeconds < 30 {
			t.Fatalf("accepted options resolve out of limits: %+v", r)
		}
		if psk != "" && c.Tunnels()[0].PSK().Reveal() != psk {
			t.Fatalf("given key not kept")
		}
		if logs := c.Tunnels()[0].LogOptions(); logs.LogEnabled && (logs.LogGroupARN == "" || !logs.LogOutputFormat.IsValid()) ||
			logs.LogGroupARN != "" && !vpn.ValidLogGroupARN(logs.LogGroupARN) {
			t.Fatalf("accepted log options out of their rules: %+v", logs)
		}
	})
}

// checkDecoded is the body of the UnmarshalBinary fuzz targets: a refusal
// is a typed encoding or version error that leaves the receiver zero; an
// accepted value survives its methods, encodes, and decodes again to the
// same bytes.
func checkDecoded(t *testing.T, data []byte, v encodable, isValid func() bool, exercise func()) {
	err := v.UnmarshalBinary(data)
	if err != nil {
		var ve *vpn.Error
		if !errors.As(err, &ve) || !errors.Is(err, vpn.ErrEncoding) && !errors.Is(err, vpn.ErrVersion) || ve.ErrorMessage() == "" {
			t.Fatalf("UnmarshalBinary error %v is not a typed encoding error", err)
		}
		if isValid() {
			t.Fatalf("a refused UnmarshalBinary filled the receiver")
		}
		return
	}
	exercise()
	b1, err := v.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary of a decoded value: %v", err)
	}
	if err := v.UnmarshalBinary(b1); err != nil {
		t.Fatalf("UnmarshalBinary of its own encoding: %v\n%s", err, b1)
	}
	b2, err := v.MarshalBinary()
	if err != nil || !bytes.Equal(b1, b2) {
		t.Fatalf("re-encoding is not stable (%v):\n%s\n%s", err, b1, b2)
	}
}

func FuzzUnmarshalCustomerGateway(f *testing.F) {
	cgw, _, _, _ := encodings(f)
	f.Add(cgw)                                                                                                                                                     // a deleted gateway with tags and a device name
	f.Add([]byte(`{"v":1,"id":"cgw-0123abcd","type":"ipsec.1","bgpAsn":65000,"ipAddress":"198.51.100.7","state":"available","createdAt":"2025-03-01T12:00:00Z"}`)) // the smallest valid record
	f.Add([]byte(`{"v":2}`))                                                                                                                                       // an unknown version
	f.Add([]byte(`{"v":1,"id":"cgw-0123abcd","deviceName":"\u00e9\ud800"}`))                                                                                       // an unpaired surrogate
	f.Fuzz(func(t *testing.T, data []byte) {
		var g vpn.CustomerGateway
		checkDecoded(t, data, &g, g.IsValid, func() {
			_ = fmt.Sprintf("%v %+v", g, g)
			g.IsListed(t0)
			g.Delete(nil, t0)
		})
	})
}

func FuzzUnmarshalGateway(f *testing.F) {
	_, vgw, _, _ := encodings(f)
	f.Add(vgw)                                                                                                                                                                            // an attaching gateway with tags
	f.Add([]byte(`{"v":1,"id":"vgw-0123abcd","type":"ipsec.1","amazonSideAsn":64512,"state":"deleted","createdAt":"2025-03-01T12:00:00Z","deletedAt":"2025-03-01T12:00:00.000000001Z"}`)) // deleted 1ns after creation
	f.Add([]byte(`{"v":1,"attachment":null}`))                                                                                                                                            // a null attachment
	f.Add([]byte(`{"v":1} trailing`))                                                                                                                                                     // data after the object
	f.Fuzz(func(t *testing.T, data []byte) {
		var g vpn.Gateway
		checkDecoded(t, data, &g, g.IsValid, func() {
			_ = fmt.Sprintf("%v %+v", g, g)
			g.Settle(t0)
			g.Detach("vpc-0123abcd", t0)
			g.Attach("vpc-0123abcd", []vpn.Gateway{g}, t0)
			g.Delete(nil, t0)
		})
	})
}

func FuzzUnmarshalConnection(f *testing.F) {
	_, _, static, bgp := encodings(f)
	f.Add(static)                                                             // static, with routes, requested options and an UP tunnel
	f.Add(bgp)                                                                // BGP, with an UP tunnel
	f.Add(maintained(f))                                                      // lifecycle control, logs, pending and applied maintenance
	f.Add([]byte(`{"v":1,"tunnels":[{},{}]}`))                                // empty tunnels
	f.Add([]byte(`{"v":1,"routes":[{"destinationCidrBlock":"10.0.0.0/8"}]}`)) // a bare route
	f.Add([]byte(`{"V":1}`))                                                  // the version in another case
	f.Fuzz(func(t *testing.T, data []byte) {
		var c vpn.Connection
		checkDecoded(t, data, &c, c.IsValid, func() {
			_ = fmt.Sprintf("%v %+v %#v", c, c, c)
			c.Settle(t0.Add(time.Hour))
			c.CustomerGatewayConfiguration()
			c.DescribedConfiguration()
			for _, tun := range c.Tunnels() {
				tun.DescribedOptions()
			}
			for _, d := range vpn.DeviceTypes() {
				vpn.SampleConfiguration(c, d.ID, "")
			}
			c.CreateRoute(mustPrefix("10.9.0.0/16"), t0)
			c.SetTunnelStatus(0, "UP", 1, t0)
			c.Settle(t0.Add(vpn.MaintenanceWindow + time.Hour))
			c.NextMaintenance()
			if tun := c.Tunnels()[0]; tun.IsValid() {
				c.ReplaceTunnel(tun.AWSOutsideAddress(), true, t0)
			}
		})
	})
}

// maintained encodes a connection whose first tunnel has lifecycle
// control, logs and maintenance pending, and whose second has had
// maintenance applied.
func maintained(t tb) []byte {
	f := newFixture(t, 71)
	c := f.available(t, vpn.Options{Tunnels: []vpn.TunnelOptions{{EnableTunnelLifecycleControl: vpn.FlagOf(true),
		LogOptions: logs(true, logGroup, vpn.LogText)}}})
	tun := c.Tunnels()
	c, err := c.ModifyTunnelOptions(tun[1].AWSOutsideAddress(), vpn.TunnelOptions{DPDTimeoutSeconds: 40}, true, nil, t0)
	if err != nil {
		t.Fatalf("%v", err)
	}
	c, err = c.Settle(t0).ReplaceTunnel(tun[1].AWSOutsideAddress(), true, t0.Add(time.Minute))
	if err != nil {
		t.Fatalf("%v", err)
	}
	c, err = c.Settle(t0.Add(time.Minute)).ModifyTunnelOptions(tun[0].AWSOutsideAddress(), vpn.TunnelOptions{ReplayWindowSize: 512}, true, nil, t0.Add(time.Hour))
	if err != nil {
		t.Fatalf("%v", err)
	}
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatalf("%v", err)
	}
	return b
}

// FuzzValidLogGroupARN checks ValidLogGroupARN against the regular
// expression of the same shape, on any text.
func FuzzValidLogGroupARN(f *testing.F) {
	for _, s := range []string{logGroup, logGroup + ":*", "arn:aws-cn:logs:cn-north-1:111122223333:log-group:x",
		"arn:aws:logs:us-east-1:111122223333:log-group:", "arn:aws-:logs:us-east-1:1:log-group:x", "arn:aws:logs:a-b-1:111122223333:log-group:#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := vpn.ValidLogGroupARN(s), logGroupOracle.MatchString(s); got != want {
			t.Fatalf("ValidLogGroupARN(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
