package vpn

import (
	"strconv"
	"strings"
)

// Flag is an optional boolean, for EnableTunnelLifecycleControl, where false
// is a real value distinct from "not given". The zero Flag means "not
// given"; build one with [FlagOf]. Flag supports ==.
type Flag struct {
	on, set bool
}

// FlagOf returns the flag b.
func FlagOf(b bool) Flag { return Flag{on: b, set: true} }

// Value returns the flag and whether one was given.
func (f Flag) Value() (bool, bool) { return f.on, f.set }

// String returns "true" or "false", or "" when not given.
func (f Flag) String() string {
	if !f.set {
		return ""
	}
	return strconv.FormatBool(f.on)
}

// CloudWatchLogOptions are a tunnel's CloudWatch Logs settings
// (LogOptions.CloudWatchLogOptions): whether the tunnel's IKE and IPsec log
// and its BGP log are sent, to which log group and in which format. The
// model validates and keeps them; it writes no logs. The zero value sends
// nothing. CloudWatchLogOptions supports ==.
//
//	LogEnabled / BGPLogEnabled          default false
//	LogGroupARN / BGPLogGroupARN        a log group ARN,
//	                                    arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME[:*]
//	                                    (else InvalidParameterValue); required
//	                                    when the log is enabled (else MissingParameter)
//	LogOutputFormat / BGPLogOutputFormat  json | text (else InvalidParameterValue);
//	                                    json when the log is enabled and none is given
type CloudWatchLogOptions struct {
	LogEnabled         bool
	LogGroupARN        string
	LogOutputFormat    LogFormat
	BGPLogEnabled      bool
	BGPLogGroupARN     string
	BGPLogOutputFormat LogFormat
}

// LogOptions is a tunnel's logging options as a request gives them
// (LogOptions): absent, or a set of [CloudWatchLogOptions] that replaces
// the tunnel's whole. The zero LogOptions means "not given"; build one with
// [LogOptionsOf]. LogOptions supports ==.
type LogOptions struct {
	cw  CloudWatchLogOptions
	set bool
}

// LogOptionsOf returns the logging options cw (validation happens where
// they are used).
func LogOptionsOf(cw CloudWatchLogOptions) LogOptions { return LogOptions{cw: cw, set: true} }

// CloudWatch returns the CloudWatch settings and whether any were given.
func (l LogOptions) CloudWatch() (CloudWatchLogOptions, bool) { return l.cw, l.set }

// resolve validates cw and fills in the output format of each enabled
// log.
func (cw CloudWatchLogOptions) resolve() (CloudWatchLogOptions, *Error) {
	var err *Error
	if cw.LogOutputFormat, err = resolveLog("", cw.LogEnabled, cw.LogGroupARN, cw.LogOutputFormat); err != nil {
		return cw, err
	}
	if cw.BGPLogOutputFormat, err = resolveLog("Bgp", cw.BGPLogEnabled, cw.BGPLogGroupARN, cw.BGPLogOutputFormat); err != nil {
		return cw, err
	}
	return cw, nil
}

// resolveLog checks one log's settings, whose parameters are named
// prefix+"LogEnabled" and so on, and returns its output format.
func resolveLog(prefix string, enabled bool, arn string, format LogFormat) (LogFormat, *Error) {
	switch {
	case format != "" && !format.IsValid():
		return format, invalid(prefix+"LogOutputFormat", string(format), ErrInvalidValue)
	case arn != "" && !ValidLogGroupARN(arn):
		return format, invalid(prefix+"LogGroupArn", arn, ErrLogGroupARN)
	case enabled && arn == "":
		return format, &Error{Op: "create", Param: prefix + "LogGroupArn", Value: prefix + "LogEnabled", Code: "MissingParameter", Err: ErrMissing}
	case enabled && format == "":
		return LogJSON, nil
	}
	return format, nil
}

// ValidLogGroupARN reports whether s has the shape of a CloudWatch Logs log
// group ARN: arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME, optionally
// followed by ":*", where PARTITION is aws or aws-… (lower-case letters and
// hyphens), REGION is like us-east-1 (letter groups joined by hyphens, then
// a number), ACCOUNT is 12 digits, and NAME is 1–512 letters, digits and
// the characters _ - / . #. Whether the log group exists, and whether it
// is in the connection's account and Region, is not checked.
func ValidLogGroupARN(s string) bool {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return false
	}
	partition, rest, ok := strings.Cut(rest, ":")
	if !ok || !validPartition(partition) {
		return false
	}
	rest, ok = strings.CutPrefix(rest, "logs:")
	if !ok {
		return false
	}
	region, rest, ok := strings.Cut(rest, ":")
	if !ok || !validRegion(region) {
		return false
	}
	account, rest, ok := strings.Cut(rest, ":")
	if !ok || len(account) != 12 || strings.Trim(account, "0123456789") != "" {
		return false
	}
	name, ok := strings.CutPrefix(rest, "log-group:")
	if !ok {
		return false
	}
	name = strings.TrimSuffix(name, ":*")
	if len(name) < 1 || len(name) > MaxLogGroupNameLength {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_-/.#", c) >= 0) {
			return false
		}
	}
	return true
}

// MaxLogGroupNameLength is the longest CloudWatch Logs log group name: 512
// characters.
const MaxLogGroupNameLength = 512

// validPartition reports whether p is aws or aws- followed by lower-case
// letters and hyphens, not ending in one.
func validPartition(p string) bool {
	if p == "aws" {
		return true
	}
	rest, ok := strings.CutPrefix(p, "aws-")
	return ok && rest != "" && !strings.HasSuffix(rest, "-") && strings.Trim(rest, "abcdefghijklmnopqrstuvwxyz-") == ""
}

// validRegion reports whether r looks like a Region name: two or more
// groups of lower-case letters joined by hyphens, then a hyphen and a
// number ("us-east-1", "us-gov-west-1").
func validRegion(r string) bool {
	parts := strings.Split(r, "-")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz") != "" {
			return false
		}
	}
	n := parts[len(parts)-1]
	return n != "" && len(n) <= 2 && strings.Trim(n, "0123456789") == ""
}
