package main_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// TestCrashRecovery runs the emulator with -state, drives it with
// concurrent SDK clients (VPCs, tags, route tables, routes, peering
// connections created and accepted, the clock moved), and kills it with
// SIGKILL at a random moment, several times. After each restart every
// resource whose creation or change was acknowledged must be there, in
// the state the acknowledged calls imply, with nothing else and nothing
// twice, and the clock must not have gone back. The one call per client
// that was in flight at the kill may have happened or not; whichever the
// emulator restored becomes part of the model. Last, SIGTERM must stop it
// cleanly with an empty log, and the state must restore from the snapshot
// alone.
func TestCrashRecovery(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	dir := filepath.Join(t.TempDir(), "state") // the emulator creates it
	const workers = 4
	cycles := 5
	if testing.Short() {
		cycles = 3
	}
	m := &model{}
	for i := range workers {
		m.accounts = append(m.accounts, &account{index: i, id: fmt.Sprintf("%012d", 400000000000+i),
			region: []string{"us-east-1", "eu-west-1"}[i%2],
			vpcs:   map[string]*vpcState{}, rtbs: map[string]*rtbState{}, pcxs: map[string]*pcxState{}})
	}
	for cycle := range cycles {
		e := startEmulator(t, nil, "-state", dir)
		m.verify(t, e)
		if t.Failed() {
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for _, a := range m.accounts {
			wg.Add(1)
			go func(r *rand.Rand) {
				defer wg.Done()
				a.work(ctx, t, e, r)
			}(rand.New(rand.NewPCG(rng.Uint64(), 2)))
		}
		wg.Add(1)
		go func(r *rand.Rand) {
			defer wg.Done()
			m.moveClock(ctx, t, e, r)
		}(rand.New(rand.NewPCG(rng.Uint64(), 3)))
		time.Sleep(time.Duration(150+rng.IntN(850)) * time.Millisecond)
		e.kill()
		cancel()
		wg.Wait()
		t.Logf("cycle %d: killed with %d changes acknowledged, %d calls in doubt", cycle, m.acked(), m.inDoubt())
		if t.Failed() {
			return
		}
	}
	e := startEmulator(t, nil, "-state", dir)
	m.verify(t, e)
	e.stop()
	if fi, err := os.Stat(filepath.Join(dir, "wal")); err != nil || fi.Size() != 24 {
		t.Errorf("after SIGTERM the log is %v (%v); want only its 24-byte header", fi.Size(), err)
	}
	e = startEmulator(t, nil, "-state", dir)
	m.verify(t, e)
	e.stop()
	vpcs, rtbs, pcxs := m.counts()
	t.Logf("restored %d VPCs, %d route tables, %d peering connections; clock %v", vpcs, rtbs, pcxs, m.clock)
}

// model is what the clients were told: the emulator must hold exactly it.
type model struct {
	accounts []*account
	mu       sync.Mutex
	clock    time.Time // the latest instant the clock answered
}

type account struct {
	index      int
	id, region string
	next       int
	vpcs       map[string]*vpcState
	rtbs       map[string]*rtbState
	pcxs       map[string]*pcxState
	doubt      *call // the call in flight when the emulator died
	acks       int
}

type vpcState struct {
	cidr string
	tags map[string]string // Name among them
}

type rtbState struct {
	name, vpc string
	routes    map[string]string // destination -> peering connection
}

type pcxState struct {
	name, requester, accepter string
	status                    types.VpcPeeringConnectionStateReasonCode
}

// call is a change whose outcome a client did not learn.
type call struct {
	kind              string // "vpc", "tag", "rtb", "route", "pcx", "accept"
	name, vpc, cidr   string
	key, value, old   string
	rtb, dest, pcx, b string
}

func (m *model) acked() (n int) {
	for _, a := range m.accounts {
		n += a.acks
	}
	return n
}

func (m *model) inDoubt() (n int) {
	for _, a := range m.accounts {
		if a.doubt != nil {
			n++
		}
	}
	return n
}

func (m *model) counts() (vpcs, rtbs, pcxs int) {
	for _, a := range m.accounts {
		vpcs, rtbs, pcxs = vpcs+len(a.vpcs), rtbs+len(a.rtbs), pcxs+len(a.pcxs)
	}
	return
}

// work makes random changes until ctx is done or a call goes unanswered.
func (a *account) work(ctx context.Context, t *testing.T, e *emulator, r *rand.Rand) {
	c := e.client(a.id, a.region)
	for ctx.Err() == nil && a.step(t, c, r) {
	}
}

// step makes one random change and reports whether it was answered.
func (a *account) step(t *testing.T, c *ec2.Client, r *rand.Rand) bool {
	ctx := context.Background()
	// do runs a call: an answer is an acknowledgement or a refusal (a
	// failure: the model allows none); no answer leaves the call in doubt.
	do := func(in call, f func() error) (acked, answered bool) {
		err := f()
		if err == nil {
			a.acks++
			return true, true
		}
		var ae smithy.APIError
		if errors.As(err, &ae) {
			t.Errorf("account %s: %s %+v refused: %v", a.id, in.kind, in, err)
			return false, false
		}
		a.doubt = &in
		return false, false
	}
	vpcIDs := slices.Sorted(maps.Keys(a.vpcs))
	name := func(kind string) string {
		a.next++
		return fmt.Sprintf("%s-%s-%d", a.id, kind, a.next)
	}
	switch k := r.IntN(20); {
	case k < 5 || len(vpcIDs) < 2:
		in := call{kind: "vpc", name: name("vpc"), cidr: fmt.Sprintf("10.%d.%d.0/24", a.index*60+a.next/256, a.next%256)}
		var o *ec2.CreateVpcOutput
		acked, ok := do(in, func() (err error) {
			o, err = c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: &in.cidr, TagSpecifications: nameTag(types.ResourceTypeVpc, in.name)})
			return err
		})
		if acked {
			a.vpcs[aws.ToString(o.Vpc.VpcId)] = &vpcState{cidr: in.cidr, tags: map[string]string{"Name": in.name}}
		}
		return ok
	case k < 9:
		in := call{kind: "tag", vpc: vpcIDs[r.IntN(len(vpcIDs))], key: "k" + strconv.Itoa(r.IntN(3)), value: name("value")}
		in.old = a.vpcs[in.vpc].tags[in.key]
		acked, ok := do(in, func() error {
			_, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{in.vpc}, Tags: []types.Tag{{Key: &in.key, Value: &in.value}}})
			return err
		})
		if acked {
			a.vpcs[in.vpc].tags[in.key] = in.value
		}
		return ok
	case k < 12:
		in := call{kind: "rtb", name: name("rtb"), vpc: vpcIDs[r.IntN(len(vpcIDs))]}
		var o *ec2.CreateRouteTableOutput
		acked, ok := do(in, func() (err error) {
			o, err = c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &in.vpc, TagSpecifications: nameTag(types.ResourceTypeRouteTable, in.name)})
			return err
		})
		if acked {
			a.rtbs[aws.ToString(o.RouteTable.RouteTableId)] = &rtbState{name: in.name, vpc: in.vpc, routes: map[string]string{}}
		}
		return ok
	case k < 15:
		in, found := a.routeToAdd(r)
		if !found {
			return true
		}
		acked, ok := do(in, func() error {
			_, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: &in.rtb, DestinationCidrBlock: &in.dest, VpcPeeringConnectionId: &in.pcx})
			return err
		})
		if acked {
			a.rtbs[in.rtb].routes[in.dest] = in.pcx
		}
		return ok
	case k < 19:
		in := call{kind: "pcx", name: name("pcx"), vpc: vpcIDs[r.IntN(len(vpcIDs))], b: vpcIDs[r.IntN(len(vpcIDs))]}
		if in.vpc == in.b || a.peered(in.vpc, in.b) {
			return true
		}
		var o *ec2.CreateVpcPeeringConnectionOutput
		acked, ok := do(in, func() (err error) {
			o, err = c.CreateVpcPeeringConnection(ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &in.vpc, PeerVpcId: &in.b,
				TagSpecifications: nameTag(types.ResourceTypeVpcPeeringConnection, in.name)})
			return err
		})
		if !acked {
			return ok
		}
		id := aws.ToString(o.VpcPeeringConnection.VpcPeeringConnectionId)
		a.pcxs[id] = &pcxState{name: in.name, requester: in.vpc, accepter: in.b, status: types.VpcPeeringConnectionStateReasonCodePendingAcceptance}
		accept := call{kind: "accept", pcx: id}
		acked, ok = do(accept, func() error {
			_, err := c.AcceptVpcPeeringConnection(ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &id})
			return err
		})
		if acked {
			a.pcxs[id].status = types.VpcPeeringConnectionStateReasonCodeActive
		}
		return ok
	default:
		_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: vpcIDs[:1]})
		var ae smithy.APIError
		if errors.As(err, &ae) {
			t.Errorf("account %s: DescribeVpcs: %v", a.id, err)
		}
		return err == nil
	}
}

