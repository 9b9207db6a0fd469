package vpn_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpn"
)

// encodable is what the three encodable values share.
type encodable interface {
	MarshalBinary() ([]byte, error)
	UnmarshalBinary([]byte) error
}

// encodings returns valid encodings to corrupt: a deleted customer
// gateway, an attached VGW, a static connection with routes, requested
// options and an UP tunnel, and a BGP connection.
func encodings(t tb) (cgw, vgw, static, bgp []byte) {
	t.Helper()
	r := seeded(70)
	tags, _ := tag.NewSet(tag.Tag{Key: "Name", Value: "edge"}, tag.Tag{Key: "team", Value: "net"})
	g, err := vpn.CreateCustomerGateway(vpn.CustomerGatewaySpec{Type: vpn.IPsec1, IPAddress: mustAddr("198.51.100.7"),
		DeviceName: "edge-1", Tags: tags}, r, t0)
	if err != nil {
		t.Fatalf("%v", err)
	}
	cg := mustCGW(t, "198.51.100.8", 65001, r)
	deleted, _ := g.Delete(nil, t0.Add(time.Minute))
	v, _ := mustVGW(t, 0, r).WithTags(tags).Attach("vpc-0123abcd", nil, t0.Add(time.Second))
	spec := vpn.Spec{Type: vpn.IPsec1, CustomerGateway: cg, VPNGateway: v, Tags: tags, Options: vpn.Options{StaticRoutesOnly: true,
		Tunnels: []vpn.TunnelOptions{{DPDTimeoutSeconds: 40, PreSharedKey: "given_key.1", IKEVersions: []vpn.IKEVersion{vpn.IKEv2, vpn.IKEv2}}}}}
	c, err := vpn.Create(spec, nil, r, t0)
	if err != nil {
		t.Fatalf("%v", err)
	}
	c = c.Settle(t0)
	c, _ = c.CreateRoute(mustPrefix("10.0.0.0/16"), t0.Add(time.Second))
	c, _ = c.CreateRoute(mustPrefix("10.1.0.0/16"), t0.Add(time.Second))
	c, _ = c.SetTunnelStatus(0, status.Up, 2, t0.Add(time.Minute))
	spec.CustomerGateway, spec.Options = mustCGW(t, "198.51.100.9", 65002, r), vpn.Options{}
	b, err := vpn.Create(spec, []vpn.Connection{c}, r, t0)
	if err != nil {
		t.Fatalf("%v", err)
	}
	b, _ = b.SetTunnelStatus(1, status.Up, 3, t0.Add(time.Minute))
	for _, v := range []struct {
		dst *[]byte
		v   interface{ MarshalBinary() ([]byte, error) }
	}{{&cgw, deleted}, {&vgw, v}, {&static, c}, {&bgp, b}} {
		if *v.dst, err = v.v.MarshalBinary(); err != nil {
			t.Fatalf("%v", err)
		}
	}
	return cgw, vgw, static, bgp
}

// remove as a value deletes the key.
var remove = &struct{}{}

// edit returns b with the JSON value at path ("tunnels.0.options.x") set to
// value, or deleted when value is remove.
func edit(t *testing.T, b []byte, path string, value any) []byte {
	t.Helper()
	var root any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		t.Fatal(err)
	}
	keys := strings.Split(path, ".")
	node := root
	for i, k := range keys {
		last := i == len(keys)-1
		switch n := node.(type) {
		case map[string]any:
			if last {
				if value == remove {
					delete(n, k)
				} else {
					n[k] = value
				}
				break
			}
			node = n[k]
		case []any:
			j, err := strconv.Atoi(k)
			if err != nil || j >= len(n) {
				t.Fatalf("edit %s: no element %s", path, k)
			}
			if last {
				n[j] = value
				break
			}
			node = n[j]
		default:
			t.Fatalf("edit %s: %s is not an object or array", path, k)
		}
	}
	out, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUnmarshalBinaryRefuses corrupts valid encodings one rule at a time:
