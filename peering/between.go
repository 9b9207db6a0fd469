package peering

import "time"

// Between returns the live connection (initiating-request,
// pending-acceptance, provisioning or active) between VPCs a and b, in
// either direction, as the Registry holds it at now, and whether there is
// one. There is at most one: a second request between the same VPCs is
// refused while one is live. Like [Registry.Connection] it is for the
// embedder's own rules (a security group rule that refers to a group in a
// peer VPC matches only while a connection between the VPCs is active),
// never for answering a caller.
func (r *Registry) Between(a, b VPCRef, now time.Time) (Connection, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.advance(now)
	k := pairKey{a, b}
	if less(b, a) {
		k = pairKey{b, a}
	}
	e, ok := r.live[k]
	if !ok {
		return Connection{}, false
	}
	return e.c, true
}
