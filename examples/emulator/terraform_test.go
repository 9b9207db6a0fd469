package main_test

// The Terraform test drives the emulator with the real hashicorp/aws
// provider: init, apply, an immediate plan that must be empty, and destroy,
// for each stack under testdata/terraform. It needs the terraform binary and
// a filesystem mirror of the provider (terraform providers mirror DIR); it
// skips when either is absent. VPCMODEL_TF_MIRROR names the mirror; it
// defaults to /opt/tf-plugins when that exists.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

// mirrorEnv names the provider mirror directory.
const mirrorEnv = "VPCMODEL_TF_MIRROR"

// defaultMirror is used when mirrorEnv is unset and it exists.
const defaultMirror = "/opt/tf-plugins"

// tfTimeout bounds one terraform command.
const tfTimeout = 4 * time.Minute

// terraformTools returns the terraform binary and the provider mirror, or
// skips the test.
func terraformTools(t *testing.T) (bin, mirror string) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping the Terraform round trip")
	}
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	mirror = os.Getenv(mirrorEnv)
	if mirror == "" {
		mirror = defaultMirror
	}
	// The stacks pin the provider version they were checked against; a
	// mirror holds it unpacked (VERSION/OS_ARCH/) or packed (a .zip).
	dir := filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws")
	target := runtime.GOOS + "_" + runtime.GOARCH
	unpacked := filepath.Join(dir, providerVersion, target)
	packed := filepath.Join(dir, "terraform-provider-aws_"+providerVersion+"_"+target+".zip")
	if _, err := os.Stat(unpacked); err != nil {
		if _, err := os.Stat(packed); err != nil {
			t.Skipf("no hashicorp/aws %s for %s in the mirror %s (set %s)", providerVersion, target, mirror, mirrorEnv)
		}
	}
	return bin, mirror
}

// providerVersion is the hashicorp/aws version the stacks require.
const providerVersion = "5.100.0"

// stack is one Terraform configuration under testdata/terraform, run
// against its own emulator.
type stack struct {
	t      *testing.T
	bin    string
	dir    string
	env    []string
	srv    *httptest.Server
	scopes []scope // every account and Region the stack touches
}

type scope struct{ account, region string }

func newStack(t *testing.T, name string, scopes ...scope) *stack {
	bin, mirror := terraformTools(t)
	t.Parallel()
	srv := httptest.NewServer(ec2emu.New(ec2emu.Options{}))
	t.Cleanup(srv.Close)

	dir := t.TempDir()
	copyDir(t, filepath.Join("testdata", "terraform", name), dir)
	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := &stack{t: t, bin: bin, dir: dir, srv: srv, scopes: scopes}
	// The provider takes its credentials from the configuration only: drop
	// every AWS_ and TF_ variable of the caller's environment.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "TF_") {
			s.env = append(s.env, kv)
		}
	}
	s.env = append(s.env,
		"TF_CLI_CONFIG_FILE="+rc,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"TF_VAR_endpoint="+srv.URL,
		"AWS_EC2_METADATA_DISABLED=true",
	)
	if code, out := s.run("init", "-plugin-dir="+mirror, "-input=false", "-no-color"); code != 0 {
		t.Fatalf("terraform init: exit %d\n%s", code, out)
	}
	return s
}

// run runs one terraform command in the stack's directory and returns its
// exit code and combined output.
func (s *stack) run(args ...string) (int, string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), tfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.bin, args...)
	cmd.Dir = s.dir
	cmd.Env = s.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	s.t.Logf("terraform %s: %v", args[0], time.Since(start).Round(time.Millisecond))
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit) && ctx.Err() == nil:
		return exit.ExitCode(), out.String()
	default:
		s.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out.String())
		return -1, ""
	}
}

