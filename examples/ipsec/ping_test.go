package ipsec_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// envPing makes the test binary a ping helper: "src dst count". The test
// runs itself with it inside a namespace (ip netns exec), so that the echo
// requests start from the customer's inside address in that namespace.
const envPing = "VPCMODEL_IPSEC_PING"

func TestMain(m *testing.M) {
	if args := os.Getenv(envPing); args != "" {
		os.Exit(pingMain(args))
	}
	os.Exit(m.Run())
}

// pingMain sends count ICMP echo requests from src to dst, one at a time,
// each waiting up to a second for its reply, and prints how many replies
// came back: "received N".
func pingMain(args string) int {
	f := strings.Fields(args)
	if len(f) != 3 {
		fmt.Fprintln(os.Stderr, "ping helper: want src dst count")
		return 2
	}
	src, err1 := netip.ParseAddr(f[0])
	dst, err2 := netip.ParseAddr(f[1])
	count, err3 := strconv.Atoi(f[2])
	if err := errors.Join(err1, err2, err3); err != nil {
		fmt.Fprintln(os.Stderr, "ping helper:", err)
		return 2
	}
	received, err := ping(src, dst, count)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ping helper:", err)
		return 1
	}
	fmt.Printf("received %d\n", received)
	return 0
}

// ping sends ICMP echo requests over a raw socket bound to src.
func ping(src, dst netip.Addr, count int) (int, error) {
	c, err := net.ListenPacket("ip4:icmp", src.String())
	if err != nil {
		return 0, err
	}
	defer c.Close()
	id := uint16(os.Getpid())
	received := 0
	buf := make([]byte, 1500)
	for seq := 1; seq <= count; seq++ {
		req := echoRequest(id, uint16(seq), []byte("vpcmodel ipsec probe"))
		if _, err := c.WriteTo(req, &net.IPAddr{IP: dst.AsSlice()}); err != nil {
			return received, err
		}
		deadline := time.Now().Add(time.Second)
		for {
			if err := c.SetReadDeadline(deadline); err != nil {
				return received, err
			}
			n, from, err := c.ReadFrom(buf)
			if err != nil {
				break // this request timed out; try the next
			}
			// The raw socket sees every ICMP packet of the namespace; keep
			// only our echo reply from dst.
			if from.(*net.IPAddr).IP.Equal(dst.AsSlice()) && isEchoReply(buf[:n], id, uint16(seq)) {
				received++
				break
			}
		}
	}
	return received, nil
}

func echoRequest(id, seq uint16, payload []byte) []byte {
	b := make([]byte, 8+len(payload))
	b[0] = 8 // echo request
	binary.BigEndian.PutUint16(b[4:], id)
	binary.BigEndian.PutUint16(b[6:], seq)
	copy(b[8:], payload)
	binary.BigEndian.PutUint16(b[2:], checksum(b))
	return b
}

func isEchoReply(b []byte, id, seq uint16) bool {
	return len(b) >= 8 && b[0] == 0 && b[1] == 0 &&
		binary.BigEndian.Uint16(b[4:]) == id && binary.BigEndian.Uint16(b[6:]) == seq
}

// checksum is the Internet checksum (RFC 1071).
func checksum(b []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// pingIn runs the ping helper in the node's namespace and returns how many
// of count echo requests were answered.
func (n *node) ping(src, dst netip.Addr, count int) int {
	t := n.lab.t
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := run(t.Context(), time.Duration(count+5)*time.Second,
		[]string{fmt.Sprintf("%s=%s %s %d", envPing, src, dst, count)},
		n.lab.tools.ip, "netns", "exec", n.ns, exe, "-test.run=^$")
	if err != nil {
		t.Fatalf("ping %s -> %s in %s: %v", src, dst, n.ns, err)
	}
	var got int
	if _, err := fmt.Sscanf(strings.TrimSpace(out), "received %d", &got); err != nil {
		t.Fatalf("ping helper said %q", out)
	}
	return got
}
