package eni

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/zone"
)

// MaxGroups is EC2's default quota of security groups per network
// interface ("Security groups per network interface: 5").
const MaxGroups = 5

// MaxDescription is the longest description EC2 accepts.
const MaxDescription = 255

// Reserved addresses: "The first four IP addresses and the last IP address
// in each subnet CIDR block are not available for your use".
const (
	reservedHead = 4
	reservedTail = 1
)

// The values EC2 answers for every interface this model holds.
const (
	StatusAvailable = "available" // attached to nothing
	StatusInUse     = "in-use"    // a managed interface, attached to its resource
	TypeInterface   = "interface"
	// TypeVPCEndpoint is a VPC endpoint's interface's.
	TypeVPCEndpoint = "vpc_endpoint"
	TypeNATGateway  = "nat_gateway" // a NAT gateway's own interface
)

// Spec is what CreateNetworkInterface asks for, with the subnet it is
// placed in. The zero Spec is not valid.
type Spec struct {
	OwnerID     string       // the account, 12 digits
	Region      string       // "us-east-1", ...
	SubnetID    string       // "subnet-..."
	VPCID       string       // the subnet's VPC
	Zone        zone.Zone    // the subnet's zone
	SubnetCIDR  netip.Prefix // the subnet's IPv4 block
	PrivateIP   netip.Addr   // the address asked for; the zero Addr allocates one
	Groups      []string     // the security groups, at least one; duplicates are dropped
	Description string
	// ManagedBy is the VPC endpoint ("vpce-...") that creates the
	// interface on the caller's behalf, or "" for the caller's own.
	ManagedBy string
	// InUse reports whether an address of the subnet is already taken (by
	// another interface). nil means none is.
	InUse func(netip.Addr) bool
}

// Interface is one network interface: its ID, owner, subnet, addresses,
// security groups, description and source/destination check. The zero
// Interface is not valid; use [Create]. An Interface is an immutable value:
// every action returns a new Interface. It holds a slice, so it does not
// support ==; its methods copy on the way in and out.
type Interface struct {
	id, ownerID, region, vpcID, subnetID string
	zone                                 zone.Zone
	privateIP, publicIP                  netip.Addr
	groups                               []string
	description                          string
	noSrcDstCheck                        bool   // the zero value is EC2's default: the check is on
	managedBy                            string // the VPC endpoint that manages the interface
	kind                                 string // a NAT gateway's interface's type
}

// ManagedSpec is an interface that a service creates for one of its
// resources and manages itself: the requester-managed interface of a NAT
// gateway, whose ID, address and public address the gateway holds. The
// zero ManagedSpec is not valid.
type ManagedSpec struct {
	ID          string // "eni-..."
	Type        string // TypeNATGateway
	OwnerID     string
	Region      string
	VPCID       string
	SubnetID    string
	Zone        zone.Zone
	PrivateIP   netip.Addr
	PublicIP    netip.Addr // the zero Addr for none
	Description string
}

// Managed returns the requester-managed interface s describes: no
// security groups, its source/destination check off, in use.
//
// Errors (*Error, Op "create", InvalidParameterValue, [ErrInvalid]): a
// malformed ID, an unknown type, an owner, Region, VPC or subnet that is
// not well formed, a private address that is not IPv4, a public address
// that is not public.
func Managed(s ManagedSpec) (Interface, error) {
	bad := func(input, msg string) error {
		return &Error{Op: "create", ID: s.ID, Input: input, Code: ec2.InvalidParameterValue, Err: ErrInvalid, msg: msg}
	}
	switch {
	case !ec2.NetworkInterface.IsID(s.ID):
		return Interface{}, bad(s.ID, fmt.Sprintf("Invalid network interface ID %q.", s.ID))
	case s.Type != TypeNATGateway:
		return Interface{}, bad(s.Type, fmt.Sprintf("Invalid managed interface type %q.", s.Type))
	case !ec2.IsAccount(s.OwnerID) || !ec2.IsRegion(s.Region) || !ec2.VPC.IsID(s.VPCID) || !ec2.Subnet.IsID(s.SubnetID):
		return Interface{}, bad(s.SubnetID, "Invalid owner, Region, VPC or subnet.")
	case !s.PrivateIP.Is4():
		return Interface{}, bad(s.PrivateIP.String(), "A managed interface needs a private IPv4 address.")
	case len(s.Description) > MaxDescription:
		return Interface{}, bad(s.Description, "The description is too long.")
	}
	i := Interface{id: s.ID, ownerID: s.OwnerID, region: s.Region, vpcID: s.VPCID, subnetID: s.SubnetID, zone: s.Zone,
		privateIP: s.PrivateIP, description: s.Description, noSrcDstCheck: true, kind: s.Type}
	return i.WithPublicIP(s.PublicIP)
}

