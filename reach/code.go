package reach

import "slices"

// Code is an explanation code of AWS's Reachability Analyzer, spelled as
// its guide spells it ("Reachability Analyzer explanation codes"). Every
// code an analysis gives is AWS's; [Code.Values] lists them. The zero Code
// is not valid.
type Code string

// The explanation codes an analysis gives, with what they mean here.
const (
	// BadState: a component is not in a functional state: a peering
	// connection that is not active, a NAT gateway that is not available
	// (with the blackhole route to either, where the route is one).
	BadState Code = "BAD_STATE"
	// BadStateAttachment: a gateway traffic comes from is attached to no
	// VPC.
	BadStateAttachment Code = "BAD_STATE_ATTACHMENT"
	// BadStateRoute: the route selected for the destination is a
	// blackhole: its target is gone, detached or not active.
	BadStateRoute Code = "BAD_STATE_ROUTE"
	// BadStateVPN: no VPN connection of a virtual private gateway is
	// available with a tunnel UP.
	BadStateVPN Code = "BAD_STATE_VPN"
	// ENISGRulesMismatch: no rule of an interface's security groups allows
	// the traffic.
	ENISGRulesMismatch Code = "ENI_SG_RULES_MISMATCH"
	// SGHasNoRules: an interface's security groups have no rule at all in
	// the traffic's direction.
	SGHasNoRules Code = "SG_HAS_NO_RULES"
	// SubnetACLRestriction: the subnet's network ACL denies the traffic.
	SubnetACLRestriction Code = "SUBNET_ACL_RESTRICTION"
	// NoRouteToDestination: no route of the route table matches the
	// destination, or no VPN connection routes it to the customer.
	NoRouteToDestination Code = "NO_ROUTE_TO_DESTINATION"
	// PCXRequiresAddressInVPCCIDR: a peering connection carries only
	// addresses of the VPC at its other end: transitive peering and
	// edge-to-edge routing through a peer VPC end here.
	PCXRequiresAddressInVPCCIDR Code = "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"
	// IGWDestinationNotInRFC1918Egress: an internet gateway does not carry
	// traffic to an RFC 1918 address.
	IGWDestinationNotInRFC1918Egress Code = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"
	// IGWDestinationNotInRFC6598Egress: nor to an RFC 6598 address.
	IGWDestinationNotInRFC6598Egress Code = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS"
	// IGWSourceNotInRFC1918Ingress: an internet gateway drops traffic from
	// an RFC 1918 address.
	IGWSourceNotInRFC1918Ingress Code = "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS"
	// IGWSourceNotInRFC6598Ingress: or from an RFC 6598 address.
	IGWSourceNotInRFC6598Ingress Code = "IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS"
	// IGWPublicIPAssociationForEgress: traffic leaves through an internet
	// gateway only from an interface with a public address.
	IGWPublicIPAssociationForEgress Code = "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"
	// IGWPrivateIPAssociationForIngress: traffic from the internet reaches
	// only the public address of an interface in the gateway's VPC.
	IGWPrivateIPAssociationForIngress Code = "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"
	// ENISourceDestCheckRestriction: a route sends traffic to an interface
	// that is not its destination, and the interface's source/destination
	// check drops it.
	ENISourceDestCheckRestriction Code = "ENI_SOURCE_DEST_CHECK_RESTRICTION"
	// ENIAddressRestriction: an interface sends only from its own address.
	ENIAddressRestriction Code = "ENI_ADDRESS_RESTRICTION"
	// VPCLocalRouteCIDRRestriction: traffic entering a VPC through a
	// gateway is delivered only to addresses of the VPC.
	VPCLocalRouteCIDRRestriction Code = "VPC_LOCAL_ROUTE_CIDR_RESTRICTION"
	// NoPossibleDestination: the traffic arrives where nothing is, or where
	// the destination is not: an address no subnet holds, a host other than
	// the destination, the internet or a customer network when the
	// destination is elsewhere.
	NoPossibleDestination Code = "NO_POSSIBLE_DESTINATION"
	// UnsupportedComponent: the traffic reaches a component whose
	// forwarding this model does not follow: a route target of a kind it
	// does not hold, or an appliance behind an interface with its
	// source/destination check off, a NAT gateway whose subnet's route
	// sends the traffic to a NAT gateway again.
	UnsupportedComponent Code = "UNSUPPORTED_COMPONENT"
	// VPCBlockPublicAccessEnabled: VPC Block Public Access blocks the
	// traffic through an internet gateway: the account's mode, unless an
	// exclusion of the subnet or its VPC exempts it.
	VPCBlockPublicAccessEnabled Code = "VPC_BLOCK_PUBLIC_ACCESS_ENABLED"
	// NoPath: no path is possible between the two ends (both are outside
	// every VPC).
	NoPath Code = "NO_PATH"
)

var codes = []Code{BadState, BadStateAttachment, BadStateRoute, BadStateVPN, ENISGRulesMismatch, SGHasNoRules,
	SubnetACLRestriction, NoRouteToDestination, PCXRequiresAddressInVPCCIDR, IGWDestinationNotInRFC1918Egress,
	IGWDestinationNotInRFC6598Egress, IGWSourceNotInRFC1918Ingress, IGWSourceNotInRFC6598Ingress,
	IGWPublicIPAssociationForEgress, IGWPrivateIPAssociationForIngress, ENISourceDestCheckRestriction,
	ENIAddressRestriction, VPCLocalRouteCIDRRestriction, NoPossibleDestination, UnsupportedComponent, VPCBlockPublicAccessEnabled, NoPath}

// Values returns every Code an analysis gives, in the order of the
// constants.
func (Code) Values() []Code { return slices.Clone(codes) }

// IsValid reports whether c is one of [Code.Values].
func (c Code) IsValid() bool { return slices.Contains(codes, c) }

// String returns c.
func (c Code) String() string { return string(c) }
