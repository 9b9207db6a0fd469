package vpcmodel_test

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

var amazonPool = netip.MustParsePrefix("2600:1f00::/24")

// ipv6Of returns the IPv6 associations of VPC id as the caller sees them.
func ipv6Of(t *testing.T, c *vpcmodel.Cloud, who vpcmodel.Caller, id string, now time.Time) []vpcmodel.VPCIPv6CIDRBlockAssociation {
	t.Helper()
	d := must[vpcmodel.DescribeVpcsOutput](t)(c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{VPCIDs: []string{id}}, now))
	return d.VPCs[0].IPv6CIDRBlockAssociations
}

// routesOf returns "destination target state" for every route of table id.
func routesOf(t *testing.T, c *vpcmodel.Cloud, who vpcmodel.Caller, id string, now time.Time) []string {
	t.Helper()
	d := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{RouteTableIDs: []string{id}}, now))
	var out []string
	for _, r := range d.RouteTables[0].Routes {
		dest := r.DestinationCIDRBlock + r.DestinationIPv6CIDRBlock
		target := r.GatewayID + r.VPCPeeringConnectionID + r.EgressOnlyInternetGatewayID + r.NATGatewayID
		out = append(out, dest+" "+target+" "+string(r.State))
	}
	return out
}

func mainTableOf(t *testing.T, c *vpcmodel.Cloud, who vpcmodel.Caller, vpcID string, now time.Time) string {
	t.Helper()
	d := must[vpcmodel.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(who, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{vpcID}}, {Name: "association.main", Values: []string{"true"}}}}, now))
	return d.RouteTables[0].RouteTableID
}

