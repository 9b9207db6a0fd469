package zone

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Zone is one Availability Zone as DescribeAvailabilityZones shows it. The
// zero Zone is not valid; use [InRegion] or [Find]. Zone supports == and
// can be a map key.
type Zone struct {
	Name               string // "us-east-1a"
	ID                 string // "use1-az1"
	Region             string // "us-east-1"
	State              string // "available"
	ZoneType           string // "availability-zone"
	OptInStatus        string // "opt-in-not-required"
	GroupName          string // the Region name
	NetworkBorderGroup string // the Region name
}

// IsValid reports whether z is a zone of the catalogue.
func (z Zone) IsValid() bool { return z.Name != "" }

// The values every zone of the catalogue has.
const (
	StateAvailable   = "available"
	TypeAZ           = "availability-zone"
	OptInNotRequired = "opt-in-not-required"
	defaultLetters   = "abc"
)

// Known lists the Regions whose zone letters the catalogue holds as EC2
// has them, with those letters; every other well-formed Region has a, b
// and c. The map is a copy: changing it changes nothing.
func Known() map[string]string {
	out := make(map[string]string, len(known))
	for r, l := range known {
		out[r] = l
	}
	return out
}

var known = map[string]string{
	"us-east-1":      "abcdef",
	"us-east-2":      "abc",
	"us-west-1":      "ab",
	"us-west-2":      "abcd",
	"ca-central-1":   "abd",
	"eu-west-1":      "abc",
	"eu-west-2":      "abc",
	"eu-west-3":      "abc",
	"eu-central-1":   "abc",
	"eu-north-1":     "abc",
	"ap-northeast-1": "acd",
	"ap-northeast-2": "abcd",
	"ap-southeast-1": "abc",
	"ap-southeast-2": "abc",
	"ap-south-1":     "abc",
	"sa-east-1":      "abc",
}

// ShortRegion returns the short code zone IDs start with: "use1" for
// "us-east-1". It returns "" for a string that is not a Region name.
func ShortRegion(region string) string {
	if !ec2.IsRegion(region) {
		return ""
	}
	groups := strings.Split(region, "-")
	var b strings.Builder
	b.WriteString(groups[0])
	for _, g := range groups[1 : len(groups)-1] {
		switch g {
		case "east", "west", "north", "south", "central":
			b.WriteByte(g[0])
		case "northeast", "southeast", "northwest", "southwest":
			b.WriteByte(g[0])
			b.WriteByte(g[5])
		default:
			b.WriteByte(g[0])
		}
	}
	b.WriteString(groups[len(groups)-1])
	return b.String()
}

// InRegion returns the zones of region in name order, or nil when region
// is not a well-formed Region name.
func InRegion(region string) []Zone {
	short := ShortRegion(region)
	if short == "" {
		return nil
	}
	letters, ok := known[region]
	if !ok {
		letters = defaultLetters
	}
	out := make([]Zone, len(letters))
	for i := range len(letters) {
		out[i] = Zone{
			Name:               region + letters[i:i+1],
			ID:                 fmt.Sprintf("%s-az%d", short, i+1),
			Region:             region,
			State:              StateAvailable,
			ZoneType:           TypeAZ,
			OptInStatus:        OptInNotRequired,
			GroupName:          region,
			NetworkBorderGroup: region,
		}
	}
	return out
}

// Find returns the zone of region whose name or ID is nameOrID, and
// whether there is one.
func Find(region, nameOrID string) (Zone, bool) {
	zs := InRegion(region)
	i := slices.IndexFunc(zs, func(z Zone) bool { return z.Name == nameOrID || z.ID == nameOrID })
	if i < 0 {
		return Zone{}, false
	}
	return zs[i], true
}

// Names returns the names of zs, in order.
func Names(zs []Zone) []string {
	out := make([]string, len(zs))
	for i, z := range zs {
		out[i] = z.Name
	}
	return out
}
