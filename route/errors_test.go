package route_test

import (
	"errors"
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

// TestErrorZeroValue calls every method of *route.Error on the zero Error
// and on Errors missing their cause: none may panic.
func TestErrorZeroValue(t *testing.T) {
	tests := []struct {
		name            string
		err             *route.Error
		text, code, msg string
		unwrap          error
	}{
		{"zero", &route.Error{}, "route: <nil>", "", "", nil},
		{"no cause", &route.Error{Op: "create-route", ID: "rtb-0a1b2c3d", Input: "10.0.0.0/16", Code: "RouteAlreadyExists"},
			`route: create-route rtb-0a1b2c3d: <nil> (input "10.0.0.0/16")`, "RouteAlreadyExists", "", nil},
		{"cause only", &route.Error{Err: route.ErrRouteExists}, "route: route already exists", "", "route already exists", route.ErrRouteExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.text {
				t.Errorf("Error() = %q, want %q", got, tt.text)
			}
			if got := tt.err.ErrorCode(); got != tt.code {
				t.Errorf("ErrorCode() = %q, want %q", got, tt.code)
			}
			if got := tt.err.ErrorMessage(); got != tt.msg {
				t.Errorf("ErrorMessage() = %q, want %q", got, tt.msg)
			}
			if got := tt.err.Unwrap(); !errors.Is(got, tt.unwrap) || (got == nil) != (tt.unwrap == nil) {
				t.Errorf("Unwrap() = %v, want %v", got, tt.unwrap)
			}
		})
	}
	// a zero Error held by value, as a struct field would hold it
	var e route.Error
	_ = e.Error() + e.ErrorCode() + e.ErrorMessage()
	if e.Unwrap() != nil {
		t.Error("Unwrap() on the zero Error is not nil")
	}
}