func TestVPCIPv6Blocks(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{61})})
	amazon := vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}
	o := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16", IPv6Request: amazon}, t0))
	v := o.VPC.VPCID
	if a := o.VPC.IPv6CIDRBlockAssociations; len(a) != 1 || a[0].IPv6CIDRBlockState.State != "associating" {
		t.Fatalf("CreateVpc answered %+v", a)
	}
	a := ipv6Of(t, c, alice, v, t0)[0]
	p := netip.MustParsePrefix(a.IPv6CIDRBlock)
	if a.IPv6CIDRBlockState.State != "associated" || p.Bits() != 56 || !amazonPool.Contains(p.Addr()) || a.IPv6Pool != "Amazon" ||
		a.NetworkBorderGroup != "us-east-1" || a.AssociationID != o.VPC.IPv6CIDRBlockAssociations[0].AssociationID {
		t.Fatalf("the next call sees %+v", a)
	}
	// The main table has the block's local route.
	rtb := mainTableOf(t, c, alice, v, t0)
	if got := routesOf(t, c, alice, rtb, t0); !slices.Equal(got, []string{"10.0.0.0/16 local active", p.String() + " local active"}) {
		t.Fatalf("main table routes %v", got)
	}

	for _, tt := range []struct {
		name string
		in   vpcmodel.AssociateVpcCidrBlockInput
		code string
	}{
		{"both families", vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, CIDRBlock: "10.1.0.0/16", IPv6Request: amazon}, "InvalidParameterCombination"},
		{"another Region's border group", vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, IPv6Request: vpcmodel.IPv6Request{
			AmazonProvidedIPv6CIDRBlock: true, IPv6CIDRBlockNetworkBorderGroup: "us-west-2"}}, "InvalidParameterValue"},
		{"a border group alone", vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, IPv6Request: vpcmodel.IPv6Request{IPv6CIDRBlockNetworkBorderGroup: "us-east-1"}},
			"InvalidParameterCombination"},
		{"a pool of the caller's", vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, IPv6Request: vpcmodel.IPv6Request{IPv6Pool: "ipv6pool-ec2-0123456789abcdef0",
			IPv6CIDRBlock: "2001:db8::/56"}}, "InvalidIpv6PoolID.NotFound"},
		{"nothing asked", vpcmodel.AssociateVpcCidrBlockInput{VPCID: v}, "MissingParameter"},
		{"another account's VPC", vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, IPv6Request: amazon}, "InvalidVpcID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			who := alice
			if tt.name == "another account's VPC" {
				who = bob
			}
			before := c.Version()
			_, err := c.AssociateVpcCidrBlock(who, tt.in, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refusal changed the Cloud")
			}
		})
	}

	// Up to five IPv6 blocks, whatever the IPv4 blocks; all different, each
	// with its local route in every table of the VPC.
	extra := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: v}, t0)).RouteTable.RouteTableID
	must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, CIDRBlock: "10.1.0.0/16"}, t0))
	var assoc []string
	for range 4 {
		out := must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, IPv6Request: amazon}, t0))
		if out.CIDRBlockAssociation.Set || out.IPv6CIDRBlockAssociation.Value.IPv6CIDRBlockState.State != "associating" {
			t.Fatalf("AssociateVpcCidrBlock answered %+v", out)
		}
		assoc = append(assoc, out.IPv6CIDRBlockAssociation.Value.AssociationID)
	}
	_, err := c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, IPv6Request: amazon}, t0)
	wantCode(t, err, "CidrLimitExceeded")
	blocks := ipv6Of(t, c, alice, v, t0)
	seen := map[string]bool{}
	for _, b := range blocks {
		if seen[b.IPv6CIDRBlock] || b.IPv6CIDRBlockState.State != "associated" {
			t.Fatalf("blocks %+v", blocks)
		}
		seen[b.IPv6CIDRBlock] = true
	}
	for _, tbl := range []string{rtb, extra} {
		if got := routesOf(t, c, alice, tbl, t0); len(got) != 2+5 {
			t.Fatalf("table %s routes %v, want 2 IPv4 and 5 IPv6 local routes", tbl, got)
		}
	}
	// Filters, answered from the association index too.
	for _, f := range []vpcmodel.Filter{
		{Name: "ipv6-cidr-block-association.association-id", Values: []string{assoc[2]}},
		{Name: "ipv6-cidr-block-association.ipv6-cidr-block", Values: []string{blocks[3].IPv6CIDRBlock}},
		{Name: "ipv6-cidr-block-association.ipv6-pool", Values: []string{"Amazon"}},
		{Name: "ipv6-cidr-block-association.state", Values: []string{"associated"}},
	} {
		d := must[vpcmodel.DescribeVpcsOutput](t)(c.DescribeVpcs(alice, vpcmodel.DescribeVpcsInput{Filters: []vpcmodel.Filter{f}}, t0))
		if len(d.VPCs) != 1 || d.VPCs[0].VPCID != v {
			t.Fatalf("filter %v: %+v", f, d.VPCs)
		}
	}
	if d := must[vpcmodel.DescribeVpcsOutput](t)(c.DescribeVpcs(bob, vpcmodel.DescribeVpcsInput{Filters: []vpcmodel.Filter{
		{Name: "ipv6-cidr-block-association.association-id", Values: []string{assoc[2]}}}}, t0)); len(d.VPCs) != 0 {
		t.Fatal("another account finds the VPC by its association")
	}

	// Disassociating: its local routes leave at once; the association is
	// disassociating, then listed as disassociated, and no longer counts.
	out := must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.DisassociateVpcCidrBlock(alice, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: assoc[0]}, t0))
	gone := out.IPv6CIDRBlockAssociation.Value
	if gone.IPv6CIDRBlockState.State != "disassociating" || out.CIDRBlockAssociation.Set {
		t.Fatalf("DisassociateVpcCidrBlock answered %+v", out)
	}
	if got := routesOf(t, c, alice, extra, t0); slices.Contains(got, gone.IPv6CIDRBlock+" local active") || len(got) != 6 {
		t.Fatalf("routes after disassociation %v", got)
	}
	state := map[string]string{}
	for _, b := range ipv6Of(t, c, alice, v, t0) {
		state[b.AssociationID] = b.IPv6CIDRBlockState.State
	}
	if state[assoc[0]] != "disassociated" || len(state) != 5 {
		t.Fatalf("states %v", state)
	}
	_, err = c.DisassociateVpcCidrBlock(alice, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: assoc[0]}, t0)
	wantCode(t, err, "IncorrectState")
	must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: v, IPv6Request: amazon}, t0))
	// The VPC goes with all its blocks; their association IDs with it.
	for _, r := range []string{extra} {
		must[vpcmodel.ReturnOutput](t)(c.DeleteRouteTable(alice, vpcmodel.DeleteRouteTableInput{RouteTableID: r}, t0))
	}
	must[vpcmodel.ReturnOutput](t)(c.DeleteVpc(alice, vpcmodel.DeleteVpcInput{VPCID: v}, t0))
	_, err = c.DisassociateVpcCidrBlock(alice, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: assoc[1]}, t0)
	wantCode(t, err, "InvalidVpcCidrBlockAssociationID.NotFound")
}

