package peering_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// accessors lists everything a Connection answers, so that two Connections
// can be compared through their public face as well as with Equal.
func accessors(c peering.Connection) []any {
	return []any{c.IsValid(), c.ID(), c.Requester(), c.Accepter(), c.RequesterOptions(), c.AccepterOptions(),
		c.Code(), c.Status(), c.RequestedAt(), c.ChangedAt(), c.ExpiresAt(), c.ActedBy(),
		c.IsInterRegion(), c.IsCrossAccount(), c.WasAccepted()}
}

// fataler is what roundTrip needs of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// roundTrip encodes c, decodes the result and checks that nothing was lost
// and that encoding is a pure function of the value.
func roundTrip(t fataler, c peering.Connection) []byte {
	t.Helper()
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary(%s) = %v", c.ID(), err)
	}
	if again, _ := c.MarshalBinary(); !bytes.Equal(again, b) {
		t.Fatalf("MarshalBinary(%s) is not pure:\n%s\n%s", c.ID(), b, again)
	}
	var got peering.Connection
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatalf("UnmarshalBinary(%s) = %v", b, err)
	}
	if !got.Equal(c) {
		t.Fatalf("round trip of %s: Equal is false", b)
	}
	if want, have := accessors(c), accessors(got); !reflect.DeepEqual(want, have) {
		t.Fatalf("round trip of %s: accessors\n got %v\nwant %v", b, have, want)
	}
	// Later behaviour too: the decoded value settles and is seen alike.
	for _, d := range []time.Duration{0, time.Hour, peering.ShortVisibility, peering.LongVisibility, peering.RequestLifetime} {
		at := c.ChangedAt().Add(d)
		if !got.Settle(at).Equal(c.Settle(at)) || got.VisibleTo(acctB, at) != c.VisibleTo(acctB, at) {
			t.Fatalf("round trip of %s: behaves differently at +%v", b, d)
		}
	}
	return b
}

func TestConnectionRoundTrip(t *testing.T) {
	for _, k := range kinds {
		for _, s := range status.Code("").Values() {
			c, at, ok := reach(k, s)
			if !ok {
				continue
			}
			t.Run(k.name+"/"+string(s), func(t *testing.T) {
				roundTrip(t, c)
				// With options, more blocks (IPv6 included) and after a
				// block was removed.
				if s == status.Active {
					c = must(c.ModifyOptions(peering.Party{Account: k.accOwner, Region: k.accReg},
						peering.OptionsChange{SetAccepter: true, Accepter: peering.Options{AllowDNSResolutionFromRemoteVPC: true}}, at))
					c = must(c.AddCIDR(c.Requester().Ref(), mustPrefix("2600:1f18::/56"), at))
					c = must(c.AddCIDR(c.Accepter().Ref(), mustPrefix("172.16.0.0/16"), at))
					roundTrip(t, c)
					c = must(c.RemoveCIDR(c.Accepter().Ref(), mustPrefix("10.1.0.0/16"), at))
					c = must(c.RemoveCIDR(c.Accepter().Ref(), mustPrefix("172.16.0.0/16"), at))
					roundTrip(t, c)
				}
			})
		}
	}
	t.Run("peer missing", func(t *testing.T) {
		r := kinds[1].request(false)
		r.PeerMissing = true
		c := must(peering.Create(pcx, r, t0))
		roundTrip(t, c)
		roundTrip(t, c.Settle(t0))
	})
}

// TestConnectionZero pins the decision for the zero Connection: it encodes
// as {"v":1}, which decodes back to the zero Connection.
func TestConnectionZero(t *testing.T) {
	b, err := peering.Connection{}.MarshalBinary()
	if err != nil || string(b) != `{"v":1}` {
		t.Fatalf("zero MarshalBinary = %s, %v; want {\"v\":1}", b, err)
	}
	got := must(peering.Create(pcx, kinds[0].request(false), t0)) // overwritten
	if err := got.UnmarshalBinary(b); err != nil || got.IsValid() || !got.Equal(peering.Connection{}) {
		t.Fatalf("UnmarshalBinary(%s) = %v, valid %v", b, err, got.IsValid())
	}
}

// TestUnmarshalErrorMessage pins the message format of a decode failure,
// which names the version it found.
func TestUnmarshalErrorMessage(t *testing.T) {
	var c peering.Connection
	err := c.UnmarshalBinary([]byte(`{"v":7,"id":"pcx-0123456789abcdef0"}`))
	const want = "peering: unmarshal connection: malformed encoding: unknown version 7 (this package reads version 1)"
	if err == nil || err.Error() != want {
		t.Fatalf("UnmarshalBinary = %v, want %q", err, want)
	}
	if !errors.Is(err, peering.ErrMalformedEncoding) {
		t.Fatalf("error %v does not wrap ErrMalformedEncoding", err)
	}
}

