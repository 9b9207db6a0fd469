package vpcmodel

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/flowlog"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// Flow logs are flowlog.FlowLog values; package flowlog owns the checks
// of their configuration. The Cloud checks that each resource exists,
// refuses a second flow log of the same configuration and destination for
// a resource (FlowLogAlreadyExists), reports both per resource as EC2 does
// (Unsuccessful), and deletes a resource's flow logs with the resource: a
// VPC, subnet or network interface that is deleted takes its flow logs
// with it.

// flowStore is the part of a Cloud's state that flow logs add.
type flowStore struct {
	flowLogs map[string]*flowRec

	// Indexes, derived from flowLogs.
	flowsIn map[scope]idSet  // each scope's flow logs
	flowsOf map[string]idSet // resource -> its flow logs
}

// flowRec is one flow log and the scope that owns it.
type flowRec struct {
	owner scope
	f     flowlog.FlowLog
}

func newFlowStore() flowStore {
	return flowStore{
		flowLogs: make(map[string]*flowRec),
		flowsIn:  make(map[scope]idSet),
		flowsOf:  make(map[string]idSet),
	}
}

func (s *flowStore) addFlow(r *flowRec) {
	s.flowLogs[r.f.ID()] = r
	addID(s.flowsIn, r.owner, r.f.ID())
	addID(s.flowsOf, r.f.ResourceID(), r.f.ID())
}

func (s *flowStore) removeFlow(r *flowRec) {
	delete(s.flowLogs, r.f.ID())
	removeID(s.flowsIn, r.owner, r.f.ID())
	removeID(s.flowsOf, r.f.ResourceID(), r.f.ID())
}

// dropFlowLogsOf deletes the flow logs of a resource that is deleted.
func (c *Cloud) dropFlowLogsOf(resourceID string) {
	for _, id := range sortedIDs(c.flowsOf[resourceID]) {
		c.removeFlow(c.flowLogs[id])
		c.dropTags(id)
	}
}

// findFlow returns the caller's flow log with the given ID, or nil.
func (c *Cloud) findFlow(k *call, id string) *flowRec {
	if r := c.flowLogs[id]; r != nil && r.owner == k.scope {
		return r
	}
	return nil
}

// DestinationOptionsRequest is the DestinationOptions of CreateFlowLogs,
// for an s3 destination.
type DestinationOptionsRequest struct {
	FileFormat               string `ec2:"FileFormat"`
	HiveCompatiblePartitions bool   `ec2:"HiveCompatiblePartitions"`
	PerHourPartition         bool   `ec2:"PerHourPartition"`
}

// DestinationOptionsResponse is the DestinationOptions of a flow log to s3.
type DestinationOptionsResponse struct {
	FileFormat               string `ec2:"FileFormat"`
	HiveCompatiblePartitions bool   `ec2:"HiveCompatiblePartitions"`
	PerHourPartition         bool   `ec2:"PerHourPartition"`
}

// CreateFlowLogsInput is the input of [Cloud.CreateFlowLogs].
type CreateFlowLogsInput struct {
	ResourceIDs              []string                            `ec2:"ResourceId,required"`
	ResourceType             string                              `ec2:"ResourceType,required"`
	TrafficType              string                              `ec2:"TrafficType"`
	LogDestinationType       string                              `ec2:"LogDestinationType"`
	LogDestination           string                              `ec2:"LogDestination"`
	LogGroupName             string                              `ec2:"LogGroupName"`
	DeliverLogsPermissionARN string                              `ec2:"DeliverLogsPermissionArn"`
	DeliverCrossAccountRole  string                              `ec2:"DeliverCrossAccountRole"`
	LogFormat                string                              `ec2:"LogFormat"`
	MaxAggregationInterval   Optional[int]                       `ec2:"MaxAggregationInterval"`
	DestinationOptions       Optional[DestinationOptionsRequest] `ec2:"DestinationOptions"`
	TagSpecifications        []TagSpecification                  `ec2:"TagSpecification"`
	ClientToken              string                              `ec2:"ClientToken"`
}

