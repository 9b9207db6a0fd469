package logs

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Error is a refusal, with CloudWatch Logs' error code (ErrorCode) and
// message (ErrorMessage).
type Error = ec2.Error

// Error codes CloudWatch Logs answers with.
const (
	CodeAlreadyExists    = "ResourceAlreadyExistsException"
	CodeNotFound         = "ResourceNotFoundException"
	CodeInvalidParameter = "InvalidParameterException"
	CodeLimitExceeded    = "LimitExceededException"
	CodeTooManyTags      = "TooManyTagsException"
)

// Limits of CloudWatch Logs.
const (
	MaxNameLength   = 512
	MaxTags         = 50
	MaxTagKey       = 128
	MaxTagValue     = 256
	MaxKMSKeyLength = 256
	// MaxGroups is the quota of log groups in one account and Region.
	MaxGroups = 1_000_000
)

// Class is a log group's class.
type Class string

// The classes of log group.
const (
	Standard         Class = "STANDARD"
	InfrequentAccess Class = "INFREQUENT_ACCESS"
)

// retentionDays are the retention periods PutRetentionPolicy accepts.
var retentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// RetentionDays returns the retention periods, in days, a log group may
// have, in increasing order.
func RetentionDays() []int { return slices.Clone(retentionDays) }

// Invalid returns an InvalidParameterException in AWS's validation
// wording.
func Invalid(value any, member, constraint string) *Error {
	return &Error{Code: CodeInvalidParameter,
		Message: fmt.Sprintf("1 validation error detected: Value '%v' at '%s' failed to satisfy constraint: %s", value, member, constraint)}
}

// Missing returns the refusal of a request that leaves out a required
// member.
func Missing(member string) *Error {
	return &Error{Code: CodeInvalidParameter,
		Message: fmt.Sprintf("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member)}
}

// NotFound returns the refusal of a request naming a group that does not
// exist.
func NotFound() *Error {
	return &Error{Code: CodeNotFound, Message: "The specified log group does not exist."}
}

// Exists returns the refusal of a CreateLogGroup whose name is taken.
func Exists() *Error {
	return &Error{Code: CodeAlreadyExists, Message: "The specified log group already exists"}
}

// ParseName checks a log group name: 1 to 512 characters of A-Z a-z 0-9
// and _ - / . #.
func ParseName(name string) error {
	if name == "" {
		return Invalid(name, "logGroupName", "Member must have length greater than or equal to 1")
	}
	if len(name) > MaxNameLength {
		return Invalid(name, "logGroupName", "Member must have length less than or equal to 512")
	}
	for i := 0; i < len(name); i++ {
		if !nameByte(name[i]) {
			return Invalid(name, "logGroupName", `Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`)
		}
	}
	return nil
}

func nameByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("_-/.#", b) >= 0
}

// CheckRetention checks a retention period in days against
// [RetentionDays].
func CheckRetention(days int) error {
	if slices.Contains(retentionDays, days) {
		return nil
	}
	s := make([]string, len(retentionDays))
	for i, d := range retentionDays {
		s[i] = fmt.Sprint(d)
	}
	return Invalid(days, "retentionInDays", "Member must satisfy enum value set: ["+strings.Join(s, ", ")+"]")
}

// ParseClass returns the class a request names; "" is [Standard].
func ParseClass(s string) (Class, error) {
	switch Class(s) {
	case "", Standard:
		return Standard, nil
	case InfrequentAccess:
		return InfrequentAccess, nil
	}
	return "", Invalid(s, "logGroupClass", "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS]")
}

// checkKMSKey checks a KMS key ARN; "" is no key.
func checkKMSKey(id string) error {
	if id == "" {
		return nil
	}
	if len(id) > MaxKMSKeyLength {
		return Invalid(id, "kmsKeyId", "Member must have length less than or equal to 256")
	}
	if a, err := ParseARNOf(id, "kms"); err != nil || !strings.HasPrefix(a.Resource, "key/") || len(a.Resource) == len("key/") {
		return &Error{Code: CodeInvalidParameter, Message: fmt.Sprintf("Specified KMS key %s is not a valid KMS key ARN.", id)}
	}
	return nil
}

// CheckTags checks tags to add to a group that has the tags have: each
// key and value, and that the group would hold at most 50. tooMany is the
// code a group past the quota is refused with.
func CheckTags(have, add map[string]string, tooMany string) error {
	for _, k := range slices.Sorted(maps.Keys(add)) {
		v := add[k]
		switch {
		case k == "" || utf8.RuneCountInString(k) > MaxTagKey || !tagText(k):
			return Invalid(k, "tags.key", `Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$`)
		case strings.HasPrefix(k, "aws:"):
			return &Error{Code: CodeInvalidParameter, Message: fmt.Sprintf("Tag keys starting with 'aws:' are reserved for system use: %s", k)}
		case utf8.RuneCountInString(v) > MaxTagValue || !tagText(v):
			return Invalid(v, "tags.value", `Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`)
		}
	}
	n := len(have)
	for k := range add {
		if _, ok := have[k]; !ok {
			n++
		}
	}
	if n > MaxTags {
		return &Error{Code: tooMany, Message: fmt.Sprintf("A resource can have no more than %d tags.", MaxTags)}
	}
	return nil
}

func tagText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Z, r) && !unicode.IsNumber(r) && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

