package ec2emu_test

import (
	"encoding/xml"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// FuzzRequest feeds arbitrary form bodies to the emulator: it must never
// panic, never answer 500, and always answer a well-formed EC2 document.
func FuzzRequest(f *testing.F) {
	for _, seed := range []string{
		"Action=CreateVpc&CidrBlock=10.0.0.0/16",
		"Action=DescribeVpcs&Filter.1.Name=tag:team&Filter.1.Value.1=red&MaxResults=5",
		"Action=DescribeVpcs&VpcId.1=vpc-0123456789abcdef0&VpcId.3=vpc-12345678",
		"Action=CreateTags&ResourceId.1=vpc-12345678&Tag.1.Key=k&Tag.1.Value=v",
		"Action=CreateVpcPeeringConnection&VpcId=vpc-12345678&PeerVpcId=vpc-87654321&PeerRegion=eu-west-1",
		"Action=CreateVpnConnection&Type=ipsec.1&CustomerGatewayId=cgw-12345678&Options.TunnelOptions.1.PreSharedKey=abcdefgh&Options.TunnelOptions.1.Phase1EncryptionAlgorithm.1.Value=AES128",
		"Action=CreateRoute&RouteTableId=rtb-12345678&DestinationCidrBlock=0.0.0.0/0&GatewayId=igw-12345678",
		"Action=DescribeVpcs&DryRun=true",
		"Action=CreateDhcpOptions&DhcpConfiguration.1.Key=domain-name-servers&DhcpConfiguration.1.Value.1=10.0.0.2&DhcpConfiguration.1.Value.2=AmazonProvidedDNS&DhcpConfiguration.2.Key=netbios-node-type&DhcpConfiguration.2.Value.1=2",
		"Action=CreateFlowLogs&ResourceId.1=vpc-12345678&ResourceType=VPC&TrafficType=ALL&LogDestinationType=s3&LogDestination=arn:aws:s3:::b&DestinationOptions.FileFormat=parquet&MaxAggregationInterval=60",
		"Action=DescribeVpcs&Filter.1.Value.1=x",
		"Action=CreateTransitGateway&Description=hub&Options.AmazonSideAsn=64600&Options.TransitGatewayCidrBlocks.1=10.99.0.0/24&TagSpecification.1.ResourceType=transit-gateway&TagSpecification.1.Tag.1.Key=k",
		"Action=CreateTransitGatewayVpcAttachment&TransitGatewayId=tgw-12345678&VpcId=vpc-12345678&SubnetIds.1=subnet-12345678&Options.DnsSupport=enable&TagSpecifications.1.ResourceType=transit-gateway-attachment",
		"Action=SearchTransitGatewayRoutes&TransitGatewayRouteTableId=tgw-rtb-12345678&Filter.1.Name=route-search.longest-prefix-match&Filter.1.Value.1=10.0.0.1/32&MaxResults=5",
		"Action=CreateTransitGatewayRoute&TransitGatewayRouteTableId=tgw-rtb-12345678&DestinationCidrBlock=0.0.0.0/0&Blackhole=true",
		"Action=ModifyTransitGateway&TransitGatewayId=tgw-12345678&Options.AddTransitGatewayCidrBlocks.1=fd00::/64&Options.DnsSupport=disable",
		"Action=&=&&&Filter..Name",
		"%zz",
	} {
		f.Add(seed)
	}
	srv := ec2emu.New(ec2emu.Options{
		Now:    func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
		Random: rand.NewChaCha8([32]byte{7}),
	})
	// A VPC for the fuzzer to find by its deterministic ID.
	create := httptest.NewRequest("POST", "/", strings.NewReader("Action=CreateVpc&CidrBlock=10.0.0.0/16"))
	create.Header.Set("Content-Type", form)
	srv.ServeHTTP(httptest.NewRecorder(), create)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", form)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusForbidden, http.StatusPreconditionFailed, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q:\n%s", rec.Code, body, rec.Body)
		}
		var doc struct {
			XMLName   xml.Name
			RequestID string `xml:"requestId"`
			ErrorID   string `xml:"RequestID"`
			Errors    []struct {
				Code string `xml:"Code"`
			} `xml:"Errors>Error"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("not XML for %q: %v\n%s", body, err, rec.Body)
		}
		if rec.Code == http.StatusOK {
			if !strings.HasSuffix(doc.XMLName.Local, "Response") || doc.XMLName.Space != "http://ec2.amazonaws.com/doc/2016-11-15/" || doc.RequestID == "" {
				t.Fatalf("success document malformed for %q:\n%s", body, rec.Body)
			}
			return
		}
		if doc.XMLName.Local != "Response" || len(doc.Errors) != 1 || doc.Errors[0].Code == "" || doc.ErrorID == "" {
			t.Fatalf("error document malformed for %q:\n%s", body, rec.Body)
		}
	})
}

// FuzzServiceRequest feeds arbitrary form bodies, signed for RDS,
// ElastiCache or Redshift, to the emulator: it must never panic, never
// answer 500, and always answer a well-formed document of that service's
// Query API.
func FuzzServiceRequest(f *testing.F) {
	srv := ec2emu.New(ec2emu.Options{
		Now:    func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
		Random: rand.NewChaCha8([32]byte{7}),
	})
	serve := func(service, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", form)
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=000000000000/20260301/us-east-1/"+service+"/aws4_request, SignedHeaders=host, Signature=00")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec
	}
	// A VPC with subnets in two zones, for the seeds to name, so that the
	// fuzzer starts from requests that succeed.
	element := func(doc, name string) string {
		_, rest, _ := strings.Cut(doc, "<"+name+">")
		v, _, _ := strings.Cut(rest, "<")
		return v
	}
	vpc := element(serve("ec2", "Action=CreateVpc&CidrBlock=10.0.0.0/16").Body.String(), "vpcId")
	a := element(serve("ec2", "Action=CreateSubnet&VpcId="+vpc+"&CidrBlock=10.0.1.0/24&AvailabilityZone=us-east-1a").Body.String(), "subnetId")
	b := element(serve("ec2", "Action=CreateSubnet&VpcId="+vpc+"&CidrBlock=10.0.2.0/24&AvailabilityZone=us-east-1b").Body.String(), "subnetId")
	for _, seed := range []struct {
		service uint8
		body    string
	}{
		{0, "Action=CreateDBSubnetGroup&DBSubnetGroupName=db&DBSubnetGroupDescription=d&SubnetIds.SubnetIdentifier.1=" + a + "&SubnetIds.SubnetIdentifier.2=" + b},
		{0, "Action=ModifyDBSubnetGroup&DBSubnetGroupName=db&SubnetIds="},
		{0, "Action=AddTagsToResource&ResourceName=arn:aws:rds:us-east-1:000000000000:subgrp:db&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v"},
		{0, "Action=RemoveTagsFromResource&ResourceName=arn:aws:rds:us-east-1:000000000000:subgrp:db&TagKeys.member.1=k"},
		{0, "Action=DescribeDBSubnetGroups&MaxRecords=20&Marker=ZGI"},
		{1, "Action=CreateCacheSubnetGroup&CacheSubnetGroupName=c&CacheSubnetGroupDescription=d&SubnetIds.SubnetIdentifier.1=" + a},
		{1, "Action=ModifyCacheSubnetGroup&CacheSubnetGroupName=c&SubnetIds.SubnetIdentifier.3=" + b},
		{1, "Action=ListTagsForResource&ResourceName=arn:aws:elasticache:us-east-1:000000000000:subnetgroup:c"},
		{2, "Action=CreateClusterSubnetGroup&ClusterSubnetGroupName=dw&Description=d&SubnetIds.SubnetIdentifier.1=" + a + "&Tags.Tag.1.Key=k"},
		{2, "Action=DescribeTags&TagKeys.TagKey.1=k&TagValues.TagValue.1=v&MaxRecords=100"},
		{2, "Action=DeleteTags&ResourceName=x&TagKeys.member.1=k"},
		{2, "Action=&=&&&SubnetIds..SubnetIdentifier"},
	} {
		f.Add(seed.service, seed.body)
	}
	services := []struct{ name, namespace string }{
		{"rds", "http://rds.amazonaws.com/doc/2014-10-31/"},
		{"elasticache", "http://elasticache.amazonaws.com/doc/2015-02-02/"},
		{"redshift", "http://redshift.amazonaws.com/doc/2012-12-01/"},
	}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		svc := services[int(which)%len(services)]
		rec := serve(svc.name, body)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %s %q:\n%s", rec.Code, svc.name, body, rec.Body)
		}
		var doc struct {
			XMLName   xml.Name
			RequestID string `xml:"ResponseMetadata>RequestId"`
			ErrorID   string `xml:"RequestId"`
			Error     struct {
				Type string `xml:"Type"`
				Code string `xml:"Code"`
			} `xml:"Error"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("not XML for %s %q: %v\n%s", svc.name, body, err, rec.Body)
		}
		if doc.XMLName.Space != svc.namespace {
			t.Fatalf("namespace %q for %s %q:\n%s", doc.XMLName.Space, svc.name, body, rec.Body)
		}
		if rec.Code == http.StatusOK {
			if !strings.HasSuffix(doc.XMLName.Local, "Response") || doc.RequestID == "" {
				t.Fatalf("success document malformed for %s %q:\n%s", svc.name, body, rec.Body)
			}
			return
		}
		if doc.XMLName.Local != "ErrorResponse" || doc.Error.Type != "Sender" || doc.Error.Code == "" || doc.ErrorID == "" {
			t.Fatalf("error document malformed for %s %q:\n%s", svc.name, body, rec.Body)
		}
	})
}