func nameTag(kind types.ResourceType, name string) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: kind, Tags: []types.Tag{{Key: aws.String("Name"), Value: &name}}}}
}

// peered reports whether a connection joins VPCs x and y.
func (a *account) peered(x, y string) bool {
	for _, p := range a.pcxs {
		if p.requester == x && p.accepter == y || p.requester == y && p.accepter == x {
			return true
		}
	}
	return false
}

// routeToAdd picks a route table and an active connection of its VPC whose
// peer's block the table has no route to yet.
func (a *account) routeToAdd(r *rand.Rand) (call, bool) {
	rtbIDs := slices.Sorted(maps.Keys(a.rtbs))
	if len(rtbIDs) == 0 {
		return call{}, false
	}
	rtb := rtbIDs[r.IntN(len(rtbIDs))]
	t := a.rtbs[rtb]
	for _, id := range slices.Sorted(maps.Keys(a.pcxs)) {
		p := a.pcxs[id]
		if p.status != types.VpcPeeringConnectionStateReasonCodeActive {
			continue
		}
		peer := ""
		switch t.vpc {
		case p.requester:
			peer = p.accepter
		case p.accepter:
			peer = p.requester
		}
		if dest := a.vpcs[peer]; peer != "" && t.routes[dest.cidr] == "" {
			return call{kind: "route", rtb: rtb, dest: dest.cidr, pcx: id}, true
		}
	}
	return call{}, false
}

