package route_test

import (
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/route"
)

func TestCheckDelete(t *testing.T) {
	const msg = "The routeTable 'rtb-aaaaaaaa' has dependencies and cannot be deleted."
	subnet := route.Association{ID: "rtbassoc-11111111", SubnetID: "subnet-11111111"}
	edge := route.Association{ID: "rtbassoc-22222222", GatewayID: "igw-11111111"}
	main := route.Association{ID: "rtbassoc-33333333", Main: true}
	tests := []struct {
		name   string
		assocs []route.Association
		gone   []string // association IDs disassociated afterwards
		cause  error    // nil: EC2 deletes the table
	}{
		{name: "no associations"},
		{name: "subnet", assocs: []route.Association{subnet}, cause: route.ErrDependency},
		{name: "gateway", assocs: []route.Association{edge}, cause: route.ErrDependency},
		{name: "main", assocs: []route.Association{main}, cause: route.ErrDependency},
		{name: "all three", assocs: []route.Association{subnet, edge, main}, cause: route.ErrDependency},
		{name: "subnet disassociated", assocs: []route.Association{subnet}, gone: []string{subnet.ID}},
		{name: "one of two disassociated", assocs: []route.Association{subnet, edge}, gone: []string{subnet.ID}, cause: route.ErrDependency},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := newTable(t)
			var err error
			for _, a := range tt.assocs {
				if tb, err = tb.Associate(a); err != nil {
					t.Fatal(err)
				}
			}
			for _, id := range tt.gone {
				if tb, err = tb.Disassociate(id); err != nil {
					t.Fatal(err)
				}
			}
			err = tb.CheckDelete()
			if tt.cause == nil {
				if err != nil {
					t.Fatalf("CheckDelete() = %v, want nil", err)
				}
				return
			}
			checkErr(t, err, tt.cause, "DependencyViolation", msg)
			if again := tb.CheckDelete(); again.Error() != err.Error() {
				t.Errorf("CheckDelete is not pure: %v then %v", err, again)
			}
		})
	}
	// the zero Table names no table EC2 knows
	checkErr(t, route.Table{}.CheckDelete(), route.ErrTable, "InvalidRouteTableID.NotFound", "")
}

func TestRelease(t *testing.T) {
	tbl, err := route.CreateTable("rtb-0123456789abcdef0", "111122223333", route.VPC{ID: "vpc-0123456789abcdef0", Blocks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}})
	if err != nil {
		t.Fatal(err)
	}
	main := route.Association{ID: "rtbassoc-0123456789abcdef0", Main: true}
	if tbl, err = tbl.Associate(main); err != nil {
		t.Fatal(err)
	}
	if _, err := tbl.Disassociate(main.ID); err == nil {
		t.Fatal("Disassociate removed the main association")
	}
	next, a, err := tbl.Release(main.ID)
	if err != nil || a != main || next.Associations() != nil || len(tbl.Associations()) != 1 {
		t.Fatalf("Release = %v, %+v, %v", next.Associations(), a, err)
	}
	if _, _, err := next.Release(main.ID); err == nil {
		t.Fatal("Release of a released association succeeded")
	}
}
