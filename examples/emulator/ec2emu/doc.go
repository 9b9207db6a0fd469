// Package ec2emu is an EC2 Query API server built on vpcmodel.Cloud: VPCs,
// VPC peering, route tables and Site-to-Site VPN with EC2's real lifecycle,
// for tests and local development. The unmodified AWS SDKs, boto3 and the
// AWS CLI talk to it. New returns an http.Handler; the emulator command
// serves one on loopback, and tests embed one with net/http/httptest.
//
// The server is a wire adapter and nothing more: it decodes a request into
// the input of the Cloud method named by its Action, calls it, and encodes
// its output, both by the `ec2` field tags of the input and output types.
// Every EC2 rule, and every EC2 action it serves, is the Cloud's: a method
// added to vpcmodel.Cloud is served with no change here. It imports only
// public packages, so a copy of it builds in any other module.
//
// # Wire contract
//
// Requests are POST / with an application/x-www-form-urlencoded body (or GET
// with a query string): Action=...&Version=2016-11-15 and the parameters
// named as the EC2 Query API names them (Filter.1.Name, Filter.1.Value.1,
// TagSpecification.1.Tag.1.Key, Options.TunnelOptions.1.PreSharedKey,
// ...). Each action declares its parameters once, in the `ec2` field tags of
// its input struct; parameters no action declares are ignored. Responses
// are XML in the http://ec2.amazonaws.com/doc/2016-11-15/ namespace with a
// requestId, lists as <xxxSet><item>. Refusals are EC2's error document,
// <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>,
// with HTTP 400; 403 for AuthFailure, 412 for a successful DryRun, 413 for
// an oversize body and 500 only for a bug (a recovered panic, logged).
// Every library refusal is answered with its own ErrorCode and
// ErrorMessage, unchanged.
//
// # Callers
//
// The caller's account is the access key ID of the SigV4 Authorization
// header when it is 12 digits, else the x-moto-account-id header, else
// 000000000000. Its Region is the signature's credential scope Region, else
// us-east-1. Each account and Region sees only its own VPCs, route tables and
// VPN resources, and the peering connections it is a party to, each with its
// own tags.
//
// # Time
//
// The clock is the wall clock plus an offset: POST /_emulator/clock with
// advance=<Go duration> moves it forward and answers the new time; GET
// /_emulator/clock answers the current time in RFC 3339. EC2's asynchronous
// steps (initiating-request to pending-acceptance or failed, provisioning to
// active, deleting to deleted, VPN pending to available, gateway attaching
// to attached) complete on the next request after the action. GET
// /_emulator/health answers 200; POST /_emulator/reset clears all state and
// the clock offset.
//
// # Choices where EC2 gives the emulator no answer
//
//   - A VPN connection's two tunnels come UP when it becomes available, as if
//     the customer's device connected at once (vpcmodel's
//     Options.CustomerDevicesConnect), so a VGW with route propagation
//     enabled propagates the connection's static routes.
//   - The rest are the Cloud's, documented there: deleted VPN resources stay
//     listed for an hour, Describe results are in ID order, NextToken is
//     opaque.
//
// What it serves is what vpcmodel.Cloud implements: VPCs and their IPv4
// blocks and attributes, the default security group and network ACL of each
// VPC (described, not modifiable), VPC peering, route tables, routes and VGW
// propagation, customer and virtual private gateways, VPN connections and
// their static routes and sample configurations, tags, and STS
// GetCallerIdentity. Subnets, internet, egress-only and NAT gateways,
// transit gateways, IPv6 blocks, security group rules, ACL entries, VPN
// modifications and Network Insights are not implemented yet: their actions
// answer InvalidAction, and routes to such targets are refused as not found.
package ec2emu
