package ec2emu

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel"
)

// A test-only action that panics, to check that a bug becomes an
// InternalError and leaves the server serving.
func init() {
	actions["TestPanic"] = func(*Server, vpcmodel.Caller, time.Time, *param) (any, error) { panic("boom") }
}

// StateOf returns what a server must restore: its Cloud's encoding, its
// random stream's position and its clock offset. The clocks in the
// encoding (the Cloud's and the peering registry's) are left out: they are
// high-water marks of the instants calls were made at, which a call that
// changes nothing moves too, and such a call is not logged (see the
// package doc). Every later call the server makes is at or after them.
func StateOf(s *Server) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	if _, err := s.cloud.WriteTo(&b); err != nil {
		panic(err)
	}
	random, err := s.rng.MarshalBinary()
	if err != nil {
		panic(err)
	}
	state := clockField.ReplaceAllString(b.String(), `"clock":"-"`)
	return fmt.Sprintf("%srandom %x\noffset %v\n", state, random, s.offset)
}

var clockField = regexp.MustCompile(`"clock":"[^"]*"`)

// Syncs returns how many groups of records a server made by Open has
// written and synced.
func Syncs(s *Server) uint64 {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	return s.store.syncs
}

// BeforeWrite makes the group commit of a server made by Open call f before
// it writes each group.
func BeforeWrite(s *Server, f func()) {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.beforeWrite = f
}

// Appended returns how many records a server made by Open has appended to
// its log.
func Appended(s *Server) uint64 { return s.store.last() }

// LogCost returns the time the calls in s's log took to serve.
func LogCost(s *Server) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.cost
}

// WithLock runs f while s serves nothing and compacts nothing.
func WithLock(s *Server, f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}
