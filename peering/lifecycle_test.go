package peering_test

import (
	"errors"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/status"
)

const (
	acctA = "111111111111"
	acctB = "222222222222"
	acctC = "333333333333"
	reg1  = "us-east-1"
	reg2  = "eu-west-1"
	reg3  = "ap-south-1"
	pcx   = "pcx-0123456789abcdef0"
)

var mustPrefix = netip.MustParsePrefix

// kind is a shape of connection: who owns each side and where it is.
type kind struct {
	name             string
	reqOwner, reqReg string
	accOwner, accReg string
}

var kinds = []kind{
	{"cross-account same-Region", acctA, reg1, acctB, reg1},
	{"cross-account inter-Region", acctA, reg1, acctB, reg2},
	{"same-account same-Region", acctA, reg1, acctA, reg1},
	{"same-account inter-Region", acctA, reg1, acctA, reg2},
}

func (k kind) request(overlap bool) peering.Request {
	acc := "10.1.0.0/16"
	if overlap {
		acc = "10.0.128.0/20"
	}
	return peering.Request{
		Requester: peering.VPC{OwnerID: k.reqOwner, Region: k.reqReg, ID: "vpc-0a0a0a0a", IPv4: []netip.Prefix{mustPrefix("10.0.0.0/16")}},
		Accepter:  peering.VPC{OwnerID: k.accOwner, Region: k.accReg, ID: "vpc-0b0b0b0b", IPv4: []netip.Prefix{mustPrefix(acc)}},
	}
}

func must(c peering.Connection, err error) peering.Connection {
	if err != nil {
		panic(err)
	}
	return c
}

// reach builds a connection of kind k in status s, returning it and the
// instant it reached s.
func reach(k kind, s status.Code) (peering.Connection, time.Time, bool) {
	req, acc := peering.Party{Account: k.reqOwner, Region: k.reqReg}, peering.Party{Account: k.accOwner, Region: k.accReg}
	created := must(peering.Create(pcx, k.request(s == status.Failed), t0))
	t1 := t0.Add(time.Hour)
	switch s {
	case status.InitiatingRequest:
		return created, t0, true
	case status.Failed:
		return created.Settle(t0), t0, true
	case status.PendingAcceptance:
		return created.Settle(t0), t0, true
	case status.Expired:
		c := created.Settle(t0.Add(peering.RequestLifetime))
		return c, c.ExpiresAt(), true
	case status.Provisioning:
		return must(created.Accept(acc, t1)), t1, true
	case status.Active:
		return must(created.Accept(acc, t1)).Settle(t1), t1, true
	case status.Rejected:
		return must(created.Reject(acc, t1)), t1, true
	case status.Deleting, status.Deleted:
		c := must(must(created.Accept(acc, t1)).Delete(req, t1))
		if s == status.Deleted {
			c = c.Settle(t1)
		}
		return c, t1, c.Code() == s
	}
	return peering.Connection{}, time.Time{}, false
}

// settled is the status an action acts on: EC2 completes its own steps
// before any caller's action.
func settled(s status.Code) status.Code {
	switch s {
	case status.InitiatingRequest:
		return status.PendingAcceptance
	case status.Provisioning:
		return status.Active
	case status.Deleting:
		return status.Deleted
	}
	return s
}

type outcome struct {
	code    status.Code // on success
	errCode string      // EC2 API error code on refusal
	msg     string
	cause   error
}

