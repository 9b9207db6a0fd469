//go:build !race

package ec2emu_test

// raceEnabled reports whether the race detector is on, which slows the
// server tenfold: timing bounds are not checked under it.
const raceEnabled = false
