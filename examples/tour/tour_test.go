package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/tour.golden")

// TestTourGolden pins the tour's narration: it is deterministic (a fixed
// clock and seeded randomness), so any change to what the library does shows
// up here as a diff.
func TestTourGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden := filepath.Join("testdata", "tour.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		t.Errorf("tour output mismatch (-want +got):\n%s", diff)
	}
	var again bytes.Buffer
	if err := run(&again); err != nil || again.String() != out.String() {
		t.Errorf("second run differs: the tour is not deterministic")
	}
}

// TestTourFitsTerminal keeps every line within 80 columns.
func TestTourFitsTerminal(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("run: %v", err)
	}
	for i, line := range strings.Split(out.String(), "\n") {
		if n := len([]rune(line)); n > 80 {
			t.Errorf("line %d is %d columns: %q", i+1, n, line)
		}
	}
}
