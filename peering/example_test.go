package peering_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"time"

	"github.com/vpclab/vpcmodel/peering"
	"github.com/vpclab/vpcmodel/tag"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// vpcs is a tiny VPC directory for the examples.
type vpcs map[peering.VPCRef]peering.VPC

func (d vpcs) ResolveVPC(ref peering.VPCRef) (peering.VPC, bool) { v, ok := d[ref]; return v, ok }

func (d vpcs) add(owner, region, id string, blocks ...string) {
	v := peering.VPC{OwnerID: owner, Region: region, ID: id}
	for _, b := range blocks {
		p := netip.MustParsePrefix(b)
		if p.Addr().Is4() {
			v.IPv4 = append(v.IPv4, p)
		} else {
			v.IPv6 = append(v.IPv6, p)
		}
	}
	d[v.Ref()] = v
}

func newExampleRegistry() (*peering.Registry, vpcs) {
	d := vpcs{}
	d.add("111111111111", "us-east-1", "vpc-0a0a0a0a", "10.0.0.0/16")
	d.add("222222222222", "us-east-1", "vpc-0b0b0b0b", "10.1.0.0/16")
	d.add("222222222222", "eu-west-1", "vpc-0c0c0c0c", "10.0.128.0/20")
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{}), d, peering.Quotas{})
	if err != nil {
		panic(err)
	}
	return r, d
}

// Example_lifecycle peers two VPCs of different accounts: request, accept,
// use, delete.
func Example_lifecycle() {
	r, _ := newExampleRegistry()
	alice := peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob := peering.Party{Account: "222222222222", Region: "us-east-1"}

	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b", PeerOwnerID: bob.Account}, t0)
	fmt.Println(v.Status())
	id := v.ID()

	v, _ = r.View(bob, id, t0.Add(time.Second))
	fmt.Println(v.Status())

	v, _ = r.Accept(bob, id, t0.Add(time.Minute))
	fmt.Println(v.Status())
	v, _ = r.View(alice, id, t0.Add(2*time.Minute))
	fmt.Println(v.Status(), v.Accepter().CIDRBlock)

	v, _ = r.Delete(alice, id, t0.Add(time.Hour))
	fmt.Println(v.Status())
	// Output:
	// initiating-request: Initiating Request to 222222222222
	// pending-acceptance: Pending Acceptance by 222222222222
	// provisioning: Provisioning
	// active: Active 10.1.0.0/16
	// deleted: Deleted by 111111111111
}

// Example_overlap shows a request between overlapping VPCs failing, visible
// to the requester only, for two hours.
func Example_overlap() {
	r, _ := newExampleRegistry()
	alice := peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob := peering.Party{Account: "222222222222", Region: "eu-west-1"}
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0c0c0c0c",
		PeerOwnerID: bob.Account, PeerRegion: bob.Region}, t0)
	id := v.ID()

	v, _ = r.View(alice, id, t0.Add(time.Second))
	fmt.Println(v.Status())
	_, err := r.View(bob, id, t0.Add(time.Second))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	_, err = r.View(alice, id, t0.Add(peering.ShortVisibility))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	// Output:
	// failed: Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range
	// true
	// true
}

// Example_expiry shows an unanswered request expiring exactly seven days
// after it was made, then staying visible to both owners for two days.
func Example_expiry() {
	r, _ := newExampleRegistry()
	alice := peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob := peering.Party{Account: "222222222222", Region: "us-east-1"}
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b", PeerOwnerID: bob.Account}, t0)
	id := v.ID()
	exp, _ := v.ExpirationTime()
	fmt.Println("expires", exp.Format(ec2Time))

	v, _ = r.View(bob, id, exp.Add(-time.Nanosecond))
	fmt.Println(v.Status().Code)
	_, err := r.Accept(bob, id, exp)
	fmt.Println(err)
	v, _ = r.View(alice, id, exp.Add(peering.LongVisibility-time.Nanosecond))
	fmt.Println(v.Status())
	_, err = r.View(alice, id, exp.Add(peering.LongVisibility))
	fmt.Println(errors.Is(err, peering.ErrNotFound))
	// Output:
	// expires 2025-03-08T12:00:00.000Z
	// pending-acceptance
	// peering: accept pcx-d9877ece6d368aac1: connection is not in a state that allows the action (status expired)
	// expired: Expired
	// true
}