// moveClock moves the emulator's clock forward by minutes and reads it,
// recording the latest instant it answered.
func (m *model) moveClock(ctx context.Context, t *testing.T, e *emulator, r *rand.Rand) {
	note := func(s string) {
		now, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Errorf("clock answered %q", s)
			return
		}
		m.mu.Lock()
		defer m.mu.Unlock()
		if now.Before(m.clock) {
			t.Errorf("the clock answered %v after %v", now, m.clock)
		}
		m.clock = now
	}
	for ctx.Err() == nil {
		for _, req := range []func() (*http.Response, error){
			func() (*http.Response, error) {
				d := time.Duration(1+r.IntN(10)) * time.Minute
				return httpClient.PostForm(e.url+"/_emulator/clock", url.Values{"advance": {d.String()}})
			},
			func() (*http.Response, error) { return httpClient.Get(e.url + "/_emulator/clock") },
		} {
			resp, err := req()
			if err != nil {
				return // unanswered: the emulator is gone
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return
			}
			if resp.StatusCode != http.StatusOK {
				t.Errorf("clock: %d %s", resp.StatusCode, b)
				return
			}
			note(strings.TrimSpace(string(b)))
		}
		time.Sleep(time.Duration(20+r.IntN(80)) * time.Millisecond)
	}
}

// verify checks the restarted emulator against the model, first taking
// in whatever the emulator made of each call left in doubt.
func (m *model) verify(t *testing.T, e *emulator) {
	t.Helper()
	for _, a := range m.accounts {
		a.verify(t, e)
	}
	now, err := e.clock()
	if err != nil {
		t.Fatal(err)
	}
	if now.Before(m.clock) {
		t.Errorf("the clock went back across the restart: %v, after it answered %v", now, m.clock)
	}
	// It runs, at the wall clock's pace from the offset it had, rather than
	// stand at the latest instant it answered.
	time.Sleep(20 * time.Millisecond)
	later, err := e.clock()
	if err != nil {
		t.Fatal(err)
	}
	if d := later.Sub(now); d < 10*time.Millisecond || d > 10*time.Second {
		t.Errorf("the clock moved %v in 20ms of wall time after the restart, from %v", d, now)
	}
}