// expect is the transition table of the VPC Peering Guide, row by row.
func expect(k kind, s status.Code, action string, p peering.Party) outcome {
	s = settled(s)
	isReq := p.Account == k.reqOwner && p.Region == k.reqReg
	isAcc := p.Account == k.accOwner && p.Region == k.accReg
	owner := p.Account == k.reqOwner || p.Account == k.accOwner
	interRegion := k.reqReg != k.accReg
	switch action {
	case "accept", "reject":
		if p.Account != k.accOwner {
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongAccount,
				msg: fmt.Sprintf("User (%s) cannot %s peering %s", p.Account, action, pcx)}
		}
		if p.Region != k.accReg {
			verb := "accepted"
			if action == "reject" {
				verb = "accepted or rejected"
			}
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongRegion,
				msg: fmt.Sprintf("Incorrect region (%s) specified for this request. VPC peering connection %s must be %s in region %s", p.Region, pcx, verb, k.accReg)}
		}
		if s != status.PendingAcceptance {
			return outcome{errCode: "InvalidStateTransition", cause: peering.ErrState,
				msg: fmt.Sprintf("VpcPeeringConnectionID %s is not in the correct state for the request.", pcx)}
		}
		if action == "accept" {
			return outcome{code: status.Provisioning}
		}
		return outcome{code: status.Rejected}
	case "delete":
		if !isReq && !isAcc {
			if owner {
				want := k.reqReg
				if p.Account != k.reqOwner {
					want = k.accReg
				}
				return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongRegion,
					msg: fmt.Sprintf("Incorrect region (%s) specified for this request. VPC peering connection %s must be managed in region %s", p.Region, pcx, want)}
			}
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongAccount,
				msg: fmt.Sprintf("User (%s) cannot delete peering %s", p.Account, pcx)}
		}
		switch {
		case s == status.PendingAcceptance && !isReq:
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongAccount,
				msg: fmt.Sprintf("User (%s) cannot delete peering %s", p.Account, pcx)}
		case s == status.PendingAcceptance || s == status.Active:
			if interRegion {
				return outcome{code: status.Deleting}
			}
			return outcome{code: status.Deleted}
		}
		return outcome{errCode: "InvalidStateTransition", cause: peering.ErrState,
			msg: fmt.Sprintf("Invalid state transition for %s, attempted to transition from %s to deleting", pcx, s)}
	case "modify":
		if !owner {
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongAccount,
				msg: fmt.Sprintf("User (%s) cannot modify-options peering %s", p.Account, pcx)}
		}
		if s != status.Active {
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrNotActive,
				msg: fmt.Sprintf("Peering %s is not active. Peering options can be added only to active peerings.", pcx)}
		}
		// The change sets every side p's account owns.
		if p.Account == k.reqOwner && p.Region != k.reqReg {
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongRegion,
				msg: fmt.Sprintf("Incorrect region (%s) specified for this request. The requester options of VPC peering connection %s must be modified in region %s", p.Region, pcx, k.reqReg)}
		}
		if p.Account == k.accOwner && p.Region != k.accReg {
			return outcome{errCode: "OperationNotPermitted", cause: peering.ErrWrongRegion,
				msg: fmt.Sprintf("Incorrect region (%s) specified for this request. The accepter options of VPC peering connection %s must be modified in region %s", p.Region, pcx, k.accReg)}
		}
		return outcome{code: status.Active}
	}
	panic("unknown action " + action)
}

func act(c peering.Connection, action string, p peering.Party, now time.Time) (peering.Connection, error) {
	switch action {
	case "accept":
		return c.Accept(p, now)
	case "reject":
		return c.Reject(p, now)
	case "delete":
		return c.Delete(p, now)
	case "modify":
		on := peering.Options{AllowDNSResolutionFromRemoteVPC: true}
		ch := peering.OptionsChange{}
		if p.Account == c.Requester().OwnerID {
			ch.Requester, ch.SetRequester = on, true
		}
		if p.Account == c.Accepter().OwnerID {
			ch.Accepter, ch.SetAccepter = on, true
		}
		if !ch.SetRequester && !ch.SetAccepter {
			ch.Requester, ch.SetRequester = on, true
		}
		return c.ModifyOptions(p, ch, now)
	}
	panic(action)
}

