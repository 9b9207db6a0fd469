package subnetgroup_test

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/subnetgroup"
	"github.com/vpclab/vpcmodel/tag"
)

var services = subnetgroup.Service("").Values()

// nameOracle holds each service's name rule as the API references state
// it, written as a regular expression, independently of ParseName.
var nameOracle = map[subnetgroup.Service]*regexp.Regexp{
	subnetgroup.RDS:         regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ._-]{0,254}$`),
	subnetgroup.ElastiCache: regexp.MustCompile(`^[A-Za-z0-9-]{1,255}$`),
	subnetgroup.Redshift:    regexp.MustCompile(`^[A-Za-z0-9-]{1,255}$`),
}

var reservedOracle = map[subnetgroup.Service]bool{subnetgroup.RDS: true, subnetgroup.Redshift: true}

func genName() *rapid.Generator[string] {
	return rapid.OneOf(
		rapid.StringOfN(rapid.SampledFrom([]rune("aZ9 ._-/é")), 0, 12, -1),
		rapid.SampledFrom([]string{"default", "DEFAULT", "Default", "default-x", strings.Repeat("a", 255), strings.Repeat("a", 256)}),
	)
}

// TestParseNameProperty checks ParseName against the regular expressions
// of the services' documentation: it accepts exactly what they allow,
// but the reserved name, and answers it in lower case.
func TestParseNameProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		svc := rapid.SampledFrom(services).Draw(t, "service")
		name := genName().Draw(t, "name")
		got, err := svc.Rules().ParseName(name)
		want := nameOracle[svc].MatchString(name) && !(reservedOracle[svc] && strings.EqualFold(name, "default"))
		if (err == nil) != want {
			t.Fatalf("%s ParseName(%q) = %q, %v; the documented rule says valid=%v", svc, name, got, err, want)
		}
		if err == nil && got != strings.ToLower(name) {
			t.Fatalf("%s ParseName(%q) = %q, want the name in lower case", svc, name, got)
		}
		if err != nil && !errors.Is(err, subnetgroup.ErrInvalidName) && !errors.Is(err, subnetgroup.ErrReservedName) {
			t.Fatalf("%s ParseName(%q): %v, want ErrInvalidName or ErrReservedName", svc, name, err)
		}
	})
}

// TestCheckSubnetsProperty checks CheckSubnets against a model that
// applies the documented rules in their documented order to a random
// world of subnets and a random request.
func TestCheckSubnetsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		svc := rapid.SampledFrom(services).Draw(t, "service")
		n := rapid.IntRange(0, 24).Draw(t, "subnets")
		world := map[string]subnetgroup.Subnet{}
		for i := range n {
			id := fmt.Sprintf("subnet-%08x", i)
			world[id] = subnetgroup.Subnet{ID: id,
				VPCID: rapid.SampledFrom([]string{"vpc-00000001", "vpc-00000001", "vpc-00000001", "vpc-00000002"}).Draw(t, "vpc"),
				Zone:  rapid.SampledFrom([]string{"us-east-1a", "us-east-1b", "us-east-1f"}).Draw(t, "zone")}
		}
		idGen := rapid.Custom(func(t *rapid.T) string {
			return fmt.Sprintf("subnet-%08x", rapid.IntRange(0, n+1).Draw(t, "i")) // n and n+1 are unknown
		})
		ids := rapid.SliceOfN(idGen, 0, 30).Draw(t, "ids")

		// The model.
		var wantErr error
		unique := map[string]subnetgroup.Subnet{}
		vpcs, zones := map[string]bool{}, map[string]bool{}
		for _, id := range ids {
			s, ok := world[id]
			if !ok {
				wantErr = subnetgroup.ErrUnknownSubnet
				break
			}
			unique[id] = s
			vpcs[s.VPCID], zones[s.Zone] = true, true
		}
		minZones := map[subnetgroup.Service]int{subnetgroup.RDS: 2, subnetgroup.ElastiCache: 1, subnetgroup.Redshift: 1}[svc]
		switch {
		case len(ids) == 0:
			wantErr = subnetgroup.ErrNoSubnets
		case wantErr != nil:
		case len(unique) > 20:
			wantErr = subnetgroup.ErrTooManySubnets
		case len(vpcs) > 1:
			wantErr = subnetgroup.ErrMixedVPCs
		case len(zones) < minZones:
			wantErr = subnetgroup.ErrZones
		}

		got, err := svc.Rules().CheckSubnets("us-east-1", ids, func(id string) (subnetgroup.Subnet, bool) { s, ok := world[id]; return s, ok })
		if wantErr != nil {
			if !errors.Is(err, wantErr) {
				t.Fatalf("%s CheckSubnets(%v) = %v, %v; the model says %v", svc, ids, got, err, wantErr)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s CheckSubnets(%v) = %v; the model says it succeeds", svc, ids, err)
		}
		want := slices.SortedFunc(maps.Values(unique), func(a, b subnetgroup.Subnet) int { return strings.Compare(a.ID, b.ID) })
		if !slices.Equal(got, want) {
			t.Fatalf("%s CheckSubnets(%v) = %v, want %v", svc, ids, got, want)
		}
	})
}

// TestTagsMachine applies random tag changes to a group and to a map,
// and checks that the group's tags are always the map's, in key order,
// and that a refused change changes nothing.
func TestTagsMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		svc := rapid.SampledFrom(services).Draw(t, "service")
		g, err := subnetgroup.Create(spec(svc, "g", "subnet-0000000a", "subnet-0000000b"), lookup)
		if err != nil {
			t.Fatal(err)
		}
		model := map[string]string{}
		key := rapid.StringMatching(`k[0-9]{1,2}`)
		t.Repeat(map[string]func(*rapid.T){
			"add": func(t *rapid.T) {
				adds := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) tag.Tag {
					return tag.Tag{Key: key.Draw(t, "key"), Value: rapid.StringMatching(`[a-z]{0,3}`).Draw(t, "value")}
				}), 0, 30).Draw(t, "tags")
				next := maps.Clone(model)
				for _, a := range adds {
					next[a.Key] = a.Value
				}
				got, err := g.WithTags(adds...)
				if len(next) > subnetgroup.MaxTags {
					if !errors.Is(err, subnetgroup.ErrTooManyTags) {
						t.Fatalf("WithTags to %d tags = %v, want ErrTooManyTags", len(next), err)
					}
					return
				}
				if err != nil {
					t.Fatalf("WithTags(%v) = %v", adds, err)
				}
				g, model = got, next
			},
			"remove": func(t *rapid.T) {
				keys := rapid.SliceOfN(key, 0, 5).Draw(t, "keys")
				next := maps.Clone(model)
				missing := false
				for _, k := range keys {
					if _, ok := next[k]; !ok {
						missing = true
					}
					delete(next, k)
				}
				got, err := g.WithoutTags(keys...)
				if missing && svc == subnetgroup.ElastiCache {
					if !errors.Is(err, subnetgroup.ErrTagNotFound) {
						t.Fatalf("WithoutTags(%v) of a missing key = %v, want ErrTagNotFound", keys, err)
					}
					return
				}
				if err != nil {
					t.Fatalf("WithoutTags(%v) = %v", keys, err)
				}
				g, model = got, next
			},
			"": func(t *rapid.T) {
				var want []tag.Tag
				for _, k := range slices.Sorted(maps.Keys(model)) {
					want = append(want, tag.Tag{Key: k, Value: model[k]})
				}
				if !slices.Equal(g.Tags(), want) {
					t.Fatalf("Tags() = %v, model %v", g.Tags(), want)
				}
			},
		})
	})
}

// genGroup draws a valid group of any service.
func genGroup() *rapid.Generator[subnetgroup.Group] {
	return rapid.Custom(func(t *rapid.T) subnetgroup.Group {
		svc := rapid.SampledFrom(services).Draw(t, "service")
		name := rapid.StringMatching(`[a-z][a-z0-9-]{0,20}`).Filter(func(s string) bool { return s != "default" }).Draw(t, "name")
		ids := []string{"subnet-0000000a", "subnet-0000000b", "subnet-0000000c"}
		if svc != subnetgroup.RDS {
			ids = rapid.SliceOfNDistinct(rapid.SampledFrom(ids), 1, 3, rapid.ID[string]).Draw(t, "ids")
		}
		tags := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) tag.Tag {
			return tag.Tag{Key: rapid.StringMatching(`[A-Za-z][\p{L}0-9 :]{0,10}`).Draw(t, "key"), Value: rapid.String().Draw(t, "value")}
		}), 0, 5).Draw(t, "tags")
		g, err := subnetgroup.Create(subnetgroup.Spec{Service: svc, OwnerID: owner,
			Region: rapid.SampledFrom([]string{"us-east-1"}).Draw(t, "region"), Name: name,
			Description: rapid.String().Draw(t, "description"), SubnetIDs: ids, Tags: tags}, lookup)
		if err != nil {
			t.Skip(err) // a drawn tag the rules refuse (a reserved prefix, say)
		}
		return g
	})
}

// TestEncodingRoundTrip checks that every group reads back as itself.
func TestEncodingRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genGroup().Draw(t, "group")
		b, err := g.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back subnetgroup.Group
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%s) = %v", b, err)
		}
		if !back.Equal(g) {
			t.Fatalf("round trip of %s: %+v, want %+v", b, back, g)
		}
		again, err := back.MarshalBinary()
		if err != nil || string(again) != string(b) {
			t.Fatalf("re-encoding differs:\n%s\n%s", b, again)
		}
	})
}

func TestUnmarshalRefuses(t *testing.T) {
	g, err := subnetgroup.Create(spec(subnetgroup.RDS, "db", "subnet-0000000a", "subnet-0000000b"), lookup)
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	good := string(b)
	for _, tt := range []struct{ name, from, to string }{
		{"version", `"v":1`, `"v":2`},
		{"service", `"service":"rds"`, `"service":"ec2"`},
		{"upper-case name", `"name":"db"`, `"name":"DB"`},
		{"reserved name", `"name":"db"`, `"name":"default"`},
		{"owner", `"owner":"111122223333"`, `"owner":"1"`},
		{"one zone", `"us-east-1b"`, `"us-east-1a"`},
		{"zone of another Region", `"us-east-1b"`, `"eu-west-1b"`},
		{"vpc", `"vpc":"vpc-00000001"`, `"vpc":"vpc-00000002"`},
		{"subnet ID", `"subnet-0000000b"`, `"sn-0000000b"`},
		{"order", `"subnet-0000000b"`, `"subnet-00000000"`},
		{"unknown field", `"v":1`, `"v":1,"x":1`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.from, tt.to, 1)
			if bad == good {
				t.Fatalf("%q is not in %s", tt.from, good)
			}
			var out subnetgroup.Group
			if err := out.UnmarshalBinary([]byte(bad)); err == nil {
				t.Fatalf("UnmarshalBinary(%s) succeeded", bad)
			}
			if out.IsValid() {
				t.Fatal("a refused UnmarshalBinary changed its receiver")
			}
		})
	}
}
