package eip_test

import (
	"errors"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/vpclab/vpcmodel/eip"
)

const (
	owner  = "111122223333"
	region = "us-east-1"
)

func seeded(b byte) *rand.ChaCha8 { return rand.NewChaCha8([32]byte{b}) }

func wantErr(t interface {
	Helper()
	Fatalf(string, ...any)
}, err, cause error, code string) {
	t.Helper()
	var e *eip.Error
	if !errors.Is(err, cause) || !errors.As(err, &e) || e.ErrorCode() != code || e.ErrorMessage() == "" {
		t.Fatalf("err = %v, want %s wrapping %v", err, code, cause)
	}
}

func TestAllocate(t *testing.T) {
	pool := eip.AmazonPool()
	taken := netip.MustParseAddr("3.208.0.9")
	isTaken := func(a netip.Addr) bool { return a == taken }
	base := eip.Spec{OwnerID: owner, Region: region}
	for _, tt := range []struct {
		name  string
		spec  func(s eip.Spec) eip.Spec
		cause error
		code  string
	}{
		{"defaults", func(s eip.Spec) eip.Spec { return s }, nil, ""},
		{"explicit defaults", func(s eip.Spec) eip.Spec {
			s.Domain, s.PublicIPv4Pool, s.NetworkBorderGroup = "vpc", "amazon", region
			return s
		}, nil, ""},
		{"standard domain", func(s eip.Spec) eip.Spec { s.Domain = "standard"; return s }, eip.ErrInvalid, "InvalidParameterValue"},
		{"other pool", func(s eip.Spec) eip.Spec { s.PublicIPv4Pool = "ipv4pool-ec2-012345"; return s }, eip.ErrInvalid, "InvalidParameterValue"},
		{"other border group", func(s eip.Spec) eip.Spec { s.NetworkBorderGroup = "us-west-2"; return s }, eip.ErrInvalid, "InvalidParameterValue"},
		{"bad owner", func(s eip.Spec) eip.Spec { s.OwnerID = "1"; return s }, eip.ErrInvalid, "InvalidParameterValue"},
		{"address not an address", func(s eip.Spec) eip.Spec { s.Address = "3.208.0.x"; return s }, eip.ErrInvalid, "InvalidParameterValue"},
		{"address outside the pool", func(s eip.Spec) eip.Spec { s.Address = "203.0.113.7"; return s }, eip.ErrNotFound, "InvalidAddress.NotFound"},
		{"address taken", func(s eip.Spec) eip.Spec { s.Address = taken.String(); return s }, eip.ErrNotFound, "InvalidAddress.NotFound"},
		{"address free", func(s eip.Spec) eip.Spec { s.Address = "3.208.0.10"; return s }, nil, ""},
		{"at the default quota", func(s eip.Spec) eip.Spec { s.Held = eip.DefaultQuota; return s }, eip.ErrQuota, "AddressLimitExceeded"},
		{"below the default quota", func(s eip.Spec) eip.Spec { s.Held = eip.DefaultQuota - 1; return s }, nil, ""},
		{"at a raised quota", func(s eip.Spec) eip.Spec { s.Held, s.Quota = 9, 9; return s }, eip.ErrQuota, "AddressLimitExceeded"},
		{"below a raised quota", func(s eip.Spec) eip.Spec { s.Held, s.Quota = 8, 9; return s }, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spec := tt.spec(base)
			random := seeded(1)
			a, err := eip.Allocate(spec, pool, isTaken, random)
			if tt.cause != nil {
				wantErr(t, err, tt.cause, tt.code)
				if err := spec.Check(pool, isTaken); err == nil {
					t.Fatal("Check accepts what Allocate refuses")
				}
				if n, _ := random.Read(make([]byte, 1)); n != 1 || a.IsValid() {
					t.Fatal("a refused Allocate returned an address")
				}
				return
			}
			if err != nil || spec.Check(pool, isTaken) != nil {
				t.Fatalf("Allocate(%+v) = %v", spec, err)
			}
			if !a.IsValid() || a.OwnerID() != owner || a.Region() != region || a.Domain() != "vpc" ||
				a.PublicIPv4Pool() != "amazon" || a.NetworkBorderGroup() != region || !pool.Contains(a.PublicIP()) || a.PublicIP() == taken {
				t.Fatalf("Allocate = %+v", a)
			}
			if spec.Address != "" && a.PublicIP().String() != spec.Address {
				t.Fatalf("Allocate took %v, asked for %s", a.PublicIP(), spec.Address)
			}
			if _, ok := a.Association(); ok {
				t.Fatal("a new address is associated")
			}
			// Pure: the same random stream gives the same address.
			b, _ := eip.Allocate(spec, pool, isTaken, seeded(1))
			if a != b {
				t.Fatalf("Allocate is not a function of its inputs: %+v, %+v", a, b)
			}
		})
	}
}

