package ec2

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Kind is a kind of EC2 resource ID: its prefix and the error codes EC2 uses
// for a malformed or unknown ID of that kind.
type Kind struct {
	Prefix    string // "vpc", "pcx", ...; the ID is Prefix + "-" + hex
	Name      string // how EC2 names the resource in messages: "vpc", "vpcPeeringConnection"
	Malformed string // error code for an ID that is not of this kind's syntax
	NotFound  string // error code for a well-formed ID that names nothing
}

// The kinds of resource this project names.
var (
	VPC               = Kind{"vpc", "vpc", VPCIDMalformed, VPCIDNotFound}
	PeeringConnection = Kind{"pcx", "vpcPeeringConnection", PeeringIDMalformed, PeeringIDNotFound}
	RouteTable        = Kind{"rtb", "routeTable", RouteTableIDMalformed, RouteTableIDNotFound}
	RouteTableAssoc   = Kind{"rtbassoc", "association", InvalidParameterValue, AssociationIDNotFound}
	CustomerGateway   = Kind{"cgw", "customerGateway", CustomerGatewayIDMalformed, CustomerGatewayIDNotFound}
	VPNGateway        = Kind{"vgw", "vpnGateway", VPNGatewayIDMalformed, VPNGatewayIDNotFound}
	VPNConnection     = Kind{"vpn", "vpnConnection", VPNConnectionIDMalformed, VPNConnectionIDNotFound}
	InternetGateway   = Kind{"igw", "internetGateway", InternetGatewayIDMalformed, InternetGatewayIDNotFound}
	EgressOnlyGateway = Kind{"eigw", "egressOnlyInternetGateway", EgressOnlyGatewayIDMalformed, EgressOnlyGatewayIDNotFound}
	NATGateway        = Kind{"nat", "natGateway", NATGatewayMalformed, NATGatewayIDNotFound}
	NetworkInterface  = Kind{"eni", "networkInterface", NetworkInterfaceIDMalformed, NetworkInterfaceIDNotFound}
	TransitGateway    = Kind{"tgw", "transitGateway", TransitGatewayIDMalformed, TransitGatewayIDNotFound}
	// TransitGatewayRouteTable and TransitGatewayAttachment are a transit
	// gateway's route tables and attachments.
	TransitGatewayRouteTable = Kind{"tgw-rtb", "transitGatewayRouteTable", "InvalidRouteTableID.Malformed", RouteTableIDNotFound}
	TransitGatewayAttachment = Kind{"tgw-attach", "transitGatewayAttachment", "InvalidTransitGatewayAttachmentID.Malformed",
		"InvalidTransitGatewayAttachmentID.NotFound"}
	VPCEndpoint        = Kind{"vpce", "vpcEndpoint", VPCEndpointIDMalformed, VPCEndpointIDNotFound}
	Instance           = Kind{"i", "instance", InstanceIDMalformed, InstanceIDNotFound}
	CarrierGateway     = Kind{"cagw", "carrierGateway", CarrierGatewayIDMalformed, CarrierGatewayIDNotFound}
	LocalGateway       = Kind{"lgw", "localGateway", LocalGatewayIDMalformed, LocalGatewayIDNotFound}
	Subnet             = Kind{"subnet", "subnet", SubnetIDMalformed, SubnetIDNotFound}
	PrefixList         = Kind{"pl", "prefixList", PrefixListIDMalformed, PrefixListIDNotFound}
	SecurityGroup      = Kind{"sg", "securityGroup", "InvalidGroupId.Malformed", "InvalidGroup.NotFound"}
	NetworkACL         = Kind{"acl", "networkAcl", "InvalidNetworkAclId.Malformed", "InvalidNetworkAclID.NotFound"}
	IPAM               = Kind{"ipam", "ipam", "InvalidIpamId.Malformed", "InvalidIpamId.NotFound"}
	IPAMScope          = Kind{"ipam-scope", "ipamScope", "InvalidIpamScopeId.Malformed", "InvalidIpamScopeId.NotFound"}
	IPAMPool           = Kind{"ipam-pool", "ipamPool", "InvalidIpamPoolId.Malformed", "InvalidIpamPoolId.NotFound"}
	IPAMPoolCIDR       = Kind{"ipam-pool-cidr", "ipamPoolCidr", InvalidParameterValue, InvalidParameterValue}
	IPAMPoolAllocation = Kind{"ipam-pool-alloc", "ipamPoolAllocation", "InvalidIpamPoolAllocationId.Malformed", "InvalidIpamPoolAllocationId.NotFound"}
	BPAExclusion       = Kind{"exclusion", "exclusion", InvalidParameterValue, "InvalidVpcBlockPublicAccessExclusionId.NotFound"}
	VPCCIDRAssociation = Kind{"vpc-cidr-assoc", "association", InvalidParameterValue, AssociationIDNotFound}
	// SubnetCIDRAssociation is a subnet's IPv6 block association.
	SubnetCIDRAssociation = Kind{"subnet-cidr-assoc", "subnet CIDR block association", "InvalidSubnetCidrBlockAssociationId.Malformed",
		"InvalidSubnetCidrBlockAssociationID.NotFound"}
	ElasticIP          = Kind{"eipalloc", "allocation", AllocationIDMalformed, AllocationIDNotFound}
	AddressAssociation = Kind{"eipassoc", "association", AssociationIDMalformed, AssociationIDNotFound}
	DHCPOptions        = Kind{"dopt", "dhcpOptions", DHCPOptionsIDMalformed, DHCPOptionIDNotFound}
	FlowLog            = Kind{"fl", "flowLog", FlowLogIDNotFound, FlowLogIDNotFound}
)