// Spec is what a new group is made of.
type Spec struct {
	Owner, Region string
	Name          string
	KMSKeyID      string
	Class         string // "" is STANDARD
	Tags          map[string]string
	Created       time.Time // kept to the millisecond
}

// Group is one log group. It is a value: its methods return changed
// copies. The zero Group is not valid.
type Group struct {
	owner, region, name string
	created             time.Time
	retention           int // days; 0: never expire
	kmsKeyID            string
	class               Class
	tags                map[string]string // never shared between Groups
}

// New returns the group s describes, or the refusal of the first rule it
// breaks: the name, then the class, the KMS key and the tags.
func New(s Spec) (Group, error) {
	if !ec2.IsAccount(s.Owner) || !ec2.IsRegion(s.Region) {
		return Group{}, &Error{Code: CodeInvalidParameter, Message: fmt.Sprintf("The account %q or Region %q is malformed.", s.Owner, s.Region)}
	}
	if err := ParseName(s.Name); err != nil {
		return Group{}, err
	}
	class, err := ParseClass(s.Class)
	if err != nil {
		return Group{}, err
	}
	if err := checkKMSKey(s.KMSKeyID); err != nil {
		return Group{}, err
	}
	if err := CheckTags(nil, s.Tags, CodeInvalidParameter); err != nil {
		return Group{}, err
	}
	return Group{owner: s.Owner, region: s.Region, name: s.Name, created: s.Created.UTC().Truncate(time.Millisecond),
		kmsKeyID: s.KMSKeyID, class: class, tags: maps.Clone(s.Tags)}, nil
}

// IsValid reports whether g is a group (not the zero Group).
func (g Group) IsValid() bool { return g.name != "" }

// Owner returns the account that holds g.
func (g Group) Owner() string { return g.owner }

// Region returns g's Region.
func (g Group) Region() string { return g.region }

// Name returns g's name.
func (g Group) Name() string { return g.name }

// Created returns when g was made, to the millisecond.
func (g Group) Created() time.Time { return g.created }

// Retention returns g's retention in days, and false when its events
// never expire.
func (g Group) Retention() (int, bool) { return g.retention, g.retention != 0 }

// KMSKeyID returns the ARN of the KMS key g's events are encrypted with,
// or "".
func (g Group) KMSKeyID() string { return g.kmsKeyID }

// Class returns g's class.
func (g Group) Class() Class { return g.class }

// Tags returns a copy of g's tags.
func (g Group) Tags() map[string]string {
	if g.tags == nil {
		return map[string]string{}
	}
	return maps.Clone(g.tags)
}

// ARN returns g's ARN, as logGroupArn answers it: without the :* suffix.
func (g Group) ARN() string {
	return fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", ec2.Partition(g.region), g.region, g.owner, g.name)
}

// WildcardARN returns g's ARN as DescribeLogGroups answers it in arn:
// with :* appended.
func (g Group) WildcardARN() string { return g.ARN() + ":*" }

// WithRetention returns g keeping its events days days.
func (g Group) WithRetention(days int) (Group, error) {
	if err := CheckRetention(days); err != nil {
		return g, err
	}
	g.retention = days
	return g, nil
}

// WithoutRetention returns g keeping its events forever.
func (g Group) WithoutRetention() Group {
	g.retention = 0
	return g
}

// WithTags returns g with tags added, replacing the values of keys it
// has; tooMany is the code a group past the quota is refused with.
func (g Group) WithTags(tags map[string]string, tooMany string) (Group, error) {
	if err := CheckTags(g.tags, tags, tooMany); err != nil {
		return g, err
	}
	next := maps.Clone(g.tags)
	if next == nil {
		next = make(map[string]string, len(tags))
	}
	maps.Copy(next, tags)
	g.tags = next
	return g, nil
}

// WithoutTags returns g without the tags of keys; a key it does not have
// is ignored.
func (g Group) WithoutTags(keys []string) Group {
	next := maps.Clone(g.tags)
	for _, k := range keys {
		delete(next, k)
	}
	g.tags = next
	return g
}

// ARN is the parts of an Amazon Resource Name.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// ParseARNOf splits s, which must be an ARN of service, into its parts.
func ParseARNOf(s, service string) (ARN, error) {
	p := strings.SplitN(s, ":", 6)
	if len(p) != 6 || p[0] != "arn" || p[1] == "" || p[2] != service || p[5] == "" {
		return ARN{}, &Error{Code: CodeInvalidParameter, Message: fmt.Sprintf("Invalid ARN: %s", s)}
	}
	return ARN{p[1], p[2], p[3], p[4], p[5]}, nil
}

// ParseGroupARN returns the account, Region and log group name of a log
// group's ARN, with or without a trailing :*.
func ParseGroupARN(s string) (account, region, name string, err error) {
	a, err := ParseARNOf(s, "logs")
	if err != nil {
		return "", "", "", err
	}
	rest, ok := strings.CutPrefix(a.Resource, "log-group:")
	rest = strings.TrimSuffix(rest, ":*")
	if !ok || ParseName(rest) != nil || !ec2.IsAccount(a.Account) || !ec2.IsRegion(a.Region) || a.Partition != ec2.Partition(a.Region) {
		return "", "", "", &Error{Code: CodeInvalidParameter, Message: fmt.Sprintf("Invalid ARN: %s is not the ARN of a log group.", s)}
	}
	return a.Account, a.Region, rest, nil
}
