package ec2emu

import (
	"bytes"
	crand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vpclab/vpcmodel"
)

// DefaultAccount is the caller's account when a request names none.
const DefaultAccount = "000000000000"

// DefaultRegion is the caller's Region when a request's signature names none.
const DefaultRegion = "us-east-1"

// largeResponse and largeResponseDelay hold back a response too large to
// fit in a client's first read. The AWS SDK for Go v2 closes the request
// body as soon as the response headers arrive; when an answer comes back
// faster than net/http's write loop finishes with that body (a fast local
// server, a loaded machine), the write loop fails and closes the connection
// under the unread rest of the response, and a client without retries sees
// "use of closed network connection" (aws/aws-sdk-go-v2#2737). Real EC2 is
// never that fast. Small responses arrive whole in the first read and are
// not delayed.
const (
	largeResponse      = 3 << 10
	largeResponseDelay = 5 * time.Millisecond
)

// DefaultMaxBodyBytes bounds a request body when Options.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 1 << 20

// Options configure a Server. The zero value is ready to use: the wall
// clock, randomness seeded from crypto/rand, no request log and a 1 MiB body
// limit.
type Options struct {
	// Now is the wall clock; the server's clock is Now plus the offset moved
	// by POST /_emulator/clock. Nil means time.Now.
	Now func() time.Time
	// Random is where resource IDs, pre-shared keys and addresses come from.
	// It is read only while the server's lock is held. Nil means a ChaCha8
	// stream seeded from crypto/rand; pass rand.NewChaCha8(seed) for
	// reproducible IDs.
	Random io.Reader
	// Log receives one line per request and every recovered panic. Nil logs
	// panics to the standard logger and requests nowhere.
	Log *log.Logger
	// MaxBodyBytes bounds a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// CompactBytes is the size of the write-ahead log past which a server
	// made by Open writes a new snapshot; 0 means DefaultCompactBytes.
	CompactBytes int64
	// CompactReplay is the time the calls in the write-ahead log took to
	// serve past which a server made by Open writes a new snapshot, so
	// that replaying the log after a crash takes about that long; 0 means
	// DefaultCompactReplay.
	CompactReplay time.Duration
}

// Server is an EC2 Query API endpoint backed by vpcmodel. It is safe for
// concurrent use; requests are served one at a time against its state, so
// every action is atomic. Build it with New, or with Open to keep its
// state in a directory.
type Server struct {
	now     func() time.Time
	log     *log.Logger
	maxBody int64
	seq     atomic.Uint64 // request IDs

	random io.Reader
	rng    *rand.ChaCha8 // random, when it is one: what a snapshot records

	// mu serialises every call to the Cloud and guards the fields below:
	// what a call changes and what it logs happen in the same order.
	mu     sync.Mutex
	offset time.Duration
	floor  time.Time // the latest instant the clock has answered
	cloud  *vpcmodel.Cloud
	store  *store // nil without a state directory
	closed bool
}

// New returns a Server with empty state, which it keeps in memory only.
func New(o Options) *Server {
	s := newServer(o)
	s.cloud = s.newCloud()
	return s
}

