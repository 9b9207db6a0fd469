package ec2emu

import (
	"bytes"
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
// random stream's position and its clock offset. The Cloud's clock is left
// out of the encoding's header: a call that changes nothing moves it, and
// is not logged (see the package doc).
func StateOf(s *Server) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b bytes.Buffer
	if _, err := s.cloud.WriteTo(&b); err != nil {
		panic(err)
	}
	header, rest, _ := strings.Cut(b.String(), "\n")
	header = regexp.MustCompile(`"clock":"[^"]*"`).ReplaceAllString(header, `"clock":"-"`)
	random, err := s.rng.MarshalBinary()
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%s\n%srandom %x\noffset %v\n", header, rest, random, s.offset)
}

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
