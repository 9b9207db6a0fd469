package vpcmodel

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/vpclab/vpcmodel/dhcp"
	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// DHCP option sets are dhcp.Options values; package dhcp owns their
// validation. The Cloud says which VPC uses which set, keeps a set that a
// VPC uses from being deleted, and makes each Region's default set.
//
// Every account has a default set in every Region, as in EC2, and every new
// VPC is associated with it while it exists. The Cloud makes its record the
// first time the account's scope meets DHCP options: a VPC created there,
// or a DHCP option set action. Its ID is derived from the account and
// Region, so making it reads nothing from the random source. Once it has
// been deleted it is not made again: new VPCs then use no set
// (DhcpOptionsId "default"), as after AssociateDhcpOptions with "default".

// dhcpStore is the part of a Cloud's state that DHCP option sets add.
type dhcpStore struct {
	dopts       map[string]*doptRec
	doptOf      map[string]string // VPC -> its set; absent: none ("default")
	defaultMade map[scope]bool    // scopes whose default set has been made

	// Indexes, derived from the above.
	doptsIn    map[scope]idSet  // each scope's sets
	vpcsOfDopt map[string]idSet // set -> the VPCs using it
}

// doptRec is one option set and the scope that owns it.
type doptRec struct {
	owner scope
	o     dhcp.Options
}

func newDHCPStore() dhcpStore {
	return dhcpStore{
		dopts:       make(map[string]*doptRec),
		doptOf:      make(map[string]string),
		defaultMade: make(map[scope]bool),
		doptsIn:     make(map[scope]idSet),
		vpcsOfDopt:  make(map[string]idSet),
	}
}

// noDHCPOptions is the DhcpOptionsId of a VPC that uses no set.
const noDHCPOptions = "default"

// defaultDHCPOptionsID returns the ID of sc's default set.
func defaultDHCPOptionsID(sc scope) string {
	sum := sha256.Sum256([]byte("dhcp-options\x00" + sc.Account + "\x00" + sc.Region))
	return "dopt-" + hex.EncodeToString(sum[:9])[:17]
}

// associateDHCP records that VPC vpcID uses set id ("default": none).
func (d *dhcpStore) associateDHCP(vpcID, id string) {
	if old, ok := d.doptOf[vpcID]; ok {
		delete(d.vpcsOfDopt[old], vpcID)
		if len(d.vpcsOfDopt[old]) == 0 {
			delete(d.vpcsOfDopt, old)
		}
		delete(d.doptOf, vpcID)
	}
	if id == noDHCPOptions {
		return
	}
	d.doptOf[vpcID] = id
	if d.vpcsOfDopt[id] == nil {
		d.vpcsOfDopt[id] = make(idSet)
	}
	d.vpcsOfDopt[id][vpcID] = struct{}{}
}

// dhcpOptionsOf returns the DhcpOptionsId of VPC vpcID.
func (d *dhcpStore) dhcpOptionsOf(vpcID string) string {
	if id, ok := d.doptOf[vpcID]; ok {
		return id
	}
	return noDHCPOptions
}

// addDopt stores a set.
func (d *dhcpStore) addDopt(r *doptRec) {
	d.dopts[r.o.ID()] = r
	addID(d.doptsIn, r.owner, r.o.ID())
}

// ensureDefaultDHCP makes sc's default set if it has never been made. A
// read that makes it changes the Cloud, so it moves Version on.
func (c *Cloud) ensureDefaultDHCP(sc scope) {
	if c.defaultMade[sc] {
		return
	}
	c.defaultMade[sc] = true
	if id := defaultDHCPOptionsID(sc); c.dopts[id] == nil {
		c.addDopt(&doptRec{owner: sc, o: dhcp.Default(id, sc.Account, sc.Region)})
	}
	c.version++
}

// newVPCDHCP associates a new VPC of sc with sc's default set, while it
// exists.
func (c *Cloud) newVPCDHCP(sc scope, vpcID string) {
	c.ensureDefaultDHCP(sc)
	id := defaultDHCPOptionsID(sc)
	if r := c.dopts[id]; r != nil && r.owner == sc {
		c.associateDHCP(vpcID, id)
	}
}

