package eip

import (
	"fmt"
	"io"
	"net/netip"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// DefaultQuota is the number of Elastic IP addresses an account may hold
// in a Region: "Elastic IP addresses per Region: 5" (Amazon VPC quotas).
const DefaultQuota = 5

// The domain, pool and address-family values EC2 reports for every
// address this package makes.
const (
	DomainVPC  = "vpc"
	PoolAmazon = "amazon"
)

// Spec is what AllocateAddress asks for, with what the rules check it
// against. Empty Domain, PublicIPv4Pool and NetworkBorderGroup take their
// defaults: vpc, amazon and the Region.
type Spec struct {
	OwnerID            string // the account, 12 digits
	Region             string // "us-east-1", ...
	Domain             string // "" or "vpc"
	PublicIPv4Pool     string // "" or "amazon"
	NetworkBorderGroup string // "" or the Region
	Address            string // an address to take back, or "" for any
	Held               int    // the addresses OwnerID holds in Region now
	Quota              int    // the most OwnerID may hold in Region; 0 means DefaultQuota
}

// Association is an address's association with a private address of a
// network interface. The zero Association means none. Association
// supports == and can be a map key.
type Association struct {
	ID                      string     // "eipassoc-..."
	NetworkInterfaceID      string     // "eni-..."
	NetworkInterfaceOwnerID string     // the account that owns the interface
	PrivateIP               netip.Addr // the interface's private address
	// Managed marks an association a service made for its own interface
	// (a NAT gateway's): only the service ends it.
	Managed bool
}

// IsValid reports whether a names an association.
func (a Association) IsValid() bool { return a.ID != "" }

// Address is one Elastic IP address allocation: its allocation ID, public
// address, owner and Region, and its association, if any. The zero Address
// is not valid; use [Allocate]. An Address is an immutable value, supports
// == and can be a map key.
type Address struct {
	allocationID    string
	publicIP        netip.Addr
	ownerID, region string
	assoc           Association
}

// Check returns the error [Allocate] would return for spec, reading no
// randomness. taken reports the addresses some account holds.
//
// Errors (*Error, Op "allocate"): a malformed owner or Region, a domain
// other than vpc, a pool other than amazon, a border group other than the
// Region, an Address that is not one ([ErrInvalid], InvalidParameterValue);
// Held at the quota ([ErrQuota], AddressLimitExceeded, "The maximum number
// of addresses has been reached."); an Address the pool does not hold or
// an account does ([ErrNotFound], InvalidAddress.NotFound).
func (spec Spec) Check(pool Pool, taken func(netip.Addr) bool) error {
	_, err := spec.check(pool, taken)
	return err
}

func (spec Spec) check(pool Pool, taken func(netip.Addr) bool) (netip.Addr, error) {
	const op = "allocate"
	invalid := func(input, msg string) (netip.Addr, error) {
		return netip.Addr{}, &Error{Op: op, Input: input, Code: ec2.InvalidParameterValue, Err: ErrInvalid, msg: msg}
	}
	switch {
	case !ec2.IsAccount(spec.OwnerID) || !ec2.IsRegion(spec.Region):
		return invalid(spec.OwnerID, fmt.Sprintf("Invalid owner %q or Region %q", spec.OwnerID, spec.Region))
	case spec.Domain != "" && spec.Domain != DomainVPC:
		return invalid(spec.Domain, fmt.Sprintf("Invalid value '%s' for domain. Only vpc addresses can be allocated.", spec.Domain))
	case spec.PublicIPv4Pool != "" && spec.PublicIPv4Pool != PoolAmazon:
		return invalid(spec.PublicIPv4Pool, fmt.Sprintf("The public IPv4 pool '%s' does not exist; only amazon does.", spec.PublicIPv4Pool))
	case spec.NetworkBorderGroup != "" && spec.NetworkBorderGroup != spec.Region:
		return invalid(spec.NetworkBorderGroup, fmt.Sprintf("Invalid network border group '%s'; this Region's is '%s'.", spec.NetworkBorderGroup, spec.Region))
	}
	var want netip.Addr
	if spec.Address != "" {
		a, err := netip.ParseAddr(spec.Address)
		if err != nil || !a.Is4() {
			return invalid(spec.Address, fmt.Sprintf("Invalid value '%s' for address: not an IPv4 address.", spec.Address))
		}
		want = a
	}
	quota := spec.Quota
	if quota <= 0 {
		quota = DefaultQuota
	}
	if spec.Held >= quota {
		return netip.Addr{}, &Error{Op: op, Input: spec.OwnerID, Code: ec2.AddressLimitExceeded, Err: ErrQuota,
			msg: "The maximum number of addresses has been reached."}
	}
	if want.IsValid() && (!pool.Contains(want) || taken != nil && taken(want)) {
		return netip.Addr{}, &Error{Op: op, Input: want.String(), Code: ec2.AddressNotFound, Err: ErrNotFound,
			msg: fmt.Sprintf("Address '%s' not found.", want)}
	}
	return want, nil
}

// Allocate returns a new address as spec asks, checked by [Spec.Check]:
// its allocation ID from random (9 bytes), then, unless spec names one,
// its address drawn from pool with [Pool.Draw] (8 bytes). Nothing is read
// before every check has passed. Production callers pass
// crypto/rand.Reader.
//
// Errors: those of [Spec.Check] and [Pool.Draw]; a failing random source
// (a plain error).
func Allocate(spec Spec, pool Pool, taken func(netip.Addr) bool, random io.Reader) (Address, error) {
	want, err := spec.check(pool, taken)
	if err != nil {
		return Address{}, err
	}
	id, err := ec2.ElasticIP.NewID(random)
	if err != nil {
		return Address{}, err
	}
	if !want.IsValid() {
		if want, err = pool.Draw(random, taken); err != nil {
			return Address{}, err
		}
	}
	return Address{allocationID: id, publicIP: want, ownerID: spec.OwnerID, region: spec.Region}, nil
}

// IsValid reports whether a was made by [Allocate].
func (a Address) IsValid() bool { return a.allocationID != "" }

// AllocationID returns the allocation ID, "eipalloc-...".
func (a Address) AllocationID() string { return a.allocationID }

// PublicIP returns the public IPv4 address.
func (a Address) PublicIP() netip.Addr { return a.publicIP }

// OwnerID returns the account that holds the address.
func (a Address) OwnerID() string { return a.ownerID }

// Region returns the Region the address is allocated in.
func (a Address) Region() string { return a.region }

// Domain returns the address's domain, vpc.
func (a Address) Domain() string { return DomainVPC }

// PublicIPv4Pool returns the pool the address came from, amazon.
func (a Address) PublicIPv4Pool() string { return PoolAmazon }

// NetworkBorderGroup returns the address's network border group: its
// Region.
func (a Address) NetworkBorderGroup() string { return a.region }

// Association returns the address's association, and false when it has
// none.
func (a Address) Association() (Association, bool) { return a.assoc, a.assoc.IsValid() }

// Associate returns a associated as assoc says.
//
// Errors (*Error, Op "associate"): a already associated ([ErrAssociated],
// Resource.AlreadyAssociated, "resource eipalloc-... is already associated
// with associate-id eipassoc-..."); an assoc with a malformed association
// or interface ID, or no private address ([ErrInvalid],
// InvalidParameterValue).
func (a Address) Associate(assoc Association) (Address, error) {
	const op = "associate"
	switch {
	case !ec2.AddressAssociation.IsID(assoc.ID) || !ec2.NetworkInterface.IsID(assoc.NetworkInterfaceID) ||
		!ec2.IsAccount(assoc.NetworkInterfaceOwnerID) || !assoc.PrivateIP.Is4():
		return a, &Error{Op: op, ID: a.allocationID, Input: assoc.ID, Code: ec2.InvalidParameterValue, Err: ErrInvalid,
			msg: fmt.Sprintf("Invalid association %q of interface %q at %s", assoc.ID, assoc.NetworkInterfaceID, assoc.PrivateIP)}
	case a.assoc.IsValid():
		return a, &Error{Op: op, ID: a.allocationID, Input: assoc.ID, Code: ec2.ResourceAlreadyAssociated, Err: ErrAssociated,
			msg: fmt.Sprintf("resource %s is already associated with associate-id %s", a.allocationID, a.assoc.ID)}
	}
	a.assoc = assoc
	return a, nil
}

// Disassociate returns a without its association, as DisassociateAddress
// asks. An address with no association is returned as it is.
//
// Errors (*Error, Op "disassociate", [ErrManaged], AuthFailure, "You do not
// have permission to access the specified resource."): the association is
// a service's.
func (a Address) Disassociate() (Address, error) {
	if a.assoc.Managed {
		return a, a.managed("disassociate")
	}
	a.assoc = Association{}
	return a, nil
}

// DisassociateByService returns a without its association, as the service
// that holds it (a NAT gateway being deleted) ends it.
func (a Address) DisassociateByService() Address {
	a.assoc = Association{}
	return a
}

// CheckRelease returns the error ReleaseAddress gives for a, or nil when
// EC2 would release it.
//
// Errors (*Error, Op "release"): a service holds a ([ErrManaged],
// AuthFailure); a is associated otherwise ([ErrInUse],
// InvalidIPAddress.InUse, "Address 34.217.228.68 is in use.").
func (a Address) CheckRelease() error {
	switch {
	case a.assoc.Managed:
		return a.managed("release")
	case a.assoc.IsValid():
		return &Error{Op: "release", ID: a.allocationID, Input: a.assoc.ID, Code: ec2.IPAddressInUse, Err: ErrInUse,
			msg: fmt.Sprintf("Address %s is in use.", a.publicIP)}
	}
	return nil
}

func (a Address) managed(op string) *Error {
	return &Error{Op: op, ID: a.allocationID, Input: a.assoc.NetworkInterfaceID, Code: ec2.AuthFailure, Err: ErrManaged,
		msg: "You do not have permission to access the specified resource."}
}
