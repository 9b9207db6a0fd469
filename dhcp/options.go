package dhcp

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Key is the name of a DHCP option, spelled as EC2 spells it. The zero Key
// is not valid.
type Key string

// The options a set may hold.
const (
	DomainName                    Key = "domain-name"
	DomainNameServers             Key = "domain-name-servers"
	NTPServers                    Key = "ntp-servers"
	NetBIOSNameServers            Key = "netbios-name-servers"
	NetBIOSNodeType               Key = "netbios-node-type"
	IPv6AddressPreferredLeaseTime Key = "ipv6-address-preferred-lease-time"
)

// AmazonProvidedDNS is the domain-name-servers value that names the
// Amazon DNS server.
const AmazonProvidedDNS = "AmazonProvidedDNS"

// Limits of the options' values.
const (
	MaxDomainNameServers   = 4
	MaxNTPServersPerFamily = 4
	MaxNetBIOSNameServers  = 4
	MinLeaseTime           = 140
	MaxLeaseTime           = 2147483647
	MaxDomainNameLength    = 255
)

// Values returns every valid Key, in the order a set lists its options.
func (Key) Values() []Key {
	return []Key{DomainName, DomainNameServers, NTPServers, NetBIOSNameServers, NetBIOSNodeType, IPv6AddressPreferredLeaseTime}
}

// IsValid reports whether k is one of [Key.Values].
func (k Key) IsValid() bool { return slices.Contains(k.Values(), k) }

// String returns k as EC2 spells it.
func (k Key) String() string { return string(k) }

// Configuration is one option of a set: its key and values, as
// CreateDhcpOptions takes them (DhcpConfiguration.N). The zero value holds
// no option.
type Configuration struct {
	Key    string
	Values []string
}

// Options is a DHCP option set: its ID, its owner and its options. It is
// immutable: Configurations returns a copy. The zero Options is not valid;
// use [New] or [Default].
type Options struct {
	id      string
	ownerID string
	confs   []Configuration // in Key.Values order
}

// New returns the option set id of ownerID holding confs, after checking
// them as CreateDhcpOptions does (see the package's rule table); the error
// is an *Error. id must be a dopt- ID and ownerID an account.
func New(id, ownerID string, confs []Configuration) (Options, error) {
	if !ec2.DHCPOptions.IsID(id) || !ec2.IsAccount(ownerID) {
		return Options{}, invalid("", id, fmt.Sprintf("The option set ID %q or owner %q is malformed.", id, ownerID))
	}
	norm, err := Check(confs)
	if err != nil {
		return Options{}, err
	}
	return Options{id: id, ownerID: ownerID, confs: norm}, nil
}

// Check validates confs as CreateDhcpOptions does and returns them in
// [Key.Values] order, copied. The error is an *Error with EC2's code.
func Check(confs []Configuration) ([]Configuration, error) {
	if len(confs) == 0 {
		return nil, invalid("", "", "The request must contain at least one DHCP option.")
	}
	seen := make(map[Key]bool, len(confs))
	out := make([]Configuration, 0, len(confs))
	for _, c := range confs {
		k := Key(c.Key)
		if !k.IsValid() {
			return nil, invalid(c.Key, c.Key, "Value ("+c.Key+") for parameter key is invalid. Unknown DHCP option")
		}
		if seen[k] {
			return nil, invalid(c.Key, "", "The DHCP option "+c.Key+" is specified more than once.")
		}
		seen[k] = true
		if err := checkValues(k, c.Values); err != nil {
			return nil, err
		}
		out = append(out, Configuration{Key: c.Key, Values: slices.Clone(c.Values)})
	}
	slices.SortStableFunc(out, func(a, b Configuration) int {
		return slices.Index(Key("").Values(), Key(a.Key)) - slices.Index(Key("").Values(), Key(b.Key))
	})
	return out, nil
}

