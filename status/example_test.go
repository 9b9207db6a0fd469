package status_test

import (
	"fmt"

	"github.com/vpclab/vpcmodel/status"
)

func ExampleCode_Values() {
	for _, c := range status.Code("").Values() {
		fmt.Printf("%-18s terminal=%-5v live=%v\n", c, c.IsTerminal(), c.IsLive())
	}
	// Output:
	// initiating-request terminal=false live=true
	// pending-acceptance terminal=false live=true
	// provisioning       terminal=false live=true
	// active             terminal=false live=true
	// deleting           terminal=false live=false
	// deleted            terminal=true  live=false
	// rejected           terminal=true  live=false
	// failed             terminal=true  live=false
	// expired            terminal=true  live=false
}

func ExampleReason() {
	r := status.Reason{Code: status.PendingAcceptance, Message: "Pending Acceptance by 444455556666"}
	fmt.Println(r, r.IsValid())
	// Output: pending-acceptance: Pending Acceptance by 444455556666 true
}

func ExampleRouteState_Forwards() {
	fmt.Println(status.RouteActive.Forwards(), status.RouteBlackhole.Forwards())
	// Output: true false
}

func ExampleState_IsLive() {
	for _, s := range status.State("").Values() {
		fmt.Println(s, s.IsLive())
	}
	// Output:
	// pending true
	// available true
	// modifying true
	// deleting false
	// deleted false
}
