package ec2emu_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu/internal/wal"
)

// wallClock is a fake wall clock that survives a server's restart.
type wallClock struct {
	mu sync.Mutex
	t  time.Time
}

func newWall() *wallClock { return &wallClock{t: epoch} }

func (w *wallClock) Now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t = w.t.Add(time.Millisecond) // the wall clock moves on by itself
	return w.t
}

func (w *wallClock) Add(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t = w.t.Add(d)
}

// syncBuffer is a log destination tests read while a server writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// openOpts are the options every test server is opened with.
func openOpts(wall *wallClock, logs io.Writer) ec2emu.Options {
	return ec2emu.Options{Now: wall.Now, Random: rand.NewChaCha8([32]byte{4, 2}), Log: log.New(logs, "", 0)}
}

// openState opens dir, failing the test if it does not open, and closes
// the server when the test ends.
func openState(t *testing.T, dir string, wall *wallClock) (*ec2emu.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	s, err := ec2emu.Open(dir, openOpts(wall, logs))
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s, logs
}

// post serves one Query API request as account in region, in process.
func post(h http.Handler, account, region, body string) (int, string) {
	req := httptest.NewRequest("POST", "/", strings.NewReader(body))
	req.Header.Set("Content-Type", form)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+account+"/20260301/"+region+"/ec2/aws4_request, SignedHeaders=host, Signature=00")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// mustPost serves a request that must succeed and returns the first
// element named elem in the answer ("" for none).
func mustPost(t testing.TB, h http.Handler, account, region, body, elem string) string {
	t.Helper()
	code, doc := post(h, account, region, body)
	if code != http.StatusOK {
		t.Fatalf("%s: %d %s", body, code, doc)
	}
	m := regexp.MustCompile("<" + elem + ">([^<]*)<").FindStringSubmatch(doc)
	if m == nil {
		return ""
	}
	return m[1]
}

// admin serves an /_emulator/ request in process.
func admin(t *testing.T, h http.Handler, method, path, body string) string {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", form)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return strings.TrimSpace(rec.Body.String())
}

