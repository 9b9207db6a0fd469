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
// # RDS, ElastiCache and Redshift
//
// Tools that build a VPC make the subnet groups of RDS, ElastiCache and
// Redshift with it, so the server answers those services' Query APIs for
// their subnet groups too. The service a request's SigV4 credential scope
// names picks the API (Credential=KEY/DATE/REGION/rds/aws4_request); a
// request signed for any other service, or not signed, is EC2's (or STS's
// GetCallerIdentity), as before. The actions are the methods of the
// Cloud's view of the service (vpcmodel.Cloud.RDS, .ElastiCache,
// .Redshift), found by reflection as the EC2 actions are:
//
//	rds (2014-10-31)           CreateDBSubnetGroup, DescribeDBSubnetGroups, ModifyDBSubnetGroup,
//	                           DeleteDBSubnetGroup, ListTagsForResource, AddTagsToResource,
//	                           RemoveTagsFromResource
//	elasticache (2015-02-02)   CreateCacheSubnetGroup, DescribeCacheSubnetGroups,
//	                           ModifyCacheSubnetGroup, DeleteCacheSubnetGroup,
//	                           ListTagsForResource, AddTagsToResource, RemoveTagsFromResource
//	redshift (2012-12-01)      CreateClusterSubnetGroup, DescribeClusterSubnetGroups,
//	                           ModifyClusterSubnetGroup, DeleteClusterSubnetGroup, CreateTags,
//	                           DescribeTags, DeleteTags
//
// Their parameters are named by the `query` tags of the inputs, lists with
// their members' names (SubnetIds.SubnetIdentifier.N, Tags.Tag.N.Key,
// TagKeys.member.N); a bare list name ("SubnetIds=") is an empty list.
// Responses are <ActionResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
// (each service its own namespace) holding <ActionResult> with the
// output's members, named as declared, lists as <Name><Member>, and
// <ResponseMetadata><RequestId/>; an action that answers nothing has no
// result element. Refusals are <ErrorResponse><Error><Type>Sender</Type>
// <Code/><Message/></Error><RequestId/></ErrorResponse>, with HTTP 400,
// or 404 for the codes the service documents so (RDS's
// DBSubnetGroupNotFoundFault, Redshift's ResourceNotFoundFault). DryRun
// is EC2's alone. The persistence below records each call with the
// service it was made to.
//
// # IAM and CloudWatch Logs
//
// VPC flow logs and VPN tunnel logs are delivered to CloudWatch Logs log
// groups through IAM roles, which the same tools make. A request signed
// for iam (2010-05-08) is one more Query service, served by
// vpcmodel.Cloud.IAM: CreateRole, GetRole, ListRoles, DeleteRole,
// UpdateRole, UpdateAssumeRolePolicy, TagRole, UntagRole, ListRoleTags,
// ListRolePolicies, ListAttachedRolePolicies, ListInstanceProfilesForRole,
// CreatePolicy, GetPolicy, DeletePolicy, CreatePolicyVersion,
// GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion, TagPolicy,
// UntagPolicy, ListPolicyTags, AttachRolePolicy, DetachRolePolicy,
// PutRolePolicy, GetRolePolicy, DeleteRolePolicy and
// ListEntitiesForPolicy, in the namespace
// https://iam.amazonaws.com/doc/2010-05-08/; NoSuchEntity is answered with
// HTTP 404, EntityAlreadyExists, DeleteConflict and LimitExceeded with 409.
// CloudWatch Logs speaks JSON 1.1: a POST signed for logs, or whose
// X-Amz-Target is Logs_20140328.ACTION, has its JSON body decoded with
// encoding/json into the input of vpcmodel.Cloud.Logs's method of that
// name (CreateLogGroup, DeleteLogGroup, DescribeLogGroups,
// PutRetentionPolicy, DeleteRetentionPolicy, TagResource, UntagResource,
// ListTagsForResource, TagLogGroup, UntagLogGroup, ListTagsLogGroup); the
// output is answered as application/x-amz-json-1.1, a refusal as HTTP 400
// with {"__type":"CODE","message":"..."}, and a body that is not one JSON
// object of the input's types as SerializationException. The request log
// records such a call as the form Action=ACTION&Body=JSON, replayed
// through the same decoder.
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
// to attached, CIDR block associating to associated and disassociating to
// disassociated) complete on the next request after the action. GET
// /_emulator/health answers 200; POST /_emulator/reset clears all state and
// the clock offset.
//
// # Persistence
//
// A server made by Open keeps its state in a directory and restores it at
// start; one made by New keeps it in memory and writes nothing. Every
// request that changed the state is durable before it is answered, so a
// crash, kill -9 included, loses nothing that was acknowledged.
//
// The directory holds a snapshot and a write-ahead log of requests. A
// vpcmodel.Cloud is deterministic given each call's caller, input, instant
// and random stream, so the log records calls, not their effects: the
// request's parameters as given (the Action among them), its caller, the
// instant it was served at, and the EC2 error code it was answered with.
// Replay sends each one through the same decode-and-call path at the same
// instant. The log is then as small as the requests, the adapter knows
// nothing of what an action changes (it re-implements no rule), and an
// action added to the Cloud persists with no change here. The server owns
// its random stream as a *rand.ChaCha8, whose position the snapshot
// records, so that replay draws the same IDs and keys.
//
// Only calls that changed the Cloud are logged: those that moved
// Cloud.Version, which counts successful changes, steps EC2 takes by itself
// that a call (a Describe too) completed, and reads of the random source (a
// refused call may make one). A replayed call must be answered as it was
// and move Version again; if not, the state does not match the log, and
// Open refuses it. Version does not count a route table the Cloud brings
// up to date with its targets when the table is read (a route to a deleted
// connection turning blackhole): a restored table is as the last logged
// change left it, and its next read refreshes it the same way, so every
// answer is the same.
//
// Order and durability: every call to the Cloud runs under the server's
// lock, which takes the instant (the wall clock plus the offset, never
// earlier than an instant already handed out), makes the call, and appends
// the record if Version moved. Log order is therefore service order, and
// replay meets the state each call met. The lock is released before the
// sync: a group-commit goroutine writes whatever was appended since its
// last write with one write and one fsync, then wakes the calls it
// covered, and only then is each answered; concurrent writers share a
// sync rather than queue for one each. A call that changed nothing waits
// too, for the last record appended before it: its answer may show a
// change not yet synced (a Describe listing a VPC just created), and no
// client may see a state that a crash would take back. With nothing in
// flight that wait is free; otherwise it joins the sync under way. The
// clock offset is logged by POST /_emulator/clock, with the instant it
// answered, and the snapshot holds both, so the clock never goes back
// across a restart. (Its floor is the latest instant a logged call was
// served at. Were the wall clock set back across a restart, the clock
// could answer earlier than a call that changed nothing did before it,
// never earlier than a change.)
//
// Compaction writes the whole state as a snapshot of a new generation and
// starts an empty log of that generation: when the log grows past
// Options.CompactBytes (DefaultCompactBytes), when the calls it holds took
// longer to serve than Options.CompactReplay (DefaultCompactReplay), on
// POST /_emulator/reset (which so clears the directory's state too), and
// on Close. The second bound is what keeps a start after kill -9 short:
// replaying a call costs about what serving it did, so the log replays in
// about that time on top of reading the snapshot, whatever mix of calls it
// holds. (A log whose replay at Open took longer is compacted right after.)
// It costs a large state under steady writes a snapshot after every
// CompactReplay of calls; a bound on the snapshot's own cost would be
// wall time too, and fsync under a loaded disk would let it, and with it
// the log, grow without measure. Each file is
// written aside (a .tmp name), synced, renamed into place and the
// directory synced, so it is always whole, old or new; the snapshot goes
// first. A crash between the two renames leaves the old log (generation
// G-1) beside the new snapshot (G), which already holds its calls: Open
// starts a new log. A log of generation G beside snapshot G is replayed;
// any other pair is refused; .tmp files are partial writes and are
// removed. Calls wait while a snapshot is written.
//
// Both files are a header (magic, format version, generation) and then
// records, each a length, a CRC-32C and a payload (package
// internal/wal). The snapshot's records are a meta record (the random
// stream's state, the clock offset and the latest instant), the Cloud's
// WriteTo stream in chunks of 1 MiB, and an end record with the stream's
// length. The log's records are requests and clock offsets; a request to
// another service than EC2 is a record of its own kind, which names the
// service first. A crash during
// a write leaves at most a torn final log record, which was never
// acknowledged: Open drops it with a log line and cuts it from the file.
// Anything else that does not read, and a format version other than 1, is
// refused with an error naming the file and byte offset: the emulator
// never starts with part of a state. The Cloud's stream carries its own
// encoding version: a snapshot written by an older vpcmodel reads, as
// Cloud.ReadFrom reads every earlier version; one of a later version is
// refused the same way, with ReadFrom's message naming the versions this
// build reads. A write or sync that fails stops the
// server: every later request is answered InternalError, and the directory
// keeps the state last acknowledged. A lock file keeps two servers out of
// one directory.
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
// What it serves is what vpcmodel.Cloud implements: VPCs with their IPv4
// and Amazon-provided IPv6 blocks and attributes, and the Region's default
// VPC; availability zones; IPv4, dual-stack and IPv6-only subnets; internet,
// egress-only and NAT gateways and Elastic IP addresses; security groups
// and network ACLs; VPC Block Public Access; VPC peering; route tables,
// routes of both families, associations (gateway route tables included) and
// VGW propagation; customer and virtual private gateways; VPN connections
// with their static routes, modifications, tunnel lifecycle control and
// sample configurations; network interfaces; Network Insights paths and
// analyses; tags; STS GetCallerIdentity; the subnet groups of RDS,
// ElastiCache and Redshift; and CloudWatch Logs log groups. IAM roles and
// policies are the account's, seen from every Region. Transit gateways, VPC
// endpoints, DHCP option sets and flow logs are not implemented: their
// actions answer InvalidAction, and routes to such targets are refused as
// not found. An analysis started with StartNetworkInsightsAnalysis is
// running until the next request, then succeeded with its result.
package ec2emu
