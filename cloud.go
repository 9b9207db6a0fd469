package vpcmodel

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"sync"
	"time"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/logs"
	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/subnet"
	"github.com/vpclab/vpcmodel/subnetgroup"
	"github.com/vpclab/vpcmodel/tag"
	"github.com/vpclab/vpcmodel/vpc"
	"github.com/vpclab/vpcmodel/vpn"
)

// Caller is who makes a request: an account (12 digits) acting in a Region.
// Every action of a [Cloud] is made by a Caller, and sees only what that
// account may see from that Region. The zero Caller is not valid.
// Caller supports == and can be a map key.
type Caller struct {
	Account string // "111122223333"
	Region  string // "us-east-1"
}

// IsValid reports whether c names a well-formed account and Region.
func (c Caller) IsValid() bool { return ec2.IsAccount(c.Account) && ec2.IsRegion(c.Region) }

// Options configure a [Cloud]. The zero value is ready to use, except that
// a Cloud without a Random source refuses every action that makes an ID.
type Options struct {
	// Random is where resource IDs, pre-shared keys and tunnel addresses come
	// from. The Cloud reads it only while holding its lock, so it need not be
	// safe for concurrent use. Production callers pass crypto/rand.Reader;
	// tests and emulators pass rand.NewChaCha8(seed) for reproducible IDs.
	Random io.Reader
	// PeeringQuotas are the peering quotas (zero fields mean EC2's
	// defaults). Values out of range are brought into it.
	PeeringQuotas peering.Quotas
	// DeletedVPNRetention is how long a deleted customer gateway, virtual
	// private gateway or VPN connection stays listed in state deleted; 0
	// means [DefaultDeletedVPNRetention].
	DeletedVPNRetention time.Duration
	// IPv6Pool is the partition's pool of Amazon-provided IPv6 blocks, the
	// range every VPC's /56 is drawn from: the zero Prefix means
	// vpc.AmazonIPv6Pool() (2600:1f00::/24); New replaces one that is not
	// an IPv6 prefix of /56 or shorter with that default.
	IPv6Pool netip.Prefix

	// AddressesPerRegion is the Elastic IP address quota of each account in
	// each Region; 0 means eip.DefaultQuota, 5.
	AddressesPerRegion int
	// CustomerDevicesConnect is a policy, not an EC2 rule: with it, both
	// tunnels of a VPN connection come UP as soon as the connection is
	// available, as if the customer's device connected at once, so that a
	// virtual private gateway with route propagation enabled propagates the
	// connection's static routes. Without it, tunnels stay DOWN, as they do
	// in EC2 until a device connects.
	CustomerDevicesConnect bool
}

// DefaultDeletedVPNRetention is how long deleted VPN resources stay listed
// when Options.DeletedVPNRetention is 0: [vpn.DeletedRetention].
const DefaultDeletedVPNRetention = vpn.DeletedRetention

// Cloud is one AWS partition's EC2 networking, every account and Region, in
// memory: VPCs and their CIDR blocks and attributes, VPC peering, route
// tables, VPC endpoints, and Site-to-Site VPN. It owns every rule between resources: a
// VPC's blocks against its peering connections and routes, route states
// against their targets, VGW propagation against VPN tunnels and static
// routes, what a deletion depends on, who sees what, per-account tags,
// Describe filters and pagination.
//
// Each method is one EC2 action, named as the EC2 API names it, and takes
// the [Caller], the action's input and now. Input and output fields carry
// their EC2 wire names in `ec2` struct tags, so a wire adapter maps
// parameters to fields with no per-action code.
//
// Time is the caller's: steps EC2 takes by itself (a peering request
// reaching pending-acceptance, an accepted connection becoming active, a
// VPN connection becoming available, a block association completing)
// happen at the start of the next call, whoever makes it. A now earlier
// than one the Cloud has seen counts as that later instant, so time never
// runs backwards.
//
// A Cloud is safe for concurrent use; calls are serialised, so each action
// is atomic, and a refused action changes nothing. It does no I/O and reads
// no clock. Use [New]; the zero Cloud is not valid.
type Cloud struct {
	mu      sync.Mutex
	opts    Options
	random  *countingReader
	version uint64
	state
}

