package route_test

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/tag"
)

// richTable returns a table of VPC A that uses every part of the
// encoding: static routes active and blackhole, a replaced local route,
// IPv6, two propagating gateways (one prefix hidden by a static route, one
// inside a VPC block, one advertised by both, one gateway that advertises
// nothing), associations of every kind, tags and a raised quota.
func richTable(t testing.TB) route.Table {
	t.Helper()
	r := propWorld()
	r.Targets[mt("vgw-55555555")] = route.TargetInfo{VPCIDs: []string{vpcA}}
	tb := newTable(t)
	steps := []func(route.Table) (route.Table, error){
		func(tb route.Table) (route.Table, error) { return tb.WithRouteQuota(200) },
		func(tb route.Table) (route.Table, error) { return tb.AssociateBlock(mpp("100.64.0.0/20")) },
		func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("0.0.0.0/0"), mt("igw-11111111"), r)
		},
		func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("10.2.0.0/16"), mt("pcx-22222222"), r) // blackhole
		},
		func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("10.0.1.0/24"), mt("nat-11111111"), r) // a subnet route
		},
		func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("192.168.0.0/16"), mt("tgw-11111111"), r)
		},
		func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("::/0"), mt("eigw-11111111"), r)
		},
		func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("2001:db8::/32"), mt(coreARN), r)
		},
		func(tb route.Table) (route.Table, error) {
			return tb.CreateRoute(mpp("64:ff9b::/96"), mt("nat-11111111"), r) // NAT64
		},
		func(tb route.Table) (route.Table, error) {
			return tb.ReplaceRoute(mpp("100.64.0.0/20"), mt("eni-11111111"), r)
		},
		func(tb route.Table) (route.Table, error) { return tb.EnablePropagation(mt("vgw-44444444"), r) },
		func(tb route.Table) (route.Table, error) { return tb.EnablePropagation(mt("vgw-11111111"), r) },
		func(tb route.Table) (route.Table, error) { return tb.EnablePropagation(mt("vgw-55555555"), r) },
		func(tb route.Table) (route.Table, error) {
			return tb.SetPropagated(mt("vgw-44444444"), []netip.Prefix{mpp("172.16.0.0/12"), mpp("192.168.0.0/16"), mpp("10.0.128.0/17")})
		},
		func(tb route.Table) (route.Table, error) {
			return tb.SetPropagated(mt("vgw-11111111"), []netip.Prefix{mpp("172.16.0.0/12"), mpp("fd12::/16")})
		},
		func(tb route.Table) (route.Table, error) {
			return tb.Associate(route.Association{ID: "rtbassoc-33333333", SubnetID: "subnet-11111111"})
		},
		func(tb route.Table) (route.Table, error) {
			return tb.Associate(route.Association{ID: "rtbassoc-11111111", Main: true})
		},
		func(tb route.Table) (route.Table, error) {
			return tb.Associate(route.Association{ID: "rtbassoc-22222222", SubnetID: "subnet-22222222"})
		},
	}
	for i, step := range steps {
		var err error
		if tb, err = step(tb); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	tags, err := tag.NewSet(tag.Tag{Key: "Name", Value: "main"}, tag.Tag{Key: "env", Value: ""})
	if err != nil {
		t.Fatal(err)
	}
	return tb.WithTags(tags)
}