// Type returns the interface's type as EC2 spells it: [TypeInterface], or
// a managed interface's, such as [TypeNATGateway].
func (i Interface) Type() string {
	switch {
	case i.kind != "":
		return i.kind
	case !i.IsValid():
		return ""
	case i.managedBy != "":
		return TypeVPCEndpoint
	}
	return TypeInterface
}

// RequesterManaged reports whether a service manages the interface: the
// user may neither modify nor delete it.
func (i Interface) RequesterManaged() bool { return i.kind != "" || i.managedBy != "" }

// CheckAddress returns the error CreateNetworkInterface gives for asking
// for addr in a subnet of block cidr, or nil when addr may be used (before
// the check that it is free).
//
// Errors (*Error, Op "create", InvalidParameterValue): not an IPv4 address
// ([ErrInvalid]); outside cidr ([ErrAddress], "Address 10.1.0.5 does not
// fall within the subnet's address range"); one of the five reserved
// addresses ([ErrAddress], our wording, as EC2's is not known).
func CheckAddress(cidr netip.Prefix, addr netip.Addr) error {
	fail := func(cause error, msg string) error {
		return &Error{Op: "create", Input: addr.String(), Code: ec2.InvalidParameterValue, Err: cause, msg: msg}
	}
	switch {
	case !addr.Is4():
		return fail(ErrInvalid, fmt.Sprintf("Value (%s) for parameter privateIpAddress is invalid. This is not a valid IPv4 address.", addr))
	case !cidr.Contains(addr):
		return fail(ErrAddress, fmt.Sprintf("Address %s does not fall within the subnet's address range", addr))
	}
	first, last := bounds(cidr)
	if n := u32(addr); n < first+reservedHead || n > last-reservedTail {
		return fail(ErrAddress, fmt.Sprintf("Address %s is reserved by AWS in the subnet's address range %s", addr, cidr))
	}
	return nil
}

// Allocate returns the lowest address of block cidr that is neither
// reserved nor in use, and false when there is none. inUse may be nil.
func Allocate(cidr netip.Prefix, inUse func(netip.Addr) bool) (netip.Addr, bool) {
	if !cidr.IsValid() || !cidr.Addr().Is4() {
		return netip.Addr{}, false
	}
	first, last := bounds(cidr)
	if last-first+1 <= reservedHead+reservedTail {
		return netip.Addr{}, false
	}
	for n := first + reservedHead; n <= last-reservedTail; n++ {
		a := addrOf(n)
		if inUse == nil || !inUse(a) {
			return a, true
		}
	}
	return netip.Addr{}, false
}

// Usable returns how many addresses of block cidr an interface can have:
// all but the five reserved ones.
func Usable(cidr netip.Prefix) int {
	if !cidr.IsValid() || !cidr.Addr().Is4() {
		return 0
	}
	first, last := bounds(cidr)
	return max(int(last-first+1)-reservedHead-reservedTail, 0)
}

func bounds(p netip.Prefix) (first, last uint32) {
	p = p.Masked()
	first = u32(p.Addr())
	return first, first | (1<<(32-p.Bits()) - 1)
}

func u32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func addrOf(n uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}

// Check returns the error [Create] would return for s, reading no
// randomness; an address to allocate is not looked for.
//
// Errors (*Error, Op "create"): a malformed owner, Region, subnet or VPC
// ID, a zone of another Region, or no group ([ErrInvalid],
// InvalidParameterValue); a malformed group ID (InvalidGroupId.Malformed);
// more than [MaxGroups] groups ([ErrGroups],
// SecurityGroupsPerInterfaceLimitExceeded); a description over
// [MaxDescription] characters ([ErrInvalid]); the errors of
// [CheckAddress]; an address in use ([ErrInUse], InvalidIPAddress.InUse,
// "The specified address is already in use.").
func (s Spec) Check() error {
	fail := func(input, code string, cause error, msg string) error {
		return &Error{Op: "create", Input: input, Code: code, Err: cause, msg: msg}
	}
	switch {
	case !ec2.IsAccount(s.OwnerID) || !ec2.IsRegion(s.Region):
		return fail(s.OwnerID, ec2.InvalidParameterValue, ErrInvalid, fmt.Sprintf("Invalid owner %q or Region %q", s.OwnerID, s.Region))
	case !ec2.Subnet.IsID(s.SubnetID):
		return fail(s.SubnetID, ec2.SubnetIDMalformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"subnet-...\")", s.SubnetID))
	case !ec2.VPC.IsID(s.VPCID):
		return fail(s.VPCID, ec2.VPCIDMalformed, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"vpc-...\")", s.VPCID))
	case !s.Zone.IsValid() || s.Zone.Region != s.Region:
		return fail(s.Zone.Name, ec2.InvalidParameterValue, ErrInvalid, fmt.Sprintf("The zone %q is not of Region %q.", s.Zone.Name, s.Region))
	case !s.SubnetCIDR.IsValid() || !s.SubnetCIDR.Addr().Is4():
		return fail(s.SubnetCIDR.String(), ec2.InvalidParameterValue, ErrInvalid, "The subnet has no IPv4 block.")
	case s.ManagedBy != "" && !ec2.VPCEndpoint.IsID(s.ManagedBy):
		return fail(s.ManagedBy, ec2.InvalidParameterValue, ErrInvalid, fmt.Sprintf("Invalid id: %q (expecting \"vpce-...\")", s.ManagedBy))
	case len(s.Description) > MaxDescription:
		return fail(s.Description, ec2.InvalidParameterValue, ErrInvalid,
			fmt.Sprintf("Value for parameter description is invalid. Descriptions must be at most %d characters.", MaxDescription))
	}
	if err := checkGroups("create", "", s.Groups); err != nil {
		return err
	}
	if s.PrivateIP.IsValid() {
		if err := CheckAddress(s.SubnetCIDR, s.PrivateIP); err != nil {
			return err
		}
		if s.InUse != nil && s.InUse(s.PrivateIP) {
			return fail(s.PrivateIP.String(), "InvalidIPAddress.InUse", ErrInUse, "The specified address is already in use.")
		}
	}
	return nil
}