// populate makes a state that uses every kind of record and resource: VPCs
// in two accounts and Regions with tags and a secondary block, peering
// (active, pending, cross-Region, deleted), route tables and routes, VPN
// with its keys and addresses drawn from the random stream, propagation,
// refused calls, and the clock moved.
func populate(t *testing.T, h http.Handler) {
	t.Helper()
	const us, eu = "us-east-1", "eu-west-1"
	a := mustPost(t, h, alice, us, "Action=CreateVpc&CidrBlock=10.1.0.0/16&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=a", "vpcId")
	b := mustPost(t, h, alice, us, "Action=CreateVpc&CidrBlock=10.2.0.0/16", "vpcId")
	c := mustPost(t, h, bob, eu, "Action=CreateVpc&CidrBlock=10.3.0.0/16", "vpcId")
	mustPost(t, h, alice, us, "Action=CreateTags&ResourceId.1="+b+"&Tag.1.Key=team&Tag.1.Value=red", "")
	mustPost(t, h, alice, us, "Action=AssociateVpcCidrBlock&VpcId="+b+"&CidrBlock=10.20.0.0/16", "")
	ab := mustPost(t, h, alice, us, "Action=CreateVpcPeeringConnection&VpcId="+a+"&PeerVpcId="+b, "vpcPeeringConnectionId")
	mustPost(t, h, alice, us, "Action=AcceptVpcPeeringConnection&VpcPeeringConnectionId="+ab, "")
	mustPost(t, h, alice, us, "Action=CreateVpcPeeringConnection&VpcId="+a+"&PeerVpcId="+c+"&PeerOwnerId="+bob+"&PeerRegion="+eu, "")
	gone := mustPost(t, h, alice, us, "Action=CreateVpcPeeringConnection&VpcId="+b+"&PeerVpcId="+c+"&PeerOwnerId="+bob+"&PeerRegion="+eu, "vpcPeeringConnectionId")
	mustPost(t, h, alice, us, "Action=DescribeVpcPeeringConnections", "") // settles the requests
	mustPost(t, h, alice, us, "Action=DeleteVpcPeeringConnection&VpcPeeringConnectionId="+gone, "")
	rtb := mustPost(t, h, alice, us, "Action=CreateRouteTable&VpcId="+a, "routeTableId")
	mustPost(t, h, alice, us, "Action=CreateRoute&RouteTableId="+rtb+"&DestinationCidrBlock=10.2.0.0/16&VpcPeeringConnectionId="+ab, "")
	if code, _ := post(h, alice, us, "Action=CreateVpc&CidrBlock=10.0.0.0/8"); code != http.StatusBadRequest {
		t.Fatalf("CreateVpc 10.0.0.0/8 answered %d", code)
	}
	admin(t, h, "POST", "/_emulator/clock", "advance=90m")
	cgw := mustPost(t, h, alice, us, "Action=CreateCustomerGateway&Type=ipsec.1&BgpAsn=65010&IpAddress=198.51.100.7", "customerGatewayId")
	vgw := mustPost(t, h, alice, us, "Action=CreateVpnGateway&Type=ipsec.1", "vpnGatewayId")
	mustPost(t, h, alice, us, "Action=AttachVpnGateway&VpcId="+a+"&VpnGatewayId="+vgw, "")
	vpn := mustPost(t, h, alice, us, "Action=CreateVpnConnection&Type=ipsec.1&CustomerGatewayId="+cgw+"&VpnGatewayId="+vgw+"&Options.StaticRoutesOnly=true", "vpnConnectionId")
	if code, _ := post(h, alice, us, "Action=CreateVpnConnection&Type=ipsec.1&CustomerGatewayId="+cgw+"&VpnGatewayId="+vgw); code != http.StatusBadRequest {
		t.Fatalf("a second VPN connection between the same gateways answered %d", code) // refused after drawing keys
	}
	mustPost(t, h, alice, us, "Action=CreateVpnConnectionRoute&VpnConnectionId="+vpn+"&DestinationCidrBlock=192.168.0.0/24", "")
	mustPost(t, h, alice, us, "Action=EnableVgwRoutePropagation&RouteTableId="+rtb+"&GatewayId="+vgw, "")
	mustPost(t, h, alice, us, "Action=DeleteTags&ResourceId.1="+b+"&Tag.1.Key=team", "")
	mustPost(t, h, alice, us, "Action=DescribeVpnConnections", "")
}

// crashCopy copies a state directory's files as they are now, as a crash
// would leave them, and returns the copy.
func crashCopy(t *testing.T, dir string) string {
	t.Helper()
	to := t.TempDir()
	// The log first: a compaction between the two copies then leaves the
	// old log beside the new snapshot, which holds its calls, rather than
	// a new log beside the old snapshot, which lacks them.
	for _, name := range []string{"wal", "snapshot"} {
		copyFile(t, filepath.Join(dir, name), filepath.Join(to, name))
	}
	return to
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func wantSameState(t *testing.T, want, got *ec2emu.Server) {
	t.Helper()
	if diff := cmp.Diff(ec2emu.StateOf(want), ec2emu.StateOf(got)); diff != "" {
		t.Fatalf("restored state mismatch (-want +got):\n%s", diff)
	}
}

// TestStateRestart restores a state from its log alone (as kill -9 leaves
// it) and from a snapshot (as Close leaves it): the same Cloud, clock
// offset and random stream, so the next call draws the same IDs.
func TestStateRestart(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	populate(t, s)

	crashed, _ := openState(t, crashCopy(t, dir), wall)
	wantSameState(t, s, crashed)

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := fileSize(t, filepath.Join(dir, "wal")); got != wal.HeaderSize {
		t.Errorf("after Close the log holds %d bytes, want only its header", got)
	}
	closed, _ := openState(t, dir, wall)
	wantSameState(t, crashed, closed)

	for _, s := range []*ec2emu.Server{crashed, closed} {
		mustPost(t, s, alice, "us-east-1", "Action=CreateVpc&CidrBlock=10.9.0.0/16", "vpcId")
	}
	wantSameState(t, crashed, closed)
}

// TestStateTornTail drops a torn final record, with a log line, cuts it
// from the log, and appends after the cut.
func TestStateTornTail(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	populate(t, s)
	crash := crashCopy(t, dir)
	logPath := filepath.Join(crash, "wal")
	good := fileSize(t, logPath)

	// A record cut short: its frame says 300 bytes, 40 made it to disk.
	f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	torn := binary.LittleEndian.AppendUint32(nil, 300)
	torn = binary.LittleEndian.AppendUint32(torn, 0xdeadbeef)
	torn = append(torn, strings.Repeat("q", 32)...)
	if _, err := f.Write(torn); err != nil {
		t.Fatal(err)
	}
	f.Close()

	restored, logs := openState(t, crash, wall)
	want := fmt.Sprintf("%s: dropping the torn final record at byte %d (40 bytes;", logPath, good)
	if !strings.Contains(logs.String(), want) {
		t.Fatalf("log = %q, want a line with %q", logs, want)
	}
	wantSameState(t, s, restored)
	if got := fileSize(t, logPath); got != good {
		t.Fatalf("log is %d bytes after the drop, want %d", got, good)
	}
	mustPost(t, restored, alice, "us-east-1", "Action=CreateVpc&CidrBlock=10.9.0.0/16", "vpcId")
	again, _ := openState(t, crashCopy(t, crash), wall)
	wantSameState(t, restored, again)
}

// record frames a payload as the log does.
func record(payload []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(payload)))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(payload, crc32.MakeTable(crc32.Castagnoli)))
	return append(b, payload...)
}