// TestTransitions covers every status × action × acting account × Region
// for the four shapes of connection.
func TestTransitions(t *testing.T) {
	actions := []string{"accept", "reject", "delete", "modify"}
	n := 0
	for _, k := range kinds {
		for _, s := range status.Code("").Values() {
			c, at, ok := reach(k, s)
			if !ok {
				continue // deleting exists only between Regions
			}
			for _, action := range actions {
				for _, acct := range []string{acctA, acctB, acctC} {
					for _, reg := range []string{reg1, reg2, reg3} {
						p := peering.Party{Account: acct, Region: reg}
						name := fmt.Sprintf("%s/%s/%s/%s/%s", k.name, s, action, acct, reg)
						t.Run(name, func(t *testing.T) {
							n++
							want := expect(k, s, action, p)
							before := c
							got, err := act(c, action, p, at)
							if !c.Equal(before) {
								t.Fatalf("%s changed its receiver", action)
							}
							if want.errCode != "" {
								var pe *peering.Error
								if !errors.As(err, &pe) {
									t.Fatalf("%s(%v) = %v, %v; want *peering.Error %s", action, p, got.Code(), err, want.errCode)
								}
								if pe.ErrorCode() != want.errCode || pe.ErrorMessage() != want.msg || !errors.Is(err, want.cause) {
									t.Fatalf("%s(%v) error = %s %q (%v)\nwant %s %q (%v)", action, p, pe.ErrorCode(), pe.ErrorMessage(), pe.Err, want.errCode, want.msg, want.cause)
								}
								if got.IsValid() {
									t.Errorf("%s returned a valid connection with its error", action)
								}
								return
							}
							if err != nil {
								t.Fatalf("%s(%v) = %v, want status %s", action, p, err, want.code)
							}
							if got.Code() != want.code {
								t.Fatalf("%s(%v) status = %s, want %s", action, p, got.Code(), want.code)
							}
							if want.code == status.Rejected || want.code == status.Deleted || want.code == status.Deleting {
								if got.ActedBy() != p.Account {
									t.Errorf("ActedBy() = %q, want %q", got.ActedBy(), p.Account)
								}
							}
						})
					}
				}
			}
		}
	}
	if n < 4*8*4*9 {
		t.Errorf("ran %d cases, want at least %d", n, 4*8*4*9)
	}
}

func TestSettle(t *testing.T) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			acc := peering.Party{Account: k.accOwner, Region: k.accReg}
			c := must(peering.Create(pcx, k.request(false), t0))
			if got := c.Status(); got.Code != status.InitiatingRequest || got.Message != "Initiating Request to "+k.accOwner {
				t.Errorf("Create: Status() = %v", got)
			}
			if got := c.Settle(t0.Add(-time.Nanosecond)); got.Code() != status.InitiatingRequest {
				t.Errorf("Settle before the request = %s, want initiating-request", got.Code())
			}
			p := c.Settle(t0)
			if got := p.Status(); got.Code != status.PendingAcceptance || got.Message != "Pending Acceptance by "+k.accOwner {
				t.Errorf("Settle: Status() = %v", got)
			}
			deadline := t0.Add(peering.RequestLifetime)
			if !c.ExpiresAt().Equal(deadline) {
				t.Errorf("ExpiresAt() = %v, want %v", c.ExpiresAt(), deadline)
			}
			for _, tc := range []struct {
				d    time.Duration
				want status.Code
			}{{-1, status.PendingAcceptance}, {0, status.Expired}, {1, status.Expired}} {
				got := p.Settle(deadline.Add(tc.d))
				if got.Code() != tc.want {
					t.Errorf("Settle(deadline%+dns) = %s, want %s", tc.d, got.Code(), tc.want)
				}
				if tc.want == status.Expired && (!got.ChangedAt().Equal(deadline) || got.Status().Message != "Expired") {
					t.Errorf("expired: ChangedAt() = %v, Status() = %v", got.ChangedAt(), got.Status())
				}
				_, err := p.Accept(acc, deadline.Add(tc.d))
				if (err == nil) != (tc.want == status.PendingAcceptance) {
					t.Errorf("Accept(deadline%+dns) error = %v", tc.d, err)
				}
			}
			a := must(p.Accept(acc, t0.Add(time.Minute)))
			if got := a.Status(); got.Code != status.Provisioning || got.Message != "Provisioning" {
				t.Errorf("Accept: Status() = %v", got)
			}
			if got := a.Settle(t0.Add(time.Minute)).Status(); got.Code != status.Active || got.Message != "Active" {
				t.Errorf("Settle after accept: Status() = %v", got)
			}
			// Active connections never expire.
			if got := a.Settle(deadline.Add(time.Hour)).Code(); got != status.Active {
				t.Errorf("active after the deadline: %s", got)
			}
		})
	}
}

