package ec2emu

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"reflect"
	"slices"
	"time"

	"github.com/vpclab/vpcmodel"
)

// RDS, ElastiCache and Redshift keep subnet groups of EC2's subnets, and
// tools that build a VPC (Terraform's VPC module, for one) make them with
// the VPC; IAM roles and policies and CloudWatch Logs log groups are where
// VPC flow logs and VPN tunnel logs go. The server answers their Query APIs for those groups: a request
// whose SigV4 credential scope names one of these services goes to the
// methods of that service's view of the Cloud (vpcmodel.Cloud.RDS, ...),
// found by reflection as the EC2 actions are, decoded and encoded by their
// `query` tags (IAM's too). CloudWatch Logs speaks JSON 1.1 instead (see
// jsonproto.go). Every other request is EC2's.

// queryService is one of the services besides EC2 whose Query API the
// server answers.
type queryService struct {
	name      string   // as the credential scope names it: "rds"
	namespace string   // the XML namespace of its responses
	notFound  []string // the error codes it answers with HTTP 404
	conflict  []string // the error codes it answers with HTTP 409
	// target is the X-Amz-Target prefix of a service that speaks JSON
	// 1.1 ("Logs_20140328"), "" for a Query API.
	target  string
	actions map[string]action
}

// queryServices maps a credential scope's service name to the service.
var queryServices = map[string]*queryService{
	"rds": {name: "rds", namespace: "http://rds.amazonaws.com/doc/2014-10-31/",
		notFound: []string{"DBSubnetGroupNotFoundFault"},
		actions:  viewActions(func(c *vpcmodel.Cloud) any { return c.RDS() })},
	"elasticache": {name: "elasticache", namespace: "http://elasticache.amazonaws.com/doc/2015-02-02/",
		actions: viewActions(func(c *vpcmodel.Cloud) any { return c.ElastiCache() })},
	"redshift": {name: "redshift", namespace: "http://redshift.amazonaws.com/doc/2012-12-01/",
		notFound: []string{"ResourceNotFoundFault"},
		actions:  viewActions(func(c *vpcmodel.Cloud) any { return c.Redshift() })},
	"iam": {name: "iam", namespace: "https://iam.amazonaws.com/doc/2010-05-08/",
		notFound: []string{"NoSuchEntity"},
		conflict: []string{"EntityAlreadyExists", "DeleteConflict", "LimitExceeded"},
		actions:  viewActions(func(c *vpcmodel.Cloud) any { return c.IAM() })},
	"logs": {name: "logs", target: "Logs_20140328",
		actions: jsonActions(func(c *vpcmodel.Cloud) any { return c.Logs() })},
}

// serviceName returns the name a request log records q by: "" for EC2.
func (q *queryService) serviceName() string {
	if q == nil {
		return ""
	}
	return q.name
}

// actionsOf returns the actions of the service a request's credential
// scope names, and the service ("" and nil for EC2).
func actionsOf(service string) (map[string]action, *queryService) {
	if q := queryServices[service]; q != nil {
		return q.actions, q
	}
	return actions, nil
}

// viewActions returns a handler for every method of the view of a Cloud
// that view returns, of the form func(Caller, In, time.Time) (Out, error):
// the method's name is the action's, In is decoded from the request by its
// `query` tags and Out is encoded by them.
func viewActions(view func(*vpcmodel.Cloud) any) map[string]action {
	viewType := reflect.TypeOf(view(nil))
	return methodActions(viewType, func(s *Server) reflect.Value { return reflect.ValueOf(view(s.cloud)) },
		func(in any, p *param) error { return decodeWith(queryProtocol, in, p) })
}

// methodActions returns a handler for every method of t of the form
// func(Caller, In, time.Time) (Out, error), called on the receiver recv
// returns, its input decoded by decode.
func methodActions(t reflect.Type, recv func(*Server) reflect.Value, decode func(any, *param) error) map[string]action {
	var (
		callerType = reflect.TypeFor[vpcmodel.Caller]()
		timeType   = reflect.TypeFor[time.Time]()
		errorType  = reflect.TypeFor[error]()
	)
	out := map[string]action{}
	for i := range t.NumMethod() {
		m := t.Method(i)
		mt := m.Type // the receiver is its first input
		if mt.NumIn() != 4 || mt.NumOut() != 2 || mt.In(1) != callerType || mt.In(2).Kind() != reflect.Struct ||
			mt.In(3) != timeType || mt.Out(0).Kind() != reflect.Struct || mt.Out(1) != errorType {
			continue
		}
		// An action's input is one of vpcmodel's own wire types; a method
		// taking another package's value (Reach takes a reach.Query) is
		// not an action.
		if mt.In(2).PkgPath() != callerType.PkgPath() {
			continue
		}
		fn, in := m.Func, mt.In(2)
		out[m.Name] = func(s *Server, caller vpcmodel.Caller, now time.Time, p *param) (any, error) {
			arg := reflect.New(in)
			if err := decode(arg.Interface(), p); err != nil {
				return nil, err
			}
			res := fn.Call([]reflect.Value{recv(s), reflect.ValueOf(caller), arg.Elem(), reflect.ValueOf(now)})
			if err, _ := res[1].Interface().(error); err != nil {
				return nil, err
			}
			return res[0].Interface(), nil
		}
	}
	return out
}

// encodeResponse writes the XML of a successful action of q:
// <ActionResponse xmlns=...><ActionResult>members</ActionResult>
// <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>, the
// result left out for an action that answers nothing.
func (q *queryService) encodeResponse(buf *bytes.Buffer, action, requestID string, out any) error {
	buf.WriteString(xml.Header)
	buf.WriteString("<" + action + `Response xmlns="` + q.namespace + `">`)
	// An output with no members has no result element, unless its type
	// says that the service writes one, empty (IAM's UpdateRole).
	withResult, _ := out.(interface{ HasResult() bool })
	if v := reflect.ValueOf(out); v.NumField() > 0 || withResult != nil && withResult.HasResult() {
		buf.WriteString("<" + action + "Result>")
		if err := encodeMembers(queryProtocol, buf, v); err != nil {
			return err
		}
		buf.WriteString("</" + action + "Result>")
	}
	buf.WriteString("<ResponseMetadata>")
	element(buf, "RequestId", requestID)
	buf.WriteString("</ResponseMetadata></" + action + "Response>")
	return nil
}

// queryErrorResponse is the error document of the Query APIs besides
// EC2's.
type queryErrorResponse struct {
	XMLName   xml.Name      `xml:"ErrorResponse"`
	Namespace string        `xml:"xmlns,attr"`
	Error     queryErrorXML `xml:"Error"`
	RequestID string        `xml:"RequestId"`
}

type queryErrorXML struct {
	Type    string `xml:"Type"`
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// encodeError writes q's error document for code and message, and returns
// the HTTP status q answers it with.
func (q *queryService) encodeError(buf *bytes.Buffer, code, message, requestID string) int {
	status := httpStatus(code)
	if status == http.StatusBadRequest && slices.Contains(q.notFound, code) {
		status = http.StatusNotFound
	}
	if status == http.StatusBadRequest && slices.Contains(q.conflict, code) {
		status = http.StatusConflict
	}
	fault := "Sender"
	if status >= 500 {
		fault = "Receiver"
	}
	buf.WriteString(xml.Header)
	// Marshalling this fixed shape of strings cannot fail.
	_ = xml.NewEncoder(buf).Encode(queryErrorResponse{Namespace: q.namespace,
		Error: queryErrorXML{Type: fault, Code: code, Message: message}, RequestID: requestID})
	return status
}