// requestPayload is a log record of a request, as the server writes it.
func requestPayload(account, region string, now time.Time, code string, form url.Values) []byte {
	str := func(b []byte, s string) []byte { return append(binary.AppendUvarint(b, uint64(len(s))), s...) }
	t, _ := now.MarshalBinary()
	b := str([]byte{'q'}, account)
	b = str(b, region)
	b = str(b, string(t))
	b = str(b, code)
	return str(b, form.Encode())
}

// servicePayload is a log record of a request to another service than
// EC2, as the server writes it.
func servicePayload(service, account, region string, now time.Time, code string, form url.Values) []byte {
	b := append(binary.AppendUvarint([]byte{'s'}, uint64(len(service))), service...)
	return append(b, requestPayload(account, region, now, code, form)[1:]...)
}

// TestStateRefusals damages a state directory in every way but a torn
// tail: Open must refuse it with an error naming the file and the byte
// offset, and never start from part of it.
func TestStateRefusals(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	populate(t, s)
	base := crashCopy(t, dir)
	snapSize := fileSize(t, filepath.Join(base, "snapshot"))
	logSize := fileSize(t, filepath.Join(base, "wal"))
	// A second directory whose state is in its snapshot.
	closedDir := t.TempDir()
	c, _ := openState(t, closedDir, wall)
	populate(t, c)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	closedSnap := fileSize(t, filepath.Join(closedDir, "snapshot"))

	edit := func(name string, f func([]byte) []byte) func(string) {
		return func(d string) {
			path := filepath.Join(d, name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f(b), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	flip := func(at int64) func([]byte) []byte {
		return func(b []byte) []byte { b[at] ^= 0x10; return b }
	}
	version := func(b []byte) []byte { binary.LittleEndian.PutUint32(b[8:], 2); return b }
	gen := func(g uint64) func([]byte) []byte {
		return func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[12:], g)
			binary.LittleEndian.PutUint32(b[20:], crc32.Checksum(b[:20], crc32.MakeTable(crc32.Castagnoli)))
			return b
		}
	}
	appendRec := func(payload []byte) func([]byte) []byte {
		return func(b []byte) []byte { return append(b, record(payload)...) }
	}
	bad := url.Values{"Action": {"CreateVpc"}, "CidrBlock": {"10.0.0.0/8"}} // refused with InvalidVpc.Range
	tests := []struct {
		name   string
		from   string // the directory damaged
		damage func(dir string)
		file   string
		offset int64 // -1: not checked
		cause  error
		text   string
	}{
		{"log: a record fails its CRC, more follow", base, edit("wal", flip(wal.HeaderSize+12)), "wal", wal.HeaderSize, wal.ErrCorrupt, "record checksum mismatch, and more data follows"},
		{"log: garbage after the records", base, edit("wal", func(b []byte) []byte { return append(b, bytes.Repeat([]byte{0xff}, 64)...) }), "wal", logSize, wal.ErrCorrupt, "record length"},
		{"log: another format version", base, edit("wal", version), "wal", 8, wal.ErrVersion, "format version 2; this emulator reads version 1 only"},
		{"log: header damaged", base, edit("wal", flip(14)), "wal", 20, wal.ErrCorrupt, "header checksum mismatch"},
		{"log: cut inside its header", base, edit("wal", func(b []byte) []byte { return b[:10] }), "wal", 10, wal.ErrCorrupt, "the header ends early"},
		{"log: a generation the snapshot does not know", base, edit("wal", gen(7)), "wal", 12, wal.ErrCorrupt, "log generation 7 does not belong to the snapshot's generation 1"},
		{"log: a record that replays differently", base, edit("wal", appendRec(requestPayload(alice, "us-east-1", epoch.Add(time.Hour), "", bad))), "wal", logSize, wal.ErrCorrupt,
			"replayed, CreateVpc by 111111111111 in us-east-1 is answered InvalidVpc.Range, but it was answered success when served"},
		{"log: a record of an unknown kind", base, edit("wal", appendRec([]byte("zzz"))), "wal", logSize, wal.ErrCorrupt, `a record of unknown kind 'z'`},
		{"log: a request record cut short", base, edit("wal", appendRec([]byte{'q', 200})), "wal", logSize, wal.ErrCorrupt, "the record ends early"},
		{"log: a record for a service the emulator does not serve", base, edit("wal", appendRec(servicePayload("s3", alice, "us-east-1", epoch, "",
			url.Values{"Action": {"CreateBucket"}}))), "wal", logSize, wal.ErrCorrupt, `the service "s3"`},
		{"log: a service record that names no service", base, edit("wal", appendRec(servicePayload("", alice, "us-east-1", epoch, "",
			url.Values{"Action": {"DescribeDBSubnetGroups"}}))), "wal", logSize, wal.ErrCorrupt, "names no service"},
		{"log: a record of an unknown action", base, edit("wal", appendRec(requestPayload(alice, "us-east-1", epoch, "", url.Values{"Action": {"Launch"}}))), "wal", logSize, wal.ErrCorrupt, `the action "Launch"`},
		{"snapshot: a byte flipped", closedDir, edit("snapshot", flip(closedSnap/2)), "snapshot", -1, wal.ErrCorrupt, "record checksum mismatch, and more data follows"},
		{"snapshot: cut short", closedDir, edit("snapshot", func(b []byte) []byte { return b[:closedSnap-3] }), "snapshot", -1, wal.ErrCorrupt, "the snapshot ends early"},
		{"snapshot: its end record lost", closedDir, edit("snapshot", func(b []byte) []byte { return b[:closedSnap-11] }), "snapshot", closedSnap - 11, wal.ErrCorrupt, "the snapshot ends before its end record"},
		{"snapshot: another format version", closedDir, edit("snapshot", version), "snapshot", 8, wal.ErrVersion, "format version 2; this emulator reads version 1 only"},
		{"snapshot: data after its end", base, edit("snapshot", appendRec([]byte("c"))), "snapshot", snapSize, wal.ErrCorrupt, "data after the snapshot's end record"},
		{"snapshot: a Cloud that does not read", base, edit("snapshot", func(b []byte) []byte {
			// Re-frame the first chunk with its JSON broken.
			meta := int64(binary.LittleEndian.Uint32(b[wal.HeaderSize:]))
			at := wal.HeaderSize + 8 + meta
			n := binary.LittleEndian.Uint32(b[at:])
			payload := bytes.Clone(b[at+8 : at+8+int64(n)])
			payload[1] = '['
			return append(append(bytes.Clone(b[:at]), record(payload)...), b[at+8+int64(n):]...)
		}), "snapshot", -1, wal.ErrCorrupt, "the Cloud in it does not read: vpcmodel: invalid encoding: line 1"},
		{"snapshot: missing beside a log", base, func(d string) { os.Remove(filepath.Join(d, "snapshot")) }, "wal", -1, nil, "has no snapshot beside it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := crashCopy(t, tt.from)
			tt.damage(d)
			before := dirFiles(t, d)
			_, err := ec2emu.Open(d, openOpts(wall, io.Discard))
			if err == nil {
				t.Fatal("Open succeeded")
			}
			path := filepath.Join(d, tt.file)
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("err = %v\nwant it to name %s and say %q", err, path, tt.text)
			}
			if tt.cause != nil {
				var we *wal.Error
				if !errors.Is(err, tt.cause) || !errors.As(err, &we) {
					t.Fatalf("err = %v, want a *wal.Error wrapping %v", err, tt.cause)
				}
				if we.File != path || tt.offset >= 0 && we.Offset != tt.offset {
					t.Fatalf("error at %s byte %d, want %s byte %d", we.File, we.Offset, path, tt.offset)
				}
			}
			if after := dirFiles(t, d); !cmp.Equal(before, after) {
				t.Fatalf("a refused Open changed the directory:\n%s", cmp.Diff(before, after))
			}
		})
	}
}

