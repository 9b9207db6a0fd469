package vpcmodel_test

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
)

// tagWorld is a Cloud holding one resource of several kinds, a peering
// connection among them, for the caller alice; bob owns a VPC of his own.
type tagWorld struct {
	c     *vpcmodel.Cloud
	ids   []string          // alice's resources
	types map[string]string // resource ID -> DescribeTags resource type
	bobs  string            // bob's VPC
}

func newTagWorld(t testing.TB) tagWorld {
	mustT := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{9})})
	w := tagWorld{c: c, types: map[string]string{}}
	a, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, t0)
	mustT(err)
	b, err := c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.1.0.0/16"}, t0)
	mustT(err)
	s, err := c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: a.VPC.VPCID, CIDRBlock: "10.0.1.0/24"}, t0)
	mustT(err)
	g, err := c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, t0)
	mustT(err)
	p, err := c.CreateVpcPeeringConnection(alice, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: a.VPC.VPCID, PeerVPCID: b.VPC.VPCID}, t0)
	mustT(err)
	o, err := c.CreateVpc(bob, vpcmodel.CreateVpcInput{CIDRBlock: "10.2.0.0/16"}, t0)
	mustT(err)
	w.bobs = o.VPC.VPCID
	for id, typ := range map[string]string{a.VPC.VPCID: "vpc", b.VPC.VPCID: "vpc", s.Subnet.SubnetID: "subnet",
		g.InternetGateway.InternetGatewayID: "internet-gateway", p.VPCPeeringConnection.VPCPeeringConnectionID: "vpc-peering-connection"} {
		w.ids = append(w.ids, id)
		w.types[id] = typ
	}
	slices.Sort(w.ids)
	return w
}

