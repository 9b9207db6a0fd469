package gateway_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/gateway"
)

var (
	epoch     = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	subnetA   = "subnet-0000000000000000a"
	allocA    = "eipalloc-0000000000000000a"
	publicIP  = netip.MustParseAddr("3.208.0.7")
	privateIP = netip.MustParseAddr("10.0.1.25")
)

// goodSpec is a public gateway that provisioning will make available.
func goodSpec() gateway.NATSpec {
	return gateway.NATSpec{OwnerID: owner, VPCID: vpcA, SubnetID: subnetA, AllocationID: allocA, PublicIP: publicIP,
		InternetGateway: true, PrivateIP: privateIP}
}

func TestNATSpecCheck(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*gateway.NATSpec)
		cause error
		code  string
	}{
		{"public", func(*gateway.NATSpec) {}, nil, ""},
		{"explicitly public", func(s *gateway.NATSpec) { s.Connectivity = gateway.Public }, nil, ""},
		{"private", func(s *gateway.NATSpec) {
			s.Connectivity, s.AllocationID, s.PublicIP = gateway.Private, "", netip.Addr{}
		}, nil, ""},
		{"private with an allocation", func(s *gateway.NATSpec) { s.Connectivity = gateway.Private }, gateway.ErrInvalid, "InvalidParameterCombination"},
		{"public without an allocation", func(s *gateway.NATSpec) { s.AllocationID = "" }, gateway.ErrInvalid, "MissingParameter"},
		{"malformed allocation", func(s *gateway.NATSpec) { s.AllocationID = "eipalloc-x" }, gateway.ErrInvalid, "InvalidAllocationID.Malformed"},
		{"unknown connectivity", func(s *gateway.NATSpec) { s.Connectivity = "both" }, gateway.ErrInvalid, "InvalidParameterValue"},
		{"malformed subnet", func(s *gateway.NATSpec) { s.SubnetID = "subnet-x" }, nil, "InvalidSubnetID.Malformed"},
		{"malformed VPC", func(s *gateway.NATSpec) { s.VPCID = "vpc" }, nil, "InvalidVpcID.Malformed"},
		{"malformed owner", func(s *gateway.NATSpec) { s.OwnerID = "x" }, gateway.ErrInvalid, "InvalidParameterValue"},
		{"token of 64", func(s *gateway.NATSpec) { s.ClientToken = string(make([]byte, 64)) }, nil, ""},
		{"token of 65", func(s *gateway.NATSpec) { s.ClientToken = string(make([]byte, 65)) }, gateway.ErrInvalid, "InvalidParameterValue"},
		{"non-ASCII token", func(s *gateway.NATSpec) { s.ClientToken = "é" }, gateway.ErrInvalid, "InvalidParameterValue"},
		{"IPv6 private address", func(s *gateway.NATSpec) { s.PrivateIP = netip.MustParseAddr("2001:db8::1") }, gateway.ErrInvalid, "InvalidParameterValue"},
		{"four in the zone", func(s *gateway.NATSpec) { s.InZone = gateway.NATsPerZone - 1 }, nil, ""},
		{"five in the zone", func(s *gateway.NATSpec) { s.InZone = gateway.NATsPerZone }, gateway.ErrNATLimit, "NatGatewayLimitExceeded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spec := goodSpec()
			tt.edit(&spec)
			err := spec.Check()
			_, cerr := gateway.CreateNAT(spec, epoch, rand.NewChaCha8([32]byte{}))
			if (err == nil) != (cerr == nil) {
				t.Fatalf("Check = %v, CreateNAT = %v", err, cerr)
			}
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Check = %v", err)
				}
				return
			}
			var coded interface{ ErrorCode() string }
			if !errors.As(err, &coded) || coded.ErrorCode() != tt.code || tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Fatalf("Check = %v, want %s", err, tt.code)
			}
		})
	}
}

