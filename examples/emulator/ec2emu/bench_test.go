package ec2emu_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// BenchmarkPeeringLifecycle measures the server's own cost of the peering
// lifecycle emuload drives (create, accept, describe, delete), without
// HTTP transport or SDK: one op is the four requests.
func BenchmarkPeeringLifecycle(b *testing.B) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	srv := ec2emu.New(ec2emu.Options{Now: func() time.Time { return now }, Random: rand.NewChaCha8([32]byte{9})})
	do := func(body string) string {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", form)
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20260301/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("%s: %d %s", body, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	id := func(doc, elem string) string { // the first <elem>'s text
		_, rest, _ := strings.Cut(doc, "<"+elem+">")
		inner, _, _ := strings.Cut(rest, "</"+elem+">")
		return inner
	}
	a := id(do("Action=CreateVpc&CidrBlock=10.1.0.0/16"), "vpcId")
	c := id(do("Action=CreateVpc&CidrBlock=10.2.0.0/16"), "vpcId")
	b.ReportAllocs()
	for b.Loop() {
		pcx := id(do("Action=CreateVpcPeeringConnection&VpcId="+a+"&PeerVpcId="+c), "vpcPeeringConnectionId")
		do("Action=AcceptVpcPeeringConnection&VpcPeeringConnectionId=" + pcx)
		do("Action=DescribeVpcPeeringConnections&VpcPeeringConnectionId.1=" + pcx)
		do("Action=DeleteVpcPeeringConnection&VpcPeeringConnectionId=" + pcx)
		now = now.Add(3 * time.Minute) // deleted connections leave after 2 hours
	}
}

// BenchmarkRestart opens a state directory holding 100,000 resources, made
// as TestStateLarge makes them and left by a clean shutdown (a snapshot and
// an empty log): what a restart with -state costs. Each open starts from a
// fresh copy of the directory and a collected heap. It reports the
// snapshot's bytes per resource.
func BenchmarkRestart(b *testing.B) {
	const n = 100_000
	wall := newWall()
	dir := b.TempDir()
	s, err := ec2emu.Open(dir, openOpts(wall, io.Discard))
	if err != nil {
		b.Fatal(err)
	}
	fillState(b, s, n)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	files := stateFiles(b, dir)
	benchOpens(b, files, wall)
	b.ReportMetric(float64(len(files["snapshot"]))/n, "B/resource")
}

// BenchmarkRestartAfterCrash opens a state directory as kill -9 leaves it
// at worst: a snapshot of 100,000 resources made as TestStateLarge makes
// them, and beside it the longest log the default compaction bounds
// (DefaultCompactReplay, DefaultCompactBytes) let grow, of VPCs created
// and deleted again, so that the state still holds 100,000 resources. Each
// open starts from a fresh copy of the directory and a collected heap. It
// reports the log's bytes and records.
func BenchmarkRestartAfterCrash(b *testing.B) {
	const n = 100_000
	wall := newWall()
	dir := b.TempDir()
	s, err := ec2emu.Open(dir, openOpts(wall, io.Discard))
	if err != nil {
		b.Fatal(err)
	}
	fillState(b, s, n)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	bound := ec2emu.DefaultCompactReplay
	// The log is grown by a server that compacts on neither bound, up to
	// where the default bounds would have compacted it.
	o := openOpts(wall, io.Discard)
	o.CompactBytes, o.CompactReplay = 1<<40, time.Hour
	if s, err = ec2emu.Open(dir, o); err != nil {
		b.Fatal(err)
	}
	records := 0
	for i := 0; ; i++ {
		account := fmt.Sprintf("%012d", 600000000000+i%100)
		region := []string{"us-east-1", "eu-west-1"}[i/100%2]
		code, doc := post(s, account, region, fmt.Sprintf("Action=CreateVpc&CidrBlock=10.%d.%d.0/24&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=vpc-%d", i/256%256, i%256, i))
		if code != 200 {
			b.Fatalf("CreateVpc: %d %s", code, doc)
		}
		if code, doc := post(s, account, region, "Action=DeleteVpc&VpcId="+firstVPC(doc)); code != 200 {
			b.Fatalf("DeleteVpc: %d %s", code, doc)
		}
		records += 2
		size, cost := fileSizeOf(b, filepath.Join(dir, "wal")), ec2emu.LogCost(s)
		// Stop when one more pair, at the average so far, would pass a bound.
		if size+2*size/int64(records) > ec2emu.DefaultCompactBytes || cost+2*cost/time.Duration(records) > bound {
			break
		}
	}
	// The files are copied before Close, which would compact the log away.
	files := stateFiles(b, dir)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	benchOpens(b, files, wall)
	b.ReportMetric(float64(len(files["wal"])), "log-bytes")
	b.ReportMetric(float64(records), "log-records")
}

func fileSizeOf(tb testing.TB, path string) int64 {
	tb.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return fi.Size()
}

// stateFiles returns the snapshot and log of the state directory dir.
func stateFiles(b *testing.B, dir string) map[string][]byte {
	b.Helper()
	files := map[string][]byte{}
	for _, name := range []string{"snapshot", "wal"} {
		var err error
		if files[name], err = os.ReadFile(filepath.Join(dir, name)); err != nil {
			b.Fatal(err)
		}
	}
	return files
}

// benchOpens times b.N opens of a state directory holding files, each
// from a fresh copy and a collected heap.
func benchOpens(b *testing.B, files map[string][]byte, wall *wallClock) {
	b.Helper()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		d := b.TempDir()
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(d, name), data, 0o600); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		b.StartTimer()
		s, err := ec2emu.Open(d, openOpts(wall, io.Discard))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
