package route_test

import (
	"testing"

	"github.com/vpclab/vpcmodel/route"
)

// TestErrorFormat pins the one message format of *route.Error.
func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *route.Error
		want string
	}{
		{&route.Error{Op: "create-route", ID: "rtb-0a1b2c3d", Input: "10.0.0.0/16", Code: "RouteAlreadyExists", Err: route.ErrRouteExists},
			`route: create-route rtb-0a1b2c3d: route already exists (input "10.0.0.0/16")`},
		{&route.Error{Op: "parse-target", Code: "MissingParameter", Err: route.ErrNoTarget},
			`route: parse-target: no target given`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if got := tt.err.ErrorMessage(); got != tt.err.Err.Error() {
			t.Errorf("ErrorMessage() = %q, want the cause's text when no EC2 wording is known", got)
		}
	}
	// a real refusal: the Go message in the house format, the EC2 message in AWS's
	tb := newTable(t)
	_, err := tb.CreateRoute(mpp("10.0.0.0/16"), mt("igw-11111111"), world())
	if got, want := err.Error(), `route: create-route rtb-aaaaaaaa: route already exists (input "10.0.0.0/16")`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	checkErr(t, err, route.ErrRouteExists, "RouteAlreadyExists", "The route identified by 10.0.0.0/16 already exists.")
}
