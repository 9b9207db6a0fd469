package ec2emu

import (
	"time"

	"github.com/vpclab/vpcmodel"
)

// A test-only action that panics, to check that a bug becomes an
// InternalError and leaves the server serving.
func init() {
	actions["TestPanic"] = func(*Server, vpcmodel.Caller, time.Time, *param) (any, error) { panic("boom") }
}
