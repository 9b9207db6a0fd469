package vpcmodel_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// FuzzReadFrom checks that no stream makes Cloud.ReadFrom panic, that a
// refused one wraps ErrEncoding and leaves the Cloud as it was, and that an
// accepted one writes out bytes that read back to the same bytes. The seeds
// are streams of a Cloud holding network interfaces and Network Insights
// paths and analyses, whole and cut.
func FuzzReadFrom(f *testing.F) {
	p := newPeered(f, true)
	p.public(p.ea)
	path, err := p.c.CreateNetworkInsightsPath(p.who, vpcmodel.CreateNetworkInsightsPathInput{ClientToken: "t", Protocol: "tcp",
		Source: p.ea, Destination: p.eb, DestinationPort: vpcmodel.Some(443)}, p.now)
	p.ok(err)
	_, err = p.c.StartNetworkInsightsAnalysis(p.who, vpcmodel.StartNetworkInsightsAnalysisInput{ClientToken: "a",
		NetworkInsightsPathID: path.NetworkInsightsPath.NetworkInsightsPathID}, p.now)
	p.ok(err)
	var buf bytes.Buffer
	if _, err := p.c.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	whole := buf.Bytes()
	f.Add(whole)
	f.Add(whole[:len(whole)/2])
	f.Add(bytes.Replace(whole, []byte(`"running":true`), []byte(`"running":false`), 1))
	f.Add(bytes.Replace(whole, []byte(`"status":"succeeded"`), []byte(`"status":"pending"`), 1))
	f.Add(bytes.Replace(whole, []byte(`"ip":"10.0.1.10"`), []byte(`"ip":"10.0.1.3"`), 1))
	f.Add([]byte("{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
		if _, err := c.ReadFrom(bytes.NewReader(data)); err != nil {
			if !errors.Is(err, vpcmodel.ErrEncoding) {
				t.Fatalf("ReadFrom error %v does not wrap ErrEncoding", err)
			}
			var empty bytes.Buffer
			if _, err := c.WriteTo(&empty); err != nil || bytes.Count(empty.Bytes(), []byte("\n")) != 4 {
				t.Fatalf("a refused stream left %q", empty.String())
			}
			return
		}
		var out bytes.Buffer
		if _, err := c.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		c2 := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
		if _, err := c2.ReadFrom(bytes.NewReader(out.Bytes())); err != nil {
			t.Fatalf("the stream written does not read back: %v\n%s", err, out.String())
		}
		var again bytes.Buffer
		if _, err := c2.WriteTo(&again); err != nil || !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Fatalf("the stream is not stable (%v):\n%s\n---\n%s", err, out.String(), again.String())
		}
	})
}
