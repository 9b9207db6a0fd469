package vpcmodel

import (
	"encoding/base64"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/logs"
)

// Log groups are logs.Group values: the CloudWatch Logs log groups that
// VPC flow logs and VPN tunnel logs write to. Their actions are the
// methods of [Logs], named as the CloudWatch Logs API (JSON protocol,
// target prefix Logs_20140328) names them; inputs and outputs carry the
// wire names in `json` tags. A Cloud keeps one set of groups per account
// and Region.

// Logs is the part of a Cloud that the CloudWatch Logs API reaches: log
// groups, their retention and their tags. Each method is one action,
// served as atomically as the Cloud's EC2 actions. Get it from
// [Cloud.Logs]; the zero Logs is not valid, and its methods refuse every
// call.
type Logs struct{ c *Cloud }

// Logs returns the CloudWatch Logs actions of c.
func (c *Cloud) Logs() Logs { return Logs{c} }

// LogGroup is a log group as DescribeLogGroups answers it.
type LogGroup struct {
	LogGroupName      string        `json:"logGroupName"`
	CreationTime      int64         `json:"creationTime"` // Unix milliseconds
	RetentionInDays   Optional[int] `json:"retentionInDays,omitzero"`
	MetricFilterCount int           `json:"metricFilterCount"`
	ARN               string        `json:"arn"`
	StoredBytes       int64         `json:"storedBytes"`
	KMSKeyID          string        `json:"kmsKeyId,omitempty"`
	LogGroupClass     string        `json:"logGroupClass"`
	LogGroupARN       string        `json:"logGroupArn"`
}

func logGroupOut(g logs.Group) LogGroup {
	out := LogGroup{LogGroupName: g.Name(), CreationTime: g.Created().UnixMilli(), ARN: g.WildcardARN(),
		KMSKeyID: g.KMSKeyID(), LogGroupClass: string(g.Class()), LogGroupARN: g.ARN()}
	if d, ok := g.Retention(); ok {
		out.RetentionInDays = Some(d)
	}
	return out
}

// LogsEmptyOutput is the output of the CloudWatch Logs actions that answer
// nothing but success.
type LogsEmptyOutput struct{}

// CreateLogGroupInput is the input of CreateLogGroup.
type CreateLogGroupInput struct {
	LogGroupName  string            `json:"logGroupName"`
	KMSKeyID      string            `json:"kmsKeyId,omitempty"`
	Tags          map[string]string `json:"tags,omitempty"`
	LogGroupClass string            `json:"logGroupClass,omitempty"`
}

// LogGroupNameInput is the input of the actions that name one log group
// and nothing else: DeleteLogGroup, DeleteRetentionPolicy and
// ListTagsLogGroup.
type LogGroupNameInput struct {
	LogGroupName string `json:"logGroupName"`
}

// DescribeLogGroupsInput is the input of DescribeLogGroups.
type DescribeLogGroupsInput struct {
	LogGroupNamePrefix  string        `json:"logGroupNamePrefix,omitempty"`
	LogGroupNamePattern string        `json:"logGroupNamePattern,omitempty"`
	LogGroupClass       string        `json:"logGroupClass,omitempty"`
	Limit               Optional[int] `json:"limit,omitzero"`
	NextToken           string        `json:"nextToken,omitempty"`
}

// DescribeLogGroupsOutput is the output of DescribeLogGroups.
type DescribeLogGroupsOutput struct {
	LogGroups []LogGroup `json:"logGroups"`
	NextToken string     `json:"nextToken,omitempty"`
}

// PutRetentionPolicyInput is the input of PutRetentionPolicy.
type PutRetentionPolicyInput struct {
	LogGroupName    string        `json:"logGroupName"`
	RetentionInDays Optional[int] `json:"retentionInDays,omitzero"`
}

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	ResourceARN string            `json:"resourceArn"`
	Tags        map[string]string `json:"tags"`
}

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	ResourceARN string   `json:"resourceArn"`
	TagKeys     []string `json:"tagKeys"`
}

// ResourceARNInput is the input of ListTagsForResource.
type ResourceARNInput struct {
	ResourceARN string `json:"resourceArn"`
}

// LogsTagsOutput is the output of ListTagsForResource and
// ListTagsLogGroup.
type LogsTagsOutput struct {
	Tags map[string]string `json:"tags"`
}

// TagLogGroupInput is the input of TagLogGroup.
type TagLogGroupInput struct {
	LogGroupName string            `json:"logGroupName"`
	Tags         map[string]string `json:"tags"`
}

// UntagLogGroupInput is the input of UntagLogGroup.
type UntagLogGroupInput struct {
	LogGroupName string   `json:"logGroupName"`
	Tags         []string `json:"tags"`
}

