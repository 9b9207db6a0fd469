package route_test

import (
	"fmt"
	"maps"
	"net/netip"

	"pgregory.net/rapid"

	"github.com/vpclab/vpcmodel/route"
	"github.com/vpclab/vpcmodel/status"
	"github.com/vpclab/vpcmodel/tag"
)

// action is one request to a table of VPC A, drawn by genAction or decoded
// from fuzz bytes by actionFrom. The same action is applied to a Table
// (apply) and to the model (model.apply).
type action struct {
	op       string
	dest     netip.Prefix      // create, replace, delete, associate-block, disassociate-block
	target   route.Target      // create, replace; the gateway of enable, disable, set-propagated
	prefixes []netip.Prefix    // set-propagated
	assoc    route.Association // associate; its ID for disassociate
	tags     []tag.Tag         // tags
	quota    int               // quota
	world    int               // reconcile: the index in worlds()
}

// The operations, weighted towards the ones that change routes.
var ops = []string{
	"create", "create", "create", "create", "replace", "replace", "delete", "delete",
	"enable", "enable", "disable", "set-propagated", "set-propagated", "set-propagated",
	"associate-block", "disassociate-block", "associate", "disassociate", "tags", "quota", "reconcile",
}

func (a action) String() string {
	switch a.op {
	case "create", "replace":
		return fmt.Sprintf("%s %v -> %v", a.op, a.dest, a.target)
	case "delete", "associate-block", "disassociate-block":
		return fmt.Sprintf("%s %v", a.op, a.dest)
	case "enable", "disable":
		return fmt.Sprintf("%s %v", a.op, a.target)
	case "set-propagated":
		return fmt.Sprintf("%s %v %v", a.op, a.target, a.prefixes)
	case "associate":
		return fmt.Sprintf("%s %+v", a.op, a.assoc)
	case "disassociate":
		return fmt.Sprintf("%s %s", a.op, a.assoc.ID)
	case "tags":
		return fmt.Sprintf("%s %v", a.op, a.tags)
	case "quota":
		return fmt.Sprintf("%s %d", a.op, a.quota)
	case "reconcile":
		return fmt.Sprintf("%s world %d", a.op, a.world)
	}
	return a.op
}

// apply applies a to tb. CreateRoute, ReplaceRoute and EnablePropagation
// consult worlds[0]; Reconcile consults worlds[a.world].
func (a action) apply(tb route.Table, worlds []route.Catalog) (route.Table, error) {
	r := worlds[0]
	switch a.op {
	case "create":
		return tb.CreateRoute(a.dest, a.target, r)
	case "replace":
		return tb.ReplaceRoute(a.dest, a.target, r)
	case "delete":
		return tb.DeleteRoute(a.dest)
	case "enable":
		return tb.EnablePropagation(a.target, r)
	case "disable":
		return tb.DisablePropagation(a.target)
	case "set-propagated":
		return tb.SetPropagated(a.target, a.prefixes)
	case "associate-block":
		return tb.AssociateBlock(a.dest)
	case "disassociate-block":
		return tb.DisassociateBlock(a.dest)
	case "associate":
		return tb.Associate(a.assoc)
	case "disassociate":
		return tb.Disassociate(a.assoc.ID)
	case "tags":
		s, err := tag.NewSet(a.tags...)
		if err != nil {
			return tb, err
		}
		return tb.WithTags(s), nil
	case "quota":
		return tb.WithRouteQuota(a.quota)
	case "reconcile":
		return tb.Reconcile(worlds[a.world]), nil
	}
	panic("unknown op " + a.op)
}

