package vpcmodel_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/zone"
)

func TestCreateDefaultVpc(t *testing.T) {
	c := newWireCloud()
	out, err := c.CreateDefaultVpc(wireCaller, vpcmodel.CreateDefaultVpcInput{}, wireNow)
	if err != nil {
		t.Fatalf("CreateDefaultVpc: %v", err)
	}
	v := out.VPC
	if !v.IsDefault || v.CIDRBlock != "172.31.0.0/16" || v.State != "pending" {
		t.Fatalf("CreateDefaultVpc = %+v, want a pending default VPC of 172.31.0.0/16", v)
	}
	_, err = c.CreateDefaultVpc(wireCaller, vpcmodel.CreateDefaultVpcInput{}, wireNow)
	wantErrCode(t, err, "DefaultVpcAlreadyExists")

	// Another Region of the same account has none yet.
	west := vpcmodel.Caller{Account: wireCaller.Account, Region: "us-west-2"}
	if _, err := c.CreateDefaultVpc(west, vpcmodel.CreateDefaultVpcInput{}, wireNow); err != nil {
		t.Fatalf("CreateDefaultVpc in a second Region: %v", err)
	}

	// Found by both spellings of the filter; a plain VPC is not.
	if _, err := c.CreateVpc(wireCaller, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, wireNow); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"is-default", "isDefault"} {
		d, err := c.DescribeVpcs(wireCaller, vpcmodel.DescribeVpcsInput{Filters: []vpcmodel.Filter{{Name: name, Values: []string{"true"}}}}, wireNow)
		if err != nil || len(d.VPCs) != 1 || d.VPCs[0].VPCID != v.VPCID || d.VPCs[0].State != "available" {
			t.Errorf("DescribeVpcs %s=true = %+v, %v; want the default VPC only, available", name, d.VPCs, err)
		}
	}
	attr, err := c.DescribeVpcAttribute(wireCaller, vpcmodel.DescribeVpcAttributeInput{VPCID: v.VPCID, Attribute: "enableDnsHostnames"}, wireNow)
	if err != nil || !attr.EnableDNSHostnames.Value.Value {
		t.Errorf("default VPC's enableDnsHostnames = %+v, %v; want true", attr, err)
	}

	// One default /20 per zone, in order, public on launch.
	subs, err := c.DescribeSubnets(wireCaller, vpcmodel.DescribeSubnetsInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{v.VPCID}}, {Name: "default-for-az", Values: []string{"true"}}}}, wireNow)
	if err != nil {
		t.Fatal(err)
	}
	zs := zone.InRegion(wireCaller.Region)
	if len(subs.Subnets) != len(zs) {
		t.Fatalf("%d default subnets, want one per zone (%d)", len(subs.Subnets), len(zs))
	}
	byZone := map[string]vpcmodel.Subnet{}
	for _, s := range subs.Subnets {
		if !s.DefaultForAZ || !s.MapPublicIPOnLaunch || s.AvailableIPAddressCount != 4096-5 {
			t.Errorf("default subnet %+v: want DefaultForAz, MapPublicIpOnLaunch and 4091 free addresses", s)
		}
		byZone[s.AvailabilityZone] = s
	}
	for i, z := range zs {
		want := netip.PrefixFrom(netip.AddrFrom4([4]byte{172, 31, byte(16 * i), 0}), 20).String()
		if got := byZone[z.Name].CIDRBlock; got != want {
			t.Errorf("default subnet of %s is %q, want %s", z.Name, got, want)
		}
	}

	// The main route table sends 0.0.0.0/0 to the attached internet gateway.
	igws, err := c.DescribeInternetGateways(wireCaller, vpcmodel.DescribeInternetGatewaysInput{Filters: []vpcmodel.Filter{
		{Name: "attachment.vpc-id", Values: []string{v.VPCID}}}}, wireNow)
	if err != nil || len(igws.InternetGateways) != 1 {
		t.Fatalf("internet gateways of the default VPC: %+v, %v; want one", igws, err)
	}
	igw := igws.InternetGateways[0].InternetGatewayID
	rts, err := c.DescribeRouteTables(wireCaller, vpcmodel.DescribeRouteTablesInput{Filters: []vpcmodel.Filter{
		{Name: "vpc-id", Values: []string{v.VPCID}}, {Name: "association.main", Values: []string{"true"}}}}, wireNow)
	if err != nil || len(rts.RouteTables) != 1 {
		t.Fatalf("main route table: %+v, %v", rts, err)
	}
	if !slices.ContainsFunc(rts.RouteTables[0].Routes, func(r vpcmodel.Route) bool {
		return r.DestinationCIDRBlock == "0.0.0.0/0" && r.GatewayID == igw && r.State == "active"
	}) {
		t.Errorf("main table routes %+v: want 0.0.0.0/0 to %s, active", rts.RouteTables[0].Routes, igw)
	}

	// A zone holds one default subnet; deleting it frees its /20 again.
	first := byZone[zs[0].Name]
	_, err = c.CreateDefaultSubnet(wireCaller, vpcmodel.CreateDefaultSubnetInput{AvailabilityZone: zs[0].Name}, wireNow)
	wantErrCode(t, err, "DefaultSubnetAlreadyExistsInAvailabilityZone")
	if _, err := c.DeleteSubnet(wireCaller, vpcmodel.DeleteSubnetInput{SubnetID: first.SubnetID}, wireNow); err != nil {
		t.Fatal(err)
	}
	again, err := c.CreateDefaultSubnet(wireCaller, vpcmodel.CreateDefaultSubnetInput{AvailabilityZoneID: zs[0].ID}, wireNow)
	if err != nil || again.Subnet.CIDRBlock != first.CIDRBlock || !again.Subnet.DefaultForAZ {
		t.Errorf("CreateDefaultSubnet after deleting %s = %+v, %v; want the same /20 back", first.CIDRBlock, again.Subnet, err)
	}
	_, err = c.CreateDefaultSubnet(wireCaller, vpcmodel.CreateDefaultSubnetInput{AvailabilityZone: zs[0].Name, AvailabilityZoneID: zs[0].ID}, wireNow)
	wantErrCode(t, err, "InvalidParameterCombination")

	// Without a default VPC there is no default subnet to make.
	other := vpcmodel.Caller{Account: "222222222222", Region: wireCaller.Region}
	_, err = c.CreateDefaultSubnet(other, vpcmodel.CreateDefaultSubnetInput{AvailabilityZone: zs[0].Name}, wireNow)
	wantErrCode(t, err, "DefaultVpcDoesNotExist")

	// The default VPC and its subnets survive the encoding.
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back := newWireCloud()
	if _, err := back.ReadFrom(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatalf("ReadFrom: %v", err)
	}
	var again2 bytes.Buffer
	if _, err := back.WriteTo(&again2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again2.Bytes()) {
		t.Error("a Cloud with a default VPC does not encode the same after a round trip")
	}
	d, err := back.DescribeSubnets(wireCaller, vpcmodel.DescribeSubnetsInput{SubnetIDs: []string{again.Subnet.SubnetID}}, wireNow)
	if err != nil || len(d.Subnets) != 1 || !d.Subnets[0].DefaultForAZ || !d.Subnets[0].MapPublicIPOnLaunch {
		t.Errorf("default subnet after a round trip: %+v, %v", d.Subnets, err)
	}
}