func TestCreateVpcIPv6Refusals(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{62})})
	for _, tt := range []struct {
		name string
		in   vpcmodel.IPv6Request
		code string
	}{
		{"another Region's border group", vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true, IPv6CIDRBlockNetworkBorderGroup: "eu-west-1"}, "InvalidParameterValue"},
		{"a border group alone", vpcmodel.IPv6Request{IPv6CIDRBlockNetworkBorderGroup: "us-east-1"}, "InvalidParameterCombination"},
		{"a block without its pool", vpcmodel.IPv6Request{IPv6CIDRBlock: "2001:db8::/56"}, "MissingParameter"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Version()
			_, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16", IPv6Request: tt.in}, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refusal changed the Cloud")
			}
		})
	}
	o := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16",
		IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true, IPv6CIDRBlockNetworkBorderGroup: "us-east-1"}}, t0))
	if len(o.VPC.IPv6CIDRBlockAssociations) != 1 {
		t.Fatalf("CreateVpc = %+v", o.VPC)
	}
}

// TestIPv6BlocksUniqueProperty creates, extends, trims and deletes VPCs of
// several accounts and Regions, drawing from a pool of only sixteen /56s,
// and after every step checks what they all list together: every IPv6
// block a /56 of the pool, no block listed twice in the partition whatever
// its state, and a new block refused (InsufficientCidrBlocks) exactly when
// every /56 of the pool is listed.
func TestIPv6BlocksUniqueProperty(t *testing.T) {
	callers := []vpcmodel.Caller{alice, bob, {Account: "333333333333", Region: "us-east-1"}}
	pool := netip.MustParsePrefix("2600:1f00:ab00::/52")
	rapid.Check(t, func(t *rapid.T) {
		c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{byte(rapid.IntRange(0, 255).Draw(t, "seed"))}), IPv6Pool: pool})
		now := t0
		vpcs := map[vpcmodel.Caller][]string{}
		// listed returns every IPv6 block the partition lists, checking
		// each, and the caller's VPCs as DescribeVpcs shows them.
		listed := func() ([]netip.Prefix, map[vpcmodel.Caller][]vpcmodel.VPC) {
			var all []netip.Prefix
			seen := map[vpcmodel.Caller][]vpcmodel.VPC{}
			for _, who := range callers {
				d, err := c.DescribeVpcs(who, vpcmodel.DescribeVpcsInput{}, now)
				if err != nil {
					t.Fatal(err)
				}
				seen[who] = d.VPCs
				for _, v := range d.VPCs {
					for _, a := range v.IPv6CIDRBlockAssociations {
						p := netip.MustParsePrefix(a.IPv6CIDRBlock)
						if p.Bits() != 56 || p != p.Masked() || !pool.Contains(p.Addr()) {
							t.Fatalf("%s lists %s, not a /56 of %s", v.VPCID, p, pool)
						}
						for _, q := range all {
							if q.Overlaps(p) {
								t.Fatalf("%s listed twice in the partition", p)
							}
						}
						all = append(all, p)
					}
				}
			}
			return all, seen
		}
		for range rapid.IntRange(1, 60).Draw(t, "steps") {
			who := rapid.SampledFrom(callers).Draw(t, "who")
			now = now.Add(time.Minute)
			all, seen := listed()
			full := len(all) == 16
			mine := vpcs[who]
			switch op := rapid.IntRange(0, 3).Draw(t, "op"); {
			case op == 0 || len(mine) == 0:
				ipv6 := rapid.Bool().Draw(t, "ipv6")
				o, err := c.CreateVpc(who, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16",
					IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: ipv6}}, now)
				if ipv6 && full {
					want(t, "CreateVpc, the pool full", err, "InsufficientCidrBlocks")
					continue
				}
				want(t, "CreateVpc", err, "")
				vpcs[who] = append(mine, o.VPC.VPCID)
			case op == 1:
				i := rapid.IntRange(0, len(mine)-1).Draw(t, "vpc")
				live := 0
				for _, v := range seen[who] {
					if v.VPCID != mine[i] {
						continue
					}
					for _, a := range v.IPv6CIDRBlockAssociations {
						if a.IPv6CIDRBlockState.State == "associated" {
							live++
						}
					}
				}
				_, err := c.AssociateVpcCidrBlock(who, vpcmodel.AssociateVpcCidrBlockInput{VPCID: mine[i],
					IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, now)
				switch {
				case live >= 5:
					want(t, "AssociateVpcCidrBlock, the quota", err, "CidrLimitExceeded")
				case full:
					want(t, "AssociateVpcCidrBlock, the pool full", err, "InsufficientCidrBlocks")
				default:
					want(t, "AssociateVpcCidrBlock", err, "")
				}
			case op == 2:
				var live []string
				for _, v := range seen[who] {
					for _, a := range v.IPv6CIDRBlockAssociations {
						if a.IPv6CIDRBlockState.State == "associated" {
							live = append(live, a.AssociationID)
						}
					}
				}
				if len(live) == 0 {
					continue
				}
				_, err := c.DisassociateVpcCidrBlock(who, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: rapid.SampledFrom(live).Draw(t, "assoc")}, now)
				want(t, "DisassociateVpcCidrBlock", err, "")
			default:
				i := rapid.IntRange(0, len(mine)-1).Draw(t, "delete")
				_, err := c.DeleteVpc(who, vpcmodel.DeleteVpcInput{VPCID: mine[i]}, now)
				want(t, "DeleteVpc", err, "")
				vpcs[who] = slices.Delete(slices.Clone(mine), i, i+1)
			}
		}
		listed()
	})
}

