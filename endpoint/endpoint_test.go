package endpoint_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/endpoint"
)

var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

func service(t *testing.T, short string, typ endpoint.Type) endpoint.Service {
	t.Helper()
	s, ok := endpoint.FindService("us-east-1", endpoint.ServiceName("us-east-1", short), typ)
	if !ok {
		t.Fatalf("no %s service %s", typ, short)
	}
	return s
}

func spec(svc endpoint.Service) endpoint.Spec {
	return endpoint.Spec{OwnerID: "111111111111", Region: "us-east-1", VPCID: "vpc-0a1b2c3d4e5f60718", Service: svc}
}

func TestSpecCheck(t *testing.T) {
	gw, ifc := service(t, "s3", endpoint.Gateway), service(t, "ssm", endpoint.Interface)
	a := endpoint.Placement{SubnetID: "subnet-0a1b2c3d4e5f60711", Zone: "us-east-1a"}
	a2 := endpoint.Placement{SubnetID: "subnet-0a1b2c3d4e5f60712", Zone: "us-east-1a"}
	b := endpoint.Placement{SubnetID: "subnet-0a1b2c3d4e5f60713", Zone: "us-east-1b"}
	with := func(s endpoint.Spec, f func(*endpoint.Spec)) endpoint.Spec { f(&s); return s }
	for _, tt := range []struct {
		name string
		s    endpoint.Spec
		code string
		err  error
	}{
		{"gateway", with(spec(gw), func(s *endpoint.Spec) { s.RouteTableIDs = []string{"rtb-0a1b2c3d4e5f60718"} }), "", nil},
		{"interface in two zones", with(spec(ifc), func(s *endpoint.Spec) { s.Subnets = []endpoint.Placement{a, b}; s.PrivateDNS = true }), "", nil},
		{"no service", spec(endpoint.Service{}), "InvalidServiceName", endpoint.ErrService},
		{"another Region's service", with(spec(gw), func(s *endpoint.Spec) { s.Region = "eu-west-1" }), "InvalidServiceName", endpoint.ErrService},
		{"malformed VPC", with(spec(gw), func(s *endpoint.Spec) { s.VPCID = "vpc-x" }), "InvalidVpcID.Malformed", endpoint.ErrInvalid},
		{"malformed route table", with(spec(gw), func(s *endpoint.Spec) { s.RouteTableIDs = []string{"rtb"} }), "InvalidRouteTableId.Malformed", endpoint.ErrInvalid},
		{"subnets on a gateway", with(spec(gw), func(s *endpoint.Spec) { s.Subnets = []endpoint.Placement{a} }), "InvalidParameter", endpoint.ErrInvalid},
		{"groups on a gateway", with(spec(gw), func(s *endpoint.Spec) { s.GroupIDs = []string{"sg-0a1b2c3d4e5f60718"} }), "InvalidParameter", endpoint.ErrInvalid},
		{"private DNS on a gateway", with(spec(gw), func(s *endpoint.Spec) { s.PrivateDNS = true }), "InvalidParameter", endpoint.ErrInvalid},
		{"route tables on an interface", with(spec(ifc), func(s *endpoint.Spec) { s.RouteTableIDs = []string{"rtb-0a1b2c3d4e5f60718"} }), "InvalidParameter", endpoint.ErrInvalid},
		{"two subnets in one zone", with(spec(ifc), func(s *endpoint.Spec) { s.Subnets = []endpoint.Placement{a, a2} }), "DuplicateSubnetsInSameZone", endpoint.ErrZone},
		{"a zone of another Region", with(spec(ifc), func(s *endpoint.Spec) {
			s.Subnets = []endpoint.Placement{{SubnetID: a.SubnetID, Zone: "eu-west-1a"}}
		}), "InvalidParameter", endpoint.ErrInvalid},
		{"six groups", with(spec(ifc), func(s *endpoint.Spec) {
			for i := range 6 {
				s.GroupIDs = append(s.GroupIDs, "sg-0a1b2c3d4e5f6071"+string(rune('0'+i)))
			}
		}), "InvalidParameter", endpoint.ErrInvalid},
		{"malformed group", with(spec(ifc), func(s *endpoint.Spec) { s.GroupIDs = []string{"group"} }), "InvalidGroupId.Malformed", endpoint.ErrInvalid},
		{"dualstack", with(spec(ifc), func(s *endpoint.Spec) { s.IPAddressType = "dualstack" }), "InvalidParameter", endpoint.ErrInvalid},
		{"inbound-only on another service", with(spec(ifc), func(s *endpoint.Spec) { s.DNS.HasInboundOnly = true }), "InvalidParameter", endpoint.ErrInvalid},
		{"not JSON", with(spec(gw), func(s *endpoint.Spec) { s.Policy = "{" }), "MalformedPolicy", endpoint.ErrPolicy},
		{"a JSON array", with(spec(gw), func(s *endpoint.Spec) { s.Policy = "[]" }), "MalformedPolicy", endpoint.ErrPolicy},
		{"JSON null", with(spec(gw), func(s *endpoint.Spec) { s.Policy = "null" }), "MalformedPolicy", endpoint.ErrPolicy},
		{"too long", with(spec(gw), func(s *endpoint.Spec) { s.Policy = `{"a":"` + strings.Repeat("x", endpoint.MaxPolicy) + `"}` }), "MalformedPolicy", endpoint.ErrPolicy},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Check()
			if tt.err == nil {
				if err != nil {
					t.Fatalf("Check = %v", err)
				}
				return
			}
			var e *endpoint.Error
			if !errors.As(err, &e) || e.ErrorCode() != tt.code || !errors.Is(err, tt.err) {
				t.Fatalf("Check = %v, want %s (%v)", err, tt.code, tt.err)
			}
		})
	}
}

