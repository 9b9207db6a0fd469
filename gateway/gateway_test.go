package gateway_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/gateway"
)

const (
	owner = "111122223333"
	vpcA  = "vpc-0000000000000000a"
	vpcB  = "vpc-0000000000000000b"
)

func wantErr(t interface {
	Helper()
	Fatalf(string, ...any)
}, err error, cause error, code string) {
	t.Helper()
	var ge *gateway.Error
	if !errors.Is(err, cause) || !errors.As(err, &ge) || ge.ErrorCode() != code || ge.ErrorMessage() == "" {
		t.Fatalf("err = %v, want %s wrapping %v", err, code, cause)
	}
}

func TestInternet(t *testing.T) {
	g, err := gateway.CreateInternet(owner, rand.NewChaCha8([32]byte{}))
	if err != nil || !g.IsValid() || g.OwnerID() != owner {
		t.Fatalf("CreateInternet = %+v, %v", g, err)
	}
	if _, ok := g.AttachedVPC(); ok || g.CheckDelete() != nil {
		t.Fatal("a new gateway is attached")
	}
	_, err = g.Detach(vpcA)
	wantErr(t, err, gateway.ErrNotAttached, "Gateway.NotAttached")
	_, err = g.Attach(vpcA, "igw-0123456789abcdef0")
	wantErr(t, err, gateway.ErrVPCHasOne, "InvalidParameterValue")
	_, err = g.Attach("vpc-x", "")
	wantErr(t, err, gateway.ErrInvalid, "InvalidVpcID.Malformed")
	a, err := g.Attach(vpcA, "")
	if v, ok := a.AttachedVPC(); err != nil || !ok || v != vpcA {
		t.Fatalf("Attach = %+v, %v", a, err)
	}
	if _, ok := g.AttachedVPC(); ok {
		t.Fatal("Attach changed its receiver")
	}
	_, err = a.Attach(vpcB, "")
	wantErr(t, err, gateway.ErrAttached, "Resource.AlreadyAssociated")
	_, err = a.Detach(vpcB)
	wantErr(t, err, gateway.ErrNotAttached, "Gateway.NotAttached")
	wantErr(t, a.CheckDelete(), gateway.ErrDependency, "DependencyViolation")
	d, err := a.Detach(vpcA)
	if err != nil || d != g {
		t.Fatalf("Detach = %+v, %v, want %+v", d, err, g)
	}
	for _, v := range []gateway.Internet{g, a} {
		b, _ := v.MarshalBinary()
		var back gateway.Internet
		if err := back.UnmarshalBinary(b); err != nil || back != v {
			t.Fatalf("round trip of %+v = %+v, %v", v, back, err)
		}
	}
	if _, err := gateway.CreateInternet("x", rand.NewChaCha8([32]byte{})); !errors.Is(err, gateway.ErrInvalid) {
		t.Fatalf("CreateInternet(x) = %v", err)
	}
}

func TestEgressOnly(t *testing.T) {
	g, err := gateway.CreateEgressOnly(owner, vpcA, rand.NewChaCha8([32]byte{}))
	if err != nil || g.VPCID() != vpcA || g.OwnerID() != owner || len(g.ID()) != len("eigw-")+17 {
		t.Fatalf("CreateEgressOnly = %+v, %v", g, err)
	}
	b, _ := g.MarshalBinary()
	var back gateway.EgressOnly
	if err := back.UnmarshalBinary(b); err != nil || back != g {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
	if _, err := gateway.CreateEgressOnly(owner, "vpc-x", rand.NewChaCha8([32]byte{})); !errors.Is(err, gateway.ErrInvalid) {
		t.Fatalf("CreateEgressOnly(vpc-x) = %v", err)
	}
}

// TestAttachmentProperty drives an internet gateway through random attach
// and detach calls against a model (the VPC it is attached to, if any, and
// which VPCs already hold another gateway) and checks every refusal.
func TestAttachmentProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, _ := gateway.CreateInternet(owner, rand.NewChaCha8([32]byte{}))
		model := ""
		others := map[string]string{vpcB: "igw-0123456789abcdef0"} // vpcB has another gateway
		vpcs := []string{vpcA, vpcB, "vpc-0000000000000000c"}
		t.Repeat(map[string]func(*rapid.T){
			"attach": func(t *rapid.T) {
				v := rapid.SampledFrom(vpcs).Draw(t, "vpc")
				next, err := g.Attach(v, others[v])
				switch {
				case model != "":
					wantErr(t, err, gateway.ErrAttached, "Resource.AlreadyAssociated")
				case others[v] != "":
					wantErr(t, err, gateway.ErrVPCHasOne, "InvalidParameterValue")
				case err != nil:
					t.Fatalf("Attach(%s) = %v", v, err)
				default:
					g, model = next, v
				}
			},
			"detach": func(t *rapid.T) {
				v := rapid.SampledFrom(vpcs).Draw(t, "vpc")
				next, err := g.Detach(v)
				if model != v {
					wantErr(t, err, gateway.ErrNotAttached, "Gateway.NotAttached")
					return
				}
				if err != nil {
					t.Fatalf("Detach(%s) = %v", v, err)
				}
				g, model = next, ""
			},
			"": func(t *rapid.T) {
				v, ok := g.AttachedVPC()
				if v != model || ok != (model != "") || (g.CheckDelete() == nil) != (model == "") {
					t.Fatalf("gateway attached to %q (%v), model says %q", v, ok, model)
				}
			},
		})
	})
}