// applyPlanDestroy applies the stack, checks that a plan right after shows
// no change, hands the outputs to check, destroys the stack and checks that
// nothing is left in any of its scopes.
func (s *stack) applyPlanDestroy(check func(t *testing.T, out map[string]string)) {
	t := s.t
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		// Leave nothing half-made behind a failed run's logs.
		if code, out := s.run("destroy", "-auto-approve", "-input=false", "-no-color"); code != 0 {
			t.Logf("cleanup destroy: exit %d\n%s", code, out)
		}
	})
	if code, out := s.run("apply", "-auto-approve", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("terraform apply: exit %d\n%s", code, out)
	}
	code, out := s.run("plan", "-detailed-exitcode", "-input=false", "-no-color")
	if code != 0 {
		t.Errorf("terraform plan -detailed-exitcode right after apply: exit %d, want 0 (no drift)\n%s", code, out)
	}
	check(t, s.outputs())
	// The plan has just refreshed every resource: destroy need not again.
	if code, out := s.run("destroy", "-auto-approve", "-refresh=false", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("terraform destroy: exit %d\n%s", code, out)
	}
	for _, sc := range s.scopes {
		s.checkEmpty(sc)
	}
}

// outputs returns the stack's outputs, each rendered as text.
func (s *stack) outputs() map[string]string {
	s.t.Helper()
	code, out := s.run("output", "-json", "-no-color")
	if code != 0 {
		s.t.Fatalf("terraform output: exit %d\n%s", code, out)
	}
	var raw map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		s.t.Fatalf("terraform output -json: %v\n%s", err, out)
	}
	vals := make(map[string]string, len(raw))
	for k, v := range raw {
		var str string
		if err := json.Unmarshal(v.Value, &str); err == nil {
			vals[k] = str
		} else {
			vals[k] = string(v.Value)
		}
	}
	return vals
}

// client returns an SDK client of the stack's emulator for one scope.
func (s *stack) client(sc scope) *ec2.Client {
	return ec2.New(ec2.Options{
		Region:       sc.region,
		BaseEndpoint: aws.String(s.srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(sc.account, "emulator", ""),
		Retryer:      aws.NopRetryer{},
		HTTPClient:   s.srv.Client(),
	})
}

// checkEmpty asserts that a scope holds no VPC, route table, live peering
// connection, gateway, Elastic IP address or VPN connection.
func (s *stack) checkEmpty(sc scope) {
	t := s.t
	t.Helper()
	ctx := context.Background()
	c := s.client(sc)
	where := sc.account + "/" + sc.region
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatalf("%s: DescribeVpcs: %v", where, err)
	}
	for _, v := range vpcs.Vpcs {
		t.Errorf("%s: VPC %s left after destroy", where, aws.ToString(v.VpcId))
	}
	rtbs, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{})
	if err != nil {
		t.Fatalf("%s: DescribeRouteTables: %v", where, err)
	}
	for _, r := range rtbs.RouteTables {
		t.Errorf("%s: route table %s left after destroy", where, aws.ToString(r.RouteTableId))
	}
	pcxs, err := c.DescribeVpcPeeringConnections(ctx, &ec2.DescribeVpcPeeringConnectionsInput{})
	if err != nil {
		t.Fatalf("%s: DescribeVpcPeeringConnections: %v", where, err)
	}
	for _, p := range pcxs.VpcPeeringConnections {
		switch code := p.Status.Code; code {
		case types.VpcPeeringConnectionStateReasonCodeDeleted, types.VpcPeeringConnectionStateReasonCodeDeleting:
		default:
			t.Errorf("%s: peering connection %s left %s after destroy", where, aws.ToString(p.VpcPeeringConnectionId), code)
		}
	}
	vpns, err := c.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{})
	if err != nil {
		t.Fatalf("%s: DescribeVpnConnections: %v", where, err)
	}
	for _, v := range vpns.VpnConnections {
		if v.State != types.VpnStateDeleted && v.State != types.VpnStateDeleting {
			t.Errorf("%s: VPN connection %s left %s after destroy", where, aws.ToString(v.VpnConnectionId), v.State)
		}
	}
	vgws, err := c.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{})
	if err != nil {
		t.Fatalf("%s: DescribeVpnGateways: %v", where, err)
	}
	for _, g := range vgws.VpnGateways {
		if g.State != types.VpnStateDeleted && g.State != types.VpnStateDeleting {
			t.Errorf("%s: virtual private gateway %s left %s after destroy", where, aws.ToString(g.VpnGatewayId), g.State)
		}
	}
	nats, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{})
	if err != nil {
		t.Fatalf("%s: DescribeNatGateways: %v", where, err)
	}
	for _, g := range nats.NatGateways {
		if g.State != types.NatGatewayStateDeleted {
			t.Errorf("%s: NAT gateway %s left %s after destroy", where, aws.ToString(g.NatGatewayId), g.State)
		}
	}
	addrs, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{})
	if err != nil {
		t.Fatalf("%s: DescribeAddresses: %v", where, err)
	}
	for _, a := range addrs.Addresses {
		t.Errorf("%s: Elastic IP address %s left after destroy", where, aws.ToString(a.AllocationId))
	}
	cgws, err := c.DescribeCustomerGateways(ctx, &ec2.DescribeCustomerGatewaysInput{})
	if err != nil {
		t.Fatalf("%s: DescribeCustomerGateways: %v", where, err)
	}
	for _, g := range cgws.CustomerGateways {
		if st := aws.ToString(g.State); st != "deleted" && st != "deleting" {
			t.Errorf("%s: customer gateway %s left %s after destroy", where, aws.ToString(g.CustomerGatewayId), st)
		}
	}
}