// dirFiles returns the files of dir (but the lock) and their contents.
func dirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "lock" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// TestStateInterruptedCompaction recovers from a crash at each step of a
// compaction: a partial snapshot or log left aside, and the new snapshot
// in place beside the old log.
func TestStateInterruptedCompaction(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	populate(t, s)
	before := crashCopy(t, dir) // snapshot 1, log 1 with the records
	want := ec2emu.StateOf(s)
	if err := s.Close(); err != nil { // snapshot 2, empty log 2
		t.Fatal(err)
	}

	t.Run("partial files aside", func(t *testing.T) {
		d := crashCopy(t, before)
		os.WriteFile(filepath.Join(d, "snapshot.tmp"), []byte("VPCEMUSN partial"), 0o600)
		os.WriteFile(filepath.Join(d, "wal.tmp"), []byte("VPCEMU"), 0o600)
		r, logs := openState(t, d, wall)
		if got := ec2emu.StateOf(r); got != want {
			t.Fatalf("state mismatch:\n%s", cmp.Diff(want, got))
		}
		for _, name := range []string{"snapshot.tmp", "wal.tmp"} {
			if !strings.Contains(logs.String(), "removed "+filepath.Join(d, name)) {
				t.Errorf("log = %q, want it to say %s was removed", logs, name)
			}
			if _, err := os.Stat(filepath.Join(d, name)); err == nil {
				t.Errorf("%s is still there", name)
			}
		}
	})
	t.Run("new snapshot beside the old log", func(t *testing.T) {
		d := crashCopy(t, before)
		copyFile(t, filepath.Join(dir, "snapshot"), filepath.Join(d, "snapshot"))
		r, logs := openState(t, d, wall)
		if got := ec2emu.StateOf(r); got != want {
			t.Fatalf("state mismatch (the log applied twice?):\n%s", cmp.Diff(want, got))
		}
		if !strings.Contains(logs.String(), "is already in the snapshot of generation 2") {
			t.Errorf("log = %q", logs)
		}
	})
	t.Run("snapshot without a log", func(t *testing.T) {
		d := crashCopy(t, dir)
		os.Remove(filepath.Join(d, "wal"))
		r, _ := openState(t, d, wall)
		if got := ec2emu.StateOf(r); got != want {
			t.Fatalf("state mismatch:\n%s", cmp.Diff(want, got))
		}
	})
}

