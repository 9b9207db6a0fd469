package flowlog

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Traffic types: what a flow log records.
const (
	Accept = "ACCEPT"
	Reject = "REJECT"
	All    = "ALL"
)

// Resource types a flow log may watch, as CreateFlowLogs names them.
const (
	ResourceVPC              = "VPC"
	ResourceSubnet           = "Subnet"
	ResourceNetworkInterface = "NetworkInterface"
)

// Destination types.
const (
	CloudWatchLogs = "cloud-watch-logs"
	S3             = "s3"
	Firehose       = "kinesis-data-firehose"
)

// File formats of an s3 destination.
const (
	PlainText = "plain-text"
	Parquet   = "parquet"
)

// Status values a flow log reports: FlowLogStatus and DeliverLogsStatus.
const (
	StatusActive    = "ACTIVE"
	DeliverySuccess = "SUCCESS"
)

// DefaultFormat is the record format of a flow log created without
// LogFormat: the version 2 fields.
const DefaultFormat = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"

// DefaultAggregationInterval is the MaxAggregationInterval of a flow log
// created without one, in seconds.
const DefaultAggregationInterval = 600

// fields are the names a LogFormat may use.
var fields = []string{
	"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
	"packets", "bytes", "start", "end", "action", "log-status",
	"vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr",
	"region", "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service",
	"flow-direction", "traffic-path",
	"ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
	"ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn",
	"ecs-task-arn", "ecs-task-id", "reject-reason",
	"resource-id", "encryption-status",
}

// Spec is what CreateFlowLogs asks of every flow log it makes, the
// resource aside. Empty fields take their defaults in [Check]. The zero
// Spec is not valid (it has no TrafficType).
type Spec struct {
	TrafficType              string
	DestinationType          string // "" is cloud-watch-logs
	Destination              string // an ARN
	LogGroupName             string // cloud-watch-logs only
	DeliverLogsPermissionARN string
	DeliverCrossAccountRole  string
	LogFormat                string // "" is DefaultFormat
	MaxAggregationInterval   int    // 0 is DefaultAggregationInterval
	// DestinationOptions, s3 only.
	HasDestinationOptions    bool
	FileFormat               string // "" is plain-text
	HiveCompatiblePartitions bool
	PerHourPartition         bool
}