// copyDir copies the regular files of src into dst (one level: a stack is
// flat).
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, d.Name()), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// wantEqual reports an output that differs from want.
func wantEqual(t *testing.T, out map[string]string, name, want string) {
	t.Helper()
	if got := out[name]; got != want {
		t.Errorf("output %s = %q, want %q", name, got, want)
	}
}

// wantAddrIn reports an output that is not an IPv4 address inside prefix.
func wantAddrIn(t *testing.T, out map[string]string, name, prefix string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(out[name])
	if err != nil || !a.Is4() || !netip.MustParsePrefix(prefix).Contains(a) {
		t.Errorf("output %s = %q, want an IPv4 address in %s", name, out[name], prefix)
	}
	return a
}

// TestTerraformSingleAccount applies one account's VPCs, an auto-accepted
// peering connection with DNS options, routes over it and over a virtual
// private gateway, a static VPN with chosen tunnel options and a BGP VPN.
// Its provider is configured the minimal way: an EC2 endpoint, the account
// as the access key, and every account and credential lookup skipped.
func TestTerraformSingleAccount(t *testing.T) {
	s := newStack(t, "single", scope{"111111111111", "us-east-1"})
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		wantEqual(t, out, "accept_status", "active")
		t1 := wantAddrIn(t, out, "office_tunnel1_address", "0.0.0.0/0")
		t2 := wantAddrIn(t, out, "office_tunnel2_address", "0.0.0.0/0")
		if t1 == t2 {
			t.Errorf("both tunnels have the outside address %v", t1)
		}
		// The VGW takes the first host of a tunnel's /30, the customer
		// gateway the second.
		wantEqual(t, out, "office_tunnel1_vgw_inside_address", "169.254.10.1")
		wantEqual(t, out, "office_tunnel1_cgw_inside_address", "169.254.10.2")
		wantEqual(t, out, "office_tunnel2_vgw_inside_address", "169.254.10.5")
		// A static connection has no BGP section; a BGP one names the
		// VGW's Amazon-side ASN.
		wantEqual(t, out, "office_tunnel1_bgp_asn", "")
		wantEqual(t, out, "branch_tunnel1_bgp_asn", "64512")
		p, err := netip.ParsePrefix(out["branch_tunnel1_inside_cidr"])
		if err != nil || p.Bits() != 30 || !netip.MustParsePrefix("169.254.0.0/16").Contains(p.Addr()) {
			t.Errorf("branch_tunnel1_inside_cidr = %q, want a /30 in 169.254.0.0/16", out["branch_tunnel1_inside_cidr"])
		}
	})
}

// TestTerraformNetwork applies the resources, data sources and filters the
// community VPC, VPN gateway and peering modules use (testdata/terraform/
// network): subnets, an internet gateway, the VPC's default route table,
// security group and network ACL taken over, custom ones with rules, route
// table associations, a virtual private gateway attached twice over, Block
// Public Access, and route tables and subnets found through data sources.
func TestTerraformNetwork(t *testing.T) {
	s := newStack(t, "network", scope{"111111111111", "eu-west-1"})
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		wantEqual(t, out, "private_route_tables", "2")
		wantEqual(t, out, "main_route_table_is_default", "true")
		wantEqual(t, out, "subnet_table_is_its_own", "true")
		wantEqual(t, out, "private_subnets_found", "2")
		wantEqual(t, out, "private_subnet_block", "10.0.10.0/24")
		if arn := out["exclusion_arn"]; !strings.HasPrefix(arn, "arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-") {
			t.Errorf("exclusion resource_arn = %q, want a subnet ARN", arn)
		}
	})
}

