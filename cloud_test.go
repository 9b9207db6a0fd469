package vpcmodel_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vpclab/vpcmodel"
)

var (
	wireCaller = vpcmodel.Caller{Account: "111111111111", Region: "us-east-1"}
	wireNow    = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	// The Name tags put on the resources, in creation order.
	wireNames = []string{"web-1", "web-2", "db-1", "web-10", "db-2", "cache", "web-3", "db-3", "web-4", "db-4", "web-5", "*"}
)

// describer is one Describe action seen the same way as every other: a
// world of resources to list and a call that lists their IDs.
type describer struct {
	name string
	// make creates len(wireNames) resources for wireCaller, tags each with
	// its Name, and returns their IDs in creation order.
	make func(t *testing.T, c *vpcmodel.Cloud) []string
	list func(c *vpcmodel.Cloud, ids []string, fs []vpcmodel.Filter, pg vpcmodel.Page) ([]string, string, error)
}

func newWireCloud() *vpcmodel.Cloud {
	return vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{7})})
}

func makeVPCs(t *testing.T, c *vpcmodel.Cloud) []string {
	t.Helper()
	var ids []string
	for i := range wireNames {
		out, err := c.CreateVpc(wireCaller, vpcmodel.CreateVpcInput{CIDRBlock: fmt.Sprintf("10.%d.0.0/16", i)}, wireNow)
		if err != nil {
			t.Fatalf("CreateVpc: %v", err)
		}
		ids = append(ids, out.VPC.VPCID)
	}
	tagNames(t, c, ids)
	return ids
}

func tagNames(t *testing.T, c *vpcmodel.Cloud, ids []string) {
	t.Helper()
	for i, id := range ids {
		in := vpcmodel.CreateTagsInput{ResourceIDs: []string{id}, Tags: []vpcmodel.Tag{{Key: "Name", Value: wireNames[i]}}}
		if _, err := c.CreateTags(wireCaller, in, wireNow); err != nil {
			t.Fatalf("CreateTags(%s): %v", id, err)
		}
	}
}

var describers = []describer{
	{
		name: "DescribeVpcs",
		make: makeVPCs,
		list: func(c *vpcmodel.Cloud, ids []string, fs []vpcmodel.Filter, pg vpcmodel.Page) ([]string, string, error) {
			out, err := c.DescribeVpcs(wireCaller, vpcmodel.DescribeVpcsInput{VPCIDs: ids, Filters: fs, Page: pg}, wireNow)
			var got []string
			for _, v := range out.VPCs {
				got = append(got, v.VPCID)
			}
			return got, out.NextToken, err
		},
	},
	{
		name: "DescribeVpcPeeringConnections",
		make: func(t *testing.T, c *vpcmodel.Cloud) []string {
			t.Helper()
			// One more VPC than connections, each peered with the extra one.
			vpcs := makeVPCs(t, c)
			hub, err := c.CreateVpc(wireCaller, vpcmodel.CreateVpcInput{CIDRBlock: "10.200.0.0/16"}, wireNow)
			if err != nil {
				t.Fatalf("CreateVpc: %v", err)
			}
			var ids []string
			for _, v := range vpcs {
				out, err := c.CreateVpcPeeringConnection(wireCaller, vpcmodel.CreateVpcPeeringConnectionInput{VPCID: hub.VPC.VPCID, PeerVPCID: v}, wireNow)
				if err != nil {
					t.Fatalf("CreateVpcPeeringConnection: %v", err)
				}
				ids = append(ids, out.VPCPeeringConnection.VPCPeeringConnectionID)
			}
			tagNames(t, c, ids)
			return ids
		},
		list: func(c *vpcmodel.Cloud, ids []string, fs []vpcmodel.Filter, pg vpcmodel.Page) ([]string, string, error) {
			out, err := c.DescribeVpcPeeringConnections(wireCaller,
				vpcmodel.DescribeVpcPeeringConnectionsInput{VPCPeeringConnectionIDs: ids, Filters: fs, Page: pg}, wireNow)
			var got []string
			for _, p := range out.VPCPeeringConnections {
				got = append(got, p.VPCPeeringConnectionID)
			}
			return got, out.NextToken, err
		},
	},
	{
		name: "DescribeNetworkInterfaces",
		make: func(t *testing.T, c *vpcmodel.Cloud) []string {
			t.Helper()
			v, err := c.CreateVpc(wireCaller, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, wireNow)
			if err != nil {
				t.Fatal(err)
			}
			s, err := c.CreateSubnet(wireCaller, vpcmodel.CreateSubnetInput{VPCID: v.VPC.VPCID, CIDRBlock: "10.0.1.0/24"}, wireNow)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for range wireNames {
				o, err := c.CreateNetworkInterface(wireCaller, vpcmodel.CreateNetworkInterfaceInput{SubnetID: s.Subnet.SubnetID}, wireNow)
				if err != nil {
					t.Fatalf("CreateNetworkInterface: %v", err)
				}
				ids = append(ids, o.NetworkInterface.NetworkInterfaceID)
			}
			tagNames(t, c, ids)
			return ids
		},
		list: func(c *vpcmodel.Cloud, ids []string, fs []vpcmodel.Filter, pg vpcmodel.Page) ([]string, string, error) {
			out, err := c.DescribeNetworkInterfaces(wireCaller, vpcmodel.DescribeNetworkInterfacesInput{NetworkInterfaceIDs: ids, Filters: fs, Page: pg}, wireNow)
			var got []string
			for _, v := range out.NetworkInterfaces {
				got = append(got, v.NetworkInterfaceID)
			}
			return got, out.NextToken, err
		},
	},
}

