package ec2emu_test

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func dhcpConf(key string, values ...string) types.NewDhcpConfiguration {
	return types.NewDhcpConfiguration{Key: aws.String(key), Values: values}
}

// TestDHCPOptionsSDK drives every DHCP option set action through the SDK:
// the Region's default set, a custom set with every key, tags, filters,
// pagination, association and "default", and each refusal with its code.
func TestDHCPOptionsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "eu-west-1")
	v := e.newVPC(c, "10.0.0.0/16")

	// The first VPC of a Region makes its default set, and uses it.
	dv := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{v}}))
	def := aws.ToString(dv.Vpcs[0].DhcpOptionsId)
	d := must[*ec2.DescribeDhcpOptionsOutput](t)(c.DescribeDhcpOptions(e.ctx, &ec2.DescribeDhcpOptionsInput{Filters: []types.Filter{
		{Name: aws.String("key"), Values: []string{"domain-name"}},
		{Name: aws.String("value"), Values: []string{"eu-west-1.compute.internal"}},
		{Name: aws.String("value"), Values: []string{"AmazonProvidedDNS"}},
	}}))
	if len(d.DhcpOptions) != 1 || aws.ToString(d.DhcpOptions[0].DhcpOptionsId) != def || aws.ToString(d.DhcpOptions[0].OwnerId) != alice {
		t.Fatalf("default set %s, DescribeDhcpOptions = %+v", def, d.DhcpOptions)
	}

	_, err := c.CreateDhcpOptions(e.ctx, &ec2.CreateDhcpOptionsInput{DhcpConfigurations: []types.NewDhcpConfiguration{dhcpConf("domain-name", "x")}, DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")
	o := must[*ec2.CreateDhcpOptionsOutput](t)(c.CreateDhcpOptions(e.ctx, &ec2.CreateDhcpOptionsInput{
		DhcpConfigurations: []types.NewDhcpConfiguration{
			dhcpConf("netbios-node-type", "2"),
			dhcpConf("domain-name", "corp.example"),
			dhcpConf("domain-name-servers", "10.0.0.2", "AmazonProvidedDNS"),
			dhcpConf("ntp-servers", "169.254.169.123", "fd00:ec2::123"),
			dhcpConf("netbios-name-servers", "10.0.0.3"),
			dhcpConf("ipv6-address-preferred-lease-time", "3600"),
		},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeDhcpOptions, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("corp")}}}},
	}))
	set := aws.ToString(o.DhcpOptions.DhcpOptionsId)
	var keys []string
	for _, conf := range o.DhcpOptions.DhcpConfigurations {
		keys = append(keys, aws.ToString(conf.Key))
	}
	if want := []string{"domain-name", "domain-name-servers", "ntp-servers", "netbios-name-servers", "netbios-node-type", "ipv6-address-preferred-lease-time"}; !slices.Equal(keys, want) {
		t.Errorf("keys = %v, want %v", keys, want)
	}
	if vs := o.DhcpOptions.DhcpConfigurations[1].Values; len(vs) != 2 || aws.ToString(vs[1].Value) != "AmazonProvidedDNS" {
		t.Errorf("domain-name-servers = %+v", vs)
	}
	if len(o.DhcpOptions.Tags) != 1 {
		t.Errorf("tags = %+v", o.DhcpOptions.Tags)
	}

	for _, tt := range []struct {
		name  string
		confs []types.NewDhcpConfiguration
		code  string
	}{
		{"unknown key", []types.NewDhcpConfiguration{dhcpConf("router", "10.0.0.1")}, "InvalidParameterValue"},
		{"two domain names", []types.NewDhcpConfiguration{dhcpConf("domain-name", "a", "b")}, "InvalidParameterValue"},
		{"five name servers", []types.NewDhcpConfiguration{dhcpConf("domain-name-servers", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5")}, "InvalidParameterValue"},
		{"bad address", []types.NewDhcpConfiguration{dhcpConf("ntp-servers", "10.0.0.300")}, "InvalidParameterValue"},
		{"IPv6 NetBIOS server", []types.NewDhcpConfiguration{dhcpConf("netbios-name-servers", "fd00::1")}, "InvalidParameterValue"},
		{"node type 3", []types.NewDhcpConfiguration{dhcpConf("netbios-node-type", "3")}, "InvalidParameterValue"},
		{"lease too short", []types.NewDhcpConfiguration{dhcpConf("ipv6-address-preferred-lease-time", "139")}, "InvalidParameterValue"},
		{"key twice", []types.NewDhcpConfiguration{dhcpConf("domain-name", "a"), dhcpConf("domain-name", "b")}, "InvalidParameterValue"},
	} {
		_, err := c.CreateDhcpOptions(e.ctx, &ec2.CreateDhcpOptionsInput{DhcpConfigurations: tt.confs})
		if err == nil {
			t.Errorf("%s: CreateDhcpOptions succeeded", tt.name)
			continue
		}
		wantCode(t, err, tt.code)
	}

	must[*ec2.AssociateDhcpOptionsOutput](t)(c.AssociateDhcpOptions(e.ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: &set, VpcId: &v}))
	dv = must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{{Name: aws.String("dhcp-options-id"), Values: []string{set}}}}))
	if len(dv.Vpcs) != 1 || aws.ToString(dv.Vpcs[0].DhcpOptionsId) != set {
		t.Fatalf("DescribeVpcs by dhcp-options-id = %+v", dv.Vpcs)
	}
	_, err = c.DeleteDhcpOptions(e.ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: &set})
	wantCode(t, err, "DependencyViolation")
	_, err = c.AssociateDhcpOptions(e.ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: aws.String("dopt-00000000"), VpcId: &v})
	wantCode(t, err, "InvalidDhcpOptionID.NotFound")
	_, err = c.AssociateDhcpOptions(e.ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: aws.String("opt-1"), VpcId: &v})
	wantCode(t, err, "InvalidDhcpOptionsId.Malformed")
	_, err = c.AssociateDhcpOptions(e.ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: &set, VpcId: aws.String("vpc-00000000")})
	wantCode(t, err, "InvalidVpcID.NotFound")
	// Another account sees neither the set nor may use it.
	b := e.client(bob, "eu-west-1")
	bv := e.newVPC(b, "10.1.0.0/16")
	_, err = b.AssociateDhcpOptions(e.ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: &set, VpcId: &bv})
	wantCode(t, err, "InvalidDhcpOptionID.NotFound")
	_, err = b.DescribeDhcpOptions(e.ctx, &ec2.DescribeDhcpOptionsInput{DhcpOptionsIds: []string{set}})
	wantCode(t, err, "InvalidDhcpOptionID.NotFound")

	// Tags, and the tag filters.
	must[*ec2.CreateTagsOutput](t)(c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{set, def}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}}}))
	d = must[*ec2.DescribeDhcpOptionsOutput](t)(c.DescribeDhcpOptions(e.ctx, &ec2.DescribeDhcpOptionsInput{Filters: []types.Filter{{Name: aws.String("tag:Name"), Values: []string{"corp"}}}}))
	if len(d.DhcpOptions) != 1 || aws.ToString(d.DhcpOptions[0].DhcpOptionsId) != set {
		t.Errorf("tag:Name filter = %+v", d.DhcpOptions)
	}
	d = must[*ec2.DescribeDhcpOptionsOutput](t)(c.DescribeDhcpOptions(e.ctx, &ec2.DescribeDhcpOptionsInput{Filters: []types.Filter{{Name: aws.String("tag-key"), Values: []string{"env"}}}}))
	if len(d.DhcpOptions) != 2 {
		t.Errorf("tag-key filter = %+v", d.DhcpOptions)
	}
	_, err = c.DescribeDhcpOptions(e.ctx, &ec2.DescribeDhcpOptionsInput{Filters: []types.Filter{{Name: aws.String("color"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")

	// Pagination: 6 sets, pages of 5.
	for range 4 {
		must[*ec2.CreateDhcpOptionsOutput](t)(c.CreateDhcpOptions(e.ctx, &ec2.CreateDhcpOptionsInput{DhcpConfigurations: []types.NewDhcpConfiguration{dhcpConf("domain-name", "p.example")}}))
	}
	var seen []string
	p := ec2.NewDescribeDhcpOptionsPaginator(c, &ec2.DescribeDhcpOptionsInput{MaxResults: aws.Int32(5)})
	for p.HasMorePages() {
		pg := must[*ec2.DescribeDhcpOptionsOutput](t)(p.NextPage(e.ctx))
		for _, o := range pg.DhcpOptions {
			seen = append(seen, aws.ToString(o.DhcpOptionsId))
		}
	}
	if len(seen) != 6 || !slices.IsSorted(seen) {
		t.Errorf("pages = %v", seen)
	}

	// "default" releases the set, which may then go; a deleted set is gone.
	must[*ec2.AssociateDhcpOptionsOutput](t)(c.AssociateDhcpOptions(e.ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: aws.String("default"), VpcId: &v}))
	dv = must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{v}}))
	if got := aws.ToString(dv.Vpcs[0].DhcpOptionsId); got != "default" {
		t.Errorf("DhcpOptionsId after default = %q", got)
	}
	must[*ec2.DeleteDhcpOptionsOutput](t)(c.DeleteDhcpOptions(e.ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: &set}))
	_, err = c.DeleteDhcpOptions(e.ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: &set})
	wantCode(t, err, "InvalidDhcpOptionID.NotFound")
	_, err = c.DescribeDhcpOptions(e.ctx, &ec2.DescribeDhcpOptionsInput{DhcpOptionsIds: []string{set}})
	wantCode(t, err, "InvalidDhcpOptionID.NotFound")
	_, err = c.CreateTags(e.ctx, &ec2.CreateTagsInput{Resources: []string{set}, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}})
	wantCode(t, err, "InvalidDhcpOptionID.NotFound")

	// The default set, once deleted, is not made again: new VPCs use none.
	v2 := e.newVPC(c, "10.2.0.0/16")
	_, err = c.DeleteDhcpOptions(e.ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: &def})
	wantCode(t, err, "DependencyViolation")
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &v2}))
	must[*ec2.DeleteDhcpOptionsOutput](t)(c.DeleteDhcpOptions(e.ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: &def}))
	v3 := e.newVPC(c, "10.3.0.0/16")
	dv = must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{v3}}))
	if got := aws.ToString(dv.Vpcs[0].DhcpOptionsId); got != "default" {
		t.Errorf("DhcpOptionsId of a VPC made after the default set was deleted = %q", got)
	}
}

