package ec2emu

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/vpclab/vpcmodel"
)

// The payloads of the records in the state files (see the package doc's
// Persistence section). Each starts with a byte naming its kind; strings
// and times are a uvarint length and the bytes (times as
// time.Time.MarshalBinary), integers varints.
const (
	recRequest        = 'q' // log: an EC2 call that changed the Cloud
	recServiceRequest = 's' // log: a call to another service's API that changed the Cloud
	recClock          = 'k' // log: the clock offset moved
	recMeta           = 'm' // snapshot: the random stream, the clock offset and floor
	recChunk          = 'c' // snapshot: the next bytes of the Cloud's WriteTo stream
	recEnd            = 'e' // snapshot: the end, with the length of the Cloud stream
)

// requestRecord is a call that changed the Cloud: the API it was made to,
// who made it, at what instant, with which parameters (the Action among
// them), and the error code it was answered with ("" for success), which
// its replay must reproduce. A call to EC2 is a recRequest; a call to
// another service (RDS, ElastiCache, Redshift) is a recServiceRequest,
// whose first field names the service as the request's credential scope
// did.
type requestRecord struct {
	service string // "" for EC2
	caller  vpcmodel.Caller
	now     time.Time
	form    url.Values
	code    string
}

func (r requestRecord) append(b []byte) []byte {
	if r.service == "" {
		b = append(b, recRequest)
	} else {
		b = append(b, recServiceRequest)
		b = appendString(b, r.service)
	}
	b = appendString(b, r.caller.Account)
	b = appendString(b, r.caller.Region)
	b = appendTime(b, r.now)
	b = appendString(b, r.code)
	return appendString(b, r.form.Encode())
}

// clockRecord is the clock offset after POST /_emulator/clock, and the
// instant that request answered.
type clockRecord struct {
	offset time.Duration
	now    time.Time
}

func (r clockRecord) append(b []byte) []byte {
	b = append(b, recClock)
	b = binary.AppendVarint(b, int64(r.offset))
	return appendTime(b, r.now)
}

// metaRecord is what a snapshot holds besides the Cloud: the random
// stream's position, the clock offset, and the latest instant handed out.
type metaRecord struct {
	random []byte // rand.ChaCha8.MarshalBinary
	offset time.Duration
	floor  time.Time
}

func (r metaRecord) append(b []byte) []byte {
	b = append(b, recMeta)
	b = appendString(b, string(r.random))
	b = binary.AppendVarint(b, int64(r.offset))
	return appendTime(b, r.floor)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	m, err := t.UTC().MarshalBinary()
	if err != nil { // a UTC time always marshals
		panic(err)
	}
	return appendString(b, string(m))
}

// recordDecoder reads a payload's fields in order; the first failure
// sticks, and done reports it.
type recordDecoder struct {
	b   []byte
	err error
}

var errShortRecord = errors.New("the record ends early")

func (d *recordDecoder) string() string {
	if d.err != nil {
		return ""
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.err = errShortRecord
		return ""
	}
	s := string(d.b[k : k+int(n)])
	d.b = d.b[k+int(n):]
	return s
}

func (d *recordDecoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b)
	if k <= 0 {
		d.err = errShortRecord
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *recordDecoder) time() time.Time {
	s := d.string()
	if d.err != nil {
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalBinary([]byte(s)); err != nil {
		d.err = fmt.Errorf("a time that does not read: %w", err)
	}
	return t.UTC()
}

// done returns the first failure, or an error if bytes are left over.
func (d *recordDecoder) done() error {
	if d.err == nil && len(d.b) > 0 {
		d.err = fmt.Errorf("%d bytes after the record's last field", len(d.b))
	}
	return d.err
}

func decodeRequest(p []byte) (requestRecord, error) {
	d := recordDecoder{b: p[1:]}
	var r requestRecord
	if p[0] == recServiceRequest {
		if r.service = d.string(); r.service == "" && d.err == nil {
			d.err = errors.New("a service request that names no service")
		}
	}
	r.caller.Account = d.string()
	r.caller.Region = d.string()
	r.now = d.time()
	r.code = d.string()
	form := d.string()
	if err := d.done(); err != nil {
		return r, err
	}
	var err error
	if r.form, err = url.ParseQuery(form); err != nil {
		return r, fmt.Errorf("parameters that do not read: %w", err)
	}
	return r, nil
}

func decodeClock(p []byte) (clockRecord, error) {
	d := recordDecoder{b: p[1:]}
	r := clockRecord{offset: time.Duration(d.varint()), now: d.time()}
	return r, d.done()
}

func decodeMeta(p []byte) (metaRecord, error) {
	d := recordDecoder{b: p[1:]}
	r := metaRecord{random: []byte(d.string()), offset: time.Duration(d.varint()), floor: d.time()}
	return r, d.done()
}
