package vpcmodel

import "time"

// The EC2 actions, one method each. Every method checks the caller, then
// serves the action atomically under the Cloud's lock: a refused action
// changes nothing. Errors carry their EC2 code (ErrorCode) and AWS's
// message (ErrorMessage).

// CreateVpc creates a VPC with the given IPv4 block in the caller's account
// and Region, with its main route table, default security group and default
// network ACL, and with an Amazon-provided IPv6 /56 when
// AmazonProvidedIpv6CidrBlock asks for one (see [vpc.VPC.AssociateIPv6Block];
// no other VPC of the Cloud has that block). With Ipv4IpamPoolId, the IPv4
// block is allocated from that IPAM pool: CidrBlock when it is free inside
// a provisioned CIDR, else the lowest free aligned block of
// Ipv4NetmaskLength (or the pool's default); the allocation is released
// when the VPC is deleted. The VPC is answered as pending
// and is available from the next call; its IPv6 block is associating until
// then.
func (c *Cloud) CreateVpc(caller Caller, in CreateVpcInput, now time.Time) (CreateVpcOutput, error) {
	return run(c, caller, in, now, (*Cloud).createVpc)
}

// DescribeVpcs lists the caller's VPCs: those named, or all, that match the
// filters, in ID order.
func (c *Cloud) DescribeVpcs(caller Caller, in DescribeVpcsInput, now time.Time) (DescribeVpcsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpcs)
}

// DeleteVpc deletes a VPC that nothing depends on any more: no route table
// but its main one, no attached virtual private gateway, and no peering
// connection that forbids it (DependencyViolation). Its route tables, default
// security group and network ACL go with it.
func (c *Cloud) DeleteVpc(caller Caller, in DeleteVpcInput, now time.Time) (DeleteVpcOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteVpc)
}

// AssociateVpcCidrBlock adds a secondary IPv4 block (CidrBlock) or an
// Amazon-provided IPv6 /56 (AmazonProvidedIpv6CidrBlock) to a VPC, checked
// against the VPC's blocks and the quota of its family, its route tables'
// routes and its peering connections' peers; the IPv6 block is drawn clear
// of every block the Cloud has given out and of the VPC's route
// destinations. Each of the VPC's route tables gets the block's local
// route. The block is associating until the next call.
func (c *Cloud) AssociateVpcCidrBlock(caller Caller, in AssociateVpcCidrBlockInput, now time.Time) (AssociateVpcCidrBlockOutput, error) {
	return run(c, caller, in, now, (*Cloud).associateVpcCidrBlock)
}

// DisassociateVpcCidrBlock removes a secondary IPv4 block or an IPv6 block
// from a VPC, its route tables (the block's local route goes) and its
// peering connections, unless a subnet's block is inside it
// (DependencyViolation). The primary block stays for the VPC's life. The
// block is disassociating until the next call; then an IPv4 block leaves
// the listing and an IPv6 block is listed as disassociated.
func (c *Cloud) DisassociateVpcCidrBlock(caller Caller, in DisassociateVpcCidrBlockInput, now time.Time) (DisassociateVpcCidrBlockOutput, error) {
	return run(c, caller, in, now, (*Cloud).disassociateVpcCidrBlock)
}

// DescribeVpcAttribute answers one attribute of a VPC.
func (c *Cloud) DescribeVpcAttribute(caller Caller, in DescribeVpcAttributeInput, now time.Time) (DescribeVpcAttributeOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpcAttribute)
}

// ModifyVpcAttribute sets one attribute of a VPC.
func (c *Cloud) ModifyVpcAttribute(caller Caller, in ModifyVpcAttributeInput, now time.Time) (ModifyVpcAttributeOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpcAttribute)
}

// Security groups and network ACLs.

// CreateSecurityGroup creates a security group in one of the caller's VPCs,
// with one outbound rule (all to 0.0.0.0/0); see [secgroup.Create]. Its
// name is unique in the VPC, ignoring case (InvalidGroup.Duplicate).
func (c *Cloud) CreateSecurityGroup(caller Caller, in CreateSecurityGroupInput, now time.Time) (CreateSecurityGroupOutput, error) {
	return run(c, caller, in, now, (*Cloud).createSecurityGroup)
}

// DeleteSecurityGroup deletes a security group: not a VPC's default group
// (CannotDelete), nor one another group of its VPC refers to
// (DependencyViolation). Rules in peer VPCs that refer to it go stale.
func (c *Cloud) DeleteSecurityGroup(caller Caller, in DeleteSecurityGroupInput, now time.Time) (DeleteSecurityGroupOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteSecurityGroup)
}

// DescribeSecurityGroups lists the caller's security groups, each VPC's
// default group included, with their rules grouped into IpPermissions as
// EC2 groups them.
func (c *Cloud) DescribeSecurityGroups(caller Caller, in DescribeSecurityGroupsInput, now time.Time) (DescribeSecurityGroupsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeSecurityGroups)
}

// DescribeSecurityGroupRules lists the rules of the caller's security
// groups, one per peer, in rule ID order.
func (c *Cloud) DescribeSecurityGroupRules(caller Caller, in DescribeSecurityGroupRulesInput, now time.Time) (DescribeSecurityGroupRulesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeSecurityGroupRules)
}

// AuthorizeSecurityGroupIngress adds inbound rules to a security group, all
// or nothing; see [secgroup.Group.Authorize]. A rule may refer to a group of
// the same VPC, or of a VPC peered with it in the same Region over an
// active connection.
func (c *Cloud) AuthorizeSecurityGroupIngress(caller Caller, in AuthorizeSecurityGroupIngressInput, now time.Time) (AuthorizeSecurityGroupIngressOutput, error) {
	return run(c, caller, in, now, (*Cloud).authorizeSecurityGroupIngress)
}

// AuthorizeSecurityGroupEgress adds outbound rules to a security group, as
// AuthorizeSecurityGroupIngress adds inbound ones.
func (c *Cloud) AuthorizeSecurityGroupEgress(caller Caller, in AuthorizeSecurityGroupEgressInput, now time.Time) (AuthorizeSecurityGroupEgressOutput, error) {
	return run(c, caller, in, now, (*Cloud).authorizeSecurityGroupEgress)
}

// RevokeSecurityGroupIngress removes inbound rules from a security group,
// named by their properties or by their IDs, all or nothing; see
// [secgroup.Group.Revoke].
func (c *Cloud) RevokeSecurityGroupIngress(caller Caller, in RevokeSecurityGroupIngressInput, now time.Time) (RevokeSecurityGroupIngressOutput, error) {
	return run(c, caller, in, now, (*Cloud).revokeSecurityGroupIngress)
}

// RevokeSecurityGroupEgress removes outbound rules from a security group,
// as RevokeSecurityGroupIngress removes inbound ones.
func (c *Cloud) RevokeSecurityGroupEgress(caller Caller, in RevokeSecurityGroupEgressInput, now time.Time) (RevokeSecurityGroupEgressOutput, error) {
	return run(c, caller, in, now, (*Cloud).revokeSecurityGroupEgress)
}

// ModifySecurityGroupRules replaces rules of a security group by their IDs,
// all or none: each rule keeps its ID, direction and tags and takes the
// request's protocol, ports, peer and description. A rule of another group
// is InvalidSecurityGroupRuleId.NotFound; a result that repeats another
// rule of the group is InvalidPermission.Duplicate.
func (c *Cloud) ModifySecurityGroupRules(caller Caller, in ModifySecurityGroupRulesInput, now time.Time) (ModifySecurityGroupRulesOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifySecurityGroupRules)
}

