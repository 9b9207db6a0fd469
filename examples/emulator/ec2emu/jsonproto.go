package ec2emu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"runtime/debug"
	"strings"

	"github.com/vpclab/vpcmodel"
)

// CloudWatch Logs speaks the AWS JSON 1.1 protocol: a request is a POST
// whose X-Amz-Target header names the action ("Logs_20140328.CreateLogGroup")
// and whose body is the input as a JSON object; the answer is the output
// as a JSON object, or HTTP 400 with {"__type":"Code","message":"..."}.
// The body is decoded with encoding/json into the view method's input by
// its `json` tags, and the output encoded by them. So that the request
// log and its replay handle a JSON request as they do a Query one, the
// request is carried as the form {"Action": [name], "Body": [json]}.

// jsonBody is the form parameter that carries a JSON request's body.
const jsonBody = "Body"

// jsonActions returns a handler for every action method of the view of a
// Cloud that view returns, its input decoded from the JSON body.
func jsonActions(view func(*vpcmodel.Cloud) any) map[string]action {
	viewType := reflect.TypeOf(view(nil))
	return methodActions(viewType, func(s *Server) reflect.Value { return reflect.ValueOf(view(s.cloud)) }, decodeJSON)
}

// decodeJSON decodes the JSON body a request's parameters carry into in:
// one JSON object (or nothing, an empty input), members no field declares
// ignored. A body that is not that is SerializationException.
func decodeJSON(in any, p *param) error {
	body, _ := p.get(jsonBody)
	if strings.TrimSpace(body) == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(body))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil || len(raw) == 0 || raw[0] != '{' {
		return wireErr("SerializationException", "The request body is not a JSON object.")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return wireErr("SerializationException", "The request body holds more than one JSON value.")
	}
	if err := json.Unmarshal(raw, in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return wireErr("SerializationException", fmt.Sprintf("The member %s is not of the type the action takes.", te.Field))
		}
		return wireErr("SerializationException", "The request body is not a JSON object.")
	}
	return nil
}

// jsonService returns the JSON service a request is made to, by its
// credential scope or X-Amz-Target, or nil.
func jsonService(r *http.Request) *queryService {
	if q := queryServices[scopeService(r.Header.Get("Authorization"))]; q != nil && q.target != "" {
		return q
	}
	prefix, _, ok := strings.Cut(r.Header.Get("X-Amz-Target"), ".")
	for _, q := range queryServices {
		if ok && q.target != "" && q.target == prefix {
			return q
		}
	}
	return nil
}

// serveJSON serves one JSON 1.1 request of q, writing the answer into buf
// and returning its HTTP status.
func (s *Server) serveJSON(buf *bytes.Buffer, r *http.Request, q *queryService) (status int, action, account, region string) {
	fail := func(err error) int {
		buf.Reset()
		code, message := s.errorOf(err)
		status := httpStatus(code)
		if status == http.StatusPreconditionFailed || status == http.StatusForbidden {
			status = http.StatusBadRequest
		}
		// Marshalling two strings cannot fail.
		b, _ := json.Marshal(struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}{code, message})
		buf.Write(b)
		return status
	}
	defer func() { // a bug outside the handler, such as in encoding
		if v := recover(); v != nil {
			status = fail(bug(fmt.Errorf("panic serving %s: %v\n%s", action, v, debug.Stack())))
		}
	}()
	if r.Method != http.MethodPost {
		return fail(wireErr("UnsupportedProtocol", fmt.Sprintf("The HTTP method %s is not supported; use POST.", r.Method))), "", "", ""
	}
	prefix, name, ok := strings.Cut(r.Header.Get("X-Amz-Target"), ".")
	if !ok || prefix != q.target || name == "" {
		return fail(wireErr("UnknownOperationException", "The X-Amz-Target header names no action of this service.")), "", "", ""
	}
	action = name
	body, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
	if err != nil {
		return fail(wireErr("SerializationException", "The request body could not be read.")), action, "", ""
	}
	if int64(len(body)) > s.maxBody {
		return fail(wireErr("RequestEntityTooLarge", fmt.Sprintf("The request body exceeds %d bytes.", s.maxBody))), action, "", ""
	}
	account, region, err = identity(r)
	if err != nil {
		return fail(err), action, account, region
	}
	h := q.actions[action]
	if h == nil {
		return fail(wireErr("UnknownOperationException", fmt.Sprintf("The action %s is not valid for this web service.", action))), action, account, region
	}
	form := url.Values{"Action": {action}, jsonBody: {string(body)}}
	p, err := parseParams(form)
	if err != nil {
		return fail(err), action, account, region
	}
	out, err := s.dispatch(h, q.name, action, vpcmodel.Caller{Account: account, Region: region}, form, p)
	if err != nil {
		return fail(err), action, account, region
	}
	b, err := json.Marshal(out)
	if err != nil {
		return fail(bug(fmt.Errorf("encode %s: %w", action, err))), action, account, region
	}
	buf.Write(b)
	return http.StatusOK, action, account, region
}
