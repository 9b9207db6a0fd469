package ec2emu

// A test-only action that panics, to check that a bug becomes an
// InternalError and leaves the server serving.
func init() {
	actions["TestPanic"] = func(*Server, *call, *param) (any, error) { panic("boom") }
}
