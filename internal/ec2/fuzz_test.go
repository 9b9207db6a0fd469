package ec2_test

import (
	"regexp"
	"testing"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

var (
	idPattern     = regexp.MustCompile(`^pcx-([0-9a-f]{8}|[0-9a-f]{17})$`)
	accountPat    = regexp.MustCompile(`^[0-9]{12}$`)
	regionPattern = regexp.MustCompile(`^[a-z]+(-[a-z]+)+-[0-9]{1,2}$`)
)

// FuzzParseID checks the hand-written ID scanner against a regular
// expression that states EC2's syntax directly.
func FuzzParseID(f *testing.F) {
	for _, s := range []string{"pcx-1234abcd", "pcx-0123456789abcdef0", "pcx-", "pcx-ABCDEF12", "vpc-12345678", "pcx-1234abcd\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ec2.PeeringConnection.ParseID(s)
		if want := idPattern.MatchString(s); (err == nil) != want {
			t.Fatalf("ParseID(%q) = %v, regexp says %v", s, err, want)
		}
	})
}

// FuzzParseAccount checks account syntax against a regular expression.
func FuzzParseAccount(f *testing.F) {
	for _, s := range []string{"123456789012", "12345678901", "abcdefghijkl", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ec2.ParseAccount(s) == nil, accountPat.MatchString(s); got != want {
			t.Fatalf("ParseAccount(%q) ok=%v, regexp says %v", s, got, want)
		}
	})
}

// FuzzParseRegion checks Region syntax against a regular expression.
func FuzzParseRegion(f *testing.F) {
	for _, s := range []string{"us-east-1", "us-gov-west-1", "us-east", "a-b-1", "a--b-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := regionPattern.MatchString(s) && len(s) <= 32
		if got := ec2.ParseRegion(s) == nil; got != want {
			t.Fatalf("ParseRegion(%q) ok=%v, regexp says %v", s, got, want)
		}
	})
}
