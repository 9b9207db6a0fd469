package ec2emu_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// env is one emulator under test, served in-process, with a fake wall
// clock. It keeps its state in a directory, and when the test ends, the
// state restored from a copy of that directory, as kill -9 would leave it,
// must be the state the emulator had: every test's calls are replayed.
//
// Before the two are compared, both answer DescribeRouteTables for every
// caller the test made a client for. The Cloud brings a route table up to
// date with its targets when the table is read (a route to a deleted
// connection turns blackhole) and keeps the result, but Cloud.Version does
// not count that, so the log does not hold it: a restored table is as the
// last logged change left it until its next read, which refreshes it as
// the served one was refreshed.
type env struct {
	t   *testing.T
	srv *httptest.Server
	ctx context.Context

	mu      sync.Mutex
	now     time.Time
	callers map[[2]string]bool // account, Region
}

var epoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, now: epoch, ctx: context.Background(), callers: map[[2]string]bool{{ec2emu.DefaultAccount, ec2emu.DefaultRegion}: true}}
	opts := func() ec2emu.Options {
		return ec2emu.Options{Now: e.wall, Random: rand.NewChaCha8([32]byte{1, 2, 3}), Log: log.New(io.Discard, "", 0)}
	}
	dir := t.TempDir()
	h, err := ec2emu.Open(dir, opts())
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(func() {
		e.srv.Close()
		defer h.Close()
		if t.Failed() {
			return
		}
		restored, err := ec2emu.Open(crashCopy(t, dir), opts())
		if err != nil {
			t.Fatalf("restoring the state: %v", err)
		}
		defer restored.Close()
		e.mu.Lock()
		callers := slices.SortedFunc(maps.Keys(e.callers), func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
		e.mu.Unlock()
		for _, c := range callers {
			for _, s := range []http.Handler{h, restored} {
				if code, doc := post(s, c[0], c[1], "Action=DescribeRouteTables"); code != http.StatusOK {
					t.Fatalf("DescribeRouteTables as %s in %s: %d %s", c[0], c[1], code, doc)
				}
			}
		}
		if diff := cmp.Diff(ec2emu.StateOf(h), ec2emu.StateOf(restored)); diff != "" {
			t.Fatalf("state restored from the log mismatch (-served +restored):\n%s", diff)
		}
	})
	return e
}

func (e *env) wall() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

// client returns an SDK client for account in region, as a real program
// would build it: static credentials, a base endpoint, no retries.
func (e *env) client(account, region string) *ec2.Client {
	e.mu.Lock()
	e.callers[[2]string{account, region}] = true
	e.mu.Unlock()
	return ec2.New(ec2.Options{
		Region:       region,
		BaseEndpoint: aws.String(e.srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(account, "secret", ""),
		Retryer:      aws.NopRetryer{},
		HTTPClient:   &http.Client{Transport: bufferedTransport{e.srv.Client().Transport}},
	})
}

// rds, elasticache and redshift return clients of those services for
// account in region, built as client builds an EC2 one.
func (e *env) rds(account, region string) *rds.Client {
	c := e.client(account, region)
	return rds.New(rds.Options{Region: region, BaseEndpoint: aws.String(e.srv.URL), Credentials: c.Options().Credentials,
		Retryer: aws.NopRetryer{}, HTTPClient: c.Options().HTTPClient})
}

func (e *env) elasticache(account, region string) *elasticache.Client {
	c := e.client(account, region)
	return elasticache.New(elasticache.Options{Region: region, BaseEndpoint: aws.String(e.srv.URL), Credentials: c.Options().Credentials,
		Retryer: aws.NopRetryer{}, HTTPClient: c.Options().HTTPClient})
}

func (e *env) redshift(account, region string) *redshift.Client {
	c := e.client(account, region)
	return redshift.New(redshift.Options{Region: region, BaseEndpoint: aws.String(e.srv.URL), Credentials: c.Options().Credentials,
		Retryer: aws.NopRetryer{}, HTTPClient: c.Options().HTTPClient})
}

// bufferedTransport reads each response body in full before handing the
// response to the SDK. smithy-go closes the request body as soon as the
// client returns the response headers, which can race net/http's write loop
// and close the connection under a body still being read
// (aws/aws-sdk-go-v2#2737, answered there by retrying net.ErrClosed). These
// tests run with retries off, so they take that client-side race out of
// play instead; the bytes the SDK parses are the server's, unchanged.
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

// advance moves the emulator's clock through its admin endpoint.
func (e *env) advance(d time.Duration) time.Time {
	e.t.Helper()
	resp, err := http.PostForm(e.srv.URL+"/_emulator/clock", url.Values{"advance": {d.String()}})
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("POST /_emulator/clock advance=%v: %d %s", d, resp.StatusCode, body)
	}
	now, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(body)))
	if err != nil {
		e.t.Fatalf("clock answer %q: %v", body, err)
	}
	return now
}

// wantCode fails unless err is an API error with the given EC2 code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want API error %s", err, code)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("error code = %s (%s), want %s", ae.ErrorCode(), ae.ErrorMessage(), code)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

const (
	alice = "111111111111"
	bob   = "222222222222"
)