// findDopt returns the caller's option set with the given ID, or EC2's
// InvalidDhcpOptionsId.Malformed or InvalidDhcpOptionID.NotFound.
func (c *Cloud) findDopt(k *call, id string) (*doptRec, error) {
	if err := ec2.DHCPOptions.ParseID(id); err != nil {
		return nil, err
	}
	if id == defaultDHCPOptionsID(k.scope) {
		c.ensureDefaultDHCP(k.scope) // found, so the action goes on
	}
	r := c.dopts[id]
	if r == nil || r.owner != k.scope {
		return nil, ec2.DHCPOptions.NotFoundError(id, nil)
	}
	return r, nil
}

// NewDHCPConfiguration is one DhcpConfiguration.N of CreateDhcpOptions: an
// option's key and its values.
type NewDHCPConfiguration struct {
	Key    string   `ec2:"Key"`
	Values []string `ec2:"Value"`
}

// DHCPConfiguration is one option of a set as DescribeDhcpOptions shows
// it.
type DHCPConfiguration struct {
	Key    string           `ec2:"Key"`
	Values []AttributeValue `ec2:"ValueSet"`
}

// DHCPOptions is an option set as DescribeDhcpOptions shows it.
type DHCPOptions struct {
	DHCPOptionsID      string              `ec2:"DhcpOptionsId"`
	OwnerID            string              `ec2:"OwnerId"`
	DHCPConfigurations []DHCPConfiguration `ec2:"DhcpConfigurationSet"`
	Tags               []Tag               `ec2:"TagSet"`
}

func (c *Cloud) doptOutput(r *doptRec) DHCPOptions {
	out := DHCPOptions{DHCPOptionsID: r.o.ID(), OwnerID: r.o.OwnerID(), Tags: tagList(c.tagsOf(r.owner, r.o.ID()))}
	for _, conf := range r.o.Configurations() {
		out.DHCPConfigurations = append(out.DHCPConfigurations, DHCPConfiguration{Key: conf.Key,
			Values: mapSlice(conf.Values, func(v string) AttributeValue { return AttributeValue{Value: v} })})
	}
	return out
}

// CreateDhcpOptionsInput is the input of [Cloud.CreateDhcpOptions].
type CreateDhcpOptionsInput struct {
	DHCPConfigurations []NewDHCPConfiguration `ec2:"DhcpConfiguration,required"`
	TagSpecifications  []TagSpecification     `ec2:"TagSpecification"`
}

// CreateDhcpOptionsOutput is the output of [Cloud.CreateDhcpOptions].
type CreateDhcpOptionsOutput struct {
	DHCPOptions DHCPOptions `ec2:"DhcpOptions"`
}

func (c *Cloud) createDhcpOptions(k *call, in *CreateDhcpOptionsInput) (*CreateDhcpOptionsOutput, error) {
	tags, err := tagsFor(in.TagSpecifications, "dhcp-options")
	if err != nil {
		return nil, err
	}
	confs := mapSlice(in.DHCPConfigurations, func(n NewDHCPConfiguration) dhcp.Configuration {
		return dhcp.Configuration{Key: n.Key, Values: n.Values}
	})
	if _, err := dhcp.Check(confs); err != nil {
		return nil, err
	}
	id, err := c.newID(ec2.DHCPOptions)
	if err != nil {
		return nil, err
	}
	c.ensureDefaultDHCP(k.scope)
	o, err := dhcp.New(id, k.Account, confs)
	if err != nil {
		return nil, err
	}
	r := &doptRec{owner: k.scope, o: o}
	c.addDopt(r)
	c.setTags(k.scope, id, tags)
	return &CreateDhcpOptionsOutput{DHCPOptions: c.doptOutput(r)}, nil
}

// DeleteDhcpOptionsInput is the input of [Cloud.DeleteDhcpOptions].
type DeleteDhcpOptionsInput struct {
	DHCPOptionsID string `ec2:"DhcpOptionsId,required"`
}

// DeleteDhcpOptionsOutput is the output of [Cloud.DeleteDhcpOptions].
type DeleteDhcpOptionsOutput = ReturnOutput

