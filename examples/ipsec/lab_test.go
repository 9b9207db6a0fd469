package ipsec_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Environment variables the test reads. .ci/setup sets them after it
// installs strongSwan.
const (
	// envCharon names the charon daemon; default: the first of charonPaths.
	envCharon = "VPCMODEL_CHARON"
	// envRequire, when "1", turns a missing strongSwan into a failure
	// instead of a skip: CI sets it once the install succeeded, so the test
	// cannot skip silently there.
	envRequire = "VPCMODEL_IPSEC_REQUIRE"
)

// charonPaths are where distributions install charon.
var charonPaths = []string{"/usr/lib/ipsec/charon", "/usr/libexec/ipsec/charon", "/usr/lib/strongswan/charon", "/usr/libexec/strongswan/charon"}

// nsPrefix starts the name of every network namespace the test creates,
// followed by the test process's PID, so that a later run can tell its own
// namespaces from a crashed run's leftovers.
const nsPrefix = "vpcmodel-ipsec-"

// tools is what the lab needs from the machine.
type tools struct {
	ip, swanctl, charon, unshare string
}

// needTools skips (or, under envRequire, fails) unless the test runs as
// root with ip netns, unshare, swanctl, charon and charon's userspace IPsec
// backend available.
func needTools(t *testing.T) tools {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces")
	}
	var tl tools
	var err error
	if tl.ip, err = exec.LookPath("ip"); err != nil {
		t.Skip("ip (iproute2) not installed")
	}
	if out, err := exec.Command(tl.ip, "netns", "list").CombinedOutput(); err != nil {
		t.Skipf("ip netns unavailable: %v: %s", err, out)
	}
	if tl.unshare, err = exec.LookPath("unshare"); err != nil {
		t.Skip("unshare (util-linux) not installed")
	}
	missing := func(format string, args ...any) {
		t.Helper()
		if os.Getenv(envRequire) == "1" {
			t.Fatalf(format+" (and %s=1 says it was installed)", append(args, envRequire)...)
		}
		t.Skipf(format, args...)
	}
	if tl.swanctl, err = exec.LookPath("swanctl"); err != nil {
		missing("strongSwan not installed: no swanctl (Debian: strongswan-swanctl)")
	}
	tl.charon = os.Getenv(envCharon)
	for _, p := range charonPaths {
		if tl.charon != "" {
			break
		}
		if _, err := os.Stat(p); err == nil {
			tl.charon = p
		}
	}
	if tl.charon == "" {
		missing("strongSwan not installed: no charon (Debian: strongswan-charon)")
	}
	if _, err := os.Stat(tl.charon); err != nil {
		missing("strongSwan's charon not found: %v", err)
	}
	plugin := filepath.Join(filepath.Dir(tl.charon), "plugins", "libstrongswan-kernel-libipsec.so")
	if _, err := os.Stat(plugin); err != nil {
		missing("charon's kernel-libipsec plugin not installed (Debian: libcharon-extra-plugins): %v", err)
	}
	if _, err := os.Stat("/dev/net/tun"); err != nil {
		t.Skipf("no TUN device for charon's userspace IPsec: %v", err)
	}
	return tl
}

// run runs a command with a deadline and returns its standard output.
// Standard error goes only into the error: strongSwan's tools write
// warnings there (a plugin that is not installed, a credential directory
// that does not exist) that say nothing about whether the command did its
// work, and that would corrupt output read as data.
func run(ctx context.Context, timeout time.Duration, env []string, name string, args ...string) (string, error) {
	stdout, _, err := runSplit(ctx, timeout, env, name, args...)
	return stdout, err
}

// runSplit is run, also returning standard error.
func runSplit(ctx context.Context, timeout time.Duration, env []string, name string, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		said := bytes.TrimSpace(append(errOut.Bytes(), out.Bytes()...))
		return out.String(), errOut.String(), fmt.Errorf("%s %s: %w: %s", filepath.Base(name), strings.Join(args, " "), err, said)
	}
	return out.String(), errOut.String(), nil
}

// lab is two network namespaces joined by a veth pair: the customer
// gateway's (its outside address on cgw0) and AWS's (both tunnels' outside
// addresses on aws0), each with its own charon. Nothing leaves them: the
// addresses are documentation addresses routed only over the veth.
type lab struct {
	t        *testing.T
	tools    tools
	customer *node
	aws      *node
}

// node is one namespace and its charon.
type node struct {
	lab  *lab
	ns   string
	dir  string // strongswan.conf, swanctl.conf, charon.log, the vici socket
	conf string
	uri  string
	log  string
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
	// started is set once the cleanups that stop charon are registered.
	started bool
}

