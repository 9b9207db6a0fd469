// Package ipsec proves on the wire that the strongSwan configurations
// vpcmodel renders for a customer gateway (swanctl.conf from
// [vpn.StrongSwan], ipsec.conf from [vpn.SampleConfiguration]) bring both
// tunnels of a VPN connection up against a real IKE daemon.
//
// The package holds only tests. As root, with strongSwan installed (Debian:
// strongswan-charon, strongswan-swanctl, libstrongswan-standard-plugins and
// libcharon-extra-plugins), they build two network namespaces joined by a
// veth pair, each with its own charon. In the customer gateway's, charon
// gets the rendered configuration unchanged: swanctl.conf through swanctl,
// or ipsec.conf and ipsec.secrets through starter and the stroke plugin. In
// AWS's, a second charon plays both AWS tunnel endpoints with a
// configuration derived from the same [vpn.Connection]'s tunnel options:
// what AWS would accept, proposals weakest first, the same pre-shared keys,
// lifetimes, rekey margin and fuzz, dead peer detection.
//
// The tests assert that each tunnel's IKE SA is ESTABLISHED and its CHILD SA
// INSTALLED with the algorithms AWS would pick; that pings between the
// inside addresses cross each tunnel (its CHILD SA counters rise on both
// sides); that CHILD and IKE SAs rekey, with PFS; that a mismatched
// pre-shared key keeps a tunnel down; and that the tunnels come back by
// themselves after the AWS side restarts. A configuration counts as loaded
// when swanctl exits 0 and reports each of its connections and secrets
// loaded: a broken one fails the test, while swanctl's warnings (about
// plugins a distribution leaves out, say) do not. Without root, ip netns or
// strongSwan they skip; .ci/setup installs strongSwan in CI.
//
// ESP runs in charon's userspace (the kernel-libipsec plugin, over a TUN
// device) rather than in the kernel, because the machines this runs on lack
// the kernel's ESP, VTI and XFRM interface support. That backend ignores
// XFRM interface IDs and VTI marks, so the pings probe one tunnel at a time.
// Everything the tests create (namespaces, links, daemons, files) is
// removed when they end, and no packet leaves the two namespaces: every
// address is a documentation address routed only over the veth pair.
package ipsec