func TestCreateFailures(t *testing.T) {
	k := kinds[1]
	for _, tc := range []struct {
		name   string
		mutate func(*peering.Request)
		want   status.Code
	}{
		{"no overlap", func(*peering.Request) {}, status.PendingAcceptance},
		{"primary overlap", func(r *peering.Request) { r.Accepter.IPv4 = []netip.Prefix{mustPrefix("10.0.0.0/24")} }, status.Failed},
		{"equal blocks", func(r *peering.Request) { r.Accepter.IPv4 = []netip.Prefix{mustPrefix("10.0.0.0/16")} }, status.Failed},
		{"secondary overlap", func(r *peering.Request) {
			r.Accepter.IPv4 = append(r.Accepter.IPv4, mustPrefix("10.0.200.0/24"))
		}, status.Failed},
		{"requester secondary overlap", func(r *peering.Request) {
			r.Requester.IPv4 = append(r.Requester.IPv4, mustPrefix("10.1.3.0/24"))
		}, status.Failed},
		{"ipv6 overlap", func(r *peering.Request) {
			r.Requester.IPv6 = []netip.Prefix{mustPrefix("2600:1f18::/56")}
			r.Accepter.IPv6 = []netip.Prefix{mustPrefix("2600:1f18::/56")}
		}, status.Failed},
		{"ipv6 disjoint", func(r *peering.Request) {
			r.Requester.IPv6 = []netip.Prefix{mustPrefix("2600:1f18::/56")}
			r.Accepter.IPv6 = []netip.Prefix{mustPrefix("2600:1f18:0:100::/56")}
		}, status.PendingAcceptance},
		{"peer missing across Regions", func(r *peering.Request) { r.PeerMissing = true }, status.Failed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := k.request(false)
			tc.mutate(&r)
			c, err := peering.Create(pcx, r, t0)
			if err != nil {
				t.Fatalf("Create = %v", err)
			}
			got := c.Settle(t0)
			if got.Code() != tc.want {
				t.Fatalf("Settle().Code() = %s, want %s", got.Code(), tc.want)
			}
			if tc.want == status.Failed && got.Status().Message != "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range" {
				t.Errorf("message = %q", got.Status().Message)
			}
		})
	}
}

func TestCreateRefusals(t *testing.T) {
	for _, tc := range []struct {
		name    string
		id      string
		mutate  func(*peering.Request)
		errCode string
		cause   error
		msg     string
	}{
		{"malformed pcx", "pcx-xyz", func(*peering.Request) {}, "InvalidVpcPeeringConnectionId.Malformed", peering.ErrMalformedID, `Invalid id: "pcx-xyz" (expecting "pcx-...")`},
		{"malformed vpc", pcx, func(r *peering.Request) { r.Accepter.ID = "vpc-1" }, "InvalidVpcID.Malformed", peering.ErrMalformedID, `Invalid id: "vpc-1" (expecting "vpc-...")`},
		{"bad account", pcx, func(r *peering.Request) { r.Accepter.OwnerID = "12" }, "InvalidParameterValue", peering.ErrInvalid, `Invalid account id: "12" (expecting a 12-digit account ID)`},
		{"bad region", pcx, func(r *peering.Request) { r.Accepter.Region = "mars" }, "InvalidParameterValue", peering.ErrInvalid, `Invalid region: "mars"`},
		{"no ipv4", pcx, func(r *peering.Request) { r.Requester.IPv4 = nil }, "InvalidParameterValue", peering.ErrInvalid, "The vpc 'vpc-0a0a0a0a' has no IPv4 CIDR block"},
		{"bad block", pcx, func(r *peering.Request) { r.Accepter.IPv4 = []netip.Prefix{mustPrefix("10.1.0.1/16")} }, "InvalidParameterValue", peering.ErrInvalid,
			"Value (10.1.0.1/16) for parameter cidrBlock is invalid. This is not a valid CIDR block."},
		{"itself", pcx, func(r *peering.Request) { r.Accepter = r.Requester }, "InvalidParameterValue", peering.ErrSameVPC,
			"A VPC peering connection cannot be created between a VPC and itself: vpc-0a0a0a0a"},
		{"missing peer same account and Region", pcx, func(r *peering.Request) {
			r.Accepter.OwnerID, r.Accepter.Region, r.PeerMissing = r.Requester.OwnerID, r.Requester.Region, true
		}, "InvalidVpcID.NotFound", peering.ErrVPCNotFound, "The vpc ID 'vpc-0b0b0b0b' does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := kinds[1].request(false)
			tc.mutate(&r)
			c, err := peering.Create(tc.id, r, t0)
			var pe *peering.Error
			if !errors.As(err, &pe) || pe.ErrorCode() != tc.errCode || !errors.Is(err, tc.cause) || pe.ErrorMessage() != tc.msg {
				t.Fatalf("Create = %v, %v; want %s %q (%v)", c.Code(), err, tc.errCode, tc.msg, tc.cause)
			}
			if c.IsValid() {
				t.Error("Create returned a valid connection with an error")
			}
		})
	}
}

