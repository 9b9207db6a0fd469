package vpcmodel_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel"
)

// natViews returns what alice sees of NAT gateways, addresses, subnets and
// route tables at now.
func natViews(t *testing.T, c *vpcmodel.Cloud, now time.Time) string {
	t.Helper()
	d := &driver{callers: []vpcmodel.Caller{alice}}
	return d.views(c, now)
}

// roundTrip writes c and reads it into a new Cloud with a copy of random.
func roundTrip(t *testing.T, c *vpcmodel.Cloud, random *rand.ChaCha8) (*vpcmodel.Cloud, string) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	state, _ := random.MarshalBinary()
	r2 := rand.NewChaCha8([32]byte{})
	if err := r2.UnmarshalBinary(state); err != nil {
		t.Fatal(err)
	}
	c2 := vpcmodel.New(vpcmodel.Options{Random: r2})
	if _, err := c2.ReadFrom(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatalf("ReadFrom: %v\n%s", err, buf.String())
	}
	var again bytes.Buffer
	if _, err := c2.WriteTo(&again); err != nil || again.String() != buf.String() {
		t.Fatalf("the restored Cloud writes other bytes (%v)", err)
	}
	return c2, buf.String()
}

// TestEncodeNATGateways writes a Cloud with NAT gateways in every state
// and addresses free and held, at the moments a step is still owed
// (pending, deleting), reads it back, and checks that both answer alike
// now and after the steps and the retention have passed.
func TestEncodeNATGateways(t *testing.T) {
	random := rand.NewChaCha8([32]byte{8})
	c := vpcmodel.New(vpcmodel.Options{Random: random})
	now := t0
	v := must[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)).VPC.VPCID
	s := must[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: v, CIDRBlock: "10.0.1.0/24"}, now)).Subnet.SubnetID
	igw := must[vpcmodel.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, now)).InternetGateway.InternetGatewayID
	alloc := func() string {
		return must[vpcmodel.AllocateAddressOutput](t)(c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{
			TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "elastic-ip", Tags: []vpcmodel.Tag{{Key: "k", Value: "v"}}}}}, now)).AllocationID
	}
	nat := func(in vpcmodel.CreateNatGatewayInput) string {
		return must[vpcmodel.CreateNatGatewayOutput](t)(c.CreateNatGateway(alice, in, now)).NATGateway.NATGatewayID
	}
	a1, a2, _ := alloc(), alloc(), alloc()
	failed := nat(vpcmodel.CreateNatGatewayInput{SubnetID: s, AllocationID: a1}) // no internet gateway yet
	must[vpcmodel.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: igw, VPCID: v}, now))
	now = now.Add(10 * time.Minute)
	live := nat(vpcmodel.CreateNatGatewayInput{SubnetID: s, AllocationID: a1, ClientToken: "a"})
	priv := nat(vpcmodel.CreateNatGatewayInput{SubnetID: s, ConnectivityType: "private",
		TagSpecifications: []vpcmodel.TagSpecification{{ResourceType: "natgateway", Tags: []vpcmodel.Tag{{Key: "Name", Value: "p"}}}}})
	gone := nat(vpcmodel.CreateNatGatewayInput{SubnetID: s, AllocationID: a2})
	now = now.Add(time.Minute)
	must[vpcmodel.DeleteNatGatewayOutput](t)(c.DeleteNatGateway(alice, vpcmodel.DeleteNatGatewayInput{NATGatewayID: gone}, now))
	rtb := must[vpcmodel.CreateRouteTableOutput](t)(c.CreateRouteTable(alice, vpcmodel.CreateRouteTableInput{VPCID: v}, now)).RouteTable.RouteTableID
	must[vpcmodel.CreateRouteOutput](t)(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "0.0.0.0/0"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: live}}, now))
	must[vpcmodel.CreateRouteOutput](t)(c.CreateRoute(alice, vpcmodel.CreateRouteInput{RouteTableID: rtb,
		RouteDestination: vpcmodel.RouteDestination{DestinationCIDRBlock: "192.0.2.0/24"}, RouteTarget: vpcmodel.RouteTarget{NATGatewayID: priv}}, now))
	// A snapshot owes one step at most: a call settles everything owed.
	check := func(later []time.Duration, states ...string) string {
		t.Helper()
		c2, stream := roundTrip(t, c, random)
		for _, kind := range []string{"natGateway\t", "address\t"} {
			if !strings.Contains(stream, "\n"+kind) {
				t.Fatalf("the stream has no %s record:\n%s", kind, stream)
			}
		}
		for _, st := range states {
			if !strings.Contains(stream, `"state":"`+st+`"`) {
				t.Fatalf("no gateway %s in the stream", st)
			}
		}
		for _, at := range later {
			when := now.Add(at)
			if a, b := natViews(t, c, when), natViews(t, c2, when); a != b {
				t.Fatalf("views differ at +%v:\n%s\n---\n%s", at, a, b)
			}
		}
		return stream
	}
	must[vpcmodel.DeleteNatGatewayOutput](t)(c.DeleteNatGateway(alice, vpcmodel.DeleteNatGatewayInput{NATGatewayID: priv}, now))
	check([]time.Duration{0}, "failed", "available", "deleted", "deleting")
	pending := nat(vpcmodel.CreateNatGatewayInput{SubnetID: s, ConnectivityType: "private"})
	// The retention ends: for the failed gateway at 49 minutes from now,
	// the deleted ones at 60.
	stream := check([]time.Duration{0, time.Second, 49*time.Minute - 1, 49 * time.Minute, time.Hour, 2 * time.Hour},
		"failed", "available", "deleted", "pending")
	for _, id := range []string{failed, live, priv, gone, pending} {
		if !strings.Contains(stream, `"id":"`+id+`"`) {
			t.Fatalf("gateway %s not in the stream", id)
		}
	}

	// Refused streams: each reference a gateway or address depends on.
	re := func(pattern, repl string) string { return regexp.MustCompile(pattern).ReplaceAllString(stream, repl) }
	assocOf := regexp.MustCompile(`,"assoc":\{[^}]*\}`)
	firstIP := regexp.MustCompile(`"ip":"(3|18|34|44|52|54|100)\.[0-9.]+"`)
	for _, tt := range []struct{ name, stream string }{
		{"an address without its gateway's association", assocOf.ReplaceAllString(stream, "")},
		{"a gateway's subnet missing", re(`(?m)^subnet\t.*\n`, "")},
		{"an address twice", re(`"ip":"(3|18|34|44|52|54|100)\.[0-9.]+"`, `"ip":"3.208.0.9"`)},
		{"an address outside the pool", strings.Replace(stream, firstIP.FindString(stream), `"ip":"198.51.100.7"`, 1)},
		{"a gateway of another owner", re(`(?m)^natGateway\t111111111111`, "natGateway\t222222222222")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stream == stream {
				t.Fatal("the edit changed nothing")
			}
			_, err := vpcmodel.New(vpcmodel.Options{}).ReadFrom(strings.NewReader(tt.stream))
			if !errors.Is(err, vpcmodel.ErrEncoding) {
				t.Fatalf("ReadFrom = %v, want ErrEncoding", err)
			}
		})
	}
}
