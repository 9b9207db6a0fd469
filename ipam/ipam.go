package ipam

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/vpclab/vpcmodel/internal/ec2"
)

// Allocation is one block given out from a pool: to a resource (a VPC),
// or by AllocateIpamPoolCidr (ResourceType "custom").
type Allocation struct {
	ID           string       `json:"id"`
	CIDR         netip.Prefix `json:"cidr"`
	ResourceID   string       `json:"resourceId,omitempty"`
	ResourceType string       `json:"resourceType"`
	Description  string       `json:"description,omitempty"`
}

// PoolCIDR is one CIDR provisioned to a pool and its state:
// pending-provision, provisioned, pending-deprovision, deprovisioned, or
// failed-deprovision with the reason in FailureMessage.
type PoolCIDR struct {
	ID             string       `json:"id"`
	CIDR           netip.Prefix `json:"cidr"`
	State          string       `json:"state"`
	FailureMessage string       `json:"failureMessage,omitempty"`
}

// FailedDeprovisionMessage is why a deprovisioning fails while allocations
// lie in the CIDR, as EC2 words it.
const FailedDeprovisionMessage = "The CIDR has one or more allocations."

// Live reports whether c counts as pool space: provisioned, or on its way
// in or out.
func (c PoolCIDR) Live() bool { return c.State != "deprovisioned" }

// invalid is EC2's refusal of a bad parameter value.
func invalid(format string, a ...any) error {
	return &ec2.Error{Code: ec2.InvalidParameterValue, Message: fmt.Sprintf(format, a...)}
}

// incorrectState is EC2's refusal of an action the resource's state does
// not allow.
func incorrectState(format string, a ...any) error {
	return &ec2.Error{Code: "IncorrectState", Message: fmt.Sprintf(format, a...)}
}

// DependencyViolation is EC2's refusal to delete id while it holds what
// (a sentence), worded as EC2 words it for a pool with CIDRs: "The
// specified action is not valid for ipam-pool-…. There are one or more
// pool cidrs provisioned in the pool."
func DependencyViolation(id, what string) error {
	return &ec2.Error{Code: ec2.DependencyViolation, Message: fmt.Sprintf("The specified action is not valid for %s. %s", id, what)}
}

// NextFree returns the lowest block of netmask length bits that is aligned
// on its size, lies inside one of the within blocks and overlaps none of
// the taken blocks; ok is false when there is none.
func NextFree(within, taken []netip.Prefix, bits int) (p netip.Prefix, ok bool) {
	var best netip.Prefix
	for _, w := range within {
		if bits < w.Bits() || bits > w.Addr().BitLen() {
			continue
		}
		for c := netip.PrefixFrom(w.Addr(), bits).Masked(); w.Contains(c.Addr()); {
			blocker, hit := firstOverlap(c, taken)
			if !hit {
				if !best.IsValid() || c.Addr().Less(best.Addr()) {
					best = c
				}
				break
			}
			// Skip past the overlapping block: the next candidate is the
			// first aligned block after the larger of the two.
			end := lastAddr(blocker)
			if lastAddr(c).Compare(end) > 0 {
				end = lastAddr(c)
			}
			next := end.Next()
			if !next.IsValid() {
				break
			}
			c = netip.PrefixFrom(next, bits).Masked()
			if c.Addr().Less(next) {
				break
			}
		}
	}
	return best, best.IsValid()
}

// CheckFree returns nil when p lies inside one of the within blocks and
// overlaps none of the taken ones, else EC2's refusal.
func CheckFree(within, taken []netip.Prefix, p netip.Prefix) error {
	if !slices.ContainsFunc(within, func(w netip.Prefix) bool { return w.Bits() <= p.Bits() && w.Contains(p.Addr()) }) {
		return invalid("The CIDR %s is not inside a CIDR provisioned to the pool.", p)
	}
	if q, hit := firstOverlap(p, taken); hit {
		return invalid("The CIDR %s overlaps the allocation %s.", p, q)
	}
	return nil
}

func firstOverlap(p netip.Prefix, taken []netip.Prefix) (netip.Prefix, bool) {
	for _, t := range taken {
		if t.Overlaps(p) {
			return t, true
		}
	}
	return netip.Prefix{}, false
}

// lastAddr returns the last address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().AsSlice()
	host := a[:]
	for i := p.Bits(); i < len(host)*8; i++ {
		host[i/8] |= 1 << (7 - i%8)
	}
	out, _ := netip.AddrFromSlice(host)
	return out
}