// checkGroups checks a list of security group IDs, duplicates aside.
func checkGroups(op, id string, groups []string) error {
	gs := dedupe(groups)
	switch {
	case len(gs) == 0:
		return &Error{Op: op, ID: id, Code: ec2.InvalidParameterValue, Err: ErrInvalid, msg: "A network interface needs at least one security group."}
	case len(gs) > MaxGroups:
		return &Error{Op: op, ID: id, Input: strings.Join(gs, ","), Code: "SecurityGroupsPerInterfaceLimitExceeded", Err: ErrGroups,
			msg: "The maximum number of security groups per interface has been reached."}
	}
	for _, g := range gs {
		if err := ec2.SecurityGroup.ParseID(g); err != nil {
			return &Error{Op: op, ID: id, Input: g, Code: ec2.SecurityGroup.Malformed, Err: ErrInvalid, msg: ec2Message(err)}
		}
	}
	return nil
}

func ec2Message(err error) string {
	var e *ec2.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// dedupe returns gs without repeats, in first-seen order, as a new slice.
func dedupe(gs []string) []string {
	var out []string
	for _, g := range gs {
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// Create returns a new interface as s asks: s's address, or the lowest
// free one ([Allocate]), its ID from random (9 bytes, read with
// io.ReadFull) after every check has passed, so that a refusal reads
// nothing.
//
// Errors: those of [Spec.Check]; no free address ([ErrFull],
// InsufficientFreeAddressesInSubnet, "The specified subnet does not have
// enough free addresses to satisfy the request."); a failing random source
// (a plain error).
func Create(s Spec, random io.Reader) (Interface, error) {
	if err := s.Check(); err != nil {
		return Interface{}, err
	}
	addr := s.PrivateIP
	if !addr.IsValid() {
		var ok bool
		if addr, ok = Allocate(s.SubnetCIDR, s.InUse); !ok {
			return Interface{}, &Error{Op: "create", Input: s.SubnetID, Code: "InsufficientFreeAddressesInSubnet", Err: ErrFull,
				msg: "The specified subnet does not have enough free addresses to satisfy the request."}
		}
	}
	id, err := ec2.NetworkInterface.NewID(random)
	if err != nil {
		return Interface{}, err
	}
	return Interface{id: id, ownerID: s.OwnerID, region: s.Region, vpcID: s.VPCID, subnetID: s.SubnetID, zone: s.Zone,
		privateIP: addr, groups: dedupe(s.Groups), description: s.Description, managedBy: s.ManagedBy}, nil
}

// IsValid reports whether i was made by [Create].
func (i Interface) IsValid() bool { return i.id != "" }

// ID returns the interface ID, "eni-...".
func (i Interface) ID() string { return i.id }

// OwnerID returns the account that owns the interface.
func (i Interface) OwnerID() string { return i.ownerID }

// Region returns the interface's Region.
func (i Interface) Region() string { return i.region }

// VPCID returns the ID of the interface's VPC.
func (i Interface) VPCID() string { return i.vpcID }

// SubnetID returns the ID of the interface's subnet.
func (i Interface) SubnetID() string { return i.subnetID }

// Zone returns the Availability Zone of the interface's subnet.
func (i Interface) Zone() zone.Zone { return i.zone }

// PrivateIP returns the interface's primary private IPv4 address.
func (i Interface) PrivateIP() netip.Addr { return i.privateIP }

// PublicIP returns the interface's public IPv4 address and whether it has
// one.
func (i Interface) PublicIP() (netip.Addr, bool) { return i.publicIP, i.publicIP.IsValid() }

// Groups returns the IDs of the interface's security groups, in the order
// they were given.
func (i Interface) Groups() []string { return slices.Clone(i.groups) }

// HasGroup reports whether group id is one of the interface's.
func (i Interface) HasGroup(id string) bool { return slices.Contains(i.groups, id) }

// NumGroups returns how many security groups the interface has.
func (i Interface) NumGroups() int { return len(i.groups) }

// Group returns the n-th security group of the interface (0 ≤ n <
// NumGroups()), without copying the list.
func (i Interface) Group(n int) string { return i.groups[n] }

// Description returns the interface's description.
func (i Interface) Description() string { return i.description }

// SourceDestCheck reports whether the interface drops traffic that is
// neither from nor to its own addresses (on by default).
func (i Interface) SourceDestCheck() bool { return !i.noSrcDstCheck }

// Status returns the interface's status: in-use for a VPC endpoint's or
// NAT gateway's interface, available for the caller's own, as this model attaches those
// to nothing.
func (i Interface) Status() string {
	switch {
	case !i.IsValid():
		return ""
	case i.managedBy != "" || i.kind != "":
		return StatusInUse
	}
	return StatusAvailable
}

// ManagedBy returns the VPC endpoint that manages the interface, and
// whether one does: such an interface is requester-managed, and only its
// endpoint deletes it.
func (i Interface) ManagedBy() (string, bool) { return i.managedBy, i.managedBy != "" }

// MACAddress returns the interface's MAC address: 02 (a locally
// administered unicast address, as EC2's are) and five bytes of a hash of
// its ID.
func (i Interface) MACAddress() string {
	if !i.IsValid() {
		return ""
	}
	sum := sha256.Sum256([]byte(i.id))
	return fmt.Sprintf("02:%02x:%02x:%02x:%02x:%02x", sum[0], sum[1], sum[2], sum[3], sum[4])
}

// PrivateDNSName returns the interface's private DNS name as EC2 forms it
// from its private address: ip-10-0-1-4.ec2.internal in us-east-1,
// ip-10-0-1-4.<region>.compute.internal elsewhere.
func (i Interface) PrivateDNSName() string {
	if !i.IsValid() {
		return ""
	}
	host := "ip-" + strings.ReplaceAll(i.privateIP.String(), ".", "-")
	if i.region == "us-east-1" {
		return host + ".ec2.internal"
	}
	return host + "." + i.region + ".compute.internal"
}

// WithGroups returns i with its security groups replaced by groups
// (ModifyNetworkInterfaceAttribute's SecurityGroupId).
//
// Errors (*Error, Op "modify"): as for [Spec.Check]'s groups.
func (i Interface) WithGroups(groups []string) (Interface, error) {
	if err := checkGroups("modify", i.id, groups); err != nil {
		return i, err
	}
	i.groups = dedupe(groups)
	return i, nil
}

// WithDescription returns i with its description replaced.
//
// Errors (*Error, Op "modify", [ErrInvalid], InvalidParameterValue): a
// description over [MaxDescription] characters.
func (i Interface) WithDescription(d string) (Interface, error) {
	if len(d) > MaxDescription {
		return i, &Error{Op: "modify", ID: i.id, Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Value for parameter description is invalid. Descriptions must be at most %d characters.", MaxDescription)}
	}
	i.description = d
	return i, nil
}

// WithSourceDestCheck returns i with its source/destination check on or
// off.
func (i Interface) WithSourceDestCheck(on bool) Interface {
	i.noSrcDstCheck = !on
	return i
}

// WithPublicIP returns i with public IPv4 address a, or none for the zero
// Addr. The Cloud chooses the address; this package checks only that it is
// an IPv4 address outside the private ranges.
//
// Errors (*Error, Op "modify", [ErrAddress], InvalidParameterValue): an
// address that is not a public IPv4 address.
func (i Interface) WithPublicIP(a netip.Addr) (Interface, error) {
	if a.IsValid() && (!a.Is4() || a.IsPrivate() || a.IsLoopback() || a.IsUnspecified() || a.IsMulticast() || a.IsLinkLocalUnicast()) {
		return i, &Error{Op: "modify", ID: i.id, Input: a.String(), Code: ec2.InvalidParameterValue, Err: ErrAddress,
			msg: fmt.Sprintf("Address %s is not a public IPv4 address.", a)}
	}
	i.publicIP = a
	return i, nil
}