func TestLifecycle(t *testing.T) {
	random := rand.NewChaCha8([32]byte{3})
	s := spec(service(t, "dynamodb", endpoint.Gateway))
	s.RouteTableIDs = []string{"rtb-0a1b2c3d4e5f60719", "rtb-0a1b2c3d4e5f60718", "rtb-0a1b2c3d4e5f60718"}
	e, err := endpoint.Create(s, t0, random)
	if err != nil {
		t.Fatal(err)
	}
	if e.State() != endpoint.Pending || e.Policy() != endpoint.DefaultPolicy ||
		!slices.Equal(e.RouteTableIDs(), []string{"rtb-0a1b2c3d4e5f60718", "rtb-0a1b2c3d4e5f60719"}) || !e.HasRouteTable("rtb-0a1b2c3d4e5f60719") {
		t.Fatalf("Create = %+v", e)
	}
	if _, ok := e.DNS(); ok {
		t.Error("a gateway endpoint has DNS options")
	}
	e = e.Settle()
	if e.State() != endpoint.Available || e.IsDue() {
		t.Fatalf("Settle = %s", e.State())
	}
	if e.Settle().State() != endpoint.Available {
		t.Fatal("an available endpoint moved")
	}
	m, err := e.Modify(service(t, "dynamodb", endpoint.Gateway), endpoint.Modification{RemoveRouteTables: []string{"rtb-0a1b2c3d4e5f60719", "rtb-0a1b2c3d4e5f6071a"},
		Policy: `{"Statement":[]}`})
	if err != nil || !slices.Equal(m.RouteTableIDs(), []string{"rtb-0a1b2c3d4e5f60718"}) || m.Policy() != `{"Statement":[]}` {
		t.Fatalf("Modify = %+v, %v", m, err)
	}
	if !slices.Equal(e.RouteTableIDs(), []string{"rtb-0a1b2c3d4e5f60718", "rtb-0a1b2c3d4e5f60719"}) {
		t.Fatal("Modify changed its receiver")
	}
	d, err := m.Delete(t0.Add(time.Minute))
	if err != nil || d.State() != endpoint.Deleting || !d.IsDue() {
		t.Fatalf("Delete = %+v, %v", d, err)
	}
	if again, err := d.Delete(t0.Add(time.Hour)); err != nil || again.State() != endpoint.Deleting {
		t.Fatalf("deleting twice = %v, %v", again.State(), err)
	}
	if _, err := d.Modify(service(t, "dynamodb", endpoint.Gateway), endpoint.Modification{}); !errors.Is(err, endpoint.ErrState) {
		t.Fatalf("modifying a deleting endpoint = %v", err)
	}
	gone := d.Settle()
	if gone.State() != endpoint.Deleted {
		t.Fatalf("Settle of deleting = %s", gone.State())
	}
	at, ok := gone.ExpiresAt()
	if !ok || !at.Equal(t0.Add(time.Minute+endpoint.DeletedRetention)) {
		t.Fatalf("ExpiresAt = %v, %v", at, ok)
	}
	var ee *endpoint.Error
	if _, err := gone.Delete(t0); !errors.As(err, &ee) || ee.ErrorCode() != "InvalidVpcEndpoint.NotFound" {
		t.Fatalf("deleting a deleted endpoint = %v", err)
	}
}