// TestStateCompaction compacts when the log passes its threshold, and the
// state restores from the snapshot and log that leaves.
func TestStateCompaction(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	o := openOpts(wall, io.Discard)
	o.CompactBytes = 4 << 10
	s, err := ec2emu.Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 200 {
		mustPost(t, s, alice, "us-east-1", fmt.Sprintf("Action=CreateVpc&CidrBlock=10.%d.%d.0/24", i/256, i%256), "vpcId")
	}
	deadline := time.Now().Add(10 * time.Second)
	for fileSize(t, filepath.Join(dir, "wal")) > o.CompactBytes+1<<10 {
		if time.Now().After(deadline) {
			t.Fatalf("the log is %d bytes, past the threshold of %d", fileSize(t, filepath.Join(dir, "wal")), o.CompactBytes)
		}
		time.Sleep(10 * time.Millisecond)
	}
	restored, _ := openState(t, crashCopy(t, dir), wall)
	wantSameState(t, s, restored)
}

// TestStateCompactionByReplayCost compacts when the calls in the log took
// longer to serve than Options.CompactReplay, whatever the log's size, and
// right after Open when replaying the log took that long; with a budget
// the calls do not reach, the log keeps them. Each state left restores.
func TestStateCompactionByReplayCost(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	walPath := filepath.Join(dir, "wal")
	waitCompacted := func(path string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for fileSize(t, path) > wal.HeaderSize {
			if time.Now().After(deadline) {
				t.Fatalf("%s is %d bytes: no compaction", path, fileSize(t, path))
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	o := openOpts(wall, io.Discard)
	o.CompactBytes, o.CompactReplay = 1<<40, time.Hour
	s, err := ec2emu.Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		mustPost(t, s, alice, "us-east-1", fmt.Sprintf("Action=CreateVpc&CidrBlock=10.%d.0.0/16", i), "vpcId")
	}
	if size := fileSize(t, walPath); size <= wal.HeaderSize {
		t.Fatalf("the log is %d bytes after 20 calls within the budget", size)
	}
	// A log that took longer to replay than the budget is compacted
	// after Open, before any call.
	crash := crashCopy(t, dir)
	o.CompactReplay = time.Nanosecond
	restored, err := ec2emu.Open(crash, o)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	waitCompacted(filepath.Join(crash, "wal"))
	wantSameState(t, s, restored)
	again, _ := openState(t, crashCopy(t, crash), wall)
	wantSameState(t, s, again)
	s.Close()

	// A call whose serving passes the budget makes a compaction due.
	dir = t.TempDir()
	s, err = ec2emu.Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	vpc := mustPost(t, s, alice, "us-east-1", "Action=CreateVpc&CidrBlock=10.0.0.0/16", "vpcId")
	for i, last := 0, int64(0); ; i++ { // until the log shrinks
		size := fileSize(t, filepath.Join(dir, "wal"))
		if size < last {
			break
		}
		if i == 20_000 {
			t.Fatalf("the log is %d bytes after %d calls: no compaction", size, i)
		}
		last = size
		mustPost(t, s, alice, "us-east-1", fmt.Sprintf("Action=CreateTags&ResourceId.1=%s&Tag.1.Key=k&Tag.1.Value=%d", vpc, i), "")
	}
	restored, _ = openState(t, crashCopy(t, dir), wall)
	wantSameState(t, s, restored)
}

// TestStateReset clears the directory's state too.
func TestStateReset(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	populate(t, s)
	admin(t, s, "POST", "/_emulator/clock", "advance=240h")
	admin(t, s, "POST", "/_emulator/reset", "")
	restored, _ := openState(t, crashCopy(t, dir), wall)
	wantSameState(t, s, restored)
	if id := mustPost(t, restored, alice, "us-east-1", "Action=DescribeVpcs", "vpcId"); id != "" {
		t.Fatalf("a VPC survived the reset: %s", id)
	}
	clock, _ := time.Parse(time.RFC3339Nano, admin(t, restored, "GET", "/_emulator/clock", ""))
	if d := clock.Sub(wall.Now()); d < -time.Second || d > time.Second {
		t.Fatalf("clock after reset and restart = %v, %v from the wall clock; want no offset", clock, d)
	}
}

// TestStateClock keeps the clock offset across a restart, and the clock
// never goes back, even if the wall clock does.
func TestStateClock(t *testing.T) {
	wall := newWall()
	dir := t.TempDir()
	s, _ := openState(t, dir, wall)
	moved, _ := time.Parse(time.RFC3339Nano, admin(t, s, "POST", "/_emulator/clock", "advance=169h"))
	wall.Add(time.Hour)
	mustPost(t, s, alice, "us-east-1", "Action=CreateVpc&CidrBlock=10.1.0.0/16", "vpcId") // served an hour after moved
	last, _ := time.Parse(time.RFC3339Nano, admin(t, s, "GET", "/_emulator/clock", ""))
	crash := crashCopy(t, dir)

	restored, _ := openState(t, crash, wall)
	got, _ := time.Parse(time.RFC3339Nano, admin(t, restored, "GET", "/_emulator/clock", ""))
	if got.Before(last) || got.Sub(wall.Now()) < 169*time.Hour-time.Second {
		t.Fatalf("clock after restart = %v; before it %v, wall clock %v: want the 169h offset kept", got, last, wall.Now())
	}
	wall.Add(time.Hour)
	later, _ := time.Parse(time.RFC3339Nano, admin(t, restored, "GET", "/_emulator/clock", ""))
	if d := later.Sub(got); d < time.Hour || d > time.Hour+time.Second {
		t.Fatalf("the clock moved %v in an hour of wall time after the restart; want it to run from its offset", d)
	}

	wall.Add(-48 * time.Hour) // the machine's clock is set back
	back, _ := openState(t, crashCopy(t, crash), wall)
	got, _ = time.Parse(time.RFC3339Nano, admin(t, back, "GET", "/_emulator/clock", ""))
	if got.Before(moved.Add(time.Hour)) {
		t.Fatalf("clock after restart with the wall clock set back = %v, earlier than the CreateVpc served after %v", got, moved.Add(time.Hour))
	}
}

// TestStateGroupCommit makes concurrent writers share syncs, and holds
// back every answer, reads included, until what it may show is durable.
func TestStateGroupCommit(t *testing.T) {
	wall := newWall()
	s, _ := openState(t, t.TempDir(), wall)

	// Hold the first write until every writer has been served: all but
	// those in the first group must then share one sync.
	const writers = 64
	hold := make(chan struct{})
	var held, freed sync.Once
	ec2emu.BeforeWrite(s, func() { held.Do(func() { <-hold }) })
	free := func() { freed.Do(func() { close(hold) }) }
	defer free() // if the test fails first
	syncs, appended := ec2emu.Syncs(s), ec2emu.Appended(s)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, doc := post(s, fmt.Sprintf("%012d", 700000000000+i), "us-east-1", "Action=CreateVpc&CidrBlock=10.1.0.0/16"); code != http.StatusOK {
				t.Errorf("CreateVpc: %d %s", code, doc)
			}
		}()
	}
	for ec2emu.Appended(s) < appended+writers {
		time.Sleep(time.Millisecond)
	}
	free()
	wg.Wait()
	if n := ec2emu.Syncs(s) - syncs; n > 2 {
		t.Fatalf("%d concurrent writers took %d syncs; want at most 2, the group held back and the rest", writers, n)
	}

	// Hold the next group's write: a read that may show it waits for it.
	release := make(chan struct{})
	var once, released sync.Once
	ec2emu.BeforeWrite(s, func() { once.Do(func() { <-release }) })
	defer released.Do(func() { close(release) }) // if the test fails first
	created, described := make(chan string), make(chan string)
	answer := func(ch chan<- string, body string) {
		_, doc := post(s, alice, "us-east-1", body)
		ch <- doc
	}
	go answer(created, "Action=CreateVpc&CidrBlock=10.2.0.0/16")
	for !strings.Contains(ec2emu.StateOf(s), "10.2.0.0/16") { // served, and waiting
		time.Sleep(time.Millisecond)
	}
	go answer(described, "Action=DescribeVpcs")
	select {
	case doc := <-created:
		t.Fatalf("CreateVpc answered before its record was written:\n%s", doc)
	case doc := <-described:
		t.Fatalf("DescribeVpcs answered before the VPC it may show was durable:\n%s", doc)
	case <-time.After(200 * time.Millisecond):
	}
	released.Do(func() { close(release) })
	if doc := <-created; !strings.Contains(doc, "10.2.0.0/16") {
		t.Fatalf("CreateVpc answered %s", doc)
	}
	if doc := <-described; !strings.Contains(doc, "10.2.0.0/16") {
		t.Fatalf("DescribeVpcs answered %s", doc)
	}
}