// newServer returns a Server configured by o, without a Cloud.
func newServer(o Options) *Server {
	s := &Server{now: o.Now, log: o.Log, maxBody: o.MaxBodyBytes, random: o.Random}
	if s.now == nil {
		s.now = time.Now
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	if s.random == nil {
		var seed [32]byte
		_, _ = crand.Read(seed[:]) // crypto/rand.Read never fails
		s.random = rand.NewChaCha8(seed)
	}
	s.rng, _ = s.random.(*rand.ChaCha8)
	return s
}

// newCloud returns an empty Cloud drawing on the server's random source.
// Both tunnels of a VPN connection come UP as soon as it is available, as
// if the customer's device connected at once, so that route propagation
// shows what it would with a real device.
func (s *Server) newCloud() *vpcmodel.Cloud {
	return vpcmodel.New(vpcmodel.Options{Random: s.random, CustomerDevicesConnect: true})
}

// action serves one API action: it decodes its input from the parameter
// tree and returns the output to encode. The caller holds s.mu.
type action func(s *Server, caller vpcmodel.Caller, now time.Time, p *param) (any, error)

// actions maps every EC2 action the server serves to its handler: each
// EC2 method of vpcmodel.Cloud, found by its signature, and the STS action
// tools call to learn their account.
var actions = cloudActions()

// cloudActions returns a handler for every method of *vpcmodel.Cloud of the
// form func(Caller, In, time.Time) (Out, error) where In is a type of
// package vpcmodel: the method's name is the action's, In is decoded from
// the request by its `ec2` tags, and Out is encoded by them.
func cloudActions() map[string]action {
	out := methodActions(reflect.TypeFor[*vpcmodel.Cloud](), func(s *Server) reflect.Value { return reflect.ValueOf(s.cloud) }, decodeAction)
	out["GetCallerIdentity"] = getCallerIdentity
	return out
}

// decodeAction decodes an action's input, honouring DryRun: a request that
// decodes, passes its input's own Validate method when it has one, and asks
// for a dry run is answered DryRunOperation.
func decodeAction(in any, p *param) error {
	if err := decode(in, p); err != nil {
		return err
	}
	if v, ok := in.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	var dry struct {
		DryRun bool `ec2:"DryRun"`
	}
	if err := decode(&dry, p); err != nil {
		return err
	}
	if dry.DryRun {
		return wireErr("DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
	}
	return nil
}

// wireError is a refusal the wire adapter makes itself, before the Cloud is
// reached: an unreadable request, an unknown action, a bad parameter.
type wireError struct{ code, message string }

func wireErr(code, message string) *wireError { return &wireError{code, message} }

func (e *wireError) Error() string        { return e.code + ": " + e.message }
func (e *wireError) ErrorCode() string    { return e.code }
func (e *wireError) ErrorMessage() string { return e.message }

// ServeHTTP serves the EC2 Query API on every path but /_emulator/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		s.serveAdmin(w, r)
		return
	}
	start := time.Now()
	requestID := s.requestID()
	var buf bytes.Buffer
	var status int
	var action, account, region string
	if q := jsonService(r); q != nil {
		status, action, account, region = s.serveJSON(&buf, r, q)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	} else {
		status, action, account, region = s.serveQuery(&buf, r, requestID)
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	}
	w.Header().Set("x-amzn-RequestId", requestID)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if buf.Len() > largeResponse {
		time.Sleep(largeResponseDelay)
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
	if s.log != nil {
		s.log.Printf("%s %s %s %s %d %v", requestID, account, region, action, status, time.Since(start).Round(time.Microsecond))
	}
}

// serveQuery decodes and serves one Query API request, writing the response
// document into buf and returning its HTTP status.
func (s *Server) serveQuery(buf *bytes.Buffer, r *http.Request, requestID string) (status int, action, account, region string) {
	fail := func(err error) int {
		buf.Reset()
		code, message := s.errorOf(err)
		encodeError(buf, code, message, requestID)
		return httpStatus(code)
	}
	defer func() { // a bug outside the handler, such as in encoding
		if v := recover(); v != nil {
			status = fail(bug(fmt.Errorf("panic serving %s: %v\n%s", action, v, debug.Stack())))
		}
	}()
	// The service a request's signature names picks the API: RDS,
	// ElastiCache or Redshift, or else EC2 (and STS).
	table, q := actionsOf(scopeService(r.Header.Get("Authorization")))
	if q != nil {
		fail = func(err error) int {
			buf.Reset()
			code, message := s.errorOf(err)
			return q.encodeError(buf, code, message, requestID)
		}
	}
	form, err := s.readForm(r)
	if err != nil {
		return fail(err), "", "", ""
	}
	account, region, err = identity(r)
	if err != nil {
		return fail(err), "", account, region
	}
	p, err := parseParams(form)
	if err != nil {
		return fail(err), "", account, region
	}
	action, ok := p.get("Action")
	if !ok || action == "" {
		return fail(wireErr("MissingAction", "The request must contain the parameter Action")), "", account, region
	}
	h := table[action]
	if h == nil {
		return fail(wireErr("InvalidAction", fmt.Sprintf("The action %s is not valid for this web service.", action))), action, account, region
	}
	out, err := s.dispatch(h, q.serviceName(), action, vpcmodel.Caller{Account: account, Region: region}, form, p)
	if err != nil {
		return fail(err), action, account, region
	}
	if q != nil {
		err = q.encodeResponse(buf, action, requestID, out)
	} else {
		err = encodeResponse(buf, action, requestID, out)
	}
	if err != nil {
		return fail(bug(fmt.Errorf("encode %s: %w", action, err))), action, account, region
	}
	return http.StatusOK, action, account, region
}

// dispatch serves one action and, with a state directory, returns once
// what it answers is durable.
func (s *Server) dispatch(h action, service, name string, caller vpcmodel.Caller, form url.Values, p *param) (any, error) {
	out, seq, err := s.serve(h, service, name, caller, form, p)
	if werr := s.settled(seq); werr != nil {
		return nil, bug(werr)
	}
	return out, err
}

// serve runs one action at the server's clock, under the server lock.
// With a state directory, a call that changed the Cloud (its Version moved)
// is logged, and serve returns the sequence number its answer must wait
// for: its own record's, or, for a call that changed nothing, the last one
// appended, because what it answers may show a change not yet durable.
func (s *Server) serve(h action, service, name string, caller vpcmodel.Caller, form url.Values, p *param) (out any, seq uint64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.usable(); err != nil {
		return nil, 0, err
	}
	now := s.tick()
	before := s.cloud.Version()
	start := time.Now()
	out, err = s.invoke(h, name, caller, now, p)
	if s.store != nil {
		if s.cloud.Version() != before {
			s.logRequest(service, caller, now, form, err)
			s.store.charge(time.Since(start))
		}
		seq = s.store.last()
	}
	return out, seq, err
}

// invoke calls h, turning a panic into an InternalError; the caller holds
// s.mu. The Cloud validates everything before it changes state, so a panic
// (a bug) leaves nothing half-applied that a validation could catch.
func (s *Server) invoke(h action, name string, caller vpcmodel.Caller, now time.Time, p *param) (out any, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = bug(fmt.Errorf("panic in %s: %v\n%s", name, v, debug.Stack()))
		}
	}()
	return h(s, caller, now, p)
}

