package flowlog_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vpclab/vpcmodel/flowlog"
)

const (
	role  = "arn:aws:iam::111122223333:role/flow-logs"
	group = "arn:aws:logs:us-east-1:111122223333:log-group:/vpc/flows"
)

func TestCheck(t *testing.T) {
	s3 := func(mod func(*flowlog.Spec)) flowlog.Spec {
		s := flowlog.Spec{TrafficType: "ALL", DestinationType: "s3", Destination: "arn:aws:s3:::bucket-a/prefix"}
		mod(&s)
		return s
	}
	cw := func(mod func(*flowlog.Spec)) flowlog.Spec {
		s := flowlog.Spec{TrafficType: "REJECT", Destination: group, DeliverLogsPermissionARN: role}
		mod(&s)
		return s
	}
	same := func(*flowlog.Spec) {}
	for _, tt := range []struct {
		name string
		spec flowlog.Spec
		code string // "" when accepted
	}{
		{"s3", s3(same), ""},
		{"s3 parquet hourly", s3(func(s *flowlog.Spec) {
			s.HasDestinationOptions, s.FileFormat, s.PerHourPartition = true, "parquet", true
		}), ""},
		{"s3 file format csv", s3(func(s *flowlog.Spec) { s.HasDestinationOptions, s.FileFormat = true, "csv" }), "InvalidParameterValue"},
		{"s3 with a role", s3(func(s *flowlog.Spec) { s.DeliverLogsPermissionARN = role }), "InvalidParameter"},
		{"s3 without destination", s3(func(s *flowlog.Spec) { s.Destination = "" }), "InvalidParameter"},
		{"s3 with log group", s3(func(s *flowlog.Spec) { s.LogGroupName = "g" }), "InvalidParameter"},
		{"s3 bucket in upper case", s3(func(s *flowlog.Spec) { s.Destination = "arn:aws:s3:::Bucket" }), "InvalidParameterValue"},
		{"s3 bucket of two letters", s3(func(s *flowlog.Spec) { s.Destination = "arn:aws:s3:::ab" }), "InvalidParameterValue"},
		{"s3 with a Region", s3(func(s *flowlog.Spec) { s.Destination = "arn:aws:s3:us-east-1::bucket" }), "InvalidParameterValue"},
		{"s3 in China", s3(func(s *flowlog.Spec) { s.Destination = "arn:aws-cn:s3:::bucket" }), ""},
		{"cloud-watch-logs by ARN", cw(same), ""},
		{"cloud-watch-logs by ARN with :*", cw(func(s *flowlog.Spec) { s.Destination = group + ":*" }), ""},
		{"cloud-watch-logs by name", cw(func(s *flowlog.Spec) { s.Destination, s.LogGroupName = "", "flows" }), ""},
		{"cloud-watch-logs by both", cw(func(s *flowlog.Spec) { s.LogGroupName = "flows" }), "InvalidParameterCombination"},
		{"cloud-watch-logs by neither", cw(func(s *flowlog.Spec) { s.Destination = "" }), "InvalidParameter"},
		{"cloud-watch-logs without role", cw(func(s *flowlog.Spec) { s.DeliverLogsPermissionARN = "" }), "InvalidParameter"},
		{"cloud-watch-logs with a bucket", cw(func(s *flowlog.Spec) { s.Destination = "arn:aws:s3:::bucket" }), "InvalidParameterValue"},
		{"role that is a user", cw(func(s *flowlog.Spec) { s.DeliverLogsPermissionARN = "arn:aws:iam::111122223333:user/u" }), "InvalidParameterValue"},
		{"cross-account role", cw(func(s *flowlog.Spec) { s.DeliverCrossAccountRole = role }), ""},
		{"cross-account role malformed", cw(func(s *flowlog.Spec) { s.DeliverCrossAccountRole = "role" }), "InvalidParameterValue"},
		{"cloud-watch-logs with options", cw(func(s *flowlog.Spec) { s.HasDestinationOptions = true }), "InvalidParameter"},
		{"firehose", flowlog.Spec{TrafficType: "ACCEPT", DestinationType: "kinesis-data-firehose", Destination: "arn:aws:firehose:us-east-1:111122223333:deliverystream/s"}, ""},
		{"firehose with a bucket", flowlog.Spec{TrafficType: "ACCEPT", DestinationType: "kinesis-data-firehose", Destination: "arn:aws:s3:::bucket"}, "InvalidParameterValue"},
		{"no traffic type", cw(func(s *flowlog.Spec) { s.TrafficType = "" }), "MissingParameter"},
		{"traffic type in lower case", cw(func(s *flowlog.Spec) { s.TrafficType = "all" }), "InvalidParameterValue"},
		{"destination type sqs", cw(func(s *flowlog.Spec) { s.DestinationType = "sqs" }), "InvalidParameterValue"},
		{"interval 60", cw(func(s *flowlog.Spec) { s.MaxAggregationInterval = 60 }), ""},
		{"interval 61", cw(func(s *flowlog.Spec) { s.MaxAggregationInterval = 61 }), "InvalidParameterValue"},
		{"format", cw(func(s *flowlog.Spec) { s.LogFormat = "${version} ${vpc-id} ${reject-reason}" }), ""},
		{"format with an unknown field", cw(func(s *flowlog.Spec) { s.LogFormat = "${version} ${colour}" }), "InvalidParameterValue"},
		{"format with a field twice", cw(func(s *flowlog.Spec) { s.LogFormat = "${version} ${version}" }), "InvalidParameterValue"},
		{"format with two spaces", cw(func(s *flowlog.Spec) { s.LogFormat = "${version}  ${srcaddr}" }), "InvalidParameterValue"},
		{"format without braces", cw(func(s *flowlog.Spec) { s.LogFormat = "$version" }), "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := flowlog.Check(tt.spec)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Check(%+v) = %v, want success", tt.spec, err)
				}
				// Check is idempotent on what it returns, through New.
				if _, err := flowlog.New("fl-0123456789abcdef0", "111122223333", "vpc-0123456789abcdef0", got, "", time.Time{}); err != nil {
					t.Fatalf("New(Check(%+v)) = %v", tt.spec, err)
				}
				return
			}
			var fe *flowlog.Error
			if !errors.Is(err, flowlog.ErrInvalid) || !errors.As(err, &fe) || fe.ErrorCode() != tt.code || fe.ErrorMessage() == "" {
				t.Fatalf("Check(%+v) = %v, want a *flowlog.Error with %s", tt.spec, err, tt.code)
			}
		})
	}
}