func TestAssociation(t *testing.T) {
	a, err := eip.Allocate(eip.Spec{OwnerID: owner, Region: region}, eip.AmazonPool(), nil, seeded(2))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.CheckRelease(); err != nil {
		t.Fatalf("CheckRelease of a free address = %v", err)
	}
	user := eip.Association{ID: "eipassoc-0123456789abcdef0", NetworkInterfaceID: "eni-0123456789abcdef0",
		NetworkInterfaceOwnerID: owner, PrivateIP: netip.MustParseAddr("10.0.0.5")}
	nat := user
	nat.ID, nat.Managed = "eipassoc-0123456789abcdef1", true
	_, err = a.Associate(eip.Association{ID: "x"})
	wantErr(t, err, eip.ErrInvalid, "InvalidParameterValue")

	u, err := a.Associate(user)
	if got, ok := u.Association(); err != nil || !ok || got != user {
		t.Fatalf("Associate = %+v, %v", got, err)
	}
	if _, ok := a.Association(); ok {
		t.Fatal("Associate changed its receiver")
	}
	_, err = u.Associate(nat)
	wantErr(t, err, eip.ErrAssociated, "Resource.AlreadyAssociated")
	wantErr(t, u.CheckRelease(), eip.ErrInUse, "InvalidIPAddress.InUse")
	if d, err := u.Disassociate(); err != nil || d != a {
		t.Fatalf("Disassociate = %+v, %v", d, err)
	}

	n, _ := a.Associate(nat)
	wantErr(t, n.CheckRelease(), eip.ErrManaged, "AuthFailure")
	_, err = n.Disassociate()
	wantErr(t, err, eip.ErrManaged, "AuthFailure")
	if d := n.DisassociateByService(); d != a {
		t.Fatalf("DisassociateByService = %+v", d)
	}
	// Disassociating an address with no association changes nothing.
	if d, err := a.Disassociate(); err != nil || d != a {
		t.Fatalf("Disassociate of a free address = %+v, %v", d, err)
	}

	for _, v := range []eip.Address{a, u, n} {
		b, err := v.MarshalBinary()
		var back eip.Address
		if err != nil || back.UnmarshalBinary(b) != nil || back != v {
			t.Fatalf("round trip of %+v = %+v (%v)", v, back, err)
		}
	}
	if _, err := (eip.Address{}).MarshalBinary(); err == nil {
		t.Fatal("the zero Address encodes")
	}
}

// TestErrorFormat pins the message format of *eip.Error.
func TestErrorFormat(t *testing.T) {
	a, _ := eip.Allocate(eip.Spec{OwnerID: owner, Region: region}, eip.AmazonPool(), nil, seeded(3))
	n, _ := a.Associate(eip.Association{ID: "eipassoc-0123456789abcdef0", NetworkInterfaceID: "eni-0123456789abcdef0",
		NetworkInterfaceOwnerID: owner, PrivateIP: netip.MustParseAddr("10.0.0.5"), Managed: true})
	err := n.CheckRelease()
	want := "eip: release " + a.AllocationID() + `: address is held by a service (input "eni-0123456789abcdef0")`
	if err == nil || err.Error() != want {
		t.Fatalf("Error() = %v, want %s", err, want)
	}
	var zero eip.Error
	if zero.Error() != "eip: : error" || zero.ErrorMessage() != "" || zero.Unwrap() != nil {
		t.Fatalf("zero Error = %q", zero.Error())
	}
}

func TestPool(t *testing.T) {
	mp := netip.MustParsePrefix
	p, err := eip.NewPool(mp("198.51.100.0/30"), mp("192.0.2.0/29"))
	if err != nil || p.Len() != 2+6 {
		t.Fatalf("NewPool = %v, %v (len %d)", p, err, p.Len())
	}
	for a, want := range map[string]bool{"198.51.100.0": false, "198.51.100.1": true, "198.51.100.2": true, "198.51.100.3": false,
		"192.0.2.1": true, "192.0.2.6": true, "192.0.2.7": false, "10.0.0.1": false, "::1": false} {
		if got := p.Contains(netip.MustParseAddr(a)); got != want {
			t.Errorf("Contains(%s) = %v, want %v", a, got, want)
		}
	}
	for _, bad := range [][]netip.Prefix{{mp("10.0.0.0/31")}, {mp("2001:db8::/64")}, {mp("10.0.0.0/7")}, {mp("10.0.0.0/24"), mp("10.0.0.128/25")}, {{}}} {
		if _, err := eip.NewPool(bad...); !errors.Is(err, eip.ErrInvalid) {
			t.Errorf("NewPool(%v) = %v, want ErrInvalid", bad, err)
		}
	}
	// Every address once, then exhaustion.
	seen := map[netip.Addr]bool{}
	random := seeded(4)
	for range p.Len() {
		a, err := p.Draw(random, func(a netip.Addr) bool { return seen[a] })
		if err != nil || seen[a] || !p.Contains(a) {
			t.Fatalf("Draw = %v, %v (seen %v)", a, err, seen)
		}
		seen[a] = true
	}
	_, err = p.Draw(random, func(a netip.Addr) bool { return seen[a] })
	wantErr(t, err, eip.ErrExhausted, "InsufficientAddressCapacity")
	_, err = eip.Pool{}.Draw(random, nil)
	wantErr(t, err, eip.ErrExhausted, "InsufficientAddressCapacity")
	if _, err := p.Draw(failing{}, nil); err == nil || errors.Is(err, eip.ErrExhausted) {
		t.Fatalf("Draw from a failing reader = %v", err)
	}
	if eip.AmazonPool().Len() < 1<<20 {
		t.Fatalf("the amazon pool holds %d addresses", eip.AmazonPool().Len())
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("no entropy") }
