package endpoint_test

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/endpoint"
)

// TestModifyProperty applies random route table, subnet and group changes
// to endpoints and checks each result against plain set arithmetic:
// (old - removed) + added, one subnet per zone, at most MaxGroups groups,
// a kept subnet keeps its interface, and the receiver is never changed.
func TestModifyProperty(t *testing.T) {
	rtbs := []string{"rtb-0a1b2c3d4e5f60711", "rtb-0a1b2c3d4e5f60712", "rtb-0a1b2c3d4e5f60713"}
	subnets := []endpoint.Placement{{SubnetID: "subnet-0a1b2c3d4e5f60711", Zone: "us-east-1a"},
		{SubnetID: "subnet-0a1b2c3d4e5f60712", Zone: "us-east-1a"}, {SubnetID: "subnet-0a1b2c3d4e5f60713", Zone: "us-east-1b"}}
	groups := []string{"sg-0a1b2c3d4e5f60711", "sg-0a1b2c3d4e5f60712", "sg-0a1b2c3d4e5f60713", "sg-0a1b2c3d4e5f60714",
		"sg-0a1b2c3d4e5f60715", "sg-0a1b2c3d4e5f60716"}
	rapid.Check(t, func(t *rapid.T) {
		gateway := rapid.Bool().Draw(t, "gateway")
		typ, short := endpoint.Interface, "kms"
		if gateway {
			typ, short = endpoint.Gateway, "s3"
		}
		svc, _ := endpoint.FindService("us-east-1", endpoint.ServiceName("us-east-1", short), typ)
		s := endpoint.Spec{OwnerID: "111111111111", Region: "us-east-1", VPCID: "vpc-0a1b2c3d4e5f60718", Service: svc}
		if gateway {
			s.RouteTableIDs = rapid.SliceOfDistinct(rapid.SampledFrom(rtbs), rapid.ID[string]).Draw(t, "tables")
		} else {
			s.Subnets = []endpoint.Placement{subnets[0]}
			s.GroupIDs = []string{groups[0]}
		}
		e, err := endpoint.Create(s, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), rand.NewChaCha8([32]byte{}))
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range e.Subnets() {
			if e, err = e.WithInterface(p.SubnetID, "eni-0a1b2c3d4e5f6071"+string(rune('1'+i))); err != nil {
				t.Fatal(err)
			}
		}
		for range rapid.IntRange(1, 8).Draw(t, "steps") {
			var m endpoint.Modification
			pick := func(from []string, label string) []string {
				return rapid.SliceOfDistinct(rapid.SampledFrom(from), rapid.ID[string]).Draw(t, label)
			}
			if gateway {
				m.AddRouteTables, m.RemoveRouteTables = pick(rtbs, "addTables"), pick(rtbs, "removeTables")
			} else {
				ids := []string{subnets[0].SubnetID, subnets[1].SubnetID, subnets[2].SubnetID}
				for _, id := range pick(ids, "addSubnets") {
					m.AddSubnets = append(m.AddSubnets, subnets[slices.Index(ids, id)])
				}
				m.RemoveSubnets = pick(ids, "removeSubnets")
				m.AddGroups, m.RemoveGroups = pick(groups, "addGroups"), pick(groups, "removeGroups")
			}
			before, _ := e.MarshalBinary()
			next, err := e.Modify(svc, m)
			if after, _ := e.MarshalBinary(); string(after) != string(before) {
				t.Fatal("Modify changed its receiver")
			}
			if gateway {
				want := map[string]bool{}
				for _, r := range e.RouteTableIDs() {
					want[r] = true
				}
				for _, r := range m.RemoveRouteTables {
					delete(want, r)
				}
				for _, r := range m.AddRouteTables {
					want[r] = true
				}
				if err != nil || !slices.Equal(next.RouteTableIDs(), slices.Sorted(maps.Keys(want))) {
					t.Fatalf("tables %v after %+v = %v, %v", e.RouteTableIDs(), m, next.RouteTableIDs(), err)
				}
				e = next
				continue
			}
			wantSubnets := map[string]bool{}
			for _, p := range e.Subnets() {
				wantSubnets[p.SubnetID] = true
			}
			for _, id := range m.RemoveSubnets {
				delete(wantSubnets, id)
			}
			for _, p := range m.AddSubnets {
				wantSubnets[p.SubnetID] = true
			}
			wantGroups := slices.DeleteFunc(e.GroupIDs(), func(g string) bool { return slices.Contains(m.RemoveGroups, g) })
			for _, g := range m.AddGroups {
				if !slices.Contains(wantGroups, g) {
					wantGroups = append(wantGroups, g)
				}
			}
			sameZone := wantSubnets[subnets[0].SubnetID] && wantSubnets[subnets[1].SubnetID]
			switch {
			case sameZone:
				if err == nil {
					t.Fatalf("two subnets of one zone accepted: %+v", next.Subnets())
				}
				continue
			case len(wantGroups) > endpoint.MaxGroups:
				if err == nil {
					t.Fatalf("%d groups accepted", len(wantGroups))
				}
				continue
			case err != nil:
				t.Fatalf("Modify(%+v) = %v", m, err)
			}
			var got []string
			for _, p := range next.Subnets() {
				got = append(got, p.SubnetID)
				for _, old := range e.Subnets() {
					if old.SubnetID == p.SubnetID && old.InterfaceID != p.InterfaceID {
						t.Fatalf("kept subnet %s lost its interface %s", p.SubnetID, old.InterfaceID)
					}
				}
			}
			if !slices.Equal(got, slices.Sorted(maps.Keys(wantSubnets))) || !slices.Equal(next.GroupIDs(), wantGroups) {
				t.Fatalf("after %+v: subnets %v groups %v, want %v %v", m, got, next.GroupIDs(), slices.Sorted(maps.Keys(wantSubnets)), wantGroups)
			}
			// Give new subnets their interfaces, as the Cloud does.
			for i, p := range next.Subnets() {
				if p.InterfaceID == "" {
					if next, err = next.WithInterface(p.SubnetID, "eni-0a1b2c3d4e5f607"+string(rune('a'+i))+"0"); err != nil {
						t.Fatal(err)
					}
				}
			}
			e = next
		}
	})
}