// validConnection is the encoding of an active cross-account connection;
// the corrupt cases below edit it.
func validConnection(t testing.TB) string {
	c, _, _ := reach(kinds[0], status.Active)
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConnectionUnmarshalCorrupt(t *testing.T) {
	good := validConnection(t)
	edit := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%q is not in %s", old, good)
		}
		return strings.Replace(good, old, new, 1)
	}
	for _, tt := range []struct {
		name string
		in   string
	}{
		{"empty", ``},
		{"not JSON", `pcx-0123456789abcdef0`},
		{"an array", `[1]`},
		{"null", `null`},
		{"no version", strings.Replace(good, `"v":1,`, ``, 1)},
		{"version 0", edit(`"v":1`, `"v":0`)},
		{"version 2", edit(`"v":1`, `"v":2`)},
		{"version as a string", edit(`"v":1`, `"v":"1"`)},
		{"version 1.0", edit(`"v":1`, `"v":1.0`)},
		{"truncated", good[:len(good)/2]},
		{"truncated by one byte", good[:len(good)-1]},
		{"data after the object", good + `{}`},
		{"unknown member", edit(`"v":1,`, `"v":1,"colour":"blue",`)},
		{"bad id", edit(`pcx-0123456789abcdef0`, `pcx-xyz`)},
		{"empty id", edit(`"pcx-0123456789abcdef0"`, `""`)},
		{"vpc id as pcx id", edit(`pcx-0123456789abcdef0`, `vpc-0123456789abcdef0`)},
		{"bad status", edit(`"active"`, `"available"`)},
		{"empty status", edit(`"active"`, `""`)},
		{"bad account", edit(`"owner":"111111111111"`, `"owner":"11111111111"`)},
		{"bad region", edit(`"region":"us-east-1"`, `"region":"US-EAST-1"`)},
		{"bad vpc id", edit(`"vpc":"vpc-0a0a0a0a"`, `"vpc":"vpc-zz"`)},
		{"same vpc twice", edit(`"owner":"222222222222","region":"us-east-1","vpc":"vpc-0b0b0b0b"`, `"owner":"111111111111","region":"us-east-1","vpc":"vpc-0a0a0a0a"`)},
		{"unmasked block", edit(`"10.0.0.0/16"`, `"10.0.0.1/16"`)},
		{"not a prefix", edit(`"10.0.0.0/16"`, `"10.0.0.0/33"`)},
		{"IPv6 in ipv4", edit(`"10.0.0.0/16"`, `"2600:1f18::/56"`)},
		{"IPv4 in ipv6", edit(`"ipv4":["10.0.0.0/16"]`, `"ipv4":["10.0.0.0/16"],"ipv6":["10.9.0.0/16"]`)},
		{"IPv4-mapped in ipv6", edit(`"ipv4":["10.0.0.0/16"]`, `"ipv4":["10.0.0.0/16"],"ipv6":["::ffff:10.9.0.0/112"]`)},
		{"offset instead of UTC", edit(`"2025-03-01T13:00:00Z"`, `"2025-03-01T14:00:00+01:00"`)},
		{"not RFC 3339", edit(`"2025-03-01T13:00:00Z"`, `"1 March 2025"`)},
		{"changed before requested", edit(`"requestedAt":"2025-03-01T12:00:00Z"`, `"requestedAt":"2025-03-01T14:00:00Z"`)},
		{"active and not accepted", edit(`,"accepted":true`, ``)},
		{"active with an actor", edit(`"status":"active"`, `"status":"active","actor":"111111111111"`)},
		{"deleted by a stranger", edit(`"status":"active"`, `"status":"deleted","actor":"333333333333"`)},
		{"rejected by the requester", edit(`"status":"active","requestedAt"`, `"status":"rejected","actor":"111111111111","requestedAt"`)},
		{"deleting in one Region", edit(`"status":"active"`, `"status":"deleting","actor":"111111111111"`)},
		{"active with a missing peer", edit(`,"accepted":true`, `,"accepted":true,"peerMissing":true`)},
		{"pending changed after it was made", edit(`"status":"active"`, `"status":"pending-acceptance"`)},
		{"active and overlapping", edit(`"10.1.0.0/16"`, `"10.0.128.0/17"`)},
		{"option not bool", edit(`"options":{}`, `"options":{"allowDnsResolutionFromRemoteVpc":1}`)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := must(peering.Create("pcx-0a0a0a0a", kinds[1].request(false), t0))
			got := before
			err := got.UnmarshalBinary([]byte(tt.in))
			if !errors.Is(err, peering.ErrMalformedEncoding) {
				t.Fatalf("UnmarshalBinary(%s) = %v, want an error wrapping ErrMalformedEncoding", tt.in, err)
			}
			if !strings.HasPrefix(err.Error(), "peering: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if !got.Equal(before) {
				t.Errorf("UnmarshalBinary changed the Connection although it failed")
			}
		})
	}
}