func TestIPv6Subnets(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{63})})
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16",
		IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, t0)).VPC.VPCID
	block := netip.MustParsePrefix(ipv6Of(t, c, alice, v, t0)[0].IPv6CIDRBlock)
	sub64 := func(i byte) string {
		a := block.Addr().As16()
		a[7] = i
		return netip.PrefixFrom(netip.AddrFrom16(a), 64).String()
	}
	dual := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.1.0/24", IPv6CIDRBlock: sub64(1)}, t0)).Subnet
	if a := dual.IPv6CIDRBlockAssociations; len(a) != 1 || a[0].IPv6CIDRBlock != sub64(1) || a[0].IPv6CIDRBlockState.State != "associating" || dual.IPv6Native {
		t.Fatalf("dual-stack CreateSubnet = %+v", dual)
	}
	native := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, IPv6Native: true, IPv6CIDRBlock: sub64(2)}, t0)).Subnet
	if native.CIDRBlock != "" || !native.IPv6Native || native.AvailableIPAddressCount != 0 || native.PrivateDNSNameOptionsOnLaunch.HostnameType != "resource-name" {
		t.Fatalf("IPv6-only CreateSubnet = %+v", native)
	}
	plain := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.3.0/24"}, t0)).Subnet
	for _, tt := range []struct {
		name string
		in   vpcmodel.CreateSubnetInput
		code string
	}{
		{"a sibling's /64", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.4.0/24", IPv6CIDRBlock: sub64(1)}, "InvalidSubnet.Conflict"},
		{"outside the VPC's /56", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.4.0/24", IPv6CIDRBlock: "2001:db8::/64"}, "InvalidSubnet.Range"},
		{"a /60", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.4.0/24", IPv6CIDRBlock: block.Addr().String() + "/60"}, "InvalidParameterValue"},
		{"IPv6-only with IPv4", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.4.0/24", IPv6Native: true, IPv6CIDRBlock: sub64(4)}, "InvalidParameterCombination"},
		{"IPv6-only without IPv6", vpcmodel.CreateSubnetInput{VPCID: v, IPv6Native: true}, "MissingParameter"},
		{"IPv4 conflict first", vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.1.0/24", IPv6CIDRBlock: "2001:db8::/64"}, "InvalidSubnet.Conflict"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Version()
			_, err := c.CreateSubnet(alice, tt.in, t0)
			wantCode(t, err, tt.code)
			if c.Version() != before {
				t.Fatal("a refusal changed the Cloud")
			}
		})
	}
	// A subnet /64 can be the destination of a route to a network
	// interface or NAT gateway only; the VPC's block is local.
	rtb := mainTableOf(t, c, alice, v, t0)
	_, err := c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb, RouteDestination: vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: sub64(1)},
		RouteTarget: vpcmodel.RouteTarget{NetworkInterfaceID: "eni-0123456789abcdef0"}}, t0)
	wantCode(t, err, "InvalidNetworkInterfaceID.NotFound") // a subnet's block: the target is checked
	_, err = c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb, RouteDestination: vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: sub64(9)},
		RouteTarget: vpcmodel.RouteTarget{NetworkInterfaceID: "eni-0123456789abcdef0"}}, t0)
	wantCode(t, err, "InvalidParameterValue") // not a subnet's block: more specific than the VPC's

	// Filters.
	for _, tt := range []struct {
		f    vpcmodel.Filter
		want []string
	}{
		{vpcmodel.Filter{Name: "ipv6-native", Values: []string{"true"}}, []string{native.SubnetID}},
		{vpcmodel.Filter{Name: "ipv6-cidr-block-association.ipv6-cidr-block", Values: []string{sub64(1)}}, []string{dual.SubnetID}},
		{vpcmodel.Filter{Name: "ipv6-cidr-block-association.association-id", Values: []string{native.IPv6CIDRBlockAssociations[0].AssociationID}}, []string{native.SubnetID}},
		{vpcmodel.Filter{Name: "ipv6-cidr-block-association.state", Values: []string{"associated"}}, []string{dual.SubnetID, native.SubnetID}},
	} {
		d := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{Filters: []vpcmodel.Filter{tt.f}}, t0))
		var got []string
		for _, s := range d.Subnets {
			got = append(got, s.SubnetID)
		}
		if slices.Sort(tt.want); !slices.Equal(got, tt.want) {
			t.Errorf("filter %v = %v, want %v", tt.f, got, tt.want)
		}
	}

	// The attributes that need an IPv6 block, and Terraform's order: on
	// after the block, off before it goes.
	on := vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: true})
	off := vpcmodel.Some(vpcmodel.AttributeBooleanValue{Value: false})
	_, err = c.ModifySubnetAttribute(alice, vpcmodel.ModifySubnetAttributeInput{SubnetID: plain.SubnetID, EnableDNS64: on}, t0)
	wantCode(t, err, "InvalidParameterValue")
	a := must[vpcmodel.AssociateSubnetCidrBlockOutput](t)(c.AssociateSubnetCidrBlock(alice, vpcmodel.AssociateSubnetCidrBlockInput{SubnetID: plain.SubnetID, IPv6CIDRBlock: sub64(3)}, t0))
	if a.SubnetID != plain.SubnetID || a.IPv6CIDRBlockAssociation.IPv6CIDRBlockState.State != "associating" {
		t.Fatalf("AssociateSubnetCidrBlock = %+v", a)
	}
	_, err = c.AssociateSubnetCidrBlock(alice, vpcmodel.AssociateSubnetCidrBlockInput{SubnetID: plain.SubnetID, IPv6CIDRBlock: sub64(5)}, t0)
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.AssociateSubnetCidrBlock(alice, vpcmodel.AssociateSubnetCidrBlockInput{SubnetID: dual.SubnetID, IPv6CIDRBlock: sub64(3)}, t0)
	wantCode(t, err, "InvalidParameterValue") // dual already has one
	for _, in := range []vpcmodel.ModifySubnetAttributeInput{
		{SubnetID: plain.SubnetID, EnableDNS64: on},
		{SubnetID: plain.SubnetID, EnableResourceNameDNSAAAARecordOnLaunch: on},
		{SubnetID: plain.SubnetID, AssignIPv6AddressOnCreation: on},
	} {
		must[vpcmodel.ReturnOutput](t)(c.ModifySubnetAttribute(alice, in, t0))
	}
	_, err = c.DisassociateSubnetCidrBlock(alice, vpcmodel.DisassociateSubnetCidrBlockInput{AssociationID: a.IPv6CIDRBlockAssociation.AssociationID}, t0)
	wantCode(t, err, "InvalidCidrBlock.InUse")
	must[vpcmodel.ReturnOutput](t)(c.ModifySubnetAttribute(alice, vpcmodel.ModifySubnetAttributeInput{SubnetID: plain.SubnetID, AssignIPv6AddressOnCreation: off}, t0))
	_, err = c.DisassociateSubnetCidrBlock(bob, vpcmodel.DisassociateSubnetCidrBlockInput{AssociationID: a.IPv6CIDRBlockAssociation.AssociationID}, t0)
	wantCode(t, err, "InvalidSubnetCidrBlockAssociationID.NotFound")
	_, err = c.DisassociateSubnetCidrBlock(alice, vpcmodel.DisassociateSubnetCidrBlockInput{AssociationID: "subnet-cidr-assoc-x"}, t0)
	wantCode(t, err, "InvalidSubnetCidrBlockAssociationId.Malformed")
	d := must[vpcmodel.AssociateSubnetCidrBlockOutput](t)(c.DisassociateSubnetCidrBlock(alice, vpcmodel.DisassociateSubnetCidrBlockInput{AssociationID: a.IPv6CIDRBlockAssociation.AssociationID}, t0))
	if d.IPv6CIDRBlockAssociation.IPv6CIDRBlockState.State != "disassociating" {
		t.Fatalf("DisassociateSubnetCidrBlock = %+v", d)
	}
	ds := must[vpcmodel.DescribeSubnetsOutput](t)(c.DescribeSubnets(alice, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{plain.SubnetID}}, t0)).Subnets[0]
	if len(ds.IPv6CIDRBlockAssociations) != 1 || ds.IPv6CIDRBlockAssociations[0].IPv6CIDRBlockState.State != "disassociated" {
		t.Fatalf("after disassociation: %+v", ds.IPv6CIDRBlockAssociations)
	}
	_, err = c.DisassociateSubnetCidrBlock(alice, vpcmodel.DisassociateSubnetCidrBlockInput{AssociationID: native.IPv6CIDRBlockAssociations[0].AssociationID}, t0)
	wantCode(t, err, "OperationNotPermitted")

	// The VPC's block stays while a subnet's block is inside it.
	vb := ipv6Of(t, c, alice, v, t0)[0].AssociationID
	_, err = c.DisassociateVpcCidrBlock(alice, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: vb}, t0)
	wantCode(t, err, "DependencyViolation")
	for _, s := range []string{dual.SubnetID, native.SubnetID} {
		must[vpcmodel.ReturnOutput](t)(c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s}, t0))
	}
	must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.DisassociateVpcCidrBlock(alice, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: vb}, t0))
	// Without an associated IPv6 block, no IPv6 subnet.
	_, err = c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.5.0/24", IPv6CIDRBlock: sub64(6)}, t0)
	wantCode(t, err, "InvalidSubnet.Range")
}