type codedError interface {
	ErrorCode() string
	ErrorMessage() string
}

// TestDescribeWireRules checks the rules Cloud applies to every Describe
// action's parameters (spec B.4 and C.2), on DescribeVpcs and
// DescribeVpcPeeringConnections alike: MaxResults, NextToken, filter names,
// tag filters with EC2's wildcards, and explicit IDs.
func TestDescribeWireRules(t *testing.T) {
	maxResults := vpcmodel.Some[int]
	names := func(pat ...string) []vpcmodel.Filter {
		return []vpcmodel.Filter{{Name: "tag:Name", Values: pat}}
	}
	tests := []struct {
		name    string
		ids     []int // explicit IDs, as indexes into the resources made
		filters []vpcmodel.Filter
		page    vpcmodel.Page
		want    []int // indexes of the resources listed, in any order
		next    bool  // whether a NextToken follows
		code    string
		message string
	}{
		{name: "MaxResults absent lists everything", want: all(len(wireNames))},
		{name: "MaxResults 4, one below the bound", page: vpcmodel.Page{MaxResults: maxResults(4)},
			code: "InvalidParameterValue", message: "Value ( 4 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000."},
		{name: "MaxResults 3", page: vpcmodel.Page{MaxResults: maxResults(3)},
			code: "InvalidParameterValue", message: "Value ( 3 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000."},
		{name: "MaxResults 0", page: vpcmodel.Page{MaxResults: maxResults(0)},
			code: "InvalidParameterValue", message: "Value ( 0 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000."},
		{name: "MaxResults 1001, one above the bound", page: vpcmodel.Page{MaxResults: maxResults(1001)},
			code: "InvalidParameterValue", message: "Value ( 1001 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000."},
		{name: "MaxResults 5, the lower bound", page: vpcmodel.Page{MaxResults: maxResults(5)}, want: nil, next: true},
		{name: "MaxResults 1000, the upper bound", page: vpcmodel.Page{MaxResults: maxResults(1000)}, want: all(len(wireNames))},
		{name: "NextToken that is not a token", page: vpcmodel.Page{NextToken: "!!!"},
			code: "InvalidPaginationToken", message: "Invalid pagination token: !!!"},
		{name: "NextToken that is not a token, with MaxResults", page: vpcmodel.Page{MaxResults: maxResults(5), NextToken: "%%%"},
			code: "InvalidPaginationToken", message: "Invalid pagination token: %%%"},
		{name: "a well-formed NextToken no Describe issued", page: vpcmodel.Page{NextToken: "aGVsbG8"},
			code: "InvalidPaginationToken", message: "Invalid pagination token: aGVsbG8"},
		{name: "a NextToken with explicit IDs", ids: []int{0}, page: vpcmodel.Page{NextToken: "abc"},
			code: "InvalidPaginationToken", message: "Invalid pagination token: abc"},
		{name: "a tag filter with no key", filters: []vpcmodel.Filter{{Name: "tag:", Values: []string{"x"}}},
			code: "InvalidParameterValue", message: "The filter 'tag:' is invalid"},
		{name: "MaxResults is checked before the filters", filters: []vpcmodel.Filter{{Name: "x", Values: []string{"1"}}},
			page: vpcmodel.Page{MaxResults: maxResults(3)},
			code: "InvalidParameterValue", message: "Value ( 3 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000."},
		{name: "an unknown filter", filters: []vpcmodel.Filter{{Name: "x", Values: []string{"1"}}},
			code: "InvalidParameterValue", message: "The filter 'x' is invalid"},
		{name: "an unknown filter after a good one", filters: append(names("*"), vpcmodel.Filter{Name: "tag-name", Values: []string{"web-1"}}),
			code: "InvalidParameterValue", message: "The filter 'tag-name' is invalid"},
		{name: "tag:Name exact", filters: names("web-1"), want: []int{0}},
		{name: "tag:Name star", filters: names("web-*"), want: []int{0, 1, 3, 6, 8, 10}},
		{name: "tag:Name question mark", filters: names("web-?"), want: []int{0, 1, 6, 8, 10}},
		{name: "tag:Name star in the middle", filters: names("*b-1*"), want: []int{0, 2, 3}},
		{name: "tag:Name escaped star", filters: names(`\*`), want: []int{11}},
		{name: "tag:Name values are ORed", filters: names("db-?", "cache"), want: []int{2, 4, 5, 7, 9}},
		{name: "filters are ANDed", filters: append(names("web-*"), vpcmodel.Filter{Name: "tag:Name", Values: []string{"*1*"}}), want: []int{0, 3}},
		{name: "tag:Name matches case-sensitively", filters: names("WEB-*")},
		{name: "tag-key", filters: []vpcmodel.Filter{{Name: "tag-key", Values: []string{"Na?e"}}}, want: all(len(wireNames))},
		{name: "a tag key no resource has", filters: []vpcmodel.Filter{{Name: "tag:Owner", Values: []string{"*"}}}},
		{name: "explicit IDs, each listed once", ids: []int{3, 1, 3}, want: []int{1, 3}},
		{name: "explicit IDs with a filter", ids: []int{0, 2, 3}, filters: names("web-*"), want: []int{0, 3}},
		{name: "MaxResults with explicit IDs", ids: []int{0}, page: vpcmodel.Page{MaxResults: maxResults(5)}, code: "InvalidParameterCombination"},
	}
	for _, d := range describers {
		c := newWireCloud()
		made := d.make(t, c)
		sorted := slices.Sorted(slices.Values(made))
		for _, tt := range tests {
			t.Run(d.name+"/"+tt.name, func(t *testing.T) {
				var ids []string
				for _, i := range tt.ids {
					ids = append(ids, made[i])
				}
				got, next, err := d.list(c, ids, tt.filters, tt.page)
				if tt.code != "" {
					var ce codedError
					if !errors.As(err, &ce) || ce.ErrorCode() != tt.code || tt.message != "" && ce.ErrorMessage() != tt.message {
						t.Fatalf("%s(%v, %v, %+v) = %v, want %s %q", d.name, ids, tt.filters, tt.page, err, tt.code, tt.message)
					}
					return
				}
				if err != nil {
					t.Fatalf("%s(%v, %v, %+v) = %v, want success", d.name, ids, tt.filters, tt.page, err)
				}
				var want []string
				for _, i := range tt.want {
					want = append(want, made[i])
				}
				slices.Sort(want)
				if tt.next {
					want = sorted[:5] // a first page: the lowest IDs
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s(%v, %v, %+v) mismatch (-want +got):\n%s", d.name, ids, tt.filters, tt.page, diff)
				}
				if (next != "") != tt.next {
					t.Errorf("%s(%v, %v, %+v) NextToken = %q, want one: %v", d.name, ids, tt.filters, tt.page, next, tt.next)
				}
			})
		}
	}
}