// DescribeStaleSecurityGroups lists the security groups of a VPC whose
// rules refer to a group in a peer VPC that is out of reach: the group is
// gone, or no active peering connection joins the two VPCs any more. Only
// the stale rules are shown.
func (c *Cloud) DescribeStaleSecurityGroups(caller Caller, in DescribeStaleSecurityGroupsInput, now time.Time) (DescribeStaleSecurityGroupsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeStaleSecurityGroups)
}

// CreateNetworkAcl creates a network ACL in one of the caller's VPCs: only
// the catch-all denies, so it blocks everything; see [acl.New].
func (c *Cloud) CreateNetworkAcl(caller Caller, in CreateNetworkAclInput, now time.Time) (CreateNetworkAclOutput, error) {
	return run(c, caller, in, now, (*Cloud).createNetworkAcl)
}

// DeleteNetworkAcl deletes a network ACL: not a VPC's default ACL
// (InvalidParameterValue), nor one a subnet is associated with
// (DependencyViolation).
func (c *Cloud) DeleteNetworkAcl(caller Caller, in DeleteNetworkAclInput, now time.Time) (DeleteNetworkAclOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteNetworkAcl)
}

// CreateNetworkAclEntry adds a numbered entry to a network ACL; see
// [acl.ACL.CreateEntry].
func (c *Cloud) CreateNetworkAclEntry(caller Caller, in CreateNetworkAclEntryInput, now time.Time) (CreateNetworkAclEntryOutput, error) {
	return run(c, caller, in, now, (*Cloud).createNetworkAclEntry)
}

// ReplaceNetworkAclEntry replaces the entry with the same number and
// direction; see [acl.ACL.ReplaceEntry].
func (c *Cloud) ReplaceNetworkAclEntry(caller Caller, in ReplaceNetworkAclEntryInput, now time.Time) (ReplaceNetworkAclEntryOutput, error) {
	return run(c, caller, in, now, (*Cloud).replaceNetworkAclEntry)
}

// DeleteNetworkAclEntry removes an entry from a network ACL; see
// [acl.ACL.DeleteEntry].
func (c *Cloud) DeleteNetworkAclEntry(caller Caller, in DeleteNetworkAclEntryInput, now time.Time) (DeleteNetworkAclEntryOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteNetworkAclEntry)
}

// ReplaceNetworkAclAssociation moves a subnet's association to another
// network ACL of the same VPC and answers the new association's ID; moving
// it to the ACL it has answers the association it has.
func (c *Cloud) ReplaceNetworkAclAssociation(caller Caller, in ReplaceNetworkAclAssociationInput, now time.Time) (ReplaceNetworkAclAssociationOutput, error) {
	return run(c, caller, in, now, (*Cloud).replaceNetworkAclAssociation)
}

// DescribeNetworkAcls lists the caller's network ACLs, each VPC's default
// ACL included, with their entries and subnet associations.
func (c *Cloud) DescribeNetworkAcls(caller Caller, in DescribeNetworkAclsInput, now time.Time) (DescribeNetworkAclsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeNetworkAcls)
}

// CreateTags adds or overwrites the caller's tags on resources, all or
// nothing. Tags are the caller's own: the other party of a peering connection
// does not see them.
func (c *Cloud) CreateTags(caller Caller, in CreateTagsInput, now time.Time) (CreateTagsOutput, error) {
	return run(c, caller, in, now, (*Cloud).createTags)
}

// DeleteTags removes the caller's tags from resources, all or nothing.
func (c *Cloud) DeleteTags(caller Caller, in DeleteTagsInput, now time.Time) (DeleteTagsOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteTags)
}

// DescribeTags lists the caller's tags, one entry per tag of each
// resource, ordered by resource ID then key; filters key, value,
// resource-id, resource-type and tag:<key> narrow the list.
func (c *Cloud) DescribeTags(caller Caller, in DescribeTagsInput, now time.Time) (DescribeTagsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeTags)
}

// CreateVpcPeeringConnection requests a peering connection from the caller's
// VPC to a peer VPC, in any account and Region; see
// [peering.Registry.Create].
func (c *Cloud) CreateVpcPeeringConnection(caller Caller, in CreateVpcPeeringConnectionInput, now time.Time) (CreateVpcPeeringConnectionOutput, error) {
	return run(c, caller, in, now, (*Cloud).createVpcPeeringConnection)
}

// AcceptVpcPeeringConnection accepts a pending request as the accepter's
// owner, in the accepter's Region; see [peering.Registry.Accept].
func (c *Cloud) AcceptVpcPeeringConnection(caller Caller, in AcceptVpcPeeringConnectionInput, now time.Time) (AcceptVpcPeeringConnectionOutput, error) {
	return run(c, caller, in, now, (*Cloud).acceptVpcPeeringConnection)
}

// RejectVpcPeeringConnection rejects a pending request; see
// [peering.Registry.Reject].
func (c *Cloud) RejectVpcPeeringConnection(caller Caller, in RejectVpcPeeringConnectionInput, now time.Time) (RejectVpcPeeringConnectionOutput, error) {
	return run(c, caller, in, now, (*Cloud).rejectVpcPeeringConnection)
}

// DeleteVpcPeeringConnection deletes a connection as either owner; routes to
// it become blackholes; see [peering.Registry.Delete].
func (c *Cloud) DeleteVpcPeeringConnection(caller Caller, in DeleteVpcPeeringConnectionInput, now time.Time) (DeleteVpcPeeringConnectionOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteVpcPeeringConnection)
}

// DescribeVpcPeeringConnections lists the connections the caller is a party
// to and may still see, each as the caller sees it; see
// [peering.Registry.Describe].
func (c *Cloud) DescribeVpcPeeringConnections(caller Caller, in DescribeVpcPeeringConnectionsInput, now time.Time) (DescribeVpcPeeringConnectionsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpcPeeringConnections)
}

// ModifyVpcPeeringConnectionOptions sets the peering options of the caller's
// side of an active connection. Enabling DNS resolution needs DNS hostnames
// and DNS support on both VPCs
// (InvalidVpcPeeringConnectionState.DnsHostnamesDisabled).
func (c *Cloud) ModifyVpcPeeringConnectionOptions(caller Caller, in ModifyVpcPeeringConnectionOptionsInput, now time.Time) (ModifyVpcPeeringConnectionOptionsOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpcPeeringConnectionOptions)
}

// CreateRouteTable creates a route table in a VPC, with a local route per VPC
// block.
func (c *Cloud) CreateRouteTable(caller Caller, in CreateRouteTableInput, now time.Time) (CreateRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).createRouteTable)
}

// DescribeRouteTables lists the caller's route tables, each brought up to
// date with its targets' states and its propagating gateways' routes. A vpc-
// id filter without wildcards is answered from the per-VPC index.
func (c *Cloud) DescribeRouteTables(caller Caller, in DescribeRouteTablesInput, now time.Time) (DescribeRouteTablesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeRouteTables)
}

// DeleteRouteTable deletes a route table with no associations; the main table
// cannot be deleted (DependencyViolation).
func (c *Cloud) DeleteRouteTable(caller Caller, in DeleteRouteTableInput, now time.Time) (DeleteRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteRouteTable)
}

// CreateRoute adds a route, validated by [route.Table.CreateRoute] against
// what its target is.
func (c *Cloud) CreateRoute(caller Caller, in CreateRouteInput, now time.Time) (CreateRouteOutput, error) {
	return run(c, caller, in, now, (*Cloud).createRoute)
}

// ReplaceRoute changes the target of a route; see [route.Table.ReplaceRoute].
func (c *Cloud) ReplaceRoute(caller Caller, in ReplaceRouteInput, now time.Time) (ReplaceRouteOutput, error) {
	return run(c, caller, in, now, (*Cloud).replaceRoute)
}

