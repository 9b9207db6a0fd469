package ec2emu

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu/internal/wal"
)

// The files of a state directory; the package doc's Persistence section
// says what each holds and why.
const (
	snapshotName  = "snapshot"
	logName       = "wal"
	lockName      = "lock"
	tmpSuffix     = ".tmp"
	snapshotMagic = "VPCEMUSN"
	logMagic      = "VPCEMUWL"
	snapshotChunk = 1 << 20 // Cloud-stream bytes per snapshot record
)

// DefaultCompactBytes is the size of the write-ahead log past which a
// server made by Open writes a new snapshot, when Options.CompactBytes is 0.
// A log record is about 150 bytes, so the log holds at most about 110,000
// calls; DefaultCompactReplay usually ends it well before that.
const DefaultCompactBytes = 16 << 20

// DefaultCompactReplay is the time the calls in the write-ahead log took
// to serve past which a server made by Open writes a new snapshot, when
// Options.CompactReplay is 0. Replaying a call after kill -9 costs about
// what serving it did (the same action on the same state, and the decoding
// of its record), so a start after a crash spends about this long on the
// log besides reading the snapshot: at 100,000 resources, reading the
// snapshot takes about 1.2 s, and the two stay under 2 s. The price is
// paid by a large state under steady writes, which writes a snapshot
// after every 300 ms of calls.
const DefaultCompactReplay = 300 * time.Millisecond

// maxLoggedBody bounds Options.MaxBodyBytes for a server that keeps its
// state: a request's parameters, re-encoded, fit in one log record.
const maxLoggedBody = wal.MaxRecord / 4

// store is a server's state directory: the lock, the generation of its
// snapshot and log, and the log open for appending.
type store struct {
	dir       string
	gen       uint64
	threshold int64
	lock      *os.File
	*journal

	// cost is the time the calls in the log took to serve, or to replay at
	// Open; past budget, a compaction is due. The server lock guards it.
	cost, budget time.Duration
}

// charge adds d, the time a logged call took to serve, to the log's cost,
// and asks for a compaction once the cost is past the budget; the caller
// holds the server lock.
func (st *store) charge(d time.Duration) {
	st.cost += d
	if st.cost > st.budget {
		st.journal.due()
	}
}

// compactionDue reports whether the log has grown past either bound; the
// caller holds the server lock.
func (st *store) compactionDue() bool {
	return st.logSize() > st.threshold || st.cost > st.budget
}

// Open returns a Server that keeps its state in dir, creating dir if it is
// missing and restoring the state it holds: the Cloud, the random stream's
// position, the clock offset and the latest instant the clock answered.
// Every request that changes the state is durable in dir before it is
// answered. Close writes a snapshot and releases dir.
//
// Open refuses, naming the file and byte offset, a state it cannot read in
// full (except a torn final log record, which it drops and logs), and a
// state of another format version. It refuses an Options.Random that is
// not a *rand.ChaCha8, whose position the snapshot must record; a nil
// Random is seeded from crypto/rand when dir is new, and a ChaCha8 passed
// in matters only then: a restored state continues its own stream.
func Open(dir string, o Options) (*Server, error) {
	s := newServer(o)
	if s.rng == nil {
		return nil, fmt.Errorf("ec2emu: open %s: Options.Random is a %T; a server that keeps its state needs a *rand.ChaCha8, whose position its snapshot records", dir, o.Random)
	}
	if s.maxBody > maxLoggedBody {
		return nil, fmt.Errorf("ec2emu: open %s: Options.MaxBodyBytes %d is more than the %d a log record holds", dir, s.maxBody, maxLoggedBody)
	}
	st := &store{dir: dir, threshold: o.CompactBytes, budget: o.CompactReplay}
	if st.threshold <= 0 {
		st.threshold = DefaultCompactBytes
	}
	if st.budget <= 0 {
		st.budget = DefaultCompactReplay
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		// Make dir, and sync its parent so that dir outlives a power loss.
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("ec2emu: %w", err)
		}
		if err := syncDir(filepath.Dir(filepath.Clean(dir))); err != nil {
			return nil, fmt.Errorf("ec2emu: %w", err)
		}
	}
	lock, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("ec2emu: %w", err)
	}
	if err := lockDir(lock); err != nil {
		lock.Close()
		return nil, err
	}
	st.lock = lock
	if err := s.restore(st); err != nil {
		if st.journal != nil {
			st.journal.close()
		}
		lock.Close()
		return nil, err
	}
	s.store = st
	if st.compactionDue() { // a log that took long to replay is not replayed again
		st.journal.due()
	}
	go s.compactor(st.full)
	return s, nil
}