// checkSame fails unless a and b are indistinguishable through every
// accessor, Analyze, and Lookup at every address: Lookup is constant
// between the first addresses and the ends of the prefixes either table
// knows, so it is probed at each of those edges, plus extra.
func checkSame(t interface {
	Helper()
	Fatalf(string, ...any)
}, a, b route.Table, extra ...netip.Addr) {
	t.Helper()
	type view struct {
		Valid            bool
		ID, VPCID, Owner string
		Blocks           []netip.Prefix
		Routes           []route.Route
		Gateways         []route.Target
		Propagated       [][]netip.Prefix
		Associations     []route.Association
		Tags             []tag.Tag
		Quota            int
		Findings         []route.Finding
		Delete           string
		Encoding         string
	}
	viewOf := func(tb route.Table) view {
		v := view{Valid: tb.IsValid(), ID: tb.ID(), VPCID: tb.VPCID(), Owner: tb.OwnerID(), Blocks: tb.Blocks(),
			Routes: tb.Routes(), Gateways: tb.PropagatingGateways(), Associations: tb.Associations(),
			Tags: tb.Tags().All(), Quota: tb.RouteQuota(), Findings: tb.Analyze(nil), Delete: errText(tb.CheckDelete())}
		for _, g := range v.Gateways {
			v.Propagated = append(v.Propagated, tb.Propagated(g))
		}
		enc, err := tb.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary: %v", err)
		}
		v.Encoding = string(enc)
		return v
	}
	va, vb := viewOf(a), viewOf(b)
	if diff := cmp.Diff(va, vb, eq); diff != "" {
		t.Fatalf("tables differ (-a +b):\n%s", diff)
	}
	for _, addr := range append(edges(a), extra...) {
		ra, oka := a.Lookup(addr)
		rb, okb := b.Lookup(addr)
		if ra != rb || oka != okb {
			t.Fatalf("Lookup(%v) = %v, %v on a and %v, %v on b", addr, ra, oka, rb, okb)
		}
	}
}

// edges returns the addresses at which Lookup on tb can change its answer:
// the zero address of each family, and the first address and the one past
// the last of every prefix tb lists or propagates.
func edges(tb route.Table) []netip.Addr {
	out := []netip.Addr{netip.IPv4Unspecified(), netip.IPv6Unspecified()}
	add := func(p netip.Prefix) {
		out = append(out, p.Addr())
		if next := lastAddr(p).Next(); next.IsValid() && next.Is4() == p.Addr().Is4() {
			out = append(out, next)
		}
	}
	for _, r := range tb.Routes() {
		add(r.Destination)
	}
	for _, g := range tb.PropagatingGateways() {
		for _, p := range tb.Propagated(g) {
			add(p)
		}
	}
	return out
}

// lastAddr returns the last address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

func TestTableEncodingRoundTrip(t *testing.T) {
	tb := richTable(t)
	r := propWorld()
	r.Targets[mt("pcx-22222222")] = route.TargetInfo{} // gone: its route turns blackhole
	r.Targets[mt("vgw-11111111")] = route.TargetInfo{} // detached: its prefixes go
	for _, tt := range []struct {
		name string
		tb   route.Table
	}{
		{"fresh", newTable(t)},
		{"rich", tb},
		{"reconciled", tb.Reconcile(r)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.tb.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			// what MarshalBinary writes takes the fast path, and reads there
			// as encoding/json reads it
			if scanned, err := route.ScanTable(b); !scanned || err != nil {
				t.Fatalf("the fast path read %s: %v, %v", b, scanned, err)
			}
			var got route.Table
			if err := got.UnmarshalBinary(b); err != nil {
				t.Fatalf("UnmarshalBinary(%s) = %v", b, err)
			}
			checkSame(t, tt.tb, got)
			// purity: the same table gives the same bytes
			if again, _ := tt.tb.MarshalBinary(); string(again) != string(b) {
				t.Fatalf("MarshalBinary is not pure:\n%s\n%s", b, again)
			}
		})
	}
}

// TestTableEncodingFormat pins version 1 of the encoding.
func TestTableEncodingFormat(t *testing.T) {
	r := propWorld()
	tb := newTable(t)
	tb, _ = tb.CreateRoute(mpp("10.2.0.0/16"), mt("pcx-22222222"), r)
	tb, _ = tb.EnablePropagation(mt("vgw-11111111"), r)
	tb, _ = tb.SetPropagated(mt("vgw-11111111"), []netip.Prefix{mpp("192.168.0.0/16")})
	tb, _ = tb.Associate(route.Association{ID: "rtbassoc-11111111", Main: true})
	tb, _ = tb.Associate(route.Association{ID: "rtbassoc-22222222", SubnetID: "subnet-11111111"})
	tags, _ := tag.NewSet(tag.Tag{Key: "Name", Value: "main"})
	tb = tb.WithTags(tags)
	got, err := tb.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"v":1,"id":"rtb-aaaaaaaa","vpc":"vpc-aaaaaaaa","owner":"111122223333",` +
		`"blocks":["10.0.0.0/16","2600:1f18::/56"],` +
		`"routes":[{"dest":"10.0.0.0/16","target":"local","origin":"CreateRouteTable","state":"active"},` +
		`{"dest":"10.2.0.0/16","target":"pcx-22222222","origin":"CreateRoute","state":"blackhole"},` +
		`{"dest":"2600:1f18::/56","target":"local","origin":"CreateRouteTable","state":"active"}],` +
		`"propagating":[{"gateway":"vgw-11111111","prefixes":["192.168.0.0/16"]}],` +
		`"associations":[{"id":"rtbassoc-11111111","main":true},{"id":"rtbassoc-22222222","subnet":"subnet-11111111"}],` +
		`"tags":[{"key":"Name","value":"main"}],"quota":50}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("MarshalBinary mismatch (-want +got):\n%s", diff)
	}
}