// Example_crossAccount shows that only the accepter's account, in the
// accepter's Region, may accept: not the requester, not another Region.
func Example_crossAccount() {
	r, _ := newExampleRegistry()
	alice := peering.Party{Account: "111111111111", Region: "us-east-1"}
	bob := peering.Party{Account: "222222222222", Region: "eu-west-1"}
	v, _ := r.Create(alice, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b",
		PeerOwnerID: "222222222222", PeerRegion: "us-east-1"}, t0)
	id := v.ID()

	var pe *peering.Error
	_, err := r.Accept(alice, id, t0)
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode()+":", pe.ErrorMessage())
	_, err = r.Accept(bob, id, t0) // bob's account, but eu-west-1 does not hold the connection
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode())

	bob.Region = "us-east-1"
	v, err = r.Accept(bob, id, t0)
	fmt.Println(v.Status(), err)
	// Output:
	// OperationNotPermitted: User (111111111111) cannot accept peering pcx-d9877ece6d368aac1
	// InvalidVpcPeeringConnectionID.NotFound
	// provisioning: Provisioning <nil>
}

func ExampleCreate() {
	c, err := peering.Create("pcx-0123456789abcdef0", peering.Request{
		Requester: peering.VPC{OwnerID: "111111111111", Region: "us-east-1", ID: "vpc-0a0a0a0a",
			IPv4: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}},
		Accepter: peering.VPC{OwnerID: "222222222222", Region: "eu-west-1", ID: "vpc-0b0b0b0b",
			IPv4: []netip.Prefix{netip.MustParsePrefix("10.0.8.0/21")}},
	}, t0)
	fmt.Println(c.Status(), err)
	fmt.Println(c.Settle(t0).Status())
	fmt.Println(c.IsInterRegion(), c.IsCrossAccount())
	// Output:
	// initiating-request: Initiating Request to 222222222222 <nil>
	// failed: Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range
	// true true
}

// exampleConnection is a pending same-Region, cross-account request.
func exampleConnection() peering.Connection {
	c, _ := peering.Create("pcx-0123456789abcdef0", peering.Request{
		Requester: peering.VPC{OwnerID: "111111111111", Region: "us-east-1", ID: "vpc-0a0a0a0a",
			IPv4: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}},
		Accepter: peering.VPC{OwnerID: "222222222222", Region: "us-east-1", ID: "vpc-0b0b0b0b",
			IPv4: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}},
	}, t0)
	return c.Settle(t0)
}

// ec2Time is how EC2 writes an instant such as ExpirationTime.
const ec2Time = "2006-01-02T15:04:05.000Z"

var (
	requester = peering.Party{Account: "111111111111", Region: "us-east-1"}
	accepter  = peering.Party{Account: "222222222222", Region: "us-east-1"}
)

func ExampleConnection_Settle() {
	c := exampleConnection()
	fmt.Println(c.Settle(c.ExpiresAt().Add(-time.Nanosecond)).Code())
	fmt.Println(c.Settle(c.ExpiresAt()).Code())
	// Output:
	// pending-acceptance
	// expired
}

func ExampleConnection_Accept() {
	c := exampleConnection()
	_, err := c.Accept(requester, t0)
	fmt.Println(err)
	c, _ = c.Accept(accepter, t0)
	fmt.Println(c.Code(), c.Settle(t0).Code())
	// Output:
	// peering: accept pcx-0123456789abcdef0: account is not permitted to act on this connection (status pending-acceptance)
	// provisioning active
}

func ExampleConnection_Reject() {
	c, _ := exampleConnection().Reject(accepter, t0)
	fmt.Println(c.Status())
	fmt.Println(c.VisibleTo(accepter.Account, t0.Add(peering.ShortVisibility)), c.VisibleTo(requester.Account, t0.Add(peering.ShortVisibility)))
	// Output:
	// rejected: Rejected by 222222222222
	// false true
}

func ExampleConnection_Delete() {
	c := exampleConnection()
	_, err := c.Delete(accepter, t0) // the accepter rejects a pending request; it cannot delete it
	fmt.Println(err)
	c, _ = c.Delete(requester, t0)
	fmt.Println(c.Status())
	// Output:
	// peering: delete pcx-0123456789abcdef0: account is not permitted to act on this connection (status pending-acceptance)
	// deleted: Deleted by 111111111111
}