// state is everything a Cloud holds: what [Cloud.WriteTo] writes and
// [Cloud.ReadFrom] replaces, with the indexes derived from it.
type state struct {
	clock     time.Time
	vpcs      map[string]*vpcRec
	tags      map[string]map[scope]tag.Set
	peering   *peering.Registry
	rtbs      map[string]*rtb
	rtbsByVPC map[string][]string // sorted
	vpn       vpnStore
	// unsettledVPCs lists VPCs with a block association still in progress,
	// unsettledSubnets subnets with an IPv6 one.
	unsettledVPCs    []string
	unsettledSubnets []string
	// ipv6Blocks holds every IPv6 block a VPC lists, whatever its state:
	// what the partition has given out, which a new block may not overlap.
	ipv6Blocks map[netip.Prefix]string // block -> its VPC

	// Security groups and network ACLs (secgroups.go, acls.go), each VPC's
	// defaults included.
	sgs  map[string]*sgRec
	acls map[string]*aclRec

	// Indexes, derived from the state above (index.go).
	vpcsIn map[scope]idSet    // each scope's VPCs
	rtbsOf map[scope]idSet    // each scope's route tables
	byPart map[string]*vpcRec // default security group, network ACL and block association IDs -> their VPC
	tagIdx map[tagKey]idSet   // each scope's tags -> the resources carrying them

	// VPC Block Public Access options and exclusions (blockpublic.go).
	blockPublic

	// Subnets, internet gateways and route table associations
	// (subnets.go, gateways.go, associations.go), and their indexes.
	network
	// Indexes of security groups and network ACLs.
	sgsIn       map[scope]idSet   // each scope's security groups
	sgsByVPC    map[string]idSet  // each VPC's security groups
	aclsByVPC   map[string]idSet  // each VPC's network ACLs
	sgRules     map[string]string // security group rule ID -> its group
	aclsIn      map[scope]idSet   // each scope's network ACLs
	aclAssocs   map[string]string // network ACL association ID -> its ACL
	aclOfSubnet map[string]string // subnet ID -> its network ACL association ID

	// Network interfaces (enis.go) and their indexes.
	interfaces
	// VPC endpoints (endpoints.go) and their indexes.
	endpoints
	// Network Insights paths and analyses (insights.go).
	insights
	// The subnet groups of RDS, ElastiCache and Redshift
	// (subnetgroups.go), by service, account and Region, then by name.
	subnetGroups map[groupScope]map[string]subnetgroup.Group

	// DHCP option sets and which VPC uses which (dhcpoptions.go), and flow
	// logs (flowlogs.go).
	dhcpStore
	flowStore
	// CloudWatch Logs log groups (logs.go), by account and Region, then
	// by name.
	logGroups map[scope]map[string]logs.Group
	// IAM roles and customer managed policies (iam.go), by account.
	iamAccounts map[string]*iamAccount
	// IPAMs and their pools (ipams.go).
	ipamStore
	// Transit gateways, their route tables and attachments
	// (transitgateways.go), and their indexes.
	tgwStore
}

// scope is one account in one Region: the unit of isolation.
type scope = Caller

// call is what an action knows about the request it serves.
type call struct {
	scope
	now time.Time
}

func (k *call) party() peering.Party { return peering.Party{Account: k.Account, Region: k.Region} }

// New returns an empty Cloud configured by o.
func New(o Options) *Cloud {
	if o.DeletedVPNRetention <= 0 {
		o.DeletedVPNRetention = DefaultDeletedVPNRetention
	}
	q := o.PeeringQuotas
	q.OutstandingRequests = max(q.OutstandingRequests, 0)
	q.ActivePerVPC = min(max(q.ActivePerVPC, 0), peering.MaxActivePerVPC)
	o.PeeringQuotas = q
	if p := o.IPv6Pool; !p.IsValid() || !p.Addr().Is6() || p.Addr().Is4In6() || p.Addr().Zone() != "" || p.Bits() > vpc.IPv6BlockBits {
		o.IPv6Pool = vpc.AmazonIPv6Pool()
	}
	o.IPv6Pool = o.IPv6Pool.Masked()
	c := &Cloud{opts: o, random: &countingReader{r: o.Random}}
	if o.Random == nil {
		c.random.r = failingReader{}
	}
	c.reset()
	return c
}