func TestModifyOptions(t *testing.T) {
	on := peering.Options{AllowDNSResolutionFromRemoteVPC: true}
	cl := peering.Options{AllowEgressFromLocalClassicLinkToRemoteVPC: true}
	for _, tc := range []struct {
		name    string
		k       kind
		p       peering.Party
		ch      peering.OptionsChange
		wantReq peering.Options
		wantAcc peering.Options
		cause   error
	}{
		{"requester sets its side", kinds[0], peering.Party{acctA, reg1}, peering.OptionsChange{Requester: on, SetRequester: true}, on, peering.Options{}, nil},
		{"accepter sets its side", kinds[0], peering.Party{acctB, reg1}, peering.OptionsChange{Accepter: on, SetAccepter: true}, peering.Options{}, on, nil},
		{"requester cannot set the accepter's", kinds[0], peering.Party{acctA, reg1}, peering.OptionsChange{Accepter: on, SetAccepter: true}, peering.Options{}, peering.Options{}, peering.ErrWrongAccount},
		{"same account sets both", kinds[2], peering.Party{acctA, reg1}, peering.OptionsChange{Requester: on, SetRequester: true, Accepter: on, SetAccepter: true}, on, on, nil},
		{"same account inter-Region, one Region", kinds[3], peering.Party{acctA, reg1}, peering.OptionsChange{Requester: on, SetRequester: true, Accepter: on, SetAccepter: true}, peering.Options{}, peering.Options{}, peering.ErrWrongRegion},
		{"same account inter-Region, own side", kinds[3], peering.Party{acctA, reg2}, peering.OptionsChange{Accepter: on, SetAccepter: true}, peering.Options{}, on, nil},
		{"classiclink same Region", kinds[0], peering.Party{acctA, reg1}, peering.OptionsChange{Requester: cl, SetRequester: true}, cl, peering.Options{}, nil},
		{"classiclink inter-Region", kinds[1], peering.Party{acctA, reg1}, peering.OptionsChange{Requester: cl, SetRequester: true}, peering.Options{}, peering.Options{}, peering.ErrClassicLink},
		{"nothing set", kinds[1], peering.Party{acctA, reg1}, peering.OptionsChange{}, peering.Options{}, peering.Options{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, at, _ := reach(tc.k, status.Active)
			got, err := c.ModifyOptions(tc.p, tc.ch, at)
			if !errors.Is(err, tc.cause) || (err == nil) != (tc.cause == nil) {
				t.Fatalf("ModifyOptions = %v, want %v", err, tc.cause)
			}
			if err != nil {
				return
			}
			if got.RequesterOptions() != tc.wantReq || got.AccepterOptions() != tc.wantAcc {
				t.Errorf("options = %+v / %+v, want %+v / %+v", got.RequesterOptions(), got.AccepterOptions(), tc.wantReq, tc.wantAcc)
			}
		})
	}
}