func TestCheckDefaults(t *testing.T) {
	got, err := flowlog.Check(flowlog.Spec{TrafficType: "ALL", Destination: group + ":*", DeliverLogsPermissionARN: role})
	if err != nil {
		t.Fatal(err)
	}
	want := flowlog.Spec{TrafficType: "ALL", DestinationType: "cloud-watch-logs", Destination: group + ":*", LogGroupName: "/vpc/flows",
		DeliverLogsPermissionARN: role, LogFormat: flowlog.DefaultFormat, MaxAggregationInterval: 600}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check mismatch (-want +got):\n%s", diff)
	}
	got, err = flowlog.Check(flowlog.Spec{TrafficType: "ALL", DestinationType: "s3", Destination: "arn:aws:s3:::bucket"})
	if err != nil || !got.HasDestinationOptions || got.FileFormat != "plain-text" {
		t.Errorf("Check(s3) = %+v, %v; want plain-text destination options", got, err)
	}
}

func TestNewAndDuplicates(t *testing.T) {
	s := flowlog.Spec{TrafficType: "ALL", DestinationType: "s3", Destination: "arn:aws:s3:::bucket"}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))
	f, err := flowlog.New("fl-0123456789abcdef0", "111122223333", "subnet-0123456789abcdef0", s, "tok", at)
	if err != nil {
		t.Fatal(err)
	}
	if f.ID() != "fl-0123456789abcdef0" || f.OwnerID() != "111122223333" || f.ResourceID() != "subnet-0123456789abcdef0" ||
		f.ClientToken() != "tok" || !f.CreatedAt().Equal(at) || f.CreatedAt().Location() != time.UTC {
		t.Errorf("New = %+v", f)
	}
	checked, _ := flowlog.Check(s)
	if !f.Duplicates("subnet-0123456789abcdef0", checked) {
		t.Error("the same configuration is not a duplicate")
	}
	other := checked
	other.TrafficType = "REJECT"
	if f.Duplicates("subnet-0123456789abcdef0", other) || f.Duplicates("subnet-1123456789abcdef0", checked) {
		t.Error("another traffic type or resource is a duplicate")
	}
	for _, res := range []string{"i-0123456789abcdef0", "vpc-1", ""} {
		if _, err := flowlog.New("fl-0123456789abcdef0", "111122223333", res, s, "", at); err == nil {
			t.Errorf("New accepts resource %q", res)
		}
	}
	if _, err := flowlog.New("fl-1", "111122223333", "vpc-0123456789abcdef0", s, "", at); err == nil {
		t.Error("New accepts a malformed ID")
	}
	b, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back flowlog.FlowLog
	if err := back.UnmarshalBinary(b); err != nil || back != f {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, f)
	}
	var zero flowlog.FlowLog
	if zero.IsValid() {
		t.Error("the zero FlowLog is valid")
	}
	if _, err := zero.MarshalBinary(); err == nil {
		t.Error("the zero FlowLog encodes")
	}
	if k, ok := flowlog.ResourceKind("Instance"); ok || k.Prefix != "" {
		t.Error("Instance is a resource kind")
	}
}
