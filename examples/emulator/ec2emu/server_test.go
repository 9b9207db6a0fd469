package ec2emu_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// ec2Error is the error document every refusal carries.
type ec2Error struct {
	XMLName xml.Name `xml:"Response"`
	Errors  []struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Errors>Error"`
	RequestID string `xml:"RequestID"`
}

// raw posts body to the emulator as account and returns the status and body.
func (e *env) raw(method, contentType, body string, header http.Header) (int, string) {
	e.t.Helper()
	var rd io.Reader = strings.NewReader(body)
	target := e.srv.URL + "/"
	if method == http.MethodGet {
		rd, target = nil, target+"?"+body
	}
	req, err := http.NewRequest(method, target, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

const form = "application/x-www-form-urlencoded"

func TestBadRequests(t *testing.T) {
	e := newEnv(t)
	big := "Action=DescribeVpcs&Version=2016-11-15&X=" + strings.Repeat("a", 2<<20)
	var many strings.Builder
	many.WriteString("Action=DescribeVpcs")
	for i := range 5_001 {
		fmt.Fprintf(&many, "&P%d=x", i)
	}
	tests := []struct {
		name, method, ctype, body string
		status                    int
		code                      string
	}{
		{"missing action", "POST", form, "Version=2016-11-15", 400, "MissingAction"},
		{"unknown action", "POST", form, "Action=LaunchRockets&Version=2016-11-15", 400, "InvalidAction"},
		{"malformed body", "POST", form, "Action=DescribeVpcs&%zz", 400, "MalformedQueryString"},
		{"wrong content type", "POST", "application/json", `{"Action":"DescribeVpcs"}`, 400, "UnsupportedProtocol"},
		{"oversize body", "POST", form, big, 413, "RequestEntityTooLarge"},
		{"missing parameter", "POST", form, "Action=DeleteVpc", 400, "MissingParameter"},
		{"ill-typed integer", "POST", form, "Action=DescribeVpcs&MaxResults=ten", 400, "InvalidParameterValue"},
		{"ill-typed boolean", "POST", form, "Action=DescribeVpcs&DryRun=maybe", 400, "InvalidParameterValue"},
		{"bad list index", "POST", form, "Action=DescribeVpcs&VpcId.x=vpc-12345678", 400, "UnknownParameter"},
		{"zero list index", "POST", form, "Action=DescribeVpcs&VpcId.0=vpc-12345678", 400, "UnknownParameter"},
		{"huge list index", "POST", form, "Action=DescribeVpcs&VpcId.99999999999999999999=vpc-12345678", 400, "UnknownParameter"},
		{"scalar for list", "POST", form, "Action=DescribeVpcs&Filter=x", 400, "InvalidParameterValue"},
		{"filter without name", "POST", form, "Action=DescribeVpcs&Filter.1.Value.1=x", 400, "MissingParameter"},
		{"unknown filter", "POST", form, "Action=DescribeVpcs&Filter.1.Name=colour&Filter.1.Value.1=x", 400, "InvalidParameterValue"},
		{"malformed id", "POST", form, "Action=DeleteVpc&VpcId=vpc-xyz", 400, "InvalidVpcID.Malformed"},
		{"unknown id", "GET", "", "Action=DeleteVpc&VpcId=vpc-0123456789abcdef0", 400, "InvalidVpcID.NotFound"},
		{"bad cidr", "POST", form, "Action=CreateVpc&CidrBlock=10.0.0.1/16", 400, "InvalidParameterValue"},
		{"cidr too large", "POST", form, "Action=CreateVpc&CidrBlock=10.0.0.0/8", 400, "InvalidVpc.Range"},
		{"dry run", "POST", form, "Action=CreateVpc&CidrBlock=10.0.0.0/16&DryRun=true", 412, "DryRunOperation"},
		{"dry run still validates", "POST", form, "Action=CreateVpc&DryRun=true", 400, "MissingParameter"},
		{"method", "PUT", form, "Action=DescribeVpcs", 400, "UnsupportedProtocol"},
		{"too many parameters", "POST", form, many.String(), 400, "InvalidParameterValue"},
		{"deep keys are no parameter", "POST", form, "Action=DeleteVpc&VpcId.a.b.c.d.e.f.g.h.i=vpc-12345678", 400, "MissingParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.raw(tt.method, tt.ctype, tt.body, nil)
			var doc ec2Error
			if err := xml.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatalf("%d %q: not an EC2 error document: %v", status, body, err)
			}
			if status != tt.status || len(doc.Errors) != 1 || doc.Errors[0].Code != tt.code || doc.RequestID == "" || doc.Errors[0].Message == "" {
				t.Fatalf("got %d %+v, want %d %s", status, doc, tt.status, tt.code)
			}
		})
	}
	// None of those created anything.
	d := must[*ec2.DescribeVpcsOutput](t)(e.client(alice, "us-east-1").DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{}))
	if len(d.Vpcs) != 0 {
		t.Fatalf("bad requests left VPCs behind: %+v", d.Vpcs)
	}
}