// TestTerraformCrossAccountRegion peers a VPC in one account and Region
// with a VPC of another account in another Region, accepts with the
// accepter's own provider, and sets each side's DNS option. Its providers
// look their accounts up with STS's GetCallerIdentity, which the emulator
// answers too.
func TestTerraformCrossAccountRegion(t *testing.T) {
	s := newStack(t, "cross",
		scope{"111111111111", "us-east-1"},
		scope{"222222222222", "eu-west-1"},
	)
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		wantEqual(t, out, "accept_status", "active")
		// The accepter's provider learns its account from the
		// emulator's GetCallerIdentity and so names the requester as
		// its peer. (Its peer_region is AccepterVpcInfo.Region.)
		wantEqual(t, out, "accepter_peer_owner_id", "111111111111")
		wantEqual(t, out, "accepter_peer_region", "eu-west-1")
		wantEqual(t, out, "accepter_sees_both_vpcs", "true")
		wantEqual(t, out, "requester_dns_resolution", "true")
		wantEqual(t, out, "accepter_dns_resolution", "true")
		if !strings.HasPrefix(out["peering_id"], "pcx-") {
			t.Errorf("peering_id = %q, want a pcx- ID", out["peering_id"])
		}
	})
}

// TestTerraformIPv6 applies two dual-stack VPCs with Amazon-provided IPv6
// blocks (assign_generated_ipv6_cidr_block), a dual-stack and an IPv6-only
// subnet, an egress-only internet gateway and IPv4 and IPv6 routes both
// ways over a peering connection; the provider's ipv6_cidr_block,
// ipv6_association_id and assign_generated_ipv6_cidr_block must read back
// as it wrote them, for a clean plan.
func TestTerraformIPv6(t *testing.T) {
	s := newStack(t, "ipv6", scope{"111111111111", "us-east-1"})
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		wantEqual(t, out, "accept_status", "active")
		wantEqual(t, out, "data_border_group", "us-east-1")
		wantEqual(t, out, "egress_route_gateway", out["egress_gateway"])
		pool := netip.MustParsePrefix("2600:1f00::/24")
		blocks := map[string]netip.Prefix{}
		for _, name := range []string{"app_ipv6_cidr_block", "data_ipv6_cidr_block"} {
			p, err := netip.ParsePrefix(out[name])
			if err != nil || p.Bits() != 56 || !pool.Contains(p.Addr()) {
				t.Errorf("%s = %q, want a /56 of %s", name, out[name], pool)
			}
			blocks[name] = p
		}
		if blocks["app_ipv6_cidr_block"] == blocks["data_ipv6_cidr_block"] {
			t.Errorf("both VPCs have %s", blocks["app_ipv6_cidr_block"])
		}
		for name, vpc := range map[string]string{"app_subnet_ipv6_cidr_block": "app_ipv6_cidr_block", "data_subnet_ipv6_cidr_block": "data_ipv6_cidr_block"} {
			p, err := netip.ParsePrefix(out[name])
			if err != nil || p.Bits() != 64 || !blocks[vpc].Contains(p.Addr()) {
				t.Errorf("%s = %q, want a /64 of %s", name, out[name], blocks[vpc])
			}
		}
		wantEqual(t, out, "data_subnet_ipv6_native", "true")
		if !strings.HasPrefix(out["app_ipv6_association_id"], "vpc-cidr-assoc-") || !strings.HasPrefix(out["app_subnet_ipv6_association_id"], "subnet-cidr-assoc-") {
			t.Errorf("association IDs %q, %q", out["app_ipv6_association_id"], out["app_subnet_ipv6_association_id"])
		}
	})
}