// TestTableEncodingOrder: blocks, routes, gateways and their prefixes may
// come in any order; associations keep theirs.
func TestTableEncodingOrder(t *testing.T) {
	const shuffled = `{"v":1,"id":"rtb-aaaaaaaa","vpc":"vpc-aaaaaaaa","owner":"111122223333",` +
		`"blocks":["2600:1f18::/56","10.0.0.0/16"],` +
		`"routes":[{"dest":"2600:1f18::/56","target":"local","origin":"CreateRouteTable","state":"active"},` +
		`{"dest":"10.2.0.0/16","target":"pcx-22222222","origin":"CreateRoute","state":"blackhole"},` +
		`{"dest":"10.0.0.0/16","target":"local","origin":"CreateRouteTable","state":"active"}],` +
		`"propagating":[{"gateway":"vgw-44444444"},{"gateway":"vgw-11111111","prefixes":["192.168.0.0/16","172.16.0.0/12"]}],` +
		`"associations":[{"id":"rtbassoc-22222222","subnet":"subnet-11111111"},{"id":"rtbassoc-11111111","main":true}],` +
		`"quota":50}`
	var tb route.Table
	if err := tb.UnmarshalBinary([]byte(shuffled)); err != nil {
		t.Fatal(err)
	}
	if got := tb.Blocks(); !slices.Equal(got, []netip.Prefix{mpp("10.0.0.0/16"), mpp("2600:1f18::/56")}) {
		t.Errorf("Blocks() = %v", got)
	}
	if got := tb.PropagatingGateways(); !slices.Equal(got, []route.Target{mt("vgw-11111111"), mt("vgw-44444444")}) {
		t.Errorf("PropagatingGateways() = %v", got)
	}
	if got := tb.Propagated(mt("vgw-11111111")); !slices.Equal(got, []netip.Prefix{mpp("172.16.0.0/12"), mpp("192.168.0.0/16")}) {
		t.Errorf("Propagated() = %v", got)
	}
	if got := tb.Associations(); got[0].ID != "rtbassoc-22222222" {
		t.Errorf("Associations() = %v, want the encoded order", got)
	}
	// the table the actions build is the same
	r := propWorld()
	want := newTable(t)
	want, _ = want.CreateRoute(mpp("10.2.0.0/16"), mt("pcx-22222222"), r)
	want, _ = want.EnablePropagation(mt("vgw-44444444"), r)
	want, _ = want.EnablePropagation(mt("vgw-11111111"), r)
	want, _ = want.SetPropagated(mt("vgw-11111111"), []netip.Prefix{mpp("192.168.0.0/16"), mpp("172.16.0.0/12")})
	want, _ = want.Associate(route.Association{ID: "rtbassoc-22222222", SubnetID: "subnet-11111111"})
	want, _ = want.Associate(route.Association{ID: "rtbassoc-11111111", Main: true})
	checkSame(t, want, tb)
}

func TestTableEncodingZero(t *testing.T) {
	b, err := (route.Table{}).MarshalBinary()
	if err != nil || len(b) != 0 {
		t.Errorf("zero Table MarshalBinary() = %q, %v, want empty", b, err)
	}
	tb := newTable(t)
	if err := tb.UnmarshalBinary(nil); err != nil || tb.IsValid() {
		t.Errorf("UnmarshalBinary(empty) = %v, valid %v, want the zero Table", err, tb.IsValid())
	}
}