func TestIdentity(t *testing.T) {
	e := newEnv(t)
	create := "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0/16"
	auth := func(key, region string) http.Header {
		return http.Header{"Authorization": {"AWS4-HMAC-SHA256 Credential=" + key + "/20260301/" + region + "/ec2/aws4_request, SignedHeaders=host, Signature=00"}}
	}
	for _, h := range []http.Header{
		auth("123456789012", "eu-west-1"),
		{"X-Moto-Account-Id": {"210987654321"}},
		auth("AKIDEXAMPLE", "ap-south-1"),
		nil,
	} {
		if status, body := e.raw("POST", form, create, h); status != 200 {
			t.Fatalf("%d %s", status, body)
		}
	}
	owners := func(account, region string) int {
		d := must[*ec2.DescribeVpcsOutput](t)(e.client(account, region).DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{}))
		return len(d.Vpcs)
	}
	for _, tt := range []struct {
		account, region string
		want            int
	}{
		{"123456789012", "eu-west-1", 1},
		{"123456789012", "us-east-1", 0},
		{"210987654321", "us-east-1", 1},
		{"000000000000", "ap-south-1", 1},
		{"000000000000", "us-east-1", 1},
		{alice, "us-east-1", 0},
	} {
		if got := owners(tt.account, tt.region); got != tt.want {
			t.Errorf("%s in %s sees %d VPCs, want %d", tt.account, tt.region, got, tt.want)
		}
	}
	// A GET with the parameters in the query string works as a POST does.
	if status, body := e.raw("GET", "", "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=cidr&Filter.1.Value.1=10.0.0.0/16", nil); status != 200 || strings.Count(body, "<vpcId>") != 1 {
		t.Fatalf("GET DescribeVpcs: %d %s", status, body)
	}
	if status, _ := e.raw("POST", form, create, http.Header{"X-Moto-Account-Id": {"bogus"}}); status != 403 {
		t.Errorf("malformed x-moto-account-id: status %d, want 403", status)
	}
}