// usable refuses every call once the server is closed or its state
// directory has failed; the caller holds s.mu.
func (s *Server) usable() error {
	if s.closed {
		return bug(errors.New("ec2emu: the server is closed"))
	}
	if s.store != nil {
		if err := s.store.failed(); err != nil {
			return bug(err)
		}
	}
	return nil
}

// codeOf is the EC2 error code a call was answered with, "" for success.
func codeOf(err error) string {
	if err == nil {
		return ""
	}
	var ie *internalError
	if errors.As(err, &ie) {
		return "InternalError"
	}
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		return coded.ErrorCode()
	}
	return "InternalError"
}

// internalError is a bug: logged, and answered as a 500 InternalError.
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }

func bug(err error) error { return &internalError{err} }

// errorOf turns any error into an EC2 code and message, with no switch:
// every library error carries its own.
func (s *Server) errorOf(err error) (code, message string) {
	var ie *internalError
	if errors.As(err, &ie) {
		s.logf("ec2emu: internal error: %v", ie.err)
		return "InternalError", "An internal error has occurred"
	}
	var coded interface {
		ErrorCode() string
		ErrorMessage() string
	}
	if errors.As(err, &coded) {
		return coded.ErrorCode(), coded.ErrorMessage()
	}
	var codeOnly interface{ ErrorCode() string }
	if errors.As(err, &codeOnly) {
		return codeOnly.ErrorCode(), err.Error()
	}
	s.logf("ec2emu: uncoded error: %v", err)
	return "InternalError", "An internal error has occurred"
}

