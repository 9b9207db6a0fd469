package route

import (
	"reflect"
	"testing"
)

// TestNoRoutes6 checks that the IPv6 index views share when a table has no
// IPv6 route is the one newIndex6 would build for it.
func TestNoRoutes6(t *testing.T) {
	built := newIndex6(flatten(0, func(int) (u128, u128, int32) { panic("no range to read") }, u128{^uint64(0), ^uint64(0)}))
	if !reflect.DeepEqual(noRoutes6, built) {
		t.Fatalf("noRoutes6 = %+v, newIndex6 builds %+v", noRoutes6, built)
	}
	for _, a := range []u128{{}, {1 << 63, 0}, {^uint64(0), ^uint64(0)}} {
		if got := noRoutes6.lookup(a.hi, a.lo); got != -1 {
			t.Errorf("lookup(%x) = %d, want -1", a, got)
		}
	}
}