// encRegistry returns a Registry holding a few connections of every kind
// in several statuses, with tags, and the instant it was last called.
func encRegistry(t testing.TB, seed byte) (*peering.Registry, *dir, time.Time) {
	d := world([]string{acctA, acctB}, 6)
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{seed}), d, peering.Quotas{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := peering.Party{Account: acctA, Region: reg1}, peering.Party{Account: acctB, Region: reg1}
	ids := make([]string, 6)
	for i := range ids {
		in := peering.CreateInput{VPCID: vpcID(i), PeerVPCID: vpcID(6 + i), PeerOwnerID: acctB,
			Tags: []tag.Tag{{Key: "n", Value: fmt.Sprint(i)}}}
		v, err := r.Create(a, in, t0)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = v.ID()
	}
	now := t0.Add(time.Minute)
	for i, id := range ids {
		var err error
		switch i {
		case 1:
			_, err = r.Accept(b, id, now)
		case 2:
			_, err = r.Reject(b, id, now)
		case 3:
			if _, err = r.Accept(b, id, now); err == nil {
				_, err = r.Delete(b, id, now)
			}
		case 4:
			err = r.CreateTags(b, id, []tag.Tag{{Key: "side", Value: "bob"}}, now)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return r, d, now
}

func TestRegistryRoundTrip(t *testing.T) {
	r, d, now := encRegistry(t, 1)
	b, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := r.MarshalBinary(); !bytes.Equal(again, b) {
		t.Fatalf("MarshalBinary is not pure")
	}
	got, err := peering.NewRegistry(rand.NewChaCha8([32]byte{1}), d, peering.Quotas{})
	if err != nil {
		t.Fatal(err)
	}
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if again, _ := got.MarshalBinary(); !bytes.Equal(again, b) {
		t.Fatalf("restored Registry encodes differently:\n%s\n%s", b, again)
	}
	if got.Len() != r.Len() {
		t.Fatalf("Len() = %d, want %d", got.Len(), r.Len())
	}
	for _, p := range []peering.Party{{Account: acctA, Region: reg1}, {Account: acctB, Region: reg1}, {Account: acctC, Region: reg1}} {
		if w, g := describeAll(t, r, p, now), describeAll(t, got, p, now); w != g {
			t.Fatalf("%v sees\n%s\nwant\n%s", p, g, w)
		}
	}
	// Restoring replaces: a second restore of an empty state empties it.
	empty, _ := peering.NewRegistry(rand.NewChaCha8([32]byte{}), d, peering.Quotas{})
	eb, _ := empty.MarshalBinary()
	if err := got.UnmarshalBinary(eb); err != nil || got.Len() != 0 {
		t.Fatalf("restoring an empty state: %v, Len %d", err, got.Len())
	}
}

// describeAll renders everything p sees at now.
func describeAll(t testing.TB, r *peering.Registry, p peering.Party, now time.Time) string {
	t.Helper()
	page, err := r.Describe(p, peering.Query{}, now)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, v := range page.Connections {
		sb.WriteString(renderView(v))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// renderView writes out everything a View shows, and the Connection behind
// it.
func renderView(v peering.View) string {
	exp, shown := v.ExpirationTime()
	c := v.Connection()
	return fmt.Sprintf("%s %v exp=%v/%v tags=%v req=%+v acc=%+v conn=%v", v.ID(), v.Status(), exp, shown, v.Tags(),
		v.Requester(), v.Accepter(), accessors(c))
}

func TestRegistryUnmarshalCorrupt(t *testing.T) {
	r, d, _ := encRegistry(t, 2)
	good, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	g := string(good)
	var first, second string // two connection IDs, in order
	if i := strings.Index(g, `"id":"`); i >= 0 {
		first = g[i+6 : i+6+len("pcx-0123456789abcdef0")]
		if j := strings.Index(g[i+1:], `"id":"`); j >= 0 {
			second = g[i+1+j+6 : i+1+j+6+len("pcx-0123456789abcdef0")]
		}
	}
	if first == "" || second == "" || first >= second {
		t.Fatalf("cannot find two ordered IDs in %s", g)
	}
	edit := func(old, new string) string {
		if !strings.Contains(g, old) {
			t.Fatalf("%q is not in %s", old, g)
		}
		return strings.Replace(g, old, new, 1)
	}
	for _, tt := range []struct {
		name string
		in   string
	}{
		{"empty", ``},
		{"not JSON", `{{`},
		{"no version", strings.Replace(g, `"v":1,`, ``, 1)},
		{"version 2", edit(`"v":1`, `"v":2`)},
		{"truncated", g[:len(g)*2/3]},
		{"data after the object", g + ` 1`},
		{"unknown member", edit(`"v":1,`, `"v":1,"quotas":{},`)},
		{"clock with an offset", edit(`"clock":"2025-03-01T12:01:00Z"`, `"clock":"2025-03-01T13:01:00+01:00"`)},
		{"bad id", edit(first, "pcx-XYZ")},
		{"bad status", edit(`"status":"active"`, `"status":"enabled"`)},
		{"repeated id", edit(second, first)},
		{"out of order", strings.NewReplacer(first, second, second, first).Replace(g)},
		{"changed after the clock", edit(`"clock":"2025-03-01T12:01:00Z"`, `"clock":"2025-03-01T12:00:30Z"`)},
		{"invisible at the clock", edit(`"clock":"2025-03-01T12:01:00Z"`, `"clock":"2025-03-03T12:01:00Z"`)},
		{"expired yet pending", edit(`"clock":"2025-03-01T12:01:00Z"`, `"clock":"2025-03-08T12:00:00Z"`)},
		{"bad tag", edit(`{"key":"n"`, `{"key":"aws:n"`)},
		{"repeated tag key", edit(`"requesterTags":[{"key":"n","value":"0"}]`, `"requesterTags":[{"key":"n","value":"0"},{"key":"n","value":"1"}]`)},
		{"two live between the same VPCs", strings.NewReplacer(`"vpc":"vpc-00000001"`, `"vpc":"vpc-00000000"`,
			`"vpc":"vpc-00000007"`, `"vpc":"vpc-00000006"`).Replace(g)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			target, _, _ := encRegistry(t, 3) // holds other state, which must survive
			before, _ := target.MarshalBinary()
			err := target.UnmarshalBinary([]byte(tt.in))
			if !errors.Is(err, peering.ErrMalformedEncoding) {
				t.Fatalf("UnmarshalBinary(%s) = %v, want an error wrapping ErrMalformedEncoding", tt.in, err)
			}
			if after, _ := target.MarshalBinary(); !bytes.Equal(after, before) {
				t.Fatalf("UnmarshalBinary changed the Registry although it failed")
			}
		})
	}
	t.Run("zero registry", func(t *testing.T) {
		var zero peering.Registry
		if err := zero.UnmarshalBinary(good); err == nil {
			t.Fatal("the zero Registry accepted a state")
		}
		var nilReg *peering.Registry
		if err := nilReg.UnmarshalBinary(good); err == nil {
			t.Fatal("a nil Registry accepted a state")
		}
		if _, err := nilReg.MarshalBinary(); err == nil {
			t.Fatal("a nil Registry encoded")
		}
	})
	_ = d
}

// TestRegistryRestoreKeepsClock checks that a restored Registry remembers
// the latest now the original saw: a caller whose clock lags gets the same
// instant from both.
func TestRegistryRestoreKeepsClock(t *testing.T) {
	r, d, now := encRegistry(t, 4)
	b, _ := r.MarshalBinary()
	got, _ := peering.NewRegistry(rand.NewChaCha8([32]byte{9}), d, peering.Quotas{})
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	a := peering.Party{Account: acctA, Region: reg1}
	in := peering.CreateInput{VPCID: vpcID(5), PeerVPCID: vpcID(0)}
	stale := now.Add(-time.Hour)
	v, err := got.Create(a, in, stale)
	if err != nil {
		t.Fatal(err)
	}
	if at := v.Connection().RequestedAt(); !at.Equal(now) {
		t.Fatalf("a request made at a stale now is dated %v, want the restored clock %v", at, now)
	}
}

// TestMarshalOutOfRange pins the one way MarshalBinary fails: an instant
// RFC 3339 cannot write.
func TestMarshalOutOfRange(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	c := must(peering.Create(pcx, kinds[0].request(false), far))
	if b, err := c.MarshalBinary(); err == nil {
		t.Fatalf("MarshalBinary of a connection made in the year 10000 = %s, want an error", b)
	}
}
