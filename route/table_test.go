package route_test

import (
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
