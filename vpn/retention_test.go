package vpn_test

import (
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/vpn"
)

// TestIsListed pins the retention window of each resource: listed while
// live, and after deletion until, not including, DeletedAt +
// DeletedRetention.
func TestIsListed(t *testing.T) {
	if vpn.DeletedRetention != time.Hour {
		t.Fatalf("DeletedRetention = %v, want 1h (the project's decision)", vpn.DeletedRetention)
	}
	f := newFixture(t, 60)
	del := t0.Add(10 * time.Minute)
	conn := f.create(t, vpn.Options{})
	goneConn, _ := conn.Delete(del) // never settled: IsListed settles it
	goneCGW, _ := mustCGW(t, "198.51.100.61", 65061, f.random).Delete(nil, del)
	goneVGW, _ := mustVGW(t, 0, f.random).Delete(nil, del)

	type lister interface{ IsListed(time.Time) bool }
	deleted := map[string]lister{"Connection": goneConn, "CustomerGateway": goneCGW, "Gateway": goneVGW}
	live := map[string]lister{"Connection": conn, "CustomerGateway": f.cgw, "Gateway": f.vgw}
	end := del.Add(vpn.DeletedRetention)
	for name, r := range deleted {
		for _, c := range []struct {
			at   time.Time
			want bool
		}{
			{del, true},
			{end.Add(-time.Nanosecond), true},
			{end, false},
			{end.Add(time.Nanosecond), false},
			{end.Add(24 * time.Hour), false},
		} {
			if got := r.IsListed(c.at); got != c.want {
				t.Errorf("deleted %s: IsListed(%v) = %v, want %v", name, c.at, got, c.want)
			}
		}
	}
	for name, r := range live {
		if !r.IsListed(t0.Add(1000*time.Hour)) || !r.IsListed(t0.Add(-time.Hour)) {
			t.Errorf("live %s is not listed", name)
		}
	}
	for name, r := range map[string]lister{"Connection": vpn.Connection{}, "CustomerGateway": vpn.CustomerGateway{}, "Gateway": vpn.Gateway{}} {
		if r.IsListed(t0) {
			t.Errorf("zero %s is listed", name)
		}
	}
	// DeletedAt reports the deletion; live and zero values have none.
	for name, d := range map[string]func() (time.Time, bool){
		"Connection": goneConn.DeletedAt, "CustomerGateway": goneCGW.DeletedAt, "Gateway": goneVGW.DeletedAt,
	} {
		if at, ok := d(); !ok || !at.Equal(del) {
			t.Errorf("deleted %s: DeletedAt() = %v, %v; want %v, true", name, at, ok, del)
		}
	}
	for name, d := range map[string]func() (time.Time, bool){
		"Connection": conn.DeletedAt, "CustomerGateway": f.cgw.DeletedAt, "Gateway": f.vgw.DeletedAt,
		"zero Connection": vpn.Connection{}.DeletedAt, "zero Gateway": vpn.Gateway{}.DeletedAt,
	} {
		if at, ok := d(); ok || !at.IsZero() {
			t.Errorf("%s: DeletedAt() = %v, %v; want zero, false", name, at, ok)
		}
	}
}