// DeleteRoute removes a static route.
func (c *Cloud) DeleteRoute(caller Caller, in DeleteRouteInput, now time.Time) (DeleteRouteOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteRoute)
}

// EnableVgwRoutePropagation makes a virtual private gateway propagate the
// static routes of its VPN connections (with a tunnel UP) into a route table.
func (c *Cloud) EnableVgwRoutePropagation(caller Caller, in EnableVgwRoutePropagationInput, now time.Time) (EnableVgwRoutePropagationOutput, error) {
	return run(c, caller, in, now, (*Cloud).enableVgwRoutePropagation)
}

// DisableVgwRoutePropagation stops a gateway's propagation into a route table
// and removes its propagated routes.
func (c *Cloud) DisableVgwRoutePropagation(caller Caller, in DisableVgwRoutePropagationInput, now time.Time) (DisableVgwRoutePropagationOutput, error) {
	return run(c, caller, in, now, (*Cloud).disableVgwRoutePropagation)
}

// CreateCustomerGateway creates a customer gateway, or answers the caller's
// identical one.
func (c *Cloud) CreateCustomerGateway(caller Caller, in CreateCustomerGatewayInput, now time.Time) (CreateCustomerGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).createCustomerGateway)
}

// DescribeCustomerGateways lists the caller's customer gateways, deleted ones
// during their retention window.
func (c *Cloud) DescribeCustomerGateways(caller Caller, in DescribeCustomerGatewaysInput, now time.Time) (DescribeCustomerGatewaysOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeCustomerGateways)
}

// DeleteCustomerGateway deletes a customer gateway no live VPN connection
// uses.
func (c *Cloud) DeleteCustomerGateway(caller Caller, in DeleteCustomerGatewayInput, now time.Time) (DeleteCustomerGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteCustomerGateway)
}

// CreateVpnGateway creates a virtual private gateway.
func (c *Cloud) CreateVpnGateway(caller Caller, in CreateVpnGatewayInput, now time.Time) (CreateVpnGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).createVpnGateway)
}

// DescribeVpnGateways lists the caller's virtual private gateways, deleted
// ones during their retention window.
func (c *Cloud) DescribeVpnGateways(caller Caller, in DescribeVpnGatewaysInput, now time.Time) (DescribeVpnGatewaysOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpnGateways)
}

// AttachVpnGateway attaches a virtual private gateway to one of the caller's
// VPCs; the attachment completes on the next call.
func (c *Cloud) AttachVpnGateway(caller Caller, in AttachVpnGatewayInput, now time.Time) (AttachVpnGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).attachVpnGateway)
}

// DetachVpnGateway detaches a virtual private gateway from a VPC; the
// detachment completes on the next call.
func (c *Cloud) DetachVpnGateway(caller Caller, in DetachVpnGatewayInput, now time.Time) (DetachVpnGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).detachVpnGateway)
}

// DeleteVpnGateway deletes a detached virtual private gateway no live VPN
// connection uses.
func (c *Cloud) DeleteVpnGateway(caller Caller, in DeleteVpnGatewayInput, now time.Time) (DeleteVpnGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteVpnGateway)
}

// CreateVpnConnection creates a Site-to-Site VPN connection with two tunnels;
// see [vpn.Create]. It is pending until the next call. On a transit gateway
// (TransitGatewayId: the caller's, available) it gets a VPN attachment to
// the gateway, listed by DescribeTransitGatewayAttachments with resource
// type vpn, which goes with the connection.
func (c *Cloud) CreateVpnConnection(caller Caller, in CreateVpnConnectionInput, now time.Time) (CreateVpnConnectionOutput, error) {
	return run(c, caller, in, now, (*Cloud).createVpnConnection)
}

// DescribeVpnConnections lists the caller's VPN connections, deleted ones
// during their retention window.
func (c *Cloud) DescribeVpnConnections(caller Caller, in DescribeVpnConnectionsInput, now time.Time) (DescribeVpnConnectionsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpnConnections)
}

// DeleteVpnConnection deletes a VPN connection; it is deleting until the next
// call.
func (c *Cloud) DeleteVpnConnection(caller Caller, in DeleteVpnConnectionInput, now time.Time) (DeleteVpnConnectionOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteVpnConnection)
}

// CreateVpnConnectionRoute adds a static route to a static-routes-only
// connection.
func (c *Cloud) CreateVpnConnectionRoute(caller Caller, in CreateVpnConnectionRouteInput, now time.Time) (CreateVpnConnectionRouteOutput, error) {
	return run(c, caller, in, now, (*Cloud).createVpnConnectionRoute)
}

// DeleteVpnConnectionRoute removes a static route from a connection.
func (c *Cloud) DeleteVpnConnectionRoute(caller Caller, in DeleteVpnConnectionRouteInput, now time.Time) (DeleteVpnConnectionRouteOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteVpnConnectionRoute)
}

// GetVpnConnectionDeviceTypes lists the devices sample configurations can be
// made for.
func (c *Cloud) GetVpnConnectionDeviceTypes(caller Caller, in GetVpnConnectionDeviceTypesInput, now time.Time) (GetVpnConnectionDeviceTypesOutput, error) {
	return read(c, caller, in, now, (*Cloud).getVpnConnectionDeviceTypes)
}

// GetVpnConnectionDeviceSampleConfiguration renders a connection's
// configuration for a device type; see [vpn.SampleConfiguration].
func (c *Cloud) GetVpnConnectionDeviceSampleConfiguration(caller Caller, in GetVpnConnectionDeviceSampleConfigurationInput, now time.Time) (GetVpnConnectionDeviceSampleConfigurationOutput, error) {
	return read(c, caller, in, now, (*Cloud).getVpnConnectionDeviceSampleConfiguration)
}

// ModifyVpnTunnelOptions changes one tunnel's options, the tunnel named by
// its AWS outside address; see [vpn.Connection.ModifyTunnelOptions]. The
// connection is modifying until the next call.
func (c *Cloud) ModifyVpnTunnelOptions(caller Caller, in ModifyVpnTunnelOptionsInput, now time.Time) (ModifyVpnTunnelOptionsOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpnTunnelOptions)
}

// ModifyVpnConnectionOptions changes a connection's local and remote
// network CIDRs and tunnel bandwidth; see [vpn.Connection.ModifyOptions]. The connection is
// modifying until the next call.
func (c *Cloud) ModifyVpnConnectionOptions(caller Caller, in ModifyVpnConnectionOptionsInput, now time.Time) (ModifyVpnConnectionOptionsOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpnConnectionOptions)
}

// ModifyVpnConnection moves a connection to another customer gateway or
// virtual private gateway; see [vpn.Connection.ModifyGateway]. The
// connection is modifying until the next call. Moving it to or from a
// transit gateway is refused (UnsupportedOperation).
func (c *Cloud) ModifyVpnConnection(caller Caller, in ModifyVpnConnectionInput, now time.Time) (ModifyVpnConnectionOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpnConnection)
}

// ReplaceVpnTunnel replaces one tunnel's endpoint, the tunnel named by its
// AWS outside address, applying its pending maintenance when asked; see
// [vpn.Connection.ReplaceTunnel]. The connection is modifying until the
// next call.
func (c *Cloud) ReplaceVpnTunnel(caller Caller, in ReplaceVpnTunnelInput, now time.Time) (ReplaceVpnTunnelOutput, error) {
	return run(c, caller, in, now, (*Cloud).replaceVpnTunnel)
}