// Error is an EC2 refusal: an API error code and AWS's message.
type Error struct {
	Code    string // the EC2 API error code
	Message string // AWS's wording
	Err     error  // the sentinel cause, for errors.Is
}

// ErrMalformedID is the cause of every ID syntax error.
var ErrMalformedID = errors.New("malformed resource id")

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the EC2 API error code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns AWS's message.
func (e *Error) ErrorMessage() string { return e.Message }

// ParseID reports whether s is a well-formed ID of kind k: the prefix, a
// hyphen, then 8 or 17 lower-case hex digits. It returns an *Error carrying
// k.Malformed otherwise.
func (k Kind) ParseID(s string) error {
	if k.IsID(s) {
		return nil
	}
	return &Error{
		Code:    k.Malformed,
		Message: fmt.Sprintf("Invalid id: %q (expecting %q)", s, k.Prefix+"-..."),
		Err:     ErrMalformedID,
	}
}

// IsID reports whether s is a well-formed ID of kind k.
func (k Kind) IsID(s string) bool {
	hex, ok := strings.CutPrefix(s, k.Prefix+"-")
	if !ok || (len(hex) != 8 && len(hex) != 17) {
		return false
	}
	for i := 0; i < len(hex); i++ {
		c := hex[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// NotFoundError returns the *Error EC2 gives for a well-formed ID that names
// nothing the caller can see, with AWS's message
// "The <name> ID '<id>' does not exist".
func (k Kind) NotFoundError(id string, cause error) *Error {
	return &Error{
		Code:    k.NotFound,
		Message: fmt.Sprintf("The %s ID '%s' does not exist", k.Name, id),
		Err:     cause,
	}
}

// NewID returns a fresh 17-hex-digit ID of kind k, reading 9 bytes from
// random. Production callers pass crypto/rand.Reader.
func (k Kind) NewID(random io.Reader) (string, error) {
	var b [9]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("ec2: new %s id: %w", k.Prefix, err)
	}
	const digits = "0123456789abcdef"
	out := make([]byte, 0, len(k.Prefix)+1+17)
	out = append(out, k.Prefix...)
	out = append(out, '-')
	for i := 0; i < 17; i++ {
		nib := b[i/2]
		if i%2 == 0 {
			nib >>= 4
		}
		out = append(out, digits[nib&0xf])
	}
	return string(out), nil
}