// UnsuccessfulItemError is the error of one item a batch action could not
// process.
type UnsuccessfulItemError struct {
	Code    string `ec2:"Code"`
	Message string `ec2:"Message"`
}

// UnsuccessfulItem is one resource a batch action could not process, and
// why.
type UnsuccessfulItem struct {
	Error      UnsuccessfulItemError `ec2:"Error"`
	ResourceID string                `ec2:"ResourceId"`
}

// CreateFlowLogsOutput is the output of [Cloud.CreateFlowLogs]: the flow
// logs made, and the resources that got none.
type CreateFlowLogsOutput struct {
	ClientToken  string             `ec2:"ClientToken,omitempty"`
	FlowLogIDs   []string           `ec2:"FlowLogIdSet"`
	Unsuccessful []UnsuccessfulItem `ec2:"Unsuccessful"`
}

// maxFlowLogResources is how many resources or flow log IDs one
// CreateFlowLogs or DeleteFlowLogs request may name.
const maxFlowLogResources = 1000

func (c *Cloud) createFlowLogs(k *call, in *CreateFlowLogsInput) (*CreateFlowLogsOutput, error) {
	kind, ok := flowlog.ResourceKind(in.ResourceType)
	if !ok {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: "Invalid value '" + in.ResourceType + "' for ResourceType. Valid values: VPC, Subnet, NetworkInterface."}
	}
	if len(in.ResourceIDs) > maxFlowLogResources {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: "Maximum of " + strconv.Itoa(maxFlowLogResources) + " resources allowed in a request."}
	}
	spec := flowlog.Spec{TrafficType: in.TrafficType, DestinationType: in.LogDestinationType, Destination: in.LogDestination,
		LogGroupName: in.LogGroupName, DeliverLogsPermissionARN: in.DeliverLogsPermissionARN,
		DeliverCrossAccountRole: in.DeliverCrossAccountRole, LogFormat: in.LogFormat}
	if n, ok := in.MaxAggregationInterval.Get(); ok {
		if n == 0 { // present and zero is refused, not defaulted
			return nil, &Error{Code: ec2.InvalidParameterValue, Message: "Invalid value '0' for MaxAggregationInterval."}
		}
		spec.MaxAggregationInterval = n
	}
	if o, ok := in.DestinationOptions.Get(); ok {
		spec.HasDestinationOptions = true
		spec.FileFormat, spec.HiveCompatiblePartitions, spec.PerHourPartition = o.FileFormat, o.HiveCompatiblePartitions, o.PerHourPartition
	}
	spec, err := flowlog.Check(spec)
	if err != nil {
		return nil, err
	}
	tags, err := tagsFor(in.TagSpecifications, "vpc-flow-log")
	if err != nil {
		return nil, err
	}
	out := &CreateFlowLogsOutput{ClientToken: in.ClientToken}
	// A request repeated with its client token answers what it made.
	if in.ClientToken != "" {
		for _, id := range sortedIDs(c.flowsIn[k.scope]) {
			if f := c.flowLogs[id].f; f.ClientToken() == in.ClientToken {
				out.FlowLogIDs = append(out.FlowLogIDs, id)
			}
		}
		if len(out.FlowLogIDs) > 0 {
			return out, nil
		}
	}
	for _, res := range in.ResourceIDs {
		if item, ok := c.flowLogRefusal(k, kind, res, spec); !ok {
			out.Unsuccessful = append(out.Unsuccessful, item)
			continue
		}
		id, err := c.newID(ec2.FlowLog)
		if err != nil {
			return nil, err
		}
		f, err := flowlog.New(id, k.Account, res, spec, in.ClientToken, k.now)
		if err != nil {
			return nil, err
		}
		c.addFlow(&flowRec{owner: k.scope, f: f})
		c.setTags(k.scope, id, tags)
		out.FlowLogIDs = append(out.FlowLogIDs, id)
	}
	return out, nil
}