// TestStateOptions refuses a random source a snapshot cannot record, a
// body a record cannot hold, and a directory another server holds.
func TestStateOptions(t *testing.T) {
	dir := t.TempDir()
	_, err := ec2emu.Open(dir, ec2emu.Options{Random: bytes.NewReader(nil)})
	if err == nil || !strings.Contains(err.Error(), "Options.Random is a *bytes.Reader; a server that keeps its state needs a *rand.ChaCha8") {
		t.Fatalf("Open with a bytes.Reader: %v", err)
	}
	if _, err := ec2emu.Open(dir, ec2emu.Options{MaxBodyBytes: 1 << 30}); err == nil {
		t.Fatal("Open with a 1 GiB body limit succeeded")
	}
	s, _ := openState(t, dir, newWall())
	if _, err := ec2emu.Open(dir, ec2emu.Options{}); err == nil || !strings.Contains(err.Error(), "is locked") {
		t.Fatalf("a second Open of %s: %v", dir, err)
	}
	s.Close()
	openState(t, dir, newWall()) // Close released it
}

// TestStateCloudVersions restores snapshots whose Cloud stream is of each
// encoding version vpcmodel reads (its fixtures: one Cloud, holding every
// kind, written by each version's writer, and an older, smaller Cloud
// written by the first): the fixtures of one Cloud restore the same state. A snapshot whose Cloud
// stream is of a later version is refused, naming the file and the offset
// and saying which versions this build reads.
func TestStateCloudVersions(t *testing.T) {
	wall := newWall()
	// withCloud returns a state directory whose snapshot holds the Cloud
	// stream, framed as the server frames it.
	withCloud := func(stream []byte) string {
		t.Helper()
		dir := t.TempDir()
		s, err := ec2emu.Open(dir, openOpts(wall, io.Discard))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "snapshot")
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := wal.NewReader(f, path, "VPCEMUSN")
		if err != nil {
			t.Fatal(err)
		}
		meta, err := r.Next()
		if err != nil || meta[0] != 'm' {
			t.Fatalf("the snapshot starts with %q, %v", meta, err)
		}
		b := wal.AppendHeader(nil, "VPCEMUSN", r.Generation())
		b = wal.AppendRecord(b, meta)
		b = wal.AppendRecord(b, append([]byte{'c'}, stream...))
		b = wal.AppendRecord(b, binary.AppendUvarint([]byte{'e'}, uint64(len(stream))))
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	// Each group holds one Cloud as writers of several versions wrote it;
	// the current version's fixture holds kinds the older ones do not.
	var stream []byte
	for _, group := range [][]string{{"cloud-v1.stream"}, {"cloud-v1-late.stream"}, {fmt.Sprintf("cloud-v%d.stream", vpcmodel.EncodingVersion)}} {
		var want string
		for _, name := range group {
			var err error
			if stream, err = os.ReadFile(filepath.Join("../../../testdata", name)); err != nil {
				t.Fatal(err)
			}
			s, _ := openState(t, withCloud(stream), wall)
			got := ec2emu.StateOf(s)
			if !strings.Contains(got, "vpc-89f8fd34e24583ea2") {
				t.Fatalf("%s: the restored state lacks the fixture's VPC:\n%s", name, got)
			}
			if want == "" {
				want = got
			} else if got != want {
				t.Fatalf("%s restores another state than %s:\n%s", name, group[0], cmp.Diff(want, got))
			}
		}
	}
	later := bytes.Replace(stream, fmt.Appendf(nil, `"version":%d`, vpcmodel.EncodingVersion), fmt.Appendf(nil, `"version":%d`, vpcmodel.EncodingVersion+1), 1)
	dir := withCloud(later)
	_, err := ec2emu.Open(dir, openOpts(wall, io.Discard))
	msg := fmt.Sprintf("encoding version %d; this version of vpcmodel reads versions 1 to %d", vpcmodel.EncodingVersion+1, vpcmodel.EncodingVersion)
	var we *wal.Error
	if !errors.As(err, &we) || we.File != filepath.Join(dir, "snapshot") || we.Offset <= 0 || !strings.Contains(err.Error(), msg) {
		t.Fatalf("Open of a later Cloud version = %v, want a *wal.Error naming the snapshot and an offset, saying %q", err, msg)
	}
}