// GetVpnTunnelReplacementStatus reports one tunnel's endpoint maintenance;
// see [vpn.Maintenance].
func (c *Cloud) GetVpnTunnelReplacementStatus(caller Caller, in GetVpnTunnelReplacementStatusInput, now time.Time) (GetVpnTunnelReplacementStatusOutput, error) {
	return read(c, caller, in, now, (*Cloud).getVpnTunnelReplacementStatus)
}

// Availability Zones, subnets, internet and egress-only gateways, route
// table associations.

// DescribeAvailabilityZones lists the zones of the caller's Region (see
// package zone): those named by ZoneName or ZoneId, or all, that match the
// filters.
func (c *Cloud) DescribeAvailabilityZones(caller Caller, in DescribeAvailabilityZonesInput, now time.Time) (DescribeAvailabilityZonesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeAvailabilityZones)
}

// CreateDefaultVpc creates the default VPC of the caller's Region, as EC2
// makes one: 172.31.0.0/16 with DNS support and hostnames on, a default /20
// subnet (MapPublicIpOnLaunch on) in each of the Region's zones, an internet
// gateway attached to it and a 0.0.0.0/0 route to that gateway in the main
// route table. A Region holds one default VPC (DefaultVpcAlreadyExists). A
// Cloud starts with none; [Cloud.DeleteVpc] deletes one as any other VPC.
func (c *Cloud) CreateDefaultVpc(caller Caller, in CreateDefaultVpcInput, now time.Time) (CreateDefaultVpcOutput, error) {
	return run(c, caller, in, now, (*Cloud).createDefaultVpc)
}

// CreateDefaultSubnet creates the default subnet of one zone in the
// caller's default VPC (DefaultVpcDoesNotExist without one): the first /20
// of 172.31.0.0/16 that no subnet of the VPC overlaps. A zone holds one
// default subnet (DefaultSubnetAlreadyExistsInAvailabilityZone).
func (c *Cloud) CreateDefaultSubnet(caller Caller, in CreateDefaultSubnetInput, now time.Time) (CreateDefaultSubnetOutput, error) {
	return run(c, caller, in, now, (*Cloud).createDefaultSubnet)
}

// CreateSubnet creates a subnet of one of the caller's VPCs, in a zone of
// the caller's Region, checked by [subnet.Spec.Check] against the VPC's
// associated blocks and its other subnets: IPv4, dual-stack with an IPv6
// /64 (Ipv6CidrBlock), or IPv6-only (Ipv6Native). The subnet is answered
// as pending and is available from the next call, its IPv6 block
// associating until then.
func (c *Cloud) CreateSubnet(caller Caller, in CreateSubnetInput, now time.Time) (CreateSubnetOutput, error) {
	return run(c, caller, in, now, (*Cloud).createSubnet)
}

// DeleteSubnet deletes a subnet; its route table association goes with it.
func (c *Cloud) DeleteSubnet(caller Caller, in DeleteSubnetInput, now time.Time) (DeleteSubnetOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteSubnet)
}

// DescribeSubnets lists the caller's subnets: those named, or all, that
// match the filters, in ID order. Filters subnet-id and vpc-id without
// wildcards are answered from indexes.
func (c *Cloud) DescribeSubnets(caller Caller, in DescribeSubnetsInput, now time.Time) (DescribeSubnetsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeSubnets)
}

// ModifySubnetAttribute sets one attribute of a subnet; see
// [subnet.Subnet.WithAttributes].
func (c *Cloud) ModifySubnetAttribute(caller Caller, in ModifySubnetAttributeInput, now time.Time) (ModifySubnetAttributeOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifySubnetAttribute)
}

// AssociateSubnetCidrBlock gives a subnet an IPv6 /64 of one of its VPC's
// associated IPv6 blocks, clear of its sibling subnets' blocks; see
// [subnet.Subnet.AssociateIPv6]. The block is associating until the next
// call.
func (c *Cloud) AssociateSubnetCidrBlock(caller Caller, in AssociateSubnetCidrBlockInput, now time.Time) (AssociateSubnetCidrBlockOutput, error) {
	return run(c, caller, in, now, (*Cloud).associateSubnetCidrBlock)
}

// DisassociateSubnetCidrBlock removes a subnet's IPv6 block; see
// [subnet.Subnet.DisassociateIPv6]. It is disassociating until the next
// call, then listed as disassociated.
func (c *Cloud) DisassociateSubnetCidrBlock(caller Caller, in DisassociateSubnetCidrBlockInput, now time.Time) (DisassociateSubnetCidrBlockOutput, error) {
	return run(c, caller, in, now, (*Cloud).disassociateSubnetCidrBlock)
}

// CreateInternetGateway creates a detached internet gateway.
func (c *Cloud) CreateInternetGateway(caller Caller, in CreateInternetGatewayInput, now time.Time) (CreateInternetGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).createInternetGateway)
}

// AttachInternetGateway attaches an internet gateway to one of the
// caller's VPCs, one gateway per VPC; see [gateway.Internet.Attach].
func (c *Cloud) AttachInternetGateway(caller Caller, in AttachInternetGatewayInput, now time.Time) (AttachInternetGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).attachInternetGateway)
}

// DetachInternetGateway detaches an internet gateway from a VPC; routes to
// it become blackholes and its edge association goes.
func (c *Cloud) DetachInternetGateway(caller Caller, in DetachInternetGatewayInput, now time.Time) (DetachInternetGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).detachInternetGateway)
}

// DeleteInternetGateway deletes a detached internet gateway
// (DependencyViolation while attached).
func (c *Cloud) DeleteInternetGateway(caller Caller, in DeleteInternetGatewayInput, now time.Time) (DeleteInternetGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteInternetGateway)
}

// DescribeInternetGateways lists the caller's internet gateways: those
// named, or all, that match the filters, in ID order.
func (c *Cloud) DescribeInternetGateways(caller Caller, in DescribeInternetGatewaysInput, now time.Time) (DescribeInternetGatewaysOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeInternetGateways)
}

// CreateEgressOnlyInternetGateway creates an egress-only internet gateway
// attached to one of the caller's VPCs, for IPv6 routes only.
func (c *Cloud) CreateEgressOnlyInternetGateway(caller Caller, in CreateEgressOnlyInternetGatewayInput, now time.Time) (CreateEgressOnlyInternetGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).createEgressOnlyInternetGateway)
}

// DeleteEgressOnlyInternetGateway deletes an egress-only internet gateway;
// routes to it become blackholes.
func (c *Cloud) DeleteEgressOnlyInternetGateway(caller Caller, in DeleteEgressOnlyInternetGatewayInput, now time.Time) (DeleteEgressOnlyInternetGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteEgressOnlyInternetGateway)
}

// DescribeEgressOnlyInternetGateways lists the caller's egress-only
// internet gateways: those named, or all, that match the filters.
func (c *Cloud) DescribeEgressOnlyInternetGateways(caller Caller, in DescribeEgressOnlyInternetGatewaysInput, now time.Time) (DescribeEgressOnlyInternetGatewaysOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeEgressOnlyInternetGateways)
}

// AssociateRouteTable associates a route table with a subnet of its VPC,
// or with an internet or virtual private gateway attached to its VPC (an
// edge association). A subnet or gateway has one table at a time
// (Resource.AlreadyAssociated).
func (c *Cloud) AssociateRouteTable(caller Caller, in AssociateRouteTableInput, now time.Time) (AssociateRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).associateRouteTable)
}

// DisassociateRouteTable removes a subnet or edge association; the subnet
// returns to its VPC's main table. The main association cannot be
// disassociated, only replaced (InvalidParameterValue).
func (c *Cloud) DisassociateRouteTable(caller Caller, in DisassociateRouteTableInput, now time.Time) (DisassociateRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).disassociateRouteTable)
}

