package vpcmodel_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/vpclab/vpcmodel"
)

// FuzzReadFrom checks that no stream makes Cloud.ReadFrom panic, that a
// refused one wraps ErrEncoding and leaves the Cloud as it was, and that an
// accepted one writes out bytes that read back to the same bytes. The seeds
// are the fixtures of every encoding version, and streams of a Cloud
// holding network interfaces and Network Insights paths and analyses,
// whole, cut and edited.
func FuzzReadFrom(f *testing.F) {
	for _, path := range []string{"testdata/cloud-v1.stream", "testdata/cloud-v2.stream"} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	c, _ := goldenCloud(f)
	var golden bytes.Buffer
	if _, err := c.WriteTo(&golden); err != nil {
		f.Fatal(err)
	}
	f.Add(golden.Bytes())
	f.Add([]byte(`{"format":"vpcmodel.Cloud","version":2,"clock":"2026-01-01T00:00:00Z","counts":{"vpc":1048577}}` + "\npeering\t{\"v\":1,\"clock\":\"0001-01-01T00:00:00Z\",\"connections\":[]}\npending\t{}\nend\t2\n"))
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
	buf.Reset()
	if _, err := ipamCloud(f).WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(bytes.Clone(buf.Bytes()))
	f.Add(bytes.Replace(buf.Bytes(), []byte(`"cidr":"10.0.0.0/16"`), []byte(`"cidr":"10.9.0.0/16"`), 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{1})})
		var before bytes.Buffer
		if _, err := c.WriteTo(&before); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ReadFrom(bytes.NewReader(data)); err != nil {
			if !errors.Is(err, vpcmodel.ErrEncoding) {
				t.Fatalf("ReadFrom error %v does not wrap ErrEncoding", err)
			}
			var after bytes.Buffer
			if _, err := c.WriteTo(&after); err != nil || !bytes.Equal(before.Bytes(), after.Bytes()) {
				t.Fatalf("a refused stream changed the Cloud (%v): %q", err, after.String())
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

// ipamCloud returns a Cloud with an IPAM, a pool with 10.0.0.0/8
// provisioned, and a VPC whose block comes from the pool.
func ipamCloud(tb testing.TB) *vpcmodel.Cloud {
	tb.Helper()
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9})})
	i, err := c.CreateIpam(alice, vpcmodel.CreateIpamInput{ClientToken: "t1"}, t0)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := c.CreateIpamPool(alice, vpcmodel.CreateIpamPoolInput{IpamScopeID: i.Ipam.PrivateDefaultScopeID, AddressFamily: "ipv4",
		ClientToken: "t2", AutoImport: true, AllocationResourceTags: []vpcmodel.IpamResourceTag{{Key: "env", Value: "prod"}}}, t0)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := c.ProvisionIpamPoolCidr(alice, vpcmodel.ProvisionIpamPoolCidrInput{IpamPoolID: p.IpamPool.IpamPoolID, Cidr: "10.0.0.0/8"}, t0); err != nil {
		tb.Fatal(err)
	}
	if _, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{IPv4IpamPoolID: p.IpamPool.IpamPoolID, IPv4NetmaskLength: vpcmodel.Some(16)}, t0); err != nil {
		tb.Fatal(err)
	}
	// A deprovisioning that fails, for its reason in the stream.
	if _, err := c.DeprovisionIpamPoolCidr(alice, vpcmodel.DeprovisionIpamPoolCidrInput{IpamPoolID: p.IpamPool.IpamPoolID, Cidr: "10.0.0.0/8"}, t0); err != nil {
		tb.Fatal(err)
	}
	if _, err := c.DescribeIpamPools(alice, vpcmodel.DescribeIpamPoolsInput{}, t0); err != nil {
		tb.Fatal(err)
	}
	return c
}