// flowLogRefusal returns why resource res of kind may not have a flow log
// of spec, as an Unsuccessful item, or false if it may.
func (c *Cloud) flowLogRefusal(k *call, kind ec2.Kind, res string, spec flowlog.Spec) (UnsuccessfulItem, bool) {
	fail := func(e *Error) (UnsuccessfulItem, bool) {
		return UnsuccessfulItem{Error: UnsuccessfulItemError{Code: e.Code, Message: e.Message}, ResourceID: res}, false
	}
	exists := false
	if kind.IsID(res) {
		switch kind {
		case ec2.VPC:
			_, err := c.findVPC(k, res)
			exists = err == nil
		case ec2.Subnet:
			_, err := c.findSubnet(k, res)
			exists = err == nil
		case ec2.NetworkInterface:
			_, err := c.findENI(k, res)
			exists = err == nil
		}
	}
	if !exists {
		return fail(kind.NotFoundError(res, nil))
	}
	for id := range c.flowsOf[res] {
		if c.flowLogs[id].f.Duplicates(res, spec) {
			return fail(&Error{Code: "FlowLogAlreadyExists",
				Message: "Error. There is an existing Flow Log with the same configuration and log destination."})
		}
	}
	return UnsuccessfulItem{}, true
}

// DeleteFlowLogsInput is the input of [Cloud.DeleteFlowLogs].
type DeleteFlowLogsInput struct {
	FlowLogIDs []string `ec2:"FlowLogId,required"`
}

// DeleteFlowLogsOutput is the output of [Cloud.DeleteFlowLogs]: the flow
// log IDs that named none of the caller's.
type DeleteFlowLogsOutput struct {
	Unsuccessful []UnsuccessfulItem `ec2:"Unsuccessful"`
}

func (c *Cloud) deleteFlowLogs(k *call, in *DeleteFlowLogsInput) (*DeleteFlowLogsOutput, error) {
	if len(in.FlowLogIDs) > maxFlowLogResources {
		return nil, &Error{Code: ec2.InvalidParameterValue,
			Message: "Maximum of " + strconv.Itoa(maxFlowLogResources) + " flow log IDs allowed in a request."}
	}
	out := &DeleteFlowLogsOutput{}
	for _, id := range in.FlowLogIDs {
		r := c.findFlow(k, id)
		if r == nil {
			e := ec2.FlowLog.NotFoundError(id, nil)
			out.Unsuccessful = append(out.Unsuccessful, UnsuccessfulItem{
				Error: UnsuccessfulItemError{Code: e.Code, Message: e.Message}, ResourceID: id})
			continue
		}
		c.removeFlow(r)
		c.dropTags(id)
	}
	return out, nil
}

// FlowLog is a flow log as DescribeFlowLogs shows it.
type FlowLog struct {
	CreationTime             time.Time                            `ec2:"CreationTime"`
	DeliverLogsErrorMessage  string                               `ec2:"DeliverLogsErrorMessage,omitempty"`
	DeliverLogsPermissionARN string                               `ec2:"DeliverLogsPermissionArn,omitempty"`
	DeliverCrossAccountRole  string                               `ec2:"DeliverCrossAccountRole,omitempty"`
	DeliverLogsStatus        string                               `ec2:"DeliverLogsStatus"`
	FlowLogID                string                               `ec2:"FlowLogId"`
	FlowLogStatus            string                               `ec2:"FlowLogStatus"`
	LogGroupName             string                               `ec2:"LogGroupName,omitempty"`
	ResourceID               string                               `ec2:"ResourceId"`
	TrafficType              string                               `ec2:"TrafficType"`
	LogDestinationType       string                               `ec2:"LogDestinationType"`
	LogDestination           string                               `ec2:"LogDestination,omitempty"`
	LogFormat                string                               `ec2:"LogFormat"`
	Tags                     []Tag                                `ec2:"TagSet"`
	MaxAggregationInterval   int                                  `ec2:"MaxAggregationInterval"`
	DestinationOptions       Optional[DestinationOptionsResponse] `ec2:"DestinationOptions"`
}

