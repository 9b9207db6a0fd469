package main_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestTerraformEndpoints applies, plans and destroys the endpoints stack:
// the VPC module's vpc-endpoints submodule's data sources and resources
// with the complete example's endpoints, plus an s3 Gateway endpoint and
// an ssm one in other subnets. After destroy no endpoint but deleted ones
// and no network interface is left.
func TestTerraformEndpoints(t *testing.T) {
	sc := scope{"111111111111", "us-east-1"}
	s := newStack(t, "endpoints")
	s.applyPlanDestroy(func(t *testing.T, out map[string]string) {
		var states map[string]string
		if err := json.Unmarshal([]byte(out["endpoint_states"]), &states); err != nil {
			t.Fatalf("endpoint_states = %q: %v", out["endpoint_states"], err)
		}
		if len(states) != 8 {
			t.Errorf("endpoints = %v, want 8", states)
		}
		for k, v := range states {
			if v != "available" {
				t.Errorf("endpoint %s is %s, want available", k, v)
			}
		}
		if !strings.HasPrefix(out["s3_gateway_prefix_list_id"], "pl-") {
			t.Errorf("s3_gateway_prefix_list_id = %q", out["s3_gateway_prefix_list_id"])
		}
		if !strings.Contains(out["dynamodb_cidr_blocks"], "/") {
			t.Errorf("dynamodb_cidr_blocks = %q", out["dynamodb_cidr_blocks"])
		}
		wantEqual(t, out, "ecs_network_interface_count", "2")
		var addrs []string
		if err := json.Unmarshal([]byte(out["ecs_subnet_addresses"]), &addrs); err != nil || strings.Join(addrs, " ") != "10.40.0.10 10.40.1.10" {
			t.Errorf("ecs_subnet_addresses = %q (%v), want the configured 10.40.0.10 and 10.40.1.10", out["ecs_subnet_addresses"], err)
		}
		wantEqual(t, out, "s3_service_type", "Interface")
		wantEqual(t, out, "dynamodb_route_table_count", "3")
	})
	c := s.client(sc)
	ctx := context.Background()
	eps := must[*ec2.DescribeVpcEndpointsOutput](t)(c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{})).VpcEndpoints
	for _, e := range eps {
		if e.State != types.State("deleted") {
			t.Errorf("endpoint %s left %s after destroy", aws.ToString(e.VpcEndpointId), e.State)
		}
	}
	if n := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{})).NetworkInterfaces; len(n) != 0 {
		t.Errorf("%d network interfaces left after destroy", len(n))
	}
}