// CreateLogGroup makes the caller a log group: its name checked first,
// then that the caller has no group of that name in the Region
// (ResourceAlreadyExistsException), then its class, KMS key and tags.
// Its events never expire until PutRetentionPolicy.
func (l Logs) CreateLogGroup(caller Caller, in CreateLogGroupInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *CreateLogGroupInput) (*LogsEmptyOutput, error) {
		if in.LogGroupName == "" {
			return nil, logs.Missing("logGroupName")
		}
		if err := logs.ParseName(in.LogGroupName); err != nil {
			return nil, err
		}
		byName := c.logGroups[k.scope]
		if _, ok := byName[in.LogGroupName]; ok {
			return nil, logs.Exists()
		}
		if len(byName) >= logs.MaxGroups {
			return nil, &Error{Code: logs.CodeLimitExceeded, Message: "Resource limit exceeded."}
		}
		g, err := logs.New(logs.Spec{Owner: k.Account, Region: k.Region, Name: in.LogGroupName, KMSKeyID: in.KMSKeyID,
			Class: in.LogGroupClass, Tags: in.Tags, Created: k.now})
		if err != nil {
			return nil, err
		}
		c.putLogGroup(g)
		return &LogsEmptyOutput{}, nil
	})
}

// DeleteLogGroup deletes one of the caller's log groups.
func (l Logs) DeleteLogGroup(caller Caller, in LogGroupNameInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *LogGroupNameInput) (*LogsEmptyOutput, error) {
		g, err := c.findLogGroup(k, in.LogGroupName)
		if err != nil {
			return nil, err
		}
		delete(c.logGroups[k.scope], g.Name())
		if len(c.logGroups[k.scope]) == 0 {
			delete(c.logGroups, k.scope)
		}
		return &LogsEmptyOutput{}, nil
	})
}

// DescribeLogGroups lists the caller's log groups in the Region in name
// order: those whose name starts with LogGroupNamePrefix, or contains
// LogGroupNamePattern (not both), of LogGroupClass when it is given, Limit
// (1 to 50, absent 50) at a time.
func (l Logs) DescribeLogGroups(caller Caller, in DescribeLogGroupsInput, now time.Time) (DescribeLogGroupsOutput, error) {
	return readOn(l.c, caller, in, now, func(c *Cloud, k *call, in *DescribeLogGroupsInput) (*DescribeLogGroupsOutput, error) {
		if in.LogGroupNamePrefix != "" && in.LogGroupNamePattern != "" {
			return nil, &Error{Code: logs.CodeInvalidParameter,
				Message: "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters."}
		}
		if in.LogGroupNamePrefix != "" {
			if err := logs.ParseName(in.LogGroupNamePrefix); err != nil {
				return nil, err
			}
		}
		size := 50
		if n, ok := in.Limit.Get(); ok {
			if n < 1 || n > 50 {
				return nil, logs.Invalid(n, "limit", "Member must have value between 1 and 50")
			}
			size = n
		}
		var class logs.Class
		if in.LogGroupClass != "" {
			var err error
			if class, err = logs.ParseClass(in.LogGroupClass); err != nil {
				return nil, err
			}
		}
		after := ""
		if in.NextToken != "" {
			b, err := base64.RawURLEncoding.DecodeString(in.NextToken)
			if err != nil || logs.ParseName(string(b)) != nil {
				return nil, &Error{Code: logs.CodeInvalidParameter, Message: "The specified nextToken is invalid."}
			}
			after = string(b)
		}
		out := &DescribeLogGroupsOutput{LogGroups: []LogGroup{}}
		byName := c.logGroups[k.scope]
		for _, name := range slices.Sorted(maps.Keys(byName)) {
			g := byName[name]
			if name <= after || !strings.HasPrefix(name, in.LogGroupNamePrefix) || !strings.Contains(name, in.LogGroupNamePattern) ||
				class != "" && g.Class() != class {
				continue
			}
			if len(out.LogGroups) == size {
				out.NextToken = base64.RawURLEncoding.EncodeToString([]byte(out.LogGroups[size-1].LogGroupName))
				break
			}
			out.LogGroups = append(out.LogGroups, logGroupOut(g))
		}
		return out, nil
	})
}

// PutRetentionPolicy sets how many days a log group keeps its events:
// one of logs.RetentionDays.
func (l Logs) PutRetentionPolicy(caller Caller, in PutRetentionPolicyInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *PutRetentionPolicyInput) (*LogsEmptyOutput, error) {
		days, ok := in.RetentionInDays.Get()
		if !ok {
			return nil, logs.Missing("retentionInDays")
		}
		if err := logs.CheckRetention(days); err != nil {
			return nil, err
		}
		g, err := c.findLogGroup(k, in.LogGroupName)
		if err != nil {
			return nil, err
		}
		if g, err = g.WithRetention(days); err != nil {
			return nil, err
		}
		c.putLogGroup(g)
		return &LogsEmptyOutput{}, nil
	})
}

// DeleteRetentionPolicy makes a log group keep its events forever.
func (l Logs) DeleteRetentionPolicy(caller Caller, in LogGroupNameInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *LogGroupNameInput) (*LogsEmptyOutput, error) {
		g, err := c.findLogGroup(k, in.LogGroupName)
		if err != nil {
			return nil, err
		}
		c.putLogGroup(g.WithoutRetention())
		return &LogsEmptyOutput{}, nil
	})
}