func ExampleConnection_ModifyOptions() {
	c := exampleConnection()
	on := peering.Options{AllowDNSResolutionFromRemoteVPC: true}
	_, err := c.ModifyOptions(requester, peering.OptionsChange{Requester: on, SetRequester: true}, t0)
	var pe *peering.Error
	errors.As(err, &pe)
	fmt.Println(pe.ErrorMessage())
	c, _ = c.Accept(accepter, t0)
	c, err = c.ModifyOptions(requester, peering.OptionsChange{Requester: on, SetRequester: true}, t0)
	fmt.Println(c.RequesterOptions().AllowDNSResolutionFromRemoteVPC, c.AccepterOptions().AllowDNSResolutionFromRemoteVPC, err)
	// Output:
	// Peering pcx-0123456789abcdef0 is not active. Peering options can be added only to active peerings.
	// true false <nil>
}

// ExampleOptionsChange shows an inter-Region connection refusing a request
// that names a ClassicLink option even as false, as EC2 does; an embedder
// decoding ModifyVpcPeeringConnectionOptions sets RequesterNamesClassicLink
// when the request carries either ClassicLink field.
func ExampleOptionsChange() {
	c, _ := peering.Create("pcx-0123456789abcdef0", peering.Request{
		Requester: peering.VPC{OwnerID: "111111111111", Region: "us-east-1", ID: "vpc-0a0a0a0a", IPv4: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}},
		Accepter:  peering.VPC{OwnerID: "222222222222", Region: "eu-west-1", ID: "vpc-0c0c0c0c", IPv4: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}},
	}, t0)
	c, _ = c.Accept(peering.Party{Account: "222222222222", Region: "eu-west-1"}, t0)

	dns := peering.Options{AllowDNSResolutionFromRemoteVPC: true}
	_, err := c.ModifyOptions(requester, peering.OptionsChange{Requester: dns, SetRequester: true, RequesterNamesClassicLink: true}, t0)
	var pe *peering.Error
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode(), errors.Is(err, peering.ErrClassicLink))

	c, err = c.ModifyOptions(requester, peering.OptionsChange{Requester: dns, SetRequester: true}, t0)
	fmt.Println(c.RequesterOptions().AllowDNSResolutionFromRemoteVPC, err)
	// Output:
	// OperationNotPermitted true
	// true <nil>
}

func ExampleConnection_AddCIDR() {
	c := exampleConnection()
	reqVPC := c.Requester().Ref()
	accVPC := c.Accepter().Ref()
	_, err := c.AddCIDR(reqVPC, netip.MustParsePrefix("172.16.0.0/16"), t0)
	fmt.Println(errors.Is(err, peering.ErrPendingRequest))
	c, _ = c.AddCIDR(accVPC, netip.MustParsePrefix("10.0.64.0/18"), t0)
	fmt.Println(c.Code())
	// Output:
	// true
	// failed
}

func ExampleConnection_DeleteVPC() {
	c := exampleConnection()
	_, err := c.DeleteVPC(c.Accepter().Ref(), t0)
	var pe *peering.Error
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode(), pe.ErrorMessage())
	c, _ = c.DeleteVPC(c.Requester().Ref(), t0)
	fmt.Println(c.Status())
	// Output:
	// DependencyViolation The vpc 'vpc-0b0b0b0b' has dependencies and cannot be deleted.
	// deleted: Deleted by 111111111111
}

func ExampleConnection_VisibleTo() {
	c, _ := exampleConnection().Delete(requester, t0)
	for _, d := range []time.Duration{peering.ShortVisibility - 1, peering.ShortVisibility, peering.LongVisibility} {
		fmt.Println(d, c.VisibleTo(requester.Account, t0.Add(d)), c.VisibleTo(accepter.Account, t0.Add(d)))
	}
	// Output:
	// 1h59m59.999999999s true true
	// 2h0m0s false true
	// 48h0m0s false false
}

func ExampleConnection_Status() {
	c := exampleConnection()
	fmt.Println(c.Status().Code, "/", c.Status().Message)
	// Output:
	// pending-acceptance / Pending Acceptance by 222222222222
}

func ExampleConnection_ExpiresAt() {
	c := exampleConnection()
	fmt.Println(c.ExpiresAt().Sub(c.RequestedAt()) == peering.RequestLifetime, c.ExpiresAt())
	// Output:
	// true 2025-03-08 12:00:00 +0000 UTC
}

func ExampleNewRegistry() {
	d := vpcs{}
	d.add("111111111111", "us-east-1", "vpc-0a0a0a0a", "10.0.0.0/16")
	// Production callers pass crypto/rand.Reader; a seeded reader gives
	// reproducible IDs.
	r, err := peering.NewRegistry(rand.NewChaCha8([32]byte{}), d, peering.Quotas{ActivePerVPC: 125})
	fmt.Println(r.Quotas(), err)
	_, err = peering.NewRegistry(rand.NewChaCha8([32]byte{}), d, peering.Quotas{ActivePerVPC: 126})
	fmt.Println(errors.Is(err, peering.ErrInvalid))
	// Output:
	// {25 125} <nil>
	// true
}