func TestNATOutcomes(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(*gateway.NATSpec)
		code string // "" when it becomes available
	}{
		{"available", func(*gateway.NATSpec) {}, ""},
		{"private without an internet gateway", func(s *gateway.NATSpec) {
			s.Connectivity, s.AllocationID, s.PublicIP, s.InternetGateway = gateway.Private, "", netip.Addr{}, false
		}, ""},
		{"no free address", func(s *gateway.NATSpec) { s.PrivateIP = netip.Addr{} }, "InsufficientFreeAddressesInSubnet"},
		{"no internet gateway", func(s *gateway.NATSpec) { s.InternetGateway = false }, "Gateway.NotAttached"},
		{"address associated", func(s *gateway.NATSpec) { s.AllocationAssociated = true }, "Resource.AlreadyAssociated"},
		{"the subnet first", func(s *gateway.NATSpec) { s.PrivateIP, s.InternetGateway = netip.Addr{}, false }, "InsufficientFreeAddressesInSubnet"},
		{"then the internet gateway", func(s *gateway.NATSpec) { s.InternetGateway, s.AllocationAssociated = false, true }, "Gateway.NotAttached"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spec := goodSpec()
			tt.edit(&spec)
			g, err := gateway.CreateNAT(spec, epoch, rand.NewChaCha8([32]byte{}))
			if err != nil || g.State() != gateway.NATPending || !g.IsValid() || g.CreateTime() != epoch {
				t.Fatalf("CreateNAT = %+v, %v", g, err)
			}
			if _, ok := g.Failure(); ok {
				t.Fatal("a pending gateway shows its fate")
			}
			if g.HoldsAddresses() != (tt.code == "") || g.IsLive() != (tt.code == "") {
				t.Fatalf("pending: HoldsAddresses %v, IsLive %v", g.HoldsAddresses(), g.IsLive())
			}
			later := epoch.Add(time.Second)
			s := g.Settle(later)
			f, failed := s.Failure()
			if tt.code == "" {
				if s.State() != gateway.NATAvailable || failed || s.NetworkInterfaceID() == "" || s.PrivateIP() != privateIP {
					t.Fatalf("Settle = %+v", s)
				}
				if (spec.Connectivity == gateway.Private) != (s.AssociationID() == "") {
					t.Fatalf("association %q for a %s gateway", s.AssociationID(), s.Connectivity())
				}
				return
			}
			if s.State() != gateway.NATFailed || !failed || f.Code != tt.code || f.Message == "" || s.HoldsAddresses() || s.IsLive() {
				t.Fatalf("Settle = %+v (failure %+v)", s, f)
			}
			if at, ok := s.ExpiresAt(); !ok || !at.Equal(later.Add(gateway.NATRetention)) {
				t.Fatalf("ExpiresAt = %v, %v", at, ok)
			}
			if s.NetworkInterfaceID() != "" || s.PrivateIP().IsValid() || s.AssociationID() != "" {
				t.Fatalf("a failed gateway holds addresses: %+v", s)
			}
			if a := s.Addresses(); len(a) != 1 || a[0].Status != gateway.AddressFailed || a[0].FailureMessage != f.Message {
				t.Fatalf("Addresses = %+v", a)
			}
		})
	}
}

func TestNATMessages(t *testing.T) {
	for _, tt := range []struct {
		edit func(*gateway.NATSpec)
		want string
	}{
		{func(s *gateway.NATSpec) { s.PrivateIP = netip.Addr{} }, "Subnet has insufficient free addresses to create this NAT gateway"},
		{func(s *gateway.NATSpec) { s.InternetGateway = false }, "Network " + vpcA + " has no Internet gateway attached"},
		{func(s *gateway.NATSpec) { s.AllocationAssociated = true }, "Elastic IP address " + allocA + " is already associated"},
	} {
		spec := goodSpec()
		tt.edit(&spec)
		g, _ := gateway.CreateNAT(spec, epoch, rand.NewChaCha8([32]byte{}))
		if f, _ := g.Settle(epoch).Failure(); f.Message != tt.want {
			t.Errorf("FailureMessage = %q, want %q", f.Message, tt.want)
		}
	}
}

