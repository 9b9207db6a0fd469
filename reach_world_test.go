package vpcmodel_test

import (
	"math/rand/v2"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/reach"
)

// lab builds networks for the reachability tests through the Cloud's
// actions, failing the test on any refusal.
type lab struct {
	t   tb
	c   *vpcmodel.Cloud
	who vpcmodel.Caller
	now time.Time
}

// newLab returns an empty lab; connect is Options.CustomerDevicesConnect
// (VPN tunnels come UP).
func newLab(t tb, connect bool) *lab {
	return &lab{t: t, c: vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9}), CustomerDevicesConnect: connect}),
		who: alice, now: t0}
}

func (w *lab) ok(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *lab) vpc(cidr string) string {
	w.t.Helper()
	o, err := w.c.CreateVpc(w.who, vpcmodel.CreateVpcInput{CIDRBlock: cidr}, w.now)
	w.ok(err)
	return o.VPC.VPCID
}

func (w *lab) subnet(vpc, cidr string) string {
	w.t.Helper()
	o, err := w.c.CreateSubnet(w.who, vpcmodel.CreateSubnetInput{VPCID: vpc, CIDRBlock: cidr}, w.now)
	w.ok(err)
	return o.Subnet.SubnetID
}

// eni makes an interface at ip ("" for the first free address) with the
// groups given (the VPC's default group when none).
func (w *lab) eni(subnet, ip string, groups ...string) string {
	w.t.Helper()
	o, err := w.c.CreateNetworkInterface(w.who, vpcmodel.CreateNetworkInterfaceInput{SubnetID: subnet, PrivateIPAddress: ip, Groups: groups}, w.now)
	w.ok(err)
	return o.NetworkInterface.NetworkInterfaceID
}

func (w *lab) public(eni string) string {
	w.t.Helper()
	_, err := w.c.ModifyNetworkInterfaceAttribute(w.who, vpcmodel.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceID: eni,
		AssociatePublicIPAddress: vpcmodel.Some(true)}, w.now)
	w.ok(err)
	d, err := w.c.DescribeNetworkInterfaces(w.who, vpcmodel.DescribeNetworkInterfacesInput{NetworkInterfaceIDs: []string{eni}}, w.now)
	w.ok(err)
	return d.NetworkInterfaces[0].Association.Value.PublicIP
}

func (w *lab) sg(vpc, name string) string {
	w.t.Helper()
	o, err := w.c.CreateSecurityGroup(w.who, vpcmodel.CreateSecurityGroupInput{VPCID: vpc, GroupName: name, Description: name}, w.now)
	w.ok(err)
	return o.GroupID
}

// allow adds a rule to group sg: ingress, or egress when out; peer is a
// CIDR or a group ID.
func (w *lab) allow(sg string, out bool, proto string, from, to int, peer string) error {
	p := vpcmodel.IPPermission{IPProtocol: proto}
	if proto == "tcp" || proto == "udp" {
		p.FromPort, p.ToPort = vpcmodel.Some(from), vpcmodel.Some(to)
	}
	if _, err := netip.ParsePrefix(peer); err == nil {
		p.IPRanges = []vpcmodel.IPRange{{CIDRIP: peer}}
	} else {
		p.UserIDGroupPairs = []vpcmodel.UserIDGroupPair{{GroupID: peer}}
	}
	in := vpcmodel.AuthorizeSecurityGroupIngressInput{GroupID: sg, IPPermissions: []vpcmodel.IPPermission{p}}
	var err error
	if out {
		_, err = w.c.AuthorizeSecurityGroupEgress(w.who, in, w.now)
	} else {
		_, err = w.c.AuthorizeSecurityGroupIngress(w.who, in, w.now)
	}
	return err
}

// peer makes a peering connection from a to b, and accepts it unless
// pending; it is active from the next call.
func (w *lab) peer(a, b string, pending bool) string {
	w.t.Helper()
	o, err := w.c.CreateVpcPeeringConnection(w.who, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: a, PeerVPCID: b}, w.now)
	w.ok(err)
	id := o.VPCPeeringConnection.VPCPeeringConnectionID
	if !pending {
		_, err = w.c.AcceptVpcPeeringConnection(w.who, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: id}, w.now)
		w.ok(err)
	}
	return id
}

func (w *lab) mainTable(vpc string) string {
	w.t.Helper()
	o, err := w.c.DescribeRouteTables(w.who, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{vpc}}, {Name: "association.main", Values: []string{"true"}}}}, w.now)
	w.ok(err)
	return o.RouteTables[0].RouteTableID
}

func (w *lab) route(rtb, dest string, target vpcmodel.RouteTarget) {
	w.t.Helper()
	_, err := w.c.CreateRoute(w.who, vpcmodel.CreateRouteInput{RouteTableID: rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: dest}, RouteTarget: target}, w.now)
	w.ok(err)
}

func (w *lab) igw(vpc string) string {
	w.t.Helper()
	o, err := w.c.CreateInternetGateway(w.who, vpcmodel.CreateInternetGatewayInput{}, w.now)
	w.ok(err)
	id := o.InternetGateway.InternetGatewayID
	_, err = w.c.AttachInternetGateway(w.who, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: id, VPCID: vpc}, w.now)
	w.ok(err)
	return id
}