func ExampleRegistry_Create() {
	r, _ := newExampleRegistry()
	v, err := r.Create(requester, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b", PeerOwnerID: "222222222222"}, t0)
	fmt.Println(v.ID(), v.Status(), err)
	_, err = r.Create(requester, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b", PeerOwnerID: "222222222222"}, t0)
	var pe *peering.Error
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode(), pe.ErrorMessage())
	// Output:
	// pcx-d9877ece6d368aac1 initiating-request: Initiating Request to 222222222222 <nil>
	// VpcPeeringConnectionAlreadyExists A VPC peering connection between the VPCs already exists.
}

// exampleRequest makes a pending request from vpc-0a0a0a0a to vpc-0b0b0b0b.
func exampleRequest(r *peering.Registry) string {
	v, err := r.Create(requester, peering.CreateInput{VPCID: "vpc-0a0a0a0a", PeerVPCID: "vpc-0b0b0b0b", PeerOwnerID: "222222222222"}, t0)
	if err != nil {
		panic(err)
	}
	return v.ID()
}

func ExampleRegistry_Accept() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	v, _ := r.Accept(accepter, id, t0)
	fmt.Println(v.Status())
	v, _ = r.View(requester, id, t0)
	fmt.Println(v.Status(), v.Accepter().CIDRBlocks)
	// Output:
	// provisioning: Provisioning
	// active: Active [10.1.0.0/16]
}

func ExampleRegistry_Reject() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	v, _ := r.Reject(accepter, id, t0)
	fmt.Println(v.Status())
	// Output:
	// rejected: Rejected by 222222222222
}

func ExampleRegistry_Delete() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	_, err := r.Delete(accepter, id, t0)
	fmt.Println(errors.Is(err, peering.ErrWrongAccount))
	v, _ := r.Delete(requester, id, t0)
	fmt.Println(v.Status())
	// Output:
	// true
	// deleted: Deleted by 111111111111
}

func ExampleRegistry_ModifyOptions() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.Accept(accepter, id, t0)
	on := peering.Options{AllowDNSResolutionFromRemoteVPC: true}
	v, err := r.ModifyOptions(accepter, id, peering.OptionsChange{Accepter: on, SetAccepter: true}, t0)
	fmt.Println(v.Accepter().Options.AllowDNSResolutionFromRemoteVPC, v.Requester().Options.AllowDNSResolutionFromRemoteVPC, err)
	// Output:
	// true false <nil>
}

func ExampleRegistry_View() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	v, _ := r.View(accepter, id, t0)
	exp, ok := v.ExpirationTime()
	fmt.Println(v.Status().Code, exp.Format(ec2Time), ok)
	_, err := r.View(peering.Party{Account: "333333333333", Region: "us-east-1"}, id, t0)
	var pe *peering.Error
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode(), pe.ErrorMessage())
	// Output:
	// pending-acceptance 2025-03-08T12:00:00.000Z true
	// InvalidVpcPeeringConnectionID.NotFound The vpcPeeringConnection ID 'pcx-d9877ece6d368aac1' does not exist
}

func ExampleRegistry_Connection() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.Delete(requester, id, t0)
	c, ok := r.Connection(id, t0.Add(peering.ShortVisibility))
	fmt.Println(c.Code(), ok) // the accepter still sees it for two days
	_, ok = r.Connection(id, t0.Add(peering.LongVisibility))
	fmt.Println(ok)
	// Output:
	// deleted true
	// false
}

func ExampleRegistry_Describe() {
	r, d := newExampleRegistry()
	d.add("111111111111", "us-east-1", "vpc-0d0d0d0d", "192.168.0.0/24")
	exampleRequest(r)
	r.Create(requester, peering.CreateInput{VPCID: "vpc-0d0d0d0d", PeerVPCID: "vpc-0b0b0b0b", PeerOwnerID: "222222222222",
		Tags: []tag.Tag{{Key: "Name", Value: "lab"}}}, t0)
	page, _ := r.Describe(requester, peering.Query{Filters: []peering.Filter{
		{Name: "requester-vpc-info.cidr-block", Values: []string{"192.168.*"}},
		{Name: "tag:Name", Values: []string{"lab", "prod"}},
	}}, t0)
	for _, v := range page.Connections {
		fmt.Println(v.ID(), v.Requester().VPCID, v.Status().Code, v.Tags())
	}
	// Output:
	// pcx-6f419ec627c76b1bf vpc-0d0d0d0d pending-acceptance {Name=lab}
}

