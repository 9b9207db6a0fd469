package wal

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
)

// Version is the only format version this package writes and reads.
const Version = 1

// HeaderSize is the size of a file's header in bytes.
const HeaderSize = 24

// frameSize is the size of a record's length and CRC.
const frameSize = 8

// MaxRecord bounds a record's payload. A larger length is corrupt, never a
// torn record, so that a damaged length cannot pass for the end of the file.
const MaxRecord = 64 << 20

// readChunk bounds how much the reader allocates before the bytes arrive,
// so that a bad length near the end of a short file costs little.
const readChunk = 1 << 20

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Checksum returns the CRC-32C of b, as the format uses it.
func Checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// ErrTorn, ErrCorrupt and ErrVersion are the causes an *Error wraps: match
// them with errors.Is.
var (
	ErrTorn    = errors.New("torn final record")
	ErrCorrupt = errors.New("unreadable state")
	ErrVersion = errors.New("unsupported format version")
)

// Error is a file that does not read, in the manner of [strconv.NumError]:
// the file, the byte offset of what failed (for ErrTorn, where the torn
// record starts), and why.
type Error struct {
	File   string
	Offset int64
	Err    error  // ErrTorn, ErrCorrupt or ErrVersion
	Reason string // what was found, e.g. "checksum mismatch"
}

func (e *Error) Error() string {
	return fmt.Sprintf("wal: read %s at byte %d: %s (%v)", e.File, e.Offset, e.Reason, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// AppendHeader appends a file header to dst. magic must be 8 bytes.
func AppendHeader(dst []byte, magic string, gen uint64) []byte {
	if len(magic) != 8 {
		panic("wal: magic must be 8 bytes")
	}
	start := len(dst)
	dst = append(dst, magic...)
	dst = binary.LittleEndian.AppendUint32(dst, Version)
	dst = binary.LittleEndian.AppendUint64(dst, gen)
	return binary.LittleEndian.AppendUint32(dst, Checksum(dst[start:]))
}

// AppendRecord appends payload, framed, to dst. payload must hold 1 to
// MaxRecord bytes.
func AppendRecord(dst, payload []byte) []byte {
	if len(payload) == 0 || len(payload) > MaxRecord {
		panic("wal: record payload of " + fmt.Sprint(len(payload)) + " bytes")
	}
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(payload)))
	dst = binary.LittleEndian.AppendUint32(dst, Checksum(payload))
	return append(dst, payload...)
}

// Reader reads a file's records in order. The zero Reader is not valid;
// use NewReader.
type Reader struct {
	r    *bufio.Reader
	file string
	gen  uint64
	off  int64 // where the next record starts
	buf  []byte
}

// NewReader reads the header of the file r holds, named file in errors,
// and checks that it carries magic and this package's Version.
func NewReader(r io.Reader, file, magic string) (*Reader, error) {
	rd := &Reader{r: bufio.NewReaderSize(r, 256<<10), file: file}
	var h [HeaderSize]byte
	n, err := io.ReadFull(rd.r, h[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	switch {
	case n < 8 || string(h[:8]) != magic:
		return nil, rd.fail(0, ErrCorrupt, fmt.Sprintf("not a %q file", magic))
	case n < 12:
		return nil, rd.fail(int64(n), ErrCorrupt, "the header ends early")
	}
	if v := binary.LittleEndian.Uint32(h[8:12]); v != Version {
		return nil, rd.fail(8, ErrVersion, fmt.Sprintf("format version %d; this emulator reads version %d only", v, Version))
	}
	if n < HeaderSize {
		return nil, rd.fail(int64(n), ErrCorrupt, "the header ends early")
	}
	if Checksum(h[:20]) != binary.LittleEndian.Uint32(h[20:24]) {
		return nil, rd.fail(20, ErrCorrupt, "header checksum mismatch")
	}
	rd.gen = binary.LittleEndian.Uint64(h[12:20])
	rd.off = HeaderSize
	return rd, nil
}

// Generation returns the generation in the file's header.
func (r *Reader) Generation() uint64 { return r.gen }

// Offset returns the offset just past the last record Next returned (or
// past the header): where the next record starts.
func (r *Reader) Offset() int64 { return r.off }

// Next returns the next record's payload, valid until the next call. At the
// end of the file it returns io.EOF; at a torn final record, an *Error
// wrapping ErrTorn whose Offset is where that record starts; at anything
// else unreadable, an *Error wrapping ErrCorrupt. Errors of the underlying
// reader are returned as they are.
func (r *Reader) Next() ([]byte, error) {
	var f [frameSize]byte
	n, err := io.ReadFull(r.r, f[:])
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		return nil, io.EOF
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, r.fail(r.off, ErrTorn, fmt.Sprintf("the file ends %d bytes into a record's frame", n))
	case err != nil:
		return nil, err
	}
	length := binary.LittleEndian.Uint32(f[0:4])
	sum := binary.LittleEndian.Uint32(f[4:8])
	if length == 0 || length > MaxRecord {
		return nil, r.fail(r.off, ErrCorrupt, fmt.Sprintf("record length %d is not within 1 to %d", length, MaxRecord))
	}
	r.buf = r.buf[:0]
	for rest := int(length); rest > 0; {
		k := min(rest, readChunk)
		start := len(r.buf)
		r.buf = slices.Grow(r.buf, k)[:start+k]
		got, err := io.ReadFull(r.r, r.buf[start:])
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, r.fail(r.off, ErrTorn, fmt.Sprintf("the file ends %d bytes into a record of %d", start+got, length))
		}
		if err != nil {
			return nil, err
		}
		rest -= k
	}
	if Checksum(r.buf) != sum {
		if _, err := r.r.Peek(1); errors.Is(err, io.EOF) {
			return nil, r.fail(r.off, ErrTorn, "checksum mismatch in the final record")
		} else if err != nil {
			return nil, err
		}
		return nil, r.fail(r.off, ErrCorrupt, "record checksum mismatch, and more data follows")
	}
	r.off += frameSize + int64(length)
	return r.buf, nil
}

func (r *Reader) fail(off int64, cause error, reason string) *Error {
	return &Error{File: r.file, Offset: off, Err: cause, Reason: reason}
}
