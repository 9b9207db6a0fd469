package vpn

import (
	"time"

	"github.com/vpclab/vpcmodel/status"
)

// DeletedRetention is how long a deleted customer gateway, virtual private
// gateway or VPN connection stays listed, in state deleted, by the Describe
// actions. EC2 says only that deleted resources remain visible "for a short
// while"; one hour is this project's decision, not a documented AWS value.
// See [CustomerGateway.IsListed], [Gateway.IsListed] and
// [Connection.IsListed].
const DeletedRetention = time.Hour

// listed reports whether a resource in state, deleted at deletedAt, is
// listed at now: always unless deleted, and while now is before
// deletedAt + DeletedRetention.
func listed(valid bool, state status.State, deletedAt, now time.Time) bool {
	if !valid {
		return false
	}
	return state != status.StateDeleted || now.Before(deletedAt.Add(DeletedRetention))
}