// restore reads the state st.dir holds into s and opens its log for
// appending; a new directory gets a snapshot and a log of generation 1.
func (s *Server) restore(st *store) error {
	for _, name := range []string{snapshotName + tmpSuffix, logName + tmpSuffix} {
		path := filepath.Join(st.dir, name)
		if err := os.Remove(path); err == nil {
			s.logf("ec2emu: removed %s, left by a snapshot or log that was being written", path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("ec2emu: %w", err)
		}
	}
	snapPath, logPath := filepath.Join(st.dir, snapshotName), filepath.Join(st.dir, logName)
	haveSnap, err := exists(snapPath)
	if err != nil {
		return err
	}
	haveLog, err := exists(logPath)
	if err != nil {
		return err
	}
	switch {
	case !haveSnap && !haveLog:
		s.cloud = s.newCloud()
		return s.checkpoint(st, 1)
	case !haveSnap:
		return fmt.Errorf("ec2emu: %s has no snapshot beside it; refusing to start from part of the state", logPath)
	}
	gen, err := s.readSnapshot(snapPath)
	if err != nil {
		return err
	}
	st.gen = gen
	if !haveLog { // only a crash while dir was first made leaves this
		s.logf("ec2emu: %s: no log beside the snapshot; starting one", st.dir)
		return s.startLog(st)
	}
	f, err := os.OpenFile(logPath, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("ec2emu: %w", err)
	}
	r, err := wal.NewReader(f, logPath, logMagic)
	if err != nil {
		f.Close()
		return err
	}
	switch lg := r.Generation(); {
	case lg == gen:
		end, cost, err := s.replay(f, r, logPath)
		st.cost = cost
		if err == nil {
			_, err = f.Seek(end, io.SeekStart)
		}
		if err != nil {
			f.Close()
			return err
		}
		st.journal = newJournal(f, logPath, end, st.threshold)
		return nil
	case lg+1 == gen:
		// A compaction wrote the snapshot and stopped before it replaced
		// the log, whose records the snapshot holds.
		f.Close()
		s.logf("ec2emu: %s: generation %d is already in the snapshot of generation %d; starting a new log", logPath, lg, gen)
		return s.startLog(st)
	default:
		f.Close()
		return &wal.Error{File: logPath, Offset: 12, Err: wal.ErrCorrupt,
			Reason: fmt.Sprintf("log generation %d does not belong to the snapshot's generation %d", lg, gen)}
	}
}

func exists(path string) (bool, error) {
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("ec2emu: %w", err)
	}
	return true, nil
}

// startLog starts an empty log of st's generation.
func (s *Server) startLog(st *store) error {
	f, err := newLog(st.dir, st.gen)
	if err != nil {
		return err
	}
	st.journal = newJournal(f, filepath.Join(st.dir, logName), wal.HeaderSize, st.threshold)
	return nil
}