func TestAdminEndpoints(t *testing.T) {
	e := newEnv(t)
	get := func(path string) (int, string) {
		resp, err := http.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	if status, _ := get("/_emulator/health"); status != 200 {
		t.Fatalf("health: %d", status)
	}
	_, body := get("/_emulator/clock")
	if got, err := time.Parse(time.RFC3339Nano, body); err != nil || !got.Equal(epoch) {
		t.Fatalf("clock = %q (%v), want %v", body, err, epoch)
	}
	if got := e.advance(169 * time.Hour); !got.Equal(epoch.Add(169 * time.Hour)) {
		t.Fatalf("advance answered %v", got)
	}
	for _, bad := range []string{"", "soon", "-1h"} {
		resp, err := http.PostForm(e.srv.URL+"/_emulator/clock", url.Values{"advance": {bad}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("advance=%q: status %d, want 400", bad, resp.StatusCode)
		}
	}
	c := e.client(alice, "us-east-1")
	must[*ec2.CreateVpcOutput](t)(c.CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")}))
	resp, err := http.Post(e.srv.URL+"/_emulator/reset", "", nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("reset: %v %v", resp, err)
	}
	resp.Body.Close()
	d := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{}))
	if len(d.Vpcs) != 0 {
		t.Fatalf("after reset: %d VPCs", len(d.Vpcs))
	}
	if _, body := get("/_emulator/clock"); body != epoch.Format(time.RFC3339Nano) {
		t.Fatalf("after reset the clock is %s", body)
	}
}

func TestDescribeVpcsFiltersAndPages(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	var ids []string
	for i := range 12 {
		tags := []types.Tag{{Key: aws.String("team"), Value: aws.String([]string{"red", "blue"}[i%2])}}
		o := must[*ec2.CreateVpcOutput](t)(c.CreateVpc(e.ctx, &ec2.CreateVpcInput{
			CidrBlock:         aws.String("10." + strconv.Itoa(i) + ".0.0/16"),
			TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: tags}},
		}))
		ids = append(ids, *o.Vpc.VpcId)
	}
	count := func(fs ...types.Filter) int {
		d := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: fs}))
		return len(d.Vpcs)
	}
	f := func(name string, values ...string) types.Filter { return types.Filter{Name: &name, Values: values} }
	for _, tt := range []struct {
		name string
		fs   []types.Filter
		want int
	}{
		{"tag", []types.Filter{f("tag:team", "red")}, 6},
		{"tag wildcard", []types.Filter{f("tag:team", "r*")}, 6},
		{"tag-key", []types.Filter{f("tag-key", "team")}, 12},
		{"tag-value", []types.Filter{f("tag-value", "bl?e")}, 6},
		{"cidr", []types.Filter{f("cidr-block-association.cidr-block", "10.3.0.0/16", "10.4.0.0/16")}, 2},
		{"and", []types.Filter{f("tag:team", "red"), f("cidr", "10.3.0.0/16", "10.4.0.0/16")}, 1},
		{"vpc-id", []types.Filter{f("vpc-id", ids[0])}, 1},
		{"owner", []types.Filter{f("owner-id", bob)}, 0},
		{"state", []types.Filter{f("state", "available")}, 12},
	} {
		if got := count(tt.fs...); got != tt.want {
			t.Errorf("%s: %d VPCs, want %d", tt.name, got, tt.want)
		}
	}
	// Pages of 5 cover every VPC exactly once.
	seen := map[string]int{}
	p := ec2.NewDescribeVpcsPaginator(c, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5)})
	pages := 0
	for p.HasMorePages() {
		o := must[*ec2.DescribeVpcsOutput](t)(p.NextPage(e.ctx))
		pages++
		for _, v := range o.Vpcs {
			seen[*v.VpcId]++
		}
	}
	if pages != 3 || len(seen) != 12 {
		t.Fatalf("%d pages, %d VPCs seen", pages, len(seen))
	}
	_, err := c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(4)})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{NextToken: aws.String("!!!")})
	wantCode(t, err, "InvalidPaginationToken")
	_, err = c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: ids[:1], MaxResults: aws.Int32(5)})
	wantCode(t, err, "InvalidParameterCombination")
}

func TestPanicBecomesInternalError(t *testing.T) {
	e := newEnv(t)
	status, body := e.raw("POST", form, "Action=TestPanic", nil)
	var doc ec2Error
	if err := xml.Unmarshal([]byte(body), &doc); err != nil || status != 500 || doc.Errors[0].Code != "InternalError" {
		t.Fatalf("panic answered %d %s", status, body)
	}
	// The lock was released: the server still serves.
	if status, body := e.raw("POST", form, "Action=DescribeVpcs", nil); status != 200 {
		t.Fatalf("after a panic: %d %s", status, body)
	}
}

// TestSeededIDsAreReproducible checks that two servers given the same random
// stream hand out the same IDs, as the emulator's -seed flag promises.
func TestSeededIDsAreReproducible(t *testing.T) {
	ids := func() []string {
		e := newEnv(t)
		c := e.client(alice, "us-east-1")
		a, b := e.newVPC(c, "10.1.0.0/16"), e.newVPC(c, "10.2.0.0/16")
		o := must[*ec2.CreateVpcPeeringConnectionOutput](t)(c.CreateVpcPeeringConnection(e.ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &a, PeerVpcId: &b}))
		return []string{a, b, aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId)}
	}
	first, second := ids(), ids()
	if strings.Join(first, " ") != strings.Join(second, " ") {
		t.Fatalf("same seed, different IDs: %v and %v", first, second)
	}
}
