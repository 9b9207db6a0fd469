package ec2emu

import (
	"fmt"

	"github.com/vpclab/vpcmodel/internal/ec2"
	"github.com/vpclab/vpcmodel/tag"
)

// tagsFor collects the tags of the TagSpecifications meant for resourceType
// into a validated set.
func tagsFor(specs []tagSpec, resourceType string) (tag.Set, error) {
	var all []tag.Tag
	for _, sp := range specs {
		if sp.ResourceType != resourceType {
			return tag.Set{}, &ec2.Error{Code: ec2.InvalidParameterValue,
				Message: fmt.Sprintf("'%s' is not a valid taggable resource type for this operation.", sp.ResourceType)}
		}
		for _, t := range sp.Tags {
			all = append(all, tag.Tag{Key: t.Key, Value: t.Value})
		}
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

// taggable lists the resource kinds CreateTags and DeleteTags accept, each
// with how to check that the caller can see a resource of that kind.
var taggable = []struct {
	kind    ec2.Kind
	visible func(s *Server, c *call, id string) error
}{
	{ec2.VPC, func(s *Server, c *call, id string) error { _, err := s.findVPC(c, id); return err }},
}

// checkTaggable returns nil when the caller can see the resource id.
func (s *Server) checkTaggable(c *call, id string) error {
	for _, t := range taggable {
		if t.kind.IsID(id) {
			return t.visible(s, c, id)
		}
	}
	return &ec2.Error{Code: ec2.InvalidParameterValue,
		Message: fmt.Sprintf("Invalid id: \"%s\"", id)}
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
	next := make([]tag.Set, len(in.ResourceIDs))
	for i, id := range in.ResourceIDs {
		if err := s.checkTaggable(c, id); err != nil {
			return nil, err
		}
		set, err := s.tagsOf(c.scope(), id).With(add...)
		if err != nil {
			return nil, err
		}
		next[i] = set
	}
	for i, id := range in.ResourceIDs {
		s.setTags(c.scope(), id, next[i])
	}
	return &returnOutput{Return: true}, nil
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
	for _, id := range in.ResourceIDs {
		if err := s.checkTaggable(c, id); err != nil {
			return nil, err
		}
	}
	for _, id := range in.ResourceIDs {
		set := s.tagsOf(c.scope(), id)
		if len(in.Tags) == 0 {
			set = tag.Set{} // no Tag parameter: delete them all
		}
		for _, t := range in.Tags {
			if t.Value == nil {
				set = set.WithoutKeys(t.Key)
			} else {
				set = set.Without(tag.Tag{Key: t.Key, Value: *t.Value})
			}
		}
		s.setTags(c.scope(), id, set)
	}
	return &returnOutput{Return: true}, nil
}
