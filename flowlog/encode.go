package flowlog

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// encodingVersion is the version of the encoding MarshalBinary writes.
const encodingVersion = 1

type record struct {
	V           int       `json:"v"`
	ID          string    `json:"id"`
	OwnerID     string    `json:"owner"`
	ResourceID  string    `json:"resource"`
	ClientToken string    `json:"token,omitempty"`
	Created     time.Time `json:"created"`

	TrafficType     string `json:"traffic"`
	DestinationType string `json:"destType"`
	Destination     string `json:"dest,omitempty"`
	LogGroupName    string `json:"group,omitempty"`
	Permission      string `json:"permission,omitempty"`
	CrossAccount    string `json:"crossAccount,omitempty"`
	LogFormat       string `json:"format"`
	Interval        int    `json:"interval"`
	FileFormat      string `json:"fileFormat,omitempty"`
	Hive            bool   `json:"hive,omitempty"`
	PerHour         bool   `json:"perHour,omitempty"`
}

// MarshalBinary encodes f losslessly, for [FlowLog.UnmarshalBinary]: a
// versioned JSON document. The zero FlowLog cannot be encoded.
func (f FlowLog) MarshalBinary() ([]byte, error) {
	if !f.IsValid() {
		return nil, errors.New("flowlog: marshal: the zero FlowLog")
	}
	s := f.spec
	return json.Marshal(record{encodingVersion, f.id, f.ownerID, f.resourceID, f.clientToken, f.created,
		s.TrafficType, s.DestinationType, s.Destination, s.LogGroupName, s.DeliverLogsPermissionARN,
		s.DeliverCrossAccountRole, s.LogFormat, s.MaxAggregationInterval, s.FileFormat,
		s.HiveCompatiblePartitions, s.PerHourPartition})
}

// UnmarshalBinary sets f to the flow log data encodes, after checking it
// as [New] does; on error f is unchanged.
func (f *FlowLog) UnmarshalBinary(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("flowlog: unmarshal: %w", err)
	}
	if r.V != encodingVersion {
		return fmt.Errorf("flowlog: unmarshal: encoding version %d, want %d", r.V, encodingVersion)
	}
	s := Spec{TrafficType: r.TrafficType, DestinationType: r.DestinationType, Destination: r.Destination,
		DeliverLogsPermissionARN: r.Permission, DeliverCrossAccountRole: r.CrossAccount, LogFormat: r.LogFormat,
		MaxAggregationInterval: r.Interval, HasDestinationOptions: r.DestinationType == S3, FileFormat: r.FileFormat,
		HiveCompatiblePartitions: r.Hive, PerHourPartition: r.PerHour}
	if r.Destination == "" {
		s.LogGroupName = r.LogGroupName
	}
	n, err := New(r.ID, r.OwnerID, r.ResourceID, s, r.ClientToken, r.Created)
	if err != nil {
		return fmt.Errorf("flowlog: unmarshal: %w", err)
	}
	if n.spec.LogGroupName != r.LogGroupName || n.created != r.Created {
		return fmt.Errorf("flowlog: unmarshal %s: inconsistent log group or creation time", r.ID)
	}
	*f = n
	return nil
}
