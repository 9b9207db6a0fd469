package ec2emu_test

import (
	"encoding/xml"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// FuzzRequest feeds arbitrary form bodies to the emulator: it must never
// panic, never answer 500, and always answer a well-formed EC2 document.
func FuzzRequest(f *testing.F) {
	for _, seed := range []string{
		"Action=CreateVpc&CidrBlock=10.0.0.0/16",
		"Action=DescribeVpcs&Filter.1.Name=tag:team&Filter.1.Value.1=red&MaxResults=5",
		"Action=DescribeVpcs&VpcId.1=vpc-0123456789abcdef0&VpcId.3=vpc-12345678",
		"Action=CreateTags&ResourceId.1=vpc-12345678&Tag.1.Key=k&Tag.1.Value=v",
		"Action=CreateVpcPeeringConnection&VpcId=vpc-12345678&PeerVpcId=vpc-87654321&PeerRegion=eu-west-1",
		"Action=CreateVpnConnection&Type=ipsec.1&CustomerGatewayId=cgw-12345678&Options.TunnelOptions.1.PreSharedKey=abcdefgh&Options.TunnelOptions.1.Phase1EncryptionAlgorithm.1.Value=AES128",
		"Action=CreateRoute&RouteTableId=rtb-12345678&DestinationCidrBlock=0.0.0.0/0&GatewayId=igw-12345678",
		"Action=DescribeVpcs&DryRun=true",
		"Action=DescribeVpcs&Filter.1.Value.1=x",
		"Action=&=&&&Filter..Name",
		"%zz",
	} {
		f.Add(seed)
	}
	srv := ec2emu.New(ec2emu.Options{
		Now:    func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
		Random: rand.NewChaCha8([32]byte{7}),
	})
	// A VPC for the fuzzer to find by its deterministic ID.
	create := httptest.NewRequest("POST", "/", strings.NewReader("Action=CreateVpc&CidrBlock=10.0.0.0/16"))
	create.Header.Set("Content-Type", form)
	srv.ServeHTTP(httptest.NewRecorder(), create)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", form)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusForbidden, http.StatusPreconditionFailed, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q:\n%s", rec.Code, body, rec.Body)
		}
		var doc struct {
			XMLName   xml.Name
			RequestID string `xml:"requestId"`
			ErrorID   string `xml:"RequestID"`
			Errors    []struct {
				Code string `xml:"Code"`
			} `xml:"Errors>Error"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("not XML for %q: %v\n%s", body, err, rec.Body)
		}
		if rec.Code == http.StatusOK {
			if !strings.HasSuffix(doc.XMLName.Local, "Response") || doc.XMLName.Space != "http://ec2.amazonaws.com/doc/2016-11-15/" || doc.RequestID == "" {
				t.Fatalf("success document malformed for %q:\n%s", body, rec.Body)
			}
			return
		}
		if doc.XMLName.Local != "Response" || len(doc.Errors) != 1 || doc.Errors[0].Code == "" || doc.ErrorID == "" {
			t.Fatalf("error document malformed for %q:\n%s", body, rec.Body)
		}
	})
}