// logf logs to Options.Log, or to the standard logger when there is none.
func (s *Server) logf(format string, args ...any) {
	if s.log != nil {
		s.log.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// httpStatus is the HTTP status EC2 answers an error code with.
func httpStatus(code string) int {
	switch code {
	case "DryRunOperation":
		return http.StatusPreconditionFailed
	case "UnauthorizedOperation", "AuthFailure":
		return http.StatusForbidden
	case "InternalError":
		return http.StatusInternalServerError
	case "RequestEntityTooLarge":
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// readForm reads the request's parameters: the query string, overlaid by a
// form-encoded body.
func (s *Server) readForm(r *http.Request) (url.Values, error) {
	malformed := func() error {
		return wireErr("MalformedQueryString", "The query string is malformed.")
	}
	form, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, malformed()
	}
	switch r.Method {
	case http.MethodGet:
		return form, nil
	case http.MethodPost:
	default:
		return nil, wireErr("UnsupportedProtocol", fmt.Sprintf("The HTTP method %s is not supported; use POST or GET.", r.Method))
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
	if err != nil {
		return nil, malformed()
	}
	if int64(len(body)) > s.maxBody {
		return nil, wireErr("RequestEntityTooLarge", fmt.Sprintf("The request body exceeds %d bytes.", s.maxBody))
	}
	if len(body) == 0 {
		return form, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, wireErr("UnsupportedProtocol", "The request body must be application/x-www-form-urlencoded.")
		}
	}
	bodyForm, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, malformed()
	}
	for k, v := range bodyForm {
		form[k] = v
	}
	return form, nil
}

// identity returns the caller's account and Region: the access key ID of a
// SigV4 Authorization header when it is 12 digits, else x-moto-account-id,
// else DefaultAccount; the credential scope's Region, else DefaultRegion.
func identity(r *http.Request) (account, region string, err error) {
	account, region = DefaultAccount, DefaultRegion
	keyID, scopeRegion := credential(r.Header.Get("Authorization"))
	if (vpcmodel.Caller{Account: DefaultAccount, Region: scopeRegion}).IsValid() {
		region = scopeRegion
	}
	if (vpcmodel.Caller{Account: keyID, Region: region}).IsValid() {
		return keyID, region, nil
	}
	if h := r.Header.Get("x-moto-account-id"); h != "" {
		if !(vpcmodel.Caller{Account: h, Region: region}).IsValid() {
			return account, region, wireErr("AuthFailure", fmt.Sprintf("The account ID %q in x-moto-account-id is not a 12-digit account ID.", h))
		}
		account = h
	}
	return account, region, nil
}

// credential extracts the access key ID and Region from a SigV4
// Authorization header: "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/ec2/aws4_request, ...".
func credential(auth string) (keyID, region string) {
	parts := scope(auth)
	if len(parts) < 3 {
		return parts[0], ""
	}
	return parts[0], parts[2]
}

// scopeService returns the service a SigV4 Authorization header's
// credential scope names ("rds" in Credential=KEY/DATE/REGION/rds/aws4_request),
// or "".
func scopeService(auth string) string {
	if parts := scope(auth); len(parts) >= 4 {
		return parts[3]
	}
	return ""
}

// scope returns the parts of a SigV4 Authorization header's credential,
// split at its slashes; one empty part when there is none.
func scope(auth string) []string {
	_, rest, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return []string{""}
	}
	rest, _, _ = strings.Cut(rest, ",")
	return strings.Split(strings.TrimSpace(rest), "/")
}

func (s *Server) requestID() string {
	n := s.seq.Add(1)
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", uint32(n>>48), n&0xffffffffffff)
}

// tick returns the server's clock, the wall clock plus the offset, made
// monotonic: never earlier than an instant it answered before, including
// before a restart. The caller holds s.mu.
func (s *Server) tick() time.Time {
	now := s.now().Add(s.offset).UTC().Round(0)
	if now.Before(s.floor) {
		return s.floor
	}
	s.floor = now
	return now
}

// raiseFloor makes now the earliest instant the clock may answer, unless
// a later one is; the caller holds s.mu.
func (s *Server) raiseFloor(now time.Time) {
	if now.After(s.floor) {
		s.floor = now
	}
}

// settled returns once the changes appended before seq was read are
// durable, or the state directory has failed.
func (s *Server) settled(seq uint64) error {
	if s.store == nil {
		return nil
	}
	return s.store.wait(seq)
}

// serveAdmin serves the /_emulator/ endpoints: clock, health and reset.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	switch r.URL.Path {
	case "/_emulator/health":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "use GET", http.StatusMethodNotAllowed)
			return
		}
		fmt.Fprintln(w, "ok")
	case "/_emulator/reset":
		if r.Method != http.MethodPost {
			http.Error(w, "use POST", http.StatusMethodNotAllowed)
			return
		}
		if err := s.reset(); err != nil {
			s.logf("%v", err)
			http.Error(w, "reset failed: "+err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, "reset")
	case "/_emulator/clock":
		switch r.Method {
		case http.MethodGet:
			now, err := s.readClock()
			if err != nil {
				s.logf("%v", err)
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			fmt.Fprintln(w, now.Format(time.RFC3339Nano))
		case http.MethodPost:
			r.Body = http.MaxBytesReader(w, r.Body, 4096)
			if err := r.ParseForm(); err != nil {
				http.Error(w, "malformed form: "+err.Error(), http.StatusBadRequest)
				return
			}
			d, err := time.ParseDuration(r.Form.Get("advance"))
			if err != nil || d < 0 {
				http.Error(w, "advance must be a non-negative Go duration such as 169h", http.StatusBadRequest)
				return
			}
			now, err := s.advanceClock(d)
			if err != nil {
				s.logf("%v", err)
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			fmt.Fprintln(w, now.Format(time.RFC3339Nano))
		default:
			http.Error(w, "use GET or POST", http.StatusMethodNotAllowed)
		}
	default:
		http.NotFound(w, r)
	}
}

// reset empties the state, and with a state directory replaces its
// snapshot and log with the empty state before it returns.
func (s *Server) reset() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.usable(); err != nil {
		return err
	}
	s.cloud = s.newCloud()
	s.offset = 0
	s.floor = time.Time{}
	if s.store != nil {
		return s.compact()
	}
	return nil
}