// TestTerraformNAT applies an Elastic IP address, a public and a private
// NAT gateway, routes to each and the subnets' route table associations
// in a VPC the test makes through the SDK: the provider waits for each
// gateway to become available, and on destroy for each to be deleted
// before it releases the address. Nothing NAT or address is left after.
func TestTerraformNAT(t *testing.T) {
	sc := scope{"111111111111", "us-east-1"}
	s := newStack(t, "nat")
	c := s.client(sc)
	ctx := context.Background()
	vpc := aws.ToString(must[*ec2.CreateVpcOutput](t)(c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.30.0.0/16")})).Vpc.VpcId)
	igw := aws.ToString(must[*ec2.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId)
	must[*ec2.AttachInternetGatewayOutput](t)(c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &igw, VpcId: &vpc}))
	subnet := func(block string) string {
		return aws.ToString(must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &vpc, CidrBlock: aws.String(block),
			AvailabilityZone: aws.String("us-east-1a")})).Subnet.SubnetId)
	}
	public, private := subnet("10.30.0.0/24"), subnet("10.30.1.0/24")
	s.env = append(s.env, "TF_VAR_vpc_id="+vpc, "TF_VAR_internet_gateway_id="+igw,
		"TF_VAR_public_subnet_id="+public, "TF_VAR_private_subnet_id="+private)
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		eip := wantAddrIn(t, out, "eip_public_ip", "0.0.0.0/0")
		wantEqual(t, out, "nat_public_ip", eip.String())
		wantAddrIn(t, out, "nat_private_ip", "10.30.0.0/24")
		if !strings.HasPrefix(out["nat_network_interface_id"], "eni-") {
			t.Errorf("nat_network_interface_id = %q, want an eni- ID", out["nat_network_interface_id"])
		}
		wantEqual(t, out, "private_nat_private_ip", "10.30.1.10")
		wantEqual(t, out, "private_nat_public_ip", "")
	})
	// The gateways gave the subnets and the internet gateway back.
	for _, id := range []string{public, private} {
		must[*ec2.DeleteSubnetOutput](t)(c.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(id)}))
	}
	must[*ec2.DetachInternetGatewayOutput](t)(c.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: &igw, VpcId: &vpc}))
	must[*ec2.DeleteInternetGatewayOutput](t)(c.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: &igw}))
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: &vpc}))
	s.checkEmpty(sc)
}

// must returns a call's result, failing the test on its error.
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// TestTerraformSubnetGroups applies the subnet groups of RDS, ElastiCache
// and Redshift over one VPC's subnets, as the community VPC module makes
// them, with the provider reaching those services and STS at the
// emulator; checks that a plan right after is empty; changes every group's
// description, subnets and tags in place and plans again; and destroys.
func TestTerraformSubnetGroups(t *testing.T) {
	sc := scope{"111111111111", "eu-west-1"}
	s := newStack(t, "subnetgroups", sc)
	t.Cleanup(func() {
		if t.Failed() {
			if code, out := s.run("destroy", "-auto-approve", "-input=false", "-no-color", "-var=generation=2"); code != 0 {
				t.Logf("cleanup destroy: exit %d\n%s", code, out)
			}
		}
	})
	for _, gen := range []string{"1", "2"} {
		v := "-var=generation=" + gen
		if code, out := s.run("apply", "-auto-approve", "-input=false", "-no-color", v); code != 0 {
			t.Fatalf("terraform apply (generation %s): exit %d\n%s", gen, code, out)
		}
		if code, out := s.run("plan", "-detailed-exitcode", "-input=false", "-no-color", v); code != 0 {
			t.Errorf("terraform plan -detailed-exitcode right after apply (generation %s): exit %d, want 0 (no drift)\n%s", gen, code, out)
		}
		out := s.outputs()
		wantEqual(t, out, "db_arn", "arn:aws:rds:eu-west-1:111111111111:subgrp:orders-db")
		wantEqual(t, out, "db_network_types", "IPV4")
		wantEqual(t, out, "cache_name", "sessions")
		wantEqual(t, out, "cache_arn", "arn:aws:elasticache:eu-west-1:111111111111:subnetgroup:sessions")
		wantEqual(t, out, "cache_in_vpc", "true")
		wantEqual(t, out, "dw_arn", "arn:aws:redshift:eu-west-1:111111111111:subnetgroup:warehouse")
		if gen == "1" {
			wantEqual(t, out, "db_subnets", "2")
			wantEqual(t, out, "dw_tags", "Name,Stack")
		} else {
			wantEqual(t, out, "db_subnets", "3")
			wantEqual(t, out, "dw_tags", "Name,Stack,Team")
		}
	}
	// The groups go first, checked gone, then the rest.
	groups := []string{"-target=aws_db_subnet_group.database", "-target=aws_elasticache_subnet_group.elasticache", "-target=aws_redshift_subnet_group.redshift"}
	if code, out := s.run(append([]string{"destroy", "-auto-approve", "-refresh=false", "-input=false", "-no-color", "-var=generation=2"}, groups...)...); code != 0 {
		t.Fatalf("terraform destroy of the groups: exit %d\n%s", code, out)
	}
	s.checkNoSubnetGroups(sc)
	if code, out := s.run("destroy", "-auto-approve", "-refresh=false", "-input=false", "-no-color", "-var=generation=2"); code != 0 {
		t.Fatalf("terraform destroy: exit %d\n%s", code, out)
	}
	s.checkEmpty(sc)
}

