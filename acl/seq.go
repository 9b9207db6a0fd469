package acl

import "iter"

// All returns an iterator over a's entries in the order [ACL.Entries] lists
// them (ingress first, then by rule number, lowest first: the order they
// are evaluated in), without copying them. The zero ACL yields nothing.
func (a ACL) All() iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		for _, e := range a.entries {
			if !yield(e) {
				return
			}
		}
	}
}