// The values actions draw from: targets of every kind in every state of
// worlds(), gateways that may and may not propagate, blocks that fit VPC
// A and some that do not, associations right and wrong, tags right and
// wrong.
var (
	actionTargets = []string{
		"local", "igw-11111111", "igw-22222222", "igw-33333333", "vgw-11111111", "pcx-11111111", "pcx-22222222",
		"pcx-33333333", "pcx-44444444", "pcx-66666666", "nat-11111111", "nat-99999999", "eni-11111111",
		"tgw-11111111", "eigw-11111111", "vpce-11111111", "i-11111111", coreARN,
	}
	// actionPrefixes are destinations that meet often: VPC A's blocks and
	// subnets, prefixes nested in and around them, and the reserved ranges.
	actionPrefixes = []netip.Prefix{
		mpp("0.0.0.0/0"), mpp("10.0.0.0/8"), mpp("10.0.0.0/16"), mpp("10.0.1.0/24"), mpp("10.0.128.0/17"),
		mpp("10.1.0.0/16"), mpp("10.1.5.0/24"), mpp("172.16.0.0/12"), mpp("172.16.8.0/24"),
		mpp("192.168.0.0/16"), mpp("100.64.0.0/20"), mpp("169.254.168.0/22"),
		mpp("::/0"), mpp("2600:1f18::/48"), mpp("2600:1f18::/56"), mpp("2600:1f18:0:1::/64"),
		mpp("2001:db8::/32"), mpp("fd00:ec2::/32"),
	}
	actionGateways = []string{"vgw-11111111", "vgw-44444444", "vgw-22222222", "vgw-33333333", "igw-11111111"}
	actionBlocks   = []netip.Prefix{
		mpp("10.0.0.0/16"), mpp("10.1.0.0/16"), mpp("100.64.0.0/20"), mpp("172.16.0.0/16"),
		mpp("2600:1f18::/56"), mpp("2600:1f18:0:100::/56"), mpp("10.0.0.0/8"),
	}
	actionAssocIDs = []string{"rtbassoc-11111111", "rtbassoc-22222222", "rtbassoc-33333333", "rtbassoc-1"}
	actionTagKeys  = []string{"Name", "env", "aws:x", ""}
	actionQuotas   = []int{0, 1, 2, 5, 50, 1000, 1001}
)

// genDest draws a destination: half the time one of actionPrefixes, so
// that actions meet the routes earlier ones made, else any of genPrefix.
func genDest() *rapid.Generator[netip.Prefix] {
	return rapid.Custom(func(t *rapid.T) netip.Prefix {
		if rapid.Bool().Draw(t, "common") {
			return rapid.SampledFrom(actionPrefixes).Draw(t, "prefix")
		}
		return genPrefix().Draw(t, "prefix")
	})
}

// genAction draws one action.
func genAction() *rapid.Generator[action] {
	return rapid.Custom(func(t *rapid.T) action {
		a := action{op: rapid.SampledFrom(ops).Draw(t, "op")}
		switch a.op {
		case "create", "replace":
			a.dest = genDest().Draw(t, "dest")
			a.target = mt(rapid.SampledFrom(actionTargets).Draw(t, "target"))
		case "delete":
			a.dest = genDest().Draw(t, "dest")
		case "enable", "disable":
			a.target = mt(rapid.SampledFrom(actionGateways).Draw(t, "gateway"))
		case "set-propagated":
			a.target = mt(rapid.SampledFrom(actionGateways[:3]).Draw(t, "gateway"))
			a.prefixes = rapid.SliceOfN(genDest(), 0, 8).Draw(t, "prefixes")
		case "associate-block", "disassociate-block":
			if rapid.Bool().Draw(t, "plausible") {
				a.dest = rapid.SampledFrom(actionBlocks).Draw(t, "block")
			} else {
				a.dest = genDest().Draw(t, "block")
			}
		case "associate":
			a.assoc.ID = rapid.SampledFrom(actionAssocIDs).Draw(t, "id")
			switch rapid.IntRange(0, 4).Draw(t, "kind") {
			case 0:
				a.assoc.Main = true
			case 1:
				a.assoc.SubnetID = rapid.SampledFrom([]string{"subnet-11111111", "subnet-22222222", "subnet-1"}).Draw(t, "subnet")
			case 2:
				a.assoc.GatewayID = rapid.SampledFrom([]string{"igw-11111111", "vgw-11111111", "nat-11111111"}).Draw(t, "gateway")
			case 3:
				a.assoc.Main, a.assoc.SubnetID = true, "subnet-11111111" // two at once
			}
		case "disassociate":
			a.assoc.ID = rapid.SampledFrom(actionAssocIDs).Draw(t, "id")
		case "tags":
			n := rapid.IntRange(0, 3).Draw(t, "tags")
			for range n {
				a.tags = append(a.tags, tag.Tag{Key: rapid.SampledFrom(actionTagKeys).Draw(t, "key"), Value: rapid.SampledFrom([]string{"", "a"}).Draw(t, "value")})
			}
		case "quota":
			a.quota = rapid.SampledFrom(actionQuotas).Draw(t, "quota")
		case "reconcile":
			a.world = rapid.IntRange(0, len(worlds())-1).Draw(t, "world")
		}
		return a
	})
}

