package vpn

import (
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// Customer gateway ASN ranges and defaults (CreateCustomerGateway).
const (
	MaxBGPASN            = 2147483647 // BgpAsn: 1–2,147,483,647
	MinBGPASNExtended    = 2147483648 // BgpAsnExtended: 2,147,483,648–4,294,967,295
	MaxBGPASNExtended    = 4294967295
	DefaultCustomerASN   = 65000 // "Default: 65000" (spec decision H.8)
	MaxDeviceNameLength  = 255   // DeviceName: "up to 255 characters"
	DefaultAmazonSideASN = 64512 // CreateVpnGateway: "Default: 64512"
	MinAmazonSideASN16   = 64512 // private 16-bit range 64512–65534
	MaxAmazonSideASN16   = 65534
	MinAmazonSideASN32   = 4200000000 // private 32-bit range 4,200,000,000–4,294,967,294
	MaxAmazonSideASN32   = 4294967294
)

// CustomerGatewaySpec is what CreateCustomerGateway takes. The zero value is
// not a valid request: Type and IPAddress are required.
type CustomerGatewaySpec struct {
	Type           GatewayType // required: ipsec.1
	BGPASN         int64       // BgpAsn, 1–2,147,483,647; 0 means not given
	BGPASNExtended int64       // BgpAsnExtended, 2,147,483,648–4,294,967,295; 0 means not given
	IPAddress      netip.Addr  // the device's static outside IPv4 address; required
	DeviceName     string      // up to 255 characters; may be empty
	Tags           tag.Set
}

// CustomerGateway is EC2's record of the customer's VPN device: its type,
// BGP ASN, outside address and device name. Its state changes only through
// [CustomerGateway.Delete], which takes effect at once. The zero CustomerGateway is not valid; use
// [CreateCustomerGateway]. It holds tags, so it does not support ==.
type CustomerGateway struct {
	id         string
	typ        GatewayType
	asn        int64
	ip         netip.Addr
	deviceName string
	state      status.State
	tags       tag.Set
	createdAt  time.Time
	deletedAt  time.Time // zero unless deleted
}

// CreateCustomerGateway validates spec and returns a new customer gateway in
// state available, with an ID drawn from random (production callers pass
// crypto/rand.Reader).
//
// Rules (spec decision H.8): Type must be ipsec.1 (MissingParameter when
// empty, else InvalidParameterValue); BgpAsn and BgpAsnExtended may not both
// be given (InvalidParameterCombination); each must be in its range
// (InvalidParameterValue, [ErrASN]); neither gives ASN 65000; IpAddress must
// be an IPv4 address (MissingParameter when absent); DeviceName at most 255
// characters. EC2 treats an identical request as idempotent: call
// [FindIdenticalCustomerGateway] first and return what it finds.
func CreateCustomerGateway(spec CustomerGatewaySpec, random io.Reader, now time.Time) (CustomerGateway, error) {
	const op = "create-customer-gateway"
	fail := func(param, value, code string, err error) (CustomerGateway, error) {
		return CustomerGateway{}, &Error{Op: op, Param: param, Value: value, Code: code, Err: err}
	}
	switch {
	case spec.Type == "":
		return fail("Type", "", "MissingParameter", ErrMissing)
	case !spec.Type.IsValid():
		return fail("Type", string(spec.Type), "InvalidParameterValue", ErrInvalidValue)
	}
	asn, err := customerASN(spec.BGPASN, spec.BGPASNExtended)
	if err != nil {
		err.Op = op
		return CustomerGateway{}, err
	}
	switch {
	case spec.IPAddress == (netip.Addr{}):
		return fail("IpAddress", "", "MissingParameter", ErrMissing)
	case !spec.IPAddress.Is4() && !spec.IPAddress.Is4In6() || spec.IPAddress.Unmap().IsUnspecified():
		return fail("IpAddress", spec.IPAddress.String(), "InvalidParameterValue", ErrInvalidValue)
	}
	if !utf8.ValidString(spec.DeviceName) || utf8.RuneCountInString(spec.DeviceName) > MaxDeviceNameLength {
		return fail("DeviceName", "", "InvalidParameterValue", ErrOutOfRange)
	}
	id, rerr := ec2.CustomerGateway.NewID(random)
	if rerr != nil {
		return fail("", "", "InternalError", fmt.Errorf("%w: %v", ErrRandom, rerr))
	}
	return CustomerGateway{
		id:         id,
		typ:        spec.Type,
		asn:        asn,
		ip:         spec.IPAddress.Unmap(),
		deviceName: spec.DeviceName,
		state:      status.StateAvailable,
		tags:       spec.Tags,
		createdAt:  norm(now),
	}, nil
}

// customerASN resolves BgpAsn and BgpAsnExtended to one ASN.
func customerASN(asn, extended int64) (int64, *Error) {
	switch {
	case asn != 0 && extended != 0:
		return 0, &Error{Param: "BgpAsnExtended", Value: strconv.FormatInt(extended, 10), Code: "InvalidParameterCombination", Err: ErrCombination}
	case asn != 0:
		if asn < 1 || asn > MaxBGPASN {
			return 0, &Error{Param: "BgpAsn", Value: strconv.FormatInt(asn, 10), Code: "InvalidParameterValue", Err: ErrASN}
		}
		return asn, nil
	case extended != 0:
		if extended < MinBGPASNExtended || extended > MaxBGPASNExtended {
			return 0, &Error{Param: "BgpAsnExtended", Value: strconv.FormatInt(extended, 10), Code: "InvalidParameterValue", Err: ErrASN}
		}
		return extended, nil
	}
	return DefaultCustomerASN, nil
}

// FindIdenticalCustomerGateway returns the live gateway among existing that an
// identical CreateCustomerGateway request would return instead of creating a
// new one: same type, IP address, ASN (after defaulting) and device name
// (spec decision H.8). It reports false when there is none or when spec is
// not valid.
func FindIdenticalCustomerGateway(existing []CustomerGateway, spec CustomerGatewaySpec) (CustomerGateway, bool) {
	asn, err := customerASN(spec.BGPASN, spec.BGPASNExtended)
	if err != nil {
		return CustomerGateway{}, false
	}
	for _, g := range existing {
		if g.state.IsLive() && g.typ == spec.Type && g.ip == spec.IPAddress.Unmap() &&
			g.asn == asn && g.deviceName == spec.DeviceName {
			return g, true
		}
	}
	return CustomerGateway{}, false
}

// IsValid reports whether g was made by [CreateCustomerGateway].
func (g CustomerGateway) IsValid() bool { return g.id != "" }

// ID returns the gateway's ID, "cgw-…"; "" for the zero value.
func (g CustomerGateway) ID() string { return g.id }

// Type returns the gateway type, ipsec.1.
func (g CustomerGateway) Type() GatewayType { return g.typ }

// BGPASN returns the gateway's BGP ASN (from BgpAsn, BgpAsnExtended or the
// default 65000).
func (g CustomerGateway) BGPASN() int64 { return g.asn }

// IsASNExtended reports whether the ASN is above 2,147,483,647, which EC2
// returns as BgpAsnExtended.
func (g CustomerGateway) IsASNExtended() bool { return g.asn > MaxBGPASN }

// IPAddress returns the device's outside address.
func (g CustomerGateway) IPAddress() netip.Addr { return g.ip }

// DeviceName returns the device name, possibly empty.
func (g CustomerGateway) DeviceName() string { return g.deviceName }

// State returns available or deleted; "" for the zero value.
func (g CustomerGateway) State() status.State { return g.state }

// Tags returns the gateway's tags.
func (g CustomerGateway) Tags() tag.Set { return g.tags }

// CreatedAt returns the instant of creation, in UTC.
func (g CustomerGateway) CreatedAt() time.Time { return g.createdAt }

// WithTags returns g with its tags replaced by tags.
func (g CustomerGateway) WithTags(tags tag.Set) CustomerGateway { g.tags = tags; return g }

// DeletedAt returns the instant [CustomerGateway.Delete] deleted g, and
// whether g is deleted.
func (g CustomerGateway) DeletedAt() (time.Time, bool) {
	return g.deletedAt, g.state == status.StateDeleted
}

// IsListed reports whether DescribeCustomerGateways still lists g at now: a
// deleted gateway is listed for [DeletedRetention] after its deletion, up to
// but not including DeletedAt + DeletedRetention. It is false for the zero
// CustomerGateway.
func (g CustomerGateway) IsListed(now time.Time) bool {
	return listed(g.IsValid(), g.state, g.deletedAt, now)
}

// Delete moves g to deleted at once, dated at now (or at its creation when
// now is earlier: time never runs back); [CustomerGateway.DeletedAt]
// returns that instant. A gateway still used by a live connection among
// connections cannot be deleted (IncorrectState, [ErrInUse]). Deleting a
// deleted gateway changes nothing, its deletion instant included, and is
// not an error.
func (g CustomerGateway) Delete(connections []Connection, now time.Time) (CustomerGateway, error) {
	if !g.IsValid() {
		return g, &Error{Op: "delete-customer-gateway", Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	if g.state == status.StateDeleted {
		return g, nil
	}
	for _, c := range connections {
		if c.state.IsLive() && c.customerGatewayID == g.id {
			return g, &Error{Op: "delete-customer-gateway", ID: g.id, Value: c.id, Code: "IncorrectState", Err: ErrInUse}
		}
	}
	g.state, g.deletedAt = status.StateDeleted, latest(norm(now), g.createdAt)
	return g, nil
}