func TestInterfaceModify(t *testing.T) {
	svc := service(t, "s3", endpoint.Interface)
	s := spec(svc)
	s.Subnets = []endpoint.Placement{{SubnetID: "subnet-0a1b2c3d4e5f60711", Zone: "us-east-1a"}}
	s.GroupIDs = []string{"sg-0a1b2c3d4e5f60711", "sg-0a1b2c3d4e5f60711"}
	s.PrivateDNS = true
	e, err := endpoint.Create(s, t0, rand.NewChaCha8([32]byte{4}))
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := e.DNS(); !ok || !o.HasInboundOnly || o.InboundOnly || o.RecordIPType != "ipv4" || !slices.Equal(e.GroupIDs(), []string{"sg-0a1b2c3d4e5f60711"}) {
		t.Fatalf("Create = %+v", e)
	}
	e, err = e.WithInterface("subnet-0a1b2c3d4e5f60711", "eni-0a1b2c3d4e5f60711")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.WithInterface("subnet-0a1b2c3d4e5f60711", "eni-0a1b2c3d4e5f60712"); err == nil {
		t.Fatal("a second interface in one subnet")
	}
	m, err := e.Modify(svc, endpoint.Modification{AddSubnets: []endpoint.Placement{{SubnetID: "subnet-0a1b2c3d4e5f60713", Zone: "us-east-1b"}},
		RemoveSubnets: []string{"subnet-0a1b2c3d4e5f60711"}, AddGroups: []string{"sg-0a1b2c3d4e5f60712"}, SetDNS: true,
		DNS: endpoint.DNSOptions{InboundOnly: true, HasInboundOnly: true}})
	if err != nil {
		t.Fatal(err)
	}
	if ps := m.Subnets(); len(ps) != 1 || ps[0].SubnetID != "subnet-0a1b2c3d4e5f60713" || ps[0].InterfaceID != "" || len(m.GroupIDs()) != 2 {
		t.Fatalf("Modify = %+v", m)
	}
	if o, _ := m.DNS(); !o.InboundOnly {
		t.Fatal("DNS options not changed")
	}
	back, err := e.Modify(svc, endpoint.Modification{RemoveSubnets: []string{"subnet-0a1b2c3d4e5f60711"},
		AddSubnets: []endpoint.Placement{{SubnetID: "subnet-0a1b2c3d4e5f60711", Zone: "us-east-1a"}}})
	if err != nil || back.Subnets()[0].InterfaceID != "eni-0a1b2c3d4e5f60711" {
		t.Fatalf("a subnet removed and added back = %+v, %v", back.Subnets(), err)
	}
	if _, err := e.Modify(svc, endpoint.Modification{AddRouteTables: []string{"rtb-0a1b2c3d4e5f60718"}}); !errors.Is(err, endpoint.ErrInvalid) {
		t.Fatalf("route tables on an interface endpoint = %v", err)
	}
	if _, err := e.Modify(svc, endpoint.Modification{Policy: "{}", ResetPolicy: true}); !errors.Is(err, endpoint.ErrInvalid) {
		t.Fatalf("a policy and a reset = %v", err)
	}
}

