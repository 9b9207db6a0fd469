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
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
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
}

// Server is an EC2 Query API endpoint backed by vpcmodel. It is safe for
// concurrent use; requests are served one at a time against its state, so
// every action is atomic. Build it with New.
type Server struct {
	now     func() time.Time
	log     *log.Logger
	maxBody int64
	seq     atomic.Uint64 // request IDs

	mu     sync.Mutex
	random io.Reader
	offset time.Duration
	st     *store
}

// New returns a Server with empty state.
func New(o Options) *Server {
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
	s.st = newStore(s)
	return s
}

// call is what a handler knows about the request it serves.
type call struct {
	account string
	region  string
	now     time.Time
}

func (c *call) scope() scope { return scope{c.account, c.region} }

// action serves one EC2 action: it decodes its input from the parameter
// tree and returns the output to encode. It runs with the server's lock
// held.
type action func(s *Server, c *call, p *param) (any, error)

// op turns a typed handler into an action: decode, honour DryRun, handle.
func op[In, Out any](h func(*Server, *call, *In) (*Out, error)) action {
	return func(s *Server, c *call, p *param) (any, error) {
		in := new(In)
		if err := decode(in, p); err != nil {
			return nil, err
		}
		var dry struct {
			DryRun bool `ec2:"DryRun"`
		}
		if err := decode(&dry, p); err != nil {
			return nil, err
		}
		if dry.DryRun {
			return nil, &ec2.Error{Code: ec2.DryRunOperation,
				Message: "Request would have succeeded, but DryRun flag is set."}
		}
		return h(s, c, in)
	}
}

// actions is the table of every action the server serves. Registering an
// action is one line here.
var actions = map[string]action{
	"CreateVpc":                op((*Server).createVpc),
	"DescribeVpcs":             op((*Server).describeVpcs),
	"DeleteVpc":                op((*Server).deleteVpc),
	"AssociateVpcCidrBlock":    op((*Server).associateVpcCidrBlock),
	"CreateTags":               op((*Server).createTags),
	"DeleteTags":               op((*Server).deleteTags),
	"DescribeVpcAttribute":     op((*Server).describeVpcAttribute),
	"ModifyVpcAttribute":       op((*Server).modifyVpcAttribute),
	"DisassociateVpcCidrBlock": op((*Server).disassociateVpcCidrBlock),
	"DescribeSecurityGroups":   op((*Server).describeSecurityGroups),
	"DescribeNetworkAcls":      op((*Server).describeNetworkAcls),
	"GetCallerIdentity":        op((*Server).getCallerIdentity), // STS

	"CreateVpcPeeringConnection":        op((*Server).createVpcPeeringConnection),
	"AcceptVpcPeeringConnection":        op((*Server).acceptVpcPeeringConnection),
	"RejectVpcPeeringConnection":        op((*Server).rejectVpcPeeringConnection),
	"DeleteVpcPeeringConnection":        op((*Server).deleteVpcPeeringConnection),
	"DescribeVpcPeeringConnections":     op((*Server).describeVpcPeeringConnections),
	"ModifyVpcPeeringConnectionOptions": op((*Server).modifyVpcPeeringConnectionOptions),

	"CreateRouteTable":           op((*Server).createRouteTable),
	"DescribeRouteTables":        op((*Server).describeRouteTables),
	"DeleteRouteTable":           op((*Server).deleteRouteTable),
	"CreateRoute":                op((*Server).createRoute),
	"ReplaceRoute":               op((*Server).replaceRoute),
	"DeleteRoute":                op((*Server).deleteRoute),
	"EnableVgwRoutePropagation":  op((*Server).enableVgwRoutePropagation),
	"DisableVgwRoutePropagation": op((*Server).disableVgwRoutePropagation),

	"CreateCustomerGateway":                     op((*Server).createCustomerGateway),
	"DescribeCustomerGateways":                  op((*Server).describeCustomerGateways),
	"DeleteCustomerGateway":                     op((*Server).deleteCustomerGateway),
	"CreateVpnGateway":                          op((*Server).createVpnGateway),
	"DescribeVpnGateways":                       op((*Server).describeVpnGateways),
	"AttachVpnGateway":                          op((*Server).attachVpnGateway),
	"DetachVpnGateway":                          op((*Server).detachVpnGateway),
	"DeleteVpnGateway":                          op((*Server).deleteVpnGateway),
	"CreateVpnConnection":                       op((*Server).createVpnConnection),
	"DescribeVpnConnections":                    op((*Server).describeVpnConnections),
	"DeleteVpnConnection":                       op((*Server).deleteVpnConnection),
	"CreateVpnConnectionRoute":                  op((*Server).createVpnConnectionRoute),
	"DeleteVpnConnectionRoute":                  op((*Server).deleteVpnConnectionRoute),
	"GetVpnConnectionDeviceTypes":               op((*Server).getVpnConnectionDeviceTypes),
	"GetVpnConnectionDeviceSampleConfiguration": op((*Server).getVpnConnectionDeviceSampleConfiguration),
}

