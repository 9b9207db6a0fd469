package tgw_test

import (
	"errors"
	"time"

	"github.com/vpclab/vpcmodel/tgw"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const (
	gwID    = "tgw-0a1b2c3d4e5f60718"
	rtbID   = "tgw-rtb-0a1b2c3d4e5f60718"
	rtb2ID  = "tgw-rtb-0a1b2c3d4e5f60719"
	attID   = "tgw-attach-0a1b2c3d4e5f60718"
	att2ID  = "tgw-attach-0a1b2c3d4e5f60719"
	vpcA    = "vpc-0a1b2c3d4e5f60718"
	vpcB    = "vpc-0a1b2c3d4e5f60719"
	account = "111122223333"
)

// tb is what the helpers need of a test: *testing.T, *testing.F or
// *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// available returns an available gateway with its default table.
func available(t tb) (tgw.Gateway, tgw.RouteTable) {
	t.Helper()
	g, rt, err := tgw.New(tgw.Spec{ID: gwID, OwnerID: account, Region: "us-east-1", Description: "d", DefaultRouteTableID: rtbID}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return g.Settle(t0), rt.Settle(t0)
}

// vpcAttachment returns an available attachment of vpc to g.
func vpcAttachment(t tb, g tgw.Gateway, id, vpc string, existing ...tgw.Attachment) tgw.Attachment {
	t.Helper()
	a, err := tgw.NewAttachment(tgw.AttachmentSpec{ID: id, Gateway: g, OwnerID: account, ResourceType: tgw.ResourceVPC, ResourceID: vpc,
		Subnets: []tgw.Subnet{{ID: "subnet-0a1b2c3d4e5f60718", VPC: vpc, Zone: "us-east-1a"}}}, existing, t0)
	if err != nil {
		t.Fatal(err)
	}
	return a.Settle(t0)
}

// wantCode fails t unless err is a *tgw.Error with code and cause.
func wantCode(t tb, err error, code string, cause error) {
	t.Helper()
	var e *tgw.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *tgw.Error with code %s", err, code)
	}
	if e.ErrorCode() != code || cause != nil && !errors.Is(err, cause) {
		t.Fatalf("err = %v (code %s), want code %s wrapping %v", err, e.ErrorCode(), code, cause)
	}
	if e.ErrorMessage() == "" {
		t.Fatalf("err %v has no message", err)
	}
}