// TestDHCPDefaultDomainSDK checks the default set's domain name in
// us-east-1, which is ec2.internal.
func TestDHCPDefaultDomainSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	e.newVPC(c, "10.0.0.0/16")
	d := must[*ec2.DescribeDhcpOptionsOutput](t)(c.DescribeDhcpOptions(e.ctx, &ec2.DescribeDhcpOptionsInput{}))
	if len(d.DhcpOptions) != 1 || aws.ToString(d.DhcpOptions[0].DhcpConfigurations[0].Values[0].Value) != "ec2.internal" {
		t.Fatalf("DescribeDhcpOptions = %+v", d.DhcpOptions)
	}
}

// TestFlowLogsSDK drives CreateFlowLogs, DescribeFlowLogs and
// DeleteFlowLogs through the SDK: every destination type, per-resource
// refusals in Unsuccessful, request refusals with their codes, filters,
// tags, client tokens, and flow logs going with their resource.
func TestFlowLogsSDK(t *testing.T) {
	e := newEnv(t)
	c := e.client(alice, "us-east-1")
	v := e.newVPC(c, "10.0.0.0/16")
	s := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(e.ctx, &ec2.CreateSubnetInput{VpcId: &v, CidrBlock: aws.String("10.0.1.0/24")})).Subnet
	eni := must[*ec2.CreateNetworkInterfaceOutput](t)(c.CreateNetworkInterface(e.ctx, &ec2.CreateNetworkInterfaceInput{SubnetId: s.SubnetId})).NetworkInterface
	role := "arn:aws:iam::" + alice + ":role/flow-logs"
	group := "arn:aws:logs:us-east-1:" + alice + ":log-group:vpc-flow"

	_, err := c.CreateFlowLogs(e.ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{v}, ResourceType: types.FlowLogsResourceTypeVpc,
		TrafficType: types.TrafficTypeAll, LogDestinationType: types.LogDestinationTypeS3, LogDestination: aws.String("arn:aws:s3:::bucket-a"), DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")
	cw := must[*ec2.CreateFlowLogsOutput](t)(c.CreateFlowLogs(e.ctx, &ec2.CreateFlowLogsInput{
		ResourceIds: []string{v, "vpc-00000000"}, ResourceType: types.FlowLogsResourceTypeVpc, TrafficType: types.TrafficTypeAll,
		LogDestinationType: types.LogDestinationTypeCloudWatchLogs, LogDestination: aws.String(group), DeliverLogsPermissionArn: &role,
		MaxAggregationInterval: aws.Int32(60), ClientToken: aws.String("tok-1"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeVpcFlowLog, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("cw")}}}},
	}))
	if len(cw.FlowLogIds) != 1 || len(cw.Unsuccessful) != 1 || aws.ToString(cw.Unsuccessful[0].ResourceId) != "vpc-00000000" ||
		aws.ToString(cw.Unsuccessful[0].Error.Code) != "InvalidVpcID.NotFound" || aws.ToString(cw.ClientToken) != "tok-1" {
		t.Fatalf("CreateFlowLogs = %+v", cw)
	}
	fl := cw.FlowLogIds[0]
	// The same client token answers the same flow log.
	again := must[*ec2.CreateFlowLogsOutput](t)(c.CreateFlowLogs(e.ctx, &ec2.CreateFlowLogsInput{
		ResourceIds: []string{v}, ResourceType: types.FlowLogsResourceTypeVpc, TrafficType: types.TrafficTypeAll,
		LogDestination: aws.String(group), DeliverLogsPermissionArn: &role, MaxAggregationInterval: aws.Int32(60), ClientToken: aws.String("tok-1")}))
	if !slices.Equal(again.FlowLogIds, []string{fl}) || len(again.Unsuccessful) != 0 {
		t.Fatalf("CreateFlowLogs again = %+v", again)
	}
	// A second flow log of the same configuration is refused per resource.
	dup := must[*ec2.CreateFlowLogsOutput](t)(c.CreateFlowLogs(e.ctx, &ec2.CreateFlowLogsInput{
		ResourceIds: []string{v}, ResourceType: types.FlowLogsResourceTypeVpc, TrafficType: types.TrafficTypeAll,
		LogDestination: aws.String(group), DeliverLogsPermissionArn: &role}))
	if len(dup.FlowLogIds) != 0 || len(dup.Unsuccessful) != 1 || aws.ToString(dup.Unsuccessful[0].Error.Code) != "FlowLogAlreadyExists" {
		t.Fatalf("duplicate CreateFlowLogs = %+v", dup)
	}
	s3 := must[*ec2.CreateFlowLogsOutput](t)(c.CreateFlowLogs(e.ctx, &ec2.CreateFlowLogsInput{
		ResourceIds: []string{aws.ToString(s.SubnetId), aws.ToString(eni.NetworkInterfaceId)}, ResourceType: types.FlowLogsResourceTypeSubnet,
		TrafficType: types.TrafficTypeReject, LogDestinationType: types.LogDestinationTypeS3, LogDestination: aws.String("arn:aws:s3:::bucket-a/flows"),
		LogFormat:          aws.String("${version} ${vpc-id} ${srcaddr}"),
		DestinationOptions: &types.DestinationOptionsRequest{FileFormat: types.DestinationFileFormatParquet, PerHourPartition: aws.Bool(true)},
	}))
	if len(s3.FlowLogIds) != 1 || len(s3.Unsuccessful) != 1 || aws.ToString(s3.Unsuccessful[0].Error.Code) != "InvalidSubnetID.NotFound" {
		t.Fatalf("CreateFlowLogs to s3 = %+v", s3)
	}
	fh := must[*ec2.CreateFlowLogsOutput](t)(c.CreateFlowLogs(e.ctx, &ec2.CreateFlowLogsInput{
		ResourceIds: []string{aws.ToString(eni.NetworkInterfaceId)}, ResourceType: types.FlowLogsResourceTypeNetworkInterface,
		TrafficType: types.TrafficTypeAccept, LogDestinationType: types.LogDestinationTypeKinesisDataFirehose,
		LogDestination: aws.String("arn:aws:firehose:us-east-1:" + alice + ":deliverystream/flows")}))
	if len(fh.FlowLogIds) != 1 {
		t.Fatalf("CreateFlowLogs to firehose = %+v", fh)
	}

	d := must[*ec2.DescribeFlowLogsOutput](t)(c.DescribeFlowLogs(e.ctx, &ec2.DescribeFlowLogsInput{FlowLogIds: []string{fl}}))
	if len(d.FlowLogs) != 1 {
		t.Fatalf("DescribeFlowLogs = %+v", d.FlowLogs)
	}
	f := d.FlowLogs[0]
	if aws.ToString(f.ResourceId) != v || f.TrafficType != types.TrafficTypeAll || f.LogDestinationType != types.LogDestinationTypeCloudWatchLogs ||
		aws.ToString(f.LogDestination) != group || aws.ToString(f.LogGroupName) != "vpc-flow" || aws.ToString(f.DeliverLogsPermissionArn) != role ||
		aws.ToInt32(f.MaxAggregationInterval) != 60 || aws.ToString(f.FlowLogStatus) != "ACTIVE" || aws.ToString(f.DeliverLogsStatus) != "SUCCESS" ||
		f.DestinationOptions != nil || f.CreationTime == nil || len(f.Tags) != 1 ||
		aws.ToString(f.LogFormat) != "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}" {
		t.Errorf("flow log = %+v", f)
	}
	d = must[*ec2.DescribeFlowLogsOutput](t)(c.DescribeFlowLogs(e.ctx, &ec2.DescribeFlowLogsInput{Filter: []types.Filter{{Name: aws.String("log-destination-type"), Values: []string{"s3"}}}}))
	if len(d.FlowLogs) != 1 || d.FlowLogs[0].DestinationOptions == nil || d.FlowLogs[0].DestinationOptions.FileFormat != types.DestinationFileFormatParquet ||
		!aws.ToBool(d.FlowLogs[0].DestinationOptions.PerHourPartition) || aws.ToInt32(d.FlowLogs[0].MaxAggregationInterval) != 600 {
		t.Errorf("s3 flow log = %+v", d.FlowLogs)
	}
	for _, tt := range []struct {
		filter string
		value  string
		want   int
	}{
		{"resource-id", v, 1},
		{"traffic-type", "REJECT", 1},
		{"log-group-name", "vpc-flow", 1},
		{"deliver-log-status", "SUCCESS", 3},
		{"flow-log-id", fl, 1},
		{"tag:Name", "cw", 1},
		{"tag-key", "Name", 1},
	} {
		d := must[*ec2.DescribeFlowLogsOutput](t)(c.DescribeFlowLogs(e.ctx, &ec2.DescribeFlowLogsInput{Filter: []types.Filter{{Name: aws.String(tt.filter), Values: []string{tt.value}}}}))
		if len(d.FlowLogs) != tt.want {
			t.Errorf("filter %s=%s: %d flow logs, want %d", tt.filter, tt.value, len(d.FlowLogs), tt.want)
		}
	}
	// Unknown IDs are left out, not refused; another account sees none.
	d = must[*ec2.DescribeFlowLogsOutput](t)(c.DescribeFlowLogs(e.ctx, &ec2.DescribeFlowLogsInput{FlowLogIds: []string{"fl-00000000"}}))
	if len(d.FlowLogs) != 0 {
		t.Errorf("unknown ID = %+v", d.FlowLogs)
	}
	d = must[*ec2.DescribeFlowLogsOutput](t)(e.client(bob, "us-east-1").DescribeFlowLogs(e.ctx, &ec2.DescribeFlowLogsInput{}))
	if len(d.FlowLogs) != 0 {
		t.Errorf("bob sees %+v", d.FlowLogs)
	}

	// Request refusals.
	base := func(mod func(*ec2.CreateFlowLogsInput)) *ec2.CreateFlowLogsInput {
		in := &ec2.CreateFlowLogsInput{ResourceIds: []string{v}, ResourceType: types.FlowLogsResourceTypeVpc, TrafficType: types.TrafficTypeReject,
			LogDestinationType: types.LogDestinationTypeS3, LogDestination: aws.String("arn:aws:s3:::bucket-b")}
		mod(in)
		return in
	}
	for _, tt := range []struct {
		name string
		mod  func(*ec2.CreateFlowLogsInput)
		code string
	}{
		{"bad traffic type", func(in *ec2.CreateFlowLogsInput) { in.TrafficType = "SOME" }, "InvalidParameterValue"},
		{"no traffic type", func(in *ec2.CreateFlowLogsInput) { in.TrafficType = "" }, "MissingParameter"},
		{"bad resource type", func(in *ec2.CreateFlowLogsInput) { in.ResourceType = "Instance" }, "InvalidParameterValue"},
		{"bad destination type", func(in *ec2.CreateFlowLogsInput) { in.LogDestinationType = "sqs" }, "InvalidParameterValue"},
		{"bucket ARN malformed", func(in *ec2.CreateFlowLogsInput) { in.LogDestination = aws.String("arn:aws:s3:us-east-1::b") }, "InvalidParameterValue"},
		{"no destination", func(in *ec2.CreateFlowLogsInput) { in.LogDestination = nil }, "InvalidParameter"},
		{"role with s3", func(in *ec2.CreateFlowLogsInput) { in.DeliverLogsPermissionArn = &role }, "InvalidParameter"},
		{"cloud-watch-logs without role", func(in *ec2.CreateFlowLogsInput) {
			in.LogDestinationType, in.LogDestination = types.LogDestinationTypeCloudWatchLogs, aws.String(group)
		}, "InvalidParameter"},
		{"log group and destination", func(in *ec2.CreateFlowLogsInput) {
			in.LogDestinationType, in.LogDestination, in.LogGroupName, in.DeliverLogsPermissionArn = types.LogDestinationTypeCloudWatchLogs, aws.String(group), aws.String("g"), &role
		}, "InvalidParameterCombination"},
		{"interval 300", func(in *ec2.CreateFlowLogsInput) { in.MaxAggregationInterval = aws.Int32(300) }, "InvalidParameterValue"},
		{"unknown field", func(in *ec2.CreateFlowLogsInput) { in.LogFormat = aws.String("${version} ${colour}") }, "InvalidParameterValue"},
		{"bad file format", func(in *ec2.CreateFlowLogsInput) {
			in.DestinationOptions = &types.DestinationOptionsRequest{FileFormat: "csv"}
		}, "InvalidParameterValue"},
		{"options with firehose", func(in *ec2.CreateFlowLogsInput) {
			in.LogDestinationType, in.LogDestination = types.LogDestinationTypeKinesisDataFirehose, aws.String("arn:aws:firehose:us-east-1:"+alice+":deliverystream/x")
			in.DestinationOptions = &types.DestinationOptionsRequest{FileFormat: types.DestinationFileFormatPlainText}
		}, "InvalidParameter"},
		{"tag type", func(in *ec2.CreateFlowLogsInput) {
			in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}}}
		}, "InvalidParameterValue"},
	} {
		_, err := c.CreateFlowLogs(e.ctx, base(tt.mod))
		if err == nil {
			t.Errorf("%s: CreateFlowLogs succeeded", tt.name)
			continue
		}
		wantCode(t, err, tt.code)
	}

	// Deleting: unknown IDs are reported per ID.
	del := must[*ec2.DeleteFlowLogsOutput](t)(c.DeleteFlowLogs(e.ctx, &ec2.DeleteFlowLogsInput{FlowLogIds: []string{fl, "fl-00000000"}}))
	if len(del.Unsuccessful) != 1 || aws.ToString(del.Unsuccessful[0].ResourceId) != "fl-00000000" ||
		aws.ToString(del.Unsuccessful[0].Error.Code) != "InvalidFlowLogId.NotFound" {
		t.Fatalf("DeleteFlowLogs = %+v", del)
	}
	del = must[*ec2.DeleteFlowLogsOutput](t)(c.DeleteFlowLogs(e.ctx, &ec2.DeleteFlowLogsInput{FlowLogIds: []string{fl}}))
	if len(del.Unsuccessful) != 1 {
		t.Fatalf("DeleteFlowLogs twice = %+v", del)
	}
	// A deleted interface and subnet take their flow logs with them.
	must[*ec2.DeleteNetworkInterfaceOutput](t)(c.DeleteNetworkInterface(e.ctx, &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: eni.NetworkInterfaceId}))
	must[*ec2.DeleteSubnetOutput](t)(c.DeleteSubnet(e.ctx, &ec2.DeleteSubnetInput{SubnetId: s.SubnetId}))
	d = must[*ec2.DescribeFlowLogsOutput](t)(c.DescribeFlowLogs(e.ctx, &ec2.DescribeFlowLogsInput{}))
	if len(d.FlowLogs) != 0 {
		t.Errorf("flow logs after their resources went: %+v", d.FlowLogs)
	}
	// And so does a deleted VPC.
	must[*ec2.CreateFlowLogsOutput](t)(c.CreateFlowLogs(e.ctx, base(func(*ec2.CreateFlowLogsInput) {})))
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(e.ctx, &ec2.DeleteVpcInput{VpcId: &v}))
	d = must[*ec2.DescribeFlowLogsOutput](t)(c.DescribeFlowLogs(e.ctx, &ec2.DescribeFlowLogsInput{}))
	if len(d.FlowLogs) != 0 {
		t.Errorf("flow logs after their VPC went: %+v", d.FlowLogs)
	}
}