// vpn attaches a new virtual private gateway to vpc, with one VPN
// connection (static routes only, with routes, or BGP when none are
// given); it returns the gateway and the connection.
func (w *lab) vpn(vpc string, routes ...string) (string, string) {
	w.t.Helper()
	cg, err := w.c.CreateCustomerGateway(w.who, vpcmodel.CreateCustomerGatewayInput{Type: "ipsec.1", BGPASN: 65000, IPAddress: "198.51.100.7"}, w.now)
	w.ok(err)
	g, err := w.c.CreateVpnGateway(w.who, vpcmodel.CreateVpnGatewayInput{Type: "ipsec.1"}, w.now)
	w.ok(err)
	vgw := g.VPNGateway.VPNGatewayID
	_, err = w.c.AttachVpnGateway(w.who, vpcmodel.AttachVpnGatewayInput{VPCID: vpc, VPNGatewayID: vgw}, w.now)
	w.ok(err)
	v, err := w.c.CreateVpnConnection(w.who, vpcmodel.CreateVpnConnectionInput{Type: "ipsec.1", CustomerGatewayID: cg.CustomerGateway.CustomerGatewayID,
		VPNGatewayID: vgw, Options: vpcmodel.VPNConnectionOptionsSpecification{StaticRoutesOnly: len(routes) > 0}}, w.now)
	w.ok(err)
	id := v.VPNConnection.VPNConnectionID
	for _, r := range routes {
		_, err := w.c.CreateVpnConnectionRoute(w.who, vpcmodel.CreateVpnConnectionRouteInput{VPNConnectionID: id, DestinationCIDRBlock: r}, w.now)
		w.ok(err)
	}
	return vgw, id
}

// acl makes a network ACL in vpc with the entries given (rule, egress,
// action, protocol, CIDR, ports) and associates it with subnet.
func (w *lab) acl(vpc, subnet string, entries ...aclEntry) string {
	w.t.Helper()
	o, err := w.c.CreateNetworkAcl(w.who, vpcmodel.CreateNetworkAclInput{VPCID: vpc}, w.now)
	w.ok(err)
	id := o.NetworkACL.NetworkACLID
	for _, e := range entries {
		in := vpcmodel.CreateNetworkAclEntryInput{NetworkACLID: id, RuleNumber: e.rule, Protocol: e.proto, RuleAction: e.action,
			Egress: e.egress, CIDRBlock: e.cidr}
		if e.proto == "6" || e.proto == "17" {
			in.PortRange = vpcmodel.Some(vpcmodel.PortRange{From: e.from, To: e.to})
		}
		_, err := w.c.CreateNetworkAclEntry(w.who, in, w.now)
		w.ok(err)
	}
	d, err := w.c.DescribeNetworkAcls(w.who, vpcmodel.DescribeNetworkAclsInput{Filters: []vpcmodel.Filter{{Name: "association.subnet-id", Values: []string{subnet}}}}, w.now)
	w.ok(err)
	for _, a := range d.NetworkACLs[0].Associations {
		if a.SubnetID == subnet {
			_, err := w.c.ReplaceNetworkAclAssociation(w.who, vpcmodel.ReplaceNetworkAclAssociationInput{AssociationID: a.NetworkACLAssociationID, NetworkACLID: id}, w.now)
			w.ok(err)
		}
	}
	return id
}

// tb is what a lab needs of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

type aclEntry struct {
	rule          int
	egress        bool
	action, proto string
	cidr          string
	from, to      int
}

// reach analyses the path from one end to the other.
func (w *lab) reach(from, to reach.Endpoint, proto reach.Protocol, port int) reach.Result {
	w.t.Helper()
	q := reach.Query{Source: from, Destination: to, Protocol: proto}
	if port != 0 {
		q.DestinationPorts = reach.PortRange{From: port, To: port}
	}
	r, err := w.c.Reach(w.who, q, w.now)
	w.ok(err)
	return r
}

func at(id string) reach.Endpoint { return reach.Endpoint{ID: id} }

// nat makes a NAT gateway in subnet at ip ("" for any free address):
// public, with a new Elastic IP address, or private.
func (w *lab) nat(subnet, ip string, public bool) string {
	w.t.Helper()
	in := vpcmodel.CreateNatGatewayInput{SubnetID: subnet, PrivateIPAddress: ip, ConnectivityType: "private"}
	if public {
		a, err := w.c.AllocateAddress(w.who, vpcmodel.AllocateAddressInput{Domain: "vpc"}, w.now)
		w.ok(err)
		in.ConnectivityType, in.AllocationID = "public", a.AllocationID
	}
	o, err := w.c.CreateNatGateway(w.who, in, w.now)
	w.ok(err)
	return o.NATGateway.NATGatewayID
}

// blockPublic sets the Region's Block Public Access mode.
func (w *lab) blockPublic(mode string) {
	w.t.Helper()
	_, err := w.c.ModifyVpcBlockPublicAccessOptions(w.who, vpcmodel.ModifyVpcBlockPublicAccessOptionsInput{InternetGatewayBlockMode: mode}, w.now)
	w.ok(err)
}

// exclude exempts a subnet or VPC from Block Public Access.
func (w *lab) exclude(id, mode string) string {
	w.t.Helper()
	in := vpcmodel.CreateVpcBlockPublicAccessExclusionInput{InternetGatewayExclusionMode: mode}
	if id[:4] == "vpc-" {
		in.VPCID = id
	} else {
		in.SubnetID = id
	}
	o, err := w.c.CreateVpcBlockPublicAccessExclusion(w.who, in, w.now)
	w.ok(err)
	return o.Exclusion.ExclusionID
}
