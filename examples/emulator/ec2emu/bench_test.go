package ec2emu_test

import (
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
	files := map[string][]byte{}
	for _, name := range []string{"snapshot", "wal"} {
		if files[name], err = os.ReadFile(filepath.Join(dir, name)); err != nil {
			b.Fatal(err)
		}
	}
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
	b.ReportMetric(float64(len(files["snapshot"]))/n, "B/resource")
}