// readSnapshot reads the snapshot at path into s and returns its
// generation.
func (s *Server) readSnapshot(path string) (uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("ec2emu: %w", err)
	}
	defer f.Close()
	r, err := wal.NewReader(f, path, snapshotMagic)
	if err != nil {
		return 0, err
	}
	p, err := r.Next()
	if err != nil {
		return 0, whole(err, path, r.Offset())
	}
	var m metaRecord
	if p[0] != recMeta {
		err = fmt.Errorf("a record of kind %q where the meta record belongs", p[0])
	} else if m, err = decodeMeta(p); err == nil {
		err = s.rng.UnmarshalBinary(m.random)
	}
	if err != nil {
		return 0, corrupt(path, wal.HeaderSize, err.Error())
	}
	cloud := s.newCloud()
	cr := &chunkReader{r: r, file: path}
	if n, err := cloud.ReadFrom(cr); err != nil {
		if cr.err != nil && !errors.Is(cr.err, io.EOF) {
			return 0, cr.err
		}
		return 0, corrupt(path, cr.fileOffset(n), "the Cloud in it does not read: "+err.Error())
	}
	if err := cr.finish(); err != nil {
		return 0, err
	}
	s.cloud, s.offset, s.floor = cloud, m.offset, m.floor
	return r.Generation(), nil
}

func corrupt(file string, off int64, reason string) error {
	return &wal.Error{File: file, Offset: off, Err: wal.ErrCorrupt, Reason: reason}
}

// whole turns a torn record in a file that must be whole (a snapshot,
// written aside and renamed into place) into corruption; io.EOF too.
func whole(err error, file string, off int64) error {
	var we *wal.Error
	switch {
	case errors.Is(err, io.EOF):
		return corrupt(file, off, "the snapshot ends before its end record")
	case errors.As(err, &we) && errors.Is(err, wal.ErrTorn):
		return corrupt(file, we.Offset, "the snapshot ends early: "+we.Reason)
	}
	return err
}

// chunkReader presents the chunk records of a snapshot as the Cloud
// stream they hold, up to the end record.
type chunkReader struct {
	r      *wal.Reader
	file   string
	buf    []byte
	read   int64      // stream bytes handed out
	chunks []chunkPos // where each chunk starts, in the stream and the file
	endOff int64      // the end record's offset
	want   int64      // the stream length the end record gives
	err    error      // io.EOF after the end record
}

type chunkPos struct{ stream, file int64 }

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		c.next()
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	c.read += int64(n)
	return n, nil
}

func (c *chunkReader) next() {
	off := c.r.Offset()
	p, err := c.r.Next()
	switch {
	case err != nil:
		c.err = whole(err, c.file, off)
	case p[0] == recChunk:
		c.chunks = append(c.chunks, chunkPos{c.read, off + 9})
		c.buf = p[1:]
	case p[0] == recEnd:
		n, k := binary.Uvarint(p[1:])
		if k <= 0 || k != len(p)-1 || n > 1<<62 {
			c.err = corrupt(c.file, off, "an end record that does not read")
			return
		}
		c.endOff, c.want, c.err = off, int64(n), io.EOF
	default:
		c.err = corrupt(c.file, off, fmt.Sprintf("a record of kind %q inside the Cloud stream", p[0]))
	}
}

// finish reads to the end record, checks that the stream had the length it
// gives, and that nothing follows it.
func (c *chunkReader) finish() error {
	for c.err == nil {
		c.read += int64(len(c.buf))
		c.buf = nil
		c.next()
	}
	if !errors.Is(c.err, io.EOF) {
		return c.err
	}
	if c.read != c.want {
		return corrupt(c.file, c.endOff, fmt.Sprintf("the Cloud stream has %d bytes; the end record says %d", c.read, c.want))
	}
	off := c.r.Offset()
	if _, err := c.r.Next(); !errors.Is(err, io.EOF) {
		return corrupt(c.file, off, "data after the snapshot's end record")
	}
	return nil
}

// fileOffset returns the file offset of byte n of the Cloud stream.
func (c *chunkReader) fileOffset(n int64) int64 {
	i := sort.Search(len(c.chunks), func(i int) bool { return c.chunks[i].stream > n }) - 1
	if i < 0 {
		return wal.HeaderSize
	}
	return c.chunks[i].file + n - c.chunks[i].stream
}