// reset empties c; the caller holds c.mu or owns c.
func (c *Cloud) reset() { c.state = c.emptyState() }

// emptyState returns a state with nothing in it, whose peering registry
// resolves VPCs from c's state and draws on c's random source.
func (c *Cloud) emptyState() state {
	return state{
		vpcs:       make(map[string]*vpcRec),
		tags:       make(map[string]map[scope]tag.Set),
		peering:    c.newPeeringRegistry(),
		rtbs:       make(map[string]*rtb),
		rtbsByVPC:  make(map[string][]string),
		vpn:        newVPNStore(),
		vpcsIn:     make(map[scope]idSet),
		rtbsOf:     make(map[scope]idSet),
		byPart:     make(map[string]*vpcRec),
		ipv6Blocks: make(map[netip.Prefix]string),
		tagIdx:     make(map[tagKey]idSet),
		network:    newNetwork(),

		blockPublic: newBlockPublic(),

		sgs:         make(map[string]*sgRec),
		acls:        make(map[string]*aclRec),
		sgsIn:       make(map[scope]idSet),
		sgsByVPC:    make(map[string]idSet),
		aclsByVPC:   make(map[string]idSet),
		sgRules:     make(map[string]string),
		aclsIn:      make(map[scope]idSet),
		aclAssocs:   make(map[string]string),
		aclOfSubnet: make(map[string]string),

		interfaces:   newInterfaces(),
		endpoints:    newEndpoints(),
		insights:     newInsights(),
		subnetGroups: make(map[groupScope]map[string]subnetgroup.Group),
		dhcpStore:    newDHCPStore(),
		flowStore:    newFlowStore(),
		logGroups:    make(map[scope]map[string]logs.Group),
		iamAccounts:  make(map[string]*iamAccount),
		ipamStore:    newIPAMStore(),
		tgwStore:     newTGWStore(),
	}
}

// failingReader is the random source of a Cloud made without one.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) {
	return 0, errors.New("vpcmodel: the Cloud has no random source (Options.Random)")
}

// Error is an EC2 refusal that is not any resource package's: a missing or
// malformed parameter, an unknown ID, a refused filter or pagination token.
// It carries the EC2 API error code (ErrorCode) and AWS's message
// (ErrorMessage), as every error of this module does.
type Error = ec2.Error

// run serves one action that may change state: it checks the caller,
// takes the lock, brings time forward and settles what earlier calls
// started, then runs h. h validates everything before it changes anything.
func run[In, Out any](c *Cloud, caller Caller, in In, now time.Time, h func(*Cloud, *call, *In) (*Out, error)) (Out, error) {
	return serve(c, caller, in, now, h, true)
}

// read serves one action that changes nothing but what EC2 would have
// settled by itself anyway.
func read[In, Out any](c *Cloud, caller Caller, in In, now time.Time, h func(*Cloud, *call, *In) (*Out, error)) (Out, error) {
	return serve(c, caller, in, now, h, false)
}

