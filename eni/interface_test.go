package eni_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"

	"github.com/vpclab/vpcmodel/eni"
	"github.com/vpclab/vpcmodel/zone"
)

var (
	mustAddr   = netip.MustParseAddr
	mustPrefix = netip.MustParsePrefix
)

func spec(cidr string) eni.Spec {
	z, _ := zone.Find("us-east-1", "us-east-1a")
	return eni.Spec{OwnerID: "111122223333", Region: "us-east-1", SubnetID: "subnet-0123456789abcdef0",
		VPCID: "vpc-0123456789abcdef0", Zone: z, SubnetCIDR: mustPrefix(cidr), Groups: []string{"sg-0123456789abcdef0"}}
}

func inUse(addrs ...string) func(netip.Addr) bool {
	set := map[netip.Addr]bool{}
	for _, a := range addrs {
		set[mustAddr(a)] = true
	}
	return func(a netip.Addr) bool { return set[a] }
}

func TestCreate(t *testing.T) {
	tests := []struct {
		name   string
		mod    func(*eni.Spec)
		want   string // the address, when created
		cause  error
		code   string
		random int // bytes the random source holds
	}{
		{name: "first free address", mod: func(s *eni.Spec) {}, want: "10.0.1.4"},
		{name: "skips those in use", mod: func(s *eni.Spec) { s.InUse = inUse("10.0.1.4", "10.0.1.5") }, want: "10.0.1.6"},
		{name: "given", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("10.0.1.200") }, want: "10.0.1.200"},
		{name: "last usable", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("10.0.1.254") }, want: "10.0.1.254"},
		{name: "network address", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("10.0.1.0") }, cause: eni.ErrAddress, code: "InvalidParameterValue"},
		{name: "router, DNS, reserved", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("10.0.1.3") }, cause: eni.ErrAddress, code: "InvalidParameterValue"},
		{name: "broadcast", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("10.0.1.255") }, cause: eni.ErrAddress, code: "InvalidParameterValue"},
		{name: "outside", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("10.0.2.9") }, cause: eni.ErrAddress, code: "InvalidParameterValue"},
		{name: "IPv6", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("2001:db8::1") }, cause: eni.ErrInvalid, code: "InvalidParameterValue"},
		{name: "in use", mod: func(s *eni.Spec) { s.PrivateIP = mustAddr("10.0.1.9"); s.InUse = inUse("10.0.1.9") }, cause: eni.ErrInUse, code: "InvalidIPAddress.InUse"},
		{name: "full", mod: func(s *eni.Spec) {
			s.SubnetCIDR = mustPrefix("10.0.1.0/29")
			s.InUse = inUse("10.0.1.4", "10.0.1.5", "10.0.1.6")
		}, cause: eni.ErrFull, code: "InsufficientFreeAddressesInSubnet"},
		{name: "no group", mod: func(s *eni.Spec) { s.Groups = nil }, cause: eni.ErrInvalid, code: "InvalidParameterValue"},
		{name: "malformed group", mod: func(s *eni.Spec) { s.Groups = []string{"sg-zz"} }, cause: eni.ErrInvalid, code: "InvalidGroupId.Malformed"},
		{name: "six groups", mod: func(s *eni.Spec) {
			s.Groups = []string{"sg-00000001", "sg-00000002", "sg-00000003", "sg-00000004", "sg-00000005", "sg-00000006"}
		}, cause: eni.ErrGroups, code: "SecurityGroupsPerInterfaceLimitExceeded"},
		{name: "duplicate groups count once", mod: func(s *eni.Spec) {
			s.Groups = []string{"sg-00000001", "sg-00000002", "sg-00000003", "sg-00000004", "sg-00000005", "sg-00000001"}
		}, want: "10.0.1.4"},
		{name: "long description", mod: func(s *eni.Spec) { s.Description = strings.Repeat("x", 256) }, cause: eni.ErrInvalid, code: "InvalidParameterValue"},
		{name: "zone of another Region", mod: func(s *eni.Spec) { s.Region = "us-west-2" }, cause: eni.ErrInvalid, code: "InvalidParameterValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := spec("10.0.1.0/24")
			tt.mod(&s)
			counting := &countReader{r: rand.NewChaCha8([32]byte{7})}
			i, err := eni.Create(s, counting)
			if tt.cause != nil {
				var e *eni.Error
				if !errors.Is(err, tt.cause) || !errors.As(err, &e) || e.ErrorCode() != tt.code || e.ErrorMessage() == "" {
					t.Fatalf("Create(%+v) = %v, want %v with code %s", s, err, tt.cause, tt.code)
				}
				if counting.n != 0 {
					t.Fatalf("a refused Create read %d random bytes", counting.n)
				}
				if err2 := s.Check(); err2 != nil && !errors.Is(err2, tt.cause) && !errors.Is(tt.cause, eni.ErrFull) {
					t.Fatalf("Check = %v, Create = %v", err2, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Create = %v", err)
			}
			if got := i.PrivateIP().String(); got != tt.want {
				t.Fatalf("PrivateIP() = %s, want %s", got, tt.want)
			}
			if !i.SourceDestCheck() || i.Status() != "available" || i.NumGroups() == 0 || !strings.HasPrefix(i.ID(), "eni-") {
				t.Fatalf("new interface %+v", i)
			}
			if _, ok := i.PublicIP(); ok {
				t.Fatal("a new interface has a public address")
			}
		})
	}
}

type countReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countReader) Read(b []byte) (int, error) { n, err := c.r.Read(b); c.n += n; return n, err }

func newInterface(t *testing.T) eni.Interface {
	t.Helper()
	i, err := eni.Create(spec("10.0.1.0/24"), rand.NewChaCha8([32]byte{1}))
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func TestModify(t *testing.T) {
	i := newInterface(t)
	j, err := i.WithGroups([]string{"sg-00000002", "sg-00000001", "sg-00000002"})
	if err != nil || !j.HasGroup("sg-00000001") || j.NumGroups() != 2 || j.Group(0) != "sg-00000002" {
		t.Fatalf("WithGroups = %v, %v", j.Groups(), err)
	}
	if i.HasGroup("sg-00000001") {
		t.Fatal("WithGroups changed its receiver")
	}
	if _, err := i.WithGroups(nil); !errors.Is(err, eni.ErrInvalid) {
		t.Fatalf("WithGroups(nil) = %v, want ErrInvalid", err)
	}
	if k := i.WithSourceDestCheck(false); k.SourceDestCheck() || !i.SourceDestCheck() {
		t.Fatal("WithSourceDestCheck(false)")
	}
	if _, err := i.WithDescription(strings.Repeat("d", 256)); !errors.Is(err, eni.ErrInvalid) {
		t.Fatalf("WithDescription(256 chars) = %v", err)
	}
	for _, a := range []string{"10.1.2.3", "192.168.0.1", "127.0.0.1", "224.0.0.1", "169.254.1.1", "2001:db8::1", "0.0.0.0"} {
		if _, err := i.WithPublicIP(mustAddr(a)); !errors.Is(err, eni.ErrAddress) {
			t.Errorf("WithPublicIP(%s) = %v, want ErrAddress", a, err)
		}
	}
	p, err := i.WithPublicIP(mustAddr("3.4.5.6"))
	if a, ok := p.PublicIP(); err != nil || !ok || a != mustAddr("3.4.5.6") {
		t.Fatalf("WithPublicIP(3.4.5.6) = %v, %v", a, err)
	}
	if q, _ := p.WithPublicIP(netip.Addr{}); func() bool { _, ok := q.PublicIP(); return ok }() {
		t.Fatal("WithPublicIP(zero) kept the address")
	}
}

func TestNames(t *testing.T) {
	i := newInterface(t)
	if got := i.PrivateDNSName(); got != "ip-10-0-1-4.ec2.internal" {
		t.Errorf("PrivateDNSName() = %q", got)
	}
	s := spec("10.0.1.0/24")
	s.Region = "eu-west-1"
	s.Zone, _ = zone.Find("eu-west-1", "eu-west-1a")
	j, err := eni.Create(s, rand.NewChaCha8([32]byte{1}))
	if err != nil {
		t.Fatal(err)
	}
	if got := j.PrivateDNSName(); got != "ip-10-0-1-4.eu-west-1.compute.internal" {
		t.Errorf("PrivateDNSName() = %q", got)
	}
	if m := i.MACAddress(); len(m) != 17 || !strings.HasPrefix(m, "02:") || m != i.MACAddress() {
		t.Errorf("MACAddress() = %q", m)
	}
	var zero eni.Interface
	if zero.MACAddress() != "" || zero.PrivateDNSName() != "" || zero.Status() != "" || zero.IsValid() {
		t.Error("the zero Interface has names")
	}
}

func TestErrorMessage(t *testing.T) {
	s := spec("10.0.1.0/24")
	s.PrivateIP = mustAddr("10.0.1.4")
	s.InUse = inUse("10.0.1.4")
	_, err := eni.Create(s, rand.NewChaCha8([32]byte{}))
	if got, want := err.Error(), `eni: create: address already in use (input "10.0.1.4")`; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
}

// TestManaged checks a NAT gateway's interface: requester-managed, in use,
// without groups or source/destination check, and its encoding's round
// trip; and the refusals of a spec that is not well formed.
func TestManaged(t *testing.T) {
	z, _ := zone.Find("us-east-1", "us-east-1a")
	ms := eni.ManagedSpec{ID: "eni-0123456789abcdef0", Type: eni.TypeNATGateway, OwnerID: "111122223333", Region: "us-east-1",
		VPCID: "vpc-0123456789abcdef0", SubnetID: "subnet-0123456789abcdef0", Zone: z, PrivateIP: mustAddr("10.0.1.5"),
		PublicIP: mustAddr("3.4.5.6"), Description: "Interface for NAT Gateway nat-0123456789abcdef0"}
	i, err := eni.Managed(ms)
	if err != nil {
		t.Fatal(err)
	}
	if pub, _ := i.PublicIP(); i.Type() != eni.TypeNATGateway || !i.RequesterManaged() || i.Status() != eni.StatusInUse || i.NumGroups() != 0 ||
		i.SourceDestCheck() || pub != ms.PublicIP || i.PrivateIP() != ms.PrivateIP {
		t.Fatalf("Managed = %+v", i)
	}
	b, err := i.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var j eni.Interface
	if err := j.UnmarshalBinary(b); err != nil || j.Type() != eni.TypeNATGateway || !j.RequesterManaged() {
		t.Fatalf("round trip of %s: %+v, %v", b, j, err)
	}
	if b2, _ := j.MarshalBinary(); string(b2) != string(b) {
		t.Fatalf("round trip:\n%s\n%s", b, b2)
	}
	if plain, _ := eni.Create(spec("10.0.1.0/24"), rand.NewChaCha8([32]byte{})); plain.Type() != eni.TypeInterface || plain.RequesterManaged() {
		t.Fatalf("a plain interface: %s, managed %v", plain.Type(), plain.RequesterManaged())
	}
	for name, f := range map[string]func(*eni.ManagedSpec){
		"bad ID":         func(s *eni.ManagedSpec) { s.ID = "nat-0123" },
		"bad type":       func(s *eni.ManagedSpec) { s.Type = eni.TypeInterface },
		"bad subnet":     func(s *eni.ManagedSpec) { s.SubnetID = "10.0.1.0/24" },
		"no address":     func(s *eni.ManagedSpec) { s.PrivateIP = netip.Addr{} },
		"private public": func(s *eni.ManagedSpec) { s.PublicIP = mustAddr("10.9.9.9") },
	} {
		s := ms
		f(&s)
		if _, err := eni.Managed(s); err == nil {
			t.Errorf("%s: Managed(%+v) accepted", name, s)
		}
	}
}