// ReplaceRouteTableAssociation moves an association, the main one
// included, to another table of the same VPC, under a new association ID.
func (c *Cloud) ReplaceRouteTableAssociation(caller Caller, in ReplaceRouteTableAssociationInput, now time.Time) (ReplaceRouteTableAssociationOutput, error) {
	return run(c, caller, in, now, (*Cloud).replaceRouteTableAssociation)
}

// DescribeVpcBlockPublicAccessOptions returns the caller's VPC Block Public
// Access options in its Region: mode off, state default-state until
// modified.
func (c *Cloud) DescribeVpcBlockPublicAccessOptions(caller Caller, in DescribeVpcBlockPublicAccessOptionsInput, now time.Time) (DescribeVpcBlockPublicAccessOptionsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpcBlockPublicAccessOptions)
}

// ModifyVpcBlockPublicAccessOptions sets the Region's internet gateway
// block mode (off, block-bidirectional or block-ingress). The options are
// answered update-in-progress and are update-complete from the next call.
func (c *Cloud) ModifyVpcBlockPublicAccessOptions(caller Caller, in ModifyVpcBlockPublicAccessOptionsInput, now time.Time) (ModifyVpcBlockPublicAccessOptionsOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpcBlockPublicAccessOptions)
}

// CreateVpcBlockPublicAccessExclusion exempts one of the caller's VPCs or
// subnets from the Region's block mode, in both directions or for egress
// only. A resource holds one live exclusion, a Region
// [bpa.MaxExclusions]. The exclusion is answered create-in-progress and is
// create-complete from the next call; deleting its VPC or subnet deletes it.
func (c *Cloud) CreateVpcBlockPublicAccessExclusion(caller Caller, in CreateVpcBlockPublicAccessExclusionInput, now time.Time) (CreateVpcBlockPublicAccessExclusionOutput, error) {
	return run(c, caller, in, now, (*Cloud).createVpcBlockPublicAccessExclusion)
}

// ModifyVpcBlockPublicAccessExclusion changes an exclusion's mode; it is
// update-in-progress until the next call. An exclusion with a change in
// progress, or deleted, is refused (IncorrectState).
func (c *Cloud) ModifyVpcBlockPublicAccessExclusion(caller Caller, in ModifyVpcBlockPublicAccessExclusionInput, now time.Time) (ModifyVpcBlockPublicAccessExclusionOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpcBlockPublicAccessExclusion)
}

// DeleteVpcBlockPublicAccessExclusion deletes an exclusion: delete-in-progress,
// then delete-complete from the next call, and visible for
// [bpa.DeletedRetention].
func (c *Cloud) DeleteVpcBlockPublicAccessExclusion(caller Caller, in DeleteVpcBlockPublicAccessExclusionInput, now time.Time) (DeleteVpcBlockPublicAccessExclusionOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteVpcBlockPublicAccessExclusion)
}

// DescribeVpcBlockPublicAccessExclusions lists the caller's exclusions in
// its Region, deleted ones included for [bpa.DeletedRetention]; filters
// exclusion-id, resource-arn, state and tag:<key>.
func (c *Cloud) DescribeVpcBlockPublicAccessExclusions(caller Caller, in DescribeVpcBlockPublicAccessExclusionsInput, now time.Time) (DescribeVpcBlockPublicAccessExclusionsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpcBlockPublicAccessExclusions)
}

// Network interfaces.

// CreateNetworkInterface creates a network interface in one of the caller's
// subnets, with the private address asked for or the subnet's lowest free
// one, and the security groups given (of the subnet's VPC) or the VPC's
// default group; see [eni.Create].
func (c *Cloud) CreateNetworkInterface(caller Caller, in CreateNetworkInterfaceInput, now time.Time) (CreateNetworkInterfaceOutput, error) {
	return run(c, caller, in, now, (*Cloud).createNetworkInterface)
}

// DeleteNetworkInterface deletes a network interface; its address returns
// to its subnet, and routes to it turn blackhole.
func (c *Cloud) DeleteNetworkInterface(caller Caller, in DeleteNetworkInterfaceInput, now time.Time) (DeleteNetworkInterfaceOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteNetworkInterface)
}

// DescribeNetworkInterfaces lists the caller's network interfaces, the
// requester-managed ones of its NAT gateways and interface VPC endpoints
// included: those named, or all, that match the filters, in ID order.
func (c *Cloud) DescribeNetworkInterfaces(caller Caller, in DescribeNetworkInterfacesInput, now time.Time) (DescribeNetworkInterfacesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeNetworkInterfaces)
}

// NAT gateways and Elastic IP addresses.

// CreateNatGateway creates a NAT gateway in one of the caller's subnets:
// public (the default), with one of the caller's Elastic IP addresses, or
// private. It is answered pending; the next call finds it available, or
// failed with EC2's failure code when its subnet has no free address, its
// VPC no internet gateway (public), or its address is associated already;
// see [gateway.CreateNAT]. A client token makes the call idempotent.
func (c *Cloud) CreateNatGateway(caller Caller, in CreateNatGatewayInput, now time.Time) (CreateNatGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).createNatGateway)
}

// DeleteNatGateway deletes a NAT gateway: it is deleting until the next
// call, then deleted, and gives back its Elastic IP address (which stays
// allocated) and subnet address. Routes to it become blackholes. A deleted
// gateway is listed for [gateway.NATRetention]; deleting it again gives
// NatGatewayNotFound.
func (c *Cloud) DeleteNatGateway(caller Caller, in DeleteNatGatewayInput, now time.Time) (DeleteNatGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteNatGateway)
}

// DescribeNatGateways lists the caller's NAT gateways, failed and deleted
// ones during their retention: those named, or all, that match the
// filters, in ID order. Filters nat-gateway-id, subnet-id and vpc-id
// without wildcards are answered from indexes.
func (c *Cloud) DescribeNatGateways(caller Caller, in DescribeNatGatewaysInput, now time.Time) (DescribeNatGatewaysOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeNatGateways)
}

// AllocateAddress allocates an Elastic IP address in the vpc domain from
// the amazon pool, unique in the partition, within the caller's quota in
// its Region (AddressLimitExceeded); see [eip.Allocate].
func (c *Cloud) AllocateAddress(caller Caller, in AllocateAddressInput, now time.Time) (AllocateAddressOutput, error) {
	return run(c, caller, in, now, (*Cloud).allocateAddress)
}

// ReleaseAddress releases an Elastic IP address by its allocation ID; its
// tags go with it. An address a NAT gateway holds cannot be released
// (AuthFailure); see [eip.Address.CheckRelease].
func (c *Cloud) ReleaseAddress(caller Caller, in ReleaseAddressInput, now time.Time) (ReleaseAddressOutput, error) {
	return run(c, caller, in, now, (*Cloud).releaseAddress)
}

// DescribeAddresses lists the caller's Elastic IP addresses in its Region:
// those named by allocation ID or public address, or all, that match the
// filters, in allocation ID order.
func (c *Cloud) DescribeAddresses(caller Caller, in DescribeAddressesInput, now time.Time) (DescribeAddressesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeAddresses)
}

// DescribeAddressesAttribute answers the domain-name attribute of the
// caller's addresses: the model keeps no PTR records, so each comes
// without one.
func (c *Cloud) DescribeAddressesAttribute(caller Caller, in DescribeAddressesAttributeInput, now time.Time) (DescribeAddressesAttributeOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeAddressesAttribute)
}

// DisassociateAddress ends an Elastic IP address's association, named by
// its ID or by the address; an address with none is left as it is. The
// association a NAT gateway holds is the gateway's to end (AuthFailure).
func (c *Cloud) DisassociateAddress(caller Caller, in DisassociateAddressInput, now time.Time) (DisassociateAddressOutput, error) {
	return run(c, caller, in, now, (*Cloud).disassociateAddress)
}