func (c *Cloud) flowOutput(r *flowRec) FlowLog {
	f, s := r.f, r.f.Spec()
	out := FlowLog{CreationTime: f.CreatedAt(), DeliverLogsPermissionARN: s.DeliverLogsPermissionARN,
		DeliverCrossAccountRole: s.DeliverCrossAccountRole, DeliverLogsStatus: flowlog.DeliverySuccess,
		FlowLogID: f.ID(), FlowLogStatus: flowlog.StatusActive, LogGroupName: s.LogGroupName,
		ResourceID: f.ResourceID(), TrafficType: s.TrafficType, LogDestinationType: s.DestinationType,
		LogDestination: s.Destination, LogFormat: s.LogFormat, Tags: tagList(c.tagsOf(r.owner, f.ID())),
		MaxAggregationInterval: s.MaxAggregationInterval}
	if s.HasDestinationOptions {
		out.DestinationOptions = Some(DestinationOptionsResponse{s.FileFormat, s.HiveCompatiblePartitions, s.PerHourPartition})
	}
	return out
}

// DescribeFlowLogsInput is the input of [Cloud.DescribeFlowLogs]. IDs that
// name no flow log of the caller's are left out of the answer, not refused.
type DescribeFlowLogsInput struct {
	FlowLogIDs []string `ec2:"FlowLogId"`
	Filters    []Filter `ec2:"Filter"`
	Page
}

// DescribeFlowLogsOutput is the output of [Cloud.DescribeFlowLogs].
type DescribeFlowLogsOutput struct {
	FlowLogs  []FlowLog `ec2:"FlowLogSet"`
	NextToken string    `ec2:"NextToken,omitempty"`
}

var flowPage = pageLimits{min: 1, max: 1000, token: ec2.FlowLog.IsID}

var flowFilters = filterFuncs[*flowRec]{
	"flow-log-id":          func(r *flowRec) []string { return one(r.f.ID()) },
	"resource-id":          func(r *flowRec) []string { return one(r.f.ResourceID()) },
	"log-group-name":       func(r *flowRec) []string { return one(r.f.Spec().LogGroupName) },
	"log-destination-type": func(r *flowRec) []string { return one(r.f.Spec().DestinationType) },
	"traffic-type":         func(r *flowRec) []string { return one(r.f.Spec().TrafficType) },
	"deliver-log-status":   func(r *flowRec) []string { return one(flowlog.DeliverySuccess) },
}

func (c *Cloud) describeFlowLogs(k *call, in *DescribeFlowLogsInput) (*DescribeFlowLogsOutput, error) {
	if err := in.Page.check(flowPage, len(in.FlowLogIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, flowFilters, func(r *flowRec) tag.Set { return c.tagsOf(r.owner, r.f.ID()) })
	if err != nil {
		return nil, err
	}
	var rs []*flowRec
	if len(in.FlowLogIDs) > 0 {
		for _, id := range in.FlowLogIDs {
			if r := c.findFlow(k, id); r != nil && !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, func(a, b *flowRec) int { return strings.Compare(a.f.ID(), b.f.ID()) })
	} else {
		for _, id := range sortedIDs(c.flowsIn[k.scope]) {
			rs = append(rs, c.flowLogs[id])
		}
	}
	rs = slices.DeleteFunc(rs, func(r *flowRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *flowRec) string { return r.f.ID() }, in.Page, flowPage, len(in.FlowLogIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeFlowLogsOutput{NextToken: next}
	for _, r := range pageOf {
		out.FlowLogs = append(out.FlowLogs, c.flowOutput(r))
	}
	return out, nil
}