// Check validates s as CreateFlowLogs does (see the package's rule table)
// and returns it with its defaults filled in: the destination type, the
// log group name of a cloud-watch-logs ARN, the format, the interval and,
// for s3, the destination options. The error is an *Error with EC2's code.
func Check(s Spec) (Spec, error) {
	switch s.TrafficType {
	case Accept, Reject, All:
	case "":
		return Spec{}, refuse("MissingParameter", "TrafficType", "", "The request must contain the parameter TrafficType")
	default:
		return Spec{}, badValue("TrafficType", s.TrafficType)
	}
	if s.DestinationType == "" {
		s.DestinationType = CloudWatchLogs
	}
	switch s.DestinationType {
	case CloudWatchLogs:
		if s.DeliverLogsPermissionARN == "" {
			return Spec{}, refuse("InvalidParameter", "DeliverLogsPermissionArn", "",
				"DeliverLogsPermissionArn can't be empty if LogDestinationType is cloud-watch-logs.")
		}
		switch {
		case s.LogGroupName != "" && s.Destination != "":
			return Spec{}, refuse("InvalidParameterCombination", "LogGroupName", s.LogGroupName,
				"Please only provide LogGroupName or only provide LogDestination.")
		case s.LogGroupName == "" && s.Destination == "":
			return Spec{}, refuse("InvalidParameter", "LogDestination", "",
				"LogDestination can't be empty if LogGroupName is not provided.")
		case s.Destination != "":
			name, ok := logGroupOf(s.Destination)
			if !ok {
				return Spec{}, badValue("LogDestination", s.Destination)
			}
			s.LogGroupName = name
		case !validName(s.LogGroupName, 512):
			return Spec{}, badValue("LogGroupName", s.LogGroupName)
		}
	case S3, Firehose:
		if s.LogGroupName != "" {
			return Spec{}, refuse("InvalidParameter", "LogGroupName", s.LogGroupName,
				"LogGroupName is only applicable to the cloud-watch-logs destination type.")
		}
		if s.Destination == "" {
			return Spec{}, refuse("InvalidParameter", "LogDestination", "",
				"LogDestination can't be empty if LogDestinationType is "+s.DestinationType+".")
		}
		ok := s.DestinationType == S3 && isBucketARN(s.Destination) || s.DestinationType == Firehose && isStreamARN(s.Destination)
		if !ok {
			return Spec{}, badValue("LogDestination", s.Destination)
		}
		if s.DestinationType == S3 && s.DeliverLogsPermissionARN != "" {
			return Spec{}, refuse("InvalidParameter", "DeliverLogsPermissionArn", s.DeliverLogsPermissionARN,
				"DeliverLogsPermissionArn is not applicable for s3 delivery")
		}
	default:
		return Spec{}, badValue("LogDestinationType", s.DestinationType)
	}
	if s.DeliverLogsPermissionARN != "" && !isRoleARN(s.DeliverLogsPermissionARN) {
		return Spec{}, badValue("DeliverLogsPermissionArn", s.DeliverLogsPermissionARN)
	}
	if s.DeliverCrossAccountRole != "" && !isRoleARN(s.DeliverCrossAccountRole) {
		return Spec{}, badValue("DeliverCrossAccountRole", s.DeliverCrossAccountRole)
	}
	if s.LogFormat == "" {
		s.LogFormat = DefaultFormat
	} else if err := checkFormat(s.LogFormat); err != nil {
		return Spec{}, err
	}
	switch s.MaxAggregationInterval {
	case 0:
		s.MaxAggregationInterval = DefaultAggregationInterval
	case 60, 600:
	default:
		return Spec{}, badValue("MaxAggregationInterval", fmt.Sprint(s.MaxAggregationInterval))
	}
	if s.DestinationType != S3 {
		if s.HasDestinationOptions {
			return Spec{}, refuse("InvalidParameter", "DestinationOptions", "",
				"DestinationOptions is only applicable to the s3 destination type.")
		}
		return s, nil
	}
	s.HasDestinationOptions = true
	switch s.FileFormat {
	case "":
		s.FileFormat = PlainText
	case PlainText, Parquet:
	default:
		return Spec{}, badValue("DestinationOptions.FileFormat", s.FileFormat)
	}
	return s, nil
}

// checkFormat checks a LogFormat: ${field} tokens separated by single
// spaces, each a known field, none twice.
func checkFormat(f string) error {
	seen := make(map[string]bool)
	for _, tok := range strings.Split(f, " ") {
		name, ok := strings.CutPrefix(tok, "${")
		if ok {
			name, ok = strings.CutSuffix(name, "}")
		}
		if !ok || !slices.Contains(fields, name) || seen[name] {
			return refuse("InvalidParameterValue", "LogFormat", f, "Unknown or repeated fields provided in LogFormat: '"+tok+"'.")
		}
		seen[name] = true
	}
	return nil
}

// arn splits an ARN into its six parts.
func arn(s string) (parts [6]string, ok bool) {
	p := strings.SplitN(s, ":", 6)
	if len(p) != 6 || p[0] != "arn" || !slices.Contains([]string{"aws", "aws-cn", "aws-us-gov"}, p[1]) {
		return parts, false
	}
	copy(parts[:], p)
	return parts, true
}

// logGroupOf returns the log group an ARN names:
// arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME, optionally followed by :*.
func logGroupOf(s string) (string, bool) {
	p, ok := arn(s)
	if !ok || p[2] != "logs" || !ec2.IsRegion(p[3]) || !ec2.IsAccount(p[4]) {
		return "", false
	}
	name, ok := strings.CutPrefix(p[5], "log-group:")
	name = strings.TrimSuffix(name, ":*")
	if !ok || !validName(name, 512) || strings.Contains(name, ":") {
		return "", false
	}
	return name, true
}