// ModifyNetworkInterfaceAttribute sets one attribute of a network
// interface: its description, its security groups (of its VPC), its
// source/destination check, or whether it has a public IPv4 address.
func (c *Cloud) ModifyNetworkInterfaceAttribute(caller Caller, in ModifyNetworkInterfaceAttributeInput, now time.Time) (ModifyNetworkInterfaceAttributeOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyNetworkInterfaceAttribute)
}

// Network Insights (Reachability Analyzer).

// CreateNetworkInsightsPath creates a path to analyse: a source (one of the
// caller's network interfaces, internet or virtual private gateways,
// peering connections, or a subnet with SourceIp), a destination (any
// account's, in the Region, or DestinationIp alone), the protocol (tcp or
// udp) and optionally ports and addresses. A repeated ClientToken answers
// the path it made.
func (c *Cloud) CreateNetworkInsightsPath(caller Caller, in CreateNetworkInsightsPathInput, now time.Time) (CreateNetworkInsightsPathOutput, error) {
	return run(c, caller, in, now, (*Cloud).createNetworkInsightsPath)
}

// DescribeNetworkInsightsPaths lists the caller's paths: those named, or
// all, that match the filters, in ID order.
func (c *Cloud) DescribeNetworkInsightsPaths(caller Caller, in DescribeNetworkInsightsPathsInput, now time.Time) (DescribeNetworkInsightsPathsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeNetworkInsightsPaths)
}

// DeleteNetworkInsightsPath deletes a path that has no analyses left
// (AnalysisExistsForNetworkInsightsPath).
func (c *Cloud) DeleteNetworkInsightsPath(caller Caller, in DeleteNetworkInsightsPathInput, now time.Time) (DeleteNetworkInsightsPathOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteNetworkInsightsPath)
}

// StartNetworkInsightsAnalysis analyses a path with [reach.Analyze], as the
// caller's Region is now. The analysis is running until the next call and
// then succeeded, with its result (or failed, when an end of the path is
// gone). A repeated ClientToken answers the analysis it started.
func (c *Cloud) StartNetworkInsightsAnalysis(caller Caller, in StartNetworkInsightsAnalysisInput, now time.Time) (StartNetworkInsightsAnalysisOutput, error) {
	return run(c, caller, in, now, (*Cloud).startNetworkInsightsAnalysis)
}

// DescribeNetworkInsightsAnalyses lists the caller's analyses named, or
// those of a path, started in the time window, that match the filters
// (path-found, status), in ID order.
func (c *Cloud) DescribeNetworkInsightsAnalyses(caller Caller, in DescribeNetworkInsightsAnalysesInput, now time.Time) (DescribeNetworkInsightsAnalysesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeNetworkInsightsAnalyses)
}

// DeleteNetworkInsightsAnalysis deletes an analysis.
func (c *Cloud) DeleteNetworkInsightsAnalysis(caller Caller, in DeleteNetworkInsightsAnalysisInput, now time.Time) (DeleteNetworkInsightsAnalysisOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteNetworkInsightsAnalysis)
}

// VPC endpoints.

// DescribeVpcEndpointServices lists the AWS services of the caller's
// Region a VPC endpoint may reach (see [endpoint.Services]): those named,
// or all, that match the filters, by name and then type. A name the
// Region does not offer is refused (InvalidServiceName).
func (c *Cloud) DescribeVpcEndpointServices(caller Caller, in DescribeVpcEndpointServicesInput, now time.Time) (DescribeVpcEndpointServicesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpcEndpointServices)
}

// DescribePrefixLists lists the AWS-managed prefix lists of the caller's
// Region, one per service with gateway endpoints (see
// [endpoint.PrefixLists]), in ID order.
func (c *Cloud) DescribePrefixLists(caller Caller, in DescribePrefixListsInput, now time.Time) (DescribePrefixListsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describePrefixLists)
}

// CreateVpcEndpoint creates a Gateway or Interface endpoint in one of the
// caller's VPCs (see [endpoint.Create]). A gateway endpoint routes each of
// its route tables to its service's prefix list; a table routes to one
// endpoint per service (RouteAlreadyExists). An interface endpoint gets a
// requester-managed network interface in each of its subnets (one per
// zone), with its security groups (the VPC's default group when none is
// given), and private DNS unless told not to, which needs the VPC's
// enableDnsSupport and enableDnsHostnames. The endpoint is answered as
// pending and is available from the next call. A repeated ClientToken
// answers the endpoint it made.
func (c *Cloud) CreateVpcEndpoint(caller Caller, in CreateVpcEndpointInput, now time.Time) (CreateVpcEndpointOutput, error) {
	return run(c, caller, in, now, (*Cloud).createVpcEndpoint)
}

// ModifyVpcEndpoint changes an endpoint's route tables, subnets (their
// interfaces come and go at once), security groups, policy, private DNS
// and DNS options; see [endpoint.Endpoint.Modify].
func (c *Cloud) ModifyVpcEndpoint(caller Caller, in ModifyVpcEndpointInput, now time.Time) (ModifyVpcEndpointOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyVpcEndpoint)
}

// DeleteVpcEndpoints deletes endpoints: each becomes deleting, its routes
// leave its route tables at once, and at the next call it is deleted and
// its network interfaces are gone. An endpoint the caller does not hold,
// or one already deleted, is answered in Unsuccessful
// (InvalidVpcEndpoint.NotFound) while the others are deleted.
func (c *Cloud) DeleteVpcEndpoints(caller Caller, in DeleteVpcEndpointsInput, now time.Time) (DeleteVpcEndpointsOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteVpcEndpoints)
}

// DescribeVpcEndpoints lists the caller's endpoints, deleted ones for
// [endpoint.DeletedRetention] included: those named, or all, that match
// the filters, in ID order.
func (c *Cloud) DescribeVpcEndpoints(caller Caller, in DescribeVpcEndpointsInput, now time.Time) (DescribeVpcEndpointsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeVpcEndpoints)
}

// DHCP option sets.

// CreateDhcpOptions creates a DHCP option set in the caller's account and
// Region, its options checked as EC2 checks them; see [dhcp.Check].
func (c *Cloud) CreateDhcpOptions(caller Caller, in CreateDhcpOptionsInput, now time.Time) (CreateDhcpOptionsOutput, error) {
	return run(c, caller, in, now, (*Cloud).createDhcpOptions)
}

// DeleteDhcpOptions deletes an option set that no VPC uses
// (DependencyViolation otherwise); the Region's default set included.
func (c *Cloud) DeleteDhcpOptions(caller Caller, in DeleteDhcpOptionsInput, now time.Time) (DeleteDhcpOptionsOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteDhcpOptions)
}

// AssociateDhcpOptions makes a VPC use an option set of the caller's, or
// none with DhcpOptionsId "default"; the set it used before is released.
func (c *Cloud) AssociateDhcpOptions(caller Caller, in AssociateDhcpOptionsInput, now time.Time) (AssociateDhcpOptionsOutput, error) {
	return run(c, caller, in, now, (*Cloud).associateDhcpOptions)
}

// DescribeDhcpOptions lists the caller's option sets, the Region's default
// set included unless it was deleted: those named, or all, that match the
// filters, in ID order.
func (c *Cloud) DescribeDhcpOptions(caller Caller, in DescribeDhcpOptionsInput, now time.Time) (DescribeDhcpOptionsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeDhcpOptions)
}

// Flow logs.

