package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildsOutsideTheModule copies the emulator's non-test sources into a
// module of their own, with vpcmodel replaced by this checkout, and builds
// them there: what an emulator in another repository would do. It fails if
// the emulator reaches for anything an outside module cannot import (an
// internal package, the examples module).
func TestBuildsOutsideTheModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const self = "github.com/vpclab/vpcmodel/examples/emulator"
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, path), 0o755)
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src = bytes.ReplaceAll(src, []byte(self), []byte("example.com/emu"))
		return os.WriteFile(filepath.Join(dir, path), src, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	gomod := "module example.com/emu\n\ngo 1.24\n\nrequire github.com/vpclab/vpcmodel v0.0.0\n\nreplace github.com/vpclab/vpcmodel => " + filepath.ToSlash(root) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "./...") // go test puts its own go command first on PATH
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build outside the module: %v\n%s", err, out)
	}
}