// isBucketARN reports whether s is arn:PARTITION:s3:::BUCKET, optionally
// followed by /FOLDER.
func isBucketARN(s string) bool {
	p, ok := arn(s)
	if !ok || p[2] != "s3" || p[3] != "" || p[4] != "" {
		return false
	}
	bucket, folder, _ := strings.Cut(p[5], "/")
	if len(bucket) < 3 || len(bucket) > 63 || folder != "" && !validName(folder, 1024) {
		return false
	}
	for i := 0; i < len(bucket); i++ {
		c := bucket[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// isStreamARN reports whether s is
// arn:PARTITION:firehose:REGION:ACCOUNT:deliverystream/NAME.
func isStreamARN(s string) bool {
	p, ok := arn(s)
	if !ok || p[2] != "firehose" || !ec2.IsRegion(p[3]) || !ec2.IsAccount(p[4]) {
		return false
	}
	name, ok := strings.CutPrefix(p[5], "deliverystream/")
	return ok && validName(name, 64) && !strings.Contains(name, "/")
}

// isRoleARN reports whether s is arn:PARTITION:iam::ACCOUNT:role/NAME
// (with an optional path).
func isRoleARN(s string) bool {
	p, ok := arn(s)
	if !ok || p[2] != "iam" || p[3] != "" || !ec2.IsAccount(p[4]) {
		return false
	}
	name, ok := strings.CutPrefix(p[5], "role/")
	return ok && validName(name, 512)
}

// validName reports whether s is a non-empty name of at most max printable
// ASCII characters without spaces.
func validName(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// FlowLog is one flow log: its ID, owner, resource, configuration and
// creation. It is immutable and supports ==. The zero FlowLog is not
// valid; use [New].
type FlowLog struct {
	id          string
	ownerID     string
	resourceID  string
	clientToken string
	created     time.Time
	spec        Spec
}

// ResourceKind returns the ID kind of resource type t (VPC, Subnet,
// NetworkInterface), and whether t is one.
func ResourceKind(t string) (ec2.Kind, bool) {
	switch t {
	case ResourceVPC:
		return ec2.VPC, true
	case ResourceSubnet:
		return ec2.Subnet, true
	case ResourceNetworkInterface:
		return ec2.NetworkInterface, true
	}
	return ec2.Kind{}, false
}

// New returns the flow log id of ownerID watching resourceID (a vpc-,
// subnet- or eni- ID) as s asks, created at created with the request's
// client token. s is checked with [Check], and may be what Check returned:
// a LogGroupName that Check derived from a cloud-watch-logs LogDestination
// is accepted; the error is an *Error.
func New(id, ownerID, resourceID string, s Spec, clientToken string, created time.Time) (FlowLog, error) {
	if s.DestinationType == CloudWatchLogs && s.Destination != "" {
		if name, ok := logGroupOf(s.Destination); ok && name == s.LogGroupName {
			s.LogGroupName = ""
		}
	}
	if !ec2.FlowLog.IsID(id) || !ec2.IsAccount(ownerID) {
		return FlowLog{}, refuse("InvalidParameterValue", "FlowLogId", id, fmt.Sprintf("The flow log ID %q or owner %q is malformed.", id, ownerID))
	}
	if !ec2.VPC.IsID(resourceID) && !ec2.Subnet.IsID(resourceID) && !ec2.NetworkInterface.IsID(resourceID) {
		return FlowLog{}, badValue("ResourceId", resourceID)
	}
	checked, err := Check(s)
	if err != nil {
		return FlowLog{}, err
	}
	return FlowLog{id: id, ownerID: ownerID, resourceID: resourceID, clientToken: clientToken,
		created: created.UTC().Round(0), spec: checked}, nil
}

// IsValid reports whether f is a flow log rather than the zero FlowLog.
func (f FlowLog) IsValid() bool { return f.id != "" }

// ID returns the flow log's fl- ID.
func (f FlowLog) ID() string { return f.id }

// OwnerID returns the account that owns the flow log.
func (f FlowLog) OwnerID() string { return f.ownerID }

// ResourceID returns the VPC, subnet or network interface it watches.
func (f FlowLog) ResourceID() string { return f.resourceID }

// ClientToken returns the client token of the request that made it.
func (f FlowLog) ClientToken() string { return f.clientToken }

// CreatedAt returns when it was made.
func (f FlowLog) CreatedAt() time.Time { return f.created }

// Spec returns its configuration, with every default filled in.
func (f FlowLog) Spec() Spec { return f.spec }

// Duplicates reports whether a flow log of s (checked) for resourceID
// would duplicate f: the same resource, traffic type and destination,
// which EC2 refuses with FlowLogAlreadyExists.
func (f FlowLog) Duplicates(resourceID string, s Spec) bool {
	return f.resourceID == resourceID && f.spec.TrafficType == s.TrafficType &&
		f.spec.DestinationType == s.DestinationType && f.spec.LogGroupName == s.LogGroupName &&
		f.spec.Destination == s.Destination
}
