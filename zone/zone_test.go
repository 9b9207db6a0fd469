package zone_test

import (
	"regexp"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/zone"
)

func TestShortRegion(t *testing.T) {
	for _, tt := range []struct{ region, want string }{
		{"us-east-1", "use1"},
		{"us-west-2", "usw2"},
		{"eu-central-1", "euc1"},
		{"ap-southeast-2", "apse2"},
		{"ap-northeast-1", "apne1"},
		{"cn-northwest-1", "cnnw1"},
		{"us-gov-west-1", "usgw1"},
		{"sa-east-1", "sae1"},
		{"not a region", ""},
		{"", ""},
	} {
		if got := zone.ShortRegion(tt.region); got != tt.want {
			t.Errorf("ShortRegion(%q) = %q, want %q", tt.region, got, tt.want)
		}
	}
}

func TestInRegion(t *testing.T) {
	zs := zone.InRegion("us-east-1")
	if len(zs) != 6 || zs[0].Name != "us-east-1a" || zs[0].ID != "use1-az1" || zs[5].Name != "us-east-1f" || zs[5].ID != "use1-az6" {
		t.Fatalf("InRegion(us-east-1) = %+v", zs)
	}
	want := zone.Zone{Name: "us-east-1a", ID: "use1-az1", Region: "us-east-1", State: "available", ZoneType: "availability-zone",
		OptInStatus: "opt-in-not-required", GroupName: "us-east-1", NetworkBorderGroup: "us-east-1"}
	if zs[0] != want {
		t.Fatalf("InRegion(us-east-1)[0] = %+v, want %+v", zs[0], want)
	}
	if zs := zone.InRegion("xx-middle-7"); len(zs) != 3 || zs[2].Name != "xx-middle-7c" || zs[2].ID != "xxm7-az3" {
		t.Fatalf("InRegion(xx-middle-7) = %+v", zs)
	}
	if zs := zone.InRegion("bogus"); zs != nil {
		t.Fatalf("InRegion(bogus) = %+v, want nil", zs)
	}
	for _, q := range []string{"us-east-1b", "use1-az2"} {
		if z, ok := zone.Find("us-east-1", q); !ok || z.Name != "us-east-1b" {
			t.Errorf("Find(us-east-1, %q) = %+v, %v", q, z, ok)
		}
	}
	if _, ok := zone.Find("us-east-1", "us-west-2a"); ok {
		t.Error("Find found another Region's zone")
	}
}

var (
	regionGen = rapid.StringMatching(`[a-z]{2,3}(-(east|west|north|south|central|northeast|southeast|gov|middle)){1,2}-[1-9]`)
	idPattern = regexp.MustCompile(`^[a-z]+[0-9]+-az[0-9]+$`)
)

// TestZonesProperty checks that every Region's catalogue is deterministic,
// non-empty, named after the Region, with unique names and IDs, and that
// Find answers each zone by name and by ID.
func TestZonesProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		region := regionGen.Draw(t, "region")
		zs := zone.InRegion(region)
		if len(zs) == 0 {
			t.Fatalf("InRegion(%q) is empty", region)
		}
		names, ids := map[string]bool{}, map[string]bool{}
		for _, z := range zs {
			if z.Region != region || len(z.Name) != len(region)+1 || z.Name[:len(region)] != region || !idPattern.MatchString(z.ID) {
				t.Fatalf("zone %+v of %q", z, region)
			}
			if names[z.Name] || ids[z.ID] {
				t.Fatalf("zone %+v twice", z)
			}
			names[z.Name], ids[z.ID] = true, true
			for _, q := range []string{z.Name, z.ID} {
				if got, ok := zone.Find(region, q); !ok || got != z {
					t.Fatalf("Find(%q, %q) = %+v, %v", region, q, got, ok)
				}
			}
		}
		again := zone.InRegion(region)
		for i := range zs {
			if zs[i] != again[i] {
				t.Fatalf("InRegion(%q) differs between calls", region)
			}
		}
	})
}
