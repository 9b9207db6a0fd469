package main_test

import (
	"encoding/binary"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// killedState runs the emulator with -state on a new directory, creates
// VPCs, kills it with SIGKILL and returns the directory, whose log then
// holds the VPCs' records, and their IDs.
func killedState(t *testing.T) (dir string, vpcs []string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "state")
	e := startEmulator(t, nil, "-state", dir)
	for i := range 3 {
		code, body, err := e.post("111111111111", fmt.Sprintf("Action=CreateVpc&CidrBlock=10.%d.0.0/16", i))
		if err != nil || code != http.StatusOK {
			t.Fatalf("CreateVpc: %d %v %s", code, err, body)
		}
		vpcs = append(vpcs, regexp.MustCompile(`<vpcId>([^<]+)<`).FindStringSubmatch(body)[1])
	}
	e.kill()
	return dir, vpcs
}

// TestStateTornTailRecovered starts from a state whose log ends in a
// record a crash cut short: the emulator drops it, says so, and serves
// everything before it.
func TestStateTornTailRecovered(t *testing.T) {
	dir, vpcs := killedState(t)
	logPath := filepath.Join(dir, "wal")
	fi, err := os.Stat(logPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The frame of a 500-byte record, and 20 bytes of it.
	partial := binary.LittleEndian.AppendUint32(nil, 500)
	partial = binary.LittleEndian.AppendUint32(partial, 0x12345678)
	partial = append(partial, "q\x0c111111111111\x09us-east-"...)
	if _, err := f.Write(partial); err != nil {
		t.Fatal(err)
	}
	f.Close()

	e := startEmulator(t, nil, "-state", dir)
	want := fmt.Sprintf("%s: dropping the torn final record at byte %d (%d bytes;", logPath, fi.Size(), len(partial))
	if !strings.Contains(e.log(), want) {
		t.Fatalf("stderr:\n%s\nwant a line with %q", e.log(), want)
	}
	_, body, err := e.post("111111111111", "Action=DescribeVpcs")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range vpcs {
		if !strings.Contains(body, id) {
			t.Errorf("%s is missing after the torn record was dropped:\n%s", id, body)
		}
	}
	e.stop()
}

// TestStateDamageRefused starts from damaged state: the emulator exits
// with status 1 and a message naming the file and the byte offset, and
// says when the format version is not its own.
func TestStateDamageRefused(t *testing.T) {
	base, _ := killedState(t)
	// Each damage returns the damaged file and the offset the refusal names.
	tests := []struct {
		name   string
		file   string
		damage func([]byte) ([]byte, int)
		want   string // %s is the file's path, %d the offset
	}{
		{"a log record damaged, with more after it", "wal", func(b []byte) ([]byte, int) { b[24+8+3] ^= 0xff; return b, 24 },
			"wal: read %s at byte %d: record checksum mismatch, and more data follows (unreadable state)"},
		{"garbage after the last log record", "wal", func(b []byte) ([]byte, int) { return append(b, "\xff\xff\xff\xffgarbage!"...), len(b) },
			"wal: read %s at byte %d: record length 4294967295 is not within 1 to 67108864 (unreadable state)"},
		{"the snapshot's Cloud damaged", "snapshot", func(b []byte) ([]byte, int) {
			chunk := 24 + 8 + int(binary.LittleEndian.Uint32(b[24:])) // the record after the meta record
			b[chunk+8+5] ^= 0xff
			return b, chunk
		}, "wal: read %s at byte %d: record checksum mismatch, and more data follows (unreadable state)"},
		{"a log of format version 2", "wal", func(b []byte) ([]byte, int) { binary.LittleEndian.PutUint32(b[8:], 2); return b, 8 },
			"wal: read %s at byte %d: format version 2; this emulator reads version 1 only (unsupported format version)"},
		{"a snapshot of format version 2", "snapshot", func(b []byte) ([]byte, int) { binary.LittleEndian.PutUint32(b[8:], 2); return b, 8 },
			"wal: read %s at byte %d: format version 2; this emulator reads version 1 only (unsupported format version)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var offset int
			for _, name := range []string{"snapshot", "wal"} {
				b, err := os.ReadFile(filepath.Join(base, name))
				if err != nil {
					t.Fatal(err)
				}
				if name == tt.file {
					b, offset = tt.damage(b)
				}
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			want := fmt.Sprintf(tt.want, filepath.Join(dir, tt.file), offset)
			code, stderr := runEmulator(t, "-state", dir)
			if code != 1 || !strings.Contains(stderr, want) {
				t.Fatalf("exit status %d, stderr:\n%s\nwant status 1 and %q", code, stderr, want)
			}
			if strings.Contains(stderr, "serving") {
				t.Fatalf("it served a damaged state:\n%s", stderr)
			}
		})
	}
}

// TestNoStateWritesNothing runs the emulator without -state, in an empty
// working directory with an empty HOME and TMPDIR, through every endpoint
// that changes state: while it runs it holds no file open but its
// standard streams, and when it stops all three directories are empty.
func TestNoStateWritesNothing(t *testing.T) {
	home, tmp, cwd := t.TempDir(), t.TempDir(), t.TempDir()
	e := startEmulator(t, func(cmd *exec.Cmd) {
		cmd.Dir = cwd
		cmd.Env = append(os.Environ(), "HOME="+home, "TMPDIR="+tmp, "XDG_CACHE_HOME="+home+"/.cache", "XDG_CONFIG_HOME="+home+"/.config")
	})
	for _, body := range []string{"Action=CreateVpc&CidrBlock=10.0.0.0/16", "Action=DescribeVpcs", "Action=CreateVpc&CidrBlock=10.1.0.0/16"} {
		if code, out, err := e.post("111111111111", body); err != nil || code != http.StatusOK {
			t.Fatalf("%s: %d %v %s", body, code, err, out)
		}
	}
	if _, err := e.admin("POST", "/_emulator/clock", map[string][]string{"advance": {"169h"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.admin("POST", "/_emulator/reset", nil); err != nil {
		t.Fatal(err)
	}
	fds := fmt.Sprintf("/proc/%d/fd", e.cmd.Process.Pid)
	if entries, err := os.ReadDir(fds); err == nil {
		for _, fd := range entries {
			target, err := os.Readlink(filepath.Join(fds, fd.Name()))
			if err != nil {
				continue // closed meanwhile
			}
			if strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "/dev/") {
				t.Errorf("the emulator holds %s open (fd %s)", target, fd.Name())
			}
		}
	} else {
		t.Logf("not checking open files: %v", err)
	}
	e.stop()
	for _, d := range []string{home, tmp, cwd} {
		if entries, _ := os.ReadDir(d); len(entries) > 0 {
			t.Errorf("the emulator without -state wrote %s in %s", entries[0].Name(), d)
		}
	}
}