// TestModifyOptionsClassicLinkNamed covers every combination of Region
// shape, side, whether the side is set, whether its request named the
// ClassicLink fields and which option (if any) is true. EC2 refuses the
// ClassicLink fields on an inter-Region connection whenever they are
// present, even as false (terraform-provider-aws issue 6730).
func TestModifyOptionsClassicLinkNamed(t *testing.T) {
	values := []struct {
		name string
		o    peering.Options
	}{
		{"all false", peering.Options{}},
		{"dns", peering.Options{AllowDNSResolutionFromRemoteVPC: true}},
		{"classiclink to vpc", peering.Options{AllowEgressFromLocalClassicLinkToRemoteVPC: true}},
		{"vpc to classiclink", peering.Options{AllowEgressFromLocalVPCToRemoteClassicLink: true}},
	}
	for _, k := range []kind{kinds[0], kinds[1]} {
		for _, accepterSide := range []bool{false, true} {
			for _, set := range []bool{false, true} {
				for _, named := range []bool{false, true} {
					for _, v := range values {
						name := fmt.Sprintf("%s/accepter=%v/set=%v/named=%v/%s", k.name, accepterSide, set, named, v.name)
						t.Run(name, func(t *testing.T) {
							p := peering.Party{Account: k.reqOwner, Region: k.reqReg}
							var ch peering.OptionsChange
							if accepterSide {
								p = peering.Party{Account: k.accOwner, Region: k.accReg}
								ch.Accepter, ch.SetAccepter, ch.AccepterNamesClassicLink = v.o, set, named
							} else {
								ch.Requester, ch.SetRequester, ch.RequesterNamesClassicLink = v.o, set, named
							}
							inter := k.reqReg != k.accReg
							classic := v.o.AllowEgressFromLocalClassicLinkToRemoteVPC || v.o.AllowEgressFromLocalVPCToRemoteClassicLink
							refused := inter && set && (named || classic)

							c, at, _ := reach(k, status.Active)
							got, err := c.ModifyOptions(p, ch, at)
							if refused {
								var pe *peering.Error
								if !errors.Is(err, peering.ErrClassicLink) || !errors.As(err, &pe) ||
									pe.ErrorCode() != "OperationNotPermitted" ||
									pe.ErrorMessage() != "Modifying VPC peering connection options AllowEgressFromLocalClassicLinkToRemoteVpc, "+
										"AllowEgressFromLocalVpcToRemoteClassicLink is not supported for cross-region VPC peering connections" {
									t.Fatalf("ModifyOptions(%+v) = %v, want the ClassicLink refusal", ch, err)
								}
								return
							}
							if err != nil {
								t.Fatalf("ModifyOptions(%+v) = %v, want success", ch, err)
							}
							want := peering.Options{}
							if set {
								want = v.o
							}
							gotOpts := got.RequesterOptions()
							if accepterSide {
								gotOpts = got.AccepterOptions()
							}
							if gotOpts != want {
								t.Errorf("options = %+v, want %+v", gotOpts, want)
							}
						})
					}
				}
			}
		}
	}
}

