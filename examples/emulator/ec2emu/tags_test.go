package ec2emu_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestTags(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v := e.newVPC(c, "10.1.0.0/16")
	rtb := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &v})).RouteTable.RouteTableId)
	tg := func(kv ...string) []types.Tag {
		var out []types.Tag
		for i := 0; i < len(kv); i += 2 {
			out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
		}
		return out
	}
	tagsOf := func(id string) map[string]string {
		o := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}}))
		m := map[string]string{}
		for _, x := range o.Vpcs[0].Tags {
			m[aws.ToString(x.Key)] = aws.ToString(x.Value)
		}
		return m
	}
	must[*ec2.CreateTagsOutput](t)(c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{v, rtb}, Tags: tg("a", "1", "b", "2", "c", "3")}))
	must[*ec2.CreateTagsOutput](t)(c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{v}, Tags: tg("a", "one")}))
	if got := fmt.Sprint(tagsOf(v)); got != "map[a:one b:2 c:3]" {
		t.Fatalf("tags = %s", got)
	}
	// DeleteTags: by key; by key and value (a mismatch keeps the tag).
	must[*ec2.DeleteTagsOutput](t)(c.DeleteTags(e.ctx, &ec2.DeleteTagsInput{Resources: []string{v},
		Tags: []types.Tag{{Key: aws.String("b")}, {Key: aws.String("c"), Value: aws.String("wrong")}}}))
	if got := fmt.Sprint(tagsOf(v)); got != "map[a:one c:3]" {
		t.Fatalf("after DeleteTags: %s", got)
	}
	rt := must[*ec2.DescribeRouteTablesOutput](t)(c.DescribeRouteTables(e.ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{{Name: aws.String("tag:b"), Values: []string{"2"}}}}))
	if len(rt.RouteTables) != 1 || aws.ToString(rt.RouteTables[0].RouteTableId) != rtb {
		t.Fatalf("route table tags: %+v", rt.RouteTables)
	}

	many := make([]types.Tag, 51)
	for i := range many {
		many[i] = types.Tag{Key: aws.String(fmt.Sprintf("k%02d", i)), Value: aws.String("v")}
	}
	for _, tt := range []struct {
		name string
		in   ec2.CreateTagsInput
		code string
	}{
		{"reserved prefix", ec2.CreateTagsInput{Resources: []string{v}, Tags: tg("aws:x", "1")}, "InvalidTagKey.Malformed"},
		{"empty key", ec2.CreateTagsInput{Resources: []string{v}, Tags: tg("", "1")}, "InvalidTagKey.Malformed"},
		{"too many", ec2.CreateTagsInput{Resources: []string{v}, Tags: many}, "TagLimitExceeded"},
		{"unknown vpc", ec2.CreateTagsInput{Resources: []string{v, "vpc-0123456789abcdef0"}, Tags: tg("d", "4")}, "InvalidVpcID.NotFound"},
		{"unknown kind", ec2.CreateTagsInput{Resources: []string{"bogus-1"}, Tags: tg("d", "4")}, "InvalidParameterValue"},
		{"another account's vpc", ec2.CreateTagsInput{Resources: []string{e.newVPC(e.client(bob, "us-east-1"), "10.2.0.0/16")}, Tags: tg("d", "4")}, "InvalidVpcID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.CreateTags(e.ctx, &tt.in)
			wantCode(t, err, tt.code)
		})
	}
	// A refused CreateTags changed nothing, not even the resources before the bad one.
	if got := fmt.Sprint(tagsOf(v)); got != "map[a:one c:3]" {
		t.Fatalf("after refusals: %s", got)
	}
	_, err := c.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.3.0.0/16"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSubnet, Tags: tg("a", "1")}}})
	wantCode(t, err, "InvalidParameterValue")
	// DeleteTags without Tag removes them all.
	must[*ec2.DeleteTagsOutput](t)(c.DeleteTags(e.ctx, &ec2.DeleteTagsInput{Resources: []string{v}}))
	if got := tagsOf(v); len(got) != 0 {
		t.Fatalf("after DeleteTags without Tag: %v", got)
	}
}

// TestDescribeTagsSDK reads tags back by DescribeTags as Terraform's
// aws_ec2_tag does (resource-id and key filters), pages with the SDK's
// paginator, and sees only the caller's own tags.
func TestDescribeTagsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v := e.newVPC(c, "10.1.0.0/16")
	rtb := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(c.CreateRouteTable(e.ctx, &ec2.CreateRouteTableInput{VpcId: &v})).RouteTable.RouteTableId)
	var tags []types.Tag
	for i := range 7 {
		tags = append(tags, types.Tag{Key: aws.String(fmt.Sprintf("k%d", i)), Value: aws.String(fmt.Sprint(i))})
	}
	must[*ec2.CreateTagsOutput](t)(c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{v, rtb}, Tags: tags}))
	other := e.newVPC(e.client(bob, "us-east-1"), "10.2.0.0/16")
	must[*ec2.CreateTagsOutput](t)(e.client(bob, "us-east-1").CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{other}, Tags: tags[:1]}))

	one := must[*ec2.DescribeTagsOutput](t)(c.DescribeTags(e.ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{
		{Name: aws.String("resource-id"), Values: []string{rtb}}, {Name: aws.String("key"), Values: []string{"k3"}}}}))
	if len(one.Tags) != 1 || aws.ToString(one.Tags[0].ResourceId) != rtb || one.Tags[0].ResourceType != types.ResourceTypeRouteTable ||
		aws.ToString(one.Tags[0].Key) != "k3" || aws.ToString(one.Tags[0].Value) != "3" {
		t.Fatalf("DescribeTags(resource-id, key) = %+v", one.Tags)
	}
	var all []types.TagDescription
	p := ec2.NewDescribeTagsPaginator(c, &ec2.DescribeTagsInput{MaxResults: aws.Int32(5)})
	for p.HasMorePages() {
		all = append(all, must[*ec2.DescribeTagsOutput](t)(p.NextPage(e.ctx)).Tags...)
	}
	if len(all) != 14 {
		t.Fatalf("paged DescribeTags holds %d tags, want 14: %+v", len(all), all)
	}
	for _, d := range all {
		if id := aws.ToString(d.ResourceId); id != v && id != rtb {
			t.Fatalf("alice sees a tag of %s", id)
		}
	}
	_, err := c.DescribeTags(e.ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{{Name: aws.String("nonsense"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")
}