func ExampleRegistry_CreateTags() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.CreateTags(accepter, id, []tag.Tag{{Key: "Name", Value: "from-alice"}}, t0)
	a, _ := r.View(requester, id, t0)
	b, _ := r.View(accepter, id, t0)
	fmt.Println(a.Tags(), b.Tags())
	// Output:
	// {} {Name=from-alice}
}

func ExampleRegistry_DeleteTags() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.CreateTags(requester, id, []tag.Tag{{Key: "Name", Value: "x"}, {Key: "env", Value: "dev"}}, t0)
	r.DeleteTags(requester, id, []tag.Tag{{Key: "Name", Value: "y"}, {Key: "env", Value: "dev"}}, t0)
	v, _ := r.View(requester, id, t0)
	fmt.Println(v.Tags())
	// Output:
	// {Name=x}
}

func ExampleRegistry_DeleteTagKeys() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.CreateTags(requester, id, []tag.Tag{{Key: "Name", Value: "x"}, {Key: "env", Value: "dev"}}, t0)
	r.DeleteTagKeys(requester, id, []string{"Name"}, t0)
	v, _ := r.View(requester, id, t0)
	fmt.Println(v.Tags())
	// Output:
	// {env=dev}
}

func ExampleRegistry_AddVPCCIDR() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	bobVPC := peering.VPCRef{OwnerID: "222222222222", Region: "us-east-1", ID: "vpc-0b0b0b0b"}
	err := r.AddVPCCIDR(bobVPC, netip.MustParsePrefix("10.0.200.0/24"), t0)
	v, _ := r.View(requester, id, t0)
	fmt.Println(err, v.Status().Code)
	// Output:
	// <nil> failed
}

func ExampleRegistry_CheckAddVPCCIDR() {
	r, _ := newExampleRegistry()
	exampleRequest(r)
	aliceVPC := peering.VPCRef{OwnerID: "111111111111", Region: "us-east-1", ID: "vpc-0a0a0a0a"}
	err := r.CheckAddVPCCIDR(aliceVPC, netip.MustParsePrefix("172.16.0.0/16"), t0)
	var pe *peering.Error
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode())
	// Output:
	// OperationNotPermitted
}

// ExampleRegistry_DeleteVPC shows DeleteVpc refused while its VPC has an
// active connection, and a pending request deleted with its requester VPC.
func ExampleRegistry_DeleteVPC() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.Accept(accepter, id, t0)
	bobVPC := peering.VPCRef{OwnerID: "222222222222", Region: "us-east-1", ID: "vpc-0b0b0b0b"}
	err := r.DeleteVPC(bobVPC, t0)
	var pe *peering.Error
	errors.As(err, &pe)
	fmt.Println(pe.ErrorCode(), pe.ErrorMessage())

	r.Delete(accepter, id, t0)
	fmt.Println(r.DeleteVPC(bobVPC, t0))

	r2, _ := newExampleRegistry()
	id = exampleRequest(r2)
	err = r2.DeleteVPC(peering.VPCRef{OwnerID: "111111111111", Region: "us-east-1", ID: "vpc-0a0a0a0a"}, t0)
	v, _ := r2.View(requester, id, t0)
	fmt.Println(err, v.Status())
	// Output:
	// DependencyViolation The vpc 'vpc-0b0b0b0b' has dependencies and cannot be deleted.
	// <nil>
	// <nil> deleted: Deleted by 111111111111
}

func ExampleRegistry_CheckDeleteVPC() {
	r, _ := newExampleRegistry()
	exampleRequest(r)
	err := r.CheckDeleteVPC(peering.VPCRef{OwnerID: "222222222222", Region: "us-east-1", ID: "vpc-0b0b0b0b"}, t0)
	fmt.Println(errors.Is(err, peering.ErrPendingDependency))
	// Output:
	// true
}

func ExampleRegistry_Len() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.Reject(accepter, id, t0)
	fmt.Println(r.Len())
	r.Connection(id, t0.Add(peering.LongVisibility)) // any call moves the Registry's clock
	fmt.Println(r.Len())
	// Output:
	// 1
	// 0
}

