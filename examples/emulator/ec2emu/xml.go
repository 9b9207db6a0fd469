package ec2emu

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/vpclab/vpcmodel/tag"
)

// namespace is the XML namespace of every EC2 response.
const namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

// meta is embedded first in every action's output, so the response's
// requestId comes before the output's own members.
type meta struct {
	RequestID string `xml:"requestId"`
}

func (m *meta) setRequestID(id string) { m.RequestID = id }

// returnOutput is the output of the actions that answer only
// <return>true</return>.
type returnOutput struct {
	meta
	Return bool `xml:"return"`
}

// encodeResponse writes the XML of a successful action: the declaration,
// then <ActionResponse xmlns=...> holding requestId and the output's members.
func encodeResponse(buf *bytes.Buffer, action, requestID string, out any) error {
	if m, ok := out.(interface{ setRequestID(string) }); ok {
		m.setRequestID(requestID)
	}
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	start := xml.StartElement{
		Name: xml.Name{Local: action + "Response"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: namespace}},
	}
	if err := enc.EncodeElement(out, start); err != nil {
		return err
	}
	return enc.Close()
}

// errorResponse is EC2's error document. Note RequestID's capital "ID",
// unlike the requestId of a successful response.
type errorResponse struct {
	XMLName   xml.Name   `xml:"Response"`
	Errors    []errorXML `xml:"Errors>Error"`
	RequestID string     `xml:"RequestID"`
}

type errorXML struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

func encodeError(buf *bytes.Buffer, code, message, requestID string) {
	buf.WriteString(xml.Header)
	// Marshalling this fixed shape of strings cannot fail.
	_ = xml.NewEncoder(buf).Encode(errorResponse{
		Errors:    []errorXML{{Code: code, Message: message}},
		RequestID: requestID,
	})
}

// tagXML is one item of a tagSet.
type tagXML struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

func tagsXML(s tag.Set) []tagXML {
	all := s.All()
	if len(all) == 0 {
		return nil
	}
	out := make([]tagXML, len(all))
	for i, t := range all {
		out[i] = tagXML{t.Key, t.Value}
	}
	return out
}

// timeXML formats an instant as EC2 does: UTC with milliseconds.
func timeXML(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
