package cidr_test

import (
	"net/netip"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel/cidr"
	"pgregory.net/rapid"
)

func TestOverlappingPairs(t *testing.T) {
	p := netip.MustParsePrefix
	tests := []struct {
		name      string
		list      []netip.Prefix
		pairs     [][2]int
		firstI    int
		firstJ    int
		firstOK   bool
		overlapAB bool
	}{
		{name: "empty"},
		{name: "disjoint", list: []netip.Prefix{p("10.0.0.0/16"), p("10.1.0.0/16"), p("2600::/56")}},
		{name: "nested", list: []netip.Prefix{p("10.0.1.0/24"), p("10.1.0.0/16"), p("10.0.0.0/16")},
			pairs: [][2]int{{0, 2}}, firstI: 0, firstJ: 2, firstOK: true},
		{name: "equal and host bits", list: []netip.Prefix{p("10.0.0.0/16"), p("10.0.9.9/16")},
			pairs: [][2]int{{0, 1}}, firstI: 0, firstJ: 1, firstOK: true},
		{name: "chain", list: []netip.Prefix{p("10.0.0.0/8"), p("10.0.0.0/16"), p("10.0.0.0/24"), p("11.0.0.0/8")},
			pairs: [][2]int{{0, 1}, {0, 2}, {1, 2}}, firstI: 0, firstJ: 1, firstOK: true},
		{name: "first by later position", list: []netip.Prefix{p("10.0.0.0/24"), p("192.168.0.0/16"), p("192.168.1.0/24"), p("10.0.0.0/8")},
			pairs: [][2]int{{0, 3}, {1, 2}}, firstI: 1, firstJ: 2, firstOK: true},
		{name: "families never meet", list: []netip.Prefix{p("0.0.0.0/0"), p("::/0"), p("::ffff:0.0.0.0/96")},
			pairs: [][2]int{{1, 2}}, firstI: 1, firstJ: 2, firstOK: true},
		{name: "invalid ignored", list: []netip.Prefix{{}, p("10.0.0.0/8"), {}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cidr.OverlappingPairs(tt.list)
			if diff := cmp.Diff(tt.pairs, got); diff != "" {
				t.Errorf("OverlappingPairs(%v) mismatch (-want +got):\n%s", tt.list, diff)
			}
			i, j, ok := cidr.FirstOverlap(tt.list)
			if i != tt.firstI || j != tt.firstJ || ok != tt.firstOK {
				t.Errorf("FirstOverlap(%v) = %d, %d, %v, want %d, %d, %v", tt.list, i, j, ok, tt.firstI, tt.firstJ, tt.firstOK)
			}
		})
	}
}

// pairsSlow is the O(n^2) oracle, with netip's Overlaps.
func pairsSlow(list []netip.Prefix) [][2]int {
	var out [][2]int
	for j := range list {
		for i := range j {
			if overlapsSlow(list[i], list[j]) {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

func TestPropertyPairsAgreeWithScan(t *testing.T) { rapid.Check(t, pairsAgreeWithScan) }

// pairsAgreeWithScan checks OverlappingPairs, FirstOverlap and OverlapsAny
// against the O(n^2) scan.
func pairsAgreeWithScan(t *rapid.T) {
	list := rapid.SliceOfN(genPrefix(), 0, 50).Draw(t, "list")
	if rapid.Bool().Draw(t, "invalid") {
		list = append(list, netip.Prefix{})
	}
	want := pairsSlow(list)

	got := cidr.OverlappingPairs(list)
	sorted := slices.Clone(got)
	slices.SortFunc(sorted, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	if diff := cmp.Diff(want, sorted); diff != "" {
		t.Fatalf("OverlappingPairs(%v) mismatch with the O(n^2) scan (-want +got):\n%s", list, diff)
	}
	if again := cidr.OverlappingPairs(list); !slices.Equal(again, got) {
		t.Fatalf("OverlappingPairs is not deterministic: %v then %v", got, again)
	}

	i, j, ok := cidr.FirstOverlap(list)
	if ok != (len(want) > 0) {
		t.Fatalf("FirstOverlap(%v) ok = %v, scan finds %v", list, ok, want)
	}
	if ok && [2]int{i, j} != want[0] { // want is sorted by j, then i
		t.Fatalf("FirstOverlap(%v) = %d, %d, scan's first is %v", list, i, j, want[0])
	}

	// OverlapsAny over two halves agrees with the same scan.
	half := len(list) / 2
	as, bs := list[:half], list[half:]
	a, b, ok := cidr.OverlapsAny(as, bs)
	var wantA, wantB netip.Prefix
	wantOK := false
scan:
	for _, x := range as {
		for _, y := range bs {
			if overlapsSlow(x, y) {
				wantA, wantB, wantOK = x, y, true
				break scan
			}
		}
	}
	if a != wantA || b != wantB || ok != wantOK {
		t.Fatalf("OverlapsAny(%v, %v) = %v, %v, %v, want %v, %v, %v", as, bs, a, b, ok, wantA, wantB, wantOK)
	}
}
