package vpcmodel_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel"
	"github.com/vpclab/vpcmodel/gateway"
)

// natModelGW is the model of one NAT gateway: its state, whether
// provisioning fails, what it holds, and when it vanishes.
type natModelGW struct {
	state   string
	public  bool
	alloc   string
	subnet  string
	fails   string    // the failure code provisioning meets, or ""
	expires time.Time // zero unless failed or deleted
}

// natCloudModel is the model of NAT gateways and addresses in one account:
// plain maps, with the rules written the obvious way.
type natCloudModel struct {
	igw     bool
	subnets map[string]bool        // existing subnets
	addrs   map[string]string      // allocation -> the gateway holding it, or ""
	ips     map[string]string      // allocation -> public address
	nats    map[string]*natModelGW // visible gateways
}

func (m *natCloudModel) holds(g *natModelGW) bool {
	return g.fails == "" && (g.state == "pending" || g.state == "available" || g.state == "deleting")
}

// settle applies the steps EC2 takes at the start of a call at now.
func (m *natCloudModel) settle(now time.Time) {
	for id, g := range m.nats {
		switch g.state {
		case "pending":
			if g.fails != "" {
				g.state, g.expires = "failed", now.Add(gateway.NATRetention)
			} else {
				g.state = "available"
			}
		case "deleting":
			if g.fails == "" && g.public {
				m.addrs[g.alloc] = ""
			}
			g.state, g.expires = "deleted", now.Add(gateway.NATRetention)
		}
		if !g.expires.IsZero() && !now.Before(g.expires) {
			delete(m.nats, id)
		}
	}
}