// ServeHTTP serves the EC2 Query API on every path but /_emulator/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		s.serveAdmin(w, r)
		return
	}
	start := time.Now()
	requestID := s.requestID()
	var buf bytes.Buffer
	status, action, account, region := s.serveQuery(&buf, r, requestID)
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
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
		return fail(&ec2.Error{Code: "MissingAction", Message: "The request must contain the parameter Action"}), "", account, region
	}
	h := actions[action]
	if h == nil {
		return fail(&ec2.Error{Code: ec2.InvalidAction,
			Message: fmt.Sprintf("The action %s is not valid for this web service.", action)}), action, account, region
	}
	out, err := s.dispatch(h, action, account, region, p)
	if err != nil {
		return fail(err), action, account, region
	}
	if err := encodeResponse(buf, action, requestID, out); err != nil {
		return fail(bug(fmt.Errorf("encode %s: %w", action, err))), action, account, region
	}
	return http.StatusOK, action, account, region
}

// dispatch runs one action under the server's lock, turning a panic into an
// InternalError. Handlers validate everything before they change state, so a
// panic (a bug) leaves nothing half-applied that a validation could catch.
func (s *Server) dispatch(h action, name, account, region string, p *param) (out any, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if v := recover(); v != nil {
			err = bug(fmt.Errorf("panic in %s: %v\n%s", name, v, debug.Stack()))
		}
	}()
	c := &call{account: account, region: region, now: s.clock()}
	s.settle(c.now)
	return h(s, c, p)
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
		return ec2.InternalError, "An internal error has occurred"
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
	return ec2.InternalError, "An internal error has occurred"
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
	case ec2.DryRunOperation:
		return http.StatusPreconditionFailed
	case ec2.UnauthorizedOperation, "AuthFailure":
		return http.StatusForbidden
	case ec2.InternalError:
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
		return &ec2.Error{Code: "MalformedQueryString", Message: "The query string is malformed."}
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
		return nil, &ec2.Error{Code: "UnsupportedProtocol",
			Message: fmt.Sprintf("The HTTP method %s is not supported; use POST or GET.", r.Method)}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
	if err != nil {
		return nil, malformed()
	}
	if int64(len(body)) > s.maxBody {
		return nil, &ec2.Error{Code: "RequestEntityTooLarge",
			Message: fmt.Sprintf("The request body exceeds %d bytes.", s.maxBody)}
	}
	if len(body) == 0 {
		return form, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, &ec2.Error{Code: "UnsupportedProtocol",
				Message: "The request body must be application/x-www-form-urlencoded."}
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
	if ec2.IsRegion(scopeRegion) {
		region = scopeRegion
	}
	if ec2.IsAccount(keyID) {
		return keyID, region, nil
	}
	if h := r.Header.Get("x-moto-account-id"); h != "" {
		if !ec2.IsAccount(h) {
			return account, region, &ec2.Error{Code: "AuthFailure",
				Message: fmt.Sprintf("The account ID %q in x-moto-account-id is not a 12-digit account ID.", h)}
		}
		account = h
	}
	return account, region, nil
}

// credential extracts the access key ID and Region from a SigV4
// Authorization header: "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/ec2/aws4_request, ...".
func credential(auth string) (keyID, region string) {
	_, rest, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return "", ""
	}
	rest, _, _ = strings.Cut(rest, ",")
	parts := strings.Split(strings.TrimSpace(rest), "/")
	if len(parts) < 3 {
		return parts[0], ""
	}
	return parts[0], parts[2]
}

func (s *Server) requestID() string {
	n := s.seq.Add(1)
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", uint32(n>>48), n&0xffffffffffff)
}

// clock is the server's current time; the caller holds s.mu.
func (s *Server) clock() time.Time {
	return s.now().Add(s.offset).UTC().Round(0)
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
		s.mu.Lock()
		s.st = newStore(s)
		s.offset = 0
		s.mu.Unlock()
		fmt.Fprintln(w, "reset")
	case "/_emulator/clock":
		switch r.Method {
		case http.MethodGet:
			s.mu.Lock()
			now := s.clock()
			s.mu.Unlock()
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
			s.mu.Lock()
			s.offset += d
			now := s.clock()
			s.mu.Unlock()
			fmt.Fprintln(w, now.Format(time.RFC3339Nano))
		default:
			http.Error(w, "use GET or POST", http.StatusMethodNotAllowed)
		}
	default:
		http.NotFound(w, r)
	}
}