// failAfter is a random source that fails once n bytes have been read.
type failAfter struct {
	r io.Reader
	n int
}

func (f *failAfter) Read(b []byte) (int, error) {
	if f.n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if len(b) > f.n {
		b = b[:f.n]
	}
	n, err := f.r.Read(b)
	f.n -= n
	return n, err
}

// TestCreateDefaultVpcAllOrNothing makes the random source fail at every
// byte CreateDefaultVpc reads: each refusal leaves the Cloud as it was.
func TestCreateDefaultVpcAllOrNothing(t *testing.T) {
	encode := func(c *vpcmodel.Cloud) []byte {
		var b bytes.Buffer
		if _, err := c.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	refused := 0
	for n := 0; ; n++ {
		src := &failAfter{r: rand.NewChaCha8([32]byte{1}), n: 1 << 30}
		c := vpcmodel.New(vpcmodel.Options{Random: src})
		if _, err := c.CreateVpc(wireCaller, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, wireNow); err != nil {
			t.Fatal(err)
		}
		before := encode(c)
		src.n = n
		_, err := c.CreateDefaultVpc(wireCaller, vpcmodel.CreateDefaultVpcInput{}, wireNow)
		if err == nil {
			if refused == 0 {
				t.Fatal("CreateDefaultVpc never read the random source")
			}
			break
		}
		refused++
		if after := encode(c); !bytes.Equal(before, after) {
			t.Fatalf("CreateDefaultVpc refused after %d random bytes (%v) but changed the Cloud:\n%s\n---\n%s", n, err, before, after)
		}
	}
}