// TestDescribePages follows NextToken page by page with each page size
// from the smallest on: every resource is listed once, in ID order, pages
// are full but the last, and the last page has no NextToken. A token from
// the middle of the listing, given again, gives the same page again.
func TestDescribePages(t *testing.T) {
	for _, d := range describers {
		c := newWireCloud()
		want := slices.Sorted(slices.Values(d.make(t, c)))
		for _, size := range []int{5, 6, 7, 11, 12, 13} {
			t.Run(fmt.Sprintf("%s/MaxResults=%d", d.name, size), func(t *testing.T) {
				var got []string
				pg := vpcmodel.Page{MaxResults: vpcmodel.Some(size)}
				pages := map[string][]string{}
				for n := 0; ; n++ {
					if n > len(want) {
						t.Fatalf("%s: more than %d pages", d.name, n)
					}
					page, next, err := d.list(c, nil, nil, pg)
					if err != nil {
						t.Fatalf("%s(%+v) = %v", d.name, pg, err)
					}
					if len(page) > size || next != "" && len(page) != size {
						t.Fatalf("%s(%+v) gave %d items and NextToken %q", d.name, pg, len(page), next)
					}
					pages[pg.NextToken] = page
					got = append(got, page...)
					if next == "" {
						break
					}
					pg.NextToken = next
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s pages mismatch (-want +got):\n%s", d.name, diff)
				}
				for token, page := range pages {
					again, _, err := d.list(c, nil, nil, vpcmodel.Page{MaxResults: vpcmodel.Some(size), NextToken: token})
					if err != nil || !slices.Equal(again, page) {
						t.Errorf("%s(NextToken %q) again = %v, %v; want %v", d.name, token, again, err, page)
					}
				}
			})
		}
	}
}

func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