func (a *account) verify(t *testing.T, e *emulator) {
	t.Helper()
	ctx := context.Background()
	c := e.client(a.id, a.region)
	var vpcs []types.Vpc
	for p := ec2.NewDescribeVpcsPaginator(c, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(1000)}); p.HasMorePages(); {
		o, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vpcs = append(vpcs, o.Vpcs...)
	}
	var rtbs []types.RouteTable
	for p := ec2.NewDescribeRouteTablesPaginator(c, &ec2.DescribeRouteTablesInput{MaxResults: aws.Int32(100)}); p.HasMorePages(); {
		o, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rtbs = append(rtbs, o.RouteTables...)
	}
	var pcxs []types.VpcPeeringConnection
	for p := ec2.NewDescribeVpcPeeringConnectionsPaginator(c, &ec2.DescribeVpcPeeringConnectionsInput{MaxResults: aws.Int32(1000)}); p.HasMorePages(); {
		o, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pcxs = append(pcxs, o.VpcPeeringConnections...)
	}

	// What the emulator holds, in the model's terms.
	gotVPCs := map[string]*vpcState{}
	for _, v := range vpcs {
		if v.State != types.VpcStateAvailable {
			t.Errorf("%s is %s", aws.ToString(v.VpcId), v.State)
		}
		gotVPCs[aws.ToString(v.VpcId)] = &vpcState{cidr: aws.ToString(v.CidrBlock), tags: tagMap(v.Tags)}
	}
	gotRTBs := map[string]*rtbState{}
	for _, rt := range rtbs {
		if slices.ContainsFunc(rt.Associations, func(as types.RouteTableAssociation) bool { return aws.ToBool(as.Main) }) {
			continue // a VPC's main table, which comes with it
		}
		s := &rtbState{name: tagMap(rt.Tags)["Name"], vpc: aws.ToString(rt.VpcId), routes: map[string]string{}}
		for _, r := range rt.Routes {
			if id := aws.ToString(r.VpcPeeringConnectionId); id != "" {
				s.routes[aws.ToString(r.DestinationCidrBlock)] = id
			}
		}
		gotRTBs[aws.ToString(rt.RouteTableId)] = s
	}
	gotPCXs := map[string]*pcxState{}
	for _, p := range pcxs {
		gotPCXs[aws.ToString(p.VpcPeeringConnectionId)] = &pcxState{name: tagMap(p.Tags)["Name"],
			requester: aws.ToString(p.RequesterVpcInfo.VpcId), accepter: aws.ToString(p.AccepterVpcInfo.VpcId), status: p.Status.Code}
	}
	for kind, names := range map[string][]string{
		"VPC":                names(gotVPCs, func(v *vpcState) string { return v.tags["Name"] }),
		"route table":        names(gotRTBs, func(r *rtbState) string { return r.name }),
		"peering connection": names(gotPCXs, func(p *pcxState) string { return p.name }),
	} {
		for i := 1; i < len(names); i++ {
			if names[i] == names[i-1] {
				t.Errorf("account %s: two of the %ss are named %s: a call applied twice", a.id, kind, names[i])
			}
		}
	}

	// The call left in doubt happened or not; take in what the emulator
	// says, if it is one of the two.
	if d := a.doubt; d != nil {
		a.doubt = nil
		switch d.kind {
		case "vpc":
			for id, v := range gotVPCs {
				if v.tags["Name"] == d.name {
					a.vpcs[id] = &vpcState{cidr: d.cidr, tags: map[string]string{"Name": d.name}}
				}
			}
		case "tag":
			if v := gotVPCs[d.vpc]; v != nil && v.tags[d.key] == d.value {
				a.vpcs[d.vpc].tags[d.key] = d.value
			}
		case "rtb":
			for id, r := range gotRTBs {
				if r.name == d.name {
					a.rtbs[id] = &rtbState{name: d.name, vpc: d.vpc, routes: map[string]string{}}
				}
			}
		case "route":
			if r := gotRTBs[d.rtb]; r != nil && r.routes[d.dest] == d.pcx {
				a.rtbs[d.rtb].routes[d.dest] = d.pcx
			}
		case "pcx":
			for id, p := range gotPCXs {
				if p.name == d.name {
					a.pcxs[id] = &pcxState{name: d.name, requester: d.vpc, accepter: d.b, status: types.VpcPeeringConnectionStateReasonCodePendingAcceptance}
				}
			}
		case "accept":
			if p := gotPCXs[d.pcx]; p != nil && p.status == types.VpcPeeringConnectionStateReasonCodeActive {
				a.pcxs[d.pcx].status = p.status
			}
		}
	}
	opts := cmp.AllowUnexported(vpcState{}, rtbState{}, pcxState{})
	if diff := cmp.Diff(a.vpcs, gotVPCs, opts); diff != "" {
		t.Errorf("account %s: VPCs mismatch (-acknowledged +restored):\n%s", a.id, diff)
	}
	if diff := cmp.Diff(a.rtbs, gotRTBs, opts); diff != "" {
		t.Errorf("account %s: route tables mismatch (-acknowledged +restored):\n%s", a.id, diff)
	}
	if diff := cmp.Diff(a.pcxs, gotPCXs, opts); diff != "" {
		t.Errorf("account %s: peering connections mismatch (-acknowledged +restored):\n%s", a.id, diff)
	}
}

func tagMap(tags []types.Tag) map[string]string {
	m := map[string]string{}
	for _, tg := range tags {
		m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	return m
}

func names[V any](m map[string]V, name func(V) string) []string {
	var out []string
	for _, v := range m {
		out = append(out, name(v))
	}
	slices.Sort(out)
	return out
}
