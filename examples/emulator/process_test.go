package main_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// The tests in this file run the emulator as a program, built once per
// test binary, the way a developer or CI job runs it: as a child process on
// a loopback port, stopped by signals, SIGKILL included.

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	// The package's parallel tests are the Terraform stacks, which wait on
	// child processes and the provider's waiters rather than on this
	// process's CPUs: run them all at once unless -test.parallel says
	// otherwise, so that each stack added does not lengthen the package.
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(runtime.GOMAXPROCS(0), 8)))
	}
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// emulatorBinary builds the emulator once and returns its path.
func emulatorBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "emulator-test-"); buildErr != nil {
			return
		}
		// go test puts the go command that runs it first on PATH.
		cmd := exec.Command("go", "build", "-o", filepath.Join(buildDir, "emulator"), ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return filepath.Join(buildDir, "emulator")
}

// emulator is one running emulator process.
type emulator struct {
	t      *testing.T
	cmd    *exec.Cmd
	url    string
	mu     sync.Mutex
	stderr bytes.Buffer
	exited chan struct{}
	err    error // Wait's, once exited is closed
}

// startEmulator runs the emulator with args on a free loopback port and
// returns once it serves. The process is killed when the test ends.
func startEmulator(t *testing.T, configure func(*exec.Cmd), args ...string) *emulator {
	t.Helper()
	e := &emulator{t: t, exited: make(chan struct{})}
	e.cmd = exec.Command(emulatorBinary(t), append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	if configure != nil {
		configure(e.cmd)
	}
	pipe, err := e.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.kill() })
	serving := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			line := sc.Text()
			e.mu.Lock()
			e.stderr.WriteString(line + "\n")
			e.mu.Unlock()
			if _, addr, ok := strings.Cut(line, "serving the EC2 Query API on "); ok {
				serving <- addr
			}
		}
		e.err = e.cmd.Wait()
		close(e.exited)
	}()
	select {
	case e.url = <-serving:
		return e
	case <-e.exited:
		t.Fatalf("the emulator exited before serving: %v\n%s", e.err, e.log())
	case <-time.After(60 * time.Second):
		t.Fatalf("the emulator did not start serving in 60s:\n%s", e.log())
	}
	return nil
}

// log returns what the emulator wrote to stderr so far.
func (e *emulator) log() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.stderr.String()
}

// kill sends SIGKILL and waits for the process to go.
func (e *emulator) kill() {
	_ = e.cmd.Process.Signal(syscall.SIGKILL)
	<-e.exited
}

// stop sends SIGTERM and fails the test unless the emulator exits cleanly.
func (e *emulator) stop() {
	e.t.Helper()
	if err := e.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		e.t.Fatal(err)
	}
	select {
	case <-e.exited:
	case <-time.After(60 * time.Second):
		e.t.Fatalf("the emulator did not stop within 60s of SIGTERM:\n%s", e.log())
	}
	if e.err != nil {
		e.t.Fatalf("the emulator stopped with %v:\n%s", e.err, e.log())
	}
}

// runEmulator runs the emulator to its exit and returns its status and
// what it wrote to stderr; it must exit within a minute.
func runEmulator(t *testing.T, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, emulatorBinary(t), append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee) && ee.Exited():
		return ee.ExitCode(), stderr.String()
	}
	t.Fatalf("emulator %v: %v\n%s", args, err, stderr.String())
	return 0, ""
}

// post sends a Query API request in account's name and returns the status
// and body.
func (e *emulator) post(account, body string) (int, string, error) {
	req, err := http.NewRequest("POST", e.url+"/", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("x-moto-account-id", account)
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// admin sends a request to an /_emulator/ endpoint and returns the body.
func (e *emulator) admin(method, path string, form url.Values) (string, error) {
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := httpClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return strings.TrimSpace(string(b)), err
}

// clock reads the emulator's clock.
func (e *emulator) clock() (time.Time, error) {
	s, err := e.admin("GET", "/_emulator/clock", nil)
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339Nano, s)
}

var httpClient = &http.Client{Timeout: 30 * time.Second}

// client returns an SDK client of the emulator for account in region, with
// retries off: a request the emulator did not answer is an error, not a
// second attempt.
func (e *emulator) client(account, region string) *ec2.Client {
	return ec2.New(ec2.Options{
		Region:       region,
		BaseEndpoint: aws.String(e.url),
		Credentials:  credentials.NewStaticCredentialsProvider(account, "secret", ""),
		Retryer:      aws.NopRetryer{},
		HTTPClient:   &http.Client{Timeout: 30 * time.Second, Transport: bufferedTransport{http.DefaultTransport}},
	})
}

// bufferedTransport reads each response body in full before the SDK sees
// it; see bufferedTransport in ec2emu's tests (aws/aws-sdk-go-v2#2737).
type bufferedTransport struct{ rt http.RoundTripper }

func (b bufferedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := b.rt.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}
