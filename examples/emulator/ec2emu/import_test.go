package ec2emu_test

import (
	"bytes"
	"context"
	"io"
	"log"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/vpclab/vpcmodel/awsimport"
	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// TestLoadImported starts an emulator with a state directory from the
// network the reach command's test data describes, checks that the SDK sees
// it with its real IDs, and that a restart restores it.
func TestLoadImported(t *testing.T) {
	srcs, err := awsimport.Load(os.DirFS(filepath.Join("..", "..", "reach", "testdata")), []string{"aws"}, "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	im, err := awsimport.Build(srcs, now, "000000000000")
	if err != nil || len(im.Warnings) > 0 {
		t.Fatalf("Build = %v, warnings %v", err, im.Warnings)
	}
	var want []string
	for _, s := range srcs {
		for _, v := range s.Vpcs {
			want = append(want, v.VpcId)
		}
	}
	slices.Sort(want)
	var buf bytes.Buffer
	if _, err := im.Cloud.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts := ec2emu.Options{Now: func() time.Time { return now }, Random: rand.NewChaCha8([32]byte{1}), Log: log.New(io.Discard, "", 0)}
	vpcs := func(h *ec2emu.Server) []string {
		t.Helper()
		srv := httptest.NewServer(h)
		defer srv.Close()
		c := ec2.New(ec2.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Retryer: aws.NopRetryer{},
			Credentials: credentials.NewStaticCredentialsProvider("111111111111", "secret", "")})
		o, err := c.DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range o.Vpcs {
			got = append(got, aws.ToString(v.VpcId))
		}
		return got
	}
	h, err := ec2emu.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Load(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if got := vpcs(h); !slices.Equal(got, want) {
		t.Fatalf("VPCs served = %v, want %v", got, want)
	}
	if err := h.Load(bytes.NewReader([]byte("not a stream"))); err == nil {
		t.Fatal("Load accepted a broken stream")
	}
	if got := vpcs(h); !slices.Equal(got, want) {
		t.Fatalf("VPCs after a refused Load = %v, want %v", got, want)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	h, err = ec2emu.Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if got := vpcs(h); !slices.Equal(got, want) {
		t.Fatalf("VPCs after a restart = %v, want %v", got, want)
	}
}