// TestIPv6Routes routes IPv6 through an egress-only internet gateway, an
// internet gateway and both ways over a dual-stack peering connection, and
// checks the refusals that depend on the address family.
func TestIPv6Routes(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{64})})
	amazon := vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}
	a := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16", IPv6Request: amazon}, t0)).VPC.VPCID
	b := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(bob, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16", IPv6Request: amazon}, t0)).VPC.VPCID
	a6, b6 := ipv6Of(t, c, alice, a, t0)[0].IPv6CIDRBlock, ipv6Of(t, c, bob, b, t0)[0].IPv6CIDRBlock
	rtbA, rtbB := mainTableOf(t, c, alice, a, t0), mainTableOf(t, c, bob, b, t0)
	route := func(who vpcmodel.Caller, rtb string, d vpcmodel.RouteDestination, target vpcmodel.RouteTarget) error {
		_, err := c.CreateRoute(who, vpcmodel.CreateRouteInput{RouteTableID: rtb, RouteDestination: d, RouteTarget: target}, t0)
		return err
	}
	v6 := func(p string) vpcmodel.RouteDestination {
		return vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: p}
	}
	v4 := func(p string) vpcmodel.RouteDestination { return vpcmodel.RouteDestination{DestinationCIDRBlock: p} }

	eigw := must[vpcmodel.CreateEgressOnlyInternetGatewayOutput](t)(c.CreateEgressOnlyInternetGateway(alice,
		vpcmodel.CreateEgressOnlyInternetGatewayInput{VPCID: a}, t0)).EgressOnlyInternetGateway.EgressOnlyInternetGatewayID
	wantCode(t, route(alice, rtbA, v4("0.0.0.0/0"), vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: eigw}), "InvalidParameterValue")
	if err := route(alice, rtbA, v6("::/0"), vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: eigw}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, route(alice, rtbA, v6("::/0"), vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: eigw}), "RouteAlreadyExists")
	// NAT64: the family check lets 64:ff9b::/96 through to the gateway,
	// which must exist; other IPv6 destinations are refused first.
	wantCode(t, route(alice, rtbA, v6("2001:db8::/32"), vpcmodel.RouteTarget{NATGatewayID: "nat-0123456789abcdef0"}), "InvalidParameterValue")
	wantCode(t, route(alice, rtbA, v6("64:ff9b::/96"), vpcmodel.RouteTarget{NATGatewayID: "nat-0123456789abcdef0"}), "InvalidNatGatewayID.NotFound")
	// The VPC's own block is local.
	wantCode(t, route(alice, rtbA, v6(a6), vpcmodel.RouteTarget{EgressOnlyInternetGatewayID: eigw}), "RouteAlreadyExists")

	// A dual-stack peering connection across accounts and Regions: routes
	// both ways, both families.
	pcx := must[vpcmodel.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{
		VPCID: a, PeerVPCID: b, PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)).VPCPeeringConnection.VPCPeeringConnectionID
	t1 := t0.Add(time.Minute)
	p := must[vpcmodel.DescribeVpcPeeringConnectionsOutput](t)(c.DescribeVpcPeeringConnections(alice, vpcmodel.DescribeVpcPeeringConnectionsInput{}, t1)).VPCPeeringConnections[0]
	if got := p.RequesterVPCInfo.IPv6CIDRBlocks; len(got) != 1 || got[0].IPv6CIDRBlock != a6 || len(p.AccepterVPCInfo.IPv6CIDRBlocks) != 0 {
		t.Fatalf("pending: requester %+v, accepter %+v", got, p.AccepterVPCInfo.IPv6CIDRBlocks)
	}
	// The requester of a pending request may add no block, IPv6 included.
	_, err := c.AssociateVpcCidrBlock(alice, vpcmodel.AssociateVpcCidrBlockInput{VPCID: a, IPv6Request: amazon}, t1)
	wantCode(t, err, "OperationNotPermitted")
	must[vpcmodel.AcceptVpcPeeringConnectionOutput](t)(c.AcceptVpcPeeringConnection(bob, vpcmodel.AcceptVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, t1))
	for _, r := range []struct {
		who  vpcmodel.Caller
		rtb  string
		dest vpcmodel.RouteDestination
	}{{alice, rtbA, v6(b6)}, {alice, rtbA, v4("10.1.0.0/16")}, {bob, rtbB, v6(a6)}, {bob, rtbB, v4("10.0.0.0/16")}} {
		if err := route(r.who, r.rtb, r.dest, vpcmodel.RouteTarget{VPCPeeringConnectionID: pcx}); err != nil {
			t.Fatalf("route to %+v: %v", r.dest, err)
		}
	}
	t2 := t1.Add(time.Minute)
	if got := routesOf(t, c, bob, rtbB, t2); !slices.Contains(got, a6+" "+pcx+" active") || !slices.Contains(got, "10.0.0.0/16 "+pcx+" active") {
		t.Fatalf("bob's routes %v", got)
	}
	// A block added while active shows on the peer's side; removed, it
	// goes.
	added := must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.AssociateVpcCidrBlock(bob, vpcmodel.AssociateVpcCidrBlockInput{VPCID: b, IPv6Request: amazon}, t2)).IPv6CIDRBlockAssociation.Value
	sides := func(who vpcmodel.Caller) []string {
		p := must[vpcmodel.DescribeVpcPeeringConnectionsOutput](t)(c.DescribeVpcPeeringConnections(who, vpcmodel.DescribeVpcPeeringConnectionsInput{}, t2)).VPCPeeringConnections[0]
		var out []string
		for _, x := range p.AccepterVPCInfo.IPv6CIDRBlocks {
			out = append(out, x.IPv6CIDRBlock)
		}
		return out
	}
	if got := sides(alice); !slices.Equal(got, []string{b6, added.IPv6CIDRBlock}) {
		t.Fatalf("accepter's IPv6 blocks as alice sees them: %v", got)
	}
	must[vpcmodel.AssociateVpcCidrBlockOutput](t)(c.DisassociateVpcCidrBlock(bob, vpcmodel.DisassociateVpcCidrBlockInput{AssociationID: added.AssociationID}, t2))
	if got := sides(bob); !slices.Equal(got, []string{b6}) {
		t.Fatalf("after disassociation: %v", got)
	}
	// Deleting the connection blackholes the routes of both families.
	must[vpcmodel.ReturnOutput](t)(c.DeleteVpcPeeringConnection(alice, vpcmodel.DeleteVpcPeeringConnectionInput{VPCPeeringConnectionID: pcx}, t2))
	if got := routesOf(t, c, alice, rtbA, t2); !slices.Contains(got, b6+" "+pcx+" blackhole") || !slices.Contains(got, "10.1.0.0/16 "+pcx+" blackhole") {
		t.Fatalf("alice's routes after deletion %v", got)
	}
	// Deleting the egress-only gateway blackholes its route.
	must[vpcmodel.DeleteEgressOnlyInternetGatewayOutput](t)(c.DeleteEgressOnlyInternetGateway(alice, vpcmodel.DeleteEgressOnlyInternetGatewayInput{EgressOnlyInternetGatewayID: eigw}, t2))
	if got := routesOf(t, c, alice, rtbA, t2); !slices.Contains(got, "::/0 "+eigw+" blackhole") {
		t.Fatalf("alice's routes after the gateway went %v", got)
	}
}

