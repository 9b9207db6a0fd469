package secgroup

import "iter"

// All returns an iterator over g's rules in the order [Group.Rules] lists
// them, without copying them. The zero Group yields nothing.
func (g Group) All() iter.Seq[Rule] {
	return func(yield func(Rule) bool) {
		for _, r := range g.rules {
			if !yield(r) {
				return
			}
		}
	}
}