// actionFrom decodes one action from the bytes next returns, for the fuzz
// target; it covers the same ground as genAction.
func actionFrom(next func() byte) action {
	prefix := func() netip.Prefix {
		if b := next(); b%2 == 0 {
			return actionPrefixes[int(b/2)%len(actionPrefixes)]
		}
		return prefixFrom(next)
	}
	pick := func(n int) int { return int(next()) % n }
	a := action{op: ops[pick(len(ops))]}
	switch a.op {
	case "create", "replace":
		a.dest, a.target = prefix(), mt(actionTargets[pick(len(actionTargets))])
	case "delete":
		a.dest = prefix()
	case "enable", "disable":
		a.target = mt(actionGateways[pick(len(actionGateways))])
	case "set-propagated":
		a.target = mt(actionGateways[pick(3)])
		a.prefixes = make([]netip.Prefix, pick(6))
		for i := range a.prefixes {
			a.prefixes[i] = prefix()
		}
	case "associate-block", "disassociate-block":
		if next()%2 == 0 {
			a.dest = actionBlocks[pick(len(actionBlocks))]
		} else {
			a.dest = prefix()
		}
	case "associate":
		a.assoc.ID = actionAssocIDs[pick(len(actionAssocIDs))]
		switch pick(3) {
		case 0:
			a.assoc.Main = true
		case 1:
			a.assoc.SubnetID = []string{"subnet-11111111", "subnet-22222222"}[pick(2)]
		case 2:
			a.assoc.GatewayID = []string{"igw-11111111", "vgw-11111111"}[pick(2)]
		}
	case "disassociate":
		a.assoc.ID = actionAssocIDs[pick(len(actionAssocIDs))]
	case "tags":
		for range pick(3) {
			a.tags = append(a.tags, tag.Tag{Key: actionTagKeys[pick(len(actionTagKeys))]})
		}
	case "quota":
		a.quota = actionQuotas[pick(len(actionQuotas))]
	case "reconcile":
		a.world = pick(len(worlds()))
	}
	return a
}

// prefixFrom decodes a prefix from the bytes next returns, from the same
// neighbourhoods as genPrefix.
func prefixFrom(next func() byte) netip.Prefix {
	if next()%4 == 0 {
		var b [16]byte
		b[0], b[1], b[2], b[3], b[7] = 0x26, 0x00, 0x1f, []byte{0, 1, 0x18, 0x18}[next()%4], next()%4
		return netip.PrefixFrom(netip.AddrFrom16(b), int(next()%129)).Masked()
	}
	a := [4]byte{[]byte{10, 172, 192, 169}[next()%4], next() % 4, next() % 8, next()}
	return netip.PrefixFrom(netip.AddrFrom4(a), int(next()%33)).Masked()
}

// worlds returns what the targets look like over time. worlds()[0] is
// propWorld, which CreateRoute, ReplaceRoute and EnablePropagation
// consult; worlds()[1] is the same world after some targets went, were
// detached or changed status, for Reconcile.
func worlds() []route.Catalog {
	before := propWorld()
	after := propWorld()
	after.Targets = maps.Clone(after.Targets)
	after.Targets[mt("pcx-11111111")] = route.TargetInfo{VPCIDs: []string{vpcA, vpcB}, Status: status.Deleted}
	after.Targets[mt("pcx-22222222")] = route.TargetInfo{VPCIDs: []string{vpcA, vpcC}, Status: status.Active}
	after.Targets[mt("igw-11111111")] = route.TargetInfo{}
	after.Targets[mt("vgw-11111111")] = route.TargetInfo{}
	after.Targets[mt("eni-11111111")] = route.TargetInfo{VPCIDs: []string{vpcB}}
	delete(after.Targets, mt("nat-11111111"))
	delete(after.Targets, mt("vpce-11111111"))
	delete(after.Targets, mt("tgw-11111111"))
	return []route.Catalog{before, after}
}
