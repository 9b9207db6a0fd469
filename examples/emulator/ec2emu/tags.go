package ec2emu

import (
	"fmt"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// tagsFor collects the tags of the TagSpecifications meant for resourceType
// into a validated set.
func tagsFor(specs []tagSpec, resourceType string) (tag.Set, error) {
	all, err := tagArgsFor(specs, resourceType)
	if err != nil {
		return tag.Set{}, err
	}
	return tag.NewSet(all...)
}

// setTags records owner's tags on a resource; an empty set removes them.
func (s *Server) setTags(owner scope, id string, tags tag.Set) {
	byScope := s.st.tags[id]
	if tags.Len() == 0 {
		delete(byScope, owner)
		if len(byScope) == 0 {
			delete(s.st.tags, id)
		}
		return
	}
	if byScope == nil {
		byScope = make(map[scope]tag.Set, 1)
		s.st.tags[id] = byScope
	}
	byScope[owner] = tags
}

// tagsOf returns owner's tags on a resource.
func (s *Server) tagsOf(owner scope, id string) tag.Set { return s.st.tags[id][owner] }

// dropTags forgets every scope's tags on a resource that no longer exists.
func (s *Server) dropTags(id string) {
	delete(s.st.tags, id)
}

// badResourceType is EC2's refusal of a TagSpecification for another
// resource type.
func badResourceType(rt string) error {
	return &ec2.Error{Code: ec2.InvalidParameterValue,
		Message: fmt.Sprintf("'%s' is not a valid taggable resource type for this operation.", rt)}
}

// tagOp is one CreateTags or DeleteTags request's change to a tag set.
type tagOp struct {
	add    []tag.Tag      // CreateTags
	del    []deleteTagArg // DeleteTags
	delAll bool           // DeleteTags without Tag: every tag
}

func (op tagOp) apply(set tag.Set) (tag.Set, error) {
	if op.delAll {
		return tag.Set{}, nil
	}
	for _, t := range op.del {
		if t.Value == nil {
			set = set.WithoutKeys(t.Key)
		} else {
			set = set.Without(tag.Tag{Key: t.Key, Value: *t.Value})
		}
	}
	if len(op.add) > 0 {
		return set.With(op.add...)
	}
	return set, nil
}

// tagger is how CreateTags and DeleteTags reach one kind of resource: get
// returns the caller's tags (or the resource's not-found error), put stores
// the result of op. Resources the emulator holds keep their tags in the
// store; peering connections keep theirs in the peering registry.
type tagger struct {
	kind ec2.Kind
	get  func(s *Server, c *call, id string) (tag.Set, error)
	put  func(s *Server, c *call, id string, op tagOp, next tag.Set) error
}

// storeTags is the put of every resource whose tags the store keeps.
func storeTags(s *Server, c *call, id string, _ tagOp, next tag.Set) error {
	s.setTags(c.scope(), id, next)
	return nil
}

// storedTags returns a get for a resource whose tags the store keeps,
// given the function that checks the caller can see it.
func storedTags(visible func(s *Server, c *call, id string) error) func(*Server, *call, string) (tag.Set, error) {
	return func(s *Server, c *call, id string) (tag.Set, error) {
		if err := visible(s, c, id); err != nil {
			return tag.Set{}, err
		}
		return s.tagsOf(c.scope(), id), nil
	}
}

// taggable lists the resource kinds CreateTags and DeleteTags accept.
var taggable = []tagger{
	{ec2.VPC, storedTags(func(s *Server, c *call, id string) error { _, err := s.findVPC(c, id); return err }), storeTags},
	{ec2.RouteTable, storedTags(func(s *Server, c *call, id string) error { _, err := s.findRouteTable(c, id); return err }), storeTags},
	{ec2.CustomerGateway, storedTags(func(s *Server, c *call, id string) error { _, err := s.findCGW(c, id); return err }), storeTags},
	{ec2.VPNGateway, storedTags(func(s *Server, c *call, id string) error { _, err := s.findVGW(c, id); return err }), storeTags},
	{ec2.VPNConnection, storedTags(func(s *Server, c *call, id string) error { _, err := s.findVPN(c, id); return err }), storeTags},
	{ec2.PeeringConnection, func(s *Server, c *call, id string) (tag.Set, error) {
		v, err := s.st.peering.Get(c.party(), id, c.now)
		return v.Tags(), err
	}, putPeeringTags},
}

func (s *Server) taggerFor(id string) (tagger, error) {
	for _, t := range taggable {
		if t.kind.IsID(id) {
			return t, nil
		}
	}
	return tagger{}, &ec2.Error{Code: ec2.InvalidParameterValue,
		Message: fmt.Sprintf("Invalid id: \"%s\"", id)}
}

// retag applies op to every resource, all or nothing: every resource is
// found and every result computed before anything is stored.
func (s *Server) retag(c *call, ids []string, op tagOp) (*returnOutput, error) {
	taggers := make([]tagger, len(ids))
	next := make([]tag.Set, len(ids))
	for i, id := range ids {
		t, err := s.taggerFor(id)
		if err != nil {
			return nil, err
		}
		cur, err := t.get(s, c, id)
		if err != nil {
			return nil, err
		}
		if next[i], err = op.apply(cur); err != nil {
			return nil, err
		}
		taggers[i] = t
	}
	for i, id := range ids {
		if err := taggers[i].put(s, c, id, op, next[i]); err != nil {
			return nil, bug(err) // validated above
		}
	}
	return &returnOutput{Return: true}, nil
}

type createTagsInput struct {
	ResourceIDs []string `ec2:"ResourceId,required"`
	Tags        []tagArg `ec2:"Tag,required"`
}

func (s *Server) createTags(c *call, in *createTagsInput) (*returnOutput, error) {
	add := make([]tag.Tag, len(in.Tags))
	for i, t := range in.Tags {
		add[i] = tag.Tag{Key: t.Key, Value: t.Value}
	}
	return s.retag(c, in.ResourceIDs, tagOp{add: add})
}

type deleteTagArg struct {
	Key   string  `ec2:"Key"`
	Value *string `ec2:"Value"`
}

type deleteTagsInput struct {
	ResourceIDs []string       `ec2:"ResourceId,required"`
	Tags        []deleteTagArg `ec2:"Tag"`
}

func (s *Server) deleteTags(c *call, in *deleteTagsInput) (*returnOutput, error) {
	return s.retag(c, in.ResourceIDs, tagOp{del: in.Tags, delAll: len(in.Tags) == 0})
}