// replay applies the log's records, which r reads from f, to s, and
// returns where the log ends and how long applying its records took. A
// torn final record is dropped, with a log line, and cut from the file
// before anything is appended after it.
func (s *Server) replay(f *os.File, r *wal.Reader, path string) (int64, time.Duration, error) {
	start := time.Now()
	for {
		off := r.Offset()
		p, err := r.Next()
		var we *wal.Error
		switch {
		case errors.Is(err, io.EOF):
			return r.Offset(), time.Since(start), nil
		case errors.As(err, &we) && errors.Is(err, wal.ErrTorn):
			size := int64(-1)
			if fi, err := f.Stat(); err == nil {
				size = fi.Size()
			}
			s.logf("ec2emu: %s: dropping the torn final record at byte %d (%d bytes; %s): a crash cut it short, and it was never acknowledged",
				path, we.Offset, size-we.Offset, we.Reason)
			if err := f.Truncate(we.Offset); err != nil {
				return 0, 0, fmt.Errorf("ec2emu: %w", err)
			}
			if err := f.Sync(); err != nil {
				return 0, 0, fmt.Errorf("ec2emu: %w", err)
			}
			return we.Offset, time.Since(start), nil
		case err != nil:
			return 0, 0, err
		}
		if err := s.redo(p); err != nil {
			return 0, 0, corrupt(path, off, err.Error())
		}
	}
}

// redo applies one log record to s.
func (s *Server) redo(p []byte) error {
	switch p[0] {
	case recRequest, recServiceRequest:
		rec, err := decodeRequest(p)
		if err != nil {
			return err
		}
		return s.redoRequest(rec)
	case recClock:
		rec, err := decodeClock(p)
		if err != nil {
			return err
		}
		s.offset = rec.offset
		s.raiseFloor(rec.now)
		return nil
	}
	return fmt.Errorf("a record of unknown kind %q", p[0])
}

// redoRequest makes a logged call again, through the path that served it,
// at the instant it was served, and checks that it is answered as it was.
func (s *Server) redoRequest(rec requestRecord) error {
	p, err := parseParams(rec.form)
	if err != nil {
		return err
	}
	name, _ := p.get("Action")
	table, q := actionsOf(rec.service)
	if q.serviceName() != rec.service {
		return fmt.Errorf("a request to the service %q, which this emulator does not serve", rec.service)
	}
	h := table[name]
	if h == nil {
		return fmt.Errorf("a request for the action %q, which this emulator does not serve", name)
	}
	before := s.cloud.Version()
	_, err = s.invoke(h, name, rec.caller, rec.now, p)
	if code := codeOf(err); code != rec.code {
		return fmt.Errorf("replayed, %s by %s in %s is answered %s, but it was answered %s when served: the state does not match the log",
			name, rec.caller.Account, rec.caller.Region, outcome(code), outcome(rec.code))
	}
	if s.cloud.Version() == before {
		return fmt.Errorf("replayed, %s by %s in %s changes nothing, but it changed the state when served: the state does not match the log",
			name, rec.caller.Account, rec.caller.Region)
	}
	s.raiseFloor(rec.now)
	return nil
}

func outcome(code string) string {
	if code == "" {
		return "success"
	}
	return code
}

// logRequest appends the record of a call that changed the Cloud; the
// caller holds s.mu.
func (s *Server) logRequest(service string, caller vpcmodel.Caller, now time.Time, form url.Values, err error) {
	s.store.append(requestRecord{service: service, caller: caller, now: now, form: form, code: codeOf(err)}.append(nil))
}

// compact writes the whole state as a new snapshot and starts a new log;
// the caller holds s.mu. Any failure stops the store: the files on disk
// still recover to the state last acknowledged, but nothing more can be
// made durable.
func (s *Server) compact() error {
	st := s.store
	if err := st.drain(); err != nil {
		return err
	}
	if err := s.checkpoint(st, st.gen+1); err != nil {
		err = fmt.Errorf("ec2emu: compact %s: %w", st.dir, err)
		st.fail(err)
		return err
	}
	return nil
}