// cleanStale removes namespaces (and the processes in them) and temporary
// directories left by earlier runs of this test whose process is gone.
func cleanStale(t *testing.T, tl tools) {
	if out, err := exec.Command(tl.ip, "netns", "list").Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
			if stale(name) {
				t.Logf("removing namespace %s left by an earlier run", name)
				killNamespace(tl, name)
			}
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), nsPrefix+"*"))
	for _, dir := range dirs {
		if stale(filepath.Base(dir)) {
			t.Logf("removing %s left by an earlier run", dir)
			_ = os.RemoveAll(dir)
		}
	}
}

// stale reports whether name is one of ours, made by a process that is gone.
func stale(name string) bool {
	rest, ok := strings.CutPrefix(name, nsPrefix)
	if !ok {
		return false
	}
	pidText, _, _ := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(pidText)
	return err == nil && pid != os.Getpid() && syscall.Kill(pid, 0) != nil
}

// killNamespace ends every process in the namespace, each by its PID, then
// deletes the namespace.
func killNamespace(tl tools, name string) {
	if out, err := exec.Command(tl.ip, "netns", "pids", name).Output(); err == nil {
		for _, f := range strings.Fields(string(out)) {
			if pid, err := strconv.Atoi(f); err == nil {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	}
	_ = exec.Command(tl.ip, "netns", "del", name).Run()
}

// newLab builds the namespaces and the link between them. tag keeps the
// names of parallel subtests apart.
func newLab(t *testing.T, tl tools, tag string, customer netip.Addr, aws []netip.Addr) *lab {
	t.Helper()
	cleanStale(t, tl)
	ctx := t.Context()
	base := fmt.Sprintf("%s%d-%s", nsPrefix, os.Getpid(), tag)
	// Not t.TempDir: a directory named like the namespaces can be found
	// and removed by a later run if this one is killed.
	dir, err := os.MkdirTemp("", base+"-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	l := &lab{t: t, tools: tl}
	l.customer = &node{lab: l, ns: base + "-cgw", dir: filepath.Join(dir, "cgw")}
	l.aws = &node{lab: l, ns: base + "-aws", dir: filepath.Join(dir, "aws")}
	for _, n := range []*node{l.customer, l.aws} {
		killNamespace(tl, n.ns) // a leftover of the same name, if any
		if err := os.MkdirAll(filepath.Join(n.dir, "run"), 0o700); err != nil {
			t.Fatal(err)
		}
		if _, err := run(ctx, 5*time.Second, nil, tl.ip, "netns", "add", n.ns); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { killNamespace(tl, n.ns) })
	}
	cmds := [][]string{
		{"link", "add", "cgw0", "netns", l.customer.ns, "type", "veth", "peer", "name", "aws0", "netns", l.aws.ns},
		{"-n", l.customer.ns, "link", "set", "lo", "up"},
		{"-n", l.aws.ns, "link", "set", "lo", "up"},
		{"-n", l.customer.ns, "addr", "add", customer.String() + "/32", "dev", "cgw0"},
		{"-n", l.customer.ns, "link", "set", "cgw0", "up"},
		{"-n", l.aws.ns, "link", "set", "aws0", "up"},
		{"-n", l.aws.ns, "route", "add", customer.String() + "/32", "dev", "aws0"},
	}
	for _, a := range aws {
		cmds = append(cmds,
			[]string{"-n", l.aws.ns, "addr", "add", a.String() + "/32", "dev", "aws0"},
			[]string{"-n", l.customer.ns, "route", "add", a.String() + "/32", "dev", "cgw0"})
	}
	for _, c := range cmds {
		if _, err := run(ctx, 5*time.Second, nil, tl.ip, c...); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// charonPlugins are the plugins charon loads, kernel-libipsec before
// kernel-netlink so that it handles the SAs. Each is in Debian's
// libstrongswan, libstrongswan-standard-plugins, strongswan-charon or
// libcharon-extra-plugins; none offers more than EC2 negotiates (no
// curve25519: EC2 has no DH group 31).
const charonPlugins = "random nonce openssl pem pkcs1 x509 revocation constraints pubkey aes sha1 sha2 hmac gcm kdf kernel-libipsec kernel-netlink socket-default vici"

// swanctlPlugins are the plugins swanctl loads. Without a list it tries its
// compiled-in default, which names plugins a distribution may not install
// (Debian 12 lacks test-vectors, ldap, pkcs11, gcrypt, curve25519, ...),
// and warns on standard error about each. It needs none to load
// pre-shared keys; these parse certificates and keys, should a
// configuration bring any.
const swanctlPlugins = "pem pkcs1 pkcs8 x509 revocation constraints pubkey openssl random"

// strongswanConf is each charon's configuration. kernel-libipsec does ESP
// in userspace over a TUN device (ipsec0), because the kernels this runs on
// may lack ESP and XFRM interfaces; it forces UDP encapsulation and routes
// all traffic of the namespace into ipsec0 through table 220, so charon
// marks its own IKE and ESP-in-UDP packets and the rule skips them.
// Retransmissions are shortened (about 7 s in all instead of 165 s), so a
// dead peer is declared quickly. swanctl and starter read the same file.
const strongswanConf = `charon {
  load = %s
  install_virtual_ip = no
  retransmit_tries = 3
  retransmit_timeout = 1.0
  retransmit_base = 1.4
  plugins {
    kernel-netlink {
      fwmark = !0x4d1
    }
    socket-default {
      fwmark = 0x4d1
    }
    vici {
      socket = %s
    }
  }
  filelog {
    charon {
      path = %s
      time_format = %%T
      flush_line = yes
      default = 1
      ike = 2
      cfg = 2
    }
  }
}
swanctl {
  load = %s
}
starter {
  # The charon load list above is deliberate.
  load_warning = no
}
`

// start starts the node's charon and waits until its vici socket answers.
func (n *node) start() {
	n.lab.t.Helper()
	n.launch("", n.lab.tools.charon)
}

// startStarter starts charon the ipsec.conf way: starter reads ipsecConf,
// starts charon and hands it the connections over the stroke interface;
// charon's stroke plugin reads ipsecSecrets as /etc/ipsec.secrets. swanctl
// still talks to charon over vici.
func (n *node) startStarter(ipsecConf, ipsecSecrets string) {
	t := n.lab.t
	t.Helper()
	if _, err := os.Stat("/etc/ipsec.secrets"); err != nil {
		t.Skipf("no /etc/ipsec.secrets to mount the rendered secrets over (Debian: strongswan-starter): %v", err)
	}
	starter := filepath.Join(filepath.Dir(n.lab.tools.charon), "starter")
	if _, err := os.Stat(starter); err != nil {
		t.Skipf("strongSwan's starter not installed (Debian: strongswan-starter): %v", err)
	}
	conf, secrets := filepath.Join(n.dir, "ipsec.conf"), filepath.Join(n.dir, "ipsec.secrets")
	if err := os.WriteFile(conf, []byte(ipsecConf), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(secrets, []byte(ipsecSecrets), 0o600); err != nil {
		t.Fatal(err)
	}
	n.launch(secrets, starter, "--nofork", "--conf", conf)
}

// launch runs argv in the node's namespace with STRONGSWAN_CONF set, in a
// private mount namespace: charon insists on /var/run/charon.pid, so each
// daemon gets its own /run; a non-empty secrets file is mounted over
// /etc/ipsec.secrets (and the stroke plugin loaded).
func (n *node) launch(secrets string, argv ...string) {
	t := n.lab.t
	t.Helper()
	n.conf = filepath.Join(n.dir, "strongswan.conf")
	n.uri = "unix://" + filepath.Join(n.dir, "charon.vici")
	n.log = filepath.Join(n.dir, "charon.log")
	// $1 is the /run to mount, $2 the secrets (or ""), $3 the program and
	// the rest its arguments.
	plugins := charonPlugins
	script := `mount --bind "$1" /run && prog="$3" && shift 3 && exec "$prog" "$@"`
	if secrets != "" {
		plugins += " stroke"
		script = `mount --bind "$2" /etc/ipsec.secrets && ` + script
	}
	if err := os.WriteFile(n.conf, fmt.Appendf(nil, strongswanConf, plugins, n.uri, n.log, swanctlPlugins), 0o600); err != nil {
		t.Fatal(err)
	}
	tl := n.lab.tools
	args := []string{"netns", "exec", n.ns, tl.unshare, "--mount", "--",
		"sh", "-c", script, "sh", filepath.Join(n.dir, "run"), secrets}
	n.cmd = exec.Command(tl.ip, append(args, argv...)...)
	n.cmd.Env = append(os.Environ(), "STRONGSWAN_CONF="+n.conf)
	var stderr bytes.Buffer
	n.cmd.Stdout, n.cmd.Stderr = &stderr, &stderr
	if err := n.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	n.done = done
	go func(cmd *exec.Cmd) { _ = cmd.Wait(); close(done) }(n.cmd)
	if !n.started {
		n.started = true
		t.Cleanup(n.stop)
		t.Cleanup(func() {
			if t.Failed() {
				logTail(t, n.ns, n.log)
			}
		})
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := n.swanctl(2*time.Second, "--stats"); err == nil {
			break
		}
		select {
		case <-n.done:
			t.Fatalf("charon in %s exited: %s", n.ns, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("charon in %s did not open its vici socket within 10s", n.ns)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// kernel-libipsec creates ipsec0 when it loads.
	if _, err := run(t.Context(), 2*time.Second, nil, tl.ip, "-n", n.ns, "link", "show", "ipsec0"); err != nil {
		t.Fatalf("charon in %s has no ipsec0 TUN device: %v", n.ns, err)
	}
}

// crash kills charon at once, as a failing host would lose it: no IKE
// delete is sent and all SAs are lost.
func (n *node) crash() {
	_ = n.cmd.Process.Kill()
	<-n.done
}

// stop ends charon: SIGTERM, then SIGKILL after five seconds.
func (n *node) stop() {
	if n.cmd == nil || n.cmd.Process == nil {
		return
	}
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.done:
	case <-time.After(5 * time.Second):
		_ = n.cmd.Process.Kill()
		<-n.done
	}
}

func logTail(t *testing.T, who, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 80 {
		lines = lines[len(lines)-80:]
	}
	t.Logf("charon log of %s (last %d lines):\n%s", who, len(lines), strings.Join(lines, "\n"))
}

// swanctl runs swanctl against this node's charon and returns its standard
// output.
func (n *node) swanctl(timeout time.Duration, args ...string) (string, error) {
	stdout, _, err := n.swanctlSplit(timeout, args...)
	return stdout, err
}

// swanctlSplit is swanctl, also returning standard error.
func (n *node) swanctlSplit(timeout time.Duration, args ...string) (stdout, stderr string, err error) {
	return runSplit(n.lab.t.Context(), timeout, []string{"STRONGSWAN_CONF=" + n.conf},
		n.lab.tools.swanctl, append(args, "--uri", n.uri)...)
}

// load writes conf as the node's swanctl.conf and loads its connections
// and secrets. It returns an error unless swanctl exits 0 and reports every
// connection and shared secret conf defines as loaded (checkLoad; its error
// wraps errNotLoaded). Warnings on standard error, such as plugins that are
// not installed, do not count.
func (n *node) load(conf string) error {
	path := filepath.Join(n.dir, "swanctl.conf")
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		return err
	}
	stdout, stderr, runErr := n.swanctlSplit(10*time.Second, "--load-all", "--noprompt", "--file", path)
	if runErr != nil {
		return fmt.Errorf("%s: loading swanctl.conf: %w", n.ns, runErr) // with swanctl's output
	}
	names, err := parseSwanctlConf(conf)
	if err != nil {
		err = fmt.Errorf("reading the configuration: %v: %w", err, errNotLoaded)
	} else {
		err = checkLoad(names, stdout)
	}
	if err != nil {
		return fmt.Errorf("%s: loading swanctl.conf: %w\nswanctl's output:\n%s\nswanctl's standard error:\n%s",
			n.ns, err, strings.TrimSpace(stdout), strings.TrimSpace(stderr))
	}
	return nil
}

// mustLoad is load, failing the test on an error.
func (n *node) mustLoad(conf string) {
	n.lab.t.Helper()
	if err := n.load(conf); err != nil {
		n.lab.t.Fatal(err)
	}
}

// sas returns the node's IKE SAs.
func (n *node) sas() []ikeSA {
	t := n.lab.t
	t.Helper()
	out, err := n.swanctl(5*time.Second, "--list-sas", "--pretty")
	if err != nil {
		t.Fatal(err)
	}
	sas, err := parseSAs(out)
	if err != nil {
		t.Fatalf("parsing swanctl --list-sas: %v\n%s", err, out)
	}
	return sas
}

// conns returns the node's loaded connections.
func (n *node) conns() []ikeConn {
	t := n.lab.t
	t.Helper()
	out, err := n.swanctl(5*time.Second, "--list-conns", "--pretty")
	if err != nil {
		t.Fatal(err)
	}
	conns, err := parseConns(out)
	if err != nil {
		t.Fatalf("parsing swanctl --list-conns: %v\n%s", err, out)
	}
	return conns
}

// ip runs ip in the node's namespace.
func (n *node) ip(args ...string) {
	t := n.lab.t
	t.Helper()
	if _, err := run(t.Context(), 5*time.Second, nil, n.lab.tools.ip, append([]string{"-n", n.ns}, args...)...); err != nil {
		t.Fatal(err)
	}
}

// errTimeout reports a bounded wait that ran out.
var errTimeout = errors.New("timed out")

// waitFor polls cond every 50 ms until it holds or timeout passes.
func waitFor(timeout time.Duration, cond func() bool) error {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return errTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}
