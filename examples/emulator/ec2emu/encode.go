package ec2emu

import (
	"bytes"
	"encoding"
	"encoding/xml"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// namespace is the XML namespace of every EC2 response.
const namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

// An action's output is encoded from the `ec2` field tags of its output
// struct, the same declaration the decoder reads: a member named VpcId is
// the element <vpcId>, lists are <xxxSet><item>...</item></xxxSet> (empty
// lists are left out), nested structs are nested elements, a
// vpcmodel.Optional is written only when set, times are EC2's UTC with
// milliseconds, `omitempty` leaves out a zero value, and `exact` keeps the
// name's case (STS capitalises its members).

// encodeResponse writes the XML of a successful action: the declaration,
// then <ActionResponse xmlns=...> holding requestId and the output's members.
func encodeResponse(buf *bytes.Buffer, action, requestID string, out any) error {
	buf.WriteString(xml.Header)
	buf.WriteString("<" + action + `Response xmlns="` + namespace + `">`)
	element(buf, "requestId", requestID)
	if err := encodeMembers(ec2Protocol, buf, reflect.ValueOf(out)); err != nil {
		return err
	}
	buf.WriteString("</" + action + "Response>")
	return nil
}

// outField is one declared member of an output struct.
type outField struct {
	index     int
	name      string // the XML element name
	item      string // the element of each member of a list
	omitEmpty bool
	inline    bool
}

var outFieldCache sync.Map // fieldKey -> []outField

func outFieldsOf(t reflect.Type, pr protocol) []outField {
	if f, ok := outFieldCache.Load(fieldKey{t, pr.tag}); ok {
		return f.([]outField)
	}
	var fs []outField
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup(pr.tag)
		if !ok && sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			fs = append(fs, outField{index: i, inline: true})
			continue
		}
		if !ok || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		name, item, _ := strings.Cut(name, ">")
		if item == "" {
			item = pr.item
		}
		if opts != "exact" && !pr.exactNames {
			name = lowerFirst(name)
		}
		fs = append(fs, outField{index: i, name: name, item: item, omitEmpty: opts == "omitempty"})
	}
	outFieldCache.Store(fieldKey{t, pr.tag}, fs)
	return fs
}

// lowerFirst returns EC2's XML name for a member: VpcId is vpcId.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func encodeMembers(pr protocol, buf *bytes.Buffer, v reflect.Value) error {
	for _, f := range outFieldsOf(v.Type(), pr) {
		fv := v.Field(f.index)
		if f.inline {
			if err := encodeMembers(pr, buf, fv); err != nil {
				return err
			}
			continue
		}
		if f.omitEmpty && fv.IsZero() {
			continue
		}
		if err := encodeValue(pr, buf, f.name, f.item, fv); err != nil {
			return err
		}
	}
	return nil
}

var (
	timeType          = reflect.TypeFor[time.Time]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// encodeValue writes v as the element name; item names the elements of
// a list's members.
func encodeValue(pr protocol, buf *bytes.Buffer, name, item string, v reflect.Value) error {
	t := v.Type()
	switch {
	case isOptional(t):
		if v.Field(1).Bool() {
			return encodeValue(pr, buf, name, item, v.Field(0))
		}
		return nil
	case t == timeType:
		if tm := v.Interface().(time.Time); !tm.IsZero() {
			element(buf, name, tm.UTC().Format("2006-01-02T15:04:05.000Z"))
		}
		return nil
	case t.Implements(textMarshalerType) && t.Kind() != reflect.String:
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return err
		}
		element(buf, name, string(text))
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		buf.WriteString("<" + name + ">")
		if err := encodeMembers(pr, buf, v); err != nil {
			return err
		}
		buf.WriteString("</" + name + ">")
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		buf.WriteString("<" + name + ">")
		for i := range v.Len() {
			if err := encodeValue(pr, buf, item, pr.item, v.Index(i)); err != nil {
				return err
			}
		}
		buf.WriteString("</" + name + ">")
	case reflect.String:
		element(buf, name, v.String())
	case reflect.Bool:
		element(buf, name, strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		element(buf, name, strconv.FormatInt(v.Int(), 10))
	default:
		return fmt.Errorf("ec2emu: cannot encode %s of kind %s", name, t.Kind())
	}
	return nil
}

// element writes <name>text</name>, escaping text.
func element(buf *bytes.Buffer, name, text string) {
	buf.WriteString("<" + name + ">")
	_ = xml.EscapeText(buf, []byte(text)) // writing to a bytes.Buffer cannot fail
	buf.WriteString("</" + name + ">")
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