// compactor compacts whenever the log grows past its threshold or its
// calls' cost past the budget, until full is closed.
func (s *Server) compactor(full <-chan struct{}) {
	for range full {
		s.mu.Lock()
		if !s.closed && s.store.compactionDue() {
			if err := s.compact(); err != nil {
				s.logf("%v", err)
			}
		}
		s.mu.Unlock()
	}
}

// checkpoint writes s's state as the snapshot of generation gen, then
// starts an empty log of generation gen. The caller holds s.mu, and the
// journal, if st has one, is drained. The order is what makes a crash at
// any point recoverable: the snapshot is written aside, synced, renamed
// into place and the directory synced, so the snapshot is always the old
// one or the new one, whole; only then is the old log replaced, the same
// way. Until it is, the old log (generation gen-1) sits beside the new
// snapshot, and restore knows the snapshot already holds it.
func (s *Server) checkpoint(st *store, gen uint64) error {
	if err := s.writeSnapshot(st.dir, gen); err != nil {
		return err
	}
	f, err := newLog(st.dir, gen)
	if err != nil {
		return err
	}
	st.gen, st.cost = gen, 0
	if st.journal == nil {
		st.journal = newJournal(f, filepath.Join(st.dir, logName), wal.HeaderSize, st.threshold)
		return nil
	}
	return st.swap(f, wal.HeaderSize)
}

// writeSnapshot writes s's state to dir's snapshot: aside, synced, then
// renamed into place, and the directory synced.
func (s *Server) writeSnapshot(dir string, gen uint64) (err error) {
	tmp := filepath.Join(dir, snapshotName+tmpSuffix)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	random, err := s.rng.MarshalBinary()
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 2*snapshotChunk)
	bw.Write(wal.AppendHeader(nil, snapshotMagic, gen))
	bw.Write(wal.AppendRecord(nil, metaRecord{random: random, offset: s.offset, floor: s.floor}.append(nil)))
	cw := &chunkWriter{w: bw, buf: append(make([]byte, 0, snapshotChunk+1), recChunk)}
	n, err := s.cloud.WriteTo(cw)
	if err != nil {
		return err
	}
	if err := cw.flush(); err != nil {
		return err
	}
	bw.Write(wal.AppendRecord(nil, binary.AppendUvarint([]byte{recEnd}, uint64(n))))
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, snapshotName)); err != nil {
		return err
	}
	return syncDir(dir)
}

// newLog replaces dir's log with an empty one of generation gen, the way
// writeSnapshot replaces the snapshot, and returns it open for appending.
func newLog(dir string, gen uint64) (_ *os.File, err error) {
	tmp := filepath.Join(dir, logName+tmpSuffix)
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(wal.AppendHeader(nil, logMagic, gen)); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, filepath.Join(dir, logName)); err != nil {
		return nil, err
	}
	return f, syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// chunkWriter cuts the Cloud's WriteTo stream into snapshot records.
type chunkWriter struct {
	w     io.Writer
	buf   []byte // recChunk, then up to snapshotChunk stream bytes
	frame []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), cap(c.buf)-len(c.buf))
		c.buf, p = append(c.buf, p[:k]...), p[k:]
		if len(c.buf) == cap(c.buf) {
			if err := c.flush(); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 1 {
		return nil
	}
	c.frame = wal.AppendRecord(c.frame[:0], c.buf)
	c.buf = c.buf[:1]
	_, err := c.w.Write(c.frame)
	return err
}

// Close writes a snapshot of the state of a server made by Open, so that
// the next Open reads no log, and releases its state directory; requests
// after Close are answered InternalError. Close of a server made by New
// does nothing.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store == nil || s.closed {
		return nil
	}
	s.closed = true
	err := s.compact()
	if cerr := s.store.close(); err == nil && cerr != nil {
		err = fmt.Errorf("ec2emu: %w", cerr)
	}
	if cerr := s.store.lock.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("ec2emu: %w", cerr)
	}
	return err
}