// TestUnmarshalTableCorrupt feeds UnmarshalBinary broken encodings, each
// made from a good one by one edit.
func TestUnmarshalTableCorrupt(t *testing.T) {
	const good = `{"v":1,"id":"rtb-aaaaaaaa","vpc":"vpc-aaaaaaaa","owner":"111122223333",` +
		`"blocks":["10.0.0.0/16","2600:1f18::/56"],` +
		`"routes":[{"dest":"0.0.0.0/0","target":"igw-11111111","origin":"CreateRoute","state":"active"},` +
		`{"dest":"10.0.0.0/16","target":"local","origin":"CreateRouteTable","state":"active"},` +
		`{"dest":"2600:1f18::/56","target":"local","origin":"CreateRouteTable","state":"active"}],` +
		`"propagating":[{"gateway":"vgw-11111111","prefixes":["192.168.0.0/16"]}],` +
		`"associations":[{"id":"rtbassoc-11111111","main":true}],` +
		`"tags":[{"key":"Name","value":"main"}],"quota":50}`
	const route0 = `{"dest":"0.0.0.0/0","target":"igw-11111111","origin":"CreateRoute","state":"active"}`
	const local6 = `{"dest":"2600:1f18::/56","target":"local","origin":"CreateRouteTable","state":"active"}`
	var many []string
	for i := range route.MaxPropagatedRoutes + 1 {
		many = append(many, fmt.Sprintf(`"172.16.%d.0/24"`, i))
	}
	tests := []struct {
		name     string
		old, new string // good with old replaced by new; old "" replaces everything
		cause    error
		code     string
	}{
		{"empty object", "", `{}`, route.ErrEncoding, "InvalidParameterValue"},
		{"null", "", `null`, route.ErrEncoding, "InvalidParameterValue"},
		{"array", "", `[1]`, route.ErrEncoding, "InvalidParameterValue"},
		{"not JSON", "", `{"v":1`, route.ErrEncoding, "InvalidParameterValue"},
		{"trailing data", `"quota":50}`, `"quota":50} {}`, route.ErrEncoding, "InvalidParameterValue"},
		{"no version", `"v":1,`, ``, route.ErrEncoding, "InvalidParameterValue"},
		{"version 2", `"v":1`, `"v":2`, route.ErrEncodingVersion, "InvalidParameterValue"},
		{"version 0", `"v":1`, `"v":0`, route.ErrEncodingVersion, "InvalidParameterValue"},
		{"version as text", `"v":1`, `"v":"1"`, route.ErrEncoding, "InvalidParameterValue"},
		{"second version field", `"v":1`, `"v":1,"V":2`, route.ErrEncodingVersion, "InvalidParameterValue"},
		{"unknown field", `"quota":50`, `"quota":50,"main":true`, route.ErrEncoding, "InvalidParameterValue"},
		{"quota as text", `"quota":50`, `"quota":"50"`, route.ErrEncoding, "InvalidParameterValue"},
		{"malformed table id", `"rtb-aaaaaaaa"`, `"rtb-AAAAAAAA"`, route.ErrTable, "InvalidRouteTableId.Malformed"},
		{"malformed vpc id", `"vpc-aaaaaaaa"`, `"vpc-a"`, route.ErrTable, "InvalidVpcID.Malformed"},
		{"malformed owner", `"111122223333"`, `"1111"`, route.ErrTable, "InvalidParameterValue"},
		{"no IPv4 block", `"10.0.0.0/16",`, ``, route.ErrTable, "InvalidParameterValue"},
		{"unmasked block", `"blocks":["10.0.0.0/16"`, `"blocks":["10.0.0.1/16"`, route.ErrTable, "InvalidParameterValue"},
		{"block twice", `"blocks":["10.0.0.0/16"`, `"blocks":["10.0.0.0/16","10.0.0.0/16"`, route.ErrTable, "InvalidParameterValue"},
		{"block not a prefix", `"blocks":["10.0.0.0/16"`, `"blocks":["10.0.0.0"`, route.ErrEncoding, "InvalidParameterValue"},
		{"unmasked destination", `"dest":"0.0.0.0/0"`, `"dest":"0.0.0.1/0"`, route.ErrEncoding, "InvalidParameterValue"},
		{"IPv4-mapped destination", `"dest":"0.0.0.0/0"`, `"dest":"::ffff:10.9.0.0/112"`, route.ErrEncoding, "InvalidParameterValue"},
		{"no destination", `"dest":"0.0.0.0/0",`, ``, route.ErrEncoding, "InvalidParameterValue"},
		{"malformed target", `"igw-11111111"`, `"igw-1"`, route.ErrMalformedTarget, "InvalidInternetGatewayId.Malformed"},
		{"target of no kind", `"igw-11111111"`, `"gw-11111111"`, route.ErrMalformedTarget, "InvalidParameterValue"},
		{"no target", `"target":"igw-11111111",`, ``, route.ErrEncoding, "InvalidParameterValue"},
		{"propagated origin", `"origin":"CreateRoute"`, `"origin":"EnableVgwRoutePropagation"`, route.ErrEncoding, "InvalidParameterValue"},
		{"advertisement origin", `"origin":"CreateRoute"`, `"origin":"Advertisement"`, route.ErrEncoding, "InvalidParameterValue"},
		{"no origin", `"origin":"CreateRoute",`, ``, route.ErrEncoding, "InvalidParameterValue"},
		{"filtered state", `"igw-11111111","origin":"CreateRoute","state":"active"`, `"igw-11111111","origin":"CreateRoute","state":"filtered"`, route.ErrEncoding, "InvalidParameterValue"},
		{"unknown state", `"igw-11111111","origin":"CreateRoute","state":"active"`, `"igw-11111111","origin":"CreateRoute","state":"up"`, route.ErrEncoding, "InvalidParameterValue"},
		{"static route to local", `"igw-11111111"`, `"local"`, route.ErrEncoding, "InvalidParameterValue"},
		{"static route in a reserved range", `"dest":"0.0.0.0/0"`, `"dest":"169.254.168.0/24"`, route.ErrEncoding, "InvalidParameterValue"},
		{"static route in a block to a gateway", `"dest":"0.0.0.0/0"`, `"dest":"10.0.1.0/24"`, route.ErrEncoding, "InvalidParameterValue"},
		{"target of the wrong family", `"igw-11111111"`, `"eigw-11111111"`, route.ErrEncoding, "InvalidParameterValue"},
		{"IPv6 route to a NAT gateway beyond NAT64", `"dest":"0.0.0.0/0","target":"igw-11111111"`, `"dest":"::/0","target":"nat-11111111"`, route.ErrEncoding, "InvalidParameterValue"},
		{"local route to a gateway", `"2600:1f18::/56","target":"local"`, `"2600:1f18::/56","target":"igw-11111111"`, route.ErrEncoding, "InvalidParameterValue"},
		{"local route to local, blackhole", `"target":"local","origin":"CreateRouteTable","state":"active"}]`, `"target":"local","origin":"CreateRouteTable","state":"blackhole"}]`, route.ErrEncoding, "InvalidParameterValue"},
		{"local route without a block", route0, route0 + `,{"dest":"10.9.0.0/16","target":"local","origin":"CreateRouteTable","state":"active"}`, route.ErrEncoding, "InvalidParameterValue"},
		{"block without a local route", `,` + local6, ``, route.ErrEncoding, "InvalidParameterValue"},
		{"route twice", route0, route0 + `,` + route0, route.ErrEncoding, "InvalidParameterValue"},
		{"local and static route for one block", route0, route0 + `,{"dest":"10.0.0.0/16","target":"eni-11111111","origin":"CreateRoute","state":"active"}`, route.ErrEncoding, "InvalidParameterValue"},
		{"propagating gateway not a vgw", `"gateway":"vgw-11111111"`, `"gateway":"igw-11111111"`, route.ErrEncoding, "InvalidParameterValue"},
		{"propagating gateway missing", `"gateway":"vgw-11111111",`, ``, route.ErrEncoding, "InvalidParameterValue"},
		{"propagating gateway twice", `"propagating":[`, `"propagating":[{"gateway":"vgw-11111111"},`, route.ErrEncoding, "InvalidParameterValue"},
		{"propagated prefix twice", `"prefixes":["192.168.0.0/16"]`, `"prefixes":["192.168.0.0/16","192.168.0.0/16"]`, route.ErrEncoding, "InvalidParameterValue"},
		{"unmasked propagated prefix", `"prefixes":["192.168.0.0/16"]`, `"prefixes":["192.168.0.1/16"]`, route.ErrEncoding, "InvalidParameterValue"},
		{"too many propagated prefixes", `"prefixes":["192.168.0.0/16"]`, `"prefixes":[` + strings.Join(many, ",") + `]`, route.ErrEncoding, "InvalidParameterValue"},
		{"malformed association", `"rtbassoc-11111111"`, `"rtbassoc-1"`, route.ErrAssociation, "InvalidParameterValue"},
		{"association of nothing", `,"main":true}`, `}`, route.ErrAssociation, "InvalidParameterCombination"},
		{"two main associations", `{"id":"rtbassoc-11111111","main":true}`, `{"id":"rtbassoc-11111111","main":true},{"id":"rtbassoc-22222222","main":true}`, route.ErrAssociation, "Resource.AlreadyAssociated"},
		{"reserved tag key", `"key":"Name"`, `"key":"aws:Name"`, tag.ErrReservedKey, "InvalidTagKey.Malformed"},
		{"tag key twice", `{"key":"Name","value":"main"}`, `{"key":"Name","value":"main"},{"key":"Name","value":"other"}`, tag.ErrDuplicateKey, "InvalidParameterValue"},
		{"quota 0", `"quota":50`, `"quota":0`, route.ErrQuota, "InvalidParameterValue"},
		{"no quota", `,"quota":50`, ``, route.ErrQuota, "InvalidParameterValue"},
		{"quota above the maximum", `"quota":50`, `"quota":1001`, route.ErrQuota, "InvalidParameterValue"},
	}
	var ok route.Table
	if err := ok.UnmarshalBinary([]byte(good)); err != nil {
		t.Fatalf("the good encoding: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.new
			if tt.old != "" {
				if !strings.Contains(good, tt.old) {
					t.Fatalf("the good encoding has no %s", tt.old)
				}
				in = strings.Replace(good, tt.old, tt.new, 1)
			}
			if _, err := route.ScanTable([]byte(in)); err != nil {
				t.Error(err)
			}
			got := ok
			err := got.UnmarshalBinary([]byte(in))
			checkErr(t, err, tt.cause, tt.code, "")
			if !errors.Is(err, route.ErrEncoding) {
				t.Errorf("err = %v, want it to wrap ErrEncoding", err)
			}
			var re *route.Error
			if errors.As(err, &re) && (re.Op != "unmarshal-table" || re.ErrorMessage() == "") {
				t.Errorf("err = %#v, want Op unmarshal-table and a message", re)
			}
			checkSame(t, ok, got) // a refusal leaves the table as it was
		})
	}
}

