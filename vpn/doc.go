// Package vpn models AWS Site-to-Site VPN as EC2 behaves: customer
// gateways, virtual private gateways (VGWs) and their VPC attachments, and
// VPN connections with exactly two tunnels whose every option is validated
// and resolved, plus what EC2 generates for a connection: inside CIDRs,
// pre-shared keys, AWS endpoint addresses, the customer gateway
// configuration XML and device sample configurations.
//
// Everything is a value: actions return a new value and leave the receiver
// untouched. Time comes in as now; randomness (IDs, keys, inside CIDRs,
// outside addresses) comes from the caller's io.Reader, so the same reader
// bytes give the same connection and the same configuration text.
//
// # Lifecycle
//
//	customer gateway   CreateCustomerGateway → available ─Delete→ deleted
//	                   (refused while a live connection uses it: IncorrectState)
//	VGW                CreateGateway → available ─Delete→ deleted (only when detached)
//	VGW attachment     Attach → attaching ─Settle→ attached ─Detach→ detaching ─Settle→ detached
//	connection         Create → pending ─Settle→ available ─Delete→ deleting ─Settle→ deleted
//	                   available ─Modify…/ReplaceTunnel→ modifying ─Settle→ available
//	                   (Delete allowed too)
//	static route       CreateRoute → pending ─Settle→ available ─DeleteRoute→ deleting ─Settle→ gone
//	tunnel telemetry   DOWN "IPSEC IS DOWN" until SetTunnelStatus says otherwise;
//	                   a replaced endpoint (a Modify, ReplaceTunnel, applied
//	                   maintenance) goes DOWN the same way
//	tunnel maintenance none ─ModifyTunnelOptions skipping replacement→ pending
//	                   ─ReplaceTunnel(applyPending), lifecycle control off, or
//	                   Settle at AutoAppliedAfter→ applied (LastApplied)
//
// Every action is dated at its now, or at the resource's latest recorded
// change when now is earlier, so time never runs back. A step marked
// ─Settle→ completes at a Settle whose now is not before the instant of the
// action that began it (!now.Before(start)): Settle at that instant or any
// later one completes it at once, as an emulator settling on its next
// request needs, and Settle 1ns earlier leaves it. Deletions of gateways
// take effect at once and record their instant ([Gateway.DeletedAt]).
//
// A deleted resource stays listed by Describe, in state deleted, for
// [DeletedRetention] (one hour, the project's decision; EC2 says "a short
// while"): see the IsListed methods. Describe shows a connection's customer
// gateway configuration only while pending or available
// ([Connection.DescribedConfiguration]), and of each tunnel's options only
// those the request set ([Tunnel.DescribedOptions]).
//
// # Rules
//
//	rule                                                      EC2 code
//	CGW type ipsec.1                                          MissingParameter / InvalidParameterValue
//	CGW BgpAsn 1–2,147,483,647; BgpAsnExtended above; not     InvalidParameterValue /
//	  both; neither → 65000 (H.8)                             InvalidParameterCombination
//	identical CGW create returns the existing one (H.8)       FindIdenticalCustomerGateway
//	VGW AmazonSideAsn 64512–65534 or 4.2e9–4,294,967,294;     InvalidParameterValue
//	  default 64512
//	a VPC has one VGW at a time                               InvalidVpcState
//	a VGW attaches to one VPC at a time                       VpnGatewayAttachmentLimitExceeded
//	detach only what is attached                              InvalidVpnGatewayAttachment.NotFound
//	delete a VGW only when detached and unused                IncorrectState
//	CGW ASN ≠ Amazon side ASN (BGP connections)               AsnConflict
//	CGW / VGW must be available                               InvalidCustomerGatewayState / InvalidVpnGatewayState
//	VGW and transit gateway not both                          InvalidParameterValue
//	one live connection per CGW and VGW (H.9)                 InvalidOption.Conflict
//	at most two TunnelOptions                                 InvalidParameterValue
//	TunnelInsideCidr: /30 in 169.254.0.0/16, not reserved     InvalidParameterValue (H.10)
//	  (169.254.0-5.0/30, 169.254.169.252/30)
//	both tunnels the same inside CIDR                         InvalidParameterValue (H.10)
//	inside CIDR used by a live connection on the same VGW     InvalidCidr.InUse (H.10)
//	TunnelInsideIpv6Cidr: /126 in fd00::/8, ipv6 only         InvalidParameterValue / InvalidParameterCombination
//	ipv6 inside only on a transit gateway                     InvalidParameterCombination
//	PreSharedKey 8–64 of [A-Za-z0-9._], not starting with 0   InvalidParameterValue
//	Phase1LifetimeSeconds 900–28800 (28800)                   InvalidParameterValue
//	Phase2LifetimeSeconds 900–3600 (3600), < phase 1          InvalidParameterValue / InvalidParameterCombination
//	RekeyMarginTimeSeconds 60–phase 2 / 2 (270, H.7)          InvalidParameterValue / InvalidParameterCombination
//	RekeyFuzzPercentage 0–100 (100)                           InvalidParameterValue
//	ReplayWindowSize 64–2048 (1024)                           InvalidParameterValue
//	DPDTimeoutSeconds ≥ 30 (30, H.7)                          InvalidParameterValue
//	DPDTimeoutAction clear | none | restart (clear)           InvalidParameterValue
//	phase 1/2 encryption AES128 AES256 AES128-GCM-16          InvalidParameterValue
//	  AES256-GCM-16; integrity SHA1 SHA2-256 SHA2-384 SHA2-512
//	phase 1 DH 2, 14–24; phase 2 DH 2, 5, 14–24               InvalidParameterValue
//	IKEVersions ikev1 ikev2; StartupAction add | start,       InvalidParameterValue /
//	  start only when IKEv2 is allowed (decision below)       InvalidParameterCombination
//	EnableTunnelLifecycleControl true | false (false)         —
//	LogOptions.CloudWatchLogOptions: Log/BgpLogGroupArn a     InvalidParameterValue
//	  log group ARN; required when the log is enabled;        MissingParameter
//	  Log/BgpLogOutputFormat json | text (json)               InvalidParameterValue
//	OutsideIpAddressType PublicIpv4 (default) | PrivateIpv4   InvalidParameterValue /
//	  | Ipv6; the last two only on a transit gateway          InvalidParameterCombination
//	PrivateIpv4 on a transit gateway (decision below)         UnsupportedOperation
//	Ipv6 outside addresses need an IPv6 customer gateway      InvalidParameterCombination
//	TunnelBandwidth standard (default) | large; large only    InvalidParameterValue /
//	  on a transit gateway                                    InvalidParameterCombination
//	Modify only an available connection, one change at a     InvalidVpnConnection.InvalidState
//	  time (decision below)
//	ModifyTunnelOptions, ReplaceTunnel: an outside address    InvalidParameterValue
//	  of a tunnel
//	ModifyGateway: exactly one gateway; none / several        MissingParameter / InvalidParameterCombination
//	ModifyGateway to or from a transit gateway                UnsupportedOperation
//	connections per Region 50, per VGW 10 (Quotas)            VpnConnectionLimitExceeded
//	static routes only on static connections on a VGW         InvalidVpnConnection.InvalidType
//	routes only on available connections                      InvalidVpnConnection.InvalidState
//
// Marks H.7–H.13 name the project's decisions where AWS's documents are
// silent or disagree (the behaviour reference, section H). Defaults (in
// parentheses) fill what the caller leaves out; [Tunnel]
// exposes the resolved values. Generated inside CIDRs are uniform over the
// free blocks; generated keys are 32 characters of EC2's alphabet (letters,
// digits, '.', '_'), never starting with '0'; AWS endpoint addresses come
// from a caller's pool, by default the documentation range 192.0.2.0/24.
//
// # Modifications
//
// [Connection.ModifyTunnelOptions] (ModifyVpnTunnelOptions) changes one
// tunnel, found by its AWS outside address: every option CreateVpnConnection
// takes, validated by the same rules against the values the tunnel keeps;
// the requested record merges, so Describe echoes what has been set.
// [Connection.ModifyOptions] (ModifyVpnConnectionOptions) changes the four
// traffic selectors and the tunnel bandwidth; [Connection.ModifyGateway]
// (ModifyVpnConnection) the customer gateway or the VGW;
// [Connection.ReplaceTunnel] (ReplaceVpnTunnel) replaces one endpoint. Each takes an available connection to
// modifying; Settle at or after the action's instant makes it available.
// The configuration XML and the device configurations are functions of the
// connection, so they show the new values at once.
//
// # Tunnel lifecycle control and maintenance
//
// Each tunnel has a [Maintenance]: whether an endpoint replacement is
// pending, when AWS applies it by itself (AutoAppliedAfter) and when
// maintenance was last applied; GetVpnTunnelReplacementStatus reports it.
// With EnableTunnelLifecycleControl the customer may apply it earlier with
// [Connection.ReplaceTunnel] (ReplaceVpnTunnel, ApplyPendingMaintenance).
// What makes it pending, and what applies it:
//
//	ModifyTunnelOptions, SkipTunnelReplacement, an     pending from the action's
//	  option other than lifecycle control              instant, due MaintenanceWindow later
//	ModifyTunnelOptions turning lifecycle control off  applied at once (replacement)
//	ReplaceTunnel with applyPending                    applied at the replacement
//	Settle at or after AutoAppliedAfter                applied at AutoAppliedAfter
//	ReplaceTunnel without applyPending, a Modify       stays pending
//	  without SkipTunnelReplacement
//
// # Decisions
//
// Where EC2's documents are silent the package decides, and says so here
// (the behaviour reference's section M collects the evidence):
//
//   - StartupAction start needs IKEv2 among the tunnel's IKE versions, and
//     may keep IKEv1 beside it: the default list (ikev1, ikev2) with start is
//     accepted, [ikev1] alone with start is InvalidParameterCombination. The
//     Site-to-Site VPN guide says AWS-initiated IKE "is supported for IKEv2
//     only" (initiate-vpn-tunnels.html), and AWS's knowledge center article
//     on endpoint replacements says AWS initiates only for a tunnel that
//     uses IKEv2 with startup action start: both constrain the version AWS
//     initiates with, not the versions the device may use. No captured EC2
//     answer refuses start with both versions (Terraform's own acceptance
//     test pairs start with [ikev2] only, which proves nothing either way),
//     and Terraform users set tunnel1_startup_action = "start" alone, so
//     refusing it would break them on a reading the documents do not force.
//   - One change at a time: a Modify action on a connection that is still
//     modifying (or pending, deleting, deleted) is refused with
//     InvalidVpnConnection.InvalidState, the code EC2's error catalogue gives
//     for "must be available"; [ErrModifying] tells the modifying case
//     apart. The AWS Landing Zone Accelerator documents one mutating call
//     per connection at a time, and Terraform waits for available between
//     calls; no distinct EC2 code for it is documented.
//   - A tunnel's endpoint replacement (ModifyTunnelOptions without
//     SkipTunnelReplacement, ReplaceTunnel) takes that tunnel DOWN, "IPSEC
//     IS DOWN", until the device reconnects; the other tunnel is untouched.
//     ModifyOptions and ModifyGateway replace both endpoints ("both tunnels
//     are down while new endpoints are provisioned").
//   - SkipTunnelReplacement: EC2 documents it as mattering when lifecycle
//     control is turned on or off (the toggle replaces the endpoint unless
//     skipped; turning the feature off while maintenance is pending cannot
//     skip it). The package honours it for any change: lifecycle control
//     alone, skipped, replaces nothing; any other option, skipped, leaves
//     the tunnel's maintenance pending ("the change waits for the next
//     replacement"). AWS's own maintenance has no API trigger, so this is
//     the one deterministic way maintenance becomes pending. The new
//     options are the tunnel's at once (Describe, XML, device
//     configurations): the package keeps no second set of options.
//   - Pending maintenance is applied by ReplaceTunnel with applyPending, by
//     turning lifecycle control off, or at AutoAppliedAfter, which is
//     [MaintenanceWindow] (fourteen days) after it became pending; a
//     second skipped change keeps the first deadline. A replacement without
//     applyPending, and a Modify that replaces the endpoint, leave it
//     pending, as a replacement need not carry AWS's update. The deadline
//     applies whether or not lifecycle control is on, and
//     GetVpnTunnelReplacementStatus reports the maintenance either way.
//     AWS gives PendingMaintenance no documented values: it reads
//     "Available" ([PendingMaintenanceAvailable]) while pending, and is
//     left out otherwise.
//   - ReplaceTunnel needs an available connection and makes it modifying,
//     as every other change does (one change at a time); ApplyPendingMaintenance
//     with nothing pending replaces the endpoint and is not an error.
//   - LogOptions: Describe always shows them (EC2 reads a new tunnel back
//     with logging off), with the output format of an enabled log (json
//     unless given); a given LogOptions replaces the tunnel's whole. An
//     enabled log without a log group is MissingParameter. Only the ARN's
//     shape is checked: the log group's existence, account and Region are
//     not, and no log is written.
//   - OutsideIpAddressType and TunnelBandwidth are echoed as resolved
//     (PublicIpv4, standard by default). PrivateIpv4 and Ipv6 outside
//     addresses and the large bandwidth exist only on transit gateways and
//     Cloud WAN (ipv4-ipv6.html, the ModifyVpnConnectionOptions reference):
//     elsewhere InvalidParameterCombination. On a transit gateway,
//     PrivateIpv4 needs a transport attachment the package does not model
//     (UnsupportedOperation), and Ipv6 needs an IPv6 customer gateway,
//     which this package's IPv4 customer gateways are not.
//   - An IPv6-inside tunnel's inside address is its /126. The "IPv4 and
//     IPv6 traffic" page says that each tunnel of such a connection has two
//     CIDR blocks, a /30 and a /126, so a TunnelInsideCidr given with
//     ipv6 inside is accepted (the /30 rules apply), kept and described;
//     none is drawn when it is not given, as no captured answer shows one.
//   - Moving a connection to or from a transit gateway is refused
//     (UnsupportedOperation): the package has no transit gateways whose
//     rules it could check.
//
// # Secrets
//
// Pre-shared keys are of type [PSK], which prints as "[redacted]" with every
// fmt verb and in JSON; [Connection] and [Tunnel] print without keys too.
// Only [PSK.Reveal], the customer gateway configuration and the device
// configurations show them.
//
// # Encoding
//
// [Connection.MarshalBinary], [Gateway.MarshalBinary] and
// [CustomerGateway.MarshalBinary] encode a value losslessly, for storage:
// a JSON object whose first field is the encoding version,
// {"v":1,"id":"vpn-…",…}, then every field in a fixed order, so the same
// value always gives the same bytes. Times are RFC 3339 in UTC with
// nanoseconds; addresses and prefixes are netip's text. The connection's
// form holds the pre-shared keys, both tunnels' resolved and requested
// options and telemetry, the routes and the instants the pending steps
// began. The UnmarshalBinary methods refuse any other version
// ([ErrVersion]) and anything the package's constructors and actions could
// not have produced ([ErrEncoding], naming the field), leaving the
// receiver unchanged. The JSON forms (MarshalJSON) are redacted views:
// decoding them is refused ([ErrRedacted]) rather than give a value that
// silently lost its keys.
//
// # Configurations
//
// [Connection.CustomerGatewayConfiguration] renders EC2's XML document (spec
// F.8, decision H.13): AWS inside address = network + 1, customer = network
// + 2, <bgp> blocks only for dynamic routing, NoBGPVPNConnection right after
// vpn_connection_type for static routing, the connection's own keys,
// addresses and ASNs, and AWS's IKE/IPsec baseline.
//
// [DeviceTypes] lists the device sample configurations
// GetVpnConnectionDeviceTypes serves, each with a stable 8-hex ID, and
// [SampleConfiguration] renders one for a chosen IKE version:
//
//	0572f5fd  Generic          vendor-agnostic text
//	fb8b1bd8  strongSwan 5.8+  swanctl.conf, XFRM interfaces (if_id), IKEv1 or IKEv2
//	f538bce1  strongSwan 5.5+  ipsec.conf and ipsec.secrets, VTI marks
//	b00334ca  Cisco IOS        IKEv2 or ISAKMP, transform sets, VTI tunnel interfaces
//	c066be8a  Juniper SRX      Junos set commands, st0 units
//
// Each renders both tunnels with the tunnel's own proposals, lifetimes, DPD
// settings, inside and outside addresses and BGP or static routes.
// [StrongSwan], [StrongSwanTunnel] (one tunnel) and [StrongSwanProposals]
// give the strongSwan form directly, so a test can configure both ends.
//
// # Quotas
//
// [Quotas] holds the account's VPN quotas per Region (customer gateways 50,
// VGWs 5, connections 50 and 10 per VGW, static routes 100 per connection);
// [Create] enforces the connection quotas, and the Check methods serve the
// other creates.
//
// # Sources
//
//   - CreateVpnConnection, VpnTunnelOptionsSpecification, CreateCustomerGateway,
//     CreateVpnGateway: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/
//   - Tunnel options: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
//   - Quotas: https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html
//   - Customer gateway options: https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html
//   - Error codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
//   - Endpoint replacements and lifecycle control:
//     https://docs.aws.amazon.com/vpn/latest/s2svpn/endpoint-replacements.html,
//     https://docs.aws.amazon.com/vpn/latest/s2svpn/tunnel-endpoint-lifecycle.html
//   - ReplaceVpnTunnel, GetVpnTunnelReplacementStatus, MaintenanceDetails,
//     CloudWatchLogOptionsSpecification: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/
//   - Outside addresses: https://docs.aws.amazon.com/vpn/latest/s2svpn/ipv4-ipv6.html
package vpn