// checkValues checks the values of one option.
func checkValues(k Key, vs []string) error {
	key := string(k)
	if len(vs) == 0 {
		return invalid(key, "", "The DHCP option "+key+" must have at least one value.")
	}
	count := func(max int) error {
		if len(vs) > max {
			return invalid(key, "", fmt.Sprintf("The DHCP option %s takes at most %d values; %d were given.", key, max, len(vs)))
		}
		return nil
	}
	switch k {
	case DomainName:
		if err := count(1); err != nil {
			return err
		}
		if v := vs[0]; v == "" || len(v) > MaxDomainNameLength || !printable(v) {
			return badValue(key, v)
		}
	case DomainNameServers:
		if err := count(MaxDomainNameServers); err != nil {
			return err
		}
		for _, v := range vs {
			if v == AmazonProvidedDNS {
				continue
			}
			if _, ok := address(v); !ok {
				return badValue(key, v)
			}
		}
	case NTPServers:
		if err := count(2 * MaxNTPServersPerFamily); err != nil {
			return err
		}
		var v4, v6 int
		for _, v := range vs {
			a, ok := address(v)
			if !ok {
				return badValue(key, v)
			}
			if a.Is4() {
				v4++
			} else {
				v6++
			}
		}
		if v4 > MaxNTPServersPerFamily || v6 > MaxNTPServersPerFamily {
			return invalid(key, "", fmt.Sprintf("The DHCP option %s takes at most %d IPv4 and %d IPv6 addresses.", key, MaxNTPServersPerFamily, MaxNTPServersPerFamily))
		}
	case NetBIOSNameServers:
		if err := count(MaxNetBIOSNameServers); err != nil {
			return err
		}
		for _, v := range vs {
			if a, ok := address(v); !ok || !a.Is4() {
				return badValue(key, v)
			}
		}
	case NetBIOSNodeType:
		if err := count(1); err != nil {
			return err
		}
		switch vs[0] {
		case "1", "2", "4", "8":
		default:
			return badValue(key, vs[0])
		}
	case IPv6AddressPreferredLeaseTime:
		if err := count(1); err != nil {
			return err
		}
		n, err := strconv.ParseInt(vs[0], 10, 64)
		if err != nil || n < MinLeaseTime || n > MaxLeaseTime || strings.HasPrefix(vs[0], "+") {
			return badValue(key, vs[0])
		}
	default:
		return badValue("key", key)
	}
	return nil
}

// printable reports whether s is printable ASCII, spaces included.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// address parses a server address: an IPv4 or IPv6 address with no zone.
func address(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" || a.Is4In6() {
		return netip.Addr{}, false
	}
	return a, true
}

// DefaultDomainName returns the domain-name of region's default set:
// ec2.internal in us-east-1, REGION.compute.internal elsewhere.
func DefaultDomainName(region string) string {
	if region == "us-east-1" {
		return "ec2.internal"
	}
	return region + ".compute.internal"
}

// Default returns the default option set of region, id of ownerID:
// domain-name [DefaultDomainName] and domain-name-servers
// AmazonProvidedDNS. It returns the zero Options if id or ownerID is
// malformed.
func Default(id, ownerID, region string) Options {
	o, err := New(id, ownerID, []Configuration{
		{Key: string(DomainName), Values: []string{DefaultDomainName(region)}},
		{Key: string(DomainNameServers), Values: []string{AmazonProvidedDNS}},
	})
	if err != nil {
		return Options{}
	}
	return o
}

// IsValid reports whether o is an option set rather than the zero Options.
func (o Options) IsValid() bool { return o.id != "" }

// ID returns the set's dopt- ID.
func (o Options) ID() string { return o.id }

// OwnerID returns the account that owns the set.
func (o Options) OwnerID() string { return o.ownerID }

// Configurations returns a copy of the set's options, in [Key.Values]
// order.
func (o Options) Configurations() []Configuration {
	out := make([]Configuration, len(o.confs))
	for i, c := range o.confs {
		out[i] = Configuration{Key: c.Key, Values: slices.Clone(c.Values)}
	}
	return out
}

// Values returns the values of option k, and whether the set holds it.
func (o Options) Values(k Key) ([]string, bool) {
	for _, c := range o.confs {
		if c.Key == string(k) {
			return slices.Clone(c.Values), true
		}
	}
	return nil, false
}