// TestIPv6RouteQuota fills a table's IPv4 quota and its IPv6 quota apart:
// "enforced separately for IPv4 and IPv6".
func TestIPv6RouteQuota(t *testing.T) {
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{65})})
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16",
		IPv6Request: vpcmodel.IPv6Request{AmazonProvidedIPv6CIDRBlock: true}}, t0)).VPC.VPCID
	igw := must[vpcmodel.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, t0)).InternetGateway.InternetGatewayID
	must[vpcmodel.ReturnOutput](t)(c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: igw, VPCID: v}, t0))
	rtb := mainTableOf(t, c, alice, v, t0)
	add := func(d vpcmodel.RouteDestination) error {
		_, err := c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb, RouteDestination: d, RouteTarget: vpcmodel.RouteTarget{GatewayID: igw}}, t0)
		return err
	}
	for i := range 50 {
		if err := add(vpcmodel.RouteDestination{DestinationCIDRBlock: fmt.Sprintf("192.168.%d.0/24", i)}); err != nil {
			t.Fatalf("IPv4 route %d: %v", i, err)
		}
	}
	wantCode(t, add(vpcmodel.RouteDestination{DestinationCIDRBlock: "192.168.200.0/24"}), "RouteLimitExceeded")
	for i := range 50 {
		if err := add(vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: fmt.Sprintf("2001:db8:%x::/48", i)}); err != nil {
			t.Fatalf("IPv6 route %d beside 50 IPv4 ones: %v", i, err)
		}
	}
	wantCode(t, add(vpcmodel.RouteDestination{DestinationIPv6CIDRBlock: "2001:db8:ff::/48"}), "RouteLimitExceeded")
}