func TestCatalogue(t *testing.T) {
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		ss := endpoint.Services(region)
		if !slices.Equal(mapNames(ss), mapNames(endpoint.Services(region))) {
			t.Fatalf("%s: the catalogue differs between calls", region)
		}
		ids := map[string]bool{}
		for _, s := range ss {
			if ids[s.ID] || !strings.HasPrefix(s.Name, "com.amazonaws."+region+".") || len(s.Zones) == 0 {
				t.Fatalf("%s: service %+v", region, s)
			}
			ids[s.ID] = true
		}
		pls := endpoint.PrefixLists(region)
		if len(pls) != 2 {
			t.Fatalf("%s: prefix lists %+v", region, pls)
		}
		var all []netip.Prefix
		for _, p := range pls {
			if len(p.ID) != len("pl-")+8 || !endpoint.KnownName(region, p.Name) {
				t.Fatalf("%s: prefix list %+v", region, p)
			}
			all = append(all, p.CIDRs...)
		}
		for i, a := range all {
			for _, b := range all[i+1:] {
				if a.Overlaps(b) {
					t.Fatalf("%s: %v overlaps %v", region, a, b)
				}
			}
		}
	}
	if endpoint.Services("nowhere") != nil || endpoint.PrefixLists("nowhere") != nil {
		t.Fatal("a malformed Region has services")
	}
	a, _ := endpoint.PrefixListOf("us-east-1", endpoint.ServiceName("us-east-1", "s3"))
	b, _ := endpoint.PrefixListOf("eu-west-1", endpoint.ServiceName("eu-west-1", "s3"))
	if a.ID == b.ID {
		t.Fatal("two Regions share a prefix list ID")
	}
}

func mapNames(ss []endpoint.Service) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name+"/"+string(s.Type)+"/"+s.ID)
	}
	return out
}

func TestErrorFormat(t *testing.T) {
	err := spec(endpoint.Service{Name: "com.amazonaws.us-east-1.nothing"}).Check()
	if got, want := err.Error(), `endpoint: create: no such endpoint service (input "com.amazonaws.us-east-1.nothing")`; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	var e *endpoint.Error
	if !errors.As(err, &e) || e.ErrorMessage() != "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nothing' does not exist" {
		t.Fatalf("ErrorMessage() = %q", e.ErrorMessage())
	}
	var zero endpoint.Error
	if zero.Error() != "endpoint: : error" || zero.ErrorCode() != "" {
		t.Fatalf("zero Error = %q", zero.Error())
	}
}

func TestEncodingRoundTrip(t *testing.T) {
	svc := service(t, "ecr.dkr", endpoint.Interface)
	s := spec(svc)
	s.Subnets = []endpoint.Placement{{SubnetID: "subnet-0a1b2c3d4e5f60713", Zone: "us-east-1b"}, {SubnetID: "subnet-0a1b2c3d4e5f60711", Zone: "us-east-1a"}}
	s.GroupIDs, s.ClientToken, s.Policy = []string{"sg-0a1b2c3d4e5f60711"}, "tok", `{"Statement":[]}`
	e, err := endpoint.Create(s, t0, rand.NewChaCha8([32]byte{5}))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range e.Subnets() {
		if e, err = e.WithInterface(p.SubnetID, "eni-0a1b2c3d4e5f6071"+string(rune('0'+i))); err != nil {
			t.Fatal(err)
		}
	}
	d, _ := e.Settle().Delete(t0.Add(time.Second))
	for _, x := range []endpoint.Endpoint{e, e.Settle(), d, d.Settle()} {
		b, err := x.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var y endpoint.Endpoint
		if err := y.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%s): %v", b, err)
		}
		b2, _ := y.MarshalBinary()
		if string(b2) != string(b) || y.State() != x.State() || !slices.Equal(y.Subnets(), x.Subnets()) {
			t.Fatalf("round trip: %s, then %s", b, b2)
		}
	}
	// An endpoint whose subnet has no interface cannot be read back.
	b, _ := endpoint.Endpoint{}.MarshalBinary()
	if b != nil {
		t.Fatal("the zero Endpoint encoded")
	}
	fresh, _ := endpoint.Create(s, t0, rand.NewChaCha8([32]byte{5}))
	b, _ = fresh.MarshalBinary()
	var y endpoint.Endpoint
	if err := y.UnmarshalBinary(b); !errors.Is(err, endpoint.ErrEncoding) {
		t.Fatalf("UnmarshalBinary of an endpoint without interfaces = %v", err)
	}
}
