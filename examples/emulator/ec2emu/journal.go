package ec2emu

import (
	"fmt"
	"os"
	"sync"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu/internal/wal"
)

// journal is the write-ahead log open for appending, and its group commit.
// Calls append records under the server lock, each taking the next sequence
// number; one goroutine writes whatever has accumulated with one write and
// one fsync, and then wakes every caller whose sequence that covered. While
// it syncs, the next group accumulates, so N concurrent writers cost about
// one sync, not N.
type journal struct {
	mu       sync.Mutex
	cond     sync.Cond // signalled when pending grows, durable moves or err is set
	f        *os.File  // the log; only run writes to it, and swap replaces it
	name     string
	size     int64  // bytes in f
	pending  []byte // framed records appended and not yet written
	spare    []byte
	appended uint64 // sequence of the last record appended
	durable  uint64 // sequence of the last record written and synced
	syncs    uint64 // groups written and synced
	err      error  // the first failure; nothing after it is durable
	closed   bool
	done     chan struct{} // closed when run returns

	threshold int64         // past this size, full is signalled
	full      chan struct{} // a compaction is due (the log is past threshold, or due was called)

	beforeWrite func() // a test's hook, called before each group is written
}

func newJournal(f *os.File, name string, size, threshold int64) *journal {
	j := &journal{f: f, name: name, size: size, threshold: threshold,
		done: make(chan struct{}), full: make(chan struct{}, 1)}
	j.cond.L = &j.mu
	go j.run()
	return j
}

// append adds a record and returns its sequence number; the caller holds
// the server lock, so sequence order is the order calls were served in.
func (j *journal) append(payload []byte) uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.pending = wal.AppendRecord(j.pending, payload)
	j.appended++
	j.cond.Broadcast()
	return j.appended
}

// last returns the sequence of the last record appended.
func (j *journal) last() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.appended
}

// wait returns once the record with sequence seq, and every one before it,
// is written and synced, or the journal has failed.
func (j *journal) wait(seq uint64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.durable < seq && j.err == nil {
		j.cond.Wait()
	}
	if j.durable >= seq {
		return nil
	}
	return j.err
}

// failed returns the journal's failure, if it has one.
func (j *journal) failed() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.err
}

// fail records err as the journal's failure: from now on nothing is
// durable, so nothing more may be acknowledged.
func (j *journal) fail(err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err == nil {
		j.err = err
	}
	j.cond.Broadcast()
}

// run is the group commit: it writes and syncs each group of records that
// accumulated while the previous group synced.
func (j *journal) run() {
	defer close(j.done)
	j.mu.Lock()
	for {
		for len(j.pending) == 0 && !j.closed {
			j.cond.Wait()
		}
		if len(j.pending) == 0 || j.err != nil { // closed, or nothing more can be durable
			j.mu.Unlock()
			return
		}
		batch, upto, f := j.pending, j.appended, j.f
		j.pending = j.spare[:0]
		hook := j.beforeWrite
		j.mu.Unlock()

		if hook != nil {
			hook()
		}
		_, err := f.Write(batch)
		if err == nil {
			err = f.Sync()
		}

		j.mu.Lock()
		j.spare = batch
		if err != nil {
			if j.err == nil {
				j.err = fmt.Errorf("ec2emu: write %s: %w", j.name, err)
			}
		} else {
			j.durable = upto
			j.syncs++
			j.size += int64(len(batch))
			if j.size > j.threshold {
				select {
				case j.full <- struct{}{}:
				default:
				}
			}
		}
		j.cond.Broadcast()
	}
}

// due asks for a compaction, as a write past the threshold does.
func (j *journal) due() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.closed {
		select {
		case j.full <- struct{}{}:
		default:
		}
	}
}

// drain waits until every record appended is durable. The caller holds
// the server lock, so none is appended meanwhile, and when drain returns
// nil the group commit is idle.
func (j *journal) drain() error { return j.wait(j.last()) }

// swap makes f, of size bytes, the log to append to, and closes the old
// one; the caller holds the server lock and has drained the journal.
func (j *journal) swap(f *os.File, size int64) error {
	j.mu.Lock()
	old := j.f
	j.f, j.size = f, size
	j.mu.Unlock()
	return old.Close()
}

// close stops the group commit once it has written what was appended,
// and closes the log.
func (j *journal) close() error {
	j.mu.Lock()
	j.closed = true
	j.cond.Broadcast()
	j.mu.Unlock()
	<-j.done
	close(j.full)
	return j.f.Close()
}

// logSize returns the log's size in bytes.
func (j *journal) logSize() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.size
}