// TestDescribeTagsProperty drives CreateTags and DeleteTags at random and
// checks DescribeTags, whole, filtered and paged, against a map of what
// was set.
func TestDescribeTagsProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := newTagWorld(t)
		model := map[string]map[string]string{} // resource -> key -> value
		keys := []string{"Name", "env", "team", "a/b", "Name2"}
		vals := []string{"", "x", "prod", "dev"}
		for range rapid.IntRange(0, 25).Draw(rt, "ops") {
			ids := rapid.SliceOfNDistinct(rapid.SampledFrom(w.ids), 1, 3, rapid.ID[string]).Draw(rt, "ids")
			if rapid.Bool().Draw(rt, "create") {
				k, v := rapid.SampledFrom(keys).Draw(rt, "key"), rapid.SampledFrom(vals).Draw(rt, "value")
				if _, err := w.c.CreateTags(alice, vpcmodel.CreateTagsInput{ResourceIDs: ids, Tags: []vpcmodel.Tag{{Key: k, Value: v}}}, t0); err != nil {
					rt.Fatal(err)
				}
				for _, id := range ids {
					if model[id] == nil {
						model[id] = map[string]string{}
					}
					model[id][k] = v
				}
				continue
			}
			k := rapid.SampledFrom(keys).Draw(rt, "delkey")
			if _, err := w.c.DeleteTags(alice, vpcmodel.DeleteTagsInput{ResourceIDs: ids, Tags: []vpcmodel.DeleteTagArg{{Key: k}}}, t0); err != nil {
				rt.Fatal(err)
			}
			for _, id := range ids {
				delete(model[id], k)
			}
		}
		// bob's tags never show to alice.
		if _, err := w.c.CreateTags(bob, vpcmodel.CreateTagsInput{ResourceIDs: []string{w.bobs}, Tags: []vpcmodel.Tag{{Key: "Name", Value: "x"}}}, t0); err != nil {
			rt.Fatal(err)
		}
		want := func(keep func(vpcmodel.TagDescription) bool) []vpcmodel.TagDescription {
			var out []vpcmodel.TagDescription
			for id, m := range model {
				for k, v := range m {
					d := vpcmodel.TagDescription{Key: k, Value: v, ResourceID: id, ResourceType: w.types[id]}
					if keep(d) {
						out = append(out, d)
					}
				}
			}
			slices.SortFunc(out, func(a, b vpcmodel.TagDescription) int {
				return cmp.Or(strings.Compare(a.ResourceID, b.ResourceID), strings.Compare(a.Key, b.Key))
			})
			return out
		}
		check := func(name string, fs []vpcmodel.Filter, keep func(vpcmodel.TagDescription) bool) {
			got, err := w.c.DescribeTags(alice, vpcmodel.DescribeTagsInput{Filters: fs}, t0)
			if err != nil {
				rt.Fatalf("%s: %v", name, err)
			}
			if exp := want(keep); !slices.Equal(got.Tags, exp) {
				rt.Fatalf("%s: DescribeTags = %+v, want %+v", name, got.Tags, exp)
			}
		}
		all := func(vpcmodel.TagDescription) bool { return true }
		check("all", nil, all)
		id := rapid.SampledFrom(w.ids).Draw(rt, "filter id")
		check("resource-id", []vpcmodel.Filter{{Name: "resource-id", Values: []string{id}}},
			func(d vpcmodel.TagDescription) bool { return d.ResourceID == id })
		check("resource-id wildcard", []vpcmodel.Filter{{Name: "resource-id", Values: []string{id[:len(id)-3] + "*"}}},
			func(d vpcmodel.TagDescription) bool { return strings.HasPrefix(d.ResourceID, id[:len(id)-3]) })
		typ := w.types[id]
		check("resource-type", []vpcmodel.Filter{{Name: "resource-type", Values: []string{typ}}},
			func(d vpcmodel.TagDescription) bool { return d.ResourceType == typ })
		check("key wildcard", []vpcmodel.Filter{{Name: "key", Values: []string{"Name*"}}},
			func(d vpcmodel.TagDescription) bool { return strings.HasPrefix(d.Key, "Name") })
		check("key and value", []vpcmodel.Filter{{Name: "key", Values: []string{"env", "team"}}, {Name: "value", Values: []string{"prod"}}},
			func(d vpcmodel.TagDescription) bool { return (d.Key == "env" || d.Key == "team") && d.Value == "prod" })
		check("tag:env", []vpcmodel.Filter{{Name: "tag:env", Values: []string{"prod"}}},
			func(d vpcmodel.TagDescription) bool { v, ok := model[d.ResourceID]["env"]; return ok && v == "prod" })

		// Pages of five put together are the whole list.
		var paged []vpcmodel.TagDescription
		pg := vpcmodel.Page{MaxResults: vpcmodel.Some(5)}
		for n := 0; ; n++ {
			got, err := w.c.DescribeTags(alice, vpcmodel.DescribeTagsInput{Page: pg}, t0)
			if err != nil {
				rt.Fatal(err)
			}
			if len(got.Tags) > 5 || n > 30 {
				rt.Fatalf("page %d holds %d tags", n, len(got.Tags))
			}
			paged = append(paged, got.Tags...)
			if got.NextToken == "" {
				break
			}
			pg.NextToken = got.NextToken
		}
		if exp := want(all); !slices.Equal(paged, exp) {
			rt.Fatalf("paged DescribeTags = %+v, want %+v", paged, exp)
		}
	})
}

func TestDescribeTagsRefusals(t *testing.T) {
	w := newTagWorld(t)
	for _, tt := range []struct {
		name string
		in   vpcmodel.DescribeTagsInput
		code string
	}{
		{"unknown filter", vpcmodel.DescribeTagsInput{Filters: []vpcmodel.Filter{{Name: "owner-id", Values: []string{"x"}}}}, "InvalidParameterValue"},
		{"page too small", vpcmodel.DescribeTagsInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(4)}}, "InvalidParameterValue"},
		{"page too large", vpcmodel.DescribeTagsInput{Page: vpcmodel.Page{MaxResults: vpcmodel.Some(1001)}}, "InvalidParameterValue"},
		{"foreign token", vpcmodel.DescribeTagsInput{Page: vpcmodel.Page{NextToken: "dnBjLTAxMjM0NTY3ODlhYmNkZWYw"}}, "InvalidPaginationToken"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.c.DescribeTags(alice, tt.in, t0)
			wantCode(t, err, tt.code)
		})
	}
	// A resource that is not there, or not the caller's, has no tags to list.
	got := must[vpcmodel.DescribeTagsOutput](t)(w.c.DescribeTags(alice, vpcmodel.DescribeTagsInput{
		Filters: []vpcmodel.Filter{{Name: "resource-id", Values: []string{"vpc-0123456789abcdef0", w.bobs, "nonsense"}}}}, t0))
	if len(got.Tags) != 0 {
		t.Fatalf("DescribeTags = %+v, want none", got.Tags)
	}
}