func TestAddCIDRAndDeleteVPC(t *testing.T) {
	k := kinds[0]
	reqVPC := peering.VPCRef{OwnerID: k.reqOwner, Region: k.reqReg, ID: "vpc-0a0a0a0a"}
	accVPC := peering.VPCRef{OwnerID: k.accOwner, Region: k.accReg, ID: "vpc-0b0b0b0b"}
	other := peering.VPCRef{OwnerID: acctC, Region: reg1, ID: "vpc-0c0c0c0c"}
	overlap, free := mustPrefix("10.0.64.0/20"), mustPrefix("172.16.0.0/16")
	for _, tc := range []struct {
		name    string
		s       status.Code
		vpc     peering.VPCRef
		block   netip.Prefix
		want    status.Code
		cause   error
		errCode string
	}{
		{"pending, requester adds", status.PendingAcceptance, reqVPC, free, "", peering.ErrPendingRequest, "OperationNotPermitted"},
		{"pending, accepter adds overlapping", status.PendingAcceptance, accVPC, overlap, status.Failed, nil, ""},
		{"pending, accepter adds disjoint", status.PendingAcceptance, accVPC, free, status.PendingAcceptance, nil, ""},
		{"active, overlapping", status.Active, reqVPC, mustPrefix("10.1.1.0/24"), "", peering.ErrCIDROverlap, "InvalidVpc.Range"},
		{"active, disjoint", status.Active, accVPC, free, status.Active, nil, ""},
		{"unrelated VPC", status.PendingAcceptance, other, overlap, status.PendingAcceptance, nil, ""},
		{"terminal", status.Rejected, accVPC, overlap, status.Rejected, nil, ""},
		{"malformed block", status.Active, accVPC, netip.PrefixFrom(netip.MustParseAddr("10.9.9.9"), 16), "", peering.ErrInvalid, "InvalidParameterValue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, at, _ := reach(k, tc.s)
			got, err := c.AddCIDR(tc.vpc, tc.block, at)
			var pe *peering.Error
			if tc.cause != nil {
				if !errors.Is(err, tc.cause) || !errors.As(err, &pe) || pe.ErrorCode() != tc.errCode {
					t.Fatalf("AddCIDR = %v, want %v (%s)", err, tc.cause, tc.errCode)
				}
				return
			}
			if err != nil || got.Code() != tc.want {
				t.Fatalf("AddCIDR = %v, %v; want %s", got.Code(), err, tc.want)
			}
			if tc.want == status.Active && got.Accepter().IPv4[len(got.Accepter().IPv4)-1] != tc.block {
				t.Errorf("block not recorded: %v", got.Accepter().IPv4)
			}
		})
	}

	for _, tc := range []struct {
		name  string
		k     kind
		s     status.Code
		vpc   peering.VPCRef
		want  status.Code
		cause error
	}{
		{"active, requester VPC", k, status.Active, reqVPC, "", peering.ErrActiveDependency},
		{"active, accepter VPC", k, status.Active, accVPC, "", peering.ErrActiveDependency},
		{"active, same account", kinds[2], status.Active, peering.VPCRef{acctA, reg1, "vpc-0b0b0b0b"}, "", peering.ErrActiveDependency},
		{"inter-Region active", kinds[1], status.Active, reqVPC, "", peering.ErrActiveDependency},
		{"inter-Region active, accepter VPC", kinds[1], status.Active, peering.VPCRef{acctB, reg2, "vpc-0b0b0b0b"}, "", peering.ErrActiveDependency},
		{"provisioning", k, status.Provisioning, accVPC, "", peering.ErrActiveDependency},
		{"pending, requester VPC", k, status.PendingAcceptance, reqVPC, status.Deleted, nil},
		{"initiating, requester VPC", k, status.InitiatingRequest, reqVPC, status.Deleted, nil},
		{"inter-Region pending, requester VPC", kinds[1], status.PendingAcceptance, reqVPC, status.Deleting, nil},
		{"pending, accepter VPC of another account", k, status.PendingAcceptance, accVPC, "", peering.ErrPendingDependency},
		{"pending, accepter VPC of the same account", kinds[2], status.PendingAcceptance, peering.VPCRef{acctA, reg1, "vpc-0b0b0b0b"}, status.Deleted, nil},
		{"deleting, settled first", kinds[1], status.Deleting, reqVPC, status.Deleted, nil},
		{"deleted", k, status.Deleted, reqVPC, status.Deleted, nil},
		{"rejected", k, status.Rejected, accVPC, status.Rejected, nil},
		{"expired", k, status.Expired, accVPC, status.Expired, nil},
		{"failed", k, status.Failed, reqVPC, status.Failed, nil},
		{"another VPC", k, status.Active, other, status.Active, nil},
	} {
		t.Run("delete vpc/"+tc.name, func(t *testing.T) {
			c, at, _ := reach(tc.k, tc.s)
			got, err := c.DeleteVPC(tc.vpc, at)
			if tc.cause != nil {
				var pe *peering.Error
				if !errors.Is(err, tc.cause) || !errors.As(err, &pe) || pe.ErrorCode() != "DependencyViolation" ||
					pe.ErrorMessage() != "The vpc '"+tc.vpc.ID+"' has dependencies and cannot be deleted." {
					t.Fatalf("DeleteVPC = %v, want %v", err, tc.cause)
				}
				return
			}
			if err != nil || got.Code() != tc.want {
				t.Fatalf("DeleteVPC = %v, %v; want %s", got.Code(), err, tc.want)
			}
			if tc.want == status.Deleted && got.Status().Message != "Deleted by "+tc.vpc.OwnerID {
				t.Errorf("message = %q", got.Status().Message)
			}
		})
	}
}