// readClock returns the server's clock, once every change it may reflect
// is durable.
func (s *Server) readClock() (time.Time, error) {
	s.mu.Lock()
	if err := s.usable(); err != nil {
		s.mu.Unlock()
		return time.Time{}, err
	}
	now := s.tick()
	var seq uint64
	if s.store != nil {
		seq = s.store.last()
	}
	s.mu.Unlock()
	return now, s.settled(seq)
}

// advanceClock moves the clock offset forward by d and returns the new
// time, once the new offset is durable.
func (s *Server) advanceClock(d time.Duration) (time.Time, error) {
	s.mu.Lock()
	if err := s.usable(); err != nil {
		s.mu.Unlock()
		return time.Time{}, err
	}
	s.offset += d
	now := s.tick()
	var seq uint64
	if s.store != nil {
		seq = s.store.append(clockRecord{offset: s.offset, now: now}.append(nil))
	}
	s.mu.Unlock()
	return now, s.settled(seq)
}

// Load replaces the Server's state with the network the vpcmodel.Cloud
// stream r holds (as Cloud.WriteTo writes it, for example from a network
// package awsimport built from a real account's JSON): every account and
// Region of it is served from then on, and the clock is kept. With a state
// directory, the new state is written to it before Load returns. On error
// the state is as it was.
func (s *Server) Load(r io.Reader) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.usable(); err != nil {
		return err
	}
	c := s.newCloud()
	if _, err := c.ReadFrom(r); err != nil {
		return err
	}
	s.cloud = c
	if s.store != nil {
		return s.compact()
	}
	return nil
}