func TestNATDelete(t *testing.T) {
	g, _ := gateway.CreateNAT(goodSpec(), epoch, rand.NewChaCha8([32]byte{}))
	av := g.Settle(epoch)
	at := epoch.Add(time.Minute)
	d, err := av.Delete(at)
	if err != nil || d.State() != gateway.NATDeleting || !d.HoldsAddresses() || d.IsLive() {
		t.Fatalf("Delete = %+v, %v", d, err)
	}
	if dt, ok := d.DeleteTime(); !ok || !dt.Equal(at) {
		t.Fatalf("DeleteTime = %v, %v", dt, ok)
	}
	if again, err := d.Delete(at.Add(time.Second)); err != nil || again != d {
		t.Fatalf("Delete of a deleting gateway = %+v, %v", again, err)
	}
	gone := d.Settle(at.Add(time.Second))
	if gone.State() != gateway.NATDeleted || gone.HoldsAddresses() {
		t.Fatalf("Settle = %+v", gone)
	}
	if a := gone.Addresses(); len(a) != 1 || a[0].AssociationID != "" || a[0].PublicIP != publicIP {
		t.Fatalf("deleted Addresses = %+v", a)
	}
	_, err = gone.Delete(at.Add(2 * time.Second))
	wantErr(t, err, gateway.ErrDeleted, "NatGatewayNotFound")
	// The retention boundary: listed until, not at, the hour's end.
	end, _ := gone.ExpiresAt()
	if gone.IsExpired(end.Add(-1)) || !gone.IsExpired(end) || !gone.IsExpired(end.Add(1)) {
		t.Fatal("IsExpired boundary")
	}
	// A failed gateway may be deleted: it passes through deleting.
	spec := goodSpec()
	spec.InternetGateway = false
	f, _ := gateway.CreateNAT(spec, epoch, rand.NewChaCha8([32]byte{}))
	f = f.Settle(epoch)
	fd, err := f.Delete(at)
	if err != nil || fd.State() != gateway.NATDeleting || fd.HoldsAddresses() {
		t.Fatalf("Delete of a failed gateway = %+v, %v", fd, err)
	}
	if fd.Settle(at).State() != gateway.NATDeleted {
		t.Fatal("a failed gateway, deleted, does not reach deleted")
	}
}

func TestNATEncoding(t *testing.T) {
	random := rand.NewChaCha8([32]byte{9})
	var all []gateway.NAT
	for _, edit := range []func(*gateway.NATSpec){
		func(*gateway.NATSpec) {},
		func(s *gateway.NATSpec) {
			s.Connectivity, s.AllocationID, s.PublicIP = gateway.Private, "", netip.Addr{}
		},
		func(s *gateway.NATSpec) { s.InternetGateway = false },
		func(s *gateway.NATSpec) { s.ClientToken = "token-1" },
	} {
		spec := goodSpec()
		edit(&spec)
		g, err := gateway.CreateNAT(spec, epoch, random)
		if err != nil {
			t.Fatal(err)
		}
		s := g.Settle(epoch.Add(time.Second))
		d, _ := s.Delete(epoch.Add(time.Minute))
		all = append(all, g, s, d, d.Settle(epoch.Add(2*time.Minute)))
	}
	for _, g := range all {
		b, err := g.MarshalBinary()
		var back gateway.NAT
		if err != nil || back.UnmarshalBinary(b) != nil || back != g {
			t.Fatalf("round trip of %+v = %+v (%v)\n%s", g, back, err, b)
		}
	}
	if _, err := (gateway.NAT{}).MarshalBinary(); err == nil {
		t.Fatal("the zero NAT encodes")
	}
	for _, bad := range []string{
		`{"v":1,"id":"nat-0000000000000000a","owner":"111122223333","vpc":"vpc-0000000000000000a","subnet":"subnet-0000000000000000a","type":"public","state":"available","created":"2025-06-01T12:00:00Z"}`,
		`{"v":1,"id":"nat-0000000000000000a","owner":"111122223333","vpc":"vpc-0000000000000000a","subnet":"subnet-0000000000000000a","type":"private","eni":"eni-0000000000000000a","privateIp":"10.0.0.9","state":"failed","created":"2025-06-01T12:00:00Z","ended":"2025-06-01T12:00:00Z"}`,
		`{"v":2}`,
	} {
		var g gateway.NAT
		if err := g.UnmarshalBinary([]byte(bad)); err == nil {
			t.Errorf("UnmarshalBinary(%s) accepted", bad)
		}
	}
}
