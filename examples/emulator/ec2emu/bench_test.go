package ec2emu_test

import (
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// BenchmarkPeeringLifecycle measures the server's own cost of the peering
// lifecycle emuload drives (create, accept, describe, delete), without
// HTTP transport or SDK: one op is the four requests.
func BenchmarkPeeringLifecycle(b *testing.B) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	srv := ec2emu.New(ec2emu.Options{Now: func() time.Time { return now }, Random: rand.NewChaCha8([32]byte{9})})
	do := func(body string) string {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", form)
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20260301/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("%s: %d %s", body, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	id := func(doc, elem string) string { // the first <elem>'s text
		_, rest, _ := strings.Cut(doc, "<"+elem+">")
		inner, _, _ := strings.Cut(rest, "</"+elem+">")
		return inner
	}
	a := id(do("Action=CreateVpc&CidrBlock=10.1.0.0/16"), "vpcId")
	c := id(do("Action=CreateVpc&CidrBlock=10.2.0.0/16"), "vpcId")
	b.ReportAllocs()
	for b.Loop() {
		pcx := id(do("Action=CreateVpcPeeringConnection&VpcId="+a+"&PeerVpcId="+c), "vpcPeeringConnectionId")
		do("Action=AcceptVpcPeeringConnection&VpcPeeringConnectionId=" + pcx)
		do("Action=DescribeVpcPeeringConnections&VpcPeeringConnectionId.1=" + pcx)
		do("Action=DeleteVpcPeeringConnection&VpcPeeringConnectionId=" + pcx)
		now = now.Add(3 * time.Minute) // deleted connections leave after 2 hours
	}
}
