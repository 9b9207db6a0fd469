package ec2emu_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu/internal/wal"
)

// fillState makes n resources in s, VPCs and route tables: 2 in 5 are
// VPCs with a Name tag, each with its main route table, and 1 in 5 an
// extra route table. The requests come from 64 clients at once, spread
// over 100 accounts in two Regions, as group commit would see them.
func fillState(tb testing.TB, s http.Handler, n int) {
	tb.Helper()
	vpcs := n * 2 / 5
	const clients = 64
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; i < vpcs; i += clients {
				account := fmt.Sprintf("%012d", 600000000000+i%100)
				region := []string{"us-east-1", "eu-west-1"}[i/100%2]
				code, doc := post(s, account, region, fmt.Sprintf("Action=CreateVpc&CidrBlock=10.%d.%d.0/24&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=vpc-%d", i/256%256, i%256, i))
				if code != http.StatusOK {
					errs <- fmt.Errorf("CreateVpc: %d %s", code, doc)
					return
				}
				if i%2 == 0 {
					if code, doc := post(s, account, region, "Action=CreateRouteTable&VpcId="+firstVPC(doc)); code != http.StatusOK {
						errs <- fmt.Errorf("CreateRouteTable: %d %s", code, doc)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
}

// firstVPC returns the first vpcId in an answer.
func firstVPC(doc string) string {
	_, rest, _ := strings.Cut(doc, "<vpcId>")
	id, _, _ := strings.Cut(rest, "<")
	return id
}

// TestStateLarge restores a large state as kill -9 leaves it (the snapshot
// the last compaction while filling wrote, and the log since) and from a
// snapshot alone (as SIGTERM leaves it), checks that it is
// the state that was saved, and reports the restart times and the bytes
// per resource: 100,000 resources without -short and the race detector,
// 5,000 otherwise. Restart from the snapshot is bounded by what the
// emulator adds to vpcmodel's own decoding of the Cloud (Cloud.ReadFrom,
// timed on the same stream): framing, checksums and the rest must not
// make it more than half as slow again.
func TestStateLarge(t *testing.T) {
	n := 5_000
	if !testing.Short() && !raceEnabled {
		n = 100_000
	}
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	start := time.Now()
	fillState(t, s, n)
	t.Logf("%d resources made in %v", n, time.Since(start).Round(time.Millisecond))
	want := ec2emu.StateOf(s)

	// s neither serves nor compacts while its directory is copied and the
	// copy restored.
	var crash string
	var logBytes int64
	var replay time.Duration
	var fromLog *ec2emu.Server
	ec2emu.WithLock(s, func() {
		crash = crashCopy(t, dir)
		logBytes = fileSize(t, filepath.Join(crash, "wal"))
		start = time.Now()
		fromLog, _ = openState(t, crash, wall)
		replay = time.Since(start)
	})
	if got := ec2emu.StateOf(fromLog); got != want {
		t.Fatal("the state restored from the log differs from the state saved")
	}
	// Its replay may have made a compaction due; it is not to compete
	// with the restart timed next.
	if err := fromLog.Close(); err != nil {
		t.Fatal(err)
	}

	start = time.Now()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	compact := time.Since(start)
	snapPath := filepath.Join(dir, "snapshot")
	snapBytes := fileSize(t, snapPath)
	start = time.Now()
	fromSnap, _ := openState(t, dir, wall)
	restore := time.Since(start)
	if got := ec2emu.StateOf(fromSnap); got != want {
		t.Fatal("the state restored from the snapshot differs from the state saved")
	}

	stream := cloudStream(t, snapPath)
	start = time.Now()
	if _, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(bytes.NewReader(stream)); err != nil {
		t.Fatal(err)
	}
	decode := time.Since(start)
	t.Logf("%d resources: restart from the snapshot %v (Cloud.ReadFrom alone %v; %d bytes, %.0f per resource); after kill -9 %v (with a log of %d bytes); snapshot written in %v",
		n, restore.Round(time.Millisecond), decode.Round(time.Millisecond), snapBytes, float64(snapBytes)/float64(n),
		replay.Round(time.Millisecond), logBytes, compact.Round(time.Millisecond))
	// The times are reported, not asserted: they are BenchmarkRestart's
	// and BenchmarkRestartAfterCrash's to show, on a machine quiet enough.
}

// cloudStream returns the Cloud's WriteTo stream a snapshot holds.
func cloudStream(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := wal.NewReader(f, path, "VPCEMUSN")
	if err != nil {
		t.Fatal(err)
	}
	var stream []byte
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			return stream
		}
		if err != nil {
			t.Fatal(err)
		}
		if p[0] == 'c' {
			stream = append(stream, p[1:]...)
		}
	}
}