// CreateFlowLogs creates a flow log for each named VPC, subnet or network
// interface, with the configuration checked as EC2 checks it (see
// [flowlog.Check]); a resource that does not exist, or that already has a
// flow log of the same traffic type and destination, is reported in
// Unsuccessful with EC2's code instead. A request repeated with the same
// ClientToken answers the flow logs the first one made.
func (c *Cloud) CreateFlowLogs(caller Caller, in CreateFlowLogsInput, now time.Time) (CreateFlowLogsOutput, error) {
	return run(c, caller, in, now, (*Cloud).createFlowLogs)
}

// DeleteFlowLogs deletes flow logs; an ID that names none of the caller's
// is reported in Unsuccessful (InvalidFlowLogId.NotFound).
func (c *Cloud) DeleteFlowLogs(caller Caller, in DeleteFlowLogsInput, now time.Time) (DeleteFlowLogsOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteFlowLogs)
}

// DescribeFlowLogs lists the caller's flow logs: those named, or all, that
// match the filters, in ID order.
func (c *Cloud) DescribeFlowLogs(caller Caller, in DescribeFlowLogsInput, now time.Time) (DescribeFlowLogsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeFlowLogs)
}

// IP Address Manager (IPAM).

// CreateIpam creates an IPAM with its private and public default scopes,
// operating in the given Regions and its own. It is create-in-progress
// until the next call.
func (c *Cloud) CreateIpam(caller Caller, in CreateIpamInput, now time.Time) (CreateIpamOutput, error) {
	return run(c, caller, in, now, (*Cloud).createIpam)
}

// ModifyIpam changes an IPAM's description, tier and operating Regions:
// its home Region cannot be removed, nor a Region one of its pools has as
// Locale (InvalidParameterValue).
func (c *Cloud) ModifyIpam(caller Caller, in ModifyIpamInput, now time.Time) (ModifyIpamOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyIpam)
}

// ModifyIpamPool changes a pool's description, auto-import, allocation
// netmask rules and allocation resource tags; a request that changes
// nothing is InvalidParameterCombination.
func (c *Cloud) ModifyIpamPool(caller Caller, in ModifyIpamPoolInput, now time.Time) (ModifyIpamPoolOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyIpamPool)
}

// DescribeIpams lists the caller's IPAMs: those named, or all, that match
// the filters, in ID order.
func (c *Cloud) DescribeIpams(caller Caller, in DescribeIpamsInput, now time.Time) (DescribeIpamsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeIpams)
}

// DeleteIpam deletes an IPAM; with Cascade, its pools, their CIDRs and
// custom allocations go with it, else an IPAM with pools is refused
// (IncorrectState). A pool block a VPC holds refuses it either way.
func (c *Cloud) DeleteIpam(caller Caller, in DeleteIpamInput, now time.Time) (DeleteIpamOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteIpam)
}

// DescribeIpamScopes lists the default scopes of the caller's IPAMs.
func (c *Cloud) DescribeIpamScopes(caller Caller, in DescribeIpamScopesInput, now time.Time) (DescribeIpamScopesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeIpamScopes)
}

// CreateIpamPool creates a pool in one of an IPAM's default scopes: IPv4
// in the private scope or IPv6 in either, with a Locale among the IPAM's
// operating Regions and allocation netmask rules (see [ipam.Pool.Check]).
// It is create-in-progress until the next call.
func (c *Cloud) CreateIpamPool(caller Caller, in CreateIpamPoolInput, now time.Time) (CreateIpamPoolOutput, error) {
	return run(c, caller, in, now, (*Cloud).createIpamPool)
}

// DescribeIpamPools lists the caller's pools: those named, or all, that
// match the filters, in ID order.
func (c *Cloud) DescribeIpamPools(caller Caller, in DescribeIpamPoolsInput, now time.Time) (DescribeIpamPoolsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeIpamPools)
}

// DeleteIpamPool deletes a pool that holds no CIDR and no allocation
// (IncorrectState); with Cascade, its CIDRs and custom allocations go with
// it, but a block a VPC holds still refuses it.
func (c *Cloud) DeleteIpamPool(caller Caller, in DeleteIpamPoolInput, now time.Time) (DeleteIpamPoolOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteIpamPool)
}

// ProvisionIpamPoolCidr provisions a CIDR given by value to a pool; it
// must overlap none of the pool's CIDRs and is pending-provision until the
// next call.
func (c *Cloud) ProvisionIpamPoolCidr(caller Caller, in ProvisionIpamPoolCidrInput, now time.Time) (ProvisionIpamPoolCidrOutput, error) {
	return run(c, caller, in, now, (*Cloud).provisionIpamPoolCidr)
}

// GetIpamPoolCidrs lists a pool's CIDRs, deprovisioned ones included, that
// match the filters.
func (c *Cloud) GetIpamPoolCidrs(caller Caller, in GetIpamPoolCidrsInput, now time.Time) (GetIpamPoolCidrsOutput, error) {
	return read(c, caller, in, now, (*Cloud).getIpamPoolCidrs)
}

// DeprovisionIpamPoolCidr takes a provisioned CIDR out of a pool, refused
// while an allocation lies inside it; it is pending-deprovision until the
// next call, then deprovisioned.
func (c *Cloud) DeprovisionIpamPoolCidr(caller Caller, in DeprovisionIpamPoolCidrInput, now time.Time) (DeprovisionIpamPoolCidrOutput, error) {
	return run(c, caller, in, now, (*Cloud).deprovisionIpamPoolCidr)
}

// AllocateIpamPoolCidr allocates a block from a pool: Cidr when it is free
// inside a provisioned CIDR, else the lowest free aligned block of
// NetmaskLength (or the pool's default); see [ipam.Pool.Next]. With
// PreviewNextCidr it answers that block and allocates nothing.
func (c *Cloud) AllocateIpamPoolCidr(caller Caller, in AllocateIpamPoolCidrInput, now time.Time) (AllocateIpamPoolCidrOutput, error) {
	return run(c, caller, in, now, (*Cloud).allocateIpamPoolCidr)
}

// GetIpamPoolAllocations lists a pool's allocations that match the filters.
func (c *Cloud) GetIpamPoolAllocations(caller Caller, in GetIpamPoolAllocationsInput, now time.Time) (GetIpamPoolAllocationsOutput, error) {
	return read(c, caller, in, now, (*Cloud).getIpamPoolAllocations)
}

// ReleaseIpamPoolAllocation releases a custom allocation; a VPC's block is
// released when the VPC is deleted.
func (c *Cloud) ReleaseIpamPoolAllocation(caller Caller, in ReleaseIpamPoolAllocationInput, now time.Time) (ReleaseIpamPoolAllocationOutput, error) {
	return run(c, caller, in, now, (*Cloud).releaseIpamPoolAllocation)
}

// Transit gateways.

// CreateTransitGateway creates a transit gateway in the caller's account
// and Region with its options resolved to EC2's defaults
// ([tgw.Options.Resolve]) and, when default association or propagation is
// enabled, its default route table. Both are pending until the next call.
func (c *Cloud) CreateTransitGateway(caller Caller, in CreateTransitGatewayInput, now time.Time) (CreateTransitGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).createTransitGateway)
}

// DescribeTransitGateways lists the caller's transit gateways, deleted ones
// during [tgw.DeletedRetention] included: those named, or all, that match
// the filters, in ID order.
func (c *Cloud) DescribeTransitGateways(caller Caller, in DescribeTransitGatewaysInput, now time.Time) (DescribeTransitGatewaysOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeTransitGateways)
}

// ModifyTransitGateway changes an available gateway's description and
// options; see [tgw.Gateway.Modify]. The gateway is modifying until the
// next call.
func (c *Cloud) ModifyTransitGateway(caller Caller, in ModifyTransitGatewayInput, now time.Time) (ModifyTransitGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyTransitGateway)
}