// TagResource adds tags to the log group an ARN names, replacing the
// values of keys it has; past 50 tags it is TooManyTagsException.
func (l Logs) TagResource(caller Caller, in TagResourceInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *TagResourceInput) (*LogsEmptyOutput, error) {
		if in.Tags == nil {
			return nil, logs.Missing("tags")
		}
		g, err := c.logGroupByARN(k, in.ResourceARN)
		if err != nil {
			return nil, err
		}
		if g, err = g.WithTags(in.Tags, logs.CodeTooManyTags); err != nil {
			return nil, err
		}
		c.putLogGroup(g)
		return &LogsEmptyOutput{}, nil
	})
}

// UntagResource removes tags, by key, from the log group an ARN names.
func (l Logs) UntagResource(caller Caller, in UntagResourceInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *UntagResourceInput) (*LogsEmptyOutput, error) {
		if in.TagKeys == nil {
			return nil, logs.Missing("tagKeys")
		}
		g, err := c.logGroupByARN(k, in.ResourceARN)
		if err != nil {
			return nil, err
		}
		c.putLogGroup(g.WithoutTags(in.TagKeys))
		return &LogsEmptyOutput{}, nil
	})
}

// ListTagsForResource answers the tags of the log group an ARN names.
func (l Logs) ListTagsForResource(caller Caller, in ResourceARNInput, now time.Time) (LogsTagsOutput, error) {
	return readOn(l.c, caller, in, now, func(c *Cloud, k *call, in *ResourceARNInput) (*LogsTagsOutput, error) {
		g, err := c.logGroupByARN(k, in.ResourceARN)
		if err != nil {
			return nil, err
		}
		return &LogsTagsOutput{Tags: g.Tags()}, nil
	})
}

// TagLogGroup adds tags to a log group named by its name.
func (l Logs) TagLogGroup(caller Caller, in TagLogGroupInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *TagLogGroupInput) (*LogsEmptyOutput, error) {
		if in.Tags == nil {
			return nil, logs.Missing("tags")
		}
		g, err := c.findLogGroup(k, in.LogGroupName)
		if err != nil {
			return nil, err
		}
		if g, err = g.WithTags(in.Tags, logs.CodeInvalidParameter); err != nil {
			return nil, err
		}
		c.putLogGroup(g)
		return &LogsEmptyOutput{}, nil
	})
}

// UntagLogGroup removes tags, by key, from a log group named by its name.
func (l Logs) UntagLogGroup(caller Caller, in UntagLogGroupInput, now time.Time) (LogsEmptyOutput, error) {
	return runOn(l.c, caller, in, now, func(c *Cloud, k *call, in *UntagLogGroupInput) (*LogsEmptyOutput, error) {
		if in.Tags == nil {
			return nil, logs.Missing("tags")
		}
		g, err := c.findLogGroup(k, in.LogGroupName)
		if err != nil {
			return nil, err
		}
		c.putLogGroup(g.WithoutTags(in.Tags))
		return &LogsEmptyOutput{}, nil
	})
}

// ListTagsLogGroup answers the tags of a log group named by its name.
func (l Logs) ListTagsLogGroup(caller Caller, in LogGroupNameInput, now time.Time) (LogsTagsOutput, error) {
	return readOn(l.c, caller, in, now, func(c *Cloud, k *call, in *LogGroupNameInput) (*LogsTagsOutput, error) {
		g, err := c.findLogGroup(k, in.LogGroupName)
		if err != nil {
			return nil, err
		}
		return &LogsTagsOutput{Tags: g.Tags()}, nil
	})
}

// findLogGroup returns the caller's group of a name, checking the name
// first.
func (c *Cloud) findLogGroup(k *call, name string) (logs.Group, error) {
	if name == "" {
		return logs.Group{}, logs.Missing("logGroupName")
	}
	if err := logs.ParseName(name); err != nil {
		return logs.Group{}, err
	}
	g, ok := c.logGroups[k.scope][name]
	if !ok {
		return logs.Group{}, logs.NotFound()
	}
	return g, nil
}

// logGroupByARN returns the caller's group an ARN names; an ARN of
// another account or Region names none of the caller's.
func (c *Cloud) logGroupByARN(k *call, arn string) (logs.Group, error) {
	if arn == "" {
		return logs.Group{}, logs.Missing("resourceArn")
	}
	account, region, name, err := logs.ParseGroupARN(arn)
	if err != nil {
		return logs.Group{}, err
	}
	g, ok := c.logGroups[k.scope][name]
	if account != k.Account || region != k.Region || !ok {
		return logs.Group{}, logs.NotFound()
	}
	return g, nil
}

// putLogGroup stores g, replacing the group of its name.
func (c *Cloud) putLogGroup(g logs.Group) {
	s := scope{g.Owner(), g.Region()}
	if c.logGroups[s] == nil {
		c.logGroups[s] = make(map[string]logs.Group)
	}
	c.logGroups[s][g.Name()] = g
}