// checkNoSubnetGroups asserts that a scope holds no subnet group of RDS,
// ElastiCache or Redshift.
func (s *stack) checkNoSubnetGroups(sc scope) {
	t := s.t
	t.Helper()
	ctx := context.Background()
	creds := credentials.NewStaticCredentialsProvider(sc.account, "emulator", "")
	where := sc.account + "/" + sc.region
	db, err := rds.New(rds.Options{Region: sc.region, BaseEndpoint: aws.String(s.srv.URL), Credentials: creds, Retryer: aws.NopRetryer{},
		HTTPClient: s.srv.Client()}).DescribeDBSubnetGroups(ctx, &rds.DescribeDBSubnetGroupsInput{})
	if err != nil || len(db.DBSubnetGroups) != 0 {
		t.Errorf("%s: DB subnet groups left after destroy: %+v, %v", where, db, err)
	}
	cache, err := elasticache.New(elasticache.Options{Region: sc.region, BaseEndpoint: aws.String(s.srv.URL), Credentials: creds, Retryer: aws.NopRetryer{},
		HTTPClient: s.srv.Client()}).DescribeCacheSubnetGroups(ctx, &elasticache.DescribeCacheSubnetGroupsInput{})
	if err != nil || len(cache.CacheSubnetGroups) != 0 {
		t.Errorf("%s: cache subnet groups left after destroy: %+v, %v", where, cache, err)
	}
	dw, err := redshift.New(redshift.Options{Region: sc.region, BaseEndpoint: aws.String(s.srv.URL), Credentials: creds, Retryer: aws.NopRetryer{},
		HTTPClient: s.srv.Client()}).DescribeClusterSubnetGroups(ctx, &redshift.DescribeClusterSubnetGroupsInput{})
	if err != nil || len(dw.ClusterSubnetGroups) != 0 {
		t.Errorf("%s: cluster subnet groups left after destroy: %+v, %v", where, dw, err)
	}
}

// TestTerraformDHCPFlowLogs applies a VPC with a DHCP option set and its
// association, a second set with every option, the Region's default set
// taken over, and flow logs to S3 (with destination options) and to
// CloudWatch Logs (with an IAM role), declared as the community VPC module
// declares them (testdata/terraform/dhcpflow).
func TestTerraformDHCPFlowLogs(t *testing.T) {
	s := newStack(t, "dhcpflow", scope{"111111111111", "eu-west-1"})
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		wantEqual(t, out, "vpc_dhcp_options_id", out["dhcp_options_id"])
		wantEqual(t, out, "dhcp_domain_name", "service.consul")
		wantEqual(t, out, "default_domain_name", "eu-west-1.compute.internal")
		wantEqual(t, out, "cloudwatch_destination", "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/vpc-flow-log/dhcpflow")
		wantEqual(t, out, "s3_file_format", "parquet")
	})
	ctx := context.Background()
	c := s.client(scope{"111111111111", "eu-west-1"})
	fls, err := c.DescribeFlowLogs(ctx, &ec2.DescribeFlowLogsInput{})
	if err != nil {
		t.Fatalf("DescribeFlowLogs: %v", err)
	}
	for _, f := range fls.FlowLogs {
		t.Errorf("flow log %s left after destroy", aws.ToString(f.FlowLogId))
	}
	dopts, err := c.DescribeDhcpOptions(ctx, &ec2.DescribeDhcpOptionsInput{})
	if err != nil {
		t.Fatalf("DescribeDhcpOptions: %v", err)
	}
	// Only the default set stays: aws_default_vpc_dhcp_options leaves it.
	if len(dopts.DhcpOptions) != 1 {
		t.Errorf("DHCP option sets left after destroy: %+v", dopts.DhcpOptions)
	}
}