func ExampleViewFrom() {
	c, _ := exampleConnection().Accept(accepter, t0)
	v := peering.ViewFrom(c.Settle(t0), tag.Set{})
	fmt.Println(v.Status().Code, v.Accepter().CIDRBlock, v.Accepter().HasOptions)
	// Output:
	// active 10.1.0.0/16 true
}

func ExampleConnection_RemoveCIDR() {
	c, _ := exampleConnection().Accept(accepter, t0)
	bob := c.Accepter().Ref()
	c, _ = c.AddCIDR(bob, netip.MustParsePrefix("172.16.0.0/16"), t0)
	c, _ = c.RemoveCIDR(bob, netip.MustParsePrefix("10.1.0.0/16"), t0)
	fmt.Println(c.Accepter().IPv4)
	// Output:
	// [172.16.0.0/16]
}

func ExampleRegistry_RemoveVPCCIDR() {
	r, _ := newExampleRegistry()
	id := exampleRequest(r)
	r.Accept(accepter, id, t0)
	bob := peering.VPCRef{OwnerID: "222222222222", Region: "us-east-1", ID: "vpc-0b0b0b0b"}
	r.AddVPCCIDR(bob, netip.MustParsePrefix("172.16.0.0/16"), t0)
	r.RemoveVPCCIDR(bob, netip.MustParsePrefix("10.1.0.0/16"), t0)
	v, _ := r.View(requester, id, t0)
	fmt.Println(v.Accepter().CIDRBlock, v.Accepter().CIDRBlocks)
	// Output:
	// 172.16.0.0/16 [172.16.0.0/16]
}

func ExampleConnection_MarshalBinary() {
	c, _ := exampleConnection().Accept(accepter, t0)
	b, _ := c.Settle(t0).MarshalBinary()
	fmt.Println(string(b))
	// Output:
	// {"v":1,"id":"pcx-0123456789abcdef0","requester":{"owner":"111111111111","region":"us-east-1","vpc":"vpc-0a0a0a0a","ipv4":["10.0.0.0/16"],"options":{}},"accepter":{"owner":"222222222222","region":"us-east-1","vpc":"vpc-0b0b0b0b","ipv4":["10.1.0.0/16"],"options":{}},"status":"active","requestedAt":"2025-03-01T12:00:00Z","changedAt":"2025-03-01T12:00:00Z","accepted":true}
}

func ExampleConnection_UnmarshalBinary() {
	c := exampleConnection()
	b, _ := c.MarshalBinary()
	var d peering.Connection
	err := d.UnmarshalBinary(b)
	fmt.Println(err, d.Equal(c), d.Status())

	err = d.UnmarshalBinary([]byte(`{"v":2,"id":"pcx-0123456789abcdef0"}`))
	fmt.Println(errors.Is(err, peering.ErrMalformedEncoding))
	fmt.Println(err)
	// Output:
	// <nil> true pending-acceptance: Pending Acceptance by 222222222222
	// true
	// peering: unmarshal connection: malformed encoding: unknown version 2 (this package reads version 1)
}

// ExampleRegistry_MarshalBinary writes a Registry's state out and restores
// it into a fresh Registry made with the same resolver and quotas, as an
// embedder does across a restart: the restored one answers as the original.
func ExampleRegistry_MarshalBinary() {
	r, d := newExampleRegistry()
	id := exampleRequest(r)
	r.CreateTags(accepter, id, []tag.Tag{{Key: "Name", Value: "from-alice"}}, t0)
	state, _ := r.MarshalBinary()

	restored, _ := peering.NewRegistry(rand.NewChaCha8([32]byte{}), d, peering.Quotas{})
	if err := restored.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	v, _ := restored.View(accepter, id, t0.Add(time.Minute))
	fmt.Println(restored.Len(), v.Status(), v.Tags())
	v, _ = restored.Accept(accepter, id, t0.Add(time.Minute))
	fmt.Println(v.Status())
	// Output:
	// 1 pending-acceptance: Pending Acceptance by 222222222222 {Name=from-alice}
	// provisioning: Provisioning
}

// ExampleRegistry_UnmarshalBinary shows a refused state leaving the
// Registry as it was.
func ExampleRegistry_UnmarshalBinary() {
	r, _ := newExampleRegistry()
	exampleRequest(r)
	err := r.UnmarshalBinary([]byte(`{"v":1,"clock":"2025-03-01T12:00:00+01:00","connections":[]}`))
	fmt.Println(errors.Is(err, peering.ErrMalformedEncoding), r.Len())
	// Output:
	// true 1
}
