package flowlog_test

import (
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/flowlog"
)

// FuzzCheck feeds Check arbitrary destinations, roles and formats: it must
// not panic, and what it accepts must make a flow log that survives
// encoding unchanged.
func FuzzCheck(f *testing.F) {
	f.Add("s3", "arn:aws:s3:::bucket/x", "", "")
	f.Add("cloud-watch-logs", "arn:aws:logs:us-east-1:111122223333:log-group:g:*", "arn:aws:iam::111122223333:role/r", "${version} ${srcaddr}")
	f.Add("cloud-watch-logs", "", "arn:aws:iam::111122223333:role/r", "")
	f.Add("kinesis-data-firehose", "arn:aws:firehose:eu-west-1:111122223333:deliverystream/s", "", "${action}")
	f.Add("s3", "arn:aws:s3:::", "", "${")
	f.Fuzz(func(t *testing.T, destType, dest, role, format string) {
		s := flowlog.Spec{TrafficType: "ALL", DestinationType: destType, Destination: dest, DeliverLogsPermissionARN: role, LogFormat: format}
		if destType == "cloud-watch-logs" && dest == "" {
			s.LogGroupName = "g"
		}
		checked, err := flowlog.Check(s)
		if err != nil {
			return
		}
		fl, err := flowlog.New("fl-0123456789abcdef0", "111122223333", "vpc-0123456789abcdef0", checked, "", time.Unix(0, 0))
		if err != nil {
			t.Fatalf("New(Check(%+v)) = %v", s, err)
		}
		b, err := fl.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back flowlog.FlowLog
		if err := back.UnmarshalBinary(b); err != nil || back != fl {
			t.Fatalf("round trip of %s = %+v, %v", b, back, err)
		}
	})
}

// FuzzUnmarshalBinary checks that decoding arbitrary bytes never panics
// and that whatever decodes encodes to the same flow log.
func FuzzUnmarshalBinary(f *testing.F) {
	f.Add([]byte(`{"v":1,"id":"fl-0123456789abcdef0","owner":"111122223333","resource":"vpc-0123456789abcdef0","created":"2026-01-01T00:00:00Z","traffic":"ALL","destType":"s3","dest":"arn:aws:s3:::bucket","format":"${version}","interval":600,"fileFormat":"plain-text"}`))
	f.Add([]byte(`{"v":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fl flowlog.FlowLog
		if err := fl.UnmarshalBinary(data); err != nil {
			return
		}
		b, err := fl.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back flowlog.FlowLog
		if err := back.UnmarshalBinary(b); err != nil || back != fl {
			t.Fatalf("re-decode of %s = %+v, %v", b, back, err)
		}
	})
}
