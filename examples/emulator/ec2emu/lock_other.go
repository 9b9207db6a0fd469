//go:build !unix

package ec2emu

import "os"

// lockDir does nothing where flock is absent: the state directory must
// not be shared, and nothing checks it.
func lockDir(*os.File) error { return nil }
