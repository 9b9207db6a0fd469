package wal_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu/internal/wal"
)

const magic = "TESTMAGC"

// file returns a file of the given records.
func file(gen uint64, records ...string) []byte {
	b := wal.AppendHeader(nil, magic, gen)
	for _, r := range records {
		b = wal.AppendRecord(b, []byte(r))
	}
	return b
}

// readAll reads every record of b, returning them and the error that ended
// the read (nil at a clean end).
func readAll(b []byte) ([]string, *wal.Reader, error) {
	r, err := wal.NewReader(bytes.NewReader(b), "f", magic)
	if err != nil {
		return nil, nil, err
	}
	var out []string
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, r, nil
		}
		if err != nil {
			return out, r, err
		}
		out = append(out, string(p))
	}
}

func TestRoundTrip(t *testing.T) {
	big := strings.Repeat("x", 3<<20) // more than one read chunk
	want := []string{"a", "second record", big, "\x00"}
	b := file(7, want...)
	got, r, err := readAll(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("records mismatch (-want +got):\n%s", diff)
	}
	if r.Generation() != 7 || r.Offset() != int64(len(b)) {
		t.Fatalf("Generation, Offset = %d, %d; want 7, %d", r.Generation(), r.Offset(), len(b))
	}
}

func TestDamage(t *testing.T) {
	good := file(1, "one", "two", "three")
	lastStart := int64(len(file(1, "one", "two")))
	flip := func(b []byte, i int) []byte {
		b = bytes.Clone(b)
		b[i] ^= 0x40
		return b
	}
	withLength := func(b []byte, at int64, n uint32) []byte {
		b = bytes.Clone(b)
		binary.LittleEndian.PutUint32(b[at:], n)
		return b
	}
	tests := []struct {
		name    string
		file    []byte
		records int   // read before the error
		cause   error // nil: a clean end
		offset  int64
	}{
		{"whole", good, 3, nil, 0},
		{"header only", file(1), 0, nil, 0},
		{"cut in the last frame", good[:lastStart+5], 2, wal.ErrTorn, lastStart},
		{"cut in the last payload", good[:len(good)-1], 2, wal.ErrTorn, lastStart},
		{"last payload fails its CRC", flip(good, len(good)-1), 2, wal.ErrTorn, lastStart},
		{"last length runs past the end", withLength(good, lastStart, 1000), 2, wal.ErrTorn, lastStart},
		{"a middle payload fails its CRC", flip(good, wal.HeaderSize+8+1), 0, wal.ErrCorrupt, wal.HeaderSize},
		{"zero length", withLength(good, lastStart, 0), 2, wal.ErrCorrupt, lastStart},
		{"length over MaxRecord", withLength(good, lastStart, wal.MaxRecord+1), 2, wal.ErrCorrupt, lastStart},
		{"a short record after the last", append(bytes.Clone(good), 200, 0, 0, 0, 5, 6, 7, 8, 9), 3, wal.ErrTorn, int64(len(good))},
		{"a huge length after the last", append(bytes.Clone(good), 1, 2, 3, 4, 5, 6, 7, 8, 9), 3, wal.ErrCorrupt, int64(len(good))},
		{"empty file", nil, 0, wal.ErrCorrupt, 0},
		{"other magic", append([]byte("OTHERMGC"), good[8:]...), 0, wal.ErrCorrupt, 0},
		{"header cut", good[:16], 0, wal.ErrCorrupt, 16},
		{"header CRC", flip(good, 14), 0, wal.ErrCorrupt, 20},
		{"version 2", withLength(good, 8, 2), 0, wal.ErrVersion, 8},
		{"version 2, short", withLength(good, 8, 2)[:12], 0, wal.ErrVersion, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := readAll(tt.file)
			if len(got) != tt.records {
				t.Errorf("read %d records before the error, want %d", len(got), tt.records)
			}
			if tt.cause == nil {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				return
			}
			var we *wal.Error
			if !errors.Is(err, tt.cause) || !errors.As(err, &we) {
				t.Fatalf("err = %v, want a *wal.Error wrapping %v", err, tt.cause)
			}
			if we.Offset != tt.offset || we.File != "f" {
				t.Fatalf("error at %s byte %d, want f byte %d", we.File, we.Offset, tt.offset)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := wal.NewReader(bytes.NewReader(nil), "/state/wal", magic)
	want := `wal: read /state/wal at byte 0: not a "TESTMAGC" file (unreadable state)`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

// FuzzWAL reads arbitrary bytes, as a whole file or after a valid header:
// the reader must never panic, and must end in a clean end, a torn final
// record or a refusal. What it did read must be exactly the input's prefix
// (the records re-framed reproduce the bytes up to Offset), a torn record
// must run to the end of the input, and every refusal is an *Error.
func FuzzWAL(f *testing.F) {
	good := file(3, "one", "two", "three")
	f.Add(false, good)
	f.Add(false, good[:len(good)-2])
	f.Add(false, []byte("TESTMAGC\x02\x00\x00\x00"))
	f.Add(true, good[wal.HeaderSize:])
	f.Add(true, []byte{3, 0, 0, 0, 0, 0, 0, 0, 'a', 'b'})
	f.Add(true, []byte{0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(true, []byte{0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5})
	f.Fuzz(func(t *testing.T, header bool, data []byte) {
		in := data
		if header {
			in = append(wal.AppendHeader(nil, magic, 3), data...)
		}
		records, r, err := readAll(in)
		if r == nil { // the header was refused
			var we *wal.Error
			if !errors.As(err, &we) || we.Offset > wal.HeaderSize {
				t.Fatalf("header refused with %v", err)
			}
			return
		}
		redo := wal.AppendHeader(nil, magic, r.Generation())
		for _, p := range records {
			redo = wal.AppendRecord(redo, []byte(p))
		}
		if !bytes.Equal(redo, in[:r.Offset()]) {
			t.Fatalf("records read do not reproduce the input's first %d bytes", r.Offset())
		}
		var we *wal.Error
		switch {
		case err == nil:
			if r.Offset() != int64(len(in)) {
				t.Fatalf("clean end at %d of %d bytes", r.Offset(), len(in))
			}
		case !errors.As(err, &we) || we.Offset != r.Offset():
			t.Fatalf("err = %v at offset %d, want a *wal.Error there", err, r.Offset())
		case errors.Is(err, wal.ErrTorn):
			// The torn record is the last thing in the file: were it
			// framed whole, it would not end before the input does.
			if rest := int64(len(in)) - we.Offset; rest >= 8 {
				n := int64(binary.LittleEndian.Uint32(in[we.Offset:]))
				if 8+n < rest {
					t.Fatalf("torn record of %d bytes at %d is followed by %d more", n, we.Offset, rest-8-n)
				}
			}
		case !errors.Is(err, wal.ErrCorrupt):
			t.Fatalf("err = %v, want ErrTorn or ErrCorrupt", err)
		}
	})
}