func FuzzUnmarshalTable(f *testing.F) {
	tb := richTable(f)
	rich, _ := tb.MarshalBinary()
	fresh, _ := newTable(f).MarshalBinary()
	f.Add(rich)                     // every part of the encoding
	f.Add(fresh)                    // two local routes
	f.Add([]byte{})                 // the zero Table
	f.Add([]byte(`{"v":2}`))        // a later version
	f.Add([]byte(`{"v":1,"V":1}`))  // the field spelt twice
	f.Add([]byte(`{"v":1,"x":[]}`)) // an unknown field
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := route.ScanTable(b); err != nil {
			t.Fatal(err)
		}
		var tb route.Table
		if err := tb.UnmarshalBinary(b); err != nil {
			var re *route.Error
			if !errors.As(err, &re) || !errors.Is(err, route.ErrEncoding) || re.ErrorCode() == "" || re.ErrorMessage() == "" || tb.IsValid() {
				t.Fatalf("UnmarshalBinary(%q) = %v", b, err)
			}
			return
		}
		enc, err := tb.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var again route.Table
		if err := again.UnmarshalBinary(enc); err != nil {
			t.Fatalf("re-encoding %q does not decode: %v", enc, err)
		}
		if enc2, _ := again.MarshalBinary(); string(enc2) != string(enc) {
			t.Fatalf("re-encoding is not stable:\n%s\n%s", enc, enc2)
		}
		checkSame(t, tb, again)
		// the decoded table is a working table: actions and Lookup agree
		_ = tb.Reconcile(propWorld())
		for _, r := range tb.Routes() {
			if got, ok := tb.Lookup(r.Destination.Addr()); !ok || got.Destination.Bits() < r.Destination.Bits() && !got.IsLocal() {
				t.Fatalf("Lookup(%v) = %v, %v, though %v is listed", r.Destination.Addr(), got, ok, r)
			}
		}
	})
}