// DeleteTransitGateway deletes a transit gateway without attachments not
// yet deleted (IncorrectState); its route tables go with it. It is
// deleting until the next call.
func (c *Cloud) DeleteTransitGateway(caller Caller, in DeleteTransitGatewayInput, now time.Time) (DeleteTransitGatewayOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteTransitGateway)
}

// CreateTransitGatewayRouteTable creates a route table of an available
// transit gateway, pending until the next call.
func (c *Cloud) CreateTransitGatewayRouteTable(caller Caller, in CreateTransitGatewayRouteTableInput, now time.Time) (CreateTransitGatewayRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).createTransitGatewayRouteTable)
}

// DescribeTransitGatewayRouteTables lists the caller's transit gateway
// route tables that match the filters, in ID order.
func (c *Cloud) DescribeTransitGatewayRouteTables(caller Caller, in DescribeTransitGatewayRouteTablesInput, now time.Time) (DescribeTransitGatewayRouteTablesOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeTransitGatewayRouteTables)
}

// DeleteTransitGatewayRouteTable deletes a route table that is not its
// gateway's default and has no association; see [tgw.RouteTable.Delete].
func (c *Cloud) DeleteTransitGatewayRouteTable(caller Caller, in DeleteTransitGatewayRouteTableInput, now time.Time) (DeleteTransitGatewayRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteTransitGatewayRouteTable)
}

// AssociateTransitGatewayRouteTable associates an attachment with a route
// table of its gateway; see [tgw.Attachment.Associate].
func (c *Cloud) AssociateTransitGatewayRouteTable(caller Caller, in AssociateTransitGatewayRouteTableInput, now time.Time) (AssociateTransitGatewayRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).associateTransitGatewayRouteTable)
}

// DisassociateTransitGatewayRouteTable removes an attachment's association
// with a route table.
func (c *Cloud) DisassociateTransitGatewayRouteTable(caller Caller, in DisassociateTransitGatewayRouteTableInput, now time.Time) (DisassociateTransitGatewayRouteTableOutput, error) {
	return run(c, caller, in, now, (*Cloud).disassociateTransitGatewayRouteTable)
}

// GetTransitGatewayRouteTableAssociations lists the attachments associated
// with a route table that match the filters.
func (c *Cloud) GetTransitGatewayRouteTableAssociations(caller Caller, in GetTransitGatewayRouteTableAssociationsInput, now time.Time) (GetTransitGatewayRouteTableAssociationsOutput, error) {
	return read(c, caller, in, now, (*Cloud).getTransitGatewayRouteTableAssociations)
}

// EnableTransitGatewayRouteTablePropagation makes an attachment propagate
// its CIDRs (a VPC attachment its VPC's blocks) to a route table; see
// [tgw.RouteTable.EnablePropagation].
func (c *Cloud) EnableTransitGatewayRouteTablePropagation(caller Caller, in EnableTransitGatewayRouteTablePropagationInput, now time.Time) (EnableTransitGatewayRouteTablePropagationOutput, error) {
	return run(c, caller, in, now, (*Cloud).enableTransitGatewayRouteTablePropagation)
}

// DisableTransitGatewayRouteTablePropagation stops an attachment
// propagating to a route table.
func (c *Cloud) DisableTransitGatewayRouteTablePropagation(caller Caller, in DisableTransitGatewayRouteTablePropagationInput, now time.Time) (DisableTransitGatewayRouteTablePropagationOutput, error) {
	return run(c, caller, in, now, (*Cloud).disableTransitGatewayRouteTablePropagation)
}

// GetTransitGatewayRouteTablePropagations lists the attachments that
// propagate to a route table and match the filters.
func (c *Cloud) GetTransitGatewayRouteTablePropagations(caller Caller, in GetTransitGatewayRouteTablePropagationsInput, now time.Time) (GetTransitGatewayRouteTablePropagationsOutput, error) {
	return read(c, caller, in, now, (*Cloud).getTransitGatewayRouteTablePropagations)
}

// CreateTransitGatewayRoute adds a static route, to an attachment or a
// blackhole, to a route table; see [tgw.RouteTable.CreateRoute].
func (c *Cloud) CreateTransitGatewayRoute(caller Caller, in CreateTransitGatewayRouteInput, now time.Time) (CreateTransitGatewayRouteOutput, error) {
	return run(c, caller, in, now, (*Cloud).createTransitGatewayRoute)
}

// DeleteTransitGatewayRoute removes a static route from a route table.
func (c *Cloud) DeleteTransitGatewayRoute(caller Caller, in DeleteTransitGatewayRouteInput, now time.Time) (DeleteTransitGatewayRouteOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteTransitGatewayRoute)
}

// SearchTransitGatewayRoutes lists a route table's routes, static and
// propagated, that match the filters; see [tgw.Search].
func (c *Cloud) SearchTransitGatewayRoutes(caller Caller, in SearchTransitGatewayRoutesInput, now time.Time) (SearchTransitGatewayRoutesOutput, error) {
	return read(c, caller, in, now, (*Cloud).searchTransitGatewayRoutes)
}

// CreateTransitGatewayVpcAttachment attaches one of the caller's VPCs to an
// available transit gateway through subnets of that VPC, one per zone;
// see [tgw.NewAttachment]. It is pending until the next call, which makes
// it available and associates it with and propagates it to the gateway's
// default route tables as the gateway's options say. While it lives, its
// subnets and VPC cannot be deleted (DependencyViolation).
func (c *Cloud) CreateTransitGatewayVpcAttachment(caller Caller, in CreateTransitGatewayVpcAttachmentInput, now time.Time) (CreateTransitGatewayVpcAttachmentOutput, error) {
	return run(c, caller, in, now, (*Cloud).createTransitGatewayVpcAttachment)
}

// DescribeTransitGatewayVpcAttachments lists the caller's VPC attachments
// that match the filters, in ID order.
func (c *Cloud) DescribeTransitGatewayVpcAttachments(caller Caller, in DescribeTransitGatewayVpcAttachmentsInput, now time.Time) (DescribeTransitGatewayVpcAttachmentsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeTransitGatewayVpcAttachments)
}

// ModifyTransitGatewayVpcAttachment adds and removes a VPC attachment's
// subnets and changes its options; see [tgw.Attachment.Modify].
func (c *Cloud) ModifyTransitGatewayVpcAttachment(caller Caller, in ModifyTransitGatewayVpcAttachmentInput, now time.Time) (ModifyTransitGatewayVpcAttachmentOutput, error) {
	return run(c, caller, in, now, (*Cloud).modifyTransitGatewayVpcAttachment)
}

// DeleteTransitGatewayVpcAttachment deletes a VPC attachment; it is
// deleting until the next call, then deleted, associated with nothing and
// propagating nowhere; static routes to it become blackholes, and so do
// VPC routes to its gateway when it was the VPC's only attachment.
func (c *Cloud) DeleteTransitGatewayVpcAttachment(caller Caller, in DeleteTransitGatewayVpcAttachmentInput, now time.Time) (DeleteTransitGatewayVpcAttachmentOutput, error) {
	return run(c, caller, in, now, (*Cloud).deleteTransitGatewayVpcAttachment)
}

// DescribeTransitGatewayAttachments lists the caller's attachments of every
// kind (VPC, and VPN for a connection on a gateway) that match the
// filters, in ID order.
func (c *Cloud) DescribeTransitGatewayAttachments(caller Caller, in DescribeTransitGatewayAttachmentsInput, now time.Time) (DescribeTransitGatewayAttachmentsOutput, error) {
	return read(c, caller, in, now, (*Cloud).describeTransitGatewayAttachments)
}
