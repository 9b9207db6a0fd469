package flowlog_test

import (
	"errors"
	"fmt"

	"github.com/vpclab/vpcmodel/flowlog"
)

func ExampleCheck() {
	s, err := flowlog.Check(flowlog.Spec{
		TrafficType:              "REJECT",
		Destination:              "arn:aws:logs:eu-west-1:111122223333:log-group:/vpc/flows",
		DeliverLogsPermissionARN: "arn:aws:iam::111122223333:role/flow-logs",
	})
	fmt.Println(err)
	fmt.Println(s.DestinationType, s.LogGroupName, s.MaxAggregationInterval)
	_, err = flowlog.Check(flowlog.Spec{TrafficType: "ALL", DestinationType: "cloud-watch-logs", LogGroupName: "flows"})
	var fe *flowlog.Error
	if errors.As(err, &fe) {
		fmt.Println(fe.ErrorCode(), fe.ErrorMessage())
	}
	// Output:
	// <nil>
	// cloud-watch-logs /vpc/flows 600
	// InvalidParameter DeliverLogsPermissionArn can't be empty if LogDestinationType is cloud-watch-logs.
}
