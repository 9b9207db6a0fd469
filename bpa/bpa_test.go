package bpa_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/bpa"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func src() *rand.ChaCha8 { return rand.NewChaCha8([32]byte{3}) }

func spec() bpa.Spec {
	return bpa.Spec{OwnerID: "111111111111", Region: "us-east-1", Kind: bpa.KindVPC, ResourceID: "vpc-0123456789abcdef0", Mode: bpa.AllowEgress}
}

func code(err error) string {
	var e *bpa.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestOptions(t *testing.T) {
	o := bpa.DefaultOptions()
	if o.Mode != bpa.ModeOff || o.State != bpa.StateDefault || !o.IsValid() {
		t.Fatalf("DefaultOptions = %+v", o)
	}
	if _, err := o.Modify("on", t0); code(err) != "InvalidParameterValue" {
		t.Errorf("Modify(on) = %v, want InvalidParameterValue", err)
	}
	m, err := o.Modify(bpa.ModeBlockIngress, t0)
	if err != nil || m.State != bpa.StateUpdateInProgress || m.Mode != bpa.ModeBlockIngress || !m.Updated.Equal(t0) {
		t.Fatalf("Modify = %+v, %v", m, err)
	}
	if s := m.Settle(); s.State != bpa.StateUpdateComplete || s.Mode != bpa.ModeBlockIngress {
		t.Errorf("Settle = %+v", s)
	}
	if o.Settle() != o {
		t.Error("settling the default options changed them")
	}
}

func TestExclusionRefusals(t *testing.T) {
	bad := []struct {
		name string
		edit func(*bpa.Spec)
	}{
		{"owner", func(s *bpa.Spec) { s.OwnerID = "1" }},
		{"region", func(s *bpa.Spec) { s.Region = "mars" }},
		{"vpc id", func(s *bpa.Spec) { s.ResourceID = "subnet-0123456789abcdef0" }},
		{"subnet id", func(s *bpa.Spec) { s.Kind = bpa.KindSubnet }},
		{"kind", func(s *bpa.Spec) { s.Kind = "instance" }},
		{"mode", func(s *bpa.Spec) { s.Mode = "allow-ingress" }},
	}
	for _, c := range bad {
		s := spec()
		c.edit(&s)
		if _, err := bpa.Create(s, t0, src()); code(err) != "InvalidParameterValue" {
			t.Errorf("%s: Create = %v, want InvalidParameterValue", c.name, err)
		}
	}
	e, err := bpa.Create(spec(), t0, src())
	if err != nil {
		t.Fatal(err)
	}
	if !bpa.IsExclusionID(e.ID()) || e.ARN() != "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0123456789abcdef0" {
		t.Errorf("exclusion %s, ARN %s", e.ID(), e.ARN())
	}
	// Nothing changes an exclusion whose creation is still in progress.
	if _, err := e.Modify(bpa.AllowBidirectional, t0); code(err) != "IncorrectState" {
		t.Errorf("Modify while create-in-progress = %v, want IncorrectState", err)
	}
	if _, err := e.Delete(t0); code(err) != "IncorrectState" {
		t.Errorf("Delete while create-in-progress = %v, want IncorrectState", err)
	}
	if _, err := e.Settle().Modify("allow", t0); code(err) != "InvalidParameterValue" {
		t.Errorf("Modify(allow) = %v, want InvalidParameterValue", err)
	}
}

// TestAllows checks the whole truth table, written out by hand from the
// VPC User Guide's description of the modes: traffic of an interface, and
// traffic of a NAT gateway.
func TestAllows(t *testing.T) {
	type row struct {
		mode           bpa.Mode
		ex             bpa.ExclusionMode
		out, in_       bool // an interface's traffic
		natOut, natIn_ bool // a NAT gateway's
	}
	table := []row{
		{bpa.ModeOff, "", true, true, true, true},
		{bpa.ModeOff, bpa.AllowEgress, true, true, true, true},
		{bpa.ModeOff, bpa.AllowBidirectional, true, true, true, true},
		{bpa.ModeBlockBidirectional, "", false, false, false, false},
		{bpa.ModeBlockBidirectional, bpa.AllowEgress, true, false, true, false},
		{bpa.ModeBlockBidirectional, bpa.AllowBidirectional, true, true, true, true},
		{bpa.ModeBlockIngress, "", false, false, true, false},
		{bpa.ModeBlockIngress, bpa.AllowEgress, true, false, true, false},
		{bpa.ModeBlockIngress, bpa.AllowBidirectional, true, true, true, true},
	}
	for _, r := range table {
		o := bpa.Options{Mode: r.mode, State: bpa.StateUpdateComplete, Updated: t0}
		for _, c := range []struct {
			outbound, nat, want bool
		}{{true, false, r.out}, {false, false, r.in_}, {true, true, r.natOut}, {false, true, r.natIn_}} {
			if got := bpa.Allows(o, r.ex, c.outbound, c.nat); got != c.want {
				t.Errorf("Allows(%s, %q, outbound %v, nat %v) = %v, want %v", r.mode, r.ex, c.outbound, c.nat, got, c.want)
			}
		}
	}
}

// TestExclusionLifecycle runs random sequences of actions and time against
// a model of three fields: the mode, whether a change is pending, and
// when the exclusion was deleted.
func TestExclusionLifecycle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, err := bpa.Create(spec(), t0, src())
		if err != nil {
			t.Fatal(err)
		}
		type model struct {
			mode    bpa.ExclusionMode
			phase   string // the last change: "create", "update" or "delete"
			pending bool
			deleted time.Time
			updated time.Time
		}
		m := model{mode: bpa.AllowEgress, phase: "create", pending: true, updated: t0}
		now := t0
		for range rapid.IntRange(0, 30).Draw(t, "steps") {
			now = now.Add(time.Duration(rapid.IntRange(0, 40).Draw(t, "minutes")) * time.Minute)
			switch rapid.IntRange(0, 2).Draw(t, "action") {
			case 0:
				e, m.pending = e.Settle(), false
			case 1:
				mode := rapid.SampledFrom([]bpa.ExclusionMode{bpa.AllowEgress, bpa.AllowBidirectional}).Draw(t, "mode")
				next, err := e.Modify(mode, now)
				if want := !m.pending && m.deleted.IsZero(); (err == nil) != want {
					t.Fatalf("Modify with pending=%v deleted=%v: %v", m.pending, !m.deleted.IsZero(), err)
				}
				if err == nil {
					e, m.mode, m.phase, m.pending, m.updated = next, mode, "update", true, now
				} else if next != e {
					t.Fatal("a refused Modify changed the exclusion")
				}
			case 2:
				next, err := e.Delete(now)
				if want := !m.pending && m.deleted.IsZero(); (err == nil) != want {
					t.Fatalf("Delete with pending=%v deleted=%v: %v", m.pending, !m.deleted.IsZero(), err)
				}
				if err == nil {
					e, m.phase, m.pending, m.deleted, m.updated = next, "delete", true, now, now
				}
			}
			want := bpa.State(m.phase + "-complete")
			if m.pending {
				want = bpa.State(m.phase + "-in-progress")
			}
			if e.State() != want {
				t.Fatalf("state %s, model says %s (%+v)", e.State(), want, m)
			}
			if e.Mode() != m.mode || e.IsLive() != m.deleted.IsZero() || !e.Updated().Equal(m.updated) {
				t.Fatalf("exclusion %s %s live=%v updated %v; model %+v", e.Mode(), e.State(), e.IsLive(), e.Updated(), m)
			}
			if gone := e.Gone(now); gone != (!m.deleted.IsZero() && now.Sub(m.deleted) >= bpa.DeletedRetention) {
				t.Fatalf("Gone(%v) = %v with deletion at %v", now, gone, m.deleted)
			}
			// Every reachable exclusion encodes and decodes to itself.
			b, err := e.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var back bpa.Exclusion
			if err := back.UnmarshalBinary(b); err != nil || back != e {
				t.Fatalf("round trip of %s: %v", b, err)
			}
		}
	})
}

func FuzzExclusionUnmarshal(f *testing.F) {
	e, _ := bpa.Create(spec(), t0, src())
	b, _ := e.MarshalBinary()
	f.Add(b)
	d, _ := e.Settle().Delete(t0.Add(time.Minute))
	b, _ = d.MarshalBinary()
	f.Add(b)
	o, _ := bpa.DefaultOptions().Modify(bpa.ModeBlockIngress, t0)
	b, _ = o.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var e bpa.Exclusion
		if err := e.UnmarshalBinary(data); err == nil {
			again, err := e.MarshalBinary()
			if err != nil {
				t.Fatalf("a decoded exclusion does not encode: %v", err)
			}
			var e2 bpa.Exclusion
			if err := e2.UnmarshalBinary(again); err != nil || e2 != e {
				t.Fatalf("re-decoding %s: %v", again, err)
			}
		}
		var o bpa.Options
		if err := o.UnmarshalBinary(data); err == nil {
			again, _ := o.MarshalBinary()
			if !bytes.Equal(again, mustMarshal(t, o)) || !o.IsValid() {
				t.Fatal("options decode to something invalid")
			}
		}
	})
}

func mustMarshal(t *testing.T, o bpa.Options) []byte {
	b, err := o.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