// TestVisibility pins every window at its end −1 ns, 0 and +1 ns.
func TestVisibility(t *testing.T) {
	type row struct {
		name    string
		k       kind
		s       status.Code
		deleter string // for deleted: who deletes
		account string
		window  time.Duration // 0: never visible; -1: no end
	}
	x, sa := kinds[0], kinds[2]
	rows := []row{
		{"pending requester", x, status.PendingAcceptance, "", acctA, -1},
		{"pending accepter", x, status.PendingAcceptance, "", acctB, -1},
		{"pending stranger", x, status.PendingAcceptance, "", acctC, 0},
		{"initiating accepter", x, status.InitiatingRequest, "", acctB, -1},
		{"active accepter", x, status.Active, "", acctB, -1},
		{"failed requester", x, status.Failed, "", acctA, 2 * time.Hour},
		{"failed accepter", x, status.Failed, "", acctB, 0},
		{"expired requester", x, status.Expired, "", acctA, 48 * time.Hour},
		{"expired accepter", x, status.Expired, "", acctB, 48 * time.Hour},
		{"rejected requester", x, status.Rejected, "", acctA, 48 * time.Hour},
		{"rejected accepter", x, status.Rejected, "", acctB, 2 * time.Hour},
		{"rejected same account", sa, status.Rejected, "", acctA, 2 * time.Hour},
		{"deleted by requester, requester", x, status.Deleted, acctA, acctA, 2 * time.Hour},
		{"deleted by requester, accepter", x, status.Deleted, acctA, acctB, 48 * time.Hour},
		{"deleted by accepter, accepter", x, status.Deleted, acctB, acctB, 2 * time.Hour},
		{"deleted by accepter, requester", x, status.Deleted, acctB, acctA, 48 * time.Hour},
		{"deleted same account", sa, status.Deleted, acctA, acctA, 2 * time.Hour},
		{"deleted stranger", x, status.Deleted, acctA, acctC, 0},
	}
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			c, at, _ := reach(tc.k, tc.s)
			if tc.s == status.Deleted {
				a, _, _ := reach(tc.k, status.Active)
				p := peering.Party{Account: tc.deleter, Region: tc.k.reqReg}
				c = must(a.Delete(p, at)).Settle(at)
			}
			if tc.s == status.InitiatingRequest {
				// The accepter sees the request once EC2 has passed it on.
				at = c.RequestedAt()
			}
			switch tc.window {
			case 0:
				for _, d := range []time.Duration{0, time.Hour, 72 * time.Hour} {
					if c.VisibleTo(tc.account, at.Add(d)) {
						t.Errorf("VisibleTo(%s, +%v) = true, want false", tc.account, d)
					}
				}
			case -1:
				if !c.VisibleTo(tc.account, at.Add(30*24*time.Hour)) && tc.s != status.PendingAcceptance && tc.s != status.InitiatingRequest {
					t.Errorf("VisibleTo(+30d) = false, want true")
				}
				if !c.VisibleTo(tc.account, at) {
					t.Errorf("VisibleTo(%s, at) = false, want true", tc.account)
				}
			default:
				end := at.Add(tc.window)
				for _, d := range []time.Duration{-1, 0, 1} {
					want := d < 0
					if got := c.VisibleTo(tc.account, end.Add(d)); got != want {
						t.Errorf("VisibleTo(%s, end%+dns) = %v, want %v", tc.account, d, got, want)
					}
				}
				if !c.VisibleTo(tc.account, at) {
					t.Errorf("VisibleTo(%s, start) = false, want true", tc.account)
				}
			}
		})
	}
}

func TestZeroConnection(t *testing.T) {
	var c peering.Connection
	if c.IsValid() || c.ID() != "" || c.Code() != "" || !c.ExpiresAt().IsZero() || c.VisibleTo(acctA, t0) {
		t.Error("zero Connection is not inert")
	}
	if _, err := c.Accept(peering.Party{acctA, reg1}, t0); !errors.Is(err, peering.ErrInvalid) {
		t.Errorf("Accept on zero = %v, want ErrInvalid", err)
	}
	if got := c.Settle(t0); got.IsValid() {
		t.Error("Settle made the zero Connection valid")
	}
}

func TestErrorFormat(t *testing.T) {
	c, at, _ := reach(kinds[0], status.Failed)
	_, err := c.Accept(peering.Party{Account: acctB, Region: reg1}, at)
	want := "peering: accept " + pcx + ": connection is not in a state that allows the action (status failed)"
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err, want)
	}
	_, err = peering.Create("pcx-1", kinds[0].request(false), t0)
	if want := "peering: create pcx-1: malformed id"; err == nil || err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err, want)
	}
}