func (c *Cloud) deleteDhcpOptions(k *call, in *DeleteDhcpOptionsInput) (*ReturnOutput, error) {
	r, err := c.findDopt(k, in.DHCPOptionsID)
	if err != nil {
		return nil, err
	}
	if len(c.vpcsOfDopt[r.o.ID()]) > 0 {
		return nil, &Error{Code: ec2.DependencyViolation,
			Message: fmt.Sprintf("The dhcpOptions '%s' has dependencies and cannot be deleted.", r.o.ID())}
	}
	delete(c.dopts, r.o.ID())
	removeID(c.doptsIn, k.scope, r.o.ID())
	c.dropTags(r.o.ID())
	return &ReturnOutput{Return: true}, nil
}

// AssociateDhcpOptionsInput is the input of [Cloud.AssociateDhcpOptions]:
// a set's ID, or "default" for none.
type AssociateDhcpOptionsInput struct {
	DHCPOptionsID string `ec2:"DhcpOptionsId,required"`
	VPCID         string `ec2:"VpcId,required"`
}

// AssociateDhcpOptionsOutput is the output of [Cloud.AssociateDhcpOptions].
type AssociateDhcpOptionsOutput = ReturnOutput

func (c *Cloud) associateDhcpOptions(k *call, in *AssociateDhcpOptionsInput) (*ReturnOutput, error) {
	v, err := c.findVPC(k, in.VPCID)
	if err != nil {
		return nil, err
	}
	id := in.DHCPOptionsID
	if id != noDHCPOptions {
		r, err := c.findDopt(k, id)
		if err != nil {
			return nil, err
		}
		id = r.o.ID()
	}
	c.associateDHCP(v.v.ID(), id)
	return &ReturnOutput{Return: true}, nil
}

// DescribeDhcpOptionsInput is the input of [Cloud.DescribeDhcpOptions].
type DescribeDhcpOptionsInput struct {
	DHCPOptionsIDs []string `ec2:"DhcpOptionsId"`
	Filters        []Filter `ec2:"Filter"`
	Page
}

// DescribeDhcpOptionsOutput is the output of [Cloud.DescribeDhcpOptions].
type DescribeDhcpOptionsOutput struct {
	DHCPOptions []DHCPOptions `ec2:"DhcpOptionsSet"`
	NextToken   string        `ec2:"NextToken,omitempty"`
}

var doptPage = pageLimits{min: 5, max: 1000, idsParam: "DhcpOptionsIds", token: ec2.DHCPOptions.IsID}

var doptFilters = filterFuncs[*doptRec]{
	"dhcp-options-id": func(r *doptRec) []string { return one(r.o.ID()) },
	"owner-id":        func(r *doptRec) []string { return one(r.o.OwnerID()) },
	"key": func(r *doptRec) []string {
		return mapSlice(r.o.Configurations(), func(c dhcp.Configuration) string { return c.Key })
	},
	"value": func(r *doptRec) []string {
		var out []string
		for _, c := range r.o.Configurations() {
			out = append(out, c.Values...)
		}
		return out
	},
}

func (c *Cloud) describeDhcpOptions(k *call, in *DescribeDhcpOptionsInput) (*DescribeDhcpOptionsOutput, error) {
	if err := in.Page.check(doptPage, len(in.DHCPOptionsIDs) > 0); err != nil {
		return nil, err
	}
	m, err := compileFilters(in.Filters, doptFilters, func(r *doptRec) tag.Set { return c.tagsOf(r.owner, r.o.ID()) })
	if err != nil {
		return nil, err
	}
	c.ensureDefaultDHCP(k.scope)
	var rs []*doptRec
	if len(in.DHCPOptionsIDs) > 0 {
		for _, id := range in.DHCPOptionsIDs {
			r, err := c.findDopt(k, id)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
		slices.SortFunc(rs, func(a, b *doptRec) int { return strings.Compare(a.o.ID(), b.o.ID()) })
	} else {
		for _, id := range sortedIDs(c.doptsIn[k.scope]) {
			rs = append(rs, c.dopts[id])
		}
	}
	rs = slices.DeleteFunc(rs, func(r *doptRec) bool { return !m.match(r) })
	pageOf, next, err := paginate(rs, func(r *doptRec) string { return r.o.ID() }, in.Page, doptPage, len(in.DHCPOptionsIDs) > 0)
	if err != nil {
		return nil, err
	}
	out := &DescribeDhcpOptionsOutput{NextToken: next}
	for _, r := range pageOf {
		out.DHCPOptions = append(out.DHCPOptions, c.doptOutput(r))
	}
	return out, nil
}