func serve[In, Out any](c *Cloud, caller Caller, in In, now time.Time, h func(*Cloud, *call, *In) (*Out, error), mutates bool) (Out, error) {
	var zero Out
	if !caller.IsValid() {
		return zero, &Error{Code: "AuthFailure",
			Message: fmt.Sprintf("The caller %q in %q is not a 12-digit account in a well-formed Region.", caller.Account, caller.Region)}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := &call{scope: caller, now: c.advance(now)}
	reads := c.random.n
	changed := c.isDue(k.now)
	c.settle(k.now)
	out, err := h(c, k, &in)
	if changed || mutates && err == nil || c.random.n != reads {
		c.version++
	}
	if err != nil {
		return zero, err
	}
	return *out, nil
}

// Version returns a number that grows with every call that changed the
// Cloud: an action that succeeded in changing something, a step EC2 took
// by itself at the start of a call (a read included), or a read of the
// random source (which a refused action may make). A call that leaves
// Version as it was changed nothing, so an embedder that logs the calls
// which change state, to replay them, can leave that call out. A Cloud
// read back with [Cloud.ReadFrom] keeps its own Version.
func (c *Cloud) Version() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

// isDue reports whether a call at now has steps to complete before its
// action.
func (c *Cloud) isDue(now time.Time) bool {
	return len(c.unsettledVPCs) > 0 || len(c.unsettledSubnets) > 0 || len(c.vpn.unsettled) > 0 || len(c.running) > 0 ||
		len(c.vpn.deleted) > 0 && !now.Before(c.vpn.deleted[0].at.Add(c.opts.DeletedVPNRetention)) ||
		len(c.vpn.maintenance) > 0 && !now.Before(c.vpn.maintenance[0].at) ||
		c.peering.IsDue(now) || c.ipamUnsettled || c.bpaDue(now) || c.natsDueAt(now) || c.vpcesDueAt(now) || c.tgwsDueAt(now)
}

// countingReader counts the bytes read from a random source.
type countingReader struct {
	r io.Reader
	n int64
}

func (cr *countingReader) Read(b []byte) (int, error) {
	n, err := cr.r.Read(b)
	cr.n += int64(n)
	return n, err
}

// advance moves c's clock to now, unless it is already later, and returns
// the clock; the caller holds c.mu.
func (c *Cloud) advance(now time.Time) time.Time {
	now = now.UTC().Round(0)
	if now.After(c.clock) {
		c.clock = now
	}
	return c.clock
}

// settle completes the asynchronous steps earlier calls started. Peering
// connections settle inside their registry and route tables when read.
func (c *Cloud) settle(now time.Time) {
	for _, id := range c.unsettledVPCs {
		r := c.vpcs[id]
		if r == nil {
			continue
		}
		before := r.v
		r.v = r.v.Settle()
		for _, b := range before.Blocks() {
			if _, ok := r.v.Block(b.AssociationID); !ok {
				delete(c.byPart, b.AssociationID)
			}
		}
		for _, b := range before.IPv6Blocks() {
			if _, ok := r.v.IPv6Block(b.AssociationID); !ok {
				delete(c.byPart, b.AssociationID)
				delete(c.ipv6Blocks, b.CIDR)
			}
		}
	}
	c.unsettledVPCs = c.unsettledVPCs[:0]
	for _, id := range c.unsettledSubnets {
		s, ok := c.subnets[id]
		if !ok {
			continue
		}
		next := s.Settle()
		c.subnets[id] = next
		for _, b := range s.IPv6Blocks() {
			if !slices.ContainsFunc(next.IPv6Blocks(), func(n subnet.IPv6Block) bool { return n.AssociationID == b.AssociationID }) {
				delete(c.subnetAssocs, b.AssociationID)
			}
		}
	}
	c.unsettledSubnets = c.unsettledSubnets[:0]
	c.settleVPN(now)
	c.settleBPA(now)
	c.settleNATs(now)
	c.settleVPCEs(now)
	c.settleTGWs(now)
	c.settleInsights()
	c.settleIPAMs()
}

// newID returns a fresh ID of kind k; the caller holds c.mu.
func (c *Cloud) newID(k ec2.Kind) (string, error) {
	return k.NewID(c.random)
}

// readerFunc adapts a function to io.Reader.
type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(b []byte) (int, error) { return f(b) }

// Optional is a parameter or output member that may be absent: Set reports
// whether it is present, Value is its value when it is. The zero value is
// absent. Wire adapters decode a present parameter into Value and set Set.
type Optional[T any] struct {
	Value T
	Set   bool
}

// Some returns an Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Value: v, Set: true} }

// Get returns the value and whether it is present.
func (o Optional[T]) Get() (T, bool) { return o.Value, o.Set }