// each is refused with the sentinel and the field named, the key never
// shown, the receiver left as it was.
func TestUnmarshalBinaryRefuses(t *testing.T) {
	cgw, vgw, static, bgp := encodings(t)
	set := func(b []byte, path string, v any) func(*testing.T) []byte {
		return func(t *testing.T) []byte { return edit(t, b, path, v) }
	}
	raw := func(s string) func(*testing.T) []byte { return func(*testing.T) []byte { return []byte(s) } }
	const day = "2025-02-28T12:00:00Z" // before every creation
	routes := func(rs ...map[string]any) []any {
		out := make([]any, len(rs))
		for i, r := range rs {
			out[i] = r
		}
		return out
	}
	route := func(dest, state string) map[string]any {
		return map[string]any{"destinationCidrBlock": dest, "source": "Static", "state": state, "changedAt": "2025-03-01T12:00:01Z"}
	}
	tests := []struct {
		name  string
		kind  string // cgw, vgw, conn
		data  func(*testing.T) []byte
		cause error
		param string // "" when the error names no field
	}{
		// Versions and syntax, for each type.
		{"no version", "conn", set(static, "v", remove), vpn.ErrVersion, "v"},
		{"version 2", "cgw", set(cgw, "v", 2), vpn.ErrVersion, "v"},
		{"version 0", "vgw", set(vgw, "v", 0), vpn.ErrVersion, "v"},
		{"version as text", "conn", set(static, "v", "1"), vpn.ErrVersion, "v"},
		{"version 1.0", "conn", raw(`{"v":1.0}`), vpn.ErrVersion, "v"},
		{"null", "conn", raw(`null`), vpn.ErrVersion, "v"},
		{"empty", "cgw", raw(``), vpn.ErrEncoding, ""},
		{"not json", "vgw", raw(`vgw-0123abcd`), vpn.ErrEncoding, ""},
		{"array", "conn", raw(`[1]`), vpn.ErrEncoding, ""},
		{"trailing data", "cgw", func(t *testing.T) []byte { return append(bytes.Clone(cgw), " {}"...) }, vpn.ErrEncoding, ""},
		{"unknown field", "conn", set(static, "enableAcceleration", true), vpn.ErrEncoding, ""},
		{"unknown nested field", "conn", set(static, "tunnels.0.telemetry.certificateArn", "x"), vpn.ErrEncoding, ""},
		{"wrong json type", "cgw", set(cgw, "bgpAsn", "65000"), vpn.ErrEncoding, ""},

		// Customer gateways.
		{"cgw malformed id", "cgw", set(cgw, "id", "cgw-XYZ"), vpn.ErrEncoding, "id"},
		{"cgw id of a vgw", "cgw", set(cgw, "id", "vgw-0123abcd"), vpn.ErrEncoding, "id"},
		{"cgw type", "cgw", set(cgw, "type", "ipsec.2"), vpn.ErrEncoding, "type"},
		{"cgw asn zero", "cgw", set(cgw, "bgpAsn", 0), vpn.ErrEncoding, "bgpAsn"},
		{"cgw asn above 32 bits", "cgw", set(cgw, "bgpAsn", 4294967296), vpn.ErrEncoding, "bgpAsn"},
		{"cgw ipv6 address", "cgw", set(cgw, "ipAddress", "2001:db8::7"), vpn.ErrEncoding, "ipAddress"},
		{"cgw mapped address", "cgw", set(cgw, "ipAddress", "::ffff:198.51.100.7"), vpn.ErrEncoding, "ipAddress"},
		{"cgw unspecified address", "cgw", set(cgw, "ipAddress", "0.0.0.0"), vpn.ErrEncoding, "ipAddress"},
		{"cgw device name too long", "cgw", set(cgw, "deviceName", strings.Repeat("é", 256)), vpn.ErrEncoding, "deviceName"},
		{"cgw state pending", "cgw", set(cgw, "state", "pending"), vpn.ErrEncoding, "state"},
		{"cgw time with offset", "cgw", set(cgw, "createdAt", "2025-03-01T13:00:00+01:00"), vpn.ErrEncoding, "createdAt"},
		{"cgw time not rfc 3339", "cgw", set(cgw, "createdAt", "1 March 2025"), vpn.ErrEncoding, "createdAt"},
		{"cgw deleted without instant", "cgw", set(cgw, "deletedAt", remove), vpn.ErrEncoding, "deletedAt"},
		{"cgw deleted before created", "cgw", set(cgw, "deletedAt", day), vpn.ErrEncoding, "deletedAt"},
		{"cgw available with deletion", "cgw", set(cgw, "state", "available"), vpn.ErrEncoding, "deletedAt"},
		{"cgw tags out of order", "cgw", set(cgw, "tags", []any{map[string]any{"key": "b", "value": ""}, map[string]any{"key": "a", "value": ""}}), vpn.ErrEncoding, "tags[1].key"},
		{"cgw tag reserved", "cgw", set(cgw, "tags", []any{map[string]any{"key": "aws:x", "value": ""}}), vpn.ErrEncoding, "tags"},

		// Virtual private gateways.
		{"vgw malformed id", "vgw", set(vgw, "id", "vgw-0123ABCD"), vpn.ErrEncoding, "id"},
		{"vgw public asn", "vgw", set(vgw, "amazonSideAsn", 7224), vpn.ErrEncoding, "amazonSideAsn"},
		{"vgw state deleting", "vgw", set(vgw, "state", "deleting"), vpn.ErrEncoding, "state"},
		{"vgw malformed vpc", "vgw", set(vgw, "attachment.vpcId", "vpc-xyz"), vpn.ErrEncoding, "attachment.vpcId"},
		{"vgw attachment state", "vgw", set(vgw, "attachment.state", "attachinG"), vpn.ErrEncoding, "attachment.state"},
		{"vgw attached before created", "vgw", set(vgw, "attachment.changedAt", day), vpn.ErrEncoding, "attachment.changedAt"},
		{"vgw deleted while attached", "vgw", func(t *testing.T) []byte {
			return edit(t, edit(t, vgw, "state", "deleted"), "deletedAt", "2025-03-02T00:00:00Z")
		}, vpn.ErrEncoding, "attachment.state"},

		// Connections: identity, gateways, ASNs.
		{"conn malformed id", "conn", set(static, "id", "vpn-1"), vpn.ErrEncoding, "id"},
		{"conn type", "conn", set(static, "type", ""), vpn.ErrEncoding, "type"},
		{"conn state", "conn", set(static, "state", "failed"), vpn.ErrEncoding, "state"},
		{"conn changed before created", "conn", set(static, "changedAt", day), vpn.ErrEncoding, "changedAt"},
		{"conn pending changed after created", "conn", func(t *testing.T) []byte {
			return edit(t, edit(t, static, "state", "pending"), "changedAt", "2025-03-02T00:00:00Z")
		}, vpn.ErrEncoding, "changedAt"},
		{"conn malformed cgw", "conn", set(static, "customerGatewayId", "cgw-"), vpn.ErrEncoding, "customerGatewayId"},
		{"conn cgw address", "conn", set(static, "customerGatewayAddress", "198.51.100.08"), vpn.ErrEncoding, "customerGatewayAddress"},
		{"conn malformed vgw", "conn", set(static, "vpnGatewayId", "vgw-0123abcd0"), vpn.ErrEncoding, "vpnGatewayId"},
		{"conn both gateways", "conn", set(static, "transitGatewayId", "tgw-0123abcd"), vpn.ErrEncoding, "transitGatewayId"},
		{"conn vgw asn public", "conn", set(static, "amazonSideAsn", 65535), vpn.ErrEncoding, "amazonSideAsn"},
		{"conn bgp asn conflict", "conn", set(bgp, "customerGatewayAsn", 64512), vpn.ErrEncoding, "customerGatewayAsn"},

		// Connection options.
		{"conn ip version", "conn", set(static, "options.tunnelInsideIpVersion", "ipv5"), vpn.ErrEncoding, "options.tunnelInsideIpVersion"},
		{"conn ipv6 on a vgw", "conn", set(static, "options.tunnelInsideIpVersion", "ipv6"), vpn.ErrEncoding, "options.tunnelInsideIpVersion"},
		{"conn unmasked network", "conn", set(static, "options.localIpv4NetworkCidr", "10.0.0.1/8"), vpn.ErrEncoding, "options.localIpv4NetworkCidr"},
		{"conn missing network", "conn", set(static, "options.remoteIpv4NetworkCidr", remove), vpn.ErrEncoding, "options.remoteIpv4NetworkCidr"},
		{"conn other family network", "conn", set(static, "options.localIpv6NetworkCidr", "::/0"), vpn.ErrEncoding, "options.localIpv6NetworkCidr"},

		// Tunnels.
		{"one tunnel", "conn", func(t *testing.T) []byte {
			var m map[string]any
			json.Unmarshal(static, &m)
			return edit(t, static, "tunnels", m["tunnels"].([]any)[:1])
		}, vpn.ErrEncoding, "tunnels"},
		{"same outside address", "conn", func(t *testing.T) []byte {
			var m map[string]any
			json.Unmarshal(static, &m)
			return edit(t, static, "tunnels.1.outsideIpAddress", m["tunnels"].([]any)[0].(map[string]any)["outsideIpAddress"])
		}, vpn.ErrEncoding, "tunnels[1].outsideIpAddress"},
		{"outside is the customer", "conn", set(static, "tunnels.0.outsideIpAddress", "198.51.100.8"), vpn.ErrEncoding, "tunnels[0].outsideIpAddress"},
		{"same inside cidr", "conn", func(t *testing.T) []byte {
			var m map[string]any
			json.Unmarshal(static, &m)
			return edit(t, static, "tunnels.1.options.tunnelInsideCidr", m["tunnels"].([]any)[0].(map[string]any)["options"].(map[string]any)["tunnelInsideCidr"])
		}, vpn.ErrEncoding, "tunnels[1].options"},
		{"reserved inside cidr", "conn", set(static, "tunnels.0.options.tunnelInsideCidr", "169.254.169.252/30"), vpn.ErrEncoding, "tunnels[0].options.tunnelInsideCidr"},
		{"unmasked inside cidr", "conn", set(static, "tunnels.0.options.tunnelInsideCidr", "169.254.10.1/30"), vpn.ErrEncoding, "tunnels[0].options.tunnelInsideCidr"},
		{"no inside cidr", "conn", set(static, "tunnels.1.options.tunnelInsideCidr", remove), vpn.ErrEncoding, "tunnels[1].options.tunnelInsideCidr"},
		{"ipv6 inside on ipv4", "conn", set(static, "tunnels.0.options.tunnelInsideIpv6Cidr", "fd00::/126"), vpn.ErrEncoding, "tunnels[0].options.tunnelInsideIpv6Cidr"},
		{"key starts with 0", "conn", set(static, "tunnels.1.options.preSharedKey", "0abcdefghij"), vpn.ErrEncoding, "tunnels[1].options.preSharedKey"},
		{"key too short", "conn", set(static, "tunnels.1.options.preSharedKey", "short"), vpn.ErrEncoding, "tunnels[1].options.preSharedKey"},
		{"key bad character", "conn", set(static, "tunnels.1.options.preSharedKey", "abc+defghij"), vpn.ErrEncoding, "tunnels[1].options.preSharedKey"},
		{"no key", "conn", set(static, "tunnels.1.options.preSharedKey", remove), vpn.ErrEncoding, "tunnels[1].options.preSharedKey"},
		{"lifetime out of range", "conn", set(static, "tunnels.0.options.phase1LifetimeSeconds", 100), vpn.ErrEncoding, "tunnels[0].options.phase1LifetimeSeconds"},
		{"phase 2 not below phase 1", "conn", set(static, "tunnels.0.options.phase2LifetimeSeconds", 28800), vpn.ErrEncoding, "tunnels[0].options.phase2LifetimeSeconds"},
		{"option not resolved", "conn", set(static, "tunnels.0.options.replayWindowSize", remove), vpn.ErrEncoding, "tunnels[0].options"},
		{"list not resolved", "conn", set(static, "tunnels.0.options.ikeVersions", []any{"ikev2", "ikev2"}), vpn.ErrEncoding, "tunnels[0].options"},
		{"unknown algorithm", "conn", set(static, "tunnels.0.options.phase1EncryptionAlgorithms", []any{"DES"}), vpn.ErrEncoding, "tunnels[0].options.phase1EncryptionAlgorithms"},
		{"fuzz out of range", "conn", set(static, "tunnels.0.options.rekeyFuzzPercentage", 101), vpn.ErrEncoding, "tunnels[0].options.rekeyFuzzPercentage"},
		{"requested disagrees", "conn", set(static, "tunnels.0.requested.dpdTimeoutSeconds", 50), vpn.ErrEncoding, "tunnels[0].requested.dpdTimeoutSeconds"},
		{"requested other key", "conn", set(static, "tunnels.0.requested.preSharedKey", "other_key.2"), vpn.ErrEncoding, "tunnels[0].requested.preSharedKey"},
		{"requested invalid", "conn", set(static, "tunnels.0.requested.dpdTimeoutSeconds", 10), vpn.ErrEncoding, "tunnels[0].requested.dpdTimeoutSeconds"},
		{"requested list disagrees", "conn", set(static, "tunnels.0.requested.ikeVersions", []any{"ikev1"}), vpn.ErrEncoding, "tunnels[0].requested.ikeVersions"},
		{"telemetry status", "conn", set(static, "tunnels.0.telemetry.status", "up"), vpn.ErrEncoding, "tunnels[0].telemetry.status"},
		{"telemetry message static", "conn", set(static, "tunnels.0.telemetry.statusMessage", "2 BGP ROUTES"), vpn.ErrEncoding, "tunnels[0].telemetry.statusMessage"},
		{"telemetry message bgp", "conn", set(bgp, "tunnels.1.telemetry.statusMessage", "4 BGP ROUTES"), vpn.ErrEncoding, "tunnels[1].telemetry.statusMessage"},
		{"telemetry down with routes", "conn", set(static, "tunnels.1.telemetry.acceptedRouteCount", 1), vpn.ErrEncoding, "tunnels[1].telemetry.acceptedRouteCount"},
		{"telemetry negative count", "conn", set(static, "tunnels.0.telemetry.acceptedRouteCount", -1), vpn.ErrEncoding, "tunnels[0].telemetry.acceptedRouteCount"},
		{"telemetry before creation", "conn", set(static, "tunnels.0.telemetry.lastStatusChange", day), vpn.ErrEncoding, "tunnels[0].telemetry.lastStatusChange"},

		// Lifecycle control, logs, outside addresses, bandwidth, maintenance.
		{"outside type", "conn", set(static, "options.outsideIpAddressType", "PublicIPv4"), vpn.ErrEncoding, "options.outsideIpAddressType"},
		{"ipv6 outside on a vgw", "conn", set(static, "options.outsideIpAddressType", "Ipv6"), vpn.ErrEncoding, "options.outsideIpAddressType"},
		{"bandwidth", "conn", set(static, "options.tunnelBandwidth", "huge"), vpn.ErrEncoding, "options.tunnelBandwidth"},
		{"large on a vgw", "conn", set(static, "options.tunnelBandwidth", "large"), vpn.ErrEncoding, "options.tunnelBandwidth"},
		{"requested lifecycle disagrees", "conn", set(static, "tunnels.0.requested.enableTunnelLifecycleControl", true), vpn.ErrEncoding, "tunnels[0].requested.enableTunnelLifecycleControl"},
		{"log group arn", "conn", set(static, "tunnels.0.options.logOptions", map[string]any{"logGroupArn": "arn:aws:s3:::bucket"}), vpn.ErrEncoding, "tunnels[0].options.logOptions.logGroupArn"},
		{"log enabled without a group", "conn", set(static, "tunnels.0.options.logOptions", map[string]any{"logEnabled": true, "logOutputFormat": "json"}), vpn.ErrEncoding, "tunnels[0].options.logOptions.logGroupArn"},
		{"log format not resolved", "conn", set(static, "tunnels.0.options.logOptions", map[string]any{"logEnabled": true, "logGroupArn": logGroup}), vpn.ErrEncoding, "tunnels[0].options"},
		{"empty maintenance", "conn", set(static, "tunnels.0.maintenance", map[string]any{}), vpn.ErrEncoding, "tunnels[0].maintenance"},
		{"pending without deadline", "conn", set(static, "tunnels.0.maintenance", map[string]any{"pending": true}), vpn.ErrEncoding, "tunnels[0].maintenance.autoAppliedAfter"},
		{"deadline without pending", "conn", set(static, "tunnels.0.maintenance", map[string]any{"autoAppliedAfter": "2025-03-20T12:00:00Z"}), vpn.ErrEncoding, "tunnels[0].maintenance.autoAppliedAfter"},
		{"deadline inside the first window", "conn", set(static, "tunnels.0.maintenance", map[string]any{"pending": true, "autoAppliedAfter": "2025-03-02T12:00:00Z"}), vpn.ErrEncoding, "tunnels[0].maintenance.autoAppliedAfter"},
		{"applied before creation", "conn", set(static, "tunnels.0.maintenance", map[string]any{"lastApplied": day}), vpn.ErrEncoding, "tunnels[0].maintenance.lastApplied"},

		// Routes.
		{"routes on bgp", "conn", set(bgp, "routes", routes(route("10.0.0.0/16", "available"))), vpn.ErrEncoding, "routes"},
		{"routes while pending", "conn", func(t *testing.T) []byte { return edit(t, static, "state", "pending") }, vpn.ErrEncoding, "routes"},
		{"route source", "conn", set(static, "routes.0.source", "BGP"), vpn.ErrEncoding, "routes[0].source"},
		{"route state", "conn", set(static, "routes.0.state", "deleted"), vpn.ErrEncoding, "routes[0].state"},
		{"route unmasked", "conn", set(static, "routes.1.destinationCidrBlock", "10.1.0.1/16"), vpn.ErrEncoding, "routes[1].destinationCidrBlock"},
		{"route ipv6", "conn", set(static, "routes.0.destinationCidrBlock", "2001:db8::/32"), vpn.ErrEncoding, "routes[0].destinationCidrBlock"},
		{"routes out of order", "conn", set(static, "routes", routes(route("10.1.0.0/16", "available"), route("10.0.0.0/16", "available"))), vpn.ErrEncoding, "routes[1].destinationCidrBlock"},
		{"route twice", "conn", set(static, "routes", routes(route("10.0.0.0/16", "available"), route("10.0.0.0/16", "deleting"))), vpn.ErrEncoding, "routes[1].destinationCidrBlock"},
		{"route before creation", "conn", set(static, "routes.0.changedAt", day), vpn.ErrEncoding, "routes[0].changedAt"},
		{"routes over quota", "conn", set(static, "quotas", map[string]any{"staticRoutesPerConnection": 1}), vpn.ErrEncoding, "routes"},
		{"route after deletion", "conn", func(t *testing.T) []byte {
			return edit(t, edit(t, static, "state", "deleting"), "routes.0.changedAt", "2025-03-01T12:00:02Z")
		}, vpn.ErrEncoding, "routes[0].changedAt"},
		{"route deleting on a deleted connection", "conn", func(t *testing.T) []byte {
			return edit(t, edit(t, edit(t, static, "state", "deleted"), "changedAt", "2025-03-01T13:00:00Z"), "routes.0.state", "deleting")
		}, vpn.ErrEncoding, "routes[0].state"},
		{"conn tag too long", "conn", set(static, "tags", []any{map[string]any{"key": strings.Repeat("k", 128), "value": ""}}), vpn.ErrEncoding, "tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			// The receiver holds a valid value, which a refusal leaves.
			var v encodable
			var before []byte
			switch tt.kind {
			case "cgw":
				var g vpn.CustomerGateway
				g.UnmarshalBinary(cgw)
				v, before = &g, cgw
			case "vgw":
				var g vpn.Gateway
				g.UnmarshalBinary(vgw)
				v, before = &g, vgw
			default:
				var c vpn.Connection
				c.UnmarshalBinary(bgp)
				v, before = &c, bgp
			}
			err := v.UnmarshalBinary(data)
			ve := wantCode(t, err, "InvalidParameterValue", tt.cause)
			if ve.Param != tt.param {
				t.Errorf("Param = %q, want %q (err %v)", ve.Param, tt.param, err)
			}
			for _, key := range []string{"given_key.1", "0abcdefghij", "abc+defghij", "other_key.2"} {
				if strings.Contains(err.Error(), key) || strings.Contains(ve.Value, key) || strings.Contains(ve.ErrorMessage(), key) {
					t.Errorf("error shows a key: %v", err)
				}
			}
			if after, _ := v.MarshalBinary(); !bytes.Equal(after, before) {
				t.Errorf("a refused UnmarshalBinary changed the receiver")
			}
		})
	}
	// The unedited encodings are accepted: the cases above fail for their
	// edit alone.
	for name, b := range map[string][]byte{"cgw": cgw, "vgw": vgw, "static": static, "bgp": bgp} {
		var err error
		switch name {
		case "cgw":
			err = new(vpn.CustomerGateway).UnmarshalBinary(b)
		case "vgw":
			err = new(vpn.Gateway).UnmarshalBinary(b)
		default:
			err = new(vpn.Connection).UnmarshalBinary(b)
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestMarshalBinaryRefuses: zero values and instants RFC 3339 cannot
// write are errors, not encodings that would not decode.
func TestMarshalBinaryRefuses(t *testing.T) {
	for name, v := range map[string]interface{ MarshalBinary() ([]byte, error) }{
		"zero CustomerGateway": vpn.CustomerGateway{}, "zero Gateway": vpn.Gateway{}, "zero Connection": vpn.Connection{},
	} {
		b, err := v.MarshalBinary()
		wantCode(t, err, "InvalidParameterValue", vpn.ErrInvalidValue)
		if b != nil {
			t.Errorf("%s: MarshalBinary gave %q with its error", name, b)
		}
	}
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	g, err := vpn.CreateGateway(vpn.GatewaySpec{Type: vpn.IPsec1}, seeded(1), far)
	if err != nil {
		t.Fatal(err)
	}
	_, err = g.MarshalBinary()
	if ve := wantCode(t, err, "InvalidParameterValue", vpn.ErrOutOfRange); ve.Param != "createdAt" {
		t.Errorf("Param = %q, want createdAt", ve.Param)
	}
}

// TestUnmarshalBinaryLenient pins what the decoder accepts beyond
// MarshalBinary's own bytes: whitespace, field order, and an absent or
// empty requested block, all of which re-encode canonically.
func TestUnmarshalBinaryLenient(t *testing.T) {
	_, _, static, _ := encodings(t)
	var indented bytes.Buffer
	json.Indent(&indented, static, "", "  ")
	for name, b := range map[string][]byte{
		"indented":        indented.Bytes(),
		"fields reversed": []byte(`{"createdAt":"2025-03-01T12:00:00Z","type":"ipsec.1","bgpAsn":65000,"ipAddress":"198.51.100.7","state":"available","id":"cgw-0123abcd","v":1}`),
	} {
		var err error
		var again []byte
		if name == "indented" {
			var c vpn.Connection
			if err = c.UnmarshalBinary(b); err == nil {
				again, _ = c.MarshalBinary()
				if !bytes.Equal(again, static) {
					t.Errorf("%s: re-encoding differs", name)
				}
			}
		} else {
			var g vpn.CustomerGateway
			if err = g.UnmarshalBinary(b); err == nil {
				again, _ = g.MarshalBinary()
				if want := `{"v":1,"id":"cgw-0123abcd","type":"ipsec.1","bgpAsn":65000,"ipAddress":"198.51.100.7","state":"available","createdAt":"2025-03-01T12:00:00Z"}`; string(again) != want {
					t.Errorf("%s: re-encoding = %s, want %s", name, again, want)
				}
			}
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestErrorMessageEncoding pins the messages of the encoding errors.
func TestErrorMessageEncoding(t *testing.T) {
	err := new(vpn.Connection).UnmarshalBinary([]byte(`{"v":2}`))
	var ve *vpn.Error
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	if got, want := err.Error(), `vpn: unmarshal: unknown encoding version (v "2")`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := ve.ErrorMessage(), `Unsupported encoding version "2"; this version reads version 1.`; got != want {
		t.Errorf("ErrorMessage() = %q, want %q", got, want)
	}
}

// TestUnmarshalBinaryReadsOlderRecords reads a connection record written
// before outside address types, tunnel bandwidth, lifecycle control and
// log options existed: the options take their defaults, and the value
// encodes as one written now.
func TestUnmarshalBinaryReadsOlderRecords(t *testing.T) {
	_, _, static, _ := encodings(t)
	old := static
	for _, path := range []string{"options.outsideIpAddressType", "options.tunnelBandwidth",
		"tunnels.0.options.enableTunnelLifecycleControl", "tunnels.0.options.logOptions",
		"tunnels.1.options.enableTunnelLifecycleControl", "tunnels.1.options.logOptions"} {
		old = edit(t, old, path, remove)
	}
	if bytes.Equal(old, static) {
		t.Fatal("the edit removed nothing")
	}
	var c vpn.Connection
	if err := c.UnmarshalBinary(old); err != nil {
		t.Fatalf("UnmarshalBinary of an older record: %v", err)
	}
	o := c.Options()
	if o.OutsideIPAddressType != vpn.OutsidePublicIPv4 || o.TunnelBandwidth != vpn.BandwidthStandard {
		t.Errorf("options = %s, %s; want PublicIpv4, standard", o.OutsideIPAddressType, o.TunnelBandwidth)
	}
	for i, tun := range c.Tunnels() {
		if tun.LifecycleControl() || tun.LogOptions() != (vpn.CloudWatchLogOptions{}) {
			t.Errorf("tunnel %d: lifecycle %v, logs %+v; want off and none", i, tun.LifecycleControl(), tun.LogOptions())
		}
	}
	again, err := c.MarshalBinary()
	if err != nil || !bytes.Equal(again, static) {
		t.Errorf("re-encoding differs from a record written now (%v):\n%s\n%s", err, again, static)
	}
}
