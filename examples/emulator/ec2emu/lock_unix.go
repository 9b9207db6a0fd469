//go:build unix

package ec2emu

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on the lock file f, so that two servers
// never share a state directory. The kernel releases it when the process
// dies, however it dies.
func lockDir(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return fmt.Errorf("ec2emu: %s is locked: another emulator is using the state directory", f.Name())
	}
	return err
}