// TestNATCloudProperty plays random allocations, releases, NAT gateway
// creations and deletions, internet gateway attachments, subnet deletions
// and waits against a Cloud and natCloudModel, and compares every
// refusal, every state and every association after each step: the NAT
// lifecycle over time, the uniqueness of public addresses, and who may
// release or take an address.
func TestNATCloudProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := vpcmodel.New(vpcmodel.Options{Random: rand.NewChaCha8([32]byte{byte(rapid.IntRange(0, 255).Draw(t, "seed"))})})
		now := t0
		vpc := mustR[vpcmodel.CreateVpcOutput](t)(c.CreateVpc(alice, vpcmodel.CreateVpcInput{CIDRBlock: "10.0.0.0/16"}, now)).VPC.VPCID
		igw := mustR[vpcmodel.CreateInternetGatewayOutput](t)(c.CreateInternetGateway(alice, vpcmodel.CreateInternetGatewayInput{}, now)).InternetGateway.InternetGatewayID
		m := &natCloudModel{subnets: map[string]bool{}, addrs: map[string]string{}, ips: map[string]string{}, nats: map[string]*natModelGW{}}
		var subnets []string
		for _, b := range []string{"10.0.1.0/24", "10.0.2.0/24"} {
			id := mustR[vpcmodel.CreateSubnetOutput](t)(c.CreateSubnet(alice, vpcmodel.CreateSubnetInput{VPCID: vpc, CIDRBlock: b, AvailabilityZone: "us-east-1a"}, now)).Subnet.SubnetID
			subnets, m.subnets[id] = append(subnets, id), true
		}
		seenIPs := map[string]string{} // every address ever handed out -> its allocation
		var allocs, natIDs []string
		pickAlloc := func(t *rapid.T) string {
			if len(allocs) == 0 || rapid.IntRange(0, 9).Draw(t, "unknownAlloc") == 0 {
				return "eipalloc-0123456789abcdef0"
			}
			return rapid.SampledFrom(allocs).Draw(t, "alloc")
		}
		t.Repeat(map[string]func(*rapid.T){
			"wait": func(t *rapid.T) {
				now = now.Add(time.Duration(rapid.SampledFrom([]int64{0, int64(time.Minute), int64(30 * time.Minute), int64(time.Hour)}).Draw(t, "d")))
			},
			"waitUntilExpiry": func(t *rapid.T) {
				var ends []time.Time
				for _, g := range m.nats {
					if !g.expires.IsZero() {
						ends = append(ends, g.expires)
					}
				}
				if len(ends) == 0 {
					t.Skip("nothing expires")
				}
				at := slices.MinFunc(ends, time.Time.Compare).Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "ns")))
				if at.After(now) {
					now = at
				}
			},
			"allocate": func(t *rapid.T) {
				o, err := c.AllocateAddress(alice, vpcmodel.AllocateAddressInput{}, now)
				m.settle(now)
				if len(m.addrs) >= 5 {
					wantCodeR(t, err, "AddressLimitExceeded")
					return
				}
				if err != nil {
					t.Fatalf("AllocateAddress = %v", err)
				}
				for a, ip := range m.ips {
					if ip == o.PublicIP {
						t.Fatalf("address %s handed out again (held by %s)", ip, a)
					}
				}
				m.addrs[o.AllocationID], m.ips[o.AllocationID] = "", o.PublicIP
				seenIPs[o.PublicIP] = o.AllocationID
				allocs = append(allocs, o.AllocationID)
			},
			"release": func(t *rapid.T) {
				a := pickAlloc(t)
				_, err := c.ReleaseAddress(alice, vpcmodel.ReleaseAddressInput{AllocationID: a}, now)
				m.settle(now)
				holder, ok := m.addrs[a]
				switch {
				case !ok:
					wantCodeR(t, err, "InvalidAllocationID.NotFound")
				case holder != "":
					wantCodeR(t, err, "AuthFailure")
				case err != nil:
					t.Fatalf("ReleaseAddress = %v", err)
				default:
					delete(m.addrs, a)
					delete(m.ips, a)
				}
			},
			"createNAT": func(t *rapid.T) {
				public := rapid.Bool().Draw(t, "public")
				s := rapid.SampledFrom(subnets).Draw(t, "subnet")
				in := vpcmodel.CreateNatGatewayInput{SubnetID: s, ConnectivityType: "private"}
				a := ""
				if public {
					a = pickAlloc(t)
					in.ConnectivityType, in.AllocationID = "public", a
				}
				o, err := c.CreateNatGateway(alice, in, now)
				m.settle(now)
				live := 0
				for _, g := range m.nats {
					if g.state == "pending" || g.state == "available" || g.state == "deleting" {
						live++
					}
				}
				_, known := m.addrs[a]
				switch {
				case !m.subnets[s]:
					wantCodeR(t, err, "InvalidSubnetID.NotFound")
					return
				case public && !known:
					wantCodeR(t, err, "InvalidElasticIpID.NotFound")
					return
				case live >= gateway.NATsPerZone:
					wantCodeR(t, err, "NatGatewayLimitExceeded")
					return
				case err != nil:
					t.Fatalf("CreateNatGateway = %v", err)
				}
				g := &natModelGW{state: "pending", public: public, alloc: a, subnet: s}
				switch {
				case public && !m.igw:
					g.fails = "Gateway.NotAttached"
				case public && m.addrs[a] != "":
					g.fails = "Resource.AlreadyAssociated"
				case public:
					m.addrs[a] = o.NATGateway.NATGatewayID
				}
				m.nats[o.NATGateway.NATGatewayID] = g
				natIDs = append(natIDs, o.NATGateway.NATGatewayID)
			},
			"deleteNAT": func(t *rapid.T) {
				if len(natIDs) == 0 {
					t.Skip("no gateways")
				}
				id := rapid.SampledFrom(natIDs).Draw(t, "nat")
				_, err := c.DeleteNatGateway(alice, vpcmodel.DeleteNatGatewayInput{NATGatewayID: id}, now)
				m.settle(now)
				g := m.nats[id]
				switch {
				case g == nil || g.state == "deleted":
					wantCodeR(t, err, "NatGatewayNotFound")
				case err != nil:
					t.Fatalf("DeleteNatGateway = %v", err)
				default:
					g.state, g.expires = "deleting", time.Time{}
				}
			},
			"attach": func(t *rapid.T) {
				_, err := c.AttachInternetGateway(alice, vpcmodel.AttachInternetGatewayInput{InternetGatewayID: igw, VPCID: vpc}, now)
				m.settle(now)
				if m.igw {
					wantCodeR(t, err, "Resource.AlreadyAssociated")
					return
				}
				if err != nil {
					t.Fatalf("AttachInternetGateway = %v", err)
				}
				m.igw = true
			},
			"detach": func(t *rapid.T) {
				_, err := c.DetachInternetGateway(alice, vpcmodel.DetachInternetGatewayInput{InternetGatewayID: igw, VPCID: vpc}, now)
				m.settle(now)
				mapped := false
				for _, g := range m.nats {
					mapped = mapped || g.public && m.holds(g)
				}
				switch {
				case !m.igw:
					wantCodeR(t, err, "Gateway.NotAttached")
				case mapped:
					wantCodeR(t, err, "DependencyViolation")
				case err != nil:
					t.Fatalf("DetachInternetGateway = %v", err)
				default:
					m.igw = false
				}
			},
			"deleteSubnet": func(t *rapid.T) {
				s := rapid.SampledFrom(subnets).Draw(t, "subnet")
				_, err := c.DeleteSubnet(alice, vpcmodel.DeleteSubnetInput{SubnetID: s}, now)
				m.settle(now)
				used := false
				for _, g := range m.nats {
					used = used || g.subnet == s && m.holds(g)
				}
				switch {
				case !m.subnets[s]:
					wantCodeR(t, err, "InvalidSubnetID.NotFound")
				case used:
					wantCodeR(t, err, "DependencyViolation")
				case err != nil:
					t.Fatalf("DeleteSubnet = %v", err)
				default:
					delete(m.subnets, s)
				}
			},
			"": func(t *rapid.T) {
				d, err := c.DescribeNatGateways(alice, vpcmodel.DescribeNatGatewaysInput{}, now)
				if err != nil {
					t.Fatal(err)
				}
				m.settle(now)
				if len(d.NATGateways) != len(m.nats) {
					t.Fatalf("%d gateways listed, model has %d", len(d.NATGateways), len(m.nats))
				}
				privs := map[string]bool{}
				for _, g := range d.NATGateways {
					want := m.nats[g.NATGatewayID]
					if want == nil || g.State != want.state {
						t.Fatalf("gateway %s is %s, model says %+v", g.NATGatewayID, g.State, want)
					}
					if (g.FailureCode != "") != (want.state != "pending" && want.fails != "") || g.FailureCode != "" && g.FailureCode != want.fails {
						t.Fatalf("gateway %s failure %q, model says %q", g.NATGatewayID, g.FailureCode, want.fails)
					}
					a := g.NATGatewayAddresses[0]
					if m.holds(want) && want.state != "pending" {
						if privs[a.PrivateIP] || a.PrivateIP == "" {
							t.Fatalf("private address %q held twice or not at all", a.PrivateIP)
						}
						privs[a.PrivateIP] = true
						if want.public && a.PublicIP != m.ips[want.alloc] {
							t.Fatalf("gateway %s public address %s, its allocation's is %s", g.NATGatewayID, a.PublicIP, m.ips[want.alloc])
						}
					}
				}
				addrs, err := c.DescribeAddresses(alice, vpcmodel.DescribeAddressesInput{}, now)
				if err != nil {
					t.Fatal(err)
				}
				if len(addrs.Addresses) != len(m.addrs) {
					t.Fatalf("%d addresses listed, model has %d", len(addrs.Addresses), len(m.addrs))
				}
				for _, a := range addrs.Addresses {
					holder, ok := m.addrs[a.AllocationID]
					if !ok || (a.AssociationID != "") != (holder != "") || a.PublicIP != m.ips[a.AllocationID] {
						t.Fatalf("address %+v, model says held by %q", a, holder)
					}
				}
			},
		})
	})
}

func mustR[T any](t *rapid.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantCodeR(t *rapid.T, err error, code string) {
	t.Helper()
	var ce coded
	if !errors.As(err, &ce) || ce.ErrorCode() != code {
		t.Fatalf("err = %v, want %s", err, code)
	}
}
